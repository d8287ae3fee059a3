//! The oldest generation's models: class-transformer classes.
//!
//! ```text
//! export class AccountingAccount extends SpeakeasyBase {
//!     @SpeakeasyMetadata()
//!     @Expose({ name: "created_at" })
//!     createdAt?: Date;
//! ```
//!
//! `@Expose({ name })` names the JSON key (`@Expose()` alone: the property's
//! own name); an operation's parameters name theirs in `@SpeakeasyMetadata({
//! data: "queryParam, style=form;explode=true;name=updated_gte" })`. A member
//! with neither (a request's body, a response's status code) has no key.
//! Nothing is validated when a class is filled from JSON, and the generation
//! never writes `| null`, so the notation cannot say whether `null` comes; and
//! TypeScript's `number` says neither integer nor float.

use super::expr::{matching, Expr, Parser};
use crate::sources::lex::{Tok, Token};

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    pub key: String,
    /// The index of the property name's token.
    pub at: usize,
}

/// What a class body (from its `{` at `open` to its `}` at `close`) declares.
#[derive(Debug, Default, PartialEq)]
pub struct Body {
    /// Whether any member carries a class-transformer or Speakeasy decorator:
    /// only then is the class a model (not an error class or a helper).
    pub decorated: bool,
    pub members: Vec<Member>,
    /// A decorated member whose key is written in a way not read: its index and why.
    pub unreadable: Option<(usize, String)>,
}

pub fn body(toks: &[Token<'_>], open: usize, close: usize) -> Body {
    let toks = toks.get(..close).unwrap_or(toks);
    let mut out = Body::default();
    let mut decorators: Vec<Expr<'_>> = Vec::new();
    let mut i = open + 1;
    while let Some(t) = toks.get(i) {
        if t.is_punct('@') {
            let mut parser = Parser::new(toks, i + 1);
            decorators.extend(parser.term());
            i = parser.pos().max(i + 1);
        } else if let Some(at) = property(toks, i) {
            out.member(toks, at, &decorators);
            decorators.clear();
            i = statement_end(toks, at);
        } else if matches!(t.tok, Tok::Punct('(' | '[' | '{')) {
            // A method's parameters or body, an index signature.
            decorators.clear();
            i = matching(toks, i).map_or(toks.len(), |c| c + 1);
        } else {
            i += 1;
        }
    }
    out
}

impl Body {
    fn member(&mut self, toks: &[Token<'_>], at: usize, decorators: &[Expr<'_>]) {
        let Some(name) = toks.get(at).and_then(|t| t.ident()) else { return };
        let mut key = None;
        for decorator in decorators {
            let Some((Expr::Name(which), args)) = decorator.call() else { continue };
            let found = match *which {
                "Expose" => expose(args, name),
                "SpeakeasyMetadata" => Ok(metadata(args)),
                _ => continue,
            };
            self.decorated = true;
            match found {
                Ok(found) => key = key.or(found),
                Err(why) => self.unreadable = self.unreadable.take().or(Some((at, why))),
            }
        }
        if let Some(key) = key {
            self.members.push(Member { name: name.to_string(), key, at });
        }
    }
}

/// The key `@Expose(...)` gives: its `name`, or with none the property's own.
fn expose(args: &[Expr<'_>], property: &str) -> Result<Option<String>, String> {
    let Some(Expr::Object(entries)) = args.first() else {
        return if args.is_empty() { Ok(Some(property.to_string())) } else { Err("its @Expose is not given an object".into()) };
    };
    match entries.iter().find(|e| e.key.as_ref().is_some_and(|(k, _)| k == "name")).map(|e| &e.value) {
        Some(Expr::Str(name)) => Ok(Some(name.clone())),
        Some(_) => Err("its @Expose name is not a string".into()),
        None => Ok(Some(property.to_string())),
    }
}

/// The `name=` of a `@SpeakeasyMetadata({ data: "kind, a=b;name=key" })`.
fn metadata(args: &[Expr<'_>]) -> Option<String> {
    let Some(Expr::Object(entries)) = args.first() else { return None };
    let data = entries.iter().find(|e| e.key.as_ref().is_some_and(|(k, _)| k == "data")).map(|e| &e.value)?;
    let Expr::Str(data) = data else { return None };
    let (_kind, params) = data.split_once(',')?;
    params.split([';', ',']).find_map(|p| p.trim().strip_prefix("name=")).map(str::to_string)
}

/// The index of a property's name when a property declaration (`name?: T`,
/// `name!: T`, `name: T`, after any modifiers) starts at `i`.
fn property(toks: &[Token<'_>], i: usize) -> Option<usize> {
    toks.get(i)?.ident()?;
    let at = |k: usize, c: char| toks.get(i + k).is_some_and(|t| t.is_punct(c));
    let typed = at(1, ':') || ((at(1, '?') || at(1, '!')) && at(2, ':'));
    typed.then_some(i)
}

/// The index past the `;` that ends the declaration at `from` (past any
/// brackets in its type), or the end.
fn statement_end(toks: &[Token<'_>], from: usize) -> usize {
    let mut i = from;
    while let Some(t) = toks.get(i) {
        match t.tok {
            Tok::Punct(';') => return i + 1,
            Tok::Punct('(' | '[' | '{') => i = matching(toks, i).map_or(toks.len(), |c| c + 1),
            // A member that left out its `;`: the next one's decorator.
            Tok::Punct('@') if i > from => return i,
            _ => i += 1,
        }
    }
    i
}
