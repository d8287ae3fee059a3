//! Tokens of an SDK's model source, for every language the [`super`] readers
//! read: identifiers, string literals (their values, unescaped), numbers and
//! punctuation, each with its 1-based line and column. Comments are skipped,
//! and what a string or comment holds is never taken for code: that is all a
//! reader needs to find declarations and their annotations without a full
//! parser of the language.

use std::borrow::Cow;

/// What a language's comments and strings look like.
#[derive(Debug, Clone, Copy)]
pub struct Syntax {
    /// `//` (C family, Go, TypeScript, Java, C#, PHP).
    pub slash_comments: bool,
    /// `#` to the end of the line (Python, Ruby, PHP); `#[` stays code when
    /// `hash_bracket_is_code` (PHP 8 attributes).
    pub hash_comments: bool,
    pub hash_bracket_is_code: bool,
    /// `'...'` is a string (not a char literal: Java and C# chars are read as
    /// one-character strings, which no reader minds).
    pub single_quotes: bool,
    /// `` `...` `` is a string (Go raw strings and struct tags, TypeScript templates).
    pub backticks: bool,
    /// Python's `"""..."""` and `'''...'''`, and the `r`, `b`, `f`, `u`
    /// prefixes (a raw string keeps its backslashes).
    pub python_strings: bool,
    /// C#'s `@"..."` verbatim strings.
    pub verbatim_at: bool,
}

impl Syntax {
    pub const C_LIKE: Syntax = Syntax {
        slash_comments: true,
        hash_comments: false,
        hash_bracket_is_code: false,
        single_quotes: true,
        backticks: false,
        python_strings: false,
        verbatim_at: false,
    };
    pub const GO: Syntax = Syntax { backticks: true, ..Syntax::C_LIKE };
    pub const TYPESCRIPT: Syntax = Syntax { backticks: true, ..Syntax::C_LIKE };
    pub const JAVA: Syntax = Syntax::C_LIKE;
    pub const CSHARP: Syntax = Syntax { verbatim_at: true, ..Syntax::C_LIKE };
    pub const PHP: Syntax = Syntax { hash_comments: true, hash_bracket_is_code: true, ..Syntax::C_LIKE };
    pub const PYTHON: Syntax = Syntax {
        slash_comments: false,
        hash_comments: true,
        hash_bracket_is_code: false,
        single_quotes: true,
        backticks: false,
        python_strings: true,
        verbatim_at: false,
    };
    pub const RUBY: Syntax = Syntax { python_strings: false, ..Syntax::PYTHON };
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok<'a> {
    /// A name: letters, digits, `_` and `$` (`$inboundSchema` is part of a TypeScript name).
    Ident(&'a str),
    /// A string literal's value, escapes undone (but `\` kept in raw strings):
    /// borrowed from the text when it has no escape.
    Str(Cow<'a, str>),
    /// A number as written (`1`, `-` not included, `0x1F`, `1.5e3`, `10L`).
    Num(&'a str),
    /// Any other character that is not white space.
    Punct(char),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub tok: Tok<'a>,
    /// 1-based line and column (in characters) of the token's first character.
    pub line: u32,
    pub col: u32,
}

impl<'a> Token<'a> {
    pub fn ident(&self) -> Option<&'a str> {
        match self.tok {
            Tok::Ident(name) => Some(name),
            _ => None,
        }
    }

    pub fn is_ident(&self, name: &str) -> bool {
        self.tok == Tok::Ident(name)
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.tok == Tok::Punct(c)
    }

    pub fn string(&self) -> Option<&str> {
        match &self.tok {
            Tok::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Splits `text` into tokens. Never fails: an unterminated string or comment
/// runs to the end of the text, and any character is some token.
pub fn lex<'a>(text: &'a str, syntax: &Syntax) -> Vec<Token<'a>> {
    // Model sources run about one token to eight bytes: reserving that once
    // spares most of the doublings (and their copies) of a growing list.
    let out = Vec::with_capacity(text.len() / 8);
    let mut lexer = Lexer { text, pos: 0, line: 1, col: 1, syntax: *syntax, out };
    lexer.run();
    lexer.out
}

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    line: u32,
    col: u32,
    syntax: Syntax,
    out: Vec<Token<'a>>,
}

impl<'a> Lexer<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn bump_n(&mut self, n: usize) {
        (0..n).for_each(|_| {
            self.bump();
        });
    }

