//! Java model sources, as Speakeasy's Java generator writes them for Jackson.
//!
//! - An object is a class whose fields carry `@JsonProperty("user_id")` (the
//!   key) before `private`/`public`, among other annotations on any lines:
//!   `@JsonInclude(Include.NON_ABSENT)`, `@Deprecated`. A request's parameters
//!   carry `@SpeakeasyMetadata("queryParam:...,name=user_id")` instead: that
//!   name is the key the SDK sends. The docs print the field's Java name.
//! - Whether `null` is a value follows from the field's type and inclusion:
//!   `JsonNullable<T>` is nullable; `Optional<T>` is `null` only under
//!   `@JsonInclude(Include.ALWAYS)` (a required field that may be null: the
//!   empty Optional is written as `null`), under `NON_ABSENT` it is left out
//!   instead; a plain type is a required value that the SDK checks is not
//!   null (`Utils.checkNotNull`), and a primitive cannot be null.
//! - A closed enum is `public enum X { A("a"), ...; @JsonValue private final String value; }`
//!   (its value type `String`, `Long`, `Double`, ...); an open enum is a class
//!   of constants `public static final X A = new X("a");`.
//! - A union (`@JsonDeserialize(using = X._Deserializer.class)`, a `@JsonValue`
//!   `TypedObject`) and an interface (a discriminated union's supertype) state
//!   no keys: they are skipped.
//! - An error class reads its body into a nested class (`public static class Data`)
//!   that it holds as a field: its docs list that class's fields under the
//!   error's name, and so does this reader.

use std::sync::Arc;

use super::lex::{self, Syntax, Tok, Token};
use super::{loc, not_read, FileFacts, Language, Number, SourceBody, SourceField, SourceModel, SourceValue, Wire};
use crate::diag::Diagnostic;

pub struct Java;

impl Language for Java {
    fn name(&self) -> &'static str {
        "Java"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["java"]
    }

    fn read(&self, file: &Arc<str>, text: &str) -> FileFacts {
        let tokens = lex::lex(text, &Syntax::JAVA);
        let mut cursor = Cursor { toks: &tokens, pos: 0 };
        let mut top = Body::default();
        // The file's top level is a body of its own: `package` and `import`
        // lines are statements that the member parser skips.
        while cursor.peek().is_some() {
            members(&mut cursor, &mut top);
            // A stray `}` at the top level ends no body: step over it.
            cursor.bump();
        }
        let mut facts = FileFacts::default();
        let reader = Reader { file };
        for decl in &top.types {
            reader.decl(decl, false, &mut facts);
        }
        facts
    }
}

/// A position in a token list, with the moves a declaration parser needs.
/// Shared with the C# reader, whose declarations have the same brackets.
pub(super) struct Cursor<'t, 'a> {
    pub toks: &'t [Token<'a>],
    pub pos: usize,
}

impl<'t, 'a> Cursor<'t, 'a> {
    pub fn peek(&self) -> Option<&'t Token<'a>> {
        self.toks.get(self.pos)
    }

    pub fn peek_at(&self, ahead: usize) -> Option<&'t Token<'a>> {
        self.toks.get(self.pos + ahead)
    }

    pub fn bump(&mut self) -> Option<&'t Token<'a>> {
        let token = self.peek()?;
        self.pos += 1;
        Some(token)
    }

    pub fn at_punct(&self, c: char) -> bool {
        self.peek().is_some_and(|t| t.is_punct(c))
    }

    pub fn eat_punct(&mut self, c: char) -> bool {
        let at = self.at_punct(c);
        if at {
            self.pos += 1;
        }
        at
    }

    pub fn ident(&mut self) -> Option<&'t Token<'a>> {
        let token = self.peek().filter(|t| t.ident().is_some())?;
        self.pos += 1;
        Some(token)
    }

    /// The tokens from `start` to the cursor.
    pub fn since(&self, start: usize) -> &'t [Token<'a>] {
        self.toks.get(start..self.pos).unwrap_or_default()
    }

    /// At an opening `(`, `[` or `{`: steps past its balanced group and
    /// returns what is inside. Elsewhere it takes nothing. An unclosed group
    /// runs to the end.
    pub fn group(&mut self) -> &'t [Token<'a>] {
        if !self.peek().is_some_and(|t| matches!(t.tok, Tok::Punct('(' | '[' | '{'))) {
            return &[];
        }
        self.pos += 1;
        let start = self.pos;
        let mut depth = 1usize;
        while let Some(token) = self.bump() {
            match token.tok {
                Tok::Punct('(' | '[' | '{') => depth += 1,
                Tok::Punct(')' | ']' | '}') => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                return self.toks.get(start..self.pos - 1).unwrap_or_default();
            }
        }
        self.since(start)
    }

    /// Steps past the statement at the cursor, through its `;`, and returns
    /// it less the `;`; it stops before a `}` that closes the enclosing body.
    pub fn statement(&mut self) -> &'t [Token<'a>] {
        let start = self.pos;
        while let Some(token) = self.peek() {
            match token.tok {
                Tok::Punct(';') => {
                    let taken = self.since(start);
                    self.pos += 1;
                    return taken;
                }
                Tok::Punct('}') => break,
                Tok::Punct('(' | '[' | '{') => {
                    self.group();
                }
                _ => self.pos += 1,
            }
        }
        self.since(start)
    }
}

