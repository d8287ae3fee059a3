//! A docs folder is read, its dialect detected and its docs lowered one doc at a
//! time, with a dialect guessed from the first docs (`docs2rs::front`); docs given
//! in memory are all parsed first, then detected, then lowered. Whatever the
//! first docs suggest, both must give the same crate, or the same errors.

use docs2rs::{Config, Diagnostic};

/// More docs than the sample that guesses the dialect (256).
const MANY: usize = 300;

fn enum_doc(i: usize) -> String {
    format!("# E{i}\n\n## Values\n\n| Name | Value |\n|-|-|\n| `A` | a |\n")
}

fn struct_doc(title: &str, ty: &str) -> String {
    format!("# {title}\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n| `f` | {ty} | :heavy_check_mark: | N/A |\n")
}

/// Codes, messages and places, with the folder's path taken off.
fn plain(diagnostics: &[Diagnostic], root: &std::path::Path) -> Vec<String> {
    let root = format!("{}/", root.display());
    diagnostics.iter().map(|d| format!("{d:?}").replace(&root, "")).collect()
}

/// Generates `files` from a folder and from memory, and asserts both agree;
/// returns the folder's result as `Ok(models)` or `Err(codes)`.
fn both(files: &[(String, Vec<u8>)]) -> Result<usize, Vec<&'static str>> {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let from_folder = Config::new().generate(dir.path());
    let in_memory = Config::new().generate_sources(files.to_vec());
    match (from_folder, in_memory) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.ir, b.ir);
            assert_eq!(plain(&a.warnings, dir.path()), plain(&b.warnings, dir.path()));
            Ok(a.ir.models.len())
        }
        (Err(a), Err(b)) => {
            assert_eq!(plain(&a.diagnostics, dir.path()), plain(&b.diagnostics, dir.path()));
            Err(a.diagnostics.iter().map(|d| d.code).collect())
        }
        (a, b) => panic!("the folder gives {:?}, memory {:?}", a.map(|g| g.ir.models.len()), b.map(|g| g.ir.models.len())),
    }
}

#[test]
fn first_docs_without_types_do_not_decide_the_dialect() {
    // The sample has no Type cell: the guess is the first dialect (Ruby Sorbet),
    // the count says Python, and every doc is lowered again in Python.
    let mut files: Vec<(String, Vec<u8>)> = (0..MANY).map(|i| (format!("a/e{i:03}.md"), enum_doc(i).into_bytes())).collect();
    files.extend((0..20).map(|i| (format!("b/p{i:02}.md"), struct_doc(&format!("P{i}"), "*str*").into_bytes())));
    assert_eq!(both(&files), Ok(MANY + 20));
}

#[test]
fn first_docs_in_another_dialect_are_outvoted() {
    // The sample is all Ruby Sorbet, most docs are Python: Python wins, and the
    // Sorbet cells fall back to any JSON value, as when every doc is parsed first.
    let mut files: Vec<(String, Vec<u8>)> =
        (0..MANY).map(|i| (format!("a/s{i:03}.md"), struct_doc(&format!("S{i}"), "*T::Boolean*").into_bytes())).collect();
    files.extend((0..MANY + 10).map(|i| (format!("b/p{i:03}.md"), struct_doc(&format!("P{i}"), "*str*").into_bytes())));
    assert_eq!(both(&files), Ok(2 * MANY + 10));
    let generation = Config::new().generate_sources(files).unwrap();
    assert_eq!(generation.ir.dialect, "python");
    assert_eq!(generation.ir.fallbacks().degraded_fields, MANY);
    assert_eq!(generation.warnings.iter().filter(|w| w.code == "W0010").count(), MANY);
}

#[test]
fn a_guess_the_count_confirms_is_kept() {
    let files: Vec<(String, Vec<u8>)> =
        (0..MANY).map(|i| (format!("m/s{i:03}.md"), struct_doc(&format!("S{i}"), "*T::Boolean*").into_bytes())).collect();
    assert_eq!(both(&files), Ok(MANY));
}

#[test]
fn unreadable_docs_and_unknown_dialects_fail_alike() {
    let bad = vec![b'#', b' ', 0xff, b'\n'];
    // Readable docs in a dialect, and one unreadable doc.
    let mut files = vec![("m/bad.md".to_string(), bad.clone())];
    files.extend((0..MANY).map(|i| (format!("m/s{i:03}.md"), struct_doc(&format!("S{i}"), "*T::Boolean*").into_bytes())));
    assert_eq!(both(&files), Err(vec!["E0004"]));
    // No dialect reads any cell: that is the error, unless a doc cannot be read.
    let nonsense = |i: usize| (format!("m/n{i:03}.md"), struct_doc(&format!("N{i}"), "@@@").into_bytes());
    let files: Vec<(String, Vec<u8>)> = (0..MANY).map(nonsense).collect();
    assert_eq!(both(&files), Err(vec!["E0006"]));
    let mut files = vec![("m/bad.md".to_string(), bad)];
    files.extend((0..MANY).map(nonsense));
    assert_eq!(both(&files), Err(vec!["E0004"]));
}
