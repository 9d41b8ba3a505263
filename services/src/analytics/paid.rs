//! `paid` events: one per seller order, written in the same transaction that captures the
//! payment. A sale is a money fact: it must count exactly once in the funnel, so it does
//! not go through the lossy [`super::EventSink`]. On SQLite it rides in the capture's
//! script, in the round trip that script already makes.

use chrono::{DateTime, Utc};
use sea_orm::Value;

use crate::db::entity::orders;
use crate::db::{InsertRows, Script};
use crate::new_id;

use super::EventKind;

/// Adds the `paid` events of `order` (one per shop in `shop_ids`) to `script`.
pub(crate) fn add_to<'a>(
    script: &mut Script,
    order: &orders::Model,
    shop_ids: impl IntoIterator<Item = &'a str>,
    at: DateTime<Utc>,
) {
    let mut rows = InsertRows::new(
        "INSERT INTO events (id, kind, channel, visitor_key, shop_id, order_id, occurred_at) VALUES ",
        "(?, ?, ?, ?, ?, ?, ?)",
    );
    for shop_id in shop_ids {
        rows.push([
            Value::from(new_id()),
            EventKind::Paid.as_str().into(),
            order.channel.clone().into(),
            // The buyer's account: the key their views and adds carry when signed in.
            order.user_id.clone().into(),
            shop_id.to_owned().into(),
            order.id.clone().into(),
            at.into(),
        ]);
    }
    rows.add_to(script, "");
}
