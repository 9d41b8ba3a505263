//! What the import and export keep for every input, not only the examples: no file makes
//! the import panic, every exported cell is inert in a spreadsheet, and what is exported
//! is imported back as it was.

use proptest::prelude::*;

use super::export::export;
use super::{decode, parse};
use crate::console::fixtures::{locations, offers};

/// Characters that matter to CSV, to spreadsheets and to the cells' own parsers.
fn csv_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            ',', '"', '\n', '\r', '\'', '=', '+', '-', '@', '\t', ';', ' ', '.', 'é', 'a', 'Z',
            '0', '4', '9', '€', '\u{feff}', '\u{0}',
        ]),
        0..max,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// Text a seller may type in a title or a description: anything printable, with the
/// characters a spreadsheet reads as the start of a formula.
fn typed_text() -> impl Strategy<Value = String> {
    "[=+@'\\-]{0,2}[a-zA-Zé0-9 ,;\"'=+@.\\-]{0,30}[a-zé0-9]"
}

/// `PROPTEST_CASES` when set, else `quick`.
fn cases_or(quick: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(quick)
}

proptest! {
    // 300 cases in the suite; `PROPTEST_CASES=20000` for the full run (README, "Faults").
    #![proptest_config(ProptestConfig::with_cases(cases_or(300)))]

    #[test]
    fn no_bytes_make_the_import_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse(&decode(&bytes), &locations());
    }

    #[test]
    fn no_lines_under_a_real_header_make_the_import_panic(body in csv_text(400)) {
        let header = "gtin,condition,title,brand,category,price,delivery_price,delivery_days,\
                      status,description,stock:Entrepôt Saint-Ouen\n";
        let _ = parse(&format!("{header}{body}"), &locations());
    }

    #[test]
    fn exported_cells_never_start_a_formula_and_come_back_as_typed(
        title in typed_text(),
        description in typed_text(),
        brand in typed_text(),
    ) {
        let mut offer = offers()[0].clone();
        offer.title = title.clone();
        offer.description = description.clone();
        offer.brand = brand.clone();
        let file = export(&[offer], &locations());
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(file.trim_start_matches('\u{feff}').as_bytes());
        for record in reader.records() {
            let record = record.expect("the export is valid CSV");
            for cell in record.iter() {
                prop_assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "a cell a spreadsheet would run: {:?}", cell
                );
            }
        }
        let parsed = parse(&file, &locations()).expect("the export imports");
        prop_assert_eq!(parsed.errors.len(), 0, "{:?}", parsed.errors);
        // The import trims cells, as a seller expects of a spreadsheet.
        prop_assert_eq!(parsed.lines[0].title.as_deref(), Some(title.trim()));
        prop_assert_eq!(parsed.lines[0].brand.as_deref(), Some(brand.trim()));
        prop_assert_eq!(parsed.lines[0].description.as_deref(), Some(description.trim()));
    }
}
