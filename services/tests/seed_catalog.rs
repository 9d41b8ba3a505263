//! The demo and benchmark catalog on a real database: SQLite by default, PostgreSQL
//! when `HALLES_TEST_POSTGRES_URL` is set.

use sea_orm::{ConnectionTrait, DatabaseBackend, EntityTrait, QueryOrder, Statement};
use services::db::entity::{offers, products};
use services::seed::catalog::{CatalogReport, CatalogSize, seed_catalog};
use services::test_support::fresh_db;
use services::{Db, StoreError};

const SMALL: CatalogSize = CatalogSize {
    shops: 20,
    products: 300,
    offers: 900,
    stores: 40,
};

async fn count(db: &Db, sql: &str) -> Result<i64, StoreError> {
    let row = db
        .conn()
        .query_one_raw(Statement::from_string(db.backend(), sql.to_owned()))
        .await?
        .ok_or_else(|| StoreError::Internal(format!("no row for {sql}")))?;
    Ok(row.try_get_by_index(0)?)
}

async fn seed(db: &Db, size: CatalogSize) -> Result<CatalogReport, StoreError> {
    seed_catalog(db, size, &|_, _| {}).await
}

#[tokio::test]
async fn a_small_catalog_is_complete_valid_and_searchable() -> Result<(), StoreError> {
    let db = fresh_db().await?;
    services::seed::seed_demo(&db).await?;
    let calls = std::sync::Mutex::new(Vec::new());
    let record = |done, total| {
        calls
            .lock()
            .map(|mut c| c.push((done, total)))
            .unwrap_or(())
    };
    let report = seed_catalog(&db, SMALL, &record).await?;

    assert!(!report.skipped());
    assert_eq!(report.products, 300);
    assert_eq!(report.shops, 20, "the demo shop is reused, not created");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM products").await?, 300);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM shops").await?, 21);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM offers").await?,
        report.offers as i64
    );
    assert!((300..=1_800).contains(&report.offers), "{report:?}");
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM stock_levels").await?,
        report.stock_levels as i64
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM locations").await?,
        report.locations as i64
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM categories").await?,
        report.categories as i64
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM categories WHERE parent_id IS NULL"
        )
        .await?,
        8
    );
    let progress = calls.lock().map(|c| c.clone()).unwrap_or_default();
    assert_eq!(progress.first(), Some(&(0, 300)));
    assert_eq!(progress.last(), Some(&(300, 300)));

    for product in products::Entity::find().all(db.conn()).await? {
        assert_eq!(product.gtin.len(), 14, "{}", product.gtin);
        let parsed =
            domain::Gtin::parse(&product.gtin).map_err(|e| StoreError::Internal(e.to_string()))?;
        assert_eq!(parsed.as_str(), product.gtin);
        assert_eq!(product.slug, domain::slugify(&product.title));
        assert!(
            product
                .search_text
                .contains(&domain::fold_words(&product.brand))
        );
    }
    assert_eq!(
        count(&db, "SELECT COUNT(DISTINCT title) FROM products").await?,
        300,
        "titles tell products apart"
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM offers WHERE price_cents <= 0").await?,
        0
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM products p WHERE NOT EXISTS (SELECT 1 FROM offers o WHERE o.product_id = p.id)").await?,
        0,
        "every product has an offer"
    );
    assert!(count(&db, "SELECT COUNT(*) FROM shops WHERE status = 'pending'").await? >= 1);
    assert!(
        count(&db, "SELECT COUNT(*) FROM offers o JOIN shops s ON s.id = o.shop_id WHERE s.slug = 'la-cave-de-leon'").await? > 0,
        "the demo seller has offers"
    );
    assert!(
        count(
            &db,
            "SELECT COUNT(*) FROM locations l JOIN shops s ON s.id = l.shop_id \
                    WHERE s.slug = 'la-cave-de-leon' AND l.kind = 'store' AND l.city = 'Lyon'"
        )
        .await?
            == 1
    );

    for outcome in services::invariants::check_all(&db).await? {
        assert!(outcome.holds(), "{outcome:?}");
    }

    let matches = match db.backend() {
        DatabaseBackend::Sqlite => {
            "SELECT COUNT(*) FROM product_fts WHERE product_fts MATCH 'perceuse*'"
        }
        _ => {
            "SELECT COUNT(*) FROM products WHERE search_vector @@ to_tsquery('simple', 'perceuse:*')"
        }
    };
    assert!(
        count(&db, matches).await? > 0,
        "full-text search finds drills"
    );

    let again = seed(&db, SMALL).await?;
    assert!(again.skipped());
    assert_eq!(again.existing_products, 300);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM products").await?, 300);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM shops").await?, 21);
    Ok(())
}

#[tokio::test]
async fn the_same_size_gives_the_same_catalog() -> Result<(), StoreError> {
    let mut catalogs = Vec::new();
    for _ in 0..2 {
        let db = fresh_db().await?;
        seed(&db, SMALL).await?;
        let products: Vec<(String, String)> = products::Entity::find()
            .order_by_asc(products::Column::Gtin)
            .all(db.conn())
            .await?
            .into_iter()
            .map(|p| (p.gtin, p.title))
            .collect();
        let mut prices: Vec<i64> = offers::Entity::find()
            .all(db.conn())
            .await?
            .into_iter()
            .map(|o| o.price_cents)
            .collect();
        prices.sort_unstable();
        catalogs.push((products, prices));
    }
    assert_eq!(catalogs[0], catalogs[1]);
    Ok(())
}

#[tokio::test]
async fn the_demo_catalog_has_a_drill_in_stock_at_two_paris_stores() -> Result<(), StoreError> {
    let db = fresh_db().await?;
    let report = seed(&db, CatalogSize::DEMO).await?;
    assert_eq!(report.products, 2_000);
    assert_eq!(report.shops, 20);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM locations WHERE kind = 'store' AND pickup"
        )
        .await?,
        40
    );
    let drills_at_two_paris_stores = count(
        &db,
        "SELECT COUNT(*) FROM (SELECT st.offer_id FROM stock_levels st \
           JOIN locations l ON l.id = st.location_id \
           JOIN offers o ON o.id = st.offer_id \
           JOIN products p ON p.id = o.product_id \
          WHERE l.kind = 'store' AND l.city = 'Paris' AND st.quantity > 0 \
            AND p.title LIKE 'Perceuse%' \
          GROUP BY st.offer_id HAVING COUNT(*) >= 2) AS drills",
    )
    .await?;
    assert!(drills_at_two_paris_stores > 0);
    let out_of_stock_in_store = count(
        &db,
        "SELECT COUNT(*) FROM stock_levels st JOIN locations l ON l.id = st.location_id \
          WHERE l.kind = 'store' AND st.quantity = 0",
    )
    .await?;
    assert!(out_of_stock_in_store > 0, "some store shelves are empty");
    Ok(())
}
