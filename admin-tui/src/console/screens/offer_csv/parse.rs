//! Reading a file a seller saved from a spreadsheet: the text (UTF-8, or the Windows
//! encoding Excel writes), the separator (`,`, `;` or tab), the header, then each line
//! checked here (what the server checks beyond is reported per line after the import).

use std::collections::BTreeMap;

use api_types::selling::Location;

pub use super::cells::decode;
use super::cells::{check_condition, check_gtin, check_status, unguard};
use super::{Column, LineError, STOCK_PREFIX, gtin_key};
use crate::console::screens::money::parse_euros;

/// The most units a stock cell may hold (a typo guard; the server has its own limits).
const MOST_UNITS: i64 = 1_000_000;
/// The longest delivery the server accepts, in days.
const MOST_DAYS: u32 = 60;

/// An offer line that passed the checks made here. `None` leaves a value as it is (or, for
/// a new offer, to its default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferLine {
    /// The line in the file.
    pub line: u64,
    /// The GTIN as typed, without spaces or dashes.
    pub gtin: String,
    /// The condition's API value (`new` when the cell is empty).
    pub condition: String,
    /// The product's title.
    pub title: Option<String>,
    /// The product's brand.
    pub brand: Option<String>,
    /// The product's category slug.
    pub category: Option<String>,
    /// The price in cents.
    pub price_cents: i64,
    /// The delivery price in cents.
    pub delivery_price_cents: Option<i64>,
    /// Days to deliver.
    pub delivery_days: Option<u32>,
    /// `active` or `inactive`.
    pub status: Option<String>,
    /// What a buyer should know.
    pub description: Option<String>,
    /// The units to have at each location, as (location id, its column, quantity).
    pub stock: Vec<StockCell>,
}

/// One filled stock cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockCell {
    /// The location.
    pub location_id: String,
    /// The column's name, for errors ("stock:Boutique Rivoli").
    pub column: String,
    /// The units wanted there.
    pub quantity: i64,
}

/// A file read: the lines to apply, the lines refused, the columns not understood.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    /// The lines that passed the checks, in file order.
    pub lines: Vec<OfferLine>,
    /// One error per refused line (or per cell, when several are wrong).
    pub errors: Vec<LineError>,
    /// Header cells that name no column (left alone; a typo shows here).
    pub ignored: Vec<String>,
}

/// Why a whole file is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// Nothing in it.
    #[error("The file is empty: it needs a header row (gtin, price…) and a line per offer.")]
    Empty,
    /// A column every line needs is missing from the header.
    #[error("The header has no “{0}” column; see docs/csv-import.md for the columns.")]
    MissingColumn(&'static str),
    /// A column appears twice.
    #[error("The header has “{0}” twice.")]
    DuplicateColumn(String),
    /// A stock column names no location of the shop.
    #[error("Column “{column}”: no location of yours has this name or id (yours: {known}).")]
    UnknownLocation {
        /// The header cell.
        column: String,
        /// The shop's location names.
        known: String,
    },
    /// The CSV reader gave up.
    #[error("The file cannot be read as CSV: {0}")]
    Unreadable(String),
}

/// Reads `text` (see [`decode`]) against the shop's `locations`.
pub fn parse(text: &str, locations: &[Location]) -> Result<Parsed, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(text))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|error| FileError::Unreadable(error.to_string()))?
        .clone();
    let columns = Columns::read(&header, locations)?;
    let mut parsed = Parsed {
        ignored: columns.ignored.clone(),
        ..Parsed::default()
    };
    let mut seen: BTreeMap<(String, String), u64> = BTreeMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |at| line_at(text, at));
                parsed
                    .errors
                    .push(LineError::line(line, format!("unreadable: {error}")));
                continue;
            }
        };
        let line = record.position().map_or(0, |at| line_at(text, at));
        // Spreadsheets save trailing empty rows as lines of separators.
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() > header.len() {
            parsed.errors.push(LineError::line(
                line,
                format!(
                    "{} cells for {} columns — a decimal comma in a comma-separated file needs \
                     quotes (\"12,50\"), or save the file with ; between cells",
                    record.len(),
                    header.len()
                ),
            ));
            continue;
        }
        match columns.offer_line(line, &record) {
            Ok(offer) => {
                let key = (gtin_key(&offer.gtin), offer.condition.clone());
                if let Some(first) = seen.get(&key) {
                    parsed.errors.push(LineError::line(
                        line,
                        format!("same GTIN and condition as line {first}: one line per offer"),
                    ));
                    continue;
                }
                seen.insert(key, line);
                parsed.lines.push(offer);
            }
            Err(errors) => parsed.errors.extend(errors),
        }
    }
    Ok(parsed)
}

/// The line a record starts on, as a spreadsheet numbers rows (from 1). Counted from its
/// byte offset: the reader's own line count is one short after Windows line ends.
fn line_at(text: &str, position: &csv::Position) -> u64 {
    let offset = usize::try_from(position.byte()).unwrap_or(usize::MAX);
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    // The offset may fall before the end of the previous line's "\r\n".
    let rest = text.get(before.len()..).unwrap_or_default();
    let skipped = rest.len() - rest.trim_start_matches(['\r', '\n']).len();
    let start = text.get(..before.len() + skipped).unwrap_or(text);
    1 + start.bytes().filter(|byte| *byte == b'\n').count() as u64
}

/// The separator the header row uses most: `,`, `;` (French spreadsheets, whose decimal
/// comma takes the comma) or a tab; the comma when none is there (a single column).
fn separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    let count = |separator: u8| header.bytes().filter(|byte| *byte == separator).count();
    let mut best = b',';
    for candidate in [b';', b'\t'] {
        if count(candidate) > count(best) {
            best = candidate;
        }
    }
    best
}

