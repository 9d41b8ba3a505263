//! The server side of [`super`]: the caller comes from the page context the server put
//! in the request; the work is done by `services`.

use api_types::catalog::ProductCard;
use leptos::prelude::use_context;
use services::buying::{cashback_estimate, handoff};
use services::catalog::views::ProductCardView;
use services::catalog::{recent, wishlist};
use services::{Db, StoreError};

use super::{TillCode, WishedProduct};
use crate::catalog::CatalogError;
use crate::context::request_user_id;
use crate::convert;

fn db() -> Result<Db, CatalogError> {
    use_context::<Db>().ok_or_else(|| {
        tracing::error!("no database in the request context");
        CatalogError::Unavailable
    })
}

fn unavailable(what: &'static str) -> impl Fn(StoreError) -> CatalogError {
    move |err| {
        tracing::error!(error = %err, "omnichannel: {what}");
        CatalogError::Unavailable
    }
}

fn rfc3339(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

async fn cards(db: &Db, views: &[ProductCardView]) -> Result<Vec<ProductCard>, CatalogError> {
    let cashback = cashback_estimate::for_cards(db.conn(), views)
        .await
        .map_err(unavailable("estimating cashback"))?;
    Ok(views
        .iter()
        .map(|view| convert::product_card(view, &cashback))
        .collect())
}

pub async fn live_till_code() -> Result<Option<TillCode>, CatalogError> {
    let Some(user_id) = request_user_id() else {
        return Ok(None);
    };
    let db = db()?;
    Ok(handoff::live_for(&db, &user_id)
        .await
        .map_err(unavailable("reading a till code"))?
        .map(|code| TillCode {
            code: code.code,
            expires_at: rfc3339(code.expires_at),
        }))
}

pub async fn load_wishlist() -> Result<Vec<WishedProduct>, CatalogError> {
    let Some(user_id) = request_user_id() else {
        return Ok(Vec::new());
    };
    let db = db()?;
    let items = wishlist::list(&db, &user_id)
        .await
        .map_err(unavailable("loading a wishlist"))?;
    let views: Vec<ProductCardView> = items.iter().filter_map(|item| item.card.clone()).collect();
    let mut on_sale = cards(&db, &views).await?.into_iter();
    Ok(items
        .into_iter()
        .map(|item| WishedProduct {
            card: item.card.as_ref().and_then(|_| on_sale.next()),
            product_id: item.product_id,
        })
        .collect())
}

pub async fn seen_in_app(count: u32) -> Result<Vec<ProductCard>, CatalogError> {
    let Some(user_id) = request_user_id() else {
        return Ok(Vec::new());
    };
    let db = db()?;
    let views: Vec<ProductCardView> = recent::recent_views(&db, &user_id, recent::KEPT)
        .await
        .map_err(unavailable("loading recent views"))?
        .into_iter()
        .filter(|view| view.channel == "api")
        .map(|view| view.card)
        .take(usize::try_from(count.clamp(1, 12)).unwrap_or(12))
        .collect();
    cards(&db, &views).await
}

pub async fn recommended(count: u32) -> Result<Vec<ProductCard>, CatalogError> {
    let Some(user_id) = request_user_id() else {
        return Ok(Vec::new());
    };
    let db = db()?;
    let views = recent::recommendations(&db, &user_id, u64::from(count.clamp(1, 12)))
        .await
        .map_err(unavailable("recommending"))?;
    cards(&db, &views).await
}
