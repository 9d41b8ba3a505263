//! Text cut to fit: wrapped between words, and "…" where words are left over.

/// `text` in rows of at most `width` columns, broken between words, at most `rows` of
/// them: the last one ends with "…" when words are left over. A word longer than a row
/// is cut (with "…").
pub fn wrap(text: &str, width: usize, rows: usize) -> Vec<String> {
    let width = width.max(2);
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for (index, word) in words.iter().enumerate() {
        let needed = if current.is_empty() {
            word.chars().count()
        } else {
            current.chars().count() + 1 + word.chars().count()
        };
        if needed <= width {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
            continue;
        }
        if !current.is_empty() {
            if out.len() + 1 == rows {
                out.push(words_then_ellipsis(&current, width));
                return out;
            }
            out.push(std::mem::take(&mut current));
        }
        if word.chars().count() > width {
            out.push(ellipsis(word, width));
            if out.len() == rows || index + 1 == words.len() {
                return out;
            }
        } else {
            current.push_str(word);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out.truncate(rows);
    out
}

/// As many of `text`'s words as fit in `width` columns with "…" after them.
fn words_then_ellipsis(text: &str, width: usize) -> String {
    let mut kept = text.to_owned();
    while kept.chars().count() + 1 > width {
        match kept.rfind(' ') {
            Some(space) => kept.truncate(space),
            None => return ellipsis(&kept, width),
        }
    }
    format!("{kept}…")
}

/// `text` and "…", within `width` columns.
fn ellipsis(text: &str, width: usize) -> String {
    let kept: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn titles_wrap_between_words_and_end_with_an_ellipsis_when_cut() {
        assert_eq!(
            wrap("Perceuse à percussion PSB 500", 40, 2),
            ["Perceuse à percussion PSB 500"]
        );
        assert_eq!(
            wrap("Perceuse à percussion PSB 500", 18, 2),
            ["Perceuse à", "percussion PSB 500"]
        );
        assert_eq!(
            wrap("Perceuse à percussion PSB 500 sans fil", 18, 2),
            ["Perceuse à", "percussion PSB…"]
        );
        assert_eq!(wrap("Supercalifragilistic", 8, 2), ["Superca…"]);
    }
}
