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
        .ok_or_else(|| no_payment(&order.id))?;
    order_view(conn, order, payment, only_shop).await
}

fn no_payment(order_id: &str) -> StoreError {
    StoreError::Internal(format!("order {order_id} has no payment"))
}

/// An order and its payment, in one read.
pub async fn order_with_payment(
    conn: &impl ConnectionTrait,
    order_id: &str,
) -> Result<(orders::Model, payments::Model), StoreError> {
    let (order, payment) = orders::Entity::find_by_id(order_id)
        .find_also_related(payments::Entity)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let payment = payment.ok_or_else(|| no_payment(order_id))?;
    Ok((order, payment))
}

/// [`load_order`] with the payment already read.
pub async fn order_view(
    conn: &impl ConnectionTrait,
    order: orders::Model,
    payment: payments::Model,
    only_shop: Option<&str>,
) -> Result<OrderView, StoreError> {
    // Every part with its shop, then the stores and lines of every part in one query
    // each (an order page and every checkout answer read this).
    let mut query = seller_orders::Entity::find()
        .find_also_related(shops::Entity)
        .filter(seller_orders::Column::OrderId.eq(&order.id))
        .order_by_asc(seller_orders::Column::CreatedAt)
        .order_by_asc(seller_orders::Column::Id);
    if let Some(shop_id) = only_shop {
        query = query.filter(seller_orders::Column::ShopId.eq(shop_id));
    }
    let rows = query.all(conn).await?;
    // Only a part handed over has a return deadline (a new order has none to show).
    let window = if rows.iter().any(|(row, _)| row.completed_at.is_some()) {
        settings::load(conn).await?.return_window_days
    } else {
        0
    };
    let part_ids: Vec<&str> = rows.iter().map(|(row, _)| row.id.as_str()).collect();
    let store_ids: Vec<&str> = rows
        .iter()
        .filter_map(|(row, _)| row.store_id.as_deref())
        .collect();
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
    for (row, shop) in rows {
        let (own_lines, others) = lines
            .into_iter()
            .partition(|line| line.seller_order_id == row.id);
        lines = others;
        let (shop_name, shop_slug) = shop.map(|s| (s.name, s.slug)).unwrap_or_default();
        parts.push(SellerOrderView {
            order_number: order.number.clone(),
            shop_name,
            shop_slug,
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
