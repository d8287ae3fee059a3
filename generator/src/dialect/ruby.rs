//! The grammar both Ruby dialects share; they differ only in the spelling of the
//! type constructors, which [`Syntax`] holds.
//!
//! ```text
//! type  := nilable type ")" | array type ">" | hash key "," type "]"
//!        | union type ("," type)* ")" | boolean | path
//! path  := "::"? ident ("::" ident)*
//! ```

use std::ops::Range;

use super::{FlatCell, ParseError, TypeExpr, MAX_DEPTH};

pub struct Syntax {
    pub nilable: &'static str,
    pub array: &'static str,
    pub hash: &'static str,
    pub union: &'static str,
    pub boolean: &'static str,
}

/// Namespaces of the Ruby SDKs' transport layer: never API data.
const TRANSPORT: &[&str] = &["Faraday", "Net"];

pub fn parse(syntax: &Syntax, cell: &FlatCell) -> Result<TypeExpr, ParseError> {
    let mut p = Parser { syntax, cell, pos: 0, depth: 0 };
    let (ty, _) = p.ty()?;
    p.skip_ws();
    if p.pos < cell.text.len() {
        return Err(p.error("end of type"));
    }
    Ok(ty)
}

struct Parser<'a> {
    syntax: &'a Syntax,
    cell: &'a FlatCell,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.cell.text[self.pos..]
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_ws();
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    /// Like `eat`, for a token that must not run on into a name (`T::BooleanX`).
    fn eat_word(&mut self, token: &str) -> bool {
        self.skip_ws();
        let rest = self.rest();
        let whole = rest.starts_with(token) && !rest[token.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_');
        if whole {
            self.pos += token.len();
        }
        whole
    }

    fn expect(&mut self, token: &str) -> Result<(), ParseError> {
        if self.eat(token) {
            Ok(())
        } else {
            Err(self.error(&format!("`{token}`")))
        }
    }

    fn error(&self, expected: &str) -> ParseError {
        let found = self.rest().chars().next().map_or("end of cell".to_string(), |c| format!("`{c}`"));
        ParseError { offset: self.pos, message: format!("expected {expected}, found {found}") }
    }

    fn ty(&mut self) -> Result<(TypeExpr, Range<usize>), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError {
                offset: self.pos,
                message: format!("type is nested more than {MAX_DEPTH} levels deep"),
            });
        }
        self.skip_ws();
        let start = self.pos;
        let s = self.syntax;
        let ty = if self.eat(s.nilable) {
            let (inner, _) = self.ty()?;
            self.expect(")")?;
            TypeExpr::Nullable(Box::new(inner))
        } else if self.eat(s.array) {
            let (inner, _) = self.ty()?;
            self.expect(">")?;
            TypeExpr::Array(Box::new(inner))
        } else if self.eat(s.hash) {
            self.key()?;
            self.expect(",")?;
            let (inner, _) = self.ty()?;
            self.expect("]")?;
            TypeExpr::Map(Box::new(inner))
        } else if self.eat(s.union) {
            self.union(start)?
        } else if self.eat_word(s.boolean) {
            TypeExpr::Boolean
        } else {
            self.path()?
        };
        self.depth -= 1;
        Ok((ty, start..self.pos))
    }

    fn union(&mut self, start: usize) -> Result<TypeExpr, ParseError> {
        let mut members = vec![self.ty()?.0];
        while self.eat(",") {
            members.push(self.ty()?.0);
        }
        self.expect(")")?;
        let link = self.cell.link_covering(&(start..self.pos)).map(str::to_string);
        // The union owns the link that wraps it; members are named by their own text.
        for member in &mut members {
            if let TypeExpr::Named { link: member_link, .. } = member {
                if *member_link == link {
                    *member_link = None;
                }
            }
        }
        Ok(TypeExpr::Union { members, link })
    }

    /// Hash keys are symbols or strings: JSON object keys either way.
    fn key(&mut self) -> Result<(), ParseError> {
        let at = self.pos;
        match self.path()? {
            TypeExpr::String => Ok(()),
            _ => Err(ParseError { offset: at, message: "expected `Symbol` or `::String` as hash key".into() }),
        }
    }

    fn path(&mut self) -> Result<TypeExpr, ParseError> {
        self.skip_ws();
        let start = self.pos;
        let mut segments = Vec::new();
        self.eat("::");
        loop {
            let ident_len = self
                .rest()
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(self.rest().len());
            if ident_len == 0 || self.rest().starts_with(|c: char| c.is_ascii_digit()) {
                return Err(self.error("a type name"));
            }
            segments.push(self.rest()[..ident_len].to_string());
            self.pos += ident_len;
            if !self.rest().starts_with("::") {
                break;
            }
            self.pos += 2;
        }
        let link = self.cell.link_covering(&(start..self.pos)).map(str::to_string);
        // Ruby constants are capitalized: `string` is some other language's type.
        let capitalized = segments.last().is_some_and(|s| s.starts_with(|c: char| c.is_uppercase()));
        if link.is_none() && !capitalized {
            return Err(ParseError { offset: start, message: format!("`{}` is no Ruby type", &self.cell.text[start..self.pos]) });
        }
        Ok(classify(segments, link))
    }
}

