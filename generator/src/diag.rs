//! Diagnostics: what went wrong, where, and what might fix it.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A position in a docs file: 1-based line and column (in characters). The
/// default, line 0, is no position: an IR read back from `docs2rs.ir.json`,
/// which leaves positions out, has it.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Loc {
    /// Shared by every position in one file: a doc has hundreds of them.
    pub file: Arc<str>,
    pub line: u32,
    pub col: u32,
}

impl Loc {
    pub fn is_unknown(&self) -> bool {
        self.line == 0
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub level: Level,
    /// Stable code: `E....` for errors, `W....` for warnings.
    pub code: &'static str,
    pub message: String,
    pub loc: Option<Loc>,
    pub help: Option<String>,
    /// Other places that the message is about (the first of two definitions).
    /// A boxed slice keeps `Diagnostic` small: it is the `Err` of many results.
    pub notes: Box<[(String, Loc)]>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Error, code, message: message.into(), loc: None, help: None, notes: Box::default() }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { level: Level::Warning, code, message: message.into(), loc: None, help: None, notes: Box::default() }
    }

    /// Adds another place: `note: {message} at {loc}`.
    pub fn note(mut self, message: impl Into<String>, loc: Loc) -> Self {
        let mut notes = std::mem::take(&mut self.notes).into_vec();
        notes.push((message.into(), loc));
        self.notes = notes.into_boxed_slice();
        self
    }

    pub fn at(mut self, loc: Loc) -> Self {
        self.loc = Some(loc);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        write!(f, "{level}[{}]: {}", self.code, self.message)?;
        if let Some(loc) = &self.loc {
            write!(f, "\n  --> {loc}")?;
        }
        for (note, loc) in &self.notes {
            write!(f, "\n  = note: {note} at {loc}")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// The diagnostics of a failed run: at least one of them is an error.
#[derive(Debug, Clone, thiserror::Error)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
}

/// Names files from `root` rather than relative to it.
pub fn under(diagnostics: &mut [Diagnostic], root: &std::path::Path) {
    for d in diagnostics {
        for loc in d.loc.iter_mut().chain(d.notes.iter_mut().map(|(_, loc)| loc)) {
            loc.file = root.join(&*loc.file).display().to_string().into();
        }
    }
}

impl Failure {
    /// Names files from `root` rather than relative to it.
    pub fn under(mut self, root: &std::path::Path) -> Self {
        under(&mut self.diagnostics, root);
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        write!(f, "generation failed: {errors} error(s)")
    }
}

/// Renders diagnostics the way rustc does: the message, `--> file:line:col`, the
/// source line with a caret under the span, and any help. Source files are read
/// once each, when a diagnostic first points into them.
#[derive(Default)]
pub struct Renderer {
    styled: bool,
    sources: std::collections::HashMap<String, Option<Source>>,
}

/// A file's text and where its lines start, so that finding a line does not
/// scan the file again for each diagnostic (a doc may have 100,000 of them).
struct Source {
    text: String,
    line_starts: Vec<usize>,
}

impl Source {
    fn new(text: String) -> Self {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Source { text, line_starts }
    }

    /// Line `n` (1-based) without its line break, as `str::lines` gives it.
    fn line(&self, n: usize) -> Option<&str> {
        let start = *self.line_starts.get(n.checked_sub(1)?)?;
        if start == self.text.len() {
            return None;
        }
        match self.line_starts.get(n) {
            // A line ended by `\n` drops a `\r` before it; the last line keeps its text.
            Some(&next) => self.text.get(start..next - 1).map(|l| l.strip_suffix('\r').unwrap_or(l)),
            None => self.text.get(start..),
        }
    }
}

impl Renderer {
    /// `styled`: colour, for a terminal.
    pub fn new(styled: bool) -> Self {
        Renderer { styled, sources: Default::default() }
    }

    /// Renders diagnostics in `file` against `text` rather than reading the file
    /// (docs given in memory).
    pub fn preload(&mut self, file: impl Into<String>, text: impl Into<String>) {
        self.sources.insert(file.into(), Some(Source::new(text.into())));
    }

    pub fn render(&mut self, d: &Diagnostic) -> String {
        self.render_with(d, None)
    }

    /// The diagnostic, then `tail` as a last `= ...` line (what a summary
    /// says of the others like it).
    pub fn render_with(&mut self, d: &Diagnostic, tail: Option<&str>) -> String {
        use annotate_snippets::{AnnotationKind, Level as L, Snippet};
        let level = match d.level {
            Level::Error => L::ERROR,
            Level::Warning => L::WARNING,
        };
        let line = d.loc.as_ref().and_then(|loc| self.line(loc).map(|text| (loc, window(loc, text))));
        let mut group = annotate_snippets::Group::with_title(level.primary_title(d.message.as_str()).id(d.code));
        if let Some((loc, (col, text, shifted))) = &line {
            let span = span_in_line(text, *col);
            let mut snippet = Snippet::source(text.as_str()).line_start(loc.line as usize);
            if *shifted {
                // The snippet's own column would be the window's: name the real one.
                let origin = annotate_snippets::Origin::path(&*loc.file).line(loc.line as usize).char_column(loc.col as usize);
                group = group.element(origin);
            } else {
                snippet = snippet.path(&*loc.file);
            }
            group = group.element(snippet.annotation(AnnotationKind::Primary.span(span)));
        } else if let Some(loc) = &d.loc {
            group = group.element(annotate_snippets::Origin::path(&*loc.file).line(loc.line as usize).char_column(loc.col as usize));
        }
        let notes: Vec<String> = d.notes.iter().map(|(note, loc)| format!("{note} at {loc}")).collect();
        for note in &notes {
            group = group.element(L::NOTE.message(note.as_str()));
        }
        if let Some(help) = &d.help {
            group = group.element(L::HELP.message(help.as_str()));
        }
        if let Some(tail) = tail {
            group = group.element(L::NOTE.no_name().message(tail));
        }
        let renderer = if self.styled { annotate_snippets::Renderer::styled() } else { annotate_snippets::Renderer::plain() };
        let text = renderer.render(&[group]);
        if line.as_ref().is_some_and(|(_, (_, _, shifted))| *shifted) {
            // A snippet with no path of its own after the origin line is announced
            // by an empty `:::` line: the origin already named the place.
            let lines: Vec<&str> = text.lines().filter(|l| l.trim() != ":::").collect();
            return lines.join("\n");
        }
        text
    }

    fn line(&mut self, loc: &Loc) -> Option<String> {
        let source = self.sources.entry(loc.file.to_string()).or_insert_with(|| read_source(&loc.file).map(Source::new));
        source.as_ref()?.line(loc.line as usize).map(str::to_string)
    }
}

/// A doc's text for showing a line of it: not at all when it is larger than the
/// reader accepts (the diagnostic is likely about that very size).
fn read_source(path: &str) -> Option<String> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    if file.metadata().ok()?.len() > crate::read::MAX_FILE_BYTES {
        return None;
    }
    let mut text = String::new();
    file.take(crate::read::MAX_FILE_BYTES).read_to_string(&mut text).ok()?;
    Some(text)
}

