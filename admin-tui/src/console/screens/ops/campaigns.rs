//! Cashback campaigns: the list, the "new campaign" form (checked here for shape, then
//! by the server field by field) and ending one through a reason form and a
//! confirmation, like a decision on a shop.

use api_types::operating::{Campaign, CampaignRequest};

use super::{DecisionConfirm, Ops, load_audit};
use crate::client::ApiError;
use crate::console::action::{ApiCall, Effect};
use crate::console::screens::dates::{parse_utc, short_utc};
use crate::console::screens::form::{Form, FormField, FormKind, Value};
use crate::console::screens::percent::{extra_percent, parse_percent};
use crate::console::screens::{Confirm, Confirmed, Out, Overlay};

/// What a campaign covers, e.g. "shop Bazar Sud" or "category Jardin".
pub fn covers(campaign: &Campaign) -> String {
    match (
        &campaign.shop_name,
        &campaign.shop_id,
        &campaign.category_name,
    ) {
        (Some(name), _, _) => format!("shop {name}"),
        (None, Some(id), _) => format!("shop {id}"),
        (None, None, Some(name)) => format!("category {name}"),
        (None, None, None) => match &campaign.category {
            Some(slug) => format!("category {slug}"),
            None => "everything".to_owned(),
        },
    }
}

/// Asks for the campaigns.
pub fn load(ops: &mut Ops, out: &mut Out) -> Effect {
    let (request, effect) = out.call(ApiCall::Campaigns);
    ops.campaigns.start(request);
    effect
}

/// Asks for what the form lets the operator name: the categories (its picker) and the
/// approved shops (a slug typed is sent as the shop's id).
pub fn load_choices(ops: &mut Ops, out: &mut Out) -> Effect {
    let (request, categories) = out.call(ApiCall::ListCategories);
    ops.categories.start(request);
    let (request, shops) = out.call(ApiCall::ApprovedShops);
    ops.approved.start(request);
    Effect::Batch(vec![categories, shops])
}

/// `n`: opens the empty "new campaign" form.
pub fn open(ops: &mut Ops) {
    let text = || Value::Text(String::new());
    let form = Form::new(
        FormKind::NewCampaign,
        vec![
            FormField::new("name", "Name", text()).hint("e.g. Christmas week"),
            FormField::new("rate_bps", "Extra rate (%)", text())
                .hint("percent on top of the base rate, e.g. 5 or 2,5"),
            FormField::new("shop_id", "Shop", text())
                .hint("an approved shop's slug or id — or a category"),
            FormField::new("category", "Category", Value::Category(String::new()))
                .hint("a slug; ←/→ picks one — or a shop"),
            FormField::new("starts_at", "Starts (UTC)", text())
                .hint("empty: now; 2026-12-01 or 2026-12-01 08:00"),
            FormField::new("ends_at", "Ends (UTC)", text()).hint("2026-12-24 or 2026-12-24 18:00"),
        ],
    );
    ops.overlay = Some(Overlay::Form(form));
}

/// The id to send for what was typed in the shop field: a loaded shop's id when its slug
/// or name was typed, else the text as it is (the server says whether it is a shop).
fn shop_id(ops: &Ops, typed: &str) -> Option<String> {
    if typed.is_empty() {
        return None;
    }
    let named = |id: &str, slug: &str, name: &str| {
        (id == typed || slug == typed || name.eq_ignore_ascii_case(typed)).then(|| id.to_owned())
    };
    let approved = ops.approved.data.as_deref().unwrap_or_default();
    let found = approved
        .iter()
        .find_map(|shop| named(&shop.id, &shop.slug, &shop.name))
        .or_else(|| {
            ops.shop_items()
                .iter()
                .find_map(|shop| named(&shop.id, &shop.slug, &shop.name))
        });
    Some(found.unwrap_or_else(|| typed.to_owned()))
}

/// Enter on the form: the rate must be a percent and the times dates; then
/// `POST /operator/campaigns`.
pub fn submit(ops: &mut Ops, out: &mut Out) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &ops.overlay else {
        return None;
    };
    let shop_id = shop_id(ops, form.text("shop_id"));
    let Some(Overlay::Form(form)) = &mut ops.overlay else {
        return None;
    };
    form.clear_errors();
    let rate_bps = parse_percent(form.text("rate_bps"))
        .map_err(|error| form.refuse("rate_bps", error.to_string()))
        .ok();
    let starts_at = match form.text("starts_at") {
        "" => None,
        typed => parse_utc(typed)
            .map_err(|error| form.refuse("starts_at", error.to_string()))
            .ok(),
    };
    let ends_at = match form.text("ends_at") {
        "" => {
            form.refuse("ends_at", "Say when it ends, e.g. 2026-12-24");
            None
        }
        typed => parse_utc(typed)
            .map_err(|error| form.refuse("ends_at", error.to_string()))
            .ok(),
    };
    if form.has_errors() {
        if let Some(index) = form.fields.iter().position(|f| f.error.is_some()) {
            form.focus = index;
        }
        return None;
    }
    let category = Some(form.text("category").to_owned()).filter(|slug| !slug.is_empty());
    let body = CampaignRequest {
        name: form.text("name").to_owned(),
        rate_bps: rate_bps.unwrap_or_default(),
        shop_id,
        category,
        starts_at,
        ends_at: ends_at.unwrap_or_default(),
    };
    out.info("Creating the campaign…");
    let (request, effect) = out.call(ApiCall::CreateCampaign(body));
    form.pending = Some(request);
    Some(effect)
}

