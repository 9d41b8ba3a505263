//! The click & collect lifecycle after payment (issue 5): "preparing" on the order page
//! while the seller gets it ready; once ready, a message with the store, the code, its QR
//! code and the hold, and the order page with the code large and its QR code (an SVG only
//! the order's shopper can read); and the job that cancels, refunds and restocks a part
//! not collected within the platform's hold, once, whoever runs it.

use admin_tui::client::{ApiClient, Method};
use api_types::ListResponse;
use api_types::buying::{CheckoutRequest, FulfilmentChoice, Notification, OrderResponse, Wallet};
use api_types::orders::SellerOrder;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;
use services::buying::payments::SandboxProvider;
use services::buying::pickup_hold::{self, NOT_COLLECTED};
use services::db::entity::{refunds, seller_orders};
use tests::{TestApp, logged_in, spawn_app};

use crate::market::{
    Market, add_to_cart, assert_invariants, market, seller_step, stock, stock_row,
};
use crate::wallet::{page, shopper};

/// The shopper's cart, paid with the test card, to collect at shop B's store.
async fn pay_for_pickup_at_store_b(client: &ApiClient, m: &Market) -> SellerOrder {
    let order: OrderResponse = client
        .post(
            "/checkout",
            &CheckoutRequest {
                fulfilments: vec![FulfilmentChoice {
                    shop_id: m.shop_b.id.clone(),
                    method: "pickup".into(),
                    address: None,
                    store_id: Some(m.shop_b.store_id.clone()),
                }],
                payment_method: "pm_card_visa".into(),
                use_cashback_cents: None,
                discount_code: None,
            },
        )
        .await
        .expect("paid");
    order.order.seller_orders[0].clone()
}

/// One unit of B's teapot bought by `client` for pickup, then accepted (and readied).
async fn bought(client: &ApiClient, m: &Market, ready: bool) -> SellerOrder {
    add_to_cart(client, &m.offer_b, 1).await;
    let part = pay_for_pickup_at_store_b(client, m).await;
    let mut steps = vec!["accept"];
    if ready {
        steps.push("ready");
    }
    for action in steps {
        seller_step(&m.shop_b.staff, &part.id, action, json!({}))
            .await
            .unwrap_or_else(|err| panic!("{action}: {err}"));
    }
    part
}

async fn part_row(app: &TestApp, id: &str) -> seller_orders::Model {
    seller_orders::Entity::find_by_id(id)
        .one(app.db.conn())
        .await
        .expect("reading a seller order")
        .expect("the seller order")
}

/// Moves a part's `ready_at` back by `days`, behind the API's back.
async fn ready_days_ago(app: &TestApp, id: &str, days: i64) {
    let at = services::now() - Duration::days(days) - Duration::minutes(1);
    app.db
        .conn()
        .execute_raw(services::db::statement(
            app.db.backend(),
            "UPDATE seller_orders SET ready_at = ? WHERE id = ?",
            [at.into(), id.to_owned().into()],
        ))
        .await
        .expect("backdating");
}

async fn set_hold_days(app: &TestApp, days: i32) {
    app.db
        .conn()
        .execute_raw(services::db::statement(
            app.db.backend(),
            "UPDATE platform_settings SET pickup_hold_days = ? WHERE id = 1",
            [days.into()],
        ))
        .await
        .expect("setting the hold");
}

async fn messages(client: &ApiClient, kind: &str) -> Vec<Notification> {
    let all: ListResponse<Notification> = client.get("/notifications").await.expect("messages");
    all.items
        .into_iter()
        .filter(|message| message.kind == kind)
        .collect()
}

/// Runs every job once; answers how many parts the pickup hold job cancelled.
async fn run_jobs_counting_expired(app: &TestApp) -> u64 {
    let mailer = services::buying::notifications::FolderMailer {
        folder: std::env::temp_dir().join(format!("halles-mail-{}", uuid::Uuid::now_v7())),
        from: "test@halles".into(),
    };
    services::jobs::run_due_once(&app.db, &mailer, &SandboxProvider)
        .await
        .expect("jobs")
        .into_iter()
        .find(|report| report.name == "expire_uncollected_pickups")
        .expect("the pickup hold job runs")
        .affected
}

