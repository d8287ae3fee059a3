//! C# model sources, as Speakeasy's C# generator writes them for Newtonsoft.Json.
//!
//! - An object is a class whose properties carry `[JsonProperty("user_id")]`
//!   (the key; more arguments may follow, `NullValueHandling = ...`) before
//!   `public string? UserId { get; set; }`. A request's parameters carry
//!   `[SpeakeasyMetadata("queryParam:...,name=user_id")]` instead: that name is
//!   the key the SDK sends. The docs print the property's C# name.
//! - Whether `null` is a value: `NullValueHandling.Include` (a required field
//!   that may be null: null is written) or `Required.AllowNull` say yes; so
//!   does `T? X { get; set; } = null;`, the generator's mark of an optional
//!   field that may be null (beside its Java SDK: every `JsonNullable` field
//!   has it, no `Optional` one does). A bare `T?` is any optional field: not
//!   stated. A type without `?` is not null when it is a value type, or when the
//!   file is `#nullable enable`.
//! - A closed enum is `public enum X { [JsonProperty("a")] A, ... }` (its
//!   `XExtension` class maps the values); a member's `= 1` with no attribute
//!   is a number, as Newtonsoft writes it. An open enum is a class with a
//!   `[JsonConverter]` and constants of its own type: `public static readonly X A = new X("a");`
//!   or `public static X A { get { return new X("a"); } }`.
//! - A union (a class with a `[JsonConverter]` and no constants) states no
//!   keys, and neither does a class without a keyed property (a union's
//!   `XType` tags, a response wrapper): they are skipped.
//! - An error class holds its body as a model declared in the same file
//!   (`ClerkErrors` and its `ClerkErrorsPayload Payload`): its docs list that
//!   model's fields under the error's name, and so does this reader.

use std::sync::Arc;

use super::java::{literal, parameter_name, Cursor};
use super::lex::{self, Syntax, Tok, Token};
use super::{loc, not_read, FileFacts, Language, Number, SourceBody, SourceField, SourceModel, SourceValue, Wire};
use crate::diag::Diagnostic;

pub struct CSharp;

impl Language for CSharp {
    fn name(&self) -> &'static str {
        "C#"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["cs"]
    }

    fn read(&self, file: &Arc<str>, text: &str) -> FileFacts {
        let tokens = lex::lex(text, &Syntax::CSHARP);
        let mut cursor = Cursor { toks: &tokens, pos: 0 };
        let mut top = Body::default();
        while cursor.peek().is_some() {
            members(&mut cursor, &mut top);
            // A stray `}` at the top level ends no body: step over it.
            cursor.bump();
        }
        let reader = Reader { file, nullable_context: nullable_context(&tokens) };
        let mut decls = Vec::new();
        flatten(&top.types, &mut decls);
        reader.file(&decls)
    }
}

/// `#nullable enable` without a later `#nullable disable`: a reference type
/// without `?` is then declared never null.
fn nullable_context(tokens: &[Token<'_>]) -> bool {
    let mut enabled = false;
    for window in tokens.windows(3) {
        if let [hash, nullable, setting] = window {
            let directive = hash.is_punct('#') && nullable.is_ident("nullable") && hash.line == setting.line;
            if directive {
                enabled = setting.is_ident("enable");
            }
        }
    }
    enabled
}

/// `[Name(args)]`: the name's last segment less `Attribute`, and the tokens
/// inside its parentheses.
#[derive(Debug)]
struct Attribute<'t, 'a> {
    name: &'a str,
    args: &'t [Token<'a>],
}

/// A class, struct, record, interface or enum.
#[derive(Debug)]
struct Decl<'t, 'a> {
    kind: &'a str,
    name: &'t Token<'a>,
    attributes: Vec<Attribute<'t, 'a>>,
    /// `None` when no `{` follows the header.
    body: Option<Body<'t, 'a>>,
}

#[derive(Debug, Default)]
struct Body<'t, 'a> {
    enum_members: Vec<EnumMember<'t, 'a>>,
    /// An enum member list that is not `[attrs] Name (= value)?, ...`.
    bad_enum_member: Option<&'t Token<'a>>,
    members: Vec<Member<'t, 'a>>,
    types: Vec<Decl<'t, 'a>>,
}

#[derive(Debug)]
struct EnumMember<'t, 'a> {
    attributes: Vec<Attribute<'t, 'a>>,
    name: &'t Token<'a>,
    /// After `=`.
    value: Option<&'t [Token<'a>]>,
}

/// A field or property, or a member that failed to parse (`ty` and `name`
/// are `None`): its attributes tell whether that matters.
#[derive(Debug)]
struct Member<'t, 'a> {
    attributes: Vec<Attribute<'t, 'a>>,
    is_static: bool,
    ty: Option<Type<'a>>,
    name: Option<&'t Token<'a>>,
    /// A property's `{ get; set; }`, inside the braces.
    accessors: &'t [Token<'a>],
    /// The initializer after `=`, or an expression body after `=>`.
    init: &'t [Token<'a>],
    /// Where the member starts.
    at: Option<&'t Token<'a>>,
}

/// `List<long>?`: the name's last segment, the arguments, and whether it is
/// marked `?` itself.
#[derive(Debug, PartialEq)]
struct Type<'a> {
    name: &'a str,
    args: Vec<Type<'a>>,
    question: bool,
    array: bool,
}

