//! [`Action`]s go into [`update`](super::update::update); [`Effect`]s come out of it.
//!
//! Actions are what the user asked for (through the [keymap](super::keymap)) and what
//! background requests answered. Effects are the IO the update wants done; the
//! [`io`](super::io) module runs them in spawned tasks that report back as actions.

mod answer;
mod api;

use std::time::Duration;

use api_types::{LoginResponse, MeResponse};

pub use answer::Answer;
pub use api::{ApiCall, HandoffCode};

use super::screens::Tab;
use super::screens::disputes::DisputeVerb;
use super::screens::offers::spreadsheet::CsvEvent;
use super::screens::ops::{Decision, OpsTab};
use super::screens::orders::Verb;
use super::screens::stock::StockVerb;
use super::screens::till::TillVerb;
use crate::client::ApiError;

/// Everything that can change the console's state.
#[derive(Clone, PartialEq)]
pub enum Action {
    /// The main loop started (checks a restored session).
    Start,
    /// Leave the console.
    Quit,
    /// Open or close the key help overlay.
    ToggleHelp,
    /// Move to the next field of a form.
    FocusNext,
    /// Move to the previous field of a form.
    FocusPrev,
    /// Type one character into the focused field.
    Input(char),
    /// Pasted text, for the focused field.
    Paste(String),
    /// Delete the character before the cursor.
    Backspace,
    /// Empty the focused field.
    ClearField,
    /// Submit the form (sign in).
    Submit,
    /// Ask `/me` again now.
    Refresh,
    /// Sign out: the token is revoked and forgotten.
    Logout,
    /// `POST /auth/login` answered.
    LoginFinished(Result<LoginResponse, ApiError>),
    /// `GET /me` answered request `request`.
    MeLoaded {
        /// The request id given in [`Effect::FetchMe`].
        request: u64,
        /// The answer.
        result: Result<MeResponse, ApiError>,
    },
    /// `POST /auth/logout` answered.
    LogoutFinished(Result<(), ApiError>),
    /// A background task has something to tell (e.g. the token could not be saved).
    Notify(String),
    /// The poll timer fired: ask the server again for what changes by itself (new orders).
    Tick,
    /// Show a seller screen.
    SwitchTab(Tab),
    /// Show the next seller screen.
    NextTab,
    /// Show the previous seller screen.
    PrevTab,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Move left (the stock grid), or the previous choice (a form).
    Left,
    /// Move right (the stock grid), or the next choice (a form).
    Right,
    /// The previous page of the list.
    PageUp,
    /// The next page of the list.
    PageDown,
    /// Open the form for a new row.
    New,
    /// Edit the selected row (or stock cell).
    Edit,
    /// Publish or unpublish the selected offer.
    TogglePublish,
    /// Ask to delete the selected row (or end the selected campaign).
    Delete,
    /// Set a cashback boost: the selected offer's, or the shop's.
    Boost,
    /// Start typing a search filter.
    Search,
    /// Sort the list by the next key.
    CycleSort,
    /// Show only the rows of the next status or action (orders, shops, audit, disputes), or
    /// the figures of the next period (KPIs).
    NextFilter,
    /// The same, the other way round.
    PrevFilter,
    /// Take a step on the selected order (accept, ship…), asking first where needed.
    Order(Verb),
    /// Transfer, history or threshold on the selected stock cell.
    Stock(StockVerb),
    /// Sell the cart at the till (cash, card), or order what the store lacks.
    Till(TillVerb),
    /// Show an operator screen.
    OpsTab(OpsTab),
    /// Decide on the selected shop or offer (asks a reason, then confirmation).
    Decide(Decision),
    /// Answer (seller) or decide (operator) the selected dispute, through a form and a
    /// confirmation.
    Dispute(DisputeVerb),
    /// Pay the selected shop its payable balance (operator; asks a reason, then you).
    PayOut,
    /// Close the form, dialog, search or cell editor without saving.
    Cancel,
    /// Answer the confirmation dialog: `true` for yes.
    Confirm(bool),
    /// Ask which CSV file to import offers and stock from.
    ImportCsv,
    /// Ask which CSV file to export offers and stock to.
    ExportCsv,
    /// Save the import report beside the file imported.
    SaveReport,
    /// A CSV job (import, export, report save) has something to tell.
    Csv {
        /// The job's id, from [`Effect::ImportCsv`], [`Effect::ExportCsv`] or
        /// [`Effect::SaveReport`].
        job: u64,
        /// What happened.
        event: CsvEvent,
    },
    /// A seller API request answered request `request`.
    Answer {
        /// The request id given in [`Effect::Api`].
        request: u64,
        /// The answer.
        answer: Box<Answer>,
    },
}

