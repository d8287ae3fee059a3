//! Python: `*str*`, `*Optional[str]*`, `*Nullable[int]*`, `*OptionalNullable[bool]*`,
//! `List[...]`, `Dict[str, *Any*]`, `Literal[True]`, `[date](...)`,
//! `[models.X](...)`; unions are docs with a `## Supported Types` section.
//!
//! ```text
//! type := wrapper "[" type "]" | "Dict[" "str" "," type "]"
//!       | "Union[" type ("," type)* "]" | "Literal[" literal "]" | path
//! wrapper := "Optional" | "Nullable" | "OptionalNullable" | "List" | "IO"
//! ```
//!
//! `Optional` means "may be absent" and `Nullable` "may be null"; both are explicit,
//! so this dialect carries nullability in full. Binary content (`bytes`, `IO[bytes]`,
//! `io.IOBase`) is carried as a string.

use super::scan::{self, Builtins, Cursor, Scalar};
use super::{Dialect, FlatCell, ParseError, TypeExpr};

pub struct Python;

impl Dialect for Python {
    fn name(&self) -> &'static str {
        "python"
    }

    fn recognizes(&self, cell: &FlatCell) -> bool {
        let t = cell.text.as_str();
        ["Optional[", "Nullable[", "List[", "Dict[str", "models."].iter().any(|m| t.contains(m))
            || matches!(t, "str" | "bool" | "float")
    }

    fn wire_name(&self, printed: &str) -> super::WireName {
        super::unescaped_wire_name(printed)
    }

    fn print(&self, ty: &TypeExpr) -> Option<String> {
        print(ty)
    }

    fn parse(&self, cell: &FlatCell) -> Result<TypeExpr, ParseError> {
        // Some cells put the emphasis inside a code span (`` `*int*` ``).
        let unwrapped;
        let cell = match cell.text.strip_prefix('*').and_then(|t| t.strip_suffix('*')) {
            Some(inner) if cell.links.is_empty() && !inner.is_empty() => {
                unwrapped = FlatCell { text: inner.to_string(), links: Vec::new() };
                &unwrapped
            }
            _ => cell,
        };
        let mut c = Cursor::new(cell);
        let ty = ty(&mut c)?;
        c.finish(ty)
    }
}

fn ty(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    c.enter()?;
    c.skip_ws();
    let start = c.pos;
    let ty = if c.eat("OptionalNullable[") || c.eat("Nullable[") {
        TypeExpr::Nullable(Box::new(closed(c)?))
    } else if c.eat("Optional[") {
        TypeExpr::Optional(Box::new(closed(c)?))
    } else if c.eat("List[") {
        TypeExpr::Array(Box::new(closed(c)?))
    } else if c.eat("IO[") {
        closed(c)?;
        TypeExpr::String
    } else if c.eat("Dict[") {
        if !c.eat_word("str") {
            return Err(c.error("`str` as dict key"));
        }
        c.expect(",")?;
        TypeExpr::Map(Box::new(closed(c)?))
    } else if c.eat("Union[") {
        let mut members = vec![ty(c)?];
        while c.eat(",") {
            members.push(ty(c)?);
        }
        c.expect("]")?;
        scan::union(members, c.link(&(start..c.pos)))
    } else if c.eat("Literal[") {
        let lit = literal(c)?;
        c.expect("]")?;
        lit
    } else {
        path(c)?
    };
    c.leave();
    Ok(ty)
}

/// A type followed by the `]` that closes its wrapper.
fn closed(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    let inner = ty(c)?;
    c.expect("]")?;
    Ok(inner)
}

/// `Literal[True]` is a `bool` that is always true: its wire type is the literal's.
fn literal(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    c.skip_ws();
    if c.eat_word("True") || c.eat_word("False") {
        return Ok(TypeExpr::Boolean);
    }
    let rest = c.rest();
    if let Some(quote) = rest.chars().next().filter(|q| *q == '"' || *q == '\'') {
        if let Some(end) = rest[1..].find(quote) {
            c.pos += end + 2;
            return Ok(TypeExpr::String);
        }
    }
    let digits = rest.find(|ch: char| !(ch.is_ascii_digit() || ch == '-' || ch == '.')).unwrap_or(rest.len());
    if digits > 0 {
        let float = rest[..digits].contains('.');
        c.pos += digits;
        return Ok(if float { TypeExpr::Float } else { TypeExpr::Integer });
    }
    Err(c.error("a literal value"))
}

/// Python's built-in type names; binary content is carried as a string.
const BUILTINS: Builtins = &[
    ("str", Scalar::String),
    ("bytes", Scalar::String),
    ("io.IOBase", Scalar::String),
    ("int", Scalar::Integer),
    ("float", Scalar::Float),
    ("Decimal", Scalar::Float),
    ("bool", Scalar::Boolean),
    ("Any", Scalar::Any),
    ("date", Scalar::Date),
    ("datetime", Scalar::DateTime),
];

