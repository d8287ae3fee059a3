//! Stage 1: walk a docs tree and turn each markdown file into a [`Document`].
//!
//! Everything here goes through pulldown-cmark's events: cells keep their inline
//! structure (code, links, emphasis, strikethrough, HTML) and every block keeps its
//! byte span so later stages can point at a line and column.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;

use crate::diag::{Diagnostic, Loc};

/// Files larger than this are refused rather than parsed: no model doc is this big.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Inline markup (emphasis, links) nested deeper than this is flattened to its content.
pub const MAX_INLINE_DEPTH: usize = 32;

/// One markdown file: its text and where its lines start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the docs root, with `/` separators.
    pub rel_path: Arc<str>,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(rel_path: impl Into<Arc<str>>, text: impl Into<String>) -> Self {
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
        Inline::push_plain(inlines, &mut out);
        out
    }

    fn push_plain(inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text(t) | Inline::Code(t) => out.push_str(t),
                Inline::Link { children, .. }
                | Inline::Emphasis(children)
                | Inline::Strong(children)
                | Inline::Strikethrough(children) => Inline::push_plain(children, out),
                Inline::Html(_) => {}
                Inline::Break => out.push(' '),
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub inlines: Vec<Inline>,
    pub span: Range<usize>,
}

impl Cell {
    /// The cell's text without markup, trimmed (in place: a cell is most often one text).
    pub fn plain(&self) -> String {
        let mut text = Inline::plain(&self.inlines);
        text.truncate(text.trim_end().len());
        let lead = text.len() - text.trim_start().len();
        text.drain(..lead);
        text
    }
}

/// A table row as written: its cells, with what pulldown-cmark evens out kept
/// visible (it pads a short row with empty cells and drops cells past the header's).
#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub span: Range<usize>,
    /// Cells the row lacks, which pulldown-cmark padded (left out of `cells`).
    pub missing: usize,
    /// The text of cells past the header's columns, which pulldown-cmark drops.
    pub overflow: Option<Range<usize>>,
}

impl std::ops::Deref for Row {
    type Target = [Cell];
    fn deref(&self) -> &[Cell] {
        &self.cells
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    Heading { level: u8, inlines: Vec<Inline>, span: Range<usize> },
    Paragraph { inlines: Vec<Inline>, span: Range<usize> },
    Table { head: Vec<Cell>, rows: Vec<Row>, span: Range<usize> },
    /// A fenced or indented code block: its info string's first word and its text
    /// (some docs write an enum's values, or a union member's type, only here).
    Code { lang: String, text: String, span: Range<usize> },
    /// YAML front matter (`---` ... `---`, as `.mdx` docs open): the `title:` it
    /// gives, with the span of the value, if it gives one.
    FrontMatter { title: Option<(String, Range<usize>)>, span: Range<usize> },
    /// Lists, quotes, HTML blocks: kept only so that sections stay in order.
    Other { span: Range<usize> },
}

#[derive(Debug, Clone)]
pub struct Document {
    pub source: SourceFile,
    pub blocks: Vec<Block>,
}

/// Parse one markdown text.
pub fn parse(mut source: SourceFile) -> Document {
    blank_stray_carriage_returns(&mut source.text);
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    let mut builder = Builder { text: &source.text, ..Builder::default() };
    for (event, span) in Parser::new_ext(&source.text, options).into_offset_iter() {
        builder.event(event, span);
    }
    let blocks = builder.blocks;
    Document { source, blocks }
}

/// In a file whose lines end in `\n`, a `\r` not followed by one is a stray
/// (pasted into a description), but markdown ends a line there and splits the
/// table row around it: it becomes a space, which keeps every byte offset.
fn blank_stray_carriage_returns(text: &mut String) {
    // Most files hold no `\r` at all: one fast search says so.
    if !text.contains('\r') {
        return;
    }
    let bytes = text.as_bytes();
    let stray = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !text.contains('\n') || !(0..bytes.len()).any(stray) {
        return;
    }
    let out: Vec<u8> = bytes.iter().enumerate().map(|(i, &b)| if stray(i) { b' ' } else { b }).collect();
    // Only ASCII bytes were replaced by ASCII bytes: the text is still UTF-8.
    *text = String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
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
    /// The code block or front matter being read: its text so far.
    raw: Option<Raw>,
}

/// A block whose text is kept as written.
struct Raw {
    /// `None` for front matter, else the code block's language.
    lang: Option<String>,
    text: String,
    /// Where the text starts in the source, once known.
    start: Option<usize>,
}

enum InlineKind {
    Link(String),
    Emphasis,
    Strong,
    Strikethrough,
    /// Markup whose content is kept, unwrapped.
    Other,
    /// Markup whose content is already pushed as text.
    Hidden,
}

struct TableState {
    head: Vec<Cell>,
    rows: Vec<Row>,
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
        if let (Some(raw), Event::Text(t)) = (&mut self.raw, &event) {
            raw.start.get_or_insert(span.start);
            raw.text.push_str(t);
            return;
        }
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
            // `<Crystalline::Boolean.new>` reads as an autolink (scheme `Crystalline:`):
            // only web and mail addresses are links, anything else stays text.
            Tag::Link { link_type: LinkType::Autolink, dest_url, .. } if !dest_url.contains("://") => {
                self.push(Inline::Text(format!("<{dest_url}>")));
                self.open(InlineKind::Hidden);
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
            Tag::CodeBlock(kind) if self.opaque == 0 => {
                let lang = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                self.raw = Some(Raw { lang: Some(lang), text: String::new(), start: None });
            }
            Tag::MetadataBlock(_) if self.opaque == 0 => {
                self.raw = Some(Raw { lang: None, text: String::new(), start: None });
            }
            _ => {}
        }
    }

