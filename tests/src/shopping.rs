//! Helpers for buying tests: approved shops selling the same product from stock.

use admin_tui::client::Method;
use api_types::selling::{
    CreateShopRequest, LocationRequest, LocationResponse, OfferRequest, SellerOfferResponse,
    SellerShopResponse, StockRequest,
};

use crate::{TestApp, add_category, approve_shop, logged_in};

/// The product every [`stocked_shop`] sells (shops join one product by its GTIN).
pub const KETTLE_GTIN: &str = "4006381333931";

/// An approved shop with one pickup store holding stock of one offer.
#[derive(Debug, Clone)]
pub struct StockedShop {
    pub shop_id: String,
    pub shop_name: String,
    pub offer_id: String,
    pub product_id: String,
}

/// Adds the category [`stocked_shop`] offers are filed under; call once per app.
pub async fn add_kitchen_category(app: &TestApp) {
    add_category(app, "cuisine", "Cuisine").await;
}

/// Opens, stocks and approves a shop named `name` (slug `slug`) selling the kettle at
/// `price_cents` with `units` in its store, delivery at `delivery_cents`.
pub async fn stocked_shop(
    app: &TestApp,
    email: &str,
    name: &str,
    slug: &str,
    price_cents: i64,
    delivery_cents: i64,
    units: i64,
) -> StockedShop {
    let client = logged_in(app, email).await;
    let shop: SellerShopResponse = client
        .post(
            "/seller/shop",
            &CreateShopRequest {
                name: name.into(),
                slug: slug.into(),
                description: "Arts de la table".into(),
            },
        )
        .await
        .expect("shop created");
    let location: LocationResponse = client
        .post(
            "/seller/locations",
            &LocationRequest {
                name: format!("{name} Bastille"),
                kind: "store".into(),
                address: "4 rue de la Roquette".into(),
                postcode: "75011".into(),
                city: "Paris".into(),
                pickup: true,
                latitude: Some(48.85),
                longitude: Some(2.37),
                opening_hours: "Lun–Sam 10h–19h".into(),
                preparation_minutes: Some(60),
            },
        )
        .await
        .expect("location created");
    let offer: SellerOfferResponse = client
        .post(
            "/seller/offers",
            &OfferRequest {
                gtin: KETTLE_GTIN.into(),
                title: "Bouilloire électrique 1,7 L".into(),
                price_cents,
                condition: "new".into(),
                description: "Inox brossé, arrêt automatique.".into(),
                category: "cuisine".into(),
                brand: "Moulinex".into(),
                delivery_price_cents: delivery_cents,
                delivery_days: Some(2),
                status: None,
            },
        )
        .await
        .expect("offer created");
    let stock = client
        .raw(
            Method::PUT,
            &format!("/api/v1/seller/offers/{}/stock", offer.offer.id),
        )
        .json(&StockRequest::level(location.location.id.clone(), units));
    client.send_empty(stock).await.expect("stock set");
    approve_shop(app, &shop.shop.id).await;
    StockedShop {
        shop_id: shop.shop.id,
        shop_name: name.to_owned(),
        offer_id: offer.offer.id,
        product_id: offer.offer.product_id,
    }
}
