//! Flags: what a person reading a batch should look at, each with a code
//! and a one-line explanation. Every check is a small function over a
//! document (and what the file name says); `CODES` is the one table of
//! codes and explanations that the report prints as its legend.

use crate::clean::fold;
use crate::dict;
use crate::model::{Document, Kind, Warning};
use regex::Regex;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// Every flag code with its one-line explanation.
pub const CODES: &[(&str, &str)] = &[
    (
        "no-goals",
        "计划没有“目标”部分,也没有写出目标 (a plan with no goals section)",
    ),
    (
        "no-schedule",
        "计划没有按月或按日期的安排 (a plan with no dated schedule)",
    ),
    (
        "goals-no-number",
        "目标中没有任何数字,无法检查是否完成 (goals with no number anywhere)",
    ),
    (
        "numbering-gap",
        "编号跳号,可能漏掉了条目 (numbering jumps, e.g. 1、 then 4、)",
    ),
    (
        "empty-section",
        "有标题但下面没有内容 (a heading with nothing under it)",
    ),
    (
        "month-outside-term",
        "安排的月份不在本学期内 (months outside the stated term)",
    ),
    (
        "web-template",
        "有网上范文的痕迹 (traces of a web template: site text, placeholders)",
    ),
    (
        "near-duplicate",
        "与另一所学校的文件大段相同 (text shared with another school's document)",
    ),
    (
        "low-completion",
        "总结中完成率低于 50% (a summary whose completion is below 0.5)",
    ),
    (
        "decoding",
        "文件编码有问题,部分文字可能是乱码 (decoding trouble)",
    ),
    (
        "no-plan",
        "总结找不到对应的计划 (a summary without its plan in the batch)",
    ),
    (
        "no-summary",
        "计划找不到对应的总结 (a plan without its summary in the batch)",
    ),
];

/// The explanation of a flag code.
pub fn explain(code: &str) -> &'static str {
    CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, e)| e)
}

/// One finding about one document.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Flag {
    pub code: String,
    pub message: String,
}

impl Flag {
    fn new(code: &'static str, message: String) -> Self {
        debug_assert!(CODES.iter().any(|(c, _)| *c == code), "{code}");
        Flag {
            code: code.to_string(),
            message,
        }
    }
}

/// What the flags need besides the document: its kind and term, from the
/// document when it states them, else from the file name.
pub struct Context<'a> {
    pub kind: Kind,
    pub term: Option<&'a str>,
    /// The document's source text folded to simplified (for web traces).
    pub folded_text: &'a str,
    /// Web-template traces found in the file outside every document.
    pub file_traces: &'a [String],
    pub warnings: &'a [Warning],
}

/// Every per-document flag (near-duplicates and completion come later,
/// when the batch and the pair are known).
pub fn check(doc: &Document, ctx: &Context) -> Vec<Flag> {
    let mut flags = Vec::new();
    if ctx.kind == Kind::Plan {
        flags.extend(no_goals(doc));
        flags.extend(no_schedule(doc));
    }
    flags.extend(goals_without_number(doc));
    flags.extend(numbering_gaps(doc));
    flags.extend(empty_sections(doc));
    flags.extend(months_outside_term(doc, ctx.term));
    flags.extend(web_template(ctx.folded_text, ctx.file_traces));
    flags.extend(decoding(ctx.warnings));
    flags
}

fn names_goals(heading: &str) -> bool {
    let h = fold::to_simplified(heading);
    h.contains("目标")
}

/// A plan without a 目标 heading and without any goal found elsewhere.
pub fn no_goals(doc: &Document) -> Option<Flag> {
    let has = !doc.goals.is_empty() || doc.sections.iter().any(|s| names_goals(&s.heading));
    (!has).then(|| Flag::new("no-goals", "计划中没有“目标”部分,也没有找到目标".into()))
}

