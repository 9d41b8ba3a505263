//! The shop queue: applications waiting for a decision, and every shop by status.
//! Approve or reject an application; suspend or reinstate an approved shop. Each move is
//! a conditional update from the one status it starts from, audited, and told to the
//! shop's staff. Suspending hides the shop's offers everywhere shoppers look (search,
//! product pages and the e-shop only show approved shops) and checkout refuses them;
//! orders already paid carry on.

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QueryOrder, Value,
};

use super::audit::{AuditChange, record};
use super::{notify, reason};
use crate::catalog::listings::{self, Listed};
use crate::db::entity::shops;
use crate::db::statement;
use crate::{Db, StoreError};

/// An operator's decision on a shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShopAction {
    Approve,
    Reject,
    Suspend,
    Reinstate,
}

impl ShopAction {
    /// `approve`, `reject`, `suspend` or `reinstate`, as in the URL.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "approve" => Some(Self::Approve),
            "reject" => Some(Self::Reject),
            "suspend" => Some(Self::Suspend),
            "reinstate" => Some(Self::Reinstate),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Reject => "reject",
            Self::Suspend => "suspend",
            Self::Reinstate => "reinstate",
        }
    }

    /// The status the action starts from, and the one it leads to.
    pub fn transition(self) -> (&'static str, &'static str) {
        match self {
            Self::Approve => ("pending", "approved"),
            Self::Reject => ("pending", "rejected"),
            Self::Suspend => ("approved", "suspended"),
            Self::Reinstate => ("suspended", "approved"),
        }
    }

    /// Whether the operator must say why (the seller is told; approving needs no reason).
    pub fn needs_reason(self) -> bool {
        !matches!(self, Self::Approve)
    }

    fn message(self, shop: &str, why: &str) -> (String, String) {
        let why_fr = if why.is_empty() {
            String::new()
        } else {
            format!("\n\nMotif : {why}")
        };
        let why_en = if why.is_empty() {
            String::new()
        } else {
            format!("\n\nReason: {why}")
        };
        let (subject, fr, en) = match self {
            Self::Approve => (
                format!("{shop} est ouverte · {shop} is open"),
                "Votre boutique est approuvée : vos offres sont visibles des acheteurs.",
                "Your shop is approved: shoppers can now see your offers.",
            ),
            Self::Reject => (
                format!("Candidature refusée · Application declined: {shop}"),
                "Votre candidature n'a pas été retenue.",
                "Your application was declined.",
            ),
            Self::Suspend => (
                format!("{shop} est suspendue · {shop} is suspended"),
                "Votre boutique est suspendue : vos offres ne sont plus visibles. Vos commandes en cours continuent.",
                "Your shop is suspended: your offers are hidden. Orders under way carry on.",
            ),
            Self::Reinstate => (
                format!("{shop} est rétablie · {shop} is reinstated"),
                "Votre boutique est rétablie : vos offres sont de nouveau visibles.",
                "Your shop is reinstated: your offers are visible again.",
            ),
        };
        let subject: String = subject.chars().take(200).collect();
        (subject, format!("{fr}{why_fr}\n\n---\n\n{en}{why_en}\n"))
    }
}

/// A shop in the operators' queue, with who applied and what it lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedShop {
    pub shop: shops::Model,
    pub status_reason: Option<String>,
    pub owner_name: String,
    pub owner_email: String,
    pub offer_count: u64,
}

#[derive(Debug, FromQueryResult)]
struct Extra {
    status_reason: Option<String>,
    owner_name: Option<String>,
    owner_email: Option<String>,
    offer_count: i64,
}

