//! `cargo xtask agree`: do trees of one API, written by SDKs in different
//! dialects, give the same IR? Models are compared fact by fact (kind, wire
//! field names, types, required, nullable, enum values, union members) for
//! every pair of trees of one API, and each disagreement gets a cause:
//!
//! - `cannot-express`: one dialect has no way to write the fact (TypeScript's
//!   `number` is integer or float; Ruby, TypeScript and Go write one type for
//!   dates and timestamps; an SDK documents a union's doc with no members).
//! - `naming`: a field's type is a model that the two SDKs name differently
//!   (generators name inline schemas their own way: `WaitlistEntryInvitationStatus`
//!   and `WaitlistEntryStatusInvitation`) but that has the same shape in both.
//! - `version`: the docs themselves differ, as the trees were generated from
//!   nearby but not equal API versions: a field, value or member that one has
//!   and the other lacks; or a type, Required or nullable fact that differs in
//!   a model whose docs show that its spec changed (its description, a field's
//!   description or its set of fields differ: that text is copied from the API
//!   spec, the same in every SDK of one spec version). Between trees that are
//!   different versions as a whole (a model, field or value is in one only),
//!   Required and nullable differences are put down to the version too: the
//!   Required column is read by code every dialect shares, so only the docs
//!   can make it differ. Type differences never are: reading types is what
//!   the dialects do, and what this check guards.
//! - unexplained: anything else, such as a type that two dialects both express
//!   and read differently, or an inferred wire name that is wrong. These fail.
//!
//! Facts a dialect leaves unknown in the IR (nullability in C#, TypeScript and
//! Go) are not compared; they are counted as such. What each dialect cannot
//! state is the library's ([`docs2rs::dialect::Blind`]), which merging reads too.
//!
//! With `--merged`, each API's trees are also merged into its first (as
//! `docs2rs --specs A --specs B ...` does) and the merged IR is compared with
//! each tree: it should disagree with a tree only where that tree's dialect
//! cannot state a fact (a key inferred from a converted name among them) or the
//! trees' versions differ.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use docs2rs::dialect::{blind, Stated};
use docs2rs::ir::{Field, Ir, Model, ModelKind, TypeRef};
use docs2rs::merge::matching::kind_name;
use docs2rs::Config;

#[derive(Debug, clap::Args)]
pub struct AgreeArgs {
    /// Docs trees to compare (default: every tree in ../shared/corpus). Trees
    /// whose folder names end in the same `-word` describe the same API.
    pub trees: Vec<PathBuf>,
    /// Print every disagreement, not only the unexplained ones and a few
    /// examples per cause.
    #[arg(short, long)]
    pub verbose: bool,
    /// Also merge each API's trees into its first (in the order given, else by
    /// name) and compare the merged IR with each of them.
    #[arg(long)]
    pub merged: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    CannotExpress,
    /// One side's type was not read and fell back to any JSON value (a located
    /// W0010 or W0011 of its generation says why).
    Fallback,
    Naming,
    Version,
    Unexplained,
}

