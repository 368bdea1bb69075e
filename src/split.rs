//! Splitting a file into its documents.
//!
//! Collection pages hold several documents, each under a numbered title:
//! `校本教研工作计划 (篇1)`, `小学教科室工作汇报篇一`, `…工作計劃1`,
//! `…总结【第一篇】` (inline on one-line pages). Titles are found as a
//! *series*: the same kind of number suffix counting 1, 2, 3 … in text
//! order. The collection title (`…(精选3篇)`) and the intro before the first
//! document belong to no document. A file without a series is one document
//! whose title is the last title-like line before its body (a page title
//! such as `…工作总结范文` above the document's own heading gives way to it).

use crate::clean::fold;
use crate::model::{Document, Script};
use crate::text::{longer_than, trim_lead, NormText, SourceText};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static DOCTYPES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::dict::entries(include_str!("../dictionaries/doctypes.txt")).collect());

const NUM: &str = r"[0-9]{1,2}|[一二三四五六七八九十]{1,3}";

/// `【第一篇】`, `[第2篇]`, `(第三篇)`: may stand inside running text.
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"[【\[(]第({NUM})篇[】\])]")).expect("bracketed pattern")
});
/// `(篇3)`, `篇四` inside a line: titles of a collection page run onto one
/// line (a PDF extract, a flattened page).
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<paren>[(]\s*篇\s*({NUM})\s*[)])|(?P<pian>篇({NUM}))"
    ))
    .expect("inline suffix pattern")
});
/// Number suffixes of a title line: `(篇1)`, `篇一`, `第二篇`, `计划3`.
static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?P<paren>[(]\s*篇\s*(?:{NUM})\s*[)])|(?P<pian>篇\s*(?:{NUM}))|(?P<di>第(?:{NUM})篇)|(?P<digit>\p{{Han}}[0-9]{{1,2}}))\s*$"
    ))
    .expect("suffix pattern")
});
/// A line that opens a list or section (`1.`, `(一)`), never a title.
static LIST_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[0-9]{1,2}[、.]|[(][一二三四五六七八九十0-9]{1,3}[)]|[一二三四五六七八九十]{1,3}[、.])")
        .expect("list start pattern")
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(NUM).expect("number pattern"));

/// Longest title line, in chars.
const MAX_TITLE: usize = 50;
/// Longest line that is still a paragraph: a longer one is a page or a
/// whole document on one line (PDF text, a flattened web page).
const MAX_PARAGRAPH: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Series {
    Bracketed,
    Paren,
    Pian,
    Di,
    Digit,
}

#[derive(Debug)]
struct Cand {
    series: Series,
    num: u32,
    /// Byte range of the title (stem + number).
    title: Range<usize>,
    /// Byte offset where the number suffix starts (the stem ends).
    suffix: usize,
    /// Found inside a line, its stem run back to the previous stop.
    inline: bool,
}

/// Value of a small Arabic or Chinese numeral (1–99; 0 when unreadable).
pub fn numeral(s: &str) -> u32 {
    if let Ok(n) = s.parse() {
        return n;
    }
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [c] if *c == '十' => 10,
        [c] => digit(*c).unwrap_or(0) as u32,
        ['十', c] => 10 + digit(*c).unwrap_or(0) as u32,
        [a, '十'] => digit(*a).unwrap_or(0) as u32 * 10,
        [a, '十', b] => digit(*a).unwrap_or(0) as u32 * 10 + digit(*b).unwrap_or(0) as u32,
        _ => 0,
    }
}

fn is_stop(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '\n')
}

/// A short line without sentence punctuation.
pub fn title_like(line: &str) -> bool {
    !line.is_empty()
        && !longer_than(line, MAX_TITLE)
        && !line
            .chars()
            .any(|c| matches!(c, '。' | ',' | ';' | '!' | '?' | ':' | '、'))
}

/// Whether a title-like line names a document type (计划, 总结 …).
pub fn names_doctype(line: &str) -> bool {
    let simp = fold::to_simplified(line);
    DOCTYPES.iter().any(|w| simp.contains(w))
}

/// Whether a trimmed line ends as every [`SUFFIX`] does: on `)`, a digit, a
/// numeral 一 … 十 or `篇`. Most lines do not, and skip the regex.
fn may_end_suffix(line: &str) -> bool {
    line.chars().next_back().is_some_and(|c| {
        c.is_ascii_digit() || matches!(c, ')' | '篇') || "一二三四五六七八九十".contains(c)
    })
}

