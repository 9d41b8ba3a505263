//! The wallet page's server function: the caller's cashback, as the JSON API shows it
//! (`GET /api/v1/wallet`), so both read the same balances, lots and ledger lines.

use api_types::buying::Wallet;
use leptos::prelude::*;

use super::BuyingError;

/// The logged-in shopper's wallet: balances, cashback lots and the latest ledger lines.
#[server(prefix = "/_fn", endpoint = "load_wallet")]
pub async fn load_wallet() -> Result<Wallet, BuyingError> {
    // The user comes from the session, never from the browser: only one's own wallet.
    let user_id = super::ssr::shopper()?;
    let db = super::ssr::db()?;
    let view = services::buying::cashback::wallet(&db, &user_id)
        .await
        .map_err(super::ssr::unavailable("loading a wallet"))?;
    let mut wallet = crate::convert::buying::wallet_of(&view);
    orders_of_lot_lines(&view, &mut wallet);
    Ok(wallet)
}

/// Maturing and expiring lines are posted against a lot (`cashback_matured:{lot}`), not an
/// order: they get the order of that lot, so every line of the history leads to one.
#[cfg(feature = "ssr")]
fn orders_of_lot_lines(view: &services::buying::cashback::WalletView, wallet: &mut Wallet) {
    for (line, entry) in view.entries.iter().zip(wallet.entries.iter_mut()) {
        if entry.order_id.is_some()
            || !matches!(line.kind(), "cashback_matured" | "cashback_expired")
        {
            continue;
        }
        let lot_id = line.movement_key.split_once(':').map(|(_, id)| id);
        entry.order_id = view
            .lots
            .iter()
            .find(|lot| Some(lot.id.as_str()) == lot_id)
            .and_then(|lot| lot.order_id.clone());
    }
}
