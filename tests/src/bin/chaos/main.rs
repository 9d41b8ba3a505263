//! `cargo run --release -p tests --bin chaos -- [--quick] [--database-url URL]`
//!
//! The fault suite (docs/chaos.md): the real `halles serve` on SQLite (or PostgreSQL)
//! under concurrent checkouts, pickups, refunds and cashback spends, while the server is
//! SIGKILLed at random moments and restarted, the payment provider times out, fails after
//! succeeding and sends its webhooks twice, late and out of order, and PostgreSQL is
//! restarted mid-load. `halles check` runs after every restart and at the end, and the
//! provider's money is compared with ours. Exit 0 only when nothing was violated.

mod audit;
mod browser;
mod client;
mod dice;
mod faults;
mod jobs;
mod market;
mod options;
mod report;
mod secrets;
mod server;
mod workload;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use services::Db;
use tests::fake_stripe::FakeStripe;

use crate::client::Api;
use crate::dice::Dice;
use crate::faults::FaultLog;
use crate::report::Report;
use crate::server::{Database, Supervisor, halles_check};
use crate::workload::{Shared, Tally};

/// How long a client keeps retrying one request: past a restart of the server, and of
/// PostgreSQL.
const PATIENCE: Duration = Duration::from_secs(60);

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(0) => std::process::ExitCode::SUCCESS,
        Ok(_) => std::process::ExitCode::FAILURE,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::from(2)
        }
    }
}

/// Runs the suite; answers the violations found.
async fn run() -> anyhow::Result<u64> {
    let options = options::parse()?;
    let started = Instant::now();
    let out = server::out_dir();
    std::fs::create_dir_all(&out)?;
    // The last run's logs and mail would confuse this run's audit.
    for entry in std::fs::read_dir(&out)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("server") && name.ends_with(".log") {
            std::fs::remove_file(entry.path())?;
        }
    }
    let _ = std::fs::remove_dir_all(out.join("mail"));
    let engine = if options.postgres_url.is_some() {
        "postgres"
    } else {
        "sqlite"
    };
    let servers = match options.servers {
        1 => "one server".to_owned(),
        n => format!("{n} servers"),
    };
    eprintln!(
        "== chaos on {engine}, {servers}: {} kills, {} shoppers, seed {}",
        options.kills, options.shoppers, options.seed
    );
    let database = Database::create(options.postgres_url.as_deref()).await?;
    market::prepare_database(&database.url).await?;
    market::create_operator(&database.url)?;
    let fake = FakeStripe::start().await;
    let supervisor = Supervisor::new(&database, &fake, options.servers)?;
    supervisor.start().await.context("starting the servers")?;
    let api = Api::new(&supervisor.base_urls(), PATIENCE);
    let market = market::open(&api, options.shoppers)
        .await
        .context("opening the market")?;
    eprintln!(
        "   {} shops, {} offers, {} shoppers ready in {:.1} s; faults begin",
        market.shops.len(),
        market
            .shops
            .iter()
            .map(|shop| shop.offer_ids.len())
            .sum::<usize>(),
        market.shoppers.len(),
        started.elapsed().as_secs_f64()
    );
    let browser = browser::Browser::new(&supervisor.base_urls())?;
    browser
        .log_in("shopper-0@chaos.test", market::PASSWORD)
        .await
        .context("logging in through the storefront")?;
    let mut web_sessions_refused = browser.refusals().await;
    let shared = Arc::new(Shared {
        api: api.clone(),
        market,
        tally: Tally::default(),
        stop: AtomicBool::new(false),
        codes: Default::default(),
        db: Db::connect(&database.url).await?,
    });
    let workers = workload::start(&shared, options.seed);
    let provider_calm = Arc::new(AtomicBool::new(false));
    let (switches, stale) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let provider = tokio::spawn(faults::misbehave(
        fake.clone(),
        supervisor.webhook_urls(),
        provider_calm.clone(),
        Dice::new(options.seed ^ 7),
        switches.clone(),
        stale.clone(),
    ));
    let log = tokio::sync::Mutex::new(FaultLog::default());
    let postgres_at = if database.is_postgres() {
        options.postgres_restarts_at.clone()
    } else {
        Vec::new()
    };
    let killed = faults::kill_repeatedly(
        &supervisor,
        &database,
        options.kills,
        options.uptime,
        &postgres_at,
        Dice::new(options.seed ^ 13),
        &log,
    )
    .await;
    // The end: no more faults; the clients finish what they started (retrying through
    // the last restart), then the provider's late news and the reconcile settle the rest.
    eprintln!("   faults over; letting clients finish and payments settle");
    provider_calm.store(true, Ordering::Relaxed);
    shared.stop.store(true, Ordering::Relaxed);
    let _ = provider.await;
    for worker in workers {
        let _ = tokio::time::timeout(PATIENCE * 2, worker).await;
    }
    killed?;
    let (processing, unsent, refunds_asked) = settle(&shared.db, Duration::from_secs(90)).await?;
    if processing > 0 {
        eprintln!("   {processing} payment(s) still processing after the settle time");
    }
    if unsent > 0 {
        eprintln!("   {unsent} e-mail(s) still not sent after the settle time");
    }
    if refunds_asked > 0 {
        eprintln!(
            "   {refunds_asked} refund(s) still asked of the provider or cancellation(s) unrefunded after the settle time"
        );
    }
    if supervisor.died_unasked().await {
        log.lock().await.unasked_deaths += 1;
    }
    // The same browser session, after every kill and restart.
    web_sessions_refused += browser.refusals().await;
    let final_check = halles_check(&database.url).await?;
    let audit = audit::provider_against_database(&fake, &shared.db).await?;
    let jobs = jobs::audit(&shared.db, &supervisor.log_files(), &supervisor.mail_dirs()).await?;
    let database_counts = counts(&shared.db).await?;
    let secrets = secrets::audit(&shared.db, &supervisor.log_files(), &secrets_of(&shared)).await?;
    supervisor.stop().await;
    let log = log.into_inner();
    let restart_ms = supervisor
        .restart_ms
        .lock()
        .map(|restarts| restarts.clone())
        .unwrap_or_default();
    let report = Report {
        engine,
        servers: options.servers,
        quick: options.quick,
        seed: options.seed,
        duration_s: started.elapsed().as_secs_f64(),
        kills: supervisor.kills.load(Ordering::Relaxed),
        restart_ms,
        postgres_restarts: log.postgres_restarts,
        postgres_note: log.postgres_note.clone(),
        unasked_deaths: log.unasked_deaths,
        checks: log.checks,
        final_check,
        audit,
        jobs,
        web_sessions_refused,
        secrets,
        database: database_counts,
        clients: clients(&shared.tally),
        wire: wire(&shared.api),
        faults: json!({
            "provider_behaviour_changes": switches.load(Ordering::Relaxed),
            "stale_failure_events": stale.load(Ordering::Relaxed),
            "webhook_deliveries": fake.deliveries().len(),
            "charges_attempted": fake.create_calls().len(),
            "refunds_attempted": fake.refund_calls().len(),
        }),
    };
    report.print();
    let path = report.write()?;
    eprintln!("results written to {}", path.display());
    let violations = report.violations();
    if violations == 0 {
        database.drop_postgres().await?;
    } else if database.is_postgres() {
        eprintln!(
            "the run's database is kept for a look: {}",
            ::server::config::redact_url(&database.url)
        );
    }
    Ok(violations)
}

