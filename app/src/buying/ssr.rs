//! The server side of the buying functions: find the caller, call `services`, map views
//! to DTOs and store errors to [`BuyingError`], logging what the browser is not told.

use api_types::buying::{Cart, Quote};
use domain::orders::{FulfilmentMethod, SellerOrderStatus};
use leptos::prelude::use_context;
use services::analytics::Event;
use services::buying::cart::{self, CartOwner, CartView};
use services::buying::cashback_estimate::{self, CashbackEstimate, QuoteEstimate};
use services::buying::checkout::{
    self, AddressInput, Channel, CheckoutInput, FulfilmentInput, PaymentChoice, Quote as QuoteView,
};
use services::buying::{notifications, orders};
use services::catalog::browse;
use services::{Db, StoreError};

use super::{
    AccountActivity, BuyingError, CheckoutChoices, CheckoutPage, OrderPage, PaymentPage,
    PickupOption, Problem, ShopPickup,
};
use crate::analytics;
use crate::context::{GuestCart, request_user_id, with_request};
use crate::convert::buying::{cart_of, notification_of, order_of, quote_of};

/// The database the server provided to this request.
pub(super) fn db() -> Result<Db, BuyingError> {
    use_context::<Db>().ok_or_else(|| {
        tracing::error!("no database in the request context");
        BuyingError::Unavailable
    })
}

/// Not found stays not found; anything else is logged once and becomes `Unavailable`.
pub(super) fn unavailable(what: &'static str) -> impl Fn(StoreError) -> BuyingError {
    move |err| match err {
        StoreError::NotFound => BuyingError::NotFound,
        other => {
            tracing::error!(error = %other, "buying: {what}");
            BuyingError::Unavailable
        }
    }
}

/// The logged-in shopper, or [`BuyingError::LoginNeeded`].
pub(super) fn shopper() -> Result<String, BuyingError> {
    request_user_id().ok_or(BuyingError::LoginNeeded)
}

/// The guest cart secret of a visitor without a session.
fn guest_token() -> Option<String> {
    with_request(|parts| parts.extensions.get::<GuestCart>().cloned())
        .flatten()
        .map(|GuestCart(token)| token)
}

fn empty_cart() -> Cart {
    let view = CartView {
        id: String::new(),
        shops: Vec::new(),
        notices: Vec::new(),
    };
    cart_of(&view, &CashbackEstimate::default())
}

/// What a cart would earn; the cart is shown without it when it cannot be estimated.
fn cart_cashback(view: &CartView) -> CashbackEstimate {
    cashback_estimate::for_cart(view).unwrap_or_else(|err| {
        tracing::warn!(error = %err, "estimating the cashback of a cart");
        CashbackEstimate::default()
    })
}

/// A quote with what its order would earn; shown without it when it cannot be estimated.
async fn quote_with_cashback(db: &Db, quote: &QuoteView) -> Quote {
    let cashback = cashback_estimate::for_quote(db.conn(), quote)
        .await
        .unwrap_or_else(|err| {
            tracing::warn!(error = %err, "estimating the cashback of a checkout");
            QuoteEstimate::default()
        });
    quote_of(quote, &cashback)
}

pub async fn load_cart() -> Result<Cart, BuyingError> {
    let user = request_user_id();
    let guest = guest_token();
    let owner = match (&user, &guest) {
        (Some(user), _) => CartOwner::User(user),
        (None, Some(token)) => CartOwner::Guest(token),
        (None, None) => return Ok(empty_cart()),
    };
    let db = db()?;
    let view = cart::view(&db, owner)
        .await
        .map_err(unavailable("loading a cart"))?;
    let cashback = cart_cashback(&view);
    Ok(cart_of(&view, &cashback))
}

/// The cart as it stands, without taking its notices (those are the cart page's).
pub async fn cart_of_user(db: &Db, user_id: &str) -> Result<CartView, StoreError> {
    let Some(id) = cart::cart_id(db.conn(), CartOwner::User(user_id), false).await? else {
        return Ok(CartView {
            id: String::new(),
            shops: Vec::new(),
            notices: Vec::new(),
        });
    };
    let shops = cart::group_by_shop(cart::lines(db.conn(), &id).await?);
    Ok(CartView {
        id,
        shops,
        notices: Vec::new(),
    })
}

