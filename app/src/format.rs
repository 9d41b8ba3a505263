//! How numbers read in each language: prices, counts, ratings, durations, and the
//! arrondissement a postcode names. Pure functions, shared by every page.

use crate::i18n::{BuyMsg, Locale, Msg};

/// A non-breaking space: between a French amount and its `€`.
const NBSP: char = '\u{a0}';
/// A narrow non-breaking space: the French thousands separator.
const NNBSP: char = '\u{202f}';

/// Groups the digits of `n` by three with the language's separator.
pub fn format_count(n: u64, locale: Locale) -> String {
    let separator = match locale {
        Locale::Fr => NNBSP,
        Locale::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// An amount of euro cents as people read it: `104,90 €` in French, `€104.90` in English.
pub fn format_price(cents: i64, locale: Locale) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let euros = format_count(abs / 100, locale);
    let rest = abs % 100;
    match locale {
        Locale::Fr => format!("{sign}{euros},{rest:02}{NBSP}€"),
        Locale::En => format!("{sign}€{euros}.{rest:02}"),
    }
}

/// A round amount without its cents (`20 €`, `€20`), for price bands; other amounts as
/// [`format_price`].
pub fn format_euros(cents: i64, locale: Locale) -> String {
    if cents % 100 != 0 {
        return format_price(cents, locale);
    }
    let euros = format_count(cents.unsigned_abs() / 100, locale);
    let sign = if cents < 0 { "-" } else { "" };
    match locale {
        Locale::Fr => format!("{sign}{euros}{NBSP}€"),
        Locale::En => format!("{sign}€{euros}"),
    }
}

/// An amount of cents as a plain decimal (`104.90`), for machines (schema.org).
pub fn decimal_price(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// `{n}` in a message replaced by `n`, grouped; `one` when `n` is 1, else `many`.
pub fn count_text(locale: Locale, n: u64, one: Msg, many: Msg) -> String {
    let template = locale.t(if n == 1 { one } else { many });
    template.replace("{n}", &format_count(n, locale))
}

/// A shop's rating after its star: `4,6 (123 avis)`; unrated shops say so.
pub fn format_rating(rating_centi: u32, rating_count: u32, locale: Locale) -> String {
    if rating_count == 0 {
        return locale.t(Msg::NoReviewsYet).to_owned();
    }
    let tenths = (rating_centi + 5) / 10;
    let decimal = match locale {
        Locale::Fr => ',',
        Locale::En => '.',
    };
    let reviews = count_text(
        locale,
        u64::from(rating_count),
        Msg::ReviewCountOne,
        Msg::ReviewCountMany,
    );
    format!("{}{decimal}{} ({reviews})", tenths / 10, tenths % 10)
}

/// How long a store takes to prepare a pickup: `prêt en 2 h`, `prêt en 1 h 30`.
pub fn ready_in(minutes: u32, locale: Locale) -> String {
    if minutes == 0 {
        return locale.t(Msg::ReadyNow).to_owned();
    }
    let (hours, rest) = (minutes / 60, minutes % 60);
    let duration = match (hours, rest) {
        (0, m) => format!("{m}{NBSP}min"),
        (h, 0) => format!("{h}{NBSP}h"),
        (h, m) => format!("{h}{NBSP}h{NBSP}{m:02}"),
    };
    format!("{} {duration}", locale.t(Msg::ReadyIn))
}

/// A distance as people say it: `2,4 km` (`2.4 km` in English) under 10 km, whole
/// kilometres beyond (`392 km`).
pub fn format_distance(km: f64, locale: Locale) -> String {
    let km = if km.is_finite() { km.max(0.0) } else { 0.0 };
    if km >= 10.0 {
        // Whole kilometres; a distance on Earth fits a u64 many times over.
        return format!("{}{NBSP}km", format_count(km.round() as u64, locale));
    }
    let tenths = (km * 10.0).round() as u64;
    let decimal = match locale {
        Locale::Fr => ',',
        Locale::En => '.',
    };
    format!("{}{decimal}{}{NBSP}km", tenths / 10, tenths % 10)
}

/// Delivery as one line: `Livraison 4,90 € · 2 j`, `Livraison gratuite · 2 j`.
pub fn delivery_line(price_cents: i64, days: u32, locale: Locale) -> String {
    let price = if price_cents == 0 {
        locale.t(Msg::DeliveryFree).to_owned()
    } else {
        format!(
            "{} {}",
            locale.t(Msg::Delivery),
            format_price(price_cents, locale)
        )
    };
    let days = count_text(locale, u64::from(days), Msg::DaysOne, Msg::DaysMany);
    format!("{price} · {days}")
}

/// The date of an RFC 3339 timestamp as people write it: `1er mars 2026`, `12 March 2026`.
/// Anything unreadable is shown as it came.
pub fn format_date(rfc3339: &str, locale: Locale) -> String {
    let parsed = (|| {
        let year: u32 = rfc3339.get(0..4)?.parse().ok()?;
        let month: usize = rfc3339.get(5..7)?.parse().ok()?;
        let day: u32 = rfc3339.get(8..10)?.parse().ok()?;
        (1..=12).contains(&month).then_some((year, month, day))
    })();
    let Some((year, month, day)) = parsed else {
        return rfc3339.to_owned();
    };
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match locale {
        Locale::Fr if day == 1 => format!("1er {} {year}", FR[month - 1]),
        Locale::Fr => format!("{day} {} {year}", FR[month - 1]),
        Locale::En => format!("{day} {} {year}", EN[month - 1]),
    }
}

/// Seconds as a clock: `14:05`, or `1:02:05` past an hour.
pub fn clock(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{rest:02}")
    } else {
        format!("{minutes}:{rest:02}")
    }
}

/// `template` with `{key}` replaced by `value`.
pub fn fill(template: &str, key: &str, value: &str) -> String {
    template.replace(&format!("{{{key}}}"), value)
}

/// `Vous gagnez 0,45 € de cashback` / `You earn €0.45 cashback`; nothing when there is
/// nothing to earn.
pub fn cashback_earned(cents: i64, locale: Locale) -> Option<String> {
    (cents > 0).then(|| {
        fill(
            locale.t(BuyMsg::CashbackEarned),
            "amount",
            &format_price(cents, locale),
        )
    })
}

/// Where a store is: the city, with its arrondissement for Paris, Lyon and Marseille
/// (`Paris 1er`, `Lyon 3e`), which is how people there name places.
pub fn store_place(city: &str, postcode: &str) -> String {
    let district = match city.trim().to_lowercase().as_str() {
        "paris" => arrondissement(postcode, "75", 20),
        "lyon" => arrondissement(postcode, "690", 9),
        "marseille" => arrondissement(postcode, "130", 16),
        _ => None,
    };
    match district {
        Some(1) => format!("{} 1er", city.trim()),
        Some(n) => format!("{} {n}e", city.trim()),
        None => city.trim().to_owned(),
    }
}

fn arrondissement(postcode: &str, prefix: &str, max: u32) -> Option<u32> {
    if postcode.len() != 5 || !postcode.starts_with(prefix) {
        return None;
    }
    // Paris 16e has two postcodes: 75016 and 75116.
    let tail = if prefix == "75" && postcode.starts_with("751") {
        &postcode[3..]
    } else {
        &postcode[postcode.len() - 2..]
    };
    tail.parse::<u32>().ok().filter(|n| (1..=max).contains(n))
}

/// The name of an offer's condition (`like_new` → `Comme neuf`).
pub fn condition_name(code: &str, locale: Locale) -> String {
    let msg = match code {
        "new" => Msg::ConditionNew,
        "like_new" => Msg::ConditionLikeNew,
        "very_good" => Msg::ConditionVeryGood,
        "good" => Msg::ConditionGood,
        "acceptable" => Msg::ConditionAcceptable,
        other => return other.to_owned(),
    };
    locale.t(msg).to_owned()
}

/// A GTIN as printed under a barcode: EAN-13 for codes stored as 14 digits with a
/// leading zero, the 14 digits otherwise.
pub fn printed_gtin(gtin: &str) -> &str {
    match gtin.strip_prefix('0') {
        Some(ean13) if gtin.len() == 14 => ean13,
        _ => gtin,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_ean_13_is_printed_without_the_storage_zero() {
        assert_eq!(printed_gtin("03740661502945"), "3740661502945");
        assert_eq!(printed_gtin("13740661502945"), "13740661502945");
    }

    use super::*;

    #[test]
    fn cashback_to_earn_is_said_only_when_there_is_some() {
        assert_eq!(
            cashback_earned(45, Locale::Fr).as_deref(),
            Some("Vous gagnez 0,45\u{a0}€ de cashback")
        );
        assert_eq!(
            cashback_earned(245, Locale::En).as_deref(),
            Some("You earn €2.45 cashback")
        );
        assert_eq!(cashback_earned(0, Locale::Fr), None);
    }

    #[test]
    fn prices_read_the_french_and_the_english_way() {
        assert_eq!(format_price(10_490, Locale::Fr), "104,90\u{a0}€");
        assert_eq!(format_price(10_490, Locale::En), "€104.90");
        assert_eq!(format_price(5, Locale::Fr), "0,05\u{a0}€");
        assert_eq!(
            format_price(123_456_789, Locale::Fr),
            "1\u{202f}234\u{202f}567,89\u{a0}€"
        );
        assert_eq!(format_price(123_456_789, Locale::En), "€1,234,567.89");
        assert_eq!(format_price(-490, Locale::En), "-€4.90");
    }

    #[test]
    fn round_amounts_drop_their_cents() {
        assert_eq!(format_euros(2_000, Locale::Fr), "20\u{a0}€");
        assert_eq!(format_euros(50_000, Locale::En), "€500");
        assert_eq!(format_euros(1_050, Locale::En), "€10.50");
    }

    #[test]
    fn machine_prices_are_plain_decimals() {
        assert_eq!(decimal_price(10_490), "104.90");
        assert_eq!(decimal_price(7), "0.07");
        assert_eq!(decimal_price(100_000), "1000.00");
    }

    #[test]
    fn counts_are_grouped_by_three() {
        assert_eq!(format_count(0, Locale::En), "0");
        assert_eq!(format_count(999, Locale::En), "999");
        assert_eq!(format_count(1_000, Locale::En), "1,000");
        assert_eq!(format_count(12_345, Locale::Fr), "12\u{202f}345");
    }

    #[test]
    fn ratings_round_to_a_tenth_and_count_reviews() {
        assert_eq!(format_rating(460, 123, Locale::Fr), "4,6 (123 avis)");
        assert_eq!(format_rating(455, 1, Locale::En), "4.6 (1 review)");
        assert_eq!(format_rating(500, 2, Locale::En), "5.0 (2 reviews)");
        assert_eq!(format_rating(0, 0, Locale::En), "No reviews yet");
    }

    #[test]
    fn preparation_times_read_in_hours_and_minutes() {
        assert_eq!(ready_in(120, Locale::Fr), "prêt en 2\u{a0}h");
        assert_eq!(ready_in(90, Locale::En), "ready in 1\u{a0}h\u{a0}30");
        assert_eq!(ready_in(30, Locale::Fr), "prêt en 30\u{a0}min");
    }

    #[test]
    fn distances_keep_a_decimal_only_when_near() {
        assert_eq!(format_distance(2.44, Locale::Fr), "2,4\u{a0}km");
        assert_eq!(format_distance(0.0, Locale::En), "0.0\u{a0}km");
        assert_eq!(format_distance(9.96, Locale::En), "10.0\u{a0}km");
        assert_eq!(format_distance(392.4, Locale::Fr), "392\u{a0}km");
        assert_eq!(format_distance(f64::NAN, Locale::Fr), "0,0\u{a0}km");
    }

    #[test]
    fn delivery_reads_price_and_delay() {
        assert_eq!(
            delivery_line(490, 2, Locale::Fr),
            "Livraison 4,90\u{a0}€ · 2\u{a0}j"
        );
        assert_eq!(delivery_line(0, 1, Locale::En), "Free delivery · 1 day");
    }

    #[test]
    fn big_cities_name_their_arrondissement() {
        assert_eq!(store_place("Paris", "75001"), "Paris 1er");
        assert_eq!(store_place("Paris", "75116"), "Paris 16e");
        assert_eq!(store_place("Lyon", "69003"), "Lyon 3e");
        assert_eq!(store_place("Marseille", "13008"), "Marseille 8e");
        assert_eq!(store_place("Nantes", "44000"), "Nantes");
        assert_eq!(store_place("Paris", "92100"), "Paris");
    }

    #[test]
    fn conditions_have_names_and_unknown_codes_show_as_they_are() {
        assert_eq!(condition_name("like_new", Locale::Fr), "Comme neuf");
        assert_eq!(condition_name("new", Locale::En), "New");
        assert_eq!(condition_name("mystery", Locale::En), "mystery");
    }

    #[test]
    fn dates_and_clocks_read_naturally() {
        assert_eq!(
            format_date("2026-03-01T10:00:00Z", Locale::Fr),
            "1er mars 2026"
        );
        assert_eq!(
            format_date("2026-08-12T10:00:00Z", Locale::En),
            "12 August 2026"
        );
        assert_eq!(format_date("garbage", Locale::En), "garbage");
        assert_eq!(clock(905), "15:05");
        assert_eq!(clock(3725), "1:02:05");
        assert_eq!(clock(-3), "0:00");
    }
}
