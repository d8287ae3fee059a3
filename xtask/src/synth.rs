//! `cargo xtask synth`: a synthetic docs tree of any size, for measuring how the
//! generator scales. The docs look like the Ruby Sorbet trees of the corpus
//! (`docs/models/{shared,operations}/*.md`, tables padded as Speakeasy pads them):
//! structs of 3 to 30 fields mixing built-in, array, map, nilable and linked types,
//! enums, unions (`[T.any(...)](link)` to a fieldless doc), links in both directions
//! (so some models contain themselves). The same seed always writes the same bytes.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct SynthArgs {
    /// How many docs to write.
    #[arg(long, value_name = "N")]
    pub docs: usize,
    /// Folder to write; the docs go under `DIR/docs/models/`.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Seed of the pseudo-random shapes.
    #[arg(long, default_value_t = 6)]
    pub seed: u64,
}

pub fn run(args: &SynthArgs) -> ExitCode {
    match write_tree(&args.out, args.docs, args.seed) {
        Ok(bytes) => {
            eprintln!("wrote {} docs ({bytes} bytes) to {}", args.docs, args.out.join("docs").display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Marks a folder as written by `synth`, so that rewriting it may clear it.
const MARKER: &str = ".docs2rs-synth";

/// Writes the tree and returns its size in bytes. A folder that holds anything but
/// an earlier synthetic tree is refused rather than cleared.
pub fn write_tree(out: &Path, docs: usize, seed: u64) -> Result<u64, String> {
    let marker = out.join(MARKER);
    let stamp = format!("docs={docs} seed={seed}\n");
    let docs_dir = out.join("docs");
    if docs_dir.exists() {
        if !marker.exists() {
            return Err(format!("{} exists and was not written by synth; not touching it", docs_dir.display()));
        }
        std::fs::remove_dir_all(&docs_dir).map_err(|e| format!("{}: {e}", docs_dir.display()))?;
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    std::fs::write(&marker, &stamp).map_err(|e| format!("{}: {e}", marker.display()))?;
    let mut bytes = 0;
    // Written one by one: a 100k-doc tree is 650 MB, which `bench` should not hold.
    tree(docs, seed, |rel, text| {
        let path = docs_dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        bytes += text.len() as u64;
        Ok(())
    })?;
    Ok(bytes)
}

/// Whether `out` already holds exactly this tree (same size and seed).
pub fn is_current(out: &Path, docs: usize, seed: u64) -> bool {
    std::fs::read_to_string(out.join(MARKER)).is_ok_and(|s| s == format!("docs={docs} seed={seed}\n"))
}

/// SplitMix64: tiny, fast and good enough for shapes; no dependency needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }
}

const NOUNS: &[&str] = &[
    "Account", "Address", "Application", "Attachment", "Balance", "Call", "Candidate", "Category", "Channel",
    "Comment", "Company", "Connection", "Contact", "Customer", "Deal", "Device", "Document", "Domain", "Email",
    "Employee", "Event", "File", "Group", "Invoice", "Item", "Job", "Journal", "Lead", "Link", "List", "Location",
    "Member", "Message", "Note", "Order", "Organization", "Payment", "Payout", "Phone", "Plan", "Product",
    "Project", "Refund", "Role", "Session", "Subscription", "Task", "Ticket", "Token", "Transaction", "User",
    "Webhook",
];
const QUALIFIERS: &[&str] = &[
    "Accounting", "Ats", "Billing", "Crm", "Hris", "Kms", "Martech", "Messaging", "Payment", "Storage", "Uc",
    "Admin", "Public", "Internal", "External", "Shared", "Legacy", "Bulk", "Remote", "Local",
];
const SUFFIXES: &[&str] =
    &["", "Request", "Response", "Status", "Type", "Settings", "Metadata", "Item", "Summary", "Detail", "Config"];
const FIELDS: &[&str] = &[
    "id", "name", "created_at", "updated_at", "status", "type", "description", "email", "phone", "url", "title",
    "amount", "currency", "total", "count", "enabled", "is_active", "tags", "labels", "metadata", "raw", "owner_id",
    "parent_id", "user_id", "company_id", "address", "city", "country", "region", "postal_code", "first_name",
    "last_name", "notes", "priority", "due_at", "start_at", "end_at", "items", "lines", "currency_code", "balance",
    "externalId", "displayName", "webhookUrl", "isPrivate", "version", "kind", "source", "target", "reference",
    "category_ids", "timezone", "language", "avatar_url", "website", "industry", "employees", "revenue", "rating",
];
const VALUES: &[&str] = &[
    "active", "inactive", "pending", "archived", "deleted", "draft", "open", "closed", "won", "lost", "new",
    "in-progress", "on_hold", "completed", "failed", "cancelled", "low", "medium", "high", "urgent", "daily",
    "weekly", "monthly", "yearly", "email", "sms", "push", "web", "api", "manual", "1h", "24h", "*", "read",
    "write", "admin", "owner", "guest",
];
const WORDS: &[&str] = &[
    "the", "unique", "identifier", "of", "this", "object", "when", "it", "was", "created", "in", "ISO", "8601",
    "format", "a", "list", "returned", "by", "integration's", "API", "value", "optional", "used", "to", "filter",
    "results", "original", "data", "from", "remote", "system", "see", "docs",
];

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Struct,
    Enum,
    Union,
}

struct Doc {
    title: String,
    folder: &'static str,
    kind: Kind,
}

impl Doc {
    fn stem(&self) -> String {
        self.title.to_lowercase()
    }

    fn path(&self) -> String {
        format!("models/{}/{}.md", self.folder, self.stem())
    }

    /// The Sorbet name with its namespace, as the SDK writes it.
    fn qualified(&self) -> String {
        let ns = if self.folder == "shared" { "Shared" } else { "Operations" };
        format!("::SynthSDK::{ns}::{}", self.title)
    }
}

/// The tree's files, by path relative to `docs/`, in a fixed order, each handed to `sink`.
fn tree(n: usize, seed: u64, mut sink: impl FnMut(String, String) -> Result<(), String>) -> Result<(), String> {
    let mut rng = Rng(seed);
    let docs = plan(n, &mut rng);
    let targets: Vec<usize> = (0..docs.len()).filter(|&i| docs[i].kind != Kind::Union).collect();
    // Each union doc is the type of exactly one field, so its members are declared once.
    let mut unions_of: Vec<Vec<usize>> = vec![Vec::new(); docs.len()];
    let structs: Vec<usize> = (0..docs.len()).filter(|&i| docs[i].kind == Kind::Struct).collect();
    for u in (0..docs.len()).filter(|&i| docs[i].kind == Kind::Union) {
        if !structs.is_empty() {
            unions_of[structs[rng.range(0, structs.len() - 1)]].push(u);
        }
    }
    for (i, doc) in docs.iter().enumerate() {
        let text = match doc.kind {
            Kind::Struct => structure(doc, &docs, &targets, &unions_of[i], &mut rng),
            Kind::Enum => enumeration(doc, &mut rng),
            Kind::Union => format!("# {}\n\n", doc.title),
        };
        sink(doc.path(), text)?;
    }
    Ok(())
}

/// Titles, folders and kinds: about 70% structs, 22% enums, 8% unions; 70% in `shared`.
fn plan(n: usize, rng: &mut Rng) -> Vec<Doc> {
    let mut seen = HashSet::new();
    let mut docs = Vec::with_capacity(n);
    while docs.len() < n {
        let base = format!("{}{}{}", rng.pick(QUALIFIERS), rng.pick(NOUNS), rng.pick(SUFFIXES));
        // Few word combinations exist, so most titles of a large tree take a number.
        let title = if seen.contains(&base.to_lowercase()) { format!("{base}{}", docs.len()) } else { base };
        if !seen.insert(title.to_lowercase()) {
            continue;
        }
        let folder = if rng.chance(70) { "shared" } else { "operations" };
        // The first doc is a struct, so that links and unions always have a target.
        let kind = match rng.range(0, 99) {
            _ if docs.is_empty() => Kind::Struct,
            0..=69 => Kind::Struct,
            70..=91 => Kind::Enum,
            _ => Kind::Union,
        };
        docs.push(Doc { title, folder, kind });
    }
    docs
}

fn structure(doc: &Doc, docs: &[Doc], targets: &[usize], unions: &[usize], rng: &mut Rng) -> String {
    let count = rng.range(3, 30);
    let mut names: Vec<&str> = FIELDS.to_vec();
    let mut rows = Vec::with_capacity(count + unions.len());
    for _ in 0..count {
        let name = names.swap_remove(rng.range(0, names.len() - 1));
        let required = rng.chance(40);
        let ty = field_type(docs, targets, rng, required);
        rows.push(row(name, &ty, required, rng));
    }
    for (k, &u) in unions.iter().enumerate() {
        // A string and one or two models: the shape of the corpus's unions.
        let mut members = vec!["::String".to_string()];
        for _ in 0..rng.range(1, 2) {
            let member = docs[targets[rng.range(0, targets.len() - 1)]].qualified();
            if !members.contains(&member) {
                members.push(member);
            }
        }
        let ty = format!("[T.any({})](../../{})", members.join(", "), docs[u].path());
        rows.push(row(&format!("variant_{k}"), &ty, false, rng));
    }
    let description = sentence(rng, 4, 14);
    table(&doc.title, &description, "Fields", &["Field", "Type", "Required", "Description"], &rows)
}

fn row(name: &str, ty: &str, required: bool, rng: &mut Rng) -> Vec<String> {
    let mark = if required { ":heavy_check_mark:" } else { ":heavy_minus_sign:" };
    let description = if rng.chance(50) { "N/A".to_string() } else { sentence(rng, 3, 16) };
    vec![format!("`{name}`"), ty.to_string(), mark.to_string(), description]
}

/// A Type cell: optional fields are nilable, as the Ruby SDKs write them.
fn field_type(docs: &[Doc], targets: &[usize], rng: &mut Rng, required: bool) -> String {
    let nilable = !required || rng.chance(10);
    let wrap = |inner: &str| if nilable { format!("T.nilable({inner})") } else { inner.to_string() };
    match rng.range(0, 99) {
        0..=54 => match scalar(rng) {
            Scalar::Plain(s) => format!("*{}*", wrap(s)),
            Scalar::Linked(s, url) => format!("[{s}]({url})"),
        },
        55..=64 => format!("T::Array<{}>", element(docs, targets, rng)),
        65..=71 => format!("T::Hash[Symbol, {}]", element(docs, targets, rng)),
        _ => {
            let target = &docs[targets[rng.range(0, targets.len() - 1)]];
            format!("[{}](../../{})", wrap(&target.qualified()), target.path())
        }
    }
}

enum Scalar {
    Plain(&'static str),
    Linked(&'static str, &'static str),
}

fn scalar(rng: &mut Rng) -> Scalar {
    match rng.range(0, 9) {
        0..=3 => Scalar::Plain("::String"),
        4 => Scalar::Plain("::Integer"),
        5 => Scalar::Plain("::Float"),
        6 => Scalar::Plain("T::Boolean"),
        7 => Scalar::Plain("::Object"),
        8 => Scalar::Linked("Date", "https://ruby-doc.org/stdlib-2.6.1/libdoc/date/rdoc/Date.html"),
        _ => Scalar::Linked("DateTime", "https://ruby-doc.org/stdlib-2.6.1/libdoc/date/rdoc/DateTime.html"),
    }
}

/// An array or map element: a scalar or a linked model.
fn element(docs: &[Doc], targets: &[usize], rng: &mut Rng) -> String {
    if rng.chance(50) {
        let target = &docs[targets[rng.range(0, targets.len() - 1)]];
        return format!("[{}](../../{})", target.qualified(), target.path());
    }
    match scalar(rng) {
        Scalar::Plain(s) => format!("*{s}*"),
        Scalar::Linked(s, url) => format!("[{s}]({url})"),
    }
}

fn enumeration(doc: &Doc, rng: &mut Rng) -> String {
    let mut values: Vec<&str> = VALUES.to_vec();
    let rows: Vec<Vec<String>> = (0..rng.range(2, 20))
        .map(|_| {
            let value = values.swap_remove(rng.range(0, values.len() - 1));
            let name: String = value.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect();
            vec![format!("`{name}`"), value.to_string()]
        })
        .collect();
    table(&doc.title, "", "Values", &["Name", "Value"], &rows)
}

fn sentence(rng: &mut Rng, min: usize, max: usize) -> String {
    let words: Vec<&str> = (0..rng.range(min, max)).map(|_| rng.pick(WORDS)).collect();
    let mut text = words.join(" ");
    if let Some(first) = text.get(..1) {
        text.replace_range(..1, &first.to_uppercase());
    }
    text.push('.');
    text
}

/// A doc with one table whose columns are all padded to the widest cell.
fn table(title: &str, description: &str, section: &str, head: &[&str], rows: &[Vec<String>]) -> String {
    let width = rows.iter().flatten().map(String::len).chain(head.iter().map(|h| h.len())).max().unwrap_or(0);
    let line = |cells: &mut dyn Iterator<Item = &str>| -> String {
        let mut out = String::from("|");
        cells.for_each(|c| {
            let _ = write!(out, " {c:<width$} |");
        });
        out.push('\n');
        out
    };
    let mut text = format!("# {title}\n\n");
    if !description.is_empty() {
        let _ = write!(text, "{description}\n\n");
    }
    let _ = write!(text, "\n## {section}\n\n");
    text.push_str(&line(&mut head.iter().copied()));
    text.push_str(&line(&mut head.iter().map(|_| "-".repeat(width)).collect::<Vec<_>>().iter().map(String::as_str)));
    for row in rows {
        text.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_tree_and_it_generates() {
        let files = |seed| {
            let mut all = Vec::new();
            tree(300, seed, |rel, text| {
                all.push((rel, text));
                Ok(())
            })
            .map(|()| all)
        };
        assert_eq!(files(6), files(6));
        assert_ne!(files(6), files(7));
        let dir = std::env::temp_dir().join(format!("docs2rs-synth-test-{}", std::process::id()));
        write_tree(&dir, 300, 6).unwrap_or_else(|e| panic!("{e}"));
        let generation = docs2rs::Config::new().generate(&dir);
        let _ = std::fs::remove_dir_all(&dir);
        let generation = generation.unwrap_or_else(|f| panic!("{f}"));
        assert_eq!(generation.ir.docs, 300);
        let unions = generation.ir.models.iter().filter(|m| matches!(m.kind, docs2rs::ir::ModelKind::Union { .. })).count();
        assert!(unions > 0, "no unions");
    }
}
