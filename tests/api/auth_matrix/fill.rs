//! Concrete requests for route templates: each path parameter gets the victim's id of the
//! kind its place in the path names, and each write a valid body, so that a probe would
//! succeed if the server forgot to check who is calling.

use serde_json::{Value, json};

use super::world::Ids;

/// The victim's id for `{name}` after the literal segment `before` in `template`, or why
/// there is none.
fn id_for(
    ids: &Ids,
    method: &str,
    template: &str,
    before: &str,
    name: &str,
) -> Result<String, String> {
    let id = match (before, name) {
        // The one delete of an offer takes the spare, so the victim keeps its offer for
        // the probes that follow.
        ("offers", "id") if method.eq_ignore_ascii_case("delete") => &ids.spare_offer,
        ("offers", "id") => &ids.offer,
        ("products" | "wishlist", "id" | "product_id") => &ids.product,
        ("shops", "slug") => &ids.shop_slug,
        ("categories", "slug") => return Ok("maison".to_owned()),
        ("shops" | "payouts", "id" | "shop_id") => &ids.shop,
        ("locations", "id") => &ids.warehouse,
        ("items", "id" | "item_id") => &ids.cart_item,
        ("tokens", "id") => &ids.spare_token,
        ("till" | "handoff", "code") => &ids.handoff_code,
        ("disputes", "id") => &ids.dispute,
        ("discount-codes", "id") => &ids.discount_code,
        ("campaigns", "id") => &ids.campaign,
        ("orders", "id") if template.starts_with("/seller/orders") => &ids.seller_order,
        ("orders", "id") if template.contains("pickup") => &ids.pickup_order,
        ("parts", "part_id") if template.contains("pickup") => &ids.pickup_part,
        ("orders" | "pay", "id") => &ids.order,
        ("seller-orders" | "parts", "seller_order_id" | "part_id") => &ids.seller_order,
        (previous, "slug") if previous.starts_with('{') => return Ok("lampe".to_owned()),
        ("pkg", "*file") => return Ok("halles.js".to_owned()),
        _ => {
            return Err(format!(
                "no id for {{{name}}} after `{before}`: say which of the victim's ids it \
                 takes in auth_matrix/fill.rs (id_for)"
            ));
        }
    };
    Ok(id.clone())
}

/// `template` with every `{name}` replaced; `choices` gives the values of enum
/// parameters (one path per value).
pub fn paths(
    ids: &Ids,
    method: &str,
    template: &str,
    choices: &dyn Fn(&str) -> Option<Vec<String>>,
) -> Result<Vec<String>, String> {
    let mut paths = vec![String::new()];
    let mut before = "";
    for segment in template.split('/').skip(1) {
        let values = match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            None => vec![segment.to_owned()],
            Some(name) => match choices(name) {
                Some(values) => values,
                None => vec![id_for(ids, method, template, before, name)?],
            },
        };
        paths = paths
            .iter()
            .flat_map(|path| values.iter().map(move |value| format!("{path}/{value}")))
            .collect();
        before = segment;
    }
    if template == "/" {
        paths = vec!["/".to_owned()];
    }
    Ok(paths)
}

fn address() -> Value {
    json!({"name": "Bea Bystander", "line1": "1 rue Neutre", "line2": "", "postcode": "75002",
           "city": "Paris", "country": "FR"})
}

fn offer() -> Value {
    json!({"gtin": "4006381333931", "title": "Lampe de bureau", "price_cents": 1500,
           "condition": "new", "description": "", "category": "maison", "brand": "Test",
           "delivery_price_cents": 0, "delivery_days": 2})
}

fn location() -> Value {
    json!({"name": "Réserve", "kind": "warehouse", "address": "2 rue Neutre", "postcode": "75002",
           "city": "Paris", "pickup": false, "opening_hours": "", "preparation_minutes": 60})
}

