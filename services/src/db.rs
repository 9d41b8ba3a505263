//! The database: one handle for SQLite (embedded default) or PostgreSQL (production),
//! chosen by the URL.
//!
//! SQLite needs care under concurrent writers: a deferred transaction that reads and then
//! writes fails at once with `SQLITE_BUSY` when another writer got there first, and the
//! busy timeout cannot help it. Every write transaction therefore begins `IMMEDIATE`
//! ([`Db::begin_write`]), which takes the write lock up front.
//!
//! Waiting for that lock is SQLite's weak spot: its busy handler *sleeps* (1, 2, 5, 10 … up
//! to 100 ms) and retries, so under load writers queue behind naps, not behind work. On
//! SQLite, writes therefore go through [`Db::writer`], a pool of exactly one connection:
//! writers queue in-process and each starts the moment the previous one commits. Readers
//! keep their own pool and, in WAL mode, never wait for a writer.

pub mod entity;

use std::time::Duration;

use migrations::sea_orm_migration::MigratorTrait;
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// Connections each process keeps to PostgreSQL at most, by default. Several processes
/// on one database need N × this under the server's `max_connections` (100 by default).
const POSTGRES_POOL_SIZE: u32 = 16;

/// `HALLES_DB_MAX_CONNECTIONS`, or [`POSTGRES_POOL_SIZE`]; a value that is not a number
/// from 1 to 1000 is refused at startup rather than ignored.
fn postgres_pool_size() -> Result<u32, DbErr> {
    match std::env::var("HALLES_DB_MAX_CONNECTIONS") {
        Err(_) => Ok(POSTGRES_POOL_SIZE),
        Ok(value) => value
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|size| (1..=1000).contains(size))
            .ok_or_else(|| {
                DbErr::Custom(format!(
                    "HALLES_DB_MAX_CONNECTIONS must be a number from 1 to 1000, not {value:?}"
                ))
            }),
    }
}

/// The PostgreSQL advisory lock `migrate` holds: any number, the same in every process
/// ("HALLES" in ASCII).
const MIGRATION_LOCK: i64 = 0x48_41_4c_4c_45_53;

/// How long a SQLite writer waits for the write lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// A pooled connection to the Halles database. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    conn: DatabaseConnection,
    /// SQLite: a one-connection pool for writes. PostgreSQL: the same pool as `conn`.
    writer: DatabaseConnection,
    /// Tells pools apart (several live in one test process), e.g. to key caches.
    instance: u64,
    /// Recent answers of catalog reads on this database.
    catalog_answers: std::sync::Arc<crate::catalog::answers::CatalogAnswers>,
}

