//! The JSON API and the storefront over real HTTP, on SQLite or PostgreSQL.

mod accounts;
mod campaigns;
mod cashback;
mod cashback_estimate;
mod catalog;
mod catalog_pages;
mod checkout;
mod conventions;
mod market;
mod operating;
mod pickup_nearby;
mod races;
mod report_offer_page;
mod seller_orders;
mod storefront;
mod stripe;
mod wallet;
