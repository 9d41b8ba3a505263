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
        status: shop_status(&shop.status),
    }
}

fn role_of(role: domain::Role) -> Role {
    match role {
        domain::Role::Shopper => Role::Shopper,
        domain::Role::Seller => Role::Seller,
        domain::Role::Operator => Role::Operator,
    }
}

/// The API's view of a category.
pub fn category_of(
    category: &services::catalog::views::CategoryView,
) -> api_types::catalog::Category {
    api_types::catalog::Category {
        id: category.id.clone(),
        slug: category.slug.clone(),
        parent_id: category.parent_id.clone(),
        name_fr: category.name_fr.clone(),
        name_en: category.name_en.clone(),
    }
}

/// The API's card of a shop.
pub fn shop_card(shop: &services::catalog::views::ShopProfile) -> api_types::catalog::ShopCard {
    api_types::catalog::ShopCard {
        id: shop.id.clone(),
        slug: shop.slug.clone(),
        name: shop.name.clone(),
        description: shop.description.clone(),
        banner_color: shop.banner_color.clone(),
        rating_centi: u32::try_from(shop.rating_centi).unwrap_or(0),
        rating_count: u32::try_from(shop.rating_count).unwrap_or(0),
    }
}

/// A shop status as stored → the API enum.
pub fn shop_status(status: &str) -> ShopStatus {
    match status {
        "approved" => ShopStatus::Approved,
        "rejected" => ShopStatus::Rejected,
        "suspended" => ShopStatus::Suspended,
        _ => ShopStatus::Pending,
    }
}
