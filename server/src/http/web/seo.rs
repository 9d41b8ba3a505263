//! `/robots.txt` and `/sitemap.xml`, with absolute URLs built from the request's host.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use services::catalog::browse::sitemap_entries;

use crate::http::error::ApiError;
use crate::http::route_table::RouteTable;
use crate::state::AppState;

/// One sitemap file holds at most 50,000 URLs; categories and shops take the rest.
const MAX_PRODUCTS_IN_SITEMAP: u64 = 45_000;

pub fn routes() -> RouteTable {
    RouteTable::new()
        .get("/robots.txt", robots)
        .get("/sitemap.xml", sitemap)
}

/// `https://host` from the request (scheme from `X-Forwarded-Proto` behind a proxy).
fn base_url(headers: &HeaderMap, secure: bool) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let https = secure || crate::http::cookies::must_be_secure(headers, false);
    format!("{}://{host}", if https { "https" } else { "http" })
}

async fn robots(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let base = base_url(&headers, state.settings.secure_cookies);
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /account\nDisallow: /cart\nDisallow: /checkout\nDisallow: /login\n\
         Disallow: /signup\nDisallow: /api/\nDisallow: /_fn/\n\nSitemap: {base}/sitemap.xml\n"
    );
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        body,
    )
        .into_response()
}

async fn sitemap(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let base = base_url(&headers, state.settings.secure_cookies);
    let entries = sitemap_entries(&state.db, MAX_PRODUCTS_IN_SITEMAP).await?;
    let mut xml = String::with_capacity(128 * (entries.products.len() + 64));
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut url = |path: String| {
        xml.push_str("<url><loc>");
        xml.push_str(&escape(&format!("{base}{path}")));
        xml.push_str("</loc></url>\n");
    };
    url("/".to_owned());
    for slug in entries.category_slugs {
        url(format!("/categories/{slug}"));
    }
    for slug in entries.shop_slugs {
        url(format!("/shops/{slug}"));
    }
    for (id, slug) in entries.products {
        url(format!("/products/{id}/{slug}"));
    }
    xml.push_str("</urlset>\n");
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/xml; charset=utf-8"),
        )],
        xml,
    )
        .into_response())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
