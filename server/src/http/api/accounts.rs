//! `/auth/signup`, `/auth/login`, `/auth/logout`, `/me`.

use api_types::{LoginRequest, LoginResponse, MeResponse, SignupRequest, SignupResponse};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use services::accounts::sessions::{self, SessionKind};
use services::accounts::{LoginAttempt, NewAccount, authenticate, signup};

use crate::http::auth::{AuthUser, ClientAddress};
use crate::http::error::ApiError;
use crate::http::json::ApiJson;
use crate::state::AppState;
use app::convert::{shop_summary, user_of};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/signup", post(create_account))
        .route("/auth/login", post(create_token))
        .route("/auth/logout", post(revoke_token))
        .route("/me", get(find_me))
}

/// Longest token label kept.
const TOKEN_NAME_MAX_CHARS: usize = 80;

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

#[tracing::instrument(skip_all)]
async fn revoke_token(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
) -> Result<StatusCode, ApiError> {
    sessions::revoke(&state.db, &session.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn find_me(AuthUser(session): AuthUser) -> Json<MeResponse> {
    Json(MeResponse {
        user: user_of(&session.user),
        shop: session.user.shop.as_ref().map(shop_summary),
    })
}
