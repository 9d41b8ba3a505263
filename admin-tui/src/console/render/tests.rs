//! Snapshots of whole screens on a `TestBackend`, at 80×24 and 120×40.

use api_types::{ShopStatus, ShopSummary, User};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::render;
use crate::console::fixtures::{SERVER, operator, seller, shop};
use crate::console::keymap::Keymap;
use crate::console::state::{Field, Loading, LoginForm, Screen, Session, State};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Draws `state` at every size and checks each against its snapshot `name_WxH`.
pub(super) fn check(name: &str, state: &State) {
    for (width, height) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
        terminal
            .draw(|frame| render(frame, state, &Keymap::default()))
            .expect("draws");
        assert_snapshot!(format!("{name}_{width}x{height}"), terminal.backend());
    }
}

fn login_with(form: LoginForm) -> State {
    State {
        screen: Screen::Login(form),
        ..State::login(SERVER)
    }
}

fn console_with(user: User, shop: Option<ShopSummary>) -> State {
    let mut session = Session::new("tok");
    session.user = Some(user);
    session.shop = shop;
    session.me = Loading::Loaded;
    State::with_session(SERVER, session)
}

#[test]
fn login_screen() {
    check("login", &State::login(SERVER));
}

#[test]
fn login_signing_in() {
    check(
        "login_pending",
        &login_with(LoginForm {
            email: "ada@example.com".into(),
            password: "hunter2".into(),
            focus: Field::Password,
            pending: true,
            error: None,
        }),
    );
}

#[test]
fn login_error() {
    check(
        "login_error",
        &login_with(LoginForm {
            email: "ada@example.com".into(),
            focus: Field::Password,
            error: Some("Wrong e-mail or password".into()),
            ..LoginForm::default()
        }),
    );
}

#[test]
fn login_network_error() {
    check(
        "login_network_error",
        &login_with(LoginForm {
            email: "ada@example.com".into(),
            password: "hunter2".into(),
            focus: Field::Password,
            error: Some(format!(
                "Cannot reach {SERVER} — is `halles serve` running?"
            )),
            pending: false,
        }),
    );
}

#[test]
fn main_frame_seller_with_shop() {
    check(
        "seller",
        &console_with(seller(), Some(shop(ShopStatus::Approved))),
    );
}

#[test]
fn main_frame_seller_with_pending_shop() {
    check(
        "seller_pending",
        &console_with(seller(), Some(shop(ShopStatus::Pending))),
    );
}

#[test]
fn main_frame_operator() {
    check("operator", &console_with(operator(), None));
}

#[test]
fn main_frame_network_error_retrying() {
    let mut state = console_with(seller(), Some(shop(ShopStatus::Approved)));
    if let Screen::Console(session) = &mut state.screen {
        session.me = Loading::Error {
            message: format!("Cannot reach {SERVER} — is `halles serve` running?"),
            retry_in_secs: Some(4),
        };
    }
    check("seller_retrying", &state);
}

#[test]
fn restoring_a_saved_session() {
    let mut session = Session::new("tok");
    session.me = Loading::Loading;
    check("restoring", &State::with_session(SERVER, session));
}

#[test]
fn help_overlay() {
    let mut state = console_with(seller(), Some(shop(ShopStatus::Approved)));
    state.help_visible = true;
    check("help", &state);
}
