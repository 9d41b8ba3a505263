//! Buying, for shoppers: `/cart`, `/cart/items`, `/checkout`, `/orders`, the payment of
//! an order, returns, and the shopper's messages.
//!
//! The cart answers a logged-in caller (token or session) with the account's cart, and a
//! visitor with the guest cart of the `halles_cart` cookie (created on the first add).
//! Everything else needs an account; another shopper's order answers 404.

use api_types::ListResponse;
use api_types::buying::{
    AddCartItemRequest, CartResponse, CheckoutRequest, Notification, OrderResponse, PayRequest,
    QuoteResponse, ReturnRequest, UpdateCartItemRequest, Wallet,
};
use api_types::orders::Order;
use app::convert::buying::{
    address_input, cart_of, notification_of, order_of, quote_of, wallet_of,
};
use app::convert::paging;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use services::StoreError;
use services::accounts::sessions;
use services::analytics::{Event, Visitor};
use services::buying::cart::{self, CartOwner};
use services::buying::checkout::{self, Channel, CheckoutInput, FulfilmentInput, PaymentChoice};
use services::buying::payments::{self, OnDecline, PaymentSource};
use services::buying::{cashback, cashback_estimate, notifications, orders};

use utoipa_axum::routes;

use super::analytics::{AnonymousVisitor, visitor};
use super::catalog::{PageParams, bad_parameter};
use super::openapi::{
    ApiRoutes, Conflict, IdempotencyKey, Invalid, JsonBody, NotFound, PaymentDeclined,
    Unauthenticated, tag,
};
use crate::http::auth::{AuthUser, MaybeAuthUser};
use crate::http::cookies;
use crate::http::error::ApiError;
use crate::http::idempotency::{Answer, run_once, run_once_resumable};
use crate::http::json::ApiJson;
use crate::state::AppState;
use services::buying::idempotency::ClaimRef;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(show_cart))
        .routes(routes!(add_item))
        .routes(routes!(update_item, remove_item))
        .routes(routes!(place_order))
        .routes(routes!(quote))
        .routes(routes!(list_orders))
        .routes(routes!(show_order))
        .routes(routes!(pay_order))
        .routes(routes!(cancel_order))
        .routes(routes!(request_return))
        .routes(routes!(list_notifications))
        .routes(routes!(show_wallet))
}

/// Whose cart a request reaches, and the cookie to set when a guest cart was just born.
struct CartCaller {
    user_id: Option<String>,
    guest_token: Option<String>,
    new_cookie: Option<HeaderValue>,
}

impl CartCaller {
    fn owner(&self) -> Option<CartOwner<'_>> {
        match (&self.user_id, &self.guest_token) {
            (Some(user_id), _) => Some(CartOwner::User(user_id)),
            (None, Some(token)) => Some(CartOwner::Guest(token)),
            (None, None) => None,
        }
    }
}

/// A guest cart cookie lives 30 days.
const GUEST_CART_SECS: i64 = 30 * 24 * 3600;

fn cart_caller(
    state: &AppState,
    session: MaybeAuthUser,
    headers: &HeaderMap,
    create_guest: bool,
) -> CartCaller {
    if let Some(session) = session.0 {
        return CartCaller {
            user_id: Some(session.user.id),
            guest_token: None,
            new_cookie: None,
        };
    }
    match cookies::read(headers, cookies::CART).filter(|token| token.len() >= 32) {
        Some(token) => CartCaller {
            user_id: None,
            guest_token: Some(token),
            new_cookie: None,
        },
        None if create_guest => {
            let token = sessions::random_token();
            let secure = cookies::must_be_secure(headers, state.settings.secure_cookies);
            CartCaller {
                user_id: None,
                new_cookie: cookies::set_cookie(
                    cookies::CART,
                    token.clone(),
                    GUEST_CART_SECS,
                    secure,
                ),
                guest_token: Some(token),
            }
        }
        None => CartCaller {
            user_id: None,
            guest_token: None,
            new_cookie: None,
        },
    }
}

