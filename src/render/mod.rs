//! Renderers: the only code that formats output.

pub mod json;
pub mod text;
