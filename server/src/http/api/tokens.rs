//! Named, revocable API tokens: `GET /auth/tokens` lists the caller's live tokens (the
//! names given at login with `token_name`), `DELETE /auth/tokens/{id}` revokes one — a
//! lost phone is signed out from the laptop. Secrets are never shown again.

use api_types::ListResponse;
use api_types::omnichannel::ApiToken;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use services::accounts::sessions;

use utoipa_axum::routes;

use super::openapi::{ApiRoutes, NotFound, Unauthenticated, tag};
use crate::http::auth::AuthUser;
use crate::http::error::ApiError;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(list_own_tokens))
        .routes(routes!(revoke_api_token))
}

fn rfc3339(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The caller's API tokens
///
/// Every live token of the account, most recently used first, with the name given at
/// login (`token_name`); `current` marks the token of this request. Secrets are never
/// shown again.
#[utoipa::path(
    get,
    path = "/auth/tokens",
    tag = tag::CONTINUITY,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The live tokens.", body = ListResponse<ApiToken>),
        Unauthenticated,
    ),
)]
async fn list_own_tokens(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
) -> Result<Json<ListResponse<ApiToken>>, ApiError> {
    let tokens = sessions::list_api_tokens(&state.db, &session.user.id).await?;
    let total = tokens.len() as u64;
    Ok(Json(ListResponse {
        items: tokens
            .into_iter()
            .map(|token| ApiToken {
                current: token.id == session.id,
                id: token.id,
                name: token.name,
                created_at: rfc3339(token.created_at),
                last_used_at: rfc3339(token.last_seen_at),
                expires_at: rfc3339(token.expires_at),
            })
            .collect(),
        total,
        page: 1,
        per_page: total.max(1),
    }))
}

/// Revoke a token
///
/// Signs that device out at once. Another account's token answers 404.
#[utoipa::path(
    delete,
    path = "/auth/tokens/{id}",
    tag = tag::CONTINUITY,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The token's id (from `GET /auth/tokens`).")),
    responses(
        (status = 204, description = "Revoked."),
        Unauthenticated,
        NotFound,
    ),
)]
async fn revoke_api_token(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    sessions::revoke_own_token(&state.db, &session.user.id, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
