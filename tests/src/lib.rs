//! The black-box test harness: the real Halles server on a free port with a fresh
//! database (SQLite by default, PostgreSQL when `HALLES_TEST_POSTGRES_URL` is set),
//! driven over HTTP by the console's own client.

use std::path::PathBuf;

use admin_tui::client::ApiClient;
use server::config::Settings;
use server::startup::Application;
use services::Db;

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    /// `http://127.0.0.1:<port>`.
    pub address: String,
    /// The database the server uses, for looking behind its back.
    pub db: Db,
}

impl TestApp {
    /// A fresh API client without a token.
    pub fn client(&self) -> ApiClient {
        ApiClient::new(self.address.clone())
    }

    /// A browser-like HTTP client: keeps cookies, does not follow redirects.
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("BUG: a plain reqwest client always builds")
    }

    /// `address` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }
}

/// Where `./dev site` puts the built storefront.
pub fn site_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/site")
}

/// Starts a server on a fresh database; it stops when the test's runtime ends.
pub async fn spawn_app() -> TestApp {
    if std::env::var_os("TEST_LOG").is_some() {
        server::telemetry::init(std::io::stdout);
    }
    let url = services::test_support::fresh_database_url()
        .await
        .expect("creating a fresh test database");
    let app = Application::build(Settings::for_tests(&url, site_root()))
        .await
        .expect("building the server");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.db().clone();
    tokio::spawn(app.run_with_shutdown(std::future::pending()));
    TestApp { address, db }
}

/// Signs up `email` with a valid password through the API; returns the password.
pub async fn signed_up(app: &TestApp, email: &str) -> String {
    let password = "correct horse battery".to_owned();
    app.client()
        .signup(&api_types::SignupRequest {
            email: email.to_owned(),
            password: password.clone(),
            name: "Test Shopper".to_owned(),
        })
        .await
        .expect("signing up");
    password
}
