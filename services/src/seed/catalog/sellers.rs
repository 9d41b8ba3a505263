//! The demo e-shops: generated shops with a warehouse each and stores for most, plus
//! the demo seller's own shop (`la-cave-de-leon`) when `seed_demo` created it. Shops
//! and locations already in the database are reused, never duplicated.

mod places;
mod premises;
mod profiles;

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::ActiveValue::Set;

use super::rng::SplitMix64;
use crate::db::entity::{locations, shops};
use crate::new_id;
use places::{CAVE_DE_LEON, CAVE_DE_LEON_WAREHOUSE, PARIS, REGIONS, Site, WAREHOUSES};
use premises::{Sites, locate};
use profiles::{BANNER_COLORS, NAMES, PITCHES, RETURN_POLICIES};

/// The speciality of generalist shops, after the eight top categories.
pub(super) const GENERALIST: usize = 8;
/// The demo seller's shop, created by `seed_demo`: a wine shop (épicerie fine & vins).
const DEMO_SHOP: (&str, usize) = ("la-cave-de-leon", 7);

/// A seller as the offer generator sees it.
#[derive(Debug)]
pub(super) struct Seller {
    pub(super) id: String,
    /// Index of a top category in the tree, or [`GENERALIST`].
    pub(super) speciality: usize,
    pub(super) approved: bool,
    pub(super) shipping_flat_cents: i64,
    pub(super) free_shipping_threshold_cents: Option<i64>,
    pub(super) delivery_days: i32,
    pub(super) warehouse_id: Option<String>,
    pub(super) store_ids: Vec<String>,
}

/// Rows to insert, and profiles to fill in on shops that already exist.
#[derive(Debug, Default)]
pub(super) struct SellerRows {
    pub(super) shops: Vec<shops::ActiveModel>,
    pub(super) locations: Vec<locations::ActiveModel>,
    pub(super) profile_updates: Vec<shops::ActiveModel>,
}

/// Shops (by slug) and their locations (by shop id) already in the database.
#[derive(Debug, Default)]
pub(super) struct Existing {
    pub(super) shops: HashMap<String, shops::Model>,
    pub(super) locations: HashMap<String, Vec<locations::Model>>,
}

/// Plans `count` generated shops sharing about `stores` stores, plus the demo shop.
pub(super) fn plan(
    rng: &mut SplitMix64,
    count: u32,
    stores: u32,
    existing: &Existing,
    now: DateTime<Utc>,
) -> (Vec<Seller>, SellerRows) {
    let count = count as usize;
    let quotas = store_quotas(count, stores as usize);
    let mut sellers = Vec::with_capacity(count + 1);
    let mut rows = SellerRows::default();
    for (i, quota) in quotas.into_iter().enumerate() {
        let speciality = i % NAMES.len();
        let name = shop_name(i);
        let slug = domain::slugify(&name);
        let (mut seller, created_at) = match existing.shops.get(&slug) {
            Some(shop) => (seller_from(rng, shop, speciality), shop.created_at),
            None => {
                let approved = !is_pending(i, count);
                let shop = new_shop(rng, &name, &slug, speciality, approved, now);
                let created_at = shop.created_at;
                let seller = seller_from(rng, &shop, speciality);
                rows.shops.push(shop.into());
                (seller, created_at)
            }
        };
        let stores: Vec<Site> = (0..quota).map(|j| store_site(i, j)).collect();
        let sites = Sites {
            shop_name: &name,
            warehouse: WAREHOUSES[i % WAREHOUSES.len()],
            stores: &stores,
            opened: created_at,
        };
        locate(rng, &mut seller, &mut rows.locations, existing, sites);
        sellers.push(seller);
    }
    if let Some(shop) = existing.shops.get(DEMO_SHOP.0) {
        sellers.push(adopt_demo_shop(rng, shop, &mut rows, existing, now));
    }
    (sellers, rows)
}

/// Brings the demo seller's shop into the catalog: a profile if it has none yet (its
/// return policy is empty until someone writes one), a store in Lyon, a warehouse.
fn adopt_demo_shop(
    rng: &mut SplitMix64,
    shop: &shops::Model,
    rows: &mut SellerRows,
    existing: &Existing,
    now: DateTime<Utc>,
) -> Seller {
    let (slug, speciality) = DEMO_SHOP;
    let mut shop = shop.clone();
    if shop.return_policy.is_empty() {
        let profile = new_shop(rng, &shop.name, slug, speciality, true, now);
        shop.banner_color = "#7b1e3a".to_owned();
        shop.return_policy = profile.return_policy;
        shop.shipping_flat_cents = profile.shipping_flat_cents;
        shop.free_shipping_threshold_cents = profile.free_shipping_threshold_cents;
        shop.rating_centi = profile.rating_centi;
        shop.rating_count = profile.rating_count;
        rows.profile_updates.push(shops::ActiveModel {
            id: Set(shop.id.clone()),
            banner_color: Set(shop.banner_color.clone()),
            return_policy: Set(shop.return_policy.clone()),
            shipping_flat_cents: Set(shop.shipping_flat_cents),
            free_shipping_threshold_cents: Set(shop.free_shipping_threshold_cents),
            rating_centi: Set(shop.rating_centi),
            rating_count: Set(shop.rating_count),
            ..Default::default()
        });
    }
    let mut seller = seller_from(rng, &shop, speciality);
    let sites = Sites {
        shop_name: &shop.name,
        warehouse: CAVE_DE_LEON_WAREHOUSE,
        stores: &[CAVE_DE_LEON],
        opened: shop.created_at,
    };
    locate(rng, &mut seller, &mut rows.locations, existing, sites);
    seller
}

