//! Property test of the whole pipeline: any small valid docs tree (random titles,
//! folders, field names, enum values, descriptions and types, in either Ruby
//! dialect) generates, and every generated file is valid Rust. Cases: 64, or
//! `PROPTEST_CASES`.

use proptest::prelude::*;

use docs2rs::dialect::{self, TypeExpr};
use docs2rs::ir::{ModelKind, TypeRef};
use docs2rs::Config;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

#[derive(Debug, Clone)]
enum Body {
    Struct(Vec<FieldSpec>),
    Enum(Vec<String>),
    Open,
}

#[derive(Debug, Clone)]
struct FieldSpec {
    name: String,
    /// A type whose `Named` leaves are indexes into the tree's docs.
    ty: Shape,
    required: bool,
    description: String,
}

#[derive(Debug, Clone)]
enum Shape {
    String,
    Integer,
    Float,
    Boolean,
    Date,
    Any,
    Doc(usize),
    Nullable(Box<Shape>),
    Array(Box<Shape>),
    Map(Box<Shape>),
    Union(Vec<Shape>),
}

#[derive(Debug, Clone)]
struct DocSpec {
    folder: &'static str,
    word: String,
    intro: String,
    body: Body,
}

fn shape() -> impl Strategy<Value = Shape> {
    let leaf = prop_oneof![
        Just(Shape::String),
        Just(Shape::Integer),
        Just(Shape::Float),
        Just(Shape::Boolean),
        Just(Shape::Date),
        Just(Shape::Any),
        (0usize..8).prop_map(Shape::Doc),
        (0usize..8).prop_map(Shape::Doc),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|s| Shape::Nullable(Box::new(s))),
            inner.clone().prop_map(|s| Shape::Array(Box::new(s))),
            inner.clone().prop_map(|s| Shape::Map(Box::new(s))),
            prop::collection::vec(inner, 1..4).prop_map(Shape::Union),
        ]
    })
}

