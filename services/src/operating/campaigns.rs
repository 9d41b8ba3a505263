//! Cashback campaigns: for a while, the platform pays a higher cashback rate on one shop's
//! or one category's items ("+5 % on Maison until Sunday"). The rate is added to the
//! platform's base rate; when several campaigns cover a line, the best one counts (see
//! `buying::cashback`). A campaign applies to orders paid while it runs.
//!
//! Operators create campaigns and end them early; both are audited. A campaign that has
//! not started yet is withdrawn outright (no order ever earned from it); a running one
//! ends now, so what it already gave stays explained by its dates.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, FromQueryResult, Value};

use super::audit::{AuditChange, record};
use crate::db::statement;
use crate::{Db, StoreError, new_id, now};

/// The highest campaign rate, in basis points (on top of the base rate).
pub const MAX_CAMPAIGN_BPS: i64 = 2_000;
/// The longest campaign.
pub const MAX_CAMPAIGN_DAYS: i64 = 366;

/// A campaign as an operator asks for it.
#[derive(Debug, Clone)]
pub struct CampaignInput {
    pub name: String,
    pub rate_bps: i64,
    /// Exactly one of `shop_id` and `category` (a category slug).
    pub shop_id: Option<String>,
    pub category: Option<String>,
    /// `None`: now.
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: DateTime<Utc>,
}

/// A campaign with what it covers, by name.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct Campaign {
    pub id: String,
    pub name: String,
    pub rate_bps: i32,
    pub shop_id: Option<String>,
    pub shop_name: Option<String>,
    pub category_id: Option<String>,
    pub category_slug: Option<String>,
    pub category_name: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

impl Campaign {
    /// `upcoming`, `running` or `ended`, at `at`.
    pub fn state(&self, at: DateTime<Utc>) -> &'static str {
        if at < self.starts_at {
            "upcoming"
        } else if at < self.ends_at {
            "running"
        } else {
            "ended"
        }
    }
}

const SELECT: &str = "SELECT c.id, c.name, c.rate_bps, c.shop_id, s.name AS shop_name, c.category_id, \
     k.slug AS category_slug, k.name_en AS category_name, c.starts_at, c.ends_at, c.created_at \
     FROM cashback_campaigns c LEFT JOIN shops s ON s.id = c.shop_id \
     LEFT JOIN categories k ON k.id = c.category_id";

/// Campaigns that have not ended, soonest first, then the 50 that ended last.
pub async fn list_campaigns(db: &Db) -> Result<Vec<Campaign>, StoreError> {
    let at = now();
    let backend = db.backend();
    let mut live = Campaign::find_by_statement(statement(
        backend,
        &format!("{SELECT} WHERE c.ends_at > ? ORDER BY c.starts_at, c.id"),
        [Value::from(at)],
    ))
    .all(db.conn())
    .await?;
    let ended = Campaign::find_by_statement(statement(
        backend,
        &format!("{SELECT} WHERE c.ends_at <= ? ORDER BY c.ends_at DESC, c.id LIMIT 50"),
        [Value::from(at)],
    ))
    .all(db.conn())
    .await?;
    live.extend(ended);
    Ok(live)
}

/// The campaigns of one shop that have not ended (for the seller's cashback view).
pub async fn live_for_shop(
    conn: &impl ConnectionTrait,
    shop_id: &str,
) -> Result<Vec<Campaign>, StoreError> {
    Ok(Campaign::find_by_statement(statement(
        conn.get_database_backend(),
        &format!("{SELECT} WHERE c.shop_id = ? AND c.ends_at > ? ORDER BY c.starts_at, c.id"),
        [Value::from(shop_id.to_owned()), now().into()],
    ))
    .all(conn)
    .await?)
}

async fn find(conn: &impl ConnectionTrait, id: &str) -> Result<Campaign, StoreError> {
    Campaign::find_by_statement(statement(
        conn.get_database_backend(),
        &format!("{SELECT} WHERE c.id = ?"),
        [Value::from(id.to_owned())],
    ))
    .one(conn)
    .await?
    .ok_or(StoreError::NotFound)
}

fn invalid(code: &'static str, message: impl Into<String>, field: &'static str) -> StoreError {
    StoreError::Invalid {
        code,
        message: message.into(),
        field: Some(field),
    }
}

/// What a valid input resolves to: the shop or category id it covers.
struct Checked {
    name: String,
    rate_bps: i32,
    shop_id: Option<String>,
    category_id: Option<String>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
}

