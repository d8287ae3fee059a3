//! Java: `*String*`, `*long*`, `*Optional\<String>*`, `*JsonNullable\<Long>*`,
//! `List\<...>`, `Map\<String, *Object*>`, `byte[]`, `[X](...)`; field names in
//! camelCase.
//!
//! ```text
//! type := ("Optional" | "JsonNullable" | "List") "<" type ">"
//!       | "Map<" "String" "," type ">" | path "[]"?
//! ```
//!
//! `JsonNullable<T>` is the three-state wrapper (absent, `null`, value).
//! `Optional<T>` marks an optional field that is never `null`, and on a required
//! field one that may be `null`. Binary content (`byte[]`) is carried as a string.

use super::scan::{self, Builtins, Cursor, Scalar};
use super::{snake_case_wire_name, Dialect, FlatCell, ParseError, TypeExpr, WireName};

pub struct Java;

impl Dialect for Java {
    fn name(&self) -> &'static str {
        "java"
    }

    fn recognizes(&self, cell: &FlatCell) -> bool {
        let t = cell.text.as_str();
        ["Optional<", "JsonNullable<", "Map<String"].iter().any(|m| t.contains(m))
            || matches!(t, "String" | "boolean" | "Long")
    }

    fn parse(&self, cell: &FlatCell) -> Result<TypeExpr, ParseError> {
        let mut c = Cursor::new(cell);
        let ty = ty(&mut c)?;
        c.finish(ty)
    }

    fn nullability(&self, ty: TypeExpr, required: bool) -> (TypeExpr, Option<bool>) {
        match ty {
            TypeExpr::Nullable(inner) => (*inner, Some(true)),
            TypeExpr::Optional(inner) => (*inner, Some(required)),
            ty => (ty, Some(false)),
        }
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
    if let Some(external) = scan::web_linked(c) {
        c.leave();
        return Ok(external);
    }
    let ty = if c.eat("JsonNullable<") {
        TypeExpr::Nullable(Box::new(closed(c)?))
    } else if c.eat("Optional<") {
        TypeExpr::Optional(Box::new(closed(c)?))
    } else if c.eat("List<") {
        TypeExpr::Array(Box::new(closed(c)?))
    } else if c.eat("Map<") {
        if !c.eat_word("String") {
            return Err(c.error("`String` as map key"));
        }
        c.expect(",")?;
        TypeExpr::Map(Box::new(closed(c)?))
    } else {
        let (segments, range) = c.path(".")?;
        if c.eat("[]") {
            match segments.join(".").as_str() {
                "byte" | "Byte" => TypeExpr::String,
                _ => return Err(scan::error_at(start, "arrays are written `List<...>`")),
            }
        } else {
            match scan::builtin(BUILTINS, &segments.join(".")).filter(|_| !scan::links_to_doc(c, &range)) {
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

/// Java's built-in type names.
const BUILTINS: Builtins = &[
    ("String", Scalar::String),
    ("Long", Scalar::Integer),
    ("long", Scalar::Integer),
    ("int", Scalar::Integer),
    ("Integer", Scalar::Integer),
    ("short", Scalar::Integer),
    ("Short", Scalar::Integer),
    ("BigInteger", Scalar::Integer),
    ("Double", Scalar::Float),
    ("double", Scalar::Float),
    ("float", Scalar::Float),
    ("Float", Scalar::Float),
    ("BigDecimal", Scalar::Float),
    ("Boolean", Scalar::Boolean),
    ("boolean", Scalar::Boolean),
    ("Object", Scalar::Any),
    ("LocalDate", Scalar::Date),
    ("OffsetDateTime", Scalar::DateTime),
];

/// The text [`Java::parse`] reads back as `ty`; `None` for models (the docs
/// always link them) and what Java docs cannot spell.
fn print(ty: &TypeExpr) -> Option<String> {
    if let Some(name) = scan::spelling(BUILTINS, ty) {
        return Some(name);
    }
    let wrap = |name: &str, inner: &TypeExpr| Some(format!("{name}<{}>", print(inner)?));
    Some(match ty {
        TypeExpr::Nullable(inner) => wrap("JsonNullable", inner)?,
        TypeExpr::Optional(inner) => wrap("Optional", inner)?,
        TypeExpr::Array(inner) => wrap("List", inner)?,
        TypeExpr::Map(inner) => format!("Map<String, {}>", print(inner)?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::ruby::tests::{b, named};
    use super::super::{cell, TypeExpr::*};
    use super::*;

    fn parse(md: &str) -> TypeExpr {
        Java.parse(&cell(md)).unwrap_or_else(|e| panic!("{md}: {e:?}"))
    }

    #[test]
    fn scalars() {
        assert_eq!(parse("*String*"), String);
        assert_eq!(parse("*long*"), Integer);
        assert_eq!(parse("*int*"), Integer);
        assert_eq!(parse("*boolean*"), Boolean);
        assert_eq!(parse("*double*"), Float);
        assert_eq!(parse("byte[]"), String);
        assert_eq!(parse("[OffsetDateTime](https://docs.oracle.com/OffsetDateTime.html)"), DateTime);
        assert_eq!(parse("[LocalDate](https://docs.oracle.com/LocalDate.html)"), Date);
    }

    #[test]
    fn wrappers_and_containers() {
        assert_eq!(parse("*Optional\\<String>*"), Optional(b(String)));
        assert_eq!(parse("*JsonNullable\\<Long>*"), Nullable(b(Integer)));
        assert_eq!(parse("List\\<*String*>"), Array(b(String)));
        assert_eq!(parse("Map\\<String, *Object*>"), Map(b(Any)));
        assert_eq!(parse("List\\<[User](../User.md)>"), Array(b(named(&[], "User", Some("../User.md")))));
        assert_eq!(parse("[Optional\\<User>](../User.md)"), Optional(b(named(&[], "User", Some("../User.md")))));
    }

    #[test]
    fn optional_means_null_on_required_fields_only() {
        assert_eq!(Java.nullability(Optional(b(String)), true), (String, Some(true)));
        assert_eq!(Java.nullability(Optional(b(String)), false), (String, Some(false)));
        assert_eq!(Java.nullability(Nullable(b(String)), false), (String, Some(true)));
    }

    #[test]
    fn transport_types_are_external() {
        assert_eq!(
            parse("[HttpResponse\\<InputStream>](https://docs.oracle.com/HttpResponse.html)"),
            External("HttpResponse<InputStream>".into())
        );
    }

    #[test]
    fn other_dialects_are_refused() {
        for md in ["*string*", "*Optional[str]*", "*?string*", "*number*", "[]*string*", "List<int>[]"] {
            assert!(Java.parse(&cell(md)).is_err(), "{md}");
        }
    }

    #[test]
    fn wire_names_are_inferred_in_snake_case() {
        assert_eq!(Java.wire_name("userId"), WireName { name: "user_id".into(), inferred: true });
        assert_eq!(Java.wire_name("object").name, "object");
    }
}
