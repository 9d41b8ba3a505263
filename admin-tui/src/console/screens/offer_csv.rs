//! Offers and stock as a spreadsheet file: the column set (written down for sellers in
//! `docs/csv-import.md`), reading a file a seller edited, writing one, and working out
//! what an import changes. Pure: the file and the server are the caller's business.
//!
//! - `parse`: bytes → text → checked lines, with an error per line refused (`cells`: what
//!   one cell may hold).
//! - `export`: offers and locations → a file in the same columns (spreadsheet formulas
//!   neutralised), so that export → edit → import round-trips.
//! - `plan`: checked lines × the shop's offers → the requests to send, line by line.
//! - `report`: what an import did, as shown and as saved.

mod cells;
pub mod export;
#[cfg(test)]
mod export_tests;
pub mod parse;
#[cfg(test)]
mod parse_tests;
pub mod plan;
#[cfg(test)]
mod plan_tests;
#[cfg(test)]
mod properties_tests;
pub mod report;

use std::fmt;

pub use export::export;
pub use parse::{Parsed, decode, parse};
pub use plan::{OfferChange, Step, plan};
pub use report::ImportReport;

/// The prefix of a stock column: `stock:Boutique Rivoli` holds the units at that location.
pub const STOCK_PREFIX: &str = "stock:";

/// The offer columns, in the order an export writes them (stock columns follow).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The product's GTIN (EAN); with the condition, what finds the offer again.
    Gtin,
    /// `new`, `like_new`, `very_good`, `good` or `acceptable` (labels work too).
    Condition,
    /// The product's title (used when the product is new to Halles).
    Title,
    /// The product's brand (idem).
    Brand,
    /// A category slug (idem).
    Category,
    /// The price in euros, `.` or `,` before the cents.
    Price,
    /// The delivery price in euros.
    DeliveryPrice,
    /// Days to deliver.
    DeliveryDays,
    /// `active` or `inactive`.
    Status,
    /// What a buyer should know.
    Description,
}

impl Column {
    /// Every offer column, in file order.
    pub const ALL: [Self; 10] = [
        Self::Gtin,
        Self::Condition,
        Self::Title,
        Self::Brand,
        Self::Category,
        Self::Price,
        Self::DeliveryPrice,
        Self::DeliveryDays,
        Self::Status,
        Self::Description,
    ];

    /// The column's name in the header row.
    pub fn name(self) -> &'static str {
        match self {
            Self::Gtin => "gtin",
            Self::Condition => "condition",
            Self::Title => "title",
            Self::Brand => "brand",
            Self::Category => "category",
            Self::Price => "price",
            Self::DeliveryPrice => "delivery_price",
            Self::DeliveryDays => "delivery_days",
            Self::Status => "status",
            Self::Description => "description",
        }
    }

    /// The column of an API field, for a server's 422 (`price_cents` is `price` here).
    pub fn of_api_field(field: &str) -> Option<Self> {
        match field {
            "price_cents" => Some(Self::Price),
            "delivery_price_cents" => Some(Self::DeliveryPrice),
            other => Self::ALL.into_iter().find(|column| column.name() == other),
        }
    }
}

/// Something wrong on one line of the file ("line 7: price: must be more than 0,00 €").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The line in the file, as a spreadsheet numbers rows (the header is line 1).
    pub line: u64,
    /// The column at fault, when one is.
    pub column: Option<String>,
    /// What is wrong, for a person.
    pub message: String,
}

impl LineError {
    /// An error about `column` on `line`.
    pub fn at(line: u64, column: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            line,
            column: Some(column.into()),
            message: message.into(),
        }
    }

    /// An error about the whole of `line`.
    pub fn line(line: u64, message: impl Into<String>) -> Self {
        Self {
            line,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(f, "line {}: {column}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// The 14-digit form of a GTIN (what the server stores): spaces and dashes dropped, zeros
/// in front. Codes are matched on it, so "4006381333931" finds "04006381333931".
pub fn gtin_key(gtin: &str) -> String {
    let digits: String = gtin
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    format!("{digits:0>14}")
}

/// A GTIN as printed on a barcode: the 14-digit form without its leading zero (EAN-13).
pub fn gtin_display(gtin: &str) -> &str {
    match gtin.strip_prefix('0') {
        Some(rest) if gtin.len() == 14 => rest,
        _ => gtin,
    }
}