async fn check(conn: &impl ConnectionTrait, input: CampaignInput) -> Result<Checked, StoreError> {
    let name = input.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(invalid(
            "name_invalid",
            "name the campaign (1 to 120 characters)",
            "name",
        ));
    }
    if !(1..=MAX_CAMPAIGN_BPS).contains(&input.rate_bps) {
        return Err(invalid(
            "rate_invalid",
            format!("a campaign adds 1 to {MAX_CAMPAIGN_BPS} basis points (0.01–20 %)"),
            "rate_bps",
        ));
    }
    let at = now();
    let starts_at = input.starts_at.unwrap_or(at);
    if starts_at < at - Duration::minutes(5) {
        return Err(invalid(
            "starts_in_past",
            "a campaign cannot start in the past",
            "starts_at",
        ));
    }
    if input.ends_at <= starts_at {
        return Err(invalid(
            "ends_before_start",
            "a campaign ends after it starts",
            "ends_at",
        ));
    }
    if input.ends_at - starts_at > Duration::days(MAX_CAMPAIGN_DAYS) {
        return Err(invalid(
            "campaign_too_long",
            format!("a campaign lasts at most {MAX_CAMPAIGN_DAYS} days"),
            "ends_at",
        ));
    }
    let shop_id = input.shop_id.filter(|id| !id.trim().is_empty());
    let category = input.category.filter(|slug| !slug.trim().is_empty());
    let backend = conn.get_database_backend();
    let (shop_id, category_id) = match (shop_id, category) {
        (Some(shop_id), None) => {
            let known = conn
                .query_one_raw(statement(
                    backend,
                    "SELECT id FROM shops WHERE id = ? AND status = 'approved'",
                    [Value::from(shop_id.clone())],
                ))
                .await?;
            if known.is_none() {
                return Err(invalid(
                    "shop_unknown",
                    "no approved shop has this id",
                    "shop_id",
                ));
            }
            (Some(shop_id), None)
        }
        (None, Some(slug)) => {
            let row = conn
                .query_one_raw(statement(
                    backend,
                    "SELECT id FROM categories WHERE slug = ?",
                    [Value::from(slug.trim().to_owned())],
                ))
                .await?
                .ok_or_else(|| {
                    invalid("category_unknown", "no category has this slug", "category")
                })?;
            (None, Some(row.try_get_by_index::<String>(0)?))
        }
        _ => {
            return Err(invalid(
                "campaign_target",
                "a campaign covers one shop (shop_id) or one category (category), not both",
                "shop_id",
            ));
        }
    };
    Ok(Checked {
        name,
        rate_bps: i32::try_from(input.rate_bps).unwrap_or_default(),
        shop_id,
        category_id,
        starts_at,
        ends_at: input.ends_at,
    })
}

/// Creates a campaign and audits it.
pub async fn create_campaign(
    db: &Db,
    operator_id: &str,
    input: CampaignInput,
) -> Result<Campaign, StoreError> {
    let checked = check(db.conn(), input).await?;
    let id = new_id();
    let txn = db.begin_write().await?;
    txn.execute_raw(statement(
        txn.get_database_backend(),
        "INSERT INTO cashback_campaigns (id, name, shop_id, category_id, rate_bps, starts_at, ends_at, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            id.clone().into(),
            checked.name.clone().into(),
            checked.shop_id.clone().into(),
            checked.category_id.clone().into(),
            checked.rate_bps.into(),
            checked.starts_at.into(),
            checked.ends_at.into(),
            now().into(),
        ],
    ))
    .await?;
    let changes = [
        AuditChange::new("name", "", &checked.name),
        AuditChange::new("rate_bps", "", checked.rate_bps),
        AuditChange::new(
            "covers",
            "",
            checked
                .shop_id
                .as_ref()
                .map(|id| format!("shop {id}"))
                .or_else(|| {
                    checked
                        .category_id
                        .as_ref()
                        .map(|id| format!("category {id}"))
                })
                .unwrap_or_default(),
        ),
        AuditChange::new("starts_at", "", checked.starts_at.to_rfc3339()),
        AuditChange::new("ends_at", "", checked.ends_at.to_rfc3339()),
    ];
    record(
        &txn,
        operator_id,
        "campaign.create",
        ("campaign", &id),
        "",
        &changes,
    )
    .await?;
    let campaign = find(&txn, &id).await?;
    txn.commit().await?;
    // Search cards show what their offer earns.
    crate::catalog::answers::catalog_changed();
    Ok(campaign)
}

/// Ends a campaign now (withdraws it if it has not started), with a reason, audited.
/// Ending one that has already ended is a 409.
pub async fn end_campaign(
    db: &Db,
    operator_id: &str,
    campaign_id: &str,
    reason: &str,
) -> Result<Option<Campaign>, StoreError> {
    let reason = super::reason(reason, true)?;
    let txn = db.begin_write().await?;
    let backend = txn.get_database_backend();
    let before = find(&txn, campaign_id).await?;
    let at = now();
    let state = before.state(at);
    let changed = match state {
        "upcoming" => txn
            .execute_raw(statement(
                backend,
                "DELETE FROM cashback_campaigns WHERE id = ? AND starts_at > ?",
                [Value::from(campaign_id.to_owned()), at.into()],
            ))
            .await?
            .rows_affected(),
        "running" => txn
            .execute_raw(statement(
                backend,
                "UPDATE cashback_campaigns SET ends_at = ? WHERE id = ? AND starts_at < ? AND ends_at > ?",
                [
                    at.into(),
                    campaign_id.to_owned().into(),
                    at.into(),
                    at.into(),
                ],
            ))
            .await?
            .rows_affected(),
        _ => 0,
    };
    if changed != 1 {
        return Err(StoreError::Conflict {
            code: "campaign_ended",
            message: "this campaign has already ended".into(),
            field: None,
        });
    }
    // Search cards show what their offer earns.
    crate::catalog::answers::catalog_changed();
    let (action, after) = if state == "upcoming" {
        ("campaign.withdraw", None)
    } else {
        ("campaign.end", Some(find(&txn, campaign_id).await?))
    };
    record(
        &txn,
        operator_id,
        action,
        ("campaign", campaign_id),
        &reason,
        &[AuditChange::new(
            "ends_at",
            before.ends_at.to_rfc3339(),
            after
                .as_ref()
                .map(|campaign| campaign.ends_at.to_rfc3339())
                .unwrap_or_else(|| "withdrawn".into()),
        )],
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
