//! The public catalog: `/products`, `/products/{id}`, `/shops`, `/shops/{slug}`, `/categories`.

use api_types::catalog::{
    BestOffer, Delivery, FacetCount, Facets, PickupStore, PriceBand, ProductCard, ProductDetail,
    ProductOffer, ProductResponse, ProductSearchResponse, ShopDetail, ShopResponse, Store,
};
use api_types::{ListResponse, catalog::Category, catalog::ShopCard};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use services::catalog::search::{ProductQuery, Sort, search_products};
use services::catalog::{browse, views};

use super::convert::{category_of, shop_card};
use crate::http::error::ApiError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/products", get(list_products))
        .route("/products/{id}", get(find_product))
        .route("/shops", get(list_shops))
        .route("/shops/{slug}", get(find_shop))
        .route("/categories", get(list_categories))
}

/// Query parameters arrive as text and are parsed here, so a bad one is a 422 naming it.
#[derive(Debug, Default, Deserialize)]
pub struct ProductParams {
    pub q: Option<String>,
    pub category: Option<String>,
    pub min_price_cents: Option<String>,
    pub max_price_cents: Option<String>,
    pub condition: Option<String>,
    pub shop: Option<String>,
    pub pickup_postcode: Option<String>,
    pub sort: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

fn invalid(field: &str, message: &str) -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_parameter",
        message,
    )
    .with_field(field)
}

fn non_empty(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

fn number(
    value: &Option<String>,
    field: &str,
    min: i64,
    max: i64,
) -> Result<Option<i64>, ApiError> {
    match non_empty(value) {
        None => Ok(None),
        Some(raw) => raw
            .parse::<i64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .map(Some)
            .ok_or_else(|| {
                invalid(
                    field,
                    &format!("`{field}` is a whole number from {min} to {max}."),
                )
            }),
    }
}

/// Parses `page` and `per_page` (defaults 1 and 24).
pub fn paging(page: &Option<String>, per_page: &Option<String>) -> Result<(u64, u64), ApiError> {
    let page = number(page, "page", 1, 10_000)?.unwrap_or(1);
    let per_page = number(per_page, "per_page", 1, 100)?.unwrap_or(24);
    Ok((page as u64, per_page as u64))
}

impl ProductParams {
    /// Parses every parameter, naming the first that is wrong.
    pub fn parse(&self) -> Result<ProductQuery, ApiError> {
        let (page, per_page) = paging(&self.page, &self.per_page)?;
        let condition = match non_empty(&self.condition) {
            Some(raw) => Some(
                domain::Condition::parse(&raw)
                    .map_err(|err| invalid("condition", &err.to_string()))?,
            ),
            None => None,
        };
        let sort = match non_empty(&self.sort).as_deref() {
            None | Some("relevance") => Sort::Relevance,
            Some("price_asc") => Sort::PriceAsc,
            Some("price_desc") => Sort::PriceDesc,
            Some("newest") => Sort::Newest,
            Some(_) => {
                return Err(invalid(
                    "sort",
                    "`sort` is relevance, price_asc, price_desc or newest.",
                ));
            }
        };
        let pickup_postcode = non_empty(&self.pickup_postcode);
        if pickup_postcode
            .as_ref()
            .is_some_and(|p| p.len() != 5 || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(invalid(
                "pickup_postcode",
                "`pickup_postcode` is a French postcode of 5 digits.",
            ));
        }
        let q = non_empty(&self.q);
        if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
            return Err(invalid("q", "`q` has 200 characters at most."));
        }
        Ok(ProductQuery {
            text: q,
            category_slug: non_empty(&self.category),
            min_price_cents: number(
                &self.min_price_cents,
                "min_price_cents",
                0,
                i64::from(i32::MAX),
            )?,
            max_price_cents: number(
                &self.max_price_cents,
                "max_price_cents",
                0,
                i64::from(i32::MAX),
            )?,
            condition,
            shop_slug: non_empty(&self.shop),
            pickup_postcode,
            sort,
            page,
            per_page,
        })
    }
}

async fn list_products(
    State(state): State<AppState>,
    Query(params): Query<ProductParams>,
) -> Result<Json<ProductSearchResponse>, ApiError> {
    let query = params.parse()?;
    let results = search_products(&state.db, &query).await?;
    Ok(Json(ProductSearchResponse {
        items: results.items.iter().map(product_card).collect(),
        total: results.total,
        page: query.page,
        per_page: query.per_page,
        facets: Facets {
            categories: results.facets.categories.iter().map(facet).collect(),
            conditions: results.facets.conditions.iter().map(facet).collect(),
            shops: results.facets.shops.iter().map(facet).collect(),
            prices: results
                .facets
                .prices
                .iter()
                .map(|band| PriceBand {
                    min_cents: band.min_cents,
                    max_cents: band.max_cents,
                    count: band.count,
                })
                .collect(),
        },
    }))
}

