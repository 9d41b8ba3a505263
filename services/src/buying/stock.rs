//! Reservations: units of a stock row promised to an order.
//!
//! `held` (checkout started: `stock_levels.reserved` raised) → `committed` (paid: the units
//! leave `quantity` and `reserved`) or `released` (declined, abandoned, expired: `reserved`
//! lowered). A committed reservation whose goods come back is `restocked`.
//! Every change is a conditional update inside the caller's transaction; each status
//! change is itself conditional, so a reservation is settled at most once.
//! Every change of a stock row is also a movement ([`super::movements`]) in the same
//! transaction, so the level stays explained.

use std::collections::BTreeSet;

use sea_orm::{ConnectionTrait, DatabaseBackend, FromQueryResult, Value};

use super::movements::{self, Movement, Movements, Reason};
use crate::catalog::listings::{self, Listed};
use crate::db::{InsertRows, Script, statement};
use crate::{StoreError, new_id, now};

mod batch;

#[derive(Debug, FromQueryResult)]
struct FreeStock {
    location_id: String,
    free: i64,
}

/// A line to reserve: `quantity` units of `offer_id`, from `only_location` when set
/// (click & collect) or from any location of the offer's shop, fullest first.
pub struct Wanted<'a> {
    pub order_id: &'a str,
    pub order_line_id: &'a str,
    pub offer_id: &'a str,
    pub quantity: i64,
    pub only_location: Option<&'a str>,
}

/// The usual case in one statement: the first location (by id) that has every unit
/// wanted holds them all, and one shipment leaves from there; answers it and the units
/// it has left free. `None` when no single location can: [`hold_lines`] then splits the line
/// over several, or refuses it.
async fn hold_at_one_location(
    conn: &impl ConnectionTrait,
    wanted: &Wanted<'_>,
) -> Result<Option<(String, i64)>, StoreError> {
    let quantity = Value::from(wanted.quantity);
    let offer = Value::from(wanted.offer_id.to_owned());
    let (sql, values) = match wanted.only_location {
        Some(location) => (
            "UPDATE stock_levels SET reserved = reserved + ? \
             WHERE offer_id = ? AND location_id = ? AND quantity - reserved >= ? \
             RETURNING location_id, CAST(quantity - reserved AS BIGINT)",
            vec![
                quantity.clone(),
                offer,
                location.to_owned().into(),
                quantity,
            ],
        ),
        // The condition is repeated outside the subquery so that PostgreSQL re-checks it
        // on the row it locks, should a concurrent checkout have changed it meanwhile.
        None => (
            "UPDATE stock_levels SET reserved = reserved + ? \
             WHERE offer_id = ? AND quantity - reserved >= ? AND location_id = (\
               SELECT location_id FROM stock_levels WHERE offer_id = ? AND quantity - reserved >= ? \
               ORDER BY location_id LIMIT 1) \
             RETURNING location_id, CAST(quantity - reserved AS BIGINT)",
            vec![
                quantity.clone(),
                offer.clone(),
                quantity.clone(),
                offer,
                quantity,
            ],
        ),
    };
    let row = conn
        .query_one_raw(statement(conn.get_database_backend(), sql, values))
        .await?;
    Ok(match row {
        Some(row) => Some((row.try_get_by_index(0)?, row.try_get_by_index(1)?)),
        None => None,
    })
}

/// The reservations of a checkout and their stock movements, written in one statement
/// each once every line is held; and the offers whose stock row it emptied, whose
/// products the search must then look at again (a row that still has free units changes
/// nothing the search shows).
pub struct Reservations {
    rows: InsertRows,
    movements: Movements,
    drained: BTreeSet<String>,
}

impl Default for Reservations {
    fn default() -> Self {
        Self {
            rows: InsertRows::new(
                "INSERT INTO reservations (id, order_id, order_line_id, offer_id, location_id, \
                 quantity, status, created_at) VALUES ",
                "(?, ?, ?, ?, ?, ?, 'held', ?)",
            ),
            movements: Movements::default(),
            drained: BTreeSet::new(),
        }
    }
}

impl Reservations {
    /// Records them as part of `script` (the checkout's last round trip), with the
    /// refresh of the listings of the products whose stock a reservation emptied.
    pub(crate) fn add_to(self, script: &mut Script, backend: DatabaseBackend) {
        self.rows.add_to(script, "");
        self.movements.add_to(script);
        let drained: Vec<String> = self.drained.into_iter().collect();
        listings::push_refresh(script, backend, Listed::ProductsOfOffers(&drained));
    }

