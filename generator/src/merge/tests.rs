//! Merges of small docs trees written here, one dialect each.

use std::path::Path;

use crate::ir::{Fact, Field, Ir, ModelKind, TypeRef};
use crate::{Config, Diagnostic, Generation};

const HEAD: &str = "| Field | Type | Required | Description |\n|-|-|-|-|\n";

/// A docs tree in a temporary folder.
fn tree(files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// A doc with a Fields table of `(name, type, required, description)` rows.
fn doc(title: &str, rows: &[(&str, &str, bool, &str)]) -> String {
    let mut s = format!("# {title}\n\n## Fields\n\n{HEAD}");
    for (name, ty, req, desc) in rows {
        let req = if *req { ":heavy_check_mark:" } else { ":heavy_minus_sign:" };
        s.push_str(&format!("| `{name}` | {ty} | {req} | {desc} |\n"));
    }
    s
}

fn enum_doc(title: &str, values: &[&str]) -> String {
    let mut s = format!("# {title}\n\n## Values\n\n| Name | Value |\n|-|-|\n");
    for v in values {
        s.push_str(&format!("| `{}` | {v} |\n", v.to_uppercase()));
    }
    s
}

/// The first tree (in `dialect`) merged with the others.
fn merged(dialect: &str, primary: &Path, secondaries: &[&Path]) -> Generation {
    let mut config = Config::new();
    config.dialect(dialect);
    secondaries.iter().for_each(|s| {
        config.secondary_specs(s);
    });
    config.generate(primary).unwrap_or_else(|f| panic!("{f}"))
}

fn alone(dialect: &str, primary: &Path) -> Generation {
    merged(dialect, primary, &[])
}

fn field<'a>(ir: &'a Ir, model: &str, wire: &str) -> &'a Field {
    let m = ir.models.iter().find(|m| m.title == model).unwrap_or_else(|| panic!("no model {model}"));
    let ModelKind::Struct { fields, .. } = &m.kind else { panic!("{model} is no struct") };
    fields.iter().find(|f| f.wire_name == wire).unwrap_or_else(|| panic!("no field {model}.{wire}: {fields:?}"))
}

/// Every module's code, one after the other.
fn code(g: &Generation) -> String {
    g.files().unwrap().into_iter().filter(|(path, _)| path.starts_with("src/")).map(|(_, text)| text).collect()
}

fn coded<'a>(g: &'a Generation, code: &str) -> Vec<&'a Diagnostic> {
    g.warnings.iter().filter(|w| w.code == code).collect()
}

fn ruby_session() -> tempfile::TempDir {
    tree(&[(
        "shared/session.md",
        doc(
            "Session",
            &[
                ("id", "*::String*", true, "The ID."),
                ("actor", "*T.nilable(::String)*", false, "N/A"),
                ("expire_at", "*T.nilable(::Integer)*", false, "N/A"),
            ],
        ),
    )])
}

fn python_session() -> tempfile::TempDir {
    tree(&[(
        "models/session.md",
        doc(
            "Session",
            &[
                ("id", "*str*", true, "The ID."),
                ("actor", "*OptionalNullable[str]*", false, "N/A"),
                ("expire_at", "*Optional[int]*", false, "N/A"),
            ],
        ),
    )])
}

#[test]
fn a_ruby_tree_takes_from_python_which_optional_fields_may_be_null() {
    let (ruby, python) = (ruby_session(), python_session());
    let before = alone("ruby-sorbet", ruby.path());
    assert_eq!(field(&before.ir, "Session", "actor").nullable, None, "Ruby cannot tell null from absent");
    let g = merged("ruby-sorbet", ruby.path(), &[python.path()]);
    let actor = field(&g.ir, "Session", "actor");
    assert_eq!((actor.required, actor.nullable), (false, Some(true)), "three states now");
    assert_eq!(field(&g.ir, "Session", "expire_at").nullable, Some(false));
    let from = &actor.from[0];
    assert_eq!((from.fact, from.tree.as_str()), (Fact::Nullable, python.path().to_str().unwrap()));
    assert_eq!((&*from.source.file, from.source.line, from.source.col), ("models/session.md", 8, 3));
    assert!(field(&g.ir, "Session", "id").from.is_empty(), "nothing to take where Ruby states it");
    let report = &g.merged[0];
    assert_eq!(report.facts.get(&Fact::Nullable), Some(&2));
    assert_eq!(report.conflicts + report.only_models + report.only_fields, 0, "{report}");
    let code = code(&g);
    assert!(code.contains("pub actor: Option<Option<String>>"), "{code}");
}

