//! The import and export from the offers screen: the file form, the job and its progress,
//! the report window (scroll, save, close), and events of other jobs dropped.

use super::{CsvEvent, CsvKind, Exported};
use crate::console::action::{Action, ApiCall, Effect};
use crate::console::fixtures::{desk, desk_state, open_form, type_text};
use crate::console::screens::form::FormKind;
use crate::console::screens::offer_csv::{ImportReport, LineError};
use crate::console::screens::{Overlay, Tab};
use crate::console::state::{NoticeKind, State};
use crate::console::update::update;

/// On the offers screen with an import of `offers.csv` started; its job id.
fn importing(state: &mut State) -> u64 {
    update(state, Action::ImportCsv);
    update(state, Action::ClearField);
    type_text(state, "offers.csv");
    let Some(Effect::ImportCsv { job, token, path }) = update(state, Action::Submit) else {
        panic!("Enter starts the import");
    };
    assert_eq!((token.as_str(), path.as_str()), ("tok", "offers.csv"));
    job
}

fn report(errors: usize) -> ImportReport {
    ImportReport {
        file: "offers.csv".into(),
        created: 1,
        updated: 2,
        unchanged: 3,
        stock_set: 4,
        errors: (0..errors)
            .map(|n| LineError::at(n as u64 + 2, "price", "must be more than 0,00 €"))
            .collect(),
        ignored: Vec::new(),
    }
}

fn csv(state: &mut State, job: u64, event: CsvEvent) -> Option<Effect> {
    update(state, Action::Csv { job, event })
}

fn notice(state: &State) -> (NoticeKind, String) {
    let notice = state.notice.clone().expect("a notice");
    (notice.kind, notice.text)
}

#[test]
fn i_asks_for_the_file_with_the_shops_default_and_enter_starts_the_import() {
    let mut state = desk_state(Tab::Offers);
    assert_eq!(update(&mut state, Action::ImportCsv), None);
    let form = open_form(&state);
    assert_eq!(form.kind, FormKind::ImportCsv);
    assert_eq!(form.text("path"), "adas-attic-offers.csv");
    let job = importing(&mut state);
    assert!(
        desk(&state).overlay.is_none(),
        "the seller works on meanwhile"
    );
    let running = desk(&state).offers.spreadsheet.job.clone().expect("a job");
    assert_eq!(
        (running.id, running.kind, running.total),
        (job, CsvKind::Import, 0)
    );
    assert_eq!(running.label(), "Importing offers.csv");
}

#[test]
fn an_empty_path_is_refused_beside_the_field() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::ExportCsv);
    update(&mut state, Action::ClearField);
    assert_eq!(update(&mut state, Action::Submit), None);
    let field = open_form(&state).field("path").expect("the path");
    assert_eq!(
        field.error.as_deref(),
        Some("Name the file, e.g. offers.csv")
    );
}

#[test]
fn one_job_at_a_time_and_progress_moves_the_gauge() {
    let mut state = desk_state(Tab::Offers);
    let job = importing(&mut state);
    update(&mut state, Action::ExportCsv);
    assert!(desk(&state).overlay.is_none());
    assert_eq!(
        notice(&state),
        (
            NoticeKind::Error,
            "Importing offers.csv — wait for it to end.".into()
        )
    );
    csv(&mut state, job, CsvEvent::Progress { done: 3, total: 8 });
    csv(
        &mut state,
        job + 100,
        CsvEvent::Progress { done: 7, total: 8 },
    );
    let running = desk(&state).offers.spreadsheet.job.clone().expect("a job");
    assert_eq!(
        (running.done, running.total),
        (3, 8),
        "another job's event is dropped"
    );
}

#[test]
fn an_import_with_errors_opens_its_report_and_reloads_the_offers() {
    let mut state = desk_state(Tab::Offers);
    let job = importing(&mut state);
    let Some(Effect::Batch(effects)) = csv(&mut state, job, CsvEvent::Imported(Ok(report(2))))
    else {
        panic!("the offers and the low stock are asked again");
    };
    let calls: Vec<ApiCall> = effects
        .into_iter()
        .map(|effect| crate::console::fixtures::api_call(Some(effect)).1)
        .collect();
    assert!(matches!(
        calls.as_slice(),
        [ApiCall::ListOffers { .. }, ApiCall::LowStock]
    ));
    assert!(desk(&state).offers.spreadsheet.job.is_none());
    assert!(
        matches!(&desk(&state).overlay, Some(Overlay::Report(view)) if view.report.errors.len() == 2)
    );
    assert_eq!(
        notice(&state).1,
        "Imported offers.csv: 1 listed · 2 changed · 3 unchanged · 4 stock levels set · 2 errors."
    );
}

