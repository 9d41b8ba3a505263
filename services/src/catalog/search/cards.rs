//! The cards of a page of results: product, category and best offer with its shop.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::aggregate::{ProductSummary, summarise};
use super::rows::{LiveOffer, Matching};
use super::{ProductQuery, Sort};
use crate::catalog::views::{BestOfferView, CategoryView, ProductCardView};
use crate::db::entity::{categories, products, shops};
use crate::{Db, StoreError};

/// Cards for `page`, in its order.
pub async fn cards_for(
    db: &Db,
    page: &[ProductSummary],
    offers: &[LiveOffer],
) -> Result<Vec<ProductCardView>, StoreError> {
    if page.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = page.iter().map(|p| p.product_id.clone()).collect();
    let products: HashMap<String, products::Model> = products::Entity::find()
        .filter(products::Column::Id.is_in(ids))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|p| (p.id.clone(), p))
        .collect();
    let category_ids: Vec<String> = products.values().map(|p| p.category_id.clone()).collect();
    let categories: HashMap<String, categories::Model> = categories::Entity::find()
        .filter(categories::Column::Id.is_in(category_ids))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|c| (c.id.clone(), c))
        .collect();
    let shop_ids: Vec<String> = page
        .iter()
        .map(|p| offers[p.best].shop_id.clone())
        .collect();
    let shops: HashMap<String, shops::Model> = shops::Entity::find()
        .filter(shops::Column::Id.is_in(shop_ids))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|s| (s.id.clone(), s))
        .collect();

    Ok(page
        .iter()
        .filter_map(|summary| {
            let product = products.get(&summary.product_id)?;
            let category = categories.get(&product.category_id)?;
            let best = &offers[summary.best];
            let shop = shops.get(&best.shop_id)?;
            Some(ProductCardView {
                id: product.id.clone(),
                gtin: product.gtin.clone(),
                title: product.title.clone(),
                brand: product.brand.clone(),
                slug: product.slug.clone(),
                category: CategoryView::from(category.clone()),
                best_offer: Some(BestOfferView {
                    id: best.offer_id.clone(),
                    product_id: best.product_id.clone(),
                    shop_id: shop.id.clone(),
                    shop_slug: shop.slug.clone(),
                    shop_name: shop.name.clone(),
                    price_cents: best.price_cents,
                    delivery_price_cents: best.delivery_price_cents,
                    condition: best.condition.clone(),
                }),
                offer_count: summary.offer_count,
                nearest_pickup: None,
            })
        })
        .collect())
}

/// Cards for products given by id, in that order. Products without a live offer keep a
/// card with no best offer.
pub async fn product_cards(db: &Db, ids: &[String]) -> Result<Vec<ProductCardView>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let matching = Matching {
        product_ids: Some(ids),
        ..Matching::default()
    };
    let live = super::rows::live_offers(db, &ProductQuery::default(), matching).await?;
    let summary = summarise(&live, Sort::Newest, false);
    let with_offers = cards_for(db, &summary.products, &live).await?;
    let mut by_id: HashMap<String, ProductCardView> =
        with_offers.into_iter().map(|c| (c.id.clone(), c)).collect();
    let missing: Vec<String> = ids
        .iter()
        .filter(|id| !by_id.contains_key(*id))
        .cloned()
        .collect();
    if !missing.is_empty() {
        for product in products::Entity::find()
            .filter(products::Column::Id.is_in(missing))
            .all(db.conn())
            .await?
        {
            let Some(category) = categories::Entity::find_by_id(product.category_id.clone())
                .one(db.conn())
                .await?
            else {
                continue;
            };
            by_id.insert(
                product.id.clone(),
                ProductCardView {
                    id: product.id,
                    gtin: product.gtin,
                    title: product.title,
                    brand: product.brand,
                    slug: product.slug,
                    category: category.into(),
                    best_offer: None,
                    offer_count: 0,
                    nearest_pickup: None,
                },
            );
        }
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}