/// A plan none of whose events or month headings names a month or a date.
pub fn no_schedule(doc: &Document) -> Option<Flag> {
    let dated = doc
        .events
        .iter()
        .any(|e| e.when.month.is_some() || !e.when.months.is_empty() || e.when.day.is_some())
        || doc.sections.iter().any(|s| !s.months.is_empty());
    (!dated).then(|| Flag::new("no-schedule", "计划中没有写明月份或日期的安排".into()))
}

/// A number in a goal: digits, a percentage, or a Chinese numeral counting
/// something (三篇, 两个). Known false negative: 一个中心 counts as a number.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9０-９%％]|[一二两三四五六七八九十百千万]+\s*(?:个|篇|次|项|节|名|人|位|本|份|场|期|课|所|成|倍|门|届|家|批)")
        .expect("number pattern")
});

/// Goals none of which holds a number: nothing in them can be checked.
pub fn goals_without_number(doc: &Document) -> Option<Flag> {
    if doc.goals.is_empty() {
        return None;
    }
    let goal_items: BTreeSet<&str> = doc.goals.iter().map(|g| g.item.as_str()).collect();
    let counted = doc
        .quotas
        .iter()
        .any(|q| goal_items.contains(q.item.as_str()))
        || doc.goals.iter().any(|g| NUMBER.is_match(&g.text));
    (!counted).then(|| {
        Flag::new(
            "goals-no-number",
            format!("{} 条目标中没有任何数字", doc.goals.len()),
        )
    })
}

/// A list marker read as (style, number): "4、" → ("N、", 4), "(三)" →
/// ("(C)", 3), "⑤" → ("①", 5). None for bullets and unnumbered text.
pub fn parse_marker(marker: &str) -> Option<(String, u32)> {
    let m: String = marker.trim().chars().map(fold::fold_width).collect();
    let mut chars = m.chars();
    if let (Some(c), None) = (chars.next(), chars.clone().next()) {
        // A single enclosed numeral.
        let ranges: [(u32, u32, &str); 4] = [
            (0x2460, 0x2473, "①"),
            (0x2474, 0x2487, "⑴"),
            (0x2488, 0x249B, "⒈"),
            (0x3220, 0x3229, "㈠"),
        ];
        let c = c as u32;
        return ranges
            .iter()
            .find(|(a, b, _)| (*a..=*b).contains(&c))
            .map(|(a, _, style)| (style.to_string(), c - a + 1));
    }
    let digits: String = m.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return Some((digit_style(&m), digits.parse().ok()?));
    }
    let han: String = m
        .chars()
        .filter(|c| "零一二三四五六七八九十".contains(*c))
        .collect();
    let value = chinese_number(&han)?;
    let style: String = m
        .chars()
        .map(|c| {
            if "零一二三四五六七八九十".contains(c) {
                'C'
            } else {
                c
            }
        })
        .collect::<String>()
        .replace("CC", "C")
        .replace("CC", "C");
    Some((style, value))
}

/// The marker with its digits replaced by one placeholder: "(12)" → "(N)".
fn digit_style(marker: &str) -> String {
    let mut out = String::new();
    let mut in_digits = false;
    for c in marker.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('N');
            }
            in_digits = true;
        } else {
            out.push(c);
            in_digits = false;
        }
    }
    out
}

