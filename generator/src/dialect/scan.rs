//! A cursor over a flattened Type cell that the newer dialects' recursive-descent
//! parsers share: tokens, identifiers and dotted paths, the depth guard, and
//! errors that carry the byte offset they happened at.

use std::ops::Range;

use super::{FlatCell, ParseError, TypeExpr, MAX_DEPTH};

pub struct Cursor<'a> {
    pub cell: &'a FlatCell,
    pub pos: usize,
    depth: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(cell: &'a FlatCell) -> Self {
        Cursor { cell, pos: 0, depth: 0 }
    }

    pub fn rest(&self) -> &'a str {
        &self.cell.text[self.pos..]
    }

    pub fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// Consumes `token` (after any whitespace) if it comes next.
    pub fn eat(&mut self, token: &str) -> bool {
        self.skip_ws();
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    /// Consumes the keyword `word` only when no identifier character follows it,
    /// so that `int` does not match the start of `integer`.
    pub fn eat_word(&mut self, word: &str) -> bool {
        self.skip_ws();
        let rest = self.rest();
        let whole = rest.starts_with(word) && !rest[word.len()..].starts_with(is_ident_char);
        if whole {
            self.pos += word.len();
        }
        whole
    }

    /// Consumes an angle bracket (`<` or `>`) that markdown escaping may precede
    /// with backslashes: Java and TypeScript docs escape generics once or twice
    /// (`List\<List\\<String>>` reads as `List<List\<String>>`).
    pub fn eat_angle(&mut self, bracket: char) -> bool {
        self.skip_ws();
        let rest = self.rest();
        let unescaped = rest.trim_start_matches('\\');
        if !unescaped.starts_with(bracket) {
            return false;
        }
        self.pos += rest.len() - unescaped.len() + bracket.len_utf8();
        true
    }

    pub fn expect(&mut self, token: &'static str) -> Result<(), ParseError> {
        if self.eat(token) {
            Ok(())
        } else {
            Err(ParseError::expected_token(self.pos, token, self.rest().chars().next()))
        }
    }

    pub fn error(&self, expected: &'static str) -> ParseError {
        ParseError::expected(self.pos, expected, self.rest().chars().next())
    }

    /// Counts one level of nesting; real types never come near the limit, so
    /// passing it means hostile input, refused before the stack is at risk.
    pub fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::said(self.pos, format!("type is nested more than {MAX_DEPTH} levels deep")));
        }
        Ok(())
    }

    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// An identifier: letters, digits and `_`, not starting with a digit.
    pub fn ident(&mut self) -> Result<&'a str, ParseError> {
        self.skip_ws();
        let rest = self.rest();
        let len = rest.find(|c: char| !is_ident_char(c)).unwrap_or(rest.len());
        if len == 0 || rest.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(self.error("a type name"));
        }
        self.pos += len;
        Ok(&rest[..len])
    }

    /// `ident (sep ident)*`, with the byte range it covers.
    pub fn path(&mut self, sep: &str) -> Result<(Vec<String>, Range<usize>), ParseError> {
        self.skip_ws();
        let start = self.pos;
        let mut segments = vec![self.ident()?.to_string()];
        while self.rest().starts_with(sep) && self.rest()[sep.len()..].starts_with(is_ident_start) {
            self.pos += sep.len();
            segments.push(self.ident()?.to_string());
        }
        Ok((segments, start..self.pos))
    }

    /// The target of the innermost link around `range`.
    pub fn link(&self, range: &Range<usize>) -> Option<String> {
        self.cell.link_covering(range).map(str::to_string)
    }

    /// Fails unless the whole cell was read.
    pub fn finish(mut self, ty: TypeExpr) -> Result<TypeExpr, ParseError> {
        self.skip_ws();
        if self.pos < self.cell.text.len() {
            return Err(self.error("end of type"));
        }
        Ok(ty)
    }
}

/// A dialect's built-in type names, read by its parser and written by its
/// printer from this one table. A type may have several names (`long`, `Long`);
/// the first is the one the printer writes.
pub type Builtins = &'static [(&'static str, Scalar)];

/// The types a built-in name can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    String,
    Integer,
    Float,
    Number,
    Boolean,
    Date,
    DateTime,
    Any,
}

impl Scalar {
    fn expr(self) -> TypeExpr {
        match self {
            Scalar::String => TypeExpr::String,
            Scalar::Integer => TypeExpr::Integer,
            Scalar::Float => TypeExpr::Float,
            Scalar::Number => TypeExpr::Number,
            Scalar::Boolean => TypeExpr::Boolean,
            Scalar::Date => TypeExpr::Date,
            Scalar::DateTime => TypeExpr::DateTime,
            Scalar::Any => TypeExpr::Any,
        }
    }
}

/// The type a built-in name stands for.
pub fn builtin(table: Builtins, name: &str) -> Option<TypeExpr> {
    table.iter().find(|(n, _)| *n == name).map(|(_, s)| s.expr())
}

/// How the dialect writes `ty` when it is a built-in.
pub fn spelling(table: Builtins, ty: &TypeExpr) -> Option<String> {
    table.iter().find(|(_, s)| s.expr() == *ty).map(|(n, _)| n.to_string())
}

pub fn error_at(offset: usize, message: &str) -> ParseError {
    ParseError::said(offset, message.to_string())
}

