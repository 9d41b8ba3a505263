//! The run's summary: printed, and written to `target/chaos/latest.json` (and
//! `latest-<engine>.json`, so a SQLite and a PostgreSQL run can be compared).

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::audit::Audit;
use crate::jobs::JobsAudit;
use crate::secrets::SecretsAudit;
use crate::server::CheckRun;

pub struct Report {
    pub engine: &'static str,
    /// How many `halles serve` processes shared the database.
    pub servers: usize,
    pub quick: bool,
    pub seed: u64,
    pub duration_s: f64,
    pub kills: u64,
    pub restart_ms: Vec<u64>,
    pub postgres_restarts: u32,
    pub postgres_note: Option<String>,
    pub unasked_deaths: u32,
    /// Every `halles check`: one after each restart, then the final one.
    pub checks: Vec<CheckRun>,
    pub final_check: CheckRun,
    pub audit: Audit,
    /// Which process ran which jobs, and whether any e-mail went twice or never.
    pub jobs: JobsAudit,
    /// Times a process did not know the storefront session logged in on another one
    /// (asked of every process, before the faults and after them).
    pub web_sessions_refused: u64,
    /// Passwords, tokens and provider keys found in the database or the logs.
    pub secrets: SecretsAudit,
    /// Rows counted in the database at the end.
    pub database: Value,
    /// What the clients saw.
    pub clients: Value,
    pub wire: Value,
    pub faults: Value,
}

impl Report {
    /// Violations found by any check, plus the provider audit's and the jobs audit's,
    /// servers that died unasked, and sessions a process refused.
    pub fn violations(&self) -> u64 {
        self.checks
            .iter()
            .map(|check| check.violations)
            .sum::<u64>()
            + self.final_check.violations
            + self.audit.violations()
            + self.jobs.violations()
            + self.refunds_unsettled()
            + self.secrets.violations()
            + u64::from(self.unasked_deaths)
            + self.sessions_refused()
    }

    /// Refunds still asked of the provider at the end: a lost answer nobody finished.
    fn refunds_unsettled(&self) -> u64 {
        self.database["refund_requests_asked"].as_u64().unwrap_or(0)
    }

    /// 401 answers to API tokens (every client stays logged in for the whole run), and
    /// the storefront session not recognised by a process.
    fn sessions_refused(&self) -> u64 {
        self.wire["unauthorized"].as_u64().unwrap_or(0) + self.web_sessions_refused
    }

    fn orders(&self) -> u64 {
        self.database["orders"].as_u64().unwrap_or(0)
    }

    pub fn to_json(&self) -> Value {
        let mut restarts = self.restart_ms.clone();
        restarts.sort_unstable();
        let median = restarts.get(restarts.len() / 2).copied().unwrap_or(0);
        let failed: Vec<&String> = self
            .checks
            .iter()
            .chain(std::iter::once(&self.final_check))
            .flat_map(|check| &check.failed)
            .collect();
        json!({
            "kills": self.kills,
            "orders": self.orders(),
            "violations": self.violations(),
            "engine": self.engine,
            "servers": self.servers,
            "mode": if self.quick { "quick" } else { "full" },
            "seed": self.seed,
            "duration_s": (self.duration_s * 10.0).round() / 10.0,
            "checks_run": self.checks.len() + 1,
            "failed_checks": failed,
            "final_check": {"checks": self.final_check.checks, "violations": self.final_check.violations},
            "provider_audit": {
                "charges_succeeded": self.audit.charges,
                "refunded_in_full": self.audit.refunded_in_full,
                "money_mismatches": self.audit.money_mismatches,
                "charges_without_payment": self.audit.charges_without_payment,
                "unsettled_payments": self.audit.unsettled,
                "examples": self.audit.examples,
            },
            "jobs": self.jobs.to_json(),
            "sessions_refused": self.sessions_refused(),
            "secrets": self.secrets.to_json(),
            "restart_ms": {"median": median, "max": restarts.last().copied().unwrap_or(0)},
            "postgres_restarts": self.postgres_restarts,
            "postgres_note": self.postgres_note,
            "server_died_unasked": self.unasked_deaths,
            "database": self.database,
            "clients": self.clients,
            "wire": self.wire,
            "faults": self.faults,
        })
    }

