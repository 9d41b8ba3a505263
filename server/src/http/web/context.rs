//! Middleware that prepares every storefront request: language, session, CSRF token and
//! flash, put into request extensions for the pages and the form handlers, and the
//! cookies that go with them set on the way out.

use app::context::{Flash, GuestCart, PageContext};
use app::i18n::Locale;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use services::accounts::ResolvedSession;
use services::accounts::sessions::{self, SessionKind, random_token};
use services::buying::cart::{self, CartOwner};

use crate::http::api::{shop_summary, user_of};
use crate::http::cookies;
use crate::state::AppState;

/// The session of a storefront request, if the visitor is logged in.
#[derive(Clone)]
pub struct WebSession(pub Option<ResolvedSession>);

/// One year, for the language and CSRF cookies.
const LONG_COOKIE_SECS: i64 = 365 * 24 * 3600;

/// Paths that are not pages: no flash consumed, no page context built.
fn is_page_request(path: &str) -> bool {
    !(path.starts_with("/pkg/") || path.starts_with("/assets/") || path == "/healthz")
}

/// Builds the [`PageContext`] and friends for a storefront request.
pub async fn prepare(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if !req.method().is_safe() && is_cross_site(req.headers()) {
        return (StatusCode::FORBIDDEN, "Cross-site form posts are refused.").into_response();
    }
    if !is_page_request(req.uri().path()) {
        return next.run(req).await;
    }
    let secure = cookies::must_be_secure(req.headers(), state.settings.secure_cookies);
    let mut set_cookies = Vec::new();

    let (locale, locale_from_query) = choose_locale(&req);
    if locale_from_query {
        set_cookies.push(cookies::set_cookie(
            cookies::LANG,
            locale.tag().to_owned(),
            LONG_COOKIE_SECS,
            secure,
        ));
    }

    let session = match cookies::read(req.headers(), cookies::SESSION) {
        Some(token) => match sessions::resolve(&state.db, &token, SessionKind::Web).await {
            Ok(session) => session,
            Err(err) => {
                tracing::error!(error = %err, "resolving a web session");
                None
            }
        },
        None => None,
    };
    if session.is_none() && cookies::read(req.headers(), cookies::SESSION).is_some() {
        set_cookies.push(cookies::set_cookie(
            cookies::SESSION,
            String::new(),
            0,
            secure,
        ));
    }

    let csrf_token = match session.as_ref().and_then(|s| s.csrf_token.clone()) {
        Some(token) => token,
        None => cookies::read(req.headers(), cookies::CSRF).unwrap_or_else(|| {
            let token = random_token();
            set_cookies.push(cookies::set_cookie(
                cookies::CSRF,
                token.clone(),
                LONG_COOKIE_SECS,
                secure,
            ));
            token
        }),
    };

    let flash = cookies::read(req.headers(), cookies::FLASH).and_then(|raw| decode_flash(&raw));
    if cookies::read(req.headers(), cookies::FLASH).is_some() && req.method() == Method::GET {
        set_cookies.push(cookies::set_cookie(
            cookies::FLASH,
            String::new(),
            0,
            secure,
        ));
    }

    if req.method() == Method::GET && session.is_none() && needs_login(req.uri().path()) {
        let next = super::forms::urlencode(req.uri().path());
        return Redirect::to(&format!("/login?next={next}")).into_response();
    }

    // A guest's cart secret, for the cart's server functions (never shown to the page).
    let guest_cart = match &session {
        Some(_) => None,
        None => cookies::read(req.headers(), cookies::CART),
    };
    let cart_count = if req.method() == Method::GET {
        let owner = match (&session, &guest_cart) {
            (Some(session), _) => Some(CartOwner::User(&session.user.id)),
            (None, Some(token)) => Some(CartOwner::Guest(token)),
            (None, None) => None,
        };
        match owner {
            Some(owner) => cart::item_count(&state.db, owner)
                .await
                .unwrap_or_else(|err| {
                    tracing::error!(error = %err, "counting the cart's items");
                    0
                }),
            None => 0,
        }
    } else {
        0
    };

    let page = PageContext {
        user: session.as_ref().map(|s| user_of(&s.user)),
        shop: session
            .as_ref()
            .and_then(|s| s.user.shop.as_ref().map(shop_summary)),
        csrf_token,
        flash,
        cart_count,
    };
    if let Some(token) = guest_cart {
        req.extensions_mut().insert(GuestCart(token));
    }
    req.extensions_mut().insert(locale);
    req.extensions_mut().insert(page);
    req.extensions_mut().insert(WebSession(session));

    let mut response = next.run(req).await;
    for cookie in set_cookies {
        cookies::append(response.headers_mut(), cookie);
    }
    response
}

/// Pages only a logged-in shopper can see: a visitor is sent to log in first, and comes
/// back here after.
fn needs_login(path: &str) -> bool {
    path == "/account"
        || path == "/wallet"
        || path == "/checkout"
        || path.starts_with("/pay/")
        || path.starts_with("/orders/")
}

/// `?lang=` wins (and is remembered), then the cookie, then French.
fn choose_locale(req: &Request) -> (Locale, bool) {
    let from_query = req
        .uri()
        .query()
        .and_then(|query| query.split('&').find_map(|pair| pair.strip_prefix("lang=")))
        .and_then(Locale::from_tag);
    if let Some(locale) = from_query {
        return (locale, true);
    }
    let from_cookie =
        cookies::read(req.headers(), cookies::LANG).and_then(|tag| Locale::from_tag(&tag));
    (from_cookie.unwrap_or_default(), false)
}

/// A browser tells us when a post comes from another site; such posts are refused on top
/// of the CSRF token check.
fn is_cross_site(headers: &HeaderMap) -> bool {
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if fetch_site == Some("cross-site") {
        return true;
    }
    let origin = headers.get("origin").and_then(|v| v.to_str().ok());
    let host = headers.get("host").and_then(|v| v.to_str().ok());
    match (origin, host) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => origin.split_once("://").map(|(_, rest)| rest) != Some(host),
        _ => false,
    }
}

/// Encodes a flash for its cookie.
pub fn encode_flash(flash: &Flash) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(flash).unwrap_or_default())
}

fn decode_flash(raw: &str) -> Option<Flash> {
    let bytes = URL_SAFE_NO_PAD.decode(raw).ok()?;
    serde_json::from_slice(&bytes).ok()
}
