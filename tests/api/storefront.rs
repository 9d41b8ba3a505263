//! The storefront as a browser without JavaScript sees it: pages, languages, the 404
//! page, and the sign-up, login and logout forms with their CSRF and session rules.

use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use tests::{TestApp, csrf_in, signed_up, spawn_app};

async fn page(browser: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let response = browser.get(app.url(path)).send().await.expect("sent");
    (
        response.status().as_u16(),
        response.text().await.expect("body"),
    )
}

fn set_cookie<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with(&format!("{name}=")))
}

async fn log_in(
    browser: &reqwest::Client,
    app: &TestApp,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let (_, html) = page(browser, app, "/login").await;
    browser
        .post(app.url("/login"))
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf", &csrf_in(&html)),
            ("next", ""),
        ])
        .send()
        .await
        .expect("sent")
}

#[tokio::test]
async fn the_home_page_is_french_by_default_and_english_on_request() {
    let app = spawn_app().await;
    let browser = app.browser();
    let (status, html) = page(&browser, &app, "/").await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"fr\""));
    assert!(html.contains("Se connecter"));
    let (_, english) = page(&browser, &app, "/?lang=en").await;
    assert!(english.contains("<html lang=\"en\""));
    assert!(english.contains("Log in"));
    let (_, remembered) = page(&browser, &app, "/login").await;
    assert!(
        remembered.contains("<html lang=\"en\""),
        "the choice is remembered"
    );
}

#[tokio::test]
async fn an_unknown_path_is_a_real_page_with_status_404() {
    let app = spawn_app().await;
    let (status, html) = page(&app.browser(), &app, "/no/such/page").await;
    assert_eq!(status, 404);
    assert!(html.contains("Page introuvable"));
    assert!(
        html.contains("class=\"site-header\""),
        "inside the normal layout"
    );
}

#[tokio::test]
async fn signing_up_with_the_form_logs_in_with_a_safe_cookie() {
    let app = spawn_app().await;
    let browser = app.browser();
    let (_, html) = page(&browser, &app, "/signup").await;
    let response = browser
        .post(app.url("/signup"))
        .form(&[
            ("name", "Camille Roux"),
            ("email", "camille@halles.test"),
            ("password", "long enough"),
            ("csrf", &csrf_in(&html)),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()[LOCATION], "/account");
    let cookie = set_cookie(&response, "halles_session").expect("a session cookie");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain HTTP: not Secure");
    let (status, account) = page(&browser, &app, "/account").await;
    assert_eq!(status, 200);
    assert!(account.contains("Camille Roux") && account.contains("camille@halles.test"));
}

#[tokio::test]
async fn behind_tls_the_session_cookie_is_secure() {
    let app = spawn_app().await;
    let password = signed_up(&app, "tls@halles.test").await;
    let browser = app.browser();
    let (_, html) = page(&browser, &app, "/login").await;
    let response = browser
        .post(app.url("/login"))
        .header("x-forwarded-proto", "https")
        .form(&[
            ("email", "tls@halles.test"),
            ("password", password.as_str()),
            ("csrf", &csrf_in(&html)),
        ])
        .send()
        .await
        .expect("sent");
    assert!(
        set_cookie(&response, "halles_session")
            .expect("cookie")
            .contains("Secure")
    );
}

#[tokio::test]
async fn a_form_post_without_the_csrf_token_changes_nothing() {
    let app = spawn_app().await;
    let browser = app.browser();
    page(&browser, &app, "/signup").await;
    let response = browser
        .post(app.url("/signup"))
        .form(&[
            ("name", "Mallory"),
            ("email", "mallory@halles.test"),
            ("password", "long enough"),
            ("csrf", "forged"),
        ])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()[LOCATION], "/signup");
    let (_, html) = page(&browser, &app, "/signup").await;
    assert!(html.contains("Le formulaire a expiré"));
    assert!(
        html.contains("value=\"mallory@halles.test\""),
        "what was typed is kept"
    );
    let login = app
        .client()
        .login(&api_types::LoginRequest {
            email: "mallory@halles.test".into(),
            password: "long enough".into(),
            token_name: None,
        })
        .await;
    assert!(login.is_err(), "no account was created");
}

