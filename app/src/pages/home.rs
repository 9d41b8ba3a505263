//! `/`: what Halles is, for shoppers and for sellers, and a way into the catalog:
//! categories, the newest offers and shops to discover (in [`sections`]).

mod sections;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::context::use_locale;
use crate::i18n::Msg;

const ICON_CART: &str =
    "M3 4h2l2.4 11.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 2-1.5L21 8H6.2M10 20h.01M17 20h.01";
const ICON_STORE: &str = "M4 10v10h16V10M3 10l2-6h14l2 6H3zM9 20v-6h6v6";
const ICON_COINS: &str =
    "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM15 9.5a3.5 3.5 0 1 0 0 5M8 11h5M8 13h5";

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    // Icons are inline SVG paths (24×24): emoji fonts are missing on many machines.
    let promises = [
        (ICON_CART, Msg::PromiseOneCartTitle, Msg::PromiseOneCartText),
        (ICON_STORE, Msg::PromisePickupTitle, Msg::PromisePickupText),
        (
            ICON_COINS,
            Msg::PromiseCashbackTitle,
            Msg::PromiseCashbackText,
        ),
    ];
    view! {
        <Title text="" />
        <Meta name="description" content=locale.t(Msg::HeroText) />
        <section class="hero">
            <div class="container hero-inner">
                <h1>{locale.t(Msg::HeroTitle)}</h1>
                <p class="lead">{locale.t(Msg::HeroText)}</p>
                <div class="hero-actions">
                    <a class="button button-primary button-large" href="/signup">{locale.t(Msg::HeroCta)}</a>
                    <a class="button button-ghost button-large" href="#sellers">{locale.t(Msg::HeroSellerCta)}</a>
                </div>
            </div>
        </section>
        <sections::CatalogSections />
        <section id="promises" class="container promises" aria-label=locale.t(Msg::FooterAbout)>
            {promises
                .into_iter()
                .map(|(icon, title, text)| view! {
                    <article class="card promise">
                        <svg class="promise-icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true">
                            <path d=icon fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
                        </svg>
                        <h2>{locale.t(title)}</h2>
                        <p>{locale.t(text)}</p>
                    </article>
                })
                .collect_view()}
        </section>
        <section id="sellers" class="container">
            <div class="card sellers">
                <div>
                    <h2>{locale.t(Msg::SellersTitle)}</h2>
                    <p>{locale.t(Msg::SellersText)}</p>
                </div>
                <a class="button button-secondary" href="/signup">{locale.t(Msg::HeroSellerCta)}</a>
            </div>
        </section>
    }
}
