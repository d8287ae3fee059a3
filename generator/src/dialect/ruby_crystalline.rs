//! Ruby from the newer Speakeasy generator: `*Crystalline::Nilable.new(::String)*`,
//! `Crystalline::Array<...>`, `Crystalline::Hash[Symbol, ...]`,
//! `Crystalline::Union.new(A, B)`, `Crystalline::Boolean.new`, `Models::Components::X`;
//! each constructor with any bracket its code also writes (`Crystalline::Array.new(X)`,
//! `Crystalline::Hash.new(Symbol, X)`, `Crystalline::Array[X]`).

use super::ruby::{self, Syntax};
use super::{Dialect, FlatCell, ParseError, TypeExpr};

pub struct RubyCrystalline;

const SYNTAX: Syntax = Syntax {
    nilable: "Crystalline::Nilable",
    array: "Crystalline::Array",
    set: "Crystalline::Set",
    hash: "Crystalline::Hash",
    union: "Crystalline::Union",
    boolean: "Crystalline::Boolean",
    new: true,
};

impl Dialect for RubyCrystalline {
    fn name(&self) -> &'static str {
        "ruby-crystalline"
    }

    /// Ruby writes its one nil marker on every optional field, prints wire keys, has one type for dates and timestamps and writes uploads as strings.
    fn blind(&self) -> super::Blind {
        super::Blind { nullability: super::Stated::Required, wire_names: false, dates: true, binary: true }
    }

    /// The SDK's holder of undocumented keys, typed `Crystalline::Hash[Symbol, ::Object]`.
    fn rest_holder(&self) -> &'static str {
        "additional_properties"
    }

    fn recognizes(&self, cell: &FlatCell) -> bool {
        cell.text.contains("Crystalline::")
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
        RubyCrystalline.parse(&cell(md)).unwrap_or_else(|e| panic!("{md}: {e:?}"))
    }

    #[test]
    fn scalars_and_nilable() {
        assert_eq!(parse("*::String*"), String);
        assert_eq!(parse("*Crystalline::Boolean.new*"), Boolean);
        assert_eq!(parse("*Crystalline::Nilable.new(Crystalline::Boolean.new)*"), Nullable(b(Boolean)));
        assert_eq!(parse("*Crystalline::Nilable.new(::Object)*"), Nullable(b(Any)));
        assert_eq!(parse("*Crystalline::Nilable.new(::Float)*"), Nullable(b(Float)));
    }

    #[test]
    fn angle_brackets_are_not_an_autolink() {
        // `<Crystalline:...>` is an autolink to markdown; in a type it is a bracket.
        assert_eq!(parse("Crystalline::Array<Crystalline::Boolean.new>"), Array(b(Boolean)));
        assert_eq!(parse("Crystalline::Array<Models::Components::X>"), Array(b(named(&["Models", "Components"], "X", None))));
    }

    #[test]
    fn containers_and_models() {
        let link = "../../models/shared/clerkerror.md";
        assert_eq!(
            parse(&format!("Crystalline::Array<[Models::Components::ClerkError]({link})>")),
            Array(b(named(&["Models", "Components"], "ClerkError", Some(link))))
        );
        assert_eq!(parse("Crystalline::Hash[Symbol, *::String*]"), Map(b(String)));
    }

    #[test]
    fn unions_own_their_link() {
        let link = "../../models/shared/samlconnectionunion.md";
        let expected = Union {
            members: vec![
                named(&["Models", "Components"], "SAMLConnection1", None),
                named(&["Models", "Components"], "SAMLConnection2", None),
            ],
            link: Some(link.into()),
        };
        assert_eq!(
            parse(&format!(
                "Crystalline::Array<[Crystalline::Union.new(Models::Components::SAMLConnection1, Models::Components::SAMLConnection2)]({link})>"
            )),
            Array(b(expected.clone()))
        );
        assert_eq!(
            parse(&format!(
                "[Crystalline::Nilable.new(Crystalline::Union.new(Models::Components::SAMLConnection1, Models::Components::SAMLConnection2))]({link})"
            )),
            Nullable(b(expected))
        );
    }

    #[test]
    fn constructors_with_new_and_square_brackets() {
        assert_eq!(parse("Crystalline::Array.new(Models::Components::FieldError)"), Array(b(named(&["Models", "Components"], "FieldError", None))));
        assert_eq!(parse("Crystalline::Hash.new(Symbol, ::Integer)"), Map(b(Integer)));
        assert_eq!(parse("Crystalline::Array[::String]"), Array(b(String)));
        assert_eq!(parse("Crystalline::Hash[Symbol, Crystalline::Array[::Object]]"), Map(b(Array(b(Any)))));
        assert_eq!(parse("*Crystalline::Boolean*"), Boolean);
        assert_eq!(parse("Crystalline::Nilable.new(Crystalline::Union.new(::String, ::NilClass))"), Nullable(b(Nullable(b(String)))));
        assert_eq!(parse("Crystalline::Array<::IO>"), Array(b(Binary)));
        assert!(RubyCrystalline.parse(&cell("Crystalline::Array.new(::String]")).is_err());
    }

    #[test]
    fn recognizes_only_its_own_marks() {
        assert!(RubyCrystalline.recognizes(&cell("*Crystalline::Nilable.new(::String)*")));
        assert!(!RubyCrystalline.recognizes(&cell("*T.nilable(::String)*")));
    }
}
