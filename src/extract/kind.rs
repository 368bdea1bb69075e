//! Kind of a document: plan, summary or unknown.
//!
//! Takes first what the document says of itself near its start
//! (`dictionaries/kind_declare.txt`: 现将…工作总结如下 → summary, 特制定本计划
//! → plan), since web pages give summaries plan titles. Then the title: a plan word (计划, 要点, 安排, …) or a summary word
//! (总结, 小结, …) of `dictionaries/kind_title.txt` decides, unless the title
//! holds both (工作计划和总结) or only a weak word (汇报, 报告) that both kinds
//! use. Then the body decides: jieba words that mark the future or an
//! obligation (将, 要, 力争, 计划) are counted against completed aspect and
//! reported totals (了, 已, 完成, 共, 累计), `dictionaries/kind_body.txt`,
//! and the quantities reported as done (共收到论文46篇) count for a summary.
//!
//! Example: 小学教科室工作汇报篇四, whose body says 本学期…将… throughout, is a
//! plan; 中学教科室工作总结 is a summary whatever its body says.
//!
//! Known false positives: a summary written mostly in plan wording with a
//! weak or silent title comes out a plan; 将 as the object marker (将论文
//! 上报) counts as future.
//!
//! In a summary the prose items report what was done, so their role becomes
//! `report`.

use super::quotas::{read_items, Read, Reading};
use super::DocCtx;
use crate::dict;
use crate::dict::FastMap;
use crate::model::{Document, Kind, Role};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cue {
    Plan,
    Summary,
    Weak,
}

fn parse(list: &'static str) -> Vec<(&'static str, Cue)> {
    dict::entries(list)
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let word = it.next()?;
            let cue = match it.next()? {
                "plan" => Cue::Plan,
                "summary" => Cue::Summary,
                "weak" => Cue::Weak,
                _ => return None,
            };
            Some((word, cue))
        })
        .collect()
}

static TITLE: LazyLock<Vec<(&'static str, Cue)>> =
    LazyLock::new(|| parse(include_str!("../../dictionaries/kind_title.txt")));

static DECLARE: LazyLock<Vec<(&'static str, Cue)>> =
    LazyLock::new(|| parse(include_str!("../../dictionaries/kind_declare.txt")));

static BODY: LazyLock<FastMap<&'static str, Cue>> = LazyLock::new(|| {
    parse(include_str!("../../dictionaries/kind_body.txt"))
        .into_iter()
        .collect()
});
/// Where a body cue may stand: only the runs around them are segmented.
static BODY_CUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&dict::alternation_of(BODY.keys().copied())).expect("body cues"));

/// The kind named by a (simplified) title, or `None` when the title is
/// silent, mixed or weak.
fn from_title(title: &str) -> Option<Kind> {
    named_kind(title, &TITLE)
}

