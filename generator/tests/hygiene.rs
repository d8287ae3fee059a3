//! Generated code names every std, serde and support item by a path no model
//! can shadow. A tree whose titles are the Rust prelude's names, the std and
//! serde items the code uses, primitive types' names and the support module's
//! own, as structs, enums, unions and models of no fields that name each
//! other, makes a crate that `cargo clippy` passes with warnings denied and
//! whose every model reads and writes its JSON unchanged. One crate build, in
//! a target folder of its own (its dependencies are built once and kept).

use std::path::{Path, PathBuf};
use std::process::Command;

use docs2rs::{Config, Mode};

/// Every name of the Rust 2021 prelude.
const PRELUDE: &[&str] = &[
    "Copy", "Send", "Sized", "Sync", "Unpin", "Drop", "Fn", "FnMut", "FnOnce", "Box", "ToOwned", "Clone",
    "PartialEq", "PartialOrd", "Eq", "Ord", "AsRef", "AsMut", "Into", "From", "Default", "Iterator", "Extend",
    "IntoIterator", "DoubleEndedIterator", "ExactSizeIterator", "Option", "Some", "None", "Result", "Ok", "Err",
    "String", "ToString", "Vec", "TryFrom", "TryInto", "FromIterator",
];

/// The std and serde items the generated code and its support module use.
const USED: &[&str] = &[
    "Debug", "Hash", "Display", "FromStr", "Formatter", "Infallible", "Serialize", "Deserialize", "Serializer",
    "Deserializer", "Visitor", "MapAccess", "SeqAccess", "SerializeMap", "DeserializeOwned", "DeserializeSeed",
    "IgnoredAny", "Error", "Value", "Map", "Number", "BTreeMap", "Cell", "PhantomData", "Self",
];

/// The support module's names.
const SUPPORT: &[&str] = &[
    "Bytes", "BytesVisitor", "Shape", "Key", "Rest", "Owned", "Read", "Elements", "Absent", "Budget", "Take",
    "Items", "Entries", "Rank", "Write", "Support", "ANY", "OBJECT", "NULL", "HANDOFF",
];

/// Lowercase titles, in a folder of their own: `drop` and `Drop` would be one Rust name.
const LOWER: &[&str] = &["bool", "str", "char", "i64", "u8", "f64", "usize", "drop", "object", "string_enum", "union"];

/// Field names that the support macros' own locals might take.
const FIELDS: &[&str] = &["map", "next", "key", "keep", "index", "seq", "value", "none", "some", "default", "self", "type"];

const HEAD: &str = "| Field | Type | Required | Description |\n|-|-|-|-|\n";

/// A tree of models named `names` in `folder`: by position, a struct, an enum,
/// a union (the inline union of the struct before it) and a doc of no fields,
/// in turn. Each struct names the next struct, the enum after it, its union
/// (which holds the struct itself) and the doc of no fields.
fn docs(root: &Path, folder: &str, names: &[&str]) {
    let dir = root.join("docs/models").join(folder);
    std::fs::create_dir_all(&dir).unwrap();
    let module: String = folder.chars().take(1).flat_map(char::to_uppercase).chain(folder.chars().skip(1)).collect();
    let link = |i: usize| {
        let name = names[i % names.len()];
        (format!("::Acme::{module}::{name}"), format!("{}.md", name.to_lowercase()))
    };
    for (i, name) in names.iter().enumerate() {
        let text = match i % 4 {
            0 => {
                let (next, next_file) = link(i + 4);
                let (own, _) = link(i);
                let (enum_ty, enum_file) = link(i + 1);
                let (_, union_file) = link(i + 2);
                let (open, open_file) = link(i + 3);
                let mut rows = vec![
                    format!("| `flag` | *T::Boolean* | :heavy_check_mark: | N/A |"),
                    format!("| `next` | [T.nilable({next})]({next_file}) | :heavy_minus_sign: | N/A |"),
                    format!("| `list` | T::Array<[{next}]({next_file})> | :heavy_minus_sign: | N/A |"),
                    format!("| `kind` | [{enum_ty}]({enum_file}) | :heavy_check_mark: | N/A |"),
                    format!("| `either` | [T.nilable(T.any(::String, T::Boolean, {own}))]({union_file}) | :heavy_minus_sign: | N/A |"),
                    format!("| `open` | [T.nilable({open})]({open_file}) | :heavy_check_mark: | N/A |"),
                    format!("| `tags` | T::Hash[Symbol, *::String*] | :heavy_minus_sign: | N/A |"),
                    format!("| `count` | *T.nilable(::Integer)* | :heavy_minus_sign: | N/A |"),
                ];
                rows.extend(FIELDS.iter().map(|f| format!("| `{f}` | *::String* | :heavy_minus_sign: | N/A |")));
                format!("# {name}\n\n## Fields\n\n{HEAD}{}\n", rows.join("\n"))
            }
            // String enums whose values are prelude names, and number enums.
            1 if i % 8 == 1 => "# NAME\n\n## Values\n\n| Name | Value |\n|-|-|\n| `SOME` | Some |\n| `NONE` | None |\n\
                 | `OK` | Ok |\n| `DEFAULT` | Default |\n| `SELF` | self |\n| `UNKNOWN` | unknown |\n| `STRING` | String |\n"
                .replace("NAME", name),
            1 => format!("# {name}\n\n## Values\n\n| Name | Value |\n|-|-|\n| `ZERO` | 0 |\n| `HALF` | 0.5 |\n| `MINUS` | -1 |\n"),
            // The union is the inline union that links here.
            2 => format!("# {name}\n"),
            // Said to be an object, or not.
            _ if i % 8 == 3 => format!("# {name}\n\nAn object of any keys.\n\n## Fields\n\n{HEAD}"),
            _ => format!("# {name}\n\n## Fields\n\n{HEAD}"),
        };
        std::fs::write(dir.join(format!("{}.md", name.to_lowercase())), text).unwrap();
    }
}

