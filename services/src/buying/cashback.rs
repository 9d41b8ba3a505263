//! Cashback: credit earned on every paid seller order, pending until the goods are handed
//! over and the return window has passed, then spendable with any seller for 12 months.
//!
//! Money only moves through the ledger; `wallets` caches each shopper's two balances with
//! CHECK constraints, so a conditional `UPDATE … WHERE available_cents >= ?` is what lets
//! 64 parallel checkouts spend a wallet without ever driving it below zero. Lots record
//! each earning or credit: what it was, what was reversed, what is left to spend (spent
//! first-to-expire), so every cent in a wallet traces back to an order.
//!
//! Accounts: `wallet:{user}` (available), `wallet:{user}:pending`, `hold:{order}` (spent on
//! an order not paid yet), `platform:cashback` (the platform's expense), and the shop's
//! `seller:{shop}:pending` for the boosts it funds.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseBackend, FromQueryResult, Value};

use super::ledger::{self, Refs};
use crate::db::{InsertRows, Script, statement};
use crate::{Db, StoreError, new_id, now};
use domain::cashback::{LineRates, PartAmounts, earned_per_line};
use domain::money::split_proportionally;

/// The platform's cashback expense account.
pub const PLATFORM: &str = "platform:cashback";

pub fn pending_account(user_id: &str) -> String {
    format!("wallet:{user_id}:pending")
}

pub fn hold_account(order_id: &str) -> String {
    format!("hold:{order_id}")
}

async fn exec(
    conn: &impl ConnectionTrait,
    sql: &str,
    values: impl IntoIterator<Item = Value>,
) -> Result<u64, StoreError> {
    let result = conn
        .execute_raw(statement(conn.get_database_backend(), sql, values))
        .await?;
    Ok(result.rows_affected())
}

async fn ensure_wallet(conn: &impl ConnectionTrait, user_id: &str) -> Result<(), StoreError> {
    exec(
        conn,
        "INSERT INTO wallets (user_id, available_cents, pending_cents, updated_at) VALUES (?, 0, 0, ?) \
         ON CONFLICT (user_id) DO NOTHING",
        [user_id.to_owned().into(), now().into()],
    )
    .await?;
    Ok(())
}

/// Moves `delta` into (or, negative, out of) one of the wallet's cached balances; refuses
/// to go below zero.
async fn adjust(
    conn: &impl ConnectionTrait,
    user_id: &str,
    column: &'static str,
    delta: i64,
) -> Result<bool, StoreError> {
    ensure_wallet(conn, user_id).await?;
    let moved = exec(
        conn,
        &format!(
            "UPDATE wallets SET {column} = {column} + ?, updated_at = ? WHERE user_id = ? AND {column} + ? >= 0"
        ),
        [delta.into(), now().into(), user_id.to_owned().into(), delta.into()],
    )
    .await?;
    Ok(moved == 1)
}

/// A shopper's balances.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Balances {
    pub available_cents: i64,
    pub pending_cents: i64,
}

pub async fn balances(conn: &impl ConnectionTrait, user_id: &str) -> Result<Balances, StoreError> {
    let row = conn
        .query_one_raw(statement(
            conn.get_database_backend(),
            "SELECT available_cents, pending_cents FROM wallets WHERE user_id = ?",
            [Value::from(user_id.to_owned())],
        ))
        .await?;
    Ok(match row {
        Some(row) => Balances {
            available_cents: row.try_get_by_index(0)?,
            pending_cents: row.try_get_by_index(1)?,
        },
        None => Balances::default(),
    })
}

async fn expiry_months(conn: &impl ConnectionTrait) -> Result<i64, StoreError> {
    let row = conn
        .query_one_raw(statement(
            conn.get_database_backend(),
            "SELECT cashback_expiry_months FROM platform_settings WHERE id = 1",
            [],
        ))
        .await?;
    Ok(match row {
        Some(row) => i64::from(row.try_get_by_index::<i32>(0)?),
        None => 12,
    })
}

fn months_from(at: DateTime<Utc>, months: i64) -> DateTime<Utc> {
    at + Duration::days(months * 30 + months / 2)
}

fn insufficient(available: i64) -> StoreError {
    StoreError::Invalid {
        code: "cashback_insufficient",
        message: format!(
            "you have {} of cashback to spend",
            domain::money::format_euros(available)
        ),
        field: Some("use_cashback_cents"),
    }
}

