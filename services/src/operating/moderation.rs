//! Listing moderation: shoppers report offers; operators see every offer that needs a
//! decision (open reports, or held for review by the automated checks) and take it down
//! or clear it, with a reason the seller sees on the offer and in a message.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, Value,
};

use super::audit::{AuditChange, record};
use super::entity::offer_reports;
use super::{notify, reason};
use crate::catalog::listings::{self, Listed};
use crate::db::entity::{offers, shops};
use crate::db::statement;
use crate::error::OnUniqueViolation;
use crate::{Db, StoreError, new_id, now};

/// Files a shopper's report on a live offer. A second open report by the same shopper on
/// the same offer is a 409 (the unique index decides).
pub async fn report_offer(
    db: &Db,
    reporter_id: &str,
    offer_id: &str,
    why: &str,
) -> Result<offer_reports::Model, StoreError> {
    let why = reason(why, true)?;
    // Only what shoppers can see can be reported; anything else is not found.
    let offer = offers::Entity::find_by_id(offer_id.to_owned())
        .one(db.conn())
        .await?
        .filter(|offer| offer.status == "active")
        .ok_or(StoreError::NotFound)?;
    shops::Entity::find_by_id(offer.shop_id.clone())
        .one(db.conn())
        .await?
        .filter(|shop| shop.status == "approved")
        .ok_or(StoreError::NotFound)?;
    offer_reports::ActiveModel {
        id: Set(new_id()),
        offer_id: Set(offer.id),
        reporter_id: Set(reporter_id.to_owned()),
        reason: Set(why),
        status: Set("open".to_owned()),
        created_at: Set(now()),
        resolved_at: Set(None),
    }
    .insert(db.writer())
    .await
    .on_unique_violation(
        "already_reported",
        "you already reported this offer; an operator will look at it",
        "offer_id",
    )
}

/// An offer waiting for an operator: reported, or held for review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportCase {
    pub offer_id: String,
    pub product_id: String,
    pub title: String,
    pub shop_id: String,
    pub shop_name: String,
    pub price_cents: i64,
    pub currency: String,
    pub status: String,
    /// Why the automated checks held it, or why it was taken down.
    pub moderation_note: Option<String>,
    pub open_reports: i64,
    /// The open reports' reasons, newest first.
    pub reasons: Vec<String>,
}

#[derive(Debug, FromQueryResult)]
struct CaseRow {
    offer_id: String,
    product_id: String,
    title: String,
    shop_id: String,
    shop_name: String,
    price_cents: i64,
    currency: String,
    status: String,
    moderation_note: Option<String>,
    open_reports: i64,
}

const CASES: &str = "SELECT o.id AS offer_id, p.id AS product_id, p.title, s.id AS shop_id, \
    s.name AS shop_name, o.price_cents, o.currency, o.status, o.moderation_note, \
    (SELECT COUNT(*) FROM offer_reports r WHERE r.offer_id = o.id AND r.status = 'open') AS open_reports \
    FROM offers o JOIN products p ON p.id = o.product_id JOIN shops s ON s.id = o.shop_id \
    WHERE o.status <> 'deleted' AND (o.status = 'review' OR EXISTS \
      (SELECT 1 FROM offer_reports r WHERE r.offer_id = o.id AND r.status = 'open'))";

#[derive(Debug, FromQueryResult)]
struct Count {
    n: i64,
}

/// The moderation queue, oldest offer first, and how long it is.
pub async fn list_reports(
    db: &Db,
    page: u64,
    per_page: u64,
) -> Result<(Vec<ReportCase>, u64), StoreError> {
    let backend = db.backend();
    let total = Count::find_by_statement(statement(
        backend,
        &format!("SELECT COUNT(*) AS n FROM ({CASES}) cases"),
        [],
    ))
    .one(db.conn())
    .await?
    .map_or(0, |c| u64::try_from(c.n).unwrap_or(0));
    let per_page = per_page.clamp(1, 200);
    let offset = (page.max(1) - 1) * per_page;
    let rows = CaseRow::find_by_statement(statement(
        backend,
        &format!("{CASES} ORDER BY o.created_at, o.id LIMIT {per_page} OFFSET {offset}"),
        [],
    ))
    .all(db.conn())
    .await?;
    let mut cases = Vec::with_capacity(rows.len());
    for row in rows {
        let reasons = offer_reports::Entity::find()
            .filter(offer_reports::Column::OfferId.eq(row.offer_id.clone()))
            .filter(offer_reports::Column::Status.eq("open"))
            .order_by_desc(offer_reports::Column::CreatedAt)
            .all(db.conn())
            .await?
            .into_iter()
            .map(|report| report.reason)
            .collect();
        cases.push(ReportCase {
            offer_id: row.offer_id,
            product_id: row.product_id,
            title: row.title,
            shop_id: row.shop_id,
            shop_name: row.shop_name,
            price_cents: row.price_cents,
            currency: row.currency,
            status: row.status,
            moderation_note: row.moderation_note,
            open_reports: row.open_reports,
            reasons,
        });
    }
    Ok((cases, total))
}

/// An operator's decision on an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferAction {
    /// Hide it from shoppers; the seller cannot publish it again.
    Takedown,
    /// Nothing wrong: open reports are dismissed, an offer held or taken down goes live.
    Clear,
}

impl OfferAction {
    /// `takedown` or `clear`, as in the URL.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "takedown" => Some(Self::Takedown),
            "clear" => Some(Self::Clear),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Takedown => "takedown",
            Self::Clear => "clear",
        }
    }
}

