//! `cargo xtask wire`: wire fidelity against ground truth. For each folder of
//! `../shared/wire` (JSON instances made from an API's own OpenAPI document,
//! `{"type": TITLE, "value": INSTANCE}` a line), the corpus tree of the same
//! name is generated into `target/wire/<tree>/` with a harness
//! ([`docs2rs::emit::wire_test`]) that reads each instance as its title's type
//! and writes it back. Here each instance is compared with what came back:
//! strict (the same JSON), lenient (the same once null-valued keys are
//! dropped), typed (strict, with no key where the IR has no field for it), and
//! each strict failure gets a cause ([`classify`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use docs2rs::ir::{Ir, TypeRef, UnknownKeys};
use docs2rs::{Config, Mode};
use serde_json::Value;

use crate::build::{cargo_with, clean, tail, target_dir, write};
use classify::{Cause, Failure, Verdict};

mod classify;

#[derive(Debug, clap::Args)]
pub struct WireArgs {
    /// Wire folders to check, by name or path (default: every folder of
    /// ../shared/wire); each is checked with the tree of the same name in the
    /// `corpus` folder beside it.
    pub trees: Vec<PathBuf>,
    /// Generate as `docs2rs --drop-unknown-keys` does: keys no field has are
    /// dropped when read, not kept in `additional_properties`.
    #[arg(long)]
    pub drop_unknown_keys: bool,
    /// Fail when a tree's strict share (percent) is below this.
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub min_strict: f64,
    /// Fail when a tree's lenient share (percent) is below this.
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub min_lenient: f64,
    /// Print the first failures of each cause: title, JSON path, detail.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Failures shown a cause with `-v`.
const EXAMPLES: usize = 5;

/// One tree's counts.
#[derive(Default)]
struct Tally {
    instances: usize,
    strict: usize,
    lenient: usize,
    typed: usize,
    causes: BTreeMap<Cause, usize>,
    /// The first failures of each cause, with their titles, one a title and path.
    examples: BTreeMap<Cause, Vec<(String, Failure)>>,
    /// Strict, but not typed: the first such keys, one a title and path.
    untyped: Vec<(String, Failure)>,
}

impl Tally {
    fn add(&mut self, title: &str, verdict: Verdict) {
        self.instances += 1;
        self.strict += usize::from(verdict.strict);
        self.lenient += usize::from(verdict.lenient);
        self.typed += usize::from(verdict.typed);
        if let Some(failure) = verdict.failure {
            *self.causes.entry(failure.cause).or_default() += 1;
            keep_example(self.examples.entry(failure.cause).or_default(), title, failure);
        }
        match verdict.untyped {
            Some(key) if verdict.strict => keep_example(&mut self.untyped, title, key),
            _ => {}
        }
    }

    fn merge(&mut self, other: &Tally) {
        self.instances += other.instances;
        self.strict += other.strict;
        self.lenient += other.lenient;
        self.typed += other.typed;
        for (cause, n) in &other.causes {
            *self.causes.entry(*cause).or_default() += n;
        }
    }