/// `6 mars 2026`, as the French order page writes a date.
fn french_date(at: DateTime<Utc>) -> String {
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let day = at.format("%-d").to_string();
    let day = if day == "1" { "1er".to_owned() } else { day };
    let month: usize = at.format("%m").to_string().parse().expect("a month");
    let month = MONTHS[month - 1];
    format!("{day} {month} {}", at.format("%Y"))
}

fn unescaped(html: &str) -> String {
    html.replace("&#x27;", "'").replace("&#39;", "'")
}

/// A GET as a browser or an API client sends it: status, headers and body.
async fn fetch(request: reqwest::RequestBuilder) -> (u16, reqwest::header::HeaderMap, String) {
    let response = request.send().await.expect("sent");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.expect("body"))
}

#[tokio::test]
async fn a_ready_pickup_is_announced_with_its_code_qr_code_store_and_hold() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (api, browser) = shopper(&app, "ready@shoppers.test").await;
    let part = bought(&api, &m, false).await;
    let code = part.pickup_code.clone().expect("a pickup code");
    let order_path = format!("/orders/{}", part.order_id);
    let qr_path = format!("{order_path}/parts/{}/pickup-qr.svg", part.id);

    // Accepted: "preparing", with the store's usual preparation time; no QR code yet.
    let (status, html) = page(&browser, &app, &format!("{order_path}?lang=fr")).await;
    assert_eq!(status, 200);
    let html = unescaped(&html);
    assert!(
        html.contains("En préparation"),
        "the state of an accepted pickup"
    );
    assert!(html.contains("data-pickup=\"preparing\""));
    assert!(
        html.contains("Boutique Rivoli prépare d'habitude une commande en 1\u{a0}h"),
        "the store's readiness"
    );
    assert!(html.contains("1 rue de Rivoli, 75001 Paris") && html.contains("Lun–Sam 9h–19h"));
    assert!(
        !html.contains("pickup-qr.svg"),
        "no QR code before it is ready"
    );
    let (_, english) = page(&browser, &app, &format!("{order_path}?lang=en")).await;
    assert!(
        english.contains("Preparing")
            && english.contains("usually has an order ready within 1\u{a0}h")
    );
    let (status, _, _) = fetch(api.raw(Method::GET, &qr_path)).await;
    assert_eq!(status, 404, "no QR code while it is being prepared");
    assert!(messages(&api, "ready_for_pickup").await.is_empty());

    // Ready: `ready_at` set, and one message, retries or not.
    seller_step(&m.shop_b.staff, &part.id, "ready", json!({}))
        .await
        .expect("ready");
    let ready_at = part_row(&app, &part.id)
        .await
        .ready_at
        .expect("ready_at set by `ready`");
    assert!((services::now() - ready_at).num_seconds().abs() < 60);
    let err = seller_step(&m.shop_b.staff, &part.id, "ready", json!({}))
        .await
        .expect_err("already ready");
    assert_eq!(err.status(), Some(409));
    let notices = messages(&api, "ready_for_pickup").await;
    assert_eq!(notices.len(), 1, "told once");
    let notice = &notices[0];
    let hold = services::settings::load(app.db.conn())
        .await
        .expect("settings")
        .pickup_hold_days;
    let until = ready_at + Duration::days(i64::from(hold));
    assert_eq!(notice.order_id.as_deref(), Some(part.order_id.as_str()));
    assert!(
        notice.subject.contains("Boutique boutique-b"),
        "{}",
        notice.subject
    );
    for expected in [
        code.as_str(),
        "Boutique Rivoli, 1 rue de Rivoli, 75001 Paris",
        "Horaires : Lun–Sam 9h–19h",
        "Opening hours: Lun–Sam 9h–19h",
        &format!("Gardée jusqu'au {}", until.format("%d/%m/%Y")),
        &format!("Held until {}", until.format("%-d %B %Y")),
    ] {
        assert!(
            notice.body.contains(expected),
            "{expected:?} in\n{}",
            notice.body
        );
    }
    let french = notice.body.find("Bonjour").expect("French");
    let english = notice.body.find("Hello").expect("English");
    assert!(french < english, "French first");
    let qr = pickup_hold::qr_text(&code).expect("a QR code");
    assert!(
        qr.contains('█') && notice.body.contains(&qr),
        "the QR code, drawn in text"
    );
    let mails = crate::market::run_jobs(&app).await;
    let sent = std::fs::read_dir(&mails)
        .expect("mail folder")
        .filter_map(Result::ok)
        .map(|file| std::fs::read_to_string(file.path()).expect("a mail"))
        .find(|mail| mail.contains(&code))
        .expect("the ready message went out");
    assert!(sent.contains("charset=utf-8") && sent.contains('▀'));

    // The order page: the code large, its QR code, and the hold.
    let (status, html) = page(&browser, &app, &format!("{order_path}?lang=fr")).await;
    assert_eq!(status, 200);
    let html = unescaped(&html);
    assert!(html.contains("data-pickup=\"ready\""));
    assert!(
        html.contains(&format!("pickup-code-large\">{code}<")),
        "the code, large"
    );
    assert!(
        html.contains(&format!("src=\"{qr_path}\"")),
        "the QR code image"
    );
    assert!(
        html.contains(&format!("Gardée jusqu'au {}", french_date(until))),
        "held until {}",
        french_date(until)
    );
    let (_, english) = page(&browser, &app, &format!("{order_path}?lang=en")).await;
    assert!(english.contains("Your order is waiting for you") && english.contains("Held until"));

    // The QR code: to the shopper (token or session), to nobody else.
    let (status, headers, svg) = fetch(api.raw(Method::GET, &qr_path)).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "image/svg+xml");
    assert_eq!(headers["cache-control"], "private, no-store");
    assert!(svg.contains("<svg") && svg.ends_with("</svg>"));
    assert_eq!(svg, pickup_hold::qr_svg(&code).expect("an SVG"));
    let (status, _, _) = fetch(browser.get(app.url(&qr_path))).await;
    assert_eq!(status, 200, "the order page's own session reads it");
    let stranger = logged_in(&app, "stranger@shoppers.test").await;
    let (status, _, body) = fetch(stranger.raw(Method::GET, &qr_path)).await;
    assert_eq!(status, 404, "someone else's order does not exist");
    assert!(!body.contains("<svg"));
    let (status, _, body) = fetch(m.shop_b.staff.raw(Method::GET, &qr_path)).await;
    assert_eq!(
        status, 404,
        "not even for the seller: the code is the shopper's"
    );
    assert!(!body.contains("<svg"));
    let (status, _, _) = fetch(app.browser().get(app.url(&qr_path))).await;
    assert_eq!(status, 401, "a visitor");
    let wrong_part = format!("{order_path}/parts/{}/pickup-qr.svg", services::new_id());
    let (status, _, _) = fetch(api.raw(Method::GET, &wrong_part)).await;
    assert_eq!(status, 404);

    // Collected: nothing left to show.
    seller_step(&m.shop_b.staff, &part.id, "collect", json!({"code": code}))
        .await
        .expect("collected");
    let (status, _, _) = fetch(api.raw(Method::GET, &qr_path)).await;
    assert_eq!(status, 404, "a collected part's code is spent");
    assert_invariants(&app).await;
}

