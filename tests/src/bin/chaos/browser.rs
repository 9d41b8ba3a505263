//! Web sessions on every process: a shopper logs in through the storefront's form, the
//! form fetched from one process and posted to another, and is then recognised by every
//! process, before the faults and again after all of them. The storefront's session and
//! its CSRF token live in the database, so no process may be the only one to know them.

use anyhow::Context;
use reqwest::redirect::Policy;

/// A browser that keeps its cookies, and does not follow redirects (a redirect to
/// `/login` is how the storefront says "I do not know you").
pub struct Browser {
    http: reqwest::Client,
    bases: Vec<String>,
}

impl Browser {
    pub fn new(bases: &[String]) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .timeout(std::time::Duration::from_secs(15))
            .build()?;
        Ok(Self {
            http,
            bases: bases.to_vec(),
        })
    }

    /// Opens the login form on the first process and posts it to the last.
    pub async fn log_in(&self, email: &str, password: &str) -> anyhow::Result<()> {
        let first = &self.bases[0];
        let last = &self.bases[self.bases.len() - 1];
        let form = self.http.get(format!("{first}/login")).send().await?;
        anyhow::ensure!(form.status() == 200, "GET /login: {}", form.status());
        let csrf = form
            .cookies()
            .find(|cookie| cookie.name() == "halles_csrf")
            .map(|cookie| cookie.value().to_owned())
            .context("the login form set no CSRF cookie")?;
        let answer = self
            .http
            .post(format!("{last}/login"))
            .form(&[
                ("email", email),
                ("password", password),
                ("csrf", csrf.as_str()),
                ("next", "/account"),
            ])
            .send()
            .await?;
        let to = answer
            .headers()
            .get("location")
            .and_then(|location| location.to_str().ok())
            .unwrap_or("");
        anyhow::ensure!(
            answer.status().is_redirection() && to == "/account",
            "POST /login on another process: {} to {to:?}",
            answer.status()
        );
        Ok(())
    }

    /// Asks every process for the account page; answers how many did not know the
    /// session (a redirect to `/login`, or any answer but 200).
    pub async fn refusals(&self) -> u64 {
        let mut refused = 0;
        for base in &self.bases {
            match self.http.get(format!("{base}/account")).send().await {
                Ok(answer) if answer.status() == 200 => {}
                Ok(answer) => {
                    eprintln!("   !! {base}/account answered {}", answer.status());
                    refused += 1;
                }
                Err(err) => {
                    eprintln!("   !! {base}/account: {err}");
                    refused += 1;
                }
            }
        }
        refused
    }
}
