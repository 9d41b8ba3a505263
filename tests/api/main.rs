//! The JSON API and the storefront over real HTTP, on SQLite or PostgreSQL.

mod accounts;
mod analytics;
mod campaigns;
mod cashback;
mod cashback_estimate;
mod catalog;
mod catalog_pages;
mod checkout;
mod conventions;
mod dispute_pages;
mod disputes;
mod market;
mod operating;
mod payouts;
mod pickup_lifecycle;
mod pickup_nearby;
mod pickup_search;
mod races;
mod report_offer_page;
mod returns_in_store;
mod seller_orders;
mod stock_movements;
mod storefront;
mod stripe;
mod wallet;
