//! Login: throttle, then verify, the same way whether the e-mail exists or not.

use domain::Email;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::accounts::password::verify_password;
use crate::accounts::profile::{UserView, view_of};
use crate::accounts::throttle::{self, Scope};
use crate::db::entity::users;
use crate::{Db, StoreError, now};

/// The longest e-mail address there can be (RFC 5321's path limit, less the brackets).
const MAX_EMAIL_CHARS: usize = 254;

/// A login as typed, and where it came from.
pub struct LoginAttempt<'a> {
    pub email: &'a str,
    pub password: &'a str,
    /// The client's address, for per-address throttling.
    pub client_address: &'a str,
}

/// Checks credentials. An unknown e-mail, a malformed one and a wrong password all give
/// [`StoreError::InvalidCredentials`] after the same amount of hashing work.
#[tracing::instrument(skip_all)]
pub async fn authenticate(db: &Db, attempt: LoginAttempt<'_>) -> Result<UserView, StoreError> {
    let email = Email::parse(attempt.email).ok();
    // What was typed keys the throttle even when it is no e-mail, cut to the longest
    // e-mail there can be (the key's column is bounded; nothing longer is an account).
    let account_key = email.as_ref().map_or_else(
        || {
            attempt
                .email
                .trim()
                .to_lowercase()
                .chars()
                .take(MAX_EMAIL_CHARS)
                .collect()
        },
        |e| e.as_ref().to_owned(),
    );
    let scopes = [
        Scope::account(&account_key),
        Scope::address(attempt.client_address),
    ];
    throttle::check(db, &scopes, now()).await?;

    let user = match &email {
        Some(email) => {
            users::Entity::find()
                .filter(users::Column::Email.eq(email.as_ref()))
                .one(db.conn())
                .await?
        }
        None => None,
    };
    let stored_hash = user.as_ref().map(|user| user.password_hash.clone());
    let matches = verify_password(attempt.password.to_owned(), stored_hash).await?;

    match user {
        Some(user) if matches => {
            throttle::clear(db, &scopes[0]).await?;
            view_of(db.conn(), user).await
        }
        _ => {
            let now = now();
            for scope in &scopes {
                throttle::record_failure(db, scope, now).await?;
            }
            tracing::info!("login refused");
            Err(StoreError::InvalidCredentials)
        }
    }
}
