//! One-for-one character folding: full-width to half-width, placeholders and
//! line ends, and traditional to simplified script (for matching only).

use crate::model::Script;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Full-width ASCII and the ideographic space to their half-width forms.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The whole one-for-one fold of cleaning: width, the `□` placeholder that
/// web pages leave for a lost char (usually a comma or space, so it becomes a
/// space), and a lone `\r`, which is a line end (`clean` deletes the `\r`
/// of a CRLF).
pub fn fold_char(c: char) -> char {
    match c {
        '□' | '\u{00A0}' => ' ',
        '\r' => '\n',
        _ => fold_width(c),
    }
}

/// Where the chars that `fold_char` changes may start, in order: `\r`,
/// the lead bytes of U+00A0 and of U+FF01 … U+FF5E, and `　` and `□`
/// themselves. Vector scans for these few bytes skip the rest of the text.
fn fold_candidates(s: &str) -> Vec<usize> {
    let bytes = s.as_bytes();
    let mut at: Vec<usize> = memchr::memchr3_iter(b'\r', 0xC2, 0xEF, bytes).collect();
    for c in ["\u{3000}", "\u{25A1}"] {
        at.extend(memchr::memmem::find_iter(bytes, c.as_bytes()));
    }
    at.sort_unstable();
    at
}

/// `s` with every char passed through `fold_char` (borrowed when none
/// changes), and the byte offset in it of the `\r` of each CRLF of `s`.
pub fn fold_text(s: &str) -> (Cow<'_, str>, Vec<usize>) {
    let mut out: Option<String> = None;
    let mut crlf = Vec::new();
    // Bytes of `s` before `copied` are in `out` already.
    let mut copied = 0;
    for i in fold_candidates(s) {
        // Each candidate is ASCII or a lead byte: a char start.
        let Some(c) = s[i..].chars().next() else {
            continue;
        };
        let f = fold_char(c);
        if f == c {
            continue;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
        o.push_str(&s[copied..i]);
        if c == '\r' && s[i + 1..].starts_with('\n') {
            crlf.push(o.len());
        }
        o.push(f);
        copied = i + c.len_utf8();
    }
    match out {
        Some(mut o) => {
            o.push_str(&s[copied..]);
            (Cow::Owned(o), crlf)
        }
        None => (Cow::Borrowed(s), crlf),
    }
}

/// Traditional → simplified, char for char (fast2s never changes the number
/// of chars, which keeps the offset map one-to-one). The result is exactly
/// `fast2s::convert(s)`, found by lookups in [`ALONE`].
pub fn to_simplified(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(simplified(prev, c, chars.peek().copied()));
        prev = Some(c);
    }
    out
}

/// Chars that fast2s (0.3) converts by their neighbours (its exclusion and
/// special-case tables: 乾隆 but 乾淨 → 干净, 看著 → 看着 but 著作).
fn is_contextual(c: char) -> bool {
    matches!(
        c,
        '兒' | '覆'
            | '夥'
            | '藉'
            | '瞭'
            | '麽'
            | '幺'
            | '於'
            | '乾'
            | '著'
            | '苧'
            | '闔'
            | '鍾'
            | '讎'
            | '畫'
    )
}

/// fast2s's conversion of each char it looks at (the 3-byte ones, U+0800 …
/// U+FFFF) standing alone, read from fast2s once: a lookup per char is
/// several times faster than its hash maps, and script detection and
/// traditional documents convert a lot. `\0` marks a contextual char.
static ALONE: LazyLock<Vec<char>> = LazyLock::new(|| {
    let all: String = (0x800..=0xFFFF).filter_map(char::from_u32).collect();
    let conv = fast2s::convert(&all);
    let mut conv = conv.chars();
    (0x800..=0xFFFF)
        .map(|u| match char::from_u32(u) {
            Some(c) => {
                let alone = conv.next().unwrap_or(c);
                if is_contextual(c) {
                    '\0'
                } else {
                    alone
                }
            }
            None => '\0',
        })
        .collect()
});

