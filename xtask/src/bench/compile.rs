//! `cargo xtask bench --compile`: what a generated crate costs its users to build.
//!
//! The crates' dependencies (serde with derive, serde_json) are built once, cold,
//! into one target folder per profile, and reported on their own line. Each
//! measurement then gets its own `CARGO_TARGET_DIR`, a copy of that folder, so it
//! compiles the generated crate alone, cold: `cargo check`, then `cargo check`
//! again after touching one file (incremental, as in an editor), and in a second
//! copy `cargo build --release`.
//!
//! `--against DOCS2RS` also generates each tree with another generator binary (an
//! older commit's, say) and measures its crate right before this one's, tree by
//! tree, so that the machine's drift over the bench falls on both alike.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use super::measure::median;

/// Re-checks after a touch, per tree; the median is shown.
const TOUCHES: usize = 3;

/// A generated corpus crate.
pub struct Crate<'a> {
    pub name: &'a str,
    /// The docs tree it was generated from (for `--against`).
    pub tree: &'a Path,
    pub dir: &'a Path,
    pub models: usize,
}

/// One crate's compile times.
#[derive(Clone, Copy, Default)]
struct Times {
    check: Duration,
    recheck: Duration,
    release: Duration,
}

impl std::ops::Add for Times {
    type Output = Times;

    fn add(self, t: Times) -> Times {
        Times { check: self.check + t.check, recheck: self.recheck + t.recheck, release: self.release + t.release }
    }
}

/// Dependency folders warmed for one set of `[dependencies]`.
struct Deps {
    check: PathBuf,
    release: PathBuf,
    lock: PathBuf,
    /// The cold build of the dependencies alone: `(check, release)`.
    cost: (Duration, Duration),
}

impl Deps {
    /// Builds the dependencies of `generated` (a crate folder) once per profile, cold.
    fn warm(generated: &Path, work: &Path, label: &str) -> Result<Deps, String> {
        let crate_dir = deps_crate(generated, &work.join(format!("deps-crate{label}")))?;
        let check = fresh(work, &format!("deps-check{label}"), None)?;
        let release = fresh(work, &format!("deps-release{label}"), None)?;
        let (cost_check, _) = cargo(&crate_dir, &check, &["check"])?;
        let (cost_release, _) = cargo(&crate_dir, &release, &["build", "--release"])?;
        Ok(Deps { check, release, lock: crate_dir.join("Cargo.lock"), cost: (cost_check, cost_release) })
    }

    /// `cargo check`, re-checks after touches, and `cargo build --release` of `dir`.
    fn measure(&self, name: &str, dir: &Path, work: &Path) -> Result<Times, String> {
        // The dependencies' lock: same versions as the warmed folders, no resolution.
        std::fs::copy(&self.lock, dir.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
        let check_dir = fresh(work, &format!("{name}-check"), Some(&self.check))?;
        let (check, compiled) = cargo(dir, &check_dir, &["check"])?;
        if compiled > 1 {
            eprintln!("{name}: warning: cargo check compiled {compiled} crates, not only the generated one");
        }
        let biggest = biggest_source(dir)?;
        let mut touches = Vec::new();
        for _ in 0..TOUCHES {
            touch(&biggest)?;
            touches.push(cargo(dir, &check_dir, &["check"])?.0);
        }
        let recheck = median(touches.into_iter());
        let release_dir = fresh(work, &format!("{name}-release"), Some(&self.release))?;
        let (release, _) = cargo(dir, &release_dir, &["build", "--release"])?;
        // The copies are large and served their purpose.
        let _ = std::fs::remove_dir_all(&check_dir);
        let _ = std::fs::remove_dir_all(&release_dir);
        Ok(Times { check, recheck, release })
    }
}

/// Measures every crate; with `against`, each tree's crate from that generator too.
pub fn run(crates: &[Crate], against: Option<&Path>, work: &Path) -> Result<(), String> {
    let Some(first) = crates.first() else {
        println!("\ncompile: no corpus crate was generated");
        return Ok(());
    };
    std::fs::create_dir_all(work).map_err(|e| format!("{}: {e}", work.display()))?;
    eprintln!("compile: building the dependencies once per profile (cold)...");
    // The other generator's crates, one a tree, and their warmed dependencies.
    let baselines = match against {
        Some(binary) => {
            let dirs = generate_all(binary, crates, &work.join("against"))?;
            let deps = Deps::warm(&dirs[0], work, "-against")?;
            Some((dirs, deps))
        }
        None => None,
    };
    let deps = Deps::warm(first.dir, work, "")?;
    println!("\ncompile cost of the generated crates (rustc {}; 2 cores shared with other work)", rustc_version());
    println!(
        "dependencies alone (serde + derive, serde_json), cold, built once and excluded below: check {}, release {}\n",
        secs(deps.cost.0),
        secs(deps.cost.1)
    );
    println!(
        "| {:<24} | {:>5} | {:>6} | {:>10} | {:>12} | {:>13} | {:>16} | {:>15} |",
        "tree", "types", "lines", "check", "check+deps", "release", "re-check (touch)", "per 100 types"
    );
    println!("|{}", "---|".repeat(8));
    let mut pairs = Vec::new();
    for (i, c) in crates.iter().enumerate() {
        // The baseline first, then this generator's crate: alternating, tree by tree.
        let before = match &baselines {
            Some((dirs, d)) => Some(d.measure(&format!("{}-against", c.name), &dirs[i], work)?),
            None => None,
        };
        let t = deps.measure(c.name, c.dir, work)?;
        let per_100 = |d: Duration| secs(d.mul_f64(100.0 / c.models.max(1) as f64));
        println!(
            "| {:<24} | {:>5} | {:>6} | {:>10} | {:>12} | {:>13} | {:>16} | {:>15} |",
            c.name,
            c.models,
            source_lines(c.dir),
            secs(t.check),
            secs(t.check + deps.cost.0),
            secs(t.release),
            secs(t.recheck),
            format!("{} / {}", per_100(t.recheck), per_100(t.check)),
        );
        pairs.extend(before.map(|b| (c.name, b, t)));
    }
    println!("\nper 100 types: re-check after a touch / cold check, divided by types / 100");
    if let Some(binary) = against {
        print_against(binary, &pairs);
    }
    Ok(())
}

/// Each tree's crate from the `against` generator, in `work/<tree>`.
fn generate_all(binary: &Path, crates: &[Crate], work: &Path) -> Result<Vec<PathBuf>, String> {
    crates
        .iter()
        .map(|c| {
            let out = fresh(work, c.name, None)?;
            let run = Command::new(binary).args(super::generator_args(c.name, c.tree, &out)).output();
            let run = run.map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
            // A generator that fails on warnings still writes nothing; one that writes is enough.
            if !out.join("Cargo.toml").exists() {
                let stderr = String::from_utf8_lossy(&run.stderr);
                return Err(format!("{} wrote no crate for {}:\n{stderr}", binary.display(), c.name));
            }
            Ok(out)
        })
        .collect()
}

/// Before (the `against` generator) and after (this one), with the change, and the sums.
fn print_against(binary: &Path, pairs: &[(&str, Times, Times)]) {
    println!("\nagainst {} (before), measured right before each crate above (after):\n", binary.display());
    println!("| tree | check before | after | change | release before | after | change | re-check before | after | change |");
    println!("|{}", "---|".repeat(10));
    let change = |b: Duration, a: Duration| format!("{:+.0}%", (a.as_secs_f64() / b.as_secs_f64().max(1e-9) - 1.0) * 100.0);
    let row = |name: &str, b: Times, a: Times| {
        println!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            secs(b.check),
            secs(a.check),
            change(b.check, a.check),
            secs(b.release),
            secs(a.release),
            change(b.release, a.release),
            secs(b.recheck),
            secs(a.recheck),
            change(b.recheck, a.recheck)
        )
    };
    let (mut before, mut after) = (Times::default(), Times::default());
    for &(name, b, a) in pairs {
        row(name, b, a);
        (before, after) = (before + b, after + a);
    }
    row("all", before, after);
}

