//! Re-joins lines broken in the middle of a sentence (copy-paste from pages
//! and PDFs wraps long lines: `…对xx小学十二五以来的科研工作给予了肯定。同`
//! / `` / `时也恳切地指出了…`).
//!
//! A line break (with any blank or emptied lines after it) is deleted when
//! the line before it
//! - ends inside a sentence: on a Han char or `,` `、` (not on `。` `:` `;`
//!   `!` `?` or a closing bracket), and
//! - is running text, not a heading: it holds punctuation and is at least
//!   [`MIN_CHARS`] chars long, or ends on `,` / `、`,
//!
//! and the line after it does not start like a list marker or heading
//! (`1、`, `(二)`, `①`, `三月:` …) and is not itself a short unpunctuated
//! line (a title or heading). A line may also end on a digit or Latin letter
//! (`…达到100` / `%。`). A line that opens on a closing mark (`,` `。` `%`
//! `)` `”`) always joins the line before it: hard wraps at a fixed width
//! put such marks at line starts, no writer does.
//!
//! Known false positives: a long heading that holds a comma and is followed
//! by an unmarked paragraph; a truncated line of a page joins the paragraph
//! after it.

use super::covered;
use crate::text::longer_than;
use std::ops::Range;

/// Shortest line that counts as a wrapped line of running text.
pub const MIN_CHARS: usize = 30;

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

fn is_punct(c: char) -> bool {
    matches!(
        c,
        ',' | '、' | '。' | ';' | ':' | '!' | '?' | '“' | '”' | '《' | '》' | '(' | ')'
    )
}

fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Whether a line starts like a list marker, a heading number or a month
/// heading (a light check: cleaning must not depend on `structure`).
pub fn starts_like_marker(line: &str) -> bool {
    let mut cs = line.chars();
    let Some(c) = cs.next() else {
        return false;
    };
    if c.is_ascii_digit()
        || matches!(c, '(' | '[' | '【' | '-' | '•' | '●' | '◆' | '■' | '★' | '☆' | '○' | '◇' | '▲' | '√' | '·' | '第')
        || ('\u{2460}'..='\u{249B}').contains(&c) // ① … ⑳ ⑴ … ⒇ ⒈ … ⒛
        || ('\u{3220}'..='\u{3229}').contains(&c)
    // ㈠ … ㈩
    {
        return true;
    }
    if is_cn_numeral(c) {
        let rest: String = line.chars().skip(1).take(3).collect();
        return rest
            .chars()
            .find(|c| !is_cn_numeral(*c))
            .is_some_and(|c| matches!(c, '、' | '.' | ',' | '月'));
    }
    false
}

struct Line {
    /// Byte range of the line's content, `\n` excluded.
    range: Range<usize>,
    /// First and last non-space chars that survive the other deletions.
    first: Option<(usize, char)>,
    last: Option<(usize, char)>,
}

fn lines(s: &str, dead: &[Range<usize>]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in s.split_inclusive('\n') {
        let end = start + piece.trim_end_matches('\n').len();
        let alive = |&(i, c): &(usize, char)| {
            !c.is_whitespace() && !covered(dead, start + i, start + i + c.len_utf8())
        };
        let body = &s[start..end];
        let first = body.char_indices().find(alive).map(|(i, c)| (start + i, c));
        let last = body
            .char_indices()
            .rev()
            .find(alive)
            .map(|(i, c)| (start + i, c));
        out.push(Line {
            range: start..end,
            first,
            last,
        });
        start += piece.len();
    }
    out
}

/// Byte ranges to delete to re-join broken lines, given the other rules'
/// (sorted, merged) deletions.
pub fn find(s: &str, dead: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !s.contains('\n') {
        return out;
    }
    let ls = lines(s, dead);
    // Start of the logical line the current physical line belongs to (after
    // earlier joins), so that cleaning its own output decides the same way.
    let mut logical_start: Option<usize> = None;
    let mut i = 0;
    while i < ls.len() {
        let Some((first, _)) = ls[i].first else {
            i += 1;
            continue;
        };
        let start = *logical_start.get_or_insert(first);
        let Some((last_at, last)) = ls[i].last else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < ls.len() && ls[j].first.is_none() {
            j += 1;
        }
        let Some(next) = ls.get(j) else { break };
        let Some((next_at, _)) = next.first else {
            break;
        };
        let text = &s[start..last_at + last.len_utf8()];
        let next_text = next_logical(s, &ls, j);
        let next_text = next_text.as_ref();
        if (breaks_sentence(text, last) && continues(next_text))
            || opens_on_a_closer(next_text)
            || unclosed(text)
        {
            out.push(last_at + last.len_utf8()..next_at);
        } else {
            logical_start = None;
        }
        i = j;
    }
    out
}

/// Whether a line leaves a bracket or quote open in its last sentence
/// (`组织教师学习《义务教育课程方案(202` / `2年版)》`): a title or a note
/// does not run over a line end, so the line is wrapped whatever the next
/// starts with. A quote left open by a typo in an earlier sentence of the
/// line does not count.
fn unclosed(text: &str) -> bool {
    let text = text
        .rfind(['。', '!', '?', ';'])
        .map_or(text, |i| &text[i..]);
    if text.chars().count() <= 1 {
        return false;
    }
    let open = |o: char, c: char| {
        let mut depth = 0i32;
        for ch in text.chars() {
            if ch == o {
                depth += 1;
            } else if ch == c {
                depth = (depth - 1).max(0);
            }
        }
        depth > 0
    };
    (text.contains('《') && open('《', '》'))
        || (text.contains('(') && open('(', ')'))
        || (text.contains('“') && open('“', '”'))
}

