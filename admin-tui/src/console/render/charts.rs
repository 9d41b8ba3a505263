//! Figures drawn alike on the seller's dashboard and the operators' KPIs: money per day as
//! bars over their dates, the shopping funnel per channel, and "label  value" lines.

use api_types::analytics::{ChannelFunnel, DailyRevenue, Funnel};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Cell, Paragraph, Row, Table};

use super::desk::fit;
use super::payouts::header_style;
use super::{ACCENT, accent};
use crate::console::screens::dashboard::best_day;
use crate::console::screens::dates::day_month;
use crate::console::screens::money::{euros, grouped};
use crate::console::screens::percent::rate;

/// The widest a bar gets: wider bars on a wide screen read as blocks, not days.
const WIDEST_BAR: u16 = 4;

/// How the bars of a chart share its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BarLayout {
    /// Days summed into one bar (more than one when a bar per day does not fit).
    pub days_per_bar: usize,
    /// Columns per bar.
    pub width: u16,
    /// Columns between bars.
    pub gap: u16,
}

impl BarLayout {
    /// The widest bars, a column apart if possible, that show `days` days in `columns`
    /// columns; days are summed in pairs, threes… when even one column each does not fit.
    pub fn fit(days: usize, columns: u16) -> Self {
        let columns = usize::from(columns.max(1));
        let days_per_bar = days.div_ceil(columns).max(1);
        let bars = days.div_ceil(days_per_bar).max(1);
        for gap in [1, 0] {
            let room = (columns + gap) / bars;
            if room > gap {
                let width = u16::try_from(room - gap).unwrap_or(WIDEST_BAR);
                return Self {
                    days_per_bar,
                    width: width.clamp(1, WIDEST_BAR),
                    gap: u16::try_from(gap).unwrap_or(0),
                };
            }
        }
        Self {
            days_per_bar,
            width: 1,
            gap: 0,
        }
    }

    /// The columns the bars of `days` days take.
    pub fn span(self, days: usize) -> u16 {
        let bars = u16::try_from(days.div_ceil(self.days_per_bar)).unwrap_or(u16::MAX);
        bars.saturating_mul(self.width)
            .saturating_add(bars.saturating_sub(1).saturating_mul(self.gap))
    }
}

/// The amounts of `days` summed `per_bar` at a time, the most recent bar whole (an
/// uneven first bar holds the oldest days).
pub fn bucket(days: &[DailyRevenue], per_bar: usize) -> Vec<u64> {
    let mut bars: Vec<u64> = days
        .rchunks(per_bar.max(1))
        .map(|chunk| {
            chunk
                .iter()
                .map(|day| u64::try_from(day.revenue_cents).unwrap_or(0))
                .sum()
        })
        .collect();
    bars.reverse();
    bars
}

/// Draws `days` into `area`: a heading (`title`, the total, the best day), the bars, and
/// the first and last dates under them.
pub fn revenue_chart(frame: &mut Frame, area: Rect, title: &str, days: &[DailyRevenue]) {
    let [heading, bars_area, axis] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ]));
    let total: i64 = days.iter().map(|day| day.revenue_cents).sum();
    let mut line = Line::from(vec![
        Span::styled(title.to_owned(), accent()),
        Span::raw(format!(" · {}", euros(total))),
    ]);
    if let Some((date, cents)) = best_day(days) {
        let best = format!(" · best {} on {}", euros(cents), day_month(date));
        // The best day comes whole or not at all: a cut amount would misread.
        if line.width() + best.chars().count() <= usize::from(heading.width) {
            line.push_span(Span::styled(best, Style::new().add_modifier(Modifier::DIM)));
        }
    }
    frame.render_widget(Paragraph::new(line), heading);
    if days.is_empty() || bars_area.height == 0 {
        return;
    }
    if total <= 0 {
        let quiet = Line::styled(
            "No sales in this period.",
            Style::new().add_modifier(Modifier::DIM),
        );
        let middle = bars_area.y + bars_area.height / 2;
        frame.render_widget(
            Paragraph::new(quiet),
            Rect::new(bars_area.x, middle, bars_area.width, 1),
        );
        let span = BarLayout::fit(days.len(), bars_area.width).span(days.len());
        frame.render_widget(Paragraph::new(axis_line(days, usize::from(span))), axis);
        return;
    }
    let full = BarLayout::fit(days.len(), bars_area.width);
    let top = bucket(days, full.days_per_bar)
        .into_iter()
        .max()
        .unwrap_or(0);
    let scale = scale_lines(top, bars_area.height);
    let scale_width = scale
        .iter()
        .map(|line| u16::try_from(line.width()).unwrap_or(u16::MAX))
        .max()
        .unwrap_or(0);
    // The scale goes right of the bars when it costs them no days, only width.
    let narrower = BarLayout::fit(days.len(), bars_area.width.saturating_sub(scale_width));
    let (layout, with_scale) = if narrower.days_per_bar == full.days_per_bar {
        (narrower, true)
    } else {
        (full, false)
    };
    let span = layout.span(days.len());
    let bars: Vec<Bar> = bucket(days, layout.days_per_bar)
        .into_iter()
        .map(|value| Bar::new(value).text_value(String::new()))
        .collect();
    let chart = BarChart::new(bars)
        .bar_width(layout.width)
        .bar_gap(layout.gap)
        .bar_style(Style::new().fg(ACCENT));
    let [bars_only, scale_area] = bars_area.layout(&Layout::horizontal([
        Constraint::Length(span),
        Constraint::Min(0),
    ]));
    frame.render_widget(chart, bars_only);
    if with_scale {
        frame.render_widget(Paragraph::new(scale), scale_area);
    }
    frame.render_widget(Paragraph::new(axis_line(days, usize::from(span))), axis);
}

