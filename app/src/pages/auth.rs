//! `/login` and `/signup`: plain HTML forms posted to the server, so they work without
//! JavaScript; errors come back through the page context's flash.

mod fields;
mod login;
mod signup;

pub use login::LoginPage;
pub use signup::SignupPage;

use crate::context::Flash;
use crate::i18n::{Locale, Msg};

/// The error message for `field`, when the flash blames that field.
fn field_error(locale: Locale, flash: &Option<Flash>, field: &str) -> Option<&'static str> {
    flash
        .as_ref()
        .filter(|flash| flash.field.as_deref() == Some(field))
        .map(|flash| locale.t(Msg::for_error_code(&flash.error)))
}

/// The error message that concerns no single field.
fn form_error(locale: Locale, flash: &Option<Flash>) -> Option<&'static str> {
    flash
        .as_ref()
        .filter(|flash| flash.field.is_none())
        .map(|flash| locale.t(Msg::for_error_code(&flash.error)))
}

/// Where to go after logging in: only a path on this site, never another origin.
pub fn safe_next(next: &str) -> Option<String> {
    let next = next.trim();
    (next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(char::is_control))
    .then(|| next.to_owned())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(safe_next("/account"), Some("/account".into()));
        assert_eq!(safe_next("//evil.example"), None);
        assert_eq!(safe_next("/\\evil.example"), None);
        assert_eq!(safe_next("https://evil.example"), None);
        assert_eq!(safe_next("/cart\r\nSet-Cookie: x"), None);
    }
}
