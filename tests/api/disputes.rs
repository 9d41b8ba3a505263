//! Disputes (issue 8): a shopper contests a seller order, its seller answers, an operator
//! refunds (taken back from what the seller is owed) or rejects, with a reason both sides
//! read and an audit row; each side reaches only its own disputes.

use admin_tui::client::ApiClient;
use api_types::ListResponse;
use api_types::buying::{Notification, OrderResponse, Wallet};
use api_types::operating::{AuditEntry, Dispute, DisputeResponse};
use serde_json::json;
use tests::{TestApp, logged_in, spawn_app};

use crate::market::{Market, add_to_cart, assert_invariants, delivered, market, seller_step};
use crate::operating::operator;

/// A paid order of 2 × A's lamp (24.00 €), shipped: the shopper, the order and A's part.
async fn shipped_order(app: &TestApp, m: &Market, email: &str) -> (ApiClient, String, String) {
    let shopper = logged_in(app, email).await;
    add_to_cart(&shopper, &m.offer_a, 2).await;
    let order: OrderResponse = shopper
        .post("/checkout", &delivered(&[&m.shop_a.id], "pm_card_visa"))
        .await
        .expect("paid");
    let part = order.order.seller_orders[0].id.clone();
    seller_step(&m.shop_a.staff, &part, "accept", json!({}))
        .await
        .expect("accepted");
    seller_step(
        &m.shop_a.staff,
        &part,
        "ship",
        json!({"carrier": "Colissimo", "tracking": "6A1"}),
    )
    .await
    .expect("shipped");
    (shopper, order.order.id, part)
}

async fn open(
    shopper: &ApiClient,
    order_id: &str,
    part: &str,
    kind: &str,
    message: &str,
) -> Result<Dispute, admin_tui::client::ApiError> {
    shopper
        .post::<_, DisputeResponse>(
            &format!("/orders/{order_id}/seller-orders/{part}/disputes"),
            &json!({"kind": kind, "message": message}),
        )
        .await
        .map(|answer| answer.dispute)
}

async fn decide(
    ops: &ApiClient,
    id: &str,
    body: serde_json::Value,
) -> Result<Dispute, admin_tui::client::ApiError> {
    ops.post::<_, DisputeResponse>(&format!("/operator/disputes/{id}/decide"), &body)
        .await
        .map(|answer| answer.dispute)
}

async fn kinds_of_messages(client: &ApiClient) -> Vec<String> {
    client
        .get::<ListResponse<Notification>>("/notifications")
        .await
        .expect("messages")
        .items
        .into_iter()
        .map(|message| message.kind)
        .collect()
}

#[tokio::test]
async fn a_dispute_is_answered_by_the_seller_and_refunded_in_part_by_an_operator() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (shopper, order_id, part) = shipped_order(&app, &m, "litige@shoppers.test").await;
    let earned: Wallet = shopper.get("/wallet").await.expect("wallet");
    assert_eq!(earned.pending_cents, 72, "3 % of 24.00 €");

    let dispute = open(
        &shopper,
        &order_id,
        &part,
        "not_received",
        "Colis jamais arrivé",
    )
    .await
    .expect("opened");
    assert_eq!(
        (dispute.status.as_str(), dispute.kind.as_str()),
        ("open", "not_received")
    );
    assert_eq!(dispute.shop_name, "Boutique atelier-a");

    let theirs: ListResponse<Dispute> = m
        .shop_a
        .staff
        .get("/seller/disputes?status=open")
        .await
        .expect("the seller's disputes");
    assert_eq!(theirs.items.len(), 1);
    assert_eq!(theirs.items[0].message, "Colis jamais arrivé");
    assert!(
        kinds_of_messages(&m.shop_a.staff)
            .await
            .contains(&"dispute_opened".to_owned())
    );
    let answered: DisputeResponse = m
        .shop_a
        .staff
        .post(
            &format!("/seller/disputes/{}/answer", dispute.id),
            &json!({"message": "Remis au transporteur le 3, suivi 6A1"}),
        )
        .await
        .expect("answered");
    assert!(answered.dispute.answered_at.is_some());

    let ops = operator(&app).await;
    let queue: ListResponse<Dispute> = ops
        .get("/operator/disputes?status=open")
        .await
        .expect("queue");
    assert_eq!(queue.items.len(), 1);
    assert_eq!(
        queue.items[0].seller_answer.as_deref(),
        Some("Remis au transporteur le 3, suivi 6A1")
    );
    let decided = decide(
        &ops,
        &dispute.id,
        json!({"decision": "refund", "amount_cents": 1200, "reason": "Un des deux colis perdu"}),
    )
    .await
    .expect("refunded");
    assert_eq!(
        (
            decided.status.as_str(),
            decided.refund_cents,
            decided.part_refunded_cents
        ),
        ("refunded", Some(1200), 1200)
    );
    assert_eq!(
        decided.decision_reason.as_deref(),
        Some("Un des deux colis perdu")
    );
    let after: Wallet = shopper.get("/wallet").await.expect("wallet");
    assert_eq!(
        after.pending_cents, 36,
        "half the cashback goes with half the money"
    );
    assert!(
        kinds_of_messages(&shopper)
            .await
            .contains(&"dispute_decided".to_owned())
    );
    assert!(
        kinds_of_messages(&m.shop_a.staff)
            .await
            .contains(&"dispute_decided".to_owned())
    );
    let audit: ListResponse<AuditEntry> = ops
        .get("/operator/audit?action=dispute.refund")
        .await
        .expect("audit");
    assert_eq!(audit.items.len(), 1);
    assert_eq!(audit.items[0].reason, "Un des deux colis perdu");

    let again = decide(
        &ops,
        &dispute.id,
        json!({"decision": "reject", "reason": "non"}),
    )
    .await
    .expect_err("decided once");
    assert_eq!(
        (again.status(), again.code()),
        (Some(409), Some("dispute_decided"))
    );
    assert_invariants(&app).await;
}

