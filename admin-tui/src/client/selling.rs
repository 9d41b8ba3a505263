//! Typed calls of the seller API (`/seller/…`), of `/categories` and of `/shops`.

use api_types::ListResponse;
use api_types::catalog::{Category, ShopCard};
use api_types::selling::{
    CreateShopRequest, Location, LocationRequest, LocationResponse, OfferBoostRequest,
    OfferRequest, SellerCashback, SellerCashbackResponse, SellerOffer, SellerOfferResponse,
    SellerShop, SellerShopResponse, ShopBoostRequest, StockLine, StockRequest, StockResponse,
};

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
}