#[tokio::test]
async fn the_hold_job_cancels_refunds_and_restocks_a_part_not_collected_in_time() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    set_hold_days(&app, 5).await;
    stock(&m.shop_b, &m.offer_b, &m.shop_b.store_id, 5).await;
    let late = logged_in(&app, "late@shoppers.test").await;
    let expired = bought(&late, &m, true).await;
    let waiting_client = logged_in(&app, "waiting@shoppers.test").await;
    let waiting = bought(&waiting_client, &m, true).await;
    let collected_client = logged_in(&app, "collected@shoppers.test").await;
    let collected = bought(&collected_client, &m, true).await;
    seller_step(
        &m.shop_b.staff,
        &collected.id,
        "collect",
        json!({"code": collected.pickup_code.clone().expect("code")}),
    )
    .await
    .expect("collected");
    assert_eq!(
        stock_row(&app, &m.offer_b, &m.shop_b.store_id).await,
        (2, 0)
    );

    ready_days_ago(&app, &expired.id, 6).await;
    ready_days_ago(&app, &waiting.id, 4).await;
    ready_days_ago(&app, &collected.id, 30).await;
    assert_eq!(
        run_jobs_counting_expired(&app).await,
        1,
        "only the late one"
    );

    // Cancelled and refunded in full, the unit back on the store's shelf.
    let row = part_row(&app, &expired.id).await;
    assert_eq!(row.status, "cancelled");
    assert_eq!(row.refunded_cents, row.total_cents);
    let order: OrderResponse = late
        .get(&format!("/orders/{}", expired.order_id))
        .await
        .expect("the order");
    assert_eq!(order.order.status, "cancelled");
    assert_eq!(order.order.payment.status, "refunded");
    assert_eq!(order.order.payment.refunded_cents, order.order.total_cents);
    let refunded = refunds::Entity::find()
        .filter(refunds::Column::SellerOrderId.eq(&expired.id))
        .all(app.db.conn())
        .await
        .expect("refunds");
    assert_eq!(refunded.len(), 1);
    assert_eq!(refunded[0].reason, NOT_COLLECTED);
    assert_eq!(refunded[0].amount_cents, row.total_cents);
    let wallet: Wallet = late.get("/wallet").await.expect("wallet");
    assert_eq!(
        (wallet.pending_cents, wallet.available_cents),
        (0, 0),
        "no cashback on a cancelled order"
    );
    assert_eq!(
        stock_row(&app, &m.offer_b, &m.shop_b.store_id).await,
        (3, 0),
        "back on the shelf of the store, nothing reserved"
    );

    // Told: the refund, and why.
    let told = messages(&late, "pickup_not_collected").await;
    assert_eq!(told.len(), 1);
    assert!(
        told[0].body.contains("n'a pas été retirée") && told[0].body.contains("was not collected")
    );
    assert!(told[0].body.contains("Boutique Rivoli"));
    assert_eq!(messages(&late, "refunded").await.len(), 1);

    // Within its hold, and collected: untouched.
    assert_eq!(part_row(&app, &waiting.id).await.status, "ready_for_pickup");
    assert_eq!(part_row(&app, &collected.id).await.status, "collected");
    assert!(
        messages(&waiting_client, "pickup_not_collected")
            .await
            .is_empty()
    );
    assert!(messages(&collected_client, "refunded").await.is_empty());

    // Again: nothing more.
    assert_eq!(run_jobs_counting_expired(&app).await, 0);
    assert_eq!(
        stock_row(&app, &m.offer_b, &m.shop_b.store_id).await,
        (3, 0)
    );
    assert_eq!(
        refunds::Entity::find()
            .filter(refunds::Column::SellerOrderId.eq(&expired.id))
            .all(app.db.conn())
            .await
            .expect("refunds")
            .len(),
        1,
        "refunded once"
    );
    assert_eq!(messages(&late, "pickup_not_collected").await.len(), 1);
    assert_eq!(messages(&late, "refunded").await.len(), 1);
    assert_invariants(&app).await;

    // The hold is the platform's setting in force: shortened to 3 days, the 4-day-old
    // part is due; the collected one never is.
    set_hold_days(&app, 3).await;
    assert_eq!(run_jobs_counting_expired(&app).await, 1);
    assert_eq!(part_row(&app, &waiting.id).await.status, "cancelled");
    assert_eq!(part_row(&app, &collected.id).await.status, "collected");
    assert_eq!(
        messages(&waiting_client, "pickup_not_collected")
            .await
            .len(),
        1
    );
    assert_eq!(
        stock_row(&app, &m.offer_b, &m.shop_b.store_id).await,
        (4, 0)
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn servers_running_the_hold_job_at_once_cancel_a_part_once() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let client = logged_in(&app, "raced@shoppers.test").await;
    let part = bought(&client, &m, true).await;
    assert_eq!(
        stock_row(&app, &m.offer_b, &m.shop_b.store_id).await,
        (1, 0)
    );
    set_hold_days(&app, 5).await;
    ready_days_ago(&app, &part.id, 6).await;

    let (a, b, c) = tokio::join!(
        pickup_hold::expire_uncollected(&app.db, &SandboxProvider),
        pickup_hold::expire_uncollected(&app.db, &SandboxProvider),
        pickup_hold::expire_uncollected(&app.db, &SandboxProvider),
    );
    let cancelled: Vec<u64> = [a, b, c]
        .into_iter()
        .map(|run| run.expect("a lost race is no error"))
        .collect();
    assert_eq!(cancelled.iter().sum::<u64>(), 1, "{cancelled:?}");
    assert_eq!(part_row(&app, &part.id).await.status, "cancelled");
    assert_eq!(
        refunds::Entity::find()
            .filter(refunds::Column::SellerOrderId.eq(&part.id))
            .all(app.db.conn())
            .await
            .expect("refunds")
            .len(),
        1
    );
    assert_eq!(
        stock_row(&app, &m.offer_b, &m.shop_b.store_id).await,
        (2, 0)
    );
    assert_eq!(messages(&client, "pickup_not_collected").await.len(), 1);
    assert_invariants(&app).await;
}

