//! Sign-up: a new shopper account.

use domain::{DisplayName, Email, Password};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

use crate::accounts::password::hash_password;
use crate::accounts::profile::{UserView, view_of};
use crate::db::entity::users;
use crate::error::OnUniqueViolation;
use crate::{Db, StoreError, new_id, now};

/// What a sign-up needs, already parsed.
#[derive(Debug)]
pub struct NewAccount {
    pub email: Email,
    pub password: Password,
    pub name: DisplayName,
}

impl NewAccount {
    /// Parses raw input, reporting the first field at fault.
    pub fn parse(email: &str, password: &str, name: &str) -> Result<Self, StoreError> {
        Ok(Self {
            email: Email::parse(email)?,
            password: Password::parse(password)?,
            name: DisplayName::parse(name)?,
        })
    }
}

/// Creates a shopper account. A taken e-mail is a conflict on `email`, decided by the
/// unique index, not by a look-up that two sign-ups could both pass.
#[tracing::instrument(skip_all)]
pub async fn signup(db: &Db, account: NewAccount) -> Result<UserView, StoreError> {
    signup_with_role(db, account, false).await
}

/// Creates an account, optionally an operator (for `halles create-operator` and seeding).
pub async fn signup_with_role(
    db: &Db,
    account: NewAccount,
    is_operator: bool,
) -> Result<UserView, StoreError> {
    let password_hash = hash_password(account.password).await?;
    let user = users::ActiveModel {
        id: Set(new_id()),
        email: Set(account.email.as_ref().to_owned()),
        name: Set(account.name.as_ref().to_owned()),
        password_hash: Set(password_hash),
        is_operator: Set(is_operator),
        created_at: Set(now()),
    }
    .insert(db.writer())
    .await
    .on_unique_violation(
        "email_taken",
        "an account already uses this e-mail address",
        "email",
    )?;
    tracing::info!(user.id = %user.id, "account created");
    view_of(db.conn(), user).await
}
