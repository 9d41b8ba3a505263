//! Raw SQL with bound values, written once for both engines: placeholders come out as
//! `?` on SQLite and `$n` on PostgreSQL.

use sea_orm::{DatabaseBackend, Statement, Value};

/// A statement being assembled.
pub struct SqlBuilder {
    backend: DatabaseBackend,
    sql: String,
    values: Vec<Value>,
}

impl SqlBuilder {
    pub fn new(backend: DatabaseBackend) -> Self {
        Self {
            backend,
            sql: String::new(),
            values: Vec::new(),
        }
    }

    /// Appends raw SQL (never user input).
    pub fn push(&mut self, sql: &str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    /// Appends a placeholder bound to `value`.
    pub fn bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.values.push(value.into());
        match self.backend {
            DatabaseBackend::Postgres => {
                let n = self.values.len();
                self.sql.push_str(&format!("${n}"));
            }
            _ => self.sql.push('?'),
        }
        self
    }

    /// Appends `(?, ?, …)` for a list of values.
    pub fn bind_list<V: Into<Value>>(&mut self, values: impl IntoIterator<Item = V>) -> &mut Self {
        self.push("(");
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.bind(value);
        }
        self.push(")")
    }

    pub fn is_postgres(&self) -> bool {
        self.backend == DatabaseBackend::Postgres
    }

    pub fn build(&self) -> Statement {
        Statement::from_sql_and_values(self.backend, self.sql.clone(), self.values.clone())
    }
}
