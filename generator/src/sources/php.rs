//! PHP model sources, as the Speakeasy generator writes them under
//! `src/Models/`: one class or backed enum a file.
//!
//! - objects: public properties, each under PHP 8 attributes of the SDK's
//!   serializer: `#[\Speakeasy\Serializer\Annotation\SerializedName('user_id')]`
//!   (the JSON key), `#[...\Type('array<int>|null')]` (the element types that
//!   PHP's own `array` does not state), `#[...\SkipWhenNull]` (`null` means
//!   absent), `#[...\Exclude]` (never serialized); a request's parameters
//!   name theirs in `#[SpeakeasyMetadata('queryParam:style=form,name=fields')]`.
//! - enums: `enum X: string { case A = 'a'; }` and `enum X: int { case A = 1; }`.
//!
//! The property's name less its `$` is what the docs print (`userId`).
//!
//! Nullability: `?T`, `T|null` let a property hold `null`. With `SkipWhenNull`
//! (or a `= null` default) that is how an optional field is absent, and says
//! nothing of `null` on the wire; without either, the property is required
//! and the serializer writes its `null` as `null`: a value. A type that admits
//! no `null` rules it out; `mixed` cannot tell.

use std::sync::Arc;

use super::lex::{self, Tok, Token};
use super::{loc, not_read, FileFacts, Language, Number, SourceBody, SourceField, SourceModel, SourceValue, Wire};

pub struct Php;

impl Language for Php {
    fn name(&self) -> &'static str {
        "PHP"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["php"]
    }

    fn read(&self, file: &Arc<str>, text: &str) -> FileFacts {
        let tokens = lex::lex(text, &lex::Syntax::PHP);
        let mut facts = FileFacts::default();
        let mut i = 0;
        while i < tokens.len() {
            i = match declaration(&tokens, i) {
                Some(decl) => decl.read(file, &mut facts),
                None => i + 1,
            };
        }
        facts
    }
}

/// A `class` or `enum` declaration: its keyword, name, the tokens between
/// the name and the body (`extends X`, `: string`) and the body's.
struct Declaration<'a, 't> {
    keyword: &'a str,
    name: &'a Token<'t>,
    header: &'a [Token<'t>],
    body: &'a [Token<'t>],
    /// The index just past the body's closing brace.
    end: usize,
}

/// The declaration whose keyword is at `i`, if one is (`Foo::class` and
/// `new class` are none).
fn declaration<'a, 't>(tokens: &'a [Token<'t>], i: usize) -> Option<Declaration<'a, 't>> {
    let keyword = tokens.get(i)?.ident().filter(|k| matches!(*k, "class" | "enum"))?;
    let after_colon = i > 0 && tokens.get(i - 1).is_some_and(|t| t.is_punct(':'));
    let name = tokens.get(i + 1).filter(|t| t.ident().is_some() && !after_colon)?;
    // A header holds no `;`, `}` nor other declaration: stopping there keeps
    // the reading of a file of bodiless declarations linear.
    let ends_header = |t: &Token<'_>| matches!(t.tok, Tok::Punct('{' | ';' | '}') | Tok::Ident("class" | "enum"));
    let open = (i + 2..tokens.len()).find(|&k| tokens.get(k).is_some_and(ends_header))?;
    tokens.get(open).filter(|t| t.is_punct('{'))?;
    let close = matching_brace(tokens, open);
    Some(Declaration {
        keyword,
        name,
        header: tokens.get(i + 2..open).unwrap_or_default(),
        body: tokens.get(open + 1..close).unwrap_or_default(),
        end: close + 1,
    })
}

/// The index of the `}` that closes the `{` at `open` (the end of the tokens
/// if none does).
fn matching_brace(tokens: &[Token<'_>], open: usize) -> usize {
    let mut depth: usize = 0;
    for (k, token) in tokens.iter().enumerate().skip(open) {
        if token.is_punct('{') {
            depth += 1;
        } else if token.is_punct('}') {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return k;
            }
        }
    }
    tokens.len()
}

