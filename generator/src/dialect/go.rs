//! Go: `*string*`, `**string*` (a pointer: optional), `[]*string*`,
//! `map[string]*any*`, `[*time.Time](...)`, `[*shared.X](...)`; field names in
//! PascalCase with Go's initialisms (`ID`, `PortalURL`).
//!
//! ```text
//! type := "*" type | "[]" type | "map[string]" type | path
//! ```
//!
//! A pointer says a value may be missing, not whether it may be `null`: that
//! stays unknown in the IR.

use super::scan::{self, Builtins, Cursor, Scalar};
use super::{snake_case_wire_name, Dialect, FlatCell, ParseError, TypeExpr, WireName};

pub struct Go;

impl Dialect for Go {
    fn name(&self) -> &'static str {
        "go"
    }

    fn recognizes(&self, cell: &FlatCell) -> bool {
        let t = cell.text.as_str();
        t.starts_with('*') || t.starts_with("[]") || t.starts_with("map[") || matches!(t, "float64" | "int64")
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
        match ty(c)? {
            TypeExpr::Integer if c.cell.text.contains("[]byte") => TypeExpr::String,
            inner => TypeExpr::Array(Box::new(inner)),
        }
    } else if c.eat("map[") {
        if !c.eat_word("string") {
            return Err(c.error("`string` as map key"));
        }
        c.expect("]")?;
        TypeExpr::Map(Box::new(ty(c)?))
    } else {
        let (segments, range) = c.path(".")?;
        match scan::builtin(BUILTINS, &segments.join(".")).filter(|_| !scan::links_to_doc(c, &range)) {
            Some(ty) => ty,
            None => scan::model(c, segments, range)?,
        }
    };
    c.leave();
    Ok(ty)
}

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
    ("interface", Scalar::Any),
    ("time.Time", Scalar::DateTime),
    ("types.Date", Scalar::Date),
];

/// The text [`Go::parse`] reads back as `ty`; `None` for models (the docs
/// always link them) and what Go docs cannot spell (nullability, unions).
fn print(ty: &TypeExpr) -> Option<String> {
    if let Some(name) = scan::spelling(BUILTINS, ty) {
        return Some(name);
    }
    Some(match ty {
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
    fn transport_types_are_external() {
        assert_eq!(parse("[*http.Response](https://pkg.go.dev/net/http#Response)"), Optional(b(External("http.Response".into()))));
    }

    #[test]
    fn other_dialects_are_refused() {
        for md in ["*String*", "*str*", "*long*", "*?string*", "List<*string*>", "*number*", "*string*[]"] {
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
