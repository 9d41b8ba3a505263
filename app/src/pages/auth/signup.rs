//! `/signup`.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::fields::{PasswordField, TextField};
use super::{field_error, form_error};
use crate::context::{use_locale, use_page};
use crate::i18n::Msg;

#[component]
pub fn SignupPage() -> impl IntoView {
    let locale = use_locale();
    let page = use_page();
    view! {
        <Title text=locale.t(Msg::SignupTitle) />
        <Meta name="description" content=locale.t(Msg::SignupIntro) />
        <section class="auth-card card">
            <h1>{locale.t(Msg::SignupTitle)}</h1>
            <p class="lead">{locale.t(Msg::SignupIntro)}</p>
            {
                let flash = page.flash_for("signup");
                let value = |name: &str| flash.as_ref().map(|f| f.value(name)).unwrap_or_default();
                view! {
                    {form_error(locale, &flash).map(|message| view! {
                        <p class="notice notice-error" role="alert">{message}</p>
                    })}
                    <form class="form" method="post" action="/signup">
                        <input type="hidden" name="csrf" value=page.csrf_token.clone() />
                        <TextField
                            name="name"
                            label=locale.t(Msg::NameLabel)
                            value=value("name")
                            autocomplete="name"
                            autofocus=true
                            error=field_error(locale, &flash, "name")
                        />
                        <TextField
                            name="email"
                            kind="email"
                            label=locale.t(Msg::EmailLabel)
                            value=value("email")
                            autocomplete="email"
                            error=field_error(locale, &flash, "email")
                        />
                        <PasswordField
                            autocomplete="new-password"
                            hint=Some(locale.t(Msg::PasswordHint))
                            error=field_error(locale, &flash, "password")
                        />
                        <button type="submit" class="button button-primary button-block">{locale.t(Msg::SignUp)}</button>
                    </form>
                }
            }
            <p class="auth-switch">{locale.t(Msg::AlreadyHaveAccount)}" "<a href="/login">{locale.t(Msg::LogIn)}</a></p>
        </section>
    }
}
