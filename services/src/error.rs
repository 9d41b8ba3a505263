//! The error every use-case returns; `server` maps it to HTTP once.

use sea_orm::{DbErr, SqlErr};
use thiserror::Error;

/// What went wrong in a use-case, in terms a boundary can turn into a response.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The object does not exist, or the caller may not know it does.
    #[error("not found")]
    NotFound,
    /// A uniqueness or state rule refused the change; `field` names the input at fault.
    #[error("{message}")]
    Conflict {
        code: &'static str,
        message: String,
        field: Option<&'static str>,
    },
    /// The input broke a rule (a 422).
    #[error("{message}")]
    Invalid {
        code: &'static str,
        message: String,
        field: Option<&'static str>,
    },
    /// Not enough units at the pickup store chosen (a 409 `out_of_stock`, like a
    /// [`StoreError::Conflict`]), with the shop's other pickup stores that hold the
    /// quantity now, nearest to the refused store first.
    #[error("{message}")]
    OutOfStockAtStore {
        message: String,
        field: Option<&'static str>,
        suggestions: Vec<StoreSuggestion>,
    },
    /// Wrong credentials: the same answer for an unknown e-mail and a wrong password.
    #[error("wrong e-mail or password")]
    InvalidCredentials,
    /// Too many failed attempts; retry after this many seconds.
    #[error("too many attempts, retry in {retry_after_secs} s")]
    Throttled { retry_after_secs: u64 },
    /// The payment provider refused the payment (a 402); nothing was sold.
    #[error("{message}")]
    PaymentDeclined { code: &'static str, message: String },
    /// Anything the caller cannot act on: logged at the boundary, shown as opaque 500.
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error("internal error: {0}")]
    Internal(String),
}

/// A pickup store that holds what another store could not serve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreSuggestion {
    pub id: String,
    pub name: String,
    pub city: String,
    pub postcode: String,
    /// Units free to sell there now.
    pub available: i64,
}

impl From<domain::AccountError> for StoreError {
    fn from(err: domain::AccountError) -> Self {
        StoreError::Invalid {
            code: err.code(),
            message: err.to_string(),
            field: Some(err.field()),
        }
    }
}

/// Turns a unique-constraint violation into a field-level conflict, instead of checking
/// first and racing (the check-then-insert window is exactly where duplicates slip in).
pub trait OnUniqueViolation<T> {
    fn on_unique_violation(
        self,
        code: &'static str,
        message: &str,
        field: &'static str,
    ) -> Result<T, StoreError>;
}

impl<T> OnUniqueViolation<T> for Result<T, DbErr> {
    fn on_unique_violation(
        self,
        code: &'static str,
        message: &str,
        field: &'static str,
    ) -> Result<T, StoreError> {
        self.map_err(|err| match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => StoreError::Conflict {
                code,
                message: message.to_owned(),
                field: Some(field),
            },
            _ => StoreError::Db(err),
        })
    }
}
