//! Order and seller-order states as coloured badges, in words.

use leptos::prelude::*;

use crate::context::use_locale;
use crate::i18n::BuyMsg;

/// How a state reads at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Waiting,
    Good,
    Done,
    Bad,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Waiting => "status status-waiting",
            Tone::Good => "status status-good",
            Tone::Done => "status status-done",
            Tone::Bad => "status status-bad",
        }
    }
}

/// An order's status (`pending_payment`, `paid`, …) in words, with its tone.
fn order_status(status: &str) -> (BuyMsg, Tone) {
    match status {
        "pending_payment" => (BuyMsg::OrderPending, Tone::Waiting),
        "paid" => (BuyMsg::OrderPaid, Tone::Good),
        "payment_failed" => (BuyMsg::OrderPaymentFailed, Tone::Bad),
        "expired" => (BuyMsg::OrderExpiredStatus, Tone::Bad),
        "cancelled" => (BuyMsg::OrderCancelledStatus, Tone::Bad),
        _ => (BuyMsg::OrderCompleted, Tone::Done),
    }
}

/// A seller order's status in words, with its tone.
fn part_status(status: &str) -> (BuyMsg, Tone) {
    match status {
        "pending_payment" => (BuyMsg::OrderPending, Tone::Waiting),
        "paid" => (BuyMsg::OrderPaid, Tone::Good),
        "accepted" => (BuyMsg::PartAccepted, Tone::Good),
        "shipped" => (BuyMsg::PartShipped, Tone::Good),
        "delivered" => (BuyMsg::PartDelivered, Tone::Done),
        "ready_for_pickup" => (BuyMsg::PartReady, Tone::Good),
        "collected" => (BuyMsg::PartCollected, Tone::Done),
        "refunded" => (BuyMsg::PartRefunded, Tone::Bad),
        _ => (BuyMsg::OrderCancelledStatus, Tone::Bad),
    }
}

/// An order's status badge.
#[component]
pub fn OrderStatus(status: String) -> impl IntoView {
    let locale = use_locale();
    let (msg, tone) = order_status(&status);
    view! { <span class=tone.class()>{locale.t(msg)}</span> }
}

/// A seller order's status badge.
#[component]
pub fn PartStatus(status: String) -> impl IntoView {
    let locale = use_locale();
    let (msg, tone) = part_status(&status);
    view! { <span class=tone.class()>{locale.t(msg)}</span> }
}
