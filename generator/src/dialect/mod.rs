//! Stage 2: the Type column's grammar, one module per source language.
//!
//! A dialect sees a cell as [`FlatCell`]: its visible text plus the byte ranges that
//! are links (link targets name models, and links in real trees are often stale,
//! so they are kept only as hints). It returns a [`TypeExpr`].

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::read::Inline;

mod ruby;
pub mod ruby_crystalline;
pub mod ruby_sorbet;

/// How deep a type may nest before the cell is refused (no real type comes close).
pub const MAX_DEPTH: usize = 64;

/// A type as a dialect wrote it, before names are resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeExpr {
    String,
    Integer,
    Float,
    Boolean,
    /// A calendar date or a timestamp: the dialects do not agree on which.
    Date,
    DateTime,
    /// Any JSON value.
    Any,
    Named { namespace: Vec<String>, name: String, link: Option<String> },
    Nullable(Box<TypeExpr>),
    Array(Box<TypeExpr>),
    /// A JSON object with string keys.
    Map(Box<TypeExpr>),
    Union { members: Vec<TypeExpr>, link: Option<String> },
    /// A type of the source SDK's transport layer (an HTTP response), not API data.
    External(String),
}

impl TypeExpr {
    /// Whether the type names no model and no SDK type: built-ins and containers only.
    pub fn is_builtin(&self) -> bool {
        match self {
            TypeExpr::Named { .. } | TypeExpr::Union { .. } | TypeExpr::External(_) => false,
            TypeExpr::Nullable(inner) | TypeExpr::Array(inner) | TypeExpr::Map(inner) => inner.is_builtin(),
            _ => true,
        }
    }
}

/// A cell's visible text with the byte ranges of its links.
#[derive(Debug, Clone, Default, PartialEq)]
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
                Inline::Html(_) => {}
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
    pub message: String,
}

pub trait Dialect: Sync {
    /// The name used by `--dialect` and in the IR.
    fn name(&self) -> &'static str;
    /// Whether the cell carries a mark that only this dialect writes.
    fn recognizes(&self, cell: &FlatCell) -> bool;
    fn parse(&self, cell: &FlatCell) -> Result<TypeExpr, ParseError>;
}

/// Every dialect, in the order detection tries them.
pub fn all() -> &'static [&'static dyn Dialect] {
    &[&ruby_sorbet::RubySorbet, &ruby_crystalline::RubyCrystalline]
}

pub fn by_name(name: &str) -> Option<&'static dyn Dialect> {
    all().iter().copied().find(|d| d.name() == name)
}

/// The dialect whose marks most cells carry, with its count; `None` when no cell
/// carries any mark.
pub fn detect<'a>(cells: impl Iterator<Item = &'a FlatCell>) -> Option<(&'static dyn Dialect, usize)> {
    let mut counts = vec![0usize; all().len()];
    for cell in cells {
        for (i, d) in all().iter().enumerate() {
            if d.recognizes(cell) {
                counts[i] += 1;
            }
        }
    }
    let (best, count) = counts.iter().enumerate().max_by_key(|(i, c)| (**c, usize::MAX - i))?;
    (*count > 0).then(|| (all()[best], *count))
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
    fn detection_counts_marks() {
        let cells = [cell("*T.nilable(::String)*"), cell("*::String*")];
        assert_eq!(detect(cells.iter()).map(|(d, n)| (d.name(), n)), Some(("ruby-sorbet", 1)));
        let cells = [cell("*Crystalline::Nilable.new(::String)*")];
        assert_eq!(detect(cells.iter()).map(|(d, _)| d.name()), Some("ruby-crystalline"));
        assert!(detect([cell("*::String*")].iter()).is_none());
    }
}
