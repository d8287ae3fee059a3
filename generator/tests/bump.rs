//! `--bump` end to end: the generated crate's `[package] version` moves by the
//! semver verdict of the API changes since the last generation, is kept without
//! the flag, and `--check --bump` fails on a version that should have moved.

use std::path::Path;
use std::process::{Command, Output};

use docs2rs::{Config, Mode};

const REQ: &str = ":heavy_check_mark:";
const OPT: &str = ":heavy_minus_sign:";

fn docs2rs(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docs2rs")).args(args).output().expect("runs")
}

/// A table row: name, type, required, description.
type Row = (&'static str, &'static str, &'static str, &'static str);

const ID: Row = ("id", "*::String*", REQ, "N/A");
const NAME: Row = ("name", "*::String*", REQ, "N/A");

/// A docs tree of one struct doc, `shared/a.md`, with `rows`.
fn tree(dir: &Path, rows: &[Row]) {
    let rows: Vec<String> = rows.iter().map(|(n, t, r, d)| format!("| `{n}` | {t} | {r} | {d} |")).collect();
    let doc = format!("# A\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n{}\n", rows.join("\n"));
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("shared")).unwrap();
    std::fs::write(dir.join("shared/a.md"), doc).unwrap();
}

/// The crate's `[package] version`: the one `version = "..."` line of a generated manifest.
fn version(crate_dir: &Path) -> String {
    let text = std::fs::read_to_string(crate_dir.join("Cargo.toml")).unwrap();
    let mut found = text.lines().filter_map(|l| l.strip_prefix("version = \"")?.strip_suffix('"'));
    let version = found.next().unwrap_or_else(|| panic!("no version line in\n{text}"));
    assert_eq!(found.next(), None, "two version lines in\n{text}");
    version.to_string()
}

fn set_version(crate_dir: &Path, v: &str) {
    let path = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text.lines().find(|l| l.starts_with("version = ")).unwrap().to_string();
    std::fs::write(&path, text.replace(&line, &format!("version = \"{v}\""))).unwrap();
}

/// One generation of `specs` into `out` with `flags`; stderr, after asserting the exit code.
#[track_caller]
fn run(specs: &Path, out: &Path, flags: &[&str], code: i32) -> String {
    let args = [&["--specs", specs.to_str().unwrap(), "--out", out.to_str().unwrap()], flags].concat();
    let o = docs2rs(&args);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(code), "{args:?}\n{stderr}");
    stderr
}

