//! A product in a grid: image, brand, title, best offer total, condition, how many offers,
//! and who sells the best one.

use api_types::catalog::ProductCard;
use leptos::prelude::*;

use crate::context::use_locale;
use crate::format::{
    cashback_earned, condition_name, count_text, format_distance, format_price, ready_in,
};
use crate::i18n::Msg;

/// The product page of a product: `/products/{id}/{slug}`.
pub fn product_href(id: &str, slug: &str) -> String {
    format!("/products/{id}/{slug}")
}

/// The image of a product, or the placeholder the server generates for it.
pub fn product_image_src(id: &str) -> String {
    format!("/images/products/{id}")
}

/// One product of a grid, as a list item. With `near` (the postcode a click & collect
/// search was made from), the tile names the nearest store that holds the product and its
/// link opens the product page with its stores ranked from that postcode.
#[component]
pub fn ProductTile(card: ProductCard, #[prop(optional_no_strip)] near: Option<String>) -> AnyView {
    let locale = use_locale();
    let href = match &near {
        Some(postcode) => format!("{}?near={postcode}", product_href(&card.id, &card.slug)),
        None => product_href(&card.id, &card.slug),
    };
    let nearest = card.nearest_pickup.map(|store| {
        let distance = locale
            .t(Msg::PickupNearestStore)
            .replace("{km}", &format_distance(store.distance_km, locale));
        view! {
            <p class="tile-pickup">
                {distance}
                <strong>{store.store_name}</strong>
                {format!(", {} · {}", store.city, ready_in(store.ready_in_minutes, locale))}
            </p>
        }
    });
    let offers = count_text(
        locale,
        u64::from(card.offer_count),
        Msg::OfferCountOne,
        Msg::OfferCountMany,
    );
    let best = card.best_offer.map(|offer| {
        view! {
            <p class="tile-price">
                <span class="price">{format_price(offer.total_cents, locale)}</span>
                <span class="tile-price-note">{locale.t(Msg::DeliveryIncluded)}</span>
            </p>
            <p class="tile-meta">{condition_name(&offer.condition, locale)}" · "{offers}</p>
            {cashback_earned(offer.cashback_cents, locale).map(|text| view! { <p class="tile-cashback cashback-earn">{text}</p> })}
            <p class="tile-seller">
                {locale.t(Msg::SoldBy)}" "
                <a href=format!("/shops/{}", offer.shop_slug)>{offer.shop_name}</a>
            </p>
        }
    });
    view! {
        <li class="tile product-tile">
            <a class="tile-link" href=href>
                <img
                    class="tile-image"
                    src=product_image_src(&card.id)
                    alt=card.title.clone()
                    loading="lazy"
                    width="320"
                    height="320"
                />
                <span class="tile-brand">{card.brand}</span>
                <h3 class="tile-title">{card.title}</h3>
            </a>
            {best}
            {nearest}
        </li>
    }
    .into_any()
}
