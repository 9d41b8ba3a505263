//! The cards of a page of results, in one query: the page of `hits` in result order,
//! joined to each product, its category, its best offer and that offer's shop.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, QueryFilter};

use super::Sort;
use super::scope::Scope;
use crate::catalog::sql::SqlBuilder;
use crate::catalog::views::{BestOfferView, CategoryView, ProductCardView};
use crate::db::entity::{categories, products};
use crate::{Db, StoreError};

#[derive(Debug, FromQueryResult)]
struct CardRow {
    product_id: String,
    gtin: String,
    title: String,
    brand: String,
    slug: String,
    category_id: String,
    category_slug: String,
    category_parent_id: Option<String>,
    category_name_fr: String,
    category_name_en: String,
    offer_id: String,
    shop_id: String,
    shop_slug: String,
    shop_name: String,
    price_cents: i64,
    delivery_price_cents: i64,
    condition: String,
    offer_count: i64,
}

impl From<CardRow> for ProductCardView {
    fn from(row: CardRow) -> Self {
        ProductCardView {
            best_offer: Some(BestOfferView {
                id: row.offer_id,
                product_id: row.product_id.clone(),
                shop_id: row.shop_id,
                shop_slug: row.shop_slug,
                shop_name: row.shop_name,
                price_cents: row.price_cents,
                delivery_price_cents: row.delivery_price_cents,
                condition: row.condition,
            }),
            id: row.product_id,
            gtin: row.gtin,
            title: row.title,
            brand: row.brand,
            slug: row.slug,
            category: CategoryView {
                id: row.category_id,
                slug: row.category_slug,
                parent_id: row.category_parent_id,
                name_fr: row.category_name_fr,
                name_en: row.category_name_en,
            },
            offer_count: u32::try_from(row.offer_count).unwrap_or(u32::MAX),
            nearest_pickup: None,
        }
    }
}

/// `ORDER BY` of the results (on `hits` aliased `h`); ties by product id, so pages
/// never overlap.
fn order_by(sort: Sort, has_words: bool) -> &'static str {
    match (sort, has_words) {
        (Sort::PriceAsc, _) => "h.best_total_cents, h.product_id",
        (Sort::PriceDesc, _) => "h.best_total_cents DESC, h.product_id",
        (Sort::Newest, _) | (Sort::Relevance, false) => "h.created_at DESC, h.product_id",
        (Sort::Relevance, true) => "h.rank DESC, h.best_total_cents, h.product_id",
    }
}

/// Which slice of the results.
#[derive(Debug, Clone, Copy)]
pub struct Slice {
    pub limit: u64,
    pub offset: u64,
}

impl Slice {
    /// Page `page` (from 1) of `per_page` (1 to 100).
    pub fn page(page: u64, per_page: u64) -> Self {
        let per_page = per_page.clamp(1, 100);
        Slice {
            limit: per_page,
            offset: page.max(1).saturating_sub(1).saturating_mul(per_page),
        }
    }
}

/// The cards of `slice` of the results of `scope`, in `sort` order.
pub async fn page_of_cards(
    db: &Db,
    scope: &Scope<'_>,
    sort: Sort,
    slice: Slice,
) -> Result<Vec<ProductCardView>, StoreError> {
    let order = order_by(sort, scope.has_words());
    let mut sql = SqlBuilder::new(db.backend());
    scope.push_ctes(&mut sql, false);
    sql.push(&format!(
        " SELECT h.product_id, p.gtin, p.title, p.brand, p.slug, c.id AS category_id, \
           c.slug AS category_slug, c.parent_id AS category_parent_id, \
           c.name_fr AS category_name_fr, c.name_en AS category_name_en, \
           o.offer_id, o.shop_id, s.slug AS shop_slug, s.name AS shop_name, o.price_cents, \
           o.delivery_price_cents, o.condition, CAST(h.offer_count AS BIGINT) AS offer_count \
         FROM (SELECT * FROM hits h ORDER BY {order} LIMIT "
    ))
    .bind(i64::try_from(slice.limit).unwrap_or(i64::MAX))
    .push(" OFFSET ")
    .bind(i64::try_from(slice.offset).unwrap_or(i64::MAX))
    .push(&format!(
        ") h JOIN product_listing_offers o ON o.offer_id = h.best_offer_id \
         JOIN products p ON p.id = h.product_id JOIN categories c ON c.id = p.category_id \
         JOIN shops s ON s.id = o.shop_id ORDER BY {order}"
    ));
    Ok(CardRow::find_by_statement(sql.build())
        .all(db.conn())
        .await?
        .into_iter()
        .map(ProductCardView::from)
        .collect())
}

/// Cards for products given by id, in that order. Products without a live offer keep a
/// card with no best offer.
pub async fn product_cards(db: &Db, ids: &[String]) -> Result<Vec<ProductCardView>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let scope = Scope {
        product_ids: Some(ids),
        ..Scope::default()
    };
    let slice = Slice {
        limit: ids.len() as u64,
        offset: 0,
    };
    let mut by_id: HashMap<String, ProductCardView> =
        page_of_cards(db, &scope, Sort::Newest, slice)
            .await?
            .into_iter()
            .map(|card| (card.id.clone(), card))
            .collect();
    let missing: Vec<String> = ids
        .iter()
        .filter(|id| !by_id.contains_key(*id))
        .cloned()
        .collect();
    if !missing.is_empty() {
        let unlisted = products::Entity::find()
            .filter(products::Column::Id.is_in(missing))
            .all(db.conn())
            .await?;
        let categories: HashMap<String, categories::Model> = categories::Entity::find()
            .filter(categories::Column::Id.is_in(unlisted.iter().map(|p| p.category_id.clone())))
            .all(db.conn())
            .await?
            .into_iter()
            .map(|category| (category.id.clone(), category))
            .collect();
        for product in unlisted {
            let Some(category) = categories.get(&product.category_id) else {
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
                    category: category.clone().into(),
                    best_offer: None,
                    offer_count: 0,
                    nearest_pickup: None,
                },
            );
        }
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}
