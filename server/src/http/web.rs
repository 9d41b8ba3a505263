//! The storefront side of HTTP: the request context every page renders with, the form
//! posts (login, sign-up, logout), the stylesheet and the Leptos pages.

pub mod assets;
pub mod context;
pub mod forms;
pub mod seo;
pub mod site;