    /// A whole line held at one location, which has `left_free` units free after it.
    fn push_held(&mut self, wanted: &Wanted<'_>, (location_id, left_free): (String, i64)) {
        if left_free == 0 {
            self.drained.insert(wanted.offer_id.to_owned());
        }
        self.push(wanted, location_id, wanted.quantity);
    }

    fn push(&mut self, wanted: &Wanted<'_>, location_id: String, quantity: i64) {
        self.movements.push(Movement {
            offer_id: wanted.offer_id,
            location_id: &location_id,
            reason: Reason::Reservation,
            quantity_change: 0,
            reserved_change: quantity,
            order_id: Some(wanted.order_id),
            note: "",
        });
        self.rows.push([
            new_id().into(),
            wanted.order_id.to_owned().into(),
            wanted.order_line_id.to_owned().into(),
            wanted.offer_id.to_owned().into(),
            location_id.into(),
            quantity.into(),
            now().into(),
        ]);
    }
}

/// Raises `reserved` on the rows that have the units for every line of a checkout
/// (recorded in `reservations`, to be written by [`Reservations::add_to`] in the same
/// transaction) or fails with `out_of_stock`. Lines come in `offer_id` order and each
/// line's rows are locked in `location_id` order, so concurrent checkouts on PostgreSQL
/// queue instead of deadlocking. On SQLite the lines that one location can serve whole
/// (nearly all) are held in one statement ([`batch::hold_at_one_location_each`]): the
/// checkout holds the database's one write lock meanwhile, and a round trip costs more
/// than the update.
pub async fn hold_lines(
    conn: &impl ConnectionTrait,
    lines: &[(Wanted<'_>, &str)],
    reservations: &mut Reservations,
) -> Result<(), StoreError> {
    // Units held are no longer free: product pages show the new count. (Committing them
    // later lowers `quantity` and `reserved` together and leaves the free count as is.)
    crate::catalog::answers::stock_changed();
    if !batch::fits(conn.get_database_backend(), lines) {
        for (wanted, title) in lines {
            match hold_at_one_location(conn, wanted).await? {
                Some(held) => reservations.push_held(wanted, held),
                None => hold_over_locations(conn, wanted, title, reservations).await?,
            }
        }
        return Ok(());
    }
    let held_together = batch::hold_at_one_location_each(conn, lines).await?;
    for ((wanted, title), held) in lines.iter().zip(held_together) {
        match held {
            Some(held) => reservations.push_held(wanted, held),
            // The statement found no single location for it: no need to look again.
            None => hold_over_locations(conn, wanted, title, reservations).await?,
        }
    }
    Ok(())
}

/// The rare case: no single location has every unit wanted. Splits the line over the
/// locations that have units, fullest first, or refuses it with `out_of_stock` (at a
/// store, naming the shop's stores that have the quantity now).
async fn hold_over_locations(
    conn: &impl ConnectionTrait,
    wanted: &Wanted<'_>,
    title: &str,
    reservations: &mut Reservations,
) -> Result<(), StoreError> {
    let backend = conn.get_database_backend();
    let lock = if backend == DatabaseBackend::Postgres {
        " FOR UPDATE"
    } else {
        ""
    };
    let mut values: Vec<Value> = vec![wanted.offer_id.to_owned().into()];
    let mut sql =
        "SELECT location_id, CAST(quantity - reserved AS BIGINT) AS free FROM stock_levels \
                   WHERE offer_id = ?"
            .to_owned();
    if let Some(location) = wanted.only_location {
        sql.push_str(" AND location_id = ?");
        values.push(location.to_owned().into());
    }
    sql.push_str(" ORDER BY location_id");
    sql.push_str(lock);
    let mut rows = FreeStock::find_by_statement(statement(backend, &sql, values))
        .all(conn)
        .await?;
    rows.retain(|row| row.free > 0);
    rows.sort_by(|a, b| b.free.cmp(&a.free).then(a.location_id.cmp(&b.location_id)));
    let free: i64 = rows.iter().map(|row| row.free).sum();
    if free < wanted.quantity {
        let message = if free == 0 {
            format!(
                "“{title}” is sold out{}",
                if wanted.only_location.is_some() {
                    " at this store"
                } else {
                    ""
                }
            )
        } else {
            format!(
                "only {free} of “{title}” left{}",
                if wanted.only_location.is_some() {
                    " at this store"
                } else {
                    ""
                }
            )
        };
        // Click & collect: say which of the shop's other stores have the quantity now.
        if let Some(store) = wanted.only_location {
            let suggestions =
                super::stock_elsewhere::stores_with(conn, wanted.offer_id, store, wanted.quantity)
                    .await?;
            return Err(StoreError::OutOfStockAtStore {
                message,
                field: Some("offer_id"),
                suggestions,
            });
        }
        return Err(StoreError::Conflict {
            code: "out_of_stock",
            message,
            field: Some("offer_id"),
        });
    }
    let mut left = wanted.quantity;
    for row in rows {
        if left == 0 {
            break;
        }
        let take = left.min(row.free);
        let updated = conn
            .execute_raw(statement(
                backend,
                "UPDATE stock_levels SET reserved = reserved + ? \
                 WHERE offer_id = ? AND location_id = ? AND quantity - reserved >= ?",
                [
                    take.into(),
                    wanted.offer_id.to_owned().into(),
                    row.location_id.clone().into(),
                    take.into(),
                ],
            ))
            .await?;
        if updated.rows_affected() != 1 {
            // Only possible if a writer slipped past the lock: refuse rather than oversell.
            return Err(StoreError::Conflict {
                code: "out_of_stock",
                message: format!("“{title}” sold out while you were checking out"),
                field: Some("offer_id"),
            });
        }
        if take == row.free {
            reservations.drained.insert(wanted.offer_id.to_owned());
        }
        reservations.push(wanted, row.location_id, take);
        left -= take;
    }
    Ok(())
}

#[derive(Debug, FromQueryResult)]
struct ReservationRow {
    id: String,
    offer_id: String,
    location_id: String,
    quantity: i64,
}

async fn reservations_in(
    conn: &impl ConnectionTrait,
    order_id: &str,
    seller_order_id: Option<&str>,
    status: &str,
) -> Result<Vec<ReservationRow>, StoreError> {
    let backend = conn.get_database_backend();
    let mut values: Vec<Value> = vec![order_id.to_owned().into(), status.to_owned().into()];
    let mut sql = "SELECT r.id, r.offer_id, r.location_id, CAST(r.quantity AS BIGINT) AS quantity \
                   FROM reservations r JOIN order_lines l ON l.id = r.order_line_id \
                   WHERE r.order_id = ? AND r.status = ?"
        .to_owned();
    if let Some(seller_order_id) = seller_order_id {
        sql.push_str(" AND l.seller_order_id = ?");
        values.push(seller_order_id.to_owned().into());
    }
    sql.push_str(" ORDER BY r.offer_id, r.location_id");
    Ok(
        ReservationRow::find_by_statement(statement(backend, &sql, values))
            .all(conn)
            .await?,
    )
}

/// Moves a reservation from `from` to `to` status; false when another settlement won.
async fn claim(
    conn: &impl ConnectionTrait,
    id: &str,
    from: &str,
    to: &str,
) -> Result<bool, StoreError> {
    let result = conn
        .execute_raw(statement(
            conn.get_database_backend(),
            "UPDATE reservations SET status = ? WHERE id = ? AND status = ?",
            [
                to.to_owned().into(),
                id.to_owned().into(),
                from.to_owned().into(),
            ],
        ))
        .await?;
    Ok(result.rows_affected() == 1)
}

/// Paid: the held units leave the shelf. The reservations are claimed in one statement
/// (settlement runs inside the write transaction every other writer waits for); the stock
/// rows' updates go into the settlement's `script`, in `offer_id, location_id` order, the
/// order checkouts lock them in. Each row exists (the reservation's foreign key) and its
/// `quantity` and `reserved` cannot go below zero (check constraints): an update that
/// would not be covered fails the script, and so the settlement.
pub(crate) async fn commit_into(
    conn: &impl ConnectionTrait,
    order_id: &str,
    script: &mut Script,
) -> Result<(), StoreError> {
    let mut claimed = ReservationRow::find_by_statement(statement(
        conn.get_database_backend(),
        "UPDATE reservations SET status = 'committed' WHERE order_id = ? AND status = 'held' \
         RETURNING id, offer_id, location_id, CAST(quantity AS BIGINT) AS quantity",
        [Value::from(order_id.to_owned())],
    ))
    .all(conn)
    .await?;
    claimed.sort_by(|a, b| (&a.offer_id, &a.location_id).cmp(&(&b.offer_id, &b.location_id)));
    let mut sold = Movements::default();
    for row in &claimed {
        sold.push(Movement {
            offer_id: &row.offer_id,
            location_id: &row.location_id,
            reason: Reason::Sale,
            quantity_change: -row.quantity,
            reserved_change: -row.quantity,
            order_id: Some(order_id),
            note: "",
        });
    }
    for row in claimed {
        script.push(
            "UPDATE stock_levels SET quantity = quantity - ?, reserved = reserved - ? \
             WHERE offer_id = ? AND location_id = ?",
            [
                row.quantity.into(),
                row.quantity.into(),
                row.offer_id.into(),
                row.location_id.into(),
            ],
        );
    }
    sold.add_to(script);
    Ok(())
}

/// Not paid: the held units are free again, and the search lists their offers again.
pub async fn release(conn: &impl ConnectionTrait, order_id: &str) -> Result<(), StoreError> {
    let mut freed = BTreeSet::new();
    for row in reservations_in(conn, order_id, None, "held").await? {
        if claim(conn, &row.id, "held", "released").await? {
            freed.insert(row.offer_id.clone());
            let result = conn
                .execute_raw(statement(
                    conn.get_database_backend(),
                    "UPDATE stock_levels SET reserved = reserved - ? \
                     WHERE offer_id = ? AND location_id = ? AND reserved >= ?",
                    [
                        row.quantity.into(),
                        row.offer_id.clone().into(),
                        row.location_id.clone().into(),
                        row.quantity.into(),
                    ],
                ))
                .await?;
            if result.rows_affected() != 1 {
                return Err(StoreError::Internal(format!(
                    "reservation {} over-released",
                    row.id
                )));
            }
            movements::record(
                conn,
                Movement {
                    offer_id: &row.offer_id,
                    location_id: &row.location_id,
                    reason: Reason::Release,
                    quantity_change: 0,
                    reserved_change: -row.quantity,
                    order_id: Some(order_id),
                    note: "",
                },
            )
            .await?;
        }
    }
    let freed: Vec<String> = freed.into_iter().collect();
    listings::refresh(conn, Listed::ProductsOfOffers(&freed)).await
}

/// Where goods that came back go.
#[derive(Debug, Clone, Copy)]
pub enum Restock<'a> {
    /// A paid part cancelled before it left: back on the shelf each unit came from.
    Cancelled,
    /// A return accepted at a distance: back on the shelf each unit came from.
    Returned,
    /// A return taken over the counter: onto this store's shelf.
    ReturnedAt(&'a str),
}

/// Goods back: the committed units of one seller order go back on a shelf, once, and
/// the search lists their offers again.
pub async fn restock(
    conn: &impl ConnectionTrait,
    order_id: &str,
    seller_order_id: &str,
    to: Restock<'_>,
) -> Result<(), StoreError> {
    let backend = conn.get_database_backend();
    let (reason, note) = match to {
        Restock::Cancelled => (Reason::Cancellation, ""),
        Restock::Returned => (Reason::Return, ""),
        Restock::ReturnedAt(_) => (Reason::Return, "returned in store"),
    };
    let mut back = BTreeSet::new();
    for row in reservations_in(conn, order_id, Some(seller_order_id), "committed").await? {
        if claim(conn, &row.id, "committed", "restocked").await? {
            back.insert(row.offer_id.clone());
            let location_id = match to {
                Restock::ReturnedAt(store) => store.to_owned(),
                _ => row.location_id.clone(),
            };
            // The store taking a return may never have held this offer: the row appears.
            conn.execute_raw(statement(
                backend,
                "INSERT INTO stock_levels (offer_id, location_id, quantity, reserved) VALUES (?, ?, ?, 0) \
                 ON CONFLICT (offer_id, location_id) DO UPDATE SET quantity = stock_levels.quantity + excluded.quantity",
                [row.offer_id.clone().into(), location_id.clone().into(), row.quantity.into()],
            ))
            .await?;
            movements::record(
                conn,
                Movement {
                    offer_id: &row.offer_id,
                    location_id: &location_id,
                    reason,
                    quantity_change: row.quantity,
                    reserved_change: 0,
                    order_id: Some(order_id),
                    note,
                },
            )
            .await?;
        }
    }
    let back: Vec<String> = back.into_iter().collect();
    listings::refresh(conn, Listed::ProductsOfOffers(&back)).await
}
