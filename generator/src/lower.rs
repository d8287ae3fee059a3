//! Documents to drafts: which heading, table and cell means what. Types are parsed
//! by the dialect; names are left for `resolve`.

use std::ops::Range;

use crate::diag::{Diagnostic, Loc};
use crate::dialect::{Dialect, FlatCell, ParseError, TypeExpr, WireCase};
use crate::prose::{prose, Prose};
use crate::read::{Block, Cell, Document, Inline, Row};

/// A model as one doc describes it, before names across docs are resolved.
#[derive(Debug, Clone)]
pub struct Draft {
    pub title: String,
    pub title_loc: Loc,
    /// Folder of the doc relative to the docs root (`` for the root itself).
    pub folder: String,
    /// File name without `.md`, lower-cased.
    pub stem: String,
    pub docs: Option<String>,
    /// The model is deprecated, for this reason.
    pub deprecated: Option<String>,
    pub body: Body,
    /// Facts of the model that another source gave (the SDK's sources: its
    /// enum values' kinds), each with where it says so.
    pub from: Vec<crate::ir::Provenance>,
    /// The value the doc's `## Example Usage` code assigns, when it is a
    /// literal: an object (`Some(true)`) or another JSON value (`Some(false)`).
    /// What a doc with no fields says of its shape.
    pub example_is_object: Option<bool>,
}

impl Draft {
    /// Whether two drafts describe the same model: docs and every fact of the
    /// body, locations aside.
    pub fn same_contents(&self, other: &Draft) -> bool {
        let fields = |f: &DraftField| {
            (f.wire_name.clone(), f.ty.clone(), f.required, f.nullable, f.docs.clone(), f.deprecated.clone(), f.example.clone())
        };
        let values = |v: &DraftValue| (v.wire.clone(), v.number, v.deprecated.clone());
        self.docs == other.docs
            && self.deprecated == other.deprecated
            && match (&self.body, &other.body) {
                (Body::Struct(a), Body::Struct(b)) => a.iter().map(fields).eq(b.iter().map(fields)),
                (Body::Enum(a), Body::Enum(b)) => a.iter().map(values).eq(b.iter().map(values)),
                (Body::Union(a), Body::Union(b)) => a.iter().map(|m| &m.ty).eq(b.iter().map(|m| &m.ty)),
                (Body::Empty, Body::Empty) => true,
                _ => false,
            }
    }
}

#[derive(Debug, Clone)]
pub enum Body {
    Struct(Vec<DraftField>),
    Enum(Vec<DraftValue>),
    /// A `## Supported Types` section: one `###` heading per member type.
    Union(Vec<DraftMember>),
    /// No Fields table, or one without rows.
    Empty,
}

#[derive(Debug, Clone)]
pub struct DraftMember {
    pub ty: TypeExpr,
    pub loc: Loc,
    /// The heading could not be read: the member is any JSON value (W0010).
    pub degraded: bool,
}

#[derive(Debug, Clone)]
pub struct DraftField {
    /// The name as the Field cell prints it.
    pub printed_name: String,
    pub wire_name: String,
    pub wire_name_inferred: bool,
    /// The type of the field's values; whether `null` is one is in `nullable`.
    pub ty: TypeExpr,
    /// `None` when the dialect cannot say.
    pub nullable: Option<bool>,
    /// The Type cell's text as written, for messages and omitted fields.
    pub type_text: String,
    pub required: bool,
    pub docs: Option<String>,
    /// The field is deprecated, for this reason.
    pub deprecated: Option<String>,
    pub example: Option<String>,
    /// Where the Field cell starts.
    pub loc: Loc,
    /// Where the Type cell starts: type errors point here.
    pub type_loc: Loc,
    /// The Type cell could not be read: the field is any JSON value (W0010).
    pub degraded: bool,
    /// The SDK's holder of undocumented keys (see [`Dialect::rest_holder`]),
    /// not a key of its own.
    pub rest_holder: bool,
    /// Facts of the field that another source gave (the SDK's sources: its
    /// key, nullability, integer or float), each with where it says so.
    pub from: Vec<crate::ir::Provenance>,
}

#[derive(Debug, Clone)]
pub struct DraftValue {
    /// The value as written: a string's text, or a number's JSON text.
    pub wire: String,
    /// The value is a JSON number (`| DISABLE | 0 |`, `0 | -1` in a code block).
    pub number: bool,
    /// The SDK's name for it (the Name column), which names a number's variant.
    pub name: Option<String>,
    /// A table printed it, and a table cannot quote a value: `1` may be the
    /// number or the string `"1"` (the SDK's sources say which).
    pub unquoted: bool,
    /// The value is deprecated, for this reason.
    pub deprecated: Option<String>,
    pub loc: Loc,
}

/// Every Type cell of a document, for dialect detection.
pub fn type_cells(doc: &Document) -> Vec<FlatCell> {
    type_column_cells(doc).map(|c| FlatCell::new(&c.inlines)).collect()
}

/// Every Type cell of a document with where it starts.
fn located_type_cells(doc: &Document) -> Vec<(FlatCell, Loc)> {
    type_column_cells(doc).map(|c| (FlatCell::new(&c.inlines), doc.source.loc(c.span.start))).collect()
}

fn type_column_cells(doc: &Document) -> impl Iterator<Item = &Cell> {
    tables(doc).flat_map(|(head, rows)| {
        let col = column(head, "Type");
        rows.iter().filter_map(move |r| r.get(col?))
    })
}

