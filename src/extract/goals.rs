//! Goals: what a plan sets out to achieve.
//!
//! Takes two things:
//! - the items under a heading that names 目标 (`dictionaries/goal_headings.txt`:
//!   工作目标, 总体目标, 任务与目标), or that structure gave the role `goal`:
//!   each item is one goal (structure makes a numbered entry one item and
//!   prose one item per sentence);
//! - every clause led by a cue of `dictionaries/goal_cues.txt` (力争, 确保,
//!   争取), quoted from the cue to the end of its sentence, of its purpose
//!   clause (为确保…, up to the comma) or of its parenthesis, or up to the
//!   comma before the next cue (确保A,力争B gives two goals). 争取 with an
//!   object of `goal_seek_help.txt` (争取专家的支持) means "seek help" and is
//!   no goal.
//!
//! Example: 我室积极组织投稿,力争本学期教师论文获奖层次、人数均有突破。 gives
//! 力争本学期教师论文获奖层次、人数均有突破.
//!
//! 确保 that only guards a procedure (确保活动安全, 确保…顺利进行, ending
//! with a word of `goal_guards.txt`) is no goal, unless a purpose clause
//! (为确保安全,…) states it as the aim of its measure.
//!
//! Known false positives: a guard worded otherwise (确保每个环节不出差错) is
//! taken as a goal; a heading such as 三、目标 over a list of measures makes
//! them goals.

use super::DocCtx;
use crate::dict;
use crate::dict::{FastMap, FastSet};
use crate::model::{Document, Goal, Role};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static CUE: LazyLock<Regex> = LazyLock::new(|| {
    let alt = dict::alternation(include_str!("../../dictionaries/goal_cues.txt"));
    Regex::new(&format!("(?:{alt})")).expect("goal cue words form a valid regex")
});

static SEEK_HELP: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    dict::entries(include_str!("../../dictionaries/goal_seek_help.txt")).collect()
});

static GUARDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| dict::entries(include_str!("../../dictionaries/goal_guards.txt")).collect());

static HEADING_ENDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| dict::entries(include_str!("../../dictionaries/goal_headings.txt")).collect());

/// Characters trimmed from both ends of a goal quote.
fn is_edge(c: char) -> bool {
    c.is_whitespace() || matches!(c, '。' | ',' | ';' | ':' | '、' | '!' | '?' | '.' | '，')
}

/// Byte range of `text[r]` without edge punctuation and spaces.
fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start_matches(is_edge).len();
    let tail = s.trim_end_matches(is_edge).len();
    if lead >= tail {
        r.start..r.start
    } else {
        r.start + lead..r.start + tail
    }
}

/// Whether a (simplified) heading names the goals of the plan.
pub fn is_goal_heading(heading: &str) -> bool {
    let h = heading
        .trim_end_matches(is_edge)
        .trim_end_matches(['(', ')']);
    HEADING_ENDS.iter().any(|e| h.ends_with(e))
}

/// The goal clauses of a (simplified) text: from each cue to the end of its
/// clause, as trimmed byte ranges.
pub fn cue_clauses(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for m in CUE.find_iter(text) {
        if out.last().is_some_and(|r| r.end > m.start()) {
            continue;
        }
        let before = &text[..m.start()];
        let purpose = before.ends_with('为') || before.ends_with("为了");
        let open = before.matches('(').count() > before.matches(')').count();
        let end = clause_end(text, m.end(), purpose, open);
        // 确保A,力争B: a cue that opens a later clause starts a goal of its own.
        let end = CUE
            .find_iter(&text[m.end()..end])
            .map(|n| m.end() + n.start())
            .find(|&at| text[..at].ends_with([',', '，']))
            .unwrap_or(end);
        let r = trim(text, m.start()..end);
        let clause = &text[r.clone()];
        if m.as_str() == "争取" && SEEK_HELP.iter().any(|w| clause.contains(w)) {
            continue;
        }
        // A purpose clause (为确保安全,…) states the aim of its measure.
        if m.as_str() == "确保" && !purpose && guards_a_procedure(clause) {
            continue;
        }
        if clause.chars().count() > m.as_str().chars().count() + 1 {
            out.push(r);
        }
    }
    out
}

/// Whether a 确保 clause only guards the way a measure is carried out
/// (确保活动安全, 确保各项工作顺利进行) or is the subject of a judgement
/// (确保措施到位十分关键): its first part ends with a word of
/// `goal_guards.txt`. An aim (确保学校的正常教育教学秩序) ends otherwise.
fn guards_a_procedure(clause: &str) -> bool {
    let first = clause
        .split([',', '，', ';', ':'])
        .next()
        .unwrap_or(clause)
        .trim_end_matches(['的', '了']);
    GUARDS.iter().any(|g| first.ends_with(g))
}

