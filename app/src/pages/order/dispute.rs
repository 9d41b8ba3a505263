//! "Signaler un problème" on a seller part of the order page: the problems reported on
//! it (under review, then refunded or rejected with the operator's reason, and the
//! seller's answer when there is one), and while none is under review, a disclosure with
//! a form posted to `/orders/{id}/parts/{part_id}/dispute` (see
//! `server::http::web::buying::disputes`). It works without JavaScript: after the post
//! the page shows a note, or the form again, open, with the error and what was typed.
//!
//! The order itself (`load_order`) says nothing of disputes, so the page asks for them
//! with [`load_disputes`]: the caller's own, on this order.

use api_types::operating::Dispute;
use api_types::orders::SellerOrder;
use domain::orders::SellerOrderStatus;
use leptos::prelude::*;

use crate::buying::BuyingError;
use crate::context::{Flash, use_locale};
use crate::format::{fill, format_date, format_price};
use crate::i18n::{BuyMsg, Locale, Msg};

/// The flash form names the dispute handler uses: a refusal, and the note on success.
pub const REFUSED: &str = "dispute";
pub const SENT: &str = "dispute_sent";

/// The caller's disputes on one of their orders, newest first. Someone else's order has
/// none: only the session's shopper's disputes are ever read.
#[server(prefix = "/_fn", endpoint = "load_order_disputes")]
pub async fn load_disputes(order_id: String) -> Result<Vec<Dispute>, BuyingError> {
    use services::operating::disputes;

    // The shopper comes from the session the server resolved, never from the browser.
    let user_id = crate::context::request_user_id().ok_or(BuyingError::LoginNeeded)?;
    let db = use_context::<services::Db>().ok_or_else(|| {
        tracing::error!("no database in the request context");
        BuyingError::Unavailable
    })?;
    let rows = disputes::for_shopper(&db, &user_id).await.map_err(|err| {
        tracing::error!(error = %err, "buying: loading an order's disputes");
        BuyingError::Unavailable
    })?;
    Ok(rows
        .iter()
        .filter(|row| row.order_id == order_id)
        .map(crate::convert::buying::dispute_of)
        .collect())
}

/// Whether a problem may be reported on `part`: paid, and not refunded in full (the
/// service decides in the end; this only spares the shopper a form bound to fail).
pub fn disputable(part: &SellerOrder) -> bool {
    SellerOrderStatus::parse(&part.status)
        .is_some_and(|status| status.is_paid() && status != SellerOrderStatus::Refunded)
        && part.refunded_cents < part.total_cents
}

/// A refused report, carried back to the part it was about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisputeRefusal {
    pub message: Msg,
    /// `kind`, `message`, or `None` for the form as a whole (an expired form, …).
    pub field: Option<String>,
    /// What the shopper had picked and typed.
    pub kind: String,
    pub text: String,
}

impl DisputeRefusal {
    /// The refusal `flash` holds for `part_id`, if it is a dispute's on that part.
    pub fn of(flash: Option<&Flash>, part_id: &str) -> Option<Self> {
        let flash = flash.filter(|flash| {
            flash.form == REFUSED && flash.is_error() && flash.value("part") == part_id
        })?;
        let field = flash.field.as_deref();
        Some(Self {
            message: BuyMsg::for_dispute_error(&flash.error, field)
                .map_or_else(|| Msg::for_error(&flash.error, field), Msg::from),
            field: flash
                .field
                .clone()
                .filter(|field| field == "kind" || field == "message"),
            kind: flash.value("kind"),
            text: flash.value("message"),
        })
    }
}

/// A dispute's status in words, with the badge's class.
fn status_of(dispute: &Dispute, locale: Locale) -> (String, &'static str) {
    match dispute.status.as_str() {
        "refunded" => (
            fill(
                locale.t(BuyMsg::DisputeRefunded),
                "amount",
                &format_price(dispute.refund_cents.unwrap_or(0), locale),
            ),
            "status status-good",
        ),
        "rejected" => (
            locale.t(BuyMsg::DisputeRejected).to_owned(),
            "status status-bad",
        ),
        _ => (
            locale.t(BuyMsg::DisputeUnderReview).to_owned(),
            "status status-waiting",
        ),
    }
}

