//! Quotas: numeric targets and obligations, read clause by clause.
//!
//! Takes a number followed by a unit or classifier (`dictionaries/units.txt`)
//! and reads its comparator from the wording (`comparators.txt`), the rate
//! words 每X before it (`rates.txt`, or any noun after 每位 / 每名, in reading
//! order) and an age group as scope. A summary's section on the term ahead
//! (下学期工作打算) reads as a plan. Example: "35周岁以下的教师每学期每人不少于8篇" → value 8, unit 篇,
//! `>=`, per [学期, 人], scope "35周岁以下的教师".
//!
//! Not quotas: ordinals (第三届), labels in quotes (“五个一”), 一 as an
//! article (一种, 是一支, 每一位, 一次次; and where no rate, target or
//! comparator sets it, 一个/一人 in a description of method, 确立一个主题
//! 进行研究, 一人执笔, or any 一 in a 以…为 frame), 每V一次…都 (each time),
//! the size of a list that follows (三个项目:), ages and years (no unit),
//! durations without a rate (90学时的培训), who acts (由三名教师负责), ranks
//! (前六名), and quantities reported as done (共收到46篇: those are
//! figures). A number in Chinese other than 一 needs
//! a rate, comparator or target word.
//! Known false positives: a plan's statement of fact in plain wording
//! (全校有教师120人 reads as a figure only thanks to 有); 一 + a specific
//! classifier in method prose (通过开展一次读书活动,…) and 一个 after a target
//! word earlier in the sentence (我们将…,确立一个主题) stay quotas.

use super::clause::{Clause, Clauses};
use super::numerals::{find_all, proportion, Numeral};
use super::DocCtx;
use crate::dict::FastSet;
use crate::dict::{alternation, alternation_of, entries};
use crate::model::{Document, Quota};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static UNITS: &str = include_str!("../../dictionaries/units.txt");
static DURATIONS: &str = include_str!("../../dictionaries/durations.txt");
static ARTICLE_UNITS: &str = include_str!("../../dictionaries/article_units.txt");
static ARTICLE_BEFORE: &str = include_str!("../../dictionaries/article_before.txt");
static ARTICLE_AFTER: &str = include_str!("../../dictionaries/article_after.txt");
static COMPARATORS: &str = include_str!("../../dictionaries/comparators.txt");
static RATES: &str = include_str!("../../dictionaries/rates.txt");
static RATE_CLASSIFIERS: &str = include_str!("../../dictionaries/rate_classifiers.txt");
static REPORT_CUES: &str = include_str!("../../dictionaries/report_cues.txt");
static TARGET_CUES: &str = include_str!("../../dictionaries/target_cues.txt");
static SUMMARY_REPORT_CUES: &str = include_str!("../../dictionaries/summary_report_cues.txt");
static NOT_COUNTS: &str = include_str!("../../dictionaries/not_counts.txt");
static TIME_AFTER: &str = include_str!("../../dictionaries/time_after.txt");
static UNIT_WORDS: &str = include_str!("../../dictionaries/unit_words.txt");
static VAGUE_UNITS: &str = include_str!("../../dictionaries/vague_units.txt");
static COUNT_UNITS: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../dictionaries/count_units.txt")).collect());

/// A unit at the start of a text. Durations first so that 分钟 wins over 分.
static UNIT_AT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:{}|{})",
        alternation(DURATIONS),
        alternation(UNITS)
    ))
    .expect("units")
});

/// A unit right after a number, with an optional 余/多 between: (whether
/// one is between, byte range of the unit). The 余/多 is taken when a unit
/// follows it (多次 reads 多 + 次).
fn unit_after(after: &str) -> Option<(bool, Range<usize>)> {
    for mid in ["余", "多"] {
        if let Some(rest) = after.strip_prefix(mid) {
            if let Some(m) = UNIT_AT_START.find(rest) {
                return Some((true, mid.len() + m.start()..mid.len() + m.end()));
            }
        }
    }
    UNIT_AT_START.find(after).map(|m| (false, m.range()))
}
static DURATION: LazyLock<FastSet<&'static str>> = LazyLock::new(|| entries(DURATIONS).collect());
static ARTICLE_UNIT: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| entries(ARTICLE_UNITS).collect());
static ARTICLE: LazyLock<Vec<&'static str>> = LazyLock::new(|| entries(ARTICLE_BEFORE).collect());
static DESCRIPTIVE: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(ARTICLE_AFTER).collect());
static NOT_COUNT: LazyLock<Vec<&'static str>> = LazyLock::new(|| entries(NOT_COUNTS).collect());
static TIME_WORD: LazyLock<Vec<&'static str>> = LazyLock::new(|| entries(TIME_AFTER).collect());
static NOT_UNIT: LazyLock<Vec<&'static str>> = LazyLock::new(|| entries(UNIT_WORDS).collect());
/// (classifier, "thing" | "person") from `vague_units.txt`.
static VAGUE: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    entries(VAGUE_UNITS)
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            Some((f.next()?, f.next()?))
        })
        .collect()
});
/// The label of a set of routines (“五个一”, 六个一), which makes each
/// 一 + classifier of its entries a quota. Not 一个一个, 三个一样.
static SET_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[二三四五六七八九十两]个一(?:[^一个样致起体些切定般直]|$)").expect("set label")
});
static REPORT: LazyLock<Regex> = LazyLock::new(|| {
    // 了 marks completion except in 为了, 除了, 了解 ...
    Regex::new(&format!(
        r"{}|[^为除]了(?:[^解]|$)",
        alternation(REPORT_CUES)
    ))
    .expect("report cues")
});
/// 达到 reports in a summary (结题率达到85%), sets a level in a plan.
static SUMMARY_REPORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&alternation(SUMMARY_REPORT_CUES)).expect("summary report cues"));
static TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&alternation(TARGET_CUES)).expect("target cues"));

/// (word, comparator, position) from `comparators.txt`, longest word first.
pub(crate) static COMPARATOR: LazyLock<Vec<(&'static str, &'static str, &'static str)>> =
    LazyLock::new(|| {
        let mut v: Vec<_> = entries(COMPARATORS)
            .filter_map(|l| {
                let mut f = l.split_whitespace();
                Some((f.next()?, f.next()?, f.next()?))
            })
            .collect();
        v.sort_by_key(|(w, _, _)| std::cmp::Reverse(w.len()));
        v
    });

/// Any `pre` word of `comparators.txt`: where none occurs before a count,
/// only the words after it can give its comparator.
static PRE_COMPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    let pre = COMPARATOR
        .iter()
        .filter(|(_, _, pos)| *pos == "pre")
        .map(|(w, _, _)| *w);
    Regex::new(&alternation_of(pre)).expect("pre comparators")
});

static RATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"每(?:{})?(?P<noun>{})|(?:^|[^每第这本上下])一(?P<term>学期|学年)",
        alternation(RATE_CLASSIFIERS),
        alternation(RATES)
    ))
    .expect("rates")
});

