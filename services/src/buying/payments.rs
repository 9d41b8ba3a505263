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
//!
//! Three doors lead into this machine, and they may open in any order, any number of
//! times: the provider's answer to the charge ([`pay`]), its webhook
//! ([`settle_from_provider_event`]) and the reconcile job ([`reconcile_processing`]).
//! - When the answer is unknown (a timeout, a 5xx), the payment stays `processing`: never
//!   released, never declined on a guess. While `processing`, `provider_ref` names what
//!   the attempt charged (the PaymentIntent id once known, else the `pm_…` method id), so
//!   the reconcile can ask the provider again with the same idempotency key.
//! - "Succeeded" captures from `processing`, or from `pending` (a decline we heard first,
//!   the order still holding its stock). If the order has already ended (expired,
//!   failed, cancelled: its stock released) or was paid by another attempt, the money
//!   is refunded at once through the provider and the round trip is written in the
//!   ledger: a paid payment always ends as an order, or as a refund, never as nothing.
//! - "Failed" declines only the attempt it names, and only while it is `processing`:
//!   `captured` is terminal, and a late failure of an older attempt is ignored.

use futures::future::BoxFuture;
use sea_orm::{ConnectionTrait, EntityTrait, Value};

use super::views::{OrderView, load_order};
use super::{cashback, ledger, notifications, stock};
use crate::db::entity::{orders, payments, seller_orders};
use crate::db::{Script, statement};
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
    /// What an attempt records of its source: the method id, never a card number.
    fn attempt_ref(&self) -> Option<String> {
        match self {
            PaymentSource::Method(method) => Some(method.clone()),
            PaymentSource::Card(_) => None,
        }
    }

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
    /// Our payment's id and which attempt this is, told to the provider (metadata) so its
    /// webhooks name them.
    pub payment_id: &'a str,
    pub attempt: i32,
    /// Same key, same charge: the provider must not charge twice for it.
    pub idempotency_key: String,
}

/// What the provider answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChargeOutcome {
    Captured {
        provider_ref: String,
    },
    Declined {
        code: &'static str,
        message: String,
    },
    /// No clear answer (a timeout, a 5xx, a dropped connection): the card may or may not
    /// have been charged. The payment stays `processing` until the webhook or a reconcile
    /// decides. `provider_ref` is the provider's id for the attempt when it gave one.
    Unknown {
        provider_ref: Option<String>,
    },
}

/// How to ask a provider again about an attempt whose outcome is unknown.
#[derive(Debug, Clone)]
pub struct ChargeLookup<'a> {
    /// The provider's id for the attempt, when known.
    pub provider_ref: Option<&'a str>,
    /// The attempt's charge, to re-send with its idempotency key when the id is unknown
    /// (the provider then answers the first outcome and charges nothing more).
    pub replay: Option<ChargeRequest<'a>>,
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
    /// What became of an attempt left `processing`. `None`: this provider keeps no
    /// record to ask (the sandbox), so nothing can be learnt.
    fn retrieve<'a>(
        &'a self,
        lookup: ChargeLookup<'a>,
    ) -> BoxFuture<'a, Result<Option<ChargeOutcome>, StoreError>>;
    /// Whether a typed payment method name may be charged (checked before any stock is
    /// reserved, so a typo costs nothing).
    fn check_method(&self, method: &str) -> Result<(), StoreError> {
        check_method(method)
    }
    /// Whether card numbers typed on our own payment page may be charged.
    fn accepts_card_entry(&self) -> bool {
        true
    }
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

    fn retrieve<'a>(
        &'a self,
        _lookup: ChargeLookup<'a>,
    ) -> BoxFuture<'a, Result<Option<ChargeOutcome>, StoreError>> {
        Box::pin(async move { Ok(None) })
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
///
/// When the provider's answer is unknown (a timeout, a 5xx), this answers the order as it
/// stands: `pending_payment`, its payment `processing` (so `POST /checkout` answers 201
/// and `POST /orders/{id}/pay` 200 with that order). The webhook or the reconcile job
/// settles it shortly; the client reads `GET /orders/{id}` until it is `paid` or
/// `payment_failed`. A provider that does not take typed card numbers (Stripe) refuses a
/// [`PaymentSource::Card`] with `card_entry_unavailable` (422) before anything is claimed.
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
    if matches!(source, PaymentSource::Card(_)) && !provider.accepts_card_entry() {
        return Err(super::stripe::card_entry_unavailable());
    }
    let (brand, last4) = source.brand_and_last4();
    if !claim_for_attempt(db, &payment.id, source.attempt_ref(), brand, last4).await? {
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
    let payment = payments::Model {
        attempts: payment.attempts + 1,
        ..payment
    };
    charge_claimed(db, provider, &order, &payment, &source, on_decline).await?;
    let order = owned_order(db, user_id, order_id).await?;
    load_order(db.conn(), order, None).await
}

