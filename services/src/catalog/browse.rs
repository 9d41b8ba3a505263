//! Browsing: categories, approved shops and their stores, product pages.

use std::collections::HashMap;
use std::sync::Arc;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use super::nearby::place_of;
use super::sql::SqlBuilder;
use super::views::{
    CategoryView, PickupStoreView, ProductOfferView, ProductPageView, ShopProfile, ShopWithStores,
    condition_rank,
};
use crate::db::entity::{categories, locations, offers, products, shops};
use crate::{Db, StoreError};

/// Every category, parents before children, in display order.
pub async fn list_categories(db: &Db) -> Result<Vec<CategoryView>, StoreError> {
    let rows = all_categories(db).await?;
    Ok(rows.iter().cloned().map(CategoryView::from).collect())
}

/// `leaf` and its parents, the root first, from the tree in memory:
/// a product page's breadcrumb without the whole tree.
pub async fn category_chain(db: &Db, leaf: &CategoryView) -> Result<Vec<CategoryView>, StoreError> {
    let rows = all_categories(db).await?;
    let parents = domain::catalog::category_parents(
        &rows,
        leaf.parent_id.as_deref(),
        |row| &row.id,
        |row| row.parent_id.as_deref(),
    );
    let mut chain: Vec<CategoryView> = parents
        .into_iter()
        .rev()
        .map(|row| CategoryView::from(row.clone()))
        .collect();
    chain.push(leaf.clone());
    Ok(chain)
}

/// Every category row in display order. Every page shows the tree, and it changes only
/// when a catalog is seeded, so it is read at most once per
/// [`crate::catalog::answers`]' reuse time.
pub async fn all_categories(db: &Db) -> Result<Arc<Vec<categories::Model>>, StoreError> {
    db.catalog_answers()
        .categories
        .get_or_compute(String::new(), || async {
            Ok(Arc::new(
                categories::Entity::find()
                    .order_by_asc(categories::Column::Position)
                    .order_by_asc(categories::Column::Slug)
                    .all(db.conn())
                    .await?,
            ))
        })
        .await
}

/// One page of approved shops, best rated first, and how many there are.
pub async fn list_shops(
    db: &Db,
    page: u64,
    per_page: u64,
) -> Result<(Vec<ShopProfile>, u64), StoreError> {
    let query = shops::Entity::find()
        .filter(shops::Column::Status.eq("approved"))
        .order_by_desc(shops::Column::RatingCenti)
        .order_by_asc(shops::Column::Slug);
    let paginator = query.paginate(db.conn(), per_page.clamp(1, 100));
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page.max(1) - 1).await?;
    Ok((rows.into_iter().map(ShopProfile::from).collect(), total))
}

/// An approved shop by slug, with its stores; a shop that is not public is not found.
pub async fn find_shop(db: &Db, slug: &str) -> Result<ShopWithStores, StoreError> {
    let shop = shops::Entity::find()
        .filter(shops::Column::Slug.eq(slug))
        .filter(shops::Column::Status.eq("approved"))
        .one(db.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    let stores = locations::Entity::find()
        .filter(locations::Column::ShopId.eq(shop.id.clone()))
        .filter(locations::Column::Kind.eq("store"))
        .order_by_asc(locations::Column::City)
        .order_by_asc(locations::Column::Name)
        .all(db.conn())
        .await?;
    Ok(ShopWithStores {
        shop: shop.into(),
        stores,
    })
}

/// What a product page shows apart from stock: the product, its category, and its live
/// offers with their approved shops. It changes only with the catalog, so it may be
/// reused longer than the stock a page shows with it ([`crate::catalog::answers`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ProductSheet {
    pub product: products::Model,
    pub category: categories::Model,
    pub offers: Vec<(offers::Model, shops::Model)>,
}