/// A group a quota applies to: an age (35周岁以下的教师) or a teaching age
/// (教龄在1-3年的新教师).
static SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:(?:\d+|[一二三四五六七八九十]+)(?:周岁|岁)|教龄在?(?:\d+|[一二三四五六七八九十]+)",
        r"(?:[-—~至到](?:\d+|[一二三四五六七八九十]+))?年)",
        r"(?:及以下|及以上|以下|以上|以内)?(?:的)?(?:新|青年|年轻|中青年)?",
        r"(?:教师|老师|学生|班主任|干部|党员)?",
    ))
    .expect("scope")
});

/// A number with its unit inside a clause (byte ranges in the clause text).
#[derive(Debug, Clone)]
pub(crate) struct Count {
    pub num: Numeral,
    pub unit: Range<usize>,
    /// 余 / 多 between number and unit.
    pub approx: bool,
    /// The unit is a duration (小时, 学时, 一个月).
    pub duration: bool,
    /// No unit follows: the number ends its clause.
    pub bare: bool,
}

/// What a clause's neighbourhood says about its counts.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context {
    /// The document is a summary.
    pub summary: bool,
    /// The clause continues a 、-list whose previous part held a quota
    /// (每学期必须有11000字左右的心得、各类文章7、论文1).
    pub listed: bool,
    /// An earlier clause of the sentence reports (学校现有4个省级课题,10个
    /// 市级课题; 论文发表近10篇,其中省级2篇).
    pub reported: bool,
    /// An earlier clause of the sentence sets a rate or target (每学期每人
    /// 读两三本专著,写读书笔记约5000字).
    pub targeted: bool,
    /// The item is an entry of a labelled set of routines (“五个一”: its
    /// text or its section heading names the set).
    pub set: bool,
}

/// Whether a text names a set of routines (“四个一”, 八个一制度).
pub(crate) fn names_a_set(text: &str) -> bool {
    text.contains("个一") && SET_LABEL.is_match(text)
}

/// Whether a text starts with a unit or classifier (一次, 一小时), which
/// makes a numeral before it a count.
pub(crate) fn starts_with_unit(s: &str) -> bool {
    unit_after(s).is_some_and(|(_, u)| !NOT_UNIT.iter().any(|w| s[u.start..].starts_with(w)))
}

/// How a count reads in its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    Quota,
    Figure,
    Neither,
}

/// The counts of a clause: numbers followed by a unit, without ordinals,
/// articles, quoted labels and set phrases.
#[cfg(test)]
fn counts(clause: &str) -> Vec<Count> {
    counts_of(clause, find_all(clause))
}

/// The counts of a clause among its numerals (`find_all` of the clause).
fn counts_of(clause: &str, numerals: Vec<Numeral>) -> Vec<Count> {
    let mut out: Vec<Count> = numerals
        .into_iter()
        .filter_map(|num| {
            let before = &clause[..num.range.start];
            let rest = &clause[num.range.start..];
            if NOT_COUNT.iter().any(|w| rest.starts_with(w)) {
                return None;
            }
            let prev = before.chars().next_back();
            // 第三届 (ordinal), “五个一” (a label), 2021-7 (a date part),
            // 每两周 (a rate, not a count).
            if matches!(
                prev,
                Some('第' | '每' | '“' | '‘' | '"' | '\'' | '-' | '/' | '.' | ':')
            ) || before.ends_with("初")
            {
                return None;
            }
            let after = &clause[num.range.end..];
            // 进入前六名: a rank among others, not an amount.
            if prev == Some('前') && after.starts_with(['名', '位']) {
                return None;
            }
            // Inside a book or document title: 《教师的20项修炼》.
            if before.contains('《') && before.matches('《').count() > before.matches('》').count()
            {
                return None;
            }
            // Ages (35周岁) are scopes, never counts.
            if after.starts_with("周岁") || after.starts_with('岁') {
                return None;
            }
            // 百分之九十, 三分之一: the unit is written inside the number.
            if proportion(&clause[num.range.clone()]) {
                let end = num.range.end;
                return Some(Count {
                    unit: end..end,
                    approx: false,
                    duration: false,
                    bare: false,
                    num,
                });
            }
            let Some((mid, unit_r)) = unit_after(after) else {
                // 博文至少3, 课题研究论文1: a number that ends its clause right
                // after a noun, its unit unwritten; `reading` decides.
                let glued = prev.is_some_and(|p| ('\u{4E00}'..='\u{9FFF}').contains(&p));
                let end = num.range.end;
                return (num.arabic && glued && after.trim().is_empty()).then_some(Count {
                    unit: end..end,
                    approx: false,
                    duration: false,
                    bare: true,
                    num,
                });
            };
            let at_unit = &after[unit_r.start..];
            if NOT_UNIT.iter().any(|w| at_unit.starts_with(w)) {
                return None;
            }
            let unit = &after[unit_r.clone()];
            let unit_end = num.range.end + unit_r.end;
            let is_one = num.value == Some(1.0) && !num.arabic && num.max.is_none();
            // 一次次, 一个个, 一个又一个: "one after another", no count.
            let repeated =
                clause[unit_end..].starts_with(unit) || clause[unit_end..].starts_with("又一");
            if is_one
                && (ARTICLE_UNIT.contains(unit)
                    || repeated
                    || ARTICLE.iter().any(|w| before.ends_with(w))
                    || clause[unit_end..].starts_with('一')
                    || DESCRIPTIVE
                        .iter()
                        .any(|w| clause[unit_end..].starts_with(w)))
            {
                return None;
            }
            let time_after =
                unit == "个" && TIME_WORD.iter().any(|w| clause[unit_end..].starts_with(w));
            Some(Count {
                unit: num.range.end + unit_r.start..unit_end,
                approx: mid,
                duration: DURATION.contains(unit) || time_after,
                bare: false,
                num,
            })
        })
        .collect();
    // 钻研一个单元或一个章节: the count after 或 is an alternative to the one
    // before it, not a second quota.
    let mut seen = false;
    out.retain(|c| {
        let before = &clause[..c.num.range.start];
        let keep = !(seen && (before.ends_with('或') || before.ends_with("或者")));
        seen = true;
        keep
    });
    out
}

/// Whether a text holds a report cue outside the titles in it: the 共 of
/// 《共生》 names a bulletin, it reports nothing. In a plan, 共 after a span
/// of time totals what the span is to hold (全学期共四场), no report.
fn reports(text: &str, summary: bool) -> bool {
    REPORT.find_iter(text).any(|m| {
        let before = &text[..m.start()];
        let total = !summary
            && matches!(m.as_str(), "共" | "共计")
            && ["学期", "学年", "全年", "年度"]
                .iter()
                .any(|w| before.ends_with(w));
        !total && before.matches('《').count() <= before.matches('》').count()
    })
}

