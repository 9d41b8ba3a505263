//! Automated listing checks, run when an offer is created or its price or description
//! changes. An offer that fails one is held in `review` (hidden from shoppers, in the
//! operators' queue) instead of going live; the reason is kept on the offer for the
//! seller to read. The GTIN checksum is refused outright earlier (a 422): a doubtful
//! price or wording is not necessarily wrong, so it waits for a person instead.

use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use crate::StoreError;
use crate::db::statement;

/// Words that mark counterfeits and replicas, accent- and case-folded (see
/// [`domain::fold_words`]). A listing that uses one waits for an operator.
pub const BANNED_WORDS: &[&str] = &[
    "contrefacon",
    "counterfeit",
    "replica",
    "replique",
    "imitation",
    "fake",
];

/// Below this share of the median of the product's other offers, a price is doubtful…
pub const LOW_PERCENT: i64 = 30;
/// …and above this one.
pub const HIGH_PERCENT: i64 = 300;

/// The first banned word any of `texts` uses, as a whole word.
pub fn banned_word(texts: &[&str]) -> Option<&'static str> {
    texts.iter().find_map(|text| {
        let folded = domain::fold_words(text);
        let words: Vec<&str> = folded.split(' ').collect();
        BANNED_WORDS
            .iter()
            .find(|banned| words.contains(banned))
            .copied()
    })
}

/// The median of `prices` (the mean of the two middle ones for an even count).
pub fn median(prices: &mut [i64]) -> Option<i64> {
    if prices.is_empty() {
        return None;
    }
    prices.sort_unstable();
    let mid = prices.len() / 2;
    Some(if prices.len().is_multiple_of(2) {
        (prices[mid - 1] + prices[mid]) / 2
    } else {
        prices[mid]
    })
}

/// Why `price_cents` is doubtful next to `median_cents`, if it is.
pub fn price_doubt(price_cents: i64, median_cents: i64) -> Option<String> {
    if median_cents <= 0 {
        return None;
    }
    let euros = |cents: i64| format!("{},{:02} €", cents / 100, cents % 100);
    if price_cents * 100 < median_cents * LOW_PERCENT {
        Some(format!(
            "price {} is under {LOW_PERCENT} % of the median of other offers ({})",
            euros(price_cents),
            euros(median_cents)
        ))
    } else if price_cents * 100 > median_cents * HIGH_PERCENT {
        Some(format!(
            "price {} is over {HIGH_PERCENT} % of the median of other offers ({})",
            euros(price_cents),
            euros(median_cents)
        ))
    } else {
        None
    }
}

#[derive(Debug, FromQueryResult)]
struct Price {
    price_cents: i64,
}

/// Why an offer of `product_id` at `price_cents` with `texts` should wait for review, or
/// `None` when it may go live. `offer_id` (when editing) is left out of the median.
pub async fn review_reason(
    conn: &impl ConnectionTrait,
    product_id: &str,
    offer_id: Option<&str>,
    price_cents: i64,
    texts: &[&str],
) -> Result<Option<String>, StoreError> {
    if let Some(word) = banned_word(texts) {
        return Ok(Some(format!(
            "held for review: the listing uses the word “{word}”"
        )));
    }
    let mut prices: Vec<i64> = Price::find_by_statement(statement(
        conn.get_database_backend(),
        "SELECT o.price_cents FROM offers o JOIN shops s ON s.id = o.shop_id \
         WHERE o.product_id = ? AND o.id <> ? AND o.status = 'active' AND s.status = 'approved'",
        [
            Value::from(product_id.to_owned()),
            Value::from(offer_id.unwrap_or_default().to_owned()),
        ],
    ))
    .all(conn)
    .await?
    .into_iter()
    .map(|p| p.price_cents)
    .collect();
    Ok(median(&mut prices)
        .and_then(|m| price_doubt(price_cents, m))
        .map(|why| format!("held for review: {why}")))
}

#[cfg(test)]
mod tests {
    use super::{banned_word, median, price_doubt};

    #[test]
    fn banned_words_match_whole_words_whatever_the_case_and_accents() {
        assert_eq!(banned_word(&["Sac RÉPLIQUE parfaite"]), Some("replique"));
        assert_eq!(banned_word(&["ok", "a Fake watch"]), Some("fake"));
        assert_eq!(banned_word(&["Fakestrap watch"]), None);
        assert_eq!(banned_word(&["Lampe de bureau"]), None);
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [300, 100, 200]), Some(200));
        assert_eq!(median(&mut [100, 400, 200, 300]), Some(250));
    }

    #[test]
    fn prices_far_from_the_median_are_doubtful() {
        assert!(price_doubt(299, 1000).is_some());
        assert!(price_doubt(300, 1000).is_none());
        assert!(price_doubt(3000, 1000).is_none());
        assert!(price_doubt(3001, 1000).is_some());
        assert!(price_doubt(1, 0).is_none());
    }
}
