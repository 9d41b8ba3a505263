//! Typed calls of the seller API (`/seller/…`), of `/categories` and of `/shops`.

use api_types::ListResponse;
use api_types::catalog::{Category, ShopCard};
use api_types::operating::{Dispute, DisputeAnswerRequest, DisputeResponse};
use api_types::selling::{
    CreateShopRequest, Location, LocationRequest, LocationResponse, LowStockLine,
    LowStockThreshold, OfferBoostRequest, OfferRequest, SellerCashback, SellerCashbackResponse,
    SellerOffer, SellerOfferResponse, SellerPayouts, SellerShop, SellerShopResponse,
    ShopBoostRequest, StockLine, StockMovement, StockRequest, StockResponse, StockTransferRequest,
    StockTransferResponse,
};

use super::operating::query;
use super::{ApiClient, ApiError, Method, api_path};

impl ApiClient {
    /// `GET /seller/shop`: the shop the user works for (403 `not_seller` without one).
    pub async fn seller_shop(&self) -> Result<SellerShop, ApiError> {
        let response: SellerShopResponse = self.get("/seller/shop").await?;
        Ok(response.shop)
    }

    /// `POST /seller/shop`: applies to open a shop (it starts `pending`).
    pub async fn create_shop(&self, request: &CreateShopRequest) -> Result<SellerShop, ApiError> {
        let response: SellerShopResponse = self.post("/seller/shop", request).await?;
        Ok(response.shop)
    }

    /// `GET /seller/locations`: every location of the shop.
    pub async fn seller_locations(&self) -> Result<ListResponse<Location>, ApiError> {
        self.get("/seller/locations").await
    }

    /// `POST /seller/locations`.
    pub async fn create_location(&self, request: &LocationRequest) -> Result<Location, ApiError> {
        let response: LocationResponse = self.post("/seller/locations", request).await?;
        Ok(response.location)
    }

    /// `PATCH /seller/locations/{id}`.
    pub async fn update_location(
        &self,
        id: &str,
        request: &LocationRequest,
    ) -> Result<Location, ApiError> {
        let path = format!("/seller/locations/{id}");
        let response: LocationResponse = self.call(Method::PATCH, &path, request).await?;
        Ok(response.location)
    }

    /// `GET /seller/offers?page=&per_page=`: one page of the shop's offers.
    pub async fn seller_offers(
        &self,
        page: u64,
        per_page: u64,
    ) -> Result<ListResponse<SellerOffer>, ApiError> {
        self.get(&format!("/seller/offers?page={page}&per_page={per_page}"))
            .await
    }

    /// `POST /seller/offers`.
    pub async fn create_offer(&self, request: &OfferRequest) -> Result<SellerOffer, ApiError> {
        let response: SellerOfferResponse = self.post("/seller/offers", request).await?;
        Ok(response.offer)
    }

    /// `PATCH /seller/offers/{id}`.
    pub async fn update_offer(
        &self,
        id: &str,
        request: &OfferRequest,
    ) -> Result<SellerOffer, ApiError> {
        let path = format!("/seller/offers/{id}");
        let response: SellerOfferResponse = self.call(Method::PATCH, &path, request).await?;
        Ok(response.offer)
    }

    /// `DELETE /seller/offers/{id}` → 204.
    pub async fn delete_offer(&self, id: &str) -> Result<(), ApiError> {
        let path = api_path(&format!("/seller/offers/{id}"));
        self.send_empty(self.raw(Method::DELETE, &path)).await
    }

    /// `PUT /seller/offers/{id}/stock`: the units of an offer at one location.
    pub async fn set_stock(
        &self,
        offer_id: &str,
        request: &StockRequest,
    ) -> Result<StockLine, ApiError> {
        let path = format!("/seller/offers/{offer_id}/stock");
        let response: StockResponse = self.call(Method::PUT, &path, request).await?;
        Ok(response.stock)
    }

    /// `POST /seller/offers/{id}/stock/transfer`: moves free units of an offer from one
    /// location to another; answers both rows after the move (409 `not_enough_stock` when
    /// fewer units are free).
    pub async fn transfer_stock(
        &self,
        offer_id: &str,
        request: &StockTransferRequest,
    ) -> Result<StockTransferResponse, ApiError> {
        self.post(
            &format!("/seller/offers/{offer_id}/stock/transfer"),
            request,
        )
        .await
    }

