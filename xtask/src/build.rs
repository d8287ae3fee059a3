//! Building the crates the xtask generates (`corpus`, `wire`): cargo run in a
//! generated crate with warnings denied, in one target folder, and each
//! crate's artifacts dropped once it is judged.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The target folder of every generated crate: their dependencies are built
/// once for all of them.
pub fn target_dir() -> PathBuf {
    crate::root().join("target/corpus/target")
}

/// Writes `text` to `path` unless it is already there, making its folder.
pub fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    if std::fs::read(path).ok().as_deref() == Some(text.as_bytes()) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

pub struct Output {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs cargo in a generated crate with warnings denied everywhere.
pub fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<(Duration, Output), String> {
    cargo_with(dir, target, args, &[])
}

/// [`cargo`], with further environment variables.
pub fn cargo_with(dir: &Path, target: &Path, args: &[&str], envs: &[(&str, &OsStr)]) -> Result<(Duration, Output), String> {
    let started = Instant::now();
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        // Twenty crates built once each: incremental state and full debug info
        // would only fill the disk (about 1.5 GB a tree; CI ran out at the 19th).
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "line-tables-only")
        .env_remove("CARGO_MAKEFLAGS")
        .envs(envs.iter().copied())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let output = Output {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    Ok((started.elapsed(), output))
}

/// Drops one crate's build artifacts once it has been judged; the shared
/// dependencies stay for the next crate.
pub fn clean(dir: &Path, target: &Path, crate_name: &str) {
    // Best effort: a failed clean costs disk, not correctness.
    let _ = cargo(dir, target, &["clean", "-p", crate_name]);
    let _ = std::fs::remove_dir_all(target.join("doc").join(crate_name.replace('-', "_")));
}

/// The last `lines` lines of `text`.
pub fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
