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

#[test]
fn the_kept_ir_is_written_and_checked_like_any_generated_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let generation = Config::new().generate(root.join("specs")).unwrap();
    generation.write_crate(dir.path(), Mode::Write).unwrap();
    let kept = dir.path().join(docs2rs::ir_file::FILE_NAME);
    let read_back = docs2rs::ir_file::read(dir.path()).unwrap().expect("the IR is kept beside the crate");
    assert_eq!(read_back.models.len(), generation.ir.models.len());
    std::fs::write(&kept, "{}\n").unwrap();
    let report = generation.write_crate(dir.path(), Mode::Check).unwrap();
    assert_eq!(report.changes, vec![(docs2rs::ir_file::FILE_NAME.to_string(), docs2rs::Change::Modified)]);
    std::fs::remove_file(&kept).unwrap();
    let report = generation.write_crate(dir.path(), Mode::Check).unwrap();
    assert_eq!(report.changes, vec![(docs2rs::ir_file::FILE_NAME.to_string(), docs2rs::Change::Added)]);
    assert!(!kept.exists(), "check wrote");
}

/// The wire harness reads each title as one type: where models share a title,
/// the one of the module the crate root prefers, and its docs say so.
#[test]
fn the_wire_harness_reads_each_title_as_one_type() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut ir = Config::new().generate(root.join("specs")).unwrap().ir;
    let mut twin = ir.models.iter().find(|m| m.module == "shared").unwrap().clone();
    twin.module = "operations".into();
    twin.id = docs2rs::ir::model_id(&twin.module, &twin.rust_name);
    ir.models.insert(0, twin.clone());
    let harness = docs2rs::emit::wire_test(&ir, "wire-specs").unwrap();
    for m in &ir.models {
        assert!(harness.contains(&format!("\"{}\" =>", m.title)), "no arm for {}", m.title);
    }
    let arm = |module: &str| format!("\"{}\" => roundtrip::<wire_specs::{module}::{}>", twin.title, twin.rust_name);
    assert!(harness.contains(&arm("shared")) && !harness.contains(&arm("operations")), "{harness}");
    assert!(harness.contains(&format!("`{}`: `shared::{}`, `operations::{}`", twin.title, twin.rust_name, twin.rust_name)), "{harness}");
    assert!(harness.contains("WIRE_INSTANCES") && harness.contains("WIRE_RESULTS"));
    // The specs deprecate a model: the harness, which names it, allows that for itself.
    assert!(harness.contains("#![allow(deprecated)]"), "{harness}");
}
