//! The whole pipeline from bytes, for the fuzz target in `generator/fuzz/` and the
//! regression tests that replay what it found (`generator/tests/fuzz-regressions/`).
//!
//! One input is a small docs tree: its text up to the first line that starts with
//! `@@@ ` is `models/doc.md`; each such line names the file (sanitized) that the
//! text after it holds, so a plain markdown doc is an input too.

use std::collections::BTreeSet;

use crate::Config;

/// Marks the start of another file in a fuzz input.
pub const FILE_MARK: &[u8] = b"\n@@@ ";
/// A tree has at most this many files, so one input stays fast.
const MAX_FILES: usize = 64;

/// The files of a fuzz input as `(relative path, bytes)`.
pub fn sources(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut taken = BTreeSet::new();
    let mut rest = data;
    let mut path = "models/doc.md".to_string();
    loop {
        let next = find(rest, FILE_MARK);
        let body = &rest[..next.unwrap_or(rest.len())];
        if taken.insert(path.clone()) && out.len() < MAX_FILES {
            out.push((path.clone(), body.to_vec()));
        }
        let Some(at) = next else { break };
        rest = &rest[at + FILE_MARK.len()..];
        let line_end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        path = sanitize(&rest[..line_end], out.len());
        rest = &rest[(line_end + 1).min(rest.len())..];
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A relative `*.md` path from arbitrary bytes: segments of `[A-Za-z0-9_.-]`, no
/// `.` or `..`, at most 4 deep.
fn sanitize(raw: &[u8], n: usize) -> String {
    let text = String::from_utf8_lossy(raw);
    let segments: Vec<String> = text
        .split('/')
        .map(|s| s.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')).take(32).collect::<String>())
        .filter(|s| !s.is_empty() && s.chars().any(|c| c != '.'))
        .take(4)
        .collect();
    let mut path = if segments.is_empty() { format!("models/doc{n}") } else { segments.join("/") };
    if !path.ends_with(".md") {
        path.push_str(".md");
    }
    path
}

/// Runs one input through every stage. Bad docs are fine (they give diagnostics);
/// what is not fine panics: an internal error (`E09..`), a failure without an
/// error, a success with an error, generated code that `syn` does not parse, or
/// names that rustc would refuse ([`check_names`]).
pub fn run(data: &[u8]) {
    let files = sources(data);
    let mut renderer = crate::diag::Renderer::new(false);
    for (path, bytes) in &files {
        renderer.preload(path.clone(), String::from_utf8_lossy(bytes));
    }
    // Every diagnostic renders, as text and as JSON, whatever its place.
    let mut render = |diagnostics: &[crate::Diagnostic]| {
        for d in diagnostics {
            let text = renderer.render(d);
            assert!(text.contains(d.code), "{text}");
            let _ = crate::diag::to_json(d);
        }
    };
    match Config::new().generate_sources(files) {
        Err(failure) => {
            render(&failure.diagnostics);
            assert!(failure.diagnostics.iter().any(|d| d.is_error()), "a failure without an error: {failure}");
            let internal = failure.diagnostics.iter().find(|d| d.code.starts_with("E09"));
            assert!(internal.is_none(), "internal error: {internal:?}");
        }
        Ok(generation) => {
            render(&generation.warnings);
            assert!(generation.warnings.iter().all(|d| !d.is_error()), "an error in a success");
            let files = generation.files().unwrap_or_else(|f| panic!("{f}"));
            for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".rs")) {
                if let Err(e) = syn::parse_file(text) {
                    panic!("{path} does not parse: {e}\n{text}");
                }
            }
            let single = crate::emit::emit_single_file(&generation.ir, &generation.options);
            single.unwrap_or_else(|e| panic!("the single-file crate does not parse: {e}"));
            check_names(&generation.ir);
            let _ = generation.ir.to_json();
            // What `--check` would show, with the input standing in for the old file.
            if let Some((path, new)) = files.iter().find(|(p, _)| p.ends_with(".rs") && *p != "src/lib.rs") {
                let _ = crate::write::short_diff(path, &String::from_utf8_lossy(data), new);
            }
        }
    }
}

/// What `syn` cannot see and rustc would refuse, or warn about (the corpus CI
/// denies warnings): two items, fields or variants with one name in one scope,
/// a name that is no identifier or breaks a case lint, a missing model.
pub fn check_names(ir: &crate::Ir) {
    use crate::ir::ModelKind;
    let unique = |scope: &str, names: Vec<&str>, snake: bool| {
        let mut seen = BTreeSet::new();
        for n in names {
            assert!(seen.insert(n.trim_start_matches("r#")), "`{n}` twice in {scope}");
            assert!(syn::parse_str::<syn::Ident>(n).is_ok() || n.starts_with("r#"), "`{n}` in {scope} is no identifier");
            let bare = n.trim_start_matches("r#");
            if snake {
                assert!(is_snake_case(bare), "`{n}` in {scope} is not snake case to rustc");
            } else {
                assert!(is_camel_case(bare), "`{n}` in {scope} is not camel case to rustc");
            }
        }
    };
    let modules: Vec<&str> = ir.modules.iter().map(String::as_str).chain(["support"]).collect();
    unique("the crate's modules", modules, true);
    for module in &ir.modules {
        unique(module, ir.models.iter().filter(|m| &m.module == module).map(|m| m.rust_name.as_str()).collect(), false);
    }
    let ids: BTreeSet<&str> = ir.models.iter().map(|m| &*m.id).collect();
    // Emit writes a type that names a model from its id alone.
    for m in &ir.models {
        let parts = crate::ir::split_model_id(&m.id);
        assert_eq!(parts, Some((m.module.as_str(), m.rust_name.as_str())), "{} is not made of its module and Rust name", m.id);
    }
    let mut types: Vec<(&str, &crate::ir::TypeRef)> = Vec::new();
    for m in &ir.models {
        match &m.kind {
            ModelKind::Struct { fields, .. } => types.extend(fields.iter().map(|f| (&*m.id, &f.ty))),
            ModelKind::Union { variants } => types.extend(variants.iter().map(|v| (&*m.id, &v.ty))),
            _ => {}
        }
    }
    // Every model a type names exists (emit would name a type that is not there).
    while let Some((owner, ty)) = types.pop() {
        match ty {
            crate::ir::TypeRef::Model(id) => assert!(ids.contains(&**id), "{owner} names the missing model {id}"),
            crate::ir::TypeRef::Array(t) | crate::ir::TypeRef::Map(t) | crate::ir::TypeRef::Nullable(t) => types.push((owner, t)),
            _ => {}
        }
    }
    for m in &ir.models {
        match &m.kind {
            ModelKind::Struct { fields, .. } => unique(&m.id, fields.iter().map(|f| f.rust_name.as_str()).collect(), true),
            ModelKind::Enum { values, catch_all, .. } => {
                unique(&m.id, values.iter().map(|v| v.rust_name.as_str()).chain([catch_all.as_str()]).collect(), false)
            }
            ModelKind::Union { variants } => unique(&m.id, variants.iter().map(|v| v.rust_name.as_str()).collect(), false),
            ModelKind::Open { .. } => {}
        }
    }
}

/// rustc's `non_snake_case` test.
fn is_snake_case(ident: &str) -> bool {
    let ident = ident.trim_matches('_');
    !ident.contains("__") && !ident.chars().any(char::is_uppercase)
}

/// rustc's `non_camel_case_types` test: no lowercase start, no `__`, no `_`
/// beside a letter that has case.
fn is_camel_case(name: &str) -> bool {
    let name = name.trim_matches('_');
    let has_case = |c: char| c.is_lowercase() || c.is_uppercase();
    let chars: Vec<char> = name.chars().collect();
    name.is_empty()
        || (!chars[0].is_lowercase()
            && !name.contains("__")
            && !chars.windows(2).any(|w| (has_case(w[0]) && w[1] == '_') || (has_case(w[1]) && w[0] == '_')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_inputs_into_files() {
        let files = sources(b"# A\n@@@ ops/../B\n# B\n@@@ \n# C\n@@@ ops/B.md\n# dup");
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["models/doc.md", "ops/B.md", "models/doc2.md"]);
        assert_eq!(files[1].1, b"# B");
        assert_eq!(sources(b"").len(), 1);
    }

    #[test]
    fn case_lints_as_rustc_has_them() {
        assert!(is_snake_case("self_") && is_snake_case("_1h") && is_snake_case("a_2") && is_snake_case("日本"));
        assert!(!is_snake_case("self__2") && !is_snake_case("fooBar"));
        assert!(is_camel_case("Self_") && is_camel_case("V1h") && is_camel_case("Foo2") && is_camel_case("M2fa"));
        assert!(!is_camel_case("Self_2") && !is_camel_case("foo") && !is_camel_case("A__B"));
    }
}
