//! `/`: what Halles is, for shoppers and for sellers.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::context::use_locale;
use crate::i18n::Msg;

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = use_locale();
    let promises = [
        ("🛒", Msg::PromiseOneCartTitle, Msg::PromiseOneCartText),
        ("🏬", Msg::PromisePickupTitle, Msg::PromisePickupText),
        ("💶", Msg::PromiseCashbackTitle, Msg::PromiseCashbackText),
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
        <section id="promises" class="container promises" aria-label=locale.t(Msg::FooterAbout)>
            {promises
                .into_iter()
                .map(|(icon, title, text)| view! {
                    <article class="card promise">
                        <span class="promise-icon" aria-hidden="true">{icon}</span>
                        <h2>{locale.t(title)}</h2>
                        <p>{locale.t(text)}</p>
                    </article>
                })
                .collect_view()}
        </section>
        <section id="sellers" class="container sellers card">
            <div>
                <h2>{locale.t(Msg::SellersTitle)}</h2>
                <p>{locale.t(Msg::SellersText)}</p>
            </div>
            <a class="button button-secondary" href="/signup">{locale.t(Msg::HeroSellerCta)}</a>
        </section>
    }
}
