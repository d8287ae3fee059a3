//! Evidence in the docs themselves of the case of the API's JSON keys, for
//! trees whose SDK sources are absent.
//!
//! The docs print the SDK's property names (`metricsMode` in TypeScript,
//! `metrics_mode` in Python, `MetricsMode` in Go), converted from the API's keys
//! by the language's casing rule, so a printed name alone never tells its key's
//! case. What the API's authors wrote does, for it spells keys as the API does:
//! - names in code spans in the model's and the fields' descriptions
//!   (``use `pageSize` to ...``);
//! - the keys of JSON objects in descriptions and Example cells
//!   (`{"include_usage": true}`);
//! - enum values, which often list the API's own keys (a sort order
//!   `created_at`, a selector of fields).
//!
//! A written name counts when it is written in snake_case or in camelCase and
//! names a field of more than one word, that is, has the letters and digits of
//! its printed name, case and `_` aside: for the printed `UserID`, `user_id`
//! speaks for snake and `userId` or `userID` for camel; a field of one word
//! (`status`) is the same in both cases and says nothing. Either case counts
//! the same in every dialect: the SDK's own writing (usage sections) is not in
//! the drafts, so a name written in the printed case is no echo of the printed
//! name, but the API's.
//!
//! One more sign is the printed names themselves: a name that no casing rule
//! makes (`_links`, `@type`, `odata.type`, `content-type`) shows that its doc
//! prints keys as they are, so that doc's other printed names are keys too.
//!
//! Each name counts once, however often it is written: a sentence repeated in a
//! hundred descriptions, or an enum of forty values, is no more than the names
//! in it.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use crate::dialect::{Dialect, WireCase};
use crate::lower::{Body, Draft, DraftField};

/// What a tree's docs say about the case of its keys: how many distinct field
/// names they write in each case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Field names written in snake_case (`user_id`).
    pub snake: usize,
    /// Field names written in camelCase (`userId`, `userID`).
    pub camel: usize,
    /// For each model, by title (models that share a title add up): how many of
    /// its own fields are written somewhere in the docs in snake_case, and how
    /// many in camelCase. Models with no such field are left out.
    pub per_model: BTreeMap<String, (usize, usize)>,
}

/// The fewest distinct names a case needs before the tree follows it: one or
/// two names may be strays (a protobuf field named in a comment, a query
/// parameter), while every tree measured that speaks names ten or more.
pub const TREE_MIN: usize = 3;

/// The fewest distinct names of its own fields a model needs before they stand
/// against the tree's verdict.
pub const MODEL_MIN: usize = 2;

/// The share of the names the winning case needs: three in one case for each
/// in the other (`(3, 4)` is 3/4). APIs do mix cases (one camelCase model in a
/// snake_case API: 23 camel names against 6 snake ones, all of one model, were
/// measured), so the tree follows a clear majority and its exceptions follow
/// their own evidence ([`Evidence::model_verdict`]); an even split says nothing.
pub const MAJORITY: (usize, usize) = (3, 4);

impl Evidence {
    /// The case of the tree's keys: the case of at least [`TREE_MIN`] names and
    /// a [`MAJORITY`] of them; `None` when the docs say too little or are
    /// split, as a wrong case breaks every multi-word key.
    pub fn verdict(&self) -> Option<WireCase> {
        decide(self.snake, self.camel, TREE_MIN)
    }

    /// The case of the keys of the model titled `title`: what its own fields
    /// say, where at least [`MODEL_MIN`] of them and a [`MAJORITY`] do, else the
    /// tree's [`Evidence::verdict`]. It differs from the tree's verdict only for
    /// a model whose own names say otherwise (or where the tree says nothing).
    pub fn model_verdict(&self, title: &str) -> Option<WireCase> {
        let own = self.per_model.get(title).and_then(|&(snake, camel)| decide(snake, camel, MODEL_MIN));
        own.or_else(|| self.verdict())
    }
}

/// The case that `snake` and `camel` names speak for, if it has `min` names and
/// the [`MAJORITY`].
fn decide(snake: usize, camel: usize, min: usize) -> Option<WireCase> {
    let (case, count) = if snake >= camel { (WireCase::Snake, snake) } else { (WireCase::Camel, camel) };
    let (num, den) = MAJORITY;
    let total = snake.saturating_add(camel);
    (count >= min && count.saturating_mul(den) >= total.saturating_mul(num)).then_some(case)
}

