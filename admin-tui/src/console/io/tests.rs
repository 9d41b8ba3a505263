//! What the console writes to its log about the effects it runs: never a secret.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use api_types::orders::{CollectRequest, ShipRequest};
use tracing_subscriber::fmt::MakeWriter;

use super::log_running;
use crate::client::OrderStep;
use crate::console::action::{ApiCall, Effect};

const PICKUP_CODE: &str = "7QK2M9XH";
const TOKEN: &str = "hls_5b1f0c9e2d7a4e8b";
const PASSWORD: &str = "correct horse battery";

/// Log lines written to memory instead of `console.log`.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .expect("the log buffer")
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Self;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// What the console logs when `effect` starts, at the debug level the e2e test runs at.
fn logged(effect: &Effect) -> String {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .finish();
    tracing::subscriber::with_default(subscriber, || log_running(effect));
    let bytes = captured.0.lock().expect("the log buffer").clone();
    String::from_utf8(bytes).expect("UTF-8 logs")
}

fn step(step: OrderStep) -> Effect {
    Effect::Api {
        request: 7,
        token: TOKEN.into(),
        call: Box::new(ApiCall::OrderStep {
            id: "so3".into(),
            step,
            key: "0123456789abcdef0123456789abcdef".into(),
        }),
    }
}

#[test]
fn a_hand_over_is_logged_without_its_pickup_code() {
    let text = logged(&step(OrderStep::Collect(CollectRequest {
        code: PICKUP_CODE.into(),
    })));
    assert!(
        text.contains("running") && text.contains("Collect(<redacted>)"),
        "the step is still named: {text}"
    );
    assert!(!text.contains(PICKUP_CODE), "the code is logged: {text}");
    assert!(!text.contains(TOKEN), "the token is logged: {text}");
}

#[test]
fn other_steps_keep_their_bodies_in_the_log() {
    let text = logged(&step(OrderStep::Ship(ShipRequest {
        carrier: "Colissimo".into(),
        tracking: "6A12345678901".into(),
    })));
    assert!(
        text.contains("Colissimo") && text.contains("6A12345678901"),
        "{text}"
    );
}

#[test]
fn no_effect_logs_a_token_or_a_password() {
    let effects = [
        Effect::Login {
            email: "ada@example.com".into(),
            password: PASSWORD.into(),
        },
        Effect::FetchMe {
            request: 1,
            token: TOKEN.into(),
            delay: Duration::ZERO,
        },
        Effect::Logout {
            token: TOKEN.into(),
        },
        Effect::Api {
            request: 2,
            token: TOKEN.into(),
            call: Box::new(ApiCall::GetShop),
        },
        Effect::ImportCsv {
            job: 3,
            token: TOKEN.into(),
            path: "offres.csv".into(),
        },
        Effect::ExportCsv {
            job: 4,
            token: TOKEN.into(),
            path: "offres.csv".into(),
        },
    ];
    for effect in &effects {
        let text = logged(effect);
        assert!(text.contains("running"), "{text}");
        assert!(
            !text.contains(TOKEN) && !text.contains(PASSWORD),
            "a secret is logged: {text}"
        );
    }
}
