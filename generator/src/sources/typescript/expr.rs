//! A tolerant reader of the JavaScript expressions that zod schemas, enum
//! objects and decorators are written in: calls, member chains, arrows, object
//! and array literals. Operators are not parsed: terms joined by operators
//! (`v.a === undefined ? null : { b: v.a }`, `new Date(v)`, `{...} as const`)
//! are kept as a [`Expr::Seq`] of the terms in order, which is all the readers
//! look at. Any token sequence reads to some expression, never a panic; what
//! does not fit is [`Expr::Other`].

use crate::sources::lex::{Tok, Token};

/// How deep expressions nest before the rest is skipped unread: generated
/// schemas nest a few levels, and the bound keeps the recursion off the stack's end.
const MAX_DEPTH: u32 = 32;

/// How many member accesses, calls and indexes one term chains: the same
/// bound for chains (`z.string().min(1).optional()` has four).
const MAX_CHAIN: u32 = 32;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr<'a> {
    Name(&'a str),
    Str(String),
    /// A number as written, with its sign (`-1`).
    Num(String),
    Member(Box<Expr<'a>>, &'a str),
    Index(Box<Expr<'a>>, Box<Expr<'a>>),
    Call(Box<Expr<'a>>, Vec<Expr<'a>>),
    /// An arrow function: its parameters' names and its body (a block's
    /// statements as one `Seq`).
    Arrow(Vec<&'a str>, Box<Expr<'a>>),
    Object(Vec<Entry<'a>>),
    Array(Vec<Expr<'a>>),
    /// Terms joined by operators or keywords, in order.
    Seq(Vec<Expr<'a>>),
    Other,
}

/// One entry of an object literal.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    /// The key (a name, string or number) and the index of its token; `None`
    /// for a spread (`...x`) or an entry that is not `key: value`.
    pub key: Option<(String, usize)>,
    pub value: Expr<'a>,
}

impl<'a> Expr<'a> {
    /// A call's callee and arguments.
    pub fn call(&self) -> Option<(&Expr<'a>, &[Expr<'a>])> {
        match self {
            Expr::Call(callee, args) => Some((callee, args)),
            _ => None,
        }
    }

    pub fn name(&self) -> Option<&'a str> {
        match self {
            Expr::Name(name) => Some(name),
            _ => None,
        }
    }

    /// Every expression inside this one, itself first.
    pub fn walk(&self, visit: &mut dyn FnMut(&Expr<'a>)) {
        visit(self);
        match self {
            Expr::Member(inner, _) | Expr::Arrow(_, inner) => inner.walk(visit),
            Expr::Index(a, b) => {
                a.walk(visit);
                b.walk(visit);
            }
            Expr::Call(callee, args) => {
                callee.walk(visit);
                args.iter().for_each(|a| a.walk(visit));
            }
            Expr::Object(entries) => entries.iter().for_each(|e| e.value.walk(visit)),
            Expr::Array(items) | Expr::Seq(items) => items.iter().for_each(|i| i.walk(visit)),
            Expr::Name(_) | Expr::Str(_) | Expr::Num(_) | Expr::Other => {}
        }
    }
}

/// Reads expressions from a token slice, from a position on.
pub struct Parser<'t, 'a> {
    toks: &'t [Token<'a>],
    pos: usize,
    depth: u32,
}

