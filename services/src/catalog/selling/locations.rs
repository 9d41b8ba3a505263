//! A shop's warehouses and stores.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};

use super::{bounded, required};
use crate::db::entity::locations;
use crate::{Db, StoreError, new_id, now};

/// A location as typed.
#[derive(Debug, Clone)]
pub struct LocationInput {
    pub name: String,
    pub kind: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    pub pickup: bool,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub opening_hours: String,
    pub preparation_minutes: i32,
}

fn check_location(input: &LocationInput) -> Result<(), StoreError> {
    required(&input.name, "name", 80)?;
    required(&input.address, "address", 200)?;
    required(&input.city, "city", 80)?;
    bounded(&input.opening_hours, "opening_hours", 200)?;
    if input.kind != "warehouse" && input.kind != "store" {
        return Err(StoreError::Invalid {
            code: "kind_invalid",
            message: "kind is warehouse or store".into(),
            field: Some("kind"),
        });
    }
    if input.postcode.len() != 5 || !input.postcode.bytes().all(|b| b.is_ascii_digit()) {
        return Err(StoreError::Invalid {
            code: "postcode_invalid",
            message: "a French postcode has 5 digits".into(),
            field: Some("postcode"),
        });
    }
    if input.pickup && input.kind != "store" {
        return Err(StoreError::Invalid {
            code: "pickup_needs_store",
            message: "only a store serves pickups".into(),
            field: Some("pickup"),
        });
    }
    if input
        .latitude
        .is_some_and(|lat| !(-90.0..=90.0).contains(&lat))
    {
        return Err(StoreError::Invalid {
            code: "latitude_invalid",
            message: "latitude is between -90 and 90".into(),
            field: Some("latitude"),
        });
    }
    if input
        .longitude
        .is_some_and(|lon| !(-180.0..=180.0).contains(&lon))
    {
        return Err(StoreError::Invalid {
            code: "longitude_invalid",
            message: "longitude is between -180 and 180".into(),
            field: Some("longitude"),
        });
    }
    if !(0..=10_080).contains(&input.preparation_minutes) {
        return Err(StoreError::Invalid {
            code: "preparation_invalid",
            message: "preparation time is 0 to 10,080 minutes".into(),
            field: Some("preparation_minutes"),
        });
    }
    Ok(())
}

/// The shop's locations.
pub async fn list_locations(db: &Db, shop_id: &str) -> Result<Vec<locations::Model>, StoreError> {
    Ok(locations::Entity::find()
        .filter(locations::Column::ShopId.eq(shop_id.to_owned()))
        .order_by_asc(locations::Column::Name)
        .all(db.conn())
        .await?)
}

/// Coordinates as entered, else from the bundled postcode table.
fn coordinates(input: &LocationInput) -> (Option<f64>, Option<f64>) {
    match (input.latitude, input.longitude) {
        (Some(latitude), Some(longitude)) => (Some(latitude), Some(longitude)),
        _ => domain::geo::coordinates_of_postcode(&input.postcode)
            .map_or((None, None), |c| (Some(c.latitude), Some(c.longitude))),
    }
}

/// Adds a location to the shop.
pub async fn create_location(
    db: &Db,
    shop_id: &str,
    input: LocationInput,
) -> Result<locations::Model, StoreError> {
    check_location(&input)?;
    let (latitude, longitude) = coordinates(&input);
    Ok(locations::ActiveModel {
        id: Set(new_id()),
        shop_id: Set(shop_id.to_owned()),
        name: Set(input.name.trim().to_owned()),
        kind: Set(input.kind),
        address: Set(input.address.trim().to_owned()),
        postcode: Set(input.postcode),
        city: Set(input.city.trim().to_owned()),
        latitude: Set(latitude),
        longitude: Set(longitude),
        opening_hours: Set(input.opening_hours.trim().to_owned()),
        pickup: Set(input.pickup),
        preparation_minutes: Set(input.preparation_minutes),
        created_at: Set(now()),
    }
    .insert(db.writer())
    .await?)
}

/// Replaces a location's details; another shop's location is not found.
pub async fn update_location(
    db: &Db,
    shop_id: &str,
    location_id: &str,
    input: LocationInput,
) -> Result<locations::Model, StoreError> {
    check_location(&input)?;
    let (latitude, longitude) = coordinates(&input);
    let existing = own_location(db, shop_id, location_id).await?;
    let mut row: locations::ActiveModel = existing.into();
    row.name = Set(input.name.trim().to_owned());
    row.kind = Set(input.kind);
    row.address = Set(input.address.trim().to_owned());
    row.postcode = Set(input.postcode);
    row.city = Set(input.city.trim().to_owned());
    row.latitude = Set(latitude);
    row.longitude = Set(longitude);
    row.opening_hours = Set(input.opening_hours.trim().to_owned());
    row.pickup = Set(input.pickup);
    row.preparation_minutes = Set(input.preparation_minutes);
    let updated = row.update(db.writer()).await?;
    // Product pages list a store's name, hours and pickup with its stock.
    crate::catalog::answers::stock_changed();
    Ok(updated)
}

pub(super) async fn own_location(
    db: &Db,
    shop_id: &str,
    location_id: &str,
) -> Result<locations::Model, StoreError> {
    locations::Entity::find_by_id(location_id.to_owned())
        .filter(locations::Column::ShopId.eq(shop_id.to_owned()))
        .one(db.conn())
        .await?
        .ok_or(StoreError::NotFound)
}
