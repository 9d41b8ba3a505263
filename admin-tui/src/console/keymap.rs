//! Keybindings as data: a table of (context, key, [`Action`], description).
//!
//! [`Keymap::action_for`] turns a key press into an action; the help overlay and the
//! status-bar hints are generated from the same table, so they cannot drift apart.

mod context;
mod table;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod till_tests;

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use context::Context;

use super::action::Action;
use super::state::State;

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
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// One row of the keymap.
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            bindings: table::bindings(),
        }
    }
}

/// One row of the help: the keys doing one thing.
#[derive(Debug, Clone, PartialEq)]
pub struct HelpRow {
    /// The keys, e.g. "Tab, ↓".
    pub keys: String,
    /// What they do.
    pub description: &'static str,
    /// The action, to merge rows of one section with the same effect.
    action: Action,
}

impl Keymap {
    /// Every binding, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action a key press asks for in the console's current context, if any.
    ///
    /// The context's own bindings win over its fallbacks' (see [`Context::fallbacks`]).
    /// Where text is typed, printable characters with no binding type into the focused
    /// field. Key releases are ignored.
    pub fn action_for(&self, state: &State, event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let context = Context::of(state);
        context
            .chain()
            .find_map(|wanted| {
                self.bindings
                    .iter()
                    .find(|binding| binding.context == wanted && binding.key.matches(event))
                    .map(|binding| binding.action.clone())
            })
            .or_else(|| match event.code {
                KeyCode::Char(c) if context.types_text() && is_text(event.modifiers) => {
                    Some(Action::Input(c))
                }
                _ => None,
            })
    }

    /// The rows for the help overlay of one context: keys doing the same thing share a row.
    pub fn help_rows(&self, context: Context) -> Vec<HelpRow> {
        self.rows(context, &[])
    }

    /// The rows of `context` without the keys that one of `nearer` binds (there, the key
    /// does the nearer context's thing).
    fn rows(&self, context: Context, nearer: &[Context]) -> Vec<HelpRow> {
        let mut rows: Vec<HelpRow> = Vec::new();
        for binding in self
            .bindings
            .iter()
            .filter(|binding| binding.context == context && !self.shadowed(binding, nearer))
        {
            match rows
                .iter_mut()
                .find(|row| row.description == binding.description)
            {
                Some(row) => {
                    row.keys.push_str(", ");
                    row.keys.push_str(&binding.key.to_string());
                }
                None => rows.push(HelpRow {
                    keys: binding.key.to_string(),
                    description: binding.description,
                    action: binding.action.clone(),
                }),
            }
        }
        rows
    }

    /// Whether one of the `nearer` contexts binds `binding`'s key to something else.
    fn shadowed(&self, binding: &Binding, nearer: &[Context]) -> bool {
        self.bindings
            .iter()
            .any(|other| nearer.contains(&other.context) && other.key == binding.key)
    }

    /// The key bound to `action` in `context` or its fallbacks, if any (the first in
    /// table order), e.g. to name it on screen.
    pub fn key_for(&self, context: Context, action: &Action) -> Option<Key> {
        let chain: Vec<Context> = context.chain().collect();
        chain.iter().enumerate().find_map(|(depth, current)| {
            self.bindings
                .iter()
                .find(|binding| {
                    binding.context == *current
                        && binding.action == *action
                        && !self.shadowed(binding, &chain[..depth])
                })
                .map(|binding| binding.key)
        })
    }

    /// The help for the screen in `context`: its own section, then its fallbacks'. A key
    /// doing what an earlier row already does joins that row instead of getting its own;
    /// sections left empty are dropped.
    pub fn help_sections(&self, context: Context) -> Vec<(Context, Vec<HelpRow>)> {
        let chain: Vec<Context> = context.chain().collect();
        let mut sections: Vec<(Context, Vec<HelpRow>)> = Vec::new();
        for (depth, &current) in chain.iter().enumerate() {
            let mut own = Vec::new();
            for row in self.rows(current, &chain[..depth]) {
                let earlier = sections
                    .iter_mut()
                    .flat_map(|(_, rows)| rows.iter_mut())
                    .find(|earlier| earlier.action == row.action);
                match earlier {
                    Some(earlier) => {
                        earlier.keys.push_str(", ");
                        earlier.keys.push_str(&row.keys);
                    }
                    None => own.push(row),
                }
            }
            if !own.is_empty() {
                sections.push((current, own));
            }
        }
        sections
    }

    /// The status-bar hints of one context, as (key, label): the context's own, then its
    /// fallbacks' for actions it has no hinted key of its own for (and whose key it does
    /// not take for itself).
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        let chain: Vec<Context> = context.chain().collect();
        let mut hinted: Vec<&Action> = Vec::new();
        let mut hints = Vec::new();
        for (depth, &current) in chain.iter().enumerate() {
            let mine: Vec<&Binding> = self
                .bindings
                .iter()
                .filter(|binding| {
                    binding.context == current && !self.shadowed(binding, &chain[..depth])
                })
                .collect();
            for binding in &mine {
                if let (Some(hint), false) = (binding.hint, hinted.contains(&&binding.action)) {
                    hints.push((binding.key.to_string(), hint));
                }
            }
            hinted.extend(mine.iter().map(|binding| &binding.action));
        }
        hints
    }
}

/// Whether a character typed with these modifiers is text (AltGr arrives as Ctrl+Alt).
fn is_text(modifiers: KeyModifiers) -> bool {
    let chord = modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    chord.is_empty() || chord == KeyModifiers::CONTROL | KeyModifiers::ALT
}