    fn share(&self, n: usize) -> f64 {
        100.0 * n as f64 / self.instances.max(1) as f64
    }
}

/// Keeps the first [`EXAMPLES`] failures at distinct titles and paths: the
/// instances of one title mostly fail alike.
fn keep_example(shown: &mut Vec<(String, Failure)>, title: &str, failure: Failure) {
    let seen = shown.iter().any(|(t, f)| t == title && f.path == failure.path);
    if shown.len() < EXAMPLES && !seen {
        shown.push((title.to_string(), failure));
    }
}

pub fn run(args: &WireArgs) -> ExitCode {
    let started = Instant::now();
    let trees = trees(args);
    if trees.is_empty() {
        eprintln!("no wire folders found under ../shared/wire");
        return ExitCode::FAILURE;
    }
    let mut ok = true;
    let mut tallies = Vec::new();
    for tree in &trees {
        let name = crate::corpus::tree_name(tree);
        match run_tree(tree, &name, args) {
            Ok(tally) => tallies.push((name, tally)),
            Err(e) => {
                eprintln!("{name}: {e}");
                ok = false;
            }
        }
    }
    print_table(&tallies, args);
    if args.verbose {
        tallies.iter().for_each(|(name, tally)| print_examples(name, tally));
    }
    ok &= within_thresholds(&tallies, args);
    println!("wire: {:.1}s in all", started.elapsed().as_secs_f64());
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The wire folders named (a name is a folder of `../shared/wire`), or all of them.
fn trees(args: &WireArgs) -> Vec<PathBuf> {
    let shared = crate::root().join("../shared/wire");
    if !args.trees.is_empty() {
        return args.trees.iter().map(|t| if t.is_dir() { t.clone() } else { shared.join(t) }).collect();
    }
    let mut trees: Vec<PathBuf> = std::fs::read_dir(&shared)
        .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    trees.sort();
    trees
}

/// Generates the tree's crate with its harness, runs it, and judges what came back.
fn run_tree(wire: &Path, name: &str, args: &WireArgs) -> Result<Tally, String> {
    let corpus = wire.parent().and_then(Path::parent).map(|shared| shared.join("corpus").join(name));
    let corpus = corpus.filter(|c| c.is_dir()).ok_or_else(|| format!("no corpus tree `{name}` beside {}", wire.display()))?;
    let crate_name = format!("wire-{name}");
    let out = crate::root().join("target/wire").join(name);
    let started = Instant::now();
    let mut config = Config::new();
    config.crate_name(&crate_name).source_label(format!("corpus/{name}"));
    if args.drop_unknown_keys {
        config.unknown_keys(UnknownKeys::Drop);
    }
    let generation = config.generate(&corpus).map_err(|f| format!("generation failed:\n{f}"))?;
    generation.write_crate(&out, Mode::Write).map_err(|f| f.to_string())?;
    let harness = docs2rs::emit::wire_test(&generation.ir, &crate_name).map_err(|e| e.to_string())?;
    write(&out.join("tests/wire.rs"), &harness)?;
    let generated = started.elapsed();
    let instances = wire.join("instances.jsonl");
    let results = out.join("results.jsonl");
    let tested = test(&out, &crate_name, &instances, &results)?;
    let judging = Instant::now();
    let tally = judge(&generation.ir, &instances, &results)?;
    eprintln!(
        "{name}: generated in {:.1}s, built and run in {:.1}s, judged in {:.1}s",
        generated.as_secs_f64(),
        tested.as_secs_f64(),
        judging.elapsed().as_secs_f64()
    );
    Ok(tally)
}

/// `cargo test --test wire` in the crate, which writes `results`.
fn test(out: &Path, crate_name: &str, instances: &Path, results: &Path) -> Result<Duration, String> {
    // A stale file would pass for this run's.
    let _ = std::fs::remove_file(results);
    let instances = std::path::absolute(instances).map_err(|e| e.to_string())?;
    let envs = [(docs2rs::emit::WIRE_INSTANCES, instances.as_os_str()), (docs2rs::emit::WIRE_RESULTS, results.as_os_str())];
    let target = target_dir();
    let (time, output) = cargo_with(out, &target, &["test", "--test", "wire"], &envs)?;
    clean(out, &target, crate_name);
    if output.ok {
        Ok(time)
    } else {
        Err(format!("cargo test failed:\n{}\n{}", tail(&output.stderr, 40), tail(&output.stdout, 40)))
    }
}

/// Each instance beside the harness's result for it.
fn judge(ir: &Ir, instances: &Path, results: &Path) -> Result<Tally, String> {
    let read = |path: &Path| std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()));
    let came_back = results_by_index(&read(results)?)?;
    let types: BTreeMap<&str, TypeRef> = docs2rs::emit::models_by_title(ir)
        .into_iter()
        .filter_map(|(title, models)| Some((title, TypeRef::Model(models.first()?.id.clone()))))
        .collect();
    let mut tally = Tally::default();
    for (index, line) in read(instances)?.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let instance: Value = serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", instances.display(), index + 1))?;
        let title = instance.get("type").and_then(Value::as_str).unwrap_or_default();
        let sent = instance.get("value").unwrap_or(&Value::Null);
        let back = came_back.get(&index).cloned().unwrap_or_else(|| Err("no result: the harness did not reach it".into()));
        tally.add(title, classify::judge(ir, types.get(title), sent, &back));
    }
    Ok(tally)
}

