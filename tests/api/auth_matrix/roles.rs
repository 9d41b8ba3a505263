//! The six callers of the matrix. The shopper and the seller staff own the objects whose
//! ids fill the probed paths; the "other" two are the same kind of account, owning the
//! same kind of things, and must never reach the victims'.

use admin_tui::client::ApiClient;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Anonymous,
    Shopper,
    OtherShopper,
    SellerStaff,
    OtherShopStaff,
    Operator,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Anonymous,
        Role::Shopper,
        Role::OtherShopper,
        Role::SellerStaff,
        Role::OtherShopStaff,
        Role::Operator,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Role::Anonymous => "anonymous",
            Role::Shopper => "shopper",
            Role::OtherShopper => "other shopper",
            Role::SellerStaff => "seller staff",
            Role::OtherShopStaff => "other shop's staff",
            Role::Operator => "operator",
        }
    }

    /// When its allowed calls run (they change things): the attackers first, the
    /// victims after, the operator (who suspends shops) last.
    pub fn turn(self) -> u8 {
        match self {
            Role::Anonymous => 0,
            Role::OtherShopper => 1,
            Role::OtherShopStaff => 2,
            Role::Shopper => 3,
            Role::SellerStaff => 4,
            Role::Operator => 5,
        }
    }
}

/// A role's ways in: an API client (with its bearer token, none for anonymous) and a
/// browser (with its session cookie).
pub struct Actor {
    pub role: Role,
    pub api: ApiClient,
    pub browser: reqwest::Client,
}
