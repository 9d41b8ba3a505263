//! The routes outside `/api/v1`, declared once. Each module adds its routes to a
//! [`RouteTable`], which records the method and path of every route as it builds the axum
//! router from them, so the list cannot drift from what is served. [`crate::http::router::
//! non_api_routes`] lists them all (with the Leptos pages and server functions), and the
//! authorisation matrix of `tests/api` walks that list: a new page, form or file route
//! enters the matrix, and fails it until it is classified. (The API's own route table is
//! its OpenAPI document: see [`crate::http::api`].)

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodFilter, on};

use crate::state::AppState;

/// One route: its method and its path as axum routes it (`/pay/{id}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub method: Method,
    pub path: String,
}

impl Route {
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
        }
    }
}

/// An axum router together with the list of the routes it was built from.
#[derive(Default)]
pub struct RouteTable {
    router: Router<AppState>,
    routes: Vec<Route>,
}

impl RouteTable {
    pub fn new() -> Self {
        Self::default()
    }

    /// `GET path` answered by `handler`.
    pub fn get<H, T>(self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::GET, MethodFilter::GET, path, handler)
    }

    /// `POST path` answered by `handler`.
    pub fn post<H, T>(self, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::POST, MethodFilter::POST, path, handler)
    }

    fn add<H, T>(
        mut self,
        method: Method,
        filter: MethodFilter,
        path: &'static str,
        handler: H,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, on(filter, handler));
        self.routes.push(Route::new(method, path));
        self
    }

    pub fn merge(mut self, other: RouteTable) -> Self {
        self.router = self.router.merge(other.router);
        self.routes.extend(other.routes);
        self
    }

    /// The routes, in the order they were added.
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}
