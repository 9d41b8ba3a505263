//! Demo orders, so a fresh `./dev run` shows the buying side at work: the demo shopper has
//! a short history, the demo seller has orders to accept, ship and deliver in the console,
//! and a platform code (`BIENVENUE10`) waits to be tried at checkout. Idempotent: nothing
//! is added once the demo shopper has orders.

use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, Value};

use crate::buying::cart::{self, CartOwner};
use crate::buying::checkout::{
    self, AddressInput, Channel, CheckoutInput, FulfilmentInput, PaymentChoice,
};
use crate::buying::discounts::{self, NewDiscountCode};
use crate::buying::orders::{self, ActionInput};
use crate::buying::payments::SandboxProvider;
use crate::db::entity::{discount_codes, orders as order_rows, shops, users};
use crate::db::statement;
use crate::{Db, StoreError};
use domain::orders::FulfilmentMethod;

#[derive(Debug, FromQueryResult)]
struct SellableOffer {
    id: String,
    shop_id: String,
}

/// Offers of `shop_id` (or of any other shop when `other_than`) with stock to sell.
async fn offers_in_stock(
    db: &Db,
    shop_id: &str,
    other_than: bool,
    limit: u32,
) -> Result<Vec<SellableOffer>, StoreError> {
    let comparison = if other_than { "<>" } else { "=" };
    Ok(SellableOffer::find_by_statement(statement(
        db.backend(),
        &format!(
            "SELECT o.id, o.shop_id FROM offers o JOIN shops s ON s.id = o.shop_id \
             WHERE o.status = 'active' AND s.status = 'approved' AND o.shop_id {comparison} ? \
               AND (SELECT SUM(sl.quantity - sl.reserved) FROM stock_levels sl WHERE sl.offer_id = o.id) >= 5 \
             ORDER BY o.id LIMIT {limit}"
        ),
        [Value::from(shop_id.to_owned())],
    ))
    .all(db.conn())
    .await?)
}

fn demo_address() -> AddressInput {
    AddressInput {
        name: "Claire Martin".into(),
        line1: "12 rue des Lilas".into(),
        line2: String::new(),
        postcode: "69003".into(),
        city: "Lyon".into(),
        country: "FR".into(),
    }
}

/// Places three paid orders for the demo shopper, each with a part for the demo shop and
/// one for another shop, and moves the demo shop's parts along: one to accept, one
/// shipped, one delivered. Returns how many orders were created.
pub async fn seed_demo_orders(
    db: &Db,
    shopper_email: &str,
    shop_slug: &str,
) -> Result<u32, StoreError> {
    ensure_welcome_code(db).await?;
    let Some(shopper) = users::Entity::find()
        .filter(users::Column::Email.eq(shopper_email))
        .one(db.conn())
        .await?
    else {
        return Ok(0);
    };
    let Some(shop) = shops::Entity::find()
        .filter(shops::Column::Slug.eq(shop_slug))
        .one(db.conn())
        .await?
    else {
        return Ok(0);
    };
    if order_rows::Entity::find()
        .filter(order_rows::Column::UserId.eq(&shopper.id))
        .count(db.conn())
        .await?
        > 0
    {
        return Ok(0);
    }
    let own = offers_in_stock(db, &shop.id, false, 3).await?;
    let others = offers_in_stock(db, &shop.id, true, 3).await?;
    let mut created = 0;
    for (index, (mine, other)) in own.iter().zip(others.iter()).enumerate() {
        let owner = CartOwner::User(&shopper.id);
        cart::add_item(db, owner, &mine.id, 1).await?;
        cart::add_item(db, owner, &other.id, 1).await?;
        let delivery = |shop_id: &str| FulfilmentInput {
            shop_id: shop_id.to_owned(),
            method: FulfilmentMethod::Delivery,
            address: Some(demo_address()),
            store_id: None,
        };
        let input = CheckoutInput {
            fulfilments: vec![delivery(&mine.shop_id), delivery(&other.shop_id)],
            payment: PaymentChoice::Method("pm_card_visa".into()),
            use_cashback_cents: 0,
            discount_code: None,
            channel: Channel::Web,
        };
        let view = checkout::place_order(db, &SandboxProvider, &shopper.id, input).await?;
        created += 1;
        let Some(part) = view.parts.iter().find(|part| part.row.shop_id == shop.id) else {
            continue;
        };
        let steps: &[ActionInput] = match index {
            0 => &[],
            1 => &[
                ActionInput::Accept,
                ActionInput::Ship {
                    carrier: "Colissimo".into(),
                    tracking: "6A19283746501".into(),
                },
            ],
            _ => &[
                ActionInput::Accept,
                ActionInput::Ship {
                    carrier: "Chronopost".into(),
                    tracking: "XY123456789FR".into(),
                },
                ActionInput::Delivered,
            ],
        };
        for step in steps {
            orders::act(db, &shop.id, &part.row.id, step.clone()).await?;
        }
    }
    Ok(created)
}

/// `BIENVENUE10`: 10 % off from 20 € of items, paid by the platform.
async fn ensure_welcome_code(db: &Db) -> Result<(), StoreError> {
    let exists = discount_codes::Entity::find()
        .filter(discount_codes::Column::Code.eq("BIENVENUE10"))
        .count(db.conn())
        .await?
        > 0;
    if !exists {
        discounts::create(
            db,
            None,
            NewDiscountCode {
                code: "BIENVENUE10".into(),
                kind: "percent".into(),
                value: 1_000,
                min_items_cents: 2_000,
                starts_at: None,
                ends_at: None,
                max_uses: None,
            },
        )
        .await?;
    }
    Ok(())
}
