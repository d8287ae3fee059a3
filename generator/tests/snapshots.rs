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

fn fixture(dialect: &str) -> PathBuf {
    root().join("generator/tests/fixtures").join(dialect)
}

#[test]
fn fixture_python() {
    snapshot_tree("python", &fixture("python"));
}

#[test]
fn fixture_java() {
    snapshot_tree("java", &fixture("java"));
}

#[test]
fn fixture_csharp() {
    snapshot_tree("csharp", &fixture("csharp"));
}

#[test]
fn fixture_php() {
    snapshot_tree("php", &fixture("php"));
}

#[test]
fn fixture_typescript() {
    snapshot_tree("typescript", &fixture("typescript"));
}

#[test]
fn fixture_go() {
    snapshot_tree("go", &fixture("go"));
}

/// The fixtures describe one `Account` model in six dialects: detection names
/// each, and every one gives the same wire names, types where the dialect can
/// say them, and nullability only where it can.
#[test]
fn every_dialect_reads_the_same_account() {
    use docs2rs::ir::{ModelKind, TypeRef};
    let shared = [
        ("id", TypeRef::String),
        ("user_id", TypeRef::Integer),
        ("display_name", TypeRef::String),
        ("tags", TypeRef::Array(Box::new(TypeRef::String))),
        ("metadata", TypeRef::Map(Box::new(TypeRef::Any))),
        ("created_at", TypeRef::DateTime),
    ];
    // Whether `display_name` (optional) is nullable, as each dialect can say it.
    let cases = [
        ("python", Some(true)),
        ("java", Some(true)),
        ("csharp", None),
        ("php", None),
        ("typescript", None),
        ("go", None),
    ];
    for (dialect, display_nullable) in cases {
        let ir = Config::new().generate(fixture(dialect)).unwrap_or_else(|f| panic!("{dialect}: {f}")).ir;
        assert_eq!(ir.dialect, dialect);
        let account = ir.models.iter().find(|m| m.rust_name == "Account").expect("Account");
        let ModelKind::Struct { fields, .. } = &account.kind else { panic!("{dialect}: Account is no struct") };
        for (wire, ty) in &shared {
            let f = fields.iter().find(|f| f.wire_name == *wire).unwrap_or_else(|| panic!("{dialect}: no `{wire}`"));
            let expected = match (dialect, ty) {
                ("typescript", TypeRef::Integer) => &TypeRef::Number,
                _ => ty,
            };
            assert_eq!(&f.ty, expected, "{dialect}: type of `{wire}`");
            assert_eq!(f.wire_name_inferred, !matches!(dialect, "python"), "{dialect}: `{wire}`");
        }
        let display = fields.iter().find(|f| f.wire_name == "display_name").expect("display_name");
        assert!(!display.required);
        assert_eq!(display.nullable, display_nullable, "{dialect}");
        let status = fields.iter().find(|f| f.wire_name == "status").expect("status");
        assert_eq!(status.ty, TypeRef::Model(format!("{}::AccountStatus", account.module).into()), "{dialect}");
    }
}

#[test]
fn a_wire_name_override_replaces_the_inferred_key() {
    let ir = Config::new().wire_name("Account", "APIURL", "apiURL").generate(fixture("go")).unwrap().ir;
    let account = ir.models.iter().find(|m| m.rust_name == "Account").unwrap();
    let docs2rs::ir::ModelKind::Struct { fields, .. } = &account.kind else { panic!() };
    let f = fields.iter().find(|f| f.wire_name == "apiURL").expect("overridden");
    assert!(!f.wire_name_inferred);
    assert!(fields.iter().any(|f| f.wire_name == "portal_url" && f.wire_name_inferred));
    let err = Config::new().wire_name("Account", "Nope", "x").generate(fixture("go")).unwrap_err();
    assert_eq!(err.diagnostics[0].code, "E0008");
}

#[test]
fn same_input_same_bytes() {
    let specs = root().join("specs");
    let a = Config::new().generate(&specs).unwrap().files().unwrap();
    let b = Config::new().generate(&specs).unwrap().files().unwrap();
    assert_eq!(a, b);
}
