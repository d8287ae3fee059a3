use docs2rs::ir::{model_id, Documented, EnumValue, Model};
use serde_json::json;

use super::*;

fn field(wire: &str, ty: TypeRef, required: bool) -> Field {
    Field {
        wire_name: wire.into(),
        wire_name_inferred: false,
        rust_name: wire.to_lowercase(),
        ty,
        required,
        nullable: None,
        docs: None,
        deprecated: None,
        example: None,
        boxed: false,
        degraded: false,
        source: Default::default(),
        from: Vec::new(),
    }
}

fn model(name: &str, kind: ModelKind) -> Model {
    Model {
        id: model_id("m", name),
        title: name.into(),
        rust_name: name.into(),
        module: "m".into(),
        source: Default::default(),
        docs: None,
        deprecated: None,
        kind,
        from: Vec::new(),
    }
}

fn structure(name: &str, fields: Vec<Field>, rest: Option<Rest>) -> Model {
    model(name, ModelKind::Struct { fields, omitted: Vec::new(), rest })
}

fn kept() -> Option<Rest> {
    Some(Rest { rust_name: "additional_properties".into(), value: TypeRef::Any, documented: None })
}

fn to(name: &str) -> TypeRef {
    TypeRef::Model(model_id("m", name))
}

fn tag(name: &str, value: &str) -> Model {
    let values = vec![EnumValue { wire: value.into(), rust_name: "V".into(), deprecated: None, source: Default::default(), from: Vec::new() }];
    model(name, ModelKind::Enum { values, catch_all: "Other".into(), numbers: false, either: false })
}

fn variant(name: &str) -> Variant {
    Variant { rust_name: name.into(), ty: to(name), boxed: false, degraded: false }
}

/// `Pet` keeps unknown keys; `Owner` drops them; `Meta` has a documented
/// holder; `Holder.shape` is a union of `Circle` and `Square`, told apart by `type`.
fn ir() -> Ir {
    let mut note = field("note", TypeRef::Nullable(Box::new(TypeRef::String)), false);
    note.nullable = Some(true);
    let pet = vec![
        field("petId", TypeRef::String, true),
        field("name", TypeRef::String, false),
        field("tags", TypeRef::Array(Box::new(TypeRef::String)), false),
        field("owner", to("Owner"), false),
        field("age", TypeRef::Number, false),
        note,
    ];
    let documented = Documented { printed_name: "additionalProperties".into(), docs: None, source: Default::default() };
    let holder = Rest { rust_name: "additional_properties".into(), value: TypeRef::Any, documented: Some(documented) };
    let circle = vec![field("type", to("CircleType"), true), field("radius", TypeRef::Number, true), field("center", to("Point"), false)];
    let mut models = vec![
        structure("Pet", pet, kept()),
        structure("Owner", vec![field("ownerName", TypeRef::String, true)], None),
        structure("Meta", vec![field("kind", TypeRef::String, true)], Some(holder)),
        structure("Holder", vec![field("shape", to("Shape"), true)], kept()),
        model("Shape", ModelKind::Union { variants: vec![variant("Circle"), variant("Square")] }),
        structure("Circle", circle, kept()),
        structure("Square", vec![field("type", to("SquareType"), true), field("side", TypeRef::Number, true)], kept()),
        structure("Point", vec![field("x", TypeRef::Number, true), field("y", TypeRef::Number, false)], kept()),
        tag("CircleType", "circle"),
        tag("SquareType", "square"),
        model("Dest", ModelKind::Union { variants: vec![variant("DestA"), variant("DestB")] }),
        structure("DestA", vec![field("config", to("ConfA"), true)], None),
        structure("DestB", vec![field("config", to("ConfB"), true)], None),
        structure("ConfA", vec![field("apiKey", TypeRef::String, true)], None),
        structure("ConfB", vec![field("account", TypeRef::String, true)], None),
    ];
    models.sort_by(|a, b| a.id.cmp(&b.id));
    Ir { ir_version: docs2rs::ir::IR_VERSION, dialect: "test".into(), docs: models.len(), modules: vec!["m".into()], models }
}

fn run(title: &str, sent: Value, back: Result<Value, &str>) -> Verdict {
    let ir = ir();
    judge(&ir, Some(&to(title)), &sent, &back.map_err(str::to_string))
}

fn failure(verdict: &Verdict) -> (Cause, &str) {
    let f = verdict.failure.as_ref().expect("a strict failure");
    (f.cause, f.path.as_str())
}

#[test]
fn strip_nulls_drops_null_keys_at_every_depth_but_not_null_items() {
    let value = json!({"a": null, "b": {"c": null, "d": 1}, "e": [null, {"f": null}]});
    assert_eq!(strip_nulls(&value), json!({"b": {"d": 1}, "e": [null, {}]}));
}

#[test]
fn the_same_json_back_with_every_key_a_field_is_typed() {
    let pet = json!({"petId": "a", "tags": ["x"], "owner": {"ownerName": "o"}, "note": null});
    let v = run("Pet", pet.clone(), Ok(pet));
    assert!(v.strict && v.lenient && v.typed, "{v:?}");
    assert_eq!(v.failure, None);
}