/// `@Name(args)`: the name's last segment (`Nullable` of
/// `@jakarta.annotation.Nullable`) and the tokens inside the parentheses.
#[derive(Debug)]
struct Annotation<'t, 'a> {
    name: &'a str,
    args: &'t [Token<'a>],
}

/// A class, enum, interface or record.
#[derive(Debug)]
struct Decl<'t, 'a> {
    kind: &'a str,
    name: &'t Token<'a>,
    annotations: Vec<Annotation<'t, 'a>>,
    /// `None` when no `{` follows the header.
    body: Option<Body<'t, 'a>>,
}

#[derive(Debug, Default)]
struct Body<'t, 'a> {
    constants: Vec<Constant<'t, 'a>>,
    /// An enum constant list that is not `NAME`, `NAME(args)` or `NAME {..}`.
    bad_constant: Option<&'t Token<'a>>,
    fields: Vec<Field<'t, 'a>>,
    types: Vec<Decl<'t, 'a>>,
    /// Some member (field or method) is `@JsonValue`: the type's JSON is one value.
    json_value: bool,
}

#[derive(Debug)]
struct Constant<'t, 'a> {
    annotations: Vec<Annotation<'t, 'a>>,
    name: &'t Token<'a>,
    args: Option<&'t [Token<'a>]>,
}

/// A field, or a member that failed to parse (`ty` and `name` are `None`):
/// its annotations tell whether that matters.
#[derive(Debug)]
struct Field<'t, 'a> {
    annotations: Vec<Annotation<'t, 'a>>,
    is_static: bool,
    ty: Option<Type<'a>>,
    name: Option<&'t Token<'a>>,
    /// The initializer, after `=`.
    init: &'t [Token<'a>],
    /// Where the member starts.
    at: Option<&'t Token<'a>>,
}

/// `Optional<? extends List<Long>>`: the name's last segment and the arguments.
#[derive(Debug, PartialEq)]
struct Type<'a> {
    name: &'a str,
    args: Vec<Type<'a>>,
    array: bool,
}

const MODIFIERS: &[&str] = &[
    "public",
    "private",
    "protected",
    "static",
    "final",
    "abstract",
    "transient",
    "volatile",
    "synchronized",
    "native",
    "strictfp",
    "default",
    "sealed",
];

const TYPE_KEYWORDS: &[&str] = &["class", "enum", "interface", "record"];

/// Reads members into `body` up to (not through) the `}` that closes it.
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
    let annotations = annotations(cursor);
    let mut is_static = false;
    while let Some(word) = cursor.peek().and_then(|t| t.ident()).filter(|w| MODIFIERS.contains(w)) {
        is_static |= word == "static";
        cursor.bump();
    }
    let Some(token) = cursor.peek() else { return };
    match token.tok {
        Tok::Punct('}') => {}
        Tok::Punct(';') => {
            cursor.bump();
        }
        Tok::Punct('{') => {
            cursor.group();
        }
        Tok::Ident(word) if TYPE_KEYWORDS.contains(&word) => body.types.push(decl(cursor, annotations)),
        _ => field_or_method(cursor, body, Field { annotations, is_static, ty: None, name: None, init: &[], at }),
    }
}

/// `@A @B(x) @c.D(...)`, each with its arguments; `@interface` is left.
fn annotations<'t, 'a>(cursor: &mut Cursor<'t, 'a>) -> Vec<Annotation<'t, 'a>> {
    let mut found = Vec::new();
    while cursor.at_punct('@') && !cursor.peek_at(1).is_some_and(|t| t.is_ident("interface")) {
        cursor.bump();
        let mut name = "";
        while let Some(part) = cursor.ident() {
            name = part.ident().unwrap_or_default();
            if !cursor.eat_punct('.') {
                break;
            }
        }
        let args = if cursor.at_punct('(') { cursor.group() } else { &[] };
        found.push(Annotation { name, args });
    }
    found
}

