//! The seller and operator API calls an [`Effect::Api`](super::Effect::Api) makes, and their answers.

use api_types::ListResponse;
use api_types::analytics::{PlatformKpis, SellerDashboard};
use api_types::catalog::{Category, ShopCard};
use api_types::orders::SellerOrder;
use api_types::selling::{
    CreateShopRequest, Location, LocationRequest, LowStockLine, OfferRequest, SellerCashback,
    SellerOffer, SellerPayouts, SellerShop, StockLine, StockMovement, StockRequest,
    StockTransferRequest, StockTransferResponse,
};

use api_types::operating::{
    AuditEntry, AuditQuery, Campaign, CampaignRequest, Dispute, DisputeAnswerRequest,
    DisputeDecisionRequest, OperatorShop, PayoutResponse, PlatformSettings, ReportCase,
    SettingsResponse,
};

use crate::client::{ApiError, OrderQuery, OrderStep};

/// One request to the seller API.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiCall {
    /// `GET /seller/shop`.
    GetShop,
    /// `POST /seller/shop`.
    CreateShop(CreateShopRequest),
    /// `GET /seller/offers?page=&per_page=`.
    ListOffers {
        /// From 1.
        page: u64,
        /// Offers per page.
        per_page: u64,
    },
    /// `POST /seller/offers`.
    CreateOffer(OfferRequest),
    /// `PATCH /seller/offers/{id}`.
    UpdateOffer {
        /// The offer.
        id: String,
        /// Its new values.
        body: OfferRequest,
    },
    /// `DELETE /seller/offers/{id}`.
    DeleteOffer {
        /// The offer.
        id: String,
    },
    /// `PUT /seller/offers/{id}/stock`.
    SetStock {
        /// The offer.
        offer_id: String,
        /// The location and quantity.
        body: StockRequest,
    },
    /// `POST /seller/offers/{id}/stock/transfer`.
    TransferStock {
        /// The offer.
        offer_id: String,
        /// From where, to where, how many.
        body: StockTransferRequest,
    },
    /// `GET /seller/offers/{id}/stock/movements?location_id=&page=&per_page=`.
    StockMovements {
        /// The offer.
        offer_id: String,
        /// Only this location's movements.
        location_id: String,
        /// From 1.
        page: u64,
        /// Movements per page.
        per_page: u64,
    },
    /// `GET /seller/stock/low`.
    LowStock,
    /// `PUT /seller/offers/{id}/low-stock-threshold`.
    SetLowStockThreshold {
        /// The offer.
        offer_id: String,
        /// Free units at or below which a row is low.
        threshold: i64,
    },
    /// `GET /seller/locations`.
    ListLocations,
    /// `POST /seller/locations`.
    CreateLocation(LocationRequest),
    /// `PATCH /seller/locations/{id}`.
    UpdateLocation {
        /// The location.
        id: String,
        /// Its new values.
        body: LocationRequest,
    },
    /// `GET /categories`.
    ListCategories,
    /// `GET /seller/orders?status=&page=&per_page=`.
    ListOrders(OrderQuery),
    /// How many orders are in `status` (`GET /seller/orders?status=…&per_page=1`).
    CountOrders {
        /// The seller order status counted.
        status: String,
    },
    /// `GET /seller/orders/{id}`.
    GetOrder {
        /// The seller order.
        id: String,
    },
    /// `POST /seller/orders/{id}/{step}` with an `Idempotency-Key`.
    OrderStep {
        /// The seller order.
        id: String,
        /// What to do, with its body.
        step: OrderStep,
        /// The same for every retry of one user action.
        key: String,
    },
    /// `GET /operator/shops?status=&page=`.
    ShopQueue {
        /// Only shops in this status; every shop when `None`.
        status: Option<String>,
        /// From 1.
        page: u64,
    },
    /// `POST /operator/shops/{id}/{action}` or `POST /operator/offers/{id}/{action}`.
    Decide {
        /// `shop` or `offer`.
        target: &'static str,
        /// The shop or offer.
        id: String,
        /// `approve`, `reject`, `suspend`, `reinstate`, `takedown` or `clear`.
        action: &'static str,
        /// Why, as typed.
        reason: String,
    },
    /// `GET /operator/reports?page=`.
    Reports {
        /// From 1.
        page: u64,
    },
    /// `GET /operator/settings`.
    GetSettings,
    /// `PUT /operator/settings`.
    SaveSettings(PlatformSettings),
    /// `GET /operator/audit?…`.
    Audit(AuditQuery),
    /// `GET /operator/campaigns`.
    Campaigns,
    /// `GET /shops?per_page=100`: the approved shops, to name one in a campaign.
    ApprovedShops,
    /// `POST /operator/campaigns`.
    CreateCampaign(CampaignRequest),
    /// `POST /operator/campaigns/{id}/end`.
    EndCampaign {
        /// The campaign.
        id: String,
        /// Why, as typed.
        reason: String,
    },
    /// `GET /operator/disputes?status=`.
    Disputes {
        /// `open`, `refunded` or `rejected`; every dispute when `None`.
        status: Option<String>,
    },
    /// `POST /operator/disputes/{id}/decide`.
    DecideDispute {
        /// The dispute.
        id: String,
        /// Refund (how much) or reject, and why.
        body: DisputeDecisionRequest,
    },
    /// `GET /seller/disputes?status=`.
    SellerDisputes {
        /// `open`; every dispute of the shop when `None`.
        status: Option<String>,
    },
    /// `POST /seller/disputes/{id}/answer`.
    AnswerDispute {
        /// The dispute.
        id: String,
        /// The shop's answer.
        body: DisputeAnswerRequest,
    },
    /// `GET /seller/cashback`.
    GetCashback,
    /// `PUT /seller/cashback`: the shop's boost in basis points, `None` to remove it.
    SetShopBoost(Option<i64>),
    /// `PUT /seller/offers/{id}/cashback`.
    SetOfferBoost {
        /// The offer.
        id: String,
        /// Its boost in basis points, `None` to remove it.
        boost_bps: Option<i64>,
    },
    /// `GET /seller/payouts`.
    SellerPayouts,
    /// `GET /seller/dashboard`.
    SellerDashboard,
    /// `GET /operator/kpis?days=`.
    PlatformKpis {
        /// The period, in days up to today.
        days: u32,
    },
    /// `POST /operator/payouts/{shop_id}`: pays the shop its whole payable balance.
    PayOut {
        /// The shop.
        shop_id: String,
        /// Why, as typed (may be empty).
        reason: String,
    },
}