/// Start of the stem of a title whose suffix starts at `at` inside a line:
/// back to the previous stop, at most [`MAX_TITLE`] chars.
fn stem_start(s: &str, at: usize) -> usize {
    s[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| !is_stop(c))
        .take(MAX_TITLE)
        .last()
        .map_or(at, |(i, _)| i)
}

fn candidates(s: &str) -> Vec<Cand> {
    let mut out = Vec::new();
    for m in BRACKETED.captures_iter(s) {
        let (Some(all), Some(n)) = (m.get(0), m.get(1)) else {
            continue;
        };
        out.push(Cand {
            series: Series::Bracketed,
            num: numeral(n.as_str()),
            title: stem_start(s, all.start())..all.end(),
            suffix: all.start(),
            inline: true,
        });
    }
    if s.contains('篇') {
        for m in INLINE.captures_iter(s) {
            let Some(all) = m.get(0) else { continue };
            let (series, n) = match (m.name("paren"), m.get(2), m.get(4)) {
                (Some(_), Some(n), _) => (Series::Paren, n.as_str()),
                (None, _, Some(n)) => (Series::Pian, n.as_str()),
                _ => continue,
            };
            // `篇五二、工作目标`: the last numeral is the heading number
            // after the title
            let mut end = all.end();
            let mut n = n;
            if series == Series::Pian && n.chars().count() > 1 && s[end..].starts_with('、') {
                let last = n.chars().next_back().map_or(0, char::len_utf8);
                n = &n[..n.len() - last];
                end -= last;
            }
            // a suffix at a line end is read with its line below; one
            // followed by a digit or numeral is a count (`篇一等奖`)
            // unless that numeral is a heading number (`篇五二、`)
            let rest = s[end..].trim_start_matches(' ');
            let after = rest.chars().next();
            let count = series == Series::Pian
                && !LIST_START.is_match(rest)
                && after
                    .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十等".contains(c));
            if count || after.is_none_or(|c| matches!(c, '\n' | ']' | '】' | ')')) {
                continue;
            }
            let stem = stem_start(s, all.start());
            if !names_doctype(&s[stem..all.start()]) {
                continue;
            }
            out.push(Cand {
                series,
                num: numeral(n),
                title: stem..end,
                suffix: all.start(),
                inline: true,
            });
        }
    }
    digit_titles_inline(s, &mut out);
    let mut start = 0;
    for piece in s.split_inclusive('\n') {
        let (lead, body) = trim_lead(piece.trim_end());
        let at = start + lead;
        start += piece.len();
        if !may_end_suffix(body) || !title_like(body) || BRACKETED.is_match(body) {
            continue;
        }
        let Some(m) = SUFFIX.captures(body) else {
            continue;
        };
        let (series, g) = if let Some(g) = m.name("paren") {
            (Series::Paren, g)
        } else if let Some(g) = m.name("pian") {
            (Series::Pian, g)
        } else if let Some(g) = m.name("di") {
            (Series::Di, g)
        } else if let Some(g) = m.name("digit") {
            (Series::Digit, g)
        } else {
            continue;
        };
        let mut suffix = g.start();
        if series == Series::Digit {
            // The Han char before the digits belongs to the stem.
            suffix += body[g.start()..].chars().next().map_or(0, char::len_utf8);
            if !names_doctype(&body[..suffix]) {
                continue;
            }
        }
        let Some(n) = NUMBER.find(&body[suffix..]) else {
            continue;
        };
        out.push(Cand {
            series,
            num: numeral(n.as_str()),
            title: at..at + body.len(),
            suffix: at + suffix,
            inline: false,
        });
    }
    out.sort_by_key(|c| c.title.start);
    out
}

