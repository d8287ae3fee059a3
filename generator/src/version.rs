//! The generated crate's `[package] version`: read back from the crate on disk,
//! kept from one generation to the next, and with `--bump` ([`crate::Config::bump`])
//! moved by the semver verdict of the API changes since the IR kept beside it.
//!
//! The rule: a breaking change moves the major number (a 0.x crate: the minor),
//! a compatible one the minor (0.x: the patch), a docs-only one the patch; no
//! change moves nothing. Only the `version` of the `[package]` table is read, line
//! by line: anything but a quoted version there is an error that names its line,
//! never a guess.

use std::io;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Failure, Loc};
use crate::diff::Bump;

/// The version of a crate generated where none was before.
pub const FIRST: &str = "0.1.0";

/// The manifest a crate folder holds.
pub const MANIFEST: &str = "Cargo.toml";

/// The version a generation gives its crate, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionPlan {
    /// The `[package] version` of the crate on disk; `None` when it has no `Cargo.toml`.
    pub current: Option<String>,
    /// The semver bump of the API changes since the IR kept beside the crate;
    /// `None` when no IR was compared.
    pub bump: Option<Bump>,
    /// Whether the version moves by `bump` (`--bump`) or is kept.
    pub bumping: bool,
    /// The version written.
    pub next: String,
}

impl VersionPlan {
    /// The version to write: `current` (or [`FIRST`] for a new crate), moved by
    /// `bump` when `bumping`.
    pub fn new(current: Option<String>, bump: Option<Bump>, bumping: bool) -> Result<Self, VersionError> {
        let next = match (&current, bump) {
            (None, _) => FIRST.to_string(),
            (Some(v), Some(b)) if bumping => bumped(v, b)?,
            (Some(v), _) => v.clone(),
        };
        Ok(VersionPlan { current, bump, bumping, next })
    }

    /// Whether the version written differs from the one on disk.
    pub fn moves(&self) -> bool {
        self.current.as_deref().is_some_and(|c| c != self.next)
    }

    /// Without `--bump`: the version `--bump` would write, when it would move.
    pub fn would_move_to(&self) -> Option<String> {
        let (current, bump) = (self.current.as_deref()?, self.bump?);
        let next = bumped(current, bump).ok()?;
        (!self.bumping && next != current).then_some(next)
    }
}

/// Why a crate's version cannot be kept or moved.
#[derive(Debug, thiserror::Error)]
pub enum VersionError {
    #[error("cannot read `{}`: {source}", path.display())]
    Unreadable { path: PathBuf, source: io::Error },
    #[error("`{}` has no `version` in a `[package]` table", path.display())]
    Missing { path: PathBuf },
    /// A line of the manifest that gives no version the generator can keep.
    #[error("{loc}: {problem}")]
    At { loc: Loc, problem: LineProblem },
    #[error("version `{version}` cannot move: only MAJOR.MINOR.PATCH numbers do (no pre-release or build part)")]
    NotNumbers { version: String },
    #[error("version `{version}` cannot move: its {part} number is at its largest")]
    Overflow { version: String, part: &'static str },
    #[error("the API changes cannot be measured, so the version cannot move: the earlier generation's IR cannot be compared ({reason})")]
    EarlierIr { reason: String },
}

/// What is wrong with the manifest's `version` line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineProblem {
    #[error("the package version is not a quoted version: `{0}`")]
    NotQuoted(String),
    #[error("the package version `{0}` is not a version (MAJOR.MINOR.PATCH)")]
    NotAVersion(String),
    #[error("the package version is given twice (first on line {0})")]
    Twice(u32),
}

impl VersionError {
    /// The diagnostic to report: E0902, at the line concerned, with what to do.
    pub fn diagnostic(&self) -> Diagnostic {
        let d = match self {
            VersionError::At { loc, problem } => Diagnostic::error("E0902", problem.to_string()).at(loc.clone()),
            _ => Diagnostic::error("E0902", self.to_string()),
        };
        match self.help() {
            Some(help) => d.help(help),
            None => d,
        }
    }

