//! The shop's own offers: a search box limited to the shop, the grid, and its pages.

use leptos::prelude::*;

use super::OffersResource;
use crate::components::{CatalogErrorNotice, Loading};
use crate::context::use_locale;
use crate::format::count_text;
use crate::i18n::Msg;
use crate::pages::search::{Pagination, ProductGrid, Scope, SortForm, quoted};
use crate::query::QueryString;

/// The offers section of an e-shop.
#[component]
pub fn ShopOffers(slug: String, query: Memo<QueryString>, offers: OffersResource) -> AnyView {
    let locale = use_locale();
    let path = Scope::Shop(slug).path();
    let terms = move || query.read().get("q").unwrap_or_default().to_owned();
    view! {
        <section class="container shop-offers" aria-labelledby="shop-offers-title">
            <div class="shop-offers-head">
                <h2 id="shop-offers-title">{locale.t(Msg::ShopOffersTitle)}</h2>
                <form class="search-form shop-search" method="get" action=path.clone() role="search">
                    <label class="visually-hidden" for="shop-search">{locale.t(Msg::SearchThisShop)}</label>
                    <input
                        id="shop-search"
                        type="search"
                        name="q"
                        placeholder=locale.t(Msg::SearchThisShop)
                        value=terms
                    />
                    <button type="submit" class="button button-secondary">{locale.t(Msg::SearchButton)}</button>
                </form>
            </div>
            <Transition fallback=Loading>
                {move || {
                    let query = query.get();
                    let path = path.clone();
                    Suspend::new(async move {
                        match offers.await {
                            Err(error) => view! { <CatalogErrorNotice error reset_href=path /> }.into_any(),
                            Ok(response) => {
                                let count = count_text(locale, response.total, Msg::ProductCountOne, Msg::ProductCountMany);
                                let last_page = response.total.div_ceil(response.per_page.max(1));
                                let body = if response.items.is_empty() {
                                    let text = match query.get("q") {
                                        Some(q) => format!("{} {}", locale.t(Msg::SearchNoResults), quoted(q, locale)),
                                        None => locale.t(Msg::NoOffersInShop).to_owned(),
                                    };
                                    view! {
                                        <div class="card empty-state" role="status">
                                            <p class="empty-title">{text}</p>
                                            {query.get("q").is_some().then(|| view! {
                                                <a class="button button-secondary" href=path.clone()>{locale.t(Msg::SeeAllOffers)}</a>
                                            })}
                                        </div>
                                    }
                                    .into_any()
                                } else {
                                    view! { <ProductGrid items=response.items /> }.into_any()
                                };
                                view! {
                                    <div class="listing-toolbar">
                                        <p class="listing-count" role="status">{count}</p>
                                        <SortForm path=path.clone() query=query.clone() />
                                    </div>
                                    {body}
                                    <Pagination path query page=response.page last_page />
                                }
                                .into_any()
                            }
                        }
                    })
                }}
            </Transition>
        </section>
    }
    .into_any()
}
