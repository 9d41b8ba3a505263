//! The server side of the catalog functions: find the database, call `services`, map
//! views to DTOs and store errors to [`CatalogError`], logging what the browser is not told.

use std::borrow::Cow;

use api_types::catalog::{
    Category, ProductCard, ProductNearParams, ProductSearchParams, ProductSearchResponse, ShopCard,
    ShopDetail,
};
use leptos::prelude::use_context;
use services::analytics::Event;
use services::buying::cashback_estimate;
use services::buying::checkout::Channel;
use services::catalog::{browse, nearby, recent, wishlist};
use services::{Db, StoreError};

use super::{CatalogError, PER_PAGE, PickupPlace, ProductPageData};
use crate::context::{request_user_id, with_request};
use crate::{analytics, convert};

/// The database the server provided to this request.
fn db() -> Result<Db, CatalogError> {
    use_context::<Db>().ok_or_else(|| {
        tracing::error!("no database in the request context");
        CatalogError::Unavailable
    })
}

/// Not found stays not found; anything else is logged once and becomes `Unavailable`.
fn unavailable(what: &'static str) -> impl Fn(StoreError) -> CatalogError {
    move |err| match err {
        StoreError::NotFound => CatalogError::NotFound,
        other => {
            tracing::error!(error = %other, "catalog: {what}");
            CatalogError::Unavailable
        }
    }
}

pub async fn search_products(
    mut params: ProductSearchParams,
) -> Result<ProductSearchResponse, CatalogError> {
    if params.per_page.is_none() {
        params.per_page = Some(PER_PAGE.to_string());
    }
    let query = convert::parse_search(&params).map_err(|bad| CatalogError::BadParameter {
        field: bad.field.to_owned(),
    })?;
    let db = db()?;
    let answer = services::catalog::answers::search(&db, &query)
        .await
        .map_err(unavailable("searching products"))?;
    Ok(convert::search_response(
        &answer.results,
        &answer.cashback,
        query.page,
        query.per_page,
    ))
}

pub async fn find_product(
    id: &str,
    near: &ProductNearParams,
) -> Result<ProductPageData, CatalogError> {
    let db = db()?;
    let page = services::catalog::answers::product_page(&db, id)
        .await
        .map_err(unavailable("loading a product"))?;
    // Shared with other requests: copied only to rank its stores for this visitor.
    let mut product = Cow::Borrowed(&page.view);
    let place = match convert::parse_near(near) {
        Ok(None) => PickupPlace::Unasked,
        Ok(Some(origin)) => {
            nearby::rank_pickup_stores(product.to_mut(), origin);
            PickupPlace::Found
        }
        Err(bad) => PickupPlace::Bad {
            field: bad.field.to_owned(),
        },
    };
    if !moves_to_canonical_address(&product.slug)
        && let Some(visitor) = analytics::current_visitor()
    {
        analytics::record(Event::view(Channel::Web, visitor, &product.id));
    }
    let mut wished = false;
    if let Some(user_id) = request_user_id() {
        if let Err(err) = recent::record_view(&db, &user_id, &product.id, "web").await {
            // Remembering the view is a nicety: the page is shown all the same.
            tracing::warn!(error = %err, "recording a recently viewed product");
        }
        wished = wishlist::contains(&db, &user_id, &product.id)
            .await
            .map_err(unavailable("reading a wishlist"))?;
    }
    let crumbs = browse::category_chain(&db, &product.category)
        .await
        .map_err(unavailable("listing categories"))?;
    Ok(ProductPageData {
        product: convert::product_detail(&product, &page.cashback),
        place,
        crumbs: crumbs.iter().map(convert::category_of).collect(),
        wished,
    })
}

/// Whether this request is for a bare or outdated product address, which the page only
/// redirects to the canonical one: that view is counted once, at the canonical address.
fn moves_to_canonical_address(slug: &str) -> bool {
    with_request(|parts| {
        let path = parts.uri.path();
        path.starts_with("/products/")
            && !path
                .strip_suffix(slug)
                .is_some_and(|rest| rest.ends_with('/'))
    })
    .unwrap_or(false)
}

/// The caller's recently viewed products, newest first; empty for visitors.
pub async fn recently_viewed(count: u32) -> Result<Vec<ProductCard>, CatalogError> {
    let Some(user_id) = request_user_id() else {
        return Ok(Vec::new());
    };
    let db = db()?;
    let cards = recent::recently_viewed(&db, &user_id, u64::from(count.clamp(1, 12)))
        .await
        .map_err(unavailable("loading recently viewed products"))?;
    let cashback = cashback_estimate::for_cards(db.conn(), &cards)
        .await
        .map_err(unavailable("estimating cashback"))?;
    Ok(cards
        .iter()
        .map(|card| convert::product_card(card, &cashback))
        .collect())
}

pub async fn find_shop(slug: &str) -> Result<ShopDetail, CatalogError> {
    let db = db()?;
    let shop = browse::find_shop(&db, slug)
        .await
        .map_err(unavailable("loading a shop"))?;
    Ok(convert::shop_detail(&shop))
}

pub async fn list_categories() -> Result<Vec<Category>, CatalogError> {
    let db = db()?;
    let categories = browse::list_categories(&db)
        .await
        .map_err(unavailable("listing categories"))?;
    Ok(categories.iter().map(convert::category_of).collect())
}

pub async fn list_shops(count: u32) -> Result<Vec<ShopCard>, CatalogError> {
    let db = db()?;
    let (shops, _) = browse::list_shops(&db, 1, u64::from(count.clamp(1, 24)))
        .await
        .map_err(unavailable("listing shops"))?;
    Ok(shops.iter().map(convert::shop_card).collect())
}
