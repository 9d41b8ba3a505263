//! The system under test: a fresh database, the `halles serve` process the suite kills
//! and restarts on the same port, and `halles check`, run after every restart.

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use sea_orm::{ConnectionTrait, Database as SeaDatabase, Statement};
use tests::fake_stripe::{self, FakeStripe};
use tests::process::{Serve, ServerProcess, free_port, halles, workspace_dir};

/// Where the run's files go: the SQLite database, the server's log, e-mails, the report
/// (`target/chaos/`, or `HALLES_CHAOS_OUT` to keep two runs apart).
pub fn out_dir() -> PathBuf {
    std::env::var_os("HALLES_CHAOS_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_dir().join("target").join("chaos"))
}

/// The database of one run.
pub struct Database {
    pub url: String,
    /// For PostgreSQL: the server's URL (to drop the run's database) and its name.
    postgres: Option<(String, String)>,
}

impl Database {
    /// A brand-new database: a SQLite file under `target/chaos/`, or a database created
    /// for this run on the PostgreSQL server `postgres_url` names.
    pub async fn create(postgres_url: Option<&str>) -> anyhow::Result<Self> {
        match postgres_url {
            None => {
                let dir = out_dir().join("db");
                let _ = std::fs::remove_dir_all(&dir);
                std::fs::create_dir_all(&dir)?;
                Ok(Self {
                    url: format!("sqlite://{}/halles.db", dir.display()),
                    postgres: None,
                })
            }
            Some(admin_url) => {
                let name = format!("halles_chaos_{}", uuid::Uuid::now_v7().simple());
                let admin = SeaDatabase::connect(admin_url)
                    .await
                    .context("connecting to PostgreSQL")?;
                admin
                    .execute_raw(Statement::from_string(
                        admin.get_database_backend(),
                        format!("CREATE DATABASE {name}"),
                    ))
                    .await
                    .context("creating the run's database")?;
                admin.close().await?;
                Ok(Self {
                    url: with_database_name(admin_url, &name),
                    postgres: Some((admin_url.to_owned(), name)),
                })
            }
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres.is_some()
    }

    /// Drops the run's PostgreSQL database (kept when the run found violations, to look at).
    pub async fn drop_postgres(&self) -> anyhow::Result<()> {
        if let Some((admin_url, name)) = &self.postgres {
            let admin = SeaDatabase::connect(admin_url.as_str()).await?;
            admin
                .execute_raw(Statement::from_string(
                    admin.get_database_backend(),
                    format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                ))
                .await?;
            admin.close().await?;
        }
        Ok(())
    }
}

/// `postgres://u:p@host:5432/postgres?x=y` → the same server, database `name`.
fn with_database_name(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let server = match base[after_scheme..].find('/') {
        Some(slash) => &base[..after_scheme + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

/// The run's `halles serve` processes (one, or several on one PostgreSQL as behind a
/// load balancer): started, SIGKILLed and started again on the same port, so clients
/// keep their addresses across deaths.
pub struct Supervisor {
    servers: Vec<Slot>,
    pub kills: AtomicU64,
    /// Milliseconds from each restart to the server's first healthy answer.
    pub restart_ms: Mutex<Vec<u64>>,
}

/// One process's place: how it is started, and the process running there now.
struct Slot {
    serve: Serve,
    mail: PathBuf,
    current: tokio::sync::Mutex<Option<ServerProcess>>,
}

impl Supervisor {
    /// How the run's servers are started: the fake Stripe as their provider (a short
    /// client timeout so that "timed out" happens), jobs every second in every process,
    /// the reconcile after 3 s (the fake answers within 1.5 s), no rate limits (the
    /// shoppers share an address). Each process has its own log and its own mail folder,
    /// so that a message sent by two processes shows as two files.
    pub fn new(database: &Database, fake: &FakeStripe, count: usize) -> anyhow::Result<Self> {
        let out = out_dir();
        let mut servers = Vec::with_capacity(count);
        for number in 1..=count {
            let (log, mail) = if count == 1 {
                (out.join("server.log"), out.join("mail"))
            } else {
                (
                    out.join(format!("server-{number}.log")),
                    out.join("mail").join(format!("server-{number}")),
                )
            };
            let serve = Serve::new(&database.url, free_port()?)
                .arg("--jobs-interval-secs")
                .arg("1")
                .arg("--api-rate-per-minute")
                .arg("0")
                // Warnings, and each job that did something (the audit counts them).
                .env("RUST_LOG", "warn,server::jobs=info,server::startup=info")
                .env("NO_COLOR", "1")
                .env("HALLES_PAYMENT_PROVIDER", "stripe")
                .env("HALLES_STRIPE_API_BASE", &fake.base_url)
                .env("HALLES_STRIPE_SECRET_KEY", fake_stripe::SECRET_KEY)
                .env("HALLES_STRIPE_WEBHOOK_SECRET", fake_stripe::WEBHOOK_SECRET)
                .env(
                    "HALLES_STRIPE_TIMEOUT_MS",
                    fake_stripe::CLIENT_TIMEOUT.as_millis().to_string(),
                )
                .env("HALLES_RECONCILE_AFTER_SECS", "3")
                .env("HALLES_MAIL_DIR", &mail)
                .env("HALLES_MEDIA_DIR", out.join("media"));
            servers.push(Slot {
                serve: Serve {
                    log_file: Some(log),
                    ..serve
                },
                mail,
                current: tokio::sync::Mutex::new(None),
            });
        }
        Ok(Self {
            servers,
            kills: AtomicU64::new(0),
            restart_ms: Mutex::new(Vec::new()),
        })
    }

    /// How many processes serve.
    pub fn count(&self) -> usize {
        self.servers.len()
    }

    pub fn base_urls(&self) -> Vec<String> {
        self.servers
            .iter()
            .map(|slot| slot.serve.base_url())
            .collect()
    }

    /// Each process's log, in order.
    pub fn log_files(&self) -> Vec<PathBuf> {
        self.servers
            .iter()
            .filter_map(|slot| slot.serve.log_file.clone())
            .collect()
    }

    /// Each process's mail folder, in order.
    pub fn mail_dirs(&self) -> Vec<PathBuf> {
        self.servers.iter().map(|slot| slot.mail.clone()).collect()
    }

    /// The provider's webhooks may go to any process.
    pub fn webhook_urls(&self) -> Vec<String> {
        self.base_urls()
            .into_iter()
            .map(|base| format!("{base}/api/v1/webhooks/stripe"))
            .collect()
    }

    /// Starts every process at once, as a deployment would.
    pub async fn start(&self) -> anyhow::Result<()> {
        let started = futures::future::try_join_all(
            self.servers.iter().map(|slot| start_retrying(&slot.serve)),
        )
        .await?;
        for (slot, server) in self.servers.iter().zip(started) {
            *slot.current.lock().await = Some(server);
        }
        Ok(())
    }

    /// SIGKILLs process `index`, then starts it again; answers how long the new process
    /// took to be healthy.
    pub async fn kill_and_restart(&self, index: usize) -> anyhow::Result<u64> {
        let slot = &self.servers[index % self.servers.len()];
        let mut current = slot.current.lock().await;
        if let Some(server) = current.take() {
            server.kill();
            self.kills.fetch_add(1, Ordering::Relaxed);
        }
        let started = start_retrying(&slot.serve).await?;
        let ready_ms = started.ready_ms;
        *current = Some(started);
        if let Ok(mut restarts) = self.restart_ms.lock() {
            restarts.push(ready_ms);
        }
        Ok(ready_ms)
    }

    /// Whether a server died on its own (a panic, a crash): that is a finding too.
    pub async fn died_unasked(&self) -> bool {
        for slot in &self.servers {
            let mut current = slot.current.lock().await;
            if current.as_mut().is_some_and(|server| !server.is_running()) {
                return true;
            }
        }
        false
    }

    pub async fn stop(&self) {
        for slot in &self.servers {
            if let Some(server) = slot.current.lock().await.take() {
                server.stop();
            }
        }
    }
}

/// Starts the server, trying again for a while: while PostgreSQL restarts, the first
/// tries cannot migrate and exit.
async fn start_retrying(serve: &Serve) -> anyhow::Result<ServerProcess> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        match ServerProcess::start(serve).await {
            Ok(server) => return Ok(server),
            Err(err) if Instant::now() < deadline => {
                eprintln!("   (server did not start: {err:#}; trying again)");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(err) => return Err(err),
        }
    }
}

/// What one `halles check` found.
#[derive(Debug, Clone, Default)]
pub struct CheckRun {
    /// Violations summed over the failed checks.
    pub violations: u64,
    /// `name (n)` of each failed check.
    pub failed: Vec<String>,
    /// How many checks ran.
    pub checks: u32,
}

/// Runs `halles check` and reads its verdict. A run that could not check at all (the
/// database restarting) is tried again; only a verdict counts.
pub async fn halles_check(database_url: &str) -> anyhow::Result<CheckRun> {
    let url = database_url.to_owned();
    let mut last_error = String::new();
    for _ in 0..30 {
        let url = url.clone();
        let output = tokio::task::spawn_blocking(move || {
            halles(&url)
                .arg("check")
                .env("RUST_LOG", "error")
                .stdin(Stdio::null())
                .output()
        })
        .await??;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let run = parse_check(&stdout);
        if run.checks > 0 {
            anyhow::ensure!(
                output.status.success() == (run.violations == 0),
                "halles check's exit status ({}) disagrees with what it printed:\n{stdout}",
                output.status
            );
            return Ok(run);
        }
        last_error = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    anyhow::bail!("halles check could not run: {last_error}")
}

/// Reads lines like `FAIL  orders_whole   every order … (2 violation(s))`.
fn parse_check(stdout: &str) -> CheckRun {
    let mut run = CheckRun::default();
    for line in stdout.lines() {
        let failed = line.starts_with("FAIL");
        if !(failed || line.starts_with("ok")) {
            continue;
        }
        run.checks += 1;
        if failed {
            let count = line
                .rsplit_once(" (")
                .and_then(|(_, rest)| rest.split_whitespace().next())
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(1);
            let name = line.split_whitespace().nth(1).unwrap_or("?");
            run.violations += count;
            run.failed.push(format!("{name} ({count})"));
        }
    }
    run
}

impl Database {
    /// Restarts the local PostgreSQL cluster (`pg_ctlcluster <version> main restart`);
    /// `Err` with the reason when this machine does not let us, or when other databases
    /// of the cluster are in use (another test suite's): a restart would fail them.
    pub async fn restart_postgres(&self) -> anyhow::Result<Duration> {
        let (admin_url, ours) = self.postgres.as_ref().context("not on PostgreSQL")?;
        let admin = SeaDatabase::connect(admin_url.as_str()).await?;
        let others = admin
            .query_one_raw(Statement::from_string(
                admin.get_database_backend(),
                format!(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE datname IS NOT NULL \
                     AND datname NOT IN ('{ours}', 'postgres') AND pid <> pg_backend_pid()"
                ),
            ))
            .await?
            .map(|row| row.try_get_by_index::<i64>(0))
            .transpose()?
            .unwrap_or(0);
        admin.close().await?;
        anyhow::ensure!(
            others == 0,
            "other databases of the cluster are in use ({others} connection(s)): not restarting it under them"
        );
        restart_postgres_cluster().await
    }
}

async fn restart_postgres_cluster() -> anyhow::Result<Duration> {
    let version = std::fs::read_dir("/usr/lib/postgresql")
        .context("no local PostgreSQL under /usr/lib/postgresql")?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.parse::<u32>().ok())
        .max()
        .context("no PostgreSQL version installed")?;
    let started = Instant::now();
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new("pg_ctlcluster")
            .args([&version.to_string(), "main", "restart"])
            .stdin(Stdio::null())
            .output()
    })
    .await??;
    anyhow::ensure!(
        output.status.success(),
        "pg_ctlcluster {version} main restart: {}",
        String::from_utf8_lossy(&output.stderr).trim()
    );
    Ok(started.elapsed())
}
