//! What `halles check` verifies. Each check is a query that finds violations; a check
//! holds when it finds none.

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

const CHECKS: [Check; 26] = [
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
    Check {
        name: "ledger_movements_balanced",
        description: "every ledger movement's lines sum to zero",
        count_violations_sql: "SELECT COUNT(*) FROM (SELECT movement_key FROM ledger_entries \
            GROUP BY movement_key HAVING SUM(amount_cents) <> 0) unbalanced",
    },
    Check {
        name: "order_accounts_settled",
        description: "every order's funds were shared out exactly (its ledger account nets to zero)",
        count_violations_sql: "SELECT COUNT(*) FROM (SELECT account FROM ledger_entries \
            WHERE account LIKE 'order:%' GROUP BY account HAVING SUM(amount_cents) <> 0) open_orders",
    },
    Check {
        name: "wallets_not_negative",
        description: "no shopper's cashback wallet is below zero",
        count_violations_sql: "SELECT COUNT(*) FROM (SELECT account FROM ledger_entries \
            WHERE account LIKE 'wallet:%' GROUP BY account HAVING SUM(amount_cents) < 0) negative",
    },
    Check {
        name: "stock_not_negative",
        description: "stock is never negative and never less than what is reserved",
        count_violations_sql: "SELECT COUNT(*) FROM stock_levels \
            WHERE quantity < 0 OR reserved < 0 OR reserved > quantity",
    },
    Check {
        name: "reservations_consistent",
        description: "each stock row's reserved units equal its held reservations",
        count_violations_sql: "SELECT COUNT(*) FROM stock_levels sl WHERE sl.reserved <> \
            COALESCE((SELECT SUM(r.quantity) FROM reservations r WHERE r.offer_id = sl.offer_id \
            AND r.location_id = sl.location_id AND r.status = 'held'), 0)",
    },
    Check {
        name: "stock_explained_by_movements",
        description: "each stock row's units and reserved units are the sums of its movements",
        count_violations_sql: "SELECT COUNT(*) FROM stock_levels sl LEFT JOIN (SELECT offer_id, location_id, \
            SUM(quantity_change) AS quantity, SUM(reserved_change) AS reserved FROM stock_movements \
            GROUP BY offer_id, location_id) m ON m.offer_id = sl.offer_id AND m.location_id = sl.location_id \
            WHERE sl.quantity <> COALESCE(m.quantity, 0) OR sl.reserved <> COALESCE(m.reserved, 0)",
    },
    Check {
        name: "paid_orders_captured_once",
        description: "a paid order has a captured payment, and a captured payment a paid order",
        count_violations_sql: "SELECT COUNT(*) FROM orders o JOIN payments p ON p.order_id = o.id \
            WHERE (o.status IN ('paid', 'completed') \
                   AND p.status NOT IN ('captured', 'partially_refunded', 'refunded')) \
               OR (p.status IN ('captured', 'partially_refunded', 'refunded') \
                   AND o.status NOT IN ('paid', 'completed', 'cancelled'))",
    },
    // A crash between the charge and the order's own write must leave no money behind:
    // the payment row is written with its order, so a paid payment whose order is gone
    // (or never was) is money without goods. Foreign keys forbid it; this sees past them
    // (SQLite only enforces them per connection).
    Check {
        name: "paid_payments_have_orders",
        description: "no payment holds money (captured or with captured cents) without its order",
        count_violations_sql: "SELECT COUNT(*) FROM payments p \
            WHERE (p.status IN ('captured', 'partially_refunded', 'refunded') OR p.captured_cents > 0) \
              AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = p.order_id)",
    },
    // At most one capture per order: the money the provider paid into an order's ledger
    // account is exactly what its payment row says was captured, once. A second capture
    // (a retried checkout charged again, a webhook settled twice) shows as a difference.
    // Charges refunded because their order could not take them are their own movements
    // (`unplaced_capture:`), not captures.
    Check {
        name: "captured_once_per_order",
        description: "each order's captures in the ledger add up to its payment's captured amount, \
            and a captured payment was captured in full",
        count_violations_sql: "SELECT COUNT(*) FROM payments p \
            WHERE p.captured_cents <> COALESCE((SELECT SUM(e.amount_cents) FROM ledger_entries e \
                    WHERE e.account = 'order:' || p.order_id AND e.movement_key LIKE 'capture:%'), 0) \
               OR (p.status IN ('captured', 'partially_refunded', 'refunded') AND p.captured_cents <> p.amount_cents) \
               OR (p.status NOT IN ('captured', 'partially_refunded', 'refunded') AND p.captured_cents <> 0)",
    },
    // Checkout writes an order, its parts, lines, reservations and payment in one
    // transaction: after any crash an order is either all there or not there at all.
    // (Reservations are summed per line in one pass: a correlated sum per line has no
    // index to use and took 40 s at 9,000 lines on SQLite.)
    Check {
        name: "orders_whole",
        description: "every order has its seller orders and payment, every seller order its lines \
            (adding up to its items), every line its reserved units",
        count_violations_sql: "SELECT (SELECT COUNT(*) FROM orders o \
                WHERE NOT EXISTS (SELECT 1 FROM seller_orders s WHERE s.order_id = o.id) \
                   OR NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id)) \
            + (SELECT COUNT(*) FROM seller_orders s WHERE s.items_cents <> \
                (SELECT COALESCE(SUM(l.line_cents), 0) FROM order_lines l WHERE l.seller_order_id = s.id) \
                OR NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.seller_order_id = s.id)) \
            + (SELECT COUNT(*) FROM order_lines l LEFT JOIN (SELECT order_line_id, SUM(quantity) AS reserved \
                FROM reservations GROUP BY order_line_id) r ON r.order_line_id = l.id \
                WHERE l.quantity <> COALESCE(r.reserved, 0))",
    },
    // A reservation's state follows its order's payment: held while the order waits for
    // it, committed (or restocked, if the goods came back) once captured, released when
    // the order ended unpaid. A reservation leaked by a crash (held for an order that has
    // ended, released for one that was paid) breaks this.
    Check {
        name: "reservations_follow_orders",
        description: "reservations are held exactly while their order awaits payment, committed or \
            restocked once it is paid, released when it ended unpaid",
        count_violations_sql: "SELECT COUNT(*) FROM reservations r \
            JOIN orders o ON o.id = r.order_id JOIN payments p ON p.order_id = r.order_id \
            WHERE (r.status = 'held' AND o.status <> 'pending_payment') \
               OR (r.status <> 'held' AND o.status = 'pending_payment') \
               OR (r.status IN ('committed', 'restocked') \
                   AND p.status NOT IN ('captured', 'partially_refunded', 'refunded')) \
               OR (r.status = 'released' AND p.status IN ('captured', 'partially_refunded', 'refunded'))",
    },
    Check {
        name: "order_totals_add_up",
        description: "an order's total plus cashback spent equals the sum of its seller orders",
        count_violations_sql: "SELECT COUNT(*) FROM orders o WHERE o.total_cents + o.cashback_used_cents \
            <> (SELECT COALESCE(SUM(s.total_cents), 0) FROM seller_orders s WHERE s.order_id = o.id)",
    },
    Check {
        name: "refunds_within_paid",
        description: "no seller order is refunded more than it cost, no payment more than captured",
        count_violations_sql: "SELECT (SELECT COUNT(*) FROM seller_orders WHERE refunded_cents > total_cents) \
            + (SELECT COUNT(*) FROM payments WHERE refunded_cents > captured_cents)",
    },
    Check {
        name: "wallets_match_ledger",
        description: "every wallet's cached balances equal the sums of its ledger lines",
        count_violations_sql: "SELECT COUNT(*) FROM wallets w WHERE w.available_cents <> \
            COALESCE((SELECT SUM(e.amount_cents) FROM ledger_entries e WHERE e.account = 'wallet:' || w.user_id), 0) \
            OR w.pending_cents <> COALESCE((SELECT SUM(e.amount_cents) FROM ledger_entries e \
            WHERE e.account = 'wallet:' || w.user_id || ':pending'), 0)",
    },
    Check {
        name: "cashback_holds_settled",
        description: "cashback set aside for an order is spent or given back once the order is decided",
        count_violations_sql: "SELECT COUNT(*) FROM (SELECT e.account FROM ledger_entries e \
            JOIN orders o ON e.account = 'hold:' || o.id WHERE o.status <> 'pending_payment' \
            GROUP BY e.account HAVING SUM(e.amount_cents) <> 0) open_holds",
    },
    Check {
        name: "cashback_traceable",
        description: "every cent of earned cashback comes from a seller order, and lots stay within what they earned",
        count_violations_sql: "SELECT COUNT(*) FROM cashback_lots WHERE (kind = 'earned' AND seller_order_id IS NULL) \
            OR reversed_cents > platform_cents + boost_cents \
            OR remaining_cents > platform_cents + boost_cents - reversed_cents",
    },
    Check {
        name: "audit_rows_by_operators",
        description: "every audit log row was written by an operator account",
        count_violations_sql: "SELECT COUNT(*) FROM audit_log a WHERE NOT EXISTS \
            (SELECT 1 FROM users u WHERE u.id = a.operator_id AND u.is_operator)",
    },
    Check {
        name: "moderation_decisions_audited",
        description: "every taken-down offer and every rejected or suspended shop has its reason \
            and an audit row saying who decided",
        count_violations_sql: "SELECT (SELECT COUNT(*) FROM offers o WHERE o.status = 'taken_down' \
              AND (o.moderation_note IS NULL OR o.moderation_note = '' OR NOT EXISTS \
              (SELECT 1 FROM audit_log a WHERE a.target_type = 'offer' AND a.target_id = o.id \
               AND a.action = 'offer.takedown'))) \
            + (SELECT COUNT(*) FROM shops h WHERE h.status IN ('rejected', 'suspended') \
              AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.target_type = 'shop' \
               AND a.target_id = h.id AND a.action IN ('shop.reject', 'shop.suspend')))",
    },
    Check {
        name: "disputes_decided_with_audit",
        description: "every decided dispute has its reason and an audit row saying who decided",
        count_violations_sql: "SELECT COUNT(*) FROM disputes d WHERE d.status <> 'open' AND \
            (d.decision_reason IS NULL OR d.decided_by IS NULL OR NOT EXISTS (SELECT 1 FROM audit_log a \
            WHERE a.target_type = 'dispute' AND a.target_id = d.id AND a.operator_id = d.decided_by))",
    },
    Check {
        name: "reports_closed_on_taken_down_offers",
        description: "no report stays open on an offer already taken down",
        count_violations_sql: "SELECT COUNT(*) FROM offer_reports r JOIN offers o ON o.id = r.offer_id \
            WHERE r.status = 'open' AND o.status = 'taken_down'",
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
    // The search's copy of the catalog, recomputed from the source tables and compared.
    for (name, description, sql) in crate::catalog::listings::consistency_checks() {
        outcomes.push(CheckOutcome {
            name,
            description,
            violations: count(db, &sql).await?,
        });
    }
    if db.backend() == DatabaseBackend::Sqlite {
        outcomes.push(CheckOutcome {
            name: "sqlite_foreign_keys",
            description: "SQLite reports no foreign key violation",
            violations: count(db, "SELECT COUNT(*) FROM pragma_foreign_key_check").await?,
        });
    }
    // The audit log is append-only because triggers refuse UPDATE and DELETE on it.
    let audit_triggers = if db.backend() == DatabaseBackend::Sqlite {
        "SELECT 2 - COUNT(*) FROM sqlite_master WHERE type = 'trigger' \
         AND name IN ('audit_log_no_update', 'audit_log_no_delete')"
    } else {
        "SELECT 1 - COUNT(*) FROM pg_trigger WHERE tgname = 'audit_log_append_only'"
    };
    outcomes.push(CheckOutcome {
        name: "audit_log_append_only",
        description: "triggers refuse any change to or removal of an audit log row",
        violations: count(db, audit_triggers).await?,
    });
    let movement_triggers = if db.backend() == DatabaseBackend::Sqlite {
        "SELECT 2 - COUNT(*) FROM sqlite_master WHERE type = 'trigger' \
         AND name IN ('stock_movements_no_update', 'stock_movements_no_delete')"
    } else {
        "SELECT 1 - COUNT(*) FROM pg_trigger WHERE tgname = 'stock_movements_append_only'"
    };
    outcomes.push(CheckOutcome {
        name: "stock_movements_append_only",
        description: "triggers refuse any change to or removal of a stock movement",
        violations: count(db, movement_triggers).await?,
    });
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

#[cfg(test)]
mod tests {
    //! Each crash-safety check holds on orders placed the normal way, and finds the
    //! damage a crash half-way through a write would leave.

    use sea_orm::{ConnectionTrait, Statement};

    use super::check_all;
    use crate::test_support::fresh_db;
    use crate::{Db, StoreError};

    /// The demo's accounts, catalog and paid orders (placed through checkout).
    async fn demo_with_orders() -> Result<Db, StoreError> {
        let db = fresh_db().await?;
        crate::seed::seed_demo(&db).await?;
        crate::seed::catalog::seed_catalog(
            &db,
            crate::seed::catalog::CatalogSize::DEMO,
            &|_, _| {},
        )
        .await?;
        assert!(crate::seed::seed_demo_orders(&db).await? > 0, "demo orders");
        Ok(db)
    }

    async fn violations(db: &Db, name: &str) -> Result<u64, StoreError> {
        let outcomes = check_all(db).await?;
        let outcome = outcomes
            .iter()
            .find(|outcome| outcome.name == name)
            .unwrap_or_else(|| panic!("no check named {name}"));
        Ok(outcome.violations)
    }

    async fn exec(db: &Db, sql: &str) -> Result<(), StoreError> {
        db.conn()
            .execute_raw(Statement::from_string(db.backend(), sql.to_owned()))
            .await?;
        Ok(())
    }

    #[tokio::test]
    async fn crash_safety_checks_hold_then_find_each_kind_of_damage() -> Result<(), StoreError> {
        let db = demo_with_orders().await?;
        for outcome in check_all(&db).await? {
            assert!(
                outcome.holds(),
                "{} found {}",
                outcome.name,
                outcome.violations
            );
        }

        // A second capture of one order (a retried checkout charged again).
        exec(
            &db,
            "INSERT INTO ledger_entries (id, movement_key, account, amount_cents, order_id, created_at) \
             SELECT 'dup' || SUBSTR(p.id, 4), 'capture:' || p.order_id || ':again', 'order:' || p.order_id, p.amount_cents, \
             p.order_id, p.created_at FROM payments p WHERE p.status = 'captured' AND p.amount_cents > 0 \
             ORDER BY p.id LIMIT 1",
        )
        .await?;
        assert_eq!(violations(&db, "captured_once_per_order").await?, 1);
        exec(&db, "DELETE FROM ledger_entries WHERE id LIKE 'dup%'").await?;
        assert_eq!(violations(&db, "captured_once_per_order").await?, 0);

        // A reservation leaked: still held although its order was paid.
        exec(
            &db,
            "UPDATE reservations SET status = 'held' WHERE id = (SELECT MIN(id) FROM reservations \
             WHERE status = 'committed')",
        )
        .await?;
        assert_eq!(violations(&db, "reservations_follow_orders").await?, 1);
        exec(
            &db,
            "UPDATE reservations SET status = 'committed' WHERE status = 'held' \
             AND order_id IN (SELECT id FROM orders WHERE status <> 'pending_payment')",
        )
        .await?;

        // A paid order whose payment says the money never came.
        exec(
            &db,
            "UPDATE payments SET status = 'processing', captured_cents = 0 \
             WHERE id = (SELECT MIN(id) FROM payments WHERE status = 'captured')",
        )
        .await?;
        assert!(violations(&db, "captured_once_per_order").await? >= 1);
        assert!(violations(&db, "paid_orders_captured_once").await? >= 1);
        exec(
            &db,
            "UPDATE payments SET status = 'captured', captured_cents = amount_cents \
             WHERE status = 'processing'",
        )
        .await?;

        // An order missing a part of itself: a seller order without its lines.
        exec(
            &db,
            "DELETE FROM reservations WHERE order_line_id IN (SELECT l.id FROM order_lines l \
             WHERE l.seller_order_id = (SELECT MIN(id) FROM seller_orders))",
        )
        .await?;
        exec(
            &db,
            "DELETE FROM order_lines WHERE seller_order_id = (SELECT MIN(id) FROM seller_orders)",
        )
        .await?;
        assert_eq!(violations(&db, "orders_whole").await?, 1);
        Ok(())
    }
}
