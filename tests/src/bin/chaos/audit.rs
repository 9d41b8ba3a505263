//! The money seen from the provider's side, against the database, once the run has
//! settled: what `halles check` cannot see, because it only reads our own rows.
//!
//! For every payment, what the provider kept (charges that succeeded, less what it
//! refunded of them) must be what our payment row says it kept (captured less refunded
//! to the card): a checkout retried after a kill that charged twice, a capture we never
//! recorded, or a refund the provider made but we lost, all show as a difference. A
//! charge the provider kept for a payment we have no row of is money without an order.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, Statement};
use services::Db;
use tests::fake_stripe::FakeStripe;

#[derive(Debug, Default, Clone)]
pub struct Audit {
    /// Charges the provider made that succeeded.
    pub charges: u64,
    /// Payments whose provider-side and our-side money differ.
    pub money_mismatches: u64,
    /// Money the provider kept for a payment we have no row of.
    pub charges_without_payment: u64,
    /// Payments still `processing` (their outcome not yet learnt) when the run ended.
    pub unsettled: u64,
    /// Charges the server refunded because their order could not take them.
    pub refunded_in_full: u64,
    /// A few examples, for the report.
    pub examples: Vec<String>,
}

impl Audit {
    pub fn violations(&self) -> u64 {
        self.money_mismatches + self.charges_without_payment
    }
}

pub async fn provider_against_database(fake: &FakeStripe, db: &Db) -> anyhow::Result<Audit> {
    let refunded = fake.refunded();
    let mut kept: HashMap<String, i64> = HashMap::new();
    let mut audit = Audit::default();
    for intent in fake.intents() {
        if intent["status"] != "succeeded" {
            continue;
        }
        audit.charges += 1;
        let id = intent["id"].as_str().unwrap_or_default();
        let amount = intent["amount"].as_i64().unwrap_or(0);
        let back = refunded.get(id).copied().unwrap_or(0);
        if back == amount {
            audit.refunded_in_full += 1;
        }
        let payment_id = intent["metadata"]["payment_id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        *kept.entry(payment_id).or_default() += amount - back;
    }
    let rows = db
        .conn()
        .query_all_raw(Statement::from_string(
            db.backend(),
            "SELECT id, status, CAST(captured_cents - refunded_cents AS BIGINT) FROM payments"
                .to_owned(),
        ))
        .await?;
    let mut ours: HashMap<String, (String, i64)> = HashMap::new();
    for row in rows {
        let id: String = row.try_get_by_index(0)?;
        let status: String = row.try_get_by_index(1)?;
        let net: i64 = row.try_get_by_index(2)?;
        ours.insert(id, (status, net));
    }
    audit.unsettled = ours
        .values()
        .filter(|(status, _)| status == "processing")
        .count() as u64;
    for (payment_id, provider_net) in &kept {
        match ours.get(payment_id) {
            None if *provider_net != 0 => {
                audit.charges_without_payment += 1;
                example(
                    &mut audit,
                    format!("provider kept {provider_net} for unknown payment {payment_id}"),
                );
            }
            None => {}
            Some((status, _)) if status == "processing" => {}
            Some((status, our_net)) if our_net != provider_net => {
                audit.money_mismatches += 1;
                example(
                    &mut audit,
                    format!(
                        "payment {payment_id} ({status}): provider kept {provider_net}, we recorded {our_net}"
                    ),
                );
            }
            Some(_) => {}
        }
    }
    // Payments we say kept money the provider never had.
    for (payment_id, (status, our_net)) in &ours {
        if *our_net != 0 && !kept.contains_key(payment_id) {
            audit.money_mismatches += 1;
            example(
                &mut audit,
                format!(
                    "payment {payment_id} ({status}): we recorded {our_net}, the provider has no charge"
                ),
            );
        }
    }
    Ok(audit)
}

fn example(audit: &mut Audit, text: String) {
    if audit.examples.len() < 10 {
        audit.examples.push(text);
    }
}
