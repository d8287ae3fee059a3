//! The `docs2rs` command: a thin clap front over [`docs2rs::Config`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use docs2rs::cli::diff::DiffArgs;
use docs2rs::cli::{run, CodegenArgs};

// A generation makes and drops millions of small strings and token trees on every
// core; mimalloc's per-thread pages make that a third cheaper than the system
// allocator, and hold less memory at 10k docs (README, Performance).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "docs2rs",
    version,
    about = "Turn SDK model docs (markdown) into a crate of serde types",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Without a subcommand: generate a crate from a docs tree.
    #[command(flatten)]
    args: CodegenArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Say what changed in the API between two docs trees (or generated crates, or IR files),
    /// and whether it breaks code that uses the generated crate.
    Diff(DiffArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Diff(args)) => docs2rs::cli::diff::run(&args),
        None => run(&cli.args, PathBuf::from("specs"), PathBuf::from("generated"), true),
    }
}
