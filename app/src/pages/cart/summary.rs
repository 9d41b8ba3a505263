//! The cart's totals, the cashback it would earn, and the way to checkout, held back while
//! a line needs attention.

use api_types::buying::Cart;
use leptos::prelude::*;

use crate::context::use_locale;
use crate::format::{cashback_earned, count_text, format_price};
use crate::i18n::{BuyMsg, Msg};

#[component]
pub fn Summary(cart: Cart, blocked: bool) -> AnyView {
    let locale = use_locale();
    let items = count_text(
        locale,
        u64::from(cart.item_count),
        BuyMsg::ItemsOne.into(),
        BuyMsg::ItemsMany.into(),
    );
    let delivery = if cart.shipping_cents == 0 {
        locale.t(BuyMsg::Free).to_owned()
    } else {
        format_price(cart.shipping_cents, locale)
    };
    view! {
        <aside class="card order-summary" aria-labelledby="summary-title">
            <h2 id="summary-title">{locale.t(BuyMsg::Summary)}</h2>
            <dl class="totals">
                <dt>{locale.t(BuyMsg::Items)}" ("{items}")"</dt>
                <dd>{format_price(cart.subtotal_cents, locale)}</dd>
                <dt>{locale.t(Msg::Delivery)}</dt>
                <dd>{delivery}</dd>
                <dt class="totals-grand">{locale.t(Msg::Total)}</dt>
                <dd class="totals-grand">{format_price(cart.total_cents, locale)}</dd>
            </dl>
            {cashback_earned(cart.cashback_earned_cents, locale).map(|text| view! { <p class="cashback-earn">{text}</p> })}
            <p class="hint">{locale.t(BuyMsg::DeliveryEstimate)}</p>
            {if blocked {
                view! {
                    <p class="notice notice-warn" role="status">{locale.t(BuyMsg::CartBlocked)}</p>
                    <button type="button" class="button button-primary button-block button-large" disabled=true>
                        {locale.t(BuyMsg::ProceedToCheckout)}
                    </button>
                }
                .into_any()
            } else {
                view! {
                    <a class="button button-primary button-block button-large" href="/checkout" rel="external">
                        {locale.t(BuyMsg::ProceedToCheckout)}
                    </a>
                }
                .into_any()
            }}
            <p class="hint summary-note">{locale.t(BuyMsg::OnePayment)}</p>
        </aside>
    }
    .into_any()
}
