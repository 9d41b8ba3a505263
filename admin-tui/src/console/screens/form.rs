//! A form of labelled fields: typing, focus, choices, toggles, and errors placed beside
//! the field the server named.

#[cfg(test)]
mod tests;

use api_types::catalog::Category;

use super::disputes::DisputeVerb;
pub use super::field::{Edit, FormField, Value};
use super::ops::Decision;
use super::orders::Verb;
use crate::client::ApiError;

/// An edit form (offer, location, shop application).
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// What the form creates or changes.
    pub kind: FormKind,
    /// The fields, in focus order.
    pub fields: Vec<FormField>,
    /// The index of the focused field.
    pub focus: usize,
    /// The save request awaiting an answer, if any.
    pub pending: Option<u64>,
    /// An error not about one field (a conflict, the network…).
    pub error: Option<String>,
}

/// What a [`Form`] is for.
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    /// `POST /seller/shop`.
    OpenShop,
    /// `POST /seller/offers`.
    NewOffer,
    /// `PATCH /seller/offers/{id}`.
    EditOffer {
        /// The offer's id.
        id: String,
    },
    /// `POST /seller/locations`.
    NewLocation,
    /// `PATCH /seller/locations/{id}`; the coordinates are kept as they were.
    EditLocation {
        /// The location's id.
        id: String,
        /// Kept as is.
        latitude: Option<f64>,
        /// Kept as is.
        longitude: Option<f64>,
    },
    /// The body of a step on a seller order (ship, collect, cancel, refund).
    Order {
        /// The seller order's id.
        id: String,
        /// Its number, shown.
        number: String,
        /// The step.
        verb: Verb,
    },
    /// An operator's decision on a shop or offer, with its reason.
    Decision {
        /// The shop or offer.
        id: String,
        /// Its name, shown.
        name: String,
        /// What is decided.
        decision: Decision,
    },
    /// `PUT /operator/settings`.
    Settings,
    /// `POST /operator/campaigns`.
    NewCampaign,
    /// `POST /operator/campaigns/{id}/end`, with its reason.
    EndCampaign {
        /// The campaign.
        id: String,
        /// Its name, shown.
        name: String,
    },
    /// `PUT /seller/offers/{id}/stock`: the level typed in the grid, with its reason and a
    /// note.
    StockLevel {
        /// The offer.
        offer_id: String,
        /// The location.
        location_id: String,
        /// The new level.
        quantity: i64,
    },
    /// `POST /seller/offers/{id}/stock/transfer` from the selected cell's location.
    StockTransfer {
        /// The offer.
        offer_id: String,
        /// Where the units leave.
        from_location_id: String,
    },
    /// `PUT /seller/offers/{id}/low-stock-threshold`.
    LowStockThreshold {
        /// The offer.
        offer_id: String,
    },
    /// `POST /seller/disputes/{id}/answer`.
    DisputeAnswer {
        /// The dispute.
        id: String,
        /// The order's number, shown.
        number: String,
    },
    /// `POST /operator/disputes/{id}/decide`: a refund or a rejection, with its reason.
    DisputeDecision {
        /// The dispute.
        id: String,
        /// The order's number, shown.
        number: String,
        /// The shop's name, shown.
        shop: String,
        /// [`DisputeVerb::Refund`] or [`DisputeVerb::Reject`].
        verb: DisputeVerb,
        /// What could still be refunded when the form opened, in cents.
        refundable: i64,
    },
    /// `POST /operator/payouts/{shop_id}`, with an optional reason.
    Payout {
        /// The shop.
        shop_id: String,
        /// Its name, shown.
        name: String,
    },
    /// The CSV file to import offers and stock from.
    ImportCsv,
    /// The CSV file to export offers and stock to.
    ExportCsv,
    /// `PUT /seller/cashback`.
    ShopBoost,
    /// `PUT /seller/offers/{id}/cashback`.
    OfferBoost {
        /// The offer.
        id: String,
        /// Its title, shown.
        title: String,
    },
    /// `POST /seller/till/{code}/sale` with a fulfilment: the endless aisle.
    TillAisle {
        /// The lines ordered.
        offer_ids: Vec<String>,
        /// The fields of the method not chosen, as they were left.
        other: Vec<FormField>,
    },
}

