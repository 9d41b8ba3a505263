//! Recent answers of the catalog's reads, reused for a few seconds: searches, product
//! sheets, product pages with their stock, and the category tree.
//!
//! A search at 50,000 products reads thousands of listing rows to count its facets
//! (tens of milliseconds), while shoppers ask the same few category pages and popular
//! words over and over. So each process keeps the answer of every recent search, keyed
//! by the whole query (words, filters, sort and page), and reuses it:
//!
//! - **never after a catalog change made by this process**: every listing refresh, shop
//!   edit, cashback boost, campaign and rate change calls [`catalog_changed`], which bumps a generation that
//!   every answer carries; an answer of an older generation is recomputed. A shopper who
//!   just changed stock, an offer or a shop sees it at once, as the tests expect;
//! - **for at most the reuse time after a change made by another process** (several
//!   servers on one PostgreSQL, the console's own connection) — 10 s by default, set by
//!   `HALLES_SEARCH_CACHE_SECS` (0 turns the reuse off, to measure the searches
//!   themselves). Prices and stock are checked again when a unit is put in a cart and at
//!   checkout, so a stale card can at worst list a unit already sold;
//! - when an answer is older than that, one request recomputes it while the others keep
//!   getting the old answer (stale while revalidating), so an expiry never sends every
//!   client at once into the same expensive query.
//!
//! A product page also shows stock, which every sale changes. It is reused under the same
//! rules, with its own generation: [`stock_changed`] (every reservation, sale, release,
//! count and location edit of this process) and [`catalog_changed`] both bump it, and a
//! page is reused for at most [`MAX_STOCK_REUSE`] (1 s) after another process's sale.
//! A page computed for every request cost the server a database read and two thread
//! hops to SQLite's worker each time, about a sixth of the page's CPU. Adding to a cart
//! and checkout always read stock.
//!
//! A change that commits while a search is running could let that search store what it
//! read before the change: an answer is only stored when the generation did not move
//! while it was computed, and the TTL bounds the rest.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::DbErr;

use crate::buying::cashback_estimate::{self, CashbackEstimate};
use crate::catalog::browse::{self, ProductSheet};
use crate::catalog::search::{FacetCounts, ProductQuery, SearchResults, search_products};
use crate::catalog::views::ProductPageView;
use crate::db::entity::categories;
use crate::{Db, StoreError};

/// A page of search results with what each card's best offer would earn.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchAnswer {
    pub results: SearchResults,
    pub cashback: CashbackEstimate,
}

/// The answer to `query`, reused when it may be (see the module's notes).
pub async fn search(db: &Db, query: &ProductQuery) -> Result<Arc<SearchAnswer>, StoreError> {
    db.catalog_answers()
        .searches
        .get_or_compute(format!("{query:?}"), || async {
            let results = search_products(db, query).await?;
            let cashback = cashback_estimate::for_cards(db.conn(), &results.items).await?;
            Ok(Arc::new(SearchAnswer { results, cashback }))
        })
        .await
}

/// A product's sheet with what one unit of each offer would earn.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductAnswer {
    pub sheet: ProductSheet,
    pub cashback: CashbackEstimate,
}

/// A product page as shown: its sheet, what one unit of each offer would earn, and the
/// stock free to sell at each location.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductPage {
    pub view: ProductPageView,
    pub cashback: CashbackEstimate,
}

/// A product page, reused when it may be (see the module's notes): its sheet and
/// cashback like a search answer, and with them its stock, for at most
/// [`MAX_STOCK_REUSE`] and never after this process changed any stock.
pub async fn product_page(db: &Db, product_id: &str) -> Result<Arc<ProductPage>, StoreError> {
    let answers = db.catalog_answers();
    answers
        .product_pages
        .get_or_compute(product_id.to_owned(), || async {
            let answer = answers
                .products
                .get_or_compute(product_id.to_owned(), || async {
                    let sheet = browse::product_sheet(db, product_id).await?;
                    let cashback = cashback_estimate::for_product(db.conn(), &sheet).await?;
                    Ok(Arc::new(ProductAnswer { sheet, cashback }))
                })
                .await?;
            let view = browse::with_stock(db, &answer.sheet).await?;
            Ok(Arc::new(ProductPage {
                view,
                cashback: answer.cashback.clone(),
            }))
        })
        .await
}

