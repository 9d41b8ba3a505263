//! The background job loop of a server process. Jobs are decided by database rows and
//! idempotent, so every process may run this loop.

use std::time::Duration;

use std::sync::Arc;

use services::Db;
use services::buying::notifications::Mailer;
use services::buying::payments::Gateway;

/// Runs every due job, then sleeps `interval`, forever. `payments` refunds what the jobs
/// cancel.
pub async fn run_forever(db: Db, mailer: Arc<dyn Mailer>, payments: Gateway, interval: Duration) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        match services::jobs::run_due_once(&db, mailer.as_ref(), payments.provider()).await {
            Ok(reports) => {
                for report in reports.iter().filter(|report| report.affected > 0) {
                    tracing::info!(
                        job.name = report.name,
                        job.affected = report.affected,
                        "job ran"
                    );
                }
            }
            Err(err) => {
                tracing::error!(error = %err, "background jobs failed; retrying at the next tick")
            }
        }
    }
}
