//! The SDK's sources refine the docs' drafts, field by field: each field's
//! JSON key, and what the dialect cannot state (whether `null` is a value,
//! integer or float, whether an enum's values are strings or numbers).
//!
//! The sources never replace the docs: a model or field that only the sources
//! have is counted, not added, and a fact the docs state stands. A doc is paired
//! with the source model of its title's name (the generators name both after
//! the schema); where several share the name (one per module), the one sharing
//! most field names and then the doc's folder wins. A field is paired by the
//! name the docs print, which is the SDK's own.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use super::discover::Sources;
use super::{Number, SourceBody, SourceField, SourceModel, SourceValue, Wire};
use crate::diag::Loc;
use crate::dialect::{Blind, Stated, TypeExpr};
use crate::ir::{Fact, Provenance};
use crate::lower::{Body, Draft, DraftField, DraftValue};

/// What the sources gave, for the run's summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refined {
    /// Docs paired with a source model.
    pub paired: usize,
    /// Struct and enum docs with no source model of their name.
    pub unpaired: Vec<String>,
    /// Fields whose key the sources state (every paired field).
    pub keys: usize,
    /// Of those, keys that differ from the one the dialect's rule infers.
    pub renamed: usize,
    /// Fields of paired docs that the sources do not declare: no JSON key
    /// ([`Fact::NoKey`]).
    pub fields_unpaired: usize,
    /// Other facts taken, by kind.
    pub facts: BTreeMap<Fact, usize>,
    /// Source models no doc is paired with, and source fields of paired models
    /// that the docs do not list: reported, not added.
    pub only_models: usize,
    pub only_fields: usize,
    /// Where each field whose key the sources state is (W0007 no longer holds).
    pub stated: Vec<Loc>,
}

/// What a refinement may change.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    /// Keys are taken (not when `--wire-case` names the case for the tree).
    pub keys: bool,
    pub blind: Blind,
}

/// Refines every draft from `sources`; `overridden(title, printed)` tells the
/// fields whose key `--wire-name` sets, which keep it.
pub fn refine(drafts: &mut [Draft], sources: &Sources, scope: Scope, overridden: &(dyn Fn(&str, &str) -> bool + Sync)) -> Refined {
    let index = Index::new(&sources.models);
    let tree = sources.root.display().to_string();
    let outcomes: Vec<Outcome> = drafts
        .par_iter_mut()
        .map(|draft| {
            let Some(model) = index.pair(draft) else {
                return Outcome { unpaired: draft_kind_known(draft).then(|| draft.title.clone()), ..Outcome::default() };
            };
            let mut outcome = Outcome { paired: Some(model.name.clone()), ..Outcome::default() };
            let site = Site { tree: &tree, scope, overridden };
            match (&mut draft.body, &model.body) {
                (Body::Struct(fields), SourceBody::Struct(source)) => {
                    refine_fields(&draft.title, fields, &model.loc, source, &site, &mut outcome);
                }
                (Body::Enum(values), SourceBody::Enum(source)) => {
                    if let Some(p) = refine_values(values, source, &site) {
                        draft.from.push(p);
                        *outcome.facts.entry(Fact::Type).or_default() += 1;
                    }
                }
                _ => {}
            }
            outcome
        })
        .collect();
    let mut refined = Refined::default();
    let mut paired_models: HashMap<String, usize> = HashMap::new();
    for o in outcomes {
        match o.paired {
            Some(name) => {
                refined.paired += 1;
                *paired_models.entry(name).or_default() += 1;
            }
            None => refined.unpaired.extend(o.unpaired),
        }
        refined.keys += o.keys;
        refined.renamed += o.renamed;
        refined.fields_unpaired += o.fields_unpaired;
        refined.only_fields += o.only_fields;
        refined.stated.extend(o.stated);
        o.facts.into_iter().for_each(|(f, n)| *refined.facts.entry(f).or_default() += n);
    }
    refined.only_models = sources.models.iter().filter(|m| !paired_models.contains_key(&m.name)).count();
    refined
}

/// Whether a draft is of a kind the sources declare (a struct or an enum).
fn draft_kind_known(draft: &Draft) -> bool {
    matches!(draft.body, Body::Struct(_) | Body::Enum(_))
}

#[derive(Default)]
struct Outcome {
    paired: Option<String>,
    unpaired: Option<String>,
    keys: usize,
    renamed: usize,
    fields_unpaired: usize,
    only_fields: usize,
    facts: BTreeMap<Fact, usize>,
    stated: Vec<Loc>,
}