/// A span that a link to documentation on the web covers, read whole as the
/// source SDK's own type (an HTTP response) when one starts at the cursor.
/// Built-in types linked to the language's docs are found before this is asked.
pub fn web_linked(c: &mut Cursor<'_>) -> Option<TypeExpr> {
    let (range, _) = c.cell.links.iter().find(|(r, url)| r.start == c.pos && is_web(url))?;
    let text = c.cell.text.get(range.clone())?.to_string();
    let builtin_like = text.chars().all(|ch| ch.is_alphanumeric() || ch == '.' || ch == '*');
    if builtin_like {
        return None;
    }
    c.pos = range.end;
    Some(TypeExpr::External(text))
}

fn is_web(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

/// A path that is no built-in type: a model of the tree, whose last segment names
/// it and the rest is the namespace the SDK put it in (a hint when titles repeat
/// across folders). A link to documentation on the web names a type of the
/// language or a library instead. Docs name models linked or not (qualified,
/// in italics, behind a pointer, bare), and `resolve` finds them by title; only
/// an unlinked, unqualified lower-case word is refused: that is some language's
/// built-in (`string` is not Python), never a model's title.
pub fn model(c: &Cursor<'_>, mut segments: Vec<String>, range: Range<usize>) -> Result<TypeExpr, ParseError> {
    let link = c.link(&range);
    if link.as_deref().is_some_and(is_web) {
        return Ok(TypeExpr::External(segments.join(".")));
    }
    let name = segments.pop().unwrap_or_default();
    let plain_word = segments.is_empty() && !name.starts_with(|ch: char| ch.is_uppercase());
    if link.is_none() && plain_word {
        let message = format!("`{name}` is no built-in type of this dialect, and no link says it is a model");
        return Err(ParseError::said(range.start, message));
    }
    Ok(TypeExpr::Named { namespace: segments, name, link })
}

/// A model's name as a dialect's printer writes it (`namespace.Name`, without
/// its link), when the dialect reads that text back as the same model: a name
/// that spells a built-in (`File`, `Object`) is not printed.
pub fn print_model(dialect: &dyn super::Dialect, namespace: &[String], name: &str) -> Option<String> {
    let text: Vec<&str> = namespace.iter().map(String::as_str).chain([name]).collect();
    let text = text.join(".");
    let back = dialect.parse(&FlatCell { text: text.clone(), links: Vec::new() }).ok()?;
    let same = matches!(&back, TypeExpr::Named { namespace: n, name: m, .. } if n == namespace && m == name);
    same.then_some(text)
}

/// Whether a link to a doc of the tree covers `range`: then the name is a
/// model even when it spells a built-in (Clerk's Java docs have a model called
/// `Object`).
pub fn links_to_doc(c: &Cursor<'_>, range: &Range<usize>) -> bool {
    c.link(range).is_some_and(|l| !is_web(&l) && l.split('#').next().is_some_and(is_doc_file))
}

/// A path to a doc: `x.md` or `x.mdx`, not `../../.md`, which generators write
/// where a type has no doc.
fn is_doc_file(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.strip_suffix(".mdx").or_else(|| file.strip_suffix(".md"));
    stem.is_some_and(|s| !s.is_empty())
}

/// A union as a dialect wrote it: the link around the whole union belongs to the
/// union (it names the union's own doc), not to its members; identical members
/// (`Union[bytes, IO[bytes]]` both read as binary) collapse into one, and a
/// union of one member without a doc of its own is that member.
pub fn union(mut members: Vec<TypeExpr>, link: Option<String>) -> TypeExpr {
    for member in &mut members {
        if let TypeExpr::Named { link: member_link, .. } = member {
            if *member_link == link {
                *member_link = None;
            }
        }
    }
    let mut distinct: Vec<TypeExpr> = Vec::with_capacity(members.len());
    for m in members {
        if !distinct.contains(&m) {
            distinct.push(m);
        }
    }
    // A union with a doc of its own stays a union, whatever its members: the doc is its model.
    match <[TypeExpr; 1]>::try_from(distinct) {
        Ok([one]) if link.is_none() => one,
        Ok([one]) => TypeExpr::Union { members: vec![one], link },
        Err(members) => TypeExpr::Union { members, link },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(text: &str) -> FlatCell {
        FlatCell { text: text.into(), links: vec![] }
    }

    #[test]
    fn words_do_not_match_prefixes() {
        let cell = flat("integer");
        let mut c = Cursor::new(&cell);
        assert!(!c.eat_word("int"));
        assert_eq!(c.ident(), Ok("integer"));
    }

    #[test]
    fn paths_stop_at_a_separator_not_followed_by_a_name() {
        let cell = flat("models.User[]");
        let mut c = Cursor::new(&cell);
        let (segments, range) = c.path(".").unwrap();
        assert_eq!(segments, ["models", "User"]);
        assert_eq!(range, 0..11);
        assert_eq!(c.rest(), "[]");
    }

    #[test]
    fn angle_brackets_may_be_escaped() {
        let cell = flat("List\\<X\\\\>");
        let mut c = Cursor::new(&cell);
        c.ident().unwrap();
        assert!(c.eat_angle('<') && !c.eat_angle('<'));
        c.ident().unwrap();
        assert!(c.eat_angle('>'));
        assert_eq!(c.pos, cell.text.len());
    }

    #[test]
    fn doc_links_are_md_or_mdx_files_with_a_name() {
        assert!(is_doc_file("../../models/x.md") && is_doc_file("x.mdx"));
        assert!(!is_doc_file("../../.md") && !is_doc_file("x.html") && !is_doc_file(".mdx"));
    }

    #[test]
    fn identical_union_members_collapse() {
        assert_eq!(union(vec![TypeExpr::String, TypeExpr::String], None), TypeExpr::String);
    }
}
