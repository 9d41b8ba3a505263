//! Grouping live offers into products, ordering them, paging, and counting facets: plain
//! Rust over the rows of one query.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::rows::LiveOffer;
use super::{FacetCounts, FacetValue, PRICE_BANDS, PriceBandCount, Sort};
use crate::catalog::views::condition_rank;
use crate::db::entity::{categories, shops};
use crate::{Db, StoreError};

/// A matching product: its best offer (index into the rows) and how many it has.
#[derive(Debug, Clone)]
pub struct ProductSummary {
    pub product_id: String,
    pub best: usize,
    pub best_total: i64,
    pub offer_count: u32,
    pub rank: f64,
    pub created_at: DateTime<Utc>,
}

/// Every matching product, in result order.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub products: Vec<ProductSummary>,
    pub total: u64,
}

impl Summary {
    /// The products of page `page` (from 1).
    pub fn page(&self, page: u64, per_page: u64) -> Vec<ProductSummary> {
        let per_page = per_page.clamp(1, 100) as usize;
        let start = (page.max(1) as usize - 1).saturating_mul(per_page);
        self.products
            .iter()
            .skip(start)
            .take(per_page)
            .cloned()
            .collect()
    }
}

fn offer_key(offer: &LiveOffer) -> (i64, usize, &str) {
    (
        offer.total_cents(),
        condition_rank(&offer.condition),
        offer.offer_id.as_str(),
    )
}

/// Groups offers by product and orders the products.
pub fn summarise(offers: &[LiveOffer], sort: Sort, has_text: bool) -> Summary {
    let mut by_product: HashMap<&str, ProductSummary> = HashMap::new();
    for (index, offer) in offers.iter().enumerate() {
        let entry = by_product
            .entry(offer.product_id.as_str())
            .or_insert_with(|| ProductSummary {
                product_id: offer.product_id.clone(),
                best: index,
                best_total: offer.total_cents(),
                offer_count: 0,
                rank: offer.rank,
                created_at: offer.created_at,
            });
        entry.offer_count += 1;
        if offer_key(offer) < offer_key(&offers[entry.best]) {
            entry.best = index;
            entry.best_total = offer.total_cents();
        }
    }
    let mut products: Vec<ProductSummary> = by_product.into_values().collect();
    match (sort, has_text) {
        (Sort::PriceAsc, _) => products.sort_by(|a, b| {
            a.best_total
                .cmp(&b.best_total)
                .then_with(|| a.product_id.cmp(&b.product_id))
        }),
        (Sort::PriceDesc, _) => products.sort_by(|a, b| {
            b.best_total
                .cmp(&a.best_total)
                .then_with(|| a.product_id.cmp(&b.product_id))
        }),
        (Sort::Newest, _) | (Sort::Relevance, false) => {
            products.sort_by(|a, b| {
                b.created_at
                    .cmp(&a.created_at)
                    .then_with(|| a.product_id.cmp(&b.product_id))
            });
        }
        (Sort::Relevance, true) => products.sort_by(|a, b| {
            b.rank
                .total_cmp(&a.rank)
                .then_with(|| a.best_total.cmp(&b.best_total))
                .then_with(|| a.product_id.cmp(&b.product_id))
        }),
    }
    let total = products.len() as u64;
    Summary { products, total }
}

