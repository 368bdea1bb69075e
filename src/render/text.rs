//! The human digest of `planx extract --format text`: each document on about
//! one screen — title, kind and period; goals; a table of quotas; a
//! month-by-month timeline with recurring events listed once with their
//! rhythm; topics by kind and level; warnings.
//!
//! Columns are aligned by display width (a CJK character takes two
//! columns), and long texts are cut with `…` to the given width.

use crate::model::{Document, Event, Extract, Kind, Quota, Warning};
use std::collections::BTreeMap;
use std::io::{self, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How the digest is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Terminal width in columns.
    pub width: usize,
    /// Bold headings with ANSI escapes.
    pub color: bool,
    /// Entries shown per list before `… N more`.
    pub max_rows: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            width: 100,
            color: false,
            max_rows: 12,
        }
    }
}

/// Writes the digest of every document of one file.
pub fn write<W: Write>(out: &mut W, ex: &Extract, opt: &Options) -> io::Result<()> {
    let n = ex.documents.len();
    if n == 0 {
        writeln!(out, "{}: no documents", ex.source)?;
    }
    for doc in &ex.documents {
        document(out, ex, doc, n, opt)?;
    }
    let loose: Vec<&Warning> = ex
        .warnings
        .iter()
        .filter(|w| !ex.documents.iter().any(|d| within(w, d)))
        .collect();
    if !loose.is_empty() {
        heading(out, opt, &format!("Warnings for {}", ex.source))?;
        for w in loose {
            warning(out, w, opt)?;
        }
    }
    Ok(())
}

fn within(w: &Warning, d: &Document) -> bool {
    w.span
        .is_some_and(|s| d.span[0] <= s[0] && s[1] <= d.span[1])
}

fn heading<W: Write>(out: &mut W, opt: &Options, text: &str) -> io::Result<()> {
    if opt.color {
        writeln!(out, "\x1b[1m{text}\x1b[0m")
    } else {
        writeln!(out, "{text}")
    }
}

fn document<W: Write>(
    out: &mut W,
    ex: &Extract,
    doc: &Document,
    n: usize,
    opt: &Options,
) -> io::Result<()> {
    let title = doc.title.as_deref().unwrap_or("(untitled)");
    let rule = "━".repeat(opt.width.saturating_sub(title.width() + 4).min(60));
    heading(
        out,
        opt,
        &format!("━━ {} {rule}", cut(title, opt.width.saturating_sub(4))),
    )?;
    let kind = match doc.kind {
        Kind::Plan => "plan",
        Kind::Summary => "summary",
        Kind::Unknown => "kind unknown",
    };
    let mut facts = vec![kind.to_string()];
    if let Some(p) = &doc.period {
        let mut s = p.text.clone();
        let term = p.term.as_deref().map(|t| match t {
            "spring" => "spring term",
            "autumn" => "autumn term",
            "year" => "school year",
            other => other,
        });
        match (p.year, term) {
            (Some(y), Some(t)) => s.push_str(&format!(" ({t} {y})")),
            (None, Some(t)) => s.push_str(&format!(" ({t})")),
            (Some(y), None) => s.push_str(&format!(" ({y})")),
            (None, None) => {}
        }
        facts.push(s);
    } else {
        facts.push("period not stated".into());
    }
    if let Some(d) = &doc.date {
        facts.push(format!("dated {d}"));
    }
    writeln!(out, "{}", facts.join(" · "))?;
    writeln!(
        out,
        "{}, document {} of {n}, {} sections, {} items",
        ex.source,
        doc.index + 1,
        doc.sections.len(),
        doc.items.len()
    )?;
    writeln!(out)?;
    goals(out, doc, opt)?;
    quotas(out, &doc.quotas, opt)?;
    if doc.kind == Kind::Summary {
        figures(out, doc, opt)?;
    }
    timeline(out, &doc.events, opt)?;
    topics(out, doc, opt)?;
    let ws: Vec<&Warning> = ex.warnings.iter().filter(|w| within(w, doc)).collect();
    if !ws.is_empty() {
        heading(out, opt, "Warnings")?;
        for w in ws {
            warning(out, w, opt)?;
        }
    }
    writeln!(out)
}

