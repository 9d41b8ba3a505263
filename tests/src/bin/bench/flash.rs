//! `flash_sale`: every shopper wants the same offer, of which only [`UNITS`] units are
//! left. Each puts one unit in its cart (not measured), then all check out at once. The
//! checks: exactly [`UNITS`] checkouts answer 201, every other one 409 `out_of_stock`,
//! the paid order lines of the offer grew by exactly [`UNITS`], and nothing is left.

use std::time::Instant;

use sea_orm::Value;

use crate::buying::{Buyers, cart_shops};
use crate::report::ScenarioResult;
use crate::shoppers::Shopper;
use crate::tally::Tally;

/// Units on sale; fewer than the shoppers.
const UNITS: i64 = 40;

const SOLD_SQL: &str = "SELECT CAST(COALESCE(SUM(ol.quantity), 0) AS BIGINT) FROM order_lines ol \
    JOIN seller_orders so ON so.id = ol.seller_order_id JOIN orders o ON o.id = so.order_id \
    WHERE ol.offer_id = ? AND o.status = 'paid'";

const FREE_SQL: &str = "SELECT CAST(COALESCE(SUM(quantity - reserved), 0) AS BIGINT) \
    FROM stock_levels WHERE offer_id = ?";

pub async fn flash_sale(buyers: &Buyers, shoppers: &[Shopper]) -> anyhow::Result<ScenarioResult> {
    let market = &buyers.market;
    market.empty_carts().await?;
    let offer = market.offers[0].id.clone();
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
    anyhow::ensure!(market.count(FREE_SQL, id()).await? == UNITS, "flash stock");
    let sold_before = market.count(SOLD_SQL, id()).await?;

    let index = 0;
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

    let buyers_count = filled.iter().flatten().count() as u64;
    let created = tally.successes() as u64;
    let conflicts = tally.errors_of("409 out_of_stock");
    let sold = market.count(SOLD_SQL, id()).await? - sold_before;
    let free = market.count(FREE_SQL, id()).await?;
    let expected = UNITS as u64;
    let pass =
        created == expected && conflicts == buyers_count - expected && sold == UNITS && free == 0;
    let mut result = tally.result("flash_sale", elapsed);
    result.notes.push(format!(
        "{buyers_count} buyers, {UNITS} units: {created} × 201, {conflicts} × 409 out_of_stock, \
         {sold} units sold, {free} left"
    ));
    result.pass = Some(pass);
    Ok(result)
}
