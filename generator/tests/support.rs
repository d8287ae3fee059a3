//! The support file that every generated crate gets, compiled here as the Rust
//! source it is, and its union reader tried on types written as the emitter
//! writes them.

#[path = "../src/emit/support.rs"]
mod support;

mod shared {
    use serde::Deserialize;

    /// A string enum of one value: the tag of `Cat`.
    #[derive(Debug, Clone, PartialEq)]
    pub enum CatKind {
        Cat,
        Unknown(String),
    }
    super::support::string_enum!(CatKind, Unknown, { Cat = "cat" });

    #[derive(Debug, Clone, PartialEq)]
    pub enum DogKind {
        Dog,
        Unknown(String),
    }
    super::support::string_enum!(DogKind, Unknown, { Dog = "dog" });

    #[derive(Debug, Clone, PartialEq)]
    pub struct Cat {
        pub kind: CatKind,
        pub lives: Option<i64>,
        pub additional_properties: serde_json::Map<String, serde_json::Value>,
    }
    super::support::object!(Cat, { 0 => kind = "kind" required, 1 => lives = "lives" default }, rest = additional_properties);

    #[derive(Debug, Clone, PartialEq)]
    pub struct Dog {
        pub kind: DogKind,
        pub lives: Option<String>,
        pub additional_properties: serde_json::Map<String, serde_json::Value>,
    }
    super::support::object!(Dog, { 0 => kind = "kind" required, 1 => lives = "lives" default }, rest = additional_properties);

    /// One field of each read, the keyword one renamed in Rust.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Pen {
        pub r#type: String,
        pub ink: Option<String>,
        pub cap: Option<bool>,
        pub clip: Option<Option<i64>>,
        pub additional_properties: serde_json::Map<String, serde_json::Value>,
    }
    super::support::object!(Pen, {
        0 => r#type = "type" required,
        1 => ink = "ink" required,
        2 => cap = "cap" default,
        3 => clip = "clip" double_option,
    }, rest = additional_properties);

    /// An optional field of any JSON value, and one of a struct's own.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Note {
        pub body: Option<serde_json::Value>,
        pub cap: Option<bool>,
    }
    super::support::object!(Note, { 0 => body = "body" any, 1 => cap = "cap" default });

    /// A struct whose every documented field was left out: only its rest.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Bare {
        pub additional_properties: serde_json::Map<String, serde_json::Value>,
    }
    super::support::object!(Bare, {}, rest = additional_properties);

    /// Told apart by `kind`: one value per member.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[serde(untagged)]
    pub enum Pet {
        Cat(Cat),
        Dog(Dog),
    }

    impl<'de> Deserialize<'de> for Pet {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            use super::support::{Shape, OBJECT};
            super::support::union(
                deserializer,
                "Pet",
                &[
                    (
                        Shape::of(OBJECT).keys(&["kind", "lives"]).required(&["kind"]).tags(&[("kind", "cat")]),
                        |v| Deserialize::deserialize(v).map(Pet::Cat),
                    ),
                    (
                        Shape::of(OBJECT).keys(&["kind", "lives"]).required(&["kind"]).tags(&[("kind", "dog")]),
                        |v| Deserialize::deserialize(v).map(Pet::Dog),
                    ),
                ],
            )
        }
    }

    /// Told apart by `kind`, with a catch-all member for the tags it does not know.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[serde(untagged)]
    pub enum Animal {
        Cat(Cat),
        Dog(Dog),
        Other(serde_json::Value),
    }

    impl<'de> Deserialize<'de> for Animal {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            use super::support::{Shape, ANY, OBJECT};
            super::support::union(
                deserializer,
                "Animal",
                &[
                    (
                        Shape::of(OBJECT).keys(&["kind", "lives"]).required(&["kind"]).tags(&[("kind", "cat")]),
                        |v| Deserialize::deserialize(v).map(Animal::Cat),
                    ),
                    (
                        Shape::of(OBJECT).keys(&["kind", "lives"]).required(&["kind"]).tags(&[("kind", "dog")]),
                        |v| Deserialize::deserialize(v).map(Animal::Dog),
                    ),
                    (Shape::of(ANY), |v| Deserialize::deserialize(v).map(Animal::Other)),
                ],
            )
        }
    }

    /// `f64`s in each read and container, and a rest of them, as the emitter
    /// marks them `float`.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Gauge {
        pub level: f64,
        pub low: Option<f64>,
        pub high: Option<Option<f64>>,
        pub series: Option<Vec<Option<f64>>>,
        pub by_name: std::collections::BTreeMap<String, Vec<f64>>,
        pub count: Option<i64>,
        pub others: std::collections::BTreeMap<String, f64>,
    }
    super::support::object!(Gauge, {
        0 => level = "level" required float,
        1 => low = "low" default float,
        2 => high = "high" double_option float,
        3 => series = "series" default float,
        4 => by_name = "byName" required float,
        5 => count = "count" default,
    }, rest = others float);

    /// A union with a member of floats, as the emitter writes it.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[serde(untagged)]
    pub enum Reading {
        #[serde(serialize_with = "super::support::float::serialize")]
        Value(f64),
        #[serde(serialize_with = "super::support::float::serialize")]
        Values(Vec<f64>),
        Word(String),
    }

    impl<'de> Deserialize<'de> for Reading {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            use super::support::{Shape, ARRAY, FLOAT, INTEGER, STRING};
            super::support::union(
                deserializer,
                "Reading",
                &[
                    (Shape::of(INTEGER | FLOAT), |v| Deserialize::deserialize(v).map(Reading::Value)),
                    (Shape::of(ARRAY), |v| Deserialize::deserialize(v).map(Reading::Values)),
                    (Shape::of(STRING), |v| Deserialize::deserialize(v).map(Reading::Word)),
                ],
            )
        }
    }

    /// Numbers by their JSON text, and numbers a table could not quote.
    #[derive(Debug, Clone, PartialEq)]
    pub enum Level {
        One,
        Half,
        Unknown(serde_json::Number),
    }
    super::support::number_enum!(Level, Unknown, { One = 1i64 as "1", Half = 0.5f64 as "0.5" });

    #[derive(Debug, Clone, PartialEq)]
    pub enum Grade {
        One,
        Unknown(serde_json::Value),
    }
    super::support::either_enum!(Grade, Unknown, { One = 1i64 as "1" });

    /// Two members that only a deep read tells apart: `Vec<i64>` or `Vec<String>`.
    #[derive(Debug, Clone, PartialEq, serde::Serialize)]
    #[serde(untagged)]
    pub enum List {
        Numbers(Vec<i64>),
        Words(Vec<String>),
    }

    impl<'de> Deserialize<'de> for List {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            use super::support::{Shape, ARRAY};
            super::support::union(
                deserializer,
                "List",
                &[
                    (Shape::of(ARRAY), |v| Deserialize::deserialize(v).map(List::Numbers)),
                    (Shape::of(ARRAY), |v| Deserialize::deserialize(v).map(List::Words)),
                ],
            )
        }
    }
}

