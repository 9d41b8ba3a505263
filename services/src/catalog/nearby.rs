//! Pickup stores near a shopper: where a store is, how far it is from a place, and each
//! offer's stores ranked nearest first. Pure: the places come with the rows.

use std::cmp::Ordering;

use domain::geo::{Coordinates, coordinates_of_postcode, distance_km};

use super::views::{PickupStoreView, ProductPageView};

/// Where a location is: the coordinates it was saved with, else its postcode's (the
/// bundled table, approximate), else unknown.
pub fn place_of(
    latitude: Option<f64>,
    longitude: Option<f64>,
    postcode: &str,
) -> Option<Coordinates> {
    match (latitude, longitude) {
        (Some(latitude), Some(longitude))
            if (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude) =>
        {
            Some(Coordinates {
                latitude,
                longitude,
            })
        }
        _ => coordinates_of_postcode(postcode),
    }
}

/// Kilometres as the API and the pages give them: one decimal (`2.4`).
pub fn rounded_km(km: f64) -> f64 {
    (km * 10.0).round() / 10.0
}

/// `stores` nearest to `origin` first, each with its exact distance in kilometres. Stores
/// whose place is unknown come last; ties and unknowns keep the order they came in.
pub fn rank_from<T>(
    stores: Vec<T>,
    origin: Coordinates,
    place: impl Fn(&T) -> Option<Coordinates>,
) -> Vec<(T, Option<f64>)> {
    let mut ranked: Vec<(T, Option<f64>)> = stores
        .into_iter()
        .map(|store| {
            let km = place(&store).map(|at| distance_km(origin, at));
            (store, km)
        })
        .collect();
    // A stable sort: equal keys keep their order.
    ranked.sort_by(|(_, a), (_, b)| match (a, b) {
        (Some(a), Some(b)) => a.total_cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    ranked
}

/// Ranks each offer's pickup stores from `origin`, nearest first, with their distance
/// rounded to one decimal.
pub fn rank_pickup_stores(product: &mut ProductPageView, origin: Coordinates) {
    for offer in &mut product.offers {
        let stores = std::mem::take(&mut offer.pickup_stores);
        offer.pickup_stores = rank_from(stores, origin, |store: &PickupStoreView| store.place)
            .into_iter()
            .map(|(store, km)| PickupStoreView {
                distance_km: km.map(rounded_km),
                ..store
            })
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use domain::geo::{Coordinates, coordinates_of_postcode};

    use super::{place_of, rank_from, rounded_km};

    fn at(postcode: &str) -> Option<Coordinates> {
        coordinates_of_postcode(postcode)
    }

    #[test]
    fn stores_come_nearest_first_and_unknown_places_last() {
        let stores = vec![
            ("Lyon", at("69002")),
            ("Nowhere", None),
            ("Bastille", at("75011")),
            ("Louvre", at("75001")),
            ("Lille", at("59000")),
        ];
        let origin = at("75011").expect("Paris 11e");
        let ranked = rank_from(stores, origin, |store| store.1);
        let names: Vec<&str> = ranked.iter().map(|(store, _)| store.0).collect();
        assert_eq!(names, ["Bastille", "Louvre", "Lille", "Lyon", "Nowhere"]);
        assert_eq!(ranked[0].1, Some(0.0));
        assert!(ranked[1].1.is_some_and(|km| km > 0.0 && km < 5.0));
        assert_eq!(ranked[4].1, None);
    }

    #[test]
    fn ranking_keeps_the_order_of_ties_and_of_unknown_places() {
        let paris = at("75001");
        let stores = vec![("b", None), ("x", paris), ("a", None), ("y", paris)];
        let ranked = rank_from(stores, paris.expect("Paris"), |store| store.1);
        let names: Vec<&str> = ranked.iter().map(|(store, _)| store.0).collect();
        assert_eq!(names, ["x", "y", "b", "a"]);
    }

    #[test]
    fn a_place_is_the_saved_one_else_the_postcode_s() {
        let saved = place_of(Some(48.85), Some(2.37), "69002").expect("saved");
        assert_eq!(saved.latitude, 48.85);
        let from_postcode = place_of(None, Some(2.0), "69002").expect("Lyon");
        assert_eq!(Some(from_postcode), at("69002"));
        assert_eq!(place_of(Some(120.0), Some(2.0), "xx"), None);
    }

    #[test]
    fn kilometres_keep_one_decimal() {
        assert_eq!(rounded_km(2.449), 2.4);
        assert_eq!(rounded_km(2.45), 2.5);
        assert_eq!(rounded_km(0.04), 0.0);
    }
}
