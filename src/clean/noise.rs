//! Invisible and stray characters.
//!
//! - Zero-width, bidi-control and soft-hyphen chars: never visible, they only
//!   break matching (`教\u{200B}研`).
//! - `'`, `` ` `` and `.` between two Han chars: web pages sprinkle them into
//!   words as anti-copy watermarks (`安全的`预防`, `学校的.发展`). Between
//!   digits or Latin letters they are real (`2.5`, `don't`), so only a run
//!   with Han on both sides goes.

use std::ops::Range;

/// Chars that are never visible in running text.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

fn is_stray(c: char) -> bool {
    matches!(c, '\'' | '`' | '.')
}

/// Byte ranges of invisible chars and of stray marks inside Chinese words.
/// Both are rare: a vector scan for the bytes they start with finds them.
pub fn find(s: &str, out: &mut Vec<Range<usize>>) {
    let bytes = s.as_bytes();
    // Lead bytes of the invisible chars (U+00AD; U+180E; U+200B … U+2069;
    // U+FEFF): never a continuation byte, so always a char start.
    let leads =
        memchr::memchr3_iter(0xC2, 0xE1, 0xE2, bytes).chain(memchr::memchr_iter(0xEF, bytes));
    for i in leads {
        if let Some(c) = s[i..].chars().next().filter(|&c| is_invisible(c)) {
            out.push(i..i + c.len_utf8());
        }
    }
    // End of the last run of marks looked at.
    let mut done = 0;
    for i in memchr::memchr3_iter(b'\'', b'`', b'.', bytes) {
        if i < done {
            continue;
        }
        // A run of marks (invisible chars mixed in) between two Han chars:
        // the char before it, invisible ones skipped, is Han, and so is
        // the char after it.
        let after_han = s[..i]
            .chars()
            .rev()
            .find(|&c| !is_invisible(c))
            .is_some_and(is_han);
        let mut j = i;
        for c in s[i..].chars() {
            if !is_invisible(c) && !is_stray(c) {
                break;
            }
            j += c.len_utf8();
        }
        if after_han && s[j..].chars().next().is_some_and(is_han) {
            out.push(i..j);
        }
        done = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        super::super::strip_with(find, s)
    }

    #[test]
    fn drops_marks_inside_words() {
        assert_eq!(clean("安全的`预防宣传"), "安全的预防宣传");
        assert_eq!(clean("学校的.发展"), "学校的发展");
        assert_eq!(clean("教师间的'交流与合作"), "教师间的交流与合作");
        // a run of marks written by a careless copy
        assert_eq!(clean("课程的'`建设"), "课程的建设");
        assert_eq!(clean("教\u{200B}研\u{202E}组"), "教研组");
    }

    #[test]
    fn invisible_chars_start_with_the_bytes_looked_for() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_invisible(c))
        {
            let mut buf = [0; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(matches!(lead, 0xC2 | 0xE1 | 0xE2 | 0xEF), "{c:?}");
        }
    }

    #[test]
    fn keeps_real_marks() {
        for s in [
            "2.86W",
            "1.认真落实",
            "don't",
            "学习。.",
            "第3.5节",
            "a.计划",
        ] {
            assert_eq!(clean(s), s);
        }
        // a mark after Han but before a digit is punctuation, not a watermark
        assert_eq!(clean("要点.1"), "要点.1");
    }
}
