//! Period and date of a document.
//!
//! Period: the year and term that the title states, else a short opening
//! line (subtitle): 2020年春学期 → (2020, spring), 2020学年第二学期 →
//! (2020, spring: the second term of a school year), 秋季 → (null, autumn),
//! 2021年上半年 → (2021, spring), 2020年度 → (2020, year); 20xx leaves the
//! year null. The year is the first one written (2020-2021学年 → 2020).
//! Date: the document's own date from a signature line near its end that
//! holds a date and at most a short name: 2020年7月3日, 2021-7-6,
//! 二〇二〇年七月三日 → ISO; a 20xx date is null.
//! Known false positives: an opening line that only mentions a year
//! (2021年已过半) is read when it is short and the title is silent.

use super::DocCtx;
use crate::model::{Document, Period};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A year in digits, 20xx, or Chinese digit by digit; zero is often typed
/// as the circle ○ (二○二二年).
const YEAR: &str = r"\d{4}|20[xX×]{2}|[二〇○零一三四五六七八九]{4}|(?:中华民国|民国)?(?:\d{2,3}|[二〇○零一三四五六七八九]{2,3})";

/// A year as written: four digits, or a year of the Republic (Taiwan): after
/// 民国 (中华民国一一四年), or three digits before 学年度 / 学年
/// (一一三学年度, which no school writes of a real year 113). A short year
/// without either is none.
fn year_of(y: &str, school_year: bool) -> Option<i64> {
    let era = ["中华民国", "民国"].iter().find_map(|e| y.strip_prefix(e));
    let n = number(era.unwrap_or(y))?;
    if n >= 1000 {
        return Some(n);
    }
    (era.is_some() || (school_year && y.chars().count() == 3)).then_some(n + 1911)
}

static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        concat!(
            r"(?:(?P<y>{y})(?:\s*[-—~至/]\s*(?:{y}|\d{{2}}))?\s*(?P<unit>学年度|学年|年度|年)?)?",
            r"\s*(?:第(?P<nth>[一二12])学期|(?P<half>上|下)半年|(?P<ud>上|下)学期",
            r"|(?P<season>春|秋)(?:季|学期|期)+)?"
        ),
        y = YEAR
    ))
    .expect("period pattern")
});

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        concat!(
            r"(?P<y>{y})\s*(?:年\s*(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}|[xX×]{{1,2}})\s*月\s*",
            r"(?P<d>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}|[xX×]{{1,2}})\s*[日号]",
            r"|[-/.](?P<m2>\d{{1,2}})[-/.](?P<d2>\d{{1,2}}))"
        ),
        y = YEAR
    ))
    .expect("date pattern")
});

fn number(s: &str) -> Option<i64> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let v = super::numerals::parse(&s.replace('○', "〇"))?.0;
    (v.fract() == 0.0).then_some(v as i64)
}

/// Reads a period in one line: (byte range, year, term).
fn period_in(line: &str) -> Option<(Range<usize>, Option<i32>, Option<&'static str>)> {
    // A period names 年, 学期/期 or 季; the pattern, all of it optional,
    // matches empty at every other char, so captures are taken only of the
    // matches that hold something.
    if !line.contains(['年', '期', '季']) {
        return None;
    }
    let found = PERIOD
        .find_iter(line)
        .filter(|m| !m.as_str().trim().is_empty());
    for c in found.filter_map(|m| PERIOD.captures_at(line, m.start())) {
        let Some(whole) = c.get(0) else { continue };
        let term = if let Some(n) = c.name("nth") {
            Some(if matches!(n.as_str(), "一" | "1") {
                "autumn"
            } else {
                "spring"
            })
        } else if let Some(h) = c.name("half").or(c.name("ud")) {
            // A school year (2021-2022学年下学期) starts in autumn, a calendar
            // year (2024年上学期, 上半年) in spring.
            let school_year = c.name("ud").is_some()
                && c.name("unit")
                    .is_some_and(|u| u.as_str().starts_with("学年"));
            Some(if (h.as_str() == "上") != school_year {
                "spring"
            } else {
                "autumn"
            })
        } else if let Some(s) = c.name("season") {
            Some(if s.as_str() == "春" {
                "spring"
            } else {
                "autumn"
            })
        } else if c.name("unit").is_some_and(|u| u.as_str() != "年") {
            Some("year")
        } else {
            None
        };
        let school_year = c
            .name("unit")
            .is_some_and(|u| u.as_str().starts_with("学年"));
        let year = c
            .name("y")
            .and_then(|y| year_of(y.as_str(), school_year))
            .and_then(|y| i32::try_from(y).ok())
            .filter(|y| (1900..=2999).contains(y));
        // A bare year needs 年 after it; a bare 上/下学期 is a term only when
        // a year precedes it (下学期 alone is "next term").
        let placeholder = c
            .name("y")
            .is_some_and(|y| y.as_str().contains(['x', 'X', '×']));
        let has_year = (year.is_some() || placeholder) && c.name("unit").is_some();
        if c.name("ud").is_some() && !has_year {
            continue;
        }
        if has_year || term.is_some() {
            let r = whole.range();
            let t = &line[r.clone()];
            let lead = t.len() - t.trim_start().len();
            return Some((r.start + lead..r.end, year, term));
        }
    }
    None
}

