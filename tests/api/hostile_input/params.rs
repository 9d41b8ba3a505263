//! Every query parser and path parameter: hostile values in each documented query
//! parameter, and in each path segment that carries an id or a code.

use super::{Cast, Probe, assert_none, failures_of, operations};

/// Query values, already percent-encoded where a browser would encode them.
const HOSTILE_QUERY_VALUES: &[&str] = &[
    "",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "abc",
    "%27%3B%20DROP%20TABLE%20users%3B%20--",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%00",
    "%FF%FE",
    "%F0%9F%92%A5",
    "1,2,3",
    "true",
];

/// Path segments, percent-encoded.
const HOSTILE_SEGMENTS: &[&str] = &[
    "..%2F..%2Fetc%2Fpasswd",
    "%00",
    "%27%20OR%20%271%27%3D%271",
    "-1",
    "%F0%9F%92%A5",
    "%FF",
    "0190a1b2-0000-7000-8000-00000000000Z",
];

#[tokio::test]
async fn every_query_parameter_and_path_segment_refuses_hostile_values_with_a_4xx() {
    let cast = Cast::assemble().await;
    let (_, operations) = operations(&cast.app).await;
    let long_segment = "x".repeat(5_000);
    let mut probes = Vec::new();
    let mut query_parameters = 0;
    for operation in &operations {
        let caller = cast.caller(&operation.path);
        let path = cast.concrete(&operation.path);
        let probe = |url_path: String, what: String| Probe {
            request: caller
                .raw(operation.method.clone(), &url_path)
                .header("content-type", "application/json")
                .body("{}"),
            what: format!("{} {} {what}", operation.method, operation.path),
        };
        let parameters = operation.spec["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for parameter in &parameters {
            let Some(name) = parameter["name"].as_str() else {
                continue;
            };
            match parameter["in"].as_str() {
                Some("query") => {
                    query_parameters += 1;
                    for value in HOSTILE_QUERY_VALUES {
                        probes.push(probe(
                            format!("/api/v1{path}?{name}={value}"),
                            format!("?{name}={value}"),
                        ));
                    }
                    probes.push(probe(
                        format!("/api/v1{path}?{name}=1&{name}=2"),
                        format!("?{name} twice"),
                    ));
                    probes.push(probe(
                        format!("/api/v1{path}?{name}={long_segment}"),
                        format!("?{name}=(5,000 characters)"),
                    ));
                }
                Some("path") => {
                    let placeholder = format!("{{{name}}}");
                    for value in HOSTILE_SEGMENTS
                        .iter()
                        .copied()
                        .chain([long_segment.as_str()])
                    {
                        let hostile = operation.path.replace(&placeholder, value);
                        let url_path = cast.concrete(&hostile);
                        let shown: String = value.chars().take(40).collect();
                        probes.push(probe(
                            format!("/api/v1{url_path}"),
                            format!("{{{name}}} = {shown}"),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    assert!(
        query_parameters >= 10,
        "found {query_parameters} query parameters"
    );
    assert_none(&failures_of(probes).await);
}
