//! The `pickup_postcode` facet: which pickup stores are within reach of a shopper's
//! postcode, and for each result the nearest of them that holds it now.
//!
//! Stores are few next to offers (a shop has a handful), so the stores in range are found
//! first, in Rust, from their saved coordinates or their postcode's; the offer query then
//! only asks for stock at those stores, by primary key.

use std::collections::HashMap;

use domain::geo::{Coordinates, coordinates_of_postcode, distance_km};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::scope::Scope;
use crate::catalog::nearby::{place_of, rounded_km};
use crate::catalog::sql::SqlBuilder;
use crate::catalog::views::NearPickupView;
use crate::db::entity::{locations, shops, stock_levels};
use crate::{Db, StoreError};

/// The pickup stores of approved shops within `radius_km` of `postcode`, by id. Empty when
/// the postcode is not one the bundled table knows.
pub async fn stores_in_reach(
    db: &Db,
    postcode: &str,
    radius_km: u32,
) -> Result<HashMap<String, NearPickupView>, StoreError> {
    let Some(origin) = coordinates_of_postcode(postcode) else {
        return Ok(HashMap::new());
    };
    let approved: Vec<String> = shops::Entity::find()
        .filter(shops::Column::Status.eq("approved"))
        .all(db.conn())
        .await?
        .into_iter()
        .map(|shop| shop.id)
        .collect();
    let stores = locations::Entity::find()
        .filter(locations::Column::Pickup.eq(true))
        .filter(locations::Column::Kind.eq("store"))
        .filter(locations::Column::ShopId.is_in(approved))
        .all(db.conn())
        .await?;
    Ok(within(origin, radius_km, stores))
}

/// The stores of `stores` at most `radius_km` from `origin`.
fn within(
    origin: Coordinates,
    radius_km: u32,
    stores: Vec<locations::Model>,
) -> HashMap<String, NearPickupView> {
    stores
        .into_iter()
        .filter_map(|store| {
            let place = place_of(store.latitude, store.longitude, &store.postcode)?;
            let km = distance_km(origin, place);
            (km <= f64::from(radius_km)).then(|| {
                (
                    store.id.clone(),
                    NearPickupView {
                        store_id: store.id,
                        store_name: store.name,
                        city: store.city,
                        shop_id: store.shop_id,
                        preparation_minutes: store.preparation_minutes,
                        distance_km: km,
                    },
                )
            })
        })
        .collect()
}

/// The offers of `product_ids` that the search's filters keep, as (offer, product).
pub async fn offers_on_page(
    db: &Db,
    scope: &Scope<'_>,
    product_ids: &[String],
) -> Result<Vec<(String, String)>, StoreError> {
    if product_ids.is_empty() {
        return Ok(Vec::new());
    }
    let on_page = Scope {
        product_ids: Some(product_ids),
        ..*scope
    };
    let mut sql = SqlBuilder::new(db.backend());
    on_page.push_ctes(&mut sql, true);
    sql.push(" SELECT offer_id, product_id FROM hit_offers");
    let mut pairs = Vec::new();
    for row in db.conn().query_all_raw(sql.build()).await? {
        pairs.push((row.try_get_by_index(0)?, row.try_get_by_index(1)?));
    }
    Ok(pairs)
}

/// The nearest store in `reach` that holds a free unit of one of `offers` (offer,
/// product) now, per product. Only the listed offers count, so a card never points at a
/// store whose offer the search's other filters left out.
pub async fn nearest_per_product(
    db: &Db,
    offers: &[(String, String)],
    reach: &HashMap<String, NearPickupView>,
) -> Result<HashMap<String, NearPickupView>, StoreError> {
    if offers.is_empty() || reach.is_empty() {
        return Ok(HashMap::new());
    }
    let product_of: HashMap<&str, &str> = offers
        .iter()
        .map(|(offer_id, product_id)| (offer_id.as_str(), product_id.as_str()))
        .collect();
    let levels = stock_levels::Entity::find()
        .filter(stock_levels::Column::OfferId.is_in(product_of.keys().copied()))
        .filter(stock_levels::Column::LocationId.is_in(reach.keys().cloned()))
        .all(db.conn())
        .await?;
    let mut nearest: HashMap<String, NearPickupView> = HashMap::new();
    for level in levels
        .iter()
        .filter(|level| level.quantity > level.reserved)
    {
        let (Some(product_id), Some(store)) = (
            product_of.get(level.offer_id.as_str()),
            reach.get(&level.location_id),
        ) else {
            continue;
        };
        let closer = nearest
            .get(*product_id)
            .is_none_or(|known| store.distance_km < known.distance_km);
        if closer {
            nearest.insert((*product_id).to_owned(), store.clone());
        }
    }
    Ok(nearest)
}

/// A store as a card shows it: distance rounded to one decimal.
pub fn shown(store: NearPickupView) -> NearPickupView {
    NearPickupView {
        distance_km: rounded_km(store.distance_km),
        ..store
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;

    fn store(id: &str, postcode: &str, at: Option<(f64, f64)>) -> locations::Model {
        locations::Model {
            id: id.to_owned(),
            shop_id: "shop".to_owned(),
            name: format!("Store {id}"),
            kind: "store".to_owned(),
            address: String::new(),
            postcode: postcode.to_owned(),
            city: String::new(),
            latitude: at.map(|(lat, _)| lat),
            longitude: at.map(|(_, lon)| lon),
            opening_hours: String::new(),
            pickup: true,
            preparation_minutes: 120,
            created_at: Utc::now(),
        }
    }

    #[test]
    fn stores_beyond_the_radius_and_of_unknown_place_are_out_of_reach() {
        let paris = coordinates_of_postcode("75011").expect("Paris");
        let stores = vec![
            store("bastille", "75011", None),
            // Évry, about 27 km from the 11th arrondissement.
            store("evry", "91000", None),
            store("lyon", "69001", None),
            store("nowhere", "00000", None),
            // Saved coordinates win over the postcode: this "Lyon" store is in Paris.
            store("moved", "69002", Some((48.8566, 2.3522))),
        ];
        let near = within(paris, 30, stores.clone());
        let mut ids: Vec<&str> = near.keys().map(String::as_str).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["bastille", "evry", "moved"]);
        assert!(near["bastille"].distance_km < 1.0);

        let mut closer: Vec<String> = within(paris, 10, stores).into_keys().collect();
        closer.sort_unstable();
        assert_eq!(closer, ["bastille", "moved"]);
    }
}
