//! JSON instances of every model, made from the docs alone: the Example column
//! where it fits the type, a synthesized value of the field's type otherwise. The
//! corpus round-trip tests feed them through the generated types.

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::ir::{Field, Ir, Model, ModelKind, Rest, TypeRef};

/// How deep nested models are filled in; deeper optional fields are left out.
const MAX_NESTING: usize = 6;

#[derive(Debug, Clone, Serialize)]
pub struct Instance {
    /// The model's id (`module::Name`).
    pub model: String,
    /// What the instance exercises (`full`, `minimal`, `value 3`, `unknown value`).
    pub case: String,
    pub json: Value,
}

/// Per struct: one instance with every field, one with required fields only, and
/// one with every optional nullable field `null`.
/// Per enum: every listed value and one value the docs do not list.
pub fn instances(ir: &Ir) -> Vec<Instance> {
    let mut out = Vec::new();
    let synth = Synth { ir, unknown_keys: false };
    // Keys no docs list, added to every struct at every depth that keeps them.
    let unlisted = Synth { ir, unknown_keys: true };
    for m in &ir.models {
        let mut push = |case: String, json: Value| out.push(Instance { model: m.id.to_string(), case, json });
        match &m.kind {
            ModelKind::Struct { fields, rest, .. } => {
                let rest = rest.as_ref();
                push("full".into(), synth.object(fields, rest, true, 0));
                push("minimal".into(), synth.object(fields, rest, false, 0));
                if rest.is_some() {
                    push("unknown keys".into(), unlisted.object(fields, rest, true, 0));
                }
                // Three-state fields must give `null` back as `null`, not drop it.
                let three_state: Vec<&Field> = fields.iter().filter(|f| !f.required && f.nullable == Some(true)).collect();
                if !three_state.is_empty() {
                    let mut json = synth.object(fields, rest, false, 0);
                    if let Value::Object(map) = &mut json {
                        map.extend(three_state.iter().map(|f| (f.wire_name.clone(), Value::Null)));
                    }
                    push("explicit nulls".into(), json);
                }
            }
            ModelKind::Enum { values, numbers: false, .. } => {
                for (i, v) in values.iter().enumerate() {
                    push(format!("value {i}"), Value::String(v.wire.clone()));
                }
                push("unknown value".into(), Value::String("docs2rs-unlisted-value".into()));
            }
            ModelKind::Enum { values, numbers: true, either, .. } => {
                for (i, v) in values.iter().enumerate() {
                    push(format!("value {i}"), enum_value(&v.wire, true));
                }
                push("unknown integer".into(), json!(987_654_321));
                push("unknown float".into(), json!(-0.25));
                // The docs' table could not say whether the API quotes them.
                if let (true, Some(v)) = (*either, values.first()) {
                    push("value 0 as a string".into(), Value::String(v.wire.clone()));
                }
            }
            ModelKind::Union { variants } => {
                for v in variants {
                    push(format!("variant {}", v.rust_name), synth.value(&v.ty, 0));
                }
            }
            ModelKind::Open { any } => {
                push("object".into(), json!({"any key": [1, "two", {"three": null}]}));
                if *any {
                    push("boolean".into(), json!(true));
                    push("string".into(), json!("text"));
                    push("array".into(), json!([1.5, null]));
                }
            }
        }
    }
    out
}

struct Synth<'a> {
    ir: &'a Ir,
    /// Add a key the docs do not list to each struct that keeps such keys.
    unknown_keys: bool,
}

/// The key added where [`Synth::unknown_keys`] asks for one.
const UNLISTED: &str = "docs2rs_unlisted_key";

