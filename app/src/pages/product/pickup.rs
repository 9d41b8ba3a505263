//! "Retrait en magasin": the stores nearest to the shopper that hold the product now, with
//! their distance, hours and readiness. The place comes from a GET form (a postcode kept
//! in the address, so it works without JavaScript) or, once the page is live, from the
//! browser's location; when that is refused or missing the form is still there.

use api_types::catalog::{PickupStore, ProductNearParams, ProductOffer};
use leptos::prelude::*;

use crate::catalog::PickupPlace;
use crate::context::{use_live, use_locale};
use crate::format::{count_text, fill, format_distance, format_price, ready_in, store_place};
use crate::i18n::{Locale, Msg, PickupMsg};

/// Stores farther than this are not "near".
pub const NEARBY_KM: f64 = 100.0;
/// At most this many stores are listed.
pub const MAX_STORES: usize = 5;

/// A store to list, with the offer it would serve.
#[derive(Debug, Clone, PartialEq)]
pub struct NearbyStore {
    pub store: PickupStore,
    pub shop_name: String,
    pub price_cents: i64,
}

/// What the block says, decided from the offers and the place asked about.
#[derive(Debug, Clone, PartialEq)]
pub enum PickupState {
    /// Nothing is in stock anywhere: the block is not shown.
    Hidden,
    /// No store holds it now (no place asked).
    NoStore,
    /// No place asked: how many stores hold it now.
    Unasked { stores: usize },
    /// The nearest stores holding it, nearest first (never empty).
    Nearby(Vec<NearbyStore>),
    /// A place was given and no store near it holds it.
    NoneNear,
    /// The place does not parse; `field` is `near`, `lat` or `lon`.
    Bad { field: String },
}

impl PickupState {
    /// Decides from the offers (their pickup stores ranked from the place when one was
    /// found, see `GET /products/{id}?near=`).
    pub fn of(offers: &[ProductOffer], place: &PickupPlace) -> Self {
        let in_stock: Vec<&ProductOffer> = offers.iter().filter(|o| o.available > 0).collect();
        if in_stock.is_empty() {
            return PickupState::Hidden;
        }
        if let PickupPlace::Bad { field } = place {
            return PickupState::Bad {
                field: field.clone(),
            };
        }
        let mut stores: Vec<NearbyStore> = in_stock
            .iter()
            .flat_map(|offer| {
                offer.pickup_stores.iter().map(|store| NearbyStore {
                    store: store.clone(),
                    shop_name: offer.shop.name.clone(),
                    price_cents: offer.price_cents,
                })
            })
            .collect();
        if *place == PickupPlace::Unasked {
            stores.sort_by(|a, b| a.store.id.cmp(&b.store.id));
            stores.dedup_by(|a, b| a.store.id == b.store.id);
            return match stores.len() {
                0 => PickupState::NoStore,
                n => PickupState::Unasked { stores: n },
            };
        }
        stores.retain(|s| s.store.distance_km.is_some_and(|km| km <= NEARBY_KM));
        // Nearest first; at one store, the cheapest offer it holds.
        stores.sort_by(|a, b| {
            let (da, db) = (a.store.distance_km, b.store.distance_km);
            da.unwrap_or(f64::MAX)
                .total_cmp(&db.unwrap_or(f64::MAX))
                .then(a.price_cents.cmp(&b.price_cents))
        });
        let mut seen = Vec::new();
        stores.retain(|s| {
            let fresh = !seen.contains(&s.store.id);
            seen.push(s.store.id.clone());
            fresh
        });
        stores.truncate(MAX_STORES);
        if stores.is_empty() {
            PickupState::NoneNear
        } else {
            PickupState::Nearby(stores)
        }
    }
}

