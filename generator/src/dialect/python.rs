//! Python: `*str*`, `*Optional[str]*`, `*Nullable[int]*`, `*OptionalNullable[bool]*`,
//! `List[...]`, `Dict[str, *Any*]`, `Literal[True]`, `[date](...)`,
//! `[models.X](...)`; unions are docs with a `## Supported Types` section. Older
//! generators write the builtin generics (`list[...]`, `dict[str, Any]`) and bare
//! model names (`list[X]`).
//!
//! ```text
//! type := path "[" args "]" | path
//! args := type | "str" "," type | type ("," type)* | literal ("," literal)*
//! ```
//!
//! The generic's name says what its arguments are: `Optional`, `Nullable`,
//! `OptionalNullable`, `List`/`list`/`Set`/`set`/`Sequence` (one type),
//! `Dict`/`dict`/`Mapping` (`str` and a type), `Union` (types), `Literal`
//! (values), `IO` (binary content).
//!
//! `Optional` means "may be absent" and `Nullable` "may be null"; both are explicit,
//! so this dialect carries nullability in full. Binary content (`bytes`, `IO[bytes]`,
//! `io.IOBase`, `io.BufferedReader`) is [`TypeExpr::Binary`].

use super::scan::{self, Builtins, Cursor, Scalar};
use super::{Dialect, FlatCell, ParseError, TypeExpr};

pub struct Python;

impl Dialect for Python {
    fn name(&self) -> &'static str {
        "python"
    }

    /// Python states nullability and prints wire keys; its docs link `date` for timestamps too.
    fn blind(&self) -> super::Blind {
        super::Blind { nullability: super::Stated::Always, wire_names: false, dates: true, binary: false }
    }

    /// The SDK's holder of undocumented keys, typed `Dict[str, Any]`.
    fn rest_holder(&self) -> &'static str {
        "__pydantic_extra__"
    }

    fn recognizes(&self, cell: &FlatCell) -> bool {
        let t = cell.text.as_str();
        let marks = ["Optional[", "Nullable[", "List[", "Dict[str", "list[", "dict[str", "Union[", "Literal[", "models."];
        marks.iter().any(|m| t.contains(m)) || matches!(t, "str" | "bool" | "float")
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
    let (segments, range) = c.path(".")?;
    let ty = if c.rest().starts_with('[') {
        c.pos += 1;
        generic(c, &segments.join("."), start)?
    } else {
        path(c, segments, range)?
    };
    c.leave();
    Ok(ty)
}

/// The arguments of the generic `name`, after its `[`, through its `]`.
fn generic(c: &mut Cursor<'_>, name: &str, start: usize) -> Result<TypeExpr, ParseError> {
    Ok(match name {
        "Optional" => TypeExpr::Optional(Box::new(closed(c)?)),
        "Nullable" | "OptionalNullable" => TypeExpr::Nullable(Box::new(closed(c)?)),
        // A set is a JSON array too: its items are unique, which serde does not check.
        "List" | "list" | "Set" | "set" | "Sequence" => TypeExpr::Array(Box::new(closed(c)?)),
        "Dict" | "dict" | "Mapping" => {
            if !c.eat_word("str") {
                return Err(c.error("`str` as dict key"));
            }
            c.expect(",")?;
            TypeExpr::Map(Box::new(closed(c)?))
        }
        "Union" => {
            let mut members = vec![ty(c)?];
            while c.eat(",") {
                members.push(ty(c)?);
            }
            c.expect("]")?;
            scan::union(members, c.link(&(start..c.pos)))
        }
        "Literal" => {
            let mut values = vec![literal(c)?];
            while c.eat(",") {
                values.push(literal(c)?);
            }
            c.expect("]")?;
            scan::union(values, None)
        }
        // `IO[bytes]`: a stream of the request or response body.
        "IO" => {
            closed(c)?;
            TypeExpr::Binary
        }
        _ => return Err(scan::error_at(start, &format!("`{name}[...]` is no generic type of Python's typing"))),
    })
}

/// A type followed by the `]` that closes its generic.
fn closed(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    let inner = ty(c)?;
    c.expect("]")?;
    Ok(inner)
}

/// A `Literal[...]` value is of the type of its value: `True` a `bool`, `"entry"`
/// a string, `3` an integer, `None` always `null` (any JSON value, which `null` is).
fn literal(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    c.skip_ws();
    if c.eat_word("True") || c.eat_word("False") {
        return Ok(TypeExpr::Boolean);
    }
    if c.eat_word("None") {
        return Ok(TypeExpr::Any);
    }
    let rest = c.rest();
    if let Some(quote) = rest.chars().next().filter(|q| *q == '"' || *q == '\'') {
        if let Some(end) = rest[1..].find(quote) {
            c.pos += end + 2;
            return Ok(TypeExpr::String);
        }
    }
    let number = |ch: char| ch.is_ascii_digit() || matches!(ch, '-' | '+' | '.' | 'e' | 'E' | '_');
    let len = rest.find(|ch: char| !number(ch)).unwrap_or(rest.len());
    if rest.starts_with(|ch: char| ch.is_ascii_digit() || ch == '-') && rest[..len].contains(|ch: char| ch.is_ascii_digit()) {
        let float = rest[..len].contains(['.', 'e', 'E']);
        c.pos += len;
        return Ok(if float { TypeExpr::Float } else { TypeExpr::Integer });
    }
    Err(c.error("a literal value"))
}

