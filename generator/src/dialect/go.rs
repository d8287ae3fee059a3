//! Go: `*string*`, `**string*` (a pointer: optional), `[]*string*`,
//! `map[string]*any*`, `[*time.Time](...)`, `[*shared.X](...)`; field names in
//! PascalCase with Go's initialisms (`ID`, `PortalURL`). The older generator
//! writes `interface{}` and model pointers with no link (`**X*`); the newer one
//! puts types in code spans (`` `*string` ``, ``map[string]`any` ``) and wraps
//! what may be null in `optionalnullable.OptionalNullable[...]`.
//!
//! ```text
//! type := "*" type | "[]" "byte" | "[]" type | "map[string]" type
//!       | "optionalnullable.OptionalNullable[" type "]" | "interface{}" | path
//! ```
//!
//! A pointer says a value may be missing, not whether it may be `null`: that
//! stays unknown in the IR, unless `OptionalNullable` says it.

use super::scan::{self, Builtins, Cursor, Scalar};
use super::{snake_case_wire_name, Dialect, FlatCell, ParseError, TypeExpr, WireName};

pub struct Go;

/// The SDK's wrapper for a value that may be absent or `null`.
const OPTIONAL_NULLABLE: &str = "optionalnullable.OptionalNullable[";

impl Dialect for Go {
    fn name(&self) -> &'static str {
        "go"
    }

    /// Go never says a value is not `null`, prints names in PascalCase, has one type for dates and timestamps and may write uploads as `any`.
    fn blind(&self) -> super::Blind {
        super::Blind { nullability: super::Stated::Never, wire_names: true, dates: true, binary: true }
    }

    /// The SDK's holder of undocumented keys, typed `map[string]any`.
    fn rest_holder(&self) -> &'static str {
        "AdditionalProperties"
    }

    fn recognizes(&self, cell: &FlatCell) -> bool {
        let t = cell.text.as_str();
        t.starts_with('*')
            || t.starts_with("[]")
            || t.starts_with("map[")
            || t.starts_with(OPTIONAL_NULLABLE)
            || t.contains("interface{}")
            || matches!(t, "float64" | "int64")
    }

    fn parse(&self, cell: &FlatCell) -> Result<TypeExpr, ParseError> {
        let mut c = Cursor::new(cell);
        let ty = ty(&mut c)?;
        c.finish(ty)
    }

    /// `OptionalNullable` says `null` is a value; a pointer says nothing about it.
    fn nullability(&self, ty: TypeExpr, required: bool) -> (TypeExpr, Option<bool>) {
        match ty {
            TypeExpr::Nullable(inner) => match *inner {
                TypeExpr::Optional(inner) => (*inner, Some(true)),
                inner => (inner, Some(true)),
            },
            TypeExpr::Optional(inner) => match *inner {
                TypeExpr::Nullable(inner) => (*inner, Some(true)),
                // A pointer on a Required row: the key is always sent, and a
                // Go SDK points at a required value only to let it be `null`.
                inner if required => (inner, Some(true)),
                inner => (inner, None),
            },
            ty => (ty, None),
        }
    }

    fn wire_name(&self, printed: &str) -> WireName {
        snake_case_wire_name(&split_initialisms(printed))
    }

    fn print(&self, ty: &TypeExpr) -> Option<String> {
        print(ty)
    }
}

fn ty(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    c.enter()?;
    c.skip_ws();
    let ty = if c.eat("*") {
        TypeExpr::Optional(Box::new(ty(c)?))
    } else if c.eat("[]") {
        // A byte slice is binary content (a body, a file), not an array of numbers.
        if c.eat_word("byte") {
            TypeExpr::Binary
        } else {
            TypeExpr::Array(Box::new(ty(c)?))
        }
    } else if c.eat("map[") {
        if !c.eat_word("string") {
            return Err(c.error("`string` as map key"));
        }
        c.expect("]")?;
        TypeExpr::Map(Box::new(ty(c)?))
    } else if c.eat(OPTIONAL_NULLABLE) {
        let inner = ty(c)?;
        c.expect("]")?;
        TypeExpr::Nullable(Box::new(inner))
    } else if c.eat_word("interface") {
        // The empty interface, as Go wrote `any` before 1.18.
        c.expect("{")?;
        c.expect("}")?;
        TypeExpr::Any
    } else {
        path(c)?
    };
    c.leave();
    Ok(ty)
}

/// A named type: a built-in, binary content, or a model. A qualified built-in
/// (`types.Date`) is one even when linked to a doc (the SDK documents its own
/// `types` package); an unqualified one linked to a doc of the tree is a model
/// that happens to share its name.
fn path(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    let (segments, range) = c.path(".")?;
    let name = segments.join(".");
    if segments.len() > 1 && c.rest().starts_with('[') {
        return instance(c, segments.last().map(String::as_str), range.start);
    }
    let overridden = segments.len() == 1 && scan::links_to_doc(c, &range);
    if let Some(ty) = scan::builtin(BUILTINS, &name).filter(|_| !overridden) {
        return Ok(ty);
    }
    if BINARY.contains(&name.as_str()) {
        return Ok(TypeExpr::Binary);
    }
    scan::model(c, segments, range)
}