/// `Brico Durand`, then `Brico Durand 2` once a speciality's names are used up.
fn shop_name(i: usize) -> String {
    let speciality = i % NAMES.len();
    let round = i / NAMES.len();
    let names = NAMES[speciality];
    let base = names[round % names.len()];
    match round / names.len() {
        0 => base.to_owned(),
        n => format!("{base} {}", n + 1),
    }
}

/// One or two shops wait for an operator's approval: they are not public.
fn is_pending(i: usize, count: usize) -> bool {
    i + 1 == count || (count >= 40 && i + 2 == count)
}

/// How many stores each shop gets: three shops in four have stores (pending ones never),
/// dealt round-robin until `stores` are placed.
fn store_quotas(count: usize, stores: usize) -> Vec<usize> {
    let mut quotas = vec![0; count];
    let eligible: Vec<usize> = (0..count)
        .filter(|&i| i % 4 != 3 && !is_pending(i, count))
        .collect();
    if eligible.is_empty() {
        return quotas;
    }
    for n in 0..stores {
        quotas[eligible[n % eligible.len()]] += 1;
    }
    quotas
}

/// Every shop's first store is in Paris, and every other shop's second one too, so the
/// click & collect demo has shops with several Paris stores.
fn store_site(i: usize, j: usize) -> Site {
    if j == 0 || (j == 1 && i.is_multiple_of(2)) {
        PARIS[(i * 7 + j * 11) % PARIS.len()]
    } else {
        REGIONS[(i * 5 + j * 3) % REGIONS.len()]
    }
}

fn new_shop(
    rng: &mut SplitMix64,
    name: &str,
    slug: &str,
    speciality: usize,
    approved: bool,
    now: DateTime<Utc>,
) -> shops::Model {
    let shipping_flat_cents = *rng.pick(&[0, 290, 390, 490, 590, 690]).unwrap_or(&490);
    let free_shipping_threshold_cents = (shipping_flat_cents > 0 && rng.chance(60)).then(|| {
        *rng.pick(&[2_500, 3_500, 4_900, 6_900, 9_900])
            .unwrap_or(&4_900)
    });
    let return_policy = if speciality == 7 {
        RETURN_POLICIES[4]
    } else {
        RETURN_POLICIES[rng.index(RETURN_POLICIES.len() - 1)]
    };
    let (rating_centi, rating_count) = if approved {
        let count = 10.0 * 300_f64.powf(rng.unit());
        (rng.between(380, 495) as i32, count.round() as i32)
    } else {
        (0, 0)
    };
    shops::Model {
        id: new_id(),
        slug: slug.to_owned(),
        name: name.to_owned(),
        description: rng.pick_str(&PITCHES[speciality]).to_owned(),
        status: if approved { "approved" } else { "pending" }.to_owned(),
        created_at: now
            - Duration::days(rng.between(200, 1_200))
            - Duration::seconds(rng.between(0, 86_399)),
        banner_color: rng.pick_str(&BANNER_COLORS).to_owned(),
        return_policy: return_policy.to_owned(),
        shipping_flat_cents,
        free_shipping_threshold_cents,
        rating_centi,
        rating_count,
    }
}

fn seller_from(rng: &mut SplitMix64, shop: &shops::Model, speciality: usize) -> Seller {
    Seller {
        id: shop.id.clone(),
        speciality,
        approved: shop.status == "approved",
        shipping_flat_cents: shop.shipping_flat_cents,
        free_shipping_threshold_cents: shop.free_shipping_threshold_cents,
        delivery_days: rng.between(1, 3) as i32,
        warehouse_id: None,
        store_ids: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{is_pending, shop_name, store_quotas, store_site};

    #[test]
    fn stores_are_dealt_to_approved_shops_only() {
        let quotas = store_quotas(20, 40);
        assert_eq!(quotas.iter().sum::<usize>(), 40);
        assert_eq!(quotas[3], 0);
        assert_eq!(quotas[19], 0, "the pending shop has no store");
        assert!(is_pending(19, 20) && !is_pending(18, 20));
    }

    #[test]
    fn the_first_diy_shop_has_two_paris_stores() {
        assert_eq!(shop_name(0), "Brico Durand");
        assert_eq!(store_site(0, 0).city, "Paris");
        assert_eq!(store_site(0, 1).city, "Paris");
        assert_ne!(store_site(0, 0).postcode, store_site(0, 1).postcode);
    }

    #[test]
    fn shop_slugs_are_valid_and_unique_beyond_the_tables() {
        let mut slugs = std::collections::HashSet::new();
        for i in 0..300 {
            let slug = domain::slugify(&shop_name(i));
            assert!(domain::Slug::parse(&slug).is_ok(), "{slug}");
            assert!(slugs.insert(slug.clone()), "{slug} twice");
        }
    }
}