/// The block. `path` is the product page's address (the form's action); `near` the
/// place as the address gave it.
#[component]
pub fn PickupNearby(
    offers: Vec<ProductOffer>,
    place: PickupPlace,
    near: ProductNearParams,
    path: String,
) -> AnyView {
    let locale = use_locale();
    let state = PickupState::of(&offers, &place);
    if state == PickupState::Hidden {
        return ().into_any();
    }
    // What the shopper typed, shortened: it is echoed back in the heading or the error.
    let postcode: String = near
        .near
        .as_deref()
        .unwrap_or_default()
        .trim()
        .chars()
        .take(12)
        .collect();
    let by_postcode = !postcode.is_empty();
    let bad = matches!(state, PickupState::Bad { .. });
    // Without any store holding it, a place changes nothing: no form then.
    let with_form = state != PickupState::NoStore;
    let body = match state {
        PickupState::Hidden => ().into_any(),
        PickupState::NoStore => {
            view! { <p class="pickup-near-empty">{locale.t(PickupMsg::NoStoreHasIt)}</p> }
                .into_any()
        }
        PickupState::Unasked { stores } => view! {
            <p class="hint">
                {count_text(locale, stores as u64, PickupMsg::IntroOne.into(), PickupMsg::IntroMany.into())}
            </p>
        }
        .into_any(),
        PickupState::Bad { field } => {
            let message = if field == "near" {
                fill(locale.t(PickupMsg::BadPostcode), "postcode", &postcode)
            } else {
                locale.t(PickupMsg::BadLocation).to_owned()
            };
            view! { <p class="field-error" id="pickup-near-error" role="alert">{message}</p> }
                .into_any()
        }
        PickupState::NoneNear => {
            let message = if by_postcode {
                fill(locale.t(PickupMsg::NoneNearPostcode), "postcode", &postcode)
            } else {
                locale.t(PickupMsg::NoneNearYou).to_owned()
            };
            view! { <p class="pickup-near-empty">{message}</p> }.into_any()
        }
        PickupState::Nearby(stores) => {
            let heading = if by_postcode {
                fill(locale.t(PickupMsg::NearPostcode), "postcode", &postcode)
            } else {
                locale.t(PickupMsg::NearYou).to_owned()
            };
            let items = stores
                .into_iter()
                .map(|nearby| view! { <StoreRow nearby /> })
                .collect_view();
            view! {
                <h3 class="pickup-near-heading">{heading}</h3>
                <ol class="pickup-near-list">{items}</ol>
            }
            .into_any()
        }
    };
    view! {
        <section class="card pickup-near" id="pickup" aria-labelledby="pickup-title">
            <h2 id="pickup-title">{locale.t(PickupMsg::Title)}</h2>
            {with_form.then(|| view! { <PlaceForm path=path.clone() postcode=postcode.clone() bad /> })}
            {body}
        </section>
    }
    .into_any()
}

/// The postcode form, and the location button once the page is live.
#[component]
fn PlaceForm(path: String, postcode: String, bad: bool) -> AnyView {
    let locale = use_locale();
    let action = format!("{path}#pickup");
    view! {
        <form class="pickup-form pickup-near-form" method="get" action=action>
            <label for="pickup-near-postcode">{locale.t(PickupMsg::PostcodeLabel)}</label>
            <div class="pickup-row">
                <input
                    id="pickup-near-postcode"
                    name="near"
                    type="text"
                    inputmode="numeric"
                    autocomplete="postal-code"
                    maxlength="5"
                    size="6"
                    placeholder="75011"
                    value=postcode
                    aria-invalid=bad.then_some("true")
                    aria-describedby=bad.then_some("pickup-near-error")
                />
                <button type="submit" class="button button-secondary">{locale.t(PickupMsg::Find)}</button>
                <LocateButton path />
            </div>
        </form>
    }
    .into_any()
}

/// "Use my location", shown once live: asks the browser where it is and opens `path`
/// with those coordinates.
#[island]
fn LocateButton(path: String) -> impl IntoView {
    let locale = use_locale();
    let live = use_live();
    let locating = RwSignal::new(false);
    let on_locate = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let target = path.clone();
            locating.set(true);
            locate(locating, move |latitude, longitude| {
                // Three decimals (about 100 m) are enough to rank stores, and say less
                // about where someone lives.
                let href = format!("{target}?lat={latitude:.3}&lon={longitude:.3}#pickup");
                if let Some(window) = web_sys::window() {
                    let _ = window.location().assign(&href);
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&path, locating);
    };
    view! {
        <Show when=move || live.get()>
            <button
                type="button"
                class="button button-ghost pickup-locate"
                disabled=move || locating.get()
                on:click=on_locate.clone()
            >
                {move || locale.t(if locating.get() { PickupMsg::Locating } else { PickupMsg::UseLocation })}
            </button>
        </Show>
    }
}

/// Asks the browser where it is; `found` gets the degrees. Refused, unavailable or
/// unsupported: the button comes back and nothing else happens (the form is there).
#[cfg(feature = "hydrate")]
fn locate(locating: RwSignal<bool>, found: impl FnOnce(f64, f64) + 'static) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        locating.set(false);
        return;
    };
    let success = Closure::once_into_js(move |position: web_sys::Position| {
        let coords = position.coords();
        // The page may be gone by the time the browser answers: `try_set`.
        locating.try_set(false);
        found(coords.latitude(), coords.longitude());
    });
    let failure = Closure::once_into_js(move |_: wasm_bindgen::JsValue| {
        locating.try_set(false);
    });
    if geolocation
        .get_current_position_with_error_callback(
            success.unchecked_ref(),
            Some(failure.unchecked_ref()),
        )
        .is_err()
    {
        locating.set(false);
    }
}

