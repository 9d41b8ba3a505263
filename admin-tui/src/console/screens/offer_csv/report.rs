//! What an import did: counts, the lines refused (here or by the server) and the columns
//! left alone; shown in a scrollable window and saved as text beside the file.

use super::LineError;

/// The outcome of one import.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// The file imported, as the seller named it.
    pub file: String,
    /// Offers listed.
    pub created: usize,
    /// Offers changed.
    pub updated: usize,
    /// Offers already as the file says.
    pub unchanged: usize,
    /// Stock levels set.
    pub stock_set: usize,
    /// What went wrong, by line (a line may have several).
    pub errors: Vec<LineError>,
    /// Header cells that name no column.
    pub ignored: Vec<String>,
}

impl ImportReport {
    /// "3 listed · 5 changed · 12 unchanged · 8 stock levels set · 2 errors".
    pub fn summary(&self) -> String {
        let mut parts = vec![
            format!("{} listed", self.created),
            format!("{} changed", self.updated),
            format!("{} unchanged", self.unchanged),
            match self.stock_set {
                1 => "1 stock level set".to_owned(),
                n => format!("{n} stock levels set"),
            },
        ];
        match self.errors.len() {
            0 => {}
            1 => parts.push("1 error".to_owned()),
            n => parts.push(format!("{n} errors")),
        }
        parts.join(" · ")
    }

    /// The lines shown in the report window and saved: the file, the summary, the columns
    /// ignored, then one line per error, in file order.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![
            format!("Import of {}", self.file),
            format!("{}.", self.summary()),
        ];
        if !self.ignored.is_empty() {
            lines.push(format!(
                "Columns ignored (not in the column set): {}.",
                self.ignored.join(", ")
            ));
        }
        let mut errors: Vec<&LineError> = self.errors.iter().collect();
        errors.sort_by_key(|error| error.line);
        lines.extend(errors.into_iter().map(ToString::to_string));
        lines
    }

    /// The report as a text file.
    pub fn text(&self) -> String {
        let mut text = self.lines().join("\n");
        text.push('\n');
        text
    }

    /// Whether the seller should read the window (errors or ignored columns), rather than
    /// a line in the status bar.
    pub fn needs_reading(&self) -> bool {
        !self.errors.is_empty() || !self.ignored.is_empty()
    }
}

/// Where the report of `csv_path` is saved: beside it, "offers.csv" → "offers-report.txt".
pub fn report_path(csv_path: &str) -> String {
    let stem = csv_path
        .strip_suffix(".csv")
        .or_else(|| csv_path.strip_suffix(".CSV"))
        .unwrap_or(csv_path);
    format!("{stem}-report.txt")
}