/// At most this many characters of a cell are underlined.
const MAX_MARKED_CHARS: usize = 40;

/// Lines longer than this are shown as a window around the column.
const MAX_SHOWN_CHARS: usize = 400;

/// The line to show, the column within it, and whether the shown text starts
/// after the line's start: a very long line (a minified doc, a table on one
/// line) is cut to a window around the column.
fn window(loc: &Loc, text: String) -> (u32, String, bool) {
    let chars = text.chars().count();
    if chars <= MAX_SHOWN_CHARS {
        return (loc.col, text, false);
    }
    let col = (loc.col as usize).clamp(1, chars);
    let start = col.saturating_sub(MAX_SHOWN_CHARS / 2).min(chars - MAX_SHOWN_CHARS);
    let shown: String = text.chars().skip(start).take(MAX_SHOWN_CHARS).collect();
    ((col - start) as u32, shown, start > 0)
}

/// Byte range of the token at 1-based character column `col`: up to the next
/// table pipe or the end of the line, without trailing spaces.
fn span_in_line(line: &str, col: u32) -> std::ops::Range<usize> {
    let start = line.char_indices().nth((col as usize).saturating_sub(1)).map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let mut end = start + rest.find(" |").unwrap_or(rest.len());
    end = start + line[start..end].trim_end().len();
    // A long cell is marked by its start: a caret line across it says no more.
    if let Some((cut, _)) = line[start..end].char_indices().nth(MAX_MARKED_CHARS) {
        end = start + cut;
    }
    if end == start {
        end = (start + line[start..].chars().next().map_or(0, char::len_utf8)).min(line.len());
    }
    start..end
}

