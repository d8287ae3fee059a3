//! Facts from the SDK's own model sources, read beside its docs.
//!
//! No dialect prints a field's JSON key: every SDK prints its own language's
//! name for it (`metrics_mode` in Python for the API's `metricsMode`). The SDK's
//! model code states the key (`json:"..."` in Go, `alias=` in Python,
//! `@JsonProperty` in Java, ...), and more that the docs do not: whether `null`
//! is a value, integer or float, whether an enum's values are strings or numbers.
//!
//! One module per source language turns a file into [`SourceModel`]s through the
//! [`Language`] trait; [`lex`] gives each the tokens of its language. Which
//! language a tree's sources are in follows from the docs' dialect
//! ([`for_dialect`]). Adding a language is one file plus its tests.

use std::sync::Arc;

use crate::diag::{Diagnostic, Loc};

pub mod csharp;
pub mod discover;
pub mod go;
pub mod java;
pub mod lex;
pub mod php;
pub mod python;
pub mod refine;
pub mod ruby;
pub mod typescript;

/// W0019: a model source that its reader does not understand; its facts are
/// not taken, and the docs' own reading stands.
pub const NOT_READ: &str = "W0019";

/// A class, struct, type or enum as one source file declares it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceModel {
    /// The name the SDK declares it under (`AccountFilter`): what the doc's
    /// `# Title` is, in every generator seen.
    pub name: String,
    /// Where the declaration's name is.
    pub loc: Loc,
    pub body: SourceBody,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SourceBody {
    /// An object's properties, in declaration order.
    Struct(Vec<SourceField>),
    /// An enum's members, in declaration order.
    Enum(Vec<SourceValue>),
}

/// One property of an object model.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceField {
    /// The SDK's own name for it: what the docs print in the Field column
    /// (`metrics_mode`, `metricsMode`, `MetricsMode`, `$metricsMode` less its `$`).
    pub name: String,
    /// The JSON key the SDK reads and writes (`metricsMode`).
    pub key: String,
    /// `Some(true)` when the source says `null` is a value (`z.nullable(...)`,
    /// `Nullable[...]`, `JsonNullable<...>`, `optionalnullable.OptionalNullable`),
    /// `Some(false)` when its types state that it is not, `None` when the
    /// language's notation cannot tell (a Go pointer, a C# `string?`, Ruby's
    /// `T.nilable` on an optional field).
    pub nullable: Option<bool>,
    /// For a numeric field (or a container of numbers): whether the source
    /// types it as an integer or a float; `None` for any other field, and where
    /// the source's type does not say (TypeScript's `number`).
    pub number: Option<Number>,
    pub loc: Loc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Number {
    Integer,
    Float,
    /// A number the SDK sends and reads as a JSON string (`"42"`): an int64
    /// as protobuf's JSON mapping writes it, a Go `string` tag option.
    Quoted,
}

/// One member of an enum.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceValue {
    /// The member's name in the SDK (`ONE`), for messages.
    pub name: String,
    pub wire: Wire,
    pub loc: Loc,
}

/// An enum value as the SDK sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wire {
    /// A JSON string: its text (`"1"` for Python's `ONE = "1"`).
    String(String),
    /// A JSON number: its text as written (`1`, `-1`, `2.5`).
    Number(String),
}

/// What one source file declares.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileFacts {
    pub models: Vec<SourceModel>,
    /// W0019 for each declaration that looks like a model but could not be
    /// read (at its position): its facts are not taken.
    pub warnings: Vec<Diagnostic>,
}

/// A source language's reader.
pub trait Language: Sync {
    /// Its name in messages (`Python`).
    fn name(&self) -> &'static str;
    /// The extensions of its source files, without the dot.
    fn extensions(&self) -> &'static [&'static str];
    /// The models that one file declares. `file` names it in every `Loc`
    /// (shared by all of them); `text` is the whole file. Never panics, on any
    /// text: a declaration it cannot read is skipped with a W0019 at its place.
    fn read(&self, file: &Arc<str>, text: &str) -> FileFacts;
}

/// The reader of the SDK sources behind docs in `dialect`.
pub fn for_dialect(dialect: &str) -> Option<&'static dyn Language> {
    Some(match dialect {
        "python" => &python::Python,
        "typescript" => &typescript::TypeScript,
        "go" => &go::Go,
        "java" => &java::Java,
        "csharp" => &csharp::CSharp,
        "php" => &php::Php,
        "ruby-sorbet" | "ruby-crystalline" => &ruby::Ruby,
        _ => return None,
    })
}

/// A position in a source file, from a token's.
pub fn loc(file: &Arc<str>, token: &lex::Token<'_>) -> Loc {
    Loc { file: file.clone(), line: token.line, col: token.col }
}

/// W0019 at `loc`: `what` could not be read, and why.
pub fn not_read(loc: Loc, what: &str, why: &str) -> Diagnostic {
    let msg = format!("{what} is not read: {why}; the docs' own reading of it stands");
    Diagnostic::warning(NOT_READ, msg).at(loc)
}

/// What a tree's sources gave, for the run's summary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub language: &'static str,
    pub root: String,
    pub files: usize,
    pub models: usize,
    pub warnings: usize,
    pub refined: refine::Refined,
}

impl Report {
    pub fn new(sources: &discover::Sources, refined: refine::Refined) -> Self {
        Report {
            language: sources.language.name(),
            root: sources.root.display().to_string(),
            files: sources.files,
            models: sources.models.len(),
            warnings: sources.warnings.len(),
            refined,
        }
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let r = &self.refined;
        write!(
            f,
            "SDK sources: {} {} files under `{}`, {} models; {} docs paired with one, {} not",
            self.files,
            self.language,
            self.root,
            self.models,
            r.paired,
            r.unpaired.len()
        )?;
        let facts: Vec<String> = r.facts.iter().map(|(fact, n)| format!("{n} {}", fact.label())).collect();
        if !facts.is_empty() {
            write!(f, "; also taken: {}", facts.join(", "))?;
        }
        if r.only_models + r.only_fields > 0 {
            write!(f, "; only in the sources, not added: {} models, {} fields", r.only_models, r.only_fields)?;
        }
        if self.warnings > 0 {
            write!(f, "; {} not read (W0019)", self.warnings)?;
        }
        Ok(())
    }
}
