use super::*;
use crate::dialect::ruby_sorbet::RubySorbet;
use crate::lower::lower;
use crate::read::{parse, SourceFile};

fn ir(docs: &[(&str, &str)]) -> Result<Resolved, Vec<Diagnostic>> {
    let drafts = docs
        .iter()
        .map(|(path, text)| lower(&parse(SourceFile::new(*path, *text)), &RubySorbet, &mut Vec::new(), &mut Vec::new()).unwrap())
        .collect();
    resolve(drafts, "ruby-sorbet", docs.len())
}

fn fields_doc(title: &str, rows: &[(&str, &str, bool)]) -> String {
    let mut s = format!("# {title}\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n");
    for (name, ty, req) in rows {
        let req = if *req { ":heavy_check_mark:" } else { ":heavy_minus_sign:" };
        s.push_str(&format!("| `{name}` | {ty} | {req} | N/A |\n"));
    }
    s
}

#[test]
fn stale_links_resolve_by_name_and_namespace() {
    let a = fields_doc("A", &[("b", "[::X::Shared::B](../../models/shared/b.md)", true)]);
    let b_shared = fields_doc("B", &[("x", "*::String*", true)]);
    let b_ops = fields_doc("B", &[("y", "*::String*", true)]);
    let r = ir(&[("models/components/a.md", &a), ("models/components/b.md", &b_shared), ("models/operations/b.md", &b_ops)])
        .unwrap_or_else(|e| panic!("{e:?}"));
    let a = r.ir.model("components::A").unwrap();
    let ModelKind::Struct { fields, .. } = &a.kind else { panic!() };
    assert_eq!(fields[0].ty, TypeRef::Model("components::B".into()));
    assert_eq!(r.ir.modules, ["components", "operations"]);
}

#[test]
fn unknown_type_falls_back_with_location_and_help() {
    let a = fields_doc("A", &[("b", "[::X::Shared::Bee](bee.md)", true), ("c", "T::Array<[::X::Shared::Bee](bee.md)>", true)]);
    let b = fields_doc("Be", &[("x", "*::String*", true)]);
    let r = ir(&[("s/a.md", &a), ("s/be.md", &b)]).unwrap_or_else(|e| panic!("{e:?}"));
    let w = &r.warnings[0];
    assert_eq!(w.code, UNRESOLVED);
    assert!(w.message.contains("unknown type `Bee`") && w.message.contains("serde_json::Value"), "{}", w.message);
    assert_eq!(w.loc.as_ref().unwrap().to_string(), "s/a.md:7:9");
    assert_eq!(w.help.as_deref(), Some("a doc is titled `Be`"));
    let model = |title: &str| r.ir.models.iter().find(|m| m.title == title).unwrap();
    let ModelKind::Struct { fields, .. } = &model("A").kind else { panic!() };
    // Only the unknown part falls back: an array of them stays an array.
    assert_eq!((&fields[0].ty, fields[0].degraded), (&TypeRef::Any, true));
    assert_eq!((&fields[1].ty, fields[1].degraded), (&TypeRef::Array(Box::new(TypeRef::Any)), true));
    let ModelKind::Struct { fields, .. } = &model("Be").kind else { panic!() };
    assert!(!fields[0].degraded);
}

#[test]
fn duplicate_title_in_one_module_is_an_error() {
    let a = fields_doc("A", &[("x", "*::String*", true)]);
    let other = fields_doc("A", &[("y", "*::String*", true)]);
    let errs = ir(&[("s/a.md", &a), ("s/a2.md", &other)]).err().unwrap();
    assert_eq!(errs[0].code, "E0030");
}

#[test]
fn a_doc_repeated_word_for_word_is_dropped_with_a_warning() {
    let a = fields_doc("A", &[("x", "*::String*", true)]);
    let resolved = ir(&[("s/A.md", &a), ("s/a.md", &a)]).ok().unwrap();
    assert_eq!(resolved.ir.models.len(), 1);
    assert_eq!(resolved.warnings.len(), 1);
    assert_eq!(resolved.warnings[0].code, "W0004");
    assert_eq!(resolved.warnings[0].loc.as_ref().unwrap().to_string(), "s/a.md:1:1");
}

