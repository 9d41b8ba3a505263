//! The steps a seller takes on an order, and which ones its status allows.
//!
//! The server decides (a wrong step is a 409); offering only the allowed keys here keeps
//! the seller from asking for what cannot be done.

use api_types::orders::SellerOrder;

/// A step on the selected order, as a key asks for it (the body comes later, from a form).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// Take a paid order on.
    Accept,
    /// Hand a delivery to the carrier (asks carrier and tracking).
    Ship,
    /// Say a pickup waits in the store.
    Ready,
    /// Hand a pickup over (asks the shopper's code).
    Collect,
    /// Cancel the order (asks first, then a reason).
    Cancel,
    /// Refund some or all of it (asks an amount and a reason, then confirmation).
    Refund,
    /// Agree to the return the shopper asked for.
    AcceptReturn,
    /// Turn the return down.
    RefuseReturn,
    /// Record a return brought to one of the shop's stores (asks the store and a reason,
    /// then confirmation): refunds the rest, shelves the units there.
    ReturnInStore,
}

impl Verb {
    /// What the step is called on screen ("accept", "ship"…).
    pub fn label(self) -> &'static str {
        match self {
            Self::Accept => "accept",
            Self::Ship => "ship",
            Self::Ready => "mark ready",
            Self::Collect => "hand over",
            Self::Cancel => "cancel",
            Self::Refund => "refund",
            Self::AcceptReturn => "accept the return",
            Self::RefuseReturn => "refuse the return",
            Self::ReturnInStore => "take back in store",
        }
    }
}

/// The steps `order`'s status allows, in the order they are offered.
pub fn verbs(order: &SellerOrder) -> Vec<Verb> {
    let pickup = order.fulfilment.method == "pickup";
    let open_return = ["none", "requested"].contains(&order.return_status.as_str());
    let mut verbs = match order.status.as_str() {
        "paid" => vec![Verb::Accept, Verb::Cancel],
        "accepted" if pickup => vec![Verb::Ready, Verb::Cancel],
        "accepted" => vec![Verb::Ship, Verb::Cancel],
        "ready_for_pickup" => vec![Verb::Collect],
        "delivered" | "collected" if open_return => vec![Verb::Refund, Verb::ReturnInStore],
        "shipped" | "delivered" | "collected" => vec![Verb::Refund],
        _ => Vec::new(),
    };
    if order.return_status == "requested" {
        verbs.extend([Verb::AcceptReturn, Verb::RefuseReturn]);
    }
    verbs
}
