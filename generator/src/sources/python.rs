//! Python model sources, as Speakeasy's two Python generator generations
//! write them under `src/<package>/models/`.
//!
//! **Pydantic generation** (`class X(BaseModel)`): a field is
//! `name: T = default`, its key given by `Annotated[T, pydantic.Field(alias="key")]`
//! or, without an alias, the attribute name itself: the generated
//! `serialize_model` writes each field under `f.alias or n`, and the SDK's
//! `BaseModel` sets no alias generator. `Nullable[T]` and `OptionalNullable[T]`
//! are the generator's only words for "null is a value" (a `Union[T, None]` or
//! `T | None` would say the same, and is read as such). A plain `Optional[T]`
//! with a default is the absent field: `serialize_model` lists it in
//! `optional_fields` but not in `nullable_fields` and drops it when it is `None`,
//! so its null is never sent; it is read as not nullable. Names with a leading
//! `_` (`__pydantic_extra__`) are pydantic's private attributes, not fields, and
//! `pydantic.Field(exclude=True)` is never serialized.
//!
//! **Dataclasses generation** (`@dataclass_json @dataclasses.dataclass class X:`):
//! `name: T = dataclasses.field(metadata={'dataclasses_json': {'letter_case':
//! utils.get_field_name('key')}})` (`utils.field_name` in older releases); a
//! path, query, header or form parameter names itself by `'field_name': 'key'`;
//! a field with neither is written by dataclasses_json under its attribute name.
//! `'exclude': lambda f: True` is never written (`raw_response`). This
//! generation writes `Optional[T]` both for an optional field and for a
//! nullable one, and excludes `None` when writing: an `Optional[T]` with a
//! default cannot tell (`None`); one without a default is a required field
//! whose value may be `None`, which only a nullable one is.
//!
//! In both, a type that is neither (`str`, `List[int]`) states a value that is
//! not null; `int` and `float` (inside `List`, `Dict`, `Optional`, ... too) are
//! the number kinds. `class X(str, Enum)` sends its values as strings (a value
//! written `1` is the string `"1"`: the `str` mixin converts it), `(int, Enum)`
//! as numbers; the open enums' `metaclass=utils.OpenEnumMeta` changes neither.
//! `TypedDict` twins (`XTypedDict`) are the SDK's input shapes, not models. An
//! error class of the pydantic generation (`class X(SDKBaseError)`) holds the
//! parsed body in `data: XData`: it is read as the model `X` with `XData`'s
//! fields, which is what its doc lists. Other classes (SDK exceptions) are not
//! models.
//!
//! The reader needs no parser of Python: a class's extent follows from its
//! tokens' columns, and types, `Field(...)` and `dataclasses.field(...)` are read
//! by a small parser of expressions ([`Expr`]) that gives up on anything else as
//! [`Expr::Other`].

use std::sync::Arc;

use super::lex::{lex, Syntax, Tok, Token};
use super::{loc, not_read, FileFacts, Language, Number, SourceBody, SourceField, SourceModel, SourceValue, Wire};
use crate::diag::Diagnostic;

pub struct Python;

impl Language for Python {
    fn name(&self) -> &'static str {
        "Python"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["py"]
    }

    fn read(&self, file: &Arc<str>, text: &str) -> FileFacts {
        let tokens = lex(text, &Syntax::PYTHON);
        let lines = logical_lines(&tokens);
        let classes: Vec<Class<'_>> = (0..lines.len()).filter_map(|at| class_at(&tokens, &lines, at)).collect();
        let mut facts = FileFacts::default();
        let mut wrappers = Vec::new();
        for class in &classes {
            match read_class(file, class) {
                Read::Model(body) => facts.models.push(model(file, class, body)),
                Read::Wrapper(data) => wrappers.push((class, data)),
                Read::Unreadable(warning) => facts.warnings.push(warning),
                Read::NotModel => {}
            }
        }
        for (class, data) in wrappers {
            unwrap_error(file, &mut facts, class, data);
        }
        facts
    }
}

fn model(file: &Arc<str>, class: &Class<'_>, body: SourceBody) -> SourceModel {
    SourceModel { name: class.name.to_string(), loc: loc(file, class.name_token), body }
}

/// An error class of the pydantic generation is the model its `data` field
/// holds, when this file declares that model (it always does in the SDKs seen).
fn unwrap_error(file: &Arc<str>, facts: &mut FileFacts, class: &Class<'_>, data: &str) {
    let body = facts.models.iter().find(|m| m.name == data).map(|m| m.body.clone());
    match body {
        Some(body) => facts.models.push(model(file, class, body)),
        None => facts.warnings.push(not_read(
            loc(file, class.name_token),
            &format!("the error class `{}`", class.name),
            &format!("the model of its `data` (`{data}`) is not declared in this file"),
        )),
    }
}

// ---------------------------------------------------------------------------
// Lines and classes

/// One logical line: a statement's tokens (brackets join physical lines), and
/// the column of its first token.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    indent: u32,
}

/// Splits tokens into logical lines: a token on a later physical line starts
/// one unless a bracket is still open or the line before ends in `\`.
fn logical_lines(tokens: &[Token<'_>]) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut depth = 0u32;
    for (i, token) in tokens.iter().enumerate() {
        let continues = i
            .checked_sub(1)
            .and_then(|p| tokens.get(p))
            .is_some_and(|prev| prev.line == token.line || depth > 0 || prev.is_punct('\\'));
        match lines.last_mut() {
            Some(line) if continues => line.end = i + 1,
            _ => lines.push(Line { start: i, end: i + 1, indent: token.col }),
        }
        depth = match token.tok {
            Tok::Punct('(' | '[' | '{') => depth.saturating_add(1),
            Tok::Punct(')' | ']' | '}') => depth.saturating_sub(1),
            _ => depth,
        };
    }
    lines
}

fn line_tokens<'t, 'a>(tokens: &'t [Token<'a>], line: &Line) -> &'t [Token<'a>] {
    tokens.get(line.start..line.end).unwrap_or_default()
}

