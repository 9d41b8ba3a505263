//! The whole console on a `TestBackend`, keys in, canned server answers.

use std::cell::{Cell, RefCell};
use std::time::Duration;

use api_types::{ErrorBody, LoginResponse, MeResponse, ShopStatus};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

use super::{run, run_polling};
use crate::client::{ApiError, OrderStep};
use api_types::orders::SellerOrder;
use api_types::selling::StockLine;

use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{
    categories, locations, offers, page, seller, seller_orders, seller_orders_with_new,
    seller_shop, shop,
};
use crate::console::io::{ActionSender, EffectRunner};
use crate::console::keymap::Keymap;
use crate::console::screens::offer_csv::{ImportReport, LineError};
use crate::console::screens::offers::spreadsheet::CsvEvent;
use crate::console::state::{Screen, Session, State};

/// Answers like a server where Ada's password is "right"; remembers what it was asked.
#[derive(Default)]
struct Canned {
    asked: RefCell<Vec<Effect>>,
}

impl EffectRunner for Canned {
    fn run(&self, effect: Effect, actions: ActionSender) {
        if let Effect::Batch(effects) = effect {
            for effect in effects {
                self.run(effect, actions.clone());
            }
            return;
        }
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
            Effect::ForgetToken | Effect::Batch(_) => None,
            // An import whose line 7 the server refused.
            Effect::ImportCsv { job, path, .. } => Some(Action::Csv {
                job,
                event: CsvEvent::Imported(Ok(ImportReport {
                    file: path,
                    updated: 4,
                    errors: vec![LineError::at(7, "price", "must be more than 0,00 €")],
                    ..ImportReport::default()
                })),
            }),
            Effect::ExportCsv { .. } | Effect::SaveReport { .. } => None,
            Effect::Api { request, call, .. } => Some(Action::Answer {
                request,
                answer: Box::new(seller_api(*call)),
            }),
        };
        if let Some(answer) = answer {
            actions.send(answer).expect("the loop is listening");
        }
    }
}

