//! No NUL character gets in through an address or a form: PostgreSQL cannot store one in
//! text, so a `%00` met deep in a query would surface as a database error (a 500).
//! Refused at the door instead, as the client's mistake: 400 with the API's envelope
//! under `/api`, a short readable page elsewhere. JSON bodies are checked by their
//! extractor ([`crate::http::json`]), which can name the field.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::http::error::ApiError;
use crate::http::json::body_too_large;
use crate::http::router::MAX_BODY_BYTES;

/// Refuses an address, or a form body, that spells a NUL character.
pub async fn refuse_nul(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with(api_types::API_PREFIX);
    if spells_nul(req.uri().path().as_bytes())
        || spells_nul(req.uri().query().unwrap_or_default().as_bytes())
    {
        return refusal(is_api, "The address holds a NUL character (%00).");
    }
    if req.method() != Method::POST || !is_form(&req) {
        return next.run(req).await;
    }
    // Forms are small (the body limit is 1 MiB), so reading one here costs little.
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
        return body_too_large().into_response();
    };
    if spells_nul(&bytes) || bytes.contains(&0) {
        return refusal(is_api, "The form holds a NUL character (%00).");
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

fn is_form(req: &Request) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        })
}

/// Whether percent-encoded `bytes` hold `%00`.
fn spells_nul(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|window| window == b"%00")
}

fn refusal(is_api: bool, message: &str) -> Response {
    if is_api {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_character", message).into_response()
    } else {
        (StatusCode::BAD_REQUEST, message.to_owned()).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::spells_nul;

    #[test]
    fn only_an_encoded_nul_is_spotted() {
        assert!(spells_nul(b"q=a%00b"));
        assert!(
            !spells_nul(b"q=a%2500b"),
            "%25 is a percent sign: the text is %00"
        );
        assert!(!spells_nul(b"q=100%25"));
    }
}
