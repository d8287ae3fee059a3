//! `cargo xtask corpus`: generate each real docs tree into `target/corpus/<name>/`,
//! then prove the crate: `cargo check`, `cargo clippy`, `cargo doc` (all with
//! warnings denied), doc comments free of the docs' markup (`<br/>`,
//! `:warning:`, `\*\*`) and a round-trip test over JSON instances made from the docs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use docs2rs::ir::{Ir, ModelKind};
use docs2rs::{Config, Mode};

use crate::build::{cargo, clean, tail, write};

#[derive(Debug, clap::Args)]
pub struct CorpusArgs {
    /// Docs trees to run (default: every tree in ../shared/corpus).
    pub trees: Vec<PathBuf>,
    /// Only generate; skip the cargo steps.
    #[arg(long)]
    pub no_build: bool,
    /// A tree fails when more than this share of its fields (in percent) falls
    /// back to `serde_json::Value` (W0010, W0011).
    #[arg(long, default_value_t = 0.5)]
    pub max_fallback_percent: f64,
    /// Merge this docs tree of the same API into each tree (as a further
    /// `--specs` of `docs2rs`); repeatable. The crate is named `<tree>+<n>`.
    #[arg(long, value_name = "TREE")]
    pub with: Vec<PathBuf>,
    /// How date and date-time fields are typed (as `docs2rs --dates`); the round
    /// trip then reads and writes each date through that type.
    #[arg(long, value_enum, value_name = "TYPE", default_value_t = docs2rs::Dates::String)]
    pub dates: docs2rs::Dates,
}

struct Summary {
    name: String,
    line: String,
    ok: bool,
}

pub fn run(args: &CorpusArgs) -> ExitCode {
    let explicit = !args.trees.is_empty();
    let trees = if explicit { args.trees.clone() } else { default_trees() };
    if trees.is_empty() {
        eprintln!("no corpus trees found under ../shared/corpus");
        return ExitCode::FAILURE;
    }
    let work = crate::root().join("target/corpus");
    if !args.no_build {
        if let Err(e) = warm_up(&work) {
            eprintln!("warm-up failed: {e}");
            return ExitCode::FAILURE;
        }
    }
    let mut summaries = Vec::new();
    for tree in &trees {
        match run_tree(tree, &work, explicit, args) {
            Ok(Some(s)) => summaries.push(s),
            Ok(None) => {}
            Err(e) => summaries.push(Summary { name: tree_name(tree), line: e, ok: false }),
        }
    }
    println!("\ncorpus summary:");
    for s in &summaries {
        println!("{:<28} {} {}", s.name, if s.ok { "ok  " } else { "FAIL" }, s.line);
    }
    if summaries.iter().all(|s| s.ok) && !summaries.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Builds the generated crates' dependencies once (with the project's own specs),
/// so that each tree's `cargo check` time is the time of its own code.
fn warm_up(work: &Path) -> Result<(), String> {
    let out = work.join("_warm-up");
    let generation = Config::new().crate_name("corpus-warm-up").source_label("specs").generate(crate::root().join("specs"));
    generation.map_err(|f| f.to_string())?.write_crate(&out, Mode::Write).map_err(|f| f.to_string())?;
    let (_, check) = cargo(&out, &crate::build::target_dir(), &["check"])?;
    if check.ok {
        Ok(())
    } else {
        Err(tail(&check.stderr, 40))
    }
}

pub fn default_trees() -> Vec<PathBuf> {
    let corpus = crate::root().join("../shared/corpus");
    let mut trees: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    trees.sort();
    trees
}

pub fn tree_name(tree: &Path) -> String {
    tree.file_name().map_or_else(|| "tree".into(), |n| n.to_string_lossy().into_owned())
}

