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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_and_alternation() {
        let list = "# comment\n教研\n\n教研组  # trailing\n";
        assert_eq!(entries(list).collect::<Vec<_>>(), ["教研", "教研组"]);
        assert_eq!(alternation(list), "教研组|教研");
    }
}