use services::buying::payments::{ChargeLookup, ChargeOutcome, ChargeRequest, PaymentProvider};

/// The sandbox, slowed down and counted: refunds take 30 ms, long enough for a collect
/// at the till to land while one is on its way.
struct SlowCountingProvider {
    refunds: std::sync::atomic::AtomicUsize,
}

impl PaymentProvider for SlowCountingProvider {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn charge<'a>(
        &'a self,
        request: ChargeRequest<'a>,
    ) -> futures::future::BoxFuture<'a, Result<ChargeOutcome, services::StoreError>> {
        SandboxProvider.charge(request)
    }

    fn refund<'a>(
        &'a self,
        provider_ref: &'a str,
        amount_cents: i64,
        idempotency_key: String,
    ) -> futures::future::BoxFuture<'a, Result<String, services::StoreError>> {
        Box::pin(async move {
            tokio::time::sleep(std::time::Duration::from_millis(30)).await;
            self.refunds
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            SandboxProvider
                .refund(provider_ref, amount_cents, idempotency_key)
                .await
        })
    }

    fn retrieve<'a>(
        &'a self,
        lookup: ChargeLookup<'a>,
    ) -> futures::future::BoxFuture<'a, Result<Option<ChargeOutcome>, services::StoreError>> {
        SandboxProvider.retrieve(lookup)
    }
}

