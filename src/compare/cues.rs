//! Status cues in an evidence text, and the status they decide.
//!
//! Word lists (in `dictionaries/`) are matched on jieba word boundaries, in
//! priority order: part completion, then negation / postponement, then
//! completed aspect, then future / obligation; a later match may not overlap
//! an earlier one, and a completion word right after a negation (尚未完成)
//! is part of the negation.

use super::layout;
use crate::dict::entries;
use crate::model::Status;
use crate::segment::jieba;
use regex::Regex;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

static DONE: &str = include_str!("../../dictionaries/compare_done.txt");
static NOT_DONE: &str = include_str!("../../dictionaries/compare_not_done.txt");
static PENDING_RESULTS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    entries(include_str!(
        "../../dictionaries/compare_pending_results.txt"
    ))
    .collect()
});
static WAITING: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../dictionaries/compare_waiting.txt")).collect());
static INCIDENTS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../dictionaries/compare_incidents.txt")).collect());
static PARTIAL: &str = include_str!("../../dictionaries/compare_partial.txt");
static FUTURE: &str = include_str!("../../dictionaries/compare_future.txt");

/// Cue lists, longest word first so that 未能 wins over 未.
static LISTS: LazyLock<[(Kind, Vec<&'static str>); 4]> = LazyLock::new(|| {
    let sorted = |l: &'static str| {
        let mut v: Vec<&str> = entries(l).collect();
        v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        v
    };
    [
        (Kind::Partial, sorted(PARTIAL)),
        (Kind::NotDone, sorted(NOT_DONE)),
        (Kind::Done, sorted(DONE)),
        (Kind::Future, sorted(FUTURE)),
    ]
});

/// A total reported with 共 / 累计 / 实际 (共检查教学反思记录286篇): an outcome.
static TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:共|共计|累计|总计|实际|合计)[^,;。]{0,14}?\d+(?:\.\d+)?\s*[^\d\s,;。]")
        .expect("total pattern")
});
/// A count with a unit that is not a rate (每月一篇 is a quota, not a figure).
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(每[^,;。\d]{0,3})?(\d+|[一二两三四五六七八九十]+)(名|位|人次|人|篇|次|节|个|份|项|场|期|本|件|所|课时|张|幅|册|部|批|门|套|台|%)")
        .expect("count pattern")
});
/// "M of N" (52名教师中有21人): a group and how many of it.
static PART_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+)\s*(?:名|位|个|人)[^,;。]{0,16}?中[,]?\s*(?:有|共有|已有)?\s*(\d+)\s*(?:名|位|个|人)")
        .expect("part-of pattern")
});
/// 于 and a month (于九月底正式成立, 于四月启动): the report idiom for when
/// something took place; a date, an outcome unless the text is future.
static AT_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"于\s*(?:\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:初|底|末|上旬|中旬|下旬|份)?")
        .expect("at-month pattern")
});
/// Postponed to a month: held later, within the term.
static LATER_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:到|至|于)?\s*(\d{1,2}|十[一二]?|[一二三四五六七八九])月")
        .expect("later pattern")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Partial,
    NotDone,
    Done,
    Future,
}

/// The cues found in one evidence text.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    pub partial: Vec<String>,
    pub not_done: Vec<String>,
    /// Completed aspect, outcome words and totals.
    pub done: Vec<String>,
    /// Plain counts and dates: an outcome unless the text is in future tense.
    pub weak_done: Vec<String>,
    pub future: Vec<String>,
    /// "M of N": (M, N).
    pub part_of: Option<(f64, f64)>,
}

impl Cues {
    pub fn any_done(&self) -> bool {
        !self.done.is_empty() || !self.weak_done.is_empty()
    }
}

