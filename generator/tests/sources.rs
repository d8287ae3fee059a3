//! Keys and other facts from the SDK's model sources beside its docs (issue
//! 23): found in the checkout, given by `--sources`, turned off by
//! `--no-sources`; what they change, what wins over them, what degrades.

use std::path::Path;
use std::process::{Command, Output};

use docs2rs::ir::{Fact, Field, Ir, ModelKind};
use docs2rs::{Config, SourcesAt};

const DOC: &str = "# User\n\nA user.\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n\
| `userId` | *String* | :heavy_check_mark: | The id. |\n\
| `lastSeen` | *Optional\\<Long>* | :heavy_minus_sign: | When. |\n\
| `name` | *Optional\\<String>* | :heavy_minus_sign: | The name. |\n";

const SOURCE: &str = "package com.example.models.components;\n\npublic class User {\n\
    @JsonProperty(\"user_id\")\n    private String userId;\n\n\
    @JsonInclude(Include.NON_ABSENT)\n    @JsonProperty(\"lastSeen\")\n    private Optional<Long> lastSeen;\n}\n";

/// An SDK checkout: docs under `docs/models`, the model source under `src/`.
fn checkout(source: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &[u8]| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("docs/models/components/user.md", DOC.as_bytes());
    write("src/main/java/com/example/models/components/User.java", source.as_bytes());
    dir
}

fn field<'a>(ir: &'a Ir, printed_rust: &str) -> &'a Field {
    let ModelKind::Struct { fields, .. } = &ir.models[0].kind else { panic!("not a struct") };
    fields.iter().find(|f| f.rust_name == printed_rust).unwrap_or_else(|| panic!("no field {printed_rust}"))
}

fn bin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docs2rs")).args(args).output().unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn keys_come_from_the_sources_of_the_checkout_the_docs_are_in() {
    let sdk = checkout(SOURCE);
    let g = Config::new().generate(sdk.path().join("docs/models")).unwrap();
    let user_id = field(&g.ir, "user_id");
    assert_eq!(user_id.wire_name, "user_id");
    assert!(!user_id.wire_name_inferred);
    let from = user_id.from.iter().find(|p| p.fact == Fact::WireName).expect("provenance of the key");
    assert_eq!(&*from.source.file, "src/main/java/com/example/models/components/User.java");
    assert_eq!((from.source.line, from.source.col), (5, 20), "at the field's name");
    // The key the dialect's rule would have guessed wrong.
    assert_eq!(field(&g.ir, "last_seen").wire_name, "lastSeen");
    // Sources state what the docs cannot: integer kinds stay, `NON_ABSENT` is no null.
    assert_eq!(field(&g.ir, "last_seen").nullable, Some(false));
    // A field the paired class does not declare is none of its JSON keys: the
    // docs' reading stands, and is no guess.
    assert_eq!(field(&g.ir, "name").wire_name, "name");
    assert!(field(&g.ir, "name").from.iter().any(|p| p.fact == Fact::NoKey));
    let report = g.sources.as_ref().expect("a sources report");
    assert_eq!((report.files, report.refined.paired, report.refined.keys), (1, 1, 2));
    let w0007: Vec<_> = g.warnings.iter().filter(|w| w.code == "W0007").collect();
    assert!(w0007.is_empty(), "no key is guessed: {w0007:?}");
}

#[test]
fn without_sources_keys_are_the_dialect_s_guess_and_warn() {
    let sdk = checkout(SOURCE);
    let g = Config::new().sources(SourcesAt::Off).generate(sdk.path().join("docs/models")).unwrap();
    assert_eq!(field(&g.ir, "last_seen").wire_name, "last_seen");
    assert!(field(&g.ir, "last_seen").wire_name_inferred);
    assert!(g.sources.is_none());
    let guessed = g.warnings.iter().filter(|w| w.code == "W0007").count();
    assert_eq!(guessed, 2, "userId and lastSeen are guesses");
}

#[test]
fn sources_named_elsewhere_are_read() {
    let sdk = checkout(SOURCE);
    let docs = tempfile::tempdir().unwrap();
    std::fs::write(docs.path().join("user.md"), DOC).unwrap();
    let g = Config::new().sources(SourcesAt::Dir(sdk.path().join("src"))).generate(docs.path()).unwrap();
    assert_eq!(field(&g.ir, "last_seen").wire_name, "lastSeen");
}

