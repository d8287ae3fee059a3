//! The docs' prose as rustdoc markdown: the one place where a paragraph, a
//! Description cell or an Example cell becomes doc comment text, and where the
//! deprecation it states is read.
//!
//! The text comes as pulldown-cmark's inlines ([`Inline`]). What each dialect's
//! markup means is kept and its marks are not: `<br/>` is a line break (inside
//! a code span too, where it splits the span), emoji shortcodes (`:warning:`)
//! are dropped, Speakeasy's deprecation warning becomes [`Prose::deprecated`],
//! several `**Example N:**` become a list, and a character is escaped only where
//! rustdoc would otherwise read it as markup.

use pulldown_cmark::{Event, Options, Parser};

use crate::read::Inline;

/// A description as rustdoc markdown, with the deprecation it states.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prose {
    /// `None` when nothing is left (no text, or `N/A`).
    pub text: Option<String>,
    /// The text says what it describes is deprecated: Speakeasy's warning
    /// line, or a sentence that opens with "Deprecated".
    pub deprecated: bool,
    /// Speakeasy's warning line was there ("This will be removed in a future release").
    pub removal: bool,
    /// The sentences that would say why, or what to use instead (`Use
    /// `image_url` instead.`), if what it describes is deprecated.
    pub reasons: Vec<String>,
}

impl Prose {
    /// The note of a `#[deprecated]` for something that `marked` (struck
    /// through) or this text deprecates: the text's reasons, else a plain
    /// sentence; `None` when nothing deprecates it.
    pub fn note(&self, marked: bool) -> Option<String> {
        if !(marked || self.deprecated) {
            return None;
        }
        Some(match (self.reasons.is_empty(), self.removal) {
            (false, _) => self.reasons.join(" "),
            (true, true) => "The API will remove it in a future release.".to_string(),
            (true, false) => crate::ir::DEPRECATED.to_string(),
        })
    }

    /// Adds what another paragraph of the same description says.
    pub fn extend(&mut self, other: Prose) {
        self.deprecated |= other.deprecated;
        self.removal |= other.removal;
        self.reasons.extend(other.reasons);
    }
}

/// The markup of the docs' dialects that a doc comment's `line` still shows,
/// if any: a `<br>` tag, an emoji shortcode, or escaped bold (`\*\*`). The
/// corpus run fails a tree whose crate has one (`cargo xtask corpus`).
pub fn leftover_markup(line: &str) -> Option<&'static str> {
    let lower = line.to_ascii_lowercase();
    if lower.contains("<br") {
        Some("a <br> tag")
    } else if line.contains("\\*\\*") {
        Some("escaped bold (\\*\\*)")
    } else if without_shortcodes(line, false) != line {
        Some("an emoji shortcode")
    } else {
        None
    }
}

/// A description's text for rustdoc (see [`prose`]).
pub fn doc_text(inlines: &[Inline]) -> Option<String> {
    prose(inlines).text
}

