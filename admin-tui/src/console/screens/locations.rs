//! The locations screen: the shop's warehouses and stores, with keys to add and edit.

#[cfg(test)]
mod tests;

use api_types::ListResponse;
use api_types::selling::Location;

use super::{Desk, Out, Overlay, Remote, location_form};
use crate::client::ApiError;
use crate::console::action::{Action, ApiCall, Effect};

/// The locations screen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Locations {
    /// `GET /seller/locations`.
    pub list: Remote<Vec<Location>>,
    /// The index of the selected row.
    pub selected: usize,
}

impl Locations {
    /// The loaded locations (none before the first answer).
    pub fn items(&self) -> &[Location] {
        self.list.data.as_deref().unwrap_or_default()
    }

    /// How many locations are loaded.
    pub fn count(&self) -> usize {
        self.items().len()
    }

    /// The selected location, if any.
    pub fn selected_location(&self) -> Option<&Location> {
        self.items().get(self.selected)
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.count().saturating_sub(1));
    }
}

/// Loads the shop's locations.
pub fn load(desk: &mut Desk, out: &mut Out) -> Effect {
    let (request, effect) = out.call(ApiCall::ListLocations);
    desk.locations.list.start(request);
    effect
}

/// A key on the locations screen.
pub fn key(desk: &mut Desk, action: Action, _out: &mut Out) -> Option<Effect> {
    let locations = &mut desk.locations;
    match action {
        Action::Down => {
            locations.selected = (locations.selected + 1).min(locations.count().saturating_sub(1));
        }
        Action::Up => locations.selected = locations.selected.saturating_sub(1),
        Action::New => desk.overlay = Some(Overlay::Form(location_form::new_location())),
        Action::Edit => {
            let form = locations
                .selected_location()
                .map(location_form::edit_location)?;
            desk.overlay = Some(Overlay::Form(form));
        }
        _ => {}
    }
    None
}

/// The answer to the list of locations.
pub fn loaded(desk: &mut Desk, request: u64, result: Result<ListResponse<Location>, ApiError>) {
    if desk
        .locations
        .list
        .accept(request, result.map(|page| page.items))
    {
        desk.locations.clamp();
        desk.stock
            .clamp(desk.offers.visible().len(), desk.locations.count());
    }
}

/// A location was saved from the form.
pub fn saved(desk: &mut Desk, request: u64, result: Result<Location, ApiError>, out: &mut Out) {
    let from_form =
        matches!(&desk.overlay, Some(Overlay::Form(form)) if form.pending == Some(request));
    match result {
        Ok(location) => {
            let text = format!("Saved “{}”.", location.name);
            let items = desk.locations.list.data.get_or_insert_with(Vec::new);
            match items.iter().position(|l| l.id == location.id) {
                Some(index) => {
                    if let Some(row) = items.get_mut(index) {
                        *row = location;
                    }
                    desk.locations.selected = index;
                }
                None => {
                    items.push(location);
                    desk.locations.selected = items.len() - 1;
                }
            }
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
            _ => out.error(format!("Could not save the location: {error}")),
        },
    }
}
