//! The OpenAPI document at `/api/v1/openapi.json`: valid OpenAPI 3.1, generated from the
//! very router that serves the API, every documented operation routed, every fixed
//! endpoint of the contract (`shared/API.md`) documented; and its reference page.

use std::collections::BTreeSet;

use openapi_spec_validator_rs::{ErrorMode, Options, Outcome, validate};
use serde_json::Value;
use tests::{TestApp, spawn_app};

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// The fixed endpoints of the contract, with the statuses it names for them.
const CONTRACT: &[(&str, &str, &[u16])] = &[
    ("post", "/auth/signup", &[201, 409]),
    ("post", "/auth/login", &[200, 401]),
    ("post", "/auth/logout", &[204]),
    ("get", "/me", &[200, 401]),
    ("get", "/products", &[200]),
    ("get", "/products/{id}", &[200, 404]),
    ("get", "/shops", &[200]),
    ("get", "/shops/{slug}", &[200, 404]),
    ("get", "/categories", &[200]),
    ("post", "/seller/shop", &[201]),
    ("get", "/seller/locations", &[200, 403]),
    ("post", "/seller/locations", &[201, 422]),
    ("patch", "/seller/locations/{id}", &[200, 404]),
    ("get", "/seller/offers", &[200]),
    ("post", "/seller/offers", &[201, 422]),
    ("patch", "/seller/offers/{id}", &[200, 404]),
    ("delete", "/seller/offers/{id}", &[404]),
    ("put", "/seller/offers/{id}/stock", &[200, 404]),
    ("get", "/seller/orders", &[200]),
    ("get", "/seller/orders/{id}", &[200, 404]),
    ("post", "/seller/orders/{id}/accept", &[200, 409]),
    ("post", "/seller/orders/{id}/ship", &[200, 409]),
    ("post", "/seller/orders/{id}/ready", &[200, 409]),
    ("post", "/seller/orders/{id}/collect", &[200, 409]),
    ("post", "/seller/orders/{id}/cancel", &[200, 409]),
    ("post", "/seller/orders/{id}/refund", &[200, 409]),
    ("get", "/cart", &[200]),
    ("post", "/cart/items", &[201]),
    ("patch", "/cart/items/{id}", &[200]),
    ("delete", "/cart/items/{id}", &[200]),
    ("post", "/checkout", &[201, 400, 401, 402, 409, 422]),
    ("get", "/orders", &[200, 401]),
    ("get", "/orders/{id}", &[200, 404]),
    ("get", "/wallet", &[200, 401]),
    ("post", "/offers/{id}/report", &[201]),
    ("get", "/operator/shops", &[200, 401, 403]),
    ("post", "/operator/shops/{id}/approve", &[200]),
    ("post", "/operator/shops/{id}/reject", &[200]),
    ("post", "/operator/shops/{id}/suspend", &[200]),
    ("post", "/operator/shops/{id}/reinstate", &[200]),
    ("get", "/operator/reports", &[200]),
    ("post", "/operator/offers/{id}/takedown", &[200]),
    ("get", "/operator/settings", &[200, 403]),
    ("put", "/operator/settings", &[200]),
    ("get", "/operator/audit", &[200]),
    ("get", "/wishlist", &[200, 401]),
    ("post", "/wishlist", &[201, 422]),
    ("delete", "/wishlist/{product_id}", &[204]),
    ("post", "/cart/handoff", &[201, 401, 409]),
    ("get", "/seller/till/{code}", &[200, 403, 404]),
    ("post", "/seller/till/{code}/sale", &[201, 404, 409, 422]),
];

/// Query parameters and headers the contract names.
const CONTRACT_PARAMETERS: &[(&str, &str, &[&str])] = &[
    (
        "get",
        "/products",
        &[
            "q",
            "category",
            "min_price_cents",
            "max_price_cents",
            "condition",
            "shop",
            "pickup_postcode",
            "pickup_radius_km",
            "page",
            "per_page",
        ],
    ),
    ("get", "/seller/orders", &["status", "page", "per_page"]),
    ("get", "/operator/shops", &["status"]),
    ("get", "/operator/kpis", &["days"]),
    ("post", "/checkout", &["Idempotency-Key"]),
    ("post", "/orders/{id}/pay", &["Idempotency-Key"]),
    ("post", "/seller/orders/{id}/{action}", &["Idempotency-Key"]),
];

