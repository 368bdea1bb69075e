//! JSON and JSON Lines output of the contract structs.

use crate::model::Document;
use serde::{Serialize, Serializer};
use std::cell::RefCell;
use std::io::Write;

/// Writes one value as JSON, pretty or on one line, followed by a newline.
pub fn write<W: Write, T: Serialize>(out: &mut W, value: &T, pretty: bool) -> std::io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, value)?;
    } else {
        serde_json::to_writer(&mut *out, value)?;
    }
    out.write_all(b"\n")
}

/// Documents made as they are written: each one is built, serialized and
/// dropped before the next, so a large file's extract is never whole in
/// memory. It serializes once; a second time writes an empty list.
pub struct Streamed<I>(RefCell<I>);

impl<I: Iterator<Item = Document>> Streamed<I> {
    pub fn new(documents: I) -> Self {
        Streamed(RefCell::new(documents))
    }
}

impl<I: Iterator<Item = Document>> Serialize for Streamed<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&mut *self.0.borrow_mut())
    }
}