#[test]
fn a_key_that_rode_through_additional_properties_is_strict_but_not_typed() {
    let pet = json!({"petId": "a", "nick name": "x"});
    let v = run("Pet", pet.clone(), Ok(pet));
    assert!(v.strict && !v.typed, "{v:?}");
    let key = v.untyped.expect("the key is found");
    assert_eq!((key.cause, key.path.as_str()), (Cause::WrongKey, "$[\"nick name\"]"));
    assert!(key.detail.contains("went to additional_properties"), "{}", key.detail);
}

#[test]
fn a_key_of_a_documented_holder_is_typed() {
    let meta = json!({"kind": "k", "extra": 1});
    assert!(run("Meta", meta.clone(), Ok(meta)).typed);
}

#[test]
fn a_missing_required_key_is_a_wrong_key_placed_where_it_is_missing() {
    let sent = json!({"owner": {"owner_name": "o"}, "petId": "a"});
    let v = run("Pet", sent, Err("read: missing field `ownerName` at line 1 column 30"));
    assert!(!v.strict && !v.lenient);
    assert_eq!(failure(&v), (Cause::WrongKey, "$.owner"));
    let detail = &v.failure.as_ref().map(|f| f.detail.clone()).unwrap_or_default();
    assert!(detail.contains("missing field `ownerName`") && detail.contains("`owner_name`"), "{detail}");
    assert!(!detail.contains("line 1"), "{detail}");
}

#[test]
fn a_key_dropped_where_no_field_has_it_is_a_wrong_key() {
    let v = run("Pet", json!({"petId": "a", "owner": {"ownerName": "o", "extra": 1}}), Ok(json!({"petId": "a", "owner": {"ownerName": "o"}})));
    assert_eq!(failure(&v), (Cause::WrongKey, "$.owner.extra"));
    assert!(v.failure.is_some_and(|f| f.detail.contains("was dropped")));
}

#[test]
fn a_null_that_came_back_absent_is_lenient() {
    let v = run("Pet", json!({"petId": "a", "name": null}), Ok(json!({"petId": "a"})));
    assert!(!v.strict && v.lenient && !v.typed);
    assert_eq!(failure(&v), (Cause::NullLost, "$.name"));
}

#[test]
fn a_null_the_reader_refused_is_placed_where_the_type_has_none() {
    let v = run("Holder", json!({"shape": null}), Err("read: invalid type: null, expected a value at line 1 column 13"));
    assert_eq!(failure(&v), (Cause::NullLost, "$.shape"));
}

#[test]
fn a_null_a_union_refused_is_a_null_lost() {
    let v = run("Holder", json!({"shape": null}), Err("read: data matches no variant of `Shape` at line 1 column 13"));
    assert_eq!(failure(&v), (Cause::NullLost, "$.shape"));
}

#[test]
fn a_value_of_the_wrong_kind_is_placed_where_it_is() {
    let v = run("Pet", json!({"petId": "a", "age": "2"}), Err("read: invalid type: string \"2\", expected a JSON number"));
    assert_eq!(failure(&v), (Cause::Other, "$.age"));
    let v = run("Point", json!({"x": 1, "y": 2}), Ok(json!({"x": 1, "y": 2})));
    assert!(v.typed);
}

#[test]
fn a_number_written_differently_is_a_number() {
    let v = run("Pet", json!({"petId": "a", "tags": [], "age": 1.0}), Ok(json!({"petId": "a", "tags": [], "age": 1})));
    assert_eq!(failure(&v), (Cause::Number, "$.age"));
}

#[test]
fn a_field_that_came_back_absent_is_a_lost_key() {
    let v = run("Pet", json!({"petId": "a", "tags": ["x", "y"]}), Ok(json!({"petId": "a"})));
    assert_eq!(failure(&v), (Cause::LostKey, "$.tags"));
}

#[test]
fn an_item_changed_is_placed_at_its_index() {
    let v = run("Pet", json!({"petId": "a", "tags": ["x", "y"]}), Ok(json!({"petId": "a", "tags": ["x", "z"]})));
    assert_eq!(failure(&v), (Cause::Other, "$.tags[1]"));
}

#[test]
fn a_difference_inside_a_union_is_the_union() {
    let sent = json!({"shape": {"type": "circle", "radius": 1.5}});
    let v = run("Holder", sent, Ok(json!({"shape": {"type": "circle"}})));
    assert_eq!(failure(&v), (Cause::Union, "$.shape.radius"));
    let number = run("Holder", json!({"shape": {"type": "square", "side": 2.0}}), Ok(json!({"shape": {"type": "square", "side": 2}})));
    assert_eq!(failure(&number), (Cause::Union, "$.shape.side"));
}

#[test]
fn a_read_error_naming_a_union_is_placed_at_the_union() {
    let v = run("Holder", json!({"shape": {"type": "triangle"}}), Err("read: data matches no variant of `Shape` at line 1 column 30"));
    assert_eq!(failure(&v), (Cause::Union, "$.shape"));
}