/// Gathers what `drafts`, read in `dialect`, say about the case of their keys.
/// Linear in the drafts' text; drafts are scanned on every core.
pub fn gather(drafts: &[Draft], dialect: &dyn Dialect) -> Evidence {
    let index = Index::new(drafts, dialect);
    let seen = drafts.par_iter().map(|d| index.seen_in(d, dialect)).reduce(Seen::default, Seen::merge);
    let mut per_model: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (draft, ids) in drafts.iter().zip(&index.fields) {
        let snake = ids.iter().filter(|id| seen.snake.contains(id)).count();
        let camel = ids.iter().filter(|id| seen.camel.contains(id)).count();
        if snake + camel > 0 {
            let counts = per_model.entry(draft.title.clone()).or_default();
            *counts = (counts.0 + snake, counts.1 + camel);
        }
    }
    Evidence { snake: seen.snake.len(), camel: seen.camel.len(), per_model }
}

/// Every multi-word field name of a tree by its letters and digits, lower-cased
/// (`user_id`, `userId`, `UserID` are all `userid`): a token in either case
/// names the field whose squashed name is its own. The dialects' casing rules
/// only join, split and lower-case words, so this finds the field that either
/// conversion of a printed name would give, with none of their cost.
struct Index {
    ids: HashMap<String, usize>,
    /// The ids of each draft's fields, in draft order.
    fields: Vec<Vec<usize>>,
}

impl Index {
    fn new(drafts: &[Draft], dialect: &dyn Dialect) -> Index {
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut id = |name: String| {
            let next = ids.len();
            *ids.entry(name).or_insert(next)
        };
        let fields = drafts
            .iter()
            .map(|d| {
                let keys = struct_fields(d).iter().filter(|f| !is_rest_holder(f, dialect));
                keys.filter_map(|f| squashed_name(&f.printed_name)).map(&mut id).collect()
            })
            .collect();
        Index { ids, fields }
    }

    /// The names that `draft` writes, in each case.
    fn seen_in(&self, draft: &Draft, dialect: &dyn Dialect) -> Seen {
        let mut seen = Seen::default();
        let mut note = |token: &str| {
            let Some(case) = shape(token) else { return };
            let Some(&id) = self.ids.get(&squash(token)) else { return };
            match case {
                WireCase::Snake => seen.snake.insert(id),
                _ => seen.camel.insert(id),
            };
        };
        for text in texts(draft) {
            code_spans(text, &mut note);
            json_keys(text, &mut note);
        }
        match &draft.body {
            Body::Enum(values) => values.iter().filter(|v| !v.number).for_each(|v| note(&v.wire)),
            Body::Struct(fields) if fields.iter().any(|f| printed_as_is(f, dialect)) => {
                fields.iter().for_each(|f| note(&as_printed(f, dialect)));
            }
            _ => {}
        }
        seen
    }
}

/// A printed name's letters and digits, lower-cased, if it is an identifier
/// of more than one word: words are split at an inner `_` (`user_id`), before
/// a capital that follows a small letter or a digit (`userId`, `v2Api`), and
/// before the last capital of a run that a small letter follows (`APIUrl`).
/// A name of one word (`id`, `ID`, `from_`) says nothing of the case.
fn squashed_name(printed: &str) -> Option<String> {
    let b = printed.as_bytes();
    if !b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_') {
        return None;
    }
    let upper = u8::is_ascii_uppercase;
    let small = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    let underscore = |w: &[u8]| matches!(w, [a, b'_', c] if *a != b'_' && *c != b'_');
    let run_end = |w: &[u8]| matches!(w, [a, b, c] if upper(a) && upper(b) && c.is_ascii_lowercase());
    let hump = |w: &[u8]| matches!(w, [a, b] if small(a) && upper(b));
    let words = b.windows(3).any(|w| underscore(w) || run_end(w)) || b.windows(2).any(hump);
    words.then(|| squash(printed))
}

