//! PHP: `*string*`, `*?string*`, `*int*`, `array<...>`, `array<string, *mixed*>`,
//! `[Components\X](...)`, `[?Components\X](...)`, unions `A\|B\|null` (members
//! linked as one: `[Operations\X\|bool\|null](...)`), `\DateTime`, PSR-7 streams as
//! binary content; field names in camelCase.
//!
//! ```text
//! type   := "?" type | (member | "null") ("|" (member | "null"))*
//! member := "array<" (type | ("string" | "int") "," type) ">" | "\"? path
//! ```
//!
//! `?` means "may be null", and the docs write it on every optional field, so on
//! those it cannot tell `null` from absent.

use std::ops::Range;

use super::scan::{self, Builtins, Cursor, Scalar};
use super::{snake_case_wire_name, Dialect, FlatCell, ParseError, TypeExpr, WireName};

pub struct Php;

impl Dialect for Php {
    fn name(&self) -> &'static str {
        "php"
    }

    /// PHP writes `?` on every optional field, prints names in camelCase and writes uploads as strings.
    fn blind(&self) -> super::Blind {
        super::Blind { nullability: super::Stated::Required, wire_names: true, dates: false, binary: true }
    }

    /// The SDK's holder of undocumented keys, typed `array<string, mixed>`.
    fn rest_holder(&self) -> &'static str {
        "additionalProperties"
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
    let ty = if c.eat("?") { TypeExpr::Nullable(Box::new(ty(c)?)) } else { union(c, start)? };
    c.leave();
    Ok(ty)
}

/// `A|B|null`: a `null` member makes the union nullable; the link around the
/// whole union is the union's.
fn union(c: &mut Cursor<'_>, start: usize) -> Result<TypeExpr, ParseError> {
    let mut members = Vec::new();
    let mut null = false;
    loop {
        if c.eat_word("null") {
            null = true;
        } else {
            members.push(member(c)?);
        }
        if !c.eat("|") {
            break;
        }
    }
    if members.is_empty() {
        return Err(c.error("a type other than `null`"));
    }
    let ty = if members.len() == 1 && !null {
        members.remove(0)
    } else {
        scan::union(members, c.link(&(start..c.pos)))
    };
    Ok(if null { TypeExpr::Nullable(Box::new(ty)) } else { ty })
}

fn member(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    c.skip_ws();
    if c.eat("array<") {
        let first = ty(c)?;
        let ty = if c.eat(",") {
            // `array<int, X>` is a list, `array<string, X>` a JSON object.
            match first {
                TypeExpr::String => TypeExpr::Map(Box::new(ty(c)?)),
                TypeExpr::Integer => TypeExpr::Array(Box::new(ty(c)?)),
                _ => return Err(c.error("`string` or `int` as array key")),
            }
        } else {
            TypeExpr::Array(Box::new(first))
        };
        c.expect(">")?;
        return Ok(ty);
    }
    c.eat("\\");
    let (segments, range) = c.path("\\")?;
    let path = segments.join("\\");
    if own_doc_link(c, &range) {
        return scan::model(c, segments, range);
    }
    if BINARY.contains(&path.as_str()) {
        return Ok(TypeExpr::Binary);
    }
    match scan::builtin(BUILTINS, &path) {
        Some(ty) => Ok(ty),
        None => scan::model(c, segments, range),
    }
}

/// Whether a link to a doc of the tree is on this one name (maybe with its `?`
/// or leading `\`): then it is a model even if it spells a built-in. A link
/// around a whole union (`[Operations\X|bool|null](x.md)`) says nothing of
/// its members.
fn own_doc_link(c: &Cursor<'_>, range: &Range<usize>) -> bool {
    let name = c.cell.text.get(range.clone()).unwrap_or_default();
    let linked = |r: &Range<usize>| c.cell.text.get(r.clone()).unwrap_or_default().trim().trim_start_matches(['?', '\\']);
    c.cell.links.iter().any(|(r, url)| r.start <= range.start && range.end <= r.end && linked(r) == name && names_doc(url))
}

/// A link to a doc of the tree; `../../.md` (a doc with no name, which the
/// generator writes for a type it has no doc for) names none.
fn names_doc(url: &str) -> bool {
    let file = url.split('#').next().unwrap_or_default().rsplit('/').next().unwrap_or_default();
    !url.contains("://") && file.len() > ".md".len() && file.ends_with(".md")
}

