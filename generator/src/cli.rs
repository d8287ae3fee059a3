//! The flags `docs2rs` and `cargo xtask codegen` share, and the run they drive;
//! `docs2rs diff` is in [`diff`].

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diff::{Bump, Report};
use crate::{ir_file, Change, Config, Failure, Mode};

pub mod diff;

#[derive(Debug, Clone, clap::Args)]
pub struct CodegenArgs {
    /// Folder of markdown model docs to read (searched recursively for `*.md`).
    /// Repeatable: the first tree makes the crate, and each further tree of the
    /// same API (another SDK's docs) adds the facts the first one's dialect cannot
    /// state (wire keys, nullability, integer or float, ...).
    #[arg(long, value_name = "DIR")]
    pub specs: Vec<PathBuf>,
    /// Crate folder to write: `Cargo.toml` and `src/`.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// `[package] name` of the generated crate.
    #[arg(long, value_name = "NAME", default_value = "generated")]
    pub crate_name: String,
    /// Write nothing; list the files that differ from what the docs produce and exit 1 if any.
    #[arg(long)]
    pub check: bool,
    /// Move the crate's `[package] version` by the API changes since the last generation:
    /// breaking -> major (0.x: minor), compatible -> minor (0.x: patch), docs only -> patch.
    /// Without it the version in the crate's Cargo.toml is kept. With `--check`, a version
    /// that should have moved is stale.
    #[arg(long)]
    pub bump: bool,
    /// Read the Type column in this dialect instead of detecting it
    /// (ruby-sorbet, ruby-crystalline, python, java, csharp, php, typescript, go).
    #[arg(long, value_name = "NAME")]
    pub dialect: Option<String>,
    /// The JSON key of one field, overriding the key inferred from a camelCase or
    /// PascalCase name (MODEL is the doc's `# Title`, FIELD the printed name). Repeatable.
    #[arg(long, value_name = "MODEL.FIELD=KEY", value_parser = parse_wire_name)]
    pub wire_name: Vec<(String, String, String)>,
    /// How the first tree's printed field names map to JSON keys, tree-wide:
    /// snake (`userId` -> `user_id`), camel (`UserId` -> `userId`) or as-printed.
    /// Default: the dialect's rule (as printed in Ruby and Python, snake case in the others).
    #[arg(long, value_enum, value_name = "CASE")]
    pub wire_case: Option<crate::WireCase>,
    /// Folder of the SDK's model sources, whose JSON keys, nullability, number
    /// kinds and enum value kinds refine the docs. Default: the SDK checkout the
    /// docs are in (the `--specs` folder, or the parent of its enclosing `docs` folder).
    #[arg(long, value_name = "DIR", conflicts_with = "no_sources")]
    pub sources: Option<PathBuf>,
    /// Read no SDK sources: keys from the docs alone.
    #[arg(long)]
    pub no_sources: bool,
    /// Drop the keys a struct's docs do not list when reading, instead of keeping
    /// them in its `additional_properties` field to write back.
    #[arg(long)]
    pub drop_unknown_keys: bool,
    /// Type floats as `serde_json::Number`, which writes each number back byte for
    /// byte (`1.0` stays `1.0`), instead of `f64`, which writes an integral value as
    /// an integer (`1.0` read as `1` comes back `1`), as JavaScript does.
    #[arg(long)]
    pub exact_numbers: bool,
    /// How date and date-time fields are typed: `string` (the wire text byte for byte)
    /// or `chrono` (`chrono::NaiveDate`, `chrono::DateTime<FixedOffset>`: the same instant
    /// and offset written back; the crate depends on chrono).
    #[arg(long, value_enum, value_name = "TYPE", default_value_t = crate::Dates::String)]
    pub dates: crate::Dates,
    /// Also write the resolved IR as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub emit_ir: Option<PathBuf>,
    /// Print every warning, not only a count per kind (json prints all always).
    #[arg(short, long)]
    pub verbose: bool,
    /// Treat warnings as errors: any warning fails the run (exit 1) and writes nothing.
    #[arg(long)]
    pub deny_warnings: bool,
    /// How diagnostics are printed to stderr: `human` (rustc-style) or `json` (one object a line).
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    pub message_format: MessageFormat,
}

