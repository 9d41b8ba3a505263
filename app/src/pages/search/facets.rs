//! The filters beside the results: categories, conditions, shops and price bands as
//! links that add or remove one parameter, and a postcode form for click & collect.
//! Inside a `<details>` so that phones can fold it away above the results, without JS.

use api_types::catalog::{Category, FacetCount, Facets as FacetCounts, PriceBand};
use domain::geo::DEFAULT_PICKUP_RADIUS_KM;
use leptos::prelude::*;

use super::Scope;
use crate::context::use_locale;
use crate::format::{condition_name, format_count, format_distance, format_euros};
use crate::i18n::{Locale, Msg};
use crate::query::QueryString;

/// The radii the click & collect form offers, in kilometres.
pub(super) const PICKUP_RADII_KM: [u32; 5] = [5, 10, 30, 50, 100];

/// One link of a facet: where it goes, what it says, how many, whether it is applied.
struct FacetLink {
    href: String,
    label: String,
    count: u64,
    active: bool,
}

/// The sidebar of filters.
#[component]
pub fn Facets(
    scope: Scope,
    query: QueryString,
    facets: FacetCounts,
    categories: Vec<Category>,
) -> AnyView {
    let locale = use_locale();
    let path = scope.path();
    let category_links = facets
        .categories
        .iter()
        .map(|facet| {
            let label = categories
                .iter()
                .find(|c| c.slug == facet.value)
                .map(|c| super::category_name(c, locale).to_owned())
                .unwrap_or_else(|| facet.label.clone());
            match &scope {
                // A category page's links move to the sub-category, keeping the rest.
                Scope::Category(slug) => FacetLink {
                    href: query
                        .without("page")
                        .href(&format!("/categories/{}", facet.value)),
                    label,
                    count: facet.count,
                    active: *slug == facet.value,
                },
                _ => toggle(&query, &path, "category", facet, label),
            }
        })
        .collect::<Vec<_>>();
    let condition_links = facets
        .conditions
        .iter()
        .map(|facet| {
            toggle(
                &query,
                &path,
                "condition",
                facet,
                condition_name(&facet.value, locale),
            )
        })
        .collect::<Vec<_>>();
    let shop_links = match scope {
        Scope::Shop(_) => Vec::new(),
        _ => facets
            .shops
            .iter()
            .map(|facet| toggle(&query, &path, "shop", facet, facet.label.clone()))
            .collect(),
    };
    let price_links = facets
        .prices
        .iter()
        .map(|band| price_link(&query, &path, band, locale))
        .collect::<Vec<_>>();
    view! {
        <details class="facets">
            <summary class="facets-toggle">{locale.t(Msg::Filters)}</summary>
            <div class="facets-body">
                <FacetGroup title=locale.t(Msg::FacetCategories) links=category_links />
                <FacetGroup title=locale.t(Msg::FacetConditions) links=condition_links />
                <FacetGroup title=locale.t(Msg::FacetShops) links=shop_links />
                <FacetGroup title=locale.t(Msg::FacetPrices) links=price_links />
                <PickupForm query=query path />
            </div>
        </details>
    }
    .into_any()
}

/// A link that applies `facet` to `key`, or removes it when it is the applied one.
fn toggle(
    query: &QueryString,
    path: &str,
    key: &str,
    facet: &FacetCount,
    label: String,
) -> FacetLink {
    let active = query.get(key) == Some(facet.value.as_str());
    let next = if active {
        query.without(key)
    } else {
        query.with(key, &facet.value)
    };
    FacetLink {
        href: next.href(path),
        label,
        count: facet.count,
        active,
    }
}

fn price_link(query: &QueryString, path: &str, band: &PriceBand, locale: Locale) -> FacetLink {
    let min = (band.min_cents > 0).then(|| band.min_cents.to_string());
    let max = band.max_cents.map(|max| max.to_string());
    let active = query.get("min_price_cents") == min.as_deref()
        && query.get("max_price_cents") == max.as_deref();
    let cleared = query.without("min_price_cents").without("max_price_cents");
    let next = if active {
        cleared
    } else {
        cleared
            .with("min_price_cents", min.as_deref().unwrap_or_default())
            .with("max_price_cents", max.as_deref().unwrap_or_default())
    };
    FacetLink {
        href: next.href(path),
        label: price_band_label(band, locale),
        count: band.count,
        active,
    }
}

/// `Moins de 20 €`, `20 € à 50 €`, `500 € et plus`.
pub fn price_band_label(band: &PriceBand, locale: Locale) -> String {
    match (band.min_cents, band.max_cents) {
        (0, Some(max)) => format!(
            "{} {}",
            locale.t(Msg::PriceUnder),
            format_euros(max, locale)
        ),
        (min, Some(max)) => format!(
            "{} {} {}",
            format_euros(min, locale),
            locale.t(Msg::PriceTo),
            format_euros(max, locale)
        ),
        (min, None) => format!(
            "{} {}",
            format_euros(min, locale),
            locale.t(Msg::PriceAndMore)
        ),
    }
}

