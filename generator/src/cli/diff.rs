//! `docs2rs diff OLD NEW`: the API changes between two docs trees, generated
//! crates or IR files, for a terminal, a pull-request comment or a CI gate.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diff::{self, Class, Format};
use crate::ir::Ir;
use crate::{ir_file, Config};

#[derive(Debug, Clone, clap::Args)]
pub struct DiffArgs {
    /// The old side: a docs folder, a generated crate folder (its `docs2rs.ir.json`), or an IR JSON file.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The new side, as OLD.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// How the report is printed: `human`, `markdown` (for a pull-request comment) or `json`.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 when a change of this class, or a more severe one, exists: `breaking`, `compatible` or `cosmetic`.
    #[arg(long, value_enum, value_name = "CLASS")]
    pub fail_on: Option<Class>,
    /// Read docs folders' Type column in this dialect instead of detecting it.
    #[arg(long, value_name = "NAME")]
    pub dialect: Option<String>,
}

/// Exit 0, or 1 when `--fail-on` finds its class, or 2 when a side cannot be read.
pub fn run(args: &DiffArgs) -> ExitCode {
    let (old, new) = match (load(&args.old, args), load(&args.new, args)) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            [old.err(), new.err()].into_iter().flatten().for_each(|e| eprintln!("{e}"));
            return ExitCode::from(2);
        }
    };
    let report = diff::diff(&old, &new);
    print!("{}", report.render(args.format, &label(&args.old), &label(&args.new)));
    match args.fail_on {
        Some(class) if report.has(class) => {
            let worst = report.worst().map_or("", Class::name);
            eprintln!("error: a {worst} change, and --fail-on {} was given", class.name());
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

fn label(path: &Path) -> String {
    path.display().to_string()
}

/// The IR of one side; the error is printed as it stands.
fn load(path: &Path, args: &DiffArgs) -> Result<Ir, String> {
    let kept = path.join(ir_file::FILE_NAME);
    let file = if path.is_file() { Some(path.to_path_buf()) } else { kept.is_file().then_some(kept) };
    if let Some(file) = file {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("error: cannot read `{}`: {e}", file.display()))?;
        return ir_file::parse(&text).map_err(|e| format!("error: `{}`: {e}", file.display()));
    }
    let mut config = Config::new();
    if let Some(d) = &args.dialect {
        config.dialect(d);
    }
    config.generate(path).map(|g| g.ir).map_err(|failure| {
        let mut renderer = crate::diag::Renderer::new(std::io::stderr().is_terminal());
        let errors: Vec<String> =
            failure.diagnostics.iter().filter(|d| d.is_error()).map(|d| renderer.render(d)).collect();
        format!("{}\n\nerror: cannot read the docs in `{}`", errors.join("\n\n"), path.display())
    })
}