/// Every kind of recent answer kept for one database pool.
#[derive(Debug)]
pub struct CatalogAnswers {
    /// Search results with their cashback, keyed by the whole query.
    pub searches: Answers<Arc<SearchAnswer>>,
    /// The total and facets of the unfiltered listing (one key), shared by its pages.
    pub whole_catalog_counts: Answers<(u64, FacetCounts)>,
    /// Product sheets with their cashback, keyed by product id.
    pub products: Answers<Arc<ProductAnswer>>,
    /// Product pages with their stock, keyed by product id: they follow
    /// [`stock_changed`] as well as [`catalog_changed`].
    pub product_pages: Answers<Arc<ProductPage>>,
    /// Every category (one key), for the tree each page shows and category searches.
    pub categories: Answers<Arc<Vec<categories::Model>>>,
}

impl CatalogAnswers {
    /// Reused for `HALLES_SEARCH_CACHE_SECS` ([`ttl_from_env`]).
    pub fn from_env() -> Result<Self, DbErr> {
        let ttl = ttl_from_env()?;
        Ok(Self {
            searches: Answers::new(ttl),
            whole_catalog_counts: Answers::new(ttl),
            products: Answers::new(ttl),
            product_pages: Answers::following(ttl.min(MAX_STOCK_REUSE), &STOCK_GENERATION),
            categories: Answers::new(ttl),
        })
    }
}

/// The catalog generation of this process: bumped by every change a search could show.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// Says that the catalog changed: answers computed before are not reused.
pub fn catalog_changed() {
    GENERATION.fetch_add(1, Ordering::SeqCst);
    STOCK_GENERATION.fetch_add(1, Ordering::SeqCst);
}

/// The stock generation of this process: bumped by every change of stock or of a
/// location, and by every catalog change.
static STOCK_GENERATION: AtomicU64 = AtomicU64::new(0);

/// Says that stock was reserved, sold, released or counted, or a location changed:
/// product pages computed before are not reused.
pub fn stock_changed() {
    STOCK_GENERATION.fetch_add(1, Ordering::SeqCst);
}

/// How long a product page's stock may be reused at most, whatever
/// `HALLES_SEARCH_CACHE_SECS` says: a page may be that late on another process's sale.
pub const MAX_STOCK_REUSE: Duration = Duration::from_secs(1);

/// How long an answer is reused by default.
const DEFAULT_TTL: Duration = Duration::from_secs(10);

/// How long answers are reused: `HALLES_SEARCH_CACHE_SECS` (0 to 3600), or 10 s; any
/// other value is refused at startup rather than ignored.
pub fn ttl_from_env() -> Result<Duration, DbErr> {
    Ok(match std::env::var("HALLES_SEARCH_CACHE_SECS") {
        Err(_) => DEFAULT_TTL,
        Ok(value) => value
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|secs| *secs <= 3600)
            .map(Duration::from_secs)
            .ok_or_else(|| {
                DbErr::Custom(format!(
                    "HALLES_SEARCH_CACHE_SECS must be a number of seconds from 0 to 3600, not {value:?}"
                ))
            })?,
    })
}

/// Answers kept at most (a page of 24 cards with its facets is about 15 KB).
const MAX_ENTRIES: usize = 2_000;

/// A recomputation that has not stored its answer after this long is taken as abandoned
/// (its request was cancelled) and another request takes it over.
const REFRESH_ABANDONED_AFTER: Duration = Duration::from_secs(5);

struct Entry<T> {
    generation: u64,
    computed_at: Instant,
    refresh_started: Option<Instant>,
    answer: T,
}

/// What a lookup found.
enum Found<T> {
    Reusable(T),
    /// `refreshing`: an old answer is given to the others meanwhile.
    Compute {
        refreshing: bool,
    },
}