/// 一 … 九十九, as list markers use them.
fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".find(c).map(|b| (b / 3) as u32);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        [d] if *d == '十' => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// Numbered entries by (parent section, sections or items, marker style):
/// the (number, marker) of each, in document order.
type NumberedLists<'a> = BTreeMap<(Option<&'a str>, bool, String), Vec<(u32, &'a str)>>;

/// Numbering that jumps (1、 then 4、) among the items of a section or the
/// subsections of a section. A restart at 1 or a repeat is not a gap.
pub fn numbering_gaps(doc: &Document) -> Vec<Flag> {
    let mut lists: NumberedLists = BTreeMap::new();
    for s in &doc.sections {
        if let Some((style, v)) = parse_marker(&s.marker) {
            lists
                .entry((s.parent.as_deref(), true, style))
                .or_default()
                .push((v, s.marker.as_str()));
        }
    }
    for item in &doc.items {
        if let Some(marker) = &item.marker {
            if let Some((style, v)) = parse_marker(marker) {
                lists
                    .entry((item.section.as_deref(), false, style))
                    .or_default()
                    .push((v, marker.as_str()));
            }
        }
    }
    let heading = |id: Option<&str>| {
        id.and_then(|id| doc.sections.iter().find(|s| s.id == id))
            .map(|s| format!("“{}{}”下", s.marker, s.heading))
            .unwrap_or_else(|| "文档中".into())
    };
    let mut flags = Vec::new();
    for ((parent, _, _), seq) in &lists {
        for w in seq.windows(2) {
            let ((a, ma), (b, mb)) = (w[0], w[1]);
            if b > a + 1 {
                flags.push(Flag::new(
                    "numbering-gap",
                    format!(
                        "{}编号从 {} 跳到 {}",
                        heading(*parent),
                        ma.trim(),
                        mb.trim()
                    ),
                ));
            }
        }
    }
    flags
}

/// Sections with neither items nor subsections under them.
pub fn empty_sections(doc: &Document) -> Vec<Flag> {
    let mut used: BTreeSet<&str> = BTreeSet::new();
    used.extend(doc.items.iter().filter_map(|i| i.section.as_deref()));
    used.extend(doc.sections.iter().filter_map(|s| s.parent.as_deref()));
    doc.sections
        .iter()
        .filter(|s| !used.contains(s.id.as_str()))
        .map(|s| {
            Flag::new(
                "empty-section",
                format!("“{}{}”下面没有内容", s.marker, s.heading),
            )
        })
        .collect()
}

/// The months of a term: spring 二月–七月, autumn 八月/九月–一月.
fn term_months(term: &str) -> Option<&'static [u32]> {
    match term {
        "spring" => Some(&[2, 3, 4, 5, 6, 7]),
        "autumn" => Some(&[8, 9, 10, 11, 12, 1]),
        _ => None,
    }
}

/// Events or month headings outside the stated term (a spring plan
/// scheduling 九月). The term is the document's, else the file name's.
pub fn months_outside_term(doc: &Document, name_term: Option<&str>) -> Option<Flag> {
    let term = doc
        .period
        .as_ref()
        .and_then(|p| p.term.as_deref())
        .or(name_term)?;
    let allowed = term_months(term)?;
    let mut outside: BTreeSet<u32> = BTreeSet::new();
    let months = doc
        .events
        .iter()
        .flat_map(|e| e.when.months.iter().chain(e.when.month.iter()))
        .chain(doc.sections.iter().flat_map(|s| s.months.iter()));
    for &m in months {
        if (1..=12).contains(&m) && !allowed.contains(&m) {
            outside.insert(m);
        }
    }
    if outside.is_empty() {
        return None;
    }
    let label = if term == "spring" {
        "春季学期(二月至七月)"
    } else {
        "秋季学期(八月至次年一月)"
    };
    let list: Vec<String> = outside.iter().map(|m| format!("{m}月")).collect();
    Some(Flag::new(
        "month-outside-term",
        format!("{label}的文件安排了 {}", list.join("、")),
    ))
}

static WEB_TRACE: LazyLock<Regex> = LazyLock::new(|| {
    let patterns: Vec<String> =
        dict::entries(include_str!("../../dictionaries/audit_web_traces.txt"))
            .map(|p| format!("(?:{p})"))
            .collect();
    Regex::new(&format!("(?i){}", patterns.join("|"))).expect("web trace patterns")
});

/// Folds a source text the way web traces are matched: simplified script,
/// half-width.
pub fn fold_for_traces(text: &str) -> String {
    fold::to_simplified(text)
        .chars()
        .map(fold::fold_width)
        .collect()
}

/// The distinct web-template traces in a folded text, in order of first
/// appearance, at most a few.
pub fn web_traces(folded: &str) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for m in WEB_TRACE.find_iter(folded) {
        let t = m.as_str().to_lowercase();
        if !seen.contains(&t) {
            seen.push(t);
        }
        if seen.len() >= 5 {
            break;
        }
    }
    seen
}

