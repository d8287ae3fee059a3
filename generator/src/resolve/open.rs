//! What a doc with no fields, values or members reads: any JSON value, unless
//! its docs say it is an object. They say so by an example (the doc's usage
//! example, or the example of a field of its type) that is a JSON object, or
//! by a description that calls it one; an example of another JSON value says
//! it is not only an object, whatever else they say.

use std::collections::HashMap;

use crate::ir::{ModelId, ModelKind, Model, TypeRef};

/// What the examples of fields of a model's type show.
#[derive(Debug, Default, Clone, Copy)]
pub struct Examples {
    object: bool,
    other: bool,
}

/// The examples of fields typed by each of `ids` (directly, nullable, or as
/// an array's items), by model.
pub fn field_examples<'a>(models: &[Model], ids: impl Iterator<Item = &'a ModelId>) -> HashMap<ModelId, Examples> {
    let mut out: HashMap<ModelId, Examples> = ids.map(|id| (id.clone(), Examples::default())).collect();
    for m in models {
        let ModelKind::Struct { fields, .. } = &m.kind else { continue };
        for f in fields {
            let Some(example) = f.example.as_deref().and_then(|e| serde_json::from_str(e).ok()) else { continue };
            note(&mut out, &f.ty, &example);
        }
    }
    out
}

fn note(out: &mut HashMap<ModelId, Examples>, ty: &TypeRef, example: &serde_json::Value) {
    use serde_json::Value;
    match (ty, example) {
        // `null` shows nothing of the type.
        (_, Value::Null) => {}
        (TypeRef::Nullable(inner), _) => note(out, inner, example),
        (TypeRef::Array(inner), Value::Array(items)) => items.iter().for_each(|item| note(out, inner, item)),
        (TypeRef::Model(id), _) => {
            if let Some(seen) = out.get_mut(id) {
                seen.object |= example.is_object();
                seen.other |= !example.is_object();
            }
        }
        _ => {}
    }
}

/// Whether a bodiless doc's docs say it is an object: `usage` is what its own
/// usage example assigns (`Some(true)`: an object), `docs` its description,
/// `examples` those of fields of its type.
pub fn says_object(usage: Option<bool>, docs: Option<&str>, examples: Option<&Examples>) -> bool {
    let examples = examples.copied().unwrap_or_default();
    if usage == Some(false) || examples.other {
        return false;
    }
    usage == Some(true) || examples.object || docs.is_some_and(describes_object)
}

/// A description that calls the model an object or a map: "object",
/// "key-value pairs", "dictionary".
fn describes_object(docs: &str) -> bool {
    let lower = docs.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let phrase = |a: &str, b: &str| words.windows(2).any(|w| w[0] == a && w[1] == b);
    words.iter().any(|w| matches!(*w, "object" | "objects" | "dictionary"))
        || phrase("key", "value")
        || phrase("map", "of")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_example_of_another_value_outweighs_any_word() {
        assert!(!says_object(None, None, None));
        assert!(says_object(Some(true), None, None));
        assert!(!says_object(Some(false), Some("An object."), None));
        let both = Examples { object: true, other: true };
        assert!(!says_object(Some(true), None, Some(&both)));
        assert!(says_object(None, None, Some(&Examples { object: true, other: false })));
    }

    #[test]
    fn descriptions_that_call_it_an_object() {
        for docs in ["The X object.", "Key-value environment variables", "Decrypted Key/Value pairs", "A dictionary of labels", "A map of names to ids"] {
            assert!(describes_object(docs), "{docs}");
        }
        for docs in ["JWT template claims in JSON format", "Whether the account is active", "The objective", "A mapping"] {
            assert!(!describes_object(docs), "{docs}");
        }
    }

    #[test]
    fn field_examples_are_read_through_options_and_arrays() {
        let id: ModelId = "m::Meta".into();
        let mut out = HashMap::from([(id.clone(), Examples::default())]);
        let array = TypeRef::Nullable(Box::new(TypeRef::Array(Box::new(TypeRef::Model(id.clone())))));
        note(&mut out, &array, &serde_json::json!([{"a": 1}, null]));
        let seen = out[&id];
        assert!(seen.object && !seen.other);
        note(&mut out, &TypeRef::Model(id.clone()), &serde_json::json!(true));
        assert!(out[&id].other);
    }
}
