//! A doc with no fields reads what its docs say it is: `FreeForm`'s call it an
//! object, `Setting`'s usage example is `true`, so any JSON value.

use generated::shared::{FreeForm, Setting};
use serde_json::{json, Value};

#[test]
fn a_model_of_no_shape_reads_and_writes_back_any_value() {
    for value in [json!(true), json!("on"), json!(3.5), json!(null), json!([1, {"a": null}]), json!({"k": [true]})] {
        let setting: Setting = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(setting.0, value);
        assert_eq!(serde_json::to_value(&setting).unwrap(), value);
    }
}

#[test]
fn a_model_its_docs_call_an_object_reads_only_objects() {
    let object: FreeForm = serde_json::from_value(json!({"k": 1})).unwrap();
    assert_eq!(Value::Object(object.0), json!({"k": 1}));
    assert!(serde_json::from_value::<FreeForm>(json!(true)).is_err());
}
