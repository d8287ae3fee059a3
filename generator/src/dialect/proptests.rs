//! Property tests of every dialect's grammar: a type printed and parsed again is
//! the same type, as flat text and as a markdown table cell. Cases: 64, or
//! `PROPTEST_CASES`.

use proptest::prelude::*;

use super::{all, cell, FlatCell, TypeExpr};

pub(crate) fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

/// Names as SDKs write them, minus the ones the grammar keeps for built-ins and
/// the transport layer (a namespace other than those is fine).
fn ident() -> impl Strategy<Value = String> {
    "[A-Z][A-Za-z0-9_]{0,10}"
}

const RESERVED: &[&str] = &[
    "String", "Symbol", "Integer", "Float", "BigDecimal", "Numeric", "TrueClass", "FalseClass", "NilClass", "Object",
    "Date", "DateTime", "Time", "IO", "StringIO", "File", "Tempfile", "Faraday", "Net",
];

fn named() -> impl Strategy<Value = TypeExpr> {
    (prop::collection::vec(ident(), 0..3), ident())
        .prop_filter("a built-in or transport name", |(ns, name)| {
            let first = ns.first().unwrap_or(name);
            !RESERVED.contains(&first.as_str()) || (!ns.is_empty() && !["Faraday", "Net"].contains(&first.as_str()))
        })
        .prop_map(|(namespace, name)| TypeExpr::Named { namespace, name, link: None })
}

pub(crate) fn type_expr() -> impl Strategy<Value = TypeExpr> {
    let leaf = prop_oneof![
        Just(TypeExpr::String),
        Just(TypeExpr::Integer),
        Just(TypeExpr::Float),
        Just(TypeExpr::Number),
        Just(TypeExpr::Boolean),
        Just(TypeExpr::Date),
        Just(TypeExpr::DateTime),
        Just(TypeExpr::Any),
        Just(TypeExpr::Binary),
        named(),
        Just(TypeExpr::External("Faraday::Response".into())),
    ];
    leaf.prop_recursive(5, 32, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| TypeExpr::Nullable(Box::new(t))),
            inner.clone().prop_map(|t| TypeExpr::Optional(Box::new(t))),
            inner.clone().prop_map(|t| TypeExpr::Array(Box::new(t))),
            inner.clone().prop_map(|t| TypeExpr::Map(Box::new(t))),
            prop::collection::vec(inner, 1..4).prop_map(|members| TypeExpr::Union { members, link: None }),
        ]
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn printed_types_parse_back(ty in type_expr()) {
        for dialect in all() {
            let Some(text) = dialect.print(&ty) else { continue };
            let flat = FlatCell { text: text.clone(), links: vec![] };
            let parsed = dialect.parse(&flat);
            prop_assert_eq!(parsed.as_ref(), Ok(&ty), "{} printed {}", dialect.name(), text);
            // The same text in a docs table, as SDK docs write it (a `|` escaped,
            // or it would end the cell), reads the same.
            let parsed = dialect.parse(&cell(&text.replace('|', "\\|")));
            prop_assert_eq!(parsed.as_ref(), Ok(&ty), "{} in markdown: {}", dialect.name(), text);
        }
    }

    #[test]
    fn the_ruby_dialects_print_every_type_with_a_name_of_identifiers(
        ty in type_expr().prop_filter("Ruby has no Optional wrapper, and a union of one member or repeated ones reads as less", |t| !has_non_ruby(t))
    ) {
        for name in ["ruby-sorbet", "ruby-crystalline"] {
            let dialect = super::by_name(name).unwrap();
            prop_assert!(dialect.print(&ty).is_some(), "{} cannot print {:?}", name, ty);
        }
    }
}

fn has_non_ruby(ty: &TypeExpr) -> bool {
    match ty {
        TypeExpr::Optional(_) => true,
        TypeExpr::Nullable(t) | TypeExpr::Array(t) | TypeExpr::Map(t) => has_non_ruby(t),
        TypeExpr::Union { members, .. } => {
            let repeated = members.iter().enumerate().any(|(i, m)| members[..i].contains(m));
            members.len() < 2 || repeated || members.iter().any(has_non_ruby)
        }
        _ => false,
    }
}

/// Every dialect has a printer, and each prints the types its docs can spell.
#[test]
fn every_dialect_prints_its_own_spellings() {
    let array_of_maps = TypeExpr::Array(Box::new(TypeExpr::Map(Box::new(TypeExpr::String))));
    for dialect in all() {
        let text = dialect.print(&array_of_maps);
        assert!(text.is_some(), "{} has no printer", dialect.name());
        assert_eq!(dialect.parse(&cell(&text.unwrap_or_default())), Ok(array_of_maps.clone()), "{}", dialect.name());
    }
}

#[test]
fn what_cannot_be_spelt_is_not_printed() {
    let sorbet = super::by_name("ruby-sorbet").unwrap();
    let named = |namespace: &[&str], name: &str| TypeExpr::Named {
        namespace: namespace.iter().map(|s| s.to_string()).collect(),
        name: name.into(),
        link: None,
    };
    assert_eq!(sorbet.print(&named(&[], "Integer")), None, "reads back as a built-in");
    assert_eq!(sorbet.print(&named(&["Faraday"], "Response")), None, "reads back as transport");
    assert_eq!(sorbet.print(&named(&[], "Not a name")), None);
    assert_eq!(sorbet.print(&TypeExpr::Union { members: vec![], link: None }), None);
    assert_eq!(sorbet.print(&named(&["T"], "BooleanX")).as_deref(), Some("::T::BooleanX"));
    assert_eq!(
        sorbet.print(&TypeExpr::Map(Box::new(TypeExpr::Nullable(Box::new(TypeExpr::Boolean))))).as_deref(),
        Some("T::Hash[Symbol, T.nilable(T::Boolean)]")
    );
}
