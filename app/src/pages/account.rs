//! `/account`: who you are on Halles, your orders and your messages.
//!
//! - [`activity`]: the latest orders and messages.

mod activity;

use api_types::{Role, ShopStatus};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::context::{PageContext, use_locale, use_page};
use crate::i18n::{Locale, Msg, WalletMsg};

#[component]
pub fn AccountPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=locale.t(Msg::AccountTitle) />
        <Meta name="robots" content="noindex" />
        <section class="container narrow">
            <h1>{locale.t(Msg::AccountTitle)}</h1>
            {account_details(locale, use_page())}
            <activity::Activity />
        </section>
    }
}

fn account_details(locale: Locale, page: PageContext) -> AnyView {
    let Some(user) = page.user else {
        return view! {
            <div class="card empty-state">
                <p>{locale.t(Msg::AccountLoginNeeded)}</p>
                <a class="button button-primary" href="/login?next=/account">{locale.t(Msg::LogIn)}</a>
            </div>
        }
        .into_any();
    };
    let roles = user
        .roles
        .iter()
        .map(|role| locale.t(role_name(*role)))
        .collect::<Vec<_>>()
        .join(", ");
    let shop = page.shop.map(|shop| {
        format!(
            "{} ({})",
            shop.name,
            locale.t(shop_status_name(shop.status))
        )
    });
    let is_staff = user.has_role(Role::Seller) || user.has_role(Role::Operator);
    view! {
        <div class="card">
            <p class="account-greeting">{locale.t(Msg::AccountGreeting)}", "{user.name.clone()}</p>
            <dl class="details">
                <dt>{locale.t(Msg::AccountEmail)}</dt>
                <dd>{user.email.clone()}</dd>
                <dt>{locale.t(Msg::AccountRoles)}</dt>
                <dd>{roles}</dd>
                {shop.map(|shop| view! {
                    <dt>{locale.t(Msg::AccountShop)}</dt>
                    <dd>{shop}</dd>
                })}
            </dl>
            <p><a href="/wallet">{locale.t(WalletMsg::Title)}</a></p>
            {is_staff.then(|| view! { <p class="hint">{locale.t(Msg::AccountConsoleHint)}</p> })}
            <form method="post" action="/logout" class="inline-form">
                <input type="hidden" name="csrf" value=page.csrf_token />
                <button type="submit" class="button button-secondary">{locale.t(Msg::LogOut)}</button>
            </form>
        </div>
    }
    .into_any()
}

fn role_name(role: Role) -> Msg {
    match role {
        Role::Shopper => Msg::RoleShopper,
        Role::Seller => Msg::RoleSeller,
        Role::Operator => Msg::RoleOperator,
    }
}

fn shop_status_name(status: ShopStatus) -> Msg {
    match status {
        ShopStatus::Pending => Msg::ShopStatusPending,
        ShopStatus::Approved => Msg::ShopStatusApproved,
        ShopStatus::Rejected => Msg::ShopStatusRejected,
        ShopStatus::Suspended => Msg::ShopStatusSuspended,
    }
}
