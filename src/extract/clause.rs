//! Clauses of an item's cleaned text: the pieces between punctuation, which
//! is the size of phrase that quotas, figures and events quote.
//!
//! Splits at , ; 。 ! ? : 、 … and brackets (half-width after cleaning) and at
//! line breaks; a `.` splits only when it is not between digits (2.5).
//! Example: "学期初制定一份计划;每月召开一次会议,汇报情况" gives three
//! clauses. A 、 between two numbers (一、二年级) lists them for one noun
//! and does not split. Known limits: 、 inside a list of nouns (学生作业、
//! 教师作业) splits a phrase that belongs together.

use crate::text::{trim_lead, utf8_width};
use std::ops::Range;

/// A clause: its byte range (trimmed of spaces) and the delimiter after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub range: Range<usize>,
    pub end: Option<char>,
    /// The clause sits inside brackets: (四月份).
    pub bracketed: bool,
}

fn is_delim(text: &str, i: usize, c: char) -> bool {
    match c {
        ',' | ';' | '。' | '!' | '?' | '…' | '(' | ')' | '[' | ']' | '【' | '】' | '〔' | '〕'
        | '\n' | '\r' | '﹔' | '｡' | '､' => true,
        // 一、二年级, 1、2班: numbers listed for one noun stay together.
        '、' => {
            let before = text[..i].chars().next_back();
            let after = text[i + c.len_utf8()..].chars().next();
            let cn = |c: char| "一二三四五六七八九十".contains(c);
            !matches!((before, after), (Some(b), Some(a))
                if (cn(b) && cn(a)) || (b.is_ascii_digit() && a.is_ascii_digit()))
        }
        // 2.5 and 4:10 stay whole.
        '.' | ':' => {
            let before = text[..i].chars().next_back();
            let after = text[i + 1..].chars().next();
            !(before.is_some_and(|b| b.is_ascii_digit())
                && after.is_some_and(|a| a.is_ascii_digit()))
        }
        _ => false,
    }
}

/// Whether a byte may start a delimiter: an ASCII one, or the lead byte
/// (E2, E3, EF) of a wide one (。、…【】〔〕﹔｡､). Most CJK chars have
/// other lead bytes, and the scan steps over them undecoded.
fn may_delim(b: u8) -> bool {
    matches!(
        b,
        b',' | b';'
            | b'!'
            | b'?'
            | b'('
            | b')'
            | b'['
            | b']'
            | b'\n'
            | b'\r'
            | b'.'
            | b':'
            | 0xE2
            | 0xE3
            | 0xEF
    )
}

/// The clauses of a text, left to right, empty ones dropped.
pub fn clauses(text: &str) -> Vec<Clause> {
    Clauses::new(text).collect()
}

/// The clauses of a text one by one, for a reader that may stop early.
pub struct Clauses<'a> {
    text: &'a str,
    /// Where the next clause starts, `None` once the last was given.
    start: Option<usize>,
    /// Where the scan for the next delimiter resumes.
    at: usize,
    depth: usize,
}

impl<'a> Clauses<'a> {
    pub fn new(text: &'a str) -> Self {
        Clauses {
            text,
            start: Some(0),
            at: 0,
            depth: 0,
        }
    }
}

impl Iterator for Clauses<'_> {
    type Item = Clause;

    fn next(&mut self) -> Option<Clause> {
        let text = self.text;
        let bytes = text.as_bytes();
        loop {
            let start = self.start?;
            // The next delimiter, or the end of the text.
            let mut found = None;
            while let Some(&b) = bytes.get(self.at) {
                // `i` is a char boundary: `b` is ASCII or a lead byte, which
                // gives the char's width.
                let i = self.at;
                self.at += utf8_width(b);
                if !may_delim(b) {
                    continue;
                }
                let c = text[i..].chars().next()?;
                if is_delim(text, i, c) {
                    found = Some((i, c));
                    break;
                }
            }
            let bracketed = self.depth > 0;
            let clause = match found {
                Some((i, c)) => {
                    match c {
                        '(' | '[' | '【' | '〔' => self.depth += 1,
                        ')' | ']' | '】' | '〕' => self.depth = self.depth.saturating_sub(1),
                        _ => {}
                    }
                    self.start = Some(i + c.len_utf8());
                    trimmed(text, start..i, Some(c), bracketed)
                }
                None => {
                    self.start = None;
                    trimmed(text, start..text.len(), None, bracketed)
                }
            };
            if clause.is_some() {
                return clause;
            }
        }
    }
}

