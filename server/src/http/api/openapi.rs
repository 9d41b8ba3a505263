//! The OpenAPI 3.1 document of `/api/v1`, generated from the handlers' `#[utoipa::path]`
//! annotations, served at `GET /api/v1/openapi.json` and as a reference page at
//! `GET /api/v1/docs`.
//!
//! [`ApiRoutes`] is the only way a resource module adds a route: it accepts what
//! `utoipa_axum::routes!` builds from annotated handlers, so the router and the document
//! come from the same annotations and cannot drift. The pieces the annotations share live
//! here: the tags ([`tag`]), the error responses ([`Unauthenticated`], [`JsonBody`]…),
//! the `Idempotency-Key` header ([`IdempotencyKey`]) and the security schemes
//! ([`BEARER`], [`SESSION`]).
//!
//! The reference page is plain server-rendered HTML ([`reference`]): no script, no CDN,
//! so it works offline and under a `script-src 'none'` policy. Redoc, Scalar and RapiDoc
//! (the utoipa bindings) all load their JavaScript from a CDN.

mod reference;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use api_types::ErrorBody;
use axum::body::Bytes;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{
    Components, Content, InfoBuilder, OpenApi, OpenApiBuilder, Ref, RefOr, Required,
    Response as DocResponse, ResponseBuilder, Server, Tag,
};
use utoipa::{IntoParams, IntoResponses, PartialSchema, ToSchema};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::http::error::ApiError;
use crate::state::AppState;

/// Security scheme: `Authorization: Bearer <token>`, the token of `POST /auth/login`.
pub const BEARER: &str = "bearer";
/// Security scheme: the web app's session cookie (with `X-CSRF-Token` on writes).
pub const SESSION: &str = "session";

/// The tags that group operations, in the order the reference page lists them.
pub mod tag {
    pub const ACCOUNTS: &str = "Accounts";
    pub const CATALOG: &str = "Catalog";
    pub const CART: &str = "Cart and checkout";
    pub const ORDERS: &str = "Orders";
    pub const WALLET: &str = "Wallet and notifications";
    pub const DISPUTES: &str = "Disputes";
    pub const SELLER_SHOP: &str = "Seller: shop and offers";
    pub const SELLER_STOCK: &str = "Seller: stock";
    pub const SELLER_ORDERS: &str = "Seller: orders";
    pub const SELLER_MONEY: &str = "Seller: cashback, discounts, payouts";
    pub const OPERATOR: &str = "Operator";
    pub const ANALYTICS: &str = "Analytics";
    pub const WEBHOOKS: &str = "Webhooks";
    pub const REFERENCE: &str = "Reference";
    pub const CONTINUITY: &str = "Wishlist and continuity";
    pub const TILL: &str = "In store: hand-off and till";

    /// Every tag with what it is about.
    pub const ALL: [(&str, &str); 16] = [
        (ACCOUNTS, "Sign up, log in for a token, log out, who am I."),
        (
            CATALOG,
            "The public catalog: products with their offers, shops, categories.",
        ),
        (
            CART,
            "The cart (an account's, or a visitor's guest cart by cookie), quote and checkout.",
        ),
        (ORDERS, "A shopper's orders: pay, cancel, ask for a return."),
        (
            WALLET,
            "The cashback wallet (a ledger, never a mutable number) and messages.",
        ),
        (
            DISPUTES,
            "Disputes on a seller order, from the shopper, the shop and operators.",
        ),
        (
            SELLER_SHOP,
            "A shop's own page, locations and offers, for its staff.",
        ),
        (SELLER_STOCK, "Stock per location, transfers, movements."),
        (
            SELLER_ORDERS,
            "A shop's part of each order and the steps of its fulfilment.",
        ),
        (
            SELLER_MONEY,
            "Who pays for extra cashback, discount codes, what the shop earned.",
        ),
        (
            OPERATOR,
            "Platform operators: moderation, settings, audit log, campaigns, payouts.",
        ),
        (ANALYTICS, "A shop's dashboard and the platform's figures."),
        (
            CONTINUITY,
            "What follows a shopper on every device: wishlist, recently viewed, \
             recommendations, named API tokens.",
        ),
        (
            TILL,
            "A cart handed to a seller's till by code, and the till's sale (in store or \
             the endless aisle).",
        ),
        (WEBHOOKS, "Payment providers calling back."),
        (REFERENCE, "This document and its reference page."),
    ];
}

/// The routes of the JSON API with their OpenAPI description. Routes are added only as
/// annotated handlers (`routes!`), never as bare axum routes.
#[derive(Default)]
pub struct ApiRoutes(OpenApiRouter<AppState>);

impl ApiRoutes {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the handlers of one path: `routes!(list_offers, create_offer)`. Every handler of
    /// one `routes!` must have the same path (utoipa-axum routes each path to them all).
    pub fn routes(self, handlers: UtoipaMethodRouter<AppState>) -> Self {
        Self(self.0.routes(handlers))
    }

    pub fn merge(self, other: ApiRoutes) -> Self {
        Self(self.0.merge(other.0))
    }

