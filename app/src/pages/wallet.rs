//! `/wallet`: the shopper's cashback: the available and pending balances, when each
//! pending amount becomes available and which order and shop it comes from, what expires
//! next, and the history of the wallet's ledger lines. A visitor who is not logged in is
//! sent to log in and comes back here after.
//!
//! - [`model`]: what to show, worked out from the wallet (plain functions, tested).
//! - [`sections`]: the page's blocks.

mod model;
mod sections;

use api_types::buying::Wallet;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::buying::{BuyingError, load_wallet};
use crate::components::{Loading, SeeOther};
use crate::context::use_locale;
use crate::i18n::{Locale, Msg, WalletMsg};

/// Where a visitor without a session goes (the log-in page brings them back).
const LOGIN: &str = "/login?next=/wallet";

#[component]
pub fn WalletPage() -> impl IntoView {
    let locale = use_locale();
    let data = Resource::new_blocking(|| (), |()| load_wallet());
    view! {
        <Title text=locale.t(WalletMsg::Title) />
        <Meta name="robots" content="noindex" />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(wallet) => wallet_body(locale, wallet),
                    Err(BuyingError::LoginNeeded) => {
                        view! { <SeeOther href=LOGIN.to_owned() /> }.into_any()
                    }
                    Err(_) => view! {
                        <section class="container wallet-page">
                            <h1>{locale.t(WalletMsg::Title)}</h1>
                            <p class="notice notice-error" role="alert">{locale.t(Msg::LoadError)}</p>
                        </section>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

fn wallet_body(locale: Locale, wallet: Wallet) -> AnyView {
    let body = if model::is_empty(&wallet) {
        view! {
            <div class="card empty-state wallet-empty">
                <p class="empty-title">{locale.t(WalletMsg::EmptyTitle)}</p>
                <p class="wallet-empty-text">{locale.t(WalletMsg::EmptyText)}</p>
                <a class="button button-primary" href="/">{locale.t(WalletMsg::EmptySpend)}</a>
            </div>
        }
        .into_any()
    } else {
        view! {
            {sections::expiries(locale, &wallet)}
            {sections::pending(locale, &wallet)}
            {sections::history(locale, &wallet)}
        }
        .into_any()
    };
    view! {
        <section class="container wallet-page">
            <h1>{locale.t(WalletMsg::Title)}</h1>
            <p class="wallet-intro">{locale.t(WalletMsg::Intro)}</p>
            {sections::balances(locale, &wallet)}
            {body}
        </section>
    }
    .into_any()
}
