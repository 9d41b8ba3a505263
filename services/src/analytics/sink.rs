//! The event sink: requests hand their events to an in-process buffer and go on; one
//! background task writes them in batches, each one multi-row `INSERT`.
//!
//! Why not write in the request: the product page serves thousands of requests a second
//! on SQLite, where every write queues for the one writer connection that checkouts also
//! wait for. One insert of hundreds of rows a second costs that queue almost nothing;
//! hundreds of single-row inserts would cost it a lot.
//!
//! Analytics may be lossy, money never is: when the buffer is full (the writer fell
//! behind), an event is dropped and counted rather than making a shopper wait, and a batch
//! the database refuses is dropped and counted too. Nothing here touches orders or
//! payments; `paid` events are written with the payment instead (see [`super::paid`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sea_orm::Value;
use tokio::sync::{mpsc, oneshot};

use super::event::Event;
use crate::db::InsertRows;
use crate::{Db, new_id};

/// How the sink buffers and writes.
#[derive(Debug, Clone, Copy)]
pub struct SinkConfig {
    /// Events waiting to be written, at most; beyond it new ones are dropped.
    pub capacity: usize,
    /// Write as soon as this many events wait.
    pub batch_size: usize,
    /// Write whatever waits at least this often.
    pub flush_every: Duration,
}

impl Default for SinkConfig {
    fn default() -> Self {
        SinkConfig {
            capacity: 16_384,
            batch_size: 500,
            flush_every: Duration::from_secs(1),
        }
    }
}

/// Rows per `INSERT`, each its own transaction. On SQLite a statement holds the one write
/// lock that adds to cart and checkouts wait for, and its cost grows with the events
/// table: each row lands on a leaf of its own in the product and shop indexes. With
/// 40,000 events stored, 500 rows held the lock for ~10 ms (the tail of every add
/// waiting behind it); 100 rows hold it for ~2 ms, and writers queued meanwhile go in
/// between two statements.
const ROWS_PER_INSERT: usize = 100;

enum Command {
    Record(Event),
    /// Write everything received so far, then answer.
    Flush(oneshot::Sender<()>),
    /// Write everything received so far, answer, and stop.
    Close(oneshot::Sender<()>),
}

/// The handle requests record through; cheap to clone.
#[derive(Clone, Debug)]
pub struct EventSink {
    commands: mpsc::Sender<Command>,
    dropped: Arc<AtomicU64>,
}

impl EventSink {
    /// Starts the writer task on the current Tokio runtime.
    pub fn start(db: Db) -> Self {
        Self::start_with(db, SinkConfig::default())
    }

    /// [`EventSink::start`] with another buffer size, batch size or period.
    pub fn start_with(db: Db, config: SinkConfig) -> Self {
        let (commands, receiver) = mpsc::channel(config.capacity.max(1));
        let dropped = Arc::new(AtomicU64::new(0));
        tokio::spawn(write_batches(db, receiver, config, Arc::clone(&dropped)));
        EventSink { commands, dropped }
    }

    /// Hands an event to the writer without waiting; drops it (and counts it) when the
    /// buffer is full or the writer has stopped.
    pub fn record(&self, event: Event) {
        // Ids come from requests: one that cannot be stored would make PostgreSQL refuse
        // the whole batch, losing everyone else's events with it.
        if !event.fits_columns() || self.commands.try_send(Command::Record(event)).is_err() {
            count_dropped(&self.dropped, 1);
        }
    }

    /// Returns once every event recorded before the call is written (or dropped), so a
    /// process reads its own events: tests, and the figures before they are read.
    pub async fn flush(&self) {
        let (done, written) = oneshot::channel();
        if self.commands.send(Command::Flush(done)).await.is_ok() {
            // An error means the writer stopped: nothing more will be written.
            let _ = written.await;
        }
    }

    /// Writes what is buffered and stops the writer (graceful shutdown). Events recorded
    /// afterwards are dropped.
    pub async fn close(&self) {
        let (done, written) = oneshot::channel();
        if self.commands.send(Command::Close(done)).await.is_ok() {
            let _ = written.await;
        }
    }

    /// Events lost so far: buffer full, writer stopped, or a batch refused.
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }
}

fn count_dropped(dropped: &AtomicU64, events: u64) {
    let before = dropped.fetch_add(events, Ordering::Relaxed);
    // Once at the first loss, then about every 10,000: enough to notice, never a flood.
    if before / 10_000 != (before + events) / 10_000 || before == 0 {
        tracing::warn!(
            analytics.dropped_total = before + events,
            "analytics events dropped: the writer is behind or the database refused a batch"
        );
    }
}

async fn write_batches(
    db: Db,
    mut commands: mpsc::Receiver<Command>,
    config: SinkConfig,
    dropped: Arc<AtomicU64>,
) {
    let mut buffer: Vec<Event> = Vec::with_capacity(config.batch_size);
    let mut ticker = tokio::time::interval(config.flush_every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            command = commands.recv() => match command {
                Some(Command::Record(event)) => {
                    buffer.push(event);
                    if buffer.len() >= config.batch_size {
                        write(&db, &mut buffer, &dropped).await;
                    }
                }
                Some(Command::Flush(done)) => {
                    write(&db, &mut buffer, &dropped).await;
                    let _ = done.send(());
                }
                Some(Command::Close(done)) => {
                    write(&db, &mut buffer, &dropped).await;
                    let _ = done.send(());
                    return;
                }
                // Every handle is gone: write the rest and stop.
                None => {
                    write(&db, &mut buffer, &dropped).await;
                    return;
                }
            },
            _ = ticker.tick() => write(&db, &mut buffer, &dropped).await,
        }
    }
}

/// Writes and empties the buffer, a few hundred rows per statement.
async fn write(db: &Db, buffer: &mut Vec<Event>, dropped: &AtomicU64) {
    for chunk in buffer.chunks(ROWS_PER_INSERT) {
        if let Err(err) = insert(db, chunk).await {
            tracing::error!(error = %err, analytics.events = chunk.len(), "writing analytics events");
            count_dropped(dropped, chunk.len() as u64);
        }
    }
    buffer.clear();
}

async fn insert(db: &Db, events: &[Event]) -> Result<u64, sea_orm::DbErr> {
    // An add to cart names only its offer: the product and shop are looked up here, in
    // the background, rather than in the shopper's request.
    let mut rows = InsertRows::new(
        "INSERT INTO events (id, kind, channel, visitor_key, product_id, offer_id, shop_id, \
         occurred_at) VALUES ",
        "(?, ?, ?, ?, COALESCE(?, (SELECT product_id FROM offers WHERE id = ?)), ?, \
         COALESCE(?, (SELECT shop_id FROM offers WHERE id = ?)), ?)",
    );
    for event in events {
        rows.push([
            Value::from(new_id()),
            event.kind.as_str().into(),
            event.channel.as_str().into(),
            event.visitor.as_str().to_owned().into(),
            event.product_id.clone().into(),
            event.offer_id.clone().into(),
            event.offer_id.clone().into(),
            event.shop_id.clone().into(),
            event.offer_id.clone().into(),
            event.occurred_at.into(),
        ]);
    }
    rows.execute(db.writer(), "").await
}
