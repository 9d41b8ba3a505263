//! Any unknown path: a real page, with status 404.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::context::use_locale;
use crate::i18n::Msg;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let locale = use_locale();
    view! {
        <Title text=locale.t(Msg::NotFoundTitle) />
        <Meta name="robots" content="noindex" />
        <section class="container narrow empty-state">
            <p class="empty-code" aria-hidden="true">"404"</p>
            <h1>{locale.t(Msg::NotFoundTitle)}</h1>
            <p>{locale.t(Msg::NotFoundText)}</p>
            <a class="button button-primary" href="/">{locale.t(Msg::BackHome)}</a>
        </section>
    }
}