#[derive(Debug, FromQueryResult)]
struct SpendableLot {
    id: String,
    remaining_cents: i64,
}

/// Checkout: sets `amount` aside from the wallet for an order waiting for its payment.
/// Lots are drawn first-to-expire.
pub async fn hold_for_order(
    txn: &impl ConnectionTrait,
    user_id: &str,
    order_id: &str,
    amount: i64,
) -> Result<(), StoreError> {
    if amount <= 0 {
        return Ok(());
    }
    if !adjust(txn, user_id, "available_cents", -amount).await? {
        return Err(insufficient(balances(txn, user_id).await?.available_cents));
    }
    ledger::transfer(
        txn,
        &format!("cashback_hold:{order_id}"),
        &ledger::wallet(user_id),
        &hold_account(order_id),
        amount,
        Refs {
            order_id: Some(order_id),
            seller_order_id: None,
        },
    )
    .await?;
    let lock = if txn.get_database_backend() == DatabaseBackend::Postgres {
        " FOR UPDATE"
    } else {
        ""
    };
    let lots = SpendableLot::find_by_statement(statement(
        txn.get_database_backend(),
        &format!(
            "SELECT id, remaining_cents FROM cashback_lots WHERE user_id = ? AND status = 'available' \
             AND remaining_cents > 0 ORDER BY expires_at, id{lock}"
        ),
        [Value::from(user_id.to_owned())],
    ))
    .all(txn)
    .await?;
    let mut left = amount;
    for lot in lots {
        if left == 0 {
            break;
        }
        let take = left.min(lot.remaining_cents);
        exec(
            txn,
            "UPDATE cashback_lots SET remaining_cents = remaining_cents - ? WHERE id = ? AND remaining_cents >= ?",
            [take.into(), lot.id.into(), take.into()],
        )
        .await?;
        left -= take;
    }
    Ok(())
}

async fn held(conn: &impl ConnectionTrait, order_id: &str) -> Result<(String, i64), StoreError> {
    let row = conn
        .query_one_raw(statement(
            conn.get_database_backend(),
            "SELECT user_id, cashback_used_cents FROM orders WHERE id = ?",
            [Value::from(order_id.to_owned())],
        ))
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok((row.try_get_by_index(0)?, row.try_get_by_index(1)?))
}

/// Paid: the cashback set aside pays for the order (added to the settlement's batch).
pub fn spend_hold(batch: &mut ledger::Batch, order: &crate::db::entity::orders::Model) {
    batch.transfer(
        &format!("cashback_spent:{}", order.id),
        &hold_account(&order.id),
        &ledger::order(&order.id),
        order.cashback_used_cents,
        Refs {
            order_id: Some(&order.id),
            seller_order_id: None,
        },
    );
}

/// Not paid: the cashback set aside goes back to the wallet (as a fresh lot).
pub async fn release_hold(conn: &impl ConnectionTrait, order_id: &str) -> Result<(), StoreError> {
    let (user_id, amount) = held(conn, order_id).await?;
    let posted = ledger::transfer(
        conn,
        &format!("cashback_unheld:{order_id}"),
        &hold_account(order_id),
        &ledger::wallet(&user_id),
        amount,
        Refs {
            order_id: Some(order_id),
            seller_order_id: None,
        },
    )
    .await?;
    if posted {
        credit_lot(conn, &user_id, amount, &format!("unheld:{order_id}")).await?;
    }
    Ok(())
}

/// Cashback given back to a wallet (a refund of what cashback paid): a lot, available
/// now, and the cached balance. The caller posts the ledger movement.
pub async fn credit_lot(
    conn: &impl ConnectionTrait,
    user_id: &str,
    amount: i64,
    source_key: &str,
) -> Result<(), StoreError> {
    if amount <= 0 {
        return Ok(());
    }
    let at = now();
    let expires = months_from(at, expiry_months(conn).await?);
    exec(
        conn,
        "INSERT INTO cashback_lots (id, user_id, kind, source_key, platform_cents, boost_cents, \
         remaining_cents, status, available_at, expires_at, created_at) \
         VALUES (?, ?, 'credit', ?, ?, 0, ?, 'available', ?, ?, ?)",
        [
            new_id().into(),
            user_id.to_owned().into(),
            source_key.to_owned().into(),
            amount.into(),
            amount.into(),
            at.into(),
            expires.into(),
            at.into(),
        ],
    )
    .await?;
    adjust(conn, user_id, "available_cents", amount).await?;
    Ok(())
}

