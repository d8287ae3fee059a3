//! Where each field's JSON key came from, counted for the run's summary line:
//! "2168 keys: 2101 from the SDK sources, 40 from evidence in the docs, 27
//! guessed (snake case) with nothing to say otherwise".

use rayon::prelude::*;

use crate::diag::{Diagnostic, Loc};
use crate::dialect::{Dialect, WireCase};
use crate::ir::{Fact, Ir, ModelKind, Provenance};
use crate::lower::{Body, Draft, DraftField, WireNames};

/// The keys of a crate by where each came from ([`tally`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub keys: usize,
    /// Stated by the SDK's model sources beside the docs.
    pub sources: usize,
    /// Stated by another docs tree merged in.
    pub merged: usize,
    /// Chosen by the case that the docs' own evidence names.
    pub evidence: usize,
    /// One word, the same in every case (`id`), or set by `--wire-name` or
    /// `--wire-case`.
    pub certain: usize,
    /// Fields the SDK's sources give no JSON key ([`Fact::NoKey`]).
    pub no_key: usize,
    /// Of several words, inferred by the dialect's casing rule or taken as
    /// printed, with nothing stating it (W0007).
    pub guessed: usize,
}

/// What the docs' own evidence says of the API's key case: names of several
/// words written in each case in descriptions and examples ([`crate::evidence`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaseEvidence {
    pub snake: usize,
    pub camel: usize,
    /// The tree's case, where the evidence is enough and one-sided.
    pub verdict: Option<WireCase>,
}

impl std::fmt::Display for CaseEvidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let verdict = match self.verdict {
            Some(WireCase::Camel) => "camelCase",
            Some(_) => "snake_case",
            None => "no case decided",
        };
        write!(f, "the docs' evidence of the key case: {} snake_case and {} camelCase names in descriptions and examples: {verdict}", self.snake, self.camel)
    }
}

/// The provenance tree label that keys from the docs' evidence carry.
pub const EVIDENCE: &str = "evidence in the docs";

/// Counts the keys of `ir`; `sources_root` names the sources' tree in provenance.
pub fn tally(ir: &Ir, sources_root: Option<&str>) -> Tally {
    let mut t = Tally::default();
    // A dialect that prints names as is guesses every key of several words.
    let prints_as_is = !crate::dialect::blind(&ir.dialect).wire_names;
    for m in &ir.models {
        let ModelKind::Struct { fields, .. } = &m.kind else { continue };
        for f in fields {
            t.keys += 1;
            if f.from.iter().any(|p| p.fact == Fact::NoKey) {
                t.no_key += 1;
                continue;
            }
            let stated = f.from.iter().find(|p| p.fact == Fact::WireName);
            match stated {
                Some(p) if Some(p.tree.as_str()) == sources_root => t.sources += 1,
                Some(p) if p.tree == EVIDENCE => t.evidence += 1,
                Some(_) => t.merged += 1,
                // A name in another case than the dialect prints is the key itself.
                None if (f.wire_name_inferred || (prints_as_is && snake_form(&f.wire_name))) && has_words(&f.wire_name) => t.guessed += 1,
                None => t.certain += 1,
            }
        }
    }
    t
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} keys:", self.keys)?;
        let parts = [
            (self.sources, "from the SDK sources"),
            (self.merged, "from further docs trees"),
            (self.evidence, "from evidence in the docs"),
            (self.certain, "of one word or set by a flag"),
            (self.no_key, "no JSON key in the SDK (a response's status or headers, a request's body or parameters)"),
            (self.guessed, "guessed by the dialect's rule with nothing stating them (W0007, -v lists them)"),
        ];
        let shown: Vec<String> = parts.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{n} {what}")).collect();
        write!(f, " {}", if shown.is_empty() { "none".to_string() } else { shown.join(", ") })
    }
}

