//! The expressions whose SQL differs between the engines: the UTC day of a timestamp and
//! the minutes between two. SQLite keeps timestamps as RFC 3339 text, which its date
//! functions read (offset included); PostgreSQL has `timestamptz` arithmetic.

use sea_orm::DatabaseBackend;

/// `YYYY-MM-DD`, the UTC day of the timestamp `column`.
pub fn utc_day(backend: DatabaseBackend, column: &str) -> String {
    match backend {
        DatabaseBackend::Postgres => format!("to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')"),
        _ => format!("date({column})"),
    }
}

/// Minutes from `from` to `to` (timestamp columns or a bound `?`), fractional.
pub fn minutes_between(backend: DatabaseBackend, from: &str, to: &str) -> String {
    match backend {
        DatabaseBackend::Postgres => format!("(EXTRACT(EPOCH FROM ({to} - {from})) / 60.0)"),
        _ => format!("((julianday({to}) - julianday({from})) * 1440.0)"),
    }
}

/// `expression` (fractional minutes) rounded to a whole number, `NULL` staying `NULL`;
/// read back as `i64` on both engines.
pub fn whole(expression: &str) -> String {
    format!("CAST(ROUND({expression}) AS BIGINT)")
}
