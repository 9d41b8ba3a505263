//! `POST /orders/{id}/parts/{part_id}/return`: the shopper asks a seller to take back a
//! part that was delivered or collected, within the return window.

use app::context::PageContext;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use services::buying::orders;

use super::{flash_value, login_first, not_found, onwards_with_note, refusal, safe_id};
use crate::http::web::context::WebSession;
use crate::http::web::forms::{back_with_flash, csrf_matches};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct ReturnForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    csrf: String,
}

#[tracing::instrument(skip_all)]
pub async fn request_return(
    State(state): State<AppState>,
    Extension(page): Extension<PageContext>,
    Extension(WebSession(session)): Extension<WebSession>,
    Path((order_id, part_id)): Path<(String, String)>,
    headers: HeaderMap,
    Form(form): Form<ReturnForm>,
) -> Response {
    let (Some(order_id), Some(part_id)) = (safe_id(&order_id), safe_id(&part_id)) else {
        return not_found();
    };
    let page_path = format!("/orders/{order_id}");
    let Some(session) = session else {
        return login_first(&page_path);
    };
    let back = |code: &str, field: Option<&str>| {
        back_with_flash(
            &state,
            &headers,
            &page_path,
            "order",
            code,
            field,
            vec![flash_value("part", part_id)],
        )
    };
    if !csrf_matches(&page, &form.csrf) {
        return back("csrf_failed", None);
    }
    match orders::request_return(&state.db, &session.user.id, order_id, part_id, &form.reason).await
    {
        Ok(_) => onwards_with_note(&state, &headers, &page_path, "return_sent", Vec::new()),
        Err(err) => match refusal(err, "requesting a return") {
            ("not_found", _) => Redirect::to(&page_path).into_response(),
            (code, field) => back(code, field),
        },
    }
}