/// A name's letters and digits, lower-cased (`user_id`, `userId` -> `userid`).
fn squash(name: &str) -> String {
    name.chars().filter(|&c| c != '_').map(|c| c.to_ascii_lowercase()).collect()
}

/// A draft's fields, if it is a struct.
fn struct_fields(draft: &Draft) -> &[DraftField] {
    match &draft.body {
        Body::Struct(fields) => fields,
        _ => &[],
    }
}

/// The holder of undocumented keys is no key.
fn is_rest_holder(field: &DraftField, dialect: &dyn Dialect) -> bool {
    field.rest_holder || field.printed_name == dialect.rest_holder()
}

/// Whether a field's printed name is one that no casing rule makes: it has a
/// character no identifier has (`@type`, `odata.type`, `content-type`), or
/// starts with `_` or a digit (`_links`). (The dialects' own escape, Python's
/// and Ruby's trailing `_` in `from_`, is neither.)
fn printed_as_is(field: &DraftField, dialect: &dyn Dialect) -> bool {
    if is_rest_holder(field, dialect) {
        return false;
    }
    let name = &field.printed_name;
    let odd = name.chars().any(|c| !c.is_ascii_alphanumeric() && c != '_');
    odd || name.starts_with(|c: char| c == '_' || c.is_ascii_digit())
}

/// A field's printed name, the dialect's own escape (Python's `from_`) dropped.
fn as_printed(field: &DraftField, dialect: &dyn Dialect) -> String {
    WireCase::AsPrinted.wire_name(dialect, &field.printed_name).name
}

/// The ids of the distinct names written in each case.
#[derive(Default)]
struct Seen {
    snake: HashSet<usize>,
    camel: HashSet<usize>,
}

impl Seen {
    fn merge(mut self, other: Seen) -> Seen {
        self.snake.extend(other.snake);
        self.camel.extend(other.camel);
        self
    }
}

/// The texts of a draft that the API's authors wrote: the model's description,
/// and each field's description and example.
fn texts(draft: &Draft) -> impl Iterator<Item = &str> {
    let own = struct_fields(draft).iter().flat_map(|f| [f.docs.as_deref(), f.example.as_deref()]);
    std::iter::once(draft.docs.as_deref()).chain(own).flatten()
}

/// The case a token is written in, if it is a multi-word key in one:
/// snake_case is lower-case words of letters and digits joined by single `_`
/// (`user_id`, `address_1`); camelCase starts with a lower-case letter, has an
/// upper-case one later and no `_` (`userId`, `imdbID`).
fn shape(token: &str) -> Option<WireCase> {
    if !token.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let lower_word = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if token.contains('_') {
        return token.split('_').all(lower_word).then_some(WireCase::Snake);
    }
    let alnum = token.bytes().all(|b| b.is_ascii_alphanumeric());
    (alnum && token.bytes().any(|b| b.is_ascii_uppercase())).then_some(WireCase::Camel)
}

/// Feeds `note` the whole of each code span of `text` (`` `pageSize` ``), with
/// quotes around it dropped (`` `"pageSize"` ``). A backslash escapes the next
/// character, as in the drafts' markdown (`` \` `` is a backtick, not a span).
fn code_spans(text: &str, note: &mut impl FnMut(&str)) {
    let mut start: Option<usize> = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if start.is_none() => escaped = true,
            '`' => match start.take() {
                Some(from) => note(text.get(from..i).unwrap_or_default().trim().trim_matches(['"', '\''])),
                None => start = Some(i + 1),
            },
            _ => {}
        }
    }
}

