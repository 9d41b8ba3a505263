//! Rates typed in percent, to integer basis points and back (1 % = 100 bp). No floats:
//! a percent with two decimals is read like an amount with cents.

use super::money::{MoneyError, parse_euros};

/// Why a typed rate is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PercentError {
    /// Nothing typed.
    #[error("Enter a rate in percent, e.g. 2,5")]
    Empty,
    /// A minus sign.
    #[error("A rate cannot be negative")]
    Negative,
    /// Three or more decimals.
    #[error("At most two digits after the comma (0,01 %)")]
    TooPrecise,
    /// Not a number.
    #[error("Write a rate like 5 or 2,5 (percent)")]
    Malformed,
}

/// Parses "5", "2,5", "2.50", "0,25 %" into basis points (500, 250, 250, 25).
pub fn parse_percent(text: &str) -> Result<i64, PercentError> {
    let trimmed = text.trim().trim_end_matches('%').trim();
    parse_euros(trimmed).map_err(|error| match error {
        MoneyError::Empty => PercentError::Empty,
        MoneyError::Negative => PercentError::Negative,
        MoneyError::TooPrecise => PercentError::TooPrecise,
        MoneyError::Malformed | MoneyError::TooLarge => PercentError::Malformed,
    })
}

/// "2,5" for 250: what a form field starts with.
pub fn plain_percent(bps: i64) -> String {
    let abs = bps.unsigned_abs();
    let sign = if bps < 0 { "-" } else { "" };
    match abs % 100 {
        0 => format!("{sign}{}", abs / 100),
        rest if rest % 10 == 0 => format!("{sign}{},{}", abs / 100, rest / 10),
        rest => format!("{sign}{},{rest:02}", abs / 100),
    }
}

/// "+5,00 %" for 500: how an extra cashback rate is shown.
pub fn extra_percent(bps: i64) -> String {
    let sign = if bps < 0 { "-" } else { "+" };
    let abs = bps.unsigned_abs();
    format!("{sign}{},{:02} %", abs / 100, abs % 100)
}

/// "3,2 %" for 320 basis points, to a tenth of a percent (half up); "—" when there is no
/// rate (nothing to divide by), so that "no data" never reads as "0 %".
pub fn rate(bps: Option<u32>) -> String {
    match bps {
        Some(bps) => {
            let tenths = bps.saturating_add(5) / 10;
            format!("{},{} %", tenths / 10, tenths % 10)
        }
        None => "—".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{PercentError, extra_percent, parse_percent, plain_percent, rate};

    #[test]
    fn percents_parse_to_basis_points() {
        assert_eq!(parse_percent("5"), Ok(500));
        assert_eq!(parse_percent("2,5"), Ok(250));
        assert_eq!(parse_percent("2.50 %"), Ok(250));
        assert_eq!(parse_percent("0,01%"), Ok(1));
        assert_eq!(parse_percent("0"), Ok(0));
        assert_eq!(parse_percent(""), Err(PercentError::Empty));
        assert_eq!(parse_percent("-1"), Err(PercentError::Negative));
        assert_eq!(parse_percent("1,234"), Err(PercentError::TooPrecise));
        assert_eq!(parse_percent("cinq"), Err(PercentError::Malformed));
    }

    #[test]
    fn basis_points_are_shown_as_percents() {
        assert_eq!(extra_percent(500), "+5,00 %");
        assert_eq!(extra_percent(25), "+0,25 %");
        assert_eq!(plain_percent(500), "5");
        assert_eq!(plain_percent(250), "2,5");
        assert_eq!(plain_percent(125), "1,25");
        assert_eq!(parse_percent(&plain_percent(1_999)), Ok(1_999));
    }

    #[test]
    fn rates_show_a_tenth_of_a_percent_or_a_dash() {
        assert_eq!(rate(Some(320)), "3,2 %");
        assert_eq!(rate(Some(6_849)), "68,5 %");
        assert_eq!(rate(Some(10_000)), "100,0 %");
        assert_eq!(rate(Some(4)), "0,0 %");
        assert_eq!(rate(Some(0)), "0,0 %");
        assert_eq!(rate(None), "—");
    }
}
