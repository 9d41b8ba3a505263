//! The account's history: the shopper's latest orders and the messages Halles sent.

use api_types::buying::Notification;
use api_types::orders::Order;
use leptos::prelude::*;

use crate::buying::load_account_activity;
use crate::components::{Loading, OrderStatus};
use crate::context::use_locale;
use crate::format::{format_date, format_price};
use crate::i18n::{BuyMsg, Locale, Msg};

#[component]
pub fn Activity() -> impl IntoView {
    let locale = use_locale();
    let activity = Resource::new_blocking(|| (), |()| load_account_activity());
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match activity.await {
                    Ok(activity) => view! {
                        {orders(locale, activity.orders)}
                        {messages(locale, activity.messages)}
                    }
                    .into_any(),
                    Err(_) => view! {
                        <p class="notice notice-error" role="alert">{locale.t(Msg::LoadError)}</p>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

fn orders(locale: Locale, orders: Vec<Order>) -> impl IntoView {
    let body = if orders.is_empty() {
        view! {
            <p class="empty-inline">{locale.t(BuyMsg::NoOrders)}" "<a href="/">{locale.t(Msg::ContinueShopping)}</a></p>
        }
        .into_any()
    } else {
        let rows = orders
            .into_iter()
            .map(|order| {
                let href = format!("/orders/{}", order.id);
                view! {
                    <tr>
                        <th scope="row"><a href=href.clone()>{order.number.clone()}</a></th>
                        <td>{format_date(&order.created_at, locale)}</td>
                        <td><OrderStatus status=order.status.clone() /></td>
                        <td class="num">{format_price(order.total_cents, locale)}</td>
                        <td class="num"><a href=href>{locale.t(BuyMsg::View)}</a></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="orders-table">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t(BuyMsg::ColNumber)}</th>
                            <th scope="col">{locale.t(BuyMsg::ColDate)}</th>
                            <th scope="col">{locale.t(BuyMsg::ColStatus)}</th>
                            <th scope="col" class="num">{locale.t(Msg::Total)}</th>
                            <th scope="col"><span class="visually-hidden">{locale.t(BuyMsg::View)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="card account-section" id="orders" aria-labelledby="orders-title">
            <h2 id="orders-title">{locale.t(BuyMsg::MyOrders)}</h2>
            {body}
        </section>
    }
}

fn messages(locale: Locale, messages: Vec<Notification>) -> impl IntoView {
    let body = if messages.is_empty() {
        view! { <p class="empty-inline">{locale.t(BuyMsg::NoMessages)}</p> }.into_any()
    } else {
        let items = messages
            .into_iter()
            .map(|message| {
                view! {
                    <li>
                        <details class="message">
                            <summary>
                                <span class="message-subject">{message.subject.clone()}</span>
                                <span class="hint">{format_date(&message.created_at, locale)}</span>
                            </summary>
                            <p class="pre-line message-body">{message.body.clone()}</p>
                            {message.order_id.clone().map(|id| view! {
                                <a href=format!("/orders/{id}")>{locale.t(BuyMsg::View)}</a>
                            })}
                        </details>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="messages">{items}</ul> }.into_any()
    };
    view! {
        <section class="card account-section" id="messages" aria-labelledby="messages-title">
            <h2 id="messages-title">{locale.t(BuyMsg::MyMessages)}</h2>
            {body}
        </section>
    }
}
