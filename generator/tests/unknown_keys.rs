//! Every struct keeps the keys its docs do not list; the SDK's holder of such
//! keys (named and typed per dialect) becomes that field rather than a key.

use docs2rs::ir::{ModelKind, Rest, TypeRef, UnknownKeys};
use docs2rs::Config;

fn rest_of(files: &[(&str, &str)], config: &mut Config, model: &str) -> (Option<Rest>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let generation = config.generate(dir.path()).unwrap_or_else(|f| panic!("{f}"));
    let ids: Vec<&str> = generation.ir.models.iter().map(|m| m.id.as_ref()).collect();
    let m = generation.ir.model(model).unwrap_or_else(|| panic!("no {model} in {ids:?}"));
    let ModelKind::Struct { fields, rest, .. } = &m.kind else { panic!("{model} is no struct") };
    (rest.clone(), fields.iter().map(|f| f.wire_name.clone()).collect())
}

const TS_USER: &str = "# User\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n\
    | `id` | *string* | :heavy_check_mark: | N/A |\n\
    | `additionalProperties` | Record<string, *number*> | :heavy_minus_sign: | N/A |\n";

#[test]
fn the_holder_types_the_field_and_is_no_key() {
    let (rest, keys) = rest_of(&[("models/components/user.md", TS_USER)], &mut Config::new(), "models::User");
    let rest = rest.expect("a rest field");
    assert_eq!(rest.rust_name, "additional_properties");
    assert_eq!(rest.value, TypeRef::Number);
    assert_eq!(rest.documented.expect("from the docs").printed_name, "additionalProperties");
    assert_eq!(keys, ["id"]);
}

#[test]
fn a_plain_field_of_the_name_stays_a_field_and_the_rest_is_numbered() {
    // Python's holder is `__pydantic_extra__`; `additional_properties` of type
    // `str` is a key like any other.
    let doc = "# Run\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n\
        | `id` | *str* | :heavy_check_mark: | N/A |\n\
        | `additional_properties` | *Optional[str]* | :heavy_minus_sign: | N/A |\n";
    let (rest, keys) = rest_of(&[("docs/models/run.md", doc)], &mut Config::new(), "models::Run");
    assert_eq!(keys, ["id", "additional_properties"]);
    let rest = rest.expect("a rest field");
    assert_eq!((rest.rust_name.as_str(), &rest.value, rest.documented), ("additional_properties_2", &TypeRef::Any, None));
}

#[test]
fn dropping_unknown_keys_leaves_only_a_documented_holder() {
    let plain = "# Plain\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n\
        | `id` | *string* | :heavy_check_mark: | N/A |\n";
    let files = [("models/components/user.md", TS_USER), ("models/components/plain.md", plain)];
    let mut config = Config::new();
    config.unknown_keys(UnknownKeys::Drop);
    assert_eq!(rest_of(&files, &mut config, "models::Plain").0, None);
    assert!(rest_of(&files, &mut config, "models::User").0.is_some());
}
