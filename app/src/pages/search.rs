//! `/search?q=…`: search results.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::context::use_locale;
use crate::i18n::Msg;

#[component]
pub fn SearchPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let terms = move || query.read().get("q").unwrap_or_default().trim().to_owned();
    view! {
        <Title text=move || format!("{} « {} »", locale.t(Msg::SearchTitle), terms()) />
        <Meta name="robots" content="noindex" />
        <section class="container narrow">
            <h1>{locale.t(Msg::SearchTitle)}</h1>
            <div class="card empty-state" role="status">
                <p class="empty-title">{locale.t(Msg::SearchNoResults)}" « "{terms}" »"</p>
                <p>{locale.t(Msg::SearchHelp)}</p>
                <a class="button button-secondary" href="/">{locale.t(Msg::BackHome)}</a>
            </div>
        </section>
    }
}
