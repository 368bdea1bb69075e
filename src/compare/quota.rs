//! Quota check: when a plan clause sets a number (一学期每人8篇, 开展一次)
//! or a share of a group (所有, 大多数) and the evidence reports a figure
//! for the same thing, compare the two.
//!
//! Takes the plan's quota from extraction when it has one inside the
//! clause, else reads the first count of the clause itself.

use super::cues::Cues;
use crate::dict::entries;
use crate::model::{Quota, QuotaCheck, Status};
use regex::Regex;
use std::sync::LazyLock;

static UNIVERSAL: &str = include_str!("../../dictionaries/compare_universal.txt");
static MAJORITY: &str = include_str!("../../dictionaries/compare_majority.txt");

static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+(?:\.\d+)?|[一二两三四五六七八九十百]+)\s*(名|位|人次|人|篇|次|节|个|份|项|场|期|本|件|所|课时|张|幅|册|部|批|门|套|台|%)")
        .expect("count pattern")
});

static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d+(?:\.\d+)?)\s*%").expect("percent pattern"));

/// Rate words that name the term itself.
const TERM_WORDS: [&str; 2] = ["学期", "学年"];

/// A planned or reported count.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub value: f64,
    pub unit: String,
    /// Under a 每 (每人, 每月): a rate, not a total.
    pub rate: bool,
    /// Under a 均 (人均二十四节, 均在二十节以上): what each has, not a total.
    pub each: bool,
}

/// Counts of a (simplified, half-width) text, in order.
pub fn counts(text: &str) -> Vec<Count> {
    COUNT
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            // 第四期 is an ordinal, not a count.
            if text[..whole.start()].ends_with('第') {
                return None;
            }
            // 每人撰写论文2篇: a 每 earlier in the same chunk makes a rate;
            // 每学期 is the term a summary reports on, so no rate.
            let head = &text[..whole.start()];
            let before = head.rfind([',', ';', '。']).map_or(head, |i| &head[i..]);
            let rate = before.match_indices('每').any(|(i, w)| {
                !TERM_WORDS
                    .iter()
                    .any(|t| before[i + w.len()..].starts_with(t))
            });
            Some(Count {
                value: number(&c[1])?,
                unit: c[2].to_string(),
                rate,
                each: before.contains('均'),
            })
        })
        .collect()
}

/// An arabic number or a Chinese numeral (一, 两, 十二, 三百).
fn number(s: &str) -> Option<f64> {
    crate::extract::numerals::parse(s).map(|(v, _)| v)
}

/// Whether a plan clause asks something of every member of a group
/// (所有, 每位, 各班都).
pub fn is_universal(unit: &str) -> bool {
    has_any(unit, UNIVERSAL).is_some()
}

