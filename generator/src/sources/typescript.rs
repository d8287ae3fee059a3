//! TypeScript model sources, in the shapes Speakeasy's generations write them.
//!
//! - the zod generations: `export type X = { accountType?: string | null | undefined }`
//!   and `export const X$inboundSchema = z.object({ account_type: z.nullable(z.string()).optional() })
//!   .transform((v) => remap$(v, { "account_type": "accountType" }))`, the schema
//!   once inside `export namespace X$ { export const inboundSchema = ... }`, and
//!   the renames once written as an object built from `v`. The schemas state
//!   the keys, whether `null` passes and integers (read in `zod.rs`). A model
//!   with no inbound schema (a request's body) is read from its outbound one;
//!   an operation's type with neither (its `Globals`) is a model of no key.
//! - enums: `export const X = { A: "a", One: 1 } as const` beside `export type
//!   X = ClosedEnum<typeof X>` (or `OpenEnum`), `export enum X { A = "a" }`,
//!   and unions of literals (`export type X = "a" | "b"`).
//! - the older class-transformer generation (read in `class.rs`).
//!
//! `.d.ts` files are compiled declarations (of the same sources, or of ones
//! since removed): they are not read.

mod class;
mod expr;
mod zod;

use std::sync::Arc;

use self::expr::{matching, Entry, Expr, Parser};
use self::zod::{Direction, NotRead};
use super::lex::{lex, Syntax, Tok, Token};
use super::{loc, not_read, FileFacts, Language, SourceBody, SourceField, SourceModel, SourceValue, Wire};

pub struct TypeScript;

impl Language for TypeScript {
    fn name(&self) -> &'static str {
        "TypeScript"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["ts"]
    }

    fn read(&self, file: &Arc<str>, text: &str) -> FileFacts {
        if file.ends_with(".d.ts") {
            return FileFacts::default();
        }
        let toks = lex(text, &Syntax::TYPESCRIPT);
        let mut reader = Reader::new(file, &toks);
        reader.scan(0, toks.len(), None);
        reader.finish()
    }
}

/// A zod schema declared for a model.
struct Schema<'a> {
    model: &'a str,
    direction: Direction,
    /// The index of its name's token.
    at: usize,
    expr: Expr<'a>,
}