/// How many cells an undecided detection shows.
const CELLS_SHOWN: usize = 5;

/// The detection error (E0006) with the first Type cells of `docs`, each with
/// what the dialect that reads furthest into it says: the nearest miss is the
/// likeliest dialect, and its message says what it could not read.
pub fn undecided<'a>(undecided: Diagnostic, docs: impl Iterator<Item = &'a Document>) -> Diagnostic {
    let mut d = undecided;
    for (cell, loc) in docs.flat_map(located_type_cells).take(CELLS_SHOWN) {
        let note = match crate::dialect::nearest(&cell) {
            Some((dialect, e)) => format!("`{}`: {} reads furthest, then: {}", shorten(&cell.text, 60), dialect.name(), e.message()),
            None => format!("`{}`", shorten(&cell.text, 60)),
        };
        d = d.note(note, loc);
    }
    d
}

fn tables(doc: &Document) -> impl Iterator<Item = (&Vec<Cell>, &Vec<Row>)> {
    doc.blocks.iter().filter_map(|b| match b {
        Block::Table { head, rows, .. } => Some((head, rows)),
        _ => None,
    })
}

fn column(head: &[Cell], name: &str) -> Option<usize> {
    head.iter().position(|c| c.plain().eq_ignore_ascii_case(name))
}

