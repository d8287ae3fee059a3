//! Per-stage benchmarks over real docs trees: every tree in `../shared/corpus` (next
//! to the workspace) that generates without error, or the trees listed in
//! `DOCS2RS_BENCH_TREES` (separated by `:`, e.g. synthetic trees written by
//! `cargo xtask synth`). Without any tree it says so and exits: the corpus is not
//! part of the repository.
//!
//! ```sh
//! cargo bench -p docs2rs --bench stages            # every stage, every tree
//! cargo bench -p docs2rs --bench stages -- emit    # one stage
//! ```
//!
//! `emit` includes `format` (each model's syntax tree printed by prettyplease);
//! `format` alone is measured on the same files parsed back (untimed) into syntax trees.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use docs2rs::{stages, Config, Mode};

// The allocator the `docs2rs` binary runs with, so that the stages cost here what they cost there.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if trees().is_empty() {
        eprintln!("no docs tree to benchmark: put the corpus at ../shared/corpus or set DOCS2RS_BENCH_TREES");
        return;
    }
    divan::main();
}

/// A docs tree, shown by its folder name.
struct Tree {
    name: String,
    path: PathBuf,
}

impl std::fmt::Display for Tree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

fn trees() -> &'static [Tree] {
    static TREES: OnceLock<Vec<Tree>> = OnceLock::new();
    TREES.get_or_init(|| {
        let candidates: Vec<PathBuf> = match std::env::var_os("DOCS2RS_BENCH_TREES") {
            Some(list) => std::env::split_paths(&list).collect(),
            None => corpus_trees(),
        };
        // Only trees the generator reads today: the corpus holds dialects it may not.
        candidates
            .into_iter()
            .filter_map(|path| {
                let name = path.file_name()?.to_string_lossy().into_owned();
                match Config::new().generate(&path) {
                    Ok(_) => Some(Tree { name, path }),
                    Err(f) => {
                        let first = f.diagnostics.first().map(|d| d.message.clone()).unwrap_or_default();
                        eprintln!("{name}: skipped, it does not generate ({first})");
                        None
                    }
                }
            })
            .collect()
    })
}

fn corpus_trees() -> Vec<PathBuf> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let mut trees: Vec<PathBuf> = std::fs::read_dir(corpus)
        .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    trees.sort();
    trees
}

fn docs(tree: &Tree) -> Vec<docs2rs::read::Document> {
    stages::read(&tree.path).map(|(docs, _)| docs).unwrap_or_else(|e| panic!("{}: {e:?}", tree.name))
}

fn generation(tree: &Tree) -> docs2rs::Generation {
    Config::new().generate(&tree.path).unwrap_or_else(|f| panic!("{}: {f}", tree.name))
}

#[divan::bench(args = trees(), sample_count = 20)]
fn read(bencher: Bencher, tree: &Tree) {
    bencher.bench(|| stages::read(&tree.path));
}

#[divan::bench(args = trees(), sample_count = 20)]
fn dialect(bencher: Bencher, tree: &Tree) {
    let docs = docs(tree);
    let config = Config::new();
    bencher.bench(|| stages::dialect(&config, &docs).map(|d| d.name()));
}

#[divan::bench(args = trees(), sample_count = 20)]
fn lower(bencher: Bencher, tree: &Tree) {
    let docs = docs(tree);
    let Ok(dialect) = stages::dialect(&Config::new(), &docs) else { panic!("{}: no dialect", tree.name) };
    bencher.bench(|| stages::lower(&docs, dialect));
}

/// Read, dialect and lower as `Config::generate` runs them on a folder: one doc at a time.
#[divan::bench(args = trees(), sample_count = 20)]
fn front(bencher: Bencher, tree: &Tree) {
    let (files, walk) = docs2rs::read::list_tree(&tree.path).unwrap_or_else(|e| panic!("{}: {e:?}", tree.name));
    bencher.bench(|| docs2rs::front::read_and_lower(&files, walk.clone(), None, &Default::default()).map(|f| f.docs));
}

#[divan::bench(args = trees(), sample_count = 20)]
fn resolve(bencher: Bencher, tree: &Tree) {
    let docs = docs(tree);
    let Ok(dialect) = stages::dialect(&Config::new(), &docs) else { panic!("{}: no dialect", tree.name) };
    let drafts = stages::lower(&docs, dialect).drafts;
    bencher
        .with_inputs(|| drafts.clone())
        .bench_values(|drafts| stages::resolve(drafts, dialect.name(), docs.len()).map(|r| r.ir));
}

#[divan::bench(args = trees(), sample_count = 20)]
fn emit(bencher: Bencher, tree: &Tree) {
    let generation = generation(tree);
    bencher.bench(|| stages::emit(&generation));
}

#[divan::bench(args = trees(), sample_count = 20)]
fn format(bencher: Bencher, tree: &Tree) {
    let files = stages::emit(&generation(tree)).unwrap_or_else(|f| panic!("{f}"));
    let trees: Vec<syn::File> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".rs"))
        .map(|(path, text)| {
            let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{path}: {e}"));
            // The measured step must be the one emit runs: the same tree, the same text.
            assert!(text.ends_with(&stages::format(file.clone())), "{path}: format does not reproduce emit's output");
            file
        })
        .collect();
    bencher.with_inputs(|| trees.clone()).bench_local_values(|trees| trees.into_iter().map(stages::format).collect::<Vec<_>>());
}

#[divan::bench(args = trees(), sample_count = 20)]
fn write(bencher: Bencher, tree: &Tree) {
    let files: BTreeMap<String, String> = stages::emit(&generation(tree)).unwrap_or_else(|f| panic!("{f}"));
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")))
        .bench_values(|dir| {
            let report = stages::write(dir.path(), &files, Mode::Write);
            // Returned, so that removing the folder is not timed.
            (dir, report.map(|r| r.changes.len()))
        });
}

/// The whole run as `Config::generate` + `write_crate`, for comparison with the sum of stages.
#[divan::bench(args = trees(), sample_count = 20)]
fn total(bencher: Bencher, tree: &Tree) {
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}")))
        .bench_values(|dir| {
            let written = generation(tree).write_crate(dir.path(), Mode::Write).map(|r| r.changes.len());
            (dir, written)
        });
}
