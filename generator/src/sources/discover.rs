//! Where an SDK's model sources are, and reading them all.
//!
//! Users get the docs by cloning the SDK, so the sources are usually at hand:
//! the docs folder is the checkout itself, or sits in it (`sdk/docs/models`).
//! The files read are those of the language's extensions under the checkout;
//! where some are under a `models` folder (every Speakeasy generation puts its
//! models there), only those.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{not_read, FileFacts, Language, SourceModel};
use crate::diag::{Diagnostic, Loc};

/// A source file larger than this is not read (no generated model file comes close).
const MAX_FILE: u64 = 16 << 20;

/// Folders never holding an SDK's own model sources: dependencies, build
/// output, the docs, version control.
const SKIPPED: &[&str] = &["node_modules", "target", "dist", "build", "vendor", "bin", "obj", "docs", "tests", "test", "__pycache__"];

/// The sources of one SDK, read.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The checkout the files were found under, as given or found: names it in
    /// messages and in the IR's provenance.
    pub root: PathBuf,
    pub language: &'static dyn Language,
    /// Every model of every file, files in path order.
    pub models: Vec<SourceModel>,
    pub files: usize,
    /// W0019s, their files relative to `root`.
    pub warnings: Vec<Diagnostic>,
}

impl std::fmt::Debug for dyn Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The SDK checkout that a docs folder is part of: the folder itself, or the
/// parent of the nearest enclosing `docs` folder.
pub fn checkout_of(specs: &Path) -> PathBuf {
    let mut at = specs;
    while let Some(parent) = at.parent() {
        if at.file_name().is_some_and(|n| n.eq_ignore_ascii_case("docs")) {
            return parent.to_path_buf();
        }
        at = parent;
    }
    specs.to_path_buf()
}

/// `root` as seen from `specs`: `specs.join(relative_to(root, specs))` is
/// `root` (`../..` for docs at `root/docs/models`), so that warnings about
/// source files are named from the docs folder, as every other warning is.
pub fn relative_to(root: &Path, specs: &Path) -> PathBuf {
    match specs.strip_prefix(root) {
        Ok(below) => below.components().map(|_| std::path::Component::ParentDir).collect(),
        Err(_) => std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()),
    }
}

/// Reads every source file of `language` under `root`, on every core.
pub fn read(root: &Path, language: &'static dyn Language) -> Sources {
    read_listed(root, &list(root), language)
}

/// Every file under `root` outside the skipped folders, relative to it and in
/// path order, for [`read_listed`]: a listing needs no language, so it can be
/// taken while the docs are still being read and their dialect is not yet known.
pub fn list(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    walk(root, Path::new(""), &mut files, 0);
    files
}

/// Reads every source file of `language` among those [`list`] found under
/// `root`, in path order, on every core.
pub fn read_listed(root: &Path, listed: &[PathBuf], language: &'static dyn Language) -> Sources {
    let claimed = |p: &&PathBuf| p.file_name().is_some_and(|name| claims(language, &name.to_string_lossy()));
    let mut files: Vec<PathBuf> = listed.iter().filter(claimed).cloned().collect();
    let in_models: Vec<PathBuf> = files.iter().filter(|p| in_folder(p, "models")).cloned().collect();
    if !in_models.is_empty() {
        files = in_models;
    }
    // `list` gives path order; any other listing is sorted (models, warnings and
    // the IR follow this order).
    if !files.is_sorted() {
        files.sort();
    }
    let facts: Vec<FileFacts> = files.par_iter().map(|rel| read_file(root, rel, language)).collect();
    let mut sources = Sources { root: root.to_path_buf(), language, models: Vec::new(), files: files.len(), warnings: Vec::new() };
    for f in facts {
        sources.models.extend(f.models);
        sources.warnings.extend(f.warnings);
    }
    sources
}

/// Whether a folder of `rel`'s path (its file name aside) is named `folder`, in any case.
pub(super) fn in_folder(rel: &Path, folder: &str) -> bool {
    rel.parent().is_some_and(|p| p.components().any(|c| c.as_os_str().eq_ignore_ascii_case(folder)))
}

