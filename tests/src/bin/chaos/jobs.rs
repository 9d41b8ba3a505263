//! The background jobs, audited: which process did what, and whether any e-mail was sent
//! twice or never. Every process runs the jobs (as in production behind a balancer), and
//! each process writes its mail to its own folder, so a message delivered by two
//! processes shows as two files. Money jobs (refunds of expired pickups and interrupted
//! cancels, cashback) are audited elsewhere: by the provider audit and `halles check`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use anyhow::Context;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use services::Db;

/// How long a process holds a message it claimed (the servers write mail to folders): a
/// second process may write it only after that.
const CLAIM_LIFE: Duration =
    Duration::from_secs(services::buying::notifications::FOLDER_CLAIM_SECS.unsigned_abs());

/// What the audit found.
#[derive(Debug, Default)]
pub struct JobsAudit {
    /// Per process, in order: each job's rows affected, summed over its runs.
    pub affected_by_server: Vec<BTreeMap<String, u64>>,
    /// Notifications in the database at the end.
    pub messages: u64,
    pub sent: u64,
    /// Written by two processes within one claim's life: both held it at once. A
    /// violation.
    pub sent_twice: u64,
    /// Written again once the claim of a process that died mid-send had run out: at
    /// least once, as designed, not a violation.
    pub resent_after_a_death: u64,
    /// Marked sent, yet no process wrote them. A violation.
    pub sent_without_mail: u64,
    /// Still waiting (or claimed by a dead process) at the end. A violation: the jobs
    /// had time to send them.
    pub undelivered: u64,
    pub examples: Vec<String>,
}

impl JobsAudit {
    pub fn violations(&self) -> u64 {
        self.sent_twice + self.sent_without_mail + self.undelivered + u64::from(self.blind())
    }

    /// Mail went out, yet no log shows a job sending it: the logs were not read (their
    /// format changed?), and the audit cannot vouch for the jobs. Counted as a violation
    /// so that the audit cannot silently stop auditing.
    fn blind(&self) -> bool {
        let logged: u64 = self
            .affected_by_server
            .iter()
            .filter_map(|jobs| jobs.get("send_notifications"))
            .sum();
        self.sent > 0 && logged == 0
    }

    /// Per process, the sum of rows all its jobs affected.
    pub fn work_by_server(&self) -> Vec<u64> {
        self.affected_by_server
            .iter()
            .map(|jobs| jobs.values().sum())
            .collect()
    }

    pub fn to_json(&self) -> Value {
        json!({
            "affected_by_server": self.affected_by_server,
            "logs_unread": self.blind(),
            "messages": self.messages,
            "sent": self.sent,
            "sent_twice": self.sent_twice,
            "resent_after_a_death": self.resent_after_a_death,
            "sent_without_mail": self.sent_without_mail,
            "undelivered": self.undelivered,
            "examples": self.examples,
        })
    }
}

/// Reads each process's log (`logs`) and mail folder (`mail_dirs`, in the same order),
/// and compares them with the notifications table.
pub async fn audit(db: &Db, logs: &[PathBuf], mail_dirs: &[PathBuf]) -> anyhow::Result<JobsAudit> {
    let mut audit = JobsAudit {
        affected_by_server: logs
            .iter()
            .map(|log| job_runs(log))
            .collect::<anyhow::Result<_>>()?,
        ..JobsAudit::default()
    };
    // When each process wrote each message.
    let mut copies: HashMap<String, Vec<SystemTime>> = HashMap::new();
    for dir in mail_dirs {
        for (id, written) in mail_files(dir)? {
            copies.entry(id).or_default().push(written);
        }
    }
    let rows = db
        .conn()
        .query_all_raw(Statement::from_string(
            db.backend(),
            "SELECT id, status, attempts FROM notifications".to_owned(),
        ))
        .await?;
    for row in rows {
        let id: String = row.try_get("", "id")?;
        let status: String = row.try_get("", "status")?;
        let attempts = u64::try_from(row.try_get::<i32>("", "attempts")?).unwrap_or(0);
        let mut written = copies.remove(&id).unwrap_or_default();
        written.sort();
        let delivered = written.len();
        audit.messages += 1;
        let note = |audit: &mut JobsAudit, what: &str| {
            if audit.examples.len() < 10 {
                audit.examples.push(format!(
                    "notification {id}: {what} (status {status}, {attempts} claim(s), {delivered} cop(ies))"
                ));
            }
        };
        match status.as_str() {
            "sent" => {
                audit.sent += 1;
                if delivered == 0 {
                    audit.sent_without_mail += 1;
                    note(&mut audit, "marked sent, never written");
                }
            }
            "failed" => {}
            _ => {
                audit.undelivered += 1;
                note(&mut audit, "not delivered at the end");
            }
        }
        // A second copy sooner than a claim's life after the first: two live claims.
        let at_once = written.windows(2).any(|pair| {
            pair[1]
                .duration_since(pair[0])
                .is_ok_and(|gap| gap < CLAIM_LIFE / 2)
        });
        if at_once {
            audit.sent_twice += 1;
            note(&mut audit, "written by two processes at once");
        } else if delivered > 1 {
            audit.resent_after_a_death += 1;
        }
    }
    Ok(audit)
}

/// `job.name → rows affected` summed over the "job ran" lines of one process's log.
fn job_runs(log: &Path) -> anyhow::Result<BTreeMap<String, u64>> {
    let mut affected = BTreeMap::new();
    let text = match std::fs::read_to_string(log) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(affected),
        Err(err) => return Err(err).with_context(|| format!("reading {}", log.display())),
    };
    for line in text.lines().filter(|line| line.contains("job ran")) {
        let line = strip_colours(line);
        let (Some(name), Some(count)) = (field(&line, "job.name"), field(&line, "job.affected"))
        else {
            continue;
        };
        *affected.entry(name.to_owned()).or_default() += count.parse::<u64>().unwrap_or(0);
    }
    Ok(affected)
}

/// The value of `key=value` (or `key="value"`) in a log line.
fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let start = line.find(&format!("{key}="))? + key.len() + 1;
    let rest = &line[start..];
    let value = rest.split_whitespace().next()?;
    Some(value.trim_matches('"'))
}

/// Removes ANSI colour sequences (`ESC [ … m`), in case the log has them.
fn strip_colours(line: &str) -> String {
    let mut plain = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(ch) = chars.next() {
        if ch == '\u{1b}' {
            for skipped in chars.by_ref() {
                if skipped == 'm' {
                    break;
                }
            }
        } else {
            plain.push(ch);
        }
    }
    plain
}

/// The notification ids of the `.eml` files in `dir`, with when each was written (none
/// when the folder does not exist).
fn mail_files(dir: &Path) -> anyhow::Result<Vec<(String, SystemTime)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err).with_context(|| format!("reading {}", dir.display())),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "eml")
            && let Some(stem) = path.file_stem().and_then(|stem| stem.to_str())
        {
            files.push((stem.to_owned(), entry.metadata()?.modified()?));
        }
    }
    Ok(files)
}
