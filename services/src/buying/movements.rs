//! Stock movements: every change of a stock row, with its reason, so that a level can
//! always be explained. A row's `quantity` is the sum of its movements' `quantity_change`,
//! its `reserved` the sum of their `reserved_change` (`halles check` verifies both).
//!
//! Movements are written in the same transaction as the change they explain, usually in
//! the same round trip ([`Movements::add_to`] a [`Script`]), and never updated or deleted
//! (the database refuses it).

use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use crate::db::{InsertRows, Script, statement};
use crate::{StoreError, new_id, now};

/// Why a stock row changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Goods arrived (the seller raised the level).
    Receipt,
    /// Paid: units left the shelf and their reservation.
    Sale,
    /// A checkout held units.
    Reservation,
    /// A hold ended unpaid (declined, abandoned, expired).
    Release,
    /// A shopper's return came back on a shelf.
    Return,
    /// A paid part was cancelled before it left: its units went back.
    Cancellation,
    /// The seller corrected the level (a count, breakage, loss).
    Adjustment,
    /// Moved between two locations of the shop.
    Transfer,
}

impl Reason {
    pub const ALL: [Reason; 8] = [
        Reason::Receipt,
        Reason::Sale,
        Reason::Reservation,
        Reason::Release,
        Reason::Return,
        Reason::Cancellation,
        Reason::Adjustment,
        Reason::Transfer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Receipt => "receipt",
            Reason::Sale => "sale",
            Reason::Reservation => "reservation",
            Reason::Release => "release",
            Reason::Return => "return",
            Reason::Cancellation => "cancellation",
            Reason::Adjustment => "adjustment",
            Reason::Transfer => "transfer",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|reason| reason.as_str() == text)
    }
}

/// One change of one stock row.
#[derive(Debug, Clone, Copy)]
pub struct Movement<'a> {
    pub offer_id: &'a str,
    pub location_id: &'a str,
    pub reason: Reason,
    pub quantity_change: i64,
    pub reserved_change: i64,
    pub order_id: Option<&'a str>,
    pub note: &'a str,
}

/// Movements gathered to be written in one statement.
pub struct Movements(InsertRows);

impl Default for Movements {
    fn default() -> Self {
        Self(InsertRows::new(
            "INSERT INTO stock_movements (id, offer_id, location_id, reason, quantity_change, \
             reserved_change, order_id, note, created_at) VALUES ",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ))
    }
}

impl Movements {
    pub fn push(&mut self, movement: Movement<'_>) {
        if movement.quantity_change == 0 && movement.reserved_change == 0 {
            return;
        }
        let note: String = movement.note.chars().take(200).collect();
        self.0.push([
            new_id().into(),
            movement.offer_id.to_owned().into(),
            movement.location_id.to_owned().into(),
            movement.reason.as_str().into(),
            movement.quantity_change.into(),
            movement.reserved_change.into(),
            movement.order_id.map(str::to_owned).into(),
            note.into(),
            now().into(),
        ]);
    }

    /// Writes them as part of `script`.
    pub(crate) fn add_to(self, script: &mut Script) {
        self.0.add_to(script, "");
    }

    /// Writes them now, inside the caller's transaction.
    pub async fn execute(self, conn: &impl ConnectionTrait) -> Result<(), StoreError> {
        self.0.execute(conn, "").await?;
        Ok(())
    }
}

/// Writes one movement now, inside the caller's transaction.
pub async fn record(conn: &impl ConnectionTrait, movement: Movement<'_>) -> Result<(), StoreError> {
    let mut one = Movements::default();
    one.push(movement);
    one.execute(conn).await
}

/// A movement as the seller reads it.
#[derive(Debug, Clone, FromQueryResult)]
pub struct MovementRow {
    pub id: String,
    pub offer_id: String,
    pub location_id: String,
    pub location_name: String,
    pub reason: String,
    pub quantity_change: i64,
    pub reserved_change: i64,
    pub order_id: Option<String>,
    pub note: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// The movements of one offer (at one location when given), newest first.
pub async fn history(
    conn: &impl ConnectionTrait,
    offer_id: &str,
    location_id: Option<&str>,
    limit: u64,
    offset: u64,
) -> Result<(Vec<MovementRow>, u64), StoreError> {
    let backend = conn.get_database_backend();
    let mut filter = "m.offer_id = ?".to_owned();
    let mut values: Vec<Value> = vec![offer_id.to_owned().into()];
    if let Some(location) = location_id {
        filter.push_str(" AND m.location_id = ?");
        values.push(location.to_owned().into());
    }
    let total: i64 = match conn
        .query_one_raw(statement(
            backend,
            &format!("SELECT CAST(COUNT(*) AS BIGINT) FROM stock_movements m WHERE {filter}"),
            values.clone(),
        ))
        .await?
    {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    values.push(i64::try_from(limit).unwrap_or(i64::MAX).into());
    values.push(i64::try_from(offset).unwrap_or(i64::MAX).into());
    let rows = MovementRow::find_by_statement(statement(
        backend,
        &format!(
            "SELECT m.id, m.offer_id, m.location_id, l.name AS location_name, m.reason, \
             CAST(m.quantity_change AS BIGINT) AS quantity_change, \
             CAST(m.reserved_change AS BIGINT) AS reserved_change, m.order_id, m.note, m.created_at \
             FROM stock_movements m JOIN locations l ON l.id = m.location_id \
             WHERE {filter} ORDER BY m.created_at DESC, m.id DESC LIMIT ? OFFSET ?"
        ),
        values,
    ))
    .all(conn)
    .await?;
    Ok((rows, u64::try_from(total).unwrap_or(0)))
}
