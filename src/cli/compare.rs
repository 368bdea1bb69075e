//! `planx compare PLAN SUMMARY`

use super::Format;
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

pub fn run(_args: Args) -> anyhow::Result<u8> {
    eprintln!("planx compare: not available in this build");
    Ok(2)
}
