//! The import and export against a fake server: requests in file order, refusals kept
//! against their lines, a lost server stopping the import, every page exported.

use std::sync::Mutex;

use api_types::ListResponse;
use api_types::selling::{Location, OfferRequest, SellerOffer, StockLine, StockRequest};

use super::{Catalog, all_offers, run_import};
use crate::client::ApiError;
use crate::console::fixtures::{invalid, locations, offer, offers, page};

/// A shop's server in memory: remembers the requests; refuses a price of 13,13 € and
/// loses the network on a price of 66,66 €.
struct FakeShop {
    offers: Vec<SellerOffer>,
    asked: Mutex<Vec<String>>,
}

impl FakeShop {
    fn new(offers: Vec<SellerOffer>) -> Self {
        Self {
            offers,
            asked: Mutex::new(Vec::new()),
        }
    }

    fn note(&self, what: String) {
        if let Ok(mut asked) = self.asked.lock() {
            asked.push(what);
        }
    }

    fn asked(&self) -> Vec<String> {
        self.asked
            .lock()
            .map(|asked| asked.clone())
            .unwrap_or_default()
    }

    fn check(body: &OfferRequest) -> Result<(), ApiError> {
        match body.price_cents {
            1_313 => Err(invalid("price_cents", "price looks wrong for this product")),
            6_666 => Err(ApiError::Network("Cannot reach the server".into())),
            _ => Ok(()),
        }
    }
}

impl Catalog for FakeShop {
    async fn locations(&self) -> Result<Vec<Location>, ApiError> {
        Ok(locations())
    }

    async fn offers(
        &self,
        number: u64,
        per_page: u64,
    ) -> Result<ListResponse<SellerOffer>, ApiError> {
        self.note(format!("GET offers page {number}"));
        let start = usize::try_from((number - 1) * per_page).unwrap_or(usize::MAX);
        let items: Vec<SellerOffer> = self
            .offers
            .iter()
            .skip(start)
            .take(usize::try_from(per_page).unwrap_or(usize::MAX))
            .cloned()
            .collect();
        let mut answer = page(items);
        answer.total = self.offers.len() as u64;
        answer.page = number;
        Ok(answer)
    }

    async fn create_offer(&self, body: &OfferRequest) -> Result<SellerOffer, ApiError> {
        self.note(format!("POST {} {}", body.gtin, body.condition));
        Self::check(body)?;
        let mut created = offer("new1", &body.title, body.price_cents, "active", &[]);
        created.gtin.clone_from(&body.gtin);
        Ok(created)
    }

    async fn update_offer(&self, id: &str, body: &OfferRequest) -> Result<SellerOffer, ApiError> {
        self.note(format!("PATCH {id} {:?}", body.status));
        Self::check(body)?;
        Ok(offer(id, &body.title, body.price_cents, "active", &[]))
    }

    async fn set_stock(&self, id: &str, body: &StockRequest) -> Result<StockLine, ApiError> {
        self.note(format!(
            "PUT {id} stock {} = {}",
            body.location_id, body.quantity
        ));
        if body.quantity == 999 {
            return Err(invalid("quantity", "fewer than the units reserved"));
        }
        Ok(StockLine {
            location_id: body.location_id.clone(),
            quantity: u32::try_from(body.quantity).unwrap_or(0),
            reserved: 0,
        })
    }
}

#[tokio::test]
async fn each_line_is_sent_in_order_and_refusals_are_kept_against_their_line() {
    let shop = FakeShop::new(offers());
    let text = "gtin,condition,title,category,price,status,stock:l1,stock:l2\n\
                04006381333931,new,,,99.00,,12,999\n\
                4006381332021,like_new,,,59.90,,,\n\
                5901234123457,good,Marteau,bricolage,13.13,,,\n\
                5901234123457,new,Marteau,bricolage,24.50,inactive,4,\n\
                oops,new,,,1,,,\n";
    let mut seen = Vec::new();
    let report = run_import(&shop, text, "offers.csv", |done, total| {
        seen.push((done, total))
    })
    .await
    .expect("imports");
    assert_eq!(
        shop.asked(),
        [
            "GET offers page 1",
            "PATCH o1 None",
            "PUT o1 stock l2 = 999",
            "POST 5901234123457 good",
            "POST 5901234123457 new",
            "PATCH new1 Some(\"inactive\")",
            "PUT new1 stock l1 = 4",
        ]
    );
    assert_eq!(
        (
            report.created,
            report.updated,
            report.unchanged,
            report.stock_set
        ),
        (1, 1, 1, 1)
    );
    let errors: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        errors,
        [
            "line 6: gtin: digits only",
            "line 2: stock:l2: fewer than the units reserved",
            "line 4: price: price looks wrong for this product",
        ]
    );
    assert_eq!(seen.first(), Some(&(0, 0)));
    assert_eq!(seen.last(), Some(&(4, 4)));
    assert!(report.text().contains("line 4: price: price looks wrong"));
}

#[tokio::test]
async fn a_lost_server_stops_the_import_at_its_line() {
    let shop = FakeShop::new(offers());
    let text = "gtin,title,category,price\n\
                5901234123457,Marteau,bricolage,66.66\n\
                96385074,Clou,bricolage,1.00\n";
    let report = run_import(&shop, text, "offers.csv", |_, _| {})
        .await
        .expect("starts");
    assert_eq!(report.created, 0);
    assert_eq!(
        report
            .errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["line 2: import stopped: Cannot reach the server (1 more lines not sent)"]
    );
    assert!(!shop.asked().iter().any(|asked| asked.contains("96385074")));
}

#[tokio::test]
async fn a_file_the_console_cannot_read_changes_nothing() {
    let shop = FakeShop::new(offers());
    let refused = run_import(&shop, "title,price\nx,1\n", "offers.csv", |_, _| {}).await;
    assert_eq!(
        refused,
        Err("The header has no “gtin” column; see docs/csv-import.md for the columns.".into())
    );
    assert!(shop.asked().is_empty());
}

#[tokio::test]
async fn every_page_of_offers_is_read() {
    let many: Vec<SellerOffer> = (0..230)
        .map(|n| offer(&format!("o{n}"), "Vis", 100, "active", &[]))
        .collect();
    let shop = FakeShop::new(many);
    let mut pages = Vec::new();
    let all = all_offers(&shop, |done, total| pages.push((done, total)))
        .await
        .expect("reads");
    assert_eq!(all.len(), 230);
    assert_eq!(pages, [(1, 3), (2, 3), (3, 3)]);
}
