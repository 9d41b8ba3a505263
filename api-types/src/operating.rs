//! Operating: what platform operators read and send under `/operator/*`, and the report a
//! shopper files on an offer (`POST /offers/{id}/report`).

use serde::{Deserialize, Serialize};

use crate::auth::ShopStatus;

/// `POST /operator/shops/{id}/{approve|reject|suspend|reinstate}`,
/// `POST /operator/offers/{id}/{takedown|clear}` and `POST /offers/{id}/report`.
/// Rejecting, suspending, reinstating, taking down and reporting need a reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReasonRequest {
    #[serde(default)]
    pub reason: String,
}

/// A shop as operators see it in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OperatorShop {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub status: ShopStatus,
    /// Why it was last rejected, suspended or reinstated, as the seller was told.
    #[serde(default)]
    pub status_reason: Option<String>,
    /// Who applied.
    pub owner_name: String,
    pub owner_email: String,
    /// Its offers, live or not.
    pub offer_count: u64,
    /// When it applied, RFC 3339.
    pub created_at: String,
}

/// `{"shop": …}`, the answer to a decision on a shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OperatorShopResponse {
    pub shop: OperatorShop,
}

/// An offer waiting for an operator's decision: reported by shoppers, or held for review
/// by the automated listing checks. `GET /operator/reports` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportCase {
    pub offer_id: String,
    pub product_id: String,
    pub title: String,
    pub shop_id: String,
    pub shop_name: String,
    pub price_cents: i64,
    pub currency: String,
    /// `active`, `inactive`, `review` or `taken_down`.
    pub status: String,
    /// Why the checks held it for review.
    #[serde(default)]
    pub moderation_note: Option<String>,
    pub open_reports: u64,
    /// What the shoppers wrote, newest first.
    pub reasons: Vec<String>,
}

/// An offer after an operator's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModeratedOffer {
    pub id: String,
    pub shop_id: String,
    pub status: String,
    /// The reason the seller sees (set on takedown, cleared on clear).
    #[serde(default)]
    pub moderation_note: Option<String>,
}

/// `{"offer": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModeratedOfferResponse {
    pub offer: ModeratedOffer,
}

/// A shopper's report, as filed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferReport {
    pub id: String,
    pub offer_id: String,
    pub reason: String,
    /// `open`, `cleared` or `actioned`.
    pub status: String,
    pub created_at: String,
}

/// `{"report": …}`, the 201 to `POST /offers/{id}/report`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferReportResponse {
    pub report: OfferReport,
}

/// `GET|PUT /operator/settings`: the marketplace-wide rates and delays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlatformSettings {
    /// The marketplace's fee, in basis points of a seller order (1200 = 12 %).
    pub commission_rate_bps: i64,
    /// The cashback base rate, in basis points of what the shopper paid.
    pub cashback_rate_bps: i64,
    pub return_window_days: i64,
    pub pickup_hold_days: i64,
}

/// `{"settings": …}`, with when they last changed (RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettingsResponse {
    pub settings: PlatformSettings,
    pub updated_at: String,
}

/// One value an operator action changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditChange {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// One row of the audit log: who, when, what and why. `GET /operator/audit` lists them,
/// newest first, filtered by `action`, `operator_id`, `target_type`, `target_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: String,
    pub operator_id: String,
    pub operator_name: String,
    pub operator_email: String,
    /// `shop.approve`, `shop.reject`, `shop.suspend`, `shop.reinstate`, `offer.takedown`,
    /// `offer.clear` or `settings.update`.
    pub action: String,
    /// `shop`, `offer` or `settings`.
    pub target_type: String,
    pub target_id: String,
    pub reason: String,
    pub changes: Vec<AuditChange>,
    /// RFC 3339.
    pub created_at: String,
}

/// The filters of `GET /operator/audit` (all optional), with paging.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AuditQuery {
    /// An audited action, e.g. `shop.approve`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The operator who acted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator_id: Option<String>,
    /// What was acted on: `shop`, `offer`, `settings`…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_id: Option<String>,
    /// The page, from 1 (default) to 10000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<u64>, minimum = 1, maximum = 10000))]
    pub page: Option<String>,
    /// Items per page, 1 to 100, 24 by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<u64>, minimum = 1, maximum = 100))]
    pub per_page: Option<String>,
}

/// What a seller sees about the moderation of one of its offers:
/// `GET /seller/offers/{id}/moderation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferModeration {
    pub offer_id: String,
    pub status: String,
    /// The operator's reason for a takedown, or why the checks hold it for review.
    #[serde(default)]
    pub note: Option<String>,
}

/// `{"moderation": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferModerationResponse {
    pub moderation: OfferModeration,
}

/// `POST /operator/campaigns`: a higher cashback rate for a while, on one shop's items
/// (`shop_id`) or one category's (`category`, a slug). Times are RFC 3339.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CampaignRequest {
    pub name: String,
    /// Added to the platform's base rate, 1 to 2000 (0.01–20 %).
    pub rate_bps: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shop_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Absent: now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<String>,
    pub ends_at: String,
}

/// A cashback campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Campaign {
    pub id: String,
    pub name: String,
    pub rate_bps: i32,
    pub shop_id: Option<String>,
    pub shop_name: Option<String>,
    /// The category's slug.
    pub category: Option<String>,
    pub category_name: Option<String>,
    pub starts_at: String,
    pub ends_at: String,
    /// `upcoming`, `running` or `ended`.
    pub status: String,
}

/// `{"campaign": …}`; `null` once an upcoming campaign is withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CampaignResponse {
    pub campaign: Option<Campaign>,
}

/// A shopper's dispute on a seller order, as the shopper, the seller and operators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dispute {
    pub id: String,
    pub seller_order_id: String,
    pub order_id: String,
    pub order_number: String,
    pub shop_id: String,
    pub shop_name: String,
    pub shopper_name: String,
    /// `not_received` or `not_as_described`.
    pub kind: String,
    pub message: String,
    pub seller_answer: Option<String>,
    pub answered_at: Option<String>,
    /// `open`, `refunded` or `rejected`.
    pub status: String,
    pub decision_reason: Option<String>,
    pub refund_cents: Option<i64>,
    pub decided_at: Option<String>,
    pub created_at: String,
    /// What the seller order cost, and what was refunded on it so far.
    pub part_total_cents: i64,
    pub part_refunded_cents: i64,
}

/// `{"dispute": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisputeResponse {
    pub dispute: Dispute,
}

/// `POST /orders/{id}/seller-orders/{seller_order_id}/disputes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenDisputeRequest {
    /// `not_received` or `not_as_described`.
    pub kind: String,
    pub message: String,
}

/// `POST /seller/disputes/{id}/answer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisputeAnswerRequest {
    pub message: String,
}

/// `POST /operator/disputes/{id}/decide`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisputeDecisionRequest {
    /// `refund` or `reject`.
    pub decision: String,
    /// For a refund: how much; absent refunds everything not refunded yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_cents: Option<i64>,
    pub reason: String,
}

/// `POST /operator/payouts/{shop_id}` `{reason?}` → 201: the whole payable balance paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PayoutResponse {
    pub shop_id: String,
    pub amount_cents: i64,
}
