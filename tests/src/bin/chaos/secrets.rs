//! After the run: no password, token or provider secret in the database or in any
//! server's log. The secrets test (`tests/secrets`) proves it for one careful run at
//! TRACE; this proves it after hundreds of orders, kills and provider faults, at the
//! servers' own log level.

use std::path::PathBuf;

use serde_json::{Value, json};
use services::Db;

/// What was looked for, and where any of it was found.
#[derive(Debug, Default)]
pub struct SecretsAudit {
    pub looked_for: usize,
    pub dump_lines: usize,
    /// `what, where` of each secret found.
    pub found: Vec<String>,
}

impl SecretsAudit {
    pub fn violations(&self) -> u64 {
        self.found.len() as u64
    }

    pub fn to_json(&self) -> Value {
        json!({
            "secrets_looked_for": self.looked_for,
            "database_lines": self.dump_lines,
            "found": self.found,
        })
    }
}

/// Looks for each `(what, secret)` in the database and in the `logs`.
pub async fn audit(
    db: &Db,
    logs: &[PathBuf],
    secrets: &[(String, String)],
) -> anyhow::Result<SecretsAudit> {
    let dump = tests::dump::database_dump(db).await?;
    let mut audit = SecretsAudit {
        looked_for: secrets.len(),
        dump_lines: dump.len(),
        found: Vec::new(),
    };
    let mut places: Vec<(String, String)> = vec![("the database".to_owned(), dump.join("\n"))];
    for log in logs {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        places.push((log.display().to_string(), text));
    }
    for (what, secret) in secrets {
        for (place, text) in &places {
            if text.contains(secret.as_str()) {
                audit.found.push(format!("{what} in {place}"));
            }
        }
    }
    Ok(audit)
}