struct Site<'a> {
    tree: &'a str,
    scope: Scope,
    overridden: &'a (dyn Fn(&str, &str) -> bool + Sync),
}

impl Site<'_> {
    fn provenance(&self, fact: Fact, source: &Loc) -> Provenance {
        Provenance { fact, tree: self.tree.to_string(), source: source.clone() }
    }
}

/// The source models by name, exact and loose (case and punctuation aside).
struct Index<'a> {
    exact: HashMap<&'a str, Vec<&'a SourceModel>>,
    loose: HashMap<String, Vec<&'a SourceModel>>,
}

impl<'a> Index<'a> {
    fn new(models: &'a [SourceModel]) -> Self {
        let mut index = Index { exact: HashMap::new(), loose: HashMap::new() };
        for m in models {
            index.exact.entry(m.name.as_str()).or_default().push(m);
            index.loose.entry(loose(&m.name)).or_default().push(m);
        }
        index
    }

    /// The source model a draft describes, if any is of its kind and shares a
    /// field with it (a struct) or a value (an enum).
    fn pair(&self, draft: &Draft) -> Option<&'a SourceModel> {
        let candidates = match self.exact.get(draft.title.as_str()) {
            Some(c) => c,
            None => self.loose.get(&loose(&draft.title))?,
        };
        candidates
            .iter()
            .map(|m| (score(draft, m), *m))
            .filter(|((shared, _), m)| *shared > 0 || (keyless(m) && matches!(draft.body, Body::Struct(_))))
            .max_by_key(|(score, _)| *score)
            .map(|(_, m)| m)
    }
}

/// A model the SDK declares with no JSON key (a request or response wrapper).
fn keyless(model: &SourceModel) -> bool {
    matches!(&model.body, SourceBody::Struct(fields) if fields.is_empty())
}

/// How well a source model fits a draft: values or fields shared, then
/// whether its path names the doc's folder (`shared`, `operations`).
fn score(draft: &Draft, model: &SourceModel) -> (usize, bool) {
    let shared = match (&draft.body, &model.body) {
        (Body::Struct(fields), SourceBody::Struct(source)) => {
            // Most printed names are declared as they are: found by hash, and
            // only the others compared loosely with every declared name.
            let exact: HashSet<&str> = source.iter().map(|s| s.name.as_str()).collect();
            let declared = |f: &&DraftField| {
                exact.contains(f.printed_name.as_str()) || source.iter().any(|s| same_name(&f.printed_name, &s.name))
            };
            fields.iter().filter(declared).count()
        }
        (Body::Enum(values), SourceBody::Enum(source)) => {
            // Hashed: an enum of countries or currencies has hundreds of values.
            let declared: HashSet<&str> = source.iter().map(|s| wire_text(&s.wire)).collect();
            values.iter().filter(|v| declared.contains(v.wire.as_str())).count()
        }
        // An enum or struct with no rows still pairs by name alone.
        (Body::Empty, SourceBody::Struct(_)) => 1,
        _ => 0,
    };
    let folder = draft.folder.rsplit('/').next().unwrap_or_default().to_ascii_lowercase();
    let in_folder = !folder.is_empty() && model.loc.file.to_ascii_lowercase().split('/').any(|c| c == folder);
    (shared, in_folder)
}

fn refine_fields(title: &str, fields: &mut [DraftField], model_loc: &Loc, source: &[SourceField], site: &Site<'_>, out: &mut Outcome) {
    let mut used = vec![false; source.len()];
    for f in fields.iter_mut().filter(|f| !f.rest_holder) {
        let found = source.iter().position(|s| s.name == f.printed_name).or_else(|| source.iter().position(|s| same_name(&f.printed_name, &s.name)));
        let Some(i) = found else {
            // The SDK serializes its models from these declarations: a field
            // they lack is no JSON key (a response's status, a request's body).
            out.fields_unpaired += 1;
            if site.scope.keys {
                f.from.push(site.provenance(Fact::NoKey, model_loc));
            }
            continue;
        };
        used[i] = true;
        let s = &source[i];
        if site.scope.keys && !(site.overridden)(title, &f.printed_name) {
            out.keys += 1;
            out.renamed += usize::from(s.key != f.wire_name);
            f.wire_name.clone_from(&s.key);
            f.wire_name_inferred = false;
            f.from.push(site.provenance(Fact::WireName, &s.loc));
            out.stated.push(f.loc.clone());
        }
        if let Some(fact) = refine_nullable(f, s, site.scope.blind) {
            f.from.push(site.provenance(fact, &s.loc));
            *out.facts.entry(fact).or_default() += 1;
        }
        if let Some(kind) = s.number {
            if set_number(&mut f.ty, kind) {
                f.from.push(site.provenance(Fact::Type, &s.loc));
                *out.facts.entry(Fact::Type).or_default() += 1;
            }
        }
    }
    out.only_fields += used.iter().filter(|u| !**u).count();
}

