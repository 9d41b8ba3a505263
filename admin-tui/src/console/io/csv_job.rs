//! The CSV import and export, run in a background task: the file read or written, every
//! page of the shop's offers fetched, an import's requests sent line by line with its
//! progress reported to the status bar. What to send is decided by the pure
//! [`offer_csv`](crate::console::screens::offer_csv); here are only the files and the
//! server.

#[cfg(test)]
mod tests;

use std::path::PathBuf;

use api_types::ListResponse;
use api_types::selling::{Location, OfferRequest, SellerOffer, StockLine, StockRequest};

use super::ActionSender;
use crate::client::{ApiClient, ApiError};
use crate::console::action::Action;
use crate::console::screens::offer_csv::{
    Column, ImportReport, LineError, OfferChange, Step, decode, export as export_file, parse, plan,
};
use crate::console::screens::offer_form::request_from;
use crate::console::screens::offers::spreadsheet::{CsvEvent, Exported};

/// Offers asked per page (the server's most).
const PER_PAGE: u64 = 100;
/// Pages asked at most: 100 000 offers, far beyond a shop, short of a loop without end.
const MOST_PAGES: u64 = 1_000;
/// The largest file read: a shop's catalogue is far smaller; a bigger file is a mistake.
const MOST_BYTES: usize = 20 * 1024 * 1024;

/// The seller API calls an import or an export makes: the console's client, or a fake in
/// tests.
pub(super) trait Catalog {
    /// `GET /seller/locations`.
    async fn locations(&self) -> Result<Vec<Location>, ApiError>;
    /// `GET /seller/offers?page=&per_page=`.
    async fn offers(&self, page: u64, per_page: u64)
    -> Result<ListResponse<SellerOffer>, ApiError>;
    /// `POST /seller/offers`.
    async fn create_offer(&self, body: &OfferRequest) -> Result<SellerOffer, ApiError>;
    /// `PATCH /seller/offers/{id}`.
    async fn update_offer(&self, id: &str, body: &OfferRequest) -> Result<SellerOffer, ApiError>;
    /// `PUT /seller/offers/{id}/stock`.
    async fn set_stock(&self, id: &str, body: &StockRequest) -> Result<StockLine, ApiError>;
}

impl Catalog for ApiClient {
    async fn locations(&self) -> Result<Vec<Location>, ApiError> {
        self.seller_locations().await.map(|page| page.items)
    }

    async fn offers(
        &self,
        page: u64,
        per_page: u64,
    ) -> Result<ListResponse<SellerOffer>, ApiError> {
        self.seller_offers(page, per_page).await
    }

    async fn create_offer(&self, body: &OfferRequest) -> Result<SellerOffer, ApiError> {
        ApiClient::create_offer(self, body).await
    }

    async fn update_offer(&self, id: &str, body: &OfferRequest) -> Result<SellerOffer, ApiError> {
        ApiClient::update_offer(self, id, body).await
    }

    async fn set_stock(&self, id: &str, body: &StockRequest) -> Result<StockLine, ApiError> {
        ApiClient::set_stock(self, id, body).await
    }
}

/// Imports the file at `path`, telling `actions` how far it got; answers the report.
pub(super) async fn import(
    catalog: &impl Catalog,
    job: u64,
    path: &str,
    actions: &ActionSender,
) -> Action {
    let progress = |done, total| tell(actions, job, CsvEvent::Progress { done, total });
    let result = match read(path).await {
        Ok(text) => run_import(catalog, &text, path, progress).await,
        Err(message) => Err(message),
    };
    Action::Csv {
        job,
        event: CsvEvent::Imported(result),
    }
}

/// Writes every offer and its stock to the file at `path`; answers where it went.
pub(super) async fn export(
    catalog: &impl Catalog,
    job: u64,
    path: &str,
    actions: &ActionSender,
) -> Action {
    let progress = |done, total| tell(actions, job, CsvEvent::Progress { done, total });
    Action::Csv {
        job,
        event: CsvEvent::Exported(run_export(catalog, path, progress).await),
    }
}

/// Writes an import's report to `path`; answers its full path.
pub(super) async fn save_report(job: u64, path: &str, text: &str) -> Action {
    let file = resolve(path);
    let result = match tokio::fs::write(&file, text).await {
        Ok(()) => Ok(file.display().to_string()),
        Err(error) => Err(format!("cannot write {}: {error}", file.display())),
    };
    Action::Csv {
        job,
        event: CsvEvent::ReportSaved(result),
    }
}

fn tell(actions: &ActionSender, job: u64, event: CsvEvent) {
    // A closed channel means the console is gone: nobody to tell.
    let _ = actions.send(Action::Csv { job, event });
}

/// `~/…` in the home directory; a relative path from where the console was started.
fn resolve(path: &str) -> PathBuf {
    let path = path.trim();
    let expanded = match (path.strip_prefix("~/"), dirs::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    };
    std::path::absolute(&expanded).unwrap_or(expanded)
}

