//! `planx compare PLAN SUMMARY`

use super::{default_format, read_input, Format};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    plan: PathBuf,
    summary: PathBuf,
    /// Output format (default: json when stdout is not a terminal, else text).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Indent the JSON.
    #[arg(long)]
    pretty: bool,
    /// Index of the plan document in PLAN (0-based).
    #[arg(long)]
    plan_doc: Option<usize>,
    /// Index of the summary document in SUMMARY (0-based).
    #[arg(long)]
    summary_doc: Option<usize>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let format = default_format(args.format);
    if format == Format::Jsonl {
        eprintln!("planx compare: --format jsonl is for extract; use json, text or csv");
        return Ok(2);
    }
    let (plan, summary) = match (read_input(&args.plan), read_input(&args.summary)) {
        (Ok(p), Ok(s)) => (p, s),
        (p, s) => {
            for e in [p.err(), s.err()].into_iter().flatten() {
                eprintln!("planx: {e}");
            }
            return Ok(1);
        }
    };
    let comparison = match planx::compare::compare(&plan, args.plan_doc, &summary, args.summary_doc)
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("planx: {e}");
            return Ok(1);
        }
    };
    let stdout = std::io::stdout();
    let colours = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        Format::Text => planx::render::compare_text::write(&mut out, &comparison, colours)?,
        Format::Csv => planx::render::compare_csv::write(&mut out, &comparison)?,
        _ => planx::render::json::write(&mut out, &comparison, args.pretty)?,
    }
    out.flush()?;
    Ok(0)
}