impl Action {
    /// The action's name, for logs (never its payload: it may hold a token).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Quit => "quit",
            Self::ToggleHelp => "toggle_help",
            Self::FocusNext => "focus_next",
            Self::FocusPrev => "focus_prev",
            Self::Input(_) => "input",
            Self::Paste(_) => "paste",
            Self::Backspace => "backspace",
            Self::ClearField => "clear_field",
            Self::Submit => "submit",
            Self::Refresh => "refresh",
            Self::Logout => "logout",
            Self::LoginFinished(_) => "login_finished",
            Self::MeLoaded { .. } => "me_loaded",
            Self::LogoutFinished(_) => "logout_finished",
            Self::Notify(_) => "notify",
            Self::Tick => "tick",
            Self::SwitchTab(_) => "switch_tab",
            Self::NextTab => "next_tab",
            Self::PrevTab => "prev_tab",
            Self::Up => "up",
            Self::Down => "down",
            Self::Left => "left",
            Self::Right => "right",
            Self::PageUp => "page_up",
            Self::PageDown => "page_down",
            Self::New => "new",
            Self::Edit => "edit",
            Self::TogglePublish => "toggle_publish",
            Self::Delete => "delete",
            Self::Boost => "boost",
            Self::Search => "search",
            Self::CycleSort => "cycle_sort",
            Self::NextFilter => "next_filter",
            Self::PrevFilter => "prev_filter",
            Self::Order(_) => "order",
            Self::Stock(_) => "stock",
            Self::Till(_) => "till",
            Self::OpsTab(_) => "ops_tab",
            Self::Decide(_) => "decide",
            Self::Dispute(_) => "dispute",
            Self::PayOut => "pay_out",
            Self::Cancel => "cancel",
            Self::Confirm(_) => "confirm",
            Self::ImportCsv => "import_csv",
            Self::ExportCsv => "export_csv",
            Self::SaveReport => "save_report",
            Self::Csv { .. } => "csv",
            Self::Answer { answer, .. } => answer.name(),
        }
    }
}

impl std::fmt::Debug for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // Keys typed into the password field and tokens stay out of debug output.
            Self::Input(_) | Self::Paste(_) | Self::LoginFinished(Ok(_)) => {
                write!(f, "{}(<redacted>)", self.name())
            }
            Self::LoginFinished(Err(error)) => write!(f, "login_finished(Err({error:?}))"),
            Self::MeLoaded { request, result } => {
                write!(
                    f,
                    "me_loaded({request}, {:?})",
                    result.as_ref().map(|me| &me.user.email)
                )
            }
            Self::LogoutFinished(result) => write!(f, "logout_finished({result:?})"),
            Self::Notify(text) => write!(f, "notify({text:?})"),
            Self::SwitchTab(tab) => write!(f, "switch_tab({tab:?})"),
            Self::Confirm(yes) => write!(f, "confirm({yes})"),
            Self::Order(verb) => write!(f, "order({verb:?})"),
            Self::Stock(verb) => write!(f, "stock({verb:?})"),
            Self::Till(verb) => write!(f, "till({verb:?})"),
            Self::OpsTab(tab) => write!(f, "ops_tab({tab:?})"),
            Self::Decide(decision) => write!(f, "decide({decision:?})"),
            Self::Dispute(verb) => write!(f, "dispute({verb:?})"),
            Self::Answer { request, answer } => write!(f, "answer({request}, {answer:?})"),
            Self::Csv { job, event } => write!(f, "csv({job}, {event:?})"),
            _ => f.write_str(self.name()),
        }
    }
}

/// IO that [`update`](super::update::update) asks for.
#[derive(Clone, PartialEq)]
pub enum Effect {
    /// `POST /auth/login`, then save the token; answers [`Action::LoginFinished`].
    Login {
        /// The e-mail typed.
        email: String,
        /// The password typed.
        password: String,
    },
    /// After `delay`, `GET /me` with `token`; answers [`Action::MeLoaded`] with `request`.
    FetchMe {
        /// The request id to answer with.
        request: u64,
        /// The session's token.
        token: String,
        /// How long to wait first (the retry backoff; zero for a first try).
        delay: Duration,
    },
    /// Forget the saved token and `POST /auth/logout`; answers [`Action::LogoutFinished`].
    Logout {
        /// The token to revoke.
        token: String,
    },
    /// Forget the saved token (the server no longer accepts it); answers nothing.
    ForgetToken,
    /// `call` with `token`; answers [`Action::Answer`] with `request`.
    Api {
        /// The request id to answer with.
        request: u64,
        /// The session's token.
        token: String,
        /// What to ask.
        call: Box<ApiCall>,
    },
    /// Reads the CSV file at `path` and imports its offers and stock with `token`,
    /// reporting as [`Action::Csv`] with `job` (progress, then the report).
    ImportCsv {
        /// The job's id.
        job: u64,
        /// The session's token.
        token: String,
        /// The file, as typed (`~/` is the home directory).
        path: String,
    },
    /// Writes every offer and its stock to the CSV file at `path`; answers
    /// [`Action::Csv`] with `job`.
    ExportCsv {
        /// The job's id.
        job: u64,
        /// The session's token.
        token: String,
        /// The file, as typed.
        path: String,
    },
    /// Writes an import report to `path`; answers [`Action::Csv`] with `job`.
    SaveReport {
        /// The job's id.
        job: u64,
        /// The file, as typed.
        path: String,
        /// The report.
        text: String,
    },
    /// Several effects, run side by side.
    Batch(Vec<Effect>),
}

impl std::fmt::Debug for Effect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Login { email, .. } => write!(f, "Login({email:?})"),
            Self::FetchMe { request, delay, .. } => write!(f, "FetchMe({request}, {delay:?})"),
            Self::Logout { .. } => f.write_str("Logout"),
            Self::ForgetToken => f.write_str("ForgetToken"),
            Self::Api { request, call, .. } => write!(f, "Api({request}, {call:?})"),
            Self::ImportCsv { job, path, .. } => write!(f, "ImportCsv({job}, {path:?})"),
            Self::ExportCsv { job, path, .. } => write!(f, "ExportCsv({job}, {path:?})"),
            Self::SaveReport { job, path, .. } => write!(f, "SaveReport({job}, {path:?})"),
            Self::Batch(effects) => f.debug_tuple("Batch").field(effects).finish(),
        }
    }
}
