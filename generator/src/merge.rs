//! One crate from several SDKs' docs of one API. Every dialect is blind to
//! something ([`crate::dialect::Blind`]): Ruby cannot tell `null` from absent on
//! an optional field, TypeScript's `number` is neither integer nor float, Java
//! prints `userId` for a key that may be `user_id`. Each tree is generated on its
//! own, in its own dialect, and the IRs of the further trees (the secondaries)
//! are merged into the first's (the primary's), after resolving.
//!
//! The primary's models, names, modules and docs make the crate; a secondary
//! only adds, field by field, facts that the primary's dialect cannot state
//! (see [`Fact`]): wire keys, nullability, integer or float and the other type
//! facts of its `types` module, enum values the primary lacks, union members where the
//! primary's docs list none or some were not read, docs and examples where the
//! primary has none. Facts both trees state and state differently are conflicts
//! (W0016), which the primary wins; models and fields that only a secondary has
//! are reported (W0017), not added; two secondaries that give one fact
//! differently give neither (W0018). What a merge does depends neither on the
//! order the secondaries come in nor on their count of agreeing trees: merging
//! a tree with itself changes nothing.
//!
//! Each fact taken records where it came from ([`Provenance`]): which tree, and
//! the file, line and column there.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Display;
use std::path::Path;

use crate::diag::{Diagnostic, Loc};
use crate::dialect::Blind;
use crate::ir::{EnumValue, Fact, Field, Ir, Model, ModelKind, Provenance, TypeRef, Variant};
use crate::naming::{self, Scope};

pub mod matching;
mod types;
#[cfg(test)]
mod tests;

use matching::{By, Pairing};
use types::{Types, Verdict};

/// W0016: two trees state one fact differently; the primary's is kept.
const CONFLICT: &str = "W0016";
/// W0017: a model, field or union member that only a secondary has: not added.
const ONLY_THERE: &str = "W0017";
/// W0018: secondaries give one fact differently that the primary cannot state.
const DISAGREE: &str = "W0018";

/// A secondary tree, generated on its own.
#[derive(Debug, Clone, Copy)]
pub struct Tree<'a> {
    /// The tree as it was given (`--specs`): names it in the IR and in messages.
    pub label: &'a str,
    /// Where its docs are, to name its files in diagnostics (`None`: in memory).
    pub root: Option<&'a Path>,
    pub ir: &'a Ir,
    /// How many warnings its own generation had (not shown: its report counts them).
    pub warnings: usize,
}

/// What a merge did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// W0016-W0018, with files named from the trees' roots.
    pub warnings: Vec<Diagnostic>,
    /// One per secondary, in the order given.
    pub reports: Vec<Report>,
    /// The primary's fields (by their source) whose key a secondary states: no
    /// longer inferred, so the W0007 warning about each no longer holds.
    pub stated_keys: Vec<Loc>,
    /// Whether any model changed: boxing and the order of union variants are to
    /// be settled again ([`crate::resolve::settle`]).
    pub changed: bool,
}

/// What one secondary gave, for the run's summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub tree: String,
    pub dialect: String,
    pub docs: usize,
    pub models: usize,
    /// Its models paired with the primary's, by how they were found.
    pub paired: BTreeMap<By, usize>,
    /// The facts the primary took from it, by kind (a fact two trees gave counts for both).
    pub facts: BTreeMap<Fact, usize>,
    /// Of the wire names taken, those that differ from the primary's inferred key.
    pub renamed: usize,
    pub conflicts: usize,
    /// Its models, fields and union members that the primary lacks (W0017).
    pub only_models: usize,
    pub only_fields: usize,
    pub only_members: usize,
    /// Its generation's own warnings, not shown.
    pub own_warnings: usize,
}

impl Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let paired: usize = self.paired.values().sum();
        let by = |b: By| self.paired.get(&b).copied().unwrap_or(0);
        write!(
            f,
            "merged `{}` ({} dialect, {} docs): {paired} of its {} models paired ({} by title, {} through fields, {} by shape)",
            self.tree,
            self.dialect,
            self.docs,
            self.models,
            by(By::Title),
            by(By::Field),
            by(By::Shape)
        )?;
        let facts: Vec<String> = self.facts.iter().map(|(fact, n)| format!("{n} {}", fact.label())).collect();
        match facts.is_empty() {
            true => write!(f, "; no fact taken")?,
            false => write!(f, "; facts taken: {}", facts.join(", "))?,
        }
        if self.renamed > 0 {
            write!(f, " ({} keys differ from the inferred ones)", self.renamed)?;
        }
        write!(
            f,
            "; {} conflicts (W0016); only there, not added (W0017): {} models, {} fields, {} union members",
            self.conflicts, self.only_models, self.only_fields, self.only_members
        )?;
        if self.own_warnings > 0 {
            write!(f, "; {} warnings of its own not shown", self.own_warnings)?;
        }
        Ok(())
    }
}