/// `…工作計劃2一、指導思想`: a title numbered by digits right after its
/// document type word, glued to the heading number that opens its body (a
/// collection page run onto one line). The heading number is what tells a
/// title from a count (`计划2项`).
fn digit_titles_inline(s: &str, out: &mut Vec<Cand>) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(u8::is_ascii_digit) {
        let a = i + off;
        let len = bytes[a..].iter().take_while(|b| b.is_ascii_digit()).count();
        i = a + len;
        let rest = &s[i..];
        if len > 2 || !LIST_START.is_match(rest) || rest.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        // the document type word: the two chars before the digits
        let word: String = {
            let mut w: Vec<char> = s[..a].chars().rev().take(2).collect();
            w.reverse();
            w.into_iter().collect()
        };
        if !names_doctype(&word) {
            continue;
        }
        out.push(Cand {
            series: Series::Digit,
            num: numeral(&s[a..i]),
            title: stem_start(s, a)..i,
            suffix: a,
            inline: true,
        });
    }
}

/// The longest run of candidates of one kind numbered 1, 2, 3 … (or a
/// single explicitly numbered title `…篇N`), as indexes into `cands`.
fn best_series(cands: &[Cand]) -> Vec<usize> {
    let mut best: Vec<usize> = Vec::new();
    for kind in [
        Series::Bracketed,
        Series::Paren,
        Series::Pian,
        Series::Di,
        Series::Digit,
    ] {
        let mut run: Vec<usize> = Vec::new();
        for (i, c) in cands.iter().enumerate().filter(|(_, c)| c.series == kind) {
            let next = run.last().map(|&j| cands[j].num + 1);
            if next == Some(c.num) {
                run.push(i);
            } else if c.num == 1 || run.is_empty() {
                if run.len() > best.len() {
                    best = std::mem::take(&mut run);
                }
                run = vec![i];
            }
        }
        if run.len() > best.len() {
            best = run;
        }
    }
    let explicit = best
        .first()
        .is_some_and(|&i| cands[i].series != Series::Digit);
    if best.len() >= 2 || (explicit && best.len() == 1) {
        best
    } else {
        Vec::new()
    }
}

/// Trims a series' inline stems to their common suffix (on one-line pages
/// the stem runs back to the previous sentence and may take in a signature).
fn common_stems(s: &str, cands: &mut [&mut Cand]) {
    if cands.len() < 2 {
        return;
    }
    let stems: Vec<Vec<(usize, char)>> = cands
        .iter()
        .map(|c| s[c.title.start..c.suffix].char_indices().collect())
        .collect();
    let mut k = 0;
    'grow: loop {
        let mut ch = None;
        for st in &stems {
            let Some(&(_, c)) = st.len().checked_sub(k + 1).and_then(|i| st.get(i)) else {
                break 'grow;
            };
            if *ch.get_or_insert(c) != c {
                break 'grow;
            }
        }
        k += 1;
    }
    for (c, st) in cands.iter_mut().zip(&stems) {
        c.title.start = match st.len().checked_sub(k).and_then(|i| st.get(i)) {
            Some(&(b, _)) => c.title.start + b,
            None => c.suffix,
        };
    }
}

/// Title of a single-document file: the last title-like line naming a
/// document type before the first body line. Returns (title, doc start).
fn single_title(s: &str) -> (Option<Range<usize>>, usize) {
    let mut title = None;
    let mut start = 0;
    let mut first = None;
    for piece in s.split_inclusive('\n') {
        let (lead, line) = trim_lead(piece);
        let line = line.trim_end();
        let at = start + lead;
        start += piece.len();
        if line.is_empty() {
            continue;
        }
        first.get_or_insert(at);
        if !title_like(line) || LIST_START.is_match(line) {
            if let Some(n) = glued_title(line, true) {
                title = Some(at..at + n);
            }
            break;
        }
        if names_doctype(line) {
            title = Some(at..at + line.len());
        }
    }
    let begin = title.as_ref().map_or(first.unwrap_or(0), |t| t.start);
    (title, begin)
}

