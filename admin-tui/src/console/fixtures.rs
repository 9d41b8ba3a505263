//! Users, shops, offers, locations and orders shared by the console's tests (and the
//! client's), and helpers to drive [`update`].

mod analytics;
mod till;

use api_types::buying::Address;
use api_types::catalog::Category;
use api_types::orders::{Fulfilment, OrderLine, SellerOrder};
use api_types::selling::{
    Location, LowStockLine, SellerOffer, SellerShop, StockLine, StockMovement,
};
use api_types::{ErrorBody, ListResponse, Role, ShopStatus, ShopSummary, User};

use super::action::{Action, Answer, ApiCall, Effect};
use super::screens::form::Form;
use super::screens::{Desk, Overlay, Remote, Tab};
use super::state::{Loading, Screen, Session, State};
use super::update::update;
use crate::client::ApiError;

pub use analytics::{platform_kpis, seller_dashboard};
pub use till::{CODE, desk_mut, till_cart, till_order, till_state, till_with};

/// Delivers the answer to request `request`, as the I/O side does when a call returns.
pub fn answer(state: &mut State, request: u64, answer: Answer) -> Option<Effect> {
    update(
        state,
        Action::Answer {
            request,
            answer: Box::new(answer),
        },
    )
}

/// The server every test state points at.
pub const SERVER: &str = "http://127.0.0.1:3000";

/// A seller with a shop.
pub fn seller() -> User {
    User {
        id: "u1".into(),
        email: "ada@example.com".into(),
        name: "Ada Lovelace".into(),
        roles: vec![Role::Shopper, Role::Seller],
        shop_id: Some("s1".into()),
    }
}

/// A platform operator.
pub fn operator() -> User {
    User {
        id: "u2".into(),
        email: "grace@halles.example".into(),
        name: "Grace Hopper".into(),
        roles: vec![Role::Operator],
        shop_id: None,
    }
}

/// The seller's shop, in `status`.
pub fn shop(status: ShopStatus) -> ShopSummary {
    ShopSummary {
        id: "s1".into(),
        slug: "adas-attic".into(),
        name: "Ada's Attic".into(),
        status,
    }
}

/// An offer with `id`, `title`, price, status and stock `(location id, quantity, reserved)`.
pub fn offer(
    id: &str,
    title: &str,
    price_cents: i64,
    status: &str,
    stock: &[(&str, u32, u32)],
) -> SellerOffer {
    SellerOffer {
        id: id.into(),
        product_id: format!("p-{id}"),
        gtin: format!("0400638133{:04}", id.len() * 1000 + title.len()),
        title: title.into(),
        brand: "Bosch".into(),
        category: "bricolage".into(),
        price_cents,
        currency: "EUR".into(),
        condition: "new".into(),
        description: String::new(),
        delivery_price_cents: 490,
        delivery_days: 3,
        status: status.into(),
        stock: stock
            .iter()
            .map(|(location_id, quantity, reserved)| StockLine {
                location_id: (*location_id).into(),
                quantity: *quantity,
                reserved: *reserved,
            })
            .collect(),
    }
}

/// Five offers: active, inactive, in review, taken down; one out of stock.
pub fn offers() -> Vec<SellerOffer> {
    let mut drill = offer(
        "o1",
        "Perceuse à percussion PSB 500",
        10_490,
        "active",
        &[("l1", 12, 2), ("l2", 3, 0)],
    );
    drill.gtin = "04006381333931".into();
    let mut saw = offer(
        "o2",
        "Scie sauteuse PST 650",
        5_990,
        "inactive",
        &[("l1", 0, 0)],
    );
    saw.condition = "like_new".into();
    saw.delivery_price_cents = 0;
    let sander = offer(
        "o3",
        "Ponceuse excentrique",
        7_450,
        "review",
        &[("l2", 5, 1)],
    );
    let mut level = offer("o4", "Niveau laser", 123_456, "taken_down", &[]);
    level.condition = "acceptable".into();
    let screws = offer(
        "o5",
        "Coffret de vis (600 pièces)",
        1_999,
        "active",
        &[("l1", 40, 0), ("l3", 7, 0)],
    );
    vec![drill, saw, sander, level, screws]
}

