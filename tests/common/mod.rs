//! Helpers shared by the integration tests that compare a .docx or PDF with
//! the .txt of the same text.

// Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

pub mod docx;
pub mod pdf;
pub mod score;
pub mod variants;

use serde_json::Value;

/// The extract output of some bytes as JSON, with the field that names the
/// file format removed, so different formats of one text compare equal.
pub fn extract_json(name: &str, bytes: &[u8]) -> Value {
    let parsed = planx::extract_bytes(name, bytes).unwrap_or_else(|e| panic!("{e}"));
    let mut v = serde_json::to_value(parsed.extract).unwrap();
    let obj = v.as_object_mut().unwrap();
    obj.remove("format");
    obj.insert("source".into(), Value::Null);
    v
}

/// The text planx reads from a file, as `planx extract --emit-text` writes it.
pub fn text_of(name: &str, bytes: &[u8]) -> String {
    planx::decode::decode(name, bytes)
        .unwrap_or_else(|e| panic!("{e}"))
        .text
}
