//! docs2rs turns the markdown model docs that SDK generators publish (one file per
//! model: `# Title`, a `## Fields` or `## Values` table) into a crate of `serde` types.
//!
//! The pipeline runs one way, one stage a module: [`read`] (markdown to documents),
//! [`dialect`] (the Type column's grammar), [`lower`] (documents to drafts),
//! [`resolve`] (names across docs, into the [`ir`]), [`emit`] (IR to Rust) and
//! [`write`](mod@write) (files on disk). For a docs folder, [`front`] runs read, detection
//! and lowering one doc at a time. [`Config`] drives it, for the CLI, `cargo
//! xtask` and build scripts alike:
//!
//! ```no_run
//! // build.rs
//! let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("api.rs");
//! docs2rs::Config::new().compile("specs", &out).expect("docs2rs");
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

pub mod cli;
pub mod diag;
pub mod dialect;
pub mod diff;
pub mod emit;
pub mod evidence;
pub mod front;
#[doc(hidden)]
pub mod fuzzing;
pub mod instances;
pub mod ir;
pub mod ir_file;
pub mod keys;
pub mod lower;
pub mod merge;
pub mod naming;
pub mod prose;
pub mod read;
pub mod resolve;
pub mod sources;
pub mod stages;
pub mod version;
pub mod write;

pub use diag::{Diagnostic, Failure, Level, Loc};
pub use dialect::WireCase;
pub use emit::Dates;
pub use ir::Ir;
pub use version::VersionPlan;
pub use write::{Change, Mode, WriteReport};

/// How to generate: the library's whole public face, in the spirit of
/// prost-build's `Config`.
#[derive(Debug, Clone)]
pub struct Config {
    crate_name: String,
    dialect: Option<String>,
    source_label: Option<String>,
    standalone: bool,
    bump: bool,
    wire_names: lower::WireNames,
    unknown_keys: ir::UnknownKeys,
    /// Further docs trees of the same API, merged into the first ([`merge`]).
    secondaries: Vec<std::path::PathBuf>,
    /// Where the SDK's model sources are ([`sources`]).
    sources: SourcesAt,
    exact_numbers: bool,
    dates: emit::Dates,
}

/// Where [`Config`] looks for the SDK's model sources ([`sources`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SourcesAt {
    /// In the SDK checkout the docs are part of: the docs folder itself, or
    /// the parent of the nearest enclosing `docs` folder.
    #[default]
    Checkout,
    /// Under this folder.
    Dir(std::path::PathBuf),
    /// Nowhere: keys come from the docs alone.
    Off,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            crate_name: "generated".into(),
            dialect: None,
            source_label: None,
            standalone: true,
            bump: false,
            wire_names: lower::WireNames::default(),
            unknown_keys: ir::UnknownKeys::Keep,
            secondaries: Vec::new(),
            sources: SourcesAt::Checkout,
            exact_numbers: false,
            dates: emit::Dates::String,
        }
    }
}

impl Config {
    pub fn new() -> Self {
        Config::default()
    }

