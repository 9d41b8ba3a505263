//! Product search: full-text matching by the database's own engine (FTS5 on SQLite,
//! tsvector on PostgreSQL), filters on live offers, sorting, paging and facet counts.
//!
//! A product is listed when it has at least one *eligible* offer: active, from an
//! approved shop, with a unit free to sell. Its price is its best offer's total
//! (price + delivery), the figure shoppers compare.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, EntityTrait, FromQueryResult, QueryResult};

use super::sql::SqlBuilder;
use super::views::{BestOfferView, CategoryView, ProductCardView, condition_rank};
use crate::db::entity::categories;
use crate::{Db, StoreError};

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    PriceAsc,
    PriceDesc,
    Newest,
}

/// A search as asked, already parsed.
#[derive(Debug, Clone, Default)]
pub struct ProductQuery {
    pub text: Option<String>,
    pub category_slug: Option<String>,
    pub min_price_cents: Option<i64>,
    pub max_price_cents: Option<i64>,
    pub condition: Option<domain::Condition>,
    pub shop_slug: Option<String>,
    /// Only products that a store in this postcode's département holds now.
    pub pickup_postcode: Option<String>,
    pub sort: Sort,
    /// From 1.
    pub page: u64,
    pub per_page: u64,
}

/// One facet value with its product count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub label_en: String,
    pub count: u64,
}

/// A price band (best total, in cents) with its product count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceBandCount {
    pub min_cents: i64,
    pub max_cents: Option<i64>,
    pub count: u64,
}

/// Counts that help narrow a search.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FacetCounts {
    pub categories: Vec<FacetValue>,
    pub conditions: Vec<FacetValue>,
    pub shops: Vec<FacetValue>,
    pub prices: Vec<PriceBandCount>,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResults {
    pub items: Vec<ProductCardView>,
    pub total: u64,
    pub facets: FacetCounts,
}

/// Price bands of the facet, in cents: 0–20 €, 20–50 €, … , 500 € and more.
const PRICE_BANDS: [(i64, Option<i64>); 6] = [
    (0, Some(2_000)),
    (2_000, Some(5_000)),
    (5_000, Some(10_000)),
    (10_000, Some(20_000)),
    (20_000, Some(50_000)),
    (50_000, None),
];

/// At most this many words of a query are matched.
const MAX_QUERY_WORDS: usize = 8;

/// Runs a search.
#[tracing::instrument(skip_all)]
pub async fn search_products(db: &Db, query: &ProductQuery) -> Result<SearchResults, StoreError> {
    let words = query_words(query.text.as_deref());
    if query.text.as_deref().is_some_and(|t| !t.trim().is_empty()) && words.is_empty() {
        return Ok(SearchResults {
            items: Vec::new(),
            total: 0,
            facets: FacetCounts::default(),
        });
    }
    let category_ids = match &query.category_slug {
        Some(slug) => Some(category_subtree(db, slug).await?),
        None => None,
    };
    if category_ids.as_ref().is_some_and(Vec::is_empty) {
        return Ok(SearchResults {
            items: Vec::new(),
            total: 0,
            facets: FacetCounts::default(),
        });
    }
    let scope = Scope {
        query,
        words: &words,
        category_ids: category_ids.as_deref(),
    };

    let ranked = ranked_page(db, &scope).await?;
    let total = count_products(db, &scope).await?;
    let facets = facet_counts(db, &scope).await?;
    let items = cards(db, &scope, ranked).await?;
    Ok(SearchResults {
        items,
        total,
        facets,
    })
}

/// Folded, de-duplicated words of a query; only letters and digits survive, so they are
/// safe inside an FTS5 or tsquery expression.
pub fn query_words(text: Option<&str>) -> Vec<String> {
    let folded = domain::fold_words(text.unwrap_or_default());
    let mut words: Vec<String> = Vec::new();
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        if !words.iter().any(|w| w == word) {
            words.push(word.to_owned());
        }
    }
    words.truncate(MAX_QUERY_WORDS);
    words
}

