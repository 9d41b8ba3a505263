//! The error envelope: `{"error": {"code", "message", "field"}}`, on every 4xx and 5xx.

use serde::{Deserialize, Serialize};

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// What went wrong, for a program (`code`), a person (`message`) and a form (`field`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// A stable `snake_case` code, e.g. `email_taken`, `invalid_credentials`.
    pub code: String,
    /// A sentence a person can read.
    pub message: String,
    /// The request field at fault, or `null` when the error is not about one field.
    pub field: Option<String>,
}

impl ErrorBody {
    /// Builds an envelope; `field` names the input at fault, if any.
    pub fn new(code: impl Into<String>, message: impl Into<String>, field: Option<&str>) -> Self {
        Self {
            error: ErrorDetail {
                code: code.into(),
                message: message.into(),
                field: field.map(str::to_owned),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorBody;

    #[test]
    fn an_error_without_field_serialises_field_as_null() {
        let body = ErrorBody::new("not_found", "Not found", None);
        let json = serde_json::to_value(&body).expect("serialises");
        assert_eq!(
            json,
            serde_json::json!({"error": {"code": "not_found", "message": "Not found", "field": null}})
        );
    }
}
