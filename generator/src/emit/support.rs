//! Helpers that the generated types call: how structs, enums and unions read
//! and write JSON. The same file is in every crate docs2rs writes; a crate
//! that has no union, say, leaves those helpers unused.
#![allow(dead_code, unused_imports, unused_macros)]

use std::cell::Cell;
use std::collections::BTreeMap;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};
use serde::ser::SerializeMap;
use serde::Serialize;
use serde_json::{Map, Value};

/// `Serialize` and `Deserialize` for a string enum with a catch-all variant,
/// and what a hand-written one has besides: `as_str` (the wire value),
/// `Display` (the same) and `FromStr`, which never fails (a value the docs do
/// not list is the catch-all's). Every std item is named by its full path, so
/// that no model's name shadows it. The methods are `#[inline]`, as the serde
/// impls are generic: a crate of a thousand enums builds none of their code
/// until a user's crate calls it, and then only what it calls.
macro_rules! string_enum {
    ($name:ident, $catch_all:ident, { $($variant:ident = $wire:literal),* $(,)? }) => {
        impl $name {
            /// The value as the API writes it.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$catch_all(value) => value,
                }
            }

            /// The value read moves into the catch-all uncopied. One match for
            /// `FromStr` and serde.
            #[inline]
            fn from_string(value: ::std::string::String) -> Self {
                match value.as_str() {
                    $($wire => Self::$variant,)*
                    _ => Self::$catch_all(value),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            #[inline]
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from_string(::std::borrow::ToOwned::to_owned(value)))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as ::serde::Deserialize>::deserialize(deserializer).map(Self::from_string)
            }
        }
    };
}

pub(crate) use string_enum;

/// `Serialize` and `Deserialize` for a number enum with a catch-all variant,
/// and `Display` (`#[inline]`, as in `string_enum!`), which writes the
/// number's JSON text. A value is matched by the text JSON writes it as: `1.0`
/// and `1` are two.
macro_rules! number_enum {
    ($name:ident, $catch_all:ident, { $($variant:ident = $value:literal as $text:literal),* $(,)? }) => {
        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $(Self::$variant => f.write_str($text),)*
                    Self::$catch_all(value) => ::std::fmt::Display::fmt(value, f),
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant => ::serde::Serialize::serialize(&$value, serializer),)*
                    Self::$catch_all(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Number as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(match ::std::string::ToString::to_string(&value).as_str() {
                    $($text => Self::$variant,)*
                    _ => Self::$catch_all(value),
                })
            }
        }
    };
}

pub(crate) use number_enum;

/// `Serialize` and `Deserialize` for an enum of numbers that a docs table
/// printed and could not quote: the API may send `1` or `"1"`. A number is
/// matched as in `number_enum!`; anything else read (a string, a number not
/// listed) is kept in the catch-all as it came, and written back so.
/// `Display` writes the JSON text: a string sent is shown quoted.
macro_rules! either_enum {
    ($name:ident, $catch_all:ident, { $($variant:ident = $value:literal as $text:literal),* $(,)? }) => {
        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    $(Self::$variant => f.write_str($text),)*
                    Self::$catch_all(value) => ::std::fmt::Display::fmt(value, f),
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant => ::serde::Serialize::serialize(&$value, serializer),)*
                    Self::$catch_all(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let text = match &value {
                    ::serde_json::Value::Number(number) => ::std::string::ToString::to_string(number),
                    ::serde_json::Value::String(_) => return ::std::result::Result::Ok(Self::$catch_all(value)),
                    _ => return ::std::result::Result::Err(<D::Error as ::serde::de::Error>::custom("expected a number or a string")),
                };
                ::std::result::Result::Ok(match text.as_str() {
                    $($text => Self::$variant,)*
                    _ => Self::$catch_all(value),
                })
            }
        }
    };
}

pub(crate) use either_enum;