    /// The axum router and the finished document.
    pub fn into_parts(self) -> (Router<AppState>, OpenApi) {
        let (router, paths) = self.0.split_for_parts();
        (router, finish(paths))
    }
}

/// The routed paths, with the info, servers, tags and components around them.
fn finish(routed: OpenApi) -> OpenApi {
    let mut components = routed.components.unwrap_or_default();
    add_error_responses(&mut components);
    components.add_security_scheme(
        BEARER,
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(
                    "`Authorization: Bearer <token>`, with the token `POST /auth/login` \
                     returns. What API clients and the console use.",
                ))
                .build(),
        ),
    );
    components.add_security_scheme(
        SESSION,
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            crate::http::cookies::SESSION,
            "The web app's session cookie. Every state-changing call made with it must also \
             send the session's CSRF token in `X-CSRF-Token`.",
        ))),
    );
    let tags = tag::ALL.iter().map(|(name, about)| {
        let mut tag = Tag::new(name);
        tag.description = Some((*about).to_owned());
        tag
    });
    let mut server = Server::new(api_types::API_PREFIX);
    server.description = Some("This server".to_owned());
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Halles API")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(ABOUT)),
        )
        .servers(Some([server]))
        .paths(routed.paths)
        .components(Some(components))
        .tags(Some(tags))
        .build()
}

const ABOUT: &str = "The public JSON API of the Halles marketplace: what the console, \
mobile apps and partners build on.\n\n\
- JSON in and out, UTF-8. Money is an integer number of cents in fields ending `_cents`, \
with `currency` beside it. Timestamps are RFC 3339 UTC. Ids are strings.\n\
- Auth: `Authorization: Bearer <token>` (from `POST /auth/login`), or the web app's \
session cookie with `X-CSRF-Token` on writes. Unauthenticated → 401, not allowed → 403, \
someone else's object → 404.\n\
- Every error: `{\"error\": {\"code\", \"message\", \"field\"}}`. Malformed JSON → 400, \
a valid body that breaks a rule → 422 naming `field`, a conflict (duplicate, sold out, \
wrong state) → 409.\n\
- Lists: `{\"items\": [...], \"total\", \"page\", \"per_page\"}`.\n\
- Retryable writes accept `Idempotency-Key`: the same key and body answer the same, \
never twice; the same key with another body → 422.";

/// One error response of the components, answered with the error envelope.
struct ErrorResponse {
    name: &'static str,
    status: &'static str,
    description: &'static str,
}

const MALFORMED: ErrorResponse = ErrorResponse {
    name: "Malformed",
    status: "400",
    description: "The body is not JSON, or not readable (`malformed_json`, `unreadable_body`).",
};
const UNAUTHENTICATED: ErrorResponse = ErrorResponse {
    name: "Unauthenticated",
    status: "401",
    description: "No valid token or session (`unauthenticated`).",
};
const PAYMENT_DECLINED: ErrorResponse = ErrorResponse {
    name: "PaymentDeclined",
    status: "402",
    description: "The card was declined (`payment_declined`): nothing was charged or sold.",
};
const FORBIDDEN: ErrorResponse = ErrorResponse {
    name: "Forbidden",
    status: "403",
    description: "Logged in, but not allowed: not the staff of a shop (`not_seller`), not an \
                  operator (`not_operator`).",
};
const NOT_FOUND: ErrorResponse = ErrorResponse {
    name: "NotFound",
    status: "404",
    description: "No such object, or someone else's (`not_found`).",
};
const CONFLICT: ErrorResponse = ErrorResponse {
    name: "Conflict",
    status: "409",
    description: "A conflict with what exists: a duplicate, sold out (`out_of_stock`, with \
                  `suggestions` of other pickup stores), a wrong state.",
};
const TOO_LARGE: ErrorResponse = ErrorResponse {
    name: "TooLarge",
    status: "413",
    description: "The body is over the size limit (`body_too_large`).",
};
const NOT_JSON: ErrorResponse = ErrorResponse {
    name: "NotJson",
    status: "415",
    description: "The body was not sent as `Content-Type: application/json`.",
};
const INVALID: ErrorResponse = ErrorResponse {
    name: "Invalid",
    status: "422",
    description: "A field or parameter breaks a rule; `field` names it.",
};
const THROTTLED: ErrorResponse = ErrorResponse {
    name: "Throttled",
    status: "429",
    description: "Too many failed attempts (`too_many_attempts`); `Retry-After` says when to \
                  try again.",
};

const ALL_ERRORS: [ErrorResponse; 10] = [
    MALFORMED,
    UNAUTHENTICATED,
    PAYMENT_DECLINED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    TOO_LARGE,
    NOT_JSON,
    INVALID,
    THROTTLED,
];