/// Traces of a web template in the document or in the page around it.
pub fn web_template(folded_doc: &str, file_traces: &[String]) -> Option<Flag> {
    let mut traces = web_traces(folded_doc);
    for t in file_traces {
        if !traces.contains(t) {
            traces.push(t.clone());
        }
    }
    (!traces.is_empty()).then(|| {
        let quoted: Vec<String> = traces.iter().map(|t| format!("“{t}”")).collect();
        Flag::new("web-template", format!("网上范文痕迹:{}", quoted.join(" ")))
    })
}

/// Decoding trouble reported by the reader (invalid bytes, mojibake): every
/// warning but "empty", which a file with documents cannot have.
pub fn decoding(warnings: &[Warning]) -> Option<Flag> {
    let msgs: Vec<&str> = warnings
        .iter()
        .filter(|w| w.code != "empty")
        .map(|w| w.message.as_str())
        .collect();
    (!msgs.is_empty()).then(|| Flag::new("decoding", msgs.join("; ")))
}

/// A summary whose completion rate against its plan is below one half.
pub fn low_completion(completion: f64) -> Option<Flag> {
    (completion < 0.5).then(|| {
        Flag::new(
            "low-completion",
            format!("完成率 {:.0}%,低于 50%", completion * 100.0),
        )
    })
}

/// Text shared with another school's document.
pub fn near_duplicate(partner: &str, share: f64) -> Flag {
    Flag::new(
        "near-duplicate",
        format!("约 {:.0}% 的文字与 {partner} 相同", share * 100.0),
    )
}

