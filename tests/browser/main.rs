//! Headless Chromium against the real server: the storefront hydrates, and what only
//! JavaScript can do works. Needs `chromedriver` and `chromium` on PATH and the site
//! built by `./dev site` (`./dev test` does all of it).

mod continuity;
mod pickup;
mod shopping;
mod wallet;

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use tests::{site_root, spawn_app};

/// A chromedriver process, killed when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    /// Kills chromedriver with the browser it started: they share a process group of
    /// their own (see [`start_driver`]). Killing chromedriver alone left the browser
    /// running whenever a test failed or did not close its session, ~220 MB each.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn start_driver() -> Driver {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        // A group of its own, which the browsers it starts join: `Driver` kills it whole.
        .process_group(0)
        .spawn()
        .expect(
            "chromedriver on PATH (apt-get install chromium chromium-driver, or run ./dev test)",
        );
    // Owned by the guard from here on, so it is killed and reaped on every path.
    let driver = Driver { child, port };
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return driver;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start on port {port}");
}

async fn browser(driver: &Driver, width: u32, height: u32) -> Client {
    let profile = std::env::temp_dir().join(format!("halles-chromium-{}", uuid::Uuid::now_v7()));
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", format!("--window-size={width},{height}"),
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let capabilities = match capabilities {
        serde_json::Value::Object(map) => map,
        _ => unreachable!("a JSON object literal"),
    };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("connecting to chromedriver")
}

async fn wait_for_hydration(client: &Client) {
    wait_for_element(
        client,
        ".app[data-hydrated='true']",
        Duration::from_secs(20),
        "the page hydrates (is the site built? run ./dev site)",
    )
    .await;
}

/// Waits up to `within` for an element matching `css`; panics with `what` otherwise.
async fn wait_for_element(
    client: &Client,
    css: &str,
    within: Duration,
    what: &str,
) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(within)
        .for_element(Locator::Css(css))
        .await
        .expect(what)
}

async fn screenshot(client: &Client, name: &str) {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    let png = client.screenshot().await.expect("screenshot");
    std::fs::write(
        dir.join(format!(
            "{name}-{}.png",
            services::test_support::engine_name()
        )),
        png,
    )
    .expect("write");
}

#[tokio::test]
async fn the_home_page_hydrates_in_french_and_english() {
    assert!(
        site_root().join("pkg/halles_bg.wasm").is_file(),
        "the wasm site is not built: run ./dev site (./dev test does)"
    );
    let app = spawn_app().await;
    let driver = start_driver().await;
    let client = browser(&driver, 1280, 900).await;

    let pages = [
        ("/", "Un seul panier pour tous vos commerçants", "home-fr"),
        ("/?lang=en", "One cart for all your merchants", "home-en"),
    ];
    for (path, expected_heading, shot) in pages {
        client.goto(&app.url(path)).await.expect("home page");
        wait_for_hydration(&client).await;
        let heading = client
            .find(Locator::Css("h1"))
            .await
            .expect("h1")
            .text()
            .await
            .expect("text");
        assert_eq!(heading, expected_heading);
        screenshot(&client, shot).await;
    }

    client.close().await.expect("close");
}

#[tokio::test]
async fn the_password_toggle_works_once_hydrated_and_login_succeeds() {
    let app = spawn_app().await;
    let password = tests::signed_up(&app, "browser@halles.test").await;
    let driver = start_driver().await;
    let client = browser(&driver, 390, 844).await;

    client.goto(&app.url("/login")).await.expect("login page");
    wait_for_hydration(&client).await;
    let input = client
        .find(Locator::Id("field-password"))
        .await
        .expect("password input");
    assert_eq!(
        input.attr("type").await.expect("attr").as_deref(),
        Some("password")
    );
    wait_for_element(
        &client,
        ".password-toggle",
        Duration::from_secs(10),
        "toggle shown once its island is live",
    )
    .await
    .click()
    .await
    .expect("click");
    assert_eq!(
        input.attr("type").await.expect("attr").as_deref(),
        Some("text")
    );

    client
        .find(Locator::Id("field-email"))
        .await
        .expect("email")
        .send_keys("browser@halles.test")
        .await
        .expect("type");
    input.send_keys(&password).await.expect("type");
    screenshot(&client, "login-phone").await;
    client
        .find(Locator::Css("form.form button[type=submit]"))
        .await
        .expect("submit")
        .click()
        .await
        .expect("submit");
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_url(&url::Url::parse(&app.url("/account")).expect("url"))
        .await
        .expect("lands on the account page");
    let body = client
        .find(Locator::Css("main"))
        .await
        .expect("main")
        .text()
        .await
        .expect("text");
    assert!(body.contains("browser@halles.test"), "{body}");
    screenshot(&client, "account-phone").await;
    client.close().await.expect("close");
}

#[tokio::test]
async fn choosing_a_sort_applies_it_once_the_page_is_live() {
    let app = spawn_app().await;
    tests::shopping::add_kitchen_category(&app).await;
    tests::shopping::stocked_shop(
        &app,
        "sort@halles.test",
        "Boutique du Tri",
        "boutique-du-tri",
        2_500,
        490,
        3,
    )
    .await;
    let driver = start_driver().await;
    let client = browser(&driver, 1280, 900).await;

    client
        .goto(&app.url("/categories/cuisine"))
        .await
        .expect("category page");
    wait_for_hydration(&client).await;
    // The button serves pages without the wasm; once live it steps aside.
    wait_for_element(
        &client,
        ".sort-submit.visually-hidden",
        Duration::from_secs(10),
        "the sort button steps aside once its island is live",
    )
    .await;
    client
        .find(Locator::Id("sort"))
        .await
        .expect("the sort select")
        .select_by_value("price_desc")
        .await
        .expect("choose a sort");
    for _ in 0..100 {
        let url = client.current_url().await.expect("current url");
        if url
            .query()
            .is_some_and(|query| query.contains("sort=price_desc"))
        {
            assert_eq!(url.path(), "/categories/cuisine");
            let body = shopping::text_of(&client, "main").await;
            assert!(body.contains("Boutique du Tri"), "{body}");
            client.close().await.expect("close");
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("choosing a sort did not load the sorted listing");
}
