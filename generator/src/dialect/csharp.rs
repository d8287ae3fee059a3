//! C#: `*string*`, `*long*`, `*bool*`, `List<...>`, `Dictionary<String, *object*>`,
//! `[X](...)`; field names in PascalCase.
//!
//! ```text
//! type := "List<" type ">" | "Dictionary<" "String" "," type ">" | path "[]"?
//! ```
//!
//! The docs never mark nullability, so this dialect leaves it unknown.

use super::scan::{self, Builtins, Cursor, Scalar};
use super::{snake_case_wire_name, Dialect, FlatCell, ParseError, TypeExpr, WireName};

pub struct CSharp;

/// The SDK's own HTTP types: fields holding them are not API data.
const TRANSPORT: &[&str] = &["HttpRequestMessage", "HttpResponseMessage"];

impl Dialect for CSharp {
    fn name(&self) -> &'static str {
        "csharp"
    }

    fn recognizes(&self, cell: &FlatCell) -> bool {
        let t = cell.text.as_str();
        t.contains("Dictionary<") || t.contains("Models.Components.") || matches!(t, "object" | "long")
    }

    fn parse(&self, cell: &FlatCell) -> Result<TypeExpr, ParseError> {
        let mut c = Cursor::new(cell);
        let ty = ty(&mut c)?;
        c.finish(ty)
    }

    fn nullability(&self, ty: TypeExpr, _required: bool) -> (TypeExpr, Option<bool>) {
        super::unknown_nullability(ty)
    }

    fn wire_name(&self, printed: &str) -> WireName {
        snake_case_wire_name(printed)
    }

    fn print(&self, ty: &TypeExpr) -> Option<String> {
        print(ty)
    }
}

fn ty(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    c.enter()?;
    c.skip_ws();
    let start = c.pos;
    let ty = if c.eat("List<") {
        TypeExpr::Array(Box::new(closed(c)?))
    } else if c.eat("Dictionary<") {
        if !(c.eat_word("String") || c.eat_word("string")) {
            return Err(c.error("`String` as dictionary key"));
        }
        c.expect(",")?;
        TypeExpr::Map(Box::new(closed(c)?))
    } else {
        let (segments, range) = c.path(".")?;
        let name = segments.join(".");
        if c.eat("[]") {
            match name.as_str() {
                "byte" => TypeExpr::String,
                _ => return Err(scan::error_at(start, "arrays are written `List<...>`")),
            }
        } else if TRANSPORT.contains(&name.as_str()) {
            TypeExpr::External(name)
        } else {
            match scan::builtin(BUILTINS, &name).filter(|_| !scan::links_to_doc(c, &range)) {
                Some(ty) => ty,
                None => scan::model(c, segments, range)?,
            }
        }
    };
    c.leave();
    Ok(ty)
}

fn closed(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    let inner = ty(c)?;
    c.expect(">")?;
    Ok(inner)
}

/// C#'s built-in type names.
const BUILTINS: Builtins = &[
    ("string", Scalar::String),
    ("long", Scalar::Integer),
    ("int", Scalar::Integer),
    ("short", Scalar::Integer),
    ("BigInteger", Scalar::Integer),
    ("double", Scalar::Float),
    ("float", Scalar::Float),
    ("decimal", Scalar::Float),
    ("bool", Scalar::Boolean),
    ("object", Scalar::Any),
    ("LocalDate", Scalar::Date),
    ("DateTime", Scalar::DateTime),
];

/// The text [`CSharp::parse`] reads back as `ty`; `None` for models (the docs
/// always link them) and what C# docs cannot spell (nullability among them).
fn print(ty: &TypeExpr) -> Option<String> {
    if let Some(name) = scan::spelling(BUILTINS, ty) {
        return Some(name);
    }
    Some(match ty {
        TypeExpr::Array(inner) => format!("List<{}>", print(inner)?),
        TypeExpr::Map(inner) => format!("Dictionary<String, {}>", print(inner)?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::ruby::tests::{b, named};
    use super::super::{cell, TypeExpr::*};
    use super::*;

    fn parse(md: &str) -> TypeExpr {
        CSharp.parse(&cell(md)).unwrap_or_else(|e| panic!("{md}: {e:?}"))
    }

    #[test]
    fn scalars() {
        assert_eq!(parse("*string*"), String);
        assert_eq!(parse("*long*"), Integer);
        assert_eq!(parse("*bool*"), Boolean);
        assert_eq!(parse("*double*"), Float);
        assert_eq!(parse("*object*"), Any);
        assert_eq!(parse("*byte[]*"), String);
        assert_eq!(parse("[DateTime](https://learn.microsoft.com/system.datetime)"), DateTime);
        assert_eq!(parse("[LocalDate](https://nodatime.org/LocalDate.html)"), Date);
    }

    #[test]
    fn containers_and_models() {
        assert_eq!(parse("List<*string*>"), Array(b(String)));
        assert_eq!(parse("Dictionary<String, *object*>"), Map(b(Any)));
        assert_eq!(parse("List<[User](../User.md)>"), Array(b(named(&[], "User", Some("../User.md")))));
        assert_eq!(
            parse("[Models.Components.Meta](../Meta.md)"),
            named(&["Models", "Components"], "Meta", Some("../Meta.md"))
        );
    }

    #[test]
    fn nullability_is_unknown() {
        assert_eq!(CSharp.nullability(String, true), (String, None));
        assert_eq!(CSharp.nullability(String, false), (String, None));
    }

    #[test]
    fn transport_types_are_external() {
        assert_eq!(parse("*HttpRequestMessage*"), External("HttpRequestMessage".into()));
    }

    #[test]
    fn other_dialects_are_refused() {
        for md in ["*str*", "*?string*", "*number*", "*Optional\\<String>*", "*boolean*"] {
            assert!(CSharp.parse(&cell(md)).is_err(), "{md}");
        }
    }

    #[test]
    fn wire_names_are_inferred_in_snake_case() {
        assert_eq!(CSharp.wire_name("UserId"), WireName { name: "user_id".into(), inferred: true });
    }
}
