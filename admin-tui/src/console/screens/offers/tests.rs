//! The offers screen: selection, paging, search, sort, the form, publish and delete.

use super::{PER_PAGE, Sort};
use crate::console::action::{Action, Answer, ApiCall, Effect};
use crate::console::fixtures::{answer, api_call, desk, desk_state, offers, page, type_text};
use crate::console::screens::{Overlay, Tab};
use crate::console::state::{NoticeKind, State};
use crate::console::update::update;

fn titles(state: &State) -> Vec<String> {
    desk(state)
        .offers
        .visible()
        .iter()
        .map(|o| o.title.clone())
        .collect()
}

fn selected_title(state: &State) -> String {
    desk(state)
        .offers
        .selected_offer()
        .map(|o| o.title.clone())
        .unwrap_or_default()
}

#[test]
fn j_and_k_move_the_selection_within_the_page() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::Up);
    assert_eq!(desk(&state).offers.selected, 0, "stops at the top");
    for _ in 0..10 {
        update(&mut state, Action::Down);
    }
    assert_eq!(desk(&state).offers.selected, 4, "stops at the bottom");
    assert_eq!(selected_title(&state), "Coffret de vis (600 pièces)");
}

#[test]
fn search_filters_the_page_by_title_or_gtin_and_esc_clears_it() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::Search);
    type_text(&mut state, "SCIE");
    assert_eq!(titles(&state), ["Scie sauteuse PST 650"]);
    update(&mut state, Action::Submit);
    assert!(
        !desk(&state).offers.searching,
        "Enter keeps the filter, stops typing"
    );
    assert_eq!(desk(&state).offers.filter, "SCIE");
    update(&mut state, Action::Search);
    update(&mut state, Action::ClearField);
    type_text(&mut state, "4006381333931");
    assert_eq!(titles(&state), ["Perceuse à percussion PSB 500"]);
    update(&mut state, Action::Cancel);
    assert_eq!(titles(&state).len(), 5);
}

#[test]
fn s_cycles_the_sort_order() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::CycleSort);
    assert_eq!(desk(&state).offers.sort, Sort::Title);
    assert_eq!(titles(&state)[0], "Coffret de vis (600 pièces)");
    update(&mut state, Action::CycleSort);
    assert_eq!(desk(&state).offers.sort, Sort::Price);
    assert_eq!(titles(&state)[0], "Coffret de vis (600 pièces)");
    assert_eq!(titles(&state)[4], "Niveau laser");
    update(&mut state, Action::CycleSort);
    assert_eq!(
        titles(&state)[..2],
        ["Scie sauteuse PST 650", "Niveau laser"],
        "no stock first"
    );
    update(&mut state, Action::CycleSort);
    assert_eq!(desk(&state).offers.sort, Sort::Listed);
}

#[test]
fn page_keys_load_the_neighbouring_pages_only() {
    let mut state = desk_state(Tab::Offers);
    assert_eq!(update(&mut state, Action::PageDown), None, "one page only");
    let mut big = page(offers());
    big.total = 45;
    let Some(Effect::Api { request, .. }) = update(&mut state, Action::Refresh) else {
        panic!("r reloads the page");
    };
    answer(&mut state, request, Answer::Offers(Ok(big)));
    let (request, call) = api_call(update(&mut state, Action::PageDown));
    assert_eq!(
        call,
        ApiCall::ListOffers {
            page: 2,
            per_page: PER_PAGE
        }
    );
    assert_eq!(
        update(&mut state, Action::PageDown),
        None,
        "one load at a time"
    );
    // A late answer to the old request is ignored; the awaited one is shown.
    answer(
        &mut state,
        request - 1,
        Answer::Offers(Ok(page(Vec::new()))),
    );
    assert_eq!(desk(&state).offers.list.pending, Some(request));
    answer(&mut state, request, Answer::Offers(Ok(page(offers()))));
    assert_eq!(desk(&state).offers.page, 2);
    let (_, call) = api_call(update(&mut state, Action::PageUp));
    assert_eq!(
        call,
        ApiCall::ListOffers {
            page: 1,
            per_page: PER_PAGE
        }
    );
}

#[test]
fn p_flips_active_and_inactive_and_refuses_taken_down_offers() {
    let mut state = desk_state(Tab::Offers);
    let (request, call) = api_call(update(&mut state, Action::TogglePublish));
    let ApiCall::UpdateOffer { body, .. } = call else {
        panic!("expected a PATCH");
    };
    assert_eq!(body.status.as_deref(), Some("inactive"));
    assert_eq!(body.price_cents, 10_490, "the rest is sent unchanged");
    let mut unpublished = offers().remove(0);
    unpublished.status = "inactive".into();
    answer(&mut state, request, Answer::OfferSaved(Ok(unpublished)));
    assert_eq!(desk(&state).offers.visible()[0].status, "inactive");

    update(&mut state, Action::Down);
    let (_, call) = api_call(update(&mut state, Action::TogglePublish));
    assert!(
        matches!(call, ApiCall::UpdateOffer { body, .. } if body.status.as_deref() == Some("active"))
    );
    for _ in 0..2 {
        update(&mut state, Action::Down);
    }
    assert_eq!(update(&mut state, Action::TogglePublish), None);
    assert_eq!(
        state.notice.as_ref().map(|n| n.kind),
        Some(NoticeKind::Error)
    );
}

#[test]
fn d_asks_first_and_only_y_deletes() {
    let mut state = desk_state(Tab::Offers);
    update(&mut state, Action::Delete);
    assert!(matches!(desk(&state).overlay, Some(Overlay::Confirm(_))));
    assert_eq!(
        update(&mut state, Action::Down),
        None,
        "the dialog holds the keys"
    );
    assert_eq!(update(&mut state, Action::Confirm(false)), None);
    assert_eq!(desk(&state).overlay, None);

    update(&mut state, Action::Delete);
    let (request, call) = api_call(update(&mut state, Action::Confirm(true)));
    assert_eq!(call, ApiCall::DeleteOffer { id: "o1".into() });
    let deleted = Answer::OfferDeleted {
        id: "o1".into(),
        result: Ok(()),
    };
    answer(&mut state, request, deleted);
    assert_eq!(titles(&state).len(), 4);
    assert_eq!(desk(&state).offers.total(), Some(4));
    assert_eq!(
        state.notice.as_ref().map(|n| n.text.as_str()),
        Some("Deleted “Perceuse à percussion PSB 500”.")
    );
}
