//! The layout compare reads for itself from the normalised text of a
//! document: lines with their list markers, headings and month headings,
//! sentences and comma chunks, month and date mentions.
//!
//! Compare does its own splitting so that its granularity (one plan clause,
//! one summary sentence) does not depend on how the structure stage cuts
//! items; it still takes item ids and sections from the structure stage.

use crate::model::Document;
use crate::text::NormText;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What a line of a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The document's title line.
    Title,
    /// A section heading (一、指导思想; (一)加强校本培训; 具体安排:).
    Heading,
    /// A month heading of a schedule (三月份:).
    Month,
    /// Running text: entries, sentences, schedule lines.
    Body,
}

/// One non-empty line of a document.
#[derive(Debug, Clone)]
pub struct Line {
    /// Byte range in the normalised text, list marker and outer spaces excluded.
    pub bytes: Range<usize>,
    pub kind: LineKind,
    /// The month of the schedule this line belongs to (from the nearest
    /// month heading above it, reset by a section heading).
    pub month: Option<u32>,
    /// The line began with an arabic or circled list number (1、 ①).
    pub numbered: bool,
}

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:第?[一二三四五六七八九十]{1,3}[、.．]|\([一二三四五六七八九十]{1,3}\)|[㈠-㈩]|\(\d{1,2}\)|\d{1,2}[、.)]|[①-⑳⑴-⒇⒈-⒛]|[●•·◆■□★☆◇○\-*])\s*")
        .expect("marker pattern")
});
static CHINESE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:第?[一二三四五六七八九十]{1,3}[、.．]|\([一二三四五六七八九十]{1,3}\)|[㈠-㈩])",
    )
    .expect("chinese marker pattern")
});
static MONTH_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:\d{4}年)?(?:\d{1,2}|十[一二]?|[一二三四五六七八九])月份?[、,和至到-]?)+\s*(?:工作安排|安排|工作)?[:]?$")
        .expect("month heading pattern")
});
/// A month and a short label after a colon, without punctuation of its own.
static MONTH_THEME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\d{1,2}|十[一二]?|[一二三四五六七八九])月份?\s*:\s*[^,;。、:!?“”《》()]{1,12}$",
    )
    .expect("month theme pattern")
});
static MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,2}|十[一二]?|[一二三四五六七八九])月").expect("month pattern")
});
/// A month range (10月至12月, 3-5月, 九月到十一月).
static MONTH_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{1,2}|十[一二]?|[一二三四五六七八九])月?份?\s*(?:至|到|-|—|~)\s*(\d{1,2}|十[一二]?|[一二三四五六七八九])月")
        .expect("month range pattern")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]").expect("date pattern")
});

/// Reads the lines of a document of the normalised text.
pub fn doc_lines(norm: &NormText, doc: &Document) -> Vec<Line> {
    let range = norm.byte_at(doc.norm.start)..norm.byte_at(doc.norm.end);
    let title = doc
        .title_norm
        .as_ref()
        .map(|r| norm.byte_at(r.start)..norm.byte_at(r.end));
    lines(norm.as_str(), range, title)
}

/// Reads the lines of the byte range `doc` of the normalised text `text`.
/// `title` is the byte range of the title line, if the document has one.
pub fn lines(text: &str, doc: Range<usize>, title: Option<Range<usize>>) -> Vec<Line> {
    let mut out = Vec::new();
    // Whether each line has a Chinese-numeral marker (a section heading).
    let mut chinese = Vec::new();
    let mut month = None;
    let mut pos = doc.start;
    for raw in text[doc.clone()].split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let t = raw.trim();
        if t.is_empty() {
            continue;
        }
        let off = start + (raw.len() - raw.trim_start().len());
        let marker_len = MARKER.find(t).map_or(0, |m| m.end());
        let body = t[marker_len..].trim();
        if body.is_empty() {
            continue;
        }
        let b0 = off + marker_len + (t[marker_len..].len() - t[marker_len..].trim_start().len());
        let bytes = b0..b0 + body.len();
        let is_title = title
            .as_ref()
            .is_some_and(|r| r.start <= off && off < r.end.max(r.start + 1));
        let kind = if is_title {
            LineKind::Title
        } else if MONTH_HEADING.is_match(body) {
            LineKind::Month
        } else if is_heading(t, body) {
            LineKind::Heading
        } else {
            LineKind::Body
        };
        let numbered = marker_len > 0 && !CHINESE_MARKER.is_match(t);
        out.push(Line {
            bytes,
            kind,
            month: None,
            numbered,
        });
        chinese.push(CHINESE_MARKER.is_match(t));
    }
    // A month with its theme (九月:行为规范月) over numbered entries heads
    // them: the theme names the month, the entries are the obligations.
    for i in 0..out.len().saturating_sub(1) {
        if out[i].kind == LineKind::Body
            && !out[i].numbered
            && out[i + 1].numbered
            && MONTH_THEME.is_match(&text[out[i].bytes.clone()])
        {
            out[i].kind = LineKind::Month;
        }
    }
    for (line, chinese) in out.iter_mut().zip(chinese) {
        match line.kind {
            LineKind::Month => month = months_in(&text[line.bytes.clone()]).first().map(|m| m.1),
            LineKind::Heading if chinese => month = None,
            _ => {}
        }
        line.month = month;
    }
    // A short numbered line over running text of its own (1、开展课题研究。
    // followed by an unnumbered paragraph) heads that text.
    for i in 0..out.len().saturating_sub(1) {
        let (line, next) = (&out[i], &out[i + 1]);
        let body = &text[line.bytes.clone()];
        if line.kind == LineKind::Body
            && line.numbered
            && !next.numbered
            && next.kind == LineKind::Body
            && body.chars().count() <= NUMBERED_HEADING_MAX
            && sentences(text, line.bytes.clone()).len() == 1
        {
            out[i].kind = LineKind::Heading;
        }
    }
    out
}