/// Reads a signature date in one line: ISO string, or None for 20xx.
fn date_in(line: &str) -> Option<(Range<usize>, Option<String>)> {
    // Only a date that ends the line counts, and every date ends with 日, 号
    // or a digit (\d: any Unicode digit): a line ending otherwise needs no
    // search.
    if !line
        .trim_end()
        .ends_with(|c: char| c == '日' || c == '号' || c.is_numeric())
    {
        return None;
    }
    let c = DATE.captures_iter(line).last()?;
    let whole = c.get(0)?;
    // The line is the date, or a short name then the date.
    let before = line[..whole.start()].trim();
    let after = line[whole.end()..].trim();
    if before.chars().count() > 20 || !after.is_empty() {
        return None;
    }
    let y = year_of(c.name("y")?.as_str(), false);
    let m = c
        .name("m")
        .or(c.name("m2"))
        .and_then(|m| number(m.as_str()));
    let d = c
        .name("d")
        .or(c.name("d2"))
        .and_then(|d| number(d.as_str()));
    let iso = match (y, m, d) {
        (Some(y), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => {
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        _ => None,
    };
    Some((whole.range(), iso))
}

/// Non-blank lines of the document's cleaned text, trimmed, as byte ranges
/// of the cleaned text (the rules read only a few, so chars come later),
/// from either end: the rules read the first few and the last few.
fn lines<'a>(
    ctx: &DocCtx<'a>,
    doc: &Document,
) -> impl DoubleEndedIterator<Item = Range<usize>> + 'a {
    let a = ctx.norm.byte_at(doc.norm.start);
    let b = ctx.norm.byte_at(doc.norm.end);
    let body: &'a str = &ctx.norm.as_str()[a..b];
    body.split_inclusive('\n').filter_map(move |l| {
        let t = l.trim();
        // Where the line starts in the body, of which it is a slice.
        let off = a + (t.as_ptr() as usize - body.as_ptr() as usize);
        (!t.is_empty()).then(|| off..off + t.len())
    })
}

