//! What a zod object schema says of its fields: their keys, renames, whether
//! `null` passes, integer or float.
//!
//! An inbound schema (`X$inboundSchema`) parses the wire: its shape's keys are
//! the JSON keys and its `.transform` renames them to the SDK's property names
//! (`remap$(v, { "account_type": "accountType" })`, or, in the oldest
//! generation, an object built from `v`: `{ accountType: v.account_type }`). An
//! outbound schema runs the other way: its keys are property names, renamed to
//! JSON keys (a rename to `null` drops the property from the wire).

use super::expr::{Entry, Expr};
use crate::sources::Number;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Inbound,
    Outbound,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub key: String,
    pub nullable: Option<bool>,
    pub number: Option<Number>,
    /// The index of the shape key's token.
    pub at: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NotRead {
    /// Not an object schema (an enum's, a union's, a reference to another):
    /// no model's fields to read.
    NotObject,
    /// An object schema whose keys this reader cannot tell: why.
    Unreadable(String),
}

/// A rename by a transform: from a shape key to the output's key, `None` when
/// the output drops it.
type Rename = (String, Option<String>);

/// The fields an object schema reads (inbound) or writes (outbound).
pub fn fields(schema: &Expr<'_>, direction: Direction) -> Result<Vec<Field>, NotRead> {
    let mut renames = Vec::new();
    let entries = shape(schema, &mut renames)?;
    let mut out = Vec::new();
    for entry in entries {
        let Some((key, at)) = &entry.key else {
            return Err(NotRead::Unreadable("its shape has a spread or computed entry".into()));
        };
        // The SDK's own additions to what it parses (an error's `request$`,
        // `body$`): the generators mark their names with a `$`, never the API's.
        if key.ends_with('$') {
            continue;
        }
        let renamed = renames.iter().rev().find(|(from, _)| from == key).map(|(_, to)| to.clone());
        // A shape key that the transform maps to `null` is not a property
        // (inbound) or not sent (outbound).
        let output = match renamed {
            Some(None) => continue,
            Some(Some(to)) => to,
            None => key.clone(),
        };
        let (name, key) = match direction {
            Direction::Inbound => (output, key.clone()),
            Direction::Outbound => (key.clone(), output),
        };
        let (nullable, number) = (nullable(&entry.value), number(&entry.value, direction));
        out.push(Field { name, key, nullable, number, at: *at });
    }
    Ok(out)
}

/// Methods that keep an object schema's keys as they are.
const SAME_KEYS: &[&str] = &[
    "transform", "catchall", "passthrough", "strict", "strip", "nonstrict", "describe", "refine", "superRefine",
    "brand", "readonly", "meta",
];

/// The shape entries of an object schema, through the wrappers and methods
/// the generators put around `z.object({...})`; the transforms' renames go to
/// `renames`, innermost first.
fn shape<'e, 'a>(schema: &'e Expr<'a>, renames: &mut Vec<Rename>) -> Result<Vec<&'e Entry<'a>>, NotRead> {
    let Some((callee, args)) = schema.call() else { return Err(NotRead::NotObject) };
    match callee {
        Expr::Member(path, function) if is_zod(path) => match *function {
            "object" | "strictObject" | "looseObject" => match args.first() {
                Some(Expr::Object(entries)) => Ok(entries.iter().collect()),
                _ => Err(NotRead::Unreadable(format!("its z.{function}(...) is not given an object literal"))),
            },
            "lazy" => shape(arrow_body(args.first()).ok_or(NotRead::NotObject)?, renames),
            _ => Err(NotRead::NotObject),
        },
        Expr::Member(receiver, method) => {
            let mut entries = shape(receiver, renames)?;
            if *method == "transform" {
                renames.extend(args.first().map(transform_renames).unwrap_or_default());
            } else if *method == "extend" {
                entries.extend(extension(args.first())?);
            } else if !SAME_KEYS.contains(method) {
                return Err(NotRead::Unreadable(format!("`.{method}(...)` changes its keys")));
            }
            Ok(entries)
        }
        // `collectExtraKeys$(z.object({...}).catchall(z.any()), "additionalProperties")`
        // gathers the keys the shape does not name into one property.
        Expr::Name(name) if name.trim_end_matches('$') == "collectExtraKeys" => match args.first() {
            Some(inner) => shape(inner, renames),
            None => Err(NotRead::NotObject),
        },
        _ => Err(NotRead::NotObject),
    }
}

