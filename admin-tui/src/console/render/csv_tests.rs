//! The CSV import on screen: the file form, the gauge in the status bar while it runs,
//! and the report window. Snapshots at 80×24 and 120×40.

use super::tests::check;
use crate::console::action::{Action, Effect};
use crate::console::fixtures::{desk_state, type_text};
use crate::console::screens::Tab;
use crate::console::screens::offer_csv::{ImportReport, LineError};
use crate::console::screens::offers::spreadsheet::CsvEvent;
use crate::console::state::State;
use crate::console::update::update;

/// The offers screen with an import of `offers.csv` under way; its job id.
fn importing(state: &mut State) -> u64 {
    update(state, Action::ImportCsv);
    update(state, Action::ClearField);
    type_text(state, "offers.csv");
    let Some(Effect::ImportCsv { job, .. }) = update(state, Action::Submit) else {
        panic!("the import starts");
    };
    job
}

/// What a real import of a seller's sheet could report: a few refusals of each kind.
fn report() -> ImportReport {
    let at = |line, column: &str, message: &str| LineError::at(line, column, message);
    ImportReport {
        file: "offers.csv".into(),
        created: 3,
        updated: 12,
        unchanged: 25,
        stock_set: 18,
        errors: vec![
            at(7, "price", "must be more than 0,00 €"),
            at(
                9,
                "gtin",
                "the check digit does not match: is a digit mistyped?",
            ),
            at(
                12,
                "stock:Boutique Rivoli",
                "fewer than the units reserved (2)",
            ),
            at(15, "title", "needed to list a new offer"),
            at(
                15,
                "category",
                "needed to list a new offer (a category slug, e.g. bricolage)",
            ),
            LineError::line(21, "same GTIN and condition as line 4: one line per offer"),
            at(
                30,
                "condition",
                "one of new, like_new, very_good, good, acceptable",
            ),
            at(31, "delivery_days", "a whole number of days, 0 to 60"),
            at(
                33,
                "status",
                "active or inactive (empty leaves it as it is)",
            ),
            at(36, "price", "At most two digits after the comma"),
            at(
                40,
                "category",
                "no category has this slug (see GET /categories)",
            ),
        ],
        ignored: vec!["notes".into(), "cost".into()],
    }
}

#[test]
fn the_file_form() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::ImportCsv);
    check("offers_import_form", &state);
}

#[test]
fn the_gauge_while_importing() {
    let mut state = desk_state(Tab::Offers);
    let job = importing(&mut state);
    check("offers_import_reading", &state);
    update(
        &mut state,
        Action::Csv {
            job,
            event: CsvEvent::Progress {
                done: 12,
                total: 40,
            },
        },
    );
    check("offers_importing", &state);
}

#[test]
fn the_report_window() {
    let mut state = desk_state(Tab::Offers);
    let job = importing(&mut state);
    update(
        &mut state,
        Action::Csv {
            job,
            event: CsvEvent::Imported(Ok(report())),
        },
    );
    check("offers_import_report", &state);
    update(&mut state, Action::PageDown);
    let Some(Effect::SaveReport { job, .. }) = update(&mut state, Action::SaveReport) else {
        panic!("s saves");
    };
    update(
        &mut state,
        Action::Csv {
            job,
            event: CsvEvent::ReportSaved(Ok("/home/ada/offers-report.txt".into())),
        },
    );
    check("offers_import_report_saved", &state);
}
