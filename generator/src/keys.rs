//! Where each field's JSON key came from, counted for the run's summary line:
//! "2168 keys: 2101 from the SDK sources, 40 from evidence in the docs, 27
//! guessed (snake case) with nothing to say otherwise".

use crate::ir::{Fact, Ir, ModelKind};

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
    /// The same in every case (`id`), or set by `--wire-name`, or printed
    /// by a dialect that prints keys.
    pub certain: usize,
    /// Inferred by the dialect's casing rule, with nothing stating it (W0007).
    pub guessed: usize,
}

/// The provenance tree label that keys from the docs' evidence carry.
pub const EVIDENCE: &str = "evidence in the docs";

/// Counts the keys of `ir`; `sources_root` names the sources' tree in provenance.
pub fn tally(ir: &Ir, sources_root: Option<&str>) -> Tally {
    let mut t = Tally::default();
    for m in &ir.models {
        let ModelKind::Struct { fields, .. } = &m.kind else { continue };
        for f in fields {
            t.keys += 1;
            let stated = f.from.iter().find(|p| p.fact == Fact::WireName);
            match stated {
                Some(p) if Some(p.tree.as_str()) == sources_root => t.sources += 1,
                Some(p) if p.tree == EVIDENCE => t.evidence += 1,
                Some(_) => t.merged += 1,
                None if f.wire_name_inferred => t.guessed += 1,
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
            (self.certain, "printed or set as is"),
            (self.guessed, "guessed by the dialect's casing rule with nothing stating them (W0007, -v lists them)"),
        ];
        let shown: Vec<String> = parts.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{n} {what}")).collect();
        write!(f, " {}", if shown.is_empty() { "none".to_string() } else { shown.join(", ") })
    }
}
