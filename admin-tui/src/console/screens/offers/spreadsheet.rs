//! Importing and exporting the offers and stock as a CSV file, from the offers screen: the
//! file's path asked in a form, the job run in the background with its progress in the
//! status bar, and an import's report in a window that scrolls and saves.
//!
//! The file work itself is in [`offer_csv`](crate::console::screens::offer_csv) (pure)
//! and the IO module (reading, writing, the requests).

#[cfg(test)]
mod tests;

use std::path::Path;

use super::load as load_offers;
use crate::console::action::{Action, Effect};
use crate::console::screens::form::{Form, FormField, FormKind, Value};
use crate::console::screens::offer_csv::ImportReport;
use crate::console::screens::offer_csv::report::report_path;
use crate::console::screens::{Desk, Out, Overlay, stock};

/// Rows PgUp and PgDn scroll the report by.
const PAGE: usize = 10;

/// Which way a file goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvKind {
    /// From a file into the shop.
    Import,
    /// From the shop into a file.
    Export,
}

/// A CSV job under way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvJob {
    /// Its id: events of another job are dropped.
    pub id: u64,
    /// Import or export.
    pub kind: CsvKind,
    /// The file, as typed.
    pub path: String,
    /// Lines (import) or pages of offers (export) handled so far.
    pub done: usize,
    /// How many there are; 0 while the file and the shop's offers are being read.
    pub total: usize,
}

impl CsvJob {
    /// "Importing offers.csv" — the file's name, not its whole path.
    pub fn label(&self) -> String {
        let name = Path::new(&self.path).file_name().map_or_else(
            || self.path.clone(),
            |name| name.to_string_lossy().into_owned(),
        );
        match self.kind {
            CsvKind::Import => format!("Importing {name}"),
            CsvKind::Export => format!("Exporting to {name}"),
        }
    }
}

/// The CSV side of the offers screen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Spreadsheet {
    /// The job under way, if any (one at a time).
    pub job: Option<CsvJob>,
    /// The last file named, offered again in the next form.
    pub path: Option<String>,
    /// A finished import's report waiting for the form or dialog open over it to close.
    pub unread: Option<ImportReport>,
}

/// The import report window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportView {
    /// The report.
    pub report: ImportReport,
    /// The first line shown.
    pub scroll: usize,
    /// The save awaiting an answer.
    pub saving: Option<u64>,
    /// Where the report was saved.
    pub saved: Option<String>,
}

/// An exported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// Where it was written, in full.
    pub path: String,
    /// How many offers it holds.
    pub offers: usize,
}

/// What a CSV job reports, as it goes and at its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvEvent {
    /// `done` of `total` lines (or pages) handled.
    Progress {
        /// Handled so far.
        done: usize,
        /// In all; 0 while reading.
        total: usize,
    },
    /// The import ended (`Err`: it could not start, nothing was changed).
    Imported(Result<ImportReport, String>),
    /// The export ended.
    Exported(Result<Exported, String>),
    /// The report was saved (its full path), or not.
    ReportSaved(Result<String, String>),
}

/// `i` or `w`: the form asking which file (the last one named, or `<shop>-offers.csv`).
pub fn open(desk: &mut Desk, kind: CsvKind, out: &mut Out) {
    if let Some(job) = &desk.offers.spreadsheet.job {
        out.error(format!("{} — wait for it to end.", job.label()));
        return;
    }
    let path = desk.offers.spreadsheet.path.clone().unwrap_or_else(|| {
        let slug = desk.shop.data.as_ref().map(|shop| shop.slug.as_str());
        format!("{}-offers.csv", slug.unwrap_or("halles"))
    });
    let (form_kind, hint) = match kind {
        CsvKind::Import => (
            FormKind::ImportCsv,
            "a CSV file in the columns of docs/csv-import.md",
        ),
        CsvKind::Export => (FormKind::ExportCsv, "where to write, e.g. offers.csv"),
    };
    let field = FormField::new("path", "File", Value::Text(path)).hint(hint);
    desk.overlay = Some(Overlay::Form(Form::new(form_kind, vec![field])));
}