#[test]
fn a_typescript_tree_takes_wire_keys_and_integers_from_ruby() {
    let ts = tree(&[(
        "models/user.md",
        doc("User", &[("userId", "*string*", true, "N/A"), ("links", "*number*", false, "N/A"), ("score", "*number*", true, "N/A")]),
    )]);
    let ruby = tree(&[(
        "shared/user.md",
        doc(
            "User",
            &[("userId", "*::String*", true, "N/A"), ("_links", "*T.nilable(::Integer)*", false, "N/A"), ("score", "*::Float*", true, "N/A")],
        ),
    )]);
    let before = alone("typescript", ts.path());
    assert_eq!(field(&before.ir, "User", "user_id").rust_name, "user_id");
    assert!(coded(&before, "W0007").len() == 1, "{:?}", before.warnings);
    let g = merged("typescript", ts.path(), &[ruby.path()]);
    let user_id = field(&g.ir, "User", "userId");
    assert_eq!((user_id.rust_name.as_str(), user_id.wire_name_inferred), ("user_id", false), "the primary's Rust name stays");
    let links = field(&g.ir, "User", "_links");
    assert_eq!((links.rust_name.as_str(), &links.ty), ("links", &TypeRef::Integer));
    assert_eq!(field(&g.ir, "User", "score").ty, TypeRef::Float);
    assert!(coded(&g, "W0007").is_empty(), "a key Ruby prints is not inferred: {:?}", g.warnings);
    assert_eq!(g.merged[0].renamed, 2);
    let code = code(&g);
    assert!(code.contains("pub links: Option<i64>") && code.contains("\"_links\""), "{code}");
}

#[test]
fn a_fact_both_trees_state_differently_is_a_conflict_with_both_places_and_the_primary_wins() {
    let python = tree(&[("models/a.md", doc("A", &[("id", "*int*", true, "N/A"), ("tag", "*Optional[str]*", false, "N/A")]))]);
    let java = tree(&[("models/a.md", doc("A", &[("id", "*String*", true, "N/A"), ("tag", "*Optional\\<String>*", true, "N/A")]))]);
    let g = merged("python", python.path(), &[java.path()]);
    assert_eq!(field(&g.ir, "A", "id").ty, TypeRef::Integer);
    assert!(!field(&g.ir, "A", "tag").required);
    let conflicts = coded(&g, "W0016");
    // `tag`: Required, and so Java's `Optional` says `null` where Python's says absent.
    assert_eq!(conflicts.len(), 3, "{conflicts:?}");
    let id = conflicts.iter().find(|d| d.message.contains("`A.id`")).unwrap();
    assert!(id.message.contains("the type is `integer` here but `string`"), "{}", id.message);
    let here = id.loc.as_ref().unwrap();
    assert_eq!((here.file.to_string(), here.line, here.col), (python.path().join("models/a.md").display().to_string(), 7, 3));
    let there = &id.notes[0].1;
    assert_eq!((there.file.to_string(), there.line, there.col), (java.path().join("models/a.md").display().to_string(), 7, 3));
    assert!(conflicts.iter().any(|d| d.message.contains("`A.tag`: required is `false` here but `true`")), "{conflicts:?}");
    assert!(conflicts.iter().any(|d| d.message.contains("`A.tag`: nullable is `false` here but `true`")), "{conflicts:?}");
    assert_eq!(g.merged[0].conflicts, 3);
}

