//! `/pay/{order_id}`: the sandbox payment provider's hosted page. It shows the amount,
//! the order number, the merchant and how long the items stay reserved, and takes a
//! card. The card number is posted once and never comes back: after a refusal the form
//! is shown again with that field empty. Only the order's owner sees the page.

use std::time::Duration;

use api_types::orders::Order;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::buying::{BuyingError, PaymentPage, load_payment};
use crate::components::{Loading, SeeOther};
use crate::context::{Flash, PageContext, use_locale, use_page};
use crate::format::{clock, fill, format_price};
use crate::i18n::{BuyMsg, Locale, Msg};
use crate::pages::NotFoundPage;

/// The sandbox's test cards: number, and what it does.
const TEST_CARDS: [(&str, BuyMsg); 3] = [
    ("4242 4242 4242 4242", BuyMsg::TestCardOk),
    ("4000 0000 0000 0002", BuyMsg::TestCardDeclined),
    ("4000 0000 0000 9995", BuyMsg::TestCardFunds),
];

#[component]
pub fn PayPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let data = Resource::new_blocking(move || id.get(), load_payment);
    view! {
        <Title text=locale.t(BuyMsg::PayTitle) />
        <Meta name="robots" content="noindex" />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let context = use_page();
                match data.await {
                    Ok(data) => pay_body(locale, data, context),
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

fn is_paid(order: &Order) -> bool {
    matches!(
        order.payment.status.as_str(),
        "captured" | "partially_refunded" | "refunded"
    )
}

fn pay_body(locale: Locale, data: PaymentPage, context: PageContext) -> AnyView {
    let order = data.order;
    if is_paid(&order) {
        return view! { <SeeOther href=format!("/orders/{}", order.id) /> }.into_any();
    }
    let head = view! {
        <header class="pay-head">
            <span class="pay-brand">
                <svg class="pay-lock" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                    <rect x="5" y="10" width="14" height="10" rx="2" fill="currentColor" />
                    <path d="M8 10V7a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" stroke-width="2" />
                </svg>
                "Halles Pay"
            </span>
            <span class="badge badge-sandbox">{locale.t(BuyMsg::Sandbox)}</span>
        </header>
        <dl class="pay-facts">
            <dt>{locale.t(BuyMsg::Merchant)}</dt>
            <dd>"Halles"</dd>
            <dt>{locale.t(BuyMsg::OrderLabel)}</dt>
            <dd class="pay-number">{order.number.clone()}</dd>
        </dl>
        <p class="pay-amount">
            <span class="hint">{locale.t(BuyMsg::Amount)}</span>
            <span class="pay-total">{format_price(order.total_cents, locale)}</span>
        </p>
    };
    let payable = order.status == "pending_payment"
        && matches!(order.payment.status.as_str(), "pending" | "processing");
    let body = if !payable {
        let message = match order.status.as_str() {
            "expired" => BuyMsg::OrderExpired,
            "cancelled" => BuyMsg::OrderCancelled,
            _ => BuyMsg::OrderFailed,
        };
        view! {
            <p class="notice notice-error" role="alert">{locale.t(message)}</p>
            <a class="button button-primary button-block" href="/cart">{locale.t(BuyMsg::BackToCart)}</a>
        }
        .into_any()
    } else {
        pay_form(locale, &order, data.seconds_left, &context)
    };
    view! {
        <section class="pay-page">
            <div class="card pay-card">
                {head}
                {body}
            </div>
            <p class="hint pay-sandbox-note">{locale.t(BuyMsg::SandboxNote)}</p>
        </section>
    }
    .into_any()
}

fn pay_form(locale: Locale, order: &Order, seconds_left: i64, context: &PageContext) -> AnyView {
    let flash = context.flash_for("pay").filter(Flash::is_error);
    let values = context.flash_for("pay");
    let value = |name: &str| values.as_ref().map(|f| f.value(name)).unwrap_or_default();
    let field_error = |field: &str| flash.as_ref().and_then(|f| f.error_for(locale, field));
    let top_error = flash
        .as_ref()
        .filter(|f| {
            !matches!(
                f.field.as_deref(),
                Some("card_number" | "expiry" | "cvc" | "name")
            )
        })
        .map(|f| f.message(locale));
    let pay_label = fill(
        locale.t(BuyMsg::PayAmount),
        "amount",
        &format_price(order.total_cents, locale),
    );
    let action = format!("/pay/{}", order.id);
    let cancel = format!("/pay/{}/cancel", order.id);
    let test_cards = TEST_CARDS
        .iter()
        .map(|(number, outcome)| view! { <li><code>{*number}</code>" — "{locale.t(*outcome)}</li> })
        .collect_view();
    view! {
        <PayTimer seconds_left />
        {top_error.map(|message| view! { <p class="notice notice-error" role="alert">{message}</p> })}
        <form class="form pay-form" method="post" action=action>
            <input type="hidden" name="csrf" value=context.csrf_token.clone() />
            <CardField name="card_number" label=locale.t(BuyMsg::CardNumber) value=String::new()
                autocomplete="cc-number" inputmode="numeric" placeholder="1234 1234 1234 1234"
                error=field_error("card_number") />
            <div class="pay-row">
                <CardField name="expiry" label=locale.t(BuyMsg::Expiry) value=value("expiry")
                    autocomplete="cc-exp" placeholder=if locale == Locale::Fr { "MM/AA" } else { "MM/YY" }
                    error=field_error("expiry") />
                <CardField name="cvc" label=locale.t(BuyMsg::Cvc) value=String::new()
                    autocomplete="cc-csc" inputmode="numeric" placeholder="123"
                    error=field_error("cvc") />
            </div>
            <CardField name="name" label=locale.t(BuyMsg::CardName) value=value("name")
                autocomplete="cc-name" error=field_error("name") />
            <button type="submit" class="button button-primary button-block button-large">{pay_label}</button>
        </form>
        <form class="pay-cancel" method="post" action=cancel>
            <input type="hidden" name="csrf" value=context.csrf_token.clone() />
            <button type="submit" class="link-button">{locale.t(BuyMsg::CancelAndReturn)}</button>
        </form>
        <aside class="test-cards" aria-labelledby="test-cards-title">
            <p class="test-cards-title" id="test-cards-title">{locale.t(BuyMsg::TestCardsTitle)}</p>
            <ul>{test_cards}</ul>
            <p class="hint">{locale.t(BuyMsg::TestCardsNote)}</p>
        </aside>
    }
    .into_any()
}

/// How long the items stay reserved, counting down once the page is live.
#[island]
fn PayTimer(seconds_left: i64) -> impl IntoView {
    let locale = use_locale();
    let left = RwSignal::new(seconds_left);
    Effect::new(move |_| {
        if let Ok(handle) = set_interval_with_handle(
            move || {
                left.try_update(|s| *s = (*s - 1).max(0));
            },
            Duration::from_secs(1),
        ) {
            on_cleanup(move || handle.clear());
        }
    });
    view! {
        <p class="pay-timer" role="timer" aria-live="off">
            {locale.t(BuyMsg::TimeLeft)}" "<strong>{move || clock(left.get())}</strong>
        </p>
    }
}

/// A card form input, with its error tied to it.
#[component]
fn CardField(
    name: &'static str,
    label: &'static str,
    value: String,
    autocomplete: &'static str,
    #[prop(optional)] inputmode: &'static str,
    #[prop(optional)] placeholder: &'static str,
    error: Option<&'static str>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let has_error = error.is_some();
    view! {
        <div class="field" class:field-invalid=has_error>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type="text"
                value=value
                required=true
                autocomplete=autocomplete
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                placeholder=placeholder
                spellcheck="false"
                aria-invalid=has_error.then_some("true")
                aria-describedby=has_error.then_some(error_id.clone())
            />
            {error.map(|message| view! { <p class="field-error" id=error_id>{message}</p> })}
        </div>
    }
}
