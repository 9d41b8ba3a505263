//! Every line of a checkout held in one statement, on SQLite.
//!
//! A checkout holds SQLite's one write lock from its first read of the cart to its
//! commit, and every other checkout and add to cart waits for it. Inside it, a round trip
//! to SQLite's worker thread (and back to a busy tokio worker) costs more than a stock
//! update, so the lines that one location can serve whole go in one `UPDATE … FROM`.
//! PostgreSQL keeps one update per line: a single statement there would lock the stock
//! rows in whatever order its plan visits them, and two checkouts could deadlock.

use std::collections::HashSet;

use sea_orm::{ConnectionTrait, DatabaseBackend, Value};

use super::Wanted;
use crate::StoreError;
use crate::db::statement;

/// Whether [`hold_at_one_location_each`] may hold these lines: on SQLite, more than one
/// line, each of another offer (two lines of one offer would meet the same stock row,
/// and `UPDATE … FROM` applies only one of them).
pub(super) fn fits(backend: DatabaseBackend, lines: &[(Wanted<'_>, &str)]) -> bool {
    let mut offers = HashSet::with_capacity(lines.len());
    backend == DatabaseBackend::Sqlite
        && lines.len() > 1
        && lines
            .iter()
            .all(|(wanted, _)| offers.insert(wanted.offer_id))
}

/// Holds each line at the first location (by id) that has all its units, as
/// `hold_at_one_location` does for one line, all in one statement. Answers, line by
/// line, where it was held and how many units that location has left free, or `None`
/// where no single location could: those lines are the caller's to split or refuse.
pub(super) async fn hold_at_one_location_each(
    conn: &impl ConnectionTrait,
    lines: &[(Wanted<'_>, &str)],
) -> Result<Vec<Option<(String, i64)>>, StoreError> {
    let rows = vec!["(?, ?, ?)"; lines.len()].join(", ");
    let sql = format!(
        "WITH wanted (offer_id, quantity, only_location) AS (VALUES {rows}), \
         chosen (offer_id, location_id, quantity) AS (\
           SELECT w.offer_id, (\
             SELECT s.location_id FROM stock_levels s \
             WHERE s.offer_id = w.offer_id AND s.quantity - s.reserved >= w.quantity \
               AND (w.only_location IS NULL OR s.location_id = w.only_location) \
             ORDER BY s.location_id LIMIT 1), w.quantity \
           FROM wanted w) \
         UPDATE stock_levels SET reserved = stock_levels.reserved + chosen.quantity \
         FROM chosen \
         WHERE stock_levels.offer_id = chosen.offer_id \
           AND stock_levels.location_id = chosen.location_id \
         RETURNING stock_levels.offer_id, stock_levels.location_id, \
           CAST(stock_levels.quantity - stock_levels.reserved AS BIGINT)"
    );
    let values: Vec<Value> = lines
        .iter()
        .flat_map(|(wanted, _)| {
            [
                wanted.offer_id.to_owned().into(),
                wanted.quantity.into(),
                wanted.only_location.map(str::to_owned).into(),
            ]
        })
        .collect();
    let held = conn
        .query_all_raw(statement(conn.get_database_backend(), &sql, values))
        .await?;
    let mut answers = vec![None; lines.len()];
    for row in held {
        let offer_id: String = row.try_get_by_index(0)?;
        let location_id: String = row.try_get_by_index(1)?;
        let left_free: i64 = row.try_get_by_index(2)?;
        if let Some(index) = lines
            .iter()
            .position(|(wanted, _)| wanted.offer_id == offer_id)
        {
            answers[index] = Some((location_id, left_free));
        }
    }
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::fresh_db;

    /// Three offers with two stock rows each, set to known levels.
    async fn three_offers_in_two_locations(
        db: &crate::Db,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        crate::seed::seed_demo(db).await?;
        crate::seed::catalog::seed_catalog(db, crate::seed::catalog::CatalogSize::DEMO, &|_, _| {})
            .await?;
        let rows = db
            .conn()
            .query_all_raw(statement(
                db.backend(),
                "SELECT offer_id, MIN(location_id), MAX(location_id) FROM stock_levels \
                 GROUP BY offer_id HAVING COUNT(*) = 2 ORDER BY offer_id LIMIT 3",
                [],
            ))
            .await?;
        let mut offers = Vec::new();
        for row in rows {
            offers.push((
                row.try_get_by_index(0)?,
                row.try_get_by_index(1)?,
                row.try_get_by_index(2)?,
            ));
        }
        assert_eq!(offers.len(), 3, "the demo catalog has offers in two places");
        Ok(offers)
    }

    async fn set_stock(
        db: &crate::Db,
        offer_id: &str,
        location_id: &str,
        quantity: i64,
        reserved: i64,
    ) -> Result<(), StoreError> {
        db.conn()
            .execute_raw(statement(
                db.backend(),
                "UPDATE stock_levels SET quantity = ?, reserved = ? \
                 WHERE offer_id = ? AND location_id = ?",
                [
                    quantity.into(),
                    reserved.into(),
                    offer_id.to_owned().into(),
                    location_id.to_owned().into(),
                ],
            ))
            .await?;
        Ok(())
    }

    async fn reserved(db: &crate::Db, offer_id: &str, location_id: &str) -> i64 {
        let row = db
            .conn()
            .query_one_raw(statement(
                db.backend(),
                "SELECT CAST(reserved AS BIGINT) FROM stock_levels \
                 WHERE offer_id = ? AND location_id = ?",
                [offer_id.to_owned().into(), location_id.to_owned().into()],
            ))
            .await
            .expect("read")
            .expect("row");
        row.try_get_by_index(0).expect("reserved")
    }

    /// One statement holds the whole lines where one location can, picks the first such
    /// location by id, keeps to the store asked for, and leaves a line needing two
    /// locations untouched for the caller.
    #[tokio::test]
    async fn lines_one_location_can_serve_are_held_together_and_the_rest_left()
    -> Result<(), StoreError> {
        let db = fresh_db().await?;
        if db.backend() != DatabaseBackend::Sqlite {
            return Ok(()); // PostgreSQL holds line by line; `fits` says so.
        }
        let offers = three_offers_in_two_locations(&db).await?;
        let [
            (whole, whole_first, whole_second),
            (split, split_first, split_second),
            (store, store_first, store_second),
        ] = offers.as_slice()
        else {
            unreachable!("three offers");
        };
        set_stock(&db, whole, whole_first, 5, 0).await?;
        set_stock(&db, whole, whole_second, 5, 0).await?;
        set_stock(&db, split, split_first, 2, 0).await?;
        set_stock(&db, split, split_second, 2, 0).await?;
        set_stock(&db, store, store_first, 9, 0).await?;
        set_stock(&db, store, store_second, 4, 3).await?;
        let wanted = |offer_id, quantity, only_location| Wanted {
            order_id: "order",
            order_line_id: "line",
            offer_id,
            quantity,
            only_location,
        };
        let lines = [
            (wanted(whole, 3, None), "whole"),
            (wanted(split, 3, None), "split"),
            (wanted(store, 1, Some(store_second.as_str())), "store"),
        ];
        assert!(fits(db.backend(), &lines));
        let txn = db.begin_write().await?;
        let held = hold_at_one_location_each(&txn, &lines).await?;
        txn.commit().await?;
        assert_eq!(
            held,
            vec![
                Some((whole_first.clone(), 2)),
                None,
                Some((store_second.clone(), 0)),
            ]
        );
        assert_eq!(reserved(&db, whole, whole_first).await, 3);
        assert_eq!(reserved(&db, whole, whole_second).await, 0);
        assert_eq!(reserved(&db, split, split_first).await, 0);
        assert_eq!(reserved(&db, split, split_second).await, 0);
        assert_eq!(reserved(&db, store, store_first).await, 0);
        assert_eq!(reserved(&db, store, store_second).await, 4);
        Ok(())
    }

    #[test]
    fn only_distinct_offers_on_sqlite_go_together() {
        let line = |offer_id| {
            (
                Wanted {
                    order_id: "o",
                    order_line_id: "l",
                    offer_id,
                    quantity: 1,
                    only_location: None,
                },
                "title",
            )
        };
        let sqlite = DatabaseBackend::Sqlite;
        assert!(fits(sqlite, &[line("a"), line("b")]));
        assert!(!fits(sqlite, &[line("a")]));
        assert!(!fits(sqlite, &[line("a"), line("b"), line("a")]));
        assert!(!fits(DatabaseBackend::Postgres, &[line("a"), line("b")]));
    }
}