/// A struct's `Deserialize`, as serde's derive reads it, plus the keys its
/// docs do not list; and its `Serialize`, which writes them back.
///
/// From a JSON object: a key is matched against the wire names; a repeated
/// key is an error; an absent `required` key is an error (`None` for an
/// `Option`), an absent `default` or `double_option` key is `None`, and
/// `double_option` reads `null` as `Some(None)` and `any` (an optional
/// `serde_json::Value`) as `Some(Value::Null)`. A key no field has goes into
/// the `rest` field when the struct has one, else it is skipped. From a JSON
/// array: the values in field order.
///
/// Written as a map: the fields in order (a `default`, `double_option` or
/// `any` field that is `None` is left out, `Some(None)` is `null`), then the
/// `rest` keys.
macro_rules! object {
    (@read $map:ident, double_option) => {
        ::std::option::Option::Some(::std::option::Option::Some($map.next_value()?))
    };
    (@read $map:ident, any) => {
        ::std::option::Option::Some(::std::option::Option::Some($map.next_value()?))
    };
    (@read $map:ident, $read:ident) => {
        ::std::option::Option::Some($map.next_value()?)
    };
    (@finish $value:ident, $wire:literal, required) => {
        super::support::required::<_, __A::Error>($value, $wire)?
    };
    (@finish $value:ident, $wire:literal, $read:ident) => {
        $value.unwrap_or_default()
    };
    (@element $seq:ident, $index:literal, required, $expected:ident) => {
        match $seq.next_element()? {
            ::std::option::Option::Some(value) => value,
            ::std::option::Option::None => return ::std::result::Result::Err(<__S::Error as ::serde::de::Error>::invalid_length($index, &$expected)),
        }
    };
    (@element $seq:ident, $index:literal, default, $expected:ident) => {
        $seq.next_element()?.unwrap_or_default()
    };
    (@element $seq:ident, $index:literal, double_option, $expected:ident) => {
        $seq.next_element()?
    };
    (@element $seq:ident, $index:literal, any, $expected:ident) => {
        $seq.next_element()?
    };
    // The one public arm, after the helpers (a call of one fails at its first
    // token): the entries are matched once.
    // An entry or rest marked `float` holds `f64`s, written as `float` says.
    ($name:ident, { $($index:literal => $field:ident = $wire:literal $read:ident $($float:ident)?),* $(,)? } $(, rest = $rest:ident $($rest_float:ident)?)?) => {
        const _: () = {
            struct __Visitor;

            impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                type Value = $name;

                fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(concat!("struct ", stringify!($name)))
                }

                fn visit_map<__A: ::serde::de::MapAccess<'de>>(self, mut map: __A) -> ::std::result::Result<$name, __A::Error> {
                    $(let mut $field = ::std::option::Option::None;)*
                    $(let mut $rest = ::std::default::Default::default();)?
                    // `()` when the struct has no rest: it skips unknown keys.
                    let keep = super::support::Rest::keeps(&($($rest)?));
                    let mut next = 0;
                    while let ::std::option::Option::Some(key) = map.next_key_seed(super::support::Key::new(&[$($wire),*], next, keep))? {
                        let index = match key {
                            ::std::result::Result::Ok(index) => index,
                            // Skipped, or kept in the rest: one call, no code of its own.
                            ::std::result::Result::Err(other) => {
                                super::support::Rest::other(&mut ($($rest)?), &mut map, other)?;
                                continue;
                            }
                        };
                        next = index + 1;
                        match index {
                            $($index => {
                                if $field.is_some() {
                                    return ::std::result::Result::Err(<__A::Error as ::serde::de::Error>::duplicate_field($wire));
                                }
                                $field = super::support::object!(@read map, $read);
                            })*
                            // `Key` finds no other index.
                            _ => {}
                        }
                    }
                    ::std::result::Result::Ok($name {
                        $($field: super::support::object!(@finish $field, $wire, $read),)*
                        $($rest,)?
                    })
                }

                // A JSON array of the values in field order, as serde's derive reads it.
                #[allow(unused_mut, unused_variables)]
                fn visit_seq<__S: ::serde::de::SeqAccess<'de>>(self, mut seq: __S) -> ::std::result::Result<$name, __S::Error> {
                    // Unused when every field may be missing.
                    let _wires: &[&str] = &[$($wire),*];
                    let _expected = super::support::Elements(stringify!($name), _wires.len());
                    $(let $field = super::support::object!(@element seq, $index, $read, _expected);)*
                    ::std::result::Result::Ok($name {
                        $($field,)*
                        $($rest: ::std::default::Default::default(),)?
                    })
                }
            }

            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                    deserializer.deserialize_struct(stringify!($name), &[$($wire),*], __Visitor)
                }
            }

            impl ::serde::Serialize for $name {
                fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                    use ::serde::ser::SerializeMap;
                    let mut map = serializer.serialize_map(::std::option::Option::None)?;
                    // A function a field, named by its read: no macro call of its own.
                    $(super::support::write$(::$float)?::$read(&mut map, $wire, &self.$field)?;)*
                    $(super::support$(::$rest_float)?::Rest::write(&self.$rest, &mut map)?;)?
                    map.end()
                }
            }
        };
    };
}

