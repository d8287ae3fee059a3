//! The `docs2rs` command: a thin clap front over [`docs2rs::Config`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use docs2rs::cli::diff::DiffArgs;
use docs2rs::cli::{run, CodegenArgs};

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
    one_malloc_arena();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Diff(args)) => docs2rs::cli::diff::run(&args),
        None => run(&cli.args, PathBuf::from("specs"), PathBuf::from("generated"), true),
    }
}

/// Docs are read on worker threads and freed after lowering, while resolve and
/// emit allocate on this one: with glibc's arena per thread, the freed pages are
/// not reused and peak memory is their sum (a 10k-doc synthetic tree peaked at
/// 811 MB with per-thread arenas, 558 MB with one, in the same time: on two cores
/// each thread's malloc cache serves the small allocations). A process-wide
/// policy, so the binary sets it and the library does not.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn one_malloc_arena() {
    // SAFETY: mallopt only sets a malloc parameter; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_malloc_arena() {}
