//! A seller's side of the catalog: applying for a shop, editing it, its locations, its
//! offers (the first offer on a GTIN creates the shared product) and stock per location.
//! Every function takes the caller's shop id: rows of another shop are not found.

use domain::{CatalogError, Condition, Gtin, PriceCents, Slug};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::db::entity::{categories, locations, offers, products, shop_staff, shops, stock_levels};
use crate::error::OnUniqueViolation;
use crate::{Db, StoreError, new_id, now};

fn invalid(err: CatalogError, field: &'static str) -> StoreError {
    let code = match err {
        CatalogError::GtinLength | CatalogError::GtinNotDigits | CatalogError::GtinChecksum => {
            "gtin_invalid"
        }
        CatalogError::UnknownCondition => "condition_invalid",
        CatalogError::SlugInvalid => "slug_invalid",
        CatalogError::PriceOutOfRange => "price_invalid",
    };
    StoreError::Invalid {
        code,
        message: err.to_string(),
        field: Some(field),
    }
}

fn required(value: &str, field: &'static str, max_chars: usize) -> Result<String, StoreError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(StoreError::Invalid {
            code: "required",
            message: format!("{field} is required"),
            field: Some(field),
        });
    }
    if value.chars().count() > max_chars {
        return Err(StoreError::Invalid {
            code: "too_long",
            message: format!("{field} has {max_chars} characters at most"),
            field: Some(field),
        });
    }
    Ok(value.to_owned())
}

fn bounded(value: &str, field: &'static str, max_chars: usize) -> Result<String, StoreError> {
    if value.chars().count() > max_chars {
        return Err(StoreError::Invalid {
            code: "too_long",
            message: format!("{field} has {max_chars} characters at most"),
            field: Some(field),
        });
    }
    Ok(value.trim().to_owned())
}

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
    Ok(row.update(db.conn()).await?)
}

/// A location as typed.
#[derive(Debug, Clone)]
pub struct LocationInput {
    pub name: String,
    pub kind: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    pub pickup: bool,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub opening_hours: String,
    pub preparation_minutes: i32,
}

fn check_location(input: &LocationInput) -> Result<(), StoreError> {
    required(&input.name, "name", 80)?;
    required(&input.address, "address", 200)?;
    required(&input.city, "city", 80)?;
    bounded(&input.opening_hours, "opening_hours", 200)?;
    if input.kind != "warehouse" && input.kind != "store" {
        return Err(StoreError::Invalid {
            code: "kind_invalid",
            message: "kind is warehouse or store".into(),
            field: Some("kind"),
        });
    }
    if input.postcode.len() != 5 || !input.postcode.bytes().all(|b| b.is_ascii_digit()) {
        return Err(StoreError::Invalid {
            code: "postcode_invalid",
            message: "a French postcode has 5 digits".into(),
            field: Some("postcode"),
        });
    }
    if input.pickup && input.kind != "store" {
        return Err(StoreError::Invalid {
            code: "pickup_needs_store",
            message: "only a store serves pickups".into(),
            field: Some("pickup"),
        });
    }
    if input
        .latitude
        .is_some_and(|lat| !(-90.0..=90.0).contains(&lat))
    {
        return Err(StoreError::Invalid {
            code: "latitude_invalid",
            message: "latitude is between -90 and 90".into(),
            field: Some("latitude"),
        });
    }
    if input
        .longitude
        .is_some_and(|lon| !(-180.0..=180.0).contains(&lon))
    {
        return Err(StoreError::Invalid {
            code: "longitude_invalid",
            message: "longitude is between -180 and 180".into(),
            field: Some("longitude"),
        });
    }
    if !(0..=10_080).contains(&input.preparation_minutes) {
        return Err(StoreError::Invalid {
            code: "preparation_invalid",
            message: "preparation time is 0 to 10,080 minutes".into(),
            field: Some("preparation_minutes"),
        });
    }
    Ok(())
}

/// The shop's locations.
pub async fn list_locations(db: &Db, shop_id: &str) -> Result<Vec<locations::Model>, StoreError> {
    Ok(locations::Entity::find()
        .filter(locations::Column::ShopId.eq(shop_id.to_owned()))
        .order_by_asc(locations::Column::Name)
        .all(db.conn())
        .await?)
}

/// Coordinates as entered, else from the bundled postcode table.
fn coordinates(input: &LocationInput) -> (Option<f64>, Option<f64>) {
    match (input.latitude, input.longitude) {
        (Some(latitude), Some(longitude)) => (Some(latitude), Some(longitude)),
        _ => domain::geo::coordinates_of_postcode(&input.postcode)
            .map_or((None, None), |c| (Some(c.latitude), Some(c.longitude))),
    }
}

