//! `ApiError`: every failure of the JSON API becomes exactly one of these, and one of
//! these becomes exactly one response with the error envelope. 5xx bodies are opaque;
//! their cause is logged here, once.

use api_types::{ErrorBody, StoreSuggestion};
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use services::StoreError;

/// An error on its way to becoming a response.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
    pub field: Option<String>,
    pub retry_after_secs: Option<u64>,
    /// Other pickup stores, on a pickup store's `out_of_stock`; `None` on every other error.
    pub suggestions: Option<Vec<StoreSuggestion>>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.to_owned(),
            message: message.into(),
            field: None,
            retry_after_secs: None,
            suggestions: None,
        }
    }

    /// Names the request field at fault.
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "Log in first: this needs a valid token or session.",
        )
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", "Nothing here.")
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The envelope this error is answered with.
    pub fn body(&self) -> ErrorBody {
        let body = ErrorBody::new(
            self.code.clone(),
            self.message.clone(),
            self.field.as_deref(),
        );
        match &self.suggestions {
            Some(suggestions) => body.with_suggestions(suggestions.clone()),
            None => body,
        }
    }

    /// An unexpected failure: logged with its cause, answered opaquely.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "request failed");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "Something went wrong on our side. Please retry.",
        )
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => ApiError::not_found(),
            StoreError::Conflict {
                code,
                message,
                field,
            } => {
                let error = ApiError::new(StatusCode::CONFLICT, code, capitalise(&message));
                match field {
                    Some(field) => error.with_field(field),
                    None => error,
                }
            }
            StoreError::Invalid {
                code,
                message,
                field,
            } => {
                let error =
                    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, capitalise(&message));
                match field {
                    Some(field) => error.with_field(field),
                    None => error,
                }
            }
            StoreError::OutOfStockAtStore {
                message,
                field,
                suggestions,
            } => {
                let error =
                    ApiError::new(StatusCode::CONFLICT, "out_of_stock", capitalise(&message));
                ApiError {
                    suggestions: Some(suggestions.into_iter().map(suggestion_of).collect()),
                    ..match field {
                        Some(field) => error.with_field(field),
                        None => error,
                    }
                }
            }
            StoreError::InvalidCredentials => ApiError::new(
                StatusCode::UNAUTHORIZED,
                "invalid_credentials",
                "Wrong e-mail or password.",
            ),
            StoreError::Throttled { retry_after_secs } => ApiError {
                retry_after_secs: Some(retry_after_secs),
                ..ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too_many_attempts",
                    format!(
                        "Too many failed attempts. Try again in {} minute(s).",
                        retry_after_secs.div_ceil(60)
                    ),
                )
            },
            // The fixed code is `payment_declined`; the provider's reason is in the message.
            StoreError::PaymentDeclined { code, message } => ApiError::new(
                StatusCode::PAYMENT_REQUIRED,
                "payment_declined",
                format!(
                    "{} ({code}) Nothing was charged or sold.",
                    capitalise(&message)
                ),
            )
            .with_field("payment_method"),
            err @ (StoreError::Db(_) | StoreError::Internal(_)) => ApiError::internal(err),
        }
    }
}

fn suggestion_of(store: services::error::StoreSuggestion) -> StoreSuggestion {
    StoreSuggestion {
        id: store.id,
        name: store.name,
        city: store.city,
        postcode: store.postcode,
        available: u32::try_from(store.available).unwrap_or(u32::MAX),
    }
}

fn capitalise(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => format!(
            "{}{}.",
            first.to_uppercase(),
            chars.as_str().trim_end_matches('.')
        ),
        None => String::new(),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = self.body();
        let mut response = (self.status, Json(body)).into_response();
        if let Some(secs) = self.retry_after_secs
            && let Ok(value) = HeaderValue::from_str(&secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

/// Puts the envelope on the API's 4xx answers that axum's own extractors write as plain
/// text (a path segment that is not UTF-8, a query string that does not parse…), naming
/// the field their message names between backticks, so that every API error reads the
/// same. Other answers pass untouched.
pub async fn envelope_plain_rejections(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    if !status.is_client_error() || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 16 * 1024)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_owned())
        .unwrap_or_default();
    let code = match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "body_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "invalid_field",
        _ => "invalid_request",
    };
    let message = if text.is_empty() {
        status
            .canonical_reason()
            .unwrap_or("Invalid request")
            .to_owned()
    } else {
        format!("{text}.")
    };
    let mut error = ApiError::new(status, code, message);
    if let Some(field) = text.split('`').nth(1).filter(|field| !field.is_empty()) {
        error = error.with_field(field);
    }
    let mut enveloped = error.into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            enveloped.headers_mut().insert(name.clone(), value.clone());
        }
    }
    enveloped
}
