//! Cleaning, on a copy with an offset map back to the source: noise is
//! deleted and characters are folded one for one, so every span of the
//! cleaned text maps to an exact slice of the source.

pub mod fold;

use crate::text::{NormText, SourceText};

/// Cleans a decoded source text for matching.
pub fn clean(src: &SourceText) -> NormText {
    let norm = NormText::identity(src);
    let n = norm.len_chars();
    norm.map_chars(0..n, fold::fold_width)
}
