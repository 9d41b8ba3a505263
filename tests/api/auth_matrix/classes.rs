//! Who may call what: every route falls in a [`Class`], and the class alone says what each
//! role must get ([`Class::expect`]). API routes are classed from their path and their
//! OpenAPI `security` ([`api_class`]), with the few exceptions listed in
//! [`API_EXCEPTIONS`]; routes outside the API are classed in [`WEB_CLASSES`].

use super::roles::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Anyone, signed in or not: the catalog, signing up, files.
    Public,
    /// Anyone; a visitor acts on a guest cart or gets an empty answer. Own data only.
    Guest,
    /// An object of the shopper's guest-or-account cart: nobody else finds it.
    GuestObject,
    /// Any signed-in account, on its own data.
    Account,
    /// An object of the shopper's (order, dispute, token): nobody else finds it.
    ShopperObject,
    /// The staff of any shop, on their own shop.
    Staff,
    /// An object of the seller's shop: another shop's staff finds nothing, an account
    /// without a shop is refused.
    StaffObject,
    /// A cart handed to the tills by code: any shop's staff may read it, and sees only its
    /// own shop's lines.
    Till,
    /// Platform operators only.
    Operator,
    /// Static files that may be absent (the wasm bundle when the site is not built):
    /// public, and only checked for leaks.
    Asset,
    /// A payment provider's callback: only its signature lets it in, never a session.
    Webhook,
}

/// What a role must get, before the surface turns it into statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Past authorisation: a success, or a refusal of the request itself (400/409/422…).
    Allowed,
    /// Not signed in: 401 (a form or page sends the visitor to log in).
    Unauthenticated,
    /// Signed in without the role: 403.
    Forbidden,
    /// Someone else's object: 404, as if it did not exist.
    NotFound,
    /// Any refusal (4xx), whoever calls.
    Refused,
    /// Any answer but a server error.
    Anything,
}

impl Class {
    pub fn expect(self, role: Role) -> Expect {
        use Expect::{Allowed, Forbidden, NotFound, Refused, Unauthenticated};
        use Role::{Anonymous, Operator, OtherShopStaff, SellerStaff, Shopper};
        match (self, role) {
            (Class::Public | Class::Guest, _) => Allowed,
            (Class::Asset, _) => Expect::Anything,
            (Class::Webhook, _) => Refused,
            (Class::GuestObject, Shopper) => Allowed,
            (Class::GuestObject, _) => NotFound,
            (_, Anonymous) => Unauthenticated,
            (Class::Account, _) => Allowed,
            (Class::ShopperObject, Shopper) => Allowed,
            (Class::ShopperObject, _) => NotFound,
            (Class::Staff | Class::Till, SellerStaff | OtherShopStaff) => Allowed,
            (Class::StaffObject, SellerStaff) => Allowed,
            (Class::StaffObject, OtherShopStaff) => NotFound,
            (Class::Staff | Class::StaffObject | Class::Till, _) => Forbidden,
            (Class::Operator, Operator) => Allowed,
            (Class::Operator, _) => Forbidden,
        }
    }
}

/// API routes whose path or security alone would class them wrongly.
const API_EXCEPTIONS: &[(&str, &str, Class, &str)] = &[
    (
        "post",
        "/seller/shop",
        Class::Account,
        "any account may apply to open a shop",
    ),
    (
        "get",
        "/products/{id}",
        Class::Public,
        "a product is public; a session only records the visit",
    ),
    (
        "post",
        "/offers/{id}/report",
        Class::Account,
        "the offer is public; any account may report it",
    ),
    (
        "delete",
        "/wishlist/{product_id}",
        Class::Account,
        "the product is public; the wishlist is the caller's",
    ),
    ("get", "/seller/till/{code}", Class::Till, "see Class::Till"),
    (
        "post",
        "/seller/till/{code}/sale",
        Class::Till,
        "see Class::Till",
    ),
    (
        "post",
        "/webhooks/stripe",
        Class::Webhook,
        "signed by the provider",
    ),
];

