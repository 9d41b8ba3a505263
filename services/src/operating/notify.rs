//! Messages to a shop's staff, or to one user, about an operator's decision, through the outbox (the
//! `notifications` table): written in the decision's transaction, delivered by the job.

use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use crate::db::statement;
use crate::{StoreError, new_id, now};

#[derive(Debug, FromQueryResult)]
struct Staff {
    user_id: String,
    email: String,
}

/// A message to every staff member of `shop_id`, once per `dedupe_key`.
pub(crate) async fn shop_staff(
    conn: &impl ConnectionTrait,
    shop_id: &str,
    kind: &str,
    dedupe_key: &str,
    subject: String,
    body: String,
) -> Result<(), StoreError> {
    let backend = conn.get_database_backend();
    let staff = Staff::find_by_statement(statement(
        backend,
        "SELECT u.id AS user_id, u.email FROM shop_staff s JOIN users u ON u.id = s.user_id \
         WHERE s.shop_id = ? ORDER BY u.id",
        [Value::from(shop_id.to_owned())],
    ))
    .all(conn)
    .await?;
    for member in staff {
        conn.execute_raw(statement(
            backend,
            "INSERT INTO notifications (id, user_id, kind, email, subject, body, order_id, \
             dedupe_key, status, attempts, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, NULL, ?, 'pending', 0, ?) \
             ON CONFLICT (dedupe_key) DO NOTHING",
            [
                new_id().into(),
                member.user_id.clone().into(),
                kind.to_owned().into(),
                member.email.into(),
                subject.clone().into(),
                body.clone().into(),
                format!("{dedupe_key}:{}", member.user_id).into(),
                now().into(),
            ],
        ))
        .await?;
    }
    Ok(())
}

/// A message to one user (the shopper of a dispute, say), once per `dedupe_key`.
pub(super) async fn user(
    conn: &impl ConnectionTrait,
    user_id: &str,
    kind: &str,
    dedupe_key: &str,
    order_id: Option<&str>,
    subject: String,
    body: String,
) -> Result<(), StoreError> {
    conn.execute_raw(statement(
        conn.get_database_backend(),
        "INSERT INTO notifications (id, user_id, kind, email, subject, body, order_id, \
         dedupe_key, status, attempts, created_at) \
         SELECT ?, u.id, ?, u.email, ?, ?, ?, ?, 'pending', 0, ? FROM users u WHERE u.id = ? \
         ON CONFLICT (dedupe_key) DO NOTHING",
        [
            new_id().into(),
            kind.to_owned().into(),
            subject.into(),
            body.into(),
            order_id.map(str::to_owned).into(),
            dedupe_key.to_owned().into(),
            now().into(),
            user_id.to_owned().into(),
        ],
    ))
    .await?;
    Ok(())
}
