//! `POST /offers/{id}/report`: a shopper reports an offer from the product page. The
//! reason picked in the form (counterfeit, misleading…) and the shopper's own words
//! become the report's text, which operators read in their queue. Like the buying forms,
//! it answers with a 303 back to the product page and a flash: a thank-you, "already
//! reported", or the reason it was refused.

use app::context::PageContext;
use app::i18n::{Locale, ReportMsg};
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;
use services::operating;

use super::buying::{flash_value, login_first, not_found, onwards_with_note, refusal, safe_id};
use super::context::WebSession;
use super::forms::{back_with_flash, csrf_matches};
use crate::http::route_table::RouteTable;
use crate::state::AppState;

pub fn routes() -> RouteTable {
    RouteTable::new().post("/offers/{id}/report", report_offer)
}

#[derive(Deserialize)]
pub struct ReportForm {
    /// A code of [`app::i18n::REPORT_KINDS`], or empty.
    #[serde(default)]
    kind: String,
    #[serde(default)]
    details: String,
    #[serde(default)]
    csrf: String,
    /// The product page the form is on.
    #[serde(default)]
    back: String,
}

/// The report's text: the reason picked, in French (the operators' language), then the
/// shopper's words. "Other" alone says nothing, so it counts as empty and is refused.
fn report_text(kind: &str, details: &str) -> String {
    let details = details.trim();
    let label = ReportMsg::for_kind(kind.trim())
        .filter(|msg| *msg != ReportMsg::KindOther || !details.is_empty())
        .map(|msg| Locale::Fr.t(msg));
    match (label, details.is_empty()) {
        (Some(label), true) => label.to_owned(),
        (Some(label), false) => format!("{label} : {details}"),
        (None, _) => details.to_owned(),
    }
}

#[tracing::instrument(skip_all)]
pub async fn report_offer(
    State(state): State<AppState>,
    Extension(page): Extension<PageContext>,
    Extension(WebSession(session)): Extension<WebSession>,
    Path(offer_id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<ReportForm>,
) -> Response {
    let Some(offer_id) = safe_id(&offer_id) else {
        return not_found();
    };
    let product_page = app::pages::safe_next(&form.back)
        .filter(|path| path.starts_with("/products/"))
        .unwrap_or_else(|| "/".to_owned());
    let Some(session) = session else {
        return login_first(&product_page);
    };
    // Land on the offer, where the note or the reopened form is.
    let to = format!("{product_page}#offer-{offer_id}");
    let back = |code: &str| {
        back_with_flash(
            &state,
            &headers,
            &to,
            "report_offer",
            code,
            Some("reason"),
            vec![
                flash_value("offer_id", offer_id),
                flash_value("kind", &form.kind),
                flash_value("details", &form.details),
            ],
        )
    };
    if !csrf_matches(&page, &form.csrf) {
        return back("csrf_failed");
    }
    let text = report_text(&form.kind, &form.details);
    match operating::report_offer(&state.db, &session.user.id, offer_id, &text).await {
        Ok(_) => onwards_with_note(
            &state,
            &headers,
            &to,
            "offer_reported",
            vec![flash_value("offer_id", offer_id)],
        ),
        Err(err) => back(refusal(err, "reporting an offer").0),
    }
}

#[cfg(test)]
mod tests {
    use super::report_text;

    #[test]
    fn the_picked_reason_and_the_shoppers_words_make_the_report() {
        assert_eq!(report_text("counterfeit", ""), "Contrefaçon");
        assert_eq!(
            report_text("misleading", "  pas la bonne taille "),
            "Description trompeuse : pas la bonne taille"
        );
        assert_eq!(report_text("", "photo volée"), "photo volée");
        assert_eq!(report_text("nonsense", "texte"), "texte");
    }

    #[test]
    fn other_without_words_is_an_empty_reason() {
        assert_eq!(report_text("other", " "), "");
        assert_eq!(report_text("", ""), "");
        assert_eq!(
            report_text("other", "vendu deux fois"),
            "Autre : vendu deux fois"
        );
    }
}