    /// Moves past the next `len` bytes (a char boundary) as [`Self::bump`]
    /// would one char at a time: sources are megabytes, mostly comments,
    /// strings and names, which are skipped in one step each.
    fn advance(&mut self, len: usize) {
        let run = &self.text.as_bytes()[self.pos..self.pos + len];
        match run.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                self.line += 1 + count_lines(&run[..last]);
                self.col = 1 + count_chars(&run[last + 1..]);
            }
            None => self.col += count_chars(run),
        }
        self.pos += len;
    }

    fn skip_until(&mut self, end: &str) {
        let rest = self.rest();
        self.advance(rest.find(end).map_or(rest.len(), |at| at + end.len()));
    }

    /// Skips a comment to the end of its line, the line break included. The
    /// comment's columns need no count: the next token is on the next line.
    fn skip_line(&mut self) {
        match self.rest().find('\n') {
            Some(at) => {
                self.pos += at + 1;
                self.line += 1;
                self.col = 1;
            }
            None => self.advance(self.text.len() - self.pos),
        }
    }

    /// Dispatches on the next byte: ASCII (nearly every byte of a model source)
    /// is told apart without decoding a char; anything else goes to [`Self::other`].
    fn run(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            let (line, col) = (self.line, self.col);
            let s = self.syntax;
            let next = bytes.get(self.pos + 1).copied();
            match b {
                b' ' | b'\t' | b'\r' | 0x0B | 0x0C => self.blank(),
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    self.col = 1;
                    // The next line's indentation, in the same step.
                    self.blank();
                }
                b'/' if s.slash_comments && next == Some(b'/') => self.skip_line(),
                b'/' if s.slash_comments && next == Some(b'*') => {
                    self.pos += 2;
                    self.col += 2;
                    self.skip_until("*/");
                }
                b'#' if s.hash_comments && !(s.hash_bracket_is_code && next == Some(b'[')) => self.skip_line(),
                // A quote, or C#'s `@"`, where the syntax has such strings.
                b'"' | b'\'' | b'`' | b'@' => match self.string_prefix() {
                    Some(opening) => self.string(opening, line, col),
                    None => self.punct(b, line, col),
                },
                b'0'..=b'9' => self.number(line, col),
                // A name, or in Python a string's prefix (`r"..."`).
                b'a'..=b'z' | b'A'..=b'Z' => match s.python_strings.then(|| self.string_prefix()).flatten() {
                    Some(opening) => self.string(opening, line, col),
                    None => self.ident(line, col),
                },
                b'_' | b'$' => self.ident(line, col),
                0x80.. => self.other(line, col),
                _ => self.punct(b, line, col),
            }
        }
    }

    fn punct(&mut self, b: u8, line: u32, col: u32) {
        self.pos += 1;
        self.col += 1;
        self.push(Tok::Punct(b as char), line, col);
    }

    /// A run of ASCII white space other than line breaks.
    fn blank(&mut self) {
        let run = self.text.as_bytes()[self.pos..].iter().take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r' | 0x0B | 0x0C)).count();
        self.pos += run;
        self.col += run as u32;
    }

    fn number(&mut self, line: u32, col: u32) {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
            // `1.method` and ranges are not in model sources; `1.5` is.
            if self.peek() == Some('.') && !self.rest()[1..].starts_with(|c: char| c.is_ascii_digit()) {
                break;
            }
            self.bump();
        }
        self.push(Tok::Num(&self.text[start..self.pos]), line, col);
    }

    /// A name: its ASCII run byte by byte, then any letters beyond ASCII char by char.
    fn ident(&mut self, line: u32, col: u32) {
        let start = self.pos;
        let ascii = self.text.as_bytes()[start..].iter().take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$').count();
        self.pos += ascii;
        self.col += ascii as u32;
        if self.text.as_bytes().get(self.pos).is_some_and(|&b| b >= 0x80) {
            let rest = self.rest();
            self.advance(rest.find(|c| !is_ident_char(c)).unwrap_or(rest.len()));
        }
        self.push(Tok::Ident(&self.text[start..self.pos]), line, col);
    }

    /// A char beyond ASCII: white space, a letter that starts a name, or punctuation.
    fn other(&mut self, line: u32, col: u32) {
        let rest = self.rest();
        let Some(c) = rest.chars().next() else { return };
        if c.is_whitespace() {
            self.advance(rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len()));
        } else if is_ident_char(c) {
            self.ident(line, col);
        } else {
            self.bump();
            self.push(Tok::Punct(c), line, col);
        }
    }

    /// The length of a string's opening (prefix letters and quotes) at the
    /// current position, if a string starts here.
    fn string_prefix(&self) -> Option<Opening> {
        let rest = self.rest();
        let s = self.syntax;
        let mut prefix_len = 0;
        let mut raw = false;
        if s.python_strings {
            // Letters are one byte each: the first `letters` bytes are whole chars.
            let letters = rest.bytes().take(3).take_while(u8::is_ascii_alphabetic).count();
            for candidate in ["rb", "br", "r", "b", "f", "u", "rf", "fr"] {
                let fits = candidate.len() <= letters && rest[..candidate.len()].eq_ignore_ascii_case(candidate);
                if fits && rest[candidate.len()..].starts_with(['"', '\'']) {
                    prefix_len = candidate.len();
                    raw = candidate.contains('r');
                    break;
                }
            }
        }
        if s.verbatim_at && rest.starts_with("@\"") {
            return Some(Opening { skip: 1, quote: "\"", raw: true, doubled_quote_escape: true });
        }
        let after = &rest[prefix_len..];
        let quote = if s.python_strings && after.starts_with("\"\"\"") {
            "\"\"\""
        } else if s.python_strings && after.starts_with("'''") {
            "'''"
        } else if after.starts_with('"') {
            "\""
        } else if s.single_quotes && after.starts_with('\'') {
            "'"
        } else if s.backticks && after.starts_with('`') {
            "`"
        } else {
            return None;
        };
        // A name followed by a quote is a prefix only in Python; elsewhere the
        // quote starts the string after the name, which the ident branch reads first.
        if prefix_len == 0 && !rest.starts_with(quote) {
            return None;
        }
        Some(Opening { skip: prefix_len, quote, raw: raw || quote == "`", doubled_quote_escape: false })
    }

    /// A string's value is borrowed from the text up to its first escape that
    /// changes it (most strings have none); from there it is an owned copy.
    fn string(&mut self, opening: Opening, line: u32, col: u32) {
        self.bump_n(opening.skip + opening.quote.chars().count());
        let text = self.text;
        let start = self.pos;
        let mut owned: Option<String> = None;
        let quote_start = opening.quote.as_bytes().first().copied().unwrap_or(b'"');
        let end = loop {
            let rest = self.rest();
            if rest.is_empty() {
                break self.pos;
            }
            // Up to the next char that may end the string or escape one, the
            // text is the value as written. The quote, `\\` and the line break
            // are ASCII: no byte of another char is one.
            let plain = rest.bytes().position(|b| b == quote_start || b == b'\\' || b == b'\n').unwrap_or(rest.len());
            if plain > 0 {
                if let Some(value) = &mut owned {
                    value.push_str(&rest[..plain]);
                }
                self.advance(plain);
                continue;
            }
            let here = self.pos;
            if let Some(after) = rest.strip_prefix(opening.quote) {
                if opening.doubled_quote_escape && after.starts_with(opening.quote) {
                    owned.get_or_insert_with(|| text[start..here].to_string()).push_str(opening.quote);
                    self.bump_n(2);
                    continue;
                }
                self.bump_n(opening.quote.chars().count());
                break here;
            }
            // A one-quote string ends at the line's end in every language but
            // those with backtick strings; an unterminated one must not swallow the file.
            if opening.quote.len() == 1 && opening.quote != "`" && rest.starts_with('\n') {
                break here;
            }
            let Some(c) = self.bump() else { break here };
            if c == '\\' && !opening.raw {
                let value = owned.get_or_insert_with(|| text[start..here].to_string());
                if let Some(escaped) = self.bump() {
                    value.push(match escaped {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '0' => '\0',
                        other => other,
                    });
                }
                continue;
            }
            // What is left is kept as written: a line break in a string of three
            // quotes, one quote of the three, and in a raw string a backslash
            // with the quote or backslash after it (a raw string still cannot
            // end at an escaped quote).
            if c == '\\' && opening.quote != "`" && (self.rest().starts_with(opening.quote) || self.rest().starts_with('\\')) {
                self.bump();
            }
            if let Some(value) = &mut owned {
                value.push_str(&text[here..self.pos]);
            }
        };
        let value = owned.map_or(Cow::Borrowed(&text[start..end]), Cow::Owned);
        self.push(Tok::Str(value), line, col);
    }

    fn push(&mut self, tok: Tok<'a>, line: u32, col: u32) {
        self.out.push(Token { tok, line, col });
    }
}

