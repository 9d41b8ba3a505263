//! The unfiltered listing (no words, no category, no filter): the whole catalog. Its page
//! is an indexed walk of `product_listings`, but its total and facets count every listed
//! product and offer, so every page of it shares one reused answer of those counts.

use super::scope::Scope;
use super::{FacetCounts, ProductQuery, Sort, facets};
use crate::{Db, StoreError};

/// Whether `query` lists the whole catalog newest first.
pub fn applies(query: &ProductQuery, has_words: bool) -> bool {
    !has_words
        && query.category_slug.is_none()
        && query.condition.is_none()
        && query.shop_slug.is_none()
        && query.min_price_cents.is_none()
        && query.max_price_cents.is_none()
        && query.pickup_postcode.is_none()
        && matches!(query.sort, Sort::Newest | Sort::Relevance)
}

/// The total and facets of the whole catalog, shared by every page of the listing and
/// reused like any catalog answer ([`crate::catalog::answers`]).
pub async fn whole_catalog_counts(db: &Db) -> Result<(u64, FacetCounts), StoreError> {
    db.catalog_answers()
        .whole_catalog_counts
        .get_or_compute(String::new(), || async {
            facets::count(db, &Scope::default()).await
        })
        .await
}