fn path(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    let (segments, range) = c.path(".")?;
    if let Some(ty) = scan::builtin(BUILTINS, &segments.join(".")) {
        return Ok(ty);
    }
    if segments[0] == "httpx" {
        return Ok(TypeExpr::External(segments.join(".")));
    }
    scan::model(c, segments, range)
}

/// The text [`Python::parse`] reads back as `ty`; `None` for what Python docs
/// cannot spell (an unknown-kind number, a transport type, a union whose
/// members would collapse).
fn print(ty: &TypeExpr) -> Option<String> {
    if let Some(name) = scan::spelling(BUILTINS, ty) {
        return Some(name);
    }
    let wrap = |name: &str, inner: &TypeExpr| Some(format!("{name}[{}]", print(inner)?));
    Some(match ty {
        TypeExpr::Nullable(inner) => wrap("Nullable", inner)?,
        TypeExpr::Optional(inner) => wrap("Optional", inner)?,
        TypeExpr::Array(inner) => wrap("List", inner)?,
        TypeExpr::Map(inner) => format!("Dict[str, {}]", print(inner)?),
        TypeExpr::Union { members, .. } => {
            let distinct = members.iter().enumerate().all(|(i, m)| !members[..i].contains(m));
            if members.len() < 2 || !distinct {
                return None;
            }
            let printed: Option<Vec<String>> = members.iter().map(print).collect();
            format!("Union[{}]", printed?.join(", "))
        }
        TypeExpr::Named { namespace, name, .. } => {
            let text: Vec<&str> = namespace.iter().chain([name]).map(String::as_str).collect();
            let text = text.join(".");
            let parsed = Python.parse(&FlatCell { text: text.clone(), links: Vec::new() }).ok()?;
            (parsed == *ty).then_some(text)?
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::ruby::tests::{b, named};
    use super::super::{cell, TypeExpr::*};
    use super::*;

    fn parse(md: &str) -> TypeExpr {
        Python.parse(&cell(md)).unwrap_or_else(|e| panic!("{md}: {e:?}"))
    }

    #[test]
    fn scalars() {
        assert_eq!(parse("*str*"), String);
        assert_eq!(parse("*int*"), Integer);
        assert_eq!(parse("*float*"), Float);
        assert_eq!(parse("*bool*"), Boolean);
        assert_eq!(parse("`*int*`"), Integer);
        assert_eq!(parse("[date](https://docs.python.org/3/library/datetime.html#date-objects)"), Date);
        assert_eq!(parse("[datetime](https://docs.python.org/3/library/datetime.html)"), DateTime);
    }

    #[test]
    fn optional_and_nullable() {
        assert_eq!(parse("*Optional[str]*"), Optional(b(String)));
        assert_eq!(parse("*Nullable[int]*"), Nullable(b(Integer)));
        assert_eq!(parse("*OptionalNullable[bool]*"), Nullable(b(Boolean)));
        let link = "../models/user.md";
        assert_eq!(parse(&format!("[OptionalNullable[models.User]]({link})")), Nullable(b(named(&["models"], "User", Some(link)))));
        assert_eq!(Python.nullability(Optional(b(String)), false), (String, Some(false)));
        assert_eq!(Python.nullability(Nullable(b(String)), true), (String, Some(true)));
        assert_eq!(Python.nullability(String, true), (String, Some(false)));
    }

    #[test]
    fn containers() {
        assert_eq!(parse("List[*str*]"), Array(b(String)));
        assert_eq!(parse("Dict[str, *Any*]"), Map(b(Any)));
        assert_eq!(parse("List[[models.X](x.md)]"), Array(b(named(&["models"], "X", Some("x.md")))));
    }

    #[test]
    fn literals_take_their_value_type() {
        assert_eq!(parse("*Literal[True]*"), Boolean);
        assert_eq!(parse("*Optional[Literal[False]]*"), Optional(b(Boolean)));
        assert_eq!(parse("*Literal[\"entry\"]*"), String);
        assert_eq!(parse("*Literal[3]*"), Integer);
    }

    #[test]
    fn binary_content_is_a_string() {
        assert_eq!(parse("*Union[bytes, IO[bytes], io.IOBase]*"), String);
    }

    #[test]
    fn names_of_other_dialects_are_refused() {
        assert!(Python.parse(&cell("*T.nilable(::String)*")).is_err());
        assert!(Python.parse(&cell("*Optional\\<String>*")).is_err());
        assert!(Python.parse(&cell("*?string*")).is_err());
        assert!(Python.parse(&cell("Dict[int, *str*]")).is_err());
        assert!(Python.parse(&cell("*string*")).is_err());
    }

    #[test]
    fn wire_names_are_printed_as_is() {
        assert_eq!(Python.wire_name("user_id").name, "user_id");
        assert!(!Python.wire_name("user_id").inferred);
    }
}