fn parse_wire_name(s: &str) -> Result<(String, String, String), String> {
    let (target, wire) = s.split_once('=').ok_or("expected MODEL.FIELD=KEY")?;
    let (model, field) = target.split_once('.').ok_or("expected MODEL.FIELD before `=`")?;
    if [model, field, wire].iter().any(|p| p.is_empty()) {
        return Err("MODEL, FIELD and KEY must not be empty".into());
    }
    Ok((model.to_string(), field.to_string(), wire.to_string()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    Human,
    Json,
}

/// Runs one generation. `default_specs`/`default_out` apply when the flags are
/// absent; a crate written to the default place is a workspace member, one
/// written with `--out` stands alone.
pub fn run(args: &CodegenArgs, default_specs: PathBuf, default_out: PathBuf, default_label: bool) -> ExitCode {
    let specs = args.specs.first().cloned().unwrap_or_else(|| default_specs.clone());
    let out = args.out.clone().unwrap_or(default_out);
    let mut config = Config::new();
    config.crate_name(&args.crate_name).standalone(args.out.is_some()).bump(args.bump);
    for secondary in args.specs.iter().skip(1) {
        config.secondary_specs(secondary);
    }
    if let Some(case) = args.wire_case {
        config.wire_case(case);
    }
    if args.specs.is_empty() && default_label {
        config.source_label("specs");
    } else {
        config.source_label(specs.display().to_string());
    }
    if let Some(d) = &args.dialect {
        config.dialect(d);
    }
    for (model, field, wire) in &args.wire_name {
        config.wire_name(model, field, wire);
    }
    if let Some(dir) = &args.sources {
        config.sources(crate::SourcesAt::Dir(dir.clone()));
    } else if args.no_sources {
        config.sources(crate::SourcesAt::Off);
    }
    if args.drop_unknown_keys {
        config.unknown_keys(crate::ir::UnknownKeys::Drop);
    }
    config.exact_numbers(args.exact_numbers).dates(args.dates);
    match generate(&config, args, &specs, &out) {
        Ok(code) => code,
        Err(failure) => {
            print_diagnostics(&failure.diagnostics, args, true);
            let errors = failure.diagnostics.iter().filter(|d| d.is_error()).count();
            if args.message_format == MessageFormat::Human {
                eprintln!("error: generation failed with {errors} error(s); nothing was written");
            }
            ExitCode::FAILURE
        }
    }
}

fn print_diagnostics(diagnostics: &[crate::Diagnostic], args: &CodegenArgs, all_warnings: bool) {
    if args.message_format == MessageFormat::Json {
        diagnostics.iter().for_each(|d| eprintln!("{}", crate::diag::to_json(d)));
        return;
    }
    let mut renderer = crate::diag::Renderer::new(std::io::stderr().is_terminal());
    let (errors, warnings): (Vec<_>, Vec<_>) = diagnostics.iter().partition(|d| d.is_error());
    if all_warnings || args.verbose {
        warnings.iter().for_each(|w| eprintln!("{}\n", renderer.render(w)));
    } else {
        summarize(&mut renderer, &warnings);
    }
    errors.iter().for_each(|e| eprintln!("{}\n", renderer.render(e)));
}

fn generate(config: &Config, args: &CodegenArgs, specs: &PathBuf, out: &PathBuf) -> Result<ExitCode, Failure> {
    let generation = config.generate(specs)?;
    if args.deny_warnings && !generation.warnings.is_empty() {
        let mut diagnostics = generation.warnings.clone();
        diagnostics.iter_mut().for_each(|d| d.level = crate::Level::Error);
        return Err(Failure { diagnostics });
    }
    print_diagnostics(&generation.warnings, args, false);
    if let Some(path) = &args.emit_ir {
        std::fs::write(path, generation.ir.to_json()).map_err(|e| crate::io_failure(path, e))?;
    }
    let mode = if args.check { Mode::Check } else { Mode::Write };
    // The API changes since the IR kept at `out`, for the report and `--bump`.
    let api = (mode == Mode::Write || args.bump).then(|| api_changes(out, &generation.ir));
    if let (true, Some(Err(reason))) = (args.bump, &api) {
        return Err(crate::version::VersionError::EarlierIr { reason: reason.clone() }.failure());
    }
    let bump = api.as_ref().and_then(|a| a.as_ref().ok()?.as_ref()).map(Report::bump);
    let version = generation.version_at(out, bump)?;
    let report = generation.write_crate_as(out, mode, &version)?;
    let ir = &generation.ir;
    if args.check {
        if report.is_clean() {
            eprintln!("{} is up to date ({} files)", out.display(), report.unchanged);
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("{} is stale: run the same command without `--check` to update it", out.display());
        if let (true, Some(current), Some(bump)) = (version.moves(), &version.current, bump) {
            let (next, since) = (&version.next, ir_file::FILE_NAME);
            eprintln!("\nversion {current} should be {next} (--bump: {} since {since})", changes(bump));
        }
        for (path, change) in &report.changes {
            let what = match change {
                Change::Added => "missing",
                Change::Modified => "differs",
                Change::Removed => "no longer generated",
            };
            eprintln!("\n{}/{path}: {what}", out.display());
            if let Some(diff) = report.diffs.get(path) {
                eprint!("{diff}");
            }
        }
        return Ok(ExitCode::FAILURE);
    }
    eprintln!(
        "{} docs ({} dialect) -> {} models in {}: {} files written, {} unchanged",
        ir.docs,
        ir.dialect,
        ir.models.len(),
        out.display(),
        report.changes.len(),
        report.unchanged
    );
    let fallbacks = ir.fallbacks();
    if fallbacks.degraded_fields + fallbacks.degraded_variants > 0 {
        eprintln!("{fallbacks} (W0010, W0011: -v lists each with its place)");
    }
    print_keys(&generation);
    print_merged(&generation, args.verbose);
    if let Some(api) = api {
        print_api_changes(api, out, specs);
    }
    print_version(&version);
    // The process ends next, and the system takes its memory back at once:
    // freeing the IR's millions of strings one by one first takes a fifth of
    // a second at 100k docs.
    std::mem::forget(generation);
    Ok(ExitCode::SUCCESS)
}

/// What changed in the API since the generation whose IR was kept at `out`
/// (`None`: there is none), or why that IR cannot be compared.
fn api_changes(out: &Path, ir: &crate::Ir) -> Result<Option<Report>, String> {
    Ok(ir_file::read(out)?.map(|old| crate::diff::diff(&old, ir)))
}

fn print_api_changes(api: Result<Option<Report>, String>, out: &Path, specs: &Path) {
    match api {
        Ok(Some(api)) => {
            let old_label = out.join(ir_file::FILE_NAME).display().to_string();
            let text = api.render(crate::diff::Format::Human, &old_label, &specs.display().to_string());
            eprint!("\n{text}");
        }
        Ok(None) => eprintln!("no {} from an earlier generation: no API change report this time", ir_file::FILE_NAME),
        Err(e) => eprintln!("note: the earlier generation's IR cannot be compared ({e}): no API change report this time"),
    }
}

/// Where the keys came from, and what the SDK's sources gave.
fn print_keys(generation: &crate::Generation) {
    let root = generation.sources.as_ref().map(|s| s.root.as_str());
    if let Some(sources) = &generation.sources {
        eprintln!("{sources}");
    }
    let tally = crate::keys::tally(&generation.ir, root);
    eprintln!("{tally}");
    if tally.evidence + tally.guessed > 0 {
        eprintln!("{}", generation.key_case);
    }
    if tally.guessed > 0 && generation.sources.is_none() {
        eprintln!("no SDK model sources were found beside the docs: `--sources DIR` names the SDK checkout whose sources state the keys");
    }
}

/// What each secondary tree gave, and with `-v` every fact taken (from the
/// SDK's sources, the docs' evidence or another tree) with the place that states it (the IR records them: `from` in `--emit-ir`).
fn print_merged(generation: &crate::Generation, verbose: bool) {
    for report in &generation.merged {
        eprintln!("{report}");
    }
    if !verbose {
        return;
    }
    for (place, p) in crate::merge::provenance(&generation.ir) {
        if p.source.is_unknown() {
            eprintln!("  {} of `{place}` from {}", p.fact.label(), p.tree);
            continue;
        }
        let file = Path::new(&p.tree).join(&*p.source.file);
        eprintln!("  {} of `{place}` from {}:{}:{}", p.fact.label(), file.display(), p.source.line, p.source.col);
    }
}

/// The crate's version after a write: moved, kept, or what `--bump` would make it.
fn print_version(version: &crate::VersionPlan) {
    let (Some(current), Some(bump)) = (&version.current, version.bump) else { return };
    if version.moves() {
        eprintln!("version {current} -> {} (--bump: {})", version.next, changes(bump));
    } else if let Some(next) = version.would_move_to() {
        eprintln!("version {current} kept: with `--bump`, {} would make it {next}", changes(bump));
    } else if version.bumping {
        eprintln!("version {current} kept: {}", changes(bump));
    }
}

/// The changes a semver verdict stands for.
fn changes(bump: Bump) -> &'static str {
    match bump {
        Bump::Major => "a breaking change",
        Bump::Minor => "compatible changes",
        Bump::Patch => "docs changes",
        Bump::None => "no API change",
    }
}

/// The first warning of each code rendered in full (its place, its line, a
/// caret), and how many more are like it; then the count of all.
fn summarize(renderer: &mut crate::diag::Renderer, warnings: &[&crate::Diagnostic]) {
    let mut by_code: BTreeMap<&str, Vec<&crate::Diagnostic>> = BTreeMap::new();
    warnings.iter().for_each(|w| by_code.entry(w.code).or_default().push(w));
    let mut hidden = 0;
    for list in by_code.values() {
        let Some((first, more)) = list.split_first() else { continue };
        hidden += more.len();
        let tail = (!more.is_empty()).then(|| format!("{} more like it (-v lists all)", more.len()));
        eprintln!("{}\n", renderer.render_with(first, tail.as_deref()));
    }
    if let Some(line) = warning_count(warnings.len(), hidden) {
        eprintln!("{line}");
    }
}

/// `1 warning`, `3 warnings`, or `42 warnings (the first of each code shown; -v lists all)`.
fn warning_count(total: usize, hidden: usize) -> Option<String> {
    let noun = if total == 1 { "warning" } else { "warnings" };
    match (total, hidden) {
        (0, _) => None,
        (_, 0) => Some(format!("{total} {noun}")),
        _ => Some(format!("{total} {noun} (the first of each code shown; -v lists all)")),
    }
}
