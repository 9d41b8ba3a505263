//! Writing the shop's offers and stock in the import's columns, so that a seller can
//! export, edit in a spreadsheet and import again.

use api_types::selling::{Location, SellerOffer};

use super::cells::unguard;
use super::{Column, STOCK_PREFIX, gtin_display};
use crate::console::screens::money::plain_euros;

/// The file for `offers` with a stock column per location: UTF-8 with a byte-order mark
/// (without it Excel reads accents as Windows-1252), comma-separated, amounts with a
/// decimal point, sorted by title then condition. A cell a spreadsheet would run as a
/// formula gets a leading `'` (see [`guard`]).
pub fn export(offers: &[SellerOffer], locations: &[Location]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = Column::ALL.iter().map(|c| c.name().to_owned()).collect();
    header.extend(
        locations
            .iter()
            .map(|location| format!("{STOCK_PREFIX}{}", stock_label(location, locations))),
    );
    let mut rows: Vec<&SellerOffer> = offers.iter().collect();
    rows.sort_by_cached_key(|offer| (offer.title.to_lowercase(), offer.condition.clone()));
    // Writing into a Vec cannot fail; a failure would only lose the row, never panic.
    let _ = writer.write_record(header.iter().map(|cell| guard(cell)));
    for offer in rows {
        let _ = writer.write_record(row(offer, locations).iter().map(|cell| guard(cell)));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// One offer's cells, in header order.
fn row(offer: &SellerOffer, locations: &[Location]) -> Vec<String> {
    let mut cells = vec![
        gtin_display(&offer.gtin).to_owned(),
        offer.condition.clone(),
        offer.title.clone(),
        offer.brand.clone(),
        offer.category.clone(),
        decimal(offer.price_cents),
        decimal(offer.delivery_price_cents),
        offer.delivery_days.to_string(),
        offer.status.clone(),
        offer.description.clone(),
    ];
    cells.extend(locations.iter().map(|location| {
        offer
            .stock
            .iter()
            .find(|line| line.location_id == location.id)
            .map_or_else(String::new, |line| line.quantity.to_string())
    }));
    cells
}

/// A location's name in its column header; its id when another location has the same name
/// (the import must find each column's location again).
fn stock_label(location: &Location, locations: &[Location]) -> String {
    let twins = locations
        .iter()
        .filter(|other| other.name.trim().eq_ignore_ascii_case(location.name.trim()))
        .count();
    if twins > 1 || location.name.trim().is_empty() {
        location.id.clone()
    } else {
        location.name.trim().to_owned()
    }
}

/// "104.90" for 10490: a decimal point, which every spreadsheet reads in a comma-separated
/// file (the import takes a comma too).
fn decimal(cents: i64) -> String {
    plain_euros(cents).replacen(',', ".", 1)
}

/// `cell` made safe to open in a spreadsheet: one starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return would be run as a formula (CSV injection), so it gets a leading
/// `'`, which spreadsheets show as text and the import removes again. A cell the import
/// would take for a guarded one (`'=…`, `''…`) is guarded too, so it comes back as typed.
/// The cell is trimmed first, as the import trims it before removing a guard: ` '=x`
/// would otherwise come back as `=x` (found by the round-trip property test).
pub fn guard(cell: &str) -> String {
    let cell = cell.trim();
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) || unguard(cell) != cell {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}