pub(crate) use object;

/// How `object!` writes a field, one function a read (the entry's last word).
pub(crate) mod write {
    use serde::ser::SerializeMap;
    use serde::Serialize;

    /// Always written (`null` for a `None`).
    pub(crate) fn required<M: SerializeMap, T: Serialize>(
        map: &mut M,
        wire: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        map.serialize_entry(wire, value)
    }

    /// Left out when `None`.
    pub(crate) fn default<M: SerializeMap, T: Serialize>(
        map: &mut M,
        wire: &'static str,
        value: &Option<T>,
    ) -> Result<(), M::Error> {
        match value {
            Some(value) => map.serialize_entry(wire, value),
            None => Ok(()),
        }
    }

    /// Left out when `None`; `Some(None)` is `null`.
    pub(crate) fn double_option<M: SerializeMap, T: Serialize>(
        map: &mut M,
        wire: &'static str,
        value: &Option<Option<T>>,
    ) -> Result<(), M::Error> {
        default(map, wire, value)
    }

    /// Left out when `None`; `Some(Value::Null)` is `null`.
    pub(crate) fn any<M: SerializeMap>(
        map: &mut M,
        wire: &'static str,
        value: &Option<serde_json::Value>,
    ) -> Result<(), M::Error> {
        default(map, wire, value)
    }

    /// The same for a field that holds `f64`s (see [`super::float`]).
    pub(crate) mod float {
        use super::super::float::{Float, Floats};
        use serde::ser::SerializeMap;

        pub(crate) fn required<M: SerializeMap, T: Floats>(
            map: &mut M,
            wire: &'static str,
            value: &T,
        ) -> Result<(), M::Error> {
            super::required(map, wire, &Float(value))
        }

        pub(crate) fn default<M: SerializeMap, T: Floats>(
            map: &mut M,
            wire: &'static str,
            value: &Option<T>,
        ) -> Result<(), M::Error> {
            super::default(map, wire, &value.as_ref().map(Float))
        }

        pub(crate) fn double_option<M: SerializeMap, T: Floats>(
            map: &mut M,
            wire: &'static str,
            value: &Option<Option<T>>,
        ) -> Result<(), M::Error> {
            default(map, wire, value)
        }
    }
}

/// `f64`s written as JavaScript's `JSON.stringify` and the SDKs write them: an
/// integral value (`1.0`, read from `1`) without a fraction, so that what was
/// read as `1` is written back as `1`; any other value as serde_json writes
/// it, the shortest text that reads back the same `f64`.
pub(crate) mod float {
    use std::collections::BTreeMap;

    use serde::ser::{SerializeMap, Serializer};
    use serde::Serialize;

    /// Below this JavaScript writes an integral value as its digits, and above
    /// in exponent form, as serde_json does.
    const DIGITS: f64 = 1e21;

    /// A type of `f64`s: `f64` itself, and the containers a field wraps it in.
    pub(crate) trait Floats {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
    }

