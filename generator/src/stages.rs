//! The pipeline one stage at a time, for benchmarks and tools that time or inspect
//! a single stage; nothing here is needed just to generate a crate.
//!
//! read -> [`dialect`] -> [`lower`] -> [`resolve()`] -> [`emit`] (which ends in
//! [`format`](fn@format)) -> [`write`](fn@write).
//!
//! [`Config::generate`] runs these same steps, with two differences that only
//! change how much is held at once: a docs folder is read, counted and lowered
//! one doc at a time ([`crate::front`]), and [`crate::Generation::write_crate`]
//! streams each file to disk as it is printed instead of holding them all.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::dialect::Dialect;
use crate::lower::{self, Draft, WireNames};
use crate::read::Document;
use crate::{Config, Diagnostic, Failure, Generation};

pub use crate::read::read_tree as read;
pub use crate::resolve::{resolve, Resolved};
pub use crate::write::write_tree as write;

/// The dialect `config` reads the docs in: the one it names, else the detected one.
pub fn dialect(config: &Config, docs: &[Document]) -> Result<&'static dyn Dialect, Failure> {
    config.pick_dialect(docs)
}

/// What lowering every doc gives: drafts, errors and warnings, each in doc order.
pub struct Lowered {
    pub drafts: Vec<Draft>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// The position of each wire-name override that matched a field.
    pub overridden: Vec<usize>,
}

/// Every doc's draft and what is wrong with it. Docs lower independently, so this
/// runs on every core; the result does not depend on scheduling.
pub fn lower(docs: &[Document], dialect: &dyn Dialect) -> Lowered {
    gather(docs.par_iter().map(|doc| lower_one(doc, dialect, &WireNames::default())).collect())
}

/// [`lower`] with a wire case and wire-name overrides, freeing each doc once it is
/// lowered: the drafts then grow into the memory the docs leave, instead of on top of all of them.
pub fn lower_owned(docs: Vec<Document>, dialect: &dyn Dialect, names: &WireNames) -> Lowered {
    gather(docs.into_par_iter().map(|doc| lower_one(&doc, dialect, names)).collect())
}

/// One doc lowered, its wire names settled.
pub(crate) struct LoweredDoc {
    draft: Option<Draft>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    overridden: Vec<usize>,
}

pub(crate) fn lower_one(doc: &Document, dialect: &dyn Dialect, names: &WireNames) -> LoweredDoc {
    let (mut errors, mut warnings, mut overridden) = (Vec::new(), Vec::new(), Vec::new());
    let mut draft = lower::lower(doc, dialect, &mut errors, &mut warnings);
    if let Some(draft) = &mut draft {
        lower::settle_wire_names(draft, dialect, names, &mut overridden);
    }
    LoweredDoc { draft, errors, warnings, overridden }
}

pub(crate) fn gather(lowered: Vec<LoweredDoc>) -> Lowered {
    let mut all = Lowered {
        drafts: Vec::with_capacity(lowered.len()),
        errors: Vec::new(),
        warnings: Vec::new(),
        overridden: Vec::new(),
    };
    for mut doc in lowered {
        all.drafts.extend(doc.draft);
        all.errors.append(&mut doc.errors);
        all.warnings.append(&mut doc.warnings);
        all.overridden.append(&mut doc.overridden);
    }
    all
}

/// The crate's files: IR to syntax trees, each printed ([`Generation::files`]).
pub fn emit(generation: &Generation) -> Result<BTreeMap<String, String>, Failure> {
    generation.files()
}

/// The last step of [`emit`] alone: a file's items to text, as the emitter
/// prints each model (prettyplease, and the support macros' calls one entry a
/// line).
pub fn format(file: syn::File) -> String {
    crate::emit::print_items(file.items)
}
