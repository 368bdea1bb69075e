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

fn candidates(s: &str) -> Vec<Cand> {
    let mut out = Vec::new();
    for m in BRACKETED.captures_iter(s) {
        let (Some(all), Some(n)) = (m.get(0), m.get(1)) else {
            continue;
        };
        let stem = s[..all.start()]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| !is_stop(c))
            .take(MAX_TITLE)
            .last()
            .map_or(all.start(), |(i, _)| i);
        out.push(Cand {
            series: Series::Bracketed,
            num: numeral(n.as_str()),
            title: stem..all.end(),
            suffix: all.start(),
        });
    }
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
        });
    }
    out.sort_by_key(|c| c.title.start);
    out
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
            break;
        }
        if names_doctype(line) {
            title = Some(at..at + line.len());
        }
    }
    let begin = title.as_ref().map_or(first.unwrap_or(0), |t| t.start);
    (title, begin)
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
        for t in titles_after_dates(s, begin) {
            parts.push((start.0..t.start, start.1));
            start = (t.start, Some(t));
        }
        parts.push((start.0..s.len(), start.1));
    } else {
        let mut chosen: Vec<&mut Cand> = cands
            .iter_mut()
            .enumerate()
            .filter(|(i, _)| series.contains(i))
            .map(|(_, c)| c)
            .collect();
        if chosen[0].series == Series::Bracketed {
            common_stems(s, &mut chosen);
        }
        let titles: Vec<Range<usize>> = chosen.iter().map(|c| c.title.clone()).collect();
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
    fn one_document_takes_its_own_heading() {
        let s = "体育组工作总结范文\n\n体育组工作总结\n\n——2021学年第一学期\n\n本学期体育组完成了以下工作:\n";
        assert_eq!(titles(s), [Some("体育组工作总结".into())]);
        assert_eq!(titles("本学期我们做了三件事。\n"), [None]);
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
    fn numbers_in_body_lines_do_not_split() {
        let s = "教研计划\n一、本学期发表论文篇1\n撰写案例2篇,论文3篇。\n";
        assert_eq!(titles(s).len(), 1);
    }
}
