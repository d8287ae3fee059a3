//! `syn` nodes made directly, for the shapes that every model repeats: types,
//! fields, attributes and doc comments. Built as tokens they had to be parsed
//! back, and that was most of a run's time; made here they are the nodes the
//! parser would have given, so prettyplease prints the same bytes.

use proc_macro2::{Ident, Span, TokenStream};
use syn::punctuated::Punctuated;

/// Turns a name from `naming` into an identifier (`r#type` becomes a raw one).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `a::b::C`, or `::a::b::C` with `leading`.
pub fn path(leading: bool, segments: &[&str]) -> syn::Path {
    syn::Path {
        leading_colon: leading.then(Default::default),
        segments: segments.iter().map(|s| syn::PathSegment::from(ident(s))).collect(),
    }
}

pub fn path_type(path: syn::Path) -> syn::Type {
    syn::Type::Path(syn::TypePath { qself: None, path })
}

/// `path<args>`: the last segment of `path` takes the arguments.
pub fn generic(mut path: syn::Path, args: Vec<syn::Type>) -> syn::Type {
    if let Some(last) = path.segments.last_mut() {
        last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: args.into_iter().map(syn::GenericArgument::Type).collect(),
            gt_token: Default::default(),
        });
    }
    path_type(path)
}

/// `Wrapper<inner>` for a wrapper of the prelude (`Option`, `Vec`, `Box`).
pub fn wrap(wrapper: &str, inner: syn::Type) -> syn::Type {
    generic(path(false, &[wrapper]), vec![inner])
}

fn outer(meta: syn::Meta) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta,
    }
}

/// `#[name(tokens)]`: the tokens stay tokens, as `syn` keeps them.
pub fn list_attr(name: &str, tokens: TokenStream) -> syn::Attribute {
    let delimiter = syn::MacroDelimiter::Paren(Default::default());
    outer(syn::Meta::List(syn::MetaList { path: path(false, &[name]), delimiter, tokens }))
}

/// `#[deprecated(note = "...")]` where `note` is a deprecation's note.
pub fn deprecated_attr(note: Option<&str>) -> Option<syn::Attribute> {
    note.map(|note| list_attr("deprecated", quote::quote!(note = #note)))
}

/// `#[name]`.
pub fn word_attr(name: &str) -> syn::Attribute {
    outer(syn::Meta::Path(path(false, &[name])))
}

/// `///` comments: one `#[doc = " line"]` attribute a line, as rustc reads them.
pub fn doc_attrs(text: &str) -> Vec<syn::Attribute> {
    text.lines().map(|l| if l.is_empty() { doc_attr("") } else { doc_attr(&[" ", l].concat()) }).collect()
}

pub fn doc_attr(line: &str) -> syn::Attribute {
    let value = raw_str(line).unwrap_or_else(|| syn::LitStr::new(line, Span::call_site()));
    outer(syn::Meta::NameValue(syn::MetaNameValue {
        path: path(false, &["doc"]),
        eq_token: Default::default(),
        value: syn::Expr::Lit(syn::ExprLit { attrs: Vec::new(), lit: syn::Lit::Str(value) }),
    }))
}

/// `text` as a raw string literal (`r"..."`, with as many `#` as it needs).
/// prettyplease prints a doc attribute as a `///` line of the literal's value,
/// so a doc comment's literal is never seen. A cooked one would cost an escape
/// (proc-macro2 runs `escape_debug` on every character) and an unescape
/// (`LitStr::value`); a raw one is copied both ways. None for text that no raw
/// literal can hold (a lone carriage return).
fn raw_str(text: &str) -> Option<syn::LitStr> {
    let hashes = closing_hashes(text);
    let mut repr = String::with_capacity(text.len() + 2 * hashes + 3);
    repr.push('r');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.push('"');
    repr.push_str(text);
    repr.push('"');
    repr.extend(std::iter::repeat_n('#', hashes));
    let literal: proc_macro2::Literal = repr.parse().ok()?;
    match syn::Lit::new(literal) {
        syn::Lit::Str(lit) => Some(lit),
        _ => None,
    }
}

/// How many `#` a raw literal of `text` needs: one more than the longest run
/// of `#` after a `"` in it, or none when it holds no `"`.
fn closing_hashes(text: &str) -> usize {
    text.match_indices('"').map(|(i, _)| 1 + text[i + 1..].bytes().take_while(|&b| b == b'#').count()).max().unwrap_or(0)
}

/// Puts `docs` before the attributes already there, where `///` comments go.
pub fn document(attrs: &mut Vec<syn::Attribute>, docs: Vec<syn::Attribute>) {
    attrs.splice(0..0, docs);
}

/// An expression that is one name (`x`, `None`).
pub fn name_expr(name: Ident) -> syn::Expr {
    path_expr(name.into())
}

/// A path as an expression (`super::support::ANY`).
pub fn path_expr(path: syn::Path) -> syn::Expr {
    syn::Expr::Path(syn::ExprPath { attrs: Vec::new(), qself: None, path })
}

/// A string literal, as `quote!` writes a `String`.
pub fn str_expr(text: &str) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit { attrs: Vec::new(), lit: syn::Lit::Str(syn::LitStr::new(text, Span::call_site())) })
}

/// An unsuffixed integer literal (`0`).
pub fn int_expr(digits: &str) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit { attrs: Vec::new(), lit: syn::Lit::Int(syn::LitInt::new(digits, Span::call_site())) })
}