#[test]
fn wire_name_and_wire_case_win_over_the_sources() {
    let sdk = checkout(SOURCE);
    let docs = sdk.path().join("docs/models");
    let g = Config::new().wire_name("User", "lastSeen", "seen").generate(&docs).unwrap();
    assert_eq!(field(&g.ir, "seen").wire_name, "seen");
    assert_eq!(field(&g.ir, "user_id").wire_name, "user_id", "the other keys still come from the sources");
    let g = Config::new().wire_case(docs2rs::WireCase::AsPrinted).generate(&docs).unwrap();
    assert_eq!(field(&g.ir, "user_id").wire_name, "userId");
}

#[test]
fn a_source_not_understood_degrades_with_its_place() {
    let sdk = checkout("public class User {\n    @JsonProperty(KEY)\n    private String userId;\n}\n");
    let g = Config::new().generate(sdk.path().join("docs/models")).unwrap();
    let w = g.warnings.iter().find(|w| w.code == "W0019").expect("a W0019");
    let loc = w.loc.as_ref().unwrap();
    assert!(loc.file.ends_with("src/main/java/com/example/models/components/User.java"), "{loc}");
    assert!(loc.line > 0);
    // The docs' own reading stands: the guess, with its warning.
    assert_eq!(field(&g.ir, "user_id").wire_name, "user_id");
}

#[test]
fn the_binary_says_where_keys_came_from_and_deny_warnings_refuses_guesses() {
    let sdk = checkout(SOURCE);
    let out = sdk.path().join("out");
    let docs = sdk.path().join("docs/models");
    let o = bin(&["--specs", s(&docs), "--out", s(&out), "-v"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("SDK sources: 1 Java files under"), "{stderr}");
    assert!(stderr.contains("3 keys: 2 from the SDK sources, 1 no JSON key in the SDK"), "{stderr}");
    assert!(stderr.contains("wire name of `User.lastSeen` from"), "-v lists each key taken: {stderr}");
    let o = bin(&["--specs", s(&docs), "--out", s(&out), "--no-sources", "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(1), "guessed keys are refused under --deny-warnings");
    assert!(String::from_utf8_lossy(&o.stderr).contains("W0007"));
}

#[test]
fn without_sources_the_docs_evidence_names_the_case() {
    let doc = "# Page\n\nA page: `pageSize`, `nextCursor` and `totalCount` say how far it goes.\n\n## Fields\n\n\
| Field | Type | Required | Description |\n|-|-|-|-|\n\
| `pageSize` | *long* | :heavy_check_mark: | Items a page. |\n\
| `nextCursor` | *String* | :heavy_check_mark: | Where the next page starts. |\n\
| `totalCount` | *long* | :heavy_check_mark: | Items in all. |\n";
    let docs = tempfile::tempdir().unwrap();
    std::fs::write(docs.path().join("page.md"), doc).unwrap();
    let g = Config::new().generate(docs.path()).unwrap();
    let ModelKind::Struct { fields, .. } = &g.ir.models[0].kind else { panic!("not a struct") };
    let keys: Vec<&str> = fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(keys, ["pageSize", "nextCursor", "totalCount"], "the camelCase the docs write, not Java's snake-case guess");
    assert!(fields.iter().all(|f| f.from.iter().any(|p| p.fact == Fact::WireName && p.tree == docs2rs::keys::EVIDENCE)));
    assert_eq!(g.warnings.iter().filter(|w| w.code == "W0007").count(), 0);
    assert_eq!(g.key_case.verdict, Some(docs2rs::WireCase::Camel));
}

/// Every corpus tree (`../shared/corpus`, skipped where missing), read with the
/// SDK sources beside its docs, has no key left to guess: each JSON key is
/// stated by the sources, and every other field is no JSON key in the SDK at
/// all (a response's status or headers, a request's body or parameters).
#[test]
fn with_sources_no_corpus_key_is_a_guess() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        println!("skipped: {} not found", corpus.display());
        return;
    };
    let mut trees: Vec<_> = entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    trees.sort();
    for tree in trees {
        let g = Config::new().generate(&tree).unwrap_or_else(|f| panic!("{}: {f}", tree.display()));
        let report = g.sources.as_ref().unwrap_or_else(|| panic!("{}: no sources read", tree.display()));
        let tally = docs2rs::keys::tally(&g.ir, Some(&report.root));
        assert_eq!(tally.guessed, 0, "{}: {tally}", tree.display());
        let json_keys = tally.keys - tally.no_key;
        assert_eq!(tally.sources, json_keys, "{}: a JSON key the sources do not state: {tally}", tree.display());
        let guesses = g.warnings.iter().filter(|w| w.code == "W0007").count();
        assert_eq!(guesses, 0, "{}", tree.display());
    }
}
