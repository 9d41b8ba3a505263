//! What the wallet page shows, worked out from the API's wallet: plain functions, tested
//! here, so the components only lay them out.

use api_types::buying::{CashbackLot, Wallet};

use crate::format::format_price;
use crate::i18n::{Locale, WalletMsg};

/// Nothing earned and nothing moved yet: the page explains cashback instead.
pub fn is_empty(wallet: &Wallet) -> bool {
    wallet.available_cents == 0
        && wallet.pending_cents == 0
        && wallet.lots.is_empty()
        && wallet.entries.is_empty()
}

/// Cashback still pending, the soonest available first; lots whose goods have not been
/// handed over yet (no date known) come last, newest first as the service sent them.
pub fn pending_lots(wallet: &Wallet) -> Vec<CashbackLot> {
    let mut lots: Vec<CashbackLot> = wallet
        .lots
        .iter()
        .filter(|lot| lot.status == "pending")
        .cloned()
        .collect();
    // RFC 3339 UTC timestamps sort as text; the sort is stable.
    lots.sort_by_key(|lot| (lot.matures_at.is_none(), lot.matures_at.clone()));
    lots
}

/// Available cashback with something left that will expire, the soonest first.
pub fn expiring_lots(wallet: &Wallet) -> Vec<CashbackLot> {
    let mut lots: Vec<CashbackLot> = wallet
        .lots
        .iter()
        .filter(|lot| lot.status == "available" && lot.remaining_cents > 0)
        .filter(|lot| lot.expires_at.is_some())
        .cloned()
        .collect();
    lots.sort_by_key(|lot| lot.expires_at.clone());
    lots
}

/// The number of an order the wallet's lots know, for links that read better than an id.
pub fn order_number(wallet: &Wallet, order_id: &str) -> Option<String> {
    wallet
        .lots
        .iter()
        .find(|lot| lot.order_id.as_deref() == Some(order_id))
        .and_then(|lot| lot.order_number.clone())
}

/// What a ledger line's kind means to the shopper.
pub fn kind_message(kind: &str) -> WalletMsg {
    match kind {
        "cashback_earned" => WalletMsg::KindEarned,
        "cashback_boost" => WalletMsg::KindBoost,
        "cashback_matured" => WalletMsg::KindMatured,
        "cashback_hold" => WalletMsg::KindHold,
        "cashback_unheld" => WalletMsg::KindUnheld,
        "refund_wallet" => WalletMsg::KindRefund,
        "cashback_reversed" => WalletMsg::KindReversed,
        "cashback_boost_reversed" => WalletMsg::KindBoostReversed,
        "cashback_expired" => WalletMsg::KindExpired,
        _ => WalletMsg::KindOther,
    }
}

/// An amount with its direction: `+0,72 €`, `-0,72 €`.
pub fn signed_price(cents: i64, locale: Locale) -> String {
    if cents > 0 {
        format!("+{}", format_price(cents, locale))
    } else {
        format_price(cents, locale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lot(id: &str, status: &str, matures: Option<&str>, expires: Option<&str>) -> CashbackLot {
        CashbackLot {
            id: id.into(),
            kind: "earned".into(),
            status: status.into(),
            amount_cents: 100,
            remaining_cents: if status == "available" { 100 } else { 0 },
            boost_cents: 0,
            order_id: Some(format!("o-{id}")),
            order_number: Some(format!("H-{id}")),
            shop_name: Some("Atelier".into()),
            matures_at: matures.map(str::to_owned),
            expires_at: expires.map(str::to_owned),
            created_at: "2026-01-01T00:00:00Z".into(),
        }
    }

    fn wallet(lots: Vec<CashbackLot>) -> Wallet {
        Wallet {
            available_cents: 0,
            pending_cents: 0,
            currency: "EUR".into(),
            entries: Vec::new(),
            lots,
        }
    }

    fn ids(lots: &[CashbackLot]) -> Vec<&str> {
        lots.iter().map(|lot| lot.id.as_str()).collect()
    }

    #[test]
    fn pending_lots_come_soonest_first_and_undated_last() {
        let w = wallet(vec![
            lot("new", "pending", None, None),
            lot("late", "pending", Some("2026-03-02T00:00:00Z"), None),
            lot("spent", "available", None, Some("2027-01-01T00:00:00Z")),
            lot("soon", "pending", Some("2026-02-01T00:00:00Z"), None),
            lot("old", "pending", None, None),
        ]);
        assert_eq!(ids(&pending_lots(&w)), ["soon", "late", "new", "old"]);
    }

    #[test]
    fn only_available_lots_with_something_left_expire() {
        let mut used_up = lot("used", "available", None, Some("2026-05-01T00:00:00Z"));
        used_up.remaining_cents = 0;
        let w = wallet(vec![
            lot("later", "available", None, Some("2027-01-01T00:00:00Z")),
            used_up,
            lot("gone", "expired", None, Some("2025-01-01T00:00:00Z")),
            lot("sooner", "available", None, Some("2026-06-01T00:00:00Z")),
            lot("waiting", "pending", None, None),
        ]);
        assert_eq!(ids(&expiring_lots(&w)), ["sooner", "later"]);
    }

    #[test]
    fn a_wallet_is_empty_only_without_money_lots_or_lines() {
        assert!(is_empty(&wallet(Vec::new())));
        assert!(!is_empty(&wallet(vec![lot("a", "expired", None, None)])));
        let funded = Wallet {
            available_cents: 1,
            ..wallet(Vec::new())
        };
        assert!(!is_empty(&funded));
    }

    #[test]
    fn lines_read_in_words_with_their_direction() {
        assert_eq!(kind_message("cashback_matured"), WalletMsg::KindMatured);
        assert_eq!(kind_message("something_new"), WalletMsg::KindOther);
        assert_eq!(signed_price(72, Locale::En), "+€0.72");
        assert_eq!(signed_price(-72, Locale::En), "-€0.72");
        let w = wallet(vec![lot("a", "pending", None, None)]);
        assert_eq!(order_number(&w, "o-a").as_deref(), Some("H-a"));
        assert_eq!(order_number(&w, "o-b"), None);
    }
}