/// A generic type of a library or the SDK instantiated: models are never
/// generic, so it is the SDK's own type, read whole (its arguments must read
/// too). A stream of server-sent events (`stream.EventStream[X]`) is a sequence
/// of `X`, as the TypeScript dialect reads `EventStream<X>`: the event type is kept.
fn instance(c: &mut Cursor<'_>, name: Option<&str>, start: usize) -> Result<TypeExpr, ParseError> {
    c.expect("[")?;
    let mut args = vec![ty(c)?];
    while c.eat(",") {
        args.push(ty(c)?);
    }
    c.expect("]")?;
    if let (Some("EventStream"), Ok([event])) = (name, <[TypeExpr; 1]>::try_from(args)) {
        return Ok(TypeExpr::Array(Box::new(event)));
    }
    let text = c.cell.text.get(start..c.pos).unwrap_or_default();
    Ok(TypeExpr::External(text.to_string()))
}

/// Streams of binary content (a download, an upload).
const BINARY: &[&str] = &["io.Reader", "io.ReadCloser", "io.ReadSeeker", "os.File"];

/// Go spells initialisms in capitals (`APIURL` for `api_url`), which hides the
/// word boundary between two of them; Go's list of common initialisms (from
/// golint) puts it back: each becomes a capitalized word (`ApiUrl`, `UserIds`
/// for `UserIDs`), then snake case gives `api_url`, `user_ids`.
const INITIALISMS: &[&str] = &[
    "ACL", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID", "IP", "JSON", "LHS",
    "QPS", "RAM", "RHS", "RPC", "SLA", "SMTP", "SQL", "SSH", "TCP", "TLS", "TTL", "UDP", "UI", "UID", "UUID",
    "URI", "URL", "UTF8", "VM", "XML", "XMPP", "XSRF", "XSS",
];