/// Where a goal clause that starts at byte `from` ends: at the end of its
/// sentence; at a semicolon unless a colon opened a list; at the comma of a
/// purpose clause; at the bracket that closes the parenthesis it sits in.
fn clause_end(text: &str, from: usize, purpose: bool, in_paren: bool) -> usize {
    let mut depth = 0usize;
    let mut colon = false;
    for (i, c) in text[from..].char_indices() {
        let at = from + i;
        match c {
            '。' | '!' | '?' | '\n' => return at,
            ':' => colon = true,
            ';' if !colon => return at,
            ',' | '，' if purpose => return at,
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            ')' if in_paren => return at,
            _ => {}
        }
    }
    text.len()
}

/// Ids of the sections under a goal heading, with all their descendants
/// (month headings excepted).
fn goal_sections(ctx: &DocCtx, doc: &Document) -> FastSet<String> {
    let mut ids: FastSet<String> = FastSet::default();
    // Sections come in document order, so a parent precedes its children.
    for s in &doc.sections {
        let heading = ctx.norm.slice_chars(s.heading_norm.clone());
        let inherited = s.parent.as_ref().is_some_and(|p| ids.contains(p));
        if s.months.is_empty() && (inherited || is_goal_heading(heading)) {
            ids.insert(s.id.clone());
        }
    }
    ids
}

