//! Running [`Effect`]s: each in its own tokio task, answering through the action channel,
//! so the UI loop never waits on the network or the disk.
//!
//! `csv_job` runs the CSV import and export (files, every page of offers, progress).

mod csv_job;
#[cfg(test)]
mod tests;

use api_types::LoginRequest;
use tokio::sync::mpsc::UnboundedSender;

use super::action::{Action, Answer, ApiCall, Effect};
use crate::client::{ApiClient, OrderQuery};
use crate::token_store::TokenStore;

/// Where background work sends its answers.
pub type ActionSender = UnboundedSender<Action>;

/// Something that runs effects. The console uses [`Io`]; tests use a fake.
pub trait EffectRunner {
    /// Starts `effect`; its answers (if any) go to `actions`. Must not block.
    fn run(&self, effect: Effect, actions: ActionSender);
}

/// The name the console gives the tokens it asks for.
pub const TOKEN_NAME: &str = "Halles console";

/// Runs effects against the real server and the token file.
#[derive(Debug, Clone)]
pub struct Io {
    client: ApiClient,
    store: Option<TokenStore>,
}

impl Io {
    /// Effects against `client`'s server; tokens are saved in `store` when there is one.
    pub fn new(client: ApiClient, store: Option<TokenStore>) -> Self {
        Self { client, store }
    }
}

impl EffectRunner for Io {
    fn run(&self, effect: Effect, actions: ActionSender) {
        if let Effect::Batch(effects) = effect {
            for effect in effects {
                self.run(effect, actions.clone());
            }
            return;
        }
        log_running(&effect);
        let client = self.client.clone();
        let store = self.store.clone();
        tokio::spawn(async move {
            for action in perform(client, store, effect, &actions).await {
                // A closed channel means the console is gone: nobody to tell.
                let _ = actions.send(action);
            }
        });
    }
}

/// Notes at debug level that `effect` starts. The `Debug` of effects (and of the order
/// steps in them) leaves out tokens, passwords and pickup codes, so the log file never
/// holds a secret.
fn log_running(effect: &Effect) {
    tracing::debug!(?effect, "running");
}

async fn perform(
    mut client: ApiClient,
    store: Option<TokenStore>,
    effect: Effect,
    actions: &ActionSender,
) -> Vec<Action> {
    match effect {
        Effect::Login { email, password } => {
            let request = LoginRequest {
                email,
                password,
                token_name: Some(TOKEN_NAME.to_owned()),
            };
            let result = client.login(&request).await;
            let mut answers = Vec::new();
            if let (Ok(response), Some(store)) = (&result, &store)
                && let Err(error) = store.save(client.base_url(), &response.token)
            {
                tracing::warn!(%error, path = %store.path().display(), "could not save the token");
                answers.push(Action::Notify(format!(
                    "Signed in, but the token could not be saved in {}: {error}",
                    store.dir().display()
                )));
            }
            if let Err(error) = &result {
                tracing::info!(%error, "login failed");
            }
            answers.insert(0, Action::LoginFinished(result));
            answers
        }
        Effect::FetchMe {
            request,
            token,
            delay,
        } => {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            let result = client.with_token(token).me().await;
            if let Err(error) = &result {
                tracing::info!(%error, "GET /me failed");
            }
            vec![Action::MeLoaded { request, result }]
        }
        Effect::Logout { token } => {
            forget(&client, store.as_ref());
            client.set_token(Some(token));
            vec![Action::LogoutFinished(client.logout().await)]
        }
        Effect::ForgetToken => {
            forget(&client, store.as_ref());
            Vec::new()
        }
        Effect::Api {
            request,
            token,
            call,
        } => {
            let answer = call_api(&client.with_token(token), *call).await;
            if let Some(error) = answer.error() {
                tracing::info!(%error, answer = answer.name(), "seller API call failed");
            }
            vec![Action::Answer {
                request,
                answer: Box::new(answer),
            }]
        }
        Effect::ImportCsv { job, token, path } => {
            vec![csv_job::import(&client.with_token(token), job, &path, actions).await]
        }
        Effect::ExportCsv { job, token, path } => {
            vec![csv_job::export(&client.with_token(token), job, &path, actions).await]
        }
        Effect::SaveReport { job, path, text } => {
            vec![csv_job::save_report(job, &path, &text).await]
        }
        // Split up by `run`; nothing is left to do here.
        Effect::Batch(_) => Vec::new(),
    }
}

