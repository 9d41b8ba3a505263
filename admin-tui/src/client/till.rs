//! Typed calls of the till (`/seller/till/{code}…`): the cart a shopper handed off, and
//! the sale that completes it in the store.
//!
//! The shop's tills are throttled after many wrong codes: a 429 then says how long to
//! wait, in seconds, from the answer's `Retry-After` (the server's own message rounds it
//! up to minutes).

use api_types::IDEMPOTENCY_KEY_HEADER;
use api_types::buying::OrderResponse;
use api_types::omnichannel::{TillCart, TillSaleRequest};
use api_types::orders::Order;
use serde::de::DeserializeOwned;

use super::{ApiClient, ApiError, Method, RequestBuilder, api_path};

impl ApiClient {
    /// `GET /seller/till/{code}`: the shopper's lines for this shop behind `code`, with
    /// the shop's stock per location. An unknown or expired code is a 404
    /// `handoff_unknown` naming the field `code`; many of them a 429.
    pub async fn till_cart(&self, code: &str) -> Result<TillCart, ApiError> {
        let request = self.raw(Method::GET, &api_path(&till_path(code)));
        self.send_till(request).await
    }

    /// `POST /seller/till/{code}/sale` with `request`, sending `idempotency_key` (the
    /// same key for every retry of one sale): the order, paid at the till. A second sale
    /// with the code is a 409 `handoff_used`; a line this store lacks a 409
    /// `out_of_stock` naming it.
    pub async fn till_sale(
        &self,
        code: &str,
        request: &TillSaleRequest,
        idempotency_key: &str,
    ) -> Result<Order, ApiError> {
        let request = self
            .raw(
                Method::POST,
                &api_path(&format!("{}/sale", till_path(code))),
            )
            .header(IDEMPOTENCY_KEY_HEADER, idempotency_key)
            .json(request);
        let response: OrderResponse = self.send_till(request).await?;
        Ok(response.order)
    }

    /// Sends a till request; a 429 says the wait in the seller's words.
    async fn send_till<T: DeserializeOwned>(&self, request: RequestBuilder) -> Result<T, ApiError> {
        let bytes = self
            .send_bytes_waiting(request)
            .await
            .map_err(|(error, retry_after)| throttled(error, retry_after))?;
        serde_json::from_slice(&bytes).map_err(|error| ApiError::Decode(error.to_string()))
    }
}

/// `/seller/till/{code}`, the code escaped as one path segment (it is typed by a person,
/// or a scanner: a stray `/` or `?` must not change the path).
fn till_path(code: &str) -> String {
    let mut segment = String::with_capacity(code.len());
    for byte in code.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            segment.push(char::from(byte));
        } else {
            segment.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("/seller/till/{segment}")
}

/// A 429 with a `Retry-After` tells the wait to the second; anything else is unchanged.
fn throttled(error: ApiError, retry_after: Option<u64>) -> ApiError {
    match (error, retry_after) {
        (
            ApiError::Api {
                status: 429,
                mut body,
            },
            Some(secs),
        ) => {
            body.error.message = format!(
                "Too many wrong codes at this shop's tills: try again in {}.",
                wait(secs)
            );
            ApiError::Api { status: 429, body }
        }
        (error, _) => error,
    }
}

/// "45 s", "2 min", "1 min 30 s".
pub fn wait(secs: u64) -> String {
    match (secs / 60, secs % 60) {
        (0, secs) => format!("{secs} s"),
        (minutes, 0) => format!("{minutes} min"),
        (minutes, secs) => format!("{minutes} min {secs} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::{till_path, wait};

    #[test]
    fn a_code_is_one_path_segment_whatever_is_typed() {
        assert_eq!(till_path("7KQ2M9XA"), "/seller/till/7KQ2M9XA");
        assert_eq!(till_path("7kq2-m9xa"), "/seller/till/7kq2-m9xa");
        assert_eq!(till_path("a/b?c d"), "/seller/till/a%2Fb%3Fc%20d");
    }

    #[test]
    fn waits_read_in_seconds_then_minutes() {
        assert_eq!(wait(45), "45 s");
        assert_eq!(wait(120), "2 min");
        assert_eq!(wait(90), "1 min 30 s");
    }
}