#[tokio::test]
async fn a_rejected_dispute_refunds_nothing_and_both_sides_are_told() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (shopper, order_id, part) = shipped_order(&app, &m, "rejet@shoppers.test").await;
    let dispute = open(
        &shopper,
        &order_id,
        &part,
        "not_as_described",
        "Couleur différente",
    )
    .await
    .expect("opened");
    let ops = operator(&app).await;
    let decided = decide(
        &ops,
        &dispute.id,
        json!({"decision": "reject", "reason": "Conforme aux photos"}),
    )
    .await
    .expect("rejected");
    assert_eq!(
        (decided.status.as_str(), decided.refund_cents),
        ("rejected", None)
    );
    assert_eq!(decided.part_refunded_cents, 0);
    let mine: ListResponse<Dispute> = shopper.get("/disputes").await.expect("mine");
    assert_eq!(mine.items[0].status, "rejected");
    assert!(
        kinds_of_messages(&shopper)
            .await
            .contains(&"dispute_decided".to_owned())
    );
    // Decided, so a new one may be opened.
    open(&shopper, &order_id, &part, "not_received", "Toujours rien")
        .await
        .expect("a new dispute");
    assert_invariants(&app).await;
}

#[tokio::test]
async fn disputes_are_refused_with_reasons_and_stay_with_their_owners() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (shopper, order_id, part) = shipped_order(&app, &m, "owner@shoppers.test").await;
    let refused = |err: admin_tui::client::ApiError| {
        (
            err.status(),
            err.code().map(str::to_owned),
            err.field().map(str::to_owned),
        )
    };

    let err = open(&shopper, &order_id, &part, "changed_my_mind", "x")
        .await
        .expect_err("unknown kind");
    assert_eq!(
        refused(err),
        (Some(422), Some("kind_invalid".into()), Some("kind".into()))
    );
    let err = open(&shopper, &order_id, &part, "not_received", "  ")
        .await
        .expect_err("no message");
    assert_eq!(
        refused(err),
        (
            Some(422),
            Some("field_invalid".into()),
            Some("message".into())
        )
    );
    let other = logged_in(&app, "other@shoppers.test").await;
    let err = open(&other, &order_id, &part, "not_received", "pas à moi")
        .await
        .expect_err("someone else's order");
    assert_eq!(err.status(), Some(404));

    let dispute = open(&shopper, &order_id, &part, "not_received", "Rien reçu")
        .await
        .expect("opened");
    let err = open(&shopper, &order_id, &part, "not_received", "encore")
        .await
        .expect_err("one open at a time");
    assert_eq!(refused(err).1.as_deref(), Some("dispute_open"));

    let err = m
        .shop_b
        .staff
        .post::<_, DisputeResponse>(
            &format!("/seller/disputes/{}/answer", dispute.id),
            &json!({"message": "pas ma boutique"}),
        )
        .await
        .expect_err("another shop's dispute");
    assert_eq!(err.status(), Some(404));
    let theirs: ListResponse<Dispute> = m.shop_b.staff.get("/seller/disputes").await.expect("list");
    assert!(theirs.items.is_empty());
    let others: ListResponse<Dispute> = other.get("/disputes").await.expect("list");
    assert!(others.items.is_empty());

    let ops = operator(&app).await;
    let err = decide(
        &ops,
        &dispute.id,
        json!({"decision": "refund", "amount_cents": 2401, "reason": "x"}),
    )
    .await
    .expect_err("more than was paid");
    assert_eq!(refused(err).2.as_deref(), Some("amount_cents"));
    let err = decide(
        &ops,
        &dispute.id,
        json!({"decision": "maybe", "reason": "x"}),
    )
    .await
    .expect_err("no such decision");
    assert_eq!(refused(err).2.as_deref(), Some("decision"));
    let err = decide(
        &ops,
        &dispute.id,
        json!({"decision": "reject", "reason": ""}),
    )
    .await
    .expect_err("a reason is owed");
    assert_eq!(refused(err).2.as_deref(), Some("reason"));
    let still: ListResponse<Dispute> = ops
        .get("/operator/disputes?status=open")
        .await
        .expect("queue");
    assert_eq!(still.items.len(), 1, "nothing decided by the refusals");
    assert_invariants(&app).await;
}

#[tokio::test]
async fn two_operators_deciding_at_once_refund_once() {
    let app = spawn_app().await;
    let m = market(&app, 5).await;
    let (shopper, order_id, part) = shipped_order(&app, &m, "race@shoppers.test").await;
    let dispute = open(&shopper, &order_id, &part, "not_received", "Rien")
        .await
        .expect("opened");
    let ops = operator(&app).await;
    let body = json!({"decision": "refund", "reason": "Perdu"});
    let (a, b, c) = tokio::join!(
        decide(&ops, &dispute.id, body.clone()),
        decide(&ops, &dispute.id, body.clone()),
        decide(&ops, &dispute.id, body.clone()),
    );
    let won = [&a, &b, &c].iter().filter(|result| result.is_ok()).count();
    assert_eq!(won, 1, "{a:?} {b:?} {c:?}");
    let order: OrderResponse = shopper
        .get(&format!("/orders/{order_id}"))
        .await
        .expect("order");
    assert_eq!(order.order.payment.refunded_cents, 2400, "refunded once");
    assert_invariants(&app).await;
}
