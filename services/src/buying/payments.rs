//! Payments: the provider trait, the sandbox provider, and the one state machine every
//! outcome goes through.
//!
//! The payment row's `status` is the single arbiter, changed only by conditional updates:
//! `pending` → `processing` (an attempt claimed it) → `captured`, or back to `pending` with
//! a `decline_code` (the payment page lets the shopper try another card), or `declined`
//! (an API charge: terminal). `pending` → `cancelled` when the shopper abandons or the
//! reservation expires. Because expiry must also win the `pending` status, a payment being
//! attempted can never lose its stock underneath it, and a captured payment always ends
//! as a paid order. Only one attempt can hold `processing`, so an order is captured at most
//! once, whatever the retries.

use futures::future::BoxFuture;
use sea_orm::{ConnectionTrait, EntityTrait, Value};

use super::views::{OrderView, load_order};
use super::{ledger, notifications, stock};
use crate::db::entity::{orders, payments, seller_orders};
use crate::db::statement;
use crate::{Db, StoreError, now};
use domain::card::CardNumber;

/// What pays: a saved test method (API) or a card typed on the payment page.
#[derive(Debug, Clone)]
pub enum PaymentSource {
    /// `pm_card_visa`, `pm_card_chargeDeclined`, `pm_card_insufficientFunds`.
    Method(String),
    Card(CardNumber),
}

impl PaymentSource {
    fn brand_and_last4(&self) -> (Option<String>, Option<String>) {
        match self {
            PaymentSource::Card(card) => {
                (Some(card.brand().to_owned()), Some(card.last4().to_owned()))
            }
            PaymentSource::Method(method) => match method.as_str() {
                "pm_card_visa" => (Some("visa".into()), Some("4242".into())),
                "pm_card_chargeDeclined" => (Some("visa".into()), Some("0002".into())),
                "pm_card_insufficientFunds" => (Some("visa".into()), Some("9995".into())),
                _ => (None, None),
            },
        }
    }
}

/// The sandbox's saved test methods, accepted by `POST /checkout`.
pub const SANDBOX_METHODS: [&str; 3] = [
    "pm_card_visa",
    "pm_card_chargeDeclined",
    "pm_card_insufficientFunds",
];

/// A charge to make.
#[derive(Debug, Clone)]
pub struct ChargeRequest<'a> {
    pub amount_cents: i64,
    pub currency: &'a str,
    pub source: &'a PaymentSource,
    /// Same key, same charge: the provider must not charge twice for it.
    pub idempotency_key: String,
}

/// What the provider answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChargeOutcome {
    Captured { provider_ref: String },
    Declined { code: &'static str, message: String },
}

/// A payment provider. Object-safe so the server can pick one from configuration.
pub trait PaymentProvider: Send + Sync {
    /// `sandbox`, `stripe`: recorded on payments and ledger accounts.
    fn name(&self) -> &'static str;
    fn charge<'a>(
        &'a self,
        request: ChargeRequest<'a>,
    ) -> BoxFuture<'a, Result<ChargeOutcome, StoreError>>;
    fn refund<'a>(
        &'a self,
        provider_ref: &'a str,
        amount_cents: i64,
        idempotency_key: String,
    ) -> BoxFuture<'a, Result<String, StoreError>>;
}

/// The default provider: no network, outcomes decided by the test card.
/// 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined,
/// 4000 0000 0000 9995 has insufficient funds; any other valid card succeeds.
#[derive(Debug, Default, Clone, Copy)]
pub struct SandboxProvider;

impl SandboxProvider {
    fn decide(source: &PaymentSource) -> Result<ChargeOutcome, StoreError> {
        let declined = |code: &'static str, message: &str| ChargeOutcome::Declined {
            code,
            message: message.to_owned(),
        };
        let key = match source {
            PaymentSource::Card(card) => card.digits().to_owned(),
            PaymentSource::Method(method) => method.clone(),
        };
        Ok(match key.as_str() {
            "4000000000000002" | "pm_card_chargeDeclined" => {
                declined("card_declined", "Your card was declined.")
            }
            "4000000000009995" | "pm_card_insufficientFunds" => {
                declined("insufficient_funds", "Your card has insufficient funds.")
            }
            "pm_card_visa" => ChargeOutcome::Captured {
                provider_ref: sandbox_ref("ch"),
            },
            other if other.starts_with("pm_") => {
                return Err(StoreError::Invalid {
                    code: "payment_method_invalid",
                    message: format!("unknown payment method; use one of {SANDBOX_METHODS:?}"),
                    field: Some("payment_method"),
                });
            }
            _ => ChargeOutcome::Captured {
                provider_ref: sandbox_ref("ch"),
            },
        })
    }
}

