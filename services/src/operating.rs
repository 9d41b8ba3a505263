//! Operating the marketplace: what platform operators do, and what keeps a record of it.
//!
//! - [`shops`]: the queue of shops by status; approve, reject, suspend, reinstate.
//! - [`moderation`]: shoppers' reports on offers; operators take an offer down or clear it.
//! - [`checks`]: the automated checks that hold a doubtful offer for review.
//! - [`rates`]: reading and changing the platform settings, validated per field.
//! - [`campaigns`]: time-boxed cashback campaigns on a shop or a category.
//! - [`audit`]: the append-only log of every operator action (who, when, what, why).
//! - [`entity`]: the tables this module owns (`audit_log`, `offer_reports`).
//!
//! Every operator action is one transaction: a conditional update (`WHERE status = from`,
//! so two operators racing cannot both act), its audit row, and the messages to the
//! people concerned in the outbox. Either all of it happens or none of it.

pub mod audit;
pub mod campaigns;
pub mod checks;
pub mod disputes;
pub mod entity;
pub mod moderation;
pub(crate) mod notify;
pub mod payouts;
pub mod rates;
pub mod shops;

use crate::StoreError;

pub use audit::{AuditChange, AuditEntry, AuditFilter, list_audit};
pub use campaigns::{Campaign, CampaignInput, create_campaign, end_campaign, list_campaigns};
pub use moderation::{OfferAction, ReportCase, list_reports, moderate_offer, report_offer};
pub use rates::{SettingsInput, update_settings};
pub use shops::{QueuedShop, ShopAction, list_shops, moderate_shop};

/// The longest reason an operator or a shopper may give.
pub const REASON_MAX_CHARS: usize = 500;

/// A reason as typed: trimmed, at most [`REASON_MAX_CHARS`]; required when `required`.
pub(crate) fn reason(value: &str, required: bool) -> Result<String, StoreError> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(StoreError::Invalid {
            code: "reason_required",
            message: "say why: the reason is shown to the people concerned".into(),
            field: Some("reason"),
        });
    }
    if value.chars().count() > REASON_MAX_CHARS {
        return Err(StoreError::Invalid {
            code: "too_long",
            message: format!("reason has {REASON_MAX_CHARS} characters at most"),
            field: Some("reason"),
        });
    }
    Ok(value.to_owned())
}
