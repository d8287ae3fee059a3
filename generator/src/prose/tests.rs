use super::*;
use crate::read::{parse, Block, SourceFile};

/// The prose of a one-paragraph markdown text.
fn said(markdown: &str) -> Prose {
    let d = parse(SourceFile::new("x.md", markdown));
    let Some(Block::Paragraph { inlines, .. }) = d.blocks.first() else { panic!("no paragraph in {markdown:?}") };
    prose(inlines)
}

fn text(markdown: &str) -> String {
    said(markdown).text.unwrap_or_default()
}

#[test]
fn doc_text_is_rustdoc_safe() {
    assert_eq!(
        text("Use <b>x</b> [y] see https://example.com/a_b. and `code`<br/>    indented<br/>- not a list<br/>1. nor this\n"),
        "Use \\<b>x\\</b> \\[y\\] see <https://example.com/a_b>. and `code`\\\nindented\\\n\\- not a list\\\n\\1. nor this"
    );
    assert_eq!(
        text("Like R2 (https://id.r2.example.com) or [x]https://b.example/c_d).\n"),
        "Like R2 (<https://id.r2.example.com>) or \\[x\\]<https://b.example/c_d>)."
    );
}

#[test]
fn a_break_is_a_hard_line_break_and_two_part_paragraphs() {
    assert_eq!(text("One.<br/>Two.<br/><br/>Three.<br/>\n"), "One.\\\nTwo.\n\nThree.");
    assert_eq!(text("Soft\nbreak.\n"), "Soft\nbreak.");
}

#[test]
fn a_break_inside_a_code_span_splits_it() {
    assert_eq!(
        text("Example: `<br/>2020-10-08T22:40:50Z<br/>2021-01-01T00:00:00<br/>`\n"),
        "Example:\\\n`2020-10-08T22:40:50Z`\\\n`2021-01-01T00:00:00`"
    );
}

#[test]
fn shortcodes_are_dropped_and_times_and_scopes_kept() {
    assert_eq!(text(":rocket: Fast :tada:, really.\n"), "Fast, really.");
    assert_eq!(text("At 12:30:00, scope org:billing:manage.\n"), "At 12:30:00, scope org:billing:manage.");
    assert_eq!(text("Note :warning: careful\n"), "Note careful");
}

#[test]
fn emphasis_marks_are_escaped_only_where_they_would_be_markup() {
    assert_eq!(text("snake_case and a * b and 2 ** 3\n"), "snake_case and a * b and 2 ** 3");
    assert_eq!(text("\\_private and \\*starred\\*\n"), "\\_private and \\*starred\\*");
    assert_eq!(text("a \\~\\~gone\\~\\~ b\n"), "a \\~\\~gone\\~\\~ b");
    // A bullet at a line's start stays text, and the rest of the text needs no escape.
    assert_eq!(text("Codes:<br/>* `2` - invalid_amount<br/>* `3` - invalid_cvv\n"), "Codes:\\\n\\* `2` - invalid_amount\\\n\\* `3` - invalid_cvv");
}

#[test]
fn rendering_is_checked_against_the_fully_escaped_text() {
    assert!(renders_same("snake_case", "snake\\_case"));
    assert!(!renders_same("*a*", "\\*a\\*"));
}

#[test]
fn speakeasys_warning_line_deprecates_and_leaves_the_docs() {
    let p = said(": warning: ** DEPRECATED **: This will be removed in a future release, please migrate away from it as soon as possible.<br/><br/>Please use `image_url` instead\n");
    assert_eq!(p.text.as_deref(), Some("Please use `image_url` instead"));
    assert_eq!(p.note(false).as_deref(), Some("Please use `image_url` instead"));
    let p = said(": warning: ** DEPRECATED **: This will be removed in a future release, please migrate away from it as soon as possible.<br/><br/>The ID of the plan.\n");
    assert_eq!(p.text.as_deref(), Some("The ID of the plan."));
    assert_eq!(p.note(false).as_deref(), Some("The API will remove it in a future release."));
}

#[test]
fn a_sentence_opening_with_deprecated_deprecates_and_gives_its_reason() {
    assert_eq!(said("Deprecated. Use `captures`.\n").note(false).as_deref(), Some("Use `captures`."));
    assert_eq!(said("An ID. Deprecated: use agent_task_id instead.\n").note(false).as_deref(), Some("Use agent_task_id instead."));
    assert_eq!(
        said("Deprecated but still found on historical issues\n").note(false).as_deref(),
        Some("Deprecated but still found on historical issues")
    );
    assert_eq!(said("Takes precedence over the deprecated numeric field. Use it instead.\n").note(false), None);
    assert_eq!(said("The ID.\n").note(true).as_deref(), Some(crate::ir::DEPRECATED));
}

#[test]
fn several_examples_become_a_list() {
    assert_eq!(
        text("Filters. **Example 1:** `a=1` **Example 2:** `b=2`\n"),
        "Filters.\n\n- `a=1`\n- `b=2`"
    );
    assert_eq!(text("One **Example:** only.\n"), "One Example: only.");
}

#[test]
fn an_example_cell_keeps_its_lines() {
    let d = parse(SourceFile::new("x.md", "`<br/>2020-10-08T22:40:50Z<br/>2021-01-01<br/>`\n"));
    let Some(Block::Paragraph { inlines, .. }) = d.blocks.first() else { panic!() };
    assert_eq!(example(inlines).as_deref(), Some("2020-10-08T22:40:50Z\n2021-01-01"));
}

#[test]
fn leftover_markup_is_found_in_doc_lines() {
    assert_eq!(leftover_markup("/// One<br/>two"), Some("a <br> tag"));
    assert_eq!(leftover_markup("/// : warning: \\*\\* DEPRECATED \\*\\*"), Some("escaped bold (\\*\\*)"));
    assert_eq!(leftover_markup("/// :warning: careful"), Some("an emoji shortcode"));
    assert_eq!(leftover_markup("/// At 12:30:00 with org:billing:manage"), None);
}

#[test]
fn no_text_keeps_markup_once_rendered() {
    for markdown in [
        ": warning: ** DEPRECATED **: This will be removed.<br/><br/>Use `x`.\n",
        ":rocket: Go<br>now `a<br/>b`\n",
        "A <BR /> break and **Example 1:** `x` **Example 2:** `y`\n",
    ] {
        let t = text(markdown);
        assert!(t.lines().all(|l| leftover_markup(l).is_none()), "{markdown:?} -> {t:?}");
    }
}

#[test]
fn a_reason_is_cut_from_the_sentence_as_written_whatever_lowercasing_does() {
    // `İ` lowercases to two chars (three bytes for two): a cut measured on the
    // lowercased text would fall before the sentence's start.
    let sentence = format!("Deprecated: {}", "İ".repeat(20));
    assert_eq!(said(&format!("{sentence}\n")).note(false), Some("İ".repeat(20)));
    assert_eq!(said("Deprecated: use `v2` İİ\n").note(false).as_deref(), Some("Use `v2` İİ"));
}
