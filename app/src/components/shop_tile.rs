//! A shop in a list: its colour, name, rating and pitch. Also the rules for a shop's
//! colour, which comes from the seller and so is checked before it reaches a `style`.

use api_types::catalog::ShopCard;
use leptos::prelude::*;

use crate::context::use_locale;
use crate::format::format_rating;
use crate::i18n::Msg;

/// The colour used when a shop's own is missing or not a `#rgb`/`#rrggbb` colour.
const DEFAULT_COLOR: &str = "#1f4d3a";

/// The shop's colour if it is a plain hex colour, else the house green: anything else
/// could smuggle CSS into a `style` attribute.
pub fn safe_color(raw: &str) -> String {
    let raw = raw.trim();
    let hex = raw.strip_prefix('#').unwrap_or_default();
    if matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        raw.to_ascii_lowercase()
    } else {
        DEFAULT_COLOR.to_owned()
    }
}

/// The text colour that reads on `color` (a [`safe_color`]): white on dark, ink on light.
pub fn banner_ink(color: &str) -> &'static str {
    let hex = color.trim_start_matches('#');
    let channel = |i: usize| -> f64 {
        let pair = if hex.len() == 3 {
            hex.get(i..=i).map(|digit| digit.repeat(2))
        } else {
            hex.get(2 * i..2 * i + 2).map(str::to_owned)
        };
        let value = pair
            .and_then(|pair| u8::from_str_radix(&pair, 16).ok())
            .unwrap_or(0);
        let c = f64::from(value) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
    // White text contrast is (1.05) / (L + 0.05); ink (#1d2321, L≈0.016) is (L + 0.05) / 0.066.
    if 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.066 {
        "#ffffff"
    } else {
        "#1d2321"
    }
}

/// `★ 4,6 (123 avis)`, with the star hidden from screen readers and the scale said.
#[component]
pub fn Rating(rating_centi: u32, rating_count: u32) -> AnyView {
    let locale = use_locale();
    let rated = rating_count > 0;
    view! {
        <span class="rating">
            {rated.then(|| view! {
                <span class="rating-star" aria-hidden="true">"★ "</span>
                <span class="visually-hidden">{locale.t(Msg::RatingOutOfFive)}" "</span>
            })}
            {format_rating(rating_centi, rating_count, locale)}
        </span>
    }
    .into_any()
}

/// One shop of a list, as a list item.
#[component]
pub fn ShopTile(shop: ShopCard) -> AnyView {
    let color = safe_color(&shop.banner_color);
    let style = format!("background:{color};color:{}", banner_ink(&color));
    let initial = shop
        .name
        .chars()
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    view! {
        <li class="tile shop-tile">
            <a class="tile-link shop-tile-link" href=format!("/shops/{}", shop.slug)>
                <span class="shop-swatch" style=style aria-hidden="true">{initial}</span>
                <span class="shop-tile-name">{shop.name}</span>
            </a>
            <Rating rating_centi=shop.rating_centi rating_count=shop.rating_count />
            <p class="shop-tile-pitch">{shop.description}</p>
        </li>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::{banner_ink, safe_color};

    #[test]
    fn only_hex_colours_reach_a_style() {
        assert_eq!(safe_color("#B4481F"), "#b4481f");
        assert_eq!(safe_color("#abc"), "#abc");
        assert_eq!(safe_color("red;background:url(x)"), "#1f4d3a");
        assert_eq!(safe_color("#12345"), "#1f4d3a");
        assert_eq!(safe_color(""), "#1f4d3a");
    }

    #[test]
    fn banner_text_contrasts_with_its_colour() {
        assert_eq!(banner_ink("#1f4d3a"), "#ffffff");
        assert_eq!(banner_ink("#000"), "#ffffff");
        assert_eq!(banner_ink("#ffffff"), "#1d2321");
        assert_eq!(banner_ink("#f5d76e"), "#1d2321");
    }
}