impl Cause {
    fn label(self) -> &'static str {
        match self {
            Cause::CannotExpress => "cannot-express",
            Cause::Fallback => "fallback",
            Cause::Naming => "naming",
            Cause::Version => "version",
            Cause::Unexplained => "UNEXPLAINED",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Disagreement {
    pub cause: Cause,
    /// `Model` or `Model.field`.
    pub place: String,
    pub what: String,
}

/// The comparison of two trees' IRs.
#[derive(Debug, Default)]
pub struct Report {
    pub shared_models: usize,
    pub only_left: usize,
    pub only_right: usize,
    pub facts: usize,
    pub agreed: usize,
    /// Facts one dialect leaves unknown, not compared.
    pub unknown: usize,
    pub disagreements: Vec<Disagreement>,
}

impl Report {
    pub fn unexplained(&self) -> impl Iterator<Item = &Disagreement> {
        self.disagreements.iter().filter(|d| d.cause == Cause::Unexplained)
    }

    fn rate(&self) -> f64 {
        if self.facts == 0 {
            100.0
        } else {
            100.0 * self.agreed as f64 / self.facts as f64
        }
    }
}

pub fn run(args: &AgreeArgs) -> ExitCode {
    let trees = if args.trees.is_empty() { crate::corpus::default_trees() } else { args.trees.clone() };
    let mut groups: BTreeMap<String, Vec<(String, Ir)>> = BTreeMap::new();
    let mut paths: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for tree in &trees {
        let name = crate::corpus::tree_name(tree);
        paths.entry(api_of(&name)).or_default().push(tree.clone());
        match Config::new().generate(tree) {
            Ok(g) => groups.entry(api_of(&name)).or_default().push((name, g.ir)),
            Err(f) => {
                eprintln!("{name}: generation failed:\n{f}");
                return ExitCode::FAILURE;
            }
        }
    }
    let mut table = String::new();
    let mut failed = false;
    for (api, irs) in &groups {
        let mut pairs: Vec<(String, Ir, &str, &Ir, bool)> = Vec::new();
        for (i, (left_name, left)) in irs.iter().enumerate() {
            for (right_name, right) in &irs[i + 1..] {
                pairs.push((left_name.clone(), left.clone(), right_name, right, false));
            }
        }
        if args.merged && irs.len() > 1 {
            let trees = &paths[api];
            let mut config = Config::new();
            trees[1..].iter().for_each(|t| {
                config.secondary_specs(t);
            });
            match config.generate(&trees[0]) {
                Ok(g) => {
                    let name = format!("{}+{}", irs[0].0, irs.len() - 1);
                    pairs.extend(irs.iter().map(|(right_name, right)| (name.clone(), g.ir.clone(), right_name.as_str(), right, true)));
                }
                Err(f) => {
                    eprintln!("{api}: the merge failed:\n{f}");
                    return ExitCode::FAILURE;
                }
            }
        }
        for (left_name, left, right_name, right, merged) in &pairs {
            {
                let report = if *merged { compare_merged(left, right) } else { compare(left, right) };
                print_report(&format!("{left_name} vs {right_name}"), &report, args.verbose);
                failed |= report.unexplained().next().is_some();
                let _ = writeln!(
                    table,
                    "| {api} | {left_name} | {right_name} | {} | {} | {}/{} | {:.1}% | {} | {} | {} | {} | {} |",
                    report.shared_models,
                    report.only_left + report.only_right,
                    report.agreed,
                    report.facts,
                    report.rate(),
                    count(&report, Cause::CannotExpress),
                    count(&report, Cause::Fallback),
                    count(&report, Cause::Naming),
                    count(&report, Cause::Version),
                    count(&report, Cause::Unexplained),
                );
            }
        }
    }
    println!("\n| API | left | right | shared models | models in one only | facts agreeing | rate | cannot-express | fallback | naming | version | unexplained |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    print!("{table}");
    if failed {
        eprintln!("unexplained disagreements: see above");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn count(report: &Report, cause: Cause) -> usize {
    report.disagreements.iter().filter(|d| d.cause == cause).count()
}

/// `python-clerk` and `ruby-crystalline-clerk` both describe `clerk`.
fn api_of(tree: &str) -> String {
    tree.rsplit('-').next().unwrap_or(tree).to_string()
}

fn print_report(title: &str, report: &Report, verbose: bool) {
    println!(
        "== {title}: {} shared models ({} only in one), {}/{} facts agree ({:.1}%), {} not comparable",
        report.shared_models,
        report.only_left + report.only_right,
        report.agreed,
        report.facts,
        report.rate(),
        report.unknown
    );
    let mut by_cause: BTreeMap<Cause, Vec<&Disagreement>> = BTreeMap::new();
    for d in &report.disagreements {
        by_cause.entry(d.cause).or_default().push(d);
    }
    for (cause, list) in by_cause {
        println!("   {} {}", list.len(), cause.label());
        let shown = if verbose || cause == Cause::Unexplained { list.len() } else { 3 };
        for d in list.iter().take(shown) {
            println!("     {} {}: {}", cause.label(), d.place, d.what);
        }
        if list.len() > shown {
            println!("     ... {} more (-v lists all)", list.len() - shown);
        }
    }
}

/// Compares every model the two IRs share, matched by Rust name without case
/// (SDKs spell acronyms their own way: `VerificationSAML`, `VerificationSaml`).
pub fn compare(left: &Ir, right: &Ir) -> Report {
    compare_as(left, right, false)
}

/// [`compare`] for a merged IR (`left`) and one of the trees it was made of: a
/// key that tree inferred from a converted name, and the merged IR has from
/// another tree, is a fact its dialect cannot state, not a wrong inference.
pub fn compare_merged(merged: &Ir, tree: &Ir) -> Report {
    compare_as(merged, tree, true)
}

fn compare_as(left: &Ir, right: &Ir, merged: bool) -> Report {
    let (l, r) = (by_name(left), by_name(right));
    let versions_differ = l.len() != r.len()
        || l.iter().any(|(k, lm)| r.get(k).is_none_or(|rm| lm.iter().zip(rm).any(|(a, b)| shape_of(left, a) != shape_of(right, b))));
    let mut c = Comparison { left, right, report: Report::default(), changed: false, versions_differ, merged };
    for (key, lm) in &l {
        let Some(rm) = r.get(key) else {
            c.report.only_left += lm.len();
            continue;
        };
        // Where a name repeats across modules, pair the models module by module.
        for a in lm {
            let b = rm.iter().find(|b| b.module == a.module).or_else(|| (rm.len() == 1).then(|| &rm[0]));
            match b {
                Some(b) => c.model(a, b),
                None => c.report.only_left += 1,
            }
        }
    }
    c.report.only_right = r.iter().filter(|(k, _)| !l.contains_key(*k)).map(|(_, v)| v.len()).sum();
    c.report.disagreements.sort();
    c.report
}

fn by_name(ir: &Ir) -> BTreeMap<String, Vec<&Model>> {
    let mut map: BTreeMap<String, Vec<&Model>> = BTreeMap::new();
    for m in &ir.models {
        map.entry(m.rust_name.to_lowercase()).or_default().push(m);
    }
    map
}

struct Comparison<'a> {
    left: &'a Ir,
    right: &'a Ir,
    report: Report,
    /// The model being compared shows that its spec changed between the trees.
    changed: bool,
    /// The trees are different versions of the API as a whole.
    versions_differ: bool,
    /// `left` is merged from trees `right` is one of ([`compare_merged`]).
    merged: bool,
}

impl Comparison<'_> {
    /// The cause of a difference in a fact both dialects express.
    fn version(&self) -> Cause {
        if self.changed {
            Cause::Version
        } else {
            Cause::Unexplained
        }
    }

    fn fact(&mut self, agree: bool, cause: Cause, place: &str, what: impl FnOnce() -> String) {
        self.report.facts += 1;
        if agree {
            self.report.agreed += 1;
        } else {
            self.report.disagreements.push(Disagreement { cause, place: place.to_string(), what: what() });
        }
    }

    fn model(&mut self, a: &Model, b: &Model) {
        self.report.shared_models += 1;
        self.changed = spec_changed(a, b);
        let place = a.rust_name.as_str();
        match (&a.kind, &b.kind) {
            (ModelKind::Struct { fields: fa, .. }, ModelKind::Struct { fields: fb, .. }) => self.fields(place, fa, fb),
            (ModelKind::Enum { values: va, .. }, ModelKind::Enum { values: vb, .. }) => {
                let sa: BTreeSet<&str> = va.iter().map(|v| v.wire.as_str()).collect();
                let sb: BTreeSet<&str> = vb.iter().map(|v| v.wire.as_str()).collect();
                self.sets(place, "value", &sa, &sb);
            }
            (ModelKind::Open { .. }, ModelKind::Open { .. }) => self.fact(true, Cause::Version, place, String::new),
            (ModelKind::Union { variants: va }, ModelKind::Union { variants: vb }) => {
                let sa: BTreeSet<String> = va.iter().map(|v| type_key(self.left, &v.ty)).collect();
                let sb: BTreeSet<String> = vb.iter().map(|v| type_key(self.right, &v.ty)).collect();
                let (sa, sb): (BTreeSet<&str>, BTreeSet<&str>) =
                    (sa.iter().map(String::as_str).collect(), sb.iter().map(String::as_str).collect());
                self.sets(place, "member", &sa, &sb);
            }
            (ka, kb) => {
                let (na, nb) = (kind_name(ka), kind_name(kb));
                // A doc with no fields or members says nothing: its SDK left them out.
                let cause = if na == "open" || nb == "open" {
                    Cause::CannotExpress
                } else if self.versions_differ {
                    Cause::Version
                } else {
                    self.version()
                };
                self.fact(false, cause, place, || format!("kind {na} vs {nb}"));
            }
        }
    }

    /// Set facts (enum values, union members): each element in only one side
    /// is a version difference.
    fn sets(&mut self, place: &str, what: &str, a: &BTreeSet<&str>, b: &BTreeSet<&str>) {
        for x in a.union(b) {
            let (in_a, in_b) = (a.contains(x), b.contains(x));
            self.fact(in_a && in_b, Cause::Version, place, || {
                format!("{what} `{x}` only in the {}", if in_a { "left" } else { "right" })
            });
        }
    }

    fn fields(&mut self, model: &str, fa: &[Field], fb: &[Field]) {
        // The fields of one side whose key the other side does not have.
        fn unmatched<'f>(fields: &'f [Field], other: &BTreeMap<String, usize>) -> Vec<&'f Field> {
            fields.iter().filter(|f| !other.contains_key(&f.wire_name)).collect()
        }
        let by_wire = |fs: &[Field]| -> BTreeMap<String, usize> {
            fs.iter().enumerate().map(|(i, f)| (f.wire_name.clone(), i)).collect()
        };
        let (wa, wb) = (by_wire(fa), by_wire(fb));
        for (wire, &i) in &wa {
            let place = format!("{model}.{wire}");
            match wb.get(wire) {
                Some(&j) => self.field(&place, &fa[i], &fb[j]),
                None => self.missing(&place, &fa[i], unmatched(fb, &wa), "left"),
            }
        }
        for (wire, &j) in &wb {
            if !wa.contains_key(wire) {
                self.missing(&format!("{model}.{wire}"), &fb[j], unmatched(fa, &wb), "right");
            }
        }
    }

    /// A field in one side only: a version difference, unless the other side
    /// has the same name spelt otherwise (among its fields that this side does
    /// not have), which is a wrong inferred wire name.
    fn missing(&mut self, place: &str, f: &Field, others: Vec<&Field>, side: &str) {
        let squash = |s: &str| s.replace('_', "").to_lowercase();
        let twin = others.into_iter().find(|o| squash(&o.wire_name) == squash(&f.wire_name));
        // In a merge, the tree's inferred key where the merged IR has a printed one.
        let inferred_here = |o: &Field| if side == "left" { o.wire_name_inferred } else { f.wire_name_inferred };
        // A field its SDK's sources give no JSON key (a request's body, a
        // response's status) has no key to agree on.
        let no_key = |x: &Field| x.from.iter().any(|p| p.fact == docs2rs::ir::Fact::NoKey);
        match twin {
            Some(o) if no_key(f) || no_key(o) => self.fact(false, Cause::CannotExpress, place, || {
                format!("wire name `{}` vs `{}`, no JSON key in one SDK's sources", f.wire_name, o.wire_name)
            }),
            Some(o) if self.merged && inferred_here(o) => self.fact(false, Cause::CannotExpress, place, || {
                format!("wire name `{}` vs `{}`, inferred on the {}", f.wire_name, o.wire_name, if side == "left" { "right" } else { "left" })
            }),
            Some(o) => self.fact(false, Cause::Unexplained, place, || {
                format!("wire name `{}` vs `{}` (inferred: {} vs {})", f.wire_name, o.wire_name, f.wire_name_inferred, o.wire_name_inferred)
            }),
            None => self.fact(false, Cause::Version, place, || format!("field only in the {side}")),
        }
    }

    fn field(&mut self, place: &str, a: &Field, b: &Field) {
        let degraded = a.degraded || b.degraded;
        let cause = self.types(&a.ty, &b.ty).map(|c| match c {
            _ if degraded => Cause::Fallback,
            Cause::Unexplained => self.version(),
            c => c,
        });
        self.fact(cause.is_none(), cause.unwrap_or(Cause::Unexplained), place, || {
            format!("type {} vs {}", type_key(self.left, &a.ty), type_key(self.right, &b.ty))
        });
        let version = if self.versions_differ { Cause::Version } else { self.version() };
        self.fact(a.required == b.required, version, place, || format!("required {} vs {}", a.required, b.required));
        match (a.nullable, b.nullable) {
            // A fallback's nullability is the generator's choice, not the docs'.
            (Some(x), Some(y)) if !degraded => self.fact(x == y, version, place, || format!("nullable {x} vs {y}")),
            _ => self.report.unknown += 1,
        }
    }
}

impl Comparison<'_> {
    /// `None` when two types agree, else the most telling cause of the
    /// difference, container by container.
    fn types(&self, a: &TypeRef, b: &TypeRef) -> Option<Cause> {
        let can_say_null = |ir: &Ir| blind(&ir.dialect).nullability != Stated::Never;
        match (a, b) {
            (TypeRef::Nullable(x), TypeRef::Nullable(y)) => self.types(x, y),
            (TypeRef::Nullable(x), y) | (y, TypeRef::Nullable(x)) => {
                let inner = self.types(x, y);
                let unsayable = !can_say_null(self.left) || !can_say_null(self.right);
                inner.max(Some(if unsayable { Cause::CannotExpress } else { Cause::Unexplained }))
            }
            (TypeRef::Array(x), TypeRef::Array(y)) | (TypeRef::Map(x), TypeRef::Map(y)) => self.types(x, y),
            (TypeRef::Model(x), y) if single_member(self.left, x).is_some() => {
                self.types(single_member(self.left, x)?, y)
            }
            (x, TypeRef::Model(y)) if single_member(self.right, y).is_some() => {
                self.types(x, single_member(self.right, y)?)
            }
            (TypeRef::Model(x), TypeRef::Model(y)) => self.models(x, y),
            // An enum in one version of a spec, a string in the other.
            (TypeRef::Model(_), _) | (_, TypeRef::Model(_)) if self.versions_differ => Some(Cause::Version),
            (TypeRef::Number, TypeRef::Integer | TypeRef::Float) | (TypeRef::Integer | TypeRef::Float, TypeRef::Number) => {
                Some(Cause::CannotExpress)
            }
            // Some SDKs spell an upload's content as a string (Ruby, PHP) or any value (Go's `any`).
            (TypeRef::Binary, TypeRef::String | TypeRef::Any) | (TypeRef::String | TypeRef::Any, TypeRef::Binary) => {
                Some(Cause::CannotExpress)
            }
            (TypeRef::Date, TypeRef::DateTime) | (TypeRef::DateTime, TypeRef::Date) => {
                let one_time = blind(&self.left.dialect).dates || blind(&self.right.dialect).dates;
                Some(if one_time { Cause::CannotExpress } else { Cause::Unexplained })
            }
            (x, y) if x == y => None,
            _ => Some(Cause::Unexplained),
        }
    }

