//! The tracing subscriber: one line per event, `RUST_LOG` respected, output to any sink
//! (stderr for the binary, nowhere for tests unless `TEST_LOG` is set).

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// What is logged when `RUST_LOG` says nothing.
pub const DEFAULT_FILTER: &str =
    "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn,hyper=warn,tower_http=warn";

/// Installs the global subscriber writing to `sink`. A second call is ignored, so tests
/// may call it freely.
pub fn init<W>(sink: W)
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(sink)
        .with_target(false)
        .try_init();
}
