//! Ruby model sources, as the Speakeasy generators write them under
//! `lib/<pkg>/models/`. Each model is a class (inside modules), one statement
//! a line:
//!
//! - objects, Sorbet generation (`< ::Pkg::Utils::FieldAugmented`, or
//!   `include Crystalline::MetadataFields` with `extend T::Sig`):
//!   `field :created_at, T.nilable(::DateTime), { 'format_json': { 'letter_case': ::Pkg::Utils.field_name('createdAt') } }`;
//! - objects, Crystalline generation: `field :user_id, Crystalline::Nilable.new(::String),
//!   { 'format_json': { 'letter_case': ::Pkg::Utils.field_name('user_id'), required: true } }`;
//! - enums: `class X < T::Enum` or `include ::Crystalline::Enum`, then
//!   `enums do A = new('a') ... end`, a string or a number each.
//!
//! The symbol (`:created_at`) is what the docs print; the JSON key is the
//! `field_name(...)` argument. A request's parameters (`'query_param': {
//! 'field_name': 'fields', ... }`) name theirs in a `'field_name'` entry.
//!
//! Nullability: `T.nilable(X)` and `Crystalline::Nilable.new(X)` allow `nil`,
//! which a Ruby SDK uses both for an absent field and for `null`. Only a
//! field also marked `required: true` (which the newer generations write on
//! every required field, and the oldest never) states that `null` is one of
//! its values; an optional nilable one says nothing about `null`; a
//! non-nilable type rules it out.

use std::sync::Arc;

use super::lex::{self, Tok, Token};
use super::{loc, not_read, FileFacts, Language, Number, SourceBody, SourceField, SourceModel, SourceValue, Wire};

pub struct Ruby;

impl Language for Ruby {
    fn name(&self) -> &'static str {
        "Ruby"
    }

    fn extensions(&self) -> &'static [&'static str] {
        // Not `rbi`: the Crystalline generation's Sorbet interface files
        // declare each class's accessors again, with no types nor keys.
        &["rb"]
    }

    fn read(&self, file: &Arc<str>, text: &str) -> FileFacts {
        let tokens = lex::lex(text, &lex::Syntax::RUBY);
        let mut classes: Vec<Class> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            i = statement(&tokens, i, file, &mut classes);
        }
        let mut facts = FileFacts::default();
        classes.into_iter().for_each(|class| class.finish(&mut facts));
        facts
    }
}

/// What is known of a class so far, statement by statement. Generated models
/// never nest classes, so each declaration belongs to the last class opened:
/// the reader needs no count of Ruby's `end`s (which `unless` and `if` as
/// modifiers would make hard to count).
struct Class {
    model: SourceModel,
    kind: Kind,
    /// The first statement that could not be read, as a W0019.
    broken: Option<crate::diag::Diagnostic>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Nothing yet says this is a model (an error class, a helper).
    Unknown,
    Struct,
    Enum,
}

impl Class {
    fn mark(&mut self, kind: Kind) {
        if self.kind == Kind::Unknown {
            self.kind = kind;
            if kind == Kind::Enum {
                self.model.body = SourceBody::Enum(Vec::new());
            }
        }
    }

    fn fail(&mut self, at: &Token<'_>, file: &Arc<str>, why: &str) {
        if self.broken.is_none() {
            let what = format!("Ruby class `{}`", self.model.name);
            self.broken = Some(not_read(loc(file, at), &what, why));
        }
    }

    fn finish(self, facts: &mut FileFacts) {
        match (self.broken, self.kind) {
            (Some(warning), Kind::Struct | Kind::Enum) => facts.warnings.push(warning),
            (_, Kind::Unknown) => {}
            (None, _) => facts.models.push(self.model),
        }
    }
}