/// The hold job expiring parts while their shoppers arrive at the till: each part ends
/// either collected (nothing refunded, anywhere) or cancelled (refunded once, unit back
/// on the shelf), never both, and the card is refunded only for the cancelled ones.
#[tokio::test]
async fn an_expiring_hold_and_a_late_collection_end_in_exactly_one_outcome() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    stock(&m.shop_b, &m.offer_b, &m.shop_b.store_id, 8).await;
    set_hold_days(&app, 5).await;
    let mut parts = Vec::new();
    for index in 0..6 {
        let client = logged_in(&app, &format!("late{index}@shoppers.test")).await;
        let part = bought(&client, &m, true).await;
        ready_days_ago(&app, &part.id, 6).await;
        let code = part_row(&app, &part.id)
            .await
            .pickup_code
            .expect("a pickup code");
        parts.push((part.id, code));
    }
    let provider = SlowCountingProvider {
        refunds: std::sync::atomic::AtomicUsize::new(0),
    };
    let collects =
        futures::future::join_all(parts.iter().map(|(id, code)| {
            seller_step(&m.shop_b.staff, id, "collect", json!({ "code": code }))
        }));
    let (expired, collected) = tokio::join!(
        pickup_hold::expire_uncollected(&app.db, &provider),
        collects
    );
    let expired = expired.expect("a lost race is no error");

    let mut cancelled = 0;
    for ((id, _), collect) in parts.iter().zip(&collected) {
        let row = part_row(&app, id).await;
        let refund_rows = refunds::Entity::find()
            .filter(refunds::Column::SellerOrderId.eq(id))
            .all(app.db.conn())
            .await
            .expect("refunds")
            .len();
        match row.status.as_str() {
            "collected" => {
                assert!(collect.is_ok(), "collected, so the till was told so");
                assert_eq!((row.refunded_cents, refund_rows), (0, 0));
            }
            "cancelled" => {
                assert!(collect.is_err(), "the till was refused: {collect:?}");
                assert_eq!((row.refunded_cents, refund_rows), (row.total_cents, 1));
                cancelled += 1;
            }
            other => panic!("part {id} ended {other}"),
        }
    }
    assert_eq!(expired, cancelled);
    assert_eq!(
        provider.refunds.load(std::sync::atomic::Ordering::SeqCst),
        cancelled as usize,
        "the card is refunded only for parts that were cancelled"
    );
    let (on_shelf, reserved) = stock_row(&app, &m.offer_b, &m.shop_b.store_id).await;
    assert_eq!(
        (on_shelf, reserved),
        (8 - 6 + cancelled as i32, 0),
        "cancelled units are back, collected ones gone"
    );
    assert_invariants(&app).await;
}