/// Three locations: a warehouse and two stores, one serving pickups.
pub fn locations() -> Vec<Location> {
    let location =
        |id: &str, name: &str, kind: &str, city: &str, postcode: &str, pickup: bool| Location {
            id: id.into(),
            name: name.into(),
            kind: kind.into(),
            address: "1 rue du Test".into(),
            postcode: postcode.into(),
            city: city.into(),
            pickup,
            latitude: Some(48.86),
            longitude: Some(2.35),
            opening_hours: "Mon–Sat 10:00–19:00".into(),
            preparation_minutes: if pickup { 90 } else { 120 },
        };
    vec![
        location(
            "l1",
            "Entrepôt Saint-Ouen",
            "warehouse",
            "Saint-Ouen",
            "93400",
            false,
        ),
        location("l2", "Boutique Rivoli", "store", "Paris", "75001", true),
        location(
            "l3",
            "Atelier Croix-Rousse",
            "store",
            "Lyon",
            "69004",
            false,
        ),
    ]
}

/// The low rows of [`offers`]: the drill at Boutique Rivoli (3 free, low at 5) and the
/// saw at the warehouse (none, low at 2).
pub fn low_stock() -> Vec<LowStockLine> {
    let line =
        |offer_id: &str, title: &str, location: (&str, &str), quantity, threshold| LowStockLine {
            offer_id: offer_id.into(),
            title: title.into(),
            location_id: location.0.into(),
            location_name: location.1.into(),
            quantity,
            reserved: 0,
            free: quantity,
            low_stock_threshold: threshold,
        };
    vec![
        line(
            "o2",
            "Scie sauteuse PST 650",
            ("l1", "Entrepôt Saint-Ouen"),
            0,
            2,
        ),
        line(
            "o1",
            "Perceuse à percussion PSB 500",
            ("l2", "Boutique Rivoli"),
            3,
            5,
        ),
    ]
}

/// A movement of the drill at Boutique Rivoli: `reason`, the changes, an order, a note.
pub fn movement(
    id: &str,
    reason: &str,
    changes: (i64, i64),
    order_id: Option<&str>,
    note: &str,
    created_at: &str,
) -> StockMovement {
    StockMovement {
        id: id.into(),
        location_id: "l2".into(),
        location_name: "Boutique Rivoli".into(),
        reason: reason.into(),
        quantity_change: changes.0,
        reserved_change: changes.1,
        order_id: order_id.map(str::to_owned),
        note: note.into(),
        created_at: created_at.into(),
    }
}

/// The drill's movements at Boutique Rivoli, newest first: a sale of a pickup (known to
/// the orders screen), its reservation, a transfer in, a count, the first receipt.
pub fn movements() -> Vec<StockMovement> {
    vec![
        movement(
            "m5",
            "sale",
            (-1, -1),
            Some("order-so3"),
            "",
            "2026-11-22T16:40:00Z",
        ),
        movement(
            "m4",
            "reservation",
            (0, 1),
            Some("order-so3"),
            "",
            "2026-11-20T16:20:00Z",
        ),
        movement(
            "m3",
            "transfer",
            (2, 0),
            None,
            "from Entrepôt Saint-Ouen — vitrine de Noël",
            "2026-11-18T09:12:00Z",
        ),
        movement(
            "m2",
            "adjustment",
            (-1, 0),
            None,
            "inventaire: une boîte abîmée",
            "2026-11-15T18:00:00Z",
        ),
        movement("m1", "receipt", (3, 0), None, "", "2026-11-02T08:30:00Z"),
    ]
}