/// Merges the secondaries `trees` into `primary`, whose docs are at `root`.
pub fn merge(primary: &mut Ir, root: Option<&Path>, trees: &[Tree<'_>]) -> Outcome {
    let pairings: Vec<Pairing> = trees.iter().map(|t| matching::pair(primary, t.ir)).collect();
    let (edits, mut outcome) = {
        let mut plan = Plan::new(primary, root, trees, &pairings);
        for i in 0..primary.models.len() {
            plan.model(i);
        }
        for t in 0..trees.len() {
            plan.only_models(t);
        }
        plan.finish()
    };
    outcome.changed = !edits.is_empty();
    apply(primary, edits, &mut outcome);
    outcome
}

/// A change to the primary, planned while it is read.
#[derive(Debug)]
enum Edit {
    Field { model: usize, field: usize, value: Value, from: Vec<Provenance> },
    ModelDocs { model: usize, docs: String, from: Vec<Provenance> },
    Values { model: usize, values: Vec<(String, Option<String>, Vec<Provenance>)> },
    /// A deprecation the primary does not state, of the model or of its enum
    /// value `value` (wire text).
    Deprecated { model: usize, value: Option<String>, note: String, from: Vec<Provenance> },
    Members { model: usize, members: Vec<TypeRef>, from: Vec<Provenance> },
}

/// A field's fact, as a secondary gives it.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    WireName(String),
    Type(TypeRef),
    Nullable(bool),
    Docs(String),
    Example(String),
    /// A union's members, sorted.
    Members(Vec<TypeRef>),
    /// A deprecation's note.
    Deprecated(String),
}

impl Value {
    fn fact(&self) -> Fact {
        match self {
            Value::WireName(_) => Fact::WireName,
            Value::Type(_) => Fact::Type,
            Value::Nullable(_) => Fact::Nullable,
            Value::Docs(_) => Fact::Docs,
            Value::Example(_) => Fact::Example,
            Value::Members(_) => Fact::Members,
            Value::Deprecated(_) => Fact::Deprecated,
        }
    }

    fn text(&self, ir: &Ir) -> String {
        match self {
            Value::WireName(w) => format!("`{w}`"),
            Value::Type(t) => format!("`{}`", type_text(ir, t)),
            Value::Nullable(b) => format!("`{b}`"),
            Value::Docs(d) | Value::Example(d) | Value::Deprecated(d) => format!("`{}`", short(d)),
            Value::Members(members) => {
                let members: Vec<String> = members.iter().map(|m| type_text(ir, m)).collect();
                format!("`{}`", members.join(" | "))
            }
        }
    }
}

/// One tree's value of one fact, and where it says so.
struct Candidate<T> {
    tree: usize,
    value: T,
    loc: Loc,
}

/// A twin struct's fields, and for each of ours the position of its twin there.
struct TwinFields<'a> {
    tree: usize,
    fields: &'a [Field],
    twins: Vec<Option<usize>>,
}

/// The merge of every secondary into the primary, planned model by model.
struct Plan<'a> {
    p: &'a Ir,
    root: Option<&'a Path>,
    trees: &'a [Tree<'a>],
    pairings: &'a [Pairing],
    /// Per tree: its types compared with the primary's.
    types: Vec<Types<'a>>,
    /// The trees in label order: what a merge does must not depend on the
    /// order they were given in.
    order: Vec<usize>,
    pb: Blind,
    edits: Vec<Edit>,
    warnings: Vec<Diagnostic>,
    reports: Vec<Report>,
}

