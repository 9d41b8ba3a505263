//! Analytics: the shopping funnel recorded as events, and the figures read from it and
//! from the orders — a seller's dashboard and the platform's KPIs.
//!
//! - [`event`]: what is recorded (a view, an add to cart, a checkout started) and who the
//!   visitor is.
//! - [`sink`]: the in-process buffer that writes events in batches, off the request path.
//! - [`paid`]: the `paid` events, written in the payment's own transaction.
//! - [`period`]: the days a figure covers, zero-filled daily series, and `?days=`.
//! - [`funnel`]: distinct visitors per step, and the rates between steps.
//! - [`dashboard`]: a shop's figures for its staff.
//! - [`kpis`]: the platform's figures for operators.
//! - [`quality`]: per-shop late shipments and slow pickups, and the rules that define them.
//! - [`retention`]: how long events are kept, and the job that prunes older ones.
//! - [`sql`]: the few expressions whose SQL differs between SQLite and PostgreSQL.
//!
//! Money figures come from the orders, never from events: events may be lost under load
//! (see [`sink`]), orders never are.

pub mod dashboard;
pub mod event;
pub mod funnel;
pub mod kpis;
pub(crate) mod paid;
pub mod period;
pub mod quality;
pub mod retention;
pub mod sink;
mod sql;

pub use event::{Event, EventKind, Visitor};
pub use sink::EventSink;

/// The currency every figure is in (Halles sells in euros only).
pub const CURRENCY: &str = "EUR";