/// One reported problem: its kind and status, what the shopper wrote, the seller's
/// answer, and once decided the operator's reason.
fn dispute_card(dispute: &Dispute, locale: Locale) -> impl IntoView + use<> {
    let (status, class) = status_of(dispute, locale);
    let kind = BuyMsg::DISPUTE_KINDS
        .iter()
        .find(|(code, _)| *code == dispute.kind)
        .map(|(_, msg)| locale.t(*msg));
    let opened = fill(
        locale.t(BuyMsg::DisputeOpenedOn),
        "date",
        &format_date(&dispute.created_at, locale),
    );
    let open = dispute.status == "open";
    view! {
        <article class="dispute" data-dispute=dispute.status.clone()>
            <header class="dispute-head">
                <p class="dispute-title">
                    <strong>{locale.t(BuyMsg::DisputesTitle)}</strong>
                    {kind.map(|kind| view! { " · "{kind} })}
                </p>
                <span class=class>{status}</span>
            </header>
            <p class="hint">{opened}</p>
            <dl class="dispute-thread">
                <dt>{locale.t(BuyMsg::DisputeYourMessage)}</dt>
                <dd>{dispute.message.clone()}</dd>
                {dispute.seller_answer.clone().map(|answer| view! {
                    <dt>{locale.t(BuyMsg::DisputeSellerAnswer)}</dt>
                    <dd>{answer}</dd>
                })}
                {dispute.decision_reason.clone().filter(|_| !open).map(|reason| view! {
                    <dt>{locale.t(BuyMsg::DisputeDecision)}</dt>
                    <dd>{reason}</dd>
                })}
            </dl>
            {open.then(|| view! { <p class="hint">{locale.t(BuyMsg::DisputeWaitHint)}</p> })}
        </article>
    }
}