/// Two categories.
pub fn categories() -> Vec<Category> {
    let category = |id: &str, slug: &str, fr: &str, en: &str| Category {
        id: id.into(),
        slug: slug.into(),
        parent_id: None,
        name_fr: fr.into(),
        name_en: en.into(),
    };
    vec![
        category("c1", "bricolage", "Bricolage", "DIY"),
        category("c2", "jardin", "Jardin", "Garden"),
    ]
}

/// The seller's shop in full.
pub fn seller_shop(status: ShopStatus) -> SellerShop {
    SellerShop {
        id: "s1".into(),
        slug: "adas-attic".into(),
        name: "Ada's Attic".into(),
        description: "Tools and hardware, new and second hand, from a Paris workshop.".into(),
        status,
        banner_color: "#2f6f4f".into(),
        return_policy: "Returns within 14 days, unused, in the original box.".into(),
        shipping_flat_cents: 490,
        free_shipping_threshold_cents: Some(5_000),
        currency: "EUR".into(),
    }
}

/// A page holding `items`.
pub fn page<T>(items: Vec<T>) -> ListResponse<T> {
    let total = items.len() as u64;
    ListResponse {
        items,
        total,
        page: 1,
        per_page: 20,
    }
}

/// Signed in as the seller, on `tab`, everything loaded from the canned data.
pub fn desk_state(tab: Tab) -> State {
    let mut session = Session::new("tok");
    session.user = Some(seller());
    session.shop = Some(shop(ShopStatus::Approved));
    session.me = Loading::Loaded;
    let desk = &mut session.desk;
    desk.tab = tab;
    desk.shop = loaded(seller_shop(ShopStatus::Approved));
    desk.dashboard = loaded(seller_dashboard());
    desk.offers.list = loaded(page(offers()));
    desk.offers.page = 1;
    desk.locations.list = loaded(locations());
    desk.stock.low = loaded(low_stock());
    desk.categories = loaded(categories());
    desk.orders.list = loaded(page(seller_orders()));
    desk.orders.page = 1;
    desk.orders.to_handle = loaded(1);
    desk.cashback = loaded(seller_cashback());
    desk.disputes.list = loaded(page(disputes()));
    desk.disputes.to_answer = Some(1);
    desk.payouts = loaded(seller_payouts());
    State::with_session(SERVER, session)
}

/// A campaign `id` named `name`, adding `rate_bps`, in `status`, on a shop (`Some`) or
/// the garden category.
pub fn campaign(
    id: &str,
    name: &str,
    rate_bps: i32,
    shop: Option<(&str, &str)>,
    status: &str,
) -> api_types::operating::Campaign {
    api_types::operating::Campaign {
        id: id.into(),
        name: name.into(),
        rate_bps,
        shop_id: shop.map(|(id, _)| id.into()),
        shop_name: shop.map(|(_, name)| name.into()),
        category: shop.is_none().then(|| "jardin".into()),
        category_name: shop.is_none().then(|| "Jardin".into()),
        starts_at: "2026-12-01T08:00:00Z".into(),
        ends_at: "2026-12-24T18:00:00Z".into(),
        status: status.into(),
    }
}

/// Three campaigns: one running on a shop, one upcoming on a category, one ended.
pub fn campaigns() -> Vec<api_types::operating::Campaign> {
    let mut spring = campaign("c2", "Printemps au jardin", 250, None, "upcoming");
    spring.starts_at = "2027-03-20T00:00:00Z".into();
    spring.ends_at = "2027-04-10T00:00:00Z".into();
    let mut black_friday = campaign(
        "c3",
        "Black Friday",
        1_000,
        Some(("s2", "Bazar Sud")),
        "ended",
    );
    black_friday.starts_at = "2026-11-27T00:00:00Z".into();
    black_friday.ends_at = "2026-11-30T23:59:00Z".into();
    vec![
        campaign(
            "c1",
            "Semaine de Noël",
            500,
            Some(("s2", "Bazar Sud")),
            "running",
        ),
        spring,
        black_friday,
    ]
}

