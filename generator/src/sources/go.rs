//! Go model sources, as Speakeasy writes them in every generation seen
//! (`pkg/models/shared`, `models/components`, ...):
//!
//! - a model is a struct whose fields carry their JSON key in a struct tag:
//!   `ID *string `json:"id,omitempty"``; newer generators write `omitzero`,
//!   `optionalnullable.OptionalNullable[T]`, `default:"..."` and `const:"..."`
//!   tags, and hold unknown keys in `AdditionalProperties map[string]any
//!   `additionalProperties:"true" json:"-"``;
//! - an enum is a named basic type and its typed constants:
//!   `type Dir string` + `const ( DirAsc Dir = "asc" )`, or `type Status int64`
//!   + `StatusMinus1 Status = -1`;
//! - a union is a struct of one field per member plus an untagged
//!   `Type XType` discriminator (older generators: no tags at all; newer:
//!   `union:"member"` tags) with hand-written `UnmarshalJSON`: its fields are
//!   no keys, so it is no model here, and neither is its `XType` enum.
//!
//! Structs whose fields carry no `json` tag at all (request and response
//! wrappers, whose fields are path or query parameters, headers and HTTP
//! metadata) are models of no JSON key: reported with no fields, so that the
//! docs' rows of them are known to be no keys.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::lex::{self, Syntax, Tok, Token};
use super::{loc, not_read, FileFacts, Language, Number, SourceBody, SourceField, SourceModel, SourceValue, Wire};

pub struct Go;

impl Language for Go {
    fn name(&self) -> &'static str {
        "Go"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["go"]
    }

    fn read(&self, file: &Arc<str>, text: &str) -> FileFacts {
        let tokens = lex::lex(text, &Syntax::GO);
        let decls = Decls::scan(&tokens);
        let mut reader = Reader { file, facts: FileFacts::default(), discriminators: HashSet::new() };
        let enum_values = reader.enum_values(&decls.const_groups);
        let mut basics = Vec::new();
        for spec in &decls.type_specs {
            match TypeSpec::of(spec) {
                Some(TypeSpec::Struct { name, body }) => reader.read_struct(name, body),
                Some(TypeSpec::Basic { name, base }) => basics.push((name, base)),
                None => {}
            }
        }
        for (name, base) in basics {
            reader.read_enum(name, base, &enum_values);
        }
        // Models and warnings in the order of the file (enums were read last,
        // their constants first).
        reader.facts.models.sort_by_key(|m| (m.loc.line, m.loc.col));
        reader.facts.warnings.sort_by_key(|w| w.loc.as_ref().map(|l| (l.line, l.col)));
        reader.facts
    }
}

/// The `type` and `const` specs at the top level of a file (in function
/// bodies they declare nothing the API sends).
struct Decls<'t, 'a> {
    type_specs: Vec<&'t [Token<'a>]>,
    /// One entry a `const` declaration: its specs, in order (a spec with no
    /// type and value repeats the previous one of its group).
    const_groups: Vec<Vec<&'t [Token<'a>]>>,
}

impl<'t, 'a> Decls<'t, 'a> {
    fn scan(toks: &'t [Token<'a>]) -> Self {
        let mut decls = Decls { type_specs: Vec::new(), const_groups: Vec::new() };
        let (mut i, mut depth) = (0, 0usize);
        while let Some(t) = toks.get(i) {
            if depth == 0 && (t.is_ident("type") || t.is_ident("const")) {
                let (specs, next) = decl_specs(toks, i + 1);
                if t.is_ident("type") {
                    decls.type_specs.extend(specs);
                } else {
                    decls.const_groups.push(specs);
                }
                i = next;
                continue;
            }
            depth = match t.tok {
                Tok::Punct('(' | '[' | '{') => depth + 1,
                Tok::Punct(')' | ']' | '}') => depth.saturating_sub(1),
                _ => depth,
            };
            i += 1;
        }
        decls
    }
}

/// The specs of the declaration whose keyword ends before `start`: one, or a
/// parenthesized group; and the index after the declaration.
fn decl_specs<'t, 'a>(toks: &'t [Token<'a>], start: usize) -> (Vec<&'t [Token<'a>]>, usize) {
    if toks.get(start).is_some_and(|t| t.is_punct('(')) {
        let close = matching(toks, start);
        let inner = toks.get(start + 1..close).unwrap_or_default();
        return (split_specs(inner), close + 1);
    }
    let end = spec_end(toks, start);
    (toks.get(start..end).into_iter().filter(|spec| !spec.is_empty()).collect(), end.max(start + 1))
}

