//! Service views → API types, for the JSON API and the server functions alike, and the
//! parsing of catalog query parameters. Server-only: it knows `services`.

pub mod buying;

use api_types::catalog::{
    BestOffer, Category, Delivery, FacetCount, Facets, NearestPickup, PickupStore, PriceBand,
    ProductCard, ProductDetail, ProductNearParams, ProductOffer, ProductSearchParams,
    ProductSearchResponse, ShopCard, ShopDetail, Store,
};
use api_types::{Role, ShopStatus, ShopSummary, User};
use domain::geo::Coordinates;
use services::accounts::{ShopView, UserView};
use services::buying::cashback_estimate::CashbackEstimate;
use services::catalog::search::{ProductQuery, SearchResults, Sort};
use services::catalog::views;

/// A parameter that does not parse: the field and a sentence for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadParameter {
    pub field: &'static str,
    pub message: String,
}

fn invalid(field: &'static str, message: &str) -> BadParameter {
    BadParameter {
        field,
        message: message.to_owned(),
    }
}

/// The API's view of a user.
pub fn user_of(user: &UserView) -> User {
    User {
        id: user.id.clone(),
        email: user.email.clone(),
        name: user.name.clone(),
        roles: user.roles.iter().map(|role| role_of(*role)).collect(),
        shop_id: user.shop.as_ref().map(|shop| shop.id.clone()),
    }
}

/// The API's view of the shop a user works for.
pub fn shop_summary(shop: &ShopView) -> ShopSummary {
    ShopSummary {
        id: shop.id.clone(),
        slug: shop.slug.clone(),
        name: shop.name.clone(),
        status: shop_status(&shop.status),
    }
}

fn role_of(role: domain::Role) -> Role {
    match role {
        domain::Role::Shopper => Role::Shopper,
        domain::Role::Seller => Role::Seller,
        domain::Role::Operator => Role::Operator,
    }
}

/// The API's view of a category.
pub fn category_of(category: &views::CategoryView) -> Category {
    Category {
        id: category.id.clone(),
        slug: category.slug.clone(),
        parent_id: category.parent_id.clone(),
        name_fr: category.name_fr.clone(),
        name_en: category.name_en.clone(),
    }
}

/// The API's card of a shop.
pub fn shop_card(shop: &views::ShopProfile) -> ShopCard {
    ShopCard {
        id: shop.id.clone(),
        slug: shop.slug.clone(),
        name: shop.name.clone(),
        description: shop.description.clone(),
        banner_color: shop.banner_color.clone(),
        rating_centi: u32::try_from(shop.rating_centi).unwrap_or(0),
        rating_count: u32::try_from(shop.rating_count).unwrap_or(0),
    }
}

/// A shop status as stored → the API enum.
pub fn shop_status(status: &str) -> ShopStatus {
    match status {
        "approved" => ShopStatus::Approved,
        "rejected" => ShopStatus::Rejected,
        "suspended" => ShopStatus::Suspended,
        _ => ShopStatus::Pending,
    }
}

/// The API's card of a product, with what one unit of its best offer would earn.
pub fn product_card(card: &views::ProductCardView, cashback: &CashbackEstimate) -> ProductCard {
    ProductCard {
        id: card.id.clone(),
        gtin: card.gtin.clone(),
        title: card.title.clone(),
        brand: card.brand.clone(),
        slug: card.slug.clone(),
        category: category_of(&card.category),
        best_offer: card.best_offer.as_ref().map(|offer| BestOffer {
            id: offer.id.clone(),
            shop_id: offer.shop_id.clone(),
            shop_slug: offer.shop_slug.clone(),
            shop_name: offer.shop_name.clone(),
            price_cents: offer.price_cents,
            delivery_price_cents: offer.delivery_price_cents,
            total_cents: offer.price_cents + offer.delivery_price_cents,
            currency: "EUR".to_owned(),
            condition: offer.condition.clone(),
            cashback_cents: cashback.for_offer(&offer.id),
        }),
        offer_count: card.offer_count,
        nearest_pickup: card.nearest_pickup.as_ref().map(|store| NearestPickup {
            store_id: store.store_id.clone(),
            store_name: store.store_name.clone(),
            city: store.city.clone(),
            shop_id: store.shop_id.clone(),
            distance_km: store.distance_km,
            ready_in_minutes: u32::try_from(store.preparation_minutes).unwrap_or(0),
        }),
    }
}

