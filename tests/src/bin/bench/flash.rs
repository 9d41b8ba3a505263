//! `flash_sale`: every buyer wants the same offer, of which one unit is left. Each puts it
//! in its cart (not measured), then all check out at once; repeated over several rounds,
//! a different offer each time. The checks, every round: exactly one checkout answers
//! 201, every other one 409 `out_of_stock` (no 5xx), the paid order lines of the offer
//! grew by exactly one unit, and nothing is left.

use std::time::{Duration, Instant};

use sea_orm::Value;

use crate::buying::{Buyers, cart_shops};
use crate::report::ScenarioResult;
use crate::shoppers::Shopper;
use crate::tally::Tally;

/// Units on sale in each round.
const UNITS: i64 = 1;

const SOLD_SQL: &str = "SELECT CAST(COALESCE(SUM(ol.quantity), 0) AS BIGINT) FROM order_lines ol \
    JOIN seller_orders so ON so.id = ol.seller_order_id JOIN orders o ON o.id = so.order_id \
    WHERE ol.offer_id = ? AND o.status = 'paid'";

const FREE_SQL: &str = "SELECT CAST(COALESCE(SUM(quantity - reserved), 0) AS BIGINT) \
    FROM stock_levels WHERE offer_id = ?";

/// What one round gave.
struct Round {
    tally: Tally,
    elapsed: Duration,
    buyers: u64,
    sold: i64,
    free: i64,
}

/// `rounds` races of every shopper for one unit.
pub async fn flash_sale(
    buyers: &Buyers,
    shoppers: &[Shopper],
    rounds: usize,
) -> anyhow::Result<ScenarioResult> {
    let mut tally = Tally::default();
    let mut elapsed = Duration::ZERO;
    let mut failed_rounds = 0;
    let (mut sold, mut left) = (0, 0);
    let mut buyers_count = 0;
    for round in 0..rounds {
        let outcome = race(buyers, shoppers, round).await?;
        let created = outcome.tally.successes() as u64;
        let conflicts = outcome.tally.errors_of("409 out_of_stock");
        if created != UNITS as u64
            || conflicts != outcome.buyers - UNITS as u64
            || outcome.sold != UNITS
            || outcome.free != 0
        {
            failed_rounds += 1;
        }
        sold += outcome.sold;
        left += outcome.free;
        buyers_count = outcome.buyers;
        elapsed += outcome.elapsed;
        tally.merge(outcome.tally);
    }
    let created = tally.successes();
    let conflicts = tally.errors_of("409 out_of_stock");
    let oversold = sold - (rounds as i64 * UNITS);
    let mut result = tally.result("flash_sale", elapsed);
    result.notes.push(format!(
        "{rounds} rounds of {buyers_count} buyers for {UNITS} unit: {created} × 201, \
         {conflicts} × 409 out_of_stock, {sold} units sold ({oversold} oversold), {left} left, \
         {failed_rounds} rounds off"
    ));
    result.pass = Some(failed_rounds == 0);
    Ok(result)
}

/// One race: the offer of index `round` gets exactly [`UNITS`] free units, every shopper
/// fills its cart with one, then all check out at once.
async fn race(buyers: &Buyers, shoppers: &[Shopper], round: usize) -> anyhow::Result<Round> {
    let market = &buyers.market;
    market.empty_carts().await?;
    let index = round % market.offers.len();
    let offer = market.offers[index].id.clone();
    let id = || vec![Value::from(offer.clone())];
    // Nothing free anywhere, then UNITS free at the offer's first location.
    market
        .execute(
            "UPDATE stock_levels SET quantity = reserved WHERE offer_id = ?",
            id(),
        )
        .await?;
    market
        .execute(
            "UPDATE stock_levels SET quantity = reserved + ? WHERE offer_id = ? AND location_id = \
             (SELECT MIN(location_id) FROM stock_levels WHERE offer_id = ?)",
            vec![
                Value::from(UNITS),
                Value::from(offer.clone()),
                Value::from(offer.clone()),
            ],
        )
        .await?;
    services::catalog::listings::refresh_now(
        &market.db,
        services::catalog::listings::Listed::ProductsOfOffers(std::slice::from_ref(&offer)),
    )
    .await?;
    anyhow::ensure!(market.count(FREE_SQL, id()).await? == UNITS, "flash stock");
    let sold_before = market.count(SOLD_SQL, id()).await?;

    let fills = shoppers.iter().map(|shopper| {
        let buyers = buyers.clone();
        let token = shopper.token.clone();
        tokio::spawn(async move { Tally::default().send(buyers.add(&token, index)).await })
    });
    let filled: Vec<Option<Vec<u8>>> = futures::future::join_all(fills)
        .await
        .into_iter()
        .collect::<Result<_, _>>()?;
    let shop_ids = filled
        .iter()
        .flatten()
        .map(|body| cart_shops(body))
        .next()
        .unwrap_or_default();
    let started = Instant::now();
    let checkouts = shoppers
        .iter()
        .zip(&filled)
        .filter(|(_, body)| body.is_some());
    let checkouts = checkouts.map(|(shopper, _)| {
        let request = buyers.checkout(&shopper.token, &shop_ids);
        tokio::spawn(async move {
            let mut tally = Tally::default();
            tally.send(request).await;
            tally
        })
    });
    let mut tally = Tally::default();
    for worker in futures::future::join_all(checkouts).await {
        tally.merge(worker?);
    }
    let elapsed = started.elapsed();

    Ok(Round {
        buyers: filled.iter().flatten().count() as u64,
        sold: market.count(SOLD_SQL, id()).await? - sold_before,
        free: market.count(FREE_SQL, id()).await?,
        tally,
        elapsed,
    })
}
