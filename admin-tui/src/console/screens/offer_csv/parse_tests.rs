//! Reading files as spreadsheets save them: separators, decimal commas, quotes, a BOM,
//! Windows-1252, empty files, bad lines and guarded cells.

use super::parse::{FileError, StockCell, decode, parse};
use super::{LineError, gtin_key};
use crate::console::fixtures::locations;

fn errors(text: &str) -> Vec<String> {
    parse(text, &locations())
        .expect("a readable file")
        .errors
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_comma_separated_file_with_quoted_commas_reads_every_column() {
    let text = "gtin,condition,title,brand,category,price,delivery_price,delivery_days,status,description,stock:Entrepôt Saint-Ouen,stock:l2\n\
                4006381333931,new,\"Perceuse, à percussion\",Bosch,bricolage,104.90,4.90,3,active,\"Solide, \"\"pro\"\"\",12,3\n";
    let parsed = parse(text, &locations()).expect("reads");
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let line = &parsed.lines[0];
    assert_eq!(line.line, 2, "the header is line 1");
    assert_eq!(line.gtin, "4006381333931");
    assert_eq!(line.title.as_deref(), Some("Perceuse, à percussion"));
    assert_eq!(line.description.as_deref(), Some("Solide, \"pro\""));
    assert_eq!(line.price_cents, 10_490);
    assert_eq!(line.delivery_price_cents, Some(490));
    assert_eq!(line.delivery_days, Some(3));
    assert_eq!(line.status.as_deref(), Some("active"));
    assert_eq!(
        line.stock,
        [
            StockCell {
                location_id: "l1".into(),
                column: "stock:Entrepôt Saint-Ouen".into(),
                quantity: 12
            },
            StockCell {
                location_id: "l2".into(),
                column: "stock:l2".into(),
                quantity: 3
            },
        ],
        "a stock column names its location by name (any case) or by id"
    );
}

#[test]
fn a_french_file_uses_semicolons_and_decimal_commas() {
    let text = "GTIN;Condition;Price;Delivery price;Stock:boutique rivoli\n\
                4006381333931;Like new;1 234,50 €;0,5;7\n";
    let parsed = parse(text, &locations()).expect("reads");
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let line = &parsed.lines[0];
    assert_eq!(line.condition, "like_new", "labels and any case work");
    assert_eq!(line.price_cents, 123_450, "exact cents, no float");
    assert_eq!(line.delivery_price_cents, Some(50));
    assert_eq!(line.stock[0].location_id, "l2");
}

#[test]
fn a_byte_order_mark_and_windows_1252_are_read() {
    let with_bom = "\u{feff}gtin,price\n4006381333931,5\n";
    assert_eq!(parse(with_bom, &locations()).expect("reads").lines.len(), 1);
    assert_eq!(decode(b"\xef\xbb\xbfgtin"), "gtin");
    assert_eq!(decode(b"Entrep\xf4t \x80 \x92"), "Entrepôt € ’");
    assert_eq!(decode("déjà".as_bytes()), "déjà");
}

#[test]
fn an_empty_file_or_a_header_without_the_needed_columns_is_refused_whole() {
    assert_eq!(parse("", &locations()), Err(FileError::Empty));
    assert_eq!(parse("\u{feff} \n\n", &locations()), Err(FileError::Empty));
    assert_eq!(
        parse("gtin,title\n4006381333931,x\n", &locations()),
        Err(FileError::MissingColumn("price"))
    );
    assert_eq!(
        parse("gtin,price,Price\n", &locations()),
        Err(FileError::DuplicateColumn("Price".into()))
    );
    let unknown = parse("gtin,price,stock:Entrepot\n", &locations());
    assert!(matches!(
        unknown,
        Err(FileError::UnknownLocation { ref column, ref known })
            if column == "stock:Entrepot" && known.contains("Boutique Rivoli")
    ));
    let header_only = parse("gtin,price\n", &locations()).expect("reads");
    assert!(header_only.lines.is_empty() && header_only.errors.is_empty());
}

#[test]
fn bad_lines_are_reported_one_by_one_and_the_good_ones_kept() {
    let text = "gtin,condition,price,delivery_days,status,stock:l1,notes\n\
                4006381333931,new,0,3,active,,ok\n\
                abc,worn,12.345,61,sold,-2,\n\
                ,,,,,,\n\
                4.00638E+12,new,5,,,,\n\
                4006381333931,new,12,,,,\n\
                4006381333931,new,12,,,,\n\
                12345,new,12,,,1.5,\n";
    let parsed = parse(text, &locations()).expect("reads");
    let messages: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "line 2: price: must be more than 0,00 €",
            "line 3: gtin: digits only",
            "line 3: condition: one of new, like_new, very_good, good, acceptable",
            "line 3: price: At most two digits after the comma",
            "line 3: delivery_days: a whole number of days, 0 to 60",
            "line 3: status: active or inactive (empty leaves it as it is)",
            "line 3: stock:l1: a whole number of units, 0 or more (empty leaves it as it is)",
            "line 5: gtin: “4.00638E+12” is a number a spreadsheet rounded; format the column as text and type the code again",
            "line 7: same GTIN and condition as line 6: one line per offer",
            "line 8: gtin: 8, 12, 13 or 14 digits, not 5",
            "line 8: stock:l1: a whole number of units, 0 or more (empty leaves it as it is)",
        ]
    );
    assert_eq!(parsed.lines.len(), 1, "line 6 only; line 4 is blank");
    assert_eq!(parsed.ignored, ["notes"]);
}

