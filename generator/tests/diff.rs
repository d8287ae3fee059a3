//! `diff` on small hand-written docs trees: one before/after pair for every kind of
//! change, each with the changes and classes it must report.
//!
//! Each pair is also judged a second way, without `diff`: both crates are
//! generated, their public surface is read back from the Rust code with syn
//! (items, fields and their types, `new`'s signature, `#[non_exhaustive]`, the
//! serde attributes that decide which JSON reads), and the surfaces are compared
//! by the README's rules. The report's most severe class must be the judge's, so
//! the classes in `diff` agree with what the generated code does.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use docs2rs::diff::{self, Class, Kind};
use docs2rs::Config;

const REQ: &str = ":heavy_check_mark:";
const OPT: &str = ":heavy_minus_sign:";

fn row(name: &str, ty: &str, required: &str) -> String {
    format!("| `{name}` | {ty} | {required} | N/A |")
}

fn fields(title: &str, rows: &[String]) -> String {
    format!("# {title}\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n{}\n", rows.join("\n"))
}

fn values(title: &str, values: &[&str]) -> String {
    let rows: Vec<String> = values.iter().map(|v| format!("| `{}` | {v} |", v.to_uppercase())).collect();
    format!("# {title}\n\n## Values\n\n| Name | Value |\n|-|-|\n{}\n", rows.join("\n"))
}

fn link(title: &str) -> String {
    format!("[::SDK::Shared::{title}](../../models/shared/{}.md)", title.to_lowercase())
}

/// A docs tree: relative path -> text. Every tree has an `operations` and a
/// `shared` folder, so module names stay the same across a pair.
#[derive(Clone)]
struct Tree {
    files: BTreeMap<String, String>,
    dialect: &'static str,
}

impl Tree {
    fn new() -> Tree {
        let op = fields("Op", &[row("id", "*::String*", REQ)]);
        Tree { files: BTreeMap::from([("operations/op.md".to_string(), op)]), dialect: "ruby-sorbet" }
    }

    /// The same, in another dialect; `id` is the type its `Op.id` is written in.
    fn in_dialect(dialect: &'static str, id: &str) -> Tree {
        let op = fields("Op", &[id.to_string()]);
        Tree { files: BTreeMap::from([("operations/op.md".to_string(), op)]), dialect }
    }

    fn with(mut self, path: &str, text: String) -> Tree {
        self.files.insert(path.to_string(), text);
        self
    }

    fn write(&self, dir: &Path) {
        for (rel, text) in &self.files {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }

    fn generate(&self) -> docs2rs::Generation {
        let dir = tempfile::tempdir().unwrap();
        self.write(dir.path());
        Config::new().dialect(self.dialect).generate(dir.path()).unwrap_or_else(|f| panic!("{f}"))
    }
}

/// A struct doc `shared/a.md` titled `A`.
fn a(rows: &[String]) -> Tree {
    Tree::new().with("shared/a.md", fields("A", rows))
}

/// `shared/a.md` in the Python dialect, with an `id` first.
fn py(rows: &[String]) -> Tree {
    let rows: Vec<String> = [row("id", "*str*", REQ)].into_iter().chain(rows.iter().cloned()).collect();
    Tree::in_dialect("python", &row("id", "*str*", REQ)).with("shared/a.md", fields("A", &rows))
}

fn id() -> String {
    row("id", "*::String*", REQ)
}

struct Case {
    name: &'static str,
    before: Tree,
    after: Tree,
    /// Every change the report must hold: kind, class, target.
    expected: Vec<(Kind, Class, &'static str)>,
}

fn case(name: &'static str, before: Tree, after: Tree, expected: &[(Kind, Class, &'static str)]) -> Case {
    Case { name, before, after, expected: expected.to_vec() }
}

