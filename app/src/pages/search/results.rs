//! The results side of a listing: active filters, the sort form, the grid of products,
//! the help shown when nothing matches, and the pages.

use api_types::catalog::{Category, ProductCard, ProductSearchResponse};
use leptos::prelude::*;

use domain::geo::DEFAULT_PICKUP_RADIUS_KM;

use super::facets::{ActiveFilters, PICKUP_RADII_KM};
use super::pagination::Pagination;
use super::{Scope, quoted};
use crate::components::ProductTile;
use crate::context::{use_live, use_locale};
use crate::format::format_distance;
use crate::i18n::Msg;
use crate::query::QueryString;

/// Sorts offered, with their label.
const SORTS: [(&str, Msg); 4] = [
    ("relevance", Msg::SortRelevance),
    ("price_asc", Msg::SortPriceAsc),
    ("price_desc", Msg::SortPriceDesc),
    ("newest", Msg::SortNewest),
];

/// Everything right of the facets.
#[component]
pub fn Results(
    scope: Scope,
    query: QueryString,
    response: ProductSearchResponse,
    categories: Vec<Category>,
) -> AnyView {
    let path = scope.path();
    let last_page = response.total.div_ceil(response.per_page.max(1));
    let body = if response.items.is_empty() {
        view! { <NoResults scope=scope.clone() query=query.clone() total=response.total /> }
            .into_any()
    } else {
        let near = query.get("pickup_postcode").map(str::to_owned);
        view! { <ProductGrid items=response.items near /> }.into_any()
    };
    view! {
        <div class="listing-main">
            <div class="listing-toolbar">
                <ActiveFilters scope=scope query=query.clone() categories />
                <SortForm path=path.clone() query=query.clone() />
            </div>
            {body}
            <Pagination path query page=response.page last_page />
        </div>
    }
    .into_any()
}

/// Products as a grid of tiles; `near` is the postcode of a click & collect search.
#[component]
pub fn ProductGrid(
    items: Vec<ProductCard>,
    #[prop(optional_no_strip)] near: Option<String>,
) -> AnyView {
    let locale = use_locale();
    view! {
        <h2 class="visually-hidden">{locale.t(Msg::Results)}</h2>
        <ul class="product-grid">
            {items
                .into_iter()
                .map(|card| view! { <ProductTile card near=near.clone() /> })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// A GET form with a `<select name="sort">` that keeps the rest of the search. Once the
/// page is live, choosing an order applies it at once and the button steps aside.
#[component]
pub fn SortForm(path: String, query: QueryString) -> AnyView {
    let current = query.get("sort").unwrap_or("relevance").to_owned();
    let hidden = query
        .without("sort")
        .pairs()
        .iter()
        .map(
            |(name, value)| view! { <input type="hidden" name=name.clone() value=value.clone() /> },
        )
        .collect_view();
    view! {
        <form class="sort-form" method="get" action=path>
            {hidden}
            <SortChoice current />
        </form>
    }
    .into_any()
}

/// The sort's label, select and button: live, a change submits the form.
#[island]
fn SortChoice(current: String) -> impl IntoView {
    let locale = use_locale();
    let live = use_live();
    let options = SORTS
        .iter()
        .map(|(value, label)| {
            view! { <option value=*value selected=*value == current>{locale.t(*label)}</option> }
        })
        .collect_view();
    view! {
        <label for="sort">{locale.t(Msg::SortBy)}</label>
        <select id="sort" name="sort" on:change=submit_own_form>{options}</select>
        <button
            type="submit"
            class="button button-ghost sort-submit"
            class:visually-hidden=move || live.get()
        >
            {locale.t(Msg::Apply)}
        </button>
    }
}

/// Submits the form the changed control belongs to, as its button would.
fn submit_own_form(ev: leptos::ev::Event) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let form = ev
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|control| control.closest("form").ok().flatten())
            .and_then(|form| form.dyn_into::<web_sys::HtmlFormElement>().ok());
        if let Some(form) = form {
            let _ = form.request_submit();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

/// A click & collect search with the next wider radius, the postcode and the radius
/// now; `None` without the facet or at the widest radius offered.
fn wider_pickup_search(query: &QueryString) -> Option<(QueryString, String, u32)> {
    let postcode = query.get("pickup_postcode")?.to_owned();
    let km = query
        .get("pickup_radius_km")
        .and_then(|km| km.parse::<u32>().ok())
        .unwrap_or(DEFAULT_PICKUP_RADIUS_KM);
    let wider = PICKUP_RADII_KM.into_iter().find(|&radius| radius > km)?;
    Some((
        query.with("pickup_radius_km", &wider.to_string()),
        postcode,
        km,
    ))
}

/// What to try when nothing matches, or when the page asked for is past the last one.
#[component]
fn NoResults(scope: Scope, query: QueryString, total: u64) -> AnyView {
    let locale = use_locale();
    let path = scope.path();
    if total > 0 {
        return view! {
            <div class="card empty-state" role="status">
                <p class="empty-title">{locale.t(Msg::PagePastTheEnd)}</p>
                <a class="button button-secondary" href=query.on_page(1).href(&path)>{locale.t(Msg::FirstPage)}</a>
            </div>
        }
        .into_any();
    }
    let title = match query.get("q") {
        Some(terms) => format!(
            "{} {}",
            locale.t(Msg::SearchNoResults),
            quoted(terms, locale)
        ),
        None => locale.t(Msg::NothingHere).to_owned(),
    };
    let remove_filters = query.has_filters().then(|| {
        let href = QueryString::default()
            .with("q", query.get("q").unwrap_or_default())
            .href(&path);
        view! { <li><a href=href>{locale.t(Msg::ClearFiltersHelp)}</a></li> }
    });
    let search_further = wider_pickup_search(&query).map(|(href, postcode, km)| {
        let text = locale
            .t(Msg::HelpWiderPickup)
            .replace("{km}", &format_distance(f64::from(km), locale))
            .replace("{postcode}", &postcode);
        view! { <li><a href=href.href(&path)>{text}</a></li> }
    });
    view! {
        <div class="card empty-state no-results" role="status">
            <p class="empty-title">{title}</p>
            <ul class="help-list">
                <li>{locale.t(Msg::HelpSpelling)}</li>
                <li>{locale.t(Msg::HelpBroader)}</li>
                {search_further}
                {remove_filters}
            </ul>
            <a class="button button-secondary" href="/">{locale.t(Msg::BackHome)}</a>
        </div>
    }
    .into_any()
    .into_any()
}