impl FormKind {
    /// The form's title.
    pub fn title(&self) -> &'static str {
        match self {
            Self::OpenShop => "Open a shop",
            Self::NewOffer => "New offer",
            Self::EditOffer { .. } => "Edit offer",
            Self::NewLocation => "New location",
            Self::EditLocation { .. } => "Edit location",
            Self::Order { verb, .. } => match verb {
                Verb::Ship => "Ship the order",
                Verb::Collect => "Hand over a pickup",
                Verb::Cancel => "Cancel the order",
                Verb::Refund => "Refund",
                Verb::ReturnInStore => "Return in store",
                Verb::Accept | Verb::Ready | Verb::AcceptReturn | Verb::RefuseReturn => "Order",
            },
            Self::Decision { decision, .. } => decision.title(),
            Self::Settings => "Platform settings",
            Self::NewCampaign => "New cashback campaign",
            Self::EndCampaign { .. } => "End the campaign",
            Self::StockLevel { .. } => "Set the stock",
            Self::StockTransfer { .. } => "Transfer stock",
            Self::LowStockThreshold { .. } => "Low-stock threshold",
            Self::DisputeAnswer { .. } => "Answer the dispute",
            Self::DisputeDecision { verb, .. } => match verb {
                DisputeVerb::Refund => "Refund the shopper",
                DisputeVerb::Reject | DisputeVerb::Answer => "Reject the dispute",
            },
            Self::Payout { .. } => "Pay out the shop",
            Self::ImportCsv => "Import offers and stock",
            Self::ExportCsv => "Export offers and stock",
            Self::ShopBoost => "Cashback boost on the shop",
            Self::OfferBoost { .. } => "Cashback boost on the offer",
            Self::TillAisle { .. } => "Order for the shopper",
        }
    }
}

impl Form {
    /// A form of `kind` with `fields`, the first editable one focused.
    pub fn new(kind: FormKind, fields: Vec<FormField>) -> Self {
        let focus = fields.iter().position(|f| !f.locked).unwrap_or(0);
        Self {
            kind,
            fields,
            focus,
            pending: None,
            error: None,
        }
    }

    /// The field named `name`, if the form has one.
    pub fn field(&self, name: &str) -> Option<&FormField> {
        self.fields.iter().find(|field| field.name == name)
    }

    /// The text of the field named `name`, trimmed ("" when there is none).
    pub fn text(&self, name: &str) -> &str {
        self.field(name).map_or("", |field| field.text().trim())
    }

    /// Whether the toggle named `name` is on.
    pub fn toggled(&self, name: &str) -> bool {
        self.field(name)
            .is_some_and(|field| field.value == Value::Toggle(true))
    }

    /// Moves the focus to the next (or, with `back`, previous) editable field, wrapping.
    pub fn move_focus(&mut self, back: bool) {
        let count = self.fields.len();
        for step in 1..=count {
            let index = if back {
                (self.focus + count * step - step) % count
            } else {
                (self.focus + step) % count
            };
            if self.fields.get(index).is_some_and(|f| !f.locked) {
                self.focus = index;
                return;
            }
        }
    }