/// A class statement: its name, bases, decorators and body statements.
struct Class<'t> {
    name: &'t str,
    name_token: &'t Token<'t>,
    /// The last segment of each base's name (`Enum` for `enum.Enum`), and the
    /// keyword arguments (`metaclass=`) left out.
    bases: Vec<&'t str>,
    /// The last segment of each decorator's name (`dataclass` for `@dataclasses.dataclass(...)`).
    decorators: Vec<&'t str>,
    /// The statements directly in its body (not those of its methods).
    body: Vec<&'t [Token<'t>]>,
}

/// The class whose statement is logical line `at`, if it is one.
fn class_at<'t>(tokens: &'t [Token<'t>], lines: &[Line], at: usize) -> Option<Class<'t>> {
    let line = lines.get(at)?;
    let header = line_tokens(tokens, line);
    let [class_kw, name_token, rest @ ..] = header else { return None };
    let name = name_token.ident().filter(|_| class_kw.is_ident("class"))?;
    let mut parser = Parser::new(rest);
    let bases = if parser.eat('(') { base_names(parser.call_args()) } else { Vec::new() };
    if !parser.eat(':') {
        return None;
    }
    let tail = rest.get(parser.pos..).unwrap_or_default();
    let body = body(tokens, lines, at, tail);
    Some(Class { name, name_token, bases, decorators: decorators(tokens, lines, at), body })
}

fn base_names<'t>(args: Option<Vec<Arg<'t>>>) -> Vec<&'t str> {
    let args = args.unwrap_or_default();
    args.into_iter().filter(|a| a.keyword.is_none()).filter_map(|a| a.value.last_name()).collect()
}

/// The decorators on the logical lines right above `at`, at its indent.
fn decorators<'t>(tokens: &'t [Token<'t>], lines: &[Line], at: usize) -> Vec<&'t str> {
    let indent = lines.get(at).map(|l| l.indent);
    let above = lines.get(..at).unwrap_or_default().iter().rev();
    let decorator_lines = above
        .take_while(|l| Some(l.indent) == indent && line_tokens(tokens, l).first().is_some_and(|t| t.is_punct('@')));
    decorator_lines
        .filter_map(|l| {
            let mut parser = Parser::new(line_tokens(tokens, l).get(1..).unwrap_or_default());
            parser.postfix().last_name()
        })
        .collect()
}

/// The statements of a class body: what follows the header's `:` on its own
/// line, or else the lines after it that are indented deeper than the
/// `class` keyword, up to the first that is not (only those at the body's
/// own indent: deeper ones are inside its methods).
fn body<'t>(tokens: &'t [Token<'t>], lines: &[Line], at: usize, tail: &'t [Token<'t>]) -> Vec<&'t [Token<'t>]> {
    if !tail.is_empty() {
        return vec![tail];
    }
    let Some(class_indent) = lines.get(at).map(|l| l.indent) else { return Vec::new() };
    let inside: Vec<&Line> =
        lines.get(at + 1..).unwrap_or_default().iter().take_while(|l| l.indent > class_indent).collect();
    let Some(body_indent) = inside.first().map(|l| l.indent) else { return Vec::new() };
    inside.into_iter().filter(|l| l.indent == body_indent).map(|l| line_tokens(tokens, l)).collect()
}

// ---------------------------------------------------------------------------
// What a class is

enum Read<'t> {
    Model(SourceBody),
    /// A pydantic-generation error class: the name of its `data` model.
    Wrapper(&'t str),
    Unreadable(Diagnostic),
    NotModel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Generation {
    Pydantic,
    Dataclasses,
}

fn read_class<'t>(file: &Arc<str>, class: &Class<'t>) -> Read<'t> {
    let has_base = |name: &str| class.bases.contains(&name);
    let has_decorator = |name: &str| class.decorators.contains(&name);
    if has_base("TypedDict") {
        Read::NotModel
    } else if class.bases.iter().any(|b| b.ends_with("Enum")) {
        read_enum(file, class)
    } else if has_base("BaseModel") {
        read_struct(file, class, Generation::Pydantic)
    } else if has_decorator("dataclass_json") || (has_decorator("dataclass") && class.bases.is_empty()) {
        read_struct(file, class, Generation::Dataclasses)
    } else {
        error_data(class).map_or(Read::NotModel, Read::Wrapper)
    }
}

/// The type of a subclass's `data: XData` field (the pydantic generation's
/// error classes; other SDK classes have no such field).
fn error_data<'t>(class: &Class<'t>) -> Option<&'t str> {
    if class.bases.is_empty() {
        return None;
    }
    class.body.iter().find_map(|statement| {
        let (name, annotation, _) = split_field(statement)?;
        let mut parser = Parser::new(annotation);
        let Expr::Name(path) = parser.expr() else { return None };
        (name.ident() == Some("data") && parser.at_end()).then(|| path.last().copied()).flatten()
    })
}