/// The seller's cashback: a shop boost, two offers boosted on their own, a campaign.
pub fn seller_cashback() -> api_types::selling::SellerCashback {
    use api_types::selling::BoostedOffer;
    api_types::selling::SellerCashback {
        shop_boost_bps: Some(150),
        boosted_offers: vec![
            BoostedOffer {
                offer_id: "o1".into(),
                title: "Perceuse à percussion PSB 500".into(),
                boost_bps: 300,
            },
            BoostedOffer {
                offer_id: "o5".into(),
                title: "Coffret de vis (600 pièces)".into(),
                boost_bps: 50,
            },
        ],
        boost_funded_cents: 12_345,
        boosted_orders: 17,
        campaigns: vec![campaign(
            "c1",
            "Semaine de Noël",
            500,
            Some(("s1", "Ada's Attic")),
            "running",
        )],
    }
}

/// What the seller earned: three balances, two payouts and nine ledger lines (a sale with
/// its commission and boost, a release to payable, a refund after it, a payout).
pub fn seller_payouts() -> api_types::selling::SellerPayouts {
    use api_types::selling::{EarningEntry, Payout, SellerPayouts};
    let line = |balance: &str, kind: &str, amount_cents: i64, order: Option<&str>, day: &str| {
        EarningEntry {
            balance: balance.into(),
            kind: kind.into(),
            amount_cents,
            order_number: order.map(Into::into),
            created_at: format!("2026-11-{day}T10:00:00Z"),
        }
    };
    SellerPayouts {
        pending_cents: 12_956,
        payable_cents: 23_450,
        paid_cents: 110_000,
        payouts: vec![
            Payout {
                id: "payout:p2".into(),
                amount_cents: 10_000,
                created_at: "2026-11-25T09:00:00Z".into(),
            },
            Payout {
                id: "payout:p1".into(),
                amount_cents: 100_000,
                created_at: "2026-10-31T09:00:00Z".into(),
            },
        ],
        entries: vec![
            line("payable", "payout", -10_000, None, "25"),
            line("pending", "earning", 14_978, Some("H-7K2M9Q4T"), "24"),
            line("pending", "commission", -1_797, Some("H-7K2M9Q4T"), "24"),
            line("pending", "cashback_boost", -225, Some("H-7K2M9Q4T"), "24"),
            line("payable", "payable", 8_990, Some("H-4D8F2K7Y"), "22"),
            line("pending", "payable", -8_990, Some("H-4D8F2K7Y"), "22"),
            line("payable", "refund_seller", -500, Some("H-4D8F2K7Y"), "20"),
            line("pending", "earning", 10_200, Some("H-4D8F2K7Y"), "08"),
            line("pending", "commission", -1_210, Some("H-4D8F2K7Y"), "08"),
        ],
    }
}

/// A 409 with `code`.
pub fn conflict(code: &str, message: &str) -> ApiError {
    ApiError::Api {
        status: 409,
        body: ErrorBody::new(code, message, None),
    }
}

/// Data as if it had just been received.
pub fn loaded<T>(data: T) -> Remote<T> {
    Remote {
        data: Some(data),
        load: Loading::Loaded,
        pending: None,
    }
}

/// The desk of a signed-in state.
pub fn desk(state: &State) -> &Desk {
    match &state.screen {
        Screen::Console(session) => &session.desk,
        Screen::Login(_) => panic!("expected the console, got the login form"),
    }
}

/// The form open over the desk.
pub fn open_form(state: &State) -> &Form {
    match &desk(state).overlay {
        Some(Overlay::Form(form)) => form,
        other => panic!("expected a form, got {other:?}"),
    }
}

/// Types `text` (one `Input` per character).
pub fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        update(state, Action::Input(c));
    }
}

