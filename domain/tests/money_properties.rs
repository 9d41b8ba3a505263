//! Rules the money maths must keep for every input, not just the examples in the unit
//! tests: splits never create or lose a cent, and cashback never exceeds its base.

use domain::cashback::{LineRates, PartAmounts, earned_per_line};
use domain::money::{apply_rate, split_proportionally};
use proptest::prelude::*;

fn weights() -> impl Strategy<Value = Vec<i64>> {
    prop::collection::vec(0i64..5_000_000, 1..12)
}

proptest! {
    #[test]
    fn a_split_shares_out_exactly_the_total(total in 0i64..100_000_000, weights in weights()) {
        let shares = split_proportionally(total, &weights);
        prop_assert_eq!(shares.len(), weights.len());
        prop_assert_eq!(shares.iter().sum::<i64>(), total);
        prop_assert!(shares.iter().all(|share| *share >= 0));
    }

    #[test]
    fn each_share_is_within_a_cent_of_its_exact_proportion(
        total in 0i64..100_000_000,
        weights in weights(),
    ) {
        let sum: i128 = weights.iter().map(|w| i128::from(*w)).sum();
        prop_assume!(sum > 0);
        let shares = split_proportionally(total, &weights);
        for (share, weight) in shares.iter().zip(&weights) {
            // |share − total·weight/sum| < 1, in integers.
            let exact_times_sum = i128::from(total) * i128::from(*weight);
            let diff = (i128::from(*share) * sum - exact_times_sum).abs();
            prop_assert!(diff < sum, "share {} of weight {} (total {})", share, weight, total);
            if *weight == 0 {
                prop_assert_eq!(*share, 0);
            }
        }
    }

    /// Cashback spent over several seller orders: no part pays with more cashback than it
    /// costs, so every part's refund can give its cashback back exactly.
    #[test]
    fn cashback_spent_never_exceeds_a_part(parts in prop::collection::vec(1i64..1_000_000, 1..8), pick in 0.0f64..=1.0) {
        let cost: i64 = parts.iter().sum();
        let spent = ((cost as f64) * pick) as i64;
        let shares = split_proportionally(spent, &parts);
        prop_assert_eq!(shares.iter().sum::<i64>(), spent);
        for (share, part) in shares.iter().zip(&parts) {
            prop_assert!(share <= part, "{} of cashback on a part of {}", share, part);
        }
    }

    #[test]
    fn a_rate_is_rounded_half_up_and_never_above_its_amount(amount in 0i64..1_000_000_000, bps in 0u32..=10_000) {
        let applied = apply_rate(amount, bps);
        prop_assert!(applied >= 0 && applied <= amount);
        let exact_times_10k = i128::from(amount) * i128::from(bps);
        prop_assert!((i128::from(applied) * 10_000 - exact_times_10k).abs() <= 5_000);
    }

    /// What a part earns is its base at the line's rates, give or take a rounding cent per
    /// line, and spending cashback or a discount never raises it.
    #[test]
    fn cashback_earned_follows_what_the_card_paid(
        lines in prop::collection::vec((1i64..500_000, 0i32..2_000, 0i32..1_000), 1..6),
        discount_pick in 0.0f64..=1.0,
        cashback_pick in 0.0f64..=1.0,
        shipping in 0i64..2_000,
    ) {
        let items: i64 = lines.iter().map(|(cents, _, _)| cents).sum();
        let discount = ((items as f64) * discount_pick) as i64;
        let total = items - discount + shipping;
        let cashback = ((total as f64) * cashback_pick) as i64;
        let rated: Vec<(i64, LineRates)> = lines
            .iter()
            .map(|(cents, platform_bps, boost_bps)| {
                (*cents, LineRates { platform_bps: *platform_bps, boost_bps: *boost_bps })
            })
            .collect();
        let part = PartAmounts {
            items_cents: items,
            discount_cents: discount,
            total_cents: total,
            cashback_used_cents: cashback,
        };
        let base = part.card_paid_items_cents();
        prop_assert!(base >= 0 && base <= items - discount, "base {} of items {}", base, items);
        let earned = earned_per_line(&part, &rated);
        let top_bps = i64::from(rated.iter().map(|(_, r)| r.total_bps()).max().unwrap_or(0));
        let earned_total: i64 = earned.iter().map(|e| e.total_cents()).sum();
        prop_assert!(earned.iter().all(|e| e.platform_cents >= 0 && e.boost_cents >= 0));
        prop_assert!(earned_total <= base * top_bps / 10_000 + 2 * rated.len() as i64);
        let at_full_price: i64 = earned_per_line(&PartAmounts::items_only(items), &rated)
            .iter()
            .map(|e| e.total_cents())
            .sum();
        // Largest-remainder splits are not monotone cent by cent (the Alabama paradox):
        // allow the one cent of rounding per line that can move.
        prop_assert!(earned_total <= at_full_price + rated.len() as i64);
    }
}