async fn call_api(client: &ApiClient, call: ApiCall) -> Answer {
    match call {
        ApiCall::GetShop => Answer::Shop(client.seller_shop().await),
        ApiCall::CreateShop(body) => Answer::ShopCreated(client.create_shop(&body).await),
        ApiCall::ListOffers { page, per_page } => {
            Answer::Offers(client.seller_offers(page, per_page).await)
        }
        ApiCall::CreateOffer(body) => Answer::OfferSaved(client.create_offer(&body).await),
        ApiCall::UpdateOffer { id, body } => {
            Answer::OfferSaved(client.update_offer(&id, &body).await)
        }
        ApiCall::DeleteOffer { id } => {
            let result = client.delete_offer(&id).await;
            Answer::OfferDeleted { id, result }
        }
        ApiCall::SetStock { offer_id, body } => {
            let result = client.set_stock(&offer_id, &body).await;
            Answer::Stock { offer_id, result }
        }
        ApiCall::TransferStock { offer_id, body } => {
            let result = client.transfer_stock(&offer_id, &body).await;
            Answer::Transferred { offer_id, result }
        }
        ApiCall::StockMovements {
            offer_id,
            location_id,
            page,
            per_page,
        } => Answer::Movements(
            client
                .stock_movements(&offer_id, Some(&location_id), page, per_page)
                .await,
        ),
        ApiCall::LowStock => Answer::LowStock(client.low_stock().await),
        ApiCall::SetLowStockThreshold {
            offer_id,
            threshold,
        } => {
            let result = client.set_low_stock_threshold(&offer_id, threshold).await;
            Answer::ThresholdSaved { offer_id, result }
        }
        ApiCall::ListLocations => Answer::Locations(client.seller_locations().await),
        ApiCall::CreateLocation(body) => Answer::LocationSaved(client.create_location(&body).await),
        ApiCall::UpdateLocation { id, body } => {
            Answer::LocationSaved(client.update_location(&id, &body).await)
        }
        ApiCall::ListCategories => Answer::Categories(client.categories().await),
        ApiCall::ListOrders(query) => Answer::Orders(client.seller_orders(&query).await),
        ApiCall::ShopQueue { status, page } => Answer::ShopQueue(
            client
                .shop_queue(
                    status.as_deref(),
                    page,
                    crate::console::screens::ops::PER_PAGE,
                )
                .await,
        ),
        ApiCall::Decide {
            target,
            id,
            action,
            reason,
        } => Answer::Decided(if target == "shop" {
            client
                .decide_shop(&id, action, &reason)
                .await
                .map(|shop| format!("{:?}", shop.status).to_lowercase())
        } else {
            client
                .decide_offer(&id, action, &reason)
                .await
                .map(|response| response.offer.status)
        }),
        ApiCall::Reports { page } => Answer::Reports(
            client
                .reports(page, crate::console::screens::ops::PER_PAGE)
                .await,
        ),
        ApiCall::GetSettings => Answer::Settings(client.platform_settings().await),
        ApiCall::SaveSettings(body) => Answer::SettingsSaved(client.save_settings(&body).await),
        ApiCall::Audit(query) => Answer::Audit(client.audit_log(&query).await),
        ApiCall::CountOrders { status } => {
            let query = OrderQuery {
                status: Some(status),
                page: 1,
                per_page: 1,
            };
            Answer::OrderCount(client.seller_orders(&query).await.map(|page| page.total))
        }
        ApiCall::Campaigns => Answer::Campaigns(client.campaigns().await),
        ApiCall::ApprovedShops => Answer::ApprovedShops(client.shops(1, 100).await),
        ApiCall::CreateCampaign(body) => {
            Answer::CampaignCreated(client.create_campaign(&body).await)
        }
        ApiCall::EndCampaign { id, reason } => {
            Answer::CampaignEnded(client.end_campaign(&id, &reason).await)
        }
        ApiCall::Disputes { status } => {
            Answer::Disputes(client.operator_disputes(status.as_deref()).await)
        }
        ApiCall::DecideDispute { id, body } => {
            Answer::DisputeDecided(client.decide_dispute(&id, &body).await)
        }
        ApiCall::SellerDisputes { status } => {
            Answer::SellerDisputes(client.seller_disputes(status.as_deref()).await)
        }
        ApiCall::AnswerDispute { id, body } => {
            Answer::DisputeAnswered(client.answer_dispute(&id, &body).await)
        }
        ApiCall::GetCashback => Answer::Cashback(client.seller_cashback().await),
        ApiCall::SetShopBoost(boost_bps) => {
            Answer::BoostSaved(client.set_shop_boost(boost_bps).await)
        }
        ApiCall::SetOfferBoost { id, boost_bps } => {
            Answer::BoostSaved(client.set_offer_boost(&id, boost_bps).await)
        }
        ApiCall::SellerPayouts => Answer::Payouts(client.seller_payouts().await),
        ApiCall::PayOut { shop_id, reason } => {
            Answer::PaidOut(client.pay_out(&shop_id, &reason).await)
        }
        ApiCall::SellerDashboard => Answer::Dashboard(client.seller_dashboard().await),
        ApiCall::PlatformKpis { days } => Answer::Kpis(client.platform_kpis(days).await),
        ApiCall::GetOrder { id } => Answer::Order(client.seller_order(&id).await),
        ApiCall::OrderStep { id, step, key } => {
            let result = client.order_step(&id, &step, &key).await;
            Answer::OrderChanged { id, result }
        }
        ApiCall::TillCart { code } => Answer::TillCart(client.till_cart(&code.0).await),
        ApiCall::TillSale { code, body, key } => {
            Answer::TillSold(client.till_sale(&code.0, &body, &key).await)
        }
    }
}

fn forget(client: &ApiClient, store: Option<&TokenStore>) {
    if let Some(store) = store
        && let Err(error) = store.delete(client.base_url())
    {
        tracing::warn!(%error, path = %store.path().display(), "could not delete the saved token");
    }
}