async fn queued(conn: &impl ConnectionTrait, shop: shops::Model) -> Result<QueuedShop, StoreError> {
    let extra = Extra::find_by_statement(statement(
        conn.get_database_backend(),
        "SELECT h.status_reason, \
           (SELECT u.name FROM shop_staff s JOIN users u ON u.id = s.user_id WHERE s.shop_id = h.id \
            ORDER BY s.created_at, u.id LIMIT 1) AS owner_name, \
           (SELECT u.email FROM shop_staff s JOIN users u ON u.id = s.user_id WHERE s.shop_id = h.id \
            ORDER BY s.created_at, u.id LIMIT 1) AS owner_email, \
           (SELECT COUNT(*) FROM offers o WHERE o.shop_id = h.id AND o.status <> 'deleted') AS offer_count \
         FROM shops h WHERE h.id = ?",
        [Value::from(shop.id.clone())],
    ))
    .one(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok(QueuedShop {
        shop,
        status_reason: extra.status_reason,
        owner_name: extra.owner_name.unwrap_or_default(),
        owner_email: extra.owner_email.unwrap_or_default(),
        offer_count: u64::try_from(extra.offer_count).unwrap_or(0),
    })
}

/// Shops in `status` (every shop when `None`), oldest application first, and how many.
pub async fn list_shops(
    db: &Db,
    status: Option<&str>,
    page: u64,
    per_page: u64,
) -> Result<(Vec<QueuedShop>, u64), StoreError> {
    let mut query = shops::Entity::find();
    if let Some(status) = status {
        if !["pending", "approved", "rejected", "suspended"].contains(&status) {
            return Err(StoreError::Invalid {
                code: "invalid_parameter",
                message: "status is pending, approved, rejected or suspended".into(),
                field: Some("status"),
            });
        }
        query = query.filter(shops::Column::Status.eq(status));
    }
    let paginator = query
        .order_by_asc(shops::Column::CreatedAt)
        .order_by_asc(shops::Column::Id)
        .paginate(db.conn(), per_page.clamp(1, 200));
    let total = paginator.num_items().await?;
    let mut items = Vec::new();
    for shop in paginator.fetch_page(page.max(1) - 1).await? {
        items.push(queued(db.conn(), shop).await?);
    }
    Ok((items, total))
}

/// Applies `action` to a shop: only from the status it starts from (else a 409 saying
/// where the shop stands), with its audit row and the staff's message, in one transaction.
pub async fn moderate_shop(
    db: &Db,
    operator_id: &str,
    shop_id: &str,
    action: ShopAction,
    why: &str,
) -> Result<QueuedShop, StoreError> {
    let why = reason(why, action.needs_reason())?;
    let (from, to) = action.transition();
    let txn = db.begin_write().await?;
    let moved = txn
        .execute_raw(statement(
            txn.get_database_backend(),
            "UPDATE shops SET status = ?, status_reason = ? WHERE id = ? AND status = ?",
            [
                to.into(),
                Some(why.clone()).filter(|w| !w.is_empty()).into(),
                shop_id.to_owned().into(),
                from.into(),
            ],
        ))
        .await?;
    let shop = shops::Entity::find_by_id(shop_id.to_owned())
        .one(&txn)
        .await?
        .ok_or(StoreError::NotFound)?;
    if moved.rows_affected() != 1 {
        return Err(StoreError::Conflict {
            code: "invalid_transition",
            message: format!(
                "cannot {} a shop that is {} (only a {from} shop)",
                action.as_str(),
                shop.status
            ),
            field: None,
        });
    }
    // Approving, suspending or reinstating lists or hides every offer of the shop.
    listings::refresh(&txn, Listed::ProductsOfShop(shop_id)).await?;
    let entry = record(
        &txn,
        operator_id,
        &format!("shop.{}", action.as_str()),
        ("shop", shop_id),
        &why,
        &[AuditChange::new("status", from, to)],
    )
    .await?;
    let (subject, body) = action.message(&shop.name, &why);
    notify::shop_staff(
        &txn,
        shop_id,
        &format!("shop_{}", action.as_str()),
        &format!("audit:{}", entry.id),
        subject,
        body,
    )
    .await?;
    let shop = queued(&txn, shop).await?;
    txn.commit().await?;
    tracing::info!(shop.id = %shop_id, action = action.as_str(), "shop moderated");
    Ok(shop)
}
