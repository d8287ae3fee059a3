//! Ruby with Sorbet signatures: `*T.nilable(::String)*`, `T::Array<...>`,
//! `T::Hash[Symbol, ...]`, `T::Boolean`, `[::SDK::Shared::X](...)`; Sorbet's own
//! square brackets too (`T::Array[::Object]` inside `T.any(...)`), `T::Set[...]`,
//! `T.untyped`, `NilClass` in a union, Ruby's IO classes for binary content.

use super::ruby::{self, Syntax};
use super::{Dialect, FlatCell, ParseError, TypeExpr};

pub struct RubySorbet;

const SYNTAX: Syntax = Syntax {
    nilable: "T.nilable",
    array: "T::Array",
    set: "T::Set",
    hash: "T::Hash",
    union: "T.any",
    boolean: "T::Boolean",
    new: false,
};

impl Dialect for RubySorbet {
    fn name(&self) -> &'static str {
        "ruby-sorbet"
    }

    /// Ruby writes its one nil marker on every optional field, prints wire keys, has one type for dates and timestamps and writes uploads as strings.
    fn blind(&self) -> super::Blind {
        super::Blind { nullability: super::Stated::Required, wire_names: false, dates: true, binary: true }
    }

    /// The SDK's holder of undocumented keys, typed `T::Hash[Symbol, ::Object]`.
    fn rest_holder(&self) -> &'static str {
        "additional_properties"
    }

    fn recognizes(&self, cell: &FlatCell) -> bool {
        ["T.nilable(", "T.any(", "T.untyped", "T.anything", "T::"].iter().any(|mark| cell.text.contains(mark))
    }

    fn parse(&self, cell: &FlatCell) -> Result<TypeExpr, ParseError> {
        ruby::parse(&SYNTAX, cell)
    }

    fn nullability(&self, ty: TypeExpr, required: bool) -> (TypeExpr, Option<bool>) {
        super::nilable_nullability(ty, required)
    }

    fn wire_name(&self, printed: &str) -> super::WireName {
        super::unescaped_wire_name(printed)
    }

    fn print(&self, ty: &TypeExpr) -> Option<String> {
        ruby::print(&SYNTAX, ty)
    }
}

#[cfg(test)]
mod tests {
    use super::super::ruby::tests::{b, named};
    use super::super::{cell, TypeExpr::*};
    use super::*;

    fn parse(md: &str) -> TypeExpr {
        RubySorbet.parse(&cell(md)).unwrap_or_else(|e| panic!("{md}: {e:?}"))
    }

    #[test]
    fn scalars() {
        assert_eq!(parse("*::String*"), String);
        assert_eq!(parse("*::Integer*"), Integer);
        assert_eq!(parse("*::Float*"), Float);
        assert_eq!(parse("*T::Boolean*"), Boolean);
        assert_eq!(parse("*::Object*"), Any);
        assert_eq!(parse("[Date](https://ruby-doc.org/stdlib-2.6.1/libdoc/date/rdoc/Date.html)"), Date);
        assert_eq!(parse("[DateTime](https://ruby-doc.org/x/DateTime.html)"), DateTime);
    }

    #[test]
    fn nilable() {
        assert_eq!(parse("*T.nilable(::String)*"), Nullable(b(String)));
        assert_eq!(parse("*T.nilable(T::Boolean)*"), Nullable(b(Boolean)));
        assert_eq!(parse("*T.nilable(::Object)*"), Nullable(b(Any)));
    }

    #[test]
    fn containers() {
        assert_eq!(parse("T::Array<*::String*>"), Array(b(String)));
        assert_eq!(parse("T::Hash[Symbol, *::Object*]"), Map(b(Any)));
        assert_eq!(parse("T::Hash[Symbol, T::Array<*::String*>]"), Map(b(Array(b(String)))));
        assert_eq!(parse("T::Hash[Symbol, *T::Boolean*]"), Map(b(Boolean)));
    }

    #[test]
    fn links_to_models() {
        let link = "../../models/shared/y.md";
        assert_eq!(
            parse(&format!("[T.nilable(::X::Shared::Y)]({link})")),
            Nullable(b(named(&["X", "Shared"], "Y", Some(link))))
        );
        assert_eq!(
            parse(&format!("T::Array<[::X::Operations::Y]({link})>")),
            Array(b(named(&["X", "Operations"], "Y", Some(link))))
        );
        assert_eq!(
            parse(&format!("T::Hash[Symbol, [::X::Shared::Y]({link})]")),
            Map(b(named(&["X", "Shared"], "Y", Some(link))))
        );
    }

    #[test]
    fn sorbet_unions() {
        assert_eq!(
            parse("[T.any(::X::A, ::String)](u.md)"),
            Union { members: vec![named(&["X"], "A", None), String], link: Some("u.md".into()) }
        );
    }

