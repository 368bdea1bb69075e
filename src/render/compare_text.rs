//! The comparison as a table for a terminal: one plan clause a row, grouped
//! by section heading and month, status in colour, evidence beside it; unplanned
//! work, totals and the completion rate at the end.

use super::compare_csv::status_name;
use crate::model::{Comparison, Status};
use std::io::Write;

const TEXT_WIDTH: usize = 30;
const EVIDENCE_WIDTH: usize = 44;

fn colour(s: Status) -> &'static str {
    match s {
        Status::Done => "\x1b[32m",
        Status::Partial => "\x1b[33m",
        Status::NotDone => "\x1b[31m",
        Status::Mentioned => "\x1b[36m",
        Status::Unreported => "\x1b[90m",
    }
}

/// Display width of a char: CJK and full-width forms take two columns.
fn width(c: char) -> usize {
    if ('\u{1100}'..='\u{115F}').contains(&c)
        || ('\u{2E80}'..='\u{A4CF}').contains(&c)
        || ('\u{AC00}'..='\u{D7A3}').contains(&c)
        || ('\u{F900}'..='\u{FAFF}').contains(&c)
        || ('\u{FE30}'..='\u{FE4F}').contains(&c)
        || ('\u{FF00}'..='\u{FF60}').contains(&c)
        || ('\u{FFE0}'..='\u{FFE6}').contains(&c)
    {
        2
    } else {
        1
    }
}

/// The text on one line, cut to `cols` columns (with …) and padded to them.
fn fit(s: &str, cols: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let total: usize = flat.chars().map(width).sum();
    let (mut out, mut used) = (String::new(), 0);
    if total <= cols {
        out = flat;
        used = total;
    } else {
        for c in flat.chars() {
            let w = width(c);
            if used + w + 1 > cols {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(cols.saturating_sub(used)));
    out
}

/// The group line: heading text, and the month when the heading lacks it.
fn group_head(heading: &Option<String>, month: Option<u32>) -> String {
    let mut head = heading.as_deref().unwrap_or("").trim().to_string();
    if let Some(m) = month.filter(|_| !head.contains('月')) {
        if !head.is_empty() {
            head.push_str(", ");
        }
        head.push_str(&format!("{m}月"));
    }
    head
}

pub fn write<W: Write>(out: &mut W, c: &Comparison, colours: bool) -> std::io::Result<()> {
    writeln!(out, "plan:    {}", c.plan)?;
    writeln!(out, "summary: {}", c.summary)?;
    let mut group: Option<(Option<String>, Option<u32>)> = None;
    for it in &c.items {
        // Grouped by what a reader sees in the plan: the heading text, and
        // the month unless the heading names it already (三月份).
        let g = (it.heading.clone().or_else(|| it.section.clone()), it.month);
        if group.as_ref() != Some(&g) {
            if g.0.is_some() || g.1.is_some() || group.is_some() {
                writeln!(out, "\n── {}", group_head(&g.0, g.1))?;
            }
            group = Some(g);
        }
        let (a, b) = if colours {
            (colour(it.status), "\x1b[0m")
        } else {
            ("", "")
        };
        let ev = it.evidence.as_ref().map_or("", |e| e.text.as_str());
        writeln!(
            out,
            "{:<5} {a}{:<10}{b} {:.2}  {}  {}",
            it.plan_item,
            status_name(it.status),
            it.score,
            fit(&it.text, TEXT_WIDTH),
            fit(ev, EVIDENCE_WIDTH).trim_end()
        )?;
    }
    if !c.unplanned.is_empty() {
        writeln!(out, "\nunplanned:")?;
        for u in &c.unplanned {
            writeln!(
                out,
                "  - {}",
                u.text.split_whitespace().collect::<Vec<_>>().join(" ")
            )?;
        }
    }
    let t = &c.totals;
    writeln!(
        out,
        "\ndone {}  partial {}  not_done {}  mentioned {}  unreported {}  of {} items; completion {:.0}%",
        t.done,
        t.partial,
        t.not_done,
        t.mentioned,
        t.unreported,
        c.items.len(),
        c.completion * 100.0
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_named_by_heading_and_month() {
        let h = |s: &str| Some(s.to_string());
        assert_eq!(group_head(&h("三月份"), Some(3)), "三月份");
        assert_eq!(group_head(&h("具体工作"), Some(9)), "具体工作, 9月");
        assert_eq!(group_head(&h("具体工作"), None), "具体工作");
        assert_eq!(group_head(&None, Some(4)), "4月");
    }
}