/// What the canned server answers to a seller API call.
fn seller_api(call: ApiCall) -> Answer {
    match call {
        ApiCall::GetShop => Answer::Shop(Ok(seller_shop(ShopStatus::Approved))),
        ApiCall::SellerDashboard => {
            Answer::Dashboard(Ok(crate::console::fixtures::seller_dashboard()))
        }
        ApiCall::ListOffers { .. } => Answer::Offers(Ok(page(offers()))),
        ApiCall::ListLocations => Answer::Locations(Ok(page(locations()))),
        ApiCall::ListCategories => Answer::Categories(Ok(page(categories()))),
        ApiCall::ListOrders(_) => Answer::Orders(Ok(page(seller_orders()))),
        ApiCall::CountOrders { .. } => Answer::OrderCount(Ok(1)),
        ApiCall::GetCashback => Answer::Cashback(Ok(crate::console::fixtures::seller_cashback())),
        ApiCall::SellerPayouts => Answer::Payouts(Ok(crate::console::fixtures::seller_payouts())),
        ApiCall::DeleteOffer { id } => Answer::OfferDeleted { id, result: Ok(()) },
        ApiCall::LowStock => Answer::LowStock(Ok(page(Vec::new()))),
        ApiCall::SellerDisputes { .. } => {
            Answer::SellerDisputes(Ok(page(crate::console::fixtures::disputes())))
        }
        ApiCall::SetStock { offer_id, body } => Answer::Stock {
            offer_id,
            result: Ok(StockLine {
                location_id: body.location_id,
                quantity: u32::try_from(body.quantity).expect("a small quantity"),
                reserved: 0,
            }),
        },
        other => panic!("the canned server does not answer {other:?}"),
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
    assert_eq!(
        asked.len(),
        14,
        "two logins, /me and the 11 loads: {asked:?}"
    );
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
        asked.last(),
        Some(&Effect::Logout {
            token: "saved".into()
        })
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

#[tokio::test]
async fn a_seller_deletes_an_offer_and_sets_stock_with_keys_only() {
    let mut state = State::with_session("http://127.0.0.1:3000", Session::new("saved"));
    let runner = Canned::default();
    let mut events = vec![
        key(KeyCode::Char('2')),
        key(KeyCode::Char('j')),
        key(KeyCode::Char('d')),
        key(KeyCode::Char('y')),
        key(KeyCode::Tab),
        key(KeyCode::Char('l')),
        key(KeyCode::Enter),
        Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    ];
    events.extend(text("8"));
    // Enter asks the reason (3 → 8 is a receipt); `a` picks adjustment, Enter saves.
    events.push(key(KeyCode::Enter));
    events.push(key(KeyCode::Char('a')));
    events.push(key(KeyCode::Enter));

    let terminal = drive(&mut state, &runner, events).await;

    let asked = runner.asked.borrow();
    assert!(asked.iter().any(|effect| matches!(
        effect,
        Effect::Api { call, .. } if **call == ApiCall::DeleteOffer { id: "o2".into() }
    )));
    let set = asked.iter().rev().find_map(|effect| match effect {
        Effect::Api { call, .. } => match &**call {
            ApiCall::SetStock { offer_id, body } => Some((offer_id, body)),
            _ => None,
        },
        _ => None,
    });
    let Some((offer_id, body)) = set else {
        panic!("expected the stock to be set: {asked:?}");
    };
    assert_eq!(
        (
            offer_id.as_str(),
            body.location_id.as_str(),
            body.quantity,
            body.reason.as_deref()
        ),
        ("o1", "l2", 8, Some("adjustment"))
    );
    assert!(
        matches!(asked.last(), Some(Effect::Api { call, .. }) if **call == ApiCall::LowStock),
        "the low rows are asked again after: {asked:?}"
    );
    assert_snapshot!("app_stock_after_delete_80x24", terminal.backend());
}

#[tokio::test]
async fn a_seller_imports_a_file_and_reads_what_was_refused() {
    let mut state = State::with_session("http://127.0.0.1:3000", Session::new("saved"));
    let runner = Canned::default();
    let mut events = vec![
        key(KeyCode::Char('2')),
        key(KeyCode::Char('i')),
        Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    ];
    events.extend(text("stock.csv"));
    events.push(key(KeyCode::Enter));

    let terminal = drive(&mut state, &runner, events).await;

    let asked = runner.asked.borrow();
    assert!(
        asked.iter().any(|effect| matches!(
            effect,
            Effect::ImportCsv { path, token, .. } if path == "stock.csv" && token == "saved"
        )),
        "{asked:?}"
    );
    let Screen::Console(session) = &state.screen else {
        panic!("signed in");
    };
    assert!(matches!(
        session.desk.overlay,
        Some(crate::console::screens::Overlay::Report(_))
    ));
    assert_snapshot!("app_import_report_80x24", terminal.backend());
}

/// [`Canned`] answers; `q` is typed once the console asked for the orders a second time,
/// by itself (the first is the load after signing in).
struct QuitAfterPoll {
    canned: Canned,
    lists: Cell<usize>,
    keys: UnboundedSender<Event>,
}

impl EffectRunner for QuitAfterPoll {
    fn run(&self, effect: Effect, actions: ActionSender) {
        if let Effect::Batch(effects) = effect {
            for effect in effects {
                self.run(effect, actions.clone());
            }
            return;
        }
        if matches!(&effect, Effect::Api { call, .. } if matches!(**call, ApiCall::ListOrders(_))) {
            self.lists.set(self.lists.get() + 1);
            if self.lists.get() == 2 {
                self.keys.send(key(KeyCode::Char('q'))).expect("queued");
            }
        }
        self.canned.run(effect, actions);
    }
}

#[tokio::test]
async fn a_signed_in_seller_s_orders_are_polled_without_a_key() {
    let mut state = State::with_session("http://127.0.0.1:3000", Session::new("saved"));
    let (keys, events) = unbounded_channel();
    let runner = QuitAfterPoll {
        canned: Canned::default(),
        lists: Cell::new(0),
        keys,
    };
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    let keymap = Keymap::default();
    let every = Duration::from_millis(5);
    let running = run_polling(&mut terminal, &mut state, &keymap, &runner, events, every);
    tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("the orders were polled")
        .expect("runs");
    assert!(state.should_quit);
    let asked = runner.canned.asked.borrow();
    let counts = asked
        .iter()
        .filter(|e| matches!(e, Effect::Api { call, .. } if matches!(**call, ApiCall::CountOrders { .. })))
        .count();
    assert_eq!(counts, 2, "the count to handle is polled too: {asked:?}");
}

/// A server with one order that moves, `so6` (a paid pickup, first on the page), that
/// holds its answer to the first poll of the orders until the seller's next step has been
/// answered: the poll, asked while `so6` was paid, arrives after the step made it
/// accepted. It types `a` when it holds the poll, then `r` and `q` once it has let it go.
struct LatePoll {
    canned: Canned,
    status: RefCell<String>,
    lists: Cell<usize>,
    held: RefCell<Option<Action>>,
    keys: UnboundedSender<Event>,
}

impl LatePoll {
    /// The page as the server has it now.
    fn orders_now(&self) -> Vec<SellerOrder> {
        let mut orders = seller_orders_with_new();
        orders[0].status = self.status.borrow().clone();
        orders
    }

    fn type_key(&self, c: char) {
        self.keys.send(key(KeyCode::Char(c))).expect("queued");
    }
}

impl EffectRunner for LatePoll {
    fn run(&self, effect: Effect, actions: ActionSender) {
        if let Effect::Batch(effects) = effect {
            for effect in effects {
                self.run(effect, actions.clone());
            }
            return;
        }
        self.canned.asked.borrow_mut().push(effect.clone());
        let Effect::Api { request, call, .. } = &effect else {
            return self.canned.run(effect, actions);
        };
        let answer = match &**call {
            ApiCall::ListOrders(_) => {
                self.lists.set(self.lists.get() + 1);
                let answer = Action::Answer {
                    request: *request,
                    answer: Box::new(Answer::Orders(Ok(page(self.orders_now())))),
                };
                // The third list is the first poll: after the sign-in's and the tab's.
                if self.lists.get() == 3 {
                    *self.held.borrow_mut() = Some(answer);
                    self.type_key('a');
                    return;
                }
                answer
            }
            ApiCall::CountOrders { .. } => {
                let paid = self
                    .orders_now()
                    .iter()
                    .filter(|order| order.status == "paid")
                    .count();
                Action::Answer {
                    request: *request,
                    answer: Box::new(Answer::OrderCount(Ok(paid as u64))),
                }
            }
            ApiCall::OrderStep { id, step, .. } => {
                let status = match step {
                    OrderStep::Accept => "accepted",
                    OrderStep::Ready => "ready_for_pickup",
                    other => panic!("the seller only accepts and readies here, not {other:?}"),
                };
                *self.status.borrow_mut() = status.into();
                let mut order = self.orders_now().remove(0);
                order.status = status.into();
                actions
                    .send(Action::Answer {
                        request: *request,
                        answer: Box::new(Answer::OrderChanged {
                            id: id.clone(),
                            result: Ok(order),
                        }),
                    })
                    .expect("the loop is listening");
                if let Some(late) = self.held.borrow_mut().take() {
                    actions.send(late).expect("the loop is listening");
                    self.type_key('r');
                    self.type_key('q');
                }
                return;
            }
            _ => return self.canned.run(effect, actions),
        };
        actions.send(answer).expect("the loop is listening");
    }
}

#[tokio::test]
async fn a_poll_answered_after_a_step_does_not_undo_it_and_the_next_key_works() {
    let mut state = State::with_session("http://127.0.0.1:3000", Session::new("saved"));
    let (keys, events) = unbounded_channel();
    keys.send(key(KeyCode::Char('6'))).expect("queued");
    let runner = LatePoll {
        canned: Canned::default(),
        status: RefCell::new("paid".into()),
        lists: Cell::new(0),
        held: RefCell::new(None),
        keys,
    };
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    let keymap = Keymap::default();
    let every = Duration::from_millis(5);
    let running = run_polling(&mut terminal, &mut state, &keymap, &runner, events, every);
    tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("the orders were polled")
        .expect("runs");

    let asked = runner.canned.asked.borrow();
    let steps: Vec<&OrderStep> = asked
        .iter()
        .filter_map(|effect| match effect {
            Effect::Api { call, .. } => match &**call {
                ApiCall::OrderStep { step, .. } => Some(step),
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert_eq!(
        steps,
        [&OrderStep::Accept, &OrderStep::Ready],
        "r was taken, not refused for a status gone by"
    );
    let Screen::Console(session) = &state.screen else {
        panic!("signed in");
    };
    let shown = session.desk.orders.items()[0].status.as_str();
    assert_eq!(shown, "ready_for_pickup");
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|cell| cell.symbol())
        .collect();
    assert!(
        screen.contains("H-8N3P4R9A is now ready for pickup."),
        "{screen}"
    );
}