fn read_struct(file: &Arc<str>, class: &Class<'_>, generation: Generation) -> Read<'static> {
    let mut fields = Vec::new();
    for statement in &class.body {
        let Some((name, annotation, value)) = split_field(statement) else { continue };
        match read_field(name, annotation, value, generation) {
            Ok(Some(field)) => fields.push(SourceField { loc: loc(file, name), ..field }),
            Ok(None) => {}
            Err(why) => {
                let what = format!("the class `{}`", class.name);
                let why = format!("the field `{}`: {why}", name.ident().unwrap_or_default());
                return Read::Unreadable(not_read(loc(file, name), &what, &why));
            }
        }
    }
    Read::Model(SourceBody::Struct(fields))
}

/// `name: annotation = value` (the value may be missing): the name's token,
/// the annotation's tokens and the value's.
fn split_field<'s, 't>(statement: &'s [Token<'t>]) -> Option<(&'s Token<'t>, &'s [Token<'t>], &'s [Token<'t>])> {
    let [name, colon, rest @ ..] = statement else { return None };
    name.ident()?;
    if !colon.is_punct(':') {
        return None;
    }
    let mut parser = Parser::new(rest);
    parser.skip_to_stop();
    if !parser.at_assign() {
        // All of it, so that what stopped the type is read as not a type.
        return Some((name, rest, &[]));
    }
    let annotation = rest.get(..parser.pos).unwrap_or_default();
    Some((name, annotation, rest.get(parser.pos + 1..).unwrap_or_default()))
}

// ---------------------------------------------------------------------------
// Fields

/// What a field's annotation and value say, before its name is known.
#[derive(Debug, Default)]
struct Facts {
    key: Option<String>,
    /// `Nullable`, `OptionalNullable`, a union with `None`.
    null: bool,
    /// `Optional[...]` (and `OptionalNullable`).
    optional: bool,
    number: Option<Number>,
    /// Never serialized.
    excluded: bool,
}

