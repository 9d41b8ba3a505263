//! The analytics sink on a real database (SQLite, or PostgreSQL when
//! `HALLES_TEST_POSTGRES_URL` is set): batches written on flush, a full buffer dropping
//! and counting rather than waiting.

use std::time::Duration;

use sea_orm::{ConnectionTrait, Statement};
use services::analytics::sink::SinkConfig;
use services::analytics::{Event, EventSink, Visitor};
use services::buying::checkout::Channel;
use services::test_support::fresh_db;
use services::{Db, StoreError};

async fn events_written(db: &Db) -> Result<i64, StoreError> {
    let row = db
        .conn()
        .query_one_raw(Statement::from_string(
            db.backend(),
            "SELECT CAST(COUNT(*) AS BIGINT) FROM events",
        ))
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

/// A sink that writes only when asked (or when 100 events wait).
fn on_demand(db: &Db, capacity: usize) -> EventSink {
    EventSink::start_with(
        db.clone(),
        SinkConfig {
            capacity,
            batch_size: 100,
            flush_every: Duration::from_secs(3600),
        },
    )
}

fn view(visitor: &str) -> Event {
    Event::view(
        Channel::Web,
        Visitor::anonymous(visitor),
        &services::new_id(),
    )
}

#[tokio::test]
async fn recorded_events_are_written_when_the_sink_is_flushed() -> Result<(), StoreError> {
    let db = fresh_db().await?;
    let sink = on_demand(&db, 1_000);
    for visitor in ["a", "b", "c"] {
        sink.record(view(visitor));
    }
    sink.flush().await;
    assert_eq!(events_written(&db).await?, 3);
    assert_eq!(sink.dropped(), 0);
    Ok(())
}

#[tokio::test]
async fn a_full_buffer_drops_and_counts_instead_of_making_the_request_wait()
-> Result<(), StoreError> {
    let db = fresh_db().await?;
    // The test's runtime has one thread: the writer cannot run between these records, so
    // the buffer of 2 fills and the other 3 are dropped.
    let sink = on_demand(&db, 2);
    for visitor in ["a", "b", "c", "d", "e"] {
        sink.record(view(visitor));
    }
    assert_eq!(sink.dropped(), 3);
    sink.flush().await;
    assert_eq!(events_written(&db).await?, 2);
    Ok(())
}

#[tokio::test]
async fn closing_writes_what_waits_and_later_events_are_dropped() -> Result<(), StoreError> {
    let db = fresh_db().await?;
    let sink = on_demand(&db, 1_000);
    sink.record(view("a"));
    sink.close().await;
    assert_eq!(events_written(&db).await?, 1);
    sink.record(view("b"));
    sink.flush().await;
    assert_eq!((events_written(&db).await?, sink.dropped()), (1, 1));
    Ok(())
}

#[tokio::test]
async fn events_past_the_retention_are_pruned_and_recent_ones_kept() -> Result<(), StoreError> {
    use services::analytics::retention::{KEEP_DAYS, prune};
    use services::catalog::sql::SqlBuilder;

    let db = fresh_db().await?;
    let sink = on_demand(&db, 1_000);
    for visitor in ["old", "older", "recent"] {
        sink.record(view(visitor));
    }
    sink.flush().await;
    let mut backdate = SqlBuilder::new(db.backend());
    backdate
        .push("UPDATE events SET occurred_at = ")
        .bind(services::now() - chrono::Duration::days(KEEP_DAYS + 1))
        .push(" WHERE visitor_key IN ")
        .bind_list(
            ["old", "older"]
                .into_iter()
                .map(|v| Visitor::anonymous(v).as_str().to_owned()),
        );
    db.writer().execute_raw(backdate.build()).await?;

    assert_eq!(prune(&db).await?, 2);
    assert_eq!(events_written(&db).await?, 1, "the recent one stays");
    assert_eq!(prune(&db).await?, 0, "a second run finds nothing");
    Ok(())
}
