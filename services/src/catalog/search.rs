//! Product search: full-text matching by the database's own engine (FTS5 on SQLite,
//! tsvector on PostgreSQL), filters on live offers, sorting, paging and facet counts.
//!
//! A product is listed when it has at least one *eligible* offer: active, from an
//! approved shop, with a unit free to sell. Its price is its best offer's total
//! (price + delivery), the figure shoppers compare.
//!
//! Searches read the denormalised catalog of [`crate::catalog::listings`], never the
//! offers, shops and stock themselves: a search is two queries ([`scope`] says which rows
//! they look at), one for the page of cards in result order ([`cards`]), one for the
//! total and facet counts ([`facets`]), both counted and sorted by the database over
//! index ranges. The unfiltered listing, which would count the whole catalog, keeps its
//! counts in a short-lived cache ([`browse_all`]).

mod browse_all;
mod cards;
mod facets;
mod near;
mod scope;

use super::views::ProductCardView;
use crate::{Db, StoreError};

pub use cards::product_cards;

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
    /// Only products that a pickup store within reach of this postcode holds now.
    pub pickup_postcode: Option<String>,
    /// How far "within reach" is, in kilometres ([`domain::geo::DEFAULT_PICKUP_RADIUS_KM`]
    /// when absent).
    pub pickup_radius_km: Option<u32>,
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
#[derive(Debug, Clone, PartialEq)]
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

/// Runs a search. Pages and the API ask [`crate::catalog::answers::search`], which reuses
/// recent answers.
#[tracing::instrument(skip_all)]
pub async fn search_products(db: &Db, query: &ProductQuery) -> Result<SearchResults, StoreError> {
    let words = query_words(query.text.as_deref());
    let empty = || SearchResults {
        items: Vec::new(),
        total: 0,
        facets: FacetCounts::default(),
    };
    if query.text.as_deref().is_some_and(|t| !t.trim().is_empty()) && words.is_empty() {
        return Ok(empty());
    }
    if browse_all::applies(query, !words.is_empty()) {
        let slice = cards::Slice::page(query.page, query.per_page);
        let items = cards::page_of_cards(db, &scope::Scope::default(), Sort::Newest, slice).await?;
        let (total, facets) = browse_all::whole_catalog_counts(db).await?;
        return Ok(SearchResults {
            items,
            total,
            facets,
        });
    }
    let category_ids = match &query.category_slug {
        Some(slug) => Some(category_subtree(db, slug).await?),
        None => None,
    };
    if category_ids.as_ref().is_some_and(Vec::is_empty) {
        return Ok(empty());
    }
    let reach = match &query.pickup_postcode {
        Some(postcode) => Some(
            near::stores_in_reach(
                db,
                postcode,
                query
                    .pickup_radius_km
                    .unwrap_or(domain::geo::DEFAULT_PICKUP_RADIUS_KM),
            )
            .await?,
        ),
        None => None,
    };
    let store_ids: Option<Vec<String>> = reach.as_ref().map(|r| r.keys().cloned().collect());
    let scope = scope::Scope {
        words: &words,
        category_ids: category_ids.as_deref(),
        product_ids: None,
        offers: scope::OfferFilters::of(query, store_ids.as_deref()),
    };
    let slice = cards::Slice::page(query.page, query.per_page);
    let mut items = cards::page_of_cards(db, &scope, query.sort, slice).await?;
    let (total, facets) = facets::count(db, &scope).await?;
    if let Some(reach) = &reach {
        let page_ids: Vec<String> = items.iter().map(|card| card.id.clone()).collect();
        let on_page = near::offers_on_page(db, &scope, &page_ids).await?;
        let mut nearest = near::nearest_per_product(db, &on_page, reach).await?;
        for card in &mut items {
            card.nearest_pickup = nearest.remove(&card.id).map(near::shown);
        }
    }
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
    let all = super::browse::all_categories(db).await?;
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