/// A crate with the generated crates' `[dependencies]` and no code.
fn deps_crate(generated: &Path, dir: &Path) -> Result<PathBuf, String> {
    let manifest = std::fs::read_to_string(generated.join("Cargo.toml")).map_err(|e| format!("Cargo.toml: {e}"))?;
    let deps = manifest.split_once("[dependencies]").map_or("", |(_, d)| d);
    let dir = dir.to_path_buf();
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let toml = format!(
        "[package]\nname = \"bench-deps\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]{deps}"
    );
    let toml = if toml.contains("[workspace]") { toml } else { format!("{toml}\n[workspace]\n") };
    std::fs::write(dir.join("Cargo.toml"), toml).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("src/lib.rs"), "").map_err(|e| e.to_string())?;
    Ok(dir)
}

/// `work/name`, emptied, or a copy of `from`.
fn fresh(work: &Path, name: &str, from: Option<&Path>) -> Result<PathBuf, String> {
    let dir = work.join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    match from {
        Some(from) => copy_dir(from, &dir).map_err(|e| format!("copy {} -> {}: {e}", from.display(), dir.display()))?,
        None => std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?,
    }
    Ok(dir)
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            // Cargo compares mtimes (build script outputs, dep-info): a copy with new
            // ones rebuilds every dependency, so keep them.
            std::fs::copy(entry.path(), &target)?;
            let modified = entry.metadata()?.modified()?;
            std::fs::File::options().append(true).open(&target)?.set_modified(modified)?;
        }
    }
    Ok(())
}

/// Runs cargo; returns the time and how many crates it compiled.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<(Duration, usize), String> {
    let started = Instant::now();
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_MAKEFLAGS")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        let tail: Vec<&str> = stderr.lines().rev().take(20).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!("cargo {} in {} failed:\n{}", args.join(" "), dir.display(), tail.join("\n")));
    }
    let compiled = stderr.lines().filter(|l| matches!(l.split_whitespace().next(), Some("Checking" | "Compiling"))).count();
    Ok((elapsed, compiled))
}

fn biggest_source(dir: &Path) -> Result<PathBuf, String> {
    let entries = std::fs::read_dir(dir.join("src")).map_err(|e| e.to_string())?;
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .ok_or_else(|| format!("{}: no source file", dir.display()))
}

/// A new modification time and nothing else, as `touch` does.
fn touch(path: &Path) -> Result<(), String> {
    let file = std::fs::File::options().append(true).open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    file.set_modified(SystemTime::now()).map_err(|e| format!("{}: {e}", path.display()))
}

fn source_lines(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir.join("src")) else { return 0 };
    entries.flatten().filter_map(|e| std::fs::read_to_string(e.path()).ok()).map(|t| t.lines().count()).sum()
}

fn rustc_version() -> String {
    Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().trim_start_matches("rustc ").to_string())
        .unwrap_or_default()
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}
