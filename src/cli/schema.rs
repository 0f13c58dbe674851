//! `schema diff` and `schema pull`: the arguments and the runs.

use super::{color, unusable, write_report, Output};
use super::{CliError, Exit, OK, VIOLATIONS};
use crate::config::Config;
use crate::evolve::{fetch, render, Criticality};
use crate::outcome::Outcome;
use crate::report::Format;
use crate::settings::Settings;
use std::path::PathBuf;
use std::time::Duration;

/// How URL sources are fetched (shared by every command that takes a schema).
#[derive(Debug, Clone, clap::Args)]
pub(super) struct FetchArgs {
    /// A request header for URL schemas, `Name: value` (repeatable), e.g.
    /// 'Authorization: Bearer …'. Values are never printed.
    #[arg(long = "header", value_name = "HEADER", value_parser = fetch::parse_header)]
    pub headers: Vec<(String, String)>,
    /// Timeout for a URL schema, in seconds (connect and whole answer).
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,
}

impl FetchArgs {
    /// The fetch options: `--header`s and the configuration's
    /// `schema_headers`, and unless they hold an `Authorization`, the
    /// configuration's `schema_token_env` variable as a Bearer token.
    pub(super) fn options(&self, config: &Config) -> fetch::FetchOptions {
        let mut settings = Settings::default().with_max_file_bytes(config.max_file_mib << 20);
        for (n, v) in self.headers.iter().chain(&config.schema_headers) {
            settings = settings.with_schema_header(n.clone(), v.clone());
        }
        settings
            .with_schema_timeout(Duration::from_secs(self.timeout))
            .with_schema_token(config.schema_token_env.as_deref())
            .fetch()
            .clone()
    }
}

/// When `schema diff` exits 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum FailOn {
    /// On any breaking change (the default).
    Breaking,
    /// On any breaking or dangerous change.
    Dangerous,
    /// Never (exit 0 whatever changed).
    None,
    /// Only when a breaking change is used by the `--against` paths, or an
    /// operation or exchange there is valid under OLD and invalid under NEW.
    /// Needs `--against` (exit 2 without it).
    UsedBreaking,
}

/// `schema diff OLD NEW`.
#[derive(Debug, clap::Args)]
pub(super) struct DiffArgs {
    /// The old schema: an SDL file, a directory of SDL files, an introspection
    /// JSON file, a URL, or a built-in name (`plain`, `customers`).
    pub old: String,
    /// The new schema (any of the same).
    pub new: String,
    /// When to exit 1.
    #[arg(long, value_enum, default_value_t = FailOn::Breaking)]
    pub fail_on: FailOn,
    /// Operations (.graphql, .gql, GraphQL templates in .ts/.js), fixtures,
    /// HAR and NDJSON files or directories: report which of them each change
    /// breaks, and where each breaking change is used. In a client project
    /// (graphql-config, `[check] documents`), fragments are found in all of
    /// its documents. A path that does not exist, or paths that hold nothing
    /// to check, stop the run (exit 2).
    #[arg(long, value_name = "PATHS", num_args = 1..)]
    pub against: Vec<PathBuf>,
    #[command(flatten)]
    pub fetch: FetchArgs,
}

/// `schema pull --url URL`.
#[derive(Debug, clap::Args)]
pub(super) struct PullArgs {
    /// The GraphQL endpoint to introspect (or any schema source: a file, a
    /// directory, a built-in name), printed as SDL.
    #[arg(long, value_name = "URL")]
    pub url: String,
    /// Write the SDL to FILE instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub fetch: FetchArgs,
}