/// The text of line `j` with the lines after it that open on a closing
/// mark (which join it whatever comes before): the line as a second
/// cleaning sees it, so that cleaning decides the same way twice.
fn next_logical<'a>(s: &'a str, ls: &[Line], j: usize) -> std::borrow::Cow<'a, str> {
    let Some((at, _)) = ls[j].first else {
        return "".into();
    };
    let mut text = std::borrow::Cow::Borrowed(&s[at..ls[j].range.end]);
    for l in ls[j + 1..].iter().filter(|l| l.first.is_some()) {
        let Some((a, _)) = l.first.filter(|&(a, _)| opens_on_a_closer(&s[a..])) else {
            break;
        };
        text.to_mut().push_str(&s[a..l.range.end]);
    }
    text
}

fn breaks_sentence(text: &str, last: char) -> bool {
    let mid = matches!(last, ',' | '、');
    if !(mid || is_han(last) || last.is_ascii_alphanumeric()) {
        return false;
    }
    mid || (longer_than(text, MIN_CHARS - 1) && text.chars().any(is_punct))
}

/// A line that opens on a mark that closes or follows something (`,`
/// `。` `%` `)` `”`) continues the line before it: no line of its own
/// starts so; a wrap at a fixed width puts it there.
fn opens_on_a_closer(next: &str) -> bool {
    next.starts_with([
        ',', '、', '。', ';', ':', '!', '?', '%', ')', '”', '’', '》', '】', '」', '』',
    ])
}

fn continues(next: &str) -> bool {
    if starts_like_marker(next) {
        return false;
    }
    // A short line without punctuation is a heading or a title.
    next.chars().any(is_punct) || longer_than(next, 40)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(s: &str) -> String {
        let d = find(s, &[]);
        super::super::without(s, &d)
    }

    #[test]
    fn joins_a_wrapped_sentence() {
        let s = "专家领导通过观摩课堂、听取汇报,对xx小学十二五以来的科研工作给予了肯定。同\n\n时也恳切地指出了存在的问题。\n";
        assert_eq!(
            join(s),
            "专家领导通过观摩课堂、听取汇报,对xx小学十二五以来的科研工作给予了肯定。同时也恳切地指出了存在的问题。\n"
        );
        assert_eq!(
            join("老师们学习札记的形式多样,\n有摘录、感言等。"),
            "老师们学习札记的形式多样,有摘录、感言等。"
        );
    }

    #[test]
    fn joins_a_line_that_opens_on_a_closing_mark() {
        assert_eq!(
            join("⑴继续加强常规管理,确保检查覆盖率达到100\n%。\n"),
            "⑴继续加强常规管理,确保检查覆盖率达到100%。\n"
        );
        assert_eq!(
            join("努力提高德育工作的针对性和实效性\n,促进学生全面健康成长。"),
            "努力提高德育工作的针对性和实效性,促进学生全面健康成长。"
        );
        assert_eq!(
            join("本学期共开展集体备课16次,各备课组坚持每周二下午研读PEP\n教材的使用方法。"),
            "本学期共开展集体备课16次,各备课组坚持每周二下午研读PEP教材的使用方法。"
        );
        assert_eq!(
            join("组织教师学习《义务教育课程方案(202\n2年版)》和新课标。"),
            "组织教师学习《义务教育课程方案(2022年版)》和新课标。"
        );
        // a quote a typo left open in an earlier sentence
        let s = "我们还派了“信息技术教师参加了“整合课观摩”与学习。\n4、组织培训。";
        assert_eq!(join(s), s);
        // a list number after a line ending on a digit starts its own line
        let s = "本学期共开展集体备课16次,各备课组坚持每周二下午研读教材共12\n3、做好检查。";
        assert_eq!(join(s), s);
    }

    #[test]
    fn keeps_headings_and_lists_apart() {
        for s in [
            "二、工作目标\n\n立足校情,开阔思路,广泛动员全体教师人人参与教育科研活动。",
            "(三)大力开展各项教研活动,加强教师队伍建设\n加强教研活动管理,切实提高实效。",
            "本学期要做好以下几项工作,具体是在教研组内开展活动的安排如下\n1、专题讲座。",
            "学期初制定的工作如期完成,现对本学期教科室工作特作如下总结:\n指导思想",
            "本学期教科室按照计划认真地开展了各项教育科研工作并取得成效\n三月份:\n",
            "最后一行教师都真心向往并愿意为之奋斗的也在这里写上一些文字\n校本教研工作计划 (篇2)",
        ] {
            assert_eq!(join(s), s, "{s}");
        }
    }

    #[test]
    fn joining_is_stable() {
        let s = "第一行是一个很长的句子,它在这里被页面宽度截断了没有写完的\n第二行也是\n没有标点的续行也被截断了,还要接着写下去才算完整的一句话\n结束。";
        let once = join(s);
        assert_eq!(join(&once), once);
    }
}
