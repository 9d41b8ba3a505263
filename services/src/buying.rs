//! Buying: the cart, checkout, payments, orders and what follows them (refunds, returns,
//! the ledger, notifications).
//!
//! - [`cart`]: one server-side cart per account or guest cookie, grouped by shop.
//! - [`cashback`]: earning, maturing, spending, reversing and expiring cashback.
//! - [`cashback_estimate`]: the cashback an offer, a cart or a checkout would earn, shown
//!   before buying.
//! - [`checkout`]: quotes, and placing an order: stock reserved, cart emptied, one
//!   seller order per shop, all in one transaction.
//! - [`handoff`]: a cart carried to a seller's till by a short code, and the till's
//!   sale (in store, or ordered for delivery or pickup elsewhere: the endless aisle).
//! - [`discounts`]: discount codes of shops and of the platform.
//! - [`payments`]: the provider trait, the sandbox provider, and the one idempotent state
//!   machine every payment outcome goes through.
//! - [`orders`]: reading orders; seller actions; cancellations, refunds and returns.
//! - [`ledger`]: the append-only, balanced money ledger.
//! - [`idempotency`]: stored answers to retried writes.
//! - [`notifications`]: the outbox of e-mails and account messages.
//! - [`pickup_hold`]: until when a ready pickup waits in store, its QR code, and the
//!   job that cancels the parts not collected in time.
//! - [`refund_requests`]: refunds written down before the provider is asked, and the
//!   job that finishes those whose answer was lost.
//! - [`stock`]: reservations: hold, commit, release, restock.
//! - [`stock_elsewhere`]: the other pickup stores that could serve what one store cannot.
//! - [`views`]: orders as read back.

pub mod cart;
pub mod cashback;
pub mod cashback_estimate;
pub mod checkout;
pub mod discounts;
pub mod handoff;
pub mod idempotency;
pub mod ledger;
pub mod movements;
pub mod notifications;
pub mod orders;
pub mod payments;
pub mod pickup_hold;
pub mod refund_requests;
pub mod returns;
pub mod stock;
pub mod stock_elsewhere;
pub mod stripe;
pub mod views;
