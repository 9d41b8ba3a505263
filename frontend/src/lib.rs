//! The wasm entry point: hydrates the page the server rendered.

/// Called by the loader script once the wasm module is fetched.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
