//! Products with their offers and stock, generated in batches so that a large catalog
//! never sits in memory at once.

mod details;

use std::collections::HashSet;
use std::ops::Range;

use chrono::{DateTime, Duration, Utc};
use sea_orm::ActiveValue::Set;

use super::CatalogSize;
use super::rng::SplitMix64;
use super::sellers::{GENERALIST, Seller};
use super::taxonomy::{Kind, Leaf, TREE};
use crate::db::entity::{offers, products, stock_levels};
use crate::{StoreError, new_id};
use details::{describe, gtin, offer_note};

/// Products are spread over the last six months, so that "newest first" means something.
const CATALOG_AGE_SECS: i64 = 180 * 24 * 3600;
/// Draws of a title before falling back to a reference number to tell products apart.
const TITLE_ATTEMPTS: usize = 6;

/// The rows for one batch of products.
#[derive(Debug, Default)]
pub(super) struct Batch {
    pub(super) products: Vec<products::ActiveModel>,
    pub(super) offers: Vec<offers::ActiveModel>,
    pub(super) stock: Vec<stock_levels::ActiveModel>,
}

/// Draws products, offers and stock from the category tables and the sellers.
pub(super) struct Generator<'a> {
    rng: SplitMix64,
    leaves: &'a [Leaf],
    sellers: &'a [Seller],
    /// For each speciality, the sellers that have it.
    by_speciality: Vec<Vec<usize>>,
    /// For each leaf, the seller whose offer comes first: it "owns" the subcategory.
    owners: Vec<usize>,
    /// How many extra offers a product gets on average (offers per product − 1).
    mean_extra_offers: f64,
    titles: HashSet<String>,
    now: DateTime<Utc>,
}

impl<'a> Generator<'a> {
    pub(super) fn new(
        rng: SplitMix64,
        leaves: &'a [Leaf],
        sellers: &'a [Seller],
        size: &CatalogSize,
        now: DateTime<Utc>,
    ) -> Self {
        let mut by_speciality = vec![Vec::new(); GENERALIST + 1];
        for (index, seller) in sellers.iter().enumerate() {
            if let Some(list) = by_speciality.get_mut(seller.speciality) {
                list.push(index);
            }
        }
        let approved: Vec<usize> = (0..sellers.len())
            .filter(|&i| sellers[i].approved)
            .collect();
        let owners = leaves
            .iter()
            .enumerate()
            .map(|(n, leaf)| {
                let specialists: Vec<usize> = by_speciality[leaf.top]
                    .iter()
                    .copied()
                    .filter(|&i| sellers[i].approved)
                    .collect();
                let pool = if specialists.is_empty() {
                    &approved
                } else {
                    &specialists
                };
                pool.get(n % pool.len().max(1)).copied().unwrap_or(0)
            })
            .collect();
        let per_product = f64::from(size.offers) / f64::from(size.products.max(1));
        Self {
            rng,
            leaves,
            sellers,
            by_speciality,
            owners,
            mean_extra_offers: (per_product - 1.0).clamp(0.0, 5.0),
            titles: HashSet::new(),
            now,
        }
    }

    /// Products number `range` (their number makes their GTIN).
    pub(super) fn batch(&mut self, range: Range<u32>) -> Result<Batch, StoreError> {
        let mut batch = Batch::default();
        if self.leaves.is_empty() || self.sellers.is_empty() {
            return Ok(batch);
        }
        for number in range {
            // The first products visit every subcategory once, with its first kind, so
            // that even a small catalog fills every shelf (and has a drill to search for).
            let first_round = (number as usize) < self.leaves.len();
            let leaf_index = if first_round {
                number as usize
            } else {
                self.rng.index(self.leaves.len())
            };
            let leaf = &self.leaves[leaf_index];
            let (product, base_cents) = self.product(number, leaf, first_round)?;
            let product_id = product.id.clone();
            let created_at = product.created_at;
            batch.products.push(product.into());
            for (rank, seller_index) in self.sellers_for(leaf_index).into_iter().enumerate() {
                let seller = &self.sellers[seller_index];
                let condition = if rank == 0 || !TREE[leaf.top].used_ok {
                    "new"
                } else {
                    self.condition()
                };
                let offer = self.offer(&product_id, seller, condition, base_cents, created_at);
                self.stock(&offer.id, seller, &mut batch.stock);
                batch.offers.push(offer.into());
            }
        }
        Ok(batch)
    }

