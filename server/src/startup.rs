//! Building and running the server: connect, migrate, bind (port 0 allowed), serve until
//! Ctrl-C or SIGTERM, letting requests in flight finish.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use leptos::config::LeptosOptions;
use services::Db;
use services::analytics::EventSink;
use services::buying::payments::Gateway;
use services::buying::stripe::{StripeConfig, StripeProvider};
use services::media::DiskImageStore;
use tokio::net::TcpListener;

use crate::config::{PaymentProviderKind, Settings, StripeSettings, redact_url};
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
        let payments = payment_gateway(settings.payment_provider, &settings.stripe)?;
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
        let analytics = EventSink::start(db.clone());
        let state = AppState {
            db,
            settings: Arc::new(settings),
            leptos_options,
            images,
            payments,
            analytics,
        };
        let router = router::build(state.clone());
        tracing::info!(
            address = %addr,
            database = %redact_url(state.settings.database_url()),
            hydration = router::site_is_built(&state.settings.site_root),
            payments = state.payments.provider().name(),
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
        let mailer = crate::mail::mailer(&self.state.settings.mail)?;
        let checkpoints = tokio::spawn(self.state.db.clone().checkpoint_forever());
        let jobs = self.state.settings.jobs_interval.map(|interval| {
            tokio::spawn(crate::jobs::run_forever(
                self.state.db.clone(),
                mailer,
                self.state.payments.clone(),
                interval,
            ))
        });
        let reconcile = self.state.settings.jobs_interval.map(|interval| {
            tokio::spawn(reconcile_forever(
                self.state.db.clone(),
                self.state.payments.clone(),
                interval,
                self.state.settings.reconcile_after,
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
        for job in [jobs, reconcile].into_iter().flatten() {
            job.abort();
        }
        checkpoints.abort();
        // The events still buffered are written before the pool closes.
        self.state.analytics.close().await;
        if let Err(err) = self.state.db.close().await {
            tracing::warn!(error = %err, "closing the database pool");
        }
        tracing::info!("halles stopped");
        served
    }
}

/// The payment provider the settings name. Stripe without its keys is refused here, at
/// startup, rather than at the first payment.
pub fn payment_gateway(
    provider: PaymentProviderKind,
    stripe: &StripeSettings,
) -> anyhow::Result<Gateway> {
    match provider {
        PaymentProviderKind::Sandbox => Ok(Gateway::sandbox()),
        PaymentProviderKind::Stripe => {
            let Some(secret_key) = stripe.secret_key.clone() else {
                anyhow::bail!(
                    "HALLES_PAYMENT_PROVIDER=stripe needs HALLES_STRIPE_SECRET_KEY (the API secret key, sk_…)"
                );
            };
            if stripe.webhook_secret.is_none() {
                anyhow::bail!(
                    "HALLES_PAYMENT_PROVIDER=stripe needs HALLES_STRIPE_WEBHOOK_SECRET (the webhook endpoint's signing secret, whsec_…)"
                );
            }
            if !(stripe.api_base.starts_with("https://") || stripe.api_base.starts_with("http://"))
            {
                anyhow::bail!(
                    "HALLES_STRIPE_API_BASE must be an http(s) URL, not {:?}",
                    stripe.api_base
                );
            }
            let provider = StripeProvider::new(StripeConfig {
                api_base: stripe.api_base.clone(),
                secret_key,
                timeout: stripe.timeout,
            })
            .context("setting up the Stripe client")?;
            Ok(Gateway(Arc::new(provider)))
        }
    }
}

/// How long an attempt may stay `processing` before the reconcile asks the provider
/// about it, by default: well past any request still waiting for its answer
/// (`--reconcile-after-secs` changes it; the fault suite, whose fake provider answers
/// within a second, uses a few seconds).
pub const RECONCILE_AFTER: chrono::Duration = chrono::Duration::minutes(2);

/// Asks the provider about attempts whose answer was lost (`processing` for longer than
/// `after`), every `interval`, forever.
pub async fn reconcile_forever(
    db: Db,
    payments: Gateway,
    interval: std::time::Duration,
    after: chrono::Duration,
) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        match services::buying::payments::reconcile_processing(&db, payments.provider(), after)
            .await
        {
            Ok(0) => {}
            Ok(settled) => tracing::info!(
                job.name = "reconcile_payments",
                job.affected = settled,
                "job ran"
            ),
            Err(err) => {
                tracing::error!(error = %err, "reconciling payments failed; retrying at the next tick")
            }
        }
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
