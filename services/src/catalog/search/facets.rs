//! The total and the facet counts of a search, counted by the database in one query:
//! products per category and price band from `hits` (one row per product), products per
//! condition and per shop from `hit_offers` (a product counts once per value, however
//! many of its offers have it).

use std::collections::HashMap;

use sea_orm::FromQueryResult;

use super::scope::Scope;
use super::{FacetCounts, FacetValue, PRICE_BANDS, PriceBandCount};
use crate::catalog::sql::SqlBuilder;
use crate::catalog::views::condition_rank;
use crate::{Db, StoreError};

/// One group of the facet query.
#[derive(Debug, FromQueryResult)]
struct Group {
    kind: String,
    /// The category's or shop's slug, or the condition; `None` for a category row gone.
    value: Option<String>,
    label: Option<String>,
    label_en: Option<String>,
    /// Index into [`PRICE_BANDS`] (category rows only), -1 when in none.
    band: i64,
    products: i64,
}

/// `CASE WHEN best_total_cents >= 0 AND best_total_cents < 2000 THEN 0 … ELSE -1 END`.
fn band_sql() -> String {
    let mut sql = "CASE".to_owned();
    for (index, (min, max)) in PRICE_BANDS.iter().enumerate() {
        sql.push_str(&format!(" WHEN best_total_cents >= {min}"));
        if let Some(max) = max {
            sql.push_str(&format!(" AND best_total_cents < {max}"));
        }
        sql.push_str(&format!(" THEN {index}"));
    }
    sql.push_str(" ELSE -1 END");
    sql
}

/// The number of matching products and the facet counts over them.
pub async fn count(db: &Db, scope: &Scope<'_>) -> Result<(u64, FacetCounts), StoreError> {
    let mut sql = SqlBuilder::new(db.backend());
    scope.push_ctes(&mut sql, true);
    sql.push(&format!(
        " SELECT 'category' AS kind, c.slug AS value, c.name_fr AS label, c.name_en AS label_en, \
           CAST(g.band AS BIGINT) AS band, CAST(g.products AS BIGINT) AS products \
         FROM (SELECT category_id, band, COUNT(*) AS products \
           FROM (SELECT category_id, {band} AS band FROM hits) banded GROUP BY category_id, band) g \
         LEFT JOIN categories c ON c.id = g.category_id \
         UNION ALL SELECT 'condition', condition, condition, condition, CAST(0 AS BIGINT), \
           CAST(COUNT(DISTINCT product_id) AS BIGINT) FROM hit_offers GROUP BY condition \
         UNION ALL SELECT 'shop', s.slug, s.name, s.name, CAST(0 AS BIGINT), CAST(g.products AS BIGINT) \
         FROM (SELECT shop_id, COUNT(DISTINCT product_id) AS products FROM hit_offers GROUP BY shop_id) g \
         JOIN shops s ON s.id = g.shop_id",
        band = band_sql()
    ));
    let groups = Group::find_by_statement(sql.build()).all(db.conn()).await?;
    Ok(fold(groups))
}

/// Sums the groups into the total and the facets.
fn fold(groups: Vec<Group>) -> (u64, FacetCounts) {
    let mut total = 0;
    let mut categories: HashMap<String, FacetValue> = HashMap::new();
    let mut prices: Vec<PriceBandCount> = PRICE_BANDS
        .iter()
        .map(|&(min_cents, max_cents)| PriceBandCount {
            min_cents,
            max_cents,
            count: 0,
        })
        .collect();
    let mut facets = FacetCounts::default();
    for group in groups {
        let products = u64::try_from(group.products).unwrap_or(0);
        let facet = |value: String| FacetValue {
            label: group.label.clone().unwrap_or_else(|| value.clone()),
            label_en: group.label_en.clone().unwrap_or_else(|| value.clone()),
            value,
            count: products,
        };
        match (group.kind.as_str(), group.value.clone()) {
            ("category", value) => {
                total += products;
                if let Some(band) = usize::try_from(group.band)
                    .ok()
                    .and_then(|band| prices.get_mut(band))
                {
                    band.count += products;
                }
                if let Some(value) = value {
                    categories
                        .entry(value.clone())
                        .and_modify(|known| known.count += products)
                        .or_insert_with(|| facet(value));
                }
            }
            ("condition", Some(value)) => facets.conditions.push(facet(value)),
            ("shop", Some(value)) => facets.shops.push(facet(value)),
            _ => {}
        }
    }
    facets.categories = categories.into_values().collect();
    sort_facets(&mut facets.categories);
    sort_facets(&mut facets.shops);
    facets
        .conditions
        .sort_by_key(|facet| condition_rank(&facet.value));
    prices.retain(|band| band.count > 0);
    facets.prices = prices;
    (total, facets)
}

/// Most products first, then by value; at most 20.
fn sort_facets(facets: &mut Vec<FacetValue>) {
    facets.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    facets.truncate(20);
}

#[cfg(test)]
mod tests {
    use super::{Group, fold};

    fn group(kind: &str, value: &str, band: i64, products: i64) -> Group {
        Group {
            kind: kind.into(),
            value: Some(value.into()),
            label: Some(format!("{value} label")),
            label_en: None,
            band,
            products,
        }
    }

    #[test]
    fn category_rows_make_the_total_the_bands_and_one_facet_per_category() {
        let (total, facets) = fold(vec![
            group("category", "outils", 0, 3),
            group("category", "outils", 2, 1),
            group("category", "jardin", 2, 4),
            group("condition", "good", 0, 2),
            group("condition", "new", 0, 5),
            group("shop", "b", 0, 1),
            group("shop", "a", 0, 1),
        ]);
        assert_eq!(total, 8);
        let categories: Vec<(&str, u64)> = facets
            .categories
            .iter()
            .map(|f| (f.value.as_str(), f.count))
            .collect();
        assert_eq!(categories, [("jardin", 4), ("outils", 4)]);
        let bands: Vec<(i64, u64)> = facets
            .prices
            .iter()
            .map(|b| (b.min_cents, b.count))
            .collect();
        assert_eq!(bands, [(0, 3), (5_000, 5)]);
        let conditions: Vec<&str> = facets.conditions.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(conditions, ["new", "good"]);
        let shops: Vec<&str> = facets.shops.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(shops, ["a", "b"]);
        assert_eq!(facets.shops[0].label_en, "a");
    }
}
