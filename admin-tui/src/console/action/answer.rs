//! What an [`ApiCall`](super::ApiCall) answered.

use api_types::ListResponse;
use api_types::analytics::{PlatformKpis, SellerDashboard};
use api_types::catalog::{Category, ShopCard};
use api_types::omnichannel::TillCart;
use api_types::operating::{
    AuditEntry, Campaign, Dispute, OperatorShop, PayoutResponse, ReportCase, SettingsResponse,
};
use api_types::orders::{Order, SellerOrder};
use api_types::selling::{
    Location, LowStockLine, SellerCashback, SellerOffer, SellerPayouts, SellerShop, StockLine,
    StockMovement, StockTransferResponse,
};

#[cfg(doc)]
use super::ApiCall;
use crate::client::ApiError;

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
    /// To [`ApiCall::TillCart`].
    TillCart(Result<TillCart, ApiError>),
    /// To [`ApiCall::TillSale`]: the order, paid at the till.
    TillSold(Result<Order, ApiError>),
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
            Self::TillCart(result) => result.as_ref().err(),
            Self::TillSold(result) => result.as_ref().err(),
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
            Self::TillCart(_) => "till_cart",
            Self::TillSold(_) => "till_sold",
        }
    }
}
