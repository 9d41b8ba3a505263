//! Accounts: `POST /auth/signup`, `POST /auth/login`, `POST /auth/logout`, `GET /me`.

use serde::{Deserialize, Serialize};

/// What a person may do on Halles. A user holds one or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Buys: every account is a shopper.
    Shopper,
    /// Staff of one shop: runs its offers, stock and orders.
    Seller,
    /// Platform staff: moderates shops and listings, sets the rules.
    Operator,
}

/// A shop's place in moderation: only `approved` shops are public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShopStatus {
    Pending,
    Approved,
    Rejected,
    Suspended,
}

/// A user as the API shows it to themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub roles: Vec<Role>,
    /// The shop this user is staff of, if any.
    pub shop_id: Option<String>,
}

impl User {
    /// Whether the user holds `role`.
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// The shop a user works for, as shown beside them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopSummary {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub status: ShopStatus,
}

/// `POST /auth/signup`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignupRequest {
    pub email: String,
    pub password: String,
    pub name: String,
}

/// `201` answer to a sign-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignupResponse {
    pub user: User,
}

/// `POST /auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// A label for the token, shown when listing tokens (e.g. "console on laptop").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_name: Option<String>,
}

/// `200` answer to a login: a bearer token for `Authorization: Bearer <token>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    pub token: String,
    pub user: User,
}

/// `GET /me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeResponse {
    pub user: User,
    /// The shop of `user.shop_id`, so a client need not ask twice.
    pub shop: Option<ShopSummary>,
}