impl<'a> Plan<'a> {
    fn new(p: &'a Ir, root: Option<&'a Path>, trees: &'a [Tree<'a>], pairings: &'a [Pairing]) -> Self {
        let pb = crate::dialect::blind(&p.dialect);
        let types = trees
            .iter()
            .zip(pairings)
            .map(|(t, pairing)| Types {
                p,
                s: t.ir,
                pairing,
                pb,
                sb: crate::dialect::blind(&t.ir.dialect),
                accounted: vec![false; t.ir.models.len()],
            })
            .collect();
        let mut order: Vec<usize> = (0..trees.len()).collect();
        order.sort_by(|&a, &b| trees[a].label.cmp(trees[b].label));
        let reports = trees
            .iter()
            .zip(pairings)
            .map(|(t, pairing)| Report {
                tree: t.label.to_string(),
                dialect: t.ir.dialect.clone(),
                docs: t.ir.docs,
                models: t.ir.models.len(),
                paired: [By::Title, By::Field, By::Shape].into_iter().map(|b| (b, pairing.count(b))).collect(),
                own_warnings: t.warnings,
                ..Report::default()
            })
            .collect();
        Plan { p, root, trees, pairings, types, order, pb, edits: Vec::new(), warnings: Vec::new(), reports }
    }

    fn finish(mut self) -> (Vec<Edit>, Outcome) {
        let key = |d: &Diagnostic| (d.loc.clone(), d.code, d.message.clone());
        self.warnings.sort_by_cached_key(key);
        (self.edits, Outcome { warnings: self.warnings, reports: self.reports, ..Outcome::default() })
    }

    /// The primary's place `loc` as a diagnostic names it.
    fn here(&self, loc: &Loc) -> Loc {
        rooted(self.root, loc)
    }

    /// Tree `t`'s place `loc` as a diagnostic names it.
    fn there(&self, t: usize, loc: &Loc) -> Loc {
        rooted(self.trees[t].root.or(Some(Path::new(self.trees[t].label))), loc)
    }

    fn provenance(&self, fact: Fact, t: usize, loc: &Loc) -> Provenance {
        Provenance { fact, tree: self.trees[t].label.to_string(), source: loc.clone() }
    }

    /// The secondary models paired with primary model `i`, trees in label order.
    fn twins(&self, i: usize) -> Vec<(usize, &'a Model)> {
        let (trees, pairings) = (self.trees, self.pairings);
        self.order.iter().filter_map(|&t| Some((t, &trees[t].ir.models[pairings[t].primary[i]?.0]))).collect()
    }

    fn model(&mut self, i: usize) {
        let twins = self.twins(i);
        if twins.is_empty() {
            return;
        }
        let pm = &self.p.models[i];
        self.model_docs(i, &twins);
        self.model_deprecation(i, &twins);
        match &pm.kind {
            ModelKind::Struct { fields, .. } => self.fields(i, fields, &twins),
            ModelKind::Enum { values, numbers, .. } => self.values(i, values, *numbers, &twins),
            ModelKind::Union { variants } => self.members(i, Some(variants), &twins),
            ModelKind::Open { .. } => self.members(i, None, &twins),
        }
    }

    /// A model whose kind differs in a twin that states one (a doc with no
    /// fields or members states none).
    fn kind_conflict(&mut self, i: usize, t: usize, sm: &Model) -> bool {
        let pm = &self.p.models[i];
        let (a, b) = (matching::kind_name(&pm.kind), matching::kind_name(&sm.kind));
        let fits = a == b || b == "open" || (a == "open" && b == "union");
        if !fits {
            let kind = |k: &str| if k == "open" { "a doc with no fields".to_string() } else { format!("a {k}") };
            let what = (kind(a), kind(b));
            self.conflict(t, &pm.title, "kind", what, (&pm.source, &sm.source));
        }
        !fits
    }

    fn model_docs(&mut self, i: usize, twins: &[(usize, &Model)]) {
        let pm = &self.p.models[i];
        let mut candidates = Vec::new();
        for &(t, sm) in twins.iter().filter(|(_, sm)| !made_by_resolving(pm) && !made_by_resolving(sm)) {
            match (&pm.docs, &sm.docs) {
                (None, Some(d)) => candidates.push(Candidate { tree: t, value: Value::Docs(d.clone()), loc: sm.source.clone() }),
                (Some(a), Some(b)) if a != b => {
                    self.conflict(t, &pm.title, "the description", differing(a, b), (&pm.source, &sm.source));
                }
                _ => {}
            }
        }
        if let Some((Value::Docs(docs), from)) = self.decide(&pm.title, &pm.source, candidates) {
            self.edits.push(Edit::ModelDocs { model: i, docs, from });
        }
    }

    /// A deprecation that a twin states and the primary does not is kept: the
    /// first twin's note (trees by label).
    fn model_deprecation(&mut self, i: usize, twins: &[(usize, &Model)]) {
        let pm = &self.p.models[i];
        let Some((t, sm, note)) = twins.iter().find_map(|&(t, sm)| Some((t, sm, sm.deprecated.clone()?))).filter(|_| pm.deprecated.is_none()) else {
            return;
        };
        let from = vec![self.provenance(Fact::Deprecated, t, &sm.source)];
        *self.reports[t].facts.entry(Fact::Deprecated).or_default() += 1;
        self.edits.push(Edit::Deprecated { model: i, value: None, note, from });
    }

    fn fields(&mut self, i: usize, fields: &[Field], twins: &[(usize, &'a Model)]) {
        let pm = &self.p.models[i];
        let mut paired: Vec<TwinFields<'a>> = Vec::new();
        for &(t, sm) in twins {
            let ModelKind::Struct { fields: theirs, .. } = &sm.kind else {
                self.kind_conflict(i, t, sm);
                continue;
            };
            let twins = matching::pair_fields(fields, self.pb, theirs, self.types[t].sb);
            self.only_fields(t, pm, theirs, &twins);
            paired.push(TwinFields { tree: t, fields: theirs, twins });
        }
        for (k, f) in fields.iter().enumerate() {
            let mut candidates: Vec<Candidate<Value>> = Vec::new();
            for twin in &paired {
                if let Some(j) = twin.twins[k] {
                    self.field(pm, f, twin.tree, &twin.fields[j], &mut candidates);
                }
            }
            self.decide_field(i, k, f, candidates);
        }
    }

    /// The fields of tree `t`'s twin of `pm` that have no twin among ours.
    fn only_fields(&mut self, t: usize, pm: &Model, theirs: &[Field], twins: &[Option<usize>]) {
        let mut has_twin = vec![false; theirs.len()];
        twins.iter().flatten().for_each(|&j| has_twin[j] = true);
        for (g, _) in theirs.iter().zip(has_twin).filter(|(_, twin)| !twin) {
            let msg = format!(
                "`{}` lists a field `{}` that `{}` here does not: not added",
                self.trees[t].label, g.wire_name, pm.title
            );
            let d = Diagnostic::warning(ONLY_THERE, msg).at(self.there(t, &g.source)).note(format!("`{}` is described", pm.title), self.here(&pm.source));
            self.warnings.push(d.help(ONLY_HELP));
            self.reports[t].only_fields += 1;
        }
    }

    /// What tree `t`'s field `g` says of our field `f`: candidates for the facts
    /// we cannot state, conflicts for those we state otherwise.
    fn field(&mut self, pm: &Model, f: &Field, t: usize, g: &Field, candidates: &mut Vec<Candidate<Value>>) {
        let place = format!("{}.{}", pm.title, f.wire_name);
        let locs = (&f.source, &g.source);
        let sb = self.types[t].sb;
        let mut candidate = |value: Value| candidates.push(Candidate { tree: t, value, loc: g.source.clone() });
        if !matching::states_key(f, self.pb) && matching::gives_key(g, sb) {
            candidate(Value::WireName(g.wire_name.clone()));
        }
        // A type that was not read says nothing of `null` either: its nullability
        // is the generator's choice.
        let (ours, theirs) = ((!f.degraded).then_some(f.nullable).flatten(), (!g.degraded).then_some(g.nullable).flatten());
        match (ours, theirs) {
            (None, Some(b)) => candidate(Value::Nullable(b)),
            (Some(a), Some(b)) if a != b => self.conflict(t, &place, "nullable", (format!("`{a}`"), format!("`{b}`")), locs),
            _ => {}
        }
        match (f.degraded, g.degraded) {
            (_, true) => {}
            (true, false) => {
                if let Some(ty) = self.types[t].translate(&g.ty) {
                    candidate(Value::Type(ty));
                }
            }
            (false, false) => match self.types[t].compare(&f.ty, &g.ty) {
                Verdict::Same => {}
                Verdict::Better(ty) => candidate(Value::Type(ty)),
                Verdict::Conflict => {
                    let what = (format!("`{}`", type_text(self.p, &f.ty)), format!("`{}`", type_text(self.trees[t].ir, &g.ty)));
                    self.conflict(t, &place, "the type", what, locs);
                }
            },
        }
        for (ours, theirs, name, make) in [
            (&f.docs, &g.docs, "the description", Value::Docs as fn(String) -> Value),
            (&f.example, &g.example, "the example", Value::Example),
        ] {
            match (ours, theirs) {
                (None, Some(b)) => candidates.push(Candidate { tree: t, value: make(b.clone()), loc: g.source.clone() }),
                (Some(a), Some(b)) if a != b => self.conflict(t, &place, name, differing(a, b), locs),
                _ => {}
            }
        }
        if let (None, Some(note)) = (&f.deprecated, &g.deprecated) {
            candidates.push(Candidate { tree: t, value: Value::Deprecated(note.clone()), loc: g.source.clone() });
        }
        if f.required != g.required {
            self.conflict(t, &place, "required", (format!("`{}`", f.required), format!("`{}`", g.required)), locs);
        }
    }

    /// Each fact of field `k` that the secondaries give alike becomes an edit.
    fn decide_field(&mut self, i: usize, k: usize, f: &Field, candidates: Vec<Candidate<Value>>) {
        let place = format!("{}.{}", self.p.models[i].title, f.wire_name);
        // By fact, in the order they are applied: a type taken for one not read
        // resets the field's nullability, which a nullability taken then sets.
        let mut by_fact: BTreeMap<u8, Vec<Candidate<Value>>> = BTreeMap::new();
        for c in candidates {
            let rank = match c.value {
                Value::WireName(_) => 0,
                Value::Type(_) => 1,
                Value::Nullable(_) => 2,
                Value::Docs(_) => 3,
                Value::Example(_) => 4,
                Value::Members(_) => 5,
                Value::Deprecated(_) => 6,
            };
            by_fact.entry(rank).or_default().push(c);
        }
        for (rank, mut candidates) in by_fact {
            // Any tree's deprecation is kept, in the first one's words: notes
            // that differ are no conflict.
            if rank == 6 {
                candidates.truncate(1);
            }
            let trees: Vec<usize> = candidates.iter().map(|c| c.tree).collect();
            if let Some((value, from)) = self.decide(&place, &f.source, candidates) {
                if matches!(&value, Value::WireName(key) if *key != f.wire_name) {
                    trees.into_iter().for_each(|t| self.reports[t].renamed += 1);
                }
                self.edits.push(Edit::Field { model: i, field: k, value, from });
            }
        }
    }

    /// The value the candidates for one fact agree on, with where each says so;
    /// `None` (and a W0018) where they disagree. Values are in the primary's
    /// terms (a type names the primary's models).
    fn decide(&mut self, place: &str, here: &Loc, candidates: Vec<Candidate<Value>>) -> Option<(Value, Vec<Provenance>)> {
        let first = candidates.first()?;
        if let Some(other) = candidates.iter().find(|c| c.value != first.value) {
            let (a, b) = (self.trees[first.tree].label, self.trees[other.tree].label);
            let (x, y) = (first.value.text(self.p), other.value.text(self.p));
            let fact = first.value.fact().label();
            let msg = format!("`{a}` and `{b}` give {fact} of `{place}` differently ({x} and {y}), and this tree does not state it: it is left as it is");
            let d = Diagnostic::warning(DISAGREE, msg)
                .at(self.here(here))
                .note(format!("`{a}` gives {x}"), self.there(first.tree, &first.loc))
                .note(format!("`{b}` gives {y}"), self.there(other.tree, &other.loc));
            self.warnings.push(d.help("check which version of the API each tree documents, or merge only the trees you trust"));
            return None;
        }
        let fact = first.value.fact();
        let from: Vec<Provenance> = candidates.iter().map(|c| self.provenance(fact, c.tree, &c.loc)).collect();
        for c in &candidates {
            *self.reports[c.tree].facts.entry(fact).or_default() += 1;
        }
        let value = candidates.into_iter().next()?.value;
        Some((value, from))
    }

    /// Enum values that twins list and the primary does not, in the order the
    /// trees (by label) list them.
    fn values(&mut self, i: usize, values: &[EnumValue], numbers: bool, twins: &[(usize, &Model)]) {
        let ours: std::collections::HashSet<&str> = values.iter().map(|v| v.wire.as_str()).collect();
        let mut added: Vec<(String, Option<String>, Vec<Provenance>)> = Vec::new();
        let mut deprecated: Vec<&str> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        for &(t, sm) in twins {
            let ModelKind::Enum { values: theirs, numbers: n, .. } = &sm.kind else {
                self.kind_conflict(i, t, sm);
                continue;
            };
            if *n != numbers {
                let name = |n: bool| if n { "an enum of numbers" } else { "an enum of strings" }.to_string();
                let pm = &self.p.models[i];
                self.conflict(t, &pm.title, "kind", (name(numbers), name(*n)), (&pm.source, &sm.source));
                continue;
            }
            for v in theirs.iter().filter(|v| !ours.contains(v.wire.as_str())) {
                let from = self.provenance(Fact::Value, t, &v.source);
                *self.reports[t].facts.entry(Fact::Value).or_default() += 1;
                match at.get(&v.wire) {
                    Some(&k) => added[k].2.push(from),
                    None => {
                        at.insert(v.wire.clone(), added.len());
                        added.push((v.wire.clone(), v.deprecated.clone(), vec![from]));
                    }
                }
            }
            self.value_deprecations(i, values, t, theirs, &mut deprecated);
        }
        if !added.is_empty() {
            self.edits.push(Edit::Values { model: i, values: added });
        }
    }

    /// The deprecations of tree `t`'s values that ours list without one (and
    /// no earlier tree gave: `done`).
    fn value_deprecations<'v>(&mut self, i: usize, ours: &[EnumValue], t: usize, theirs: &'v [EnumValue], done: &mut Vec<&'v str>) {
        for v in ours.iter().filter(|v| v.deprecated.is_none()) {
            let Some(twin) = theirs.iter().find(|w| w.wire == v.wire && w.deprecated.is_some() && !done.contains(&w.wire.as_str())) else { continue };
            done.push(&twin.wire);
            let from = vec![self.provenance(Fact::Deprecated, t, &twin.source)];
            *self.reports[t].facts.entry(Fact::Deprecated).or_default() += 1;
            let note = twin.deprecated.clone().unwrap_or_default();
            self.edits.push(Edit::Deprecated { model: i, value: Some(v.wire.clone()), note, from });
        }
    }

    /// A union's members (`ours`; `None` for a doc with none): the twins' where
    /// ours are missing or some were not read, else a W0017 for each member
    /// only a twin has.
    fn members(&mut self, i: usize, ours: Option<&[Variant]>, twins: &[(usize, &Model)]) {
        let pm = &self.p.models[i];
        let ours = ours.unwrap_or_default();
        let lacking = ours.is_empty() || ours.iter().any(|v| v.degraded);
        let mut candidates = Vec::new();
        for &(t, sm) in twins {
            if self.kind_conflict(i, t, sm) {
                continue;
            }
            let ModelKind::Union { variants: theirs } = &sm.kind else { continue };
            if !lacking {
                self.only_members(t, pm, sm, ours, theirs);
            } else if let Some(members) = self.taken_members(t, pm, sm, ours, theirs) {
                candidates.push(Candidate { tree: t, value: Value::Members(members), loc: sm.source.clone() });
            }
        }
        if let Some((Value::Members(members), from)) = self.decide(&pm.title, &pm.source, candidates) {
            self.edits.push(Edit::Members { model: i, members, from });
        }
    }

    /// Our readable members and tree `t`'s others, in our terms (sorted: the
    /// order is settled after the merge); `None` where its union cannot give
    /// all of them (a member it did not read either, or one whose model we lack).
    fn taken_members(&mut self, t: usize, pm: &Model, sm: &Model, ours: &[Variant], theirs: &[Variant]) -> Option<Vec<TypeRef>> {
        if theirs.is_empty() || theirs.iter().any(|v| v.degraded) {
            return None;
        }
        let mut members: Vec<TypeRef> = ours.iter().filter(|v| !v.degraded).map(|v| v.ty.clone()).collect();
        let mut complete = true;
        for v in theirs {
            match self.types[t].translate(&v.ty) {
                Some(ty) => members.push(ty),
                None => {
                    self.only_member(t, pm, sm, &v.ty);
                    complete = false;
                }
            }
        }
        members.sort();
        members.dedup();
        complete.then_some(members)
    }

    /// A W0017 for each member of tree `t`'s union that none of ours is.
    fn only_members(&mut self, t: usize, pm: &Model, sm: &Model, ours: &[Variant], theirs: &[Variant]) {
        for v in theirs.iter().filter(|v| !v.degraded) {
            let known = ours.iter().any(|o| self.types[t].compare(&o.ty, &v.ty) != Verdict::Conflict);
            if !known {
                self.only_member(t, pm, sm, &v.ty);
            }
        }
    }

    fn only_member(&mut self, t: usize, pm: &Model, sm: &Model, ty: &TypeRef) {
        let tree = self.trees[t];
        let msg = format!("`{}` has a member `{}` in union `{}` that this tree's does not: not added", tree.label, type_text(tree.ir, ty), pm.title);
        let d = Diagnostic::warning(ONLY_THERE, msg).at(self.there(t, &sm.source)).note(format!("`{}` is described", pm.title), self.here(&pm.source));
        self.warnings.push(d.help(ONLY_HELP));
        self.reports[t].only_members += 1;
    }

    /// Tree `t`'s models that no model here is, and that no field here holds
    /// under another spelling: a W0017 each.
    fn only_models(&mut self, t: usize) {
        let tree = self.trees[t];
        for (j, sm) in tree.ir.models.iter().enumerate() {
            if self.pairings[t].secondary[j].is_some() || self.types[t].accounted[j] {
                continue;
            }
            let msg = format!("`{}` describes a model `{}` ({}) that this tree does not: not added", tree.label, sm.title, matching::kind_name(&sm.kind));
            self.warnings.push(Diagnostic::warning(ONLY_THERE, msg).at(self.there(t, &sm.source)).help(ONLY_HELP));
            self.reports[t].only_models += 1;
        }
    }

    /// A fact both trees state, differently: the primary's is kept (W0016).
    fn conflict(&mut self, t: usize, place: &str, fact: &str, (ours, theirs): (String, String), (here, there): (&Loc, &Loc)) {
        let tree = self.trees[t].label;
        let msg = format!("`{place}`: {fact} is {ours} here but {theirs} in `{tree}`: this tree's is kept");
        let d = Diagnostic::warning(CONFLICT, msg)
            .at(self.here(here))
            .note(format!("`{tree}` states {theirs}"), self.there(t, there))
            .help("the first `--specs` tree wins a conflict: check which version of the API each tree documents");
        self.warnings.push(d);
        self.reports[t].conflicts += 1;
    }
}

