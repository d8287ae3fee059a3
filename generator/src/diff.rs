//! What changed in the API between two generations, and whether it breaks code
//! that uses the generated crate.
//!
//! [`diff`] compares two [`Ir`]s model by model: models by id, struct fields by
//! wire name (then by Rust name, which finds a key renamed on the wire), enum
//! values by wire string, union variants by name. Each change is classed by what
//! the generated code does with it, never by a table of its own: a field change
//! is applied to the old field one fact at a time, and each step is classed by how
//! [`emit::field_facts`] (the emitter's own view of the field) differ before and
//! after it; additions are compatible only where [`emit::non_exhaustive`] says the
//! type is `#[non_exhaustive]`. So when the emitter changes, the classes follow.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::emit;
use crate::ir::{Ir, Model, ModelKind};

mod enums;
mod fields;
mod render;
#[cfg(test)]
mod tests;

pub use render::Format;

/// How a change affects Rust code that uses the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Only doc comments change (or nothing that the generated code shows).
    Cosmetic,
    /// Code keeps compiling, and JSON that read before still reads.
    Compatible,
    /// Code may stop compiling, or JSON that read before may not read any more.
    Breaking,
}

impl Class {
    pub fn name(self) -> &'static str {
        match self {
            Class::Cosmetic => "cosmetic",
            Class::Compatible => "compatible",
            Class::Breaking => "breaking",
        }
    }
}

/// The semver bump a set of changes implies for the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    ModelAdded,
    ModelRemoved,
    ModelKindChanged,
    ModelDocs,
    /// A name at the crate root now stands for a model of another module.
    RootExport,
    FieldAdded,
    FieldRemoved,
    FieldRenamedOnWire,
    FieldRenamedInRust,
    FieldRetyped,
    FieldMadeRequired,
    FieldMadeOptional,
    FieldMadeNullable,
    FieldMadeNonNullable,
    /// The dialect no longer says whether `null` is a value (Ruby on optional fields).
    FieldNullabilityUnstated,
    FieldDocs,
    /// A model, field or enum value became deprecated, or stopped being, or
    /// its note changed.
    Deprecation,
    ConstructorOrder,
    OmittedFields,
    /// The field for the keys the docs do not list came, went or changed.
    UnknownKeys,
    EnumValueAdded,
    EnumValueRemoved,
    EnumValueRenamedOnWire,
    EnumVariantRenamed,
    EnumValuesReordered,
    CatchAllRenamed,
    UnionWidened,
    UnionNarrowed,
    UnionVariantRetyped,
    UnionVariantsReordered,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::ModelAdded => "model added",
            Kind::ModelRemoved => "model removed",
            Kind::ModelKindChanged => "model changed kind",
            Kind::ModelDocs => "model docs changed",
            Kind::RootExport => "crate-root name moved",
            Kind::FieldAdded => "field added",
            Kind::FieldRemoved => "field removed",
            Kind::FieldRenamedOnWire => "field renamed on the wire",
            Kind::FieldRenamedInRust => "field renamed in Rust",
            Kind::FieldRetyped => "field re-typed",
            Kind::FieldMadeRequired => "field made required",
            Kind::FieldMadeOptional => "field made optional",
            Kind::FieldMadeNullable => "field made nullable",
            Kind::FieldMadeNonNullable => "field made non-nullable",
            Kind::FieldNullabilityUnstated => "field nullability no longer stated",
            Kind::FieldDocs => "field docs changed",
            Kind::Deprecation => "deprecation changed",
            Kind::ConstructorOrder => "`new` parameters reordered",
            Kind::OmittedFields => "left-out SDK fields changed",
            Kind::UnknownKeys => "unknown-keys field changed",
            Kind::EnumValueAdded => "enum value added",
            Kind::EnumValueRemoved => "enum value removed",
            Kind::EnumValueRenamedOnWire => "enum value renamed on the wire",
            Kind::EnumVariantRenamed => "enum variant renamed",
            Kind::EnumValuesReordered => "enum values reordered",
            Kind::CatchAllRenamed => "catch-all variant renamed",
            Kind::UnionWidened => "union widened",
            Kind::UnionNarrowed => "union narrowed",
            Kind::UnionVariantRetyped => "union variant re-typed",
            Kind::UnionVariantsReordered => "union variants reordered",
        }
    }
}

/// One change, with its class and the reason for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub class: Class,
    pub kind: Kind,
    /// The model's id (`module::RustName`).
    pub model: String,
    /// The field (Rust name), enum value (wire string) or union variant concerned.
    pub item: Option<String>,
    /// What exactly changed (`` `i64` -> `Option<i64>` ``); may be empty.
    pub detail: String,
    /// Why the change has its class, in words that do not name the item, so that
    /// changes with one reason can be listed under it.
    pub why: String,
}

