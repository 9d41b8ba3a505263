//! Product images: sellers upload one for a product they offer; anyone reads it at
//! `/images/products/{id}`, or a generated placeholder when there is none.

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use services::catalog::selling;
use services::media::{
    ImageType, MAX_IMAGE_BYTES, check_image, placeholder_svg, product_image_key,
};

use serde::Serialize;
use utoipa_axum::routes;

use super::openapi::{ApiRoutes, NotFound, StaffOnly, tag};
use super::selling::ShopStaff;
use api_types::ErrorBody;

use crate::http::error::ApiError;
use crate::http::route_table::RouteTable;
use crate::state::AppState;

/// `PUT /api/v1/seller/offers/{id}/image`.
pub fn api_router() -> ApiRoutes {
    ApiRoutes::new().routes(routes!(upload_image))
}

/// Where an uploaded image is served.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ImageResponse {
    /// `/images/products/{product_id}`.
    pub image_url: String,
}

/// `GET /images/products/{id}`.
pub fn public_routes() -> RouteTable {
    RouteTable::new().get("/images/products/{id}", product_image)
}

/// Upload an offer's product image
///
/// The raw bytes of a JPEG, PNG or WebP image, 4 MiB at most, as the body. It becomes the
/// image of the offer's product, served at `/images/products/{product_id}`.
#[utoipa::path(
    put,
    path = "/seller/offers/{id}/image",
    tag = tag::SELLER_SHOP,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "The offer's id.")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The image file."),
    responses(
        (status = 200, description = "Where the image is served.", body = ImageResponse),
        (status = 400, description = "The body could not be read (`unreadable_body`).", body = ErrorBody),
        (status = 413, description = "Over 4 MiB (`image_too_large`).", body = ErrorBody),
        (status = 415, description = "Not an image type we take (`image_type_unsupported`).", body = ErrorBody),
        (status = 422, description = "Not a readable image.", body = ErrorBody),
        StaffOnly,
        NotFound,
    ),
)]
async fn upload_image(
    State(state): State<AppState>,
    staff: ShopStaff,
    Path(offer_id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<ImageResponse>, ApiError> {
    // What can be refused on the request's head is refused before its body is read.
    if !declares_an_image(&headers) {
        return Err(unsupported_image_type());
    }
    let offer = selling::find_offer(&state.db, &staff.shop_id, &offer_id).await?;
    let bytes = axum::body::to_bytes(body, MAX_IMAGE_BYTES)
        .await
        .map_err(|error| {
            let too_large = error
                .into_inner()
                .downcast_ref::<http_body_util::LengthLimitError>()
                .is_some();
            if too_large {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "image_too_large",
                    "An image has 4 MiB at most.",
                )
                .with_field("image")
            } else {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "unreadable_body",
                    "The image could not be read.",
                )
            }
        })?;
    if let Err(err) = check_image(&bytes) {
        let error = ApiError::from(err);
        return Err(if error.code == "image_type_unsupported" {
            unsupported_image_type()
        } else {
            error
        });
    }
    state
        .images
        .put(&product_image_key(&offer.product.id), bytes.to_vec())
        .await?;
    Ok(Json(ImageResponse {
        image_url: format!("/images/products/{}", offer.product.id),
    }))
}

/// Whether the declared `Content-Type`, if any, could be an image we take: none, a
/// generic `application/octet-stream` or an `image/*` type (the bytes are sniffed anyway).
fn declares_an_image(headers: &HeaderMap) -> bool {
    let Some(declared) = headers.get(header::CONTENT_TYPE) else {
        return true;
    };
    let essence = declared
        .to_str()
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/octet-stream" || essence.starts_with("image/")
}

fn unsupported_image_type() -> ApiError {
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "image_type_unsupported",
        "Send a JPEG, PNG or WebP image.",
    )
    .with_field("image")
}

async fn product_image(
    State(state): State<AppState>,
    Path(product_id): Path<String>,
) -> Result<Response, ApiError> {
    let valid_id = !product_id.is_empty()
        && product_id.len() <= 36
        && product_id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b'-');
    if !valid_id {
        return Err(ApiError::not_found());
    }
    let stored = state.images.get(&product_image_key(&product_id)).await?;
    let (content_type, body, cache) = match stored
        .as_deref()
        .and_then(|bytes| ImageType::sniff(bytes).map(|kind| (kind, bytes)))
    {
        Some((kind, bytes)) => (kind.content_type(), bytes.to_vec(), "public, max-age=300"),
        None => (
            "image/svg+xml",
            placeholder_svg(&product_id).into_bytes(),
            "public, max-age=3600",
        ),
    };
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
        (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
        ),
    ];
    Ok((headers, body).into_response())
}