fn cases() -> Vec<Case> {
    use Class::*;
    use Kind::*;
    let status = |vals: &[&str]| {
        a(&[id(), row("status", &link("Status"), REQ)]).with("shared/status.md", values("Status", vals))
    };
    let union = |members: &str| a(&[id(), row("value", &format!("*T.any({members})*"), OPT)]);
    vec![
        case(
            "model added",
            a(&[id()]),
            a(&[id()]).with("shared/b.md", fields("B", &[id()])),
            &[(ModelAdded, Compatible, "shared::B")],
        ),
        case(
            "model removed",
            a(&[id()]).with("shared/b.md", fields("B", &[id()])),
            a(&[id()]),
            &[(ModelRemoved, Breaking, "shared::B")],
        ),
        case(
            "model changed kind: a struct becomes an enum",
            a(&[id()]).with("shared/b.md", fields("B", &[id()])),
            a(&[id()]).with("shared/b.md", values("B", &["x"])),
            &[(ModelKindChanged, Breaking, "shared::B")],
        ),
        case(
            "model changed kind: an open object gets fields",
            a(&[id()]).with("shared/b.md", "# B\n\nAny object.\n".into()),
            a(&[id()]).with("shared/b.md", "# B\n\nAny object.\n\n".to_string() + &fields("B", &[id()])[4..]),
            &[(ModelKindChanged, Breaking, "shared::B")],
        ),
        case(
            "model docs",
            a(&[id()]),
            Tree::new().with("shared/a.md", fields("A", &[id()]).replace("## Fields", "A model.\n\n## Fields")),
            &[(ModelDocs, Cosmetic, "shared::A")],
        ),
        case(
            "optional field added",
            a(&[id()]),
            a(&[id(), row("note", "*T.nilable(::String)*", OPT)]),
            &[(FieldAdded, Compatible, "shared::A.note")],
        ),
        case(
            "required field added",
            a(&[id()]),
            a(&[id(), row("note", "*::String*", REQ)]),
            &[(FieldAdded, Breaking, "shared::A.note")],
        ),
        case(
            "required nilable field added: no `new` parameter, but JSON without it no longer reads",
            a(&[id()]),
            a(&[id(), row("note", "*T.nilable(::String)*", REQ)]),
            &[(FieldAdded, Breaking, "shared::A.note")],
        ),
        case(
            "optional field removed",
            a(&[id(), row("note", "*T.nilable(::String)*", OPT)]),
            a(&[id()]),
            &[(FieldRemoved, Breaking, "shared::A.note")],
        ),
        case(
            "field renamed on the wire",
            a(&[id(), row("userId", "*T.nilable(::String)*", OPT)]),
            a(&[id(), row("user_id", "*T.nilable(::String)*", OPT)]),
            &[(FieldRenamedOnWire, Breaking, "shared::A.user_id")],
        ),
        case(
            "field renamed in Rust: a new key takes its name",
            a(&[id(), row("user_id", "*T.nilable(::String)*", OPT)]),
            a(&[id(), row("userId", "*T.nilable(::String)*", OPT), row("user_id", "*T.nilable(::String)*", OPT)]),
            &[(FieldRenamedInRust, Breaking, "shared::A.user_id_2"), (FieldAdded, Compatible, "shared::A.user_id")],
        ),
        case(
            "field re-typed",
            a(&[id(), row("n", "*::String*", REQ)]),
            a(&[id(), row("n", "*::Integer*", REQ)]),
            &[(FieldRetyped, Breaking, "shared::A.n")],
        ),
        case(
            "field re-typed in the docs only: a date is a String in Rust",
            a(&[id(), row("at", "*::String*", OPT)]),
            a(&[id(), row("at", "[DateTime](https://ruby-doc.org/x/DateTime.html)", OPT)]),
            &[(FieldRetyped, Cosmetic, "shared::A.at")],
        ),
        case(
            "field re-typed to another model",
            a(&[id(), row("b", &link("B"), REQ)])
                .with("shared/b.md", fields("B", &[id()]))
                .with("shared/c.md", fields("C", &[id()])),
            a(&[id(), row("b", &link("C"), REQ)])
                .with("shared/b.md", fields("B", &[id()]))
                .with("shared/c.md", fields("C", &[id()])),
            &[(FieldRetyped, Breaking, "shared::A.b")],
        ),
        case(
            "field made required (nilable: the Rust type stays)",
            a(&[id(), row("note", "*T.nilable(::String)*", OPT)]),
            a(&[id(), row("note", "*T.nilable(::String)*", REQ)]),
            &[(FieldMadeRequired, Breaking, "shared::A.note")],
        ),
        // Ruby writes `T.nilable` on every optional field, so it does not say
        // whether `null` is a value there; that changes with requiredness.
        case(
            "field made required and non-nilable",
            a(&[id(), row("note", "*T.nilable(::String)*", OPT)]),
            a(&[id(), row("note", "*::String*", REQ)]),
            &[(FieldMadeRequired, Breaking, "shared::A.note")],
        ),
        case(
            "field made optional (it was a plain value)",
            a(&[id(), row("note", "*::String*", REQ)]),
            a(&[id(), row("note", "*T.nilable(::String)*", OPT)]),
            &[(FieldMadeOptional, Breaking, "shared::A.note")],
        ),
        case(
            "field made optional (it was nilable already)",
            a(&[id(), row("note", "*T.nilable(::String)*", REQ)]),
            a(&[id(), row("note", "*T.nilable(::String)*", OPT)]),
            &[(FieldMadeOptional, Compatible, "shared::A.note")],
        ),
        case(
            "required field made nullable",
            a(&[id(), row("note", "*::String*", REQ)]),
            a(&[id(), row("note", "*T.nilable(::String)*", REQ)]),
            &[(FieldMadeNullable, Breaking, "shared::A.note")],
        ),
        case(
            "optional Ruby field loses its nilable marker: Option either way",
            a(&[id(), row("note", "*T.nilable(::String)*", OPT)]),
            a(&[id(), row("note", "*::String*", OPT)]),
            &[(FieldMadeNonNullable, Cosmetic, "shared::A.note")],
        ),
        case(
            "optional field made nullable: absent and null become two states",
            py(&[row("note", "*Optional[str]*", OPT)]),
            py(&[row("note", "*OptionalNullable[str]*", OPT)]),
            &[(FieldMadeNullable, Breaking, "shared::A.note")],
        ),
        case(
            "optional field made non-nullable",
            py(&[row("note", "*OptionalNullable[str]*", OPT)]),
            py(&[row("note", "*Optional[str]*", OPT)]),
            &[(FieldMadeNonNullable, Breaking, "shared::A.note")],
        ),
        case(
            "nullability no longer stated: the docs move to a dialect that cannot say",
            py(&[row("note", "*Nullable[str]*", REQ)]),
            Tree::in_dialect("csharp", &row("Id", "*string*", REQ))
                .with("shared/a.md", fields("A", &[row("Id", "*string*", REQ), row("Note", "*string*", REQ)])),
            &[
                (FieldNullabilityUnstated, Breaking, "shared::A.note"),
                (FieldNullabilityUnstated, Cosmetic, "shared::A.id"),
                (FieldNullabilityUnstated, Cosmetic, "operations::Op.id"),
                (FieldDocs, Cosmetic, "shared::A.note"),
                (FieldDocs, Cosmetic, "shared::A.id"),
                (FieldDocs, Cosmetic, "operations::Op.id"),
            ],
        ),
        case(
            "field docs and deprecation",
            a(&[id(), row("note", "*T.nilable(::String)*", OPT)]),
            a(&[id(), "| ~~`note`~~ | *T.nilable(::String)* | :heavy_minus_sign: | Old. Use `id` instead. |".to_string()]),
            &[(Deprecation, Compatible, "shared::A.note"), (FieldDocs, Cosmetic, "shared::A.note")],
        ),
        case(
            "field no longer deprecated",
            a(&[id(), "| ~~`note`~~ | *T.nilable(::String)* | :heavy_minus_sign: | N/A |".to_string()]),
            a(&[id(), row("note", "*T.nilable(::String)*", OPT)]),
            &[(Deprecation, Cosmetic, "shared::A.note")],
        ),
        case(
            "model and enum value deprecated",
            status(&["on", "off"]),
            a(&[id(), row("status", &link("Status"), REQ)]).with(
                "shared/status.md",
                "# ~~Status~~\n\n## Values\n\n| Name | Value |\n|-|-|\n| `ON` | on |\n| ~~`OFF`~~ | off |\n".to_string(),
            ),
            &[(Deprecation, Compatible, "shared::Status"), (Deprecation, Compatible, "shared::Status.off")],
        ),
        case(
            "`new` parameters reordered",
            a(&[id(), row("name", "*::String*", REQ)]),
            a(&[row("name", "*::String*", REQ), id()]),
            &[(ConstructorOrder, Breaking, "shared::A")],
        ),
        case(
            "left-out SDK field",
            a(&[id()]),
            a(&[
                id(),
                row("raw_response", "[Faraday::Response](https://www.rubydoc.info/gems/faraday/Faraday/Response)", REQ),
            ]),
            &[(OmittedFields, Cosmetic, "shared::A")],
        ),
        case(
            "enum value added",
            status(&["on"]),
            status(&["on", "off"]),
            &[(EnumValueAdded, Compatible, "shared::Status.off")],
        ),
        case(
            "enum value removed",
            status(&["on", "off"]),
            status(&["on"]),
            &[(EnumValueRemoved, Breaking, "shared::Status.off")],
        ),
        case(
            "enum value renamed on the wire",
            status(&["on", "off"]),
            status(&["on", "OFF"]),
            &[(EnumValueRenamedOnWire, Breaking, "shared::Status.OFF")],
        ),
        case(
            "enum variant renamed: a new value takes its name",
            status(&["on"]),
            status(&["ON", "on"]),
            &[(EnumVariantRenamed, Breaking, "shared::Status.on"), (EnumValueAdded, Compatible, "shared::Status.ON")],
        ),
        case(
            "enum catch-all renamed: a value takes its name",
            status(&["on"]),
            status(&["on", "unknown"]),
            &[(EnumValueAdded, Compatible, "shared::Status.unknown"), (CatchAllRenamed, Breaking, "shared::Status")],
        ),
        case(
            "enum values reordered",
            status(&["on", "off"]),
            status(&["off", "on"]),
            &[(EnumValuesReordered, Compatible, "shared::Status")],
        ),
        case(
            "union widened",
            union("::String, ::Integer"),
            union("::String, ::Integer, T::Boolean"),
            &[(UnionWidened, Compatible, "shared::AValue.Boolean")],
        ),
        case(
            "union narrowed",
            union("::String, ::Integer, T::Boolean"),
            union("::String, T::Boolean"),
            &[(UnionNarrowed, Breaking, "shared::AValue.Integer")],
        ),
        case(
            "a name at the crate root moves to the preferred module",
            a(&[id()]).with("operations/thing.md", fields("Thing", &[id()])),
            a(&[id()])
                .with("operations/thing.md", fields("Thing", &[id()]))
                .with("shared/thing.md", fields("Thing", &[id()])),
            &[(ModelAdded, Compatible, "shared::Thing"), (RootExport, Breaking, "shared::Thing")],
        ),
        case("nothing", a(&[id()]), a(&[id()]), &[]),
    ]
}

