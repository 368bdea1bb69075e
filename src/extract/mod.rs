//! Element rules over the items of a document: each rule family in its own
//! module.

mod clause;
pub mod events;
pub mod figures;
pub mod goals;
pub mod kind;
pub mod numerals;
pub mod period;
pub mod quotas;
pub mod topics;

use crate::model::{Document, Item, Kind};
use crate::text::{NormText, SourceText, Span};
use std::ops::Range;

/// What a rule needs to read a document and point back into the source.
pub struct DocCtx<'a> {
    pub src: &'a SourceText,
    pub norm: &'a NormText,
}

impl<'a> DocCtx<'a> {
    pub fn new(src: &'a SourceText, norm: &'a NormText) -> Self {
        DocCtx { src, norm }
    }

    /// The cleaned (half-width, simplified) text of an item.
    pub fn item_text(&self, item: &Item) -> &'a str {
        self.norm.slice_chars(item.norm.clone())
    }

    /// Source span and exact source text of a byte range of `item_text(item)`.
    pub fn locate(&self, item: &Item, bytes: Range<usize>) -> (Span, String) {
        self.locate_at(item.norm.start, bytes)
    }

    /// Source span and exact source text of a byte range of the cleaned
    /// text that starts at char `start` (an item's or a heading's).
    pub fn locate_at(&self, start: usize, bytes: Range<usize>) -> (Span, String) {
        let base = self.norm.byte_at(start);
        let span = self
            .norm
            .src_span_bytes(base + bytes.start..base + bytes.end);
        (span, self.src.slice(span).to_string())
    }
}

/// Runs every rule family on a structured document.
pub fn extract(ctx: &DocCtx, doc: &mut Document) {
    // Counts read for the kind from the body serve the other rules too; a
    // document that turns out a summary reads the same counts otherwise.
    let mut reads = None;
    kind::apply(ctx, doc, &mut reads);
    goals::apply(ctx, doc);
    topics::apply(ctx, doc);
    period::extract(ctx, doc);
    let summary = doc.kind == Kind::Summary;
    let reads = match reads {
        Some(reads) if !summary => reads,
        Some(reads) => quotas::reread_items(ctx, doc, reads, summary),
        None => quotas::read_items(ctx, doc, summary),
    };
    quotas::extract(ctx, doc, &reads);
    figures::extract(ctx, doc, &reads);
    events::extract(ctx, doc);
}
