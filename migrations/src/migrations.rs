//! One module per migration, oldest first.

pub mod m20261122_000001_create_accounts;
pub mod m20261122_000002_create_catalog;
pub mod m20261122_000003_create_recently_viewed;
pub mod m20261122_000004_create_orders;
pub mod m20261122_000005_create_cashback;
pub mod m20261122_000006_create_operating;
pub mod m20261123_000007_create_stock_movements;
pub mod m20261123_000008_create_disputes;
pub mod m20261124_000009_create_events;
pub mod m20261125_000010_create_omnichannel;
pub mod m20261125_000011_create_product_listings;
pub mod m20261126_000012_idempotency_leases;
pub mod m20261127_000013_notification_leases;
pub mod m20261127_000014_create_refund_requests;