/// The doc's draft, pushing what is wrong with it to `errors`: a doc with a bad
/// cell still yields its other fields, so one run reports every error of a tree.
/// Only a doc without a usable title yields nothing.
pub fn lower(
    doc: &Document,
    dialect: &dyn Dialect,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<Draft> {
    let src = &doc.source;
    let (folder, stem) = match src.rel_path.rsplit_once('/') {
        Some((folder, file)) => (folder.to_string(), file),
        None => (String::new(), &*src.rel_path),
    };
    let stem = stem.strip_suffix(".mdx").or_else(|| stem.strip_suffix(".md")).unwrap_or(stem).to_lowercase();
    let title = match title(doc, warnings) {
        Ok(t) => t,
        Err(_) if !describes_model(doc) => {
            let msg = "doc describes no model (no `# Title`, and no Fields, Values or Supported Types section): skipped";
            warnings.push(Diagnostic::warning(NO_MODEL, msg).at(src.loc(0)));
            return None;
        }
        Err(e) => {
            errors.push(e);
            return None;
        }
    };
    let mut docs = Vec::new();
    // What the description says of a deprecation, over all its paragraphs.
    let mut said = Prose::default();
    let mut section: Option<String> = None;
    let mut body = Body::Empty;
    // An empty `###` member heading, whose type is in the code block under it.
    let mut unnamed_member: Option<Loc> = None;
    let mut example_is_object = None;
    for block in &doc.blocks {
        if let Some(loc) = unnamed_member.take_if(|_| !matches!(block, Block::Paragraph { .. })) {
            let member = match block {
                Block::Code { text, .. } => code_member(dialect, text, loc, warnings),
                _ => unread_member(dialect, "", "no code block under the empty heading names its type", loc, warnings),
            };
            push_member(&mut body, member);
        }
        match block {
            Block::Heading { level: 1, .. } | Block::FrontMatter { .. } => {}
            Block::Heading { level: 3.., inlines, span } if section.as_deref() == Some("Supported Types") => {
                match union_member(doc, dialect, inlines, span, warnings) {
                    Some(member) => push_member(&mut body, member),
                    None => unnamed_member = Some(doc.source.loc(span.start)),
                }
            }
            Block::Heading { inlines, .. } => section = Some(Inline::plain(inlines).trim().to_string()),
            Block::Paragraph { inlines, .. } if section.as_deref().is_none_or(is_prose_section) => {
                let mut paragraph = prose(inlines);
                docs.extend(paragraph.text.take());
                said.extend(paragraph);
            }
            Block::Paragraph { span, .. }
                if matches!(section.as_deref(), Some("Fields" | "Values"))
                    && src.text.get(span.clone()).is_some_and(|t| t.trim_start().starts_with('|')) =>
            {
                let msg = "these lines look like table rows, but they are not part of a table";
                let help = "a table starts with a header row (`| Field | Type | Required | Description |`) \
                            and a delimiter row (`|-|-|-|-|`), and has no blank line inside";
                errors.push(Diagnostic::error("E0014", msg).at(src.loc(span.start)).help(help));
                if section.as_deref() == Some("Fields") && matches!(body, Body::Empty) {
                    body = Body::Struct(Vec::new());
                }
            }
            Block::Code { text, span, .. } if section.as_deref() == Some("Values") && matches!(body, Body::Empty) => {
                if let Some(values) = code_values(doc, text, span, warnings) {
                    body = Body::Enum(values);
                }
            }
            Block::Code { text, .. } if section.as_deref() == Some("Example Usage") && example_is_object.is_none() => {
                example_is_object = usage_literal(text);
            }
            Block::Table { head, rows, span } => match section.as_deref() {
                Some("Fields") if is_sdk_config(head) => {
                    let msg = format!(
                        "`{}` describes the SDK's own settings (a `Name | Type` table with no Required column), not API data: skipped",
                        title.text
                    );
                    warnings.push(Diagnostic::warning("W0005", msg).at(src.loc(span.start)));
                    return None;
                }
                Some("Fields") => {
                    let f = fields(doc, dialect, head, rows, span, errors, warnings);
                    // A table whose rows all had errors is not an empty model.
                    body = if rows.is_empty() { Body::Empty } else { Body::Struct(f) };
                }
                Some("Values") => match values(doc, head, rows, span, errors) {
                    Ok(v) => body = Body::Enum(v),
                    Err(e) => errors.push(e),
                },
                _ => {}
            },
            _ => {}
        }
    }
    if let Some(loc) = unnamed_member {
        push_member(&mut body, unread_member(dialect, "", "no code block under the empty heading names its type", loc, warnings));
    }
    let docs = (!docs.is_empty()).then(|| docs.join("\n\n"));
    let deprecated = said.note(title.deprecated);
    let title_loc = src.loc(title.span.start);
    Some(Draft { title: title.text, title_loc, folder, stem, docs, deprecated, body, from: Vec::new(), example_is_object })
}

/// What the value a usage example assigns is, when it is a literal
/// (`let value: X = {};` is an object, `= true` is not); `None` for
/// anything else, such as a constructor call, which says nothing of JSON.
fn usage_literal(code: &str) -> Option<bool> {
    // The first `=` that is not part of `==`, `=>`, `<=`, `>=` or `!=`.
    let bytes = code.as_bytes();
    let eq = (0..bytes.len()).find(|&i| {
        let before = i.checked_sub(1).and_then(|j| bytes.get(j)).copied();
        bytes.get(i) == Some(&b'=') && !matches!(bytes.get(i + 1), Some(b'=' | b'>')) && !matches!(before, Some(b'=' | b'<' | b'>' | b'!'))
    })?;
    let value = code[eq + 1..].trim_start();
    let first = value.chars().next()?;
    let word = value.split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or_default();
    match first {
        '{' => Some(true),
        '[' | '"' | '\'' | '-' | '0'..='9' => Some(false),
        _ if matches!(word, "true" | "false" | "null" | "True" | "False" | "None" | "nil") => Some(false),
        _ => None,
    }
}

/// The warning for a doc that is skipped because it describes no model.
pub const NO_MODEL: &str = "W0012";

/// Whether a doc has any section that describes a model, whatever its title.
fn describes_model(doc: &Document) -> bool {
    doc.blocks.iter().any(|b| match b {
        Block::Heading { level: 2, inlines, .. } => {
            matches!(Inline::plain(inlines).trim(), "Fields" | "Values" | "Supported Types")
        }
        _ => false,
    })
}

/// Sections whose paragraphs describe the model (an `## Overview`), as opposed
/// to the model's own sections and the SDK's usage examples.
fn is_prose_section(section: &str) -> bool {
    !matches!(section, "Fields" | "Values" | "Supported Types" | "Example Usage" | "Union Discrimination")
}

fn push_member(body: &mut Body, member: DraftMember) {
    match body {
        Body::Union(members) => members.push(member),
        _ => *body = Body::Union(vec![member]),
    }
}

/// Speakeasy documents the SDK's own configuration (`RetryConfig`) with a
/// `Name | Type | Description` table; model tables always have `Field` and
/// `Required`.
fn is_sdk_config(head: &[Cell]) -> bool {
    column(head, "Name").is_some() && column(head, "Field").is_none() && column(head, "Required").is_none()
}

/// A doc's title: its `# Title`, else the `title:` of its front matter (`.mdx`).
struct Title {
    text: String,
    span: Range<usize>,
    /// The title is struck through (`# ~~Name~~`), or a second `#` heading says
    /// `Deprecated`: the model is deprecated.
    deprecated: bool,
}

/// A front matter's title, struck through as a `#` title is when the model is
/// deprecated (`title: "~~Name~~"`): its markdown is the heading's.
fn front_title(title: &str, span: &Range<usize>) -> Title {
    let struck = title.strip_prefix("~~").and_then(|t| t.strip_suffix("~~")).map(str::trim).filter(|t| !t.is_empty());
    match struck {
        Some(name) => Title { text: name.to_string(), span: span.clone(), deprecated: true },
        None => Title { text: title.to_string(), span: span.clone(), deprecated: false },
    }
}

fn title(doc: &Document, warnings: &mut Vec<Diagnostic>) -> Result<Title, Diagnostic> {
    let src = &doc.source;
    let mut titles = doc.blocks.iter().filter_map(|b| match b {
        Block::Heading { level: 1, inlines, span } => Some((inlines, span)),
        _ => None,
    });
    let front = doc.blocks.iter().find_map(|b| match b {
        Block::FrontMatter { title: Some((title, span)), .. } => Some(front_title(title, span)),
        _ => None,
    });
    let Some((inlines, span)) = titles.next() else {
        if let Some(front) = front {
            return Ok(front);
        }
        let msg = if src.text.trim().is_empty() { "doc is empty: it has no `# Title` heading" } else { "doc has no `# Title` heading" };
        return Err(Diagnostic::error("E0010", msg).at(src.loc(0)).help("a model doc starts with `# Title`, the model's name"));
    };
    let text = Inline::plain(inlines).trim().to_string();
    if text.is_empty() {
        return Err(Diagnostic::error("E0010", "the `#` title is empty").at(src.loc(span.start)));
    }
    let mut deprecated = inlines.iter().all(|i| matches!(i, Inline::Strikethrough(_)));
    for (second, at) in titles {
        let second_text = Inline::plain(second).trim().to_string();
        if second_text.eq_ignore_ascii_case("deprecated") {
            deprecated = true;
            continue;
        }
        let msg = format!(
            "doc has a second `#` title, `{second_text}`; the first, `{text}`, at line {}, names the model",
            src.loc(span.start).line
        );
        warnings.push(Diagnostic::warning("W0013", msg).at(src.loc(at.start)));
    }
    Ok(Title { text, span: span.clone(), deprecated })
}

/// Other headers some generators give a column (a Fields table whose first
/// column is `Name` or `Property`; its Required column tells it from SDK settings).
fn synonyms(name: &str) -> &'static [&'static str] {
    match name {
        "Field" => &["Name", "Property", "Parameter"],
        _ => &[],
    }
}

