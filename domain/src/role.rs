//! Roles: every account shops; some are staff of one shop; a few operate the platform.

use serde::{Deserialize, Serialize};

/// A capability held by a user. Stored as its [`Role::as_str`] form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Shopper,
    Seller,
    Operator,
}

impl Role {
    /// The stable name used in storage and in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Shopper => "shopper",
            Role::Seller => "seller",
            Role::Operator => "operator",
        }
    }

    /// Reads a stored name; `None` for anything unknown.
    pub fn from_stored(name: &str) -> Option<Self> {
        match name {
            "shopper" => Some(Role::Shopper),
            "seller" => Some(Role::Seller),
            "operator" => Some(Role::Operator),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn every_role_round_trips_through_its_stored_name() {
        for role in [Role::Shopper, Role::Seller, Role::Operator] {
            assert_eq!(Role::from_stored(role.as_str()), Some(role));
        }
        assert_eq!(Role::from_stored("admin"), None);
    }
}