/// Takes the sources' word on `null` where the docs' dialect cannot state it
/// for this field; the docs' word stands where they state it.
fn refine_nullable(f: &mut DraftField, s: &SourceField, blind: Blind) -> Option<Fact> {
    let stated = s.nullable?;
    let docs_can_state = match blind.nullability {
        Stated::Always => true,
        Stated::Required => f.required,
        Stated::Never => false,
    };
    if f.nullable == Some(stated) || (docs_can_state && f.nullable.is_some()) {
        return None;
    }
    f.nullable = Some(stated);
    Some(Fact::Nullable)
}

/// Makes the dialect's number that is neither integer nor float the one the
/// sources say, and any number the sources send quoted a string, through
/// containers; whether anything changed.
fn set_number(ty: &mut TypeExpr, kind: Number) -> bool {
    match (&*ty, kind) {
        // A number sent as a string is one wherever the docs print a number.
        (TypeExpr::Number | TypeExpr::Integer | TypeExpr::Float, Number::Quoted) => {
            *ty = TypeExpr::String;
            true
        }
        (TypeExpr::Number, Number::Integer) => {
            *ty = TypeExpr::Integer;
            true
        }
        (TypeExpr::Number, Number::Float) => {
            *ty = TypeExpr::Float;
            true
        }
        _ => set_number_inside(ty, kind),
    }
}

fn set_number_inside(ty: &mut TypeExpr, kind: Number) -> bool {
    match ty {
        TypeExpr::Nullable(inner) | TypeExpr::Optional(inner) | TypeExpr::Array(inner) | TypeExpr::Map(inner) => set_number(inner, kind),
        _ => false,
    }
}

/// Makes an enum's values strings or numbers as the sources send them, when
/// the docs print them alike (a table cannot quote `1`); the provenance of the
/// change, if any.
fn refine_values(values: &mut [DraftValue], source: &[SourceValue], site: &Site<'_>) -> Option<Provenance> {
    let first = source.first()?;
    let strings = source.iter().all(|v| matches!(v.wire, Wire::String(_)));
    let numbers = source.iter().all(|v| matches!(v.wire, Wire::Number(_)));
    let mut changed = false;
    for v in values.iter_mut() {
        let to_number = numbers && !v.number && crate::lower::json_number(&v.wire).is_some();
        if (strings && v.number) || to_number {
            v.number = !v.number;
            changed = true;
        }
        // The sources quote, or do not quote, the numbers the docs' table could not.
        if numbers && v.number && v.unquoted {
            v.unquoted = false;
            changed = true;
        }
    }
    changed.then(|| site.provenance(Fact::Type, &first.loc))
}

fn wire_text(wire: &Wire) -> &str {
    match wire {
        Wire::String(s) | Wire::Number(s) => s,
    }
}

/// Names alike once case, `_`, `-` and a leading `$` (PHP) are set aside.
fn same_name(printed: &str, declared: &str) -> bool {
    // Compared char by char, with no copy: `score` compares every pair of fields.
    fn letters(name: &str) -> impl Iterator<Item = char> + '_ {
        name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase())
    }
    letters(printed).eq(letters(declared))
}

