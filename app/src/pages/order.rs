//! `/orders/{id}`: one of the shopper's orders: number, date, status, payment, each
//! seller's part with its fulfilment and lines (a pickup part with its store, and once
//! ready its code, QR code and hold), totals, a return request on parts handed over
//! within the return window, and "report a problem" on paid parts with the problems
//! reported and how they were decided. Someone else's order is the 404 page.

mod dispute;
mod part;
mod pickup;

use api_types::operating::Dispute;
use api_types::orders::Order;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::buying::{BuyingError, OrderPage as OrderData, load_order};
use crate::components::{Loading, OrderStatus};
use crate::context::{PageContext, use_locale, use_page};
use crate::format::{fill, format_date, format_price};
use crate::i18n::{BuyMsg, Locale, Msg};
use crate::pages::NotFoundPage;

#[component]
pub fn OrderPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new_blocking(move || id.get(), load_order);
    let pickups = Resource::new_blocking(move || id.get(), pickup::load_pickups);
    let disputes = Resource::new_blocking(move || id.get(), dispute::load_disputes);
    view! {
        <Meta name="robots" content="noindex" />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let context = use_page();
                // Without its pickup details (store, hold) the order still shows.
                let pickups = pickups.await.unwrap_or_default();
                // Nor without its disputes; the form then stays, and the service still
                // refuses a second open one.
                let disputes = disputes.await.unwrap_or_default();
                match data.await {
                    Ok(data) => order_body(locale, data, pickups, disputes, context),
                    Err(BuyingError::NotFound) => view! { <NotFoundPage /> }.into_any(),
                    Err(BuyingError::LoginNeeded) => view! {
                        <div class="container narrow"><div class="card empty-state">
                            <p>{locale.t(Msg::AccountLoginNeeded)}</p>
                            <a class="button button-primary" href="/login" rel="external">{locale.t(Msg::LogIn)}</a>
                        </div></div>
                    }
                    .into_any(),
                    Err(BuyingError::Unavailable) => view! {
                        <p class="container notice notice-error" role="alert">{locale.t(Msg::LoadError)}</p>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

/// `Visa •••• 4242`.
fn card_text(order: &Order) -> Option<String> {
    let last4 = order.payment.card_last4.as_deref()?;
    let brand = match order.payment.card_brand.as_deref() {
        Some("visa") => "Visa",
        Some("mastercard") => "Mastercard",
        Some("amex") => "American Express",
        _ => "Carte",
    };
    Some(format!("{brand} •••• {last4}"))
}

fn order_body(
    locale: Locale,
    data: OrderData,
    pickups: Vec<pickup::PickupInfo>,
    disputes: Vec<Dispute>,
    context: PageContext,
) -> AnyView {
    let order = data.order;
    let title = fill(locale.t(BuyMsg::OrderTitle), "number", &order.number);
    let placed = fill(
        locale.t(BuyMsg::PlacedOn),
        "date",
        &format_date(&order.created_at, locale),
    );
    let just_paid = context.flash_for("paid").is_some();
    let return_sent = context.flash_for("return_sent").is_some();
    let dispute_sent = context.flash_for(dispute::SENT).is_some();
    let flash = context.flash_for("order").filter(|f| f.is_error());
    let paid_with = card_text(&order).filter(|_| order.payment.status != "pending");
    let pay_url = order.payment.pay_url.clone();
    let parts = order
        .seller_orders
        .iter()
        .cloned()
        .map(|part| {
            let returnable = data.returnable.contains(&part.id);
            let error = flash
                .as_ref()
                .filter(|f| f.value("part") == part.id)
                .map(|f| f.message(locale));
            let pickup_info = pickups.iter().find(|info| info.part_id == part.id).cloned();
            let part_disputes: Vec<Dispute> = disputes
                .iter()
                .filter(|dispute| dispute.seller_order_id == part.id)
                .cloned()
                .collect();
            let dispute_refusal = dispute::DisputeRefusal::of(context.flash.as_ref(), &part.id);
            view! {
                <part::Part
                    part
                    order_id=order.id.clone()
                    returnable
                    csrf=context.csrf_token.clone()
                    error
                    pickup_info
                    disputes=part_disputes
                    dispute_refusal
                />
            }
        })
        .collect_view();
    let delivery = if order.shipping_cents == 0 {
        locale.t(BuyMsg::Free).to_owned()
    } else {
        format_price(order.shipping_cents, locale)
    };
    view! {
        <Title text=title.clone() />
        <section class="container order-page">
            <header class="order-head">
                <div>
                    <h1>{title}</h1>
                    <p class="hint">{placed}</p>
                </div>
                <OrderStatus status=order.status.clone() />
            </header>
            {just_paid.then(|| view! {
                <p class="notice notice-success" role="status">{locale.t(BuyMsg::ThanksPaid)}</p>
            })}
            {return_sent.then(|| view! {
                <p class="notice notice-success" role="status">{locale.t(BuyMsg::ReturnSent)}</p>
            })}
            {dispute_sent.then(|| view! {
                <p class="notice notice-success" role="status">{locale.t(BuyMsg::DisputeSent)}</p>
            })}
            {pay_url.map(|href| view! {
                <div class="notice notice-warn">
                    <p>{locale.t(BuyMsg::OrderPending)}</p>
                    <a class="button button-primary button-small" href=href rel="external">{locale.t(BuyMsg::PayNow)}</a>
                </div>
            })}
            <div class="order-layout">
                <div class="order-parts">{parts}</div>
                <aside class="card order-summary" aria-labelledby="order-totals">
                    <h2 id="order-totals">{locale.t(BuyMsg::Summary)}</h2>
                    <dl class="totals">
                        <dt>{locale.t(BuyMsg::Items)}</dt>
                        <dd>{format_price(order.items_cents, locale)}</dd>
                        <dt>{locale.t(Msg::Delivery)}</dt>
                        <dd>{delivery}</dd>
                        {(order.discount_cents > 0).then(|| view! {
                            <dt>{locale.t(BuyMsg::Discount)}{order.discount_code.clone().map(|code| format!(" ({code})"))}</dt>
                            <dd class="totals-discount">{format_price(-order.discount_cents, locale)}</dd>
                        })}
                        {(order.cashback_used_cents > 0).then(|| view! {
                            <dt>{locale.t(BuyMsg::CashbackUsed)}</dt>
                            <dd class="totals-discount">{format_price(-order.cashback_used_cents, locale)}</dd>
                        })}
                        <dt class="totals-grand">{locale.t(Msg::Total)}</dt>
                        <dd class="totals-grand">{format_price(order.total_cents, locale)}</dd>
                    </dl>
                    <p class="totals-vat">{fill(locale.t(BuyMsg::VatIncluded), "amount", &format_price(order.vat_cents, locale))}</p>
                    {(order.payment.refunded_cents > 0).then(|| view! {
                        <p class="hint">{locale.t(BuyMsg::Refunded)}" "{format_price(order.payment.refunded_cents, locale)}</p>
                    })}
                    {paid_with.map(|card| view! {
                        <p class="order-card"><span class="hint">{locale.t(BuyMsg::PaidWith)}</span>" "<strong>{card}</strong></p>
                    })}
                </aside>
            </div>
        </section>
    }
    .into_any()
}
