//! The checkout's totals box: items, delivery, discount, total with the VAT it includes,
//! the cashback the order earns, and the pay button.

use api_types::buying::{Cart, Quote};
use leptos::prelude::*;

use crate::context::use_locale;
use crate::format::{cashback_earned, fill, format_price};
use crate::i18n::{BuyMsg, Msg};

#[component]
pub fn Totals(cart: Cart, quote: Option<Quote>, can_pay: bool) -> AnyView {
    let locale = use_locale();
    let (items, shipping, discount, cashback, total, vat, earned) = match &quote {
        Some(q) => (
            q.items_cents,
            q.shipping_cents,
            q.discount_cents,
            q.cashback_used_cents,
            q.total_cents,
            Some(q.vat_cents),
            q.cashback_earned_cents,
        ),
        None => (
            cart.subtotal_cents,
            cart.shipping_cents,
            0,
            0,
            cart.total_cents,
            None,
            cart.cashback_earned_cents,
        ),
    };
    let delivery = if shipping == 0 {
        locale.t(BuyMsg::Free).to_owned()
    } else {
        format_price(shipping, locale)
    };
    let pay_label = fill(
        locale.t(BuyMsg::PayAmount),
        "amount",
        &format_price(total, locale),
    );
    view! {
        <aside class="card order-summary" aria-labelledby="totals-title">
            <h2 id="totals-title">{locale.t(BuyMsg::Summary)}</h2>
            <dl class="totals">
                <dt>{locale.t(BuyMsg::Items)}</dt>
                <dd>{format_price(items, locale)}</dd>
                <dt>{locale.t(Msg::Delivery)}</dt>
                <dd>{delivery}</dd>
                {(discount > 0).then(|| view! {
                    <dt>{locale.t(BuyMsg::Discount)}</dt>
                    <dd class="totals-discount">{format_price(-discount, locale)}</dd>
                })}
                {(cashback > 0).then(|| view! {
                    <dt>{locale.t(BuyMsg::CashbackUsed)}</dt>
                    <dd class="totals-discount">{format_price(-cashback, locale)}</dd>
                })}
                <dt class="totals-grand">{locale.t(Msg::Total)}</dt>
                <dd class="totals-grand">{format_price(total, locale)}</dd>
            </dl>
            {vat.map(|vat| view! {
                <p class="totals-vat">{fill(locale.t(BuyMsg::VatIncluded), "amount", &format_price(vat, locale))}</p>
            })}
            {cashback_earned(earned, locale).map(|text| view! {
                <p class="cashback-earn">{text}</p>
                <p class="hint">{locale.t(BuyMsg::CashbackEarnedHint)}</p>
            })}
            <button
                type="submit"
                name="intent"
                value="pay"
                class="button button-primary button-block button-large"
                disabled=!can_pay
            >
                {pay_label}
            </button>
            <button type="submit" name="intent" value="update" class="button button-ghost button-block">
                {locale.t(BuyMsg::UpdateTotals)}
            </button>
            <p class="hint summary-note">{locale.t(BuyMsg::ReservationNote)}</p>
            <p class="summary-note"><a href="/cart">{locale.t(BuyMsg::EditCart)}</a></p>
        </aside>
    }
    .into_any()
}