    #[test]
    fn sorbet_square_brackets_and_sets() {
        assert_eq!(parse("T::Array[::Object]"), Array(b(Any)));
        assert_eq!(parse("T::Array[T::Hash[Symbol, ::Object]]"), Array(b(Map(b(Any)))));
        assert_eq!(parse("T::Hash[Symbol, T::Array[::String]]"), Map(b(Array(b(String)))));
        assert_eq!(parse("T::Set[::String]"), Array(b(String)));
        assert_eq!(parse("T::Set<::Integer>"), Array(b(Integer)));
        let link = "../../models/shared/sourcevalue.md";
        let cell = format!("[T.nilable(T.any(::String, ::Float, T::Boolean, Models::Shared::Result4, T::Array[::Object]))]({link})");
        let members = vec![String, Float, Boolean, named(&["Models", "Shared"], "Result4", None), Array(b(Any))];
        assert_eq!(parse(&cell), Nullable(b(Union { members, link: Some(link.into()) })));
        // A bracket must close with its own pair.
        assert!(RubySorbet.parse(&super::super::cell("T::Array[::String>")).is_err());
        assert!(RubySorbet.parse(&super::super::cell("T::Array ::String")).is_err());
    }

    #[test]
    fn untyped_nil_and_other_ruby_classes() {
        assert_eq!(parse("*T.untyped*"), Any);
        assert!(RubySorbet.recognizes(&cell("*T.untyped*")));
        assert_eq!(parse("T::Hash[Symbol, T.untyped]"), Map(b(Any)));
        assert_eq!(parse("*T.anything*"), Any);
        assert_eq!(parse("*::Numeric*"), Number);
        assert_eq!(parse("*T.any(TrueClass, FalseClass)*"), Boolean, "identical members collapse");
        assert_eq!(parse("*T.any(::String, NilClass)*"), Nullable(b(String)));
        assert_eq!(
            parse("[T.any(Models::A, Models::B, ::NilClass)](u.md)"),
            Nullable(b(Union { members: vec![named(&["Models"], "A", None), named(&["Models"], "B", None)], link: Some("u.md".into()) }))
        );
        assert!(RubySorbet.parse(&cell("T.any(NilClass)")).is_err());
    }

    #[test]
    fn io_classes_are_binary_unless_a_doc_is_linked_on_the_name() {
        assert_eq!(parse("*::IO*"), Binary);
        assert_eq!(parse("*T.nilable(::StringIO)*"), Nullable(b(Binary)));
        assert_eq!(parse("*T.any(::IO, ::StringIO)*"), Binary);
        assert_eq!(parse("*::File*"), Binary);
        assert_eq!(parse("*Tempfile*"), Binary);
        assert_eq!(parse("[File](../../models/shared/file.md)"), named(&[], "File", Some("../../models/shared/file.md")));
        // The link around a union belongs to the union, not to a member that is a class.
        assert_eq!(
            parse("[T.any(::String, File)](../../models/shared/body.md)"),
            Union { members: vec![String, Binary], link: Some("../../models/shared/body.md".into()) }
        );
    }

    #[test]
    fn the_older_generator_without_leading_colons() {
        assert_eq!(parse("*String*"), String);
        assert_eq!(parse("*Integer*"), Integer);
        let link = "../../models/shared/fileresource.md";
        assert_eq!(parse(&format!("[T.nilable(Shared::FileResource)]({link})")), Nullable(b(named(&["Shared"], "FileResource", Some(link)))));
        assert_eq!(parse("T::Array<Shared::SimpleObject>"), Array(b(named(&["Shared"], "SimpleObject", None))));
    }

    #[test]
    fn transport_types_are_external() {
        assert_eq!(
            parse("[Faraday::Response](https://www.rubydoc.info/gems/faraday/Faraday/Response)"),
            External("Faraday::Response".into())
        );
    }

    #[test]
    fn a_tag_like_type_is_text_and_keywords_end_at_a_word() {
        // `<Date>` is an HTML tag to markdown; in a type it is a bracket and a name.
        assert_eq!(parse("T::Array<Date>"), Array(b(Date)));
        assert_eq!(parse("T::Array<::X::BooleanFlag>"), Array(b(named(&["X"], "BooleanFlag", None))));
        assert_eq!(parse("::T::BooleanX"), named(&["T"], "BooleanX", None));
        assert_eq!(parse("T::BooleanX"), named(&["T"], "BooleanX", None), "was `T::Boolean` then junk");
    }

    #[test]
    fn errors_point_at_the_problem() {
        let err = RubySorbet.parse(&cell("T::Array<*::String*")).unwrap_err();
        assert_eq!(err.offset, 17);
        assert_eq!(err.message(), "expected `>`, found end of cell");
        let err = RubySorbet.parse(&cell("T::Hash[::Integer, ::String]")).unwrap_err();
        assert!(err.message().contains("hash key"), "{err:?}");
        assert!(RubySorbet.parse(&cell("::String junk")).is_err());
        assert!(RubySorbet.parse(&cell("")).is_err());
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = format!("{}::String{}", "T::Array<".repeat(10_000), ">".repeat(10_000));
        let err = RubySorbet.parse(&FlatCell { text: deep, links: vec![] }).unwrap_err();
        assert!(err.message().contains("nested"), "{err:?}");
    }
}
