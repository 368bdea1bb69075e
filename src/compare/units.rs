//! Plan units: one per obligation. A plan sentence is cut at its commas and
//! the chunks that are no obligation of their own (a lead-in such as
//! 利用每周三下午的时间 or 在学习理论的基础上, or a chunk of a few
//! characters such as 部分年级) are joined to the chunk after them, so that
//! 省级课题结题2项,市级课题立项3项 gives two units and
//! 以教导处,教科室为主体,建立教研网络 gives one. A result or purpose tail
//! (从而…, 使…, 这样既…同时又…) completes the clause before it.

use super::layout::{self, LineKind};
use super::terms::{self, Term};
use crate::dict::entries;
use crate::model::{Document, Item};
use crate::segment;
use crate::text::NormText;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

static LEADINS: &str = include_str!("../../dictionaries/compare_leadins.txt");
static LEADIN_TAILS: &str = include_str!("../../dictionaries/compare_leadin_tails.txt");

static LEADIN_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| entries(LEADINS).collect());
static TAIL_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| entries(LEADIN_TAILS).collect());
static RESULT_TAILS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    entries(include_str!("../../dictionaries/compare_result_tails.txt")).collect()
});

/// A lead-in chunk longer than this many characters is read as a clause of
/// its own (在课题研究的针对性、实效性方面下功夫 is an obligation).
const LEADIN_MAX_CHARS: usize = 16;
/// Chunks shorter than this are joined to a neighbour (部分年级, 提供保证).
const MIN_CLAUSE_CHARS: usize = 5;

/// One plan clause to look for in the summary.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Index of its item in `doc.items`.
    pub item: usize,
    /// Char range in the normalised text.
    pub norm: Range<usize>,
    /// Normalised (simplified, half-width) text.
    pub text: String,
    pub month: Option<u32>,
    /// Content terms with their share: a term only in the lead-ins
    /// (利用每周教研组活动时间, …) counts LEADIN_SHARE.
    pub terms: Vec<(Term, f64)>,
}

/// How much a term of a clause's lead-ins counts beside its own obligation.
const LEADIN_SHARE: f64 = 0.5;

fn weighted_terms(lead: &str, core: &str) -> Vec<(Term, f64)> {
    let own = terms::terms(core);
    // `lead` holds the lead-ins and the fragments joined after the core.
    let mut out: Vec<(Term, f64)> = terms::terms(lead)
        .into_iter()
        .filter(|t| !own.contains(t))
        .map(|t| (t, LEADIN_SHARE))
        .collect();
    out.extend(own.into_iter().map(|t| (t, 1.0)));
    out
}

/// The units of a plan document, in document order.
pub fn units(norm: &NormText, doc: &Document) -> Vec<Unit> {
    let text = norm.as_str();
    let mut out = Vec::new();
    for line in layout::doc_lines(norm, doc) {
        if line.kind != LineKind::Body {
            continue;
        }
        for (item, piece) in item_pieces(norm, &doc.items, line.bytes.clone()) {
            let sentences = layout::sentences(text, piece);
            for (k, s) in sentences.iter().enumerate() {
                // A run-in heading (2、加强业务理论学习。利用每周三…) names the
                // entry; its sentences are the obligations.
                if k == 0 && sentences.len() > 1 && is_run_in_heading(text, s.clone()) {
                    continue;
                }
                // A clause of quota wording only (全学期不少于30节 after 行政
                // 人员每周听课不少于2节) asks more of the clause before it: it
                // is found by that clause's words.
                let mut before: Vec<(Term, f64)> = Vec::new();
                for (clause, core) in clauses(text, s.clone()) {
                    let chars = norm.char_at(clause.start)..norm.char_at(clause.end);
                    let clause_text = &text[clause.clone()];
                    let month = section_month(doc, &doc.items[item])
                        .or(line.month)
                        .or_else(|| layout::months_in(clause_text).first().map(|m| m.1))
                        .or_else(|| event_month(doc, &doc.items[item]));
                    let mut terms = weighted_terms(
                        &format!(
                            "{},{}",
                            &text[clause.start..core.start],
                            &text[core.end..clause.end]
                        ),
                        &text[core],
                    );
                    if terms.is_empty() {
                        terms = before.clone();
                    }
                    before = terms.clone();
                    out.push(Unit {
                        item,
                        norm: chars,
                        text: clause_text.to_string(),
                        month,
                        terms,
                    });
                }
            }
        }
    }
    out
}

