//! The list envelope: `{"items": [...], "total": N, "page": P, "per_page": K}`.

use serde::{Deserialize, Serialize};

/// One page of a collection. `page` counts from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListResponse<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}
