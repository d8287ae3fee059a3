//! The generated structs read JSON through `support::object!`, not serde's derive.
//! Each one here is read side by side with a twin that derives `Deserialize`
//! with the attributes the generator wrote before (`default` on optional fields),
//! from text, from a reader and from a `serde_json::Value`: both must give back
//! the same JSON, or fail with the same message (line and column included).
//! Where the derive skips a key no field has, ours keeps it and writes it back.
//! `object!` writes too: without unknown keys, both write the same bytes.

use generated::shared::{FreeForm, SignInToken, SignInTokenObject, SignInTokenStatus, Specimen, SpecimenKind, SpecimenValue};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

/// The derive's twins: the same fields, types and attributes as the generated
/// structs had when they derived `Deserialize`.
mod derived {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize)]
    pub struct SignInToken {
        pub object: SignInTokenObject,
        pub id: String,
        pub status: SignInTokenStatus,
        pub user_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub token: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub url: Option<String>,
        pub created_at: i64,
        pub updated_at: i64,
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    pub struct Specimen {
        pub name: String,
        pub count: i64,
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "integral::option")]
        pub ratio: Option<f64>,
        #[serde(serialize_with = "integral::float")]
        pub weight: f64,
        pub enabled: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub verified: Option<bool>,
        pub nickname: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub tags: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub labels: Option<std::collections::BTreeMap<String, String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub metadata: Option<std::collections::BTreeMap<String, serde_json::Value>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub groups: Option<std::collections::BTreeMap<String, Vec<String>>>,
        pub extra: serde_json::Value,
        // Any value, `null` too: `null` is `Some(Value::Null)`, apart from absent.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "any_value")]
        pub anything: Option<serde_json::Value>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub born_on: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub token: Option<super::SignInToken>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub history: Option<Vec<SignInTokenStatus>>,
        pub kind: SpecimenKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub r#type: Option<String>,
        #[serde(rename = "self")]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub self_: Option<String>,
        #[serde(rename = "2fa_enabled")]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub _2fa_enabled: Option<bool>,
        #[serde(rename = "userId")]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub user_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub legacy_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub notes: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub value: Option<SpecimenValue>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub parent: Option<Box<super::Specimen>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub children: Option<Vec<super::Specimen>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub attributes: Option<FreeForm>,
    }
}

/// How the crate writes an `f64` (its `support::float`): an integral value as
/// an integer, as JavaScript does, which the twin's derive is told to do too.
/// The derive's way to keep `null` in an optional `Value`.
fn any_value<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    <Value as serde::Deserialize>::deserialize(deserializer).map(Some)
}

mod integral {
    use serde::Serializer;

    pub fn float<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        match value.fract() == 0.0 && value.abs() < 9.0e15 {
            true => serializer.serialize_i64(*value as i64),
            false => serializer.serialize_f64(*value),
        }
    }

    pub fn option<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => float(value, serializer),
            None => serializer.serialize_none(),
        }
    }
}

type Outcome = Result<Value, String>;

fn written<T: Serialize>(read: Result<T, serde_json::Error>) -> Outcome {
    read.map(|t| serde_json::to_value(t).expect("writes")).map_err(|e| e.to_string())
}

/// `text` read as `T` from a string (keys borrowed), from a reader (keys copied)
/// and, when it is JSON at all, from a `Value`.
fn outcomes<T: DeserializeOwned + Serialize>(text: &str) -> [Outcome; 3] {
    let value = serde_json::from_str::<Value>(text).map_err(|e| e.to_string());
    [
        written(serde_json::from_str::<T>(text)),
        written(serde_json::from_reader::<_, T>(text.as_bytes())),
        value.and_then(|v| written(serde_json::from_value::<T>(v))),
    ]
}

/// What the derive wrote, plus the keys of `text` that no field of the struct
/// (`known`) has: the derive skips them, ours keeps them.
fn with_unknown_keys(outcome: &Outcome, text: &str, known: &[&str]) -> Outcome {
    let (Ok(Value::Object(written)), Ok(Value::Object(sent))) = (outcome, serde_json::from_str::<Value>(text)) else {
        return outcome.clone();
    };
    let mut written = written.clone();
    written.extend(sent.into_iter().filter(|(key, _)| !known.contains(&key.as_str())));
    Ok(Value::Object(written))
}

