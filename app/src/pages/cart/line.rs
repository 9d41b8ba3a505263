//! One cart line: the offer, its unit price and quantity, and what changed since it was
//! added — a new price to accept, fewer units left, or nothing left to sell.

use api_types::buying::CartItem;
use leptos::prelude::*;

use crate::components::product_tile::product_href;
use crate::context::use_locale;
use crate::format::{condition_name, count_text, fill, format_price};
use crate::i18n::{BuyMsg, Msg};

#[component]
pub fn Line(item: CartItem, csrf: String, error: Option<&'static str>) -> AnyView {
    let locale = use_locale();
    let update = format!("/cart/items/{}", item.id);
    let remove = format!("/cart/items/{}/remove", item.id);
    let gone = matches!(item.state.as_str(), "sold_out" | "unavailable");
    let state = match item.state.as_str() {
        "price_changed" => view! {
            <div class="line-state line-state-warn">
                <p>
                    {locale.t(BuyMsg::PriceChanged)}" "
                    <s>{format_price(item.price_cents_when_added, locale)}</s>" → "
                    <strong>{format_price(item.price_cents, locale)}</strong>
                </p>
                <form method="post" action=update.clone()>
                    <input type="hidden" name="csrf" value=csrf.clone() />
                    <input type="hidden" name="quantity" value=item.quantity.to_string() />
                    <button type="submit" class="button button-secondary button-small">{locale.t(BuyMsg::ConfirmPrice)}</button>
                </form>
            </div>
        }
        .into_any(),
        "low_stock" => view! {
            <div class="line-state line-state-warn">
                <p>{count_text(locale, u64::from(item.available), Msg::StockLowOne, Msg::StockLowMany)}</p>
                <form method="post" action=update.clone()>
                    <input type="hidden" name="csrf" value=csrf.clone() />
                    <input type="hidden" name="quantity" value=item.available.to_string() />
                    <button type="submit" class="button button-secondary button-small">
                        {fill(locale.t(BuyMsg::KeepN), "n", &item.available.to_string())}
                    </button>
                </form>
            </div>
        }
        .into_any(),
        "sold_out" => view! {
            <p class="line-state line-state-error">{locale.t(BuyMsg::SoldOutLine)}</p>
        }
        .into_any(),
        "unavailable" => view! {
            <p class="line-state line-state-error">{locale.t(BuyMsg::UnavailableLine)}</p>
        }
        .into_any(),
        _ => ().into_any(),
    };
    let quantity_id = format!("qty-{}", item.id);
    let max = item.available.clamp(item.quantity.max(1), 999);
    view! {
        <li class="cart-line" class:cart-line-gone=gone>
            <div class="cart-line-main">
                <a class="cart-line-title" href=product_href(&item.product_id, &item.product_slug)>{item.title.clone()}</a>
                <p class="cart-line-meta">
                    {condition_name(&item.condition, locale)}" · "
                    {locale.t(BuyMsg::UnitPrice)}" "{format_price(item.price_cents, locale)}
                </p>
                {state}
                {error.map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
            </div>
            <div class="cart-line-actions">
                {(!gone).then(|| view! {
                    <form class="qty-form" method="post" action=update.clone()>
                        <input type="hidden" name="csrf" value=csrf.clone() />
                        <label class="visually-hidden" for=quantity_id.clone()>{locale.t(BuyMsg::QuantityLabel)}</label>
                        <input
                            id=quantity_id.clone()
                            class="qty-input"
                            type="number"
                            name="quantity"
                            inputmode="numeric"
                            min="1"
                            max=max.to_string()
                            value=item.quantity.to_string()
                            required=true
                        />
                        <button type="submit" class="button button-ghost button-small">{locale.t(BuyMsg::Update)}</button>
                    </form>
                })}
                <form method="post" action=remove>
                    <input type="hidden" name="csrf" value=csrf />
                    <button type="submit" class="link-button">{locale.t(BuyMsg::Remove)}</button>
                </form>
            </div>
            <p class="cart-line-total price">{format_price(item.line_cents, locale)}</p>
        </li>
    }
    .into_any()
}
