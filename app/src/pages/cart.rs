//! `/cart`: the shopper's cart, grouped by shop, with each line's state against the live
//! offer, and the way to checkout. Every change is a plain form post.
//!
//! - [`line`]: one line: quantity, removal, and what changed since it was added.
//! - [`summary`]: the totals box and the checkout button.
//! - [`till`]: the code that hands the cart to a store's till.

mod line;
mod summary;
mod till;

use api_types::buying::{Cart, CartShop};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::buying::load_cart;
use crate::components::Loading;
use crate::context::{Flash, PageContext, use_locale, use_page};
use crate::format::{count_text, fill, format_price};
use crate::i18n::{BuyMsg, Locale, Msg};

/// Line states that must be dealt with before checkout.
pub fn blocks_checkout(state: &str) -> bool {
    matches!(
        state,
        "sold_out" | "unavailable" | "low_stock" | "price_changed"
    )
}

#[component]
pub fn CartPage() -> impl IntoView {
    let locale = use_locale();
    let cart = Resource::new_blocking(|| (), |()| load_cart());
    view! {
        <Title text=locale.t(Msg::CartTitle) />
        <Meta name="robots" content="noindex" />
        <section class="container cart-page">
            <h1>{locale.t(Msg::CartTitle)}</h1>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    let context = use_page();
                    match cart.await {
                        Ok(cart) => cart_body(locale, cart, context),
                        Err(_) => view! {
                            <p class="notice notice-error" role="alert">{locale.t(Msg::LoadError)}</p>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

fn cart_body(locale: Locale, cart: Cart, context: PageContext) -> AnyView {
    let flash = context.flash.clone();
    let added = flash
        .as_ref()
        .filter(|flash| flash.form == "cart_added")
        .map(|flash| flash.value("offer"))
        .and_then(|offer| {
            cart.shops
                .iter()
                .flat_map(|shop| shop.items.iter())
                .find(|item| item.offer_id == offer)
                .map(|item| item.title.clone())
        });
    let line_error = flash.filter(|flash| flash.form == "cart" && flash.is_error());
    let form_error = line_error
        .as_ref()
        .filter(|flash| flash.value("item").is_empty())
        .map(|flash| flash.message(locale));
    let top = view! {
        {added.map(|title| view! {
            <p class="notice notice-success" role="status">{locale.t(BuyMsg::AddedToCart)}" "<strong>{title}</strong></p>
        })}
        {form_error.map(|message| view! { <p class="notice notice-error" role="alert">{message}</p> })}
        {(!cart.notices.is_empty()).then(|| view! {
            <div class="notice notice-info" role="status">
                <p class="notice-title">{locale.t(BuyMsg::CartNoticesTitle)}</p>
                <ul>{cart.notices.iter().map(|notice| view! { <li>{notice.clone()}</li> }).collect_view()}</ul>
            </div>
        })}
    };
    if cart.shops.is_empty() {
        return view! {
            {top}
            <div class="card empty-state">
                <p class="empty-title">{locale.t(Msg::CartEmpty)}</p>
                <p>{locale.t(Msg::CartEmptyHint)}</p>
                <a class="button button-primary" href="/">{locale.t(Msg::ContinueShopping)}</a>
            </div>
        }
        .into_any();
    }
    let count = count_text(
        locale,
        u64::from(cart.item_count),
        BuyMsg::ItemsOne.into(),
        BuyMsg::ItemsMany.into(),
    );
    let blocked = cart
        .shops
        .iter()
        .flat_map(|shop| shop.items.iter())
        .any(|item| blocks_checkout(&item.state));
    let shops = cart
        .shops
        .iter()
        .cloned()
        .map(|shop| shop_block(locale, shop, &context, line_error.as_ref()))
        .collect_view();
    view! {
        <p class="lead cart-count">{count}</p>
        {top}
        <div class="cart-layout">
            <div class="cart-shops">{shops}</div>
            <div class="cart-side">
                <summary::Summary cart blocked />
                <till::TillHandoff context=context.clone() />
            </div>
        </div>
    }
    .into_any()
}

fn shop_block(
    locale: Locale,
    shop: CartShop,
    context: &PageContext,
    flash: Option<&Flash>,
) -> AnyView {
    let delivery = if shop.shipping_cents == 0 {
        locale.t(BuyMsg::Free).to_owned()
    } else {
        format_price(shop.shipping_cents, locale)
    };
    let free_hint = shop
        .free_shipping_threshold_cents
        .filter(|threshold| shop.subtotal_cents < *threshold && shop.shipping_cents > 0)
        .map(|threshold| {
            let text = fill(
                locale.t(BuyMsg::FreeDeliveryHint),
                "amount",
                &format_price(threshold - shop.subtotal_cents, locale),
            );
            fill(&text, "shop", &shop.shop_name)
        });
    let lines = shop
        .items
        .into_iter()
        .map(|item| {
            let error = flash
                .filter(|flash| flash.value("item") == item.id)
                .map(|flash| flash.message(locale));
            view! { <line::Line item csrf=context.csrf_token.clone() error /> }
        })
        .collect_view();
    view! {
        <section class="card cart-shop" aria-labelledby=format!("shop-{}", shop.shop_id)>
            <header class="cart-shop-head">
                <p class="cart-shop-name" id=format!("shop-{}", shop.shop_id)>
                    <span class="hint">{locale.t(Msg::SoldBy)}" "</span>
                    <a href=format!("/shops/{}", shop.shop_slug)>{shop.shop_name.clone()}</a>
                </p>
                {shop.pickup_available.then(|| view! {
                    <span class="badge badge-pickup">{locale.t(BuyMsg::PickupPossible)}</span>
                })}
            </header>
            <ul class="cart-lines">{lines}</ul>
            <dl class="totals cart-shop-totals">
                <dt>{locale.t(BuyMsg::Subtotal)}</dt>
                <dd>{format_price(shop.subtotal_cents, locale)}</dd>
                <dt>{locale.t(BuyMsg::HomeDelivery)}</dt>
                <dd>{delivery}</dd>
            </dl>
            {free_hint.map(|hint| view! { <p class="free-hint">{hint}</p> })}
        </section>
    }
    .into_any()
}
