//! Accounts: who a user is, how they sign up and log in, and how a login is remembered.
//!
//! - [`password`]: argon2id hashing off the async threads.
//! - [`signup`], [`login`]: the two ways in.
//! - [`sessions`]: web sessions and API tokens, both rows in the database so that any
//!   number of `halles` processes can serve the same users.
//! - [`throttle`]: failed-login counters per account and per address.
//! - [`profile`]: the view of a user with roles and shop.

pub mod login;
pub mod password;
pub mod profile;
pub mod sessions;
pub mod signup;
pub mod throttle;

pub use login::{LoginAttempt, authenticate};
pub use profile::{ShopView, UserView, load_user};
pub use sessions::{IssuedSession, ResolvedSession, SessionKind};
pub use signup::{NewAccount, signup};
