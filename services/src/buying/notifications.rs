//! The outbox: a message is a row written in the same transaction as the change it tells
//! about, so it is never lost nor sent for a change that rolled back. A job delivers pending
//! rows (by SMTP when configured, else as `.eml` files in a folder) and the account page
//! shows them. `dedupe_key` makes each message exist once, however often its cause is
//! retried. Messages are written in French then English: accounts have no language yet.

use std::path::Path;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Value,
};

use super::pickup_hold;
use crate::db::entity::{locations, notifications, seller_orders, shops};
use crate::db::{Script, statement};
use crate::{Db, StoreError, new_id, now, settings};
use domain::money::format_euros;

#[derive(Debug, FromQueryResult)]
struct Recipient {
    user_id: String,
    email: String,
    name: String,
    number: String,
    total_cents: i64,
}

async fn recipient(
    conn: &impl ConnectionTrait,
    order_id: &str,
) -> Result<Option<Recipient>, StoreError> {
    Ok(Recipient::find_by_statement(statement(
        conn.get_database_backend(),
        "SELECT u.id AS user_id, u.email, u.name, o.number, o.total_cents \
         FROM orders o JOIN users u ON u.id = o.user_id WHERE o.id = ?",
        [Value::from(order_id.to_owned())],
    ))
    .one(conn)
    .await?)
}

async fn enqueue(
    conn: &impl ConnectionTrait,
    to: &Recipient,
    kind: &str,
    order_id: &str,
    dedupe_key: String,
    subject: String,
    body: String,
) -> Result<(), StoreError> {
    let mut script = Script::default();
    push_enqueue(
        &mut script,
        to,
        kind,
        Some(order_id),
        dedupe_key,
        subject,
        body,
    );
    script.execute(conn).await?;
    Ok(())
}

/// The outbox insert of one message; a message already queued under `dedupe_key` stays.
fn push_enqueue(
    script: &mut Script,
    to: &Recipient,
    kind: &str,
    order_id: Option<&str>,
    dedupe_key: String,
    subject: String,
    body: String,
) {
    script.push(
        "INSERT INTO notifications (id, user_id, kind, email, subject, body, order_id, dedupe_key, \
         status, attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?) \
         ON CONFLICT (dedupe_key) DO NOTHING",
        [
            new_id().into(),
            to.user_id.clone().into(),
            kind.to_owned().into(),
            to.email.clone().into(),
            subject.into(),
            body.into(),
            order_id.map(str::to_owned).into(),
            dedupe_key.into(),
            now().into(),
        ],
    );
}

/// "Your order is placed", once the payment is captured: read before the settlement takes
/// the write lock, so only its insert happens under it.
pub struct OrderPlaced {
    to: Recipient,
    order_id: String,
}

pub async fn prepare_order_placed(
    conn: &impl ConnectionTrait,
    order_id: &str,
) -> Result<Option<OrderPlaced>, StoreError> {
    Ok(recipient(conn, order_id).await?.map(|to| OrderPlaced {
        to,
        order_id: order_id.to_owned(),
    }))
}

impl OrderPlaced {
    /// Adds the message to the settlement's `script`.
    pub(crate) fn add_to(self, script: &mut Script) {
        let to = &self.to;
        let subject = format!(
            "Commande {} confirmée · Order {} confirmed",
            to.number, to.number
        );
        let body = format!(
            "Bonjour {name},\n\nMerci ! Votre commande {number} de {total} est payée. Chaque vendeur \
             prépare sa partie ; vous recevrez un message à chaque expédition.\n\n---\n\nHello {name},\n\n\
             Thank you! Your order {number} of {total} is paid. Each seller prepares its part; you will \
             hear from us as each one ships.\n",
            name = to.name,
            number = to.number,
            total = format_euros(to.total_cents),
        );
        push_enqueue(
            script,
            to,
            "order_placed",
            Some(&self.order_id),
            format!("order_placed:{}", self.order_id),
            subject,
            body,
        );
    }
}

