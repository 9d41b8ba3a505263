//! Money maths on integer cents: shares, rates, VAT, shipping, discounts. Every function
//! is exact and total: the parts of a split always add back to the whole.

/// `amount × bps / 10 000`, rounded half up. Basis points: 1 200 bps = 12 %.
pub fn apply_rate(amount_cents: i64, bps: u32) -> i64 {
    let product = i128::from(amount_cents) * i128::from(bps);
    i64::try_from((product + 5_000).div_euclid(10_000)).unwrap_or(i64::MAX)
}

/// The VAT contained in a VAT-inclusive amount at `rate_bps` (2 000 = 20 %), rounded half up.
pub fn vat_included(total_cents: i64, rate_bps: u32) -> i64 {
    let denominator = 10_000 + i128::from(rate_bps);
    let numerator = i128::from(total_cents) * i128::from(rate_bps);
    i64::try_from((numerator * 2 + denominator).div_euclid(denominator * 2)).unwrap_or(0)
}

/// The standard French VAT rate, in basis points; prices on Halles include it.
pub const STANDARD_VAT_BPS: u32 = 2_000;

/// Splits `total` across `weights` in proportion, by the largest-remainder method, so the
/// shares add up to `total` exactly. Zero weights get zero; all-zero weights give the
/// whole to the first part.
pub fn split_proportionally(total: i64, weights: &[i64]) -> Vec<i64> {
    if weights.is_empty() {
        return Vec::new();
    }
    let sum: i128 = weights.iter().map(|w| i128::from((*w).max(0))).sum();
    if sum == 0 {
        let mut shares = vec![0; weights.len()];
        shares[0] = total;
        return shares;
    }
    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (index, weight) in weights.iter().enumerate() {
        let exact = i128::from(total) * i128::from((*weight).max(0));
        shares.push(i64::try_from(exact.div_euclid(sum)).unwrap_or(0));
        remainders.push((exact.rem_euclid(sum), index));
    }
    let mut left = total - shares.iter().sum::<i64>();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, index) in remainders.iter().cycle() {
        if left <= 0 {
            break;
        }
        shares[*index] += 1;
        left -= 1;
    }
    shares
}

/// What a shop charges for home delivery of `items_cents`: its flat rate, or nothing at or
/// above its free-shipping threshold.
pub fn shipping_for(items_cents: i64, flat_cents: i64, free_threshold_cents: Option<i64>) -> i64 {
    match free_threshold_cents {
        Some(threshold) if items_cents >= threshold => 0,
        _ => flat_cents.max(0),
    }
}

/// How a discount code takes money off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscountKind {
    /// Basis points of the eligible items (1 000 = 10 %).
    Percent(u32),
    /// A fixed amount in cents, never more than the eligible items.
    Fixed(i64),
}

impl DiscountKind {
    /// The discount on `eligible_items_cents`, never more than it.
    pub fn amount_on(self, eligible_items_cents: i64) -> i64 {
        let raw = match self {
            DiscountKind::Percent(bps) => apply_rate(eligible_items_cents, bps.min(10_000)),
            DiscountKind::Fixed(cents) => cents,
        };
        raw.clamp(0, eligible_items_cents.max(0))
    }
}

/// `1250` → `12,50 €`, the French way (used in e-mails and messages).
pub fn format_euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let euros = (cents / 100).to_string();
    let mut grouped = String::new();
    for (index, digit) in euros.chars().enumerate() {
        if index > 0 && (euros.len() - index).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped},{:02}\u{a0}€", cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_read_the_french_way() {
        assert_eq!(format_euros(1_250), "12,50\u{a0}€");
        assert_eq!(format_euros(12_345_678), "123\u{202f}456,78\u{a0}€");
        assert_eq!(format_euros(-5), "-0,05\u{a0}€");
    }

    #[test]
    fn rates_round_half_up() {
        assert_eq!(apply_rate(1_000, 1_200), 120);
        assert_eq!(apply_rate(1_005, 1_000), 101); // 100.5 → 101
        assert_eq!(apply_rate(1_004, 1_000), 100);
        assert_eq!(apply_rate(0, 1_200), 0);
    }

    #[test]
    fn vat_inside_a_price() {
        assert_eq!(vat_included(1_200, STANDARD_VAT_BPS), 200);
        assert_eq!(vat_included(999, STANDARD_VAT_BPS), 167); // 166.5 → 167
        assert_eq!(vat_included(0, STANDARD_VAT_BPS), 0);
    }

    #[test]
    fn splits_add_back_to_the_whole() {
        assert_eq!(split_proportionally(100, &[1, 1, 1]), vec![34, 33, 33]);
        assert_eq!(split_proportionally(10, &[3_000, 1_000]), vec![8, 2]);
        assert_eq!(split_proportionally(7, &[0, 0]), vec![7, 0]);
        assert_eq!(split_proportionally(0, &[5, 5]), vec![0, 0]);
        assert!(split_proportionally(5, &[]).is_empty());
        for total in [1, 99, 1_001, 123_457] {
            let weights = [1_999, 2_001, 7, 0, 45_000];
            let shares = split_proportionally(total, &weights);
            assert_eq!(shares.iter().sum::<i64>(), total);
            assert_eq!(shares[3], 0);
        }
    }

    #[test]
    fn free_shipping_from_the_threshold() {
        assert_eq!(shipping_for(2_000, 490, Some(5_000)), 490);
        assert_eq!(shipping_for(5_000, 490, Some(5_000)), 0);
        assert_eq!(shipping_for(9_000, 490, None), 490);
    }

    #[test]
    fn discounts_never_exceed_the_items() {
        assert_eq!(DiscountKind::Percent(1_000).amount_on(2_550), 255);
        assert_eq!(DiscountKind::Fixed(500).amount_on(300), 300);
        assert_eq!(DiscountKind::Fixed(500).amount_on(3_000), 500);
        assert_eq!(DiscountKind::Percent(20_000).amount_on(100), 100);
    }
}