/// Collects the paths of the files under `root.join(rel)`, relative to `root`,
/// in path order: each folder's names are sorted, and a depth-first walk in
/// that order lists paths in `Path`'s order (component by component), with no
/// sort of whole paths after it. Symlinks are not followed: a loop cannot hold
/// the walk, and a link out of the checkout is not the SDK's.
fn walk(root: &Path, rel: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    // Deeper than any real checkout: a pathological tree cannot exhaust the stack.
    if depth > 32 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(root.join(rel)) else { return };
    let mut entries: Vec<(std::ffi::OsString, std::fs::FileType)> =
        entries.flatten().filter_map(|e| Some((e.file_name(), e.file_type().ok()?))).collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, kind) in entries {
        let path = rel.join(&name);
        if kind.is_dir() {
            let name = name.to_string_lossy();
            if !name.starts_with('.') && !SKIPPED.contains(&name.as_ref()) {
                walk(root, &path, out, depth + 1);
            }
        } else if kind.is_file() {
            out.push(path);
        }
    }
}

fn claims(language: &dyn Language, name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else { return false };
    // TypeScript's declaration files only repeat the sources' types.
    language.extensions().contains(&ext) && !stem.ends_with(".d")
}

fn read_file(root: &Path, rel: &Path, language: &dyn Language) -> FileFacts {
    let file: Arc<str> = rel.to_string_lossy().replace('\\', "/").into();
    let at = Loc { file: file.clone(), line: 1, col: 1 };
    let path = root.join(rel);
    match std::fs::metadata(&path) {
        Ok(m) if m.len() > MAX_FILE => return skipped(at, "it is over 16 MiB"),
        Err(e) => return skipped(at, &format!("it cannot be read ({e})")),
        Ok(_) => {}
    }
    match std::fs::read(&path).map(String::from_utf8) {
        Ok(Ok(text)) => language.read(&file, &text),
        Ok(Err(_)) => skipped(at, "it is not UTF-8"),
        Err(e) => skipped(at, &format!("it cannot be read ({e})")),
    }
}

fn skipped(at: Loc, why: &str) -> FileFacts {
    FileFacts { models: Vec::new(), warnings: vec![not_read(at, "this source file", why)] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checkout_is_above_the_docs_folder() {
        assert_eq!(checkout_of(Path::new("sdk/docs/models")), PathBuf::from("sdk"));
        assert_eq!(checkout_of(Path::new("sdk/Docs")), PathBuf::from("sdk"));
        assert_eq!(checkout_of(Path::new("corpus/python-cribl")), PathBuf::from("corpus/python-cribl"));
        assert_eq!(checkout_of(Path::new("docs")), PathBuf::from(""));
    }

    #[test]
    fn sources_are_named_from_the_docs_folder() {
        assert_eq!(relative_to(Path::new("sdk"), Path::new("sdk/docs/models")), PathBuf::from("../.."));
        assert_eq!(relative_to(Path::new("sdk"), Path::new("sdk")), PathBuf::from(""));
        assert!(relative_to(Path::new("elsewhere"), Path::new("sdk/docs")).is_absolute());
    }

    #[test]
    fn files_under_models_are_preferred_and_others_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (path, text) in [
            ("src/pkg/models/shared/a.py", "x"),
            ("src/pkg/sdk.py", "x"),
            ("node_modules/m/models/b.py", "x"),
            ("docs/models/c.py", "x"),
            ("src/pkg/models/d.txt", "x"),
        ] {
            std::fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
            std::fs::write(root.join(path), text).unwrap();
        }
        let sources = read(root, &super::super::python::Python);
        assert_eq!(sources.files, 1);
    }

    #[test]
    fn the_listing_is_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        // `a.b/x` sorts before `a/b` as a string ('.' < '/'), after it as a path.
        for path in ["a.b/x.py", "a/b.py", "a/b/c.py", "a-c.py", "B.py", "a/a.py"] {
            std::fs::create_dir_all(dir.path().join(path).parent().unwrap()).unwrap();
            std::fs::write(dir.path().join(path), "x").unwrap();
        }
        let listed = list(dir.path());
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(listed, sorted);
        assert_eq!(listed.len(), 6);
        assert_eq!(listed[0], PathBuf::from("B.py"));
    }

    #[test]
    fn a_file_not_utf8_is_a_located_warning() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("models")).unwrap();
        std::fs::write(dir.path().join("models/a.py"), [0xff, 0xfe]).unwrap();
        let sources = read(dir.path(), &super::super::python::Python);
        assert_eq!(sources.warnings.len(), 1);
        assert_eq!(sources.warnings[0].code, super::super::NOT_READ);
        assert_eq!(&*sources.warnings[0].loc.as_ref().unwrap().file, "models/a.py");
    }
}