async fn cart_response(
    state: &AppState,
    caller: &CartCaller,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let view = match caller.owner() {
        Some(owner) => cart::view(&state.db, owner).await?,
        None => cart::CartView {
            id: String::new(),
            shops: Vec::new(),
            notices: Vec::new(),
        },
    };
    let cashback = cashback_estimate::for_cart(&view)?;
    let mut response = (
        status,
        Json(CartResponse {
            cart: cart_of(&view, &cashback),
        }),
    )
        .into_response();
    cookies::append(response.headers_mut(), caller.new_cookie.clone());
    Ok(response)
}

/// The cart
///
/// An account's cart, or a visitor's guest cart (the `halles_cart` cookie): lines grouped
/// by shop, with totals and the cashback they would earn.
#[utoipa::path(
    get,
    path = "/cart",
    tag = tag::CART,
    security((), ("bearer" = []), ("session" = [])),
    responses((status = 200, description = "The cart (empty without one).", body = CartResponse)),
)]
async fn show_cart(
    State(state): State<AppState>,
    session: MaybeAuthUser,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let caller = cart_caller(&state, session, &headers, false);
    cart_response(&state, &caller, StatusCode::OK).await
}

/// Add to the cart
///
/// Adds units of an offer. A visitor without a cart gets a guest cart and its cookie.
#[utoipa::path(
    post,
    path = "/cart/items",
    tag = tag::CART,
    security((), ("bearer" = []), ("session" = [])),
    request_body = AddCartItemRequest,
    responses(
        (status = 201, description = "The cart with the item.", body = CartResponse),
        JsonBody,
        NotFound,
        Conflict,
    ),
)]
async fn add_item(
    State(state): State<AppState>,
    session: MaybeAuthUser,
    anonymous: AnonymousVisitor,
    headers: HeaderMap,
    ApiJson(body): ApiJson<AddCartItemRequest>,
) -> Result<Response, ApiError> {
    let caller = cart_caller(&state, session, &headers, true);
    let owner = caller.owner().ok_or_else(ApiError::unauthenticated)?;
    cart::add_item(&state.db, owner, &body.offer_id, body.quantity).await?;
    state.analytics.record(Event::add_to_cart(
        Channel::Api,
        visitor(caller.user_id.as_deref(), anonymous),
        &body.offer_id,
    ));
    cart_response(&state, &caller, StatusCode::CREATED).await
}

/// Change a cart line's quantity
#[utoipa::path(
    patch,
    path = "/cart/items/{id}",
    tag = tag::CART,
    security((), ("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The cart line's id.")),
    request_body = UpdateCartItemRequest,
    responses(
        (status = 200, description = "The cart.", body = CartResponse),
        JsonBody,
        NotFound,
        Conflict,
    ),
)]
async fn update_item(
    State(state): State<AppState>,
    session: MaybeAuthUser,
    headers: HeaderMap,
    Path(item_id): Path<String>,
    ApiJson(body): ApiJson<UpdateCartItemRequest>,
) -> Result<Response, ApiError> {
    let caller = cart_caller(&state, session, &headers, false);
    let owner = caller.owner().ok_or_else(ApiError::not_found)?;
    cart::set_quantity(&state.db, owner, &item_id, body.quantity).await?;
    cart_response(&state, &caller, StatusCode::OK).await
}

/// Remove a cart line
#[utoipa::path(
    delete,
    path = "/cart/items/{id}",
    tag = tag::CART,
    security((), ("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The cart line's id.")),
    responses((status = 200, description = "The cart.", body = CartResponse), NotFound),
)]
async fn remove_item(
    State(state): State<AppState>,
    session: MaybeAuthUser,
    headers: HeaderMap,
    Path(item_id): Path<String>,
) -> Result<Response, ApiError> {
    let caller = cart_caller(&state, session, &headers, false);
    let owner = caller.owner().ok_or_else(ApiError::not_found)?;
    cart::remove_item(&state.db, owner, &item_id).await?;
    cart_response(&state, &caller, StatusCode::OK).await
}