/// What an [`ApiCall`] answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// To [`ApiCall::GetShop`].
    Shop(Result<SellerShop, ApiError>),
    /// To [`ApiCall::CreateShop`].
    ShopCreated(Result<SellerShop, ApiError>),
    /// To [`ApiCall::ListOffers`].
    Offers(Result<ListResponse<SellerOffer>, ApiError>),
    /// To [`ApiCall::CreateOffer`] and [`ApiCall::UpdateOffer`].
    OfferSaved(Result<SellerOffer, ApiError>),
    /// To [`ApiCall::DeleteOffer`].
    OfferDeleted {
        /// The offer.
        id: String,
        /// `Ok` once withdrawn.
        result: Result<(), ApiError>,
    },
    /// To [`ApiCall::SetStock`].
    Stock {
        /// The offer.
        offer_id: String,
        /// The new level.
        result: Result<StockLine, ApiError>,
    },
    /// To [`ApiCall::TransferStock`].
    Transferred {
        /// The offer.
        offer_id: String,
        /// Both rows after the move.
        result: Result<StockTransferResponse, ApiError>,
    },
    /// To [`ApiCall::StockMovements`].
    Movements(Result<ListResponse<StockMovement>, ApiError>),
    /// To [`ApiCall::LowStock`].
    LowStock(Result<ListResponse<LowStockLine>, ApiError>),
    /// To [`ApiCall::SetLowStockThreshold`].
    ThresholdSaved {
        /// The offer.
        offer_id: String,
        /// The threshold saved.
        result: Result<i64, ApiError>,
    },
    /// To [`ApiCall::ListLocations`].
    Locations(Result<ListResponse<Location>, ApiError>),
    /// To [`ApiCall::CreateLocation`] and [`ApiCall::UpdateLocation`].
    LocationSaved(Result<Location, ApiError>),
    /// To [`ApiCall::ListCategories`].
    Categories(Result<ListResponse<Category>, ApiError>),
    /// To [`ApiCall::ListOrders`].
    Orders(Result<ListResponse<SellerOrder>, ApiError>),
    /// To [`ApiCall::CountOrders`].
    OrderCount(Result<u64, ApiError>),
    /// To [`ApiCall::GetOrder`].
    Order(Result<SellerOrder, ApiError>),
    /// To [`ApiCall::OrderStep`].
    OrderChanged {
        /// The seller order.
        id: String,
        /// The order after the step.
        result: Result<SellerOrder, ApiError>,
    },
    /// To [`ApiCall::ShopQueue`].
    ShopQueue(Result<ListResponse<OperatorShop>, ApiError>),
    /// To [`ApiCall::Decide`]: the new status of the shop or offer.
    Decided(Result<String, ApiError>),
    /// To [`ApiCall::Reports`].
    Reports(Result<ListResponse<ReportCase>, ApiError>),
    /// To [`ApiCall::GetSettings`].
    Settings(Result<SettingsResponse, ApiError>),
    /// To [`ApiCall::SaveSettings`].
    SettingsSaved(Result<SettingsResponse, ApiError>),
    /// To [`ApiCall::Audit`].
    Audit(Result<ListResponse<AuditEntry>, ApiError>),
    /// To [`ApiCall::Campaigns`].
    Campaigns(Result<ListResponse<Campaign>, ApiError>),
    /// To [`ApiCall::ApprovedShops`].
    ApprovedShops(Result<ListResponse<ShopCard>, ApiError>),
    /// To [`ApiCall::CreateCampaign`].
    CampaignCreated(Result<Campaign, ApiError>),
    /// To [`ApiCall::EndCampaign`]: the campaign as it ended, `None` when it was withdrawn
    /// before it started.
    CampaignEnded(Result<Option<Campaign>, ApiError>),
    /// To [`ApiCall::Disputes`].
    Disputes(Result<ListResponse<Dispute>, ApiError>),
    /// To [`ApiCall::DecideDispute`]: the dispute as decided.
    DisputeDecided(Result<Dispute, ApiError>),
    /// To [`ApiCall::SellerDisputes`].
    SellerDisputes(Result<ListResponse<Dispute>, ApiError>),
    /// To [`ApiCall::AnswerDispute`]: the dispute with the shop's answer.
    DisputeAnswered(Result<Dispute, ApiError>),
    /// To [`ApiCall::GetCashback`].
    Cashback(Result<SellerCashback, ApiError>),
    /// To [`ApiCall::SetShopBoost`] and [`ApiCall::SetOfferBoost`]: the cashback after it.
    BoostSaved(Result<SellerCashback, ApiError>),
    /// To [`ApiCall::SellerPayouts`].
    Payouts(Result<SellerPayouts, ApiError>),
    /// To [`ApiCall::PayOut`]: the amount the server paid.
    PaidOut(Result<PayoutResponse, ApiError>),
    /// To [`ApiCall::SellerDashboard`].
    Dashboard(Result<SellerDashboard, ApiError>),
    /// To [`ApiCall::PlatformKpis`].
    Kpis(Result<PlatformKpis, ApiError>),
}