/// Runs `schema diff`; returns the exit code.
pub(super) fn diff(args: &DiffArgs, output: &Output, config: &Config, settings: &Settings) -> Exit {
    // A gate that cannot fail must not pass: used-breaking decides by the
    // --against paths, so without them (or with paths that are not there)
    // the run cannot be done, as `check nosuch` cannot.
    if args.fail_on == FailOn::UsedBreaking && args.against.is_empty() {
        return Err(CliError::usage(
            "schema diff",
            "--fail-on used-breaking needs --against PATHS (the operations and recordings whose use of a change decides); \
             use --fail-on breaking to fail on any breaking change",
        ));
    }
    let missing: Vec<crate::Diagnostic> = args
        .against
        .iter()
        .filter(|p| !p.exists())
        .map(|p| {
            crate::Diagnostic::file_level(
                crate::diagnostic::Code::FileUnreadable,
                "no such file or directory (given to --against)",
                &p.display().to_string(),
                Default::default(),
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(unusable(outcome_of(missing), output, settings, "the --against paths"));
    }
    let opts = args.fetch.options(config);
    let cwd = std::env::current_dir().unwrap_or_default();
    let (changes, impact, sources) = crate::schemas::impact_of(&args.old, &args.new, &args.against, config, &cwd, &opts, settings)
        .map_err(|(what, d)| unusable(outcome_of(d), output, settings, what))?;
    if let Some(i) = impact.as_ref().filter(|i| i.items == 0) {
        let shown: Vec<String> = args.against.iter().map(|p| p.display().to_string()).collect();
        let d = crate::Diagnostic::file_level(
            crate::diagnostic::Code::NothingChecked,
            format!(
                "nothing to check in --against {}: no operation, request or exchange among them ({} items)",
                shown.join(" "),
                i.items
            ),
            &shown.first().cloned().unwrap_or_default(),
            Default::default(),
        )
        .with_note("checked kinds: .graphql, .gql, GraphQL templates in .ts/.tsx/.js/.jsx, .json, .yaml, .yml, .har, .ndjson, .jsonl");
        return Err(unusable(outcome_of(vec![d]), output, settings, "the --against paths"));
    }
    let report = render::DiffReport {
        old: &args.old,
        new: &args.new,
        changes: &changes,
        sources,
        impact: impact.as_ref(),
    };
    let text = if output.quiet && output.format() == Format::Human {
        String::new()
    } else {
        render::render(&report, output.format(), color(output), settings)
    };
    let fails = changes.iter().any(|c| match args.fail_on {
        FailOn::Breaking => c.criticality == Criticality::Breaking,
        FailOn::Dangerous => c.criticality != Criticality::Safe,
        FailOn::None => false,
        FailOn::UsedBreaking => false,
    }) || (args.fail_on == FailOn::UsedBreaking
        && impact.as_ref().is_some_and(|i| {
            !i.broken.is_empty()
                || changes
                    .iter()
                    .zip(&i.uses)
                    .any(|(c, u)| c.criticality == Criticality::Breaking && !u.is_empty())
        }));
    write_report(&text, output)?;
    Ok(if fails { VIOLATIONS } else { OK })
}

/// Runs `schema pull`; returns the exit code.
pub(super) fn pull(args: &PullArgs, config: &Config, settings: &Settings) -> Exit {
    let opts = args.fetch.options(config);
    let sdl = match pull_sdl(&args.url, &opts) {
        Ok(s) => s,
        Err(diags) => {
            let output = Output {
                format: super::FormatArg::Human,
                color: super::ColorChoice::Auto,
                output: None,
                quiet: false,
                verbose: false,
            };
            return Err(unusable(outcome_of(diags), &output, settings, "the schema"));
        }
    };
    match &args.out {
        None => {
            use std::io::Write;
            let _ = std::io::stdout().lock().write_all(sdl.as_bytes());
            Ok(OK)
        }
        Some(p) => std::fs::write(p, &sdl)
            .map(|()| OK)
            .map_err(|source| CliError::Write { path: p.clone(), source }),
    }
}

/// The SDL `schema pull` writes for a source: an introspected schema printed
/// with types sorted by name; an SDL source printed by apollo-compiler with
/// its types sorted the same way.
pub(super) fn pull_sdl(source: &str, opts: &fetch::FetchOptions) -> Result<String, Vec<crate::Diagnostic>> {
    crate::pull_schema(source, &Settings::default().with_fetch(opts.clone())).map_err(|e| e.diagnostics)
}

/// Load findings as an outcome (the schema loaders keep no sources for
/// their errors: they are file-level, or about texts fetched and dropped).
fn outcome_of(diagnostics: Vec<crate::Diagnostic>) -> Outcome {
    Outcome {
        files: 1,
        diagnostics,
        ..Default::default()
    }
}
