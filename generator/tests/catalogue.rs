//! The catalogue of bad input (issue 5): every kind of broken docs tree, each with
//! the diagnostic it must get (code, key words, file:line:col) or, where it must
//! work, what it must generate. None may panic, hang or read without bound.

use std::path::Path;
use std::process::{Command, Output};

use docs2rs::ir::{ModelKind, TypeRef};
use docs2rs::{Config, Diagnostic, Generation, Level};

const HEAD: &str = "| Field | Type | Required | Description |\n|-|-|-|-|\n";

/// A docs tree in a temporary folder.
fn tree(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

/// A doc with a Fields table of `(name, type, required)` rows.
fn fields_doc(title: &str, rows: &[(&str, &str, bool)]) -> String {
    let mut s = format!("# {title}\n\n## Fields\n\n{HEAD}");
    for (name, ty, req) in rows {
        let req = if *req { ":heavy_check_mark:" } else { ":heavy_minus_sign:" };
        s.push_str(&format!("| `{name}` | {ty} | {req} | N/A |\n"));
    }
    s
}

fn sorbet() -> Config {
    let mut config = Config::new();
    config.dialect("ruby-sorbet");
    config
}

fn generate(dir: &Path) -> Result<Generation, Vec<Diagnostic>> {
    sorbet().generate(dir).map_err(|f| f.diagnostics)
}

fn errors(dir: &Path) -> Vec<Diagnostic> {
    match generate(dir) {
        Ok(g) => panic!("expected errors, generated {} models (warnings {:?})", g.ir.models.len(), g.warnings),
        Err(diagnostics) => diagnostics,
    }
}

/// The warnings of a tree that generates with some of it degraded; the binary
/// with `--deny-warnings` refuses the same tree, exits 1 and writes nothing.
#[track_caller]
fn degraded(dir: &Path) -> Vec<Diagnostic> {
    let warnings = works(dir).warnings;
    assert!(!warnings.is_empty(), "nothing degraded");
    let out = dir.join("strict-out");
    let o = bin(&["--specs", path(dir), "--out", path(&out), "--dialect", "ruby-sorbet", "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!out.exists(), "--deny-warnings wrote {}", out.display());
    warnings
}

fn works(dir: &Path) -> Generation {
    let generation = generate(dir).unwrap_or_else(|d| panic!("expected success: {d:#?}"));
    // Every file the crate would hold is valid Rust.
    for (path, text) in generation.files().unwrap() {
        if path.ends_with(".rs") {
            syn::parse_file(&text).unwrap_or_else(|e| panic!("{path}: {e}\n{text}"));
        }
    }
    generation
}

/// The one diagnostic with `code`, checked for its key words and location (file
/// relative to the tree, line, column).
#[track_caller]
fn expect<'a>(diagnostics: &'a [Diagnostic], code: &str, words: &[&str], at: Option<(&str, u32, u32)>) -> &'a Diagnostic {
    let Some(d) = diagnostics.iter().find(|d| d.code == code) else {
        panic!("no {code} among {diagnostics:#?}");
    };
    for w in words {
        assert!(d.message.contains(w) || d.help.as_deref().is_some_and(|h| h.contains(w)), "`{w}` not in {d:#?}");
    }
    if let Some((file, line, col)) = at {
        let loc = d.loc.as_ref().unwrap_or_else(|| panic!("no location: {d:#?}"));
        assert!(loc.file.ends_with(file), "{loc} is not in {file}");
        assert_eq!((loc.line, loc.col), (line, col), "{d:#?}");
    }
    d
}

fn bin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docs2rs")).args(args).output().expect("runs")
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

// ---- tables ----

#[test]
fn a_row_missing_a_cell() {
    let doc = format!("# A\n\n## Fields\n\n{HEAD}| `a` | *T::Boolean* | :heavy_check_mark: |\n| `b` | *::String* |\n");
    let dir = tree(&[("m/a.md", doc.as_bytes())]);
    let d = errors(dir.path());
    // At the row's end, where the cells are missing.
    expect(&d, "E0013", &["3 of the table's 4 cells", "no `Description`"], Some(("m/a.md", 7, 43)));
    let second = d.iter().filter(|d| d.code == "E0013").nth(1).unwrap();
    assert!(second.message.contains("no `Required`, `Description`"), "{second:?}");
    assert_eq!(second.loc.as_ref().unwrap().line, 8);
}

#[test]
fn a_row_with_an_extra_cell() {
    let doc = format!("# A\n\n## Fields\n\n{HEAD}| `a` | *T::Boolean* | :heavy_check_mark: | Yes | no |\n");
    let dir = tree(&[("m/a.md", doc.as_bytes())]);
    let d = errors(dir.path());
    let e = expect(&d, "E0013", &["more cells than the table's 4 columns", "`no` would be lost", "`\\|`"], Some(("m/a.md", 7, 51)));
    assert_eq!(e.level, Level::Error);
}

#[test]
fn a_table_with_no_header() {
    let doc = "# A\n\n## Fields\n\n| `a` | *T::Boolean* | :heavy_check_mark: | N/A |\n";
    let dir = tree(&[("m/a.md", doc.as_bytes())]);
    let d = errors(dir.path());
    expect(&d, "E0014", &["look like table rows", "delimiter row"], Some(("m/a.md", 5, 1)));
    assert!(d.iter().all(|d| d.code != "W0003"), "a broken table is not an empty model: {d:#?}");
}

#[test]
fn rows_after_a_blank_line_are_not_lost_silently() {
    let doc = format!("# A\n\n## Fields\n\n{HEAD}| `a` | *T::Boolean* | :heavy_check_mark: | N/A |\n\n| `b` | *::String* | :heavy_check_mark: | N/A |\n");
    let dir = tree(&[("m/a.md", doc.as_bytes())]);
    expect(&errors(dir.path()), "E0014", &["not part of a table"], Some(("m/a.md", 9, 1)));
}

#[test]
fn a_fields_table_with_no_rows_keeps_any_value() {
    let doc = format!("# Empty\n\n## Fields\n\n{HEAD}");
    let dir = tree(&[("m/empty.md", doc.as_bytes()), ("m/b.md", fields_doc("B", &[("x", "*T::Boolean*", true)]).as_bytes())]);
    let g = works(dir.path());
    expect(&g.warnings, "W0003", &["`Empty` has no fields", "do not say it is an object", "any JSON value"], Some(("m/empty.md", 1, 1)));
    assert_eq!(g.ir.model("models::Empty").unwrap().kind, ModelKind::Open { any: true });
}

/// Docs say a bodiless model is an object by a field's example, by their
/// words, or by a usage example; an example of another value outweighs them.
#[test]
fn a_model_its_docs_call_an_object_keeps_any_object() {
    let empty = |title: &str, prose: &str| format!("# {title}\n\n{prose}\n\n## Fields\n\n{HEAD}");
    let usage = |title: &str, value: &str| format!("# {title}\n\n## Example Usage\n\n```typescript\nlet value: {title} = {value};\n```\n\n## Fields\n\n{HEAD}");
    let owner = "# Owner\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n|-|-|-|-|-|\n\
                 | `meta` | [T.nilable(::X::Meta)](meta.md) | :heavy_minus_sign: | N/A | {\"a\": 1} |\n\
                 | `active` | [::X::Active](active.md) | :heavy_check_mark: | N/A | true |\n"
        .to_string();
    let files = [
        ("m/owner.md", owner),
        ("m/meta.md", empty("Meta", "")),
        ("m/active.md", empty("Active", "An object, says the prose.")),
        ("m/labels.md", empty("Labels", "Key-value labels.")),
        ("m/shown.md", usage("Shown", "{}")),
        ("m/flag.md", usage("Flag", "false")),
    ];
    let files: Vec<(&str, &[u8])> = files.iter().map(|(path, text)| (*path, text.as_bytes())).collect();
    let dir = tree(&files);
    let g = works(dir.path());
    let any = |id: &str| match g.ir.model(id).map(|m| &m.kind) {
        Some(ModelKind::Open { any }) => *any,
        other => panic!("{id} is {other:?}"),
    };
    assert!(!any("models::Meta") && !any("models::Labels") && !any("models::Shown"));
    assert!(any("models::Active") && any("models::Flag"));
    let meta: Vec<Diagnostic> = g.warnings.iter().filter(|d| d.message.contains("`Meta`")).cloned().collect();
    expect(&meta, "W0003", &["`Meta` has no fields", "its docs say it is an object", "any JSON object"], Some(("m/meta.md", 1, 1)));
}

#[test]
fn a_values_table_with_a_short_row() {
    let doc = "# E\n\n## Values\n\n| Name | Value |\n|-|-|\n| `A` | a |\n| `B` |\n";
    let dir = tree(&[("m/e.md", doc.as_bytes())]);
    expect(&errors(dir.path()), "E0013", &["1 of the table's 2 cells", "no `Value`"], Some(("m/e.md", 8, 7)));
}

// ---- titles, empty and unreadable files ----

#[test]
fn a_doc_with_no_title() {
    let dir = tree(&[("m/a.md", b"Some text\n\n## Fields\n")]);
    expect(&errors(dir.path()), "E0010", &["no `# Title`"], Some(("m/a.md", 1, 1)));
}

#[test]
fn a_doc_with_two_titles() {
    let dir = tree(&[("m/a.md", b"# A\n\ntext\n\n# B\n")]);
    let w = degraded(dir.path());
    expect(&w, "W0013", &["second `#` title, `B`", "`A`, at line 1, names the model"], Some(("m/a.md", 5, 1)));
}

#[test]
fn an_empty_file() {
    // Skipped as a doc that describes no model; with nothing else left, the run fails.
    let dir = tree(&[("m/a.md", b"")]);
    let d = errors(dir.path());
    expect(&d, "W0012", &["describes no model", "skipped"], Some(("m/a.md", 1, 1)));
    expect(&d, "E0015", &["no usable model is left", "none of the 1 docs"], None);
    // Beside a model, it is only skipped.
    let a = fields_doc("A", &[("x", "*T::Boolean*", true)]);
    let dir = tree(&[("m/a.md", a.as_bytes()), ("m/options.md", b"## Options\n\nRetries.\n")]);
    expect(&degraded(dir.path()), "W0012", &["describes no model"], Some(("m/options.md", 1, 1)));
}

#[test]
fn a_file_that_is_not_utf8() {
    let dir = tree(&[("m/a.md", b"# A\n\nLatin-1: caf\xe9\n")]);
    expect(&errors(dir.path()), "E0004", &["not valid UTF-8"], Some(("m/a.md", 3, 13)));
}

#[test]
fn a_nul_byte() {
    let dir = tree(&[("m/a.md", "# A\n\nnaïve\0x\n".as_bytes())]);
    expect(&errors(dir.path()), "E0009", &["NUL byte"], Some(("m/a.md", 3, 6)));
}

#[test]
fn a_100_mib_file_is_refused_by_its_size() {
    let dir = tree(&[("m/good.md", fields_doc("Good", &[("x", "*T::Boolean*", true)]).as_bytes())]);
    let big = std::fs::File::create(dir.path().join("m/big.md")).unwrap();
    big.set_len(100 << 20).unwrap(); // sparse: 100 MiB of NULs, no disk used
    drop(big);
    let d = errors(dir.path());
    expect(&d, "E0003", &["104857600 bytes", "larger than 67108864"], Some(("m/big.md", 1, 1)));
    assert_eq!(d.len(), 1, "{d:#?}");
}

/// The binary refuses the same file with far less memory than the file's size:
/// it checks the size before it reads, and so does the message's renderer.
#[cfg(target_os = "linux")]
#[test]
fn a_1_gib_file_is_not_read_into_memory() {
    let dir = tree(&[("m/good.md", fields_doc("Good", &[("x", "*T::Boolean*", true)]).as_bytes()), ("m/big.md", b"# Big title\n")]);
    // Sparse: no disk used.
    std::fs::File::options().write(true).open(dir.path().join("m/big.md")).unwrap().set_len(1 << 30).unwrap();
    let out = dir.path().join("out");
    // 400 MiB of address space: enough for the binary (mimalloc reserves 115 to
    // 150 MiB of it for its segments and threads, more under load), far too little
    // for the file.
    let script = format!("ulimit -v 409600 && exec \"$0\" --specs '{}' --out '{}'", path(dir.path()), path(&out));
    let o = Command::new("sh").args(["-c", &script, env!("CARGO_BIN_EXE_docs2rs")]).output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[E0003]"), "{stderr}");
    assert!(!out.exists());
    // Without a limit, the message shows no line of the file: it was not read
    // to show one (a read would fail quietly under the limit above).
    let o = bin(&["--specs", path(dir.path()), "--out", path(&out)]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("error[E0003]") && stderr.contains("m/big.md:1:1"), "{stderr}");
    assert!(!stderr.contains("# Big title"), "the renderer read the file: {stderr}");
}

// ---- size and depth ----

#[test]
fn a_100000_row_table_works() {
    let mut doc = format!("# Big\n\n## Fields\n\n{HEAD}");
    for i in 0..100_000 {
        doc.push_str(&format!("| `field_{i}` | *T.nilable(::String)* | :heavy_minus_sign: | Field {i}. |\n"));
    }
    let dir = tree(&[("m/big.md", doc.as_bytes())]);
    let g = generate(dir.path()).unwrap_or_else(|d| panic!("{d:#?}"));
    let ModelKind::Struct { fields, .. } = &g.ir.model("models::Big").unwrap().kind else { panic!() };
    assert_eq!(fields.len(), 100_000);
    assert_eq!(fields[99_999].source.line, 100_006);
}

#[test]
fn a_table_whose_every_row_is_bad_reports_every_row() {
    // Rendering found each line by scanning the file: 100,000 bad rows took 71 s.
    let mut doc = format!("# Bad\n\n## Fields\n\n{HEAD}");
    for i in 0..20_000 {
        doc.push_str(&format!("| `f{i}` | *T::Boolean* | maybe | N/A |\n"));
    }
    let specs = tree(&[("m/bad.md", doc.as_bytes())]);
    let out = specs.path().join("out");
    // Each unreadable Required cell is a warning (read as optional): strict mode renders all.
    let o = bin(&["--specs", path(specs.path()), "--out", path(&out), "--deny-warnings"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr.contains("W0015") && stderr.contains("read as optional"), "{}", &stderr[..600.min(stderr.len())]);
    assert!(stderr.contains("generation failed with 20000 error(s)"), "{}", &stderr[stderr.len().saturating_sub(300)..]);
    assert!(stderr.contains("--> ") && stderr.contains("m/bad.md:20006:29"), "the last row is shown");
    assert!(stderr.contains("20006 | | `f19999` | *T::Boolean* | maybe | N/A |"));
}

#[test]
fn a_type_nested_10000_levels_deep() {
    let n = 10_000;
    let ty = format!("{}::String{}", "T::Array<".repeat(n), ">".repeat(n));
    let dir = tree(&[("m/a.md", fields_doc("A", &[("a", &ty, true)]).as_bytes())]);
    let d = degraded(dir.path());
    let e = expect(&d, "W0010", &["nested more than 64 levels deep", "T::Array<T::Array<", "serde_json::Value"], Some(("m/a.md", 7, 9)));
    assert!(e.message.len() < 300, "the message quotes the whole cell: {} bytes", e.message.len());
    assert!(d.iter().all(|d| d.code != "W0003"), "{d:#?}");
}

#[test]
fn a_type_nested_10000_levels_deep_in_every_dialect() {
    let n = 10_000;
    let cases = [
        ("ruby-crystalline", format!("{}::String{}", "Crystalline::Array<".repeat(n), ">".repeat(n))),
        ("python", format!("{}str{}", "List[".repeat(n), "]".repeat(n))),
        ("java", format!("{}String{}", "List\\<".repeat(n), ">".repeat(n))),
        ("csharp", format!("{}string{}", "List\\<".repeat(n), ">".repeat(n))),
        ("php", format!("{}string{}", "array\\<".repeat(n), ">".repeat(n))),
        ("typescript", format!("string{}", "[]".repeat(n))),
        ("go", format!("{}string", "[]".repeat(n))),
        ("go", format!("{}string", "*".repeat(n))),
    ];
    for (dialect, ty) in cases {
        let dir = tree(&[("m/a.md", fields_doc("A", &[("a", &ty, true)]).as_bytes())]);
        let d = Config::new().dialect(dialect).generate(dir.path()).unwrap_or_else(|f| panic!("{dialect}: {f}")).warnings;
        let e = expect(&d, "W0010", &["nested more than 64 levels deep"], Some(("m/a.md", 7, 9)));
        assert!(e.message.len() < 300, "{dialect}: {} bytes", e.message.len());
    }
}

#[test]
fn a_union_nested_10000_levels_deep() {
    let n = 10_000;
    let ty = format!("{}::String{}", "T.any(::Integer, ".repeat(n), ")".repeat(n));
    let dir = tree(&[("m/a.md", fields_doc("A", &[("a", &ty, true)]).as_bytes())]);
    expect(&degraded(dir.path()), "W0010", &["nested more than 64 levels deep"], Some(("m/a.md", 7, 9)));
}

#[test]
fn markdown_nested_10000_levels_deep() {
    let n = 10_000;
    let emphasis = format!("{}x{}", "*_".repeat(n), "_*".repeat(n));
    let links = format!("{}x{}", "[".repeat(n), "](u)".repeat(n));
    let mixed = format!("{}x{}", "[*".repeat(n), "*](u)".repeat(n));
    let strike = format!("{}x{}", "~~".repeat(n), "~~".repeat(n));
    let quotes = format!("{} x", ">".repeat(n));
    let lists: String = (0..2_000).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
    let mut doc = format!("# A\n\n{mixed}\n\n{quotes}\n\n{lists}\n## Fields\n\n{HEAD}");
    for (i, cell) in [&emphasis, &links, &mixed, &strike].iter().enumerate() {
        doc.push_str(&format!("| `d{i}` | *T::Boolean* | :heavy_check_mark: | {cell} |\n"));
    }
    let dir = tree(&[("m/a.md", doc.as_bytes())]);
    let g = works(dir.path());
    let ModelKind::Struct { fields, .. } = &g.ir.model("models::A").unwrap().kind else { panic!() };
    assert_eq!(fields.len(), 4);

    // The same markup in a Type cell is a type error, not a crash.
    for cell in [&emphasis, &links, &mixed] {
        let dir = tree(&[("m/a.md", fields_doc("A", &[("a", cell, true)]).as_bytes())]);
        expect(&degraded(dir.path()), "W0010", &["cannot read type"], Some(("m/a.md", 7, 9)));
    }
}

// ---- names ----

#[test]
fn an_unknown_type_names_the_nearest_title() {
    let a = fields_doc("A", &[("t", "[::X::SignInTokn](signintokn.md)", true), ("b", "*T::Boolean*", true)]);
    let t = fields_doc("SignInToken", &[("x", "*::String*", true)]);
    let dir = tree(&[("m/a.md", a.as_bytes()), ("m/signintoken.md", t.as_bytes())]);
    let d = degraded(dir.path());
    expect(&d, "W0011", &["unknown type `SignInTokn`", "serde_json::Value", "a doc is titled `SignInToken`"], Some(("m/a.md", 7, 9)));
}

#[test]
fn a_large_tree_whose_types_are_all_unknown() {
    // Every unknown name is compared with every title for a help line: 3,000
    // names against 300 titles must not take minutes (it did: 134 s at 10x this).
    let mut files = Vec::new();
    for i in 0..300 {
        let rows: Vec<(String, String, bool)> =
            (0..10).map(|j| (format!("f{j}"), format!("[::X::SomeRatherLongUnknownModelName{i}x{j}](x.md)"), true)).collect();
        let mut rows: Vec<(&str, &str, bool)> = rows.iter().map(|(n, t, r)| (n.as_str(), t.as_str(), *r)).collect();
        rows.push(("b", "*T::Boolean*", true));
        files.push((format!("m/doc{i}.md"), fields_doc(&format!("QuiteLongModelTitleNumber{i}"), &rows)));
    }
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (p.as_str(), t.as_bytes())).collect();
    let dir = tree(&refs);
    let d = works(dir.path()).warnings;
    assert_eq!(d.iter().filter(|d| d.code == "W0011").count(), 3_000);
}

#[test]
fn a_link_to_nothing() {
    let a = fields_doc("A", &[("g", "[::X::Gone](../gone/gone.md)", true), ("b", "*T::Boolean*", true)]);
    let dir = tree(&[("m/a.md", a.as_bytes())]);
    let d = degraded(dir.path());
    let e = expect(&d, "W0011", &["unknown type `Gone`", "link `../gone/gone.md` names no doc"], Some(("m/a.md", 7, 9)));
    assert!(e.help.is_none(), "no title is near `Gone`: {e:?}");

    // A dead link whose name is known still resolves: links are hints, names decide.
    let b = fields_doc("B", &[("x", "*::String*", true)]);
    let a = fields_doc("A", &[("b", "[::X::B](../gone/b_old.md)", true), ("c", "*T::Boolean*", true)]);
    let dir = tree(&[("m/a.md", a.as_bytes()), ("m/b.md", b.as_bytes())]);
    works(dir.path());
}

#[test]
fn two_docs_with_one_title_in_one_module() {
    let a = fields_doc("A", &[("x", "*T::Boolean*", true)]);
    let other_a = fields_doc("A", &[("y", "*::String*", true)]);
    let dir = tree(&[("m/a.md", a.as_bytes()), ("m/a_copy.md", other_a.as_bytes())]);
    let d = errors(dir.path());
    let e = expect(&d, "E0030", &["two docs are titled `A` in module `models`", "rename one title"], Some(("m/a_copy.md", 1, 1)));
    assert_eq!(e.notes.len(), 1);
    assert!(e.notes[0].1.to_string().ends_with("m/a.md:1:1") && e.notes[0].1.file.starts_with(dir.path().to_str().unwrap()), "{e:?}");

    // The same doc twice, word for word, is one doc shipped twice: dropped with a warning.
    let dir = tree(&[("m/a.md", a.as_bytes()), ("m/a_copy.md", a.as_bytes())]);
    let g = works(dir.path());
    let w = expect(&g.warnings, "W0004", &["repeats another doc of its folder word for word", "ignored"], Some(("m/a_copy.md", 1, 1)));
    assert!(w.notes[0].1.to_string().ends_with("m/a.md:1:1") && w.notes[0].1.file.starts_with(dir.path().to_str().unwrap()), "{w:?}");

    // In two folders they are two modules, and that works.
    let dir = tree(&[("one/a.md", a.as_bytes()), ("two/a.md", other_a.as_bytes())]);
    assert_eq!(works(dir.path()).ir.modules, ["one", "two"]);
}

#[test]
fn two_titles_that_collide_after_case_conversion() {
    let a = fields_doc("FooBar", &[("x", "*T::Boolean*", true)]);
    let b = fields_doc("foo_bar", &[("x", "*T::Boolean*", true)]);
    let dir = tree(&[("m/a.md", a.as_bytes()), ("m/b.md", b.as_bytes())]);
    let d = errors(dir.path());
    expect(&d, "E0030", &["`foo_bar` and `FooBar`", "both become the Rust name `FooBar`"], Some(("m/b.md", 1, 1)));
}

#[test]
fn two_titles_that_collide_after_keyword_escaping() {
    let a = fields_doc("Self", &[("x", "*T::Boolean*", true)]);
    let b = fields_doc("SelfModel", &[("x", "*T::Boolean*", true)]);
    let dir = tree(&[("m/a.md", a.as_bytes()), ("m/b.md", b.as_bytes())]);
    expect(&errors(dir.path()), "E0030", &["`SelfModel` and `Self`", "`SelfModel`"], Some(("m/b.md", 1, 1)));
}

#[test]
fn field_names_that_collide_after_conversion_or_escaping_get_numbered() {
    let rows = [
        ("fooBar", "*T::Boolean*", true),
        ("foo_bar", "*::String*", true),
        ("type", "*::String*", true),
        ("r#type", "*::String*", true),
        ("self", "*::String*", true),
        // Not `self_`: the Ruby dialects read a trailing `_` as an escape, so that is `self` again (W0014).
        ("Self", "*::String*", true),
    ];
    let dir = tree(&[("m/a.md", fields_doc("A", &rows).as_bytes())]);
    let g = works(dir.path());
    let ModelKind::Struct { fields, .. } = &g.ir.model("models::A").unwrap().kind else { panic!() };
    let names: Vec<&str> = fields.iter().map(|f| f.rust_name.as_str()).collect();
    // `self_2`, not `self__2`: rustc's non_snake_case lint refuses a double underscore.
    assert_eq!(names, ["foo_bar", "foo_bar_2", "r#type", "r_type", "self_", "self_2"]);
}

#[test]
fn a_field_listed_twice() {
    let a = fields_doc("A", &[("id", "*::String*", true), ("v", "*T::Boolean*", true), ("id", "*::Integer*", false)]);
    let dir = tree(&[("m/a.md", a.as_bytes())]);
    let d = degraded(dir.path());
    let e = expect(&d, "W0014", &["`A` lists the field `id` twice: the first is kept"], Some(("m/a.md", 9, 3)));
    assert!(e.notes[0].1.to_string().ends_with("m/a.md:7:3"), "{e:?}");
    let g = works(dir.path());
    let ModelKind::Struct { fields, .. } = &g.ir.model("models::A").unwrap().kind else { panic!() };
    assert_eq!((fields.len(), &fields[0].ty), (2, &TypeRef::String));
}

#[test]
fn inline_unions_of_fields_whose_names_collide_get_their_own_types() {
    let rows = [
        ("fooBar", "T.any(::String, ::Integer)", true),
        ("foo_bar", "T.any(T::Boolean, ::Float)", true),
        ("pair", "T.any(T::Array<T.any(::String, ::Integer)>, T::Hash[Symbol, T.any(T::Boolean, ::Float)])", true),
    ];
    let dir = tree(&[("m/a.md", fields_doc("A", &rows).as_bytes())]);
    let g = works(dir.path());
    let names: Vec<&str> = g.ir.models.iter().map(|m| m.rust_name.as_str()).collect();
    assert_eq!(names, ["A", "AFooBar", "AFooBar2", "APair", "APairMember", "APairMember2"]);
}

#[test]
fn twenty_thousand_field_names_that_convert_alike() {
    // `a一`, `a丁`, ... all become `a`: numbering them took 39 s (quadratic).
    let names: Vec<String> = (0..20_000u32).map(|i| format!("a{}", char::from_u32(0x4E00 + i).unwrap())).collect();
    let rows: Vec<(&str, &str, bool)> = names.iter().map(|n| (n.as_str(), "*T::Boolean*", true)).collect();
    let dir = tree(&[("m/a.md", fields_doc("A", &rows).as_bytes())]);
    let g = generate(dir.path()).unwrap_or_else(|d| panic!("{d:#?}"));
    let ModelKind::Struct { fields, .. } = &g.ir.model("models::A").unwrap().kind else { panic!() };
    assert_eq!((fields[0].rust_name.as_str(), fields[19_999].rust_name.as_str()), ("a", "a_20000"));
}

#[test]
fn two_files_whose_names_differ_only_in_case() {
    let a = fields_doc("Foo", &[("x", "*T::Boolean*", true)]);
    let b = fields_doc("OtherFoo", &[("x", "*T::Boolean*", true)]);
    let dir = tree(&[("m/Foo.md", a.as_bytes()), ("m/foo.md", b.as_bytes())]);
    let g = works(dir.path());
    expect(&g.warnings, "W0008", &["`m/foo.md` and `m/Foo.md` differ only in case", "rename one"], Some(("m/foo.md", 1, 1)));
    assert_eq!(g.ir.models.len(), 2);

    // One doc shipped twice under such names is dropped (W0004), and only that is said.
    let dir = tree(&[("m/Foo.md", a.as_bytes()), ("m/foo.md", a.as_bytes())]);
    let g = works(dir.path());
    expect(&g.warnings, "W0004", &["word for word"], Some(("m/foo.md", 1, 1)));
    assert!(g.warnings.iter().all(|w| w.code != "W0008"), "{:?}", g.warnings);
    assert_eq!(g.ir.models.len(), 1);
}

#[test]
fn an_enum_value_listed_twice() {
    let doc = "# E\n\n## Values\n\n| Name | Value |\n|-|-|\n| `A` | a |\n| `B` | b |\n| `A2` | a |\n";
    let dir = tree(&[("m/e.md", doc.as_bytes())]);
    let d = degraded(dir.path());
    let e = expect(&d, "W0014", &["enum `E` lists the value `a` twice: the first is kept"], Some(("m/e.md", 9, 10)));
    assert!(e.notes[0].0 == "first listed" && e.notes[0].1.to_string().ends_with("m/e.md:7:9"), "{e:?}");
}

// ---- recursion and unions ----

#[test]
fn a_model_that_contains_itself_through_required_fields_is_boxed_with_a_warning() {
    let node = fields_doc("Node", &[("next", "[::X::Node](node.md)", true), ("v", "*T::Boolean*", true)]);
    let dir = tree(&[("m/node.md", node.as_bytes())]);
    let g = works(dir.path());
    let ModelKind::Struct { fields, .. } = &g.ir.model("models::Node").unwrap().kind else { panic!() };
    assert!(fields[0].boxed && fields[0].required && fields[0].nullable == Some(false));
    expect(&g.warnings, "W0009", &["`Node` can never be read from JSON", "contains itself", "optional"], Some(("m/node.md", 1, 1)));
    let code = &g.files().unwrap()["src/models.rs"];
    assert!(code.contains("pub next: Box<Node>"), "{code}");

    // Through two models, the same.
    let a = fields_doc("A", &[("b", "[::X::B](b.md)", true), ("v", "*T::Boolean*", true)]);
    let b = fields_doc("B", &[("a", "[::X::A](a.md)", true)]);
    let dir = tree(&[("m/a.md", a.as_bytes()), ("m/b.md", b.as_bytes())]);
    expect(&works(dir.path()).warnings, "W0009", &["`A`, `B`", "one another"], Some(("m/a.md", 1, 1)));

    // A cycle of twenty: the message names eight, and counts the rest.
    let ring: Vec<(String, String)> = (0..20)
        .map(|i| {
            let next = format!("[::X::R{:02}](r{:02}.md)", (i + 1) % 20, (i + 1) % 20);
            (format!("m/r{i:02}.md"), fields_doc(&format!("R{i:02}"), &[("next", &next, true)]))
        })
        .collect();
    let dir = tree(&ring.iter().map(|(p, d)| (p.as_str(), d.as_bytes())).collect::<Vec<_>>());
    let g = works(dir.path());
    expect(&g.warnings, "W0009", &["`R00`, `R01`, `R02`, `R03`, `R04`, `R05`, `R06`, `R07` and 12 more can never"], None);

    // An optional or nilable link ends the chain: no warning.
    let node = fields_doc("Node", &[("next", "[T.nilable(::X::Node)](node.md)", true), ("v", "*T::Boolean*", true)]);
    let dir = tree(&[("m/node.md", node.as_bytes())]);
    assert!(works(dir.path()).warnings.is_empty());
}

#[test]
fn a_union_of_one_type_works() {
    let a = fields_doc("A", &[("u", "T.any(::String)", true), ("m", "[T.any(::X::B)](u.md)", false), ("v", "*T::Boolean*", true)]);
    let b = fields_doc("B", &[("x", "*::String*", true)]);
    let dir = tree(&[("m/a.md", a.as_bytes()), ("m/b.md", b.as_bytes()), ("m/u.md", b"# U\n")]);
    let g = works(dir.path());
    // `T.any(X)` is `X`; linked to a union doc, it is that union of one.
    let ModelKind::Struct { fields, .. } = &g.ir.model("models::A").unwrap().kind else { panic!() };
    assert_eq!(fields[0].ty, TypeRef::String);
    assert!(g.ir.model("models::AU").is_none());
    let ModelKind::Union { variants } = &g.ir.model("models::U").unwrap().kind else { panic!() };
    assert_eq!(variants[0].ty, TypeRef::Model("models::B".into()));
    assert!(g.warnings.is_empty(), "{:?}", g.warnings);
}

#[test]
fn a_cycle_of_unions_is_an_error() {
    let owner = fields_doc("Owner", &[("x", "[T.any(::String, ::X::UB)](ua.md)", true), ("v", "*T::Boolean*", true)]);
    let other = fields_doc("Other", &[("y", "[T.any(::Integer, ::X::UA)](ub.md)", true)]);
    let dir = tree(&[("m/owner.md", owner.as_bytes()), ("m/other.md", other.as_bytes()), ("m/ua.md", b"# UA\n"), ("m/ub.md", b"# UB\n")]);
    let d = errors(dir.path());
    expect(&d, "E0044", &["unions `UA`, `UB` are members of one another", "never end"], Some(("m/ua.md", 1, 1)));

    // A union that lists itself.
    let owner = fields_doc("Owner", &[("x", "[T.any(::String, ::X::U)](u.md)", true), ("v", "*T::Boolean*", true)]);
    let dir = tree(&[("m/owner.md", owner.as_bytes()), ("m/u.md", b"# U\n")]);
    expect(&errors(dir.path()), "E0044", &["union `U` has itself as a member"], Some(("m/u.md", 1, 1)));

    // Through an array it ends (each level reads one level of JSON): that works.
    let owner = fields_doc("Owner", &[("x", "[T.any(::String, T::Array<::X::U>)](u.md)", true), ("v", "*T::Boolean*", true)]);
    let dir = tree(&[("m/owner.md", owner.as_bytes()), ("m/u.md", b"# U\n")]);
    works(dir.path());
}

#[test]
fn a_union_directly_inside_a_union_is_one_union() {
    let a = fields_doc("A", &[("u", "T.any(T.any(::String, ::Integer), T::Boolean)", true)]);
    let dir = tree(&[("m/a.md", a.as_bytes())]);
    let g = works(dir.path());
    let ModelKind::Union { variants } = &g.ir.model("models::AU").unwrap().kind else { panic!() };
    assert_eq!(variants.len(), 3);
}

// ---- the tree ----

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_the_specs_tree() {
    let a = fields_doc("A", &[("x", "*T::Boolean*", true)]);
    let dir = tree(&[("m/a.md", a.as_bytes())]);
    std::os::unix::fs::symlink("..", dir.path().join("m/up")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("m"), dir.path().join("m/again")).unwrap();
    let g = works(dir.path());
    expect(&g.warnings, "W0001", &["reached twice", "symlink loop"], None);
    assert_eq!(g.ir.models.len(), 1);

    // Doc symlinks that point at each other cannot be read.
    std::os::unix::fs::symlink("y.md", dir.path().join("m/x.md")).unwrap();
    std::os::unix::fs::symlink("x.md", dir.path().join("m/y.md")).unwrap();
    let d = errors(dir.path());
    let mut unreadable: Vec<String> = d.iter().filter(|d| d.code == "E0001").map(|d| d.loc.clone().unwrap().to_string()).collect();
    unreadable.sort();
    assert_eq!(unreadable.len(), 2, "{d:#?}");
    assert!(unreadable[0].ends_with("m/x.md:1:1") && unreadable[1].ends_with("m/y.md:1:1"), "{unreadable:?}");
    assert!(d.iter().all(|d| d.code != "E0001" || d.message.contains("cannot read file")), "{d:#?}");
}

#[test]
fn a_specs_folder_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let d = sorbet().generate(&missing).err().unwrap().diagnostics;
    expect(&d, "E0001", &["cannot read specs folder", "nope", "--specs"], None);
    let file = dir.path().join("file.md");
    std::fs::write(&file, "# A\n").unwrap();
    expect(&sorbet().generate(&file).err().unwrap().diagnostics, "E0001", &["is not a folder"], None);
}