impl<'t, 'a> Parser<'t, 'a> {
    pub fn new(toks: &'t [Token<'a>], pos: usize) -> Self {
        Parser { toks, pos, depth: 0 }
    }

    /// The index of the next token not read.
    pub fn pos(&self) -> usize {
        self.pos
    }

    fn tok(&self, offset: usize) -> Option<&'t Token<'a>> {
        self.toks.get(self.pos + offset)
    }

    fn punct(&self, offset: usize, c: char) -> bool {
        self.tok(offset).is_some_and(|t| t.is_punct(c))
    }

    /// Whether an expression cannot go on here: a separator, a closing
    /// bracket, the end, or `export` (which starts the next declaration of a
    /// file that left out a `;`).
    fn at_end(&self) -> bool {
        match self.tok(0) {
            None => true,
            Some(t) => matches!(t.tok, Tok::Punct(',' | ';' | ')' | ']' | '}')) || t.is_ident("export"),
        }
    }

    /// One expression, up to a separator or closing bracket (not consumed).
    pub fn expr(&mut self) -> Expr<'a> {
        if self.depth >= MAX_DEPTH {
            self.skip_expr();
            return Expr::Other;
        }
        self.depth += 1;
        let mut terms = Vec::new();
        let mut expect_term = true;
        while !self.at_end() {
            let negative = expect_term && self.punct(0, '-') && matches!(self.tok(1).map(|t| &t.tok), Some(Tok::Num(_)));
            if negative {
                if let Some(Tok::Num(n)) = self.tok(1).map(|t| &t.tok) {
                    terms.push(Expr::Num(format!("-{n}")));
                }
                self.pos += 2;
                expect_term = false;
            } else if let Some(term) = self.term() {
                terms.push(term);
                expect_term = false;
            } else {
                // An operator: it joins terms, and what follows is a term.
                self.pos += 1;
                expect_term = true;
            }
        }
        self.depth -= 1;
        match terms.len() {
            0 => Expr::Other,
            1 => terms.pop().unwrap_or(Expr::Other),
            _ => Expr::Seq(terms),
        }
    }

    /// One term: a primary expression and its member accesses, calls and
    /// indexes; `None` (nothing read) when no term starts here.
    pub fn term(&mut self) -> Option<Expr<'a>> {
        let primary = self.primary()?;
        Some(self.postfix(primary))
    }

    fn primary(&mut self) -> Option<Expr<'a>> {
        let tok = self.tok(0)?;
        let expr = match &tok.tok {
            Tok::Ident(name) if self.punct(1, '=') && self.punct(2, '>') => {
                self.pos += 3;
                let body = self.arrow_body();
                Expr::Arrow(vec![name], Box::new(body))
            }
            Tok::Ident(name) => {
                self.pos += 1;
                Expr::Name(name)
            }
            Tok::Str(s) => {
                self.pos += 1;
                Expr::Str(s.to_string())
            }
            Tok::Num(n) => {
                self.pos += 1;
                Expr::Num((*n).to_string())
            }
            Tok::Punct('(') => self.paren_or_arrow(),
            Tok::Punct('[') => {
                self.pos += 1;
                Expr::Array(self.list(']'))
            }
            Tok::Punct('{') => {
                self.pos += 1;
                self.object()
            }
            Tok::Punct(_) => return None,
        };
        Some(expr)
    }

    fn postfix(&mut self, mut expr: Expr<'a>) -> Expr<'a> {
        let mut steps = 0;
        loop {
            // `?.` and `!.` (optional chaining, a non-null assertion) read as `.`.
            let skip = usize::from((self.punct(0, '?') || self.punct(0, '!')) && self.punct(1, '.'));
            let member = self.tok(skip + 1).and_then(|t| t.ident());
            let dot = self.punct(skip, '.') && member.is_some();
            if !dot && !self.punct(0, '(') && !self.punct(0, '[') {
                return expr;
            }
            steps += 1;
            if steps > MAX_CHAIN {
                // Past any generated chain: skipped, keeping the tree (and
                // the recursion over it) shallow.
                self.pos = if dot { self.pos + skip + 2 } else { matching(self.toks, self.pos).map_or(self.toks.len(), |c| c + 1) };
                expr = Expr::Other;
            } else if dot {
                self.pos += skip + 2;
                expr = Expr::Member(Box::new(expr), member.unwrap_or_default());
            } else if self.eat('(') {
                expr = Expr::Call(Box::new(expr), self.list(')'));
            } else {
                expr = Expr::Index(Box::new(expr), Box::new(self.index()));
            }
        }
    }

    /// `[expr]` after a term.
    fn index(&mut self) -> Expr<'a> {
        let open = self.pos;
        self.pos += 1;
        let index = self.expr();
        if !self.eat(']') {
            self.skip_past(open);
        }
        index
    }

    fn eat(&mut self, c: char) -> bool {
        let here = self.punct(0, c);
        self.pos += usize::from(here);
        here
    }

    /// Comma-separated expressions after an opening bracket, through `close`.
    fn list(&mut self, close: char) -> Vec<Expr<'a>> {
        let open = self.pos.saturating_sub(1);
        let mut items = Vec::new();
        while self.tok(0).is_some() && !self.eat(close) {
            let before = self.pos;
            let item = self.expr();
            if self.pos > before {
                items.push(item);
            }
            if !self.eat(',') && !self.punct(0, close) {
                self.skip_past(open);
                break;
            }
        }
        items
    }

    /// After what could not be read inside the bracket at `open` (statements
    /// in an object's place, say), goes on past its closing bracket, so that
    /// what follows reads at its own level.
    fn skip_past(&mut self, open: usize) {
        self.pos = matching(self.toks, open).map_or(self.toks.len(), |close| close + 1).max(self.pos);
    }

    /// An object literal's entries after its `{`, through its `}`.
    fn object(&mut self) -> Expr<'a> {
        let open = self.pos.saturating_sub(1);
        let mut entries = Vec::new();
        while self.tok(0).is_some() && !self.eat('}') {
            entries.push(self.entry());
            if !self.eat(',') && !self.punct(0, '}') {
                self.skip_past(open);
                break;
            }
        }
        Expr::Object(entries)
    }

    fn entry(&mut self) -> Entry<'a> {
        let key = self.tok(0).and_then(|t| match &t.tok {
            Tok::Ident(s) | Tok::Num(s) => Some((*s).to_string()),
            Tok::Str(s) => Some(s.to_string()),
            Tok::Punct(_) => None,
        });
        match key {
            Some(key) if self.punct(1, ':') => {
                let at = self.pos;
                self.pos += 2;
                Entry { key: Some((key, at)), value: self.expr() }
            }
            // A shorthand `{ name }`: the key and the value are one name.
            Some(key) if self.punct(1, ',') || self.punct(1, '}') => {
                let at = self.pos;
                let value = self.tok(0).and_then(|t| t.ident()).map_or(Expr::Other, Expr::Name);
                self.pos += 1;
                Entry { key: Some((key, at)), value }
            }
            _ => {
                let spread = self.punct(0, '.') && self.punct(1, '.') && self.punct(2, '.');
                self.pos += if spread { 3 } else { 0 };
                Entry { key: None, value: self.expr() }
            }
        }
    }

    /// `(` starts an arrow's parameters when `=>` follows its `)`, else a
    /// parenthesized expression.
    fn paren_or_arrow(&mut self) -> Expr<'a> {
        let close = matching(self.toks, self.pos);
        let arrow = close.is_some_and(|c| {
            let at = |i: usize, ch: char| self.toks.get(i).is_some_and(|t| t.is_punct(ch));
            at(c + 1, '=') && at(c + 2, '>')
        });
        match close {
            Some(close) if arrow => {
                let params = params(self.toks.get(self.pos + 1..close).unwrap_or_default());
                self.pos = close + 3;
                let body = self.arrow_body();
                Expr::Arrow(params, Box::new(body))
            }
            _ => {
                let open = self.pos;
                self.pos += 1;
                let inner = self.expr();
                if !self.eat(')') {
                    self.skip_past(open);
                }
                inner
            }
        }
    }

    /// An arrow's body: an expression, or a block's statements as one
    /// [`Expr::Seq`] (`return` a name in it), which is all a reader needs to
    /// find what the block calls and builds.
    fn arrow_body(&mut self) -> Expr<'a> {
        if !self.eat('{') {
            return self.expr();
        }
        let mut statements = Vec::new();
        while self.tok(0).is_some() && !self.eat('}') {
            let before = self.pos;
            match self.expr() {
                Expr::Seq(terms) => statements.extend(terms),
                Expr::Other => {}
                one => statements.push(one),
            }
            // A `;`, or a bracket no expression took (`if (a) { ... }` reads
            // as terms, so only a stray closer is left).
            if self.pos == before || self.punct(0, ';') || self.punct(0, ',') || self.punct(0, ')') || self.punct(0, ']') {
                self.pos += 1;
            }
        }
        Expr::Seq(statements)
    }

    /// Skips to the end of the expression without reading it (past nested
    /// brackets), without recursion.
    fn skip_expr(&mut self) {
        while !self.at_end() {
            let opens = self.tok(0).is_some_and(|t| matches!(t.tok, Tok::Punct('(' | '[' | '{')));
            self.pos = match matching(self.toks, self.pos) {
                Some(close) if opens => close + 1,
                _ if opens => self.toks.len(),
                _ => self.pos + 1,
            };
        }
    }
}