#[derive(Debug, FromQueryResult)]
struct EarningLine {
    seller_order_id: String,
    line_cents: i64,
    base_bps: i32,
    boost_bps: i32,
    campaign_bps: i32,
}

fn amounts_of(part: &crate::db::entity::seller_orders::Model) -> PartAmounts {
    PartAmounts {
        items_cents: part.items_cents,
        discount_cents: part.discount_cents,
        total_cents: part.total_cents,
        cashback_used_cents: part.cashback_used_cents,
    }
}

/// What a part earns: (platform-funded, shop-funded boost). The base is what the card paid
/// for the items: items less discount, less the share of the part paid with cashback (the
/// maths is [`domain::cashback`], which the estimates shown before buying use too).
fn earning(amounts: &PartAmounts, lines: &[&EarningLine], base_bps: i32) -> (i64, i64) {
    let lines: Vec<(i64, LineRates)> = lines
        .iter()
        .map(|line| {
            (
                line.line_cents,
                line_rates(base_bps, line.boost_bps, line.campaign_bps),
            )
        })
        .collect();
    earned_per_line(amounts, &lines)
        .into_iter()
        .fold((0, 0), |(platform, boost), earned| {
            (platform + earned.platform_cents, boost + earned.boost_cents)
        })
}

/// A line's rates: the platform's base plus the best running campaign, and the shop's boost.
pub(crate) fn line_rates(base_bps: i32, boost_bps: i32, campaign_bps: i32) -> LineRates {
    LineRates {
        platform_bps: base_bps + campaign_bps,
        boost_bps,
    }
}

/// What a paid order earns, part by part: read before the settlement takes the write
/// lock (the parts, lines, boosts and rates it reads do not change with the payment), then
/// written inside it by [`EarningPlan::apply`].
#[derive(Debug)]
pub struct EarningPlan {
    order_id: String,
    user_id: String,
    /// (seller order, shop, platform-funded cents, shop-funded boost cents), non-zero only.
    lots: Vec<(String, String, i64, i64)>,
}

/// A line's `boost_bps` (the offer's boost, else its shop's) and `campaign_bps` (the best
/// campaign running for its shop or its category), over `o` (offers), `s` (shops) and `p`
/// (products); binds the current time twice. Earning and estimating both read rates with it.
pub(crate) const LINE_RATES_SQL: &str = "COALESCE(o.cashback_boost_bps, s.cashback_boost_bps, 0) AS boost_bps, \
    COALESCE((SELECT MAX(c.rate_bps) FROM cashback_campaigns c WHERE c.starts_at <= ? AND c.ends_at > ? \
      AND (c.shop_id = s.id OR c.category_id = p.category_id)), 0) AS campaign_bps";

/// Computes the cashback each of `parts` (the order's seller orders) earns for `order`.
pub async fn plan_earnings<'p>(
    conn: &impl ConnectionTrait,
    order: &crate::db::entity::orders::Model,
    parts: impl IntoIterator<Item = &'p crate::db::entity::seller_orders::Model>,
) -> Result<EarningPlan, StoreError> {
    let at = now();
    // The lines with the rates they earn at, the platform's base rate with them: the
    // settlement reads before its write lock, and every read counts under load.
    let lines = EarningLine::find_by_statement(statement(
        conn.get_database_backend(),
        &format!(
            "SELECT l.seller_order_id, l.line_cents, \
             (SELECT cashback_rate_bps FROM platform_settings WHERE id = 1) AS base_bps, \
             {LINE_RATES_SQL} \
             FROM order_lines l JOIN seller_orders so ON so.id = l.seller_order_id \
             JOIN shops s ON s.id = so.shop_id \
             LEFT JOIN offers o ON o.id = l.offer_id LEFT JOIN products p ON p.id = l.product_id \
             WHERE so.order_id = ? ORDER BY l.seller_order_id, l.id"
        ),
        [at.into(), at.into(), order.id.clone().into()],
    ))
    .all(conn)
    .await?;
    let lots = parts
        .into_iter()
        .filter_map(|part| {
            let part_lines: Vec<&EarningLine> = lines
                .iter()
                .filter(|line| line.seller_order_id == part.id)
                .collect();
            let base_bps = part_lines.first().map_or(0, |line| line.base_bps);
            let (platform, boost) = earning(&amounts_of(part), &part_lines, base_bps);
            (platform + boost > 0).then(|| (part.id.clone(), part.shop_id.clone(), platform, boost))
        })
        .collect();
    Ok(EarningPlan {
        order_id: order.id.clone(),
        user_id: order.user_id.clone(),
        lots,
    })
}