fn require_columns(
    doc: &Document,
    head: &[Cell],
    span: &Range<usize>,
    names: &[&str],
) -> Result<Vec<usize>, Diagnostic> {
    names
        .iter()
        .map(|name| {
            let found = column(head, name).or_else(|| synonyms(name).iter().find_map(|s| column(head, s)));
            found.ok_or_else(|| {
                let found: Vec<String> = head.iter().map(Cell::plain).collect();
                let msg = format!("table has no `{name}` column (columns: {})", found.join(", "));
                Diagnostic::error("E0012", msg).at(doc.source.loc(span.start))
            })
        })
        .collect()
}

fn fields(
    doc: &Document,
    dialect: &dyn Dialect,
    head: &[Cell],
    rows: &[Row],
    span: &Range<usize>,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<DraftField> {
    let cols = match require_columns(doc, head, span, &["Field", "Type", "Required", "Description"]) {
        Ok(cols) => cols,
        Err(e) => {
            errors.push(e);
            return Vec::new();
        }
    };
    let example_col = column(head, "Example");
    let mut out = Vec::new();
    for row in rows {
        if let Err(e) = row_shape(doc, head, row) {
            errors.push(e);
            continue;
        }
        let (Some(name), Some(ty), Some(req), Some(desc)) =
            (row.get(cols[0]), row.get(cols[1]), row.get(cols[2]), row.get(cols[3]))
        else {
            continue;
        };
        let cells = FieldCells { name, ty, req, desc, example: example_col.and_then(|c| row.get(c)) };
        out.push(field(doc, dialect, cells, warnings));
    }
    out
}

/// The cells of one Fields row.
struct FieldCells<'a> {
    name: &'a Cell,
    ty: &'a Cell,
    req: &'a Cell,
    desc: &'a Cell,
    example: Option<&'a Cell>,
}

/// A row's field: what a cell does not say precisely degrades, with a warning.
fn field(doc: &Document, dialect: &dyn Dialect, cells: FieldCells<'_>, warnings: &mut Vec<Diagnostic>) -> DraftField {
    let FieldCells { name, ty, req, desc, example } = cells;
    let src = &doc.source;
    let printed_name = name.plain();
    let wire = dialect.wire_name(&printed_name);
    let flat = FlatCell::new(&ty.inlines);
    let parsed = dialect.parse(&flat).map_err(|e| type_warning(doc, dialect, &flat, ty, e));
    let required = match req.plain().as_str() {
        ":heavy_check_mark:" | "✔️" | "✓" | "Yes" | "yes" | "true" => true,
        ":heavy_minus_sign:" | "➖" | "-" | "No" | "no" | "false" | "" => false,
        other => {
            // Optional reads the key whether it comes or not.
            let msg = format!("cannot tell whether `{printed_name}` is required from `{other}`: read as optional");
            let help = "use `:heavy_check_mark:` for required and `:heavy_minus_sign:` for optional";
            warnings.push(Diagnostic::warning("W0015", msg).at(src.loc(req.span.start)).help(help));
            false
        }
    };
    let said = prose(&desc.inlines);
    let deprecated = said.note(struck(&name.inlines));
    let docs = said.text;
    let example = example.and_then(|e| crate::prose::example(&e.inlines));
    let degraded = parsed.is_err();
    let (value_ty, nullable) = match parsed {
        Ok(parsed) => dialect.nullability(parsed, required),
        Err(warning) => {
            warnings.push(warning);
            // Any JSON value, `null` too: an optional field keeps `null` apart from absent.
            (TypeExpr::Any, Some(!required))
        }
    };
    let rest_holder = printed_name == dialect.rest_holder() && matches!(value_ty, TypeExpr::Map(_));
    DraftField {
        rest_holder,
        printed_name,
        wire_name: wire.name,
        wire_name_inferred: wire.inferred,
        ty: value_ty,
        nullable,
        type_text: flat.text,
        required,
        docs,
        deprecated,
        example,
        loc: src.loc(name.span.start),
        type_loc: src.loc(ty.span.start),
        degraded,
        from: Vec::new(),
    }
}

const UNION_MEMBER: &str = "#supported-types";