/// An Example cell's text: each of its lines (a `<br/>`, in a code span too,
/// ends one) on a line of its own, markup left out.
pub fn example(inlines: &[Inline]) -> Option<String> {
    let lines: Vec<String> =
        lines(inlines).iter().map(|l| Inline::plain(&l.inlines).trim().to_string()).filter(|l| !l.is_empty()).collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// What a paragraph or cell says, as rustdoc markdown.
pub fn prose(inlines: &[Inline]) -> Prose {
    let mut out = Prose::default();
    let mut kept: Vec<Line> = Vec::new();
    for mut line in lines(inlines) {
        drop_shortcodes(&mut line.inlines);
        let plain = plain_text(&line.inlines);
        if is_warning_line(&plain) {
            (out.deprecated, out.removal) = (true, true);
            continue;
        }
        for sentence in sentences(&plain) {
            let lower = sentence.to_lowercase();
            out.deprecated |= marks_deprecation(sentence, &lower);
            out.reasons.extend(reason(sentence, &lower));
        }
        kept.push(line);
    }
    let render = |escape: Escape| examples(&kept, escape).unwrap_or_else(|| render_lines(&kept, escape));
    let text = least_escaped(render);
    let text = text.trim().to_string();
    out.text = (!text.is_empty() && text != "N/A").then_some(text);
    out
}

/// One line of a description: its inlines, and whether a `<br/>` (a hard
/// break) rather than a soft one ended the line before.
#[derive(Debug, Clone, Default)]
struct Line {
    inlines: Vec<Inline>,
    hard: bool,
}

/// The inlines split at line breaks: `<br/>` (also inside a code span, whose
/// pieces become spans of their own) and soft breaks.
fn lines(inlines: &[Inline]) -> Vec<Line> {
    let mut lines = vec![Line::default()];
    let push = |lines: &mut Vec<Line>, inline: Inline| {
        if let Some(line) = lines.last_mut() {
            line.inlines.push(inline);
        }
    };
    for inline in inlines {
        match inline {
            Inline::Html(h) if is_line_break(h) => lines.push(Line { inlines: Vec::new(), hard: true }),
            Inline::Break => lines.push(Line::default()),
            Inline::Code(code) => {
                let pieces = split_breaks(code);
                if pieces.len() == 1 {
                    push(&mut lines, inline.clone());
                    continue;
                }
                for (i, piece) in pieces.into_iter().enumerate() {
                    if i > 0 {
                        lines.push(Line { inlines: Vec::new(), hard: true });
                    }
                    if !piece.trim().is_empty() {
                        push(&mut lines, Inline::Code(piece.trim().to_string()));
                    }
                }
            }
            other => push(&mut lines, other.clone()),
        }
    }
    lines
}

fn is_line_break(html: &str) -> bool {
    let tag: String = html.chars().filter(|c| !c.is_whitespace() && *c != '/').collect();
    tag.eq_ignore_ascii_case("<br>")
}

/// A code span's text split at the `<br>` tags written inside it (a code span
/// keeps HTML as text, and the SDK docs put line breaks there too).
fn split_breaks(code: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let (mut start, mut from) = (0, 0);
    while let Some(open) = code[from..].find('<').map(|i| from + i) {
        let close = code[open..].find('>').map(|i| open + i);
        match close {
            Some(close) if is_line_break(&code[open..=close]) => {
                pieces.push(&code[start..open]);
                start = close + 1;
                from = close + 1;
            }
            _ => from = open + 1,
        }
    }
    pieces.push(&code[start..]);
    pieces
}

/// Drops emoji shortcodes (`:warning:`, `:rocket:`) from the text: rustdoc
/// prints them as written. Speakeasy's tables space the first one out
/// (`: warning: ** DEPRECATED **`), which is read at the start of a line only.
fn drop_shortcodes(inlines: &mut [Inline]) {
    for (i, inline) in inlines.iter_mut().enumerate() {
        if let Inline::Text(text) = inline {
            *text = without_shortcodes(text, i == 0);
        }
    }
}

fn without_shortcodes(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    if line_start {
        if let Some(after) = rest.trim_start().strip_prefix(": ").and_then(shortcode_tail) {
            rest = after;
        }
    }
    while let Some(colon) = rest.find(':') {
        let before = rest[..colon].chars().next_back();
        let boundary = before.is_none_or(|c| !c.is_alphanumeric() && c != ':');
        match shortcode_tail(&rest[colon + 1..]).filter(|_| boundary) {
            Some(after) => {
                out.push_str(rest[..colon].trim_end_matches(' '));
                if !out.is_empty() && !after.starts_with([' ', '.', ',', ';', ')']) && !after.is_empty() {
                    out.push(' ');
                }
                rest = after.strip_prefix(' ').filter(|_| out.is_empty() || out.ends_with(' ')).unwrap_or(after);
            }
            None => {
                out.push_str(&rest[..=colon]);
                rest = &rest[colon + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// After the opening colon of a shortcode (`warning: rest`), what follows its
/// closing one: a name of lower-case letters, digits, `_`, `+` or `-` with a
/// letter in it, and no letter or digit right after it.
fn shortcode_tail(text: &str) -> Option<&str> {
    let end = text.find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '+' | '-')))?;
    let (name, rest) = text.split_at(end);
    let after = rest.strip_prefix(':')?;
    let named = name.bytes().any(|b| b.is_ascii_lowercase());
    (named && !after.starts_with(|c: char| c.is_alphanumeric())).then_some(after)
}

/// Speakeasy's deprecation warning (`** DEPRECATED **: This will be removed in
/// a future release, ...`), its shortcode already dropped.
fn is_warning_line(plain: &str) -> bool {
    let text = plain.trim_start_matches(|c: char| c == '*' || c == '>' || c.is_whitespace());
    text.strip_prefix("DEPRECATED").is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
}

/// The text a reader sees, code spans kept in backticks: what a deprecation
/// note quotes.
fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::Code(t) => {
                out.push('`');
                out.push_str(t);
                out.push('`');
            }
            Inline::Link { children, .. } | Inline::Emphasis(children) | Inline::Strong(children) | Inline::Strikethrough(children) => {
                out.push_str(&plain_text(children));
            }
            Inline::Html(_) => {}
            Inline::Break => out.push(' '),
        }
    }
    out
}

