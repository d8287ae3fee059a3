//! `docs2rs.ir.json`: the resolved IR of a generation, kept beside the crate so
//! that the next generation can say what changed (see `diff`).
//!
//! It is written by `write` with the crate's other files, so it is as atomic and
//! as checked as they are. Made for reading in a code review: pretty JSON in the
//! IR's own order (models sorted by id, fields in the docs' order), source
//! positions left out (they move whenever a line is added above them), and one
//! field, enum value, union variant or left-out field a line, so that a change to
//! the docs is a change of the lines that say what changed.

use std::io;
use std::path::Path;

use serde::Serialize;
use serde_json::ser::Formatter;

use crate::diag::Loc;
use crate::ir::{Ir, Model, ModelKind, Provenance, READS_VERSIONS};

/// Its name, relative to the crate's root.
pub const FILE_NAME: &str = "docs2rs.ir.json";

/// Nesting depth up to which every member gets a line of its own: the IR, its
/// model list, a model, its kind, and the kind's lists. Deeper values (a field,
/// a value, a variant) are one line each.
const LINE_DEPTH: usize = 5;

/// The file's contents for `ir`.
pub fn to_json(ir: &Ir) -> String {
    // About the size it will have (a field is one line of about 200 bytes): a
    // buffer grown by doubling copies a 300 MB file (100k docs) twice over.
    let lines: usize = ir.models.iter().map(|m| 8 + members(&m.kind)).sum();
    let mut out = Vec::with_capacity(lines * 200);
    // Serializing plain data into memory cannot fail.
    let _ = write_json(ir, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the file's contents for `ir` to `out`, as they are made: at 100k
/// docs the file is 340 MB, which need not all be in memory at once.
pub fn write_json(ir: &Ir, mut out: impl io::Write) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Lines::default());
    Positionless(ir).serialize(&mut serializer).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// The IR kept at `crate_dir`, or `None` where there is none yet.
pub fn read(crate_dir: &Path) -> Result<Option<Ir>, String> {
    let path = crate_dir.join(FILE_NAME);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text).map(Some).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// An IR from JSON, as this file or `--emit-ir` wrote it.
pub fn parse(text: &str) -> Result<Ir, String> {
    #[derive(serde::Deserialize)]
    struct Version {
        ir_version: u32,
    }
    let version: Version = serde_json::from_str(text).map_err(|e| format!("not an IR file: {e}"))?;
    if !READS_VERSIONS.contains(&version.ir_version) {
        let v = version.ir_version;
        return Err(format!("written in IR version {v}; this docs2rs reads versions {READS_VERSIONS:?}"));
    }
    serde_json::from_str(text).map_err(|e| format!("not an IR file: {e}"))
}

/// Fields, values or variants: a line each in the file.
fn members(kind: &ModelKind) -> usize {
    match kind {
        ModelKind::Struct { fields, omitted, rest } => fields.len() + omitted.len() + usize::from(rest.is_some()),
        ModelKind::Enum { values, .. } => values.len(),
        ModelKind::Union { variants } => variants.len(),
        ModelKind::Open { .. } => 0,
    }
}

/// `Ir`'s own shape with source positions left out, one model copied at a time:
/// a copy of the whole IR would double a large tree's peak memory.
struct Positionless<'a>(&'a Ir);

impl Serialize for Positionless<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let Ir { ir_version, dialect, docs, modules, models } = self.0;
        let mut s = serializer.serialize_struct("Ir", 5)?;
        s.serialize_field("ir_version", ir_version)?;
        s.serialize_field("dialect", dialect)?;
        s.serialize_field("docs", docs)?;
        s.serialize_field("modules", modules)?;
        s.serialize_field("models", &Models(models))?;
        s.end()
    }
}

struct Models<'a>(&'a [Model]);

impl Serialize for Models<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(PositionlessModel))
    }
}

struct PositionlessModel<'a>(&'a Model);

impl Serialize for PositionlessModel<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = self.0.clone();
        blank_positions(&mut m);
        m.serialize(serializer)
    }
}

fn blank_positions(m: &mut Model) {
    m.source = Loc::default();
    blank_provenance(&mut m.from);
    match &mut m.kind {
        ModelKind::Struct { fields, .. } => fields.iter_mut().for_each(|f| {
            f.source = Loc::default();
            blank_provenance(&mut f.from);
        }),
        ModelKind::Enum { values, .. } => values.iter_mut().for_each(|v| {
            v.source = Loc::default();
            blank_provenance(&mut v.from);
        }),
        ModelKind::Union { .. } | ModelKind::Open { .. } => {}
    }
}

/// The trees that gave facts stay (a review reads where a fact came from); their
/// positions go, as the primary's do.
fn blank_provenance(from: &mut [Provenance]) {
    from.iter_mut().for_each(|p| p.source = Loc::default());
}

