//! `/products/{id}/{slug}`: a product and every offer on it, best first. The bare
//! `/products/{id}`, or a stale slug, is moved permanently to the canonical address.
//!
//! - [`offers`]: the offers compared, with delivery and click & collect.
//! - [`pickup`]: the stores nearest to the shopper that hold the product now
//!   (`?near=<postcode>` or `?lat=&lon=`).
//! - [`json_ld`]: the schema.org description for search engines.

mod json_ld;
mod offers;
mod pickup;
mod wish;

use api_types::catalog::ProductNearParams;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::catalog::{ProductPageData, find_product};
use crate::components::product_tile::{product_href, product_image_src};
use crate::components::{CatalogErrorNotice, Loading, MovedTo};
use crate::context::{PageContext, use_locale, use_page};
use crate::format::{count_text, format_price};
use crate::i18n::{Locale, Msg};
use crate::pages::search::{breadcrumb_of, category_name};
use crate::query::encode;

/// `/products/:id` and `/products/:id/:slug`.
#[component]
pub fn ProductPage() -> AnyView {
    let locale = use_locale();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let slug = Memo::new(move |_| params.read().get("slug"));
    let query = use_query_map();
    let near = Memo::new(move |_| {
        let query = query.read();
        ProductNearParams {
            near: query.get("near"),
            lat: query.get("lat"),
            lon: query.get("lon"),
        }
    });
    let product = Resource::new_blocking(
        move || (id.get(), near.get()),
        |(id, near)| find_product(id, near),
    );
    view! {
        <Transition fallback=Loading>
            {move || {
                let slug = slug.get();
                let near = near.get();
                Suspend::new(async move {
                    let context = use_page();
                    match product.await {
                        Err(error) => view! { <CatalogErrorNotice error /> }.into_any(),
                        Ok(data) if slug.as_deref() != Some(data.product.slug.as_str()) => {
                            let href = product_href(&data.product.id, &data.product.slug);
                            view! { <MovedTo href=format!("{href}{}", near_query(&near)) /> }.into_any()
                        }
                        Ok(data) => product_page(locale, data, near, context).into_any(),
                    }
                })
            }}
        </Transition>
    }
    .into_any()
}

/// The place parameters again, for a redirect that must not lose them (`?near=75011`).
fn near_query(near: &ProductNearParams) -> String {
    let pairs: Vec<String> = [("near", &near.near), ("lat", &near.lat), ("lon", &near.lon)]
        .into_iter()
        .filter_map(|(key, value)| {
            let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
            Some(format!("{key}={}", encode(value)))
        })
        .collect();
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

fn product_page(
    locale: Locale,
    data: ProductPageData,
    near: ProductNearParams,
    context: PageContext,
) -> AnyView {
    let ProductPageData {
        product,
        place,
        crumbs,
        wished,
    } = data;
    let back = product_href(&product.id, &product.slug);
    let canonical = product_href(&product.id, &product.slug);
    let pickup_path = canonical.clone();
    let json_ld = json_ld::product_json_ld(&product);
    let description: String = product.description.chars().take(160).collect();
    let crumbs = breadcrumb_of(locale, crumbs, Some(product.title.clone()));
    let category_href = format!("/categories/{}", product.category.slug);
    let category = category_name(&product.category, locale).to_owned();
    let offer_count = product.offers.len() as u64;
    let best = product
        .offers
        .first()
        .filter(|offer| offer.available > 0)
        .map(|offer| {
            let compare = count_text(locale, offer_count, Msg::CompareOffersOne, Msg::CompareOffersMany);
            view! {
                <p class="product-best">
                    <span class="product-best-label">{locale.t(Msg::FromPrice)}</span>" "
                    <span class="price price-large">{format_price(offer.total_cents, locale)}</span>" "
                    <span class="tile-price-note">{locale.t(Msg::DeliveryIncluded)}</span>
                </p>
                <a class="button button-primary" href="#offers">{compare}</a>
            }
        });
    view! {
        <Title text=product.title.clone() />
        <Meta name="description" content=description />
        <Link rel="canonical" href=canonical />
        <script type="application/ld+json" inner_html=json_ld></script>
        <article class="container product-page">
            {crumbs}
            <div class="product-hero">
                <img
                    class="product-image"
                    src=product_image_src(&product.id)
                    alt=product.title.clone()
                    width="640"
                    height="640"
                />
                <div class="product-summary">
                    <p class="product-brand">{product.brand.clone()}</p>
                    <h1 class="product-title">{product.title.clone()}</h1>
                    {best}
                    <wish::WishButton product_id=product.id.clone() back=back.clone() context=context.clone() wished />
                    <dl class="details product-facts">
                        <dt>{locale.t(Msg::Brand)}</dt>
                        <dd>{product.brand.clone()}</dd>
                        <dt>{locale.t(Msg::Gtin)}</dt>
                        <dd>{crate::format::printed_gtin(&product.gtin).to_owned()}</dd>
                        <dt>{locale.t(Msg::Category)}</dt>
                        <dd><a href=category_href>{category}</a></dd>
                    </dl>
                    <pickup::PickupNearby
                        offers=product.offers.clone()
                        place
                        near
                        path=pickup_path
                    />
                </div>
            </div>
            {(!product.description.trim().is_empty()).then(|| view! {
                <section class="product-description">
                    <h2>{locale.t(Msg::Description)}</h2>
                    <p>{product.description.clone()}</p>
                </section>
            })}
            <offers::Offers
                offers=product.offers
                csrf=context.csrf_token.clone()
                flash=context.flash_for("add_to_cart")
                back
            />
        </article>
    }
    .into_any()
}