/// "A part of your order is on its way".
pub async fn shipped(
    conn: &impl ConnectionTrait,
    order_id: &str,
    seller_order_id: &str,
    shop_name: &str,
    carrier: &str,
    tracking: &str,
) -> Result<(), StoreError> {
    let Some(to) = recipient(conn, order_id).await? else {
        return Ok(());
    };
    let subject = format!("{shop_name} a expédié votre colis · {shop_name} shipped your parcel");
    let body = format!(
        "Bonjour {name},\n\n{shop_name} a expédié sa partie de la commande {number} \
         ({carrier}, suivi {tracking}).\n\n---\n\nHello {name},\n\n{shop_name} shipped its part of \
         order {number} ({carrier}, tracking {tracking}).\n",
        name = to.name,
        number = to.number,
    );
    enqueue(
        conn,
        &to,
        "shipped",
        order_id,
        format!("shipped:{seller_order_id}"),
        subject,
        body,
    )
    .await
}

/// "You have been refunded".
pub async fn refunded(
    conn: &impl ConnectionTrait,
    order_id: &str,
    refund_id: &str,
    shop_name: &str,
    amount_cents: i64,
) -> Result<(), StoreError> {
    let Some(to) = recipient(conn, order_id).await? else {
        return Ok(());
    };
    let amount = format_euros(amount_cents);
    let subject = format!("Remboursement de {amount} · Refund of {amount}");
    let body = format!(
        "Bonjour {name},\n\n{shop_name} vous a remboursé {amount} sur la commande {number}. \
         L'argent revient sur votre carte sous quelques jours.\n\n---\n\nHello {name},\n\n\
         {shop_name} refunded {amount} on order {number}. The money reaches your card within a few days.\n",
        name = to.name,
        number = to.number,
    );
    enqueue(
        conn,
        &to,
        "refunded",
        order_id,
        format!("refunded:{refund_id}"),
        subject,
        body,
    )
    .await
}

/// "Your order is waiting in store", when the seller marks a pickup part ready (written
/// in the same transaction): which shop, which store (address, opening hours), the pickup
/// code in letters and as a QR code drawn in text, and until when the store holds it.
pub(crate) async fn ready_for_pickup(
    conn: &impl ConnectionTrait,
    part: &seller_orders::Model,
    ready_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Some(to) = recipient(conn, &part.order_id).await? else {
        return Ok(());
    };
    let shop = shops::Entity::find_by_id(&part.shop_id)
        .one(conn)
        .await?
        .map(|shop| shop.name)
        .unwrap_or_default();
    let store = match &part.store_id {
        Some(id) => locations::Entity::find_by_id(id).one(conn).await?,
        None => None,
    };
    let hold_days = settings::load(conn).await?.pickup_hold_days;
    let until = pickup_hold::held_until(ready_at, hold_days);
    let code = part.pickup_code.clone().unwrap_or_default();
    let (where_fr, where_en) = match &store {
        Some(store) => {
            let place = format!(
                "{}, {}, {} {}",
                store.name, store.address, store.postcode, store.city
            );
            let hours = store.opening_hours.trim();
            if hours.is_empty() {
                (format!("Où : {place}\n"), format!("Where: {place}\n"))
            } else {
                (
                    format!("Où : {place}\nHoraires : {hours}\n"),
                    format!("Where: {place}\nOpening hours: {hours}\n"),
                )
            }
        }
        None => (String::new(), String::new()),
    };
    let qr = pickup_hold::qr_text(&code).unwrap_or_default();
    let subject = format!(
        "Votre commande {number} vous attend chez {shop} · Your order {number} is ready at {shop}",
        number = to.number,
    );
    let body = format!(
        "Bonjour {name},\n\n{shop} a préparé sa partie de la commande {number} : elle vous attend \
         en magasin.\n\n{where_fr}Code de retrait : {code}\nGardée jusqu'au {until_fr}. Passé ce \
         délai, elle est annulée et remboursée.\n\nPrésentez ce code, ou le QR code ci-dessous, \
         en caisse.\n\n---\n\nHello {name},\n\n{shop} has prepared its part of order {number}: it is \
         waiting for you in store.\n\n{where_en}Pickup code: {code}\nHeld until {until_en}. After \
         that, it is cancelled and refunded.\n\nShow this code, or the QR code below, at the \
         till.\n\n{qr}\n",
        name = to.name,
        number = to.number,
        until_fr = until.format("%d/%m/%Y"),
        until_en = until.format("%-d %B %Y"),
    );
    enqueue(
        conn,
        &to,
        "ready_for_pickup",
        &part.order_id,
        format!("ready_for_pickup:{}", part.id),
        subject,
        body,
    )
    .await
}

