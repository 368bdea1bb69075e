//! One error type for the library; the CLI adds the file name and context.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a text document: {what}")]
    NotText { path: String, what: String },
    #[error("{path}: {message}")]
    Unreadable { path: String, message: String },
    #[error("{path}: no document found: {why}")]
    Empty { path: String, why: String },
}

pub type Result<T> = std::result::Result<T, Error>;
