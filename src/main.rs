//! The `planx` command: a thin layer over the library.

use clap::{Parser, Subcommand, ValueEnum};
use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "planx",
    version,
    about = "Reads Chinese school work plans and summaries into structured data"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Jsonl,
    Text,
    Csv,
}

#[derive(Subcommand)]
enum Command {
    /// Extract documents, sections, items and elements as contract JSON.
    Extract {
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
    },
    /// Check a summary against its plan, item by item.
    Compare {
        plan: PathBuf,
        summary: PathBuf,
        /// Output format (default: json when stdout is not a terminal, else text).
        #[arg(long, value_enum)]
        format: Option<Format>,
        #[arg(long)]
        pretty: bool,
        /// Index of the plan document in PLAN (0-based).
        #[arg(long)]
        plan_doc: Option<usize>,
        /// Index of the summary document in SUMMARY (0-based).
        #[arg(long)]
        summary_doc: Option<usize>,
    },
    /// Audit many schools' plans and summaries at once.
    Audit { paths: Vec<PathBuf> },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("planx: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn default_format(format: Option<Format>) -> Format {
    format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Text
    } else {
        Format::Json
    })
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Extract {
            files,
            format,
            pretty,
            stdin_paths,
        } => {
            let mut files = files;
            if stdin_paths {
                for line in std::io::stdin().lock().lines() {
                    let line = line?;
                    if !line.trim().is_empty() {
                        files.push(PathBuf::from(line.trim()));
                    }
                }
            }
            if files.is_empty() {
                eprintln!(
                    "planx extract: no input files (give FILE..., `-` for stdin, or --stdin-paths)"
                );
                return Ok(2);
            }
            extract(&files, default_format(format), pretty)
        }
        Command::Compare { .. } => {
            eprintln!("planx compare: not available in this build");
            Ok(2)
        }
        Command::Audit { .. } => {
            eprintln!("planx audit: not available in this build");
            Ok(2)
        }
    }
}

fn read_input(path: &std::path::Path) -> planx::Result<planx::Parsed> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|source| planx::Error::Io {
                path: "-".into(),
                source,
            })?;
        planx::extract_bytes("-", &bytes)
    } else {
        planx::extract_path(path)
    }
}

fn extract(files: &[PathBuf], format: Format, pretty: bool) -> anyhow::Result<u8> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in files {
        match read_input(path) {
            Ok(parsed) => {
                match format {
                    Format::Json | Format::Jsonl | Format::Csv | Format::Text => {
                        planx::render::json::write(
                            &mut out,
                            &parsed.extract,
                            pretty && format != Format::Jsonl,
                        )?
                    }
                }
                out.flush()?;
            }
            Err(e) => {
                failed = true;
                eprintln!("planx: {e}");
            }
        }
    }
    out.flush()?;
    Ok(if failed { 1 } else { 0 })
}
