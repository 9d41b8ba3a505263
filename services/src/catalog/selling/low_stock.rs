//! Low stock: rows of a shop's offers whose free units (on the shelf, not reserved) are at
//! or below the offer's threshold. The seller sees them on demand, and a job e-mails the
//! shop's staff once per dip: a row is marked when it is announced and unmarked once it is
//! restocked above the threshold, so the next dip is announced again.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use crate::db::statement;
use crate::operating::notify;
use crate::{Db, StoreError, new_id, now};

/// One low row.
#[derive(Debug, Clone, FromQueryResult)]
pub struct LowStockRow {
    pub offer_id: String,
    pub title: String,
    pub shop_id: String,
    pub location_id: String,
    pub location_name: String,
    pub quantity: i64,
    pub reserved: i64,
    pub threshold: i64,
}

impl LowStockRow {
    pub fn free(&self) -> i64 {
        self.quantity - self.reserved
    }
}

const LOW_ROWS: &str = "SELECT sl.offer_id, p.title, o.shop_id, sl.location_id, l.name AS location_name, \
     CAST(sl.quantity AS BIGINT) AS quantity, CAST(sl.reserved AS BIGINT) AS reserved, \
     CAST(o.low_stock_threshold AS BIGINT) AS threshold \
     FROM stock_levels sl JOIN offers o ON o.id = sl.offer_id JOIN products p ON p.id = o.product_id \
     JOIN locations l ON l.id = sl.location_id \
     WHERE sl.quantity - sl.reserved <= o.low_stock_threshold";

/// The shop's low rows (offers not deleted), emptiest first.
pub async fn low_stock(db: &Db, shop_id: &str) -> Result<Vec<LowStockRow>, StoreError> {
    Ok(LowStockRow::find_by_statement(statement(
        db.backend(),
        &format!(
            "{LOW_ROWS} AND o.shop_id = ? AND o.status <> 'deleted' \
             ORDER BY sl.quantity - sl.reserved, p.title, l.name LIMIT 500"
        ),
        [Value::from(shop_id.to_owned())],
    ))
    .all(db.conn())
    .await?)
}

/// Background job: announces newly low rows of live offers to their shop's staff, one
/// e-mail per shop and run; forgets the announcement of rows restocked above their
/// threshold. Answers how many rows were announced. Safe to run in several processes: a
/// row is claimed by a conditional update before it is announced.
pub async fn alert_low_stock(db: &Db) -> Result<u64, StoreError> {
    let backend = db.backend();
    db.writer()
        .execute_raw(statement(
            backend,
            "UPDATE stock_levels SET low_alerted_at = NULL WHERE low_alerted_at IS NOT NULL \
             AND quantity - reserved > (SELECT o.low_stock_threshold FROM offers o WHERE o.id = stock_levels.offer_id)",
            [],
        ))
        .await?;
    let due = LowStockRow::find_by_statement(statement(
        backend,
        &format!(
            "{LOW_ROWS} AND sl.low_alerted_at IS NULL AND o.status = 'active' \
             ORDER BY o.shop_id, p.title, l.name LIMIT 1000"
        ),
        [],
    ))
    .all(db.conn())
    .await?;
    let mut by_shop: BTreeMap<String, Vec<LowStockRow>> = BTreeMap::new();
    for row in due {
        by_shop.entry(row.shop_id.clone()).or_default().push(row);
    }
    let mut announced = 0;
    for (shop_id, rows) in by_shop {
        let txn = db.begin_write().await?;
        let at = now();
        let mut claimed = Vec::new();
        for row in rows {
            let done = txn
                .execute_raw(statement(
                    backend,
                    "UPDATE stock_levels SET low_alerted_at = ? \
                     WHERE offer_id = ? AND location_id = ? AND low_alerted_at IS NULL",
                    [
                        at.into(),
                        row.offer_id.clone().into(),
                        row.location_id.clone().into(),
                    ],
                ))
                .await?;
            if done.rows_affected() == 1 {
                claimed.push(row);
            }
        }
        if !claimed.is_empty() {
            announce(&txn, &shop_id, &claimed).await?;
            announced += claimed.len() as u64;
        }
        txn.commit().await?;
    }
    Ok(announced)
}

/// One e-mail to each staff member of the shop, listing the rows (French, then English).
async fn announce(
    conn: &impl ConnectionTrait,
    shop_id: &str,
    rows: &[LowStockRow],
) -> Result<(), StoreError> {
    let lines: Vec<String> = rows
        .iter()
        .map(|row| {
            format!(
                "- {} — {} : {} / {} ({} réservé(s) · reserved)",
                row.title,
                row.location_name,
                row.free(),
                row.threshold,
                row.reserved
            )
        })
        .collect();
    let subject = format!(
        "Stock bas : {} ligne(s) · Low stock: {} line(s)",
        rows.len(),
        rows.len()
    );
    let body = format!(
        "Bonjour,\n\nCes articles sont au niveau d'alerte ou en dessous \
         (libres / seuil) :\n\n{lines}\n\nRéassortez-les depuis la console (écran Stock).\n\n---\n\n\
         Hello,\n\nThese items are at or below their alert level (free / threshold):\n\n{lines}\n\n\
         Restock them from the console (Stock screen).\n",
        lines = lines.join("\n")
    );
    // The claim of the rows makes this once per dip; the id keeps the keys unique.
    notify::shop_staff(
        conn,
        shop_id,
        "low_stock",
        &format!("low_stock:{}", new_id()),
        subject,
        body,
    )
    .await
}
