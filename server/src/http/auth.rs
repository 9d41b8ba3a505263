//! Who is calling. API clients send `Authorization: Bearer <token>`; the web app sends its
//! session cookie, and then every state-changing API call must also carry the session's
//! CSRF token in `X-CSRF-Token`, since a browser attaches cookies on its own.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, header};
use services::Db;
use services::accounts::sessions::{self, ResolvedSession, SessionKind};

use crate::http::cookies;
use crate::http::error::ApiError;
use crate::state::AppState;

/// A request authenticated by a live session or token.
pub struct AuthUser(pub ResolvedSession);

/// A request that may or may not be authenticated.
pub struct MaybeAuthUser(pub Option<ResolvedSession>);

/// The header a cookie-authenticated client puts its CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";

impl<S> FromRequestParts<S> for MaybeAuthUser
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        resolve(&state.db, &parts.method, &parts.headers)
            .await
            .map(MaybeAuthUser)
    }
}

impl<S> FromRequestParts<S> for AuthUser
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match MaybeAuthUser::from_request_parts(parts, state).await?.0 {
            Some(session) => Ok(AuthUser(session)),
            None => Err(ApiError::unauthenticated()),
        }
    }
}

async fn resolve(
    db: &Db,
    method: &Method,
    headers: &HeaderMap,
) -> Result<Option<ResolvedSession>, ApiError> {
    if let Some(authorization) = headers.get(header::AUTHORIZATION) {
        let token = authorization
            .to_str()
            .ok()
            .and_then(|value| {
                value
                    .strip_prefix("Bearer ")
                    .or_else(|| value.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "invalid_authorization",
                    "Send `Authorization: Bearer <token>`.",
                )
            })?;
        return match sessions::resolve(db, token, SessionKind::Api).await? {
            Some(session) => Ok(Some(session)),
            None => Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "invalid_token",
                "This token is unknown, expired or revoked. Log in again.",
            )),
        };
    }
    let Some(token) = cookies::read(headers, cookies::SESSION) else {
        return Ok(None);
    };
    let Some(session) = sessions::resolve(db, &token, SessionKind::Web).await? else {
        return Ok(None);
    };
    if !method.is_safe() {
        let sent = headers
            .get(CSRF_HEADER)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default();
        let expected = session.csrf_token.as_deref().unwrap_or_default();
        if expected.is_empty() || !cookies::constant_time_eq(sent, expected) {
            return Err(ApiError::forbidden(
                "A session cookie needs the `X-CSRF-Token` header on this request.",
            ));
        }
    }
    Ok(Some(session))
}

/// The client's address, for throttling: the peer, or the first `X-Forwarded-For` hop
/// when the server is configured to trust its proxy.
pub struct ClientAddress(pub String);

impl<S> FromRequestParts<S> for ClientAddress
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        Ok(ClientAddress(client_address(
            parts,
            state.settings.trust_proxy,
        )))
    }
}

/// See [`ClientAddress`].
pub fn client_address(parts: &Parts, trust_proxy: bool) -> String {
    if trust_proxy
        && let Some(forwarded) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(',').next())
            .and_then(|first| first.trim().parse::<IpAddr>().ok())
    {
        return forwarded.to_string();
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}