/// The API's checkout request → the service's input; `payment_method` is a sandbox
/// method, or `hosted_page` to pay on the storefront's payment page.
fn checkout_input(body: &CheckoutRequest) -> Result<CheckoutInput, ApiError> {
    let mut fulfilments = Vec::with_capacity(body.fulfilments.len());
    for (index, choice) in body.fulfilments.iter().enumerate() {
        let method = domain::orders::FulfilmentMethod::parse(&choice.method).ok_or_else(|| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "fulfilment_method_invalid",
                "method is `delivery` or `pickup`.",
            )
            .with_field(format!("fulfilments[{index}].method"))
        })?;
        fulfilments.push(FulfilmentInput {
            shop_id: choice.shop_id.clone(),
            method,
            address: choice.address.as_ref().map(address_input),
            store_id: choice.store_id.clone(),
        });
    }
    let payment = match body.payment_method.trim() {
        "hosted_page" => PaymentChoice::HostedPage,
        "" => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "payment_method_invalid",
                "payment_method is required: `pm_card_visa` (sandbox) or `hosted_page`.",
            )
            .with_field("payment_method"));
        }
        method => PaymentChoice::Method(method.to_owned()),
    };
    Ok(CheckoutInput {
        fulfilments,
        payment,
        use_cashback_cents: body.use_cashback_cents.unwrap_or(0),
        discount_code: body.discount_code.clone(),
        channel: Channel::Api,
    })
}

/// Quote a checkout
///
/// What `POST /checkout` with this body would charge, without placing anything.
#[utoipa::path(
    post,
    path = "/checkout/quote",
    tag = tag::CART,
    security(("bearer" = []), ("session" = [])),
    request_body = CheckoutRequest,
    responses(
        (status = 200, description = "The quote.", body = QuoteResponse),
        JsonBody,
        Unauthenticated,
        NotFound,
        Conflict,
    ),
)]
async fn quote(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
    ApiJson(body): ApiJson<CheckoutRequest>,
) -> Result<Json<QuoteResponse>, ApiError> {
    let input = checkout_input(&body)?;
    let quote = checkout::quote(&state.db, &session.user.id, &input).await?;
    for part in &quote.parts {
        state.analytics.record(Event::checkout_started(
            Channel::Api,
            Visitor::account(&session.user.id),
            &part.shop_id,
        ));
    }
    let cashback = cashback_estimate::for_quote(state.db.conn(), &quote).await?;
    Ok(Json(QuoteResponse {
        quote: quote_of(&quote, &cashback),
    }))
}

/// Check out
///
/// Places one order for the whole cart, one seller order per shop, and pays it. Sandbox
/// methods: `pm_card_visa` succeeds, `pm_card_chargeDeclined` is declined (402, nothing
/// sold); `hosted_page` leaves the order to be paid on the storefront's payment page.
#[utoipa::path(
    post,
    path = "/checkout",
    tag = tag::CART,
    security(("bearer" = []), ("session" = [])),
    params(IdempotencyKey),
    request_body = CheckoutRequest,
    responses(
        (status = 201, description = "The order.", body = OrderResponse),
        JsonBody,
        Unauthenticated,
        PaymentDeclined,
        NotFound,
        Conflict,
    ),
)]
async fn place_order(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
    headers: HeaderMap,
    ApiJson(body): ApiJson<CheckoutRequest>,
) -> Response {
    let user_id = session.user.id.clone();
    let key = crate::http::idempotency::key_of(&headers).ok().flatten();
    let claim = key.as_deref().map(|key| ClaimRef {
        user_id: &user_id,
        scope: "checkout",
        key,
    });
    let (state, user_id, body) = (&state, user_id.as_str(), &body);
    run_once_resumable(
        &state.db,
        user_id,
        "checkout",
        &headers,
        body,
        |resumed| async move {
            if let Some(order_id) = resumed {
                // This key's first run placed the order, then its process died: the retry
                // gets that order as it stands (its payment is settled by the webhook or the
                // reconcile), never a second one.
                let view = orders::for_shopper(&state.db, user_id, &order_id).await?;
                return Ok(Answer::json(
                    StatusCode::CREATED,
                    &OrderResponse {
                        order: order_of(&view),
                    },
                ));
            }
            let input = checkout_input(body)?;
            let shop_ids = shops_of(&input);
            let placed = checkout::place_order_keyed(
                &state.db,
                state.payments.provider(),
                user_id,
                input,
                claim,
            )
            .await;
            // An order was placed (its stock held), whether or not the card then paid.
            if matches!(placed, Ok(_) | Err(StoreError::PaymentDeclined { .. })) {
                for shop_id in &shop_ids {
                    state.analytics.record(Event::checkout_started(
                        Channel::Api,
                        Visitor::account(user_id),
                        shop_id,
                    ));
                }
            }
            let view = placed?;
            Ok(Answer::json(
                StatusCode::CREATED,
                &OrderResponse {
                    order: order_of(&view),
                },
            ))
        },
    )
    .await
}

