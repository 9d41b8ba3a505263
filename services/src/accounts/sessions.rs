//! Web sessions and API tokens. The client holds a random 256-bit secret; the database
//! holds only its SHA-256, so a leaked dump lets no one in. Both kinds expire after a
//! period without use and can be revoked one by one.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, ExprTrait, FromQueryResult,
    QueryFilter, sea_query::Expr,
};
use sha2::{Digest, Sha256};

use crate::accounts::profile::{ShopView, UserView};
use crate::db::entity::sessions;
use crate::db::statement;
use crate::{Db, StoreError, new_id, now};

/// A browser session (cookie, with a CSRF token) or an API token (bearer header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Web,
    Api,
}

impl SessionKind {
    fn as_str(self) -> &'static str {
        match self {
            SessionKind::Web => "web",
            SessionKind::Api => "api",
        }
    }

    /// How long a session lives without being used.
    fn idle_lifetime(self) -> Duration {
        match self {
            SessionKind::Web => Duration::days(14),
            SessionKind::Api => Duration::days(90),
        }
    }
}

/// Sliding expiry is written at most this often, so reads do not all become writes.
const TOUCH_INTERVAL_MINUTES: i64 = 60;

/// What the client receives when a session begins. `token` is shown once, never stored.
#[derive(Debug, Clone)]
pub struct IssuedSession {
    pub id: String,
    pub token: String,
    pub csrf_token: Option<String>,
    pub expires_at: DateTime<Utc>,
}

/// A live session and its user.
#[derive(Debug, Clone)]
pub struct ResolvedSession {
    pub id: String,
    pub kind: SessionKind,
    pub csrf_token: Option<String>,
    pub user: UserView,
}

/// A new random secret, URL-safe (43 characters).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Starts a session for `user_id`.
pub async fn create(
    db: &Db,
    user_id: &str,
    kind: SessionKind,
    name: Option<String>,
) -> Result<IssuedSession, StoreError> {
    let token = random_token();
    let csrf_token = (kind == SessionKind::Web).then(random_token);
    let now = now();
    let expires_at = now + kind.idle_lifetime();
    let id = new_id();
    sessions::ActiveModel {
        id: Set(id.clone()),
        token_hash: Set(token_hash(&token)),
        user_id: Set(user_id.to_owned()),
        kind: Set(kind.as_str().to_owned()),
        name: Set(name),
        csrf_token: Set(csrf_token.clone()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
    }
    .insert(db.writer())
    .await?;
    Ok(IssuedSession {
        id,
        token,
        csrf_token,
        expires_at,
    })
}

/// Finds the live session of `token` of the given kind, extending its expiry when due.
/// Unknown, expired and revoked tokens all give `None`.
pub async fn resolve(
    db: &Db,
    token: &str,
    kind: SessionKind,
) -> Result<Option<ResolvedSession>, StoreError> {
    let now = now();
    // The session, its user and the user's shop in one query: every signed-in request
    // starts here.
    let Some(row) = SessionRow::find_by_statement(statement(
        db.backend(),
        "SELECT s.id, s.csrf_token, s.last_seen_at, u.id AS user_id, u.email, u.name, u.is_operator, \
           sh.id AS shop_id, sh.slug AS shop_slug, sh.name AS shop_name, sh.status AS shop_status \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         LEFT JOIN shop_staff st ON st.user_id = u.id LEFT JOIN shops sh ON sh.id = st.shop_id \
         WHERE s.token_hash = ? AND s.kind = ? AND s.revoked_at IS NULL AND s.expires_at > ?",
        [token_hash(token).into(), kind.as_str().into(), now.into()],
    ))
    .one(db.conn())
    .await?
    else {
        return Ok(None);
    };
    if now - row.last_seen_at > Duration::minutes(TOUCH_INTERVAL_MINUTES) {
        sessions::Entity::update_many()
            .col_expr(sessions::Column::LastSeenAt, Expr::value(now))
            .col_expr(
                sessions::Column::ExpiresAt,
                Expr::value(now + kind.idle_lifetime()),
            )
            .filter(sessions::Column::Id.eq(row.id.clone()))
            .exec(db.writer())
            .await?;
    }
    let shop = match (row.shop_id, row.shop_slug, row.shop_name, row.shop_status) {
        (Some(id), Some(slug), Some(name), Some(status)) => Some(ShopView {
            id,
            slug,
            name,
            status,
        }),
        _ => None,
    };
    Ok(Some(ResolvedSession {
        id: row.id,
        kind,
        csrf_token: row.csrf_token,
        user: UserView::new(row.user_id, row.email, row.name, row.is_operator, shop),
    }))
}

#[derive(Debug, FromQueryResult)]
struct SessionRow {
    id: String,
    csrf_token: Option<String>,
    last_seen_at: DateTime<Utc>,
    user_id: String,
    email: String,
    name: String,
    is_operator: bool,
    shop_id: Option<String>,
    shop_slug: Option<String>,
    shop_name: Option<String>,
    shop_status: Option<String>,
}

/// Ends a session. Revoking twice is harmless.
pub async fn revoke(db: &Db, session_id: &str) -> Result<(), StoreError> {
    sessions::Entity::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(now()))
        .filter(sessions::Column::Id.eq(session_id.to_owned()))
        .filter(sessions::Column::RevokedAt.is_null())
        .exec(db.writer())
        .await?;
    Ok(())
}

