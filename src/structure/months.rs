//! Month headings of a schedule: `二月:`, `九月份`, `9月份:`, `七月、八月:`,
//! `9—10月`, `十一月份:1、教学开放…` (inline), and week headings `第三周:`.
//!
//! A month expression is a heading only when nothing but a colon, a list
//! marker or the end of the line follows it: `9月6日下午…` and
//! `1月,两个微型课题顺利结题` are dated sentences, not headings.

use crate::dict::entries;
use crate::dict::FastSet;
use std::sync::LazyLock;

static COLUMNS: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../dictionaries/table_columns.txt")).collect());

/// Chars of the longest column name.
static LONGEST_COLUMN: LazyLock<usize> =
    LazyLock::new(|| COLUMNS.iter().map(|c| c.chars().count()).max().unwrap_or(0));

/// Whether a line is the header row of a schedule table: two or more column
/// names (`dictionaries/table_columns.txt`) and nothing else, split by tabs,
/// spaces or bars, as in `月份\t内容` or `时间 活动内容 负责人`. It names
/// columns; it is no entry. One name alone (工作安排) may be a heading.
pub fn header_row(line: &str) -> bool {
    let is_sep = |c: char| c.is_whitespace() || matches!(c, '|' | '｜' | '/');
    let mut cells = 0;
    // Start and length in chars of the current cell.
    let mut cell: Option<(usize, usize)> = None;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        if is_sep(c) {
            if let Some((a, _)) = cell.take() {
                if !COLUMNS.contains(&line[a..i]) {
                    return false;
                }
                cells += 1;
            }
            continue;
        }
        let (_, n) = cell.get_or_insert((i, 0));
        *n += 1;
        // Most lines are running text: one long first cell, given up on
        // as soon as it outgrows every column name.
        if *n > *LONGEST_COLUMN {
            return false;
        }
    }
    cells >= 2
}

/// A parsed month or week heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Months named, in order (`七月、八月` → [7, 8]; `9—11月` → [9, 10, 11]);
    /// empty for a week heading.
    pub months: Vec<u32>,
    /// Bytes of the heading expression, trailing colon and spaces included.
    pub len: usize,
    /// Byte length of the expression without its colon and spaces.
    pub text_len: usize,
    /// Whether a colon ends it (then text may follow on the same line).
    pub colon: bool,
}

fn cn_digit(c: char) -> Option<u32> {
    "零一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
}

/// Reads a number 1–31 (Arabic or Chinese) at the start of `s`.
fn number(s: &str) -> Option<(u32, usize)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        if digits > 2 {
            return None;
        }
        return s[..digits].parse().ok().map(|n| (n, digits));
    }
    let mut cs = s.char_indices();
    let (_, a) = cs.next()?;
    let second = cs.next();
    let end2 = cs.next().map_or(s.len(), |(i, _)| i);
    let end1 = second.map_or(s.len(), |(i, _)| i);
    match (a, second) {
        ('十', Some((_, b))) if cn_digit(b).is_some_and(|d| d > 0) => {
            Some((10 + cn_digit(b)?, end2))
        }
        ('十', _) => Some((10, end1)),
        (a, _) => cn_digit(a).filter(|&d| d > 0).map(|d| (d, end1)),
    }
}

fn is_range_sep(c: char) -> bool {
    matches!(c, '至' | '到' | '~' | '～' | '-' | '—' | '–')
}

/// Words for the next year, longest first.
pub static NEXT_YEAR: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&str> = entries(include_str!("../../dictionaries/next_year.txt")).collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v
});

/// Bytes of a year before the second month of a span: `2022年`, `20xx年`,
/// or a word for the next year (`次年`, `dictionaries/next_year.txt`).
pub fn year_prefix(s: &str) -> usize {
    let digits = s
        .bytes()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b'x' | b'X'))
        .count();
    if digits == 4 && s[digits..].starts_with('年') {
        return digits + '年'.len_utf8();
    }
    NEXT_YEAR
        .iter()
        .find(|w| s.starts_with(**w))
        .map_or(0, |w| w.len())
}

/// The months from `a` to `b`, across the new year when `b` comes first
/// (十一月至次年一月 → [11, 12, 1]); both in 1–12.
pub fn month_span(a: u32, b: u32) -> Vec<u32> {
    if a <= b {
        (a..=b).collect()
    } else {
        (a..=12).chain(1..=b).collect()
    }
}

fn is_list_sep(c: char) -> bool {
    matches!(c, '、' | ',' | '和' | '及' | '与' | '/')
}