/// A declaration at its keyword: its name, its header up to `{`, its body.
fn decl<'t, 'a>(cursor: &mut Cursor<'t, 'a>, annotations: Vec<Annotation<'t, 'a>>) -> Decl<'t, 'a> {
    let kind = cursor.bump().and_then(|t| t.ident()).unwrap_or_default();
    let name = cursor.ident().unwrap_or(&NAMELESS);
    let mut decl = Decl { kind, name, annotations, body: None };
    // The header: type parameters, `extends`, `implements`, a record's components.
    while let Some(token) = cursor.peek() {
        match token.tok {
            Tok::Punct('{') => break,
            Tok::Punct(';' | '}') => return decl,
            Tok::Punct('(') => {
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
            constants(cursor, &mut body);
        }
        members(cursor, &mut body);
        cursor.eat_punct('}');
        decl.body = Some(body);
    }
    decl
}

/// The name of a declaration that has none (`class {`): no model is read from it.
static NAMELESS: Token<'static> = Token { tok: Tok::Punct('?'), line: 0, col: 0 };

/// An enum's constant list, through its `;` (or up to the body's `}`).
fn constants<'t, 'a>(cursor: &mut Cursor<'t, 'a>, body: &mut Body<'t, 'a>) {
    loop {
        let annotations = annotations(cursor);
        if cursor.eat_punct(';') || cursor.at_punct('}') || cursor.peek().is_none() {
            return;
        }
        let Some(name) = cursor.ident() else {
            body.bad_constant = cursor.peek();
            cursor.statement();
            return;
        };
        let args = cursor.at_punct('(').then(|| cursor.group());
        if cursor.at_punct('{') {
            cursor.group();
        }
        body.constants.push(Constant { annotations, name, args });
        if !cursor.eat_punct(',') && !cursor.at_punct(';') && !cursor.at_punct('}') {
            body.bad_constant = cursor.peek();
            cursor.statement();
            return;
        }
    }
}

/// After a member's annotations and modifiers: a constructor, a method or a
/// field. What does not parse is kept as a field without type or name.
fn field_or_method<'t, 'a>(cursor: &mut Cursor<'t, 'a>, body: &mut Body<'t, 'a>, mut field: Field<'t, 'a>) {
    let json_value = field.annotations.iter().any(|a| a.name == "JsonValue");
    body.json_value |= json_value;
    if cursor.at_punct('<') {
        skip_angles(cursor);
    }
    let constructor = cursor.peek().is_some_and(|t| t.ident().is_some()) && cursor.peek_at(1).is_some_and(|t| t.is_punct('('));
    let ty = if constructor { None } else { java_type(cursor) };
    let name = cursor.ident();
    if cursor.at_punct('(') {
        cursor.group();
        method_rest(cursor);
        return;
    }
    let declarator = cursor.peek().is_some_and(|t| matches!(t.tok, Tok::Punct('=' | ';' | ',' | '[')));
    if ty.is_some() && name.is_some() && declarator {
        while cursor.at_punct('[') {
            cursor.group();
        }
        field.ty = ty;
        field.name = name;
        let rest = cursor.statement();
        field.init = rest.split_first().filter(|(first, _)| first.is_punct('=')).map(|(_, init)| init).unwrap_or_default();
    } else {
        cursor.statement();
    }
    body.fields.push(field);
}

/// A method's `throws` clause and its body (or the `;` of an abstract one).
fn method_rest(cursor: &mut Cursor<'_, '_>) {
    while let Some(token) = cursor.peek() {
        match token.tok {
            Tok::Punct('{') => {
                cursor.group();
                return;
            }
            Tok::Punct(';') => {
                cursor.bump();
                return;
            }
            Tok::Punct('}') => return,
            _ => {
                cursor.bump();
            }
        }
    }
}

/// A generic method's `<T extends X<T>>`: up to its `>`, never past the
/// member's end.
fn skip_angles(cursor: &mut Cursor<'_, '_>) {
    let mut depth = 0usize;
    while let Some(token) = cursor.peek().filter(|t| !matches!(t.tok, Tok::Punct(';' | '{' | '}'))) {
        cursor.bump();
        match token.tok {
            Tok::Punct('<') => depth += 1,
            Tok::Punct('>') => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            return;
        }
    }
}

/// `a.b.Name<Args>[]`, type annotations (`@Nullable String`) skipped; `None`
/// when the tokens are no type.
fn java_type<'a>(cursor: &mut Cursor<'_, 'a>) -> Option<Type<'a>> {
    annotations(cursor);
    let mut name = cursor.ident()?.ident()?;
    while cursor.at_punct('.') && cursor.peek_at(1).is_some_and(|t| t.ident().is_some()) {
        cursor.bump();
        name = cursor.ident()?.ident()?;
    }
    let mut ty = Type { name, args: Vec::new(), array: false };
    if cursor.eat_punct('<') && !cursor.eat_punct('>') {
        loop {
            ty.args.push(type_argument(cursor)?);
            if cursor.eat_punct('>') {
                break;
            }
            if !cursor.eat_punct(',') {
                return None;
            }
        }
    }
    while cursor.at_punct('[') && cursor.peek_at(1).is_some_and(|t| t.is_punct(']')) {
        cursor.pos += 2;
        ty.array = true;
    }
    Some(ty)
}

/// `T`, `? extends T`, `? super T` or a bare `?` (read as the type `?`).
fn type_argument<'a>(cursor: &mut Cursor<'_, 'a>) -> Option<Type<'a>> {
    if !cursor.eat_punct('?') {
        return java_type(cursor);
    }
    let bound = cursor.peek().is_some_and(|t| t.is_ident("extends") || t.is_ident("super"));
    if !bound {
        return Some(Type { name: "?", args: Vec::new(), array: false });
    }
    cursor.bump();
    java_type(cursor)
}

/// Turns parsed declarations into models.
struct Reader<'f> {
    file: &'f Arc<str>,
}

