//! Choosing the documents to compare: the one asked for by index, else the
//! first of the right kind, else the first whose kind is unknown, else the
//! first.

use crate::model::{Document, Kind};
use crate::{Error, Parsed, Result};

/// The document of `parsed` to read as `want`.
pub fn choose(parsed: &Parsed, index: Option<usize>, want: Kind) -> Result<&Document> {
    let docs = &parsed.extract.documents;
    let path = || parsed.extract.source.clone();
    if let Some(i) = index {
        return docs.get(i).ok_or_else(|| Error::Empty {
            path: path(),
            why: format!("no document {i} (the file holds {})", docs.len()),
        });
    }
    docs.iter()
        .find(|d| d.kind == want)
        .or_else(|| docs.iter().find(|d| d.kind == Kind::Unknown))
        .or_else(|| docs.first())
        .ok_or_else(|| Error::Empty {
            path: path(),
            why: "the file holds no text".into(),
        })
}
