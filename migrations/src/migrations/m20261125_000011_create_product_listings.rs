//! The search's own copy of the catalog, so that a search reads one indexed table instead
//! of joining every matching product's offers, shops and stock at query time.
//!
//! - `product_listing_offers`: one row per *eligible* offer (active, from an approved
//!   shop, with a unit free to sell somewhere), with what per-offer filters need
//!   (condition, shop, price) and the product's category and age, copied so that a
//!   category or a filter is one index range.
//! - `product_listings`: one row per product that has at least one eligible offer, with
//!   its best offer (lowest price + delivery, then better condition, then offer id), that
//!   offer's total and how many eligible offers there are.
//!
//! Both are recomputed from the source tables by `services::catalog::listings` in the
//! transaction of every write that can change them; this migration fills them for the
//! catalog already there, with the same statements.

use sea_orm_migration::prelude::{
    DbErr, DeriveMigrationName, MigrationTrait, SchemaManager, async_trait,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &[&str] = &[
    "CREATE TABLE product_listing_offers (
        offer_id VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES offers (id) ON DELETE CASCADE,
        product_id VARCHAR(36) NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        category_id VARCHAR(36) NOT NULL,
        created_at {ts} NOT NULL,
        shop_id VARCHAR(36) NOT NULL,
        condition VARCHAR(16) NOT NULL,
        condition_rank INTEGER NOT NULL,
        price_cents BIGINT NOT NULL,
        delivery_price_cents BIGINT NOT NULL,
        total_cents BIGINT NOT NULL
    )",
    // A product's offers (a refresh, a text match); covering for the facet counts.
    "CREATE INDEX idx_listing_offers_product ON product_listing_offers (product_id, shop_id, condition)",
    // A category's offers, covering the shop and condition counts of a category page.
    "CREATE INDEX idx_listing_offers_category ON product_listing_offers (category_id, shop_id, product_id, condition)",
    "CREATE INDEX idx_listing_offers_shop ON product_listing_offers (shop_id, product_id)",
    "CREATE INDEX idx_listing_offers_condition ON product_listing_offers (condition, price_cents)",
    "CREATE TABLE product_listings (
        product_id VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
        category_id VARCHAR(36) NOT NULL,
        created_at {ts} NOT NULL,
        best_offer_id VARCHAR(36) NOT NULL,
        best_total_cents BIGINT NOT NULL,
        offer_count INTEGER NOT NULL
    )",
    // A category page, cheapest first, and its price bands.
    "CREATE INDEX idx_listings_category ON product_listings (category_id, best_total_cents)",
    // The whole catalog, newest first (ties by id, the order the search gives).
    "CREATE INDEX idx_listings_newest ON product_listings (created_at DESC, product_id)",
    "CREATE INDEX idx_listings_price ON product_listings (best_total_cents, product_id)",
    "INSERT INTO product_listing_offers (offer_id, product_id, category_id, created_at, shop_id, \
        condition, condition_rank, price_cents, delivery_price_cents, total_cents) \
     SELECT o.id, o.product_id, p.category_id, p.created_at, o.shop_id, o.condition, \
        CASE o.condition WHEN 'new' THEN 0 WHEN 'like_new' THEN 1 WHEN 'very_good' THEN 2 \
        WHEN 'good' THEN 3 WHEN 'acceptable' THEN 4 ELSE 1000 END, \
        o.price_cents, o.delivery_price_cents, o.price_cents + o.delivery_price_cents \
     FROM offers o JOIN products p ON p.id = o.product_id JOIN shops s ON s.id = o.shop_id \
     WHERE o.status = 'active' AND s.status = 'approved' \
       AND EXISTS (SELECT 1 FROM stock_levels sl WHERE sl.offer_id = o.id AND sl.quantity > sl.reserved)",
    "INSERT INTO product_listings (product_id, category_id, created_at, best_offer_id, \
        best_total_cents, offer_count) \
     SELECT product_id, category_id, created_at, offer_id, total_cents, offer_count FROM ( \
        SELECT plo.product_id, plo.category_id, plo.created_at, plo.offer_id, plo.total_cents, \
          ROW_NUMBER() OVER (PARTITION BY plo.product_id \
            ORDER BY plo.total_cents, plo.condition_rank, plo.offer_id) AS pick, \
          COUNT(*) OVER (PARTITION BY plo.product_id) AS offer_count \
        FROM product_listing_offers plo) ranked \
     WHERE pick = 1",
];

const DOWN: &[&str] = &[
    "DROP TABLE product_listings",
    "DROP TABLE product_listing_offers",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::ddl::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::ddl::run(manager, DOWN).await
    }
}