/// The field a `name: annotation = value` statement declares; `None` when it
/// is no JSON field (excluded, or a pydantic private attribute).
fn read_field(
    name: &Token<'_>,
    annotation: &[Token<'_>],
    value: &[Token<'_>],
    generation: Generation,
) -> Result<Option<SourceField>, String> {
    let attribute = name.ident().unwrap_or_default();
    if generation == Generation::Pydantic && attribute.starts_with('_') {
        return Ok(None);
    }
    let mut parser = Parser::new(annotation);
    let ty = parser.expr();
    if !parser.at_end() || annotation.is_empty() {
        return Err("its annotation is not a type".into());
    }
    let mut facts = Facts::default();
    field_type(&ty, &mut facts)?;
    let has_default = !value.is_empty() && read_value(&Parser::new(value).expr(), &mut facts, generation)?;
    if facts.excluded {
        return Ok(None);
    }
    let nullable = if facts.null || (facts.optional && !has_default) {
        Some(true)
    } else if facts.optional && generation == Generation::Dataclasses {
        None
    } else {
        Some(false)
    };
    // `alias=""` (a multipart file's content) is no alias to `f.alias or n`.
    let key = facts.key.filter(|k| !k.is_empty()).unwrap_or_else(|| attribute.to_string());
    let field =
        SourceField { name: printed_name(attribute), key, nullable, number: facts.number, loc: Default::default() };
    Ok(Some(field))
}

/// The name the docs print for an attribute. The pydantic generation names a
/// constant field (`Literal[True]`) in upper case, Python's convention for
/// constants (`IS_SATELLITE`), where its docs and `TypedDict` twin keep the
/// snake case of every other field (`is_satellite`); no other field is
/// written in upper case, since the generators snake-case every name.
fn printed_name(attribute: &str) -> String {
    let constant = attribute.chars().any(|c| c.is_uppercase()) && !attribute.chars().any(|c| c.is_lowercase());
    if constant {
        attribute.to_lowercase()
    } else {
        attribute.to_string()
    }
}

/// Reads the wrappers a field's type is written in (`Annotated`, `Optional`,
/// `Nullable`, `OptionalNullable`, unions with `None`), then the number kind
/// of what they wrap.
fn field_type(ty: &Expr<'_>, facts: &mut Facts) -> Result<(), String> {
    let Some((head, args)) = ty.subscript() else {
        if let Expr::Union(members) = ty {
            return union(members, facts);
        }
        facts.number = number(ty)?;
        return Ok(());
    };
    match (head, args) {
        ("Annotated", [inner, metadata @ ..]) => {
            metadata.iter().try_for_each(|m| pydantic_field(m, facts))?;
            field_type(inner, facts)
        }
        ("Optional", [inner]) => {
            facts.optional = true;
            field_type(inner, facts)
        }
        ("Nullable" | "OptionalNullable", [inner]) => {
            facts.null = true;
            facts.optional |= head == "OptionalNullable";
            field_type(inner, facts)
        }
        ("Union", members) => union(members, facts),
        ("Annotated" | "Optional" | "Nullable" | "OptionalNullable", _) => {
            Err(format!("`{head}[...]` has not one type"))
        }
        _ => {
            facts.number = number(ty)?;
            Ok(())
        }
    }
}

/// `Union[A, B]` or `A | B`: nullable when `None` is a member; the only other
/// member, if there is one, is read as the field's type.
fn union(members: &[Expr<'_>], facts: &mut Facts) -> Result<(), String> {
    let (none, others): (Vec<&Expr<'_>>, Vec<&Expr<'_>>) = members.iter().partition(|m| m.is_none());
    facts.null |= !none.is_empty();
    match others.as_slice() {
        [only] => field_type(only, facts),
        _ => {
            facts.number = union_number(&others)?;
            Ok(())
        }
    }
}

/// `pydantic.Field(alias="key", exclude=True)` among `Annotated`'s metadata
/// (or as the default value); other metadata (`FieldMetadata`, validators)
/// says nothing of the JSON.
fn pydantic_field(metadata: &Expr<'_>, facts: &mut Facts) -> Result<(), String> {
    let Some(args) = metadata.call_to("Field") else { return Ok(()) };
    for arg in args {
        match (arg.keyword, &arg.value) {
            (Some("alias"), Expr::Str(alias)) => facts.key = Some(alias.clone()),
            (Some("alias"), _) => return Err("its alias is not a string".into()),
            (Some("exclude"), value) => facts.excluded = value.is_name("True"),
            _ => {}
        }
    }
    Ok(())
}

/// Reads a field's default value; returns whether it gives the field a
/// default (a `field(...)` call without `default` does not).
fn read_value(value: &Expr<'_>, facts: &mut Facts, generation: Generation) -> Result<bool, String> {
    let Some(args) = value.call_to("field").or_else(|| value.call_to("Field")) else {
        if generation == Generation::Dataclasses && matches!(value, Expr::Other(_)) {
            return Err("its value is not read".into());
        }
        return Ok(true);
    };
    let default = args.iter().any(|a| matches!(a.keyword, Some("default" | "default_factory")));
    match generation {
        Generation::Pydantic => pydantic_field(value, facts)?,
        Generation::Dataclasses => {
            let metadata = args.iter().find(|a| a.keyword == Some("metadata"));
            if let Some(metadata) = metadata {
                dataclasses_metadata(&metadata.value, facts)?;
            }
        }
    }
    Ok(default)
}

/// `metadata={'dataclasses_json': {'letter_case': utils.get_field_name('key'),
/// 'exclude': lambda f: True}}`, or `{'path_param': {'field_name': 'key', ...}}`
/// for a parameter.
fn dataclasses_metadata(metadata: &Expr<'_>, facts: &mut Facts) -> Result<(), String> {
    let Expr::Dict(groups) = metadata else { return Err("its metadata is not a dict".into()) };
    let mut letter_case = None;
    let mut field_name = None;
    for (_, group) in groups {
        let Expr::Dict(entries) = group else { continue };
        for (name, value) in entries {
            match (name, value) {
                (Expr::Str(name), value) if name == "letter_case" => letter_case = Some(renamed(value)?),
                (Expr::Str(name), Expr::Str(key)) if name == "field_name" => field_name = Some(key.clone()),
                (Expr::Str(name), Expr::Lambda(body)) if name == "exclude" => facts.excluded |= body.is_name("True"),
                _ => {}
            }
        }
    }
    facts.key = letter_case.or(field_name);
    Ok(())
}

/// `utils.get_field_name('key')` (or `utils.field_name('key')`): the key.
fn renamed(letter_case: &Expr<'_>) -> Result<String, String> {
    match letter_case {
        Expr::Call(_, args) => match args.as_slice() {
            [Arg { keyword: None, value: Expr::Str(key) }] => Ok(key.clone()),
            _ => Err("its `letter_case` names no key".into()),
        },
        _ => Err("its `letter_case` is not a call that names the key".into()),
    }
}

/// The number kind of a type: `int`, `float`, and containers of them
/// (`List[int]`, `Dict[str, float]`, `Optional[int]` inside a container).
fn number(ty: &Expr<'_>) -> Result<Option<Number>, String> {
    match ty {
        Expr::Name(path) => Ok(match path.as_slice() {
            ["int"] => Some(Number::Integer),
            ["float"] => Some(Number::Float),
            _ => None,
        }),
        Expr::Str(_) | Expr::Num(_) => Ok(None),
        Expr::Union(members) => union_number(&members.iter().collect::<Vec<_>>()),
        Expr::Index(..) => subscript_number(ty),
        Expr::Call(..) | Expr::Dict(_) | Expr::Lambda(_) | Expr::Other(_) => Err("its type is not read".into()),
    }
}

fn subscript_number(ty: &Expr<'_>) -> Result<Option<Number>, String> {
    let Some((head, args)) = ty.subscript() else { return Ok(None) };
    match (head, args) {
        (
            "List" | "list" | "Sequence" | "Set" | "set" | "FrozenSet" | "Optional" | "Nullable" | "OptionalNullable",
            [inner],
        ) => number(inner),
        ("Annotated", [inner, ..]) => number(inner),
        ("Dict" | "dict" | "Mapping", [key, value]) => number(key).and_then(|_| number(value)),
        ("Union", members) => union_number(&members.iter().collect::<Vec<_>>()),
        ("Literal", _) => Ok(None),
        _ => args.iter().try_for_each(|a| number(a).map(|_| ())).map(|()| None),
    }
}

/// A union's number kind: the one kind of all its members but `None`, if
/// they all have the same.
fn union_number(members: &[&Expr<'_>]) -> Result<Option<Number>, String> {
    let kinds = members.iter().filter(|m| !m.is_none()).map(|m| number(m)).collect::<Result<Vec<_>, _>>()?;
    Ok(match kinds.split_first() {
        Some((first, rest)) if rest.iter().all(|k| k == first) => *first,
        _ => None,
    })
}

// ---------------------------------------------------------------------------
// Enums

/// What an enum's mixin says of its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mixin {
    /// `(str, Enum)`: every value is a string.
    Str,
    /// `(int, Enum)`, `IntEnum`, `(float, Enum)`: every value is a number.
    Number,
    /// A plain `Enum`: each value is what its literal is.
    Literal,
}

fn read_enum(file: &Arc<str>, class: &Class<'_>) -> Read<'static> {
    let mixin = if class.bases.contains(&"str") || class.bases.contains(&"StrEnum") {
        Mixin::Str
    } else if class.bases.iter().any(|b| matches!(*b, "int" | "float" | "IntEnum")) {
        Mixin::Number
    } else {
        Mixin::Literal
    };
    let mut values = Vec::new();
    for statement in &class.body {
        let [name, eq, value @ ..] = *statement else { continue };
        let Some(member) = name.ident().filter(|_| eq.is_punct('=') && !value.is_empty()) else { continue };
        if member.starts_with('_') {
            continue;
        }
        let mut parser = Parser::new(value);
        let literal = parser.expr();
        match wire(&literal, mixin).filter(|_| parser.at_end()) {
            Some(wire) => values.push(SourceValue { name: member.to_string(), wire, loc: loc(file, name) }),
            None => {
                let what = format!("the enum `{}`", class.name);
                let why = format!("the value of `{member}` is not a string or number literal");
                return Read::Unreadable(not_read(loc(file, name), &what, &why));
            }
        }
    }
    Read::Model(SourceBody::Enum(values))
}

/// A member's value as the SDK sends it.
fn wire(literal: &Expr<'_>, mixin: Mixin) -> Option<Wire> {
    match (literal, mixin) {
        (Expr::Str(text), Mixin::Str | Mixin::Literal) => Some(Wire::String(text.clone())),
        (Expr::Num(text), Mixin::Str) => Some(Wire::String(text.clone())),
        (Expr::Num(text), Mixin::Number | Mixin::Literal) => Some(Wire::Number(text.clone())),
        // `int("1")`: a string the number mixin takes, if it is an integer.
        (Expr::Str(text), Mixin::Number) => text.trim().parse::<i64>().ok().map(|n| Wire::Number(n.to_string())),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Expressions

/// The expressions a model source writes in types, decorators, bases and
/// defaults; anything else is [`Expr::Other`].
#[derive(Debug, Clone, PartialEq)]
enum Expr<'t> {
    /// `a.b.c`
    Name(Vec<&'t str>),
    /// A string literal (adjacent ones joined, as Python does).
    Str(String),
    /// A number, with its sign.
    Num(String),
    /// `a[b, c]`
    Index(Box<Expr<'t>>, Vec<Expr<'t>>),
    /// `a(b, c=d)`
    Call(Box<Expr<'t>>, Vec<Arg<'t>>),
    /// `a | b`
    Union(Vec<Expr<'t>>),
    /// `{a: b}`
    Dict(Vec<(Expr<'t>, Expr<'t>)>),
    /// `lambda f: body`
    Lambda(Box<Expr<'t>>),
    /// Anything else, by its tokens.
    Other(&'t [Token<'t>]),
}

#[derive(Debug, Clone, PartialEq)]
struct Arg<'t> {
    keyword: Option<&'t str>,
    value: Expr<'t>,
}

impl<'t> Expr<'t> {
    fn last_name(&self) -> Option<&'t str> {
        match self {
            Expr::Name(path) => path.last().copied(),
            Expr::Call(callee, _) | Expr::Index(callee, _) => callee.last_name(),
            _ => None,
        }
    }

    fn is_name(&self, name: &str) -> bool {
        matches!(self, Expr::Name(path) if path.as_slice() == [name])
    }

    fn is_none(&self) -> bool {
        self.is_name("None")
    }

    /// `Head[args]`, by the last segment of its head (`typing.List` is `List`).
    fn subscript(&self) -> Option<(&'t str, &[Expr<'t>])> {
        match self {
            Expr::Index(head, args) => Some((head.last_name()?, args.as_slice())),
            _ => None,
        }
    }

    /// The arguments of a call to `name` (or `module.name`).
    fn call_to(&self, name: &str) -> Option<&[Arg<'t>]> {
        match self {
            Expr::Call(callee, args) if matches!(callee.as_ref(), Expr::Name(path) if path.last() == Some(&name)) => {
                Some(args.as_slice())
            }
            _ => None,
        }
    }
}

/// How deep brackets may nest before the parser stops descending (and reads
/// the rest as [`Expr::Other`]): no model source comes near it, and any text
/// must read without overflowing the stack.
const MAX_DEPTH: u32 = 64;

struct Parser<'t> {
    tokens: &'t [Token<'t>],
    pos: usize,
    depth: u32,
}

impl<'t> Parser<'t> {
    fn new(tokens: &'t [Token<'t>]) -> Self {
        Parser { tokens, pos: 0, depth: 0 }
    }

    fn peek(&self) -> Option<&'t Token<'t>> {
        self.tokens.get(self.pos)
    }

    fn peek_at(&self, ahead: usize) -> Option<&'t Token<'t>> {
        self.tokens.get(self.pos + ahead)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek().is_some_and(|t| t.is_punct(c));
        if found {
            self.pos += 1;
        }
        found
    }

    /// A lone `=` (not part of `==`, `!=`, `<=`, `>=`).
    fn at_assign(&self) -> bool {
        let before = self.pos.checked_sub(1).and_then(|p| self.tokens.get(p));
        self.peek().is_some_and(|t| t.is_punct('='))
            && !self.peek_at(1).is_some_and(|t| t.is_punct('='))
            && !before.is_some_and(|t| matches!(t.tok, Tok::Punct('=' | '!' | '<' | '>')))
    }

    /// Where an expression ends: `,` `:` `=` or a closing bracket, or the end.
    fn at_stop(&self) -> bool {
        self.peek().is_none_or(|t| matches!(t.tok, Tok::Punct(',' | ':' | ')' | ']' | '}'))) || self.at_assign()
    }

    /// Skips to the next stop outside brackets.
    fn skip_to_stop(&mut self) {
        let mut depth = 0u32;
        while let Some(token) = self.peek() {
            match token.tok {
                Tok::Punct('(' | '[' | '{') => depth += 1,
                Tok::Punct(')' | ']' | '}') if depth == 0 => return,
                Tok::Punct(')' | ']' | '}') => depth -= 1,
                _ if depth == 0 && self.at_stop() => return,
                _ => {}
            }
            self.pos += 1;
        }
    }

    fn other_from(&mut self, start: usize) -> Expr<'t> {
        self.skip_to_stop();
        Expr::Other(self.tokens.get(start..self.pos).unwrap_or_default())
    }

    fn expr(&mut self) -> Expr<'t> {
        let start = self.pos;
        if self.depth >= MAX_DEPTH {
            return self.other_from(start);
        }
        self.depth += 1;
        let mut members = vec![self.postfix()];
        while self.eat('|') {
            members.push(self.postfix());
        }
        self.depth -= 1;
        let expr = if members.len() == 1 { members.pop().unwrap_or(Expr::Other(&[])) } else { Expr::Union(members) };
        if self.at_stop() {
            expr
        } else {
            self.other_from(start)
        }
    }

    fn postfix(&mut self) -> Expr<'t> {
        let mut expr = self.atom();
        loop {
            if let (Expr::Name(path), Some(dot), Some(next)) = (&mut expr, self.peek(), self.peek_at(1)) {
                if let (true, Some(segment)) = (dot.is_punct('.'), next.ident()) {
                    path.push(segment);
                    self.pos += 2;
                    continue;
                }
            }
            if self.eat('[') {
                match self.list(']') {
                    Some(args) => expr = Expr::Index(Box::new(expr), args),
                    None => return Expr::Other(&[]),
                }
            } else if self.eat('(') {
                match self.call_args() {
                    Some(args) => expr = Expr::Call(Box::new(expr), args),
                    None => return Expr::Other(&[]),
                }
            } else {
                return expr;
            }
        }
    }

    fn atom(&mut self) -> Expr<'t> {
        let start = self.pos;
        let Some(token) = self.peek() else { return Expr::Other(&[]) };
        self.pos += 1;
        match &token.tok {
            Tok::Ident("lambda") => self.lambda(start),
            Tok::Ident(name) => Expr::Name(vec![*name]),
            Tok::Str(first) => {
                let mut text = first.to_string();
                while let Some(next) = self.peek().and_then(|t| t.string()) {
                    text.push_str(next);
                    self.pos += 1;
                }
                Expr::Str(text)
            }
            Tok::Num(n) => Expr::Num(n.to_string()),
            Tok::Punct('-') => match self.peek().map(|t| &t.tok) {
                Some(Tok::Num(n)) => {
                    self.pos += 1;
                    Expr::Num(format!("-{n}"))
                }
                _ => self.other_from(start),
            },
            Tok::Punct('(') => {
                let inner = self.expr();
                if self.eat(')') {
                    inner
                } else {
                    self.other_from(start)
                }
            }
            Tok::Punct('{') => self.dict().unwrap_or(Expr::Other(&[])),
            _ => {
                self.pos = start;
                let skipped = self.other_from(start);
                // A token that is itself a stop (a stray `)`) is taken, so that
                // every caller moves on.
                if self.pos == start {
                    self.pos += 1;
                }
                skipped
            }
        }
    }

    /// `lambda params: body`, after `lambda`.
    fn lambda(&mut self, start: usize) -> Expr<'t> {
        while self.peek().is_some_and(|t| t.ident().is_some() || t.is_punct(',')) {
            self.pos += 1;
        }
        if self.eat(':') {
            Expr::Lambda(Box::new(self.expr()))
        } else {
            self.other_from(start)
        }
    }

    /// Expressions separated by commas up to `close` (after the opening
    /// bracket); `None` when something else comes between them.
    fn list(&mut self, close: char) -> Option<Vec<Expr<'t>>> {
        let mut items = Vec::new();
        loop {
            if self.eat(close) {
                return Some(items);
            }
            items.push(self.expr());
            if !self.eat(',') && !self.peek().is_some_and(|t| t.is_punct(close)) {
                return None;
            }
        }
    }

    /// A call's arguments, after `(`: `value` or `keyword=value`.
    fn call_args(&mut self) -> Option<Vec<Arg<'t>>> {
        let mut args = Vec::new();
        loop {
            if self.eat(')') {
                return Some(args);
            }
            let keyword = self.peek().and_then(|t| t.ident()).filter(|_| {
                self.pos += 1;
                let is_keyword = self.at_assign();
                self.pos -= 1;
                is_keyword
            });
            if keyword.is_some() {
                self.pos += 2;
            }
            args.push(Arg { keyword, value: self.expr() });
            if !self.eat(',') && !self.peek().is_some_and(|t| t.is_punct(')')) {
                return None;
            }
        }
    }

    /// `{key: value, ...}`, after `{`.
    fn dict(&mut self) -> Option<Expr<'t>> {
        let mut entries = Vec::new();
        loop {
            if self.eat('}') {
                return Some(Expr::Dict(entries));
            }
            let key = self.expr();
            if !self.eat(':') {
                return None;
            }
            entries.push((key, self.expr()));
            if !self.eat(',') && !self.peek().is_some_and(|t| t.is_punct('}')) {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> FileFacts {
        Python.read(&Arc::from("models/x.py"), text)
    }

    fn fields(facts: &FileFacts, model: &str) -> Vec<(String, String, Option<bool>, Option<Number>)> {
        let found = facts.models.iter().find(|m| m.name == model);
        match found.map(|m| &m.body) {
            Some(SourceBody::Struct(fields)) => {
                fields.iter().map(|f| (f.name.clone(), f.key.clone(), f.nullable, f.number)).collect()
            }
            other => panic!("no struct {model}: {other:?}"),
        }
    }

    fn values(facts: &FileFacts, model: &str) -> Vec<(String, Wire)> {
        let found = facts.models.iter().find(|m| m.name == model);
        match found.map(|m| &m.body) {
            Some(SourceBody::Enum(values)) => values.iter().map(|v| (v.name.clone(), v.wire.clone())).collect(),
            other => panic!("no enum {model}: {other:?}"),
        }
    }

    fn f(
        name: &str,
        key: &str,
        nullable: Option<bool>,
        number: Option<Number>,
    ) -> (String, String, Option<bool>, Option<Number>) {
        (name.into(), key.into(), nullable, number)
    }

    const PYDANTIC: &str = r#""""Code generated by Speakeasy (https://speakeasy.com). DO NOT EDIT."""

from __future__ import annotations
import pydantic
from typing import Dict, List, Optional

class InstanceTypedDict(TypedDict):
    frontend_api: NotRequired[str]


class Instance(BaseModel):
    r"""An instance."""

    frontend_api: Annotated[
        Optional[str], pydantic.Field(alias="frontendApi"), FieldMetadata(query=QueryParamMetadata(explode=False))
    ] = None
    r"""The Frontend API URL."""

    user_id: str

    date_: Annotated[OptionalNullable[int], pydantic.Field(alias="date")] = UNSET

    deleted_at: Nullable[float]

    scores: Optional[List[int]] = None

    weights: Dict[str, Optional[float]]

    __pydantic_extra__: Dict[str, Any] = pydantic.Field(init=False)

    @model_serializer(mode="wrap")
    def serialize_model(self, handler):
        optional_fields = set(["frontendApi", "scores"])
        nullable_fields = set(["date"])
        m: Dict[str, int] = {}
        return m
"#;

    #[test]
    fn pydantic_generation_keys_nullability_and_numbers() {
        let facts = read(PYDANTIC);
        assert!(facts.warnings.is_empty(), "{:?}", facts.warnings);
        assert_eq!(facts.models.len(), 1, "the TypedDict twin is no model");
        assert_eq!(
            fields(&facts, "Instance"),
            vec![
                f("frontend_api", "frontendApi", Some(false), None),
                f("user_id", "user_id", Some(false), None),
                f("date_", "date", Some(true), Some(Number::Integer)),
                f("deleted_at", "deleted_at", Some(true), Some(Number::Float)),
                f("scores", "scores", Some(false), Some(Number::Integer)),
                f("weights", "weights", Some(false), Some(Number::Float)),
            ]
        );
        let loc = &facts.models.first().map(|m| m.loc.clone()).unwrap_or_default();
        assert_eq!((loc.line, loc.col), (11, 7));
    }

    #[test]
    fn unions_with_none_and_required_optionals_are_nullable() {
        let facts = read(
            r#"class A(BaseModel):
    a: Union[int, None] = None
    b: float | None
    c: Optional[str]
    d: Union[int, float]
    e: Union[List[int], int]
"#,
        );
        assert_eq!(
            fields(&facts, "A"),
            vec![
                f("a", "a", Some(true), Some(Number::Integer)),
                f("b", "b", Some(true), Some(Number::Float)),
                f("c", "c", Some(true), None),
                f("d", "d", Some(false), None),
                f("e", "e", Some(false), Some(Number::Integer)),
            ]
        );
    }

    #[test]
    fn pydantic_constants_are_printed_in_snake_case() {
        let facts = read(
            r#"class Body(BaseModel):
    IS_SATELLITE: Annotated[
        Annotated[Literal[True], AfterValidator(validate_const(True))],
        pydantic.Field(alias="is_satellite"),
    ] = True
"#,
        );
        assert_eq!(fields(&facts, "Body"), vec![f("is_satellite", "is_satellite", Some(false), None)]);
    }

    const DATACLASSES: &str = r#"import dataclasses
from cribl import utils
from dataclasses_json import Undefined, dataclass_json


@dataclass_json(undefined=Undefined.EXCLUDE)

@dataclasses.dataclass
class OutputCloudwatch:
    log_group_name: str = dataclasses.field(metadata={'dataclasses_json': { 'letter_case': utils.get_field_name('logGroupName') }})
    r"""CloudWatch log group"""
    metrics_mode: Optional[MetricsMode] = dataclasses.field(default=None, metadata={'dataclasses_json': { 'letter_case': utils.get_field_name('metricsMode'), 'exclude': lambda f: f is None }})
    stripe_id: Optional[int] = dataclasses.field(metadata={'dataclasses_json': { 'letter_case': utils.field_name('stripeId') }})
    ports: list[int] = dataclasses.field(metadata={'dataclasses_json': { 'letter_case': utils.get_field_name('ports') }})
    raw_response: Optional[requests_http.Response] = dataclasses.field(default=None, metadata={'dataclasses_json': { 'exclude': lambda f: True }})
    

@dataclasses.dataclass
class GetRequest:
    id: str = dataclasses.field(metadata={'path_param': { 'field_name': 'ID', 'style': 'simple', 'explode': False }})
    status_code: int = dataclasses.field()
"#;

    #[test]
    fn dataclasses_generation_keys_and_nullability() {
        let facts = read(DATACLASSES);
        assert!(facts.warnings.is_empty(), "{:?}", facts.warnings);
        assert_eq!(
            fields(&facts, "OutputCloudwatch"),
            vec![
                f("log_group_name", "logGroupName", Some(false), None),
                f("metrics_mode", "metricsMode", None, None),
                f("stripe_id", "stripeId", Some(true), Some(Number::Integer)),
                f("ports", "ports", Some(false), Some(Number::Integer)),
            ],
            "`raw_response` is excluded from JSON"
        );
        assert_eq!(
            fields(&facts, "GetRequest"),
            vec![f("id", "ID", Some(false), None), f("status_code", "status_code", Some(false), Some(Number::Integer))]
        );
    }

    #[test]
    fn enums_of_strings_numbers_and_open_enums() {
        let facts = read(
            r#"class HookType(str, Enum):
    r"""Doc."""
    ONE = "1"
    TWO = 2


class Priority(int, Enum):
    ONE = 1
    MINUS = -1


class Status(
    str, Enum, metaclass=utils.OpenEnumMeta
):
    PENDING = 'pending'
"#,
        );
        assert!(facts.warnings.is_empty(), "{:?}", facts.warnings);
        let s = |t: &str| Wire::String(t.into());
        let n = |t: &str| Wire::Number(t.into());
        assert_eq!(values(&facts, "HookType"), vec![("ONE".into(), s("1")), ("TWO".into(), s("2"))]);
        assert_eq!(values(&facts, "Priority"), vec![("ONE".into(), n("1")), ("MINUS".into(), n("-1"))]);
        assert_eq!(values(&facts, "Status"), vec![("PENDING".into(), s("pending"))]);
    }

    #[test]
    fn typed_dicts_and_sdk_classes_are_not_models() {
        let facts = read(
            r#"class ATypedDict(TypedDict):
    a: int

class SDKError(Exception):
    message: str
    status_code: int

    def __init__(self, message: str):
        self.message = message
"#,
        );
        assert_eq!(facts, FileFacts::default());
    }

    #[test]
    fn an_error_class_is_the_model_its_data_holds() {
        let facts = read(
            r#"class ClerkErrorsData(BaseModel):
    errors: List[ClerkError]


@dataclass(unsafe_hash=True)
class ClerkErrors(ClerkBaseError):
    r"""Request was not successful"""

    data: ClerkErrorsData = field(hash=False)

    def __init__(self, data: ClerkErrorsData, raw_response: httpx.Response):
        object.__setattr__(self, "data", data)
"#,
        );
        let errors = vec![f("errors", "errors", Some(false), None)];
        assert_eq!(fields(&facts, "ClerkErrors"), errors);
        assert_eq!(fields(&facts, "ClerkErrorsData"), errors);
        let elsewhere = read("class ServerError(UnstructuredClientError):\n    data: ServerErrorData\n");
        assert!(elsewhere.models.is_empty());
        assert_eq!(elsewhere.warnings.len(), 1);
    }

    #[test]
    fn a_class_ends_at_the_first_line_not_indented_past_it() {
        let facts = read(
            r#"class A(BaseModel):
    a: int
    def f(self):
        x: float = 1
b: str = 'module level'
class B(BaseModel): pass
"#,
        );
        assert_eq!(fields(&facts, "A"), vec![f("a", "a", Some(false), Some(Number::Integer))]);
        assert_eq!(fields(&facts, "B"), vec![]);
    }

    #[test]
    fn unreadable_declarations_warn_and_are_skipped() {
        for text in [
            "class A(BaseModel):\n    ok: int\n    a: int if X else str\n",
            "class A(BaseModel):\n    a: List[1:2]\n",
            "class A(BaseModel):\n    a: Annotated[str, pydantic.Field(alias=NAME)]\n",
            "@dataclass_json\n@dataclasses.dataclass\nclass A:\n    a: str = dataclasses.field(metadata={'dataclasses_json': { 'letter_case': LetterCase.CAMEL }})\n",
            "class A(str, Enum):\n    X = auto()\n",
        ] {
            let facts = read(text);
            assert!(facts.models.is_empty(), "{text}");
            let codes: Vec<&str> = facts.warnings.iter().map(|w| w.code).collect();
            assert_eq!(codes, vec![crate::sources::NOT_READ], "{text}");
        }
    }

    #[test]
    fn malformed_text_reads_without_a_model() {
        for text in
            ["class", "class A(", "class A(BaseModel:\n  a: int", "class A(BaseModel):\n  a: [[[", "]]] class A"]
        {
            let _ = read(text);
        }
        let deep = format!("class A(BaseModel):\n    a: {}int{}\n", "List[".repeat(500), "]".repeat(500));
        assert_eq!(read(&deep).warnings.len(), 1, "too deep to read, but no overflow");
    }

    proptest::proptest! {
        /// Any text reads without a panic.
        #[test]
        fn any_text_reads_without_panic(text in "\\PC{0,200}") {
            let _ = read(&text);
        }

        /// Text built from the notation's own pieces reads without a panic.
        #[test]
        fn any_notation_reads_without_panic(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "class ", "A", "(", ")", "[", "]", "{", "}", ":", "=", ",", "|", "-", "1", "'k'", "\n", "    ", "@",
            "BaseModel", "Enum", "str", "Annotated", "Optional", "Field", "alias", "lambda", "dataclass_json", "field", "metadata",
        ]), 0..80)) {
            let _ = read(&pieces.concat());
        }
    }
}