struct Opening {
    skip: usize,
    quote: &'static str,
    raw: bool,
    doubled_quote_escape: bool,
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

fn count_lines(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u32
}

/// Chars in UTF-8 `bytes`: the bytes that are not continuation bytes.
fn count_chars(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks<'a>(text: &'a str, syntax: &Syntax) -> Vec<Tok<'a>> {
        lex(text, syntax).into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn go_struct_tags_are_raw_strings() {
        let t = toks("Name *string `json:\"name,omitempty\"` // the name\n", &Syntax::GO);
        assert_eq!(t, vec![Tok::Ident("Name"), Tok::Punct('*'), Tok::Ident("string"), Tok::Str("json:\"name,omitempty\"".into())]);
    }

    #[test]
    fn python_docstrings_and_prefixes() {
        let t = toks("x: int = 1\nr\"\"\"Doc \"quoted\" here\"\"\"\n# comment\ny = 'a\\'b'", &Syntax::PYTHON);
        assert_eq!(
            t,
            vec![
                Tok::Ident("x"),
                Tok::Punct(':'),
                Tok::Ident("int"),
                Tok::Punct('='),
                Tok::Num("1"),
                Tok::Str("Doc \"quoted\" here".into()),
                Tok::Ident("y"),
                Tok::Punct('='),
                Tok::Str("a'b".into()),
            ]
        );
    }

