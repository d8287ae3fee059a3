//! Rust names, sanitized in this one place: every identifier the emitter prints
//! came from here, so each is valid, not a reserved word, and unique in its scope.


use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that cannot be identifiers; `r#word` works for all but [`NOT_RAW`].
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Names a type may not take (`Option` becomes `OptionModel`). Generated code
/// names every other std item by its full path (`::std::default::Default`),
/// so that a model titled `Default` or `Display` keeps its name; these it
/// writes where users read it, as they would (`Option<Vec<String>>` fields,
/// `None` in `new`, `Box` for recursion), and a model named `Result` or `Ok`
/// at the crate root would shadow std's in a user's `use api::*`.
const RESERVED_TYPES: &[&str] = &["Option", "String", "Vec", "Box", "Result", "Some", "None", "Ok", "Err"];

/// Punctuation that makes up whole enum values (`*`, `+`), spelled out.
const SYMBOLS: &[(char, &str)] = &[
    ('*', "Star"), ('+', "Plus"), ('-', "Minus"), ('.', "Dot"), ('/', "Slash"), ('@', "At"),
    ('#', "Hash"), ('$', "Dollar"), ('%', "Percent"), ('&', "And"), ('=', "Eq"), ('<', "Lt"),
    ('>', "Gt"), ('!', "Bang"), ('?', "Question"), ('~', "Tilde"), (':', "Colon"), (',', "Comma"),
];

/// ASCII words of `raw`: anything else separates words.
fn words(raw: &str) -> String {
    raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// A type name from a doc title: kept as written when it is already a clean
/// UpperCamelCase identifier (`SAMLConnection`), converted otherwise.
pub fn type_name(title: &str) -> String {
    let clean = title.chars().all(|c| c.is_ascii_alphanumeric()) && title.starts_with(|c: char| c.is_ascii_uppercase());
    let mut name = if clean { title.to_string() } else { words(title).to_upper_camel_case() };
    if name.is_empty() {
        name = "Model".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'M');
    }
    if is_keyword(&name) || RESERVED_TYPES.contains(&name.as_str()) {
        name.push_str("Model");
    }
    name
}

/// A module name from a folder path (`models/components` -> `models_components`).
pub fn module_name(folder: &str) -> String {
    let mut name = words(folder).to_snake_case();
    if name.is_empty() {
        name = "models".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'm');
    }
    if is_keyword(&name) || name == "support" {
        name.push_str("_models");
    }
    name
}

