//! The black-box test harness: the real Halles server on a free port with a fresh
//! database (SQLite by default, PostgreSQL when `HALLES_TEST_POSTGRES_URL` is set),
//! driven over HTTP by the console's own client.

pub mod dump;
pub mod process;
pub mod shopping;

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

    /// A browser-like HTTP client: keeps cookies, does not follow redirects, and gives up
    /// after a minute so that a page that never finishes fails its test (naming the step)
    /// instead of holding the whole suite until CI's clock runs out.
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .timeout(std::time::Duration::from_secs(60))
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

/// A logged-in API client for a new account named after `email`.
pub async fn logged_in(app: &TestApp, email: &str) -> ApiClient {
    let password = signed_up(app, email).await;
    let mut client = app.client();
    client
        .login(&api_types::LoginRequest {
            email: email.to_owned(),
            password,
            token_name: None,
        })
        .await
        .expect("logging in");
    client
}

/// Adds a category (the tree is seeded data; tests make the few they need).
pub async fn add_category(app: &TestApp, slug: &str, name_fr: &str) {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    services::db::entity::categories::ActiveModel {
        id: Set(services::new_id()),
        slug: Set(slug.to_owned()),
        parent_id: Set(None),
        name_fr: Set(name_fr.to_owned()),
        name_en: Set(name_fr.to_owned()),
        position: Set(0),
    }
    .insert(app.db.conn())
    .await
    .expect("inserting a category");
    // Written behind the services' back: the category tree kept in memory is read again.
    services::catalog::answers::catalog_changed();
}

/// Approves a shop behind the API's back (operators arrive with their own endpoints).
pub async fn approve_shop(app: &TestApp, shop_id: &str) {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    services::db::entity::shops::Entity::update_many()
        .col_expr(
            services::db::entity::shops::Column::Status,
            Expr::value("approved"),
        )
        .filter(services::db::entity::shops::Column::Id.eq(shop_id))
        .exec(app.db.conn())
        .await
        .expect("approving a shop");
    // Written behind the services' back, so the search's listings are refreshed here.
    services::catalog::listings::refresh_now(
        &app.db,
        services::catalog::listings::Listed::ProductsOfShop(shop_id),
    )
    .await
    .expect("refreshing the approved shop's listings");
}

/// The CSRF token in a page's forms (`<input name="csrf" value="…">`).
pub fn csrf_in(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("a form with a csrf field") + marker.len();
    html[start..]
        .split('"')
        .next()
        .expect("closing quote")
        .to_owned()
}

/// Starts a server like [`spawn_app`], with its settings changed by `settings_fn` first
/// (another payment provider, say).
pub async fn spawn_app_with(settings_fn: impl FnOnce(&mut Settings)) -> TestApp {
    if std::env::var_os("TEST_LOG").is_some() {
        server::telemetry::init(std::io::stdout);
    }
    let url = services::test_support::fresh_database_url()
        .await
        .expect("creating a fresh test database");
    let mut settings = Settings::for_tests(&url, site_root());
    settings_fn(&mut settings);
    let app = Application::build(settings)
        .await
        .expect("building the server");
    let address = format!("http://127.0.0.1:{}", app.port());
    let db = app.db().clone();
    tokio::spawn(app.run_with_shutdown(std::future::pending()));
    TestApp { address, db }
}

pub mod fake_stripe;