/// Applies the planned edits, each fact with where it came from.
fn apply(ir: &mut Ir, edits: Vec<Edit>, outcome: &mut Outcome) {
    for edit in edits {
        match edit {
            Edit::Field { model, field, value, from } => {
                let ModelKind::Struct { fields, .. } = &mut ir.models[model].kind else { continue };
                let f = &mut fields[field];
                set_field(f, value, outcome);
                f.from.extend(from);
                f.from.sort();
            }
            Edit::ModelDocs { model, docs, from } => {
                let m = &mut ir.models[model];
                m.docs = Some(docs);
                m.from.extend(from);
                m.from.sort();
            }
            Edit::Values { model, values } => add_values(&mut ir.models[model], values),
            Edit::Deprecated { model, value: None, note, from } => {
                let m = &mut ir.models[model];
                m.deprecated = Some(note);
                m.from.extend(from);
                m.from.sort();
            }
            Edit::Deprecated { model, value: Some(wire), note, from } => {
                let ModelKind::Enum { values, .. } = &mut ir.models[model].kind else { continue };
                if let Some(v) = values.iter_mut().find(|v| v.wire == wire) {
                    v.deprecated = Some(note);
                    v.from.extend(from);
                    v.from.sort();
                }
            }
            Edit::Members { model, members, from } => {
                let m = &mut ir.models[model];
                let variants = members.into_iter().map(|ty| Variant { rust_name: String::new(), ty, boxed: false, degraded: false });
                m.kind = ModelKind::Union { variants: variants.collect() };
                m.from.extend(from);
                m.from.sort();
            }
        }
    }
}