/// A file named as a summary (or plan) with no partner in the batch.
pub fn unpaired(kind: Kind) -> Option<Flag> {
    match kind {
        Kind::Summary => Some(Flag::new(
            "no-plan",
            "批次中没有找到这份总结对应的计划".into(),
        )),
        Kind::Plan => Some(Flag::new(
            "no-summary",
            "批次中没有找到这份计划对应的总结".into(),
        )),
        Kind::Unknown => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn doc() -> Document {
        let mut d = Document::new(
            0,
            Some("春学期教科室工作计划".into()),
            Script::Simplified,
            [0, 0],
            0..0,
            None,
        );
        d.kind = Kind::Plan;
        d
    }

    fn section(id: &str, parent: Option<&str>, marker: &str, heading: &str) -> Section {
        Section {
            id: id.into(),
            parent: parent.map(Into::into),
            level: 1,
            marker: marker.into(),
            heading: heading.into(),
            span: [0, 0],
            heading_norm: 0..0,
            months: Vec::new(),
        }
    }

    fn item(id: &str, section: Option<&str>, marker: Option<&str>, text: &str) -> Item {
        Item {
            id: id.into(),
            section: section.map(Into::into),
            text: text.into(),
            span: [0, 0],
            role: Role::Measure,
            norm: 0..0,
            marker: marker.map(Into::into),
        }
    }

    fn event(item: &str, months: &[u32]) -> Event {
        Event {
            item: item.into(),
            text: String::new(),
            span: [0, 0],
            when: When {
                month: months.first().copied(),
                months: months.to_vec(),
                ..When::default()
            },
        }
    }

    fn codes(flags: &[Flag]) -> Vec<&str> {
        flags.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn every_code_is_explained_once() {
        let set: BTreeSet<&str> = CODES.iter().map(|(c, _)| *c).collect();
        assert_eq!(set.len(), CODES.len());
        assert!(explain("near-duplicate").contains("another school"));
    }

    #[test]
    fn goals_section_or_goals_count() {
        let mut d = doc();
        assert!(no_goals(&d).is_some());
        d.sections.push(section("s1", None, "二、", "工作目標"));
        assert!(no_goals(&d).is_none(), "traditional heading names goals");
        let mut d = doc();
        d.goals.push(Goal {
            item: "i1".into(),
            text: "力争课题结题".into(),
            span: [0, 0],
        });
        assert!(no_goals(&d).is_none());
    }

    #[test]
    fn schedule_needs_a_month_or_a_date() {
        let mut d = doc();
        assert!(no_schedule(&d).is_some());
        let mut weekly = event("i1", &[]);
        weekly.when.recurrence = Some("weekly".into());
        d.events.push(weekly);
        assert!(no_schedule(&d).is_some(), "a weekly rhythm is not a date");
        d.events.push(event("i2", &[3]));
        assert!(no_schedule(&d).is_none());
        let mut d = doc();
        let mut s = section("s1", None, "", "九月份");
        s.months = vec![9];
        d.sections.push(s);
        assert!(no_schedule(&d).is_none());
    }

    #[test]
    fn goals_with_and_without_numbers() {
        let mut d = doc();
        assert!(
            goals_without_number(&d).is_none(),
            "no goals, nothing to say"
        );
        d.goals.push(Goal {
            item: "i1".into(),
            text: "进一步提高教师的科研能力".into(),
            span: [0, 0],
        });
        assert!(goals_without_number(&d).is_some());
        d.goals.push(Goal {
            item: "i2".into(),
            text: "力争两篇论文在市级以上刊物发表".into(),
            span: [0, 0],
        });
        assert!(goals_without_number(&d).is_none());
        d.goals.pop();
        d.quotas.push(Quota {
            item: "i1".into(),
            text: "x".into(),
            span: [0, 0],
            value: Some(1.0),
            max: None,
            unit: None,
            comparator: "=".into(),
            per: vec![],
            scope: None,
        });
        assert!(
            goals_without_number(&d).is_none(),
            "a quota on a goal item is a number"
        );
    }

    #[test]
    fn reads_markers() {
        assert_eq!(parse_marker("4、"), Some(("N、".into(), 4)));
        assert_eq!(parse_marker("（12）"), Some(("(N)".into(), 12)));
        assert_eq!(parse_marker("三、"), Some(("C、".into(), 3)));
        assert_eq!(parse_marker("(二十一)"), Some(("(C)".into(), 21)));
        assert_eq!(parse_marker("⑤"), Some(("①".into(), 5)));
        assert_eq!(parse_marker("⑶"), Some(("⑴".into(), 3)));
        assert_eq!(parse_marker("㈣"), Some(("㈠".into(), 4)));
        assert_eq!(parse_marker("•"), None);
        assert_eq!(parse_marker(""), None);
    }

    #[test]
    fn numbering_gap_in_items_and_sections() {
        let mut d = doc();
        d.sections.push(section("s1", None, "一、", "常规工作"));
        d.sections.push(section("s2", None, "二、", "课题研究"));
        d.items.push(item("i1", Some("s1"), Some("1、"), "a"));
        d.items.push(item("i2", Some("s1"), Some("(1)"), "a1"));
        d.items.push(item("i3", Some("s1"), Some("(2)"), "a2"));
        d.items.push(item("i4", Some("s1"), None, "prose"));
        d.items.push(item("i5", Some("s1"), Some("2、"), "b"));
        d.items.push(item("i6", Some("s2"), Some("1、"), "c"));
        assert!(numbering_gaps(&d).is_empty(), "{:?}", numbering_gaps(&d));
        d.items.push(item("i7", Some("s2"), Some("4、"), "d"));
        d.sections.push(section("s3", None, "五、", "其他"));
        d.items.push(item("i8", Some("s3"), None, "e"));
        let flags = numbering_gaps(&d);
        assert_eq!(codes(&flags), ["numbering-gap", "numbering-gap"]);
        assert!(flags
            .iter()
            .any(|f| f.message.contains("二、") && f.message.contains("五、")));
        assert!(flags
            .iter()
            .any(|f| f.message.contains("1、 跳到 4、") && f.message.contains("课题研究")));
    }

    #[test]
    fn a_restarted_list_is_not_a_gap() {
        let mut d = doc();
        for (i, m) in ["1.", "2.", "1.", "2."].iter().enumerate() {
            d.items.push(item(&format!("i{i}"), None, Some(m), "x"));
        }
        assert!(numbering_gaps(&d).is_empty());
    }

    #[test]
    fn empty_sections_are_found() {
        let mut d = doc();
        d.sections.push(section("s1", None, "一、", "指导思想"));
        d.sections.push(section("s2", None, "二、", "工作目标"));
        d.sections
            .push(section("s3", Some("s2"), "(一)", "近期目标"));
        d.sections.push(section("s4", None, "三、", "主要工作"));
        d.items.push(item("i1", Some("s1"), None, "x"));
        d.items.push(item("i2", Some("s3"), None, "y"));
        let flags = empty_sections(&d);
        assert_eq!(flags.len(), 1);
        assert!(flags[0].message.contains("三、主要工作"));
    }

    #[test]
    fn months_outside_the_term() {
        let mut d = doc();
        d.events.push(event("i1", &[3]));
        d.events.push(event("i2", &[7, 8]));
        assert!(months_outside_term(&d, None).is_none(), "no term, no check");
        let f = months_outside_term(&d, Some("spring")).unwrap();
        assert!(
            f.message.contains("8月") && !f.message.contains("7月"),
            "{}",
            f.message
        );
        d.period = Some(Period {
            year: Some(2020),
            term: Some("autumn".into()),
            text: "2020年秋学期".into(),
        });
        // The document's own term wins over the file name's.
        let f = months_outside_term(&d, Some("spring")).unwrap();
        assert!(
            f.message.contains("3月") && f.message.contains("7月") && !f.message.contains("8月")
        );
        d.period.as_mut().unwrap().term = Some("year".into());
        assert!(months_outside_term(&d, None).is_none());
        let mut d = doc();
        let mut s = section("s1", None, "", "九月份");
        s.months = vec![9];
        d.sections.push(s);
        assert!(
            months_outside_term(&d, Some("spring")).is_some(),
            "a spring plan scheduling 九月"
        );
        assert!(months_outside_term(&d, Some("autumn")).is_none());
    }

    #[test]
    fn web_traces_in_both_scripts() {
        let t = web_traces(&fold_for_traces(
            "小學2020年春學期教科室工作計劃範文(精選3篇)",
        ));
        assert_eq!(t, ["范文", "(精选3篇)"]);
        let t = web_traces(&fold_for_traces(
            "当前位置:作文吧实用文档 ( 作文 WWW.zuoWenBa.neT )",
        ));
        assert!(
            t.contains(&"当前位置".to_string()) && t.contains(&"www.".to_string()),
            "{t:?}"
        );
        assert!(web_traces(&fold_for_traces("根据20xx年县教委的总体思路"))
            .contains(&"20xx".to_string()));
        // Real school wording that is not a trace.
        assert!(web_traces("精选校本研修项目。以下是本学期的工作要点。").is_empty());
        assert!(web_template("", &[]).is_none());
        assert!(web_template("", &["范文".into()]).is_some());
    }

    #[test]
    fn completion_decoding_and_pairs() {
        assert!(low_completion(0.49).is_some());
        assert!(low_completion(0.5).is_none());
        let w = Warning {
            code: "invalid-bytes".into(),
            message: "3 invalid byte sequence(s)".into(),
            span: None,
        };
        assert_eq!(decoding(std::slice::from_ref(&w)).unwrap().code, "decoding");
        assert!(decoding(&[]).is_none());
        assert_eq!(unpaired(Kind::Summary).unwrap().code, "no-plan");
        assert!(unpaired(Kind::Unknown).is_none());
        assert!(near_duplicate("乙校-计划.txt#0", 0.62)
            .message
            .contains("62%"));
    }

    #[test]
    fn check_applies_plan_flags_to_plans_only() {
        let d = doc();
        let ctx = Context {
            kind: Kind::Summary,
            term: None,
            folded_text: "",
            file_traces: &[],
            warnings: &[],
        };
        assert!(check(&d, &ctx).is_empty());
        let ctx = Context {
            kind: Kind::Plan,
            ..ctx
        };
        assert_eq!(codes(&check(&d, &ctx)), ["no-goals", "no-schedule"]);
    }
}
