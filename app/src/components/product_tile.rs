//! A product in a grid: image, brand, title, best offer total, condition, how many offers,
//! and who sells the best one.

use api_types::catalog::ProductCard;
use leptos::prelude::*;

use crate::context::use_locale;
use crate::format::{cashback_earned, condition_name, count_text, format_price};
use crate::i18n::Msg;

/// The product page of a product: `/products/{id}/{slug}`.
pub fn product_href(id: &str, slug: &str) -> String {
    format!("/products/{id}/{slug}")
}

/// The image of a product, or the placeholder the server generates for it.
pub fn product_image_src(id: &str) -> String {
    format!("/images/products/{id}")
}

/// One product of a grid, as a list item.
#[component]
pub fn ProductTile(card: ProductCard) -> AnyView {
    let locale = use_locale();
    let href = product_href(&card.id, &card.slug);
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
        </li>
    }
    .into_any()
}