fn set_field(f: &mut Field, value: Value, outcome: &mut Outcome) {
    match value {
        Value::WireName(key) => {
            f.wire_name = key;
            f.wire_name_inferred = false;
            f.from.retain(|p| !(p.fact == Fact::WireName && p.tree == crate::keys::EVIDENCE));
            outcome.stated_keys.push(f.source.clone());
        }
        Value::Type(ty) => {
            if f.degraded {
                // The fallback's nullability was the generator's choice: now unknown,
                // unless a tree states it (applied next).
                (f.degraded, f.nullable) = (false, None);
            }
            f.ty = ty;
        }
        Value::Nullable(nullable) => f.nullable = Some(nullable),
        Value::Docs(docs) => f.docs = Some(docs),
        Value::Example(example) => f.example = Some(example),
        Value::Deprecated(note) => f.deprecated = Some(note),
        Value::Members(_) => {}
    }
}

/// Enum values the primary lacks, after its own, each named in its scope.
fn add_values(m: &mut Model, values: Vec<(String, Option<String>, Vec<Provenance>)>) {
    let ModelKind::Enum { values: ours, catch_all, numbers, .. } = &mut m.kind else { return };
    let taken: Vec<&str> = ours.iter().map(|v| v.rust_name.as_str()).chain([catch_all.as_str()]).collect();
    let mut scope = Scope::with_reserved(&taken);
    let mut added = Vec::new();
    for (wire, deprecated, mut from) in values {
        from.sort();
        let name = if *numbers { naming::number_variant_name(&wire) } else { naming::variant_name(&wire) };
        added.push(EnumValue { rust_name: scope.claim(name), wire, deprecated, source: Loc::default(), from });
    }
    ours.extend(added);
}

