//! The `docs2rs` binary end to end: exit codes, messages, and nothing written on error.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docs2rs")).args(args).output().expect("runs")
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const GOOD: &str = "# Good\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n| `a` | *::String* | :heavy_check_mark: | N/A |\n";

#[test]
fn unreadable_cells_and_unknown_names_degrade_with_their_location_and_a_count() {
    let specs = tempfile::tempdir().unwrap();
    write(specs.path(), "m/good.md", GOOD);
    write(specs.path(), "m/badtype.md", "# BadType\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n| `a` | *T::Array<::String* | :heavy_check_mark: | N/A |\n");
    write(specs.path(), "m/unknown.md", "# Unknown\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n| `g` | [::X::Shared::Goood](goood.md) | :heavy_check_mark: | N/A |\n");
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("crate");
    let o = run(&["--specs", specs.path().to_str().unwrap(), "--out", out_dir.to_str().unwrap(), "-v"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning[W0010]") && stderr.contains("m/badtype.md:7:9"), "{stderr}");
    assert!(stderr.contains("warning[W0011]") && stderr.contains("m/unknown.md:7:9"), "{stderr}");
    assert!(stderr.contains("help: a doc is titled `Good`"), "{stderr}");
    assert!(stderr.contains("2 of 3 fields (66.67%) fall back to serde_json::Value"), "{stderr}");
    assert!(out_dir.join("src").exists());

    // Strict: the same tree fails and nothing is written.
    std::fs::remove_dir_all(&out_dir).unwrap();
    let o = run(&["--specs", specs.path().to_str().unwrap(), "--out", out_dir.to_str().unwrap(), "--deny-warnings"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("W0010") && stderr.contains("W0011"), "{stderr}");
    assert!(!out_dir.exists(), "an output tree was written despite --deny-warnings");
}

/// Without `-v`, a tree's warnings are summed up by code: the first of each
/// rendered in full, at its place with a caret, then how many more are like it.
#[test]
fn a_summary_shows_each_codes_first_warning_at_its_place() {
    let cases = [
        ("m/a.md", "# A\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n| `a` | *::Integr* | :heavy_check_mark: | N/A |\n", "warning[W0011]: unknown type `Integr`", "m/a.md:7:9"),
        ("m/a.md", "# A\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n| `a` | [::B](./b.md) | :heavy_check_mark: | N/A |\n", "its link `./b.md` names no doc", "m/a.md:7:9"),
        ("m/e.md", "# E\n\n## Values\n\n| Name | Value |\n|-|-|\n| `X` | x |\n| `Y` | x |\n", "warning[W0014]: enum `E` lists the value `x` twice", "m/e.md:8:9"),
    ];
    for (file, text, message, place) in cases {
        let specs = tempfile::tempdir().unwrap();
        write(specs.path(), file, text);
        let out = tempfile::tempdir().unwrap();
        let o = run(&["--specs", specs.path().to_str().unwrap(), "--out", out.path().join("c").to_str().unwrap(), "--dialect", "ruby-sorbet"]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{stderr}");
        assert!(stderr.contains(message) && stderr.contains(place), "{message} at {place}:\n{stderr}");
        assert!(stderr.contains("^") && stderr.contains("\n1 warning\n"), "{stderr}");
        assert!(!stderr.contains("more like it") && !stderr.contains("times"), "{stderr}");
    }
    let specs = tempfile::tempdir().unwrap();
    let rows = "| `a` | *::Integr* | :heavy_check_mark: | N/A |\n| `b` | *::Integr* | :heavy_check_mark: | N/A |\n| `c` | *::Integr* | :heavy_check_mark: | N/A |\n";
    write(specs.path(), "m/a.md", &format!("# A\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n{rows}"));
    let out = tempfile::tempdir().unwrap();
    let o = run(&["--specs", specs.path().to_str().unwrap(), "--out", out.path().join("c").to_str().unwrap(), "--dialect", "ruby-sorbet"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(stderr.matches("warning[W0011]").count(), 1, "{stderr}");
    assert!(stderr.contains("m/a.md:7:9") && stderr.contains("= 2 more like it (-v lists all)"), "{stderr}");
    assert!(stderr.contains("3 warnings (the first of each code shown; -v lists all)"), "{stderr}");
}

#[test]
fn json_messages_one_per_line() {
    let specs = tempfile::tempdir().unwrap();
    write(specs.path(), "m/notitle.md", "no title here\n\n## Fields\n");
    let o = run(&["--specs", specs.path().to_str().unwrap(), "--out", "/nonexistent/x", "--message-format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    let lines: Vec<serde_json::Value> = stderr.lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert_eq!(lines[0]["code"], "E0010");
    assert_eq!(lines[0]["line"], 1);
}

#[test]
fn deny_warnings_fails_on_a_warning() {
    let specs = tempfile::tempdir().unwrap();
    write(specs.path(), "m/good.md", GOOD);
    write(specs.path(), "m/open.md", "# Open\n");
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("c");
    let ok = run(&["--specs", specs.path().to_str().unwrap(), "--out", path.to_str().unwrap()]);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    std::fs::remove_dir_all(&path).unwrap();
    let denied = run(&["--specs", specs.path().to_str().unwrap(), "--out", path.to_str().unwrap(), "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&denied.stderr).contains("W0003"));
    assert!(!path.exists());
}

#[test]
fn missing_specs_folder_is_a_clear_error() {
    let o = run(&["--specs", "/definitely/not/here", "--out", "/tmp/never"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("error[E0001]: cannot read specs folder"));
}

#[test]
fn a_cell_of_another_dialect_names_the_doc_the_cell_and_both_dialects() {
    let specs = tempfile::tempdir().unwrap();
    let py = |title: &str, ty: &str| {
        format!("# {title}\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n| `a` | {ty} | :heavy_check_mark: | N/A |\n")
    };
    write(specs.path(), "models/one.md", &py("One", "*Optional[str]*"));
    write(specs.path(), "models/two.md", &py("Two", "List[*int*]"));
    write(specs.path(), "models/three.md", &py("Three", "*JsonNullable\\<Long>*"));
    let out = tempfile::tempdir().unwrap();
    let o = run(&["--specs", specs.path().to_str().unwrap(), "--out", out.path().join("c").to_str().unwrap(), "-v"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning[W0010]"), "{stderr}");
    assert!(stderr.contains("written in the java dialect, but this tree is read as python"), "{stderr}");
    assert!(stderr.contains("models/three.md:7:9"), "{stderr}");
}

#[test]
fn a_forced_dialect_reads_the_tree_as_told() {
    let specs = tempfile::tempdir().unwrap();
    write(specs.path(), "models/one.md", "# One\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n| `userId` | *string* | :heavy_check_mark: | N/A |\n");
    let out = tempfile::tempdir().unwrap();
    let ir = out.path().join("ir.json");
    let run_as = |dialect: &str| {
        let o = run(&["--specs", specs.path().to_str().unwrap(), "--out", out.path().join("c").to_str().unwrap(), "--dialect", dialect, "--emit-ir", ir.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(&ir).unwrap()).unwrap()
    };
    let ts = run_as("typescript");
    assert_eq!(ts["dialect"], "typescript");
    assert_eq!(ts["models"][0]["kind"]["fields"][0]["wire_name"], "user_id");
    let php = run_as("php");
    assert_eq!(php["dialect"], "php");
    let o = run(&["--specs", specs.path().to_str().unwrap(), "--out", "/nonexistent/x", "--dialect", "cobol"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("E0005"));
}

/// Generates the one doc `rel` (`text`) with `flags`, and gives back the crate's
/// `src/models.rs` and `Cargo.toml`.
fn generated_with(rel: &str, text: &str, flags: &[&str]) -> (String, String) {
    let (specs, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write(specs.path(), rel, text);
    let mut args = vec!["--specs", specs.path().to_str().unwrap(), "--out", out.path().to_str().unwrap()];
    args.extend(flags);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let read = |rel: &str| std::fs::read_to_string(out.path().join(rel)).unwrap();
    (read("src/models.rs"), read("Cargo.toml"))
}

#[test]
fn floats_are_f64_and_exact_numbers_keeps_their_text() {
    let doc = "# Reading\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n| `level` | *::Float* | :heavy_check_mark: | N/A |\n| `series` | T::Array<*::Float*> | :heavy_minus_sign: | N/A |\n";
    let (floats, _) = generated_with("m/reading.md", doc, &[]);
    assert!(floats.contains("pub level: f64,") && floats.contains("pub series: Option<Vec<f64>>,"), "{floats}");
    assert!(floats.contains(r#"level = "level" required float"#), "{floats}");
    let (exact, _) = generated_with("m/reading.md", doc, &["--exact-numbers"]);
    assert!(exact.contains("pub level: ::serde_json::Number,") && !exact.contains("f64"), "{exact}");
}

#[test]
fn dates_are_strings_unless_chrono_is_asked_for() {
    let doc = "# Event\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n| `on` | [Date](https://ruby-doc.org/stdlib-2.6.1/libdoc/date/rdoc/Date.html) | :heavy_check_mark: | N/A |\n| `at` | [DateTime](https://ruby-doc.org/stdlib-2.6.1/libdoc/date/rdoc/DateTime.html) | :heavy_minus_sign: | N/A |\n";
    let (code, manifest) = generated_with("m/event.md", doc, &[]);
    assert!(code.contains("pub on: String,") && code.contains("pub at: Option<String>,"), "{code}");
    assert!(!manifest.contains("chrono"), "{manifest}");
    let (code, manifest) = generated_with("m/event.md", doc, &["--dates", "chrono"]);
    assert!(code.contains("pub on: ::chrono::NaiveDate,"), "{code}");
    assert!(code.contains("pub at: Option<::chrono::DateTime<::chrono::FixedOffset>>,"), "{code}");
    assert!(manifest.contains("chrono = {"), "{manifest}");
}