    /// `GET /seller/offers/{id}/stock/movements?location_id=&page=&per_page=`: what changed
    /// an offer's stock (at one location when given), newest first.
    pub async fn stock_movements(
        &self,
        offer_id: &str,
        location_id: Option<&str>,
        page: u64,
        per_page: u64,
    ) -> Result<ListResponse<StockMovement>, ApiError> {
        let mut params = vec![
            ("page", page.to_string()),
            ("per_page", per_page.to_string()),
        ];
        if let Some(location_id) = location_id {
            params.push(("location_id", location_id.to_owned()));
        }
        let path = api_path(&format!("/seller/offers/{offer_id}/stock/movements"));
        self.send(self.raw(Method::GET, &path).query(&params)).await
    }

    /// `GET /seller/stock/low`: the shop's stock rows at or below their offer's threshold.
    pub async fn low_stock(&self) -> Result<ListResponse<LowStockLine>, ApiError> {
        self.get("/seller/stock/low").await
    }

    /// `PUT /seller/offers/{id}/low-stock-threshold`: from how few free units a row of the
    /// offer counts as low; answers the threshold saved.
    pub async fn set_low_stock_threshold(
        &self,
        offer_id: &str,
        low_stock_threshold: i64,
    ) -> Result<i64, ApiError> {
        let path = format!("/seller/offers/{offer_id}/low-stock-threshold");
        let body = LowStockThreshold {
            low_stock_threshold,
        };
        let response: LowStockThreshold = self.call(Method::PUT, &path, &body).await?;
        Ok(response.low_stock_threshold)
    }

    /// `GET /seller/cashback`: the shop's boosts, what they cost so far, and the
    /// platform's campaigns on the shop.
    pub async fn seller_cashback(&self) -> Result<SellerCashback, ApiError> {
        let response: SellerCashbackResponse = self.get("/seller/cashback").await?;
        Ok(response.cashback)
    }

    /// `PUT /seller/cashback` `{shop_boost_bps}`: the boost the shop funds on all its items
    /// (`None` removes it); answers the shop's cashback as it now stands.
    pub async fn set_shop_boost(&self, boost_bps: Option<i64>) -> Result<SellerCashback, ApiError> {
        let body = ShopBoostRequest {
            shop_boost_bps: boost_bps,
        };
        let response: SellerCashbackResponse =
            self.call(Method::PUT, "/seller/cashback", &body).await?;
        Ok(response.cashback)
    }

    /// `PUT /seller/offers/{id}/cashback` `{boost_bps}`: one offer's boost, replacing the
    /// shop's (`None`: the shop's applies again).
    pub async fn set_offer_boost(
        &self,
        offer_id: &str,
        boost_bps: Option<i64>,
    ) -> Result<SellerCashback, ApiError> {
        let path = format!("/seller/offers/{offer_id}/cashback");
        let body = OfferBoostRequest { boost_bps };
        let response: SellerCashbackResponse = self.call(Method::PUT, &path, &body).await?;
        Ok(response.cashback)
    }

    /// `GET /seller/payouts`: the shop's pending, payable and paid balances, its payouts
    /// and the latest lines on its earnings, newest first.
    pub async fn seller_payouts(&self) -> Result<SellerPayouts, ApiError> {
        self.get("/seller/payouts").await
    }

    /// `GET /shops?page=&per_page=`: one page of the approved shops (public).
    pub async fn shops(
        &self,
        page: u64,
        per_page: u64,
    ) -> Result<ListResponse<ShopCard>, ApiError> {
        self.get(&format!("/shops?page={page}&per_page={per_page}"))
            .await
    }

    /// `GET /categories`: the shared category tree, flat.
    pub async fn categories(&self) -> Result<ListResponse<Category>, ApiError> {
        self.get("/categories").await
    }

    /// `GET /seller/disputes?status=`: the shop's disputes, newest first; `status` is
    /// `open`, or `None` for every one.
    pub async fn seller_disputes(
        &self,
        status: Option<&str>,
    ) -> Result<ListResponse<Dispute>, ApiError> {
        self.get(&format!(
            "/seller/disputes{}",
            query(&[("status", status.map(str::to_owned))])
        ))
        .await
    }

    /// `POST /seller/disputes/{id}/answer` `{message}`: the dispute with the shop's answer.
    /// Once only, while open: a 409 `already_answered` after; a 422 on the message.
    pub async fn answer_dispute(
        &self,
        id: &str,
        request: &DisputeAnswerRequest,
    ) -> Result<Dispute, ApiError> {
        let response: DisputeResponse = self
            .post(&format!("/seller/disputes/{id}/answer"), request)
            .await?;
        Ok(response.dispute)
    }
}
