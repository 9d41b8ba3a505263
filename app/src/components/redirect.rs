//! Sending the visitor on to another page from a page being rendered.

use leptos::prelude::*;

use crate::context::use_locale;
use crate::i18n::Msg;

/// Sends the visitor on to `href`: a 303 from the server, and a plain link in the page
/// for anyone left in between.
#[component]
pub fn SeeOther(href: String) -> impl IntoView {
    view! { <Redirect href=href permanent=false /> }
}

/// The same, for an address that moved for good: a 301 from the server.
#[component]
pub fn MovedTo(href: String) -> impl IntoView {
    view! { <Redirect href=href permanent=true /> }
}

#[component]
fn Redirect(href: String, permanent: bool) -> impl IntoView {
    let locale = use_locale();
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(location)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&href),
    ) {
        response.set_status(if permanent {
            http::StatusCode::MOVED_PERMANENTLY
        } else {
            http::StatusCode::SEE_OTHER
        });
        response.insert_header(http::header::LOCATION, location);
    }
    // Pages render on the server only; builds without `ssr` just type-check this.
    #[cfg(not(feature = "ssr"))]
    let _ = permanent;
    view! {
        <p class="container loading"><a href=href>{locale.t(Msg::MovedHere)}</a></p>
    }
}
