//! What an import asks of the server, line by line: the shop's offer of that GTIN and
//! condition is updated where a cell differs, or a new offer is listed; then the stock
//! levels that differ are set, each with its reason.

use api_types::selling::{OfferRequest, SellerOffer, StockRequest};

use super::parse::OfferLine;
use super::{Column, LineError, gtin_key};
use crate::console::screens::offer_form::request_from;

/// What happens to the offer of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfferChange {
    /// `POST /seller/offers`: the shop has no offer of this GTIN and condition.
    Create(OfferRequest),
    /// `PATCH /seller/offers/{id}`: a cell differs from the offer.
    Update {
        /// The offer.
        id: String,
        /// The offer with the line's values.
        request: OfferRequest,
    },
    /// The offer is as the line says.
    Keep {
        /// The offer.
        id: String,
    },
}

/// The requests for one line, in the order they are sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The line in the file.
    pub line: u64,
    /// The offer.
    pub offer: OfferChange,
    /// A new offer to set `inactive` once listed (the server lists new offers live).
    pub then_status: Option<String>,
    /// The levels to set, with the column each came from (for errors).
    pub stock: Vec<(String, StockRequest)>,
}

/// The steps for `lines` against the shop's `offers`, and the lines refused before asking
/// the server (a new product without a title or category). `note` is recorded with each
/// stock movement ("CSV import of offers.csv").
pub fn plan(
    lines: &[OfferLine],
    offers: &[SellerOffer],
    note: &str,
) -> (Vec<Step>, Vec<LineError>) {
    let mut steps = Vec::new();
    let mut errors = Vec::new();
    for line in lines {
        let key = gtin_key(&line.gtin);
        let existing = offers
            .iter()
            .find(|offer| gtin_key(&offer.gtin) == key && offer.condition == line.condition);
        let (offer, then_status) = match existing {
            Some(offer) => (change(line, offer), None),
            None => match new_offer(line) {
                Ok(request) => {
                    let inactive = line.status.as_deref() == Some("inactive");
                    (
                        OfferChange::Create(request),
                        inactive.then(|| "inactive".to_owned()),
                    )
                }
                Err(refused) => {
                    errors.extend(refused);
                    continue;
                }
            },
        };
        let stock = line
            .stock
            .iter()
            .filter_map(|cell| {
                let current = existing
                    .and_then(|offer| {
                        offer
                            .stock
                            .iter()
                            .find(|stock| stock.location_id == cell.location_id)
                    })
                    .map_or(0, |stock| i64::from(stock.quantity));
                (cell.quantity != current).then(|| {
                    let reason = if cell.quantity > current {
                        "receipt"
                    } else {
                        "adjustment"
                    };
                    let request = StockRequest {
                        location_id: cell.location_id.clone(),
                        quantity: cell.quantity,
                        reason: Some(reason.to_owned()),
                        note: Some(note.to_owned()),
                    };
                    (cell.column.clone(), request)
                })
            })
            .collect();
        steps.push(Step {
            line: line.line,
            offer,
            then_status,
            stock,
        });
    }
    (steps, errors)
}

/// The request listing a new offer; a title and a category are needed to describe a
/// product Halles may not know yet.
fn new_offer(line: &OfferLine) -> Result<OfferRequest, Vec<LineError>> {
    let mut missing = Vec::new();
    let mut need = |column: Column, value: &Option<String>, why: &str| {
        if value.is_none() {
            missing.push(LineError::at(line.line, column.name(), why));
        }
    };
    need(Column::Title, &line.title, "needed to list a new offer");
    need(
        Column::Category,
        &line.category,
        "needed to list a new offer (a category slug, e.g. bricolage)",
    );
    if !missing.is_empty() {
        return Err(missing);
    }
    Ok(OfferRequest {
        gtin: line.gtin.clone(),
        title: line.title.clone().unwrap_or_default(),
        price_cents: line.price_cents,
        condition: line.condition.clone(),
        description: line.description.clone().unwrap_or_default(),
        category: line.category.clone().unwrap_or_default(),
        brand: line.brand.clone().unwrap_or_default(),
        delivery_price_cents: line.delivery_price_cents.unwrap_or(0),
        delivery_days: line.delivery_days,
        status: None,
    })
}

/// An update when the line's price, delivery, description or status differ from
/// `offer`'s. Title, brand and category are the product's and stay as they are.
fn change(line: &OfferLine, offer: &SellerOffer) -> OfferChange {
    let status = line.status.clone().filter(|status| *status != offer.status);
    let mut request = request_from(offer, status.clone());
    request.price_cents = line.price_cents;
    if let Some(cents) = line.delivery_price_cents {
        request.delivery_price_cents = cents;
    }
    if let Some(days) = line.delivery_days {
        request.delivery_days = Some(days);
    }
    if let Some(description) = &line.description {
        request.description.clone_from(description);
    }
    if status.is_none() && request == request_from(offer, None) {
        OfferChange::Keep {
            id: offer.id.clone(),
        }
    } else {
        OfferChange::Update {
            id: offer.id.clone(),
            request,
        }
    }
}