    /// The `[package] name` of a generated crate (default `generated`).
    pub fn crate_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.crate_name = name.into();
        self
    }

    /// Read the Type column in this dialect instead of detecting it
    /// (`ruby-sorbet`, `ruby-crystalline`, `python`, `java`, `csharp`, `php`,
    /// `typescript`, `go`).
    pub fn dialect(&mut self, name: impl Into<String>) -> &mut Self {
        self.dialect = Some(name.into());
        self
    }

    /// The JSON key of one field, where the dialect prints names converted to
    /// its language's case and the inferred key (`userId` -> `user_id`) is
    /// wrong. `model` is the doc's `# Title`, `field` the name its Field column
    /// prints. An override that matches no field fails the run.
    pub fn wire_name(&mut self, model: impl Into<String>, field: impl Into<String>, wire: impl Into<String>) -> &mut Self {
        let o = lower::WireNameOverride { model: model.into(), field: field.into(), wire: wire.into() };
        self.wire_names.overrides.push(o);
        self
    }

    /// What structs do with the keys their docs do not list: keep them in an
    /// `additional_properties` field and write them back (the default), or drop
    /// them when read, for leaner structs. A holder the docs list stays either way.
    pub fn unknown_keys(&mut self, unknown_keys: ir::UnknownKeys) -> &mut Self {
        self.unknown_keys = unknown_keys;
        self
    }

    /// How the `@generated` header names the docs (default: the path given).
    pub fn source_label(&mut self, label: impl Into<String>) -> &mut Self {
        self.source_label = Some(label.into());
        self
    }

    /// Whether a generated crate gets its own empty `[workspace]` table (default
    /// true); turn off for a crate that is a member of an enclosing workspace.
    pub fn standalone(&mut self, standalone: bool) -> &mut Self {
        self.standalone = standalone;
        self
    }

    /// Whether writing a crate moves its `[package] version` by the semver verdict
    /// of the API changes since the IR kept beside it (default false: the version
    /// on disk is kept, and a new crate starts at 0.1.0). A breaking change moves
    /// the major number (a 0.x crate: the minor), a compatible one the minor (0.x:
    /// the patch), a docs-only one the patch. See [`version`].
    pub fn bump(&mut self, bump: bool) -> &mut Self {
        self.bump = bump;
        self
    }

    /// How printed field names map to wire keys in the whole tree (default: the
    /// dialect's own rule, [`WireCase::Inferred`]); [`Config::wire_name`] still
    /// sets single fields. For a tree whose dialect prints names converted to its
    /// language's case, where the API's keys are known to be in one case.
    pub fn wire_case(&mut self, case: WireCase) -> &mut Self {
        self.wire_names.case = case;
        self
    }

    /// Where the SDK's model sources are, whose keys, nullability, number kinds
    /// and enum value kinds refine the docs (default: the checkout the docs are
    /// in, [`SourcesAt::Checkout`]). A tree merged in ([`Config::secondary_specs`])
    /// reads the sources of its own checkout.
    pub fn sources(&mut self, at: SourcesAt) -> &mut Self {
        self.sources = at;
        self
    }

    /// Types every float the docs state as `serde_json::Number`, which writes
    /// back the number's text byte for byte (`1.0` stays `1.0`), rather than
    /// `f64` (default `false`), which writes an integral value as an integer.
    pub fn exact_numbers(&mut self, exact: bool) -> &mut Self {
        self.exact_numbers = exact;
        self
    }

    /// How date and date-time fields are typed (default [`Dates::String`], the
    /// wire text byte for byte; [`Dates::Chrono`] adds `chrono` to the crate's
    /// dependencies: a build script's crate that `include!`s [`Config::compile`]'s
    /// file needs it too).
    pub fn dates(&mut self, dates: Dates) -> &mut Self {
        self.dates = dates;
        self
    }

    /// Adds a docs tree of the same API from another SDK, to be merged into the
    /// first (see [`merge`]): each fact the first tree's dialect cannot state
    /// (a wire key, nullability, integer or float, ...) is taken from the trees
    /// added, field by field; the first tree's models, names and docs make the
    /// crate. Each tree is read in the dialect detected for it ([`Config::dialect`],
    /// [`Config::wire_name`] and [`Config::wire_case`] are the first tree's).
    pub fn secondary_specs(&mut self, specs: impl Into<std::path::PathBuf>) -> &mut Self {
        self.secondaries.push(specs.into());
        self
    }

    /// Reads, resolves and emits a docs tree (merged with the trees of
    /// [`Config::secondary_specs`]), reporting every error found.
    /// Diagnostics name files as `specs` joined with the doc's path; the IR keeps
    /// paths relative to `specs` so that it is the same on every machine.
    pub fn generate(&self, specs: impl AsRef<Path>) -> Result<Generation, Failure> {
        let specs = specs.as_ref();
        let mut generation = self.generate_relative(specs).map_err(|f| f.under(specs))?;
        let merged = self.merge_secondaries(&mut generation, specs)?;
        if self.exact_numbers {
            // A tree merged in may have said float where the first did not.
            generation.ir.floats_as_numbers();
        }
        diag::under(&mut generation.warnings, specs);
        generation.warnings.extend(merged);
        Ok(generation)
    }

    /// Generates each secondary tree on its own and merges them into
    /// `generation` (of the tree at `specs`, its warnings not yet rooted); the
    /// merge's warnings, which name files from each tree's root.
    fn merge_secondaries(&self, generation: &mut Generation, specs: &Path) -> Result<Vec<Diagnostic>, Failure> {
        if self.secondaries.is_empty() {
            return Ok(Vec::new());
        }
        // A secondary is read in its own dialect, with the default wire names:
        // only the keys its docs print are taken.
        let own = Config {
            dialect: None,
            wire_names: lower::WireNames::default(),
            secondaries: Vec::new(),
            // Each tree's own checkout, unless sources are off for the run.
            sources: if self.sources == SourcesAt::Off { SourcesAt::Off } else { SourcesAt::Checkout },
            ..self.clone()
        };
        let mut secondaries = Vec::new();
        for tree in &self.secondaries {
            secondaries.push(own.generate_relative(tree).map_err(|f| f.under(tree))?);
        }
        let labels: Vec<String> = self.secondaries.iter().map(|t| t.display().to_string()).collect();
        let trees: Vec<merge::Tree<'_>> = secondaries
            .iter()
            .zip(&self.secondaries)
            .zip(&labels)
            .map(|((g, root), label)| merge::Tree { label, root: Some(root), ir: &g.ir, warnings: g.warnings.len() })
            .collect();
        let outcome = merge::merge(&mut generation.ir, Some(specs), &trees);
        // Keys a tree states are no longer inferred; boxing and the endless-struct
        // check follow the merged models.
        let stated: std::collections::HashSet<&Loc> = outcome.stated_keys.iter().collect();
        let settled = |w: &Diagnostic| w.code == "W0007" && w.loc.as_ref().is_some_and(|l| stated.contains(l));
        generation.warnings.retain(|w| !settled(w) && (!outcome.changed || w.code != "W0009"));
        if outcome.changed {
            let endless = resolve::settle(&mut generation.ir.models).map_err(|e| Failure { diagnostics: e }.under(specs))?;
            generation.warnings.extend(endless);
        }
        // In one order whatever the order given: the crate is the same.
        let mut sorted: Vec<&String> = labels.iter().collect();
        sorted.sort();
        for label in sorted {
            generation.options.source_label.push_str(&format!(" + {label}"));
        }
        generation.merged = outcome.reports;
        Ok(outcome.warnings)
    }

    /// Like [`Config::generate`] for docs given as `(relative path, bytes)` pairs
    /// instead of a folder: for tools that hold docs in memory, and for fuzzing.
    pub fn generate_sources(&self, sources: Vec<(String, Vec<u8>)>) -> Result<Generation, Failure> {
        let (docs, warnings) = read::read_sources(sources).map_err(|diagnostics| Failure { diagnostics })?;
        self.generate_docs(docs, warnings, "docs")
    }

    fn generate_relative(&self, specs: &Path) -> Result<Generation, Failure> {
        let root = match &self.sources {
            SourcesAt::Off => None,
            SourcesAt::Checkout => Some(sources::discover::checkout_of(specs)),
            SourcesAt::Dir(dir) => Some(dir.clone()),
        };
        // The checkout is listed while the docs are read: a listing needs no dialect.
        let docs = || {
            let (files, walk) = read::list_tree(specs).map_err(|diagnostics| Failure { diagnostics })?;
            front::read_and_lower(&files, walk, self.named_dialect()?, &self.wire_names)
        };
        let (front, listed) = rayon::join(docs, || root.as_deref().map(sources::discover::list));
        let mut front = front?;
        let refined = root.zip(listed).and_then(|(root, listed)| self.refine_from_sources(&mut front, specs, &root, &listed));
        let mut generation = self.generate_lowered(front, &specs.display().to_string())?;
        generation.sources = refined;
        Ok(generation)
    }

    /// Reads the SDK's sources for the docs at `specs` (the files `listed` under
    /// `root`) and refines the drafts with them; their W0019s join the front's warnings.
    fn refine_from_sources(&self, front: &mut front::Front, specs: &Path, root: &Path, listed: &[std::path::PathBuf]) -> Option<sources::Report> {
        let language = sources::for_dialect(front.dialect.name())?;
        let read = sources::discover::read_listed(root, listed, language);
        if read.files == 0 {
            return None;
        }
        let scope = sources::refine::Scope { keys: self.wire_names.case == WireCase::Inferred, blind: front.dialect.blind() };
        let overrides = &self.wire_names.overrides;
        let overridden = |title: &str, printed: &str| overrides.iter().any(|o| o.model == title && o.field == printed);
        let lowered = &mut front.lowered;
        let refined = sources::refine::refine(&mut lowered.drafts, &read, scope, &overridden);
        let mut warnings = read.warnings.clone();
        diag::under(&mut warnings, &sources::discover::relative_to(root, specs));
        lowered.warnings.extend(warnings);
        Some(sources::Report::new(&read, refined))
    }

    fn generate_docs(&self, docs: Vec<read::Document>, read_diagnostics: Vec<Diagnostic>, label: &str) -> Result<Generation, Failure> {
        let unreadable = read_diagnostics.iter().any(Diagnostic::is_error);
        let dialect = match self.pick_dialect(&docs) {
            Ok(d) => d,
            Err(_) if unreadable => return Err(Failure { diagnostics: read_diagnostics }),
            Err(f) => return Err(f),
        };
        let docs_read = docs.len();
        // Drafts own all they need: each doc is freed once lowered, before the IR and code grow.
        let lowered = stages::lower_owned(docs, dialect, &self.wire_names);
        self.generate_lowered(front::Front { dialect, docs: docs_read, lowered, read_diagnostics }, label)
    }

    fn generate_lowered(&self, front: front::Front, label: &str) -> Result<Generation, Failure> {
        let front::Front { dialect, docs: doc_count, lowered, read_diagnostics } = front;
        let stages::Lowered { mut drafts, mut errors, mut warnings, overridden } = lowered;
        if read_diagnostics.iter().any(Diagnostic::is_error) {
            // Names cannot be resolved without every doc: report what each readable doc has.
            return Err(Failure { diagnostics: [read_diagnostics, errors].concat() });
        }
        // Keys nothing states take the case the docs' own evidence names.
        let evidence = evidence::gather(&drafts, dialect);
        warnings.extend(keys::settle(&mut drafts, dialect, &self.wire_names, &|title| evidence.model_verdict(title)));
        let key_case = keys::CaseEvidence { snake: evidence.snake, camel: evidence.camel, verdict: evidence.verdict() };
        errors.extend(lower::unused_overrides(&self.wire_names.overrides, &overridden));
        if drafts.is_empty() && errors.is_empty() {
            // Every doc was skipped: their warnings say where and why.
            let msg = format!("no usable model is left: none of the {doc_count} docs read describes one");
            let help = "the warnings above say why each doc was skipped";
            let failure = Diagnostic::error("E0015", msg).help(help);
            return Err(Failure { diagnostics: [read_diagnostics, warnings, vec![failure]].concat() });
        }
        // Resolve even when some docs had errors, so that one run reports them all.
        let resolved = resolve::resolve_with(drafts, dialect.name(), doc_count, self.unknown_keys);
        let resolved = match resolved {
            Ok(r) if errors.is_empty() => r,
            Ok(r) => return Err(Failure { diagnostics: [read_diagnostics, errors, r.warnings].concat() }),
            Err(e) => return Err(Failure { diagnostics: [read_diagnostics, errors, e].concat() }),
        };
        let mut ir = resolved.ir;
        if self.exact_numbers {
            ir.floats_as_numbers();
        }
        let options = emit::EmitOptions {
            crate_name: self.crate_name.clone(),
            version: version::FIRST.to_string(),
            source_label: self.source_label.clone().unwrap_or_else(|| label.to_string()),
            standalone: self.standalone,
            dates: self.dates,
        };
        let warnings = [read_diagnostics, warnings, resolved.warnings].concat();
        Ok(Generation { ir, warnings, options, bump: self.bump, merged: Vec::new(), sources: None, key_case })
    }

    /// For build scripts: generate `specs` into one file of inline modules, to be
    /// pulled in with `include!`. The file is rewritten only when its bytes change.
    pub fn compile(&self, specs: impl AsRef<Path>, out_file: impl AsRef<Path>) -> Result<Generation, Failure> {
        let generation = self.generate(specs)?;
        let code = emit::emit_single_file(&generation.ir, &generation.options).map_err(emit_failure)?;
        let out_file = out_file.as_ref();
        if std::fs::read(out_file).ok().as_deref() != Some(code.as_bytes()) {
            std::fs::write(out_file, code).map_err(|e| io_failure(out_file, e))?;
        }
        Ok(generation)
    }

    pub(crate) fn pick_dialect(&self, docs: &[read::Document]) -> Result<&'static dyn dialect::Dialect, Failure> {
        if let Some(named) = self.named_dialect()? {
            return Ok(named);
        }
        // Counted cell by cell on every core: the flattened cells are never all held at once.
        let tally = docs
            .par_iter()
            .flat_map_iter(lower::type_cells)
            .fold(dialect::Tally::default, |tally, cell| tally.count(&cell))
            .reduce(dialect::Tally::default, dialect::Tally::merge);
        tally.verdict().map_err(|d| Failure { diagnostics: vec![lower::undecided(d, docs.iter())] })
    }

    /// The dialect the config names, if it names one.
    fn named_dialect(&self) -> Result<Option<&'static dyn dialect::Dialect>, Failure> {
        let Some(name) = &self.dialect else { return Ok(None) };
        let named = dialect::by_name(name).ok_or_else(|| {
            let known: Vec<&str> = dialect::all().iter().map(|d| d.name()).collect();
            let msg = format!("unknown dialect `{name}` (known: {})", known.join(", "));
            Failure { diagnostics: vec![Diagnostic::error("E0005", msg)] }
        })?;
        Ok(Some(named))
    }
}

