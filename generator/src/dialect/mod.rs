//! Stage 2: the Type column's grammar, one module per source language.
//!
//! A dialect sees a cell as [`FlatCell`]: its visible text plus the byte ranges that
//! are links (link targets name models, and links in real trees are often stale,
//! so they are kept only as hints). It returns a [`TypeExpr`].

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use serde::{Deserialize, Serialize};

use crate::read::Inline;
use crate::diag::Diagnostic;

pub mod csharp;
pub mod go;
pub mod java;
pub mod php;
pub mod python;
mod ruby;
#[cfg(test)]
pub(crate) mod proptests;
pub mod ruby_crystalline;
pub mod ruby_sorbet;
mod scan;
pub mod typescript;

/// How deep a type may nest before the cell is refused (no real type comes close).
pub const MAX_DEPTH: usize = 64;

/// A type as a dialect wrote it, before names are resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeExpr {
    String,
    Integer,
    Float,
    /// A number the dialect does not say is integer or float (TypeScript `number`).
    Number,
    Boolean,
    /// A calendar date or a timestamp: the dialects do not agree on which.
    Date,
    DateTime,
    /// Any JSON value.
    Any,
    /// Binary content: a file upload, a download, a stream of bytes
    /// (`bytes`, `IO[bytes]`, `[]byte`, `io.ReadCloser`, `InputStream`, `Blob`).
    Binary,
    Named { namespace: Vec<String>, name: String, link: Option<String> },
    Nullable(Box<TypeExpr>),
    /// The SDK's wrapper for a value that may be missing (Java `Optional<T>`, a Go
    /// pointer): what it says about `null` depends on the dialect and the Required
    /// column, so [`Dialect::nullability`] reads it.
    Optional(Box<TypeExpr>),
    Array(Box<TypeExpr>),
    /// A JSON object with string keys.
    Map(Box<TypeExpr>),
    Union { members: Vec<TypeExpr>, link: Option<String> },
    /// A type of the source SDK's transport layer (an HTTP response), not API data.
    External(String),
}

impl TypeExpr {
    /// Whether every model name in the type is certain: linked to a doc, not a
    /// bare name that any dialect could take for a model. Detection trusts a
    /// dialect's reading of a cell more when it is certain.
    pub fn is_certain(&self) -> bool {
        match self {
            TypeExpr::Named { link, .. } => link.is_some(),
            TypeExpr::Union { members, .. } => members.iter().all(TypeExpr::is_certain),
            TypeExpr::Nullable(inner) | TypeExpr::Optional(inner) | TypeExpr::Array(inner) | TypeExpr::Map(inner) => {
                inner.is_certain()
            }
            _ => true,
        }
    }

    /// Whether the type names no model and no SDK type: built-ins and containers only.
    pub fn is_builtin(&self) -> bool {
        match self {
            TypeExpr::Named { .. } | TypeExpr::Union { .. } | TypeExpr::External(_) => false,
            TypeExpr::Nullable(inner)
            | TypeExpr::Optional(inner)
            | TypeExpr::Array(inner)
            | TypeExpr::Map(inner) => inner.is_builtin(),
            _ => true,
        }
    }
}

/// A cell's visible text with the byte ranges of its links.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FlatCell {
    pub text: String,
    pub links: Vec<(Range<usize>, String)>,
}

impl FlatCell {
    pub fn new(inlines: &[Inline]) -> Self {
        let mut cell = FlatCell::default();
        cell.push(inlines);
        let trimmed = cell.text.trim_end().len();
        cell.text.truncate(trimmed);
        cell
    }

    fn push(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text(t) | Inline::Code(t) => self.text.push_str(t),
                Inline::Link { url, children } => {
                    let start = self.text.len();
                    self.push(children);
                    self.links.push((start..self.text.len(), url.clone()));
                }
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => self.push(c),
                // `T::Array<Date>` has what markdown reads as an HTML tag: in a type
                // it is the type's own text.
                Inline::Html(h) => self.text.push_str(h),
                Inline::Break => self.text.push(' '),
            }
        }
    }

    /// The target of the innermost link that covers `range`.
    pub fn link_covering(&self, range: &Range<usize>) -> Option<&str> {
        self.links
            .iter()
            .filter(|(r, _)| r.start <= range.start && range.end <= r.end)
            .min_by_key(|(r, _)| r.len())
            .map(|(_, url)| url.as_str())
    }
}

