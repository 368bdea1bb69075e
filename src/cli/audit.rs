//! `planx audit PATH...`

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Files and folders to audit (folders are walked recursively).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Folder for documents.csv, pairs.csv, audit.json and report.html.
    #[arg(long, default_value = "planx-audit")]
    out: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long = "jobs", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// CSV with columns plan,summary (and optionally school) pairing files
    /// whatever their names; relative paths are read from its folder.
    #[arg(long, value_name = "MANIFEST.csv")]
    pairs: Option<PathBuf>,
    /// A district template whose text is not counted as copying.
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let opts = planx::audit::Options {
        paths: args.paths,
        out: args.out,
        threads: args.jobs.map_or(0, usize::from),
        manifest: args.pairs,
        template: args.template,
    };
    // A progress bar only for a person watching; logs and pipes stay clean.
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:40} {pos}/{len} files {elapsed_precise} (eta {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let mut progress = |done: usize, total: usize| {
        if let Some(bar) = &bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    };
    let report = match planx::audit::run(&opts, &mut progress) {
        Ok(r) => r,
        Err(e) => {
            if let Some(bar) = &bar {
                bar.finish_and_clear();
            }
            eprintln!("planx audit: {e}");
            return Ok(2);
        }
    };
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let t = &report.totals;
    eprintln!(
        "planx audit: {} files ({} read, {} unreadable, {} skipped), {} documents, {} pairs; wrote {}",
        t.files,
        t.read,
        t.failed,
        t.skipped,
        t.documents,
        t.pairs,
        opts.out.display()
    );
    for d in &report.documents {
        if let Some(e) = &d.error {
            eprintln!("planx audit: {}: {e}", d.file);
        }
    }
    Ok(u8::from(report.had_failures()))
}
