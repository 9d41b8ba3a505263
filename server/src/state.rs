//! The state every handler shares.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use services::Db;
use services::media::ImageStore;

use crate::config::Settings;

/// Database, settings, image store and Leptos options; cheap to clone.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub leptos_options: LeptosOptions,
    pub images: Arc<dyn ImageStore>,
}
