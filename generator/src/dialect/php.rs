//! PHP: `*string*`, `*?string*`, `*int*`, `array<...>`, `array<string, *mixed*>`,
//! `[Components\X](...)`, `[?Components\X](...)`, unions `A\|B`; field names in
//! camelCase.
//!
//! ```text
//! type := "?" type | member ("|" member)*
//! member := "array<" (type | "string" "," type) ">" | "\"? path
//! ```
//!
//! `?` means "may be null", and the docs write it on every optional field, so on
//! those it cannot tell `null` from absent.

use super::scan::{self, Builtins, Cursor, Scalar};
use super::{snake_case_wire_name, Dialect, FlatCell, ParseError, TypeExpr, WireName};

pub struct Php;

impl Dialect for Php {
    fn name(&self) -> &'static str {
        "php"
    }

    fn recognizes(&self, cell: &FlatCell) -> bool {
        let t = cell.text.as_str();
        t.starts_with('?') || t.contains("array<") || t.contains("Components\\") || t == "mixed"
    }

    fn parse(&self, cell: &FlatCell) -> Result<TypeExpr, ParseError> {
        let mut c = Cursor::new(cell);
        let ty = ty(&mut c)?;
        c.finish(ty)
    }

    fn nullability(&self, ty: TypeExpr, required: bool) -> (TypeExpr, Option<bool>) {
        super::nilable_nullability(ty, required)
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
    let ty = if c.eat("?") {
        TypeExpr::Nullable(Box::new(ty(c)?))
    } else {
        let mut members = vec![member(c)?];
        while c.eat("|") {
            members.push(member(c)?);
        }
        if members.len() == 1 {
            members.remove(0)
        } else {
            scan::union(members, c.link(&(start..c.pos)))
        }
    };
    c.leave();
    Ok(ty)
}

fn member(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    c.skip_ws();
    if c.eat("array<") {
        let first = ty(c)?;
        let ty = if c.eat(",") {
            if first != TypeExpr::String {
                return Err(c.error("`string` as array key"));
            }
            TypeExpr::Map(Box::new(ty(c)?))
        } else {
            TypeExpr::Array(Box::new(first))
        };
        c.expect(">")?;
        return Ok(ty);
    }
    c.eat("\\");
    let (segments, range) = c.path("\\")?;
    match scan::builtin(BUILTINS, &segments.join("\\")).filter(|_| !scan::links_to_doc(c, &range)) {
        Some(ty) => Ok(ty),
        None => scan::model(c, segments, range),
    }
}

/// PHP's built-in type names (paths without their leading `\\`).
const BUILTINS: Builtins = &[
    ("string", Scalar::String),
    ("int", Scalar::Integer),
    ("float", Scalar::Float),
    ("bool", Scalar::Boolean),
    ("mixed", Scalar::Any),
    ("DateTime", Scalar::DateTime),
    ("Brick\\DateTime\\LocalDate", Scalar::Date),
];

/// The text [`Php::parse`] reads back as `ty`; `None` for models (the docs
/// always link them) and what PHP docs cannot spell.
fn print(ty: &TypeExpr) -> Option<String> {
    Some(match ty {
        TypeExpr::Nullable(inner) => format!("?{}", print(inner)?),
        TypeExpr::Union { members, .. } => {
            let plain = |m: &TypeExpr| !matches!(m, TypeExpr::Nullable(_) | TypeExpr::Union { .. });
            let distinct = members.iter().enumerate().all(|(i, m)| !members[..i].contains(m));
            if members.len() < 2 || !distinct || !members.iter().all(plain) {
                return None;
            }
            let printed: Option<Vec<String>> = members.iter().map(print).collect();
            printed?.join("|")
        }
        other => member_text(other)?,
    })
}

fn member_text(ty: &TypeExpr) -> Option<String> {
    if let Some(name) = scan::spelling(BUILTINS, ty) {
        return Some(name);
    }
    Some(match ty {
        TypeExpr::Array(inner) => format!("array<{}>", print(inner)?),
        TypeExpr::Map(inner) => format!("array<string, {}>", print(inner)?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::ruby::tests::{b, named};
    use super::super::{cell, TypeExpr::*};
    use super::*;

    fn parse(md: &str) -> TypeExpr {
        Php.parse(&cell(md)).unwrap_or_else(|e| panic!("{md}: {e:?}"))
    }

    #[test]
    fn scalars_and_nullable() {
        assert_eq!(parse("*string*"), String);
        assert_eq!(parse("*?string*"), Nullable(b(String)));
        assert_eq!(parse("*?int*"), Nullable(b(Integer)));
        assert_eq!(parse("*?float*"), Nullable(b(Float)));
        assert_eq!(parse("*bool*"), Boolean);
        assert_eq!(parse("[\\DateTime](https://www.php.net/manual/en/class.datetime.php)"), DateTime);
        assert_eq!(Php.nullability(Nullable(b(String)), false), (String, None));
        assert_eq!(Php.nullability(Nullable(b(String)), true), (String, Some(true)));
    }

    #[test]
    fn containers_and_models() {
        assert_eq!(parse("array<*string*>"), Array(b(String)));
        assert_eq!(parse("array<string, *mixed*>"), Map(b(Any)));
        let link = "../../Models/Components/User.md";
        assert_eq!(parse(&format!("[?Components\\User]({link})")), Nullable(b(named(&["Components"], "User", Some(link)))));
        assert_eq!(parse(&format!("array<[Components\\User]({link})>")), Array(b(named(&["Components"], "User", Some(link)))));
    }

    #[test]
    fn unions() {
        assert_eq!(
            parse("[Components\\A\\|Components\\B](../u.md)"),
            Union { members: vec![named(&["Components"], "A", None), named(&["Components"], "B", None)], link: Some("../u.md".into()) }
        );
    }

    #[test]
    fn transport_types_are_external() {
        assert_eq!(
            parse("[\\Psr\\Http\\Message\\ResponseInterface](https://www.php-fig.org/psr/psr-7/)"),
            External("Psr.Http.Message.ResponseInterface".into())
        );
    }

    #[test]
    fn other_dialects_are_refused() {
        for md in ["*String*", "*str*", "*long*", "*number*", "List<*string*>", "array<int, *string*>"] {
            assert!(Php.parse(&cell(md)).is_err(), "{md}");
        }
    }
}