fn sandbox_ref(prefix: &str) -> String {
    format!("{prefix}_sandbox_{}", uuid::Uuid::now_v7().simple())
}

impl PaymentProvider for SandboxProvider {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn charge<'a>(
        &'a self,
        request: ChargeRequest<'a>,
    ) -> BoxFuture<'a, Result<ChargeOutcome, StoreError>> {
        Box::pin(async move { Self::decide(request.source) })
    }

    fn refund<'a>(
        &'a self,
        _provider_ref: &'a str,
        _amount_cents: i64,
        _idempotency_key: String,
    ) -> BoxFuture<'a, Result<String, StoreError>> {
        Box::pin(async move { Ok(sandbox_ref("re")) })
    }
}

/// Whether a typed payment method name is one the sandbox knows (checked before any stock
/// is reserved, so a typo costs nothing).
pub fn check_method(method: &str) -> Result<(), StoreError> {
    if SANDBOX_METHODS.contains(&method) {
        Ok(())
    } else {
        Err(StoreError::Invalid {
            code: "payment_method_invalid",
            message: format!(
                "payment_method is `hosted_page` or one of {}",
                SANDBOX_METHODS.join(", ")
            ),
            field: Some("payment_method"),
        })
    }
}

/// What to do with the order when the card is declined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDecline {
    /// The payment page: keep the reservation, let the shopper try another card.
    KeepPending,
    /// An API charge: the order fails, stock is released, the cart gets its lines back.
    Fail,
}

/// Pays an order the caller owns. Paying an order that is already paid answers with it.
pub async fn pay(
    db: &Db,
    provider: &dyn PaymentProvider,
    user_id: &str,
    order_id: &str,
    source: PaymentSource,
    on_decline: OnDecline,
) -> Result<OrderView, StoreError> {
    let order = owned_order(db, user_id, order_id).await?;
    let payment = payment_of(db, order_id).await?;
    if payment.status == "captured" {
        return load_order(db.conn(), order, None).await;
    }
    if !claim_for_attempt(db, &payment.id).await? {
        let payment = payment_of(db, order_id).await?;
        return match payment.status.as_str() {
            "captured" => {
                load_order(db.conn(), owned_order(db, user_id, order_id).await?, None).await
            }
            "processing" => Err(conflict(
                "payment_in_progress",
                "this payment is being processed; reload in a moment",
            )),
            _ => Err(conflict(
                "order_not_payable",
                "this order can no longer be paid; its reservation ended",
            )),
        };
    }
    let attempt = payment.attempts + 1;
    let outcome = provider
        .charge(ChargeRequest {
            amount_cents: payment.amount_cents,
            currency: &order.currency,
            source: &source,
            idempotency_key: format!("{}:{attempt}", payment.id),
        })
        .await;
    let (brand, last4) = source.brand_and_last4();
    match outcome {
        Ok(ChargeOutcome::Captured { provider_ref }) => {
            settle_captured(db, &payment.id, &provider_ref, brand, last4).await?;
        }
        Ok(ChargeOutcome::Declined { code, message }) => {
            settle_declined(db, &payment.id, code, brand, last4, on_decline).await?;
            return Err(StoreError::PaymentDeclined { code, message });
        }
        Err(err) => {
            // Nothing was charged: free the attempt so the shopper may retry.
            settle_declined(
                db,
                &payment.id,
                "provider_error",
                brand,
                last4,
                OnDecline::KeepPending,
            )
            .await?;
            return Err(err);
        }
    }
    let order = owned_order(db, user_id, order_id).await?;
    load_order(db.conn(), order, None).await
}

fn conflict(code: &'static str, message: &str) -> StoreError {
    StoreError::Conflict {
        code,
        message: message.to_owned(),
        field: None,
    }
}

