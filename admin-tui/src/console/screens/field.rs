//! The fields of a [`Form`](super::form::Form): what they hold and how keys edit them.

/// One field of a [`Form`](super::form::Form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    /// The API's name for it, so that a 422's `field` finds it.
    pub name: &'static str,
    /// The label shown.
    pub label: &'static str,
    /// What it holds.
    pub value: Value,
    /// Shown dim while empty.
    pub placeholder: &'static str,
    /// Shown but not editable (skipped by focus).
    pub locked: bool,
    /// Why the last save refused it.
    pub error: Option<String>,
}

/// What a field holds and how keys change it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Free text.
    Text(String),
    /// Digits only.
    Digits(String),
    /// One of fixed options, as (API value, label); ←/→ cycle.
    Choice {
        /// The options.
        options: &'static [(&'static str, &'static str)],
        /// The index of the chosen one.
        selected: usize,
    },
    /// One of options known only at run time (the shop's locations), as (API value,
    /// label); ←/→ cycle.
    Pick {
        /// The options.
        options: Vec<(String, String)>,
        /// The index of the chosen one.
        selected: usize,
    },
    /// Yes or no; Space flips it.
    Toggle(bool),
    /// A category slug: typed, or picked with ←/→ from `GET /categories`.
    Category(String),
}

impl FormField {
    /// A field of `value`, unlocked, without placeholder or error.
    pub fn new(name: &'static str, label: &'static str, value: Value) -> Self {
        Self {
            name,
            label,
            value,
            placeholder: "",
            locked: false,
            error: None,
        }
    }

    /// The same field with a placeholder.
    #[must_use]
    pub fn hint(mut self, placeholder: &'static str) -> Self {
        self.placeholder = placeholder;
        self
    }

    /// The same field, locked or not.
    #[must_use]
    pub fn locked(mut self, locked: bool) -> Self {
        self.locked = locked;
        self
    }

    /// The text of a text, digits or category field; the API value of a choice.
    pub fn text(&self) -> &str {
        match &self.value {
            Value::Text(text) | Value::Digits(text) | Value::Category(text) => text,
            Value::Choice { options, selected } => options.get(*selected).map_or("", |o| o.0),
            Value::Pick { options, selected } => {
                options.get(*selected).map_or("", |o| o.0.as_str())
            }
            Value::Toggle(true) => "yes",
            Value::Toggle(false) => "no",
        }
    }
}

impl FormField {
    /// What the field shows: the label of the chosen option for a choice, else its text.
    pub fn shown(&self) -> &str {
        match &self.value {
            Value::Choice { options, selected } => options.get(*selected).map_or("", |o| o.1),
            Value::Pick { options, selected } => {
                options.get(*selected).map_or("", |o| o.1.as_str())
            }
            _ => self.text(),
        }
    }
}

/// A key that edits the focused field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Type a character (Space flips a toggle).
    Char(char),
    /// Paste text.
    Paste(String),
    /// Delete the last character.
    Backspace,
    /// Empty the field.
    Clear,
    /// The previous option (or category).
    Left,
    /// The next option (or category).
    Right,
}