async fn served_document(app: &TestApp) -> Value {
    let response = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 200);
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    response.json().await.expect("a JSON document")
}

/// Every `(method, path template, operation)` of the document.
fn operations(document: &Value) -> Vec<(String, String, Value)> {
    let mut found = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                found.push((method.to_owned(), path.clone(), operation.clone()));
            }
        }
    }
    found
}

/// What a JSON pointer (`#/components/schemas/User`) names in `document`.
fn resolve<'a>(document: &'a Value, reference: &str) -> Option<&'a Value> {
    document.pointer(reference.strip_prefix('#')?)
}

fn unresolved_refs(document: &Value, value: &Value, at: &str, missing: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if key == "$ref" {
                    let target = inner.as_str().unwrap_or_default();
                    if resolve(document, target).is_none() {
                        missing.push(format!("{at}: {target}"));
                    }
                } else {
                    unresolved_refs(document, inner, &format!("{at}/{key}"), missing);
                }
            }
        }
        Value::Array(items) => {
            for (index, inner) in items.iter().enumerate() {
                unresolved_refs(document, inner, &format!("{at}/{index}"), missing);
            }
        }
        _ => {}
    }
}

/// A validator message without the whole document it may quote.
fn shortened(message: &str) -> String {
    match message.char_indices().nth(600) {
        Some((cut, _)) => format!("{}…", &message[..cut]),
        None => message.to_owned(),
    }
}

#[tokio::test]
async fn the_openapi_document_is_valid_openapi_3_1_and_every_ref_resolves() {
    let app = spawn_app().await;
    let document = served_document(&app).await;
    assert!(
        document["openapi"]
            .as_str()
            .is_some_and(|version| version.starts_with("3.1")),
        "{}",
        document["openapi"]
    );
    assert_eq!(document["info"]["title"], "Halles API");
    assert_eq!(document["servers"][0]["url"], "/api/v1");
    // The official OpenAPI 3.1 schema, then the semantic checks of openapi-spec-validator
    // (path parameters declared, unique operation ids, schemas valid in their dialect…),
    // with no downloads: every reference is internal.
    let options = Options {
        errors: ErrorMode::All,
        retriever: None,
        ..Options::default()
    };
    match validate(&document, &options) {
        Outcome::Valid => {}
        Outcome::Invalid(errors) => panic!(
            "the document is not valid OpenAPI:\n{}",
            errors
                .iter()
                .map(|error| shortened(&error.to_string()))
                .collect::<Vec<_>>()
                .join("\n\n")
        ),
        Outcome::Error(error) => panic!("the validator stopped: {}", shortened(&error)),
    }
    let mut missing = Vec::new();
    unresolved_refs(&document, &document, "#", &mut missing);
    assert!(missing.is_empty(), "unresolved $ref: {missing:#?}");
}

#[tokio::test]
async fn the_served_document_is_the_one_the_api_router_is_built_from() {
    let app = spawn_app().await;
    let served = served_document(&app).await;
    let built = serde_json::to_value(server::http::api::document()).expect("serialises");
    assert_eq!(served, built);
}