fn facet(value: &services::catalog::search::FacetValue) -> FacetCount {
    FacetCount {
        value: value.value.clone(),
        label: value.label.clone(),
        count: value.count,
    }
}

/// The API's card of a product.
pub fn product_card(card: &views::ProductCardView) -> ProductCard {
    ProductCard {
        id: card.id.clone(),
        gtin: card.gtin.clone(),
        title: card.title.clone(),
        brand: card.brand.clone(),
        slug: card.slug.clone(),
        category: category_of(&card.category),
        best_offer: card.best_offer.as_ref().map(|offer| BestOffer {
            id: offer.id.clone(),
            shop_id: offer.shop_id.clone(),
            shop_slug: offer.shop_slug.clone(),
            shop_name: offer.shop_name.clone(),
            price_cents: offer.price_cents,
            delivery_price_cents: offer.delivery_price_cents,
            total_cents: offer.price_cents + offer.delivery_price_cents,
            currency: "EUR".to_owned(),
            condition: offer.condition.clone(),
        }),
        offer_count: card.offer_count,
    }
}

async fn find_product(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ProductResponse>, ApiError> {
    let product = browse::find_product(&state.db, &id).await?;
    Ok(Json(ProductResponse {
        product: product_detail(&product),
    }))
}

/// The API's view of a product page.
pub fn product_detail(product: &views::ProductPageView) -> ProductDetail {
    ProductDetail {
        id: product.id.clone(),
        gtin: product.gtin.clone(),
        title: product.title.clone(),
        brand: product.brand.clone(),
        slug: product.slug.clone(),
        description: product.description.clone(),
        category: category_of(&product.category),
        offers: product
            .offers
            .iter()
            .map(|offer| ProductOffer {
                id: offer.id.clone(),
                shop: shop_card(&offer.shop),
                price_cents: offer.price_cents,
                currency: offer.currency.clone(),
                condition: offer.condition.clone(),
                description: offer.description.clone(),
                delivery: Delivery {
                    price_cents: offer.delivery_price_cents,
                    days: u32::try_from(offer.delivery_days).unwrap_or(0),
                },
                total_cents: offer.price_cents + offer.delivery_price_cents,
                available: u32::try_from(offer.available).unwrap_or(0),
                pickup_stores: offer
                    .pickup_stores
                    .iter()
                    .map(|store| PickupStore {
                        id: store.id.clone(),
                        name: store.name.clone(),
                        city: store.city.clone(),
                        postcode: store.postcode.clone(),
                        opening_hours: store.opening_hours.clone(),
                        preparation_minutes: u32::try_from(store.preparation_minutes).unwrap_or(0),
                        available: u32::try_from(store.available).unwrap_or(0),
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Debug, Deserialize)]
struct PageParams {
    page: Option<String>,
    per_page: Option<String>,
}

async fn list_shops(
    State(state): State<AppState>,
    Query(params): Query<PageParams>,
) -> Result<Json<ListResponse<ShopCard>>, ApiError> {
    let (page, per_page) = paging(&params.page, &params.per_page)?;
    let (shops, total) = browse::list_shops(&state.db, page, per_page).await?;
    Ok(Json(ListResponse {
        items: shops.iter().map(shop_card).collect(),
        total,
        page,
        per_page,
    }))
}

async fn find_shop(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<ShopResponse>, ApiError> {
    let found = browse::find_shop(&state.db, &slug).await?;
    Ok(Json(ShopResponse {
        shop: shop_detail(&found),
    }))
}

/// The API's view of an e-shop with its stores.
pub fn shop_detail(found: &views::ShopWithStores) -> ShopDetail {
    ShopDetail {
        card: shop_card(&found.shop),
        return_policy: found.shop.return_policy.clone(),
        shipping_flat_cents: found.shop.shipping_flat_cents,
        free_shipping_threshold_cents: found.shop.free_shipping_threshold_cents,
        currency: "EUR".to_owned(),
        stores: found
            .stores
            .iter()
            .map(|store| Store {
                id: store.id.clone(),
                name: store.name.clone(),
                kind: store.kind.clone(),
                address: store.address.clone(),
                postcode: store.postcode.clone(),
                city: store.city.clone(),
                latitude: store.latitude,
                longitude: store.longitude,
                opening_hours: store.opening_hours.clone(),
                pickup: store.pickup,
                preparation_minutes: u32::try_from(store.preparation_minutes).unwrap_or(0),
            })
            .collect(),
    }
}

async fn list_categories(
    State(state): State<AppState>,
) -> Result<Json<ListResponse<Category>>, ApiError> {
    let categories = browse::list_categories(&state.db).await?;
    let total = categories.len() as u64;
    Ok(Json(ListResponse {
        items: categories.iter().map(category_of).collect(),
        total,
        page: 1,
        per_page: total.max(1),
    }))
}
