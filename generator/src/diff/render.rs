//! A report as text for a terminal, markdown for a pull-request comment, or JSON.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::{Bump, Change, Class, Counts, Kind, Report};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Markdown,
    Json,
}

pub(super) fn render(report: &Report, format: Format, old: &str, new: &str) -> String {
    match format {
        Format::Human => human(report, old, new),
        Format::Markdown => markdown(report, old, new),
        Format::Json => json(report, old, new),
    }
}

const CLASSES: [Class; 3] = [Class::Breaking, Class::Compatible, Class::Cosmetic];

/// The changes of one class, grouped by kind and reason, in kind order.
fn groups(report: &Report, class: Class) -> BTreeMap<(Kind, &str), Vec<&Change>> {
    let mut groups: BTreeMap<(Kind, &str), Vec<&Change>> = BTreeMap::new();
    for c in report.changes.iter().filter(|c| c.class == class) {
        groups.entry((c.kind, c.why.as_str())).or_default().push(c);
    }
    groups
}

fn summary(counts: &Counts) -> [String; 3] {
    let c = counts;
    [
        format!("models: {} added, {} removed, {} changed", c.models_added, c.models_removed, c.models_changed),
        format!(
            "fields: {} added, {} removed, {} re-typed, {} renamed on the wire, {} made required, {} made optional, \
             {} made nullable, {} made non-nullable, {} nullability no longer stated",
            c.fields_added,
            c.fields_removed,
            c.fields_retyped,
            c.fields_renamed_on_wire,
            c.fields_made_required,
            c.fields_made_optional,
            c.fields_made_nullable,
            c.fields_made_non_nullable,
            c.fields_nullability_unstated
        ),
        format!(
            "enum values: {} added, {} removed; unions: {} widened, {} narrowed",
            c.enum_values_added, c.enum_values_removed, c.unions_widened, c.unions_narrowed
        ),
    ]
}

fn classes(counts: &Counts) -> String {
    format!("{} breaking, {} compatible, {} cosmetic", counts.breaking, counts.compatible, counts.cosmetic)
}

fn bump_text(bump: Bump) -> &'static str {
    match bump {
        Bump::Major => "major (a breaking change; a 0.x crate bumps its minor number)",
        Bump::Minor => "minor (compatible changes; a 0.x crate bumps its patch number)",
        Bump::Patch => "patch (docs only)",
        Bump::None => "none (no change)",
    }
}

fn human(report: &Report, old: &str, new: &str) -> String {
    let mut out = String::new();
    if report.is_empty() {
        let _ = writeln!(out, "No API changes from `{old}` to `{new}`.");
        let _ = writeln!(out, "semver: {}", bump_text(Bump::None));
        return out;
    }
    let counts = report.counts();
    let _ = writeln!(out, "API changes from `{old}` to `{new}`: {}", classes(&counts));
    summary(&counts).iter().for_each(|line| {
        let _ = writeln!(out, "  {line}");
    });
    for class in CLASSES {
        let groups = groups(report, class);
        if groups.is_empty() {
            continue;
        }
        let n: usize = groups.values().map(Vec::len).sum();
        let _ = writeln!(out, "\n{} ({n}):", class.name());
        for ((kind, why), changes) in groups {
            let _ = writeln!(out, "  {}: {why}", kind.label());
            for c in changes {
                let sep = if c.detail.is_empty() { "" } else { "  " };
                let _ = writeln!(out, "    {}{sep}{}", c.target(), c.detail);
            }
        }
    }
    let _ = writeln!(out, "\nsemver: {}", bump_text(report.bump()));
    out
}

fn markdown(report: &Report, old: &str, new: &str) -> String {
    let mut out = String::new();
    let bump = report.bump();
    let name = match bump {
        Bump::Major => "major",
        Bump::Minor => "minor",
        Bump::Patch => "patch",
        Bump::None => "none",
    };
    let _ = writeln!(out, "### API changes: semver **{name}**\n");
    if report.is_empty() {
        let _ = writeln!(out, "No API changes from `{old}` to `{new}`.");
        return out;
    }
    let counts = report.counts();
    let _ = writeln!(out, "`{old}` → `{new}`: {}\n", classes(&counts));
    summary(&counts).iter().for_each(|line| {
        let _ = writeln!(out, "- {line}");
    });
    let _ = writeln!(out, "\nSemver: {}", bump_text(bump));
    for class in CLASSES {
        let groups = groups(report, class);
        let n: usize = groups.values().map(Vec::len).sum();
        if n == 0 {
            continue;
        }
        let title = format!("{}{} ({n})", class.name()[..1].to_uppercase(), &class.name()[1..]);
        let open = class == Class::Breaking;
        if open {
            let _ = writeln!(out, "\n#### {title}\n");
        } else {
            let _ = writeln!(out, "\n<details><summary>{title}</summary>\n");
        }
        let _ = writeln!(out, "| Change | Where | Detail | Why |\n|---|---|---|---|");
        for ((kind, why), changes) in groups {
            for c in changes {
                let _ =
                    writeln!(out, "| {} | {} | {} | {} |", kind.label(), code(&c.target()), cell(&c.detail), cell(why));
            }
        }
        if !open {
            let _ = writeln!(out, "\n</details>");
        }
    }
    out
}

/// Inline code that holds any text (a wire value may hold a backtick).
fn code(text: &str) -> String {
    let ticks = if text.contains('`') { "``" } else { "`" };
    let pad = if text.contains('`') { " " } else { "" };
    format!("{ticks}{pad}{}{pad}{ticks}", cell(text))
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn json(report: &Report, old: &str, new: &str) -> String {
    #[derive(Serialize)]
    struct Json<'a> {
        old: &'a str,
        new: &'a str,
        bump: Bump,
        counts: Counts,
        changes: &'a [Change],
    }
    let doc = Json { old, new, bump: report.bump(), counts: report.counts(), changes: &report.changes };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
