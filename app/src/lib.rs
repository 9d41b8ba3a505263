//! The Halles storefront in Leptos: rendered on the server, usable without JavaScript;
//! the few interactive pieces are islands (`#[island]`) that hydrate in the browser.
//!
//! - [`shell`] and [`App`]: the HTML document and the router.
//! - [`i18n`]: every visible string, French and English.
//! - [`context`]: what a page knows of the request (user, form token, flash).
//! - `convert` (server only): service views → API types, shared with the JSON API.
//! - [`catalog`]: the catalog's server functions (search, products, shops, categories).
//! - [`buying`]: the buying pages' server functions (cart, checkout, payment, orders).
//! - `analytics` (server only): the visitor of a request, and recording funnel events.
//! - [`format`]: prices, counts and ratings as each language writes them.
//! - [`query`]: query strings of catalog links (facets, sort, pages).
//! - [`components`]: pieces several pages share (product and shop tiles, notices).
//! - [`layout`]: header and footer.
//! - [`pages`]: one module per page.
//!
//! The Leptos prelude is the one glob import we allow: the `view!` macro needs its
//! traits in scope.

#[cfg(feature = "ssr")]
pub mod analytics;
pub mod buying;
pub mod catalog;
pub mod components;
pub mod context;
#[cfg(feature = "ssr")]
pub mod convert;
pub mod format;
pub mod i18n;
pub mod layout;
mod live;
pub mod omni;
pub mod pages;
pub mod query;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::context::{SiteAssets, request_page_context};
use crate::i18n::{Locale, Msg};
use crate::layout::{Footer, Header};
use crate::pages::{
    AccountPage, CartPage, CategoryPage, CheckoutPage, HomePage, LoginPage, NotFoundPage,
    OrderPage, PayPage, ProductPage, SearchPage, ShopPage, SignupPage, WalletPage, WishlistPage,
};

/// The HTML document around the app. Runs on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    adopt_the_request_nonce();
    // Islands: what the page's resources loaded is written into the HTML and never
    // serialized for a hydration that only islands do (the islands loader says the same,
    // but only when the site is built).
    if let Some(shared) = Owner::current_shared_context() {
        shared.set_is_hydrating(false);
    }
    let locale = request_locale();
    let assets = use_context::<SiteAssets>().unwrap_or(SiteAssets {
        stylesheet_href: "/assets/halles.css".into(),
        favicon_href: "/assets/favicon.svg".into(),
        hydrate: false,
    });
    view! {
        <!DOCTYPE html>
        <html lang=locale.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#1f4d3a" />
                <link rel="stylesheet" href=assets.stylesheet_href />
                <link rel="icon" type="image/svg+xml" href=assets.favicon_href />
                {assets.hydrate.then(|| view! { <HydrationScripts options islands=true /> })}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Puts the nonce the server's security headers named in this page's policy on the
/// page's scripts (Leptos' hydration scripts read it from the context), in place of the
/// one leptos_axum made up, which no header names.
#[cfg(feature = "ssr")]
fn adopt_the_request_nonce() {
    let nonce = context::with_request(|parts| parts.extensions.get::<Nonce>().cloned()).flatten();
    if let Some(nonce) = nonce {
        provide_context(nonce);
    }
}

/// The `<title>` as written into the page. On the server leptos_meta writes the text
/// as it is between `<title>` and `</title>`, so a product named `</title><script>…`
/// would end the element and add markup: the server escapes it (the browser decodes the
/// entities back for display). In the browser the text is set as `document.title`,
/// which is never parsed, so it stays as it is.
fn title_text(text: String) -> String {
    if cfg!(feature = "ssr") {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        text
    }
}

/// Every page waits for its page context on the server (partially blocked streaming), so
/// the header and forms arrive complete in the HTML, with or without JavaScript.
const BLOCKED: SsrMode = SsrMode::PartiallyBlocked;

/// Pages whose status depends on their data (301 to the canonical URL, 404, 400) render
/// whole before the first byte, so the status is always the one the data decided.
const WHOLE: SsrMode = SsrMode::Async;

/// The storefront: layout around the routed page.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = request_locale();
    provide_context(locale);
    provide_context(request_page_context());

    view! {
        <Title formatter=|title: String| title_text(if title.is_empty() { "Halles".to_owned() } else { format!("{title} · Halles") }) />
        <Router>
            <div class="app" data-hydrated="false">
                <a class="skip-link" href="#main">{locale.t(Msg::SkipToContent)}</a>
                <Header />
                <main id="main" class="main">
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage ssr=BLOCKED />
                        <Route path=path!("/login") view=LoginPage ssr=BLOCKED />
                        <Route path=path!("/signup") view=SignupPage ssr=BLOCKED />
                        <Route path=path!("/account") view=AccountPage ssr=BLOCKED />
                        <Route path=path!("/cart") view=CartPage ssr=BLOCKED />
                        <Route path=path!("/checkout") view=CheckoutPage ssr=BLOCKED />
                        <Route path=path!("/pay/:id") view=PayPage ssr=WHOLE />
                        <Route path=path!("/orders/:id") view=OrderPage ssr=WHOLE />
                        <Route path=path!("/wallet") view=WalletPage ssr=WHOLE />
                        <Route path=path!("/wishlist") view=WishlistPage ssr=BLOCKED />
                        <Route path=path!("/search") view=SearchPage ssr=WHOLE />
                        <Route path=path!("/categories/:slug") view=CategoryPage ssr=WHOLE />
                        <Route path=path!("/products/:id") view=ProductPage ssr=WHOLE />
                        <Route path=path!("/products/:id/:slug") view=ProductPage ssr=WHOLE />
                        <Route path=path!("/shops/:slug") view=ShopPage ssr=WHOLE />
                    </Routes>
                </main>
                <Footer />
                <live::LiveMark />
            </div>
        </Router>
    }
}

/// The language of this request: set by the server from `?lang=` or the language cookie,
/// read back from `<html lang>` in the browser so islands render the same text.
pub(crate) fn request_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        context::with_request(|parts| parts.extensions.get::<Locale>().copied())
            .flatten()
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|tag| Locale::from_tag(&tag))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Locale::default()
    }
}
