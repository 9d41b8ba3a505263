//! What every page needs to know about the request: who is logged in, the form token,
//! a message left by the last form post. The server fills a [`PageContext`] into the
//! request, and pages read it from there ([`use_page`]); the [`load_page_context`] server
//! function hands the same value to a caller in the browser.

use api_types::{ShopSummary, User};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::{Locale, Msg};

/// The request as a page sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct PageContext {
    pub user: Option<User>,
    pub shop: Option<ShopSummary>,
    /// The token every state-changing form must carry.
    pub csrf_token: String,
    /// What the last form post left for this page (an error and the values to refill).
    pub flash: Option<Flash>,
    /// Units in the visitor's cart (account or guest cookie), for the header badge.
    #[serde(default)]
    pub cart_count: u32,
}

/// The secret of a guest's cart cookie, put in the request extensions by the server for
/// the buying server functions. Never sent to the page: the cookie is `HttpOnly`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuestCart(pub String);

/// A form's outcome carried across the redirect that follows a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Flash {
    /// Which form it is for (`login`, `signup`, `add_to_cart`, `cart`, `checkout`, `pay`,
    /// `order`); a form's success notes use the same carrier with an empty `error`.
    pub form: String,
    /// The error code, as the API would send it.
    pub error: String,
    /// The field at fault, if any.
    pub field: Option<String>,
    /// Values to put back in the form (never passwords).
    pub values: Vec<(String, String)>,
}

impl Flash {
    /// Whether this flash reports an error (an empty code is a success note).
    pub fn is_error(&self) -> bool {
        !self.error.is_empty()
    }

    /// The error, in words, for the field it blames.
    pub fn message(&self, locale: Locale) -> &'static str {
        locale.t(Msg::for_error(&self.error, self.field.as_deref()))
    }

    /// The error message when it blames `field`.
    pub fn error_for(&self, locale: Locale, field: &str) -> Option<&'static str> {
        (self.is_error() && self.field.as_deref() == Some(field)).then(|| self.message(locale))
    }

    /// The value to refill `name` with.
    pub fn value(&self, name: &str) -> String {
        self.values
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    }
}

impl PageContext {
    /// The flash left for `form`, if it is that form's.
    pub fn flash_for(&self, form: &str) -> Option<Flash> {
        self.flash.clone().filter(|flash| flash.form == form)
    }
}

/// Whether hydration is enabled and where the stylesheet is: provided by the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteAssets {
    pub stylesheet_href: String,
    pub favicon_href: String,
    pub hydrate: bool,
}

/// Hands the request's [`PageContext`] to a caller in the browser. Only ever the caller's
/// own data.
#[server(prefix = "/_fn", endpoint = "page_context")]
pub async fn load_page_context() -> Result<PageContext, ServerFnError> {
    Ok(request_page_context())
}

/// Reads the request being rendered without copying it: `use_context` would clone every
/// header and extension of it, and pages read it several times each.
#[cfg(feature = "ssr")]
pub fn with_request<R>(read: impl FnOnce(&http::request::Parts) -> R) -> Option<R> {
    with_context::<http::request::Parts, R>(read)
}

/// The signed-in caller's id, from the session the server resolved (never from anything
/// the browser sent).
#[cfg(feature = "ssr")]
pub fn request_user_id() -> Option<String> {
    with_request(|parts| {
        let page = parts.extensions.get::<PageContext>()?;
        page.user.as_ref().map(|user| user.id.clone())
    })
    .flatten()
}

/// The request's page context, as the server filled it (empty when there is none, which
/// only a build without `ssr` sees).
pub fn request_page_context() -> PageContext {
    #[cfg(feature = "ssr")]
    {
        with_request(|parts| parts.extensions.get::<PageContext>().cloned())
            .flatten()
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        PageContext::default()
    }
}

/// The page context of the current page: read from the request once, when the app
/// starts rendering, with no waiting (a page is rendered on the server only).
pub fn use_page() -> PageContext {
    use_context::<PageContext>().unwrap_or_default()
}

/// The current language. Islands hydrate without the server's context, so in the
/// browser it is read back from `<html lang>`, which the server wrote from the same value.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_else(crate::request_locale)
}

/// Whether this island is live in the browser: `false` on the server and while the
/// island hydrates (so both render the same HTML), `true` right after. Controls that
/// only work with the wasm loaded are shown under it.
pub fn use_live() -> ReadSignal<bool> {
    let (live, set_live) = signal(false);
    // Effects run only in the browser.
    Effect::new(move |_| set_live.set(true));
    live
}