const MODIFIERS: &[&str] = &[
    "public", "private", "protected", "internal", "static", "readonly", "const", "virtual", "override", "abstract", "sealed", "new",
    "partial", "async", "extern", "unsafe", "volatile", "required", "file", "fixed",
];

const TYPE_KEYWORDS: &[&str] = &["class", "struct", "interface", "enum", "record"];

/// Reads members into `body` up to (not through) the `}` that closes it. A
/// namespace's members are the enclosing body's.
fn members<'t, 'a>(cursor: &mut Cursor<'t, 'a>, body: &mut Body<'t, 'a>) {
    while cursor.peek().is_some() && !cursor.at_punct('}') {
        let start = cursor.pos;
        member(cursor, body);
        if cursor.pos == start {
            cursor.bump();
        }
    }
}

fn member<'t, 'a>(cursor: &mut Cursor<'t, 'a>, body: &mut Body<'t, 'a>) {
    let at = cursor.peek();
    let attributes = attributes(cursor);
    let mut is_static = false;
    while let Some(word) = cursor.peek().and_then(|t| t.ident()).filter(|w| MODIFIERS.contains(w)) {
        is_static |= word == "static" || word == "const";
        cursor.bump();
    }
    let Some(token) = cursor.peek() else { return };
    match token.tok {
        Tok::Punct('}') => {}
        Tok::Punct('#') => directive(cursor),
        Tok::Punct(';') => {
            cursor.bump();
        }
        Tok::Punct('{') => {
            cursor.group();
        }
        Tok::Ident("namespace") => namespace(cursor, body),
        Tok::Ident("using" | "delegate" | "event") => skip_member(cursor),
        Tok::Ident(word) if TYPE_KEYWORDS.contains(&word) => body.types.push(decl(cursor, attributes)),
        _ => {
            let member = Member { attributes, is_static, ty: None, name: None, accessors: &[], init: &[], at };
            field_or_method(cursor, body, member);
        }
    }
}

/// A preprocessor line (`#nullable enable`, `#pragma ...`): to its end.
fn directive(cursor: &mut Cursor<'_, '_>) {
    let line = cursor.peek().map(|t| t.line);
    while cursor.peek().is_some_and(|t| Some(t.line) == line) {
        cursor.bump();
    }
}

/// `namespace A.B { ... }` or the file-scoped `namespace A.B;`.
fn namespace<'t, 'a>(cursor: &mut Cursor<'t, 'a>, body: &mut Body<'t, 'a>) {
    cursor.bump();
    while cursor.peek().is_some_and(|t| !matches!(t.tok, Tok::Punct('{' | ';' | '}'))) {
        cursor.bump();
    }
    if cursor.eat_punct('{') {
        members(cursor, body);
        cursor.eat_punct('}');
    } else {
        cursor.eat_punct(';');
    }
}

/// `[A, B(x)] [target: C]`, each bracket's attributes with their arguments.
fn attributes<'t, 'a>(cursor: &mut Cursor<'t, 'a>) -> Vec<Attribute<'t, 'a>> {
    let mut found = Vec::new();
    while cursor.at_punct('[') {
        let inner = cursor.group();
        let mut list = Cursor { toks: inner, pos: 0 };
        // `property:` or `field:` says where the attributes go: all the same here.
        if list.peek_at(1).is_some_and(|t| t.is_punct(':')) && !list.peek_at(2).is_some_and(|t| t.is_punct(':')) {
            list.pos += 2;
        }
        while list.peek().is_some() {
            let mut name = "";
            while let Some(part) = list.ident() {
                name = part.ident().unwrap_or_default();
                if !(list.eat_punct('.') || (list.eat_punct(':') && list.eat_punct(':'))) {
                    break;
                }
            }
            let args = if list.at_punct('(') { list.group() } else { &[] };
            found.push(Attribute { name: name.strip_suffix("Attribute").unwrap_or(name), args });
            // Up to the next attribute of the list.
            while list.peek().is_some() && !list.eat_punct(',') {
                list.bump();
            }
        }
    }
    found
}

/// A declaration at its keyword: its name, its header up to `{`, its body.
fn decl<'t, 'a>(cursor: &mut Cursor<'t, 'a>, attributes: Vec<Attribute<'t, 'a>>) -> Decl<'t, 'a> {
    let mut kind = cursor.bump().and_then(|t| t.ident()).unwrap_or_default();
    // `record class` and `record struct`.
    if kind == "record" && cursor.peek().is_some_and(|t| t.is_ident("class") || t.is_ident("struct")) {
        kind = cursor.bump().and_then(|t| t.ident()).unwrap_or_default();
    }
    let name = cursor.ident().unwrap_or(&NAMELESS);
    let mut decl = Decl { kind, name, attributes, body: None };
    // The header: type parameters, a record's parameters, bases, constraints.
    while let Some(token) = cursor.peek() {
        match token.tok {
            Tok::Punct('{') => break,
            Tok::Punct(';' | '}') => return decl,
            Tok::Punct('(' | '[') => {
                cursor.group();
            }
            _ => {
                cursor.bump();
            }
        }
    }
    if cursor.eat_punct('{') {
        let mut body = Body::default();
        if kind == "enum" {
            enum_members(cursor, &mut body);
        }
        members(cursor, &mut body);
        cursor.eat_punct('}');
        decl.body = Some(body);
    }
    decl
}