/// Bytes of a title glued to the body at the start of a line: a document
/// on one line (`…德育工作计划一、指导思想…`, `…工作总结本学期,…`). The
/// title is the text before the first punctuation, through its last
/// document type word and a bracketed note right after that
/// (`…工作计划(2024年秋)`); it counts when a list marker follows it or,
/// with `page`, the line is a whole page (a paragraph opening with 工作计划
/// is not a title).
fn glued_title(line: &str, page: bool) -> Option<usize> {
    let head: Vec<(usize, char)> = line
        .char_indices()
        .take(MAX_TITLE)
        .take_while(|&(_, c)| !matches!(c, '。' | ',' | ';' | '!' | '?' | ':' | '、'))
        .collect();
    let head_str: String = head.iter().map(|&(_, c)| c).collect();
    let simp: Vec<char> = fold::to_simplified(&head_str).chars().collect();
    // chars of the head through its last document type word
    let end = DOCTYPES
        .iter()
        .filter_map(|w| {
            let w: Vec<char> = w.chars().collect();
            simp.windows(w.len())
                .rposition(|x| x == w.as_slice())
                .map(|i| i + w.len())
        })
        .max()?;
    let mut end = head.get(end).map_or(line.len(), |&(i, _)| i);
    if line[end..].starts_with('(') {
        if let Some(close) = line[end..]
            .char_indices()
            .take(MAX_TITLE)
            .find(|&(_, c)| c == ')')
        {
            end += close.0 + 1;
        }
    }
    let rest = &line[end..];
    (longer_than(&line[..end], 3)
        && !rest.is_empty()
        && (LIST_START.is_match(rest) || (page && longer_than(line, MAX_PARAGRAPH))))
    .then_some(end)
}

/// A line that is nothing but a date (`2024年7月5日`, `二〇二四年七月`,
/// `2024-7-5`): the last line of a signed document.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:[0-9]{4}|[〇○零一二三四五六七八九]{4}|20[xX]{2})\s*年\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[日号])?|[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2})$")
        .expect("date line pattern")
});

/// Titles of further documents in a file without a numbered series: a
/// title-like line naming a document type right after a date line (blank
/// lines between), with a body after it. A web page may hold a summary
/// signed and dated, then the next term's plan under its own title; a
/// heading inside a document (`下学期工作计划`) follows no date.
fn titles_after_dates(s: &str, begin: usize) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut dated = false;
    let mut pending: Option<Range<usize>> = None;
    let mut start = begin;
    for piece in s[begin..].split_inclusive('\n') {
        let (lead, line) = trim_lead(piece);
        let line = line.trim_end();
        let at = start + lead;
        start += piece.len();
        if line.is_empty() {
            continue;
        }
        // a body line after the title confirms it
        if let Some(t) = pending.take() {
            out.push(t);
        }
        if dated && title_like(line) && !LIST_START.is_match(line) && names_doctype(line) {
            pending = Some(at..at + line.len());
        }
        dated = DATE_LINE.is_match(line);
    }
    out
}

/// A full date inside a line (`…英语教研组2024年7月5日`).
static DATE_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[0-9]{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]")
        .expect("inline date pattern")
});

/// Titles of further documents on a page run onto one line, as
/// [`titles_after_dates`] finds them on separate lines: right after a
/// signature's full date, a title glued to the heading number of its body
/// (`…2024年7月5日南湖中学2024学年工作计划一、工作目标…`).
fn titles_after_inline_dates(s: &str, begin: usize) -> Vec<Range<usize>> {
    if !s[begin..].contains('年') {
        return Vec::new();
    }
    DATE_INLINE
        .find_iter(&s[begin..])
        .filter_map(|m| {
            let at = begin + m.end();
            let rest = &s[at..];
            if rest.starts_with(char::is_whitespace) {
                return None;
            }
            glued_title(rest, false).map(|n| at..at + n)
        })
        .collect()
}