    /// Applies `edit` to the focused field; `categories` feed the category picker.
    pub fn edit(&mut self, edit: Edit, categories: &[Category]) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        if field.locked {
            return;
        }
        let changed = match (&mut field.value, edit) {
            (Value::Text(text) | Value::Category(text), Edit::Char(c)) if !c.is_control() => {
                text.push(c);
                true
            }
            (Value::Digits(text), Edit::Char(c)) if c.is_ascii_digit() => {
                text.push(c);
                true
            }
            (Value::Toggle(on), Edit::Char(' ')) => {
                *on = !*on;
                true
            }
            (Value::Text(text) | Value::Category(text), Edit::Paste(pasted)) => {
                // A pasted line break becomes a space, so that lines do not run together.
                let flat = pasted
                    .chars()
                    .map(|c| if c.is_whitespace() { ' ' } else { c });
                text.extend(flat.filter(|c| !c.is_control()));
                true
            }
            (Value::Digits(text), Edit::Paste(pasted)) => {
                text.extend(pasted.chars().filter(char::is_ascii_digit));
                true
            }
            (Value::Text(text) | Value::Digits(text) | Value::Category(text), Edit::Backspace) => {
                text.pop().is_some()
            }
            (Value::Text(text) | Value::Digits(text) | Value::Category(text), Edit::Clear) => {
                text.clear();
                true
            }
            (Value::Choice { options, selected }, edit @ (Edit::Left | Edit::Right)) => {
                *selected = cycle(*selected, options.len(), edit == Edit::Right);
                true
            }
            (Value::Pick { options, selected }, edit @ (Edit::Left | Edit::Right)) => {
                *selected = cycle(*selected, options.len(), edit == Edit::Right);
                true
            }
            (Value::Choice { options, selected }, Edit::Char(c)) => {
                let labels: Vec<&str> = options.iter().map(|option| option.1).collect();
                pick_by_letter(selected, &labels, c)
            }
            (Value::Pick { options, selected }, Edit::Char(c)) => {
                let labels: Vec<&str> = options.iter().map(|option| option.1.as_str()).collect();
                pick_by_letter(selected, &labels, c)
            }
            (Value::Category(slug), edit @ (Edit::Left | Edit::Right))
                if !categories.is_empty() =>
            {
                let current = categories.iter().position(|c| c.slug == *slug);
                let next = match current {
                    Some(index) => cycle(index, categories.len(), edit == Edit::Right),
                    None if edit == Edit::Right => 0,
                    None => categories.len() - 1,
                };
                categories
                    .get(next)
                    .map(|category| slug.clone_from(&category.slug))
                    .is_some()
            }
            _ => false,
        };
        if changed {
            field.error = None;
            self.error = None;
        }
    }

    /// Shows `error` beside the field it names (focusing it), or under the form when it
    /// names none of this form's fields.
    pub fn show_error(&mut self, error: &ApiError) {
        let named = error
            .field()
            .and_then(|name| self.fields.iter().position(|field| field.name == name));
        match named {
            Some(index) => self.set_field_error(index, error.to_string()),
            None => self.error = Some(error.to_string()),
        }
    }

    /// Shows `message` beside the field named `name` and focuses it (a check made here,
    /// before asking the server).
    pub fn refuse(&mut self, name: &str, message: impl Into<String>) {
        match self.fields.iter().position(|field| field.name == name) {
            Some(index) => self.set_field_error(index, message.into()),
            None => self.error = Some(message.into()),
        }
    }

    /// Whether any field, or the form, shows an error.
    pub fn has_errors(&self) -> bool {
        self.error.is_some() || self.fields.iter().any(|field| field.error.is_some())
    }

    /// Forgets every error shown (before a new save).
    pub fn clear_errors(&mut self) {
        self.error = None;
        for field in &mut self.fields {
            field.error = None;
        }
    }

    fn set_field_error(&mut self, index: usize, message: String) {
        if let Some(field) = self.fields.get_mut(index) {
            field.error = Some(message);
            if !field.locked {
                self.focus = index;
            }
        }
    }
}

/// Typing a letter on a choice picks the next option whose label starts with it (like a
/// menu); whether one did.
fn pick_by_letter(selected: &mut usize, labels: &[&str], letter: char) -> bool {
    let count = labels.len();
    let starts = |label: &str| {
        label
            .chars()
            .next()
            .is_some_and(|first| first.to_lowercase().eq(letter.to_lowercase()))
    };
    let found = (1..=count)
        .map(|step| (*selected + step) % count)
        .find(|index| labels.get(*index).is_some_and(|label| starts(label)));
    if let Some(index) = found {
        *selected = index;
    }
    found.is_some()
}

/// The index after (or before) `index` among `count`, wrapping.
fn cycle(index: usize, count: usize, forward: bool) -> usize {
    match count {
        0 => 0,
        _ if forward => (index + 1) % count,
        _ => (index + count - 1) % count,
    }
}
