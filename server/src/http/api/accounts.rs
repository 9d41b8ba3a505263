//! `/auth/signup`, `/auth/login`, `/auth/logout`, `/me`.

use api_types::{
    ErrorBody, LoginRequest, LoginResponse, MeResponse, SignupRequest, SignupResponse,
};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use services::accounts::sessions::{self, SessionKind};
use services::accounts::{LoginAttempt, NewAccount, authenticate, signup};

use utoipa_axum::routes;

use super::openapi::{ApiRoutes, Conflict, JsonBody, Throttled, Unauthenticated, tag};
use crate::http::auth::{AuthUser, ClientAddress};
use crate::http::error::ApiError;
use crate::http::json::ApiJson;
use crate::state::AppState;
use app::convert::{shop_summary, user_of};

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(create_account))
        .routes(routes!(create_token))
        .routes(routes!(revoke_token))
        .routes(routes!(find_me))
}

/// Longest token label kept.
const TOKEN_NAME_MAX_CHARS: usize = 80;

/// Sign up
///
/// Creates a shopper account. Log in next for a token.
#[utoipa::path(
    post,
    path = "/auth/signup",
    tag = tag::ACCOUNTS,
    security(()),
    request_body = SignupRequest,
    responses(
        (status = 201, description = "The account.", body = SignupResponse),
        JsonBody,
        Conflict,
    ),
)]
#[tracing::instrument(skip_all)]
async fn create_account(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<SignupRequest>,
) -> Result<(StatusCode, Json<SignupResponse>), ApiError> {
    let account = NewAccount::parse(&request.email, &request.password, &request.name)?;
    let user = signup(&state.db, account).await?;
    Ok((
        StatusCode::CREATED,
        Json(SignupResponse {
            user: user_of(&user),
        }),
    ))
}

/// Log in
///
/// Trades an e-mail and password for an API token (`Authorization: Bearer <token>`).
#[utoipa::path(
    post,
    path = "/auth/login",
    tag = tag::ACCOUNTS,
    security(()),
    request_body = LoginRequest,
    responses(
        (status = 200, description = "A new token and its user.", body = LoginResponse),
        (status = 401, description = "Wrong e-mail or password (`invalid_credentials`): the \
            same answer for both.", body = ErrorBody),
        JsonBody,
        Throttled,
    ),
)]
#[tracing::instrument(skip_all)]
async fn create_token(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let token_name = match request.token_name.as_deref().map(str::trim) {
        Some(name) if name.chars().count() > TOKEN_NAME_MAX_CHARS => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "token_name_too_long",
                "The token name has 80 characters at most.",
            )
            .with_field("token_name"));
        }
        Some("") | None => None,
        Some(name) => Some(name.to_owned()),
    };
    let attempt = LoginAttempt {
        email: &request.email,
        password: &request.password,
        client_address: &address,
    };
    let user = authenticate(&state.db, attempt).await?;
    let issued = sessions::create(&state.db, &user.id, SessionKind::Api, token_name).await?;
    Ok(Json(LoginResponse {
        token: issued.token,
        user: user_of(&user),
    }))
}

/// Log out
///
/// Revokes the token or session the request was made with.
#[utoipa::path(
    post,
    path = "/auth/logout",
    tag = tag::ACCOUNTS,
    security(("bearer" = []), ("session" = [])),
    responses((status = 204, description = "Revoked."), Unauthenticated),
)]
#[tracing::instrument(skip_all)]
async fn revoke_token(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
) -> Result<StatusCode, ApiError> {
    sessions::revoke(&state.db, &session.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who am I
///
/// The caller's account, and their shop when they are its staff.
#[utoipa::path(
    get,
    path = "/me",
    tag = tag::ACCOUNTS,
    security(("bearer" = []), ("session" = [])),
    responses((status = 200, description = "The caller.", body = MeResponse), Unauthenticated),
)]
async fn find_me(AuthUser(session): AuthUser) -> Json<MeResponse> {
    Json(MeResponse {
        user: user_of(&session.user),
        shop: session.user.shop.as_ref().map(shop_summary),
    })
}
