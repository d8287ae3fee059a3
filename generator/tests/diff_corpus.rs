//! The API change report for a real change: one SDK's docs eleven weeks apart
//! (`ruby-sorbet-unified` -> `ruby-sorbet-unified-next` in `../shared/corpus`).
//!
//! The report is a snapshot, and its counts are checked against a count made
//! here without the generator: a small pulldown-cmark reader of the two trees'
//! markdown tables, keyed by folder and title, field name and the Type cell's raw
//! text. Where the two counts differ by design, the difference is computed and
//! explained below rather than allowed for.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use docs2rs::diff::{self, Format, Kind};
use docs2rs::ir::{Ir, ModelKind};
use docs2rs::Config;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

fn corpus() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent()?;
    let corpus = root.join("../shared/corpus");
    let old = corpus.join("ruby-sorbet-unified/docs/models");
    if old.is_dir() && corpus.join("ruby-sorbet-unified-next/docs/models").is_dir() {
        Some(corpus)
    } else {
        println!("skipped: ../shared/corpus/ruby-sorbet-unified(-next) not found");
        None
    }
}

/// A doc as the independent reader sees it.
#[derive(Debug, Default, PartialEq)]
struct Doc {
    /// Field name -> the Type cell's raw markdown, trimmed.
    fields: BTreeMap<String, String>,
    /// Field name -> the Required cell's text.
    required: BTreeMap<String, String>,
    /// Every table row's trimmed cells, in order, and the prose: what "changed" compares.
    content: Vec<Vec<String>>,
}

/// (folder, title) -> doc, for every `*.md` under `root`.
fn read_tree(root: &Path) -> BTreeMap<ModelKey, Doc> {
    let mut docs = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                let folder = path.parent().unwrap().strip_prefix(root).unwrap().display().to_string();
                let (title, doc) = read_doc(&text);
                docs.insert((folder, title), doc);
            }
        }
    }
    docs
}

fn read_doc(text: &str) -> (String, Doc) {
    let mut doc = Doc::default();
    let (mut title, mut section) = (String::new(), String::new());
    let mut heading: Option<HeadingLevel> = None;
    let (mut head, mut row, mut cell): (Vec<String>, Vec<String>, Option<(String, usize)>) = (vec![], vec![], None);
    let mut in_head = false;
    let mut prose = String::new();
    for (event, range) in
        Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some(level),
            Event::End(TagEnd::Heading(_)) => heading = None,
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableCell) => cell = Some((String::new(), range.start)),
            Event::End(TagEnd::TableCell) => {
                let (plain, start) = cell.take().unwrap();
                let raw = text[start..range.end].trim().to_string();
                if in_head {
                    head.push(plain.trim().to_string());
                } else {
                    row.push(if head.get(row.len()).is_some_and(|h| h == "Type") {
                        raw
                    } else {
                        plain.trim().to_string()
                    });
                }
            }
            Event::End(TagEnd::TableRow) => {
                let row = std::mem::take(&mut row);
                if section == "Fields" {
                    let column = |name: &str| head.iter().position(|h| h == name).and_then(|c| row.get(c)).cloned();
                    if let (Some(name), Some(ty), Some(required)) = (row.first(), column("Type"), column("Required")) {
                        doc.fields.insert(name.clone(), ty);
                        doc.required.insert(name.clone(), required);
                    }
                }
                doc.content.push(row);
            }
            Event::End(TagEnd::Table) => head.clear(),
            Event::Text(t) | Event::Code(t) => match (heading, &mut cell) {
                (Some(HeadingLevel::H1), _) => title.push_str(&t),
                (Some(_), _) => section = t.to_string(),
                (None, Some((plain, _))) => plain.push_str(&t),
                (None, None) => prose.push_str(&t),
            },
            _ => {}
        }
    }
    doc.content.push(vec![prose]);
    (title.trim().to_string(), doc)
}

/// `T.nilable(X)` -> `X`, textually, wherever the wrapper sits in the cell.
fn without_nilable(raw: &str) -> String {
    let Some(start) = raw.find("T.nilable(") else { return raw.to_string() };
    let inner_start = start + "T.nilable(".len();
    let mut depth = 1;
    for (i, c) in raw[inner_start..].char_indices() {
        depth += match c {
            '(' => 1,
            ')' => -1,
            _ => 0,
        };
        if depth == 0 {
            let end = inner_start + i;
            return format!("{}{}{}", &raw[..start], &raw[inner_start..end], &raw[end + 1..]);
        }
    }
    raw.to_string()
}

