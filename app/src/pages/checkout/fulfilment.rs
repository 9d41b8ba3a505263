//! One shop's part at checkout: what it holds, and home delivery or click & collect in
//! one of its stores (offered only when the shop has pickup stores).

use api_types::buying::CartShop;
use leptos::prelude::*;

use crate::buying::PickupOption;
use crate::context::use_locale;
use crate::format::{format_price, ready_in, store_place};
use crate::i18n::{BuyMsg, Msg};

#[component]
pub fn Fulfilment(
    shop: CartShop,
    stores: Vec<PickupOption>,
    method: String,
    store: Option<String>,
) -> AnyView {
    let locale = use_locale();
    let name = format!("method.{}", shop.shop_id);
    let store_field = format!("store.{}", shop.shop_id);
    let store_id = format!("store-{}", shop.shop_id);
    let pickup = method == "pickup" && !stores.is_empty();
    let delivery_price = if shop.shipping_cents == 0 {
        locale.t(BuyMsg::Free).to_owned()
    } else {
        format_price(shop.shipping_cents, locale)
    };
    let items = shop
        .items
        .iter()
        .map(|item| {
            view! {
                <li><span class="fulfilment-qty">{item.quantity}" ×"</span>" "{item.title.clone()}</li>
            }
        })
        .collect_view();
    let pickup_choice = (!stores.is_empty()).then(|| {
        let options = stores
            .iter()
            .map(|option| {
                let selected = store.as_deref() == Some(option.id.as_str());
                let label = format!(
                    "{} — {} · {}",
                    option.name,
                    store_place(&option.city, &option.postcode),
                    ready_in(option.preparation_minutes, locale)
                );
                view! { <option value=option.id.clone() selected=selected>{label}</option> }
            })
            .collect_view();
        view! {
            <label class="choice">
                <input type="radio" name=name.clone() value="pickup" checked=pickup />
                <span class="choice-label">{locale.t(BuyMsg::ClickCollect)}</span>
                <span class="choice-price">{locale.t(BuyMsg::PickupFree)}</span>
            </label>
            <div class="field choice-detail">
                <label for=store_id.clone()>{locale.t(BuyMsg::ChooseStore)}</label>
                <select id=store_id.clone() name=store_field.clone()>{options}</select>
            </div>
        }
    });
    view! {
        <fieldset class="fulfilment">
            <legend>
                <span class="hint">{locale.t(Msg::SoldBy)}" "</span>
                <strong>{shop.shop_name.clone()}</strong>
            </legend>
            <ul class="fulfilment-items">{items}</ul>
            <div class="choices">
                <label class="choice">
                    <input type="radio" name=name.clone() value="delivery" checked=!pickup />
                    <span class="choice-label">{locale.t(BuyMsg::HomeDelivery)}</span>
                    <span class="choice-price">{delivery_price}</span>
                </label>
                {pickup_choice}
            </div>
        </fieldset>
    }
    .into_any()
}
