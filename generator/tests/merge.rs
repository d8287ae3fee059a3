//! One crate from several SDKs' docs of one API (issue 17): the corpus's trees
//! of one API merged (`../shared/corpus`, skipped where it is missing), and the
//! binary's `--specs` given twice, with `--check`, the change report and `-v`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use docs2rs::ir::{Fact, Field, Ir, ModelKind, TypeRef};
use docs2rs::{Config, Generation};

/// The corpus trees named, or `None` (the test is skipped) where one is missing.
fn corpus(trees: &[&str]) -> Option<Vec<PathBuf>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent()?.join("../shared/corpus");
    let paths: Vec<PathBuf> = trees.iter().map(|t| root.join(t)).collect();
    if paths.iter().all(|p| p.is_dir()) {
        Some(paths)
    } else {
        println!("skipped: ../shared/corpus/{{{}}} not found", trees.join(","));
        None
    }
}

/// Generates from the docs alone: what merging docs trees gives is under test
/// here, without the SDK sources beside them (tests/sources.rs has those).
fn generate(primary: &Path, secondaries: &[PathBuf]) -> Generation {
    let mut config = Config::new();
    config.sources(docs2rs::SourcesAt::Off);
    for s in secondaries {
        config.secondary_specs(s);
    }
    config.generate(primary).unwrap_or_else(|f| panic!("{f}"))
}

fn fields(ir: &Ir) -> impl Iterator<Item = (&str, &Field)> {
    ir.models.iter().flat_map(|m| match &m.kind {
        ModelKind::Struct { fields, .. } => fields.iter().map(|f| (m.title.as_str(), f)).collect(),
        _ => Vec::new(),
    })
}

fn field<'a>(ir: &'a Ir, model: &str, wire: &str) -> &'a Field {
    fields(ir).find(|(m, f)| *m == model && f.wire_name == wire).map(|(_, f)| f).unwrap_or_else(|| panic!("no {model}.{wire}"))
}

/// Optional fields whose `null` is a value: three states.
fn three_state(ir: &Ir) -> usize {
    fields(ir).filter(|(_, f)| !f.required && f.nullable == Some(true)).count()
}

fn numbers(ir: &Ir) -> usize {
    fn number(ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Number => true,
            TypeRef::Array(t) | TypeRef::Map(t) | TypeRef::Nullable(t) => number(t),
            _ => false,
        }
    }
    fields(ir).filter(|(_, f)| number(&f.ty)).count()
}

fn codes(g: &Generation, code: &str) -> usize {
    g.warnings.iter().filter(|w| w.code == code).count()
}

#[test]
fn ruby_crystalline_clerk_takes_from_python_clerk_which_optional_fields_may_be_null() {
    let Some(t) = corpus(&["ruby-crystalline-clerk", "python-clerk"]) else { return };
    let alone = generate(&t[0], &[]);
    let g = generate(&t[0], &t[1..]);
    assert_eq!(three_state(&alone.ir), 0, "Ruby writes `Nilable` on every optional field");
    assert!(three_state(&g.ir) >= 400, "{} three-state fields", three_state(&g.ir));
    for (model, wire) in [("Session", "actor"), ("Session", "latest_activity"), ("CommercePlanUnitPriceTier", "ends_after_block")] {
        let f = field(&g.ir, model, wire);
        assert_eq!((f.required, f.nullable), (false, Some(true)), "{model}.{wire}");
        let from = f.from.iter().find(|p| p.fact == Fact::Nullable).expect("where it came from");
        assert!(from.tree.ends_with("python-clerk") && from.source.line > 0, "{from:?}");
    }
    assert_eq!(g.ir.models.len(), alone.ir.models.len(), "no model added");
    let wires = |ir: &Ir| fields(ir).map(|(_, f)| f.wire_name.clone()).collect::<Vec<_>>();
    assert_eq!(wires(&g.ir), wires(&alone.ir), "Ruby prints its keys: none changes");
    // Each conflict names the place in both trees.
    let conflicts: Vec<_> = g.warnings.iter().filter(|w| w.code == "W0016").collect();
    assert!(!conflicts.is_empty() && conflicts.len() <= 10, "{}", conflicts.len());
    for c in conflicts {
        assert!(c.loc.as_ref().is_some_and(|l| l.file.contains("ruby-crystalline-clerk/") && l.line > 0), "{c}");
        assert!(c.notes.iter().any(|(_, l)| l.file.contains("python-clerk/") && l.line > 0), "{c}");
    }
    let report = &g.merged[0];
    assert!(report.only_models > 0 && codes(&g, "W0017") == report.only_models + report.only_fields + report.only_members, "{report}");
}