    /// Writes a [`Floats`] through `Serialize`.
    pub(crate) struct Float<'a, T: ?Sized>(pub(crate) &'a T);

    impl<T: Floats + ?Sized> Serialize for Float<'_, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.write(serializer)
        }
    }

    /// For `#[serde(serialize_with)]` on a union's variant.
    pub(crate) fn serialize<T: Floats, S: Serializer>(
        value: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.write(serializer)
    }

    impl Floats for f64 {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let (integral, size) = (self.fract() == 0.0, self.abs());
            // Both casts are exact: the value is integral and within the type's range.
            if integral && size < i64::MAX as f64 {
                serializer.serialize_i64(*self as i64)
            } else if integral && size < DIGITS {
                serializer.serialize_i128(*self as i128)
            } else {
                serializer.serialize_f64(*self)
            }
        }
    }

    impl<T: Floats> Floats for Option<T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Some(value) => serializer.serialize_some(&Float(value)),
                None => serializer.serialize_none(),
            }
        }
    }

    impl<T: Floats> Floats for Vec<T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.iter().map(Float))
        }
    }

    impl<T: Floats> Floats for BTreeMap<String, T> {
        fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_map(self.iter().map(|(key, value)| (key, Float(value))))
        }
    }

    /// `object!`'s rest of `f64`s: its keys written after the fields.
    pub(crate) trait Rest {
        fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
    }

    impl<T: Floats> Rest for BTreeMap<String, T> {
        fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
            self.iter()
                .try_for_each(|(key, value)| map.serialize_entry(key, &Float(value)))
        }
    }
}

/// What a struct does with a key no field has: `()` (a struct without a
/// rest) skips it, the rest map keeps it and writes it back after the
/// documented keys. A trait rather than code in `object!`, which each
/// struct's reader would repeat (5% of a small crate's release build); an
/// impl a map type rather than one bound by `Extend` and `IntoIterator`,
/// which each reader's trait solving paid for (1% of a small crate's rustc
/// instructions).
pub(crate) trait Rest {
    fn keeps(&self) -> bool;

    fn other<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        key: Option<String>,
    ) -> Result<(), A::Error>;

    fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

impl Rest for () {
    fn keeps(&self) -> bool {
        false
    }

    fn other<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        _: Option<String>,
    ) -> Result<(), A::Error> {
        map.next_value::<de::IgnoredAny>().map(drop)
    }

    fn write<M: SerializeMap>(&self, _: &mut M) -> Result<(), M::Error> {
        Ok(())
    }
}

/// The rest maps: `serde_json::Map`, and `BTreeMap<String, T>` for a typed
/// holder (its value type named after the map). The same impl for each,
/// written once.
macro_rules! rest_map {
    ($map:ty $(, $value:ident)?) => {
        impl$(<$value: DeserializeOwned + Serialize>)? Rest for $map {
            fn keeps(&self) -> bool {
                true
            }

            fn other<'de, A: MapAccess<'de>>(
                &mut self,
                map: &mut A,
                key: Option<String>,
            ) -> Result<(), A::Error> {
                keep(map, key, |key, value| {
                    self.insert(key, value);
                })
            }

            fn write<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                entries(map, self)
            }
        }
    };
}

rest_map!(Map<String, Value>);
rest_map!(BTreeMap<String, T>, T);

/// Reads the value of a key no field has into `put` (a key that is not
/// UTF-8, which `Key` hands over as `None`, is skipped).
fn keep<'de, A: MapAccess<'de>, T: serde::Deserialize<'de>>(
    map: &mut A,
    key: Option<String>,
    put: impl FnOnce(String, T),
) -> Result<(), A::Error> {
    match key {
        Some(key) => {
            put(key, map.next_value()?);
            Ok(())
        }
        None => map.next_value::<de::IgnoredAny>().map(drop),
    }
}

/// Writes the rest's keys.
fn entries<'a, M: SerializeMap, T: Serialize + 'a>(
    map: &mut M,
    rest: impl IntoIterator<Item = (&'a String, &'a T)>,
) -> Result<(), M::Error> {
    rest.into_iter()
        .try_for_each(|(key, value)| map.serialize_entry(key, value))
}

