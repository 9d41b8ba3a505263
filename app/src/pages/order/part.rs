//! One seller's part of an order: its status, how it reaches the shopper (address, or
//! store and pickup code, see [`super::pickup`]; carrier and tracking once shipped), its
//! lines and subtotal, the return request, and the problems reported on it (see
//! [`super::dispute`]).

use api_types::operating::Dispute;
use api_types::orders::SellerOrder;
use leptos::prelude::*;

use super::dispute::{DisputeRefusal, PartDisputes};
use super::pickup::{PickupHow, PickupInfo, PreparingBadge};
use crate::components::PartStatus;
use crate::context::use_locale;
use crate::format::{condition_name, fill, format_date, format_price};
use crate::i18n::{BuyMsg, Msg};

#[component]
pub fn Part(
    part: SellerOrder,
    order_id: String,
    returnable: bool,
    csrf: String,
    error: Option<&'static str>,
    /// The store and hold of a pickup part.
    pickup_info: Option<PickupInfo>,
    /// The problems reported on this part, newest first.
    disputes: Vec<Dispute>,
    /// What the last report of a problem on this part came back with.
    dispute_refusal: Option<DisputeRefusal>,
) -> AnyView {
    let locale = use_locale();
    let fulfilment = &part.fulfilment;
    let pickup = fulfilment.method == "pickup";
    let how = if pickup {
        view! { <PickupHow part=part.clone() order_id=order_id.clone() info=pickup_info /> }
            .into_any()
    } else {
        let address = fulfilment.address.clone().map(|a| {
            view! {
                <address class="order-address">
                    {a.name}<br />{a.line1}<br />
                    {(!a.line2.is_empty()).then(|| view! { {a.line2.clone()}<br /> })}
                    {a.postcode}" "{a.city}
                </address>
            }
        });
        let tracking = fulfilment.carrier.clone().map(|carrier| {
            view! {
                <p class="order-tracking">
                    <span class="hint">{locale.t(BuyMsg::Carrier)}</span>" "{carrier}
                    {fulfilment.tracking.clone().map(|t| view! {
                        " · "<span class="hint">{locale.t(BuyMsg::Tracking)}</span>" "<code>{t}</code>
                    })}
                </p>
            }
        });
        view! {
            <p class="hint">{locale.t(BuyMsg::DeliverTo)}</p>
            {address}
            {tracking}
        }
        .into_any()
    };
    let lines = part
        .lines
        .iter()
        .map(|line| {
            view! {
                <tr>
                    <td>
                        <a href=format!("/products/{}", line.product_id)>{line.title.clone()}</a>
                        <span class="hint">" · "{condition_name(&line.condition, locale)}</span>
                    </td>
                    <td class="num">{line.quantity}</td>
                    <td class="num">{format_price(line.unit_price_cents, locale)}</td>
                    <td class="num">{format_price(line.line_cents, locale)}</td>
                </tr>
            }
        })
        .collect_view();
    let return_state = match part.return_status.as_str() {
        "requested" => Some(BuyMsg::ReturnRequested),
        "accepted" => Some(BuyMsg::ReturnAccepted),
        "refused" => Some(BuyMsg::ReturnRefused),
        _ => None,
    };
    let deadline = part.return_deadline.as_deref().map(|d| {
        fill(
            locale.t(BuyMsg::ReturnUntil),
            "date",
            &format_date(d, locale),
        )
    });
    let reason_id = format!("reason-{}", part.id);
    let return_form = returnable.then(|| {
        view! {
            <details class="return-request" open=error.is_some()>
                <summary>{locale.t(BuyMsg::RequestReturn)}</summary>
                {deadline.clone().map(|d| view! { <p class="hint">{d}</p> })}
                <form class="form" method="post" action=format!("/orders/{order_id}/parts/{}/return", part.id)>
                    <input type="hidden" name="csrf" value=csrf.clone() />
                    <div class="field" class:field-invalid=error.is_some()>
                        <label for=reason_id.clone()>{locale.t(BuyMsg::ReturnReason)}</label>
                        <textarea id=reason_id name="reason" rows="3" maxlength="500" required=true></textarea>
                        {error.map(|message| view! { <p class="field-error">{message}</p> })}
                    </div>
                    <button type="submit" class="button button-secondary">{locale.t(BuyMsg::SendReturn)}</button>
                </form>
            </details>
        }
    });
    view! {
        <section class="card order-part">
            <header class="order-part-head">
                <p class="cart-shop-name">
                    <span class="hint">{locale.t(BuyMsg::SoldAndSentBy)}" "</span>
                    <a href=format!("/shops/{}", part.shop_slug)>{part.shop_name.clone()}</a>
                </p>
                {if pickup && part.status == "accepted" {
                    view! { <PreparingBadge /> }.into_any()
                } else {
                    view! { <PartStatus status=part.status.clone() /> }.into_any()
                }}
            </header>
            <div class="order-part-how">{how}</div>
            <table class="order-lines">
                <thead>
                    <tr>
                        <th scope="col"><span class="visually-hidden">{locale.t(BuyMsg::Items)}</span></th>
                        <th scope="col" class="num">{locale.t(BuyMsg::Qty)}</th>
                        <th scope="col" class="num">{locale.t(BuyMsg::UnitPrice)}</th>
                        <th scope="col" class="num">{locale.t(Msg::Total)}</th>
                    </tr>
                </thead>
                <tbody>{lines}</tbody>
            </table>
            <dl class="totals order-part-totals">
                <dt>{locale.t(BuyMsg::Subtotal)}</dt>
                <dd>{format_price(part.items_cents, locale)}</dd>
                <dt>{locale.t(Msg::Delivery)}</dt>
                <dd>{if part.shipping_cents == 0 { locale.t(BuyMsg::Free).to_owned() } else { format_price(part.shipping_cents, locale) }}</dd>
                {(part.discount_cents > 0).then(|| view! {
                    <dt>{locale.t(BuyMsg::Discount)}</dt>
                    <dd>{format_price(-part.discount_cents, locale)}</dd>
                })}
                <dt class="totals-grand">{locale.t(Msg::Total)}</dt>
                <dd class="totals-grand">{format_price(part.total_cents, locale)}</dd>
            </dl>
            {(part.refunded_cents > 0).then(|| view! {
                <p class="hint">{locale.t(BuyMsg::Refunded)}" "{format_price(part.refunded_cents, locale)}</p>
            })}
            {return_state.map(|msg| view! { <p class="return-state">{locale.t(msg)}</p> })}
            {return_form}
            <PartDisputes
                part=part.clone()
                order_id=order_id.clone()
                csrf
                disputes
                refusal=dispute_refusal
            />
        </section>
    }
    .into_any()
}