impl Reader<'_> {
    /// One declaration and those nested in it. `nested`: inside another type,
    /// where an enum without `@JsonValue` is a helper (an open enum's `asEnum()`).
    fn decl(&self, decl: &Decl<'_, '_>, nested: bool, facts: &mut FileFacts) {
        let Some(body) = decl.body.as_ref().filter(|_| decl.name.ident().is_some()) else { return };
        let read = match decl.kind {
            "enum" => self.enumeration(decl, body, nested),
            "class" => self.class(decl, body),
            // Interfaces are unions' supertypes; records are not generated.
            _ => Ok(None),
        };
        let wrapped = match read {
            Ok(Some(model)) => {
                facts.models.push(model);
                None
            }
            Ok(None) => {
                let wrapped = self.wrapped_data(decl, body, facts);
                if wrapped.is_none() && !nested && self.keyless(decl, body) {
                    facts.models.push(self.model(decl, SourceBody::Struct(Vec::new())));
                }
                wrapped
            }
            Err(warning) => {
                facts.warnings.push(warning);
                None
            }
        };
        for inner in body.types.iter().filter(|inner| Some(inner.name) != wrapped) {
            self.decl(inner, true, facts);
        }
    }

    /// A class that is no model itself but holds a nested model as a field
    /// (an error and its `Data`): that model, under the outer class's name.
    /// Returns the nested declaration's name token when it was taken.
    fn wrapped_data<'t, 'a>(&self, decl: &Decl<'t, 'a>, body: &Body<'t, 'a>, facts: &mut FileFacts) -> Option<&'t Token<'a>> {
        if decl.kind != "class" || body.json_value {
            return None;
        }
        let held = |inner: &&Decl<'t, 'a>| {
            let name = inner.name.ident();
            body.fields.iter().any(|f| !f.is_static && f.ty.as_ref().is_some_and(|ty| Some(ty.name) == name))
        };
        let inner = body.types.iter().filter(|inner| inner.kind == "class").find(held)?;
        let inner_body = inner.body.as_ref()?;
        match self.class(inner, inner_body) {
            Ok(Some(model)) => {
                let name = decl.name.ident().unwrap_or_default().to_string();
                facts.models.push(SourceModel { name, loc: loc(self.file, decl.name), body: model.body });
            }
            Ok(None) => return None,
            Err(warning) => facts.warnings.push(warning),
        }
        Some(inner.name)
    }

    /// A top-level class of instance fields none of which has a key (a
    /// request's or response's wrapper: parameters, a body, HTTP metadata),
    /// nor a union: a model of no JSON key, which tells that the docs' rows of
    /// it are none.
    fn keyless(&self, decl: &Decl<'_, '_>, body: &Body<'_, '_>) -> bool {
        let custom = decl.annotations.iter().any(|a| a.name == "JsonDeserialize" || a.name == "JsonTypeInfo");
        decl.kind == "class" && !custom && !body.json_value && body.fields.iter().any(|f| !f.is_static)
    }

    /// A class with keyed fields, or an open enum's class of constants;
    /// `Ok(None)` for any other class (a union, a builder, a response wrapper).
    fn class(&self, decl: &Decl<'_, '_>, body: &Body<'_, '_>) -> Result<Option<SourceModel>, Diagnostic> {
        let custom = decl.annotations.iter().any(|a| a.name == "JsonDeserialize" || a.name == "JsonTypeInfo");
        if custom {
            return Ok(None);
        }
        let mut fields = Vec::new();
        for field in body.fields.iter().filter(|f| !f.is_static) {
            if let Some(read) = self.field(decl, field)? {
                fields.push(read);
            }
        }
        if !fields.is_empty() {
            return Ok(Some(self.model(decl, SourceBody::Struct(fields))));
        }
        if !body.json_value {
            return Ok(None);
        }
        let values = self.open_enum(decl, body)?;
        Ok((!values.is_empty()).then(|| self.model(decl, SourceBody::Enum(values))))
    }

    fn model(&self, decl: &Decl<'_, '_>, body: SourceBody) -> SourceModel {
        let name = decl.name.ident().unwrap_or_default().to_string();
        SourceModel { name, loc: loc(self.file, decl.name), body }
    }

    /// One field, if it has a key; an error when it has one that cannot be read.
    fn field(&self, decl: &Decl<'_, '_>, field: &Field<'_, '_>) -> Result<Option<SourceField>, Diagnostic> {
        let unreadable = |why: &str| {
            let at = field.name.or(field.at).unwrap_or(decl.name);
            not_read(loc(self.file, at), &format!("the class `{}`", decl.name.ident().unwrap_or_default()), why)
        };
        if field.annotations.iter().any(|a| a.name == "JsonIgnore") {
            return Ok(None);
        }
        let Some(key) = key_annotation(field) else { return Ok(None) };
        let (Some(ty), Some(name)) = (&field.ty, field.name) else {
            return Err(unreadable("a keyed member is not a field declaration"));
        };
        let name_text = name.ident().unwrap_or_default();
        let parameter = matches!(key, Key::Parameter(_));
        let key = match key {
            Key::Property(args) => property_key(args, name_text).ok_or_else(|| unreadable("its `@JsonProperty` names no string key"))?,
            Key::Parameter(key) => key,
        };
        // A parameter has no `@JsonInclude`: its empty Optional is left out of
        // the request, never sent as `null`; a JsonNullable one may be null.
        let nullable = if parameter { Some(ty.name == "JsonNullable") } else { nullable(ty, inclusion(&field.annotations)) };
        let codec = field.annotations.iter().any(|a| a.name == "JsonSerialize" || a.name == "JsonDeserialize");
        Ok(Some(SourceField {
            name: name_text.to_string(),
            key,
            nullable,
            // A field with its own serializer may write its number as a string.
            number: if codec { None } else { number(ty) },
            loc: loc(self.file, name),
        }))
    }

    /// `public static final X A = new X("a");` in class `X`.
    fn open_enum(&self, decl: &Decl<'_, '_>, body: &Body<'_, '_>) -> Result<Vec<SourceValue>, Diagnostic> {
        let class = decl.name.ident().unwrap_or_default();
        let mut values = Vec::new();
        for field in body.fields.iter().filter(|f| f.is_static && f.ty.as_ref().is_some_and(|t| t.name == class && !t.array)) {
            let Some(name) = field.name else { continue };
            let wire = match field.init {
                [new, ty, rest @ ..] if new.is_ident("new") && ty.is_ident(class) => {
                    let mut cursor = Cursor { toks: rest, pos: 0 };
                    let args = cursor.group();
                    literal(args).filter(|_| cursor.peek().is_none())
                }
                _ => None,
            };
            let Some(wire) = wire else {
                let why = "a constant is not `new X(<literal>)`";
                return Err(not_read(loc(self.file, name), &format!("the open enum `{class}`"), why));
            };
            values.push(SourceValue { name: name.ident().unwrap_or_default().to_string(), wire, loc: loc(self.file, name) });
        }
        Ok(values)
    }

    /// A Java enum: its constants' `@JsonValue` arguments, or (without a
    /// `@JsonValue`) each constant's `@JsonProperty` or name, as Jackson writes them.
    fn enumeration(&self, decl: &Decl<'_, '_>, body: &Body<'_, '_>, nested: bool) -> Result<Option<SourceModel>, Diagnostic> {
        let what = format!("the enum `{}`", decl.name.ident().unwrap_or_default());
        if let Some(bad) = body.bad_constant {
            return Err(not_read(loc(self.file, bad), &what, "its constant list does not parse"));
        }
        let mut values = Vec::new();
        for constant in &body.constants {
            let wire = match constant_wire(constant, body.json_value) {
                Ok(wire) => wire,
                // An enum that carries values without serializing them: a helper.
                Err(_) if nested && !body.json_value => return Ok(None),
                Err(why) => return Err(not_read(loc(self.file, constant.name), &what, why)),
            };
            let name = constant.name.ident().unwrap_or_default().to_string();
            values.push(SourceValue { name, wire, loc: loc(self.file, constant.name) });
        }
        Ok(Some(self.model(decl, SourceBody::Enum(values))))
    }
}

