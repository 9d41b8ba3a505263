//! `ApiJson<T>`: a JSON body whose every failure is an envelope a client can act on —
//! 415 without a JSON content type, 413 over the size limit, 400 for broken JSON, 422
//! naming the field for a missing or mistyped one.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;
use serde_json::error::Category;

use crate::http::error::ApiError;

/// A deserialised JSON request body.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !has_json_content_type(&req) {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send the body as JSON with `Content-Type: application/json`.",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                body_too_large()
            } else {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "unreadable_body",
                    "The request body could not be read.",
                )
            }
        })?;
        parse(&bytes).map(ApiJson)
    }
}

/// The error for a body over the limit.
pub fn body_too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "body_too_large",
        "The request body is larger than 1 MiB.",
    )
}

fn has_json_content_type(req: &Request) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| {
            let mime = mime.trim().to_ascii_lowercase();
            mime == "application/json"
                || (mime.starts_with("application/") && mime.ends_with("+json"))
        })
}

/// Parses `bytes`, telling a syntax error (400) from a body that breaks the schema (422).
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        match inner.classify() {
            Category::Syntax | Category::Eof | Category::Io => malformed(&inner),
            Category::Data => data_error(&path, &inner.to_string()),
        }
    })?;
    deserializer.end().map_err(|err| malformed(&err))?;
    if let Some(field) = field_with_nul(bytes) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_character",
            format!("`{field}` holds a NUL character (\\u0000), which no text may hold."),
        )
        .with_field(field));
    }
    Ok(value)
}

/// The path (`fulfilments[0].address.city`) of the first text holding a NUL character,
/// which PostgreSQL refuses to store: refused here as the client's mistake, not met later
/// as a database error. Only bodies that spell `\u0000` are searched.
fn field_with_nul(bytes: &[u8]) -> Option<String> {
    const ESCAPED_NUL: &[u8] = b"\\u0000";
    if !bytes
        .windows(ESCAPED_NUL.len())
        .any(|window| window == ESCAPED_NUL)
    {
        return None;
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    path_to_nul(&value, String::new())
}

fn path_to_nul(value: &serde_json::Value, path: String) -> Option<String> {
    use serde_json::Value;
    let child = |name: &str| {
        if path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    match value {
        Value::String(text) if text.contains('\0') => Some(if path.is_empty() {
            ".".to_owned()
        } else {
            path
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(index, item)| path_to_nul(item, format!("{path}[{index}]"))),
        Value::Object(fields) => fields.iter().find_map(|(name, field)| {
            if name.contains('\0') {
                Some(child(name))
            } else {
                path_to_nul(field, child(name))
            }
        }),
        _ => None,
    }
}

fn malformed(err: &serde_json::Error) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "malformed_json",
        format!("The body is not valid JSON: {err}."),
    )
}

fn data_error(path: &str, message: &str) -> ApiError {
    // serde names a missing field in its message, not in the path.
    if let Some(missing) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        let field = if path == "." || path.is_empty() {
            missing.to_owned()
        } else {
            format!("{path}.{missing}")
        };
        return ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "missing_field",
            format!("`{field}` is required."),
        )
        .with_field(field);
    }
    let field = if path == "." || path.is_empty() {
        None
    } else {
        Some(path.to_owned())
    };
    let message = message.split(" at line ").next().unwrap_or(message);
    let error = ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_field",
        format!("Invalid value: {message}."),
    );
    match field {
        Some(field) => error.with_field(field),
        None => error,
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use api_types::SignupRequest;
    use axum::http::StatusCode;

    #[test]
    fn broken_json_is_a_400() {
        let err = parse::<SignupRequest>(b"{\"email\": ").expect_err("fails");
        assert_eq!(err.status, StatusCode::BAD_REQUEST);
        assert_eq!(err.code, "malformed_json");
    }

    #[test]
    fn a_missing_field_is_a_422_naming_it() {
        let err = parse::<SignupRequest>(br#"{"email": "a@b.fr", "password": "12345678"}"#)
            .expect_err("fails");
        assert_eq!(err.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(err.field.as_deref(), Some("name"));
    }

    #[test]
    fn a_mistyped_field_is_a_422_naming_it() {
        let err = parse::<SignupRequest>(br#"{"email": 3, "password": "12345678", "name": "A"}"#)
            .expect_err("fails");
        assert_eq!(err.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(err.field.as_deref(), Some("email"));
    }

    #[test]
    fn a_nul_character_in_any_text_is_a_422_naming_its_field() {
        let err = parse::<serde_json::Value>(
            br#"{"fulfilments": [{"address": {"city": "Ly\u0000on"}}], "name": "A"}"#,
        )
        .expect_err("fails");
        assert_eq!(err.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(err.field.as_deref(), Some("fulfilments[0].address.city"));
        let escaped_backslash = parse::<serde_json::Value>(br#"{"name": "a\\u0000"}"#);
        assert!(escaped_backslash.is_ok(), "a backslash then u0000 is text");
    }

    #[test]
    fn trailing_garbage_is_a_400() {
        let err = parse::<SignupRequest>(
            br#"{"email": "a@b.fr", "password": "12345678", "name": "A"} x"#,
        )
        .expect_err("fails");
        assert_eq!(err.status, StatusCode::BAD_REQUEST);
    }
}
