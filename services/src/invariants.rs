//! What `halles check` verifies. Each check is a query that finds violations; a check
//! holds when it finds none. Later features add their own (ledger balanced, stock never
//! negative, reservations consistent).

use migrations::Migrator;
use migrations::sea_orm_migration::MigratorTrait;
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

use crate::{Db, StoreError};

/// The outcome of one check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOutcome {
    pub name: &'static str,
    pub description: &'static str,
    /// How many violating rows were found.
    pub violations: u64,
}

impl CheckOutcome {
    pub fn holds(&self) -> bool {
        self.violations == 0
    }
}

/// A named query that counts violations.
struct Check {
    name: &'static str,
    description: &'static str,
    count_violations_sql: &'static str,
}

const CHECKS: [Check; 6] = [
    Check {
        name: "staff_reference_users_and_shops",
        description: "every shop staff row names an existing user and shop",
        count_violations_sql: "SELECT COUNT(*) FROM shop_staff s \
            WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id) \
               OR NOT EXISTS (SELECT 1 FROM shops h WHERE h.id = s.shop_id)",
    },
    Check {
        name: "sessions_reference_users",
        description: "every session belongs to an existing user",
        count_violations_sql: "SELECT COUNT(*) FROM sessions s \
            WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id)",
    },
    Check {
        name: "shop_status_known",
        description: "every shop is pending, approved, rejected or suspended",
        count_violations_sql: "SELECT COUNT(*) FROM shops \
            WHERE status NOT IN ('pending', 'approved', 'rejected', 'suspended')",
    },
    Check {
        name: "passwords_hashed_with_argon2id",
        description: "every password is stored as an argon2id hash, never in clear",
        count_violations_sql: "SELECT COUNT(*) FROM users WHERE password_hash NOT LIKE '$argon2id$%'",
    },
    Check {
        name: "session_kinds_consistent",
        description: "sessions are web (with a CSRF token) or api (without one)",
        count_violations_sql: "SELECT COUNT(*) FROM sessions \
            WHERE NOT ((kind = 'web' AND csrf_token IS NOT NULL) OR (kind = 'api' AND csrf_token IS NULL))",
    },
    Check {
        name: "throttle_counts_not_negative",
        description: "failed-login counters are never negative",
        count_violations_sql: "SELECT COUNT(*) FROM login_throttle WHERE failures < 0",
    },
];

/// Runs every check; the caller decides what a violation means (exit code, alert).
pub async fn check_all(db: &Db) -> Result<Vec<CheckOutcome>, StoreError> {
    let pending = Migrator::get_pending_migrations(db.conn()).await?.len();
    let mut outcomes = vec![CheckOutcome {
        name: "schema_up_to_date",
        description: "every migration is applied",
        violations: pending as u64,
    }];
    for check in &CHECKS {
        outcomes.push(CheckOutcome {
            name: check.name,
            description: check.description,
            violations: count(db, check.count_violations_sql).await?,
        });
    }
    if db.backend() == DatabaseBackend::Sqlite {
        outcomes.push(CheckOutcome {
            name: "sqlite_foreign_keys",
            description: "SQLite reports no foreign key violation",
            violations: count(db, "SELECT COUNT(*) FROM pragma_foreign_key_check").await?,
        });
    }
    Ok(outcomes)
}

async fn count(db: &Db, sql: &str) -> Result<u64, StoreError> {
    let row = db
        .conn()
        .query_one_raw(Statement::from_string(db.backend(), sql.to_owned()))
        .await?
        .ok_or_else(|| StoreError::Internal(format!("no row from check query: {sql}")))?;
    let value: i64 = row.try_get_by_index(0)?;
    Ok(u64::try_from(value).unwrap_or(0))
}