    /// The block of a finished code block or front matter.
    fn raw_block(&mut self, span: Range<usize>) {
        let Some(raw) = self.raw.take() else { return };
        match raw.lang {
            Some(lang) => self.blocks.push(Block::Code { lang, text: raw.text, span }),
            None => {
                let title = front_matter_title(&raw.text).map(|(value, at)| {
                    let start = raw.start.unwrap_or(span.start) + at.start;
                    (value, start..start + at.len())
                });
                self.blocks.push(Block::FrontMatter { title, span });
            }
        }
    }

    fn open(&mut self, kind: InlineKind) {
        // Deeper markup is kept as its text: every later walk of inlines recurses,
        // and hostile docs nest emphasis or links thousands deep.
        let kind = match kind {
            InlineKind::Hidden => kind,
            _ if self.kinds.len() >= MAX_INLINE_DEPTH => InlineKind::Other,
            _ => kind,
        };
        self.kinds.push(kind);
        self.stack.push(Vec::new());
    }

    fn close(&mut self) {
        let (Some(kind), Some(mut children)) = (self.kinds.pop(), self.stack.pop()) else { return };
        // Every doc of a tree stays in memory until it is lowered: spare capacity
        // (a Vec grows to 4 on its first push) would cost more than the text itself.
        children.shrink_to_fit();
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
            InlineKind::Hidden => return,
        };
        self.push(inline);
    }

    /// The inlines of the block being closed, with any unclosed containers folded in.
    fn take_inlines(&mut self) -> Vec<Inline> {
        while !self.kinds.is_empty() {
            self.close();
        }
        let mut inlines = self.stack.pop().unwrap_or_default();
        inlines.shrink_to_fit();
        inlines
    }

    fn end(&mut self, tag: TagEnd, span: Range<usize>) {
        match tag {
            TagEnd::Link | TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.close(),
            TagEnd::Image | TagEnd::Superscript | TagEnd::Subscript => self.close(),
            TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition | TagEnd::HtmlBlock => {
                self.opaque = self.opaque.saturating_sub(1);
            }
            _ if self.opaque > 0 => {}
            TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => self.raw_block(span),
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
                let text = self.text;
                if let Some(table) = &mut self.table {
                    let mut cells = std::mem::take(&mut table.row);
                    // Padded cells are empty and sit at the very end of the row.
                    let missing = cells.iter().rev().take_while(|c| c.span.is_empty() && c.span.start >= span.end).count();
                    cells.truncate(cells.len() - missing);
                    let last = cells.last().map_or(span.start, |c| c.span.end);
                    let tail = text.get(last..span.end).unwrap_or_default();
                    let dropped = tail.trim().strip_prefix('|').unwrap_or(tail.trim());
                    let dropped = dropped.strip_suffix('|').unwrap_or(dropped).trim();
                    let overflow = (!dropped.is_empty()).then(|| {
                        let start = last + tail.find(dropped).unwrap_or(0);
                        start..start + dropped.len()
                    });
                    table.rows.push(Row { cells, span, missing, overflow });
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

/// The `title:` of YAML front matter, unquoted, with its byte range in `yaml`.
/// Only this one top-level key is read: nothing else in it describes the model.
fn front_matter_title(yaml: &str) -> Option<(String, Range<usize>)> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(value) = line.strip_prefix("title:") else { continue };
        let trimmed = value.trim();
        let at = start + "title:".len() + (value.len() - value.trim_start().len());
        let unquoted = [('"', '"'), ('\'', '\'')]
            .iter()
            .find_map(|&(open, close)| trimmed.strip_prefix(open)?.strip_suffix(close))
            .unwrap_or(trimmed);
        let title = unquoted.replace("\\\"", "\"");
        return (!title.is_empty()).then(|| (title, at..at + trimmed.len()));
    }
    None
}

/// The docs that could be read, and what was found reading them: warnings, and
/// an error for each file that could not be read.
pub type Read = (Vec<Document>, Vec<Diagnostic>);

/// Every `.md` file under `root`, sorted by relative path, read and parsed, with
/// the diagnostics of the walk. `Err` only when there is nothing to read at all.
///
/// Symlinked folders are followed once each (a loop is reported, not followed).
pub fn read_tree(root: &Path) -> Result<Read, Vec<Diagnostic>> {
    let (files, mut diagnostics) = list_tree(root)?;
    // Files are independent: read and parse them on every core. `collect` keeps
    // the sorted order, so the output does not depend on scheduling.
    let parsed: Vec<Result<Document, Diagnostic>> = files.par_iter().map(read_doc).collect();
    let mut docs = Vec::with_capacity(parsed.len());
    for result in parsed {
        match result {
            Ok(doc) => docs.push(doc),
            Err(d) => diagnostics.push(d),
        }
    }
    Ok((docs, diagnostics))
}

/// A doc file: its path relative to the docs root (`/`-separated), and on disk.
pub type DocFile = (String, PathBuf);

/// The `.md` files [`read_tree`] reads, in its order, with the diagnostics of the
/// walk; nothing is read yet.
pub fn list_tree(root: &Path) -> Result<(Vec<DocFile>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let root_meta = std::fs::metadata(root).map_err(|e| {
        vec![Diagnostic::error("E0001", format!("cannot read specs folder `{}`: {e}", root.display()))
            .help("`--specs` names the folder of markdown model docs")]
    })?;
    if !root_meta.is_dir() {
        let msg = format!("specs path `{}` is not a folder", root.display());
        return Err(vec![Diagnostic::error("E0001", msg)]);
    }
    let mut diagnostics = Vec::new();
    let mut files = collect(root, &mut diagnostics);
    files.sort();
    if files.is_empty() && !diagnostics.iter().any(Diagnostic::is_error) {
        let msg = format!("no markdown docs (`*.md`, `*.mdx`) under `{}`", root.display());
        diagnostics.push(Diagnostic::error("E0002", msg).help("`--specs` names the folder of markdown model docs"));
        return Err(diagnostics);
    }
    Ok((files, diagnostics))
}

/// One listed doc, read and parsed; `Err` when it cannot be read.
pub fn read_doc((rel, path): &DocFile) -> Result<Document, Diagnostic> {
    read_file(rel, path).map(parse)
}

/// Docs given as bytes rather than read from disk (a build tool's virtual tree, a
/// fuzzer): the same checks and parse as [`read_tree`], sorted by path.
pub fn read_sources(sources: Vec<(String, Vec<u8>)>) -> Result<Read, Vec<Diagnostic>> {
    let mut sources = sources;
    sources.sort_by(|a, b| a.0.cmp(&b.0));
    if sources.is_empty() {
        return Err(vec![Diagnostic::error("E0002", "no markdown docs (`*.md`, `*.mdx`) were given")]);
    }
    let mut diagnostics = Vec::new();
    let mut docs = Vec::with_capacity(sources.len());
    for (rel, bytes) in sources {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            diagnostics.push(too_large(&rel, bytes.len() as u64));
            continue;
        }
        match decode(&rel, bytes) {
            Ok(source) => docs.push(parse(source)),
            Err(d) => diagnostics.push(d),
        }
    }
    Ok((docs, diagnostics))
}

