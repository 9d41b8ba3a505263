//! The Leptos storefront: server-rendered pages, server functions, the wasm bundle, and
//! the 404 page for every unknown path.

use std::sync::OnceLock;

use app::context::SiteAssets;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;
use leptos_axum::{
    AxumRouteListing, LeptosRoutes, generate_route_list,
    render_app_to_stream_with_context_and_replace_blocks,
};
use tower::ServiceBuilder;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use super::assets::stylesheet_href;
use crate::http::route_table::Route;
use crate::state::AppState;

/// Whether the wasm site was built, so pages can hydrate.
pub fn site_is_built(site_root: &std::path::Path) -> bool {
    let pkg = site_root.join("pkg");
    pkg.join("halles.js").is_file() && pkg.join("halles_bg.wasm").is_file()
}

/// The pages and server functions, the wasm bundle under `/pkg`, and a fallback that
/// renders the app's 404 page.
pub fn router(state: &AppState) -> Router<AppState> {
    let assets = SiteAssets {
        stylesheet_href: stylesheet_href(),
        favicon_href: "/assets/favicon.svg".to_owned(),
        hydrate: site_is_built(&state.settings.site_root),
    };
    let db = state.db.clone();
    let payments = state.payments.clone();
    let analytics = state.analytics.clone();
    let context = move || {
        provide_context(assets.clone());
        provide_context(db.clone());
        provide_context(payments.clone());
        provide_context(analytics.clone());
    };
    let options = state.leptos_options.clone();
    let render_shell = move || shell(options.clone());
    let routes = route_list().to_vec();
    let not_found = render_app_to_stream_with_context_and_replace_blocks(
        context.clone(),
        render_shell.clone(),
        true,
    );

    let pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .service(ServeDir::new(state.settings.site_root.join("pkg")));

    Router::new()
        .leptos_routes_with_context(state, routes, context, render_shell)
        .nest_service(PKG_PREFIX, pkg)
        .fallback(move |req: Request<Body>| {
            let not_found = not_found.clone();
            async move { not_found(req).await }
        })
}

/// Where the wasm bundle is served.
const PKG_PREFIX: &str = "/pkg";

/// The pages (as Leptos routes them), the server functions (as their registry lists them,
/// which is what `leptos_routes_with_context` routes) and the wasm bundle's files.
pub fn routes() -> Vec<Route> {
    let pages = route_list().iter().flat_map(|listing| {
        listing.methods().map(|method| {
            let method = match method {
                leptos_router::Method::Get => Method::GET,
                leptos_router::Method::Post => Method::POST,
                leptos_router::Method::Put => Method::PUT,
                leptos_router::Method::Patch => Method::PATCH,
                leptos_router::Method::Delete => Method::DELETE,
            };
            Route::new(method, listing.path())
        })
    });
    let server_fns =
        leptos::server_fn::axum::server_fn_paths().map(|(path, method)| Route::new(method, path));
    let mut routes: Vec<Route> = pages.chain(server_fns).collect();
    routes.push(Route::new(Method::GET, format!("{PKG_PREFIX}/{{*file}}")));
    routes
}

/// The app's routes, generated once per process.
///
/// Why once: Leptos generates the list by rendering the app with a process-global
/// "suppress resource loads" flag raised (leptos_server's `SuppressResourceLoad`). Any
/// resource that another server in the same process first polls while the flag is up
/// waits forever, and its page never finishes. One server per process never notices, but
/// the test suites start a server per test in one process, and a product page rendered
/// during another test's start-up hung there. Generating before anything serves, once,
/// leaves no window.
fn route_list() -> &'static [AxumRouteListing] {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App))
}

/// Marks HTML answers as private: they carry the visitor's name and form tokens.
pub async fn no_shared_caching(req: Request<Body>, next: axum::middleware::Next) -> Response {
    let mut response = next.run(req).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if is_html && !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
    response.into_response()
}
