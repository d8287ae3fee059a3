//! `generated/` must be exactly what `specs/` produce (as `cargo xtask codegen
//! --check` also verifies): a stale checked-in crate fails here.

use std::path::Path;

use docs2rs::{Config, Mode};

#[test]
fn generated_crate_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let report = Config::new()
        .source_label("specs")
        .standalone(false)
        .generate(root.join("specs"))
        .unwrap_or_else(|f| panic!("{f}"))
        .write_crate(root.join("generated"), Mode::Check)
        .unwrap_or_else(|f| panic!("{f}"));
    assert!(report.is_clean(), "generated/ is stale, run `cargo xtask codegen`: {:?}", report.changes);
}

#[test]
fn check_mode_reports_a_stale_file_and_writes_nothing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let generation = Config::new().generate(root.join("specs")).unwrap();
    generation.write_crate(dir.path(), Mode::Write).unwrap();
    let lib = dir.path().join("src/lib.rs");
    std::fs::write(&lib, "// edited by hand\n").unwrap();
    let report = generation.write_crate(dir.path(), Mode::Check).unwrap();
    assert_eq!(report.changes, vec![("src/lib.rs".to_string(), docs2rs::Change::Modified)]);
    assert_eq!(std::fs::read_to_string(&lib).unwrap(), "// edited by hand\n");
}
