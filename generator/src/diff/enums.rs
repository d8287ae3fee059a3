//! Enum values (by wire string) and union variants (by name). Adding one is
//! compatible only where the emitted type is `#[non_exhaustive]`, so that matches
//! outside the crate already have a `_` arm.

use std::collections::BTreeMap;

use super::{Class, Kind, Sides};
use crate::emit;
use crate::ir::{EnumValue, Model, Variant};

/// Values are one value when their wire strings agree, or else (a value renamed on
/// the wire, `user` -> `USER`) when their variants' names do.
pub(super) fn values(sides: &mut Sides<'_>, model: &Model, old: &[EnumValue], new: &[EnumValue]) {
    let before: BTreeMap<&str, &EnumValue> = old.iter().map(|v| (v.wire.as_str(), v)).collect();
    let after: BTreeMap<&str, &EnumValue> = new.iter().map(|v| (v.wire.as_str(), v)).collect();
    let gone: BTreeMap<&str, &EnumValue> =
        old.iter().filter(|v| !after.contains_key(v.wire.as_str())).map(|v| (v.rust_name.as_str(), v)).collect();
    let arrived: BTreeMap<&str, &EnumValue> =
        new.iter().filter(|v| !before.contains_key(v.wire.as_str())).map(|v| (v.rust_name.as_str(), v)).collect();
    for v in gone.values().filter(|v| !arrived.contains_key(v.rust_name.as_str())) {
        let why = "code that names the variant no longer compiles (the value now reads as the catch-all)";
        sides.push(Class::Breaking, Kind::EnumValueRemoved, model, Some(&v.wire), variant(model, &v.rust_name), why);
    }
    for v in new {
        let (class, kind, detail, why) = match (before.get(v.wire.as_str()), gone.get(v.rust_name.as_str())) {
            (Some(o), _) if o.rust_name == v.rust_name => {
                super::deprecation(sides, model, Some(&v.wire), &o.deprecated, &v.deprecated);
                continue;
            }
            (Some(o), _) => {
                let detail = format!("{} -> {}", variant(model, &o.rust_name), variant(model, &v.rust_name));
                (Class::Breaking, Kind::EnumVariantRenamed, detail, "code that names the variant no longer compiles")
            }
            (None, Some(o)) => {
                let detail = format!("{}: `{}` -> `{}`", variant(model, &v.rust_name), o.wire, v.wire);
                let why = "the variant reads and writes another value: the old one now reads as the catch-all";
                (Class::Breaking, Kind::EnumValueRenamedOnWire, detail, why)
            }
            (None, None) => {
                let (class, why) = addition(
                    model,
                    "the enum is `#[non_exhaustive]`, so matches have a `_` arm; the value read as the catch-all before",
                );
                (class, Kind::EnumValueAdded, variant(model, &v.rust_name), why)
            }
        };
        sides.push(class, kind, model, Some(&v.wire), detail, why);
    }
    let kept = |list: &[EnumValue], other: &BTreeMap<&str, &EnumValue>| -> Vec<String> {
        list.iter().filter(|v| other.contains_key(v.wire.as_str())).map(|v| v.wire.clone()).collect()
    };
    if kept(old, &after) != kept(new, &before) {
        let why = "the derived `Ord` sorts the variants in their new order";
        sides.push(Class::Compatible, Kind::EnumValuesReordered, model, None, String::new(), why);
    }
}

pub(super) fn catch_all(sides: &mut Sides<'_>, model: &Model, old: &str, new: &str) {
    if old != new {
        let detail = format!("{} -> {}", variant(model, old), variant(model, new));
        let why = "code that names the variant no longer compiles";
        sides.push(Class::Breaking, Kind::CatchAllRenamed, model, None, detail, why);
    }
}

pub(super) fn variants(sides: &mut Sides<'_>, model: &Model, old: &[Variant], new: &[Variant]) {
    let ty = |v: &Variant| {
        let inner = emit::rust_type(&v.ty);
        if v.boxed {
            format!("Box<{inner}>")
        } else {
            inner
        }
    };
    let before: BTreeMap<&str, &Variant> = old.iter().map(|v| (v.rust_name.as_str(), v)).collect();
    let after: BTreeMap<&str, &Variant> = new.iter().map(|v| (v.rust_name.as_str(), v)).collect();
    for v in old.iter().filter(|v| !after.contains_key(v.rust_name.as_str())) {
        let detail = format!("{}(`{}`)", variant(model, &v.rust_name), ty(v));
        let why = "code that names the variant no longer compiles, and JSON of its type no longer reads as it";
        sides.push(Class::Breaking, Kind::UnionNarrowed, model, Some(&v.rust_name), detail, why);
    }
    for v in new {
        match before.get(v.rust_name.as_str()) {
            Some(o) if ty(o) != ty(v) => {
                let detail = format!("`{}` -> `{}`", ty(o), ty(v));
                let why = "the variant's Rust type changes";
                sides.push(Class::Breaking, Kind::UnionVariantRetyped, model, Some(&v.rust_name), detail, why);
            }
            Some(_) => {}
            None => {
                let detail = format!("{}(`{}`)", variant(model, &v.rust_name), ty(v));
                let (class, why) = addition(model, "the union is `#[non_exhaustive]`, so matches have a `_` arm");
                sides.push(class, Kind::UnionWidened, model, Some(&v.rust_name), detail, why);
            }
        }
    }
    let kept = |list: &[Variant], other: &BTreeMap<&str, &Variant>| -> Vec<String> {
        list.iter().filter(|v| other.contains_key(v.rust_name.as_str())).map(|v| v.rust_name.clone()).collect()
    };
    if kept(old, &after) != kept(new, &before) {
        let why = "reading JSON tries the variants in another order";
        sides.push(Class::Compatible, Kind::UnionVariantsReordered, model, None, String::new(), why);
    }
}

/// The class of a new variant: compatible where the type is `#[non_exhaustive]`.
fn addition(model: &Model, why: &'static str) -> (Class, &'static str) {
    if emit::non_exhaustive(&model.kind) {
        (Class::Compatible, why)
    } else {
        (Class::Breaking, "exhaustive matches no longer compile")
    }
}

fn variant(model: &Model, name: &str) -> String {
    format!("`{}::{name}`", model.rust_name)
}
