//! The stylesheet and icon, compiled into the binary so that a plain `cargo build -p
//! server` serves a styled storefront, with or without the wasm site.

use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;

use crate::http::route_table::RouteTable;

const STYLESHEET: &str = include_str!("../../../../app/style/halles.css");
const FAVICON: &str = include_str!("../../../assets/favicon.svg");

/// The stylesheet's URL, versioned by its content so browsers may cache it for a year.
pub fn stylesheet_href() -> String {
    format!("/assets/halles.css?v={:016x}", fnv1a(STYLESHEET.as_bytes()))
}

pub fn routes() -> RouteTable {
    RouteTable::new()
        .get("/assets/halles.css", || async {
            asset("text/css; charset=utf-8", STYLESHEET)
        })
        .get("/assets/favicon.svg", || async {
            asset("image/svg+xml", FAVICON)
        })
}

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        body,
    )
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}