impl EarningPlan {
    /// Adds the lots and the raised pending balance to `script` and their movements to
    /// `batch`, to be written with the rest of the settlement. Runs once per order: the
    /// settlement's claim of the payment guarantees it, and the lots' unique `source_key`
    /// makes a second run fail its transaction rather than earn twice.
    pub(crate) fn add_to(self, script: &mut Script, batch: &mut ledger::Batch) {
        if self.lots.is_empty() {
            return;
        }
        let at = now();
        let mut rows = InsertRows::new(
            "INSERT INTO cashback_lots (id, user_id, kind, seller_order_id, source_key, shop_id, \
             platform_cents, boost_cents, status, created_at) VALUES ",
            "(?, ?, 'earned', ?, ?, ?, ?, ?, 'pending', ?)",
        );
        for (part_id, shop_id, platform, boost) in &self.lots {
            rows.push([
                new_id().into(),
                self.user_id.clone().into(),
                part_id.clone().into(),
                format!("earned:{part_id}").into(),
                shop_id.clone().into(),
                (*platform).into(),
                (*boost).into(),
                at.into(),
            ]);
        }
        rows.add_to(script, "");
        let pending = pending_account(&self.user_id);
        for (part_id, shop_id, platform, boost) in &self.lots {
            let refs = Refs {
                order_id: Some(&self.order_id),
                seller_order_id: Some(part_id),
            };
            batch.transfer(
                &format!("cashback_earned:{part_id}"),
                PLATFORM,
                &pending,
                *platform,
                refs,
            );
            batch.transfer(
                &format!("cashback_boost:{part_id}"),
                &ledger::seller_pending(shop_id),
                &pending,
                *boost,
                refs,
            );
        }
        let earned: i64 = self
            .lots
            .iter()
            .map(|(_, _, platform, boost)| platform + boost)
            .sum();
        // The wallet row and its pending balance in one statement.
        script.push(
            "INSERT INTO wallets (user_id, available_cents, pending_cents, updated_at) VALUES (?, 0, ?, ?) \
             ON CONFLICT (user_id) DO UPDATE SET pending_cents = wallets.pending_cents + excluded.pending_cents, \
             updated_at = excluded.updated_at",
            [self.user_id.clone().into(), earned.into(), at.into()],
        );
    }
}

#[derive(Debug, FromQueryResult)]
struct LotRow {
    id: String,
    user_id: String,
    /// The order the lot was earned on (none for lots of other kinds).
    order_id: Option<String>,
    seller_order_id: Option<String>,
    shop_id: Option<String>,
    platform_cents: i64,
    boost_cents: i64,
    reversed_cents: i64,
    remaining_cents: i64,
    status: String,
}

impl LotRow {
    /// The order and part a lot's ledger lines name, so the wallet's history links every
    /// line to the order it came from.
    fn refs(&self) -> Refs<'_> {
        Refs {
            order_id: self.order_id.as_deref(),
            seller_order_id: self.seller_order_id.as_deref(),
        }
    }
}