#[test]
fn a_clean_import_says_so_in_the_status_bar_only() {
    let mut state = desk_state(Tab::Offers);
    let job = importing(&mut state);
    csv(&mut state, job, CsvEvent::Imported(Ok(report(0))));
    assert!(desk(&state).overlay.is_none());
    assert_eq!(notice(&state).0, NoticeKind::Info);
}

#[test]
fn the_report_waits_for_the_form_open_over_the_screen() {
    let mut state = desk_state(Tab::Offers);
    let job = importing(&mut state);
    update(&mut state, Action::New);
    csv(&mut state, job, CsvEvent::Imported(Ok(report(1))));
    assert_eq!(
        open_form(&state).kind,
        FormKind::NewOffer,
        "the form is not lost"
    );
    update(&mut state, Action::Cancel);
    assert!(matches!(desk(&state).overlay, Some(Overlay::Report(_))));
}

#[test]
fn the_report_scrolls_saves_beside_the_file_and_closes() {
    let mut state = desk_state(Tab::Offers);
    let job = importing(&mut state);
    csv(&mut state, job, CsvEvent::Imported(Ok(report(30))));
    let scroll = |state: &State| match &desk(state).overlay {
        Some(Overlay::Report(view)) => view.scroll,
        _ => panic!("the report is open"),
    };
    update(&mut state, Action::Down);
    update(&mut state, Action::PageDown);
    assert_eq!(scroll(&state), 11);
    for _ in 0..5 {
        update(&mut state, Action::PageDown);
    }
    assert_eq!(scroll(&state), 31, "stops at the last line");
    update(&mut state, Action::PageUp);
    update(&mut state, Action::Up);
    assert_eq!(scroll(&state), 20);
    let Some(Effect::SaveReport {
        job: save,
        path,
        text,
    }) = update(&mut state, Action::SaveReport)
    else {
        panic!("s saves");
    };
    assert_eq!(path, "offers-report.txt");
    assert!(text.starts_with("Import of offers.csv\n1 listed"));
    assert!(text.contains("line 31: price: must be more than 0,00 €\n"));
    assert_eq!(
        update(&mut state, Action::SaveReport),
        None,
        "one save at a time"
    );
    csv(
        &mut state,
        save,
        CsvEvent::ReportSaved(Ok("/home/ada/offers-report.txt".into())),
    );
    assert!(matches!(
        &desk(&state).overlay,
        Some(Overlay::Report(view)) if view.saved.as_deref() == Some("/home/ada/offers-report.txt")
    ));
    assert_eq!(
        notice(&state).1,
        "Report saved to /home/ada/offers-report.txt."
    );
    update(&mut state, Action::Cancel);
    assert!(desk(&state).overlay.is_none());
}

#[test]
fn an_import_that_cannot_start_says_why_and_nothing_changed() {
    let mut state = desk_state(Tab::Offers);
    let job = importing(&mut state);
    let effect = csv(
        &mut state,
        job,
        CsvEvent::Imported(Err("cannot read /x/offers.csv: No such file".into())),
    );
    assert_eq!(effect, None);
    assert!(desk(&state).offers.spreadsheet.job.is_none());
    assert_eq!(
        notice(&state),
        (
            NoticeKind::Error,
            "Nothing imported: cannot read /x/offers.csv: No such file".into()
        )
    );
}

#[test]
fn w_exports_to_the_last_file_named_and_says_where_it_wrote() {
    let mut state = desk_state(Tab::Offers);
    let job = importing(&mut state);
    csv(&mut state, job, CsvEvent::Imported(Ok(report(0))));
    update(&mut state, Action::ExportCsv);
    assert_eq!(open_form(&state).text("path"), "offers.csv");
    let Some(Effect::ExportCsv { job, path, .. }) = update(&mut state, Action::Submit) else {
        panic!("Enter starts the export");
    };
    assert_eq!(path, "offers.csv");
    let exported = Exported {
        path: "/home/ada/offers.csv".into(),
        offers: 5,
    };
    csv(&mut state, job, CsvEvent::Exported(Ok(exported)));
    assert_eq!(
        notice(&state),
        (
            NoticeKind::Info,
            "Wrote 5 offers and their stock to /home/ada/offers.csv.".into()
        )
    );
    update(&mut state, Action::ExportCsv);
    let Some(Effect::ExportCsv { job, .. }) = update(&mut state, Action::Submit) else {
        panic!("again");
    };
    csv(
        &mut state,
        job,
        CsvEvent::Exported(Err("cannot write /: Is a directory".into())),
    );
    assert_eq!(notice(&state).0, NoticeKind::Error);
    assert!(desk(&state).offers.spreadsheet.job.is_none());
}