    /// Two model references agree when they name the same model; when the
    /// names differ, the shapes say whether it is only a name.
    fn models(&self, x: &str, y: &str) -> Option<Cause> {
        let (Some(mx), Some(my)) = (self.left.model(x), self.right.model(y)) else {
            return Some(Cause::Unexplained);
        };
        if mx.rust_name.eq_ignore_ascii_case(&my.rust_name) {
            return None;
        }
        let (sx, sy) = (shape_of(self.left, mx), shape_of(self.right, my));
        Some(if sx == sy {
            Cause::Naming
        } else if sx.0 == sy.0 || sx.0 == "open" || sy.0 == "open" || self.versions_differ {
            Cause::Version
        } else {
            Cause::Unexplained
        })
    }
}

/// The one member of a union of one type: some SDKs keep such a union, others
/// use the member itself, and the JSON is the same.
fn single_member<'a>(ir: &'a Ir, id: &str) -> Option<&'a TypeRef> {
    match &ir.model(id)?.kind {
        ModelKind::Union { variants } if variants.len() == 1 => Some(&variants[0].ty),
        _ => None,
    }
}

/// A model's kind and its field names, values or member types.
fn shape_of(ir: &Ir, m: &Model) -> (&'static str, BTreeSet<String>) {
    let facts = match &m.kind {
        ModelKind::Struct { fields, .. } => fields.iter().map(|f| f.wire_name.clone()).collect(),
        ModelKind::Enum { values, .. } => values.iter().map(|v| v.wire.clone()).collect(),
        ModelKind::Union { variants } => variants.iter().map(|v| type_key(ir, &v.ty)).collect(),
        ModelKind::Open { .. } => BTreeSet::new(),
    };
    (kind_name(&m.kind), facts)
}