/// Adds a location to the shop.
pub async fn create_location(
    db: &Db,
    shop_id: &str,
    input: LocationInput,
) -> Result<locations::Model, StoreError> {
    check_location(&input)?;
    let (latitude, longitude) = coordinates(&input);
    Ok(locations::ActiveModel {
        id: Set(new_id()),
        shop_id: Set(shop_id.to_owned()),
        name: Set(input.name.trim().to_owned()),
        kind: Set(input.kind),
        address: Set(input.address.trim().to_owned()),
        postcode: Set(input.postcode),
        city: Set(input.city.trim().to_owned()),
        latitude: Set(latitude),
        longitude: Set(longitude),
        opening_hours: Set(input.opening_hours.trim().to_owned()),
        pickup: Set(input.pickup),
        preparation_minutes: Set(input.preparation_minutes),
        created_at: Set(now()),
    }
    .insert(db.conn())
    .await?)
}

/// Replaces a location's details; another shop's location is not found.
pub async fn update_location(
    db: &Db,
    shop_id: &str,
    location_id: &str,
    input: LocationInput,
) -> Result<locations::Model, StoreError> {
    check_location(&input)?;
    let (latitude, longitude) = coordinates(&input);
    let existing = own_location(db, shop_id, location_id).await?;
    let mut row: locations::ActiveModel = existing.into();
    row.name = Set(input.name.trim().to_owned());
    row.kind = Set(input.kind);
    row.address = Set(input.address.trim().to_owned());
    row.postcode = Set(input.postcode);
    row.city = Set(input.city.trim().to_owned());
    row.latitude = Set(latitude);
    row.longitude = Set(longitude);
    row.opening_hours = Set(input.opening_hours.trim().to_owned());
    row.pickup = Set(input.pickup);
    row.preparation_minutes = Set(input.preparation_minutes);
    Ok(row.update(db.conn()).await?)
}

async fn own_location(
    db: &Db,
    shop_id: &str,
    location_id: &str,
) -> Result<locations::Model, StoreError> {
    locations::Entity::find_by_id(location_id.to_owned())
        .filter(locations::Column::ShopId.eq(shop_id.to_owned()))
        .one(db.conn())
        .await?
        .ok_or(StoreError::NotFound)
}

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

async fn own_offer(db: &Db, shop_id: &str, offer_id: &str) -> Result<offers::Model, StoreError> {
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
        status: Set("active".to_owned()),
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
    if existing.status == "taken_down" && status.as_deref() == Some("active") {
        return Err(StoreError::Conflict {
            code: "taken_down",
            message: "an operator took this offer down".into(),
            field: Some("status"),
        });
    }
    let mut row: offers::ActiveModel = existing.into();
    row.price_cents = Set(checked.price.cents());
    row.condition = Set(checked.condition.as_str().to_owned());
    row.description = Set(checked.description);
    row.delivery_price_cents = Set(checked.delivery_price_cents);
    row.delivery_days = Set(checked.delivery_days);
    if let Some(status) = status {
        row.status = Set(status);
    }
    row.updated_at = Set(now());
    let offer = row.update(db.conn()).await.on_unique_violation(
        "offer_exists",
        "your shop already offers this product in this condition",
        "condition",
    )?;
    complete(db, offer).await
}

/// Withdraws an offer for good. The row stays (orders will refer to it); it is hidden.
pub async fn delete_offer(db: &Db, shop_id: &str, offer_id: &str) -> Result<(), StoreError> {
    let existing = own_offer(db, shop_id, offer_id).await?;
    let mut row: offers::ActiveModel = existing.into();
    row.status = Set("deleted".to_owned());
    row.updated_at = Set(now());
    row.update(db.conn()).await?;
    Ok(())
}

/// Sets how many units of an offer a location holds. Never below what is reserved.
pub async fn set_stock(
    db: &Db,
    shop_id: &str,
    offer_id: &str,
    location_id: &str,
    quantity: i64,
) -> Result<stock_levels::Model, StoreError> {
    own_offer(db, shop_id, offer_id).await?;
    own_location(db, shop_id, location_id)
        .await
        .map_err(|_| StoreError::Invalid {
            code: "location_unknown",
            message: "no location of your shop has this id".into(),
            field: Some("location_id"),
        })?;
    let quantity = i32::try_from(quantity)
        .ok()
        .filter(|q| (0..=1_000_000).contains(q))
        .ok_or_else(|| StoreError::Invalid {
            code: "quantity_invalid",
            message: "quantity is 0 to 1,000,000".into(),
            field: Some("quantity"),
        })?;
    let txn = db.begin_write().await?;
    let existing = stock_levels::Entity::find_by_id((offer_id.to_owned(), location_id.to_owned()))
        .lock_exclusive()
        .one(&txn)
        .await?;
    let level = match existing {
        Some(level) if level.reserved > quantity => {
            return Err(StoreError::Conflict {
                code: "below_reserved",
                message: format!("{} unit(s) are reserved by checkouts here", level.reserved),
                field: Some("quantity"),
            });
        }
        Some(level) => {
            let mut row: stock_levels::ActiveModel = level.into();
            row.quantity = Set(quantity);
            row.update(&txn).await?
        }
        None => {
            stock_levels::ActiveModel {
                offer_id: Set(offer_id.to_owned()),
                location_id: Set(location_id.to_owned()),
                quantity: Set(quantity),
                reserved: Set(0),
            }
            .insert(&txn)
            .await?
        }
    };
    txn.commit().await?;
    Ok(level)
}
