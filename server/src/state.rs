//! The state every handler shares.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use services::Db;
use services::analytics::EventSink;
use services::buying::payments::Gateway;
use services::media::ImageStore;

use crate::config::Settings;

/// Database, settings, image store, payment provider, analytics sink and Leptos options;
/// cheap to clone.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub leptos_options: LeptosOptions,
    pub images: Arc<dyn ImageStore>,
    /// The payment provider (the sandbox unless configured otherwise).
    pub payments: Gateway,
    /// Where requests record funnel events, written in batches off the request path.
    pub analytics: EventSink,
}