async fn owned_order(db: &Db, user_id: &str, order_id: &str) -> Result<orders::Model, StoreError> {
    orders::Entity::find_by_id(order_id)
        .one(db.conn())
        .await?
        .filter(|order| order.user_id == user_id)
        .ok_or(StoreError::NotFound)
}

async fn payment_of(db: &Db, order_id: &str) -> Result<payments::Model, StoreError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    payments::Entity::find()
        .filter(payments::Column::OrderId.eq(order_id))
        .one(db.conn())
        .await?
        .ok_or(StoreError::NotFound)
}

/// `pending` → `processing`, only while the order still holds its reservation.
async fn claim_for_attempt(db: &Db, payment_id: &str) -> Result<bool, StoreError> {
    let result = db
        .conn()
        .execute_raw(statement(
            db.backend(),
            "UPDATE payments SET status = 'processing', attempts = attempts + 1, updated_at = ? \
             WHERE id = ? AND status = 'pending'",
            [now().into(), payment_id.to_owned().into()],
        ))
        .await?;
    Ok(result.rows_affected() == 1)
}

/// `processing` → `captured`, and the order becomes paid: stock committed, money shared
/// out in the ledger, the shopper told. Idempotent: a second call finds nothing to do.
pub async fn settle_captured(
    db: &Db,
    payment_id: &str,
    provider_ref: &str,
    brand: Option<String>,
    last4: Option<String>,
) -> Result<bool, StoreError> {
    let txn = db.begin_write().await?;
    let at = now();
    let claimed = txn
        .execute_raw(statement(
            txn.get_database_backend(),
            "UPDATE payments SET status = 'captured', captured_cents = amount_cents, \
             provider_ref = ?, card_brand = ?, card_last4 = ?, decline_code = NULL, updated_at = ? \
             WHERE id = ? AND status = 'processing'",
            [
                provider_ref.to_owned().into(),
                brand.into(),
                last4.into(),
                at.into(),
                payment_id.to_owned().into(),
            ],
        ))
        .await?;
    if claimed.rows_affected() != 1 {
        return Ok(false);
    }
    let payment = payments::Entity::find_by_id(payment_id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let order = orders::Entity::find_by_id(&payment.order_id)
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let backend = txn.get_database_backend();
    txn.execute_raw(statement(
        backend,
        "UPDATE orders SET status = 'paid', paid_at = ?, expires_at = NULL, updated_at = ? WHERE id = ?",
        [at.into(), at.into(), order.id.clone().into()],
    ))
    .await?;
    txn.execute_raw(statement(
        backend,
        "UPDATE seller_orders SET status = 'paid', updated_at = ? WHERE order_id = ? AND status = 'pending_payment'",
        [at.into(), order.id.clone().into()],
    ))
    .await?;
    stock::commit(&txn, &order.id).await?;
    post_capture(&txn, &order, &payment).await?;
    notifications::order_placed(&txn, &order.id).await?;
    txn.commit().await?;
    Ok(true)
}

/// The ledger of a capture: the provider's money, the shopper's cashback and the
/// platform's promotions fund the order; the order's funds go to each shop's pending
/// earnings, less the commission.
async fn post_capture(
    txn: &impl ConnectionTrait,
    order: &orders::Model,
    payment: &payments::Model,
) -> Result<(), StoreError> {
    let order_account = ledger::order(&order.id);
    let refs = ledger::Refs {
        order_id: Some(&order.id),
        seller_order_id: None,
    };
    ledger::transfer(
        txn,
        &format!("capture:{}", order.id),
        &ledger::psp(&payment.provider),
        &order_account,
        payment.amount_cents,
        refs,
    )
    .await?;
    ledger::transfer(
        txn,
        &format!("cashback_spent:{}", order.id),
        &ledger::wallet(&order.user_id),
        &order_account,
        order.cashback_used_cents,
        refs,
    )
    .await?;
    let parts = seller_orders_of(txn, &order.id).await?;
    let platform_funded: i64 = parts
        .iter()
        .map(|part| part.platform_discount_cents())
        .sum();
    ledger::transfer(
        txn,
        &format!("promotion:{}", order.id),
        ledger::PROMOTIONS,
        &order_account,
        platform_funded,
        refs,
    )
    .await?;
    for part in &parts {
        let part_refs = ledger::Refs {
            order_id: Some(&order.id),
            seller_order_id: Some(&part.row.id),
        };
        ledger::transfer(
            txn,
            &format!("earning:{}", part.row.id),
            &order_account,
            &ledger::seller_pending(&part.row.shop_id),
            part.row.total_cents + part.platform_discount_cents(),
            part_refs,
        )
        .await?;
        ledger::transfer(
            txn,
            &format!("commission:{}", part.row.id),
            &ledger::seller_pending(&part.row.shop_id),
            ledger::COMMISSION,
            part.row.commission_cents,
            part_refs,
        )
        .await?;
    }
    Ok(())
}

/// A seller order with how much of its discount the platform pays for.
pub(crate) struct PartFunding {
    pub row: seller_orders::Model,
    pub platform_discount: i64,
}

impl PartFunding {
    pub fn platform_discount_cents(&self) -> i64 {
        self.platform_discount
    }
}

/// The parts of an order, with the platform-funded share of each part's discount (a
/// platform code's discount is the platform's cost; a shop code's is the shop's).
pub(crate) async fn seller_orders_of(
    conn: &impl ConnectionTrait,
    order_id: &str,
) -> Result<Vec<PartFunding>, StoreError> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    let order = orders::Entity::find_by_id(order_id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let platform_code = match &order.discount_code_id {
        Some(code_id) => {
            let row = conn
                .query_one_raw(statement(
                    conn.get_database_backend(),
                    "SELECT CASE WHEN shop_id IS NULL THEN 1 ELSE 0 END FROM discount_codes WHERE id = ?",
                    [Value::from(code_id.clone())],
                ))
                .await?;
            match row {
                Some(row) => row.try_get_by_index::<i32>(0)? == 1,
                None => false,
            }
        }
        None => false,
    };
    let rows = seller_orders::Entity::find()
        .filter(seller_orders::Column::OrderId.eq(order_id))
        .order_by_asc(seller_orders::Column::Id)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| PartFunding {
            platform_discount: if platform_code { row.discount_cents } else { 0 },
            row,
        })
        .collect())
}

