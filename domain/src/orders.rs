//! The life of an order and of each seller order, as state machines. Services apply a
//! transition with a conditional update (`… WHERE status = from`), so two concurrent
//! actions on the same seller order cannot both win.

use std::fmt;

/// The state of one shop's part of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SellerOrderStatus {
    PendingPayment,
    Paid,
    Accepted,
    Shipped,
    Delivered,
    ReadyForPickup,
    Collected,
    Cancelled,
    Refunded,
}

/// Something a seller (or the platform) does to a seller order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SellerAction {
    Accept,
    Ship,
    MarkDelivered,
    Ready,
    Collect,
    Cancel,
}

/// Delivery to an address, or click & collect in a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FulfilmentMethod {
    Delivery,
    Pickup,
}

impl FulfilmentMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            FulfilmentMethod::Delivery => "delivery",
            FulfilmentMethod::Pickup => "pickup",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "delivery" => Some(FulfilmentMethod::Delivery),
            "pickup" => Some(FulfilmentMethod::Pickup),
            _ => None,
        }
    }
}

impl SellerOrderStatus {
    pub const ALL: [SellerOrderStatus; 9] = [
        SellerOrderStatus::PendingPayment,
        SellerOrderStatus::Paid,
        SellerOrderStatus::Accepted,
        SellerOrderStatus::Shipped,
        SellerOrderStatus::Delivered,
        SellerOrderStatus::ReadyForPickup,
        SellerOrderStatus::Collected,
        SellerOrderStatus::Cancelled,
        SellerOrderStatus::Refunded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SellerOrderStatus::PendingPayment => "pending_payment",
            SellerOrderStatus::Paid => "paid",
            SellerOrderStatus::Accepted => "accepted",
            SellerOrderStatus::Shipped => "shipped",
            SellerOrderStatus::Delivered => "delivered",
            SellerOrderStatus::ReadyForPickup => "ready_for_pickup",
            SellerOrderStatus::Collected => "collected",
            SellerOrderStatus::Cancelled => "cancelled",
            SellerOrderStatus::Refunded => "refunded",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
    }

    /// Whether the goods reached the shopper: the return window runs from here.
    pub fn is_handed_over(self) -> bool {
        matches!(
            self,
            SellerOrderStatus::Delivered | SellerOrderStatus::Collected
        )
    }

    /// Whether money was taken for this part (so it can be refunded).
    pub fn is_paid(self) -> bool {
        !matches!(
            self,
            SellerOrderStatus::PendingPayment | SellerOrderStatus::Cancelled
        )
    }

    /// Where `action` leads from here for a part fulfilled by `method`; `None` when the
    /// action is not allowed now.
    pub fn after(self, action: SellerAction, method: FulfilmentMethod) -> Option<Self> {
        use FulfilmentMethod::{Delivery, Pickup};
        use SellerAction as A;
        use SellerOrderStatus as S;
        match (self, action, method) {
            (S::Paid, A::Accept, _) => Some(S::Accepted),
            (S::Accepted, A::Ship, Delivery) => Some(S::Shipped),
            (S::Shipped, A::MarkDelivered, Delivery) => Some(S::Delivered),
            (S::Accepted, A::Ready, Pickup) => Some(S::ReadyForPickup),
            (S::ReadyForPickup, A::Collect, Pickup) => Some(S::Collected),
            (S::Paid | S::Accepted | S::ReadyForPickup, A::Cancel, _) => Some(S::Cancelled),
            _ => None,
        }
    }
}

impl fmt::Display for SellerOrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl SellerAction {
    pub fn as_str(self) -> &'static str {
        match self {
            SellerAction::Accept => "accept",
            SellerAction::Ship => "ship",
            SellerAction::MarkDelivered => "deliver",
            SellerAction::Ready => "ready",
            SellerAction::Collect => "collect",
            SellerAction::Cancel => "cancel",
        }
    }
}

/// The state of the whole order (the shopper's view of the payment and of all parts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderStatus {
    /// Stock is reserved; waiting for the payment page.
    PendingPayment,
    Paid,
    /// The card was declined; nothing was sold. The shopper may try again until expiry.
    PaymentFailed,
    /// Not paid in time: the reservation was released.
    Expired,
    /// The shopper abandoned the payment, or every part was cancelled.
    Cancelled,
    /// Every part is handed over, cancelled or refunded.
    Completed,
}

impl OrderStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::PendingPayment => "pending_payment",
            OrderStatus::Paid => "paid",
            OrderStatus::PaymentFailed => "payment_failed",
            OrderStatus::Expired => "expired",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Completed => "completed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            OrderStatus::PendingPayment,
            OrderStatus::Paid,
            OrderStatus::PaymentFailed,
            OrderStatus::Expired,
            OrderStatus::Cancelled,
            OrderStatus::Completed,
        ]
        .into_iter()
        .find(|status| status.as_str() == value)
    }

    /// Whether a payment may still be attempted.
    pub fn awaits_payment(self) -> bool {
        matches!(self, OrderStatus::PendingPayment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use FulfilmentMethod::{Delivery, Pickup};
    use SellerAction as A;
    use SellerOrderStatus as S;

    #[test]
    fn delivery_runs_paid_accepted_shipped_delivered() {
        let shipped = S::Paid
            .after(A::Accept, Delivery)
            .and_then(|s| s.after(A::Ship, Delivery));
        assert_eq!(shipped, Some(S::Shipped));
        assert_eq!(
            S::Shipped.after(A::MarkDelivered, Delivery),
            Some(S::Delivered)
        );
        assert!(S::Delivered.is_handed_over());
    }

    #[test]
    fn pickup_runs_through_ready_and_collected() {
        assert_eq!(S::Accepted.after(A::Ready, Pickup), Some(S::ReadyForPickup));
        assert_eq!(
            S::ReadyForPickup.after(A::Collect, Pickup),
            Some(S::Collected)
        );
        assert_eq!(S::Accepted.after(A::Ship, Pickup), None);
        assert_eq!(S::Accepted.after(A::Ready, Delivery), None);
    }

    #[test]
    fn wrong_moves_are_refused() {
        assert_eq!(S::Paid.after(A::Ship, Delivery), None);
        assert_eq!(S::Shipped.after(A::Cancel, Delivery), None);
        assert_eq!(S::PendingPayment.after(A::Accept, Delivery), None);
        assert_eq!(S::Cancelled.after(A::Cancel, Delivery), None);
    }

    #[test]
    fn statuses_round_trip_through_text() {
        for status in S::ALL {
            assert_eq!(S::parse(status.as_str()), Some(status));
        }
        assert_eq!(S::parse("teleported"), None);
        assert_eq!(
            OrderStatus::parse("payment_failed"),
            Some(OrderStatus::PaymentFailed)
        );
    }
}
