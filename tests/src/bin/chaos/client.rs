//! An HTTP client that retries like a careful real one: after a dropped connection, a
//! 5xx or a "still running" answer it sends the same request again, with the same
//! `Idempotency-Key`, until it gets a real answer or its patience runs out. The server
//! dying mid-request is exactly the case the key exists for: the retry must never cause a
//! second effect (a second order, a second charge, a second refund).
//!
//! With several servers it balances like a round-robin load balancer: every try goes to
//! the next process, so one shopper's token is used on all of them, and a retry after a
//! dead process lands on a live one.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::Value;

/// What came back, in the end.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    /// How many times the request was sent.
    pub tries: u32,
}

impl Reply {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The error envelope's `code`, if any.
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }
}

/// Counters shared by every client.
#[derive(Debug, Default)]
pub struct Wire {
    pub requests: AtomicU64,
    /// Tries that did not reach the server or whose answer was lost.
    pub connection_errors: AtomicU64,
    /// Tries answered 5xx (the database restarting, say).
    pub server_errors: AtomicU64,
    /// Tries answered 409 `request_in_progress`: an earlier try with the key still runs,
    /// or ran in a process that was killed.
    pub in_progress: AtomicU64,
    /// Answers replayed from the idempotency store.
    pub replays: AtomicU64,
    /// Requests given up on after [`Api::patience`].
    pub gave_up: AtomicU64,
    /// Answers 401: a session or token that a process did not recognise. Every client
    /// is logged in for the whole run, so each one is a session lost (to a restart, or
    /// to a process that is not the one that issued it).
    pub unauthorized: AtomicU64,
}

#[derive(Clone)]
pub struct Api {
    http: reqwest::Client,
    bases: Arc<[String]>,
    next_base: Arc<AtomicUsize>,
    pub wire: Arc<Wire>,
    /// How long to keep retrying one request.
    pub patience: Duration,
}

impl Api {
    /// A client of the servers at `bases` (each `http://host:port`).
    pub fn new(bases: &[String], patience: Duration) -> Self {
        let http = reqwest::Client::builder()
            // Past the fake provider's slowest answer (a timed-out charge is 300 ms for
            // the server, then it answers).
            .timeout(Duration::from_secs(15))
            .pool_idle_timeout(Duration::from_secs(2))
            .build()
            .unwrap_or_default();
        Self {
            http,
            bases: bases.into(),
            next_base: Arc::default(),
            wire: Arc::new(Wire::default()),
            patience,
        }
    }

    /// The server the next try goes to: each in turn.
    fn base(&self) -> &str {
        let turn = self.next_base.fetch_add(1, Ordering::Relaxed);
        &self.bases[turn % self.bases.len()]
    }

    pub fn get(&self, token: &str, path: &str) -> Call<'_> {
        self.call(Method::GET, token, path)
    }

    pub fn post(&self, token: &str, path: &str) -> Call<'_> {
        self.call(Method::POST, token, path)
    }

    pub fn call(&self, method: Method, token: &str, path: &str) -> Call<'_> {
        Call {
            api: self,
            method,
            token: token.to_owned(),
            path: path.to_owned(),
            body: None,
            key: None,
        }
    }
}

/// One request to send, and to send again.
pub struct Call<'a> {
    api: &'a Api,
    method: Method,
    token: String,
    path: String,
    body: Option<Value>,
    key: Option<String>,
}

impl Call<'_> {
    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// A fresh `Idempotency-Key`, kept for every retry of this call.
    pub fn idempotent(mut self) -> Self {
        self.key = Some(uuid::Uuid::now_v7().to_string());
        self
    }

    /// Sends until answered; `None` when patience ran out.
    pub async fn send(self) -> Option<Reply> {
        let api = self.api;
        let wire = &api.wire;
        let started = Instant::now();
        let mut pause = Duration::from_millis(50);
        let mut tries = 0;
        loop {
            tries += 1;
            wire.requests.fetch_add(1, Ordering::Relaxed);
            let mut request = api.http.request(
                self.method.clone(),
                format!("{}/api/v1{}", api.base(), self.path),
            );
            if !self.token.is_empty() {
                request = request.bearer_auth(&self.token);
            }
            if let Some(key) = &self.key {
                request = request.header("Idempotency-Key", key);
            }
            if let Some(body) = &self.body {
                request = request.json(body);
            }
            let retry = match request.send().await {
                Err(_) => {
                    wire.connection_errors.fetch_add(1, Ordering::Relaxed);
                    true
                }
                Ok(response) => {
                    let status = response.status().as_u16();
                    let replayed = response.headers().contains_key("idempotent-replayed");
                    match response.bytes().await {
                        // The answer was cut off mid-body: as good as lost.
                        Err(_) => {
                            wire.connection_errors.fetch_add(1, Ordering::Relaxed);
                            true
                        }
                        Ok(bytes) => {
                            let body: Value = serde_json::from_slice(&bytes).unwrap_or_default();
                            let in_progress = status == 409
                                && body["error"]["code"].as_str() == Some("request_in_progress");
                            if status >= 500 {
                                wire.server_errors.fetch_add(1, Ordering::Relaxed);
                                true
                            } else if in_progress {
                                wire.in_progress.fetch_add(1, Ordering::Relaxed);
                                true
                            } else {
                                if replayed {
                                    wire.replays.fetch_add(1, Ordering::Relaxed);
                                }
                                if status == 401 {
                                    wire.unauthorized.fetch_add(1, Ordering::Relaxed);
                                }
                                return Some(Reply {
                                    status,
                                    body,
                                    tries,
                                });
                            }
                        }
                    }
                }
            };
            debug_assert!(retry);
            if started.elapsed() > api.patience {
                wire.gave_up.fetch_add(1, Ordering::Relaxed);
                return None;
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(Duration::from_millis(800));
        }
    }
}
