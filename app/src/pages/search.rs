//! `/search?q=…` and `/categories/{slug}`: one listing of products with facets, sort and
//! pages. Every control is a link or a GET form, so the page works without JavaScript;
//! once live, choosing a sort applies it at once.
//!
//! - [`facets`]: the sidebar of filters and the chips of active filters.
//! - [`results`]: the grid, the sort form and the "no results" help.
//! - [`pagination`]: previous, next and page numbers.

mod facets;
mod pagination;
mod results;

pub use pagination::Pagination;
pub use results::{ProductGrid, SortForm};

use api_types::catalog::{Category, ProductSearchParams, ProductSearchResponse};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::catalog::{CatalogError, list_categories, search_products};
use crate::components::{CatalogErrorNotice, Loading};
use crate::context::use_locale;
use crate::format::count_text;
use crate::i18n::{Locale, Msg};
use crate::query::QueryString;

/// What a listing is of, which fixes one parameter into its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// `/search`: the whole catalog.
    All,
    /// `/categories/{slug}`.
    Category(String),
    /// `/shops/{slug}`: one shop's offers.
    Shop(String),
}

impl Scope {
    /// The page's path, that links add their query to.
    pub fn path(&self) -> String {
        match self {
            Scope::All => "/search".to_owned(),
            Scope::Category(slug) => format!("/categories/{slug}"),
            Scope::Shop(slug) => format!("/shops/{slug}"),
        }
    }

    /// The parameter the path fixes, which links never repeat.
    fn fixed_key(&self) -> Option<&'static str> {
        match self {
            Scope::All => None,
            Scope::Category(_) => Some("category"),
            Scope::Shop(_) => Some("shop"),
        }
    }

    /// The API search for this page: the link's parameters plus the fixed one.
    pub fn params(&self, query: &QueryString) -> ProductSearchParams {
        let mut params = query.to_params();
        match self {
            Scope::All => {}
            Scope::Category(slug) => params.category = Some(slug.clone()),
            Scope::Shop(slug) => params.shop = Some(slug.clone()),
        }
        params
    }
}

/// The catalog parameters of the current URL, minus the one `scope` fixes.
pub fn use_catalog_query(scope: Signal<Scope>) -> Memo<QueryString> {
    let query = use_query_map();
    Memo::new(move |_| {
        let fixed = scope.with(Scope::fixed_key);
        let query = query.read();
        QueryString::from_lookup(|key| {
            if Some(key) == fixed {
                None
            } else {
                query.get(key)
            }
        })
    })
}

/// `/search`.
#[component]
pub fn SearchPage() -> impl IntoView {
    view! { <Listing scope=Signal::stored(Scope::All) /> }
}

/// `/categories/{slug}`.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let scope = Memo::new(move |_| Scope::Category(params.read().get("slug").unwrap_or_default()));
    view! { <Listing scope=scope.into() /> }
}

/// The listing of a search or a category, loaded before the first byte on the server.
#[component]
fn Listing(scope: Signal<Scope>) -> impl IntoView {
    let locale = use_locale();
    let query = use_catalog_query(scope);
    // One resource for both: each resource a page awaits costs it noticeably on the
    // server, and the category tree is in memory anyway.
    let listing = Resource::new_blocking(
        move || scope.get().params(&query.get()),
        |params| async move { (list_categories().await, search_products(params).await) },
    );
    view! {
        <div class="container listing">
            <Transition fallback=Loading>
                {move || {
                    let scope = scope.get();
                    let query = query.get();
                    Suspend::new(async move {
                        let (categories, results) = listing.await;
                        listing_page(locale, scope, query, categories, results)
                    })
                }}
            </Transition>
        </div>
    }
}