/// Ends the session whose secret is `token`, if any (logout by cookie value).
pub async fn revoke_token(db: &Db, token: &str) -> Result<(), StoreError> {
    sessions::Entity::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(now()))
        .filter(sessions::Column::TokenHash.eq(token_hash(token)))
        .filter(sessions::Column::RevokedAt.is_null())
        .exec(db.writer())
        .await?;
    Ok(())
}

/// Deletes sessions that expired or were revoked more than a day ago.
pub async fn prune(db: &Db) -> Result<u64, StoreError> {
    let cutoff = now() - Duration::days(1);
    let result = sessions::Entity::delete_many()
        .filter(
            sessions::Column::ExpiresAt
                .lt(cutoff)
                .or(sessions::Column::RevokedAt.lt(cutoff)),
        )
        .exec(db.writer())
        .await?;
    Ok(result.rows_affected)
}

/// One live API token of an account, as its owner lists them (never the secret).
#[derive(Debug, Clone, FromQueryResult)]
pub struct TokenSummary {
    pub id: String,
    pub name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// The account's live API tokens, most recently used first.
pub async fn list_api_tokens(db: &Db, user_id: &str) -> Result<Vec<TokenSummary>, StoreError> {
    Ok(TokenSummary::find_by_statement(statement(
        db.backend(),
        "SELECT id, name, created_at, last_seen_at, expires_at FROM sessions \
         WHERE user_id = ? AND kind = 'api' AND revoked_at IS NULL AND expires_at > ? \
         ORDER BY last_seen_at DESC, id",
        [user_id.to_owned().into(), now().into()],
    ))
    .all(db.conn())
    .await?)
}

/// Revokes one of the account's own API tokens. Another account's token, a web session
/// or an unknown id is `NotFound`, so ids of others reveal nothing.
pub async fn revoke_own_token(db: &Db, user_id: &str, token_id: &str) -> Result<(), StoreError> {
    let revoked = sessions::Entity::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(now()))
        .filter(sessions::Column::Id.eq(token_id.to_owned()))
        .filter(sessions::Column::UserId.eq(user_id.to_owned()))
        .filter(sessions::Column::Kind.eq(SessionKind::Api.as_str()))
        .filter(sessions::Column::RevokedAt.is_null())
        .exec(db.writer())
        .await?;
    if revoked.rows_affected == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}