/// "Your order was not collected in time", once the pickup hold job cancelled a part (its
/// refund has its own message).
pub(crate) async fn not_collected(
    conn: &impl ConnectionTrait,
    order_id: &str,
    seller_order_id: &str,
    shop_name: &str,
    store_name: &str,
    refunded_cents: i64,
) -> Result<(), StoreError> {
    let Some(to) = recipient(conn, order_id).await? else {
        return Ok(());
    };
    let amount = format_euros(refunded_cents);
    let at = if store_name.is_empty() {
        shop_name.to_owned()
    } else {
        format!("{shop_name} ({store_name})")
    };
    let subject = format!(
        "Commande {number} non retirée · Order {number} not collected",
        number = to.number,
    );
    let body = format!(
        "Bonjour {name},\n\nVotre commande {number} n'a pas été retirée chez {at} avant la fin \
         du délai de garde. Elle est annulée et vous êtes remboursé de {amount}.\n\n---\n\n\
         Hello {name},\n\nYour order {number} was not collected at {at} before its hold ended. \
         It is cancelled and you are refunded {amount}.\n",
        name = to.name,
        number = to.number,
    );
    enqueue(
        conn,
        &to,
        "pickup_not_collected",
        order_id,
        format!("pickup_not_collected:{seller_order_id}"),
        subject,
        body,
    )
    .await
}

/// A user's messages, newest first.
pub async fn for_user(
    db: &Db,
    user_id: &str,
    limit: u64,
) -> Result<Vec<notifications::Model>, StoreError> {
    Ok(notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(user_id))
        .order_by_desc(notifications::Column::CreatedAt)
        .order_by_desc(notifications::Column::Id)
        .limit(limit)
        .all(db.conn())
        .await?)
}

/// Where pending messages go.
pub trait Mailer: Send + Sync {
    fn deliver<'a>(
        &'a self,
        message: &'a notifications::Model,
    ) -> futures::future::BoxFuture<'a, Result<(), String>>;

    /// How long a message claimed for sending stays with the process that claimed it:
    /// well past the longest a delivery can take, after which another run (in any
    /// process) takes it, since the one that claimed it has surely died.
    fn claim_for(&self) -> chrono::Duration {
        chrono::Duration::minutes(2)
    }
}

/// How long [`FolderMailer`] holds a claim: a message is written again by another run no
/// sooner than this after the claim that died.
pub const FOLDER_CLAIM_SECS: i64 = 10;

/// Writes each message as an `.eml` file in a folder: the default without SMTP, and what
/// a developer opens to read the mail the product sends.
pub struct FolderMailer {
    pub folder: std::path::PathBuf,
    pub from: String,
}

impl Mailer for FolderMailer {
    fn deliver<'a>(
        &'a self,
        message: &'a notifications::Model,
    ) -> futures::future::BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            tokio::fs::create_dir_all(&self.folder)
                .await
                .map_err(|err| err.to_string())?;
            let path: &Path = &self.folder;
            let file = path.join(format!("{}.eml", message.id));
            let text = format!(
                "From: {}\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}",
                self.from,
                message.email,
                message.subject,
                message.created_at.to_rfc2822(),
                message.body.replace('\n', "\r\n"),
            );
            tokio::fs::write(&file, text)
                .await
                .map_err(|err| err.to_string())
        })
    }

    /// Writing a file takes milliseconds.
    fn claim_for(&self) -> chrono::Duration {
        chrono::Duration::seconds(FOLDER_CLAIM_SECS)
    }
}

