//! Every JSON request body type: a plausible body with each field in turn replaced by a
//! hostile value or removed, random JSON, and bytes that are not JSON at all.

use serde_json::Value;

use super::schema::{Components, field_paths, hostile_values, random_json, replaced};
use super::{Cast, Probe, assert_none, excerpt, failures_of, operations};

/// Random bodies per operation, from fixed seeds so a failure can be replayed: 12 in the
/// suite, `HALLES_HOSTILE_RANDOM_BODIES=N` for a longer run.
fn random_bodies() -> u64 {
    std::env::var("HALLES_HOSTILE_RANDOM_BODIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12)
}

/// Bodies that are not JSON, or JSON no parser should have to chew on.
fn broken_bodies() -> Vec<Vec<u8>> {
    vec![
        Vec::new(),
        b"{".to_vec(),
        b"{\"a\": }".to_vec(),
        b"nul".to_vec(),
        b"\x00\x01\x02".to_vec(),
        vec![0xff, 0xfe, 0x7b, 0x7d],
        "[".repeat(100_000).into_bytes(),
        format!("{}1{}", "{\"a\":".repeat(5_000), "}".repeat(5_000)).into_bytes(),
        b"{\"quantity\": 1, \"quantity\": \"two\"}".to_vec(),
        b"1e99999".to_vec(),
        "\"\\ud800\"".as_bytes().to_vec(),
    ]
}

#[tokio::test]
async fn every_json_body_type_refuses_hostile_bodies_with_a_4xx() {
    let cast = Cast::assemble().await;
    let (document, operations) = operations(&cast.app).await;
    let components = Components(&document);
    let mut probes = Vec::new();
    let mut body_types = 0;
    for operation in &operations {
        let Some(schema) =
            operation.spec["requestBody"]["content"]["application/json"].get("schema")
        else {
            continue;
        };
        body_types += 1;
        let path = cast.concrete(&operation.path);
        let caller = cast.caller(&operation.path);
        let probe = |body: Vec<u8>, what: String| Probe {
            request: caller
                .raw(operation.method.clone(), &format!("/api/v1{path}"))
                .header("content-type", "application/json")
                .header("idempotency-key", uuid::Uuid::now_v7().to_string())
                .body(body),
            what: format!("{} {} {what}", operation.method, operation.path),
        };
        let plausible = components.sample(schema, 0);
        for field in field_paths(&plausible) {
            let name = format!("{field:?}");
            for value in hostile_values() {
                let body = replaced(&plausible, &field, Some(&value)).to_string();
                probes.push(probe(
                    body.clone().into_bytes(),
                    format!("{name} = {}", excerpt(&value.to_string())),
                ));
            }
            let without = replaced(&plausible, &field, None).to_string();
            probes.push(probe(without.into_bytes(), format!("without {name}")));
        }
        for seed in 0..random_bodies() {
            let body = random_json(seed).to_string();
            probes.push(probe(
                body.clone().into_bytes(),
                format!("random #{seed}: {}", excerpt(&body)),
            ));
        }
        for body in broken_bodies() {
            let shown = excerpt(&String::from_utf8_lossy(&body));
            probes.push(probe(body, format!("broken: {shown}")));
        }
        probes.push(probe(
            Value::Null.to_string().into_bytes(),
            "null".to_owned(),
        ));
    }
    assert!(body_types >= 25, "found {body_types} body types");
    assert_none(&failures_of(probes).await);
    crate::market::assert_invariants(&cast.app).await;
}