/// The product's sheet; a product that does not exist is not found.
pub async fn product_sheet(db: &Db, product_id: &str) -> Result<ProductSheet, StoreError> {
    let product = products::Entity::find_by_id(product_id.to_owned())
        .one(db.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    let category = all_categories(db)
        .await?
        .iter()
        .find(|category| category.id == product.category_id)
        .cloned()
        .ok_or(StoreError::NotFound)?;
    // Offers with their shop in one query; an offer of a shop not approved is not shown.
    let offers = offers::Entity::find()
        .find_also_related(shops::Entity)
        .filter(offers::Column::ProductId.eq(product.id.clone()))
        .filter(offers::Column::Status.eq("active"))
        .filter(shops::Column::Status.eq("approved"))
        .all(db.conn())
        .await?
        .into_iter()
        .filter_map(|(offer, shop)| shop.map(|shop| (offer, shop)))
        .collect();
    Ok(ProductSheet {
        product,
        category,
        offers,
    })
}

/// The page of `sheet` with the stock free to sell now: every live offer of an approved
/// shop, best first (lowest total, then best condition); offers with nothing left to sell
/// are listed last, as sold out.
pub async fn with_stock(db: &Db, sheet: &ProductSheet) -> Result<ProductPageView, StoreError> {
    let offer_ids: Vec<String> = sheet.offers.iter().map(|(o, _)| o.id.clone()).collect();
    let mut availability = availability_by_location(db, &offer_ids).await?;
    let mut offers: Vec<ProductOfferView> = sheet
        .offers
        .iter()
        .map(|(offer, shop)| {
            let held = availability.remove(&offer.id).unwrap_or_default();
            let available = held.iter().map(|h| h.available).sum();
            // Only what checkout accepts as a pickup store: a store that serves pickups.
            let pickup_stores = held
                .into_iter()
                .filter(|h| h.kind == "store" && h.pickup && h.available > 0)
                .map(|h| PickupStoreView {
                    place: place_of(h.latitude, h.longitude, &h.postcode),
                    id: h.location_id,
                    name: h.name,
                    city: h.city,
                    postcode: h.postcode,
                    opening_hours: h.opening_hours,
                    preparation_minutes: h.preparation_minutes,
                    available: h.available,
                    distance_km: None,
                })
                .collect();
            ProductOfferView {
                id: offer.id.clone(),
                shop: shop.clone().into(),
                price_cents: offer.price_cents,
                currency: offer.currency.clone(),
                condition: offer.condition.clone(),
                description: offer.description.clone(),
                delivery_price_cents: offer.delivery_price_cents,
                delivery_days: offer.delivery_days,
                available,
                pickup_stores,
            }
        })
        .collect();
    offers.sort_by_key(|o| {
        (
            o.available == 0,
            o.price_cents + o.delivery_price_cents,
            condition_rank(&o.condition),
            o.id.clone(),
        )
    });
    let product = &sheet.product;
    Ok(ProductPageView {
        id: product.id.clone(),
        gtin: product.gtin.clone(),
        title: product.title.clone(),
        brand: product.brand.clone(),
        slug: product.slug.clone(),
        description: product.description.clone(),
        category: sheet.category.clone().into(),
        offers,
    })
}

/// Units free to sell of one offer at one location.
#[derive(Debug, Clone)]
struct Held {
    location_id: String,
    name: String,
    city: String,
    postcode: String,
    opening_hours: String,
    preparation_minutes: i32,
    kind: String,
    pickup: bool,
    latitude: Option<f64>,
    longitude: Option<f64>,
    available: i64,
}

async fn availability_by_location(
    db: &Db,
    offers: &[String],
) -> Result<HashMap<String, Vec<Held>>, StoreError> {
    let mut by_offer: HashMap<String, Vec<Held>> = HashMap::new();
    if offers.is_empty() {
        return Ok(by_offer);
    }
    let mut sql = SqlBuilder::new(db.backend());
    sql.push(
        "SELECT sl.offer_id, l.id AS location_id, l.name, l.city, l.postcode, l.opening_hours, l.preparation_minutes, \
         l.kind, l.pickup, l.latitude, l.longitude, sl.quantity - sl.reserved AS available \
         FROM stock_levels sl JOIN locations l ON l.id = sl.location_id WHERE sl.quantity > sl.reserved AND sl.offer_id IN ",
    )
    .bind_list(offers.iter().cloned())
    .push(" ORDER BY l.city, l.name");
    for row in db.conn().query_all_raw(sql.build()).await? {
        let offer_id: String = row.try_get("", "offer_id")?;
        let available: i32 = row
            .try_get("", "available")
            .or_else(|_| row.try_get::<i64>("", "available").map(|v| v as i32))?;
        by_offer.entry(offer_id).or_default().push(Held {
            location_id: row.try_get("", "location_id")?,
            name: row.try_get("", "name")?,
            city: row.try_get("", "city")?,
            postcode: row.try_get("", "postcode")?,
            opening_hours: row.try_get("", "opening_hours")?,
            preparation_minutes: row.try_get("", "preparation_minutes")?,
            kind: row.try_get("", "kind")?,
            pickup: row.try_get("", "pickup")?,
            latitude: row.try_get("", "latitude")?,
            longitude: row.try_get("", "longitude")?,
            available: i64::from(available),
        });
    }
    Ok(by_offer)
}

/// What a sitemap lists: approved shops, categories, and products with a live offer.
#[derive(Debug, Clone, Default)]
pub struct SitemapEntries {
    pub category_slugs: Vec<String>,
    pub shop_slugs: Vec<String>,
    /// `(id, slug)`, newest first.
    pub products: Vec<(String, String)>,
}

/// Everything a crawler should find, products capped at `max_products`.
pub async fn sitemap_entries(db: &Db, max_products: u64) -> Result<SitemapEntries, StoreError> {
    let category_slugs = list_categories(db)
        .await?
        .into_iter()
        .map(|c| c.slug)
        .collect();
    let shop_slugs = shops::Entity::find()
        .filter(shops::Column::Status.eq("approved"))
        .order_by_asc(shops::Column::Slug)
        .all(db.conn())
        .await?
        .into_iter()
        .map(|s| s.slug)
        .collect();
    let mut sql = SqlBuilder::new(db.backend());
    sql.push(
        "SELECT p.id, p.slug FROM products p WHERE EXISTS (SELECT 1 FROM offers o JOIN shops s ON s.id = o.shop_id \
         WHERE o.product_id = p.id AND o.status = 'active' AND s.status = 'approved') ORDER BY p.created_at DESC LIMIT ",
    )
    .bind(i64::try_from(max_products).unwrap_or(i64::MAX));
    let mut products = Vec::new();
    for row in db.conn().query_all_raw(sql.build()).await? {
        products.push((row.try_get("", "id")?, row.try_get("", "slug")?));
    }
    Ok(SitemapEntries {
        category_slugs,
        shop_slugs,
        products,
    })
}