fn loose(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::dialect::python::Python;
    use crate::dialect::typescript::TypeScript;
    use crate::dialect::Dialect;
    use crate::read::{parse, SourceFile};

    fn draft(text: &str, dialect: &dyn Dialect) -> Draft {
        let doc = parse(SourceFile::new("models/x.md", text));
        crate::lower::lower(&doc, dialect, &mut Vec::new(), &mut Vec::new()).expect("a draft")
    }

    fn at(line: u32) -> Loc {
        Loc { file: Arc::from("src/models/x.py"), line, col: 5 }
    }

    fn sources(models: Vec<SourceModel>) -> Sources {
        Sources { root: PathBuf::from("sdk"), language: &super::super::python::Python, models, files: 1, warnings: Vec::new() }
    }

    fn run(drafts: &mut [Draft], sources: &Sources, blind: Blind) -> Refined {
        refine(drafts, sources, Scope { keys: true, blind }, &|_, _| false)
    }

    const TS_DOC: &str = "# Page\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n\
        | `totalCount` | *number* | :heavy_check_mark: | All. |\n| `ratio` | *number* | :heavy_minus_sign: | Share. |\n";

    #[test]
    fn keys_null_and_numbers_where_the_dialect_cannot_state_them() {
        let mut drafts = vec![draft(TS_DOC, &TypeScript)];
        let field = |name: &str, key: &str, nullable, number| SourceField { name: name.into(), key: key.into(), nullable, number, loc: at(3) };
        let model = SourceModel {
            name: "Page".into(),
            loc: at(1),
            body: SourceBody::Struct(vec![field("totalCount", "totalCount", Some(true), Some(Number::Quoted)), field("ratio", "ratio", Some(false), Some(Number::Float))]),
        };
        let refined = run(&mut drafts, &sources(vec![model]), TypeScript.blind());
        let Body::Struct(fields) = &drafts[0].body else { panic!("not a struct") };
        assert_eq!((fields[0].wire_name.as_str(), fields[0].nullable, &fields[0].ty), ("totalCount", Some(true), &TypeExpr::String));
        assert_eq!((fields[1].wire_name.as_str(), fields[1].nullable, &fields[1].ty), ("ratio", Some(false), &TypeExpr::Float));
        assert_eq!((refined.paired, refined.keys, refined.renamed), (1, 2, 1));
        assert!(fields[0].from.iter().all(|p| p.tree == "sdk" && p.source == at(3)));
    }

    #[test]
    fn the_docs_word_on_null_stands_where_their_dialect_states_it() {
        let doc = "# Page\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n| `size` | *int* | :heavy_check_mark: | N. |\n";
        let mut drafts = vec![draft(doc, &Python)];
        let size = SourceField { name: "size".into(), key: "size".into(), nullable: Some(true), number: None, loc: at(2) };
        let model = SourceModel { name: "Page".into(), loc: at(1), body: SourceBody::Struct(vec![size]) };
        let refined = run(&mut drafts, &sources(vec![model]), Python.blind());
        let Body::Struct(fields) = &drafts[0].body else { panic!("not a struct") };
        assert_eq!(fields[0].nullable, Some(false), "Python's docs state it");
        assert!(refined.facts.is_empty());
    }

    #[test]
    fn enum_values_take_the_kind_the_sources_send() {
        let doc = "# HookType\n\n## Values\n\n| Name | Value |\n|-|-|\n| `ONE` | 1 |\n| `TWO` | 2 |\n";
        let value = |name: &str, wire: &str| SourceValue { name: name.into(), wire: Wire::String(wire.into()), loc: at(2) };
        let model = SourceModel { name: "HookType".into(), loc: at(1), body: SourceBody::Enum(vec![value("ONE", "1"), value("TWO", "2")]) };
        let mut drafts = vec![draft(doc, &Python)];
        run(&mut drafts, &sources(vec![model]), Python.blind());
        let Body::Enum(values) = &drafts[0].body else { panic!("not an enum") };
        assert!(values.iter().all(|v| !v.number), "strings, as the SDK sends them");
        assert_eq!(drafts[0].from.len(), 1);
        // Without sources the table's numbers are of either kind.
        let alone = draft(doc, &Python);
        let Body::Enum(values) = &alone.body else { panic!("not an enum") };
        assert!(values.iter().all(|v| v.number && v.unquoted));
    }

    #[test]
    fn a_model_of_no_key_marks_its_rows_and_an_unrelated_class_pairs_nothing() {
        let mut drafts = vec![draft(TS_DOC, &TypeScript)];
        let wrapper = SourceModel { name: "Page".into(), loc: at(1), body: SourceBody::Struct(Vec::new()) };
        run(&mut drafts, &sources(vec![wrapper]), TypeScript.blind());
        let Body::Struct(fields) = &drafts[0].body else { panic!("not a struct") };
        assert!(fields.iter().all(|f| f.from.iter().any(|p| p.fact == Fact::NoKey)));
        let mut drafts = vec![draft(TS_DOC, &TypeScript)];
        let other = SourceField { name: "cursor".into(), key: "cursor".into(), nullable: None, number: None, loc: at(2) };
        let unrelated = SourceModel { name: "Page".into(), loc: at(1), body: SourceBody::Struct(vec![other]) };
        let refined = run(&mut drafts, &sources(vec![unrelated]), TypeScript.blind());
        assert_eq!((refined.paired, refined.unpaired.len()), (0, 1), "no field shared: not the doc's class");
    }
}