/// The index of the bracket that closes the one at `open`, or the end of
/// the tokens when it is never closed.
fn matching(toks: &[Token<'_>], open: usize) -> usize {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(open) {
        match t.tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    toks.len()
}

/// Where the spec (a field, a type or a const spec) that starts at `start`
/// ends: at a `;`, or at a line break where Go inserts one (after a name, a
/// literal or a closing bracket), outside brackets; or at the bracket that
/// closes the enclosing group.
fn spec_end(toks: &[Token<'_>], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, t) in toks.iter().enumerate().skip(start) {
        if depth == 0 && j > start {
            let ends_line = toks.get(j - 1).is_some_and(|prev| t.line > prev.line && ends_statement(prev));
            if t.is_punct(';') || ends_line {
                return j;
            }
        }
        match t.tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') if depth == 0 => return j,
            Tok::Punct(')' | ']' | '}') => depth -= 1,
            _ => {}
        }
    }
    toks.len()
}

/// Go's rule for its implicit semicolons: a line that ends in one of these
/// ends its statement.
fn ends_statement(t: &Token<'_>) -> bool {
    matches!(t.tok, Tok::Ident(_) | Tok::Str(_) | Tok::Num(_) | Tok::Punct(')' | ']' | '}'))
}

/// The specs of a bracketed group's inside (struct fields, grouped types or consts).
fn split_specs<'t, 'a>(inner: &'t [Token<'a>]) -> Vec<&'t [Token<'a>]> {
    let mut specs = Vec::new();
    let mut i = 0;
    while let Some(t) = inner.get(i) {
        if t.is_punct(';') {
            i += 1;
            continue;
        }
        let end = spec_end(inner, i).max(i + 1);
        specs.extend(inner.get(i..end));
        i = end;
    }
    specs
}

/// A `type` spec that may be a model.
enum TypeSpec<'t, 'a> {
    /// `Name struct { ... }`: the tokens inside the braces.
    Struct { name: &'t Token<'a>, body: &'t [Token<'a>] },
    /// `Name string`, `Name int64`: an enum when typed constants follow.
    Basic { name: &'t Token<'a>, base: Base },
}

impl<'t, 'a> TypeSpec<'t, 'a> {
    fn of(spec: &'t [Token<'a>]) -> Option<Self> {
        let (name, rest) = spec.split_first()?;
        name.ident()?;
        match rest {
            [kw, open, body @ .., close] if kw.is_ident("struct") && open.is_punct('{') && close.is_punct('}') => {
                Some(TypeSpec::Struct { name, body })
            }
            [base] => Some(TypeSpec::Basic { name, base: Base::of(base.ident()?)? }),
            // Generic types (`Name[T any] ...`), aliases (`Name = T`) and
            // named non-basic types are no models.
            _ => None,
        }
    }
}

/// The kinds of basic type an enum is declared on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Base {
    String,
    Integer,
    Float,
}

impl Base {
    fn of(name: &str) -> Option<Base> {
        match number_kind(name) {
            Some(Number::Integer) => Some(Base::Integer),
            Some(Number::Float) => Some(Base::Float),
            Some(Number::Quoted) | None => (name == "string").then_some(Base::String),
        }
    }
}

/// Go's predeclared numeric types.
fn number_kind(name: &str) -> Option<Number> {
    match name {
        "int" | "int8" | "int16" | "int32" | "int64" | "uint" | "uint8" | "uint16" | "uint32" | "uint64"
        | "uintptr" | "byte" | "rune" => Some(Number::Integer),
        "float32" | "float64" => Some(Number::Float),
        _ => None,
    }
}

/// A struct tag's `key:"value"` pairs, read as Go's `reflect.StructTag` reads
/// them: space-separated, each value a quoted Go string; reading stops at
/// the first pair that is not well formed (`Lookup` finds nothing past it).
#[derive(Debug, Default, PartialEq)]
struct Tag(Vec<(String, String)>);

impl Tag {
    fn parse(text: &str) -> Tag {
        let mut pairs = Vec::new();
        let mut rest = text;
        loop {
            rest = rest.trim_start_matches(' ');
            let key_len = rest.find(|c: char| c <= ' ' || c == ':' || c == '"' || c == '\u{7f}').unwrap_or(rest.len());
            let (key, after) = rest.split_at(key_len);
            let Some(quoted) = after.strip_prefix(":\"") else { break };
            let Some((value, tail)) = unquote(quoted) else { break };
            if key.is_empty() {
                break;
            }
            pairs.push((key.to_owned(), value));
            rest = tail;
        }
        Tag(pairs)
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// A Go double-quoted string's value from just after its opening quote, and
/// the text after its closing quote; `None` when it is never closed.
fn unquote(text: &str) -> Option<(String, &str)> {
    let mut value = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, text.get(i + 1..).unwrap_or_default())),
            '\\' => {
                let (_, escaped) = chars.next()?;
                value.push(match escaped {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    other => other,
                });
            }
            other => value.push(other),
        }
    }
    None
}

/// What a `json:"name,opt,..."` tag says.
#[derive(Debug, Default)]
struct JsonTag {
    /// The key, when the tag names one (an empty name leaves the field's own).
    name: Option<String>,
    /// `omitempty` or `omitzero`: an unset field sends no key.
    omits: bool,
    /// `,string`: a number or bool travels as a JSON string.
    as_string: bool,
}

