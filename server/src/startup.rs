//! Building and running the server: connect, migrate, bind (port 0 allowed), serve until
//! Ctrl-C or SIGTERM, letting requests in flight finish.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use leptos::config::LeptosOptions;
use services::Db;
use services::media::DiskImageStore;
use tokio::net::TcpListener;

use crate::config::{Settings, redact_url};
use crate::http::router;
use crate::state::AppState;

/// The name of the wasm-bindgen output: `pkg/halles.js` and `pkg/halles_bg.wasm`.
pub const SITE_OUTPUT_NAME: &str = "halles";

/// A bound, migrated server, ready to run.
pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    state: AppState,
}

impl Application {
    /// Connects to the database, applies migrations and binds the listener.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let started = std::time::Instant::now();
        let db = Db::connect(settings.database_url())
            .await
            .with_context(|| format!("connecting to {}", redact_url(settings.database_url())))?;
        db.migrate().await.context("migrating the database")?;
        let listener = TcpListener::bind(settings.addr)
            .await
            .with_context(|| format!("binding {}", settings.addr))?;
        let addr = listener.local_addr().context("reading the bound address")?;
        let leptos_options = LeptosOptions::builder()
            .output_name(SITE_OUTPUT_NAME)
            .site_root(settings.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(addr)
            .build();
        let images = Arc::new(DiskImageStore::new(settings.media_dir.clone()));
        let state = AppState {
            db,
            settings: Arc::new(settings),
            leptos_options,
            images,
            payments: services::buying::payments::Gateway::sandbox(),
        };
        let router = router::build(state.clone());
        tracing::info!(
            address = %addr,
            database = %redact_url(state.settings.database_url()),
            hydration = router::site_is_built(&state.settings.site_root),
            startup_ms = started.elapsed().as_millis() as u64,
            "halles is ready"
        );
        Ok(Self {
            listener,
            router,
            state,
        })
    }

    /// The port actually bound (useful with port 0).
    pub fn port(&self) -> u16 {
        self.listener
            .local_addr()
            .map(|addr| addr.port())
            .unwrap_or_default()
    }

    /// The database this server uses.
    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// Serves until Ctrl-C or SIGTERM.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.run_with_shutdown(shutdown_signal()).await
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish.
    pub async fn run_with_shutdown(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let jobs = self.state.settings.jobs_interval.map(|interval| {
            tokio::spawn(crate::jobs::run_forever(
                self.state.db.clone(),
                crate::jobs::mailer(&self.state.settings.mail_dir),
                interval,
            ))
        });
        let served = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        .context("serving HTTP");
        if let Some(jobs) = jobs {
            jobs.abort();
        }
        if let Err(err) = self.state.db.close().await {
            tracing::warn!(error = %err, "closing the database pool");
        }
        tracing::info!("halles stopped");
        served
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown requested; finishing requests in flight");
}