static NEXT_INSTANCE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Db {
    /// Connects to `url` (`sqlite://path/to/file.db` or `postgres://…`). A SQLite file and
    /// its folder are created when missing.
    pub async fn connect(url: &str) -> Result<Self, DbErr> {
        let options = |max_connections: u32| {
            let mut options = ConnectOptions::new(url.to_owned());
            options
                .sqlx_logging(std::env::var_os("HALLES_SQL_LOG").is_some())
                .connect_timeout(Duration::from_secs(10))
                .acquire_timeout(Duration::from_secs(30))
                .max_connections(max_connections)
                .min_connections(1);
            options
        };
        let (conn, writer) = if is_sqlite_url(url) {
            create_sqlite_parent_dir(url);
            // A SQLite connection is a file handle in this process: it cannot go stale, so
            // the pool's ping before each use (a round trip to the connection's worker
            // thread, under the write lock for the writer) buys nothing.
            let mut writer_options = options(1);
            writer_options
                .test_before_acquire(false)
                .map_sqlx_sqlite_opts(tune_sqlite);
            let mut reader_options = options(8);
            reader_options
                .test_before_acquire(false)
                .map_sqlx_sqlite_opts(tune_sqlite);
            let writer = Database::connect(writer_options).await?;
            let conn = Database::connect(reader_options).await?;
            (conn, writer)
        } else {
            // A server connection can die (a restart, a network cut): ping one that sat
            // idle a while before handing it out, not every one every time.
            let mut pg_options = options(postgres_pool_size()?);
            pg_options.test_before_acquire_if_idle_for(Duration::from_secs(30));
            let conn = Database::connect(pg_options).await?;
            (conn.clone(), conn)
        };
        let instance = NEXT_INSTANCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Self {
            conn,
            writer,
            instance,
            catalog_answers: std::sync::Arc::new(
                crate::catalog::answers::CatalogAnswers::from_env()?,
            ),
        })
    }

    /// SQLite: every [`CHECKPOINT_EVERY`], copies what the WAL holds into the database
    /// file from a reader connection, beside the writer rather than on its commits
    /// (`PASSIVE` never waits for readers or the writer). Returns at once on PostgreSQL.
    pub async fn checkpoint_forever(self) {
        if self.conn.get_database_backend() != DatabaseBackend::Sqlite {
            return;
        }
        let mut ticks = tokio::time::interval(CHECKPOINT_EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(err) = self
                .conn
                .execute_unprepared("PRAGMA wal_checkpoint(PASSIVE)")
                .await
            {
                tracing::warn!(error = %err, "checkpointing the SQLite WAL");
            }
        }
    }

    /// The connection for reads (and for rare writes off any hot path).
    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// The connection for single-statement writes: on SQLite they queue in-process for
    /// the one writer connection (see the module's notes). Never use it while holding a
    /// [`Db::begin_write`] transaction: that transaction *is* the writer.
    pub fn writer(&self) -> &DatabaseConnection {
        &self.writer
    }

    /// The recent answers of catalog reads kept for this database.
    pub fn catalog_answers(&self) -> &crate::catalog::answers::CatalogAnswers {
        &self.catalog_answers
    }

    /// A number unique to this pool within the process.
    pub fn instance(&self) -> u64 {
        self.instance
    }

    /// Which engine this is.
    pub fn backend(&self) -> DatabaseBackend {
        self.conn.get_database_backend()
    }

    /// Begins a transaction that will write: `BEGIN IMMEDIATE` on SQLite, a plain
    /// `BEGIN` (READ COMMITTED, row locks) on PostgreSQL.
    pub async fn begin_write(&self) -> Result<DatabaseTransaction, DbErr> {
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        self.writer.begin_with_options(options).await
    }

    /// Applies every pending migration, all in one transaction that holds the write
    /// lock: several processes started at once on a fresh database (three `halles serve`
    /// behind a balancer, or `halles migrate` beside a starting server) would otherwise
    /// each create the same tables, and all but one fail. The others wait, then find
    /// nothing pending. SQLite's `BEGIN IMMEDIATE` is that lock; PostgreSQL takes an
    /// advisory one, held until the commit.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        let txn = self.begin_write().await?;
        if self.backend() == DatabaseBackend::Postgres {
            txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
                .await?;
        }
        migrations::Migrator::up(&txn, None).await?;
        txn.commit().await
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        self.conn.ping().await.is_ok()
    }

    /// Closes the pool, waiting for connections to be returned.
    pub async fn close(self) -> Result<(), DbErr> {
        if self.backend() == DatabaseBackend::Sqlite {
            self.writer.close().await?;
        }
        self.conn.close().await
    }
}

/// Whether a database URL points at SQLite.
pub fn is_sqlite_url(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// How often a server moves the WAL into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);

fn tune_sqlite(options: SqliteConnectOptions) -> SqliteConnectOptions {
    options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // NORMAL is durable across application crashes in WAL mode; only a power loss
        // can drop the last transactions. That is the usual trade for an embedded store.
        .synchronous(SqliteSynchronous::Normal)
        // An automatic checkpoint runs on the committing connection and syncs the disk:
        // on the writer, which every add to a cart and every checkout waits for. So every
        // ~40 MB of WAL rather than every 4 MB, and a server also checkpoints from a
        // reader ([`Db::checkpoint_forever`]) so that this one finds little left to copy.
        // It must stay: only a writer that starts on a WAL already all copied restarts
        // it from the beginning, so with background checkpoints alone the WAL grows as
        // long as writes keep coming (to 2.3 GB in 20 s in the bench).
        .pragma("wal_autocheckpoint", "10000")
        .foreign_keys(true)
        .busy_timeout(SQLITE_BUSY_TIMEOUT)
}

/// `sqlite://data/halles.db?mode=rwc` → creates `data/` so a fresh checkout just runs.
fn create_sqlite_parent_dir(url: &str) {
    let path = url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return;
    }
    if let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
        && let Err(err) = std::fs::create_dir_all(parent)
    {
        tracing::warn!(error = %err, "could not create the database folder");
    }
}

/// A statement written once with `?` placeholders, numbered `$1, $2, …` for PostgreSQL.
/// For fixed SQL only: a `?` inside a string literal would be rewritten too.
pub fn statement(
    backend: DatabaseBackend,
    sql: &str,
    values: impl IntoIterator<Item = sea_orm::Value>,
) -> sea_orm::Statement {
    let sql = if backend == DatabaseBackend::Postgres {
        let mut numbered = String::with_capacity(sql.len() + 16);
        let mut next = 0;
        for ch in sql.chars() {
            if ch == '?' {
                next += 1;
                numbered.push_str(&format!("${next}"));
            } else {
                numbered.push(ch);
            }
        }
        numbered
    } else {
        sql.to_owned()
    };
    sea_orm::Statement::from_sql_and_values(backend, sql, values)
}

