//! The cookies Halles sets, with their attributes decided in one place: `HttpOnly`,
//! `SameSite=Lax`, `Path=/`, and `Secure` whenever the request came over TLS.

use axum::http::{HeaderMap, HeaderValue, header};
use cookie::{Cookie, SameSite};

/// The web session's secret.
pub const SESSION: &str = "halles_session";
/// The double-submit CSRF token of visitors without a session.
pub const CSRF: &str = "halles_csrf";
/// A form's outcome carried across one redirect.
pub const FLASH: &str = "halles_flash";
/// A guest's cart secret (the database keeps its SHA-256); merged into the account at login.
pub const CART: &str = "halles_cart";
/// The chosen language.
pub const LANG: &str = "halles_lang";

/// Whether cookies set on this request must be `Secure`.
pub fn must_be_secure(headers: &HeaderMap, secure_by_config: bool) -> bool {
    secure_by_config
        || headers
            .get("x-forwarded-proto")
            .and_then(|value| value.to_str().ok())
            .is_some_and(|proto| proto.eq_ignore_ascii_case("https"))
}

/// A `Set-Cookie` value; `max_age_secs` of 0 deletes the cookie.
pub fn set_cookie(
    name: &'static str,
    value: String,
    max_age_secs: i64,
    secure: bool,
) -> Option<HeaderValue> {
    let cookie = Cookie::build((name, value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .secure(secure)
        .max_age(cookie_duration(max_age_secs))
        .build();
    HeaderValue::from_str(&cookie.encoded().to_string()).ok()
}

fn cookie_duration(secs: i64) -> cookie::time::Duration {
    cookie::time::Duration::seconds(secs)
}

/// Appends `value` as a `Set-Cookie` header.
pub fn append(headers: &mut HeaderMap, value: Option<HeaderValue>) {
    if let Some(value) = value {
        headers.append(header::SET_COOKIE, value);
    }
}

/// Reads one cookie from request headers.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| Cookie::parse_encoded(pair.trim().to_owned()).ok())
        .find(|cookie| cookie.name() == name)
        .map(|cookie| cookie.value().to_owned())
        .filter(|value| !value.is_empty())
}

/// Compares two secrets in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
