//! How one instance came back: strict (the same JSON), lenient (the same once
//! null-valued keys are dropped), typed (strict, with every key in a typed
//! field), and for a strict failure its cause. The cause is found by walking
//! the instance alongside the IR's types, and the written-back value beside it.

use docs2rs::ir::{Field, Ir, ModelKind, Rest, TypeRef, Variant};
use serde_json::{Map, Value};

/// Why an instance did not come back as sent. Declared in the order in which
/// a cause wins when an instance has several: a wrong key explains most of
/// what goes wrong below it (a union reads by the keys it knows), a lost null
/// is the most specific fact, and a union chosen wrong explains the lost keys
/// and changed numbers inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    /// A required key reported missing by the reader, or a key where the IR
    /// has no field for it: it went to `additional_properties`, or was dropped.
    WrongKey,
    /// A `null` came back absent, or the reader refused a `null`.
    NullLost,
    /// The reader named a union, or a difference inside a union-typed value.
    Union,
    /// A number came back written differently (`1.0` as `1`), or the reader
    /// refused its kind (a float for an integer).
    Number,
    /// A key of a field came back absent.
    LostKey,
    Other,
}

impl Cause {
    /// In the report's order.
    pub const ALL: [Cause; 6] = [Cause::WrongKey, Cause::LostKey, Cause::Number, Cause::Union, Cause::NullLost, Cause::Other];

    pub fn label(self) -> &'static str {
        match self {
            Cause::WrongKey => "wrong key",
            Cause::LostKey => "lost key",
            Cause::Number => "number",
            Cause::Union => "union",
            Cause::NullLost => "null lost",
            Cause::Other => "other",
        }
    }
}

/// One thing that went wrong, where: a JSON path from the instance's root (`$`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub cause: Cause,
    pub path: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub strict: bool,
    pub lenient: bool,
    /// Strict, and no key at a position where the IR has no field for it.
    pub typed: bool,
    /// Why it is not strict: the failure of the cause that wins.
    pub failure: Option<Failure>,
    /// The first key at a position where the IR has no field for it.
    pub untyped: Option<Failure>,
}

/// Judges what came `back` (the value written back, or the reader's error) for
/// the instance `sent` of the type `ty` (`None`: the crate has none).
pub fn judge(ir: &Ir, ty: Option<&TypeRef>, sent: &Value, back: &Result<Value, String>) -> Verdict {
    let mut walk = Walk { ir, path: "$".to_string(), keys: Vec::new(), diffs: Vec::new(), hints: Vec::new() };
    walk.node(ty, sent, back.as_ref().ok(), Cx::ROOT);
    let strict = back.as_ref().is_ok_and(|b| b == sent);
    let lenient = back.as_ref().is_ok_and(|b| strip_nulls(b) == strip_nulls(sent));
    let untyped = walk.keys.first().cloned();
    let failure = (!strict).then(|| match back {
        Ok(_) => walk.diff_failure(),
        Err(error) => walk.error_failure(error),
    });
    Verdict { strict, lenient, typed: strict && untyped.is_none(), failure, untyped }
}

/// `value` without its null-valued object keys, at every depth.
pub fn strip_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(map.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), strip_nulls(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(strip_nulls).collect()),
        other => other.clone(),
    }
}

/// The cause a reader's error names, by serde's and the support module's texts.
pub fn error_cause(error: &str) -> Cause {
    let number = error.contains("expected i64") && (error.contains("floating point") || error.contains("invalid value: integer"));
    if error.contains("missing field `") {
        Cause::WrongKey
    } else if error.contains("invalid type: null") {
        Cause::NullLost
    } else if error.contains("variant of `") || error.contains("has no variant whose") {
        Cause::Union
    } else if number {
        Cause::Number
    } else {
        Cause::Other
    }
}

/// Nested unions deeper than this are not looked into (a bound for cycles).
const MAX_UNION_DEPTH: usize = 8;