/// The sentences of a line: each ends at `.`, `!` or `?` before a space.
fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if matches!(c, '.' | '!' | '?') && line[i + 1..].starts_with(' ') {
            out.push(line[start..=i].trim());
            start = i + 1;
        }
    }
    out.push(line[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// A sentence that says the thing is deprecated: it opens with the word
/// ("Deprecated. Use `x`.", "Deprecated alias of `y`"), or says "this field is
/// deprecated". `lower` is the sentence lowercased.
fn marks_deprecation(sentence: &str, lower: &str) -> bool {
    const SAYS: [&str; 8] = [
        "this field is deprecated",
        "this parameter is deprecated",
        "this property is deprecated",
        "this value is deprecated",
        "this feature is deprecated",
        "this option is deprecated",
        "this model is deprecated",
        "this attribute is deprecated",
    ];
    let opens = after_deprecated(sentence).is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()));
    opens || (lower.contains("deprecated") && SAYS.iter().any(|says| lower.contains(says)))
}

/// What follows a sentence's opening word "deprecated", in any case. Taken
/// from the sentence as written: lowercasing may change a text's length
/// (`İ` is two chars lowercased), so no cut is measured on the lowercased text.
fn after_deprecated(sentence: &str) -> Option<&str> {
    const WORD: &str = "deprecated";
    let opening = sentence.get(..WORD.len())?;
    opening.eq_ignore_ascii_case(WORD).then(|| &sentence[WORD.len()..])
}

