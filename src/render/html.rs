//! The audit report: one self-contained HTML page.

use crate::audit::Report;
use std::io::Write;

pub fn write<W: Write>(out: &mut W, report: &Report) -> std::io::Result<()> {
    let _ = report;
    out.write_all(b"<!doctype html>")
}