/// Reads every text as `Ours` and as `Twin`, and returns how many each read;
/// panics on the first text they read differently.
fn agree<Ours, Twin>(texts: &[String], known: &[&str]) -> (usize, usize)
where
    Ours: DeserializeOwned + Serialize,
    Twin: DeserializeOwned + Serialize,
{
    let (mut read, mut failed) = (0, 0);
    for text in texts {
        let ours = outcomes::<Ours>(text);
        let twin = outcomes::<Twin>(text).map(|outcome| with_unknown_keys(&outcome, text, known));
        assert_eq!(ours, twin, "read differently: {text}");
        // `object!` also writes in the derive's stead: with no unknown key, the same bytes.
        if let (Ok(ours), Ok(twin)) = (serde_json::from_str::<Ours>(text), serde_json::from_str::<Twin>(text)) {
            let keys_known = match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(sent)) => sent.keys().all(|key| known.contains(&key.as_str())),
                _ => true,
            };
            if keys_known {
                let (ours, twin) = (serde_json::to_string(&ours).expect("writes"), serde_json::to_string(&twin).expect("writes"));
                assert_eq!(ours, twin, "written differently: {text}");
            }
        }
        if ours[0].is_ok() {
            read += 1;
        } else {
            failed += 1;
        }
    }
    (read, failed)
}

/// `base` with one key changed in every way a sender can get it wrong: left
/// out, `null`, of each other JSON type, and sent twice.
fn variations(base: &Value) -> Vec<String> {
    let object = base.as_object().expect("an object");
    let others = [json!(null), json!(true), json!(7), json!(-1.5), json!("text"), json!([]), json!([1]), json!({})];
    let mut texts = vec![base.to_string()];
    for key in object.keys() {
        let mut without = object.clone();
        without.remove(key);
        texts.push(Value::Object(without.clone()).to_string());
        for other in &others {
            let mut changed = object.clone();
            changed.insert(key.clone(), other.clone());
            texts.push(Value::Object(changed).to_string());
        }
        // A repeated key cannot be made with a map: written out.
        let rest = Value::Object(without).to_string();
        let again = format!("{{{}:{},{}:{},{}", json!(key), object[key], json!(key), object[key], &rest[1..]);
        texts.push(again.replace(",}", "}"));
    }
    texts
}

/// Texts that are not the struct at all, and arrays of its values in field order.
fn not_objects(values_in_order: &[Value]) -> Vec<String> {
    let mut texts: Vec<String> = ["null", "true", "1", "\"x\"", "[]", "{", "{\"id\": }", "", "{} trailing"].map(String::from).to_vec();
    for len in 0..=values_in_order.len() + 1 {
        let mut values = values_in_order.to_vec();
        values.resize(len, json!(null));
        texts.push(Value::Array(values).to_string());
    }
    texts
}

/// The wire names in field order, for the array form.
const TOKEN_FIELDS: &[&str] = &["object", "id", "status", "user_id", "token", "url", "created_at", "updated_at"];
const SPECIMEN_FIELDS: &[&str] = &[
    "name", "count", "ratio", "weight", "enabled", "verified", "nickname", "tags", "labels", "metadata", "groups",
    "extra", "anything", "born_on", "token", "history", "kind", "type", "self", "2fa_enabled", "userId", "legacy_id",
    "notes", "value", "parent", "children", "attributes",
];

fn in_order(object: &Value, fields: &[&str]) -> Vec<Value> {
    fields.iter().map(|f| object[*f].clone()).collect()
}

fn token() -> Value {
    json!({
        "object": "sign_in_token",
        "id": "sit_1",
        "status": "pending",
        "user_id": "user_1",
        "token": "tok",
        "url": "https://example.com",
        "created_at": 1,
        "updated_at": 2
    })
}