/// What must never be stored or logged: the accounts' password, every API token, the
/// provider's keys.
fn secrets_of(shared: &Shared) -> Vec<(String, String)> {
    let mut secrets = vec![
        (
            "the accounts' password".to_owned(),
            market::PASSWORD.to_owned(),
        ),
        (
            "the Stripe secret key".to_owned(),
            tests::fake_stripe::SECRET_KEY.to_owned(),
        ),
        (
            "the Stripe webhook secret".to_owned(),
            tests::fake_stripe::WEBHOOK_SECRET.to_owned(),
        ),
    ];
    for (n, shop) in shared.market.shops.iter().enumerate() {
        secrets.push((format!("seller {n}'s API token"), shop.token.clone()));
    }
    for (n, shopper) in shared.market.shoppers.iter().enumerate() {
        secrets.push((format!("shopper {n}'s API token"), shopper.token.clone()));
    }
    secrets
}

/// Waits until no payment is `processing` (the webhooks' retries and the reconcile
/// decide them), every e-mail is sent (a message claimed by a killed process is claimed
/// again once its claim runs out) and no refund is still asked of the provider (a job
/// finishes those whose answer was lost, after 30 s), or `within` has passed; answers
/// how many payments, e-mails and refunds still wait.
async fn settle(db: &Db, within: Duration) -> anyhow::Result<(i64, i64, i64)> {
    let deadline = Instant::now() + within;
    loop {
        let processing = count(
            db,
            "SELECT COUNT(*) FROM payments WHERE status = 'processing'",
        )
        .await?;
        let unsent = count(
            db,
            "SELECT COUNT(*) FROM notifications WHERE status IN ('pending', 'retry', 'sending')",
        )
        .await?;
        let asked = count(
            db,
            "SELECT COUNT(*) FROM refund_requests WHERE status = 'asked'",
        )
        .await?;
        // A cancellation cut by the last kill, whose seller walked away: the job finishes
        // it once it is 30 s old (`orders::finish_interrupted_cancellations`). Auditing
        // before then would count the provider's refund as missing from our books.
        let cancellations = count(
            db,
            &format!(
                "SELECT COUNT(*) {}",
                services::buying::orders::INTERRUPTED_CANCELLATIONS
            ),
        )
        .await?;
        let asked = asked + cancellations;
        if (processing == 0 && unsent == 0 && asked == 0) || Instant::now() > deadline {
            // A last round of jobs (cashback, expiries) after the last settlement.
            tokio::time::sleep(Duration::from_secs(2)).await;
            return Ok((processing, unsent, asked));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

async fn count(db: &Db, sql: &str) -> anyhow::Result<i64> {
    let row = db
        .conn()
        .query_one_raw(Statement::from_string(db.backend(), sql.to_owned()))
        .await?
        .context("no row")?;
    Ok(row.try_get_by_index::<Option<i64>>(0)?.unwrap_or(0))
}

/// What the database holds at the end.
async fn counts(db: &Db) -> anyhow::Result<Value> {
    let mut figures = serde_json::Map::new();
    for (name, sql) in [
        ("orders", "SELECT COUNT(*) FROM orders"),
        (
            "orders_paid_or_later",
            "SELECT COUNT(*) FROM orders WHERE paid_at IS NOT NULL",
        ),
        (
            "orders_completed",
            "SELECT COUNT(*) FROM orders WHERE status = 'completed'",
        ),
        (
            "orders_payment_failed",
            "SELECT COUNT(*) FROM orders WHERE status = 'payment_failed'",
        ),
        (
            "orders_pending_payment",
            "SELECT COUNT(*) FROM orders WHERE status = 'pending_payment'",
        ),
        (
            "orders_expired",
            "SELECT COUNT(*) FROM orders WHERE status = 'expired'",
        ),
        (
            "pickups_collected",
            "SELECT COUNT(*) FROM seller_orders WHERE status = 'collected'",
        ),
        ("refunds", "SELECT COUNT(*) FROM refunds"),
        (
            "refund_requests_asked",
            "SELECT COUNT(*) FROM refund_requests WHERE status = 'asked'",
        ),
        (
            "refund_requests_superseded",
            "SELECT COUNT(*) FROM refund_requests WHERE status = 'superseded'",
        ),
        (
            "cashback_spent_cents",
            "SELECT CAST(COALESCE(SUM(cashback_used_cents), 0) AS BIGINT) FROM orders WHERE paid_at IS NOT NULL",
        ),
        (
            "cashback_available_cents",
            "SELECT CAST(COALESCE(SUM(available_cents), 0) AS BIGINT) FROM wallets",
        ),
        ("ledger_lines", "SELECT COUNT(*) FROM ledger_entries"),
    ] {
        figures.insert(name.to_owned(), json!(count(db, sql).await?));
    }
    Ok(Value::Object(figures))
}

fn clients(tally: &Tally) -> Value {
    let n = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
    json!({
        "checkouts": n(&tally.checkouts),
        "orders_answered": n(&tally.orders),
        "paid_at_once": n(&tally.paid_at_once),
        "awaiting_provider": n(&tally.awaiting_provider),
        "declined": n(&tally.declined),
        "out_of_stock": n(&tally.out_of_stock),
        "placed_answer_lost": n(&tally.placed_answer_lost),
        "other_refusals": n(&tally.other_refusals),
        "gave_up": n(&tally.lost),
        "cashback_spends": n(&tally.cashback_spends),
        "cashback_refused": n(&tally.cashback_refused),
        "cashback_spent_cents": n(&tally.cashback_spent_cents),
        "seller_steps": n(&tally.accepted),
        "collected": n(&tally.collected),
        "delivered": n(&tally.delivered),
        "refunds": n(&tally.refunds),
        "cancels": n(&tally.cancels),
        "restocks": n(&tally.restocks),
        "refunds_retried_after_lost_answer": n(&tally.money_back_retried),
        "refunds_left_to_the_job": n(&tally.refunds_left_to_the_job),
        "key_answered_twice": n(&tally.key_answered_twice),
    })
}

fn wire(api: &Api) -> Value {
    let wire = &api.wire;
    let n = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
    json!({
        "requests": n(&wire.requests),
        "connection_errors": n(&wire.connection_errors),
        "server_errors": n(&wire.server_errors),
        "in_progress_answers": n(&wire.in_progress),
        "replays": n(&wire.replays),
        "gave_up": n(&wire.gave_up),
        "unauthorized": n(&wire.unauthorized),
    })
}