/// The part of a sentence that gives a deprecation's reason, if it gives one:
/// what to use instead, or what became of the thing. A leading "Deprecated:"
/// is left out (the attribute says it). `lower` is the sentence lowercased.
fn reason(sentence: &str, lower: &str) -> Option<String> {
    if let Some(rest) = after_deprecated(sentence) {
        if rest.starts_with(['.', ':', '!', '-', ',']) {
            let tail = rest.trim_start_matches(['.', ':', '!', '-', ',', ' ']).trim();
            return (!tail.is_empty()).then(|| capitalized(tail));
        }
        return Some(sentence.to_string());
    }
    let says = [" instead", "in favor of", "in favour of", "replaced by", "superseded by", "no longer", "prefer "];
    // "Use `x`", "Please use new_name": a name to use, not "Use a string to ...".
    let opens = ["use ", "please use ", "prefer "];
    let names = |rest: &str| rest.split(' ').next().is_some_and(|w| w.starts_with('`') || w.contains('_'));
    let gives = says.iter().any(|s| lower.contains(s)) || opens.iter().any(|o| lower.strip_prefix(o).is_some_and(names));
    gives.then(|| capitalized(sentence))
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// `**Example 1:** a **Example 2:** b` as a list, when a description has two
/// or more such labels: the text before the first stays a paragraph.
fn examples(lines: &[Line], escape: Escape) -> Option<String> {
    let labels = lines.iter().flat_map(|l| &l.inlines).filter(|i| is_example_label(i)).count();
    if labels < 2 {
        return None;
    }
    let (mut intro, mut items): (Vec<Line>, Vec<Vec<Line>>) = (Vec::new(), Vec::new());
    for line in lines {
        let mut current = Line { inlines: Vec::new(), hard: line.hard };
        for inline in &line.inlines {
            if is_example_label(inline) {
                flush(&mut intro, &mut items, std::mem::take(&mut current));
                items.push(Vec::new());
            } else {
                current.inlines.push(inline.clone());
            }
        }
        flush(&mut intro, &mut items, current);
    }
    let mut out = render_lines(&intro, escape);
    out.push_str("\n\n");
    for item in &items {
        let text = render_lines(item, escape);
        let text = text.trim().replace("\\\n", "\n").replace('\n', "\n  ");
        out.push_str(&format!("- {text}\n"));
    }
    Some(out)
}

/// Adds a line to the last example's item, or to the intro before the first.
fn flush(intro: &mut Vec<Line>, items: &mut [Vec<Line>], line: Line) {
    if line.inlines.is_empty() {
        return;
    }
    match items.last_mut() {
        Some(item) => item.push(line),
        None => intro.push(line),
    }
}

/// `**Example:**`, `**Example 2:**`, `**Example 2**`.
fn is_example_label(inline: &Inline) -> bool {
    let Inline::Strong(children) = inline else { return false };
    let text = Inline::plain(children);
    let text = text.trim().trim_end_matches(':').trim();
    text.strip_prefix("Example").is_some_and(|n| n.trim().bytes().all(|b| b.is_ascii_digit()))
}

/// Lines as rustdoc markdown: a `<br/>` becomes a hard break (a trailing `\`),
/// a soft break stays one, and empty lines part paragraphs.
fn render_lines(lines: &[Line], escape: Escape) -> String {
    let rendered: Vec<(String, bool)> = lines
        .iter()
        .map(|l| {
            let mut out = String::new();
            push_doc(&mut out, &l.inlines, escape);
            (out.replace('\t', " "), l.hard)
        })
        .collect();
    let mut out = String::new();
    let mut text_lines: Vec<String> = Vec::new();
    for (text, hard) in rendered {
        for (i, part) in text.lines().enumerate() {
            let part = guard_line_start(part.trim());
            if let Some(last) = text_lines.last_mut().filter(|l| hard && i == 0 && !l.is_empty() && !part.is_empty()) {
                last.push('\\');
            }
            text_lines.push(part);
        }
        if text.lines().next().is_none() {
            text_lines.push(String::new());
        }
    }
    // At most one empty line in a row: `<br/><br/>` parts paragraphs.
    text_lines.dedup_by(|b, a| a.is_empty() && b.is_empty());
    out.push_str(&text_lines.join("\n"));
    out
}

fn push_doc(out: &mut String, inlines: &[Inline], escape: Escape) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => push_escaped(out, t, escape),
            Inline::Code(t) if !t.contains('`') => {
                out.push('`');
                out.push_str(t);
                out.push('`');
            }
            Inline::Code(t) => push_escaped(out, t, escape),
            Inline::Link { url, children } => {
                push_doc(out, children, escape);
                if url.starts_with("http://") || url.starts_with("https://") {
                    out.push_str(" (<");
                    out.push_str(&url.replace(['<', '>', ' '], ""));
                    out.push_str(">)");
                }
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => push_doc(out, c, escape),
            Inline::Html(h) if is_line_break(h) => out.push('\n'),
            Inline::Html(h) => push_escaped(out, h, escape),
            Inline::Break => out.push('\n'),
        }
    }
}

/// A line that markdown would read as a list item, heading, quote or heading
/// underline stays text.
fn guard_line_start(line: &str) -> String {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let list = line.starts_with(['-', '+', '*', '=', '#', '>']) || (digits > 0 && line[digits..].starts_with(['.', ')']));
    if list {
        format!("\\{line}")
    } else {
        line.to_string()
    }
}