/// serde_json's pretty layout down to [`LINE_DEPTH`], one line below it.
#[derive(Default)]
struct Lines {
    depth: usize,
    has_value: bool,
}

impl Lines {
    fn pretty(&self) -> bool {
        self.depth <= LINE_DEPTH
    }

    fn begin<W: ?Sized + io::Write>(&mut self, w: &mut W, open: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(open)
    }

    fn end<W: ?Sized + io::Write>(&mut self, w: &mut W, close: &[u8]) -> io::Result<()> {
        if self.pretty() && self.has_value {
            self.newline(w, self.depth - 1)?;
        }
        self.depth -= 1;
        w.write_all(close)
    }

    fn member<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.pretty() {
            self.newline(w, self.depth)
        } else if first {
            Ok(())
        } else {
            w.write_all(b" ")
        }
    }

    fn newline<W: ?Sized + io::Write>(&self, w: &mut W, indent: usize) -> io::Result<()> {
        w.write_all(b"\n")?;
        (0..indent).try_for_each(|_| w.write_all(b"  "))
    }
}

impl Formatter for Lines {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"[")
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.member(w, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.member(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::IR_VERSION;

    /// A one-doc tree through the whole pipeline.
    fn ir() -> Ir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("shared")).unwrap();
        let doc = "# A\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n\
                   | `id` | *::String* | :heavy_check_mark: | Two<br/>lines. |\n\
                   | `tags` | T::Array<*::String*> | :heavy_check_mark: | Two<br/>lines. |\n";
        std::fs::write(dir.path().join("shared/a.md"), doc).unwrap();
        crate::Config::new().generate(dir.path()).unwrap().ir
    }

    fn without_positions(ir: &Ir) -> Ir {
        let mut ir = ir.clone();
        ir.models.iter_mut().for_each(blank_positions);
        ir
    }

    #[test]
    fn one_field_a_line_without_positions_and_reads_back() {
        let text = to_json(&ir());
        let expected = EXPECTED.replace("VERSION", &IR_VERSION.to_string());
        assert_eq!(text, expected);
        assert_eq!(parse(&text).unwrap(), without_positions(&ir()));
        let pretty: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(pretty, serde_json::to_value(without_positions(&ir())).unwrap());
    }

    #[test]
    fn a_version_3_file_reads_as_it_is_version_4_without_provenance() {
        let text = to_json(&ir()).replacen(&format!("\"ir_version\": {IR_VERSION}"), "\"ir_version\": 3", 1);
        let old = parse(&text).unwrap();
        assert_eq!(old.models, without_positions(&ir()).models);
        assert!(crate::diff::diff(&old, &ir()).is_empty(), "an upgrade is no API change");
    }

    #[test]
    fn a_version_5_fields_deprecated_flag_reads_as_a_note() {
        let text = to_json(&ir()).replacen(&format!("\"ir_version\": {IR_VERSION}"), "\"ir_version\": 5", 1);
        let text = text.replacen("\"example\"", "\"deprecated\": true, \"example\"", 1).replacen("lines.\", \"example\"", "lines.\", \"deprecated\": false, \"example\"", 1);
        let old = parse(&text).unwrap();
        let ModelKind::Struct { fields, .. } = &old.models[0].kind else { panic!() };
        let notes: Vec<Option<&str>> = fields.iter().map(|f| f.deprecated.as_deref()).collect();
        assert_eq!(notes, [Some(crate::ir::DEPRECATED), None]);
    }

    #[test]
    fn another_ir_version_is_refused_by_name() {
        let text = to_json(&ir()).replacen(&format!("\"ir_version\": {IR_VERSION}"), "\"ir_version\": 999", 1);
        assert!(parse(&text).unwrap_err().contains("IR version 999"));
        assert!(parse("[]").unwrap_err().starts_with("not an IR file"));
    }

    const EXPECTED: &str = r#"{
  "ir_version": VERSION,
  "dialect": "ruby-sorbet",
  "docs": 1,
  "modules": [
    "models"
  ],
  "models": [
    {
      "id": "models::A",
      "title": "A",
      "rust_name": "A",
      "module": "models",
      "docs": null,
      "kind": {
        "kind": "struct",
        "fields": [
          {"wire_name": "id", "wire_name_inferred": false, "rust_name": "id", "ty": "string", "required": true, "nullable": false, "docs": "Two\\\nlines.", "example": null, "boxed": false},
          {"wire_name": "tags", "wire_name_inferred": false, "rust_name": "tags", "ty": {"array": "string"}, "required": true, "nullable": false, "docs": "Two\\\nlines.", "example": null, "boxed": false}
        ],
        "omitted": [],
        "rest": {
          "rust_name": "additional_properties",
          "value": "any"
        }
      }
    }
  ]
}
"#;
}