/// Every fact the IR took from another tree, with the place it belongs to
/// (`Model`, `Model.key` or `Model::Variant`), in the IR's order.
pub fn provenance(ir: &Ir) -> Vec<(String, &Provenance)> {
    let mut out = Vec::new();
    for m in &ir.models {
        out.extend(m.from.iter().map(|p| (m.title.clone(), p)));
        match &m.kind {
            ModelKind::Struct { fields, .. } => {
                for f in fields {
                    out.extend(f.from.iter().map(|p| (format!("{}.{}", m.title, f.wire_name), p)));
                }
            }
            ModelKind::Enum { values, .. } => {
                for v in values {
                    out.extend(v.from.iter().map(|p| (format!("{}::{}", m.title, v.rust_name), p)));
                }
            }
            ModelKind::Union { .. } | ModelKind::Open { .. } => {}
        }
    }
    out
}

/// Whether a model's docs are the resolver's words, not a doc's (a union written
/// inline in a field, a member no doc describes: see `resolve`): they link to
/// their tree's own Rust names, and differ between trees as those do.
fn made_by_resolving(m: &Model) -> bool {
    m.docs.as_deref().is_some_and(|d| d.starts_with("One of several types: the `") || d.starts_with("A member of [`"))
}

/// Files named from `root` (a tree's folder), as the diagnostics of a run are.
fn rooted(root: Option<&Path>, loc: &Loc) -> Loc {
    match root {
        Some(root) => Loc { file: root.join(&*loc.file).display().to_string().into(), ..loc.clone() },
        None => loc.clone(),
    }
}

