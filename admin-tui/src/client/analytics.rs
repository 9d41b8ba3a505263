//! Typed calls of the analytics endpoints: the seller dashboard and the platform figures.

use api_types::analytics::{PlatformKpis, SellerDashboard};

use super::{ApiClient, ApiError};

impl ApiClient {
    /// `GET /seller/dashboard`: the signed-in seller's shop figures.
    pub async fn seller_dashboard(&self) -> Result<SellerDashboard, ApiError> {
        self.get("/seller/dashboard").await
    }

    /// `GET /operator/kpis?days=`: the platform's figures over the last `days` days.
    pub async fn platform_kpis(&self, days: u32) -> Result<PlatformKpis, ApiError> {
        self.get(&format!("/operator/kpis?days={days}")).await
    }
}
