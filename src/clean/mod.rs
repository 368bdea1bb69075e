//! Cleaning, on a copy with an offset map back to the source: noise is
//! deleted and characters are folded one for one, so every span of the
//! cleaned text maps to an exact slice of the source.

pub mod fold;

use crate::text::{NormText, SourceText};

/// Cleans a decoded source text for matching.
pub fn clean(src: &SourceText) -> NormText {
    let norm = NormText::identity(src);
    // CRLF and lone CR are line ends: later stages see only `\n`.
    let crlf: Vec<_> = norm
        .as_str()
        .match_indices("\r\n")
        .map(|(b, _)| b..b + 1)
        .collect();
    let norm = norm.delete_bytes(&crlf);
    let n = norm.len_chars();
    norm.map_chars(0..n, |c| if c == '\r' { '\n' } else { fold::fold_width(c) })
}