/// `(folder, title)` of a model, `(folder, title, field)` of a field.
type ModelKey = (String, String);
type FieldKey = (String, String, String);

#[derive(Debug, Default, PartialEq)]
struct Changes {
    added: BTreeSet<ModelKey>,
    removed: BTreeSet<ModelKey>,
    changed: BTreeSet<ModelKey>,
    fields_added: BTreeSet<FieldKey>,
    fields_removed: BTreeSet<FieldKey>,
    /// The Type cell's text differs (for the independent count), or the field is
    /// reported as re-typed (for the generator).
    fields_retyped: BTreeSet<FieldKey>,
    /// The Required cell changes from optional to required, or the field is
    /// reported as made required; and the other way.
    fields_made_required: BTreeSet<FieldKey>,
    fields_made_optional: BTreeSet<FieldKey>,
}

impl Changes {
    fn counts(&self) -> [usize; 6] {
        [
            self.added.len(),
            self.removed.len(),
            self.changed.len(),
            self.fields_added.len(),
            self.fields_removed.len(),
            self.fields_retyped.len(),
        ]
    }
}

/// The independent count, and the re-typed fields whose Type cells differ only
/// by a `T.nilable(...)` wrapper.
fn count(old: &BTreeMap<ModelKey, Doc>, new: &BTreeMap<ModelKey, Doc>) -> (Changes, BTreeSet<FieldKey>) {
    let mut n = Changes {
        added: new.keys().filter(|k| !old.contains_key(*k)).cloned().collect(),
        removed: old.keys().filter(|k| !new.contains_key(*k)).cloned().collect(),
        ..Changes::default()
    };
    let mut nilable_only = BTreeSet::new();
    for (key, a) in old {
        let Some(b) = new.get(key) else { continue };
        if a != b {
            n.changed.insert(key.clone());
        }
        let field = |f: &String| (key.0.clone(), key.1.clone(), f.clone());
        n.fields_added.extend(b.fields.keys().filter(|f| !a.fields.contains_key(*f)).map(field));
        n.fields_removed.extend(a.fields.keys().filter(|f| !b.fields.contains_key(*f)).map(field));
        for (f, ta) in &a.fields {
            match b.fields.get(f) {
                Some(tb) if tb != ta => {
                    n.fields_retyped.insert(field(f));
                    if without_nilable(ta) == without_nilable(tb) {
                        nilable_only.insert(field(f));
                    }
                }
                _ => {}
            }
            let set = match (a.required.get(f).map(String::as_str), b.required.get(f).map(String::as_str)) {
                (Some(":heavy_minus_sign:"), Some(":heavy_check_mark:")) => &mut n.fields_made_required,
                (Some(":heavy_check_mark:"), Some(":heavy_minus_sign:")) => &mut n.fields_made_optional,
                _ => continue,
            };
            set.insert(field(f));
        }
    }
    (n, nilable_only)
}

/// The report's changes as the same keys: folder from the doc's path, title,
/// wire name.
fn reported(report: &diff::Report, old: &Ir, new: &Ir) -> Changes {
    let model = |id: &str| new.model(id).or_else(|| old.model(id)).expect("a reported model is in one IR");
    let key = |id: &str| -> ModelKey {
        let m = model(id);
        let folder = m.source.file.rsplit_once('/').map_or("", |(folder, _)| folder);
        (folder.to_string(), m.title.clone())
    };
    let field = |ir: &Ir, c: &diff::Change| -> FieldKey {
        let (folder, title) = key(&c.model);
        let rust = c.item.as_deref().unwrap_or_default();
        let wire = match ir.model(&c.model).map(|m| &m.kind) {
            Some(ModelKind::Struct { fields, .. }) => {
                fields.iter().find(|f| f.rust_name == rust).map(|f| f.wire_name.clone())
            }
            _ => None,
        };
        (folder, title, wire.expect("a reported field is in its IR"))
    };
    let mut r = Changes::default();
    for c in &report.changes {
        let models = match c.kind {
            Kind::ModelAdded => &mut r.added,
            Kind::ModelRemoved => &mut r.removed,
            _ => &mut r.changed,
        };
        models.insert(key(&c.model));
        let (fields, ir) = match c.kind {
            Kind::FieldAdded => (&mut r.fields_added, new),
            Kind::FieldRemoved => (&mut r.fields_removed, old),
            Kind::FieldRetyped => (&mut r.fields_retyped, new),
            Kind::FieldMadeRequired => (&mut r.fields_made_required, new),
            Kind::FieldMadeOptional => (&mut r.fields_made_optional, new),
            _ => continue,
        };
        fields.insert(field(ir, c));
    }
    r
}

