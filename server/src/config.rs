//! Settings, from flags and environment variables with defaults that run locally on
//! SQLite. Secrets (the database URL may hold a password, the Stripe keys) never print.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

/// The default database: an embedded SQLite file under `./data/`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/halles.db";

/// Which payment provider charges cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PaymentProviderKind {
    /// No network: outcomes decided by the test card (the default).
    Sandbox,
    /// Stripe PaymentIntents, with the webhook at `POST /api/v1/webhooks/stripe`.
    Stripe,
}

/// How to reach Stripe; used when the provider is [`PaymentProviderKind::Stripe`].
#[derive(Clone)]
pub struct StripeSettings {
    /// `https://api.stripe.com`, or a local fake.
    pub api_base: String,
    pub secret_key: Option<SecretString>,
    /// The webhook endpoint's signing secret (`whsec_…`).
    pub webhook_secret: Option<SecretString>,
    /// How long one call to Stripe may take before its outcome is "unknown".
    pub timeout: Duration,
}

impl Default for StripeSettings {
    fn default() -> Self {
        Self {
            api_base: services::buying::stripe::DEFAULT_API_BASE.to_owned(),
            secret_key: None,
            webhook_secret: None,
            timeout: services::buying::stripe::DEFAULT_TIMEOUT,
        }
    }
}

impl std::fmt::Debug for StripeSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |secret: &Option<SecretString>| if secret.is_some() { "***" } else { "unset" };
        f.debug_struct("StripeSettings")
            .field("api_base", &self.api_base)
            .field("secret_key", &shown(&self.secret_key))
            .field("webhook_secret", &shown(&self.webhook_secret))
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Everything `halles serve` needs.
#[derive(Clone)]
pub struct Settings {
    pub addr: SocketAddr,
    pub database_url: SecretString,
    /// Where the built site lives (`pkg/halles.js`, `pkg/halles_bg.wasm`).
    pub site_root: PathBuf,
    /// Mark cookies `Secure` even without `X-Forwarded-Proto: https` (behind TLS).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
    /// How often background jobs run; `None` disables them in this process.
    pub jobs_interval: Option<Duration>,
    /// Where uploaded images are stored (see `services::media`).
    pub media_dir: PathBuf,
    /// Where e-mails go: SMTP when configured, else `.eml` files in a folder.
    pub mail: crate::mail::MailSettings,
    /// Which provider charges cards (`HALLES_PAYMENT_PROVIDER`).
    pub payment_provider: PaymentProviderKind,
    pub stripe: StripeSettings,
    /// Requests per minute of each API token (and five times that per address for calls
    /// without one); `None` turns the limits off.
    pub api_rate_per_minute: Option<std::num::NonZeroU32>,
    /// Origins whose web pages may call `/api/v1` (CORS); `*` for any. Empty: none.
    pub cors_origins: Vec<String>,
    /// How long a payment attempt may stay `processing` before the reconcile asks the
    /// provider about it (see [`crate::startup::RECONCILE_AFTER`]).
    pub reconcile_after: chrono::Duration,
}

impl Settings {
    /// Defaults for a local run on `database_url`, listening on a free port.
    pub fn for_tests(database_url: &str, site_root: PathBuf) -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            database_url: SecretString::from(database_url.to_owned()),
            site_root,
            secure_cookies: false,
            trust_proxy: false,
            jobs_interval: None,
            media_dir: std::env::temp_dir().join(format!("halles-media-{}", uuid::Uuid::now_v7())),
            mail: crate::mail::MailSettings::folder(
                std::env::temp_dir().join(format!("halles-mail-{}", uuid::Uuid::now_v7())),
            ),
            payment_provider: PaymentProviderKind::Sandbox,
            stripe: StripeSettings::default(),
            // Tests race hundreds of requests from one address: limits are tested on their own.
            api_rate_per_minute: None,
            cors_origins: Vec::new(),
            reconcile_after: crate::startup::RECONCILE_AFTER,
        }
    }

    /// The webhook signing secret, when Stripe is the provider.
    pub fn stripe_webhook_secret(&self) -> Option<&str> {
        match self.payment_provider {
            PaymentProviderKind::Stripe => self
                .stripe
                .webhook_secret
                .as_ref()
                .map(|secret| secret.expose_secret()),
            PaymentProviderKind::Sandbox => None,
        }
    }

    /// The database URL, for connecting only.
    pub fn database_url(&self) -> &str {
        self.database_url.expose_secret()
    }
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("addr", &self.addr)
            .field("database", &redact_url(self.database_url()))
            .field("site_root", &self.site_root)
            .field("secure_cookies", &self.secure_cookies)
            .field("trust_proxy", &self.trust_proxy)
            .field("jobs_interval", &self.jobs_interval)
            .field("media_dir", &self.media_dir)
            .field("mail", &self.mail)
            .field("payment_provider", &self.payment_provider)
            .field("stripe", &self.stripe)
            .field("api_rate_per_minute", &self.api_rate_per_minute)
            .field("cors_origins", &self.cors_origins)
            .field("reconcile_after", &self.reconcile_after)
            .finish()
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for logs.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => {
            let credentials = &rest[..at];
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{}{user}:***{}", &url[..scheme_end], &rest[at..])
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{PaymentProviderKind, Settings, redact_url};
    use secrecy::SecretString;

    #[test]
    fn stripe_secrets_never_print() {
        let mut settings = Settings::for_tests("sqlite://x.db", "site".into());
        settings.payment_provider = PaymentProviderKind::Stripe;
        settings.stripe.secret_key = Some(SecretString::from("sk_live_abc"));
        settings.stripe.webhook_secret = Some(SecretString::from("whsec_abc"));
        let printed = format!("{settings:?}");
        assert!(!printed.contains("sk_live_abc") && !printed.contains("whsec_abc"));
        assert!(printed.contains("Stripe"));
    }

    #[test]
    fn passwords_in_database_urls_are_redacted() {
        assert_eq!(
            redact_url("postgres://halles:s3cret@db:5432/halles"),
            "postgres://halles:***@db:5432/halles"
        );
        assert_eq!(
            redact_url("sqlite://data/halles.db"),
            "sqlite://data/halles.db"
        );
    }
}
