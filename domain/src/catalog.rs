//! Catalog values: GTIN/EAN codes, offer conditions, shop slugs and prices.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a catalog value was refused. Messages are shown to people as they are.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CatalogError {
    #[error("a GTIN has 8, 12, 13 or 14 digits")]
    GtinLength,
    #[error("a GTIN has digits only")]
    GtinNotDigits,
    #[error("the GTIN's check digit is wrong (typo?)")]
    GtinChecksum,
    #[error("unknown condition: use new, like_new, very_good, good or acceptable")]
    UnknownCondition,
    #[error("a slug has 3 to 60 lowercase letters, digits and dashes, and no dash at either end")]
    SlugInvalid,
    #[error("a price is between 0.01 € and 1,000,000 €")]
    PriceOutOfRange,
}

/// A GTIN (EAN-13, UPC-A, EAN-8 or GTIN-14), stored as 14 digits with leading zeros so
/// that one product has one key whatever form it was typed in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Gtin(String);

impl Gtin {
    /// Parses a typed code: spaces and dashes are ignored, the check digit must hold.
    pub fn parse(raw: &str) -> Result<Self, CatalogError> {
        let digits: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(CatalogError::GtinNotDigits);
        }
        if ![8, 12, 13, 14].contains(&digits.len()) {
            return Err(CatalogError::GtinLength);
        }
        let padded = format!("{digits:0>14}");
        if check_digit(&padded[..13]) != padded.as_bytes()[13] - b'0' {
            return Err(CatalogError::GtinChecksum);
        }
        Ok(Self(padded))
    }

    /// Completes 12 or 13 digits with their check digit (for generated demo codes).
    pub fn with_check_digit(body: &str) -> Result<Self, CatalogError> {
        if !body.chars().all(|c| c.is_ascii_digit()) {
            return Err(CatalogError::GtinNotDigits);
        }
        if body.len() != 12 && body.len() != 13 {
            return Err(CatalogError::GtinLength);
        }
        let padded = format!("{body:0>13}");
        Self::parse(&format!("{padded}{}", check_digit(&padded)))
    }

    /// The 14-digit storage form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The usual printed form: 13 digits (EAN-13) when the code has a leading zero.
    pub fn display(&self) -> &str {
        self.0.strip_prefix('0').unwrap_or(&self.0)
    }

    /// For values read back from storage, which were parsed when written.
    pub fn from_trusted_storage(stored: String) -> Self {
        Self(stored)
    }
}

/// The GS1 check digit of 13 digits: weights 3 and 1 alternating from the right.
fn check_digit(body: &str) -> u8 {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// The state an offered item is in, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    New,
    LikeNew,
    VeryGood,
    Good,
    Acceptable,
}

impl Condition {
    pub const ALL: [Condition; 5] = [
        Condition::New,
        Condition::LikeNew,
        Condition::VeryGood,
        Condition::Good,
        Condition::Acceptable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Condition::New => "new",
            Condition::LikeNew => "like_new",
            Condition::VeryGood => "very_good",
            Condition::Good => "good",
            Condition::Acceptable => "acceptable",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, CatalogError> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == raw.trim())
            .ok_or(CatalogError::UnknownCondition)
    }
}

/// A shop's address inside Halles: `/shops/{slug}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slug(String);