    fn help(&self) -> Option<&'static str> {
        let give_one = "give the `[package]` table a line `version = \"MAJOR.MINOR.PATCH\"`, or remove the file to start at 0.1.0";
        match self {
            VersionError::Unreadable { .. } => None,
            VersionError::At { problem: LineProblem::Twice(_), .. } => Some("keep one `version` line in `[package]`"),
            VersionError::Missing { .. } | VersionError::At { .. } => Some(give_one),
            VersionError::NotNumbers { .. } | VersionError::Overflow { .. } => {
                Some("set the version by hand, or run without `--bump` to keep it")
            }
            VersionError::EarlierIr { .. } => {
                Some("run once without `--bump` (it keeps the version and replaces the IR); set the version by hand")
            }
        }
    }

    pub fn failure(&self) -> Failure {
        Failure { diagnostics: vec![self.diagnostic()] }
    }
}

/// The `[package] version` of the crate in `crate_dir`; `None` when it has no
/// `Cargo.toml` (a new crate).
pub fn read(crate_dir: &Path) -> Result<Option<String>, VersionError> {
    let path = crate_dir.join(MANIFEST);
    match std::fs::read_to_string(&path) {
        Ok(text) => package_version(&text, &path).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(VersionError::Unreadable { path, source }),
    }
}

/// The `version` of the `[package]` table of a manifest's text; `path` names it in errors.
pub fn package_version(text: &str, path: &Path) -> Result<String, VersionError> {
    let loc = |line: usize, col: usize| Loc {
        file: path.display().to_string().into(),
        line: u32::try_from(line + 1).unwrap_or(u32::MAX),
        col: u32::try_from(col + 1).unwrap_or(u32::MAX),
    };
    let mut table = None;
    let mut in_multiline: Option<&str> = None;
    let mut found: Option<(String, Loc)> = None;
    for (n, line) in text.lines().enumerate() {
        if let Some(quote) = in_multiline {
            if line.matches(quote).count() % 2 == 1 {
                in_multiline = None;
            }
            continue;
        }
        in_multiline = ["\"\"\"", "'''"].into_iter().find(|q| line.matches(q).count() % 2 == 1);
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(header) = table_header(trimmed) {
            table = Some(header);
            continue;
        }
        if table != Some("package") {
            continue;
        }
        let Some((key, value)) = trimmed.split_once('=') else { continue };
        let key = key.trim();
        if !(key == "version" || key == "\"version\"" || key == "'version'" || key.starts_with("version.")) {
            continue;
        }
        if let Some((_, first)) = &found {
            return Err(VersionError::At { loc: loc(n, indent), problem: LineProblem::Twice(first.line) });
        }
        let value_at = loc(n, line.len() - value.trim_start().len());
        let Some(version) = quoted(value) else {
            let problem = LineProblem::NotQuoted(trimmed.trim_end().to_string());
            return Err(VersionError::At { loc: value_at, problem });
        };
        if !is_version(version) {
            return Err(VersionError::At { loc: value_at, problem: LineProblem::NotAVersion(version.to_string()) });
        }
        found = Some((version.to_string(), loc(n, indent)));
    }
    found.map(|(v, _)| v).ok_or_else(|| VersionError::Missing { path: path.to_path_buf() })
}

/// The table a header line opens (`package` for `[ package ] # comment`); `""`
/// for a header of no name this reads (`[[bin]]` and the like), so that it ends
/// the `[package]` table too; `None` for a line that is no header.
fn table_header(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('[')?;
    let name = rest.split_once(']').map_or("", |(name, after)| {
        let after = after.trim_start();
        if after.is_empty() || after.starts_with('#') { name.trim() } else { "" }
    });
    Some(name)
}

/// The text of a one-line `"..."` or `'...'` string without escapes, followed by
/// nothing but a comment.
fn quoted(value: &str) -> Option<&str> {
    let value = value.trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let (inner, after) = value[1..].split_once(quote)?;
    let after = after.trim_start();
    let ends = after.is_empty() || after.starts_with('#');
    (ends && !inner.contains('\\')).then_some(inner)
}

/// Whether `v` looks like a semver version: digits and dots, then at most a
/// pre-release and build part of the characters semver allows. Checked so that
/// nothing read can change the meaning of the manifest it is written back into.
fn is_version(v: &str) -> bool {
    let numbers = v.split(['-', '+']).next().unwrap_or_default();
    let parts: Vec<&str> = numbers.split('.').collect();
    let rest_ok = v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'));
    parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) && rest_ok
}

