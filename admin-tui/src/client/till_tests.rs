//! The till's calls against a tiny canned HTTP server: paths, the idempotency key, the
//! body, and the errors a till meets (unknown code, throttled with a wait).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;

use api_types::omnichannel::{TillFulfilment, TillSaleRequest};

use super::{ApiClient, idempotency_key};
use crate::console::fixtures::{CODE, till_cart, till_order};

/// One request as the canned server saw it.
#[derive(Debug)]
struct Seen {
    line: String,
    idempotency_key: Option<String>,
    body: String,
}

/// Serves `count` requests, answering by path, and reports what it saw.
fn canned_till(count: usize) -> (String, mpsc::Receiver<Seen>) {
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
    (format!("http://{addr}"), rx)
}

fn answer(mut stream: TcpStream) -> Option<Seen> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let (mut length, mut idempotency_key) = (0, None);
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
            "idempotency-key" => idempotency_key = Some(value.trim().to_owned()),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let line = line.trim_end().to_owned();
    let cart = serde_json::to_string(&till_cart()).ok()?;
    let order = serde_json::to_string(&till_order("H-9T4K7M2Q", "collected", "pickup")).ok()?;
    let (status, extra, reply) = match line.split(' ').nth(1)? {
        "/api/v1/seller/till/7KQ2M9XA" => ("200 OK", "", cart),
        "/api/v1/seller/till/7KQ2M9XA/sale" => ("201 Created", "", format!(r#"{{"order":{order}}}"#)),
        "/api/v1/seller/till/ZZZZZZZZ" => (
            "404 Not Found",
            "",
            r#"{"error":{"code":"handoff_unknown","message":"No cart was handed off with this code, or it has expired.","field":"code"}}"#.to_owned(),
        ),
        _ => (
            "429 Too Many Requests",
            "retry-after: 95\r\n",
            r#"{"error":{"code":"too_many_attempts","message":"Too many failed attempts. Try again in 2 minute(s).","field":null}}"#.to_owned(),
        ),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\n{extra}content-length: {}\r\nconnection: close\r\n\r\n{reply}",
        reply.len()
    );
    stream.write_all(response.as_bytes()).ok()?;
    Some(Seen {
        line,
        idempotency_key,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

#[tokio::test]
async fn the_till_reads_the_cart_and_sells_it_with_the_idempotency_key() {
    let (url, seen) = canned_till(2);
    let client = ApiClient::new(url).with_token("tok");
    let cart = client.till_cart(CODE).await.expect("reads the cart");
    assert_eq!(cart, till_cart());

    let key = idempotency_key();
    let sale = TillSaleRequest {
        store_id: "l2".into(),
        payment: "cash".into(),
        offer_ids: Some(vec!["o1".into()]),
        fulfilment: None,
    };
    let order = client.till_sale(CODE, &sale, &key).await.expect("sells");
    assert_eq!(order.channel, "store");
    assert_eq!(order.seller_orders[0].status, "collected");

    let seen: Vec<Seen> = seen.iter().take(2).collect();
    assert_eq!(seen[0].line, "GET /api/v1/seller/till/7KQ2M9XA HTTP/1.1");
    assert_eq!(seen[0].idempotency_key, None);
    assert_eq!(
        seen[1].line,
        "POST /api/v1/seller/till/7KQ2M9XA/sale HTTP/1.1"
    );
    assert_eq!(seen[1].idempotency_key.as_deref(), Some(key.as_str()));
    assert_eq!(
        seen[1].body,
        r#"{"store_id":"l2","payment":"cash","offer_ids":["o1"]}"#
    );
}

#[tokio::test]
async fn an_endless_aisle_sale_sends_its_fulfilment() {
    let (url, seen) = canned_till(1);
    let client = ApiClient::new(url).with_token("tok");
    let sale = TillSaleRequest {
        store_id: "l2".into(),
        payment: "card_present".into(),
        offer_ids: None,
        fulfilment: Some(TillFulfilment {
            method: "pickup".into(),
            address: None,
            store_id: Some("l3".into()),
        }),
    };
    client
        .till_sale(CODE, &sale, "k1")
        .await
        .expect("orders it");
    let seen = seen.recv().expect("one request");
    assert_eq!(
        seen.body,
        r#"{"store_id":"l2","payment":"card_present","fulfilment":{"method":"pickup","store_id":"l3"}}"#
    );
}

#[tokio::test]
async fn an_unknown_code_names_the_field_and_a_throttle_says_the_wait() {
    let (url, _seen) = canned_till(2);
    let client = ApiClient::new(url).with_token("tok");
    let unknown = client.till_cart("ZZZZZZZZ").await.expect_err("unknown");
    assert_eq!(unknown.status(), Some(404));
    assert_eq!(unknown.code(), Some("handoff_unknown"));
    assert_eq!(unknown.field(), Some("code"));

    let throttled = client.till_cart("AAAAAAAA").await.expect_err("throttled");
    assert_eq!(throttled.status(), Some(429));
    assert_eq!(throttled.code(), Some("too_many_attempts"));
    assert_eq!(
        throttled.to_string(),
        "Too many wrong codes at this shop's tills: try again in 1 min 35 s."
    );
}