/// Why a cell did not parse: the byte offset in the flattened text and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub offset: usize,
    problem: Problem,
}

/// What went wrong, put into words only when it is shown: detection runs every
/// dialect's parser over every cell and drops nearly all of their errors unread.
#[derive(Debug, Clone, PartialEq)]
enum Problem {
    /// `expected {what}, found {found}`: `what` in words, or a token to put in
    /// backticks; `found` is `None` at the end of the cell.
    Expected { what: &'static str, token: bool, found: Option<char> },
    Said(String),
}

impl ParseError {
    /// `expected {what}, found` the character at `found`.
    pub fn expected(offset: usize, what: &'static str, found: Option<char>) -> Self {
        ParseError { offset, problem: Problem::Expected { what, token: false, found } }
    }

    /// `expected` the token `` `{token}` ``, `found` the character at `found`.
    pub fn expected_token(offset: usize, token: &'static str, found: Option<char>) -> Self {
        ParseError { offset, problem: Problem::Expected { what: token, token: true, found } }
    }

    pub fn said(offset: usize, message: String) -> Self {
        ParseError { offset, problem: Problem::Said(message) }
    }

    pub fn message(&self) -> String {
        match &self.problem {
            Problem::Expected { what, token, found } => {
                let found = found.map_or("end of cell".to_string(), |c| format!("`{c}`"));
                if *token {
                    format!("expected `{what}`, found {found}")
                } else {
                    format!("expected {what}, found {found}")
                }
            }
            Problem::Said(message) => message.clone(),
        }
    }
}

pub trait Dialect: Sync {
    /// The name used by `--dialect` and in the IR.
    fn name(&self) -> &'static str;
    /// Whether the cell carries a mark that only this dialect writes.
    fn recognizes(&self, cell: &FlatCell) -> bool;
    fn parse(&self, cell: &FlatCell) -> Result<TypeExpr, ParseError>;

    /// The field name, as the docs print it, of the SDK's holder of an object's
    /// undocumented keys (`additionalProperties`). Only a field of that name whose
    /// type is a map is the holder: a plain field may have the name too.
    fn rest_holder(&self) -> &'static str;

    /// Splits a field's parsed type into the type of its values and whether `null`
    /// is one of them: `Some(true)`/`Some(false)` when the dialect says so, `None`
    /// when it cannot (C# and TypeScript docs never mark nullability). The default
    /// is for dialects whose nullable marker is explicit (Python `Nullable[...]`).
    fn nullability(&self, ty: TypeExpr, required: bool) -> (TypeExpr, Option<bool>) {
        let _ = required;
        match ty {
            TypeExpr::Nullable(inner) => (*inner, Some(true)),
            TypeExpr::Optional(inner) => (*inner, Some(false)),
            ty => (ty, Some(false)),
        }
    }

    /// The JSON key for a field name as the docs print it. Dialects that print
    /// names converted to their language's case (`userId`, `PortalURL`) infer it.
    fn wire_name(&self, printed: &str) -> WireName {
        WireName { name: printed.to_string(), inferred: false }
    }

    /// The facts this dialect's docs cannot state (default: none): `cargo xtask
    /// agree` explains disagreements between trees by them, and [`crate::merge`]
    /// takes those facts from another tree of the same API.
    fn blind(&self) -> Blind {
        Blind::default()
    }

    /// The Type cell's text for `ty` (without markdown: links are hints and are not
    /// printed), such that [`Dialect::parse`] reads it back as `ty` with its links
    /// cleared; `None` when the dialect cannot spell `ty` or has no printer.
    fn print(&self, ty: &TypeExpr) -> Option<String> {
        let _ = ty;
        None
    }
}

/// What a dialect cannot state ([`Dialect::blind`]). Each of these facts is
/// recorded as unknown in the IR, or read coarser than the API has it, and
/// another dialect of the same API may state it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Blind {
    /// Whether `null` is a value: `Never` stated (C#, TypeScript, Go: the IR's
    /// `nullable` is unknown, and a type inside a container is never nullable),
    /// or stated on `Required` fields only (Ruby, PHP write their one marker on
    /// every optional field).
    pub nullability: Stated,
    /// Field names are printed converted to the language's case (`userId`), so
    /// the wire key is inferred (Java, C#, PHP, TypeScript, Go).
    pub wire_names: bool,
    /// One type stands for a date and a timestamp (Ruby, TypeScript, Go, and
    /// Python, whose docs link `date` for RFC 3339 timestamps too).
    pub dates: bool,
    /// Binary content may be written as a string (Ruby, PHP) or any value (Go).
    pub binary: bool,
}