fn has_any(text: &str, list: &'static str) -> Option<&'static str> {
    entries(list).find(|w| text.contains(w))
}

/// What the quota check found: the figures, and the status they decide when
/// they decide one.
pub struct Checked {
    pub quota: QuotaCheck,
    pub verdict: Option<(Status, String)>,
}

/// Compares the plan clause `unit` (with the extracted quotas of its item
/// that fall inside it) with the evidence text and its cues.
/// `focus` is the chunk of the evidence about the unit: a figure there is
/// the one reported for it (其中1篇发表 before 另有2篇已投稿).
pub fn check(
    unit: &str,
    quotas: &[&Quota],
    evidence: &str,
    focus: &str,
    cues: &Cues,
    group: Option<f64>,
) -> Option<Checked> {
    // A share of a group: 所有 / 大多数 against "M of N".
    if let Some((part, whole)) = cues.part_of {
        // A count in the plan clause (教师写一篇经验文章) is asked of each
        // member of the group, like 所有.
        let share = if let Some(w) = has_any(unit, UNIVERSAL) {
            Some((w, part < whole))
        } else if let Some(w) = has_any(unit, MAJORITY) {
            Some((w, part * 2.0 <= whole))
        } else {
            (!counts(unit).is_empty()).then_some(("one each", part < whole))
        };
        if let Some((word, short)) = share {
            let verdict = short.then(|| {
                (
                    Status::Partial,
                    format!("plan asks for {word}; the summary reports {part} of {whole}"),
                )
            });
            return Some(Checked {
                quota: QuotaCheck {
                    target: Some(whole),
                    actual: Some(part),
                    unit: None,
                },
                verdict,
            });
        }
    }
    // A share as a percentage (参与率85%) against 所有 or 大多数.
    if let Some(p) = PERCENT
        .captures(evidence)
        .and_then(|c| c[1].parse::<f64>().ok())
    {
        let short = if let Some(w) = has_any(unit, UNIVERSAL) {
            Some((w, p < 100.0))
        } else {
            has_any(unit, MAJORITY).map(|w| (w, p <= 50.0))
        };
        if let Some((word, short)) = short {
            return Some(Checked {
                quota: QuotaCheck {
                    target: None,
                    actual: Some(p),
                    unit: Some("%".into()),
                },
                verdict: short.then(|| {
                    (
                        Status::Partial,
                        format!("plan asks for {word}; the summary reports {p}%"),
                    )
                }),
            });
        }
    }
    if has_any(unit, UNIVERSAL).is_some() {
        if let Some(w) = has_any(evidence, MAJORITY) {
            return Some(Checked {
                quota: QuotaCheck {
                    target: None,
                    actual: None,
                    unit: None,
                },
                verdict: Some((
                    Status::Partial,
                    format!("plan asks for all; the summary reports {w}"),
                )),
            });
        }
    }
    // A planned count against a reported one of the same unit.
    let planned = quotas
        .iter()
        .find_map(|q| {
            Some(Count {
                value: q.value?,
                // Units are as written (節): matching runs on simplified text.
                unit: crate::clean::fold::to_simplified(q.unit.as_deref()?),
                // 每学期 is the term the summary reports on, no rate.
                rate: q
                    .per
                    .iter()
                    .any(|p| !TERM_WORDS.contains(&crate::clean::fold::to_simplified(p).as_str())),
                each: false,
            })
        })
        .or_else(|| counts(unit).into_iter().next())?;
    let same = |text: &str| {
        counts(text)
            .into_iter()
            .filter(|c| c.unit == planned.unit && c.rate == planned.rate)
            .max_by(|a, b| a.value.total_cmp(&b.value))
    };
    let Some(reported) = same(focus).or_else(|| same(evidence)) else {
        return rate_against_total(unit, &planned, focus, evidence, group);
    };
    // A rate (每人2篇) says nothing about a total (共46篇), and the other way.
    let verdict = (reported.value < planned.value).then(|| {
        (
            Status::Partial,
            format!(
                "reported {}{} below the planned {}{}",
                reported.value, reported.unit, planned.value, planned.unit
            ),
        )
    });
    Some(Checked {
        quota: QuotaCheck {
            target: Some(planned.value),
            actual: Some(reported.value),
            unit: Some(planned.unit),
        },
        verdict,
    })
}

/// Teaching months of a term: a monthly activity is due about this often
/// (a term runs four and a half months, its first and last weeks taken by
/// opening and exams).
const TERM_MONTHS: f64 = 4.0;

/// Teaching weeks of a term: a weekly activity is due about this often (a
/// term's twenty weeks less its opening, exam and holiday weeks).
const TERM_WEEKS: f64 = 15.0;

/// A rate (每人一篇, 每月一次) against a total of the same unit (共撰写论文7篇,
/// 共组织演练3次): the rate times the size of the group it is asked of, or
/// times the months of a term.
fn rate_against_total(
    unit: &str,
    planned: &Count,
    focus: &str,
    evidence: &str,
    group: Option<f64>,
) -> Option<Checked> {
    if !planned.rate {
        return None;
    }
    let period = if unit.contains("每月") {
        Some((TERM_MONTHS, "months"))
    } else if ["每两周", "隔周", "双周"].iter().any(|w| unit.contains(w)) {
        // Every other week before every week.
        Some((TERM_WEEKS / 2.0, "fortnights"))
    } else if unit.contains("每周") {
        Some((TERM_WEEKS, "weeks"))
    } else {
        None
    };
    // 每位教师每月一篇: the group times the periods.
    let (times, of) = match (group, period) {
        (Some(n), Some((p, w))) => (n * p, w),
        (Some(n), None) => (n, "members"),
        (None, Some(p)) => p,
        (None, None) => return None,
    };
    let total = |text: &str| {
        counts(text)
            .into_iter()
            .filter(|c| c.unit == planned.unit && !c.rate && !c.each)
            .max_by(|a, b| a.value.total_cmp(&b.value))
    };
    let reported = total(focus).or_else(|| total(evidence))?;
    let target = planned.value * times;
    let verdict = (reported.value < target).then(|| {
        (
            Status::Partial,
            format!(
                "reported {}{} below {}{} for {times} {of}",
                reported.value, reported.unit, target, planned.unit
            ),
        )
    });
    Some(Checked {
        quota: QuotaCheck {
            target: Some(target),
            actual: Some(reported.value),
            unit: Some(planned.unit.clone()),
        },
        verdict,
    })
}

/// A group's size written beside its name: 32位班主任, 八十六位教师.
static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+|[一二两三四五六七八九十百]+)\s*(?:位|名)(\p{Han}{2,3})")
        .expect("group pattern")
});