/// A refund or cancellation of a part takes back its cashback in proportion to what was
/// refunded (all of it when refunded in full). Pending cashback goes back to who funded
/// it; cashback already available is taken back only as far as the wallet still holds it
/// (the platform absorbs the rest rather than drive a wallet negative).
pub async fn reverse_for_refund(
    conn: &impl ConnectionTrait,
    seller_order_id: &str,
    refund_id: &str,
    total_cents: i64,
    refunded_cents_after: i64,
) -> Result<(), StoreError> {
    let Some(lot) = LotRow::find_by_statement(statement(
        conn.get_database_backend(),
        "SELECT l.id, l.user_id, so.order_id, l.seller_order_id, l.shop_id, l.platform_cents, l.boost_cents, \
         l.reversed_cents, l.remaining_cents, l.status \
         FROM cashback_lots l LEFT JOIN seller_orders so ON so.id = l.seller_order_id WHERE l.seller_order_id = ?",
        [Value::from(seller_order_id.to_owned())],
    ))
    .one(conn)
    .await?
    else {
        return Ok(());
    };
    if !matches!(lot.status.as_str(), "pending" | "available") || total_cents <= 0 {
        return Ok(());
    }
    let earned = lot.platform_cents + lot.boost_cents;
    let kept_share = total_cents.saturating_sub(refunded_cents_after).max(0);
    let kept = i64::try_from(i128::from(earned) * i128::from(kept_share) / i128::from(total_cents))
        .unwrap_or(0);
    let mut delta = (earned - kept) - lot.reversed_cents;
    if delta <= 0 {
        return Ok(());
    }
    let from = if lot.status == "pending" {
        pending_account(&lot.user_id)
    } else {
        delta = delta
            .min(lot.remaining_cents)
            .min(balances(conn, &lot.user_id).await?.available_cents);
        if delta <= 0 {
            return Ok(());
        }
        ledger::wallet(&lot.user_id)
    };
    let shares = split_proportionally(delta, &[lot.platform_cents, lot.boost_cents]);
    // The order, so the wallet's history links the reversal to what was returned.
    let refs = Refs {
        order_id: lot.order_id.as_deref(),
        seller_order_id: Some(seller_order_id),
    };
    ledger::transfer(
        conn,
        &format!("cashback_reversed:{refund_id}"),
        &from,
        PLATFORM,
        shares[0],
        refs,
    )
    .await?;
    if let Some(shop_id) = &lot.shop_id {
        ledger::transfer(
            conn,
            &format!("cashback_boost_reversed:{refund_id}"),
            &from,
            &ledger::seller_pending(shop_id),
            shares[1],
            refs,
        )
        .await?;
    }
    let (column, remaining_change) = if lot.status == "pending" {
        ("pending_cents", 0)
    } else {
        ("available_cents", delta)
    };
    adjust(conn, &lot.user_id, column, -delta).await?;
    exec(
        conn,
        "UPDATE cashback_lots SET reversed_cents = reversed_cents + ?, remaining_cents = remaining_cents - ?, \
         status = CASE WHEN reversed_cents + ? >= platform_cents + boost_cents THEN 'reversed' ELSE status END \
         WHERE id = ? AND reversed_cents = ?",
        [delta.into(), remaining_change.into(), delta.into(), lot.id.into(), lot.reversed_cents.into()],
    )
    .await?;
    Ok(())
}

/// Background job: cashback of parts whose return window has passed (and with no return
/// waiting) becomes available, to expire after the configured months.
pub async fn mature_due(db: &Db) -> Result<u64, StoreError> {
    let at = now();
    let due = LotRow::find_by_statement(statement(
        db.backend(),
        "SELECT l.id, l.user_id, so.order_id, l.seller_order_id, l.shop_id, l.platform_cents, l.boost_cents, l.reversed_cents, \
           l.remaining_cents, l.status \
         FROM cashback_lots l JOIN seller_orders so ON so.id = l.seller_order_id \
         WHERE l.status = 'pending' AND so.payable_at IS NOT NULL AND so.payable_at <= ? \
           AND so.return_status <> 'requested' ORDER BY l.created_at LIMIT 500",
        [Value::from(at)],
    ))
    .all(db.conn())
    .await?;
    let mut matured = 0;
    for lot in due {
        let txn = db.begin_write().await?;
        let expires = months_from(at, expiry_months(&txn).await?);
        let net = lot.platform_cents + lot.boost_cents - lot.reversed_cents;
        let claimed = exec(
            &txn,
            "UPDATE cashback_lots SET status = 'available', remaining_cents = ?, available_at = ?, expires_at = ? \
             WHERE id = ? AND status = 'pending' AND reversed_cents = ?",
            [net.into(), at.into(), expires.into(), lot.id.clone().into(), lot.reversed_cents.into()],
        )
        .await?;
        if claimed == 1 {
            ledger::transfer(
                &txn,
                &format!("cashback_matured:{}", lot.id),
                &pending_account(&lot.user_id),
                &ledger::wallet(&lot.user_id),
                net,
                lot.refs(),
            )
            .await?;
            adjust(&txn, &lot.user_id, "pending_cents", -net).await?;
            adjust(&txn, &lot.user_id, "available_cents", net).await?;
            matured += 1;
        }
        txn.commit().await?;
    }
    Ok(matured)
}

