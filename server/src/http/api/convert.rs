//! Domain and service views → API types. The API's shapes are fixed by `API.md`; the
//! services' are free to change, so the mapping lives here, once.

use api_types::{Role, ShopStatus, ShopSummary, User};
use services::accounts::{ShopView, UserView};

/// The API's view of a user.
pub fn user_of(user: &UserView) -> User {
    User {
        id: user.id.clone(),
        email: user.email.clone(),
        name: user.name.clone(),
        roles: user.roles.iter().map(|role| role_of(*role)).collect(),
        shop_id: user.shop.as_ref().map(|shop| shop.id.clone()),
    }
}

/// The API's view of the shop a user works for.
pub fn shop_summary(shop: &ShopView) -> ShopSummary {
    ShopSummary {
        id: shop.id.clone(),
        slug: shop.slug.clone(),
        name: shop.name.clone(),
        status: match shop.status.as_str() {
            "approved" => ShopStatus::Approved,
            "rejected" => ShopStatus::Rejected,
            "suspended" => ShopStatus::Suspended,
            _ => ShopStatus::Pending,
        },
    }
}

fn role_of(role: domain::Role) -> Role {
    match role {
        domain::Role::Shopper => Role::Shopper,
        domain::Role::Seller => Role::Seller,
        domain::Role::Operator => Role::Operator,
    }
}