/// The shops a checkout has a part for, each once.
fn shops_of(input: &CheckoutInput) -> Vec<String> {
    let mut shop_ids: Vec<String> = input
        .fulfilments
        .iter()
        .map(|choice| choice.shop_id.clone())
        .collect();
    shop_ids.sort_unstable();
    shop_ids.dedup();
    shop_ids
}

/// My orders
#[utoipa::path(
    get,
    path = "/orders",
    operation_id = "list_own_orders",
    tag = tag::ORDERS,
    security(("bearer" = []), ("session" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "One page of the caller's orders, newest first.", body = ListResponse<Order>),
        Unauthenticated,
        Invalid,
    ),
)]
async fn list_orders(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
    Query(params): Query<PageParams>,
) -> Result<Json<ListResponse<Order>>, ApiError> {
    let (page, per_page) = paging(&params.page, &params.per_page).map_err(bad_parameter)?;
    let (views, total) =
        orders::list_for_shopper(&state.db, &session.user.id, page, per_page).await?;
    Ok(Json(ListResponse {
        items: views.iter().map(order_of).collect(),
        total,
        page,
        per_page,
    }))
}

/// One of my orders
///
/// With its seller orders, their fulfilment and pickup codes.
#[utoipa::path(
    get,
    path = "/orders/{id}",
    operation_id = "find_own_order",
    tag = tag::ORDERS,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The order's id.")),
    responses(
        (status = 200, description = "The order.", body = OrderResponse),
        Unauthenticated,
        NotFound,
    ),
)]
async fn show_order(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
    Path(order_id): Path<String>,
) -> Result<Json<OrderResponse>, ApiError> {
    let view = orders::for_shopper(&state.db, &session.user.id, &order_id).await?;
    Ok(Json(OrderResponse {
        order: order_of(&view),
    }))
}

/// Checks typed card details, naming the field at fault; the number is kept only in
/// memory, for the provider call.
pub fn card_source(body: &PayRequest) -> Result<PaymentSource, ApiError> {
    let field_error = |err: domain::card::CardError| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            err.code(),
            format!("{}.", capitalised(&err.to_string())),
        )
        .with_field(err.field())
    };
    let card = domain::card::CardNumber::parse(&body.card_number).map_err(field_error)?;
    let today = chrono::Utc::now();
    use chrono::Datelike;
    domain::card::check_expiry(&body.expiry, today.year(), today.month()).map_err(field_error)?;
    domain::card::check_cvc(&body.cvc).map_err(field_error)?;
    Ok(PaymentSource::Card(card))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// Serialised for the idempotency hash without the card number itself.
#[derive(serde::Serialize)]
struct PayFingerprint<'a> {
    order_id: &'a str,
    last4: String,
    expiry: &'a str,
}

