//! The two bottom rows: what is happening (progress, errors, notices; a CSV job's gauge)
//! and the key hints.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

use super::{ACCENT, error};
use crate::console::keymap::{Context, Keymap};
use crate::console::screens::offers::spreadsheet::{CsvJob, CsvKind};
use crate::console::state::{Loading, NoticeKind, Screen, State};

/// Draws the message row and the hints row into `area` (two rows).
pub fn render(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap) {
    let [message, hints] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    match csv_job(state) {
        // The gauge shares the row with a notice, if there is one.
        Some(job) => {
            let text = message_line(state);
            let gauge_width = if text.width() == 0 { message.width } else { 44 };
            let [text_area, gauge_area] = message.layout(&Layout::horizontal([
                Constraint::Min(0),
                Constraint::Length(gauge_width.min(message.width)),
            ]));
            frame.render_widget(Paragraph::new(text), text_area);
            frame.render_widget(gauge(job), gauge_area);
        }
        None => frame.render_widget(Paragraph::new(message_line(state)), message),
    }
    let width = usize::from(hints.width);
    frame.render_widget(Paragraph::new(hints_line(state, keymap, width)), hints);
}

fn csv_job(state: &State) -> Option<&CsvJob> {
    match &state.screen {
        Screen::Console(session) => session.desk.offers.spreadsheet.job.as_ref(),
        Screen::Login(_) => None,
    }
}

/// "Importing offers.csv — 12 of 40 lines", the bar filled as far; "reading…" before the
/// count is known.
fn gauge(job: &CsvJob) -> Gauge<'static> {
    let unit = match job.kind {
        CsvKind::Import => "lines",
        CsvKind::Export => "pages of offers",
    };
    let (ratio, label) = match job.total {
        0 => (0.0, format!("{} — reading…", job.label())),
        total => (
            // A display ratio, not an amount: a float is fine here.
            (job.done.min(total) as f64) / (total as f64),
            format!("{} — {} of {total} {unit}", job.label(), job.done),
        ),
    };
    Gauge::default()
        .gauge_style(Style::new().fg(ACCENT))
        .ratio(ratio)
        .label(label)
}

fn message_line(state: &State) -> Line<'_> {
    if let Screen::Console(session) = &state.screen {
        match &session.me {
            Loading::Loading => {
                return Line::styled(" Loading your account…", Style::new().fg(ACCENT));
            }
            Loading::Error {
                message,
                retry_in_secs,
            } => {
                let retry = match retry_in_secs {
                    Some(secs) => format!(" Retrying in {secs} s."),
                    None => " Press r to try again.".to_owned(),
                };
                return Line::styled(format!(" {message}{retry}"), error());
            }
            Loading::Idle | Loading::Loaded => {}
        }
    }
    match &state.notice {
        Some(notice) if notice.kind == NoticeKind::Error => {
            Line::styled(format!(" {}", notice.text), error())
        }
        Some(notice) => Line::raw(format!(" {}", notice.text)),
        None => Line::raw(""),
    }
}

/// The key hints, in keymap order; a hint that does not fit in `width` is left out
/// whole (a shorter one after it may still fit).
fn hints_line(state: &State, keymap: &Keymap, width: usize) -> Line<'static> {
    let key_style = Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, label) in keymap.hints(Context::of(state)) {
        let needed = key.chars().count() + label.chars().count() + 5;
        if used + needed > width {
            continue;
        }
        used += needed;
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {key} "), key_style));
        spans.push(Span::raw(format!(" {label} ")));
    }
    Line::from(spans)
}
