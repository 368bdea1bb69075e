//! Renderers: the only code that formats output.

pub mod compare_csv;
pub mod compare_text;
pub mod json;
pub mod text;