#[test]
fn models_and_fields_only_a_secondary_has_are_reported_not_added() {
    let (ruby, _) = (ruby_session(), ());
    let python = tree(&[
        ("models/session.md", doc("Session", &[("id", "*str*", true, "N/A"), ("ip", "*Optional[str]*", false, "N/A")])),
        ("models/client.md", doc("Client", &[("secret", "*str*", true, "N/A"), ("host", "*str*", true, "N/A")])),
    ]);
    let g = merged("ruby-sorbet", ruby.path(), &[python.path()]);
    assert_eq!(g.ir.models.len(), 1);
    let only = coded(&g, "W0017");
    assert_eq!(only.len(), 2, "{only:?}");
    assert!(only.iter().any(|d| d.message.contains("a model `Client` (struct)")));
    let ip = only.iter().find(|d| d.message.contains("field `ip`")).unwrap();
    assert_eq!(ip.loc.as_ref().unwrap().line, 8);
    assert_eq!((g.merged[0].only_models, g.merged[0].only_fields), (1, 1));
}

#[test]
fn secondaries_that_give_one_fact_differently_give_nothing() {
    let ruby = ruby_session();
    let python = python_session();
    let java = tree(&[(
        "models/Session.md",
        doc("Session", &[("id", "*String*", true, "The ID."), ("actor", "*Optional\\<String>*", false, "N/A")]),
    )]);
    let g = merged("ruby-sorbet", ruby.path(), &[python.path(), java.path()]);
    assert_eq!(field(&g.ir, "Session", "actor").nullable, None);
    let disagree = coded(&g, "W0018");
    assert_eq!(disagree.len(), 1, "{disagree:?}");
    assert_eq!(disagree[0].notes.len(), 2, "both places: {:?}", disagree[0]);
    assert!(disagree[0].message.contains("nullable of `Session.actor`"), "{}", disagree[0].message);
}

#[test]
fn the_order_of_secondaries_does_not_matter() {
    let ts = tree(&[("models/session.md", doc("Session", &[("id", "*string*", true, ""), ("actor", "*string*", false, ""), ("expireAt", "*number*", false, "")]))]);
    let (python, ruby) = (python_session(), ruby_session());
    let java = tree(&[("models/Session.md", doc("Session", &[("id", "*String*", true, "The ID."), ("actor", "*Optional\\<String>*", false, "N/A")]))]);
    let orders: [&[&Path]; 3] = [&[python.path(), ruby.path(), java.path()], &[java.path(), ruby.path(), python.path()], &[ruby.path(), java.path(), python.path()]];
    let runs: Vec<Generation> = orders.iter().map(|o| merged("typescript", ts.path(), o)).collect();
    for g in &runs[1..] {
        assert_eq!(g.ir, runs[0].ir);
        assert_eq!(g.warnings, runs[0].warnings);
        assert_eq!(g.files().unwrap(), runs[0].files().unwrap());
    }
    let expire = field(&runs[0].ir, "Session", "expire_at");
    assert_eq!(expire.ty, TypeRef::Integer);
    assert_eq!(expire.from.iter().filter(|p| p.fact == Fact::Type).count(), 2, "each tree that states it: {:?}", expire.from);
}

#[test]
fn a_tree_merged_with_itself_changes_nothing() {
    for (dialect, t) in [("ruby-sorbet", ruby_session()), ("python", python_session())] {
        let before = alone(dialect, t.path());
        let g = merged(dialect, t.path(), &[t.path()]);
        assert_eq!(g.ir, before.ir, "{dialect}");
        assert!(g.merged[0].facts.is_empty() && g.merged[0].conflicts == 0, "{}", g.merged[0]);
        assert_eq!(g.warnings, before.warnings);
    }
}