/// Finds the documents of a cleaned file. Returns the cleaned text with each
/// traditional document folded to simplified script, and the documents with
/// their spans and titles (sections, items and elements still empty).
pub fn split(src: &SourceText, norm: NormText) -> (NormText, Vec<Document>) {
    let s = norm.as_str();
    if s.trim().is_empty() {
        return (norm, Vec::new());
    }
    let mut cands = candidates(s);
    let series = best_series(&cands);
    // (byte range of the document, byte range of its title)
    let mut parts: Vec<(Range<usize>, Option<Range<usize>>)> = Vec::new();
    if series.is_empty() {
        let (title, begin) = single_title(s);
        let mut start = (begin, title);
        let mut after = titles_after_dates(s, begin);
        after.extend(titles_after_inline_dates(s, begin));
        after.sort_by_key(|t| t.start);
        for t in after {
            parts.push((start.0..t.start, start.1));
            start = (t.start, Some(t));
        }
        parts.push((start.0..s.len(), start.1));
    } else {
        // inline stems run back to the previous stop: trim them together
        let mut inline: Vec<&mut Cand> = cands
            .iter_mut()
            .enumerate()
            .filter(|(i, c)| c.inline && series.contains(i))
            .map(|(_, c)| c)
            .collect();
        common_stems(s, &mut inline);
        let titles: Vec<Range<usize>> = series.iter().map(|&i| cands[i].title.clone()).collect();
        for (i, t) in titles.iter().enumerate() {
            let end = titles.get(i + 1).map_or(s.len(), |n| n.start);
            parts.push((t.start..end, Some(t.clone())));
        }
    }
    let mut docs = Vec::new();
    let mut trad: Vec<Range<usize>> = Vec::new();
    for (index, (bytes, title)) in parts.into_iter().enumerate() {
        let body = &s[bytes.clone()];
        let end = bytes.start + body.trim_end().len();
        let range = norm.char_at(bytes.start)..norm.char_at(end);
        let title = title.map(|t| norm.char_at(t.start)..norm.char_at(t.end));
        let script = fold::detect_script(&s[bytes.start..end]);
        if script == Script::Traditional {
            trad.push(range.clone());
        }
        docs.push(Document::new(
            index,
            title
                .clone()
                .map(|t| src.slice(norm.src_span(t)).to_string()),
            script,
            norm.src_span(range.clone()),
            range,
            title,
        ));
    }
    (simplify(norm, &trad), docs)
}

