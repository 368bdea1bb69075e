//! Events: what is dated, scheduled or recurring.
//!
//! Takes (1) every item under a month heading (the months of the nearest
//! section that has them), one event per item, whose own date wins when it
//! has one; (2) every clause with a month (3月, 九月份, 10月11月, 七月、八月),
//! a date (3月12日, 2021-7-6), a weekday (周三, 星期五) or a rhythm
//! (每周, 每月, 周周, 单周/双周 in `recurrence.txt`); and (3) a month written
//! as an inline heading ("九月份:开学准备;教研计划") over the entries after it.
//! Part of month (9月初 → early, `month_parts.txt`) and relation
//! (4月30日前 → by, `date_relations.txt`) come from the words around the date.
//! A date alone in brackets dates the clause before it: 试卷分析课(四月份).
//!
//! Not events: school-calendar words alone (学期初, 期末), 每学期 (a quota
//! rate), 每天/每年 (no such recurrence), 定期, a line that is only a date
//! (the signature), a table's header row (月份 内容: structure drops it).
//! Known false positives: 每周 qualifying a noun
//! (学校每周的工作安排) reads as a weekly event unless 列入/纳入 governs it.

use super::clause::{clauses, trim_end_punct, Clause};
use super::DocCtx;
use crate::dict::FastMap;
use crate::dict::{alternation, entries};
use crate::model::{Document, Event, Item, Section, When};
use crate::structure::months::{month_span, NEXT_YEAR};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static RECURRENCE: &str = include_str!("../../dictionaries/recurrence.txt");
static MONTH_PARTS: &str = include_str!("../../dictionaries/month_parts.txt");
static RELATIONS: &str = include_str!("../../dictionaries/date_relations.txt");

fn pairs(list: &'static str) -> Vec<Vec<&'static str>> {
    let mut v: Vec<Vec<&str>> = entries(list)
        .map(|l| l.split_whitespace().collect())
        .filter(|f: &Vec<&str>| f.len() >= 2)
        .collect();
    v.sort_by_key(|f| std::cmp::Reverse(f[0].len()));
    v
}

/// Words that may lead a clause holding nothing but a date (其中3月、).
static DATE_LEADS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../dictionaries/date_leads.txt")).collect());

static RHYTHM_OBJECTS: &str = include_str!("../../dictionaries/rhythm_objects.txt");

static RHYTHMS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| pairs(RECURRENCE));
static RHYTHM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&crate::dict::alternation_of(RHYTHMS.iter().map(|r| r[0]))).expect("rhythm pattern")
});
static RHYTHM_OBJECT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&alternation(RHYTHM_OBJECTS)).expect("rhythm objects"));
static PARTS: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| pairs(MONTH_PARTS));
static RELATION: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| pairs(RELATIONS));

const CN_SMALL: &str = "十二|十一|十|一|二|三|四|五|六|七|八|九";
const CN_DAY: &str =
    "三十一|三十|二十[一二三四五六七八九]|二十|十[一二三四五六七八九]|十|[一二三四五六七八九]";

/// A calendar date: [year年]month月[份][day日/号], or 2021-7-6.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        concat!(
            r"(?P<iso>(?P<iy>\d{{4}})[-/.](?P<im>\d{{1,2}})[-/.](?P<id>\d{{1,2}}))",
            r"|(?:(?P<y>\d{{4}}|[〇○零一二三四五六七八九]{{4}}|20[xX×]{{2}})年)?",
            r"(?P<m>\d{{1,2}}|{cn})(?:(?P<to>-|—|~|至|到)(?:{ny})?(?P<m2>\d{{1,2}}|{cn}))?月份?",
            r"(?:(?P<d>\d{{1,2}}|{day})[日号]?(?:(?:-|—|~|至|到)(?:\d{{1,2}}|{day}))?[日号])?"
        ),
        cn = CN_SMALL,
        day = CN_DAY,
        ny = crate::dict::alternation_of(NEXT_YEAR.iter().copied())
    ))
    .expect("date pattern")
});

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:周|星期|礼拜)(?P<w>[一二三四五六日天1-7])").expect("weekday pattern")
});

/// A calendar expression found in a clause.
#[derive(Debug, Clone, Default)]
struct Hit {
    range: Range<usize>,
    when: When,
}

fn small(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let v = super::numerals::parse(s)?.0;
    (v.fract() == 0.0 && (0.0..100.0).contains(&v)).then_some(v as u32)
}

/// The chars of which a calendar expression holds at least one: 月 of a
/// date, the separator of 2021-7-6, 周/星期/礼拜 of a weekday, and each
/// rhythm word (a unit test holds `recurrence.txt` to that).
#[cfg(test)]
const CALENDAR_CHARS: [char; 7] = ['月', '周', '星', '礼', '-', '/', '.'];

