//! `plain-contract coverage`: the `check` run, with its counts collected
//! (see [`crate::coverage`]) and reported; and `coverage merge`.

use super::{CliError, ColorChoice, Command, Exit, FormatArg, Output, OK, VIOLATIONS};
use crate::coverage::report::{fnv, parse_gates, Context, Finding, Report, SchemaId};
use crate::coverage::Sink;
use crate::outcome::Outcome;
use crate::settings::Settings;
use crate::Checker;
use std::path::PathBuf;
use std::sync::Arc;

/// The report's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CoverageFormat {
    /// Totals per kind, then the least covered types.
    Human,
    /// The versioned JSON of docs/coverage.md (schema: docs/coverage.schema.json).
    Json,
    /// A table for a pull-request comment.
    Markdown,
    /// One self-contained page (with `--output FILE`): the schema as a tree
    /// with counts and bars, search, filters, links to the use sites.
    Html,
}

/// `coverage merge`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum CoverageCommand {
    /// Merge the JSON reports of several runs (the shards of a CI matrix)
    /// into the report one run over all their inputs gives.
    Merge {
        /// The `coverage --format json` files.
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CoverageFormat::Json)]
        format: CoverageFormat,
        /// Write the report to FILE instead of stdout.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// `coverage`'s arguments: `check`'s, and the report's.
#[derive(Debug, clap::Args)]
pub(crate) struct CoverageArgs {
    #[command(flatten)]
    check: super::CheckArgs,
    /// What to count: `customers` (the embedded Customers API contract's
    /// coordinates), or coordinates and globs, comma-separated
    /// (`Query.customer*,UpsertCustomerInput`). Default: the whole schema.
    #[arg(long, value_name = "SCOPE")]
    scope: Option<String>,
    /// Fail (exit 1) when a kind's coverage is under a percentage:
    /// `fields=80,enum-values=50`; a kind with `-answered` or `-sent`
    /// gates what responses answered or requests sent.
    #[arg(long, value_name = "KIND=PERCENT,...", value_parser = gates)]
    fail_under: Option<Gates>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CoverageFormat::Human)]
    format: CoverageFormat,
    /// Write the report to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// When to colour the check's findings.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// `--fail-under`, parsed.
#[derive(Debug, Clone)]
pub(crate) struct Gates(Vec<(String, f64)>);

fn gates(s: &str) -> Result<Gates, String> {
    parse_gates(s).map(Gates)
}

/// What a coverage run keeps beside the check run.
#[derive(Debug)]
pub(crate) struct Run {
    pub sink: Arc<Sink>,
    scope: Option<String>,
    gates: Vec<(String, f64)>,
    format: CoverageFormat,
    output: Output,
}

/// `coverage PATHS...` as the `check` command it runs, and what to report.
pub(crate) fn split(args: CoverageArgs) -> (Command, Run) {
    let output = || Output {
        format: if args.format == CoverageFormat::Json {
            FormatArg::Json
        } else {
            FormatArg::Human
        },
        color: args.color,
        output: args.output.clone(),
        quiet: false,
        verbose: false,
    };
    let run = Run {
        sink: Arc::default(),
        scope: args.scope.clone(),
        gates: args.fail_under.clone().map(|g| g.0).unwrap_or_default(),
        format: args.format,
        output: output(),
    };
    let command = Command::Check {
        output: output(),
        args: args.check,
    };
    (command, run)
}

