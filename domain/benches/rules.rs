//! Micro-benchmarks of the hot pure code: what every cart page, checkout and search runs.
//! `cargo bench -p domain` (divan prints min / median / mean / max per call).
//!
//! - `cart_totals`: a 3-shop, 12-line cart's subtotals, delivery (free above a threshold),
//!   a platform discount shared over the shops and the commission per line;
//! - `cashback_split`: what each line of a 6-line part earns, card share after cashback;
//! - `search_words`: folding a shopper's query into the words the full-text engines match.

use domain::cashback::{LineRates, PartAmounts, earned_per_line};
use domain::money::{DiscountKind, apply_rate, shipping_for, split_proportionally, vat_included};

fn main() {
    divan::main();
}

/// (shop, unit price, quantity) of a believable cart.
const CART: [(usize, i64, i64); 12] = [
    (0, 1290, 1),
    (0, 499, 3),
    (0, 12900, 1),
    (0, 2590, 2),
    (1, 3490, 1),
    (1, 790, 4),
    (1, 15990, 1),
    (1, 990, 2),
    (2, 4590, 1),
    (2, 2290, 1),
    (2, 690, 6),
    (2, 8990, 1),
];

#[divan::bench]
fn cart_totals() -> (i64, i64, i64) {
    let cart = divan::black_box(&CART);
    let mut items = [0i64; 3];
    let mut commission = 0;
    for (shop, price, quantity) in cart {
        let line = price * quantity;
        items[*shop] += line;
        commission += apply_rate(line, 1200);
    }
    let shipping: i64 = items
        .iter()
        .map(|subtotal| shipping_for(*subtotal, 590, Some(5000)))
        .sum();
    let discount = DiscountKind::Percent(10).amount_on(items.iter().sum());
    let shares = split_proportionally(discount, &items);
    let total: i64 = items.iter().sum::<i64>() + shipping - shares.iter().sum::<i64>();
    (total, vat_included(total, 2000), commission)
}

#[divan::bench]
fn cashback_split() -> i64 {
    let part = divan::black_box(PartAmounts {
        items_cents: 48_340,
        discount_cents: 2_000,
        total_cents: 46_930,
        cashback_used_cents: 1_250,
    });
    let lines = divan::black_box([
        (
            12_900,
            LineRates {
                platform_bps: 300,
                boost_bps: 0,
            },
        ),
        (
            1_497,
            LineRates {
                platform_bps: 300,
                boost_bps: 200,
            },
        ),
        (
            5_180,
            LineRates {
                platform_bps: 500,
                boost_bps: 0,
            },
        ),
        (
            15_990,
            LineRates {
                platform_bps: 300,
                boost_bps: 100,
            },
        ),
        (
            3_160,
            LineRates {
                platform_bps: 300,
                boost_bps: 0,
            },
        ),
        (
            9_613,
            LineRates {
                platform_bps: 0,
                boost_bps: 400,
            },
        ),
    ]);
    earned_per_line(&part, &lines)
        .iter()
        .map(|earned| earned.total_cents())
        .sum()
}

#[divan::bench(args = ["perceuse", "Perceuse-visseuse « Makita » 18V sans fil", "théière fonte émaillée Château d'Eau"])]
fn search_words(query: &str) -> String {
    domain::fold_words(divan::black_box(query))
}