#[test]
fn each_verdict_moves_the_version_by_its_rule_and_a_0x_crate_one_place_lower() {
    let (specs, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (specs, out) = (specs.path().join("specs"), out.path().join("api"));
    let after: [(&str, Vec<Row>); 4] = [
        ("none", vec![ID, NAME]),
        ("cosmetic", vec![("id", "*::String*", REQ, "The id."), NAME]),
        ("compatible", vec![ID, NAME, ("note", "*T.nilable(::String)*", OPT, "N/A")]),
        ("breaking", vec![ID]),
    ];
    // (start, then after each verdict above).
    let expected = [
        ("0.1.0", ["0.1.0", "0.1.1", "0.1.1", "0.2.0"]),
        ("0.0.3", ["0.0.3", "0.0.4", "0.0.4", "0.1.0"]),
        ("1.4.2", ["1.4.2", "1.4.3", "1.5.0", "2.0.0"]),
    ];
    for (start, versions) in expected {
        for ((verdict, rows), want) in after.iter().zip(versions) {
            tree(&specs, &[ID, NAME]);
            let _ = std::fs::remove_dir_all(&out);
            run(&specs, &out, &[], 0);
            assert_eq!(version(&out), "0.1.0", "a new crate starts at 0.1.0");
            set_version(&out, start);
            tree(&specs, rows);
            let stderr = run(&specs, &out, &["--bump"], 0);
            assert_eq!(version(&out), want, "{start} after a {verdict} change\n{stderr}");
            if start != want {
                assert!(stderr.contains(&format!("version {start} -> {want} (--bump: ")), "{stderr}");
            } else {
                assert!(stderr.contains(&format!("version {start} kept: no API change")), "{stderr}");
            }
            // Once moved, it stays: the IR kept is now this generation's.
            run(&specs, &out, &["--bump"], 0);
            run(&specs, &out, &[], 0);
            assert_eq!(version(&out), want, "{start} after a {verdict} change, regenerated");
            run(&specs, &out, &["--check", "--bump"], 0);
        }
    }
}

#[test]
fn without_bump_the_version_on_disk_is_kept_and_the_move_it_would_make_is_said() {
    let (specs, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (specs, out) = (specs.path(), out.path().join("api"));
    tree(specs, &[ID, NAME]);
    run(specs, &out, &[], 0);
    set_version(&out, "3.1.4");
    tree(specs, &[ID]);
    let stderr = run(specs, &out, &[], 0);
    assert_eq!(version(&out), "3.1.4");
    assert!(stderr.contains("version 3.1.4 kept: with `--bump`, a breaking change would make it 4.0.0"), "{stderr}");
    // The kept version is what the docs produce: a plain check is clean.
    run(specs, &out, &["--check"], 0);
    // A pre-release version is kept as it is, and refused only when it must move.
    set_version(&out, "1.0.0-rc.1");
    run(specs, &out, &[], 0);
    assert_eq!(version(&out), "1.0.0-rc.1");
    tree(specs, &[ID, NAME]);
    let stderr = run(specs, &out, &["--bump"], 1);
    assert!(stderr.contains("error[E0902]: version `1.0.0-rc.1` cannot move"), "{stderr}");
    assert_eq!(version(&out), "1.0.0-rc.1");
}

#[test]
fn check_with_bump_fails_on_a_version_that_should_have_moved_and_names_both() {
    let (specs, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (specs, out) = (specs.path(), out.path().join("api"));
    tree(specs, &[ID]);
    run(specs, &out, &[], 0);
    tree(specs, &[ID, ("note", "*T.nilable(::String)*", OPT, "N/A")]);
    let stderr = run(specs, &out, &["--check", "--bump"], 1);
    assert!(stderr.contains("version 0.1.0 should be 0.1.1 (--bump: compatible changes since docs2rs.ir.json)"), "{stderr}");
    assert!(stderr.contains("/Cargo.toml: differs") && stderr.contains("+version = \"0.1.1\""), "{stderr}");
    assert_eq!(version(&out), "0.1.0", "--check wrote");
    run(specs, &out, &["--bump"], 0);
    assert_eq!(version(&out), "0.1.1");
    run(specs, &out, &["--check", "--bump"], 0);
    run(specs, &out, &["--check"], 0);
}

#[test]
fn a_manifest_whose_version_cannot_be_read_is_a_clear_error_and_a_missing_one_a_new_crate() {
    let (specs, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (specs, out) = (specs.path(), out.path().join("api"));
    tree(specs, &[ID]);
    run(specs, &out, &[], 0);
    let ir = std::fs::read(out.join("docs2rs.ir.json")).unwrap();
    std::fs::write(out.join("Cargo.toml"), "[package]\nname = \"api\"\nversion.workspace = true\n").unwrap();
    tree(specs, &[ID, NAME]);
    for flags in [&[][..], &["--bump"], &["--check"]] {
        let stderr = run(specs, &out, flags, 1);
        assert!(stderr.contains("error[E0902]: the package version is not a quoted version"), "{flags:?}: {stderr}");
        assert!(stderr.contains("Cargo.toml:3:21"), "{flags:?}: {stderr}");
        assert_eq!(std::fs::read(out.join("docs2rs.ir.json")).unwrap(), ir, "{flags:?}: written despite the error");
    }
    std::fs::remove_file(out.join("Cargo.toml")).unwrap();
    run(specs, &out, &["--bump"], 0);
    assert_eq!(version(&out), "0.1.0", "a crate without a manifest is new");
}

#[test]
fn a_kept_ir_that_cannot_be_read_stops_a_bump_but_not_a_plain_run() {
    let (specs, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (specs, out) = (specs.path(), out.path().join("api"));
    tree(specs, &[ID]);
    run(specs, &out, &[], 0);
    std::fs::write(out.join("docs2rs.ir.json"), "not json").unwrap();
    for flags in [&["--bump"][..], &["--check", "--bump"]] {
        let stderr = run(specs, &out, flags, 1);
        assert!(stderr.contains("error[E0902]: the API changes cannot be measured"), "{flags:?}: {stderr}");
        assert!(stderr.contains("run once without `--bump`"), "{flags:?}: {stderr}");
    }
    assert_eq!(std::fs::read_to_string(out.join("docs2rs.ir.json")).unwrap(), "not json");
    run(specs, &out, &[], 0);
    run(specs, &out, &["--check", "--bump"], 0);
}

#[test]
fn config_bump_moves_the_version_that_write_crate_writes() {
    let (specs, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (specs, out) = (specs.path(), out.path());
    tree(specs, &[ID, NAME]);
    Config::new().generate(specs).unwrap().write_crate(out, Mode::Write).unwrap();
    tree(specs, &[ID]);
    let generation = Config::new().bump(true).generate(specs).unwrap();
    let plan = generation.version_at(out, Some(docs2rs::diff::Bump::Major)).unwrap();
    assert_eq!((plan.current.as_deref(), plan.next.as_str(), plan.moves()), (Some("0.1.0"), "0.2.0", true));
    let check = generation.write_crate(out, Mode::Check).unwrap();
    assert!(check.changes.iter().any(|(path, _)| path == "Cargo.toml"), "{:?}", check.changes);
    generation.write_crate(out, Mode::Write).unwrap();
    assert_eq!(version(out), "0.2.0");
    // Without `bump`, the version written is the one on disk.
    let plain = Config::new().generate(specs).unwrap();
    assert!(plain.write_crate(out, Mode::Check).unwrap().is_clean());
    assert_eq!(plain.files().unwrap()["Cargo.toml"].lines().find(|l| l.starts_with("version")), Some("version = \"0.1.0\""));
}