/// `impl self_ty { attrs pub fn name(inputs) -> Self { body } }`: one associated
/// function returning `Self`, as `quote!` and `syn` would have parsed it.
pub fn impl_fn(self_ty: Ident, attrs: Vec<syn::Attribute>, name: &str, inputs: Vec<syn::FnArg>, body: syn::Expr) -> syn::ItemImpl {
    let sig = syn::Signature {
        constness: None,
        asyncness: None,
        unsafety: None,
        abi: None,
        fn_token: Default::default(),
        ident: ident(name),
        generics: syn::Generics::default(),
        paren_token: Default::default(),
        inputs: inputs.into_iter().collect(),
        variadic: None,
        output: syn::ReturnType::Type(Default::default(), Box::new(path_type(path(false, &["Self"])))),
    };
    let block = syn::Block { brace_token: Default::default(), stmts: vec![syn::Stmt::Expr(body, None)] };
    let function = syn::ImplItemFn { attrs, vis: syn::Visibility::Public(Default::default()), defaultness: None, sig, block };
    syn::ItemImpl {
        attrs: Vec::new(),
        defaultness: None,
        unsafety: None,
        impl_token: Default::default(),
        generics: syn::Generics::default(),
        trait_: None,
        self_ty: Box::new(path_type(self_ty.into())),
        brace_token: Default::default(),
        items: vec![syn::ImplItem::Fn(function)],
    }
}

/// `name: ty`, a function's parameter.
pub fn param(name: Ident, ty: syn::Type) -> syn::FnArg {
    syn::FnArg::Typed(syn::PatType { attrs: Vec::new(), pat: Box::new(name_pat(name)), colon_token: Default::default(), ty: Box::new(ty) })
}

/// A pattern that is one name, binding by value (a parameter's, a closure's).
fn name_pat(name: Ident) -> syn::Pat {
    syn::Pat::Ident(syn::PatIdent { attrs: Vec::new(), by_ref: None, mutability: None, ident: name, subpat: None })
}

/// `Self { fields }`.
pub fn self_struct(fields: Vec<syn::FieldValue>) -> syn::Expr {
    syn::Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path: path(false, &["Self"]),
        brace_token: Default::default(),
        fields: fields.into_iter().collect(),
        dot2_token: None,
        rest: None,
    })
}