/// The request id and call of an [`Effect::Api`].
pub fn api_call(effect: Option<Effect>) -> (u64, ApiCall) {
    match effect {
        Some(Effect::Api { request, call, .. }) => (request, *call),
        other => panic!("expected an API call, got {other:?}"),
    }
}

/// A 422 naming `field`.
pub fn invalid(field: &str, message: &str) -> ApiError {
    ApiError::Api {
        status: 422,
        body: ErrorBody::new("invalid", message, Some(field)),
    }
}

/// A seller order `id`, numbered `number`, in `status`, by `method` (`delivery` or
/// `pickup`): a drill and two boxes of screws, 4,90 € shipping for a delivery.
///
/// The fixtures' numbers are as long as the server's (`H-` and 8 letters or digits, see
/// `services::buying::checkout`), so that a column too narrow for them shows in snapshots.
pub fn seller_order(id: &str, number: &str, status: &str, method: &str) -> SellerOrder {
    let line = |id: &str, title: &str, quantity: u32, unit_price_cents: i64| OrderLine {
        id: id.into(),
        offer_id: format!("o-{id}"),
        product_id: format!("p-{id}"),
        title: title.into(),
        condition: "new".into(),
        quantity,
        unit_price_cents,
        line_cents: i64::from(quantity) * unit_price_cents,
    };
    let delivery = method == "delivery";
    let shipping_cents = if delivery { 490 } else { 0 };
    SellerOrder {
        id: id.into(),
        order_id: format!("order-{id}"),
        order_number: number.into(),
        shop_id: "s1".into(),
        shop_name: "Ada's Attic".into(),
        shop_slug: "adas-attic".into(),
        status: status.into(),
        fulfilment: Fulfilment {
            method: method.into(),
            address: delivery.then(|| Address {
                name: "Jeanne Martin".into(),
                line1: "3 rue Oberkampf".into(),
                line2: String::new(),
                postcode: "75011".into(),
                city: "Paris".into(),
                country: "FR".into(),
            }),
            store_id: (!delivery).then(|| "l2".into()),
            store_name: (!delivery).then(|| "Boutique Rivoli".into()),
            carrier: None,
            tracking: None,
        },
        pickup_code: None,
        lines: vec![
            line("ol1", "Perceuse à percussion PSB 500", 1, 10_490),
            line("ol2", "Coffret de vis (600 pièces)", 2, 1_999),
        ],
        items_cents: 14_488,
        shipping_cents,
        discount_cents: 0,
        total_cents: 14_488 + shipping_cents,
        refunded_cents: 0,
        commission_cents: 1_449,
        currency: "EUR".into(),
        return_status: "none".into(),
        return_reason: None,
        return_deadline: None,
        created_at: "2026-11-22T14:05:09Z".into(),
        updated_at: "2026-11-22T14:05:09Z".into(),
    }
}

/// Five orders, newest first: paid (delivery), accepted (pickup), ready for pickup,
/// shipped with a return asked for, and cancelled.
pub fn seller_orders() -> Vec<SellerOrder> {
    let mut shipped = seller_order("so4", "H-4D8F2K7Y", "shipped", "delivery");
    shipped.fulfilment.carrier = Some("Colissimo".into());
    shipped.fulfilment.tracking = Some("6A12345678901".into());
    shipped.return_status = "requested".into();
    shipped.return_reason = Some("Too heavy for me".into());
    shipped.refunded_cents = 500;
    shipped.created_at = "2026-11-19T09:30:00Z".into();
    let mut cancelled = seller_order("so5", "H-5E9G3L8Z", "cancelled", "delivery");
    cancelled.created_at = "2026-11-18T17:45:00Z".into();
    let mut accepted = seller_order("so2", "H-2B6D9H5W", "accepted", "pickup");
    accepted.created_at = "2026-11-21T11:00:00Z".into();
    let mut ready = seller_order("so3", "H-3C7E8J6X", "ready_for_pickup", "pickup");
    ready.created_at = "2026-11-20T16:20:00Z".into();
    vec![
        seller_order("so1", "H-7K2M9Q4T", "paid", "delivery"),
        accepted,
        ready,
        shipped,
        cancelled,
    ]
}