impl Answer {
    /// The failure, if the call failed.
    pub fn error(&self) -> Option<&ApiError> {
        match self {
            Self::Shop(result) | Self::ShopCreated(result) => result.as_ref().err(),
            Self::Offers(result) => result.as_ref().err(),
            Self::OfferSaved(result) => result.as_ref().err(),
            Self::OfferDeleted { result, .. } => result.as_ref().err(),
            Self::Stock { result, .. } => result.as_ref().err(),
            Self::Transferred { result, .. } => result.as_ref().err(),
            Self::Movements(result) => result.as_ref().err(),
            Self::LowStock(result) => result.as_ref().err(),
            Self::ThresholdSaved { result, .. } => result.as_ref().err(),
            Self::Locations(result) => result.as_ref().err(),
            Self::LocationSaved(result) => result.as_ref().err(),
            Self::Categories(result) => result.as_ref().err(),
            Self::Orders(result) => result.as_ref().err(),
            Self::OrderCount(result) => result.as_ref().err(),
            Self::Order(result) | Self::OrderChanged { result, .. } => result.as_ref().err(),
            Self::ShopQueue(result) => result.as_ref().err(),
            Self::Decided(result) => result.as_ref().err(),
            Self::Reports(result) => result.as_ref().err(),
            Self::Settings(result) | Self::SettingsSaved(result) => result.as_ref().err(),
            Self::Audit(result) => result.as_ref().err(),
            Self::Campaigns(result) => result.as_ref().err(),
            Self::ApprovedShops(result) => result.as_ref().err(),
            Self::CampaignCreated(result) => result.as_ref().err(),
            Self::CampaignEnded(result) => result.as_ref().err(),
            Self::Disputes(result) | Self::SellerDisputes(result) => result.as_ref().err(),
            Self::DisputeDecided(result) | Self::DisputeAnswered(result) => result.as_ref().err(),
            Self::Cashback(result) | Self::BoostSaved(result) => result.as_ref().err(),
            Self::Payouts(result) => result.as_ref().err(),
            Self::PaidOut(result) => result.as_ref().err(),
            Self::Dashboard(result) => result.as_ref().err(),
            Self::Kpis(result) => result.as_ref().err(),
        }
    }

