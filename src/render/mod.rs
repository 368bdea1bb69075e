//! Renderers: the only code that formats output.

pub mod audit_csv;
pub mod compare_csv;
pub mod compare_text;
pub mod html;
pub mod json;
pub mod text;