/// Longest numbered line read as a heading of the text under it.
const NUMBERED_HEADING_MAX: usize = 24;

/// A heading: a short line under a Chinese-numeral marker, or a short line
/// ending with a colon, or a short line with no punctuation at all.
fn is_heading(line: &str, body: &str) -> bool {
    let n = body.chars().count();
    let bare = body.trim_end_matches([':', '。']);
    let inner_punct = bare.chars().any(is_clause_punct);
    if CHINESE_MARKER.is_match(line) && n <= 24 {
        return true;
    }
    if body.ends_with(':') && n <= 24 {
        return true;
    }
    // A signature line (xx小学教科室) or a bare label; numbered entries
    // (1、工作总结) are items however short.
    !inner_punct && !body.ends_with('。') && n <= 12 && MARKER.find(line).is_none()
}

fn is_clause_punct(c: char) -> bool {
    matches!(
        c,
        ',' | '、' | '。' | ';' | ':' | '!' | '?' | '“' | '”' | '《' | '》'
    )
}

/// Sentence byte ranges of a line: split after 。 ! ? ; (and …), trimmed,
/// terminal punctuation excluded.
pub fn sentences(text: &str, line: Range<usize>) -> Vec<Range<usize>> {
    split_on(text, line, |c| matches!(c, '。' | '!' | '?' | ';' | '…'))
}

/// Comma chunks of a sentence (split at , and :).
pub fn chunks(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    split_on(text, sentence, |c| matches!(c, ',' | ':'))
}

fn split_on(text: &str, r: Range<usize>, cut: impl Fn(char) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    let s = &text[r.clone()];
    let mut push = |a: usize, b: usize| {
        let piece = &text[a..b];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if a + lead < b - trail {
            out.push(a + lead..b - trail);
        }
    };
    // Never cut inside quotes or brackets: 总体思路是“提前备课,集体悟议”.
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '“' | '《' | '「' | '『' | '(' | '[' => depth += 1,
            '”' | '》' | '」' | '』' | ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && cut(c) {
            push(start, r.start + i);
            start = r.start + i + c.len_utf8();
        }
    }
    push(start, r.end);
    out
}

/// A month written as a number or in Chinese numerals (3, 三, 十二).
pub fn month_number(s: &str) -> Option<u32> {
    let (v, max) = crate::extract::numerals::parse(s)?;
    (max.is_none() && v.fract() == 0.0 && (1.0..=12.0).contains(&v)).then_some(v as u32)
}

/// Months mentioned in a text, with the byte offset of each mention; a
/// range (10月至12月) names every month in it, across the new year too.
pub fn months_in(text: &str) -> Vec<(usize, u32)> {
    let mut out: Vec<(usize, u32)> = MONTH
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(1)?;
            // A digit right before is part of a year or a day, not a month.
            let before = text[..m.start()].chars().next_back();
            if before.is_some_and(|b| b.is_ascii_digit()) {
                return None;
            }
            Some((m.start(), month_number(m.as_str())?))
        })
        .collect();
    for c in MONTH_RANGE.captures_iter(text) {
        let (Some(a), Some(b)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let (Some(first), Some(last)) = (month_number(a.as_str()), month_number(b.as_str())) else {
            continue;
        };
        let mut m = first;
        while m != last {
            m = m % 12 + 1;
            if m != last && !out.iter().any(|x| x.1 == m) {
                out.push((a.start(), m));
            }
        }
        if !out.iter().any(|x| x.1 == first) {
            out.push((a.start(), first));
        }
    }
    out.sort();
    out
}

/// The place of month `m` in a school term that ends in `end` (the month of
/// the summary's date): months after `end` by more than half a year belong
/// to the calendar year before (December before a January summary).
pub fn term_order(m: u32, end: u32) -> i32 {
    let (m, end) = (m as i32, end as i32);
    if m > end + 4 {
        m - 12
    } else {
        m
    }
}