/// The index of the bracket closing the one at `open`, counting all three
/// kinds alike (generated code balances them).
pub fn matching(toks: &[Token<'_>], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(open) {
        match t.tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The names of an arrow's parameters (`v`, `(v: T)`, `(a, b)`), from the
/// tokens between its parentheses: each name that starts a parameter.
fn params<'a>(inside: &[Token<'a>]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut starts = true;
    let mut depth = 0usize;
    for t in inside {
        match t.tok {
            Tok::Ident(name) if starts && depth == 0 => out.push(name),
            Tok::Punct('(' | '[' | '{' | '<') => depth += 1,
            Tok::Punct(')' | ']' | '}' | '>') => depth = depth.saturating_sub(1),
            _ => {}
        }
        starts = depth == 0 && t.is_punct(',');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::lex::{lex, Syntax};

    fn parse(text: &str) -> Expr<'_> {
        let toks = lex(text, &Syntax::TYPESCRIPT);
        // The tokens borrow `text`, so the expression may outlive them.
        Parser::new(&toks, 0).expr()
    }

    fn call<'a>(callee: Expr<'a>, args: Vec<Expr<'a>>) -> Expr<'a> {
        Expr::Call(Box::new(callee), args)
    }

    fn member<'a>(of: Expr<'a>, name: &'a str) -> Expr<'a> {
        Expr::Member(Box::new(of), name)
    }

    #[test]
    fn calls_members_and_objects() {
        let z_string = call(member(Expr::Name("z"), "string"), vec![]);
        let shape = Expr::Object(vec![
            Entry { key: Some(("a".into(), 5)), value: z_string },
            Entry { key: Some(("b-c".into(), 13)), value: Expr::Name("x") },
        ]);
        let object = call(member(Expr::Name("z"), "object"), vec![shape]);
        assert_eq!(parse("z.object({ a: z.string(), \"b-c\": x }).optional()"), call(member(object, "optional"), vec![]));
    }

    #[test]
    fn arrows_blocks_and_operators() {
        let e = parse("(v) => { const x = 1; return remap$(v, { a: \"b\" }); }");
        let Expr::Arrow(params, body) = e else { panic!("an arrow") };
        assert_eq!(params, vec!["v"]);
        let Expr::Seq(statements) = *body else { panic!("a block") };
        assert!(matches!(statements.as_slice(), [Expr::Name("const"), Expr::Name("x"), Expr::Num(_), Expr::Name("return"), Expr::Call(..)]));
        let e = parse("v => new Date(v)");
        assert!(matches!(e, Expr::Arrow(_, ref body) if matches!(**body, Expr::Seq(_))));
        assert_eq!(parse("{ A: -1 } as const"), Expr::Seq(vec![
            Expr::Object(vec![Entry { key: Some(("A".into(), 1)), value: Expr::Num("-1".into()) }]),
            Expr::Name("as"),
            Expr::Name("const"),
        ]));
    }

    #[test]
    fn deep_nesting_is_skipped_not_overflowed() {
        let text = format!("{}x{}", "f(".repeat(5000), ")".repeat(5000));
        let _ = parse(&text);
        let text = "[{(".repeat(3000);
        let _ = parse(&text);
    }
}
