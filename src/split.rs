//! Splitting a file into its documents.

use crate::clean::fold;
use crate::model::{Document, Kind, Script};
use crate::text::{NormText, SourceText};

/// Finds the documents of a cleaned file. Returns the cleaned text with each
/// traditional document folded to simplified script, and the documents with
/// their spans and titles (sections, items and elements still empty).
pub fn split(src: &SourceText, norm: &NormText) -> (NormText, Vec<Document>) {
    let n = norm.len_chars();
    if norm.as_str().trim().is_empty() {
        return (norm.clone(), Vec::new());
    }
    let ranges = vec![(0..n, first_line(norm))];
    let mut folded = norm.clone();
    let mut docs = Vec::new();
    for (index, (range, title)) in ranges.into_iter().enumerate() {
        let script = fold::detect_script(norm.slice_chars(range.clone()));
        if script == Script::Traditional {
            let simp = fold::to_simplified(norm.slice_chars(range.clone()));
            folded = folded.replace_same_len(range.clone(), &simp);
        }
        docs.push(Document {
            index,
            title: title
                .clone()
                .map(|t| src.slice(norm.src_span(t)).to_string()),
            kind: Kind::Unknown,
            script,
            span: norm.src_span(range.clone()),
            period: None,
            date: None,
            sections: Vec::new(),
            items: Vec::new(),
            goals: Vec::new(),
            quotas: Vec::new(),
            figures: Vec::new(),
            events: Vec::new(),
            topics: Vec::new(),
            norm: range,
            title_norm: title,
        });
    }
    (folded, docs)
}

fn first_line(norm: &NormText) -> Option<std::ops::Range<usize>> {
    let s = norm.as_str();
    let start = s.len() - s.trim_start().len();
    let end = s[start..].find(['\n', '\r']).map_or(s.len(), |e| start + e);
    let line = s[start..end].trim_end();
    (!line.is_empty()).then(|| norm.char_at(start)..norm.char_at(start + line.len()))
}
