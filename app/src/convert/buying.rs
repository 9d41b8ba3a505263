//! Carts and orders: service views → API types.

use api_types::buying::{
    Address, Cart, CartItem, CartShop, CashbackLot, Notification, Quote, QuotePart, Wallet,
    WalletEntry,
};
use api_types::orders::{Fulfilment, Order, OrderLine, Payment, SellerOrder};
use services::buying::cart::{CartLineRow, CartView};
use services::buying::cashback::WalletView;
use services::buying::cashback_estimate::{CashbackEstimate, QuoteEstimate};
use services::buying::checkout::{AddressInput, Quote as QuoteView};
use services::buying::views::{OrderView, SellerOrderView};
use services::db::entity::notifications;

fn rfc3339(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The cart as the API shows it, with what it would earn (see
/// [`services::buying::cashback_estimate::for_cart`]).
pub fn cart_of(view: &CartView, cashback: &CashbackEstimate) -> Cart {
    let shops: Vec<CartShop> = view
        .shops
        .iter()
        .map(|shop| CartShop {
            shop_id: shop.shop_id.clone(),
            shop_slug: shop.shop_slug.clone(),
            shop_name: shop.shop_name.clone(),
            items: shop
                .lines
                .iter()
                .map(|line| cart_item_of(line, cashback))
                .collect(),
            subtotal_cents: shop.subtotal_cents,
            shipping_cents: shop.shipping_cents,
            free_shipping_threshold_cents: shop.free_shipping_threshold_cents,
            pickup_available: shop.pickup_available,
        })
        .collect();
    Cart {
        id: view.id.clone(),
        item_count: view.item_count(),
        subtotal_cents: view.subtotal_cents(),
        shipping_cents: view.shipping_cents(),
        total_cents: view.subtotal_cents() + view.shipping_cents(),
        currency: "EUR".into(),
        notices: view.notices.clone(),
        cashback_earned_cents: cashback.total_cents,
        shops,
    }
}

/// One cart line as the API shows it.
pub fn cart_item_of(line: &CartLineRow, cashback: &CashbackEstimate) -> CartItem {
    CartItem {
        id: line.item_id.clone(),
        offer_id: line.offer_id.clone(),
        product_id: line.product_id.clone(),
        product_slug: line.product_slug.clone(),
        title: line.title.clone(),
        condition: line.condition.clone(),
        quantity: u32::try_from(line.quantity).unwrap_or(0),
        price_cents: line.price_cents,
        price_cents_when_added: line.price_cents_seen,
        line_cents: line.line_cents(),
        available: u32::try_from(line.available.max(0)).unwrap_or(u32::MAX),
        state: line.state().as_str().to_owned(),
        cashback_earned_cents: cashback.for_offer(&line.offer_id),
    }
}

/// An API address → the service's input (checked by the service).
pub fn address_input(address: &Address) -> AddressInput {
    AddressInput {
        name: address.name.clone(),
        line1: address.line1.clone(),
        line2: address.line2.clone(),
        postcode: address.postcode.clone(),
        city: address.city.clone(),
        country: address.country.clone(),
    }
}

fn address_of(input: &AddressInput) -> Address {
    Address {
        name: input.name.clone(),
        line1: input.line1.clone(),
        line2: input.line2.clone(),
        postcode: input.postcode.clone(),
        city: input.city.clone(),
        country: input.country.clone(),
    }
}

/// A quote as the API shows it, with what its order would earn (see
/// [`services::buying::cashback_estimate::for_quote`]).
pub fn quote_of(quote: &QuoteView, cashback: &QuoteEstimate) -> Quote {
    Quote {
        parts: quote
            .parts
            .iter()
            .enumerate()
            .map(|(index, part)| QuotePart {
                shop_id: part.shop_id.clone(),
                method: part.method.as_str().to_owned(),
                items_cents: part.items_cents,
                shipping_cents: part.shipping_cents,
                discount_cents: part.discount_cents,
                total_cents: part.total_cents,
                cashback_earned_cents: cashback
                    .parts
                    .get(index)
                    .map_or(0, |estimate| estimate.total_cents),
            })
            .collect(),
        items_cents: quote.items_cents,
        shipping_cents: quote.shipping_cents,
        discount_cents: quote.discount_cents,
        cashback_used_cents: quote.cashback_used_cents,
        total_cents: quote.total_cents,
        vat_cents: quote.vat_cents,
        currency: "EUR".into(),
        cashback_earned_cents: cashback.total_cents,
    }
}

/// Whose eyes an order is shown to: the pickup code is the shopper's secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Shopper,
    Seller,
}

/// One seller order as the API shows it.
pub fn seller_order_of(part: &SellerOrderView, audience: Audience) -> SellerOrder {
    let row = &part.row;
    let address = row.ship_line1.as_ref().map(|line1| {
        address_of(&AddressInput {
            name: row.ship_name.clone().unwrap_or_default(),
            line1: line1.clone(),
            line2: row.ship_line2.clone().unwrap_or_default(),
            postcode: row.ship_postcode.clone().unwrap_or_default(),
            city: row.ship_city.clone().unwrap_or_default(),
            country: row.ship_country.clone().unwrap_or_default(),
        })
    });
    let paid = !matches!(row.status.as_str(), "pending_payment" | "cancelled");
    SellerOrder {
        id: row.id.clone(),
        order_id: row.order_id.clone(),
        order_number: part.order_number.clone(),
        shop_id: row.shop_id.clone(),
        shop_name: part.shop_name.clone(),
        shop_slug: part.shop_slug.clone(),
        status: row.status.clone(),
        fulfilment: Fulfilment {
            method: row.fulfilment.clone(),
            address,
            store_id: row.store_id.clone(),
            store_name: part.store_name.clone(),
            carrier: row.carrier.clone(),
            tracking: row.tracking.clone(),
        },
        pickup_code: match audience {
            Audience::Shopper if paid => row.pickup_code.clone(),
            _ => None,
        },
        lines: part
            .lines
            .iter()
            .map(|line| OrderLine {
                id: line.id.clone(),
                offer_id: line.offer_id.clone(),
                product_id: line.product_id.clone(),
                title: line.title.clone(),
                condition: line.condition.clone(),
                quantity: u32::try_from(line.quantity).unwrap_or(0),
                unit_price_cents: line.unit_price_cents,
                line_cents: line.line_cents,
            })
            .collect(),
        items_cents: row.items_cents,
        shipping_cents: row.shipping_cents,
        discount_cents: row.discount_cents,
        total_cents: row.total_cents,
        refunded_cents: row.refunded_cents,
        commission_cents: match audience {
            Audience::Seller => row.commission_cents,
            Audience::Shopper => 0,
        },
        currency: "EUR".into(),
        return_status: row.return_status.clone(),
        return_reason: row.return_reason.clone(),
        return_deadline: part.return_deadline.map(rfc3339),
        created_at: rfc3339(row.created_at),
        updated_at: rfc3339(row.updated_at),
    }
}

/// The path of the sandbox payment page of an order.
pub fn pay_path(order_id: &str) -> String {
    format!("/pay/{order_id}")
}

/// A whole order as its shopper sees it.
pub fn order_of(view: &OrderView) -> Order {
    let order = &view.order;
    let payment = &view.payment;
    Order {
        id: order.id.clone(),
        number: order.number.clone(),
        status: order.status.clone(),
        channel: order.channel.clone(),
        items_cents: order.items_cents,
        shipping_cents: order.shipping_cents,
        discount_cents: order.discount_cents,
        cashback_used_cents: order.cashback_used_cents,
        total_cents: order.total_cents,
        vat_cents: order.vat_cents,
        currency: order.currency.clone(),
        discount_code: order.discount_code.clone(),
        payment: Payment {
            id: payment.id.clone(),
            provider: payment.provider.clone(),
            status: payment.status.clone(),
            amount_cents: payment.amount_cents,
            refunded_cents: payment.refunded_cents,
            card_brand: payment.card_brand.clone(),
            card_last4: payment.card_last4.clone(),
            decline_code: payment.decline_code.clone(),
            pay_url: (payment.status == "pending" && order.status == "pending_payment")
                .then(|| pay_path(&order.id)),
        },
        seller_orders: view
            .parts
            .iter()
            .map(|part| seller_order_of(part, Audience::Shopper))
            .collect(),
        created_at: rfc3339(order.created_at),
        paid_at: order.paid_at.map(rfc3339),
        expires_at: order.expires_at.map(rfc3339),
    }
}

/// A message from the outbox, as the account page shows it.
pub fn notification_of(row: &notifications::Model) -> Notification {
    Notification {
        id: row.id.clone(),
        kind: row.kind.clone(),
        subject: row.subject.clone(),
        body: row.body.clone(),
        order_id: row.order_id.clone(),
        created_at: rfc3339(row.created_at),
    }
}

/// The wallet as the API shows it.
pub fn wallet_of(view: &WalletView) -> Wallet {
    Wallet {
        available_cents: view.balances.available_cents,
        pending_cents: view.balances.pending_cents,
        currency: "EUR".into(),
        entries: view
            .entries
            .iter()
            .map(|entry| WalletEntry {
                id: entry.id.clone(),
                kind: entry.kind().to_owned(),
                balance: if entry.is_pending() {
                    "pending"
                } else {
                    "available"
                }
                .to_owned(),
                amount_cents: entry.amount_cents,
                order_id: entry.order_id.clone(),
                created_at: rfc3339(entry.created_at),
            })
            .collect(),
        lots: view
            .lots
            .iter()
            .map(|lot| CashbackLot {
                id: lot.id.clone(),
                kind: lot.kind.clone(),
                status: lot.status.clone(),
                amount_cents: lot.platform_cents + lot.boost_cents - lot.reversed_cents,
                remaining_cents: lot.remaining_cents,
                boost_cents: lot.boost_cents,
                order_id: lot.order_id.clone(),
                order_number: lot.order_number.clone(),
                shop_name: lot.shop_name.clone(),
                matures_at: lot.matures_at.map(rfc3339),
                expires_at: lot.expires_at.map(rfc3339),
                created_at: rfc3339(lot.created_at),
            })
            .collect(),
    }
}

/// The API's view of a dispute (a shopper's "report a problem" on a seller order).
pub fn dispute_of(row: &services::operating::disputes::Dispute) -> api_types::operating::Dispute {
    api_types::operating::Dispute {
        id: row.id.clone(),
        seller_order_id: row.seller_order_id.clone(),
        order_id: row.order_id.clone(),
        order_number: row.order_number.clone(),
        shop_id: row.shop_id.clone(),
        shop_name: row.shop_name.clone(),
        shopper_name: row.shopper_name.clone(),
        kind: row.kind.clone(),
        message: row.message.clone(),
        seller_answer: row.seller_answer.clone(),
        answered_at: row.answered_at.map(rfc3339),
        status: row.status.clone(),
        decision_reason: row.decision_reason.clone(),
        refund_cents: row.refund_cents,
        decided_at: row.decided_at.map(rfc3339),
        created_at: rfc3339(row.created_at),
        part_total_cents: row.part_total_cents,
        part_refunded_cents: row.part_refunded_cents,
    }
}
