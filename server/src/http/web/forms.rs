//! The storefront's form posts: `/login`, `/signup`, `/logout` (and, merged here, the
//! buying forms of [`super::buying`] and the report form of [`super::reports`]). Each checks the CSRF
//! token, does its work through `services`, and answers with a 303 redirect — back to
//! the form with a flash on error, onwards on success — so the pages work without
//! JavaScript and a reload never posts twice.

use app::context::{Flash, PageContext};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use services::StoreError;
use services::accounts::sessions::{self, SessionKind};
use services::accounts::{LoginAttempt, NewAccount, authenticate, signup};

use super::context::{WebSession, encode_flash};
use crate::http::auth::ClientAddress;
use crate::http::cookies;
use crate::http::route_table::RouteTable;
use crate::state::AppState;

/// Every form post of the storefront.
pub fn routes() -> RouteTable {
    RouteTable::new()
        .post("/login", submit_login)
        .post("/signup", submit_signup)
        .post("/logout", submit_logout)
        .merge(super::buying::routes())
        .merge(super::reports::routes())
}

/// A flash lives only across the redirect that follows the post.
pub(super) const FLASH_SECS: i64 = 120;

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
}

#[derive(Deserialize)]
struct SignupForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
}

#[derive(Deserialize)]
struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

pub(super) fn csrf_matches(page: &PageContext, sent: &str) -> bool {
    !page.csrf_token.is_empty() && cookies::constant_time_eq(&page.csrf_token, sent)
}

#[tracing::instrument(skip_all)]
async fn submit_login(
    State(state): State<AppState>,
    Extension(page): Extension<PageContext>,
    Extension(WebSession(previous)): Extension<WebSession>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let next = app::pages::safe_next(&form.next);
    let back = match &next {
        Some(next) => format!("/login?next={}", urlencode(next)),
        None => "/login".to_owned(),
    };
    let values = vec![("email".to_owned(), form.email.clone())];
    if !csrf_matches(&page, &form.csrf) {
        return back_with_flash(
            &state,
            &headers,
            &back,
            "login",
            "csrf_failed",
            None,
            values,
        );
    }
    let attempt = LoginAttempt {
        email: &form.email,
        password: &form.password,
        client_address: &address,
    };
    let user = match authenticate(&state.db, attempt).await {
        Ok(user) => user,
        Err(err) => {
            let code = match err {
                StoreError::InvalidCredentials => "invalid_credentials",
                StoreError::Throttled { .. } => "too_many_attempts",
                other => {
                    tracing::error!(error = %other, "login failed");
                    "internal_error"
                }
            };
            return back_with_flash(&state, &headers, &back, "login", code, None, values);
        }
    };
    let merged = merge_guest_cart(&state, &headers, &user.id).await;
    let mut response = start_session(
        &state,
        &headers,
        previous.map(|s| s.id),
        &user.id,
        next.as_deref().unwrap_or("/account"),
    )
    .await;
    if merged {
        clear_guest_cart(&state, &headers, &mut response);
    }
    response
}

/// Moves a guest's cart into the account that just logged in or signed up; its notices
/// (lines capped by stock) wait on `/cart`. `true` when the guest cart cookie can go.
async fn merge_guest_cart(state: &AppState, headers: &HeaderMap, user_id: &str) -> bool {
    let Some(token) = cookies::read(headers, cookies::CART) else {
        return false;
    };
    match services::buying::cart::merge_guest_cart(&state.db, &token, user_id).await {
        Ok(_) => true,
        Err(err) => {
            // The guest cart stays where it was; the next login tries again.
            tracing::error!(error = %err, "merging a guest cart");
            false
        }
    }
}

fn clear_guest_cart(state: &AppState, headers: &HeaderMap, response: &mut Response) {
    let secure = cookies::must_be_secure(headers, state.settings.secure_cookies);
    cookies::append(
        response.headers_mut(),
        cookies::set_cookie(cookies::CART, String::new(), 0, secure),
    );
}