/// Reads the months named at the start of `s` (`七月、八月`, `9—11月`,
/// `十二月至次年一月`), returning them with the bytes read. `dated` also
/// takes a leading year and the day after a month (`2021年3月1日—4月30日`),
/// as a stage's span is written; a month heading has neither.
fn month_list(s: &str, dated: bool) -> Option<(Vec<u32>, usize)> {
    let mut months: Vec<u32> = Vec::new();
    let mut pending: Vec<u32> = Vec::new();
    let mut range_from: Option<u32> = None;
    let mut at = if dated { year_prefix(s) } else { 0 };
    loop {
        let (n, len) = number(&s[at..])?;
        at += len;
        let rest = &s[at..];
        let has_month = rest.starts_with('月');
        if has_month {
            at += '月'.len_utf8();
            if s[at..].starts_with('份') {
                at += '份'.len_utf8();
            }
            let day = s[at..].bytes().take_while(u8::is_ascii_digit).count();
            if dated && (1..=2).contains(&day) && s[at + day..].starts_with(['日', '号']) {
                at += day + '日'.len_utf8();
            }
        }
        pending.push(n);
        if let Some(from) = range_from.take() {
            let to = *pending.last()?;
            pending.pop();
            if from != to && (1..=12).contains(&to) && (1..=12).contains(&from) {
                pending.extend(month_span(from, to).into_iter().skip(1));
            }
        }
        if has_month {
            if pending.iter().any(|&m| m == 0 || m > 12) {
                return None;
            }
            months.append(&mut pending);
        }
        let t = s[at..].trim_start();
        let Some(c) = t.chars().next() else { break };
        if is_range_sep(c) || is_list_sep(c) {
            let mut after = t[c.len_utf8()..].trim_start();
            // 十二月至次年一月, 2021年12月—2022年1月
            if is_range_sep(c) {
                after = &after[year_prefix(after)..];
            }
            if number(after).is_none() {
                break;
            }
            if is_range_sep(c) {
                range_from = Some(*pending.last().or(months.last())?);
            }
            at = s.len() - after.len();
        } else {
            break;
        }
    }
    (!months.is_empty() && pending.is_empty()).then_some((months, at))
}

/// Parses a month heading at the start of `s`.
pub fn month_heading(s: &str) -> Option<Heading> {
    let (months, mut at) = month_list(s, false)?;
    // A part of the month may close the heading: 九月初:, 六月下旬
    for part in ["上旬", "中旬", "下旬", "初", "底", "末"] {
        if s[at..].starts_with(part) {
            at += part.len();
            break;
        }
    }
    finish(s, at, months)
}

/// Longest name of a stage before 阶段 (准备, 总结提升), in chars.
const MAX_STAGE_NAME: usize = 6;

/// Bytes of a stage's name at the start of `s`: `第一阶段`, `准备阶段`.
fn stage_name(s: &str) -> Option<usize> {
    if let Some(t) = s.strip_prefix('第') {
        let (_, len) = number(t)?;
        return t[len..]
            .starts_with("阶段")
            .then(|| '第'.len_utf8() + len + "阶段".len());
    }
    let run = s
        .char_indices()
        .take(MAX_STAGE_NAME + 2)
        .take_while(|&(_, c)| !c.is_ascii() && c.is_alphabetic())
        .map(|(i, c)| i + c.len_utf8())
        .last()?;
    s[..run]
        .find("阶段")
        .filter(|&i| i > 0)
        .map(|i| i + "阶段".len())
}

/// Parses a stage heading with its span of months at the start of `s`:
/// `第一阶段(3月—4月):`, `第二阶段(5月)`, `准备阶段:2021年3月—4月`,
/// `第一阶段:准备阶段(3月)`. Its months go to the entries under it, as a
/// month heading's do. A stage name after the colon
/// (`第一阶段(3月—4月):准备阶段`) belongs to the heading.
pub fn stage_heading(s: &str) -> Option<Heading> {
    let mut at = stage_name(s)?;
    fn sep(t: &str) -> &str {
        t.trim_start_matches([' ', '\t', ':'])
    }
    let t = sep(&s[at..]);
    if let Some(n) = stage_name(t) {
        at = s.len() - t.len() + n;
    }
    let t = sep(&s[at..]);
    let inner = t.strip_prefix('(').unwrap_or(t);
    let (months, len) = month_list(inner, true)?;
    let mut at = s.len() - inner.len() + len;
    if inner.len() < t.len() {
        at += s[at..].starts_with(')').then_some(1)?;
    }
    let mut h = finish(s, at, months)?;
    let rest = &s[h.len..];
    let line = rest.find('\n').map_or(rest, |i| &rest[..i]);
    let name = line.trim_end_matches(|c: char| c.is_whitespace() || "。;,".contains(c));
    if h.colon && stage_name(name) == Some(name.len()) && !name.is_empty() {
        h.text_len = h.len + name.len();
        h.len += line.len();
    }
    Some(h)
}

/// Parses a week heading (`第三周:`, `第1-2周`) at the start of `s`.
pub fn week_heading(s: &str) -> Option<Heading> {
    let mut at = s.strip_prefix('第').map(|_| '第'.len_utf8())?;
    let (_, len) = number(&s[at..])?;
    at += len;
    let t = &s[at..];
    if let Some(c) = t.chars().next().filter(|&c| is_range_sep(c) || c == '、') {
        let (_, len) = number(&t[c.len_utf8()..])?;
        at += c.len_utf8() + len;
    }
    let t = s[at..]
        .strip_prefix('周')
        .or_else(|| s[at..].strip_prefix("週"))?;
    at = s.len() - t.len();
    finish(s, at, Vec::new())
}