/// What a position of the instance is, by its type in the IR.
enum Shape<'a> {
    Struct { title: &'a str, fields: &'a [Field], rest: Option<&'a Rest> },
    Union { name: &'a str, members: Vec<&'a TypeRef> },
    Array(&'a TypeRef),
    Map(&'a TypeRef),
    /// Any value, a model with no fields, or no type known here: its keys are its own.
    Free,
    Scalar,
}

/// The shape of `ty`, and whether `null` is one of its values.
fn shape<'a>(ir: &'a Ir, ty: Option<&'a TypeRef>) -> (Shape<'a>, bool) {
    let Some(ty) = ty else { return (Shape::Free, true) };
    match ty {
        TypeRef::Nullable(inner) => (shape(ir, Some(inner)).0, true),
        TypeRef::Array(inner) => (Shape::Array(inner), false),
        TypeRef::Map(inner) => (Shape::Map(inner), false),
        TypeRef::Any => (Shape::Free, true),
        TypeRef::Model(id) => match ir.model(id) {
            Some(m) => (model_shape(ir, &m.title, &m.rust_name, &m.kind), false),
            None => (Shape::Free, true),
        },
        _ => (Shape::Scalar, false),
    }
}

fn model_shape<'a>(ir: &'a Ir, title: &'a str, rust_name: &'a str, kind: &'a ModelKind) -> Shape<'a> {
    match kind {
        ModelKind::Struct { fields, rest, .. } => Shape::Struct { title, fields, rest: rest.as_ref() },
        ModelKind::Union { variants } => {
            let mut members = Vec::new();
            flatten(ir, variants, 0, &mut members);
            Shape::Union { name: rust_name, members }
        }
        ModelKind::Enum { .. } => Shape::Scalar,
        ModelKind::Open { .. } => Shape::Free,
    }
}

/// A union's members, with the members of unions among them in their place.
fn flatten<'a>(ir: &'a Ir, variants: &'a [Variant], depth: usize, out: &mut Vec<&'a TypeRef>) {
    for v in variants {
        let ty = strip_nullable(&v.ty);
        match ty {
            TypeRef::Model(id) => match ir.model(id).map(|m| &m.kind) {
                Some(ModelKind::Union { variants }) if depth < MAX_UNION_DEPTH => flatten(ir, variants, depth + 1, out),
                _ => out.push(ty),
            },
            _ => out.push(ty),
        }
    }
}

fn strip_nullable(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Nullable(inner) => strip_nullable(inner),
        other => other,
    }
}

/// A holder the docs list: a key no field has is then its data, not a wrong key.
fn documented(rest: Option<&Rest>) -> bool {
    rest.is_some_and(|r| r.documented.is_some())
}

/// A key the reader cannot read without (what `object!` requires).
fn required(f: &Field) -> bool {
    f.required && f.nullable != Some(true)
}

/// How a union's member fits an object, lower is better, as the support
/// module ranks it: a struct fits when its required keys are there and its tag
/// keys have their values, and fits better with fewer keys it does not know.
/// `None`: it does not read objects. A struct that does not fit still ranks,
/// after every one that does, so that the keys below are looked at anyway.
fn rank(ir: &Ir, member: &TypeRef, map: &Map<String, Value>) -> Option<(bool, usize)> {
    match shape(ir, Some(member)).0 {
        Shape::Struct { fields, .. } => {
            let unknown = map.keys().filter(|k| !fields.iter().any(|f| &f.wire_name == *k)).count();
            let fits = fields.iter().filter(|f| required(f)).all(|f| map.contains_key(&f.wire_name) && tag_holds(ir, f, map));
            Some((!fits, unknown))
        }
        Shape::Map(_) | Shape::Free => Some((false, 0)),
        _ => None,
    }
}

/// A required field whose type is a string enum of one value has it.
fn tag_holds(ir: &Ir, f: &Field, map: &Map<String, Value>) -> bool {
    let TypeRef::Model(id) = &f.ty else { return true };
    match ir.model(id).map(|m| &m.kind) {
        Some(ModelKind::Enum { values, numbers: false, .. }) if values.len() == 1 => {
            values.first().map(|v| v.wire.as_str()) == map.get(&f.wire_name).and_then(Value::as_str)
        }
        _ => true,
    }
}