impl Change {
    /// `module::Model` or `module::Model.item`.
    pub fn target(&self) -> String {
        match &self.item {
            Some(item) => format!("{}.{item}", self.model),
            None => self.model.clone(),
        }
    }
}

/// Every change between two IRs, most severe first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub changes: Vec<Change>,
}

/// The numbers a report gives in its summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub models_added: usize,
    pub models_removed: usize,
    /// Models in both IRs with at least one change, of any class.
    pub models_changed: usize,
    pub fields_added: usize,
    pub fields_removed: usize,
    pub fields_retyped: usize,
    pub fields_renamed_on_wire: usize,
    pub fields_made_required: usize,
    pub fields_made_optional: usize,
    pub fields_made_nullable: usize,
    pub fields_made_non_nullable: usize,
    pub fields_nullability_unstated: usize,
    pub enum_values_added: usize,
    pub enum_values_removed: usize,
    pub unions_widened: usize,
    pub unions_narrowed: usize,
    pub breaking: usize,
    pub compatible: usize,
    pub cosmetic: usize,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The most severe class of any change.
    pub fn worst(&self) -> Option<Class> {
        self.changes.iter().map(|c| c.class).max()
    }

    pub fn bump(&self) -> Bump {
        match self.worst() {
            None => Bump::None,
            Some(Class::Cosmetic) => Bump::Patch,
            Some(Class::Compatible) => Bump::Minor,
            Some(Class::Breaking) => Bump::Major,
        }
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }

    pub fn counts(&self) -> Counts {
        let class = |k: Class| self.changes.iter().filter(|c| c.class == k).count();
        let new_or_gone: BTreeSet<&str> = self
            .changes
            .iter()
            .filter(|c| matches!(c.kind, Kind::ModelAdded | Kind::ModelRemoved))
            .map(|c| c.model.as_str())
            .collect();
        let changed: BTreeSet<&str> =
            self.changes.iter().map(|c| c.model.as_str()).filter(|m| !new_or_gone.contains(m)).collect();
        Counts {
            models_added: self.count(Kind::ModelAdded),
            models_removed: self.count(Kind::ModelRemoved),
            models_changed: changed.len(),
            fields_added: self.count(Kind::FieldAdded),
            fields_removed: self.count(Kind::FieldRemoved),
            fields_retyped: self.count(Kind::FieldRetyped),
            fields_renamed_on_wire: self.count(Kind::FieldRenamedOnWire),
            fields_made_required: self.count(Kind::FieldMadeRequired),
            fields_made_optional: self.count(Kind::FieldMadeOptional),
            fields_made_nullable: self.count(Kind::FieldMadeNullable),
            fields_made_non_nullable: self.count(Kind::FieldMadeNonNullable),
            fields_nullability_unstated: self.count(Kind::FieldNullabilityUnstated),
            enum_values_added: self.count(Kind::EnumValueAdded),
            enum_values_removed: self.count(Kind::EnumValueRemoved),
            unions_widened: self.count(Kind::UnionWidened),
            unions_narrowed: self.count(Kind::UnionNarrowed),
            breaking: class(Class::Breaking),
            compatible: class(Class::Compatible),
            cosmetic: class(Class::Cosmetic),
        }
    }

    /// Whether any change is at least as severe as `class` (for `--fail-on`).
    pub fn has(&self, class: Class) -> bool {
        self.worst().is_some_and(|w| w >= class)
    }

    /// The report as text, markdown or JSON; `old` and `new` name the two sides.
    pub fn render(&self, format: Format, old: &str, new: &str) -> String {
        render::render(self, format, old, new)
    }
}

/// The two sides of a comparison, for the comparisons of one model.
pub(crate) struct Sides<'a> {
    pub old: &'a Ir,
    pub new: &'a Ir,
    pub changes: Vec<Change>,
}

impl Sides<'_> {
    pub fn push(&mut self, class: Class, kind: Kind, model: &Model, item: Option<&str>, detail: String, why: &str) {
        self.changes.push(Change {
            class,
            kind,
            model: model.id.to_string(),
            item: item.map(str::to_string),
            detail,
            why: why.to_string(),
        });
    }
}