    /// A short name, for logs.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Shop(_) => "shop",
            Self::ShopCreated(_) => "shop_created",
            Self::Offers(_) => "offers",
            Self::OfferSaved(_) => "offer_saved",
            Self::OfferDeleted { .. } => "offer_deleted",
            Self::Stock { .. } => "stock",
            Self::Transferred { .. } => "transferred",
            Self::Movements(_) => "movements",
            Self::LowStock(_) => "low_stock",
            Self::ThresholdSaved { .. } => "threshold_saved",
            Self::Locations(_) => "locations",
            Self::LocationSaved(_) => "location_saved",
            Self::Categories(_) => "categories",
            Self::Orders(_) => "orders",
            Self::OrderCount(_) => "order_count",
            Self::Order(_) => "order",
            Self::OrderChanged { .. } => "order_changed",
            Self::ShopQueue(_) => "shop_queue",
            Self::Decided(_) => "decided",
            Self::Reports(_) => "reports",
            Self::Settings(_) => "settings",
            Self::SettingsSaved(_) => "settings_saved",
            Self::Audit(_) => "audit",
            Self::Campaigns(_) => "campaigns",
            Self::ApprovedShops(_) => "approved_shops",
            Self::CampaignCreated(_) => "campaign_created",
            Self::CampaignEnded(_) => "campaign_ended",
            Self::Disputes(_) => "disputes",
            Self::DisputeDecided(_) => "dispute_decided",
            Self::SellerDisputes(_) => "seller_disputes",
            Self::DisputeAnswered(_) => "dispute_answered",
            Self::Cashback(_) => "cashback",
            Self::BoostSaved(_) => "boost_saved",
            Self::Payouts(_) => "payouts",
            Self::PaidOut(_) => "paid_out",
            Self::Dashboard(_) => "dashboard",
            Self::Kpis(_) => "kpis",
        }
    }
}
