//! Unions read in time linear in their JSON: a union nested in itself, as deep
//! as serde_json lets a text go and deeper from a `Value`. Each level used to
//! read its subtree once per member it tried, so 60 levels would not end.

use generated::shared::{Branch, Node, Twig};
use serde_json::{json, Value};

/// `depth` nodes, each the only child of the one above; branches and twigs
/// alternate, and every fourth node has a key its docs do not list.
fn nested(depth: usize) -> Value {
    let mut node = json!({"children": [], "leaf": "end"});
    for level in 1..depth {
        node = match level % 2 {
            0 => json!({"children": [node], "leaf": format!("l{level}")}),
            _ => json!({"children": [node], "bud": level}),
        };
        if level % 4 == 0 {
            node["unlisted"] = json!(level);
        }
    }
    node
}

#[test]
fn a_union_nested_60_deep_reads_from_text_and_writes_back() {
    let json = nested(60);
    let node: Node = serde_json::from_str(&json.to_string()).unwrap();
    assert_eq!(serde_json::to_value(&node).unwrap(), json);
    // Each level is the member its keys say.
    let Node::Twig(Twig { children, .. }) = &node else { panic!("the top has a bud: a twig") };
    assert!(matches!(children[0], Node::Branch(Branch { .. })));
}

#[test]
fn a_union_nested_1000_deep_reads_from_a_value() {
    // Reading, writing and dropping recurse once a level: room for 1000 levels.
    let run = || {
        let json = nested(1000);
        let node: Node = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&node).unwrap(), json);
    };
    std::thread::Builder::new().stack_size(256 << 20).spawn(run).unwrap().join().unwrap();
}
