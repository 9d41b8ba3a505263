//! What one cell may hold, checked as a seller would be told: the file's text itself
//! (its encoding), a guarded cell, a GTIN, a condition, a status.

use crate::console::screens::offer_form::CONDITIONS;

/// The text of a file: UTF-8 (a byte-order mark dropped), else Windows-1252, which Excel
/// writes for "CSV (comma delimited)" on Windows and which reads Latin-1 as well.
pub fn decode(bytes: &[u8]) -> String {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|byte| windows_1252(*byte)).collect(),
    };
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

/// The character of one Windows-1252 byte (Latin-1 except for 0x80–0x9F).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        other => char::from(other),
    }
}

/// A cell as it was before an export guarded it: `'=…`, `'+…`, `'-…`, `'@…` lose the `'`,
/// and so does `''…`, the guard of a cell that itself began with a `'`.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) => rest,
        _ => cell,
    }
}

/// Digits only, 8, 12, 13 or 14 of them (the check digit is the server's to judge).
pub fn check_gtin(text: &str) -> Result<String, String> {
    let digits: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if digits.is_empty() {
        return Err("missing: every line names its product by GTIN".to_owned());
    }
    if digits.contains(['E', 'e']) && digits.contains(['.', ',']) {
        return Err(format!(
            "“{text}” is a number a spreadsheet rounded; format the column as text and type \
             the code again"
        ));
    }
    if !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err("digits only".to_owned());
    }
    if ![8, 12, 13, 14].contains(&digits.len()) {
        return Err(format!("8, 12, 13 or 14 digits, not {}", digits.len()));
    }
    Ok(digits)
}

/// A condition's API value from its value or label ("like new", "Like_new"); `new` when
/// empty.
pub fn check_condition(text: &str) -> Result<String, String> {
    if text.is_empty() {
        return Ok("new".to_owned());
    }
    let wanted = text.to_lowercase().replace([' ', '-'], "_");
    CONDITIONS
        .iter()
        .find(|(api, label)| *api == wanted || label.to_lowercase().replace(' ', "_") == wanted)
        .map(|(api, _)| (*api).to_owned())
        .ok_or_else(|| {
            let names: Vec<&str> = CONDITIONS.iter().map(|(api, _)| *api).collect();
            format!("one of {}", names.join(", "))
        })
}

/// `active` or `inactive` to set; the statuses a seller cannot set (exported for
/// information) and an empty cell leave the offer's as it is.
pub fn check_status(text: &str) -> Result<Option<String>, String> {
    match text.to_lowercase().as_str() {
        "" | "review" | "taken_down" | "blocked" => Ok(None),
        status @ ("active" | "inactive") => Ok(Some(status.to_owned())),
        _ => Err("active or inactive (empty leaves it as it is)".to_owned()),
    }
}
