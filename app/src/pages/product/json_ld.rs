//! The schema.org description of a product page, for search engines: a `Product` with
//! an `AggregateOffer` of every offer. Built from the same DTO on the server and in the
//! browser, so both render the very same text.

use api_types::catalog::{ProductDetail, ProductOffer};
use serde_json::{Value, json};

use crate::components::product_tile::{product_href, product_image_src};
use crate::format::decimal_price;

/// The JSON-LD of `product`, safe inside `<script>`: `<`, `>` and `&` are written as
/// JSON escapes, so no `</script>` or `<!--` in a title can end or upset the element.
pub fn product_json_ld(product: &ProductDetail) -> String {
    let mut doc = json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "@id": product_href(&product.id, &product.slug),
        "name": product.title,
        "description": product.description,
        "image": product_image_src(&product.id),
        "brand": { "@type": "Brand", "name": product.brand },
        "category": product.category.name_fr,
    });
    if let Some((key, gtin)) = gtin_property(&product.gtin) {
        doc[key] = Value::String(gtin);
    }
    if !product.offers.is_empty() {
        let low = product
            .offers
            .iter()
            .map(|o| o.price_cents)
            .min()
            .unwrap_or(0);
        let high = product
            .offers
            .iter()
            .map(|o| o.price_cents)
            .max()
            .unwrap_or(0);
        doc["offers"] = json!({
            "@type": "AggregateOffer",
            "priceCurrency": "EUR",
            "lowPrice": decimal_price(low),
            "highPrice": decimal_price(high),
            "offerCount": product.offers.len(),
            "offers": product.offers.iter().map(offer).collect::<Vec<_>>(),
        });
    }
    escape_for_script(&doc.to_string())
}

fn offer(offer: &ProductOffer) -> Value {
    let availability = if offer.available > 0 {
        "InStock"
    } else {
        "OutOfStock"
    };
    let condition = if offer.condition == "new" {
        "NewCondition"
    } else {
        "UsedCondition"
    };
    json!({
        "@type": "Offer",
        "price": decimal_price(offer.price_cents),
        "priceCurrency": offer.currency,
        "availability": format!("https://schema.org/{availability}"),
        "itemCondition": format!("https://schema.org/{condition}"),
        "seller": { "@type": "Organization", "name": offer.shop.name },
        "url": format!("/shops/{}", offer.shop.slug),
    })
}

/// `gtin13` for an EAN-13 (stored with a leading zero as 14 digits), `gtin14` otherwise.
fn gtin_property(gtin: &str) -> Option<(&'static str, String)> {
    if !gtin.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match gtin.len() {
        14 if gtin.starts_with('0') => Some(("gtin13", gtin[1..].to_owned())),
        14 => Some(("gtin14", gtin.to_owned())),
        13 => Some(("gtin13", gtin.to_owned())),
        12 => Some(("gtin12", gtin.to_owned())),
        8 => Some(("gtin8", gtin.to_owned())),
        _ => None,
    }
}

/// JSON text that cannot close or comment out the `<script>` it sits in.
pub fn escape_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use api_types::catalog::{Category, Delivery, ProductDetail, ProductOffer, ShopCard};
    use serde_json::Value;

    use super::{gtin_property, product_json_ld};

    fn product() -> ProductDetail {
        let shop = ShopCard {
            id: "s1".into(),
            slug: "atelier".into(),
            name: "L'Atelier".into(),
            description: String::new(),
            banner_color: "#123456".into(),
            rating_centi: 460,
            rating_count: 12,
        };
        ProductDetail {
            id: "p1".into(),
            gtin: "04006381333931".into(),
            title: "Perceuse </script><script>alert(1)</script>".into(),
            brand: "Makita".into(),
            slug: "perceuse".into(),
            description: "Deux batteries & coffret".into(),
            category: Category {
                id: "c1".into(),
                slug: "bricolage".into(),
                parent_id: None,
                name_fr: "Bricolage".into(),
                name_en: "DIY".into(),
            },
            offers: vec![ProductOffer {
                id: "o1".into(),
                shop,
                price_cents: 9_900,
                currency: "EUR".into(),
                condition: "new".into(),
                description: String::new(),
                delivery: Delivery {
                    price_cents: 590,
                    days: 2,
                },
                total_cents: 10_490,
                available: 0,
                pickup_stores: Vec::new(),
                cashback_cents: 0,
            }],
        }
    }

    #[test]
    fn json_ld_cannot_break_out_of_its_script_and_stays_valid_json() {
        let text = product_json_ld(&product());
        assert!(!text.contains("</"));
        assert!(!text.contains('<'));
        let doc: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(doc["name"], "Perceuse </script><script>alert(1)</script>");
        assert_eq!(doc["gtin13"], "4006381333931");
        assert_eq!(doc["offers"]["offers"][0]["price"], "99.00");
        assert_eq!(
            doc["offers"]["offers"][0]["availability"],
            "https://schema.org/OutOfStock"
        );
        assert_eq!(doc["offers"]["offers"][0]["seller"]["name"], "L'Atelier");
    }

    #[test]
    fn gtins_are_named_by_their_length() {
        assert_eq!(
            gtin_property("04006381333931"),
            Some(("gtin13", "4006381333931".into()))
        );
        assert_eq!(
            gtin_property("14006381333938"),
            Some(("gtin14", "14006381333938".into()))
        );
        assert_eq!(gtin_property("12ab"), None);
    }
}
