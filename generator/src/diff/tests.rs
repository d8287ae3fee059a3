//! The report's arithmetic; the classes of every kind of change are tested on
//! docs trees in `tests/diff.rs`.

use super::*;
use crate::ir::{Ir, ModelKind};

fn change(class: Class, kind: Kind, model: &str) -> Change {
    Change { class, kind, model: model.into(), item: None, detail: String::new(), why: String::new() }
}

#[test]
fn bump_follows_the_most_severe_change() {
    let mut report = Report::default();
    assert_eq!((report.bump(), report.has(Class::Cosmetic)), (Bump::None, false));
    report.changes.push(change(Class::Cosmetic, Kind::ModelDocs, "m::A"));
    assert_eq!((report.bump(), report.has(Class::Compatible)), (Bump::Patch, false));
    report.changes.push(change(Class::Compatible, Kind::ModelAdded, "m::B"));
    assert_eq!((report.bump(), report.has(Class::Compatible), report.has(Class::Breaking)), (Bump::Minor, true, false));
    report.changes.push(change(Class::Breaking, Kind::FieldRemoved, "m::A"));
    assert_eq!((report.bump(), report.has(Class::Breaking)), (Bump::Major, true));
    // A new model that also takes a name at the crate root is added, not changed.
    report.changes.push(change(Class::Breaking, Kind::RootExport, "m::B"));
    let counts = report.counts();
    assert_eq!((counts.models_added, counts.models_changed, counts.fields_removed), (1, 1, 1));
}

/// An IR with one union (`shared::AValue`: `String`, `Integer`), through the pipeline.
fn union_ir() -> Ir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("shared")).unwrap();
    let doc = "# A\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n\
               | `value` | *T.any(::String, ::Integer)* | :heavy_minus_sign: | N/A |\n";
    std::fs::write(dir.path().join("shared/a.md"), doc).unwrap();
    crate::Config::new().dialect("ruby-sorbet").generate(dir.path()).unwrap().ir
}

fn union_variants(ir: &mut Ir) -> &mut Vec<crate::ir::Variant> {
    let m = ir.models.iter_mut().find(|m| matches!(m.kind, ModelKind::Union { .. })).unwrap();
    match &mut m.kind {
        ModelKind::Union { variants } => variants,
        _ => unreachable!(),
    }
}

// Neither change can be written in docs (a variant's name and its place in the
// order follow from its type), but the IR can hold them, and they are classed.
#[test]
fn union_variant_retyped_and_reordered() {
    let old = union_ir();
    let mut boxed = old.clone();
    union_variants(&mut boxed)[0].boxed = true;
    let report = diff(&old, &boxed);
    let got: Vec<(Kind, Class)> = report.changes.iter().map(|c| (c.kind, c.class)).collect();
    assert_eq!(got, [(Kind::UnionVariantRetyped, Class::Breaking)]);
    assert!(report.changes[0].detail.contains("-> `Box<"), "{:?}", report.changes[0]);

    let mut swapped = old.clone();
    union_variants(&mut swapped).reverse();
    let got: Vec<(Kind, Class)> = diff(&old, &swapped).changes.iter().map(|c| (c.kind, c.class)).collect();
    assert_eq!(got, [(Kind::UnionVariantsReordered, Class::Compatible)]);
}