#[tokio::test]
async fn a_cross_site_post_is_refused() {
    let app = spawn_app().await;
    let response = app
        .browser()
        .post(app.url("/login"))
        .header("origin", "https://evil.example")
        .form(&[("email", "a@b.fr"), ("password", "x"), ("csrf", "x")])
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 403);
}

#[tokio::test]
async fn a_wrong_password_shows_an_error_and_keeps_the_email() {
    let app = spawn_app().await;
    signed_up(&app, "oops@halles.test").await;
    let browser = app.browser();
    let response = log_in(&browser, &app, "oops@halles.test", "wrong password").await;
    assert_eq!(response.headers()[LOCATION], "/login");
    let (_, html) = page(&browser, &app, "/login").await;
    assert!(html.contains("E-mail ou mot de passe incorrect."));
    assert!(html.contains("value=\"oops@halles.test\""));
    let (_, again) = page(&browser, &app, "/login").await;
    assert!(
        !again.contains("E-mail ou mot de passe incorrect."),
        "the message shows once"
    );
}

#[tokio::test]
async fn logging_in_rotates_the_session_and_logging_out_ends_it() {
    let app = spawn_app().await;
    let password = signed_up(&app, "rota@halles.test").await;
    let browser = app.browser();
    let first = log_in(&browser, &app, "rota@halles.test", &password).await;
    let first_cookie = set_cookie(&first, "halles_session")
        .expect("cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let second = log_in(&browser, &app, "rota@halles.test", &password).await;
    let second_cookie = set_cookie(&second, "halles_session")
        .expect("cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    assert_ne!(
        first_cookie, second_cookie,
        "a new session id at each login"
    );

    let stale = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let old = stale
        .get(app.url("/account"))
        .header(COOKIE, &first_cookie)
        .send()
        .await
        .expect("sent");
    assert_eq!(
        old.status().as_u16(),
        303,
        "the replaced session is revoked"
    );

    let (_, account) = page(&browser, &app, "/account").await;
    let logout = browser
        .post(app.url("/logout"))
        .form(&[("csrf", csrf_in(&account))])
        .send()
        .await
        .expect("sent");
    assert_eq!(logout.status().as_u16(), 303);
    let after = stale
        .get(app.url("/account"))
        .header(COOKIE, &second_cookie)
        .send()
        .await
        .expect("sent");
    assert_eq!(after.headers()[LOCATION], "/login?next=/account");
}

#[tokio::test]
async fn the_api_refuses_cookie_writes_without_the_csrf_header() {
    let app = spawn_app().await;
    let password = signed_up(&app, "cookie@halles.test").await;
    let browser = app.browser();
    log_in(&browser, &app, "cookie@halles.test", &password).await;
    let me = browser
        .get(app.url("/api/v1/me"))
        .send()
        .await
        .expect("sent");
    assert_eq!(
        me.status().as_u16(),
        200,
        "the session cookie reads the API"
    );
    let logout = browser
        .post(app.url("/api/v1/auth/logout"))
        .send()
        .await
        .expect("sent");
    assert_eq!(
        logout.status().as_u16(),
        403,
        "but does not write without X-CSRF-Token"
    );
}

/// Every test starts its own server in this one process. Leptos lists a server's routes
/// by rendering the app with a process-global flag that stalls resource loads, so a page
/// rendered while another server started used to wait forever (issue 8's report test hung
/// CI this way). Pages must keep answering while other servers start.
#[tokio::test]
async fn pages_keep_answering_while_other_servers_start_in_the_same_process() {
    let app = spawn_app().await;
    let impatient = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .expect("a client");
    // Another thread with its own runtime, as another test would be.
    let starting = std::thread::spawn(|| {
        let runtime = tokio::runtime::Runtime::new().expect("a runtime");
        for _ in 0..8 {
            runtime.block_on(spawn_app());
        }
    });
    let mut answered = 0;
    while !starting.is_finished() || answered < 20 {
        let response = impatient
            .get(app.url("/"))
            .send()
            .await
            .expect("the home page answers");
        assert_eq!(response.status().as_u16(), 200);
        let html = response
            .text()
            .await
            .expect("the whole page, not a stalled one");
        assert!(html.contains("</html>"), "the page is complete");
        answered += 1;
    }
    starting.join().expect("the other servers started");
}