/// A declined attempt. On the payment page the order keeps waiting; through the API it
/// fails: stock released, discount use given back, lines back in the cart.
async fn settle_declined(
    db: &Db,
    payment_id: &str,
    code: &str,
    brand: Option<String>,
    last4: Option<String>,
    on_decline: OnDecline,
) -> Result<(), StoreError> {
    let txn = db.begin_write().await?;
    let status = match on_decline {
        OnDecline::KeepPending => "pending",
        OnDecline::Fail => "declined",
    };
    let moved = txn
        .execute_raw(statement(
            txn.get_database_backend(),
            "UPDATE payments SET status = ?, decline_code = ?, card_brand = ?, card_last4 = ?, updated_at = ? \
             WHERE id = ? AND status = 'processing'",
            [
                status.into(),
                code.to_owned().into(),
                brand.into(),
                last4.into(),
                now().into(),
                payment_id.to_owned().into(),
            ],
        ))
        .await?;
    if moved.rows_affected() == 1 && on_decline == OnDecline::Fail {
        let payment = payments::Entity::find_by_id(payment_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        end_unpaid(&txn, &payment.order_id, "payment_failed").await?;
    }
    txn.commit().await?;
    Ok(())
}

/// An order that will not be paid: stock released, the discount use given back, its
/// lines put back in the shopper's cart, every part cancelled.
pub(crate) async fn end_unpaid(
    txn: &impl ConnectionTrait,
    order_id: &str,
    status: &str,
) -> Result<(), StoreError> {
    let backend = txn.get_database_backend();
    let at = now();
    let moved = txn
        .execute_raw(statement(
            backend,
            "UPDATE orders SET status = ?, expires_at = NULL, updated_at = ? \
             WHERE id = ? AND status = 'pending_payment'",
            [
                status.to_owned().into(),
                at.into(),
                order_id.to_owned().into(),
            ],
        ))
        .await?;
    if moved.rows_affected() != 1 {
        return Ok(());
    }
    txn.execute_raw(statement(
        backend,
        "UPDATE seller_orders SET status = 'cancelled', updated_at = ? WHERE order_id = ?",
        [at.into(), order_id.to_owned().into()],
    ))
    .await?;
    stock::release(txn, order_id).await?;
    txn.execute_raw(statement(
        backend,
        "UPDATE discount_codes SET used_count = used_count - 1 \
         WHERE id = (SELECT discount_code_id FROM orders WHERE id = ?) AND used_count > 0",
        [Value::from(order_id.to_owned())],
    ))
    .await?;
    // Back in the cart, unless the shopper already put the offer there again.
    txn.execute_raw(statement(
        backend,
        "INSERT INTO cart_items (id, cart_id, offer_id, quantity, price_cents_seen, added_at) \
         SELECT l.id, o.cart_id, l.offer_id, l.quantity, l.unit_price_cents, ? \
         FROM order_lines l JOIN seller_orders so ON so.id = l.seller_order_id \
         JOIN orders o ON o.id = so.order_id \
         WHERE o.id = ? AND o.cart_id IS NOT NULL \
           AND EXISTS (SELECT 1 FROM carts c WHERE c.id = o.cart_id) \
           AND EXISTS (SELECT 1 FROM offers f WHERE f.id = l.offer_id) \
         ON CONFLICT DO NOTHING",
        [at.into(), order_id.to_owned().into()],
    ))
    .await?;
    Ok(())
}

/// The shopper gives up on the payment page: the order is cancelled, nothing sold.
pub async fn abandon(db: &Db, user_id: &str, order_id: &str) -> Result<OrderView, StoreError> {
    let order = owned_order(db, user_id, order_id).await?;
    let txn = db.begin_write().await?;
    let cancelled = txn
        .execute_raw(statement(
            txn.get_database_backend(),
            "UPDATE payments SET status = 'cancelled', updated_at = ? WHERE order_id = ? AND status = 'pending'",
            [now().into(), order.id.clone().into()],
        ))
        .await?;
    if cancelled.rows_affected() == 1 {
        end_unpaid(&txn, &order.id, "cancelled").await?;
    }
    txn.commit().await?;
    if cancelled.rows_affected() != 1 {
        let payment = payment_of(db, order_id).await?;
        if payment.status != "cancelled" {
            return Err(conflict(
                "order_not_cancellable",
                "this order is paid or being paid; cancel it from the order page instead",
            ));
        }
    }
    load_order(db.conn(), owned_order(db, user_id, order_id).await?, None).await
}

/// Background job: orders whose reservation ran out while waiting for payment expire and
/// give their stock back. Attempts stuck in `processing` for 10 minutes (a crash between
/// the provider's answer and ours; the sandbox keeps no record to ask) are declined too.
pub async fn expire_unpaid(db: &Db) -> Result<u64, StoreError> {
    let backend = db.backend();
    let at = now();
    let stuck_before = at - chrono::Duration::minutes(10);
    let due = db
        .conn()
        .query_all_raw(statement(
            backend,
            "SELECT o.id FROM orders o JOIN payments p ON p.order_id = o.id \
             WHERE o.status = 'pending_payment' AND o.expires_at < ? \
               AND (p.status = 'pending' OR (p.status = 'processing' AND p.updated_at < ?)) \
             ORDER BY o.expires_at LIMIT 200",
            [at.into(), stuck_before.into()],
        ))
        .await?;
    let mut expired = 0;
    for row in due {
        let order_id: String = row.try_get_by_index(0)?;
        let txn = db.begin_write().await?;
        let claimed = txn
            .execute_raw(statement(
                backend,
                "UPDATE payments SET status = 'cancelled', decline_code = COALESCE(decline_code, 'expired'), updated_at = ? \
                 WHERE order_id = ? AND (status = 'pending' OR (status = 'processing' AND updated_at < ?))",
                [at.into(), order_id.clone().into(), stuck_before.into()],
            ))
            .await?;
        if claimed.rows_affected() == 1 {
            end_unpaid(&txn, &order_id, "expired").await?;
            expired += 1;
        }
        txn.commit().await?;
    }
    Ok(expired)
}

/// The configured provider, shared by every request (and put in the Leptos context).
#[derive(Clone)]
pub struct Gateway(pub std::sync::Arc<dyn PaymentProvider>);

impl Gateway {
    pub fn sandbox() -> Self {
        Gateway(std::sync::Arc::new(SandboxProvider))
    }

    pub fn provider(&self) -> &dyn PaymentProvider {
        self.0.as_ref()
    }
}

impl std::fmt::Debug for Gateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gateway({})", self.0.name())
    }
}
