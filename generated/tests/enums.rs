//! What a string enum has besides serde: its wire value as `as_str`, `Display`
//! and `FromStr`, which reads any text; a number enum's `Display` is its JSON
//! text.

use std::str::FromStr;

use generated::shared::{Channel, Priority};
use serde_json::json;

#[test]
fn a_string_enum_reads_and_shows_its_wire_value() {
    let unknown = Channel::Unknown("fax".into());
    assert_eq!(Channel::PushNow.as_str(), "push \"now\"");
    assert_eq!(unknown.as_str(), "fax");
    assert_eq!(Channel::Email.to_string(), "email");
    for channel in [Channel::Email, Channel::Sms, Channel::PushNow, unknown] {
        // `FromStr` never fails (its error is `Infallible`): it reads back what `Display` wrote.
        let Ok(parsed) = Channel::from_str(&channel.to_string());
        assert_eq!(parsed, channel);
        // serde writes the same text and reads it back alike.
        let written = serde_json::to_value(&channel).unwrap();
        assert_eq!(written, json!(channel.as_str()));
        assert_eq!(serde_json::from_value::<Channel>(written).unwrap(), channel);
    }
    assert_eq!("sms".parse::<Channel>(), Ok(Channel::Sms));
}

#[test]
fn a_number_enum_shows_its_json_text() {
    let read: Vec<Priority> = serde_json::from_value(json!([0, -1, 1.0, 0.5, 7, "1"])).unwrap();
    let shown: Vec<String> = read.iter().map(Priority::to_string).collect();
    assert_eq!(shown, ["0", "-1", "1.0", "0.5", "7", "\"1\""]);
}