/// Where a dialect states a fact ([`Blind::nullability`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Stated {
    #[default]
    Always,
    /// On required fields only.
    Required,
    Never,
}

/// The blind spots of the dialect an IR was read in, by its name (an IR read
/// back from a file names its dialect); an unknown name states everything.
pub fn blind(dialect: &str) -> Blind {
    by_name(dialect).map(|d| d.blind()).unwrap_or_default()
}

/// How the names a tree's docs print map to wire keys (`--wire-case`): the
/// dialect's own rule by default, or one chosen for the whole tree where the
/// API's keys are known to be in one case.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum WireCase {
    /// The dialect's rule: as printed (Ruby, Python), or snake case inferred
    /// from camelCase or PascalCase (Java, C#, PHP, TypeScript, Go).
    #[default]
    #[value(skip)]
    Inferred,
    /// snake_case, acronyms kept together (`PortalURL` -> `portal_url`).
    Snake,
    /// camelCase (`UserId` -> `userId`, `PortalURL` -> `portalUrl`).
    Camel,
    /// The name as printed (Ruby's and Python's `from_` escape still dropped).
    AsPrinted,
}

impl WireCase {
    /// The JSON key of a field whose docs print `printed`, in `dialect`.
    pub fn wire_name(self, dialect: &dyn Dialect, printed: &str) -> WireName {
        let own = dialect.wire_name(printed);
        let converted = dialect.blind().wire_names;
        match self {
            WireCase::Inferred => own,
            // A converting dialect's own rule is the snake case of its names.
            WireCase::Snake if converted => own,
            WireCase::Snake => WireName { name: heck::ToSnakeCase::to_snake_case(own.name.as_str()), inferred: true },
            WireCase::Camel => {
                let snake = WireCase::Snake.wire_name(dialect, printed).name;
                WireName { name: heck::ToLowerCamelCase::to_lower_camel_case(snake.as_str()), inferred: true }
            }
            WireCase::AsPrinted if converted => WireName { name: printed.to_string(), inferred: false },
            WireCase::AsPrinted => own,
        }
    }
}

/// A field's JSON key, and whether it was inferred from a converted name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireName {
    pub name: String,
    pub inferred: bool,
}

/// The documented rule for dialects that print field names in camelCase or
/// PascalCase: the wire name is the name in snake_case, acronyms kept together
/// (`userId` -> `user_id`, `PortalURL` -> `portal_url`, `ID` -> `id`).
pub fn snake_case_wire_name(printed: &str) -> WireName {
    use heck::ToSnakeCase;
    WireName { name: printed.to_snake_case(), inferred: true }
}

/// For dialects that print wire names as they are but escape the ones that
/// clash with a keyword or a method of the SDK with a trailing `_` (Ruby
/// `fields_`, Python `from_`): the escape is dropped.
pub fn unescaped_wire_name(printed: &str) -> WireName {
    match printed.strip_suffix('_') {
        Some(name) if !name.is_empty() && !name.ends_with('_') => WireName { name: name.to_string(), inferred: true },
        _ => WireName { name: printed.to_string(), inferred: false },
    }
}

/// For dialects that cannot mark nullability at all: any wrapper is dropped and
/// the fact is unknown.
pub fn unknown_nullability(ty: TypeExpr) -> (TypeExpr, Option<bool>) {
    match ty {
        TypeExpr::Nullable(inner) | TypeExpr::Optional(inner) => (*inner, None),
        ty => (ty, None),
    }
}

/// For dialects (Ruby, PHP) whose one marker means "may be nil": on a required
/// field that is `null`; on an optional field it is always written, so it cannot
/// tell `null` from absent.
pub fn nilable_nullability(ty: TypeExpr, required: bool) -> (TypeExpr, Option<bool>) {
    match ty {
        TypeExpr::Nullable(inner) | TypeExpr::Optional(inner) => (*inner, required.then_some(true)),
        ty => (ty, Some(false)),
    }
}

/// Every dialect, in the order detection tries them.
pub fn all() -> &'static [&'static dyn Dialect] {
    &[
        &ruby_sorbet::RubySorbet,
        &ruby_crystalline::RubyCrystalline,
        &python::Python,
        &java::Java,
        &csharp::CSharp,
        &php::Php,
        &typescript::TypeScript,
        &go::Go,
    ]
}