/// A valid address standing in for the one not typed yet: delivery prices do not depend
/// on the address, and the real one is checked when the order is placed.
fn placeholder_address() -> AddressInput {
    AddressInput {
        name: "—".into(),
        line1: "—".into(),
        line2: String::new(),
        postcode: "75001".into(),
        city: "Paris".into(),
        country: "FR".into(),
    }
}

/// The checkout input for `choices`, with `address` for home deliveries.
pub fn checkout_input(
    view: &CartView,
    pickup: &[ShopPickup],
    choices: &CheckoutChoices,
    address: &AddressInput,
    payment: PaymentChoice,
) -> CheckoutInput {
    let fulfilments = view
        .shops
        .iter()
        .map(|shop| {
            let stores = pickup
                .iter()
                .find(|p| p.shop_id == shop.shop_id)
                .map(|p| p.stores.as_slice())
                .unwrap_or_default();
            let pickup_wanted = choices.method(&shop.shop_id) == "pickup" && !stores.is_empty();
            if pickup_wanted {
                FulfilmentInput {
                    shop_id: shop.shop_id.clone(),
                    method: FulfilmentMethod::Pickup,
                    address: None,
                    // The form's select always sends one; the first store otherwise.
                    store_id: choices
                        .store(&shop.shop_id)
                        .or_else(|| stores.first().map(|store| store.id.as_str()))
                        .map(str::to_owned),
                }
            } else {
                FulfilmentInput {
                    shop_id: shop.shop_id.clone(),
                    method: FulfilmentMethod::Delivery,
                    address: Some(address.clone()),
                    store_id: None,
                }
            }
        })
        .collect();
    let code = choices.discount_code.trim();
    CheckoutInput {
        fulfilments,
        payment,
        use_cashback_cents: 0,
        discount_code: (!code.is_empty()).then(|| code.to_owned()),
        channel: Channel::Web,
    }
}

/// The shopper's spendable cashback, and `input` spending it when the form asks to: as
/// much as the order costs before cashback, at most what the wallet holds.
pub async fn spend_cashback(
    db: &Db,
    user_id: &str,
    choices: &CheckoutChoices,
    input: CheckoutInput,
) -> Result<(CheckoutInput, i64), StoreError> {
    let available = services::buying::cashback::balances(db.conn(), user_id)
        .await?
        .available_cents;
    if !choices.use_cashback || available <= 0 {
        return Ok((input, available));
    }
    let total = checkout::quote(db, user_id, &input).await?.total_cents;
    let input = CheckoutInput {
        use_cashback_cents: available.min(total).max(0),
        ..input
    };
    Ok((input, available))
}

/// The pickup stores of every shop of the cart that has some.
pub async fn pickup_stores(db: &Db, view: &CartView) -> Result<Vec<ShopPickup>, StoreError> {
    let mut pickup = Vec::new();
    for shop in view.shops.iter().filter(|shop| shop.pickup_available) {
        let found = match browse::find_shop(db, &shop.shop_slug).await {
            Ok(found) => found,
            Err(StoreError::NotFound) => continue,
            Err(err) => return Err(err),
        };
        let stores: Vec<PickupOption> = found
            .stores
            .into_iter()
            .filter(|store| store.kind == "store" && store.pickup)
            .map(|store| PickupOption {
                id: store.id,
                name: store.name,
                postcode: store.postcode,
                city: store.city,
                opening_hours: store.opening_hours,
                preparation_minutes: u32::try_from(store.preparation_minutes).unwrap_or(0),
            })
            .collect();
        if !stores.is_empty() {
            pickup.push(ShopPickup {
                shop_id: shop.shop_id.clone(),
                stores,
            });
        }
    }
    Ok(pickup)
}

/// A refusal the shopper can act on, as a [`Problem`]; `None` for anything else.
pub fn problem_of(err: &StoreError) -> Option<Problem> {
    match err {
        StoreError::Invalid { code, field, .. } | StoreError::Conflict { code, field, .. } => {
            Some(Problem {
                code: (*code).to_owned(),
                field: field.map(str::to_owned),
            })
        }
        StoreError::OutOfStockAtStore { field, .. } => Some(Problem {
            code: "out_of_stock".to_owned(),
            field: field.map(str::to_owned),
        }),
        _ => None,
    }
}

