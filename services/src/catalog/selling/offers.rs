//! Offers: the first offer on a GTIN creates the shared product; later ones join it.

use domain::{Condition, Gtin, PriceCents};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use super::{bounded, invalid, required};
use crate::catalog::listings::{self, Listed};
use crate::db::entity::{categories, offers, products, stock_levels};
use crate::db::statement;
use crate::error::OnUniqueViolation;
use crate::operating::checks::review_reason;
use crate::{Db, StoreError, new_id, now};

/// An offer as typed.
#[derive(Debug, Clone)]
pub struct OfferInput {
    pub gtin: String,
    pub title: String,
    pub brand: String,
    pub price_cents: i64,
    pub condition: String,
    pub description: String,
    /// A category slug.
    pub category: String,
    pub delivery_price_cents: i64,
    pub delivery_days: i32,
}

/// An offer with its product and stock, as its seller sees it.
#[derive(Debug, Clone)]
pub struct SellerOffer {
    pub offer: offers::Model,
    pub product: products::Model,
    pub category_slug: String,
    pub stock: Vec<stock_levels::Model>,
}

/// Lists the shop's offers (deleted ones excluded), newest first.
pub async fn list_offers(
    db: &Db,
    shop_id: &str,
    page: u64,
    per_page: u64,
) -> Result<(Vec<SellerOffer>, u64), StoreError> {
    let query = offers::Entity::find()
        .filter(offers::Column::ShopId.eq(shop_id.to_owned()))
        .filter(offers::Column::Status.ne("deleted"))
        .order_by_desc(offers::Column::CreatedAt)
        .order_by_asc(offers::Column::Id);
    let paginator = query.paginate(db.conn(), per_page.clamp(1, 200));
    let total = paginator.num_items().await?;
    let mut page_rows = Vec::new();
    for offer in paginator.fetch_page(page.max(1) - 1).await? {
        page_rows.push(complete(db, offer).await?);
    }
    Ok((page_rows, total))
}

/// One of the shop's offers.
pub async fn find_offer(db: &Db, shop_id: &str, offer_id: &str) -> Result<SellerOffer, StoreError> {
    complete(db, own_offer(db, shop_id, offer_id).await?).await
}

pub(super) async fn own_offer(
    db: &Db,
    shop_id: &str,
    offer_id: &str,
) -> Result<offers::Model, StoreError> {
    offers::Entity::find_by_id(offer_id.to_owned())
        .filter(offers::Column::ShopId.eq(shop_id.to_owned()))
        .filter(offers::Column::Status.ne("deleted"))
        .one(db.conn())
        .await?
        .ok_or(StoreError::NotFound)
}

