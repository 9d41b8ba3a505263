//! Applying for a shop and editing its profile.

use domain::Slug;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

use super::{bounded, invalid, required};
use crate::db::entity::{shop_staff, shops};
use crate::error::OnUniqueViolation;
use crate::{Db, StoreError, new_id, now};

/// A shop application as typed.
#[derive(Debug, Clone)]
pub struct ShopApplication {
    pub name: String,
    pub slug: String,
    pub description: String,
}

/// Opens a shop, `pending` until an operator approves it, with the applicant as staff.
pub async fn apply_for_shop(
    db: &Db,
    user_id: &str,
    application: ShopApplication,
) -> Result<shops::Model, StoreError> {
    let name = required(&application.name, "name", 80)?;
    let slug = Slug::parse(&application.slug).map_err(|e| invalid(e, "slug"))?;
    let description = bounded(&application.description, "description", 2000)?;
    let txn = db.begin_write().await?;
    if shop_staff::Entity::find_by_id(user_id.to_owned())
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(StoreError::Conflict {
            code: "already_staff",
            message: "you already work for a shop".into(),
            field: None,
        });
    }
    let shop = shops::ActiveModel {
        id: Set(new_id()),
        slug: Set(slug.as_str().to_owned()),
        name: Set(name),
        description: Set(description),
        status: Set("pending".to_owned()),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .on_unique_violation(
        "slug_taken",
        "another shop already uses this address",
        "slug",
    )?;
    shop_staff::ActiveModel {
        user_id: Set(user_id.to_owned()),
        shop_id: Set(shop.id.clone()),
        created_at: Set(now()),
    }
    .insert(&txn)
    .await
    .on_unique_violation("already_staff", "you already work for a shop", "name")?;
    txn.commit().await?;
    Ok(shop)
}

/// The caller's own shop, whatever its status.
pub async fn own_shop(db: &Db, shop_id: &str) -> Result<shops::Model, StoreError> {
    shops::Entity::find_by_id(shop_id.to_owned())
        .one(db.conn())
        .await?
        .ok_or(StoreError::NotFound)
}

/// A shop profile edit as typed; `None` leaves a value as it is.
#[derive(Debug, Clone, Default)]
pub struct ShopEdit {
    pub name: Option<String>,
    pub description: Option<String>,
    pub banner_color: Option<String>,
    pub return_policy: Option<String>,
    pub shipping_flat_cents: Option<i64>,
    /// `Some(None)` removes the free-shipping threshold.
    pub free_shipping_threshold_cents: Option<Option<i64>>,
}

fn is_hex_colour(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Edits the caller's shop profile.
pub async fn edit_shop(db: &Db, shop_id: &str, edit: ShopEdit) -> Result<shops::Model, StoreError> {
    let shop = own_shop(db, shop_id).await?;
    let mut row: shops::ActiveModel = shop.into();
    if let Some(name) = edit.name {
        row.name = Set(required(&name, "name", 80)?);
    }
    if let Some(description) = edit.description {
        row.description = Set(bounded(&description, "description", 2000)?);
    }
    if let Some(colour) = edit.banner_color {
        if !is_hex_colour(&colour) {
            return Err(StoreError::Invalid {
                code: "colour_invalid",
                message: "a colour is written #rrggbb".into(),
                field: Some("banner_color"),
            });
        }
        row.banner_color = Set(colour.to_ascii_lowercase());
    }
    if let Some(policy) = edit.return_policy {
        row.return_policy = Set(bounded(&policy, "return_policy", 5000)?);
    }
    if let Some(flat) = edit.shipping_flat_cents {
        if !(0..=100_000).contains(&flat) {
            return Err(StoreError::Invalid {
                code: "shipping_invalid",
                message: "shipping is 0 to 1,000 €".into(),
                field: Some("shipping_flat_cents"),
            });
        }
        row.shipping_flat_cents = Set(flat);
    }
    if let Some(threshold) = edit.free_shipping_threshold_cents {
        if threshold.is_some_and(|t| !(0..=10_000_000).contains(&t)) {
            return Err(StoreError::Invalid {
                code: "threshold_invalid",
                message: "the free-shipping threshold is 0 to 100,000 €".into(),
                field: Some("free_shipping_threshold_cents"),
            });
        }
        row.free_shipping_threshold_cents = Set(threshold);
    }
    let edited = row.update(db.writer()).await?;
    // Cards and facets show the shop's name.
    crate::catalog::answers::catalog_changed();
    Ok(edited)
}