/// A short first sentence without commas, followed by more on its line: the
/// byte range `s` of `text`. One ended by a semicolon is the first entry of
/// a list (2月:制定计划;召开会议), not a heading.
pub fn is_run_in_heading(text: &str, s: Range<usize>) -> bool {
    let t = &text[s.clone()];
    t.chars().count() <= 10
        && !t.contains([',', '、', ':'])
        && !text[s.end..].trim_start().starts_with(';')
}

/// The clauses of a sentence: byte ranges, and the range of each one's own
/// obligation, without the lead-ins and the fragments joined to it.
pub fn clauses(text: &str, sentence: Range<usize>) -> Vec<(Range<usize>, Range<usize>)> {
    let chunks = layout::chunks(text, sentence);
    let mut out: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut pending: Option<usize> = None;
    // Set once a result tail opens: the rest of the sentence belongs to it.
    let mut tail = false;
    let n = chunks.len();
    for (i, c) in chunks.into_iter().enumerate() {
        let start = pending.take().unwrap_or(c.start);
        let short = content_chars(&text[c.clone()]) < MIN_CLAUSE_CHARS;
        // Judged on the chunk and on the joined text: 以教导处,教科室为主体
        // is one lead-in.
        if i + 1 < n && (short || is_leadin(&text[c.clone()]) || is_leadin(&text[start..c.end])) {
            pending = Some(start);
            continue;
        }
        let own = start == c.start;
        tail = tail || (own && is_result_tail(&text[c.clone()]));
        match out.last_mut() {
            // A short last chunk (提供保证) completes the clause before it.
            Some(prev) if own && short => {
                prev.0.end = c.end;
                prev.1.end = c.end;
            }
            // A result or purpose tail joins the clause before it, outside
            // its core: it is what the obligation is for, not one more.
            Some(prev) if own && tail => prev.0.end = c.end,
            _ => out.push((start..c.end, c.start..c.end)),
        }
    }
    out
}

/// Whether a chunk opens with a result or purpose word, on a word boundary.
fn is_result_tail(chunk: &str) -> bool {
    let ends: HashSet<usize> = segment::words(chunk).into_iter().map(|w| w.end).collect();
    RESULT_TAILS
        .iter()
        .any(|w| chunk.starts_with(w) && ends.contains(&w.len()))
}

fn content_chars(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphanumeric()).count()
}

fn is_leadin(chunk: &str) -> bool {
    (chunk.chars().count() <= LEADIN_MAX_CHARS && LEADIN_WORDS.iter().any(|w| chunk.starts_with(w)))
        || TAIL_WORDS.iter().any(|w| chunk.ends_with(w))
}

/// The parts of the line `bytes` that lie in items, with each one's item
/// index: a schedule line 九月份:1、制定计划;2、学习 holds two items and
/// its month heading, which is no obligation.
fn item_pieces(norm: &NormText, items: &[Item], bytes: Range<usize>) -> Vec<(usize, Range<usize>)> {
    let chars = norm.char_at(bytes.start)..norm.char_at(bytes.end);
    items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.norm.start < chars.end && chars.start < it.norm.end)
        .map(|(i, it)| {
            let from = norm.byte_at(it.norm.start.max(chars.start));
            let to = norm.byte_at(it.norm.end.min(chars.end));
            (i, from..to)
        })
        .collect()
}

/// The month of the item's section or of a section above it.
fn section_month(doc: &Document, item: &Item) -> Option<u32> {
    let mut seen = HashSet::new();
    let mut id = item.section.clone();
    while let Some(sid) = id {
        if !seen.insert(sid.clone()) {
            break;
        }
        let s = doc.sections.iter().find(|s| s.id == sid)?;
        if let Some(m) = s.months.first() {
            return Some(*m);
        }
        id = s.parent.clone();
    }
    None
}

