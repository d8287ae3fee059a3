//! The generated code, file by file, for the project's own specs and fixtures.
//! `cargo insta review` shows what a change did to the output.

use std::path::{Path, PathBuf};

use docs2rs::Config;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn snapshot_tree(name: &str, specs: &Path) {
    let generation = Config::new()
        .crate_name(name)
        .source_label(name)
        .generate(specs)
        .unwrap_or_else(|f| panic!("{f}"));
    for (path, contents) in generation.files().unwrap() {
        insta::assert_snapshot!(format!("{name}__{}", path.replace('/', "__")), contents);
    }
    insta::assert_snapshot!(format!("{name}__ir.json"), generation.ir.to_json());
}

#[test]
fn specs_ruby_sorbet() {
    snapshot_tree("specs", &root().join("specs"));
}

#[test]
fn fixture_ruby_crystalline() {
    snapshot_tree("crystalline", &root().join("generator/tests/fixtures/crystalline"));
}

#[test]
fn same_input_same_bytes() {
    let specs = root().join("specs");
    let a = Config::new().generate(&specs).unwrap().files().unwrap();
    let b = Config::new().generate(&specs).unwrap().files().unwrap();
    assert_eq!(a, b);
}
