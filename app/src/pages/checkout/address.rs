//! The delivery address (one for every delivered part) and the discount code.

use leptos::prelude::*;

use crate::context::{Flash, use_locale};
use crate::format::{fill, format_price};
use crate::i18n::BuyMsg;

/// What to refill the address fields with.
#[derive(Debug, Clone, Default)]
pub struct AddressValues {
    pub name: String,
    pub line1: String,
    pub line2: String,
    pub postcode: String,
    pub city: String,
}

/// A labelled input of the checkout, its error tied to it.
#[component]
fn Field(
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] optional: bool,
    #[prop(optional)] inputmode: &'static str,
    #[prop(optional)] class: &'static str,
    error: Option<&'static str>,
) -> impl IntoView {
    let id = format!("field-{}", name.replace('.', "-"));
    let error_id = format!("{id}-error");
    let has_error = error.is_some();
    view! {
        <div class=format!("field {class}") class:field-invalid=has_error>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type="text"
                value=value
                autocomplete=autocomplete
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                aria-required=(!optional).then_some("true")
                aria-invalid=has_error.then_some("true")
                aria-describedby=has_error.then_some(error_id.clone())
            />
            {error.map(|message| view! { <p class="field-error" id=error_id>{message}</p> })}
        </div>
    }
}

#[component]
pub fn AddressStep(values: AddressValues, flash: Option<Flash>) -> AnyView {
    let locale = use_locale();
    let error = |field: &str| flash.as_ref().and_then(|f| f.error_for(locale, field));
    view! {
        <section class="card checkout-step" aria-labelledby="step-address">
            <h2 id="step-address"><span class="step-number">"2"</span>{locale.t(BuyMsg::AddressTitle)}</h2>
            <p class="hint">{locale.t(BuyMsg::AddressOnlyDelivery)}</p>
            <div class="address-grid">
                <Field name="address.name" label=locale.t(BuyMsg::AddrName) value=values.name autocomplete="shipping name" class="span-2" error=error("address.name") />
                <Field name="address.line1" label=locale.t(BuyMsg::AddrLine1) value=values.line1 autocomplete="shipping address-line1" class="span-2" error=error("address.line1") />
                <Field name="address.line2" label=locale.t(BuyMsg::AddrLine2) value=values.line2 autocomplete="shipping address-line2" class="span-2" optional=true error=None />
                <Field name="address.postcode" label=locale.t(BuyMsg::AddrPostcode) value=values.postcode autocomplete="shipping postal-code" inputmode="numeric" error=error("address.postcode") />
                <Field name="address.city" label=locale.t(BuyMsg::AddrCity) value=values.city autocomplete="shipping address-level2" error=error("address.city") />
            </div>
            {error("address.country").map(|message| view! { <p class="field-error">{message}</p> })}
            <p class="hint">{locale.t(BuyMsg::FranceOnly)}</p>
        </section>
    }
    .into_any()
}

#[component]
pub fn DiscountStep(code: String, error: Option<&'static str>, applied: bool) -> AnyView {
    let locale = use_locale();
    let has_error = error.is_some();
    let applied_text = (applied && !code.is_empty()).then(|| {
        fill(
            locale.t(BuyMsg::DiscountApplied),
            "code",
            &code.to_uppercase(),
        )
    });
    view! {
        <section class="card checkout-step" aria-labelledby="step-discount">
            <h2 id="step-discount"><span class="step-number">"3"</span>{locale.t(BuyMsg::DiscountTitle)}</h2>
            <div class="field" class:field-invalid=has_error>
                <label class="visually-hidden" for="field-discount_code">{locale.t(BuyMsg::DiscountTitle)}</label>
                <div class="inline-row">
                    <input
                        id="field-discount_code"
                        name="discount_code"
                        type="text"
                        value=code
                        autocomplete="off"
                        autocapitalize="characters"
                        aria-invalid=has_error.then_some("true")
                        aria-describedby=has_error.then_some("field-discount_code-error")
                    />
                    <button type="submit" name="intent" value="update" class="button button-secondary">{locale.t(BuyMsg::DiscountApply)}</button>
                </div>
                {error.map(|message| view! { <p class="field-error" id="field-discount_code-error">{message}</p> })}
                {applied_text.map(|text| view! { <p class="field-ok">{text}</p> })}
            </div>
        </section>
    }
    .into_any()
}

/// "Use my cashback": shown when the wallet holds some; the quote then takes it off.
#[component]
pub fn CashbackStep(available_cents: i64, checked: bool) -> AnyView {
    let locale = use_locale();
    let label = fill(
        locale.t(BuyMsg::CashbackUseLabel),
        "amount",
        &format_price(available_cents, locale),
    );
    view! {
        <section class="card checkout-step" aria-labelledby="step-cashback">
            <h2 id="step-cashback"><span class="step-number">"4"</span>{locale.t(BuyMsg::CashbackUseTitle)}</h2>
            <div class="field">
                <div class="cashback-row">
                    <label class="checkbox-label">
                        <input type="checkbox" name="use_cashback" value="1" checked=checked />
                        " "{label}
                    </label>
                    <button type="submit" name="intent" value="update" class="button button-secondary">{locale.t(BuyMsg::UpdateTotals)}</button>
                </div>
                <p class="hint">{locale.t(BuyMsg::CashbackUseHint)}</p>
            </div>
        </section>
    }
    .into_any()
}