#[test]
fn at_a_union_only_a_key_of_no_member_is_wrong_and_the_chosen_member_is_walked() {
    let sent = json!({"shape": {"type": "circle", "radius": 1, "side": 2, "colour": "red", "center": {"x": 0, "z": 1}}});
    let v = run("Holder", sent.clone(), Ok(sent));
    assert!(v.strict && !v.typed);
    let ir = ir();
    let mut walk = Walk { ir: &ir, path: "$".into(), keys: Vec::new(), diffs: Vec::new(), hints: Vec::new() };
    let sent = json!({"type": "circle", "radius": 1, "side": 2, "colour": "red", "center": {"x": 0, "z": 1}});
    walk.node(Some(&to("Shape")), &sent, None, Cx::ROOT);
    let paths: Vec<&str> = walk.keys.iter().map(|k| k.path.as_str()).collect();
    assert_eq!(paths, ["$.colour", "$.center.z"]);
}

#[test]
fn the_tag_chooses_the_member_as_the_reader_does() {
    let ir = ir();
    let members = [&to("Circle"), &to("Square")];
    let square = json!({"type": "square", "side": 1, "radius": 2});
    assert_eq!(pick(&ir, &members, &square), Some(&to("Square")));
    assert_eq!(pick(&ir, &members, &json!({"radius": 2})), Some(&to("Circle")));
    assert_eq!(pick(&ir, &members, &json!("circle")), None);
}

#[test]
fn among_members_alike_at_the_top_the_one_that_reads_the_value_is_walked() {
    let dest = json!({"config": {"account": "a"}});
    let v = run("Dest", dest.clone(), Ok(dest));
    assert!(v.typed, "{v:?}");
    let ir = ir();
    assert_eq!(pick(&ir, &[&to("DestA"), &to("DestB")], &json!({"config": {"account": "a"}})), Some(&to("DestB")));
    assert_eq!(pick(&ir, &[&to("DestA"), &to("DestB")], &json!({"config": {}})), Some(&to("DestA")));
}

#[test]
fn a_wrong_key_wins_over_what_else_went_wrong() {
    let sent = json!({"petId": "a", "name": null, "nickname": "x", "age": 1.0});
    let v = run("Pet", sent, Ok(json!({"petId": "a", "nickname": "x", "age": 1})));
    assert_eq!(failure(&v), (Cause::WrongKey, "$.nickname"));
    let v = run("Pet", json!({"petId": "a", "nickname": "x"}), Err("read: invalid type: string \"a\", expected i64"));
    assert_eq!(failure(&v), (Cause::WrongKey, "$.nickname"));
}

#[test]
fn a_null_lost_wins_over_a_union_and_a_union_over_a_number() {
    let sent = json!({"shape": {"type": "circle", "radius": 1.0, "center": null}});
    let v = run("Holder", sent, Ok(json!({"shape": {"type": "circle", "radius": 1}})));
    assert_eq!(failure(&v), (Cause::NullLost, "$.shape.center"));
    let v = run("Pet", json!({"petId": "a", "age": 1.0, "tags": []}), Ok(json!({"petId": "a", "age": 1})));
    assert_eq!(failure(&v), (Cause::Number, "$.age"));
}

#[test]
fn a_title_the_crate_lacks_is_other() {
    let ir = ir();
    let v = judge(&ir, None, &json!({"a": 1}), &Err("no model titled `X` in the crate".into()));
    assert_eq!(failure(&v), (Cause::Other, "$"));
}

#[test]
fn error_texts_name_their_cause() {
    let cases = [
        ("read: missing field `id` at line 1 column 2", Cause::WrongKey),
        ("read: invalid type: null, expected a string at line 1 column 9", Cause::NullLost),
        ("read: data matches no variant of `Content`: invalid type: null, expected a string", Cause::NullLost),
        ("read: data matches no variant of `Content`", Cause::Union),
        ("read: `Event` has no variant whose `type` is \"x\" (known: a, b)", Cause::Union),
        ("read: invalid type: floating point `1.5`, expected i64 at line 1 column 9", Cause::Number),
        ("read: invalid value: integer `18446744073709551615`, expected i64", Cause::Number),
        ("read: invalid type: string \"2\", expected a JSON number", Cause::Other),
    ];
    for (text, cause) in cases {
        assert_eq!(error_cause(text), cause, "{text}");
    }
}

proptest::proptest! {
    /// Any instance and any value back is judged without panic, and the
    /// verdict is consistent: typed implies strict implies lenient, and only a
    /// strict failure has a cause.
    #[test]
    fn any_pair_is_judged_consistently(sent in json_value(), back in json_value(), title in "Pet|Holder|Meta|Shape|Nope") {
        let ir = ir();
        let v = judge(&ir, Some(&to(&title)), &sent, &Ok(back));
        proptest::prop_assert!(!v.typed || v.strict);
        proptest::prop_assert!(!v.strict || v.lenient);
        proptest::prop_assert_eq!(v.failure.is_some(), !v.strict);
    }
}

fn json_value() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        "[a-z]{0,3}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        let keys = "petId|name|tags|owner|age|note|shape|type|radius|side|kind|x|[a-z]{1,2}";
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map(keys, inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