/// Bits of `calendar()`: 月; 周, 星 or 礼; a date separator - / . .
const MONTH: u8 = 1;
const WEEK: u8 = 2;
const SEPARATOR: u8 = 4;

/// Which of the calendar chars a text holds, as `MONTH | WEEK | SEPARATOR`
/// bits. Most clauses hold none, so this gate runs on every item and
/// clause: vectorised byte searches, as the UTF-8 of 月周星礼 cannot start
/// inside another char.
fn calendar(s: &str) -> u8 {
    use memchr::memmem::Finder;
    static WEEKS: LazyLock<[Finder<'static>; 3]> =
        LazyLock::new(|| ["周", "星", "礼"].map(|w| Finder::new(w.as_bytes()).into_owned()));
    static MONTHS: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("月".as_bytes()));
    let b = s.as_bytes();
    let mut bits = 0;
    if memchr::memchr3(b'-', b'/', b'.', b).is_some() {
        bits |= SEPARATOR;
    }
    if MONTHS.find(b).is_some() {
        bits |= MONTH;
    }
    if WEEKS.iter().any(|f| f.find(b).is_some()) {
        bits |= WEEK;
    }
    bits
}

fn hits(clause: &str) -> Vec<Hit> {
    let cal = calendar(clause);
    if cal == 0 {
        return Vec::new();
    }
    let mut out: Vec<Hit> = Vec::new();
    // A date holds 月 or is written 2021-7-6; numerals are everywhere, so
    // the pattern alone would try most chars of most clauses.
    let dated = cal & (MONTH | SEPARATOR) != 0;
    for c in dated
        .then(|| DATE.captures_iter(clause))
        .into_iter()
        .flatten()
    {
        let Some(whole) = c.get(0) else { continue };
        let mut w = When::default();
        if c.name("iso").is_some() {
            // 2021-09-17 16:42:30 is a page's time stamp, not a schedule.
            let rest = clause[whole.end()..].trim_start();
            if rest.len() < clause.len() - whole.end()
                && rest.starts_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            w.year = c.name("iy").and_then(|m| m.as_str().parse().ok());
            w.month = c.name("im").and_then(|m| small(m.as_str()));
            w.day = c.name("id").and_then(|m| small(m.as_str()));
        } else {
            // A digit glued before the month belongs to another number.
            let prev = clause[..whole.start()].chars().next_back();
            if prev.is_some_and(|p| p.is_ascii_digit() || "〇○零一二三四五六七八九十两".contains(p))
            {
                continue;
            }
            w.year = c.name("y").and_then(|m| {
                let s = m.as_str();
                s.parse().ok().or_else(|| small_year(s))
            });
            w.month = c.name("m").and_then(|m| small(m.as_str()));
            w.day = c.name("d").and_then(|m| small(m.as_str()));
            let m2 = c.name("m2").and_then(|m| small(m.as_str()));
            if let (Some(a), Some(b)) = (w.month, m2) {
                if a != b && (1..=12).contains(&a) && (1..=12).contains(&b) {
                    w.months = month_span(a, b);
                }
            }
        }
        if !w.month.is_some_and(|m| (1..=12).contains(&m)) || w.day.is_some_and(|d| d > 31) {
            continue;
        }
        if w.months.is_empty() {
            w.months = w.month.into_iter().collect();
        }
        let mut end = whole.end();
        if let Some(p) = PARTS.iter().find(|p| clause[end..].starts_with(p[0])) {
            w.part = Some(p[1].to_string());
            end += p[0].len();
        }
        let mut start = whole.start();
        // One word before and one after: 自9月起, 从3月开始.
        let (mut pre, mut post) = (false, false);
        for r in RELATION.iter() {
            let hit = match r.get(2) {
                Some(&"pre") if !pre && clause[..start].ends_with(r[0]) => {
                    start -= r[0].len();
                    pre = true;
                    true
                }
                Some(&"post") if !post && clause[end..].starts_with(r[0]) => {
                    end += r[0].len();
                    post = true;
                    true
                }
                _ => false,
            };
            if hit && w.relation.is_none() {
                w.relation = Some(r[1].to_string());
            }
        }
        out.push(Hit {
            range: start..end,
            when: w,
        });
    }
    // A rhythm inside the object of 列入/纳入 qualifies a schedule or a
    // review, it is no activity of its own.
    let mut object: Option<Option<usize>> = None;
    // Each rhythm word holds 月 or a week char, each weekday 周/星期/礼拜.
    let rhythms = (cal & (MONTH | WEEK) != 0).then(|| RHYTHM.find_iter(clause));
    for m in rhythms.into_iter().flatten() {
        let object = *object.get_or_insert_with(|| RHYTHM_OBJECT.find(clause).map(|m| m.end()));
        let prev = clause[..m.start()].chars().next_back();
        // 3月月底, 第一周周一: the 月/周 of a date, not 月月/周周.
        let month_day = matches!(m.as_str(), "月月" | "周周")
            && prev.is_some_and(|p| p.is_ascii_digit() || "一二三四五六七八九十".contains(p));
        if month_day || object.is_some_and(|o| o <= m.start()) {
            continue;
        }
        let rec = RHYTHMS.iter().find(|r| r[0] == m.as_str()).map(|r| r[1]);
        out.push(Hit {
            range: m.range(),
            when: When {
                recurrence: rec.map(str::to_string),
                ..When::default()
            },
        });
    }
    let weekdays = (cal & WEEK != 0).then(|| WEEKDAY.captures_iter(clause));
    for c in weekdays.into_iter().flatten() {
        let (Some(whole), Some(d)) = (c.get(0), c.name("w")) else {
            continue;
        };
        // 每周一次, 每周一小时, 每周一课: the digit counts, it is no weekday;
        // 两周一课: 周 is a span of weeks.
        let rest = &clause[whole.end()..];
        let prev = clause[..whole.start()].chars().next_back();
        if super::quotas::starts_with_unit(rest)
            || rest.starts_with('课')
            || prev.is_some_and(|p| p.is_ascii_digit() || "一二两三四五六七八九十几".contains(p))
        {
            continue;
        }
        let weekday = match d.as_str() {
            "日" | "天" => 7,
            s => small(s).unwrap_or(0),
        };
        if (1..=7).contains(&weekday) {
            out.push(Hit {
                range: whole.range(),
                when: When {
                    weekday: Some(weekday),
                    ..When::default()
                },
            });
        }
    }
    // Rhythms overlapping one another (每周 inside 每周周...) keep the first.
    out.sort_by_key(|h| (h.range.start, std::cmp::Reverse(h.range.end)));
    let mut kept: Vec<Hit> = Vec::new();
    for h in out {
        match kept.last_mut() {
            Some(k) if h.range.start < k.range.end => {
                // 每周 + 周三 overlap: merge the weekday into the rhythm.
                k.when.weekday = k.when.weekday.or(h.when.weekday);
                k.range.end = k.range.end.max(h.range.end);
            }
            // 4月—12月, 20xx年4月至20xx年12月, 12月至次年1月: one span of
            // months.
            Some(k)
                if span_sep(&clause[k.range.end..h.range.start])
                    && k.when.months.len() == 1
                    && h.when.months.len() == 1
                    && k.when.months[0] != h.when.months[0] =>
            {
                k.when.months = month_span(k.when.months[0], h.when.months[0]);
                k.when.day = None;
                k.range.end = h.range.end;
            }
            _ => kept.push(h),
        }
    }
    kept
}