fn constant_wire(constant: &Constant<'_, '_>, json_value: bool) -> Result<Wire, &'static str> {
    if json_value {
        return constant.args.and_then(literal).ok_or("a constant's argument is not one literal");
    }
    if let Some(property) = constant.annotations.iter().find(|a| a.name == "JsonProperty") {
        let name = constant.name.ident().unwrap_or_default();
        return property_key(property.args, name).map(Wire::String).ok_or("its `@JsonProperty` names no string");
    }
    match constant.args {
        None => Ok(Wire::String(constant.name.ident().unwrap_or_default().to_string())),
        Some(_) => Err("its constants carry values but none is `@JsonValue`"),
    }
}

enum Key<'t, 'a> {
    /// `@JsonProperty`'s arguments.
    Property(&'t [Token<'a>]),
    /// A request parameter's `name=` in `@SpeakeasyMetadata`.
    Parameter(String),
}

fn key_annotation<'t, 'a>(field: &Field<'t, 'a>) -> Option<Key<'t, 'a>> {
    if let Some(property) = field.annotations.iter().find(|a| a.name == "JsonProperty") {
        return Some(Key::Property(property.args));
    }
    field.annotations.iter().filter(|a| a.name == "SpeakeasyMetadata").find_map(|a| a.args.first()?.string().and_then(parameter_name)).map(Key::Parameter)
}

/// `queryParam:style=form,explode=true,name=user_id` -> `user_id`; a body
/// (`request:mediaType=...`) or a file part without a name has no key.
pub(super) fn parameter_name(metadata: &str) -> Option<String> {
    let (kind, options) = metadata.split_once(':')?;
    if !matches!(kind, "queryParam" | "pathParam" | "header" | "multipartForm" | "form") {
        return None;
    }
    options.split(',').find_map(|option| option.strip_prefix("name=")).filter(|n| !n.is_empty()).map(str::to_string)
}

