//! `/login`.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use super::fields::{PasswordField, TextField};
use super::{field_error, form_error, safe_next};
use crate::context::{use_locale, use_page};
use crate::i18n::Msg;

#[component]
pub fn LoginPage() -> impl IntoView {
    let locale = use_locale();
    let page = use_page();
    let query = use_query_map();
    let next = query
        .with_untracked(|q| q.get("next"))
        .and_then(|n| safe_next(&n))
        .unwrap_or_default();
    view! {
        <Title text=locale.t(Msg::LoginTitle) />
        <Meta name="robots" content="noindex" />
        <section class="auth-card card">
            <h1>{locale.t(Msg::LoginTitle)}</h1>
            <p class="lead">{locale.t(Msg::LoginIntro)}</p>
            {
                let flash = page.flash_for("login");
                let email = flash.as_ref().map(|f| f.value("email")).unwrap_or_default();
                view! {
                    {form_error(locale, &flash).map(|message| view! {
                        <p class="notice notice-error" role="alert">{message}</p>
                    })}
                    <form class="form" method="post" action="/login">
                        <input type="hidden" name="csrf" value=page.csrf_token.clone() />
                        <input type="hidden" name="next" value=next.clone() />
                        <TextField
                            name="email"
                            kind="email"
                            label=locale.t(Msg::EmailLabel)
                            value=email
                            autocomplete="username"
                            autofocus=true
                            error=field_error(locale, &flash, "email")
                        />
                        <PasswordField autocomplete="current-password" />
                        <button type="submit" class="button button-primary button-block">{locale.t(Msg::LogIn)}</button>
                    </form>
                }
            }
            <p class="auth-switch">{locale.t(Msg::NoAccountYet)}" "<a href="/signup">{locale.t(Msg::SignUp)}</a></p>
        </section>
    }
}