#[test]
fn every_kind_of_change_has_its_class_and_the_generated_code_agrees() {
    let mut failures = Vec::new();
    let mut kinds_seen = std::collections::BTreeSet::new();
    for c in cases() {
        let (before, after) = (c.before.generate(), c.after.generate());
        let report = diff::diff(&before.ir, &after.ir);
        let mut got: Vec<(Kind, Class, String)> =
            report.changes.iter().map(|x| (x.kind, x.class, x.target())).collect();
        let mut want: Vec<(Kind, Class, String)> =
            c.expected.iter().map(|(k, cl, t)| (*k, *cl, t.to_string())).collect();
        got.sort();
        want.sort();
        if got != want {
            failures.push(format!(
                "{}:\n  want {want:?}\n  got  {got:?}\n{}",
                c.name,
                report.render(diff::Format::Human, "before", "after")
            ));
        }
        kinds_seen.extend(got.iter().map(|g| g.0));
        let judged = judge(&surface(&before), &surface(&after));
        let agrees = match judged {
            None | Some(Class::Cosmetic) => report.worst() <= Some(Class::Cosmetic),
            Some(class) => report.worst() == Some(class),
        };
        if !agrees {
            failures.push(format!(
                "{}: the report's worst is {:?}, the generated code says {judged:?}",
                c.name,
                report.worst()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Two kinds cannot be made from docs: a variant's name follows its type, and
    // the order in which a union's variants are tried follows their types too.
    // They are checked on IRs in the unit tests.
    let untestable = [Kind::UnionVariantRetyped, Kind::UnionVariantsReordered];
    let missing: Vec<Kind> =
        all_kinds().into_iter().filter(|k| !kinds_seen.contains(k) && !untestable.contains(k)).collect();
    assert!(missing.is_empty(), "no pair shows {missing:?}");
}

fn all_kinds() -> Vec<Kind> {
    use Kind::*;
    vec![
        ModelAdded,
        ModelRemoved,
        ModelKindChanged,
        ModelDocs,
        RootExport,
        FieldAdded,
        FieldRemoved,
        FieldRenamedOnWire,
        FieldRenamedInRust,
        FieldRetyped,
        FieldMadeRequired,
        FieldMadeOptional,
        FieldMadeNullable,
        FieldMadeNonNullable,
        FieldNullabilityUnstated,
        FieldDocs,
        Deprecation,
        ConstructorOrder,
        OmittedFields,
        EnumValueAdded,
        EnumValueRemoved,
        EnumValueRenamedOnWire,
        EnumVariantRenamed,
        EnumValuesReordered,
        CatchAllRenamed,
        UnionWidened,
        UnionNarrowed,
        UnionVariantRetyped,
        UnionVariantsReordered,
    ]
}

// ---- The independent judge: the generated code's public surface, by syn. ----

#[derive(Debug, Clone, PartialEq)]
struct SField {
    name: String,
    ty: String,
    /// The JSON key: `object!`'s, else `rename`, else the field's name.
    wire: String,
    /// JSON without the key reads (`default` or `double_option` in `object!`).
    default: bool,
    /// `None` is left out when writing.
    skip_none: bool,
    /// How the value is written (and read) when not as its type says: `object!`'s
    /// `double_option`, or `#[serde(with = "...")]` / `serialize_with`.
    with: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct SVariant {
    name: String,
    payload: String,
    wire: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Item {
    Struct { non_exhaustive: bool, default: bool, fields: Vec<SField>, new: Option<String> },
    Tuple(String),
    Enum { non_exhaustive: bool, variants: Vec<SVariant> },
}

#[derive(Debug, Default)]
struct Surface {
    /// `module::Name` -> item.
    items: BTreeMap<String, Item>,
    /// Name at the crate root -> module.
    root: BTreeMap<String, String>,
    /// What is `#[deprecated]`: `module::Name`, `module::Name.field` and `module::Name::Variant`.
    deprecated: std::collections::BTreeSet<String>,
}

fn tokens(t: &impl quote::ToTokens) -> String {
    quote::quote!(#t).to_string()
}

/// `(rename, default, skip_serializing_if, with)` from `#[serde(...)]`.
fn serde_attrs(attrs: &[syn::Attribute]) -> (Option<String>, bool, bool, Option<String>) {
    let (mut rename, mut default, mut skip, mut with) = (None, false, false, None);
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                rename = Some(meta.value()?.parse::<syn::LitStr>()?.value());
            } else if meta.path.is_ident("default") {
                default = true;
            } else if meta.path.is_ident("skip_serializing_if") {
                skip = true;
                meta.value()?.parse::<syn::LitStr>()?;
            } else if meta.path.is_ident("with") || meta.path.is_ident("serialize_with") {
                with = Some(meta.value()?.parse::<syn::LitStr>()?.value());
            } else if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse::<syn::LitStr>()?;
            }
            Ok(())
        })
        .unwrap();
    }
    (rename, default, skip, with)
}

/// The enum's name and its variants' wire strings, from `string_enum!`'s arguments.
fn string_enum_wires(tokens: &proc_macro2::TokenStream) -> (String, BTreeMap<String, String>) {
    let mut trees = tokens.clone().into_iter();
    let name = trees.next().map(|t| t.to_string()).unwrap_or_default();
    let mut wires = BTreeMap::new();
    if let Some(proc_macro2::TokenTree::Group(pairs)) = trees.last() {
        let parser = syn::punctuated::Punctuated::<syn::MetaNameValue, syn::Token![,]>::parse_terminated;
        for pair in syn::parse::Parser::parse2(parser, pairs.stream()).unwrap() {
            let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(wire), .. }) = &pair.value else { panic!("not a string") };
            wires.insert(pair.path.get_ident().map(ToString::to_string).unwrap_or_default(), wire.value());
        }
    }
    (name, wires)
}

