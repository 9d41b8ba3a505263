//! The mark that the page's islands are live.

use leptos::prelude::*;

/// Sets `data-hydrated="true"` on the page's `.app` once the islands loader got this far
/// (islands hydrate in document order and this one comes last): what tests and anyone
/// debugging a page look for to know the wasm runs.
#[island]
pub fn LiveMark() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(app) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.query_selector(".app").ok().flatten())
        {
            let _ = app.set_attribute("data-hydrated", "true");
        }
    });
}