/// Where each column is in the header.
struct Columns {
    offer: [Option<usize>; Column::ALL.len()],
    stock: Vec<(usize, String, String)>,
    ignored: Vec<String>,
}

impl Columns {
    fn read(header: &csv::StringRecord, locations: &[Location]) -> Result<Self, FileError> {
        let mut columns = Self {
            offer: [None; Column::ALL.len()],
            stock: Vec::new(),
            ignored: Vec::new(),
        };
        for (index, cell) in header.iter().enumerate() {
            let name = cell.trim().to_lowercase().replace([' ', '-'], "_");
            if let Some(at) = Column::ALL.iter().position(|column| column.name() == name) {
                if columns.offer[at].replace(index).is_some() {
                    return Err(FileError::DuplicateColumn(cell.to_owned()));
                }
            } else if let Some(wanted) = strip_prefix_ignore_case(cell.trim(), STOCK_PREFIX) {
                let location = find_location(locations, wanted.trim()).ok_or_else(|| {
                    FileError::UnknownLocation {
                        column: cell.to_owned(),
                        known: location_names(locations),
                    }
                })?;
                if columns.stock.iter().any(|(_, id, _)| *id == location.id) {
                    return Err(FileError::DuplicateColumn(cell.to_owned()));
                }
                columns
                    .stock
                    .push((index, location.id.clone(), cell.trim().to_owned()));
            } else if !cell.trim().is_empty() {
                columns.ignored.push(cell.to_owned());
            }
        }
        for required in [Column::Gtin, Column::Price] {
            if columns.at(required).is_none() {
                return Err(FileError::MissingColumn(required.name()));
            }
        }
        Ok(columns)
    }

    fn at(&self, column: Column) -> Option<usize> {
        Column::ALL
            .iter()
            .position(|c| *c == column)
            .and_then(|index| self.offer[index])
    }

    /// The cell of `column`, spreadsheet-formula guard removed ("" when absent).
    fn cell<'a>(&self, record: &'a csv::StringRecord, column: Column) -> &'a str {
        self.at(column)
            .and_then(|index| record.get(index))
            .map_or("", unguard)
    }

    /// The cell of `column`, `None` when empty or absent.
    fn text(&self, record: &csv::StringRecord, column: Column) -> Option<String> {
        Some(self.cell(record, column))
            .filter(|text| !text.is_empty())
            .map(str::to_owned)
    }

    fn offer_line(
        &self,
        line: u64,
        record: &csv::StringRecord,
    ) -> Result<OfferLine, Vec<LineError>> {
        let mut errors = Vec::new();
        let mut refuse = |column: Column, message: String| {
            errors.push(LineError::at(line, column.name(), message));
        };
        let gtin = check_gtin(self.cell(record, Column::Gtin))
            .map_err(|message| refuse(Column::Gtin, message))
            .unwrap_or_default();
        let condition = check_condition(self.cell(record, Column::Condition))
            .map_err(|message| refuse(Column::Condition, message))
            .unwrap_or_default();
        let price_cents = match parse_euros(self.cell(record, Column::Price)) {
            Ok(0) => {
                refuse(Column::Price, "must be more than 0,00 €".to_owned());
                0
            }
            Ok(cents) => cents,
            Err(error) => {
                refuse(Column::Price, error.to_string());
                0
            }
        };
        let delivery_price_cents = match self.cell(record, Column::DeliveryPrice) {
            "" => None,
            text => parse_euros(text)
                .map_err(|error| refuse(Column::DeliveryPrice, error.to_string()))
                .ok(),
        };
        let delivery_days = match self.cell(record, Column::DeliveryDays) {
            "" => None,
            text => text
                .parse::<u32>()
                .ok()
                .filter(|days| *days <= MOST_DAYS)
                .or_else(|| {
                    refuse(
                        Column::DeliveryDays,
                        format!("a whole number of days, 0 to {MOST_DAYS}"),
                    );
                    None
                }),
        };
        let status = check_status(self.cell(record, Column::Status))
            .map_err(|message| refuse(Column::Status, message))
            .unwrap_or_default();
        let mut stock = Vec::new();
        for (index, location_id, column) in &self.stock {
            let text = record.get(*index).map_or("", unguard);
            if text.is_empty() {
                continue;
            }
            match text.parse::<i64>() {
                Ok(quantity) if (0..=MOST_UNITS).contains(&quantity) => stock.push(StockCell {
                    location_id: location_id.clone(),
                    column: column.clone(),
                    quantity,
                }),
                _ => errors.push(LineError::at(
                    line,
                    column.clone(),
                    "a whole number of units, 0 or more (empty leaves it as it is)",
                )),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(OfferLine {
            line,
            gtin,
            condition,
            title: self.text(record, Column::Title),
            brand: self.text(record, Column::Brand),
            category: self.text(record, Column::Category),
            price_cents,
            delivery_price_cents,
            delivery_days,
            status,
            description: self.text(record, Column::Description),
            stock,
        })
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// The location named `wanted` (any case), or with that id.
fn find_location<'a>(locations: &'a [Location], wanted: &str) -> Option<&'a Location> {
    let folded = wanted.to_lowercase();
    locations
        .iter()
        .find(|location| location.name.trim().to_lowercase() == folded)
        .or_else(|| locations.iter().find(|location| location.id == wanted))
}

fn location_names(locations: &[Location]) -> String {
    match locations {
        [] => "none yet — add them on 4 Locations".to_owned(),
        locations => locations
            .iter()
            .map(|location| location.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    }
}