fn warning<W: Write>(out: &mut W, w: &Warning, opt: &Options) -> io::Result<()> {
    let at = w
        .span
        .map(|s| format!(" (chars {}–{})", s[0], s[1]))
        .unwrap_or_default();
    let line = format!("{}: {}{at}", w.code, w.message);
    writeln!(out, "  ! {}", cut(&line, opt.width.saturating_sub(4)))
}

fn more<W: Write>(out: &mut W, shown: usize, total: usize) -> io::Result<()> {
    if total > shown {
        writeln!(out, "  … {} more", total - shown)?;
    }
    Ok(())
}

fn goals<W: Write>(out: &mut W, doc: &Document, opt: &Options) -> io::Result<()> {
    if doc.goals.is_empty() {
        return writeln!(out, "Goals: none stated\n");
    }
    heading(out, opt, &format!("Goals ({})", doc.goals.len()))?;
    for g in doc.goals.iter().take(opt.max_rows) {
        writeln!(
            out,
            "  • {}",
            cut(&one_line(&g.text), opt.width.saturating_sub(4))
        )?;
    }
    more(out, opt.max_rows, doc.goals.len())?;
    writeln!(out)
}

/// A number as written in a table: integers without a decimal point.
fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn amount(q: &Quota) -> String {
    let cmp = match q.comparator.as_str() {
        ">=" => "≥ ",
        "<=" => "≤ ",
        ">" => "> ",
        "<" => "< ",
        "~" => "≈ ",
        _ => "",
    };
    let value = match (q.value, q.max) {
        (Some(v), Some(m)) => format!("{}–{}", num(v), num(m)),
        (Some(v), None) => num(v),
        (None, _) => "?".into(),
    };
    format!("{cmp}{value} {}", q.unit.as_deref().unwrap_or(""))
        .trim_end()
        .to_string()
}