impl JsonTag {
    fn of(tag: &Tag) -> JsonTag {
        let Some(value) = tag.get("json") else { return JsonTag::default() };
        let mut parts = value.split(',');
        let name = parts.next().filter(|n| !n.is_empty()).map(str::to_owned);
        let options: Vec<&str> = parts.collect();
        JsonTag {
            name,
            omits: options.iter().any(|o| matches!(*o, "omitempty" | "omitzero")),
            as_string: options.contains(&"string"),
        }
    }

    /// `json:"-"` (exactly; `json:"-,"` is the key `-`): the field is no key.
    fn skips(tag: &Tag) -> bool {
        tag.get("json") == Some("-")
    }
}

/// A field's Go type, as far as keys, nulls and numbers need it.
#[derive(Debug, Clone, PartialEq)]
enum Ty<'a> {
    Ptr(Box<Ty<'a>>),
    Slice(Box<Ty<'a>>),
    Array(Box<Ty<'a>>),
    /// A map, by its value type.
    Map(Box<Ty<'a>>),
    /// `interface{...}` or `any`: any JSON value, `null` too.
    Any,
    /// An anonymous `struct { ... }`.
    Struct,
    Named {
        pkg: Option<&'a str>,
        name: &'a str,
        args: Vec<Ty<'a>>,
    },
}

/// Deeper types than this are not read (no model nests so deep; any text
/// must read without exhausting the stack).
const MAX_TYPE_DEPTH: usize = 32;

/// Reads a type from `toks` at `*i`, leaving `*i` after it.
fn parse_ty<'a>(toks: &[Token<'a>], i: &mut usize, depth: usize) -> Option<Ty<'a>> {
    if depth > MAX_TYPE_DEPTH {
        return None;
    }
    let t = toks.get(*i)?;
    *i += 1;
    let inner = |i: &mut usize| parse_ty(toks, i, depth + 1).map(Box::new);
    match t.tok {
        Tok::Punct('*') => Some(Ty::Ptr(inner(i)?)),
        Tok::Punct('[') if toks.get(*i)?.is_punct(']') => {
            *i += 1;
            Some(Ty::Slice(inner(i)?))
        }
        Tok::Punct('[') => {
            // `[N]T`: the length is a constant expression, never a type.
            *i = matching(toks, *i - 1) + 1;
            Some(Ty::Array(inner(i)?))
        }
        Tok::Ident("map") => {
            expect(toks, i, '[')?;
            parse_ty(toks, i, depth + 1)?;
            expect(toks, i, ']')?;
            Some(Ty::Map(inner(i)?))
        }
        Tok::Ident(kw @ ("interface" | "struct")) if toks.get(*i)?.is_punct('{') => {
            *i = matching(toks, *i) + 1;
            Some(if kw == "struct" { Ty::Struct } else { Ty::Any })
        }
        Tok::Ident("any") => Some(Ty::Any),
        Tok::Ident("func" | "chan" | "interface" | "struct") => None,
        Tok::Ident(first) => named(toks, i, first, depth),
        _ => None,
    }
}

/// A type name after its first identifier: `T`, `pkg.T`, `T[A, B]`.
fn named<'a>(toks: &[Token<'a>], i: &mut usize, first: &'a str, depth: usize) -> Option<Ty<'a>> {
    let (pkg, name) = if toks.get(*i).is_some_and(|t| t.is_punct('.')) {
        let name = toks.get(*i + 1)?.ident()?;
        *i += 2;
        (Some(first), name)
    } else {
        (None, first)
    };
    let mut args = Vec::new();
    if toks.get(*i).is_some_and(|t| t.is_punct('[')) {
        *i += 1;
        loop {
            args.push(parse_ty(toks, i, depth + 1)?);
            if toks.get(*i).is_some_and(|t| t.is_punct(',')) {
                *i += 1;
                continue;
            }
            expect(toks, i, ']')?;
            break;
        }
    }
    Some(Ty::Named { pkg, name, args })
}

fn expect(toks: &[Token<'_>], i: &mut usize, c: char) -> Option<()> {
    toks.get(*i).filter(|t| t.is_punct(c))?;
    *i += 1;
    Some(())
}

impl Ty<'_> {
    fn is_optional_nullable(&self) -> bool {
        matches!(self, Ty::Named { name: "OptionalNullable", .. })
    }

    /// The number type at the heart of this one, through pointers,
    /// containers and `OptionalNullable`. `big.Int` is an integer (sent as a
    /// JSON number unless tagged `bigint:"string"`, which the caller checks);
    /// decimal types are not read (their wire form is not in the type).
    fn number(&self) -> Option<Number> {
        match self {
            Ty::Ptr(inner) | Ty::Slice(inner) | Ty::Array(inner) | Ty::Map(inner) => inner.number(),
            Ty::Named { args, .. } if self.is_optional_nullable() => args.first()?.number(),
            Ty::Named { pkg: None, name, args } if args.is_empty() => number_kind(name),
            Ty::Named { pkg: Some("big"), name: "Int", .. } => Some(Number::Integer),
            _ => None,
        }
    }
}

