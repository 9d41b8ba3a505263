//! `/wishlist`: the products the shopper wishes for, newest first, the same list as in
//! the app; each can be taken off. Products no longer on sale stay, marked, so a shopper
//! sees what they saved even when no seller has it today.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::components::{Loading, ProductTile};
use crate::context::{PageContext, use_locale, use_page};
use crate::format::count_text;
use crate::i18n::{Locale, Msg, OmniMsg};
use crate::omni::{WishedProduct, load_wishlist};

#[component]
pub fn WishlistPage() -> impl IntoView {
    let locale = use_locale();
    let list = Resource::new_blocking(|| (), |()| load_wishlist());
    view! {
        <Title text=locale.t(OmniMsg::WishlistTitle) />
        <Meta name="robots" content="noindex" />
        <section class="container wishlist-page">
            <h1>{locale.t(OmniMsg::WishlistTitle)}</h1>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    let context = use_page();
                    match list.await {
                        _ if context.user.is_none() => signed_out(locale),
                        Ok(items) => wishlist_body(locale, items, &context),
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

fn signed_out(locale: Locale) -> AnyView {
    view! {
        <div class="card empty-state">
            <p class="empty-title">{locale.t(OmniMsg::WishlistSignIn)}</p>
            <a class="button button-primary" href="/login?next=%2Fwishlist" rel="external">{locale.t(Msg::LogIn)}</a>
        </div>
    }
    .into_any()
}

fn wishlist_body(locale: Locale, items: Vec<WishedProduct>, context: &PageContext) -> AnyView {
    if items.is_empty() {
        return view! {
            <div class="card empty-state">
                <p class="empty-title">{locale.t(OmniMsg::WishlistEmpty)}</p>
                <p>{locale.t(OmniMsg::WishlistEmptyHint)}</p>
                <a class="button button-primary" href="/">{locale.t(Msg::ContinueShopping)}</a>
            </div>
        }
        .into_any();
    }
    let count = count_text(
        locale,
        items.len() as u64,
        OmniMsg::WishlistCountOne.into(),
        OmniMsg::WishlistCountMany.into(),
    );
    let tiles = items
        .into_iter()
        .map(|item| {
            let remove = view! {
                <form method="post" action=format!("/wishlist/{}/remove", item.product_id) class="wish-remove">
                    <input type="hidden" name="csrf" value=context.csrf_token.clone() />
                    <input type="hidden" name="back" value="/wishlist" />
                    <button type="submit" class="button button-ghost button-small">{locale.t(OmniMsg::WishlistRemove)}</button>
                </form>
            };
            match item.card {
                Some(card) => view! {
                    <li class="wish-item">
                        <ul class="wish-tile"><ProductTile card /></ul>
                        {remove}
                    </li>
                }
                .into_any(),
                None => view! {
                    <li class="wish-item card wish-gone">
                        <p class="hint">{locale.t(OmniMsg::WishlistNotOnSale)}</p>
                        {remove}
                    </li>
                }
                .into_any(),
            }
        })
        .collect_view();
    view! {
        <p class="lead cart-count">{count}</p>
        <ul class="product-grid wish-grid">{tiles}</ul>
    }
    .into_any()
}
