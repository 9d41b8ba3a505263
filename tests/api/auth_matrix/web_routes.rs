//! The probes of everything outside the API, from the server's own list of those routes
//! (`server::http::router::non_api_routes`: files, form posts, Leptos pages and server
//! functions), each classed in [`WEB_CLASSES`].

use admin_tui::client::Method;

use super::classes::WEB_CLASSES;
use super::fill::{form_fields, paths, server_fn_args};
use super::probe::{Payload, Probe, Surface};
use super::roles::Role;
use super::world::World;

/// Every probe of a non-API route, and how many concrete routes; a route without a class
/// (or a class without a route) goes to `unclassified`.
pub fn probes(world: &World, unclassified: &mut Vec<String>) -> (Vec<Probe>, usize) {
    let routes = server::http::router::non_api_routes();
    let mut probes = Vec::new();
    for route in &routes {
        let method = route.method.as_str();
        let Some((_, _, class)) = WEB_CLASSES
            .iter()
            .find(|(m, p, _)| *m == method && *p == route.path)
        else {
            unclassified.push(format!(
                "{method} {}: not classed; add it to WEB_CLASSES in auth_matrix/classes.rs",
                route.path
            ));
            continue;
        };
        let path = match paths(&world.ids, method, &route.path, &|_| None) {
            Ok(mut paths) => paths.remove(0),
            Err(why) => {
                unclassified.push(format!("{method} {}: {why}", route.path));
                continue;
            }
        };
        let server_fn = route.path.starts_with("/_fn/");
        let payload = match (&route.method, server_fn) {
            (&Method::GET, _) => Payload::None,
            (_, true) => Payload::Form(server_fn_args(&world.ids, &route.path)),
            (_, false) => Payload::Form(form_fields(&world.ids, &route.path)),
        };
        for role in Role::ALL {
            probes.push(Probe {
                surface: if server_fn {
                    Surface::ServerFn
                } else {
                    Surface::Web
                },
                method: route.method.clone(),
                route: format!("{method} {}", route.path),
                path: path.clone(),
                payload: payload.clone(),
                role,
                class: *class,
                expect: class.expect(role),
            });
        }
    }
    for (method, path, _) in WEB_CLASSES {
        if !routes
            .iter()
            .any(|r| r.method.as_str() == *method && r.path == *path)
        {
            unclassified.push(format!(
                "{method} {path}: classed in WEB_CLASSES but not routed; remove it"
            ));
        }
    }
    (probes, routes.len())
}