/// A generated crate, in memory.
#[derive(Debug, Clone)]
pub struct Generation {
    pub ir: Ir,
    pub warnings: Vec<Diagnostic>,
    options: emit::EmitOptions,
    /// [`Config::bump`].
    bump: bool,
    /// What each tree of [`Config::secondary_specs`] gave, in the order added.
    pub merged: Vec<merge::Report>,
    /// What the SDK's model sources gave, when some were read.
    pub sources: Option<sources::Report>,
    /// What the docs' own evidence says of the API's key case.
    pub key_case: keys::CaseEvidence,
}

impl Generation {
    /// The crate's files by path relative to its root: `Cargo.toml`, `src/` and
    /// the IR they were made from ([`ir_file::FILE_NAME`]), which the next
    /// generation compares itself with.
    pub fn files(&self) -> Result<BTreeMap<String, String>, Failure> {
        let files = self.produce(&self.options, |_| Ok(Vec::new())).map_err(|e| e.failure(Path::new("memory")))?;
        Ok(files.into_iter().map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap_or_default())).collect())
    }

    /// Writes (or with [`Mode::Check`], compares) the crate at `out`: the same
    /// files as [`Generation::files`], each streamed to disk as it is printed
    /// rather than held in memory. The crate keeps the version its `Cargo.toml`
    /// has; with [`Config::bump`] it moves by the API changes since the IR kept
    /// at `out` (see [`Generation::version_at`]).
    pub fn write_crate(&self, out: impl AsRef<Path>, mode: Mode) -> Result<WriteReport, Failure> {
        let out = out.as_ref();
        let bump = if self.bump { self.bump_since(out)? } else { None };
        let version = self.version_at(out, bump)?;
        self.write_crate_as(out, mode, &version)
    }

    /// The version the crate at `out` gets: the one its `Cargo.toml` has (0.1.0
    /// when it has none), moved by `bump` with [`Config::bump`]. `bump` is the
    /// semver verdict ([`diff::Report::bump`]) of the API changes since the IR
    /// kept at `out`, `None` when none was compared. A `Cargo.toml` whose version
    /// cannot be read, or a version that must move and cannot, fails (E0902).
    pub fn version_at(&self, out: impl AsRef<Path>, bump: Option<diff::Bump>) -> Result<VersionPlan, Failure> {
        let current = version::read(out.as_ref()).map_err(|e| e.failure())?;
        VersionPlan::new(current, bump, self.bump).map_err(|e| e.failure())
    }

    /// The verdict of the API changes since the IR kept at `out`, if one is; one
    /// that cannot be read fails, since the version cannot be measured.
    fn bump_since(&self, out: &Path) -> Result<Option<diff::Bump>, Failure> {
        let old = ir_file::read(out).map_err(|reason| version::VersionError::EarlierIr { reason }.failure())?;
        Ok(old.map(|old| diff::diff(&old, &self.ir).bump()))
    }

    /// [`Generation::write_crate`] with the version decided (by
    /// [`Generation::version_at`]): for a caller that compares the kept IR itself.
    pub fn write_crate_as(&self, out: impl AsRef<Path>, mode: Mode, version: &VersionPlan) -> Result<WriteReport, Failure> {
        let out = out.as_ref();
        let options = emit::EmitOptions { version: version.next.clone(), ..self.options.clone() };
        let mut staging = write::Staging::new(out, mode);
        let sinks = self.produce(&options, |path| staging.sink(path)).map_err(|e| e.failure(out))?;
        for (_, sink) in sinks {
            staging.add(sink).map_err(|e| io_failure(out, e))?;
        }
        staging.commit().map_err(|e| io_failure(out, e))
    }

    /// Prints every file of the crate into the writer `open` gives for its path,
    /// and hands back the writers with their paths. Three things at once: the
    /// modules (themselves on every core), the crate's other files, and the IR file.
    fn produce<W: std::io::Write + Send>(
        &self,
        options: &emit::EmitOptions,
        mut open: impl FnMut(&str) -> std::io::Result<W>,
    ) -> Result<Vec<(String, W)>, emit::EmitError> {
        use emit::EmitError;
        let modules = emit::Modules::new(&self.ir, options);
        let mut ir_file = open(ir_file::FILE_NAME).map_err(EmitError::Io)?;
        let mut module_files = Vec::new();
        for (path, module) in modules.files() {
            module_files.push((path.clone(), open(&path).map_err(EmitError::Io)?, module));
        }
        let ((written, others), ir_written) = rayon::join(
            || {
                rayon::join(
                    || module_files.iter_mut().try_for_each(|(_, w, module)| modules.write(module, w)),
                    || emit::other_files(&self.ir, options),
                )
            },
            || ir_file::write_json(&self.ir, &mut ir_file),
        );
        written?;
        let others = others.map_err(EmitError::Syntax)?;
        ir_written.map_err(EmitError::Io)?;
        let mut files = vec![(ir_file::FILE_NAME.to_string(), ir_file)];
        files.extend(module_files.into_iter().map(|(path, w, _)| (path, w)));
        for (path, text) in others {
            let mut w = open(&path).map_err(EmitError::Io)?;
            w.write_all(text.as_bytes()).map_err(EmitError::Io)?;
            files.push((path, w));
        }
        Ok(files)
    }
}

impl emit::EmitError {
    /// A failure to report: an emitter bug, or a file at `out` not written.
    fn failure(self, out: &Path) -> Failure {
        match self {
            emit::EmitError::Syntax(e) => emit_failure(e),
            emit::EmitError::Io(e) => io_failure(out, e),
        }
    }
}

fn emit_failure(e: syn::Error) -> Failure {
    let msg = format!("internal error: generated code does not parse: {e}");
    Failure { diagnostics: vec![Diagnostic::error("E0900", msg)] }
}

fn io_failure(path: &Path, e: std::io::Error) -> Failure {
    let msg = format!("cannot write `{}`: {e}", path.display());
    Failure { diagnostics: vec![Diagnostic::error("E0901", msg)] }
}
