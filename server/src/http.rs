//! HTTP: the JSON API under `/api/v1`, the storefront's form posts and pages, and the
//! middleware around them.
//!
//! - [`router`]: assembles everything.
//! - [`route_table`]: the routes outside the API, listed as they are routed.
//! - [`error`]: [`error::ApiError`], the one mapping of failures to responses.
//! - [`json`]: the JSON body extractor with field-naming errors.
//! - [`nul_guard`]: no NUL character in an address or a form.
//! - [`idempotency`]: `Idempotency-Key` for retryable writes.
//! - [`auth`]: who is calling (bearer token or session cookie), and from where.
//! - [`cookies`]: the cookies Halles sets, with their attributes in one place.
//! - [`api`]: the `/api/v1` handlers.
//! - [`pickup_qr`]: the QR code of a pickup code, for the shopper's order page.
//! - [`web`]: the storefront's request context, forms and assets.
//! - [`request_log`]: one log line per request.

pub mod api;
pub mod auth;
pub mod cookies;
pub mod error;
pub mod idempotency;
pub mod json;
pub mod nul_guard;
pub mod pickup_qr;
pub mod rate_limit;
pub mod request_log;
pub mod route_table;
pub mod router;
pub mod security_headers;
pub mod web;