/// Fills `doc.goals`; items under a goal heading get the role `goal`.
pub fn apply(ctx: &DocCtx, doc: &mut Document) {
    let sections = goal_sections(ctx, doc);
    let mut goals = Vec::new();
    // Headings first: a heading clause (抓好联盟建设,争取丰硕成果) is a goal of
    // its own, pointing at the first item of its section (the contract's
    // `goals.item` is an item id).
    // First item of each section, found in one pass: a long document has
    // thousands of both.
    let mut first_item: FastMap<&str, &str> = FastMap::default();
    for i in &doc.items {
        if let Some(sec) = &i.section {
            first_item.entry(sec.as_str()).or_insert(i.id.as_str());
        }
    }
    for s in &doc.sections {
        let Some(first) = first_item.get(s.id.as_str()) else {
            continue;
        };
        let heading = ctx.norm.slice_chars(s.heading_norm.clone());
        let base = ctx.norm.byte_at(s.heading_norm.start);
        for r in cue_clauses(heading) {
            let span = ctx.norm.src_span_bytes(base + r.start..base + r.end);
            goals.push(Goal {
                item: first.to_string(),
                text: ctx.src.slice(span).to_string(),
                span,
            });
        }
    }
    for item in &mut doc.items {
        let text = ctx.item_text(item);
        // Structure already marks the entries of a 目标 section (a numbered
        // entry whole, prose by sentence); the heading test here also
        // covers deeper nesting.
        let under_goal =
            item.role == Role::Goal || item.section.as_ref().is_some_and(|s| sections.contains(s));
        let ranges = if under_goal {
            vec![trim(text, 0..text.len())]
        } else {
            cue_clauses(text)
        };
        for r in ranges {
            if r.is_empty() {
                continue;
            }
            let (span, quote) = ctx.locate(item, r);
            goals.push(Goal {
                item: item.id.clone(),
                text: quote,
                span,
            });
        }
        if under_goal {
            item.role = Role::Goal;
        }
    }
    goals.sort_by_key(|g| g.span[0]);
    goals.dedup_by_key(|g| g.span);
    doc.goals = goals;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(text: &str) -> Vec<&str> {
        cue_clauses(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn cue_clause_runs_to_the_end_of_its_sentence() {
        assert_eq!(
            clauses("我室积极组织投稿、参赛,力争本学期教师论文获奖层次、人数均有突破。下一句。"),
            ["力争本学期教师论文获奖层次、人数均有突破"]
        );
        assert_eq!(
            clauses("10月11月将定期与不定期地检查督促,确保我校的特色校本课程建设高品位开展,使得学校、教师、学生在此项活动中实现三赢。"),
            ["确保我校的特色校本课程建设高品位开展,使得学校、教师、学生在此项活动中实现三赢"]
        );
    }

    #[test]
    fn each_cue_of_a_sentence_leads_its_own_goal() {
        assert_eq!(
            clauses("确保期末考试合格率在95%以上,力争优秀率达到40%。"),
            ["确保期末考试合格率在95%以上", "力争优秀率达到40%"]
        );
        // A cue inside a clause (not after its comma) stays in the goal.
        assert_eq!(
            clauses("力争使每位教师都能确保课堂质量。"),
            ["力争使每位教师都能确保课堂质量"]
        );
    }

    #[test]
    fn list_after_a_colon_stays_in_the_clause() {
        assert_eq!(
            clauses("课题研究力争实现“三结合”:课题研究与课堂教学相结合;课题研究与教研活动相结合。"),
            ["力争实现“三结合”:课题研究与课堂教学相结合;课题研究与教研活动相结合"]
        );
        assert_eq!(
            clauses("每周检查一次;确保资料完整;按时上交"),
            ["确保资料完整"]
        );
    }

    #[test]
    fn purpose_clause_and_parenthesis_end_early() {
        assert_eq!(
            clauses("本学期为确保校本研修的规范性和高效性,继续实施“六个一”制度。"),
            ["确保校本研修的规范性和高效性"]
        );
        assert_eq!(
            clauses(
                "拓展课程方案和案例专题研讨(六月份)(属于上级规定的任务,争取送上去的作品能获奖)"
            ),
            ["争取送上去的作品能获奖"]
        );
        assert_eq!(clauses("为了确保安全,各班每天检查门窗。"), ["确保安全"]);
    }

    #[test]
    fn seeking_help_is_no_goal() {
        assert!(clauses("积极争取各级科研部门和专家的指导与帮助,积极参加研讨会。").is_empty());
        assert!(clauses("3、积极主动地争取专业人员的支持和指导。").is_empty());
        assert_eq!(
            clauses("督促相关教师认真准备,争取在区级比赛中取得较好成绩。"),
            ["争取在区级比赛中取得较好成绩"]
        );
    }

    #[test]
    fn effort_and_hope_words_are_no_goals() {
        assert!(clauses("力求教师专业培训工作精益求精。").is_empty());
        assert!(
            clauses("努力创造和谐奋进的教科研氛围,希望能通过多种举措提高质量,保证按时结题。")
                .is_empty()
        );
        assert!(clauses("争做研究型教师。").is_empty());
    }

    #[test]
    fn phrases_the_corpus_lacks() {
        assert_eq!(
            clauses("各教研组要精心准备,力争在市级优质课评比中获一等奖!"),
            ["力争在市级优质课评比中获一等奖"]
        );
        assert!(clauses("积极争取上级部门的资金支持。").is_empty());
        assert_eq!(
            clauses("确保每位教师每学期至少上一节公开课;定期检查教案。"),
            ["确保每位教师每学期至少上一节公开课"]
        );
        assert_eq!(clauses("(力争两年内结题)"), ["力争两年内结题"]);
    }

    #[test]
    fn guarding_a_procedure_is_no_goal() {
        for s in [
            // corpus
            "特别在假期协助值班行政加大巡查的密度,确保校园安全稳定。",
            "强化管理,确保措施到位十分关键。",
            "有考核、有记录)的要求,确保学校和教研组研讨的时间。",
            "建立评价体系,确保教研工作落到实处,收到了实效。",
            // written
            "活动前制定预案,确保活动安全。",
            "各组长提前做好分工,确保各项工作顺利进行。",
            "确保外出学习有序开展",
            "确保活动安全、有序",
            "加强过程管理,确保研修不走过场。",
        ] {
            assert!(clauses(s).is_empty(), "{s}: {:?}", clauses(s));
        }
        for (s, goal) in [
            (
                "努力让培训教师安心参加培训的同时确保学校的正常教育教学秩序。",
                "确保学校的正常教育教学秩序",
            ),
            (
                "合理安排培训,确保每位教师完成每学年73学分的培训任务。",
                "确保每位教师完成每学年73学分的培训任务",
            ),
            ("确保课题顺利结题。", "确保课题顺利结题"),
            ("力争活动安全。", "力争活动安全"),
        ] {
            assert_eq!(clauses(s), [goal], "{s}");
        }
    }

    #[test]
    fn goal_headings() {
        assert!(is_goal_heading("工作目标"));
        assert!(is_goal_heading("全年主要工作任务与目标"));
        assert!(is_goal_heading("总体目标:"));
        assert!(!is_goal_heading("细化目标促进中考"));
        assert!(!is_goal_heading("指导思想"));
    }
}