/// The text [`parse`] reads back as `ty` (links cleared), or `None` when `ty`
/// cannot be written in this grammar: a name that is not a path of identifiers,
/// or that reads back as something else (`Integer`, `Faraday::X`), or an empty union.
pub fn print(syntax: &Syntax, ty: &TypeExpr) -> Option<String> {
    let mut out = String::new();
    write(syntax, ty, &mut out)?;
    Some(out)
}

fn write(syntax: &Syntax, ty: &TypeExpr, out: &mut String) -> Option<()> {
    match ty {
        TypeExpr::String => out.push_str("::String"),
        TypeExpr::Integer => out.push_str("::Integer"),
        TypeExpr::Float => out.push_str("::Float"),
        TypeExpr::Boolean => out.push_str(syntax.boolean),
        TypeExpr::Date => out.push_str("Date"),
        TypeExpr::DateTime => out.push_str("DateTime"),
        TypeExpr::Any => out.push_str("::Object"),
        TypeExpr::Binary => return None,
        TypeExpr::Nullable(inner) => {
            out.push_str(syntax.nilable);
            write(syntax, inner, out)?;
            out.push(')');
        }
        TypeExpr::Array(inner) => {
            out.push_str(syntax.array);
            write(syntax, inner, out)?;
            out.push('>');
        }
        TypeExpr::Map(inner) => {
            out.push_str(syntax.hash);
            out.push_str("Symbol, ");
            write(syntax, inner, out)?;
            out.push(']');
        }
        TypeExpr::Union { members, .. } => {
            out.push_str(syntax.union);
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(syntax, m, out)?;
            }
            out.push(')');
            members.first()?;
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
        // Ruby has no number of unknown kind, and no wrapper but `nilable`.
        TypeExpr::Number | TypeExpr::Optional(_) => return None,
    }
    Some(())
}

/// `::A::B` when those segments are identifiers that read back as `expected`.
fn path_text(segments: Vec<String>, expected: TypeExpr) -> Option<String> {
    let ident = |s: &String| {
        !s.is_empty() && !s.starts_with(|c: char| c.is_ascii_digit()) && s.chars().all(|c| c.is_alphanumeric() || c == '_')
    };
    if !segments.iter().all(ident) {
        return None;
    }
    // The leading `::` keeps a name such as `T::Boolean` from reading as a constructor.
    let text = format!("::{}", segments.join("::"));
    (classify(segments, None) == expected).then_some(text)
}

fn classify(mut segments: Vec<String>, link: Option<String>) -> TypeExpr {
    let builtin = match segments.join("::").as_str() {
        "String" | "Symbol" => Some(TypeExpr::String),
        "Integer" => Some(TypeExpr::Integer),
        "Float" | "BigDecimal" => Some(TypeExpr::Float),
        "Object" => Some(TypeExpr::Any),
        "Date" => Some(TypeExpr::Date),
        "DateTime" | "Time" => Some(TypeExpr::DateTime),
        _ => None,
    };
    if let Some(ty) = builtin {
        return ty;
    }
    let external = link.as_deref().is_some_and(|l| l.starts_with("http://") || l.starts_with("https://"));
    if external || TRANSPORT.contains(&segments[0].as_str()) {
        return TypeExpr::External(segments.join("::"));
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
