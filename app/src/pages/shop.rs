//! `/shops/{slug}`: a seller's e-shop. Its banner in its own colour, its policies, its
//! stores, and its offers with a search box and pages. Unknown or unapproved shops are
//! a 404.
//!
//! - [`stores`]: the physical stores and what they offer.
//! - [`offers`]: the shop's own searchable list of products.

mod offers;
mod stores;

use api_types::catalog::ShopDetail;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

use api_types::catalog::ProductSearchResponse;

use crate::catalog::{CatalogError, find_shop, search_products};
use crate::components::{CatalogErrorNotice, Loading, Rating, banner_ink, safe_color};
use crate::context::use_locale;
use crate::format::format_price;
use crate::i18n::{Locale, Msg};
use crate::pages::search::{Scope, use_catalog_query};
use crate::query::QueryString;

/// The shop's offers for the search in the URL.
type OffersResource = Resource<Result<ProductSearchResponse, CatalogError>>;

/// `/shops/:slug`.
#[component]
pub fn ShopPage() -> AnyView {
    let locale = use_locale();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let scope = Signal::derive(move || Scope::Shop(slug.get()));
    let query = use_catalog_query(scope);
    let shop = Resource::new_blocking(move || slug.get(), find_shop);
    // Both load before the first byte; the offers refetch alone as the search changes.
    let offers: OffersResource =
        Resource::new_blocking(move || scope.get().params(&query.get()), search_products);
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match shop.await {
                    Err(error) => view! { <CatalogErrorNotice error /> }.into_any(),
                    Ok(shop) => shop_page(locale, shop, query, offers).into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

fn shop_page(
    locale: Locale,
    shop: ShopDetail,
    query: Memo<QueryString>,
    offers: OffersResource,
) -> AnyView {
    let slug = shop.card.slug.clone();
    let color = safe_color(&shop.card.banner_color);
    let style = format!("--banner:{color};--banner-ink:{}", banner_ink(&color));
    let pitch: String = shop.card.description.chars().take(160).collect();
    let shipping = if shop.shipping_flat_cents == 0 {
        locale.t(Msg::DeliveryFree).to_owned()
    } else {
        format!(
            "{} {}",
            format_price(shop.shipping_flat_cents, locale),
            locale.t(Msg::ShippingFlat)
        )
    };
    let free_from = shop.free_shipping_threshold_cents.map(|threshold| {
        format!(
            "{} {}",
            locale.t(Msg::FreeShippingFrom),
            format_price(threshold, locale)
        )
    });
    let returns = if shop.return_policy.trim().is_empty() {
        locale.t(Msg::ReturnPolicyDefault).to_owned()
    } else {
        shop.return_policy.clone()
    };
    view! {
        <Title text=shop.card.name.clone() />
        <Meta name="description" content=pitch />
        <Link rel="canonical" href=format!("/shops/{}", shop.card.slug) />
        <section class="shop-banner" style=style>
            <div class="container">
                <p class="shop-banner-kicker">{locale.t(Msg::EShop)}</p>
                <h1>{shop.card.name.clone()}</h1>
                <Rating rating_centi=shop.card.rating_centi rating_count=shop.card.rating_count />
                <p class="shop-banner-pitch">{shop.card.description.clone()}</p>
            </div>
        </section>
        <div class="container shop-info">
            <section class="card shop-policies">
                <h2>{locale.t(Msg::ShopPolicies)}</h2>
                <dl class="details">
                    <dt>{locale.t(Msg::Shipping)}</dt>
                    <dd>{shipping}{free_from.map(|text| view! { <br />{text} })}</dd>
                    <dt>{locale.t(Msg::Returns)}</dt>
                    <dd class="pre-line">{returns}</dd>
                </dl>
            </section>
            <stores::Stores stores=shop.stores />
        </div>
        <offers::ShopOffers slug query offers />
    }
    .into_any()
}
