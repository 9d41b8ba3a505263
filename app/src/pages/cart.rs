//! `/cart`: the shopper's cart.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::context::use_locale;
use crate::i18n::Msg;

#[component]
pub fn CartPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=locale.t(Msg::CartTitle) />
        <Meta name="robots" content="noindex" />
        <section class="container narrow">
            <h1>{locale.t(Msg::CartTitle)}</h1>
            <div class="card empty-state">
                <p class="empty-title">{locale.t(Msg::CartEmpty)}</p>
                <p>{locale.t(Msg::CartEmptyHint)}</p>
                <a class="button button-primary" href="/">{locale.t(Msg::ContinueShopping)}</a>
            </div>
        </section>
    }
}
