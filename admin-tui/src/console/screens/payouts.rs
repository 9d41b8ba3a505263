//! What the shop earned, from the ledger: the pending balance (inside the return window),
//! the payable one (released, waiting for a payout), what was paid, the payouts and the
//! latest lines on the earnings. Read only: operators make the payouts.

#[cfg(test)]
mod tests;

use api_types::selling::SellerPayouts;

use super::{Desk, Out};
use crate::client::ApiError;
use crate::console::action::{ApiCall, Effect};

/// Asks for the shop's payouts.
pub fn load(desk: &mut Desk, out: &mut Out) -> Effect {
    let (request, effect) = out.call(ApiCall::SellerPayouts);
    desk.payouts.start(request);
    effect
}

/// The answer to [`load`] (an answer to an older request is dropped).
pub fn loaded(desk: &mut Desk, request: u64, result: Result<SellerPayouts, ApiError>) {
    desk.payouts.accept(request, result);
}

/// Whether there is nothing to show yet: no balance, no payout, no line.
pub fn is_empty(payouts: &SellerPayouts) -> bool {
    payouts.pending_cents == 0
        && payouts.payable_cents == 0
        && payouts.paid_cents == 0
        && payouts.payouts.is_empty()
        && payouts.entries.is_empty()
}

/// A readable name for an earning line's `kind` (an unknown kind is shown as sent,
/// underscores as spaces, so a newer server still reads).
pub fn kind_label(kind: &str) -> String {
    match kind {
        "earning" => "Sale",
        "commission" => "Commission",
        "cashback_boost" => "Cashback boost",
        "cashback_boost_reversed" => "Boost given back",
        "payable" => "Released to payable",
        "refund_seller" => "Refund",
        "payout" => "Payout",
        other => return other.replace('_', " "),
    }
    .to_owned()
}