/// Dates with a day (3月6日, 2017年6月30日) in a text: (year, month, day).
pub fn dates_in(text: &str) -> Vec<(Option<i32>, u32, u32)> {
    DATE.captures_iter(text)
        .filter_map(|c| {
            let year = c.get(1).and_then(|y| y.as_str().parse().ok());
            let month = c.get(2)?.as_str().parse().ok()?;
            let day = c.get(3)?.as_str().parse().ok()?;
            ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, LineKind, Option<u32>)> {
        lines(text, 0..text.len(), None)
            .into_iter()
            .map(|l| (text[l.bytes].to_string(), l.kind, l.month))
            .collect()
    }

    #[test]
    fn reads_headings_and_month_schedules() {
        let text = "三、月工作安排:\n三月份:\n1、召开校本教研专题会议,讨论研究方案。\n四月份:\n1、组织开展理论学习。\n四、其他\n本学期开展了培训。";
        let k = kinds(text);
        assert_eq!(k[0].1, LineKind::Heading);
        assert_eq!(k[1].1, LineKind::Month);
        assert_eq!(
            k[2],
            (
                "召开校本教研专题会议,讨论研究方案。".into(),
                LineKind::Body,
                Some(3)
            )
        );
        assert_eq!(k[4].2, Some(4));
        // a new section heading ends the schedule
        assert_eq!(k[6].2, None);
    }

    #[test]
    fn a_month_with_its_theme_heads_the_numbered_entries_under_it() {
        // written for this test: the third entry stays an entry of September
        let text =
            "九月:行为规范月\n1.开学典礼\n2.新生入学常规训练\n十月:爱国主义教育月\n1.国庆主题班会";
        let k = kinds(text);
        assert_eq!(k[0].1, LineKind::Month);
        assert_eq!(k[2], ("新生入学常规训练".into(), LineKind::Body, Some(9)));
        assert_eq!(k[3].1, LineKind::Month);
        assert_eq!(k[4].2, Some(10));
        // an inline schedule line is an entry, and so is a month label over
        // running text that is not a list
        let inline = kinds("3月:集中学习课程标准;学生阅读情况前测\n4月:课题研究课");
        assert!(inline.iter().all(|l| l.1 == LineKind::Body));
    }

    #[test]
    fn short_numbered_entries_are_items() {
        let k = kinds("七月份:\n1、工作总结。\n(二)注重课题研究,提升科研质态\nxx小学教科室");
        assert_eq!(k[1].1, LineKind::Body);
        assert_eq!(k[1].2, Some(7));
        assert_eq!(k[2].1, LineKind::Heading);
        assert_eq!(k[3].1, LineKind::Heading);
    }

    #[test]
    fn a_short_numbered_line_over_its_own_paragraph_is_a_heading() {
        let k = kinds("1、开展课题研究。\n本学期,教科室将加强课题研究过程管理。\n2、课题资料整理\n3、专题讲座");
        assert_eq!(k[0].1, LineKind::Heading);
        assert_eq!(k[1].1, LineKind::Body);
        assert_eq!(k[2].1, LineKind::Body);
    }

    #[test]
    fn months_and_dates() {
        assert_eq!(month_number("十二"), Some(12));
        assert_eq!(month_number("三"), Some(3));
        assert_eq!(month_number("13"), None);
        let m: Vec<u32> = months_in("寫字培訓3月、4月各進行了一次,5月份未能安排")
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(m, [3, 4, 5]);
        assert!(months_in("每月召开一次会议").is_empty());
        let r: Vec<u32> = months_in("10月至12月共听课312节")
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(r, [10, 11, 12]);
        let r: Vec<u32> = months_in("十一月到一月").into_iter().map(|x| x.1).collect();
        assert_eq!(r, [11, 12, 1]);
        assert!(term_order(12, 1) < term_order(1, 1));
        assert!(term_order(7, 6) > term_order(6, 6));
        assert_eq!(dates_in("2017年6月30日"), [(Some(2017), 6, 30)]);
        assert_eq!(dates_in("定于7月3日进行"), [(None, 7, 3)]);
    }

    #[test]
    fn splits_sentences_and_chunks() {
        let t = "全学期共开展11次,另有7周未能进行。3月份学习了课标;4月份观看了视频";
        let s: Vec<&str> = sentences(t, 0..t.len())
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(
            s,
            [
                "全学期共开展11次,另有7周未能进行",
                "3月份学习了课标",
                "4月份观看了视频"
            ]
        );
        let c: Vec<&str> = chunks(t, 0..t.find('。').unwrap_or(0))
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(c, ["全学期共开展11次", "另有7周未能进行"]);
        let q = "总体思路是“提前备课,集体悟议”,即提前一周备课";
        let c: Vec<&str> = chunks(q, 0..q.len()).into_iter().map(|r| &q[r]).collect();
        assert_eq!(c, ["总体思路是“提前备课,集体悟议”", "即提前一周备课"]);
    }
}
