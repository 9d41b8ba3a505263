//! The wasm entry point: brings the page's islands to life. Everything else on a page
//! is HTML from the server and works without this module.

// Linked for its islands alone: each `#[island]` of the storefront is exported from
// `app` itself, and nothing here names them.
extern crate app as _;

/// Called by the islands loader once the wasm module is fetched; the loader then
/// hydrates each `<leptos-island>` of the page by its own exported function.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