async fn category_subtree(db: &Db, slug: &str) -> Result<Vec<String>, StoreError> {
    let all = categories::Entity::find().all(db.conn()).await?;
    let Some(root) = all.iter().find(|c| c.slug == slug) else {
        return Ok(Vec::new());
    };
    let mut ids = vec![root.id.clone()];
    let mut frontier = vec![root.id.clone()];
    while let Some(parent) = frontier.pop() {
        for child in all
            .iter()
            .filter(|c| c.parent_id.as_deref() == Some(parent.as_str()))
        {
            ids.push(child.id.clone());
            frontier.push(child.id.clone());
        }
    }
    Ok(ids)
}

/// The query and what was derived from it.
struct Scope<'a> {
    query: &'a ProductQuery,
    words: &'a [String],
    category_ids: Option<&'a [String]>,
}

/// `WITH matched AS (…), eligible AS (…)`: the products that match the text and category,
/// and their offers that pass the filters.
fn push_ctes(sql: &mut SqlBuilder, scope: &Scope<'_>) {
    // SQLite evaluates bm25() only while scanning the FTS table itself, so the match is
    // materialised before it is joined and grouped.
    sql.push(if sql.is_postgres() {
        "WITH matched AS ("
    } else {
        "WITH matched AS MATERIALIZED ("
    });
    if scope.words.is_empty() {
        sql.push(
            "SELECT p.id, p.category_id, p.created_at, 0.0 AS rank FROM products p WHERE 1 = 1",
        );
    } else if sql.is_postgres() {
        let tsquery = scope
            .words
            .iter()
            .map(|w| format!("{w}:*"))
            .collect::<Vec<_>>()
            .join(" & ");
        sql.push("SELECT p.id, p.category_id, p.created_at, ts_rank(p.search_vector, q) AS rank ")
            .push("FROM products p, to_tsquery('simple', ")
            .bind(tsquery)
            .push(") q WHERE p.search_vector @@ q");
    } else {
        let fts = scope
            .words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" ");
        sql.push("SELECT p.id, p.category_id, p.created_at, -bm25(product_fts) AS rank ")
            .push("FROM product_fts JOIN products p ON p.rowid = product_fts.rowid WHERE product_fts MATCH ")
            .bind(fts);
    }
    if let Some(ids) = scope.category_ids {
        sql.push(" AND p.category_id IN ")
            .bind_list(ids.iter().cloned());
    }
    sql.push("), eligible AS (SELECT o.id, o.product_id, o.shop_id, o.condition, ")
        .push("o.price_cents + o.delivery_price_cents AS total_cents ")
        .push("FROM offers o JOIN shops s ON s.id = o.shop_id ")
        .push("WHERE o.status = 'active' AND s.status = 'approved' ")
        .push("AND EXISTS (SELECT 1 FROM stock_levels sl WHERE sl.offer_id = o.id AND sl.quantity > sl.reserved)");
    let query = scope.query;
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
    if let Some(postcode) = &query.pickup_postcode {
        let departement: String = postcode.chars().take(2).collect();
        sql.push(" AND EXISTS (SELECT 1 FROM stock_levels ps JOIN locations l ON l.id = ps.location_id ")
            .push("WHERE ps.offer_id = o.id AND l.pickup AND ps.quantity > ps.reserved AND l.postcode LIKE ")
            .bind(format!("{departement}%"))
            .push(")");
    }
    sql.push(") ");
}

/// A product id with what the page order needs.
#[derive(Debug, FromQueryResult)]
struct RankedProduct {
    id: String,
    offer_count: i64,
}

async fn ranked_page(db: &Db, scope: &Scope<'_>) -> Result<Vec<RankedProduct>, StoreError> {
    let mut sql = SqlBuilder::new(db.backend());
    push_ctes(&mut sql, scope);
    sql.push(
        "SELECT m.id, COUNT(*) AS offer_count, MIN(e.total_cents) AS best_total, MAX(m.rank) AS rank, MAX(m.created_at) AS created_at \
         FROM matched m JOIN eligible e ON e.product_id = m.id GROUP BY m.id ORDER BY ",
    );
    sql.push(match (scope.query.sort, scope.words.is_empty()) {
        (Sort::PriceAsc, _) => "best_total ASC, m.id",
        (Sort::PriceDesc, _) => "best_total DESC, m.id",
        (Sort::Newest, _) | (Sort::Relevance, true) => "created_at DESC, m.id",
        (Sort::Relevance, false) => "rank DESC, best_total ASC, m.id",
    });
    let per_page = scope.query.per_page.clamp(1, 100);
    let offset = scope
        .query
        .page
        .max(1)
        .saturating_sub(1)
        .saturating_mul(per_page);
    sql.push(" LIMIT ")
        .bind(per_page as i64)
        .push(" OFFSET ")
        .bind(offset as i64);
    Ok(RankedProduct::find_by_statement(sql.build())
        .all(db.conn())
        .await?)
}