/// A struct's key: `Ok` with the position of its wire name, or `Err` for a
/// key no field has (with the key itself when the struct keeps such keys).
/// The search starts after the last key found: keys mostly come in the order
/// of the fields, and then each is found at once.
pub(crate) struct Key {
    wires: &'static [&'static str],
    next: usize,
    keep: bool,
}

impl Key {
    pub(crate) fn new(wires: &'static [&'static str], next: usize, keep: bool) -> Self {
        Key { wires, next, keep }
    }

    // Inline: the structs' readers sit in other codegen units, where a call a
    // key read `SignInToken` 8% slower than serde's derive.
    #[inline]
    fn find(&self, key: &[u8]) -> Option<usize> {
        let start = self.next.min(self.wires.len());
        (start..self.wires.len())
            .chain(0..start)
            .find(|&i| self.wires[i].as_bytes() == key)
    }

    #[inline]
    fn found(
        &self,
        key: &[u8],
        owned: impl FnOnce() -> Option<String>,
    ) -> Result<usize, Option<String>> {
        match self.find(key) {
            Some(index) => Ok(index),
            None if self.keep => Err(owned()),
            None => Err(None),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Result<usize, Option<String>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Result<usize, Option<String>>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.found(key.as_bytes(), || Some(key.to_owned())))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Self::Value, E> {
        Ok(match self.find(key.as_bytes()) {
            Some(index) => Ok(index),
            None => Err(self.keep.then_some(key)),
        })
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        Ok(self.found(key, || String::from_utf8(key.to_vec()).ok()))
    }

    fn visit_u64<E: de::Error>(self, index: u64) -> Result<Self::Value, E> {
        let index = usize::try_from(index)
            .ok()
            .filter(|&i| i < self.wires.len());
        Ok(index.ok_or(None))
    }
}

/// What an array too short for a struct should have held.
pub(crate) struct Elements(pub(crate) &'static str, pub(crate) usize);

impl de::Expected for Elements {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.1 {
            1 => write!(f, "struct {} with 1 element", self.0),
            n => write!(f, "struct {} with {n} elements", self.0),
        }
    }
}

/// A `required` key: its value, or what serde's derive reads when it is
/// absent (`None` for an `Option`, else "missing field").
pub(crate) fn required<'de, T: serde::Deserialize<'de>, E: de::Error>(
    value: Option<T>,
    wire: &'static str,
) -> Result<T, E> {
    match value {
        Some(value) => Ok(value),
        None => T::deserialize(Absent(wire, std::marker::PhantomData)),
    }
}

/// The value of an absent key: only an `Option` reads it, as `None`.
struct Absent<E>(&'static str, std::marker::PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Absent<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// Binary content: a file, an upload, a download. JSON carries it as a string
/// or as an array of byte values; it is written back in the form it was read
/// in (new bytes: a string when they are UTF-8, else an array).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bytes {
    bytes: Vec<u8>,
    array: bool,
}

impl Bytes {
    /// Bytes written as a string when they are UTF-8, else as an array of numbers.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        let bytes = bytes.into();
        let array = std::str::from_utf8(&bytes).is_err();
        Bytes { bytes, array }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn into_vec(self) -> Vec<u8> {
        self.bytes
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Bytes::new(bytes)
    }
}

impl From<&[u8]> for Bytes {
    fn from(bytes: &[u8]) -> Self {
        Bytes::new(bytes)
    }
}

impl From<String> for Bytes {
    fn from(text: String) -> Self {
        Bytes::new(text)
    }
}

impl From<&str> for Bytes {
    fn from(text: &str) -> Self {
        Bytes::new(text)
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl serde::Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match std::str::from_utf8(&self.bytes) {
            Ok(text) if !self.array => serializer.serialize_str(text),
            _ => serializer.collect_seq(&self.bytes),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BytesVisitor)
    }
}

struct BytesVisitor;

