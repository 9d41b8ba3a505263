//! Euros typed by a person, to integer cents and back. No floats: the integer and the
//! fractional parts are parsed separately.

/// Why a typed amount is not a price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Nothing typed.
    #[error("Enter an amount, e.g. 104,90")]
    Empty,
    /// A minus sign.
    #[error("An amount cannot be negative")]
    Negative,
    /// Three or more digits after the comma.
    #[error("At most two digits after the comma")]
    TooPrecise,
    /// Not digits with one comma or point.
    #[error("Write an amount like 104,90 or 104.90")]
    Malformed,
    /// More than an `i64` of cents.
    #[error("That amount is too large")]
    TooLarge,
}

/// Parses "104,90", "104.90", "1 234,56", "0,5", "12" or "104,90 €" into cents.
///
/// Spaces (also non-breaking ones) group thousands and are ignored; one `,` or `.`
/// separates at most two decimals.
pub fn parse_euros(text: &str) -> Result<i64, MoneyError> {
    let trimmed = text.trim().trim_end_matches('€').trim();
    if trimmed.is_empty() {
        return Err(MoneyError::Empty);
    }
    if trimmed.starts_with('-') {
        return Err(MoneyError::Negative);
    }
    let compact: String = trimmed
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let (units, cents) = match compact.split_once([',', '.']) {
        Some((units, cents)) => (units, Some(cents)),
        None => (compact.as_str(), None),
    };
    if units.is_empty() || !units.bytes().all(|b| b.is_ascii_digit()) {
        return Err(MoneyError::Malformed);
    }
    let cents = match cents {
        None => 0,
        Some(digits) if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(MoneyError::Malformed);
        }
        Some(digits) if digits.len() > 2 => return Err(MoneyError::TooPrecise),
        Some(digits) => {
            let value = digits_value(digits)?;
            if digits.len() == 1 { value * 10 } else { value }
        }
    };
    digits_value(units)?
        .checked_mul(100)
        .and_then(|value| value.checked_add(cents))
        .ok_or(MoneyError::TooLarge)
}

/// The value of a string of ASCII digits.
fn digits_value(digits: &str) -> Result<i64, MoneyError> {
    digits.bytes().try_fold(0i64, |value, digit| {
        value
            .checked_mul(10)
            .and_then(|value| value.checked_add(i64::from(digit - b'0')))
            .ok_or(MoneyError::TooLarge)
    })
}

/// "104,90" for 10490: what a form field starts with (no grouping, no sign of currency).
pub fn plain_euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{},{:02}", abs / 100, abs % 100)
}

/// "1 234,56 €" for 123456: how prices are shown.
pub fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{},{:02} €", grouped(abs / 100), abs % 100)
}

/// "12 345" for 12345: a count with its thousands apart, as amounts have them.
pub fn grouped(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::{MoneyError, euros, grouped, parse_euros, plain_euros};

    #[test]
    fn commas_points_and_spaces_parse_to_exact_cents() {
        assert_eq!(parse_euros("104,90"), Ok(10_490));
        assert_eq!(parse_euros("104.90"), Ok(10_490));
        assert_eq!(parse_euros("0,5"), Ok(50));
        assert_eq!(parse_euros("0,05"), Ok(5));
        assert_eq!(parse_euros("1 234,56"), Ok(123_456));
        assert_eq!(parse_euros("1\u{a0}234,56 €"), Ok(123_456));
        assert_eq!(parse_euros(" 12 "), Ok(1_200));
        assert_eq!(parse_euros("0"), Ok(0));
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        assert_eq!(parse_euros("12,345"), Err(MoneyError::TooPrecise));
        assert_eq!(parse_euros("-3,00"), Err(MoneyError::Negative));
        assert_eq!(parse_euros(""), Err(MoneyError::Empty));
        assert_eq!(parse_euros("12,"), Err(MoneyError::Malformed));
        assert_eq!(parse_euros(",5"), Err(MoneyError::Malformed));
        assert_eq!(parse_euros("1.234,56"), Err(MoneyError::Malformed));
        assert_eq!(parse_euros("12e3"), Err(MoneyError::Malformed));
        assert_eq!(
            parse_euros("99999999999999999999"),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn cents_are_shown_the_french_way() {
        assert_eq!(euros(10_490), "104,90 €");
        assert_eq!(euros(123_456), "1 234,56 €");
        assert_eq!(euros(5), "0,05 €");
        assert_eq!(euros(100_000_000), "1 000 000,00 €");
        assert_eq!(plain_euros(123_456), "1234,56");
        assert_eq!(parse_euros(&plain_euros(9_999)), Ok(9_999));
        assert_eq!(grouped(1_204), "1 204");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(0), "0");
    }
}