/// The recent answers of one kind (search results, the category tree) on one database
/// pool.
pub struct Answers<T> {
    ttl: Duration,
    /// [`GENERATION`], except in tests, which must not see each other's changes.
    generation: &'static AtomicU64,
    entries: Mutex<HashMap<String, Entry<T>>>,
    /// One lock per query being computed with no answer to give meanwhile: the requests
    /// that arrive during it wait for its answer instead of computing it too.
    computing: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl<T> std::fmt::Debug for Answers<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answers")
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

impl<T: Clone> Answers<T> {
    /// Reuse for `ttl` (zero: never).
    pub fn new(ttl: Duration) -> Self {
        Self::following(ttl, &GENERATION)
    }

    fn following(ttl: Duration, generation: &'static AtomicU64) -> Self {
        Self {
            ttl,
            generation,
            entries: Mutex::new(HashMap::new()),
            computing: Mutex::new(HashMap::new()),
        }
    }

    /// The answer to the query keyed `key`: reused when it may be, else computed by
    /// `compute` and kept.
    pub async fn get_or_compute<F, Fut>(&self, key: String, compute: F) -> Result<T, StoreError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, StoreError>>,
    {
        if self.ttl.is_zero() {
            return compute().await;
        }
        let generation = self.generation.load(Ordering::SeqCst);
        let refreshing = match self.look_up(&key, generation) {
            Found::Reusable(answer) => return Ok(answer),
            Found::Compute { refreshing } => refreshing,
        };
        // Without an old answer to give, the first request computes and the others wait.
        let key_lock = (!refreshing).then(|| self.key_lock(&key));
        let _computing = match &key_lock {
            Some(lock) => {
                let guard = lock.lock().await;
                if let Found::Reusable(answer) = self.peek(&key, generation) {
                    return Ok(answer);
                }
                Some(guard)
            }
            None => None,
        };
        let computed = compute().await;
        if key_lock.is_some()
            && let Ok(mut computing) = self.computing.lock()
        {
            computing.remove(&key);
        }
        let Ok(mut entries) = self.entries.lock() else {
            return computed;
        };
        match &computed {
            Ok(answer) if self.generation.load(Ordering::SeqCst) == generation => {
                if entries.len() >= MAX_ENTRIES && !entries.contains_key(&key) {
                    self.make_room(&mut entries, generation);
                }
                entries.insert(
                    key,
                    Entry {
                        generation,
                        computed_at: Instant::now(),
                        refresh_started: None,
                        answer: answer.clone(),
                    },
                );
            }
            _ => {
                // Failed, or the catalog changed meanwhile: let the next request try.
                if let Some(entry) = entries.get_mut(&key) {
                    entry.refresh_started = None;
                }
            }
        }
        computed
    }

    /// The lock of `key`'s computation.
    fn key_lock(&self, key: &str) -> Arc<tokio::sync::Mutex<()>> {
        match self.computing.lock() {
            Ok(mut computing) => Arc::clone(computing.entry(key.to_owned()).or_default()),
            Err(_) => Arc::default(),
        }
    }

    /// A fresh answer of this generation, if one is stored.
    fn peek(&self, key: &str, generation: u64) -> Found<T> {
        let fresh = self.entries.lock().ok().and_then(|entries| {
            entries
                .get(key)
                .filter(|e| e.generation == generation && e.computed_at.elapsed() < self.ttl)
                .map(|e| e.answer.clone())
        });
        match fresh {
            Some(answer) => Found::Reusable(answer),
            None => Found::Compute { refreshing: false },
        }
    }

    fn look_up(&self, key: &str, generation: u64) -> Found<T> {
        let Ok(mut entries) = self.entries.lock() else {
            return Found::Compute { refreshing: false };
        };
        let Some(entry) = entries.get_mut(key) else {
            return Found::Compute { refreshing: false };
        };
        if entry.generation != generation {
            return Found::Compute { refreshing: false };
        }
        if entry.computed_at.elapsed() < self.ttl {
            return Found::Reusable(entry.answer.clone());
        }
        match entry.refresh_started {
            Some(started) if started.elapsed() < REFRESH_ABANDONED_AFTER => {
                Found::Reusable(entry.answer.clone())
            }
            _ => {
                entry.refresh_started = Some(Instant::now());
                Found::Compute { refreshing: true }
            }
        }
    }