#[test]
fn an_unquoted_decimal_comma_in_a_comma_file_says_what_to_do() {
    assert_eq!(
        errors("gtin,price\n4006381333931,12,50\n"),
        [
            "line 2: 3 cells for 2 columns — a decimal comma in a comma-separated file needs quotes (\"12,50\"), or save the file with ; between cells"
        ]
    );
}

#[test]
fn guarded_cells_lose_their_quote_and_empty_cells_leave_values_alone() {
    let text = "gtin,price,title,description,status\n4006381333931,5,'=HYPERLINK(1),'-50 % !,\n";
    let line = &parse(text, &locations()).expect("reads").lines[0];
    assert_eq!(line.title.as_deref(), Some("=HYPERLINK(1)"));
    assert_eq!(line.description.as_deref(), Some("-50 % !"));
    assert_eq!(line.status, None);
    assert_eq!(line.delivery_price_cents, None);
    assert_eq!(line.condition, "new", "an empty condition is new");
    let kept = "gtin,price,title\n4006381333931,5,'quoted\n";
    let line = &parse(kept, &locations()).expect("reads").lines[0];
    assert_eq!(
        line.title.as_deref(),
        Some("'quoted"),
        "only a guard is removed"
    );
}

#[test]
fn review_and_taken_down_are_left_as_they_are() {
    let text = "gtin,price,status\n4006381333931,5,review\n40063813339310,5,blocked\n";
    let parsed = parse(text, &locations()).expect("reads");
    assert!(parsed.lines.iter().all(|line| line.status.is_none()));
}

#[test]
fn line_errors_read_with_their_column() {
    assert_eq!(
        LineError::at(7, "price", "must be positive").to_string(),
        "line 7: price: must be positive"
    );
    assert_eq!(
        LineError::line(3, "unreadable").to_string(),
        "line 3: unreadable"
    );
    assert_eq!(gtin_key("400-638 1333931"), "04006381333931");
}

#[test]
fn line_numbers_count_windows_line_ends_once() {
    let text = "gtin,price\r\n4006381333931,0\r\n4006381333931,1\r\n40063813339,1\r\n";
    assert_eq!(
        errors(text),
        [
            "line 2: price: must be more than 0,00 €",
            "line 4: gtin: 8, 12, 13 or 14 digits, not 11"
        ]
    );
    let quoted = "gtin,price,title\n4006381333931,1,\"two\r\nlines\"\n96385074,0,x\n";
    assert_eq!(
        errors(quoted),
        ["line 4: price: must be more than 0,00 €"],
        "a cell on two lines counts both"
    );
}
