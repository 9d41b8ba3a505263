//! Every offer on a product, best first (the service orders them): who sells it and how
//! well rated, its condition, price, delivery and total, the cashback one unit earns, stock,
//! and where to collect it.
//!
//! - [`report`]: "Signaler cette offre" under each offer.

mod report;

use api_types::catalog::{PickupStore, ProductOffer};
use leptos::prelude::*;

use crate::components::Rating;
use crate::context::{Flash, use_locale, use_page};
use crate::format::{
    cashback_earned, condition_name, count_text, delivery_line, format_price, ready_in, store_place,
};
use crate::i18n::{BuyMsg, Msg};
use report::{ReportOffer, ReportOutcome};

/// Below this many units, the stock line says how many are left.
const LOW_STOCK: u32 = 3;

/// The offers section. `back` is the product page, where a refused add comes back to.
#[component]
pub fn Offers(
    offers: Vec<ProductOffer>,
    csrf: String,
    flash: Option<Flash>,
    back: String,
) -> AnyView {
    let locale = use_locale();
    // Reading the page context here keeps the report's flash beside the add-to-cart one
    // without another prop.
    let page = use_page();
    let signed_in = page.user.is_some();
    let report_flash = page
        .flash
        .filter(|flash| [report::REFUSED, report::SENT].contains(&flash.form.as_str()));
    let body = if offers.is_empty() {
        view! { <p class="card empty-state">{locale.t(Msg::NoOffers)}</p> }.into_any()
    } else {
        let rows = offers
            .into_iter()
            .enumerate()
            .map(|(index, offer)| {
                let error = flash
                    .as_ref()
                    .filter(|flash| flash.is_error() && flash.value("offer_id") == offer.id)
                    .map(|flash| flash.message(locale));
                let report = ReportOutcome::of(report_flash.as_ref(), &offer.id);
                view! { <OfferRow offer best=index == 0 csrf=csrf.clone() back=back.clone() error report signed_in /> }
            })
            .collect_view();
        view! { <ol class="offer-list">{rows}</ol> }.into_any()
    };
    view! {
        <section id="offers" class="offers" aria-labelledby="offers-title">
            <h2 id="offers-title">{locale.t(Msg::OffersTitle)}</h2>
            {body}
        </section>
    }
    .into_any()
}

#[component]
fn OfferRow(
    offer: ProductOffer,
    best: bool,
    csrf: String,
    back: String,
    error: Option<&'static str>,
    report: Option<ReportOutcome>,
    signed_in: bool,
) -> AnyView {
    let locale = use_locale();
    let in_stock = offer.available > 0;
    let stock = match offer.available {
        0 => locale.t(Msg::SoldOut).to_owned(),
        n if n <= LOW_STOCK => {
            count_text(locale, u64::from(n), Msg::StockLowOne, Msg::StockLowMany)
        }
        _ => locale.t(Msg::InStock).to_owned(),
    };
    let note = (!offer.description.trim().is_empty())
        .then(|| view! { <p class="offer-note">{offer.description.clone()}</p> });
    view! {
        <li id=format!("offer-{}", offer.id) class="card offer" class:offer-best=best && in_stock class:offer-sold-out=!in_stock>
            <div class="offer-seller">
                {(best && in_stock).then(|| view! { <span class="badge badge-best">{locale.t(Msg::BestOffer)}</span> })}
                <a class="offer-shop" href=format!("/shops/{}", offer.shop.slug)>{offer.shop.name.clone()}</a>
                <Rating rating_centi=offer.shop.rating_centi rating_count=offer.shop.rating_count />
            </div>
            <div class="offer-terms">
                <p class="offer-condition">{condition_name(&offer.condition, locale)}</p>
                {note}
                <p class="offer-delivery">{delivery_line(offer.delivery.price_cents, offer.delivery.days, locale)}</p>
                <p class="offer-stock" class:in-stock=in_stock class:sold-out=!in_stock>{stock}</p>
                <Pickup stores=offer.pickup_stores />
            </div>
            <div class="offer-price">
                <p class="price price-large">{format_price(offer.price_cents, locale)}</p>
                <p class="offer-total">{locale.t(Msg::Total)}" "{format_price(offer.total_cents, locale)}</p>
                {cashback_earned(offer.cashback_cents, locale).map(|text| view! { <p class="cashback-earn">{text}</p> })}
                <AddToCart offer_id=offer.id.clone() available=offer.available csrf=csrf.clone() back=back.clone() error />
            </div>
            <ReportOffer offer_id=offer.id.clone() csrf back outcome=report signed_in />
        </li>
    }
    .into_any()
}

/// The add-to-cart form of an offer: a quantity and the button, disabled when sold out.
#[component]
fn AddToCart(
    offer_id: String,
    available: u32,
    csrf: String,
    back: String,
    error: Option<&'static str>,
) -> impl IntoView {
    let locale = use_locale();
    let quantity_id = format!("qty-{offer_id}");
    let error_id = format!("{quantity_id}-error");
    let sold_out = available == 0;
    view! {
        <form class="add-to-cart" method="post" action="/cart/items">
            <input type="hidden" name="csrf" value=csrf />
            <input type="hidden" name="offer_id" value=offer_id />
            <input type="hidden" name="back" value=back />
            {(!sold_out).then(|| view! {
                <label class="visually-hidden" for=quantity_id.clone()>{locale.t(BuyMsg::QuantityLabel)}</label>
                <input
                    id=quantity_id.clone()
                    class="qty-input"
                    type="number"
                    name="quantity"
                    inputmode="numeric"
                    min="1"
                    max=available.min(999).to_string()
                    value="1"
                    required=true
                    aria-invalid=error.is_some().then_some("true")
                    aria-describedby=error.is_some().then_some(error_id.clone())
                />
            })}
            <button type="submit" class="button button-primary" disabled=sold_out>
                {locale.t(if sold_out { Msg::SoldOut } else { Msg::Buy(BuyMsg::AddToCart) })}
            </button>
            {error.map(|message| view! { <p class="field-error" id=error_id role="alert">{message}</p> })}
        </form>
    }
}

/// `Retrait gratuit dans 2 magasins : Rivoli (Paris 1er), …`, unfolding to each store's
/// hours and preparation time.
#[component]
fn Pickup(stores: Vec<PickupStore>) -> AnyView {
    let locale = use_locale();
    (!stores.is_empty()).then(|| {
        let names = stores
            .iter()
            .map(|s| format!("{} ({})", s.name, store_place(&s.city, &s.postcode)))
            .collect::<Vec<_>>()
            .join(", ");
        let lead = count_text(
            locale,
            stores.len() as u64,
            Msg::PickupInStoresOne,
            Msg::PickupInStoresMany,
        );
        let items = stores
            .into_iter()
            .map(|store| {
                view! {
                    <li>
                        <strong>{store.name}</strong>" · "{store.postcode}" "{store.city}
                        <br />
                        <span class="hint">{store.opening_hours}" · "{ready_in(store.preparation_minutes, locale)}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <details class="offer-pickup">
                <summary>{lead}{names}</summary>
                <ul class="pickup-stores">{items}</ul>
            </details>
        }
    })
    .into_any()
}
