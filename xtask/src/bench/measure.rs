//! One child process, measured: wall time around spawn and exit, CPU time and peak
//! resident memory from the kernel's accounting of that child alone (`wait4`).
//!
//! Linux counts the memory a child had before `exec` (its parent's, since the
//! child starts as a copy) in its `ru_maxrss`. So `bench` never measures a child
//! itself: it runs the small release `xtask bench-exec`, which measures the command
//! and prints the sample, and whose own few MB are all that can leak in.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub wall: Duration,
    /// User plus system time, over all threads.
    pub cpu: Duration,
    pub peak_bytes: u64,
}

/// Runs `cmd` to its end with stderr to `log`; an exit other than 0 is an error
/// that quotes the log's last lines.
pub fn child(cmd: &mut Command, log: &Path) -> Result<Sample, String> {
    let file = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let started = Instant::now();
    let child = cmd.stdout(Stdio::null()).stderr(file).spawn().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    let pid = libc::pid_t::try_from(child.id()).map_err(|e| e.to_string())?;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data, for which all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child and nothing else waits for it (the `Child` is
    // dropped without `wait`); both out-pointers are valid for writes.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    drop(child);
    if waited != pid {
        return Err(format!("wait4 on {cmd:?}: {}", std::io::Error::last_os_error()));
    }
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(10).collect();
        return Err(format!("{cmd:?} failed:\n{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n")));
    }
    let time = |t: libc::timeval| Duration::new(t.tv_sec.max(0) as u64, (t.tv_usec.max(0) as u32) * 1000);
    // Linux reports ru_maxrss in KiB.
    let peak_bytes = u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024;
    Ok(Sample { wall, cpu: time(usage.ru_utime) + time(usage.ru_stime), peak_bytes })
}

/// `xtask bench-exec PROGRAM ARGS...`: runs the command, prints its [`Sample`].
pub fn exec(command: &[std::ffi::OsString], log: &Path) -> Result<String, String> {
    let (program, args) = command.split_first().ok_or("bench-exec: no command")?;
    let s = child(Command::new(program).args(args), log)?;
    Ok(format!("{} {} {}", s.wall.as_nanos(), s.cpu.as_nanos(), s.peak_bytes))
}

/// Measures `program args` through the trampoline `xtask bench-exec`.
pub fn through(xtask: &Path, program: &Path, args: &[std::ffi::OsString], log: &Path) -> Result<Sample, String> {
    let out = Command::new(xtask)
        .arg("bench-exec")
        .arg(log)
        .arg(program)
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", xtask.display()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!("{} failed: {text}", program.display()));
    }
    let numbers: Vec<u64> = text.split_whitespace().filter_map(|n| n.parse().ok()).collect();
    match numbers[..] {
        [wall, cpu, peak_bytes] => {
            Ok(Sample { wall: Duration::from_nanos(wall), cpu: Duration::from_nanos(cpu), peak_bytes })
        }
        _ => Err(format!("bench-exec printed `{text}`")),
    }
}

pub fn median(values: impl Iterator<Item = Duration>) -> Duration {
    let mut all: Vec<Duration> = values.collect();
    all.sort();
    all.get(all.len() / 2).copied().unwrap_or_default()
}

/// Every `*.md` and `*.mdx` under `dir` (the docs the generator reads),
/// following symlinked folders as the generator does.
pub fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        if meta.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "mdx") {
            out.push(path);
        }
    }
}

/// `(docs, bytes)` of the markdown under `tree`.
pub fn input_size(tree: &Path) -> (usize, u64) {
    let mut files = Vec::new();
    markdown_files(tree, &mut files);
    let bytes = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    (files.len(), bytes)
}