fn listing_page(
    locale: Locale,
    scope: Scope,
    query: QueryString,
    categories: Result<Vec<Category>, CatalogError>,
    results: Result<ProductSearchResponse, CatalogError>,
) -> AnyView {
    let categories = match (&scope, categories) {
        (_, Ok(categories)) => categories,
        (Scope::Category(_), Err(error)) => {
            return view! { <CatalogErrorNotice error /> }.into_any();
        }
        // Category names only label facets on a search: English falls back to French.
        (_, Err(_)) => Vec::new(),
    };
    let category = match &scope {
        Scope::Category(slug) => match categories.iter().find(|c| &c.slug == slug) {
            Some(category) => Some(category.clone()),
            None => {
                return view! { <CatalogErrorNotice error=CatalogError::NotFound /> }.into_any();
            }
        },
        _ => None,
    };
    let terms = query.get("q").map(str::to_owned);
    let title = match (&category, &terms) {
        (Some(category), _) => category_name(category, locale).to_owned(),
        (None, Some(terms)) => format!("{} {}", locale.t(Msg::SearchTitle), quoted(terms, locale)),
        (None, None) => locale.t(Msg::SearchAllTitle).to_owned(),
    };
    let description = match &category {
        Some(category) => locale
            .t(Msg::CategoryDescription)
            .replace("{name}", category_name(category, locale)),
        None => locale.t(Msg::SearchDescription).to_owned(),
    };
    let path = scope.path();
    let crumbs = category
        .as_ref()
        .map(|category| breadcrumb(locale, &categories, category, None));
    let body = match results {
        Err(error) => {
            let reset = QueryString::default()
                .with("q", terms.as_deref().unwrap_or_default())
                .href(&path);
            view! { <CatalogErrorNotice error reset_href=reset /> }.into_any()
        }
        Ok(response) => {
            let count = count_text(
                locale,
                response.total,
                Msg::ProductCountOne,
                Msg::ProductCountMany,
            );
            view! {
                <p class="listing-count" role="status">{count}</p>
                <div class="listing-layout">
                    <facets::Facets scope=scope.clone() query=query.clone() facets=response.facets.clone() categories=categories.clone() />
                    <results::Results scope query response categories />
                </div>
            }
            .into_any()
        }
    };
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=description />
        {terms.is_some().then(|| view! { <Meta name="robots" content="noindex" /> })}
        {crumbs}
        <h1 class="listing-title">{title}</h1>
        {body}
    }
    .into_any()
}

/// A category's name in `locale`.
pub fn category_name(category: &Category, locale: Locale) -> &str {
    match locale {
        Locale::Fr => &category.name_fr,
        Locale::En => &category.name_en,
    }
}

/// `« perceuse »` in French, `“drill”` in English.
pub fn quoted(text: &str, locale: Locale) -> String {
    match locale {
        Locale::Fr => format!("«\u{a0}{text}\u{a0}»"),
        Locale::En => format!("“{text}”"),
    }
}

/// Home › parent categories › `leaf` › `current`; without `current`, `leaf` is the page
/// (and not a link).
pub fn breadcrumb(
    locale: Locale,
    categories: &[Category],
    leaf: &Category,
    current: Option<String>,
) -> impl IntoView + use<> {
    breadcrumb_of(locale, category_chain(categories, leaf), current)
}

/// `leaf` and its parents, the root first.
pub fn category_chain(categories: &[Category], leaf: &Category) -> Vec<Category> {
    let parents = domain::catalog::category_parents(
        categories,
        leaf.parent_id.as_deref(),
        |category| &category.id,
        |category| category.parent_id.as_deref(),
    );
    let mut chain: Vec<Category> = parents.into_iter().rev().cloned().collect();
    chain.push(leaf.clone());
    chain
}

/// The breadcrumb of a [`category_chain`].
pub fn breadcrumb_of(
    locale: Locale,
    mut chain: Vec<Category>,
    current: Option<String>,
) -> impl IntoView + use<> {
    let here = match current {
        Some(current) => current,
        None => chain
            .pop()
            .map(|c| category_name(&c, locale).to_owned())
            .unwrap_or_default(),
    };
    let links = chain
        .into_iter()
        .map(|c| {
            let name = category_name(&c, locale).to_owned();
            view! { <li><a href=format!("/categories/{}", c.slug)>{name}</a></li> }
        })
        .collect_view();
    view! {
        <nav class="breadcrumb" aria-label=locale.t(Msg::Breadcrumb)>
            <ol>
                <li><a href="/">{locale.t(Msg::Home)}</a></li>
                {links}
                <li aria-current="page">{here}</li>
            </ol>
        </nav>
    }
}