/// One store: where, how far, when it opens, how soon it is ready, and whose offer.
#[component]
fn StoreRow(nearby: NearbyStore) -> AnyView {
    let locale = use_locale();
    let store = nearby.store;
    let distance = store.distance_km.map(|km| {
        fill(
            locale.t(PickupMsg::Away),
            "distance",
            &format_distance(km, locale),
        )
    });
    let colon = match locale {
        Locale::Fr => "\u{a0}: ",
        Locale::En => ": ",
    };
    let left = count_text(
        locale,
        u64::from(store.available),
        PickupMsg::LeftOne.into(),
        PickupMsg::LeftMany.into(),
    );
    view! {
        <li class="pickup-near-store">
            <div class="pickup-near-where">
                <p class="pickup-near-name">
                    <strong>{store.name.clone()}</strong>" · "{store_place(&store.city, &store.postcode)}
                </p>
                <p class="hint">{locale.t(Msg::OpeningHours)}{colon}{store.opening_hours.clone()}</p>
                <p class="hint">
                    {locale.t(Msg::SoldBy)}" "{nearby.shop_name}" · "{format_price(nearby.price_cents, locale)}" · "{left}
                </p>
            </div>
            <div class="pickup-near-facts">
                {distance.map(|text| view! { <p class="pickup-near-distance">{text}</p> })}
                <p><span class="pickup-near-ready">{ready_in(store.ready_in_minutes, locale)}</span></p>
            </div>
        </li>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use api_types::catalog::{Delivery, PickupStore, ProductOffer, ShopCard};

    use super::{MAX_STORES, PickupState};
    use crate::catalog::PickupPlace;

    fn store(id: &str, km: Option<f64>) -> PickupStore {
        PickupStore {
            id: id.into(),
            name: format!("Store {id}"),
            city: "Paris".into(),
            postcode: "75011".into(),
            opening_hours: "10h–19h".into(),
            preparation_minutes: 60,
            available: 2,
            distance_km: km,
            ready_in_minutes: 60,
        }
    }

    fn offer(price_cents: i64, available: u32, stores: Vec<PickupStore>) -> ProductOffer {
        ProductOffer {
            id: format!("o{price_cents}"),
            shop: ShopCard {
                id: "s".into(),
                slug: "s".into(),
                name: "Shop".into(),
                description: String::new(),
                banner_color: String::new(),
                rating_centi: 0,
                rating_count: 0,
            },
            price_cents,
            currency: "EUR".into(),
            condition: "new".into(),
            description: String::new(),
            delivery: Delivery {
                price_cents: 0,
                days: 2,
            },
            total_cents: price_cents,
            available,
            pickup_stores: stores,
            cashback_cents: 0,
        }
    }

    #[test]
    fn stores_of_every_offer_come_nearest_first_once_each() {
        let offers = vec![
            offer(
                1000,
                3,
                vec![store("far", Some(40.0)), store("near", Some(2.4))],
            ),
            offer(
                900,
                1,
                vec![store("near", Some(2.4)), store("mid", Some(9.0))],
            ),
            offer(500, 0, vec![]),
        ];
        let PickupState::Nearby(stores) = PickupState::of(&offers, &PickupPlace::Found) else {
            panic!("stores expected");
        };
        let ids: Vec<&str> = stores.iter().map(|s| s.store.id.as_str()).collect();
        assert_eq!(ids, ["near", "mid", "far"]);
        assert_eq!(
            stores[0].price_cents, 900,
            "the cheaper offer at that store"
        );
    }

    #[test]
    fn far_or_unknown_stores_are_not_near() {
        let offers = vec![offer(
            1000,
            3,
            vec![store("lyon", Some(392.0)), store("x", None)],
        )];
        assert_eq!(
            PickupState::of(&offers, &PickupPlace::Found),
            PickupState::NoneNear
        );
        assert_eq!(
            PickupState::of(&offers, &PickupPlace::Unasked),
            PickupState::Unasked { stores: 2 }
        );
    }

    #[test]
    fn the_list_is_short_and_a_bad_place_or_no_stock_is_said() {
        let many = (0..9)
            .map(|n| store(&n.to_string(), Some(f64::from(n))))
            .collect();
        let offers = vec![offer(1000, 3, many)];
        let PickupState::Nearby(stores) = PickupState::of(&offers, &PickupPlace::Found) else {
            panic!("stores expected");
        };
        assert_eq!(stores.len(), MAX_STORES);
        let bad = PickupPlace::Bad {
            field: "near".into(),
        };
        assert_eq!(
            PickupState::of(&offers, &bad),
            PickupState::Bad {
                field: "near".into()
            }
        );
        let sold_out = vec![offer(1000, 0, vec![])];
        assert_eq!(PickupState::of(&sold_out, &bad), PickupState::Hidden);
        let no_store = vec![offer(1000, 4, vec![])];
        assert_eq!(
            PickupState::of(&no_store, &PickupPlace::Unasked),
            PickupState::NoStore
        );
    }
}