/// Fills `doc.period` and `doc.date`.
pub fn extract(ctx: &DocCtx, doc: &mut Document) {
    let source = |line: &Range<usize>, r: Range<usize>| {
        let base = ctx.norm.byte_at(line.start);
        let span = ctx.norm.src_span_bytes(base + r.start..base + r.end);
        ctx.src.slice(span).to_string()
    };
    // Title first, then short opening lines (a subtitle such as
    // ——2020学年第二学期).
    let mut candidates: Vec<Range<usize>> = doc.title_norm.clone().into_iter().collect();
    let chars = |r: Range<usize>| ctx.norm.char_at(r.start)..ctx.norm.char_at(r.end);
    candidates.extend(lines(ctx, doc).take(4).map(chars));
    for (i, line) in candidates.iter().enumerate() {
        let text = ctx.norm.slice_chars(line.clone());
        let is_title = i == 0 && doc.title_norm.is_some();
        if !is_title && text.chars().count() > 24 {
            continue;
        }
        if let Some((r, year, term)) = period_in(text) {
            doc.period = Some(Period {
                year,
                term: term.map(str::to_string),
                text: source(line, r),
            });
            break;
        }
    }
    for line in lines(ctx, doc).rev().take(6).map(chars) {
        if let Some((_, iso)) = date_in(ctx.norm.slice_chars(line.clone())) {
            doc.date = iso;
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<(String, Option<i32>, Option<&'static str>)> {
        period_in(s).map(|(r, y, t)| (s[r].to_string(), y, t))
    }

    #[test]
    fn periods() {
        assert_eq!(
            p("小学2020年春学期教科室工作计划"),
            Some(("2020年春学期".into(), Some(2020), Some("spring")))
        );
        assert_eq!(
            p("——2020学年第二学期"),
            Some(("2020学年第二学期".into(), Some(2020), Some("spring")))
        );
        assert_eq!(
            p("2019学年第一学期教研计划").map(|x| x.2),
            Some(Some("autumn"))
        );
        assert_eq!(
            p("秋季教科室工作计划"),
            Some(("秋季".into(), None, Some("autumn")))
        );
        assert_eq!(
            p("2021年上半年工作总结").map(|x| (x.1, x.2)),
            Some((Some(2021), Some("spring")))
        );
        assert_eq!(
            p("20xx年下半年工作计划").map(|x| (x.1, x.2)),
            Some((None, Some("autumn")))
        );
        assert_eq!(p("2020年度教科研工作总结").map(|x| x.2), Some(Some("year")));
        assert_eq!(p("2020-2021学年第二学期").map(|x| x.1), Some(Some(2020)));
        assert_eq!(
            p("小学春学期教科室工作计划1").map(|x| x.2),
            Some(Some("spring"))
        );
        // 上/下学期 of a school year and of a calendar year.
        assert_eq!(
            p("2021-2022学年下学期教研组工作总结").map(|x| (x.1, x.2)),
            Some((Some(2021), Some("spring")))
        );
        assert_eq!(
            p("2023学年度上学期工作计划").map(|x| x.2),
            Some(Some("autumn"))
        );
        assert_eq!(p("2024年上学期工作打算").map(|x| x.2), Some(Some("spring")));
        assert_eq!(p("2023年下学期工作计划").map(|x| x.2), Some(Some("autumn")));
        assert_eq!(p("校本教研工作计划 (篇5)"), None);
        assert_eq!(p("下学期工作计划初步确定"), None);
    }

    #[test]
    fn republic_years() {
        assert_eq!(
            p("圣光中学一一三学年度第二学期教务处工作计划"),
            Some(("一一三学年度第二学期".into(), Some(2024), Some("spring")))
        );
        assert_eq!(
            date_in("中华民国一一四年一月二十日").and_then(|x| x.1),
            Some("2025-01-20".into())
        );
        // A short year is none without the era or a school year.
        assert_eq!(p("建校60年庆典活动方案"), None);
        assert_eq!(date_in("12年3月5日").and_then(|x| x.1), None);
    }

    #[test]
    fn signature_dates() {
        assert_eq!(
            date_in("2021-7-6").and_then(|x| x.1),
            Some("2021-07-06".into())
        );
        assert_eq!(
            date_in("2020年7月3日").and_then(|x| x.1),
            Some("2020-07-03".into())
        );
        assert_eq!(
            date_in("石门中学 二〇二〇年七月三日").and_then(|x| x.1),
            Some("2020-07-03".into())
        );
        assert_eq!(
            date_in("二○二二年八月三十日").and_then(|x| x.1),
            Some("2022-08-30".into())
        );
        assert_eq!(date_in("20xx年x月x日").map(|x| x.1), Some(None));
        // A date ends its line; spaces after it do not matter.
        assert_eq!(
            date_in("2020年7月3日 ").and_then(|x| x.1),
            Some("2020-07-03".into())
        );
        assert_eq!(date_in("2020年7月3日召开"), None);
        assert_eq!(date_in("时间:2021-09-17 16:42:30"), None);
        assert_eq!(
            date_in("我们于2020年7月3日召开了总结会,会上大家畅所欲言并回顾了一年"),
            None
        );
    }
}
