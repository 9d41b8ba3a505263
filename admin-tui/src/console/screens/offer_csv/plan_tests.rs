//! What an import sends: listings for new GTIN and condition pairs, updates only where a
//! cell differs, stock set only where it differs (receipt up, adjustment down).

use api_types::selling::StockRequest;

use super::{OfferChange, parse, plan};
use crate::console::fixtures::{locations, offers};

fn steps_of(text: &str) -> (Vec<super::Step>, Vec<String>) {
    let parsed = parse(text, &locations()).expect("reads");
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let (steps, errors) = plan(&parsed.lines, &offers(), "CSV import of offers.csv");
    (steps, errors.iter().map(ToString::to_string).collect())
}

#[test]
fn an_offer_is_found_by_gtin_and_condition_and_changed_where_the_line_differs() {
    let (steps, errors) = steps_of(
        "gtin,condition,price,delivery_days,title,stock:l1,stock:l2\n\
         4006381333931,new,99.00,,Ignored title,12,5\n",
    );
    assert!(errors.is_empty());
    let step = &steps[0];
    let OfferChange::Update { id, request } = &step.offer else {
        panic!("an update, got {:?}", step.offer);
    };
    assert_eq!(id, "o1");
    assert_eq!(request.price_cents, 9_900);
    assert_eq!(
        request.title, "Perceuse à percussion PSB 500",
        "the product's stays"
    );
    assert_eq!(
        request.delivery_days,
        Some(3),
        "an absent cell keeps the value"
    );
    assert_eq!(request.status, None);
    assert_eq!(
        step.stock,
        [(
            "stock:l2".to_owned(),
            StockRequest {
                location_id: "l2".into(),
                quantity: 5,
                reason: Some("receipt".into()),
                note: Some("CSV import of offers.csv".into()),
            }
        )],
        "12 at l1 is already so"
    );
}

#[test]
fn the_same_gtin_in_another_condition_is_a_new_offer_and_needs_title_and_category() {
    let (steps, errors) = steps_of(
        "gtin,condition,price,title,category,status,stock:l1\n\
         4006381333931,good,80,Perceuse,bricolage,inactive,2\n\
         4006381333931,acceptable,60,,,,\n",
    );
    assert_eq!(
        errors,
        [
            "line 3: title: needed to list a new offer",
            "line 3: category: needed to list a new offer (a category slug, e.g. bricolage)",
        ]
    );
    assert_eq!(steps.len(), 1);
    let OfferChange::Create(request) = &steps[0].offer else {
        panic!("a listing");
    };
    assert_eq!(request.condition, "good");
    assert_eq!(request.delivery_days, None, "the server's default");
    assert_eq!(steps[0].then_status.as_deref(), Some("inactive"));
    assert_eq!(steps[0].stock[0].1.reason.as_deref(), Some("receipt"));
}

#[test]
fn a_line_as_the_offer_is_kept_and_a_lower_level_is_an_adjustment() {
    let (steps, _) = steps_of(
        "gtin,condition,price,status,stock:l1,stock:l3\n\
         04006381333931,new,104.90,active,10,\n",
    );
    assert_eq!(steps[0].offer, OfferChange::Keep { id: "o1".into() });
    assert_eq!(steps[0].stock.len(), 1);
    assert_eq!(steps[0].stock[0].1.quantity, 10);
    assert_eq!(steps[0].stock[0].1.reason.as_deref(), Some("adjustment"));
}

#[test]
fn a_status_or_description_change_is_an_update() {
    let (steps, _) = steps_of(
        "gtin,condition,price,status,description\n\
         04006381333931,new,104.90,inactive,\n\
         4006381332021,like_new,59.90,,Lame offerte\n",
    );
    let OfferChange::Update { request, .. } = &steps[0].offer else {
        panic!("unpublishing is an update");
    };
    assert_eq!(request.status.as_deref(), Some("inactive"));
    let OfferChange::Update { id, request } = &steps[1].offer else {
        panic!("a new description is an update");
    };
    assert_eq!(id, "o2");
    assert_eq!(request.description, "Lame offerte");
    assert_eq!(request.status, None, "an empty status leaves it");
}