/// Pay an order by card
///
/// Pays an order still waiting for its payment. The card number is used for the
/// provider call only, never stored.
#[utoipa::path(
    post,
    path = "/orders/{id}/pay",
    tag = tag::ORDERS,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The order's id."), IdempotencyKey),
    request_body = PayRequest,
    responses(
        (status = 200, description = "The paid order.", body = OrderResponse),
        JsonBody,
        Unauthenticated,
        PaymentDeclined,
        NotFound,
        Conflict,
    ),
)]
async fn pay_order(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
    headers: HeaderMap,
    Path(order_id): Path<String>,
    ApiJson(body): ApiJson<PayRequest>,
) -> Response {
    let user_id = session.user.id.clone();
    let digits: String = body
        .card_number
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let fingerprint = PayFingerprint {
        order_id: &order_id,
        last4: digits.chars().rev().take(4).collect(),
        expiry: &body.expiry,
    };
    run_once(
        &state.db,
        &user_id,
        "pay",
        &headers,
        &fingerprint,
        || async {
            let source = card_source(&body)?;
            let view = payments::pay(
                &state.db,
                state.payments.provider(),
                &user_id,
                &order_id,
                source,
                OnDecline::KeepPending,
            )
            .await?;
            Ok(Answer::json(
                StatusCode::OK,
                &OrderResponse {
                    order: order_of(&view),
                },
            ))
        },
    )
    .await
}

/// Abandon an unpaid order
///
/// Cancels an order still waiting for its payment and releases its stock.
#[utoipa::path(
    post,
    path = "/orders/{id}/cancel",
    tag = tag::ORDERS,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The order's id.")),
    responses(
        (status = 200, description = "The cancelled order.", body = OrderResponse),
        Unauthenticated,
        NotFound,
        Conflict,
    ),
)]
async fn cancel_order(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
    Path(order_id): Path<String>,
) -> Result<Json<OrderResponse>, ApiError> {
    let view = payments::abandon(&state.db, &session.user.id, &order_id).await?;
    Ok(Json(OrderResponse {
        order: order_of(&view),
    }))
}

/// Ask to return a seller order
#[utoipa::path(
    post,
    path = "/orders/{id}/seller-orders/{seller_order_id}/return",
    tag = tag::ORDERS,
    security(("bearer" = []), ("session" = [])),
    params(
        ("id" = String, Path, description = "The order's id."),
        ("seller_order_id" = String, Path, description = "The seller order's id."),
    ),
    request_body = ReturnRequest,
    responses(
        (status = 200, description = "The order.", body = OrderResponse),
        JsonBody,
        Unauthenticated,
        NotFound,
        Conflict,
    ),
)]
async fn request_return(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
    Path((order_id, seller_order_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<ReturnRequest>,
) -> Result<Json<OrderResponse>, ApiError> {
    let view = orders::request_return(
        &state.db,
        &session.user.id,
        &order_id,
        &seller_order_id,
        &body.reason,
    )
    .await?;
    Ok(Json(OrderResponse {
        order: order_of(&view),
    }))
}

/// My messages
///
/// The last 50 notifications sent to the caller, newest first.
#[utoipa::path(
    get,
    path = "/notifications",
    tag = tag::WALLET,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The notifications.", body = ListResponse<Notification>),
        Unauthenticated,
    ),
)]
async fn list_notifications(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
) -> Result<Json<ListResponse<Notification>>, ApiError> {
    let rows = notifications::for_user(&state.db, &session.user.id, 50).await?;
    let total = rows.len() as u64;
    Ok(Json(ListResponse {
        items: rows.iter().map(notification_of).collect(),
        total,
        page: 1,
        per_page: 50,
    }))
}

/// My cashback wallet
///
/// Available and pending cashback, and the ledger entries they add up from.
#[utoipa::path(
    get,
    path = "/wallet",
    tag = tag::WALLET,
    security(("bearer" = []), ("session" = [])),
    responses((status = 200, description = "The wallet.", body = Wallet), Unauthenticated),
)]
async fn show_wallet(
    State(state): State<AppState>,
    AuthUser(session): AuthUser,
) -> Result<Json<Wallet>, ApiError> {
    let view = cashback::wallet(&state.db, &session.user.id).await?;
    Ok(Json(wallet_of(&view)))
}
