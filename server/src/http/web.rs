//! The storefront side of HTTP: the request context every page renders with, the form
//! posts (login, sign-up, logout; buying: cart, checkout, payment, returns; reporting an
//! offer), the stylesheet and the Leptos pages.

pub mod assets;
pub mod buying;
pub mod context;
pub mod forms;
pub mod reports;
pub mod seo;
pub mod site;
