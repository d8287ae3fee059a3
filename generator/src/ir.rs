//! Stage 3: the intermediate schema, the one thing every later stage reads.
//!
//! It is plain data and serializes to JSON (`--emit-ir`, and `docs2rs.ir.json`
//! beside every generated crate), so a run can be dumped, diffed and compared
//! across dialects and across versions of the docs (`diff`). Names here are
//! final: `resolve` has already turned titles and wire names into Rust identifiers.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diag::Loc;

/// A model's id (`module::RustName`), shared by the model and every type that
/// names it: at 100k docs, a copy per field cost an allocation and a cache miss.
pub type ModelId = Arc<str>;

/// Version of the IR's JSON shape; bumped on any change of it. Version 4 added
/// `from` (facts merged from other trees), version 5 the facts of the SDK's
/// sources (`no_key`), version 6 deprecation notes (`deprecated` of models
/// and enum values, and a field's note where it was `true` or `false`); an IR
/// of version 3 to 5 reads as is ([`READS_VERSIONS`]).
pub const IR_VERSION: u32 = 6;

/// The versions an IR file may have to be read: each earlier one listed is this
/// version's shape less keys that are left out when empty (a field's
/// `deprecated: true` of versions 3 to 5 reads as [`DEPRECATED`]).
pub const READS_VERSIONS: &[u32] = &[3, 4, 5, IR_VERSION];

/// The note of a deprecation whose docs give no reason, and of one read from
/// an IR of version 5 or earlier, which kept no note.
pub const DEPRECATED: &str = "The API docs mark it deprecated.";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ir {
    pub ir_version: u32,
    /// The dialect the Type column was read in.
    pub dialect: String,
    /// Number of markdown docs read.
    pub docs: usize,
    /// Rust modules, in output order; each model names one of them.
    pub modules: Vec<String>,
    /// Sorted by module, then Rust name.
    pub models: Vec<Model>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// `module::RustName`: unique across the crate, what [`TypeRef::Model`] points at.
    pub id: ModelId,
    /// The doc's `# Title`.
    pub title: String,
    pub rust_name: String,
    pub module: String,
    #[serde(default, skip_serializing_if = "Loc::is_unknown")]
    pub source: Loc,
    pub docs: Option<String>,
    /// The model is deprecated, for this reason (`#[deprecated(note = ...)]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    pub kind: ModelKind,
    /// Facts of the model (its docs, its union members) that another tree gave.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<Provenance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ModelKind {
    Struct {
        fields: Vec<Field>,
        /// Fields of the source SDK that are not API data and are left out.
        omitted: Vec<Omitted>,
        /// Where the keys the docs do not list are kept, to be written back.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rest: Option<Rest>,
    },
    Enum {
        values: Vec<EnumValue>,
        /// The variant that keeps values the docs do not list.
        catch_all: String,
        /// The values are JSON numbers (each `wire` is its JSON text), not strings.
        #[serde(default, skip_serializing_if = "is_false")]
        numbers: bool,
        /// The numbers come from a docs table, which cannot quote them, and no
        /// source says which kind the API sends: `1` or `"1"` both read.
        #[serde(default, skip_serializing_if = "is_false")]
        either: bool,
    },
    Union { variants: Vec<Variant> },
    /// A doc with no fields, values or members. Its docs say it is an object
    /// (an example, its description: see `resolve`), whose keys are not
    /// documented; or, with `any`, they say nothing of its shape, and it is any
    /// JSON value. Left out, `any` is false: an IR written before it was added
    /// meant an object.
    Open {
        #[serde(default, skip_serializing_if = "is_false")]
        any: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// The JSON key.
    pub wire_name: String,
    /// The docs print the name in the SDK language's case (`userId`) and the key
    /// was inferred from it by the dialect's rule, or set by an override.
    pub wire_name_inferred: bool,
    pub rust_name: String,
    pub ty: TypeRef,
    /// The key must be present.
    pub required: bool,
    /// `null` is a valid value: `None` when the dialect cannot say (C#,
    /// TypeScript, Go, and Ruby or PHP on optional fields).
    pub nullable: Option<bool>,
    pub docs: Option<String>,
    /// The field is deprecated, for this reason (`#[deprecated(note = ...)]`).
    #[serde(default, deserialize_with = "deprecation", skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    pub example: Option<String>,
    /// Stored behind a `Box` because the model contains itself through this field.
    pub boxed: bool,
    /// The docs' type could not be read or resolved: all or part of it is any
    /// JSON value (W0010, W0011).
    #[serde(default, skip_serializing_if = "is_false")]
    pub degraded: bool,
    #[serde(default, skip_serializing_if = "Loc::is_unknown")]
    pub source: Loc,
    /// Facts of the field that another tree gave, each with where it says so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<Provenance>,
}

/// Where a fact that the primary tree could not state came from: another tree
/// of the same API, merged in (see [`crate::merge`]), the SDK's model sources
/// ([`crate::sources`], `tree` is their folder), or the docs' own evidence of
/// the API's key case ([`crate::keys::EVIDENCE`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Provenance {
    pub fact: Fact,
    /// The tree, as it was given (`--specs`).
    pub tree: String,
    /// Where that tree states it, relative to the tree.
    #[serde(default, skip_serializing_if = "Loc::is_unknown")]
    pub source: Loc,
}