/// Whether the text between two dates makes them one span: a range sign,
/// with the next year's word after it (至次年).
fn span_sep(between: &str) -> bool {
    let t = between.trim();
    // NEXT_YEAR runs longest first, so the longest word ending `t` goes.
    let t = NEXT_YEAR
        .iter()
        .find_map(|w| t.strip_suffix(*w))
        .unwrap_or(t);
    matches!(t.trim_end(), "-" | "—" | "——" | "~" | "至" | "到")
}

fn small_year(s: &str) -> Option<i32> {
    let ds: Option<Vec<u32>> = s
        .chars()
        .map(|c| {
            "〇一二三四五六七八九"
                .chars()
                .position(|d| d == c)
                .map(|p| p as u32)
                .or(matches!(c, '零' | '○').then_some(0))
        })
        .collect();
    let mut v = 0i32;
    for d in ds? {
        v = v * 10 + d as i32;
    }
    Some(v)
}

/// The hits of a clause folded into one `When`, with the byte range they
/// cover.
fn fold(hits: &[Hit]) -> Option<(Range<usize>, When)> {
    let first = hits.first()?;
    let mut w = When::default();
    let mut r = first.range.clone();
    for h in hits {
        r.start = r.start.min(h.range.start);
        r.end = r.end.max(h.range.end);
        w.year = w.year.or(h.when.year);
        for m in &h.when.months {
            if !w.months.contains(m) {
                w.months.push(*m);
            }
        }
        w.day = w.day.or(h.when.day);
        w.weekday = w.weekday.or(h.when.weekday);
        w.recurrence = w.recurrence.clone().or(h.when.recurrence.clone());
        w.part = w.part.clone().or(h.when.part.clone());
        w.relation = w.relation.clone().or(h.when.relation.clone());
    }
    w.month = w.months.first().copied();
    if w.months.len() > 1 {
        w.day = None;
    }
    Some((r, w))
}