fn specimen() -> Value {
    json!({
        "name": "n", "count": 1, "ratio": 0.5, "weight": 2.25, "enabled": true, "verified": false,
        "nickname": null, "tags": ["a"], "labels": {"k": "v"}, "metadata": {"m": [1]}, "groups": {"g": ["x"]},
        "extra": {"any": 1}, "anything": null, "born_on": "2024-01-02", "token": token(),
        "history": ["pending", "revoked"], "kind": "a-b", "type": "t", "self": "s", "2fa_enabled": true,
        "userId": "u", "legacy_id": "l", "notes": "n", "value": 3, "parent": {"name": "p", "count": 2,
        "weight": 1, "enabled": false, "nickname": "nick", "extra": null, "kind": "a-b"},
        "children": [], "attributes": {"free": "form"}
    })
}

#[test]
fn sign_in_token_reads_as_the_derive_reads_it() {
    let mut texts = variations(&token());
    texts.extend(not_objects(&in_order(&token(), TOKEN_FIELDS)));
    // Unknown keys, escaped keys (copied, not borrowed), keys that differ in case.
    texts.push(r#"{"object":"sign_in_token","\u0069d":"a","status":"x","user_id":"u","created_at":1,"updated_at":2,"extra":{"deep":[1,{"a":null}]}}"#.into());
    texts.push(r#"{"object":"sign_in_token","ID":"a","status":"x","user_id":"u","created_at":1,"updated_at":2}"#.into());
    texts.push("{\n  \"object\": \"sign_in_token\",\n  \"id\": 5\n}".into());
    let (read, failed) = agree::<SignInToken, derived::SignInToken>(&texts, TOKEN_FIELDS);
    // Both outcomes are exercised, not only one of them.
    assert!(read >= 10 && failed >= 50, "read {read}, failed {failed}");
}

#[test]
fn specimen_reads_as_the_derive_reads_it() {
    let mut texts = variations(&specimen());
    let mut parent = specimen();
    parent["parent"]["count"] = json!("not a number");
    texts.push(parent.to_string());
    texts.push(serde_json::to_string_pretty(&parent).unwrap());
    texts.extend(not_objects(&in_order(&specimen(), SPECIMEN_FIELDS)));
    let (read, failed) = agree::<Specimen, derived::Specimen>(&texts, SPECIMEN_FIELDS);
    assert!(read >= 80 && failed >= 150, "read {read}, failed {failed}");
}

#[test]
fn a_required_key_left_out_names_itself_and_an_optional_one_reads_as_none() {
    let mut json = token();
    json.as_object_mut().unwrap().remove("id");
    let err = serde_json::from_value::<SignInToken>(json).unwrap_err();
    assert_eq!(err.to_string(), "missing field `id`");
    let mut json = token();
    json.as_object_mut().unwrap().remove("url");
    assert_eq!(serde_json::from_value::<SignInToken>(json).unwrap().url, None);
    // Required but nullable: absent reads as `None`, as the derive read it.
    let mut json = specimen();
    json.as_object_mut().unwrap().remove("nickname");
    assert_eq!(serde_json::from_value::<Specimen>(json).unwrap().nickname, None);
}

#[test]
fn keys_the_docs_do_not_list_are_kept_and_written_back() {
    let mut json = token();
    json["authenticatable"] = json!(true);
    json["nested"] = json!({"deep": [1, {"a": null}], "n": 1.5});
    let read: SignInToken = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(read.additional_properties.len(), 2);
    assert_eq!(read.additional_properties["authenticatable"], json!(true));
    assert_eq!(serde_json::to_value(&read).unwrap(), json);
    // Kept at every depth: in a struct inside a struct, too (and `anything`'s
    // `null`: an optional `Value` keeps it).
    let mut json = specimen();
    assert_eq!(json["anything"], Value::Null);
    json["parent"]["unlisted"] = json!(["x"]);
    json["token"]["unlisted"] = json!({"k": null});
    let read: Specimen = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(serde_json::to_value(&read).unwrap(), json);
    // A new struct has none, and writes none.
    let fresh = SignInToken::new(
        SignInTokenObject::SignInToken,
        "id".into(),
        SignInTokenStatus::Pending,
        "u".into(),
        1,
        2,
    );
    assert!(fresh.additional_properties.is_empty());
}
