//! [`ApiError`]: everything a call to the server can end in, other than success.

use api_types::ErrorBody;

/// Why a call to the Halles API failed.
///
/// The `Display` text is meant for a person: the console shows it as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The server could not be reached, or did not answer in time.
    #[error("{0}")]
    Network(String),
    /// The server answered with an error status and (usually) its JSON envelope.
    ///
    /// When the body was not the envelope (a proxy's HTML page, an empty 502…), `body` is
    /// made up from the status so that callers can always read `body.error.message`.
    #[error("{}", body.error.message)]
    Api {
        /// The HTTP status code, e.g. 401, 409, 422, 429.
        status: u16,
        /// The server's error envelope.
        body: ErrorBody,
    },
    /// The server answered with success but the body was not what the API promises.
    #[error("Unexpected answer from the server: {0}")]
    Decode(String),
}

impl ApiError {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api { status, .. } => Some(*status),
            Self::Network(_) | Self::Decode(_) => None,
        }
    }

    /// The envelope's `code` (e.g. `invalid_credentials`), when the server answered with one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Api { body, .. } => Some(body.error.code.as_str()),
            Self::Network(_) | Self::Decode(_) => None,
        }
    }

    /// The envelope's `field`, when the error is about one input.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Api { body, .. } => body.error.field.as_deref(),
            Self::Network(_) | Self::Decode(_) => None,
        }
    }

    /// Whether the server said 401: no valid token.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }

    /// Whether the failure is worth retrying later unchanged: the network, or a 5xx.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Network(_) => true,
            Self::Api { status, .. } => *status >= 500,
            Self::Decode(_) => false,
        }
    }

    /// Builds the error for a non-success answer from its status and raw body.
    pub(crate) fn from_response(status: u16, body: &[u8]) -> Self {
        let body = serde_json::from_slice::<ErrorBody>(body).unwrap_or_else(|_| {
            ErrorBody::new(fallback_code(status), fallback_message(status), None)
        });
        Self::Api { status, body }
    }

    /// Maps a transport failure to a readable message that names the server.
    pub(crate) fn from_transport(base_url: &str, error: &reqwest::Error) -> Self {
        if error.is_builder() {
            Self::Network(format!(
                "`{base_url}` is not a valid server address (expected e.g. http://127.0.0.1:3000)"
            ))
        } else if error.is_timeout() {
            Self::Network(format!(
                "{base_url} did not answer in time — is it overloaded?"
            ))
        } else if error.is_connect() {
            Self::Network(format!(
                "Cannot reach {base_url} — is `halles serve` running?"
            ))
        } else if error.is_decode() {
            Self::Decode(error.to_string())
        } else {
            Self::Network(format!("Lost the connection to {base_url}: {error}"))
        }
    }
}

fn fallback_code(status: u16) -> String {
    match status {
        401 => "unauthorized".to_owned(),
        403 => "forbidden".to_owned(),
        404 => "not_found".to_owned(),
        429 => "too_many_requests".to_owned(),
        _ => format!("http_{status}"),
    }
}

fn fallback_message(status: u16) -> String {
    match status {
        401 => "Please sign in again.".to_owned(),
        403 => "You are not allowed to do that.".to_owned(),
        404 => "Not found — is this a Halles server?".to_owned(),
        429 => "Too many attempts; wait a moment and try again.".to_owned(),
        500..=599 => format!("The server failed (HTTP {status}); try again in a moment."),
        _ => format!("The server answered HTTP {status}."),
    }
}

#[cfg(test)]
mod tests {
    use super::ApiError;

    #[test]
    fn the_envelope_is_read_when_present() {
        let body = br#"{"error":{"code":"invalid_credentials","message":"Wrong e-mail or password","field":null}}"#;
        let error = ApiError::from_response(401, body);
        assert_eq!(error.to_string(), "Wrong e-mail or password");
        assert_eq!(error.code(), Some("invalid_credentials"));
        assert!(error.is_unauthorized());
        assert!(!error.is_transient());
    }

    #[test]
    fn a_body_that_is_not_the_envelope_still_gives_a_message() {
        let error = ApiError::from_response(502, b"<html>Bad gateway</html>");
        assert_eq!(error.code(), Some("http_502"));
        assert!(error.to_string().contains("502"));
        assert!(error.is_transient());
        let throttled = ApiError::from_response(429, b"");
        assert_eq!(
            throttled.to_string(),
            "Too many attempts; wait a moment and try again."
        );
    }
}