struct Reader<'t, 'a> {
    file: &'t Arc<str>,
    toks: &'t [Token<'a>],
    /// Exported object types (`export type X = {...}`): name and token index.
    types: Vec<(&'a str, usize)>,
    /// Every exported type alias's name (an enum object's type shares its name).
    aliases: Vec<&'a str>,
    schemas: Vec<Schema<'a>>,
    /// `export const X = {...} as const`, to be enums when a type `X` is exported too.
    enums: Vec<(&'a str, usize, Vec<SourceValue>)>,
    /// Models read, with the index of their name's token (for their order).
    models: Vec<(usize, SourceModel)>,
    facts: FileFacts,
}

impl<'t, 'a> Reader<'t, 'a> {
    fn new(file: &'t Arc<str>, toks: &'t [Token<'a>]) -> Self {
        let facts = FileFacts::default();
        Reader { file, toks, types: Vec::new(), aliases: Vec::new(), schemas: Vec::new(), enums: Vec::new(), models: Vec::new(), facts }
    }

    /// Reads the exported declarations in tokens `start..end`; `namespace` is
    /// the model an enclosing `namespace X$ { }` belongs to.
    fn scan(&mut self, start: usize, end: usize, namespace: Option<&'a str>) {
        let mut i = start;
        while i < end {
            let export = self.toks.get(i).is_some_and(|t| t.is_ident("export"));
            i = if export { self.export(i + 1, end, namespace).max(i + 1) } else { i + 1 };
        }
    }

    fn ident(&self, i: usize) -> Option<&'a str> {
        self.toks.get(i).and_then(|t| t.ident())
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_punct(c))
    }

    /// One declaration after `export`; returns the index past what it read.
    fn export(&mut self, i: usize, end: usize, namespace: Option<&'a str>) -> usize {
        match self.ident(i) {
            Some("const") if self.ident(i + 1) == Some("enum") => self.ts_enum(i + 2),
            Some("const" | "let" | "var") => self.constant(i + 1, end, namespace),
            Some("type") => self.type_alias(i + 1, end, namespace.is_none()),
            Some("enum") => self.ts_enum(i + 1),
            Some("abstract") if self.ident(i + 1) == Some("class") => self.class(i + 2),
            Some("class") => self.class(i + 1),
            Some("namespace" | "module") => self.namespace(i + 1, namespace),
            _ => i,
        }
    }

    fn namespace(&mut self, i: usize, outer: Option<&'a str>) -> usize {
        let Some(name) = self.ident(i) else { return i };
        let Some(close) = self.punct(i + 1, '{').then(|| matching(self.toks, i + 1)).flatten() else { return i + 1 };
        // `namespace X$` holds X's schemas; any other keeps the enclosing one's.
        let model = name.strip_suffix('$').or(outer);
        self.scan(i + 2, close, model);
        close + 1
    }

    /// `const NAME (: type)? = expr`: a model's schema, or an enum's values.
    fn constant(&mut self, i: usize, end: usize, namespace: Option<&'a str>) -> usize {
        let Some(name) = self.ident(i) else { return i };
        let Some(eq) = self.initializer(i + 1, end) else { return i + 1 };
        let mut parser = Parser::new(self.toks.get(..end).unwrap_or(self.toks), eq + 1);
        let expr = parser.expr();
        if let Some((model, direction)) = schema_of(name, namespace) {
            self.schemas.push(Schema { model, direction, at: i, expr });
        } else if let Some(values) = const_object(&expr) {
            let values = values.into_iter().map(|(name, wire, at)| self.value(name, wire, at)).collect();
            self.enums.push((name, i, values));
        }
        parser.pos()
    }

    /// The index of a declaration's `=`, past its type annotation (which may
    /// hold brackets and `=>`); `None` when it has none before its `;`.
    fn initializer(&self, from: usize, end: usize) -> Option<usize> {
        let mut depth = 0usize;
        for (i, t) in self.toks.iter().enumerate().take(end).skip(from) {
            match t.tok {
                Tok::Punct('(' | '[' | '{' | '<') => depth += 1,
                Tok::Punct(')' | ']' | '}') => depth = depth.checked_sub(1)?,
                // `>` closes a type's generics, unless it ends an arrow `=>`.
                Tok::Punct('>') if !self.punct(i.wrapping_sub(1), '=') => depth = depth.saturating_sub(1),
                Tok::Punct('=') if depth == 0 && !self.punct(i + 1, '>') && !self.punct(i + 1, '=') => return Some(i),
                Tok::Punct(';') if depth == 0 => return None,
                _ => {}
            }
        }
        None
    }

    fn value(&self, name: String, wire: Wire, at: usize) -> SourceValue {
        SourceValue { name, wire, loc: self.loc(at) }
    }

    fn loc(&self, at: usize) -> crate::diag::Loc {
        match self.toks.get(at) {
            Some(t) => loc(self.file, t),
            None => crate::diag::Loc { file: self.file.clone(), line: 0, col: 0 },
        }
    }

    /// `type NAME<...> = ...`: an object type (a model, read from its
    /// schemas), a union of literals (an enum), or any other alias. In a
    /// `namespace X$`, types are X's helpers (`Inbound`, `Outbound`), no models.
    fn type_alias(&mut self, i: usize, end: usize, top: bool) -> usize {
        let Some(name) = self.ident(i).filter(|_| top) else { return i };
        self.aliases.push(name);
        let mut eq = i + 1;
        if self.punct(eq, '<') {
            eq = self.generics_end(eq);
        }
        if !self.punct(eq, '=') {
            return eq;
        }
        if self.punct(eq + 1, '{') {
            if !name.contains('$') {
                self.types.push((name, i));
            }
            return matching(self.toks, eq + 1).map_or(end, |c| c + 1);
        }
        let stop = self.alias_end(eq + 1, end);
        if let Some(values) = self.toks.get(eq + 1..stop).and_then(literal_union) {
            let values = values.into_iter().map(|(wire, at)| self.value(wire_text(&wire), wire, eq + 1 + at)).collect();
            self.models.push((i, SourceModel { name: name.to_string(), loc: self.loc(i), body: SourceBody::Enum(values) }));
        }
        stop
    }

    /// The index past the `>` closing generics that open at `open`.
    fn generics_end(&self, open: usize) -> usize {
        let mut depth = 0usize;
        for (i, t) in self.toks.iter().enumerate().skip(open) {
            match t.tok {
                Tok::Punct('<') => depth += 1,
                Tok::Punct('>') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i + 1;
                    }
                }
                _ => {}
            }
        }
        self.toks.len()
    }

    /// Where a type alias's right side ends: its `;`, or the next `export`.
    fn alias_end(&self, from: usize, end: usize) -> usize {
        let mut i = from;
        while i < end {
            match self.toks.get(i).map(|t| &t.tok) {
                Some(Tok::Punct(';')) | None => return i,
                Some(Tok::Ident("export")) => return i,
                Some(Tok::Punct('(' | '[' | '{')) => i = matching(self.toks, i).map_or(end, |c| c + 1),
                Some(_) => i += 1,
            }
        }
        end
    }

    /// `enum NAME { A = "a", B = 1, C }`.
    fn ts_enum(&mut self, i: usize) -> usize {
        let Some(name) = self.ident(i) else { return i };
        let Some(close) = self.punct(i + 1, '{').then(|| matching(self.toks, i + 1)).flatten() else { return i + 1 };
        let members = self.toks.get(i + 2..close).unwrap_or_default();
        match enum_members(members) {
            Ok(values) => {
                let values = values.into_iter().map(|(name, wire, at)| self.value(name, wire, i + 2 + at)).collect();
                self.models.push((i, SourceModel { name: name.to_string(), loc: self.loc(i), body: SourceBody::Enum(values) }));
            }
            Err(why) => self.warn(i, name, &why),
        }
        close + 1
    }

    fn class(&mut self, i: usize) -> usize {
        let Some(name) = self.ident(i) else { return i };
        let open = (i + 1..self.toks.len()).find(|&k| self.punct(k, '{'));
        let Some((open, close)) = open.and_then(|o| Some((o, matching(self.toks, o)?))) else { return i + 1 };
        let body = class::body(self.toks, open, close);
        if let Some((_, why)) = &body.unreadable {
            self.warn(i, name, why);
        } else if body.decorated {
            let fields = body.members.into_iter().map(|m| SourceField { name: m.name, key: m.key, nullable: None, number: None, loc: self.loc(m.at) }).collect();
            self.models.push((i, SourceModel { name: name.to_string(), loc: self.loc(i), body: SourceBody::Struct(fields) }));
        }
        close + 1
    }

    fn push_struct(&mut self, name: &str, at: usize, fields: Vec<zod::Field>) {
        let fields = fields.into_iter().map(|f| SourceField { name: f.name, key: f.key, nullable: f.nullable, number: f.number, loc: self.loc(f.at) }).collect();
        self.models.push((at, SourceModel { name: name.to_string(), loc: self.loc(at), body: SourceBody::Struct(fields) }));
    }

    fn warn(&mut self, at: usize, name: &str, why: &str) {
        let what = format!("TypeScript model `{name}`");
        self.facts.warnings.push(not_read(self.loc(at), &what, why));
    }

    /// The models of the file: enums, and each object type's or schema's fields.
    fn finish(mut self) -> FileFacts {
        for (name, at, values) in std::mem::take(&mut self.enums) {
            if self.aliases.contains(&name) {
                self.models.push((at, SourceModel { name: name.to_string(), loc: self.loc(at), body: SourceBody::Enum(values) }));
            }
        }
        let mut names: Vec<&'a str> = self.types.iter().map(|(n, _)| *n).collect();
        names.extend(self.schemas.iter().map(|s| s.model));
        let mut seen = Vec::new();
        for name in names {
            if !seen.contains(&name) {
                seen.push(name);
                self.object_model(name);
            }
        }
        self.models.sort_by_key(|(at, _)| *at);
        self.facts.models = self.models.into_iter().map(|(_, m)| m).collect();
        self.facts
    }

    /// The model `name` from its inbound schema, else its outbound one; a W0019
    /// when it is an object type no schema reads, or a schema not read.
    fn object_model(&mut self, name: &'a str) {
        let type_at = self.types.iter().find(|(n, _)| *n == name).map(|(_, at)| *at);
        let mut why = None;
        for direction in [Direction::Inbound, Direction::Outbound] {
            for schema in self.schemas.iter().filter(|s| s.model == name && s.direction == direction) {
                match zod::fields(&schema.expr, direction) {
                    Ok(fields) => return self.push_struct(name, type_at.unwrap_or(schema.at), fields),
                    Err(NotRead::Unreadable(reason)) => why = why.or(Some((schema.at, reason))),
                    Err(NotRead::NotObject) => {}
                }
            }
        }
        match (why, type_at) {
            (Some((at, reason)), _) => self.warn(type_at.unwrap_or(at), name, &reason),
            // The zod generations write a schema for every type the SDK reads or
            // sends as JSON. An operation's type with none (its `Globals`: headers
            // and query parameters set once for the SDK) is never JSON: a model
            // of no key, which tells that the docs' rows of it are none.
            (None, Some(at)) if self.in_operations() => {
                self.models.push((at, SourceModel { name: name.to_string(), loc: self.loc(at), body: SourceBody::Struct(Vec::new()) }));
            }
            (None, Some(at)) => self.warn(at, name, "no zod object schema in its file states its JSON keys"),
            (None, None) => {}
        }
    }

    /// Whether the file is in an `operations` folder, where the generations put
    /// each operation's request, response and parameter types.
    fn in_operations(&self) -> bool {
        super::discover::in_folder(std::path::Path::new(&**self.file), "operations")
    }
}

