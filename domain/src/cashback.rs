//! Cashback maths: what a shopper earns on one shop's part of an order. Payment earns
//! with it and the storefront shows it before buying, so the two figures cannot disagree.
//!
//! The base is what the card paid for the items: items less discount, less the share of
//! the part paid with cashback; never shipping. It is shared over the lines in proportion
//! to their amounts, and each line earns its own rates on its share, rounded half up.

use crate::money::{apply_rate, split_proportionally};

/// The rates one line earns, in basis points (300 = 3 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineRates {
    /// Paid by the platform: its base rate plus the best campaign running for the line.
    pub platform_bps: i32,
    /// Paid by the shop: the offer's boost, else the shop's.
    pub boost_bps: i32,
}

impl LineRates {
    /// Both rates together, as shown to the shopper.
    pub fn total_bps(self) -> i32 {
        self.platform_bps.max(0) + self.boost_bps.max(0)
    }
}

/// One shop's part of an order, in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PartAmounts {
    pub items_cents: i64,
    pub discount_cents: i64,
    /// Items less discount plus shipping: what the part costs before cashback is spent.
    pub total_cents: i64,
    /// The part's share of the cashback spent on the order.
    pub cashback_used_cents: i64,
}

impl PartAmounts {
    /// Items bought at their price: no discount, no cashback spent (shipping does not
    /// change the base, so it is left out).
    pub fn items_only(items_cents: i64) -> Self {
        PartAmounts {
            items_cents,
            discount_cents: 0,
            total_cents: items_cents,
            cashback_used_cents: 0,
        }
    }

    /// What the card paid for the items: the cashback base.
    pub fn card_paid_items_cents(&self) -> i64 {
        let items_net = (self.items_cents - self.discount_cents).max(0);
        let card_paid = self.total_cents - self.cashback_used_cents;
        if self.total_cents > 0 {
            i64::try_from(
                i128::from(items_net) * i128::from(card_paid.max(0)) / i128::from(self.total_cents),
            )
            .unwrap_or(0)
        } else {
            0
        }
    }
}

/// What one line earns, by who funds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Earned {
    pub platform_cents: i64,
    pub boost_cents: i64,
}

impl Earned {
    pub fn total_cents(self) -> i64 {
        self.platform_cents + self.boost_cents
    }
}

/// What each line of a part earns, in the lines' order. `lines` are each line's amount
/// (unit price × quantity) with its rates.
pub fn earned_per_line(part: &PartAmounts, lines: &[(i64, LineRates)]) -> Vec<Earned> {
    let weights: Vec<i64> = lines.iter().map(|(cents, _)| *cents).collect();
    let shares = split_proportionally(part.card_paid_items_cents(), &weights);
    let rate = |bps: i32| u32::try_from(bps.max(0)).unwrap_or(0);
    lines
        .iter()
        .zip(shares)
        .map(|((_, rates), share)| Earned {
            platform_cents: apply_rate(share, rate(rates.platform_bps)),
            boost_cents: apply_rate(share, rate(rates.boost_bps)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rates(platform_bps: i32, boost_bps: i32) -> LineRates {
        LineRates {
            platform_bps,
            boost_bps,
        }
    }

    #[test]
    fn the_base_is_what_the_card_paid_for_the_items() {
        let part = |items, discount, shipping, cashback| PartAmounts {
            items_cents: items,
            discount_cents: discount,
            total_cents: items - discount + shipping,
            cashback_used_cents: cashback,
        };
        assert_eq!(part(10_000, 0, 500, 0).card_paid_items_cents(), 10_000);
        assert_eq!(part(10_000, 1_000, 0, 0).card_paid_items_cents(), 9_000);
        assert_eq!(part(10_000, 0, 0, 5_000).card_paid_items_cents(), 5_000);
        assert_eq!(part(1_000, 0, 0, 1_000).card_paid_items_cents(), 0);
        assert_eq!(PartAmounts::default().card_paid_items_cents(), 0);
    }

    #[test]
    fn items_bought_at_their_price_earn_each_line_on_its_own_amount() {
        let earned = earned_per_line(
            &PartAmounts::items_only(1_450),
            &[(1_200, rates(300, 0)), (250, rates(300, 200))],
        );
        assert_eq!(
            earned,
            vec![
                Earned {
                    platform_cents: 36,
                    boost_cents: 0
                },
                Earned {
                    platform_cents: 8,
                    boost_cents: 5
                },
            ]
        );
        assert_eq!(rates(300, 200).total_bps(), 500);
    }

    #[test]
    fn negative_rates_earn_nothing() {
        let earned = earned_per_line(&PartAmounts::items_only(1_000), &[(1_000, rates(-5, -5))]);
        assert_eq!(earned[0].total_cents(), 0);
    }
}
