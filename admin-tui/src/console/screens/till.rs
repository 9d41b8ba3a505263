//! The till: a shopper hands their cart over with a code (web cart page or the app), the
//! seller types or scans it here, sees that shopper's lines for this shop with the stock
//! of the till's store, and completes the sale in the store.
//!
//! Two modes: while no cart is shown, keys type the code (a scanner types it, then
//! Enter); once a cart is shown, keys sell it. `←/→` choose the till's store in both.
//!
//! - `lines`: what the store can do with each line (here, elsewhere, nothing).
//! - `sale`: selling now (cash or card present): the confirmation, the request, the answer.
//! - `aisle`: the endless aisle: ordering what the store lacks, for delivery or for
//!   pickup at another store, paid at the till.

pub mod aisle;
#[cfg(test)]
mod aisle_tests;
pub mod lines;
mod sale;
#[cfg(test)]
mod tests;

use api_types::omnichannel::{TillCart, TillSaleRequest};
use api_types::selling::Location;

pub use sale::{TillConfirm, confirmed, sold};

use super::{Desk, Out, Remote, locations};
use crate::client::ApiError;
use crate::console::action::{Action, ApiCall, Effect, HandoffCode};

/// The letters and digits of a hand-off code: no 0, 1, I or O, which read alike.
pub const ALPHABET: &str = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// How long a code is.
pub const CODE_LENGTH: usize = 8;
/// The most typed into the code field (a scanner may add a stray character or two).
const CODE_MAX: usize = 16;

/// What a key asks of the till.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TillVerb {
    /// Sell what the store holds now, paid in cash.
    Cash,
    /// Sell what the store holds now, paid by card at the terminal.
    Card,
    /// Order what the store lacks: delivery or pickup at another store.
    Aisle,
}

/// The till screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Till {
    /// The store the till is in, as chosen with `←/→` (a location id); the shop's first
    /// store until then. Kept for the session.
    pub store: Option<String>,
    /// The code as typed: upper case, without spaces or dashes.
    pub code: String,
    /// Why the code was refused, shown beside it.
    pub code_error: Option<String>,
    /// The handed-off cart on show.
    pub cart: Remote<TillCart>,
    /// The last sale sent. Kept after a failure that may not have reached the server, so
    /// that selling again sends the same idempotency key and cannot sell twice.
    pub attempt: Option<SaleAttempt>,
    /// Why the last sale of the cart on show failed (the line the store lacks…).
    pub sale_error: Option<String>,
    /// What the last sale did ("H-… · 104,90 € paid in cash · handed over"), shown until
    /// the next code is looked up.
    pub done: Option<String>,
}

/// A sale sent to the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleAttempt {
    /// The hand-off code.
    pub code: String,
    /// What was asked.
    pub body: TillSaleRequest,
    /// Its `Idempotency-Key`.
    pub key: String,
    /// The request awaiting an answer, if any.
    pub pending: Option<u64>,
    /// What to say once it is done, e.g. "handed over".
    pub outcome: String,
}

impl Till {
    /// The cart on show, if any.
    pub fn shown(&self) -> Option<&TillCart> {
        self.cart.data.as_ref()
    }

    /// Whether a sale waits for the server's answer.
    pub fn selling(&self) -> bool {
        self.attempt.as_ref().is_some_and(|a| a.pending.is_some())
    }

    /// The till's store among `locations`: the one chosen, else the first store.
    pub fn store<'a>(&self, locations: &'a [Location]) -> Option<&'a Location> {
        let stores = || locations.iter().filter(|l| l.kind == "store");
        self.store
            .as_ref()
            .and_then(|id| stores().find(|store| &store.id == id))
            .or_else(|| stores().next())
    }

    /// Ready for the next shopper: no cart, no code, no error. What the last sale did
    /// stays on show.
    fn clear(&mut self) {
        self.cart = Remote::default();
        self.code.clear();
        self.code_error = None;
        self.sale_error = None;
    }
}

/// The till's store id in `desk`, if the shop has a store.
pub fn store_id(desk: &Desk) -> Option<String> {
    desk.till
        .store(desk.locations.items())
        .map(|store| store.id.clone())
}

/// `r`: the shop's locations again, and the cart on show.
pub fn reload(desk: &mut Desk, out: &mut Out) -> Effect {
    let mut effects = vec![locations::load(desk, out)];
    if let Some(code) = desk.till.shown().map(|cart| cart.code.clone()) {
        effects.push(look_up(desk, code, out));
    }
    Effect::Batch(effects)
}