/// Python's built-in type names.
const BUILTINS: Builtins = &[
    ("str", Scalar::String),
    ("int", Scalar::Integer),
    ("float", Scalar::Float),
    ("Decimal", Scalar::Float),
    ("decimal.Decimal", Scalar::Float),
    ("bool", Scalar::Boolean),
    ("Any", Scalar::Any),
    ("typing.Any", Scalar::Any),
    ("date", Scalar::Date),
    ("datetime.date", Scalar::Date),
    ("datetime", Scalar::DateTime),
    ("datetime.datetime", Scalar::DateTime),
];

/// Binary content: the bytes of an upload or a download, or a file-like object
/// that reads them. The first is the one the printer writes.
const BINARY: &[&str] = &["bytes", "io.IOBase", "io.BufferedReader", "io.BytesIO", "BinaryIO", "typing.BinaryIO"];

/// Transport-layer packages: their types are the SDK's, not the API's.
const TRANSPORT: &[&str] = &["httpx", "requests"];

fn path(c: &Cursor<'_>, segments: Vec<String>, range: std::ops::Range<usize>) -> Result<TypeExpr, ParseError> {
    let name = segments.join(".");
    if let Some(ty) = scan::builtin(BUILTINS, &name) {
        return Ok(ty);
    }
    if BINARY.contains(&name.as_str()) {
        return Ok(TypeExpr::Binary);
    }
    // The older generator writes untyped containers bare.
    match name.as_str() {
        "list" => return Ok(TypeExpr::Array(Box::new(TypeExpr::Any))),
        "dict" => return Ok(TypeExpr::Map(Box::new(TypeExpr::Any))),
        _ => {}
    }
    if TRANSPORT.contains(&segments[0].as_str()) && segments.len() > 1 {
        return Ok(TypeExpr::External(name));
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
        TypeExpr::Binary => BINARY[0].to_string(),
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
        TypeExpr::Named { namespace, name, .. } => scan::print_model(&Python, namespace, name)?,
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
    fn literals_of_every_kind() {
        assert_eq!(parse("*Literal['entry']*"), String);
        assert_eq!(parse("*Literal[-2]*"), Integer);
        assert_eq!(parse("*Literal[1.5]*"), Float);
        assert_eq!(parse("*OptionalNullable[Literal[None]]*"), Nullable(b(Any)));
        assert_eq!(parse("*Literal[\"a\", \"b\"]*"), String);
        assert_eq!(parse("*Literal[\"a\", 1]*"), Union { members: vec![String, Integer], link: None });
        assert!(Python.parse(&cell("*Literal[-]*")).is_err());
        assert!(Python.parse(&cell("*Literal[x]*")).is_err());
    }

    #[test]
    fn binary_content() {
        assert_eq!(parse("*Union[bytes, IO[bytes], io.IOBase]*"), Binary);
        assert_eq!(parse("*Union[bytes, IO[bytes], io.BufferedReader]*"), Binary);
        assert_eq!(parse("*Optional[Union[bytes, IO[bytes], io.BufferedReader]]*"), Optional(b(Binary)));
        assert_eq!(parse("*Optional[bytes]*"), Optional(b(Binary)));
        assert_eq!(parse("*IO[bytes]*"), Binary);
        assert_eq!(Python.print(&Binary).as_deref(), Some("bytes"));
        assert_eq!(Python.print(&Array(b(Binary))).map(|t| parse(&t)), Some(Array(b(Binary))));
    }

    #[test]
    fn builtin_generics_of_the_older_generator() {
        assert_eq!(parse("list[*str*]"), Array(b(String)));
        assert_eq!(parse("dict[str, *Any*]"), Map(b(Any)));
        assert_eq!(parse("list[list[dict[str, *Any*]]]"), Array(b(Array(b(Map(b(Any)))))));
        assert_eq!(parse("list[[X](../../models/shared/x.md)]"), Array(b(named(&[], "X", Some("../../models/shared/x.md")))));
        assert_eq!(parse("dict[str, [X](x.md)]"), Map(b(named(&[], "X", Some("x.md")))));
        assert_eq!(parse("list[XLabels]"), Array(b(named(&[], "XLabels", None))));
        assert_eq!(parse("*Optional[List[dict]]*"), Optional(b(Array(b(Map(b(Any)))))));
        assert_eq!(parse("*list*"), Array(b(Any)));
        assert_eq!(parse("*Optional[Set[str]]*"), Optional(b(Array(b(String)))));
        assert_eq!(parse("set[int]"), Array(b(Integer)));
        assert!(Python.parse(&cell("dict[int, *str*]")).is_err());
        assert!(Python.parse(&cell("Frobnicate[str]")).is_err());
    }

    #[test]
    fn unions_and_bare_names() {
        let link = "../models/pet.md";
        assert_eq!(
            parse("*Union[str, int]*"),
            Union { members: vec![String, Integer], link: None }
        );
        assert_eq!(
            parse(&format!("[Union[models.Cat, models.Dog]]({link})")),
            Union { members: vec![named(&["models"], "Cat", None), named(&["models"], "Dog", None)], link: Some(link.into()) }
        );
        assert_eq!(parse("*Optional[models.User]*"), Optional(b(named(&["models"], "User", None))));
        assert_eq!(parse("*GitFile*"), named(&[], "GitFile", None));
        assert_eq!(parse("*Optional[Decimal]*"), Optional(b(Float)));
        assert_eq!(parse("[datetime.datetime](https://docs.python.org/3/library/datetime.html)"), DateTime);
    }

    #[test]
    fn transport_types_are_external() {
        assert_eq!(parse("[httpx.Response](https://www.python-httpx.org/api/#response)"), External("httpx.Response".into()));
        assert_eq!(parse("*requests.Response*"), External("requests.Response".into()));
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
