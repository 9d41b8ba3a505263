//! Bodies over the limit are refused before they are read: a declared length over the
//! limit, or a wrong type on an upload, is answered while the body is still unsent, and
//! a body streamed without a length is cut off at the limit.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::Cast;

/// Sends only a request's head (the body never follows) and returns the status line the
/// server answers with; a server waiting for the body would never answer.
async fn answer_to_head(cast: &Cast, head: &str) -> String {
    let address = cast.app.address.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).await.expect("connected");
    stream.write_all(head.as_bytes()).await.expect("head sent");
    let mut answer = vec![0; 4096];
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut answer))
        .await
        .expect("the server answers without waiting for the body")
        .expect("read");
    String::from_utf8_lossy(&answer[..read])
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn head(method: &str, path: &str, token: &str, content_type: &str, length: usize) -> String {
    format!(
        "{method} {path} HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer {token}\r\n\
         content-type: {content_type}\r\ncontent-length: {length}\r\n\r\n"
    )
}

/// A body of `bytes` zeros, sent in 64 KiB chunks without a declared length.
fn streamed(bytes: usize) -> reqwest::Body {
    let chunk = vec![b'0'; 64 * 1024];
    let chunks = bytes.div_ceil(chunk.len());
    let frames = futures::stream::iter((0..chunks).map(move |_| {
        Ok::<_, std::io::Error>(http_body::Frame::data(bytes::Bytes::from(chunk.clone())))
    }));
    reqwest::Body::wrap(http_body_util::StreamBody::new(frames))
}

#[tokio::test]
async fn oversized_and_mistyped_bodies_are_refused_before_they_are_read() {
    let cast = Cast::assemble().await;
    let token = cast.shopper.token().expect("token").to_owned();
    let staff_token = cast.market.shop_a.staff.token().expect("token").to_owned();
    let image_path = format!("/api/v1/seller/offers/{}/image", cast.market.offer_a);

    let json = answer_to_head(
        &cast,
        &head(
            "POST",
            "/api/v1/cart/items",
            &token,
            "application/json",
            50 << 20,
        ),
    )
    .await;
    assert!(json.contains(" 413 "), "a 50 MB JSON body: {json}");
    let form = answer_to_head(
        &cast,
        &head(
            "POST",
            "/login",
            "",
            "application/x-www-form-urlencoded",
            50 << 20,
        ),
    )
    .await;
    assert!(form.contains(" 413 "), "a 50 MB form: {form}");
    let image = answer_to_head(
        &cast,
        &head("PUT", &image_path, &staff_token, "image/png", 50 << 20),
    )
    .await;
    assert!(image.contains(" 413 "), "a 50 MB image: {image}");
    let mistyped = answer_to_head(
        &cast,
        &head("PUT", &image_path, &staff_token, "text/html", 1 << 20),
    )
    .await;
    assert!(mistyped.contains(" 415 "), "an HTML upload: {mistyped}");
    let not_json = answer_to_head(
        &cast,
        &head("POST", "/api/v1/cart/items", &token, "text/plain", 1 << 10),
    )
    .await;
    assert!(
        not_json.contains(" 415 "),
        "a text body on a JSON route: {not_json}"
    );

    // Without a declared length the server reads up to the limit, then refuses.
    let client = reqwest::Client::new();
    for (path, bytes, bearer) in [
        ("/api/v1/cart/items".to_owned(), 3 << 20, &token),
        (image_path.clone(), 9 << 20, &staff_token),
    ] {
        let response = client
            .request(
                if path.ends_with("/image") {
                    reqwest::Method::PUT
                } else {
                    reqwest::Method::POST
                },
                cast.app.url(&path),
            )
            .bearer_auth(bearer)
            .header(
                "content-type",
                if path.ends_with("/image") {
                    "image/png"
                } else {
                    "application/json"
                },
            )
            .body(streamed(bytes))
            .send()
            .await;
        // The server may close the connection while the rest is still being sent.
        if let Ok(response) = response {
            assert_eq!(
                response.status().as_u16(),
                413,
                "{path}, {bytes} bytes streamed"
            );
        }
    }
}