#[test]
fn ruby_crystalline_clerk_takes_nullability_timestamps_and_uploads_from_java_clerk() {
    let Some(t) = corpus(&["ruby-crystalline-clerk", "java-clerk"]) else { return };
    let g = generate(&t[0], &t[1..]);
    assert!(three_state(&g.ir) >= 300, "{}", three_state(&g.ir));
    assert_eq!(field(&g.ir, "ExtendFreeTrialRequest", "extend_to").ty, TypeRef::DateTime, "Ruby has one type for dates and timestamps");
    assert_eq!(field(&g.ir, "UploadOrganizationLogoFile", "content").ty, TypeRef::Binary, "Ruby writes an upload as a string");
    assert!(codes(&g, "W0016") <= 25, "{}", codes(&g, "W0016"));
}

#[test]
fn typescript_unified_takes_every_wire_key_and_number_kind_from_ruby_sorbet_unified() {
    let Some(t) = corpus(&["typescript-unified", "ruby-sorbet-unified"]) else { return };
    let alone = generate(&t[0], &[]);
    let g = generate(&t[0], &t[1..]);
    // Alone, TypeScript's docs state no key: each is its evidence's case or a guess.
    let unstated = |f: &Field| f.wire_name_inferred || docs2rs::merge::matching::by_evidence(f);
    assert!(fields(&alone.ir).all(|(_, f)| unstated(f)));
    assert!(fields(&g.ir).all(|(_, f)| !unstated(f)), "every key printed by Ruby");
    // Left: those of the SDK's transport fields (`rawResponse`), which are left out.
    let inferred: Vec<_> = g.warnings.iter().filter(|w| w.code == "W0007").collect();
    assert!(inferred.iter().all(|w| w.message.contains("`raw_response`")), "no field's key is inferred any more: {:?}", inferred.first());
    assert!(numbers(&alone.ir) > 400 && numbers(&g.ir) == 0, "{} -> {}", numbers(&alone.ir), numbers(&g.ir));
    let report = &g.merged[0];
    assert_eq!(report.models, report.paired.values().sum::<usize>(), "one version of the API: every model paired");
    assert_eq!((report.conflicts, report.only_models, report.only_fields), (0, 0, 0), "{report}");
    let rust_names = |ir: &Ir| fields(ir).map(|(_, f)| f.rust_name.clone()).collect::<Vec<_>>();
    assert_eq!(rust_names(&g.ir), rust_names(&alone.ir), "the primary's names make the crate");
}

#[test]
fn ts_openrouter_takes_integers_floats_and_nullability_from_go_openrouter() {
    let Some(t) = corpus(&["ts-openrouter", "go-openrouter"]) else { return };
    let alone = generate(&t[0], &[]);
    let g = generate(&t[0], &t[1..]);
    assert!(numbers(&alone.ir) > 600 && numbers(&g.ir) == 0, "{} -> {}", numbers(&alone.ir), numbers(&g.ir));
    assert!(three_state(&g.ir) >= 400, "Go's OptionalNullable: {}", three_state(&g.ir));
    assert!(codes(&g, "W0016") <= 5, "{}", codes(&g, "W0016"));
}

#[test]
fn a_corpus_tree_merged_with_itself_changes_nothing() {
    let Some(t) = corpus(&["python-clerk", "typescript-unified"]) else { return };
    for tree in &t {
        let alone = generate(tree, &[]);
        let g = generate(tree, std::slice::from_ref(tree));
        assert_eq!(g.ir, alone.ir, "{}", tree.display());
        let report = &g.merged[0];
        assert!(report.facts.is_empty() && report.conflicts + report.only_models + report.only_fields == 0, "{report}");
    }
}