#[test]
fn models_named_otherwise_pair_through_fields_and_take_enum_values() {
    let ts = tree(&[
        ("models/account.md", doc("Account", &[("status", "[models.AccountStatus](accountstatus.md)", true, "")])),
        ("models/accountstatus.md", enum_doc("AccountStatus", &["active"])),
    ]);
    let ruby = tree(&[
        ("shared/account.md", doc("Account", &[("status", "[::Shared::Status](status.md)", true, "")])),
        ("shared/status.md", enum_doc("Status", &["active", "closed"])),
    ]);
    let g = merged("typescript", ts.path(), &[ruby.path()]);
    let status = g.ir.models.iter().find(|m| m.title == "AccountStatus").unwrap();
    let ModelKind::Enum { values, .. } = &status.kind else { panic!() };
    let wires: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
    assert_eq!(wires, ["active", "closed"]);
    assert_eq!(values[1].from[0].fact, Fact::Value);
    assert_eq!(g.merged[0].paired.get(&super::By::Field), Some(&1));
    assert!(coded(&g, "W0017").is_empty(), "{:?}", g.warnings);
}

#[test]
fn a_union_the_primary_documents_without_members_takes_them() {
    let ruby = tree(&[
        ("shared/contact.md", "# Contact\n\nA way to reach someone.\n".to_string()),
        ("shared/email.md", doc("Email", &[("address", "*::String*", true, "")])),
        ("shared/phone.md", doc("Phone", &[("number", "*::String*", true, ""), ("country", "*::String*", true, "")])),
        ("shared/user.md", doc("User", &[("contact", "[::Shared::Contact](contact.md)", true, "")])),
    ]);
    let python = tree(&[
        ("models/contact.md", "# Contact\n\n## Supported Types\n\n### `models.Email`\n\n```python\nvalue: models.Email = /* values here */\n```\n\n### `models.Phone`\n\n```python\nvalue: models.Phone = /* values here */\n```\n".to_string()),
        ("models/email.md", doc("Email", &[("address", "*str*", true, "")])),
        ("models/phone.md", doc("Phone", &[("number", "*str*", true, ""), ("country", "*Optional[str]*", true, "")])),
        ("models/user.md", doc("User", &[("contact", "[models.Contact](contact.md)", true, "")])),
    ]);
    let g = merged("ruby-sorbet", ruby.path(), &[python.path()]);
    let contact = g.ir.models.iter().find(|m| m.title == "Contact").unwrap();
    let ModelKind::Union { variants } = &contact.kind else { panic!("{contact:?}") };
    let names: Vec<&str> = variants.iter().map(|v| v.rust_name.as_str()).collect();
    assert_eq!(names, ["Phone", "Email"], "most specific first, as resolving orders them");
    assert_eq!(contact.docs.as_deref(), Some("A way to reach someone."), "the primary's docs stay");
    assert_eq!(contact.from[0].fact, Fact::Members);
    assert!(code(&g).contains("pub enum Contact"));
}

#[test]
fn a_type_the_primary_cannot_read_is_taken_with_its_nullability() {
    let ruby = tree(&[("shared/a.md", doc("A", &[("when", "*T.nonsense(::String)*", false, ""), ("id", "*::String*", true, "")]))]);
    let python = tree(&[("models/a.md", doc("A", &[("when", "*OptionalNullable[int]*", false, ""), ("id", "*str*", true, "")]))]);
    let before = alone("ruby-sorbet", ruby.path());
    assert!(field(&before.ir, "A", "when").degraded);
    let g = merged("ruby-sorbet", ruby.path(), &[python.path()]);
    let when = field(&g.ir, "A", "when");
    assert_eq!((&when.ty, when.degraded, when.nullable), (&TypeRef::Integer, false, Some(true)));
    let facts: Vec<Fact> = when.from.iter().map(|p| p.fact).collect();
    assert_eq!(facts, [Fact::Nullable, Fact::Type]);
}

