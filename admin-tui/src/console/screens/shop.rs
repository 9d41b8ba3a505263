//! The shop: the profile (read-only for now), and the application form a shopper
//! without a shop fills in to open one.

#[cfg(test)]
mod tests;

use api_types::ShopSummary;
use api_types::selling::{CreateShopRequest, SellerShop};

use super::form::{Form, FormField, FormKind, Value};
use super::{Desk, Out, form_edit};
use crate::client::ApiError;
use crate::console::action::{Action, ApiCall, Effect};
use crate::console::state::Session;

/// The empty "open a shop" form.
pub fn open_shop_form() -> Form {
    Form::new(
        FormKind::OpenShop,
        vec![
            FormField::new("name", "Shop name", Value::Text(String::new()))
                .hint("e.g. Ada's Attic"),
            FormField::new("slug", "Address (slug)", Value::Text(String::new()))
                .hint("e.g. adas-attic (a-z, 0-9 and dashes)"),
            FormField::new("description", "Description", Value::Text(String::new()))
                .hint("what you sell, in a sentence (optional)"),
        ],
    )
}

/// The summary shown in the header, from the full shop.
pub fn summary(shop: &SellerShop) -> ShopSummary {
    ShopSummary {
        id: shop.id.clone(),
        slug: shop.slug.clone(),
        name: shop.name.clone(),
        status: shop.status,
    }
}

/// A key on the "open a shop" form.
pub fn open_shop_key(desk: &mut Desk, action: Action, out: &mut Out) -> Option<Effect> {
    let form = &mut desk.open_shop;
    if form.pending.is_some() {
        return None;
    }
    match action {
        Action::FocusNext | Action::Down => form.move_focus(false),
        Action::FocusPrev | Action::Up => form.move_focus(true),
        Action::Submit => {
            form.clear_errors();
            let request = CreateShopRequest {
                name: form.text("name").to_owned(),
                slug: form.text("slug").to_owned(),
                description: form.text("description").to_owned(),
            };
            let (id, effect) = out.call(ApiCall::CreateShop(request));
            form.pending = Some(id);
            return Some(effect);
        }
        action => {
            let edit = form_edit(&action)?;
            form.edit(edit, &[]);
        }
    }
    None
}

/// The answer to the shop application. On success the seller screens open; the caller
/// reloads `/me`, which loads them.
pub fn created(
    session: &mut Session,
    request: u64,
    result: Result<SellerShop, ApiError>,
    out: &mut Out,
) {
    let desk = &mut session.desk;
    if desk.open_shop.pending != Some(request) {
        return;
    }
    desk.open_shop.pending = None;
    match result {
        Ok(shop) => {
            out.info(format!(
                "“{}” is open and waits for an operator's approval.",
                shop.name
            ));
            session.shop = Some(summary(&shop));
            desk.open_shop = open_shop_form();
            desk.tab = super::Tab::Dashboard;
        }
        Err(error) => desk.open_shop.show_error(&error),
    }
}