/// `("user_id")`, `(value = "user_id", required = true)`; none, or an empty
/// name, is the field's own name (Jackson's rule). `None` when the key is
/// something else (a constant's name).
fn property_key(args: &[Token<'_>], field: &str) -> Option<String> {
    let named = |i: usize| args.get(i).and_then(|t| t.ident()).is_some() && args.get(i + 1).is_some_and(|t| t.is_punct('='));
    let key = match args {
        [] => "",
        [first, ..] if first.string().is_some() && args.get(1).is_none_or(|t| t.is_punct(',')) => first.string().unwrap_or_default(),
        _ if named(0) => {
            let value = args.windows(3).find(|w| w.first().is_some_and(|t| t.is_ident("value")) && w.get(1).is_some_and(|t| t.is_punct('=')));
            match value {
                Some(window) => window.get(2)?.string()?,
                None => "",
            }
        }
        _ => return None,
    };
    Some(if key.is_empty() { field } else { key }.to_string())
}

/// The first `Include.X` of a `@JsonInclude`, if any.
fn inclusion<'a>(annotations: &[Annotation<'_, 'a>]) -> Option<&'a str> {
    const KINDS: &[&str] = &["ALWAYS", "NON_NULL", "NON_ABSENT", "NON_EMPTY", "NON_DEFAULT", "CUSTOM", "USE_DEFAULTS"];
    let include = annotations.iter().find(|a| a.name == "JsonInclude")?;
    include.args.iter().filter_map(|t| t.ident()).find(|word| KINDS.contains(word))
}

const PRIMITIVES: &[&str] = &["boolean", "byte", "char", "short", "int", "long", "float", "double"];

fn nullable(ty: &Type<'_>, inclusion: Option<&str>) -> Option<bool> {
    match ty.name {
        "JsonNullable" => Some(true),
        // Under ALWAYS the empty Optional is written as `null`; left out
        // otherwise. Without a `@JsonInclude`, it rests on the mapper's default.
        "Optional" => inclusion.map(|kind| kind == "ALWAYS"),
        _ if PRIMITIVES.contains(&ty.name) && !ty.array => Some(false),
        // A plain type left out when null (an older generation's optional field):
        // whether the API sends `null` is not stated.
        _ if inclusion.is_some_and(|kind| kind != "ALWAYS") => None,
        _ => Some(false),
    }
}

/// The number kind of a numeric type, or of the values a container holds.
fn number(ty: &Type<'_>) -> Option<Number> {
    match ty.name {
        // `byte[]` is base64 text in Jackson, so bytes are left out.
        "long" | "Long" | "int" | "Integer" | "short" | "Short" | "BigInteger" => Some(Number::Integer),
        "double" | "Double" | "float" | "Float" | "BigDecimal" => Some(Number::Float),
        "Optional" | "JsonNullable" | "List" | "Set" | "Collection" | "Iterable" => number(ty.args.first()?),
        "Map" | "HashMap" | "LinkedHashMap" | "SortedMap" | "TreeMap" => number(ty.args.last()?),
        _ => None,
    }
}

/// One literal (`"a"`, `1`, `-1`, `2.5d`, `10L`) as a JSON value; `None` for
/// anything else.
pub(super) fn literal(args: &[Token<'_>]) -> Option<Wire> {
    match args {
        [only] => match &only.tok {
            Tok::Str(text) => Some(Wire::String(text.to_string())),
            Tok::Num(text) => json_number(text).map(Wire::Number),
            _ => None,
        },
        [minus, num] if minus.is_punct('-') => match num.tok {
            Tok::Num(text) => json_number(text).map(|n| Wire::Number(format!("-{n}"))),
            _ => None,
        },
        _ => None,
    }
}

/// A decimal literal of the C family as JSON writes it: without `_` and
/// without its type suffix (Java's `10L`, `2.5d`; C#'s `10UL`, `1.5m`). Hex,
/// octal and binary literals are not read.
fn json_number(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|&c| c != '_').collect();
    let radix = ["0x", "0X", "0b", "0B"].iter().any(|prefix| digits.starts_with(prefix));
    let bare = digits.trim_end_matches(['l', 'L', 'd', 'D', 'f', 'F', 'm', 'M', 'u', 'U']);
    let leading_zero = bare.len() > 1 && bare.starts_with('0') && !bare.starts_with("0.");
    let json = bare.starts_with(|c: char| c.is_ascii_digit()) && !bare.ends_with('.') && bare.parse::<f64>().is_ok();
    (json && !radix && !leading_zero).then(|| bare.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> FileFacts {
        Java.read(&Arc::from("X.java"), text)
    }

    fn fields(facts: &FileFacts, model: &str) -> Vec<(String, String, Option<bool>, Option<Number>)> {
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

    fn field(name: &str, key: &str, nullable: Option<bool>, number: Option<Number>) -> (String, String, Option<bool>, Option<Number>) {
        (name.into(), key.into(), nullable, number)
    }

    const MODEL: &str = r#"
package com.acme.models.components;

import java.util.Optional;

/**
 * User, with a "quoted" @JsonProperty("not_this") in its comment.
 */
public class User {

    @JsonProperty("user_id")
    private String userId;

    @JsonInclude(Include.NON_ABSENT)
    @JsonProperty(
        "nick_name")
    private Optional<String> nickName;

    @JsonInclude(Include.ALWAYS)
    @JsonProperty("last_active_at")
    private Optional<Long> lastActiveAt;

    @JsonInclude(Include.NON_ABSENT)
    @JsonProperty("private_metadata")
    private JsonNullable<? extends Map<String, Object>> privateMetadata;

    @Deprecated @JsonProperty(value = "score", required = true) public double score;

    @JsonProperty("counts")
    private Optional<? extends List<java.lang.Integer>> counts;

    @JsonProperty("prices")
    private Map<String, BigDecimal> prices;

    @JsonProperty
    private boolean banned;

    private String notAProperty;

    @JsonCreator
    public User(@JsonProperty("user_id") String userId, @JsonProperty("nick_name") Optional<String> nickName) {
        this.userId = userId;
    }

    @JsonIgnore
    public Optional<String> nickName() {
        return nickName;
    }

    public final static class Builder {
        private String userId;
        public Builder userId(String userId) { this.userId = userId; return this; }
    }
}
"#;

    #[test]
    fn fields_with_annotations_nullability_and_numbers() {
        let facts = read(MODEL);
        assert!(facts.warnings.is_empty(), "{:?}", facts.warnings);
        assert_eq!(facts.models.len(), 1, "the builder is no model: {facts:?}");
        assert_eq!(
            fields(&facts, "User"),
            vec![
                field("userId", "user_id", Some(false), None),
                field("nickName", "nick_name", Some(false), None),
                field("lastActiveAt", "last_active_at", Some(true), Some(Number::Integer)),
                field("privateMetadata", "private_metadata", Some(true), None),
                field("score", "score", Some(false), Some(Number::Float)),
                // An Optional without `@JsonInclude` leans on the mapper's default.
                field("counts", "counts", None, Some(Number::Integer)),
                field("prices", "prices", Some(false), Some(Number::Float)),
                field("banned", "banned", Some(false), None),
            ]
        );
        let user_id = facts.models.first().and_then(|m| match &m.body {
            SourceBody::Struct(fields) => fields.first().map(|f| (m.loc.line, f.loc.line, f.loc.col)),
            SourceBody::Enum(_) => None,
        });
        assert_eq!(user_id, Some((9, 12, 20)), "positions of the class's and the field's names");
    }

    #[test]
    fn an_older_generation_s_plain_optional_field_has_unknown_nullability() {
        let text = "public class A {\n @JsonInclude(Include.NON_ABSENT)\n @JsonProperty(\"n\")\n public Long n;\n @JsonProperty(\"b\") public byte[] b;\n}";
        let facts = read(text);
        assert_eq!(fields(&facts, "A"), vec![field("n", "n", None, Some(Number::Integer)), field("b", "b", Some(false), None)]);
    }

    #[test]
    fn string_and_numeric_enums() {
        let text = r#"
public enum Status {
    PENDING("pending"),
    ACCEPTED("accepted"),;

    @JsonValue
    private final String value;

    Status(String value) { this.value = value; }
}
enum Level {
    LOW(1L),
    MINUS(-2L),
    HALF(2.5d);

    @JsonValue
    private final Double value;
}
"#;
        let facts = read(text);
        assert!(facts.warnings.is_empty(), "{:?}", facts.warnings);
        let s = |v: &str| Wire::String(v.into());
        let n = |v: &str| Wire::Number(v.into());
        assert_eq!(values(&facts, "Status"), vec![("PENDING".into(), s("pending")), ("ACCEPTED".into(), s("accepted"))]);
        assert_eq!(values(&facts, "Level"), vec![("LOW".into(), n("1")), ("MINUS".into(), n("-2")), ("HALF".into(), n("2.5"))]);
    }

    #[test]
    fn jackson_s_own_enum_names() {
        let text = "public enum Kind { @JsonProperty(\"first-kind\") FIRST, SECOND }";
        let facts = read(text);
        let s = |v: &str| Wire::String(v.into());
        assert_eq!(values(&facts, "Kind"), vec![("FIRST".into(), s("first-kind")), ("SECOND".into(), s("SECOND"))]);
    }

    #[test]
    fn open_enum_class_and_its_helper_enum() {
        let text = r#"
public class Strategy {
    public static final Strategy PHONE_CODE = new Strategy("phone_code");
    public static final Strategy EMAIL_CODE = new Strategy("email_code");

    private static final Map<String, Strategy> values = createValuesMap();
    private final String value;

    private Strategy(String value) { this.value = value; }

    @JsonCreator
    public static Strategy of(String value) {
        synchronized (Strategy.class) { return values.computeIfAbsent(value, v -> new Strategy(v)); }
    }

    @JsonValue
    public String value() { return value; }

    public enum StrategyEnum {
        PHONE_CODE("phone_code"),
        EMAIL_CODE("email_code"),;

        private final String value;
    }
}
"#;
        let facts = read(text);
        assert!(facts.warnings.is_empty(), "{:?}", facts.warnings);
        assert_eq!(facts.models.len(), 1, "the helper enum is not the wire type: {facts:?}");
        let s = |v: &str| Wire::String(v.into());
        assert_eq!(values(&facts, "Strategy"), vec![("PHONE_CODE".into(), s("phone_code")), ("EMAIL_CODE".into(), s("email_code"))]);
    }

    #[test]
    fn unions_and_interfaces_are_skipped() {
        let text = r#"
@JsonDeserialize(using = Error._Deserializer.class)
public class Error {
    @JsonValue
    private final TypedObject value;

    public static Error of(ClerkError value) { return new Error(TypedObject.of(value, JsonShape.DEFAULT, new TypeReference<>(){})); }

    public static final class _Deserializer extends OneOfDeserializer<Error> {
        public _Deserializer() { super(Error.class, false, TypeReferenceWithShape.of(new TypeReference<Long>() {}, JsonShape.DEFAULT)); }
    }
}
@JsonTypeInfo(use = Id.CUSTOM, property = "object")
public interface Verification {
    String object();
}
"#;
        let facts = read(text);
        assert_eq!(facts, FileFacts::default());
    }

    #[test]
    fn an_error_s_nested_data_is_read_under_the_error_s_name() {
        let text = r#"
public class ClerkErrors extends ClerkError {
    @Nullable
    private final Data data;

    public static ClerkErrors from(HttpResponse<InputStream> response) {
        Data data = Utils.mapper().readValue(bytes, Data.class);
        return new ClerkErrors(response.statusCode(), bytes, response, data, null);
    }

    public static class Data {
        @JsonProperty("errors")
        private List<com.acme.models.components.ClerkError> errors;

        @JsonInclude(Include.NON_ABSENT)
        @JsonProperty("meta")
        private Optional<? extends Meta> meta;
    }
}
"#;
        let facts = read(text);
        assert_eq!(facts.models.len(), 1, "{facts:?}");
        assert_eq!(fields(&facts, "ClerkErrors"), vec![field("errors", "errors", Some(false), None), field("meta", "meta", Some(false), None)]);
    }

    #[test]
    fn request_parameters_are_keyed_by_their_names() {
        let text = r#"
public class GetUserListRequest {
    @SpeakeasyMetadata("queryParam:style=form,explode=true,name=email_address")
    private Optional<? extends List<String>> emailAddress;

    @SpeakeasyMetadata("pathParam:style=simple,explode=false,name=user_id")
    private String userId;

    @SpeakeasyMetadata("request:mediaType=application/json")
    private CreateUserRequestBody requestBody;
}
"#;
        let facts = read(text);
        assert_eq!(
            fields(&facts, "GetUserListRequest"),
            vec![field("emailAddress", "email_address", Some(false), None), field("userId", "user_id", Some(false), None)]
        );
    }

    #[test]
    fn a_response_wrapper_is_a_model_of_no_key() {
        let text = "public class GetUserResponse {\n  private String contentType;\n  private int statusCode;\n  private Optional<? extends User> user;\n\n  public static class Builder {\n    private String contentType;\n  }\n}";
        let facts = read(text);
        assert_eq!(facts.models.len(), 1, "{facts:?}");
        assert_eq!((facts.models[0].name.as_str(), &facts.models[0].body), ("GetUserResponse", &SourceBody::Struct(Vec::new())));
    }

    #[test]
    fn a_key_that_is_not_a_string_is_a_warning_and_the_model_is_not_taken() {
        let text = "public class A {\n  @JsonProperty(\"a\") private String a;\n  @JsonProperty(Names.B)\n  private String b;\n}";
        let facts = read(text);
        assert!(facts.models.is_empty(), "{facts:?}");
        let warning = facts.warnings.first().map(|w| (w.code, w.loc.as_ref().map(|l| (l.line, l.col))));
        assert_eq!(warning, Some((super::super::NOT_READ, Some((4, 18)))));
    }

    #[test]
    fn an_enum_whose_constants_do_not_parse_is_a_warning() {
        let facts = read("public enum E { A(\"a\") B(\"b\"); @JsonValue private final String value; }");
        assert!(facts.models.is_empty());
        assert_eq!(facts.warnings.len(), 1);
        let facts = read("public enum E { A(\"a\", 2); @JsonValue private final String value; }");
        assert_eq!(facts.warnings.len(), 1, "two arguments are no one value");
    }

    #[test]
    fn truncated_sources_read_what_they_can() {
        let cut = MODEL.get(..MODEL.find("counts").unwrap_or(0)).unwrap_or_default();
        let facts = read(cut);
        let names: Vec<String> = fields(&facts, "User").into_iter().map(|f| f.0).collect();
        assert_eq!(names.first().map(String::as_str), Some("userId"));
        for text in ["public class", "public enum E {", "@JsonProperty(", "class A { @JsonProperty(\"a\") private Map<String, ", "}}}{{{"] {
            let _ = read(text);
        }
    }

    #[test]
    fn literals_as_json_numbers() {
        assert_eq!(json_number("10L").as_deref(), Some("10"));
        assert_eq!(json_number("1_000").as_deref(), Some("1000"));
        assert_eq!(json_number("0").as_deref(), Some("0"));
        assert_eq!(json_number("0.5f").as_deref(), Some("0.5"));
        assert_eq!(json_number("0x1F"), None);
        assert_eq!(json_number("017"), None);
        assert_eq!(json_number("1."), None);
    }

    proptest::proptest! {
        /// Any text reads without a panic.
        #[test]
        fn any_text_reads_without_panic(text in "\\PC{0,200}") {
            let _ = read(&text);
        }

        /// Text made of Java's own tokens, in any order, reads without a panic.
        #[test]
        fn any_java_token_soup_reads_without_panic(parts in proptest::collection::vec(proptest::sample::select(vec![
            "class ", "enum ", "interface ", "@JsonProperty(\"k\") ", "@JsonValue ", "@", "(", ")", "{", "}", "<", ">", ",", ";", "=",
            "static ", "final ", "X ", "Optional", "new ", "\"s\"", "1L", "-", "?", "extends ", "[", "]", ".",
        ]), 0..60)) {
            let _ = read(&parts.concat());
        }
    }
}