/// Wire names as APIs have them: snake, camel, keywords, punctuation, non-ASCII.
fn wire_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9_]{0,10}",
        "[a-zA-Z$@.\\- ]{0,10}",
        prop::sample::select(vec!["type", "type_", "self", "Self", "r#type", "super", "_", "1h", "$ref", "crate", "async", "ünïcode", "日本"])
            .prop_map(str::to_string),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[ -~&&[^|\\\\`]]{0,30}", Just("N/A".to_string()), Just("Line one.<br/>Line two.".to_string())]
}

fn field() -> impl Strategy<Value = FieldSpec> {
    (wire_name(), shape(), any::<bool>(), text()).prop_map(|(name, ty, required, description)| FieldSpec { name, ty, required, description })
}

fn doc() -> impl Strategy<Value = DocSpec> {
    let body = prop_oneof![
        4 => prop::collection::vec(field(), 0..6).prop_map(Body::Struct),
        2 => prop::collection::vec("[a-zA-Z0-9 .:/+\\-]{0,10}", 1..6).prop_map(Body::Enum),
        1 => Just(Body::Open),
    ];
    (prop::sample::select(vec!["models", "models/components", "models/operations", "ops"]), "[A-Z][a-z]{0,6}", text(), body)
        .prop_map(|(folder, word, intro, body)| DocSpec { folder, word, intro, body })
}

/// Titles are `M<i><Word>`: identifiers (so types can name them), unique after
/// any case conversion.
fn title(docs: &[DocSpec], i: usize) -> String {
    format!("M{i}{}", docs[i].word)
}

fn to_type(shape: &Shape, docs: &[DocSpec]) -> TypeExpr {
    match shape {
        Shape::String => TypeExpr::String,
        Shape::Integer => TypeExpr::Integer,
        Shape::Float => TypeExpr::Float,
        Shape::Boolean => TypeExpr::Boolean,
        Shape::Date => TypeExpr::Date,
        Shape::Any => TypeExpr::Any,
        Shape::Doc(i) => {
            TypeExpr::Named { namespace: vec!["Sdk".into(), "Models".into()], name: title(docs, i % docs.len()), link: None }
        }
        Shape::Nullable(s) => TypeExpr::Nullable(Box::new(to_type(s, docs))),
        Shape::Array(s) => TypeExpr::Array(Box::new(to_type(s, docs))),
        Shape::Map(s) => TypeExpr::Map(Box::new(to_type(s, docs))),
        // As the dialects read it: repeated members are one, and one member is that member.
        Shape::Union(members) => {
            let mut distinct: Vec<TypeExpr> = Vec::new();
            for m in members.iter().map(|m| to_type(m, docs)) {
                if !distinct.contains(&m) {
                    distinct.push(m);
                }
            }
            match <[TypeExpr; 1]>::try_from(distinct) {
                Ok([one]) => one,
                Err(members) => TypeExpr::Union { members, link: None },
            }
        }
    }
}

fn render(docs: &[DocSpec], dialect: &dyn dialect::Dialect) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let title = title(docs, i);
        let mut md = format!("# {title}\n\nAbout: {}\n\n", d.intro);
        match &d.body {
            Body::Struct(fields) => {
                md.push_str("## Fields\n\n| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n");
                let mut seen = std::collections::BTreeSet::new();
                // A key once per object: a repeated field keeps its first row (W0014). The key
                // is the dialect's reading of the name (Ruby: `type_` is `type`).
                for f in fields.iter().filter(|f| seen.insert(dialect.wire_name(f.name.trim()).name)) {
                    let ty = dialect.print(&to_type(&f.ty, docs)).expect("the Ruby dialects print every type here");
                    let req = if f.required { ":heavy_check_mark:" } else { ":heavy_minus_sign:" };
                    md.push_str(&format!("| `{}` | {ty} | {req} | {} |\n", f.name, f.description));
                }
            }
            Body::Enum(values) => {
                md.push_str("## Values\n\n| Name | Value |\n| ---- | ----- |\n");
                let mut seen = std::collections::BTreeSet::new();
                for v in values.iter().map(|v| v.trim()).filter(|v| seen.insert(v.to_string())) {
                    md.push_str(&format!("| `V` | {v} |\n"));
                }
            }
            Body::Open => {}
        }
        files.push((format!("{}/{}.md", d.folder, title.to_lowercase()), md.into_bytes()));
    }
    files
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_valid_tree_generates_valid_rust(docs in prop::collection::vec(doc(), 1..7), crystalline in any::<bool>()) {
        let name = if crystalline { "ruby-crystalline" } else { "ruby-sorbet" };
        let dialect = dialect::by_name(name).unwrap();
        let files = render(&docs, dialect);
        let show = || files.iter().map(|(p, b)| format!("== {p}\n{}", String::from_utf8_lossy(b))).collect::<String>();
        let generation = match Config::new().dialect(name).generate_sources(files.clone()) {
            Ok(g) => g,
            Err(failure) => return Err(TestCaseError::fail(format!("{failure}\n{}", show()))),
        };
        let ir = &generation.ir;
        // Names unique in each scope, and clean to rustc's case lints.
        let checked = std::panic::catch_unwind(|| docs2rs::fuzzing::check_names(ir));
        prop_assert!(checked.is_ok(), "names rustc would refuse in:\n{}", show());
        for m in &ir.models {
            let types: Vec<&TypeRef> = match &m.kind {
                ModelKind::Struct { fields, .. } => fields.iter().map(|f| &f.ty).collect(),
                ModelKind::Union { variants } => variants.iter().map(|v| &v.ty).collect(),
                _ => Vec::new(),
            };
            for ty in types {
                let mut stack = vec![ty];
                while let Some(t) = stack.pop() {
                    match t {
                        TypeRef::Model(id) => prop_assert!(ir.model(id).is_some(), "dangling {} in {}", id, m.id),
                        TypeRef::Array(i) | TypeRef::Map(i) | TypeRef::Nullable(i) => stack.push(i),
                        _ => {}
                    }
                }
            }
        }
        let out = generation.files().map_err(|f| TestCaseError::fail(format!("{f}\n{}", show())))?;
        for (path, code) in out.iter().filter(|(p, _)| p.ends_with(".rs")) {
            if let Err(e) = syn::parse_file(code) {
                return Err(TestCaseError::fail(format!("{path}: {e}\n{code}\n{}", show())));
            }
        }
        // The same tree, the same bytes.
        let again = Config::new().dialect(name).generate_sources(files).unwrap().files().unwrap();
        prop_assert_eq!(out, again);
    }
}