#[test]
fn repeated_docs_among_others_drop_only_the_repeats() {
    let a = fields_doc("A", &[("x", "*::String*", true)]);
    let b = fields_doc("B", &[("y", "*::String*", true)]);
    let c = fields_doc("C", &[("z", "*::String*", true)]);
    let docs = [("s/a.md", &a), ("s/a2.md", &a), ("s/b.md", &b), ("s/b2.md", &b), ("s/b3.md", &b), ("s/c.md", &c)];
    let resolved = ir(&docs.map(|(path, text)| (path, text.as_str()))).ok().unwrap();
    let titles: Vec<&str> = resolved.ir.models.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(titles, ["A", "B", "C"]);
    let dropped: Vec<String> = resolved.warnings.iter().map(|w| w.loc.as_ref().unwrap().to_string()).collect();
    assert_eq!(dropped, ["s/a2.md:1:1", "s/b2.md:1:1", "s/b3.md:1:1"]);
    let fields = |m: &Model| match &m.kind {
        ModelKind::Struct { fields, .. } => fields.iter().map(|f| f.wire_name.clone()).collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    assert_eq!(resolved.ir.models.iter().map(fields).collect::<Vec<_>>(), [["x"], ["y"], ["z"]]);
}

#[test]
fn lower_case_keys_are_what_to_lowercase_gives() {
    for text in ["models/shared/a.md", "Models/A.md", "ǅemal/ǈ.md", "ΣΑΣ.md", "straße/İ.md", ""] {
        assert_eq!(lower_case(text), text.to_lowercase(), "{text}");
    }
    assert!(matches!(lower_case("models/shared/a.md"), Cow::Borrowed(_)));
}

#[test]
fn recursion_is_boxed_only_on_the_cycle() {
    let node = fields_doc(
        "Node",
        &[
            ("next", "[T.nilable(::X::Node)](node.md)", false),
            ("children", "T::Array<[::X::Node](node.md)>", false),
            ("leaf", "[::X::Leaf](leaf.md)", true),
        ],
    );
    let leaf = fields_doc("Leaf", &[("v", "*::Integer*", true)]);
    let r = ir(&[("s/node.md", &node), ("s/leaf.md", &leaf)]).unwrap_or_else(|e| panic!("{e:?}"));
    let ModelKind::Struct { fields, .. } = &r.ir.model("models::Node").unwrap().kind else { panic!() };
    assert_eq!(fields.iter().map(|f| f.boxed).collect::<Vec<_>>(), [true, false, false]);
}

#[test]
fn unions_take_the_linked_docs_name_or_the_fields() {
    let a = fields_doc(
        "A",
        &[
            ("u", "[T.any(::X::B, ::String)](../shared/bunion.md)", true),
            ("v", "T.any(::Integer, ::X::B)", false),
        ],
    );
    let b = fields_doc("B", &[("x", "*::String*", true)]);
    let r = ir(&[("s/a.md", &a), ("s/b.md", &b), ("s/bunion.md", "# BUnion\n")]).unwrap_or_else(|e| panic!("{e:?}"));
    let ModelKind::Union { variants } = &r.ir.model("models::BUnion").unwrap().kind else { panic!() };
    assert_eq!(variants.iter().map(|v| v.rust_name.as_str()).collect::<Vec<_>>(), ["B", "String"]);
    let ModelKind::Union { variants } = &r.ir.model("models::AV").unwrap().kind else { panic!() };
    assert_eq!(variants.iter().map(|v| v.rust_name.as_str()).collect::<Vec<_>>(), ["B", "Integer"]);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn transport_fields_are_left_out_with_a_warning() {
    let a = fields_doc(
        "A",
        &[("raw_response", "[Faraday::Response](https://www.rubydoc.info/gems/faraday/Faraday/Response)", false)],
    );
    let r = ir(&[("s/a.md", &a)]).unwrap();
    let ModelKind::Struct { fields, omitted, .. } = &r.ir.model("models::A").unwrap().kind else { panic!() };
    assert!(fields.is_empty());
    assert_eq!(omitted[0].wire_name, "raw_response");
    assert_eq!(r.warnings[0].code, "W0002");
}

#[test]
fn enum_values_get_unique_variants_and_a_catch_all() {
    let e = "# E\n\n## Values\n\n| Name | Value |\n|-|-|\n| `A` | Foo |\n| `B` | FOO |\n| `C` | unknown |\n| `D` | * |\n";
    let r = ir(&[("s/e.md", e)]).unwrap();
    let ModelKind::Enum { values, catch_all, .. } = &r.ir.model("models::E").unwrap().kind else { panic!() };
    let names: Vec<&str> = values.iter().map(|v| v.rust_name.as_str()).collect();
    assert_eq!(names, ["Foo", "Foo2", "Unknown", "Star"]);
    assert_eq!(catch_all, "Unknown2");
    let dup = "# E\n\n## Values\n\n| Name | Value |\n|-|-|\n| `A` | a |\n| `B` | a |\n";
    let r = ir(&[("s/e.md", dup)]).unwrap();
    assert_eq!(r.warnings[0].code, REPEATED);
    let ModelKind::Enum { values, .. } = &r.ir.models[0].kind else { panic!() };
    assert_eq!(values.iter().map(|v| v.rust_name.as_str()).collect::<Vec<_>>(), ["A"]);
}

#[test]
fn warnings_of_structs_and_enums_keep_the_docs_order() {
    // Enums are named on other cores while structs are filled: the warnings still come doc by doc.
    let repeated_field = |title: &str| fields_doc(title, &[("a", "*String*", true), ("a", "*String*", true)]);
    let repeated_value = |title: &str| format!("# {title}\n\n## Values\n\n| Name | Value |\n|-|-|\n| `A` | a |\n| `B` | a |\n");
    let docs = [
        ("s/a.md", repeated_field("A")),
        ("s/b.md", repeated_value("B")),
        ("s/c.md", repeated_value("C")),
        ("s/d.md", repeated_field("D")),
        ("s/e.md", repeated_value("E")),
    ];
    let docs: Vec<(&str, &str)> = docs.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let r = ir(&docs).unwrap();
    let files: Vec<&str> = r.warnings.iter().filter(|w| w.code == REPEATED).filter_map(|w| w.loc.as_ref()).map(|l| &*l.file).collect();
    assert_eq!(files, ["s/a.md", "s/b.md", "s/c.md", "s/d.md", "s/e.md"]);
}

#[test]
fn a_model_may_be_titled_unknown() {
    let u = fields_doc("Unknown", &[("x", "*::String*", true)]);
    let r = ir(&[("s/unknown.md", &u)]).unwrap();
    assert!(r.ir.model("models::Unknown").is_some(), "{:?}", r.ir.models.iter().map(|m| &m.id).collect::<Vec<_>>());
}

#[test]
fn edit_distance_gives_up_past_its_limit() {
    let c = |s: &str| s.chars().collect::<Vec<_>>();
    assert_eq!(edit_distance_within(&c("signintokn"), &c("signintoken"), 2), Some(1));
    assert_eq!(edit_distance_within(&c("kitten"), &c("sitting"), 3), Some(3));
    assert_eq!(edit_distance_within(&c("kitten"), &c("sitting"), 2), None);
    assert_eq!(edit_distance_within(&c(""), &c("ab"), 2), Some(2));
    assert_eq!(edit_distance_within(&c("abcdef"), &c("uvwxyz"), 2), None);
}

#[test]
fn only_the_first_unknown_names_get_a_nearest_title() {
    let mut docs = vec![("s/b.md".to_string(), fields_doc("Bee", &[("x", "*::String*", true)]))];
    for i in 0..(MAX_SUGGESTIONS + 5) {
        docs.push((format!("s/a{i}.md"), fields_doc(&format!("A{i}"), &[("b", "[::X::Bea](bea.md)", true)])));
    }
    let refs: Vec<(&str, &str)> = docs.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let warnings = ir(&refs).unwrap_or_else(|e| panic!("{e:?}")).warnings;
    let unresolved: Vec<_> = warnings.iter().filter(|w| w.code == UNRESOLVED).collect();
    assert_eq!(unresolved.len(), MAX_SUGGESTIONS + 5);
    assert_eq!(unresolved.iter().filter(|e| e.help.as_deref() == Some("a doc is titled `Bee`")).count(), MAX_SUGGESTIONS);
}

proptest::proptest! {
    /// Scanning and sorting find the same repeats, whichever `repeats` picks.
    #[test]
    fn repeats_scanned_and_sorted_agree(names in proptest::collection::vec("[ab]{0,2}", 0..40)) {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        proptest::prop_assert_eq!(repeats_scanned(&names), repeats_sorted(&names));
    }
}

#[test]
fn an_undocumented_member_named_by_two_unions_is_one_model() {
    use crate::dialect::csharp::CSharp;
    let union = |title: &str| format!("# {title}\n\n\n## Supported Types\n\n### Email\n\n```csharp\n{title}.CreateEmail();\n```\n\n### Phone\n\n```csharp\n{title}.CreatePhone();\n```\n");
    let email = "# Email\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n| `Address` | *string* | :heavy_check_mark: | N/A |\n";
    let docs = [("m/Contact.md", union("Contact")), ("m/Email.md", email.to_string()), ("m/Reach.md", union("Reach"))];
    let drafts = docs
        .iter()
        .map(|(path, text)| lower(&parse(SourceFile::new(*path, text.as_str())), &CSharp, &mut Vec::new(), &mut Vec::new()).unwrap())
        .collect();
    let r = resolve(drafts, "csharp", docs.len()).unwrap_or_else(|e| panic!("{e:?}"));
    let ids: Vec<&str> = r.ir.models.iter().map(|m| &*m.id).collect();
    assert_eq!(ids, ["models::Contact", "models::Email", "models::Phone", "models::Reach"]);
    for union in ["models::Contact", "models::Reach"] {
        let ModelKind::Union { variants } = &r.ir.model(union).unwrap().kind else { panic!("{union}") };
        assert!(variants.iter().any(|v| v.ty == TypeRef::Model("models::Phone".into())), "{union}: {variants:?}");
    }
    assert_eq!(r.warnings.iter().filter(|w| w.code == "W0006").count(), 1, "{:?}", r.warnings);
}
