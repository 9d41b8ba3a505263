//! "Signaler cette offre": a disclosure under each offer with a small form (a reason to
//! pick, the shopper's words) posted to `/offers/{id}/report`. It works without
//! JavaScript; after the post, the offer shows a thank-you, "already reported", or the
//! form again, open, with the reason it was refused.

use leptos::prelude::*;

use crate::context::{Flash, use_locale};
use crate::i18n::{Msg, REPORT_KINDS, ReportMsg};
use crate::query::encode;

/// The flash form names the report handler uses: a refusal, and the thank-you note.
pub const REFUSED: &str = "report_offer";
pub const SENT: &str = "offer_reported";

/// What the last report post left for one offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportOutcome {
    Sent,
    AlreadyReported,
    /// Refused: the message, and the kind and words to put back.
    Refused {
        message: Msg,
        kind: String,
        details: String,
    },
}

impl ReportOutcome {
    /// The outcome `flash` holds for `offer_id`, if it is a report's on that offer.
    pub fn of(flash: Option<&Flash>, offer_id: &str) -> Option<Self> {
        let flash = flash.filter(|flash| flash.value("offer_id") == offer_id)?;
        match (flash.form.as_str(), flash.error.as_str()) {
            (SENT, _) => Some(Self::Sent),
            (REFUSED, "already_reported") => Some(Self::AlreadyReported),
            (REFUSED, code) => Some(Self::Refused {
                message: ReportMsg::for_error(code)
                    .map_or_else(|| Msg::for_error_code(code), Msg::from),
                kind: flash.value("kind"),
                details: flash.value("details"),
            }),
            _ => None,
        }
    }
}

/// The report link and form of one offer, or the note its last report left. Only a
/// signed-in shopper can report: a visitor gets a link to log in and come back, rather
/// than a form whose words the login would lose.
#[component]
pub fn ReportOffer(
    offer_id: String,
    csrf: String,
    back: String,
    outcome: Option<ReportOutcome>,
    signed_in: bool,
) -> AnyView {
    let locale = use_locale();
    if !signed_in {
        let login = format!("/login?next={}", encode(&back));
        return view! {
            <p class="offer-report">
                <a href=login rel="nofollow">{locale.t(ReportMsg::LinkLogInFirst)}</a>
            </p>
        }
        .into_any();
    }
    let (message, kind, details) = match outcome {
        Some(ReportOutcome::Sent) => {
            return view! {
                <p class="notice notice-success offer-report" role="status">{locale.t(ReportMsg::Sent)}</p>
            }
            .into_any();
        }
        Some(ReportOutcome::AlreadyReported) => {
            return view! {
                <p class="notice notice-info offer-report" role="status">{locale.t(ReportMsg::AlreadyReported)}</p>
            }
            .into_any();
        }
        Some(ReportOutcome::Refused {
            message,
            kind,
            details,
        }) => (Some(locale.t(message)), kind, details),
        None => (None, String::new(), String::new()),
    };
    let kind_id = format!("report-kind-{offer_id}");
    let details_id = format!("report-details-{offer_id}");
    let hint_id = format!("{details_id}-hint");
    let error_id = format!("report-error-{offer_id}");
    let described_by = match message {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    let options = REPORT_KINDS
        .into_iter()
        .map(|(code, msg)| view! { <option value=code selected=kind == code>{locale.t(msg)}</option> })
        .collect_view();
    view! {
        <details class="offer-report" open=message.is_some()>
            <summary>{locale.t(ReportMsg::Link)}</summary>
            <form class="offer-report-form" method="post" action=format!("/offers/{offer_id}/report")>
                <input type="hidden" name="csrf" value=csrf />
                <input type="hidden" name="back" value=back />
                <div class="field" class:field-invalid=message.is_some()>
                    <label for=kind_id.clone()>{locale.t(ReportMsg::KindLabel)}</label>
                    <select
                        id=kind_id
                        name="kind"
                        aria-invalid=message.is_some().then_some("true")
                        aria-describedby=message.is_some().then_some(error_id.clone())
                    >
                        <option value="">{locale.t(ReportMsg::KindPlaceholder)}</option>
                        {options}
                    </select>
                </div>
                <div class="field" class:field-invalid=message.is_some()>
                    <label for=details_id.clone()>{locale.t(ReportMsg::DetailsLabel)}</label>
                    <textarea id=details_id name="details" rows="3" maxlength="400" aria-describedby=described_by>{details}</textarea>
                    <p class="field-hint" id=hint_id>{locale.t(ReportMsg::DetailsHint)}</p>
                </div>
                {message.map(|message| view! { <p class="field-error" id=error_id role="alert">{message}</p> })}
                <button type="submit" class="button button-secondary button-small">{locale.t(ReportMsg::Submit)}</button>
            </form>
        </details>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::{REFUSED, ReportOutcome, SENT};
    use crate::context::Flash;
    use crate::i18n::{Msg, ReportMsg};

    fn flash(form: &str, error: &str, offer_id: &str) -> Flash {
        Flash {
            form: form.into(),
            error: error.into(),
            field: Some("reason".into()),
            values: vec![
                ("offer_id".into(), offer_id.into()),
                ("details".into(), "mots".into()),
            ],
        }
    }

    #[test]
    fn a_report_flash_is_read_only_on_its_own_offer() {
        let sent = flash(SENT, "", "o1");
        assert_eq!(
            ReportOutcome::of(Some(&sent), "o1"),
            Some(ReportOutcome::Sent)
        );
        assert_eq!(ReportOutcome::of(Some(&sent), "o2"), None);
        assert_eq!(
            ReportOutcome::of(Some(&flash("add_to_cart", "x", "o1")), "o1"),
            None
        );
        assert_eq!(
            ReportOutcome::of(Some(&flash(REFUSED, "already_reported", "o1")), "o1"),
            Some(ReportOutcome::AlreadyReported)
        );
        assert_eq!(
            ReportOutcome::of(Some(&flash(REFUSED, "reason_required", "o1")), "o1"),
            Some(ReportOutcome::Refused {
                message: Msg::Report(ReportMsg::ErrReasonRequired),
                kind: String::new(),
                details: "mots".into(),
            })
        );
    }
}