use serde_json::json;
use shared::{Animal, Bare, CatKind, Gauge, Grade, Level, List, Pen, Pet, Reading};

#[test]
fn a_float_is_written_as_it_was_read_and_an_integral_one_as_an_integer() {
    let text = r#"{"level":1,"low":-0.25,"high":null,"series":[2,null,0.1,1e+300],"byName":{"a":[3,4.5]},"count":7,"x":12,"y":1.5e-7}"#;
    let gauge: Gauge = serde_json::from_str(text).unwrap();
    assert_eq!(gauge.level, 1.0);
    assert_eq!(gauge.high, Some(None));
    assert_eq!(gauge.others.get("x"), Some(&12.0));
    assert_eq!(serde_json::to_string(&gauge).unwrap(), text);
    // A value computed in Rust: integral ones as integers, others in full.
    let computed = Gauge { level: 3.0, low: Some(0.1 + 0.2), high: None, series: None, by_name: Default::default(), count: None, others: Default::default() };
    assert_eq!(serde_json::to_string(&computed).unwrap(), r#"{"level":3,"low":0.30000000000000004,"byName":{}}"#);
    // As JavaScript writes them: digits below 1e21, an exponent from there.
    for (read, written) in [("1e20", "100000000000000000000"), ("-9223372036854775808", "-9223372036854775808"), ("1e21", "1e+21")] {
        let big: Gauge = serde_json::from_str(&format!(r#"{{"level":{read},"byName":{{}}}}"#)).unwrap();
        assert_eq!(serde_json::to_string(&big).unwrap(), format!(r#"{{"level":{written},"byName":{{}}}}"#));
    }
}

#[test]
fn a_string_enum_is_its_wire_value_as_text_and_any_text_is_one() {
    let unknown = CatKind::Unknown("lynx".into());
    assert_eq!((CatKind::Cat.as_str(), unknown.as_str()), ("cat", "lynx"));
    assert_eq!((CatKind::Cat.to_string(), unknown.to_string()), ("cat".to_string(), "lynx".to_string()));
    // `FromStr` never fails: a value the docs do not list is the catch-all's.
    let parsed: [CatKind; 2] = ["cat".parse().unwrap_or_else(|e| match e {}), "lynx".parse().unwrap_or_else(|e| match e {})];
    assert_eq!(parsed, [CatKind::Cat, unknown.clone()]);
    // What `Display` writes, `FromStr` and serde read back.
    for kind in [CatKind::Cat, unknown] {
        let text: Result<CatKind, std::convert::Infallible> = kind.to_string().parse();
        assert_eq!(text, Ok(kind.clone()));
        assert_eq!(serde_json::to_value(&kind).unwrap(), json!(kind.as_str()));
    }
}

#[test]
fn a_union_member_of_floats_writes_them_as_it_read_them() {
    let text = r#"[5,0.5,[1,2.5],"x"]"#;
    let readings: Vec<Reading> = serde_json::from_str(text).unwrap();
    assert_eq!(readings[0], Reading::Value(5.0));
    assert_eq!(serde_json::to_string(&readings).unwrap(), text);
}

#[test]
fn a_number_enum_displays_its_json_text() {
    let shown: Vec<String> = [Level::One, Level::Half, Level::Unknown(serde_json::Number::from(7))].iter().map(Level::to_string).collect();
    assert_eq!(shown, ["1", "0.5", "7"]);
    let sent: Vec<Grade> = serde_json::from_value(json!([1, "1", 2])).unwrap();
    let shown: Vec<String> = sent.iter().map(Grade::to_string).collect();
    assert_eq!(shown, ["1", "\"1\"", "2"]);
}

#[test]
fn a_struct_of_no_field_keeps_every_key() {
    let json = json!({"a": 1, "b": [null]});
    let bare: Bare = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(serde_json::to_value(&bare).unwrap(), json);
    let from_array: Bare = serde_json::from_str("[]").unwrap();
    assert!(from_array.additional_properties.is_empty());
}

#[test]
fn each_read_writes_as_serde_s_derive_wrote_it() {
    let pen = |ink: Option<&str>, cap, clip| Pen {
        r#type: "fountain".into(),
        ink: ink.map(String::from),
        cap,
        clip,
        additional_properties: serde_json::Map::new(),
    };
    let text = |p: &Pen| serde_json::to_string(p).unwrap();
    // `required` is written as `null` when `None`; `default` is left out.
    assert_eq!(text(&pen(None, None, None)), r#"{"type":"fountain","ink":null}"#);
    // `double_option`: `Some(None)` is `null`, absent is left out.
    assert_eq!(text(&pen(Some("blue"), Some(true), Some(None))), r#"{"type":"fountain","ink":"blue","cap":true,"clip":null}"#);
    assert_eq!(text(&pen(None, Some(false), Some(Some(2)))), r#"{"type":"fountain","ink":null,"cap":false,"clip":2}"#);
    // Unknown keys after the documented ones, in the order read.
    let sent = r#"{"z":1,"type":"ball","a":[true],"clip":null,"ink":"red"}"#;
    let read: Pen = serde_json::from_str(sent).unwrap();
    assert_eq!(read.clip, Some(None));
    assert_eq!(text(&read), r#"{"type":"ball","ink":"red","clip":null,"a":[true],"z":1}"#);
}

#[test]
fn a_tag_picks_the_member_and_an_unknown_tag_is_named() {
    let cat: Pet = serde_json::from_value(json!({"kind": "cat", "lives": 9})).unwrap();
    assert!(matches!(cat, Pet::Cat(_)));
    // The cat's `lives` is a number, the dog's a string: only the tag decides,
    // as a dog's `lives` text would not read as a cat.
    let dog: Pet = serde_json::from_str(r#"{"lives": "many", "kind": "dog", "bark": true}"#).unwrap();
    let Pet::Dog(dog) = dog else { panic!("not a dog") };
    assert_eq!(dog.additional_properties["bark"], json!(true));
    let err = serde_json::from_value::<Pet>(json!({"kind": "cow"})).unwrap_err().to_string();
    assert_eq!(err, "`Pet` has no variant whose `kind` is \"cow\" (known: cat, dog)");
}

#[test]
fn an_unknown_tag_reads_into_the_catch_all_where_the_union_has_one() {
    let cow = json!({"kind": "cow", "lives": 1});
    assert_eq!(serde_json::from_value::<Animal>(cow.clone()).unwrap(), Animal::Other(cow));
    // A known tag picks its member though the catch-all, too, would read it.
    let dog: Animal = serde_json::from_value(json!({"kind": "dog", "lives": "many"})).unwrap();
    assert!(matches!(dog, Animal::Dog(_)), "{dog:?}");
    // A known tag whose member cannot read the rest of the value: the catch-all keeps it.
    let odd = json!({"kind": "cat", "lives": "nine"});
    assert_eq!(serde_json::from_value::<Animal>(odd.clone()).unwrap(), Animal::Other(odd));
}

#[test]
fn a_member_that_fails_deep_leaves_the_value_to_the_next() {
    let words: List = serde_json::from_str(r#"["a", "b"]"#).unwrap();
    assert_eq!(words, List::Words(vec!["a".into(), "b".into()]));
    let numbers: List = serde_json::from_str("[1, 2]").unwrap();
    assert_eq!(numbers, List::Numbers(vec![1, 2]));
    let err = serde_json::from_str::<List>("[1, \"a\"]").unwrap_err().to_string();
    assert!(err.starts_with("data matches no variant of `List`: "), "{err}");
}

#[test]
fn what_a_union_reads_it_writes_back() {
    let text = r#"[{"kind":"cat","lives":3,"x":[1.5,{"y":null}]},{"kind":"dog"}]"#;
    let pets: Vec<Pet> = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&pets).unwrap(), text);
}

#[test]
fn the_file_is_formatted_by_rustfmt_and_every_crate_gets_it_as_it_is() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/emit/support.rs");
    let rustfmt = std::process::Command::new("rustfmt").args(["--edition", "2021", "--check", path]).output();
    let rustfmt = rustfmt.expect("rustfmt runs (rustup component add rustfmt)");
    assert!(rustfmt.status.success(), "rustfmt would change it:\n{}", String::from_utf8_lossy(&rustfmt.stdout));
    let written = include_str!("../../generated/src/support.rs");
    assert!(written.ends_with(docs2rs::emit::SUPPORT), "generated/src/support.rs is not the file as it is");
    // What prettyplease prints for a `macro_rules!` body it cannot parse.
    for token_stream in ["< 'de >", "& self", ") ?"] {
        assert!(!written.contains(token_stream), "printed as a token stream: `{token_stream}`");
    }
}

/// A crate of a thousand enums compiles none of their methods until a user's
/// crate calls one (as their serde impls, which are generic): each plain
/// method of the enum macros is `#[inline]` (its code is then built where it
/// is used). Without it a release build of python-bolt's crate held 443
/// functions of its own instead of 213.
#[test]
fn the_enum_macros_plain_methods_are_inline() {
    let mut seen = 0;
    for name in ["string_enum", "number_enum", "either_enum"] {
        let start = docs2rs::emit::SUPPORT.find(&format!("macro_rules! {name} ")).expect("the macro is there");
        let body = &docs2rs::emit::SUPPORT[start..];
        let body = &body[..body.find("\n}\n").expect("the macro ends")];
        let lines: Vec<&str> = body.lines().map(str::trim).collect();
        for (i, line) in lines.iter().enumerate() {
            let plain = (line.starts_with("fn ") || line.starts_with("pub fn ")) && !line.contains("fn serialize") && !line.contains("fn deserialize");
            if plain {
                seen += 1;
                assert_eq!(lines[i - 1], "#[inline]", "{name}: `{line}` is not #[inline]");
            }
        }
    }
    assert_eq!(seen, 6, "as_str, from_string, fmt and from_str; fmt in the two number macros");
}

/// An optional field of any JSON value keeps `null` apart from absent (`null`
/// is a JSON value); an optional `bool` reads `null` as absent, as serde does.
#[test]
fn an_optional_any_value_keeps_null() {
    use shared::Note;
    for text in [r#"{"body":null}"#, r#"{}"#, r#"{"body":{"a":[null]}}"#, r#"{"body":false,"cap":true}"#] {
        let note: Note = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&note).unwrap(), text);
    }
    let null: Note = serde_json::from_str(r#"{"body":null,"cap":null}"#).unwrap();
    assert_eq!(null, Note { body: Some(serde_json::Value::Null), cap: None });
    let seq: Note = serde_json::from_str("[null]").unwrap();
    assert_eq!(seq.body, Some(serde_json::Value::Null));
}
