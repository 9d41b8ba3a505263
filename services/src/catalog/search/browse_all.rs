//! The unfiltered listing (no words, no category, no filter): the whole catalog. Its page
//! comes from an indexed walk of products, newest first, and its total and facets — which
//! would otherwise touch every live offer — are recomputed at most once a minute per
//! process. Stale by a minute is fine for counts beside a listing.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use sea_orm::ConnectionTrait;

use super::aggregate::{facets, summarise};
use super::rows::{Matching, live_offers};
use super::{FacetCounts, ProductQuery, SearchResults, Sort};
use crate::catalog::sql::SqlBuilder;
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

/// One page of the whole catalog, newest first.
pub async fn search(db: &Db, query: &ProductQuery) -> Result<SearchResults, StoreError> {
    let per_page = query.per_page.clamp(1, 100);
    let offset = query.page.max(1).saturating_sub(1).saturating_mul(per_page);
    let mut sql = SqlBuilder::new(db.backend());
    sql.push(
        "SELECT p.id FROM products p WHERE EXISTS (SELECT 1 FROM offers o JOIN shops s ON s.id = o.shop_id \
         WHERE o.product_id = p.id AND o.status = 'active' AND s.status = 'approved' \
         AND EXISTS (SELECT 1 FROM stock_levels sl WHERE sl.offer_id = o.id AND sl.quantity > sl.reserved)) \
         ORDER BY p.created_at DESC, p.id LIMIT ",
    )
    .bind(per_page as i64)
    .push(" OFFSET ")
    .bind(offset as i64);
    let mut ids = Vec::new();
    for row in db.conn().query_all_raw(sql.build()).await? {
        ids.push(row.try_get_by_index::<String>(0)?);
    }
    let matching = Matching {
        product_ids: Some(&ids),
        ..Matching::default()
    };
    let page_offers = live_offers(db, query, matching).await?;
    let page = summarise(&page_offers, Sort::Newest, false);
    let items = super::cards::cards_for(db, &page.products, &page_offers).await?;
    let (total, facets) = whole_catalog_counts(db).await?;
    Ok(SearchResults {
        items,
        total,
        facets,
    })
}

async fn whole_catalog_counts(db: &Db) -> Result<(u64, FacetCounts), StoreError> {
    if let Ok(guard) = cache().lock()
        && let Some(cached) = guard.get(&db.instance())
        && cached.computed_at.elapsed() < COUNTS_TTL
    {
        return Ok((cached.total, cached.facets.clone()));
    }
    let offers = live_offers(db, &ProductQuery::default(), Matching::default()).await?;
    let summary = summarise(&offers, Sort::Newest, false);
    let counted = facets(db, &offers, &summary).await?;
    if let Ok(mut guard) = cache().lock() {
        guard.insert(
            db.instance(),
            CachedCounts {
                computed_at: Instant::now(),
                total: summary.total,
                facets: counted.clone(),
            },
        );
    }
    Ok((summary.total, counted))
}
