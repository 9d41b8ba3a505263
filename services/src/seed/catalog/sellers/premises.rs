//! A seller's premises: the locations it already has, or a new warehouse and its stores.

use chrono::{DateTime, Duration, Utc};
use sea_orm::ActiveValue::Set;

use super::places::Site;
use super::profiles::{STORE_HOURS, WAREHOUSE_HOURS};
use super::{Existing, Seller};
use crate::db::entity::locations;
use crate::new_id;
use crate::seed::catalog::rng::SplitMix64;

/// Where a new seller's locations go.
#[derive(Debug)]
pub(super) struct Sites<'a> {
    pub(super) shop_name: &'a str,
    pub(super) warehouse: Site,
    pub(super) stores: &'a [Site],
    /// When the shop opened: its locations came a little later.
    pub(super) opened: DateTime<Utc>,
}

/// Fills in the seller's warehouse and stores, adding rows to `rows` for new ones.
/// A shop that already has locations keeps them and gets none.
pub(super) fn locate(
    rng: &mut SplitMix64,
    seller: &mut Seller,
    rows: &mut Vec<locations::ActiveModel>,
    existing: &Existing,
    sites: Sites<'_>,
) {
    if let Some(present) = existing.locations.get(&seller.id).filter(|l| !l.is_empty()) {
        seller.warehouse_id = present
            .iter()
            .find(|l| l.kind == "warehouse")
            .map(|l| l.id.clone());
        seller.store_ids = present
            .iter()
            .filter(|l| l.kind == "store")
            .map(|l| l.id.clone())
            .collect();
        return;
    }
    let created_at = sites.opened + Duration::days(rng.between(1, 30));
    let warehouse = sites.warehouse;
    let id = new_id();
    seller.warehouse_id = Some(id.clone());
    rows.push(locations::ActiveModel {
        id: Set(id),
        shop_id: Set(seller.id.clone()),
        name: Set(format!("Entrepôt {}", warehouse.city)),
        kind: Set("warehouse".to_owned()),
        address: Set(format!(
            "Bâtiment {}, {}",
            rng.pick_str(&["A", "B", "C", "D", "E"]),
            warehouse.street
        )),
        postcode: Set(warehouse.postcode.to_owned()),
        city: Set(warehouse.city.to_owned()),
        latitude: Set(Some(warehouse.latitude)),
        longitude: Set(Some(warehouse.longitude)),
        opening_hours: Set(WAREHOUSE_HOURS.to_owned()),
        pickup: Set(false),
        // A warehouse serves no pickup; a day to pack and hand over to the carrier.
        preparation_minutes: Set(24 * 60),
        created_at: Set(created_at),
    });
    for site in sites.stores {
        let id = new_id();
        seller.store_ids.push(id.clone());
        // A few hundred metres around the street's centre, so stores do not stack.
        let jitter = |rng: &mut SplitMix64| (rng.unit() - 0.5) * 0.003;
        let name = format!("{} {}", sites.shop_name, site.label);
        rows.push(locations::ActiveModel {
            id: Set(id),
            shop_id: Set(seller.id.clone()),
            name: Set(name.chars().take(80).collect()),
            kind: Set("store".to_owned()),
            address: Set(format!("{} {}", rng.between(1, 140), site.street)),
            postcode: Set(site.postcode.to_owned()),
            city: Set(site.city.to_owned()),
            latitude: Set(Some(site.latitude + jitter(rng))),
            longitude: Set(Some(site.longitude + jitter(rng))),
            opening_hours: Set(rng.pick_str(&STORE_HOURS).to_owned()),
            pickup: Set(true),
            preparation_minutes: Set(30 * rng.between(2, 8) as i32),
            created_at: Set(created_at + Duration::days(rng.between(0, 60))),
        });
    }
}
