//! Keys to actions, help rows and hints.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Context, Keymap};
use crate::console::action::Action;
use crate::console::fixtures::desk_state;
use crate::console::screens::Tab;
use crate::console::state::{Session, State};
use crate::console::update::update;

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
    assert!(
        login
            .iter()
            .any(|row| row.keys == "Tab, ↓" && row.description == "next field")
    );
    let listed: usize = Context::ALL
        .iter()
        .flat_map(|context| keymap.help_rows(*context))
        .map(|row| row.keys.split(", ").count())
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

#[test]
fn on_the_offers_screen_letters_act_and_numbers_switch_screens() {
    let keymap = Keymap::default();
    let state = desk_state(Tab::Offers);
    let key = |code| keymap.action_for(&state, &press(code, KeyModifiers::NONE));
    assert_eq!(key(KeyCode::Char('j')), Some(Action::Down));
    assert_eq!(key(KeyCode::Enter), Some(Action::Edit));
    assert_eq!(key(KeyCode::Char('d')), Some(Action::Delete));
    assert_eq!(
        key(KeyCode::Char('4')),
        Some(Action::SwitchTab(Tab::Locations))
    );
    assert_eq!(key(KeyCode::Tab), Some(Action::NextTab));
    assert_eq!(key(KeyCode::Char('q')), Some(Action::Quit));
    assert_eq!(key(KeyCode::Char('x')), None);
}

#[test]
fn in_a_form_letters_type_space_toggles_and_tab_moves_between_fields() {
    let keymap = Keymap::default();
    let mut state = desk_state(Tab::Locations);
    update(&mut state, Action::New);
    assert_eq!(Context::of(&state), Context::Form);
    let key = |code| keymap.action_for(&state, &press(code, KeyModifiers::NONE));
    assert_eq!(key(KeyCode::Char('q')), Some(Action::Input('q')));
    assert_eq!(key(KeyCode::Char('2')), Some(Action::Input('2')));
    assert_eq!(key(KeyCode::Char(' ')), Some(Action::Input(' ')));
    assert_eq!(key(KeyCode::Tab), Some(Action::FocusNext));
    assert_eq!(key(KeyCode::Right), Some(Action::Right));
    assert_eq!(key(KeyCode::Esc), Some(Action::Cancel));
}

#[test]
fn the_help_of_a_screen_lists_its_keys_then_the_shared_ones_merged() {
    let keymap = Keymap::default();
    let sections = keymap.help_sections(Context::Offers);
    let titles: Vec<&str> = sections
        .iter()
        .map(|(context, _)| context.title())
        .collect();
    assert_eq!(titles, ["Offers", "Seller screens", "Console"]);
    let console = &sections[2].1;
    assert!(
        console
            .iter()
            .any(|row| row.keys == "q, Ctrl-C" && row.description == "quit")
    );
    assert!(console.iter().any(|row| row.keys == "?, F1"));
    let seller = &sections[1].1;
    assert_eq!(seller[0].keys, "1, 2, 3, 4, 5, 6, 7, 8, 9, 0");
}

#[test]
fn screen_hints_come_first_then_the_console_ones() {
    let keymap = Keymap::default();
    let labels: Vec<String> = keymap
        .hints(Context::Offers)
        .into_iter()
        .map(|(key, label)| format!("{key} {label}"))
        .collect();
    assert_eq!(
        labels,
        [
            "n new",
            "e edit",
            "p publish",
            "d delete",
            "/ search",
            "? help",
            "r refresh",
            "L log out",
            "q quit"
        ]
    );
}

