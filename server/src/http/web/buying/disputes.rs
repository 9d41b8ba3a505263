//! `POST /orders/{id}/parts/{part_id}/dispute`: the shopper reports a problem with a paid
//! part of their order ("not received", "not as described"); its seller may answer, then
//! an operator decides. Back on the order page, at the part: a note, or the form again
//! with the error and what was typed. Another shopper's order is not found.

use app::context::PageContext;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::{Extension, Form};
use serde::Deserialize;
use services::operating::disputes;

use super::{flash_value, login_first, not_found, onwards_with_note, refusal, safe_id};
use crate::http::web::context::WebSession;
use crate::http::web::forms::{back_with_flash, csrf_matches};
use crate::state::AppState;

/// The flash form names the order page reads (`app`'s `pages::order::dispute`).
const REFUSED: &str = "dispute";
const SENT: &str = "dispute_sent";

#[derive(Deserialize)]
pub struct DisputeForm {
    /// `not_received` or `not_as_described`; empty when none was picked.
    #[serde(default)]
    kind: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    csrf: String,
}

/// How much of the message goes back into the form, counted as it is written in the
/// flash cookie's JSON: browsers keep cookies of about 4 KB, and the flash is that JSON in
/// base64 (a third larger) beside the other values.
const MAX_REFILL_JSON_BYTES: usize = 2000;

/// The message to put back in the form: whole when it fits in the flash cookie, else its
/// beginning (the shopper then sees where it was cut).
fn refill(message: &str) -> (String, String) {
    let mut used = 0;
    let kept = message
        .chars()
        .take_while(|c| {
            used += match c {
                '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
                c if u32::from(*c) < 0x20 => 6,
                c => c.len_utf8(),
            };
            used <= MAX_REFILL_JSON_BYTES
        })
        .collect();
    ("message".to_owned(), kept)
}

#[tracing::instrument(skip_all)]
pub async fn open_dispute(
    State(state): State<AppState>,
    Extension(page): Extension<PageContext>,
    Extension(WebSession(session)): Extension<WebSession>,
    Path((order_id, part_id)): Path<(String, String)>,
    headers: HeaderMap,
    Form(form): Form<DisputeForm>,
) -> Response {
    let (Some(order_id), Some(part_id)) = (safe_id(&order_id), safe_id(&part_id)) else {
        return not_found();
    };
    let page_path = format!("/orders/{order_id}");
    let Some(session) = session else {
        return login_first(&page_path);
    };
    // Land on the part's problems, where the note or the reopened form is.
    let at_part = format!("{page_path}#dispute-{part_id}");
    let back = |code: &str, field: Option<&str>| {
        back_with_flash(
            &state,
            &headers,
            &at_part,
            REFUSED,
            code,
            field,
            vec![
                flash_value("part", part_id),
                flash_value("kind", &form.kind),
                refill(&form.message),
            ],
        )
    };
    if !csrf_matches(&page, &form.csrf) {
        return back("csrf_failed", None);
    }
    match disputes::open(
        &state.db,
        &session.user.id,
        order_id,
        part_id,
        &form.kind,
        &form.message,
    )
    .await
    {
        Ok(dispute) => {
            tracing::info!(dispute.id = %dispute.id, "web: dispute opened");
            onwards_with_note(
                &state,
                &headers,
                &at_part,
                SENT,
                vec![flash_value("part", part_id)],
            )
        }
        Err(err) => match refusal(err, "opening a dispute") {
            ("not_found", _) => not_found(),
            (code, field) => back(code, field),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_REFILL_JSON_BYTES, refill};

    #[test]
    fn a_short_message_goes_back_whole() {
        assert_eq!(refill("Écran fissuré\n").1, "Écran fissuré\n");
    }

    #[test]
    fn a_long_message_is_cut_to_what_the_flash_cookie_holds() {
        let kept = refill(&"é".repeat(2000)).1;
        assert_eq!(kept.chars().count(), MAX_REFILL_JSON_BYTES / 2);
        let kept = refill(&"\n".repeat(2000)).1;
        assert_eq!(kept.chars().count(), MAX_REFILL_JSON_BYTES / 2);
        let kept = refill(&"a".repeat(2000)).1;
        assert_eq!(
            kept.len(),
            2000,
            "an ASCII message of the longest size fits"
        );
    }
}