/// The class of an API operation: an exception, else from its path (`/operator/…`,
/// `/seller/…`, an id in the path) and whether it is documented as public
/// (`security: [{}]`) or as taking a visitor too (`[{}, bearer, session]`).
pub fn api_class(method: &str, path: &str, public: bool, visitors_too: bool) -> Class {
    if let Some((_, _, class, _)) = API_EXCEPTIONS
        .iter()
        .find(|(m, p, _, _)| *m == method && *p == path)
    {
        return *class;
    }
    let has_id = path.contains('{');
    if path.starts_with("/operator/") {
        Class::Operator
    } else if path.starts_with("/seller/") {
        if has_id {
            Class::StaffObject
        } else {
            Class::Staff
        }
    } else if public {
        Class::Public
    } else if visitors_too {
        if has_id {
            Class::GuestObject
        } else {
            Class::Guest
        }
    } else if has_id {
        Class::ShopperObject
    } else {
        Class::Account
    }
}

/// The routes outside the API, by method and path as the server lists them
/// (`server::http::router::non_api_routes`). A new one must be added here.
pub const WEB_CLASSES: &[(&str, &str, Class)] = &[
    ("GET", "/healthz", Class::Public),
    ("GET", "/assets/halles.css", Class::Public),
    ("GET", "/assets/favicon.svg", Class::Public),
    ("GET", "/robots.txt", Class::Public),
    ("GET", "/sitemap.xml", Class::Public),
    ("GET", "/images/products/{id}", Class::Public),
    (
        "GET",
        "/orders/{id}/parts/{part_id}/pickup-qr.svg",
        Class::ShopperObject,
    ),
    // Form posts.
    ("POST", "/login", Class::Public),
    ("POST", "/signup", Class::Public),
    ("POST", "/logout", Class::Public),
    ("POST", "/cart/items", Class::Guest),
    ("POST", "/cart/items/{item_id}", Class::GuestObject),
    ("POST", "/cart/items/{item_id}/remove", Class::GuestObject),
    ("POST", "/cart/handoff", Class::Account),
    ("GET", "/cart/handoff/{code}/qr.svg", Class::ShopperObject),
    ("POST", "/wishlist", Class::Account),
    ("POST", "/wishlist/{product_id}/remove", Class::Account),
    ("POST", "/checkout", Class::Account),
    ("POST", "/pay/{id}", Class::ShopperObject),
    ("POST", "/pay/{id}/cancel", Class::ShopperObject),
    (
        "POST",
        "/orders/{id}/parts/{part_id}/return",
        Class::ShopperObject,
    ),
    (
        "POST",
        "/orders/{id}/parts/{part_id}/dispute",
        Class::ShopperObject,
    ),
    ("POST", "/offers/{id}/report", Class::Account),
    // Pages.
    ("GET", "/", Class::Public),
    ("GET", "/search", Class::Public),
    ("GET", "/categories/{slug}", Class::Public),
    ("GET", "/products/{id}", Class::Public),
    ("GET", "/products/{id}/{slug}", Class::Public),
    ("GET", "/shops/{slug}", Class::Public),
    ("GET", "/cart", Class::Guest),
    ("GET", "/checkout", Class::Account),
    ("GET", "/account", Class::Account),
    ("GET", "/wallet", Class::Account),
    ("GET", "/wishlist", Class::Guest),
    ("GET", "/orders/{id}", Class::ShopperObject),
    ("GET", "/pay/{id}", Class::ShopperObject),
    ("GET", "/login", Class::Public),
    ("GET", "/signup", Class::Public),
    ("GET", "/pkg/{*file}", Class::Asset),
    // Server functions (all read-only loaders).
    ("POST", "/_fn/page_context", Class::Guest),
    ("POST", "/_fn/search_products", Class::Public),
    ("POST", "/_fn/find_product", Class::Public),
    ("POST", "/_fn/find_shop", Class::Public),
    ("POST", "/_fn/list_categories", Class::Public),
    ("POST", "/_fn/list_shops", Class::Public),
    ("POST", "/_fn/recently_viewed", Class::Guest),
    ("POST", "/_fn/load_cart", Class::Guest),
    ("POST", "/_fn/live_till_code", Class::Guest),
    ("POST", "/_fn/load_wishlist", Class::Guest),
    ("POST", "/_fn/seen_in_app", Class::Guest),
    ("POST", "/_fn/recommended", Class::Guest),
    ("POST", "/_fn/load_checkout", Class::Account),
    ("POST", "/_fn/load_wallet", Class::Account),
    ("POST", "/_fn/load_account_activity", Class::Account),
    ("POST", "/_fn/load_payment", Class::ShopperObject),
    ("POST", "/_fn/load_order", Class::ShopperObject),
    // Reads only the session's own disputes, whatever the order asked for.
    ("POST", "/_fn/load_order_disputes", Class::Account),
    ("POST", "/_fn/load_pickups", Class::ShopperObject),
];