#[test]
fn on_the_orders_screen_r_marks_ready_and_ctrl_r_reloads() {
    use crate::console::screens::orders::Verb;
    let keymap = Keymap::default();
    let state = desk_state(Tab::Orders);
    let key = |code, m| keymap.action_for(&state, &press(code, m));
    let none = KeyModifiers::NONE;
    assert_eq!(
        key(KeyCode::Char('r'), none),
        Some(Action::Order(Verb::Ready))
    );
    assert_eq!(
        key(KeyCode::Char('r'), KeyModifiers::CONTROL),
        Some(Action::Refresh)
    );
    assert_eq!(
        key(KeyCode::Char('R'), KeyModifiers::SHIFT),
        Some(Action::Order(Verb::Refund))
    );
    assert_eq!(key(KeyCode::Char('f'), none), Some(Action::NextFilter));
    assert_eq!(
        key(KeyCode::Char('6'), none),
        Some(Action::SwitchTab(Tab::Orders))
    );
    assert_eq!(key(KeyCode::Char('q'), none), Some(Action::Quit));

    let labels: Vec<String> = keymap
        .hints(Context::Orders)
        .into_iter()
        .map(|(key, label)| format!("{key} {label}"))
        .collect();
    assert_eq!(
        labels,
        ["f filter", "Ctrl-R reload", "? help", "L log out", "q quit"]
    );
    let console = keymap.help_sections(Context::Orders);
    let shadowed = console.iter().flat_map(|(_, rows)| rows).any(|row| {
        row.keys.split(", ").any(|key| key == "r") && row.description.starts_with("reload")
    });
    assert!(!shadowed, "r is not listed as reload where it marks ready");
    assert_eq!(
        keymap
            .key_for(Context::Orders, &Action::Refresh)
            .map(|k| k.to_string()),
        Some("Ctrl-R".into())
    );
    assert_eq!(
        keymap
            .key_for(Context::Offers, &Action::Refresh)
            .map(|k| k.to_string()),
        Some("r".into())
    );
}

#[test]
fn on_the_stock_grid_t_transfers_capital_h_opens_the_history_and_capital_t_the_threshold() {
    use crate::console::screens::stock::StockVerb;
    let keymap = Keymap::default();
    let mut state = desk_state(Tab::Stock);
    let key = |state: &State, code, m| keymap.action_for(state, &press(code, m));
    let none = KeyModifiers::NONE;
    assert_eq!(
        key(&state, KeyCode::Char('t'), none),
        Some(Action::Stock(StockVerb::Transfer))
    );
    assert_eq!(
        key(&state, KeyCode::Char('H'), KeyModifiers::SHIFT),
        Some(Action::Stock(StockVerb::History))
    );
    assert_eq!(
        key(&state, KeyCode::Char('T'), KeyModifiers::SHIFT),
        Some(Action::Stock(StockVerb::Threshold))
    );
    assert_eq!(
        key(&state, KeyCode::Char('h'), none),
        Some(Action::Left),
        "vim keys stay"
    );
    let labels: Vec<String> = keymap
        .hints(Context::Stock)
        .into_iter()
        .map(|(key, label)| format!("{key} {label}"))
        .collect();
    assert_eq!(
        labels[..4],
        ["Enter edit", "t transfer", "H history", "T threshold"]
    );

    update(&mut state, Action::Stock(StockVerb::History));
    assert_eq!(Context::of(&state), Context::StockHistory);
    assert_eq!(key(&state, KeyCode::Esc, none), Some(Action::Cancel));
    assert_eq!(key(&state, KeyCode::PageDown, none), Some(Action::PageDown));
    assert_eq!(key(&state, KeyCode::Char('r'), none), Some(Action::Refresh));
    assert_eq!(key(&state, KeyCode::Char('3'), none), None, "Esc first");
    let sections = keymap.help_sections(Context::StockHistory);
    let close = sections
        .iter()
        .flat_map(|(_, rows)| rows)
        .find(|row| row.description == "close the movements")
        .map(|row| row.keys.as_str());
    assert_eq!(close, Some("Esc, H"));
}

#[test]
fn on_the_orders_screen_i_records_a_return_in_store() {
    use crate::console::screens::orders::Verb;
    let keymap = Keymap::default();
    let state = desk_state(Tab::Orders);
    assert_eq!(
        keymap.action_for(&state, &press(KeyCode::Char('i'), KeyModifiers::NONE)),
        Some(Action::Order(Verb::ReturnInStore))
    );
}