/// Background job: delivers up to 100 pending messages. Each is claimed before it is
/// sent, so two processes never send it together: the claim bumps `attempts`, and only
/// the run whose bump took (`attempts` still what it read) sends. A claim lasts
/// [`Mailer::claim_for`]; a message still `sending` after that was claimed by a process
/// that died, and is claimed again (at least once beats never: the mail might have left
/// just before the death). A failed delivery is retried up to 5 times.
pub async fn deliver_pending(db: &Db, mailer: &dyn Mailer) -> Result<u64, StoreError> {
    let backend = db.backend();
    let started = now();
    let pending = notifications::Model::find_by_statement(statement(
        backend,
        "SELECT * FROM notifications WHERE status IN ('pending', 'retry') \
         OR (status = 'sending' AND (claimed_until IS NULL OR claimed_until < ?)) \
         ORDER BY created_at LIMIT 100",
        [started.into()],
    ))
    .all(db.conn())
    .await?;
    let mut sent = 0;
    for message in pending {
        let claimed = db
            .writer()
            .execute_raw(statement(
                backend,
                "UPDATE notifications SET status = 'sending', attempts = attempts + 1, \
                 claimed_until = ? WHERE id = ? AND status = ? AND attempts = ?",
                [
                    (now() + mailer.claim_for()).into(),
                    message.id.clone().into(),
                    message.status.clone().into(),
                    message.attempts.into(),
                ],
            ))
            .await?;
        if claimed.rows_affected() != 1 {
            continue;
        }
        let attempt = message.attempts + 1;
        let (status, error) = match mailer.deliver(&message).await {
            Ok(()) => ("sent", None),
            Err(err) if attempt >= 5 => ("failed", Some(err)),
            Err(err) => ("retry", Some(err)),
        };
        if status != "sent" {
            tracing::warn!(notification = %message.id, error = ?error, "e-mail not delivered");
        }
        // Only while the claim is still ours: a run that took it over decides.
        let recorded = db
            .writer()
            .execute_raw(statement(
                backend,
                "UPDATE notifications SET status = ?, last_error = ?, sent_at = ?, \
                 claimed_until = NULL WHERE id = ? AND status = 'sending' AND attempts = ?",
                [
                    status.into(),
                    error.into(),
                    (status == "sent").then(now).into(),
                    message.id.clone().into(),
                    attempt.into(),
                ],
            ))
            .await?;
        if status == "sent" && recorded.rows_affected() == 1 {
            sent += 1;
        }
    }
    Ok(sent)
}