/// The scale beside bars `height` rows tall whose tallest is `top` cents: the top, the
/// middle (when there are rows enough) and zero, in whole euros.
fn scale_lines(top: u64, height: u16) -> Vec<Line<'static>> {
    let dim = Style::new().add_modifier(Modifier::DIM);
    let label = |cents: u64| Line::styled(format!(" ┤ {} €", grouped(cents.div_ceil(100))), dim);
    let rows = usize::from(height);
    let mut lines = vec![Line::raw(""); rows];
    if rows == 0 || top == 0 {
        return lines;
    }
    lines[0] = label(top);
    if rows >= 5 {
        lines[rows / 2] = label(top / 2);
    }
    if rows >= 2 {
        lines[rows - 1] = label(0);
    }
    lines
}

/// "25 Oct ······ 9 Nov ······ 23 Nov" across `width` columns: the first, middle and last
/// dates, the middle one left out when it does not fit.
fn axis_line(days: &[DailyRevenue], width: usize) -> Line<'static> {
    let date = |index: usize| {
        days.get(index)
            .map_or_else(String::new, |d| day_month(&d.date))
    };
    let first = date(0);
    let last = date(days.len().saturating_sub(1));
    let middle = date(days.len() / 2);
    let room = width.saturating_sub(first.chars().count() + last.chars().count());
    let dim = Style::new().add_modifier(Modifier::DIM);
    let inside = if room >= middle.chars().count() + 4 {
        let before = (room - middle.chars().count()) / 2;
        let after = room - middle.chars().count() - before;
        format!("{}{middle}{}", " ".repeat(before), " ".repeat(after))
    } else {
        " ".repeat(room.max(1))
    };
    Line::styled(format!("{first}{inside}{last}"), dim)
}

/// The funnel per channel, then all channels together: visitors at each step, the
/// conversion and the cart abandonment ("—" where there is nothing to divide by).
fn funnel_table(heading: &str, all: &Funnel, by_channel: &[ChannelFunnel]) -> Table<'static> {
    let right = |text: String| Cell::from(Line::from(text).right_aligned());
    let row = |name: String, funnel: &Funnel| {
        Row::new([
            Cell::from(name),
            right(grouped(funnel.visitors)),
            right(grouped(funnel.added_to_cart)),
            right(grouped(funnel.checkouts_started)),
            right(grouped(funnel.buyers)),
            right(rate(funnel.conversion_rate_bps)),
            right(rate(funnel.cart_abandonment_rate_bps)),
        ])
    };
    let mut rows: Vec<Row> = by_channel
        .iter()
        .map(|channel| row(channel_label(channel.channel.as_str()), &channel.funnel))
        .collect();
    rows.push(row("all".to_owned(), all).style(Style::new().add_modifier(Modifier::BOLD)));
    let header = Row::new([
        Cell::from(heading.to_owned()),
        right("Visitors".to_owned()),
        right("Cart".to_owned()),
        right("Checkout".to_owned()),
        right("Buyers".to_owned()),
        right("Conversion".to_owned()),
        right("Abandonment".to_owned()),
    ])
    .style(header_style());
    let widths = [
        Constraint::Length(16),
        Constraint::Length(9),
        Constraint::Length(7),
        Constraint::Length(9),
        Constraint::Length(7),
        Constraint::Length(11),
        Constraint::Length(12),
    ];
    Table::new(rows, widths).header(header)
}