/// Every `*.md` file under `root` with its path relative to `root`. Folders are
/// walked with an explicit stack (no recursion), each real folder once.
fn collect(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<DocFile> {
    let mut files = Vec::new();
    let mut seen = BTreeSet::new();
    // Each folder with its path relative to `root`, `/`-separated ("" for the root).
    let mut pending = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, dir_rel)) = pending.pop() {
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        if !seen.insert(canonical) {
            let msg = format!("folder `{}` is reached twice (symlink loop?); read once", dir.display());
            diagnostics.push(Diagnostic::warning("W0001", msg));
            continue;
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                diagnostics.push(Diagnostic::error("E0001", format!("cannot read `{}`: {e}", dir.display())));
                continue;
            }
        };
        // Siblings sort by name, as their paths would: comparing whole paths
        // component by component was most of the walk at 100k docs.
        let mut entries: Vec<(std::ffi::OsString, PathBuf, Option<std::fs::FileType>)> =
            entries.flatten().map(|e| (e.file_name(), e.path(), e.file_type().ok())).collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (name, path, file_type) in entries.into_iter().rev() {
            let is_md = path.extension().is_some_and(|e| e == "md" || e == "mdx");
            let name = name.to_string_lossy();
            let rel = if dir_rel.is_empty() { name.into_owned() } else { format!("{dir_rel}/{name}") };
            // The folder listing says what most entries are; only a symlink (or an
            // entry it cannot type) costs a `stat` to see what it points at.
            let kind = match file_type {
                Some(t) if t.is_dir() => Ok(true),
                Some(t) if t.is_file() => Ok(false),
                _ => std::fs::metadata(&path).map(|meta| meta.is_dir()),
            };
            match kind {
                Ok(true) => pending.push((path, rel)),
                Ok(false) if is_md => files.push((rel, path)),
                Ok(_) => {}
                // A dangling or looping symlink named like a doc: say so rather than skip it.
                Err(e) if is_md => {
                    let loc = Loc { file: rel.into(), line: 1, col: 1 };
                    diagnostics.push(Diagnostic::error("E0001", format!("cannot read file: {e}")).at(loc));
                }
                Err(_) => {}
            }
        }
    }
    files
}

