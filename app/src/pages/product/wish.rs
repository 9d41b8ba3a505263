//! The product page's wishlist button: a plain form that adds the product to the
//! shopper's wishlist, or takes it off (a visitor is asked to sign in first).

use leptos::prelude::*;

use crate::context::{PageContext, use_locale};
use crate::i18n::OmniMsg;

/// `wished`: the product is on the signed-in shopper's list.
#[component]
pub fn WishButton(
    product_id: String,
    back: String,
    context: PageContext,
    wished: bool,
) -> impl IntoView {
    let locale = use_locale();
    let on_list = context.user.is_some() && wished;
    let action = if on_list {
        format!("/wishlist/{product_id}/remove")
    } else {
        "/wishlist".to_owned()
    };
    view! {
        <form method="post" action=action class="wish-form">
            <input type="hidden" name="csrf" value=context.csrf_token />
            <input type="hidden" name="product_id" value=product_id />
            <input type="hidden" name="back" value=back />
            <button type="submit" class="button button-ghost wish-button" aria-pressed=if on_list { "true" } else { "false" }>
                <span aria-hidden="true" class="wish-heart">{if on_list { "♥" } else { "♡" }}</span>
                " "
                {locale.t(if on_list { OmniMsg::WishlistRemove } else { OmniMsg::WishlistAdd })}
            </button>
            {on_list.then(|| view! { <span class="wish-saved">{locale.t(OmniMsg::WishlistSaved)}</span> })}
        </form>
    }
}