/// The struct's name, and each field's key and read (`required`, `default`,
/// `double_option`), from `object!`'s arguments.
fn object_reads(tokens: &proc_macro2::TokenStream) -> (String, BTreeMap<String, (String, String)>) {
    use proc_macro2::TokenTree;
    let mut trees = tokens.clone().into_iter();
    let name = trees.next().map(|t| t.to_string()).unwrap_or_default();
    let mut reads = BTreeMap::new();
    // The fields are the one `{ .. }` argument; `rest = field` may follow it.
    let Some(TokenTree::Group(entries)) = trees.find(|t| matches!(t, TokenTree::Group(_))) else {
        panic!("`object!` without its fields")
    };
    if let Some(TokenTree::Ident(rest)) = trees.last() {
        reads.insert(rest.to_string(), (String::new(), "rest".to_string()));
    }
    let entries: Vec<TokenTree> = entries.stream().into_iter().collect();
    for entry in entries.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',')).filter(|e| !e.is_empty()) {
        // `0 => field = "wire" read`
        let [TokenTree::Literal(_), _, _, TokenTree::Ident(field), _, TokenTree::Literal(wire), TokenTree::Ident(read)] = entry
        else {
            panic!("not an `object!` entry: {entry:?}")
        };
        let wire = syn::parse2::<syn::LitStr>(TokenTree::Literal(wire.clone()).into()).unwrap().value();
        reads.insert(field.to_string(), (wire, read.to_string()));
    }
    (name, reads)
}

