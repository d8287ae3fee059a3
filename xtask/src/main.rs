//! `cargo xtask`: the project's own tasks, as Rust instead of shell.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use docs2rs::cli::CodegenArgs;

mod agree;
mod bench;
mod build;
mod corpus;
mod synth;
mod wire;

#[derive(Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Regenerate `generated/` from `specs/` (or any docs tree into any crate folder).
    Codegen(CodegenArgs),
    /// Generate every corpus tree, then check, lint, document and round-trip each crate.
    Corpus(corpus::CorpusArgs),
    /// Read the JSON an API really sends (../shared/wire) with each corpus tree's crate and write it back: strict, lenient, typed, failures by cause.
    Wire(wire::WireArgs),
    /// Compare, model by model, the IR of trees that describe one API in different dialects.
    Agree(agree::AgreeArgs),
    /// Time and measure the generator on each tree against a read-and-parse baseline.
    Bench(bench::BenchArgs),
    /// Write a synthetic docs tree of N docs (Ruby Sorbet), for scaling measurements.
    Synth(synth::SynthArgs),
    /// Used by `bench`: read and parse every doc of TREE with pulldown-cmark, nothing else.
    #[command(hide = true)]
    BenchBaseline { tree: PathBuf },
    /// Used by `bench`: run a command, print its wall time, CPU time and peak memory.
    #[command(hide = true)]
    BenchExec {
        log: PathBuf,
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, required = true)]
        command: Vec<std::ffi::OsString>,
    },
}

/// The workspace root, whatever folder cargo was run from.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn main() -> ExitCode {
    match Cli::parse().task {
        Task::Codegen(args) => docs2rs::cli::run(&args, root().join("specs"), root().join("generated"), true),
        Task::Corpus(args) => corpus::run(&args),
        Task::Wire(args) => wire::run(&args),
        Task::Agree(args) => agree::run(&args),
        Task::Bench(args) => bench::run(&args),
        Task::Synth(args) => synth::run(&args),
        Task::BenchBaseline { tree } => bench::baseline(&tree),
        Task::BenchExec { log, command } => bench::exec(&log, &command),
    }
}
