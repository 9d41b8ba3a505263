//! Everything the console shows, and nothing else: [`State`] is changed only by
//! [`update`](super::update::update) and read by [`render`](super::render::render).

use api_types::{Role, ShopSummary, User};

use super::screens::Desk;
use super::screens::ops::Ops;

/// The whole console's state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The server address, shown on every screen.
    pub server: String,
    /// The screen on show.
    pub screen: Screen,
    /// Whether the `?` overlay is open over the screen.
    pub help_visible: bool,
    /// A message for the status bar, if any.
    pub notice: Option<Notice>,
    /// Set when the user asked to quit; the main loop ends.
    pub should_quit: bool,
    /// The id of the last request started, so that late answers to older ones are ignored.
    pub last_request: u64,
}

/// The screens of the console.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// The sign-in form.
    Login(LoginForm),
    /// Signed in: the console frame (or, before `/me` answered for a saved token, a
    /// "checking your session" panel).
    Console(Box<Session>),
}

/// The sign-in form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoginForm {
    /// What was typed into the e-mail field.
    pub email: String,
    /// What was typed into the password field (rendered masked).
    pub password: String,
    /// The field keys type into.
    pub focus: Field,
    /// Whether a sign-in request is under way.
    pub pending: bool,
    /// Why the last attempt failed (the server's message or a network error).
    pub error: Option<String>,
}

/// A field of the sign-in form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Field {
    /// The e-mail address.
    #[default]
    Email,
    /// The password.
    Password,
}

impl Field {
    /// The other field (there are two).
    pub fn other(self) -> Self {
        match self {
            Self::Email => Self::Password,
            Self::Password => Self::Email,
        }
    }
}

/// A signed-in session.
#[derive(Clone, PartialEq)]
pub struct Session {
    /// The bearer token (never rendered, never logged).
    pub token: String,
    /// Who is signed in; `None` until `/me` answered for a token restored from disk.
    pub user: Option<User>,
    /// The user's shop, from `/me`.
    pub shop: Option<ShopSummary>,
    /// Where the last `GET /me` stands.
    pub me: Loading,
    /// The `/me` request whose answer is awaited, if any.
    pub pending_request: Option<u64>,
    /// How many `/me` attempts in a row failed (drives the retry backoff).
    pub failures: u32,
    /// The seller screens (and the shop application form).
    pub desk: Desk,
    /// The operator screens.
    pub ops: Ops,
}

/// What the signed-in console shows, from who is signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// A restored token is being checked.
    Checking,
    /// The welcome panel, while `/me` has not answered.
    Welcome,
    /// The operator screens, for an operator without a shop.
    Operator,
    /// The "open a shop" form, for a shopper without a shop.
    OpenShop,
    /// The seller screens.
    Desk,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("token", &"<redacted>")
            .field("user", &self.user)
            .field("shop", &self.shop)
            .field("me", &self.me)
            .field("pending_request", &self.pending_request)
            .field("failures", &self.failures)
            .field("desk", &self.desk)
            .field("ops", &self.ops)
            .finish()
    }
}

impl Session {
    /// A session for `token`, the user not known yet.
    pub fn new(token: impl Into<String>) -> Self {
        Self {
            token: token.into(),
            user: None,
            shop: None,
            me: Loading::Idle,
            pending_request: None,
            failures: 0,
            desk: Desk::default(),
            ops: Ops::default(),
        }
    }

    /// What the console shows for this session.
    pub fn view(&self) -> View {
        match (&self.user, &self.shop) {
            (None, _) => View::Checking,
            (Some(_), Some(_)) => View::Desk,
            (Some(user), None) if user.has_role(Role::Operator) => View::Operator,
            (Some(_), None) if self.me == Loading::Loaded => View::OpenShop,
            (Some(_), None) => View::Welcome,
        }
    }
}

/// Where a request the screen depends on stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loading {
    /// Nothing asked yet.
    Idle,
    /// Asked, no answer yet.
    Loading,
    /// Answered.
    Loaded,
    /// Failed; the message is for a person. `retry_in_secs` is set when a retry is scheduled.
    Error {
        /// What went wrong.
        message: String,
        /// When the automatic retry comes, if one is scheduled.
        retry_in_secs: Option<u64>,
    },
}

/// A status-bar message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// How to show it.
    pub kind: NoticeKind,
    /// The text.
    pub text: String,
}

/// The tone of a [`Notice`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something finished.
    Info,
    /// Something went wrong.
    Error,
}

impl Notice {
    /// An informational notice.
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Info,
            text: text.into(),
        }
    }

    /// An error notice.
    pub fn error(text: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Error,
            text: text.into(),
        }
    }
}

impl State {
    /// The state at start-up without a saved token: the sign-in form.
    pub fn login(server: impl Into<String>) -> Self {
        Self {
            server: server.into(),
            screen: Screen::Login(LoginForm::default()),
            help_visible: false,
            notice: None,
            should_quit: false,
            last_request: 0,
        }
    }

    /// The state at start-up with a saved token; the main loop's first
    /// [`Action::Start`](super::action::Action::Start) checks the token with `GET /me`.
    pub fn with_session(server: impl Into<String>, session: Session) -> Self {
        Self {
            screen: Screen::Console(Box::new(session)),
            ..Self::login(server)
        }
    }

    /// The next request id.
    pub fn next_request(&mut self) -> u64 {
        self.last_request += 1;
        self.last_request
    }
}
