//! `cargo xtask bench --compile`: what a generated crate costs its users to build.
//!
//! The crates' dependencies (serde with derive, serde_json) are built once, cold,
//! into one target folder per profile, and reported on their own line. Each
//! measurement then gets its own `CARGO_TARGET_DIR`, a copy of that folder, so it
//! compiles the generated crate alone, cold: `cargo check`, then `cargo check`
//! again after touching one file (incremental, as in an editor), and in a second
//! copy `cargo build --release`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use super::measure::median;

/// Re-checks after a touch, per tree; the median is shown.
const TOUCHES: usize = 3;

/// `crates`: `(name, crate folder, models)` of each generated corpus crate.
pub fn run(crates: &[(&str, &Path, usize)], work: &Path) -> Result<(), String> {
    let Some((_, first, _)) = crates.first() else {
        println!("\ncompile: no corpus crate was generated");
        return Ok(());
    };
    std::fs::create_dir_all(work).map_err(|e| format!("{}: {e}", work.display()))?;
    let deps = deps_crate(first, work)?;
    eprintln!("compile: building the dependencies once per profile (cold)...");
    let (deps_check, _) = cargo(&deps, &fresh(work, "deps-check", None)?, &["check"])?;
    let (deps_release, _) = cargo(&deps, &fresh(work, "deps-release", None)?, &["build", "--release"])?;
    let lock = deps.join("Cargo.lock");
    println!("\ncompile cost of the generated crates (rustc {}; 2 cores shared with other work)", rustc_version());
    println!(
        "dependencies alone (serde + derive, serde_json), cold, built once and excluded below: check {}, release {}\n",
        secs(deps_check),
        secs(deps_release)
    );
    println!(
        "| {:<24} | {:>5} | {:>6} | {:>10} | {:>12} | {:>13} | {:>16} | {:>15} |",
        "tree", "types", "lines", "check", "check+deps", "release", "re-check (touch)", "per 100 types"
    );
    println!("|{}", "---|".repeat(8));
    for (name, dir, models) in crates {
        // The dependencies' lock: same versions as the warmed folders, no resolution.
        std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
        let check_dir = fresh(work, &format!("{name}-check"), Some(&work.join("deps-check")))?;
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
        let release_dir = fresh(work, &format!("{name}-release"), Some(&work.join("deps-release")))?;
        let (release, _) = cargo(dir, &release_dir, &["build", "--release"])?;
        let per_100 = |d: Duration| secs(d.mul_f64(100.0 / (*models).max(1) as f64));
        println!(
            "| {:<24} | {:>5} | {:>6} | {:>10} | {:>12} | {:>13} | {:>16} | {:>15} |",
            name,
            models,
            source_lines(dir),
            secs(check),
            secs(check + deps_check),
            secs(release),
            secs(recheck),
            format!("{} / {}", per_100(recheck), per_100(check)),
        );
        // The copies are large and served their purpose.
        let _ = std::fs::remove_dir_all(&check_dir);
        let _ = std::fs::remove_dir_all(&release_dir);
    }
    println!("\nper 100 types: re-check after a touch / cold check, divided by types / 100");
    Ok(())
}

/// A crate with the generated crates' `[dependencies]` and no code.
fn deps_crate(generated: &Path, work: &Path) -> Result<PathBuf, String> {
    let manifest = std::fs::read_to_string(generated.join("Cargo.toml")).map_err(|e| format!("Cargo.toml: {e}"))?;
    let deps = manifest.split_once("[dependencies]").map_or("", |(_, d)| d);
    let dir = work.join("deps-crate");
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
