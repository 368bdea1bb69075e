//! planx reads Chinese school work plans (工作计划) and term summaries
//! (工作总结) into structured data and checks a summary against its plan.
//!
//! The pipeline is a chain of small stages with plain data between them:
//! [`decode`] → [`clean`] → [`split`] → [`structure`] → [`extract`] →
//! [`compare`] / audit → [`render`].

pub mod audit;
pub mod clean;
pub mod compare;
pub mod decode;
pub mod dict;
pub mod error;
pub mod extract;
pub mod model;
pub mod render;
pub mod segment;
pub mod split;
pub mod structure;
pub mod text;

pub use error::{Error, Result};
pub use model::{Comparison, Document, Extract};

use text::{NormText, SourceText};

/// A file read through every stage, with the texts that its spans point into.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub source: SourceText,
    pub norm: NormText,
    pub extract: Extract,
}

/// Reads a file from disk and runs the whole extract pipeline on it.
pub fn extract_path(path: &std::path::Path) -> Result<Parsed> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: name.clone(),
        source,
    })?;
    extract_bytes(&name, &bytes)
}

/// Runs the whole extract pipeline on the bytes of one file.
pub fn extract_bytes(name: &str, bytes: &[u8]) -> Result<Parsed> {
    let (split, mut extract) = split_decoded(name, decode::decode(name, bytes)?);
    for doc in &mut extract.documents {
        split.finish(doc);
    }
    Ok(Parsed {
        source: split.source,
        norm: split.norm,
        extract,
    })
}

/// A file decoded, cleaned and split into documents that are not yet
/// structured. [`Split::finish`] structures and extracts one of them, so a
/// writer that writes each document as it comes holds only one at a time.
#[derive(Debug, Clone)]
pub struct Split {
    pub source: SourceText,
    pub norm: NormText,
}

/// Decodes, cleans and splits the bytes of one file: the texts, and its
/// extract with the documents only split. The bytes are dropped once decoded.
pub fn split_bytes(name: &str, bytes: Vec<u8>) -> Result<(Split, Extract)> {
    let decoded = decode::decode(name, &bytes)?;
    drop(bytes);
    Ok(split_decoded(name, decoded))
}

/// Cleans and splits a decoded file (see [`split_bytes`]).
fn split_decoded(name: &str, decoded: decode::Decoded) -> (Split, Extract) {
    let mut warnings = decoded.warnings;
    let source = SourceText::new(decoded.text);
    let norm = clean::clean(&source);
    let (norm, documents) = split::split(&source, norm);
    if documents.is_empty() {
        warnings.push(model::Warning {
            code: "empty".into(),
            message: format!("{name}: the file holds no text"),
            span: None,
        });
    }
    let extract = Extract {
        schema: model::EXTRACT_SCHEMA.into(),
        source: name.to_string(),
        format: decoded.format.into(),
        encoding: decoded.encoding.into(),
        documents,
        warnings,
    };
    (Split { source, norm }, extract)
}

impl Split {
    /// Structures one document of this file and runs every rule on it.
    pub fn finish(&self, doc: &mut Document) {
        structure::structure(&self.source, &self.norm, doc);
        extract::extract(&extract::DocCtx::new(&self.source, &self.norm), doc);
    }
}