/// Reads the statement at `start` (into the last class of `classes`) and
/// returns where the next one begins.
fn statement(tokens: &[Token<'_>], start: usize, file: &Arc<str>, classes: &mut Vec<Class>) -> usize {
    let end = statement_end(tokens, start);
    let stmt = tokens.get(start..end).unwrap_or_default();
    let head = stmt.first().and_then(Token::ident);
    if head == Some("class") {
        open_class(stmt, file, classes);
    } else if let Some(class) = classes.last_mut() {
        match head {
            Some("include" | "extend") => mark_by_path(class, stmt.get(1..).unwrap_or_default()),
            Some("enums") => class.mark(Kind::Enum),
            Some("field") => field_statement(class, stmt, file),
            Some(name) if class.kind == Kind::Enum && name.starts_with(char::is_uppercase) => {
                enum_member(class, stmt, file)
            }
            _ => {}
        }
    }
    end.max(start + 1)
}

/// The end of the statement at `start`: the first line break outside
/// brackets (Ruby's statements end there; every generated one fits a line).
fn statement_end(tokens: &[Token<'_>], start: usize) -> usize {
    let mut depth: usize = 0;
    let mut i = start;
    while let Some(token) = tokens.get(i) {
        match token.tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
            Tok::Punct(';') if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
        let next_line = tokens.get(i).map(|next| next.line);
        if depth == 0 && next_line.is_some_and(|line| line > token.line) {
            break;
        }
    }
    i
}

/// `class Name`, `class Name < Super`: a new class, which its superclass may
/// already mark as a model. `class << self` opens none.
fn open_class(stmt: &[Token<'_>], file: &Arc<str>, classes: &mut Vec<Class>) {
    let path_len = path_tokens(stmt.get(1..).unwrap_or_default());
    let Some(name) = stmt.get(1..1 + path_len).and_then(|path| path.iter().rev().find(|t| t.ident().is_some())) else {
        return;
    };
    let model = SourceModel {
        name: name.ident().unwrap_or_default().to_string(),
        loc: loc(file, name),
        body: SourceBody::Struct(Vec::new()),
    };
    let mut class = Class { model, kind: Kind::Unknown, broken: None };
    if stmt.get(1 + path_len).is_some_and(|t| t.is_punct('<')) {
        mark_by_path(&mut class, stmt.get(2 + path_len..).unwrap_or_default());
    }
    classes.push(class);
}

/// How many tokens a constant path (`::A::B`, `T::Enum`) takes at the start.
fn path_tokens(tokens: &[Token<'_>]) -> usize {
    let mut i = 0;
    loop {
        let colons = tokens.get(i..i + 2).is_some_and(|t| t.iter().all(|t| t.is_punct(':')));
        if colons {
            i += 2;
        }
        match tokens.get(i) {
            Some(token) if token.ident().is_some() => i += 1,
            _ => return if colons { i - 2 } else { i },
        }
        if !tokens.get(i..i + 2).is_some_and(|t| t.iter().all(|t| t.is_punct(':'))) {
            return i;
        }
    }
}

/// A superclass or an included module that makes a class a model: the
/// generations' object bases and their enum bases.
fn mark_by_path(class: &mut Class, tokens: &[Token<'_>]) {
    let path = tokens.get(..path_tokens(tokens)).unwrap_or_default();
    let Some(last) = path.iter().rev().find_map(Token::ident) else { return };
    let sorbet = path.iter().any(|t| t.is_ident("T"));
    match last {
        "FieldAugmented" | "MetadataFields" => class.mark(Kind::Struct),
        "Struct" if sorbet => class.mark(Kind::Struct),
        "Enum" => class.mark(Kind::Enum),
        _ => {}
    }
}

/// `field :name, Type, { options }`.
fn field_statement(class: &mut Class, stmt: &[Token<'_>], file: &Arc<str>) {
    let Some(at) = stmt.first() else { return };
    match read_field(stmt, file) {
        Ok(Some(field)) => {
            class.mark(Kind::Struct);
            if let SourceBody::Struct(fields) = &mut class.model.body {
                fields.push(field);
            }
        }
        Ok(None) => class.mark(Kind::Struct),
        Err(why) => {
            class.mark(Kind::Struct);
            class.fail(at, file, &why);
        }
    }
}

/// One field declaration; `None` for a field the SDK keeps out of the JSON
/// (`field_name('-')`, the raw HTTP response of an error) or never names a
/// key for (a wrapper's body, status and headers).
fn read_field(stmt: &[Token<'_>], file: &Arc<str>) -> Result<Option<SourceField>, String> {
    let name = match stmt.get(1..4) {
        Some([colon, name, comma]) if colon.is_punct(':') && comma.is_punct(',') => name,
        _ => return Err("a `field` without a `:symbol, Type` after it".into()),
    };
    let symbol = name.ident().ok_or("a `field` whose symbol is not a name")?;
    let mut pos = 4;
    let ty = parse_type(stmt, &mut pos, 0).ok_or("a field type that is not a constant path, call or index")?;
    let options = match stmt.get(pos) {
        None => &[][..],
        Some(comma) if comma.is_punct(',') => stmt.get(pos + 1..).unwrap_or_default(),
        Some(_) => return Err(format!("something after the type of `{symbol}`")),
    };
    // A field with neither `format_json` nor a parameter's name is no JSON
    // key: a response wrapper's body or status, which the SDK fills itself.
    let key = match json_key(options)? {
        Some(key) if key == "-" => return Ok(None),
        Some(key) => key,
        None => return Ok(None),
    };
    Ok(Some(SourceField {
        name: symbol.to_string(),
        key,
        nullable: nullable(&ty, has_true(options, "required")),
        number: number(&ty),
        loc: loc(file, name),
    }))
}

/// The key: `field_name('createdAt')` in `format_json`, else a parameter's
/// `'field_name': 'fields'`; `None` when the options name none.
fn json_key(options: &[Token<'_>]) -> Result<Option<String>, String> {
    for (i, token) in options.iter().enumerate() {
        if token.is_ident("field_name") && options.get(i + 1).is_some_and(|t| t.is_punct('(')) {
            return match options.get(i + 2..i + 4) {
                Some([arg, close]) if close.is_punct(')') => match arg.string() {
                    Some(key) => Ok(Some(key.to_string())),
                    None => Err("a `field_name(...)` whose argument is not a string".into()),
                },
                _ => Err("a `field_name(...)` with other than one argument".into()),
            };
        }
    }
    Ok(entry(options, "field_name").and_then(Token::string).map(str::to_string))
}

/// Whether the options hold `name: true` (`'name': true`, `:name => true`).
fn has_true(options: &[Token<'_>], name: &str) -> bool {
    entry(options, name).is_some_and(|value| value.is_ident("true"))
}

/// The value token of the hash entry `name: value`, `'name': value` or
/// `:name => value`, anywhere in `tokens`.
fn entry<'a, 't>(tokens: &'a [Token<'t>], name: &str) -> Option<&'a Token<'t>> {
    tokens.iter().enumerate().find_map(|(i, token)| {
        let named = token.is_ident(name) || token.string() == Some(name);
        if !named {
            return None;
        }
        match tokens.get(i + 1..i + 3) {
            Some([colon, value]) if colon.is_punct(':') => Some(value),
            Some([eq, gt]) if eq.is_punct('=') && gt.is_punct('>') => tokens.get(i + 3),
            _ => None,
        }
    })
}

/// A type expression: a constant path (`::String`, `T::Boolean`), a call
/// (`T.nilable(X)`, `Crystalline::Nilable.new(X)`, `Crystalline::Boolean.new`)
/// or an index (`T::Array[X]`, `T::Hash[Symbol, X]`).
#[derive(Debug)]
struct Type {
    /// Its path, segments joined by `::`, with no leading `::` nor `.new`
    /// (`T::nilable`, `Crystalline::Nilable`, `Integer`).
    path: String,
    args: Vec<Type>,
}

/// Nesting deeper than any generated type is refused, not recursed into.
const MAX_DEPTH: usize = 32;

fn parse_type(tokens: &[Token<'_>], pos: &mut usize, depth: usize) -> Option<Type> {
    if depth > MAX_DEPTH {
        return None;
    }
    let mut segments: Vec<&str> = Vec::new();
    loop {
        while tokens.get(*pos).is_some_and(|t| t.is_punct(':') || t.is_punct('.')) {
            *pos += 1;
        }
        segments.push(tokens.get(*pos)?.ident()?);
        *pos += 1;
        if !tokens.get(*pos).is_some_and(|t| t.is_punct(':') || t.is_punct('.')) {
            break;
        }
    }
    if segments.len() > 1 && segments.last() == Some(&"new") {
        segments.pop();
    }
    let close = match tokens.get(*pos).map(|t| &t.tok) {
        Some(Tok::Punct('(')) => ')',
        Some(Tok::Punct('[')) => ']',
        _ => return Some(Type { path: segments.join("::"), args: Vec::new() }),
    };
    *pos += 1;
    let mut args = Vec::new();
    loop {
        args.push(parse_type(tokens, pos, depth + 1)?);
        let next = tokens.get(*pos)?;
        *pos += 1;
        if next.is_punct(close) {
            return Some(Type { path: segments.join("::"), args });
        }
        if !next.is_punct(',') {
            return None;
        }
    }
}

impl Type {
    fn is(&self, paths: &[&str]) -> bool {
        paths.contains(&self.path.as_str())
    }

    /// The one argument of a wrapper (`T.nilable(X)`, `T::Array[X]`), or the
    /// value type of a hash (`T::Hash[Symbol, X]`).
    fn inner(&self) -> Option<&Type> {
        let wrapper = self.is(&["T::nilable", "Crystalline::Nilable", "T::Array", "Crystalline::Array"]);
        match self.args.as_slice() {
            [inner] if wrapper => Some(inner),
            [_, value] if self.is(&["T::Hash", "Crystalline::Hash"]) => Some(value),
            _ => None,
        }
    }
}

fn nullable(ty: &Type, required: bool) -> Option<bool> {
    match ty.is(&["T::nilable", "Crystalline::Nilable"]) {
        false => Some(false),
        true if required => Some(true),
        true => None,
    }
}

/// `::Integer` or `::Float`, alone or inside `nilable`, arrays and hashes; a
/// union (`T.any`, `Crystalline::Union`) is no number field.
fn number(ty: &Type) -> Option<Number> {
    match ty.path.as_str() {
        "Integer" => Some(Number::Integer),
        "Float" => Some(Number::Float),
        _ => number(ty.inner()?),
    }
}

/// `NAME = new('value')` or `NAME = new(0)` inside `enums do ... end`.
fn enum_member(class: &mut Class, stmt: &[Token<'_>], file: &Arc<str>) {
    let Some(name) = stmt.first() else { return };
    if !stmt.get(1).is_some_and(|eq| eq.is_punct('=')) {
        return;
    }
    let Some(wire) = member_value(stmt.get(2..).unwrap_or_default()) else {
        return class.fail(name, file, "an enum member that is not `NAME = new(literal)`");
    };
    if let SourceBody::Enum(values) = &mut class.model.body {
        let at = loc(file, name);
        values.push(SourceValue { name: name.ident().unwrap_or_default().to_string(), wire, loc: at });
    }
}

/// The value of `new('a')`, `new(1)`, `new(-1)`.
fn member_value(tokens: &[Token<'_>]) -> Option<Wire> {
    let [new, open, value @ .., close] = tokens else { return None };
    if !new.is_ident("new") || !open.is_punct('(') || !close.is_punct(')') {
        return None;
    }
    Some(match value {
        [Token { tok: Tok::Str(text), .. }] => Wire::String(text.to_string()),
        [Token { tok: Tok::Num(text), .. }] => Wire::Number(text.to_string()),
        [minus, Token { tok: Tok::Num(text), .. }] if minus.is_punct('-') => Wire::Number(format!("-{text}")),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> FileFacts {
        Ruby.read(&Arc::from("m.rb"), text)
    }

    fn fields(facts: &FileFacts) -> Vec<(&str, &str, Option<bool>, Option<Number>)> {
        let Some(SourceBody::Struct(fields)) = facts.models.first().map(|m| &m.body) else { return Vec::new() };
        fields.iter().map(|f| (f.name.as_str(), f.key.as_str(), f.nullable, f.number)).collect()
    }

    const SORBET: &str = "module Sdk
  module Shared
    # A contact
    class CrmContact < ::Sdk::Utils::FieldAugmented
      extend T::Sig

      field :company_ids, T.nilable(T::Array[::String]), { 'format_json': { 'letter_case': ::Sdk::Utils.field_name('companyIds') } }
      field :amount, ::Float, { 'format_json': { 'letter_case': ::Sdk::Utils.field_name('amount') } }
      field :counts, T.nilable(T::Hash[Symbol, ::Integer]), { 'format_json': { 'letter_case': ::Sdk::Utils.field_name('counts'), 'decoder': Utils.datetime_from_iso_format(true) } }

      sig { params(company_ids: T.nilable(T::Array[::String])).void }
      def initialize(company_ids: nil, amount: nil, counts: nil)
        @company_ids = company_ids
      end
    end
  end
end
";

    #[test]
    fn sorbet_generation_objects() {
        let facts = read(SORBET);
        assert!(facts.warnings.is_empty(), "{:?}", facts.warnings);
        assert_eq!(facts.models.len(), 1);
        assert_eq!(facts.models.first().map(|m| m.name.as_str()), Some("CrmContact"));
        assert_eq!(
            fields(&facts),
            vec![
                ("company_ids", "companyIds", None, None),
                ("amount", "amount", Some(false), Some(Number::Float)),
                ("counts", "counts", None, Some(Number::Integer)),
            ]
        );
    }

    #[test]
    fn metadata_fields_generation_marks_required_fields() {
        let text = "module Sdk
  module Models
    module Components
      class Track
        extend T::Sig
        include Crystalline::MetadataFields

        field :type, ::String, { 'format_json': { 'letter_case': ::Sdk::Utils.field_name('type'), required: true } }
        field :frame_rate, T.nilable(::String), { 'format_json': { 'letter_case': ::Sdk::Utils.field_name('frameRate') } }
        field :sizes, T::Array[::Integer], { 'format_json': { 'letter_case': ::Sdk::Utils.field_name('sizes'), required: true } }
      end
    end
  end
end
";
        let facts = read(text);
        assert_eq!(
            fields(&facts),
            vec![
                ("type", "type", Some(false), None),
                ("frame_rate", "frameRate", None, None),
                ("sizes", "sizes", Some(false), Some(Number::Integer)),
            ]
        );
    }

    #[test]
    fn crystalline_generation_states_null_on_required_nilable_fields() {
        let text = "module Clerk
  module Models
    module Components
      class ActorToken
        include Crystalline::MetadataFields

        field :user_id, ::String, { 'format_json': { 'letter_case': ::Clerk::Utils.field_name('user_id'), required: true } }
        field :expire_at, Crystalline::Nilable.new(::Integer), { 'format_json': { 'letter_case': ::Clerk::Utils.field_name('expire_at'), required: true } }
        field :url, Crystalline::Nilable.new(::String), { 'format_json': { 'letter_case': ::Clerk::Utils.field_name('url') } }
        field :rates, Crystalline::Nilable.new(Crystalline::Hash.new(Symbol, Crystalline::Array.new(::Float))), { 'format_json': { 'letter_case': ::Clerk::Utils.field_name('rates') } }
        field :value, Crystalline::Nilable.new(Crystalline::Union.new(::String, ::Float, Crystalline::Boolean.new)), { 'format_json': { 'letter_case': ::Clerk::Utils.field_name('value') } }
        field :raw_response, Crystalline::Nilable.new(::Faraday::Response), { 'format_json': { 'letter_case': ::Clerk::Utils.field_name('-') } }

        def initialize(user_id:, expire_at: nil, url: nil)
          @user_id = user_id
        end
      end
    end
  end
end
";
        let facts = read(text);
        assert_eq!(
            fields(&facts),
            vec![
                ("user_id", "user_id", Some(false), None),
                ("expire_at", "expire_at", Some(true), Some(Number::Integer)),
                ("url", "url", None, None),
                ("rates", "rates", None, Some(Number::Float)),
                ("value", "value", None, None),
            ],
            "the raw response is no JSON field"
        );
    }

    #[test]
    fn without_field_name_the_key_is_a_parameter_name_or_none() {
        let text = "class GetUserRequest
  include Crystalline::MetadataFields
  field :fields_, T.nilable(T::Array[::String]), { 'query_param': { 'field_name': 'fields', 'style': 'form', 'explode': true } }
  field :request_body, Models::Shared::Body, { 'request': { 'media_type': 'application/json' } }
  field :status_code, ::Integer
end
";
        assert_eq!(
            fields(&read(text)),
            vec![("fields_", "fields", None, None)],
            "a wrapper's body and status are no keys"
        );
    }

    fn values(facts: &FileFacts) -> Vec<(&str, Wire)> {
        let Some(SourceBody::Enum(values)) = facts.models.first().map(|m| &m.body) else { return Vec::new() };
        values.iter().map(|v| (v.name.as_str(), v.wire.clone())).collect()
    }

    #[test]
    fn sorbet_enums_of_strings_and_of_integers() {
        let strings = "module Sdk\n  class CrmTelephoneType < T::Enum\n    enums do\n      WORK = new('WORK')\n      FAX = new(\"fax\")\n    end\n  end\nend\n";
        let facts = read(strings);
        assert_eq!(facts.models.first().map(|m| m.name.as_str()), Some("CrmTelephoneType"));
        assert_eq!(values(&facts), vec![("WORK", Wire::String("WORK".into())), ("FAX", Wire::String("fax".into()))]);
        let integers = "class Level < T::Enum\n  enums do\n    DISABLE = new(0)\n    LOW = new(-1)\n  end\nend\n";
        assert_eq!(
            values(&read(integers)),
            vec![("DISABLE", Wire::Number("0".into())), ("LOW", Wire::Number("-1".into()))]
        );
    }

    #[test]
    fn crystalline_enums() {
        let text = "class ActorTokenStatus\n  include ::Crystalline::Enum\n  enums do\n    PENDING = new('pending')\n  end\n  open!\nend\n";
        assert_eq!(values(&read(text)), vec![("PENDING", Wire::String("pending".into()))]);
    }

    #[test]
    fn other_classes_are_no_models() {
        let text =
            "class APIError < StandardError\n  def initialize(message)\n    super\n  end\nend\nclass << self\nend\n";
        assert_eq!(read(text), FileFacts::default());
    }

    #[test]
    fn an_unreadable_field_skips_its_model_with_w0019() {
        let text = "class A\n  include Crystalline::MetadataFields\n  field :a, ::String\n  field :b, 3\nend\nclass B < T::Enum\n  enums do\n    X = new(y)\n  end\nend\n";
        let facts = read(text);
        assert!(facts.models.is_empty());
        let at: Vec<(u32, &str)> =
            facts.warnings.iter().map(|w| (w.loc.as_ref().map_or(0, |l| l.line), w.code)).collect();
        assert_eq!(at, vec![(4, "W0019"), (8, "W0019")]);
    }

    #[test]
    fn deep_nesting_is_refused_not_recursed() {
        let deep = format!(
            "class A\n  include Crystalline::MetadataFields\n  field :a, {}X{}\nend\n",
            "T.nilable(".repeat(5000),
            ")".repeat(5000)
        );
        assert_eq!(read(&deep).warnings.len(), 1);
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_without_panic(text in "\\PC{0,200}") {
            let _ = read(&text);
        }

        #[test]
        fn any_field_line_reads_without_panic(tail in "[:A-Za-z_(),\\[\\]{}' .-]{0,80}") {
            let _ = read(&format!("class A < T::Enum\n  enums do\n    X = new{tail}\n  end\nend\nclass B\n  field :b, {tail}\nend\n"));
        }
    }
}