/// The "report a problem" form of one part, open and refilled after a refusal.
fn dispute_form(
    locale: Locale,
    action: String,
    part_id: &str,
    csrf: String,
    refusal: Option<DisputeRefusal>,
) -> impl IntoView + use<> {
    let message_id = format!("dispute-message-{part_id}");
    let hint_id = format!("{message_id}-hint");
    let error_id = format!("dispute-error-{part_id}");
    let opened = refusal.is_some();
    let (error, field, kind, text) = match refusal {
        Some(refusal) => (
            Some(locale.t(refusal.message)),
            refusal.field,
            refusal.kind,
            refusal.text,
        ),
        None => (None, None, String::new(), String::new()),
    };
    // The error sits by the field it blames, or above the button for the whole form.
    let blamed = error.and(field);
    let kind_wrong = blamed.as_deref() == Some("kind");
    let message_wrong = blamed.as_deref() == Some("message");
    let error_at = |place: bool| {
        error.filter(|_| place).map(|message| {
            view! { <p class="field-error" id=error_id.clone() role="alert">{message}</p> }
        })
    };
    let kind_error = error_at(kind_wrong);
    let message_error = error_at(message_wrong);
    let form_error = error_at(!kind_wrong && !message_wrong);
    let message_described = if message_wrong {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    let choices = BuyMsg::DISPUTE_KINDS
        .into_iter()
        .map(|(code, msg)| {
            view! {
                <label class="choice">
                    <input type="radio" name="kind" value=code checked=kind == code required=true />
                    <span class="choice-label">{locale.t(msg)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <details class="dispute-request" open=opened>
            <summary>{locale.t(BuyMsg::ReportProblem)}</summary>
            <p class="hint">{locale.t(BuyMsg::DisputeIntro)}</p>
            <form class="form dispute-form" method="post" action=action>
                <input type="hidden" name="csrf" value=csrf />
                <fieldset
                    class="dispute-kinds"
                    class:field-invalid=kind_wrong
                    aria-describedby=kind_wrong.then(|| error_id.clone())
                >
                    <legend>{locale.t(BuyMsg::DisputeKindLabel)}</legend>
                    <div class="choices">{choices}</div>
                    {kind_error}
                </fieldset>
                <div class="field" class:field-invalid=message_wrong>
                    <label for=message_id.clone()>{locale.t(BuyMsg::DisputeMessageLabel)}</label>
                    <textarea id=message_id name="message" rows="4" maxlength="2000" required=true aria-invalid=message_wrong.then_some("true") aria-describedby=message_described>{text}</textarea>
                    <p class="field-hint" id=hint_id>{locale.t(BuyMsg::DisputeMessageHint)}</p>
                    {message_error}
                </div>
                {form_error}
                <button type="submit" class="button button-secondary">{locale.t(BuyMsg::DisputeSubmit)}</button>
            </form>
        </details>
    }
}

/// A part's reported problems, then the form to report one while none is under review.
#[component]
pub fn PartDisputes(
    part: SellerOrder,
    order_id: String,
    csrf: String,
    /// This part's disputes, newest first.
    disputes: Vec<Dispute>,
    /// What the last report on this part came back with.
    refusal: Option<DisputeRefusal>,
) -> AnyView {
    let locale = use_locale();
    let under_review = disputes.iter().any(|dispute| dispute.status == "open");
    let cards = disputes
        .iter()
        .map(|dispute| dispute_card(dispute, locale))
        .collect_view();
    let action = format!("/orders/{order_id}/parts/{}/dispute", part.id);
    let offer_form = !under_review && disputable(&part);
    // A refusal with no form to show it in (the part was refunded meanwhile, or a report
    // came in from another tab) still says what happened.
    let stray_error = (!offer_form)
        .then(|| refusal.clone().map(|refusal| locale.t(refusal.message)))
        .flatten();
    let form = offer_form.then(|| dispute_form(locale, action, &part.id, csrf, refusal));
    if disputes.is_empty() && form.is_none() && stray_error.is_none() {
        return ().into_any();
    }
    view! {
        <div class="disputes" id=format!("dispute-{}", part.id)>
            {stray_error.map(|message| view! {
                <p class="notice notice-error" role="alert">{message}</p>
            })}
            {cards}
            {form}
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::{DisputeRefusal, REFUSED, SENT};
    use crate::context::Flash;
    use crate::i18n::{BuyMsg, Msg};

    fn flash(form: &str, error: &str, field: Option<&str>, part: &str) -> Flash {
        Flash {
            form: form.into(),
            error: error.into(),
            field: field.map(str::to_owned),
            values: vec![
                ("part".into(), part.into()),
                ("kind".into(), "not_received".into()),
                ("message".into(), "Rien reçu".into()),
            ],
        }
    }

    #[test]
    fn a_refused_report_is_read_only_on_its_own_part() {
        let refused = flash(REFUSED, "field_invalid", Some("message"), "p1");
        assert_eq!(
            DisputeRefusal::of(Some(&refused), "p1"),
            Some(DisputeRefusal {
                message: Msg::Buy(BuyMsg::ErrDisputeMessage),
                field: Some("message".into()),
                kind: "not_received".into(),
                text: "Rien reçu".into(),
            })
        );
        assert_eq!(DisputeRefusal::of(Some(&refused), "p2"), None);
        assert_eq!(
            DisputeRefusal::of(Some(&flash(SENT, "", None, "p1")), "p1"),
            None
        );
        assert_eq!(
            DisputeRefusal::of(Some(&flash("order", "field_invalid", None, "p1")), "p1"),
            None,
            "a return's refusal is not a dispute's"
        );
    }

    #[test]
    fn a_form_wide_refusal_blames_no_field() {
        let expired = DisputeRefusal::of(Some(&flash(REFUSED, "csrf_failed", None, "p1")), "p1")
            .expect("read");
        assert_eq!((expired.message, expired.field), (Msg::ErrorCsrf, None));
        let open = DisputeRefusal::of(
            Some(&flash(
                REFUSED,
                "dispute_open",
                Some("seller_order_id"),
                "p1",
            )),
            "p1",
        )
        .expect("read");
        assert_eq!(
            (open.message, open.field),
            (Msg::Buy(BuyMsg::ErrDisputeOpen), None)
        );
    }
}