/// A field name from a wire name: snake_case; keywords become raw (`r#type`) where
/// Rust allows it and take a `_` suffix where it does not.
pub fn field_name(wire: &str) -> String {
    // Most wire names are snake_case already, which the conversion keeps as is.
    let mut name = if is_plain_snake(wire) { wire.to_string() } else { words(wire).to_snake_case() };
    if name.is_empty() {
        name = "field".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if NOT_RAW.contains(&name.as_str()) {
        name.push('_');
    } else if is_keyword(&name) {
        name.insert_str(0, "r#");
    }
    name
}

/// `[a-z][a-z0-9]*` words joined by single `_`s: what `to_snake_case` gives back unchanged.
fn is_plain_snake(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && !s.ends_with('_')
        && !s.contains("__")
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A variant name from an enum's wire value.
pub fn variant_name(wire: &str) -> String {
    let mut name = words(wire).to_upper_camel_case();
    if name.is_empty() {
        name = wire
            .chars()
            .map(|c| SYMBOLS.iter().find(|(s, _)| *s == c).map_or("Symbol", |(_, n)| n))
            .collect();
    }
    if name.is_empty() {
        name = "Empty".into();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if is_keyword(&name) {
        name.push('_');
    }
    name
}

/// A variant's name for a number with no name of its own: `-1` -> `Minus1`,
/// `1.5` -> `V1Dot5`.
pub fn number_variant_name(number: &str) -> String {
    let mut name = String::from(if number.starts_with('-') { "Minus" } else { "V" });
    for c in number.trim_start_matches('-').chars() {
        match c {
            '.' => name.push_str("Dot"),
            'e' | 'E' => name.push('E'),
            '-' => name.push_str("Minus"),
            '+' => {}
            c => name.push(c),
        }
    }
    name
}

/// Hands out names unique within one scope: a second `foo` becomes `foo_2` (or
/// `Foo2` for types and variants).
#[derive(Default)]
pub struct Scope {
    /// Only ever asked whether it holds a name: hashed, as a module scope holds
    /// every type name (100k at 100k docs).
    taken: std::collections::HashSet<String>,
    /// The number to try next for each name already taken, so that a thousand
    /// names that convert alike cost a thousand tries, not half a million.
    next: std::collections::HashMap<String, usize>,
}

impl Scope {
    /// A scope for about `names` names: a struct's fields or an enum's values
    /// are claimed without the set growing on the way.
    pub fn with_capacity(names: usize) -> Self {
        Scope { taken: std::collections::HashSet::with_capacity(names), next: Default::default() }
    }

    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope { taken: reserved.iter().map(|s| s.to_string()).collect(), next: Default::default() }
    }

    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let snake = name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') || name.starts_with("r#");
        // `self_` numbers as `self_2`, not `self__2` (rustc's case lints refuse
        // a double or a trailing-then-digit underscore).
        let raw = name.trim_start_matches("r#");
        let base = match raw.trim_end_matches('_') {
            "" => raw.to_string(),
            trimmed => trimmed.to_string(),
        };
        let first = self.next.get(&name).copied().unwrap_or(2);
        let (n, candidate) = (first..)
            .map(|n| (n, if snake { format!("{base}_{n}") } else { format!("{base}{n}") }))
            .find(|(_, candidate)| self.taken.insert(candidate.clone()))
            .unwrap_or((first, name.clone()));
        self.next.insert(name, n + 1);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The shortcut for snake_case wire names gives what the conversion gives.
        #[test]
        fn plain_snake_names_convert_to_themselves(wire in "[a-z0-9_]{1,12}") {
            if is_plain_snake(&wire) {
                proptest::prop_assert_eq!(words(&wire).to_snake_case(), wire);
            }
        }
    }

    #[test]
    fn type_names() {
        assert_eq!(type_name("SignInToken"), "SignInToken");
        assert_eq!(type_name("SAMLConnections"), "SAMLConnections");
        assert_eq!(type_name("get_user request"), "GetUserRequest");
        assert_eq!(type_name("2FA"), "M2fa");
        assert_eq!(type_name("String"), "StringModel");
        assert_eq!(type_name("Self"), "SelfModel");
    }

    #[test]
    fn field_names() {
        assert_eq!(field_name("user_id"), "user_id");
        assert_eq!(field_name("userId"), "user_id");
        assert_eq!(field_name("PortalURL"), "portal_url");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("1h"), "_1h");
        assert_eq!(field_name("$ref"), "r#ref");
        assert_eq!(field_name("@"), "field");
    }

    #[test]
    fn variant_names() {
        assert_eq!(variant_name("pending"), "Pending");
        assert_eq!(variant_name("FULL_TIME"), "FullTime");
        assert_eq!(variant_name("*"), "Star");
        assert_eq!(variant_name("1h"), "V1h");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("self"), "Self_");
        assert_eq!(number_variant_name("0"), "V0");
        assert_eq!(number_variant_name("-10"), "Minus10");
        assert_eq!(number_variant_name("1.5e-3"), "V1Dot5EMinus3");
    }

    #[test]
    fn scope_dedupes() {
        let mut s = Scope::with_reserved(&["Unknown"]);
        assert_eq!(s.claim(variant_name("Foo")), "Foo");
        assert_eq!(s.claim(variant_name("FOO")), "Foo2");
        assert_eq!(s.claim(variant_name("unknown")), "Unknown2");
        let mut s = Scope::default();
        assert_eq!(s.claim(field_name("a_b")), "a_b");
        assert_eq!(s.claim(field_name("aB")), "a_b_2");
        assert_eq!(s.claim(field_name("type")), "r#type");
        assert_eq!(s.claim(field_name("type")), "type_2");
        assert_eq!(s.claim(field_name("self")), "self_");
        assert_eq!(s.claim(field_name("self_")), "self_2");
        let mut s = Scope::default();
        assert_eq!(s.claim(variant_name("self")), "Self_");
        assert_eq!(s.claim(variant_name("Self")), "Self2");
    }

    #[test]
    fn many_names_that_convert_alike_are_numbered_in_order() {
        let mut s = Scope::default();
        let names: Vec<String> = (0..5_000).map(|_| s.claim("a".into())).collect();
        assert_eq!((names[0].as_str(), names[1].as_str(), names[4_999].as_str()), ("a", "a_2", "a_5000"));
        // A numbered name taken outright is skipped, not given twice.
        let mut s = Scope::default();
        assert_eq!(s.claim("b_2".into()), "b_2");
        assert_eq!(s.claim("b".into()), "b");
        assert_eq!(s.claim("b".into()), "b_3");
        assert_eq!(s.claim("b".into()), "b_4");
    }
}
