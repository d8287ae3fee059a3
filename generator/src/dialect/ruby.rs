//! The grammar both Ruby dialects share; they differ only in the names of the
//! type constructors, which [`Syntax`] holds.
//!
//! ```text
//! type  := ctor open args close | boolean ".new"? | "T.untyped" | "T.anything" | path
//! ctor  := nilable | array | set | hash | union
//! open  := ".new(" | "(" | "[" | "<"          (closed by the matching bracket)
//! args  := type                               (nilable, array, set)
//!        | key "," type                       (hash: `Symbol` or `String` keys)
//!        | member ("," member)*               (union; `NilClass` or `nil` makes it nilable)
//! path  := "::"? ident ("::" ident)*
//! ```
//!
//! The generators wrote each constructor with more than one bracket over the
//! years (`T::Array<X>` in docs, Sorbet's own `T::Array[X]` inside `T.any(...)`,
//! Crystalline's `Crystalline::Array.new(X)` in code), so every constructor takes
//! every bracket; the printer writes the one the docs use most.

use std::ops::Range;

use super::scan::{self, Cursor};
use super::{FlatCell, ParseError, TypeExpr};

pub struct Syntax {
    pub nilable: &'static str,
    pub array: &'static str,
    /// A set is a JSON array.
    pub set: &'static str,
    pub hash: &'static str,
    pub union: &'static str,
    pub boolean: &'static str,
    /// Whether the SDK builds types with `.new` (`Crystalline::Nilable.new(X)`,
    /// `Crystalline::Boolean.new`): the printer writes it then.
    pub new: bool,
}

/// Namespaces of the Ruby SDKs' transport layer: never API data.
const TRANSPORT: &[&str] = &["Faraday", "Net"];

/// Ruby's classes for values of a built-in type, by their full path.
const BUILTINS: &[(&str, TypeExpr)] = &[
    ("String", TypeExpr::String),
    ("Symbol", TypeExpr::String),
    ("Integer", TypeExpr::Integer),
    ("Float", TypeExpr::Float),
    ("BigDecimal", TypeExpr::Float),
    ("Numeric", TypeExpr::Number),
    ("TrueClass", TypeExpr::Boolean),
    ("FalseClass", TypeExpr::Boolean),
    ("Object", TypeExpr::Any),
    ("Date", TypeExpr::Date),
    ("DateTime", TypeExpr::DateTime),
    ("Time", TypeExpr::DateTime),
    // File uploads and downloads: Ruby's IO objects.
    ("IO", TypeExpr::Binary),
    ("StringIO", TypeExpr::Binary),
    ("File", TypeExpr::Binary),
    ("Tempfile", TypeExpr::Binary),
];

/// Sorbet's names for "any value".
const UNTYPED: &[&str] = &["T.untyped", "T.anything"];

/// Sorbet's and Ruby's names for `nil` as a union member.
const NIL: &[&str] = &["::NilClass", "NilClass", "nil"];

#[derive(Clone, Copy)]
enum Ctor {
    Nilable,
    Array,
    Hash,
    Union,
}

pub fn parse(syntax: &Syntax, cell: &FlatCell) -> Result<TypeExpr, ParseError> {
    let mut c = Cursor::new(cell);
    let ty = ty(syntax, &mut c)?;
    c.finish(ty)
}

fn ty(s: &Syntax, c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    c.enter()?;
    c.skip_ws();
    let start = c.pos;
    let ctors = [
        (s.nilable, Ctor::Nilable),
        (s.array, Ctor::Array),
        (s.set, Ctor::Array),
        (s.hash, Ctor::Hash),
        (s.union, Ctor::Union),
    ];
    let ty = if let Some(&(_, ctor)) = ctors.iter().find(|(name, _)| c.eat_word(name)) {
        constructed(s, c, ctor, start)?
    } else if c.eat_word(s.boolean) {
        c.eat_word(".new");
        TypeExpr::Boolean
    } else if UNTYPED.iter().any(|w| c.eat_word(w)) {
        TypeExpr::Any
    } else {
        path(c)?
    };
    c.leave();
    Ok(ty)
}

