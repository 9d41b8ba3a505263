//! The authorisation matrix (issue 11): every route × every role, with the status the
//! route's class says the role must get, and no response ever carrying another tenant's
//! data. The routes come from the server's own tables, so a new route is probed (and
//! fails until it is classed) without anyone remembering to add it:
//!
//! - the API's OpenAPI document, which its router is built from ([`api_routes`]);
//! - `server::http::router::non_api_routes()`: files, form posts, Leptos pages and server
//!   functions, listed by the same tables that route them ([`web_routes`]).
//!
//! One server, one marketplace ([`world`]). Probes that must be refused run first, all at
//! once (a refusal changes nothing); the allowed ones then run in turn, attackers before
//! victims and reads before writes, since they change things.
//!
//! To class a new route: an API route is classed by its path and OpenAPI security
//! ([`classes::api_class`]), with exceptions in `API_EXCEPTIONS`; a route outside the API
//! goes in `WEB_CLASSES`. A new path parameter needs its victim's id in `fill.rs`.

mod api_routes;
mod classes;
mod fill;
mod probe;
mod roles;
mod victims;
mod web_routes;
mod world;

use std::time::Instant;

use futures::StreamExt;
use tests::spawn_app;

use self::classes::Expect;
use self::probe::{Failure, Probe, table};

/// Allowed probes in an order that keeps the victims' objects for the probes that need
/// them: reads, writes, then what consumes (deletes, checkouts, cancels, sales), and
/// logging out last of all.
fn turn(probe: &Probe) -> (u8, u8) {
    let path = probe.route.as_str();
    let consumes = probe.method == admin_tui::client::Method::DELETE
        || path.ends_with("/remove")
        || path.ends_with("/checkout")
        || path.ends_with("/cancel")
        || path.ends_with("/sale");
    // Logging in, signing up or out changes who the browser or token is.
    let step = if ["/login", "/signup", "/logout"]
        .iter()
        .any(|end| path.ends_with(end))
    {
        3
    } else if consumes {
        2
    } else if probe.method == admin_tui::client::Method::GET {
        0
    } else {
        1
    };
    (probe.role.turn(), step)
}

#[tokio::test]
async fn every_route_answers_every_role_as_its_class_says_and_never_with_another_tenants_data() {
    let app = spawn_app().await;
    let set_up = Instant::now();
    let world = world::world(&app).await;
    let set_up = set_up.elapsed();
    let started = Instant::now();

    let mut unclassified = Vec::new();
    let (mut probes, api_routes) = api_routes::probes(&app, &world, &mut unclassified).await;
    let (web_probes, web_routes) = web_routes::probes(&world, &mut unclassified);
    probes.extend(web_probes);
    let (mut allowed, refused): (Vec<Probe>, Vec<Probe>) = probes
        .into_iter()
        .partition(|probe| probe.expect == Expect::Allowed);

    let before = victims::snapshot(&world).await;
    let mut failures: Vec<Failure> = futures::stream::iter(&refused)
        .map(|probe| {
            let (app, world) = (&app, &world);
            async move {
                let answer = probe.send(app, world.actor(probe.role)).await;
                probe.judge(&answer, &world.secrets)
            }
        })
        .buffer_unordered(6)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .flatten()
        .collect();
    let changed = victims::changed(&before, &victims::snapshot(&world).await);
    allowed.sort_by_key(turn);
    for probe in &allowed {
        let answer = probe.send(&app, world.actor(probe.role)).await;
        failures.extend(probe.judge(&answer, &world.secrets));
    }
    failures.sort_by(|a, b| (&a.route, a.role).cmp(&(&b.route, b.role)));

    println!(
        "authorisation matrix: {} API + {} other routes, {} probes ({} refused, {} allowed) \
         in {:.1?} after a {:.1?} set-up",
        api_routes,
        web_routes,
        refused.len() + allowed.len(),
        refused.len(),
        allowed.len(),
        started.elapsed(),
        set_up,
    );
    assert!(
        unclassified.is_empty() && failures.is_empty() && changed.is_empty(),
        "{} routes not classed:\n{}\n\n{} failures:\n{}\n{} of the victims' things \
         changed while every probe on them was refused:\n{}",
        unclassified.len(),
        unclassified.join("\n"),
        failures.len(),
        table(&failures),
        changed.len(),
        changed.join("\n"),
    );
}
