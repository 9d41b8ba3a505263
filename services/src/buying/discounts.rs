//! Discount codes: a shop's own (it pays for them) or the platform's (no shop; the
//! platform pays). Percent codes hold basis points, fixed codes cents off the items.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};

use crate::db::entity::discount_codes;
use crate::error::OnUniqueViolation;
use crate::{Db, StoreError, new_id, now};

/// A code to create.
#[derive(Debug, Clone)]
pub struct NewDiscountCode {
    pub code: String,
    /// `percent` or `fixed`.
    pub kind: String,
    /// Basis points for `percent` (1 000 = 10 %), cents for `fixed`.
    pub value: i64,
    pub min_items_cents: i64,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub max_uses: Option<i32>,
}

fn invalid(message: &str, field: &'static str) -> StoreError {
    StoreError::Invalid {
        code: "discount_code_invalid",
        message: message.to_owned(),
        field: Some(field),
    }
}

/// Creates a code for `shop_id`, or a platform code when `None`.
pub async fn create(
    db: &Db,
    shop_id: Option<&str>,
    input: NewDiscountCode,
) -> Result<discount_codes::Model, StoreError> {
    let code = input.code.trim().to_uppercase();
    if !(3..=40).contains(&code.len())
        || !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(invalid("a code is 3 to 40 letters, digits, - or _", "code"));
    }
    match input.kind.as_str() {
        "percent" if (1..=9_000).contains(&input.value) => {}
        "percent" => {
            return Err(invalid(
                "a percent code takes 1 to 9000 basis points (0.01 % to 90 %)",
                "value",
            ));
        }
        "fixed" if (1..=100_000_000).contains(&input.value) => {}
        "fixed" => return Err(invalid("a fixed code takes 1 cent to 1,000,000 €", "value")),
        _ => return Err(invalid("kind is `percent` or `fixed`", "kind")),
    }
    if input.min_items_cents < 0 {
        return Err(invalid("the minimum cannot be negative", "min_items_cents"));
    }
    if let (Some(starts), Some(ends)) = (input.starts_at, input.ends_at)
        && ends <= starts
    {
        return Err(invalid("a code must end after it starts", "ends_at"));
    }
    if input.max_uses.is_some_and(|max| max < 1) {
        return Err(invalid("max_uses is at least 1", "max_uses"));
    }
    discount_codes::ActiveModel {
        id: Set(new_id()),
        code: Set(code),
        shop_id: Set(shop_id.map(str::to_owned)),
        kind: Set(input.kind),
        value: Set(input.value),
        min_items_cents: Set(input.min_items_cents),
        starts_at: Set(input.starts_at),
        ends_at: Set(input.ends_at),
        max_uses: Set(input.max_uses),
        used_count: Set(0),
        created_at: Set(now()),
    }
    .insert(db.writer())
    .await
    .on_unique_violation("code_taken", "this code already exists", "code")
}

/// A shop's codes (or the platform's), newest first.
pub async fn list(
    db: &Db,
    shop_id: Option<&str>,
) -> Result<Vec<discount_codes::Model>, StoreError> {
    let query = discount_codes::Entity::find();
    let query = match shop_id {
        Some(shop_id) => query.filter(discount_codes::Column::ShopId.eq(shop_id)),
        None => query.filter(discount_codes::Column::ShopId.is_null()),
    };
    Ok(query
        .order_by_desc(discount_codes::Column::CreatedAt)
        .all(db.conn())
        .await?)
}

/// Ends a code now (kept, since past orders name it). Another shop's code is not found.
pub async fn end(
    db: &Db,
    shop_id: Option<&str>,
    id: &str,
) -> Result<discount_codes::Model, StoreError> {
    let found = discount_codes::Entity::find_by_id(id)
        .one(db.conn())
        .await?
        .filter(|code| code.shop_id.as_deref() == shop_id)
        .ok_or(StoreError::NotFound)?;
    let mut row: discount_codes::ActiveModel = found.into();
    row.ends_at = Set(Some(now()));
    Ok(row.update(db.writer()).await?)
}