/// `Ok(None)`: a default tree in a dialect the generator does not read yet.
fn run_tree(tree: &Path, work: &Path, explicit: bool, args: &CorpusArgs) -> Result<Option<Summary>, String> {
    let name = match args.with.len() {
        0 => tree_name(tree),
        n => format!("{}+{n}", tree_name(tree)),
    };
    let crate_name = format!("corpus-{}", name.replace('+', "-merged-"));
    let out = work.join(&name);
    let started = Instant::now();
    let mut config = Config::new();
    config.crate_name(&crate_name).source_label(format!("corpus/{}", tree_name(tree))).dates(args.dates);
    args.with.iter().for_each(|w| {
        config.secondary_specs(w);
    });
    let generation = match config.generate(tree) {
        Ok(g) => g,
        Err(f) if !explicit && f.diagnostics.iter().all(|d| d.code == "E0006") => {
            eprintln!("{name}: skipped, its dialect is not supported yet");
            return Ok(None);
        }
        Err(f) => return Err(format!("generation failed:\n{f}")),
    };
    generation.write_crate(&out, Mode::Write).map_err(|f| f.to_string())?;
    let instances = docs2rs::instances::instances(&generation.ir);
    let test = docs2rs::emit::roundtrip_test(&generation.ir, &crate_name).map_err(|e| e.to_string())?;
    write(&out.join("tests/roundtrip.rs"), &test)?;
    let json = serde_json::to_string(&instances).map_err(|e| e.to_string())?;
    write(&out.join("tests/instances.json"), &json)?;
    let generate_time = started.elapsed();
    let stats = Stats::of(&generation.ir);
    let fallbacks = generation.ir.fallbacks();
    let share = 100.0 * fallbacks.degraded_fields as f64 / fallbacks.fields.max(1) as f64;
    let within = share <= args.max_fallback_percent;
    eprintln!("{name}: generated in {:.2}s; building in {}", generate_time.as_secs_f64(), out.display());
    let mut line = format!(
        "{}: docs {}, {}, fallback: {}, generate {:.2}s",
        generation.ir.dialect,
        generation.ir.docs,
        stats,
        fallbacks,
        generate_time.as_secs_f64()
    );
    if !within {
        line.push_str(&format!(" [fallbacks over {}%]", args.max_fallback_percent));
    }
    let markup = leftover_markup(&out);
    if let Some(first) = markup.first() {
        eprintln!("--- {name}: {} doc comment lines keep the docs' markup; the first: {first}", markup.len());
        line.push_str(&format!(" [markup in {} doc lines]", markup.len()));
    }
    let within = within && markup.is_empty();
    if args.no_build {
        return Ok(Some(Summary { name, line, ok: within }));
    }
    let target = crate::build::target_dir();
    let (check_time, check) = cargo(&out, &target, &["check", "--all-targets"])?;
    let (_, clippy) = cargo(&out, &target, &["clippy", "--all-targets", "--", "-D", "warnings"])?;
    let (_, doc) = cargo(&out, &target, &["doc", "--no-deps"])?;
    let (_, test) = cargo(&out, &target, &["test", "--", "--nocapture"])?;
    let (round_tripped, failures) = parse_roundtrip(&test.stdout).unwrap_or((0, instances.len()));
    clean(&out, &target, &crate_name);
    let steps = [("check", &check), ("clippy", &clippy), ("doc", &doc), ("test", &test)];
    let failed: Vec<&str> = steps.iter().filter(|(_, o)| !o.ok).map(|(n, _)| *n).collect();
    for (step, output) in steps.iter().filter(|(_, o)| !o.ok) {
        eprintln!("--- {name}: cargo {step} failed ---\n{}\n{}", tail(&output.stderr, 60), tail(&output.stdout, 60));
    }
    line.push_str(&format!(
        ", instances {} round-tripped, failures {failures}, cargo check {:.1}s",
        round_tripped.saturating_sub(failures),
        check_time.as_secs_f64()
    ));
    if !failed.is_empty() {
        line.push_str(&format!(" [failed: {}]", failed.join(", ")));
    }
    let ok = within && failed.is_empty() && failures == 0 && round_tripped == instances.len();
    Ok(Some(Summary { name, line, ok }))
}

/// Each doc comment line of the crate at `out` that still shows a dialect's
/// markup (`<br/>`, `:warning:`, `\*\*`), as `file:line: what: text`: rustdoc
/// would print it as written.
fn leftover_markup(out: &Path) -> Vec<String> {
    let files = std::fs::read_dir(out.join("src")).map(|d| d.flatten().map(|e| e.path()).collect::<Vec<_>>()).unwrap_or_default();
    let mut found = Vec::new();
    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "rs")) {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let doc = line.trim_start();
            if !(doc.starts_with("///") || doc.starts_with("//!") || doc.starts_with("#[doc")) {
                continue;
            }
            if let Some(what) = docs2rs::prose::leftover_markup(doc) {
                found.push(format!("{}:{}: {what}: {}", file.display(), n + 1, doc));
            }
        }
    }
    found
}

/// `(instances, failures)` from the harness's `ROUNDTRIP` line.
fn parse_roundtrip(stdout: &str) -> Option<(usize, usize)> {
    let line = stdout.lines().find(|l| l.starts_with("ROUNDTRIP "))?;
    let value = |key: &str| -> Option<usize> {
        line.split_whitespace().find_map(|kv| kv.strip_prefix(key)?.strip_prefix('=')?.parse().ok())
    };
    Some((value("instances")?, value("failures")?))
}

struct Stats {
    kinds: BTreeMap<&'static str, usize>,
    fields: usize,
    omitted: usize,
}

impl Stats {
    fn of(ir: &Ir) -> Stats {
        let mut s = Stats { kinds: BTreeMap::new(), fields: 0, omitted: 0 };
        for m in &ir.models {
            let kind = match &m.kind {
                ModelKind::Struct { fields, omitted, .. } => {
                    s.fields += fields.len();
                    s.omitted += omitted.len();
                    "structs"
                }
                ModelKind::Enum { .. } => "enums",
                ModelKind::Union { .. } => "unions",
                ModelKind::Open { any: false } => "open",
                ModelKind::Open { any: true } => "any-value",
            };
            *s.kinds.entry(kind).or_default() += 1;
        }
        s
    }
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total: usize = self.kinds.values().sum();
        let count = |k: &str| self.kinds.get(k).copied().unwrap_or(0);
        write!(
            f,
            "models {total} (structs {}, enums {}, unions {}, open objects {}, any values {}), fields {}, left out {} (transport {})",
            count("structs"),
            count("enums"),
            count("unions"),
            count("open"),
            count("any-value"),
            self.fields,
            self.omitted,
            self.omitted
        )
    }
}
