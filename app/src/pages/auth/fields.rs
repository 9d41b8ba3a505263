//! Form fields with a label, an error tied to the input, and a show-password toggle
//! that appears once the page's islands are live.

use leptos::prelude::*;

use crate::context::{use_live, use_locale};
use crate::i18n::Msg;

/// A labelled input. `error`, when present, is announced and linked to the input.
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] value: String,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(default = None)] error: Option<&'static str>,
    #[prop(optional)] autofocus: bool,
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
                type=kind
                value=value
                required=true
                autocomplete=autocomplete
                autofocus=autofocus
                aria-invalid=has_error.then_some("true")
                aria-describedby=has_error.then_some(error_id.clone())
            />
            {error.map(|message| view! { <p class="field-error" id=error_id>{message}</p> })}
        </div>
    }
}

/// A password input with a hint and, once live, a button to show what was typed.
#[component]
pub fn PasswordField(
    autocomplete: &'static str,
    #[prop(default = None)] hint: Option<&'static str>,
    #[prop(default = None)] error: Option<&'static str>,
) -> AnyView {
    let locale = use_locale();
    let has_error = error.is_some();
    let described_by = match (has_error, hint.is_some()) {
        (true, _) => Some("field-password-error"),
        (false, true) => Some("field-password-hint"),
        (false, false) => None,
    };
    view! {
        <div class="field" class:field-invalid=has_error>
            <label for="field-password">{locale.t(Msg::PasswordLabel)}</label>
            <PasswordInput
                autocomplete=autocomplete.to_owned()
                invalid=has_error
                described_by=described_by.map(str::to_owned)
            />
            {hint.map(|hint| view! { <p class="field-hint" id="field-password-hint">{hint}</p> })}
            {error.map(|message| view! { <p class="field-error" id="field-password-error">{message}</p> })}
        </div>
    }
    .into_any()
}

/// The input and its show/hide toggle: the one part of the field that runs in the browser.
#[island]
fn PasswordInput(
    autocomplete: String,
    invalid: bool,
    described_by: Option<String>,
) -> impl IntoView {
    let locale = use_locale();
    let live = use_live();
    let visible = RwSignal::new(false);
    view! {
        <div class="password-row">
            <input
                id="field-password"
                name="password"
                type=move || if visible.get() { "text" } else { "password" }
                required=true
                minlength="8"
                autocomplete=autocomplete
                aria-invalid=invalid.then_some("true")
                aria-describedby=described_by
            />
            <Show when=move || live.get()>
                <button
                    type="button"
                    class="button button-ghost password-toggle"
                    aria-controls="field-password"
                    aria-pressed=move || visible.get().to_string()
                    on:click=move |_| visible.update(|v| *v = !*v)
                >
                    {move || locale.t(if visible.get() { Msg::HidePassword } else { Msg::ShowPassword })}
                </button>
            </Show>
        </div>
    }
}