impl Slug {
    pub fn parse(raw: &str) -> Result<Self, CatalogError> {
        let slug = raw.trim();
        let ok = (3..=60).contains(&slug.len())
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !slug.starts_with('-')
            && !slug.ends_with('-')
            && !slug.contains("--");
        if ok {
            Ok(Self(slug.to_owned()))
        } else {
            Err(CatalogError::SlugInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Turns a title into a URL slug: `Perceuse à percussion 18 V` → `perceuse-a-percussion-18-v`.
pub fn slugify(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for c in title.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    slug.chars()
        .take(80)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

/// Folds text into the words a search compares: lower case, accents removed, anything
/// else a single space. `Perceuse-visseuse « Makita »` → `perceuse visseuse makita`.
pub fn fold_words(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text
        .chars()
        .flat_map(fold_accent)
        .flat_map(char::to_lowercase)
    {
        if c.is_alphanumeric() {
            folded.push(c);
        } else if !folded.is_empty() && !folded.ends_with(' ') {
            folded.push(' ');
        }
    }
    folded.trim_end().to_owned()
}

fn fold_accent(c: char) -> std::iter::Once<char> {
    let folded = match c {
        'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' => 'a',
        'ç' | 'Ç' => 'c',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'î' | 'ï' | 'í' | 'Î' | 'Ï' => 'i',
        'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' => 'o',
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ÿ' => 'y',
        'œ' | 'Œ' => 'o',
        other => other,
    };
    std::iter::once(folded)
}

/// How many levels a category's breadcrumb walks at most, itself included: a loop in the
/// tree's data ends there instead of forever.
pub const MAX_CATEGORY_DEPTH: usize = 8;

/// The parents of a category, nearest first, found in `categories` by following
/// `parent_of` from `first_parent`; it stops at a root, at a parent that is missing, or
/// after [`MAX_CATEGORY_DEPTH`]` - 1` of them. Generic so the storefront and the server
/// walk their own category types the same way.
pub fn category_parents<'a: 'b, 'b, T>(
    categories: &'a [T],
    first_parent: Option<&'b str>,
    id_of: impl Fn(&T) -> &str,
    parent_of: impl Fn(&'a T) -> Option<&'a str>,
) -> Vec<&'a T> {
    let mut parents = Vec::new();
    let mut next = first_parent;
    while let Some(id) = next {
        match categories.iter().find(|category| id_of(category) == id) {
            Some(category) if parents.len() + 1 < MAX_CATEGORY_DEPTH => {
                parents.push(category);
                next = parent_of(category);
            }
            _ => break,
        }
    }
    parents
}

/// A price in euro cents, within what a marketplace listing may ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PriceCents(i64);

impl PriceCents {
    pub const MAX: i64 = 100_000_000;

    pub fn parse(cents: i64) -> Result<Self, CatalogError> {
        if (1..=Self::MAX).contains(&cents) {
            Ok(Self(cents))
        } else {
            Err(CatalogError::PriceOutOfRange)
        }
    }

    pub fn cents(self) -> i64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::{CatalogError, Condition, Gtin, PriceCents, Slug, slugify};

    #[test]
    fn valid_gtins_of_every_length_are_stored_as_fourteen_digits() {
        assert_eq!(
            Gtin::parse("4006381333931").expect("EAN-13").as_str(),
            "04006381333931"
        );
        assert_eq!(
            Gtin::parse("96385074").expect("EAN-8").as_str(),
            "00000096385074"
        );
        assert_eq!(
            Gtin::parse("036000291452").expect("UPC-A").as_str(),
            "00036000291452"
        );
        assert_eq!(
            Gtin::parse("400 6381-333931").expect("spaced").display(),
            "4006381333931"
        );
    }

    #[test]
    fn a_typo_in_a_gtin_is_caught_by_the_check_digit() {
        assert_eq!(
            Gtin::parse("4006381333932"),
            Err(CatalogError::GtinChecksum)
        );
        assert_eq!(Gtin::parse("40063813"), Err(CatalogError::GtinChecksum));
        assert_eq!(Gtin::parse("12345"), Err(CatalogError::GtinLength));
        assert_eq!(
            Gtin::parse("40063813339x1"),
            Err(CatalogError::GtinNotDigits)
        );
    }

    #[test]
    fn a_check_digit_can_be_computed() {
        assert_eq!(
            Gtin::with_check_digit("400638133393")
                .expect("valid")
                .display(),
            "4006381333931"
        );
    }

    #[test]
    fn every_digit_typo_is_detected() {
        let valid = "4006381333931";
        for position in 0..valid.len() {
            for digit in b'0'..=b'9' {
                let mut typo = valid.as_bytes().to_vec();
                if typo[position] == digit {
                    continue;
                }
                typo[position] = digit;
                let typo = String::from_utf8(typo).expect("ascii");
                assert!(Gtin::parse(&typo).is_err(), "{typo} slipped through");
            }
        }
    }

    #[test]
    fn conditions_round_trip() {
        for condition in Condition::ALL {
            assert_eq!(Condition::parse(condition.as_str()), Ok(condition));
        }
        assert_eq!(
            Condition::parse("broken"),
            Err(CatalogError::UnknownCondition)
        );
    }

    #[test]
    fn slugs_are_checked_and_titles_slugified() {
        assert!(Slug::parse("la-cave-de-leon").is_ok());
        for bad in ["ab", "-cave", "cave-", "ca--ve", "Cave", "cave de"] {
            assert_eq!(Slug::parse(bad), Err(CatalogError::SlugInvalid), "{bad}");
        }
        assert_eq!(
            slugify("Perceuse à percussion 18 V — Bosch"),
            "perceuse-a-percussion-18-v-bosch"
        );
    }

    #[test]
    fn search_words_are_folded() {
        assert_eq!(
            super::fold_words("Perceuse-visseuse « Makita » 18V, Vélo"),
            "perceuse visseuse makita 18v velo"
        );
        assert_eq!(super::fold_words("  "), "");
    }

    #[test]
    fn category_parents_come_nearest_first_and_stop_at_a_loop() {
        // (id, parent)
        let tree = [("root", None), ("mid", Some("root")), ("leaf", Some("mid"))];
        let parents = |first| {
            super::category_parents(&tree, first, |c| c.0, |c| c.1)
                .into_iter()
                .map(|c| c.0)
                .collect::<Vec<_>>()
        };
        assert_eq!(parents(Some("mid")), ["mid", "root"]);
        assert_eq!(parents(None), Vec::<&str>::new());
        assert_eq!(parents(Some("gone")), Vec::<&str>::new());
        let looped = [("a", Some("b")), ("b", Some("a"))];
        let walked = super::category_parents(&looped, Some("a"), |c| c.0, |c| c.1);
        assert_eq!(walked.len(), super::MAX_CATEGORY_DEPTH - 1);
    }

    #[test]
    fn prices_are_positive_and_bounded() {
        assert!(PriceCents::parse(0).is_err());
        assert!(PriceCents::parse(1).is_ok());
        assert!(PriceCents::parse(PriceCents::MAX + 1).is_err());
    }
}
