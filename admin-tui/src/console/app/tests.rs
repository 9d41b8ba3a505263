//! The whole console on a `TestBackend`, keys in, canned server answers.

use std::cell::RefCell;

use api_types::{ErrorBody, LoginResponse, MeResponse, ShopStatus};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc::unbounded_channel;

use super::run;
use crate::client::ApiError;
use crate::console::action::{Action, Effect};
use crate::console::fixtures::{seller, shop};
use crate::console::io::{ActionSender, EffectRunner};
use crate::console::keymap::Keymap;
use crate::console::state::{Screen, Session, State};

/// Answers like a server where Ada's password is "right"; remembers what it was asked.
#[derive(Default)]
struct Canned {
    asked: RefCell<Vec<Effect>>,
}

impl EffectRunner for Canned {
    fn run(&self, effect: Effect, actions: ActionSender) {
        self.asked.borrow_mut().push(effect.clone());
        let answer = match effect {
            Effect::Login { password, .. } if password == "right" => {
                Some(Action::LoginFinished(Ok(LoginResponse {
                    token: "tok".into(),
                    user: seller(),
                })))
            }
            Effect::Login { .. } => Some(Action::LoginFinished(Err(ApiError::Api {
                status: 401,
                body: ErrorBody::new("invalid_credentials", "Wrong e-mail or password", None),
            }))),
            Effect::FetchMe { request, .. } => {
                let shop = shop(ShopStatus::Approved);
                Some(Action::MeLoaded {
                    request,
                    result: Ok(MeResponse {
                        user: seller(),
                        shop: Some(shop),
                    }),
                })
            }
            Effect::Logout { .. } => Some(Action::LogoutFinished(Ok(()))),
            Effect::ForgetToken => None,
        };
        if let Some(answer) = answer {
            actions.send(answer).expect("the loop is listening");
        }
    }
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn text(s: &str) -> impl Iterator<Item = Event> + '_ {
    s.chars().map(|c| key(KeyCode::Char(c)))
}

/// Runs the console over `events` (then the event stream ends, which quits).
async fn drive(state: &mut State, runner: &Canned, events: Vec<Event>) -> Terminal<TestBackend> {
    let (tx, rx) = unbounded_channel();
    for event in events {
        tx.send(event).expect("queued");
    }
    drop(tx);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    run(&mut terminal, state, &Keymap::default(), runner, rx)
        .await
        .expect("runs");
    terminal
}

#[tokio::test]
async fn a_wrong_then_right_password_signs_in() {
    let mut state = State::login("http://127.0.0.1:3000");
    let runner = Canned::default();
    let mut events: Vec<Event> = text("ada@example.com").collect();
    events.push(key(KeyCode::Tab));
    events.extend(text("wrong"));
    events.push(key(KeyCode::Enter));
    // The 401 cleared the password and left the focus on it.
    events.extend(text("right"));
    events.push(key(KeyCode::Enter));
    events.push(key(KeyCode::Char('?')));
    events.push(key(KeyCode::Esc));

    let terminal = drive(&mut state, &runner, events).await;

    let asked = runner.asked.borrow();
    assert_eq!(asked.len(), 3, "two logins and /me: {asked:?}");
    assert!(matches!(&asked[2], Effect::FetchMe { token, .. } if token == "tok"));
    assert!(!state.help_visible);
    assert_snapshot!("app_signed_in_80x24", terminal.backend());
}

#[tokio::test]
async fn a_saved_session_opens_the_console_and_l_logs_out() {
    let mut state = State::with_session("http://127.0.0.1:3000", Session::new("saved"));
    let runner = Canned::default();
    let events = vec![key(KeyCode::Char('L'))];

    let terminal = drive(&mut state, &runner, events).await;

    let asked = runner.asked.borrow();
    assert!(matches!(&asked[0], Effect::FetchMe { token, .. } if token == "saved"));
    assert_eq!(
        asked[1],
        Effect::Logout {
            token: "saved".into()
        }
    );
    let Screen::Login(form) = &state.screen else {
        panic!("expected the login form after logging out");
    };
    assert_eq!(form.email, "ada@example.com");
    assert_snapshot!("app_logged_out_80x24", terminal.backend());
}

#[tokio::test]
async fn ctrl_c_quits_from_the_login_form() {
    let mut state = State::login("http://127.0.0.1:3000");
    let runner = Canned::default();
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    // Keys after the quit are never read.
    let events = vec![ctrl_c, key(KeyCode::Char('x'))];
    drive(&mut state, &runner, events).await;
    assert!(state.should_quit);
    let Screen::Login(form) = &state.screen else {
        panic!("still on the login form");
    };
    assert_eq!(form.email, "");
}