async fn complete(db: &Db, offer: offers::Model) -> Result<SellerOffer, StoreError> {
    let product = products::Entity::find_by_id(offer.product_id.clone())
        .one(db.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    let category_slug = categories::Entity::find_by_id(product.category_id.clone())
        .one(db.conn())
        .await?
        .map(|c| c.slug)
        .unwrap_or_default();
    let stock = stock_levels::Entity::find()
        .filter(stock_levels::Column::OfferId.eq(offer.id.clone()))
        .all(db.conn())
        .await?;
    Ok(SellerOffer {
        offer,
        product,
        category_slug,
        stock,
    })
}

struct CheckedOffer {
    gtin: Gtin,
    title: String,
    brand: String,
    price: PriceCents,
    condition: Condition,
    description: String,
    category: categories::Model,
    delivery_price_cents: i64,
    delivery_days: i32,
}

async fn check_offer(db: &Db, input: &OfferInput) -> Result<CheckedOffer, StoreError> {
    let gtin = Gtin::parse(&input.gtin).map_err(|e| invalid(e, "gtin"))?;
    let title = required(&input.title, "title", 200)?;
    let brand = bounded(&input.brand, "brand", 80)?;
    let price = PriceCents::parse(input.price_cents).map_err(|e| invalid(e, "price_cents"))?;
    let condition = Condition::parse(&input.condition).map_err(|e| invalid(e, "condition"))?;
    let description = bounded(&input.description, "description", 5000)?;
    if !(0..=100_000).contains(&input.delivery_price_cents) {
        return Err(StoreError::Invalid {
            code: "delivery_price_invalid",
            message: "delivery price is 0 to 1,000 €".into(),
            field: Some("delivery_price_cents"),
        });
    }
    if !(0..=60).contains(&input.delivery_days) {
        return Err(StoreError::Invalid {
            code: "delivery_days_invalid",
            message: "delivery takes 0 to 60 days".into(),
            field: Some("delivery_days"),
        });
    }
    let category = categories::Entity::find()
        .filter(categories::Column::Slug.eq(input.category.trim()))
        .one(db.conn())
        .await?
        .ok_or_else(|| StoreError::Invalid {
            code: "category_unknown",
            message: "no category has this slug (see GET /categories)".into(),
            field: Some("category"),
        })?;
    Ok(CheckedOffer {
        gtin,
        title,
        brand,
        price,
        condition,
        description,
        category,
        delivery_price_cents: input.delivery_price_cents,
        delivery_days: input.delivery_days,
    })
}

/// Lists a product: joins the product of that GTIN, or creates it from this offer.
pub async fn create_offer(
    db: &Db,
    shop_id: &str,
    input: OfferInput,
) -> Result<SellerOffer, StoreError> {
    let checked = check_offer(db, &input).await?;
    let txn = db.begin_write().await?;
    let product = match products::Entity::find()
        .filter(products::Column::Gtin.eq(checked.gtin.as_str()))
        .one(&txn)
        .await?
    {
        Some(product) => product,
        None => {
            let search_text = domain::fold_words(&format!(
                "{} {} {} {} {}",
                checked.title,
                checked.brand,
                checked.category.name_fr,
                checked.category.name_en,
                checked.description
            ));
            products::ActiveModel {
                id: Set(new_id()),
                gtin: Set(checked.gtin.as_str().to_owned()),
                title: Set(checked.title.clone()),
                brand: Set(checked.brand.clone()),
                description: Set(checked.description.clone()),
                category_id: Set(checked.category.id.clone()),
                slug: Set(domain::slugify(&checked.title)),
                search_text: Set(search_text),
                created_at: Set(now()),
            }
            .insert(&txn)
            .await
            .on_unique_violation(
                "gtin_conflict",
                "this GTIN was just listed; retry",
                "gtin",
            )?
        }
    };
    // Automated checks: a doubtful listing waits for an operator instead of going live.
    let held = review_reason(
        &txn,
        &product.id,
        None,
        checked.price.cents(),
        &[&checked.title, &checked.description],
    )
    .await?;
    let offer = offers::ActiveModel {
        id: Set(new_id()),
        product_id: Set(product.id.clone()),
        shop_id: Set(shop_id.to_owned()),
        price_cents: Set(checked.price.cents()),
        currency: Set("EUR".to_owned()),
        condition: Set(checked.condition.as_str().to_owned()),
        description: Set(checked.description),
        delivery_price_cents: Set(checked.delivery_price_cents),
        delivery_days: Set(checked.delivery_days),
        status: Set(if held.is_some() { "review" } else { "active" }.to_owned()),
        low_stock_threshold: Set(2),
        created_at: Set(now()),
        updated_at: Set(now()),
    }
    .insert(&txn)
    .await
    .on_unique_violation(
        "offer_exists",
        "your shop already offers this product in this condition",
        "condition",
    )?;
    if held.is_some() {
        set_moderation_note(&txn, &offer.id, held).await?;
    }
    // A new offer has no stock yet, but its product may be new too: the rule stays one
    // refresh per write, without reasoning about which writes could be skipped.
    listings::refresh(&txn, Listed::Product(&product.id)).await?;
    txn.commit().await?;
    complete(db, offer).await
}

/// Changes an offer's price, condition, description, delivery and status.
pub async fn update_offer(
    db: &Db,
    shop_id: &str,
    offer_id: &str,
    input: OfferInput,
    status: Option<String>,
) -> Result<SellerOffer, StoreError> {
    let existing = own_offer(db, shop_id, offer_id).await?;
    let checked = check_offer(db, &input).await?;
    if let Some(status) = &status
        && status != "active"
        && status != "inactive"
    {
        return Err(StoreError::Invalid {
            code: "status_invalid",
            message: "status is active or inactive".into(),
            field: Some("status"),
        });
    }
    if existing.status == "taken_down" && status.as_deref().is_some_and(|s| s != "inactive") {
        return Err(StoreError::Conflict {
            code: "taken_down",
            message: "an operator took this offer down".into(),
            field: Some("status"),
        });
    }
    // A taken-down offer stays down whatever the seller edits. An offer about to be live
    // is checked again when its price or wording changed or when it goes live (from
    // inactive or review), so that no detour through `inactive` skips the checks.
    let target = match (existing.status.as_str(), status.as_deref()) {
        ("taken_down", _) => "taken_down",
        (_, Some(requested)) => requested,
        ("review", None) => "active",
        (current, None) => current,
    };
    let changed = existing.price_cents != checked.price.cents()
        || existing.description != checked.description;
    let held = if target == "active" && (changed || existing.status != "active") {
        review_reason(
            db.conn(),
            &existing.product_id,
            Some(&existing.id),
            checked.price.cents(),
            &[&checked.description],
        )
        .await?
    } else {
        None
    };
    let new_status = match (&held, target) {
        (Some(_), _) => "review".to_owned(),
        (None, target) => target.to_owned(),
    };
    let note_changes = held.is_some() || existing.status == "review";
    let mut row: offers::ActiveModel = existing.into();
    row.price_cents = Set(checked.price.cents());
    row.condition = Set(checked.condition.as_str().to_owned());
    row.description = Set(checked.description);
    row.delivery_price_cents = Set(checked.delivery_price_cents);
    row.delivery_days = Set(checked.delivery_days);
    row.status = Set(new_status);
    row.updated_at = Set(now());
    let txn = db.begin_write().await?;
    let offer = row.update(&txn).await.on_unique_violation(
        "offer_exists",
        "your shop already offers this product in this condition",
        "condition",
    )?;
    if note_changes {
        set_moderation_note(&txn, &offer.id, held).await?;
    }
    listings::refresh(&txn, Listed::Product(&offer.product_id)).await?;
    txn.commit().await?;
    complete(db, offer).await
}

/// Keeps why the automated checks held an offer (the column is not in the entity: it
/// belongs to operating, which also writes operators' takedown reasons there).
async fn set_moderation_note(
    conn: &impl ConnectionTrait,
    offer_id: &str,
    note: Option<String>,
) -> Result<(), StoreError> {
    conn.execute_raw(statement(
        conn.get_database_backend(),
        "UPDATE offers SET moderation_note = ? WHERE id = ?",
        [note.into(), offer_id.to_owned().into()],
    ))
    .await?;
    Ok(())
}

/// Withdraws an offer for good. The row stays (orders will refer to it); it is hidden.
pub async fn delete_offer(db: &Db, shop_id: &str, offer_id: &str) -> Result<(), StoreError> {
    let existing = own_offer(db, shop_id, offer_id).await?;
    let product_id = existing.product_id.clone();
    let mut row: offers::ActiveModel = existing.into();
    row.status = Set("deleted".to_owned());
    row.updated_at = Set(now());
    let txn = db.begin_write().await?;
    row.update(&txn).await?;
    listings::refresh(&txn, Listed::Product(&product_id)).await?;
    txn.commit().await?;
    Ok(())
}
