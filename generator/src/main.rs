//! The `docs2rs` command: a thin clap front over [`docs2rs::Config`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use docs2rs::cli::{run, CodegenArgs};

#[derive(Parser)]
#[command(name = "docs2rs", version, about = "Turn SDK model docs (markdown) into a crate of serde types")]
struct Cli {
    #[command(flatten)]
    args: CodegenArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let default_out = PathBuf::from("generated");
    run(&cli.args, PathBuf::from("specs"), default_out, true)
}
