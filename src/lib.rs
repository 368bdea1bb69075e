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
    let decoded = decode::decode(name, bytes)?;
    let mut warnings = decoded.warnings;
    let source = SourceText::new(decoded.text);
    let norm = clean::clean(&source);
    let (norm, mut documents) = split::split(&source, &norm);
    for doc in &mut documents {
        structure::structure(&source, &norm, doc);
        extract::extract(&extract::DocCtx::new(&source, &norm), doc);
    }
    if documents.is_empty() {
        warnings.push(model::Warning {
            code: "empty".into(),
            message: format!("{name}: the file holds no text"),
            span: None,
        });
    }
    Ok(Parsed {
        extract: Extract {
            schema: model::EXTRACT_SCHEMA.into(),
            source: name.to_string(),
            format: decoded.format.into(),
            encoding: decoded.encoding.into(),
            documents,
            warnings,
        },
        source,
        norm,
    })
}
