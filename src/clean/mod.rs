//! Cleaning, on a copy with an offset map back to the source: noise is
//! deleted and characters are folded one for one, so every span of the
//! cleaned text maps to an exact slice of the source.
//!
//! The stages, in order: one char-for-char fold (width, `□`, line ends),
//! then every rule family reports byte ranges to delete, and a single
//! `delete_bytes` applies them all (one copy of the text, not one per rule).
//! Line re-joining runs last because it must see which lines the other rules
//! emptied.

pub mod boilerplate;
pub mod fold;
pub mod linejoin;
pub mod noise;
pub mod pagemarks;

use crate::text::{NormText, SourceText};
use std::ops::Range;

/// Cleans a decoded source text for matching.
pub fn clean(src: &SourceText) -> NormText {
    // The rules read the folded text; its chars are the source's, one for one.
    let (folded, crlf) = fold::fold_text(src.as_str());
    let mut dead = deletions(&folded);
    // CRLF and lone CR are line ends: later stages see only `\n`. The fold
    // turns every `\r` into `\n`; the `\r` of a CRLF is deleted.
    if !crlf.is_empty() {
        dead.extend(crlf.into_iter().map(|i| i..i + 1));
        dead = merge(dead);
    }
    NormText::from_folded(src, &folded, &dead)
}

/// Every byte range the rules delete from a folded text, sorted and merged.
pub fn deletions(s: &str) -> Vec<Range<usize>> {
    let mut dead = Vec::new();
    noise::find(s, &mut dead);
    pagemarks::find(s, &mut dead);
    boilerplate::find(s, &mut dead);
    let mut dead = merge(dead);
    let joins = linejoin::find(s, &dead);
    if !joins.is_empty() {
        dead.extend(joins);
        dead = merge(dead);
    }
    dead
}

/// Sorts ranges and merges the ones that overlap or touch.
pub fn merge(mut v: Vec<Range<usize>>) -> Vec<Range<usize>> {
    v.retain(|r| r.start < r.end);
    v.sort_unstable_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(v.len());
    for r in v {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Whether `[a, b)` is entirely covered by the sorted, merged ranges.
pub fn covered(dead: &[Range<usize>], a: usize, b: usize) -> bool {
    if a >= b {
        return true;
    }
    let i = dead.partition_point(|r| r.end <= a);
    dead.get(i).is_some_and(|r| r.start <= a && r.end >= b)
}

/// `s` without the given sorted, disjoint byte ranges: what a rule's
/// deletions leave, for the rules' own tests.
#[cfg(test)]
pub(crate) fn without(s: &str, dead: &[Range<usize>]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for r in dead {
        out.push_str(&s[last..r.start]);
        last = r.end;
    }
    out + &s[last..]
}

/// `s` without what a rule's `find` deletes from it, for the rules' tests.
#[cfg(test)]
pub(crate) fn strip_with(find: impl Fn(&str, &mut Vec<Range<usize>>), s: &str) -> String {
    let mut dead = Vec::new();
    find(s, &mut dead);
    without(s, &merge(dead))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CORPUS: [&str; 5] = [
        include_str!("../../corpus/000_ee1071a4c83eaf05.txt"),
        include_str!("../../corpus/001_b3fc29fff4b23c53.txt"),
        include_str!("../../corpus/002_5fc69eb27bdff214.txt"),
        include_str!("../../corpus/003_5ad4c4026882389f.txt"),
        include_str!("../../corpus/004_487f0ae3bd53a11e.txt"),
    ];

    fn cleaned(s: &str) -> String {
        clean(&SourceText::new(s.to_string())).as_str().to_string()
    }

    #[test]
    fn merges_ranges() {
        assert_eq!(merge(vec![5..7, 0..2, 1..3, 7..8]), vec![0..3, 5..8]);
        let d = merge(vec![2..4, 4..6]);
        assert!(covered(&d, 3, 5));
        assert!(!covered(&d, 1, 5));
    }

    #[test]
    fn cleans_a_page() {
        let page = "当前位置:首页 > 工作计划\n\n学校安全的`预防工作。\r\n2、做好检查(１次)\r3、";
        assert_eq!(
            cleaned(page),
            "\n学校安全的预防工作。\n2、做好检查(1次)\n3、"
        );
    }

    #[test]
    fn cleaning_twice_changes_nothing() {
        for f in CORPUS {
            let once = cleaned(f);
            assert_eq!(cleaned(&once), once);
        }
    }
}