/// The API's view of a product page, with what one unit of each offer would earn (see
/// [`services::buying::cashback_estimate::for_product`]).
pub fn product_detail(
    product: &views::ProductPageView,
    cashback: &CashbackEstimate,
) -> ProductDetail {
    ProductDetail {
        id: product.id.clone(),
        gtin: product.gtin.clone(),
        title: product.title.clone(),
        brand: product.brand.clone(),
        slug: product.slug.clone(),
        description: product.description.clone(),
        category: category_of(&product.category),
        offers: product
            .offers
            .iter()
            .map(|offer| ProductOffer {
                id: offer.id.clone(),
                shop: shop_card(&offer.shop),
                price_cents: offer.price_cents,
                currency: offer.currency.clone(),
                condition: offer.condition.clone(),
                description: offer.description.clone(),
                delivery: Delivery {
                    price_cents: offer.delivery_price_cents,
                    days: u32::try_from(offer.delivery_days).unwrap_or(0),
                },
                total_cents: offer.price_cents + offer.delivery_price_cents,
                available: u32::try_from(offer.available).unwrap_or(0),
                pickup_stores: offer
                    .pickup_stores
                    .iter()
                    .map(|store| PickupStore {
                        id: store.id.clone(),
                        name: store.name.clone(),
                        city: store.city.clone(),
                        postcode: store.postcode.clone(),
                        opening_hours: store.opening_hours.clone(),
                        preparation_minutes: u32::try_from(store.preparation_minutes).unwrap_or(0),
                        available: u32::try_from(store.available).unwrap_or(0),
                        distance_km: store.distance_km,
                        ready_in_minutes: u32::try_from(store.preparation_minutes).unwrap_or(0),
                    })
                    .collect(),
                cashback_cents: cashback.for_offer(&offer.id),
            })
            .collect(),
    }
}

/// The API's view of an e-shop with its stores.
pub fn shop_detail(found: &views::ShopWithStores) -> ShopDetail {
    ShopDetail {
        card: shop_card(&found.shop),
        return_policy: found.shop.return_policy.clone(),
        shipping_flat_cents: found.shop.shipping_flat_cents,
        free_shipping_threshold_cents: found.shop.free_shipping_threshold_cents,
        currency: "EUR".to_owned(),
        stores: found
            .stores
            .iter()
            .map(|store| Store {
                id: store.id.clone(),
                name: store.name.clone(),
                kind: store.kind.clone(),
                address: store.address.clone(),
                postcode: store.postcode.clone(),
                city: store.city.clone(),
                latitude: store.latitude,
                longitude: store.longitude,
                opening_hours: store.opening_hours.clone(),
                pickup: store.pickup,
                preparation_minutes: u32::try_from(store.preparation_minutes).unwrap_or(0),
            })
            .collect(),
    }
}

fn facet(value: &services::catalog::search::FacetValue) -> FacetCount {
    FacetCount {
        value: value.value.clone(),
        label: value.label.clone(),
        count: value.count,
    }
}

/// A search's results as the API answers them.
pub fn search_response(
    results: &SearchResults,
    cashback: &CashbackEstimate,
    page: u64,
    per_page: u64,
) -> ProductSearchResponse {
    ProductSearchResponse {
        items: results
            .items
            .iter()
            .map(|card| product_card(card, cashback))
            .collect(),
        total: results.total,
        page,
        per_page,
        facets: Facets {
            categories: results.facets.categories.iter().map(facet).collect(),
            conditions: results.facets.conditions.iter().map(facet).collect(),
            shops: results.facets.shops.iter().map(facet).collect(),
            prices: results
                .facets
                .prices
                .iter()
                .map(|band| PriceBand {
                    min_cents: band.min_cents,
                    max_cents: band.max_cents,
                    count: band.count,
                })
                .collect(),
        },
    }
}

fn non_empty(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

fn number(
    value: &Option<String>,
    field: &'static str,
    min: i64,
    max: i64,
) -> Result<Option<i64>, BadParameter> {
    match non_empty(value) {
        None => Ok(None),
        Some(raw) => raw
            .parse::<i64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .map(Some)
            .ok_or_else(|| {
                invalid(
                    field,
                    &format!("`{field}` is a whole number from {min} to {max}."),
                )
            }),
    }
}

/// Parses `page` and `per_page` (defaults 1 and 24).
pub fn paging(
    page: &Option<String>,
    per_page: &Option<String>,
) -> Result<(u64, u64), BadParameter> {
    let page = number(page, "page", 1, 10_000)?.unwrap_or(1);
    let per_page = number(per_page, "per_page", 1, 100)?.unwrap_or(24);
    Ok((page as u64, per_page as u64))
}

/// Parses where a shopper is, for a product's nearest pickup stores: `near` (a French
/// postcode) wins over `lat` and `lon` (degrees, both or neither); every one given must
/// be valid. `None` when no place is given.
pub fn parse_near(params: &ProductNearParams) -> Result<Option<Coordinates>, BadParameter> {
    let degrees = |field: &'static str, limit: f64| match non_empty(match field {
        "lat" => &params.lat,
        _ => &params.lon,
    }) {
        None => Ok(None),
        Some(raw) => raw
            .parse::<f64>()
            .ok()
            .filter(|value| value.is_finite() && (-limit..=limit).contains(value))
            .map(Some)
            .ok_or_else(|| {
                invalid(
                    field,
                    &format!("`{field}` is a number of degrees from -{limit} to {limit}."),
                )
            }),
    };
    let latitude = degrees("lat", 90.0)?;
    let longitude = degrees("lon", 180.0)?;
    let located = match (latitude, longitude) {
        (Some(latitude), Some(longitude)) => Some(Coordinates {
            latitude,
            longitude,
        }),
        (None, None) => None,
        (Some(_), None) => return Err(invalid("lon", "`lon` goes with `lat`: give both.")),
        (None, Some(_)) => return Err(invalid("lat", "`lat` goes with `lon`: give both.")),
    };
    match non_empty(&params.near) {
        Some(postcode) => domain::geo::coordinates_of_postcode(&postcode)
            .map(Some)
            .ok_or_else(|| {
                invalid(
                    "near",
                    "`near` is a French postcode of 5 digits, like 75011.",
                )
            }),
        None => Ok(located),
    }
}

