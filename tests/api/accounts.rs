//! `/api/v1/auth/*` and `/api/v1/me`, exactly as API.md fixes them.

use admin_tui::client::{ApiError, Method};
use api_types::{LoginRequest, Role, SignupRequest};
use futures::future::join_all;
use serde_json::{Value, json};
use tests::{signed_up, spawn_app};

fn login(email: &str, password: &str) -> LoginRequest {
    LoginRequest {
        email: email.to_owned(),
        password: password.to_owned(),
        token_name: Some("tests".into()),
    }
}

async fn post_json(app: &tests::TestApp, path: &str, body: Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(app.url(&format!("/api/v1{path}")))
        .json(&body)
        .send()
        .await
        .expect("request sent");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn signup_answers_201_with_the_user_as_a_shopper() {
    let app = spawn_app().await;
    let created = app
        .client()
        .signup(&SignupRequest {
            email: " Zoe@Halles.test ".into(),
            password: "long enough".into(),
            name: "Zoé".into(),
        })
        .await
        .expect("201");
    assert_eq!(created.user.email, "zoe@halles.test");
    assert_eq!(created.user.roles, vec![Role::Shopper]);
    assert_eq!(created.user.shop_id, None);
}

#[tokio::test]
async fn signup_with_a_taken_email_is_a_409_naming_the_email() {
    let app = spawn_app().await;
    signed_up(&app, "taken@halles.test").await;
    let (status, body) = post_json(
        &app,
        "/auth/signup",
        json!({"email": "TAKEN@halles.test", "password": "another one", "name": "B"}),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(body["error"]["code"], "email_taken");
    assert_eq!(body["error"]["field"], "email");
}

#[tokio::test]
async fn signup_rules_are_422s_naming_the_field() {
    let app = spawn_app().await;
    let cases = [
        (
            json!({"email": "nope", "password": "long enough", "name": "A"}),
            "email",
        ),
        (
            json!({"email": "a@halles.test", "password": "short", "name": "A"}),
            "password",
        ),
        (
            json!({"email": "a@halles.test", "password": "long enough", "name": "  "}),
            "name",
        ),
        (
            json!({"email": "a@halles.test", "password": "long enough"}),
            "name",
        ),
        (
            json!({"email": 42, "password": "long enough", "name": "A"}),
            "email",
        ),
    ];
    for (body, field) in cases {
        let (status, answer) = post_json(&app, "/auth/signup", body.clone()).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(answer["error"]["field"], field, "{body}");
        assert!(
            answer["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
}

#[tokio::test]
async fn login_gives_a_token_that_me_accepts() {
    let app = spawn_app().await;
    let password = signed_up(&app, "ines@halles.test").await;
    let mut client = app.client();
    let logged_in = client
        .login(&login("ines@halles.test", &password))
        .await
        .expect("200");
    assert!(logged_in.token.len() >= 40);
    let me = client.me().await.expect("me");
    assert_eq!(me.user.email, "ines@halles.test");
    assert_eq!(me.user.id, logged_in.user.id);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_401() {
    let app = spawn_app().await;
    signed_up(&app, "known@halles.test").await;
    let (status_wrong, wrong) = post_json(
        &app,
        "/auth/login",
        json!({"email": "known@halles.test", "password": "wrong password"}),
    )
    .await;
    let (status_unknown, unknown) = post_json(
        &app,
        "/auth/login",
        json!({"email": "ghost@halles.test", "password": "wrong password"}),
    )
    .await;
    assert_eq!((status_wrong, status_unknown), (401, 401));
    assert_eq!(wrong, unknown);
    assert_eq!(wrong["error"]["code"], "invalid_credentials");
}

#[tokio::test]
async fn logout_revokes_the_token() {
    let app = spawn_app().await;
    let password = signed_up(&app, "leo@halles.test").await;
    let mut client = app.client();
    let token = client
        .login(&login("leo@halles.test", &password))
        .await
        .expect("login")
        .token;
    client.logout().await.expect("204");
    let mut stale = app.client();
    stale.set_token(Some(token));
    match stale.me().await {
        Err(ApiError::Api { status: 401, body }) => assert_eq!(body.error.code, "invalid_token"),
        other => panic!("expected 401, got {other:?}"),
    }
}

#[tokio::test]
async fn me_and_logout_without_a_token_are_401() {
    let app = spawn_app().await;
    let client = app.client();
    assert!(matches!(
        client.me().await,
        Err(ApiError::Api { status: 401, .. })
    ));
    let response = client
        .raw(Method::POST, "/api/v1/auth/logout")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 401);
    let garbage = client
        .raw(Method::GET, "/api/v1/me")
        .header("authorization", "Basic abc")
        .send()
        .await
        .expect("sent");
    assert_eq!(garbage.status().as_u16(), 401);
}

#[tokio::test]
async fn repeated_failures_are_throttled_with_retry_after() {
    let app = spawn_app().await;
    let password = signed_up(&app, "slow@halles.test").await;
    for _ in 0..5 {
        let (status, _) = post_json(
            &app,
            "/auth/login",
            json!({"email": "slow@halles.test", "password": "not it at all"}),
        )
        .await;
        assert_eq!(status, 401);
    }
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "slow@halles.test", "password": password}))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!(retry_after > 0 && retry_after <= 900);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "too_many_attempts");
}

#[tokio::test]
async fn thirty_two_racing_logins_all_get_an_answer_and_none_a_5xx() {
    let app = spawn_app().await;
    signed_up(&app, "crowd@halles.test").await;
    let attempts = (0..32).map(|_| {
        post_json(
            &app,
            "/auth/login",
            json!({"email": "crowd@halles.test", "password": "wrong password"}),
        )
    });
    let statuses: Vec<u16> = join_all(attempts)
        .await
        .into_iter()
        .map(|(status, _)| status)
        .collect();
    assert!(
        statuses
            .iter()
            .all(|status| *status == 401 || *status == 429),
        "{statuses:?}"
    );
    let counted = services::accounts::throttle::failures(
        &app.db,
        &services::accounts::throttle::Scope::address("127.0.0.1"),
    )
    .await
    .expect("read");
    assert_eq!(
        counted,
        statuses.iter().filter(|s| **s == 401).count() as u32,
        "every refused login counted once"
    );
}

#[tokio::test]
async fn demo_seller_sees_their_shop_on_me() {
    let app = spawn_app().await;
    services::seed::seed_demo(&app.db).await.expect("seeded");
    let mut client = app.client();
    client
        .login(&login("seller@halles.demo", services::seed::DEMO_PASSWORD))
        .await
        .expect("login");
    let me = client.me().await.expect("me");
    assert!(me.user.roles.contains(&Role::Seller));
    let shop = me.shop.expect("a shop");
    assert_eq!(Some(shop.id), me.user.shop_id);
    assert_eq!(shop.slug, "la-cave-de-leon");
}