impl<'de> Visitor<'de> for BytesVisitor {
    type Value = Bytes;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("binary content: a string or an array of bytes")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Bytes, E> {
        Ok(Bytes {
            bytes: text.as_bytes().to_vec(),
            array: false,
        })
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Bytes, E> {
        Ok(Bytes {
            bytes: bytes.to_vec(),
            array: true,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Bytes, A::Error> {
        let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(byte) = seq.next_element::<u8>()? {
            bytes.push(byte);
        }
        Ok(Bytes { bytes, array: true })
    }
}

// Unions. A union is read once into a `Value`; its variant is chosen by the
// value's shape (its JSON kind, the keys a struct requires or knows, a tag key
// with one value per variant), and only that variant reads the value. A union
// inside that value takes its part of the value over as it is: nothing is read
// twice, so a read takes time linear in the JSON's size.

/// JSON kinds, as the bits of a [`Shape`].
pub(crate) const NULL: u8 = 1;
pub(crate) const BOOL: u8 = 2;
pub(crate) const INTEGER: u8 = 4;
pub(crate) const FLOAT: u8 = 8;
pub(crate) const STRING: u8 = 16;
pub(crate) const ARRAY: u8 = 32;
pub(crate) const OBJECT: u8 = 64;
pub(crate) const ANY: u8 = 127;

/// What a union's variant reads: the JSON kinds it reads without loss
/// (`exact`) and at all (`reads`); for objects, the keys it must find, the
/// keys it knows, and tag keys with the one value each must have; for
/// strings, the values a string enum lists.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    exact: u8,
    reads: u8,
    /// Sorted; `None` when every key is the type's own (a map, any value).
    keys: Option<&'static [&'static str]>,
    /// Sorted.
    required: &'static [&'static str],
    tags: &'static [(&'static str, &'static str)],
    /// Sorted.
    values: &'static [&'static str],
}

impl Shape {
    /// A variant that reads the JSON kinds `kinds` without loss.
    pub(crate) const fn of(kinds: u8) -> Self {
        Shape {
            exact: kinds,
            reads: kinds,
            keys: None,
            required: &[],
            tags: &[],
            values: &[],
        }
    }

    /// Kinds it also reads, but not back as they were.
    pub(crate) const fn reads_also(self, kinds: u8) -> Self {
        Shape {
            reads: self.reads | kinds,
            ..self
        }
    }

    /// A struct: the wire names it knows, sorted.
    pub(crate) const fn keys(self, keys: &'static [&'static str]) -> Self {
        Shape {
            keys: Some(keys),
            ..self
        }
    }

    /// The keys it must find, sorted.
    pub(crate) const fn required(self, required: &'static [&'static str]) -> Self {
        Shape { required, ..self }
    }

    pub(crate) const fn tags(self, tags: &'static [(&'static str, &'static str)]) -> Self {
        Shape { tags, ..self }
    }

    /// A string enum's values, sorted.
    pub(crate) const fn values(self, values: &'static [&'static str]) -> Self {
        Shape { values, ..self }
    }

    /// How well the variant fits `value` (lower is better), or `None` when it
    /// cannot read it.
    fn rank(&self, value: &Value) -> Option<Rank> {
        let kind = kind(value);
        if self.reads & kind == 0 {
            return None;
        }
        let mut rank = Rank {
            inexact: self.exact & kind == 0,
            unknown_keys: 0,
            absent_keys: 0,
        };
        match value {
            // One pass over the object's keys, against the sorted lists: no
            // search of the object, whose code each crate would compile.
            Value::Object(map) => {
                let (mut required, mut tagged) = (0, 0);
                for (key, value) in map {
                    let key = key.as_str();
                    required += usize::from(self.required.binary_search(&key).is_ok());
                    if let Some((_, tag)) = self.tags.iter().find(|(k, _)| *k == key) {
                        if value.as_str() != Some(*tag) {
                            return None;
                        }
                        tagged += 1;
                    }
                    let known = self
                        .keys
                        .is_none_or(|keys| keys.binary_search(&key).is_ok());
                    rank.unknown_keys += usize::from(!known);
                }
                if required < self.required.len() || tagged < self.tags.len() {
                    return None;
                }
                // The member's keys the object leaves out: of two that read it
                // alike, the one that expects no more than was sent fits best.
                let keys = self.keys.map_or(0, |keys| keys.len());
                rank.absent_keys = keys.saturating_sub(map.len() - rank.unknown_keys);
            }
            Value::String(text) if !self.values.is_empty() => {
                rank.inexact |= self.values.binary_search(&text.as_str()).is_err();
            }
            _ => {}
        }
        Some(rank)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    inexact: bool,
    unknown_keys: usize,
    absent_keys: usize,
}

