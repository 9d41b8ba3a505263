//! Where else a pickup could be served: when the store a shopper chose lacks the units,
//! the shop's other pickup stores that hold them now, nearest to the refused store first.
//! Read inside the checkout's transaction, so it sees the stock the refusal saw.

use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use crate::StoreError;
use crate::catalog::nearby::{place_of, rank_from};
use crate::db::statement;
use crate::error::StoreSuggestion;

/// At most this many stores are suggested: an error body stays small.
const MAX_SUGGESTIONS: usize = 10;

#[derive(Debug, FromQueryResult)]
struct StoreRow {
    id: String,
    name: String,
    city: String,
    postcode: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    available: i64,
}

#[derive(Debug, FromQueryResult)]
struct Place {
    postcode: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

/// The pickup stores other than `refused_store` with at least `quantity` units of
/// `offer_id` free now (stock rows of an offer are its shop's), nearest to
/// `refused_store` first; by city and name when its place is unknown.
pub async fn stores_with(
    conn: &impl ConnectionTrait,
    offer_id: &str,
    refused_store: &str,
    quantity: i64,
) -> Result<Vec<StoreSuggestion>, StoreError> {
    let backend = conn.get_database_backend();
    let rows = StoreRow::find_by_statement(statement(
        backend,
        "SELECT l.id, l.name, l.city, l.postcode, l.latitude, l.longitude, \
         CAST(sl.quantity - sl.reserved AS BIGINT) AS available \
         FROM stock_levels sl JOIN locations l ON l.id = sl.location_id \
         WHERE sl.offer_id = ? AND l.id <> ? AND l.kind = 'store' AND l.pickup \
         AND sl.quantity - sl.reserved >= ? ORDER BY l.city, l.name, l.id",
        [
            Value::from(offer_id.to_owned()),
            refused_store.to_owned().into(),
            quantity.into(),
        ],
    ))
    .all(conn)
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let origin = Place::find_by_statement(statement(
        backend,
        "SELECT postcode, latitude, longitude FROM locations WHERE id = ?",
        [Value::from(refused_store.to_owned())],
    ))
    .one(conn)
    .await?
    .and_then(|at| place_of(at.latitude, at.longitude, &at.postcode));
    let rows = match origin {
        Some(origin) => rank_from(rows, origin, |row| {
            place_of(row.latitude, row.longitude, &row.postcode)
        })
        .into_iter()
        .map(|(row, _)| row)
        .collect(),
        None => rows,
    };
    Ok(rows
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|row| StoreSuggestion {
            id: row.id,
            name: row.name,
            city: row.city,
            postcode: row.postcode,
            available: row.available,
        })
        .collect())
}
