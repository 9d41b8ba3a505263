//! The database: one handle for SQLite (embedded default) or PostgreSQL (production),
//! chosen by the URL.
//!
//! SQLite needs care under concurrent writers: a deferred transaction that reads and then
//! writes fails at once with `SQLITE_BUSY` when another writer got there first, and the
//! busy timeout cannot help it. Every write transaction therefore begins `IMMEDIATE`
//! ([`Db::begin_write`]), which takes the write lock up front and queues behind the busy
//! timeout instead of failing.

pub mod entity;

use std::time::Duration;

use migrations::sea_orm_migration::MigratorTrait;
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// How long a SQLite writer waits for the write lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// A pooled connection to the Halles database. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    conn: DatabaseConnection,
    /// Tells pools apart (several live in one test process), e.g. to key caches.
    instance: u64,
}

static NEXT_INSTANCE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Db {
    /// Connects to `url` (`sqlite://path/to/file.db` or `postgres://…`). A SQLite file and
    /// its folder are created when missing.
    pub async fn connect(url: &str) -> Result<Self, DbErr> {
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .sqlx_logging(false)
            .connect_timeout(Duration::from_secs(10))
            .acquire_timeout(Duration::from_secs(30));
        if is_sqlite_url(url) {
            create_sqlite_parent_dir(url);
            options
                .max_connections(8)
                .min_connections(1)
                .map_sqlx_sqlite_opts(tune_sqlite);
        } else {
            options.max_connections(16).min_connections(1);
        }
        let conn = Database::connect(options).await?;
        let instance = NEXT_INSTANCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Self { conn, instance })
    }

    /// The connection, for reads and for single-statement writes.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
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
        self.conn.begin_with_options(options).await
    }

    /// Applies every pending migration.
    pub async fn migrate(&self) -> Result<(), DbErr> {
        migrations::Migrator::up(&self.conn, None).await
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        self.conn.ping().await.is_ok()
    }

    /// Closes the pool, waiting for connections to be returned.
    pub async fn close(self) -> Result<(), DbErr> {
        self.conn.close().await
    }
}

/// Whether a database URL points at SQLite.
pub fn is_sqlite_url(url: &str) -> bool {
    url.starts_with("sqlite:")
}

fn tune_sqlite(options: SqliteConnectOptions) -> SqliteConnectOptions {
    options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // NORMAL is durable across application crashes in WAL mode; only a power loss
        // can drop the last transactions. That is the usual trade for an embedded store.
        .synchronous(SqliteSynchronous::Normal)
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