#[component]
fn FacetGroup(title: &'static str, links: Vec<FacetLink>) -> AnyView {
    let locale = use_locale();
    (!links.is_empty())
        .then(|| {
            let items = links
                .into_iter()
                .map(|link| {
                    let action = if link.active {
                        Msg::RemoveFilter
                    } else {
                        Msg::AddFilter
                    };
                    view! {
                        <li>
                            <a
                                class="facet-link"
                                class:active=link.active
                                href=link.href
                                aria-current=link.active.then_some("true")
                                title=locale.t(action)
                            >
                                <span class="facet-label">{link.label}</span>
                                <span class="facet-count">{format_count(link.count, locale)}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="facet">
                    <h2 class="facet-title">{title}</h2>
                    <ul class="facet-list">{items}</ul>
                </section>
            }
        })
        .into_any()
}

/// `pickup_postcode`: a GET form that keeps the rest of the search.
#[component]
fn PickupForm(query: QueryString, path: String) -> AnyView {
    let locale = use_locale();
    let current = query.get("pickup_postcode").unwrap_or_default().to_owned();
    let radius = query
        .get("pickup_radius_km")
        .and_then(|km| km.parse::<u32>().ok())
        .unwrap_or(DEFAULT_PICKUP_RADIUS_KM);
    let kept = query.without("pickup_postcode").without("pickup_radius_km");
    let clear = (!current.is_empty()).then(|| {
        view! { <a class="facet-clear" href=kept.href(&path)>{locale.t(Msg::RemoveFilter)}</a> }
    });
    let hidden = kept
        .pairs()
        .iter()
        .map(
            |(name, value)| view! { <input type="hidden" name=name.clone() value=value.clone() /> },
        )
        .collect_view();
    let radii = PICKUP_RADII_KM
        .iter()
        .map(|&km| {
            view! {
                <option value=km.to_string() selected=km == radius>
                    {format_distance(f64::from(km), locale)}
                </option>
            }
        })
        .collect_view();
    view! {
        <section class="facet">
            <h2 class="facet-title">{locale.t(Msg::FacetPickup)}</h2>
            <form class="pickup-form" method="get" action=path.clone()>
                {hidden}
                <label for="pickup-postcode">{locale.t(Msg::PickupPostcodeLabel)}</label>
                <div class="pickup-row">
                    <input
                        id="pickup-postcode"
                        name="pickup_postcode"
                        type="text"
                        inputmode="numeric"
                        autocomplete="postal-code"
                        pattern="[0-9]{5}"
                        maxlength="5"
                        size="6"
                        value=current
                    />
                </div>
                <label for="pickup-radius">{locale.t(Msg::PickupRadiusLabel)}</label>
                <div class="pickup-row">
                    <select id="pickup-radius" name="pickup_radius_km">{radii}</select>
                    <button type="submit" class="button button-secondary">{locale.t(Msg::Apply)}</button>
                </div>
                {clear}
            </form>
        </section>
    }
    .into_any()
}

/// The filters in force, each a link that removes it.
#[component]
pub fn ActiveFilters(scope: Scope, query: QueryString, categories: Vec<Category>) -> AnyView {
    let locale = use_locale();
    let path = scope.path();
    let mut chips = Vec::new();
    for (key, value) in query.pairs() {
        let label = match key.as_str() {
            "condition" => condition_name(value, locale),
            "category" => categories
                .iter()
                .find(|c| &c.slug == value)
                .map(|c| super::category_name(c, locale).to_owned())
                .unwrap_or_else(|| value.clone()),
            "shop" => value.clone(),
            "pickup_postcode" => {
                let km = query
                    .get("pickup_radius_km")
                    .and_then(|km| km.parse::<u32>().ok())
                    .unwrap_or(DEFAULT_PICKUP_RADIUS_KM);
                let href = query.without(key).without("pickup_radius_km").href(&path);
                chips.push((
                    format!("{value} · {}", format_distance(f64::from(km), locale)),
                    href,
                ));
                continue;
            }
            "min_price_cents" => format!("≥ {}", price_param(value, locale)),
            "max_price_cents" => format!("≤ {}", price_param(value, locale)),
            _ => continue,
        };
        chips.push((label, query.without(key).href(&path)));
    }
    (!chips.is_empty()).then(|| {
        let items = chips
            .into_iter()
            .map(|(label, href)| {
                view! {
                    <li>
                        <a class="chip" href=href>
                            <span class="visually-hidden">{locale.t(Msg::RemoveFilter)}" : "</span>
                            {label}
                            <span aria-hidden="true">" ×"</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        let clear_all = QueryString::default()
            .with("q", query.get("q").unwrap_or_default())
            .with("sort", query.get("sort").unwrap_or_default())
            .href(&path);
        view! {
            <ul class="chips" aria-label=locale.t(Msg::ActiveFilters)>
                {items}
                <li><a class="chip chip-clear" href=clear_all>{locale.t(Msg::ClearFilters)}</a></li>
            </ul>
        }
    })
    .into_any()
}

fn price_param(value: &str, locale: Locale) -> String {
    value
        .parse::<i64>()
        .map(|cents| format_euros(cents, locale))
        .unwrap_or_else(|_| value.to_owned())
}