/// One field line of a struct: `A, B *T `tag``.
struct FieldSpec<'t, 'a> {
    names: Vec<&'t Token<'a>>,
    ty: Ty<'a>,
    tag: Tag,
}

/// The tag of a field spec (its last token, when a string).
fn spec_tag(spec: &[Token<'_>]) -> Option<Tag> {
    spec.last().and_then(Token::string).map(Tag::parse)
}

impl<'t, 'a> FieldSpec<'t, 'a> {
    fn parse(spec: &'t [Token<'a>]) -> Result<Self, &'static str> {
        let tag = spec_tag(spec);
        let typed = if tag.is_some() { spec.get(..spec.len() - 1).unwrap_or_default() } else { spec };
        let mut names = Vec::new();
        let mut i = 0;
        while let Some(name) = typed.get(i).filter(|t| t.ident().is_some()) {
            names.push(name);
            i += 1;
            if !typed.get(i).is_some_and(|t| t.is_punct(',')) {
                break;
            }
            i += 1;
        }
        let embedded = names.len() == 1 && (i == typed.len() || typed.get(i).is_some_and(|t| t.is_punct('.')));
        if names.is_empty() || embedded {
            return Err("an embedded field, whose keys are its type's");
        }
        let ty = parse_ty(typed, &mut i, 0).ok_or("a field whose type is not read")?;
        if i != typed.len() {
            return Err("a field whose type is not read");
        }
        let tag = tag.unwrap_or_default();
        if names.len() > 1 && JsonTag::of(&tag).name.is_some() {
            return Err("several fields under one json key");
        }
        Ok(FieldSpec { names, ty, tag })
    }
}

/// Whether a Go name is exported: encoding/json and Speakeasy's marshaller
/// see only exported fields (and `const`-tagged unexported ones).
fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}

/// The name the docs print for a field: its own, or for an unexported
/// `const` field (`deleted`) its getter's (`Deleted`, from `GetDeleted`).
fn printed_name(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Whether `null` is a value of a field, from its type and tags.
fn nullable(ty: &Ty<'_>, tag: &Tag, json: &JsonTag) -> Option<bool> {
    if let Some(constant) = tag.get("const") {
        return Some(constant == "null");
    }
    match ty {
        Ty::Named { .. } if ty.is_optional_nullable() => Some(true),
        // A pointer whose key may be left out (`omitempty`), or that holds
        // "unset: send the default": nil there says nothing of null.
        Ty::Ptr(_) if json.omits || tag.get("default").is_some() => None,
        // A pointer on a key that is always sent: nil is sent as null, so the
        // generator chose a pointer because null is a value.
        Ty::Ptr(_) => Some(true),
        // A nil slice or map is sent as null too, but the generators write
        // `[]T` for nullable and non-nullable arrays alike: the type cannot tell.
        Ty::Slice(_) | Ty::Map(_) | Ty::Any => None,
        Ty::Named { pkg: Some("json"), name: "RawMessage", .. } => None,
        Ty::Array(_) | Ty::Struct | Ty::Named { .. } => Some(false),
    }
}

/// The kind of number the field travels as: its type's, or a string where a
/// tag sends the number as one.
fn number(ty: &Ty<'_>, tag: &Tag, json: &JsonTag) -> Option<Number> {
    let as_string = |key| tag.get(key) == Some("string");
    let number = ty.number()?;
    if json.as_string || as_string("integer") || as_string("number") || as_string("bigint") {
        return Some(Number::Quoted);
    }
    Some(number)
}

/// The values of each enum type by its name; `None` for a type with a
/// constant that is not read (of which a W0019 was told).
type EnumValues = HashMap<String, Option<Vec<SourceValue>>>;

/// Reads one file's declarations into its facts.
struct Reader<'f> {
    file: &'f Arc<str>,
    facts: FileFacts,
    /// The types of unions' `Type` fields: the SDK's own tags of which member
    /// a union holds, never sent: no enums of the API.
    discriminators: HashSet<String>,
}

