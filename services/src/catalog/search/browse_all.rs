//! The unfiltered listing (no words, no category, no filter): the whole catalog. Its page
//! is an indexed walk of `product_listings`, but its total and facets count every listed
//! product and offer, so they are recomputed at most once a minute per process. Stale by
//! a minute is fine for counts beside a listing.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::scope::Scope;
use super::{FacetCounts, ProductQuery, Sort, facets};
use crate::{Db, StoreError};

/// How long the whole-catalog counts are reused.
const COUNTS_TTL: Duration = Duration::from_secs(60);

struct CachedCounts {
    computed_at: Instant,
    total: u64,
    facets: FacetCounts,
}

/// Counts per database pool (a test process runs many servers on many databases).
fn cache() -> &'static Mutex<HashMap<u64, CachedCounts>> {
    static CACHE: OnceLock<Mutex<HashMap<u64, CachedCounts>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

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

/// The total and facets of the whole catalog, at most [`COUNTS_TTL`] old.
pub async fn whole_catalog_counts(db: &Db) -> Result<(u64, FacetCounts), StoreError> {
    if let Ok(guard) = cache().lock()
        && let Some(cached) = guard.get(&db.instance())
        && cached.computed_at.elapsed() < COUNTS_TTL
    {
        return Ok((cached.total, cached.facets.clone()));
    }
    let (total, counted) = facets::count(db, &Scope::default()).await?;
    if let Ok(mut guard) = cache().lock() {
        guard.insert(
            db.instance(),
            CachedCounts {
                computed_at: Instant::now(),
                total,
                facets: counted.clone(),
            },
        );
    }
    Ok((total, counted))
}