/// Parses every parameter of a product search, naming the first that is wrong.
pub fn parse_search(params: &ProductSearchParams) -> Result<ProductQuery, BadParameter> {
    {
        let (page, per_page) = paging(&params.page, &params.per_page)?;
        let condition = match non_empty(&params.condition) {
            Some(raw) => Some(
                domain::Condition::parse(&raw)
                    .map_err(|err| invalid("condition", &err.to_string()))?,
            ),
            None => None,
        };
        let sort = match non_empty(&params.sort).as_deref() {
            None | Some("relevance") => Sort::Relevance,
            Some("price_asc") => Sort::PriceAsc,
            Some("price_desc") => Sort::PriceDesc,
            Some("newest") => Sort::Newest,
            Some(_) => {
                return Err(invalid(
                    "sort",
                    "`sort` is relevance, price_asc, price_desc or newest.",
                ));
            }
        };
        let pickup_postcode = non_empty(&params.pickup_postcode);
        if pickup_postcode
            .as_ref()
            .is_some_and(|p| domain::geo::coordinates_of_postcode(p).is_none())
        {
            return Err(invalid(
                "pickup_postcode",
                "`pickup_postcode` is a French postcode of 5 digits, like 75011.",
            ));
        }
        let pickup_radius_km = number(
            &params.pickup_radius_km,
            "pickup_radius_km",
            1,
            i64::from(domain::geo::MAX_PICKUP_RADIUS_KM),
        )?
        .and_then(|km| u32::try_from(km).ok());
        let q = non_empty(&params.q);
        if q.as_ref().is_some_and(|q| q.chars().count() > 200) {
            return Err(invalid("q", "`q` has 200 characters at most."));
        }
        Ok(ProductQuery {
            text: q,
            category_slug: non_empty(&params.category),
            min_price_cents: number(
                &params.min_price_cents,
                "min_price_cents",
                0,
                i64::from(i32::MAX),
            )?,
            max_price_cents: number(
                &params.max_price_cents,
                "max_price_cents",
                0,
                i64::from(i32::MAX),
            )?,
            condition,
            shop_slug: non_empty(&params.shop),
            pickup_postcode,
            pickup_radius_km,
            sort,
            page,
            per_page,
        })
    }
}

#[cfg(test)]
mod tests {
    use api_types::catalog::ProductNearParams;

    use super::parse_near;

    fn place(near: Option<&str>, lat: Option<&str>, lon: Option<&str>) -> ProductNearParams {
        ProductNearParams {
            near: near.map(str::to_owned),
            lat: lat.map(str::to_owned),
            lon: lon.map(str::to_owned),
        }
    }

    fn field_at_fault(params: ProductNearParams) -> &'static str {
        parse_near(&params).expect_err("refused").field
    }

    #[test]
    fn a_place_is_a_postcode_or_both_coordinates() {
        assert_eq!(parse_near(&place(None, None, None)), Ok(None));
        assert_eq!(parse_near(&place(Some("  "), None, None)), Ok(None));
        let paris = parse_near(&place(Some("75011"), None, None))
            .expect("a postcode")
            .expect("a place");
        assert!((paris.latitude - 48.86).abs() < 0.1);
        let located = parse_near(&place(None, Some("45.76"), Some("4.84")))
            .expect("coordinates")
            .expect("a place");
        assert_eq!(located.longitude, 4.84);
        let both = parse_near(&place(Some("75011"), Some("45.76"), Some("4.84")))
            .expect("both")
            .expect("a place");
        assert_eq!(both, paris, "the postcode wins");
    }

    #[test]
    fn a_bad_place_names_its_parameter() {
        assert_eq!(field_at_fault(place(Some("7501"), None, None)), "near");
        assert_eq!(field_at_fault(place(Some("99999"), None, None)), "near");
        assert_eq!(field_at_fault(place(None, Some("48.8"), None)), "lon");
        assert_eq!(field_at_fault(place(None, None, Some("2.3"))), "lat");
        assert_eq!(field_at_fault(place(None, Some("-90.5"), Some("2"))), "lat");
        assert_eq!(field_at_fault(place(None, Some("48"), Some("inf"))), "lon");
        assert_eq!(
            field_at_fault(place(Some("75011"), Some("NaN"), Some("2"))),
            "lat"
        );
    }
}
