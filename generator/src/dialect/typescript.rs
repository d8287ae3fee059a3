//! TypeScript: `*string*`, `*number*`, `*boolean*`, `[shared.X](...)`, `*models.X*`,
//! `[shared.X](...)[]`, `*string*[][]`, `Record<string, *any*>`, `Array<T>`,
//! `{ [k: string]: T }`, `A | B`, `(A | B)[]`, `[Date](...)`, binary content
//! (`ReadableStream<Uint8Array>`, `Uint8Array`, `[File](...) | [Blob](...)`),
//! literal types such as `*"entry"*`; field names in camelCase.
//!
//! ```text
//! type    := member ("|" member)*
//! member  := primary "[]"*
//! primary := "(" type ")" | "{" object "}" | literal | "null" | "undefined"
//!          | path ("<" type ("," type)* ">")?
//! object  := (("[" ident ":" key "]" | ident "?"?) ":" type (";" | ",")?)*
//! ```
//!
//! `number` does not say integer or float, and the docs never mark nullability:
//! both stay unknown in the IR (a `| null` member is read, then dropped).

use super::scan::{self, Builtins, Cursor, Scalar};
use super::{snake_case_wire_name, Dialect, FlatCell, ParseError, TypeExpr, WireName};

pub struct TypeScript;

impl Dialect for TypeScript {
    fn name(&self) -> &'static str {
        "typescript"
    }

    /// TypeScript never marks nullability, prints names in camelCase and has one type for dates and timestamps.
    fn blind(&self) -> super::Blind {
        super::Blind { nullability: super::Stated::Never, wire_names: true, dates: true, binary: false }
    }

    /// The SDK's holder of undocumented keys, typed `Record<string, any>`.
    fn rest_holder(&self) -> &'static str {
        "additionalProperties"
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

/// What one member of a union is: a type, or TypeScript's `null` / `undefined`,
/// which say that the rest may be null or absent.
enum Member {
    Type(TypeExpr),
    Null,
    Undefined,
}

fn ty(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    c.enter()?;
    c.skip_ws();
    let start = c.pos;
    let (mut types, mut null, mut undefined) = (Vec::new(), false, false);
    loop {
        match member(c)? {
            Member::Type(t) => types.push(t),
            Member::Null => null = true,
            Member::Undefined => undefined = true,
        }
        if !c.eat("|") {
            break;
        }
    }
    let mut ty = match types.len() {
        0 => return Err(scan::error_at(start, "a type other than `null` and `undefined`")),
        1 => types.remove(0),
        _ => scan::union(types, c.link(&(start..c.pos))),
    };
    if null {
        ty = TypeExpr::Nullable(Box::new(ty));
    }
    if undefined {
        ty = TypeExpr::Optional(Box::new(ty));
    }
    c.leave();
    Ok(ty)
}

fn member(c: &mut Cursor<'_>) -> Result<Member, ParseError> {
    c.skip_ws();
    if c.eat_word("null") {
        return Ok(Member::Null);
    }
    if c.eat_word("undefined") {
        return Ok(Member::Undefined);
    }
    let mut ty = primary(c)?;
    // Each `[]` nests the type one level deeper, and what reads it later recurses.
    let mut arrays = 0;
    while c.eat("[]") {
        c.enter()?;
        arrays += 1;
        ty = TypeExpr::Array(Box::new(ty));
    }
    (0..arrays).for_each(|_| c.leave());
    Ok(Member::Type(ty))
}

fn primary(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    if let Some(external) = scan::web_linked(c) {
        return Ok(external);
    }
    if c.eat("(") {
        let inner = ty(c)?;
        c.expect(")")?;
        return Ok(inner);
    }
    if c.eat("{") {
        return object(c);
    }
    if let Some(literal) = literal(c) {
        return Ok(literal);
    }
    let (segments, range) = c.path(".")?;
    if c.eat_angle('<') {
        return generic(c, &segments.join("."), range.start);
    }
    let name = segments.join(".");
    if BINARY.contains(&name.as_str()) && !links_to_model(c, &range) {
        return Ok(TypeExpr::Binary);
    }
    match scan::builtin(BUILTINS, &name).filter(|_| !links_to_model(c, &range)) {
        Some(ty) => Ok(ty),
        None => scan::model(c, segments, range),
    }
}

/// Whether a link makes a built-in-looking name a model: one to a doc of the
/// tree, unless the doc is one of the SDK's own types (`[RFCDate](../../types/rfcdate.md)`).
fn links_to_model(c: &Cursor<'_>, range: &std::ops::Range<usize>) -> bool {
    let sdk_type = c.link(range).is_some_and(|l| l.starts_with("types/") || l.contains("/types/"));
    scan::links_to_doc(c, range) && !sdk_type
}