/// A paid order placed after every one of [`seller_orders`], as a poll finds it.
pub fn new_seller_order() -> SellerOrder {
    let mut order = seller_order("so6", "H-8N3P4R9A", "paid", "pickup");
    order.created_at = "2026-11-23T08:15:00Z".into();
    order
}

/// The first page once [`new_seller_order`] came in: it first, then [`seller_orders`].
pub fn seller_orders_with_new() -> Vec<SellerOrder> {
    let mut orders = vec![new_seller_order()];
    orders.extend(seller_orders());
    orders
}

/// The poll timer fires and the server answers with `orders` (as the page on show) and
/// `to_handle`.
pub fn poll_answered(state: &mut State, orders: Vec<SellerOrder>, to_handle: u64) {
    use super::action::Answer;
    let Some(Effect::Batch(effects)) = update(state, Action::Tick) else {
        panic!("expected the page and the count to be polled");
    };
    let mut orders = Some(orders);
    for effect in effects {
        let answer = match api_call(Some(effect)) {
            (request, ApiCall::ListOrders(_)) => (
                request,
                Answer::Orders(Ok(page(orders.take().expect("one page")))),
            ),
            (request, ApiCall::CountOrders { .. }) => (request, Answer::OrderCount(Ok(to_handle))),
            (_, call) => panic!("a poll asks for orders only, not {call:?}"),
        };
        update(
            state,
            Action::Answer {
                request: answer.0,
                answer: Box::new(answer.1),
            },
        );
    }
}

/// Signed in as the operator, on `tab`, every operator screen loaded from canned data.
pub fn ops_state(tab: crate::console::screens::ops::OpsTab) -> State {
    use api_types::operating::{
        AuditChange, AuditEntry, OperatorShop, PlatformSettings, ReportCase, SettingsResponse,
    };
    let mut session = Session::new("tok");
    session.user = Some(operator());
    session.me = Loading::Loaded;
    let ops = &mut session.ops;
    ops.tab = tab;
    let applicant = |id: &str, name: &str, status: ShopStatus| OperatorShop {
        id: id.into(),
        slug: name.to_lowercase().replace(' ', "-"),
        name: name.into(),
        description: "Outils et quincaillerie, retrait en boutique".into(),
        status,
        status_reason: None,
        owner_name: "Ada Lovelace".into(),
        owner_email: format!("{id}@sellers.example"),
        offer_count: 3,
        created_at: "2026-11-20T09:30:00Z".into(),
    };
    ops.shops = loaded(page(vec![
        applicant("s1", "Atelier Nord", ShopStatus::Pending),
        applicant("s2", "Bazar Sud", ShopStatus::Approved),
    ]));
    ops.shop_page = 1;
    ops.reports = loaded(page(vec![ReportCase {
        offer_id: "o1".into(),
        product_id: "p1".into(),
        title: "Perceuse sans fil".into(),
        shop_id: "s2".into(),
        shop_name: "Bazar Sud".into(),
        price_cents: 8_990,
        currency: "EUR".into(),
        status: "active".into(),
        moderation_note: None,
        open_reports: 2,
        reasons: vec!["Photo volée".into(), "Produit contrefait".into()],
    }]));
    ops.settings = loaded(SettingsResponse {
        settings: PlatformSettings {
            commission_rate_bps: 1200,
            cashback_rate_bps: 300,
            return_window_days: 14,
            pickup_hold_days: 7,
        },
        updated_at: "2026-11-22T08:00:00Z".into(),
    });
    ops.audit = loaded(page(vec![AuditEntry {
        id: "a1".into(),
        operator_id: "u2".into(),
        operator_name: "Grace Hopper".into(),
        operator_email: "grace@halles.example".into(),
        action: "shop.suspend".into(),
        target_type: "shop".into(),
        target_id: "s3".into(),
        reason: "Colis jamais livrés".into(),
        changes: vec![AuditChange {
            field: "status".into(),
            old: "approved".into(),
            new: "suspended".into(),
        }],
        created_at: "2026-11-21T17:45:00Z".into(),
    }]));
    ops.audit_page = 1;
    ops.campaigns = loaded(page(campaigns()));
    ops.categories = loaded(categories());
    let mut open: Vec<_> = disputes()
        .into_iter()
        .filter(|d| d.status == "open")
        .collect();
    if let Some(other) = open.get_mut(1) {
        other.shop_id = "s2".into();
        other.shop_name = "Bazar Sud".into();
    }
    ops.disputes.list = loaded(page(open));
    ops.kpis.report = loaded(platform_kpis());
    State::with_session(SERVER, session)
}

