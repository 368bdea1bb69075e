//! `planx audit PATH...`

use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    paths: Vec<PathBuf>,
}

pub fn run(_args: Args) -> anyhow::Result<u8> {
    eprintln!("planx audit: not available in this build");
    Ok(2)
}
