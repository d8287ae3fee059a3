//! `cargo xtask bench`: the whole generator, run as the release `docs2rs` binary in
//! a child process per measurement, against the same run's baseline (a child that
//! reads every doc and only parses it with pulldown-cmark). Wall time, CPU time and
//! peak memory (`ru_maxrss`) come from `wait4` on each child, so they are per run.
//! `--synth` adds synthetic trees for scaling; `--compile` adds the compile cost of
//! each generated corpus crate.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

mod compile;
mod measure;

use measure::{median, Sample};

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Docs trees to run (default: every tree in ../shared/corpus that generates).
    pub trees: Vec<PathBuf>,
    /// Also synthetic trees of these sizes, e.g. `--synth 1000,10000,100000`
    /// (written by `cargo xtask synth` into target/bench/synth-N once).
    #[arg(long, value_delimiter = ',', value_name = "N,...")]
    pub synth: Vec<usize>,
    /// Runs of each measurement, at least; a fast tree gets as many as fill 2 s
    /// (at most 25). The table shows the median.
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
    /// Seed of the synthetic trees.
    #[arg(long, default_value_t = 6)]
    pub seed: u64,
    /// Also measure `cargo check` / `cargo build --release` of each generated corpus crate.
    #[arg(long)]
    pub compile: bool,
    /// With `--compile`: also generate each tree with this docs2rs binary (another
    /// commit's, say) and measure its crate right before ours, with the change.
    #[arg(long, value_name = "DOCS2RS", requires = "compile")]
    pub against: Option<PathBuf>,
}

/// The budget of issue 6: a full run over the largest corpus tree costs at most
/// this many baselines.
const MAX_RATIO: f64 = 3.0;
/// Peak memory may be this many times the input's bytes, plus [`MEMORY_SLACK`].
const MEMORY_FACTOR: u64 = 4;
const MEMORY_SLACK: u64 = 50 * 1024 * 1024;

struct Tree {
    name: String,
    path: PathBuf,
    synthetic: bool,
}

/// One tree's measurements.
struct Row {
    tree: Tree,
    docs: usize,
    bytes: u64,
    models: usize,
    run: Vec<Sample>,
    baseline: Vec<Sample>,
    /// The crate written by the first (untimed) run, for `--compile`.
    out: PathBuf,
}

impl Row {
    fn wall(&self) -> Duration {
        median(self.run.iter().map(|s| s.wall))
    }

    fn base(&self) -> Duration {
        median(self.baseline.iter().map(|s| s.wall))
    }

    fn ratio(&self) -> f64 {
        self.wall().as_secs_f64() / self.base().as_secs_f64().max(1e-9)
    }

    /// Fastest run over fastest baseline: on a shared machine, other work only adds
    /// time, so the minimum is the steadier estimate.
    fn best_ratio(&self) -> f64 {
        let best = |samples: &[Sample]| samples.iter().map(|s| s.wall).min().unwrap_or_default().as_secs_f64();
        best(&self.run) / best(&self.baseline).max(1e-9)
    }

    /// CPU time of the run over CPU time of the baseline: what it costs in total,
    /// whatever the cores.
    fn cpu_ratio(&self) -> f64 {
        let cpu = |samples: &[Sample]| median(samples.iter().map(|s| s.cpu)).as_secs_f64();
        cpu(&self.run) / cpu(&self.baseline).max(1e-9)
    }

    fn peak(&self) -> u64 {
        self.run.iter().map(|s| s.peak_bytes).max().unwrap_or(0)
    }

    fn memory_budget(&self) -> u64 {
        MEMORY_FACTOR * self.bytes + MEMORY_SLACK
    }
}