/// The answer to a creation: closes the form and reloads, or marks the refused field.
pub fn created(
    ops: &mut Ops,
    request: u64,
    result: Result<Campaign, ApiError>,
    out: &mut Out,
) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut ops.overlay else {
        return None;
    };
    if form.pending != Some(request) || form.kind != FormKind::NewCampaign {
        return None;
    }
    match result {
        Ok(campaign) => {
            ops.overlay = None;
            out.info(format!(
                "“{}” created: {} on {}, {}.",
                campaign.name,
                extra_percent(i64::from(campaign.rate_bps)),
                covers(&campaign),
                campaign.status
            ));
            Some(Effect::Batch(vec![load(ops, out), load_audit(ops, out)]))
        }
        Err(error) => {
            form.pending = None;
            form.show_error(&error);
            out.error(format!("The campaign was not created: {error}"));
            None
        }
    }
}

/// `e`: opens the reason form to end the selected campaign, or says why not.
pub fn start_end(ops: &mut Ops, out: &mut Out) {
    let Some(campaign) = ops.selected_campaign() else {
        return;
    };
    if campaign.status == "ended" {
        out.error(format!("“{}” has already ended.", campaign.name));
        return;
    }
    let form = Form::new(
        FormKind::EndCampaign {
            id: campaign.id.clone(),
            name: campaign.name.clone(),
        },
        vec![
            FormField::new("campaign", "Campaign", Value::Text(campaign.name.clone())).locked(true),
            FormField::new("reason", "Reason", Value::Text(String::new()))
                .hint("required: kept in the audit log"),
        ],
    );
    ops.overlay = Some(Overlay::Form(form));
}

/// Enter on the reason form: checks the reason, then asks for confirmation.
pub fn submit_end(ops: &mut Ops) -> Option<Effect> {
    let upcoming = ops
        .selected_campaign()
        .is_some_and(|campaign| campaign.status == "upcoming");
    let Some(Overlay::Form(form)) = &mut ops.overlay else {
        return None;
    };
    let FormKind::EndCampaign { name, .. } = form.kind.clone() else {
        return None;
    };
    form.clear_errors();
    if form.text("reason").is_empty() {
        form.refuse("reason", "Say why: it is kept in the audit log");
        return None;
    }
    let (title, message) = if upcoming {
        (
            "Withdraw the campaign",
            format!("Withdraw “{name}”? It has not started: it is removed."),
        )
    } else {
        (
            "End the campaign",
            format!("End “{name}” now? Orders paid from now on earn the usual cashback."),
        )
    };
    let form = Box::new(form.clone());
    ops.overlay = Some(Overlay::Confirm(Confirm {
        title,
        message,
        then: Confirmed::EndCampaign(DecisionConfirm { form }),
    }));
    None
}

/// The answer to the dialog (already closed): "no" goes back to the form.
pub fn confirmed(
    ops: &mut Ops,
    confirm: DecisionConfirm,
    yes: bool,
    out: &mut Out,
) -> Option<Effect> {
    let mut form = *confirm.form;
    if !yes {
        ops.overlay = Some(Overlay::Form(form));
        return None;
    }
    let FormKind::EndCampaign { id, name } = form.kind.clone() else {
        return None;
    };
    out.info(format!("Ending “{name}”…"));
    let (request, effect) = out.call(ApiCall::EndCampaign {
        id,
        reason: form.text("reason").to_owned(),
    });
    form.pending = Some(request);
    ops.overlay = Some(Overlay::Form(form));
    Some(effect)
}

/// The server's answer to ending a campaign.
pub fn ended(
    ops: &mut Ops,
    request: u64,
    result: Result<Option<Campaign>, ApiError>,
    out: &mut Out,
) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut ops.overlay else {
        return None;
    };
    if form.pending != Some(request) {
        return None;
    }
    let FormKind::EndCampaign { name, .. } = form.kind.clone() else {
        return None;
    };
    match result {
        Ok(after) => {
            ops.overlay = None;
            out.info(match after {
                Some(campaign) => {
                    format!("“{name}” ended at {} UTC.", short_utc(&campaign.ends_at))
                }
                None => format!("“{name}” was withdrawn before it started."),
            });
            Some(Effect::Batch(vec![load(ops, out), load_audit(ops, out)]))
        }
        Err(error) => {
            out.error(format!("“{name}” was not ended: {error}"));
            form.pending = None;
            form.show_error(&error);
            None
        }
    }
}