    #[test]
    fn php_attributes_are_code_and_comments_are_not() {
        let t = toks("#[SerializedName('fooBar')]\n# note\n/** @var ?string */ public ?string $fooBar;", &Syntax::PHP);
        assert_eq!(t[..6], [Tok::Punct('#'), Tok::Punct('['), Tok::Ident("SerializedName"), Tok::Punct('('), Tok::Str("fooBar".into()), Tok::Punct(')')]);
        assert!(t.contains(&Tok::Ident("$fooBar")));
        assert!(!t.contains(&Tok::Ident("var")), "a doc comment is skipped");
    }

    #[test]
    fn positions_are_one_based_in_characters() {
        let tokens = lex("é \"a\"\n  b", &Syntax::C_LIKE);
        let at: Vec<(u32, u32)> = tokens.iter().map(|t| (t.line, t.col)).collect();
        assert_eq!(at, vec![(1, 1), (1, 3), (2, 3)]);
    }

    #[test]
    fn positions_after_comments_and_strings_skipped_whole() {
        // Go: a block comment over lines, a raw string over lines, then a line comment.
        let text = "/* é\n\n ü */ a `x\né` b\n  d // e\n\"ü\" f";
        let at: Vec<(u32, u32)> = lex(text, &Syntax::GO).iter().map(|t| (t.line, t.col)).collect();
        assert_eq!(at, vec![(3, 7), (3, 9), (4, 4), (5, 3), (6, 1), (6, 5)]);
        let python = lex("Rb'x' é1 '''a\n''' z", &Syntax::PYTHON);
        let at: Vec<(u32, u32)> = python.iter().map(|t| (t.line, t.col)).collect();
        assert_eq!(at, vec![(1, 1), (1, 7), (1, 10), (2, 5)]);
        assert_eq!(python[0].tok, Tok::Str("x".into()));
        assert_eq!(python[2].tok, Tok::Str("a\n".into()));
    }

    #[test]
    fn csharp_verbatim_strings_double_their_quotes() {
        assert_eq!(toks("@\"a\"\"b\"", &Syntax::CSHARP), vec![Tok::Str("a\"b".into())]);
    }

    #[test]
    fn unterminated_input_ends_cleanly() {
        for text in ["\"abc", "/* open", "'''x", "`x", "r\"\\", "@\""] {
            for syntax in [Syntax::PYTHON, Syntax::GO, Syntax::CSHARP, Syntax::RUBY] {
                let _ = lex(text, &syntax);
            }
        }
    }

    /// The text at `line` and `col` (1-based, in chars) of `text`.
    fn at(text: &str, line: u32, col: u32) -> Option<&str> {
        let line_text = text.split('\n').nth(line as usize - 1)?;
        let (offset, _) = line_text.char_indices().nth(col as usize - 1)?;
        Some(&line_text[offset..])
    }

    proptest::proptest! {
        /// Any text lexes, in every syntax, without a panic.
        #[test]
        fn any_text_lexes(text in "\\PC{0,64}") {
            for syntax in [Syntax::PYTHON, Syntax::GO, Syntax::CSHARP, Syntax::RUBY, Syntax::PHP, Syntax::TYPESCRIPT] {
                let _ = lex(&text, &syntax);
            }
        }

        /// Every name, number and punctuation mark is where its line and column
        /// say, whatever comments, strings, white space and chars beyond ASCII
        /// came before it.
        #[test]
        fn tokens_are_where_their_positions_say(text in "([a-zé_1 \t\r\n\u{a0}\u{2028}.:#/*\"'`@\\\\(){}\\[\\]]|\\PC){0,80}") {
            for syntax in [Syntax::PYTHON, Syntax::GO, Syntax::CSHARP, Syntax::RUBY, Syntax::PHP, Syntax::TYPESCRIPT] {
                for token in lex(&text, &syntax) {
                    let here = at(&text, token.line, token.col);
                    let written = match &token.tok {
                        Tok::Ident(name) | Tok::Num(name) => name.to_string(),
                        Tok::Punct(c) => c.to_string(),
                        Tok::Str(_) => continue,
                    };
                    proptest::prop_assert!(here.is_some_and(|h| h.starts_with(&written)), "{token:?} in {text:?} ({syntax:?})");
                }
            }
        }
    }
}