pub fn run(args: &BenchArgs) -> ExitCode {
    match bench(args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `Ok(false)`: measured, but a budget was missed.
fn bench(args: &BenchArgs) -> Result<bool, String> {
    let release = build_release()?;
    let work = crate::root().join("target/bench");
    let explicit = !args.trees.is_empty();
    let mut trees: Vec<Tree> = if explicit { args.trees.clone() } else { crate::corpus::default_trees() }
        .into_iter()
        .map(|path| Tree { name: crate::corpus::tree_name(&path), path, synthetic: false })
        .collect();
    if trees.is_empty() && args.synth.is_empty() {
        eprintln!("bench: no corpus at ../shared/corpus and no --synth size: nothing to measure");
        return Ok(true);
    }
    for &n in &args.synth {
        let path = work.join(format!("synth-{n}"));
        if !crate::synth::is_current(&path, n, args.seed) {
            let started = Instant::now();
            crate::synth::write_tree(&path, n, args.seed)?;
            eprintln!("synth-{n}: wrote {n} docs in {:.1}s", started.elapsed().as_secs_f64());
        }
        trees.push(Tree { name: format!("synth-{n}"), path, synthetic: true });
    }
    let mut planned = Vec::new();
    for tree in trees {
        if let Some(plan) = prepare_tree(tree, &release, &work, args.runs.max(1), explicit)? {
            planned.push(plan);
        }
    }
    // Round by round, each tree's runs spread evenly over the whole bench: the
    // machine's speed drifts over minutes, and the linear budget compares the
    // first synthetic tree's runs with the last one's.
    let rounds = planned.iter().map(|(_, runs)| *runs).max().unwrap_or(0);
    let log = work.join("child-stderr.txt");
    for round in 0..rounds {
        for (row, runs) in &mut planned {
            if (round + 1) * *runs / rounds > round * *runs / rounds {
                measure_once(row, &release, &work, &log)?;
            }
        }
    }
    let rows: Vec<Row> = planned.into_iter().map(|(row, _)| row).collect();
    print_table(&rows, args.runs.max(1));
    let ok = print_budget(&rows);
    if args.compile {
        let corpus: Vec<compile::Crate> = rows
            .iter()
            .filter(|r| !r.tree.synthetic)
            .map(|r| compile::Crate { name: &r.tree.name, tree: &r.tree.path, dir: &r.out, models: r.models })
            .collect();
        compile::run(&corpus, args.against.as_deref(), &work.join("compile"))?;
    }
    Ok(ok)
}

/// Paths of the release binaries: `(docs2rs, xtask)`.
struct Release {
    docs2rs: PathBuf,
    xtask: PathBuf,
}

/// Measurements use the release profile: build both binaries first (not timed).
fn build_release() -> Result<Release, String> {
    eprintln!("building the release docs2rs and xtask binaries...");
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--release", "--quiet", "-p", "docs2rs", "--bin", "docs2rs", "-p", "xtask", "--bin", "xtask"])
        .current_dir(crate::root())
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("cargo build --release failed".into());
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| crate::root().join("target"), PathBuf::from);
    let exe = |name: &str| target.join("release").join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    Ok(Release { docs2rs: exe("docs2rs"), xtask: exe("xtask") })
}

/// The tree's row, with no sample yet, and how many runs it gets; `Ok(None)`: a
/// default tree that does not generate (a dialect not supported yet).
fn prepare_tree(tree: Tree, release: &Release, work: &Path, runs: usize, explicit: bool) -> Result<Option<(Row, usize)>, String> {
    let (docs, bytes) = measure::input_size(&tree.path);
    let out = work.join("out").join(&tree.name);
    let ir_path = work.join("out").join(format!("{}.ir.json", tree.name));
    std::fs::create_dir_all(work.join("out")).map_err(|e| e.to_string())?;
    // One untimed run: does the tree generate at all, and it warms the page cache.
    let started = Instant::now();
    let first = generator(release, &tree, &out).arg("--emit-ir").arg(&ir_path).output().map_err(|e| e.to_string())?;
    let runs = runs_for(started.elapsed(), runs);
    if !first.status.success() {
        let stderr = String::from_utf8_lossy(&first.stderr);
        let why = stderr.lines().find(|l| l.starts_with("error")).unwrap_or("failed").to_string();
        if explicit || tree.synthetic {
            return Err(format!("{}: does not generate: {why}", tree.name));
        }
        eprintln!("{}: skipped, it does not generate ({why})", tree.name);
        return Ok(None);
    }
    let models = std::fs::read_to_string(&ir_path)
        .ok()
        .and_then(|json| serde_json::from_str::<serde_json::Value>(&json).ok())
        .and_then(|ir| ir["models"].as_array().map(Vec::len))
        .unwrap_or(0);
    eprintln!("{}: {docs} docs, {bytes} bytes, {models} models; {runs} runs", tree.name);
    Ok(Some((Row { tree, docs, bytes, models, run: Vec::new(), baseline: Vec::new(), out }, runs)))
}

/// One baseline and one full run of the row's tree, one after the other, so that
/// whatever else the machine does weighs on both alike.
fn measure_once(row: &mut Row, release: &Release, work: &Path, log: &Path) -> Result<(), String> {
    let tree = &row.tree;
    let scratch = work.join("runs").join(&tree.name);
    let probe: Vec<OsString> = vec!["bench-baseline".into(), tree.path.clone().into()];
    row.baseline.push(measure::through(&release.xtask, &release.xtask, &probe, log)?);
    // A fresh folder each time: every file is written, as on a first run.
    if scratch.exists() {
        std::fs::remove_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    }
    row.run.push(measure::through(&release.xtask, &release.docs2rs, &generator_args(&tree.name, &tree.path, &scratch), log)?);
    Ok(())
}

/// At least `runs`; for a fast tree, as many as fill about [`STEADY`] (at most
/// [`MAX_RUNS`]): the median of three 80 ms runs moved by a tenth from one bench
/// to the next on the shared machine, and the linear budget divides by it.
fn runs_for(one_run: Duration, runs: usize) -> usize {
    let enough = STEADY.as_secs_f64() / one_run.as_secs_f64().max(1e-3);
    runs.max((enough.ceil() as usize).min(MAX_RUNS))
}

const STEADY: Duration = Duration::from_secs(2);
const MAX_RUNS: usize = 25;

fn generator(release: &Release, tree: &Tree, out: &Path) -> Command {
    let mut cmd = Command::new(&release.docs2rs);
    cmd.args(generator_args(&tree.name, &tree.path, out)).stdout(Stdio::null());
    cmd
}

/// The generator's arguments for tree `name` at `specs` (also `--compile --against`'s).
fn generator_args(name: &str, specs: &Path, out: &Path) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec!["--specs".into(), specs.into(), "--out".into(), out.into()];
    args.extend(["--crate-name".into(), format!("bench-{name}").into()]);
    args
}