/// The arguments of a constructor, in whichever bracket the docs opened.
fn constructed(s: &Syntax, c: &mut Cursor<'_>, ctor: Ctor, start: usize) -> Result<TypeExpr, ParseError> {
    let close = open(c)?;
    let ty = match ctor {
        Ctor::Nilable => TypeExpr::Nullable(Box::new(ty(s, c)?)),
        Ctor::Array => TypeExpr::Array(Box::new(ty(s, c)?)),
        Ctor::Hash => {
            key(c)?;
            c.expect(",")?;
            TypeExpr::Map(Box::new(ty(s, c)?))
        }
        Ctor::Union => {
            let (members, nil) = union(s, c)?;
            c.expect(close)?;
            // The union owns the link that wraps it; members are named by their own text.
            let union = scan::union(members, c.link(&(start..c.pos)));
            return Ok(if nil { TypeExpr::Nullable(Box::new(union)) } else { union });
        }
    };
    c.expect(close)?;
    Ok(ty)
}

/// The opening bracket, and the one that must close it.
fn open(c: &mut Cursor<'_>) -> Result<&'static str, ParseError> {
    const BRACKETS: &[(&str, &str)] = &[(".new(", ")"), ("(", ")"), ("[", "]"), ("<", ">")];
    // No space between a constructor and its bracket: `T::Array [` is no type.
    let found = BRACKETS.iter().find(|(open, _)| c.rest().starts_with(open));
    let &(open, close) = found.ok_or_else(|| c.error("`(`, `[` or `<`"))?;
    c.pos += open.len();
    Ok(close)
}

/// Union members, and whether one of them is `nil` (the union is nilable then).
fn union(s: &Syntax, c: &mut Cursor<'_>) -> Result<(Vec<TypeExpr>, bool), ParseError> {
    let mut members = Vec::new();
    let mut nil = false;
    loop {
        if NIL.iter().any(|w| c.eat_word(w)) {
            nil = true;
        } else {
            members.push(ty(s, c)?);
        }
        if !c.eat(",") {
            break;
        }
    }
    if members.is_empty() {
        return Err(c.error("a member other than `NilClass`"));
    }
    Ok((members, nil))
}

/// Hash keys are symbols or strings: JSON object keys either way.
fn key(c: &mut Cursor<'_>) -> Result<(), ParseError> {
    c.skip_ws();
    let at = c.pos;
    match path(c)? {
        TypeExpr::String => Ok(()),
        _ => Err(scan::error_at(at, "expected `Symbol` or `::String` as hash key")),
    }
}

fn path(c: &mut Cursor<'_>) -> Result<TypeExpr, ParseError> {
    c.skip_ws();
    let start = c.pos;
    c.eat("::");
    let (segments, _) = c.path("::")?;
    let range = start..c.pos;
    let link = c.link(&range);
    // Ruby constants are capitalized: `string` is some other language's type.
    let capitalized = segments.last().is_some_and(|s| s.starts_with(|ch: char| ch.is_uppercase()));
    if link.is_none() && !capitalized {
        return Err(scan::error_at(start, &format!("`{}` is no Ruby type", &c.cell.text[range])));
    }
    let own_doc = own_doc_link(c.cell, &range);
    Ok(classify(segments, link, own_doc))
}

/// Whether a link to a doc of the tree covers exactly this name (maybe with its
/// leading `::`): then it is a model even if it spells a Ruby class (`File`).
/// A link around a whole union or `T.nilable(...)` says nothing of one member.
fn own_doc_link(cell: &FlatCell, range: &Range<usize>) -> bool {
    let name = cell.text.get(range.clone()).unwrap_or_default().trim_start_matches("::");
    cell.links.iter().any(|(r, url)| {
        let covered = cell.text.get(r.clone()).unwrap_or_default().trim().trim_start_matches("::");
        r.start <= range.start && range.end <= r.end && covered == name && is_doc(url)
    })
}

fn is_doc(url: &str) -> bool {
    !url.starts_with("http://") && !url.starts_with("https://") && url.split('#').next().is_some_and(|f| f.ends_with(".md"))
}

/// The text [`parse`] reads back as `ty` (links cleared), or `None` when `ty`
/// cannot be written in this grammar: a name that is not a path of identifiers,
/// or that reads back as something else (`Integer`, `Faraday::X`), or a union
/// that would not read back as one (fewer than two members, or repeated ones).
pub fn print(syntax: &Syntax, ty: &TypeExpr) -> Option<String> {
    let mut out = String::new();
    write(syntax, ty, &mut out)?;
    Some(out)
}

fn write(s: &Syntax, ty: &TypeExpr, out: &mut String) -> Option<()> {
    let call = if s.new { ".new(" } else { "(" };
    match ty {
        TypeExpr::Boolean => {
            out.push_str(s.boolean);
            if s.new {
                out.push_str(".new");
            }
        }
        TypeExpr::Nullable(inner) => wrapped(s, &[s.nilable, call], inner, ")", out)?,
        TypeExpr::Array(inner) => wrapped(s, &[s.array, "<"], inner, ">", out)?,
        TypeExpr::Map(inner) => wrapped(s, &[s.hash, "[Symbol, "], inner, "]", out)?,
        TypeExpr::Union { members, .. } => {
            let distinct = members.iter().enumerate().all(|(i, m)| !members[..i].contains(m));
            if members.len() < 2 || !distinct {
                return None;
            }
            out.push_str(s.union);
            out.push_str(call);
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(s, m, out)?;
            }
            out.push(')');
        }
        TypeExpr::Named { namespace, name, .. } => {
            let segments: Vec<String> = namespace.iter().chain([name]).cloned().collect();
            let expected = TypeExpr::Named { namespace: namespace.clone(), name: name.clone(), link: None };
            out.push_str(&path_text(segments, expected)?);
        }
        TypeExpr::External(name) => {
            let segments: Vec<String> = name.split("::").map(str::to_string).collect();
            out.push_str(&path_text(segments, ty.clone())?);
        }
        // Ruby has no wrapper but `nilable`.
        TypeExpr::Optional(_) => return None,
        builtin => out.push_str(&format!("::{}", BUILTINS.iter().find(|(_, t)| t == builtin)?.0)),
    }
    Some(())
}