/// One diagnostic as a JSON object, for `--message-format json`.
pub fn to_json(d: &Diagnostic) -> String {
    let (file, line, column) = d.loc.as_ref().map_or((None, None, None), |l| (Some(&l.file), Some(l.line), Some(l.col)));
    let value = serde_json::json!({
        "level": d.level,
        "code": d.code,
        "message": d.message,
        "file": file,
        "line": line,
        "column": column,
        "help": d.help,
        "notes": d.notes.iter().map(|(message, l)| serde_json::json!({
            "message": message, "file": l.file, "line": l.line, "column": l.col,
        })).collect::<Vec<_>>(),
    });
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc_with_a_caret_under_the_cell() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "# A\n| `x` | *::Strng* | :heavy_check_mark: |\n").unwrap();
        let loc = Loc { file: file.display().to_string().into(), line: 2, col: 9 };
        let d = Diagnostic::error("E0040", "unknown type `Strng`").at(loc).help("did you mean `String`?");
        let text = Renderer::new(false).render(&d);
        assert!(text.starts_with("error[E0040]: unknown type `Strng`"), "{text}");
        assert!(text.contains(&format!("--> {}:2:9", file.display())), "{text}");
        assert!(text.contains("| `x` | *::Strng* | :heavy_check_mark: |"), "{text}");
        assert!(text.contains("^^^^^^^^^"), "{text}");
        assert!(text.contains("help: did you mean `String`?"), "{text}");
    }

    #[test]
    fn a_very_long_line_is_shown_as_a_window_around_the_column() {
        let mut r = Renderer::new(false);
        let line = format!("{}BAD{}", "x".repeat(1_000_000), "y".repeat(1_000_000));
        r.preload("a.md", format!("# A\n{line}\n"));
        let d = Diagnostic::error("E0020", "bad").at(Loc { file: "a.md".into(), line: 2, col: 1_000_001 });
        let text = r.render(&d);
        assert!(text.contains("xxxBADyyy") && text.len() < 2_000, "{} bytes", text.len());
        assert!(text.contains("--> a.md:2:1000001"), "the location keeps its real column: {text}");
        assert!(text.lines().all(|l| l.trim() != ":::"), "no empty continuation line: {text}");
    }

    #[test]
    fn a_long_cell_on_a_long_row_is_marked_by_its_start() {
        let mut r = Renderer::new(false);
        let row = format!("| `a` | *::String* | {} | ok | {} |", "x".repeat(1_900), "extra".repeat(40));
        r.preload("a.md", format!("# A\n{row}\n"));
        let col = row.find("extraextra").unwrap() as u32 + 1;
        let text = r.render(&Diagnostic::error("E0013", "row").at(Loc { file: "a.md".into(), line: 2, col }));
        let carets = text.lines().find(|l| l.contains('^')).unwrap_or_default();
        assert_eq!(carets.matches('^').count(), MAX_MARKED_CHARS, "{text}");
        assert!(text.contains(&format!("--> a.md:2:{col}")) && text.lines().all(|l| l.trim() != ":::"), "{text}");
        assert!(text.lines().all(|l| l.chars().count() < 500), "{text}");
    }

    #[test]
    fn lines_are_found_as_str_lines_finds_them() {
        for text in ["", "a", "a\n", "a\nb", "a\r\nb\r\n", "\n\n", "x\n\ny\r"] {
            let source = Source::new(text.to_string());
            let expected: Vec<&str> = text.lines().collect();
            let found: Vec<&str> = (1..).map_while(|n| source.line(n)).collect();
            assert_eq!(found, expected, "{text:?}");
            assert_eq!(source.line(0), None);
        }
    }

    #[test]
    fn renders_without_source_when_the_file_is_gone() {
        let loc = Loc { file: "/no/such/file.md".into(), line: 3, col: 1 };
        let text = Renderer::new(false).render(&Diagnostic::warning("W0003", "no fields").at(loc));
        assert!(text.contains("warning[W0003]: no fields") && text.contains("/no/such/file.md:3:1"), "{text}");
    }

    #[test]
    fn json_has_every_field() {
        let loc = Loc { file: "a.md".into(), line: 2, col: 9 };
        let d = Diagnostic::error("E0040", "m").at(loc.clone()).note("first listed", loc);
        let json: serde_json::Value = serde_json::from_str(&to_json(&d)).unwrap();
        assert_eq!(json["notes"][0]["message"], "first listed");
        assert_eq!(json["notes"][0]["line"], 2);
        assert_eq!(json["level"], "error");
        assert_eq!(json["code"], "E0040");
        assert_eq!((json["file"].as_str(), json["line"].as_u64(), json["column"].as_u64()), (Some("a.md"), Some(2), Some(9)));
    }
}
