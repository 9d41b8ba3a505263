//! The audit log: every operator action with who, when, what and why. Rows are only ever
//! inserted, in the transaction of the action they record.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};

use super::entity::audit_log;
use crate::db::entity::users;
use crate::{Db, StoreError, new_id, now};

/// One value an action changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditChange {
    pub field: String,
    pub old: String,
    pub new: String,
}

impl AuditChange {
    pub fn new(field: &str, old: impl ToString, new: impl ToString) -> Self {
        Self {
            field: field.to_owned(),
            old: old.to_string(),
            new: new.to_string(),
        }
    }
}

/// What one audit row says, with the operator's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub row: audit_log::Model,
    pub operator_name: String,
    pub operator_email: String,
    pub changes: Vec<AuditChange>,
}

/// Which rows to list; `None` matches any.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub operator_id: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
}

/// Writes one audit row (call it inside the action's transaction).
pub(crate) async fn record(
    conn: &impl ConnectionTrait,
    operator_id: &str,
    action: &str,
    target: (&str, &str),
    reason: &str,
    changes: &[AuditChange],
) -> Result<audit_log::Model, StoreError> {
    let details = serde_json::to_string(changes)
        .map_err(|err| StoreError::Internal(format!("audit details: {err}")))?;
    Ok(audit_log::ActiveModel {
        id: Set(new_id()),
        operator_id: Set(operator_id.to_owned()),
        action: Set(action.to_owned()),
        target_type: Set(target.0.to_owned()),
        target_id: Set(target.1.to_owned()),
        reason: Set(reason.to_owned()),
        details: Set(details),
        created_at: Set(now()),
    }
    .insert(conn)
    .await?)
}

/// One page of the audit log, newest first, and how many rows match.
pub async fn list_audit(
    db: &Db,
    filter: &AuditFilter,
    page: u64,
    per_page: u64,
) -> Result<(Vec<AuditEntry>, u64), StoreError> {
    let mut query = audit_log::Entity::find();
    let non_empty = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    if let Some(action) = non_empty(&filter.action) {
        query = query.filter(audit_log::Column::Action.eq(action));
    }
    if let Some(operator) = non_empty(&filter.operator_id) {
        query = query.filter(audit_log::Column::OperatorId.eq(operator));
    }
    if let Some(target_type) = non_empty(&filter.target_type) {
        query = query.filter(audit_log::Column::TargetType.eq(target_type));
    }
    if let Some(target_id) = non_empty(&filter.target_id) {
        query = query.filter(audit_log::Column::TargetId.eq(target_id));
    }
    let paginator = query
        .order_by_desc(audit_log::Column::CreatedAt)
        .order_by_desc(audit_log::Column::Id)
        .paginate(db.conn(), per_page.clamp(1, 200));
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page.max(1) - 1).await?;
    let mut entries = Vec::with_capacity(rows.len());
    for row in rows {
        let operator = users::Entity::find_by_id(row.operator_id.clone())
            .one(db.conn())
            .await?;
        let changes = serde_json::from_str(&row.details).unwrap_or_default();
        entries.push(AuditEntry {
            operator_name: operator
                .as_ref()
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            operator_email: operator.map(|u| u.email).unwrap_or_default(),
            changes,
            row,
        });
    }
    Ok((entries, total))
}