async fn count_products(db: &Db, scope: &Scope<'_>) -> Result<u64, StoreError> {
    let mut sql = SqlBuilder::new(db.backend());
    push_ctes(&mut sql, scope);
    sql.push("SELECT COUNT(DISTINCT e.product_id) AS n FROM matched m JOIN eligible e ON e.product_id = m.id");
    single_count(db, &sql).await
}

async fn single_count(db: &Db, sql: &SqlBuilder) -> Result<u64, StoreError> {
    let row = db.conn().query_one_raw(sql.build()).await?;
    let n: i64 = match row {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}

async fn facet_counts(db: &Db, scope: &Scope<'_>) -> Result<FacetCounts, StoreError> {
    let grouped = |select: &str, from: &str, group: &str| {
        let mut sql = SqlBuilder::new(db.backend());
        push_ctes(&mut sql, scope);
        sql.push(select)
            .push(" FROM matched m JOIN eligible e ON e.product_id = m.id ")
            .push(from)
            .push(" GROUP BY ")
            .push(group);
        sql
    };
    let categories = grouped(
        "SELECT c.slug AS value, c.name_fr AS label, c.name_en AS label_en, COUNT(DISTINCT m.id) AS count",
        "JOIN categories c ON c.id = m.category_id",
        "c.slug, c.name_fr, c.name_en ORDER BY count DESC, c.slug LIMIT 20",
    );
    let conditions = grouped(
        "SELECT e.condition AS value, e.condition AS label, e.condition AS label_en, COUNT(DISTINCT m.id) AS count",
        "",
        "e.condition",
    );
    let shops = grouped(
        "SELECT s.slug AS value, s.name AS label, s.name AS label_en, COUNT(DISTINCT m.id) AS count",
        "JOIN shops s ON s.id = e.shop_id",
        "s.slug, s.name ORDER BY count DESC, s.slug LIMIT 20",
    );
    let mut conditions = facet_values(db, &conditions).await?;
    conditions.sort_by_key(|facet| condition_rank(&facet.value));

    let mut prices_sql = SqlBuilder::new(db.backend());
    push_ctes(&mut prices_sql, scope);
    prices_sql.push("SELECT best.total AS total FROM (SELECT MIN(e.total_cents) AS total FROM matched m JOIN eligible e ON e.product_id = m.id GROUP BY m.id) best");
    let totals = db.conn().query_all_raw(prices_sql.build()).await?;
    let mut prices: Vec<PriceBandCount> = PRICE_BANDS
        .iter()
        .map(|&(min_cents, max_cents)| PriceBandCount {
            min_cents,
            max_cents,
            count: 0,
        })
        .collect();
    for row in totals {
        let total: i64 = row.try_get_by_index(0)?;
        if let Some(band) = prices
            .iter_mut()
            .find(|b| total >= b.min_cents && b.max_cents.is_none_or(|max| total < max))
        {
            band.count += 1;
        }
    }
    prices.retain(|band| band.count > 0);

    Ok(FacetCounts {
        categories: facet_values(db, &categories).await?,
        conditions,
        shops: facet_values(db, &shops).await?,
        prices,
    })
}

async fn facet_values(db: &Db, sql: &SqlBuilder) -> Result<Vec<FacetValue>, StoreError> {
    let rows = db.conn().query_all_raw(sql.build()).await?;
    rows.iter().map(facet_value).collect()
}

fn facet_value(row: &QueryResult) -> Result<FacetValue, StoreError> {
    let count: i64 = row.try_get("", "count")?;
    Ok(FacetValue {
        value: row.try_get("", "value")?,
        label: row.try_get("", "label")?,
        label_en: row.try_get("", "label_en")?,
        count: u64::try_from(count).unwrap_or(0),
    })
}

/// The page's products with their category and best offer, in page order.
async fn cards(
    db: &Db,
    scope: &Scope<'_>,
    ranked: Vec<RankedProduct>,
) -> Result<Vec<ProductCardView>, StoreError> {
    if ranked.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = ranked.iter().map(|r| r.id.clone()).collect();

    let mut offers_sql = SqlBuilder::new(db.backend());
    push_ctes(&mut offers_sql, scope);
    offers_sql
        .push("SELECT e.id, e.product_id, e.shop_id, s.slug AS shop_slug, s.name AS shop_name, o.price_cents, o.delivery_price_cents, o.condition ")
        .push("FROM eligible e JOIN offers o ON o.id = e.id JOIN shops s ON s.id = e.shop_id WHERE e.product_id IN ")
        .bind_list(ids.iter().cloned());
    let offers = BestOfferView::find_by_statement(offers_sql.build())
        .all(db.conn())
        .await?;
    let mut best: HashMap<String, BestOfferView> = HashMap::new();
    for offer in offers {
        let better = best
            .get(&offer.product_id)
            .is_none_or(|current| offer_order(&offer) < offer_order(current));
        if better {
            best.insert(offer.product_id.clone(), offer);
        }
    }

    let mut products_sql = SqlBuilder::new(db.backend());
    products_sql
        .push("SELECT p.id, p.gtin, p.title, p.brand, p.slug, c.id AS category_id, c.slug AS category_slug, c.parent_id, c.name_fr, c.name_en ")
        .push("FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id IN ")
        .bind_list(ids.iter().cloned());
    let rows = db.conn().query_all_raw(products_sql.build()).await?;
    let mut products: HashMap<String, ProductCardView> = HashMap::new();
    for row in rows {
        let id: String = row.try_get("", "id")?;
        products.insert(
            id.clone(),
            ProductCardView {
                id: id.clone(),
                gtin: row.try_get("", "gtin")?,
                title: row.try_get("", "title")?,
                brand: row.try_get("", "brand")?,
                slug: row.try_get("", "slug")?,
                category: CategoryView {
                    id: row.try_get("", "category_id")?,
                    slug: row.try_get("", "category_slug")?,
                    parent_id: row.try_get("", "parent_id")?,
                    name_fr: row.try_get("", "name_fr")?,
                    name_en: row.try_get("", "name_en")?,
                },
                best_offer: best.remove(&id),
                offer_count: 0,
            },
        );
    }
    Ok(ranked
        .into_iter()
        .filter_map(|r| {
            products.remove(&r.id).map(|mut card| {
                card.offer_count = u32::try_from(r.offer_count).unwrap_or(0);
                card
            })
        })
        .collect())
}

/// Cards for products given by id, in that order (products without a live offer keep
/// their card, with no best offer).
pub async fn product_cards(db: &Db, ids: &[String]) -> Result<Vec<ProductCardView>, StoreError> {
    let query = ProductQuery::default();
    let scope = Scope {
        query: &query,
        words: &[],
        category_ids: None,
    };
    let ranked = ids
        .iter()
        .map(|id| RankedProduct {
            id: id.clone(),
            offer_count: 0,
        })
        .collect();
    let mut cards = cards(db, &scope, ranked).await?;
    for card in &mut cards {
        card.offer_count = u32::from(card.best_offer.is_some());
    }
    Ok(cards)
}

/// Offers compare by total price, then condition, then id (stable).
fn offer_order(offer: &BestOfferView) -> (i64, usize, String) {
    (
        offer.price_cents + offer.delivery_price_cents,
        condition_rank(&offer.condition),
        offer.id.clone(),
    )
}

#[cfg(test)]
mod tests {
    use super::query_words;

    #[test]
    fn query_words_are_folded_deduplicated_and_safe() {
        assert_eq!(
            query_words(Some("Perceuse PERCEUSE \"18V\"*")),
            vec!["perceuse", "18v"]
        );
        assert!(
            query_words(Some("'; DROP TABLE products; --"))
                .iter()
                .all(|w| w.chars().all(char::is_alphanumeric))
        );
        assert!(query_words(None).is_empty());
    }
}
