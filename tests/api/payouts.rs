//! Payouts (issue 7): a shop's staff read what it earned from the ledger — pending inside
//! the return window, payable after it, paid once an operator pays it out — and an
//! operator's payout moves the whole payable balance once.

use api_types::ListResponse;
use api_types::buying::OrderResponse;
use api_types::operating::{AuditEntry, PayoutResponse};
use api_types::selling::SellerPayouts;
use serde_json::json;
use tests::{logged_in, spawn_app};

use crate::market::{
    add_to_cart, assert_invariants, delivered, end_return_window, hand_over, market, run_jobs,
};
use crate::operating::operator;

#[tokio::test]
async fn earnings_move_from_pending_to_payable_to_paid() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "payout@shoppers.test").await;
    add_to_cart(&shopper, &m.offer_a, 2).await;
    let order: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("paid");
    let part = order.order.seller_orders[0].id.clone();
    hand_over(&m.shop_a.staff, &part).await;

    let earned: SellerPayouts = m
        .shop_a
        .staff
        .get("/seller/payouts")
        .await
        .expect("payouts");
    assert_eq!(
        (
            earned.pending_cents,
            earned.payable_cents,
            earned.paid_cents
        ),
        (2112, 0, 0),
        "24.00 € less 12 % commission, inside the return window"
    );
    let kinds: Vec<&str> = earned.entries.iter().map(|e| e.kind.as_str()).collect();
    assert!(
        kinds.contains(&"earning") && kinds.contains(&"commission"),
        "{kinds:?}"
    );
    assert!(
        earned
            .entries
            .iter()
            .all(|entry| entry.order_number.as_deref() == Some(order.order.number.as_str())),
        "every line names its order"
    );

    end_return_window(&app, &part).await;
    run_jobs(&app).await;
    let released: SellerPayouts = m
        .shop_a
        .staff
        .get("/seller/payouts")
        .await
        .expect("payouts");
    assert_eq!((released.pending_cents, released.payable_cents), (0, 2112));

    let ops = operator(&app).await;
    let paid: PayoutResponse = ops
        .post(
            &format!("/operator/payouts/{}", m.shop_a.id),
            &json!({"reason": "virement hebdomadaire"}),
        )
        .await
        .expect("paid out");
    assert_eq!(paid.amount_cents, 2112);
    let after: SellerPayouts = m
        .shop_a
        .staff
        .get("/seller/payouts")
        .await
        .expect("payouts");
    assert_eq!(
        (after.pending_cents, after.payable_cents, after.paid_cents),
        (0, 0, 2112)
    );
    assert_eq!(after.payouts.len(), 1);
    assert_eq!(after.payouts[0].amount_cents, 2112);

    let again = ops
        .post::<_, PayoutResponse>(&format!("/operator/payouts/{}", m.shop_a.id), &json!({}))
        .await
        .expect_err("nothing left");
    assert_eq!(
        (again.status(), again.code()),
        (Some(409), Some("nothing_payable"))
    );
    let audit: ListResponse<AuditEntry> = ops
        .get("/operator/audit?action=shop.payout")
        .await
        .expect("audit");
    assert_eq!(audit.items.len(), 1);
    assert_eq!(audit.items[0].reason, "virement hebdomadaire");
    let b: SellerPayouts = m
        .shop_b
        .staff
        .get("/seller/payouts")
        .await
        .expect("payouts");
    assert_eq!(
        (b.pending_cents, b.payable_cents, b.paid_cents),
        (0, 0, 0),
        "another shop sees only its own"
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn only_operators_pay_out_and_only_staff_read_payouts() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let shopper = logged_in(&app, "curious@shoppers.test").await;
    let path = format!("/operator/payouts/{}", m.shop_a.id);
    let as_shopper = shopper
        .post::<_, PayoutResponse>(&path, &json!({}))
        .await
        .expect_err("a shopper");
    assert_eq!(as_shopper.status(), Some(403));
    let as_seller = m
        .shop_a
        .staff
        .post::<_, PayoutResponse>(&path, &json!({}))
        .await
        .expect_err("its own seller");
    assert_eq!(as_seller.status(), Some(403));
    let anonymous = app
        .client()
        .get::<SellerPayouts>("/seller/payouts")
        .await
        .expect_err("anonymous");
    assert_eq!(anonymous.status(), Some(401));
    let not_staff = shopper
        .get::<SellerPayouts>("/seller/payouts")
        .await
        .expect_err("a shopper has no shop");
    assert_eq!(not_staff.status(), Some(403));
    let ops = operator(&app).await;
    let unknown = ops
        .post::<_, PayoutResponse>(
            &format!("/operator/payouts/{}", services::new_id()),
            &json!({}),
        )
        .await
        .expect_err("no such shop");
    assert_eq!(unknown.status(), Some(404));
    assert_invariants(&app).await;
}
