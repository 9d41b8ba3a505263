//! The faults: the server SIGKILLed at random moments and restarted (with `halles check`
//! after every restart), the payment provider misbehaving in every way the fake knows,
//! and PostgreSQL restarted under the load.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tests::fake_stripe::{Delivery, EventKind, FakeStripe, Mode};

use crate::dice::Dice;
use crate::server::{CheckRun, Database, Supervisor, halles_check};

/// What the faults did, and what the checks between them found.
#[derive(Debug, Default)]
pub struct FaultLog {
    pub checks: Vec<CheckRun>,
    pub postgres_restarts: u32,
    /// Why PostgreSQL could not be restarted, when it could not.
    pub postgres_note: Option<String>,
    /// The server exited without being killed (a panic, a crash).
    pub unasked_deaths: u32,
}

/// Kills a server `kills` times (one of them at random, when there are several), at
/// random moments `uptime` apart, and checks the data after each restart; restarts
/// PostgreSQL at `postgres_at` (kill numbers) when asked.
pub async fn kill_repeatedly(
    supervisor: &Supervisor,
    database: &Database,
    kills: u64,
    uptime: (Duration, Duration),
    postgres_at: &[u64],
    mut dice: Dice,
    log: &tokio::sync::Mutex<FaultLog>,
) -> anyhow::Result<()> {
    let started = Instant::now();
    for kill in 1..=kills {
        tokio::time::sleep(dice.between(uptime.0, uptime.1)).await;
        if supervisor.died_unasked().await {
            eprintln!("   !! the server exited on its own (see target/chaos/server.log)");
            log.lock().await.unasked_deaths += 1;
        }
        if postgres_at.contains(&kill) {
            restart_postgres_once(database, log).await;
        }
        let victim = dice.below(supervisor.count());
        let ready_ms = supervisor.kill_and_restart(victim).await?;
        let check = halles_check(&database.url).await?;
        if check.violations > 0 {
            eprintln!(
                "   !! after kill {kill}: {} violation(s): {}",
                check.violations,
                check.failed.join(", ")
            );
        }
        if kill.is_multiple_of(10) || kill == kills || check.violations > 0 {
            let which = if supervisor.count() > 1 {
                format!("server {} ", victim + 1)
            } else {
                String::new()
            };
            eprintln!(
                "   kill {kill}/{kills} at {:.0} s: {which}back in {ready_ms} ms, halles check: {} violation(s)",
                started.elapsed().as_secs_f64(),
                check.violations
            );
        }
        log.lock().await.checks.push(check);
    }
    Ok(())
}

async fn restart_postgres_once(database: &Database, log: &tokio::sync::Mutex<FaultLog>) {
    if log.lock().await.postgres_note.is_some() {
        return;
    }
    match database.restart_postgres().await {
        Ok(took) => {
            eprintln!(
                "   PostgreSQL restarted under load in {} ms",
                took.as_millis()
            );
            log.lock().await.postgres_restarts += 1;
        }
        Err(err) => {
            let note = format!("PostgreSQL not restarted: {err:#}");
            eprintln!("   note: {note}");
            log.lock().await.postgres_note = Some(note);
        }
    }
}

/// Every few hundred milliseconds the provider changes how it behaves: charges succeed,
/// are declined, time out (the charge is made, the answer comes too late) or fail after
/// succeeding (made, answered 500); webhooks come at once, late, twice, or scrambled
/// (each twice, at random delays, so that events overtake one another); refunds
/// sometimes time out, and now and then, for a few seconds, no refund answer gets
/// through at all. Now and then a stale "payment failed" is sent for a charge that
/// succeeded, after its success: events out of order. With several servers, each change
/// points the webhooks at one of them, at random.
pub async fn misbehave(
    fake: FakeStripe,
    webhook_urls: Vec<String>,
    stop: Arc<AtomicBool>,
    mut dice: Dice,
    switches: Arc<AtomicU64>,
    stale: Arc<AtomicU64>,
) {
    let mut unreachable_until = Instant::now();
    while !stop.load(Ordering::Relaxed) {
        let webhook_url = dice.pick(&webhook_urls).clone();
        let mode = match dice.below(100) {
            0..55 => Mode::Succeed,
            55..72 => Mode::TimeOut,
            72..90 => Mode::FailAfterSuccess,
            _ => Mode::Decline,
        };
        fake.set_mode(mode);
        let delivery = match dice.below(4) {
            0 => Delivery::Now,
            1 => Delivery::Twice,
            2 => Delivery::Late(dice.between(Duration::from_millis(200), Duration::from_secs(3))),
            _ => Delivery::Scrambled(Duration::from_secs(3)),
        };
        fake.send_webhooks_to(webhook_url.clone(), delivery);
        fake.set_refunds_time_out(dice.percent(20));
        // Now and then, for a few seconds, no refund answer gets through however often
        // the server asks: the seller is told to retry, and if it does not, the job that
        // finishes lost refunds must record what the provider did.
        if Instant::now() > unreachable_until && dice.percent(10) {
            unreachable_until =
                Instant::now() + dice.between(Duration::from_secs(4), Duration::from_secs(8));
        }
        fake.set_refunds_unreachable(Instant::now() < unreachable_until);
        switches.fetch_add(1, Ordering::Relaxed);
        if dice.percent(30) {
            let succeeded: Vec<String> = fake
                .intents()
                .iter()
                .filter(|intent| intent["status"] == "succeeded")
                .filter_map(|intent| intent["id"].as_str().map(str::to_owned))
                .collect();
            if !succeeded.is_empty() {
                let intent = dice.pick(&succeeded).clone();
                let event = fake.event(&intent, EventKind::PaymentFailed);
                let (fake, url) = (fake.clone(), webhook_url.clone());
                stale.fetch_add(1, Ordering::Relaxed);
                tokio::spawn(async move {
                    fake.deliver_until_taken(&url, &event).await;
                });
            }
        }
        tokio::time::sleep(dice.between(Duration::from_millis(200), Duration::from_millis(800)))
            .await;
    }
    // Calm for the end: every charge succeeds and is told at once.
    fake.set_mode(Mode::Succeed);
    fake.set_refunds_time_out(false);
    fake.set_refunds_unreachable(false);
    fake.send_webhooks_to(webhook_urls[0].clone(), Delivery::Now);
}
