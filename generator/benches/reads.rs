//! How fast the generated types read JSON: the crate generated from `specs/`
//! (the `generated` package), on the types the README's performance section
//! names.
//!
//! ```sh
//! cargo bench -p docs2rs --bench reads
//! ```
//!
//! `node` reads a union nested in itself `depth` levels deep: linear reads take
//! ten times as long for ten times the depth.

use divan::Bencher;
use generated::shared::{Node, Specimen};
use serde::Deserialize;
use serde_json::{json, Value};

fn main() {
    // Reading recurses once a level, and divan runs on this thread: room for 1000 levels.
    let bench = std::thread::Builder::new().stack_size(256 << 20).spawn(divan::main);
    bench.expect("a thread for the benches").join().expect("the benches ran");
}

fn nested(depth: usize) -> String {
    let mut node = json!({"children": [], "leaf": "end"});
    for level in 1..depth {
        node = match level % 2 {
            0 => json!({"children": [node], "leaf": format!("l{level}")}),
            _ => json!({"children": [node], "bud": level}),
        };
    }
    node.to_string()
}

#[divan::bench(args = [10, 100, 1000])]
fn node(bencher: Bencher, depth: usize) {
    let text = nested(depth);
    bencher.bench(|| {
        let mut reader = serde_json::Deserializer::from_str(divan::black_box(&text));
        reader.disable_recursion_limit();
        Node::deserialize(&mut reader).expect("a node")
    });
}

fn specimen() -> String {
    let token = json!({"object": "sign_in_token", "id": "sit_1", "status": "pending", "user_id": "user_1",
        "token": "tok", "url": "https://example.com", "created_at": 1, "updated_at": 2});
    let specimen: Value = json!({
        "name": "n", "count": 1, "ratio": 0.5, "weight": 2.25, "enabled": true, "verified": false,
        "nickname": null, "tags": ["a"], "labels": {"k": "v"}, "metadata": {"m": [1]}, "groups": {"g": ["x"]},
        "extra": {"any": 1}, "anything": null, "born_on": "2024-01-02", "token": token,
        "history": ["pending", "revoked"], "kind": "a-b", "type": "t", "self": "s", "2fa_enabled": true,
        "userId": "u", "legacy_id": "l", "notes": "n", "value": 3, "children": [], "attributes": {"free": "form"}
    });
    specimen.to_string()
}

#[divan::bench]
fn specimen_in_field_order(bencher: Bencher) {
    let text = specimen();
    bencher.bench(|| serde_json::from_str::<Specimen>(divan::black_box(&text)).expect("a specimen"));
}
