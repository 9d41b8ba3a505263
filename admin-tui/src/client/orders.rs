//! Typed calls of the seller orders API (`/seller/orders…`).
//!
//! Every state change is a `POST` that carries an `Idempotency-Key`: the caller makes one
//! key per user action (see [`idempotency_key`]) and sends it again when it retries that
//! action, so a step the server applied before the connection dropped is not applied twice.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use api_types::orders::{
    CancelRequest, CollectRequest, RefundRequest, ReturnInStoreRequest, SellerOrder,
    SellerOrderResponse, ShipRequest,
};
use api_types::{IDEMPOTENCY_KEY_HEADER, ListResponse};
use serde::Serialize;

use super::{ApiClient, ApiError, Method, api_path};

/// Which page of the shop's orders to list, and which of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderQuery {
    /// Only orders in this seller order status (`paid`, `shipped`…); all when `None`.
    pub status: Option<String>,
    /// From 1.
    pub page: u64,
    /// Orders per page.
    pub per_page: u64,
}

/// What a seller does to one of its orders: one `POST /seller/orders/{id}/…` and its body.
///
/// Its `Debug` leaves the pickup code out (see the impl).
#[derive(Clone, PartialEq, Eq)]
pub enum OrderStep {
    /// `accept`: take a paid order on.
    Accept,
    /// `ship`: hand a delivery to the carrier.
    Ship(ShipRequest),
    /// `ready`: a pickup waits in the store.
    Ready,
    /// `collect`: the shopper took the pickup, showing its code.
    Collect(CollectRequest),
    /// `cancel`: the shop will not fulfil the order.
    Cancel(CancelRequest),
    /// `refund`: give money back, in part or whole.
    Refund(RefundRequest),
    /// `return/accept`: agree to the return the shopper asked for.
    AcceptReturn,
    /// `return/refuse`: turn the return down.
    RefuseReturn,
    /// `return`: the shopper brought the part back to one of the shop's stores; the rest
    /// is refunded and the units go onto that store's shelf.
    ReturnInStore(ReturnInStoreRequest),
}

impl OrderStep {
    /// The path after `/seller/orders/{id}/`.
    pub fn path(&self) -> &'static str {
        match self {
            Self::Accept => "accept",
            Self::Ship(_) => "ship",
            Self::Ready => "ready",
            Self::Collect(_) => "collect",
            Self::Cancel(_) => "cancel",
            Self::Refund(_) => "refund",
            Self::AcceptReturn => "return/accept",
            Self::RefuseReturn => "return/refuse",
            Self::ReturnInStore(_) => "return",
        }
    }

    /// The JSON body (`{}` for the steps without one).
    fn body(&self) -> Result<serde_json::Value, serde_json::Error> {
        match self {
            Self::Ship(body) => serde_json::to_value(body),
            Self::Collect(body) => serde_json::to_value(body),
            Self::Cancel(body) => serde_json::to_value(body),
            Self::Refund(body) => serde_json::to_value(body),
            Self::ReturnInStore(body) => serde_json::to_value(body),
            Self::Accept | Self::Ready | Self::AcceptReturn | Self::RefuseReturn => {
                Ok(serde_json::json!({}))
            }
        }
    }
}

/// The pickup code is what the shopper shows to collect an order: whoever reads it can
/// take the parcel. The console logs the effects it runs at debug level, steps included,
/// so a hand-over reads `Collect(<redacted>)`; the other bodies (carrier, reason, amount)
/// are shown, as they make the log useful and hold no secret.
impl std::fmt::Debug for OrderStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Accept => f.write_str("Accept"),
            Self::Ship(body) => f.debug_tuple("Ship").field(body).finish(),
            Self::Ready => f.write_str("Ready"),
            Self::Collect(_) => f.write_str("Collect(<redacted>)"),
            Self::Cancel(body) => f.debug_tuple("Cancel").field(body).finish(),
            Self::Refund(body) => f.debug_tuple("Refund").field(body).finish(),
            Self::AcceptReturn => f.write_str("AcceptReturn"),
            Self::RefuseReturn => f.write_str("RefuseReturn"),
            Self::ReturnInStore(body) => f.debug_tuple("ReturnInStore").field(body).finish(),
        }
    }
}

impl ApiClient {
    /// `GET /seller/orders?status=&page=&per_page=`: one page of the shop's orders, newest
    /// first.
    pub async fn seller_orders(
        &self,
        query: &OrderQuery,
    ) -> Result<ListResponse<SellerOrder>, ApiError> {
        let mut params = vec![
            ("page", query.page.to_string()),
            ("per_page", query.per_page.to_string()),
        ];
        if let Some(status) = &query.status {
            params.push(("status", status.clone()));
        }
        let request = self
            .raw(Method::GET, &api_path("/seller/orders"))
            .query(&params);
        self.send(request).await
    }