/// Whether two docs of one model show that its spec changed: descriptions and
/// field sets are copied from the API spec, the same in every SDK generated from
/// one version of it.
fn spec_changed(a: &Model, b: &Model) -> bool {
    if a.docs != b.docs {
        return true;
    }
    match (&a.kind, &b.kind) {
        (ModelKind::Struct { fields: fa, .. }, ModelKind::Struct { fields: fb, .. }) => {
            let docs = |fs: &[Field]| -> BTreeMap<String, Option<String>> {
                fs.iter().map(|f| (f.wire_name.clone(), f.docs.clone())).collect()
            };
            docs(fa) != docs(fb)
        }
        (ModelKind::Enum { values: va, .. }, ModelKind::Enum { values: vb, .. }) => {
            !va.iter().map(|v| &v.wire).eq(vb.iter().map(|v| &v.wire))
        }
        _ => false,
    }
}

/// A type as text that two IRs can compare: models by their Rust name without
/// case, since ids and modules differ between SDKs.
fn type_key(ir: &Ir, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Array(inner) => format!("[{}]", type_key(ir, inner)),
        TypeRef::Map(inner) => format!("{{{}}}", type_key(ir, inner)),
        TypeRef::Nullable(inner) => format!("{}?", type_key(ir, inner)),
        TypeRef::Model(id) => ir.model(id).map_or_else(|| id.to_string(), |m| m.rust_name.to_lowercase()),
        other => format!("{other:?}").to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use docs2rs::ir::{EnumValue, IR_VERSION};
    use docs2rs::Loc;

    fn loc() -> Loc {
        Loc { file: "x.md".into(), line: 1, col: 1 }
    }

    fn field(wire: &str, ty: TypeRef, nullable: Option<bool>, inferred: bool) -> Field {
        Field {
            wire_name: wire.into(),
            wire_name_inferred: inferred,
            rust_name: wire.into(),
            ty,
            required: true,
            nullable,
            docs: None,
            deprecated: None,
            example: None,
            boxed: false,
            degraded: false,
            source: loc(),
            from: Vec::new(),
        }
    }

    fn ir(dialect: &str, models: Vec<(&str, ModelKind)>) -> Ir {
        let mut models: Vec<Model> = models
            .into_iter()
            .map(|(name, kind)| Model {
                id: format!("m::{name}").into(),
                title: name.into(),
                rust_name: name.into(),
                module: "m".into(),
                source: loc(),
                docs: None,
                deprecated: None,
                kind,
                from: Vec::new(),
            })
            .collect();
        models.sort_by(|a, b| a.id.cmp(&b.id));
        Ir { ir_version: IR_VERSION, dialect: dialect.into(), docs: models.len(), modules: vec!["m".into()], models }
    }

    fn strukt(fields: Vec<Field>) -> ModelKind {
        ModelKind::Struct { fields, omitted: vec![], rest: None }
    }

    #[test]
    fn same_facts_agree() {
        let a = ir("python", vec![("User", strukt(vec![field("id", TypeRef::String, Some(false), false)]))]);
        let b = ir("java", vec![("User", strukt(vec![field("id", TypeRef::String, Some(false), true)]))]);
        let r = compare(&a, &b);
        assert_eq!((r.shared_models, r.facts, r.agreed), (1, 3, 3));
        assert!(r.disagreements.is_empty());
    }

    #[test]
    fn number_and_unknown_nullability_are_explained() {
        let a = ir("python", vec![("T", strukt(vec![field("n", TypeRef::Integer, Some(true), false)]))]);
        let b = ir("typescript", vec![("T", strukt(vec![field("n", TypeRef::Number, None, true)]))]);
        let r = compare(&a, &b);
        assert_eq!(r.unknown, 1);
        assert_eq!(r.disagreements.len(), 1);
        assert_eq!(r.disagreements[0].cause, Cause::CannotExpress);
    }

    #[test]
    fn a_wrong_inferred_wire_name_is_unexplained() {
        let a = ir("python", vec![("T", strukt(vec![field("oauth2_url", TypeRef::String, None, false)]))]);
        let b = ir("java", vec![("T", strukt(vec![field("oauth_2_url", TypeRef::String, None, true)]))]);
        let r = compare(&a, &b);
        assert_eq!(r.unexplained().count(), 2, "{:?}", r.disagreements);
    }

    #[test]
    fn a_merged_key_where_the_tree_inferred_one_is_what_its_dialect_cannot_state() {
        let merged = ir("typescript", vec![("T", strukt(vec![field("_links", TypeRef::String, None, false)]))]);
        let tree = ir("typescript", vec![("T", strukt(vec![field("links", TypeRef::String, None, true)]))]);
        let r = compare_merged(&merged, &tree);
        assert_eq!(r.unexplained().count(), 0, "{:?}", r.disagreements);
        assert!(r.disagreements.iter().all(|d| d.cause == Cause::CannotExpress), "{:?}", r.disagreements);
        assert_eq!(compare(&merged, &tree).unexplained().count(), 2, "between two trees it is a wrong inference");
    }

    #[test]
    fn a_type_both_dialects_express_is_unexplained() {
        let a = ir("python", vec![("T", strukt(vec![field("n", TypeRef::Integer, None, false)]))]);
        let b = ir("java", vec![("T", strukt(vec![field("n", TypeRef::String, None, true)]))]);
        assert_eq!(compare(&a, &b).unexplained().count(), 1);
    }

    #[test]
    fn values_and_fields_in_one_side_are_version_differences() {
        let value = |w: &str| EnumValue { wire: w.into(), rust_name: w.into(), deprecated: None, source: loc(), from: Vec::new() };
        let a = ir("python", vec![("E", ModelKind::Enum { values: vec![value("a"), value("b")], catch_all: "Unknown".into(), numbers: false, either: false })]);
        let b = ir("java", vec![("E", ModelKind::Enum { values: vec![value("a")], catch_all: "Unknown".into(), numbers: false, either: false })]);
        let r = compare(&a, &b);
        assert_eq!((r.facts, r.agreed), (2, 1));
        assert_eq!(r.disagreements[0].cause, Cause::Version);
    }

    #[test]
    fn trees_group_by_their_last_word() {
        assert_eq!(api_of("ruby-crystalline-clerk"), "clerk");
        assert_eq!(api_of("go-unified"), "unified");
        assert_eq!(api_of("ruby-sorbet-unified-next"), "next");
    }
}
