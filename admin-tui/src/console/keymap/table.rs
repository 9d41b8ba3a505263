//! The default keybindings, as one table.

use crossterm::event::KeyCode;

use super::{Binding, Context, Key};
use crate::console::action::Action;
use crate::console::screens::Tab;
use crate::console::screens::orders::Verb;

/// "Go to a screen" is one help row for the number keys.
const GO_TO: &str = "go to a screen (1 Dashboard … 6 Orders)";

/// Every binding, most specific contexts first within each group.
#[rustfmt::skip]
pub fn bindings() -> Vec<Binding> {
    use Context::{CellEdit, Confirm, Console, Form, Global, Help, Locations, Login, Offers, OpenShop, Orders, Search, Seller, Stock};
    use KeyCode::{BackTab, Backspace, Down, Enter, Esc, F, Left, PageDown, PageUp, Right, Tab as TabKey, Up};
    let plain = Key::plain;
    let c = Key::char;
    let table = [
        // context, key, action, description (help overlay), hint (status bar)
        (Global,    Key::ctrl('c'),  Action::Quit,                  "quit",                               None),
        (Global,    plain(F(1)),     Action::ToggleHelp,            "show or hide this help",             Some("help")),
        (Login,     plain(TabKey),   Action::FocusNext,             "next field",                         Some("next field")),
        (Login,     plain(Down),     Action::FocusNext,             "next field",                         None),
        (Login,     plain(BackTab),  Action::FocusPrev,             "previous field",                     None),
        (Login,     plain(Up),       Action::FocusPrev,             "previous field",                     None),
        (Login,     plain(Enter),    Action::Submit,                "sign in",                            Some("sign in")),
        (Login,     plain(Backspace),Action::Backspace,             "delete a character",                 None),
        (Login,     Key::ctrl('u'),  Action::ClearField,            "clear the field",                    None),
        (Login,     plain(Esc),      Action::Quit,                  "quit",                               Some("quit")),
        (Console,   c('?'),          Action::ToggleHelp,            "show or hide this help",             Some("help")),
        (Console,   c('r'),          Action::Refresh,               "reload (retry after an error)",      Some("refresh")),
        (Console,   c('L'),          Action::Logout,                "log out (revokes the token)",        Some("log out")),
        (Console,   c('q'),          Action::Quit,                  "quit",                               Some("quit")),
        (Seller,    c('1'),          Action::SwitchTab(Tab::Dashboard), GO_TO,                            None),
        (Seller,    c('2'),          Action::SwitchTab(Tab::Offers),    GO_TO,                            None),
        (Seller,    c('3'),          Action::SwitchTab(Tab::Stock),     GO_TO,                            None),
        (Seller,    c('4'),          Action::SwitchTab(Tab::Locations), GO_TO,                            None),
        (Seller,    c('5'),          Action::SwitchTab(Tab::Shop),      GO_TO,                            None),
        (Seller,    c('6'),          Action::SwitchTab(Tab::Orders),    GO_TO,                            None),
        (Seller,    plain(TabKey),   Action::NextTab,               "next screen",                        None),
        (Seller,    plain(BackTab),  Action::PrevTab,               "previous screen",                    None),
        (Offers,    plain(Down),     Action::Down,                  "next offer",                         None),
        (Offers,    c('j'),          Action::Down,                  "next offer",                         None),
        (Offers,    plain(Up),       Action::Up,                    "previous offer",                     None),
        (Offers,    c('k'),          Action::Up,                    "previous offer",                     None),
        (Offers,    plain(PageDown), Action::PageDown,              "next page",                          None),
        (Offers,    plain(PageUp),   Action::PageUp,                "previous page",                      None),
        (Offers,    c('n'),          Action::New,                   "list a new offer",                   Some("new")),
        (Offers,    c('e'),          Action::Edit,                  "edit the offer",                     Some("edit")),
        (Offers,    plain(Enter),    Action::Edit,                  "edit the offer",                     None),
        (Offers,    c('p'),          Action::TogglePublish,         "publish or unpublish",               Some("publish")),
        (Offers,    c('d'),          Action::Delete,                "delete (asks first)",                Some("delete")),
        (Offers,    c('/'),          Action::Search,                "search this page by title or GTIN",  Some("search")),
        (Offers,    c('s'),          Action::CycleSort,             "sort: as listed, title, price, stock", None),
        (Stock,     plain(Down),     Action::Down,                  "down",                               None),
        (Stock,     c('j'),          Action::Down,                  "down",                               None),
        (Stock,     plain(Up),       Action::Up,                    "up",                                 None),
        (Stock,     c('k'),          Action::Up,                    "up",                                 None),
        (Stock,     plain(Left),     Action::Left,                  "left",                               None),
        (Stock,     c('h'),          Action::Left,                  "left",                               None),
        (Stock,     plain(Right),    Action::Right,                 "right",                              None),
        (Stock,     c('l'),          Action::Right,                 "right",                              None),
        (Stock,     plain(Enter),    Action::Edit,                  "set the quantity",                   Some("edit")),
        (Stock,     c('e'),          Action::Edit,                  "set the quantity",                   None),
        (Stock,     plain(PageDown), Action::PageDown,              "next page of offers",                None),
        (Stock,     plain(PageUp),   Action::PageUp,                "previous page of offers",            None),
        (Locations, plain(Down),     Action::Down,                  "next location",                      None),
        (Locations, c('j'),          Action::Down,                  "next location",                      None),
        (Locations, plain(Up),       Action::Up,                    "previous location",                  None),
        (Locations, c('k'),          Action::Up,                    "previous location",                  None),
        (Locations, c('n'),          Action::New,                   "add a location",                     Some("new")),
        (Locations, c('e'),          Action::Edit,                  "edit the location",                  Some("edit")),
        (Locations, plain(Enter),    Action::Edit,                  "edit the location",                  None),
        (Orders,    plain(Down),     Action::Down,                  "next order",                         None),
        (Orders,    c('j'),          Action::Down,                  "next order",                         None),
        (Orders,    plain(Up),       Action::Up,                    "previous order",                     None),
        (Orders,    c('k'),          Action::Up,                    "previous order",                     None),
        (Orders,    plain(PageDown), Action::PageDown,              "next page",                          None),
        (Orders,    plain(PageUp),   Action::PageUp,                "previous page",                      None),
        (Orders,    c('f'),          Action::NextFilter,            "show the next status only",          Some("filter")),
        (Orders,    c('F'),          Action::PrevFilter,            "show the previous status only",      None),
        (Orders,    c('a'),          Action::Order(Verb::Accept),   "accept a paid order",                None),
        (Orders,    c('s'),          Action::Order(Verb::Ship),     "ship (asks carrier and tracking)",   None),
        (Orders,    c('r'),          Action::Order(Verb::Ready),    "mark a pickup ready in the store",   None),
        (Orders,    c('c'),          Action::Order(Verb::Collect),  "hand a pickup over (asks its code)", None),
        (Orders,    c('x'),          Action::Order(Verb::Cancel),   "cancel (asks a reason, then you)",   None),
        (Orders,    c('R'),          Action::Order(Verb::Refund),   "refund (asks an amount, then you)",  None),
        (Orders,    c('A'),          Action::Order(Verb::AcceptReturn), "accept the return asked for",    None),
        (Orders,    c('X'),          Action::Order(Verb::RefuseReturn), "refuse the return asked for",    None),
        (Orders,    Key::ctrl('r'),  Action::Refresh,               "reload the orders (r is ready)",     Some("reload")),
        (Search,    plain(Enter),    Action::Submit,                "keep the filter",                    Some("done")),
        (Search,    plain(Esc),      Action::Cancel,                "clear the filter",                   Some("clear")),
        (Search,    plain(Backspace),Action::Backspace,             "delete a character",                 None),
        (Search,    Key::ctrl('u'),  Action::ClearField,            "empty the filter",                   None),
        (CellEdit,  plain(Enter),    Action::Submit,                "save the quantity",                  Some("save")),
        (CellEdit,  plain(Esc),      Action::Cancel,                "cancel",                             Some("cancel")),
        (CellEdit,  plain(Backspace),Action::Backspace,             "delete a digit",                     None),
        (CellEdit,  Key::ctrl('u'),  Action::ClearField,            "clear",                              None),
        (Form,      plain(TabKey),   Action::FocusNext,             "next field",                         Some("next field")),
        (Form,      plain(Down),     Action::FocusNext,             "next field",                         None),
        (Form,      plain(BackTab),  Action::FocusPrev,             "previous field",                     None),
        (Form,      plain(Up),       Action::FocusPrev,             "previous field",                     None),
        (Form,      plain(Left),     Action::Left,                  "previous choice (or category)",      None),
        (Form,      plain(Right),    Action::Right,                 "next choice (or category)",          None),
        (Form,      c(' '),          Action::Input(' '),            "switch yes/no (or type a space)",    None),
        (Form,      plain(Enter),    Action::Submit,                "save",                               Some("save")),
        (Form,      plain(Esc),      Action::Cancel,                "cancel",                             Some("cancel")),
        (Form,      plain(Backspace),Action::Backspace,             "delete a character",                 None),
        (Form,      Key::ctrl('u'),  Action::ClearField,            "clear the field",                    None),
        (OpenShop,  plain(TabKey),   Action::FocusNext,             "next field",                         Some("next field")),
        (OpenShop,  plain(Down),     Action::FocusNext,             "next field",                         None),
        (OpenShop,  plain(BackTab),  Action::FocusPrev,             "previous field",                     None),
        (OpenShop,  plain(Up),       Action::FocusPrev,             "previous field",                     None),
        (OpenShop,  plain(Enter),    Action::Submit,                "apply for the shop",                 Some("apply")),
        (OpenShop,  plain(Backspace),Action::Backspace,             "delete a character",                 None),
        (OpenShop,  Key::ctrl('u'),  Action::ClearField,            "clear the field",                    None),
        (OpenShop,  Key::ctrl('l'),  Action::Logout,                "log out (revokes the token)",        Some("log out")),
        (OpenShop,  plain(Esc),      Action::Quit,                  "quit",                               Some("quit")),
        (Confirm,   c('y'),          Action::Confirm(true),         "yes, do it",                         Some("yes")),
        (Confirm,   c('n'),          Action::Confirm(false),        "no, keep it",                        Some("no")),
        (Confirm,   plain(Esc),      Action::Confirm(false),        "no, keep it",                        None),
        (Help,      c('?'),          Action::ToggleHelp,            "close the help",                     Some("close")),
        (Help,      plain(Esc),      Action::ToggleHelp,            "close the help",                     None),
        (Help,      c('q'),          Action::Quit,                  "quit",                               Some("quit")),
    ];
    table
        .into_iter()
        .map(|(context, key, action, description, hint)| Binding { context, key, action, description, hint })
        .collect()
}