/// The model and direction a schema constant is for: `X$inboundSchema`, or
/// `inboundSchema` in `namespace X$`. An alias of another schema constant (the
/// deprecated namespaces' `inboundSchema = X$inboundSchema`) is still taken
/// here; reading it finds no object, and the constant it names is read.
fn schema_of<'a>(name: &'a str, namespace: Option<&'a str>) -> Option<(&'a str, Direction)> {
    let (model, suffix) = match name.rsplit_once('$') {
        Some((model, suffix)) => (model, suffix),
        None => (namespace?, name),
    };
    let direction = match suffix {
        "inboundSchema" => Direction::Inbound,
        "outboundSchema" => Direction::Outbound,
        _ => return None,
    };
    (!model.is_empty()).then_some((model, direction))
}

/// The members of `{ A: "a", One: 1 } as const`, when every value is a literal.
fn const_object(expr: &Expr<'_>) -> Option<Vec<(String, Wire, usize)>> {
    let Expr::Seq(terms) = expr else { return None };
    let [Expr::Object(entries), Expr::Name("as"), Expr::Name("const")] = terms.as_slice() else { return None };
    entries.iter().map(literal_entry).collect()
}

fn literal_entry(entry: &Entry<'_>) -> Option<(String, Wire, usize)> {
    let (name, at) = entry.key.clone()?;
    let wire = match &entry.value {
        Expr::Str(s) => Wire::String(s.clone()),
        Expr::Num(n) => Wire::Number(n.clone()),
        _ => return None,
    };
    Some((name, wire, at))
}

