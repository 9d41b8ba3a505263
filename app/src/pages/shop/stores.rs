//! A shop's physical stores: address, opening hours, and whether they serve pickups.

use api_types::catalog::Store;
use leptos::prelude::*;

use crate::context::use_locale;
use crate::format::ready_in;
use crate::i18n::Msg;

/// The stores of a shop; nothing when it sells online only.
#[component]
pub fn Stores(stores: Vec<Store>) -> AnyView {
    let locale = use_locale();
    let items = stores
        .into_iter()
        .filter(|store| store.kind == "store")
        .map(|store| {
            let pickup = store.pickup.then(|| {
                view! {
                    <p>
                        <span class="badge badge-pickup">{locale.t(Msg::PickupBadge)}</span>" "
                        <span class="hint">{ready_in(store.preparation_minutes, locale)}</span>
                    </p>
                }
            });
            view! {
                <li class="store">
                    <h3>{store.name}</h3>
                    <address>
                        {store.address}<br />
                        {format!("{} {}", store.postcode, store.city)}
                    </address>
                    <p class="store-hours">
                        <span class="visually-hidden">{locale.t(Msg::OpeningHours)}" : "</span>
                        {store.opening_hours}
                    </p>
                    {pickup}
                </li>
            }
        })
        .collect::<Vec<_>>();
    let locale_title = locale.t(Msg::OurStores);
    view! {
        <section class="card shop-stores">
            <h2>{locale_title}</h2>
            {if items.is_empty() {
                view! { <p class="hint">{locale.t(Msg::OnlineOnly)}</p> }.into_any()
            } else {
                view! { <ul class="store-list">{items}</ul> }.into_any()
            }}
        </section>
    }
    .into_any()
}