/// A multi-row `INSERT`, built row by row: one round trip for many rows, which counts
/// inside a write transaction that every other writer waits for.
pub(crate) struct InsertRows {
    sql: String,
    group: &'static str,
    values: Vec<sea_orm::Value>,
    rows: u64,
}

impl InsertRows {
    /// `head` is `INSERT INTO t (a, b) VALUES `; `group` is one row's `(?, ?)`.
    pub fn new(head: &str, group: &'static str) -> Self {
        Self {
            sql: head.to_owned(),
            group,
            values: Vec::new(),
            rows: 0,
        }
    }

    pub fn push(&mut self, row: impl IntoIterator<Item = sea_orm::Value>) {
        if self.rows > 0 {
            self.sql.push_str(", ");
        }
        self.sql.push_str(self.group);
        self.values.extend(row);
        self.rows += 1;
    }

    /// Runs the insert with `tail` appended (e.g. an `ON CONFLICT` clause); answers the rows
    /// inserted. Nothing pushed: nothing runs.
    pub async fn execute(mut self, conn: &impl ConnectionTrait, tail: &str) -> Result<u64, DbErr> {
        if self.rows == 0 {
            return Ok(0);
        }
        self.sql.push_str(tail);
        let done = conn
            .execute_raw(statement(
                conn.get_database_backend(),
                &self.sql,
                self.values,
            ))
            .await?;
        Ok(done.rows_affected())
    }
}

impl InsertRows {
    /// Adds this insert (with `tail` appended) to `script`; nothing pushed, nothing added.
    pub fn add_to(mut self, script: &mut Script, tail: &str) {
        if self.rows == 0 {
            return;
        }
        self.sql.push_str(tail);
        script.statements.push((self.sql, self.values));
    }
}

/// Writes whose answers nobody reads, sent together. On SQLite they go in one round trip:
/// sqlx runs a string of `;`-separated statements, binding each one's `?` in turn. That
/// counts inside a write transaction every other writer waits for, where each round trip
/// to SQLite's worker thread costs more than the statement itself. PostgreSQL's extended
/// protocol takes one statement at a time, so there they run one by one.
///
/// Use it only for statements whose effect needs no checking (no conditional update whose
/// row count decides anything): a script answers only whether every statement ran.
#[derive(Default)]
pub(crate) struct Script {
    statements: Vec<(String, Vec<sea_orm::Value>)>,
}

impl Script {
    pub fn push(&mut self, sql: &str, values: impl IntoIterator<Item = sea_orm::Value>) {
        self.statements
            .push((sql.to_owned(), values.into_iter().collect()));
    }

    /// Runs every statement, in order. An error stops it; the caller's transaction then
    /// rolls back, so a script is all or nothing inside one.
    pub async fn execute(self, conn: &impl ConnectionTrait) -> Result<(), DbErr> {
        let backend = conn.get_database_backend();
        if backend == DatabaseBackend::Sqlite {
            if self.statements.is_empty() {
                return Ok(());
            }
            let mut sql = String::new();
            let mut values = Vec::new();
            for (one, its_values) in self.statements {
                sql.push_str(&one);
                sql.push_str(";\n");
                values.extend(its_values);
            }
            conn.execute_raw(statement(backend, &sql, values)).await?;
        } else {
            for (sql, values) in self.statements {
                conn.execute_raw(statement(backend, &sql, values)).await?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::fresh_database_url;

    /// Three processes started at once on a fresh database, as behind a load balancer:
    /// all three migrate, none fails, and each migration is applied once.
    #[tokio::test]
    async fn three_processes_migrating_a_fresh_database_at_once_all_succeed()
    -> Result<(), crate::StoreError> {
        let url = fresh_database_url().await?;
        let processes = [
            Db::connect(&url).await?,
            Db::connect(&url).await?,
            Db::connect(&url).await?,
        ];
        let results = futures::future::join_all(processes.iter().map(Db::migrate)).await;
        for result in results {
            result?;
        }
        let applied = migrations::Migrator::get_applied_migrations(processes[0].conn()).await?;
        assert_eq!(applied.len(), migrations::Migrator::migrations().len());
        Ok(())
    }
}