/// A fact that a tree can give another ([`Provenance`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// The field's JSON key, printed where the primary's dialect infers it.
    WireName,
    /// Whether `null` is a value of the field.
    Nullable,
    /// All or part of the field's type: integer or float, `null` inside a
    /// container, a date or a timestamp, binary content, or a type not read.
    Type,
    Docs,
    Example,
    /// An enum value the primary does not list.
    Value,
    /// A union's members, where the primary's docs list none or cannot read some.
    Members,
    /// The SDK's sources declare the field's model without it among its JSON
    /// keys (an HTTP status or header of a response, a request's body or
    /// parameter): its key is not on the wire, and not a guess to warn about.
    NoKey,
    /// A deprecation, with its note.
    Deprecated,
}

impl Fact {
    pub fn label(self) -> &'static str {
        match self {
            Fact::WireName => "wire name",
            Fact::Nullable => "nullable",
            Fact::Type => "type",
            Fact::Docs => "docs",
            Fact::Example => "example",
            Fact::Value => "enum value",
            Fact::Members => "union members",
            Fact::NoKey => "no JSON key",
            Fact::Deprecated => "deprecation",
        }
    }
}

fn is_false(b: &bool) -> bool {
    !b
}

/// A field's `deprecated`: its note, or the `true` or `false` of an IR of
/// version 5 or earlier.
fn deprecation<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stated {
        Flag(bool),
        Note(Option<String>),
    }
    Ok(match Stated::deserialize(deserializer)? {
        Stated::Flag(true) => Some(DEPRECATED.to_string()),
        Stated::Flag(false) => None,
        Stated::Note(note) => note,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Omitted {
    pub wire_name: String,
    /// The type as the source SDK wrote it.
    pub sdk_type: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumValue {
    /// The exact string on the wire.
    pub wire: String,
    pub rust_name: String,
    /// The value is deprecated, for this reason (`#[deprecated(note = ...)]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<String>,
    #[serde(default, skip_serializing_if = "Loc::is_unknown")]
    pub source: Loc,
    /// The trees that list the value where the primary does not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<Provenance>,
}

/// A struct's field for the keys its docs do not list: every struct has one
/// unless the generator is told to drop such keys, and a struct whose docs list
/// an additional-properties holder (`additional_properties`, `__pydantic_extra__`,
/// `AdditionalProperties`, ...) gets its value type from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rest {
    pub rust_name: String,
    /// The type of each value: any JSON value unless the docs type the holder.
    pub value: TypeRef,
    /// The holder's row in the docs, if they list one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documented: Option<Documented>,
}

/// What structs do with the keys their docs do not list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UnknownKeys {
    /// Kept in each struct's [`Rest`] field and written back.
    #[default]
    Keep,
    /// Skipped when read (a struct whose docs list a holder still has it).
    Drop,
}

/// An additional-properties holder as the docs list it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Documented {
    /// The name the docs print (`additionalProperties`).
    pub printed_name: String,
    pub docs: Option<String>,
    #[serde(default, skip_serializing_if = "Loc::is_unknown")]
    pub source: Loc,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub rust_name: String,
    pub ty: TypeRef,
    pub boxed: bool,
    /// The member's type could not be read or resolved (see [`Field::degraded`]).
    #[serde(default, skip_serializing_if = "is_false")]
    pub degraded: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeRef {
    String,
    Integer,
    Float,
    /// Integer or float: the dialect does not say which.
    Number,
    Boolean,
    /// Kept as the wire's text: see the README's type mapping.
    Date,
    DateTime,
    Any,
    /// Binary content (an upload, a download): see the README's type mapping.
    Binary,
    Array(Box<TypeRef>),
    Map(Box<TypeRef>),
    Nullable(Box<TypeRef>),
    /// The `id` of a model.
    Model(ModelId),
}

impl TypeRef {
    /// `Float`, here or within, becomes `Number`.
    fn float_as_number(&mut self) {
        match self {
            TypeRef::Float => *self = TypeRef::Number,
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => inner.float_as_number(),
            _ => {}
        }
    }
}

impl Ir {
    /// Every float typed as a number of unknown kind, which the crate keeps as
    /// `serde_json::Number`, its text exactly as read ([`crate::Config::exact_numbers`]).
    pub fn floats_as_numbers(&mut self) {
        for m in &mut self.models {
            match &mut m.kind {
                ModelKind::Struct { fields, rest, .. } => {
                    fields.iter_mut().for_each(|f| f.ty.float_as_number());
                    rest.iter_mut().for_each(|r| r.value.float_as_number());
                }
                ModelKind::Union { variants } => variants.iter_mut().for_each(|v| v.ty.float_as_number()),
                ModelKind::Enum { .. } | ModelKind::Open { .. } => {}
            }
        }
    }

    pub fn model(&self, id: &str) -> Option<&Model> {
        self.models.binary_search_by(|m| (*m.id).cmp(id)).ok().map(|i| &self.models[i])
    }

    /// How much of the types fell back to any JSON value (see [`Field::degraded`]).
    pub fn fallbacks(&self) -> Fallbacks {
        let mut f = Fallbacks::default();
        for m in &self.models {
            match &m.kind {
                ModelKind::Struct { fields, .. } => {
                    f.fields += fields.len();
                    f.degraded_fields += fields.iter().filter(|x| x.degraded).count();
                }
                ModelKind::Union { variants } => f.degraded_variants += variants.iter().filter(|v| v.degraded).count(),
                _ => {}
            }
        }
        f
    }

    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).unwrap_or_default();
        json.push('\n');
        json
    }
}

