//! Every answer carries the browser security headers; a page's policy names the nonce its
//! scripts carry, and no script on it runs without that nonce.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use tests::spawn_app;

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_else(|| panic!("the answer has no {name} header"))
}

fn assert_common_headers(headers: &HeaderMap) {
    assert_eq!(header(headers, "x-content-type-options"), "nosniff");
    assert_eq!(header(headers, "x-frame-options"), "DENY");
    assert_eq!(
        header(headers, "referrer-policy"),
        "strict-origin-when-cross-origin"
    );
    assert!(header(headers, "content-security-policy").contains("frame-ancestors 'none'"));
}

/// The `nonce-…` source of a policy's `script-src`.
fn script_nonce(policy: &str) -> String {
    let scripts = policy
        .split(';')
        .map(str::trim)
        .find(|directive| directive.starts_with("script-src"))
        .expect("script-src");
    assert!(!scripts.contains("'unsafe-inline'"), "{scripts}");
    scripts
        .split_whitespace()
        .find_map(|source| source.strip_prefix("'nonce-"))
        .and_then(|rest| rest.strip_suffix('\''))
        .expect("a nonce source")
        .to_owned()
}

/// Every `<script …>` opening tag of a page.
fn script_tags(html: &str) -> Vec<&str> {
    html.match_indices("<script")
        .map(|(start, _)| {
            let end = html[start..]
                .find('>')
                .map_or(html.len(), |i| start + i + 1);
            &html[start..end]
        })
        .collect()
}

#[tokio::test]
async fn pages_run_only_the_scripts_their_policy_names() {
    let app = spawn_app().await;
    let http = app.browser();
    let mut nonces = Vec::new();
    for (path, status) in [
        ("/", StatusCode::OK),
        ("/nulle-part", StatusCode::NOT_FOUND),
    ] {
        let response = http.get(app.url(path)).send().await.expect("answer");
        assert_eq!(response.status(), status, "{path}");
        let headers = response.headers().clone();
        assert_common_headers(&headers);
        let nonce = script_nonce(header(&headers, "content-security-policy"));
        let html = response.text().await.expect("page");
        for tag in script_tags(&html) {
            let data_only = tag.contains("application/ld+json");
            assert!(
                data_only || tag.contains(&format!("nonce=\"{nonce}\"")),
                "{path}: a script without this page's nonce: {tag}"
            );
        }
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1], "every page has its own nonce");
}

#[tokio::test]
async fn json_answers_load_nothing_and_hsts_follows_tls() {
    let app = spawn_app().await;
    let http = app.browser();
    let plain = http
        .get(app.url("/api/v1/categories"))
        .send()
        .await
        .expect("answer");
    assert_eq!(plain.status(), StatusCode::OK);
    assert_common_headers(plain.headers());
    assert!(header(plain.headers(), "content-security-policy").starts_with("default-src 'none'"));
    assert!(
        plain.headers().get("strict-transport-security").is_none(),
        "no HSTS over plain HTTP"
    );
    let behind_tls = http
        .get(app.url("/api/v1/categories"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .expect("answer");
    assert!(header(behind_tls.headers(), "strict-transport-security").starts_with("max-age="));
    // Errors carry them too.
    let missing = http
        .get(app.url("/api/v1/products/nope"))
        .send()
        .await
        .expect("answer");
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_common_headers(missing.headers());
}