fn kind(value: &Value) -> u8 {
    match value {
        Value::Null => NULL,
        Value::Bool(_) => BOOL,
        Value::Number(n) if n.is_f64() => FLOAT,
        Value::Number(_) => INTEGER,
        Value::String(_) => STRING,
        Value::Array(_) => ARRAY,
        Value::Object(_) => OBJECT,
    }
}

/// Reads one variant from its part of the JSON.
pub(crate) type Read<T> = fn(Owned) -> Result<T, serde_json::Error>;

/// A union's `Deserialize`: the variant whose shape fits the value best (the
/// first in declared order among equals) reads it. Should it fail, the next
/// that fits tries, as long as the retry budget lasts.
pub(crate) fn union<'de, D, T>(
    deserializer: D,
    name: &str,
    variants: &[(Shape, Read<T>)],
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let (value, buffered) = deserializer.deserialize_newtype_struct(HANDOFF, Take)?;
    if buffered {
        Budget::grant(&value);
    }
    choose(value, name, variants).map_err(de::Error::custom)
}

fn choose<T>(value: Value, name: &str, variants: &[(Shape, Read<T>)]) -> Result<T, String> {
    let mut fitting = variants
        .iter()
        .enumerate()
        .filter_map(|(i, (shape, _))| Some((shape.rank(&value)?, i)));
    let Some(first) = fitting.next() else {
        return Err(no_variant(&value, name, variants));
    };
    // Empty, and so not allocated, in the usual case that one member fits.
    let mut others: Vec<(Rank, usize)> = fitting.collect();
    if !others.is_empty() {
        others.push(first);
        others.sort();
    }
    let ranked = if others.is_empty() {
        std::slice::from_ref(&first)
    } else {
        &others[..]
    };
    let mut value = Some(value);
    let mut first_error = None;
    for (position, &(_, i)) in ranked.iter().enumerate() {
        let Some(whole) = value.take() else { break };
        let input = if position + 1 < ranked.len() && Budget::spend(&whole) {
            let copy = whole.clone();
            value = Some(whole);
            copy
        } else {
            whole
        };
        match (variants[i].1)(Owned(input)) {
            Ok(read) => return Ok(read),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    let reason = first_error.map(|e| format!(": {e}")).unwrap_or_default();
    Err(format!("data matches no variant of `{name}`{reason}"))
}

/// The error when no variant's shape fits; it names the tag when every
/// variant is told apart by the same key.
fn no_variant<T>(value: &Value, name: &str, variants: &[(Shape, Read<T>)]) -> String {
    let key = variants
        .first()
        .and_then(|(shape, _)| shape.tags.first())
        .map(|(key, _)| *key);
    let tagged = |key: &str| {
        variants
            .iter()
            .all(|(shape, _)| shape.tags.iter().any(|(k, _)| *k == key))
    };
    match (key, value.as_object()) {
        (Some(key), Some(map)) if tagged(key) => {
            let known: Vec<&str> = variants
                .iter()
                .filter_map(|(shape, _)| {
                    shape
                        .tags
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map(|(_, tag)| *tag)
                })
                .collect();
            let found = map
                .get(key)
                .map_or_else(|| "no value".to_string(), Value::to_string);
            format!(
                "`{name}` has no variant whose `{key}` is {found} (known: {})",
                known.join(", ")
            )
        }
        _ => format!("data matches no variant of `{name}`"),
    }
}

/// How much a read may spend on copies of a value, so that a variant that
/// fails can leave the value to the next: twice the size of the JSON read.
/// Each copy costs its size, so retries never take more than linear time.
struct Budget;

thread_local! {
    static BUDGET: Cell<usize> = const { Cell::new(0) };
    static HANDED: Cell<Option<Value>> = const { Cell::new(None) };
}

impl Budget {
    fn grant(value: &Value) {
        let size = nodes(value, usize::MAX);
        BUDGET.with(|b| b.set(b.get().saturating_add(size.saturating_mul(2))));
    }

    /// Whether a copy of `value` is within the budget (it is then spent).
    /// A value larger than what is left ends the budget: counting it again at
    /// each level would cost more than the copy.
    fn spend(value: &Value) -> bool {
        BUDGET.with(|b| {
            let left = b.get();
            let size = nodes(value, left);
            b.set(left.saturating_sub(size));
            size <= left
        })
    }
}

/// The values in `value` (itself too), counted until the count passes
/// `limit`. Recursive: the value was read by a recursion as deep, and a stack
/// of its own is code that each crate compiles.
fn nodes(value: &Value, limit: usize) -> usize {
    let mut count = 1;
    let mut add = |child: &Value| {
        if count <= limit {
            count += nodes(child, limit - count);
        }
    };
    match value {
        Value::Array(items) => items.iter().for_each(&mut add),
        Value::Object(map) => map.values().for_each(&mut add),
        _ => {}
    }
    count
}

/// The name under which a union asks for its value: [`Owned`] hands its value
/// over as it is, any other deserializer has the union read it.
const HANDOFF: &str = "$docs2rs::support::Owned";

/// A union's value, and whether it was read here (rather than handed over).
struct Take;

impl<'de> Visitor<'de> for Take {
    type Value = (Value, bool);

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(match HANDED.with(Cell::take) {
            Some(value) => (value, false),
            None => (Value::Null, true),
        })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        Ok((serde::Deserialize::deserialize(deserializer)?, true))
    }
}

/// A part of a JSON value already read, as a deserializer: what
/// `serde_json::Value` is, but a union inside takes its value over instead of
/// reading it again.
pub(crate) struct Owned(Value);

macro_rules! scalars {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, serde_json::Error> {
            self.0.$method(visitor)
        })*
    };
}