/// A clause that says nothing but its date (九月份, (四月份), 10月、).
fn date_only(clause: &str, hits: &[Hit]) -> bool {
    let mut rest = String::new();
    let mut pos = 0;
    for h in hits {
        rest.push_str(&clause[pos..h.range.start.max(pos)]);
        pos = pos.max(h.range.end);
    }
    rest.push_str(&clause[pos..]);
    // 其中3月、5月为全面检查: a lead word does not make the date an event.
    let rest = DATE_LEADS
        .iter()
        .find_map(|w| rest.trim_start().strip_prefix(w))
        .unwrap_or(&rest);
    !hits.is_empty()
        && rest.chars().all(|c| {
            c.is_whitespace() || "、和及与至到-—~份:的".contains(c) || c.is_ascii_punctuation()
        })
}

/// Where an event sits in an item: byte range of its quote, its `When`, and
/// the byte range of the calendar words (for `When.text`).
#[derive(Debug, Clone, PartialEq)]
struct Found {
    quote: Range<usize>,
    when: When,
    cue: Range<usize>,
}

/// One schedule entry under a month heading: the entry's own date wins,
/// else the heading's date (its months, and part or day: 3月中旬).
fn scheduled(text: &str, part: Range<usize>, heading: &When) -> Option<Found> {
    let whole = trim_end_punct(text, part);
    let t = &text[whole.clone()];
    let lead = t.len() - t.trim_start().len();
    let whole = whole.start + lead..whole.end;
    if whole.is_empty() {
        return None;
    }
    // A line that is nothing but a date (二○二二年八月三十日, a signature
    // that structure left among the entries) schedules nothing.
    let mut alone = true;
    let all: Vec<Hit> = clauses(&text[whole.clone()])
        .iter()
        .flat_map(|c| {
            let base = whole.start + c.range.start;
            let clause = &text[base..whole.start + c.range.end];
            let hs = hits(clause);
            alone &= date_only(clause, &hs);
            hs.into_iter().map(move |x| Hit {
                range: base + x.range.start..base + x.range.end,
                when: x.when,
            })
        })
        .collect();
    if alone {
        return None;
    }
    let (cue, own) = fold(&all).unwrap_or((0..0, When::default()));
    let when = if own.months.is_empty() {
        When {
            weekday: own.weekday.or(heading.weekday),
            recurrence: own.recurrence.or(heading.recurrence.clone()),
            part: own.part.or(heading.part.clone()),
            relation: own.relation.or(heading.relation.clone()),
            ..heading.clone()
        }
    } else {
        own
    };
    Some(Found {
        quote: whole,
        when,
        cue,
    })
}

/// The events of one item's cleaned text; `heading` holds the months of
/// the month heading the item sits under. An unnumbered line there may
/// list several entries between semicolons (一月:期末复习研讨;学期工作总结);
/// a numbered entry is one event.
fn item_events(text: &str, heading: Option<&When>, numbered: bool) -> Vec<Found> {
    if let Some(head) = heading {
        let mut parts = Vec::new();
        let mut start = 0;
        if !numbered {
            for (i, c) in text.char_indices() {
                if c == ';' {
                    parts.push(start..i);
                    start = i + c.len_utf8();
                }
            }
        }
        parts.push(start..text.len());
        return parts
            .into_iter()
            .filter_map(|p| scheduled(text, p, head))
            .collect();
    }
    // No clause of a text without calendar chars has a hit.
    if calendar(text) == 0 {
        return Vec::new();
    }
    let cl: Vec<Clause> = clauses(text);
    let hs: Vec<Vec<Hit>> = cl.iter().map(|c| hits(&text[c.range.clone()])).collect();
    let shift = |c: &Clause, (r, w): (Range<usize>, When)| {
        (c.range.start + r.start..c.range.start + r.end, w)
    };
    let mut out: Vec<Found> = Vec::new();
    // Dates waiting for the clause they belong to (10月、11月 ...).
    let mut pending: Vec<(Range<usize>, When)> = Vec::new();
    let mut i = 0;
    while i < cl.len() {
        let c = &cl[i];
        let ctext = &text[c.range.clone()];
        let h = &hs[i];
        // 每周一、三、五早上…: the further weekdays of a list keep the date
        // waiting for its clause.
        let weekdays = ctext
            .trim_matches(|c: char| c.is_whitespace() || c == '、')
            .chars()
            .all(|c| "一二三四五六日天".contains(c));
        if h.is_empty() && weekdays && !pending.is_empty() {
            i += 1;
            continue;
        }
        // 分别在周二、周四下午: a weekday after a weekday that closed the
        // event before, past a 、, is one more day of that event.
        if let Some(last) = out.last_mut().filter(|l| {
            i > 0 && l.quote.end == cl[i - 1].range.end && weekday_list(&cl[i - 1], &hs[i - 1], h)
        }) {
            last.quote.end = c.range.end;
            i += 1;
            continue;
        }
        // A clause dated by the dates waiting before it is quoted with them
        // (10月、11月组织…, 9月15日(周五)举行…).
        let from = |cue: &Range<usize>| cue.start.min(c.range.start)..c.range.end;
        if h.is_empty() {
            if let Some(p) = take(&mut pending) {
                out.push(Found {
                    quote: from(&p.0),
                    when: p.1,
                    cue: p.0,
                });
            }
            i += 1;
            continue;
        }
        let Some(f) = fold(h).map(|x| shift(c, x)) else {
            i += 1;
            continue;
        };
        if !date_only(ctext, h) {
            let (cue, when) = merge(take(&mut pending), f);
            out.push(Found {
                quote: from(&cue),
                when,
                cue,
            });
            i += 1;
            continue;
        }
        // A date alone: in brackets it dates the clause before, or adds to
        // the date waiting there (9月15日(周五)举行…); before a colon it heads
        // the entries after it; otherwise the next clause.
        if c.bracketed && !pending.is_empty() {
            let merged = merge(take(&mut pending), f);
            pending.push(merged);
        } else if c.bracketed && i > 0 && !cl[i - 1].bracketed {
            let prev = cl[i - 1].range.clone();
            match out.last_mut() {
                Some(last) if last.quote == prev => {
                    let (cue, when) = merge(Some((last.cue.clone(), last.when.clone())), f);
                    last.when = when;
                    last.cue = cue;
                }
                _ => out.push(Found {
                    quote: prev,
                    when: f.1,
                    cue: f.0,
                }),
            }
        } else if c.end == Some(':') {
            let (cue, when) = merge(take(&mut pending), f);
            let months = when.months.clone();
            let rest = c.range.end + 1..text.len();
            for e in entries_after(text, rest) {
                out.push(Found {
                    quote: e,
                    when: When {
                        months: months.clone(),
                        month: months.first().copied(),
                        ..when.clone()
                    },
                    cue: cue.clone(),
                });
            }
            return out;
        } else {
            let merged = merge(take(&mut pending), f);
            pending.push(merged);
        }
        i += 1;
    }
    carry_rhythm(&mut out);
    out
}