/// PHP's built-in type names (paths without their leading `\`).
const BUILTINS: Builtins = &[
    ("string", Scalar::String),
    ("int", Scalar::Integer),
    ("float", Scalar::Float),
    ("bool", Scalar::Boolean),
    ("mixed", Scalar::Any),
    // A PHP array with no element type: a JSON array or object, nothing more known.
    ("array", Scalar::Any),
    ("DateTime", Scalar::DateTime),
    ("DateTimeInterface", Scalar::DateTime),
    ("DateTimeImmutable", Scalar::DateTime),
    ("Brick\\DateTime\\LocalDate", Scalar::Date),
    ("Brick\\Math\\BigDecimal", Scalar::Float),
    ("Brick\\Math\\BigInteger", Scalar::Integer),
];

/// Binary content: PSR-7 streams (linked to php-fig.org, which would otherwise
/// make them a library's type) and PHP's own resources. The first is printed.
const BINARY: &[&str] = &["Psr\\Http\\Message\\StreamInterface", "StreamInterface", "resource"];

/// The text [`Php::parse`] reads back as `ty`; `None` for models (the docs
/// always link them) and what PHP docs cannot spell.
fn print(ty: &TypeExpr) -> Option<String> {
    Some(match ty {
        TypeExpr::Nullable(inner) => match &**inner {
            TypeExpr::Union { .. } => format!("{}|null", print(inner)?),
            _ => format!("?{}", print(inner)?),
        },
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
        TypeExpr::Binary => format!("\\{}", BINARY[0]),
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
    fn union_members_that_are_builtins_or_null() {
        let link = "../../Models/Operations/OptimizedForStreaming.md";
        let members = vec![named(&["Operations"], "OptimizedForStreaming1", None), Boolean];
        assert_eq!(
            parse(&format!("[Operations\\OptimizedForStreaming1\\|bool\\|null]({link})")),
            Nullable(b(Union { members, link: Some(link.into()) }))
        );
        let link = "../../Models/Operations/OrganizationId.md";
        assert_eq!(parse(&format!("[string\\|array\\|null]({link})")), Nullable(b(Union { members: vec![String, Any], link: Some(link.into()) })));
        assert_eq!(parse("*string*\\|*int*"), Union { members: vec![String, Integer], link: None });
        assert_eq!(parse("array<string, string\\|int\\|bool>"), Map(b(Union { members: vec![String, Integer, Boolean], link: None })));
        assert_eq!(parse("*string*\\|*null*"), Nullable(b(String)));
        // A union member heading carries a marker link that is no doc: a built-in wins.
        let heading = FlatCell { text: "bool".into(), links: vec![(0..4, "#supported-types".into())] };
        assert_eq!(Php.parse(&heading), Ok(Boolean));
        // A doc linked on the name itself makes it a model.
        assert_eq!(parse("[array](../../Models/Components/Array.md)"), named(&[], "array", Some("../../Models/Components/Array.md")));
    }

    #[test]
    fn arrays_dates_and_streams() {
        assert_eq!(parse("*array*"), Any);
        assert_eq!(parse("[?array](../../.md)"), Nullable(b(Any)));
        assert_eq!(parse("*mixed*"), Any);
        assert_eq!(parse("array<int, *string*>"), Array(b(String)));
        assert_eq!(parse("array<string, array<*string*>>"), Map(b(Array(b(String)))));
        assert_eq!(parse("[\\DateTimeInterface](https://www.php.net/manual/en/class.datetimeinterface.php)"), DateTime);
        assert_eq!(parse("[\\Brick\\DateTime\\LocalDate](https://github.com/brick/date-time)"), Date);
        assert_eq!(parse("[\\Psr\\Http\\Message\\StreamInterface](https://www.php-fig.org/psr/psr-7/#34-psrhttpmessagestreaminterface)"), Binary);
        assert_eq!(parse("*?StreamInterface*"), Nullable(b(Binary)));
        assert_eq!(parse("*resource*"), Binary);
        assert_eq!(parse("Components\\User"), named(&["Components"], "User", None), "unlinked qualified names are models");
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
        // `*String*` is a model now (capitalized names are, linked or not).
        for md in ["*str*", "*long*", "*number*", "List<*string*>", "array<bool, *string*>", "*null*", "null\\|null"] {
            assert!(Php.parse(&cell(md)).is_err(), "{md}");
        }
    }
}