    /// `GET /seller/orders/{id}`: one of the shop's orders (another shop's is a 404).
    pub async fn seller_order(&self, id: &str) -> Result<SellerOrder, ApiError> {
        let response: SellerOrderResponse = self.get(&format!("/seller/orders/{id}")).await?;
        Ok(response.seller_order)
    }

    /// Takes `step` on order `id`, sending `idempotency_key`. A step the order's status
    /// does not allow is a 409 `invalid_transition`; a bad field a 422 naming it.
    pub async fn order_step(
        &self,
        id: &str,
        step: &OrderStep,
        idempotency_key: &str,
    ) -> Result<SellerOrder, ApiError> {
        let body = step
            .body()
            .map_err(|error| ApiError::Decode(error.to_string()))?;
        self.idempotent_post(
            &format!("/seller/orders/{id}/{}", step.path()),
            &body,
            idempotency_key,
        )
        .await
    }

    /// `POST /seller/orders/{id}/accept`.
    pub async fn accept_order(&self, id: &str, key: &str) -> Result<SellerOrder, ApiError> {
        self.order_step(id, &OrderStep::Accept, key).await
    }

    /// `POST /seller/orders/{id}/ship` `{carrier, tracking}`.
    pub async fn ship_order(
        &self,
        id: &str,
        request: &ShipRequest,
        key: &str,
    ) -> Result<SellerOrder, ApiError> {
        self.order_step(id, &OrderStep::Ship(request.clone()), key)
            .await
    }

    /// `POST /seller/orders/{id}/ready`: the pickup waits in the store.
    pub async fn mark_order_ready(&self, id: &str, key: &str) -> Result<SellerOrder, ApiError> {
        self.order_step(id, &OrderStep::Ready, key).await
    }

    /// `POST /seller/orders/{id}/collect` `{code}`.
    pub async fn collect_order(
        &self,
        id: &str,
        request: &CollectRequest,
        key: &str,
    ) -> Result<SellerOrder, ApiError> {
        self.order_step(id, &OrderStep::Collect(request.clone()), key)
            .await
    }

    /// `POST /seller/orders/{id}/cancel` `{reason}`.
    pub async fn cancel_order(
        &self,
        id: &str,
        request: &CancelRequest,
        key: &str,
    ) -> Result<SellerOrder, ApiError> {
        self.order_step(id, &OrderStep::Cancel(request.clone()), key)
            .await
    }

    /// `POST /seller/orders/{id}/refund` `{amount_cents, reason}`.
    pub async fn refund_order(
        &self,
        id: &str,
        request: &RefundRequest,
        key: &str,
    ) -> Result<SellerOrder, ApiError> {
        self.order_step(id, &OrderStep::Refund(request.clone()), key)
            .await
    }

    /// `POST /seller/orders/{id}/return/accept`.
    pub async fn accept_return(&self, id: &str, key: &str) -> Result<SellerOrder, ApiError> {
        self.order_step(id, &OrderStep::AcceptReturn, key).await
    }

    /// `POST /seller/orders/{id}/return/refuse`.
    pub async fn refuse_return(&self, id: &str, key: &str) -> Result<SellerOrder, ApiError> {
        self.order_step(id, &OrderStep::RefuseReturn, key).await
    }

    /// `POST /seller/orders/{id}/return` `{store_id, reason}`: records a return brought
    /// to one of the shop's stores.
    pub async fn return_in_store(
        &self,
        id: &str,
        request: &ReturnInStoreRequest,
        key: &str,
    ) -> Result<SellerOrder, ApiError> {
        self.order_step(id, &OrderStep::ReturnInStore(request.clone()), key)
            .await
    }

    async fn idempotent_post<B: Serialize + ?Sized>(
        &self,
        path: &str,
        body: &B,
        key: &str,
    ) -> Result<SellerOrder, ApiError> {
        let request = self
            .raw(Method::POST, &api_path(path))
            .header(IDEMPOTENCY_KEY_HEADER, key)
            .json(body);
        let response: SellerOrderResponse = self.send(request).await?;
        Ok(response.seller_order)
    }
}

/// A fresh idempotency key: 32 random hex digits.
///
/// Made from std's randomly seeded hasher keys, the clock and a counter rather than a
/// `uuid`/`rand` dependency: the key only has to be unique, not secret.
pub fn idempotency_key() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    let half = |salt: u64| {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(salt);
        hasher.write_u64(count);
        hasher.write_u128(nanos);
        hasher.finish()
    };
    format!("{:016x}{:016x}", half(1), half(2))
}