/// The name of a declaration that has none (`class {`): no model is read from it.
static NAMELESS: Token<'static> = Token { tok: Tok::Punct('?'), line: 0, col: 0 };

/// An enum's members, up to its `}`.
fn enum_members<'t, 'a>(cursor: &mut Cursor<'t, 'a>, body: &mut Body<'t, 'a>) {
    loop {
        if cursor.at_punct('#') {
            directive(cursor);
            continue;
        }
        let attributes = attributes(cursor);
        if cursor.at_punct('}') || cursor.peek().is_none() {
            return;
        }
        let Some(name) = cursor.ident() else {
            body.bad_enum_member = cursor.peek();
            skip_member(cursor);
            return;
        };
        let value = cursor.eat_punct('=').then(|| enum_value(cursor));
        body.enum_members.push(EnumMember { attributes, name, value });
        if !cursor.eat_punct(',') && !cursor.at_punct('}') {
            body.bad_enum_member = cursor.peek();
            skip_member(cursor);
            return;
        }
    }
}

/// An enum member's value: up to the `,` or `}` that ends it.
fn enum_value<'t, 'a>(cursor: &mut Cursor<'t, 'a>) -> &'t [Token<'a>] {
    let start = cursor.pos;
    while cursor.peek().is_some_and(|t| !matches!(t.tok, Tok::Punct(',' | '}'))) {
        if cursor.at_punct('(') {
            cursor.group();
        } else {
            cursor.bump();
        }
    }
    cursor.since(start)
}

/// After a member's attributes and modifiers: a constructor, method,
/// operator, indexer, property or field. What does not parse is kept as a
/// member without type or name.
fn field_or_method<'t, 'a>(cursor: &mut Cursor<'t, 'a>, body: &mut Body<'t, 'a>, mut member: Member<'t, 'a>) {
    let constructor = cursor.peek().is_some_and(|t| t.ident().is_some()) && cursor.peek_at(1).is_some_and(|t| t.is_punct('('));
    let ty = if constructor { None } else { cs_type(cursor) };
    if cursor.peek().is_some_and(|t| t.is_ident("operator") || t.is_ident("this")) {
        skip_member(cursor);
        return;
    }
    let name = cursor.ident();
    if cursor.at_punct('<') || cursor.at_punct('(') {
        // A method (generic or not) or a constructor.
        skip_member(cursor);
        return;
    }
    let (Some(ty), Some(name)) = (ty, name) else {
        skip_member(cursor);
        body.members.push(member);
        return;
    };
    let arrow = cursor.at_punct('=') && cursor.peek_at(1).is_some_and(|t| t.is_punct('>'));
    if cursor.at_punct('{') {
        member.accessors = cursor.group();
        if cursor.eat_punct('=') {
            member.init = cursor.statement();
        }
    } else if arrow {
        cursor.pos += 2;
        member.init = cursor.statement();
    } else if cursor.eat_punct('=') {
        member.init = cursor.statement();
    } else if cursor.at_punct(';') || cursor.at_punct(',') {
        cursor.statement();
    } else {
        skip_member(cursor);
        body.members.push(member);
        return;
    }
    member.ty = Some(ty);
    member.name = Some(name);
    body.members.push(member);
}

/// Past a member that is not read: through its `;`, or its body's `}` (and
/// a property's initializer after it).
fn skip_member(cursor: &mut Cursor<'_, '_>) {
    while let Some(token) = cursor.peek() {
        match token.tok {
            Tok::Punct(';') => {
                cursor.bump();
                return;
            }
            Tok::Punct('}') => return,
            Tok::Punct('{') => {
                cursor.group();
                if !cursor.at_punct('=') {
                    return;
                }
            }
            Tok::Punct('(' | '[') => {
                cursor.group();
            }
            _ => {
                cursor.bump();
            }
        }
    }
}

/// `global::A.B.Name<Args>?[]`, or a tuple `(int, string)`; `None` when the
/// tokens are no type.
fn cs_type<'a>(cursor: &mut Cursor<'_, 'a>) -> Option<Type<'a>> {
    let mut ty = Type { name: "", args: Vec::new(), question: false, array: false };
    if cursor.at_punct('(') {
        cursor.group();
        ty.name = "(tuple)";
    } else {
        ty.name = cursor.ident()?.ident()?;
        while separator(cursor) {
            ty.name = cursor.ident()?.ident()?;
        }
    }
    if cursor.eat_punct('<') {
        loop {
            ty.args.push(cs_type(cursor)?);
            if cursor.eat_punct('>') {
                break;
            }
            if !cursor.eat_punct(',') {
                return None;
            }
        }
    }
    ty.question = cursor.eat_punct('?');
    while cursor.at_punct('[') && rank(cursor) {
        ty.array = true;
        cursor.group();
        ty.question |= cursor.eat_punct('?');
    }
    Some(ty)
}

/// `.` or `::` before the next segment of a name.
fn separator(cursor: &mut Cursor<'_, '_>) -> bool {
    let next_is_name = |ahead: usize| cursor.peek_at(ahead).is_some_and(|t| t.ident().is_some());
    if cursor.at_punct('.') && next_is_name(1) {
        cursor.bump();
        return true;
    }
    let colons = cursor.at_punct(':') && cursor.peek_at(1).is_some_and(|t| t.is_punct(':'));
    if colons && next_is_name(2) {
        cursor.pos += 2;
        return true;
    }
    false
}