/// Counts of what fell back to `serde_json::Value` ([`Ir::fallbacks`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fallbacks {
    /// Fields in all structs.
    pub fields: usize,
    pub degraded_fields: usize,
    pub degraded_variants: usize,
}

impl std::fmt::Display for Fallbacks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let share = 100.0 * self.degraded_fields as f64 / self.fields.max(1) as f64;
        write!(f, "{} of {} fields ({share:.2}%)", self.degraded_fields, self.fields)?;
        if self.degraded_variants > 0 {
            write!(f, " and {} union members", self.degraded_variants)?;
        }
        write!(f, " fall back to serde_json::Value")
    }
}

/// The id a model gets from its module and Rust name.
pub fn model_id(module: &str, rust_name: &str) -> ModelId {
    format!("{module}::{rust_name}").into()
}

/// The module and Rust name an id was made of ([`model_id`]): a type that names
/// a model is written from its id alone, with no lookup.
pub fn split_model_id(id: &str) -> Option<(&str, &str)> {
    // What `rsplit_once("::")` gives, found from the last `:` back (its string
    // search was a sixtieth of printing the code).
    let mut end = id.len();
    while let Some(colon) = id[..end].rfind(':') {
        if id[..colon].ends_with(':') {
            return Some((&id[..colon - 1], &id[colon + 1..]));
        }
        end = colon;
    }
    None
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// The split is the one `rsplit_once("::")` gives, colons anywhere.
        #[test]
        fn ids_split_as_rsplit_once_does(id in "[a-z:]{0,12}") {
            proptest::prop_assert_eq!(super::split_model_id(&id), id.rsplit_once("::"));
        }
    }

    #[test]
    fn an_id_splits_into_module_and_name() {
        assert_eq!(super::split_model_id(&super::model_id("shared", "Account")), Some(("shared", "Account")));
    }
}