/// Settles every key that nothing has stated yet, once the SDK's sources have
/// been read: the case the docs' evidence names for the model (`case_for`,
/// by title) makes it, else it stays the dialect's guess and is a W0007. Keys
/// the sources state, and those `--wire-name` or `--wire-case` set, are kept.
pub fn settle(
    drafts: &mut [Draft],
    dialect: &dyn Dialect,
    names: &WireNames,
    case_for: &(dyn Fn(&str) -> Option<WireCase> + Sync),
) -> Vec<Diagnostic> {
    let per_draft: Vec<Vec<Diagnostic>> = drafts.par_iter_mut().map(|d| settle_draft(d, dialect, names, case_for)).collect();
    per_draft.into_iter().flatten().collect()
}

fn settle_draft(draft: &mut Draft, dialect: &dyn Dialect, names: &WireNames, case_for: &(dyn Fn(&str) -> Option<WireCase> + Sync)) -> Vec<Diagnostic> {
    let Body::Struct(fields) = &mut draft.body else { return Vec::new() };
    let title = draft.title.as_str();
    let case = case_for(title);
    let mut warnings = Vec::new();
    let settled = |f: &DraftField| f.from.iter().any(|p| matches!(p.fact, Fact::WireName | Fact::NoKey));
    // A transport field is left out of the crate (W0002): its key is moot.
    let transport = |f: &DraftField| matches!(f.ty, crate::dialect::TypeExpr::External(_));
    for f in fields.iter_mut().filter(|f| !f.rest_holder && !settled(f) && !transport(f)) {
        let overridden = names.overrides.iter().any(|o| o.model == title && o.field == f.printed_name);
        if overridden || printed_as_key(f, dialect) {
            continue;
        }
        if let (Some(case), WireCase::Inferred) = (case, names.case) {
            let wire = case.wire_name(dialect, &f.printed_name);
            // A key of one word is the same in every case: the evidence says
            // nothing of it, and the dialect's reading stands.
            if has_words(&wire.name) {
                (f.wire_name, f.wire_name_inferred) = (wire.name, false);
                f.from.push(Provenance { fact: Fact::WireName, tree: EVIDENCE.to_string(), source: Loc::default() });
            }
        } else if let Some(msg) = guess(f, dialect, title, names.case) {
            warnings.push(Diagnostic::warning("W0007", msg).at(f.loc.clone()));
        }
    }
    warnings
}

/// Whether the docs print the key itself: a dialect that prints its SDK's
/// snake_case names shows a name in another case (`userId`) only where the
/// SDK kept the API's key as it is.
fn printed_as_key(f: &DraftField, dialect: &dyn Dialect) -> bool {
    !dialect.blind().wire_names && !f.wire_name_inferred && !snake_form(&f.wire_name)
}

fn snake_form(name: &str) -> bool {
    heck::ToSnakeCase::to_snake_case(name) == name
}

/// Why a key that nothing states is a guess, if it is one: a dialect's rule
/// changed the printed name, or the name has several words and could be
/// sent in another case.
fn guess(f: &DraftField, dialect: &dyn Dialect, title: &str, case: WireCase) -> Option<String> {
    let fix = format!("give the SDK's sources (`--sources`), or override with `--wire-name {title}.{}=KEY` (or `--wire-case` for the whole tree)", f.printed_name);
    // A key of one word (`id`, `ID`) is the same in every case the API may use.
    if !has_words(&f.wire_name) {
        return None;
    }
    if f.wire_name_inferred && f.wire_name != f.printed_name {
        return Some(format!("wire name `{}` inferred from `{}` by a casing rule, with nothing stating it; {fix}", f.wire_name, f.printed_name));
    }
    let as_printed = !f.wire_name_inferred && case == WireCase::Inferred && !dialect.blind().wire_names;
    as_printed.then(|| {
        let other = heck::ToLowerCamelCase::to_lower_camel_case(f.wire_name.as_str());
        format!("wire name `{}` taken as printed, with nothing stating it: the API may send `{other}`; {fix}", f.wire_name)
    })
}

/// Whether a key reads differently in snake and camel case (`user_id`, not `id`).
pub fn has_words(key: &str) -> bool {
    heck::ToSnakeCase::to_snake_case(key) != heck::ToLowerCamelCase::to_lower_camel_case(key)
}
