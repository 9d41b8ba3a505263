//! What the till's store can do with each of the shopper's lines: hand it over now, order
//! it from elsewhere (the endless aisle), or nothing (sold out, price changed…).
//!
//! This only sorts what the server said (each line's state and the free units per
//! location) for the screen and for the lines a sale names; the server decides the sale.

use api_types::omnichannel::TillLine;
use api_types::selling::Location;

/// What the till's store can do with one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Serve {
    /// This store holds the whole quantity: handed over now.
    Here,
    /// The shop holds it, but not this store (not all of it): ordered for the shopper.
    Elsewhere,
    /// It cannot be sold as it is; why, in a few words ("sold out", "price changed").
    No(String),
}

/// Units free at `store_id` (none when the store holds none).
pub fn here(line: &TillLine, store_id: Option<&str>) -> i64 {
    line.stock
        .iter()
        .filter(|stock| Some(stock.location_id.as_str()) == store_id)
        .map(|stock| stock.available.max(0))
        .sum()
}

/// Units free at the shop's other locations, warehouses included.
pub fn elsewhere(line: &TillLine, store_id: Option<&str>) -> i64 {
    line.stock
        .iter()
        .filter(|stock| Some(stock.location_id.as_str()) != store_id)
        .map(|stock| stock.available.max(0))
        .sum()
}

/// What the store `store_id` can do with `line`.
pub fn serve(line: &TillLine, store_id: Option<&str>) -> Serve {
    let item = &line.item;
    match item.state.as_str() {
        "ok" if here(line, store_id) >= i64::from(item.quantity) => Serve::Here,
        "ok" => Serve::Elsewhere,
        "sold_out" => Serve::No("sold out".to_owned()),
        "low_stock" => Serve::No(format!("only {} left", item.available)),
        "price_changed" => Serve::No("price changed".to_owned()),
        "unavailable" => Serve::No("no longer on sale".to_owned()),
        other => Serve::No(other.replace('_', " ")),
    }
}

/// The lines `store_id` can serve as `wanted`.
pub fn serving<'a>(
    lines: &'a [TillLine],
    store_id: Option<&str>,
    wanted: &Serve,
) -> Vec<&'a TillLine> {
    lines
        .iter()
        .filter(|line| serve(line, store_id) == *wanted)
        .collect()
}

/// How many units and how much `lines` come to.
pub fn units_and_cents(lines: &[&TillLine]) -> (u64, i64) {
    lines.iter().fold((0, 0), |(units, cents), line| {
        (
            units + u64::from(line.item.quantity),
            cents + line.item.line_cents,
        )
    })
}

/// "1 item", "3 items".
pub fn items(count: u64) -> String {
    match count {
        1 => "1 item".to_owned(),
        n => format!("{n} items"),
    }
}

/// "1 line", "2 lines".
pub fn line_count(count: usize) -> String {
    match count {
        1 => "1 line".to_owned(),
        n => format!("{n} lines"),
    }
}

/// The shop's stores other than `till` that serve pickups and hold every one of `lines`
/// whole, as (id, "Name (City)"): where an endless-aisle order can wait for the shopper.
pub fn pickup_stores(
    locations: &[Location],
    till: Option<&str>,
    lines: &[&TillLine],
) -> Vec<(String, String)> {
    locations
        .iter()
        .filter(|location| location.kind == "store" && location.pickup)
        .filter(|store| Some(store.id.as_str()) != till)
        .filter(|store| {
            lines
                .iter()
                .all(|line| here(line, Some(&store.id)) >= i64::from(line.item.quantity))
        })
        .map(|store| (store.id.clone(), format!("{} ({})", store.name, store.city)))
        .collect()
}