/// fast2s's conversion of `c` between these neighbours (none at the ends).
fn simplified(prev: Option<char>, c: char, next: Option<char>) -> char {
    if c.len_utf8() != 3 {
        return c;
    }
    match ALONE.get(c as usize - 0x800) {
        Some('\0') => {
            // fast2s reads an end as '0'
            let w: String = [prev.unwrap_or('0'), c, next.unwrap_or('0')]
                .into_iter()
                .collect();
            fast2s::convert(&w).chars().nth(1).unwrap_or(c)
        }
        alone => alone.copied().unwrap_or(c),
    }
}

/// How much of a text script detection reads: a document does not switch
/// script, and converting all of it would cost more than the rest of the
/// pipeline.
const SAMPLE_BYTES: usize = 1_500;

/// Decides the script of a text from how many of its Han characters change
/// under traditional → simplified conversion (read on a prefix of the text).
pub fn detect_script(s: &str) -> Script {
    let mut end = s.len().min(SAMPLE_BYTES);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let s = &s[..end];
    let (mut han, mut changed) = (0usize, 0usize);
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(a) = chars.next() {
        if ('\u{4E00}'..='\u{9FFF}').contains(&a) {
            han += 1;
            if simplified(prev, a, chars.peek().copied()) != a {
                changed += 1;
            }
        }
        prev = Some(a);
    }
    // Simplified text still has a few chars fast2s maps (e.g. 呵 in 呵护);
    // traditional running text changes a third or more of its Han chars.
    if changed >= 2 && changed * 10 > han {
        Script::Traditional
    } else {
        Script::Simplified
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width() {
        let s: String = "ＡＢ１２３，（一）".chars().map(fold_width).collect();
        assert_eq!(s, "AB123,(一)");
    }

    #[test]
    fn folds_placeholders_and_line_ends() {
        let s: String = "下午□xx小学\r\n".chars().map(fold_char).collect();
        assert_eq!(s, "下午 xx小学\n\n");
        assert_eq!(fold_char('教'), '教');
    }

    #[test]
    fn folds_a_text_and_finds_crlf() {
        let (t, crlf) = fold_text("一，二\r\n三\r四　□\u{a0}");
        assert_eq!(t, "一,二\n\n三\n四   ");
        assert_eq!(crlf, [7]);
        assert!(matches!(fold_text("教研组\n"), (Cow::Borrowed(_), _)));
        // every char the fold changes is a candidate
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| fold_char(c) != c)
        {
            let s = format!("a{c}");
            assert_eq!(fold_candidates(&s), [1], "{c:?}");
        }
    }

    #[test]
    fn converts_as_fast2s_does() {
        let corpus = [
            include_str!("../../corpus/000_ee1071a4c83eaf05.txt"),
            include_str!("../../corpus/001_b3fc29fff4b23c53.txt"),
            "乾隆的乾兒子一邊乾淨利落地擲出了一個乾卦,藉口憑藉慰藉,看著著作,計畫企畫畫圖",
            "乾",
            "a著",
            "兒寬 答覆 甚夥 瞭望 幺麽 樊於期 苧麻 闔家 鍾書 校讎",
        ];
        for s in corpus {
            assert_eq!(to_simplified(s), fast2s::convert(s));
        }
        // every 3-byte char, between neighbours of its own and as a whole
        let all: String = (0x800..=0xFFFF).filter_map(char::from_u32).collect();
        assert_eq!(to_simplified(&all), fast2s::convert(&all));
    }

    #[test]
    fn detects_script() {
        assert_eq!(
            detect_script("小學春學期教科室工作計劃"),
            Script::Traditional
        );
        assert_eq!(
            detect_script("小学春学期教科室工作计划,呵护学生"),
            Script::Simplified
        );
        assert_eq!(to_simplified("課題研究").chars().count(), 4);
    }
}