const ONLY_HELP: &str =
    "a merge adds facts to the primary's models, never models, fields or members: make the tree that has it the first `--specs`";

/// A type as a message shows it: models by their Rust name.
pub fn type_text(ir: &Ir, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Array(inner) => format!("[{}]", type_text(ir, inner)),
        TypeRef::Map(inner) => format!("{{{}}}", type_text(ir, inner)),
        TypeRef::Nullable(inner) => format!("{}?", type_text(ir, inner)),
        TypeRef::Model(id) => ir.model(id).map_or_else(|| id.to_string(), |m| m.rust_name.clone()),
        other => format!("{other:?}").to_lowercase(),
    }
}

/// Two texts as a message shows them: on one line, from a little before where
/// they first differ, at most 60 characters each.
fn differing(a: &str, b: &str) -> (String, String) {
    let (a, b) = (one_line(a), one_line(b));
    let same = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let from = same.saturating_sub(20);
    let cut = |s: &str| {
        let rest: String = s.chars().skip(from).collect();
        let text = short(&rest);
        if from > 0 { format!("`…{text}`") } else { format!("`{text}`") }
    };
    (cut(&a), cut(&b))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most 60 characters of a text, on one line.
fn short(text: &str) -> String {
    let line = one_line(text);
    match line.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}