fn split_initialisms(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(c) = rest.chars().next() {
        // An initialism ends where a new word starts: at the end, a capital or a
        // digit, or after a plural `s` (`IDs`).
        let len = |i: &str| -> Option<usize> {
            let after = rest.strip_prefix(i)?;
            let plural = after.starts_with('s') && !after[1..].starts_with(|n: char| n.is_lowercase());
            let extra = usize::from(plural);
            (!after[extra..].starts_with(|n: char| n.is_lowercase())).then_some(i.len() + extra)
        };
        match INITIALISMS.iter().filter_map(|i| len(i)).max() {
            Some(n) => {
                let word = &rest[..n];
                out.push_str(&word[..1]);
                out.push_str(&word[1..].to_lowercase());
                rest = &rest[n..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// Go's built-in type names.
const BUILTINS: Builtins = &[
    ("string", Scalar::String),
    ("int64", Scalar::Integer),
    ("int", Scalar::Integer),
    ("int32", Scalar::Integer),
    ("int16", Scalar::Integer),
    ("int8", Scalar::Integer),
    ("uint", Scalar::Integer),
    ("uint64", Scalar::Integer),
    ("uint32", Scalar::Integer),
    ("byte", Scalar::Integer),
    ("float64", Scalar::Float),
    ("float32", Scalar::Float),
    ("bool", Scalar::Boolean),
    ("any", Scalar::Any),
    ("uint16", Scalar::Integer),
    ("uint8", Scalar::Integer),
    ("big.Int", Scalar::Integer),
    ("decimal.Big", Scalar::Float),
    ("time.Time", Scalar::DateTime),
    ("types.Date", Scalar::Date),
];

/// The text [`Go::parse`] reads back as `ty`; `None` for models (the docs
/// link them) and what Go docs cannot spell (unions).
fn print(ty: &TypeExpr) -> Option<String> {
    if let Some(name) = scan::spelling(BUILTINS, ty) {
        return Some(name);
    }
    Some(match ty {
        TypeExpr::Binary => "[]byte".to_string(),
        TypeExpr::Nullable(inner) => format!("{OPTIONAL_NULLABLE}{}]", print(inner)?),
        TypeExpr::Optional(inner) => format!("*{}", print(inner)?),
        TypeExpr::Array(inner) => format!("[]{}", print(inner)?),
        TypeExpr::Map(inner) => format!("map[string]{}", print(inner)?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::ruby::tests::{b, named};
    use super::super::{cell, TypeExpr::*};
    use super::*;

    fn parse(md: &str) -> TypeExpr {
        Go.parse(&cell(md)).unwrap_or_else(|e| panic!("{md}: {e:?}"))
    }

    #[test]
    fn scalars_and_pointers() {
        assert_eq!(parse("*string*"), String);
        assert_eq!(parse("**string*"), Optional(b(String)));
        assert_eq!(parse("**float64*"), Optional(b(Float)));
        assert_eq!(parse("*int64*"), Integer);
        assert_eq!(parse("[*time.Time](https://pkg.go.dev/time#Time)"), Optional(b(DateTime)));
        assert_eq!(parse("[time.Time](https://pkg.go.dev/time#Time)"), DateTime);
        assert_eq!(Go.nullability(Optional(b(String)), false), (String, None));
    }

    #[test]
    fn containers_and_models() {
        assert_eq!(parse("[]*string*"), Array(b(String)));
        assert_eq!(parse("map[string]*any*"), Map(b(Any)));
        let link = "../../../pkg/models/shared/x.md";
        assert_eq!(parse(&format!("[][shared.X]({link})")), Array(b(named(&["shared"], "X", Some(link)))));
        assert_eq!(parse(&format!("[*shared.X]({link})")), Optional(b(named(&["shared"], "X", Some(link)))));
        assert_eq!(parse(&format!("map[string][shared.X]({link})")), Map(b(named(&["shared"], "X", Some(link)))));
    }

    #[test]
    fn the_older_generator() {
        assert_eq!(parse("*interface{}*"), Any);
        assert_eq!(parse("[]*interface{}*"), Array(b(Any)));
        assert_eq!(parse("map[string]*interface{}*"), Map(b(Any)));
        assert_eq!(parse("**APIErrorResponseData*"), Optional(b(named(&[], "APIErrorResponseData", None))));
        assert_eq!(parse("*shared.X*"), named(&["shared"], "X", None));
        assert!(Go.parse(&cell("*interface*")).is_err());
    }

    #[test]
    fn the_newer_backtick_style() {
        assert_eq!(parse("`*string`"), Optional(b(String)));
        assert_eq!(parse("map[string]`any`"), Map(b(Any)));
        assert_eq!(parse("[]`int64`"), Array(b(Integer)));
        assert_eq!(parse("optionalnullable.OptionalNullable[`string`]"), Nullable(b(String)));
        let link = "../components/x.mdx";
        assert_eq!(
            parse(&format!("optionalnullable.OptionalNullable[[][components.X]({link})]")),
            Nullable(b(Array(b(named(&["components"], "X", Some(link))))))
        );
        assert_eq!(Go.nullability(Nullable(b(String)), false), (String, Some(true)));
        assert_eq!(Go.nullability(Nullable(b(Optional(b(String)))), false), (String, Some(true)));
        assert_eq!(Go.print(&Nullable(b(Map(b(Any))))).map(|t| parse(&t)), Some(Nullable(b(Map(b(Any))))));
    }

    #[test]
    fn library_types() {
        assert_eq!(parse("[*decimal.Big](https://pkg.go.dev/github.com/ericlagergren/decimal#Big)"), Optional(b(Float)));
        assert_eq!(parse("[*big.Int](https://pkg.go.dev/math/big#Int)"), Optional(b(Integer)));
        // The SDK's own `types` package has docs of its own; the type is still a date.
        assert_eq!(parse("[*types.Date](../../types/date.md)"), Optional(b(Date)));
        assert_eq!(parse("[types.Date](https://pkg.go.dev/time#Time)"), Date);
    }

    #[test]
    fn binary_content() {
        assert_eq!(parse("*[]byte*"), Binary);
        assert_eq!(parse("[]*byte*"), Binary);
        assert_eq!(parse("*io.ReadCloser*"), Binary);
        assert_eq!(parse("*io.Reader*"), Binary);
        assert_eq!(parse("[][]byte"), Array(b(Binary)));
        assert_eq!(parse("*byte*"), Integer);
        assert_eq!(Go.print(&Array(b(Binary))).map(|t| parse(&t)), Some(Array(b(Binary))));
    }

    #[test]
    fn transport_types_are_external() {
        let events = "stream.EventStream[components.ChatStreamingResponse]";
        let event = named(&["components"], "ChatStreamingResponse", None);
        assert_eq!(parse(&format!("*{events}")), Optional(b(Array(b(event)))));
        let other = "cache.Entry[components.Key, string]";
        assert_eq!(parse(other), External(other.into()));
        assert!(Go.parse(&cell("stream.EventStream[!]")).is_err());
        assert_eq!(parse("[*http.Response](https://pkg.go.dev/net/http#Response)"), Optional(b(External("http.Response".into()))));
    }

    #[test]
    fn other_dialects_are_refused() {
        for md in ["*str*", "*long*", "*?string*", "List<*string*>", "*number*", "*string*[]"] {
            assert!(Go.parse(&cell(md)).is_err(), "{md}");
        }
    }

    #[test]
    fn initialisms_become_snake_case() {
        assert_eq!(Go.wire_name("PortalURL").name, "portal_url");
        assert_eq!(Go.wire_name("ID").name, "id");
        assert_eq!(Go.wire_name("APIURL").name, "api_url");
        assert_eq!(Go.wire_name("UserIDs").name, "user_ids");
        assert_eq!(Go.wire_name("Address1").name, "address1");
    }
}