impl<'de> Deserializer<'de> for Owned {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, serde_json::Error> {
        match self.0 {
            Value::Array(items) => visit_array(items, visitor),
            Value::Object(map) => visit_object(map, visitor),
            scalar => scalar.deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            value => visitor.visit_some(Owned(value)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        if name == HANDOFF {
            HANDED.with(|slot| slot.set(Some(self.0)));
            visitor.visit_unit()
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        self.0.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        visitor.visit_unit()
    }

    scalars! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_str
        deserialize_string deserialize_bytes deserialize_byte_buf deserialize_unit
        deserialize_identifier
    }

    serde::forward_to_deserialize_any! {
        seq tuple tuple_struct map struct
    }
}

fn visit_array<'de, V: Visitor<'de>>(
    items: Vec<Value>,
    visitor: V,
) -> Result<V::Value, serde_json::Error> {
    let len = items.len();
    let mut items = Items(items.into_iter());
    let read = visitor.visit_seq(&mut items)?;
    match items.0.len() {
        0 => Ok(read),
        _ => Err(de::Error::invalid_length(len, &"fewer elements in array")),
    }
}

fn visit_object<'de, V: Visitor<'de>>(
    map: Map<String, Value>,
    visitor: V,
) -> Result<V::Value, serde_json::Error> {
    visitor.visit_map(Entries {
        entries: map.into_iter(),
        value: None,
    })
}

struct Items(std::vec::IntoIter<Value>);

impl<'de> SeqAccess<'de> for Items {
    type Error = serde_json::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, serde_json::Error> {
        self.0
            .next()
            .map(|item| seed.deserialize(Owned(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries {
    entries: serde_json::map::IntoIter,
    value: Option<Value>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, serde_json::Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(de::value::StringDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<T::Value, serde_json::Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(Owned(value)),
            None => Err(de::Error::custom("a value was asked for before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
