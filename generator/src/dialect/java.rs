//! Java: `*String*`, `*long*`, `*Optional\<String>*`, `*JsonNullable\<Long>*`,
//! `List\<...>`, `Map\<String, *Object*>`, nested generics escaped twice
//! (`List\<List\\<*String*>>`), `byte[]` and `InputStream` (binary), `[X](...)`;
//! field names in camelCase.
//!
//! ```text
//! type := ("Optional" | "JsonNullable" | "List" | "Set") "<" arg ">"
//!       | "Map<" "String" "," type ">" | path "[]"?
//! arg  := ("?" "extends")? type
//! ```
//!
//! A name linked to a doc of the tree is a model even when it spells a built-in
//! (`[Object](Object.md)`, `[List](List.md)`, `[File](File.md)`).
//!
//! `JsonNullable<T>` is the three-state wrapper (absent, `null`, value).
//! `Optional<T>` marks an optional field that is never `null`, and on a required
//! field one that may be `null`.

use super::scan::{self, Builtins, Cursor, Scalar};
use super::{snake_case_wire_name, Dialect, FlatCell, ParseError, TypeExpr, WireName};

pub struct Java;

impl Dialect for Java {
    fn name(&self) -> &'static str {
        "java"
    }

    /// Java prints names in camelCase.
    fn blind(&self) -> super::Blind {
        super::Blind { nullability: super::Stated::Always, wire_names: true, dates: false, binary: false }
    }

    /// The SDK's holder of undocumented keys, typed `Map<String, Object>`.
    fn rest_holder(&self) -> &'static str {
        "additionalProperties"
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
    // `Optional<? extends T>`: the wildcard says nothing about the JSON.
    if c.eat("?") && !c.eat_word("extends") {
        return Err(c.error("`extends` after `?`"));
    }
    let (segments, range) = c.path(".")?;
    let name = standard_name(&segments);
    let ty = if c.eat_angle('<') {
        generic(c, &name, start)?
    } else if c.eat("[]") {
        match name.as_str() {
            "byte" | "Byte" => TypeExpr::Binary,
            _ => return Err(scan::error_at(start, "arrays are written `List<...>`")),
        }
    } else if scan::links_to_doc(c, &range) {
        scan::model(c, segments, range)?
    } else if BINARY.contains(&name.as_str()) {
        TypeExpr::Binary
    } else {
        match scan::builtin(BUILTINS, &name) {
            Some(ty) => ty,
            None => scan::model(c, segments, range)?,
        }
    };
    c.leave();
    Ok(ty)
}

/// The name a type goes by: its simple name when the path is in Java's standard
/// library (`java.util.List`, `java.time.OffsetDateTime`), else the whole path.
fn standard_name(segments: &[String]) -> String {
    match segments {
        [java, .., simple] if java == "java" => simple.clone(),
        _ => segments.join("."),
    }
}

/// `Name<args>` after its `<`: the SDK's wrappers and Java's collections.
fn generic(c: &mut Cursor<'_>, name: &str, start: usize) -> Result<TypeExpr, ParseError> {
    let first = ty(c)?;
    let ty = match name {
        "JsonNullable" => TypeExpr::Nullable(Box::new(first)),
        "Optional" => TypeExpr::Optional(Box::new(first)),
        "List" | "Set" | "Collection" => TypeExpr::Array(Box::new(first)),
        "Map" if first == TypeExpr::String => {
            c.expect(",")?;
            TypeExpr::Map(Box::new(ty(c)?))
        }
        "Map" => return Err(scan::error_at(start, "`String` as map key")),
        _ => return Err(scan::error_at(start, &format!("`{name}<...>` is no type of Java's docs"))),
    };
    if !c.eat_angle('>') {
        return Err(c.error("`>`"));
    }
    Ok(ty)
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

/// The names of binary content (uploads, downloads); `byte[]` is one too.
const BINARY: &[&str] = &["InputStream"];

/// The text [`Java::parse`] reads back as `ty`; `None` for what Java docs
/// cannot spell (unions, names that read back as built-ins).
fn print(ty: &TypeExpr) -> Option<String> {
    if let Some(name) = scan::spelling(BUILTINS, ty) {
        return Some(name);
    }
    let wrap = |name: &str, inner: &TypeExpr| Some(format!("{name}<{}>", print(inner)?));
    Some(match ty {
        TypeExpr::Binary => "byte[]".to_string(),
        TypeExpr::Named { namespace, name, .. } => scan::print_model(&Java, namespace, name)?,
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
        assert_eq!(parse("byte[]"), Binary);
        assert_eq!(parse("*InputStream*"), Binary);
        assert_eq!(parse("[InputStream](https://docs.oracle.com/javase/8/docs/api/java/io/InputStream.html)"), Binary);
        assert_eq!(parse("*BigDecimal*"), Float);
        assert_eq!(parse("*java.io.InputStream*"), Binary);
        assert_eq!(parse("*java.time.OffsetDateTime*"), DateTime);
        assert_eq!(parse("*java.util.Optional\\<java.lang.String>*"), Optional(b(String)));
        assert_eq!(parse("*BigInteger*"), Integer);
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
    fn generics_escaped_once_or_twice() {
        assert_eq!(parse("List\\<List\\\\<*String*>>"), Array(b(Array(b(String)))));
        assert_eq!(parse("Map\\<String, Map\\\\<String, *Object*>>"), Map(b(Map(b(Any)))));
        assert_eq!(parse("*Optional\\<List\\\\<String>>*"), Optional(b(Array(b(String)))));
        assert_eq!(parse("*JsonNullable\\<Map\\\\<String, Object>>*"), Nullable(b(Map(b(Any)))));
        assert_eq!(parse("*Optional\\<? extends List\\\\<String>>*"), Optional(b(Array(b(String)))));
        assert_eq!(parse("List\\<List\\\\<*long*\\\\>\\>"), Array(b(Array(b(Integer)))));
        assert!(Java.parse(&cell("Map\\<Long, String>")).is_err());
        assert!(Java.parse(&cell("Stream\\<String>")).is_err());
    }

    #[test]
    fn models_that_spell_built_ins() {
        let object = "../../models/components/Object.md";
        assert_eq!(parse(&format!("[Object]({object})")), named(&[], "Object", Some(object)));
        assert_eq!(parse("[List](List.md)"), named(&[], "List", Some("List.md")));
        assert_eq!(parse("List\\<[File](File.md)>"), Array(b(named(&[], "File", Some("File.md")))));
        assert_eq!(parse("*File*"), named(&[], "File", None));
        assert_eq!(parse("*models.components.User*"), named(&["models", "components"], "User", None));
    }

    #[test]
    fn printed_names_read_back() {
        assert_eq!(print(&named(&["components"], "User", None)).as_deref(), Some("components.User"));
        assert_eq!(print(&named(&[], "String", None)), None, "reads back as a built-in");
        assert_eq!(print(&Binary).as_deref(), Some("byte[]"));
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
        for md in ["*string*", "*Optional[str]*", "*?string*", "*number*", "[]*string*", "List<int>[]", "*string*[]"] {
            assert!(Java.parse(&cell(md)).is_err(), "{md}");
        }
    }

    #[test]
    fn wire_names_are_inferred_in_snake_case() {
        assert_eq!(Java.wire_name("userId"), WireName { name: "user_id".into(), inferred: true });
        assert_eq!(Java.wire_name("object").name, "object");
    }
}
