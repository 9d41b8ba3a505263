//! Users and shops shared by the console's tests.

use api_types::{Role, ShopStatus, ShopSummary, User};

/// The server every test state points at.
pub const SERVER: &str = "http://127.0.0.1:3000";

/// A seller with a shop.
pub fn seller() -> User {
    User {
        id: "u1".into(),
        email: "ada@example.com".into(),
        name: "Ada Lovelace".into(),
        roles: vec![Role::Shopper, Role::Seller],
        shop_id: Some("s1".into()),
    }
}

/// A platform operator.
pub fn operator() -> User {
    User {
        id: "u2".into(),
        email: "grace@halles.example".into(),
        name: "Grace Hopper".into(),
        roles: vec![Role::Operator],
        shop_id: None,
    }
}

/// The seller's shop, in `status`.
pub fn shop(status: ShopStatus) -> ShopSummary {
    ShopSummary {
        id: "s1".into(),
        slug: "adas-attic".into(),
        name: "Ada's Attic".into(),
        status,
    }
}