/// A group's size written after its name: 专任教师18人, 班主任12名.
static GROUP_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\p{Han}{2,4}?)(\d+)\s*(?:人|位|名)").expect("group-after pattern")
});

/// Words that ask a quota of each member of a group.
const PER_PERSON: [&str; 5] = ["每人", "人人", "每位", "每名", "每个"];

/// The size of the group that the per-person clause `unit` of the plan
/// entry `item` is asked of: the largest count written before a group name
/// the entry uses, in any of `texts` (the staff is counted in one paragraph
/// of a summary, the papers in another).
pub fn group_size(item: &str, unit: &str, texts: &[&str]) -> Option<f64> {
    if !PER_PERSON.iter().any(|w| unit.contains(w)) {
        return None;
    }
    // A name before its count may start inside the word before (其中专任教师);
    // one after it may run into the next word (教师全学期).
    named_counts(&GROUP, 2, 1, true, item, texts)
        .chain(named_counts(&GROUP_AFTER, 1, 2, false, item, texts))
        .max_by(f64::total_cmp)
}

/// The counts that `pattern` finds in `texts` (capture `count`) beside a
/// group name (capture `name`) that the entry `item` uses, tried by its
/// starts (`from_start`) or its ends of two characters or more.
fn named_counts<'a>(
    pattern: &'a Regex,
    name: usize,
    count: usize,
    from_start: bool,
    item: &'a str,
    texts: &'a [&'a str],
) -> impl Iterator<Item = f64> + 'a {
    texts
        .iter()
        .flat_map(move |t| pattern.captures_iter(t))
        .filter_map(move |c| {
            let found = c.get(name)?.as_str();
            let named = found
                .char_indices()
                .map(|(i, ch)| {
                    if from_start {
                        &found[..i + ch.len_utf8()]
                    } else {
                        &found[i..]
                    }
                })
                .any(|n| n.chars().count() >= 2 && item.contains(n));
            if named {
                number(&c[count])
            } else {
                None
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::cues;

    fn run(unit: &str, evidence: &str) -> Option<Checked> {
        check(
            unit,
            &[],
            evidence,
            evidence,
            &cues::find(evidence, None),
            None,
        )
    }

    #[test]
    fn a_per_person_rate_against_a_total_counts_the_group() {
        // written for this test: the staff is counted in another paragraph
        let texts = ["全校三十二位班主任参加了培训", "共上交德育案例27篇"];
        let n = group_size(
            "每位班主任撰写德育案例不少于1篇",
            "每位班主任撰写德育案例不少于1篇",
            &texts,
        );
        assert_eq!(n, Some(32.0));
        let c = check(
            "每位班主任撰写德育案例不少于1篇",
            &[],
            texts[1],
            texts[1],
            &cues::find(texts[1], None),
            n,
        );
        assert!(c.is_some_and(|c| c.verdict.is_some_and(|v| v.0 == Status::Partial)));
        // what each did is no total
        let each = "全校八十六位教师观课均在二十节以上,人均二十四节";
        let c = check(
            "每位教师每学期听课不少于20节",
            &[],
            each,
            each,
            &cues::find(each, None),
            Some(86.0),
        );
        assert!(c.is_none());
        // no per-person word, no group
        assert_eq!(group_size("班主任撰写案例", "班主任撰写案例", &texts), None);
        // written: the count after the name, and a monthly rate for each
        let unit = "每位教师每月撰写一篇游戏观察记录";
        let n = group_size(unit, unit, &["其中专任教师18人,保育员9人"]);
        assert_eq!(n, Some(18.0));
        let verdict =
            |ev: &str| check(unit, &[], ev, ev, &cues::find(ev, None), n).and_then(|c| c.verdict);
        assert_eq!(
            verdict("全体教师共撰写游戏观察记录62篇").map(|v| v.0),
            Some(Status::Partial)
        );
        assert!(verdict("全体教师共撰写游戏观察记录75篇").is_none());
        // a group the entry does not name
        assert_eq!(group_size("每位教师写一篇", "每位教师写一篇", &texts), None);
    }

    #[test]
    fn a_traditional_quota_unit_and_a_term_rate_compare_with_the_summary() {
        // written for this test: 節 as the plan writes it, per 學期 only
        let q = Quota {
            item: "i1".into(),
            text: "每學期開設選修課20節".into(),
            span: [0, 0],
            value: Some(20.0),
            max: None,
            unit: Some("節".into()),
            comparator: "=".into(),
            per: vec!["學期".into()],
            scope: None,
        };
        let ev = "本学期开设选修课十八节";
        let c = check(
            "每学期开设选修课20节",
            &[&q],
            ev,
            ev,
            &cues::find(ev, None),
            None,
        );
        assert!(c
            .is_some_and(|c| c.quota.actual == Some(18.0)
                && c.verdict.is_some_and(|v| v.0 == Status::Partial)));
        // 门 is a count of courses
        assert_eq!(counts("开出校本选修课十八门")[0].value, 18.0);
        assert_eq!(counts("购置了沙盘器材一套")[0].unit, "套");
    }

    #[test]
    fn a_monthly_rate_against_a_term_total() {
        let short = run("每月组织一次安全疏散演练", "本学期共组织安全疏散演练3次");
        assert!(short.is_some_and(|c| c.verdict.is_some_and(|v| v.0 == Status::Partial)));
        let met = run("每月组织一次安全疏散演练", "本学期共组织安全疏散演练5次");
        assert!(met.is_some_and(|c| c.verdict.is_none()));
    }

    #[test]
    fn a_weekly_rate_against_a_term_total() {
        // written for this test
        let short = run("各班每周开展一次户外混龄游戏活动", "全学期共开展了11次");
        assert!(short.is_some_and(|c| c.verdict.is_some_and(|v| v.0 == Status::Partial)));
        let met = run("每周集体备课一次", "全学期共集体备课17次");
        assert!(met.is_some_and(|c| c.verdict.is_none()));
        let fortnightly = run("每两周组织一次园本教研活动", "全学期共开展园本教研活动9次");
        assert!(fortnightly.is_some_and(|c| c.verdict.is_none()));
    }

    #[test]
    fn all_against_m_of_n_is_partial() {
        let c = run(
            "所有骨干教师要主持或参与省、市级课题研究",
            "全校26名骨干教师中,有21人主持或参与了省、市级课题研究",
        );
        let c = c.expect("checked");
        assert_eq!(c.quota.target, Some(26.0));
        assert_eq!(c.quota.actual, Some(21.0));
        assert_eq!(c.verdict.map(|v| v.0), Some(Status::Partial));
    }

    #[test]
    fn most_against_a_minority_is_partial_and_a_majority_meets_it() {
        let unit = "让大多数教师在学习理论的基础上,进行课堂教学展示";
        let short = run(unit, "全校52名教师中有21人进行了课堂教学展示");
        assert!(short.and_then(|c| c.verdict).is_some());
        // written for this test
        let met = run(unit, "全校40名教师中有31人进行了课堂教学展示").expect("checked");
        assert!(met.verdict.is_none());
    }

    #[test]
    fn a_count_for_each_of_a_group_against_m_of_n() {
        // written for this test
        let c = run(
            "35周岁以下的教师写一篇经验文章",
            "22位青年教师中有18人上交了经验文章",
        );
        assert_eq!(
            c.and_then(|c| c.verdict).map(|v| v.0),
            Some(Status::Partial)
        );
        // without a count or a share in the plan, M of N is just a figure
        assert!(run("鼓励教师参与课题研究", "52名教师中有34人参与了课题研究").is_none());
    }

    #[test]
    fn counts_compare_by_unit() {
        // written for this test
        let c = run("每学期开展专题讲座4次", "本学期共开展专题讲座3次").expect("checked");
        assert_eq!(c.quota.target, Some(4.0));
        assert_eq!(c.verdict.map(|v| v.0), Some(Status::Partial));
        let c = run("对骨干教师开展一次专项培训", "开展了两次专项培训").expect("checked");
        assert!(c.verdict.is_none());
        assert_eq!(c.quota.actual, Some(2.0));
        // a rate is not compared with a total
        assert!(run("每人撰写论文2篇", "共收到论文46篇").is_none());
    }

    #[test]
    fn a_percentage_against_all() {
        // written for this test
        let c = run("所有班级都要开展读书活动", "全校读书活动开展率为85%").expect("checked");
        assert_eq!(c.verdict.map(|v| v.0), Some(Status::Partial));
        let c = run("所有班级都要开展读书活动", "全校读书活动开展率为100%").expect("checked");
        assert!(c.verdict.is_none());
    }

    #[test]
    fn reads_chinese_numerals() {
        assert_eq!(number("十二"), Some(12.0));
        assert_eq!(number("两"), Some(2.0));
        assert_eq!(number("三百"), Some(300.0));
    }
}
