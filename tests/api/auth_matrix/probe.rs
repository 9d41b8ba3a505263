//! One request of the matrix (a route, a role, what the role must get), how it is sent,
//! and how its answer is judged: the status its class expects on its surface, and no
//! secret of someone else in the body, whatever the status.

use admin_tui::client::Method;
use serde_json::Value;
use tests::TestApp;

use super::classes::{Class, Expect};
use super::roles::{Actor, Role};
use super::world::Secret;

/// Where a route lives, which decides how a refusal looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// `/api/v1`, with the role's bearer token: 401, 403, 404.
    Api,
    /// Pages, forms and files, with the role's session cookie: a visitor is sent to log
    /// in (303 to `/login`), someone else's object is a 404.
    Web,
    /// Leptos server functions: any refusal is an error status.
    ServerFn,
}

#[derive(Debug, Clone)]
pub enum Payload {
    None,
    Json(Value),
    /// Form fields; the role's CSRF token is added.
    Form(Vec<(String, String)>),
    Bytes(&'static [u8]),
}

#[derive(Debug, Clone)]
pub struct Probe {
    pub surface: Surface,
    pub method: Method,
    /// `METHOD template`, for the report.
    pub route: String,
    /// The concrete path (under `/api/v1` for the API).
    pub path: String,
    pub payload: Payload,
    pub role: Role,
    pub class: Class,
    pub expect: Expect,
}

#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub location: String,
    /// The flash a form's redirect sets: its error code (`not_found`…), or empty for a
    /// success note; `None` without a flash.
    pub flash: Option<String>,
    pub body: String,
}

/// The CSRF token the storefront gives this browser's session (or visitor) now.
pub async fn csrf_of(app: &TestApp, browser: &reqwest::Client) -> String {
    let context: Value = browser
        .post(app.url("/_fn/page_context"))
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("the page context");
    context["csrf_token"]
        .as_str()
        .expect("a CSRF token")
        .to_owned()
}

/// The error code in a `Set-Cookie: halles_flash=…` (base64url JSON), if one is set.
fn flash_of(headers: &reqwest::header::HeaderMap) -> Option<String> {
    use base64::Engine;
    let prefix = format!("{}=", server::http::cookies::FLASH);
    let raw = headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|cookie| cookie.strip_prefix(&prefix))?
        .split(';')
        .next()?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(raw)
        .ok()?;
    let flash: Value = serde_json::from_slice(&bytes).ok()?;
    Some(flash["error"].as_str().unwrap_or_default().to_owned())
}

impl Probe {
    pub async fn send(&self, app: &TestApp, actor: &Actor) -> Answer {
        let request = match self.surface {
            Surface::Api => actor
                .api
                .raw(self.method.clone(), &format!("/api/v1{}", self.path)),
            Surface::Web | Surface::ServerFn => actor
                .browser
                .request(self.method.clone(), app.url(&self.path)),
        };
        let request = match &self.payload {
            Payload::None => request,
            Payload::Json(body) => request.json(body),
            Payload::Form(fields) => {
                let mut fields = fields.clone();
                if self.surface == Surface::Web {
                    // Read now: logging in or out on an earlier probe changes it.
                    fields.push(("csrf".to_owned(), csrf_of(app, &actor.browser).await));
                }
                request.form(&fields)
            }
            Payload::Bytes(bytes) => request
                .header("content-type", "application/octet-stream")
                .body(bytes.to_vec()),
        };
        let response = request
            .send()
            .await
            .unwrap_or_else(|err| panic!("{} as {}: {err}", self.route, self.role.label()));
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let flash = flash_of(response.headers());
        let body = response.text().await.unwrap_or_default();
        Answer {
            status,
            location,
            flash,
            body,
        }
    }

    /// What is wrong with `answer`, if anything.
    pub fn judge(&self, answer: &Answer, secrets: &[Secret]) -> Vec<Failure> {
        let mut failures = Vec::new();
        if !self.status_is_expected(answer) {
            let mut got = answer.status.to_string();
            if !answer.location.is_empty() {
                got.push_str(&format!(" → {}", answer.location));
            }
            if let Some(code) = &answer.flash {
                got.push_str(&format!(" flash `{code}`"));
            }
            if answer.status >= 400 || (200..300).contains(&answer.status) {
                let start: String = answer.body.chars().take(100).collect();
                got.push_str(&format!(" {start}"));
            }
            failures.push(self.failure(format!("{:?}", self.expect), got));
        }
        for secret in secrets {
            let till_may_see = secret.shown_to_tills && self.class == Class::Till;
            if !secret.seen_by.contains(&self.role)
                && !till_may_see
                && answer.body.contains(&secret.text)
            {
                failures.push(self.failure(
                    "no victim's data".to_owned(),
                    format!("{} {} ({})", answer.status, secret.what, secret.text),
                ));
            }
        }
        failures
    }

    fn failure(&self, expected: String, got: String) -> Failure {
        Failure {
            route: format!("{} ({})", self.route, self.path),
            role: self.role.label(),
            expected,
            got,
        }
    }

    fn status_is_expected(&self, answer: &Answer) -> bool {
        let status = answer.status;
        let success = (200..300).contains(&status);
        let refusal = (400..500).contains(&status);
        let redirect = (300..400).contains(&status);
        let to_login = redirect && answer.location.starts_with("/login");
        // A form refuses by going back with its error in the flash.
        let flashed = |code: &str| redirect && answer.flash.as_deref() == Some(code);
        // Or by going back to the page, which then says "not found"; whether nothing
        // changed is checked on the victims' side (`victims::snapshot`).
        let plain_redirect = redirect && !to_login && answer.flash.is_none();
        match (self.surface, self.expect) {
            (_, Expect::Refused) => refusal,
            (_, Expect::Anything) => status < 500,
            (Surface::Api, Expect::Allowed) => success || [400, 402, 409, 422].contains(&status),
            (Surface::Api, Expect::Unauthenticated) => status == 401,
            (Surface::Api, Expect::Forbidden) => status == 403,
            (Surface::Api, Expect::NotFound) => status == 404,
            (Surface::Web, Expect::Forbidden) => status == 403 || flashed("forbidden"),
            (Surface::Web, Expect::NotFound) => {
                status == 404 || flashed("not_found") || plain_redirect
            }
            (Surface::Web, Expect::Allowed) => {
                let refused = [401, 403, 404].contains(&status)
                    || to_login
                    || flashed("not_found")
                    || flashed("forbidden")
                    || flashed("csrf_failed");
                !refused && status < 500
            }
            // A file or form a visitor may not have answers 404 or 401; a page sends
            // the visitor to log in.
            (Surface::Web, Expect::Unauthenticated) => to_login || [401, 404].contains(&status),
            (Surface::ServerFn, Expect::Allowed) => success,
            (Surface::ServerFn, _) => !success,
        }
    }
}

/// A row of the failure table.
#[derive(Debug)]
pub struct Failure {
    pub route: String,
    pub role: &'static str,
    pub expected: String,
    pub got: String,
}

/// The failures as a table, one per line.
pub fn table(failures: &[Failure]) -> String {
    let width = failures
        .iter()
        .map(|failure| failure.route.chars().count())
        .max()
        .unwrap_or(5)
        .min(110);
    let mut out = format!(
        "{:<width$}  {:<18}  {:<16}  got\n",
        "route", "role", "expected"
    );
    for failure in failures {
        out.push_str(&format!(
            "{:<width$}  {:<18}  {:<16}  {}\n",
            failure.route, failure.role, failure.expected, failure.got
        ));
    }
    out
}
