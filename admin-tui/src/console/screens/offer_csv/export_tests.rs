//! Writing the file: the columns, amounts, stock per location, guarded cells, and a
//! round trip through the import.

use api_types::selling::SellerOffer;

use super::export::{export, guard};
use super::{parse, plan};
use crate::console::fixtures::{locations, offers};

fn rows(text: &str) -> Vec<String> {
    text.trim_start_matches('\u{feff}')
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_header_names_each_location_and_rows_follow_by_title() {
    let text = export(&offers(), &locations());
    assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
    let rows = rows(&text);
    assert_eq!(
        rows[0],
        "gtin,condition,title,brand,category,price,delivery_price,delivery_days,status,description,\
         stock:Entrepôt Saint-Ouen,stock:Boutique Rivoli,stock:Atelier Croix-Rousse"
    );
    assert_eq!(rows.len(), 6);
    assert!(
        rows[1].contains(
            ",new,Coffret de vis (600 pièces),Bosch,bricolage,19.99,4.90,3,active,,40,,7"
        ),
        "{}",
        rows[1]
    );
    assert!(
        rows[2].contains(",acceptable,Niveau laser,"),
        "then by title: {}",
        rows[2]
    );
    let drill = rows
        .iter()
        .find(|row| row.contains("Perceuse"))
        .expect("the drill");
    assert_eq!(
        drill,
        "4006381333931,new,Perceuse à percussion PSB 500,Bosch,bricolage,104.90,4.90,3,active,,12,3,"
    );
}

#[test]
fn cells_a_spreadsheet_would_run_are_guarded() {
    assert_eq!(guard("=1+1"), "'=1+1");
    assert_eq!(guard("+33 1 23"), "'+33 1 23");
    assert_eq!(guard("-50 %"), "'-50 %");
    assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
    // Leading blanks go first, as the import would drop them: nothing is left to run.
    assert_eq!(guard("\tcmd"), "cmd");
    assert_eq!(guard("\r=cmd"), "'=cmd");
    assert_eq!(guard(" '=x"), "''=x");
    assert_eq!(guard("Perceuse"), "Perceuse");
    assert_eq!(guard(""), "");
    let mut evil = offers();
    evil[0].title = "=HYPERLINK(\"http://x\",\"clic\")".into();
    let text = export(&evil, &locations());
    assert!(text.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"clic\"\")\""));
}

#[test]
fn an_export_imported_again_changes_nothing() {
    let mut with_guarded = offers();
    with_guarded[1].description = "-20 % cette semaine, «promo»".into();
    with_guarded[2].title = "Ponceuse, excentrique".into();
    let text = export(&with_guarded, &locations());
    let parsed = parse(&text, &locations()).expect("reads its own export");
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(parsed.lines.len(), with_guarded.len());
    let (steps, refused) = plan(&parsed.lines, &with_guarded, "CSV import");
    assert!(refused.is_empty());
    for step in &steps {
        assert!(
            matches!(step.offer, super::OfferChange::Keep { .. }) && step.stock.is_empty(),
            "line {} would change: {step:?}",
            step.line
        );
    }
}

#[test]
fn a_shop_without_offers_exports_its_header_only() {
    let empty: Vec<SellerOffer> = Vec::new();
    assert_eq!(rows(&export(&empty, &[])).len(), 1);
}