/// The member a reader would choose for `sent`: the best ranked that reads
/// it, as the support module tries them in rank order until one reads; else
/// the best ranked, for its keys to be looked at anyway.
fn pick<'a>(ir: &Ir, members: &[&'a TypeRef], sent: &Value) -> Option<&'a TypeRef> {
    let mut ranked: Vec<((bool, usize), &TypeRef)> = match sent {
        Value::Object(map) => members.iter().filter_map(|m| Some((rank(ir, m, map)?, *m))).collect(),
        Value::Array(_) => members.iter().filter(|m| matches!(m, TypeRef::Array(_))).map(|m| ((false, 0), *m)).collect(),
        _ => Vec::new(),
    };
    ranked.sort_by_key(|(r, _)| *r);
    let first = ranked.first().map(|(_, m)| *m);
    ranked.into_iter().map(|(_, m)| m).find(|m| reads_all(ir, m, sent, false, 0)).or(first)
}

/// Values nested deeper than this are taken to read: a bound for the walk's
/// cost, far below any instance.
const MAX_READ_DEPTH: usize = 64;

/// Whether the type reads `value` as far as the IR tells: kinds, required
/// keys, tags, `null` where the type (or an optional field's `Option`) takes it.
fn reads_all(ir: &Ir, ty: &TypeRef, value: &Value, optional: bool, depth: usize) -> bool {
    if depth > MAX_READ_DEPTH {
        return true;
    }
    let (shape, nullable) = shape(ir, Some(ty));
    if value.is_null() {
        return nullable || optional || matches!(shape, Shape::Free);
    }
    let deeper = depth + 1;
    match (&shape, value) {
        (Shape::Struct { fields, .. }, Value::Object(map)) => fields.iter().all(|f| match map.get(&f.wire_name) {
            None => !required(f),
            Some(v) => tag_holds(ir, f, map) && reads_all(ir, &f.ty, v, !required(f), deeper),
        }),
        (Shape::Union { members, .. }, _) => members.iter().any(|m| reads_all(ir, m, value, false, deeper)),
        (Shape::Array(inner), Value::Array(items)) => items.iter().all(|v| reads_all(ir, inner, v, false, deeper)),
        (Shape::Map(inner), Value::Object(map)) => map.values().all(|v| reads_all(ir, inner, v, false, deeper)),
        _ => reads(ir, Some(ty), &shape, value).is_ok(),
    }
}

/// Whether a member of a union takes any key: then no key is wrong there.
fn takes_any_key(ir: &Ir, member: &TypeRef) -> bool {
    match shape(ir, Some(member)).0 {
        Shape::Struct { rest, .. } => documented(rest),
        Shape::Map(_) | Shape::Free => true,
        _ => false,
    }
}

fn is_field_of_member(ir: &Ir, member: &TypeRef, key: &str) -> bool {
    matches!(shape(ir, Some(member)).0, Shape::Struct { fields, .. } if fields.iter().any(|f| f.wire_name == key))
}

#[derive(Debug, Clone, Copy)]
struct Cx {
    /// Below a union-typed position.
    in_union: bool,
    /// This object's keys are to be checked against its struct's fields (not so
    /// for a union's member, whose keys the union checked against all members).
    check_keys: bool,
    /// An optional field: its Rust type is an `Option`, which reads `null`.
    optional: bool,
}

impl Cx {
    const ROOT: Cx = Cx { in_union: false, check_keys: true, optional: false };

    fn child(self, optional: bool) -> Cx {
        Cx { check_keys: true, optional, ..self }
    }
}

/// A key of an object, as its position's type says.
struct Key<'a> {
    ty: Option<&'a TypeRef>,
    /// Why the key is wrong there: the IR has no field for it.
    wrong: Option<String>,
    optional: bool,
}