/// Facet counts over every matching product.
pub async fn facets(
    db: &Db,
    offers: &[LiveOffer],
    summary: &Summary,
) -> Result<FacetCounts, StoreError> {
    let mut categories: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut conditions: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut shops: HashMap<&str, HashSet<&str>> = HashMap::new();
    for offer in offers {
        categories
            .entry(&offer.category_id)
            .or_default()
            .insert(&offer.product_id);
        conditions
            .entry(&offer.condition)
            .or_default()
            .insert(&offer.product_id);
        shops
            .entry(&offer.shop_id)
            .or_default()
            .insert(&offer.product_id);
    }

    let category_rows = categories::Entity::find()
        .filter(categories::Column::Id.is_in(categories.keys().map(|id| id.to_string())))
        .all(db.conn())
        .await?;
    let mut category_facets: Vec<FacetValue> = category_rows
        .into_iter()
        .map(|c| FacetValue {
            count: categories.get(c.id.as_str()).map_or(0, |p| p.len() as u64),
            value: c.slug,
            label: c.name_fr,
            label_en: c.name_en,
        })
        .collect();
    sort_facets(&mut category_facets);

    let shop_rows = shops::Entity::find()
        .filter(shops::Column::Id.is_in(shops.keys().map(|id| id.to_string())))
        .all(db.conn())
        .await?;
    let mut shop_facets: Vec<FacetValue> = shop_rows
        .into_iter()
        .map(|s| FacetValue {
            count: shops.get(s.id.as_str()).map_or(0, |p| p.len() as u64),
            value: s.slug,
            label: s.name.clone(),
            label_en: s.name,
        })
        .collect();
    sort_facets(&mut shop_facets);

    let mut condition_facets: Vec<FacetValue> = conditions
        .into_iter()
        .map(|(condition, products)| FacetValue {
            value: condition.to_owned(),
            label: condition.to_owned(),
            label_en: condition.to_owned(),
            count: products.len() as u64,
        })
        .collect();
    condition_facets.sort_by_key(|facet| condition_rank(&facet.value));

    let mut prices: Vec<PriceBandCount> = PRICE_BANDS
        .iter()
        .map(|&(min_cents, max_cents)| PriceBandCount {
            min_cents,
            max_cents,
            count: 0,
        })
        .collect();
    for product in &summary.products {
        let total = product.best_total;
        if let Some(band) = prices
            .iter_mut()
            .find(|b| total >= b.min_cents && b.max_cents.is_none_or(|max| total < max))
        {
            band.count += 1;
        }
    }
    prices.retain(|band| band.count > 0);

    Ok(FacetCounts {
        categories: category_facets,
        conditions: condition_facets,
        shops: shop_facets,
        prices,
    })
}

/// Most products first, then by value; at most 20.
fn sort_facets(facets: &mut Vec<FacetValue>) {
    facets.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    facets.truncate(20);
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::{Sort, summarise};
    use crate::catalog::search::rows::LiveOffer;

    fn offer(product: &str, offer: &str, price: i64, delivery: i64, condition: &str) -> LiveOffer {
        LiveOffer {
            product_id: product.into(),
            category_id: "c".into(),
            rank: 1.0,
            created_at: Utc::now(),
            offer_id: offer.into(),
            shop_id: "s".into(),
            condition: condition.into(),
            price_cents: price,
            delivery_price_cents: delivery,
        }
    }

    #[test]
    fn the_best_offer_is_the_lowest_total_then_the_better_condition() {
        let offers = [
            offer("p", "a", 1000, 500, "new"),
            offer("p", "b", 1400, 0, "good"),
            offer("p", "c", 1400, 0, "new"),
        ];
        let summary = summarise(&offers, Sort::Relevance, true);
        assert_eq!(summary.total, 1);
        assert_eq!(offers[summary.products[0].best].offer_id, "c");
        assert_eq!(summary.products[0].offer_count, 3);
    }

    #[test]
    fn products_sort_by_best_total_and_pages_slice() {
        let offers = [
            offer("x", "1", 300, 0, "new"),
            offer("y", "2", 100, 0, "new"),
            offer("z", "3", 200, 0, "new"),
        ];
        let summary = summarise(&offers, Sort::PriceAsc, false);
        let order: Vec<&str> = summary
            .products
            .iter()
            .map(|p| p.product_id.as_str())
            .collect();
        assert_eq!(order, ["y", "z", "x"]);
        assert_eq!(summary.page(2, 2).len(), 1);
        assert!(summary.page(3, 2).is_empty());
    }
}