/// Finds the cues of a (simplified, half-width) text. `after` is the
/// summary's own date (month, day): a date later than it is still ahead.
pub fn find(text: &str, after: Option<(u32, u32)>) -> Cues {
    let tokens = jieba().cut(text, false);
    let starts: HashSet<usize> = tokens.iter().map(|t| t.byte_start).collect();
    let ends: HashSet<usize> = tokens.iter().map(|t| t.byte_end).collect();
    let mut taken: Vec<(Range<usize>, Kind)> = Vec::new();
    let mut cues = Cues::default();
    for (kind, words) in LISTS.iter() {
        for w in words {
            for (b, _) in text.match_indices(w) {
                let r = b..b + w.len();
                if !starts.contains(&r.start) || !ends.contains(&r.end) {
                    continue;
                }
                if taken
                    .iter()
                    .any(|(t, _)| t.start < r.end && r.start < t.end)
                {
                    continue;
                }
                // 尚未完成: the completion word belongs to its negation.
                if *kind == Kind::Done
                    && taken
                        .iter()
                        .any(|(t, k)| *k == Kind::NotDone && t.end == r.start)
                {
                    continue;
                }
                // 结果尚未公布: the result is to come; the work is done.
                if *kind == Kind::NotDone
                    && PENDING_RESULTS
                        .iter()
                        .any(|p| text[r.end..].starts_with(p) && ends.contains(&(r.end + p.len())))
                {
                    continue;
                }
                // 正在等待评审: what is under way is the waiting, not the work.
                if *kind == Kind::Partial
                    && WAITING
                        .iter()
                        .any(|p| text[r.end..].starts_with(p) && ends.contains(&(r.end + p.len())))
                {
                    continue;
                }
                // 未发生传染病流行: a clean record is an outcome.
                if *kind == Kind::NotDone
                    && INCIDENTS
                        .iter()
                        .any(|p| text[r.end..].starts_with(p) && ends.contains(&(r.end + p.len())))
                {
                    taken.push((r, Kind::Done));
                    continue;
                }
                // 推迟到5月: held later within the term, not dropped (unless
                // that month is past the summary's date); it was held, which
                // outweighs the 原定 that usually comes with it.
                if *kind == Kind::NotDone
                    && is_postponement(w)
                    && later_month(&text[r.end..]).is_some_and(|m| !after_date(m, 31, after))
                {
                    taken.push((r, Kind::Done));
                    continue;
                }
                taken.push((r, *kind));
            }
        }
    }
    taken.sort_by_key(|(r, _)| r.start);
    for (k, (r, kind)) in taken.iter().enumerate() {
        // 试卷分析将在检测后完成: a completion under a future word earlier in
        // its chunk is still ahead.
        if *kind == Kind::Done
            && taken[..k].iter().any(|(f, fk)| {
                *fk == Kind::Future && !text[f.end..r.start].contains([',', ';', '。'])
            })
        {
            continue;
        }
        let list = match kind {
            Kind::Partial => &mut cues.partial,
            Kind::NotDone => &mut cues.not_done,
            Kind::Done => &mut cues.done,
            Kind::Future => &mut cues.future,
        };
        list.push(text[r.clone()].to_string());
    }
    if let Some(m) = TOTAL.find(text) {
        cues.done.push(m.as_str().to_string());
    }
    for c in COUNT.captures_iter(text) {
        if c.get(1).is_none() {
            cues.weak_done.push(c[0].to_string());
        }
    }
    if let Some(c) = PART_OF.captures(text) {
        // Whether M of N falls short depends on the plan's quota (所有 or
        // 大多数): the quota check decides.
        if let (Ok(whole), Ok(part)) = (c[1].parse(), c[2].parse()) {
            cues.part_of = Some((part, whole));
        }
    }
    for m in AT_MONTH.find_iter(text) {
        cues.weak_done.push(m.as_str().to_string());
    }
    for (_, m, d) in layout::dates_in(text) {
        if after_date(m, d, after) {
            cues.future
                .push(format!("{m}月{d}日, after the summary's date"));
        } else {
            cues.weak_done.push(format!("{m}月{d}日"));
        }
    }
    cues
}