/// Charges the attempt `payment.attempts`, which the caller has claimed (the payment is
/// `processing` for it), and settles what the provider answers.
pub(crate) async fn charge_claimed(
    db: &Db,
    provider: &dyn PaymentProvider,
    order: &orders::Model,
    payment: &payments::Model,
    source: &PaymentSource,
    on_decline: OnDecline,
) -> Result<(), StoreError> {
    let order_id = order.id.as_str();
    let (brand, last4) = source.brand_and_last4();
    let attempt = payment.attempts;
    let outcome = provider
        .charge(ChargeRequest {
            amount_cents: payment.amount_cents,
            currency: &order.currency,
            source,
            payment_id: &payment.id,
            attempt,
            idempotency_key: idempotency_key(&payment.id, attempt),
        })
        .await;
    match outcome {
        Ok(ChargeOutcome::Captured { provider_ref }) => {
            if !settle_loaded(db, payment, order, &provider_ref, brand, last4).await? {
                // Another door settled this payment first (a webhook of an older attempt,
                // say): the state machine decides what this charge becomes.
                let current = payment_of(db, order_id).await?;
                succeeded(db, provider, current, &provider_ref, payment.amount_cents).await?;
            }
        }
        Ok(ChargeOutcome::Declined { code, message }) => {
            let declined =
                settle_declined(db, &payment.id, code, Some(attempt), on_decline).await?;
            // A webhook may have settled this attempt first: answer what it decided.
            if declined || payment_of(db, order_id).await?.status != "captured" {
                return Err(StoreError::PaymentDeclined { code, message });
            }
        }
        Ok(ChargeOutcome::Unknown { provider_ref }) => {
            if let Some(provider_ref) = provider_ref {
                note_attempt_ref(db, &payment.id, attempt, &provider_ref).await?;
            }
            tracing::warn!(
                payment.id = %payment.id,
                attempt,
                "the provider's answer is unknown; the payment stays processing until its webhook or a reconcile"
            );
        }
        Err(err) => {
            // Nothing was charged: free the attempt so the shopper may retry.
            settle_declined(
                db,
                &payment.id,
                "provider_error",
                Some(attempt),
                OnDecline::KeepPending,
            )
            .await?;
            return Err(err);
        }
    }
    Ok(())
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

/// The provider's idempotency key of an attempt: the same attempt never charges twice.
fn idempotency_key(payment_id: &str, attempt: i32) -> String {
    format!("{payment_id}:{attempt}")
}

/// The payment row of a new order, added to the order's `script`. Paid at once
/// (`paying_now`: a saved method charged in the same request), it is born `processing`
/// with that first attempt claimed, exactly as [`claim_for_attempt`] would leave it, so
/// the charge needs no write of its own before it.
pub(crate) fn push_new_payment(
    script: &mut Script,
    payment_id: &str,
    order_id: &str,
    provider: &str,
    amount_cents: i64,
    paying_now: Option<&PaymentSource>,
    at: chrono::DateTime<chrono::Utc>,
) {
    let (status, attempts) = match paying_now {
        Some(_) => ("processing", 1),
        None => ("pending", 0),
    };
    let (brand, last4) = paying_now
        .map(PaymentSource::brand_and_last4)
        .unwrap_or_default();
    script.push(
        "INSERT INTO payments (id, order_id, provider, provider_ref, status, amount_cents, card_brand, \
         card_last4, attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            payment_id.to_owned().into(),
            order_id.to_owned().into(),
            provider.to_owned().into(),
            paying_now.and_then(PaymentSource::attempt_ref).into(),
            status.into(),
            amount_cents.into(),
            brand.into(),
            last4.into(),
            attempts.into(),
            at.into(),
            at.into(),
        ],
    );
}