/// `Name<args>`: the containers, binary streams and event streams TypeScript SDKs
/// write; any other generic is refused (it is no model of the tree).
fn generic(c: &mut Cursor<'_>, name: &str, start: usize) -> Result<TypeExpr, ParseError> {
    let mut args = vec![ty(c)?];
    while c.eat(",") {
        args.push(ty(c)?);
    }
    if !c.eat_angle('>') {
        return Err(c.error("`>`"));
    }
    let one = |args: Vec<TypeExpr>| match <[TypeExpr; 1]>::try_from(args) {
        Ok([arg]) => Ok(arg),
        Err(_) => Err(scan::error_at(start, &format!("`{name}` takes one type argument"))),
    };
    Ok(match name {
        "Record" => match <[TypeExpr; 2]>::try_from(args) {
            Ok([TypeExpr::String | TypeExpr::Number, value]) => TypeExpr::Map(Box::new(value)),
            _ => return Err(scan::error_at(start, "`Record<string, T>`")),
        },
        "Array" | "ReadonlyArray" => TypeExpr::Array(Box::new(one(args)?)),
        // A stream of bytes, whatever its chunks are called.
        "ReadableStream" => TypeExpr::Binary,
        // Server-sent events, each one a value of the argument: read as their sequence.
        "EventStream" | "AsyncIterable" => TypeExpr::Array(Box::new(one(args)?)),
        _ => return Err(scan::error_at(start, &format!("`{name}<...>` is no type of TypeScript's docs"))),
    })
}

/// An object type after its `{`: an index signature (`{ [k: string]: T }`) is a
/// map of `T`; named properties (`{ a: string }`) make an object of any values.
fn object(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    let (mut index, mut named) = (None, false);
    while !c.eat("}") {
        if c.eat("[") {
            c.ident()?;
            c.expect(":")?;
            if !(c.eat_word("string") || c.eat_word("number")) {
                return Err(c.error("`string` as index key"));
            }
            c.expect("]")?;
            c.expect(":")?;
            index = Some(ty(c)?);
        } else {
            property_name(c)?;
            c.eat("?");
            c.expect(":")?;
            ty(c)?;
            named = true;
        }
        if !(c.eat(";") || c.eat(",")) {
            c.expect("}")?;
            break;
        }
    }
    Ok(TypeExpr::Map(Box::new(index.filter(|_| !named).unwrap_or(TypeExpr::Any))))
}

fn property_name(c: &mut Cursor<'_>) -> Result<(), ParseError> {
    match literal(c) {
        Some(TypeExpr::String) => Ok(()),
        _ => c.ident().map(drop),
    }
}