/// Folds the given char ranges to simplified script in one copy of the text.
fn simplify(norm: NormText, trad: &[Range<usize>]) -> NormText {
    let (Some(first), Some(last)) = (trad.first(), trad.last()) else {
        return norm;
    };
    let whole = first.start..last.end;
    let mut rep = String::with_capacity(norm.slice_chars(whole.clone()).len());
    let mut at = whole.start;
    for r in trad {
        rep.push_str(norm.slice_chars(at..r.start));
        rep.push_str(&fold::to_simplified(norm.slice_chars(r.clone())));
        at = r.end;
    }
    norm.replace_same_len(whole, &rep)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(s: &str) -> Vec<Option<String>> {
        let src = SourceText::new(s.to_string());
        let norm = crate::clean::clean(&src);
        split(&src, norm).1.into_iter().map(|d| d.title).collect()
    }

    #[test]
    fn every_document_type_word_names_a_title() {
        for title in [
            "2021年教科室工作回顾",
            "下学期教研工作设想",
            "校本教研工作计划",
        ] {
            let text = format!("{title}\n一、课题研究\n本学期共有3个课题结题。\n");
            assert_eq!(titles(&text), [Some(title.to_string())], "{title}");
        }
    }

    #[test]
    fn only_lines_ending_like_a_suffix_are_matched() {
        for t in [
            "德育工作计划篇一",
            "计划(篇2)",
            "工作总结第三篇",
            "工作计划12",
        ] {
            assert!(may_end_suffix(t) && SUFFIX.is_match(t), "{t}");
        }
        for t in ["德育工作计划", "工作计划范文", "做好工作。", ""] {
            assert!(!may_end_suffix(t), "{t}");
        }
    }

    #[test]
    fn reads_numerals() {
        assert_eq!(numeral("7"), 7);
        assert_eq!(numeral("十四"), 14);
        assert_eq!(numeral("二十"), 20);
        assert_eq!(numeral("十"), 10);
    }

    #[test]
    fn splits_a_numbered_collection() {
        let s = "年度工作计划(精选2篇)\n\n以下是小编整理的范文。\n\n德育工作计划篇一\n\n一、指导思想\n\n坚持育人。\n\n德育工作计划篇二\n\n一、工作目标\n";
        assert_eq!(
            titles(s),
            [
                Some("德育工作计划篇一".into()),
                Some("德育工作计划篇二".into())
            ]
        );
        let s = "语文教研组工作总结1\n做了工作。\n语文教研组工作总结2\n做了工作。\n语文教研组工作总结3\n完成。";
        assert_eq!(titles(s).len(), 3);
    }

    #[test]
    fn splits_inline_bracketed_titles() {
        let s = "安全工作计划【第一篇】本学期做好安全工作。某某小学3月1日安全工作计划【第二篇】一、目标";
        assert_eq!(
            titles(s),
            [
                Some("安全工作计划【第一篇】".into()),
                Some("安全工作计划【第二篇】".into())
            ]
        );
    }

    #[test]
    fn splits_a_collection_run_onto_one_line() {
        let s = "范文两篇。校本教研工作计划 (篇1)一、指导思想坚持育人。校本教研工作计划 (篇2)一、工作目标提高质量。";
        assert_eq!(
            titles(s),
            [
                Some("校本教研工作计划 (篇1)".into()),
                Some("校本教研工作计划 (篇2)".into())
            ]
        );
        let s =
            "小学教科室工作汇报篇一本学期完成了课题。小学教科室工作汇报篇二本学期获奖三篇一等奖。";
        assert_eq!(titles(s).len(), 2);
        let s =
            "教科室工作計劃1一、指導思想:育人。二、目標提高。教科室工作計劃2一、指導思想:做好。";
        assert_eq!(
            titles(s),
            [
                Some("教科室工作計劃1".into()),
                Some("教科室工作計劃2".into())
            ]
        );
        // a number after a plan word with no heading number is a count
        assert_eq!(titles("教研计划\n完成计划2项。总结3篇。\n").len(), 1);
        // a count after 篇 (`论文三篇一等奖`) is no title
        let s = "教研计划\n撰写论文篇一等奖两篇。论文篇二等奖。\n";
        assert_eq!(titles(s).len(), 1);
    }

    #[test]
    fn one_document_takes_its_own_heading() {
        let s = "体育组工作总结范文\n\n体育组工作总结\n\n——2021学年第一学期\n\n本学期体育组完成了以下工作:\n";
        assert_eq!(titles(s), [Some("体育组工作总结".into())]);
        assert_eq!(titles("本学期我们做了三件事。\n"), [None]);
    }

    #[test]
    fn a_title_glued_to_its_body_is_the_title() {
        let body = "本学期,教科室在学校的领导下,扎实开展了各项工作。".repeat(12);
        let s = format!("启明中学2022学年第一学期教科室工作总结{body}");
        assert_eq!(
            titles(&s),
            [Some("启明中学2022学年第一学期教科室工作总结".into())]
        );
        let s = "实验小学语文教研组工作计划(2024年秋)一、指导思想坚持育人。二、工作目标提高质量。";
        assert_eq!(
            titles(s),
            [Some("实验小学语文教研组工作计划(2024年秋)".into())]
        );
        // a short paragraph that names a plan opens the body, not a title
        assert_eq!(titles("本学期工作计划如下,请各组落实。\n"), [None]);
        assert_eq!(glued_title("制订工作计划,落实到人。", true), None);
        assert_eq!(glued_title("计划一、目标", true), None);
    }

    #[test]
    fn a_dated_document_then_another_title_are_two_documents() {
        let s = "英语组工作总结\n一、常规教研\n本学期共听课120节。\n英语教研组\n2024年7月5日\n\n英语组下学期工作计划\n一、工作目标\n提高质量。\n";
        assert_eq!(
            titles(s),
            [
                Some("英语组工作总结".into()),
                Some("英语组下学期工作计划".into())
            ]
        );
        // a heading after a date without its year, a trailing title-like
        // line with no body, or a heading after a body line start no
        // document
        let s = "工作总结\n一、成绩\n3月12日\n下学期工作打算\n继续努力。\n";
        assert_eq!(titles(s).len(), 1);
        let s = "工作总结\n完成了工作。\n二〇二四年七月五日\n相关工作计划\n";
        assert_eq!(titles(s).len(), 1);
        let s = "工作总结\n一、成绩\n完成了工作。\n下学期工作计划\n继续努力。\n";
        assert_eq!(titles(s).len(), 1);
    }

    #[test]
    fn a_dated_document_then_another_title_on_one_line_are_two_documents() {
        let s = "英语组工作总结一、常规教研本学期共听课120节。英语教研组2024年7月5日英语组2024学年工作计划一、工作目标提高质量。";
        assert_eq!(
            titles(s),
            [
                Some("英语组工作总结".into()),
                Some("英语组2024学年工作计划".into())
            ]
        );
        // a date before a sentence that names a plan starts no document
        let s = "工作总结\n一、成绩\n2024年3月5日召开工作计划研讨会,落实各项工作。\n";
        assert_eq!(titles(s).len(), 1);
    }

    #[test]
    fn numbers_in_body_lines_do_not_split() {
        let s = "教研计划\n一、本学期发表论文篇1\n撰写案例2篇,论文3篇。\n";
        assert_eq!(titles(s).len(), 1);
    }
}