impl Run {
    /// Reports the run: the check's findings and the counts; exit 1 when the
    /// check failed or a gate is not met.
    pub(crate) fn finish(&self, outcome: &Outcome, checker: &Checker, settings: &Settings) -> Exit {
        let contract = checker.contract();
        let schema = &contract.schema;
        let universe = crate::coverage::universe::of(&schema.schema);
        let universe = crate::coverage::scope::select(
            universe,
            self.scope.as_deref(),
            (crate::contract::EMBEDDED_SCHEMA, crate::contract::EMBEDDED_SCHEMA_PATH),
        )
        .map_err(|e| CliError::usage("coverage", e.0))?;
        let redaction = settings.redaction();
        let findings = outcome
            .diagnostics
            .iter()
            .map(|d| Finding {
                file: d.file.clone(),
                line: d.line,
                column: d.column,
                code: d.code.as_str().to_string(),
                severity: if d.is_error() { "error" } else { "warning" }.to_string(),
                message: redaction.mask(&d.message).into_owned(),
            })
            .collect();
        let (errors, warnings) = crate::report::counts(outcome);
        let (documented, operation) = match contract.openapi.graphql.as_ref() {
            Some(op) => (op.responses.iter().map(|r| r.status.clone()).collect(), format!("POST {}", op.path)),
            None => (Vec::new(), "POST /graphql/v1".to_string()),
        };
        let report = Report::build(
            Context {
                schema: SchemaId {
                    path: schema.source.path.clone(),
                    hash: fnv(&schema.source.text),
                },
                scope: self.scope.clone().unwrap_or_else(|| "all".to_string()),
                universe,
                documented,
                operation,
                files: outcome.files as u64,
                findings,
                errors_warnings: (errors as u64, warnings as u64),
            },
            self.sink.take(),
        );
        let mut text = String::new();
        if self.format == CoverageFormat::Human && !outcome.diagnostics.is_empty() {
            let mut shown = outcome.clone();
            shown.items.clear();
            let check = crate::report::render(&shown, crate::Format::Human, super::color(&self.output), redaction);
            // The findings, without the check's count line: the report's first line counts them.
            let body = check.trim_end().rsplit_once('\n').map_or("", |(b, _)| b);
            text.push_str(body);
            text.push_str("\n\n");
        }
        text.push_str(&render(&report, self.format, self.output.output.as_deref()));
        let failed = self.gate(&report);
        for f in &failed {
            let _ = std::io::Write::write_fmt(&mut std::io::stderr(), format_args!("plain-contract coverage: {f}\n"));
        }
        super::write_report(&text, &self.output)?;
        Ok(if errors > 0 || !failed.is_empty() { VIOLATIONS } else { OK })
    }

    fn gate(&self, report: &Report) -> Vec<String> {
        self.gates
            .iter()
            .filter_map(|(k, want)| {
                let got = report.measure(k)?;
                (got < *want).then(|| format!("{k} coverage is {got:.1}%, under the --fail-under {want}%"))
            })
            .collect()
    }
}

/// The report in `format`; `output` is where it goes (the HTML page's
/// links to use sites are relative to it).
fn render(r: &Report, format: CoverageFormat, output: Option<&std::path::Path>) -> String {
    match format {
        CoverageFormat::Human => r.human(),
        CoverageFormat::Json => r.json(),
        CoverageFormat::Markdown => r.markdown(),
        CoverageFormat::Html => crate::coverage::html::page(r, &crate::coverage::html::link_base(output)),
    }
}

/// `coverage merge FILES...`.
pub(crate) fn merge(files: &[PathBuf], format: CoverageFormat, output: Option<PathBuf>) -> Exit {
    let mut merged: Option<Report> = None;
    for f in files {
        let bad = |why: String| CliError::Run {
            command: "coverage merge",
            message: format!("{}: {why}", f.display()),
        };
        let text = std::fs::read_to_string(f).map_err(|e| bad(format!("cannot be read: {e}")))?;
        let version = serde_json::from_str::<serde_json::Value>(&text)
            .map_err(|e| bad(format!("is not JSON (line {}, column {}): {e}", e.line(), e.column())))?
            .get("version")
            .cloned();
        if version != Some(serde_json::json!(crate::coverage::report::VERSION)) {
            let shown = version.map_or("no version".to_string(), |v| format!("version {v}"));
            return Err(bad(format!(
                "has {shown}; this build merges version {} of the coverage JSON",
                crate::coverage::report::VERSION
            )));
        }
        let r: Report = serde_json::from_str(&text)
            .map_err(|e| bad(format!("is not a coverage report (line {}, column {}): {e}", e.line(), e.column())))?;
        match &mut merged {
            None => {
                let mut r = r;
                r.finish();
                merged = Some(r);
            }
            Some(m) => m
                .merge(r)
                .map_err(|why| bad(format!("cannot be merged with {}: {why}", files[0].display())))?,
        }
    }
    let Some(report) = merged else { return Ok(OK) };
    let text = render(&report, format, output.as_deref());
    let out = Output {
        format: FormatArg::Json,
        color: ColorChoice::Never,
        output,
        quiet: false,
        verbose: false,
    };
    super::write_report(&text, &out)?;
    Ok(if report.check.errors > 0 { VIOLATIONS } else { OK })
}