/// Text with bare URLs as autolinks and markup characters escaped where
/// rustdoc would read them as markup ([`push_word`]).
fn push_escaped(out: &mut String, text: &str, escape: Escape) {
    for (n, word) in text.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        // A URL may follow punctuation in one word (`(https://x.example)`).
        let at = word.match_indices("http").map(|(at, _)| at).find(|&at| {
            let rest = &word[at..];
            rest.starts_with("http://") || rest.starts_with("https://")
        });
        let (before, url) = at.map_or((word, ""), |at| word.split_at(at));
        push_word(out, before, escape);
        if !url.is_empty() {
            let (url, tail) = url.split_at(url.trim_end_matches(['.', ',', ')', ';', ':', '"', '\'']).len());
            out.push('<');
            out.push_str(&url.replace(['<', '>'], ""));
            out.push('>');
            push_word(out, tail, escape);
        }
    }
}

/// A word with its markup characters escaped: always those that open HTML,
/// links and code (`<`, `[`, `]`, `` ` ``, `\`, `|`); emphasis marks (`*`, `_`,
/// `~`) only where they could open or close emphasis, so `snake_case` and a
/// lone `*` read as written.
fn push_word(out: &mut String, word: &str, escape: Escape) {
    let markup = |c: char| matches!(c, '<' | '[' | ']' | '\\' | '`' | '|' | '>' | '#' | '*' | '_' | '~');
    // Most words hold no markup character: copied as they are.
    if !word.contains(markup) {
        out.push_str(word);
        return;
    }
    let chars: Vec<char> = word.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let always = matches!(c, '<' | '[' | ']' | '\\' | '`' | '|');
        let all = escape == Escape::All && matches!(c, '>' | '#');
        let mark = matches!(c, '*' | '_' | '~')
            && match escape {
                Escape::Least => false,
                Escape::Needed => !inert(&chars, i),
                Escape::All => true,
            };
        if always || all || mark {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Which markup characters are escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Escape {
    /// No emphasis mark, nor a `#` or `>` inside a line: right wherever the
    /// text has no pair of marks that would make emphasis.
    Least,
    /// Emphasis marks where they could open or close emphasis ([`inert`]).
    Needed,
    /// Every one, wherever it is.
    All,
}

/// The text with the fewest escapes that rustdoc renders as it renders the
/// text with all of them (checked on pulldown-cmark's events, as rustdoc
/// reads them): most texts have no mark to escape, and are rendered once.
fn least_escaped(render: impl Fn(Escape) -> String) -> String {
    let all = render(Escape::All);
    // The others escape a part of what `All` escapes: with no `\\` at all,
    // they are the same text.
    if !all.contains('\\') {
        return all;
    }
    for escape in [Escape::Least, Escape::Needed] {
        let text = render(escape);
        if text == all || renders_same(&text, &all) {
            return text;
        }
    }
    all
}

/// Whether the emphasis mark at `i` can neither open nor close emphasis: `_`
/// between letters or digits (`snake_case`), or a run of marks with a space
/// on both sides. A run at the word's edge is taken as next to a space only
/// where the word ends, since words are split at spaces.
fn inert(chars: &[char], i: usize) -> bool {
    let mark = chars[i];
    let start = chars[..i].iter().rposition(|&c| c != mark).map_or(0, |p| p + 1);
    let end = chars[i..].iter().position(|&c| c != mark).map_or(chars.len(), |p| i + p);
    let (before, after) = (start.checked_sub(1).map(|p| chars[p]), chars.get(end).copied());
    let spaced = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    (spaced(before) && spaced(after)) || (mark == '_' && word(before) && word(after))
}

/// Whether rustdoc renders `candidate` as it renders `safe`: the same events,
/// text runs joined (an escape splits one).
pub fn renders_same(candidate: &str, safe: &str) -> bool {
    events(candidate) == events(safe)
}

fn events(text: &str) -> Vec<Event<'_>> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    let mut out: Vec<Event<'_>> = Vec::new();
    for event in Parser::new_ext(text, options) {
        match (out.last_mut(), event) {
            (Some(Event::Text(last)), Event::Text(more)) => *last = format!("{last}{more}").into(),
            (_, event) => out.push(event),
        }
    }
    out
}

#[cfg(test)]
mod tests;