/// Every change from `old` to `new`, most severe first, then by model and item.
pub fn diff(old: &Ir, new: &Ir) -> Report {
    let mut sides = Sides { old, new, changes: Vec::new() };
    for m in &old.models {
        match new.model(&m.id) {
            Some(n) => model(&mut sides, m, n),
            None => sides.push(
                Class::Breaking,
                Kind::ModelRemoved,
                m,
                None,
                String::new(),
                "code that names it no longer compiles",
            ),
        }
    }
    for n in new.models.iter().filter(|n| old.model(&n.id).is_none()) {
        let why = "a new type: no code uses it yet";
        sides.push(Class::Compatible, Kind::ModelAdded, n, None, shape(n), why);
    }
    root_exports(&mut sides);
    let mut changes = sides.changes;
    // Stable: the changes of one model keep the order in which they were found.
    changes.sort_by(|a, b| b.class.cmp(&a.class).then_with(|| a.model.cmp(&b.model)));
    Report { changes }
}

fn model(sides: &mut Sides<'_>, old: &Model, new: &Model) {
    if old.docs != new.docs || old.title != new.title {
        let detail =
            if old.title != new.title { format!("title `{}` -> `{}`", old.title, new.title) } else { String::new() };
        sides.push(Class::Cosmetic, Kind::ModelDocs, new, None, detail, "only doc comments change");
    }
    deprecation(sides, new, None, &old.deprecated, &new.deprecated);
    match (&old.kind, &new.kind) {
        (ModelKind::Struct { fields: a, omitted: x, rest: r }, ModelKind::Struct { fields: b, omitted: y, rest: s }) => {
            fields::compare(sides, new, a, b);
            fields::omitted(sides, new, x, y);
            fields::rest(sides, new, r.as_ref(), s.as_ref());
        }
        // Strings and numbers read other JSON, and a catch-all of either kind
        // holds another type: that is a change of kind.
        (
            ModelKind::Enum { values: a, catch_all: x, numbers: na, either: ea },
            ModelKind::Enum { values: b, catch_all: y, numbers: nb, either: eb },
        ) if na == nb && ea == eb => {
            enums::values(sides, new, a, b);
            enums::catch_all(sides, new, x, y);
        }
        (ModelKind::Union { variants: a }, ModelKind::Union { variants: b }) => enums::variants(sides, new, a, b),
        (ModelKind::Open { any: a }, ModelKind::Open { any: b }) if a == b => {}
        _ => {
            let detail = format!("{} -> {}", shape(old), shape(new));
            sides.push(
                Class::Breaking,
                Kind::ModelKindChanged,
                new,
                None,
                detail,
                "the type is another kind of Rust item",
            );
        }
    }
}

/// A model's or enum value's deprecation: a new one is compatible (code keeps
/// compiling, with a warning where it names the item), a lifted or reworded
/// one cosmetic.
pub(crate) fn deprecation(sides: &mut Sides<'_>, model: &Model, item: Option<&str>, old: &Option<String>, new: &Option<String>) {
    let (class, detail, why) = match (old, new) {
        (a, b) if a == b => return,
        (None, Some(note)) => (Class::Compatible, format!("now deprecated: {note}"), DEPRECATED),
        (Some(_), None) => (Class::Cosmetic, "no longer deprecated".to_string(), "code that names it builds without the warning"),
        (_, _) => (Class::Cosmetic, "deprecation note changed".to_string(), "only the warning's words change"),
    };
    sides.push(class, Kind::Deprecation, model, item, detail, why);
}

/// Why a new deprecation is compatible.
pub(crate) const DEPRECATED: &str = "code that names it still compiles, with a deprecation warning";

/// `struct, 3 fields` and the like.
fn shape(m: &Model) -> String {
    let n = |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
    match &m.kind {
        ModelKind::Struct { fields, .. } => format!("struct, {}", n(fields.len(), "field", "fields")),
        ModelKind::Enum { values, numbers: false, .. } => format!("enum, {}", n(values.len(), "value", "values")),
        ModelKind::Enum { values, numbers: true, .. } => format!("number enum, {}", n(values.len(), "value", "values")),
        ModelKind::Union { variants } => format!("union of {}", n(variants.len(), "type", "types")),
        ModelKind::Open { any: false } => "open object".to_string(),
        ModelKind::Open { any: true } => "any JSON value".to_string(),
    }
}

/// A name at the crate root that now stands for another module's model.
fn root_exports(sides: &mut Sides<'_>) {
    let (old, new) = (emit::root_exports(sides.old), emit::root_exports(sides.new));
    let moved: Vec<(&Model, &Model)> =
        old.iter().filter_map(|(name, a)| new.get(name).filter(|b| b.id != a.id).map(|b| (*a, *b))).collect();
    for (a, b) in moved {
        let detail = format!("`crate::{}` was `{}`, is `{}`", b.rust_name, a.id, b.id);
        sides.push(
            Class::Breaking,
            Kind::RootExport,
            b,
            None,
            detail,
            "code that names the type at the crate root gets another type",
        );
    }
}
