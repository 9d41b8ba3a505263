//! Keybindings as data: a table of (context, key, [`Action`], description).
//!
//! [`Keymap::action_for`] turns a key press into an action; the help overlay and the
//! status-bar hints are generated from the same table, so they cannot drift apart.

#[cfg(test)]
mod tests;

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::state::{Screen, State};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// On every screen, unless the screen's own binding takes the key.
    Global,
    /// On the sign-in form. Other printable keys type into the focused field.
    Login,
    /// On the signed-in console.
    Console,
    /// While the help overlay is open.
    Help,
}

impl Context {
    /// Every context, in the order the help overlay lists them.
    pub const ALL: [Self; 4] = [Self::Global, Self::Login, Self::Console, Self::Help];

    /// A heading for the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Self::Global => "Everywhere",
            Self::Login => "Sign-in form",
            Self::Console => "Console",
            Self::Help => "This help",
        }
    }

    /// The context the console is in.
    pub fn of(state: &State) -> Self {
        if state.help_visible {
            Self::Help
        } else {
            match state.screen {
                Screen::Login(_) => Self::Login,
                Screen::Console(_) => Self::Console,
            }
        }
    }
}

/// A key with its modifiers. `Shift` is ignored when matching (it is in the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Control, Alt… (Shift is ignored).
    pub modifiers: KeyModifiers,
}

impl Key {
    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> Self {
        Self {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    /// A character key.
    pub const fn char(c: char) -> Self {
        Self::plain(KeyCode::Char(c))
    }

    /// Control and a character.
    pub const fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// Whether `event` is this key.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let significant = |modifiers: KeyModifiers| modifiers - KeyModifiers::SHIFT;
        self.code == event.code && significant(self.modifiers) == significant(event.modifiers)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.modifiers.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The key.
    pub key: Key,
    /// What it does.
    pub action: Action,
    /// What it does, for the help overlay.
    pub description: &'static str,
    /// A one-word label for the status bar, for the few keys worth a hint there.
    pub hint: Option<&'static str>,
}

/// The console's keybindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    #[rustfmt::skip]
    fn default() -> Self {
        use Context::{Console, Global, Help, Login};
        use KeyCode::{BackTab, Backspace, Down, Enter, Esc, F, Tab, Up};
        let plain = Key::plain;
        let table = [
            // context, key, action, description (help overlay), hint (status bar)
            (Global,  Key::ctrl('c'),   Action::Quit,       "quit",                        None),
            (Global,  plain(F(1)),      Action::ToggleHelp, "show or hide this help",      Some("help")),
            (Login,   plain(Tab),       Action::FocusNext,  "next field",                  Some("next field")),
            (Login,   plain(Down),      Action::FocusNext,  "next field",                  None),
            (Login,   plain(BackTab),   Action::FocusPrev,  "previous field",              None),
            (Login,   plain(Up),        Action::FocusPrev,  "previous field",              None),
            (Login,   plain(Enter),     Action::Submit,     "sign in",                     Some("sign in")),
            (Login,   plain(Backspace), Action::Backspace,  "delete a character",          None),
            (Login,   Key::ctrl('u'),   Action::ClearField, "clear the field",             None),
            (Login,   plain(Esc),       Action::Quit,       "quit",                        Some("quit")),
            (Console, Key::char('?'),   Action::ToggleHelp, "show or hide this help",      Some("help")),
            (Console, Key::char('r'),   Action::Refresh,    "reload your account",         Some("refresh")),
            (Console, Key::char('L'),   Action::Logout,     "log out (revokes the token)", Some("log out")),
            (Console, Key::char('q'),   Action::Quit,       "quit",                        Some("quit")),
            (Help,    Key::char('?'),   Action::ToggleHelp, "close the help",              Some("close")),
            (Help,    plain(Esc),       Action::ToggleHelp, "close the help",              None),
            (Help,    Key::char('q'),   Action::Quit,       "quit",                        Some("quit")),
        ];
        let bindings = table
            .into_iter()
            .map(|(context, key, action, description, hint)| Binding { context, key, action, description, hint })
            .collect();
        Self { bindings }
    }
}

impl Keymap {
    /// Every binding, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action a key press asks for in the console's current context, if any.
    ///
    /// The context's own bindings win over global ones. On the sign-in form, printable
    /// characters with no binding type into the focused field. Key releases are ignored.
    pub fn action_for(&self, state: &State, event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let context = Context::of(state);
        let bound = |wanted: Context| {
            self.bindings
                .iter()
                .find(|binding| binding.context == wanted && binding.key.matches(event))
                .map(|binding| binding.action.clone())
        };
        bound(context)
            .or_else(|| bound(Context::Global))
            .or_else(|| match event.code {
                KeyCode::Char(c) if context == Context::Login && is_text(event.modifiers) => {
                    Some(Action::Input(c))
                }
                _ => None,
            })
    }

    /// The rows for the help overlay of one context: keys doing the same thing share a row.
    pub fn help_rows(&self, context: Context) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(String, &'static str)> = Vec::new();
        for binding in self
            .bindings
            .iter()
            .filter(|binding| binding.context == context)
        {
            match rows
                .iter_mut()
                .find(|(_, description)| *description == binding.description)
            {
                Some((keys, _)) => {
                    keys.push_str(", ");
                    keys.push_str(&binding.key.to_string());
                }
                None => rows.push((binding.key.to_string(), binding.description)),
            }
        }
        rows
    }

    /// The status-bar hints of one context, as (key, label): the context's own, then the
    /// global ones for actions the context has no key of its own for.
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        let own = |binding: &&Binding| binding.context == context;
        let global_only = |binding: &&Binding| {
            binding.context == Context::Global
                && !self
                    .bindings
                    .iter()
                    .filter(own)
                    .any(|mine| mine.action == binding.action)
        };
        self.bindings
            .iter()
            .filter(own)
            .chain(self.bindings.iter().filter(global_only))
            .filter_map(|binding| binding.hint.map(|hint| (binding.key.to_string(), hint)))
            .collect()
    }
}

/// Whether a character typed with these modifiers is text (AltGr arrives as Ctrl+Alt).
fn is_text(modifiers: KeyModifiers) -> bool {
    let chord = modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    chord.is_empty() || chord == KeyModifiers::CONTROL | KeyModifiers::ALT
}