/// The one kind that the cues found in `text` name, or `None` when they name
/// none or both.
fn named_kind(text: &str, cues: &[(&'static str, Cue)]) -> Option<Kind> {
    let (mut plan, mut summary) = (false, false);
    for (word, cue) in cues {
        if text.contains(word) {
            match cue {
                Cue::Plan => plan = true,
                Cue::Summary => summary = true,
                Cue::Weak => {}
            }
        }
    }
    match (plan, summary) {
        (true, false) => Some(Kind::Plan),
        (false, true) => Some(Kind::Summary),
        _ => None,
    }
}

/// How many chars of the body may hold the document's statement of what it
/// is: the opening paragraphs, not a plan's closing look back.
const DECLARE_WITHIN: usize = 600;

/// The kind a document declares near its start (现将…总结如下), if it
/// declares exactly one.
fn declared(body: &str) -> Option<Kind> {
    let end = body
        .char_indices()
        .nth(DECLARE_WITHIN)
        .map_or(body.len(), |(i, _)| i);
    named_kind(&body[..end], &DECLARE)
}

/// A run of the body that holds cue words (`segment::runs_around`), with
/// at most how many plan and summary cue words its words can be: the
/// places in it where one starts.
#[derive(Debug)]
struct CueRun {
    range: Range<usize>,
    plan: usize,
    summary: usize,
}

/// The runs of the body around its cue words.
fn cue_runs(body: &str) -> Vec<CueRun> {
    let found: Vec<Range<usize>> = BODY_CUE.find_iter(body).map(|m| m.range()).collect();
    let mut runs: Vec<CueRun> = crate::segment::runs_around(body, found.iter().map(|m| m.start))
        .into_iter()
        .map(|range| CueRun {
            range,
            plan: 0,
            summary: 0,
        })
        .collect();
    // Every place where a cue word starts lies inside a match: the search
    // resumes after each match and takes the leftmost cue from there.
    let mut k = 0;
    for m in &found {
        for (i, _) in body[m.clone()].char_indices() {
            let at = m.start + i;
            while runs.get(k).is_some_and(|r| r.range.end <= at) {
                k += 1;
            }
            let Some(run) = runs.get_mut(k).filter(|r| r.range.start <= at) else {
                continue;
            };
            let starts = |cue| {
                BODY.iter()
                    .any(|(w, c)| *c == cue && body[at..].starts_with(w))
            };
            run.plan += usize::from(starts(Cue::Plan));
            run.summary += usize::from(starts(Cue::Summary));
        }
    }
    runs
}

/// The kind that the body's wording shows, given how many quantities it
/// reports as done (共收到论文46篇, 60余人次获奖: the figures rule's reading):
/// more summary cue words and figures than plan cue words make a summary.
/// The runs are segmented only until the vote is decided whatever the rest
/// holds, and `figures` is asked only when the words alone do not show a
/// summary.
fn from_body(body: &str, figures: impl FnOnce() -> usize) -> Kind {
    let runs = cue_runs(body);
    let mut left_plan: usize = runs.iter().map(|r| r.plan).sum();
    let mut left_summary: usize = runs.iter().map(|r| r.summary).sum();
    let (mut plan, mut summary) = (0, 0);
    let mut figures = Some(figures);
    let mut counted = None;
    let mut runs = runs.iter();
    loop {
        // The words alone can no longer show a summary: the figures decide.
        if counted.is_none() && summary + left_summary <= plan {
            counted = figures.take().map(|f| f());
        }
        let reported = summary + counted.unwrap_or(0);
        if reported > plan + left_plan {
            return Kind::Summary;
        }
        if counted.is_some() && reported + left_summary <= plan {
            if plan > 0 {
                return Kind::Plan;
            }
            if left_plan == 0 {
                return Kind::Unknown;
            }
        }
        let Some(run) = runs.next() else {
            // Not reached: with no run left, the checks above decide.
            return Kind::Unknown;
        };
        let text = &body[run.range.clone()];
        for w in crate::segment::words(text) {
            match BODY.get(&text[w]) {
                Some(Cue::Plan) => plan += 1,
                Some(Cue::Summary) => summary += 1,
                _ => {}
            }
        }
        left_plan -= run.plan;
        left_summary -= run.summary;
    }
}

/// Quantities the items report as done, read as the figures rule reads
/// them in a document that is not a summary.
fn reported_figures(reads: &[Vec<Read>]) -> usize {
    reads
        .iter()
        .flatten()
        .filter(|r| r.reading == Reading::Figure)
        .count()
}

/// Decides `doc.kind`; in a summary, marks its prose items as reports.
/// When the body must decide, the counts of the items are read as in a
/// document that is not a summary and left in `reads` for the other rules.
pub(crate) fn apply(ctx: &DocCtx, doc: &mut Document, reads: &mut Option<Vec<Vec<Read>>>) {
    let title = doc
        .title_norm
        .clone()
        .map(|r| ctx.norm.slice_chars(r))
        .unwrap_or("");
    let body = ctx.norm.slice_chars(doc.norm.clone());
    doc.kind = declared(body)
        .or_else(|| from_title(title))
        .unwrap_or_else(|| {
            // A summary reads its counts otherwise, so they are read here
            // only when the figures must decide.
            let figures =
                || reported_figures(reads.get_or_insert_with(|| read_items(ctx, doc, false)));
            from_body(body, figures)
        });
    if doc.kind == Kind::Summary {
        for item in &mut doc.items {
            if matches!(item.role, Role::Measure | Role::Other) {
                item.role = Role::Report;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_decides_when_it_is_clear() {
        assert_eq!(from_title("小学春学期教科室工作计划3"), Some(Kind::Plan));
        assert_eq!(from_title("中学教科室工作总结"), Some(Kind::Summary));
        assert_eq!(from_title("2021年教务处工作要点"), Some(Kind::Plan));
        assert_eq!(from_title("德育处期末工作小结"), Some(Kind::Summary));
        assert_eq!(
            from_title("2021学年第一学期教导处工作意见"),
            Some(Kind::Plan)
        );
        assert_eq!(from_title("读书节活动方案"), Some(Kind::Plan));
        assert_eq!(from_title("教科室主任述职报告"), Some(Kind::Summary));
    }

    #[test]
    fn weak_or_mixed_title_leaves_it_to_the_body() {
        assert_eq!(from_title("小学教科室工作汇报篇四"), None);
        assert_eq!(from_title("教研室年度工作计划和总结"), None);
        assert_eq!(from_title("第一篇"), None);
    }

    #[test]
    fn a_declaration_outweighs_the_title() {
        // Real phrases: a 计划 page whose text is a summary, and d4's opening.
        assert_eq!(
            declared("这一学期以来,我校校本培训工作能认真落实。现将这一年来的主要工作总结如下:"),
            Some(Kind::Summary)
        );
        assert_eq!(
            declared("2021年已过半,学期初制定的工作如期完成,现对本学期教科室工作特作如下总结:"),
            Some(Kind::Summary)
        );
        assert_eq!(
            declared("为进一步提高办学质量,学校特制定本计划。"),
            Some(Kind::Plan)
        );
        assert_eq!(declared("本学期,我校将继续开展课题研究。"), None);
        let late = format!("{}现将工作总结如下", "本学期将开展活动。".repeat(80));
        assert_eq!(declared(&late), None);
    }

    #[test]
    fn body_wording_decides() {
        // Real phrases: a 汇报 that is a plan, and a report of the term.
        let plan = "本学期,我校教科室将继续开展课题研究,力争在区级比赛中取得好成绩。\
                    10月11月将定期检查督促。要组织骨干教师走进课堂。";
        assert_eq!(from_body(plan, || 0), Kind::Plan);
        let summary = "本学期论文发表近10篇,累计有60余人次获奖。\
                       我们已经完成了课题结题,共收到论文46篇。";
        assert_eq!(from_body(summary, || 0), Kind::Summary);
        assert_eq!(from_body("一、指导思想", || 0), Kind::Unknown);
        // Few aspect words, but results reported in numbers.
        assert_eq!(
            from_body("要加强队伍建设,做好申报准备。", || 3),
            Kind::Summary
        );
        // The figures are not read when the words show a summary.
        assert_eq!(
            from_body("我们已经完成了课题结题。", || unreachable!()),
            Kind::Summary
        );
    }

    /// The vote counting every cue word of the body, as it was before it
    /// stopped once decided.
    fn full_vote(body: &str, figures: usize) -> Kind {
        let (mut plan, mut summary) = (0, figures);
        let cues = BODY_CUE.find_iter(body).map(|m| m.start());
        for run in crate::segment::runs_around(body, cues) {
            let text = &body[run];
            for w in crate::segment::words(text) {
                match BODY.get(&text[w]) {
                    Some(Cue::Plan) => plan += 1,
                    Some(Cue::Summary) => summary += 1,
                    _ => {}
                }
            }
        }
        if plan == 0 && summary == 0 {
            Kind::Unknown
        } else if summary > plan {
            Kind::Summary
        } else {
            Kind::Plan
        }
    }

    #[test]
    fn run_bounds_hold_every_cue_word() {
        // 力争取: 争取 starts inside the match 力争.
        let body = "力争取得好成绩,将要完成了了解,已经累计共";
        for run in cue_runs(body) {
            let text = &body[run.range.clone()];
            let words = crate::segment::words(text);
            let count = |cue| {
                words
                    .iter()
                    .filter(|w| BODY.get(&text[(*w).clone()]) == Some(&cue))
                    .count()
            };
            assert!(count(Cue::Plan) <= run.plan, "{text}: {run:?}");
            assert!(count(Cue::Summary) <= run.summary, "{text}: {run:?}");
        }
    }

    use proptest::prelude::*;

    proptest! {
        /// Stopping once decided gives the full count's vote.
        #[test]
        fn early_vote_matches_full_count(
            body in "(?:将|要|力争|计划|拟|争取|将要|了|已|已经|完成|共|累计|力|取|解|成|经|书|我们|工作|, |。|\\PC){0,40}",
            figures in 0usize..4,
        ) {
            prop_assert_eq!(from_body(&body, || figures), full_vote(&body, figures));
        }
    }
}