/// The harness's lines: `index`, `title`, and `value` or `error`.
fn results_by_index(text: &str) -> Result<BTreeMap<usize, Result<Value, String>>, String> {
    let mut results = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let mut record: Value = serde_json::from_str(line).map_err(|e| format!("results: {e}"))?;
        let index = record.get("index").and_then(Value::as_u64).and_then(|i| usize::try_from(i).ok());
        let index = index.ok_or_else(|| format!("results: a line without an index: {line}"))?;
        let back = match record.get_mut("value").map(Value::take) {
            Some(value) => Ok(value),
            None => Err(record.get("error").and_then(Value::as_str).unwrap_or("no value and no error").to_string()),
        };
        results.insert(index, back);
    }
    Ok(results)
}

fn print_table(tallies: &[(String, Tally)], args: &WireArgs) {
    let mode = if args.drop_unknown_keys { "unknown keys dropped" } else { "unknown keys kept" };
    println!("\nwire fidelity ({mode}); failures of strict by cause:");
    let mut header = format!("{:<18} {:>9} {:>14} {:>14} {:>14}", "tree", "instances", "strict", "lenient", "typed");
    Cause::ALL.iter().for_each(|c| {
        let _ = write!(header, " {:>9}", c.label());
    });
    println!("{header}");
    let mut total = Tally::default();
    for (name, tally) in tallies {
        println!("{}", row(name, tally));
        total.merge(tally);
    }
    if tallies.len() > 1 {
        println!("{}", row("total", &total));
    }
}

fn row(name: &str, t: &Tally) -> String {
    let share = |n: usize| format!("{n} {:.1}%", t.share(n));
    let mut line = format!("{name:<18} {:>9} {:>14} {:>14} {:>14}", t.instances, share(t.strict), share(t.lenient), share(t.typed));
    for cause in Cause::ALL {
        let _ = write!(line, " {:>9}", t.causes.get(&cause).copied().unwrap_or(0));
    }
    line
}

fn print_examples(name: &str, tally: &Tally) {
    println!("\n{name}:");
    for cause in Cause::ALL {
        let Some(examples) = tally.examples.get(&cause) else { continue };
        println!("  {} ({}):", cause.label(), tally.causes.get(&cause).copied().unwrap_or(0));
        examples.iter().for_each(print_example);
    }
    if !tally.untyped.is_empty() {
        println!("  strict, not typed ({}):", tally.strict - tally.typed);
        tally.untyped.iter().for_each(print_example);
    }
}

fn print_example((title, f): &(String, Failure)) {
    let detail: String = f.detail.chars().take(200).collect();
    println!("    {title} {} {detail}", f.path);
}

/// Whether every tree's shares reach `--min-strict` and `--min-lenient`.
fn within_thresholds(tallies: &[(String, Tally)], args: &WireArgs) -> bool {
    let mut ok = true;
    for (name, t) in tallies {
        let (strict, lenient) = (t.share(t.strict), t.share(t.lenient));
        if strict < args.min_strict || lenient < args.min_lenient {
            eprintln!(
                "{name}: strict {strict:.1}% (at least {}%), lenient {lenient:.1}% (at least {}%)",
                args.min_strict, args.min_lenient
            );
            ok = false;
        }
    }
    ok
}
