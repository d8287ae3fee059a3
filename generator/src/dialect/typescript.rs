//! TypeScript: `*string*`, `*number*`, `*boolean*`, `[shared.X](...)`,
//! `[shared.X](...)[]`, `*string*[]`, `Record<string, *any*>`, `[Date](...)`,
//! literal types such as `*"entry"*`; field names in camelCase.
//!
//! ```text
//! type := member ("|" member)*
//! member := ("Record<" "string" "," type ">" | literal | path) "[]"*
//! ```
//!
//! `number` does not say integer or float, and the docs never mark nullability:
//! both stay unknown in the IR.

use super::scan::{self, Builtins, Cursor, Scalar};
use super::{snake_case_wire_name, Dialect, FlatCell, ParseError, TypeExpr, WireName};

pub struct TypeScript;

impl Dialect for TypeScript {
    fn name(&self) -> &'static str {
        "typescript"
    }

    fn recognizes(&self, cell: &FlatCell) -> bool {
        let t = cell.text.as_str();
        t.contains("Record<") || t.ends_with("[]") && !t.starts_with("[]") || matches!(t, "number" | "boolean" | "any")
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
    let mut members = vec![member(c)?];
    while c.eat("|") {
        members.push(member(c)?);
    }
    let ty = if members.len() == 1 { members.remove(0) } else { scan::union(members, c.link(&(start..c.pos))) };
    c.leave();
    Ok(ty)
}

fn member(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    c.skip_ws();
    let mut ty = if let Some(external) = scan::web_linked(c) {
        external
    } else if c.eat("Record<") {
        if !c.eat_word("string") {
            return Err(c.error("`string` as record key"));
        }
        c.expect(",")?;
        let inner = ty(c)?;
        c.expect(">")?;
        TypeExpr::Map(Box::new(inner))
    } else if let Some(literal) = literal(c) {
        literal
    } else {
        let (segments, range) = c.path(".")?;
        match scan::builtin(BUILTINS, &segments.join(".")).filter(|_| !scan::links_to_doc(c, &range)) {
            Some(ty) => ty,
            None => scan::model(c, segments, range)?,
        }
    };
    while c.eat("[]") {
        c.enter()?;
        ty = TypeExpr::Array(Box::new(ty));
    }
    Ok(ty)
}

/// A literal type (`"entry"`, `true`, `3`) has its value's wire type.
fn literal(c: &mut Cursor<'_>) -> Option<TypeExpr> {
    let rest = c.rest();
    if let Some(quote) = rest.chars().next().filter(|q| *q == '"' || *q == '\'') {
        let end = rest[1..].find(quote)?;
        c.pos += end + 2;
        return Some(TypeExpr::String);
    }
    if c.eat_word("true") || c.eat_word("false") {
        return Some(TypeExpr::Boolean);
    }
    let digits = rest.find(|ch: char| !(ch.is_ascii_digit() || ch == '-' || ch == '.')).unwrap_or(rest.len());
    (digits > 0).then(|| {
        c.pos += digits;
        TypeExpr::Number
    })
}

/// TypeScript's built-in type names.
const BUILTINS: Builtins = &[
    ("string", Scalar::String),
    ("number", Scalar::Number),
    ("boolean", Scalar::Boolean),
    ("any", Scalar::Any),
    ("unknown", Scalar::Any),
    ("Date", Scalar::DateTime),
    ("RFCDate", Scalar::Date),
];

/// The text [`TypeScript::parse`] reads back as `ty`; `None` for models (the
/// docs always link them) and what TypeScript docs cannot spell (`integer`,
/// nullability).
fn print(ty: &TypeExpr) -> Option<String> {
    if let Some(name) = scan::spelling(BUILTINS, ty) {
        return Some(name);
    }
    Some(match ty {
        TypeExpr::Union { members, .. } => {
            let plain = |m: &TypeExpr| !matches!(m, TypeExpr::Union { .. });
            let distinct = members.iter().enumerate().all(|(i, m)| !members[..i].contains(m));
            if members.len() < 2 || !distinct || !members.iter().all(plain) {
                return None;
            }
            let printed: Option<Vec<String>> = members.iter().map(print).collect();
            printed?.join(" | ")
        }
        // `A | B[]` is a union of `A` and an array: an array of a union has no spelling.
        TypeExpr::Array(inner) if !matches!(**inner, TypeExpr::Union { .. }) => format!("{}[]", print(inner)?),
        TypeExpr::Map(inner) => format!("Record<string, {}>", print(inner)?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::ruby::tests::{b, named};
    use super::super::{cell, TypeExpr::*};
    use super::*;

    fn parse(md: &str) -> TypeExpr {
        TypeScript.parse(&cell(md)).unwrap_or_else(|e| panic!("{md}: {e:?}"))
    }

    #[test]
    fn scalars() {
        assert_eq!(parse("*string*"), String);
        assert_eq!(parse("*number*"), Number);
        assert_eq!(parse("*boolean*"), Boolean);
        assert_eq!(parse("*any*"), Any);
        assert_eq!(parse("[Date](https://developer.mozilla.org/Date)"), DateTime);
        assert_eq!(parse("*\"entry\"*"), String);
    }

    #[test]
    fn arrays_records_and_models() {
        assert_eq!(parse("*string*[]"), Array(b(String)));
        assert_eq!(parse("Record<string, *any*>"), Map(b(Any)));
        let link = "../../../sdk/models/shared/x.md";
        assert_eq!(parse(&format!("[shared.X]({link})[]")), Array(b(named(&["shared"], "X", Some(link)))));
        assert_eq!(parse(&format!("Record<string, [shared.X]({link})>")), Map(b(named(&["shared"], "X", Some(link)))));
    }

    #[test]
    fn unknown_facts_stay_unknown() {
        assert_eq!(TypeScript.nullability(String, true), (String, None));
    }

    #[test]
    fn transport_types_are_external() {
        assert_eq!(parse("[AxiosResponse](https://axios-http.com/docs/res_schema)"), External("AxiosResponse".into()));
    }

    #[test]
    fn other_dialects_are_refused() {
        for md in ["*String*", "*str*", "*long*", "*?string*", "List<*string*>", "[]*string*"] {
            assert!(TypeScript.parse(&cell(md)).is_err(), "{md}");
        }
    }
}