/// A key on the till screen.
pub fn key(desk: &mut Desk, action: Action, out: &mut Out) -> Option<Effect> {
    match action {
        Action::Left | Action::Right => {
            switch_store(desk, action == Action::Right, out);
            return None;
        }
        Action::Till(verb) => {
            return match verb {
                TillVerb::Cash | TillVerb::Card => sale::start(desk, verb, out),
                TillVerb::Aisle => aisle::open(desk, out),
            };
        }
        _ => {}
    }
    let till = &mut desk.till;
    if till.shown().is_some() {
        if action == Action::Cancel {
            if till.selling() {
                out.error("Still waiting for the server's answer to the sale.");
            } else {
                till.clear();
                out.info("Ready for the next shopper: type or scan their code.");
            }
        }
        return None;
    }
    match action {
        Action::Input(c) => type_code(till, std::iter::once(c)),
        Action::Paste(text) => type_code(till, text.chars()),
        Action::Backspace => {
            till.code.pop();
            till.code_error = None;
        }
        Action::ClearField | Action::Cancel => {
            till.code.clear();
            till.code_error = None;
        }
        Action::Submit => return submit_code(desk, out),
        _ => {}
    }
    None
}

/// Types `chars` into the code: any case, spaces and dashes left out.
fn type_code(till: &mut Till, chars: impl Iterator<Item = char>) {
    for c in chars.filter(|c| !c.is_whitespace() && *c != '-' && !c.is_control()) {
        if till.code.chars().count() < CODE_MAX {
            till.code.extend(c.to_uppercase());
        }
    }
    till.code_error = None;
    till.done = None;
}

/// Enter on the code: checked here (a typo costs no attempt against the shop's
/// throttle), then looked up.
fn submit_code(desk: &mut Desk, out: &mut Out) -> Option<Effect> {
    let till = &mut desk.till;
    if till.cart.pending.is_some() {
        return None;
    }
    if let Err(message) = check_code(&till.code) {
        till.code_error = Some(message);
        return None;
    }
    let code = till.code.clone();
    Some(look_up(desk, code, out))
}

/// Why `code` cannot be a hand-off code, if it cannot.
pub fn check_code(code: &str) -> Result<(), String> {
    let length = code.chars().count();
    if length == 0 {
        return Err("Type or scan the code the shopper shows.".to_owned());
    }
    if code.chars().any(|c| "01IO".contains(c)) {
        return Err("Codes have no 0, 1, I or O: check the code with the shopper.".to_owned());
    }
    if let Some(c) = code.chars().find(|c| !ALPHABET.contains(*c)) {
        return Err(format!(
            "“{c}” is not in any code: letters and digits only."
        ));
    }
    if length != CODE_LENGTH {
        return Err(format!(
            "A code has {CODE_LENGTH} letters and digits; this one has {length}."
        ));
    }
    Ok(())
}

/// Asks for the cart behind `code`.
fn look_up(desk: &mut Desk, code: String, out: &mut Out) -> Effect {
    let (request, effect) = out.call(ApiCall::TillCart {
        code: HandoffCode(code),
    });
    desk.till.cart.start(request);
    effect
}

/// The cart behind a code answered. A code that no longer leads anywhere (unknown,
/// expired, throttled) goes back to the code field with the reason beside it.
pub fn loaded(desk: &mut Desk, request: u64, result: Result<TillCart, ApiError>, out: &mut Out) {
    let till = &mut desk.till;
    if till.cart.pending != Some(request) {
        return;
    }
    match result {
        Ok(cart) => {
            let fresh = till.shown().is_none_or(|shown| shown.code != cart.code);
            if fresh {
                till.sale_error = None;
                till.done = None;
            }
            till.code.clear();
            till.code_error = None;
            out.clear_notice();
            till.cart.accept(request, Ok(cart));
        }
        Err(error) => {
            let code = till.shown().map(|cart| cart.code.clone());
            let gone = matches!(error.status(), Some(404 | 429)) || code.is_none();
            till.cart.accept(request, Err(error.clone()));
            if gone {
                till.cart.data = None;
                if let Some(code) = code {
                    till.code = code;
                }
                till.code_error = Some(error.to_string());
            }
            if error.is_transient() {
                let retry = if gone { "Enter" } else { "r" };
                out.error(format!(
                    "The cart was not looked up. Press {retry} to try again."
                ));
            }
        }
    }
}

/// `←/→`: the till's store, among the shop's stores, wrapping.
fn switch_store(desk: &mut Desk, forward: bool, out: &mut Out) {
    let stores: Vec<&Location> = desk
        .locations
        .items()
        .iter()
        .filter(|location| location.kind == "store")
        .collect();
    if stores.is_empty() {
        out.error("This shop has no store yet: add one on 4 Locations (kind store).");
        return;
    }
    if desk.till.selling() {
        out.error("Still waiting for the server's answer to the sale.");
        return;
    }
    let current = desk
        .till
        .store(desk.locations.items())
        .and_then(|store| stores.iter().position(|s| s.id == store.id))
        .unwrap_or(0);
    let count = stores.len();
    let next = if forward {
        (current + 1) % count
    } else {
        (current + count - 1) % count
    };
    if let Some(store) = stores.get(next) {
        desk.till.store = Some(store.id.clone());
        desk.till.sale_error = None;
        out.info(format!("The till is at {} now.", store.name));
    }
}