/// Enter on the file form: starts the job and closes the form.
pub fn submit(desk: &mut Desk, out: &mut Out) -> Option<Effect> {
    let Some(Overlay::Form(form)) = &mut desk.overlay else {
        return None;
    };
    let kind = match form.kind {
        FormKind::ImportCsv => CsvKind::Import,
        FormKind::ExportCsv => CsvKind::Export,
        _ => return None,
    };
    let path = form.text("path").to_owned();
    if path.is_empty() {
        form.refuse("path", "Name the file, e.g. offers.csv");
        return None;
    }
    let (id, token) = out.job();
    desk.overlay = None;
    desk.offers.spreadsheet.path = Some(path.clone());
    desk.offers.spreadsheet.job = Some(CsvJob {
        id,
        kind,
        path: path.clone(),
        done: 0,
        total: 0,
    });
    out.clear_notice();
    Some(match kind {
        CsvKind::Import => Effect::ImportCsv {
            job: id,
            token,
            path,
        },
        CsvKind::Export => Effect::ExportCsv {
            job: id,
            token,
            path,
        },
    })
}

/// An event of job `job` (events of an older job are dropped).
pub fn event(desk: &mut Desk, job: u64, event: CsvEvent, out: &mut Out) -> Option<Effect> {
    if let CsvEvent::ReportSaved(result) = event {
        saved(desk, job, result, out);
        return None;
    }
    let sheet = &mut desk.offers.spreadsheet;
    let current = sheet.job.as_mut().filter(|current| current.id == job)?;
    match event {
        CsvEvent::Progress { done, total } => {
            current.done = done;
            current.total = total;
            None
        }
        CsvEvent::Imported(Ok(report)) => {
            sheet.job = None;
            out.info(format!("Imported {}: {}.", report.file, report.summary()));
            if report.needs_reading() {
                sheet.unread = Some(report);
                show_unread(desk);
            }
            // The server has the offers and stock as they now are.
            Some(Effect::Batch(vec![
                load_offers(desk, out),
                stock::low::load(desk, out),
            ]))
        }
        CsvEvent::Imported(Err(message)) => {
            sheet.job = None;
            out.error(format!("Nothing imported: {message}"));
            None
        }
        CsvEvent::Exported(Ok(exported)) => {
            sheet.job = None;
            let offers = match exported.offers {
                1 => "1 offer".to_owned(),
                n => format!("{n} offers"),
            };
            out.info(format!(
                "Wrote {offers} and their stock to {}.",
                exported.path
            ));
            None
        }
        CsvEvent::Exported(Err(message)) => {
            sheet.job = None;
            out.error(format!("Nothing exported: {message}"));
            None
        }
        CsvEvent::ReportSaved(_) => None,
    }
}

/// Opens the report of a finished import once nothing else is open over the screen.
pub fn show_unread(desk: &mut Desk) {
    if desk.overlay.is_none()
        && let Some(report) = desk.offers.spreadsheet.unread.take()
    {
        desk.overlay = Some(Overlay::Report(Box::new(ReportView {
            report,
            scroll: 0,
            saving: None,
            saved: None,
        })));
    }
}

/// A key in the report window: scroll, save (`s`), close (Esc).
pub fn report_key(desk: &mut Desk, action: Action, out: &mut Out) -> Option<Effect> {
    let Some(Overlay::Report(view)) = &mut desk.overlay else {
        return None;
    };
    let last = view.report.lines().len().saturating_sub(1);
    match action {
        Action::Down => view.scroll = (view.scroll + 1).min(last),
        Action::Up => view.scroll = view.scroll.saturating_sub(1),
        Action::PageDown => view.scroll = (view.scroll + PAGE).min(last),
        Action::PageUp => view.scroll = view.scroll.saturating_sub(PAGE),
        Action::SaveReport if view.saving.is_none() => {
            let (job, _) = out.job();
            view.saving = Some(job);
            return Some(Effect::SaveReport {
                job,
                path: report_path(&view.report.file),
                text: view.report.text(),
            });
        }
        Action::Cancel => desk.overlay = None,
        _ => {}
    }
    None
}

/// The answer to a save of the report window (dropped once the window is closed).
fn saved(desk: &mut Desk, job: u64, result: Result<String, String>, out: &mut Out) {
    let Some(Overlay::Report(view)) = &mut desk.overlay else {
        return;
    };
    if view.saving != Some(job) {
        return;
    }
    view.saving = None;
    match result {
        Ok(path) => {
            out.info(format!("Report saved to {path}."));
            view.saved = Some(path);
        }
        Err(message) => out.error(format!("Report not saved: {message}")),
    }
}
