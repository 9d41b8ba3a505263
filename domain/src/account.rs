//! Account values. Each is a newtype with a private field and one fallible constructor,
//! so a handler never carries a bare `String` e-mail or password past the boundary.

use thiserror::Error;

/// Why an account value was refused. Messages are shown to people as they are.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AccountError {
    #[error("enter an e-mail address")]
    EmailEmpty,
    #[error("this does not look like an e-mail address")]
    EmailInvalid,
    #[error("the e-mail address is too long (254 characters at most)")]
    EmailTooLong,
    #[error("the password must have at least {min} characters", min = Password::MIN_CHARS)]
    PasswordTooShort,
    #[error("the password is too long ({max} characters at most)", max = Password::MAX_CHARS)]
    PasswordTooLong,
    #[error("enter your name")]
    NameEmpty,
    #[error("the name is too long ({max} characters at most)", max = DisplayName::MAX_CHARS)]
    NameTooLong,
    #[error("the name contains characters that cannot be shown")]
    NameHasControlCharacters,
}

impl AccountError {
    /// The request field this error is about.
    pub fn field(&self) -> &'static str {
        match self {
            AccountError::EmailEmpty | AccountError::EmailInvalid | AccountError::EmailTooLong => {
                "email"
            }
            AccountError::PasswordTooShort | AccountError::PasswordTooLong => "password",
            AccountError::NameEmpty
            | AccountError::NameTooLong
            | AccountError::NameHasControlCharacters => "name",
        }
    }

    /// A stable `snake_case` code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            AccountError::EmailEmpty => "email_empty",
            AccountError::EmailInvalid => "email_invalid",
            AccountError::EmailTooLong => "email_too_long",
            AccountError::PasswordTooShort => "password_too_short",
            AccountError::PasswordTooLong => "password_too_long",
            AccountError::NameEmpty => "name_empty",
            AccountError::NameTooLong => "name_too_long",
            AccountError::NameHasControlCharacters => "name_invalid",
        }
    }
}

/// An e-mail address, trimmed and lower-cased so that one mailbox is one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    const MAX_LEN: usize = 254;

    /// Parses what a person typed. Deliberately permissive (one `@`, a dotted domain,
    /// no spaces): the only real check of an address is a mail that arrives.
    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err(AccountError::EmailEmpty);
        }
        if email.len() > Self::MAX_LEN {
            return Err(AccountError::EmailTooLong);
        }
        let (local, domain) = email.split_once('@').ok_or(AccountError::EmailInvalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        if local.is_empty()
            || !domain_ok
            || domain.contains('@')
            || email.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(AccountError::EmailInvalid);
        }
        Ok(Self(email))
    }

    /// For values read back from storage, which were parsed when written.
    pub fn from_trusted_storage(stored: String) -> Self {
        Self(stored)
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A password as typed. Length rules follow NIST SP 800-63B: at least 8 characters,
/// any characters allowed, no composition rules. Never `Debug`-printed.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 8;
    /// Long enough for any pass-phrase, short enough that hashing stays cheap.
    pub const MAX_CHARS: usize = 128;

    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        let chars = raw.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(AccountError::PasswordTooShort);
        }
        if chars > Self::MAX_CHARS {
            return Err(AccountError::PasswordTooLong);
        }
        Ok(Self(raw.to_owned()))
    }

    /// The secret itself, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(redacted)")
    }
}

/// The name a person is greeted by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 80;

    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(AccountError::NameEmpty);
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err(AccountError::NameTooLong);
        }
        if name.chars().any(char::is_control) {
            return Err(AccountError::NameHasControlCharacters);
        }
        Ok(Self(name.to_owned()))
    }

    /// For values read back from storage, which were parsed when written.
    pub fn from_trusted_storage(stored: String) -> Self {
        Self(stored)
    }
}

impl AsRef<str> for DisplayName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::{AccountError, DisplayName, Email, Password};

    #[test]
    fn an_email_is_trimmed_and_lower_cased() {
        let email = Email::parse("  Claire.Martin@Example.FR ").expect("valid");
        assert_eq!(email.as_ref(), "claire.martin@example.fr");
    }

    #[test]
    fn malformed_emails_are_refused_with_the_email_field() {
        for raw in [
            "",
            "claire",
            "claire@",
            "@example.fr",
            "a@b",
            "a b@c.fr",
            "a@@b.fr",
            "a@.fr",
            "a@b..fr",
        ] {
            let err = Email::parse(raw).expect_err(raw);
            assert_eq!(err.field(), "email", "{raw}");
        }
        assert_eq!(Email::parse(" "), Err(AccountError::EmailEmpty));
    }

    #[test]
    fn passwords_count_characters_not_bytes() {
        assert!(Password::parse("éééééééé").is_ok());
        assert_eq!(
            Password::parse("short").err(),
            Some(AccountError::PasswordTooShort)
        );
        assert_eq!(
            Password::parse(&"x".repeat(129)).err(),
            Some(AccountError::PasswordTooLong)
        );
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let password = Password::parse("correct horse").expect("valid");
        assert!(!format!("{password:?}").contains("horse"));
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse("  Léa ").expect("valid").as_ref(), "Léa");
        assert_eq!(DisplayName::parse("   "), Err(AccountError::NameEmpty));
        assert_eq!(
            DisplayName::parse("a\u{7}b"),
            Err(AccountError::NameHasControlCharacters)
        );
        assert_eq!(
            DisplayName::parse(&"n".repeat(81)),
            Err(AccountError::NameTooLong)
        );
    }
}
