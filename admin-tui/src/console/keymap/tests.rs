//! Keys to actions, help rows and hints.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Context, Keymap};
use crate::console::action::Action;
use crate::console::state::{Session, State};

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

#[test]
fn on_the_login_form_letters_are_text_and_ctrl_c_quits() {
    let keymap = Keymap::default();
    let state = State::login("http://x");
    let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(keymap.action_for(&state, &q), Some(Action::Input('q')));
    let shifted = press(KeyCode::Char('L'), KeyModifiers::SHIFT);
    assert_eq!(
        keymap.action_for(&state, &shifted),
        Some(Action::Input('L'))
    );
    let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(keymap.action_for(&state, &ctrl_c), Some(Action::Quit));
    let tab = press(KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(keymap.action_for(&state, &tab), Some(Action::FocusNext));
    let back_tab = press(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(
        keymap.action_for(&state, &back_tab),
        Some(Action::FocusPrev)
    );
}

#[test]
fn on_the_console_letters_are_commands() {
    let keymap = Keymap::default();
    let state = State::with_session("http://x", Session::new("t"));
    let key = |c, m| keymap.action_for(&state, &press(KeyCode::Char(c), m));
    assert_eq!(key('q', KeyModifiers::NONE), Some(Action::Quit));
    assert_eq!(key('L', KeyModifiers::SHIFT), Some(Action::Logout));
    assert_eq!(key('l', KeyModifiers::NONE), None);
    assert_eq!(key('?', KeyModifiers::SHIFT), Some(Action::ToggleHelp));
}

#[test]
fn help_rows_merge_keys_and_cover_every_binding() {
    let keymap = Keymap::default();
    let login = keymap.help_rows(Context::Login);
    assert!(login.contains(&("Tab, ↓".to_owned(), "next field")));
    let listed: usize = Context::ALL
        .iter()
        .flat_map(|context| keymap.help_rows(*context))
        .map(|(keys, _)| keys.split(", ").count())
        .sum();
    assert_eq!(listed, keymap.bindings().len());
}

#[test]
fn hints_add_global_keys_only_where_the_context_lacks_them() {
    let keymap = Keymap::default();
    let labels = |context| -> Vec<String> {
        keymap
            .hints(context)
            .into_iter()
            .map(|(key, label)| format!("{key} {label}"))
            .collect()
    };
    assert_eq!(
        labels(Context::Login),
        ["Tab next field", "Enter sign in", "Esc quit", "F1 help"]
    );
    assert_eq!(
        labels(Context::Console),
        ["? help", "r refresh", "L log out", "q quit"]
    );
}