fn quotas<W: Write>(out: &mut W, qs: &[Quota], opt: &Options) -> io::Result<()> {
    if qs.is_empty() {
        return writeln!(out, "Quotas: none\n");
    }
    heading(out, opt, &format!("Quotas ({})", qs.len()))?;
    let rows: Vec<[String; 4]> = qs
        .iter()
        .take(opt.max_rows)
        .map(|q| {
            [
                one_line(&q.text),
                amount(q),
                if q.per.is_empty() {
                    "—".into()
                } else {
                    q.per.join(", ")
                },
                q.scope.clone().unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    table(out, &["what", "how many", "per", "for whom"], &rows, opt)?;
    more(out, opt.max_rows, qs.len())?;
    writeln!(out)
}

/// What a summary reports in numbers (共收到论文46篇), on a few lines.
fn figures<W: Write>(out: &mut W, doc: &Document, opt: &Options) -> io::Result<()> {
    if doc.figures.is_empty() {
        return Ok(());
    }
    heading(
        out,
        opt,
        &format!("Reported figures ({})", doc.figures.len()),
    )?;
    let texts: Vec<String> = doc.figures.iter().map(|f| one_line(&f.text)).collect();
    let lines = wrap(&texts, opt.width.saturating_sub(4).max(20));
    let keep = (opt.max_rows / 3).max(1);
    for (l, _) in lines.iter().take(keep) {
        writeln!(out, "  {l}")?;
    }
    let hidden: usize = lines.iter().skip(keep).map(|(_, n)| n).sum();
    if hidden > 0 {
        writeln!(out, "  … {hidden} more")?;
    }
    writeln!(out)
}

/// A table whose first column takes the width the others leave.
fn table<W: Write>(
    out: &mut W,
    head: &[&str; 4],
    rows: &[[String; 4]],
    opt: &Options,
) -> io::Result<()> {
    let mut w = [0usize; 4];
    for (i, h) in head.iter().enumerate() {
        w[i] = h.width();
    }
    for r in rows {
        for (i, c) in r.iter().enumerate().skip(1) {
            w[i] = w[i].max(c.width().min(20));
        }
    }
    let rest: usize = w[1..].iter().map(|x| x + 2).sum();
    let first_max = opt.width.saturating_sub(rest + 2).max(12);
    w[0] = rows
        .iter()
        .map(|r| r[0].width())
        .max()
        .unwrap_or(0)
        .clamp(head[0].width(), first_max);
    let line = |cells: [&str; 4]| {
        let mut s = String::from("  ");
        for (i, c) in cells.iter().enumerate() {
            let c = cut(c, w[i]);
            s.push_str(&c);
            if i < 3 {
                s.push_str(&" ".repeat(w[i] - c.width() + 2));
            }
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", line(*head))?;
    for r in rows {
        writeln!(out, "{}", line([&r[0], &r[1], &r[2], &r[3]]))?;
    }
    Ok(())
}

/// The rhythm of a recurring event, in words.
fn rhythm(e: &Event) -> Option<String> {
    let day = e.when.weekday.and_then(|d| {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            .get(d.checked_sub(1)? as usize)
            .copied()
    });
    let r = match e.when.recurrence.as_deref()? {
        "weekly" => "weekly",
        "biweekly" => "every other week",
        "monthly" => "monthly",
        other => other,
    };
    Some(match day {
        Some(d) => format!("{r}, {d}"),
        None => r.to_string(),
    })
}

/// Months of an event: its own list, else its month.
fn months(e: &Event) -> Vec<u32> {
    if e.when.months.is_empty() {
        e.when.month.into_iter().collect()
    } else {
        e.when.months.clone()
    }
}

/// An event's text for the timeline; a deadline (4月30日前) is marked.
fn dated(e: &Event) -> String {
    let text = one_line(&e.text);
    if e.when.relation.as_deref() == Some("by") {
        format!("{text} (deadline)")
    } else {
        text
    }
}

/// Months (1–12) in the order of the term they belong to: the calendar
/// circle is cut at the longest gap between named months, so an autumn term
/// runs 9 … 12, 1 and a deadline named first (6月底前) still comes last.
fn term_order(mut months: Vec<u32>) -> Vec<u32> {
    months.sort_unstable();
    let n = months.len();
    // The month after the longest gap, going round the year.
    let start = (0..n)
        .max_by_key(|&i| {
            let gap = (months[i] + 12 - months[(i + n - 1) % n]) % 12;
            (gap, std::cmp::Reverse(i))
        })
        .unwrap_or(0);
    months.rotate_left(start);
    months
}

fn timeline<W: Write>(out: &mut W, events: &[Event], opt: &Options) -> io::Result<()> {
    if events.is_empty() {
        return writeln!(out, "Timeline: no dated events\n");
    }
    heading(out, opt, &format!("Timeline ({} events)", events.len()))?;
    // Months in term order, each with its events; an entry repeated in
    // several months is listed once, with its months, among the recurring
    // ones.
    let mut order: Vec<u32> = Vec::new();
    let mut by_text: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for e in events {
        for m in months(e) {
            if !order.contains(&m) {
                order.push(m);
            }
            let ms = by_text.entry(key(&e.text)).or_default();
            if !ms.contains(&m) {
                ms.push(m);
            }
        }
    }
    let order = term_order(order);
    let repeated = |e: &Event| by_text.get(&key(&e.text)).is_some_and(|ms| ms.len() > 1);
    let text_w = opt.width.saturating_sub(8);
    for m in &order {
        let mut first = true;
        let mut shown = 0;
        let these: Vec<&Event> = events
            .iter()
            .filter(|e| e.when.recurrence.is_none() && months(e).first() == Some(m) && !repeated(e))
            .collect();
        for e in these.iter().take(opt.max_rows / 2) {
            let label = if first {
                pad(&format!("{m}月"), 5)
            } else {
                " ".repeat(5)
            };
            writeln!(out, "  {label} {}", cut(&dated(e), text_w))?;
            first = false;
            shown += 1;
        }
        if these.len() > shown {
            writeln!(out, "  {}  … {} more", " ".repeat(5), these.len() - shown)?;
        }
    }
    let mut recurring: Vec<(String, String)> = Vec::new();
    for e in events {
        let label = if let Some(r) = rhythm(e) {
            r
        } else if repeated(e) {
            month_list(&by_text.get(&key(&e.text)).cloned().unwrap_or_default())
        } else {
            continue;
        };
        let text = one_line(&e.text);
        if !recurring.iter().any(|(_, t)| key(t) == key(&text)) {
            recurring.push((label, text));
        }
    }
    if !recurring.is_empty() {
        writeln!(out, "  recurring")?;
        let lw = recurring
            .iter()
            .map(|(l, _)| l.width())
            .max()
            .unwrap_or(0)
            .min(24);
        for (label, text) in recurring.iter().take(opt.max_rows) {
            writeln!(
                out,
                "    {}  {}",
                pad(&cut(label, lw), lw),
                cut(text, opt.width.saturating_sub(lw + 6))
            )?;
        }
        if recurring.len() > opt.max_rows {
            writeln!(out, "    … {} more", recurring.len() - opt.max_rows)?;
        }
    }
    let undated = events
        .iter()
        .filter(|e| months(e).is_empty() && rhythm(e).is_none())
        .count();
    if undated > 0 {
        writeln!(
            out,
            "  ({undated} more with a weekday or date but no month)"
        )?;
    }
    writeln!(out)
}

/// Months as a label: a run of three or more consecutive months as a range
/// (9–12月), else each (3月 4月).
fn month_list(ms: &[u32]) -> String {
    let consecutive = ms.windows(2).all(|w| w[1] == w[0] + 1);
    match (ms.first(), ms.last()) {
        (Some(a), Some(b)) if ms.len() >= 3 && consecutive => format!("{a}–{b}月"),
        _ => ms
            .iter()
            .map(|m| format!("{m}月"))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

const KINDS: [(&str, &str); 6] = [
    ("project", "projects"),
    ("programme", "programmes"),
    ("course", "courses"),
    ("publication", "publications"),
    ("rule", "rules"),
    ("other", "other"),
];

fn topics<W: Write>(out: &mut W, doc: &Document, opt: &Options) -> io::Result<()> {
    if doc.topics.is_empty() {
        return writeln!(out, "Topics: none named\n");
    }
    heading(out, opt, &format!("Topics ({})", doc.topics.len()))?;
    let label_w = KINDS.iter().map(|(_, l)| l.width()).max().unwrap_or(0);
    for (kind, label) in KINDS {
        let names: Vec<String> = doc
            .topics
            .iter()
            .filter(|t| t.kind == kind || (kind == "other" && !KINDS.iter().any(|k| k.0 == t.kind)))
            .map(|t| match &t.level {
                Some(l) => format!("{} ({l})", one_line(&t.name)),
                None => one_line(&t.name),
            })
            .collect();
        if names.is_empty() {
            continue;
        }
        let indent = label_w + 4;
        let lines = wrap(&names, opt.width.saturating_sub(indent).max(20));
        let keep = (opt.max_rows / 3).max(1);
        for (i, (l, _)) in lines.iter().enumerate().take(keep) {
            let lab = if i == 0 {
                pad(label, label_w)
            } else {
                " ".repeat(label_w)
            };
            writeln!(out, "  {lab}  {l}")?;
        }
        let hidden: usize = lines.iter().skip(keep).map(|(_, n)| n).sum();
        if hidden > 0 {
            writeln!(out, "  {}  … {hidden} more", " ".repeat(label_w))?;
        }
    }
    writeln!(out)
}

/// Joins names with `·`, starting a new line before the width is passed;
/// each line with the number of names on it.
fn wrap(names: &[String], width: usize) -> Vec<(String, usize)> {
    let mut lines: Vec<(String, usize)> = Vec::new();
    let mut cur = (String::new(), 0);
    for n in names {
        let n = cut(n, width);
        if cur.1 > 0 && cur.0.width() + 3 + n.width() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if cur.1 > 0 {
            cur.0.push_str(" · ");
        }
        cur.0.push_str(&n);
        cur.1 += 1;
    }
    if cur.1 > 0 {
        lines.push(cur);
    }
    lines
}

/// A text on one line: runs of whitespace become one space.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text for comparing entries: no spaces or punctuation.
fn key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Cuts a text to at most `width` columns, ending it with `…` when cut.
fn cut(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Pads a text with spaces to `width` columns.
fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Goal, Script, Topic, When};

    #[test]
    fn months_run_in_term_order() {
        assert_eq!(term_order(vec![6, 2, 3, 4, 5]), [2, 3, 4, 5, 6]);
        assert_eq!(term_order(vec![1, 9, 10, 12, 11]), [9, 10, 11, 12, 1]);
        assert_eq!(term_order(vec![7]), [7]);
        assert_eq!(
            term_order((1..=12).rev().collect()),
            (1..=12).collect::<Vec<_>>()
        );
        assert_eq!(term_order(vec![]), Vec::<u32>::new());
    }

    fn doc() -> Document {
        Document {
            index: 0,
            title: Some("小学春学期教科室工作计划".into()),
            kind: Kind::Plan,
            script: Script::Simplified,
            span: [0, 100],
            period: None,
            date: None,
            sections: vec![],
            items: vec![],
            goals: vec![Goal {
                item: "i1".into(),
                text: "力争本学期教师论文获奖层次有突破".into(),
                span: [0, 5],
            }],
            quotas: vec![Quota {
                item: "i2".into(),
                text: "一学期每人不少于8篇".into(),
                span: [5, 10],
                value: Some(8.0),
                max: None,
                unit: Some("篇".into()),
                comparator: ">=".into(),
                per: vec!["学期".into(), "人".into()],
                scope: Some("35周岁以下".into()),
            }],
            figures: vec![],
            events: vec![
                ev("召开教科研工作会议", Some(2), None),
                ev("组织论文参赛及投稿", Some(3), None),
                ev("组织论文参赛及投稿", Some(4), None),
                ev("每周三业务学习", None, Some("weekly")),
                ev("每周三业务学习", None, Some("weekly")),
            ],
            topics: vec![
                Topic {
                    name: "白沙杯".into(),
                    span: [0, 1],
                    kind: "programme".into(),
                    level: None,
                },
                Topic {
                    name: "小学数学“润泽课堂”案例研究".into(),
                    span: [0, 1],
                    kind: "project".into(),
                    level: Some("省级".into()),
                },
            ],
            norm: 0..0,
            title_norm: None,
        }
    }

    fn ev(text: &str, month: Option<u32>, rec: Option<&str>) -> Event {
        Event {
            item: "i3".into(),
            text: text.into(),
            span: [0, 1],
            when: When {
                month,
                months: month.into_iter().collect(),
                weekday: rec.map(|_| 3),
                recurrence: rec.map(str::to_string),
                ..When::default()
            },
        }
    }

    fn render(d: Document) -> String {
        let ex = Extract {
            schema: crate::model::EXTRACT_SCHEMA.into(),
            source: "plan.txt".into(),
            format: "txt".into(),
            encoding: "utf-8".into(),
            documents: vec![d],
            warnings: vec![],
        };
        let mut buf = Vec::new();
        write(&mut buf, &ex, &Options::default()).expect("writing to a Vec cannot fail");
        String::from_utf8(buf).expect("the digest is UTF-8")
    }

    #[test]
    fn digest_has_every_part() {
        let s = render(doc());
        assert!(s.contains("━━ 小学春学期教科室工作计划"), "{s}");
        assert!(s.contains("plan · period not stated"), "{s}");
        assert!(s.contains("• 力争本学期教师论文获奖层次有突破"), "{s}");
        assert!(s.contains("≥ 8 篇"), "{s}");
        assert!(s.contains("学期, 人"), "{s}");
        assert!(s.contains("35周岁以下"), "{s}");
        assert!(s.contains("2月"), "{s}");
        assert!(s.contains("小学数学“润泽课堂”案例研究 (省级)"), "{s}");
        assert!(s.contains("programmes    白沙杯"), "{s}");
    }

    #[test]
    fn recurring_events_are_listed_once_with_their_rhythm() {
        let s = render(doc());
        assert_eq!(s.matches("每周三业务学习").count(), 1, "{s}");
        assert!(s.contains("weekly, Wed"), "{s}");
        // Repeated in March and April: once, with both months.
        assert_eq!(s.matches("组织论文参赛及投稿").count(), 1, "{s}");
        assert!(s.contains("3月 4月"), "{s}");
    }

    #[test]
    fn quota_columns_align_by_display_width() {
        let mut d = doc();
        let mut q = d.quotas[0].clone();
        q.text = "每篇不少于300字".into();
        q.value = Some(300.0);
        q.unit = Some("字".into());
        q.per = vec![];
        q.scope = None;
        d.quotas.push(q);
        let s = render(d);
        let cols: Vec<usize> = s
            .lines()
            .filter(|l| l.contains("≥ "))
            .map(|l| l[..l.find('≥').unwrap_or(0)].width())
            .collect();
        assert_eq!(cols.len(), 2, "{s}");
        assert_eq!(cols[0], cols[1], "{s}");
    }

    #[test]
    fn long_topic_lists_are_cut_with_a_count() {
        let mut d = doc();
        for i in 0..40 {
            d.topics.push(Topic {
                name: format!("第{i}个很长很长的课题名称研究"),
                span: [0, 1],
                kind: "project".into(),
                level: None,
            });
        }
        let s = render(d);
        assert!(s.lines().count() < 60, "{s}");
        let more = s.lines().find(|l| l.contains("more")).unwrap_or_default();
        let shown = s.matches("很长很长").count();
        assert!(more.contains(&format!("… {} more", 40 - shown)), "{s}");
    }

    #[test]
    fn month_runs_read_as_ranges() {
        assert_eq!(month_list(&[9, 10, 11, 12]), "9–12月");
        assert_eq!(month_list(&[3, 4]), "3月 4月");
        assert_eq!(month_list(&[3, 5, 6]), "3月 5月 6月");
    }

    #[test]
    fn cut_respects_wide_characters() {
        assert_eq!(cut("教科室工作计划", 8), "教科室…");
        assert_eq!(cut("abc", 8), "abc");
        assert!(cut("教科室工作计划", 8).width() <= 8);
    }

    #[test]
    fn summaries_show_their_figures() {
        let mut d = doc();
        d.figures.push(crate::model::Figure {
            item: "i9".into(),
            text: "共收到论文46篇".into(),
            span: [0, 1],
            value: Some(46.0),
            unit: Some("篇".into()),
        });
        assert!(!render(d.clone()).contains("共收到论文46篇"));
        d.kind = Kind::Summary;
        let s = render(d);
        assert!(
            s.contains("Reported figures (1)") && s.contains("共收到论文46篇"),
            "{s}"
        );
    }

    #[test]
    fn empty_document_says_so() {
        let mut d = doc();
        d.goals.clear();
        d.quotas.clear();
        d.events.clear();
        d.topics.clear();
        let s = render(d);
        assert!(s.contains("Goals: none stated"));
        assert!(s.contains("Quotas: none"));
        assert!(s.contains("Timeline: no dated events"));
        assert!(s.contains("Topics: none named"));
    }
}