/// Whether a clause opening on a weekday continues the list of weekdays
/// that closed the clause before it (周二、周四下午).
fn weekday_list(prev: &Clause, prev_hits: &[Hit], hits: &[Hit]) -> bool {
    let ends_on_weekday = prev_hits.last().is_some_and(|h| {
        h.when.weekday.is_some() && h.range.end == prev.range.end - prev.range.start
    });
    let opens_on_weekday = hits.first().is_some_and(|h| {
        h.when.weekday.is_some() && h.when.months.is_empty() && h.range.start == 0
    });
    prev.end == Some('、') && ends_on_weekday && opens_on_weekday
}

/// Weekdays after a weekly rhythm in the same item realise it: 每周安排一个
///固定活动时间:周四下午为数学教研组活动 → weekday 4, weekly.
fn carry_rhythm(found: &mut [Found]) {
    let mut weekly = false;
    for f in found {
        match f.when.recurrence.as_deref() {
            Some(r) => weekly = r == "weekly",
            None if weekly && f.when.weekday.is_some() => {
                f.when.recurrence = Some("weekly".to_string());
            }
            None => {}
        }
    }
}

fn take(p: &mut Vec<(Range<usize>, When)>) -> Option<(Range<usize>, When)> {
    p.pop()
}

/// Two date readings of one event: months appended, other fields kept
/// from the first that has them.
fn merge(a: Option<(Range<usize>, When)>, b: (Range<usize>, When)) -> (Range<usize>, When) {
    let Some((ra, wa)) = a else { return b };
    let (rb, wb) = b;
    let hits = [
        Hit {
            range: ra,
            when: wa,
        },
        Hit {
            range: rb,
            when: wb,
        },
    ];
    fold(&hits).unwrap_or_else(|| (0..0, When::default()))
}

/// Entries after an inline month heading: split at ; and 。 and at list
/// markers (1、 2. (3)).
fn entries_after(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    static MARK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[;。]|(?:^|\s)(?:\d{1,2}[、.]|\(\d{1,2}\)|[①②③④⑤⑥⑦⑧⑨⑩])").expect("entry marks")
    });
    let s = &text[r.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    for m in MARK.find_iter(s) {
        out.push(start..m.start());
        start = m.end();
    }
    out.push(start..s.len());
    out.into_iter()
        .map(|x| trim_end_punct(text, r.start + x.start..r.start + x.end))
        .map(|x| {
            let t = &text[x.clone()];
            x.start + (t.len() - t.trim_start().len())..x.end
        })
        .filter(|x| !x.is_empty())
        .collect()
}

/// Months of the nearest section (the item's own or an ancestor) that has any.
fn heading_months<'a>(item: &Item, by_id: &FastMap<&str, &'a Section>) -> Option<&'a Section> {
    let mut id = item.section.as_deref();
    let mut guard = 0;
    while let Some(s) = id.and_then(|i| by_id.get(i)) {
        if !s.months.is_empty() {
            return Some(s);
        }
        id = s.parent.as_deref();
        guard += 1;
        if guard > 64 {
            break;
        }
    }
    None
}