pub fn by_name(name: &str) -> Option<&'static dyn Dialect> {
    all().iter().copied().find(|d| d.name() == name)
}

/// The dialect that reads the most cells, ties broken by the marks only one
/// dialect writes, then by the order of [`all`]; `None` when no dialect reads
/// any cell. Every dialect refuses the others' built-in names, so a tree's own
/// dialect reads all of its cells and the others fall short.
pub fn detect(cells: &[FlatCell]) -> Option<&'static dyn Dialect> {
    cells.par_iter().fold(Tally::default, Tally::count).reduce(Tally::default, Tally::merge).best()
}

/// What the dialects of [`all`] make of some cells: per dialect, in that order,
/// how many it reads and how many carry its marks. Tallies add up, so cells can
/// be counted on every core, straight from the docs, without collecting them.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub cells: usize,
    /// Each distinct cell, with how many times it was seen. A tree prints its
    /// few types thousands of times, so each dialect reads each text only once,
    /// when the scores are asked for.
    seen: HashMap<FlatCell, usize>,
}

/// Per dialect of [`all`]: cells read with every name certain
/// ([`TypeExpr::is_certain`]), cells with its marks, cells read at all.
type Scores = Vec<(usize, usize, usize)>;

impl Tally {
    /// This tally with `cell` counted.
    pub fn count(mut self, cell: &FlatCell) -> Tally {
        match self.seen.get_mut(cell) {
            Some(times) => *times += 1,
            None => {
                self.seen.insert(cell.clone(), 1);
            }
        }
        self.cells += 1;
        self
    }

    pub fn merge(self, other: Tally) -> Tally {
        let (mut into, from) = if self.seen.len() >= other.seen.len() { (self, other) } else { (other, self) };
        for (cell, times) in from.seen {
            *into.seen.entry(cell).or_default() += times;
        }
        into.cells += from.cells;
        into
    }

    fn scores(&self) -> Scores {
        let zero = || vec![(0, 0, 0); all().len()];
        let cell_scores = |(cell, &times): (&FlatCell, &usize)| -> Scores {
            let score = |d: &&'static dyn Dialect| {
                let parsed = d.parse(cell);
                let certain = parsed.as_ref().is_ok_and(TypeExpr::is_certain);
                (times * usize::from(certain), times * usize::from(d.recognizes(cell)), times * usize::from(parsed.is_ok()))
            };
            all().iter().map(score).collect()
        };
        let add = |a: Scores, b: Scores| a.iter().zip(&b).map(|(a, b)| (a.0 + b.0, a.1 + b.1, a.2 + b.2)).collect();
        self.seen.par_iter().map(cell_scores).reduce(zero, add)
    }

    /// The dialect these cells are written in: the one that reads the most of
    /// them (marks break ties); any when there is no cell (only enums or empty
    /// docs: no type is read); an error when no dialect reads any.
    pub fn verdict(&self) -> Result<&'static dyn Dialect, Diagnostic> {
        if self.cells == 0 {
            return Ok(all()[0]);
        }
        self.best().ok_or_else(|| {
            let msg = "cannot tell which SDK dialect the Type columns are written in: no dialect reads any of them";
            let known: Vec<&str> = all().iter().map(|d| d.name()).collect();
            Diagnostic::error("E0006", msg).help(format!("pass `--dialect NAME` ({})", known.join(", ")))
        })
    }

    pub fn best(&self) -> Option<&'static dyn Dialect> {
        let mut best: Option<(&'static dyn Dialect, (usize, usize, usize))> = None;
        for (d, &s) in all().iter().zip(&self.scores()) {
            if s.2 > 0 && best.is_none_or(|(_, b)| s > b) {
                best = Some((*d, s));
            }
        }
        best.map(|(d, _)| d)
    }
}

/// The dialect that reads furthest into a cell that none reads, with its error.
pub fn nearest(cell: &FlatCell) -> Option<(&'static dyn Dialect, ParseError)> {
    let mut best: Option<(&'static dyn Dialect, ParseError)> = None;
    for d in all() {
        if let Err(e) = d.parse(cell) {
            if best.as_ref().is_none_or(|(_, b)| e.offset > b.offset) {
                best = Some((*d, e));
            }
        }
    }
    best
}

/// The first dialect other than `except` that reads `cell`: when the tree's own
/// dialect cannot, the doc was most likely written for another SDK.
pub fn reader_of(cell: &FlatCell, except: &dyn Dialect) -> Option<&'static dyn Dialect> {
    all().iter().copied().find(|d| d.name() != except.name() && d.parse(cell).is_ok())
}

