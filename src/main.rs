//! The `planx` command: a thin layer over the library. Each subcommand's
//! arguments and work live in `src/cli/<command>.rs`.

mod cli;

use clap::{Parser, Subcommand};
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

#[derive(Subcommand)]
enum Command {
    /// Extract documents, sections, items and elements as contract JSON.
    Extract(cli::extract::Args),
    /// Check a summary against its plan, item by item.
    Compare(cli::compare::Args),
    /// Audit many schools' plans and summaries at once.
    Audit(cli::audit::Args),
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
    let result = match cli.command {
        Command::Extract(args) => cli::extract::run(args),
        Command::Compare(args) => cli::compare::run(args),
        Command::Audit(args) => cli::audit::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("planx: {e:#}");
            ExitCode::from(1)
        }
    }
}