/// Accepts a heading expression ending at `at` when a colon, the end of the
/// line or a list marker follows.
fn finish(s: &str, at: usize, months: Vec<u32>) -> Option<Heading> {
    let text_len = at;
    let t = s[at..].trim_start_matches([' ', '\t']);
    let colon = t.starts_with(':');
    let after = if colon { &t[1..] } else { t };
    let end = after.trim_start_matches([' ', '\t']);
    let ok = colon
        || end.is_empty()
        || end.starts_with('\n')
        || super::markers::at(end).is_some_and(|m| m.kind.is_list());
    ok.then(|| Heading {
        months,
        len: s.len() - end.len(),
        text_len,
        colon,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(s: &str) -> Option<Vec<u32>> {
        month_heading(s).map(|h| h.months)
    }

    #[test]
    fn reads_month_headings() {
        assert_eq!(months("二月:"), Some(vec![2]));
        assert_eq!(months("五月份"), Some(vec![5]));
        assert_eq!(months("9月份"), Some(vec![9]));
        assert_eq!(months("十二月份:1、继续上个月的工作"), Some(vec![12]));
        assert_eq!(months("七月、八月:"), Some(vec![7, 8]));
        assert_eq!(months("9—11月:"), Some(vec![9, 10, 11]));
        assert_eq!(months("三、四月份"), Some(vec![3, 4]));
        assert_eq!(months("十一月:"), Some(vec![11]));
        assert_eq!(months("九月初:"), Some(vec![9]));
        // across the new year
        assert_eq!(months("十二月—一月:"), Some(vec![12, 1]));
        assert_eq!(months("11月—1月:"), Some(vec![11, 12, 1]));
        assert_eq!(months("十二月至次年一月:"), Some(vec![12, 1]));
        assert_eq!(months("11月至翌年2月"), Some(vec![11, 12, 1, 2]));
        assert_eq!(months("12月—2025年1月:"), Some(vec![12, 1]));
        assert_eq!(month_span(3, 5), [3, 4, 5]);
        assert_eq!(month_span(9, 9), [9]);
        let h = month_heading("九月份: 1、拟写校本教研计划").unwrap();
        assert_eq!(
            &"九月份: 1、拟写校本教研计划"[h.len..],
            "1、拟写校本教研计划"
        );
        assert_eq!(h.text_len, "九月份".len());
    }

    #[test]
    fn dated_sentences_are_not_headings() {
        for s in [
            "9月6日下午召开推进会",
            "1月,两个微型课题顺利结题。",
            "五月份在校长的带领下,组织了十名骨干教师",
            "三、月工作安排:",
            "13月:",
            "十、工作要求",
        ] {
            assert_eq!(months(s), None, "{s}");
        }
    }

    #[test]
    fn table_header_rows() {
        for s in [
            "月份\t内容",
            "月份 工作内容",
            "时间 活动内容 负责人",
            "序号|时间|工作内容|负责部门|备注",
            "日期  主题  主讲人",
        ] {
            assert!(header_row(s), "{s}");
        }
        for s in [
            "九月\t制定计划\t教科室",
            "月份内容",
            "时间 安排好集体备课",
            "工作内容:制定计划",
            "工作安排",
            "",
        ] {
            assert!(!header_row(s), "{s}");
        }
    }

    #[test]
    fn reads_stage_headings() {
        let stage = |s: &str| stage_heading(s).map(|h| (h.months, s[..h.text_len].to_string()));
        assert_eq!(
            stage("第一阶段(3月—4月):"),
            Some((vec![3, 4], "第一阶段(3月—4月)".into()))
        );
        assert_eq!(
            stage("第二阶段(5月)\n1、开展研究"),
            Some((vec![5], "第二阶段(5月)".into()))
        );
        assert_eq!(
            stage("准备阶段:2021年3月—4月"),
            Some((vec![3, 4], "准备阶段:2021年3月—4月".into()))
        );
        assert_eq!(
            stage("第一阶段:准备阶段(2024年9月1日—10月31日)"),
            Some((
                vec![9, 10],
                "第一阶段:准备阶段(2024年9月1日—10月31日)".into()
            ))
        );
        assert_eq!(
            stage("第三阶段(2024年11月—2025年1月):总结提升阶段。\n1、撰写"),
            Some((
                vec![11, 12, 1],
                "第三阶段(2024年11月—2025年1月):总结提升阶段".into()
            ))
        );
        let h = stage_heading("实施阶段(10月): 1、课堂实践").unwrap();
        assert_eq!(&"实施阶段(10月): 1、课堂实践"[h.len..], "1、课堂实践");
        for s in [
            "第一阶段:准备阶段",
            "第二阶段(5月)完成课题的中期评估",
            "在实施阶段(5月)完成",
            "阶段(5月):",
            "第一阶段的工作重点是学习",
        ] {
            assert_eq!(stage(s), None, "{s}");
        }
    }

    #[test]
    fn reads_week_headings() {
        assert!(week_heading("第三周:").is_some());
        assert!(week_heading("第1-2周 ").is_some());
        assert!(week_heading("第二集团的引领工作").is_none());
    }
}
