//! Struct fields: matched by wire name, then by Rust name (a key renamed on the
//! wire), and compared one fact at a time.
//!
//! A matched field is walked from its old form to its new one, one fact a step
//! (required, nullable, type, wire name, Rust name, then docs and the rest); each
//! step is classed by how the emitter's [`FieldFacts`] differ before and after it.
//! A new fact of the IR gets a step of its own here and, if the emitter shows it,
//! a fact there; until then the last step carries it, classed by its effect.

use std::collections::{BTreeMap, BTreeSet};

use super::{Class, Kind, Sides};
use crate::emit::{self, FieldFacts};
use crate::ir::{Field, Model, Omitted, Rest};

pub(super) fn compare(sides: &mut Sides<'_>, model: &Model, old: &[Field], new: &[Field]) {
    let pairs = pair(old, new);
    let paired_old: BTreeSet<usize> = pairs.iter().map(|&(i, _)| i).collect();
    let paired_new: BTreeSet<usize> = pairs.iter().map(|&(_, j)| j).collect();
    for (_, f) in old.iter().enumerate().filter(|(i, _)| !paired_old.contains(i)) {
        removed(sides, model, f);
    }
    for &(i, j) in &pairs {
        Walk { sides: &mut *sides, model, old: &old[i], new: &new[j] }.run();
    }
    for (_, f) in new.iter().enumerate().filter(|(j, _)| !paired_new.contains(j)) {
        added(sides, model, f);
    }
    constructor_order(sides, model, old, new, &pairs);
}

/// `(old index, new index)` of the fields that are one field: the same wire
/// name, or else the same Rust name.
fn pair(old: &[Field], new: &[Field]) -> Vec<(usize, usize)> {
    let by_wire: BTreeMap<&str, usize> = new.iter().enumerate().map(|(j, f)| (f.wire_name.as_str(), j)).collect();
    let mut pairs: Vec<(usize, usize)> =
        old.iter().enumerate().filter_map(|(i, f)| by_wire.get(f.wire_name.as_str()).map(|&j| (i, j))).collect();
    let taken_old: BTreeSet<usize> = pairs.iter().map(|&(i, _)| i).collect();
    let taken_new: BTreeSet<usize> = pairs.iter().map(|&(_, j)| j).collect();
    let by_rust: BTreeMap<&str, usize> = new
        .iter()
        .enumerate()
        .filter(|(j, _)| !taken_new.contains(j))
        .map(|(j, f)| (f.rust_name.as_str(), j))
        .collect();
    for (i, f) in old.iter().enumerate().filter(|(i, _)| !taken_old.contains(i)) {
        if let Some(&j) = by_rust.get(f.rust_name.as_str()) {
            pairs.push((i, j));
        }
    }
    pairs.sort_by_key(|&(_, j)| j);
    pairs
}

fn removed(sides: &mut Sides<'_>, model: &Model, f: &Field) {
    let facts = emit::field_facts(f);
    let mut why = vec!["code that reads or sets it no longer compiles"];
    if facts.in_new {
        why.push("`new` loses a parameter");
    }
    sides.push(Class::Breaking, Kind::FieldRemoved, model, Some(&f.rust_name), tick(&facts.rust_type), &why.join("; "));
}

fn added(sides: &mut Sides<'_>, model: &Model, f: &Field) {
    let facts = emit::field_facts(f);
    let mut breaking = Vec::new();
    if facts.in_new {
        breaking.push("`new` gains a parameter");
    }
    if !facts.may_be_absent {
        breaking.push("JSON without the key no longer reads");
    }
    if !emit::non_exhaustive(&model.kind) {
        breaking.push("struct literals must name it");
    }
    let (class, why) = match breaking.is_empty() {
        true => (Class::Compatible, "the struct is `#[non_exhaustive]` and `new` leaves the field `None`".to_string()),
        false => (Class::Breaking, breaking.join("; ")),
    };
    sides.push(class, Kind::FieldAdded, model, Some(&f.rust_name), tick(&facts.rust_type), &why);
}

/// One matched field, from its old form to its new one.
struct Walk<'s, 'a> {
    sides: &'s mut Sides<'a>,
    model: &'s Model,
    old: &'s Field,
    new: &'s Field,
}

