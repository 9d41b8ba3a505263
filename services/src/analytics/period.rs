//! The days a figure covers: whole UTC days ending today, so that "the last 30 days" is
//! 30 calendar days, today included, and a daily series has exactly one entry per day.

use chrono::{DateTime, Days, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use crate::StoreError;
use crate::db::statement;

/// The days a seller's dashboard covers.
pub const DASHBOARD_DAYS: u32 = 30;

/// `?days=` of the platform figures: the default and the bounds.
pub const DEFAULT_KPI_DAYS: u32 = 30;
pub const MAX_KPI_DAYS: u32 = 365;

/// One day's paid orders and what they were worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayTotal {
    pub date: NaiveDate,
    pub orders: u64,
    pub revenue_cents: i64,
}

/// `days` whole UTC days, the last of them today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    first_day: NaiveDate,
    days: u32,
}

impl Period {
    /// The `days` days ending on the day of `now` (at least one).
    pub fn ending_at(now: DateTime<Utc>, days: u32) -> Self {
        let days = days.max(1);
        let today = now.date_naive();
        Period {
            first_day: today
                .checked_sub_days(Days::new(u64::from(days - 1)))
                .unwrap_or(NaiveDate::MIN),
            days,
        }
    }

    pub fn days(&self) -> u32 {
        self.days
    }

    /// Midnight UTC of the first day: rows at or after it are in the period.
    pub fn start(&self) -> DateTime<Utc> {
        self.first_day.and_time(chrono::NaiveTime::MIN).and_utc()
    }

    /// One entry per day of the period, oldest first: the totals found, zero elsewhere.
    /// Totals outside the period are ignored.
    pub fn zero_filled(&self, found: &[DayTotal]) -> Vec<DayTotal> {
        self.first_day
            .iter_days()
            .take(self.days as usize)
            .map(|date| {
                found
                    .iter()
                    .find(|total| total.date == date)
                    .copied()
                    .unwrap_or(DayTotal {
                        date,
                        orders: 0,
                        revenue_cents: 0,
                    })
            })
            .collect()
    }
}

#[derive(FromQueryResult)]
struct DayRow {
    day: String,
    orders: i64,
    revenue_cents: i64,
}

/// Runs `sql`, which selects `day` (`YYYY-MM-DD`), `orders` and `revenue_cents` per day.
pub(super) async fn day_totals(
    conn: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> Result<Vec<DayTotal>, StoreError> {
    let rows = DayRow::find_by_statement(statement(conn.get_database_backend(), sql, values))
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(DayTotal {
                date: NaiveDate::parse_from_str(&row.day, "%Y-%m-%d").ok()?,
                orders: u64::try_from(row.orders).unwrap_or(0),
                revenue_cents: row.revenue_cents,
            })
        })
        .collect())
}

/// `?days=` as typed: absent means [`DEFAULT_KPI_DAYS`]; otherwise a whole number from 1
/// to [`MAX_KPI_DAYS`], or a 422 naming `days`.
pub fn parse_days(raw: Option<&str>) -> Result<u32, StoreError> {
    let Some(raw) = raw.map(str::trim) else {
        return Ok(DEFAULT_KPI_DAYS);
    };
    raw.parse::<u32>()
        .ok()
        .filter(|days| (1..=MAX_KPI_DAYS).contains(days))
        .ok_or_else(|| StoreError::Invalid {
            code: "invalid_parameter",
            message: format!("days is a whole number of days from 1 to {MAX_KPI_DAYS}"),
            field: Some("days"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("a valid timestamp")
            .with_timezone(&Utc)
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a valid date")
    }

    #[test]
    fn thirty_days_end_today_and_start_at_midnight_twenty_nine_days_before() {
        let period = Period::ending_at(at("2026-11-24T15:30:00Z"), 30);
        assert_eq!(period.start(), at("2026-10-26T00:00:00Z"));
        let one_day = Period::ending_at(at("2026-11-24T00:00:00Z"), 1);
        assert_eq!(one_day.start(), at("2026-11-24T00:00:00Z"));
    }

    #[test]
    fn a_series_has_one_entry_per_day_with_zeros_where_nothing_sold() {
        let period = Period::ending_at(at("2026-11-24T10:00:00Z"), 4);
        let found = [
            DayTotal {
                date: day("2026-11-22"),
                orders: 2,
                revenue_cents: 3_700,
            },
            DayTotal {
                date: day("2026-11-24"),
                orders: 1,
                revenue_cents: 1_200,
            },
            // Outside the period: ignored.
            DayTotal {
                date: day("2026-11-01"),
                orders: 9,
                revenue_cents: 9_999,
            },
        ];
        let series = period.zero_filled(&found);
        let flat: Vec<(String, u64, i64)> = series
            .iter()
            .map(|total| (total.date.to_string(), total.orders, total.revenue_cents))
            .collect();
        assert_eq!(
            flat,
            vec![
                ("2026-11-21".to_owned(), 0, 0),
                ("2026-11-22".to_owned(), 2, 3_700),
                ("2026-11-23".to_owned(), 0, 0),
                ("2026-11-24".to_owned(), 1, 1_200),
            ]
        );
    }

    #[test]
    fn days_defaults_to_thirty_and_refuses_what_is_not_one_to_365() {
        assert_eq!(parse_days(None).ok(), Some(30));
        assert_eq!(parse_days(Some("7")).ok(), Some(7));
        assert_eq!(parse_days(Some("365")).ok(), Some(365));
        for bad in ["0", "366", "-1", "abc", "", "7.5"] {
            match parse_days(Some(bad)) {
                Err(StoreError::Invalid { field, .. }) => assert_eq!(field, Some("days"), "{bad}"),
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
    }
}
