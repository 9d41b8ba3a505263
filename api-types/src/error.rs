//! The error envelope: `{"error": {"code", "message", "field"}}`, on every 4xx and 5xx.
//! Some errors add what the client can do instead: `suggestions` on a pickup store's
//! `out_of_stock`.

use serde::{Deserialize, Serialize};

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// What went wrong, for a program (`code`), a person (`message`) and a form (`field`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// A stable `snake_case` code, e.g. `email_taken`, `invalid_credentials`.
    pub code: String,
    /// A sentence a person can read.
    pub message: String,
    /// The request field at fault, or `null` when the error is not about one field.
    pub field: Option<String>,
    /// Only on a 409 `out_of_stock` for a pickup store: the shop's other pickup stores
    /// that hold the quantity now, nearest to the refused store first (possibly none).
    /// Absent on every other error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<Vec<StoreSuggestion>>,
}

/// A pickup store that could serve what another store could not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoreSuggestion {
    pub id: String,
    pub name: String,
    pub city: String,
    pub postcode: String,
    /// Units of the offer free to sell there now (at least the quantity asked for).
    pub available: u32,
}

impl ErrorBody {
    /// Builds an envelope; `field` names the input at fault, if any.
    pub fn new(code: impl Into<String>, message: impl Into<String>, field: Option<&str>) -> Self {
        Self {
            error: ErrorDetail {
                code: code.into(),
                message: message.into(),
                field: field.map(str::to_owned),
                suggestions: None,
            },
        }
    }

    /// The same envelope, listing `suggestions`.
    pub fn with_suggestions(mut self, suggestions: Vec<StoreSuggestion>) -> Self {
        self.error.suggestions = Some(suggestions);
        self
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

    #[test]
    fn suggestions_are_listed_only_when_given() {
        let body = ErrorBody::new("out_of_stock", "Sold out at this store", Some("offer_id"))
            .with_suggestions(vec![super::StoreSuggestion {
                id: "s2".into(),
                name: "Rivoli".into(),
                city: "Paris".into(),
                postcode: "75001".into(),
                available: 3,
            }]);
        let json = serde_json::to_value(&body).expect("serialises");
        assert_eq!(json["error"]["field"], "offer_id");
        assert_eq!(json["error"]["suggestions"][0]["id"], "s2");
        let back: ErrorBody = serde_json::from_value(json).expect("reads back");
        assert_eq!(back, body);
        let old: ErrorBody = serde_json::from_value(
            serde_json::json!({"error": {"code": "x", "message": "y", "field": null}}),
        )
        .expect("an envelope without suggestions still reads");
        assert_eq!(old.error.suggestions, None);
    }
}
