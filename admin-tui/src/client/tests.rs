//! The client against a tiny canned HTTP server on a local port (no Halles server needed).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;

use api_types::LoginRequest;

use super::{ApiClient, ApiError};

/// One request as the canned server saw it: request line and `Authorization` header.
#[derive(Debug)]
struct Seen {
    line: String,
    authorization: Option<String>,
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
    let (mut length, mut authorization) = (0, None);
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
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    let line = line.trim_end().to_owned();
    let (status, body) = match line.split(' ').nth(1)? {
        "/api/v1/auth/login" if body.windows(5).any(|w| w == b"wrong") => (
            "401 Unauthorized",
            r#"{"error":{"code":"invalid_credentials","message":"Wrong e-mail or password","field":null}}"#.to_owned(),
        ),
        "/api/v1/auth/login" => ("200 OK", format!(r#"{{"token":"tok-1","user":{USER}}}"#)),
        "/api/v1/me" => ("200 OK", format!(r#"{{"user":{USER},"shop":null}}"#)),
        "/api/v1/auth/logout" => ("204 No Content", String::new()),
        "/healthz" => ("200 OK", "ok".to_owned()),
        _ => ("502 Bad Gateway", "<html>nope</html>".to_owned()),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).ok()?;
    Some(Seen {
        line,
        authorization,
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
