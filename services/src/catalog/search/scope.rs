//! What a search looks at, as SQL: the common table expressions every search query of
//! [`super`] starts with.
//!
//! - `matched`: the products whose text matches (FTS5 on SQLite, tsvector on PostgreSQL),
//!   with their relevance; only when there are words.
//! - `hit_offers`: the eligible offers of the matching products that pass the per-offer
//!   filters, from `product_listing_offers`. A filter holds of *one* offer: "good and at
//!   most 20 €" lists a product only if one of its offers is both.
//! - `hits`: one row per matching product with its best offer among `hit_offers` and how
//!   many there are. Without per-offer filters that is precomputed: `product_listings`.

use super::ProductQuery;
use crate::catalog::sql::SqlBuilder;

/// The filters that hold of each offer, not of the product.
#[derive(Debug, Clone, Copy, Default)]
pub struct OfferFilters<'a> {
    pub condition: Option<&'static str>,
    pub shop_slug: Option<&'a str>,
    pub min_price_cents: Option<i64>,
    pub max_price_cents: Option<i64>,
    /// Only offers with a free unit at one of these pickup stores.
    pub pickup_store_ids: Option<&'a [String]>,
}

impl<'a> OfferFilters<'a> {
    pub fn of(query: &'a ProductQuery, pickup_store_ids: Option<&'a [String]>) -> Self {
        Self {
            condition: query.condition.map(domain::Condition::as_str),
            shop_slug: query.shop_slug.as_deref(),
            min_price_cents: query.min_price_cents,
            max_price_cents: query.max_price_cents,
            pickup_store_ids,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.condition.is_none()
            && self.shop_slug.is_none()
            && self.min_price_cents.is_none()
            && self.max_price_cents.is_none()
            && self.pickup_store_ids.is_none()
    }
}

/// Which products and offers a search looks at.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope<'a> {
    /// Folded words, all of which must match (as prefixes).
    pub words: &'a [String],
    pub category_ids: Option<&'a [String]>,
    pub product_ids: Option<&'a [String]>,
    pub offers: OfferFilters<'a>,
}

impl Scope<'_> {
    pub fn has_words(&self) -> bool {
        !self.words.is_empty()
    }

    /// Writes `WITH [matched, ][hit_offers, ]hits`; `hit_offers` is written when
    /// `with_offers` asks for it or `hits` needs it.
    pub fn push_ctes(&self, sql: &mut SqlBuilder, with_offers: bool) {
        sql.push("WITH ");
        if self.has_words() {
            self.push_matched(sql);
            sql.push(", ");
        }
        let filtered = !self.offers.is_empty();
        if with_offers || filtered {
            sql.push("hit_offers AS (");
            self.push_hit_offers(sql);
            sql.push("), ");
        }
        sql.push("hits AS (");
        if filtered {
            sql.push(
                "SELECT product_id, category_id, created_at, rank, offer_id AS best_offer_id, \
                 total_cents AS best_total_cents, offer_count FROM (\
                 SELECT h.*, ROW_NUMBER() OVER (PARTITION BY h.product_id \
                 ORDER BY h.total_cents, h.condition_rank, h.offer_id) AS pick, \
                 COUNT(*) OVER (PARTITION BY h.product_id) AS offer_count FROM hit_offers h) ranked \
                 WHERE pick = 1",
            );
        } else {
            sql.push("SELECT pl.product_id, pl.category_id, pl.created_at, ")
                .push(self.rank())
                .push(" AS rank, pl.best_offer_id, pl.best_total_cents, pl.offer_count");
            self.push_from(sql, "product_listings", "pl");
        }
        sql.push(")");
    }

    fn rank(&self) -> &'static str {
        if self.has_words() {
            "m.rank"
        } else {
            "CAST(0 AS DOUBLE PRECISION)"
        }
    }

    fn push_matched(&self, sql: &mut SqlBuilder) {
        if sql.is_postgres() {
            let tsquery = self
                .words
                .iter()
                .map(|w| format!("{w}:*"))
                .collect::<Vec<_>>()
                .join(" & ");
            sql.push(
                "matched AS (SELECT p.id AS product_id, ts_rank(p.search_vector, q)::float8 AS rank \
                 FROM products p, to_tsquery('simple', ",
            )
            .bind(tsquery)
            .push(") q WHERE p.search_vector @@ q)");
        } else {
            let fts = self
                .words
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" ");
            // SQLite evaluates bm25() only while scanning the FTS table itself, so the
            // match is materialised before it is joined.
            sql.push(
                "matched AS MATERIALIZED (SELECT p.id AS product_id, -bm25(product_fts) AS rank \
                 FROM product_fts JOIN products p ON p.rowid = product_fts.rowid \
                 WHERE product_fts MATCH ",
            )
            .bind(fts)
            .push(")");
        }
    }

    /// ` FROM table alias … WHERE …`, restricted to the matching products and the scope's
    /// categories and products.
    ///
    /// With words, the text matches drive the join (`matched` first, then each match's
    /// rows by their product index): otherwise SQLite's planner may scan the whole table
    /// and probe the matches for each of its rows, a cost that grows with the catalog
    /// instead of with the matches. `CROSS JOIN` is how SQLite is told the order;
    /// PostgreSQL plans it as the inner join it is.
    fn push_from(&self, sql: &mut SqlBuilder, table: &str, alias: &str) {
        if self.has_words() {
            sql.push(&format!(
                " FROM matched m CROSS JOIN {table} {alias} WHERE {alias}.product_id = m.product_id"
            ));
        } else {
            sql.push(&format!(" FROM {table} {alias} WHERE 1 = 1"));
        }
        for (column, ids) in [
            ("category_id", self.category_ids),
            ("product_id", self.product_ids),
        ] {
            match ids {
                Some([]) => {
                    sql.push(" AND 1 = 0");
                }
                Some(ids) => {
                    sql.push(&format!(" AND {alias}.{column} IN "))
                        .bind_list(ids.iter().cloned());
                }
                None => {}
            }
        }
    }

    fn push_hit_offers(&self, sql: &mut SqlBuilder) {
        sql.push(
            "SELECT plo.offer_id, plo.product_id, plo.category_id, plo.created_at, plo.shop_id, \
             plo.condition, plo.condition_rank, plo.total_cents, ",
        )
        .push(self.rank())
        .push(" AS rank");
        self.push_from(sql, "product_listing_offers", "plo");
        let filters = &self.offers;
        if let Some(condition) = filters.condition {
            sql.push(" AND plo.condition = ").bind(condition);
        }
        if let Some(shop) = filters.shop_slug {
            sql.push(" AND plo.shop_id IN (SELECT id FROM shops WHERE slug = ")
                .bind(shop.to_owned())
                .push(")");
        }
        if let Some(min) = filters.min_price_cents {
            sql.push(" AND plo.price_cents >= ").bind(min);
        }
        if let Some(max) = filters.max_price_cents {
            sql.push(" AND plo.price_cents <= ").bind(max);
        }
        match filters.pickup_store_ids {
            Some([]) => {
                sql.push(" AND 1 = 0");
            }
            Some(store_ids) => {
                sql.push(
                    " AND EXISTS (SELECT 1 FROM stock_levels ps WHERE ps.offer_id = plo.offer_id \
                     AND ps.quantity > ps.reserved AND ps.location_id IN ",
                )
                .bind_list(store_ids.iter().cloned())
                .push(")");
            }
            None => {}
        }
    }
}
