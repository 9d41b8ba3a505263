//! The API's probes, from the route table the API is built from: its OpenAPI document, as
//! `GET /api/v1/openapi.json` serves it. Every operation (each value of an enum path
//! parameter apart) is probed as every role.

use admin_tui::client::Method;
use serde_json::Value;
use tests::TestApp;

use super::classes::api_class;
use super::fill::{api_body, paths};
use super::probe::{Payload, Probe, Surface};
use super::roles::Role;
use super::world::World;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// A 1×1 PNG, for the image upload.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

/// Whether an operation may be called without credentials, and whether it also takes
/// them (`security` lists `{}`, and maybe schemes beside it).
fn security(operation: &Value) -> (bool, bool) {
    let requirements = operation["security"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let open = requirements
        .iter()
        .any(|r| r.as_object().is_some_and(|r| r.is_empty()));
    let schemes = requirements
        .iter()
        .any(|r| r.as_object().is_some_and(|r| !r.is_empty()));
    (open && !schemes, open && schemes)
}

/// The values of an enum path parameter `name` of `operation`.
fn enum_values(document: &Value, operation: &Value, name: &str) -> Option<Vec<String>> {
    let parameter = operation["parameters"]
        .as_array()?
        .iter()
        .find(|parameter| parameter["name"] == name && parameter["in"] == "path")?;
    let schema = match parameter["schema"]["$ref"].as_str() {
        Some(reference) => document.pointer(reference.strip_prefix('#')?)?,
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

/// Every API probe; what could not be probed goes to `unclassified`.
pub async fn probes(
    app: &TestApp,
    world: &World,
    unclassified: &mut Vec<String>,
) -> (Vec<Probe>, usize) {
    let document: Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .expect("the OpenAPI document")
        .json()
        .await
        .expect("JSON");
    let mut probes = Vec::new();
    let mut routes = 0;
    for (template, item) in document["paths"].as_object().expect("paths") {
        for method in METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            let (public, visitors_too) = security(operation);
            let class = api_class(method, template, public, visitors_too);
            let concrete = match paths(&world.ids, method, template, &|name| {
                enum_values(&document, operation, name)
            }) {
                Ok(paths) => paths,
                Err(why) => {
                    unclassified.push(format!("{} {template}: {why}", method.to_uppercase()));
                    continue;
                }
            };
            for path in concrete {
                routes += 1;
                let payload = match method {
                    "get" | "delete" => Payload::None,
                    _ if template.ends_with("/image") => Payload::Bytes(PNG),
                    _ => Payload::Json(api_body(&world.ids, method, template, &path)),
                };
                for role in Role::ALL {
                    probes.push(Probe {
                        surface: Surface::Api,
                        method: Method::from_bytes(method.to_uppercase().as_bytes())
                            .expect("BUG: a known method"),
                        route: format!("{} /api/v1{template}", method.to_uppercase()),
                        path: path.clone(),
                        payload: payload.clone(),
                        role,
                        class,
                        expect: class.expect(role),
                    });
                }
            }
        }
    }
    (probes, routes)
}