/// Where the crate is built: a folder of its own beside the tests' target
/// folder, kept between runs so that serde is built once.
fn build_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("hygiene")
}

fn cargo(dir: &Path, target: &Path, args: &[&str]) -> std::process::Output {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("CARGO_MAKEFLAGS")
        .output()
        .expect("cargo runs")
}

#[test]
fn models_named_after_prelude_std_serde_and_support_items_compile_clean_and_round_trip() {
    let specs = tempfile::tempdir().unwrap();
    let mut names: Vec<&str> = PRELUDE.iter().chain(USED).chain(SUPPORT).copied().collect();
    // A last struct with no names to link beyond it.
    names.extend(["Last", "LastKind", "LastUnion", "LastOpen"].iter().take((4 - names.len() % 4) % 4));
    docs(specs.path(), "shared", &names);
    docs(specs.path(), "prims", LOWER);
    let mut config = Config::new();
    config.dialect("ruby-sorbet").crate_name("hygiene");
    let generation = config.generate(specs.path()).unwrap_or_else(|f| panic!("{f}"));
    let fallbacks: Vec<_> = generation.warnings.iter().filter(|w| matches!(w.code, "W0010" | "W0011")).collect();
    assert!(fallbacks.is_empty(), "every type is read and found: {fallbacks:#?}");
    let base = build_dir();
    let out = base.join("crate");
    // Only what this run writes: a model of an earlier run's tree would stay.
    let _ = std::fs::remove_dir_all(out.join("src"));
    generation.write_crate(&out, Mode::Write).unwrap_or_else(|f| panic!("{f}"));
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    // The workspace's versions of serde and serde_json: no registry lookup.
    std::fs::copy(lock, out.join("Cargo.lock")).unwrap();
    let test = docs2rs::emit::roundtrip_test(&generation.ir, "hygiene").unwrap();
    std::fs::create_dir_all(out.join("tests")).unwrap();
    std::fs::write(out.join("tests/roundtrip.rs"), test).unwrap();
    let instances = serde_json::to_string(&docs2rs::instances::instances(&generation.ir)).unwrap();
    std::fs::write(out.join("tests/instances.json"), instances).unwrap();

    let target = base.join("target");
    let clippy = cargo(&out, &target, &["clippy", "--all-targets", "--", "-D", "warnings"]);
    assert!(clippy.status.success(), "cargo clippy:\n{}", String::from_utf8_lossy(&clippy.stderr));
    let test = cargo(&out, &target, &["test", "--", "--nocapture"]);
    let stdout = String::from_utf8_lossy(&test.stdout);
    assert!(test.status.success(), "cargo test:\n{stdout}\n{}", String::from_utf8_lossy(&test.stderr));
    assert!(stdout.contains("failures=0"), "{stdout}");
}