/// What the reader would stumble on, to place its error: a missing required
/// key, a union, a `null` where the type has none.
struct Hint {
    cause: Cause,
    path: String,
    /// The key, or the union's Rust name (as its error names it).
    name: String,
    /// What the error's text is told besides.
    note: String,
}

impl Hint {
    fn at(path: &str, cause: Cause, name: &str) -> Hint {
        Hint { cause, path: path.to_string(), name: name.to_string(), note: String::new() }
    }
}

/// Whether the type at a position reads `value`'s JSON kind, else the cause of
/// the reader's error: where an error that names no key happened.
fn reads(ir: &Ir, ty: Option<&TypeRef>, shape: &Shape<'_>, value: &Value) -> Result<(), Cause> {
    let fits = match (shape, ty.map(strip_nullable)) {
        (Shape::Struct { .. } | Shape::Map(_), _) => value.is_object(),
        (Shape::Array(_), _) => value.is_array(),
        (Shape::Union { .. } | Shape::Free, _) | (_, None) => true,
        (Shape::Scalar, Some(ty)) => match ty {
            TypeRef::String | TypeRef::Date | TypeRef::DateTime => value.is_string(),
            TypeRef::Integer if value.is_number() && !value.is_i64() => return Err(Cause::Number),
            TypeRef::Integer => value.is_i64(),
            TypeRef::Float | TypeRef::Number => value.is_number(),
            TypeRef::Boolean => value.is_boolean(),
            TypeRef::Binary => value.is_string() || value.is_array(),
            TypeRef::Model(id) => match ir.model(id).map(|m| &m.kind) {
                Some(ModelKind::Enum { numbers: true, .. }) => value.is_number(),
                Some(ModelKind::Enum { .. }) => value.is_string(),
                _ => true,
            },
            _ => true,
        },
    };
    if fits {
        Ok(())
    } else {
        Err(Cause::Other)
    }
}

struct Walk<'a> {
    ir: &'a Ir,
    path: String,
    /// Keys at positions where the IR has no field for them.
    keys: Vec<Failure>,
    /// Where what came back differs from what was sent.
    diffs: Vec<Failure>,
    hints: Vec<Hint>,
}