/// `version` moved by `bump`: a 0.x crate moves one place lower for a major or
/// minor bump (a breaking change moves its minor number, a compatible one its patch).
pub fn bumped(version: &str, bump: Bump) -> Result<String, VersionError> {
    if bump == Bump::None {
        return Ok(version.to_string());
    }
    let not_numbers = || VersionError::NotNumbers { version: version.to_string() };
    let numbers: Vec<u64> = version.split('.').map(|p| number(p).ok_or_else(not_numbers)).collect::<Result<_, _>>()?;
    let [major, minor, patch] = numbers[..] else { return Err(not_numbers()) };
    let bump = match bump {
        Bump::Major if major == 0 => Bump::Minor,
        Bump::Minor if major == 0 => Bump::Patch,
        b => b,
    };
    let up = |n: u64, part| n.checked_add(1).ok_or(VersionError::Overflow { version: version.to_string(), part });
    Ok(match bump {
        Bump::Major => format!("{}.0.0", up(major, "major")?),
        Bump::Minor => format!("{major}.{}.0", up(minor, "minor")?),
        Bump::Patch | Bump::None => format!("{major}.{minor}.{}", up(patch, "patch")?),
    })
}

/// A number of a version: digits only, no leading zero (semver's rule).
fn number(part: &str) -> Option<u64> {
    let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    (digits && (part == "0" || !part.starts_with('0'))).then(|| part.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version_of(text: &str) -> Result<String, VersionError> {
        package_version(text, Path::new("c/Cargo.toml"))
    }

    #[test]
    fn each_verdict_moves_its_number() {
        let cases = [
            ("1.2.3", Bump::Major, "2.0.0"),
            ("1.2.3", Bump::Minor, "1.3.0"),
            ("1.2.3", Bump::Patch, "1.2.4"),
            ("1.2.3", Bump::None, "1.2.3"),
            // A 0.x crate: breaking -> minor, compatible -> patch, cosmetic -> patch.
            ("0.1.0", Bump::Major, "0.2.0"),
            ("0.1.0", Bump::Minor, "0.1.1"),
            ("0.1.0", Bump::Patch, "0.1.1"),
            ("0.1.0", Bump::None, "0.1.0"),
            ("0.0.7", Bump::Major, "0.1.0"),
            ("0.0.7", Bump::Minor, "0.0.8"),
            ("9.19.99", Bump::Minor, "9.20.0"),
        ];
        for (from, bump, to) in cases {
            assert_eq!(bumped(from, bump).unwrap(), to, "{from} by {bump:?}");
        }
    }

    #[test]
    fn only_plain_numbers_move_and_none_overflows() {
        for v in ["1.0.0-alpha.1", "1.0.0+build", "1.2", "1.2.3.4", "01.2.3", "a.b.c", ""] {
            assert!(matches!(bumped(v, Bump::Patch), Err(VersionError::NotNumbers { .. })), "{v}");
            assert_eq!(bumped(v, Bump::None).unwrap(), v, "no bump keeps even {v}");
        }
        let max = format!("1.2.{}", u64::MAX);
        assert!(matches!(bumped(&max, Bump::Patch), Err(VersionError::Overflow { part: "patch", .. })));
        assert_eq!(bumped(&max, Bump::Minor).unwrap(), "1.3.0");
    }

    #[test]
    fn the_plan_keeps_the_version_unless_bumping() {
        let plan = |current: Option<&str>, bump, bumping| {
            VersionPlan::new(current.map(str::to_string), bump, bumping).unwrap()
        };
        let kept = plan(Some("0.3.1"), Some(Bump::Major), false);
        assert_eq!((kept.next.as_str(), kept.moves(), kept.would_move_to()), ("0.3.1", false, Some("0.4.0".into())));
        let moved = plan(Some("0.3.1"), Some(Bump::Major), true);
        assert_eq!((moved.next.as_str(), moved.moves(), moved.would_move_to()), ("0.4.0", true, None));
        assert_eq!(plan(Some("0.3.1"), Some(Bump::None), true).next, "0.3.1");
        assert!(!plan(Some("0.3.1"), Some(Bump::None), true).moves());
        // No IR compared: nothing to measure, the version stays.
        assert_eq!(plan(Some("2.0.0"), None, true).next, "2.0.0");
        // A new crate starts at 0.1.0, whatever the bump.
        let new = plan(None, Some(Bump::Major), true);
        assert_eq!((new.next.as_str(), new.moves()), (FIRST, false));
        // A version that cannot move fails only when it must move.
        assert_eq!(plan(Some("1.0.0-rc.1"), Some(Bump::Minor), false).next, "1.0.0-rc.1");
        assert!(VersionPlan::new(Some("1.0.0-rc.1".into()), Some(Bump::Minor), true).is_err());
    }

    #[test]
    fn reads_the_package_version_and_only_it() {
        let generated = "# @generated by docs2rs from `specs`. Do not edit by hand.\n[package]\nname = \"generated\"\nversion = \"0.4.2\"\nedition = \"2021\"\n\n[dependencies]\nserde = { version = \"1.0.184\" }\n\n[workspace]\n";
        assert_eq!(version_of(generated).unwrap(), "0.4.2");
        let hand = "[dependencies]\nserde = { version = \"1\" }\nversion = \"9.9.9\"\n\n[ package ] # the crate\n  version = '1.2.3-rc.1+b7'   # set by hand\ndescription = \"\"\"\n[package]\nversion = \"6.6.6\"\n\"\"\"\n[package.metadata]\nversion = \"7.7.7\"\n";
        assert_eq!(version_of(hand).unwrap(), "1.2.3-rc.1+b7");
    }

    #[test]
    fn a_hand_edited_manifest_is_an_error_that_names_its_line() {
        let missing = version_of("[package]\nname = \"x\"\n[dependencies]\nversion = \"1.0.0\"\n").unwrap_err();
        assert!(matches!(missing, VersionError::Missing { .. }), "{missing}");
        assert!(matches!(version_of("").unwrap_err(), VersionError::Missing { .. }));

        let inherited = version_of("[package]\nname = \"x\"\nversion.workspace = true\n").unwrap_err();
        let VersionError::At { loc, problem: LineProblem::NotQuoted(found) } = &inherited else { panic!("{inherited}") };
        assert_eq!((loc.line, loc.col, found.as_str()), (3, 21, "version.workspace = true"));
        assert!(inherited.to_string().starts_with("c/Cargo.toml:3:21: the package version is not a quoted"), "{inherited}");
        let d = inherited.diagnostic();
        assert_eq!((d.code, d.loc.as_ref().map(|l| l.line)), ("E0902", Some(3)));

        for bad in ["version = 1", "version = \"1.0.0", "version = \"1.0.0\" trailing", "version = \"1.\\u0030.0\"", "version = \"1.0.0\\\" \""] {
            let e = version_of(&format!("[package]\n{bad}\n")).unwrap_err();
            assert!(matches!(e, VersionError::At { problem: LineProblem::NotQuoted(_), .. }), "{bad}: {e}");
        }
        // Read back into a manifest, nothing but a version may be written.
        for bad in ["version = \"\"", "version = \"latest\"", "version = '1.0.0\" x'", "version = \"1.0.0 \""] {
            let e = version_of(&format!("[package]\n{bad}\n")).unwrap_err();
            assert!(matches!(e, VersionError::At { problem: LineProblem::NotAVersion(_), .. }), "{bad}: {e}");
        }
        let twice = version_of("[package]\nversion = \"1.0.0\"\nversion = \"2.0.0\"\n").unwrap_err();
        let VersionError::At { loc, problem: LineProblem::Twice(first) } = &twice else { panic!("{twice}") };
        assert_eq!((*first, loc.line), (2, 3));
    }

    #[test]
    fn a_missing_manifest_is_a_new_crate_and_an_unreadable_one_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(dir.path()).unwrap(), None);
        std::fs::create_dir(dir.path().join(MANIFEST)).unwrap();
        let e = read(dir.path()).unwrap_err();
        assert!(matches!(e, VersionError::Unreadable { .. }), "{e}");
        assert!(e.to_string().contains("Cargo.toml"), "{e}");
    }
}