impl Walk<'_, '_> {
    fn run(self) {
        let Walk { sides, model, old, new } = self;
        let mut at = old.clone();
        let mut step = |kind: Kind, change: &dyn Fn(&mut Field), what: String| {
            let mut next = at.clone();
            change(&mut next);
            if next == at {
                return;
            }
            let (before, after) = (emit::field_facts(&at), emit::field_facts(&next));
            let (class, why, effects) = classify(&before, &after, kind);
            let detail = [what, effects].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("; ");
            sides.push(class, kind, model, Some(&new.rust_name), detail, &why);
            at = next;
        };
        let required = if new.required { Kind::FieldMadeRequired } else { Kind::FieldMadeOptional };
        // Where the dialect says nothing about `null` on one side only because the
        // field is optional there (Ruby, PHP), its nullability changes with its
        // requiredness and is part of that change, not one of its own.
        if old.required != new.required && (old.nullable.is_none() || new.nullable.is_none()) {
            let presence = |f: &mut Field| (f.required, f.nullable) = (new.required, new.nullable);
            let what = format!("nullable: {} -> {}", nullability(old.nullable), nullability(new.nullable));
            step(required, &presence, what);
        } else {
            step(required, &|f: &mut Field| f.required = new.required, String::new());
            let nullable = match new.nullable {
                Some(true) => Kind::FieldMadeNullable,
                Some(false) => Kind::FieldMadeNonNullable,
                None => Kind::FieldNullabilityUnstated,
            };
            step(nullable, &|f: &mut Field| f.nullable = new.nullable, String::new());
        }
        let types = ir_types(old, new);
        step(Kind::FieldRetyped, &|f: &mut Field| (f.ty, f.boxed) = (new.ty.clone(), new.boxed), types);
        let wire = format!("`{}` -> `{}`", old.wire_name, new.wire_name);
        step(Kind::FieldRenamedOnWire, &|f: &mut Field| f.wire_name.clone_from(&new.wire_name), wire);
        let rust = format!("`{}` -> `{}`", old.rust_name, new.rust_name);
        step(Kind::FieldRenamedInRust, &|f: &mut Field| f.rust_name.clone_from(&new.rust_name), rust);
        // The rest: docs, example, deprecation, and whether the key was inferred
        // from a printed name (which shows nowhere in the code; the key itself
        // was the wire-name step). The source position stays the old one, and so
        // does where merged facts came from: another tree now giving the same
        // fact changes nothing in the API.
        let deprecation = match (&old.deprecated, &new.deprecated) {
            (None, Some(note)) => format!("now deprecated: {note}"),
            (Some(_), None) => "no longer deprecated".to_string(),
            _ => "deprecation note changed".to_string(),
        };
        step(Kind::Deprecation, &|f: &mut Field| f.deprecated.clone_from(&new.deprecated), deprecation);
        let docs = |f: &mut Field| *f = Field { source: f.source.clone(), from: f.from.clone(), ..new.clone() };
        let mut notes = Vec::new();
        if old.wire_name_inferred != new.wire_name_inferred {
            notes.push(if new.wire_name_inferred { "key now inferred from the printed name" } else { "key now printed" });
        }
        let what = notes.join("; ");
        step(Kind::FieldDocs, &docs, what);
    }
}

fn nullability(nullable: Option<bool>) -> &'static str {
    match nullable {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not stated",
    }
}

/// The IR types of a re-typed field where the Rust type does not show the change.
fn ir_types(old: &Field, new: &Field) -> String {
    let (a, b) = (emit::rust_type(&old.ty), emit::rust_type(&new.ty));
    if old.ty != new.ty && a == b {
        format!("docs type {:?} -> {:?}, both `{a}`", old.ty, new.ty)
    } else {
        String::new()
    }
}