impl Walk<'_> {
    fn node(&mut self, ty: Option<&TypeRef>, sent: &Value, back: Option<&Value>, cx: Cx) {
        let (shape, nullable) = shape(self.ir, ty);
        if sent.is_null() {
            match &shape {
                // The union's error does not say that it was given a null.
                Shape::Union { name, .. } if !nullable => self.hints.push(Hint::at(&self.path, Cause::NullLost, name)),
                _ if !nullable && !cx.optional => self.hint(Cause::NullLost, ""),
                _ => {}
            }
            return self.leaf(sent, back, cx);
        }
        if let Err(cause) = reads(self.ir, ty, &shape, sent) {
            self.hint(cause, "");
        }
        match (shape, sent) {
            (Shape::Struct { title, fields, rest }, Value::Object(map)) => self.structure(title, fields, rest, map, back, cx),
            (Shape::Union { name, members }, _) => self.union(name, &members, sent, back, cx),
            (Shape::Map(inner), Value::Object(map)) => self.object(map, back, cx, &|_| Key { ty: Some(inner), wrong: None, optional: false }),
            (Shape::Array(inner), Value::Array(items)) => self.items(Some(inner), items, back, cx),
            (_, Value::Object(map)) => self.object(map, back, cx, &|_| Key { ty: None, wrong: None, optional: false }),
            (_, Value::Array(items)) => self.items(None, items, back, cx),
            _ => self.leaf(sent, back, cx),
        }
    }

    fn structure(&mut self, title: &str, fields: &[Field], rest: Option<&Rest>, map: &Map<String, Value>, back: Option<&Value>, cx: Cx) {
        let unknown: Vec<String> = map.keys().filter(|k| !fields.iter().any(|f| &f.wire_name == *k)).map(|k| format!("`{k}`")).collect();
        let note = if unknown.is_empty() || documented(rest) { String::new() } else { format!("; sent keys no field has: {}", unknown.join(", ")) };
        for f in fields.iter().filter(|f| required(f) && !map.contains_key(&f.wire_name)) {
            let (path, name, note) = (self.path.clone(), f.wire_name.clone(), note.clone());
            self.hints.push(Hint { cause: Cause::WrongKey, path, name, note });
        }
        let holder = documented(rest).then(|| rest.map(|r| &r.value)).flatten();
        let went = if rest.is_some() { "went to additional_properties" } else { "was dropped" };
        let typed = |key: &str| match fields.iter().find(|f| f.wire_name == key) {
            Some(f) => Key { ty: Some(&f.ty), wrong: None, optional: !f.required },
            None if holder.is_some() => Key { ty: holder, wrong: None, optional: false },
            None => Key { ty: None, wrong: Some(format!("`{key}` is not a field of `{title}`: it {went}")), optional: false },
        };
        self.object(map, back, cx, &typed);
    }

    /// An object's keys, each with its type and, for a key where the IR has no
    /// field, why it is wrong.
    fn object<'t>(&mut self, map: &Map<String, Value>, back: Option<&Value>, cx: Cx, typed: &dyn Fn(&str) -> Key<'t>) {
        let back = match back {
            Some(Value::Object(b)) => Some(b),
            Some(other) => {
                self.changed(&Value::Object(map.clone()), other, cx);
                None
            }
            None => None,
        };
        for (key, value) in map {
            let Key { ty, wrong, optional } = typed(key);
            let len = self.enter_key(key);
            let wrong = wrong.filter(|_| cx.check_keys);
            if let Some(detail) = &wrong {
                self.keys.push(Failure { cause: Cause::WrongKey, path: self.path.clone(), detail: detail.clone() });
            }
            match back.map(|b| b.get(key)) {
                Some(None) => self.lost(value, wrong.is_some(), cx),
                Some(came) => self.node(ty, value, came, cx.child(optional)),
                None => self.node(ty, value, None, cx.child(optional)),
            }
            self.path.truncate(len);
        }
        for (key, value) in back.into_iter().flatten().filter(|(k, _)| !map.contains_key(*k)) {
            let len = self.enter_key(key);
            let cause = if cx.in_union { Cause::Union } else { Cause::Other };
            self.diff(cause, format!("not sent, came back as {}", short(value)));
            self.path.truncate(len);
        }
    }

    /// A key sent that did not come back.
    fn lost(&mut self, value: &Value, wrong_key: bool, cx: Cx) {
        let cause = match value {
            Value::Null => Cause::NullLost,
            _ if wrong_key => Cause::WrongKey,
            _ if cx.in_union => Cause::Union,
            _ => Cause::LostKey,
        };
        self.diff(cause, format!("sent {}, came back absent", short(value)));
    }

    fn union(&mut self, name: &str, members: &[&TypeRef], sent: &Value, back: Option<&Value>, cx: Cx) {
        self.hint(Cause::Union, name);
        if let (Value::Object(map), true) = (sent, cx.check_keys) {
            if !members.iter().any(|m| takes_any_key(self.ir, m)) {
                for key in map.keys().filter(|k| !members.iter().any(|m| is_field_of_member(self.ir, m, k))) {
                    let len = self.enter_key(key);
                    let detail = format!("`{key}` is a field of no member of the union `{name}`");
                    self.keys.push(Failure { cause: Cause::WrongKey, path: self.path.clone(), detail });
                    self.path.truncate(len);
                }
            }
        }
        let inside = Cx { in_union: true, check_keys: false, ..cx };
        match pick(self.ir, members, sent) {
            Some(member) => self.node(Some(member), sent, back, inside),
            None => self.leaf(sent, back, inside),
        }
    }

    fn items(&mut self, inner: Option<&TypeRef>, items: &[Value], back: Option<&Value>, cx: Cx) {
        let back = match back {
            Some(Value::Array(b)) => Some(b),
            Some(other) => {
                self.changed(&Value::Array(items.to_vec()), other, cx);
                None
            }
            None => None,
        };
        if let Some(b) = back.filter(|b| b.len() != items.len()) {
            let cause = if cx.in_union { Cause::Union } else { Cause::Other };
            self.diff(cause, format!("{} items sent, {} came back", items.len(), b.len()));
        }
        for (i, item) in items.iter().enumerate() {
            let len = self.path.len();
            self.path.push_str(&format!("[{i}]"));
            let came = back.and_then(|b| b.get(i));
            self.node(inner, item, came, cx.child(false));
            self.path.truncate(len);
        }
    }

    /// A value with nothing below it to walk.
    fn leaf(&mut self, sent: &Value, back: Option<&Value>, cx: Cx) {
        match back {
            Some(came) if came != sent => self.changed(sent, came, cx),
            _ => {}
        }
    }

    fn changed(&mut self, sent: &Value, came: &Value, cx: Cx) {
        let cause = match (sent, came) {
            _ if cx.in_union => Cause::Union,
            (Value::Number(_), Value::Number(_)) => Cause::Number,
            _ => Cause::Other,
        };
        self.diff(cause, format!("sent {}, came back {}", short(sent), short(came)));
    }

    fn diff(&mut self, cause: Cause, detail: String) {
        self.diffs.push(Failure { cause, path: self.path.clone(), detail });
    }

    fn hint(&mut self, cause: Cause, name: &str) {
        self.hints.push(Hint::at(&self.path, cause, name));
    }

    /// Adds `.key` (or `["key"]`) to the path; returns the length to cut it back to.
    fn enter_key(&mut self, key: &str) -> usize {
        let len = self.path.len();
        let plain = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if plain {
            self.path.push('.');
            self.path.push_str(key);
        } else {
            self.path.push_str(&format!("[{}]", Value::String(key.to_string())));
        }
        len
    }

    /// The failure of a value written back unlike the one sent.
    fn diff_failure(&self) -> Failure {
        let found = self.keys.iter().chain(&self.diffs).min_by_key(|f| f.cause).cloned();
        found.unwrap_or_else(|| Failure { cause: Cause::Other, path: "$".into(), detail: "came back different".into() })
    }

    /// The failure of a value the reader refused: its error's cause, placed
    /// where the walk saw the reader would stumble, unless a wrong key wins.
    fn error_failure(&self, error: &str) -> Failure {
        let mut cause = error_cause(error);
        let name = match cause {
            Cause::WrongKey => quoted_after(error, "missing field `"),
            Cause::Union => quoted_after(error, "variant of `").or_else(|| quoted_after(error, "`")),
            _ => None,
        };
        let null_union = |h: &&Hint| cause == Cause::Union && h.cause == Cause::NullLost && name == Some(h.name.as_str());
        let hint = self.hints.iter().find(|h| null_union(h) || h.cause == cause && name.is_none_or(|n| n == h.name));
        if let Some(h) = hint {
            cause = h.cause;
        }
        let path = hint.map_or_else(|| "$".to_string(), |h| h.path.clone());
        // serde_json's position is in the one-line text the harness read: no help.
        let text = error.rfind(" at line ").map_or(error, |at| error.get(..at).unwrap_or(error));
        let detail = format!("{text}{}", hint.map_or("", |h| h.note.as_str()));
        let read = Failure { cause, path, detail };
        std::iter::once(&read).chain(&self.keys).min_by_key(|f| f.cause).cloned().unwrap_or(read)
    }
}

/// The text between `prefix` and the next backquote.
fn quoted_after<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let start = text.find(prefix)? + prefix.len();
    let rest = text.get(start..)?;
    rest.find('`').and_then(|end| rest.get(..end))
}

/// A value's JSON, cut to a line's worth.
fn short(value: &Value) -> String {
    const MAX: usize = 60;
    let text = value.to_string();
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}...", text.get(..cut).unwrap_or_default()),
        None => text,
    }
}

#[cfg(test)]
mod tests;