fn later_month(rest: &str) -> Option<u32> {
    LATER_MONTH
        .captures(rest)
        .and_then(|c| layout::month_number(c.get(1)?.as_str()))
}

/// Whether month `m`, day `d` comes after the summary's date, in term order
/// (December is before a January summary).
fn after_date(m: u32, d: u32, date: Option<(u32, u32)>) -> bool {
    date.is_some_and(|(dm, dd)| (layout::term_order(m, dm), d) > (layout::term_order(dm, dm), dd))
}

fn is_postponement(w: &str) -> bool {
    matches!(w, "推迟" | "延期" | "延后" | "推后" | "改期")
}

/// The status a text's cues decide, and the reason in words.
pub fn decide(c: &Cues) -> (Status, String) {
    let list = |v: &[String]| {
        let mut seen = Vec::new();
        for w in v {
            if !seen.contains(&w.as_str()) {
                seen.push(w.as_str());
            }
        }
        seen.join("、")
    };
    if !c.not_done.is_empty() && (!c.done.is_empty() || !c.partial.is_empty()) {
        let done = if c.partial.is_empty() {
            &c.done
        } else {
            &c.partial
        };
        return (
            Status::Partial,
            format!(
                "done in part ({}) and not done in part ({})",
                list(done),
                list(&c.not_done)
            ),
        );
    }
    if !c.not_done.is_empty() {
        return (
            Status::NotDone,
            format!("negation or postponement: {}", list(&c.not_done)),
        );
    }
    if !c.partial.is_empty() {
        return (
            Status::Partial,
            format!("part completion: {}", list(&c.partial)),
        );
    }
    if !c.done.is_empty() {
        return (
            Status::Done,
            format!("completed aspect or outcome: {}", list(&c.done)),
        );
    }
    if !c.future.is_empty() {
        return (
            Status::Mentioned,
            format!(
                "future or obligation wording, no outcome: {}",
                list(&c.future)
            ),
        );
    }
    if !c.weak_done.is_empty() {
        return (
            Status::Done,
            format!("reported figure or date: {}", list(&c.weak_done)),
        );
    }
    (
        Status::Mentioned,
        "restated without an outcome cue".to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(text: &str) -> Status {
        decide(&find(text, Some((6, 30)))).0
    }

    #[test]
    fn completed_aspect_and_totals_are_done() {
        assert_eq!(
            status("语文、数学两个学科在三至六年级实行了集体备课制"),
            Status::Done
        );
        assert_eq!(
            status("新印制的学生写字练习本已在三、四年级全面使用"),
            Status::Done
        );
        assert_eq!(status("全学期共开展集体备课活动64次"), Status::Done);
        // written for this test: an award without 了
        assert_eq!(status("我校学生在区书法比赛中获一等奖3名"), Status::Done);
    }

    #[test]
    fn work_under_way_is_partial_but_waiting_is_not() {
        // written for this test
        assert_eq!(status("汇编工作正在进行"), Status::Partial);
        assert_eq!(
            status("《骆驼祥子》的教学案例仍在设计之中"),
            Status::Partial
        );
        assert_eq!(
            status("两个课题已顺利结题,新的课题正在等待立项评审"),
            Status::Done
        );
    }

    #[test]
    fn negation_and_postponement_are_not_done() {
        assert_eq!(
            status("因学校网站改版尚未完成,这项工作没有开展"),
            Status::NotDone
        );
        assert_eq!(
            status("二层书法长廊因教学楼外墙维修,推迟到暑假布置"),
            Status::NotDone
        );
        assert_eq!(status("6月份因期末复习,业务理论学习暂停"), Status::NotDone);
        // written: cancelled outright
        assert_eq!(status("原定的家长开放日因天气原因取消"), Status::NotDone);
    }

    #[test]
    fn a_state_reached_is_an_outcome() {
        // written for this test
        assert_eq!(
            status("三至六年级书面作业基本控制在60分钟以内"),
            Status::Done
        );
        assert_eq!(status("徒弟听课全部达到要求"), Status::Done);
        assert_eq!(status("今后作业量要控制在60分钟以内"), Status::Mentioned);
    }

    #[test]
    fn a_result_still_to_come_is_no_negation() {
        // written for this test
        assert_eq!(status("5月送评论文36篇,目前评比结果尚未公布"), Status::Done);
        assert_eq!(status("评审结果还未揭晓"), Status::Mentioned);
        assert_eq!(status("论文尚未上交"), Status::NotDone);
    }

    #[test]
    fn postponed_within_the_term_is_done() {
        // written for this test
        assert_eq!(status("运动会因雨推迟到5月举行了"), Status::Done);
        // past the summary's date (30 June): not done this term
        assert_eq!(status("运动会因雨推迟到9月举行"), Status::NotDone);
        // written: no 了, and the 原定 of the first date is no future
        assert_eq!(
            status("原定十月举行的小班自理能力比赛,因流感推迟到十一月中旬举行"),
            Status::Done
        );
    }

    #[test]
    fn a_clean_record_is_an_outcome() {
        // written for this test
        assert_eq!(status("全学期未发生传染病流行"), Status::Done);
        assert_eq!(
            status("开齐开足了国家规定课程,没有出现随意增减课时的现象"),
            Status::Done
        );
        // a negation before any other verb still is one
        assert_eq!(status("这项工作没有开展"), Status::NotDone);
    }

    #[test]
    fn yu_and_a_month_dates_a_report() {
        // written for this test
        assert_eq!(status("园家长委员会于九月底正式成立"), Status::Done);
        assert_eq!(status("校园读书节于4月启动"), Status::Done);
        assert_eq!(status("家长会将于九月底召开"), Status::Mentioned);
    }

    #[test]
    fn december_is_before_a_january_summary() {
        let c = find("12月25日举行了元旦汇演", Some((1, 22)));
        assert!(c.future.is_empty(), "{c:?}");
        let c = find("期末检测定于1月26日进行", Some((1, 22)));
        assert!(!c.future.is_empty(), "{c:?}");
    }

    #[test]
    fn mixed_or_part_outcomes_are_partial() {
        assert_eq!(
            status("全学期共开展11次,另有7周因期中考试未能进行"),
            Status::Partial
        );
        let c = find(
            "全校26名骨干教师中,有21人主持或参与了省、市级课题研究",
            None,
        );
        assert_eq!(c.part_of, Some((21.0, 26.0)));
        assert_eq!(status("阶段学情分析交流只在数学组进行"), Status::Partial);
        // written: 未达到 is a target missed
        assert_eq!(status("参加人数未达到计划要求"), Status::Partial);
    }

    #[test]
    fn future_and_obligation_are_mentioned() {
        assert_eq!(
            status("课题组成员每月要写一篇课题研究心得"),
            Status::Mentioned
        );
        assert_eq!(
            status("七月份,教科室将做好本学期资料的收集整理和归档工作"),
            Status::Mentioned
        );
        assert_eq!(status("期末写字考核定于7月3日进行"), Status::Mentioned);
        // written: completion words under 将 are still ahead
        assert_eq!(status("试卷分析将在检测后完成"), Status::Mentioned);
        // written: a date after the summary's own date
        assert_eq!(status("家长会在7月5日召开"), Status::Mentioned);
        // but a plan of the past with an outcome is done
        assert_eq!(
            status("本学期共有8位教师写好了课题申报书,准备参加下一批申报"),
            Status::Done
        );
    }

    #[test]
    fn cue_words_inside_other_words_do_not_fire() {
        // 了解, 要求 and 已经 hold 了, 要, 已 inside a longer word
        let c = find("学校要求教师了解新课标", None);
        assert!(c.future.is_empty() && c.done.is_empty(), "{c:?}");
    }
}
