//! Query strings of catalog links: the search a page shows, and the same search with one
//! parameter added, changed or removed (facet links, sort, pages). Pure, so links are
//! plain `<a href>` that work without JavaScript and can be unit-tested.

use api_types::catalog::ProductSearchParams;

/// The parameters a catalog page understands, in the order links write them.
pub const SEARCH_KEYS: [&str; 10] = [
    "q",
    "category",
    "condition",
    "shop",
    "min_price_cents",
    "max_price_cents",
    "pickup_postcode",
    "pickup_radius_km",
    "sort",
    "page",
];

/// An ordered set of query parameters, each key at most once, never empty values.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryString {
    pairs: Vec<(String, String)>,
}

impl QueryString {
    /// Keeps the known catalog parameters of `get`, in [`SEARCH_KEYS`] order.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        let pairs = SEARCH_KEYS
            .iter()
            .filter_map(|key| {
                get(key)
                    .map(|value| value.trim().to_owned())
                    .filter(|value| !value.is_empty())
                    .map(|value| ((*key).to_owned(), value))
            })
            .collect();
        Self { pairs }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every pair, for hidden form fields.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The same search with `key` set to `value`, back on its first page.
    pub fn with(&self, key: &str, value: &str) -> Self {
        let mut next = self.without(key);
        if !value.trim().is_empty() {
            next.pairs.push((key.to_owned(), value.trim().to_owned()));
            next.pairs.sort_by_key(|(k, _)| rank(k));
        }
        next
    }

    /// The same search without `key`, back on its first page.
    pub fn without(&self, key: &str) -> Self {
        let pairs = self
            .pairs
            .iter()
            .filter(|(k, _)| k != key && k != "page")
            .cloned()
            .collect();
        Self { pairs }
    }

    /// The same search on page `page` (page 1 has no parameter).
    pub fn on_page(&self, page: u64) -> Self {
        let mut next = self.without("page");
        if page > 1 {
            next.pairs.push(("page".to_owned(), page.to_string()));
        }
        next
    }

    /// Whether any filter narrows the search (the text and the order do not count).
    pub fn has_filters(&self) -> bool {
        self.pairs
            .iter()
            .any(|(k, _)| !matches!(k.as_str(), "q" | "sort" | "page"))
    }

    /// `path`, followed by `?…` when there are parameters.
    pub fn href(&self, path: &str) -> String {
        if self.pairs.is_empty() {
            return path.to_owned();
        }
        let encoded = self
            .pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        format!("{path}?{encoded}")
    }

    /// The API's search parameters.
    pub fn to_params(&self) -> ProductSearchParams {
        let get = |key: &str| self.get(key).map(str::to_owned);
        ProductSearchParams {
            q: get("q"),
            category: get("category"),
            min_price_cents: get("min_price_cents"),
            max_price_cents: get("max_price_cents"),
            condition: get("condition"),
            shop: get("shop"),
            pickup_postcode: get("pickup_postcode"),
            pickup_radius_km: get("pickup_radius_km"),
            sort: get("sort"),
            page: get("page"),
            per_page: None,
        }
    }
}

/// Where `key` goes in a link: [`SEARCH_KEYS`] order, unknown keys last.
fn rank(key: &str) -> usize {
    SEARCH_KEYS
        .iter()
        .position(|known| *known == key)
        .unwrap_or(SEARCH_KEYS.len())
}

/// Percent-encodes a query component: everything but unreserved characters.
pub fn encode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for byte in raw.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{QueryString, encode};

    fn query(pairs: &[(&str, &str)]) -> QueryString {
        QueryString::from_lookup(|key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn unknown_and_empty_parameters_are_dropped() {
        let q = query(&[("lang", "en"), ("q", "perceuse"), ("shop", " ")]);
        assert_eq!(q.href("/search"), "/search?q=perceuse");
    }

    #[test]
    fn adding_a_facet_keeps_the_search_and_goes_back_to_page_one() {
        let q = query(&[("q", "perceuse"), ("sort", "price_asc"), ("page", "3")]);
        assert_eq!(
            q.with("condition", "new").href("/search"),
            "/search?q=perceuse&condition=new&sort=price_asc"
        );
        assert_eq!(
            q.with("sort", "newest").href("/search"),
            "/search?q=perceuse&sort=newest"
        );
    }

    #[test]
    fn removing_a_facet_keeps_the_rest() {
        let q = query(&[("q", "perceuse"), ("shop", "atelier"), ("page", "2")]);
        assert_eq!(q.without("shop").href("/search"), "/search?q=perceuse");
        assert_eq!(query(&[]).href("/search"), "/search");
    }

    #[test]
    fn pages_replace_the_page_parameter() {
        let q = query(&[("q", "vis"), ("page", "2")]);
        assert_eq!(q.on_page(3).href("/search"), "/search?q=vis&page=3");
        assert_eq!(q.on_page(1).href("/search"), "/search?q=vis");
    }

    #[test]
    fn values_are_percent_encoded() {
        assert_eq!(encode("perceuse 18 V&co"), "perceuse%2018%20V%26co");
        assert_eq!(encode("é"), "%C3%A9");
        let q = query(&[("q", "a=b")]);
        assert_eq!(q.href("/search"), "/search?q=a%3Db");
    }

    #[test]
    fn only_narrowing_parameters_count_as_filters() {
        assert!(!query(&[("q", "vis"), ("sort", "newest")]).has_filters());
        assert!(query(&[("q", "vis"), ("max_price_cents", "2000")]).has_filters());
    }

    #[test]
    fn parameters_become_the_api_search() {
        let params = query(&[("q", "vis"), ("page", "2")]).to_params();
        assert_eq!(params.q.as_deref(), Some("vis"));
        assert_eq!(params.page.as_deref(), Some("2"));
        assert_eq!(params.category, None);
    }
}