/// The clause of `text[r]` trimmed of spaces, `None` when nothing is left.
fn trimmed(text: &str, r: Range<usize>, end: Option<char>, bracketed: bool) -> Option<Clause> {
    let (lead, t) = trim_lead(&text[r.clone()]);
    let t = t.trim_end();
    if t.is_empty() {
        return None;
    }
    let a = r.start + lead;
    Some(Clause {
        range: a..a + t.len(),
        end,
        bracketed,
    })
}

/// Trailing punctuation and spaces trimmed off a byte range of `text`.
pub fn trim_end_punct(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || ",;。!?:、….".contains(c));
    let lead = t.len() - t.trim_start().len();
    r.start + lead..r.start + t.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The char-by-char splitter that the byte scan replaced.
    fn char_by_char(text: &str) -> Vec<Clause> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut depth = 0usize;
        for (i, c) in text.char_indices() {
            if !is_delim(text, i, c) {
                continue;
            }
            out.extend(trimmed(text, start..i, Some(c), depth > 0));
            match c {
                '(' | '[' | '【' | '〔' => depth += 1,
                ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
                _ => {}
            }
            start = i + c.len_utf8();
        }
        out.extend(trimmed(text, start..text.len(), None, depth > 0));
        out
    }

    proptest! {
        /// The byte scan splits as the char loop did, on text mixing every
        /// delimiter, digits, spaces and CJK chars that share lead bytes.
        #[test]
        fn scan_matches_the_char_loop(
            s in "[-,;。!?、…()\\[\\]【】〔〕\n\r﹔｡､.:0-9 学期初“”《》〇一ａ]{0,30}"
        ) {
            prop_assert_eq!(clauses(&s), char_by_char(&s));
        }
    }

    fn texts(s: &str) -> Vec<&str> {
        clauses(s).into_iter().map(|c| &s[c.range]).collect()
    }

    #[test]
    fn splits_at_punctuation_and_brackets() {
        assert_eq!(
            texts("学期初制定一份计划;每月召开一次会议,汇报情况。"),
            ["学期初制定一份计划", "每月召开一次会议", "汇报情况"]
        );
        assert_eq!(
            texts("试卷分析课(四月份)(以考试为载体)"),
            ["试卷分析课", "四月份", "以考试为载体"]
        );
        let c = clauses("试卷分析课(四月份)");
        assert!(c[1].bracketed && !c[0].bracketed);
    }

    #[test]
    fn numbers_listed_for_one_noun_stay_together() {
        assert_eq!(
            texts("一、二年级每周4节体育课,三至六年级每周3节"),
            ["一、二年级每周4节体育课", "三至六年级每周3节"]
        );
        assert_eq!(texts("1、2班参加"), ["1、2班参加"]);
        assert_eq!(texts("周二、周四下午"), ["周二", "周四下午"]);
    }

    #[test]
    fn decimal_point_does_not_split() {
        assert_eq!(
            texts("增长2.5个百分点.下一句"),
            ["增长2.5个百分点", "下一句"]
        );
        assert_eq!(
            texts("每周三4:10至4:45集体备课:地点"),
            ["每周三4:10至4:45集体备课", "地点"]
        );
    }

    #[test]
    fn trims_trailing_punctuation() {
        let s = "佈置“书法特色校际联盟”相关事宜;;";
        assert_eq!(
            &s[trim_end_punct(s, 0..s.len())],
            "佈置“书法特色校际联盟”相关事宜"
        );
    }
}