#[test]
fn on_the_disputes_screens_capital_r_refunds_x_rejects_and_a_answers() {
    use crate::console::fixtures::ops_state;
    use crate::console::screens::disputes::DisputeVerb;
    use crate::console::screens::ops::OpsTab;
    let keymap = Keymap::default();
    let none = KeyModifiers::NONE;
    let key = |state: &State, code, m| keymap.action_for(state, &press(code, m));

    let operator = ops_state(OpsTab::Shops);
    assert_eq!(
        key(&operator, KeyCode::Char('6'), none),
        Some(Action::OpsTab(OpsTab::Disputes))
    );
    let operator = ops_state(OpsTab::Disputes);
    assert_eq!(Context::of(&operator), Context::OpsDisputes);
    assert_eq!(
        key(&operator, KeyCode::Char('R'), KeyModifiers::SHIFT),
        Some(Action::Dispute(DisputeVerb::Refund))
    );
    assert_eq!(
        key(&operator, KeyCode::Char('x'), none),
        Some(Action::Dispute(DisputeVerb::Reject))
    );
    assert_eq!(
        key(&operator, KeyCode::Char('f'), none),
        Some(Action::NextFilter)
    );
    assert_eq!(
        key(&operator, KeyCode::Char('r'), none),
        Some(Action::Refresh)
    );
    let labels = |context| -> Vec<String> {
        keymap
            .hints(context)
            .into_iter()
            .map(|(key, label)| format!("{key} {label}"))
            .collect()
    };
    assert_eq!(
        labels(Context::OpsDisputes)[..3],
        ["R refund", "x reject", "f filter"]
    );

    let seller = desk_state(Tab::Dashboard);
    assert_eq!(
        key(&seller, KeyCode::Char('8'), none),
        Some(Action::SwitchTab(Tab::Disputes))
    );
    let seller = desk_state(Tab::Disputes);
    assert_eq!(Context::of(&seller), Context::Disputes);
    for code in [KeyCode::Char('a'), KeyCode::Enter] {
        assert_eq!(
            key(&seller, code, none),
            Some(Action::Dispute(DisputeVerb::Answer))
        );
    }
    assert_eq!(key(&seller, KeyCode::Char('R'), KeyModifiers::SHIFT), None);
    assert_eq!(labels(Context::Disputes)[..2], ["a answer", "f filter"]);
}

#[test]
fn the_kpis_are_one_key_away_and_take_p_for_the_period_and_s_for_the_sort() {
    use crate::console::fixtures::ops_state;
    use crate::console::screens::ops::OpsTab;
    let keymap = Keymap::default();
    let key = |state: &State, c: char| {
        keymap.action_for(state, &press(KeyCode::Char(c), KeyModifiers::NONE))
    };
    let shops = ops_state(OpsTab::Shops);
    assert_eq!(key(&shops, '7'), Some(Action::OpsTab(OpsTab::Kpis)));
    let kpis = ops_state(OpsTab::Kpis);
    assert_eq!(Context::of(&kpis), Context::OpsKpis);
    assert_eq!(key(&kpis, 'p'), Some(Action::NextFilter));
    assert_eq!(key(&kpis, 'P'), Some(Action::PrevFilter));
    assert_eq!(key(&kpis, 's'), Some(Action::CycleSort));
    assert_eq!(key(&kpis, 'j'), Some(Action::Down));
    assert_eq!(key(&kpis, 'r'), Some(Action::Refresh));
}

#[test]
fn i_and_w_import_and_export_and_the_report_scrolls_saves_and_closes() {
    use crate::console::screens::Overlay;
    use crate::console::screens::offer_csv::ImportReport;
    use crate::console::screens::offers::spreadsheet::ReportView;
    let keymap = Keymap::default();
    let key = |state: &State, code| keymap.action_for(state, &press(code, KeyModifiers::NONE));
    let offers = desk_state(Tab::Offers);
    assert_eq!(key(&offers, KeyCode::Char('i')), Some(Action::ImportCsv));
    assert_eq!(key(&offers, KeyCode::Char('w')), Some(Action::ExportCsv));
    let mut report = desk_state(Tab::Offers);
    if let crate::console::state::Screen::Console(session) = &mut report.screen {
        session.desk.overlay = Some(Overlay::Report(Box::new(ReportView {
            report: ImportReport::default(),
            scroll: 0,
            saving: None,
            saved: None,
        })));
    }
    assert_eq!(Context::of(&report), Context::Report);
    assert_eq!(key(&report, KeyCode::Char('s')), Some(Action::SaveReport));
    assert_eq!(key(&report, KeyCode::Esc), Some(Action::Cancel));
    assert_eq!(key(&report, KeyCode::PageDown), Some(Action::PageDown));
    assert_eq!(key(&report, KeyCode::Char('n')), None, "nothing behind it");
}