/// A literal type (`"entry"`, `true`, `3`) has its value's wire type.
fn literal(c: &mut Cursor<'_>) -> Option<TypeExpr> {
    c.skip_ws();
    let rest = c.rest();
    if let Some(quote) = rest.chars().next().filter(|q| *q == '"' || *q == '\'') {
        let end = rest[1..].find(quote)?;
        c.pos += end + 2;
        return Some(TypeExpr::String);
    }
    if c.eat_word("true") || c.eat_word("false") {
        return Some(TypeExpr::Boolean);
    }
    let sign = usize::from(rest.starts_with('-'));
    let digits = rest[sign..].find(|ch: char| !(ch.is_ascii_digit() || ch == '.')).unwrap_or(rest.len() - sign);
    (digits > 0).then(|| {
        c.pos += sign + digits;
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
    ("bigint", Scalar::Integer),
    ("BigInt", Scalar::Integer),
    ("Date", Scalar::DateTime),
    ("RFCDate", Scalar::Date),
];

/// The names of binary content (uploads, downloads); the first is printed.
const BINARY: &[&str] = &["Uint8Array", "ArrayBuffer", "Blob", "File", "Buffer", "ReadableStream"];

/// The text [`TypeScript::parse`] reads back as `ty`; `None` for what
/// TypeScript docs cannot spell (a union of one, a doubled wrapper).
fn print(ty: &TypeExpr) -> Option<String> {
    if let Some(name) = scan::spelling(BUILTINS, ty) {
        return Some(name);
    }
    Some(match ty {
        TypeExpr::Binary => BINARY[0].to_string(),
        TypeExpr::Union { members, .. } => {
            let distinct = members.iter().enumerate().all(|(i, m)| !members[..i].contains(m));
            if members.len() < 2 || !distinct {
                return None;
            }
            let printed: Option<Vec<String>> = members.iter().map(print_member).collect();
            printed?.join(" | ")
        }
        TypeExpr::Nullable(inner) if !matches!(**inner, TypeExpr::Nullable(_) | TypeExpr::Optional(_)) => {
            format!("{} | null", print(inner)?)
        }
        TypeExpr::Optional(inner) if !matches!(**inner, TypeExpr::Optional(_)) => {
            format!("{} | undefined", print(inner)?)
        }
        TypeExpr::Array(inner) => format!("{}[]", print_member(inner)?),
        TypeExpr::Map(inner) => format!("Record<string, {}>", print(inner)?),
        TypeExpr::Named { namespace, name, .. } => scan::print_model(&TypeScript, namespace, name)?,
        _ => return None,
    })
}

/// `ty` as one member of a union or an array's element: in parentheses when it
/// has members of its own.
fn print_member(ty: &TypeExpr) -> Option<String> {
    let text = print(ty)?;
    let compound = matches!(ty, TypeExpr::Union { .. } | TypeExpr::Nullable(_) | TypeExpr::Optional(_));
    Some(if compound { format!("({text})") } else { text })
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
    fn models_in_italics_with_no_link() {
        let annotation = named(&["models"], "OpenAIResponsesAnnotation", None);
        assert_eq!(parse("*models.OpenAIResponsesAnnotation*[]"), Array(b(annotation)));
        assert_eq!(parse("*operations.X*"), named(&["operations"], "X", None));
        assert_eq!(parse("*components.X*"), named(&["components"], "X", None));
        assert_eq!(parse("Record<string, *models.X*>"), Map(b(named(&["models"], "X", None))));
    }

    #[test]
    fn nested_and_generic_arrays() {
        assert_eq!(parse("*number*[][]"), Array(b(Array(b(Number)))));
        assert_eq!(parse("Array<*string*>"), Array(b(String)));
        assert_eq!(parse("Array\\<Array\\<*string*>>"), Array(b(Array(b(String)))));
        assert_eq!(parse("Record\\<string, Record\\\\<string, *any*>>"), Map(b(Map(b(Any)))));
        assert_eq!(parse("Record<string, *any*>[]"), Array(b(Map(b(Any)))));
    }

    #[test]
    fn object_types() {
        assert_eq!(parse("`{ [k: string]: models.Parameters2 }`"), Map(b(named(&["models"], "Parameters2", None))));
        assert_eq!(parse("`{ [key: string]: any; }`"), Map(b(Any)));
        assert_eq!(parse("`{ a: string; b?: number }`"), Map(b(Any)));
        assert_eq!(parse("`{ \"a-b\": string, c: { [k: string]: string } }`"), Map(b(Any)));
        assert_eq!(parse("`{}`"), Map(b(Any)));
    }

    #[test]
    fn inline_unions_and_literals() {
        let (file, blob) = ("https://developer.mozilla.org/File", "https://developer.mozilla.org/Blob");
        assert_eq!(parse(&format!("[File]({file}) \\| [Blob]({blob})")), Binary);
        let union = |m: Vec<TypeExpr>| Union { members: m, link: None };
        assert_eq!(parse("*string* \\| *number*"), union(vec![String, Number]));
        assert_eq!(parse("`(string \\| models.X)[]`"), Array(b(union(vec![String, named(&["models"], "X", None)]))));
        assert_eq!(parse("`\"text\" \\| 'a' \\| -1.5 \\| true`"), union(vec![String, Number, Boolean]));
        assert_eq!(parse("`string \\| null`"), Nullable(b(String)));
        assert_eq!(parse("`string \\| undefined`"), Optional(b(String)));
        assert!(TypeScript.parse(&cell("`null`")).is_err());
    }

    #[test]
    fn binary_content_and_dates() {
        assert_eq!(parse("*ReadableStream\\<Uint8Array>*"), Binary);
        assert_eq!(parse("*ReadableStream<Uint8Array>*"), Binary);
        for md in ["*Uint8Array*", "*ArrayBuffer*", "*Blob*", "[File](https://developer.mozilla.org/File)"] {
            assert_eq!(parse(md), Binary, "{md}");
        }
        assert_eq!(parse("[File](../models/file.md)"), named(&[], "File", Some("../models/file.md")));
        assert_eq!(parse("[RFCDate](../../types/rfcdate.md)"), Date);
        assert_eq!(parse("*Date*"), DateTime);
        assert_eq!(parse("*bigint*"), Integer);
        assert_eq!(parse("*BigInt*"), Integer);
    }

    #[test]
    fn event_streams_are_sequences_of_their_events() {
        let event = named(&["models"], "ChatStreamingResponse", None);
        assert_eq!(parse("`EventStream<models.ChatStreamingResponse>`"), Array(b(event)));
        assert!(TypeScript.parse(&cell("`Promise<string>`")).is_err());
        assert!(TypeScript.parse(&cell("`Record<boolean, string>`")).is_err());
    }

    #[test]
    fn printed_names_read_back() {
        assert_eq!(print(&named(&["models"], "X", None)).as_deref(), Some("models.X"));
        assert_eq!(print(&named(&[], "string", None)), None, "reads back as a built-in");
        assert_eq!(print(&named(&[], "Uint8Array", None)), None, "reads back as binary");
        let union = Union { members: vec![Nullable(b(String)), Number], link: None };
        assert_eq!(print(&Array(b(union.clone()))).as_deref(), Some("((string | null) | number)[]"));
        assert_eq!(parse("`((string \\| null) \\| number)[]`"), Array(b(union)));
    }

    #[test]
    fn other_dialects_are_refused() {
        let others = [
            "*str*",
            "*long*",
            "*?string*",
            "List<*string*>",
            "[]*string*",
            "map[string]*any*",
            "Map<String, *Object*>",
            "Dictionary<String, *object*>",
            "T::Array<::String>",
            "array<*string*>",
        ];
        for md in others {
            assert!(TypeScript.parse(&cell(md)).is_err(), "{md}");
        }
    }
}
