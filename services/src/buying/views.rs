//! Orders as read back for a shopper (every seller part) or a seller (its part only).

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::db::entity::{locations, order_lines, orders, payments, seller_orders, shops};
use crate::{StoreError, settings};

/// One shop's part, with what the reader needs to show it.
#[derive(Debug, Clone)]
pub struct SellerOrderView {
    pub row: seller_orders::Model,
    pub order_number: String,
    pub shop_name: String,
    pub shop_slug: String,
    pub store_name: Option<String>,
    pub lines: Vec<order_lines::Model>,
    /// Until when the shopper may ask for a return, once handed over.
    pub return_deadline: Option<DateTime<Utc>>,
}

/// A whole order.
#[derive(Debug, Clone)]
pub struct OrderView {
    pub order: orders::Model,
    pub payment: payments::Model,
    pub parts: Vec<SellerOrderView>,
}

/// Loads an order with its payment and parts; `only_shop` keeps one shop's part.
pub async fn load_order(
    conn: &impl ConnectionTrait,
    order: orders::Model,
    only_shop: Option<&str>,
) -> Result<OrderView, StoreError> {
    let payment = payments::Entity::find()
        .filter(payments::Column::OrderId.eq(&order.id))
        .one(conn)
        .await?
        .ok_or_else(|| StoreError::Internal(format!("order {} has no payment", order.id)))?;
    let mut query = seller_orders::Entity::find()
        .filter(seller_orders::Column::OrderId.eq(&order.id))
        .order_by_asc(seller_orders::Column::CreatedAt)
        .order_by_asc(seller_orders::Column::Id);
    if let Some(shop_id) = only_shop {
        query = query.filter(seller_orders::Column::ShopId.eq(shop_id));
    }
    let rows = query.all(conn).await?;
    let window = settings::load(conn).await?.return_window_days;
    // Shops, stores and lines of every part in one query each (an order page and every
    // checkout answer read this).
    let part_ids: Vec<&str> = rows.iter().map(|row| row.id.as_str()).collect();
    let shop_ids: Vec<&str> = rows.iter().map(|row| row.shop_id.as_str()).collect();
    let store_ids: Vec<&str> = rows
        .iter()
        .filter_map(|row| row.store_id.as_deref())
        .collect();
    let shops = shops::Entity::find()
        .filter(shops::Column::Id.is_in(shop_ids))
        .all(conn)
        .await?;
    let stores = if store_ids.is_empty() {
        Vec::new()
    } else {
        locations::Entity::find()
            .filter(locations::Column::Id.is_in(store_ids))
            .all(conn)
            .await?
    };
    let mut lines = order_lines::Entity::find()
        .filter(order_lines::Column::SellerOrderId.is_in(part_ids))
        .order_by_asc(order_lines::Column::Id)
        .all(conn)
        .await?;
    let mut parts = Vec::with_capacity(rows.len());
    for row in rows {
        let shop = shops.iter().find(|shop| shop.id == row.shop_id);
        let (own_lines, others) = lines
            .into_iter()
            .partition(|line| line.seller_order_id == row.id);
        lines = others;
        parts.push(SellerOrderView {
            order_number: order.number.clone(),
            shop_name: shop.map(|s| s.name.clone()).unwrap_or_default(),
            shop_slug: shop.map(|s| s.slug.clone()).unwrap_or_default(),
            store_name: row.store_id.as_ref().and_then(|id| {
                stores
                    .iter()
                    .find(|store| store.id == *id)
                    .map(|store| store.name.clone())
            }),
            lines: own_lines,
            return_deadline: return_deadline(&row, window),
            row,
        });
    }
    Ok(OrderView {
        order,
        payment,
        parts,
    })
}

/// Completes one seller order row into a view.
pub async fn seller_order_view(
    conn: &impl ConnectionTrait,
    row: seller_orders::Model,
    order_number: String,
    return_window_days: i32,
) -> Result<SellerOrderView, StoreError> {
    let shop = shops::Entity::find_by_id(&row.shop_id).one(conn).await?;
    let store_name = match &row.store_id {
        Some(store_id) => locations::Entity::find_by_id(store_id)
            .one(conn)
            .await?
            .map(|store| store.name),
        None => None,
    };
    let lines = order_lines::Entity::find()
        .filter(order_lines::Column::SellerOrderId.eq(&row.id))
        .order_by_asc(order_lines::Column::Id)
        .all(conn)
        .await?;
    Ok(SellerOrderView {
        order_number,
        shop_name: shop.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
        shop_slug: shop.map(|s| s.slug).unwrap_or_default(),
        store_name,
        lines,
        return_deadline: return_deadline(&row, return_window_days),
        row,
    })
}

/// Until when the shopper may ask for a return: the window runs from the hand-over.
fn return_deadline(row: &seller_orders::Model, return_window_days: i32) -> Option<DateTime<Utc>> {
    row.completed_at
        .map(|at| at + Duration::days(i64::from(return_window_days)))
}