fn too_large(rel: &str, size: u64) -> Diagnostic {
    let msg = format!("file is {size} bytes; docs larger than {MAX_FILE_BYTES} bytes are refused");
    Diagnostic::error("E0003", msg).at(Loc { file: rel.into(), line: 1, col: 1 })
}

/// Reads one file, refusing it by its size before any byte is read, and reading at
/// most one byte past the limit should it grow meanwhile.
fn read_file(rel: &str, path: &Path) -> Result<SourceFile, Diagnostic> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        Diagnostic::error("E0001", format!("cannot read file: {e}")).at(Loc { file: rel.into(), line: 1, col: 1 })
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(rel, size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(rel, bytes.len() as u64));
    }
    decode(rel, bytes)
}

/// Bytes to text: UTF-8 with no NUL byte, else an error at the first bad byte.
fn decode(rel: &str, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    let at = |good: &[u8]| {
        let line = good.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        let last = good.rsplit(|&b| b == b'\n').next().unwrap_or_default();
        let col = String::from_utf8_lossy(last).chars().count() as u32 + 1;
        Loc { file: rel.into(), line, col }
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        Diagnostic::error("E0004", "file is not valid UTF-8").at(at(good)).help("save the doc as UTF-8")
    })?;
    if let Some(nul) = text.find('\0') {
        let msg = "file contains a NUL byte: a binary file, or a corrupted doc";
        return Err(Diagnostic::error("E0009", msg).at(at(&text.as_bytes()[..nul])));
    }
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
    fn short_and_long_rows_stay_visible() {
        let d = doc("| A | B | C |\n|-|-|-|\n| x | y | z | extra | more |\n| x |\n| x | | |\n");
        let Block::Table { rows, .. } = &d.blocks[0] else { panic!("{:?}", d.blocks) };
        assert_eq!((rows[0].len(), rows[0].missing), (3, 0));
        let overflow = rows[0].overflow.clone().unwrap();
        assert_eq!(&d.source.text[overflow], "extra | more");
        assert_eq!((rows[1].len(), rows[1].missing, rows[1].overflow.is_none()), (1, 2, true));
        assert_eq!((rows[2].len(), rows[2].missing, rows[2].overflow.is_none()), (3, 0, true));
    }

    #[test]
    fn deep_inline_markup_is_flattened() {
        let n = 5_000;
        let d = doc(&format!("{}x{}\n", "[*".repeat(n), "*](u)".repeat(n)));
        let Block::Paragraph { inlines, .. } = &d.blocks[0] else { panic!() };
        fn depth(inlines: &[Inline]) -> usize {
            inlines.iter().map(|i| match i {
                Inline::Link { children, .. } | Inline::Emphasis(children) | Inline::Strong(children) | Inline::Strikethrough(children) => 1 + depth(children),
                _ => 0,
            }).max().unwrap_or(0)
        }
        assert!(depth(inlines) <= MAX_INLINE_DEPTH);
        assert!(Inline::plain(inlines).contains('x'));
    }

    #[test]
    fn only_web_and_mail_autolinks_are_links() {
        let d = doc("A<Crystalline::Boolean.new>, <https://x.y/z> and <a@b.c>\n");
        let Block::Paragraph { inlines, .. } = &d.blocks[0] else { panic!() };
        assert_eq!(inlines[0], Inline::Text("A<Crystalline::Boolean.new>, ".into()));
        assert!(matches!(&inlines[1], Inline::Link { url, .. } if url == "https://x.y/z"));
        assert!(matches!(&inlines[3], Inline::Link { url, .. } if url.ends_with("a@b.c")), "{inlines:?}");
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
        let err = read_tree(Path::new("/definitely/not/here")).err().unwrap();
        assert_eq!(err[0].code, "E0001");
        let dir = tempfile::tempdir().unwrap();
        let err = read_tree(dir.path()).err().unwrap();
        assert_eq!(err[0].code, "E0002");
    }

    #[test]
    fn non_utf8_is_an_error_with_location() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), b"# A\n\nok \xff bad\n").unwrap();
        let (docs, err) = read_tree(dir.path()).unwrap();
        assert!(docs.is_empty());
        assert_eq!(err[0].code, "E0004");
        let loc = err[0].loc.as_ref().unwrap();
        assert_eq!((&*loc.file, loc.line, loc.col), ("a.md", 3, 4));
    }
}
