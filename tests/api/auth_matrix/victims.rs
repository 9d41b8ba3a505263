//! What the victims see of their own things, read through their own clients before and
//! after the refused probes: a refusal that changed something anyway (a form that
//! answers "back to the page" whether it acted or not, say) shows up as a difference.

use admin_tui::client::ApiClient;
use serde_json::Value;

use super::roles::Role;
use super::world::World;

/// Fields that change by reading (a token's last use, a sliding expiry).
const VOLATILE: [&str; 3] = ["last_used_at", "last_seen_at", "expires_at"];

fn without_volatile(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(key, _)| !VOLATILE.contains(&key.as_str()))
                .map(|(key, value)| (key, without_volatile(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_volatile).collect()),
        other => other,
    }
}

async fn read(client: &ApiClient, path: &str) -> (String, Value) {
    let value: Value = client
        .get(path)
        .await
        .unwrap_or_else(|err| panic!("the victim reads {path}: {err}"));
    (path.to_owned(), without_volatile(value))
}

/// The shopper's and shop A's things, and the platform's settings.
pub async fn snapshot(world: &World) -> Vec<(String, Value)> {
    let ids = &world.ids;
    let shopper = &world.actor(Role::Shopper).api;
    let staff = &world.actor(Role::SellerStaff).api;
    let operator = &world.actor(Role::Operator).api;
    let mut reads = Vec::new();
    for path in [
        "/me".to_owned(),
        "/cart".to_owned(),
        "/orders".to_owned(),
        format!("/orders/{}", ids.order),
        format!("/orders/{}", ids.pickup_order),
        "/wallet".to_owned(),
        "/wishlist".to_owned(),
        "/auth/tokens".to_owned(),
        "/disputes".to_owned(),
        "/notifications".to_owned(),
    ] {
        reads.push(read(shopper, &path).await);
    }
    for path in [
        "/seller/shop".to_owned(),
        "/seller/locations".to_owned(),
        "/seller/offers".to_owned(),
        format!("/seller/offers/{}", ids.offer),
        format!("/seller/offers/{}", ids.spare_offer),
        format!("/seller/offers/{}/stock/movements", ids.offer),
        "/seller/orders".to_owned(),
        format!("/seller/orders/{}", ids.seller_order),
        format!("/seller/orders/{}", ids.pickup_part),
        "/seller/discount-codes".to_owned(),
        "/seller/cashback".to_owned(),
        "/seller/disputes".to_owned(),
        "/seller/payouts".to_owned(),
    ] {
        reads.push(read(staff, &path).await);
    }
    for path in [
        "/operator/settings",
        "/operator/campaigns",
        "/operator/shops",
    ] {
        reads.push(read(operator, path).await);
    }
    reads
}

/// The reads that differ between two snapshots.
pub fn changed(before: &[(String, Value)], after: &[(String, Value)]) -> Vec<String> {
    before
        .iter()
        .zip(after)
        .filter(|((_, was), (_, is))| was != is)
        .map(|((path, was), (_, is))| format!("{path}:\n  before {was}\n  after  {is}"))
        .collect()
}
