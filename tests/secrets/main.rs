//! No card number, password or session token in the database or the logs after a run
//! that signs up, logs in on the API and the website, fails logins and pays with cards
//! on both (issue 11). What the logs would say is captured at TRACE for every crate,
//! far more than production's `info`, so a secret in a debug line fails too.
//!
//! A test binary of its own: it installs the process's global subscriber, which in the
//! API suite would also collect (and slow) every other test's logs.

#[path = "../api/market.rs"]
#[allow(dead_code)]
mod market;

use std::io::Write;
use std::sync::{Arc, Mutex};

use api_types::buying::OrderResponse;
use api_types::{LoginRequest, SignupRequest};
use reqwest::header::SET_COOKIE;
use serde_json::json;
use tests::{csrf_in, spawn_app};

use market::{add_to_cart, delivered, market};

/// Everything the server logged, as text.
#[derive(Clone, Default)]
struct CapturedLogs(Arc<Mutex<Vec<u8>>>);

impl Write for CapturedLogs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl CapturedLogs {
    fn text(&self) -> String {
        let bytes = self.0.lock().unwrap_or_else(|p| p.into_inner());
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// The session cookie's value in a login answer.
fn session_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|value| value.strip_prefix("halles_session="))
        .and_then(|value| value.split(';').next())
        .expect("a session cookie")
        .to_owned()
}

#[tokio::test]
async fn no_card_number_password_or_token_reaches_the_database_or_the_logs() {
    let logs = CapturedLogs::default();
    let sink = logs.clone();
    // Every event and span of every crate the server runs, from every thread; not the
    // test's own HTTP client, which logs the cookies it receives.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(
            "trace,cookie_store=off,reqwest=off,hyper_util::client=off",
        ))
        .with_writer(move || sink.clone())
        .with_ansi(false)
        .init();

    let app = spawn_app().await;
    let m = market(&app, 10).await;
    let email = "secret-keeper@shoppers.test";
    let password = "Tilleul-argenté-93";
    let wrong_password = "Peuplier-doré-17";
    let mut shopper = app.client();
    shopper
        .signup(&SignupRequest {
            email: email.into(),
            password: password.into(),
            name: "Camille Martin".into(),
        })
        .await
        .expect("signed up");
    let refused = shopper
        .login(&LoginRequest {
            email: email.into(),
            password: wrong_password.into(),
            token_name: None,
        })
        .await;
    assert!(refused.is_err(), "a wrong password is refused");
    shopper
        .login(&LoginRequest {
            email: email.into(),
            password: password.into(),
            token_name: Some("Téléphone".into()),
        })
        .await
        .expect("logged in");
    let api_token = shopper.token().expect("a token").to_owned();

    // Card numbers on the API: one declined, one paid.
    add_to_cart(&shopper, &m.offer_a, 1).await;
    let order: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_a.id], "hosted_page"))
        .await
        .expect("order placed");
    let card_body = |number: &str| json!({"card_number": number, "expiry": "12/34", "cvc": "737", "name": "C M"});
    let declined = shopper
        .post::<_, OrderResponse>(
            &format!("/orders/{}/pay", order.order.id),
            &card_body("4000 0000 0000 0002"),
        )
        .await;
    assert_eq!(declined.expect_err("declined").status(), Some(402));
    let paid: OrderResponse = shopper
        .post(
            &format!("/orders/{}/pay", order.order.id),
            &card_body("4242424242424242"),
        )
        .await
        .expect("paid");
    assert_eq!(paid.order.status, "paid");

    // The website: a login, and a card typed into the payment page's form.
    let browser = app.browser();
    let login_page = browser.get(app.url("/login")).send().await.expect("sent");
    let login_page = login_page.text().await.expect("page");
    let logged_in = browser
        .post(app.url("/login"))
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf", &csrf_in(&login_page)),
            ("next", ""),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(logged_in.status().as_u16(), 303);
    let cookie = session_cookie(&logged_in);
    add_to_cart(&shopper, &m.offer_b, 1).await;
    let second: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_b.id], "hosted_page"))
        .await
        .expect("second order placed");
    let pay_path = format!("/pay/{}", second.order.id);
    let pay_page = browser.get(app.url(&pay_path)).send().await.expect("sent");
    assert_eq!(pay_page.status().as_u16(), 200);
    let pay_page = pay_page.text().await.expect("page");
    let submitted = browser
        .post(app.url(&pay_path))
        .form(&[
            ("card_number", "5555 5555 5555 4444"),
            ("expiry", "12/34"),
            ("cvc", "737"),
            ("name", "C M"),
            ("csrf", &csrf_in(&pay_page)),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(submitted.status().as_u16(), 303, "the form was handled");

    let secrets = [
        ("the password", password.to_owned()),
        ("a wrong password", wrong_password.to_owned()),
        ("the API token", api_token),
        ("the session cookie", cookie),
        ("a declined card", "4000000000000002".to_owned()),
        ("a declined card, spaced", "4000 0000 0000 0002".to_owned()),
        ("a paid card", "4242424242424242".to_owned()),
        ("a card typed in the form", "5555555555554444".to_owned()),
        ("a card typed in the form", "5555 5555 5555 4444".to_owned()),
        (
            "a card as the form sends it",
            "5555+5555+5555+4444".to_owned(),
        ),
        (
            "the password as the form sends it",
            "Tilleul-argent%C3%A9-93".to_owned(),
        ),
    ];
    let dump = tests::dump::database_dump(&app.db)
        .await
        .expect("the database as text");
    assert!(
        dump.iter().any(|line| line.contains(email)),
        "the dump holds the data"
    );
    let log_text = logs.text();
    assert!(
        log_text.contains("/orders/{id}/pay") && log_text.contains("/login"),
        "the requests were logged: {} bytes, starting {:?}",
        log_text.len(),
        log_text.chars().take(600).collect::<String>()
    );
    let mut leaks = Vec::new();
    for (what, secret) in &secrets {
        for line in dump.iter().filter(|line| line.contains(secret.as_str())) {
            leaks.push(format!("{what} in the database: {line}"));
        }
        for line in log_text
            .lines()
            .filter(|line| line.contains(secret.as_str()))
        {
            leaks.push(format!("{what} in the logs: {line}"));
        }
    }
    assert!(leaks.is_empty(), "secrets leaked:\n{}", leaks.join("\n"));
}
