//! Subcommands of the `planx` binary and what they share.

pub mod audit;
pub mod compare;
pub mod extract;

use clap::ValueEnum;
use std::io::{IsTerminal, Read};
use std::path::Path;

/// Output formats; each command accepts the ones it can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Jsonl,
    Text,
    Csv,
}

/// The format asked for, else JSON when stdout is not a terminal and text
/// when it is.
pub fn default_format(format: Option<Format>) -> Format {
    format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Text
    } else {
        Format::Json
    })
}

/// A closed pipe (`planx … | head`) ends the command quietly.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Reads and parses one input; `-` is stdin.
pub fn read_input(path: &Path) -> planx::Result<planx::Parsed> {
    let (name, bytes) = read_bytes(path)?;
    planx::extract_bytes(&name, &bytes)
}

/// The name and bytes of one input; `-` is stdin.
pub fn read_bytes(path: &Path) -> planx::Result<(String, Vec<u8>)> {
    let name = path.display().to_string();
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    read.map_err(|source| planx::Error::Io {
        path: name.clone(),
        source,
    })?;
    Ok((name, bytes))
}
