//! The blocks of the wallet page: the two balances, upcoming expiries, pending cashback
//! and the history. Each takes the wallet and lays out what [`super::model`] picked.

use api_types::buying::Wallet;
use leptos::prelude::*;

use super::model::{expiring_lots, kind_message, order_number, pending_lots, signed_price};
use crate::format::{fill, format_date, format_price};
use crate::i18n::{Locale, WalletMsg};

/// The available and pending balances, side by side.
pub fn balances(locale: Locale, wallet: &Wallet) -> impl IntoView + use<> {
    view! {
        <div class="wallet-balances">
            <div class="card wallet-balance wallet-balance-available">
                <p class="wallet-balance-label">{locale.t(WalletMsg::Available)}</p>
                <p class="wallet-balance-amount" data-balance="available">
                    {format_price(wallet.available_cents, locale)}
                </p>
                <p class="hint">{locale.t(WalletMsg::AvailableHint)}</p>
            </div>
            <div class="card wallet-balance wallet-balance-pending">
                <p class="wallet-balance-label">{locale.t(WalletMsg::Pending)}</p>
                <p class="wallet-balance-amount" data-balance="pending">
                    {format_price(wallet.pending_cents, locale)}
                </p>
                <p class="hint">{locale.t(WalletMsg::PendingHint)}</p>
            </div>
        </div>
    }
}

/// A link to one of the shopper's orders, by number when the wallet knows it; a dash
/// for lines without an order.
fn order_link(locale: Locale, wallet: &Wallet, order_id: Option<&str>) -> AnyView {
    let Some(id) = order_id else {
        return view! { <span aria-hidden="true">"—"</span> }.into_any();
    };
    let href = format!("/orders/{id}");
    match order_number(wallet, id) {
        Some(number) => view! { <a class="wallet-order" href=href>{number}</a> }.into_any(),
        None => view! { <a href=href>{locale.t(WalletMsg::SeeOrder)}</a> }.into_any(),
    }
}

/// Available cashback that will expire, the soonest first; nothing when none will.
pub fn expiries(locale: Locale, wallet: &Wallet) -> Option<impl IntoView + use<>> {
    let lots = expiring_lots(wallet);
    if lots.is_empty() {
        return None;
    }
    let rows = lots
        .into_iter()
        .map(|lot| {
            let from = match &lot.shop_name {
                Some(shop) => view! {
                    {shop.clone()}" · "{order_link(locale, wallet, lot.order_id.as_deref())}
                }
                .into_any(),
                None => locale.t(WalletMsg::Credit).into_any(),
            };
            view! {
                <tr>
                    <td>{lot.expires_at.as_deref().map(|at| format_date(at, locale))}</td>
                    <td class="num">{format_price(lot.remaining_cents, locale)}</td>
                    <td>{from}</td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <section class="card account-section" id="expiries" aria-labelledby="expiries-title">
            <h2 id="expiries-title">{locale.t(WalletMsg::ExpiriesTitle)}</h2>
            <p class="hint">{locale.t(WalletMsg::ExpiriesHint)}</p>
            <div class="table-scroll">
                <table class="orders-table wallet-table">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t(WalletMsg::ColExpiresOn)}</th>
                            <th scope="col" class="num">{locale.t(WalletMsg::ColLeft)}</th>
                            <th scope="col">{locale.t(WalletMsg::ColFrom)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    })
}

/// Cashback not spendable yet: the order and shop it comes from, and since when it will
/// be available.
pub fn pending(locale: Locale, wallet: &Wallet) -> impl IntoView + use<> {
    let lots = pending_lots(wallet);
    let body = if lots.is_empty() {
        view! { <p class="empty-inline">{locale.t(WalletMsg::NoPending)}</p> }.into_any()
    } else {
        let rows = lots
            .into_iter()
            .map(|lot| {
                let boost = (lot.boost_cents > 0).then(|| {
                    let text = fill(
                        locale.t(WalletMsg::BoostPart),
                        "amount",
                        &format_price(lot.boost_cents, locale),
                    );
                    view! { <span class="wallet-note">{text}</span> }
                });
                let when = match lot.matures_at.as_deref() {
                    Some(at) => view! { {format_date(at, locale)} }.into_any(),
                    None => view! {
                        <span class="hint">{locale.t(WalletMsg::AfterReturnWindow)}</span>
                    }
                    .into_any(),
                };
                view! {
                    <tr>
                        <td>{order_link(locale, wallet, lot.order_id.as_deref())}</td>
                        <td>{lot.shop_name.clone().unwrap_or_default()}</td>
                        <td class="num">{format_price(lot.amount_cents, locale)}{boost}</td>
                        <td>{when}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="orders-table wallet-table">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t(WalletMsg::ColOrder)}</th>
                            <th scope="col">{locale.t(WalletMsg::ColShop)}</th>
                            <th scope="col" class="num">{locale.t(WalletMsg::ColAmount)}</th>
                            <th scope="col">{locale.t(WalletMsg::ColAvailableOn)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="card account-section" id="pending" aria-labelledby="pending-title">
            <h2 id="pending-title">{locale.t(WalletMsg::PendingTitle)}</h2>
            {body}
        </section>
    }
}

/// The wallet's ledger lines, newest first, each with the order behind it.
pub fn history(locale: Locale, wallet: &Wallet) -> impl IntoView + use<> {
    let body = if wallet.entries.is_empty() {
        view! { <p class="empty-inline">{locale.t(WalletMsg::NoHistory)}</p> }.into_any()
    } else {
        let rows = wallet
            .entries
            .iter()
            .map(|entry| {
                let balance = if entry.balance == "pending" {
                    WalletMsg::BalancePending
                } else {
                    WalletMsg::BalanceAvailable
                };
                let tone = if entry.amount_cents > 0 {
                    "num wallet-in"
                } else {
                    "num"
                };
                view! {
                    <tr>
                        <td>{format_date(&entry.created_at, locale)}</td>
                        <td>{locale.t(kind_message(&entry.kind))}</td>
                        <td>{order_link(locale, wallet, entry.order_id.as_deref())}</td>
                        <td class="hint">{locale.t(balance)}</td>
                        <td class=tone>{signed_price(entry.amount_cents, locale)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="orders-table wallet-table">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t(WalletMsg::ColDate)}</th>
                            <th scope="col">{locale.t(WalletMsg::ColOperation)}</th>
                            <th scope="col">{locale.t(WalletMsg::ColOrder)}</th>
                            <th scope="col">{locale.t(WalletMsg::ColBalance)}</th>
                            <th scope="col" class="num">{locale.t(WalletMsg::ColAmount)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="card account-section" id="history" aria-labelledby="history-title">
            <h2 id="history-title">{locale.t(WalletMsg::HistoryTitle)}</h2>
            {body}
        </section>
    }
}
