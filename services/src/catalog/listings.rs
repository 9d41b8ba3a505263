//! The search's denormalised catalog: `product_listing_offers`, one row per *eligible*
//! offer (active, from an approved shop, with a unit free to sell), and
//! `product_listings`, one row per product that has one, with its best offer (lowest
//! price + delivery, then better condition, then offer id) and how many it has.
//!
//! The rows are never patched by arithmetic: every write that can change whether an offer
//! is eligible, or its price, recomputes the rows of the products it touched from the
//! source tables, in its own transaction ([`refresh`], [`push_refresh`]). The writers are:
//! offers created, edited, deleted, taken down or cleared; stock set or transferred; a
//! checkout draining a stock row; reservations released; goods restocked; shops approved,
//! suspended or reinstated; and the seed, which rebuilds everything ([`Listed::All`]).
//! `halles check` compares both tables with a recomputation ([`consistency_checks`]).
//!
//! On PostgreSQL a refresh first locks the products' rows: two transactions refreshing
//! the same product then run one after the other, and the second, reading after the
//! first committed (READ COMMITTED), sees both writes. SQLite has one writer anyway.

use sea_orm::{ConnectionTrait, DatabaseBackend, Value};

use crate::db::Script;
use crate::{Db, StoreError};

/// Which products a refresh recomputes.
#[derive(Debug, Clone, Copy)]
pub enum Listed<'a> {
    Product(&'a str),
    /// The products of these offers.
    ProductsOfOffers(&'a [String]),
    /// Every product the shop offers (its status changed).
    ProductsOfShop(&'a str),
    /// The whole catalog.
    All,
}

impl Listed<'_> {
    /// ` AND <column> …` selecting these products, with its values; empty for `All`.
    fn predicate(&self, column: &str) -> (String, Vec<Value>) {
        match *self {
            Listed::Product(id) => (format!(" AND {column} = ?"), vec![id.to_owned().into()]),
            Listed::ProductsOfOffers(ids) => {
                let marks = vec!["?"; ids.len()].join(", ");
                (
                    format!(
                        " AND {column} IN (SELECT lo.product_id FROM offers lo WHERE lo.id IN ({marks}))"
                    ),
                    ids.iter().map(|id| Value::from(id.clone())).collect(),
                )
            }
            Listed::ProductsOfShop(shop_id) => (
                format!(
                    " AND {column} IN (SELECT lo.product_id FROM offers lo WHERE lo.shop_id = ?)"
                ),
                vec![shop_id.to_owned().into()],
            ),
            Listed::All => (String::new(), Vec::new()),
        }
    }

    fn is_empty(&self) -> bool {
        matches!(self, Listed::ProductsOfOffers(ids) if ids.is_empty())
    }
}

/// `CASE o.condition WHEN 'new' THEN 0 …`: the rank of [`crate::catalog::views::condition_rank`].
fn condition_rank_sql() -> String {
    let mut sql = "CASE o.condition".to_owned();
    for condition in domain::Condition::ALL {
        sql.push_str(&format!(
            " WHEN '{}' THEN {}",
            condition.as_str(),
            condition as usize
        ));
    }
    // Unknown conditions rank after every known one, as `condition_rank` has them.
    sql.push_str(" ELSE 1000 END");
    sql
}

/// Every eligible offer, with the columns of `product_listing_offers`, in their order.
fn eligible_offers_sql() -> String {
    format!(
        "SELECT o.id AS offer_id, o.product_id, p.category_id, p.created_at, o.shop_id, o.condition, \
         {rank} AS condition_rank, o.price_cents, o.delivery_price_cents, \
         o.price_cents + o.delivery_price_cents AS total_cents \
         FROM offers o JOIN products p ON p.id = o.product_id JOIN shops s ON s.id = o.shop_id \
         WHERE o.status = 'active' AND s.status = 'approved' \
         AND EXISTS (SELECT 1 FROM stock_levels sl WHERE sl.offer_id = o.id AND sl.quantity > sl.reserved)",
        rank = condition_rank_sql()
    )
}

/// One row per product of `product_listing_offers` (restricted by `filter`, which starts
/// with ` AND`), with the columns of `product_listings`, in their order.
fn best_per_product_sql(filter: &str) -> String {
    format!(
        "SELECT product_id, category_id, created_at, offer_id AS best_offer_id, \
         total_cents AS best_total_cents, offer_count FROM (\
           SELECT plo.product_id, plo.category_id, plo.created_at, plo.offer_id, plo.total_cents, \
           ROW_NUMBER() OVER (PARTITION BY plo.product_id \
             ORDER BY plo.total_cents, plo.condition_rank, plo.offer_id) AS pick, \
           COUNT(*) OVER (PARTITION BY plo.product_id) AS offer_count \
           FROM product_listing_offers plo WHERE 1 = 1{filter}) ranked \
         WHERE pick = 1"
    )
}

const OFFER_COLUMNS: &str = "offer_id, product_id, category_id, created_at, shop_id, condition, \
    condition_rank, price_cents, delivery_price_cents, total_cents";
const LISTING_COLUMNS: &str =
    "product_id, category_id, created_at, best_offer_id, best_total_cents, offer_count";

/// Adds the statements that recompute `which` products' rows to `script`, to run in the
/// caller's transaction after its own writes. Recent search answers are not reused after
/// it ([`crate::catalog::answers::catalog_changed`]).
pub(crate) fn push_refresh(script: &mut Script, backend: DatabaseBackend, which: Listed<'_>) {
    if which.is_empty() {
        return;
    }
    crate::catalog::answers::catalog_changed();
    if backend == DatabaseBackend::Postgres && !matches!(which, Listed::All) {
        let (filter, values) = which.predicate("id");
        script.push(
            &format!("SELECT id FROM products WHERE 1 = 1{filter} ORDER BY id FOR NO KEY UPDATE"),
            values,
        );
    }
    let (filter, values) = which.predicate("product_id");
    script.push(
        &format!("DELETE FROM product_listings WHERE 1 = 1{filter}"),
        values.clone(),
    );
    script.push(
        &format!("DELETE FROM product_listing_offers WHERE 1 = 1{filter}"),
        values,
    );
    let (filter, values) = which.predicate("o.product_id");
    script.push(
        &format!(
            "INSERT INTO product_listing_offers ({OFFER_COLUMNS}) {}{filter}",
            eligible_offers_sql()
        ),
        values,
    );
    let (filter, values) = which.predicate("plo.product_id");
    script.push(
        &format!(
            "INSERT INTO product_listings ({LISTING_COLUMNS}) {}",
            best_per_product_sql(&filter)
        ),
        values,
    );
}

/// Recomputes `which` products' rows now, on `conn` (the caller's write transaction).
pub async fn refresh(conn: &impl ConnectionTrait, which: Listed<'_>) -> Result<(), StoreError> {
    let mut script = Script::default();
    push_refresh(&mut script, conn.get_database_backend(), which);
    script.execute(conn).await?;
    Ok(())
}

/// Recomputes `which` in a transaction of its own: for writes made outside the services
/// (tests, tooling) and for repairs after `halles check` found drift.
pub async fn refresh_now(db: &Db, which: Listed<'_>) -> Result<(), StoreError> {
    let txn = db.begin_write().await?;
    refresh(&txn, which).await?;
    txn.commit().await?;
    Ok(())
}

/// The checks `halles check` runs: (name, description, SQL counting disagreements).
/// Both compare every row with a recomputation from the source tables, both ways.
pub fn consistency_checks() -> [(&'static str, &'static str, String); 2] {
    let offers = format!(
        "SELECT (SELECT COUNT(*) FROM (SELECT {OFFER_COLUMNS} FROM ({eligible}) e \
           EXCEPT SELECT {OFFER_COLUMNS} FROM product_listing_offers) missing) \
         + (SELECT COUNT(*) FROM (SELECT {OFFER_COLUMNS} FROM product_listing_offers \
           EXCEPT SELECT {OFFER_COLUMNS} FROM ({eligible}) e) stale)",
        eligible = eligible_offers_sql()
    );
    let best = best_per_product_sql("");
    let listings = format!(
        "SELECT (SELECT COUNT(*) FROM (SELECT {LISTING_COLUMNS} FROM ({best}) b \
           EXCEPT SELECT {LISTING_COLUMNS} FROM product_listings) missing) \
         + (SELECT COUNT(*) FROM (SELECT {LISTING_COLUMNS} FROM product_listings \
           EXCEPT SELECT {LISTING_COLUMNS} FROM ({best}) b) stale)"
    );
    [
        (
            "listing_offers_match_offers",
            "the search's offer rows are exactly the eligible offers (active, approved shop, a free unit), with their current prices",
            offers,
        ),
        (
            "listings_match_best_offers",
            "each listed product shows its best eligible offer and the number of them",
            listings,
        ),
    ]
}
