//! Stage 1: walk a docs tree and turn each markdown file into a [`Document`].
//!
//! Everything here goes through pulldown-cmark's events: cells keep their inline
//! structure (code, links, emphasis, strikethrough, HTML) and every block keeps its
//! byte span so later stages can point at a line and column.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, Loc};

/// Files larger than this are refused rather than parsed: no model doc is this big.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// One markdown file: its text and where its lines start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the docs root, with `/` separators.
    pub rel_path: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(rel_path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile { rel_path: rel_path.into(), text, line_starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn loc(&self, offset: usize) -> Loc {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let col = self.text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        Loc { file: self.rel_path.clone(), line: line as u32, col: col as u32 }
    }
}

/// Inline content of a paragraph, heading or table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Code(String),
    Link { url: String, children: Vec<Inline> },
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Html(String),
    /// A soft or hard line break.
    Break,
}

impl Inline {
    /// The text a reader sees, without markup.
    pub fn plain(inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            match inline {
                Inline::Text(t) | Inline::Code(t) => out.push_str(t),
                Inline::Link { children, .. }
                | Inline::Emphasis(children)
                | Inline::Strong(children)
                | Inline::Strikethrough(children) => out.push_str(&Inline::plain(children)),
                Inline::Html(_) => {}
                Inline::Break => out.push(' '),
            }
        }
        out
    }
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub inlines: Vec<Inline>,
    pub span: Range<usize>,
}

impl Cell {
    pub fn plain(&self) -> String {
        Inline::plain(&self.inlines).trim().to_string()
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    Heading { level: u8, inlines: Vec<Inline>, span: Range<usize> },
    Paragraph { inlines: Vec<Inline>, span: Range<usize> },
    Table { head: Vec<Cell>, rows: Vec<Vec<Cell>>, span: Range<usize> },
    /// Code blocks, lists, quotes: kept only so that sections stay in order.
    Other { span: Range<usize> },
}

#[derive(Debug, Clone)]
pub struct Document {
    pub source: SourceFile,
    pub blocks: Vec<Block>,
}

/// Parse one markdown text.
pub fn parse(source: SourceFile) -> Document {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut builder = Builder { text: &source.text, ..Builder::default() };
    for (event, span) in Parser::new_ext(&source.text, options).into_offset_iter() {
        builder.event(event, span);
    }
    let blocks = builder.blocks;
    Document { source, blocks }
}

/// Turns the flat event stream into blocks; inline containers nest on a stack.
#[derive(Default)]
struct Builder<'a> {
    text: &'a str,
    blocks: Vec<Block>,
    /// Open inline containers: the finished children of each.
    stack: Vec<Vec<Inline>>,
    /// Inline container kinds matching `stack[1..]`.
    kinds: Vec<InlineKind>,
    table: Option<TableState>,
    cell_start: usize,
    /// Depth of blocks (lists, quotes) whose content we do not model.
    opaque: usize,
}

enum InlineKind {
    Link(String),
    Emphasis,
    Strong,
    Strikethrough,
    Other,
}

struct TableState {
    head: Vec<Cell>,
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    span: Range<usize>,
}