#[test]
fn a_specs_folder_that_holds_no_docs() {
    let dir = tree(&[("m/readme.txt", b"not a doc"), ("m/sub/x.markdown", b"# X\n")]);
    std::fs::create_dir_all(dir.path().join("empty/deeper")).unwrap();
    expect(&errors(dir.path()), "E0002", &["no markdown docs (`*.md`, `*.mdx`)"], None);
}

// ---- as a user sees it ----

#[test]
fn the_binary_reports_each_error_with_its_place_and_exits_1() {
    let a = format!("# A\n\n## Fields\n\n{HEAD}| `a` | *T::Boolean* | :heavy_check_mark: |\n");
    let specs = tree(&[("m/a.md", a.as_bytes()), ("m/b.md", b"No title.\n\n## Fields\n"), ("m/c.md", b"\xff")]);
    let out = specs.path().join("out");
    let o = bin(&["--specs", path(specs.path()), "--out", path(&out)]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    for needle in ["error[E0004]", "m/c.md:1:1", "error[E0013]", "m/a.md:7:43", "error[E0010]", "m/b.md:1:1", "3 error(s)", "nothing was written"] {
        assert!(stderr.contains(needle), "no `{needle}` in {stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!out.exists());
    let o = bin(&["--specs", path(specs.path()), "--out", path(&out), "--message-format", "json"]);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stderr).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let codes: Vec<&str> = lines.iter().filter_map(|l| l["code"].as_str()).collect();
    assert_eq!(codes, ["E0004", "E0013", "E0010"], "{lines:?}");
    assert_eq!((lines[1]["line"].as_u64(), lines[1]["column"].as_u64()), (Some(7), Some(43)));
}

#[test]
fn a_tree_no_dialect_reads_names_the_cells_it_tried() {
    let a = fields_doc("A", &[("a", "@@@", true), ("b", "List[[", true)]);
    let dir = tree(&[("m/a.md", a.as_bytes())]);
    let d = Config::new().generate(dir.path()).err().unwrap().diagnostics;
    let e = expect(&d, "E0006", &["no dialect reads any of them", "--dialect"], None);
    let notes: Vec<String> = e.notes.iter().map(|(n, loc)| format!("{n} at {loc}")).collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].starts_with("`@@@`") && notes[0].ends_with("m/a.md:7:9"), "{notes:?}");
    assert!(notes[1].contains("`List[[`: python reads furthest, then: expected") && notes[1].ends_with("m/a.md:8:9"), "{notes:?}");
    let sources = vec![("m/a.md".to_string(), a.into_bytes())];
    let d = Config::new().generate_sources(sources).err().unwrap().diagnostics;
    assert_eq!(expect(&d, "E0006", &[], None).notes.len(), 2);
}
