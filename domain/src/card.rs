//! Card details typed on the sandbox payment page: checked here, then forgotten. Only the
//! brand and last four digits ever leave this module.

use std::fmt;

/// A card number that passed the Luhn check. Its `Debug` shows only the last four digits,
/// so it cannot end up whole in a log line by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct CardNumber(String);

/// Why typed card details were refused before reaching any provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardError {
    Number,
    Expiry,
    Expired,
    Cvc,
}

impl CardError {
    pub fn field(self) -> &'static str {
        match self {
            CardError::Number => "card_number",
            CardError::Expiry | CardError::Expired => "expiry",
            CardError::Cvc => "cvc",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            CardError::Number => "card_number_invalid",
            CardError::Expiry => "expiry_invalid",
            CardError::Expired => "card_expired",
            CardError::Cvc => "cvc_invalid",
        }
    }
}

impl fmt::Display for CardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CardError::Number => "this card number is not valid",
            CardError::Expiry => "write the expiry date as MM/YY",
            CardError::Expired => "this card has expired",
            CardError::Cvc => "the security code is the 3 or 4 digits on the back",
        })
    }
}

impl CardNumber {
    /// Parses digits, ignoring spaces and dashes; 12 to 19 digits passing the Luhn check.
    pub fn parse(typed: &str) -> Result<Self, CardError> {
        let digits: String = typed.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if !(12..=19).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CardError::Number);
        }
        if !luhn_valid(&digits) {
            return Err(CardError::Number);
        }
        Ok(CardNumber(digits))
    }

    pub fn last4(&self) -> &str {
        &self.0[self.0.len() - 4..]
    }

    /// The digits, for a provider call only.
    pub fn digits(&self) -> &str {
        &self.0
    }

    pub fn brand(&self) -> &'static str {
        match self.0.as_bytes()[0] {
            b'4' => "visa",
            b'5' | b'2' => "mastercard",
            b'3' => "amex",
            _ => "card",
        }
    }
}

impl fmt::Debug for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardNumber(…{})", self.last4())
    }
}

fn luhn_valid(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(index, byte)| {
            let digit = u32::from(byte - b'0');
            if index % 2 == 1 {
                let doubled = digit * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                digit
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Checks `MM/YY` (or `MM/YYYY`) against the current year and month.
pub fn check_expiry(typed: &str, current_year: i32, current_month: u32) -> Result<(), CardError> {
    let (month, year) = typed.trim().split_once('/').ok_or(CardError::Expiry)?;
    let month: u32 = month.trim().parse().map_err(|_| CardError::Expiry)?;
    let year_text = year.trim();
    let year: i32 = year_text.parse().map_err(|_| CardError::Expiry)?;
    let year = match year_text.len() {
        2 => 2000 + year,
        4 => year,
        _ => return Err(CardError::Expiry),
    };
    if !(1..=12).contains(&month) {
        return Err(CardError::Expiry);
    }
    if (year, month) < (current_year, current_month) {
        return Err(CardError::Expired);
    }
    Ok(())
}

/// Checks a security code: 3 or 4 digits.
pub fn check_cvc(typed: &str) -> Result<(), CardError> {
    let cvc = typed.trim();
    if (3..=4).contains(&cvc.len()) && cvc.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(CardError::Cvc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_cards_parse_and_hide_their_digits() {
        let card = CardNumber::parse("4242 4242 4242 4242").expect("valid");
        assert_eq!(card.last4(), "4242");
        assert_eq!(card.brand(), "visa");
        assert_eq!(format!("{card:?}"), "CardNumber(…4242)");
        assert!(CardNumber::parse("4000-0000-0000-0002").is_ok());
        assert!(CardNumber::parse("4000 0000 0000 9995").is_ok());
    }

    #[test]
    fn bad_numbers_are_refused() {
        assert_eq!(
            CardNumber::parse("4242 4242 4242 4241"),
            Err(CardError::Number)
        );
        assert_eq!(CardNumber::parse("abcd"), Err(CardError::Number));
        assert_eq!(CardNumber::parse(""), Err(CardError::Number));
    }

    #[test]
    fn expiry_and_cvc() {
        assert_eq!(check_expiry("12/30", 2026, 11), Ok(()));
        assert_eq!(check_expiry("11/26", 2026, 11), Ok(()));
        assert_eq!(check_expiry("10/26", 2026, 11), Err(CardError::Expired));
        assert_eq!(check_expiry("13/30", 2026, 11), Err(CardError::Expiry));
        assert_eq!(check_expiry("1230", 2026, 11), Err(CardError::Expiry));
        assert_eq!(check_cvc("123"), Ok(()));
        assert_eq!(check_cvc("12a"), Err(CardError::Cvc));
    }
}