/// How long before its expiry a shopper is reminded of cashback left unspent.
pub const EXPIRY_REMINDER_DAYS: i64 = 30;

#[derive(Debug, FromQueryResult)]
struct ExpiringLot {
    id: String,
    user_id: String,
    order_id: Option<String>,
    remaining_cents: i64,
    expires_at: DateTime<Utc>,
}

/// Background job: a reminder for each lot with something left that expires within
/// [`EXPIRY_REMINDER_DAYS`], once per lot (the outbox's dedupe key keeps it once, even
/// with several processes running jobs).
pub async fn remind_expiring(db: &Db) -> Result<u64, StoreError> {
    let at = now();
    let due = ExpiringLot::find_by_statement(statement(
        db.backend(),
        "SELECT l.id, l.user_id, so.order_id, l.remaining_cents, l.expires_at \
         FROM cashback_lots l LEFT JOIN seller_orders so ON so.id = l.seller_order_id \
         WHERE l.status = 'available' AND l.remaining_cents > 0 AND l.expires_at > ? AND l.expires_at <= ? \
           AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = 'cashback_expiring:' || l.id) \
         ORDER BY l.expires_at LIMIT 500",
        [Value::from(at), (at + Duration::days(EXPIRY_REMINDER_DAYS)).into()],
    ))
    .all(db.conn())
    .await?;
    let mut reminded = 0;
    for lot in due {
        if super::notifications::cashback_expiring(
            db.writer(),
            &lot.user_id,
            &lot.id,
            lot.order_id.as_deref(),
            lot.remaining_cents,
            lot.expires_at,
        )
        .await?
        {
            reminded += 1;
        }
    }
    Ok(reminded)
}

/// Background job: what is left of lots past their expiry leaves the wallet.
pub async fn expire_due(db: &Db) -> Result<u64, StoreError> {
    let due = LotRow::find_by_statement(statement(
        db.backend(),
        "SELECT l.id, l.user_id, so.order_id, l.seller_order_id, l.shop_id, l.platform_cents, l.boost_cents, \
         l.reversed_cents, l.remaining_cents, l.status \
         FROM cashback_lots l LEFT JOIN seller_orders so ON so.id = l.seller_order_id \
         WHERE l.status = 'available' AND l.expires_at <= ? ORDER BY l.expires_at LIMIT 500",
        [Value::from(now())],
    ))
    .all(db.conn())
    .await?;
    let mut expired = 0;
    for lot in due {
        let txn = db.begin_write().await?;
        let claimed = exec(
            &txn,
            "UPDATE cashback_lots SET status = 'expired', remaining_cents = 0 \
             WHERE id = ? AND status = 'available' AND remaining_cents = ?",
            [lot.id.clone().into(), lot.remaining_cents.into()],
        )
        .await?;
        if claimed == 1 && lot.remaining_cents > 0 {
            ledger::transfer(
                &txn,
                &format!("cashback_expired:{}", lot.id),
                &ledger::wallet(&lot.user_id),
                PLATFORM,
                lot.remaining_cents,
                lot.refs(),
            )
            .await?;
            adjust(&txn, &lot.user_id, "available_cents", -lot.remaining_cents).await?;
            expired += 1;
        }
        txn.commit().await?;
    }
    Ok(expired)
}

