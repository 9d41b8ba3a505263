//! The one query of a search: every eligible offer of every matching product, with what
//! grouping, sorting and facets need. The full-text match drives the join, so offers are
//! found through `offers(product_id, status, price_cents)` and stock by primary key.

use chrono::{DateTime, Utc};
use sea_orm::FromQueryResult;

use super::ProductQuery;
use crate::catalog::sql::SqlBuilder;
use crate::{Db, StoreError};

/// One eligible offer of a matching product.
#[derive(Debug, Clone, FromQueryResult)]
pub struct LiveOffer {
    pub product_id: String,
    pub category_id: String,
    pub rank: f64,
    pub created_at: DateTime<Utc>,
    pub offer_id: String,
    pub shop_id: String,
    pub condition: String,
    pub price_cents: i64,
    pub delivery_price_cents: i64,
}

impl LiveOffer {
    pub fn total_cents(&self) -> i64 {
        self.price_cents + self.delivery_price_cents
    }
}

/// Which products a search looks at.
#[derive(Debug, Clone, Copy, Default)]
pub struct Matching<'a> {
    /// Folded words, all of which must match (as prefixes).
    pub words: &'a [String],
    pub category_ids: Option<&'a [String]>,
    pub product_ids: Option<&'a [String]>,
    /// Only offers with a free unit at one of these pickup stores (the `pickup_postcode`
    /// facet: the stores within reach of the shopper).
    pub pickup_store_ids: Option<&'a [String]>,
}

/// Fetches the live offers of the products matching `words` and the filters.
pub async fn live_offers(
    db: &Db,
    query: &ProductQuery,
    matching: Matching<'_>,
) -> Result<Vec<LiveOffer>, StoreError> {
    let Matching {
        words,
        category_ids,
        product_ids,
        pickup_store_ids,
    } = matching;
    let mut sql = SqlBuilder::new(db.backend());
    // SQLite evaluates bm25() only while scanning the FTS table itself, so the match is
    // materialised before it is joined.
    sql.push(if sql.is_postgres() {
        "WITH matched AS ("
    } else {
        "WITH matched AS MATERIALIZED ("
    });
    if words.is_empty() {
        sql.push(
            "SELECT p.id, p.category_id, p.created_at, CAST(0 AS DOUBLE PRECISION) AS rank FROM products p WHERE 1 = 1",
        );
    } else if sql.is_postgres() {
        let tsquery = words
            .iter()
            .map(|w| format!("{w}:*"))
            .collect::<Vec<_>>()
            .join(" & ");
        sql.push("SELECT p.id, p.category_id, p.created_at, ts_rank(p.search_vector, q)::float8 AS rank ")
            .push("FROM products p, to_tsquery('simple', ")
            .bind(tsquery)
            .push(") q WHERE p.search_vector @@ q");
    } else {
        let fts = words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" ");
        sql.push("SELECT p.id, p.category_id, p.created_at, -bm25(product_fts) AS rank ")
            .push("FROM product_fts JOIN products p ON p.rowid = product_fts.rowid WHERE product_fts MATCH ")
            .bind(fts);
    }
    if let Some(ids) = category_ids {
        sql.push(" AND p.category_id IN ")
            .bind_list(ids.iter().cloned());
    }
    if let Some(ids) = product_ids {
        sql.push(" AND p.id IN ").bind_list(ids.iter().cloned());
    }
    sql.push(
        ") SELECT m.id AS product_id, m.category_id, m.rank, m.created_at, o.id AS offer_id, o.shop_id, o.condition, \
         o.price_cents, o.delivery_price_cents \
         FROM matched m JOIN offers o ON o.product_id = m.id AND o.status = 'active' \
         JOIN shops s ON s.id = o.shop_id AND s.status = 'approved' \
         WHERE EXISTS (SELECT 1 FROM stock_levels sl WHERE sl.offer_id = o.id AND sl.quantity > sl.reserved)",
    );
    if let Some(condition) = query.condition {
        sql.push(" AND o.condition = ").bind(condition.as_str());
    }
    if let Some(shop) = &query.shop_slug {
        sql.push(" AND s.slug = ").bind(shop.clone());
    }
    if let Some(min) = query.min_price_cents {
        sql.push(" AND o.price_cents >= ").bind(min);
    }
    if let Some(max) = query.max_price_cents {
        sql.push(" AND o.price_cents <= ").bind(max);
    }
    if let Some(store_ids) = pickup_store_ids {
        if store_ids.is_empty() {
            sql.push(" AND 1 = 0");
        } else {
            sql.push(" AND EXISTS (SELECT 1 FROM stock_levels ps WHERE ps.offer_id = o.id AND ps.quantity > ps.reserved AND ps.location_id IN ")
                .bind_list(store_ids.iter().cloned())
                .push(")");
        }
    }
    Ok(LiveOffer::find_by_statement(sql.build())
        .all(db.conn())
        .await?)
}