#[test]
fn unified_sdk_eleven_weeks_later() {
    let Some(corpus) = corpus() else { return };
    let (old_tree, new_tree) =
        (corpus.join("ruby-sorbet-unified/docs/models"), corpus.join("ruby-sorbet-unified-next/docs/models"));
    let old = Config::new().generate(&old_tree).unwrap_or_else(|f| panic!("{f}")).ir;
    let new = Config::new().generate(&new_tree).unwrap_or_else(|f| panic!("{f}")).ir;
    let report = diff::diff(&old, &new);
    let text = report.render(Format::Human, "ruby-sorbet-unified", "ruby-sorbet-unified-next");
    insta::assert_snapshot!("ruby_sorbet_unified_to_next", text);

    let got = reported(&report, &old, &new);
    let (want, nilable_only) = count(&read_tree(&old_tree), &read_tree(&new_tree));
    let counts = report.counts();
    println!("generator: {counts:?}\nindependent: {:?}, of which nilable only: {}", want.counts(), nilable_only.len());
    assert_eq!(
        got.counts(),
        [
            counts.models_added,
            counts.models_removed,
            counts.models_changed,
            counts.fields_added,
            counts.fields_removed,
            counts.fields_retyped
        ],
        "the report's counts are its changes"
    );

    // Every model of these trees is a doc: a `T.any(...)` cell would add a union
    // model of its own, which the independent reader could not see. There is none.
    let unions =
        [&old, &new].iter().flat_map(|ir| &ir.models).filter(|m| matches!(m.kind, ModelKind::Union { .. })).count();
    assert_eq!(unions, 0);
    // So models compare one to one, by folder and title.
    assert_eq!(got.added, want.added);
    assert_eq!(got.removed, want.removed);
    assert_eq!(got.changed, want.changed);
    // Fields are keyed by wire name both ways, and no field was renamed on the
    // wire. Transport fields (`Faraday::Response`), which the generator leaves
    // out, are unchanged in the models of both trees, so they count in neither.
    assert_eq!(got.fields_added, want.fields_added);
    assert_eq!(got.fields_removed, want.fields_removed);
    assert_eq!(counts.fields_renamed_on_wire, 0);
    // Requiredness is read from the Required cell both ways.
    assert_eq!(got.fields_made_required, want.fields_made_required);
    assert_eq!(got.fields_made_optional, want.fields_made_optional);
    // A Type cell that only gains or loses a `T.nilable(...)` wrapper is a
    // re-type to the independent reader, but not to the generator: nilable is not
    // a type but the field's `nullable` fact. Here every such field was also made
    // optional, and Ruby writes `T.nilable` on every optional field, so there it
    // states nothing (nullable: "not stated"): the generator reports these fields
    // as made optional, not as re-typed. Every other Type cell change is a
    // re-type, and reported as one.
    let retyped: BTreeSet<FieldKey> = want.fields_retyped.difference(&nilable_only).cloned().collect();
    assert_eq!(got.fields_retyped, retyped);
    assert!(nilable_only.is_subset(&got.fields_made_optional), "{nilable_only:?} {:?}", got.fields_made_optional);
    // The numbers themselves, so that a change of either side is seen here.
    assert_eq!(want.counts(), [87, 4, 85, 59, 45, 11]);
    assert_eq!(nilable_only.len(), 6);
    assert_eq!((want.fields_made_required.len(), want.fields_made_optional.len()), (0, 9));
}

#[test]
fn the_independent_reader_reads_a_doc() {
    let (title, doc) = read_doc(
        "# A\n\nText.\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n\
         | `x` | [T.nilable(::S::B)](../b.md) | :heavy_minus_sign: | N/A |\n",
    );
    assert_eq!(title, "A");
    assert_eq!(doc.fields, BTreeMap::from([("x".to_string(), "[T.nilable(::S::B)](../b.md)".to_string())]));
    assert_eq!(without_nilable("[T.nilable(::S::B)](../b.md)"), "[::S::B](../b.md)");
    assert_eq!(
        without_nilable("T::Array<T.nilable(T::Hash[Symbol, *::Object*])>"),
        "T::Array<T::Hash[Symbol, *::Object*]>"
    );
    let kinds: BTreeSet<usize> = doc.content.iter().map(Vec::len).collect();
    assert_eq!(kinds, BTreeSet::from([1, 4]));
}
