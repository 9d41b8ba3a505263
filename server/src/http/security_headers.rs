//! What browsers may do with Halles' answers, on every answer: a Content Security Policy
//! that runs no script but the page's own (a fresh nonce per page, which Leptos puts on
//! its hydration scripts), no framing, no MIME sniffing, a referrer that stays on the
//! site, and HSTS when the site is served over HTTPS.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;

use crate::http::cookies::must_be_secure;

/// What the headers depend on in the deployment.
#[derive(Debug, Clone, Copy)]
pub struct SecurityHeaders {
    /// Whether browsers always reach the site over HTTPS (`--secure-cookies`); a request
    /// that a proxy marks `X-Forwarded-Proto: https` counts too, as it does for cookies.
    pub https: bool,
}

/// Two years, the value the HSTS preload list asks for.
const HSTS: &str = "max-age=63072000; includeSubDomains";

/// Answers that are not pages (JSON, images, QR codes) run nothing and load nothing.
const NOT_A_PAGE_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

/// The policy of a storefront page. Scripts: only those carrying this page's nonce, and
/// what they load ('strict-dynamic': the hydration script imports the wasm glue), and
/// compiling the wasm. Styles: the site's stylesheet, and `style` attributes (a shop's
/// brand colour), never a `<style>` element. Forms post to the site only.
fn page_policy(nonce: &Nonce) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Gives the request a nonce for its page (the app's shell puts it on its scripts), then
/// sets the headers on the answer. A route that set its own policy (the API reference
/// page) keeps it.
pub async fn set(State(config): State<SecurityHeaders>, mut req: Request, next: Next) -> Response {
    let over_tls = must_be_secure(req.headers(), config.https);
    let nonce = Nonce::new();
    req.extensions_mut().insert(nonce.clone());
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let policy = if is_html(headers) {
            // A nonce is URL-safe base64, always a valid header value.
            HeaderValue::from_str(&page_policy(&nonce))
                .unwrap_or_else(|_| HeaderValue::from_static(NOT_A_PAGE_POLICY))
        } else {
            HeaderValue::from_static(NOT_A_PAGE_POLICY)
        };
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), payment=(), geolocation=(self)"),
    );
    if over_tls {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    response
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_policy_allows_no_inline_script_without_the_nonce() {
        let nonce = Nonce::new();
        let policy = page_policy(&nonce);
        let scripts = policy
            .split(';')
            .map(str::trim)
            .find(|directive| directive.starts_with("script-src"))
            .expect("a script-src directive");
        assert!(scripts.contains(&format!("'nonce-{nonce}'")));
        assert!(!scripts.contains("unsafe-inline"));
        assert!(!scripts.contains("'unsafe-eval'"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(HeaderValue::from_str(&policy).is_ok());
    }

    #[test]
    fn nonces_differ() {
        assert_ne!(Nonce::new().to_string(), Nonce::new().to_string());
    }
}
