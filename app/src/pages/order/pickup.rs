//! A click & collect part on the order page: where to collect it (store, address, opening
//! hours), "preparing" with the store's usual preparation time while the seller gets it
//! ready, then the pickup code large with its QR code and until when the store holds it.
//!
//! The order itself (`load_order`) says nothing of stores or holds, so this page asks
//! for them with [`load_pickups`], for the caller's own order only. The QR code is an
//! `<img>` of `GET /orders/{id}/parts/{part_id}/pickup-qr.svg`, drawn on the server (see
//! `server::http::pickup_qr`): it shows without JavaScript and keeps the SVG out of the
//! page's hydration data.

use api_types::orders::SellerOrder;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::buying::BuyingError;
use crate::context::use_locale;
use crate::format::{fill, format_date};
use crate::i18n::{BuyMsg, Locale, PickupMsg};

/// What the order page shows of a pickup part beyond the order itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickupInfo {
    pub part_id: String,
    /// Empty when the store was removed since.
    pub store_name: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    pub opening_hours: String,
    /// How long the store usually takes to prepare an order.
    pub preparation_minutes: u32,
    /// Until when the store holds the part (RFC 3339), while it waits there.
    pub held_until: Option<String>,
}

/// The pickup parts of one of the caller's orders; someone else's order is "not found".
#[server(prefix = "/_fn", endpoint = "load_pickups")]
pub async fn load_pickups(order_id: String) -> Result<Vec<PickupInfo>, BuyingError> {
    use services::buying::pickup_hold;

    // The shopper comes from the session the server resolved, never from the browser.
    let user_id = crate::context::request_user_id().ok_or(BuyingError::LoginNeeded)?;
    let db = use_context::<services::Db>().ok_or_else(|| {
        tracing::error!("no database in the request context");
        BuyingError::Unavailable
    })?;
    let details = pickup_hold::for_shopper(&db, &user_id, &order_id)
        .await
        .map_err(|err| match err {
            services::StoreError::NotFound => BuyingError::NotFound,
            other => {
                tracing::error!(error = %other, "buying: loading an order's pickups");
                BuyingError::Unavailable
            }
        })?;
    Ok(details
        .into_iter()
        .map(|part| {
            let (store_name, address, postcode, city, opening_hours, minutes) = match part.store {
                Some(s) => (
                    s.name,
                    s.address,
                    s.postcode,
                    s.city,
                    s.opening_hours,
                    s.preparation_minutes,
                ),
                None => Default::default(),
            };
            PickupInfo {
                part_id: part.seller_order_id,
                store_name,
                address,
                postcode,
                city,
                opening_hours,
                preparation_minutes: u32::try_from(minutes).unwrap_or(0),
                held_until: part
                    .held_until
                    .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            }
        })
        .collect())
}

/// `45 min`, `1 h`, `1 h 30`.
fn duration(minutes: u32) -> String {
    const NBSP: char = '\u{a0}';
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}{NBSP}min"),
        (h, 0) => format!("{h}{NBSP}h"),
        (h, m) => format!("{h}{NBSP}h{NBSP}{m:02}"),
    }
}

/// "Preparing": the badge an accepted pickup part shows instead of the generic one.
#[component]
pub fn PreparingBadge() -> impl IntoView {
    let locale = use_locale();
    view! { <span class="status status-good">{locale.t(PickupMsg::Preparing)}</span> }
}

/// How the part reaches the shopper: the store, then what its state calls for.
#[component]
pub fn PickupHow(part: SellerOrder, order_id: String, info: Option<PickupInfo>) -> AnyView {
    let locale = use_locale();
    let store_name = info
        .as_ref()
        .map(|info| info.store_name.clone())
        .filter(|name| !name.is_empty())
        .or_else(|| part.fulfilment.store_name.clone())
        .unwrap_or_default();
    let place = info
        .as_ref()
        .filter(|info| !info.address.is_empty())
        .map(|info| {
            let hours = (!info.opening_hours.trim().is_empty()).then(|| {
                view! {
                    <br />
                    <span class="hint">{locale.t(PickupMsg::OpeningHours)}" : "</span>
                    {info.opening_hours.clone()}
                }
            });
            view! {
                <address class="pickup-store">
                    {format!("{}, {} {}", info.address, info.postcode, info.city)}
                    {hours}
                </address>
            }
        });
    let state = match (part.status.as_str(), part.pickup_code.clone()) {
        ("ready_for_pickup", Some(code)) => ready(locale, &part, &order_id, code, info.as_ref()),
        ("accepted", code) => {
            let minutes = info.as_ref().map_or(0, |info| info.preparation_minutes);
            let hint = if minutes > 0 {
                fill(locale.t(PickupMsg::PreparingIn), "store", &store_name)
                    .replace("{duration}", &duration(minutes))
            } else {
                fill(locale.t(PickupMsg::PreparingNow), "store", &store_name)
            };
            view! {
                <p class="pickup-preparing" data-pickup="preparing">
                    <strong>{locale.t(PickupMsg::Preparing)}</strong>" · "{hint}
                </p>
                {code.map(|code| code_block(locale, code))}
            }
            .into_any()
        }
        (_, code) => code.map(|code| code_block(locale, code)).into_any(),
    };
    // Only a till's sale makes a pickup part without a code: it was handed over there.
    let label = if part.pickup_code.is_none() && part.status == "collected" {
        locale.t(BuyMsg::BoughtInStoreAt)
    } else {
        locale.t(BuyMsg::PickupAt)
    };
    view! {
        <p><span class="hint">{label}</span>" "<strong>{store_name}</strong></p>
        {place}
        {state}
    }
    .into_any()
}

/// The code as it was shown before the part is ready (or after).
fn code_block(locale: Locale, code: String) -> AnyView {
    view! {
        <div class="pickup-code">
            <p class="hint">{locale.t(BuyMsg::PickupCode)}</p>
            <p class="pickup-code-value">{code}</p>
            <p class="hint">{locale.t(BuyMsg::PickupCodeHint)}</p>
        </div>
    }
    .into_any()
}

/// Waiting in store: the code large, its QR code, until when it is held.
fn ready(
    locale: Locale,
    part: &SellerOrder,
    order_id: &str,
    code: String,
    info: Option<&PickupInfo>,
) -> AnyView {
    let held = info
        .and_then(|info| info.held_until.as_deref())
        .map(|until| {
            fill(
                locale.t(PickupMsg::HeldUntil),
                "date",
                &format_date(until, locale),
            )
        });
    let qr = format!("/orders/{order_id}/parts/{}/pickup-qr.svg", part.id);
    let alt = fill(locale.t(PickupMsg::QrAlt), "code", &code);
    view! {
        <div class="pickup-ready" data-pickup="ready">
            <p class="pickup-ready-title"><strong>{locale.t(PickupMsg::WaitingForYou)}</strong></p>
            <div class="pickup-ready-body">
                <div>
                    <p class="hint">{locale.t(BuyMsg::PickupCode)}</p>
                    <p class="pickup-code-value pickup-code-large">{code}</p>
                    {held.map(|held| view! { <p class="pickup-held">{held}</p> })}
                    <p class="hint">{locale.t(PickupMsg::ShowAtTill)}</p>
                </div>
                <img class="pickup-qr" src=qr alt=alt width="200" height="200" />
            </div>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::duration;

    #[test]
    fn preparation_times_read_in_hours_and_minutes() {
        assert_eq!(duration(45), "45\u{a0}min");
        assert_eq!(duration(60), "1\u{a0}h");
        assert_eq!(duration(90), "1\u{a0}h\u{a0}30");
    }
}
