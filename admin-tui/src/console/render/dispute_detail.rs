//! The selected dispute, for either side: the claim, the money, the decision, the keys it
//! allows, then both sides' words sharing the rows left (wrapped between words, cut with
//! "…").

use api_types::operating::Dispute;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::disputes::{Side, status_span};
use super::order_detail::when;
use super::{accent, error};
use crate::console::action::Action;
use crate::console::keymap::{Context, Keymap};
use crate::console::screens::disputes::{DisputeVerb, awaits_answer, kind_label, refundable};
use crate::console::screens::money::euros;

/// The width of the labels column ("Shopper says" and a gap).
const LABEL: usize = 14;

/// The detail of `dispute` in `width` × `height`: the fixed lines first, then the two
/// messages sharing what is left.
pub(super) fn lines(
    dispute: &Dispute,
    side: Side,
    keymap: &Keymap,
    width: usize,
    height: usize,
) -> Vec<Line<'static>> {
    let dim = Style::new().add_modifier(Modifier::DIM);
    let value_width = width.saturating_sub(LABEL).max(10);
    let mut lines = vec![Line::from(vec![
        Span::styled(dispute.order_number.clone(), accent()),
        Span::raw("  "),
        status_span(&dispute.status),
        Span::raw(format!(
            " · {} · opened {}",
            kind_label(&dispute.kind),
            when(&dispute.created_at)
        )),
    ])];
    lines.push(match side {
        Side::Operator => field(
            "Shop",
            vec![Span::raw(format!(
                "{} · shopper {}",
                dispute.shop_name, dispute.shopper_name
            ))],
        ),
        Side::Seller => field("Shopper", vec![Span::raw(dispute.shopper_name.clone())]),
    });
    let refunded_style = if dispute.part_refunded_cents > 0 {
        error()
    } else {
        dim
    };
    lines.push(field(
        "Part",
        vec![
            Span::raw(euros(dispute.part_total_cents)),
            Span::styled(
                format!(" · refunded {}", euros(dispute.part_refunded_cents)),
                refunded_style,
            ),
            Span::raw(format!(" · {} left", euros(refundable(dispute)))),
        ],
    ));
    if dispute.status != "open" {
        lines.extend(wrapped("Decision", &decision(dispute), value_width, 2));
    }
    lines.push(field("Keys", keys(dispute, side, keymap)));
    let room = height.saturating_sub(lines.len()).max(2);
    let claim = format!("“{}”", dispute.message);
    let answer = dispute
        .seller_answer
        .as_ref()
        .map(|text| format!("“{text}”"));
    let claim_rows = wrap(&claim, value_width, usize::MAX).len();
    let answer_rows = answer
        .as_ref()
        .map_or(1, |text| wrap(text, value_width, usize::MAX).len());
    let claim_room = claim_rows.min(room.saturating_sub(answer_rows.min(room / 2)).max(1));
    let answer_room = room.saturating_sub(claim_room).max(1);
    lines.extend(wrapped("Shopper says", &claim, value_width, claim_room));
    let label = match side {
        Side::Operator => "Seller says",
        Side::Seller => "You said",
    };
    match answer {
        Some(text) => lines.extend(wrapped(label, &text, value_width, answer_room)),
        None => lines.push(field(label, vec![Span::styled("no answer yet", dim)])),
    }
    lines
}

/// "refunded 12,00 € on 2026-11-24: “reason”" or "rejected on 2026-11-24: “reason”".
fn decision(dispute: &Dispute) -> String {
    let on = dispute
        .decided_at
        .as_deref()
        .and_then(|at| at.get(..10))
        .map(|date| format!(" on {date}"))
        .unwrap_or_default();
    let amount = match (dispute.status.as_str(), dispute.refund_cents) {
        ("refunded", Some(cents)) => format!(" {}", euros(cents)),
        _ => String::new(),
    };
    let reason = dispute
        .decision_reason
        .as_deref()
        .map(|reason| format!(": “{reason}”"))
        .unwrap_or_default();
    format!("{}{amount}{on}{reason}", dispute.status)
}

/// The keys the dispute allows on this side, named from the keymap.
fn keys(dispute: &Dispute, side: Side, keymap: &Keymap) -> Vec<Span<'static>> {
    let dim = Style::new().add_modifier(Modifier::DIM);
    let (context, verbs): (Context, &[DisputeVerb]) = match side {
        _ if dispute.status != "open" => {
            return vec![Span::styled("decided: nothing left to do", dim)];
        }
        Side::Operator if refundable(dispute) > 0 => (
            Context::OpsDisputes,
            &[DisputeVerb::Refund, DisputeVerb::Reject],
        ),
        Side::Operator => (Context::OpsDisputes, &[DisputeVerb::Reject]),
        Side::Seller if awaits_answer(dispute) => (Context::Disputes, &[DisputeVerb::Answer]),
        Side::Seller => {
            return vec![Span::styled("answered: an operator decides", dim)];
        }
    };
    let mut spans = Vec::new();
    for verb in verbs {
        let Some(key) = keymap.key_for(context, &Action::Dispute(*verb)) else {
            continue;
        };
        if !spans.is_empty() {
            spans.push(Span::raw(" · "));
        }
        spans.push(Span::styled(key.to_string(), accent()));
        spans.push(Span::raw(format!(" {}", verb.label())));
    }
    spans
}

fn field(label: &str, value: Vec<Span<'static>>) -> Line<'static> {
    let mut spans = vec![Span::styled(
        format!("{label:<LABEL$}"),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    spans.extend(value);
    Line::from(spans)
}

/// `text` under `label`, wrapped to `width` on at most `rows` rows, the next rows indented.
fn wrapped(label: &str, text: &str, width: usize, rows: usize) -> Vec<Line<'static>> {
    wrap(text, width, rows)
        .into_iter()
        .enumerate()
        .map(|(index, row)| {
            let label = if index == 0 { label } else { "" };
            field(label, vec![Span::raw(row)])
        })
        .collect()
}

/// `text` in rows of at most `width` characters, broken between words (a word longer than
/// a row is cut); at most `max_rows` rows, the last ending in "…" when text is left out.
fn wrap(text: &str, width: usize, max_rows: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let used = current.chars().count();
            let gap = usize::from(used > 0);
            if used + gap + word.len() <= width {
                if gap == 1 {
                    current.push(' ');
                }
                current.extend(word.iter());
                break;
            }
            if used > 0 {
                rows.push(std::mem::take(&mut current));
                continue;
            }
            let rest = word.split_off(width);
            rows.push(word.into_iter().collect());
            word = rest;
        }
    }
    if !current.is_empty() || rows.is_empty() {
        rows.push(current);
    }
    if rows.len() > max_rows {
        rows.truncate(max_rows.max(1));
        if let Some(last) = rows.last_mut() {
            let kept: String = last.chars().take(width.saturating_sub(1)).collect();
            *last = format!("{kept}…");
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn text_wraps_between_words_cuts_long_words_and_ends_in_an_ellipsis_when_cut() {
        assert_eq!(wrap("un deux trois", 7, 9), ["un deux", "trois"]);
        assert_eq!(wrap("abcdefghij", 4, 9), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("un deux trois quatre", 7, 2), ["un deux", "trois…"]);
        assert_eq!(wrap("", 7, 2), [""]);
    }
}