/// At `[`: an array rank (`[]`, `[,]`), not an indexer's parameters.
fn rank(cursor: &Cursor<'_, '_>) -> bool {
    let mut ahead = 1;
    while cursor.peek_at(ahead).is_some_and(|t| t.is_punct(',')) {
        ahead += 1;
    }
    cursor.peek_at(ahead).is_some_and(|t| t.is_punct(']'))
}

/// Every declaration of the file, nested ones after their outer one.
fn flatten<'d, 't, 'a>(decls: &'d [Decl<'t, 'a>], out: &mut Vec<&'d Decl<'t, 'a>>) {
    for decl in decls {
        out.push(decl);
        if let Some(body) = &decl.body {
            flatten(&body.types, out);
        }
    }
}

/// Turns parsed declarations into models.
struct Reader<'f> {
    file: &'f Arc<str>,
    nullable_context: bool,
}

impl Reader<'_> {
    fn file(&self, decls: &[&Decl<'_, '_>]) -> FileFacts {
        let mut facts = FileFacts::default();
        let mut unread = Vec::new();
        for decl in decls {
            let Some(body) = decl.body.as_ref().filter(|_| decl.name.ident().is_some()) else { continue };
            let read = match decl.kind {
                "enum" => self.enumeration(decl, body).map(Some),
                "class" | "struct" | "record" => self.class(decl, body),
                // Interfaces state no JSON.
                _ => Ok(None),
            };
            match read {
                Ok(Some(model)) => facts.models.push(model),
                Ok(None) if decl.kind == "class" => unread.push((*decl, body)),
                Ok(None) => {}
                Err(warning) => facts.warnings.push(warning),
            }
        }
        for (decl, body) in unread {
            self.payload(decl, body, &mut facts);
        }
        facts
    }

    /// A class that is no model itself but holds a model of this file as a
    /// property (an error and its payload): that model, under its name too.
    fn payload(&self, decl: &Decl<'_, '_>, body: &Body<'_, '_>, facts: &mut FileFacts) {
        if decl.attributes.iter().any(|a| a.name == "JsonConverter") {
            return;
        }
        let held = body.members.iter().filter(|m| !m.is_static).filter_map(|m| m.ty.as_ref()).find_map(|ty| {
            facts.models.iter().find(|model| model.name == ty.name && matches!(model.body, SourceBody::Struct(_)))
        });
        let name = decl.name.ident().unwrap_or_default().to_string();
        if let Some(held) = held {
            let model = SourceModel { name, loc: loc(self.file, decl.name), body: held.body.clone() };
            facts.models.push(model);
        } else if body.members.iter().any(|m| !m.is_static) {
            // A request's or response's wrapper (parameters, a body, HTTP
            // metadata): a model of no JSON key, which tells that the docs'
            // rows of it are none.
            facts.models.push(SourceModel { name, loc: loc(self.file, decl.name), body: SourceBody::Struct(Vec::new()) });
        }
    }

    /// A class with keyed members, or an open enum's class of constants;
    /// `Ok(None)` for any other class (a union, a response wrapper).
    fn class(&self, decl: &Decl<'_, '_>, body: &Body<'_, '_>) -> Result<Option<SourceModel>, Diagnostic> {
        // A class with its own converter is written as that converter says:
        // only the open enums' is known.
        if decl.attributes.iter().any(|a| a.name == "JsonConverter") {
            let values = self.open_enum(decl, body)?;
            return Ok((!values.is_empty()).then(|| self.model(decl, SourceBody::Enum(values))));
        }
        let mut fields = Vec::new();
        for member in body.members.iter().filter(|m| !m.is_static) {
            if let Some(field) = self.field(decl, member)? {
                fields.push(field);
            }
        }
        Ok((!fields.is_empty()).then(|| self.model(decl, SourceBody::Struct(fields))))
    }

    fn model(&self, decl: &Decl<'_, '_>, body: SourceBody) -> SourceModel {
        let name = decl.name.ident().unwrap_or_default().to_string();
        SourceModel { name, loc: loc(self.file, decl.name), body }
    }

    /// One member, if it has a key; an error when it has one that cannot be read.
    fn field(&self, decl: &Decl<'_, '_>, member: &Member<'_, '_>) -> Result<Option<SourceField>, Diagnostic> {
        let unreadable = |why: &str| {
            let at = member.name.or(member.at).unwrap_or(decl.name);
            not_read(loc(self.file, at), &format!("the class `{}`", decl.name.ident().unwrap_or_default()), why)
        };
        if member.attributes.iter().any(|a| a.name == "JsonIgnore") {
            return Ok(None);
        }
        let Some(key) = key_attribute(member) else { return Ok(None) };
        let (Some(ty), Some(name)) = (&member.ty, member.name) else {
            return Err(unreadable("a keyed member is not a property or field declaration"));
        };
        let name_text = name.ident().unwrap_or_default();
        let (key, nullable) = match key {
            Key::Property(args) => {
                let key = property_key(args, name_text).ok_or_else(|| unreadable("its `[JsonProperty]` names no string key"))?;
                (key, self.nullable(ty, args, member.init))
            }
            Key::Parameter(key) => (key, self.nullable(ty, &[], member.init)),
        };
        // Speakeasy's mark of a member that is no part of the JSON (the HTTP metadata).
        if key == "-" {
            return Ok(None);
        }
        let converter = member.attributes.iter().any(|a| a.name == "JsonConverter");
        Ok(Some(SourceField {
            name: name_text.to_string(),
            key,
            nullable,
            // A member with its own converter may write its number as a string.
            number: if converter { None } else { number(ty) },
            loc: loc(self.file, name),
        }))
    }

    fn nullable(&self, ty: &Type<'_>, args: &[Token<'_>], init: &[Token<'_>]) -> Option<bool> {
        let option = |name: &str| named_value(args, name);
        if option("NullValueHandling") == Some("Include") || option("Required") == Some("AllowNull") {
            return Some(true);
        }
        if matches!(option("Required"), Some("Always" | "DisallowNull")) {
            return Some(false);
        }
        if ty.question {
            let null_default = matches!(init, [null] if null.is_ident("null"));
            return null_default.then_some(true);
        }
        (self.nullable_context || VALUE_TYPES.contains(&ty.name) && !ty.array).then_some(false)
    }

    /// `public static readonly X A = new X("a");`, `public static X A => new X("a");`
    /// or `public static X A { get { return new X("a"); } }` in class `X`.
    fn open_enum(&self, decl: &Decl<'_, '_>, body: &Body<'_, '_>) -> Result<Vec<SourceValue>, Diagnostic> {
        let class = decl.name.ident().unwrap_or_default();
        let mut values = Vec::new();
        let constants = body.members.iter().filter(|m| m.is_static && m.ty.as_ref().is_some_and(|t| t.name == class && !t.array && t.args.is_empty()));
        for member in constants {
            let Some(name) = member.name else { continue };
            let wire = construction(member.init, class).or_else(|| construction(member.accessors, class));
            let Some(wire) = wire else {
                let why = "a constant is not `new X(<literal>)`";
                return Err(not_read(loc(self.file, name), &format!("the open enum `{class}`"), why));
            };
            values.push(SourceValue { name: name.ident().unwrap_or_default().to_string(), wire, loc: loc(self.file, name) });
        }
        Ok(values)
    }

    /// Each member's `[JsonProperty("a")]` (or `[EnumMember(Value = "a")]`),
    /// else its number.
    fn enumeration(&self, decl: &Decl<'_, '_>, body: &Body<'_, '_>) -> Result<SourceModel, Diagnostic> {
        let what = format!("the enum `{}`", decl.name.ident().unwrap_or_default());
        if let Some(bad) = body.bad_enum_member {
            return Err(not_read(loc(self.file, bad), &what, "its member list does not parse"));
        }
        let mut values = Vec::new();
        for member in &body.enum_members {
            let wire = member_wire(member).map_err(|why| not_read(loc(self.file, member.name), &what, why))?;
            let name = member.name.ident().unwrap_or_default().to_string();
            values.push(SourceValue { name, wire, loc: loc(self.file, member.name) });
        }
        Ok(self.model(decl, SourceBody::Enum(values)))
    }
}

