//! `/checkout` (logged-in shoppers; visitors are sent to log in first): how each shop's
//! part reaches the shopper, one delivery address, a discount code, the totals, and
//! "Pay", which places the order and opens the payment page. One plain form: "Update
//! the total" and "Pay" are its two submit buttons.
//!
//! - [`fulfilment`]: one shop's delivery or click & collect choice.
//! - [`address`]: the delivery address, the discount code and spending cashback.
//! - [`totals`]: the totals box with the pay button.

mod address;
mod fulfilment;
mod totals;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::buying::{
    BuyingError, CheckoutChoices, CheckoutPage as CheckoutData, SUGGESTED_STORES, load_checkout,
};
use crate::components::Loading;
use crate::context::{Flash, PageContext, use_locale, use_page};
use crate::format::fill;
use crate::i18n::{BuyMsg, Locale, Msg, PickupMsg};

/// Fields whose errors are shown beside them rather than at the top.
const FIELD_ERRORS: [&str; 6] = [
    "address.name",
    "address.line1",
    "address.postcode",
    "address.city",
    "address.country",
    "discount_code",
];

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let locale = use_locale();
    let page = use_page();
    let data = Resource::new_blocking(
        || (),
        move |()| {
            let choices = page
                .flash_for("checkout")
                .map(|flash| {
                    CheckoutChoices::from_fields(
                        flash.values.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                    )
                })
                .unwrap_or_default();
            load_checkout(choices)
        },
    );
    view! {
        <Title text=locale.t(BuyMsg::CheckoutTitle) />
        <Meta name="robots" content="noindex" />
        <section class="container checkout-page">
            <h1>{locale.t(BuyMsg::CheckoutTitle)}</h1>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    let context = use_page();
                    match data.await {
                        Ok(data) => checkout_body(locale, data, context),
                        Err(BuyingError::LoginNeeded) => view! {
                            <div class="card empty-state">
                                <p>{locale.t(Msg::AccountLoginNeeded)}</p>
                                <a class="button button-primary" href="/login?next=/checkout" rel="external">{locale.t(Msg::LogIn)}</a>
                            </div>
                        }
                        .into_any(),
                        Err(_) => view! {
                            <p class="notice notice-error" role="alert">{locale.t(Msg::LoadError)}</p>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The checkout form. Once live, choosing delivery or pickup, another store, or cashback
/// recalculates the totals at once (as "Recalculer le total" does without JavaScript), so
/// the pay button never shows a total the shopper's choices no longer give. Its content
/// is the server's HTML, never rendered in the browser.
#[island]
fn CheckoutForm(children: Children) -> impl IntoView {
    view! {
        <form class="checkout-form" method="post" action="/checkout" on:change=recalculate>
            {children()}
        </form>
    }
}

fn recalculate(ev: leptos::ev::Event) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(target) = ev
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let name = target.get_attribute("name").unwrap_or_default();
        if !(name.starts_with("method.") || name.starts_with("store.") || name == "use_cashback") {
            return;
        }
        let update = target
            .closest("form")
            .ok()
            .flatten()
            .and_then(|form| {
                form.query_selector("button[name=intent][value=update]")
                    .ok()
                    .flatten()
            })
            .and_then(|button| button.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(button) = update {
            button.click();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

fn checkout_body(locale: Locale, data: CheckoutData, context: PageContext) -> AnyView {
    if data.cart.shops.is_empty() {
        return view! {
            <div class="card empty-state">
                <p class="empty-title">{locale.t(Msg::CartEmpty)}</p>
                <p>{locale.t(Msg::CartEmptyHint)}</p>
                <a class="button button-primary" href="/">{locale.t(Msg::ContinueShopping)}</a>
            </div>
        }
        .into_any();
    }
    let flash = context.flash_for("checkout").filter(Flash::is_error);
    let values = context.flash_for("checkout");
    let choices = values
        .as_ref()
        .map(|flash| {
            CheckoutChoices::from_fields(flash.values.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        })
        .unwrap_or_default();
    // The error of the last post, or the quote's, when it blames no field of the form.
    let top_error = flash
        .as_ref()
        .filter(|flash| {
            !flash
                .field
                .as_deref()
                .is_some_and(|field| FIELD_ERRORS.contains(&field))
        })
        .map(|flash| flash.message(locale))
        .or_else(|| {
            data.problem
                .as_ref()
                .filter(|problem| problem.field.as_deref() != Some("discount_code"))
                .map(|problem| locale.t(Msg::for_error(&problem.code, problem.field.as_deref())))
        });
    // After a pickup store's `out_of_stock`: the shop's stores that have it.
    let suggested = flash
        .as_ref()
        .filter(|flash| flash.error == "out_of_stock")
        .map(|flash| flash.value(SUGGESTED_STORES))
        .filter(|stores| !stores.is_empty())
        .map(|stores| fill(locale.t(PickupMsg::SuggestedStores), "stores", &stores));
    let cart_problem = data
        .problem
        .as_ref()
        .is_some_and(|problem| problem.field.as_deref() == Some("cart"));
    let discount_error = flash
        .as_ref()
        .and_then(|flash| flash.error_for(locale, "discount_code"))
        .or_else(|| {
            data.problem
                .as_ref()
                .filter(|problem| problem.field.as_deref() == Some("discount_code"))
                .map(|problem| locale.t(Msg::for_error(&problem.code, Some("discount_code"))))
        });
    let value = |name: &str| values.as_ref().map(|f| f.value(name)).unwrap_or_default();
    let default_name = context
        .user
        .as_ref()
        .map(|u| u.name.clone())
        .unwrap_or_default();
    let address = address::AddressValues {
        name: Some(value("address.name"))
            .filter(|v| !v.is_empty())
            .unwrap_or(default_name),
        line1: value("address.line1"),
        line2: value("address.line2"),
        postcode: value("address.postcode"),
        city: value("address.city"),
    };
    let shops = data
        .cart
        .shops
        .iter()
        .cloned()
        .map(|shop| {
            let stores = data.stores_of(&shop.shop_id).to_vec();
            let method = choices.method(&shop.shop_id).to_owned();
            let store = choices.store(&shop.shop_id).map(str::to_owned);
            view! { <fulfilment::Fulfilment shop stores method store /> }
        })
        .collect_view();
    view! {
        <p class="lead">{locale.t(BuyMsg::CheckoutIntro)}</p>
        {top_error.map(|message| view! {
            <div class="notice notice-error" role="alert">
                <p>{message}</p>
                {suggested.map(|stores| view! { <p>{stores}</p> })}
                {cart_problem.then(|| view! {
                    <a class="button button-secondary button-small" href="/cart">{locale.t(BuyMsg::BackToCart)}</a>
                })}
            </div>
        })}
        <CheckoutForm>
            <input type="hidden" name="csrf" value=context.csrf_token.clone() />
            <div class="checkout-layout">
                <div class="checkout-main">
                    <section class="card checkout-step" aria-labelledby="step-receive">
                        <h2 id="step-receive"><span class="step-number">"1"</span>{locale.t(BuyMsg::HowToReceive)}</h2>
                        {shops}
                    </section>
                    <address::AddressStep values=address flash=flash.clone() />
                    <address::DiscountStep
                        code=choices.discount_code.clone()
                        error=discount_error
                        applied=data.quote.as_ref().is_some_and(|q| q.discount_cents > 0)
                    />
                    {(data.cashback_available_cents > 0).then(|| view! {
                        <address::CashbackStep
                            available_cents=data.cashback_available_cents
                            checked=choices.use_cashback
                        />
                    })}
                </div>
                <totals::Totals cart=data.cart.clone() quote=data.quote.clone() can_pay=!cart_problem />
            </div>
        </CheckoutForm>
    }
    .into_any()
}