fn wrapped(s: &Syntax, open: &[&str], inner: &TypeExpr, close: &str, out: &mut String) -> Option<()> {
    open.iter().for_each(|part| out.push_str(part));
    write(s, inner, out)?;
    out.push_str(close);
    Some(())
}

/// `::A::B` when those segments are identifiers that read back as `expected`.
fn path_text(segments: Vec<String>, expected: TypeExpr) -> Option<String> {
    let ident = |s: &String| {
        !s.is_empty() && !s.starts_with(|c: char| c.is_ascii_digit()) && s.chars().all(|c| c.is_alphanumeric() || c == '_')
    };
    if !segments.iter().all(ident) || (segments.len() == 1 && NIL.contains(&segments[0].as_str())) {
        return None;
    }
    // The leading `::` keeps a name such as `T::Boolean` from reading as a constructor.
    let text = format!("::{}", segments.join("::"));
    (classify(segments, None, false) == expected).then_some(text)
}

fn classify(mut segments: Vec<String>, link: Option<String>, own_doc: bool) -> TypeExpr {
    let joined = segments.join("::");
    if let Some((_, ty)) = BUILTINS.iter().find(|(name, _)| *name == joined).filter(|_| !own_doc) {
        return ty.clone();
    }
    let external = link.as_deref().is_some_and(|l| l.starts_with("http://") || l.starts_with("https://"));
    if external || TRANSPORT.contains(&segments[0].as_str()) {
        return TypeExpr::External(joined);
    }
    let name = segments.pop().unwrap_or_default();
    TypeExpr::Named { namespace: segments, name, link }
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::TypeExpr::{self, *};

    pub fn named(namespace: &[&str], name: &str, link: Option<&str>) -> TypeExpr {
        Named {
            namespace: namespace.iter().map(|s| s.to_string()).collect(),
            name: name.into(),
            link: link.map(str::to_string),
        }
    }

    pub fn b(t: TypeExpr) -> Box<TypeExpr> {
        Box::new(t)
    }
}
