//! The front of the pipeline for a docs folder: read, detect the dialect and
//! lower, one doc at a time. A parsed doc (about 2.7 times its bytes) is freed
//! as soon as it is lowered, so parsed docs are never all held at once and the
//! drafts reuse their memory.
//!
//! Detection counts every doc's Type cells, and lowering needs its verdict. The
//! first 256 docs (`SAMPLE`) pick a provisional dialect; the rest are counted and
//! lowered with it in one pass. Should the full count pick another dialect (a
//! tree whose first docs mislead), every doc is read and lowered again with
//! that one: the result is always the one of reading every doc first.

use rayon::prelude::*;

use crate::dialect::{self, Dialect, Tally};
use crate::lower::WireNames;
use crate::read::{self, DocFile, Document};
use crate::stages::{self, LoweredDoc};
use crate::{Diagnostic, Failure};

/// How many docs pick the provisional dialect.
const SAMPLE: usize = 256;

/// Docs per task: enough to spread a tree over every core, few enough that a
/// task's tally (one count per dialect) costs nothing next to its docs.
const CHUNK: usize = 16;

/// The drafts of a docs tree, and the dialect they were read in.
pub struct Front {
    pub dialect: &'static dyn Dialect,
    /// Docs read (those that could not be read are in `read_diagnostics`).
    pub docs: usize,
    pub lowered: stages::Lowered,
    /// The walk's diagnostics, then an error for each file that could not be read.
    pub read_diagnostics: Vec<Diagnostic>,
}

/// Reads and lowers `files` (as [`read::list_tree`] gives them) in `named`, or in
/// the dialect detected from all of them.
pub fn read_and_lower(
    files: &[DocFile],
    walk: Vec<Diagnostic>,
    named: Option<&'static dyn Dialect>,
    names: &WireNames,
) -> Result<Front, Failure> {
    if let Some(dialect) = named {
        let (_, docs) = pass(files, dialect, names, false);
        return Ok(front(dialect, docs, walk));
    }
    let split = files.len().min(SAMPLE);
    let sample: Vec<Result<Document, Diagnostic>> = files[..split].par_iter().map(read::read_doc).collect();
    let sample_tally = sample.par_iter().flatten().fold(Tally::default, count).reduce(Tally::default, Tally::merge);
    let provisional = sample_tally.best().unwrap_or(dialect::all()[0]);
    let mut docs: Vec<Result<LoweredDoc, Diagnostic>> =
        sample.into_par_iter().map(|doc| doc.map(|doc| stages::lower_one(&doc, provisional, names))).collect();
    let (rest_tally, rest) = pass(&files[split..], provisional, names, true);
    docs.extend(rest);
    let tally = sample_tally.merge(rest_tally);
    match tally.verdict() {
        Ok(dialect) if dialect.name() == provisional.name() => Ok(front(dialect, docs, walk)),
        Ok(dialect) => {
            drop(docs);
            let (_, docs) = pass(files, dialect, names, false);
            Ok(front(dialect, docs, walk))
        }
        Err(undecided) => {
            let unread = docs.into_iter().filter_map(Result::err);
            let read_diagnostics: Vec<Diagnostic> = walk.into_iter().chain(unread).collect();
            // A tree with unreadable docs reports those, as detection may hinge on them.
            let unreadable = read_diagnostics.iter().any(Diagnostic::is_error);
            if unreadable {
                return Err(Failure { diagnostics: read_diagnostics });
            }
            // The docs are gone: the first ones are read again to show their cells.
            let docs = files.iter().filter_map(|f| read::read_doc(f).ok());
            let shown: Vec<Document> = docs.take(64).collect();
            Err(Failure { diagnostics: vec![crate::lower::undecided(undecided, shown.iter())] })
        }
    }
}

/// Reads, counts (when `counting`) and lowers each file in `dialect`, on every
/// core; results in file order, an `Err` for a file that cannot be read.
fn pass(
    files: &[DocFile],
    dialect: &dyn Dialect,
    names: &WireNames,
    counting: bool,
) -> (Tally, Vec<Result<LoweredDoc, Diagnostic>>) {
    let chunks: Vec<(Tally, Vec<Result<LoweredDoc, Diagnostic>>)> = files
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut tally = Tally::default();
            let lowered = chunk
                .iter()
                .map(|file| {
                    let doc = read::read_doc(file)?;
                    if counting {
                        tally = count(std::mem::take(&mut tally), &doc);
                    }
                    Ok(stages::lower_one(&doc, dialect, names))
                })
                .collect();
            (tally, lowered)
        })
        .collect();
    let mut tally = Tally::default();
    let mut docs = Vec::with_capacity(files.len());
    for (t, lowered) in chunks {
        tally = tally.merge(t);
        docs.extend(lowered);
    }
    (tally, docs)
}

fn count(tally: Tally, doc: &Document) -> Tally {
    crate::lower::type_cells(doc).iter().fold(tally, Tally::count)
}

fn front(dialect: &'static dyn Dialect, docs: Vec<Result<LoweredDoc, Diagnostic>>, walk: Vec<Diagnostic>) -> Front {
    let mut read_diagnostics = walk;
    let mut lowered = Vec::with_capacity(docs.len());
    for doc in docs {
        match doc {
            Ok(l) => lowered.push(l),
            Err(d) => read_diagnostics.push(d),
        }
    }
    Front { dialect, docs: lowered.len(), lowered: stages::gather(lowered), read_diagnostics }
}
