//! Word lists and patterns kept as data in `dictionaries/`, compiled into
//! the binary and parsed once on first use.

/// The entries of a word list: one per line, `#` starts a comment, blank
/// lines are skipped, surrounding whitespace is trimmed.
pub fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

/// A regex alternation of the entries of a word list, longest first so
/// that the longest word wins.
pub fn alternation(list: &'static str) -> String {
    alternation_of(entries(list))
}

/// A regex alternation of words, longest first so that the longest wins.
pub fn alternation_of<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.into_iter().collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

/// The hasher of the word sets and of the per-document maps keyed by
/// section id: FxHash's multiply and rotate, a few instructions a word
/// where the default SipHash, built to resist keys crafted against it,
/// takes a hundred for a short key. Neither the fixed lists nor the ids
/// that structure numbers come from the input. Iteration order differs
/// from the default's, which is random per process: no output may depend
/// on it either way.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            self.add(u64::from_le_bytes(b));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Fast = std::hash::BuildHasherDefault<FastHasher>;
/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, Fast>;
/// A `HashSet` with [`FastHasher`].
pub type FastSet<K> = std::collections::HashSet<K, Fast>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_sets_find_what_they_hold() {
        let words: FastSet<&str> = ["教研", "教研组", "", "a", "十二个字以上的一个长长的词"]
            .into_iter()
            .collect();
        for w in ["教研", "教研组", "", "a", "十二个字以上的一个长长的词"] {
            assert!(words.contains(w), "{w}");
        }
        for w in ["教", "教研组长", "b", "十二个字以上的一个长长的"] {
            assert!(!words.contains(w), "{w}");
        }
        let mut ids: FastMap<&str, usize> = FastMap::default();
        for i in 0..1000 {
            ids.insert(Box::leak(format!("s{i}").into_boxed_str()), i);
        }
        assert!((0..1000).all(|i| ids.get(format!("s{i}").as_str()) == Some(&i)));
    }

    #[test]
    fn reads_entries_and_alternation() {
        let list = "# comment\n教研\n\n教研组  # trailing\n";
        assert_eq!(entries(list).collect::<Vec<_>>(), ["教研", "教研组"]);
        assert_eq!(alternation(list), "教研组|教研");
    }
}
