//! The client against a tiny canned HTTP server on a local port (no Halles server needed).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;

use api_types::LoginRequest;

use api_types::operating::CampaignRequest;
use api_types::orders::ShipRequest;

use super::{ApiClient, ApiError, OrderQuery, idempotency_key};
use crate::console::fixtures::{campaign, dispute, seller_cashback, seller_order};

/// One request as the canned server saw it: request line, `Authorization` and
/// `Idempotency-Key` headers, body.
#[derive(Debug)]
struct Seen {
    line: String,
    authorization: Option<String>,
    idempotency_key: Option<String>,
    body: String,
}

const USER: &str =
    r#"{"id":"u1","email":"ada@example.com","name":"Ada","roles":["seller"],"shop_id":"s1"}"#;

/// Serves `count` requests, answering by path, and reports what it saw.
fn canned_server(count: usize) -> (String, mpsc::Receiver<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds a local port");
    let addr = listener.local_addr().expect("has an address");
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for stream in listener.incoming().take(count).flatten() {
            if let Some(seen) = answer(stream) {
                let _ = tx.send(seen);
            }
        }
    });
    (format!("http://{addr}/"), rx)
}

fn answer(mut stream: TcpStream) -> Option<Seen> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let (mut length, mut authorization, mut idempotency_key) = (0, None, None);
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().ok()?,
            "authorization" => authorization = Some(value.trim().to_owned()),
            "idempotency-key" => idempotency_key = Some(value.trim().to_owned()),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let line = line.trim_end().to_owned();
    let order =
        serde_json::to_string(&seller_order("so1", "H-7K2M9Q4T", "shipped", "delivery")).ok()?;
    let noel = serde_json::to_string(&campaign("c1", "Noël", 500, None, "running")).ok()?;
    let cashback = serde_json::to_string(&seller_cashback()).ok()?;
    let open = serde_json::to_string(&dispute("d1", "H-7K2M9Q4T", "open")).ok()?;
    let (status, reply) = match line.split(' ').nth(1)? {
        path if path.starts_with("/api/v1/seller/orders?") => (
            "200 OK",
            format!(r#"{{"items":[{order}],"total":1,"page":1,"per_page":20}}"#),
        ),
        "/api/v1/seller/orders/so1" | "/api/v1/seller/orders/so1/ship" => {
            ("200 OK", format!(r#"{{"seller_order":{order}}}"#))
        }
        "/api/v1/seller/orders/so1/accept" => (
            "409 Conflict",
            r#"{"error":{"code":"invalid_transition","message":"This order is already shipped.","field":null}}"#.to_owned(),
        ),
        "/api/v1/auth/login" if body.windows(5).any(|w| w == b"wrong") => (
            "401 Unauthorized",
            r#"{"error":{"code":"invalid_credentials","message":"Wrong e-mail or password","field":null}}"#.to_owned(),
        ),
        "/api/v1/auth/login" => ("200 OK", format!(r#"{{"token":"tok-1","user":{USER}}}"#)),
        "/api/v1/me" => ("200 OK", format!(r#"{{"user":{USER},"shop":null}}"#)),
        "/api/v1/operator/campaigns" if line.starts_with("GET") => (
            "200 OK",
            format!(r#"{{"items":[{noel}],"total":1,"page":1,"per_page":1}}"#),
        ),
        "/api/v1/operator/campaigns" => ("201 Created", format!(r#"{{"campaign":{noel}}}"#)),
        "/api/v1/operator/campaigns/c1/end" => ("200 OK", r#"{"campaign":null}"#.to_owned()),
        "/api/v1/seller/cashback" | "/api/v1/seller/offers/o1/cashback" => {
            ("200 OK", format!(r#"{{"cashback":{cashback}}}"#))
        }
        "/api/v1/seller/offers/o9/cashback" => (
            "422 Unprocessable Entity",
            r#"{"error":{"code":"boost_invalid","message":"a boost is 0 to 2000 basis points (0–20 %)","field":"boost_bps"}}"#.to_owned(),
        ),
        "/api/v1/seller/offers/o1/stock/transfer" => (
            "200 OK",
            r#"{"from":{"location_id":"l1","quantity":8,"reserved":2},"to":{"location_id":"l2","quantity":7,"reserved":0}}"#.to_owned(),
        ),
        path if path.starts_with("/api/v1/seller/offers/o1/stock/movements?") => (
            "200 OK",
            r#"{"items":[{"id":"m1","location_id":"l2","location_name":"Boutique Rivoli","reason":"receipt","quantity_change":3,"reserved_change":0,"order_id":null,"note":"","created_at":"2026-11-02T08:30:00Z"}],"total":1,"page":2,"per_page":10}"#.to_owned(),
        ),
        "/api/v1/seller/stock/low" => (
            "200 OK",
            r#"{"items":[],"total":0,"page":1,"per_page":500}"#.to_owned(),
        ),
        "/api/v1/seller/offers/o1/low-stock-threshold" => {
            ("200 OK", r#"{"low_stock_threshold":4}"#.to_owned())
        }
        "/api/v1/seller/orders/so1/return" => ("200 OK", format!(r#"{{"seller_order":{order}}}"#)),
        "/api/v1/operator/disputes?status=open" | "/api/v1/seller/disputes" => (
            "200 OK",
            format!(r#"{{"items":[{open}],"total":1,"page":1,"per_page":1}}"#),
        ),
        "/api/v1/operator/disputes/d1/decide" | "/api/v1/seller/disputes/d1/answer" => {
            ("200 OK", format!(r#"{{"dispute":{open}}}"#))
        }
        "/api/v1/operator/disputes/d9/decide" => (
            "409 Conflict",
            r#"{"error":{"code":"dispute_decided","message":"This dispute is already decided.","field":null}}"#.to_owned(),
        ),
        "/api/v1/seller/payouts" => (
            "200 OK",
            serde_json::to_string(&crate::console::fixtures::seller_payouts()).ok()?,
        ),
        "/api/v1/operator/payouts/s2" => (
            "201 Created",
            r#"{"shop_id":"s2","amount_cents":23450}"#.to_owned(),
        ),
        "/api/v1/operator/payouts/s9" => (
            "409 Conflict",
            r#"{"error":{"code":"nothing_payable","message":"Nothing to pay out.","field":null}}"#.to_owned(),
        ),
        "/api/v1/auth/logout" => ("204 No Content", String::new()),
        "/healthz" => ("200 OK", "ok".to_owned()),
        _ => ("502 Bad Gateway", "<html>nope</html>".to_owned()),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{reply}",
        reply.len()
    );
    stream.write_all(response.as_bytes()).ok()?;
    Some(Seen {
        line,
        authorization,
        idempotency_key,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn login(password: &str) -> LoginRequest {
    LoginRequest {
        email: "ada@example.com".into(),
        password: password.into(),
        token_name: None,
    }
}

#[tokio::test]
async fn login_keeps_the_token_and_sends_it_afterwards() {
    let (url, seen) = canned_server(4);
    let mut client = ApiClient::new(url);
    assert!(!client.base_url().ends_with('/'));

    let response = client.login(&login("right")).await.expect("logs in");
    assert_eq!(response.user.name, "Ada");
    assert_eq!(client.token(), Some("tok-1"));

    let me = client.me().await.expect("reads /me");
    assert_eq!(me.user.email, "ada@example.com");
    client.health().await.expect("healthy");
    client.logout().await.expect("logs out");
    assert_eq!(client.token(), None);

    let seen: Vec<Seen> = seen.iter().take(4).collect();
    assert_eq!(seen[0].line, "POST /api/v1/auth/login HTTP/1.1");
    assert_eq!(seen[0].authorization, None);
    assert_eq!(seen[1].line, "GET /api/v1/me HTTP/1.1");
    assert_eq!(seen[1].authorization.as_deref(), Some("Bearer tok-1"));
    assert_eq!(seen[3].line, "POST /api/v1/auth/logout HTTP/1.1");
}

#[tokio::test]
async fn a_401_carries_the_servers_envelope() {
    let (url, _seen) = canned_server(1);
    let mut client = ApiClient::new(url);
    let error = client.login(&login("wrong")).await.expect_err("is refused");
    assert_eq!(error.status(), Some(401));
    assert_eq!(error.to_string(), "Wrong e-mail or password");
    assert_eq!(client.token(), None);
}

#[tokio::test]
async fn a_refused_connection_is_a_readable_network_error() {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("finds a free port")
        .port();
    let client = ApiClient::new(format!("http://127.0.0.1:{port}"));
    let error = client.me().await.expect_err("nobody listens");
    assert_eq!(
        error,
        ApiError::Network(format!(
            "Cannot reach http://127.0.0.1:{port} — is `halles serve` running?"
        ))
    );
}

#[tokio::test]
async fn order_calls_use_their_paths_and_steps_carry_the_idempotency_key() {
    let (url, seen) = canned_server(4);
    let client = ApiClient::new(url).with_token("tok");
    let query = OrderQuery {
        status: Some("paid".into()),
        page: 1,
        per_page: 20,
    };
    let list = client.seller_orders(&query).await.expect("lists");
    assert_eq!(list.items[0].order_number, "H-7K2M9Q4T");
    let one = client.seller_order("so1").await.expect("reads one");
    assert_eq!(one.id, "so1");

    let key = idempotency_key();
    let ship = ShipRequest {
        carrier: "Colissimo".into(),
        tracking: "6A1".into(),
    };
    let shipped = client.ship_order("so1", &ship, &key).await.expect("ships");
    assert_eq!(shipped.status, "shipped");
    let refused = client
        .accept_order("so1", &idempotency_key())
        .await
        .expect_err("already shipped");
    assert_eq!(refused.status(), Some(409));
    assert_eq!(refused.code(), Some("invalid_transition"));
    assert_eq!(refused.to_string(), "This order is already shipped.");

    let seen: Vec<Seen> = seen.iter().take(4).collect();
    assert_eq!(
        seen[0].line,
        "GET /api/v1/seller/orders?page=1&per_page=20&status=paid HTTP/1.1"
    );
    assert_eq!(seen[0].authorization.as_deref(), Some("Bearer tok"));
    assert_eq!(seen[0].idempotency_key, None);
    assert_eq!(seen[1].line, "GET /api/v1/seller/orders/so1 HTTP/1.1");
    assert_eq!(seen[2].line, "POST /api/v1/seller/orders/so1/ship HTTP/1.1");
    assert_eq!(seen[2].idempotency_key.as_deref(), Some(key.as_str()));
    assert_eq!(seen[2].body, r#"{"carrier":"Colissimo","tracking":"6A1"}"#);
    assert_eq!(seen[3].body, "{}");
    assert!(seen[3].idempotency_key.is_some());
}

#[test]
fn idempotency_keys_are_fresh_hex() {
    let (first, second) = (idempotency_key(), idempotency_key());
    assert_ne!(first, second);
    assert_eq!(first.len(), 32);
    assert!(first.bytes().all(|b| b.is_ascii_hexdigit()));
}

#[tokio::test]
async fn campaign_calls_use_their_paths_and_bodies() {
    let (url, seen) = canned_server(3);
    let client = ApiClient::new(url).with_token("tok");
    let list = client.campaigns().await.expect("lists");
    assert_eq!(list.items[0].name, "Noël");
    let request = CampaignRequest {
        name: "Noël".into(),
        rate_bps: 500,
        shop_id: None,
        category: Some("jardin".into()),
        starts_at: None,
        ends_at: "2026-12-24T00:00:00Z".into(),
    };
    let created = client.create_campaign(&request).await.expect("creates");
    assert_eq!(created.rate_bps, 500);
    let ended = client.end_campaign("c1", "Budget").await.expect("ends");
    assert_eq!(ended, None, "withdrawn before it started");

    let seen: Vec<Seen> = seen.iter().take(3).collect();
    assert_eq!(seen[0].line, "GET /api/v1/operator/campaigns HTTP/1.1");
    assert_eq!(seen[1].line, "POST /api/v1/operator/campaigns HTTP/1.1");
    assert_eq!(
        seen[1].body,
        r#"{"name":"Noël","rate_bps":500,"category":"jardin","ends_at":"2026-12-24T00:00:00Z"}"#
    );
    assert_eq!(
        seen[2].line,
        "POST /api/v1/operator/campaigns/c1/end HTTP/1.1"
    );
    assert_eq!(seen[2].body, r#"{"reason":"Budget"}"#);
}

#[tokio::test]
async fn boost_calls_send_basis_points_or_null_and_a_422_names_the_field() {
    let (url, seen) = canned_server(4);
    let client = ApiClient::new(url).with_token("tok");
    let cashback = client.seller_cashback().await.expect("reads");
    assert_eq!(cashback.boost_funded_cents, 12_345);
    client.set_shop_boost(None).await.expect("removes");
    client
        .set_offer_boost("o1", Some(300))
        .await
        .expect("boosts");
    let refused = client
        .set_offer_boost("o9", Some(9_000))
        .await
        .expect_err("too much");
    assert_eq!(refused.status(), Some(422));
    assert_eq!(refused.field(), Some("boost_bps"));

    let seen: Vec<Seen> = seen.iter().take(4).collect();
    assert_eq!(seen[0].line, "GET /api/v1/seller/cashback HTTP/1.1");
    assert_eq!(seen[1].line, "PUT /api/v1/seller/cashback HTTP/1.1");
    assert_eq!(seen[1].body, r#"{"shop_boost_bps":null}"#);
    assert_eq!(
        seen[2].line,
        "PUT /api/v1/seller/offers/o1/cashback HTTP/1.1"
    );
    assert_eq!(seen[2].body, r#"{"boost_bps":300}"#);
}

#[tokio::test]
async fn stock_calls_use_their_paths_and_bodies() {
    use api_types::orders::ReturnInStoreRequest;
    use api_types::selling::StockTransferRequest;

    let (url, seen) = canned_server(5);
    let client = ApiClient::new(url).with_token("tok");
    let transfer = StockTransferRequest {
        from_location_id: "l1".into(),
        to_location_id: "l2".into(),
        quantity: 4,
        note: None,
    };
    let moved = client.transfer_stock("o1", &transfer).await.expect("moves");
    assert_eq!((moved.from.quantity, moved.to.quantity), (8, 7));
    let page = client
        .stock_movements("o1", Some("l2"), 2, 10)
        .await
        .expect("lists");
    assert_eq!(page.items[0].reason, "receipt");
    assert!(client.low_stock().await.expect("lists").items.is_empty());
    let threshold = client
        .set_low_stock_threshold("o1", 4)
        .await
        .expect("saves");
    assert_eq!(threshold, 4);
    let back = ReturnInStoreRequest {
        store_id: "l2".into(),
        reason: "Trop lourd".into(),
    };
    let key = idempotency_key();
    client
        .return_in_store("so1", &back, &key)
        .await
        .expect("records");

    let seen: Vec<Seen> = seen.iter().take(5).collect();
    assert_eq!(
        seen[0].line,
        "POST /api/v1/seller/offers/o1/stock/transfer HTTP/1.1"
    );
    assert_eq!(
        seen[0].body,
        r#"{"from_location_id":"l1","to_location_id":"l2","quantity":4}"#
    );
    assert_eq!(
        seen[1].line,
        "GET /api/v1/seller/offers/o1/stock/movements?page=2&per_page=10&location_id=l2 HTTP/1.1"
    );
    assert_eq!(seen[2].line, "GET /api/v1/seller/stock/low HTTP/1.1");
    assert_eq!(
        seen[3].line,
        "PUT /api/v1/seller/offers/o1/low-stock-threshold HTTP/1.1"
    );
    assert_eq!(seen[3].body, r#"{"low_stock_threshold":4}"#);
    assert_eq!(
        seen[4].line,
        "POST /api/v1/seller/orders/so1/return HTTP/1.1"
    );
    // Compared as JSON: key order depends on serde_json's features in the build.
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&seen[4].body).expect("JSON"),
        serde_json::json!({"reason": "Trop lourd", "store_id": "l2"})
    );
    assert_eq!(seen[4].idempotency_key.as_deref(), Some(key.as_str()));
}

#[tokio::test]
async fn dispute_calls_use_their_paths_and_bodies_and_a_409_keeps_its_code() {
    use api_types::operating::{DisputeAnswerRequest, DisputeDecisionRequest};
    let (url, seen) = canned_server(5);
    let client = ApiClient::new(url).with_token("tok");
    let open = client.operator_disputes(Some("open")).await.expect("lists");
    assert_eq!(open.items[0].order_number, "H-7K2M9Q4T");
    let refund = DisputeDecisionRequest {
        decision: "refund".into(),
        amount_cents: Some(1_250),
        reason: "Colis perdu".into(),
    };
    client.decide_dispute("d1", &refund).await.expect("decides");
    let reject = DisputeDecisionRequest {
        decision: "reject".into(),
        amount_cents: None,
        reason: "Livré".into(),
    };
    let refused = client
        .decide_dispute("d9", &reject)
        .await
        .expect_err("decided");
    assert_eq!(refused.status(), Some(409));
    assert_eq!(refused.code(), Some("dispute_decided"));
    let mine = client.seller_disputes(None).await.expect("lists");
    assert_eq!(mine.total, 1);
    let answer = DisputeAnswerRequest {
        message: "Remis au transporteur".into(),
    };
    client.answer_dispute("d1", &answer).await.expect("answers");

    let seen: Vec<Seen> = seen.iter().take(5).collect();
    assert_eq!(
        seen[0].line,
        "GET /api/v1/operator/disputes?status=open HTTP/1.1"
    );
    assert_eq!(
        seen[1].line,
        "POST /api/v1/operator/disputes/d1/decide HTTP/1.1"
    );
    assert_eq!(
        seen[1].body,
        r#"{"decision":"refund","amount_cents":1250,"reason":"Colis perdu"}"#
    );
    assert_eq!(
        seen[2].body, r#"{"decision":"reject","reason":"Livré"}"#,
        "no amount on a rejection"
    );
    assert_eq!(seen[3].line, "GET /api/v1/seller/disputes HTTP/1.1");
    assert_eq!(
        seen[4].line,
        "POST /api/v1/seller/disputes/d1/answer HTTP/1.1"
    );
    assert_eq!(seen[4].body, r#"{"message":"Remis au transporteur"}"#);
}

#[tokio::test]
async fn payout_calls_use_their_paths_and_a_409_keeps_its_code() {
    let (url, seen) = canned_server(3);
    let client = ApiClient::new(url).with_token("tok");
    let payouts = client.seller_payouts().await.expect("reads");
    assert_eq!(payouts, crate::console::fixtures::seller_payouts());
    let paid = client.pay_out("s2", "Novembre").await.expect("pays");
    assert_eq!(paid.amount_cents, 23_450);
    let refused = client.pay_out("s9", "").await.expect_err("nothing");
    assert_eq!(refused.status(), Some(409));
    assert_eq!(refused.code(), Some("nothing_payable"));

    let seen: Vec<Seen> = seen.iter().take(3).collect();
    assert_eq!(seen[0].line, "GET /api/v1/seller/payouts HTTP/1.1");
    assert_eq!(seen[1].line, "POST /api/v1/operator/payouts/s2 HTTP/1.1");
    assert_eq!(seen[1].body, r#"{"reason":"Novembre"}"#);
    assert_eq!(seen[2].body, r#"{"reason":""}"#);
}