impl Declaration<'_, '_> {
    /// Adds the model (or a W0019) to `facts`; returns where reading goes on.
    fn read(&self, file: &Arc<str>, facts: &mut FileFacts) -> usize {
        // A class that extends another is the SDK's exception wrapping a
        // model (`XThrowable extends \RuntimeException`), never a model.
        let extends = self.header.iter().any(|t| t.is_ident("extends"));
        let body = match self.keyword {
            "enum" => self.enum_body(file),
            _ if extends => return self.end,
            _ => self.class_body(file),
        };
        let name = self.name.ident().unwrap_or_default().to_string();
        match body {
            Ok(body) => facts.models.push(SourceModel { name, loc: loc(file, self.name), body }),
            Err((at, why)) => {
                let what = format!("PHP {} `{name}`", self.keyword);
                facts.warnings.push(not_read(loc(file, at), &what, &why));
            }
        }
        self.end
    }

    fn class_body(&self, file: &Arc<str>) -> Result<SourceBody, (&Token<'_>, String)> {
        let mut fields = Vec::new();
        for member in members(self.body) {
            let at = member.tokens.first().or(member.attrs.first().map(|a| a.at)).unwrap_or(self.name);
            if let Some(field) = property(&member, file).map_err(|why| (at, why))? {
                fields.push(field);
            }
        }
        Ok(SourceBody::Struct(fields))
    }

    fn enum_body(&self, file: &Arc<str>) -> Result<SourceBody, (&Token<'_>, String)> {
        let mut values = Vec::new();
        for member in members(self.body) {
            let Some(first) = member.tokens.first().filter(|t| t.is_ident("case")) else { continue };
            let (at, name, wire) =
                case(member.tokens).ok_or((first, "a case that is not `case Name = literal;`".into()))?;
            values.push(SourceValue { name: name.to_string(), wire, loc: loc(file, at) });
        }
        Ok(SourceBody::Enum(values))
    }
}

/// `case Name = 'a';`, `case Name = 1;`, `case Name = -1;`: the name's token,
/// the name, and the value.
fn case<'a, 't>(tokens: &'a [Token<'t>]) -> Option<(&'a Token<'t>, &'t str, Wire)> {
    let [_, name, eq, value @ .., semi] = tokens else { return None };
    if !eq.is_punct('=') || !semi.is_punct(';') {
        return None;
    }
    let wire = match value {
        [Token { tok: Tok::Str(text), .. }] => Wire::String(text.to_string()),
        [Token { tok: Tok::Num(text), .. }] => Wire::Number(text.to_string()),
        [minus, Token { tok: Tok::Num(text), .. }] if minus.is_punct('-') => Wire::Number(format!("-{text}")),
        _ => return None,
    };
    Some((name, name.ident()?, wire))
}

/// One `#[Name(args)]` attribute: the last segment of its name, and the
/// tokens between its parentheses.
struct Attr<'a, 't> {
    name: &'t str,
    args: &'a [Token<'t>],
    at: &'a Token<'t>,
}

impl Attr<'_, '_> {
    /// Its single string argument (`SerializedName('user_id')`).
    fn string(&self) -> Result<&str, String> {
        match self.args {
            [arg] => arg.string().ok_or_else(|| format!("a `{}` whose argument is not a string", self.name)),
            _ => Err(format!("a `{}` with other than one argument", self.name)),
        }
    }
}

/// A class member: its attributes, then its own tokens up to its `;` (or its
/// body's `}`).
struct Member<'a, 't> {
    attrs: Vec<Attr<'a, 't>>,
    tokens: &'a [Token<'t>],
}

fn members<'a, 't>(body: &'a [Token<'t>]) -> Vec<Member<'a, 't>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let mut attrs = Vec::new();
        while body.get(i).is_some_and(|t| t.is_punct('#')) && body.get(i + 1).is_some_and(|t| t.is_punct('[')) {
            let end = group_end(body, i + 1);
            attributes(body.get(i + 2..end).unwrap_or_default(), &mut attrs);
            i = end + 1;
        }
        let end = member_end(body, i);
        out.push(Member { attrs, tokens: body.get(i..end).unwrap_or_default() });
        i = end.max(i + 1);
    }
    out
}