/// Takes an offer down or clears it, in one transaction with its reports' outcome, its
/// audit row and the message to the shop's staff. Returns the offer after the decision.
pub async fn moderate_offer(
    db: &Db,
    operator_id: &str,
    offer_id: &str,
    action: OfferAction,
    why: &str,
) -> Result<offers::Model, StoreError> {
    let why = reason(why, action == OfferAction::Takedown)?;
    let txn = db.begin_write().await?;
    let backend = txn.get_database_backend();
    let offer = offers::Entity::find_by_id(offer_id.to_owned())
        .one(&txn)
        .await?
        .filter(|offer| offer.status != "deleted")
        .ok_or(StoreError::NotFound)?;
    let (from, to, report_outcome): (&[&str], &str, &str) = match action {
        OfferAction::Takedown => (&["active", "inactive", "review"], "taken_down", "actioned"),
        OfferAction::Clear => (&["review", "taken_down"], "active", "cleared"),
    };
    let note = match action {
        OfferAction::Takedown => Some(why.clone()),
        OfferAction::Clear => None,
    };
    let moved = if from.contains(&offer.status.as_str()) {
        txn.execute_raw(statement(
            backend,
            "UPDATE offers SET status = ?, moderation_note = ?, updated_at = ? \
             WHERE id = ? AND status = ?",
            [
                to.into(),
                note.into(),
                now().into(),
                offer.id.clone().into(),
                offer.status.clone().into(),
            ],
        ))
        .await?
        .rows_affected()
            == 1
    } else {
        false
    };
    let resolved = txn
        .execute_raw(statement(
            backend,
            "UPDATE offer_reports SET status = ?, resolved_at = ? WHERE offer_id = ? AND status = 'open'",
            [
                report_outcome.into(),
                now().into(),
                offer.id.clone().into(),
            ],
        ))
        .await?
        .rows_affected();
    if !moved && resolved == 0 {
        return Err(StoreError::Conflict {
            code: "invalid_transition",
            message: match action {
                OfferAction::Takedown => format!("this offer is already {}", offer.status),
                OfferAction::Clear => {
                    format!(
                        "nothing to clear: the offer is {} and has no open report",
                        offer.status
                    )
                }
            },
            field: None,
        });
    }
    let mut changes = Vec::new();
    if moved {
        changes.push(AuditChange::new("status", &offer.status, to));
    }
    if resolved > 0 {
        changes.push(AuditChange::new(
            "open_reports",
            resolved,
            format!("0 ({resolved} {report_outcome})"),
        ));
    }
    let entry = record(
        &txn,
        operator_id,
        &format!("offer.{}", action.as_str()),
        ("offer", &offer.id),
        &why,
        &changes,
    )
    .await?;
    if moved {
        listings::refresh(&txn, Listed::Product(&offer.product_id)).await?;
        let title = title_of(&txn, &offer.product_id).await?;
        let (subject, body) = message(action, &title, &why);
        notify::shop_staff(
            &txn,
            &offer.shop_id,
            &format!("offer_{}", action.as_str()),
            &format!("audit:{}", entry.id),
            subject,
            body,
        )
        .await?;
    }
    let after = offers::Entity::find_by_id(offer.id.clone())
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    txn.commit().await?;
    tracing::info!(offer.id = %offer_id, action = action.as_str(), "offer moderated");
    Ok(after)
}

#[derive(Debug, FromQueryResult)]
struct Title {
    title: String,
}

async fn title_of(conn: &impl ConnectionTrait, product_id: &str) -> Result<String, StoreError> {
    Ok(Title::find_by_statement(statement(
        conn.get_database_backend(),
        "SELECT title FROM products WHERE id = ?",
        [Value::from(product_id.to_owned())],
    ))
    .one(conn)
    .await?
    .map(|t| t.title)
    .unwrap_or_default())
}

fn message(action: OfferAction, title: &str, why: &str) -> (String, String) {
    let short: String = title.chars().take(120).collect();
    match action {
        OfferAction::Takedown => (
            format!("Offre retirée · Offer taken down: {short}"),
            format!(
                "Un opérateur a retiré votre offre « {title} ».\n\nMotif : {why}\n\n---\n\n\
                 An operator took down your offer “{title}”.\n\nReason: {why}\n"
            ),
        ),
        OfferAction::Clear => (
            format!("Offre publiée · Offer published: {short}"),
            format!(
                "Votre offre « {title} » a été vérifiée et est de nouveau en ligne.\n\n---\n\n\
                 Your offer “{title}” was checked and is live again.\n"
            ),
        ),
    }
}

/// The reason an operator gave (or the automated checks wrote) on one of a shop's offers:
/// what the seller sees beside an offer that is taken down or held for review.
pub async fn moderation_note(
    db: &Db,
    shop_id: &str,
    offer_id: &str,
) -> Result<(offers::Model, Option<String>), StoreError> {
    #[derive(Debug, FromQueryResult)]
    struct Note {
        moderation_note: Option<String>,
    }
    let offer = offers::Entity::find_by_id(offer_id.to_owned())
        .filter(offers::Column::ShopId.eq(shop_id.to_owned()))
        .filter(offers::Column::Status.ne("deleted"))
        .one(db.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    let note = Note::find_by_statement(statement(
        db.backend(),
        "SELECT moderation_note FROM offers WHERE id = ?",
        [Value::from(offer.id.clone())],
    ))
    .one(db.conn())
    .await?
    .and_then(|n| n.moderation_note);
    Ok((offer, note))
}
