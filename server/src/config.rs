//! Settings, from flags and environment variables with defaults that run locally on
//! SQLite. Secrets (the database URL may hold a password) never print.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

/// The default database: an embedded SQLite file under `./data/`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/halles.db";

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
    /// Where e-mails are written as `.eml` files when no SMTP server is configured.
    pub mail_dir: PathBuf,
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
            mail_dir: std::env::temp_dir().join(format!("halles-mail-{}", uuid::Uuid::now_v7())),
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
            .field("mail_dir", &self.mail_dir)
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
    use super::redact_url;

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