/// The index of the bracket that closes the one at `open` (`(`, `[` or `{`),
/// or the end of the tokens.
fn group_end(tokens: &[Token<'_>], open: usize) -> usize {
    let mut depth: usize = 0;
    for (k, token) in tokens.iter().enumerate().skip(open) {
        match token.tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// Past the member at `start`: its `;`, or the `}` of a method's body.
fn member_end(tokens: &[Token<'_>], start: usize) -> usize {
    let mut k = start;
    while let Some(token) = tokens.get(k) {
        match token.tok {
            Tok::Punct(';') => return k + 1,
            Tok::Punct('{') => return group_end(tokens, k) + 1,
            Tok::Punct('(' | '[') => k = group_end(tokens, k),
            _ => {}
        }
        k += 1;
    }
    tokens.len()
}

/// The attributes of one `#[A, B(x)]` group, its brackets excluded.
fn attributes<'a, 't>(group: &'a [Token<'t>], out: &mut Vec<Attr<'a, 't>>) {
    let mut i = 0;
    while let Some(at) = group.get(i) {
        let mut name = None;
        while let Some(token) = group.get(i).filter(|t| t.ident().is_some() || t.is_punct('\\')) {
            name = token.ident().or(name);
            i += 1;
        }
        let mut args: &[Token<'t>] = &[];
        if group.get(i).is_some_and(|t| t.is_punct('(')) {
            let close = group_end(group, i);
            args = group.get(i + 1..close).unwrap_or_default();
            i = close + 1;
        }
        if let Some(name) = name {
            out.push(Attr { name, args, at });
        }
        // To the next attribute of the group.
        while group.get(i).is_some_and(|t| !t.is_punct(',')) {
            i += 1;
        }
        i += 1;
    }
}

const MODIFIERS: &[&str] = &["public", "protected", "private", "readonly", "var", "final", "abstract"];

/// The field a property declares; `None` for any other member (a method, a
/// constant, a static property), for one the serializer excludes, and for one
/// with no key.
fn property(member: &Member<'_, '_>, file: &Arc<str>) -> Result<Option<SourceField>, String> {
    if member.attrs.iter().any(|a| a.name == "Exclude") {
        return Ok(None);
    }
    let Some(declared) = declared(member.tokens)? else { return Ok(None) };
    let name = declared.name.ident().unwrap_or_default().trim_start_matches('$').to_string();
    // The serializer writes only what `SerializedName` names: a property with
    // neither it nor a parameter's name is a wrapper's body, status or header.
    let Some(key) = key(&member.attrs)? else { return Ok(None) };
    let element = member.attrs.iter().find(|a| a.name == "Type").map(Attr::string).transpose()?;
    let skip_null = member.attrs.iter().any(|a| a.name == "SkipWhenNull");
    Ok(Some(SourceField {
        nullable: nullable(&declared.ty, skip_null || declared.has_default),
        number: number(&declared.ty, element),
        name,
        key,
        loc: loc(file, declared.name),
    }))
}

/// A property's declaration, `[modifiers] Type $name [= default];`.
struct Declared<'a, 't> {
    /// As written (`?string`, `\A\B|bool|null`).
    ty: String,
    name: &'a Token<'t>,
    has_default: bool,
}

/// The declaration of the property `tokens` make, `None` if they make none.
fn declared<'a, 't>(tokens: &'a [Token<'t>]) -> Result<Option<Declared<'a, 't>>, String> {
    let start = tokens.iter().position(|t| !t.ident().is_some_and(|w| MODIFIERS.contains(&w))).unwrap_or(tokens.len());
    let rest = tokens.get(start..).unwrap_or_default();
    let Some(first) = rest.first().filter(|t| !t.is_punct(';')) else { return Ok(None) };
    if ["function", "const", "use", "static", "case"].iter().any(|&w| first.is_ident(w)) {
        return Ok(None);
    }
    let var = rest.iter().position(|t| t.ident().is_some_and(|w| w.starts_with('$')));
    let Some((name, var)) = var.and_then(|var| Some((rest.get(var)?, var))) else {
        return Err("a member that is neither a property nor a method".into());
    };
    let has_default = match rest.get(var + 1..).unwrap_or_default() {
        [semi] if semi.is_punct(';') => false,
        [eq, .., semi] if eq.is_punct('=') && semi.is_punct(';') => true,
        _ => return Err("a property that is not `Type $name;` nor `Type $name = default;`".into()),
    };
    Ok(Some(Declared { ty: type_text(rest.get(..var).unwrap_or_default()), name, has_default }))
}

/// The key: `SerializedName`'s argument, else a parameter's `name=` in
/// `SpeakeasyMetadata`; `None` when neither names one.
fn key(attrs: &[Attr<'_, '_>]) -> Result<Option<String>, String> {
    if let Some(attr) = attrs.iter().find(|a| a.name == "SerializedName") {
        return attr.string().map(|key| Some(key.to_string()));
    }
    let Some(meta) = attrs.iter().find(|a| a.name == "SpeakeasyMetadata") else { return Ok(None) };
    // `queryParam:style=form,explode=true,name=fields`: a kind, then options.
    let options = meta.string()?.split_once(':').map_or("", |(_, options)| options);
    Ok(options.split(',').find_map(|option| option.strip_prefix("name=")).map(str::to_string))
}

/// A property's type as written (`?string`, `\A\B|bool|null`), from its tokens.
fn type_text(tokens: &[Token<'_>]) -> String {
    tokens
        .iter()
        .map(|t| match &t.tok {
            Tok::Ident(name) | Tok::Num(name) => (*name).to_string(),
            Tok::Str(text) => text.to_string(),
            Tok::Punct(c) => c.to_string(),
        })
        .collect()
}

/// The members of a type other than `null`, and whether `null` is one
/// (`?T`, `T|null`).
fn non_null(ty: &str) -> (Vec<&str>, bool) {
    let (ty, question) = match ty.strip_prefix('?') {
        Some(rest) => (rest, true),
        None => (ty, false),
    };
    let (null, rest): (Vec<&str>, Vec<&str>) =
        ty.split('|').map(str::trim).partition(|m| m.eq_ignore_ascii_case("null"));
    (rest, question || !null.is_empty())
}

fn nullable(ty: &str, null_means_absent: bool) -> Option<bool> {
    let (members, null) = non_null(ty);
    match (null, null_means_absent) {
        _ if members.iter().any(|m| m.eq_ignore_ascii_case("mixed")) => None,
        (false, _) => Some(false),
        (true, true) => None,
        (true, false) => Some(true),
    }
}

/// `int` or `float`; for an `array`, the element type of the `Type`
/// attribute (`array<int>`, `array<string, float>|null`), arrays nested.
fn number(ty: &str, element: Option<&str>) -> Option<Number> {
    match only_member(ty)? {
        "array" => element_number(element?),
        scalar => scalar_number(scalar),
    }
}

fn only_member(ty: &str) -> Option<&str> {
    match non_null(ty).0.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

fn scalar_number(ty: &str) -> Option<Number> {
    match ty.to_ascii_lowercase().as_str() {
        "int" | "integer" => Some(Number::Integer),
        "float" | "double" => Some(Number::Float),
        _ => None,
    }
}

/// The number kind of the innermost values of `array<...>` (the map's values
/// when the array has a key type), peeled one level at a time.
fn element_number(ty: &str) -> Option<Number> {
    let mut ty = ty.trim();
    loop {
        let one = only_member(ty)?;
        let inner = one.strip_prefix("array<").or_else(|| one.strip_prefix("list<")).and_then(|t| t.strip_suffix('>'));
        match inner {
            Some(inner) => ty = last_argument(inner),
            None => return scalar_number(one),
        }
    }
}

/// `float` of `string, float`: the last of the comma-separated arguments
/// outside angle brackets.
fn last_argument(args: &str) -> &str {
    let mut depth: usize = 0;
    let mut start = 0;
    for (i, c) in args.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => start = i + 1,
            _ => {}
        }
    }
    args.get(start..).unwrap_or_default().trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> FileFacts {
        Php.read(&Arc::from("M.php"), text)
    }

    fn fields(facts: &FileFacts) -> Vec<(&str, &str, Option<bool>, Option<Number>)> {
        let Some(SourceBody::Struct(fields)) = facts.models.first().map(|m| &m.body) else { return Vec::new() };
        fields.iter().map(|f| (f.name.as_str(), f.key.as_str(), f.nullable, f.number)).collect()
    }

    const MODEL: &str = r"<?php

declare(strict_types=1);

namespace Clerk\Backend\Models\Components;

use Clerk\Backend\Utils\SpeakeasyMetadata;

/** Client - Success */
class Client
{
    /**
     * @var string $userId
     */
    #[\Speakeasy\Serializer\Annotation\SerializedName('user_id')]
    public string $userId;

    /** @var ?string $signInId */
    #[\Speakeasy\Serializer\Annotation\SerializedName('sign_in_id')]
    public ?string $signInId;

    #[\Speakeasy\Serializer\Annotation\SerializedName('expire_at')]
    #[\Speakeasy\Serializer\Annotation\SkipWhenNull]
    public ?int $expireAt = null;

    #[\Speakeasy\Serializer\Annotation\SerializedName('ratios')]
    #[\Speakeasy\Serializer\Annotation\Type('array<string, array<float>>|null')]
    #[\Speakeasy\Serializer\Annotation\SkipWhenNull]
    public ?array $ratios = null;

    #[\Speakeasy\Serializer\Annotation\SerializedName('streaming')]
    #[\Speakeasy\Serializer\Annotation\SkipWhenNull]
    public Streaming1|bool|null $streaming = null;

    #[\Speakeasy\Serializer\Annotation\Exclude]

    public ?\Psr\Http\Message\ResponseInterface $rawResponse = null;

    /**
     * @param  string  $userId
     */
    public function __construct(string $userId, ?string $signInId, ?int $expireAt = null)
    {
        $this->userId = $userId;
        $this->signInId = $signInId;
    }
}
";

    #[test]
    fn serialized_names_and_what_the_types_state() {
        let facts = read(MODEL);
        assert!(facts.warnings.is_empty(), "{:?}", facts.warnings);
        assert_eq!(facts.models.first().map(|m| m.name.as_str()), Some("Client"));
        assert_eq!(
            fields(&facts),
            vec![
                ("userId", "user_id", Some(false), None),
                ("signInId", "sign_in_id", Some(true), None),
                ("expireAt", "expire_at", None, Some(Number::Integer)),
                ("ratios", "ratios", None, Some(Number::Float)),
                ("streaming", "streaming", None, None),
            ],
            "the excluded raw response is no field"
        );
    }

    #[test]
    fn without_serialized_name_the_key_is_a_parameter_name_or_none() {
        let text = r"<?php
class GetUserRequest
{
    #[SpeakeasyMetadata('queryParam:style=form,explode=true,name=fields')]
    public ?array $fields = null;
    #[SpeakeasyMetadata('request:mediaType=application/json')]
    public Body $requestBody;
    public int $statusCode;
    public float $score;
}
";
        assert_eq!(
            fields(&read(text)),
            vec![
                ("fields", "fields", None, None),
            ],
            "a wrapper's body and status are no keys"
        );
    }

    fn values(facts: &FileFacts) -> Vec<(&str, Wire)> {
        let Some(SourceBody::Enum(values)) = facts.models.first().map(|m| &m.body) else { return Vec::new() };
        values.iter().map(|v| (v.name.as_str(), v.wire.clone())).collect()
    }

    #[test]
    fn backed_enums_of_strings_and_of_integers() {
        let strings = "<?php\n/** ObjectT */\nenum ObjectT: string\n{\n    case Client = 'client';\n    case SignIn = \"sign_in\";\n}\n";
        let facts = read(strings);
        assert_eq!(facts.models.first().map(|m| m.name.as_str()), Some("ObjectT"));
        assert_eq!(
            values(&facts),
            vec![("Client", Wire::String("client".into())), ("SignIn", Wire::String("sign_in".into()))]
        );
        let integers = "<?php\nenum AllLibraries: int\n{\n    case Disable = 0;\n    case Low = -1;\n}\n";
        assert_eq!(
            values(&read(integers)),
            vec![("Disable", Wire::Number("0".into())), ("Low", Wire::Number("-1".into()))]
        );
    }

    #[test]
    fn exceptions_and_class_constants_are_no_models() {
        let text =
            "<?php\nclass XThrowable extends \\RuntimeException\n{\n    public X $container;\n}\n$a = X::class;\n";
        assert_eq!(read(text), FileFacts::default());
    }

    #[test]
    fn an_empty_class_is_a_model_without_fields() {
        let facts = read("<?php\nclass Meta\n{\n    public function __construct()\n    {\n    }\n}\n");
        assert_eq!(facts.models.first().map(|m| &m.body), Some(&SourceBody::Struct(Vec::new())));
    }

    #[test]
    fn an_unreadable_member_skips_its_model_with_w0019() {
        let text = "<?php\nclass A\n{\n    #[SerializedName($key)]\n    public string $a;\n}\nenum B: string\n{\n    case X = self::Y;\n}\n";
        let facts = read(text);
        assert!(facts.models.is_empty());
        let at: Vec<(u32, &str)> =
            facts.warnings.iter().map(|w| (w.loc.as_ref().map_or(0, |l| l.line), w.code)).collect();
        assert_eq!(at, vec![(5, "W0019"), (9, "W0019")]);
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_without_panic(text in "\\PC{0,200}") {
            let _ = read(&text);
        }

        #[test]
        fn any_member_reads_without_panic(member in "[#\\[\\]()a-z$?|<>,;={}'0-9 -]{0,80}") {
            let _ = read(&format!("<?php\nclass A\n{{\n    {member}\n}}\nenum B: int\n{{\n    case {member}\n}}\n"));
        }
    }
}