#[tracing::instrument(skip_all)]
async fn submit_signup(
    State(state): State<AppState>,
    Extension(page): Extension<PageContext>,
    Extension(WebSession(previous)): Extension<WebSession>,
    headers: HeaderMap,
    Form(form): Form<SignupForm>,
) -> Response {
    let values = vec![
        ("name".to_owned(), form.name.clone()),
        ("email".to_owned(), form.email.clone()),
    ];
    if !csrf_matches(&page, &form.csrf) {
        return back_with_flash(
            &state,
            &headers,
            "/signup",
            "signup",
            "csrf_failed",
            None,
            values,
        );
    }
    let created = match NewAccount::parse(&form.email, &form.password, &form.name) {
        Ok(account) => signup(&state.db, account).await,
        Err(err) => Err(err),
    };
    match created {
        Ok(user) => {
            let merged = merge_guest_cart(&state, &headers, &user.id).await;
            let mut response = start_session(
                &state,
                &headers,
                previous.map(|s| s.id),
                &user.id,
                "/account",
            )
            .await;
            if merged {
                clear_guest_cart(&state, &headers, &mut response);
            }
            response
        }
        Err(StoreError::Conflict { code, field, .. } | StoreError::Invalid { code, field, .. }) => {
            back_with_flash(&state, &headers, "/signup", "signup", code, field, values)
        }
        Err(other) => {
            tracing::error!(error = %other, "sign-up failed");
            back_with_flash(
                &state,
                &headers,
                "/signup",
                "signup",
                "internal_error",
                None,
                values,
            )
        }
    }
}

#[tracing::instrument(skip_all)]
async fn submit_logout(
    State(state): State<AppState>,
    Extension(page): Extension<PageContext>,
    Extension(WebSession(session)): Extension<WebSession>,
    headers: HeaderMap,
    Form(form): Form<LogoutForm>,
) -> Response {
    if !csrf_matches(&page, &form.csrf) {
        return Redirect::to("/account").into_response();
    }
    if let Some(session) = session
        && let Err(err) = sessions::revoke(&state.db, &session.id).await
    {
        tracing::error!(error = %err, "logout failed");
    }
    let secure = cookies::must_be_secure(&headers, state.settings.secure_cookies);
    let mut response = Redirect::to("/").into_response();
    cookies::append(
        response.headers_mut(),
        cookies::set_cookie(cookies::SESSION, String::new(), 0, secure),
    );
    cookies::append(
        response.headers_mut(),
        cookies::set_cookie(
            cookies::CSRF,
            sessions::random_token(),
            365 * 24 * 3600,
            secure,
        ),
    );
    response
}

/// Logs the user in with a brand-new session id (the old one, if any, is revoked, so a
/// session id planted before login is worthless after it).
async fn start_session(
    state: &AppState,
    headers: &HeaderMap,
    previous: Option<String>,
    user_id: &str,
    to: &str,
) -> Response {
    if let Some(previous) = previous
        && let Err(err) = sessions::revoke(&state.db, &previous).await
    {
        tracing::error!(error = %err, "revoking the previous session");
    }
    let issued = match sessions::create(&state.db, user_id, SessionKind::Web, None).await {
        Ok(issued) => issued,
        Err(err) => {
            tracing::error!(error = %err, "creating a web session");
            return Redirect::to("/login").into_response();
        }
    };
    let secure = cookies::must_be_secure(headers, state.settings.secure_cookies);
    let max_age = (issued.expires_at - services::now()).num_seconds();
    let mut response = Redirect::to(to).into_response();
    cookies::append(
        response.headers_mut(),
        cookies::set_cookie(cookies::SESSION, issued.token, max_age, secure),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub(super) fn back_with_flash(
    state: &AppState,
    headers: &HeaderMap,
    to: &str,
    form: &str,
    code: &str,
    field: Option<&str>,
    values: Vec<(String, String)>,
) -> Response {
    let flash = Flash {
        form: form.to_owned(),
        error: code.to_owned(),
        field: field.map(str::to_owned),
        values,
    };
    let secure = cookies::must_be_secure(headers, state.settings.secure_cookies);
    let mut response = Redirect::to(to).into_response();
    cookies::append(
        response.headers_mut(),
        cookies::set_cookie(cookies::FLASH, encode_flash(&flash), FLASH_SECS, secure),
    );
    response
}

/// Percent-encodes a path or query value (keeping `/`).
pub(crate) fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (byte as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}
