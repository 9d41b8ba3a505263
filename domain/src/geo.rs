//! Where things are: coordinates from a French postcode (bundled table, no network) and
//! distances between points, to rank stores near a shopper.

mod table;

/// How far a pickup store may be from a shopper who gives no radius, in kilometres.
pub const DEFAULT_PICKUP_RADIUS_KM: u32 = 30;
/// The widest pickup radius a search accepts: beyond it, "near" means nothing.
pub const MAX_PICKUP_RADIUS_KM: u32 = 200;

/// A point on Earth, in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coordinates {
    pub latitude: f64,
    pub longitude: f64,
}

/// Approximate coordinates of a 5-digit French postcode: the arrondissement in Paris,
/// else the département's prefecture. `None` for anything that is not a postcode.
pub fn coordinates_of_postcode(postcode: &str) -> Option<Coordinates> {
    let postcode = postcode.trim();
    if postcode.len() != 5 || !postcode.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(arrondissement) = postcode
        .strip_prefix("750")
        .and_then(|n| n.parse::<usize>().ok())
        && (1..=20).contains(&arrondissement)
    {
        let (latitude, longitude) = table::PARIS[arrondissement - 1];
        return Some(Coordinates {
            latitude,
            longitude,
        });
    }
    let prefix = if postcode.starts_with("97") {
        &postcode[..3]
    } else {
        &postcode[..2]
    };
    // Corsica's postcodes start with 20 for both départements.
    table::DEPARTEMENTS
        .iter()
        .find(|(p, _, _)| *p == prefix)
        .map(|&(_, latitude, longitude)| Coordinates {
            latitude,
            longitude,
        })
}

/// Great-circle distance in kilometres (haversine).
pub fn distance_km(a: Coordinates, b: Coordinates) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0;
    let (lat1, lat2) = (a.latitude.to_radians(), b.latitude.to_radians());
    let d_lat = lat2 - lat1;
    let d_lon = (b.longitude - a.longitude).to_radians();
    let h = (d_lat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (d_lon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::{coordinates_of_postcode, distance_km};

    #[test]
    fn paris_arrondissements_and_departements_are_found() {
        let louvre = coordinates_of_postcode("75001").expect("Paris 1er");
        let bastille = coordinates_of_postcode("75011").expect("Paris 11e");
        assert!(distance_km(louvre, bastille) < 5.0);
        let lyon = coordinates_of_postcode("69002").expect("Lyon");
        assert!(
            (distance_km(louvre, lyon) - 392.0).abs() < 15.0,
            "{}",
            distance_km(louvre, lyon)
        );
        assert!(coordinates_of_postcode("97400").is_some(), "La Réunion");
        assert!(coordinates_of_postcode("7500").is_none());
        assert!(coordinates_of_postcode("99999").is_none());
    }
}
