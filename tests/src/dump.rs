//! The whole database as text, for the suites that look for what must never be stored
//! (a card number, a password, a token): the secrets test and the fault suite.

use anyhow::Context;
use sea_orm::{ConnectionTrait, DatabaseBackend, QueryResult, Statement};
use services::Db;

/// Every row of every table as one line of text, prefixed by its table's name.
pub async fn database_dump(db: &Db) -> anyhow::Result<Vec<String>> {
    let conn = db.conn();
    let backend = conn.get_database_backend();
    let query = |sql: String| conn.query_all_raw(Statement::from_string(backend, sql));
    let first_text = |row: &QueryResult| row.try_get_by_index::<String>(0).ok();
    let tables_sql = match backend {
        DatabaseBackend::Postgres => "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            .to_owned(),
        _ => "SELECT name FROM sqlite_master WHERE type = 'table'".to_owned(),
    };
    let tables: Vec<String> = query(tables_sql)
        .await
        .context("listing tables")?
        .iter()
        .filter_map(first_text)
        .collect();
    anyhow::ensure!(tables.len() > 20, "the dump sees the schema: {tables:?}");
    let mut lines = Vec::new();
    for table in tables {
        let rows_sql = match backend {
            DatabaseBackend::Postgres => format!("SELECT row_to_json(t)::text FROM \"{table}\" t"),
            _ => {
                let columns: Vec<String> = query(format!("PRAGMA table_info(\"{table}\")"))
                    .await
                    .context("columns")?
                    .iter()
                    .filter_map(|row| row.try_get::<String>("", "name").ok())
                    .collect();
                let cells: Vec<String> = columns
                    .iter()
                    .map(|column| format!("quote(\"{column}\")"))
                    .collect();
                format!("SELECT {} FROM \"{table}\"", cells.join(" || ',' || "))
            }
        };
        for row in query(rows_sql).await.context("rows")?.iter() {
            lines.push(format!("{table}: {}", first_text(row).unwrap_or_default()));
        }
    }
    Ok(lines)
}
