//! JSON and JSON Lines output of the contract structs.

use serde::Serialize;
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