#[test]
fn the_order_of_the_clerk_secondaries_does_not_matter() {
    let Some(t) = corpus(&["ruby-crystalline-clerk", "python-clerk", "java-clerk"]) else { return };
    let a = generate(&t[0], &[t[1].clone(), t[2].clone()]);
    let b = generate(&t[0], &[t[2].clone(), t[1].clone()]);
    assert!(a.ir == b.ir, "the merged IRs differ");
    assert_eq!(a.warnings, b.warnings);
    let both = fields(&a.ir).filter(|(_, f)| f.from.iter().filter(|p| p.fact == Fact::Nullable).count() == 2).count();
    assert!(both > 300, "a fact both trees give names both: {both}");
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docs2rs")).args(args).output().expect("runs")
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const HEAD: &str = "| Field | Type | Required | Description |\n|-|-|-|-|\n";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_binary_merges_checks_and_reports_what_changed() {
    let (ts, ruby, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write(ts.path(), "models/user.md", &format!("# User\n\n## Fields\n\n{HEAD}| `userId` | *string* | :heavy_check_mark: | N/A |\n| `links` | *number* | :heavy_minus_sign: | N/A |\n"));
    write(ruby.path(), "shared/user.md", &format!("# User\n\n## Fields\n\n{HEAD}| `userId` | *::String* | :heavy_check_mark: | N/A |\n| `_links` | *T.nilable(::Integer)* | :heavy_minus_sign: | N/A |\n"));
    let (alone, merged, ir) = (out.path().join("alone"), out.path().join("merged"), out.path().join("ir.json"));
    let o = run(&["--specs", s(ts.path()), "--out", s(&alone)]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::create_dir_all(&merged).unwrap();
    std::fs::copy(alone.join("docs2rs.ir.json"), merged.join("docs2rs.ir.json")).unwrap();

    let args = ["--specs", s(ts.path()), "--specs", s(ruby.path()), "--out", s(&merged)];
    let o = run(&[&args[..], &["-v", "--emit-ir", s(&ir)]].concat());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains(&format!("merged `{}` (ruby-sorbet dialect, 1 docs): 1 of its 1 models paired", s(ruby.path()))), "{stderr}");
    assert!(stderr.contains("(2 keys differ from the inferred ones)"), "{stderr}");
    let place = format!("wire name of `User._links` from {}:8:3", ruby.path().join("shared/user.md").display());
    assert!(stderr.contains(&place), "-v names where each fact came from: {stderr}");
    // The change report compares the merged generation with the one before.
    assert!(stderr.contains("field renamed on the wire") && stderr.contains("`links` -> `_links`"), "{stderr}");
    let emitted = std::fs::read_to_string(&ir).unwrap();
    assert!(emitted.contains("\"fact\": \"wire_name\"") && emitted.contains("\"line\": 8"), "--emit-ir has the places");
    let kept = std::fs::read_to_string(merged.join("docs2rs.ir.json")).unwrap();
    assert!(kept.contains("\"wire_name\": \"_links\"") && kept.contains("\"fact\": \"type\""), "{kept}");

    let o = run(&[&args[..], &["--check"]].concat());
    assert_eq!(o.status.code(), Some(0), "a merged crate checks as up to date: {}", String::from_utf8_lossy(&o.stderr));
    let o = run(&["--specs", s(ts.path()), "--out", s(&merged), "--check"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "without the secondary it is stale: {stderr}");
    assert!(stderr.contains("docs2rs.ir.json: differs"), "{stderr}");

    let o = run(&["diff", s(&alone), s(&merged), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let kinds: Vec<&str> = report["changes"].as_array().unwrap().iter().filter_map(|c| c["kind"].as_str()).collect();
    assert!(kinds.contains(&"field_renamed_on_wire") && kinds.contains(&"field_retyped"), "{kinds:?}");
}

#[test]
fn deny_warnings_refuses_a_merge_with_a_conflict() {
    let (a, b, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write(a.path(), "m/a.md", &format!("# A\n\n## Fields\n\n{HEAD}| `id` | *int* | :heavy_check_mark: | N/A |\n"));
    write(b.path(), "m/a.md", &format!("# A\n\n## Fields\n\n{HEAD}| `id` | *str* | :heavy_check_mark: | N/A |\n"));
    let out = out.path().join("crate");
    let o = run(&["--specs", s(a.path()), "--specs", s(b.path()), "--out", s(&out), "--deny-warnings"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("W0016") && stderr.contains(&format!("{}:7:3", a.path().join("m/a.md").display())), "{stderr}");
    assert!(stderr.contains(&format!("{}:7:3", b.path().join("m/a.md").display())), "the other tree's place: {stderr}");
    assert!(!out.exists());
}

#[test]
fn wire_case_maps_a_whole_tree() {
    let (ts, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write(ts.path(), "models/user.md", &format!("# User\n\n## Fields\n\n{HEAD}| `userId` | *string* | :heavy_check_mark: | N/A |\n| `PortalURL` | *string* | :heavy_check_mark: | N/A |\n"));
    for (case, keys) in [("snake", ["user_id", "portal_url"]), ("camel", ["userId", "portalUrl"]), ("as-printed", ["userId", "PortalURL"])] {
        let ir = out.path().join(format!("{case}.json"));
        let o = run(&["--specs", s(ts.path()), "--out", s(&out.path().join(case)), "--wire-case", case, "--emit-ir", s(&ir)]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        let ir = docs2rs::ir_file::parse(&std::fs::read_to_string(ir).unwrap()).unwrap();
        let got: Vec<&str> = fields(&ir).map(|(_, f)| f.wire_name.as_str()).collect();
        assert_eq!(got, keys, "--wire-case {case}");
        assert!(fields(&ir).all(|(_, f)| f.rust_name == ["user_id", "portal_url"][usize::from(f.rust_name != "user_id")]), "Rust names stay snake case");
    }
    let o = run(&["--specs", s(ts.path()), "--out", s(&out.path().join("x")), "--wire-case", "kebab"]);
    assert_eq!(o.status.code(), Some(2), "clap refuses an unknown case");
}
