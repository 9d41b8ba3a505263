//! The states of a catalog page that are not its data: loading, and the errors a
//! [`CatalogError`] names, each with the HTTP status the server answers with.

use leptos::prelude::*;

use crate::catalog::CatalogError;
use crate::context::use_locale;
use crate::i18n::Msg;
use crate::pages::NotFoundPage;

/// Sets the status of the page being rendered on the server; nothing in the browser.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// "Loading…", announced to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    let locale = use_locale();
    view! { <p class="loading container" role="status" aria-busy="true">{locale.t(Msg::Loading)}</p> }
}

/// The message for a search parameter that does not parse.
pub fn bad_parameter_message(field: &str) -> Msg {
    match field {
        "sort" => Msg::BadSort,
        "condition" => Msg::BadCondition,
        "pickup_postcode" => Msg::BadPostcode,
        "min_price_cents" | "max_price_cents" => Msg::BadPrice,
        "page" | "per_page" => Msg::BadPage,
        "q" => Msg::BadQuery,
        _ => Msg::BadParameter,
    }
}

/// What to show instead of a catalog page's data: the 404 page for `NotFound`, a
/// message otherwise. `reset_href` leads back to a search that works.
#[component]
pub fn CatalogErrorNotice(
    error: CatalogError,
    #[prop(optional)] reset_href: Option<String>,
) -> impl IntoView {
    let locale = use_locale();
    match error {
        CatalogError::NotFound => view! { <NotFoundPage /> }.into_any(),
        CatalogError::BadParameter { field } => {
            set_status(400);
            view! {
                <div class="notice notice-error" role="alert">
                    <p>{locale.t(bad_parameter_message(&field))}</p>
                    {reset_href.map(|href| view! {
                        <a class="button button-secondary" href=href>{locale.t(Msg::ResetSearch)}</a>
                    })}
                </div>
            }
            .into_any()
        }
        CatalogError::Unavailable => {
            set_status(503);
            view! {
                <div class="notice notice-error" role="alert">
                    <p>{locale.t(Msg::CatalogUnavailable)}</p>
                </div>
            }
            .into_any()
        }
    }
}