/// A valid body for an API write, for the concrete `path` of `template`.
pub fn api_body(ids: &Ids, method: &str, template: &str, path: &str) -> Value {
    let action = path.rsplit('/').next().unwrap_or_default();
    match (method, template) {
        ("post", "/auth/signup") => {
            json!({"email": "newcomer@matrix.test", "password": super::world::PASSWORD,
                   "name": "Nouveau"})
        }
        ("post", "/auth/login") => {
            json!({"email": super::world::BYSTANDER, "password": super::world::PASSWORD})
        }
        ("post", "/cart/items") => json!({"offer_id": ids.offer, "quantity": 1}),
        ("patch", "/cart/items/{id}") => json!({"quantity": 2}),
        ("post", "/checkout" | "/checkout/quote") => json!({
            "fulfilments": [{"shop_id": ids.shop, "method": "delivery", "address": address()}],
            "payment_method": "pm_card_visa"
        }),
        ("post", "/orders/{id}/pay") => {
            json!({"card_number": "4242 4242 4242 4242", "expiry": "12/34", "cvc": "123",
                   "name": "Bea Bystander"})
        }
        ("post", "/orders/{id}/seller-orders/{seller_order_id}/disputes") => {
            json!({"kind": "not_received", "message": "Rien reçu"})
        }
        ("post", "/offers/{id}/report") => json!({"reason": "Contrefaçon"}),
        ("post", "/wishlist") => json!({"product_id": ids.product}),
        ("post", "/seller/shop") => {
            json!({"name": "Nouvelle", "slug": "nouvelle-boutique", "description": "x"})
        }
        ("patch", "/seller/shop") => json!({"description": "Mise à jour"}),
        ("post", "/seller/locations") | ("patch", "/seller/locations/{id}") => location(),
        ("post", "/seller/offers") | ("patch", "/seller/offers/{id}") => offer(),
        ("put", "/seller/offers/{id}/stock") => {
            json!({"location_id": ids.warehouse, "quantity": 19})
        }
        ("post", "/seller/offers/{id}/stock/transfer") => {
            json!({"from_location_id": ids.warehouse, "to_location_id": ids.store, "quantity": 1})
        }
        ("put", "/seller/offers/{id}/low-stock-threshold") => json!({"low_stock_threshold": 3}),
        ("put", "/seller/offers/{id}/cashback") => json!({"boost_bps": 100}),
        ("put", "/seller/cashback") => json!({"shop_boost_bps": 200}),
        ("post", "/seller/discount-codes") => {
            json!({"code": "NOUVEAU5", "kind": "percent", "value": 500})
        }
        ("post", "/seller/disputes/{id}/answer") => json!({"message": "Colis remis le 3"}),
        ("post", "/seller/orders/{id}/{action}") => match action {
            "ship" => json!({"carrier": "DPD", "tracking": "X1"}),
            "collect" => json!({"code": "WRONG123"}),
            "refund" => json!({"amount_cents": 100, "reason": "rayure"}),
            "return" => json!({"store_id": ids.store, "reason": "Trop petit"}),
            _ => json!({"reason": "matrice"}),
        },
        ("post", "/seller/till/{code}/sale") => json!({"store_id": ids.store, "payment": "cash"}),
        ("put", "/operator/settings") => json!({"commission_rate_bps": 1200,
            "cashback_rate_bps": 200, "return_window_days": 14, "pickup_hold_days": 5}),
        ("post", "/operator/campaigns") => json!({"name": "Été", "rate_bps": 300,
            "shop_id": ids.shop, "ends_at": (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339()}),
        ("post", "/operator/disputes/{id}/decide") => {
            json!({"decision": "reject", "reason": "matrice"})
        }
        _ => json!({"reason": "matrice"}),
    }
}

/// A valid form for a storefront post (the CSRF token is added when it is sent).
pub fn form_fields(ids: &Ids, template: &str) -> Vec<(String, String)> {
    let fields: Vec<(&str, String)> = match template {
        "/login" => vec![
            ("email", super::world::BYSTANDER.to_owned()),
            ("password", super::world::PASSWORD.to_owned()),
        ],
        "/signup" => vec![
            ("name", "Nouvelle".to_owned()),
            ("email", "newcomer-web@matrix.test".to_owned()),
            ("password", super::world::PASSWORD.to_owned()),
        ],
        "/cart/items" => vec![
            ("offer_id", ids.offer.clone()),
            ("quantity", "1".to_owned()),
        ],
        "/cart/items/{item_id}" => vec![("quantity", "2".to_owned())],
        "/wishlist" => vec![("product_id", ids.product.clone())],
        "/pay/{id}" => vec![
            ("card_number", "4242 4242 4242 4242".to_owned()),
            ("expiry", "12/34".to_owned()),
            ("cvc", "123".to_owned()),
            ("name", "Bea Bystander".to_owned()),
        ],
        "/orders/{id}/parts/{part_id}/return" => vec![("reason", "Trop petit".to_owned())],
        "/orders/{id}/parts/{part_id}/dispute" => vec![
            ("kind", "not_received".to_owned()),
            ("message", "Rien reçu".to_owned()),
        ],
        "/offers/{id}/report" => vec![
            ("kind", "counterfeit".to_owned()),
            ("details", "Logo douteux".to_owned()),
        ],
        _ => Vec::new(),
    };
    fields
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}

/// The arguments of a server function, URL-encoded as Leptos posts them.
pub fn server_fn_args(ids: &Ids, path: &str) -> Vec<(String, String)> {
    let args: Vec<(&str, String)> = match path.trim_start_matches("/_fn/") {
        "search_products" => vec![("params[q]", "lampe".to_owned())],
        "find_product" => vec![
            ("id", ids.product.clone()),
            ("near[near]", "75011".to_owned()),
        ],
        "find_shop" => vec![("slug", ids.shop_slug.clone())],
        "recently_viewed" | "list_shops" | "seen_in_app" | "recommended" => {
            vec![("count", "8".to_owned())]
        }
        "load_payment" | "load_order" | "load_order_disputes" => {
            vec![("order_id", ids.order.clone())]
        }
        "load_pickups" => vec![("order_id", ids.pickup_order.clone())],
        "load_checkout" => vec![
            ("choices[methods][0][0]", ids.shop.clone()),
            ("choices[methods][0][1]", "pickup".to_owned()),
            ("choices[stores][0][0]", ids.shop.clone()),
            ("choices[stores][0][1]", ids.store.clone()),
            ("choices[discount_code]", String::new()),
            ("choices[use_cashback]", "false".to_owned()),
        ],
        _ => Vec::new(),
    };
    args.into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}