/// The operator screens of a signed-in state.
pub fn ops(state: &State) -> &crate::console::screens::ops::Ops {
    match &state.screen {
        Screen::Console(session) => &session.ops,
        Screen::Login(_) => panic!("expected the console, got the login form"),
    }
}

/// A dispute `id` on order `number`, in `status`, about Ada's Attic's part of it
/// (149,78 €, nothing refunded yet): the parcel never came, no answer, no decision.
pub fn dispute(id: &str, number: &str, status: &str) -> api_types::operating::Dispute {
    api_types::operating::Dispute {
        id: id.into(),
        seller_order_id: format!("so-{id}"),
        order_id: format!("order-{id}"),
        order_number: number.into(),
        shop_id: "s1".into(),
        shop_name: "Ada's Attic".into(),
        shopper_name: "Jeanne Martin".into(),
        kind: "not_received".into(),
        message: "Le colis n'est jamais arrivé, le suivi est bloqué depuis dix jours.".into(),
        seller_answer: None,
        answered_at: None,
        status: status.into(),
        decision_reason: None,
        refund_cents: None,
        decided_at: None,
        created_at: "2026-11-23T10:15:00Z".into(),
        part_total_cents: 14_978,
        part_refunded_cents: 0,
    }
}

/// Four disputes, newest first: open without an answer, open and answered (5,00 €
/// refunded on the order already), refunded in full, rejected.
pub fn disputes() -> Vec<api_types::operating::Dispute> {
    let mut answered = dispute("d2", "H-4D8F2K7Y", "open");
    answered.kind = "not_as_described".into();
    answered.shopper_name = "Paul Durand".into();
    answered.message = "La perceuse est d'occasion, pas neuve comme annoncé.".into();
    answered.seller_answer =
        Some("Elle est neuve : le carton a été ouvert pour le contrôle qualité.".into());
    answered.answered_at = Some("2026-11-22T18:00:00Z".into());
    answered.part_refunded_cents = 500;
    answered.created_at = "2026-11-21T09:00:00Z".into();
    let mut refunded = dispute("d3", "H-2B6D9H5W", "refunded");
    refunded.seller_answer = Some("Colis remis au transporteur le 12.".into());
    refunded.decision_reason = Some("Le transporteur confirme la perte.".into());
    refunded.refund_cents = Some(14_978);
    refunded.part_refunded_cents = 14_978;
    refunded.decided_at = Some("2026-11-20T16:00:00Z".into());
    refunded.created_at = "2026-11-15T08:00:00Z".into();
    let mut rejected = dispute("d4", "H-5E9G3L8Z", "rejected");
    rejected.kind = "not_as_described".into();
    rejected.message = "Couleur différente de la photo.".into();
    rejected.decision_reason = Some("La fiche indique bien la couleur.".into());
    rejected.decided_at = Some("2026-11-12T11:30:00Z".into());
    rejected.created_at = "2026-11-10T14:00:00Z".into();
    vec![
        dispute("d1", "H-7K2M9Q4T", "open"),
        answered,
        refunded,
        rejected,
    ]
}