/// The class of one step from `before` to `after`, why (in general words), and
/// what it does to this field (in particular ones).
fn classify(before: &FieldFacts, after: &FieldFacts, kind: Kind) -> (Class, String, String) {
    let mut breaking = Vec::new();
    let mut compatible = Vec::new();
    let mut effects = Vec::new();
    if before.rust_type != after.rust_type {
        breaking.push("the field's Rust type changes");
        effects.push(format!("`{}` -> `{}`", before.rust_type, after.rust_type));
    }
    if before.rust_name != after.rust_name {
        breaking.push("code that names the field no longer compiles");
    }
    if before.in_new != after.in_new {
        breaking.push(if after.in_new { "`new` gains a parameter" } else { "`new` loses a parameter" });
    }
    if before.wire_name != after.wire_name {
        breaking.push("the crate reads and writes another JSON key");
    }
    match (before.may_be_absent, after.may_be_absent) {
        (true, false) => breaking.push("JSON without the key no longer reads"),
        (false, true) => compatible.push("JSON without the key reads too"),
        _ => {}
    }
    match (before.skips_none, after.skips_none) {
        (false, true) => compatible.push("`None` is left out of the JSON instead of written as `null`"),
        (true, false) => compatible.push("`None` is written as `null` instead of left out"),
        _ => {}
    }
    if !before.deprecated && after.deprecated {
        compatible.push(super::DEPRECATED);
    }
    let effects = effects.join("; ");
    if !breaking.is_empty() {
        return (Class::Breaking, breaking.join("; "), effects);
    }
    if !compatible.is_empty() {
        return (Class::Compatible, compatible.join("; "), effects);
    }
    let why = match kind {
        Kind::FieldDocs => "only doc comments change".to_string(),
        Kind::Deprecation => "only the deprecation warning changes".to_string(),
        _ => format!("the generated field stays `{}`", after.rust_type),
    };
    (Class::Cosmetic, why, effects)
}

/// A reordering of the fields that are parameters of `new` in both versions:
/// calls keep compiling where the types agree, with the arguments swapped.
fn constructor_order(sides: &mut Sides<'_>, model: &Model, old: &[Field], new: &[Field], pairs: &[(usize, usize)]) {
    // The new index of each field that is a parameter before and after.
    let mut both: Vec<(usize, usize)> = pairs
        .iter()
        .copied()
        .filter(|&(i, j)| emit::field_facts(&old[i]).in_new && emit::field_facts(&new[j]).in_new)
        .collect();
    let new_order: Vec<usize> = both.iter().map(|&(_, j)| j).collect();
    both.sort_unstable();
    let old_order: Vec<usize> = both.iter().map(|&(_, j)| j).collect();
    if old_order != new_order {
        let names = |order: &[usize]| order.iter().map(|&j| new[j].rust_name.as_str()).collect::<Vec<_>>().join(", ");
        let detail = format!("new({}) -> new({})", names(&old_order), names(&new_order));
        let why = "calls keep compiling where the types agree, with their arguments in the wrong fields";
        sides.push(Class::Breaking, Kind::ConstructorOrder, model, None, detail, why);
    }
}

/// The fields of the source SDK that are left out show in the struct's docs only.
pub(super) fn omitted(sides: &mut Sides<'_>, model: &Model, old: &[Omitted], new: &[Omitted]) {
    if old != new {
        let names = |o: &[Omitted]| o.iter().map(|o| o.wire_name.as_str()).collect::<Vec<_>>().join(", ");
        let detail = format!("[{}] -> [{}]", names(old), names(new));
        sides.push(Class::Cosmetic, Kind::OmittedFields, model, None, detail, "only doc comments change");
    }
}

/// The field for undocumented keys: a new one is a new field of a
/// `#[non_exhaustive]` struct; one gone, renamed or retyped breaks its users.
pub(super) fn rest(sides: &mut Sides<'_>, model: &Model, old: Option<&Rest>, new: Option<&Rest>) {
    let facts = |r: Option<&Rest>| r.map(|r| (r.rust_name.clone(), crate::emit::rust_type(&r.value)));
    let (before, after) = (facts(old), facts(new));
    if before == after {
        return;
    }
    let show = |f: &Option<(String, String)>| f.as_ref().map_or("none".to_string(), |(name, ty)| format!("`{name}` of {ty}"));
    let detail = format!("{} -> {}", show(&before), show(&after));
    let (class, why) = match before {
        None => (Class::Compatible, "a new field of a `#[non_exhaustive]` struct"),
        Some(_) => (Class::Breaking, "code that names the field or its type no longer compiles"),
    };
    sides.push(class, Kind::UnknownKeys, model, None, detail, why);
}

fn tick(text: &str) -> String {
    format!("`{text}`")
}
