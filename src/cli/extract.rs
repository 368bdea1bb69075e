//! `planx extract FILE...`

use super::{default_format, read_input, Format};
use std::io::{BufRead, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Files to read; `-` reads text from stdin.
    files: Vec<PathBuf>,
    /// Output format (default: json when stdout is not a terminal, else text).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Indent the JSON.
    #[arg(long)]
    pretty: bool,
    /// Read file paths from stdin, one per line.
    #[arg(long)]
    stdin_paths: bool,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let mut files = args.files;
    if args.stdin_paths {
        for line in std::io::stdin().lock().lines() {
            let line = line?;
            if !line.trim().is_empty() {
                files.push(PathBuf::from(line.trim()));
            }
        }
    }
    if files.is_empty() {
        eprintln!("planx extract: no input files (give FILE..., `-` for stdin, or --stdin-paths)");
        return Ok(2);
    }
    let format = default_format(args.format);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in &files {
        match read_input(path) {
            Ok(parsed) => {
                let pretty = args.pretty && format != Format::Jsonl;
                planx::render::json::write(&mut out, &parsed.extract, pretty)?;
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
