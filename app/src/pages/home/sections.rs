//! The catalog on the home page: top-level categories, the newest offers and the
//! best-rated shops. Each loads before the first byte and fails on its own.

use api_types::catalog::ProductSearchParams;
use leptos::prelude::*;

use crate::catalog::{list_categories, list_shops, recently_viewed, search_products};
use crate::components::{Loading, ProductTile, ShopTile};
use crate::context::use_locale;
use crate::i18n::{Msg, OmniMsg};
use crate::omni::{recommended, seen_in_app};
use crate::pages::search::category_name;

/// How many new offers and shops the home page shows.
const FEATURED: u32 = 8;
const SHOPS: u32 = 6;
const RECENT: u32 = 4;

#[component]
pub fn CatalogSections() -> AnyView {
    let locale = use_locale();
    let categories = Resource::new_blocking(|| (), |()| list_categories());
    let featured = Resource::new_blocking(
        || (),
        |()| {
            search_products(ProductSearchParams {
                sort: Some("newest".to_owned()),
                per_page: Some(FEATURED.to_string()),
                ..ProductSearchParams::default()
            })
        },
    );
    let shops = Resource::new_blocking(|| (), |()| list_shops(SHOPS));
    let recent = Resource::new_blocking(|| (), |()| recently_viewed(RECENT));
    let in_app = Resource::new_blocking(|| (), |()| seen_in_app(RECENT));
    let picks = Resource::new_blocking(|| (), |()| recommended(RECENT));
    let unavailable = move || view! { <p class="hint">{locale.t(Msg::CatalogUnavailable)}</p> };
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                // No categories yet (a fresh install): the section is left out.
                let top = categories
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|c| c.parent_id.is_none())
                    .collect::<Vec<_>>();
                (!top.is_empty()).then(|| {
                    let items = top
                        .into_iter()
                        .map(|c| {
                            let name = category_name(&c, locale).to_owned();
                            let initial = name.chars().next().map(String::from).unwrap_or_default();
                            view! {
                                <li>
                                    <a class="category-card" href=format!("/categories/{}", c.slug)>
                                        <span class="category-mark" aria-hidden="true">{initial}</span>
                                        <span>{name}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <section class="container home-section" aria-labelledby="home-categories">
                            <h2 id="home-categories">{locale.t(Msg::HomeCategories)}</h2>
                            <ul class="category-grid">{items}</ul>
                        </section>
                    }
                })
            })}
        </Suspense>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                // Only for members who looked at something; nothing to say otherwise.
                let cards = recent.await.unwrap_or_default();
                (!cards.is_empty()).then(|| view! {
                    <section class="container home-section" aria-labelledby="home-recent">
                        <h2 id="home-recent">{locale.t(Msg::HomeRecentlyViewed)}</h2>
                        <ul class="product-grid">
                            {cards.into_iter().map(|card| view! { <ProductTile card /> }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                // Continuity: what the shopper looked at in the app, then picks from it.
                let seen = in_app.await.unwrap_or_default();
                let picked = picks.await.unwrap_or_default();
                view! {
                    {(!seen.is_empty()).then(|| view! {
                        <section class="container home-section" aria-labelledby="home-in-app">
                            <h2 id="home-in-app">{locale.t(OmniMsg::SeenOnPhone)}</h2>
                            <ul class="product-grid">
                                {seen.into_iter().map(|card| view! { <ProductTile card /> }).collect_view()}
                            </ul>
                        </section>
                    })}
                    {(!picked.is_empty()).then(|| view! {
                        <section class="container home-section" aria-labelledby="home-picks">
                            <h2 id="home-picks">{locale.t(OmniMsg::Recommended)}</h2>
                            <ul class="product-grid">
                                {picked.into_iter().map(|card| view! { <ProductTile card /> }).collect_view()}
                            </ul>
                        </section>
                    })}
                }
            })}
        </Suspense>
        <section class="container home-section" aria-labelledby="home-featured">
            <div class="section-head">
                <h2 id="home-featured">{locale.t(Msg::HomeFeatured)}</h2>
                <a href="/search?sort=newest">{locale.t(Msg::SeeAll)}</a>
            </div>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match featured.await {
                        Ok(response) if response.items.is_empty() => {
                            view! { <p class="hint">{locale.t(Msg::NoOffersYet)}</p> }.into_any()
                        }
                        Ok(response) => view! {
                            <ul class="product-grid">
                                {response.items.into_iter().map(|card| view! { <ProductTile card /> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(_) => unavailable().into_any(),
                    }
                })}
            </Suspense>
        </section>
        <section class="container home-section" aria-labelledby="home-shops">
            <h2 id="home-shops">{locale.t(Msg::HomeShops)}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match shops.await {
                        Ok(shops) if shops.is_empty() => {
                            view! { <p class="hint">{locale.t(Msg::NoShopsYet)}</p> }.into_any()
                        }
                        Ok(shops) => view! {
                            <ul class="shop-grid">
                                {shops.into_iter().map(|shop| view! { <ShopTile shop /> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(_) => unavailable().into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}