    fn product(
        &mut self,
        number: u32,
        leaf: &Leaf,
        first_kind: bool,
    ) -> Result<(products::Model, i64), StoreError> {
        let sub = leaf.sub;
        let rng = &mut self.rng;
        let draw = |rng: &mut SplitMix64| -> Option<(&'static Kind, String, String)> {
            let kind = if first_kind {
                sub.kinds.first()?
            } else {
                rng.pick(sub.kinds)?
            };
            let variant = rng.pick_str(kind.variants);
            let brand = kind.brand(sub, rng);
            let title = sub.title(kind, variant, brand, rng.between(100, 999) as u32);
            Some((kind, brand.to_owned(), title))
        };
        let mut drawn = draw(rng);
        for _ in 1..TITLE_ATTEMPTS {
            match &drawn {
                Some((_, _, title)) if self.titles.contains(title) => drawn = draw(rng),
                _ => break,
            }
        }
        let (kind, brand, mut title) = drawn
            .ok_or_else(|| StoreError::Internal(format!("no product kind in {}", sub.slug)))?;
        if self.titles.contains(&title) {
            // Every combination is taken: the product number tells this one apart.
            title = format!("{title}, réf. {number:05}");
        }
        self.titles.insert(title.clone());
        let description = describe(rng, leaf, &brand);
        let search_text = domain::fold_words(&format!(
            "{title} {brand} {} {} {description}",
            sub.name_fr, sub.name_en
        ));
        let (lo, hi) = (f64::from(kind.euros.0), f64::from(kind.euros.1));
        let euros = lo * (hi / lo).powf(rng.unit());
        let base_cents = (euros.floor() as i64 * 100
            + rng.pick(&[90, 99, 0, 50]).copied().unwrap_or(0))
        .max(100);
        let product = products::Model {
            id: new_id(),
            gtin: gtin(number)?,
            slug: domain::slugify(&title),
            title,
            brand,
            description,
            category_id: leaf.id.clone(),
            search_text,
            created_at: self.now - Duration::seconds(rng.between(0, CATALOG_AGE_SECS)),
        };
        Ok((product, base_cents))
    }

    /// The owner of the subcategory first, then specialists and generalists, then anyone.
    fn sellers_for(&mut self, leaf_index: usize) -> Vec<usize> {
        let owner = self.owners[leaf_index];
        let extra = (self.rng.unit() * 2.0 * self.mean_extra_offers).round() as usize;
        let wanted = (1 + extra).min(6).min(self.sellers.len());
        let mut chosen = vec![owner];
        let top = self.leaves[leaf_index].top;
        let mut pool: Vec<usize> = self.by_speciality[top]
            .iter()
            .chain(&self.by_speciality[GENERALIST])
            .copied()
            .filter(|&i| i != owner)
            .collect();
        for round in 0..2 {
            let missing = wanted - chosen.len();
            self.rng.sample_in_place(&mut pool, missing);
            chosen.extend(pool.iter().take(missing));
            if chosen.len() >= wanted || round == 1 {
                break;
            }
            pool = (0..self.sellers.len())
                .filter(|i| !chosen.contains(i))
                .collect();
        }
        chosen
    }

    fn condition(&mut self) -> &'static str {
        match self.rng.below(100) {
            0..65 => "new",
            65..77 => "like_new",
            77..89 => "very_good",
            89..97 => "good",
            _ => "acceptable",
        }
    }

    fn offer(
        &mut self,
        product_id: &str,
        seller: &Seller,
        condition: &'static str,
        base_cents: i64,
        product_created_at: DateTime<Utc>,
    ) -> offers::Model {
        let rng = &mut self.rng;
        let wear = match condition {
            "new" => 1.0,
            "like_new" => 0.85,
            "very_good" => 0.75,
            "good" => 0.65,
            _ => 0.5,
        };
        let raw = base_cents as f64 * (0.8 + 0.4 * rng.unit()) * wear;
        // Shop prices end in 9: 12,49 €, 129,99 €.
        let price_cents = ((raw / 10.0).round() as i64 * 10 - 1).max(99);
        let free = seller
            .free_shipping_threshold_cents
            .is_some_and(|from| price_cents >= from);
        let created_at =
            (product_created_at + Duration::seconds(rng.between(0, 14 * 24 * 3600))).min(self.now);
        let updated_at =
            (created_at + Duration::seconds(rng.between(0, 30 * 24 * 3600))).min(self.now);
        offers::Model {
            id: new_id(),
            product_id: product_id.to_owned(),
            shop_id: seller.id.clone(),
            price_cents,
            currency: "EUR".to_owned(),
            condition: condition.to_owned(),
            description: offer_note(rng, condition).to_owned(),
            delivery_price_cents: if free { 0 } else { seller.shipping_flat_cents },
            delivery_days: seller.delivery_days + rng.between(0, 2) as i32,
            status: "active".to_owned(),
            low_stock_threshold: 2,
            created_at,
            updated_at,
        }
    }

    /// A warehouse row always; store rows for most stores, some of them at zero so
    /// that "out of stock in this store" shows up.
    fn stock(
        &mut self,
        offer_id: &str,
        seller: &Seller,
        rows: &mut Vec<stock_levels::ActiveModel>,
    ) {
        let rng = &mut self.rng;
        let row = |location_id: &str, quantity: i64| stock_levels::ActiveModel {
            offer_id: Set(offer_id.to_owned()),
            location_id: Set(location_id.to_owned()),
            quantity: Set(quantity as i32),
            reserved: Set(0),
            low_alerted_at: Set(None),
        };
        if let Some(warehouse) = &seller.warehouse_id {
            let quantity = if rng.chance(10) {
                0
            } else {
                rng.between(1, 50)
            };
            rows.push(row(warehouse, quantity));
        }
        for store in &seller.store_ids {
            if rng.chance(70) {
                let quantity = if rng.chance(25) { 0 } else { rng.between(1, 8) };
                rows.push(row(store, quantity));
            }
        }
    }
}