fn has_attr(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs.iter().any(|a| a.path().is_ident(name))
}

fn derives(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .any(|a| tokens(&a.meta).split([' ', ',', '(', ')']).any(|w| w == name))
}

fn surface(generation: &docs2rs::Generation) -> Surface {
    let mut s = Surface::default();
    for (path, text) in generation.files().unwrap() {
        let Some(module) = path.strip_prefix("src/").and_then(|p| p.strip_suffix(".rs")) else { continue };
        let file = syn::parse_file(&text).unwrap();
        for item in file.items {
            match item {
                syn::Item::Struct(st) => {
                    let key = format!("{module}::{}", st.ident);
                    note_deprecated(&mut s, &key, &st.attrs);
                    for f in st.fields.iter().filter_map(|f| Some((f.ident.as_ref()?, &f.attrs))) {
                        note_deprecated(&mut s, &format!("{key}.{}", f.0), f.1);
                    }
                    let item = match &st.fields {
                        syn::Fields::Unnamed(f) => Item::Tuple(tokens(f)),
                        fields => Item::Struct {
                            non_exhaustive: has_attr(&st.attrs, "non_exhaustive"),
                            default: derives(&st.attrs, "Default"),
                            fields: fields
                                .iter()
                                .map(|f| {
                                    let name = f.ident.as_ref().unwrap().to_string();
                                    let (rename, default, skip_none, with) = serde_attrs(&f.attrs);
                                    let wire = rename.unwrap_or_else(|| name.trim_start_matches("r#").to_string());
                                    SField { name, ty: tokens(&f.ty), wire, default, skip_none, with }
                                })
                                .collect(),
                            new: None,
                        },
                    };
                    s.items.insert(key, item);
                }
                syn::Item::Enum(en) => {
                    let key = format!("{module}::{}", en.ident);
                    note_deprecated(&mut s, &key, &en.attrs);
                    for v in &en.variants {
                        note_deprecated(&mut s, &format!("{key}::{}", v.ident), &v.attrs);
                    }
                    let variants = en
                        .variants
                        .iter()
                        .map(|v| {
                            let (rename, ..) = serde_attrs(&v.attrs);
                            let name = v.ident.to_string();
                            SVariant { wire: rename.unwrap_or_else(|| name.clone()), payload: tokens(&v.fields), name }
                        })
                        .collect();
                    let key = format!("{module}::{}", en.ident);
                    s.items.insert(key, Item::Enum { non_exhaustive: has_attr(&en.attrs, "non_exhaustive"), variants });
                }
                // `string_enum!(Name, CatchAll, { Variant = "wire", .. })`: the wire
                // strings of the enum above it.
                syn::Item::Macro(m) if m.mac.path.segments.last().is_some_and(|s| s.ident == "string_enum") => {
                    let (name, wires) = string_enum_wires(&m.mac.tokens);
                    if let Some(Item::Enum { variants, .. }) = s.items.get_mut(&format!("{module}::{name}")) {
                        for v in variants.iter_mut() {
                            if let Some(wire) = wires.get(&v.name) {
                                v.wire = wire.clone();
                            }
                        }
                    }
                }
                // `object!(Name, { 0 => field = "wire" required, .. })`: the key of each
                // field of the struct above it, and how it reads and writes (`default`
                // and `double_option`: the key may be absent, and `None` is left out;
                // `double_option` writes `Some(None)` as `null`).
                syn::Item::Macro(m) if m.mac.path.segments.last().is_some_and(|s| s.ident == "object") => {
                    let (name, reads) = object_reads(&m.mac.tokens);
                    if let Some(Item::Struct { fields, .. }) = s.items.get_mut(&format!("{module}::{name}")) {
                        for f in fields.iter_mut() {
                            let (wire, read) = &reads[&f.name];
                            if read == "rest" {
                                // The keys no field has: no wire name of its own.
                                continue;
                            }
                            f.wire = wire.clone();
                            f.default = read != "required";
                            f.skip_none = read != "required";
                            f.with = (read == "double_option").then(|| read.clone());
                        }
                    }
                }
                syn::Item::Impl(im) if im.trait_.is_none() => {
                    let key = format!("{module}::{}", tokens(&im.self_ty));
                    for f in im.items.iter().filter_map(|i| if let syn::ImplItem::Fn(f) = i { Some(f) } else { None }) {
                        if f.sig.ident == "new" {
                            if let Some(Item::Struct { new, .. }) = s.items.get_mut(&key) {
                                *new = Some(tokens(&f.sig));
                            }
                        }
                    }
                }
                syn::Item::Use(u) if module == "lib" => {
                    if let syn::UseTree::Path(p) = &u.tree {
                        let names: Vec<String> = match &*p.tree {
                            syn::UseTree::Group(g) => g.items.iter().map(tokens).collect(),
                            other => vec![tokens(other)],
                        };
                        names.into_iter().for_each(|n| {
                            s.root.insert(n, p.ident.to_string());
                        });
                    }
                }
                _ => {}
            }
        }
    }
    s
}