/// Quota, figure or neither, from the cues of the clause.
/// A summary reports: there a count in digits that no target word sets is
/// a figure; 一 + classifier lists what each activity must produce.
pub(crate) fn reading(clause: &str, c: &Clause, count: &Count, cx: Context) -> Reading {
    if count.bare {
        return if cx.listed || comparator(clause, count).is_some() {
            Reading::Quota
        } else {
            Reading::Neither
        };
    }
    if each_time(clause, count) || agent(clause, count) {
        return Reading::Neither;
    }
    let before = &clause[..count.num.range.start];
    // In a summary 平均每人听课32节 is an average of what was done, no rate.
    let rate = before.contains('每') && !(cx.summary && before.contains("平均每"));
    // 近, 约, 余 read as well in a report as in a plan: only rate and target
    // words make a target, and a target word sets what follows it (有52人制定
    // 了读书计划: that 计划 is a noun after a reported fact).
    let target_word = TARGET.find_iter(before).any(|m| m.as_str() != "每");
    let own_target = rate || target_word;
    // In a plan a target earlier in the sentence outweighs a report word
    // there: 力争论文获奖率达到60%,发表率提高10% (获 of 获奖率 reports nothing).
    let report = reports(clause, cx.summary)
        || (cx.summary && SUMMARY_REPORT.is_match(clause))
        || (cx.reported && !own_target && (cx.summary || !cx.targeted));
    // A carried target lends itself to digits only: 将...围绕两条主线 stays
    // an enumeration.
    // Digits and percentages measure; other Chinese numbers often enumerate.
    let measured = count.num.arabic || proportion(&clause[count.num.range.clone()]);
    let target = own_target || (cx.targeted && !report && measured);
    // 50余种, 近10篇: plans set numbers, reports round them (约 and 左右
    // serve both).
    let approx = count.approx || (before.ends_with('近') && !before.ends_with("最近"));
    let size_of_list = c.end == Some(':') && count.num.value.is_some_and(|v| v >= 2.0);
    if size_of_list {
        return Reading::Neither;
    }
    let plain_one = count.num.value == Some(1.0) && !count.num.arabic;
    // 考试后三天内完成: a span within which to act is a deadline, with or
    // without a rate (以内 after a cap stays a comparator).
    let within = {
        let after = &clause[count.unit.end..];
        after.starts_with('内') || after.starts_with("之内")
    };
    if count.duration && (within || (!rate && !report)) {
        return Reading::Neither;
    }
    // In a summary, 14人次, 46篇 stand for themselves; 两条主线, 五个方面
    // in words are enumerations unless a report word is there.
    if !target && (report || approx || (cx.summary && measured)) {
        return Reading::Figure;
    }
    if count.duration && !rate {
        return Reading::Neither;
    }
    // 每次 says "each time", no rate of work: 每次确定一名中心发言人 names who
    // acts, as 一人执笔 does; a rate word elsewhere still sets the count.
    let each_occasion = before
        .match_indices('每')
        .all(|(at, m)| before[at + m.len()..].starts_with('次'));
    let own_target = own_target && (target_word || !each_occasion);
    if plain_one && !cx.listed && article(clause, count, rate, own_target, cx) {
        return Reading::Neither;
    }
    // 上交一份质量分析、两份优秀教案: a list goes on counting what its first
    // part set. A plan's 两期, 三次 count work to do (二次备课 is secondary).
    let work = !cx.summary
        && COUNT_UNITS.contains(&clause[count.unit.clone()])
        && !clause[count.num.range.clone()].starts_with('二');
    if plain_one || measured || target || cx.listed || work || comparator(clause, count).is_some() {
        Reading::Quota
    } else {
        Reading::Neither
    }
}

/// Whether a plain 一 + classifier is an article in a description of
/// method rather than a count of work. No comparator may set it, and then:
/// - inside a 以…为 frame without a rate (以一次活动为契机, 以做一个幸福的
///   教师为主题);
/// - a person (一人执笔) without a target word of its own clause or a
///   “N个一” set;
/// - a vague thing (确立一个教研主题进行研究) without a target word in its
///   sentence, a set, or the clause opening with it as a list entry
///   (一个问题交流).
fn article(clause: &str, count: &Count, rate: bool, own_target: bool, cx: Context) -> bool {
    if comparator(clause, count).is_some() {
        return false;
    }
    let before = &clause[..count.num.range.start];
    let after = &clause[count.unit.end..];
    if !rate && yi_wei_frame(before, after) {
        return true;
    }
    let unit = &clause[count.unit.clone()];
    match VAGUE.iter().find(|(u, _)| *u == unit).map(|&(_, k)| k) {
        Some("person") => !own_target && !cx.set,
        Some(_) => !own_target && !cx.targeted && !cx.set && !before.trim().is_empty(),
        None => false,
    }
}

/// 每开展一次活动都要做好记录: 每 + a verb + a count, answered by 都/就 in
/// the clause, says "each time", not a rate (每周一次, 每位教师一篇 and
/// 每两周一次 are rates: a rate word, classifier or number follows 每).
fn each_time(clause: &str, count: &Count) -> bool {
    let before = &clause[..count.num.range.start];
    let Some(at) = before.rfind('每') else {
        return false;
    };
    let from_mei = &before[at..];
    let next = from_mei['每'.len_utf8()..].chars().next();
    // The cheap tests first; every match of RATE is a rate.
    clause[count.unit.end..].contains(['都', '就'])
        && !next
            .is_some_and(|c| c.is_ascii_digit() || "一二两三四五六七八九十半隔位个名".contains(c))
        && !RATE.is_match(from_mei)
}

/// Whether a count of persons names who acts, not how much is done: it
/// follows 由 / 经 (试题须经同科两位教师审题, 由三名骨干教师负责), at most
/// four chars before it, and no comparator sets it.
fn agent(clause: &str, count: &Count) -> bool {
    const MAX_BETWEEN: usize = 4;
    let unit = &clause[count.unit.clone()];
    if !VAGUE.iter().any(|&(u, k)| u == unit && k == "person") {
        return false;
    }
    let before = &clause[..count.num.range.start];
    let Some(at) = before.rfind(['由', '经']) else {
        return false;
    };
    let between = &before[at + '由'.len_utf8()..];
    // 经验, 经费, 经常, 已经, 理由: words holding the char.
    let word = before[..at].ends_with(['已', '理', '自', '曾', '神'])
        || between.starts_with(['验', '费', '常', '典', '历', '济', '过', '于']);
    between.chars().count() <= MAX_BETWEEN
        && !word
        && between
            .chars()
            .all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
        && comparator(clause, count).is_none()
}

/// Whether a numeral continues a 、-list of ordinals (第二、三节): the text
/// before it ends with 第 + numerals + 、.
fn ordinal_list(before: &str) -> bool {
    let Some(list) = before.strip_suffix('、') else {
        return false;
    };
    let head =
        list.trim_end_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十、".contains(c));
    head.len() < list.len() && head.ends_with('第')
}