    pub fn print(&self) {
        let json = self.to_json();
        println!();
        println!(
            "chaos ({}, {} server(s), {}, seed {}): {} kills in {:.0} s",
            self.engine,
            self.servers,
            json["mode"].as_str().unwrap_or(""),
            self.seed,
            self.kills,
            self.duration_s
        );
        println!(
            "  server back after a kill in {} ms (median), {} ms at worst",
            json["restart_ms"]["median"], json["restart_ms"]["max"]
        );
        match (&self.postgres_note, self.postgres_restarts) {
            (Some(note), _) => println!("  {note}"),
            (None, 0) => {}
            (None, n) => println!("  PostgreSQL restarted {n} time(s) under load"),
        }
        println!("  database at the end: {}", self.database);
        println!("  clients saw: {}", self.clients);
        println!("  on the wire: {}", self.wire);
        println!("  faults: {}", self.faults);
        println!(
            "  halles check run {} times: {} violation(s); final check: {} checks, {} violation(s)",
            self.checks.len() + 1,
            self.checks.iter().map(|c| c.violations).sum::<u64>() + self.final_check.violations,
            self.final_check.checks,
            self.final_check.violations
        );
        for failed in json["failed_checks"].as_array().into_iter().flatten() {
            println!("    FAIL {}", failed.as_str().unwrap_or(""));
        }
        println!(
            "  provider audit: {} charges succeeded ({} refunded in full), {} mismatch(es), \
             {} charge(s) without payment, {} payment(s) still processing",
            self.audit.charges,
            self.audit.refunded_in_full,
            self.audit.money_mismatches,
            self.audit.charges_without_payment,
            self.audit.unsettled
        );
        for example in &self.audit.examples {
            println!("    {example}");
        }
        println!(
            "  jobs: rows affected by each server's jobs {:?}; {} e-mail(s), {} sent, {} sent twice, \
             {} sent again after a death, {} marked sent but never written, {} undelivered",
            self.jobs.work_by_server(),
            self.jobs.messages,
            self.jobs.sent,
            self.jobs.sent_twice,
            self.jobs.resent_after_a_death,
            self.jobs.sent_without_mail,
            self.jobs.undelivered
        );
        for example in &self.jobs.examples {
            println!("    {example}");
        }
        println!(
            "  sessions: {} API request(s) answered 401, {} storefront refusal(s) (one web session \
             asked of all {} server(s), before and after the faults)",
            self.wire["unauthorized"].as_u64().unwrap_or(0),
            self.web_sessions_refused,
            self.servers
        );
        println!(
            "  secrets: {} looked for in {} database rows and {} log(s), {} found",
            self.secrets.looked_for,
            self.secrets.dump_lines,
            self.servers,
            self.secrets.found.len()
        );
        for found in &self.secrets.found {
            println!("    FOUND {found}");
        }
        if self.unasked_deaths > 0 {
            println!(
                "  the server exited on its own {} time(s): see target/chaos/server.log",
                self.unasked_deaths
            );
        }
        println!(
            "  kills {}, orders {}, violations {}: {}",
            self.kills,
            self.orders(),
            self.violations(),
            if self.violations() == 0 {
                "PASS"
            } else {
                "FAIL"
            }
        );
    }

    /// Writes `latest.json` and `latest-<engine>.json`; answers the first's path.
    pub fn write(&self) -> anyhow::Result<PathBuf> {
        let dir = crate::server::out_dir();
        std::fs::create_dir_all(&dir)?;
        let text = serde_json::to_string_pretty(&self.to_json())?;
        std::fs::write(dir.join(format!("latest-{}.json", self.engine)), &text)?;
        let path = dir.join("latest.json");
        std::fs::write(&path, text)?;
        Ok(path)
    }
}