/// One line of a wallet's history.
#[derive(Debug, Clone, FromQueryResult)]
pub struct WalletEntry {
    pub id: String,
    pub movement_key: String,
    pub account: String,
    pub amount_cents: i64,
    pub order_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl WalletEntry {
    /// What moved: `cashback_earned`, `cashback_matured`, `cashback_spent`, ….
    pub fn kind(&self) -> &str {
        self.movement_key.split(':').next().unwrap_or_default()
    }

    /// Whether the line is on the pending balance (else the available one).
    pub fn is_pending(&self) -> bool {
        self.account.ends_with(":pending")
    }
}

/// A lot with the order it came from and when pending cashback becomes available.
#[derive(Debug, Clone, FromQueryResult)]
pub struct LotView {
    pub id: String,
    pub kind: String,
    pub status: String,
    pub platform_cents: i64,
    pub boost_cents: i64,
    pub reversed_cents: i64,
    pub remaining_cents: i64,
    pub order_id: Option<String>,
    pub order_number: Option<String>,
    pub shop_name: Option<String>,
    /// For pending cashback: the end of the return window, once the goods are handed over.
    pub matures_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// A shopper's wallet: balances, lots and the latest ledger lines.
#[derive(Debug, Clone)]
pub struct WalletView {
    pub balances: Balances,
    pub lots: Vec<LotView>,
    pub entries: Vec<WalletEntry>,
}

pub async fn wallet(db: &Db, user_id: &str) -> Result<WalletView, StoreError> {
    let conn = db.conn();
    let balances = balances(conn, user_id).await?;
    let lots = LotView::find_by_statement(statement(
        db.backend(),
        "SELECT l.id, l.kind, l.status, l.platform_cents, l.boost_cents, l.reversed_cents, l.remaining_cents, \
           o.id AS order_id, o.number AS order_number, s.name AS shop_name, so.payable_at AS matures_at, \
           l.expires_at, l.created_at \
         FROM cashback_lots l LEFT JOIN seller_orders so ON so.id = l.seller_order_id \
         LEFT JOIN orders o ON o.id = so.order_id LEFT JOIN shops s ON s.id = so.shop_id \
         WHERE l.user_id = ? ORDER BY l.created_at DESC, l.id LIMIT 200",
        [Value::from(user_id.to_owned())],
    ))
    .all(conn)
    .await?;
    let entries = WalletEntry::find_by_statement(statement(
        db.backend(),
        "SELECT id, movement_key, account, amount_cents, order_id, created_at FROM ledger_entries \
         WHERE account IN (?, ?) ORDER BY created_at DESC, id LIMIT 200",
        [
            ledger::wallet(user_id).into(),
            pending_account(user_id).into(),
        ],
    ))
    .all(conn)
    .await?;
    Ok(WalletView {
        balances,
        lots,
        entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(items: i64, discount: i64, shipping: i64, cashback: i64) -> PartAmounts {
        PartAmounts {
            items_cents: items,
            discount_cents: discount,
            total_cents: items - discount + shipping,
            cashback_used_cents: cashback,
        }
    }

    fn line(cents: i64, boost: i32, campaign: i32) -> EarningLine {
        EarningLine {
            seller_order_id: "p".into(),
            line_cents: cents,
            base_bps: 300,
            boost_bps: boost,
            campaign_bps: campaign,
        }
    }

    #[test]
    fn earns_on_card_paid_items_only() {
        // 100 € of items + 5 € shipping, 3 % base: 3 €.
        assert_eq!(
            earning(&part(10_000, 0, 500, 0), &[&line(10_000, 0, 0)], 300),
            (300, 0)
        );
        // Half the part paid with cashback: half the base.
        assert_eq!(
            earning(&part(10_000, 0, 0, 5_000), &[&line(10_000, 0, 0)], 300),
            (150, 0)
        );
        // A discount lowers the base.
        assert_eq!(
            earning(&part(10_000, 1_000, 0, 0), &[&line(10_000, 0, 0)], 300),
            (270, 0)
        );
    }

    #[test]
    fn boosts_and_campaigns_apply_per_line() {
        let lines = [line(6_000, 200, 0), line(4_000, 0, 500)];
        // Platform: 3 % of 60 € + 8 % of 40 € = 1.80 + 3.20; boost: 2 % of 60 € = 1.20.
        assert_eq!(
            earning(&part(10_000, 0, 0, 0), &[&lines[0], &lines[1]], 300),
            (500, 120)
        );
    }

    #[test]
    fn nothing_is_earned_on_nothing() {
        assert_eq!(earning(&part(0, 0, 0, 0), &[], 300), (0, 0));
        assert_eq!(
            earning(&part(1_000, 0, 0, 1_000), &[&line(1_000, 0, 0)], 300),
            (0, 0)
        );
    }
}
