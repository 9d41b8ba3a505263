//! Applying the answers about offers: a page, a saved offer, a deletion.

use api_types::ListResponse;
use api_types::selling::SellerOffer;

use super::{Offers, PER_PAGE};
use crate::client::ApiError;
use crate::console::screens::{Desk, Out, Overlay};

/// The answer to a page of offers.
pub fn loaded(desk: &mut Desk, request: u64, result: Result<ListResponse<SellerOffer>, ApiError>) {
    if desk.offers.list.accept(request, result) {
        desk.offers.clamp();
        desk.stock
            .clamp(desk.offers.visible().len(), desk.locations.count());
    }
}

/// An offer was saved from the form (`request` is the form's) or published/unpublished.
pub fn saved(desk: &mut Desk, request: u64, result: Result<SellerOffer, ApiError>, out: &mut Out) {
    let from_form =
        matches!(&desk.overlay, Some(Overlay::Form(form)) if form.pending == Some(request));
    match result {
        Ok(offer) => {
            let items = desk.offers.items_mut();
            let known = items
                .as_ref()
                .is_some_and(|items| items.iter().any(|o| o.id == offer.id));
            let text = if from_form && !known {
                format!("Listed “{}”.", offer.title)
            } else if from_form {
                format!("Saved “{}”.", offer.title)
            } else {
                format!("“{}” is now {}.", offer.title, offer.status)
            };
            upsert(&mut desk.offers, offer);
            if from_form {
                desk.overlay = None;
            }
            out.info(text);
        }
        Err(error) => match &mut desk.overlay {
            Some(Overlay::Form(form)) if from_form => {
                form.pending = None;
                form.show_error(&error);
            }
            _ => out.error(format!("Could not change the offer: {error}")),
        },
    }
}

/// Puts `offer` in place of its old row, or first when new.
fn upsert(offers: &mut Offers, offer: SellerOffer) {
    match offers.items_mut() {
        Some(items) => match items.iter_mut().find(|o| o.id == offer.id) {
            Some(row) => *row = offer,
            None => {
                items.insert(0, offer);
                if let Some(page) = offers.list.data.as_mut() {
                    page.total += 1;
                }
            }
        },
        None => {
            offers.list.data = Some(ListResponse {
                items: vec![offer],
                total: 1,
                page: 1,
                per_page: PER_PAGE,
            });
        }
    }
}

/// The answer to a deletion.
pub fn deleted(desk: &mut Desk, id: &str, result: Result<(), ApiError>, out: &mut Out) {
    match result {
        Ok(()) => {
            let offers = &mut desk.offers;
            let title = offers.items_mut().and_then(|items| {
                let index = items.iter().position(|o| o.id == id)?;
                Some(items.remove(index).title)
            });
            if let (Some(page), Some(_)) = (offers.list.data.as_mut(), &title) {
                page.total = page.total.saturating_sub(1);
            }
            offers.clamp();
            match title {
                Some(title) => out.info(format!("Deleted “{title}”.")),
                None => out.info("Deleted the offer."),
            }
        }
        Err(error) => out.error(format!("Could not delete the offer: {error}")),
    }
}
