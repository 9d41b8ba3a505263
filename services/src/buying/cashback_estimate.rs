//! Cashback shown before buying: what an offer, a cart or a checkout would earn.
//!
//! Rates are read the way payment reads them (the platform's base rate from
//! [`crate::settings`], boosts and campaigns with [`cashback::LINE_RATES_SQL`]) and the
//! maths is payment's ([`domain::cashback`]), so the figure shown is the figure earned as
//! long as no rate changes before the payment.

use std::collections::HashMap;

use domain::cashback::{LineRates, PartAmounts, earned_per_line};
use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use super::cart::{CartView, LineState};
use super::cashback;
use super::checkout::Quote;
use crate::catalog::browse::ProductSheet;
use crate::catalog::views::ProductCardView;
use crate::db::statement;
use crate::{StoreError, now};

/// A line to estimate: units of an offer at a unit price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EstimateLine<'a> {
    pub offer_id: &'a str,
    pub price_cents: i64,
    pub quantity: i64,
}

impl EstimateLine<'_> {
    fn line_cents(&self) -> i64 {
        self.price_cents * self.quantity
    }
}

/// What one line would earn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineEstimate {
    pub offer_id: String,
    pub cashback_cents: i64,
    /// Every rate the line earns together (platform, campaign and shop boost), in basis points.
    pub rate_bps: i32,
}

/// What some lines would earn: each line (in the order asked) and the total, in cents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CashbackEstimate {
    pub lines: Vec<LineEstimate>,
    pub total_cents: i64,
}

impl CashbackEstimate {
    /// What the lines of `offer_id` would earn (0 when none is estimated).
    pub fn for_offer(&self, offer_id: &str) -> i64 {
        self.lines
            .iter()
            .filter(|line| line.offer_id == offer_id)
            .map(|line| line.cashback_cents)
            .sum()
    }
}

/// What a checkout would earn: one estimate per part of the quote, in its order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteEstimate {
    pub parts: Vec<CashbackEstimate>,
    pub total_cents: i64,
}

/// The rates of some offers, as payment would apply them now.
#[derive(Debug, Clone, Default)]
struct Rates {
    base_bps: i32,
    /// Offer id → (boost bps, campaign bps).
    by_offer: HashMap<String, (i32, i32)>,
}

impl Rates {
    fn of(&self, offer_id: &str) -> LineRates {
        let (boost_bps, campaign_bps) = self.by_offer.get(offer_id).copied().unwrap_or_default();
        cashback::line_rates(self.base_bps, boost_bps, campaign_bps)
    }
}

#[derive(Debug, FromQueryResult)]
struct OfferRateRow {
    offer_id: String,
    /// The platform's base rate, the same on every row.
    base_bps: Option<i32>,
    boost_bps: i32,
    campaign_bps: i32,
}

/// The platform's base rate, and every offer's boost and campaign, in one query.
async fn load_rates(conn: &impl ConnectionTrait, mut ids: Vec<&str>) -> Result<Rates, StoreError> {
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Rates::default());
    }
    let at = now();
    let placeholders = vec!["?"; ids.len()].join(", ");
    let values: Vec<Value> = [at.into(), at.into()]
        .into_iter()
        .chain(ids.iter().map(|id| Value::from((*id).to_owned())))
        .collect();
    let rows = OfferRateRow::find_by_statement(statement(
        conn.get_database_backend(),
        &format!(
            "SELECT o.id AS offer_id, \
             (SELECT cashback_rate_bps FROM platform_settings WHERE id = 1) AS base_bps, {} \
             FROM offers o JOIN shops s ON s.id = o.shop_id \
             JOIN products p ON p.id = o.product_id WHERE o.id IN ({placeholders})",
            cashback::LINE_RATES_SQL
        ),
        values,
    ))
    .all(conn)
    .await?;
    let base_bps = match rows.first() {
        Some(row) => row.base_bps.ok_or_else(crate::settings::missing)?,
        // None of these offers exists any more: nothing earns, whatever the base.
        None => 0,
    };
    Ok(Rates {
        base_bps,
        by_offer: rows
            .into_iter()
            .map(|row| (row.offer_id, (row.boost_bps, row.campaign_bps)))
            .collect(),
    })
}