/// The entries `.extend({...})` adds.
fn extension<'e, 'a>(arg: Option<&'e Expr<'a>>) -> Result<Vec<&'e Entry<'a>>, NotRead> {
    match arg {
        Some(Expr::Object(entries)) => Ok(entries.iter().collect()),
        _ => Err(NotRead::Unreadable("`.extend(...)` is not given an object literal".into())),
    }
}

/// Whether `e` is zod's namespace (`z`) or a path in it (`z.iso`).
fn is_zod(mut e: &Expr<'_>) -> bool {
    loop {
        match e {
            Expr::Name(name) => return *name == "z",
            Expr::Member(inner, _) => e = inner,
            _ => return false,
        }
    }
}

fn arrow_body<'e, 'a>(e: Option<&'e Expr<'a>>) -> Option<&'e Expr<'a>> {
    match e {
        Some(Expr::Arrow(_, body)) => Some(body),
        _ => None,
    }
}

/// The renames a `.transform((v) => ...)` makes: each `remap$(v, { from: "to" })`
/// entry, and each output entry built from the input (`to: v.from`,
/// `to: v["from"]`, also inside spreads and conditionals).
fn transform_renames(transform: &Expr<'_>) -> Vec<Rename> {
    let Expr::Arrow(params, body) = transform else { return Vec::new() };
    let input = params.first().copied();
    let mut out = Vec::new();
    body.walk(&mut |e| match e {
        Expr::Call(callee, args) if is_remap(callee) => {
            if let Some(Expr::Object(entries)) = args.get(1) {
                out.extend(entries.iter().filter_map(remap_entry));
            }
        }
        Expr::Object(entries) => {
            out.extend(entries.iter().filter_map(|entry| {
                let (to, _) = entry.key.as_ref()?;
                Some((read_of(&entry.value, input?)?, Some(to.clone())))
            }));
        }
        _ => {}
    });
    out
}

fn is_remap(callee: &Expr<'_>) -> bool {
    let name = match callee {
        Expr::Name(name) | Expr::Member(_, name) => name,
        _ => return false,
    };
    name.trim_end_matches('$') == "remap"
}

/// One `from: "to"` (or `from: null`) entry of a remap$ call.
fn remap_entry(entry: &Entry<'_>) -> Option<Rename> {
    let (from, _) = entry.key.as_ref()?;
    match &entry.value {
        Expr::Str(to) => Some((from.clone(), Some(to.clone()))),
        Expr::Name("null") => Some((from.clone(), None)),
        _ => None,
    }
}

