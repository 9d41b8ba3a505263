//! Dates and times typed by a person ("2026-12-24" or "2026-12-24 18:00", in UTC), to
//! the RFC 3339 the API reads, checked by hand so the console needs no date library.

/// Why a typed date is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not `YYYY-MM-DD` with an optional `HH:MM`.
    #[error("Write a date like 2026-12-24 or 2026-12-24 18:00 (UTC)")]
    Malformed,
    /// A month, day, hour or minute out of range.
    #[error("There is no such date or time: {0}")]
    Impossible(String),
}

/// "2026-12-24" → "2026-12-24T00:00:00Z", "2026-12-24 18:00" (or with a `T`) →
/// "2026-12-24T18:00:00Z". A full RFC 3339 time with seconds and an offset is passed on
/// as typed for the server to read.
pub fn parse_utc(text: &str) -> Result<String, DateError> {
    let text = text.trim();
    let (date, time) = match text.split_once([' ', 'T']) {
        Some((date, time)) => (date, time.trim()),
        None => (text, ""),
    };
    let [year, month, day] = numbers(date, '-', [4, 2, 2]).ok_or(DateError::Malformed)?;
    if time.len() > 5 {
        // Seconds or an offset: already RFC 3339, or not, for the server to say.
        numbers(time.get(..5).unwrap_or_default(), ':', [2, 2]).ok_or(DateError::Malformed)?;
        check(year, month, day, 0, 0, text)?;
        return Ok(text.replacen(' ', "T", 1));
    }
    let [hour, minute] = if time.is_empty() {
        [0, 0]
    } else {
        numbers(time, ':', [2, 2]).ok_or(DateError::Malformed)?
    };
    check(year, month, day, hour, minute, text)?;
    Ok(format!(
        "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:00Z"
    ))
}

/// "2026-12-24 18:00" for an RFC 3339 UTC time: how times are shown (UTC).
pub fn short_utc(rfc3339: &str) -> String {
    rfc3339
        .replace('T', " ")
        .get(..16)
        .map_or_else(|| rfc3339.to_owned(), str::to_owned)
}

/// "1 h 20 min", "45 min", "3 h", "2 d 5 h" for a number of minutes (a negative one counts
/// as none); "—" when there is no figure (nothing measured yet).
pub fn duration(minutes: Option<i64>) -> String {
    let Some(minutes) = minutes else {
        return "—".to_owned();
    };
    let minutes = minutes.max(0);
    let (days, hours, rest) = (minutes / 1_440, minutes % 1_440 / 60, minutes % 60);
    match (days, hours, rest) {
        (0, 0, rest) => format!("{rest} min"),
        (0, hours, 0) => format!("{hours} h"),
        (0, hours, rest) => format!("{hours} h {rest} min"),
        // Past a day, minutes are noise.
        (days, 0, _) => format!("{days} d"),
        (days, hours, _) => format!("{days} d {hours} h"),
    }
}

/// "22 Nov" for "2026-11-22" (a chart's axis); the text as given when it is not a date.
pub fn day_month(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let Some([_, month, day]) = numbers(date.get(..10).unwrap_or(date), '-', [4, 2, 2]) else {
        return date.to_owned();
    };
    match MONTHS.get(month.wrapping_sub(1) as usize) {
        Some(name) => format!("{day} {name}"),
        None => date.to_owned(),
    }
}

/// The `N` numbers of `text` split at `separator`, each of exactly its width in digits.
fn numbers<const N: usize>(text: &str, separator: char, widths: [usize; N]) -> Option<[u32; N]> {
    let mut parts = text.split(separator);
    let mut values = [0; N];
    for (value, width) in values.iter_mut().zip(widths) {
        let part = parts.next()?;
        if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *value = part.parse().ok()?;
    }
    parts.next().is_none().then_some(values)
}

fn check(
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    text: &str,
) -> Result<(), DateError> {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    if day == 0 || day > days || hour > 23 || minute > 59 {
        return Err(DateError::Impossible(text.to_owned()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{DateError, day_month, duration, parse_utc, short_utc};

    #[test]
    fn days_and_minutes_become_rfc3339_utc() {
        assert_eq!(
            parse_utc("2026-12-24").as_deref(),
            Ok("2026-12-24T00:00:00Z")
        );
        assert_eq!(
            parse_utc(" 2026-12-24 18:00 ").as_deref(),
            Ok("2026-12-24T18:00:00Z")
        );
        assert_eq!(
            parse_utc("2026-12-24T07:05").as_deref(),
            Ok("2026-12-24T07:05:00Z")
        );
        assert_eq!(
            parse_utc("2026-12-24T18:00:00+01:00").as_deref(),
            Ok("2026-12-24T18:00:00+01:00")
        );
        assert_eq!(
            parse_utc("2028-02-29").as_deref(),
            Ok("2028-02-29T00:00:00Z")
        );
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        assert_eq!(parse_utc("24/12/2026"), Err(DateError::Malformed));
        assert_eq!(parse_utc("2026-12-24 18h"), Err(DateError::Malformed));
        assert_eq!(parse_utc(""), Err(DateError::Malformed));
        assert!(matches!(
            parse_utc("2026-02-29"),
            Err(DateError::Impossible(_))
        ));
        assert!(matches!(
            parse_utc("2026-12-24 24:00"),
            Err(DateError::Impossible(_))
        ));
    }

    #[test]
    fn times_are_shown_to_the_minute() {
        assert_eq!(short_utc("2026-12-24T18:00:00Z"), "2026-12-24 18:00");
    }

    #[test]
    fn durations_read_in_days_hours_and_minutes() {
        assert_eq!(duration(None), "—");
        assert_eq!(duration(Some(0)), "0 min");
        assert_eq!(duration(Some(45)), "45 min");
        assert_eq!(duration(Some(80)), "1 h 20 min");
        assert_eq!(duration(Some(185)), "3 h 5 min");
        assert_eq!(duration(Some(120)), "2 h");
        assert_eq!(duration(Some(1_440)), "1 d");
        assert_eq!(duration(Some(3_200)), "2 d 5 h");
        assert_eq!(duration(Some(-3)), "0 min");
    }

    #[test]
    fn axis_days_are_short() {
        assert_eq!(day_month("2026-11-02"), "2 Nov");
        assert_eq!(day_month("2026-12-24T18:00:00Z"), "24 Dec");
        assert_eq!(day_month("someday"), "someday");
        assert_eq!(day_month("2026-13-01"), "2026-13-01");
    }
}