impl Builder<'_> {
    fn push(&mut self, inline: Inline) {
        let Some(top) = self.stack.last_mut() else { return };
        // pulldown-cmark splits text at `<`, `[` and escapes; readers want it whole.
        if let (Some(Inline::Text(prev)), Inline::Text(next)) = (top.last_mut(), &inline) {
            prev.push_str(next);
        } else {
            top.push(inline);
        }
    }

    fn event(&mut self, event: Event<'_>, span: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(tag) => self.end(tag, span),
            Event::Text(t) => self.push(Inline::Text(t.into_string())),
            Event::Code(t) => self.push(Inline::Code(t.into_string())),
            Event::InlineHtml(t) | Event::Html(t) => self.push(Inline::Html(t.into_string())),
            Event::SoftBreak | Event::HardBreak => self.push(Inline::Break),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, span: Range<usize>) {
        match tag {
            Tag::Heading { .. } | Tag::Paragraph | Tag::TableCell if self.opaque == 0 => {
                self.stack = vec![Vec::new()];
                self.kinds.clear();
                let lead = self.text.get(span.clone()).map_or(0, |t| t.len() - t.trim_start().len());
                self.cell_start = span.start + lead;
            }
            Tag::Table(_) if self.opaque == 0 => {
                self.table = Some(TableState { head: vec![], rows: vec![], row: vec![], span });
            }
            Tag::Link { dest_url, .. } => self.open(InlineKind::Link(dest_url.into_string())),
            Tag::Emphasis => self.open(InlineKind::Emphasis),
            Tag::Strong => self.open(InlineKind::Strong),
            Tag::Strikethrough => self.open(InlineKind::Strikethrough),
            Tag::Image { .. } | Tag::Superscript | Tag::Subscript => self.open(InlineKind::Other),
            Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) | Tag::HtmlBlock => {
                if self.opaque == 0 {
                    self.blocks.push(Block::Other { span });
                }
                self.opaque += 1;
            }
            Tag::CodeBlock(_) if self.opaque == 0 => self.blocks.push(Block::Other { span }),
            _ => {}
        }
    }

    fn open(&mut self, kind: InlineKind) {
        self.kinds.push(kind);
        self.stack.push(Vec::new());
    }

    fn close(&mut self) {
        let (Some(kind), Some(children)) = (self.kinds.pop(), self.stack.pop()) else { return };
        let inline = match kind {
            InlineKind::Link(url) => Inline::Link { url, children },
            InlineKind::Emphasis => Inline::Emphasis(children),
            InlineKind::Strong => Inline::Strong(children),
            InlineKind::Strikethrough => Inline::Strikethrough(children),
            InlineKind::Other => {
                for child in children {
                    self.push(child);
                }
                return;
            }
        };
        self.push(inline);
    }

    /// The inlines of the block being closed, with any unclosed containers folded in.
    fn take_inlines(&mut self) -> Vec<Inline> {
        while !self.kinds.is_empty() {
            self.close();
        }
        self.stack.pop().unwrap_or_default()
    }

    fn end(&mut self, tag: TagEnd, span: Range<usize>) {
        match tag {
            TagEnd::Link | TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.close(),
            TagEnd::Image | TagEnd::Superscript | TagEnd::Subscript => self.close(),
            TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition | TagEnd::HtmlBlock => {
                self.opaque = self.opaque.saturating_sub(1);
            }
            _ if self.opaque > 0 => {}
            TagEnd::Heading(level) => {
                let inlines = self.take_inlines();
                self.blocks.push(Block::Heading { level: level as u8, inlines, span });
            }
            TagEnd::Paragraph => {
                let inlines = self.take_inlines();
                self.blocks.push(Block::Paragraph { inlines, span });
            }
            TagEnd::TableCell => {
                let inlines = self.take_inlines();
                let cell = Cell { inlines, span: self.cell_start..span.end };
                if let Some(table) = &mut self.table {
                    table.row.push(cell);
                }
            }
            TagEnd::TableHead => {
                if let Some(table) = &mut self.table {
                    table.head = std::mem::take(&mut table.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(table) = &mut self.table {
                    let row = std::mem::take(&mut table.row);
                    table.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    let span = t.span.start..span.end;
                    self.blocks.push(Block::Table { head: t.head, rows: t.rows, span });
                }
            }
            _ => {}
        }
    }
}

/// Every `.md` file under `root`, sorted by relative path, read and parsed.
///
/// Symlinked folders are followed once each (a loop is reported, not followed).
pub fn read_tree(root: &Path) -> Result<Vec<Document>, Vec<Diagnostic>> {
    let root_meta = std::fs::metadata(root).map_err(|e| {
        vec![Diagnostic::error("E0001", format!("cannot read specs folder `{}`: {e}", root.display()))]
    })?;
    if !root_meta.is_dir() {
        let msg = format!("specs path `{}` is not a folder", root.display());
        return Err(vec![Diagnostic::error("E0001", msg)]);
    }
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    collect(root, root, &mut seen, &mut files, &mut errors);
    files.sort();
    if files.is_empty() && errors.is_empty() {
        let msg = format!("no markdown docs (`*.md`) under `{}`", root.display());
        errors.push(Diagnostic::error("E0002", msg));
    }
    let mut docs = Vec::with_capacity(files.len());
    for (rel, path) in files {
        match read_file(&rel, &path) {
            Ok(source) => docs.push(parse(source)),
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() {
        Ok(docs)
    } else {
        Err(errors)
    }
}

fn collect(
    root: &Path,
    dir: &Path,
    seen: &mut BTreeSet<PathBuf>,
    files: &mut Vec<(String, PathBuf)>,
    errors: &mut Vec<Diagnostic>,
) {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(canonical) {
        let msg = format!("folder `{}` is reached twice (symlink loop?); read once", dir.display());
        errors.push(Diagnostic::warning("W0001", msg));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(Diagnostic::error("E0001", format!("cannot read `{}`: {e}", dir.display())));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        if meta.is_dir() {
            collect(root, &path, seen, files, errors);
        } else if path.extension().is_some_and(|e| e == "md") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>();
            files.push((rel.join("/"), path));
        }
    }
}

fn read_file(rel: &str, path: &Path) -> Result<SourceFile, Diagnostic> {
    let at = |line, col| Loc { file: rel.to_string(), line, col };
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        let msg = format!("file is {size} bytes; docs larger than {MAX_FILE_BYTES} bytes are refused");
        return Err(Diagnostic::error("E0003", msg).at(at(1, 1)));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error("E0001", format!("cannot read file: {e}")).at(at(1, 1)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        let col = good.rsplit(|&b| b == b'\n').next().map_or(0, |l| l.len()) as u32 + 1;
        Diagnostic::error("E0004", "file is not valid UTF-8").at(at(line, col))
    })?;
    Ok(SourceFile::new(rel, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        parse(SourceFile::new("t.md", text))
    }

    #[test]
    fn table_cells_keep_inline_structure() {
        let d = doc("# T\n\n| Field | Type |\n| --- | --- |\n| ~~`a`~~ | T::Array<[::X::Y](y.md)> |\n| `b\\|c` | *::String* |\n");
        let Block::Table { head, rows, .. } = &d.blocks[1] else { panic!("{:?}", d.blocks) };
        assert_eq!(head.len(), 2);
        assert_eq!(rows[0][0].inlines, vec![Inline::Strikethrough(vec![Inline::Code("a".into())])]);
        assert_eq!(
            rows[0][1].inlines,
            vec![
                Inline::Text("T::Array<".into()),
                Inline::Link { url: "y.md".into(), children: vec![Inline::Text("::X::Y".into())] },
                Inline::Text(">".into()),
            ]
        );
        assert_eq!(rows[1][0].plain(), "b|c");
        assert_eq!(rows[1][1].inlines, vec![Inline::Emphasis(vec![Inline::Text("::String".into())])]);
    }

    #[test]
    fn spans_map_to_line_and_column() {
        let d = doc("# T\n\n| A | B |\n| - | - |\n| x | é y |\n");
        let Block::Table { rows, .. } = &d.blocks[1] else { panic!() };
        let loc = d.source.loc(rows[0][1].span.start);
        assert_eq!((loc.line, loc.col), (5, 7));
    }

    #[test]
    fn headings_paragraphs_and_html() {
        let d = doc("# Title\n\nLine one<br/>two\n\n## Fields\n");
        assert!(matches!(&d.blocks[0], Block::Heading { level: 1, .. }));
        let Block::Paragraph { inlines, .. } = &d.blocks[1] else { panic!() };
        assert_eq!(inlines[1], Inline::Html("<br/>".into()));
        assert!(matches!(&d.blocks[2], Block::Heading { level: 2, .. }));
    }

    #[test]
    fn missing_folder_and_empty_folder_are_errors() {
        let err = read_tree(Path::new("/definitely/not/here")).unwrap_err();
        assert_eq!(err[0].code, "E0001");
        let dir = tempfile::tempdir().unwrap();
        let err = read_tree(dir.path()).unwrap_err();
        assert_eq!(err[0].code, "E0002");
    }

    #[test]
    fn non_utf8_is_an_error_with_location() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), b"# A\n\nok \xff bad\n").unwrap();
        let err = read_tree(dir.path()).unwrap_err();
        assert_eq!(err[0].code, "E0004");
        let loc = err[0].loc.as_ref().unwrap();
        assert_eq!((loc.file.as_str(), loc.line, loc.col), ("a.md", 3, 4));
    }
}