async fn read(path: &str) -> Result<String, String> {
    let file = resolve(path);
    let bytes = tokio::fs::read(&file)
        .await
        .map_err(|error| format!("cannot read {}: {error}", file.display()))?;
    if bytes.len() > MOST_BYTES {
        return Err(format!(
            "{} is over {} MB: is it the right file?",
            file.display(),
            MOST_BYTES / 1024 / 1024
        ));
    }
    Ok(decode(&bytes))
}

/// Reads `text` against the shop's locations and offers, then sends each line's requests
/// in file order. A refusal is kept against its line; the server going away (or the
/// session ending) stops the import there, since every next line would fail alike.
pub(super) async fn run_import(
    catalog: &impl Catalog,
    text: &str,
    file: &str,
    mut progress: impl FnMut(usize, usize),
) -> Result<ImportReport, String> {
    progress(0, 0);
    let locations = catalog
        .locations()
        .await
        .map_err(|error| format!("cannot read your locations: {error}"))?;
    let parsed = parse(text, &locations).map_err(|error| error.to_string())?;
    let offers = all_offers(catalog, |_, _| {})
        .await
        .map_err(|error| format!("cannot read your offers: {error}"))?;
    let name = std::path::Path::new(file).file_name().map_or_else(
        || file.to_owned(),
        |name| name.to_string_lossy().into_owned(),
    );
    let (steps, refused) = plan(&parsed.lines, &offers, &format!("CSV import of {name}"));
    let mut report = ImportReport {
        file: file.to_owned(),
        errors: parsed.errors,
        ignored: parsed.ignored,
        ..ImportReport::default()
    };
    report.errors.extend(refused);
    progress(0, steps.len());
    for (index, step) in steps.iter().enumerate() {
        if let Err(error) = apply(catalog, step, &mut report).await {
            let left = steps.len() - index - 1;
            report.errors.push(LineError::line(
                step.line,
                format!("import stopped: {error} ({left} more lines not sent)"),
            ));
            break;
        }
        progress(index + 1, steps.len());
    }
    Ok(report)
}

/// Sends one line's requests. `Err` only for a failure that ends the import.
async fn apply(
    catalog: &impl Catalog,
    step: &Step,
    report: &mut ImportReport,
) -> Result<(), ApiError> {
    let id = match &step.offer {
        OfferChange::Create(request) => match catalog.create_offer(request).await {
            Ok(offer) => {
                report.created += 1;
                if let Some(status) = &step.then_status {
                    let body = request_from(&offer, Some(status.clone()));
                    if let Err(error) = catalog.update_offer(&offer.id, &body).await {
                        record(report, step.line, None, error)?;
                    }
                }
                offer.id
            }
            Err(error) => return record(report, step.line, None, error),
        },
        OfferChange::Update { id, request } => {
            match catalog.update_offer(id, request).await {
                Ok(_) => report.updated += 1,
                Err(error) => record(report, step.line, None, error)?,
            }
            id.clone()
        }
        OfferChange::Keep { id } => {
            report.unchanged += 1;
            id.clone()
        }
    };
    for (column, request) in &step.stock {
        match catalog.set_stock(&id, request).await {
            Ok(_) => report.stock_set += 1,
            Err(error) => record(report, step.line, Some(column), error)?,
        }
    }
    Ok(())
}

/// Keeps the server's refusal against `line` (and the column it names, under its name in
/// the file); hands back a failure that must end the import.
fn record(
    report: &mut ImportReport,
    line: u64,
    column: Option<&str>,
    error: ApiError,
) -> Result<(), ApiError> {
    if error.is_transient() || matches!(error.status(), Some(401 | 403)) {
        return Err(error);
    }
    let column = column.map(str::to_owned).or_else(|| {
        error.field().map(|field| {
            Column::of_api_field(field).map_or_else(|| field.to_owned(), |c| c.name().to_owned())
        })
    });
    report.errors.push(LineError {
        line,
        column,
        message: error.to_string(),
    });
    Ok(())
}

async fn run_export(
    catalog: &impl Catalog,
    path: &str,
    progress: impl FnMut(usize, usize),
) -> Result<Exported, String> {
    let locations = catalog
        .locations()
        .await
        .map_err(|error| format!("cannot read your locations: {error}"))?;
    let offers = all_offers(catalog, progress)
        .await
        .map_err(|error| format!("cannot read your offers: {error}"))?;
    let file = resolve(path);
    tokio::fs::write(&file, export_file(&offers, &locations))
        .await
        .map_err(|error| format!("cannot write {}: {error}", file.display()))?;
    Ok(Exported {
        path: file.display().to_string(),
        offers: offers.len(),
    })
}

/// Every offer of the shop, page after page (`progress` gets pages read and in all).
async fn all_offers(
    catalog: &impl Catalog,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<SellerOffer>, ApiError> {
    let mut offers = Vec::new();
    for page in 1..=MOST_PAGES {
        let answer = catalog.offers(page, PER_PAGE).await?;
        let pages = answer.total.div_ceil(PER_PAGE);
        let last = answer.items.is_empty();
        offers.extend(answer.items);
        progress(
            usize::try_from(page).unwrap_or(usize::MAX),
            usize::try_from(pages).unwrap_or(usize::MAX),
        );
        if last || offers.len() as u64 >= answer.total {
            break;
        }
    }
    Ok(offers)
}