/// The date a month heading gives its items: the section's months, with
/// the part, day or relation its own words add (3月中旬, 6月底前).
fn heading_when(ctx: &DocCtx, s: &Section) -> When {
    let text = ctx.norm.slice_chars(s.heading_norm.clone());
    let mut w = fold(&hits(text)).map(|x| x.1).unwrap_or_default();
    w.months = s.months.clone();
    w.month = s.months.first().copied();
    if w.months.len() > 1 {
        w.day = None;
    }
    w
}

/// Fills `doc.events`.
pub fn extract(ctx: &DocCtx, doc: &mut Document) {
    let by_id: FastMap<&str, &Section> = doc.sections.iter().map(|s| (s.id.as_str(), s)).collect();
    // Read once per month heading, not once per item under it.
    let mut whens: FastMap<&str, When> = FastMap::default();
    let mut out = Vec::new();
    for item in &doc.items {
        let text = ctx.item_text(item);
        let head = heading_months(item, &by_id);
        let head_when = head.map(|s| {
            whens
                .entry(s.id.as_str())
                .or_insert_with(|| heading_when(ctx, s))
                .clone()
        });
        for f in item_events(text, head_when.as_ref(), item.marker.is_some()) {
            if f.quote.is_empty() {
                continue;
            }
            let (span, quote) = ctx.locate(item, f.quote.clone());
            let cue_text = if f.cue.is_empty() {
                head.map(|s| {
                    s.heading
                        .trim_end_matches(|c: char| {
                            c.is_whitespace() || ",;。:、：；，".contains(c)
                        })
                        .to_string()
                })
                .unwrap_or_default()
            } else {
                ctx.locate(item, f.cue.clone()).1
            };
            out.push(Event {
                item: item.id.clone(),
                text: quote,
                span,
                when: When {
                    text: cue_text,
                    ..f.when
                },
            });
        }
    }
    doc.events = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (quote, month, months, weekday, recurrence, part, relation)
    type Ev = (
        String,
        Option<u32>,
        Vec<u32>,
        Option<u32>,
        Option<String>,
        Option<String>,
        Option<String>,
    );

    fn ev(s: &str, heading: Option<&[u32]>) -> Vec<Ev> {
        let head = heading.map(|m| When {
            months: m.to_vec(),
            month: m.first().copied(),
            ..When::default()
        });
        item_events(s, head.as_ref(), false)
            .into_iter()
            .map(|f| {
                (
                    s[f.quote].to_string(),
                    f.when.month,
                    f.when.months,
                    f.when.weekday,
                    f.when.recurrence,
                    f.when.part,
                    f.when.relation,
                )
            })
            .collect()
    }

    #[test]
    fn items_under_a_month_heading() {
        // A date alone under a month heading is no entry.
        assert!(ev("二○二二年八月三十日", Some(&[12, 1])).is_empty());
        assert_eq!(ev("12月30日 期末复习研讨", Some(&[12])).len(), 1);
        let e = ev("组织论文参赛及投稿;", Some(&[3]));
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].0, "组织论文参赛及投稿");
        assert_eq!(e[0].1, Some(3));
        let e = ev("暑期培训", Some(&[7, 8]));
        assert_eq!(e[0].2, vec![7, 8]);
        let e = ev("期末复习研讨;学期工作总结", Some(&[1]));
        assert_eq!(e.len(), 2);
        assert_eq!((e[1].0.as_str(), e[1].1), ("学期工作总结", Some(1)));
        let head = When {
            months: vec![3],
            month: Some(3),
            part: Some("mid".into()),
            ..When::default()
        };
        let e = item_events("佈置相关事宜;;", Some(&head), true);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].when.part.as_deref(), Some("mid"));
        assert_eq!(e.len(), 1);
        // The item's own date wins over its heading.
        let e = ev("3月12日召开课题会议", Some(&[3]));
        assert_eq!(e[0].1, Some(3));
    }

    #[test]
    fn spans_across_the_new_year() {
        for (s, months) in [
            ("十二月至次年一月组织期末复习", vec![12, 1]),
            ("11月—1月整理课题档案", vec![11, 12, 1]),
            (
                "五月至次年一月完成课题结题",
                vec![5, 6, 7, 8, 9, 10, 11, 12, 1],
            ),
            ("2024年12月—2025年1月开展读书节", vec![12, 1]),
            ("11-2月开展冬季长跑", vec![11, 12, 1, 2]),
            ("4月—6月开展课堂展示", vec![4, 5, 6]),
        ] {
            let e = ev(s, None);
            assert_eq!(e.len(), 1, "{s}");
            assert_eq!((e[0].1, &e[0].2), (months.first().copied(), &months), "{s}");
        }
        // a list of two months is no span
        assert_eq!(ev("11月、1月各检查一次", None)[0].2, vec![11, 1]);
    }

    #[test]
    fn dated_clauses() {
        let e = ev(
            "以点带面,逐渐铺开。9月初召开迎接评估会议。为每个特色课程开具",
            None,
        );
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].0, "9月初召开迎接评估会议");
        assert_eq!(e[0].5.as_deref(), Some("early"));
        let e = ev("10月11月将定期与不定期地检查督促,确保开展", None);
        assert_eq!((e[0].1, e[0].2.clone()), (Some(10), vec![10, 11]));
        let e = ev("各组于4月30日前上交论文", None);
        assert_eq!(e[0].6.as_deref(), Some("by"));
        let e = ev("实施阶段(20xx年4月—20xx年12月)", None);
        assert_eq!((e[0].0.as_str(), e[0].2.len()), ("实施阶段", 9));
        let e = ev("3月5日至9日:制定组内计划", None);
        assert_eq!((e[0].0.as_str(), e[0].1), ("制定组内计划", Some(3)));
        let e = ev("3月月底前上交", None);
        assert_eq!((e[0].4.as_deref(), e[0].5.as_deref()), (None, Some("late")));
        let e = ev("七月、八月组织暑期培训", None);
        assert_eq!(e[0].2, vec![7, 8]);
        let e = ev("二〇二〇年十二月三十一日前完成结题", None);
        assert_eq!((e[0].1, e[0].6.as_deref()), (Some(12), Some("by")));
        let e = ev("二○二二年十二月底前完成结题", None);
        assert_eq!((e[0].1, e[0].6.as_deref()), (Some(12), Some("by")));
        // A lead word before a date alone: the date waits for its clause.
        let e = ev(
            "共进行检查4次,其中3月、5月为全面检查,4月、6月为抽查。",
            None,
        );
        let v: Vec<_> = e.iter().map(|x| (x.0.as_str(), x.2.clone())).collect();
        assert_eq!(
            v,
            [
                ("3月、5月为全面检查", vec![3, 5]),
                ("4月、6月为抽查", vec![4, 6])
            ]
        );
        let e = ev("每周一、三、五早上进行晨读指导", None);
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].0.as_str(), e[0].3, e[0].4.as_deref()),
            ("每周一、三、五早上进行晨读指导", Some(1), Some("weekly"))
        );
        // a list of weekdays closing one clause and opening the next
        let e = ev("社团活动每周两次,分别在周二、周四下午", None);
        let v: Vec<_> = e
            .iter()
            .map(|x| (x.0.as_str(), x.3, x.4.as_deref()))
            .collect();
        assert_eq!(
            v,
            [
                ("社团活动每周两次", None, Some("weekly")),
                ("分别在周二、周四下午", Some(2), Some("weekly"))
            ]
        );
        assert_eq!(ev("周二、周四下午开展活动", None).len(), 1);
        assert_eq!(ev("星期一升旗、星期五大扫除", None).len(), 2);
        let e = ev("自9月起,每周二下午开展课题组集体学习", None);
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].1, e[0].3, e[0].4.as_deref(), e[0].6.as_deref()),
            (Some(9), Some(2), Some("weekly"), Some("from"))
        );
        // A weekday in brackets adds to the date before it.
        let e = ev(
            "9月15日(周五)举行新教师汇报课;10月8日至10月12日为赛课周",
            None,
        );
        assert_eq!(e.len(), 2);
        assert_eq!(
            (e[0].0.as_str(), e[0].1, e[0].3),
            ("9月15日(周五)举行新教师汇报课", Some(9), Some(5))
        );
    }

    #[test]
    fn bracketed_month_dates_the_clause_before() {
        let e = ev(
            "1.试卷分析课(四月份)(以学校第一次阶段性考试试卷为载体)",
            None,
        );
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].0.as_str(), e[0].1), ("试卷分析课", Some(4)));
    }

    #[test]
    fn inline_month_heading() {
        let e = ev("九月份:1、开学工作布置 2、教研组计划制定", None);
        assert_eq!(e.len(), 2);
        assert_eq!((e[1].0.as_str(), e[1].1), ("教研组计划制定", Some(9)));
    }

    #[test]
    fn rhythms_and_weekdays() {
        let e = ev("每月召开一次课题会议,汇报课题研究情况", None);
        assert_eq!(
            (e[0].0.as_str(), e[0].4.as_deref()),
            ("每月召开一次课题会议", Some("monthly"))
        );
        let e = ev("继续实行每周三业务日(双周业务学习,单周集体备课)", None);
        assert_eq!(e.len(), 3);
        assert_eq!((e[0].3, e[0].4.as_deref()), (Some(3), Some("weekly")));
        assert_eq!(e[1].4.as_deref(), Some("biweekly"));
        let e = ev("每周一次听课交流", None);
        assert_eq!((e[0].3, e[0].4.as_deref()), (None, Some("weekly")));
        let e = ev("四掀起天天课改交流、周周课改沙龙、月月课改小结的高潮", None);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].0, "周周课改沙龙");
        let e = ev(
            "每周安排一个固定活动时间:周四下午为数学教研组活动,周五为综合科活动时间",
            None,
        );
        assert_eq!(e.len(), 3);
        assert_eq!((e[1].3, e[1].4.as_deref()), (Some(4), Some("weekly")));
        let e = ev("周四下午为数学教研组活动", None);
        assert_eq!((e[0].3, e[0].4.as_deref()), (Some(4), None));
        let e = ev("第一周周一召开教研组长会", None);
        assert_eq!((e[0].3, e[0].4.as_deref()), (Some(1), None));
        let e = ev("每月最后一周的周五进行作业检查", None);
        assert_eq!((e[0].3, e[0].4.as_deref()), (Some(5), Some("monthly")));
        let e = ev("每周一小时的集体备课时间", None);
        assert_eq!((e[0].3, e[0].4.as_deref()), (None, Some("weekly")));
        // 组织 after a weekday is a verb, not 五组 (five groups).
        let e = ev("双周周五组织青年教师沙龙,围绕真实问题进行研讨", None);
        assert_eq!((e[0].3, e[0].4.as_deref()), (Some(5), Some("biweekly")));
        let e = ev("每周三组教研活动", None);
        assert_eq!((e[0].3, e[0].4.as_deref()), (None, Some("weekly")));
        let e = ev("每周三4:10至4:45集体备课", None);
        assert_eq!(e[0].3, Some(3));
    }

    fn section(id: &str, parent: Option<&str>, months: &[u32]) -> Section {
        Section {
            id: id.into(),
            parent: parent.map(Into::into),
            level: 1,
            marker: String::new(),
            heading: String::new(),
            span: [0, 0],
            heading_norm: 0..0,
            months: months.to_vec(),
        }
    }

    #[test]
    fn items_inherit_months_from_the_nearest_ancestor() {
        let secs = [
            section("s1", None, &[]),
            section("s2", Some("s1"), &[7, 8]),
            section("s3", Some("s2"), &[]),
        ];
        let by_id: FastMap<&str, &Section> = secs.iter().map(|s| (s.id.as_str(), s)).collect();
        let item = |sec: Option<&str>| Item {
            id: "i1".into(),
            section: sec.map(Into::into),
            text: String::new(),
            span: [0, 0],
            role: crate::model::Role::Other,
            norm: 0..0,
            marker: None,
        };
        let months = |sec| heading_months(&item(sec), &by_id).map(|s| s.months.clone());
        assert_eq!(months(Some("s3")), Some(vec![7, 8]));
        assert_eq!(months(Some("s2")), Some(vec![7, 8]));
        assert_eq!(months(Some("s1")), None);
        assert_eq!(months(None), None);
    }

    #[test]
    fn not_events() {
        for s in [
            "学期初制定一份课题研究计划",
            "每学期将搜集教师的专题小结",
            "定期检查学生作业本",
            "天天课改交流",
            "每年参与一项小课题研究",
            "2021-7-6",
            "2020年7月3日",
            "九月份",
            "三个月内完成",
            "开展了“两周一课骨干教师展示课活动”",
            "并把教师培训列入学校每周工作安排",
            "(作者:与人为善3852时间:2021-09-17 16:42:30)",
        ] {
            assert!(ev(s, None).is_empty(), "{s}: {:?}", ev(s, None));
        }
    }

    #[test]
    fn every_rhythm_holds_a_calendar_char() {
        for r in RHYTHMS.iter() {
            assert!(calendar(r[0]) & (MONTH | WEEK) != 0, "{}", r[0]);
        }
    }

    use proptest::prelude::*;

    proptest! {
        /// The byte scan finds what a char search finds, also among chars
        /// whose UTF-8 shares bytes with 月周星礼 (朋 胃 周 礼 …).
        #[test]
        fn calendar_scan_matches_char_search(
            s in "(?:[月周星礼期朋胃肖禮週凋稠刖礻示/.·。0-9a一二-]|\\PC){0,24}"
        ) {
            let has = |cs: &[char]| s.contains(cs);
            let bits = calendar(&s);
            prop_assert_eq!(bits & MONTH != 0, has(&['月']));
            prop_assert_eq!(bits & WEEK != 0, has(&['周', '星', '礼']));
            prop_assert_eq!(bits & SEPARATOR != 0, has(&['-', '/', '.']));
            prop_assert_eq!(bits != 0, s.contains(CALENDAR_CHARS));
        }
    }
}
