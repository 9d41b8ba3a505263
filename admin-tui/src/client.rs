//! The typed HTTP client of the Halles JSON API (`/api/v1`).
//!
//! The console uses it, and so do the black-box tests, which drive a real server with it.
//! Every call maps its failure to an [`ApiError`]; nothing here panics on a bad answer.
//!
//! ```no_run
//! # async fn demo() -> Result<(), admin_tui::client::ApiError> {
//! use admin_tui::client::ApiClient;
//! use api_types::LoginRequest;
//!
//! let mut client = ApiClient::new("http://127.0.0.1:3000");
//! client
//!     .login(&LoginRequest { email: "ada@example.com".into(), password: "secret".into(), token_name: None })
//!     .await?;
//! let me = client.me().await?;
//! println!("{}", me.user.name);
//! # Ok(()) }
//! ```

mod analytics;
mod error;
mod operating;
mod orders;
mod selling;
#[cfg(test)]
mod tests;
mod till;
#[cfg(test)]
mod till_tests;

use std::time::Duration;

use api_types::{
    API_PREFIX, LoginRequest, LoginResponse, MeResponse, SignupRequest, SignupResponse,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use error::ApiError;
pub use orders::{OrderQuery, OrderStep, idempotency_key};
pub use reqwest::{Method, RequestBuilder};

/// How long one request may take, connection included, before it fails as a network error.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How long connecting may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A client of one Halles server, with an optional bearer token.
///
/// Cloning is cheap (the connection pool is shared); each clone has its own token.
#[derive(Clone)]
pub struct ApiClient {
    http: reqwest::Client,
    base_url: String,
    token: Option<String>,
}

impl std::fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiClient")
            .field("base_url", &self.base_url)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl ApiClient {
    /// A client of the server at `base_url` (e.g. `http://127.0.0.1:3000`), without a token.
    ///
    /// A trailing `/` is ignored. Requests time out after [`REQUEST_TIMEOUT`].
    pub fn new(base_url: impl Into<String>) -> Self {
        let base_url = base_url.into().trim_end_matches('/').to_owned();
        let http = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT)
            .user_agent(concat!("halles-console/", env!("CARGO_PKG_VERSION")))
            .build()
            .unwrap_or_else(|error| {
                // Only a TLS backend that cannot start makes the builder fail.
                tracing::warn!(%error, "HTTP client builder failed; using defaults");
                reqwest::Client::default()
            });
        Self {
            http,
            base_url,
            token: None,
        }
    }

    /// The same client carrying `token`.
    #[must_use]
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The server address, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The bearer token sent with every request, if any.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// Replaces (or, with `None`, forgets) the bearer token.
    pub fn set_token(&mut self, token: Option<String>) {
        self.token = token;
    }

    /// `POST /auth/signup` → 201 `{user}`; a taken e-mail is a 409.
    pub async fn signup(&self, request: &SignupRequest) -> Result<SignupResponse, ApiError> {
        self.post("/auth/signup", request).await
    }

    /// `POST /auth/login` → `{token, user}`; on success the client keeps the token.
    pub async fn login(&mut self, request: &LoginRequest) -> Result<LoginResponse, ApiError> {
        let response: LoginResponse = self.post("/auth/login", request).await?;
        self.token = Some(response.token.clone());
        Ok(response)
    }

    /// `POST /auth/logout` → 204; on success the client forgets its token.
    pub async fn logout(&mut self) -> Result<(), ApiError> {
        let request = self.raw(Method::POST, &api_path("/auth/logout"));
        self.send_empty(request).await?;
        self.token = None;
        Ok(())
    }

    /// `GET /me`: the signed-in user and their shop.
    pub async fn me(&self) -> Result<MeResponse, ApiError> {
        self.get("/me").await
    }

    /// `GET /healthz`: `Ok` when the server and its database answer.
    pub async fn health(&self) -> Result<(), ApiError> {
        let request = self.raw(Method::GET, "/healthz");
        self.send_empty(request).await
    }

    /// `GET /api/v1{path}`, decoded as `T`.
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        self.send(self.raw(Method::GET, &api_path(path))).await
    }

    /// `POST /api/v1{path}` with `body` as JSON, decoded as `T`.
    pub async fn post<B, T>(&self, path: &str, body: &B) -> Result<T, ApiError>
    where
        B: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        self.send(self.raw(Method::POST, &api_path(path)).json(body))
            .await
    }

    /// `{method} /api/v1{path}` with `body` as JSON, decoded as `T` (PATCH, PUT, DELETE…).
    pub async fn call<B, T>(&self, method: Method, path: &str, body: &B) -> Result<T, ApiError>
    where
        B: Serialize + ?Sized,
        T: DeserializeOwned,
    {
        self.send(self.raw(method, &api_path(path)).json(body))
            .await
    }

    /// A request to `{base_url}{path}` (`path` from the server root, e.g. `/api/v1/me`) with
    /// the bearer token applied, for anything the typed methods do not cover.
    ///
    /// Send it with [`ApiClient::send`] or [`ApiClient::send_empty`] to get the same error
    /// mapping, or with `.send()` to see the raw response.
    pub fn raw(&self, method: Method, path: &str) -> RequestBuilder {
        let request = self
            .http
            .request(method, format!("{}{path}", self.base_url));
        match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    /// Sends `request` and decodes a success body as `T`; an error status becomes
    /// [`ApiError::Api`].
    pub async fn send<T: DeserializeOwned>(&self, request: RequestBuilder) -> Result<T, ApiError> {
        let bytes = self.send_bytes(request).await?;
        serde_json::from_slice(&bytes).map_err(|error| ApiError::Decode(error.to_string()))
    }

    /// Sends `request` and ignores a success body (for 204 answers).
    pub async fn send_empty(&self, request: RequestBuilder) -> Result<(), ApiError> {
        self.send_bytes(request).await.map(drop)
    }

    async fn send_bytes(&self, request: RequestBuilder) -> Result<Vec<u8>, ApiError> {
        self.send_bytes_waiting(request)
            .await
            .map_err(|(error, _)| error)
    }

    /// [`Self::send_bytes`], and on failure the seconds of the answer's `Retry-After`
    /// header, when it has one (a 429 says how long to wait).
    async fn send_bytes_waiting(
        &self,
        request: RequestBuilder,
    ) -> Result<Vec<u8>, (ApiError, Option<u64>)> {
        let transport =
            |error: reqwest::Error| (ApiError::from_transport(&self.base_url, &error), None);
        let response = request.send().await.map_err(transport)?;
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok());
        let bytes = response.bytes().await.map_err(transport)?;
        if status.is_success() {
            Ok(bytes.to_vec())
        } else {
            let error = ApiError::from_response(status.as_u16(), &bytes);
            tracing::debug!(status = status.as_u16(), code = error.code(), "API error");
            Err((error, retry_after))
        }
    }
}

/// `/api/v1` followed by `path`.
fn api_path(path: &str) -> String {
    format!("{API_PREFIX}{path}")
}