/// The key that `value` reads from the transform's input (`v.key`, `v["key"]`).
fn read_of(value: &Expr<'_>, input: &str) -> Option<String> {
    match value {
        Expr::Member(of, key) if of.name() == Some(input) => Some((*key).to_string()),
        Expr::Index(of, key) if of.name() == Some(input) => match &**key {
            Expr::Str(key) => Some(key.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// A field's schema taken apart: the innermost schema (a zod function's call,
/// or a reference to a named schema) and the methods called on it, outermost first.
fn chain<'e, 'a>(mut e: &'e Expr<'a>) -> (&'e Expr<'a>, Vec<(&'a str, &'e [Expr<'a>])>) {
    let mut methods = Vec::new();
    while let Expr::Call(callee, args) = e {
        match &**callee {
            Expr::Member(receiver, method) if !is_zod(receiver) => {
                methods.push((*method, args.as_slice()));
                e = receiver;
            }
            _ => break,
        }
    }
    (e, methods)
}

/// The zod function a base schema calls (`string` for `z.string()`) and its arguments.
fn zod_call<'e, 'a>(base: &'e Expr<'a>) -> Option<(&'a str, &'e [Expr<'a>])> {
    match base.call()? {
        (Expr::Member(path, function), args) if is_zod(path) => Some((function, args)),
        _ => None,
    }
}

/// Whether the field's schema lets `null` through: `z.nullable(...)`,
/// `.nullable()`, `.nullish()`, a union with `z.null()`, or a schema of any
/// value; `Some(false)` for any other zod schema, a reference to a named
/// (model or enum) schema included, since those reject `null`.
pub fn nullable(e: &Expr<'_>) -> Option<bool> {
    let (base, methods) = chain(e);
    let mut passes = match base {
        Expr::Name(_) | Expr::Member(..) => Some(false),
        _ => zod_call(base).map_or(Some(false), |(function, args)| nullable_call(function, args)),
    };
    // Innermost first: each method takes what the one before it lets through.
    for (method, args) in methods.iter().rev() {
        let arg = || args.first().and_then(nullable);
        passes = match *method {
            "nullable" | "nullish" => Some(true),
            "or" if arg() == Some(true) => Some(true),
            // What passes on into a pipe must pass its target too.
            "pipe" if passes == Some(false) || arg() == Some(false) => Some(false),
            "pipe" => passes.and(arg()),
            _ => passes,
        };
    }
    passes
}

fn nullable_call(function: &str, args: &[Expr<'_>]) -> Option<bool> {
    match function {
        "nullable" | "nullish" | "null" | "any" | "unknown" => Some(true),
        "lazy" => arrow_body(args.first()).and_then(nullable),
        "optional" => args.first().and_then(nullable),
        "union" => match args.first() {
            Some(Expr::Array(members)) => Some(members.iter().any(|m| nullable(m) == Some(true))),
            _ => None,
        },
        "literal" => Some(args.first().and_then(Expr::name) == Some("null")),
        _ => Some(false),
    }
}

/// Integer or float, for a numeric field or a container of numbers:
/// `z.number().int()`, `z.int()` (zod 4) and zod 4's sized formats; `None`
/// for a bare `z.number()`, which says neither; [`Number::Quoted`] for an
/// inbound string transformed (into a number), and for an outbound number
/// transformed (into the string an int64 is sent as).
pub fn number(e: &Expr<'_>, direction: Direction) -> Option<Number> {
    let (base, methods) = chain(e);
    if direction == Direction::Outbound && methods.iter().any(|(m, _)| *m == "transform") {
        // A number the SDK transforms before sending: the generators do it
        // only to write an int64 as a string (`.transform(v => `${v}`)`).
        let numeric = zod_call(base).is_some_and(|(f, _)| matches!(f, "number" | "int" | "int32" | "uint32" | "safeint" | "bigint"));
        return numeric.then_some(Number::Quoted);
    }
    if methods.iter().any(|(m, _)| *m == "int") {
        return Some(Number::Integer);
    }
    let (function, args) = zod_call(base)?;
    match function {
        // A string read into a number (`z.string().transform(v => parseInt(v, 10))`):
        // the wire has a string where the SDK's type, and so its docs, say number.
        "string" if direction == Direction::Inbound && methods.iter().any(|(m, _)| *m == "transform") => Some(Number::Quoted),
        "int" | "int32" | "uint32" | "safeint" => Some(Number::Integer),
        "float32" | "float64" => Some(Number::Float),
        "nullable" | "nullish" | "optional" | "array" | "set" => number(args.first()?, direction),
        // `z.record(value)` (zod 3) or `z.record(key, value)`.
        "record" | "map" => number(args.last()?, direction),
        "lazy" => number(arrow_body(args.first())?, direction),
        _ => None,
    }
}