/// Feeds `note` each double-quoted string of `text` that a `:` follows
/// (`"include_usage": true`), in prose, code spans and Example cells alike, at
/// any depth of nesting. A backslash escapes the next character, as in JSON
/// strings and in the drafts' markdown (`"user\_id"`).
fn json_keys(text: &str, note: &mut impl FnMut(&str)) {
    let mut chars = text.chars().peekable();
    let mut key = String::new();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        key.clear();
        let mut closed = false;
        while let Some(c) = chars.next() {
            match c {
                '\\' => key.extend(chars.next()),
                '"' => {
                    closed = true;
                    break;
                }
                c => key.push(c),
            }
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if closed && chars.peek() == Some(&':') {
            note(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::dialect::{go::Go, python::Python, typescript::TypeScript};
    use crate::read::{parse, SourceFile};

    /// The draft of a doc titled `title` with `rows` (`| name | type | required | description |`,
    /// without the outer pipes) and `prose` under the title.
    fn doc(dialect: &dyn Dialect, title: &str, prose: &str, rows: &[&str]) -> Draft {
        let rows: String = rows.iter().map(|r| format!("| {r} |\n")).collect();
        let text = format!("# {title}\n\n{prose}\n\n## Fields\n\n| Field | Type | Required | Description |\n|-|-|-|-|\n{rows}");
        lowered(dialect, &text)
    }

    fn lowered(dialect: &dyn Dialect, text: &str) -> Draft {
        let (mut errors, mut warnings) = (Vec::new(), Vec::new());
        let draft = crate::lower::lower(&parse(SourceFile::new("x.md", text)), dialect, &mut errors, &mut warnings);
        assert!(errors.is_empty(), "{errors:?}");
        draft.unwrap_or_else(|| panic!("no draft: {warnings:?}"))
    }

    fn spans(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        code_spans(text, &mut |t: &str| out.push(t.to_string()));
        out
    }

    fn keys(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        json_keys(text, &mut |t: &str| out.push(t.to_string()));
        out
    }

    #[test]
    fn shapes_of_keys() {
        for snake in ["user_id", "address_1", "a_b_c"] {
            assert_eq!(shape(snake), Some(WireCase::Snake), "{snake}");
        }
        for camel in ["userId", "imdbID", "useV2API"] {
            assert_eq!(shape(camel), Some(WireCase::Camel), "{camel}");
        }
        for neither in ["status", "UserId", "USER_ID", "_links", "user__id", "user_", "user-id", "page size", "", "é_a"] {
            assert_eq!(shape(neither), None, "{neither}");
        }
    }

    #[test]
    fn code_spans_whole_and_unquoted() {
        let text = r#"Use `pageSize` or `"page_token"`, not \`fake\` nor `a b`; `open"#;
        assert_eq!(spans(text), ["pageSize", "page_token", "a b"]);
        // Inside a span a backslash is itself.
        assert_eq!(spans(r"`a\` b `c`"), [r"a\", "c"]);
    }

    #[test]
    fn json_keys_at_any_depth_and_unescaped() {
        let text = r#"e.g. {"include_usage": true, "nested" : {"max\_tokens":1}, "value": "not_a_key", "t": "12:00"} "open"#;
        assert_eq!(keys(text), ["include_usage", "nested", "max_tokens", "value", "t"]);
    }

    fn ts_fields(rows: &[(&str, &str)]) -> Vec<String> {
        rows.iter().map(|(name, desc)| format!("`{name}` | *string* | :heavy_minus_sign: | {desc}")).collect()
    }

    fn ts_doc(title: &str, prose: &str, rows: &[(&str, &str)]) -> Draft {
        let rows = ts_fields(rows);
        doc(&TypeScript, title, prose, &rows.iter().map(String::as_str).collect::<Vec<_>>())
    }

    #[test]
    fn names_in_descriptions_count_once_in_their_case() {
        let d = ts_doc(
            "Page",
            "Pass `page_size` with `page_token`.",
            &[("pageSize", "Repeats `page_size`."), ("pageToken", "N/A"), ("createdAt", "N/A"), ("status", "Not `status`.")],
        );
        let e = gather(&[d], &TypeScript);
        assert_eq!((e.snake, e.camel), (2, 0));
        assert_eq!(e.per_model.get("Page"), Some(&(2, 0)));
        // Two names are too few for the tree, enough for the model.
        assert_eq!((e.verdict(), e.model_verdict("Page")), (None, Some(WireCase::Snake)));
        assert_eq!(e.model_verdict("Other"), None);
    }

    #[test]
    fn a_snake_printing_tree_hears_camel_case_in_examples() {
        let text = "# Usage\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n|-|-|-|-|-|\n\
                    | `prompt_tokens` | *Optional[int]* | :heavy_minus_sign: | N/A | 3 |\n\
                    | `total_tokens` | *Optional[int]* | :heavy_minus_sign: | N/A |  |\n\
                    | `cost_details` | *Optional[Dict[str, Any]]* | :heavy_minus_sign: | N/A | {\"promptTokens\": 1, \"totalTokens\": 2, \"costDetails\": {}} |\n";
        let e = gather(&[lowered(&Python, text)], &Python);
        assert_eq!((e.snake, e.camel, e.verdict()), (0, 3, Some(WireCase::Camel)));
    }

    #[test]
    fn go_names_match_with_their_initialisms() {
        let rows = [
            "`PortalURL` | **string* | :heavy_minus_sign: | N/A",
            "`UserIDs` | []*string* | :heavy_minus_sign: | N/A",
            "`HTMLBody` | **string* | :heavy_minus_sign: | N/A",
            "`ID` | **string* | :heavy_minus_sign: | `i_d` is no name of it.",
        ];
        let d = doc(&Go, "Portal", "Keys: `portal_url`, `user_ids`, `html_body`.", &rows);
        assert_eq!(gather(&[d], &Go).per_model.get("Portal"), Some(&(3, 0)));
        let d = doc(&Go, "Portal", "Keys: `portalURL`, `userIds`, `htmlBody`.", &rows);
        assert_eq!(gather(&[d], &Go).per_model.get("Portal"), Some(&(0, 3)));
    }

    #[test]
    fn squashed_names_of_many_words() {
        let squashed = |n: &str| squashed_name(n);
        assert_eq!(squashed("userId").as_deref(), Some("userid"));
        assert_eq!(squashed("UserID").as_deref(), Some("userid"));
        assert_eq!(squashed("APIUrl").as_deref(), Some("apiurl"));
        assert_eq!(squashed("address_1").as_deref(), Some("address1"));
        assert_eq!(squashed("v2Api").as_deref(), Some("v2api"));
        for one in ["id", "ID", "status", "from_", "_links", "__x__", "content-type", "@type", "", "é"] {
            assert_eq!(squashed(one), None, "{one}");
        }
    }

    #[test]
    fn enum_values_that_name_fields_count() {
        let sort = lowered(&TypeScript, "# SortBy\n\n## Values\n\n| Name | Value |\n|-|-|\n| `A` | created_at |\n| `B` | updated_at |\n| `C` | display_name |\n| `D` | not_a_field |\n");
        let user = ts_doc("User", "", &[("createdAt", "N/A"), ("updatedAt", "N/A"), ("displayName", "N/A")]);
        let e = gather(&[sort, user], &TypeScript);
        assert_eq!((e.snake, e.camel, e.verdict()), (3, 0, Some(WireCase::Snake)));
        assert_eq!(e.per_model.get("User"), Some(&(3, 0)));
        assert!(!e.per_model.contains_key("SortBy"));
    }

    #[test]
    fn a_model_with_strong_evidence_of_its_own_overrides_the_tree() {
        let snake_rows = [("promptTokens", "N/A"), ("totalTokens", "N/A"), ("cachedTokens", "N/A")];
        let usage = ts_doc("Usage", "Has `prompt_tokens`, `total_tokens`, `cached_tokens`.", &snake_rows);
        let config = ts_doc("Config", "Send `{\"baseUrl\": \"x\", \"apiKey\": \"k\"}`.", &[("baseUrl", "N/A"), ("apiKey", "N/A")]);
        let e = gather(&[usage, config], &TypeScript);
        assert_eq!((e.snake, e.camel), (3, 2));
        // 3 against 2 is no majority: the tree says nothing, each model says its own.
        assert_eq!(e.verdict(), None);
        assert_eq!((e.model_verdict("Usage"), e.model_verdict("Config")), (Some(WireCase::Snake), Some(WireCase::Camel)));
        let more = ts_doc("More", "`max_tokens`, `top_p`, `seed_value`, `stop_words`.", &[("maxTokens", "N/A"), ("topP", "N/A"), ("seedValue", "N/A"), ("stopWords", "N/A")]);
        let usage = ts_doc("Usage", "Has `prompt_tokens`, `total_tokens`, `cached_tokens`.", &snake_rows);
        let config = ts_doc("Config", "Send `{\"baseUrl\": \"x\", \"apiKey\": \"k\"}`.", &[("baseUrl", "N/A"), ("apiKey", "N/A")]);
        let e = gather(&[usage, config, more], &TypeScript);
        assert_eq!(e.verdict(), Some(WireCase::Snake));
        assert_eq!((e.model_verdict("More"), e.model_verdict("Config")), (Some(WireCase::Snake), Some(WireCase::Camel)));
    }

    #[test]
    fn silence_and_single_words_say_nothing() {
        let d = ts_doc("Plain", "A `status` and a `name`.", &[("status", "The `status`."), ("name", "N/A"), ("createdAt", "N/A")]);
        let e = gather(&[d], &TypeScript);
        assert_eq!((e.snake, e.camel, e.verdict()), (0, 0, None));
        assert!(e.per_model.is_empty());
        assert_eq!(gather(&[], &TypeScript), Evidence::default());
    }

    #[test]
    fn the_rest_holder_is_no_key() {
        let d = ts_doc("Open", "Any `additional_properties`.", &[("additionalProperties", "N/A")]);
        assert_eq!(gather(&[d], &TypeScript).snake, 0);
    }

    #[test]
    fn names_printed_as_is_make_their_doc_speak_for_its_printed_names() {
        let rows = [("_links", "N/A"), ("created_at", "N/A"), ("updated_at", "N/A"), ("display_name", "N/A")];
        let e = gather(&[ts_doc("Hal", "", &rows)], &TypeScript);
        assert_eq!((e.snake, e.camel, e.verdict()), (3, 0, Some(WireCase::Snake)));
        // Without such a name the printed case is the SDK's, and says nothing.
        let rows = [("createdAt", "N/A"), ("updatedAt", "N/A"), ("displayName", "N/A")];
        assert_eq!(gather(&[ts_doc("Plain", "", &rows)], &TypeScript).verdict(), None);
    }

    #[test]
    fn decisions_need_enough_names_and_a_majority() {
        assert_eq!(decide(3, 1, TREE_MIN), Some(WireCase::Snake));
        assert_eq!(decide(1, 3, TREE_MIN), Some(WireCase::Camel));
        assert_eq!(decide(2, 0, TREE_MIN), None);
        assert_eq!(decide(3, 2, TREE_MIN), None);
        assert_eq!(decide(0, 0, MODEL_MIN), None);
        assert_eq!(decide(usize::MAX, 0, TREE_MIN), Some(WireCase::Snake));
    }

    fn field(name: String, docs: Option<String>, example: Option<String>) -> DraftField {
        DraftField {
            printed_name: name.clone(),
            wire_name: name,
            wire_name_inferred: false,
            ty: crate::dialect::TypeExpr::String,
            nullable: None,
            type_text: String::new(),
            required: false,
            docs,
            deprecated: None,
            example,
            loc: Default::default(),
            type_loc: Default::default(),
            degraded: false,
            rest_holder: false,
            from: Vec::new(),
        }
    }

    /// Any text, or text made of what the scanners look for.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![".{0,60}", r#"[`"\\:_a-zA-Z0-9 {}é@.-]{0,60}"#]
    }

    proptest! {
        #![proptest_config(crate::dialect::proptests::config())]
        /// Any text in any place of a draft, in any dialect, reads without panic.
        #[test]
        fn any_draft_text_reads_without_panic(
            title in text(),
            docs in proptest::option::of(text()),
            fields in proptest::collection::vec((text(), proptest::option::of(text()), proptest::option::of(text())), 0..6),
            values in proptest::collection::vec(text(), 0..4),
        ) {
            let fields = fields.into_iter().map(|(n, d, e)| field(n, d, e)).collect();
            let value = |wire: String| crate::lower::DraftValue { wire, number: false, name: None, unquoted: false, deprecated: None, loc: Default::default() };
            let draft = |body| Draft { title: title.clone(), title_loc: Default::default(), folder: String::new(), stem: String::new(), docs: docs.clone(), deprecated: None, body, from: Vec::new(), example_is_object: None };
            let drafts = [draft(Body::Struct(fields)), draft(Body::Enum(values.into_iter().map(value).collect()))];
            for dialect in crate::dialect::all() {
                let e = gather(&drafts, *dialect);
                let _ = (e.verdict(), e.model_verdict(&title));
            }
        }
    }
}
