//! Structure: the section tree and the items of one document.

use crate::model::{Document, Item, Role};
use crate::text::{NormText, SourceText};

/// Fills `doc.sections` and `doc.items` from the cleaned text of the document.
pub fn structure(src: &SourceText, norm: &NormText, doc: &mut Document) {
    let a = norm.byte_at(doc.norm.start);
    let b = norm.byte_at(doc.norm.end);
    let mut pos = a;
    for line in norm.as_str()[a..b].split_inclusive('\n') {
        let t = line.trim();
        if !t.is_empty() {
            let off = pos + (line.len() - line.trim_start().len());
            let r = norm.char_at(off)..norm.char_at(off + t.len());
            let span = norm.src_span(r.clone());
            doc.items.push(Item {
                id: format!("i{}", doc.items.len() + 1),
                section: None,
                text: src.slice(span).to_string(),
                span,
                role: Role::Other,
                norm: r,
                marker: None,
            });
        }
        pos += line.len();
    }
}