#[test]
fn docs_and_examples_come_where_the_primary_has_none() {
    let ruby = tree(&[("shared/a.md", doc("A", &[("id", "*::String*", true, "")]))]);
    let python = tree(&[(
        "models/a.md",
        "# A\n\nAn account.\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n|-|-|-|-|-|\n| `id` | *str* | :heavy_check_mark: | Its ID. | acc_1 |\n".to_string(),
    )]);
    let g = merged("ruby-sorbet", ruby.path(), &[python.path()]);
    let a = g.ir.models.iter().find(|m| m.title == "A").unwrap();
    assert_eq!(a.docs.as_deref(), Some("An account."));
    let id = field(&g.ir, "A", "id");
    assert_eq!((id.docs.as_deref(), id.example.as_deref()), (Some("Its ID."), Some("acc_1")));
}

#[test]
fn a_deprecation_any_tree_states_is_kept() {
    let ruby = tree(&[
        ("shared/a.md", doc("A", &[("id", "*::String*", true, ""), ("old", "*T.nilable(::String)*", false, "")])),
        ("shared/b.md", "# B\n\n## Values\n\n| Name | Value |\n|-|-|\n| `X` | x |\n".to_string()),
    ]);
    let python = tree(&[
        (
            "models/a.md",
            "# ~~A~~\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n| `id` | *str* | :heavy_check_mark: | N/A |\n| ~~`old`~~ | *Optional[str]* | :heavy_minus_sign: | Deprecated: use `id` instead. |\n".to_string(),
        ),
        ("models/b.md", "# B\n\n## Values\n\n| Name | Value |\n|-|-|\n| ~~`X`~~ | x |\n".to_string()),
    ]);
    let g = merged("ruby-sorbet", ruby.path(), &[python.path()]);
    let model = |title: &str| g.ir.models.iter().find(|m| m.title == title).unwrap();
    assert_eq!(model("A").deprecated.as_deref(), Some(crate::ir::DEPRECATED));
    let old = field(&g.ir, "A", "old");
    assert_eq!(old.deprecated.as_deref(), Some("Use `id` instead."));
    assert!(old.from.iter().any(|p| p.fact == Fact::Deprecated));
    let ModelKind::Enum { values, .. } = &model("B").kind else { panic!() };
    assert_eq!(values[0].deprecated.as_deref(), Some(crate::ir::DEPRECATED));
}

#[test]
fn the_ir_file_keeps_the_trees_but_not_their_places() {
    let (ruby, python) = (ruby_session(), python_session());
    let g = merged("ruby-sorbet", ruby.path(), &[python.path()]);
    let text = crate::ir_file::to_json(&g.ir);
    let tree = python.path().display().to_string();
    let line = text.lines().find(|l| l.contains("\"wire_name\": \"actor\"")).unwrap();
    assert!(line.ends_with(&format!("\"from\": [{{\"fact\": \"nullable\", \"tree\": {}}}]}},", serde_json::to_string(&tree).unwrap())), "{line}");
    let back = crate::ir_file::parse(&text).unwrap();
    assert_eq!(field(&back, "Session", "actor").from[0].tree, tree);
    assert!(crate::diff::diff(&back, &g.ir).is_empty(), "provenance is no API change");
}

#[test]
fn secondaries_that_give_a_number_two_kinds_leave_it_a_number() {
    let ts = tree(&[("models/a.md", doc("A", &[("score", "*number*", true, ""), ("tags", "*string*[]", true, "")]))]);
    let ruby = tree(&[("shared/a.md", doc("A", &[("score", "*::Integer*", true, ""), ("tags", "*T::Array[::String]*", true, "")]))]);
    let java = tree(&[("models/A.md", doc("A", &[("score", "*double*", true, ""), ("tags", "List\\<*String*>", true, "")]))]);
    let g = merged("typescript", ts.path(), &[ruby.path(), java.path()]);
    assert_eq!(field(&g.ir, "A", "score").ty, TypeRef::Number);
    let disagree = coded(&g, "W0018");
    assert_eq!(disagree.len(), 1, "{disagree:?}");
    // The trees are named in label order (here, random folders).
    let m = &disagree[0].message;
    assert!(m.contains("type of `A.score` differently (`") && m.contains("`integer`") && m.contains("`float`"), "{m}");
}
