//! `planx extract FILE...`

use super::{default_format, read_bytes, read_input, Format};
use planx::render::json::Streamed;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Files to read; `-` reads text from stdin.
    files: Vec<PathBuf>,
    /// json: one object per file, one per line with several files; jsonl:
    /// always one per line; text: a digest for a person, each document on
    /// about one screen (the default on a terminal).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Indent the JSON.
    #[arg(long)]
    pretty: bool,
    /// Read file paths from stdin, one per line.
    #[arg(long)]
    stdin_paths: bool,
    /// Write the text that spans point into (a .docx or PDF's extracted text,
    /// a text file decoded to UTF-8) instead of the extract.
    #[arg(long)]
    emit_text: bool,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let format = default_format(args.format);
    let pretty = match format {
        Format::Jsonl => false,
        Format::Json => args.pretty,
        Format::Text => false,
        Format::Csv => {
            eprintln!("planx extract: --format csv is not available; use json or jsonl");
            return Ok(2);
        }
    };
    if args.stdin_paths && args.files.iter().any(|f| f.as_os_str() == "-") {
        eprintln!("planx extract: `-` and --stdin-paths both want stdin; give one");
        return Ok(2);
    }
    if args.files.is_empty() && !args.stdin_paths {
        eprintln!("planx extract: no input files (give FILE..., `-` for stdin, or --stdin-paths)");
        return Ok(2);
    }
    // Paths from stdin are read as they come, so a pipeline streams.
    let stdin_paths = args
        .stdin_paths
        .then(|| std::io::stdin().lock().lines())
        .into_iter()
        .flatten()
        .filter_map(|line| match line {
            Ok(l) if l.trim().is_empty() => None,
            Ok(l) => Some(Ok(PathBuf::from(l.trim()))),
            Err(e) => Some(Err(e)),
        });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in args.files.into_iter().map(Ok).chain(stdin_paths) {
        let path = path?;
        let written = if args.emit_text {
            read_bytes(&path)
                .and_then(|(name, bytes)| planx::decode::decode(&name, &bytes))
                .map(|decoded| out.write_all(decoded.text.as_bytes()))
        } else if format == Format::Text {
            read_input(&path).map(|parsed| {
                planx::render::text::write(&mut out, &parsed.extract, &text_options())
            })
        } else {
            // Each document is extracted as it is written, so memory holds
            // the file's texts and one document at a time.
            read_bytes(&path)
                .and_then(|(name, bytes)| planx::split_bytes(&name, bytes))
                .map(|(split, mut extract)| {
                    let documents = std::mem::take(&mut extract.documents);
                    let streamed = Streamed::new(documents.into_iter().map(|mut doc| {
                        split.finish(&mut doc);
                        doc
                    }));
                    planx::render::json::write(&mut out, &extract.with_documents(streamed), pretty)
                })
        };
        match written {
            Ok(io) => {
                io?;
                out.flush()?;
            }
            Err(e) => {
                failed = true;
                eprintln!("planx: {e}");
            }
        }
    }
    out.flush()?;
    Ok(u8::from(failed))
}

/// Digest layout for this terminal: the width from `COLUMNS` (else 100
/// columns), bold headings only on a terminal and without `NO_COLOR`.
fn text_options() -> planx::render::text::Options {
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w >= 40)
        .unwrap_or(100);
    planx::render::text::Options {
        width,
        color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        ..Default::default()
    }
}