fn event_month(doc: &Document, item: &Item) -> Option<u32> {
    doc.events
        .iter()
        .filter(|e| e.item == item.id)
        .find_map(|e| e.when.month.or_else(|| e.when.months.first().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        clauses(s, 0..s.len())
            .into_iter()
            .map(|r| &s[r.0])
            .collect()
    }

    #[test]
    fn a_first_entry_ended_by_a_semicolon_is_no_run_in_heading() {
        let head = "加强理论学习。利用每周三下午学习";
        assert!(is_run_in_heading(head, 0..head.find('。').unwrap_or(0)));
        // written for this test: the first of a schedule line's entries
        let list = "制定课题组学期计划;召开课题组会议";
        assert!(!is_run_in_heading(list, 0..list.find(';').unwrap_or(0)));
    }

    #[test]
    fn a_clause_of_quota_wording_only_is_found_by_the_clause_before() {
        // written for this test
        let p = crate::extract_bytes(
            "p.txt",
            "学校教学计划\n一、常规\n1.行政人员每周听课不少于2节,全学期不少于30节。\n2.开设校本选修课程。\n"
                .as_bytes(),
        )
        .expect("extracts");
        let doc = &p.extract.documents[0];
        let u = units(&p.norm, doc);
        let of = |t: &str| u.iter().find(|x| x.text == t).map(|x| x.terms.clone());
        let before = of("行政人员每周听课不少于2节").expect("first clause");
        assert!(!before.is_empty());
        assert_eq!(of("全学期不少于30节"), Some(before));
    }

    #[test]
    fn lead_in_terms_count_less() {
        let t = weighted_terms("利用每周教研组活动时间,", "主管领导亲自参加");
        let share = |w: &str| t.iter().find(|x| x.0.surface == w).map(|x| x.1);
        assert_eq!(share("教研组"), Some(LEADIN_SHARE));
        assert_eq!(share("主管"), Some(1.0));
    }

    #[test]
    fn lead_ins_and_short_chunks_join_the_next_clause() {
        assert_eq!(
            split("加强组织领导,加大管理力度,以教导处,教科室为主体,建立教师多学科互动参与教科研网络,为教育科研的顺利开展,提供保证"),
            [
                "加强组织领导",
                "加大管理力度",
                "以教导处,教科室为主体,建立教师多学科互动参与教科研网络",
                "为教育科研的顺利开展,提供保证"
            ]
        );
        assert_eq!(
            split("让大多数教师在学习理论的基础上,进行课堂教学展示"),
            ["让大多数教师在学习理论的基础上,进行课堂教学展示"]
        );
        assert_eq!(
            split("积极探索备课制度改革,部分年级,部分学科,实行集体备课制"),
            ["积极探索备课制度改革", "部分年级,部分学科,实行集体备课制"]
        );
    }

    #[test]
    fn result_tails_complete_the_clause_before() {
        assert_eq!(
            split("将课题实验与校本教研紧密结合,在课题研究的针对性、实效性方面下功夫,使教师在经验反思中迅速成长"),
            [
                "将课题实验与校本教研紧密结合",
                "在课题研究的针对性、实效性方面下功夫,使教师在经验反思中迅速成长"
            ]
        );
        // written for this test: the tail runs to the end of the sentence,
        // and its words count less than the obligation's own
        let s = "组织教师互相听课,这样既促进了交流,同时又提高了教学水平";
        let c = clauses(s, 0..s.len());
        assert_eq!(c.len(), 1);
        assert_eq!(&s[c[0].1.clone()], "组织教师互相听课");
        // 使 opens a tail only as a word of its own: 使用 is a verb.
        assert_eq!(
            split("开展信息技术培训,使用多媒体设备上课"),
            ["开展信息技术培训", "使用多媒体设备上课"]
        );
    }

    #[test]
    fn schedule_lines_give_each_entry_with_its_month() {
        // written for this test: entries run in after a month heading, and
        // sub-entries run in after a lead-in, are units of their own
        let text = "数学组工作计划\n一、主要工作\n1.组织同课异构活动两次。\n二、行事历\n十月份：1、同课异构活动；2、计算竞赛。\n十一月份：1、作业设计评比。\n";
        let parsed = crate::extract_bytes("plan.txt", text.as_bytes()).expect("parses");
        let doc = &parsed.extract.documents[0];
        let got: Vec<(String, Option<u32>)> = units(&parsed.norm, doc)
            .into_iter()
            .map(|u| (u.text, u.month))
            .collect();
        let want = [
            ("组织同课异构活动两次", None),
            ("同课异构活动", Some(10)),
            ("计算竞赛", Some(10)),
            ("作业设计评比", Some(11)),
        ];
        assert_eq!(got, want.map(|(t, m)| (t.to_string(), m)).to_vec());
    }

    #[test]
    fn several_obligations_give_several_clauses() {
        // written for this test: one quota per level
        assert_eq!(
            split("省级课题力争结题2项,市级课题立项3项,区级课题申报5项"),
            ["省级课题力争结题2项", "市级课题立项3项", "区级课题申报5项"]
        );
    }
}
