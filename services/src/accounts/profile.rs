//! The view of a user that every boundary shows: roles are derived, never stored twice.

use domain::Role;
use sea_orm::{ConnectionTrait, EntityTrait};

use crate::StoreError;
use crate::db::entity::{shop_staff, shops, users};

/// A user with the roles they hold and the shop they work for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserView {
    pub id: String,
    pub email: String,
    pub name: String,
    pub roles: Vec<Role>,
    pub shop: Option<ShopView>,
}

impl UserView {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// The shop a user is staff of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopView {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub status: String,
}

/// Loads a user's view, or [`StoreError::NotFound`].
pub async fn load_user(conn: &impl ConnectionTrait, user_id: &str) -> Result<UserView, StoreError> {
    let user = users::Entity::find_by_id(user_id.to_owned())
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    view_of(conn, user).await
}

/// Completes a loaded user row with roles and shop.
pub(crate) async fn view_of(
    conn: &impl ConnectionTrait,
    user: users::Model,
) -> Result<UserView, StoreError> {
    let shop = match shop_staff::Entity::find_by_id(user.id.clone())
        .one(conn)
        .await?
    {
        Some(staff) => shops::Entity::find_by_id(staff.shop_id)
            .one(conn)
            .await?
            .map(|shop| ShopView {
                id: shop.id,
                slug: shop.slug,
                name: shop.name,
                status: shop.status,
            }),
        None => None,
    };
    Ok(UserView::new(
        user.id,
        user.email,
        user.name,
        user.is_operator,
        shop,
    ))
}

impl UserView {
    /// A user with the roles that follow from being operator and staff of `shop`.
    pub(crate) fn new(
        id: String,
        email: String,
        name: String,
        is_operator: bool,
        shop: Option<ShopView>,
    ) -> Self {
        let mut roles = vec![Role::Shopper];
        if shop.is_some() {
            roles.push(Role::Seller);
        }
        if is_operator {
            roles.push(Role::Operator);
        }
        UserView {
            id,
            email,
            name,
            roles,
            shop,
        }
    }
}