pub async fn load_checkout(choices: CheckoutChoices) -> Result<CheckoutPage, BuyingError> {
    let user_id = shopper()?;
    let db = db()?;
    let view = cart_of_user(&db, &user_id)
        .await
        .map_err(unavailable("loading the cart for checkout"))?;
    let pickup = pickup_stores(&db, &view)
        .await
        .map_err(unavailable("loading pickup stores"))?;
    let cart = cart_of(&view, &cart_cashback(&view));
    if view.shops.is_empty() {
        return Ok(CheckoutPage {
            cart,
            pickup,
            quote: None,
            problem: None,
            cashback_available_cents: 0,
        });
    }
    // Reaching the checkout with something in the cart starts it, for each shop in it.
    if let Some(visitor) = analytics::current_visitor() {
        for shop in &view.shops {
            analytics::record(Event::checkout_started(
                Channel::Web,
                visitor.clone(),
                &shop.shop_id,
            ));
        }
    }
    let address = placeholder_address();
    let input = checkout_input(
        &view,
        &pickup,
        &choices,
        &address,
        PaymentChoice::HostedPage,
    );
    // A quote refused for another reason is reported below, by the quote itself.
    let (input, cashback_available_cents) =
        match spend_cashback(&db, &user_id, &choices, input.clone()).await {
            Ok(spent) => spent,
            Err(_) => (input, 0),
        };
    let (quote, problem) = match checkout::quote(&db, &user_id, &input).await {
        Ok(quote) => (Some(quote_with_cashback(&db, &quote).await), None),
        Err(err) => {
            let Some(problem) = problem_of(&err) else {
                return Err(unavailable("quoting a checkout")(err));
            };
            // A refused code still shows the totals without it.
            let quote = if problem.field.as_deref() == Some("discount_code") {
                let without = CheckoutInput {
                    discount_code: None,
                    ..input
                };
                match checkout::quote(&db, &user_id, &without).await {
                    Ok(quote) => Some(quote_with_cashback(&db, &quote).await),
                    Err(_) => None,
                }
            } else {
                None
            };
            (quote, Some(problem))
        }
    };
    Ok(CheckoutPage {
        cart,
        pickup,
        quote,
        problem,
        cashback_available_cents,
    })
}

pub async fn load_payment(order_id: &str) -> Result<PaymentPage, BuyingError> {
    let user_id = shopper()?;
    let db = db()?;
    let view = orders::for_shopper(&db, &user_id, order_id)
        .await
        .map_err(unavailable("loading an order to pay"))?;
    let seconds_left = view
        .order
        .expires_at
        .map_or(0, |at| (at - services::now()).num_seconds().max(0));
    Ok(PaymentPage {
        order: order_of(&view),
        seconds_left,
    })
}

pub async fn load_order(order_id: &str) -> Result<OrderPage, BuyingError> {
    let user_id = shopper()?;
    let db = db()?;
    let view = orders::for_shopper(&db, &user_id, order_id)
        .await
        .map_err(unavailable("loading an order"))?;
    let now = services::now();
    let returnable = view
        .parts
        .iter()
        .filter(|part| {
            SellerOrderStatus::parse(&part.row.status).is_some_and(|s| s.is_handed_over())
                && part.row.return_status == "none"
                && part.return_deadline.is_none_or(|deadline| now <= deadline)
        })
        .map(|part| part.row.id.clone())
        .collect();
    Ok(OrderPage {
        order: order_of(&view),
        returnable,
    })
}

pub async fn load_account_activity() -> Result<AccountActivity, BuyingError> {
    let user_id = shopper()?;
    let db = db()?;
    let (views, _) = orders::list_for_shopper(&db, &user_id, 1, 20)
        .await
        .map_err(unavailable("listing orders"))?;
    let messages = notifications::for_user(&db, &user_id, 20)
        .await
        .map_err(unavailable("listing messages"))?;
    Ok(AccountActivity {
        orders: views.iter().map(order_of).collect(),
        messages: messages.iter().map(notification_of).collect(),
    })
}
