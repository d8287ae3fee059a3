//! Hand-written JSON through the generated types: each test asserts the exact JSON
//! that comes back. (This file is written by hand; only `src/` and `Cargo.toml`
//! are generated.)

use generated::{SignInToken, SignInTokenObject, SignInTokenStatus, Specimen, SpecimenKind, SpecimenValue};
use serde_json::{json, Value};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(input: &Value) -> Value {
    let parsed: T = serde_json::from_str(&input.to_string()).expect("deserializes");
    serde_json::to_value(&parsed).expect("serializes")
}

fn token() -> Value {
    json!({
        "object": "sign_in_token",
        "id": "sit_2b5k",
        "status": "pending",
        "user_id": "user_29w",
        "token": "eyJhbGciOi",
        "url": "https://example.com/v1/tickets/accept?ticket=eyJhbGciOi",
        "created_at": 1_717_243_200,
        "updated_at": 1_717_243_260
    })
}

#[test]
fn sign_in_token_with_every_field() {
    let input = token();
    assert_eq!(round_trip::<SignInToken>(&input), input);
    let parsed: SignInToken = serde_json::from_value(input).unwrap();
    assert_eq!(parsed.status, SignInTokenStatus::Pending);
    assert_eq!(parsed.token.as_deref(), Some("eyJhbGciOi"));
}

#[test]
fn sign_in_token_without_token() {
    let mut input = token();
    input.as_object_mut().unwrap().remove("token");
    let back = round_trip::<SignInToken>(&input);
    assert_eq!(back, input);
    assert!(back.get("token").is_none(), "an absent optional field stays absent");
}

#[test]
fn sign_in_token_with_null_url() {
    // `url` is optional: `null` and absence mean the same and come back as absence.
    let mut input = token();
    input["url"] = Value::Null;
    let mut expected = token();
    expected.as_object_mut().unwrap().remove("url");
    assert_eq!(round_trip::<SignInToken>(&input), expected);
}

#[test]
fn sign_in_token_with_unknown_status() {
    let mut input = token();
    input["status"] = json!("expired_by_admin");
    assert_eq!(round_trip::<SignInToken>(&input), input);
    let parsed: SignInToken = serde_json::from_value(input).unwrap();
    assert_eq!(parsed.status, SignInTokenStatus::Unknown("expired_by_admin".into()));
}

#[test]
fn sign_in_token_missing_a_required_field_is_an_error() {
    let mut input = token();
    input.as_object_mut().unwrap().remove("id");
    let err = serde_json::from_value::<SignInToken>(input).unwrap_err();
    assert!(err.to_string().contains("missing field `id`"), "{err}");
}

fn specimen() -> Value {
    json!({
        "name": "n",
        "count": 3,
        "weight": 0.25,
        "enabled": false,
        "nickname": null,
        "extra": {"anything": [1, "x", null]},
        "kind": "*",
    })
}

#[test]
fn required_nullable_field_is_written_as_null() {
    let input = specimen();
    let back = round_trip::<Specimen>(&input);
    assert_eq!(back, input);
    assert_eq!(back["nickname"], Value::Null);
}

#[test]
fn dates_keep_their_exact_text() {
    for date in ["2024-06-01", "2024-06-01T12:34:56.789Z", "2024-06-01T12:34:56+02:00"] {
        let mut input = specimen();
        input["born_on"] = json!(date);
        assert_eq!(round_trip::<Specimen>(&input), input);
    }
}

