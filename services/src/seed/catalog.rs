//! The demo and benchmark catalog: a category tree, e-shops with warehouses and stores
//! in real French cities, products with one to six offers each, and stock per location.
//!
//! Deterministic (a seeded generator: the same size gives the same titles, prices and
//! stock on every run, only ids and timestamps differ) and idempotent (nothing happens
//! when the database already has products). Everything is written in one transaction,
//! in multi-row statements of at most [`ROWS_PER_STATEMENT`] rows, so a failure leaves
//! nothing behind and 50,000 products take well under a minute on SQLite.
//!
//! - `rng`: the seeded generator.
//! - `taxonomy`: categories and the words products are made of.
//! - `sellers`: shops, warehouses and stores.
//! - `items`: products, offers and stock.

mod items;
mod rng;
mod sellers;
mod taxonomy;

use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, DatabaseTransaction, DbErr, EntityTrait, PaginatorTrait};

use crate::buying::movements::{Movement, Movements, Reason};
use crate::catalog::listings::{self, Listed};
use crate::db::entity::{categories, locations, products, shops, stock_levels};
use crate::{Db, StoreError, now};
use items::Generator;
use rng::SplitMix64;
use sellers::Existing;

/// Rows per `INSERT`: 500 rows of at most 13 columns stay far below SQLite's limit of
/// 32,766 bound parameters (and PostgreSQL's 65,535).
pub const ROWS_PER_STATEMENT: usize = 500;

/// The seed of the generator; change it and every demo title changes.
const SEED: u64 = 0x4841_4C4C_4553_0001;

/// How big a catalog to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogSize {
    /// Generated shops; the demo seller's shop joins them when it exists.
    pub shops: u32,
    pub products: u32,
    /// Offers in total, about: each product gets 1 to 6.
    pub offers: u32,
    /// Stores (click & collect points) shared among three shops in four.
    pub stores: u32,
}

impl CatalogSize {
    /// What `halles seed --demo` builds.
    pub const DEMO: CatalogSize = CatalogSize {
        shops: 20,
        products: 2_000,
        offers: 6_000,
        stores: 40,
    };

    /// A catalog of `products` products for benchmarks: a shop per 500 products (20 to
    /// 100), three offers per product, two stores per shop.
    pub fn for_products(products: u32) -> Self {
        let shops = (products / 500).clamp(20, 100);
        CatalogSize {
            shops,
            products,
            offers: products.saturating_mul(3),
            stores: shops * 2,
        }
    }
}

/// What seeding the catalog did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CatalogReport {
    /// Products found before seeding; when not zero, nothing was written.
    pub existing_products: u64,
    pub categories: u64,
    pub shops: u64,
    pub locations: u64,
    pub products: u64,
    pub offers: u64,
    pub stock_levels: u64,
}

impl CatalogReport {
    /// Whether seeding was skipped because the catalog was not empty.
    pub fn skipped(&self) -> bool {
        self.existing_products > 0
    }
}

/// Builds a catalog of `size` unless products already exist. `progress(done, total)`
/// is called with products written so far, once before the first batch and after each.
pub async fn seed_catalog(
    db: &Db,
    size: CatalogSize,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Result<CatalogReport, StoreError> {
    let txn = db.begin_write().await?;
    let existing_products = products::Entity::find().count(&txn).await?;
    if existing_products > 0 {
        txn.rollback().await?;
        return Ok(CatalogReport {
            existing_products,
            ..CatalogReport::default()
        });
    }
    let now = now();
    let mut rng = SplitMix64::new(SEED);
    let mut report = CatalogReport::default();

    let existing_categories: HashMap<String, String> = categories::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|category| (category.slug, category.id))
        .collect();
    let (leaves, category_rows) = taxonomy::plan_categories(&existing_categories);
    report.categories = insert_all(&txn, category_rows).await?;

    let existing = load_existing(&txn).await?;
    let (sellers, seller_rows) = sellers::plan(&mut rng, size.shops, size.stores, &existing, now);
    if sellers.is_empty() && size.products > 0 {
        return Err(StoreError::Invalid {
            code: "catalog_without_shops",
            message: "a catalog with products needs at least one shop".to_owned(),
            field: Some("shops"),
        });
    }
    report.shops = insert_all(&txn, seller_rows.shops).await?;
    report.locations = insert_all(&txn, seller_rows.locations).await?;
    for profile in seller_rows.profile_updates {
        profile.update(&txn).await?;
    }

    let total = u64::from(size.products);
    progress(0, total);
    let mut generator = Generator::new(rng, &leaves, &sellers, &size, now);
    let step = ROWS_PER_STATEMENT as u32;
    let mut start = 0;
    while start < size.products {
        let end = start.saturating_add(step).min(size.products);
        let batch = generator.batch(start..end)?;
        report.products += insert_all(&txn, batch.products).await?;
        report.offers += insert_all(&txn, batch.offers).await?;
        let receipts = opening_receipts(&batch.stock);
        report.stock_levels += insert_all(&txn, batch.stock).await?;
        for chunk in receipts {
            chunk.execute(&txn).await?;
        }
        progress(u64::from(end), total);
        start = end;
    }
    // The search reads its own copy of the catalog: built once here, not per row.
    listings::refresh(&txn, Listed::All).await?;
    txn.commit().await?;
    tracing::debug!(
        products = report.products,
        offers = report.offers,
        shops = report.shops,
        "catalog seeded"
    );
    Ok(report)
}

async fn load_existing(txn: &DatabaseTransaction) -> Result<Existing, DbErr> {
    let shops = shops::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|shop| (shop.slug.clone(), shop))
        .collect();
    let mut by_shop: HashMap<String, Vec<locations::Model>> = HashMap::new();
    for location in locations::Entity::find().all(txn).await? {
        by_shop
            .entry(location.shop_id.clone())
            .or_default()
            .push(location);
    }
    Ok(Existing {
        shops,
        locations: by_shop,
    })
}

/// Inserts `rows` in statements of [`ROWS_PER_STATEMENT`]; returns how many were written.
/// The receipt movement of each seeded stock row, so the seeded levels are explained
/// like any other (in statements of at most [`ROWS_PER_STATEMENT`] rows).
fn opening_receipts(rows: &[stock_levels::ActiveModel]) -> Vec<Movements> {
    rows.chunks(ROWS_PER_STATEMENT)
        .map(|chunk| {
            let mut movements = Movements::default();
            for row in chunk {
                let (Some(offer_id), Some(location_id), Some(quantity)) = (
                    row.offer_id.try_as_ref(),
                    row.location_id.try_as_ref(),
                    row.quantity.try_as_ref(),
                ) else {
                    continue;
                };
                movements.push(Movement {
                    offer_id,
                    location_id,
                    reason: Reason::Receipt,
                    quantity_change: i64::from(*quantity),
                    reserved_change: 0,
                    order_id: None,
                    note: "demo data",
                });
            }
            movements
        })
        .collect()
}

async fn insert_all<A>(txn: &DatabaseTransaction, rows: Vec<A>) -> Result<u64, DbErr>
where
    A: ActiveModelTrait + Send,
{
    let mut written = 0;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(ROWS_PER_STATEMENT).collect();
        written += A::Entity::insert_many(chunk)
            .exec_without_returning(txn)
            .await?;
    }
    Ok(written)
}