    /// Drops the answers that may no longer be reused as they are; when every one still
    /// may, drops them all (a flood of distinct queries must not grow memory).
    fn make_room(&self, entries: &mut HashMap<String, Entry<T>>, generation: u64) {
        entries.retain(|_, entry| {
            entry.generation == generation && entry.computed_at.elapsed() < self.ttl
        });
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
    use std::time::Duration;

    use super::{Answers, SearchResults};

    /// Each test its own catalog generation: the process's is bumped by other tests.
    fn answers(ttl: Duration) -> (Answers<SearchResults>, &'static AtomicU64) {
        let generation: &'static AtomicU64 = Box::leak(Box::new(AtomicU64::new(0)));
        (Answers::following(ttl, generation), generation)
    }

    fn answer(total: u64) -> SearchResults {
        SearchResults {
            items: Vec::new(),
            total,
            facets: Default::default(),
        }
    }

    #[tokio::test]
    async fn an_answer_is_reused_until_the_catalog_changes() {
        let (answers, generation) = answers(Duration::from_secs(60));
        let computed = AtomicUsize::new(0);
        let ask = || async {
            let n = computed.fetch_add(1, Ordering::SeqCst) as u64;
            Ok(answer(n))
        };
        let first = answers
            .get_or_compute("q".into(), ask)
            .await
            .expect("an answer");
        let again = answers
            .get_or_compute("q".into(), ask)
            .await
            .expect("an answer");
        assert_eq!(first.total, again.total, "reused");
        let other = answers
            .get_or_compute("r".into(), ask)
            .await
            .expect("an answer");
        assert_ne!(other.total, first.total, "another query is its own answer");
        generation.fetch_add(1, Ordering::SeqCst);
        let after = answers
            .get_or_compute("q".into(), ask)
            .await
            .expect("an answer");
        assert_ne!(after.total, first.total, "recomputed after a change");
    }

    #[tokio::test]
    async fn an_expired_answer_is_recomputed_by_one_request_while_others_get_the_old_one() {
        let (answers, _) = answers(Duration::from_millis(20));
        answers
            .get_or_compute("q".into(), || async { Ok(answer(1)) })
            .await
            .expect("an answer");
        tokio::time::sleep(Duration::from_millis(30)).await;
        let (slow, other) = tokio::join!(
            answers.get_or_compute("q".into(), || async {
                tokio::time::sleep(Duration::from_millis(50)).await;
                Ok(answer(2))
            }),
            async {
                tokio::time::sleep(Duration::from_millis(10)).await;
                answers
                    .get_or_compute("q".into(), || async { Ok(answer(3)) })
                    .await
            }
        );
        assert_eq!(
            slow.expect("an answer").total,
            2,
            "the first request recomputes"
        );
        assert_eq!(
            other.expect("an answer").total,
            1,
            "the other gets the old answer meanwhile"
        );
        let next = answers
            .get_or_compute("q".into(), || async { Ok(answer(4)) })
            .await
            .expect("an answer");
        assert_eq!(next.total, 2, "the recomputed answer is kept");
    }

    #[tokio::test]
    async fn requests_arriving_while_a_new_query_is_computed_wait_for_its_answer() {
        let (answers, _) = answers(Duration::from_secs(60));
        let computed = AtomicUsize::new(0);
        let ask = || async {
            computed.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(30)).await;
            Ok(answer(7))
        };
        let asked =
            futures::future::join_all((0..8).map(|_| answers.get_or_compute("q".into(), ask)))
                .await;
        assert!(asked.iter().all(|a| a.as_ref().is_ok_and(|a| a.total == 7)));
        assert_eq!(
            computed.load(Ordering::SeqCst),
            1,
            "computed once for eight requests"
        );
    }

    #[tokio::test]
    async fn zero_seconds_turns_the_reuse_off() {
        let (answers, _) = answers(Duration::ZERO);
        let a = answers
            .get_or_compute("q".into(), || async { Ok(answer(1)) })
            .await
            .expect("an answer");
        let b = answers
            .get_or_compute("q".into(), || async { Ok(answer(2)) })
            .await
            .expect("an answer");
        assert_eq!((a.total, b.total), (1, 2));
    }
}