/// A `###` heading of a Supported Types section names a member type in the
/// dialect's own syntax (`models.Otp`, `Components\Otp`, `Otp`); `None` for an
/// empty heading, whose type is in the code block under it.
fn union_member(
    doc: &Document,
    dialect: &dyn Dialect,
    inlines: &[Inline],
    span: &Range<usize>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<DraftMember> {
    let mut flat = FlatCell::new(inlines);
    let marks = doc.source.text.get(span.clone()).map_or(0, |t| t.len() - t.trim_start_matches('#').trim_start().len());
    let loc = doc.source.loc(span.start + marks);
    if flat.text.trim().is_empty() {
        return None;
    }
    // A heading here names a model as a link would, though it has none; the
    // marker is no `.md` file, so lookup goes by the name alone.
    if flat.links.is_empty() {
        flat.links.push((0..flat.text.len(), UNION_MEMBER.to_string()));
    }
    Some(match dialect.parse(&flat) {
        Ok(mut ty) => {
            if let TypeExpr::Named { link, .. } = &mut ty {
                link.take_if(|l| l == UNION_MEMBER);
            }
            DraftMember { ty, loc, degraded: false }
        }
        Err(e) => unread_member(dialect, &flat.text, &e.message(), loc, warnings),
    })
}

/// A member under an empty heading: the SDK's example under it builds the union
/// from a value of the member's type (Go: `CreateXStr(string{/* values here */})`).
fn code_member(dialect: &dyn Dialect, code: &str, loc: Loc, warnings: &mut Vec<Diagnostic>) -> DraftMember {
    let Some(text) = member_type_in_code(code) else {
        return unread_member(dialect, "", "the code block under the empty heading names no type", loc, warnings);
    };
    match dialect.parse(&FlatCell { text: text.to_string(), links: Vec::new() }) {
        Ok(ty) => DraftMember { ty, loc, degraded: false },
        Err(e) => unread_member(dialect, text, &e.message(), loc, warnings),
    }
}

/// The type of the value a union's example builds it from: the composite
/// literal with a placeholder body (`Type{/* values here */}`) passed to the
/// constructor.
fn member_type_in_code(code: &str) -> Option<&str> {
    let brace = code.find("{/*")?;
    let open = code[..brace].rfind('(')?;
    Some(code[open + 1..brace].trim()).filter(|t| !t.is_empty())
}

/// A member whose type cannot be read: any JSON value, with a warning.
fn unread_member(dialect: &dyn Dialect, text: &str, why: &str, loc: Loc, warnings: &mut Vec<Diagnostic>) -> DraftMember {
    let msg = format!(
        "cannot read union member `{}` ({} dialect): {why}; the member is any JSON value (`serde_json::Value`)",
        shorten(text, 80),
        dialect.name(),
    );
    warnings.push(Diagnostic::warning(FALLBACK, msg).at(loc.clone()));
    DraftMember { ty: TypeExpr::Any, loc, degraded: true }
}

/// The warning for a type that is not read precisely and falls back to any JSON
/// value: `--deny-warnings` makes it an error.
pub const FALLBACK: &str = "W0010";

/// W0010 for a Type cell the dialect cannot read, at the place it stopped.
fn type_warning(doc: &Document, dialect: &dyn Dialect, flat: &FlatCell, cell: &Cell, e: ParseError) -> Diagnostic {
    let loc = doc.source.loc(cell.span.start);
    let text = shorten(&flat.text, 80);
    let fallback = "the field is any JSON value (`serde_json::Value`)";
    if let Some(other) = crate::dialect::reader_of(flat, dialect) {
        let msg = format!("type `{text}` is written in the {} dialect, but this tree is read as {}; {fallback}", other.name(), dialect.name());
        return Diagnostic::warning(FALLBACK, msg)
            .at(loc)
            .help(format!("a tree is read in one dialect; as {}: {}", dialect.name(), e.message()));
    }
    let msg = format!("cannot read type `{text}` ({} dialect): {}; {fallback}", dialect.name(), e.message());
    Diagnostic::warning(FALLBACK, msg).at(loc)
}

/// A row with fewer or more cells than the header has columns: what is in which
/// column is a guess, so the row is refused.
fn row_shape(doc: &Document, head: &[Cell], row: &Row) -> Result<(), Diagnostic> {
    let src = &doc.source;
    let columns = head.len();
    if row.missing > 0 {
        let names: Vec<String> = head[row.len().min(columns)..].iter().map(Cell::plain).collect();
        let msg = format!("table row has {} of the table's {columns} cells: no `{}`", row.len(), names.join("`, `"));
        // Point where the missing cells would be: the row's last character.
        let text = src.text.get(row.span.clone()).unwrap_or_default();
        let end = row.span.start + text.trim_end().len().saturating_sub(1);
        let help = "give every row one cell per column, empty if need be";
        return Err(Diagnostic::error("E0013", msg).at(src.loc(end)).help(help));
    }
    if let Some(extra) = &row.overflow {
        let text = src.text.get(extra.clone()).unwrap_or_default();
        let msg = format!("table row has more cells than the table's {columns} columns: `{}` would be lost", shorten(text, 60));
        return Err(Diagnostic::error("E0013", msg).at(src.loc(extra.start)).help("write a `|` inside a cell as `\\|`"));
    }
    Ok(())
}

/// At most `max` characters of `text`, with `…` where it was cut.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

fn values(
    doc: &Document,
    head: &[Cell],
    rows: &[Row],
    span: &Range<usize>,
    errors: &mut Vec<Diagnostic>,
) -> Result<Vec<DraftValue>, Diagnostic> {
    let cols = require_columns(doc, head, span, &["Value"])?;
    let (name_col, desc_col) = (column(head, "Name"), column(head, "Description"));
    Ok(rows
        .iter()
        .filter(|row| row_shape(doc, head, row).map_err(|e| errors.push(e)).is_ok())
        .filter_map(|row| Some((row.get(cols[0])?, name_col.and_then(|c| row.get(c)), desc_col.and_then(|c| row.get(c)))))
        .map(|(cell, name, desc)| {
            let wire = cell.plain();
            let number = json_number(&wire).is_some();
            // A value is deprecated where its name or value is struck through,
            // or its description says so.
            let marked = struck(&cell.inlines) || name.is_some_and(|n| struck(&n.inlines));
            let said = desc.map(|d| prose(&d.inlines)).unwrap_or_default();
            let name = name.map(Cell::plain).filter(|n| !n.is_empty());
            let deprecated = said.note(marked);
            DraftValue { wire, number, name, unquoted: true, deprecated, loc: doc.source.loc(cell.span.start) }
        })
        .collect())
}

/// `text` when it is a JSON number as JSON writes it (`0`, `-1`, `1.0`, `2.5e3`).
pub fn json_number(text: &str) -> Option<serde_json::Number> {
    serde_json::from_str::<serde_json::Number>(text).ok()
}

/// An enum's values written as a type in a code block, as newer TypeScript
/// docs do: `"a" | "b" | Unrecognized<string>`, `0 | -1 | Unrecognized<number>`.
/// `Unrecognized<..>` says the enum is open, which every generated enum is.
/// A code block of anything else is not the values: `None`, with a warning.
fn code_values(doc: &Document, code: &str, span: &Range<usize>, warnings: &mut Vec<Diagnostic>) -> Option<Vec<DraftValue>> {
    let block = doc.source.text.get(span.clone()).unwrap_or_default();
    let mut values = Vec::new();
    for token in split_alternatives(code) {
        let token = token.trim();
        let at = block.find(token).map_or(span.start, |i| span.start + i);
        let loc = doc.source.loc(at);
        if token.starts_with("Unrecognized<") || token.is_empty() {
            continue;
        }
        let value = match serde_json::from_str::<serde_json::Value>(token) {
            Ok(serde_json::Value::String(text)) => DraftValue { wire: text, number: false, name: None, unquoted: false, deprecated: None, loc },
            Ok(serde_json::Value::Number(n)) => DraftValue { wire: n.to_string(), number: true, name: None, unquoted: false, deprecated: None, loc },
            _ => {
                let msg = format!("cannot read enum value `{}` in the Values code block: skipped", shorten(token, 60));
                warnings.push(Diagnostic::warning(FALLBACK, msg).at(loc));
                continue;
            }
        };
        values.push(value);
    }
    (!values.is_empty()).then_some(values)
}

/// The alternatives of `a | b | c`, split at the `|` outside string literals.
fn split_alternatives(code: &str) -> Vec<&str> {
    let (mut parts, mut start, mut quoted, mut escaped) = (Vec::new(), 0, false, false);
    for (i, ch) in code.char_indices() {
        match ch {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '|' if !quoted => {
                parts.push(&code[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&code[start..]);
    parts
}

/// A cell's text struck through (`~~name~~`): Speakeasy's mark of a deprecation.
fn struck(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| matches!(i, Inline::Strikethrough(_)))
}

/// A user's wire name for one field: `model` is the doc's title, `field` the
/// name as the docs print it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct WireNameOverride {
    pub model: String,
    pub field: String,
    pub wire: String,
}

/// How printed field names become wire keys: a case for the whole tree, then
/// overrides of single fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WireNames {
    pub case: WireCase,
    pub overrides: Vec<WireNameOverride>,
}

/// Applies the wire case, then the overrides, to one draft, noting in `used` the
/// position of each override that matched. It runs as each doc is lowered,
/// while its draft is fresh in the cache; whether a key is then still a guess
/// is settled once the SDK's sources and the docs' evidence are in
/// ([`crate::keys::settle`]).
pub fn settle_wire_names(draft: &mut Draft, dialect: &dyn Dialect, names: &WireNames, used: &mut Vec<usize>) {
    let Body::Struct(fields) = &mut draft.body else { return };
    let overrides = &names.overrides;
    let mine: Vec<usize> = (0..overrides.len()).filter(|&i| overrides[i].model == draft.title).collect();
    for f in fields.iter_mut() {
        if names.case != WireCase::Inferred {
            let wire = names.case.wire_name(dialect, &f.printed_name);
            (f.wire_name, f.wire_name_inferred) = (wire.name, wire.inferred);
        }
        if let Some(&i) = mine.iter().find(|&&i| overrides[i].field == f.printed_name) {
            used.push(i);
            f.wire_name = overrides[i].wire.clone();
            f.wire_name_inferred = false;
        }
    }
}

/// An error (E0008) for each override that matched no field (`used` holds the
/// positions of those that did): a typo must not silently leave a wrong key in place.
pub fn unused_overrides(overrides: &[WireNameOverride], used: &[usize]) -> Vec<Diagnostic> {
    let mut matched = vec![false; overrides.len()];
    used.iter().for_each(|&i| matched[i] = true);
    overrides
        .iter()
        .zip(matched)
        .filter(|(_, matched)| !matched)
        .map(|(o, _)| {
            let msg = format!("`--wire-name {}.{}={}` names no field of any doc", o.model, o.field, o.wire);
            Diagnostic::error("E0008", msg).help("MODEL is the doc's `# Title`, FIELD the name in its Field column")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::ruby_sorbet::RubySorbet;
    use crate::read::{parse, SourceFile};

    fn draft(text: &str) -> Result<Draft, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let draft = lower(&parse(SourceFile::new("shared/x.md", text)), &RubySorbet, &mut errors, &mut Vec::new());
        match draft {
            Some(d) if errors.is_empty() => Ok(d),
            _ => Err(errors),
        }
    }

    #[test]
    fn struct_fields_with_flags() {
        let d = draft(
            "# X\n\nA model.\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n\
             | `a` | *::String* | :heavy_check_mark: | First.<br/>Second. |\n\
             | ~~`b`~~ | *T.nilable(::Integer)* | :heavy_minus_sign: | N/A |\n",
        )
        .unwrap();
        assert_eq!((d.title.as_str(), d.folder.as_str(), d.stem.as_str()), ("X", "shared", "x"));
        assert_eq!(d.docs.as_deref(), Some("A model."));
        let Body::Struct(f) = d.body else { panic!() };
        assert_eq!(f[0].docs.as_deref(), Some("First.\\\nSecond."));
        assert!(f[0].required && f[0].deprecated.is_none());
        assert!(!f[1].required && f[1].deprecated.as_deref() == Some(crate::ir::DEPRECATED) && f[1].docs.is_none());
        assert_eq!((f[1].loc.line, f[1].loc.col), (10, 3));
    }

    #[test]
    fn a_fields_table_may_name_its_first_column_name_or_property() {
        for first in ["Name", "Property"] {
            let d = draft(&format!("# X\n\n## Fields\n\n| {first} | Type | Required | Description |\n|-|-|-|-|\n| `a` | *::String* | :heavy_check_mark: | N/A |\n")).unwrap();
            let Body::Struct(f) = d.body else { panic!() };
            assert_eq!(f[0].wire_name, "a");
        }
    }

    #[test]
    fn values_and_empty_fields() {
        let d = draft("# E\n\n## Values\n\n| Name | Value |\n|-|-|\n| `A` | a |\n| `B` |  |\n").unwrap();
        let Body::Enum(v) = d.body else { panic!() };
        assert_eq!(v.iter().map(|v| v.wire.as_str()).collect::<Vec<_>>(), ["a", ""]);
        let d = draft("# O\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n").unwrap();
        assert!(matches!(d.body, Body::Empty));
    }

    fn lowered(text: &str) -> (Option<Draft>, Vec<Diagnostic>, Vec<Diagnostic>) {
        let (mut errors, mut warnings) = (Vec::new(), Vec::new());
        let draft = lower(&parse(SourceFile::new("shared/x.md", text)), &RubySorbet, &mut errors, &mut warnings);
        (draft, errors, warnings)
    }

    #[test]
    fn bad_type_cell_falls_back_with_line_and_column() {
        let (d, errors, warnings) = lowered(
            "# X\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n\
             | `a` | *::Strin g* | :heavy_check_mark: | N/A |\n| `b` | *::String* | :heavy_minus_sign: | N/A |\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(warnings[0].code, FALLBACK);
        assert!(warnings[0].message.contains("`::Strin g`") && warnings[0].message.contains("serde_json::Value"));
        let loc = warnings[0].loc.as_ref().unwrap();
        assert_eq!((loc.line, loc.col), (7, 9));
        let Some(Draft { body: Body::Struct(f), .. }) = d else { panic!() };
        assert_eq!((f[0].ty.clone(), f[0].degraded, f[0].nullable), (TypeExpr::Any, true, Some(false)));
        assert_eq!((f[1].ty.clone(), f[1].degraded), (TypeExpr::String, false));
    }

    #[test]
    fn title_errors() {
        assert_eq!(draft("no title\n\n## Fields\n").unwrap_err()[0].code, "E0010");
        assert_eq!(draft("# \n\n## Fields\n").unwrap_err()[0].code, "E0010");
    }

    #[test]
    fn docs_that_describe_no_model_are_skipped_with_a_warning() {
        for text in ["", "no title\n", "## Options\n\n| Name | Type |\n|-|-|\n| a | b |\n"] {
            let (d, errors, warnings) = lowered(text);
            assert!(d.is_none() && errors.is_empty(), "{text:?}");
            assert_eq!(warnings.iter().map(|w| w.code).collect::<Vec<_>>(), [NO_MODEL], "{text:?}");
        }
    }

    #[test]
    fn struck_values_and_descriptions_deprecate_enum_values() {
        let d = draft("# E\n\n## Values\n\n| Name | Value | Description |\n|-|-|-|\n| ~~`OLD`~~ | old | N/A |\n| `NEW` | new | N/A |\n| `LEGACY` | legacy | Deprecated: use `new` instead. |\n").unwrap();
        let Body::Enum(v) = d.body else { panic!() };
        let notes: Vec<Option<&str>> = v.iter().map(|v| v.deprecated.as_deref()).collect();
        assert_eq!(notes, [Some(crate::ir::DEPRECATED), None, Some("Use `new` instead.")]);
    }

    #[test]
    fn a_struck_field_takes_the_reason_its_description_gives() {
        let d = draft("# X\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n\
             | ~~`a`~~ | *::String* | :heavy_minus_sign: | : warning: ** DEPRECATED **: This will be removed in a future release, please migrate away from it as soon as possible.<br/><br/>Please use `b` instead |\n").unwrap();
        let Body::Struct(f) = d.body else { panic!() };
        assert_eq!((f[0].docs.as_deref(), f[0].deprecated.as_deref()), (Some("Please use `b` instead"), Some("Please use `b` instead")));
    }

    #[test]
    fn a_second_title_is_a_warning_and_deprecated_marks_the_model() {
        let (d, errors, warnings) = lowered("# A\n\n# B\n");
        assert_eq!((d.unwrap().title.as_str(), errors.len()), ("A", 0));
        assert_eq!(warnings[0].code, "W0013");
        let (d, _, warnings) = lowered("# ~~Old~~\n\nGone.\n\n> :warning: **DEPRECATED**: This will be removed in a future release.\n");
        let d = d.unwrap();
        assert_eq!((d.docs.as_deref(), d.deprecated.as_deref()), (Some("Gone."), Some(crate::ir::DEPRECATED)));
        assert!(warnings.is_empty());
        let (d, _, warnings) = lowered("# Old\n\nOld things. Use `New` instead.\n\n# ~~Deprecated~~\n");
        assert_eq!(d.unwrap().deprecated.as_deref(), Some("Use `New` instead."));
        assert!(warnings.is_empty());
        let (d, _, _) = lowered("# Old\n\nNothing old here.\n");
        assert_eq!(d.unwrap().deprecated, None);
    }

    #[test]
    fn front_matter_gives_the_title() {
        let d = draft("---\ntitle: \"ChatAudio\"\n---\n\nAudio.\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n").unwrap();
        assert_eq!((d.title.as_str(), d.title_loc.line, d.title_loc.col), ("ChatAudio", 2, 8));
        assert_eq!(d.docs.as_deref(), Some("Audio."));
    }

    #[test]
    fn a_struck_front_matter_title_names_the_model() {
        let d = draft("---\ntitle: \"~~ChatVideo~~\"\n---\n\nVideo.\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n").unwrap();
        assert_eq!(d.title, "ChatVideo");
    }

    #[test]
    fn a_usage_example_says_whether_it_assigns_an_object() {
        let usage = |code: &str| draft(&format!("# A\n\n## Example Usage\n\n```typescript\n{code}\n```\n\n## Fields\n")).unwrap().example_is_object;
        assert_eq!(usage("import { A } from \"sdk\";\n\nlet value: A = {};"), Some(true));
        assert_eq!(usage("let value: A = true;"), Some(false));
        assert_eq!(usage("let value: A = [1];"), Some(false));
        assert_eq!(usage("if (a == b) {}"), None);
        assert_eq!(usage("value = A.builder().build();"), None);
    }

    #[test]
    fn prose_sections_join_the_description_and_usage_does_not() {
        let d = draft("# A\n\nFirst.\n\n## Overview\n\nMore.\n\n> quoted\n\n## Example Usage\n\nCall it.\n").unwrap();
        assert_eq!(d.docs.as_deref(), Some("First.\n\nMore."));
    }

    #[test]
    fn a_stray_carriage_return_does_not_split_a_row() {
        let d = draft("# X\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n| `a` | *::String* | :heavy_check_mark: | one\rtwo |\n").unwrap();
        let Body::Struct(f) = d.body else { panic!() };
        assert_eq!(f[0].docs.as_deref(), Some("one two"));
    }

    #[test]
    fn values_from_a_code_block_strings_and_numbers() {
        let d = draft("# E\n\n## Values\n\n```typescript\n\"a\" | \"b|c\" | Unrecognized<string>\n```\n").unwrap();
        let Body::Enum(v) = d.body else { panic!() };
        assert_eq!(v.iter().map(|v| (v.wire.as_str(), v.number)).collect::<Vec<_>>(), [("a", false), ("b|c", false)]);
        assert_eq!((v[1].loc.line, v[1].loc.col), (6, 7));
        let d = draft("# N\n\n## Values\n\n```typescript\n0 | -1 | 2.5 | Unrecognized<number>\n```\n").unwrap();
        let Body::Enum(v) = d.body else { panic!() };
        assert_eq!(v.iter().map(|v| (v.wire.as_str(), v.number)).collect::<Vec<_>>(), [("0", true), ("-1", true), ("2.5", true)]);
    }

    #[test]
    fn values_tables_mark_numbers_and_keep_names() {
        let d = draft("# E\n\n## Values\n\n| Name | Value |\n|-|-|\n| `DISABLE` | 0 |\n| `ONE_DOT_0` | 1.0 |\n").unwrap();
        let Body::Enum(v) = d.body else { panic!() };
        let got: Vec<_> = v.iter().map(|v| (v.wire.as_str(), v.number, v.name.as_deref())).collect();
        assert_eq!(got, [("0", true, Some("DISABLE")), ("1.0", true, Some("ONE_DOT_0"))]);
    }

    #[test]
    fn an_empty_member_heading_reads_the_type_from_its_example() {
        let text = "# U\n\n## Supported Types\n\n### `::String`\n\n### \n\n```go\nu := CreateUStr(::Integer{/* values here */})\n```\n\n### \n\nNo example.\n";
        let (d, _, warnings) = lowered(text);
        let Some(Draft { body: Body::Union(m), .. }) = d else { panic!() };
        let got: Vec<_> = m.iter().map(|m| (m.ty.clone(), m.degraded, m.loc.line)).collect();
        assert_eq!(got, [(TypeExpr::String, false, 5), (TypeExpr::Integer, false, 7), (TypeExpr::Any, true, 13)]);
        assert_eq!(warnings.iter().map(|w| w.code).collect::<Vec<_>>(), [FALLBACK]);
    }
}
