//! C#: `*string*`, `*long*`, `*bool*`, `*decimal*`, `List<...>`,
//! `Dictionary<String, *object*>`, `long?`, `byte[]` and `Stream` (binary),
//! `[X](...)`, `Models.Components.X`; field names in PascalCase.
//!
//! ```text
//! type := ("List" | "IList" | "IEnumerable" | "Nullable") "<" type ">" "?"?
//!       | ("Dictionary" | "IDictionary") "<" "string" "," type ">" "?"?
//!       | path "[]"? "?"?
//! ```
//!
//! The docs rarely mark nullability (`long?` when they do) and the Required
//! column does not say it either, so this dialect leaves it unknown.

use super::scan::{self, Builtins, Cursor, Scalar};
use super::{snake_case_wire_name, Dialect, FlatCell, ParseError, TypeExpr, WireName};

pub struct CSharp;

/// The SDK's own HTTP types: fields holding them are not API data.
const TRANSPORT: &[&str] = &["HttpRequestMessage", "HttpResponseMessage"];

impl Dialect for CSharp {
    fn name(&self) -> &'static str {
        "csharp"
    }

    /// C# never marks nullability and prints names in PascalCase.
    fn blind(&self) -> super::Blind {
        super::Blind { nullability: super::Stated::Never, wire_names: true, dates: false, binary: false }
    }

    /// The SDK's holder of undocumented keys, typed `Dictionary<string, object>`.
    fn rest_holder(&self) -> &'static str {
        "AdditionalProperties"
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
    let (segments, range) = c.path(".")?;
    let name = segments.join(".");
    let mut ty = if c.eat_angle('<') {
        generic(c, &name, start)?
    } else if c.eat("[]") {
        match name.as_str() {
            "byte" | "System.Byte" => TypeExpr::Binary,
            _ => return Err(scan::error_at(start, "arrays are written `List<...>`")),
        }
    } else if TRANSPORT.contains(&name.as_str()) {
        TypeExpr::External(name)
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
    // `long?`: a nullable value type (or reference, in newer SDKs).
    if c.eat("?") {
        ty = TypeExpr::Nullable(Box::new(ty));
    }
    c.leave();
    Ok(ty)
}

/// `Name<args>` after its `<`: .NET's collections.
fn generic(c: &mut Cursor<'_>, name: &str, start: usize) -> Result<TypeExpr, ParseError> {
    let ty = match name {
        "List" | "IList" | "IEnumerable" | "IReadOnlyList" => TypeExpr::Array(Box::new(ty(c)?)),
        "Nullable" => TypeExpr::Nullable(Box::new(ty(c)?)),
        "Dictionary" | "IDictionary" | "IReadOnlyDictionary" => {
            // The key is written `String` as often as `string`; `String` is no
            // built-in elsewhere (it is Java's), so only here.
            if !(c.eat_word("String") || c.eat_word("string")) {
                return Err(c.error("`string` as dictionary key"));
            }
            c.expect(",")?;
            TypeExpr::Map(Box::new(ty(c)?))
        }
        _ => return Err(scan::error_at(start, &format!("`{name}<...>` is no type of C#'s docs"))),
    };
    if !c.eat_angle('>') {
        return Err(c.error("`>`"));
    }
    Ok(ty)
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
    ("DateTimeOffset", Scalar::DateTime),
];

/// The names of binary content (uploads, downloads); `byte[]` is one too.
const BINARY: &[&str] = &["Stream", "System.IO.Stream"];

/// The text [`CSharp::parse`] reads back as `ty`; `None` for what C# docs
/// cannot spell (unions, `Optional`, names that read back as built-ins).
fn print(ty: &TypeExpr) -> Option<String> {
    if let Some(name) = scan::spelling(BUILTINS, ty) {
        return Some(name);
    }
    Some(match ty {
        TypeExpr::Binary => "byte[]".to_string(),
        TypeExpr::Nullable(inner) if !matches!(**inner, TypeExpr::Nullable(_)) => format!("{}?", print(inner)?),
        TypeExpr::Named { namespace, name, .. } => scan::print_model(&CSharp, namespace, name)?,
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
        assert_eq!(parse("*byte[]*"), Binary);
        assert_eq!(parse("*Stream*"), Binary);
        assert_eq!(parse("*System.IO.Stream*"), Binary);
        assert_eq!(parse("*decimal*"), Float);
        assert_eq!(parse("*BigInteger*"), Integer);
        assert_eq!(parse("*DateTimeOffset*"), DateTime);
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
    fn nested_containers_and_nullable_values() {
        assert_eq!(parse("List<List<*string*>>"), Array(b(Array(b(String)))));
        assert_eq!(parse("Dictionary<string, List<*long*>>"), Map(b(Array(b(Integer)))));
        assert_eq!(parse("List<Dictionary<String, *object*>>"), Array(b(Map(b(Any)))));
        assert_eq!(parse("*long?*"), Nullable(b(Integer)));
        assert_eq!(parse("Nullable<*long*>"), Nullable(b(Integer)));
        assert_eq!(parse("List<*double?*>"), Array(b(Nullable(b(Float)))));
        let meta = named(&["Models", "Components"], "Meta", Some("../Meta.md"));
        assert_eq!(parse("[Models.Components.Meta](../Meta.md)?"), Nullable(b(meta)));
        assert!(CSharp.parse(&cell("Dictionary<long, string>")).is_err());
        assert!(CSharp.parse(&cell("*long??*")).is_err());
    }

    #[test]
    fn unlinked_qualified_names_and_linked_built_in_spellings() {
        assert_eq!(parse("*Models.Components.Meta*"), named(&["Models", "Components"], "Meta", None));
        assert_eq!(parse("List<*Models.Components.Meta*>"), Array(b(named(&["Models", "Components"], "Meta", None))));
        assert_eq!(parse("[Stream](../Stream.md)"), named(&[], "Stream", Some("../Stream.md")));
        assert_eq!(print(&named(&["Models"], "Meta", None)).as_deref(), Some("Models.Meta"));
        assert_eq!(print(&named(&[], "Stream", None)), None, "reads back as binary");
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