/// Whether a count sits between 以 and 为 (以X为主题): X is the frame of an
/// activity, never an amount of it. 可以, 所以, 以上, 以便 ... are no 以.
fn yi_wei_frame(before: &str, after: &str) -> bool {
    let Some(at) = before.rfind('以') else {
        return false;
    };
    let prev = before[..at].chars().next_back();
    let inside = &before[at + '以'.len_utf8()..];
    let next = inside.chars().next();
    // 以课题为抓手开展一次培训: the frame closed before the count.
    !inside.contains('为')
        && !prev.is_some_and(|c| "可所加予难得足用借赖".contains(c))
        && !next.is_some_and(|c| "上下内外便及免后前来致".contains(c))
        && after.contains('为')
}

/// The comparator that the wording gives a count, if any.
pub(crate) fn comparator(clause: &str, count: &Count) -> Option<&'static str> {
    if count.approx {
        return Some("~");
    }
    let after = &clause[count.unit.end..];
    let before = &clause[..count.num.range.start];
    let pre = PRE_COMPARATOR.is_match(before);
    for &(word, op, pos) in COMPARATOR.iter() {
        match pos {
            "post" if after.starts_with(word) => return Some(op),
            "pre" if pre => {
                // Multi-char words govern the clause up to the count
                // (至少围绕主题...上一节课); single-char ones must touch the
                // number (近10篇, 约20人). No other number may stand between.
                let at = if word.chars().count() > 1 {
                    before.rfind(word)
                } else {
                    before.ends_with(word).then(|| before.len() - word.len())
                };
                if let Some(at) = at {
                    let between = &before[at + word.len()..];
                    let number_between = between
                        .chars()
                        .any(|ch| ch.is_ascii_digit() || "一二三四五六七八九十两".contains(ch));
                    // 最近 is "recent", not "nearly".
                    let recent = word == "近" && before[..at].ends_with('最');
                    if !number_between && !recent {
                        return Some(op);
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// Rate words 每X before a count, in reading order: (byte range in clause).
pub(crate) fn rates(clause: &str, upto: usize) -> Vec<Range<usize>> {
    let s = &clause[..upto];
    // Every rate holds 每, or is 一学期 / 一学年.
    if !s.contains('每') && !s.contains("一学") {
        return Vec::new();
    }
    let mut out: Vec<Range<usize>> = RATE
        .captures_iter(s)
        .filter_map(|c| c.name("noun").or_else(|| c.name("term")).map(|m| m.range()))
        .collect();
    // 每位徒弟, 每名学员: a person classifier makes the noun after it a rate
    // word, whatever the noun (the list holds the usual ones).
    for (at, _) in s.match_indices('每') {
        let rest = &s[at + '每'.len_utf8()..];
        let Some(cl) = ['位', '名'].into_iter().find(|&c| rest.starts_with(c)) else {
            continue;
        };
        let from = at + '每'.len_utf8() + cl.len_utf8();
        if out.iter().any(|r| r.start == from) {
            continue;
        }
        let run = s[from..]
            .char_indices()
            .find(|&(_, c)| !('\u{4E00}'..='\u{9FFF}').contains(&c))
            .map_or(s.len(), |(i, _)| from + i);
        let tagged = crate::segment::jieba().tag(&s[from..run], false);
        if let Some(w) = tagged.first().filter(|w| w.tag.starts_with('n')) {
            out.push(from + w.byte_start..from + w.byte_end);
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// The quote of a count: its clause, cut around the count when long.
pub(crate) fn quote_range(clause: &str, count: &Count) -> Range<usize> {
    const WINDOW: usize = 14;
    if clause.chars().count() <= 2 * WINDOW + 4 {
        return 0..clause.len();
    }
    let start = clause[..count.num.range.start]
        .char_indices()
        .rev()
        .nth(WINDOW - 1)
        .map_or(0, |(i, _)| i);
    let end = clause[count.unit.end..]
        .char_indices()
        .nth(WINDOW)
        .map_or(clause.len(), |(i, _)| count.unit.end + i);
    start..end
}

/// A count of an item's text, with its clause and how it reads; the
/// count's ranges are relative to the clause.
pub(crate) struct Read {
    pub clause: Clause,
    pub count: Count,
    pub reading: Reading,
}

/// Every count of one item's cleaned text, read in its context.
#[cfg(test)]
pub(crate) fn read_counts(text: &str, summary: bool) -> Vec<Read> {
    read_in_set(text, summary, names_a_set(text))
}

/// Every count of one item's cleaned text; `set` when the item is an entry
/// of a labelled set of routines.
fn read_in_set(text: &str, summary: bool, set: bool) -> Vec<Read> {
    read_clauses(text, counted_clauses(text), summary, set)
}

/// The clauses of an item's cleaned text, each with its counts (ranges
/// relative to the clause), up to the last clause that holds a numeral.
fn counted_clauses(text: &str) -> impl Iterator<Item = (Clause, Vec<Count>)> + '_ {
    // Numerals never span a clause delimiter, so one search of the whole
    // text serves every clause.
    let mut numerals = find_all(text).into_iter().peekable();
    Clauses::new(text).map_while(move |c| {
        numerals.peek()?;
        let mut own = Vec::new();
        while let Some(n) = numerals.next_if(|n| n.range.start < c.range.end) {
            if n.range.start >= c.range.start
                && n.range.end <= c.range.end
                && !ordinal_list(&text[..n.range.start])
            {
                let shift = |r: Range<usize>| r.start - c.range.start..r.end - c.range.start;
                own.push(Numeral {
                    range: shift(n.range),
                    ..n
                });
            }
        }
        let counts = counts_of(&text[c.range.clone()], own);
        Some((c, counts))
    })
}

/// Reads the counts of an item's clauses in their context, left to right.
fn read_clauses(
    text: &str,
    clauses: impl Iterator<Item = (Clause, Vec<Count>)>,
    summary: bool,
    set: bool,
) -> Vec<Read> {
    let mut out: Vec<Read> = Vec::new();
    let (mut listed, mut reported, mut targeted) = (false, false, false);
    // Clauses of the running sentence whose report and target words are not
    // looked for yet: only a clause with a count needs to know them.
    let mut unread: Vec<Range<usize>> = Vec::new();
    for (c, found) in clauses {
        let clause = &text[c.range.clone()];
        let first = out.len();
        if !found.is_empty() {
            for r in unread.drain(..) {
                let before = &text[r];
                reported = reported || reports(before, summary);
                targeted = targeted || before.contains('每') || TARGET.is_match(before);
            }
        }
        let cx = Context {
            summary,
            listed,
            reported,
            targeted,
            set,
        };
        for count in found {
            let reading = reading(clause, &c, &count, cx);
            out.push(Read {
                clause: c.clone(),
                count,
                reading,
            });
        }
        let new = &out[first..];
        listed = c.end == Some('、') && new.iter().any(|r| r.reading == Reading::Quota);
        let goes_on = !matches!(c.end, None | Some('。' | ';' | '!' | '?' | '\n'));
        if goes_on {
            reported = reported || new.iter().any(|r| r.reading == Reading::Figure);
            unread.push(c.range.clone());
        } else {
            (reported, targeted) = (false, false);
            unread.clear();
        }
    }
    out
}

/// A quota found in an item's cleaned text; byte ranges into that text.
#[derive(Debug, Clone)]
struct Found {
    quote: Range<usize>,
    value: Option<f64>,
    max: Option<f64>,
    unit: Option<Range<usize>>,
    comparator: &'static str,
    per: Vec<Range<usize>>,
    scope: Option<Range<usize>>,
}

/// The quotas among the counts read in one item's cleaned text.
fn find(text: &str, reads: &[Read]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    // The clause the last quota came from, to carry its rate words along
    // a 、-list (每期组织一次评奖、一次培训 → both per 期).
    let mut last: Option<Clause> = None;
    for r in reads.iter().filter(|r| r.reading == Reading::Quota) {
        let c = &r.clause;
        let clause = &text[c.range.clone()];
        let base = c.range.start;
        let shift = |x: Range<usize>| base + x.start..base + x.end;
        // Every scope holds 岁 or 教龄.
        let scope = (clause.contains('岁') || clause.contains("教龄"))
            .then(|| SCOPE.find(clause))
            .flatten();
        let count = &r.count;
        // A number inside the age scope is not the quota itself.
        if scope.is_some_and(|s| s.range().contains(&count.num.range.start)) {
            continue;
        }
        let mut per: Vec<Range<usize>> = rates(clause, count.num.range.start)
            .into_iter()
            .map(shift)
            .collect();
        // The list ends with its sentence: 期中、期末各一次 after 每月一次对教案、
        // 作业进行检查。 takes no 月.
        let continues = last.as_ref().is_some_and(|l| {
            l.end == Some('、')
                && l.range.end < c.range.start
                && !text[l.range.end..c.range.start].contains(['。', ';', '!', '?', '\n'])
        });
        if per.is_empty() && continues {
            per = out.last().map(|f| f.per.clone()).unwrap_or_default();
        }
        out.push(Found {
            quote: shift(quote_range(clause, count)),
            value: count.num.value,
            max: count.num.max,
            unit: (!count.unit.is_empty()).then(|| shift(count.unit.clone())),
            comparator: comparator(clause, count).unwrap_or("="),
            per,
            scope: scope.map(|s| shift(s.range())),
        });
        last = Some(c.clone());
    }
    out
}

/// Counts of every item of a document, read as a summary or as any other
/// document reads them: the kind, quotas and figures rules share them.
/// A summary's section on the term ahead reads as a plan.
pub(crate) fn read_items(ctx: &DocCtx, doc: &Document, summary: bool) -> Vec<Vec<Read>> {
    doc.items
        .iter()
        .zip(in_sets(ctx, doc))
        .zip(looks_ahead(ctx, doc, summary))
        .map(|((item, set), ahead)| read_in_set(ctx.item_text(item), summary && !ahead, set))
        .collect()
}

/// (word, class) pairs of `ahead_headings.txt`.
static AHEAD: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    entries(include_str!("../../dictionaries/ahead_headings.txt"))
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            Some((f.next()?, f.next()?))
        })
        .collect()
});

/// Whether a heading announces the plans of the period ahead (下学期工作打算,
/// 今后努力方向): a word of the time ahead and a word of planning.
fn ahead_heading(h: &str) -> bool {
    let has = |class: &str| AHEAD.iter().any(|&(w, c)| c == class && h.contains(w));
    has("time") && has("plan")
}

/// For each item of a summary, whether it sits under a heading on the term
/// ahead (its section's or an ancestor's); all false for other documents.
fn looks_ahead(ctx: &DocCtx, doc: &Document, summary: bool) -> Vec<bool> {
    if !summary {
        return vec![false; doc.items.len()];
    }
    // Parents precede their children.
    let mut ahead: FastSet<&str> = FastSet::default();
    for s in &doc.sections {
        let inherited = s.parent.as_deref().is_some_and(|p| ahead.contains(p));
        if inherited || ahead_heading(ctx.norm.slice_chars(s.heading_norm.clone())) {
            ahead.insert(s.id.as_str());
        }
    }
    doc.items
        .iter()
        .map(|item| item.section.as_deref().is_some_and(|s| ahead.contains(s)))
        .collect()
}

/// The counts of `read_items` read again, as a summary when `summary`: the
/// counts stay what they are, so only their readings are worked out anew.
pub(crate) fn reread_items(
    ctx: &DocCtx,
    doc: &Document,
    reads: Vec<Vec<Read>>,
    summary: bool,
) -> Vec<Vec<Read>> {
    doc.items
        .iter()
        .zip(reads)
        .zip(in_sets(ctx, doc))
        .zip(looks_ahead(ctx, doc, summary))
        .map(|(((item, reads), set), ahead)| {
            reread(ctx.item_text(item), reads, summary && !ahead, set)
        })
        .collect()
}

/// The counts of one item's text read again (`reread_items`).
fn reread(text: &str, reads: Vec<Read>, summary: bool, set: bool) -> Vec<Read> {
    let mut reads = reads.into_iter().peekable();
    // Every clause up to the last with a count, as `counted_clauses` gives
    // them.
    let counted = Clauses::new(text).map_while(|c| {
        reads.peek()?;
        let mut counts = Vec::new();
        while let Some(r) = reads.next_if(|r| r.clause.range == c.range) {
            counts.push(r.count);
        }
        Some((c, counts))
    });
    read_clauses(text, counted, summary, set)
}

/// For each item of a document, whether it is an entry of a labelled set
/// of routines: its text or a section heading over it names the set.
fn in_sets(ctx: &DocCtx, doc: &Document) -> Vec<bool> {
    // Sections whose heading, or an ancestor's, names a set of routines
    // (坚持“八个一”制度 over 参与一个课题); parents precede their children.
    let mut set_sections: FastSet<&str> = FastSet::default();
    for s in &doc.sections {
        let inherited = s
            .parent
            .as_deref()
            .is_some_and(|p| set_sections.contains(p));
        if inherited || names_a_set(ctx.norm.slice_chars(s.heading_norm.clone())) {
            set_sections.insert(s.id.as_str());
        }
    }
    doc.items
        .iter()
        .map(|item| {
            names_a_set(ctx.item_text(item))
                || item
                    .section
                    .as_deref()
                    .is_some_and(|s| set_sections.contains(s))
        })
        .collect()
}

/// Fills `doc.quotas` from the counts of each item (`read_items`).
pub(crate) fn extract(ctx: &DocCtx, doc: &mut Document, reads: &[Vec<Read>]) {
    let mut out = Vec::new();
    for (item, reads) in doc.items.iter().zip(reads) {
        let src = |r: Range<usize>| ctx.locate(item, r).1;
        for f in find(ctx.item_text(item), reads) {
            let (span, text) = ctx.locate(item, f.quote);
            out.push(Quota {
                item: item.id.clone(),
                text,
                span,
                value: f.value,
                max: f.max,
                unit: f.unit.map(src),
                comparator: f.comparator.to_string(),
                per: f.per.into_iter().map(src).collect(),
                scope: f.scope.map(src),
            });
        }
    }
    doc.quotas = out;
}

#[cfg(test)]
mod tests {
    use super::super::clause::clauses;
    use super::*;

    /// (value, unit, comparator, per) of the quotas of one sentence.
    fn quotas(s: &str) -> Vec<(Option<f64>, String, &'static str, Vec<String>)> {
        find(s, &read_counts(s, false))
            .into_iter()
            .map(|f| {
                (
                    f.value,
                    f.unit.map(|u| s[u].to_string()).unwrap_or_default(),
                    f.comparator,
                    f.per.into_iter().map(|r| s[r].to_string()).collect(),
                )
            })
            .collect()
    }

    /// How each count of `s` reads in a summary.
    fn summary_readings(s: &str) -> Vec<Reading> {
        read_counts(s, true)
            .into_iter()
            .map(|r| r.reading)
            .collect()
    }

    fn one(s: &str) -> (Option<f64>, String, &'static str, Vec<String>) {
        let q = quotas(s);
        assert_eq!(q.len(), 1, "{s}: {q:?}");
        q.into_iter().next().unwrap_or_default()
    }

    proptest::proptest! {
        /// `unit_after` finds what the pattern with an optional 余/多 group
        /// that it replaced found.
        #[test]
        fn unit_after_matches_the_pattern(s in "[余多分钟个百分点次人篇学时期本组织万字元%]{0,6}") {
            let pattern = Regex::new(&format!(
                r"^(?P<mid>余|多)?(?P<unit>{}|{})",
                alternation(DURATIONS),
                alternation(UNITS)
            ))
            .unwrap();
            let expected = pattern.captures(&s).and_then(|m| {
                Some((m.name("mid").is_some(), m.name("unit")?.range()))
            });
            proptest::prop_assert_eq!(unit_after(&s), expected);
        }
    }

    #[test]
    fn reading_again_as_a_summary_reads_as_a_summary() {
        let key = |reads: Vec<Read>| -> Vec<_> {
            reads
                .into_iter()
                .map(|r| (r.clause.range, r.count.num.range, r.count.unit, r.reading))
                .collect()
        };
        for s in [
            "本学期每位教师撰写了论文,人均3篇",
            "学校现有4个省级课题,10个市级课题,其中有4个是刚立项的课题。",
            "校刊出版两期;每学期必须有11000字左右的心得、各类文章7、论文1。徒弟平均每人听课32节",
            "参与一个课题,一定要做好。",
        ] {
            for set in [false, true] {
                let again = reread(s, read_in_set(s, false, set), true, set);
                assert_eq!(key(again), key(read_in_set(s, true, set)), "{s}");
            }
        }
    }

    #[test]
    fn thresholds_and_rates() {
        assert_eq!(
            one("一学期每人不少于8篇"),
            (
                Some(8.0),
                "篇".into(),
                ">=",
                vec!["学期".into(), "人".into()]
            )
        );
        assert_eq!(
            one("每篇不少于300字"),
            (Some(300.0), "字".into(), ">=", vec!["篇".into()])
        );
        assert_eq!(
            one("教学一线的教师每人每周至少听一节对应学科的课"),
            (Some(1.0), "节".into(), ">=", vec!["人".into(), "周".into()])
        );
        assert_eq!(one("认真完成4000字以上的学习笔记").2, ">=");
        assert_eq!(one("每学期必须登录学校网站20次").2, "=");
        assert_eq!(one("本学期学校将拿出常年资金的20%对教师进行考核").1, "%");
        assert_eq!(one("本学期完成2个市级课题的结题").0, Some(2.0));
        assert_eq!(
            one("每位教师撰写一份教学质量分析报告").3,
            vec!["教师".to_string()]
        );
        // Any noun after 每位 / 每名 is a rate word.
        assert_eq!(
            one("每位徒弟每学期听课不少于20节").3,
            vec!["徒弟".to_string(), "学期".to_string()]
        );
        assert_eq!(one("每名学员提交一份作业").3, vec!["学员".to_string()]);
        assert_eq!(one("每位都要上一节公开课").3, Vec::<String>::new());
    }

    #[test]
    fn parts_of_a_list_of_ones() {
        let q =
            quotas("学期初制定一份课题研究计划;每月召开一次课题会议,汇报情况;期末写好一篇总结论文");
        assert_eq!(q.len(), 3);
        let q = quotas("每月一篇500字以上有质量的教学点滴反思");
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].2, ">=");
    }

    #[test]
    fn written_comparators() {
        assert_eq!(one("每次活动不超过3人").2, "<=");
        assert_eq!(one("每人两三篇").0, Some(2.0));
        let range = quotas("期末上交教学反思一至两篇");
        assert_eq!((range[0].0, range[0].1.as_str()), (Some(1.0), "篇"));
        // A written percentage has no unit after it.
        assert_eq!(
            one("学生书面作业合格率保持在百分之九十以上"),
            (Some(90.0), String::new(), ">=", vec![])
        );
        assert_eq!(one("优秀率达到百分之八十").0, Some(80.0));
        let third = one("参加比赛的教师不少于全组人数的三分之一");
        assert_eq!((third.1.as_str(), third.2), ("", ">="));
        assert_eq!(one("学生优秀率提高5个百分点").1, "个百分点");
        // A 、-list counts on in words after its first quota.
        let q = quotas("每位教师每学期上交一份质量分析、两份优秀教案。");
        let v: Vec<_> = q.iter().map(|x| (x.0, x.1.as_str())).collect();
        assert_eq!(v, [(Some(1.0), "份"), (Some(2.0), "份")]);
        assert_eq!(one("每班约20人").2, "~");
        // 约 before a verb of proportion still governs the number.
        assert_eq!(one("实践性作业约占20%").2, "~");
        assert_eq!(one("每组人数约为8人").2, "~");
        assert_eq!(one("最近3次").2, "=");
        assert_eq!(one("每学期上课超过10节").2, ">");
        assert_eq!(one("每学期听课不足10节").2, "<");
        assert_eq!(
            one("组内每人至少围绕主题选择单元中的重点内容上一节公开课").2,
            ">="
        );
        let bare = one("每月发表教育科研类原创博文至少3");
        assert_eq!((bare.0, bare.1.as_str(), bare.2), (Some(3.0), "", ">="));
    }

    #[test]
    fn not_quotas() {
        for s in [
            "围绕课题开展“五个一”活动",
            "出好第四期《书法作品集》",
            "让读书成为教师的一种生活方式",
            "作为一条铁律,人人必须参加",
            "各教研组选择其中某一个问题作为切入点",
            "上好每一堂课",
            "精心选择三个校本研修项目:",
            "合理安排教师的90学时的培训",
            "布置四个书法专用教室",
            "我们要十分重视",
            "对上学期新结的19对师徒开展跟踪考评",
            "用一个月时间完成",
            "2021-7-6",
            "为师生营造一个安全祥和的工作和学习环境",
            "提供一个良好的研讨平台",
            "是我市教育工作的一项重点",
            "工作中多一分细心",
            "在一个群体中有不同思想",
            "必读书籍——《教师的20项修炼》",
            "要认真进行二次备课",
            "1本学期教科室将围绕学校中心工作",
            "教研组长每月最后一周检查备课和作业",
        ] {
            assert!(quotas(s).is_empty(), "{s}: {:?}", quotas(s));
        }
    }

    #[test]
    fn articles_in_a_description_of_method() {
        for s in [
            // corpus
            "以教学中的问题或困惑为研究内容,确立一个教研主题进行研究",
            "本学期,继续以做一个幸福的教师为主题",
            "组内成员全员参与设计,一人执笔,分单元备课",
            // written
            "以一次公开课为契机,推动组内研讨",
            "通过一次次教研活动提升教师能力",
            "一个又一个难题得到解决",
            "再一次强调集体备课的要求",
            "资料一次性上交",
            "把教研组作为一个整体来考核",
            "选定一个切入点开展研究",
            "由一位骨干教师主持",
            "每次活动由一名教师主讲",
            "各组由一名组长负责记录",
            "计划从语文组开始实验,组内成员全员参与设计,一人执笔,分单元备课",
            "本学期将继续以一次读书活动为载体",
            "每开展一次活动都要做好记录",
            "继续坚持每周二下午集体备课,每次确定一名中心发言人",
            "每次研讨确定一位主持人",
            "为学校的发展贡献一份力量",
            "建立一套完整的课题档案",
            "教研活动要有一个明确的主题",
        ] {
            assert!(quotas(s).is_empty(), "{s}: {:?}", quotas(s));
        }
    }

    #[test]
    fn counts_of_work_stay_quotas() {
        for (s, n) in [
            ("每周听一节课", 1),
            ("每学期上一节公开课", 1),
            ("每人至少写一篇论文", 1),
            ("本学期完成2个课题", 1),
            (
                "每月向教研组提供一个典型案例,向教研组提供一个值得探讨的问题",
                2,
            ),
            ("上课时至少有一位主任参加听课", 1),
            ("要求每个教研组推选一人上校级公开课", 1),
            ("并以此对学校骨干教师开展一次课题研究专项培训", 1),
            ("一个项目培训活动方案", 1),
            ("每次活动完成“四个一”即:一个问题交流;一个教学得失", 2),
            ("本学期我们将确立一个研究主题", 1),
            ("每周听一节课就写一篇反思", 2),
            ("每位新教师写一篇反思,都要交教科室", 1),
            ("每两周一次,都在周三", 1),
            // 每次 with a rate word or a target word of its own still counts
            ("每次活动每组推选一人发言", 1),
            ("每次活动要求推选一人上研究课", 1),
            // the 以…为 frame closed before the count
            ("以课题为抓手开展一次专题培训为期两天", 1),
        ] {
            assert_eq!(quotas(s).len(), n, "{s}: {:?}", quotas(s));
        }
        // An entry of a “N个一” set named in its heading.
        assert_eq!(
            find("参与一个课题", &read_in_set("参与一个课题", false, true)).len(),
            1
        );
        assert!(find("参与一个课题", &read_in_set("参与一个课题", false, false)).is_empty());
        // An alternative after 或 is not a second quota.
        assert_eq!(
            find(
                "钻研一个教学单元或一个章节的新教材案例",
                &read_in_set("钻研一个教学单元或一个章节的新教材案例", false, true)
            )
            .len(),
            1
        );
        assert!(names_a_set("坚持“八个一”制度"));
        assert!(!names_a_set("一个一个地检查"));
    }

    #[test]
    fn counts_of_work_in_words_are_quotas_in_a_plan() {
        assert_eq!(one("出版《育才教苑》两期").0, Some(2.0));
        assert_eq!(one("本学期开展三次教学展示活动").1, "次");
        for s in [
            "要认真进行二次备课",
            "紧紧围绕两条主线",
            "落实四项措施",
            "每周三下午第二、三节为语文组教研时间",
            "第一、二、三次会议",
            "每次考试后三天内完成成绩分析",
            "每单元结束后一周之内上交试卷分析",
        ] {
            assert!(quotas(s).is_empty(), "{s}: {:?}", quotas(s));
        }
        assert_eq!(summary_readings("校刊出版两期"), [Reading::Neither]);
    }

    #[test]
    fn reported_counts_are_figures_not_quotas() {
        assert!(quotas("共收到论文46篇").is_empty());
        assert!(quotas("成功申报了六项省级课题").is_empty());
        assert!(quotas("全校68位教师中有52人制定了个人读书计划").is_empty());
        assert_eq!(quotas("本学期计划完成2个课题的结题").len(), 1);
    }

    #[test]
    fn in_a_summary_untargeted_counts_are_figures() {
        let summary = Context {
            summary: true,
            ..Context::default()
        };
        let s = "学校征订各类教育教学杂志50种";
        let c = &clauses(s)[0];
        let count = &counts(s)[0];
        assert_eq!(reading(s, c, count, summary), Reading::Figure);
        assert_eq!(reading(s, c, count, Context::default()), Reading::Quota);
        let s = "紧紧围绕课程改革两条主线";
        assert_eq!(
            reading(s, &clauses(s)[0], &counts(s)[0], summary),
            Reading::Neither
        );
        let s = "合理安排教师的90学时的培训";
        assert_eq!(
            reading(s, &clauses(s)[0], &counts(s)[0], summary),
            Reading::Neither
        );
        let s = "一份项目培训活动记录";
        assert_eq!(
            reading(s, &clauses(s)[0], &counts(s)[0], summary),
            Reading::Quota
        );
    }

    #[test]
    fn reaching_a_level_is_a_target_in_a_plan_and_a_report_in_a_summary() {
        let summary = Context {
            summary: true,
            ..Context::default()
        };
        for (s, plan, sum) in [
            (
                "教学常规检查合格率达到100%",
                Reading::Quota,
                Reading::Figure,
            ),
            (
                "青年教师过关课合格率达95%以上",
                Reading::Quota,
                Reading::Figure,
            ),
            ("校级微型课题结题率达到85%", Reading::Quota, Reading::Figure),
        ] {
            let (c, count) = (&clauses(s)[0], &counts(s)[0]);
            assert_eq!(reading(s, c, count, Context::default()), plan, "{s}");
            assert_eq!(reading(s, c, count, summary), sum, "{s}");
        }
        // A target word keeps it a quota in a summary's plans for next term.
        let s = "力争区级以上课题结题率达到90%";
        assert_eq!(
            reading(s, &clauses(s)[0], &counts(s)[0], summary),
            Reading::Quota
        );
        // Completed aspect reports in any document.
        let s = "合格率达到了98%";
        assert_eq!(
            reading(s, &clauses(s)[0], &counts(s)[0], Context::default()),
            Reading::Figure
        );
        let q = quotas("教学常规检查合格率达到100%,优秀率不低于30%。");
        let v: Vec<_> = q.iter().map(|x| (x.0, x.2)).collect();
        assert_eq!(v, [(Some(100.0), "="), (Some(30.0), ">=")]);
    }

    #[test]
    fn a_summarys_section_on_the_term_ahead_reads_as_a_plan() {
        let text = "某校2024学年第二学期班主任工作总结\n一、工作回顾\n本学期家访率达到60%,召开家长会2次。\n二、下学期工作打算\n1. 9月初召开一次家长会,家访率达到100%。\n2. 每月评选一次进步之星。\n";
        let p = crate::extract_bytes("t.txt", text.as_bytes()).unwrap();
        let d = &p.extract.documents[0];
        assert_eq!(d.kind, crate::model::Kind::Summary);
        let q: Vec<(&str, Option<f64>)> = d
            .quotas
            .iter()
            .map(|q| (q.text.as_str(), q.value))
            .collect();
        assert_eq!(
            q,
            [
                ("9月初召开一次家长会", Some(1.0)),
                ("家访率达到100%", Some(100.0)),
                ("每月评选一次进步之星", Some(1.0))
            ]
        );
        assert!(ahead_heading("四、今后努力方向"));
        assert!(ahead_heading("下一步工作设想"));
        assert!(!ahead_heading("存在的不足"));
        assert!(!ahead_heading("工作计划落实情况"));
    }

    #[test]
    fn who_acts_and_ranks_are_no_amounts() {
        for s in [
            "试题须经同科两位教师审题",
            "由三名骨干教师负责命题",
            "力争在区田径运动会上团体总分进入前六名",
            "推进新一轮课程改革",
        ] {
            assert!(quotas(s).is_empty(), "{s}: {:?}", quotas(s));
        }
        assert_eq!(one("邀请2名以上市级专家到场指导").0, Some(2.0));
        assert_eq!(one("经过培训,每位教师至少上交两份教案").0, Some(2.0));
        // A plan's total for the term is set, not reported.
        assert_eq!(quotas("每月办理一次研习,全学期共四场")[1].0, Some(4.0));
        assert_eq!(quotas("全校共24个教学班"), []);
        assert_eq!(
            summary_readings("本学期共召开主题班会18次"),
            [Reading::Figure]
        );
        // A report word inside a title reports nothing.
        assert_eq!(one("双周出版一期课题简报《共生》").1, "期");
    }

    #[test]
    fn a_target_of_the_sentence_outweighs_its_report_words_in_a_plan() {
        let q = quotas("力争本学期教师论文获奖率达到60%,发表率提高10%。");
        let v: Vec<_> = q.iter().map(|x| x.0).collect();
        assert_eq!(v, [Some(60.0), Some(10.0)]);
        // In a summary the report carries on.
        assert_eq!(
            summary_readings("本学期每位教师撰写了论文,人均3篇"),
            [Reading::Figure]
        );
    }

    #[test]
    fn an_average_in_a_summary_is_a_figure() {
        let summary = Context {
            summary: true,
            ..Context::default()
        };
        let s = "徒弟平均每人听课32节";
        let (c, count) = (&clauses(s)[0], &counts(s)[0]);
        assert_eq!(reading(s, c, count, summary), Reading::Figure);
        assert_eq!(reading(s, c, count, Context::default()), Reading::Quota);
        let s = "全体教师平均每人每学期听课不少于20节";
        let (c, count) = (&clauses(s)[0], &counts(s)[0]);
        assert_eq!(reading(s, c, count, Context::default()), Reading::Quota);
        // A summary's own rate without 平均 stays a quota.
        let s = "每月召开一次课题组长会议";
        assert_eq!(
            reading(s, &clauses(s)[0], &counts(s)[0], summary),
            Reading::Quota
        );
    }

    #[test]
    fn unwritten_units_in_a_list_of_quotas() {
        let q = quotas("每学期必须有11000字左右的心得体会、135形式的各类文章7、课题研究论文1。");
        let v: Vec<_> = q.iter().map(|x| (x.0, x.1.as_str(), x.2)).collect();
        assert_eq!(
            v,
            [
                (Some(11000.0), "字", "~"),
                (Some(7.0), "", "="),
                (Some(1.0), "", "=")
            ]
        );
        // Alone, a number after a noun is no quota: 第2/24页, 高一3.
        assert!(quotas("在规范过程管理2").is_empty());
    }

    #[test]
    fn reports_carry_through_their_sentence() {
        assert!(quotas("学校现有4个省级课题,10个市级课题,其中有4个是刚立项的课题。").is_empty());
        assert!(quotas("本学期,学校征订各类教育教学杂志50余种").is_empty());
        assert!(quotas("本学期论文发表近10篇,其中省级2篇。").is_empty());
        // A new sentence starts afresh.
        assert_eq!(quotas("已完成2个课题。本学期完成3个课题的结题").len(), 1);
    }

    #[test]
    fn rates_carry_along_a_list() {
        let q = quotas("每期组织一次教学反思评奖、一次教材教法研究培训;一次献课活动");
        let per: Vec<_> = q.iter().map(|x| x.3.clone()).collect();
        assert_eq!(
            per,
            [vec!["期".to_string()], vec!["期".to_string()], vec![]]
        );
        let q = quotas("教导处每月一次对教案、作业批改进行检查。期中、期末各进行一次全面检查。");
        let per: Vec<_> = q.iter().map(|x| x.3.clone()).collect();
        assert_eq!(per, [vec!["月".to_string()], vec![]]);
    }

    #[test]
    fn teaching_age_is_scope() {
        let s = "本期开展一次教龄在1-3年的新教师生本合格课认定";
        assert_eq!(
            SCOPE.find(s).map(|m| m.as_str()),
            Some("教龄在1-3年的新教师")
        );
        assert_eq!(one(s).0, Some(1.0));
    }

    #[test]
    fn targets_carry_through_their_sentence() {
        let q = quotas("每学期每人读两三本教育专著,写读书笔记约5000字。");
        assert_eq!(q.len(), 2);
        assert_eq!((q[1].0, q[1].2), (Some(5000.0), "~"));
        assert!(quotas("本学期我们将继续努力,紧紧围绕两条主线").is_empty());
    }

    #[test]
    fn huge_number_keeps_text_without_value() {
        assert_eq!(one("每人写99999999999999999999篇").0, None);
    }

    #[test]
    fn age_is_scope_not_quota() {
        let s = "35周岁以下的教师写一篇成功教育教学经验文章";
        assert_eq!(one(s).0, Some(1.0));
        assert_eq!(SCOPE.find(s).map(|m| m.as_str()), Some("35周岁以下的教师"));
    }
}
