//! Demo data for a fresh install: one account per role and a shop, so that every
//! screen has someone to show. Idempotent: seeding twice changes nothing.
//!
//! - [`catalog`]: the demo and benchmark catalog (shops, stores, products, offers,
//!   stock); `halles seed --demo` runs it after [`seed_demo`].
//! - [`orders`]: demo orders and a platform discount code, run after the catalog.

pub mod catalog;
pub mod orders;

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::accounts::signup::{NewAccount, signup_with_role};
use crate::db::entity::{shop_staff, shops, users};
use crate::{Db, StoreError, new_id, now};

/// The password of every demo account (documented in the README).
pub const DEMO_PASSWORD: &str = "halles-demo";

/// A demo account: e-mail, display name, operator or not, and the shop it staffs.
struct DemoAccount {
    email: &'static str,
    name: &'static str,
    is_operator: bool,
    shop_slug: Option<&'static str>,
}

const DEMO_ACCOUNTS: [DemoAccount; 3] = [
    DemoAccount {
        email: "shopper@halles.demo",
        name: "Claire Martin",
        is_operator: false,
        shop_slug: None,
    },
    DemoAccount {
        email: "seller@halles.demo",
        name: "Léon Garnier",
        is_operator: false,
        shop_slug: Some("la-cave-de-leon"),
    },
    DemoAccount {
        email: "operator@halles.demo",
        name: "Inès Dubois",
        is_operator: true,
        shop_slug: None,
    },
];

/// A demo shop: slug, name, pitch.
const DEMO_SHOPS: [(&str, &str, &str); 1] = [(
    "la-cave-de-leon",
    "La Cave de Léon",
    "Caviste indépendant à Lyon depuis 1998 : vins nature, champagnes de vignerons, retrait en boutique.",
)];

/// What seeding did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeedReport {
    pub accounts_created: u32,
    pub shops_created: u32,
}

/// Creates the demo accounts and shops that do not exist yet.
pub async fn seed_demo(db: &Db) -> Result<SeedReport, StoreError> {
    let mut report = SeedReport::default();
    for (slug, name, description) in DEMO_SHOPS {
        let exists = shops::Entity::find()
            .filter(shops::Column::Slug.eq(slug))
            .one(db.conn())
            .await?
            .is_some();
        if !exists {
            shops::ActiveModel {
                id: Set(new_id()),
                slug: Set(slug.to_owned()),
                name: Set(name.to_owned()),
                description: Set(description.to_owned()),
                status: Set("approved".to_owned()),
                created_at: Set(now()),
                ..Default::default()
            }
            .insert(db.writer())
            .await?;
            report.shops_created += 1;
        }
    }
    for account in DEMO_ACCOUNTS {
        let existing = users::Entity::find()
            .filter(users::Column::Email.eq(account.email))
            .one(db.conn())
            .await?;
        let user_id = match existing {
            Some(user) => user.id,
            None => {
                let new = NewAccount::parse(account.email, DEMO_PASSWORD, account.name)?;
                report.accounts_created += 1;
                signup_with_role(db, new, account.is_operator).await?.id
            }
        };
        if let Some(slug) = account.shop_slug {
            attach_to_shop(db, &user_id, slug).await?;
        }
    }
    Ok(report)
}

async fn attach_to_shop(db: &Db, user_id: &str, slug: &str) -> Result<(), StoreError> {
    if shop_staff::Entity::find_by_id(user_id.to_owned())
        .one(db.conn())
        .await?
        .is_some()
    {
        return Ok(());
    }
    let shop = shops::Entity::find()
        .filter(shops::Column::Slug.eq(slug))
        .one(db.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    shop_staff::ActiveModel {
        user_id: Set(user_id.to_owned()),
        shop_id: Set(shop.id),
        created_at: Set(now()),
    }
    .insert(db.writer())
    .await?;
    Ok(())
}

/// Creates an operator account (`halles create-operator`).
pub async fn create_operator(
    db: &Db,
    email: &str,
    password: &str,
    name: &str,
) -> Result<String, StoreError> {
    let account = NewAccount::parse(email, password, name)?;
    Ok(signup_with_role(db, account, true).await?.id)
}

/// Demo orders between the demo shopper and the demo shop (after the catalog is seeded);
/// returns how many were created.
pub async fn seed_demo_orders(db: &Db) -> Result<u32, StoreError> {
    orders::seed_demo_orders(db, DEMO_ACCOUNTS[0].email, DEMO_SHOPS[0].0).await
}