/// `func(args)`.
pub fn call(func: syn::Expr, args: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `receiver.name(args)`.
pub fn method(receiver: syn::Expr, name: &str, args: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::MethodCall(syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: ident(name),
        turbofish: None,
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `&[elems]`.
pub fn slice_ref(elems: Vec<syn::Expr>) -> syn::Expr {
    let array = syn::Expr::Array(syn::ExprArray { attrs: Vec::new(), bracket_token: Default::default(), elems: elems.into_iter().collect() });
    syn::Expr::Reference(syn::ExprReference { attrs: Vec::new(), and_token: Default::default(), mutability: None, expr: Box::new(array) })
}

/// `(elems)`.
pub fn tuple(elems: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Tuple(syn::ExprTuple { attrs: Vec::new(), paren_token: Default::default(), elems: elems.into_iter().collect() })
}

/// `a | b | c`, grouped from the left as the parser groups it.
pub fn bit_or(operands: Vec<syn::Expr>) -> Option<syn::Expr> {
    operands.into_iter().reduce(|left, right| {
        syn::Expr::Binary(syn::ExprBinary {
            attrs: Vec::new(),
            left: Box::new(left),
            op: syn::BinOp::BitOr(Default::default()),
            right: Box::new(right),
        })
    })
}

/// `|arg| body`.
pub fn closure(arg: &str, body: syn::Expr) -> syn::Expr {
    let pat = name_pat(ident(arg));
    syn::Expr::Closure(syn::ExprClosure {
        attrs: Vec::new(),
        lifetimes: None,
        constness: None,
        movability: None,
        asyncness: None,
        capture: None,
        or1_token: Default::default(),
        inputs: std::iter::once(pat).collect(),
        or2_token: Default::default(),
        output: syn::ReturnType::Default,
        body: Box::new(body),
    })
}

fn public() -> syn::Visibility {
    syn::Visibility::Public(Default::default())
}

/// `pub name: ty` (`name: None`: a tuple field).
pub fn field(attrs: Vec<syn::Attribute>, name: Option<Ident>, ty: syn::Type) -> syn::Field {
    let colon_token = name.as_ref().map(|_| Default::default());
    syn::Field { attrs, vis: public(), mutability: syn::FieldMutability::None, ident: name, colon_token, ty }
}

/// `pub struct name { fields }`.
pub fn struct_item(attrs: Vec<syn::Attribute>, name: Ident, fields: Vec<syn::Field>) -> syn::ItemStruct {
    let named = syn::FieldsNamed { brace_token: Default::default(), named: fields.into_iter().collect() };
    syn::ItemStruct {
        attrs,
        vis: public(),
        struct_token: Default::default(),
        ident: name,
        generics: Default::default(),
        fields: syn::Fields::Named(named),
        semi_token: None,
    }
}

/// `name` or, with a type, `name(ty)`.
pub fn variant(attrs: Vec<syn::Attribute>, name: Ident, ty: Option<syn::Type>) -> syn::Variant {
    let fields = match ty {
        None => syn::Fields::Unit,
        Some(ty) => {
            let mut unnamed = Punctuated::new();
            unnamed.push(syn::Field { vis: syn::Visibility::Inherited, ..field(Vec::new(), None, ty) });
            syn::Fields::Unnamed(syn::FieldsUnnamed { paren_token: Default::default(), unnamed })
        }
    };
    syn::Variant { attrs, ident: name, fields, discriminant: None }
}

/// `pub enum name { variants }`.
pub fn enum_item(attrs: Vec<syn::Attribute>, name: Ident, variants: Vec<syn::Variant>) -> syn::ItemEnum {
    syn::ItemEnum {
        attrs,
        vis: public(),
        enum_token: Default::default(),
        ident: name,
        generics: Default::default(),
        brace_token: Default::default(),
        variants: variants.into_iter().collect(),
    }
}

/// `path!(tokens);` at item level.
pub fn macro_item(path: syn::Path, tokens: TokenStream) -> syn::ItemMacro {
    let delimiter = syn::MacroDelimiter::Paren(Default::default());
    let mac = syn::Macro { path, bang_token: Default::default(), delimiter, tokens };
    syn::ItemMacro { attrs: Vec::new(), ident: None, mac, semi_token: Some(Default::default()) }
}

/// Whether `item` calls one of the crate's `support` macros (`object!`,
/// `string_enum!`, `number_enum!`).
pub fn is_support_call(item: &syn::ItemMacro) -> bool {
    let segments: Vec<String> = item.mac.path.segments.iter().map(|s| s.ident.to_string()).collect();
    item.attrs.is_empty() && segments.len() == 3 && segments[0] == "super" && segments[1] == "support"
}

/// A support macro's call laid out as a table: each argument on a line of its
/// own, and each entry of a `{ .. }` argument too (prettyplease fills a macro's
/// tokens into lines, as it cannot know their grammar). Only line breaks are
/// chosen here: every token is printed by `proc_macro2` as it was built.
pub fn print_call(item: syn::ItemMacro) -> String {
    use std::fmt::Write;
    let path = item.mac.path.segments.iter().map(|s| s.ident.to_string()).collect::<Vec<_>>().join("::");
    let mut out = format!("{path}!(\n");
    // Taken by value: a token list that is not shared is split without a copy.
    let args = split_commas(item.mac.tokens);
    let last = args.len().saturating_sub(1);
    // Writing to a `String` cannot fail.
    for (i, arg) in args.into_iter().enumerate() {
        let comma = if i < last { "," } else { "" };
        match braced(arg) {
            Ok(entries) => {
                out.push_str("    {\n");
                for entry in split_commas(entries) {
                    let _ = writeln!(out, "        {},", TokenStream::from_iter(entry));
                }
                let _ = writeln!(out, "    }}{comma}");
            }
            Err(arg) => {
                let _ = writeln!(out, "    {}{comma}", TokenStream::from_iter(arg));
            }
        }
    }
    out.push_str(");\n");
    out
}

/// The trees between top-level commas (a trailing comma makes no empty part).
fn split_commas(tokens: TokenStream) -> Vec<Vec<proc_macro2::TokenTree>> {
    let mut parts: Vec<Vec<proc_macro2::TokenTree>> = vec![Vec::new()];
    for tt in tokens {
        let comma = matches!(&tt, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',');
        if comma {
            parts.push(Vec::new());
        } else if let Some(part) = parts.last_mut() {
            part.push(tt);
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// The inside of `arg` when it is one `{ .. }` group, else `arg` back.
fn braced(mut arg: Vec<proc_macro2::TokenTree>) -> Result<TokenStream, Vec<proc_macro2::TokenTree>> {
    match arg.as_slice() {
        [proc_macro2::TokenTree::Group(g)] if g.delimiter() == proc_macro2::Delimiter::Brace => {}
        _ => return Err(arg),
    }
    match arg.pop() {
        // The group is dropped here, before its stream is split: the stream is then not shared, and not copied.
        Some(proc_macro2::TokenTree::Group(g)) => Ok(g.stream()),
        _ => Err(arg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(attr: &syn::Attribute) -> String {
        match &attr.meta {
            syn::Meta::NameValue(syn::MetaNameValue { value: syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }), .. }) => s.value(),
            _ => panic!("not a doc string"),
        }
    }

    #[test]
    fn a_doc_attribute_holds_its_line_exactly() {
        let lines = [
            "",
            " plain words",
            r#" a "quoted" word"#,
            r##" ends in "#"##,
            r###" "## and "#, then "###,
            r" back\slash \n not a newline \u{41}",
            " tab\tand unicode: é ✓ \u{200b}",
            " lone \r carriage return",
            " nul \0 byte",
        ];
        for line in lines {
            assert_eq!(value(&doc_attr(line)), line, "{line:?}");
        }
    }

    #[test]
    fn a_doc_attribute_prints_as_a_doc_comment() {
        let mut item: syn::ItemStruct = syn::parse_quote!(
            struct S;
        );
        item.attrs = doc_attrs("first \"line\"#\n\nthird \\ line");
        let file = syn::File { shebang: None, attrs: Vec::new(), items: vec![syn::Item::Struct(item)] };
        assert_eq!(prettyplease::unparse(&file), "/// first \"line\"#\n///\n/// third \\ line\nstruct S;\n");
    }

    #[test]
    fn raw_literals_get_the_hashes_they_need() {
        assert_eq!(closing_hashes("no quotes"), 0);
        assert_eq!(closing_hashes(r#"a "b" c"#), 1);
        assert_eq!(closing_hashes(r##"a "#b"##), 2);
        assert_eq!(closing_hashes(r###"x"## y"#"###), 3);
    }
}