/// A concrete URL path for a template: an enum parameter takes its first value.
fn concrete(path: &str, operation: &Value, document: &Value) -> String {
    path.split('/')
        .map(|segment| {
            let Some(name) = segment
                .strip_prefix('{')
                .and_then(|rest| rest.strip_suffix('}'))
            else {
                return segment.to_owned();
            };
            parameter_enum(operation, document, name)
                .and_then(|values| values.first().cloned())
                .unwrap_or_else(|| "00000000-0000-0000-0000-000000000000".to_owned())
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The values an enum path parameter takes, when it is an enum.
fn parameter_enum(operation: &Value, document: &Value, name: &str) -> Option<Vec<String>> {
    let parameter = operation["parameters"]
        .as_array()?
        .iter()
        .find(|parameter| parameter["name"] == name && parameter["in"] == "path")?;
    let schema = match parameter["schema"]["$ref"].as_str() {
        Some(reference) => resolve(document, reference)?,
        None => &parameter["schema"],
    };
    Some(
        schema["enum"]
            .as_array()?
            .iter()
            .filter_map(|value| value.as_str().map(str::to_owned))
            .collect(),
    )
}

/// Whether an operation may be called without credentials (`security` lists `{}`).
fn is_public(operation: &Value) -> bool {
    operation["security"].as_array().is_none_or(|requirements| {
        requirements
            .iter()
            .any(|requirement| requirement.as_object().is_some_and(|r| r.is_empty()))
    })
}

#[tokio::test]
async fn every_documented_operation_is_routed_and_guarded_as_documented() {
    let app = spawn_app().await;
    let document = served_document(&app).await;
    let client = reqwest::Client::new();
    let mut problems = Vec::new();
    for (method, path, operation) in operations(&document) {
        let url = app.url(&format!(
            "/api/v1{}",
            concrete(&path, &operation, &document)
        ));
        let request = match method.as_str() {
            "get" => client.get(&url),
            "post" => client.post(&url),
            "put" => client.put(&url),
            "patch" => client.patch(&url),
            _ => client.delete(&url),
        };
        let response = request.send().await.expect("sent");
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        let fell_through = (status == 404
            && body["error"]["message"] == server::http::api::NO_SUCH_ENDPOINT)
            || status == 405;
        if fell_through {
            problems.push(format!(
                "{method} {path}: documented but not routed ({status})"
            ));
        } else if !is_public(&operation) && status != 401 {
            problems.push(format!(
                "{method} {path}: documented as needing credentials, answered {status} without"
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Whether `template` (of the document) serves `wanted` (of the contract): literal
/// segments equal, a contract `{x}` against any parameter, a contract literal against an
/// enum parameter that lists it.
fn serves(template: &str, operation: &Value, document: &Value, wanted: &str) -> bool {
    let ours: Vec<&str> = template.split('/').collect();
    let theirs: Vec<&str> = wanted.split('/').collect();
    ours.len() == theirs.len()
        && ours.iter().zip(&theirs).all(|(our, their)| {
            let our_name = our.strip_prefix('{').and_then(|s| s.strip_suffix('}'));
            match our_name {
                None => our == their,
                Some(_) if their.starts_with('{') => true,
                Some(name) => parameter_enum(operation, document, name)
                    .is_some_and(|values| values.iter().any(|value| value == their)),
            }
        })
}

fn find<'a>(
    operations: &'a [(String, String, Value)],
    document: &Value,
    method: &str,
    wanted: &str,
) -> Option<&'a Value> {
    operations
        .iter()
        .filter(|(our_method, _, _)| our_method == method)
        .find(|(_, template, operation)| serves(template, operation, document, wanted))
        .map(|(_, _, operation)| operation)
}

#[tokio::test]
async fn every_fixed_endpoint_of_the_contract_is_documented_with_its_statuses() {
    let app = spawn_app().await;
    let document = served_document(&app).await;
    let operations = operations(&document);
    let mut problems = Vec::new();
    for (method, path, statuses) in CONTRACT {
        let Some(operation) = find(&operations, &document, method, path) else {
            problems.push(format!("{method} {path}: not in the document"));
            continue;
        };
        let documented: BTreeSet<u16> = operation["responses"]
            .as_object()
            .map(|responses| responses.keys().filter_map(|s| s.parse().ok()).collect())
            .unwrap_or_default();
        for status in *statuses {
            if !documented.contains(status) {
                problems.push(format!("{method} {path}: status {status} not documented"));
            }
        }
    }
    for (method, path, names) in CONTRACT_PARAMETERS {
        let Some(operation) = find(&operations, &document, method, path) else {
            problems.push(format!("{method} {path}: not in the document"));
            continue;
        };
        let documented: BTreeSet<&str> = operation["parameters"]
            .as_array()
            .map(|parameters| {
                parameters
                    .iter()
                    .filter_map(|parameter| parameter["name"].as_str())
                    .collect()
            })
            .unwrap_or_default();
        for name in *names {
            if !documented.contains(name) {
                problems.push(format!("{method} {path}: parameter {name} not documented"));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[tokio::test]
async fn the_reference_page_lists_every_path_as_html_without_scripts() {
    let app = spawn_app().await;
    let document = served_document(&app).await;
    let response = reqwest::get(app.url("/api/v1/docs")).await.expect("sent");
    assert_eq!(response.status().as_u16(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert!(header("content-type").starts_with("text/html"));
    assert!(header("content-security-policy").contains("default-src 'none'"));
    let html = response.text().await.expect("a page");
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<h1>Halles API"));
    assert!(!html.to_lowercase().contains("<script"));
    for (_, path, _) in operations(&document) {
        let shown = format!("<code>{}</code>", path.replace('&', "&amp;"));
        assert!(html.contains(&shown), "{path} is not on the page");
    }
}