/// "Your cashback expires soon": once per lot (its dedupe key), naming the order it was
/// earned on. Answers whether there was someone to tell.
pub(crate) async fn cashback_expiring(
    conn: &impl ConnectionTrait,
    user_id: &str,
    lot_id: &str,
    order_id: Option<&str>,
    left_cents: i64,
    expires_at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let Some(to) = Recipient::find_by_statement(statement(
        conn.get_database_backend(),
        "SELECT u.id AS user_id, u.email, u.name, COALESCE(o.number, '') AS number, \
         CAST(0 AS BIGINT) AS total_cents FROM users u LEFT JOIN orders o ON o.id = ? WHERE u.id = ?",
        [
            Value::from(order_id.map(str::to_owned)),
            user_id.to_owned().into(),
        ],
    ))
    .one(conn)
    .await?
    else {
        return Ok(false);
    };
    let date = expires_at.format("%d/%m/%Y");
    let amount = format_euros(left_cents);
    let subject = format!(
        "Votre cashback de {amount} expire le {date} · Your {amount} of cashback expires on {date}"
    );
    let from_order = if to.number.is_empty() {
        String::new()
    } else {
        format!(" ({})", to.number)
    };
    let body = format!(
        "Bonjour {name},\n\n{amount} de cashback{from_order} expirent le {date}. Dépensez-les chez \
         n'importe quel vendeur Halles avant cette date : ils sont déduits au paiement.\n\n---\n\n\
         Hello {name},\n\n{amount} of cashback{from_order} expire on {date}. Spend it with any Halles \
         seller before then: it comes off at checkout.\n",
        name = to.name,
    );
    let mut script = Script::default();
    push_enqueue(
        &mut script,
        &to,
        "cashback_expiring",
        order_id,
        format!("cashback_expiring:{lot_id}"),
        subject,
        body,
    );
    script.execute(conn).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::test_support::fresh_db;

    /// Remembers what it was asked to send.
    #[derive(Default)]
    struct Outbox(Mutex<Vec<String>>);

    impl Mailer for Outbox {
        fn deliver<'a>(
            &'a self,
            message: &'a notifications::Model,
        ) -> futures::future::BoxFuture<'a, Result<(), String>> {
            Box::pin(async move {
                if let Ok(mut sent) = self.0.lock() {
                    sent.push(message.id.clone());
                }
                Ok(())
            })
        }
    }

    async fn message(db: &Db, id: &str, status: &str, claimed_until: Option<DateTime<Utc>>) {
        db.writer()
            .execute_raw(statement(
                db.backend(),
                "INSERT INTO notifications (id, user_id, kind, email, subject, body, dedupe_key, \
                 status, attempts, created_at, claimed_until) \
                 VALUES (?, 'u1', 'order_placed', 'a@example.com', 's', 'b', ?, ?, 1, ?, ?)",
                [
                    id.into(),
                    format!("test:{id}").into(),
                    status.into(),
                    now().into(),
                    claimed_until.into(),
                ],
            ))
            .await
            .expect("message inserted");
    }

    #[tokio::test]
    async fn a_message_left_sending_by_a_dead_process_is_sent_after_its_claim_runs_out()
    -> Result<(), StoreError> {
        let db = fresh_db().await?;
        db.writer()
            .execute_raw(statement(
                db.backend(),
                "INSERT INTO users (id, email, name, password_hash, is_operator, created_at) \
                 VALUES ('u1', 'a@example.com', 'A', 'x', ?, ?)",
                [false.into(), now().into()],
            ))
            .await?;
        let live = now() + chrono::Duration::minutes(1);
        let dead = now() - chrono::Duration::seconds(1);
        message(&db, "claimed-by-a-live-process", "sending", Some(live)).await;
        message(&db, "claimed-by-a-dead-process", "sending", Some(dead)).await;
        message(&db, "claimed-before-leases", "sending", None).await;
        message(&db, "waiting", "pending", None).await;

        let outbox = Outbox::default();
        assert_eq!(deliver_pending(&db, &outbox).await?, 3);
        let mut sent = outbox.0.lock().map(|sent| sent.clone()).unwrap_or_default();
        sent.sort();
        assert_eq!(
            sent,
            [
                "claimed-before-leases",
                "claimed-by-a-dead-process",
                "waiting"
            ]
        );
        // Sent once: a second run finds nothing, and the live claim is left alone.
        assert_eq!(deliver_pending(&db, &outbox).await?, 0);
        let rows = notifications::Entity::find()
            .order_by_asc(notifications::Column::Id)
            .all(db.conn())
            .await?;
        let states: Vec<(&str, &str, i32)> = rows
            .iter()
            .map(|row| (row.id.as_str(), row.status.as_str(), row.attempts))
            .collect();
        assert_eq!(
            states,
            [
                ("claimed-before-leases", "sent", 2),
                ("claimed-by-a-dead-process", "sent", 2),
                ("claimed-by-a-live-process", "sending", 1),
                ("waiting", "sent", 2),
            ]
        );
        Ok(())
    }
}