/// Splits `area` into its `top` rows, the funnel per channel under them (drawn there,
/// headed `heading`, a blank row on each side) when `rest` rows are still left below it,
/// and those rows; answers the top and the rest.
pub fn around_funnel(
    frame: &mut Frame,
    area: Rect,
    top: u16,
    rest: u16,
    heading: &str,
    all: &Funnel,
    by_channel: &[ChannelFunnel],
) -> [Rect; 2] {
    // A row per channel, the header and the total.
    let funnel_rows = u16::try_from(by_channel.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let roomy = area.height >= top + funnel_rows + 2 + rest;
    let (gap, funnel_rows) = if roomy { (1, funnel_rows) } else { (0, 0) };
    let [top_area, _, funnel, _, rest_area] = area.layout(&Layout::vertical([
        Constraint::Length(top),
        Constraint::Length(1),
        Constraint::Length(funnel_rows),
        Constraint::Length(gap),
        Constraint::Min(0),
    ]));
    if roomy {
        frame.render_widget(funnel_table(heading, all, by_channel), funnel);
    }
    [top_area, rest_area]
}

/// How a channel reads: the public API is what the mobile app uses.
fn channel_label(channel: &str) -> String {
    match channel {
        "api" => "app (API)".to_owned(),
        other => other.to_owned(),
    }
}

/// "1 order", "3 orders".
pub fn plural(count: u64, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// "Label       value" in `label_width` columns, the value cut to fit `width`.
pub fn figure(
    label: &str,
    label_width: usize,
    value: Vec<Span<'static>>,
    width: usize,
) -> Line<'static> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut spans = vec![Span::styled(format!("{label:<label_width$}"), bold)];
    let mut room = width.saturating_sub(label_width);
    for span in value {
        let length = span.content.chars().count();
        if length <= room {
            room -= length;
            spans.push(span);
        } else {
            spans.push(Span::styled(fit(&span.content, room), span.style));
            break;
        }
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use api_types::analytics::DailyRevenue;

    use super::{BarLayout, axis_line, bucket};

    fn days(amounts: &[i64]) -> Vec<DailyRevenue> {
        amounts
            .iter()
            .enumerate()
            .map(|(index, cents)| DailyRevenue {
                date: format!("2026-11-{:02}", index + 1),
                orders: 1,
                revenue_cents: *cents,
            })
            .collect()
    }

    #[test]
    fn thirty_days_get_a_bar_each_at_80_and_120_columns() {
        assert_eq!(
            BarLayout::fit(30, 76),
            BarLayout {
                days_per_bar: 1,
                width: 1,
                gap: 1
            }
        );
        assert_eq!(BarLayout::fit(30, 76).span(30), 59);
        let wide = BarLayout::fit(30, 116);
        assert_eq!((wide.days_per_bar, wide.width, wide.gap), (1, 2, 1));
        assert!(wide.span(30) <= 116);
    }

    #[test]
    fn too_many_days_are_summed_and_few_days_do_not_make_huge_bars() {
        let quarter = BarLayout::fit(90, 40);
        assert_eq!(quarter.days_per_bar, 3);
        assert!(quarter.span(90) <= 40);
        let tight = BarLayout::fit(30, 45);
        assert_eq!((tight.days_per_bar, tight.width, tight.gap), (1, 1, 0));
        assert_eq!(BarLayout::fit(7, 116).width, 4);
        assert_eq!(BarLayout::fit(0, 10).span(0), 0);
    }

    #[test]
    fn buckets_keep_the_latest_days_whole_and_count_refunds_as_nothing() {
        assert_eq!(bucket(&days(&[1, 2, 3, 4, 5]), 2), [1, 5, 9]);
        assert_eq!(bucket(&days(&[-5, 7]), 1), [0, 7]);
        assert!(bucket(&[], 3).is_empty());
    }

    #[test]
    fn the_axis_names_the_first_middle_and_last_days_when_they_fit() {
        let month = days(&[1; 30]);
        let wide = axis_line(&month, 59).to_string();
        assert_eq!(wide.chars().count(), 59);
        assert!(wide.starts_with("1 Nov") && wide.ends_with("30 Nov") && wide.contains("16 Nov"));
        let narrow = axis_line(&month, 14).to_string();
        assert_eq!(narrow.trim(), "1 Nov   30 Nov");
    }
}
