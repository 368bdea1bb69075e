//! Word segmentation with jieba-rs and the domain dictionary
//! `dictionaries/userdict.txt`. The dictionary is built once, on first use,
//! so commands that never segment never pay for it.

use jieba_rs::Jieba;
use std::sync::LazyLock;

static USER_DICT: &str = include_str!("../dictionaries/userdict.txt");

static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    let mut reader = std::io::BufReader::new(USER_DICT.as_bytes());
    // The user dictionary is compiled in and checked by a test below, so a
    // failure here can only come from a bad edit caught by that test.
    let _ = jieba.load_dict(&mut reader);
    jieba
});

/// The shared segmenter.
pub fn jieba() -> &'static Jieba {
    &JIEBA
}

/// Words of a (simplified, half-width) text, without HMM guessing, as byte
/// ranges into `text`.
pub fn words(text: &str) -> Vec<std::ops::Range<usize>> {
    jieba()
        .cut(text, false)
        .into_iter()
        .map(|t| t.byte_start..t.byte_end)
        .collect()
}

/// Whether jieba always cuts a text at `c`: it segments runs of CJK, ASCII
/// alphanumerics and `+#&._%-` one at a time, so a run bounded by such
/// chars segments alone exactly as it does inside the whole text.
fn jieba_break(c: char) -> bool {
    // CJK ideographs, most chars here, are alphabetic: no table lookup.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return false;
    }
    c.is_whitespace() || !(c.is_alphanumeric() || "+#&._%-".contains(c))
}

/// The runs between jieba breaks that hold one of the byte positions `at`
/// (ascending), as byte ranges of `text`: a rule that needs the words around
/// a few cue words segments these and not the whole text.
pub fn runs_around(text: &str, at: impl Iterator<Item = usize>) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for at in at {
        if out.last().is_some_and(|r| r.end > at) {
            continue;
        }
        let start = text[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| jieba_break(c))
            .map_or(0, |(p, c)| p + c.len_utf8());
        let end = text[at..].find(jieba_break).map_or(text.len(), |p| at + p);
        out.push(start..end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_dictionary_loads_and_segments_domain_words() {
        let mut j = Jieba::new();
        let mut r = std::io::BufReader::new(USER_DICT.as_bytes());
        assert!(j.load_dict(&mut r).is_ok());
        let text = "教科室组织集体备课和师徒结对";
        let ws: Vec<&str> = words(text).into_iter().map(|r| &text[r]).collect();
        assert!(ws.contains(&"教科室"), "{ws:?}");
        assert!(ws.contains(&"集体备课"), "{ws:?}");
        assert!(ws.contains(&"师徒结对"), "{ws:?}");
    }

    #[test]
    fn ideographs_are_no_breaks() {
        for c in '\u{4E00}'..='\u{9FFF}' {
            assert!(!c.is_whitespace() && c.is_alphanumeric(), "{c}");
        }
    }

    #[test]
    fn runs_segment_as_the_whole_text_does() {
        let text = "本学期将继续开展“青蓝工程”, 要求教师 每人上一节课。已经完成了课题结题";
        let at: Vec<usize> = ["工程", "要求", "完成"]
            .iter()
            .filter_map(|w| text.find(w))
            .collect();
        let runs = runs_around(text, at.into_iter());
        let whole = words(text);
        for run in &runs {
            let mut alone = words(&text[run.clone()]);
            for w in &mut alone {
                *w = run.start + w.start..run.start + w.end;
            }
            let inside: Vec<_> = whole
                .iter()
                .filter(|w| w.start >= run.start && w.end <= run.end)
                .cloned()
                .collect();
            assert_eq!(alone, inside, "{}", &text[run.clone()]);
        }
        let shown: Vec<&str> = runs.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(shown, ["青蓝工程", "要求教师", "已经完成了课题结题"]);
    }
}
