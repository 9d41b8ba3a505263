//! Analytics: a shop's staff read its dashboard (`GET /seller/dashboard`); operators read
//! the platform's figures (`GET /operator/kpis?days=`). Also who an API caller is for
//! the funnel ([`AnonymousVisitor`], [`visitor`]).
//!
//! Both reads flush this process's buffered events first, so what a caller just did is
//! counted; events of other processes arrive within their sink's flush period.

use std::convert::Infallible;

use api_types::analytics::{
    Channel, ChannelFunnel, DailyRevenue, Funnel, PickupsWaiting, PlatformKpis, SellerDashboard,
    ShopQuality, StateCount,
};
use axum::Json;
use axum::extract::{FromRef, FromRequestParts, Query, State};
use axum::http::header;
use axum::http::request::Parts;
use serde::Deserialize;
use services::analytics::funnel::{self, FunnelCounts};
use services::analytics::period::{DayTotal, parse_days};
use services::analytics::{CURRENCY, Visitor, dashboard, kpis, quality};

use utoipa_axum::routes;

use super::openapi::{ApiRoutes, Invalid, StaffOnly, tag};
use super::operating::Operator;
use super::selling::ShopStaff;
use crate::http::auth::client_address;
use crate::http::cookies;
use crate::http::error::ApiError;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .routes(routes!(find_seller_dashboard))
        .routes(routes!(find_platform_kpis))
}

/// Who an API caller is when not signed in: the storefront's anonymous cookie when a
/// browser sends it (so its page views and API calls are one visitor), else its address
/// and user agent. Never fails, never reads the database.
pub struct AnonymousVisitor(pub Visitor);

impl<S> FromRequestParts<S> for AnonymousVisitor
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if let Some(token) = cookies::read(&parts.headers, cookies::CSRF) {
            return Ok(AnonymousVisitor(Visitor::anonymous(&token)));
        }
        let state = AppState::from_ref(state);
        let address = client_address(parts, state.settings.trust_proxy);
        let agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default();
        Ok(AnonymousVisitor(Visitor::anonymous(&format!(
            "{address}|{agent}"
        ))))
    }
}

/// The signed-in account, else the anonymous visitor.
pub fn visitor(user_id: Option<&str>, anonymous: AnonymousVisitor) -> Visitor {
    match user_id {
        Some(user_id) => Visitor::account(user_id),
        None => anonymous.0,
    }
}

/// My shop's dashboard
///
/// Today's takings, open orders, waiting pickups, low stock, 30 days of revenue and the
/// shopping funnel, per channel.
#[utoipa::path(
    get,
    path = "/seller/dashboard",
    tag = tag::ANALYTICS,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The dashboard.", body = SellerDashboard),
        StaffOnly,
    ),
)]
async fn find_seller_dashboard(
    State(state): State<AppState>,
    staff: ShopStaff,
) -> Result<Json<SellerDashboard>, ApiError> {
    state.analytics.flush().await;
    let figures = dashboard::shop_dashboard(&state.db, &staff.shop_id, services::now()).await?;
    let (funnel, by_channel) = funnels_of(&figures.funnel);
    Ok(Json(SellerDashboard {
        currency: CURRENCY.to_owned(),
        today: daily_revenue_of(&figures.today),
        open_orders: figures
            .open_orders
            .into_iter()
            .map(|row| StateCount {
                status: row.status,
                fulfilment: row.fulfilment,
                count: count(row.count),
            })
            .collect(),
        pickups_waiting: PickupsWaiting {
            count: count(figures.pickups_waiting.count),
            oldest_wait_minutes: figures.pickups_waiting.oldest_wait_minutes,
            average_wait_minutes: figures.pickups_waiting.average_wait_minutes,
        },
        low_stock: figures.low_stock,
        revenue_30d: figures.revenue_30d.iter().map(daily_revenue_of).collect(),
        funnel,
        by_channel,
        average_minutes_to_ready: figures.average_minutes_to_ready,
    }))
}

/// `?days=` as text, so that a bad value is a 422 naming `days` rather than a rejection.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct KpiParams {
    /// The period: the last `days` days, 1 to 365, 30 by default.
    #[param(value_type = Option<u32>, minimum = 1, maximum = 365)]
    days: Option<String>,
}

/// The platform's figures
///
/// GMV, orders, active shops, the funnel per channel and every shop's quality figures
/// over the period.
#[utoipa::path(
    get,
    path = "/operator/kpis",
    tag = tag::ANALYTICS,
    security(("bearer" = []), ("session" = [])),
    params(KpiParams),
    responses(
        (status = 200, description = "The figures.", body = PlatformKpis),
        StaffOnly,
        Invalid,
    ),
)]
async fn find_platform_kpis(
    State(state): State<AppState>,
    _operator: Operator,
    Query(params): Query<KpiParams>,
) -> Result<Json<PlatformKpis>, ApiError> {
    let days = parse_days(params.days.as_deref())?;
    state.analytics.flush().await;
    let figures = kpis::platform_figures(&state.db, days, services::now()).await?;
    let (funnel, by_channel) = funnels_of(&figures.funnel);
    Ok(Json(PlatformKpis {
        currency: CURRENCY.to_owned(),
        period_days: figures.period_days,
        gmv_cents: figures.gmv_cents,
        orders: figures.orders,
        active_shops: figures.active_shops,
        approved_shops: figures.approved_shops,
        gmv_daily: figures.gmv_daily.iter().map(daily_revenue_of).collect(),
        funnel,
        by_channel,
        shops: figures.shops.iter().map(shop_quality_of).collect(),
    }))
}

fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

fn daily_revenue_of(day: &DayTotal) -> DailyRevenue {
    DailyRevenue {
        date: day.date.format("%Y-%m-%d").to_string(),
        orders: day.orders,
        revenue_cents: day.revenue_cents,
    }
}

fn funnel_of(counts: &FunnelCounts) -> Funnel {
    Funnel {
        visitors: counts.visitors,
        added_to_cart: counts.added_to_cart,
        checkouts_started: counts.checkouts_started,
        buyers: counts.buyers,
        conversion_rate_bps: counts.conversion_rate_bps(),
        cart_abandonment_rate_bps: counts.cart_abandonment_rate_bps(),
    }
}

/// The funnel of every channel, and one per channel in the order web, api, store.
fn funnels_of(funnel: &funnel::Funnel) -> (Funnel, Vec<ChannelFunnel>) {
    let by_channel = funnel
        .by_channel
        .iter()
        .filter_map(|one| {
            let channel = Channel::ALL
                .into_iter()
                .find(|channel| channel.as_str() == one.channel)?;
            Some(ChannelFunnel {
                channel,
                funnel: funnel_of(&one.counts),
            })
        })
        .collect();
    (funnel_of(&funnel.all), by_channel)
}

fn shop_quality_of(shop: &quality::ShopQuality) -> ShopQuality {
    ShopQuality {
        shop_id: shop.shop_id.clone(),
        shop_name: shop.shop_name.clone(),
        orders: shop.orders,
        gmv_cents: shop.gmv_cents,
        late_shipments: shop.late_shipments,
        late_shipment_rate_bps: shop.late_shipment_rate_bps(),
        slow_pickups: shop.slow_pickups,
        slow_pickup_rate_bps: shop.slow_pickup_rate_bps(),
        average_minutes_to_ready: shop.average_minutes_to_ready,
        disputes: shop.disputes,
    }
}
