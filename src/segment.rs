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
}