/// Puts the error envelope's schemas and every error response into the components.
fn add_error_responses(components: &mut Components) {
    let mut schemas = Vec::new();
    ErrorBody::schemas(&mut schemas);
    components.schemas.extend(schemas);
    components
        .schemas
        .insert(ErrorBody::name().into_owned(), ErrorBody::schema());
    for error in ALL_ERRORS {
        components.responses.insert(
            error.name.to_owned(),
            RefOr::T(
                ResponseBuilder::new()
                    .description(error.description)
                    .content(
                        "application/json",
                        Content::new(Some(Ref::from_schema_name(ErrorBody::name()))),
                    )
                    .build(),
            ),
        );
    }
}

fn refer(errors: &[ErrorResponse]) -> BTreeMap<String, RefOr<DocResponse>> {
    errors
        .iter()
        .map(|error| {
            (
                error.status.to_owned(),
                RefOr::Ref(Ref::from_response_name(error.name)),
            )
        })
        .collect()
}

/// Declares an `IntoResponses` marker for `responses(...)` that refers to shared errors.
macro_rules! error_responses {
    ($($(#[$doc:meta])* $name:ident => [$($error:ident),+];)+) => {
        $(
            $(#[$doc])*
            pub struct $name;

            impl IntoResponses for $name {
                fn responses() -> BTreeMap<String, RefOr<DocResponse>> {
                    refer(&[$($error),+])
                }
            }
        )+
    };
}

error_responses! {
    /// 400, 413, 415, 422: what a JSON body can get wrong.
    JsonBody => [MALFORMED, TOO_LARGE, NOT_JSON, INVALID];
    /// 401: needs a token or session.
    Unauthenticated => [UNAUTHENTICATED];
    /// 401, 403: needs the staff of a shop, or an operator.
    StaffOnly => [UNAUTHENTICATED, FORBIDDEN];
    /// 402: the card was declined.
    PaymentDeclined => [PAYMENT_DECLINED];
    /// 404: no such object, or someone else's.
    NotFound => [NOT_FOUND];
    /// 409: duplicate, sold out, wrong state.
    Conflict => [CONFLICT];
    /// 422: a parameter or field breaks a rule.
    Invalid => [INVALID];
    /// 429: too many failed attempts.
    Throttled => [THROTTLED];
}

/// A reference to `T`'s schema in the components.
pub fn schema_ref<T: ToSchema>() -> Ref {
    Ref::from_schema_name(T::name())
}

/// Adds `T`'s schema and those it refers to, for a hand-written `ToSchema::schemas`.
pub fn add_schema<T: ToSchema>(schemas: &mut Vec<(String, RefOr<utoipa::openapi::Schema>)>) {
    schemas.push((T::name().into_owned(), T::schema()));
    T::schemas(schemas);
}

/// The `Idempotency-Key` header of retryable writes.
pub struct IdempotencyKey;

impl IntoParams for IdempotencyKey {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            ParameterBuilder::new()
                .name("Idempotency-Key")
                .parameter_in(ParameterIn::Header)
                .required(Required::False)
                .description(Some(
                    "1 to 100 visible characters. The same key with the same request answers \
                     what the first answered and does nothing again; with another request, 422.",
                ))
                .schema(Some(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .min_length(Some(1))
                        .max_length(Some(100)),
                ))
                .build(),
        ]
    }
}

/// The published document and page, set once the router that serves them is built.
#[derive(Clone, Default)]
pub struct Published(Arc<OnceLock<Rendered>>);

struct Rendered {
    json: Bytes,
    html: String,
}

impl Published {
    /// Renders `document` for both routes. Called once, after the routes are collected.
    pub fn publish(&self, document: &OpenApi) {
        let json = serde_json::to_vec(document).unwrap_or_default();
        let value = serde_json::to_value(document).unwrap_or_default();
        let html = reference::render(&value);
        let _ = self.0.set(Rendered {
            json: Bytes::from(json),
            html,
        });
    }
}

/// `GET /openapi.json` and `GET /docs`.
pub fn router(published: &Published) -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(find_document).layer(Extension(published.clone())))
        .routes(routes!(show_reference).layer(Extension(published.clone())))
}

/// This document
///
/// The OpenAPI 3.1 description of every `/api/v1` endpoint, generated from the code.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = tag::REFERENCE,
    security(()),
    responses((status = 200, description = "The OpenAPI document.", content_type = "application/json")),
)]
async fn find_document(Extension(published): Extension<Published>) -> Response {
    match published.0.get() {
        Some(rendered) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            rendered.json.clone(),
        )
            .into_response(),
        None => ApiError::internal("the OpenAPI document was not published").into_response(),
    }
}

/// The reference page
///
/// Every endpoint of this document as one HTML page, grouped by tag.
#[utoipa::path(
    get,
    path = "/docs",
    tag = tag::REFERENCE,
    security(()),
    responses((status = 200, description = "An HTML page, without scripts.", content_type = "text/html")),
)]
async fn show_reference(Extension(published): Extension<Published>) -> Response {
    match published.0.get() {
        Some(rendered) => (
            StatusCode::OK,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ),
                (
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(
                        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; \
                         form-action 'none'; frame-ancestors 'none'",
                    ),
                ),
                (
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ),
            ],
            rendered.html.clone(),
        )
            .into_response(),
        None => ApiError::internal("the OpenAPI document was not published").into_response(),
    }
}