impl Reader<'_> {
    fn read_struct(&mut self, name: &Token<'_>, body: &[Token<'_>]) {
        let specs = split_specs(body);
        let tags: Vec<Tag> = specs.iter().filter_map(|s| spec_tag(s)).collect();
        let is_union = tags.iter().any(|t| t.get("union").is_some());
        let has_keys = tags.iter().any(|t| t.get("json").is_some() || t.get("additionalProperties").is_some());
        if is_union || (!specs.is_empty() && !has_keys) {
            let discriminated = self.note_discriminator(&specs);
            // A wrapper's fields are parameters, headers and HTTP metadata: a
            // model of no JSON key, which tells the docs' rows of it are none.
            if !is_union && !discriminated {
                self.push_model(name, SourceBody::Struct(Vec::new()));
            }
            return;
        }
        let struct_name = name.ident().unwrap_or_default();
        let mut fields = Vec::new();
        for spec in specs {
            match FieldSpec::parse(spec) {
                Ok(field) => fields.extend(self.source_fields(field)),
                Err(why) => {
                    let at = spec.first().unwrap_or(name);
                    let what = format!("the Go struct `{struct_name}`");
                    self.facts.warnings.push(not_read(loc(self.file, at), &what, why));
                    return;
                }
            }
        }
        self.push_model(name, SourceBody::Struct(fields));
    }

    /// Notes the type of an untagged `Type` field of a struct that is no
    /// model: a union's discriminator.
    /// Whether it found one.
    fn note_discriminator(&mut self, specs: &[&[Token<'_>]]) -> bool {
        let mut found = false;
        for spec in specs {
            if let [field, ty] = spec {
                if field.is_ident("Type") {
                    self.discriminators.extend(ty.ident().map(str::to_owned));
                    found = true;
                }
            }
        }
        found
    }

    fn source_fields(&self, field: FieldSpec<'_, '_>) -> Vec<SourceField> {
        // The holder of unknown keys, and fields that are no key.
        if field.tag.get("additionalProperties").is_some() || JsonTag::skips(&field.tag) {
            return Vec::new();
        }
        let json = JsonTag::of(&field.tag);
        let is_const = field.tag.get("const").is_some();
        let nullable = nullable(&field.ty, &field.tag, &json);
        let number = number(&field.ty, &field.tag, &json);
        let seen = field.names.into_iter().filter_map(|t| Some((t, t.ident()?)));
        seen.filter(|(_, name)| is_exported(name) || is_const)
            .map(|(at, name)| SourceField {
                name: printed_name(name),
                // Untagged: encoding/json and Speakeasy's marshaller both use the Go name.
                key: json.name.clone().unwrap_or_else(|| name.to_owned()),
                nullable,
                number,
                loc: loc(self.file, at),
            })
            .collect()
    }

    /// Each enum type's values, from the file's typed constants.
    fn enum_values(&mut self, groups: &[Vec<&[Token<'_>]>]) -> EnumValues {
        let mut values = EnumValues::new();
        for group in groups {
            let mut previous_type: Option<&str> = None;
            for spec in group {
                let constant = ConstSpec::parse(spec, previous_type);
                previous_type = constant.as_ref().map(|c| c.ty);
                let Some(ConstSpec { at, ty, wire }) = constant else { continue };
                let entry = values.entry(ty.to_owned()).or_insert_with(|| Some(Vec::new()));
                let Some(list) = entry else { continue };
                match wire {
                    Ok(wire) => list.push(SourceValue {
                        name: at.ident().unwrap_or_default().to_owned(),
                        wire,
                        loc: loc(self.file, at),
                    }),
                    Err(why) => {
                        let what = format!("the Go enum `{ty}`");
                        self.facts.warnings.push(not_read(loc(self.file, at), &what, why));
                        *entry = None;
                    }
                }
            }
        }
        values
    }

    fn read_enum(&mut self, name: &Token<'_>, base: Base, values: &EnumValues) {
        let Some(type_name) = name.ident() else { return };
        // A named string with no constants is no enum; an unread one was told of.
        let Some(Some(list)) = values.get(type_name) else { return };
        if list.is_empty() || self.discriminators.contains(type_name) {
            return;
        }
        // Go converts no string literal to a number type (nor the reverse),
        // but a rune literal ('a') is a number that the lexer reads as a string.
        let fits = |v: &&SourceValue| {
            matches!((&v.wire, base), (Wire::String(_), Base::String) | (Wire::Number(_), Base::Integer | Base::Float))
        };
        if let Some(odd) = list.iter().find(|v| !fits(v)) {
            let what = format!("the Go enum `{type_name}`");
            let why = "a constant whose literal is not of its type's kind";
            self.facts.warnings.push(not_read(odd.loc.clone(), &what, why));
            return;
        }
        self.push_model(name, SourceBody::Enum(list.clone()));
    }

    fn push_model(&mut self, name: &Token<'_>, body: SourceBody) {
        let model = SourceModel { name: name.ident().unwrap_or_default().to_owned(), loc: loc(self.file, name), body };
        self.facts.models.push(model);
    }
}

/// A typed constant: `A T = "a"`, `A = T("a")`, or a spec that repeats the
/// previous one's type (`B`, as after `A T = iota`).
struct ConstSpec<'t, 'a> {
    at: &'t Token<'a>,
    ty: &'a str,
    /// Its value as sent, or why it is not read.
    wire: Result<Wire, &'static str>,
}

impl<'t, 'a> ConstSpec<'t, 'a> {
    fn parse(spec: &'t [Token<'a>], previous_type: Option<&'a str>) -> Option<Self> {
        let (at, rest) = spec.split_first()?;
        at.ident()?;
        let typed = |ty: &Token<'a>, expr| Some(ConstSpec { at, ty: ty.ident()?, wire: literal(expr) });
        match rest {
            [] => Some(ConstSpec { at, ty: previous_type?, wire: Err("an implicitly repeated constant") }),
            [ty, eq, expr @ ..] if eq.is_punct('=') => typed(ty, expr),
            [eq, ty, open, expr @ .., close] if eq.is_punct('=') && open.is_punct('(') && close.is_punct(')') => {
                typed(ty, expr)
            }
            [comma, ..] if comma.is_punct(',') => {
                // `A, B T = ...`: the type follows the list of names.
                let mut k = 0;
                while rest.get(k).is_some_and(|t| t.is_punct(','))
                    && rest.get(k + 1).is_some_and(|t| t.ident().is_some())
                {
                    k += 2;
                }
                Some(ConstSpec { at, ty: rest.get(k)?.ident()?, wire: Err("several constants in one spec") })
            }
            _ => None,
        }
    }
}

/// A constant's value from its literal: a string, or a number with its sign.
fn literal(expr: &[Token<'_>]) -> Result<Wire, &'static str> {
    const NOT_LITERAL: &str = "a constant whose value is not a literal";
    match expr {
        [t] => match &t.tok {
            Tok::Str(text) => Ok(Wire::String(text.to_string())),
            Tok::Num(text) => Ok(Wire::Number((*text).to_owned())),
            _ => Err(NOT_LITERAL),
        },
        [sign, t] if sign.is_punct('-') => match t.tok {
            Tok::Num(text) => Ok(Wire::Number(format!("-{text}"))),
            _ => Err(NOT_LITERAL),
        },
        _ => Err(NOT_LITERAL),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> FileFacts {
        Go.read(&Arc::from("m.go"), text)
    }

    type Row = (String, String, Option<bool>, Option<Number>);

    /// `(name, key, nullable, number)` of each field of the struct `name`.
    fn fields(facts: &FileFacts, name: &str) -> Vec<Row> {
        let model = facts.models.iter().find(|m| m.name == name);
        let Some(SourceModel { body: SourceBody::Struct(fields), .. }) = model else { panic!("no struct {name}") };
        fields.iter().map(|f| (f.name.clone(), f.key.clone(), f.nullable, f.number)).collect()
    }

    fn row(name: &str, key: &str, nullable: Option<bool>, number: Option<Number>) -> Row {
        (name.to_owned(), key.to_owned(), nullable, number)
    }

    fn values(facts: &FileFacts, name: &str) -> Vec<(String, Wire)> {
        let model = facts.models.iter().find(|m| m.name == name);
        let Some(SourceModel { body: SourceBody::Enum(values), .. }) = model else { panic!("no enum {name}") };
        values.iter().map(|v| (v.name.clone(), v.wire.clone())).collect()
    }

    fn names(facts: &FileFacts) -> Vec<&str> {
        facts.models.iter().map(|m| m.name.as_str()).collect()
    }

    const INT: Option<Number> = Some(Number::Integer);
    const FLOAT: Option<Number> = Some(Number::Float);

    /// The older generators (`pkg/models/shared`): encoding/json, `omitempty`
    /// on every optional pointer, unions with no tags at all.
    #[test]
    fn older_generation() {
        let facts = read(
            r#"package shared

// Connection - A single connection
type Connection struct {
	// Date the connection was archived
	ArchivedAt    *time.Time    `json:"archived_at,omitempty"`
	CreatedAt     time.Time     `json:"created_at"`
	ResolvedRules []interface{} `json:"resolved_rules,omitempty"`
	Ruleset       *Ruleset      `json:"ruleset,omitempty"`
	TeamID        string        `json:"team_id"`
	Retries       *int64        `json:"retries,omitempty"`
}

func (o *Connection) GetTeamID() string {
	if o == nil {
		return ""
	}
	return o.TeamID
}

type DirType string

const (
	DirTypeStr        DirType = "str"
	DirTypeArrayOfstr DirType = "arrayOfstr"
)

type Dir struct {
	Str        *string
	ArrayOfstr []string

	Type DirType
}

type GetRequest struct {
	TeamID string `pathParam:"style=simple,explode=false,name=team_id"`
}

type GetResponse struct {
	Connection  *shared.Connection
	StatusCode  int
	RawResponse *http.Response
}
"#,
        );
        assert_eq!(facts.warnings, vec![]);
        assert_eq!(names(&facts), vec!["Connection", "GetRequest", "GetResponse"], "unions and their tags are no models");
        assert_eq!(fields(&facts, "GetResponse"), vec![], "a wrapper is a model of no JSON key");
        let rows = vec![
            row("ArchivedAt", "archived_at", None, None),
            row("CreatedAt", "created_at", Some(false), None),
            row("ResolvedRules", "resolved_rules", None, None),
            row("Ruleset", "ruleset", None, None),
            row("TeamID", "team_id", Some(false), None),
            row("Retries", "retries", None, INT),
        ];
        assert_eq!(fields(&facts, "Connection"), rows);
    }

    /// Unified's generation: `default` tags on pointers, maps of any.
    #[test]
    fn default_tags_and_maps() {
        let facts = read(
            r#"type AccountingContact struct {
	CompanyName *string          `json:"company_name,omitempty"`
	Currency    *string          `default:"USD" json:"currency"`
	Raw         map[string]any   `json:"raw,omitempty"`
	Balance     *float64         `json:"balance,omitempty"`
}"#,
        );
        let rows = vec![
            row("CompanyName", "company_name", None, None),
            row("Currency", "currency", None, None),
            row("Raw", "raw", None, None),
            row("Balance", "balance", None, FLOAT),
        ];
        assert_eq!(fields(&facts, "AccountingContact"), rows);
    }

    /// The newer generators (`models/components`): `omitzero`,
    /// `OptionalNullable`, `const` fields, the holder of unknown keys, unions
    /// tagged `union:"member"`, open enums.
    #[test]
    fn newer_generation() {
        let facts = read(
            r#"package components

type ChatResult struct {
	Choices           []ChatChoice                                 `json:"choices"`
	Created           int64                                        `json:"created"`
	ServiceTier       optionalnullable.OptionalNullable[string]   `json:"service_tier,omitzero"`
	Seeds             optionalnullable.OptionalNullable[[]int64]  `json:"seeds,omitzero"`
	SystemFingerprint *string                                      `json:"system_fingerprint"`
	Usage             *ChatUsage                                   `json:"usage,omitzero"`
	//lint:ignore U1000 accessed via reflection for JSON marshaling
	deleted bool `const:"true" json:"deleted"`
	internal string
	AdditionalProperties map[string]any `additionalProperties:"true" json:"-"`
}

func (c ChatResult) MarshalJSON() ([]byte, error) {
	return utils.MarshalJSON(c, "", false)
}

type FileResponse struct {
	OpenAIFile *OpenAIFile     `queryParam:"inline" union:"member"`
	UnknownRaw json.RawMessage `json:"-" union:"unknown"`

	Type FileResponseType
}

type FileResponseType string

const (
	FileResponseTypeOpenai FileResponseType = "openai"
)

type Role string

const (
	RoleUser Role = "user"
	RoleTool Role = "tool"
)

// IsExact returns true if the value matches a known enum value, false otherwise.
func (e *Role) IsExact() bool {
	if e != nil {
		switch *e {
		case "user", "tool":
			return true
		}
	}
	return false
}
"#,
        );
        assert_eq!(facts.warnings, vec![]);
        assert_eq!(names(&facts), vec!["ChatResult", "Role"]);
        let rows = vec![
            row("Choices", "choices", None, None),
            row("Created", "created", Some(false), INT),
            row("ServiceTier", "service_tier", Some(true), None),
            row("Seeds", "seeds", Some(true), INT),
            row("SystemFingerprint", "system_fingerprint", Some(true), None),
            row("Usage", "usage", None, None),
            row("Deleted", "deleted", Some(false), None),
        ];
        assert_eq!(fields(&facts, "ChatResult"), rows);
        let role =
            vec![("RoleUser".into(), Wire::String("user".into())), ("RoleTool".into(), Wire::String("tool".into()))];
        assert_eq!(values(&facts, "Role"), role);
    }

    #[test]
    fn tags_read_as_reflect_struct_tag_reads_them() {
        let tag = Tag::parse(r#"default:"a b" json:"name,omitempty,string"  x:"\"q\"""#);
        assert_eq!(tag.get("default"), Some("a b"));
        assert_eq!(tag.get("json"), Some("name,omitempty,string"));
        assert_eq!(tag.get("x"), Some("\"q\""));
        let json = JsonTag::of(&tag);
        assert_eq!((json.name.as_deref(), json.omits, json.as_string), (Some("name"), true, true));
        // Reading stops at a malformed pair, as `Lookup` does.
        assert_eq!(Tag::parse(r#"json:"a" bad json2:"b""#), Tag(vec![("json".into(), "a".into())]));
        assert_eq!(Tag::parse(r#"json:"open"#), Tag::default());
    }

    #[test]
    fn json_names_and_skips() {
        let facts = read(
            r#"type M struct {
	A    string  `json:",omitempty"`
	B    string  `json:"-"`
	C    string  `json:"-,"`
	D    string
	E, F int32   `json:",omitempty"`
	G    *string `integer:"string" json:"g"`
}"#,
        );
        let rows = vec![
            row("A", "A", Some(false), None),
            row("C", "-", Some(false), None),
            row("D", "D", Some(false), None),
            row("E", "E", Some(false), INT),
            row("F", "F", Some(false), INT),
            row("G", "g", Some(true), None),
        ];
        assert_eq!(fields(&facts, "M"), rows);
    }

    #[test]
    fn nullability_and_numbers_by_type() {
        let facts = read(
            r#"type M struct {
	Req    *int64          `json:"req"`
	Opt    *int64          `json:"opt,omitempty"`
	Zero   *int64          `json:"zero,omitzero"`
	List   []float32       `json:"list"`
	Map    map[string]*int `json:"map"`
	Any    interface{}     `json:"any"`
	Raw    json.RawMessage `json:"raw"`
	Big    *big.Int        `json:"big,omitempty"`
	BigStr *big.Int        `bigint:"string" json:"big_str,omitempty"`
	AsStr  int64           `json:"as_str,string"`
	Null   *string         `const:"null" json:"null"`
	Arr    [2]uint8        `json:"arr"`
}"#,
        );
        let rows = vec![
            row("Req", "req", Some(true), INT),
            row("Opt", "opt", None, INT),
            row("Zero", "zero", None, INT),
            row("List", "list", None, FLOAT),
            row("Map", "map", None, INT),
            row("Any", "any", None, None),
            row("Raw", "raw", None, None),
            row("Big", "big", None, INT),
            row("BigStr", "big_str", None, Some(Number::Quoted)),
            row("AsStr", "as_str", Some(false), Some(Number::Quoted)),
            row("Null", "null", Some(true), None),
            row("Arr", "arr", Some(false), INT),
        ];
        assert_eq!(fields(&facts, "M"), rows);
    }

    #[test]
    fn integer_and_string_enums() {
        let facts = read(
            r#"type EndpointStatus int64

const (
	EndpointStatusZero    EndpointStatus = 0
	EndpointStatusMinus10 EndpointStatus = -10
)

type Ratio float64

const RatioHalf Ratio = 0.5

type Dir string

const (
	Untyped = "x"
	DirAsc  = Dir("asc")
	DirDesc Dir = "desc"
)

type Name string
"#,
        );
        assert_eq!(facts.warnings, vec![]);
        assert_eq!(
            names(&facts),
            vec!["EndpointStatus", "Ratio", "Dir"],
            "a named string with no constants is no enum"
        );
        let number = |n: &str, v: &str| (n.to_owned(), Wire::Number(v.into()));
        let status = vec![number("EndpointStatusZero", "0"), number("EndpointStatusMinus10", "-10")];
        assert_eq!(values(&facts, "EndpointStatus"), status);
        assert_eq!(values(&facts, "Ratio"), vec![number("RatioHalf", "0.5")]);
        let string = |n: &str, v: &str| (n.to_owned(), Wire::String(v.into()));
        assert_eq!(values(&facts, "Dir"), vec![string("DirAsc", "asc"), string("DirDesc", "desc")]);
    }

    #[test]
    fn unread_declarations_are_told_of() {
        let facts = read(
            r#"type Embeds struct {
	Base
	Name string `json:"name"`
}

type Level int

const (
	LevelLow Level = iota
	LevelHigh
)

type Calls struct {
	Name string       `json:"name"`
	Hook func() error `json:"-"`
}

type Letter int32

const LetterA Letter = 'a'
"#,
        );
        assert_eq!(names(&facts), Vec::<&str>::new());
        let at: Vec<(u32, u32)> =
            facts.warnings.iter().filter_map(|w| w.loc.as_ref()).map(|l| (l.line, l.col)).collect();
        assert_eq!(at, vec![(2, 2), (9, 2), (15, 2), (20, 7)]);
        assert!(facts.warnings.iter().all(|w| w.code == super::super::NOT_READ));
    }

    #[test]
    fn positions_and_grouped_declarations() {
        let facts =
            read("type (\n\tA struct{}\n\tB struct {\n\t\tX string `json:\"x\"`; Y bool `json:\"y\"`\n\t}\n)\n");
        assert_eq!(names(&facts), vec!["A", "B"]);
        assert_eq!(fields(&facts, "A"), vec![]);
        let Some(SourceModel { body: SourceBody::Struct(b), loc, .. }) = facts.models.get(1) else { panic!("no B") };
        assert_eq!((loc.line, loc.col), (3, 2));
        let at: Vec<(u32, u32)> = b.iter().map(|f| (f.loc.line, f.loc.col)).collect();
        assert_eq!(at, vec![(4, 3), (4, 24)]);
    }

    proptest::proptest! {
        /// Any text reads without a panic.
        #[test]
        fn any_text_reads_without_panic(text in "\\PC{0,64}") {
            let _ = read(&text);
        }

        /// So does any mix of the tokens that Go models are made of.
        #[test]
        fn any_mix_of_go_tokens_reads(parts in proptest::collection::vec(proptest::sample::select(vec![
            "type", "X", "struct", "{", "}", "(", ")", "[", "]", "*", "map", "const", "=", "\"a\"", "-", "1",
            "`json:\"a,omitempty\"`", "\n", ";", ",", ".", "interface", "optionalnullable.OptionalNullable",
        ]), 0..48)) {
            let _ = read(&parts.join(" "));
        }
    }
}