fn note_deprecated(s: &mut Surface, path: &str, attrs: &[syn::Attribute]) {
    if has_attr(attrs, "deprecated") {
        s.deprecated.insert(path.to_string());
    }
}

/// The most severe class of the differences between two surfaces, by the README's
/// rules, or `None` when the surfaces are the same.
fn judge(old: &Surface, new: &Surface) -> Option<Class> {
    let mut worst: Option<Class> = None;
    let mut note = |c: Class| worst = worst.max(Some(c));
    // Code that names a newly deprecated item still compiles, with a warning.
    if new.deprecated.iter().any(|d| !old.deprecated.contains(d)) {
        note(Class::Compatible);
    }
    for (name, module) in &old.root {
        if new.root.get(name) != Some(module) {
            note(Class::Breaking);
        }
    }
    if new.root.len() > old.root.len() {
        note(Class::Compatible);
    }
    for (path, item) in &old.items {
        match new.items.get(path) {
            None => note(Class::Breaking),
            Some(n) => item_change(item, n, &mut note),
        }
    }
    if new.items.keys().any(|k| !old.items.contains_key(k)) {
        note(Class::Compatible);
    }
    worst
}

fn item_change(old: &Item, new: &Item, note: &mut dyn FnMut(Class)) {
    match (old, new) {
        (
            Item::Struct { default: d1, fields: f1, new: n1, .. },
            Item::Struct { non_exhaustive, default: d2, fields: f2, new: n2 },
        ) => {
            if n1 != n2 || (*d1 && !d2) {
                note(Class::Breaking);
            }
            if !d1 && *d2 {
                note(Class::Compatible);
            }
            for a in f1 {
                match f2.iter().find(|b| b.name == a.name) {
                    None => note(Class::Breaking),
                    Some(b) if a.ty != b.ty || a.wire != b.wire || (a.default && !b.default) => note(Class::Breaking),
                    Some(b) if a != b => note(Class::Compatible),
                    Some(_) => {}
                }
            }
            for b in f2.iter().filter(|b| !f1.iter().any(|a| a.name == b.name)) {
                note(if *non_exhaustive && b.default { Class::Compatible } else { Class::Breaking });
            }
        }
        (Item::Enum { variants: v1, .. }, Item::Enum { non_exhaustive, variants: v2 }) => {
            for a in v1 {
                match v2.iter().find(|b| b.name == a.name) {
                    Some(b) if b == a => {}
                    _ => note(Class::Breaking),
                }
            }
            let added = v2.iter().any(|b| !v1.iter().any(|a| a.name == b.name));
            if added {
                note(if *non_exhaustive { Class::Compatible } else { Class::Breaking });
            }
            let order = |v: &[SVariant], other: &[SVariant]| -> Vec<String> {
                v.iter().filter(|x| other.iter().any(|y| y.name == x.name)).map(|x| x.name.clone()).collect()
            };
            if order(v1, v2) != order(v2, v1) {
                note(Class::Compatible);
            }
        }
        (a, b) if a == b => {}
        _ => note(Class::Breaking),
    }
}

