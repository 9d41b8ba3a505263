//! Funnel events from the storefront's server side: who the visitor is, and handing an
//! event to the server's sink (which writes it later, off the request path).

use leptos::prelude::use_context;
use services::analytics::{Event, EventSink, Visitor};

use crate::context::PageContext;

/// The visitor of a storefront request: the account when logged in, else the anonymous
/// cookie every visitor is given (the CSRF cookie, kept a year), hashed. `None` for a
/// request the server prepared no token for.
pub fn visitor(page: &PageContext) -> Option<Visitor> {
    match &page.user {
        Some(user) => Some(Visitor::account(&user.id)),
        None if !page.csrf_token.is_empty() => Some(Visitor::anonymous(&page.csrf_token)),
        None => None,
    }
}

/// The visitor of the request being served (a page or a server function).
pub fn current_visitor() -> Option<Visitor> {
    crate::context::with_request(|parts| parts.extensions.get::<PageContext>().and_then(visitor))
        .flatten()
}

/// Hands `event` to the sink the server provided; without one (a page rendered outside
/// the server), nothing is recorded.
pub fn record(event: Event) {
    if let Some(sink) = use_context::<EventSink>() {
        sink.record(event);
    }
}
