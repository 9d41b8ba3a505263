//! Typed calls of the operator API (`/operator/…`).

use api_types::ListResponse;
use api_types::operating::{
    AuditEntry, AuditQuery, Campaign, CampaignRequest, CampaignResponse, Dispute,
    DisputeDecisionRequest, DisputeResponse, ModeratedOfferResponse, OperatorShop,
    OperatorShopResponse, PayoutResponse, PlatformSettings, ReasonRequest, ReportCase,
    SettingsResponse,
};

use super::{ApiClient, ApiError, Method};

/// Puts `key=value` pairs with a value into a query string (`""` when none).
pub(super) fn query(pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(key, value)| {
            value
                .as_ref()
                .filter(|v| !v.is_empty())
                .map(|v| format!("{key}={}", encode(v)))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Percent-encodes what a query value may not hold as is.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl ApiClient {
    /// `GET /operator/shops?status=&page=`: the shop queue.
    pub async fn shop_queue(
        &self,
        status: Option<&str>,
        page: u64,
        per_page: u64,
    ) -> Result<ListResponse<OperatorShop>, ApiError> {
        self.get(&format!(
            "/operator/shops{}",
            query(&[
                ("status", status.map(str::to_owned)),
                ("page", Some(page.to_string())),
                ("per_page", Some(per_page.to_string())),
            ])
        ))
        .await
    }

    /// `POST /operator/shops/{id}/{action}` `{reason}`.
    pub async fn decide_shop(
        &self,
        id: &str,
        action: &str,
        reason: &str,
    ) -> Result<OperatorShop, ApiError> {
        let body = ReasonRequest {
            reason: reason.to_owned(),
        };
        let response: OperatorShopResponse = self
            .post(&format!("/operator/shops/{id}/{action}"), &body)
            .await?;
        Ok(response.shop)
    }

    /// `GET /operator/reports?page=`: offers reported or held for review.
    pub async fn reports(
        &self,
        page: u64,
        per_page: u64,
    ) -> Result<ListResponse<ReportCase>, ApiError> {
        self.get(&format!(
            "/operator/reports?page={page}&per_page={per_page}"
        ))
        .await
    }

    /// `POST /operator/offers/{id}/{takedown|clear}` `{reason}`.
    pub async fn decide_offer(
        &self,
        id: &str,
        action: &str,
        reason: &str,
    ) -> Result<ModeratedOfferResponse, ApiError> {
        let body = ReasonRequest {
            reason: reason.to_owned(),
        };
        self.post(&format!("/operator/offers/{id}/{action}"), &body)
            .await
    }

    /// `GET /operator/settings`.
    pub async fn platform_settings(&self) -> Result<SettingsResponse, ApiError> {
        self.get("/operator/settings").await
    }

    /// `PUT /operator/settings`.
    pub async fn save_settings(
        &self,
        settings: &PlatformSettings,
    ) -> Result<SettingsResponse, ApiError> {
        self.call(Method::PUT, "/operator/settings", settings).await
    }

    /// `GET /operator/audit` with `filter`'s filters and paging.
    pub async fn audit_log(
        &self,
        filter: &AuditQuery,
    ) -> Result<ListResponse<AuditEntry>, ApiError> {
        self.get(&format!(
            "/operator/audit{}",
            query(&[
                ("action", filter.action.clone()),
                ("operator_id", filter.operator_id.clone()),
                ("target_type", filter.target_type.clone()),
                ("target_id", filter.target_id.clone()),
                ("page", filter.page.clone()),
                ("per_page", filter.per_page.clone()),
            ])
        ))
        .await
    }

    /// `GET /operator/campaigns`: every cashback campaign, upcoming, running and ended.
    pub async fn campaigns(&self) -> Result<ListResponse<Campaign>, ApiError> {
        self.get("/operator/campaigns").await
    }

    /// `POST /operator/campaigns` → 201 `{campaign}`; a 422 names the field refused.
    pub async fn create_campaign(&self, request: &CampaignRequest) -> Result<Campaign, ApiError> {
        let response: CampaignResponse = self.post("/operator/campaigns", request).await?;
        response
            .campaign
            .ok_or_else(|| ApiError::Decode("the new campaign is missing".to_owned()))
    }

    /// `POST /operator/campaigns/{id}/end` `{reason}`: the campaign as it ends now, or
    /// `None` when it had not started and is withdrawn.
    pub async fn end_campaign(&self, id: &str, reason: &str) -> Result<Option<Campaign>, ApiError> {
        let body = ReasonRequest {
            reason: reason.to_owned(),
        };
        let response: CampaignResponse = self
            .post(&format!("/operator/campaigns/{id}/end"), &body)
            .await?;
        Ok(response.campaign)
    }

    /// `GET /operator/disputes?status=`: every shop's disputes, newest first; `status` is
    /// `open`, `refunded` or `rejected` (a 422 `status_invalid` otherwise), `None` for all.
    pub async fn operator_disputes(
        &self,
        status: Option<&str>,
    ) -> Result<ListResponse<Dispute>, ApiError> {
        self.get(&format!(
            "/operator/disputes{}",
            query(&[("status", status.map(str::to_owned))])
        ))
        .await
    }

    /// `POST /operator/disputes/{id}/decide` `{decision, amount_cents?, reason}`: the dispute
    /// as decided. A 409 `dispute_decided` when it already was; a 422 names the field refused.
    pub async fn decide_dispute(
        &self,
        id: &str,
        request: &DisputeDecisionRequest,
    ) -> Result<Dispute, ApiError> {
        let response: DisputeResponse = self
            .post(&format!("/operator/disputes/{id}/decide"), request)
            .await?;
        Ok(response.dispute)
    }

    /// `POST /operator/payouts/{shop_id}` `{reason}` → 201: pays the shop its whole payable
    /// balance (the server decides the amount). A 409 `nothing_payable` when there is none,
    /// a 409 `payout_in_progress` while another runs, a 404 for an unknown shop.
    pub async fn pay_out(&self, shop_id: &str, reason: &str) -> Result<PayoutResponse, ApiError> {
        let body = ReasonRequest {
            reason: reason.to_owned(),
        };
        self.post(&format!("/operator/payouts/{shop_id}"), &body)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::query;

    #[test]
    fn queries_keep_only_values_and_encode_them() {
        assert_eq!(query(&[("a", None), ("b", Some(String::new()))]), "");
        assert_eq!(
            query(&[
                ("action", Some("shop.approve".into())),
                ("q", Some("a b&c".into()))
            ]),
            "?action=shop.approve&q=a%20b%26c"
        );
    }
}