/// The values of `"a" | "b" | 1` (a leading `|` allowed), each with the
/// index of its token in `toks`; `None` when anything else is in the union.
fn literal_union(toks: &[Token<'_>]) -> Option<Vec<(Wire, usize)>> {
    let mut out = Vec::new();
    let mut sign = "";
    for (i, t) in toks.iter().enumerate() {
        match &t.tok {
            Tok::Punct('|') if sign.is_empty() => {}
            Tok::Punct('-') => sign = "-",
            Tok::Str(s) if sign.is_empty() => out.push((Wire::String(s.to_string()), i)),
            Tok::Num(n) => {
                out.push((Wire::Number(format!("{sign}{n}")), i));
                sign = "";
            }
            _ => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

fn wire_text(wire: &Wire) -> String {
    match wire {
        Wire::String(s) | Wire::Number(s) => s.clone(),
    }
}

/// A TypeScript enum's members (`A = "a"`, `B = -1`, `C` one past the
/// number before it, or 0 first), each with the index of its name's token.
fn enum_members(toks: &[Token<'_>]) -> Result<Vec<(String, Wire, usize)>, String> {
    let mut out: Vec<(String, Wire, usize)> = Vec::new();
    for (start, member) in split_commas(toks) {
        let Some(first) = member.first() else { continue };
        let name = match &first.tok {
            Tok::Ident(s) => (*s).to_string(),
            Tok::Str(s) => s.to_string(),
            _ => return Err("an enum member's name is not a name or a string".into()),
        };
        let wire = match member.get(1..) {
            None | Some([]) => next_number(out.last().map(|(_, w, _)| w))?,
            Some([eq, value @ ..]) if eq.is_punct('=') => literal(value)?,
            Some(_) => return Err(format!("enum member `{name}` is not `name = literal`")),
        };
        out.push((name, wire, start));
    }
    Ok(out)
}

/// A member's initializer: a string, or a number with its sign.
fn literal(toks: &[Token<'_>]) -> Result<Wire, String> {
    let wire = match toks {
        [t] => match &t.tok {
            Tok::Str(s) => Some(Wire::String(s.to_string())),
            Tok::Num(n) => Some(Wire::Number((*n).to_string())),
            _ => None,
        },
        [minus, t] if minus.is_punct('-') => match t.tok {
            Tok::Num(n) => Some(Wire::Number(format!("-{n}"))),
            _ => None,
        },
        _ => None,
    };
    wire.ok_or_else(|| "an enum member's value is not a literal".into())
}

/// The value TypeScript gives a member with no initializer.
fn next_number(previous: Option<&Wire>) -> Result<Wire, String> {
    let n = match previous {
        None => 0,
        Some(Wire::Number(n)) => n.parse::<i64>().ok().and_then(|n| n.checked_add(1)).ok_or("an enum member follows a number it cannot count on from")?,
        Some(Wire::String(_)) => return Err("an enum member without a value follows a string member".into()),
    };
    Ok(Wire::Number(n.to_string()))
}

/// The comma-separated parts of `toks` (commas inside brackets kept), each
/// with the index where it starts.
fn split_commas<'t, 'a>(toks: &'t [Token<'a>]) -> Vec<(usize, &'t [Token<'a>])> {
    let mut out = Vec::new();
    let (mut start, mut depth) = (0usize, 0usize);
    for (i, t) in toks.iter().enumerate() {
        match t.tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
            Tok::Punct(',') if depth == 0 => {
                out.push((start, toks.get(start..i).unwrap_or_default()));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push((start, toks.get(start..).unwrap_or_default()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{Number, NOT_READ};

    fn read(text: &str) -> FileFacts {
        TypeScript.read(&Arc::from("src/models/x.ts"), text)
    }

    /// Each struct field as (name, key, nullable, number).
    fn fields(facts: &FileFacts, model: &str) -> Vec<(String, String, Option<bool>, Option<Number>)> {
        let found = facts.models.iter().find(|m| m.name == model);
        let Some(SourceModel { body: SourceBody::Struct(fields), .. }) = found else { panic!("no struct {model} in {facts:#?}") };
        fields.iter().map(|f| (f.name.clone(), f.key.clone(), f.nullable, f.number)).collect()
    }

    fn values(facts: &FileFacts, model: &str) -> Vec<Wire> {
        let found = facts.models.iter().find(|m| m.name == model);
        let Some(SourceModel { body: SourceBody::Enum(values), .. }) = found else { panic!("no enum {model} in {facts:#?}") };
        values.iter().map(|v| v.wire.clone()).collect()
    }

    fn f(name: &str, key: &str, nullable: Option<bool>, number: Option<Number>) -> (String, String, Option<bool>, Option<Number>) {
        (name.into(), key.into(), nullable, number)
    }

    fn s(text: &str) -> Wire {
        Wire::String(text.into())
    }

    fn n(text: &str) -> Wire {
        Wire::Number(text.into())
    }

    const INT: Option<Number> = Some(Number::Integer);

    #[test]
    fn zod_inbound_schema_with_remap() {
        let facts = read(r#"
export type Account = {
  accountType?: string | null | undefined;
  balance: number;
  count?: number | undefined;
};
/** @internal */
export const Account$inboundSchema: z.ZodType<Account, z.ZodTypeDef, unknown> = z.object({
  account_type: z.nullable(z.string()).optional(),
  balance: z.number(),
  "item-count": z.number().int().optional(),
}).transform((v) => {
  return remap$(v, {
    "account_type": "accountType",
    "item-count": "count",
  });
});
"#);
        assert_eq!(fields(&facts, "Account"), vec![
            f("accountType", "account_type", Some(true), None),
            f("balance", "balance", Some(false), None),
            f("count", "item-count", Some(false), INT),
        ]);
        let model = &facts.models[0];
        assert_eq!((model.loc.line, model.loc.col), (2, 13), "at the type's name");
        assert!(facts.warnings.is_empty());
    }

    #[test]
    fn zod_schema_without_remap_keys_are_names() {
        let facts = read("export type Tag = { name: string; id?: number | undefined };\n\
            export const Tag$inboundSchema: z.ZodType<Tag, unknown> = z\n  .object({ name: z.string(), id: z.int().optional() });");
        assert_eq!(fields(&facts, "Tag"), vec![f("name", "name", Some(false), None), f("id", "id", Some(false), INT)]);
    }

    #[test]
    fn a_string_read_into_a_number_is_quoted_on_the_wire() {
        let facts = read("export type App = { userCount?: number | null | undefined };\n\
            export const App$inboundSchema: z.ZodType<App, z.ZodTypeDef, unknown> = z.object({\n\
            userCount: z.nullable(z.string().transform(v => parseInt(v, 10))).optional(),\n});");
        assert_eq!(fields(&facts, "App"), vec![f("userCount", "userCount", Some(true), Some(Number::Quoted))]);
    }

    #[test]
    fn zod_4_containers_extra_keys_and_lazy() {
        let facts = read(r#"
export type Payload = { atType?: string | undefined; sizes: Array<number>; counts: { [k: string]: number }; additionalProperties?: { [k: string]: any } | undefined };
export const Payload$inboundSchema: z.ZodType<Payload, unknown> = collectExtraKeys$(
  z.object({
    "@type": z.string().optional(),
    sizes: z.array(z.nullable(z.int())),
    counts: z.nullable(z.record(z.string(), z.number().int())),
    weights: z.array(z.number()),
    child: z.lazy(() => Child$inboundSchema).optional(),
    extra: z.any(),
  }).catchall(z.any()),
  "additionalProperties",
  true,
).transform((v) => {
  return remap$(v, { "@type": "atType" });
});
"#);
        assert_eq!(fields(&facts, "Payload"), vec![
            f("atType", "@type", Some(false), None),
            f("sizes", "sizes", Some(false), INT),
            f("counts", "counts", Some(true), INT),
            f("weights", "weights", Some(false), None),
            f("child", "child", Some(false), None),
            f("extra", "extra", Some(true), None),
        ]);
    }

    #[test]
    fn outbound_schema_when_there_is_no_inbound_one() {
        let facts = read(r#"
export type ReviewInput = { scopeVersion?: number | undefined; reviewScope?: Scope | null | undefined; additionalProperties?: { [k: string]: any } };
export const ReviewInput$outboundSchema: z.ZodType<ReviewInput$Outbound, z.ZodTypeDef, ReviewInput> = z.object({
  scopeVersion: z.number().int().transform(v => `${v}`).optional(),
  reviewScope: z.nullable(Scope$outboundSchema).optional(),
  additionalProperties: z.record(z.any()).optional(),
}).transform((v) => {
  return {
    ...v.additionalProperties,
    ...remap$(v, { reviewScope: "scope", additionalProperties: null }),
  };
});
"#);
        // An int64 sent as a string: the transform's output is the wire.
        assert_eq!(fields(&facts, "ReviewInput"), vec![
            f("scopeVersion", "scopeVersion", Some(false), Some(Number::Quoted)),
            f("reviewScope", "scope", Some(true), None),
        ]);
    }

    #[test]
    fn namespace_generation_with_object_built_from_v() {
        let facts = read(r#"
export enum PetStatus { Available = "available", Sold = "sold" }
export type Pet = { petType?: string | null | undefined; name: string };
/** @internal */
export namespace Pet$ {
    export type Inbound = { pet_type?: string | null | undefined; name: string };
    export const inboundSchema: z.ZodType<Pet, z.ZodTypeDef, Inbound> = z
        .object({
            pet_type: z.nullable(z.string()).optional(),
            name: z.string(),
        })
        .transform((v) => {
            return {
                ...(v.pet_type === undefined ? null : { petType: v.pet_type }),
                name: v.name,
            };
        });
    export const outboundSchema = z.object({ petType: z.string() });
}
export namespace PetStatus$ { export const inboundSchema = z.nativeEnum(PetStatus); }
"#);
        assert_eq!(fields(&facts, "Pet"), vec![f("petType", "pet_type", Some(true), None), f("name", "name", Some(false), None)]);
        assert_eq!(values(&facts, "PetStatus"), vec![s("available"), s("sold")]);
        assert_eq!(facts.models.len(), 2, "the namespace's Inbound type is no model: {facts:#?}");
    }

    #[test]
    fn deprecated_namespace_aliases_add_nothing() {
        let facts = read(r#"
export type Tag = { tagName: string };
export const Tag$inboundSchema: z.ZodType<Tag, z.ZodTypeDef, unknown> = z.object({ tag_name: z.string() })
  .transform((v) => { return remap$(v, { "tag_name": "tagName" }); });
export namespace Tag$ {
  /** @deprecated use `Tag$inboundSchema` instead. */
  export const inboundSchema = Tag$inboundSchema;
  export type Outbound = Tag$Outbound;
}
"#);
        assert_eq!(fields(&facts, "Tag"), vec![f("tagName", "tag_name", Some(false), None)]);
        assert_eq!((facts.models.len(), facts.warnings.len()), (1, 0));
    }

    #[test]
    fn class_transformer_generation() {
        let facts = read(r#"
import { Expose, Transform } from "class-transformer";
export class AccountingAccount extends SpeakeasyBase {
    /**
     * When it was made
     */
    @SpeakeasyMetadata()
    @Expose({ name: "created_at" })
    @Transform(({ value }) => new Date(value), { toClassOnly: true })
    createdAt?: Date;

    @SpeakeasyMetadata({ elemType: Support })
    @Expose({ name: "support" })
    @Transform(
        ({ value }) => {
            const obj: Record<string, Support> = {};
            for (const key in value) { obj[key] = objectToClass(value[key], Support); }
            return obj;
        },
        { toClassOnly: true }
    )
    support: Record<string, Support>;

    @Expose()
    balance?: number;
}
export class ListAccountsRequest extends SpeakeasyBase {
    @SpeakeasyMetadata({ data: "queryParam, style=form;explode=true;name=updated_gte" })
    updatedGte?: Date;

    @SpeakeasyMetadata({ data: "request, media_type=application/json" })
    accountingAccount?: shared.AccountingAccount;

    @SpeakeasyMetadata()
    statusCode: number;
}
export class SDKError extends Error {
    statusCode: number;
    constructor(message: string) { super(message); this.statusCode = 0; }
}
"#);
        // Nothing is validated when a class is filled: the notation says
        // nothing of `null`, and `number` nothing of integers.
        assert_eq!(fields(&facts, "AccountingAccount"), vec![
            f("createdAt", "created_at", None, None),
            f("support", "support", None, None),
            f("balance", "balance", None, None),
        ]);
        assert_eq!(fields(&facts, "ListAccountsRequest"), vec![f("updatedGte", "updated_gte", None, None)]);
        assert_eq!(facts.models.len(), 2, "an undecorated class is no model");
    }

    #[test]
    fn enum_kinds() {
        let facts = read(r#"
export const Status = { Active: "ACTIVE", Archived: "ARCHIVED" } as const;
export type Status = OpenEnum<typeof Status>;
export const Level = { Zero: 0, Minus1: -1, Half: 2.5 } as const;
export type Level = ClosedEnum<typeof Level>;
export enum Kind { A = "a", B = "b" }
export enum Code { One = 1, Two, Minus = -3, After }
export const enum Mixed { X = "x" }
export type Stop =
  | "end_turn"
  | "max_tokens";
export const Urls = { prod: "https://example.com" } as const;
"#);
        assert_eq!(values(&facts, "Status"), vec![s("ACTIVE"), s("ARCHIVED")]);
        assert_eq!(values(&facts, "Level"), vec![n("0"), n("-1"), n("2.5")]);
        assert_eq!(values(&facts, "Kind"), vec![s("a"), s("b")]);
        assert_eq!(values(&facts, "Code"), vec![n("1"), n("2"), n("-3"), n("-2")]);
        assert_eq!(values(&facts, "Mixed"), vec![s("x")]);
        assert_eq!(values(&facts, "Stop"), vec![s("end_turn"), s("max_tokens")]);
        assert!(facts.models.iter().all(|m| m.name != "Urls"), "a constant object with no type of its name is no enum");
    }

    #[test]
    fn nullable_forms() {
        let facts = read(r#"
export const N$inboundSchema = z.object({
  a: z.string().nullable(),
  b: z.union([z.string(), z.null()]),
  c: z.string().nullish(),
  d: z.unknown().transform((v) => JSON.parse(v)).pipe(Event$inboundSchema),
  e: z.literal(null),
  f: z.string().default("x"),
  g: openEnums.inboundSchema(Color),
  h: z.array(z.nullable(z.string())),
});
"#);
        let nullable: Vec<Option<bool>> = fields(&facts, "N").into_iter().map(|(_, _, n, _)| n).collect();
        let (t, f) = (Some(true), Some(false));
        assert_eq!(nullable, vec![t, t, t, f, t, f, f, f]);
    }

    #[test]
    fn errors_keep_their_keys_and_drop_the_sdks_own() {
        let facts = read(r#"
export const BadRequest$inboundSchema: z.ZodType<BadRequest, unknown> = z.object({
  user_id: z.nullable(z.string()).optional(),
  request$: z.custom<Request>(x => x instanceof Request),
  body$: z.string(),
})
  .transform((v) => {
    const remapped = remap$(v, { "user_id": "userId" });
    return new BadRequest(remapped, { request: v.request$, body: v.body$ });
  });
"#);
        assert_eq!(fields(&facts, "BadRequest"), vec![f("userId", "user_id", Some(true), None)]);
    }

    #[test]
    fn w0019_for_models_not_read() {
        let facts = read(r#"
export type Globals = { httpReferer?: string | undefined };
export type Spread = { a: string };
export const Spread$inboundSchema = z.object({ ...Base.shape, a: z.string() });
export const Either$inboundSchema = z.union([A$inboundSchema, B$inboundSchema]);
"#);
        assert!(facts.models.is_empty(), "{facts:#?}");
        let at: Vec<(&str, u32)> = facts.warnings.iter().map(|w| (w.code, w.loc.as_ref().map_or(0, |l| l.line))).collect();
        assert_eq!(at, vec![(NOT_READ, 2), (NOT_READ, 3)], "{facts:#?}");
    }

    #[test]
    fn an_operation_type_no_schema_reads_is_a_model_of_no_key() {
        let text = r#"
export type GetAppGlobals = { httpReferer?: string | undefined };
export type GetAppRequest = { httpReferer?: string | undefined; id: string };
export const GetAppRequest$outboundSchema = z.object({ httpReferer: z.string().optional(), id: z.string() });
"#;
        let facts = TypeScript.read(&Arc::from("src/models/operations/getapp.ts"), text);
        assert!(facts.warnings.is_empty(), "{facts:#?}");
        assert_eq!(fields(&facts, "GetAppGlobals"), vec![], "parameters, never JSON: no keys");
        assert_eq!(fields(&facts, "GetAppRequest").len(), 2);
        // Elsewhere (an error's data, a hand-written helper) such a type is one the reader did not read.
        for file in ["src/models/errors/getapp.ts", "src/models/operations.ts"] {
            let facts = TypeScript.read(&Arc::from(file), text);
            let warned: Vec<&str> = facts.warnings.iter().map(|w| w.code).collect();
            assert_eq!(warned, vec![NOT_READ], "{file}: {facts:#?}");
            assert!(facts.models.iter().all(|m| m.name != "GetAppGlobals"), "{file}");
        }
    }

    #[test]
    fn declaration_files_are_not_read() {
        let text = "export type A = { a: string };\nexport declare const A$inboundSchema: z.ZodType<A>;";
        assert_eq!(TypeScript.read(&Arc::from("src/models/a.d.ts"), text), FileFacts::default());
    }

    #[test]
    fn pathological_nesting_and_chains_read() {
        let deep = format!("export const A$inboundSchema = {}", "z.object({ a: ".repeat(20_000));
        let chain = format!("export const A$inboundSchema = z{}", ".a()".repeat(50_000));
        let members = format!("export const A$inboundSchema = v{}", "?.a![0]".repeat(50_000));
        let class = format!("export class A {{ {} }}", "@Expose({ name: ".repeat(20_000));
        let arrows = format!("export const A$inboundSchema = {}", "(v) => { return ".repeat(20_000));
        for text in [deep, chain, members, class, arrows] {
            let _ = read(&text);
        }
    }

    /// Fragments of the notation, for texts that reach deep into the reader.
    const FRAGMENTS: &[&str] = &[
        "export ", "const ", "type ", "enum ", "class ", "namespace ", "X$ ", "A$inboundSchema", "A$outboundSchema", "inboundSchema",
        " = ", "z.object(", "z.nullable(", "z.int()", ".optional()", ".transform(", "(v) => ", "=> ", "{ ", " }", "(", ")", "[", "]",
        "remap$(v, ", "\"k\": ", "a: ", "\"b\"", ", ", "; ", "@Expose({ name: ", "@", "...", "v.a", " as const", "-", "1", "?", ":", "<", ">", "|",
    ];

    proptest::proptest! {
        /// Any text reads without a panic.
        #[test]
        fn any_text_reads_without_panic(text in "\\PC{0,200}") {
            let _ = read(&text);
        }

        /// So does any jumble of the notation's own pieces.
        #[test]
        fn any_jumble_of_the_notation_reads_without_panic(picks in proptest::collection::vec(0..FRAGMENTS.len(), 0..80)) {
            let text: String = picks.into_iter().filter_map(|i| FRAGMENTS.get(i).copied()).collect();
            let _ = read(&text);
        }
    }
}
