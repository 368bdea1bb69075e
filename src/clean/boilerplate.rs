//! Web-page boilerplate: site navigation, page metadata, download prompts,
//! site intros and watermarks, as listed in `dictionaries/boilerplate.txt`.
//!
//! Three kinds of rule (see the list's header): a `line` rule deletes its
//! whole line (only lines short enough to be page furniture, so a body line
//! that happens to mention 当前位置 survives), a `sentence` rule deletes the
//! sentence around the match (site intros sit inside running text on
//! one-line pages), an `inline` rule deletes just the match.
//!
//! Known false positives: a document that itself says 仅供参考 or
//! 希望对大家有所帮助 loses that sentence.

use crate::text::longer_than;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static LIST: &str = include_str!("../../dictionaries/boilerplate.txt");

/// Longest line (in bytes) a `line` rule deletes whole: 120 Han chars.
const MAX_LINE: usize = 360;
/// Longest line (in chars) a `shortline` rule deletes.
const MAX_SHORT_LINE: usize = 40;

/// One alternation per kind of rule. Every rule starts or ends on a
/// literal, so the alternation keeps a literal prefilter and one scan per
/// kind costs about as much as one scan of a single rule.
/// The patterns of each class, compiled one by one: alone, most of them
/// start with a literal that the regex engine skips to, where one
/// alternation of all of them would walk every char.
struct Rules {
    line: Vec<Regex>,
    shortline: Vec<Regex>,
    sentence: Vec<Regex>,
    inline: Vec<Regex>,
}

fn patterns(class: &str) -> impl Iterator<Item = &'static str> + '_ {
    crate::dict::entries(LIST)
        .filter_map(move |e| e.strip_prefix(class))
        .filter_map(|e| e.strip_prefix(':'))
        .map(str::trim)
}

fn compile(class: &str) -> Vec<Regex> {
    patterns(class)
        .filter_map(|p| Regex::new(&format!("(?mR){p}")).ok())
        .collect()
}

static RULES: LazyLock<Rules> = LazyLock::new(|| Rules {
    line: compile("line"),
    shortline: compile("shortline"),
    sentence: compile("sentence"),
    inline: compile("inline"),
});

fn line_bounds(s: &str, at: usize) -> Range<usize> {
    let a = s[..at].rfind('\n').map_or(0, |i| i + 1);
    let b = s[at..].find('\n').map_or(s.len(), |i| at + i + 1);
    a..b
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '！' | '？' | '\n')
}

/// The sentence around a match: from after the previous sentence end to the
/// next one, inclusive (a `。` right before a closing quote takes it along).
fn sentence_bounds(s: &str, m: Range<usize>) -> Range<usize> {
    let a = s[..m.start]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_sentence_end(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut b = s[m.end..]
        .char_indices()
        .find(|&(_, c)| is_sentence_end(c))
        .map_or(s.len(), |(i, c)| {
            if c == '\n' {
                m.end + i
            } else {
                m.end + i + c.len_utf8()
            }
        });
    while let Some(c) = s[b..].chars().next() {
        if matches!(c, '”' | '’' | '"' | ')' | '」' | '』') {
            b += c.len_utf8();
        } else {
            break;
        }
    }
    a..b
}

/// Byte ranges of boilerplate.
pub fn find(s: &str, out: &mut Vec<Range<usize>>) {
    let rules = &*RULES;
    for re in &rules.line {
        for m in re.find_iter(s) {
            let line = line_bounds(s, m.start());
            if line.len() <= MAX_LINE {
                out.push(line);
            } else {
                out.push(m.range());
            }
        }
    }
    // A `shortline` rule matches within a line, so only the short lines
    // are searched: one scan of the whole text per rule would cost more.
    let mut start = 0;
    for piece in s.split_inclusive('\n') {
        let line = start..start + piece.len();
        start = line.end;
        let t = piece.trim();
        // Most lines are long paragraphs: a length in bytes beyond four per
        // char settles them before any char is decoded.
        if t.len() > 4 * MAX_SHORT_LINE
            || longer_than(t, MAX_SHORT_LINE)
            || t.bytes().any(|b| matches!(b, b',' | b';' | b'!' | b'?'))
            || t.contains('。')
        {
            continue;
        }
        if rules.shortline.iter().any(|re| re.is_match(piece)) {
            out.push(line);
        }
    }
    for re in &rules.sentence {
        for m in re.find_iter(s) {
            out.push(sentence_bounds(s, m.range()));
        }
    }
    for re in &rules.inline {
        out.extend(re.find_iter(s).map(|m| m.range()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(s: &str) -> String {
        super::super::strip_with(find, s)
    }

    #[test]
    fn the_list_compiles() {
        for class in ["line", "shortline", "sentence", "inline"] {
            for p in patterns(class) {
                assert!(Regex::new(p).is_ok(), "{p}");
            }
        }
        let n = ["line", "shortline", "sentence", "inline"]
            .iter()
            .map(|c| patterns(c).count())
            .sum::<usize>();
        assert_eq!(n, crate::dict::entries(LIST).count());
        let compiled =
            RULES.line.len() + RULES.shortline.len() + RULES.sentence.len() + RULES.inline.len();
        assert_eq!(compiled, n);
    }

    #[test]
    fn drops_navigation_and_metadata_lines() {
        assert_eq!(
            strip("当前位置:作文吧实用文档工作计划内容页\n\n正文"),
            "\n正文"
        );
        assert_eq!(strip("學識都 人氣:2.86W\n正文"), "正文");
        assert_eq!(
            strip("(作者:与人为善3852时间:2021-09-17 16:42:30)\n正文"),
            "正文"
        );
        assert_eq!(strip("正文\n发布时间:2023-03-01 浏览:120\n"), "正文\n");
        assert_eq!(strip("正文\n第 3 页 共 12 页\n续"), "正文\n续");
    }

    #[test]
    fn drops_download_footer() {
        let tail = "石门中学\nword该篇范文,全文共有2449个字。下载全文:\n《中学教科室工作总结.doc》\n中学教科室工作总结下载\n下载本文的Word文档\n推荐度:\n点击下载文档";
        assert_eq!(strip(tail), "石门中学\n");
    }

    #[test]
    fn drops_site_intro_sentences() {
        let s =
            "好的计划是什么样的呢?以下是小编收集整理的计划范文,希望能够帮助到大家。一、指导思想";
        assert_eq!(strip(s), "好的计划是什么样的呢?一、指导思想");
        let s = "以下是网友收集分享的“2023年计划(通用8篇)”,仅供参考,希望对您有所帮助。本学期";
        assert_eq!(strip(s), "本学期");
    }

    #[test]
    fn drops_watermarks_and_cross_links() {
        assert_eq!(
            strip("宣传教育。( 作文 WWW.zuoWenBa.neT )\n"),
            "宣传教育。\n"
        );
        assert_eq!(strip("12月10日msn(中国大学网)教研室"), "12月10日教研室");
        assert_eq!(
            strip("主要活动形式,工作计划《校本教研工作计划22》。以新课程"),
            "主要活动形式,。以新课程"
        );
        // a real title in 《》 stays
        assert_eq!(
            strip("学习《教学管理指南》和计划"),
            "学习《教学管理指南》和计划"
        );
    }

    #[test]
    fn keeps_body_lines() {
        for s in [
            "通过校园网发布通知,方便家长下载。",
            "推荐优秀论文参加评比",
            "作者要在时间安排上留有余地",
            "组织教师从网上下载",
            "指导学生阅读下一篇课文,做好预习。",
        ] {
            assert_eq!(strip(s), s);
        }
    }
}