#[cfg(test)]
pub(crate) fn cell(markdown: &str) -> FlatCell {
    let text = format!("| T |\n| - |\n| {markdown} |\n");
    let doc = crate::read::parse(crate::read::SourceFile::new("t.md", text));
    match &doc.blocks[0] {
        crate::read::Block::Table { rows, .. } => FlatCell::new(&rows[0][0].inlines),
        other => panic!("not a table: {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_cell_records_link_ranges() {
        let c = cell("T::Array<[::X::Y](../y.md)>");
        assert_eq!(c.text, "T::Array<::X::Y>");
        assert_eq!(c.links, vec![(9..15, "../y.md".to_string())]);
        assert_eq!(c.link_covering(&(9..15)), Some("../y.md"));
        assert_eq!(c.link_covering(&(0..16)), None);
    }

    #[test]
    fn detection_picks_the_dialect_that_reads_every_cell() {
        let name = |cells: &[&str]| detect(&cells.iter().map(|c| cell(c)).collect::<Vec<_>>()).map(|d| d.name());
        assert_eq!(name(&["*T.nilable(::String)*", "*::String*"]), Some("ruby-sorbet"));
        assert_eq!(name(&["*Crystalline::Nilable.new(::String)*"]), Some("ruby-crystalline"));
        assert_eq!(name(&["*str*", "*Optional[int]*"]), Some("python"));
        assert_eq!(name(&["*String*", "*Optional\\<Long>*"]), Some("java"));
        assert_eq!(name(&["*string*", "*long*", "Dictionary<String, *object*>"]), Some("csharp"));
        assert_eq!(name(&["*?string*", "array<*string*>"]), Some("php"));
        assert_eq!(name(&["*string*", "*number*", "*string*[]"]), Some("typescript"));
        assert_eq!(name(&["**string*", "[]*string*", "*float64*"]), Some("go"));
        assert_eq!(name(&["!!"]), None);
    }

    #[test]
    fn a_wire_case_maps_every_printed_name_of_a_tree() {
        let key = |case: WireCase, dialect: &str, printed: &str| {
            let w = case.wire_name(by_name(dialect).expect("dialect"), printed);
            (w.name, w.inferred)
        };
        let own = |d: &str, p: &str| key(WireCase::Inferred, d, p);
        assert_eq!(own("typescript", "userId"), ("user_id".into(), true), "the dialect's rule by default");
        assert_eq!(own("python", "from_"), ("from".into(), true));
        assert_eq!(key(WireCase::Snake, "go", "PortalURL"), ("portal_url".into(), true));
        assert_eq!(key(WireCase::Snake, "ruby-sorbet", "userId"), ("user_id".into(), true));
        assert_eq!(key(WireCase::Camel, "csharp", "UserId"), ("userId".into(), true));
        assert_eq!(key(WireCase::Camel, "go", "PortalURL"), ("portalUrl".into(), true));
        assert_eq!(key(WireCase::Camel, "java", "oauth2Url"), ("oauth2Url".into(), true));
        assert_eq!(key(WireCase::Camel, "python", "user_id"), ("userId".into(), true));
        assert_eq!(key(WireCase::AsPrinted, "typescript", "_links"), ("_links".into(), false));
        assert_eq!(key(WireCase::AsPrinted, "java", "userId"), ("userId".into(), false), "not inferred: the docs print it");
        assert_eq!(key(WireCase::AsPrinted, "ruby-sorbet", "fields_"), ("fields".into(), true), "Ruby's escape still dropped");
    }

    #[test]
    fn each_dialect_says_what_it_cannot_state() {
        assert_eq!(blind("typescript"), Blind { nullability: Stated::Never, wire_names: true, dates: true, binary: false });
        assert_eq!(blind("ruby-crystalline").nullability, Stated::Required);
        assert!(!blind("python").wire_names && blind("python").nullability == Stated::Always);
        assert_eq!(blind("no such dialect"), Blind::default(), "an unknown dialect states everything");
    }

    #[test]
    fn a_cell_of_another_dialect_names_it() {
        let python = by_name("python").expect("python");
        assert_eq!(reader_of(&cell("*Optional\\<String>*"), python).map(|d| d.name()), Some("java"));
        assert!(reader_of(&cell("*nonsense*"), python).is_none());
    }
}
