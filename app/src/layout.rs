//! The frame of every page: a header with search, cart and account menu; a footer with
//! the language switch.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use crate::context::{PageContext, use_locale, use_page};
use crate::format::count_text;
use crate::i18n::{BuyMsg, Msg, OmniMsg, WalletMsg};

/// The site header.
#[component]
pub fn Header() -> impl IntoView {
    let locale = use_locale();
    let page = use_page();
    // On the search page, the box shows what was searched.
    let query = use_query_map();
    let location = use_location();
    let terms = move || {
        (location.pathname.read().as_str() == "/search")
            .then(|| query.read().get("q"))
            .flatten()
            .unwrap_or_default()
    };
    view! {
        <header class="site-header">
            <div class="container header-row">
                <a class="brand" href="/" aria-label="Halles">
                    <span class="brand-mark" aria-hidden="true">"H"</span>
                    <span class="brand-text">
                        <span class="brand-name">"Halles"</span>
                        <span class="brand-tagline">{locale.t(Msg::Tagline)}</span>
                    </span>
                </a>
                <form class="search-form" method="get" action="/search" role="search">
                    <label class="visually-hidden" for="site-search">{locale.t(Msg::SearchButton)}</label>
                    <input
                        id="site-search"
                        type="search"
                        name="q"
                        placeholder=locale.t(Msg::SearchPlaceholder)
                        autocomplete="off"
                        value=terms
                    />
                    <button type="submit" class="button button-primary">{locale.t(Msg::SearchButton)}</button>
                </form>
                <nav class="header-actions" aria-label=locale.t(Msg::AccountMenu)>
                    <CartLink count=page.cart_count />
                    <AccountMenu page />
                </nav>
            </div>
        </header>
    }
}

/// The cart link, with a badge counting the units in the cart.
#[component]
fn CartLink(count: u32) -> impl IntoView {
    let locale = use_locale();
    let label = (count > 0).then(|| {
        count_text(
            locale,
            u64::from(count),
            BuyMsg::CartCountOne.into(),
            BuyMsg::CartCountMany.into(),
        )
    });
    view! {
        <a class="header-link cart-link" href="/cart" aria-label=label>
            <span class="cart-icon">
                <CartIcon />
                {(count > 0).then(|| view! {
                    <span class="cart-badge" aria-hidden="true">{if count > 99 { "99+".to_owned() } else { count.to_string() }}</span>
                })}
            </span>
            <span>{locale.t(Msg::Cart)}</span>
        </a>
    }
}

/// Where the log-in link leads: back to this page afterwards, when it is worth it.
fn login_href(path: &str) -> String {
    if matches!(path, "/" | "/login" | "/signup" | "") {
        "/login".to_owned()
    } else {
        let next: String = path
            .bytes()
            .map(|byte| match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                    (byte as char).to_string()
                }
                other => format!("%{other:02X}"),
            })
            .collect();
        format!("/login?next={next}")
    }
}

/// Log-in links for visitors; a menu with the account and log-out for members. Built on
/// `<details>` so it opens without JavaScript.
#[component]
fn AccountMenu(page: PageContext) -> impl IntoView {
    let locale = use_locale();
    let location = use_location();
    match page.user {
        None => view! {
            <a class="header-link" href=move || login_href(&location.pathname.get())>{locale.t(Msg::LogIn)}</a>
            <a class="button button-secondary" href="/signup">{locale.t(Msg::SignUp)}</a>
        }
        .into_any(),
        Some(user) => {
            let first_name = user
                .name
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned();
            view! {
                <details class="account-menu">
                    <summary class="header-link">
                        <span class="avatar" aria-hidden="true">{initial(&user.name)}</span>
                        <span>{first_name}</span>
                    </summary>
                    <div class="menu" role="menu">
                        <p class="menu-email">{user.email.clone()}</p>
                        <a role="menuitem" href="/account">{locale.t(Msg::Account)}</a>
                        <a role="menuitem" href="/wallet">{locale.t(WalletMsg::AccountLink)}</a>
                        <a role="menuitem" href="/wishlist">{locale.t(OmniMsg::WishlistTitle)}</a>
                        <form method="post" action="/logout">
                            <input type="hidden" name="csrf" value=page.csrf_token />
                            <button role="menuitem" type="submit" class="menu-button">{locale.t(Msg::LogOut)}</button>
                        </form>
                    </div>
                </details>
            }
            .into_any()
        }
    }
}

fn initial(name: &str) -> String {
    name.chars()
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default()
}

#[component]
fn CartIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M3 4h2l2.4 11.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 2-1.5L21 8H6.2" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
            <circle cx="10" cy="20" r="1.4" fill="currentColor" />
            <circle cx="17" cy="20" r="1.4" fill="currentColor" />
        </svg>
    }
}

/// The site footer.
#[component]
pub fn Footer() -> impl IntoView {
    let locale = use_locale();
    let other = locale.other();
    view! {
        <footer class="site-footer">
            <div class="container footer-row">
                <nav class="footer-links">
                    <a href="/#promises">{locale.t(Msg::FooterAbout)}</a>
                    <a href="/#sellers">{locale.t(Msg::FooterSellers)}</a>
                </nav>
                <p class="footer-language">
                    <span>{locale.t(Msg::SwitchLanguage)}" : "</span>
                    <a href=format!("?lang={}", other.tag()) rel="external" hreflang=other.tag() lang=other.tag()>
                        {other.t(Msg::LanguageName)}
                    </a>
                </p>
                <p class="footer-rights">{locale.t(Msg::FooterRights)}</p>
            </div>
        </footer>
    }
}
