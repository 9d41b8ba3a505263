//! "Finish in a store": the code (and its QR code) that hands this cart to a shop's till.
//! A plain form asks for a new code; the QR image is served to the code's owner only.

use leptos::prelude::*;

use crate::context::{PageContext, use_locale};
use crate::format::fill;
use crate::i18n::OmniMsg;
use crate::omni::{TillCode, live_till_code};

/// `ABCD-EFGH`: easier to read out at a counter.
fn spaced(code: &str) -> String {
    if code.len() == 8 && code.is_ascii() {
        format!("{}-{}", &code[..4], &code[4..])
    } else {
        code.to_owned()
    }
}

#[component]
pub fn TillHandoff(context: PageContext) -> impl IntoView {
    let locale = use_locale();
    let signed_in = context.user.is_some();
    let code = Resource::new_blocking(|| (), |()| live_till_code());
    let csrf = context.csrf_token.clone();
    view! {
        <aside class="card till-handoff" id="till" aria-labelledby="till-title">
            <h2 id="till-title">{locale.t(OmniMsg::TillTitle)}</h2>
            <p class="hint">{locale.t(OmniMsg::TillIntro)}</p>
            {if signed_in {
                view! {
                    <Suspense fallback=|| ()>
                        {move || {
                            let csrf = csrf.clone();
                            Suspend::new(async move {
                                let live: Option<TillCode> = code.await.ok().flatten();
                                let has_code = live.is_some();
                                view! {
                                    {live.map(|live| {
                                        let alt = fill(locale.t(OmniMsg::TillQrAlt), "code", &live.code);
                                        view! {
                                            <p class="till-code" aria-label=live.code.clone()>{spaced(&live.code)}</p>
                                            <img class="pickup-qr till-qr" src=format!("/cart/handoff/{}/qr.svg", live.code) alt=alt width="168" height="168" />
                                            <p class="hint">{locale.t(OmniMsg::TillValidity)}</p>
                                        }
                                    })}
                                    <form method="post" action="/cart/handoff">
                                        <input type="hidden" name="csrf" value=csrf />
                                        <button type="submit" class=if has_code { "button button-secondary button-block" } else { "button button-primary button-block" }>
                                            {locale.t(if has_code { OmniMsg::TillNewCode } else { OmniMsg::TillGetCode })}
                                        </button>
                                    </form>
                                }
                            })
                        }}
                    </Suspense>
                }
                .into_any()
            } else {
                view! {
                    <a class="button button-secondary button-block" href="/login?next=%2Fcart%23till" rel="external">
                        {locale.t(OmniMsg::TillSignIn)}
                    </a>
                }
                .into_any()
            }}
        </aside>
    }
}
