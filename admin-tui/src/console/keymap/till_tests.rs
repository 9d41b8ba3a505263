//! Keys at the till: while a code is typed (or scanned) every printable key is part of it;
//! once a cart is shown, letters sell it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Context, Keymap};
use crate::console::action::Action;
use crate::console::fixtures::{desk_state, till_cart, till_state, till_with};
use crate::console::screens::Tab;
use crate::console::screens::till::TillVerb;
use crate::console::state::State;

fn key(state: &State, code: KeyCode) -> Option<Action> {
    Keymap::default().action_for(state, &KeyEvent::new(code, KeyModifiers::NONE))
}

#[test]
fn zero_opens_the_till_from_any_seller_screen() {
    let state = desk_state(Tab::Orders);
    assert_eq!(
        key(&state, KeyCode::Char('0')),
        Some(Action::SwitchTab(Tab::Till))
    );
}

#[test]
fn while_typing_a_code_letters_and_digits_are_the_code() {
    let state = till_state();
    assert_eq!(Context::of(&state), Context::TillCode);
    for c in ['q', 'c', 'k', 'L', 'r', '7', '0'] {
        assert_eq!(key(&state, KeyCode::Char(c)), Some(Action::Input(c)), "{c}");
    }
    assert_eq!(key(&state, KeyCode::Enter), Some(Action::Submit));
    assert_eq!(key(&state, KeyCode::Right), Some(Action::Right));
    assert_eq!(key(&state, KeyCode::Esc), Some(Action::ClearField));
    assert_eq!(key(&state, KeyCode::Tab), Some(Action::NextTab));
    assert_eq!(key(&state, KeyCode::Char('?')), Some(Action::ToggleHelp));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        Keymap::default().action_for(&state, &ctrl_c),
        Some(Action::Quit)
    );
}

#[test]
fn with_a_cart_on_show_letters_sell_and_numbers_switch_screens() {
    let state = till_with(till_cart());
    assert_eq!(Context::of(&state), Context::Till);
    assert_eq!(
        key(&state, KeyCode::Char('c')),
        Some(Action::Till(TillVerb::Cash))
    );
    assert_eq!(
        key(&state, KeyCode::Char('k')),
        Some(Action::Till(TillVerb::Card))
    );
    assert_eq!(
        key(&state, KeyCode::Char('o')),
        Some(Action::Till(TillVerb::Aisle))
    );
    assert_eq!(key(&state, KeyCode::Esc), Some(Action::Cancel));
    assert_eq!(
        key(&state, KeyCode::Char('6')),
        Some(Action::SwitchTab(Tab::Orders))
    );
    assert_eq!(key(&state, KeyCode::Char('q')), Some(Action::Quit));
}

#[test]
fn the_hints_name_the_tills_keys_first() {
    let keymap = Keymap::default();
    let labels = |context| -> Vec<String> {
        keymap
            .hints(context)
            .into_iter()
            .map(|(key, label)| format!("{key} {label}"))
            .collect()
    };
    assert_eq!(
        labels(Context::TillCode),
        ["Enter look up", "→ store", "Esc clear", "? help"]
    );
    assert_eq!(
        labels(Context::Till)[..4],
        ["c cash", "k card", "o order", "Esc next shopper"]
    );
}