/// What one shop's part would earn, line by line: payment's sum.
fn estimate_part(
    part: &PartAmounts,
    lines: &[EstimateLine<'_>],
    rates: &Rates,
) -> CashbackEstimate {
    let line_rates: Vec<(i64, LineRates)> = lines
        .iter()
        .map(|line| (line.line_cents(), rates.of(line.offer_id)))
        .collect();
    let lines: Vec<LineEstimate> = lines
        .iter()
        .zip(earned_per_line(part, &line_rates))
        .zip(&line_rates)
        .map(|((line, earned), (_, rates))| LineEstimate {
            offer_id: line.offer_id.to_owned(),
            cashback_cents: earned.total_cents(),
            rate_bps: rates.total_bps(),
        })
        .collect();
    CashbackEstimate {
        total_cents: lines.iter().map(|line| line.cashback_cents).sum(),
        lines,
    }
}

/// Lines bought at their price, without a discount or cashback spent. Each line earns on
/// its own amount: grouped by shop, payment shares the base out to exactly these amounts.
fn estimate_lines(lines: &[EstimateLine<'_>], rates: &Rates) -> CashbackEstimate {
    let lines: Vec<LineEstimate> = lines
        .iter()
        .flat_map(|line| {
            estimate_part(
                &PartAmounts::items_only(line.line_cents()),
                std::slice::from_ref(line),
                rates,
            )
            .lines
        })
        .collect();
    CashbackEstimate {
        total_cents: lines.iter().map(|line| line.cashback_cents).sum(),
        lines,
    }
}

/// What `lines` would earn, bought at their price (no discount, no cashback spent).
pub async fn estimate(
    conn: &impl ConnectionTrait,
    lines: &[EstimateLine<'_>],
) -> Result<CashbackEstimate, StoreError> {
    let ids: Vec<&str> = lines.iter().map(|line| line.offer_id).collect();
    let rates = load_rates(conn, ids).await?;
    Ok(estimate_lines(lines, &rates))
}

/// What one unit of each live offer of a product would earn.
pub async fn for_product(
    conn: &impl ConnectionTrait,
    product: &ProductSheet,
) -> Result<CashbackEstimate, StoreError> {
    let lines: Vec<EstimateLine<'_>> = product
        .offers
        .iter()
        .map(|(offer, _)| EstimateLine {
            offer_id: &offer.id,
            price_cents: offer.price_cents,
            quantity: 1,
        })
        .collect();
    estimate(conn, &lines).await
}

/// What one unit of each card's best offer would earn (a list of products).
pub async fn for_cards(
    conn: &impl ConnectionTrait,
    cards: &[ProductCardView],
) -> Result<CashbackEstimate, StoreError> {
    let lines: Vec<EstimateLine<'_>> = cards
        .iter()
        .filter_map(|card| card.best_offer.as_ref())
        .map(|offer| EstimateLine {
            offer_id: &offer.id,
            price_cents: offer.price_cents,
            quantity: 1,
        })
        .collect();
    if lines.is_empty() {
        return Ok(CashbackEstimate::default());
    }
    estimate(conn, &lines).await
}

/// What a cart would earn, checked out as it is (no discount, no cashback spent), at the
/// rates its lines were read with. Lines that can no longer be bought earn nothing, as
/// they count in no subtotal.
pub fn for_cart(cart: &CartView) -> Result<CashbackEstimate, StoreError> {
    let mut rates = Rates::default();
    let mut lines = Vec::new();
    for line in cart
        .lines()
        .filter(|line| line.state() != LineState::Unavailable)
    {
        rates.base_bps = line.base_bps.ok_or_else(crate::settings::missing)?;
        rates
            .by_offer
            .insert(line.offer_id.clone(), (line.boost_bps, line.campaign_bps));
        lines.push(EstimateLine {
            offer_id: &line.offer_id,
            price_cents: line.price_cents,
            quantity: i64::from(line.quantity),
        });
    }
    Ok(estimate_lines(&lines, &rates))
}

/// What the order of a quote would earn once paid: on what the card pays for the items of
/// each part (after the discount, less the part's share of the cashback spent).
pub async fn for_quote(
    conn: &impl ConnectionTrait,
    quote: &Quote,
) -> Result<QuoteEstimate, StoreError> {
    let mut ids: Vec<&str> = Vec::new();
    for part in &quote.parts {
        ids.extend(part.lines.iter().map(|line| line.offer_id.as_str()));
    }
    let rates = load_rates(conn, ids).await?;
    let parts: Vec<CashbackEstimate> = quote
        .parts
        .iter()
        .map(|part| {
            let amounts = PartAmounts {
                items_cents: part.items_cents,
                discount_cents: part.discount_cents,
                total_cents: part.total_cents,
                cashback_used_cents: part.cashback_used_cents,
            };
            let lines: Vec<EstimateLine<'_>> = part
                .lines
                .iter()
                .map(|line| EstimateLine {
                    offer_id: &line.offer_id,
                    price_cents: line.price_cents,
                    quantity: i64::from(line.quantity),
                })
                .collect();
            estimate_part(&amounts, &lines, &rates)
        })
        .collect();
    Ok(QuoteEstimate {
        total_cents: parts.iter().map(|part| part.total_cents).sum(),
        parts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rates() -> Rates {
        Rates {
            base_bps: 300,
            by_offer: HashMap::from([
                ("boosted".to_owned(), (200, 0)),
                ("campaign".to_owned(), (0, 500)),
            ]),
        }
    }

    fn line(offer_id: &str, price_cents: i64, quantity: i64) -> EstimateLine<'_> {
        EstimateLine {
            offer_id,
            price_cents,
            quantity,
        }
    }

    #[test]
    fn each_line_earns_its_rates_on_its_amount() {
        let estimate = estimate_lines(
            &[
                line("plain", 1_200, 2),
                line("boosted", 1_500, 1),
                line("campaign", 999, 1),
            ],
            &rates(),
        );
        // 3 % of 24.00 €; 5 % of 15.00 €; 8 % of 9.99 € = 0.7992 → 0.80.
        let cents: Vec<i64> = estimate.lines.iter().map(|l| l.cashback_cents).collect();
        assert_eq!(cents, vec![72, 75, 80]);
        let bps: Vec<i32> = estimate.lines.iter().map(|l| l.rate_bps).collect();
        assert_eq!(bps, vec![300, 500, 800]);
        assert_eq!(estimate.total_cents, 227);
        assert_eq!(estimate.for_offer("boosted"), 75);
        assert_eq!(estimate.for_offer("unknown"), 0);
    }

    #[test]
    fn estimated_lines_earn_what_their_shop_part_earns_at_payment() {
        let lines = [line("plain", 1_234, 3), line("boosted", 777, 1)];
        let alone = estimate_lines(&lines, &rates());
        let items: i64 = lines.iter().map(EstimateLine::line_cents).sum();
        // Paid as one part with 4.90 € of shipping: the same cents.
        let part = PartAmounts {
            items_cents: items,
            discount_cents: 0,
            total_cents: items + 490,
            cashback_used_cents: 0,
        };
        assert_eq!(estimate_part(&part, &lines, &rates()), alone);
    }

    #[test]
    fn a_part_earns_on_the_card_paid_items_only() {
        let lines = [line("plain", 10_000, 1)];
        let part = PartAmounts {
            items_cents: 10_000,
            discount_cents: 1_000,
            total_cents: 9_500,
            cashback_used_cents: 4_750,
        };
        // Items after discount (90 €), half of the part paid with cashback: 3 % of 45 €.
        assert_eq!(estimate_part(&part, &lines, &rates()).total_cents, 135);
    }
}
