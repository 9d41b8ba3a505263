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
    let mut parts = Vec::with_capacity(rows.len());
    for row in rows {
        parts.push(seller_order_view(conn, row, order.number.clone(), window).await?);
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
    let return_deadline = row
        .completed_at
        .map(|at| at + Duration::days(i64::from(return_window_days)));
    Ok(SellerOrderView {
        order_number,
        shop_name: shop.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
        shop_slug: shop.map(|s| s.slug).unwrap_or_default(),
        store_name,
        lines,
        return_deadline,
        row,
    })
}