/// `cargo xtask bench-exec LOG PROGRAM ARGS...` (run by `bench`, in release).
pub fn exec(log: &Path, command: &[OsString]) -> ExitCode {
    match measure::exec(command, log) {
        Ok(sample) => {
            println!("{sample}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn print_table(rows: &[Row], runs: usize) {
    println!("\nfull run = release `docs2rs --specs TREE --out DIR` (all cores); baseline = read every doc and");
    println!("only parse it with pulldown-cmark (one thread); median of {runs} runs each (fast trees: as many as fill");
    println!("{}s, at most {MAX_RUNS}), alternated, each tree's spread over the whole bench; peak = max ru_maxrss;", STEADY.as_secs());
    println!("ratio = median full run / median baseline, best = fastest / fastest, cpu x = cpu time / baseline cpu time\n");
    println!(
        "| {:<24} | {:>6} | {:>8} | {:>6} | {:>9} | {:>9} | {:>8} | {:>8} | {:>9} | {:>9} | {:>6} | {:>6} | {:>6} |",
        "tree",
        "docs",
        "input",
        "models",
        "full run",
        "cpu",
        "per doc",
        "peak mem",
        "mem budget",
        "baseline",
        "ratio",
        "best",
        "cpu x"
    );
    println!("|{}", "---|".repeat(13));
    for r in rows {
        let cpu = median(r.run.iter().map(|s| s.cpu));
        println!(
            "| {:<24} | {:>6} | {:>8} | {:>6} | {:>9} | {:>9} | {:>8} | {:>8} | {:>9} | {:>9} | {:>5.2}x | {:>5.2}x | {:>5.2}x |",
            r.tree.name,
            r.docs,
            mb(r.bytes),
            r.models,
            ms(r.wall()),
            ms(cpu),
            us(r.wall() / r.docs.max(1) as u32),
            mb(r.peak()),
            mb(r.memory_budget()),
            ms(r.base()),
            r.ratio(),
            r.best_ratio(),
            r.cpu_ratio()
        );
    }
}

/// Prints a verdict per budget; `true` when all hold (or cannot be judged).
fn print_budget(rows: &[Row]) -> bool {
    println!("\nbudget:");
    let mut ok = true;
    let corpus = rows.iter().filter(|r| !r.tree.synthetic).max_by_key(|r| r.bytes);
    match corpus {
        Some(r) => {
            let pass = r.ratio() <= MAX_RATIO;
            ok &= pass;
            println!(
                "  {} full run / baseline on the largest corpus tree ({}, {}): {:.2}x (at most {MAX_RATIO}x; best run {:.2}x, cpu {:.2}x)",
                verdict(pass),
                r.tree.name,
                mb(r.bytes),
                r.ratio(),
                r.best_ratio(),
                r.cpu_ratio()
            );
        }
        None => println!("  n/a  full run / baseline: no corpus tree was measured"),
    }
    let synth: Vec<&Row> = rows.iter().filter(|r| r.tree.synthetic).collect();
    let smallest = synth.iter().min_by_key(|r| r.docs);
    let largest = synth.iter().max_by_key(|r| r.docs);
    match (smallest, largest) {
        (Some(s), Some(l)) if l.docs > s.docs => {
            let docs = l.docs as f64 / s.docs as f64;
            let time = l.wall().as_secs_f64() / s.wall().as_secs_f64().max(1e-9);
            let cpu = |r: &Row| median(r.run.iter().map(|s| s.cpu)).as_secs_f64();
            let cpu = cpu(l) / cpu(s).max(1e-9);
            // What the machine makes of 100x the files, whatever the generator does.
            let baseline = median(l.baseline.iter().map(|s| s.wall)).as_secs_f64()
                / median(s.baseline.iter().map(|s| s.wall)).as_secs_f64().max(1e-9);
            // Larger synthetic trees need longer names, so their docs are longer.
            let bytes = l.bytes as f64 / s.bytes.max(1) as f64;
            let pass = time <= docs;
            ok &= pass;
            // Judged on wall time as the budget says; CPU time is shown because it
            // moves less when the machine is shared.
            println!(
                "  {} linear: {} docs take {time:.1}x the time of {} docs (at most {docs:.0}x; cpu time {cpu:.1}x; the baseline's own {baseline:.1}x; {bytes:.1}x the input bytes)",
                verdict(pass),
                l.docs,
                s.docs
            );
        }
        _ => println!("  n/a  linear: needs two --synth sizes"),
    }
    let worst = rows.iter().max_by(|a, b| {
        let share = |r: &Row| r.peak() as f64 / r.memory_budget() as f64;
        share(a).total_cmp(&share(b))
    });
    if let Some(w) = worst {
        let pass = rows.iter().all(|r| r.peak() <= r.memory_budget());
        ok &= pass;
        println!(
            "  {} peak memory at most {MEMORY_FACTOR}x input + 50 MB on every tree (closest: {}, {} of {})",
            verdict(pass),
            w.tree.name,
            mb(w.peak()),
            mb(w.memory_budget())
        );
    }
    ok
}

fn verdict(pass: bool) -> &'static str {
    if pass {
        "PASS"
    } else {
        "MISS"
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// `cargo xtask bench-baseline TREE` (run by `bench`, in release): walk, read and
/// parse every doc with pulldown-cmark and nothing else, on one thread.
pub fn baseline(tree: &Path) -> ExitCode {
    let mut files = Vec::new();
    measure::markdown_files(tree, &mut files);
    files.sort();
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    options.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    let mut events = 0usize;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("cannot read {}", path.display());
            return ExitCode::FAILURE;
        };
        // The same parser, options and offsets the generator's `read` stage uses.
        events += pulldown_cmark::Parser::new_ext(&text, options).into_offset_iter().map(std::hint::black_box).count();
    }
    println!("{} docs, {events} events", files.len());
    ExitCode::SUCCESS
}