#[test]
fn keywords_digits_camel_case_and_maps() {
    let mut input = specimen();
    let extra = json!({
        "type": "t",
        "self": "s",
        "2fa_enabled": true,
        "userId": "u",
        "groups": {"a": ["x", "y"], "b": []},
        "labels": {"k": "v"},
        "metadata": {"m": {"deep": [true]}},
        "anything": 7,
        "history": ["accepted", "some_future_status"],
    });
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    assert_eq!(round_trip::<Specimen>(&input), input);
    let parsed: Specimen = serde_json::from_value(input).unwrap();
    assert_eq!(parsed.r#type.as_deref(), Some("t"));
    assert_eq!(parsed.self_.as_deref(), Some("s"));
    assert_eq!(parsed._2fa_enabled, Some(true));
    assert_eq!(parsed.user_id.as_deref(), Some("u"));
}

#[test]
fn awkward_enum_values_round_trip() {
    for (wire, variant) in [
        ("*", SpecimenKind::Star),
        ("1h", SpecimenKind::V1h),
        ("Foo", SpecimenKind::Foo),
        ("FOO", SpecimenKind::Foo2),
        ("with space", SpecimenKind::WithSpace),
        ("", SpecimenKind::Empty),
        ("foo", SpecimenKind::Unknown("foo".into())),
    ] {
        let parsed: SpecimenKind = serde_json::from_value(json!(wire)).unwrap();
        assert_eq!(parsed, variant);
        assert_eq!(serde_json::to_value(&parsed).unwrap(), json!(wire));
    }
}

#[test]
fn unions_pick_the_variant_that_fits() {
    assert_eq!(serde_json::from_value::<SpecimenValue>(json!(5)).unwrap(), SpecimenValue::Integer(5));
    assert_eq!(serde_json::from_value::<SpecimenValue>(json!("5")).unwrap(), SpecimenValue::String("5".into()));
    assert!(serde_json::from_value::<SpecimenValue>(json!([5])).is_err());
}

#[test]
fn recursion_and_free_form_objects() {
    let mut input = specimen();
    input["parent"] = specimen();
    input["children"] = json!([specimen(), specimen()]);
    input["attributes"] = json!({"whatever": {"nested": [1, 2]}, "n": null});
    assert_eq!(round_trip::<Specimen>(&input), input);
}

#[test]
fn floats_keep_their_number() {
    // A Float field (`f64`) that the API fills with an integer must not come back
    // as `3.0` (strict servers reject that for integer columns).
    for weight in [json!(3), json!(0.25), json!(1716883200), json!(1.0e-7), json!(-0.5)] {
        let mut input = specimen();
        input["weight"] = weight.clone();
        assert_eq!(round_trip::<Specimen>(&input)["weight"], weight);
    }
    // What an `f64` cannot hold comes back as the nearest one: `--exact-numbers`
    // (`serde_json::Number`) is for APIs that send such numbers.
    let mut input = specimen();
    input["weight"] = json!(9007199254740993_u64);
    assert_eq!(round_trip::<Specimen>(&input)["weight"], json!(9007199254740992_u64));
}

#[test]
fn values_are_built_with_new_and_field_assignment() {
    // Structs are `#[non_exhaustive]` (a field added to the docs must not break this
    // code), so code outside the crate builds them with `new` and sets optional fields.
    let mut built = SignInToken::new(
        SignInTokenObject::SignInToken,
        "sit_2b5k".into(),
        SignInTokenStatus::Pending,
        "user_29w".into(),
        1_717_243_200,
        1_717_243_260,
    );
    built.token = Some("eyJhbGciOi".into());
    built.url = Some("https://example.com/v1/tickets/accept?ticket=eyJhbGciOi".into());
    assert_eq!(serde_json::to_value(&built).unwrap(), token());

    let response = generated::GetSignInTokenResponse::new(200);
    assert_eq!(serde_json::to_value(&response).unwrap(), json!({"status_code": 200}));

    // A struct with no required field is `Default` as well, and `new()` gives the same.
    let mut page = generated::ListSignInTokensRequest::default();
    assert_eq!(page, generated::ListSignInTokensRequest::new());
    page.limit = Some(10);
    assert_eq!(serde_json::to_value(&page).unwrap(), json!({"limit": 10}));
}

#[test]
fn enums_and_unions_are_non_exhaustive_so_matches_need_a_wildcard() {
    // Adding a value to the docs adds a variant; this match keeps compiling.
    let describe = |s: &SignInTokenStatus| match s {
        SignInTokenStatus::Pending => "pending",
        SignInTokenStatus::Unknown(_) => "unlisted",
        _ => "other",
    };
    assert_eq!(describe(&SignInTokenStatus::Revoked), "other");
    let value = match SpecimenValue::Integer(5) {
        SpecimenValue::Integer(n) => n,
        _ => 0,
    };
    assert_eq!(value, 5);
}

#[test]
fn number_enums_read_and_write_numbers_as_written() {
    use generated::Priority;
    for (json, value) in [("0", Priority::Disable), ("-1", Priority::MinusOne), ("1.0", Priority::OneDot0), ("0.5", Priority::Half)] {
        let parsed: Priority = serde_json::from_str(json).unwrap();
        assert_eq!(parsed, value, "{json}");
        assert_eq!(serde_json::to_string(&parsed).unwrap(), json);
    }
    // `1` is not `1.0`; any other number is kept as it came. The docs' table
    // cannot quote a value, so `"0"` may be what the API sends: it is kept, a
    // string, and written back so; what is neither a number nor a string is refused.
    for json in ["1", "42", "-3.25", "18446744073709551615", "\"0\"", "\"high\""] {
        let parsed: Priority = serde_json::from_str(json).unwrap();
        assert!(matches!(parsed, Priority::Unknown(_)), "{json}");
        assert_eq!(serde_json::to_string(&parsed).unwrap(), json);
    }
    for json in ["true", "null", "[0]", "{}"] {
        assert!(serde_json::from_str::<Priority>(json).is_err(), "{json}");
    }
}

#[test]
fn code_block_enums_and_the_model_that_names_them() {
    use generated::{Channel, Delivery, Priority};
    let input = json!({"priority": 0.5, "channels": ["email", "push \"now\"", "pager"], "fallback": -1});
    assert_eq!(round_trip::<Delivery>(&input), input);
    let parsed: Delivery = serde_json::from_value(input).unwrap();
    assert_eq!(parsed.channels.unwrap(), [Channel::Email, Channel::PushNow, Channel::Unknown("pager".into())]);
    assert_eq!(parsed.fallback, Some(Priority::MinusOne));
}
