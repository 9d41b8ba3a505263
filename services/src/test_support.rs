//! Fresh databases for tests: a temporary SQLite file by default, or a new PostgreSQL
//! database on the server named by `HALLES_TEST_POSTGRES_URL`. The same suites run on
//! both engines by setting or unsetting that variable.

use sea_orm::{ConnectionTrait, Database, Statement};

use crate::{Db, StoreError};

/// The variable that switches test suites to PostgreSQL.
pub const POSTGRES_URL_VAR: &str = "HALLES_TEST_POSTGRES_URL";

/// Which engine tests run on.
pub fn engine_name() -> &'static str {
    if postgres_admin_url().is_some() {
        "postgres"
    } else {
        "sqlite"
    }
}

fn postgres_admin_url() -> Option<String> {
    std::env::var(POSTGRES_URL_VAR)
        .ok()
        .filter(|url| !url.trim().is_empty())
}

/// A URL for a brand-new, empty database (not yet migrated).
pub async fn fresh_database_url() -> Result<String, StoreError> {
    let name = format!("halles_t_{}", uuid::Uuid::now_v7().simple());
    match postgres_admin_url() {
        Some(admin_url) => {
            let admin = Database::connect(admin_url.as_str()).await?;
            admin
                .execute_raw(Statement::from_string(
                    admin.get_database_backend(),
                    format!("CREATE DATABASE {name}"),
                ))
                .await?;
            admin.close().await?;
            Ok(replace_database_name(&admin_url, &name))
        }
        None => {
            let path = std::env::temp_dir()
                .join("halles-tests")
                .join(format!("{name}.db"));
            Ok(format!("sqlite://{}", path.display()))
        }
    }
}

/// A fresh, migrated database.
pub async fn fresh_db() -> Result<Db, StoreError> {
    let db = Db::connect(&fresh_database_url().await?).await?;
    db.migrate().await?;
    Ok(db)
}

/// `postgres://u:p@host:5432/postgres?x=y` → `postgres://u:p@host:5432/<name>?x=y`.
fn replace_database_name(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let prefix = match base[after_scheme..].find('/') {
        Some(slash) => &base[..after_scheme + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{prefix}/{name}?{query}"),
        None => format!("{prefix}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::replace_database_name;

    #[test]
    fn the_database_name_is_replaced_and_options_kept() {
        assert_eq!(
            replace_database_name(
                "postgres://u:p@localhost:5432/postgres?sslmode=disable",
                "t1"
            ),
            "postgres://u:p@localhost:5432/t1?sslmode=disable"
        );
        assert_eq!(
            replace_database_name("postgres://localhost", "t2"),
            "postgres://localhost/t2"
        );
    }
}