fn member_wire(member: &EnumMember<'_, '_>) -> Result<Wire, &'static str> {
    if let Some(property) = member.attributes.iter().find(|a| a.name == "JsonProperty") {
        let name = member.name.ident().unwrap_or_default();
        return property_key(property.args, name).map(Wire::String).ok_or("its `[JsonProperty]` names no string");
    }
    if let Some(enum_member) = member.attributes.iter().find(|a| a.name == "EnumMember") {
        let value = named_string(enum_member.args, "Value");
        return value.map(|v| Wire::String(v.to_string())).ok_or("its `[EnumMember]` names no `Value`");
    }
    match member.value.and_then(literal) {
        Some(Wire::Number(n)) => Ok(Wire::Number(n)),
        _ => Err("a member has neither a `[JsonProperty]` nor a number"),
    }
}

/// `new X(<literal>)` (or the target-typed `new(<literal>)`) somewhere in
/// `tokens`, the only construction there.
fn construction(tokens: &[Token<'_>], class: &str) -> Option<Wire> {
    let at = tokens.iter().position(|t| t.is_ident("new"))?;
    let mut cursor = Cursor { toks: tokens, pos: at + 1 };
    if cursor.peek().is_some_and(|t| t.is_ident(class)) {
        cursor.bump();
    }
    if !cursor.at_punct('(') {
        return None;
    }
    let wire = literal(cursor.group())?;
    let more = cursor.toks.iter().skip(cursor.pos).any(|t| t.is_ident("new"));
    (!more).then_some(wire)
}

enum Key<'t, 'a> {
    /// `[JsonProperty]`'s (or `[JsonPropertyName]`'s) arguments.
    Property(&'t [Token<'a>]),
    /// A request parameter's `name=` in `[SpeakeasyMetadata]`.
    Parameter(String),
}

fn key_attribute<'t, 'a>(member: &Member<'t, 'a>) -> Option<Key<'t, 'a>> {
    if let Some(property) = member.attributes.iter().find(|a| a.name == "JsonProperty" || a.name == "JsonPropertyName") {
        return Some(Key::Property(property.args));
    }
    let metadata = member.attributes.iter().filter(|a| a.name == "SpeakeasyMetadata");
    metadata.filter_map(|a| a.args.first()?.string().and_then(parameter_name)).next().map(Key::Parameter)
}

