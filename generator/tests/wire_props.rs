//! Property tests of the wire promise on the crate generated from `specs/`:
//! whatever keys the docs do not list, added to any struct at any depth, come
//! back from a read -> write exactly; and a union nested to any depth reads and
//! writes back. Cases: 64, or `PROPTEST_CASES`.

use generated::shared::{Delivery, Node, SignInToken, Specimen};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1.0e9f64..1.0e9).prop_map(Value::from),
        "[a-z\\\\\"é ]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,6}", inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Keys no struct of `specs/` has (each struct's are lower-case words, `_`
/// and digits, and `userId`): a capital after an `X`.
fn unlisted_key() -> impl Strategy<Value = String> {
    "X[A-Z][a-z0-9]{0,5}"
}

fn token() -> Value {
    json!({"object": "sign_in_token", "id": "sit_1", "status": "pending", "user_id": "user_1",
        "created_at": 1, "updated_at": 2})
}

fn specimen() -> Value {
    json!({"name": "n", "count": 1, "weight": 2.25, "enabled": true, "nickname": null, "extra": {"any": 1},
        "kind": "a-b", "token": token(), "parent": {"name": "p", "count": 2, "weight": 1, "enabled": false,
        "nickname": "nick", "extra": null, "kind": "a-b", "token": token()}})
}

/// Where `specimen()` has a struct: the top, its token, its parent and the
/// parent's token.
const STRUCTS: [&[&str]; 4] = [&[], &["token"], &["parent"], &["parent", "token"]];

fn object_at<'a>(json: &'a mut Value, path: &[&str]) -> &'a mut Map<String, Value> {
    let mut here = json;
    for key in path {
        here = &mut here[*key];
    }
    here.as_object_mut().expect("a struct is an object")
}

fn round_trip<T: DeserializeOwned + Serialize>(json: &Value) -> Value {
    let read: T = serde_json::from_str(&json.to_string()).unwrap_or_else(|e| panic!("{e}: {json}"));
    serde_json::to_value(read).expect("writes")
}

/// `depth` nodes, each the only child of the one above, with random members'
/// optional fields and unknown keys along the way.
fn nested(levels: &[(u8, Option<(String, Value)>)]) -> Value {
    let mut node = json!({"children": []});
    for (kind, extra) in levels {
        node = match kind % 3 {
            0 => json!({"children": [node], "leaf": "l"}),
            1 => json!({"children": [node], "bud": 7}),
            _ => json!({"children": [node]}),
        };
        if let Some((key, value)) = extra {
            node[key.as_str()] = value.clone();
        }
    }
    node
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn unknown_keys_at_any_depth_come_back(
        extras in prop::collection::vec((0..STRUCTS.len(), unlisted_key(), any_json()), 0..8),
    ) {
        let mut json = specimen();
        for (at, key, value) in &extras {
            object_at(&mut json, STRUCTS[*at]).insert(key.clone(), value.clone());
        }
        prop_assert_eq!(round_trip::<Specimen>(&json), json.clone());
        let mut token = token();
        for (_, key, value) in &extras {
            token[key.as_str()] = value.clone();
        }
        prop_assert_eq!(round_trip::<SignInToken>(&token), token);
        let mut delivery = json!({"priority": 0, "channels": ["email"]});
        for (_, key, value) in &extras {
            delivery[key.as_str()] = value.clone();
        }
        prop_assert_eq!(round_trip::<Delivery>(&delivery), delivery);
    }

    #[test]
    fn a_union_nested_in_itself_comes_back(
        levels in prop::collection::vec((any::<u8>(), prop::option::of((unlisted_key(), any_json()))), 0..40),
    ) {
        let json = nested(&levels);
        prop_assert_eq!(round_trip::<Node>(&json), json);
    }
}