impl Synth<'_> {
    fn object(&self, fields: &[Field], rest: Option<&Rest>, full: bool, depth: usize) -> Value {
        let mut map = Map::new();
        for f in fields {
            if f.required || (full && depth < MAX_NESTING) {
                let value = if f.required && f.nullable == Some(true) && !full { Value::Null } else { self.field(f, depth) };
                map.insert(f.wire_name.clone(), value);
            }
        }
        if let Some(rest) = rest.filter(|_| self.unknown_keys) {
            let value = match &rest.value {
                TypeRef::Any => json!({"kept": [1, "two", null, 1.5]}),
                value => self.value(value, depth + 1),
            };
            map.insert(UNLISTED.to_string(), value);
        }
        Value::Object(map)
    }

    fn field(&self, f: &Field, depth: usize) -> Value {
        f.example
            .as_deref()
            .and_then(|e| example(e, &f.ty))
            .filter(|v| fits(self.ir, v, &f.ty))
            .unwrap_or_else(|| self.value(&f.ty, depth))
    }

    fn value(&self, ty: &TypeRef, depth: usize) -> Value {
        match ty {
            TypeRef::String => json!("text"),
            TypeRef::Integer => json!(42),
            TypeRef::Float | TypeRef::Number => json!(1.5),
            TypeRef::Boolean => json!(true),
            TypeRef::Date => json!("2024-06-01"),
            // An offset written as `chrono` writes it back (`--dates chrono`).
            TypeRef::DateTime => json!("2024-06-01T12:34:56.789+02:00"),
            TypeRef::Any => json!({"nested": [1, "two", null]}),
            TypeRef::Binary => json!("%PDF-1.7 binary text"),
            TypeRef::Array(inner) => json!([self.value(inner, depth + 1)]),
            TypeRef::Map(inner) => json!({"key": self.value(inner, depth + 1)}),
            TypeRef::Nullable(inner) => self.value(inner, depth),
            TypeRef::Model(id) => self.ir.model(id).map_or(Value::Null, |m| self.model(m, depth + 1)),
        }
    }

    fn model(&self, m: &Model, depth: usize) -> Value {
        if depth > 2 * MAX_NESTING {
            // Only a model that requires itself gets here: no finite instance exists.
            return Value::Null;
        }
        match &m.kind {
            ModelKind::Struct { fields, rest, .. } => self.object(fields, rest.as_ref(), depth < 2, depth),
            ModelKind::Enum { values, numbers, .. } => values.first().map_or(json!("any"), |v| enum_value(&v.wire, *numbers)),
            ModelKind::Union { variants } => variants.first().map_or(Value::Null, |v| self.value(&v.ty, depth)),
            ModelKind::Open { .. } => json!({"free": "form"}),
        }
    }
}

/// An enum value on the wire: a number's JSON text read as a number.
fn enum_value(wire: &str, number: bool) -> Value {
    match crate::lower::json_number(wire) {
        Some(n) if number => Value::Number(n),
        _ => Value::String(wire.to_string()),
    }
}

/// The Example column as JSON of the field's type: strings need no quotes.
fn example(text: &str, ty: &TypeRef) -> Option<Value> {
    let stringy = matches!(strip(ty), TypeRef::String | TypeRef::Date | TypeRef::DateTime);
    match serde_json::from_str::<Value>(text) {
        Ok(Value::String(s)) if stringy => Some(Value::String(s)),
        Ok(v) if !stringy => Some(v),
        _ if stringy => Some(Value::String(text.to_string())),
        _ => None,
    }
}

fn strip(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Nullable(inner) => strip(inner),
        other => other,
    }
}

/// Whether `v` has the JSON shape of `ty` (enough to trust an example).
fn fits(ir: &Ir, v: &Value, ty: &TypeRef) -> bool {
    match (ty, v) {
        (TypeRef::Nullable(_), Value::Null) | (TypeRef::Any, _) => true,
        (TypeRef::Nullable(inner), v) => fits(ir, v, inner),
        (TypeRef::String | TypeRef::Date | TypeRef::DateTime, Value::String(_)) => true,
        (TypeRef::Integer, Value::Number(n)) => n.is_i64(),
        (TypeRef::Binary, Value::String(_)) => true,
        (TypeRef::Float | TypeRef::Number, Value::Number(_)) | (TypeRef::Boolean, Value::Bool(_)) => true,
        (TypeRef::Array(inner), Value::Array(items)) => items.iter().all(|i| fits(ir, i, inner)),
        (TypeRef::Map(inner), Value::Object(map)) => map.values().all(|i| fits(ir, i, inner)),
        (TypeRef::Model(id), v) => match ir.model(id).map(|m| &m.kind) {
            Some(ModelKind::Enum { numbers: false, .. }) => v.is_string(),
            Some(ModelKind::Enum { numbers: true, .. }) => v.is_number(),
            Some(ModelKind::Open { any }) => *any || v.is_object(),
            // A struct or union example would have to be checked field by field.
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_are_used_when_they_fit() {
        assert_eq!(example("false", &TypeRef::Boolean), Some(json!(false)));
        assert_eq!(example("user_123", &TypeRef::String), Some(json!("user_123")));
        assert_eq!(example("\"quoted\"", &TypeRef::String), Some(json!("quoted")));
        assert_eq!(example("12", &TypeRef::String), Some(json!("12")));
        assert_eq!(example("not json", &TypeRef::Integer), None);
        let ir = Ir { ir_version: 1, dialect: String::new(), docs: 0, modules: vec![], models: vec![] };
        assert!(!fits(&ir, &json!(1.5), &TypeRef::Integer));
        assert!(fits(&ir, &json!(null), &TypeRef::Nullable(Box::new(TypeRef::Integer))));
    }
}