/// `pending` → `processing`, only while the order still holds its reservation. The
/// attempt's method id (never a card number) and card label are kept with it, so a
/// reconcile can re-send the same charge and a webhook's capture can name the card.
async fn claim_for_attempt(
    db: &Db,
    payment_id: &str,
    attempt_ref: Option<String>,
    brand: Option<String>,
    last4: Option<String>,
) -> Result<bool, StoreError> {
    let result = db
        .writer()
        .execute_raw(statement(
            db.backend(),
            "UPDATE payments SET status = 'processing', attempts = attempts + 1, provider_ref = ?, \
             card_brand = ?, card_last4 = ?, updated_at = ? \
             WHERE id = ? AND status = 'pending'",
            [
                attempt_ref.into(),
                brand.into(),
                last4.into(),
                now().into(),
                payment_id.to_owned().into(),
            ],
        ))
        .await?;
    Ok(result.rows_affected() == 1)
}

/// Remembers the provider's id for an attempt still `processing`.
async fn note_attempt_ref(
    db: &Db,
    payment_id: &str,
    attempt: i32,
    provider_ref: &str,
) -> Result<(), StoreError> {
    db.writer()
        .execute_raw(statement(
            db.backend(),
            "UPDATE payments SET provider_ref = ? WHERE id = ? AND status = 'processing' AND attempts = ?",
            [
                provider_ref.to_owned().into(),
                payment_id.to_owned().into(),
                attempt.into(),
            ],
        ))
        .await?;
    Ok(())
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
    // What the settlement reads does not change with the payment (the order, its parts
    // and lines, the shopper): read it before the write lock, so the transaction every
    // other writer waits for only writes.
    let payment = payments::Entity::find_by_id(payment_id)
        .one(db.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    if payment.status == "captured" {
        return Ok(false);
    }
    let order = orders::Entity::find_by_id(&payment.order_id)
        .one(db.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    settle_loaded(db, &payment, &order, provider_ref, brand, last4).await
}

/// [`settle_captured`] with the payment and its order already read (their amounts,
/// provider and parties do not change; the status is claimed below).
async fn settle_loaded(
    db: &Db,
    payment: &payments::Model,
    order: &orders::Model,
    provider_ref: &str,
    brand: Option<String>,
    last4: Option<String>,
) -> Result<bool, StoreError> {
    let payment_id = payment.id.as_str();
    let parts = seller_orders_of(db.conn(), order).await?;
    let earnings =
        cashback::plan_earnings(db.conn(), order, parts.iter().map(|part| &part.row)).await?;
    let message = notifications::prepare_order_placed(db.conn(), &order.id).await?;

    let txn = db.begin_write().await?;
    let at = now();
    let backend = txn.get_database_backend();
    let claimed = txn
        .execute_raw(statement(
            backend,
            "UPDATE payments SET status = 'captured', captured_cents = amount_cents, \
             provider_ref = ?, card_brand = COALESCE(?, card_brand), card_last4 = COALESCE(?, card_last4), \
             decline_code = NULL, updated_at = ? \
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
    // The payment is ours: everything else the capture writes goes in one script, after
    // the one read it needs (which reservations to commit).
    let mut rest = Script::default();
    rest.push(
        "UPDATE orders SET status = 'paid', paid_at = ?, expires_at = NULL, updated_at = ? WHERE id = ?",
        [at.into(), at.into(), order.id.clone().into()],
    );
    rest.push(
        "UPDATE seller_orders SET status = 'paid', updated_at = ? WHERE order_id = ? AND status = 'pending_payment'",
        [at.into(), order.id.clone().into()],
    );
    stock::commit_into(&txn, &order.id, &mut rest).await?;
    crate::analytics::paid::add_to(
        &mut rest,
        order,
        parts.iter().map(|part| part.row.shop_id.as_str()),
        at,
    );
    let mut movements = capture_movements(order, payment, &parts);
    if payment.provider == super::handoff::TILL_PROVIDER {
        super::handoff::kept_at_till(&mut movements, order, &parts);
    }
    earnings.add_to(&mut rest, &mut movements);
    movements.add_to(&mut rest)?;
    if let Some(message) = message {
        message.add_to(&mut rest);
    }
    rest.execute(&txn).await?;
    txn.commit().await?;
    Ok(true)
}

/// The ledger of a capture: the provider's money, the shopper's cashback and the
/// platform's promotions fund the order; the order's funds go to each shop's pending
/// earnings, less the commission.
fn capture_movements(
    order: &orders::Model,
    payment: &payments::Model,
    parts: &[PartFunding],
) -> ledger::Batch {
    let order_account = ledger::order(&order.id);
    let refs = ledger::Refs {
        order_id: Some(&order.id),
        seller_order_id: None,
    };
    let mut batch = ledger::Batch::default();
    batch.transfer(
        &format!("capture:{}", order.id),
        &ledger::psp(&payment.provider),
        &order_account,
        payment.amount_cents,
        refs,
    );
    // The cashback set aside at checkout pays its share.
    cashback::spend_hold(&mut batch, order);
    let platform_funded: i64 = parts
        .iter()
        .map(|part| part.platform_discount_cents())
        .sum();
    batch.transfer(
        &format!("promotion:{}", order.id),
        ledger::PROMOTIONS,
        &order_account,
        platform_funded,
        refs,
    );
    for part in parts {
        let part_refs = ledger::Refs {
            order_id: Some(&order.id),
            seller_order_id: Some(&part.row.id),
        };
        batch.transfer(
            &format!("earning:{}", part.row.id),
            &order_account,
            &ledger::seller_pending(&part.row.shop_id),
            part.row.total_cents + part.platform_discount_cents(),
            part_refs,
        );
        batch.transfer(
            &format!("commission:{}", part.row.id),
            &ledger::seller_pending(&part.row.shop_id),
            ledger::COMMISSION,
            part.row.commission_cents,
            part_refs,
        );
    }
    batch
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
    order: &orders::Model,
) -> Result<Vec<PartFunding>, StoreError> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    let order_id = order.id.as_str();
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

/// A declined attempt (`attempt`: only if it is still the one `processing`). On the
/// payment page the order keeps waiting; through the API it fails: stock released,
/// discount use given back, lines back in the cart. Returns whether it declined.
async fn settle_declined(
    db: &Db,
    payment_id: &str,
    code: &str,
    attempt: Option<i32>,
    on_decline: OnDecline,
) -> Result<bool, StoreError> {
    let txn = db.begin_write().await?;
    let status = match on_decline {
        OnDecline::KeepPending => "pending",
        OnDecline::Fail => "declined",
    };
    let mut values: Vec<Value> = vec![
        status.into(),
        code.to_owned().into(),
        now().into(),
        payment_id.to_owned().into(),
    ];
    let only_attempt = match attempt {
        Some(attempt) => {
            values.push(attempt.into());
            " AND attempts = ?"
        }
        None => "",
    };
    let moved = txn
        .execute_raw(statement(
            txn.get_database_backend(),
            &format!(
                "UPDATE payments SET status = ?, decline_code = ?, provider_ref = NULL, updated_at = ? \
                 WHERE id = ? AND status = 'processing'{only_attempt}"
            ),
            values,
        ))
        .await?;
    let declined = moved.rows_affected() == 1;
    if declined && on_decline == OnDecline::Fail {
        let payment = payments::Entity::find_by_id(payment_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        end_unpaid(&txn, &payment.order_id, "payment_failed").await?;
    }
    txn.commit().await?;
    Ok(declined)
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
    cashback::release_hold(txn, order_id).await?;
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
/// give their stock back. Sandbox attempts stuck in `processing` for 10 minutes (a crash
/// between its answer and ours; the sandbox keeps no record to ask) are declined too.
/// Other providers' `processing` attempts are never declined blind: the card may have been
/// charged; [`reconcile_processing`] asks the provider instead.
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
               AND (p.status = 'pending' OR (p.status = 'processing' AND p.provider = 'sandbox' AND p.updated_at < ?)) \
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
                "UPDATE payments SET status = 'cancelled', decline_code = COALESCE(decline_code, 'expired'), \
                 provider_ref = NULL, updated_at = ? \
                 WHERE order_id = ? AND (status = 'pending' OR (status = 'processing' AND provider = 'sandbox' AND updated_at < ?))",
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

/// What a provider told us about one of its charges (a webhook).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderEvent<'a> {
    /// The charge `provider_ref` took `amount_cents`.
    Succeeded {
        provider_ref: &'a str,
        amount_cents: i64,
    },
    /// The charge `provider_ref`, made by attempt `attempt` when known, was refused.
    Failed {
        provider_ref: &'a str,
        attempt: Option<i32>,
        code: &'static str,
    },
}

/// What an event changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventOutcome {
    /// The order is now paid.
    Captured,
    /// Already so (a repeated or late event): nothing changed.
    AlreadySettled,
    /// The attempt was declined.
    Declined,
    /// The money came for an order that had ended or was paid otherwise: given back.
    Refunded,
    /// Not one of our payments, or nothing to do.
    Ignored,
}

/// How a decline heard from the provider ends the order: the storefront's payment page
/// lets the shopper try again; an order placed through the API with a payment method
/// fails, as it would have had the answer come at once.
fn on_decline_for(channel: &str) -> OnDecline {
    if channel == "api" {
        OnDecline::Fail
    } else {
        OnDecline::KeepPending
    }
}

async fn find_payment(db: &Db, reference: &str) -> Result<Option<payments::Model>, StoreError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    if let Some(payment) = payments::Entity::find_by_id(reference)
        .one(db.conn())
        .await?
    {
        return Ok(Some(payment));
    }
    Ok(payments::Entity::find()
        .filter(payments::Column::ProviderRef.eq(reference))
        .one(db.conn())
        .await?)
}

async fn order_channel(db: &Db, order_id: &str) -> Result<String, StoreError> {
    Ok(orders::Entity::find_by_id(order_id)
        .one(db.conn())
        .await?
        .map(|order| order.channel)
        .unwrap_or_default())
}

/// The webhook's door into the state machine. `reference` is our payment id (from the
/// charge's metadata) or the provider's id for the charge. Idempotent, and correct in
/// any order: `captured` is terminal; a success for an order that can no longer be paid
/// is refunded through `provider`; a failure declines only its own attempt.
pub async fn settle_from_provider_event(
    db: &Db,
    provider: &dyn PaymentProvider,
    reference: &str,
    event: ProviderEvent<'_>,
) -> Result<EventOutcome, StoreError> {
    let Some(payment) = find_payment(db, reference).await? else {
        return Ok(EventOutcome::Ignored);
    };
    if payment.provider != provider.name() {
        return Ok(EventOutcome::Ignored);
    }
    match event {
        ProviderEvent::Succeeded {
            provider_ref,
            amount_cents,
        } => succeeded(db, provider, payment, provider_ref, amount_cents).await,
        ProviderEvent::Failed {
            provider_ref,
            attempt,
            code,
        } => {
            if payment.status != "processing" {
                return Ok(EventOutcome::AlreadySettled);
            }
            // Only the attempt in flight: by its number, else by the charge's id.
            let attempt = match attempt {
                Some(attempt) => attempt,
                None if payment.provider_ref.as_deref() == Some(provider_ref) => payment.attempts,
                None => return Ok(EventOutcome::Ignored),
            };
            let channel = order_channel(db, &payment.order_id).await?;
            let declined = settle_declined(
                db,
                &payment.id,
                code,
                Some(attempt),
                on_decline_for(&channel),
            )
            .await?;
            Ok(if declined {
                EventOutcome::Declined
            } else {
                EventOutcome::AlreadySettled
            })
        }
    }
}

/// A charge succeeded: capture it if the order can still be paid, else give it back.
async fn succeeded(
    db: &Db,
    provider: &dyn PaymentProvider,
    mut payment: payments::Model,
    provider_ref: &str,
    amount_cents: i64,
) -> Result<EventOutcome, StoreError> {
    // Each round either settles or sees the status another door just set; a few rounds
    // cover any interleaving of webhooks, the reconcile and the shopper's own request.
    for _ in 0..4 {
        let matches_amount = amount_cents == payment.amount_cents;
        match payment.status.as_str() {
            "captured" | "partially_refunded" | "refunded" => {
                if payment.provider_ref.as_deref() == Some(provider_ref) {
                    return Ok(EventOutcome::AlreadySettled);
                }
                // Paid twice (by another attempt): the second charge goes back.
                return refund_unplaced(db, provider, &payment, provider_ref, amount_cents).await;
            }
            "processing" if matches_amount => {
                if settle_captured(db, &payment.id, provider_ref, None, None).await? {
                    return Ok(EventOutcome::Captured);
                }
            }
            // A decline heard first, and the order still holds its stock: take it.
            "pending" if matches_amount => {
                if reclaim(db, &payment.id).await?
                    && settle_captured(db, &payment.id, provider_ref, None, None).await?
                {
                    return Ok(EventOutcome::Captured);
                }
            }
            // Cancelled, declined, or an amount that is not the order's: the order has
            // ended (its stock released) or this is not its charge.
            _ => return refund_unplaced(db, provider, &payment, provider_ref, amount_cents).await,
        }
        payment = payments::Entity::find_by_id(&payment.id)
            .one(db.conn())
            .await?
            .ok_or(StoreError::NotFound)?;
    }
    Err(StoreError::Internal(format!(
        "payment {} kept changing while settling a provider event",
        payment.id
    )))
}

/// `pending` → `processing` for a charge the provider says succeeded (no new attempt).
async fn reclaim(db: &Db, payment_id: &str) -> Result<bool, StoreError> {
    let result = db
        .writer()
        .execute_raw(statement(
            db.backend(),
            "UPDATE payments SET status = 'processing', updated_at = ? WHERE id = ? AND status = 'pending' \
             AND EXISTS (SELECT 1 FROM orders o WHERE o.id = payments.order_id AND o.status = 'pending_payment')",
            [now().into(), payment_id.to_owned().into()],
        ))
        .await?;
    Ok(result.rows_affected() == 1)
}

/// Money taken for an order that will not be one: refunded in full through the provider
/// (its idempotency key makes a repeat harmless), the round trip written in the ledger
/// under the order, and the shopper told. The payment row keeps its own story.
async fn refund_unplaced(
    db: &Db,
    provider: &dyn PaymentProvider,
    payment: &payments::Model,
    provider_ref: &str,
    amount_cents: i64,
) -> Result<EventOutcome, StoreError> {
    if amount_cents <= 0 {
        return Ok(EventOutcome::Ignored);
    }
    let refund_ref = provider
        .refund(
            provider_ref,
            amount_cents,
            format!("unplaced:{provider_ref}"),
        )
        .await?;
    tracing::warn!(
        payment.id = %payment.id,
        provider.charge = provider_ref,
        provider.refund = %refund_ref,
        amount_cents,
        "a charge succeeded for an order that cannot be paid; refunded it"
    );
    let txn = db.begin_write().await?;
    let psp = ledger::psp(&payment.provider);
    let order_account = ledger::order(&payment.order_id);
    let refs = ledger::Refs {
        order_id: Some(&payment.order_id),
        seller_order_id: None,
    };
    ledger::transfer(
        &txn,
        &format!("unplaced_capture:{provider_ref}"),
        &psp,
        &order_account,
        amount_cents,
        refs,
    )
    .await?;
    ledger::transfer(
        &txn,
        &format!("unplaced_refund:{provider_ref}"),
        &order_account,
        &psp,
        amount_cents,
        refs,
    )
    .await?;
    notifications::refunded(
        &txn,
        &payment.order_id,
        &format!("unplaced:{provider_ref}"),
        "Halles",
        amount_cents,
    )
    .await?;
    txn.commit().await?;
    Ok(EventOutcome::Refunded)
}

/// Background job: asks the provider about attempts left `processing` longer than
/// `older_than` (their answer was lost) and settles them as it says: captured, declined
/// (as the order's channel wants), or left as they are while it cannot tell. Only this
/// provider's payments; the sandbox keeps no record, so it does nothing there. Returns
/// how many payments it settled.
pub async fn reconcile_processing(
    db: &Db,
    provider: &dyn PaymentProvider,
    older_than: chrono::Duration,
) -> Result<u64, StoreError> {
    let stuck = db
        .conn()
        .query_all_raw(statement(
            db.backend(),
            "SELECT p.id, p.attempts, p.amount_cents, p.provider_ref, o.currency, o.channel \
             FROM payments p JOIN orders o ON o.id = p.order_id \
             WHERE p.status = 'processing' AND p.provider = ? AND p.updated_at < ? \
             ORDER BY p.updated_at LIMIT 100",
            [provider.name().into(), (now() - older_than).into()],
        ))
        .await?;
    let mut settled = 0;
    for row in stuck {
        let payment_id: String = row.try_get_by_index(0)?;
        let attempt: i32 = row.try_get_by_index(1)?;
        let amount_cents: i64 = row.try_get_by_index(2)?;
        let attempt_ref: Option<String> = row.try_get_by_index(3)?;
        let currency: String = row.try_get_by_index(4)?;
        let channel: String = row.try_get_by_index(5)?;
        let (known_ref, method) = match attempt_ref {
            Some(method) if method.starts_with("pm_") => {
                (None, Some(PaymentSource::Method(method)))
            }
            other => (other, None),
        };
        let lookup = ChargeLookup {
            provider_ref: known_ref.as_deref(),
            replay: method.as_ref().map(|source| ChargeRequest {
                amount_cents,
                currency: &currency,
                source,
                payment_id: &payment_id,
                attempt,
                idempotency_key: idempotency_key(&payment_id, attempt),
            }),
        };
        let outcome = match provider.retrieve(lookup).await {
            Ok(Some(outcome)) => outcome,
            Ok(None) => continue,
            Err(err) => {
                tracing::warn!(payment.id = %payment_id, error = %err, "cannot reconcile a payment yet");
                continue;
            }
        };
        let changed = match outcome {
            ChargeOutcome::Captured { provider_ref } => {
                match payments::Entity::find_by_id(&payment_id)
                    .one(db.conn())
                    .await?
                {
                    Some(payment) => {
                        let outcome =
                            succeeded(db, provider, payment, &provider_ref, amount_cents).await?;
                        outcome == EventOutcome::Captured
                    }
                    None => false,
                }
            }
            ChargeOutcome::Declined { code, .. } => {
                settle_declined(
                    db,
                    &payment_id,
                    code,
                    Some(attempt),
                    on_decline_for(&channel),
                )
                .await?
            }
            ChargeOutcome::Unknown { provider_ref } => {
                if let Some(provider_ref) = provider_ref {
                    note_attempt_ref(db, &payment_id, attempt, &provider_ref).await?;
                }
                false
            }
        };
        settled += u64::from(changed);
    }
    Ok(settled)
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