/// `("user_id")`, `("user_id", NullValueHandling = ...)`, `(PropertyName = "user_id")`;
/// none, or only other named arguments, is the member's own name
/// (Newtonsoft's rule). `None` when the key is something else (`nameof(...)`).
fn property_key(args: &[Token<'_>], member: &str) -> Option<String> {
    let named_first = args.first().is_some_and(|t| t.ident().is_some()) && args.get(1).is_some_and(|t| t.is_punct('='));
    let key = match args {
        [] => member,
        [first, ..] if first.string().is_some() && args.get(1).is_none_or(|t| t.is_punct(',')) => first.string().unwrap_or_default(),
        _ if named_first => match named_value(args, "PropertyName") {
            Some(_) => named_string(args, "PropertyName")?,
            None => member,
        },
        _ => return None,
    };
    Some(key.to_string())
}

/// The last word of a named argument's value: `Include` of
/// `NullValueHandling = NullValueHandling.Include`; the string of `Name = "x"`.
fn named_value<'t>(args: &'t [Token<'_>], name: &str) -> Option<&'t str> {
    let start = args.windows(2).position(|w| matches!(w, [n, eq] if n.is_ident(name) && eq.is_punct('=')))?;
    let value = args.get(start + 2..)?;
    let end = value.iter().position(|t| t.is_punct(',')).unwrap_or(value.len());
    let last = value.get(..end)?.last()?;
    last.ident().or(last.string())
}

fn named_string<'t>(args: &'t [Token<'_>], name: &str) -> Option<&'t str> {
    let start = args.windows(2).position(|w| matches!(w, [n, eq] if n.is_ident(name) && eq.is_punct('=')))?;
    args.get(start + 2)?.string()
}

/// Types whose values cannot be `null` unless marked `?`.
const VALUE_TYPES: &[&str] = &[
    "bool", "byte", "sbyte", "char", "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "decimal", "Boolean",
    "Byte", "SByte", "Char", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Single", "Double", "Decimal", "DateTime",
    "DateTimeOffset", "DateOnly", "TimeOnly", "TimeSpan", "Guid", "BigInteger",
];

/// The number kind of a numeric type, or of the values a container holds.
fn number(ty: &Type<'_>) -> Option<Number> {
    match ty.name {
        // `byte[]` is base64 text in Newtonsoft, so bytes are left out.
        "long" | "ulong" | "int" | "uint" | "short" | "ushort" | "Int64" | "UInt64" | "Int32" | "UInt32" | "Int16" | "UInt16"
        | "BigInteger" => Some(Number::Integer),
        "double" | "float" | "decimal" | "Double" | "Single" | "Decimal" => Some(Number::Float),
        "Nullable" | "List" | "IList" | "IReadOnlyList" | "ICollection" | "IReadOnlyCollection" | "IEnumerable" | "HashSet" | "ISet" => {
            number(ty.args.first()?)
        }
        "Dictionary" | "IDictionary" | "IReadOnlyDictionary" | "SortedDictionary" => number(ty.args.last()?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> FileFacts {
        CSharp.read(&Arc::from("X.cs"), text)
    }

    type Row = (String, String, Option<bool>, Option<Number>);

    fn fields(facts: &FileFacts, model: &str) -> Vec<Row> {
        let found = facts.models.iter().find(|m| m.name == model);
        match found.map(|m| &m.body) {
            Some(SourceBody::Struct(fields)) => fields.iter().map(|f| (f.name.clone(), f.key.clone(), f.nullable, f.number)).collect(),
            other => panic!("{model}: {other:?} in {facts:?}"),
        }
    }

    fn values(facts: &FileFacts, model: &str) -> Vec<(String, Wire)> {
        let found = facts.models.iter().find(|m| m.name == model);
        match found.map(|m| &m.body) {
            Some(SourceBody::Enum(values)) => values.iter().map(|v| (v.name.clone(), v.wire.clone())).collect(),
            other => panic!("{model}: {other:?} in {facts:?}"),
        }
    }

    fn field(name: &str, key: &str, nullable: Option<bool>, number: Option<Number>) -> Row {
        (name.into(), key.into(), nullable, number)
    }

    fn s(value: &str) -> Wire {
        Wire::String(value.into())
    }

    const MODEL: &str = r#"
//------------------------------------------------------------------------------
// <auto-generated>
// This code was generated by Speakeasy. "Quoted" [JsonProperty("not_this")]
// </auto-generated>
//------------------------------------------------------------------------------
#nullable enable
namespace Acme.Models.Components
{
    using Newtonsoft.Json;

    /// <summary>
    /// A user.
    /// </summary>
    public class User
    {
        [JsonProperty("user_id")]
        public string UserId { get; set; } = default!;

        [JsonProperty("nick_name")]
        public string? NickName { get; set; }

        [JsonProperty(
            "external_id",
            NullValueHandling = NullValueHandling.Include)]
        public string? ExternalId { get; set; }

        [JsonProperty("locale")]
        public string? Locale { get; set; } = null;

        [Obsolete("Use something else.")]
        [JsonProperty("last_active_at", NullValueHandling = NullValueHandling.Include)]
        public long? LastActiveAt { get; set; }

        [JsonProperty("scores")]
        public Dictionary<string, double>? Scores { get; set; } = null;

        [JsonProperty("counts")]
        public List<int> Counts { get; set; } = default!;

        [JsonProperty("amount", Required = Required.Always)] public decimal Amount { get; set; }

        [JsonProperty("limit")]
        public long? Limit { get; set; } = 10;

        [JsonProperty("-")]
        public HTTPMetadata HttpMeta { get; set; } = default!;

        public string NotAProperty { get; set; } = default!;

        public string Describe() { return UserId; }
    }
}
"#;

    #[test]
    fn a_response_wrapper_is_a_model_of_no_key() {
        let text = "public class DeleteDomainResponse\n{\n    [JsonProperty(\"-\")]\n    public HTTPMetadata HttpMeta { get; set; } = default!;\n    public DeletedObject? DeletedObject { get; set; }\n}\n";
        let facts = CSharp.read(&Arc::from("Wrapper.cs"), text);
        assert_eq!(facts.models.len(), 1, "{facts:?}");
        assert_eq!(facts.models[0].body, SourceBody::Struct(Vec::new()));
    }

    #[test]
    fn properties_with_attributes_nullability_and_numbers() {
        let facts = read(MODEL);
        assert!(facts.warnings.is_empty(), "{:?}", facts.warnings);
        assert_eq!(
            fields(&facts, "User"),
            vec![
                field("UserId", "user_id", Some(false), None),
                // An optional field, nullable or not: `?` does not say.
                field("NickName", "nick_name", None, None),
                field("ExternalId", "external_id", Some(true), None),
                field("Locale", "locale", Some(true), None),
                field("LastActiveAt", "last_active_at", Some(true), Some(Number::Integer)),
                field("Scores", "scores", Some(true), Some(Number::Float)),
                field("Counts", "counts", Some(false), Some(Number::Integer)),
                field("Amount", "amount", Some(false), Some(Number::Float)),
                field("Limit", "limit", None, Some(Number::Integer)),
            ]
        );
        let at = facts.models.first().and_then(|m| match &m.body {
            SourceBody::Struct(fields) => fields.first().map(|f| (m.loc.line, f.loc.line, f.loc.col)),
            SourceBody::Enum(_) => None,
        });
        assert_eq!(at, Some((15, 18, 23)), "positions of the class's and the property's names");
    }

    #[test]
    fn without_a_nullable_context_a_reference_type_says_nothing() {
        let text = "namespace A;\npublic class B {\n [JsonProperty(\"s\")] public string S { get; set; }\n [JsonProperty(\"n\")] public int N;\n [JsonProperty(PropertyName = \"p\")] public Thing P { get; set; }\n}";
        let facts = read(text);
        assert_eq!(
            fields(&facts, "B"),
            vec![field("S", "s", None, None), field("N", "n", Some(false), Some(Number::Integer)), field("P", "p", None, None)]
        );
    }

    #[test]
    fn string_and_numeric_enums() {
        let text = r#"
namespace Acme
{
    public enum ActorTokenStatus
    {
        [JsonProperty("pending")]
        Pending,
        [JsonProperty("accepted")]
        Accepted,
    }

    public static class ActorTokenStatusExtension
    {
        public static string Value(this ActorTokenStatus value)
        {
            return ((JsonPropertyAttribute)value.GetType().GetMember(value.ToString())[0].GetCustomAttributes(typeof(JsonPropertyAttribute), false)[0]).PropertyName ?? value.ToString();
        }
    }

    public enum Level { Low = 1, Minus = -2 }

    public enum Kind { [EnumMember(Value = "first-kind")] First }
}
"#;
        let facts = read(text);
        assert!(facts.warnings.is_empty(), "{:?}", facts.warnings);
        assert_eq!(facts.models.len(), 3, "the extension class is no model: {facts:?}");
        assert_eq!(values(&facts, "ActorTokenStatus"), vec![("Pending".into(), s("pending")), ("Accepted".into(), s("accepted"))]);
        let n = |v: &str| Wire::Number(v.into());
        assert_eq!(values(&facts, "Level"), vec![("Low".into(), n("1")), ("Minus".into(), n("-2"))]);
        assert_eq!(values(&facts, "Kind"), vec![("First".into(), s("first-kind"))]);
    }

    #[test]
    fn open_enum_classes_in_both_shapes() {
        let text = r#"
[JsonConverter(typeof(OpenEnumConverter))]
public class Strategy : IEquatable<Strategy>
{
    public static readonly Strategy PhoneCode = new Strategy("phone_code");
    public static readonly Strategy EmailCode = new("email_code");

    private static readonly Dictionary <string, Strategy> _knownValues =
        new Dictionary <string, Strategy> ()
        {
            ["phone_code"] = PhoneCode,
        };

    private Strategy(string value) { Value = value; }
    public string Value { get; }
    public static Strategy Of(string value) { return _values.GetOrAdd(value, _ => new Strategy(value)); }
    public static implicit operator Strategy(string value) => Of(value);
    public override bool Equals(object? obj) => Equals(obj as Strategy);
}

[JsonConverter(typeof(OpenEnumConverter))]
public class Status
{
    public static Status Active { get { return new Status("active"); } }
    public static Status Gone => new Status("gone");
}

public class ErrorType
{
    private ErrorType(string value) { Value = value; }
    public static ErrorType ErrorClerkError { get { return new ErrorType("error_ClerkError"); } }
}
"#;
        let facts = read(text);
        assert!(facts.warnings.is_empty(), "{:?}", facts.warnings);
        assert_eq!(values(&facts, "Strategy"), vec![("PhoneCode".into(), s("phone_code")), ("EmailCode".into(), s("email_code"))]);
        assert_eq!(values(&facts, "Status"), vec![("Active".into(), s("active")), ("Gone".into(), s("gone"))]);
        assert_eq!(facts.models.len(), 2, "without a converter, a class of constants is written as an object: {facts:?}");
    }

    #[test]
    fn unions_and_interfaces_are_skipped() {
        let text = r#"
[JsonConverter(typeof(Error.ErrorConverter))]
public class Error
{
    public Error(ErrorType type) { Type = type; }

    [SpeakeasyMetadata("form:explode=true")]
    public ErrorClerkError? ErrorClerkError { get; set; }

    public ErrorType Type { get; set; }

    public class ErrorConverter : JsonConverter
    {
        public override bool CanConvert(System.Type objectType) => objectType == typeof(Error);
    }
}
public interface IVerification { string Object { get; } }
"#;
        assert_eq!(read(text), FileFacts::default());
    }

    #[test]
    fn an_error_s_payload_is_read_under_the_error_s_name_too() {
        let text = r#"
public class ClerkErrorsPayload
{
    [JsonProperty("errors")]
    public List<ClerkError> Errors { get; set; } = default!;
}

public class ClerkErrors : SDKBaseError
{
    public ClerkErrorsPayload Payload { get; }

    [Obsolete("Use ClerkErrors.Payload.Errors instead.")]
    public List<ClerkError> Errors { get; set; } = default!;

    public ClerkErrors(ClerkErrorsPayload payload, string body) : base("API error occurred", body)
    {
        Payload = payload;
    }
}
"#;
        let facts = read(text);
        let expected = vec![field("Errors", "errors", None, None)];
        assert_eq!(fields(&facts, "ClerkErrorsPayload"), expected);
        assert_eq!(fields(&facts, "ClerkErrors"), expected);
    }

    #[test]
    fn request_parameters_are_keyed_by_their_names() {
        let text = r#"
#nullable enable
public class GetUserListRequest
{
    [SpeakeasyMetadata("queryParam:style=form,explode=true,name=email_address")]
    public List<string>? EmailAddress { get; set; }

    [SpeakeasyMetadata("pathParam:style=simple,explode=false,name=user_id")]
    public string UserId { get; set; } = default!;

    [SpeakeasyMetadata("request:mediaType=application/json")]
    public CreateUserRequestBody RequestBody { get; set; } = default!;
}
"#;
        let facts = read(text);
        let expected = vec![field("EmailAddress", "email_address", None, None), field("UserId", "user_id", Some(false), None)];
        assert_eq!(fields(&facts, "GetUserListRequest"), expected);
    }

    #[test]
    fn a_key_that_is_not_a_string_is_a_warning_and_the_model_is_not_taken() {
        let text = "public class A {\n  [JsonProperty(\"a\")] public string A1 { get; set; }\n  [JsonProperty(nameof(B))]\n  public string B { get; set; }\n}";
        let facts = read(text);
        assert!(facts.models.is_empty(), "{facts:?}");
        let warning = facts.warnings.first().map(|w| (w.code, w.loc.as_ref().map(|l| (l.line, l.col))));
        assert_eq!(warning, Some((super::super::NOT_READ, Some((4, 17)))));
    }

    #[test]
    fn an_enum_that_states_no_values_is_a_warning() {
        let facts = read("public enum E { [JsonProperty(\"a\")] A, B }");
        assert!(facts.models.is_empty());
        assert_eq!(facts.warnings.len(), 1);
        let facts = read("public enum E { A B }");
        assert_eq!(facts.warnings.len(), 1, "a member list that does not parse");
    }

    #[test]
    fn truncated_sources_read_what_they_can() {
        let cut = MODEL.get(..MODEL.find("[JsonProperty(\"scores").unwrap_or(0)).unwrap_or_default();
        let facts = read(cut);
        let names: Vec<String> = fields(&facts, "User").into_iter().map(|f| f.0).collect();
        assert_eq!(names.first().map(String::as_str), Some("UserId"));
        let cut = MODEL.get(..MODEL.find("Scores").unwrap_or(0)).unwrap_or_default();
        assert_eq!(read(cut).warnings.len(), 1, "a keyed property cut short is not read, nor its class");
        for text in ["public class", "public enum E {", "[JsonProperty(", "class A { [JsonProperty(\"a\")] public Dictionary<string, ", "}}}{{{", "#"] {
            let _ = read(text);
        }
    }

    proptest::proptest! {
        /// Any text reads without a panic.
        #[test]
        fn any_text_reads_without_panic(text in "\\PC{0,200}") {
            let _ = read(&text);
        }

        /// Text made of C#'s own tokens, in any order, reads without a panic.
        #[test]
        fn any_csharp_token_soup_reads_without_panic(parts in proptest::collection::vec(proptest::sample::select(vec![
            "class ", "enum ", "namespace ", "[JsonProperty(\"k\")] ", "[JsonConverter(typeof(X))] ", "[", "]", "(", ")", "{", "}", "<", ">",
            ",", ";", "=", "=>", "static ", "X ", "string? ", "new ", "\"s\"", "1", "-", "?", "get; ", "#nullable enable\n", "::", ".",
        ]), 0..60)) {
            let _ = read(&parts.concat());
        }
    }
}
