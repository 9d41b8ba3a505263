//! Timed requests for the buying scenarios: latencies of the 2xx answers, and every other
//! answer counted by status and API error code.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use crate::report::ScenarioResult;

/// What one client saw of one kind of request.
#[derive(Debug, Default)]
pub struct Tally {
    latencies: Vec<Duration>,
    errors: u64,
    kinds: BTreeMap<String, u64>,
}

impl Tally {
    /// Sends `request` and times it; answers the body when the status is 2xx.
    pub async fn send(&mut self, request: reqwest::RequestBuilder) -> Option<Vec<u8>> {
        let sent = Instant::now();
        let response = match request.send().await {
            Ok(response) => response,
            Err(_) => {
                self.error("transport".to_owned());
                return None;
            }
        };
        let status = response.status();
        let Ok(body) = response.bytes().await else {
            self.error("transport".to_owned());
            return None;
        };
        if status.is_success() {
            self.latencies.push(sent.elapsed());
            return Some(body.into());
        }
        let code = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|json| json["error"]["code"].as_str().map(str::to_owned))
            .unwrap_or_default();
        self.error(format!("{} {code}", status.as_u16()));
        None
    }

    fn error(&mut self, kind: String) {
        self.errors += 1;
        *self.kinds.entry(kind).or_default() += 1;
    }

    pub fn successes(&self) -> usize {
        self.latencies.len()
    }

    /// Errors of one kind, e.g. `409 out_of_stock`.
    pub fn errors_of(&self, kind: &str) -> u64 {
        self.kinds.get(kind).copied().unwrap_or(0)
    }

    pub fn merge(&mut self, other: Tally) {
        self.latencies.extend(other.latencies);
        self.errors += other.errors;
        for (kind, count) in other.kinds {
            *self.kinds.entry(kind).or_default() += count;
        }
    }

    pub fn result(self, name: &'static str, elapsed: Duration) -> ScenarioResult {
        let mut result = ScenarioResult::from_latencies(name, self.latencies, self.errors, elapsed);
        result.error_kinds = self.kinds;
        result
    }
}

/// A small seeded generator (SplitMix64), so each client picks its own offers.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z % n as u64) as usize
    }
}