// ---- The command line: `docs2rs diff`, and the report of a regeneration. ----

fn docs2rs(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_docs2rs")).args(args).output().expect("runs")
}

#[test]
fn diff_command_formats_and_exit_codes() {
    let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    a(&[id(), row("n", "*::String*", REQ)]).write(old.path());
    a(&[id(), row("n", "*::Integer*", REQ), row("note", "*T.nilable(::String)*", OPT)]).write(new.path());
    let (o, n) = (old.path().to_str().unwrap(), new.path().to_str().unwrap());

    let human = docs2rs(&["diff", o, n]);
    assert_eq!(human.status.code(), Some(0));
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("1 breaking, 1 compatible, 0 cosmetic"), "{text}");
    assert!(text.contains("shared::A.n  `i64`") || text.contains("shared::A.n  `String` -> `i64`"), "{text}");
    assert!(
        text.trim_end().ends_with("semver: major (a breaking change; a 0.x crate bumps its minor number)"),
        "{text}"
    );

    let gate = |class: &str, a: &str, b: &str| docs2rs(&["diff", a, b, "--fail-on", class]).status.code();
    assert_eq!(gate("breaking", o, n), Some(1));
    assert_eq!(gate("breaking", o, o), Some(0));
    assert_eq!(gate("compatible", o, o), Some(0));
    assert_eq!(gate("cosmetic", o, o), Some(0));

    let json = docs2rs(&["diff", o, n, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(value["bump"], "major");
    assert_eq!(value["counts"]["fields_retyped"], 1);
    assert_eq!(value["counts"]["fields_added"], 1);
    let kinds: Vec<&str> = value["changes"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["field_retyped", "field_added"]);

    let md = String::from_utf8_lossy(&docs2rs(&["diff", o, n, "--format", "markdown"]).stdout).into_owned();
    assert!(md.starts_with("### API changes: semver **major**"), "{md}");
    assert!(
        md.contains("| field re-typed | `shared::A.n` | `String` -> `i64` | the field's Rust type changes |"),
        "{md}"
    );
    assert!(md.contains("<details><summary>Compatible (1)</summary>"), "{md}");

    // Only a compatible change: `--fail-on compatible` fails, `--fail-on breaking` passes.
    let newer = tempfile::tempdir().unwrap();
    a(&[
        id(),
        row("n", "*::Integer*", REQ),
        row("note", "*T.nilable(::String)*", OPT),
        row("x", "*T.nilable(::Integer)*", OPT),
    ])
    .write(newer.path());
    let nn = newer.path().to_str().unwrap();
    assert_eq!(gate("breaking", n, nn), Some(0));
    assert_eq!(gate("compatible", n, nn), Some(1));

    let missing = docs2rs(&["diff", o, "/definitely/not/here"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("E0001"));
}

#[test]
fn diff_reads_ir_files_and_generated_crates() {
    let (old, new, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    a(&[id()]).write(old.path());
    a(&[id(), row("note", "*T.nilable(::String)*", OPT)]).write(new.path());
    let crate_dir = out.path().join("api");
    let ir_file = out.path().join("old.json");
    let (o, n, c) = (old.path().to_str().unwrap(), new.path().to_str().unwrap(), crate_dir.to_str().unwrap());
    assert!(docs2rs(&["--specs", o, "--out", c, "--emit-ir", ir_file.to_str().unwrap()]).status.success());
    // `--emit-ir` (with source positions), the kept IR of a crate, and docs: all compare alike.
    for from in [ir_file.to_str().unwrap(), c, &format!("{c}/docs2rs.ir.json"), o] {
        let out = docs2rs(&["diff", from, n, "--format", "json"]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(value["counts"]["fields_added"], 1, "from {from}");
        assert_eq!(value["bump"], "minor");
    }
    std::fs::write(&ir_file, "{\"ir_version\": 999}").unwrap();
    let bad = docs2rs(&["diff", ir_file.to_str().unwrap(), n]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("IR version 999"));
}

#[test]
fn regeneration_reports_the_api_changes_since_the_last_one() {
    let (v1, v2, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    a(&[id(), row("note", "*T.nilable(::String)*", OPT)]).write(v1.path());
    a(&[id()]).write(v2.path());
    let crate_dir = out.path().join("api");
    let c = crate_dir.to_str().unwrap();
    let first = docs2rs(&["--specs", v1.path().to_str().unwrap(), "--out", c]);
    assert!(String::from_utf8_lossy(&first.stderr).contains("no docs2rs.ir.json from an earlier generation"));
    let second = docs2rs(&["--specs", v2.path().to_str().unwrap(), "--out", c]);
    assert!(second.status.success());
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("1 breaking, 0 compatible, 0 cosmetic"), "{stderr}");
    assert!(stderr.contains("shared::A.note  `Option<String>`"), "{stderr}");
    assert!(stderr.contains("semver: major"), "{stderr}");
    let again = docs2rs(&["--specs", v2.path().to_str().unwrap(), "--out", c]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("No API changes from"));
    // A kept IR that cannot be read is said so, and replaced.
    std::fs::write(crate_dir.join("docs2rs.ir.json"), "not json").unwrap();
    let unreadable = docs2rs(&["--specs", v2.path().to_str().unwrap(), "--out", c]);
    assert!(unreadable.status.success());
    assert!(String::from_utf8_lossy(&unreadable.stderr).contains("the earlier generation's IR cannot be compared"));
    assert!(docs2rs::ir_file::read(&crate_dir).unwrap().is_some());
    // `--check` writes nothing, the kept IR included, and reports no API change.
    let check = docs2rs(&["--specs", v1.path().to_str().unwrap(), "--out", c, "--check"]);
    assert_eq!(check.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(stderr.contains("docs2rs.ir.json: differs"), "{stderr}");
    assert!(docs2rs::ir_file::read(&crate_dir).unwrap().unwrap().models.len() == 2);
}
