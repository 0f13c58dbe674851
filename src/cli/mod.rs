//! Command-line definitions (clap derive) and dispatch. Arguments are parsed
//! into plain data first, then turned into the real objects once.

// Doc comments here are clap help text, shown as written: a bare URL in them
// is meant for the terminal, not a rustdoc link.
#![allow(rustdoc::bare_urls)]

#[cfg(feature = "conform")]
mod conform;
mod props;
#[cfg(feature = "record")]
mod record;
mod schema;
#[cfg(feature = "serve")]
mod serve;

use crate::check::{self, Outcome};
use crate::config::Config;
use crate::contract::{read_source, read_source_limited, Contract, GraphqlSchema, LoadError};
use crate::report::{self, Format};
use crate::secrets::Redaction;
use crate::settings::Settings;
use crate::Checker;
use crate::{EXIT_OK, EXIT_UNUSABLE, EXIT_VIOLATIONS};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Check traffic to Plain's GraphQL API against its contract: the OpenAPI
/// transport document and the GraphQL schema, at once.
#[derive(Debug, Parser)]
#[command(name = "plain-contract", version, about, long_about = None)]
pub struct Cli {
    /// Configuration file (default: the nearest plain-contract.toml in the
    /// working directory or a parent).
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// Options every reporting command shares.
#[derive(Debug, clap::Args)]
struct Output {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Human, global = true)]
    format: FormatArg,
    /// When to use colour (NO_COLOR is honoured under `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
    /// Write the report to FILE instead of stdout.
    #[arg(long, value_name = "FILE", global = true)]
    output: Option<PathBuf>,
    /// Human output: errors only, no list of checked items, no progress bar.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also report, on stderr, the configuration and contract used, the
    /// number of files and the time taken.
    #[arg(long, short, global = true)]
    verbose: bool,
}

/// `--format`'s values (the library's [`Format`] knows nothing of clap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// Source lines with carets, for people.
    Human,
    /// The versioned JSON object of docs/json-output.md.
    Json,
    /// JUnit XML: a test case per checked item.
    Junit,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Junit => Format::Junit,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Github => Format::Github,
        }
    }
}

impl Output {
    fn format(&self) -> Format {
        self.format.into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check the contract and its examples, or the given files: recorded
    /// exchanges (fixture files in JSON/YAML, HAR, NDJSON streams; `-` reads
    /// NDJSON from stdin), .graphql/.gql operations, GraphQL request bodies,
    /// OpenAPI documents.
    ///
    /// With no FILES, checks the contract itself: the cross-spec lint of the
    /// OpenAPI document and every request example against both layers.
    /// Directories are walked; files are checked in parallel. Exit status:
    /// 0 clean, 1 violations, 2 the run could not be done.
    Check {
        /// Files or directories to check.
        files: Vec<PathBuf>,
        /// OpenAPI 3.0 document to use instead of the embedded one.
        #[arg(long, value_name = "FILE")]
        openapi: Option<PathBuf>,
        /// GraphQL schema (SDL file) to use instead of the embedded one, or a built-in
        /// name: `plain` (Plain's full public schema) or `customers` (the default).
        #[arg(long, value_name = "FILE")]
        schema: Option<PathBuf>,
        /// Check only shard K of N (1-based) of the files, chosen by a stable
        /// hash of each path, to split a corpus over CI machines.
        #[arg(long, value_name = "K/N", value_parser = check::Shard::parse)]
        shard: Option<check::Shard>,
        #[command(flatten)]
        output: Output,
    },
    /// Work with GraphQL schemas.
    Schema {
        #[command(subcommand)]
        command: SchemaCommand,
    },
    /// Print the registry of diagnostic codes (as in docs/codes.md).
    Codes,
    /// Work with the configuration file.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from these definitions.
    Man,
    /// Property-test generated values of an input type against the contract,
    /// with shrinking and reproducible seeds.
    ///
    /// Each case is wrapped as the variables of an operation (by default the
    /// OpenAPI example that takes the type, e.g. upsertCustomer; otherwise a
    /// synthetic `($input: T!)` operation) and checked by the same checks
    /// `check` runs. Valid values must pass with no diagnostic; with
    /// --invalid, each value carries one fault and must be rejected with
    /// exactly its code at its pointer. apollo-compiler's coercion must agree.
    /// Failures are shrunk, printed with the command that reproduces them,
    /// and saved to the regressions file, which later runs replay first.
    Proptest {
        #[command(flatten)]
        gen: GenArgs,
        /// Number of cases.
        #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..))]
        cases: u64,
        /// Regressions file (replayed first, appended on failure).
        #[arg(long, value_name = "FILE", default_value = "proptest-regressions/plain-contract.txt")]
        regressions: PathBuf,
        #[command(flatten)]
        output: Output,
    },
    #[cfg(feature = "serve")]
    /// Run the reference server of the Customers API on loopback: GraphQL
    /// over HTTP on POST /graphql/v1, every request checked as `check` does,
    /// executed against an in-memory store that follows Plain's documented
    /// semantics (upsert results, conflicts, pagination, groups, events, spam).
    Serve {
        #[command(flatten)]
        args: serve::ServeArgs,
    },
    #[cfg(feature = "conform")]
    /// Stateful conformance runs: generated sequences of Customers API
    /// operations run against an endpoint and against a model of Plain's
    /// documented semantics at once; every response is checked by both
    /// layers and must match the model. Without --target, the built-in
    /// server is started in-process on a free loopback port. A failing
    /// sequence is shrunk and printed as a replayable curl script.
    Conform {
        #[command(flatten)]
        args: conform::ConformArgs,
        #[command(flatten)]
        output: Output,
    },
    #[cfg(feature = "record")]
    /// A recording proxy: forwards POST /graphql/v1 to --upstream and writes
    /// each exchange to --out as a fixture file (`check` reads it), with the
    /// Authorization value redacted.
    Record {
        #[command(flatten)]
        args: record::RecordArgs,
    },
    /// Print generated variables as NDJSON, one `{"variables": ...}` per line
    /// (with --invalid, also `"expect": {"code", "pointer"}`). The same seed
    /// gives byte-identical output.
    Generate {
        #[command(flatten)]
        gen: GenArgs,
        /// Number of lines.
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
        count: u64,
    },
}

/// Options shared by `proptest` and `generate`.
#[derive(Debug, clap::Args)]
struct GenArgs {
    /// Input type to generate.
    #[arg(long = "type", value_name = "TYPE", default_value = "UpsertCustomerInput")]
    type_name: String,
    /// Operation document whose variable of that type the values fill.
    #[arg(long, value_name = "FILE")]
    operation: Option<PathBuf>,
    /// Seed: 1 to 16 hex digits (random, and printed, when absent).
    #[arg(long, value_name = "HEX")]
    seed: Option<String>,
    /// Generate single-fault invalid values.
    #[arg(long)]
    invalid: bool,
    /// OpenAPI 3.0 document to use instead of the embedded one.
    #[arg(long, value_name = "FILE")]
    openapi: Option<PathBuf>,
    /// GraphQL schema (SDL) to use instead of the embedded one.
    #[arg(long, value_name = "FILE")]
    schema: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Print the resolved configuration (file found, defaults filled in).
    Show,
}

#[derive(Debug, Subcommand)]
enum SchemaCommand {
    /// Check that SUBSET is a faithful subset of FULL: every type, field,
    /// argument, enum value and input field present in SUBSET matches FULL
    /// exactly, and no required input field or argument is left out.
    Compat {
        /// The subset schema (e.g. specs/plain-support-schema.graphql).
        subset: PathBuf,
        /// The full schema (e.g. Plain's schema.graphql).
        full: PathBuf,
        #[command(flatten)]
        output: Output,
    },
    /// Every change from OLD to NEW (SDL files, directories of SDL, introspection
    /// JSON, URLs or built-in names), each breaking, dangerous or safe; the
    /// breaking and dangerous ones are those graphql-js 16's findBreakingChanges
    /// and findDangerousChanges report, under the same names. Exit 1 on a
    /// breaking change (see --fail-on).
    Diff {
        #[command(flatten)]
        args: schema::DiffArgs,
        #[command(flatten)]
        output: Output,
    },
    /// Print the schema a GraphQL endpoint serves (by introspection) as SDL,
    /// types sorted by name, descriptions and deprecations kept.
    Pull {
        #[command(flatten)]
        args: schema::PullArgs,
    },
}

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let started = std::time::Instant::now();
    let config = match load_config(cli.config.as_deref(), cli.command.output()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // URL schemas anywhere (`check --schema URL`) use the configured token.
    let fetch = schema::FetchArgs {
        headers: Vec::new(),
        timeout: 30,
    }
    .options(&config);
    let settings = config.settings().with_fetch(fetch);
    match cli.command {
        Command::Check {
            files,
            openapi,
            schema,
            shard,
            output,
        } => {
            let openapi = openapi.or_else(|| config.openapi.clone());
            let schema = schema.or_else(|| config.schema.clone());
            let checker = match Contract::load_with(openapi.as_deref(), schema.as_deref(), &settings) {
                Ok(c) => Checker::new(c, settings.clone()),
                Err(e) => return unusable(e.into(), &output, &settings),
            };
            let progress = Progress::new(&output);
            let tick = |t: check::Tick| progress.tick(t);
            let outcome = if files.is_empty() {
                let mut o = checker.check_contract();
                if !config.paths.is_empty() {
                    o.merge(checker.check_paths_with(&config.paths, shard, Some(&tick)));
                }
                o
            } else {
                checker.check_paths_with(&files, shard, Some(&tick))
            };
            progress.finish();
            if output.verbose {
                let spec = |p: &Option<PathBuf>, d: &str| p.as_ref().map_or(format!("{d} (embedded)"), |p| p.display().to_string());
                eprintln!(
                    "plain-contract: config {}; contract {} + {}; {} files, {} items, shard {}; {:.1?}",
                    config.file.as_deref().unwrap_or("(none)"),
                    spec(&openapi, crate::contract::EMBEDDED_OPENAPI_PATH),
                    spec(&schema, crate::contract::EMBEDDED_SCHEMA_PATH),
                    outcome.files,
                    outcome.items.len(),
                    shard.map_or("all".to_string(), |s| format!("{}/{}", s.k, s.n)),
                    started.elapsed()
                );
            }
            emit(&outcome, &output, settings.redaction())
        }
        Command::Schema {
            command: SchemaCommand::Compat { subset, full, output },
        } => {
            let load = |p: &PathBuf| -> Result<GraphqlSchema, LoadError> {
                let src = read_source_limited(p, settings.max_file_bytes()).map_err(|d| LoadError {
                    diagnostics: vec![d],
                    sources: Vec::new(),
                })?;
                GraphqlSchema::load(src.clone()).map_err(|diagnostics| LoadError {
                    diagnostics,
                    sources: vec![src],
                })
            };
            let (sub, full) = match (load(&subset), load(&full)) {
                (Ok(a), Ok(b)) => (a, b),
                (a, b) => {
                    let mut outcome = Outcome::default();
                    for e in [a.err(), b.err()].into_iter().flatten() {
                        outcome.merge(e.into());
                    }
                    return unusable(outcome, &output, &settings);
                }
            };
            let mut outcome = Outcome {
                files: 2,
                diagnostics: crate::compat::compat(&sub, &full),
                ..Default::default()
            };
            outcome.sources.insert(sub.source.path.clone(), sub.source.clone());
            outcome.sources.insert(full.source.path.clone(), full.source.clone());
            settings.apply(&mut outcome.diagnostics);
            emit(&outcome, &output, settings.redaction())
        }
        Command::Schema {
            command: SchemaCommand::Diff { args, output },
        } => schema::diff(&args, &output, &config, &settings),
        Command::Schema {
            command: SchemaCommand::Pull { args },
        } => schema::pull(&args, &config, &settings),
        Command::Proptest {
            gen,
            cases,
            regressions,
            output,
        } => with_contract(&gen, &config, &settings, |c| {
            let progress = Progress::new(&output);
            progress.start("cases", cases);
            let mut run = props::proptest(c, &gen.to_args(cases, regressions), &|| progress.tick(check::Tick::Done(1)));
            progress.finish();
            if run.outcome.items.is_empty() {
                return run.code; // the run could not start; the reason is on stderr
            }
            settings.apply(&mut run.outcome.diagnostics);
            if output.format() == Format::Human {
                write_report(&run.text, &output).unwrap_or(run.code)
            } else {
                emit(&run.outcome, &output, settings.redaction())
            }
        }),
        Command::Generate { gen, count } => with_contract(&gen, &config, &settings, |c| {
            props::generate(c, &gen.to_args(count, PathBuf::new()))
        }),
        #[cfg(feature = "serve")]
        Command::Serve { args } => serve::serve(&args),
        #[cfg(feature = "conform")]
        Command::Conform { args, output } => conform::conform(&args, &output, &settings),
        #[cfg(feature = "record")]
        Command::Record { args } => record::record(&args),
        Command::Codes => {
            print!("{}", crate::diagnostic::codes_markdown());
            EXIT_OK
        }
        Command::Config {
            command: ConfigCommand::Show,
        } => {
            print!("{}", config.show());
            EXIT_OK
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "plain-contract", &mut out);
            let _ = std::io::stdout().lock().write_all(&out);
            EXIT_OK
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            if clap_mangen::Man::new(cmd).render(&mut out).is_err() {
                return EXIT_UNUSABLE;
            }
            let _ = std::io::stdout().lock().write_all(&out);
            EXIT_OK
        }
    }
}

impl Command {
    /// The output options of a reporting command.
    fn output(&self) -> Option<&Output> {
        match self {
            Command::Check { output, .. } | Command::Proptest { output, .. } => Some(output),
            #[cfg(feature = "conform")]
            Command::Conform { output, .. } => Some(output),
            Command::Schema {
                command: SchemaCommand::Compat { output, .. } | SchemaCommand::Diff { output, .. },
            } => Some(output),
            _ => None,
        }
    }
}

/// Loads `--config FILE`, or the nearest plain-contract.toml, or defaults.
/// Its findings are reported in the command's format, where it asked for one.
fn load_config(explicit: Option<&std::path::Path>, output: Option<&Output>) -> Result<Config, i32> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => std::env::current_dir().ok().and_then(|d| crate::config::discover(&d)),
    };
    let Some(path) = path else { return Ok(Config::default()) };
    let path = relative_to_cwd(&path);
    crate::config::load(&path).map_err(|diags| {
        let mut outcome = Outcome {
            files: 1,
            diagnostics: diags,
            ..Default::default()
        };
        if let Ok(src) = read_source(&path) {
            outcome.sources.insert(src.path.clone(), src);
        }
        let format = output.map_or(Format::Human, Output::format);
        let text = report::render(&outcome, format, output.map_or_else(color_auto, color), &Redaction::default());
        match output {
            Some(o) => {
                if let Some(code) = write_report(&text, o) {
                    return code;
                }
            }
            None => {
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
            }
        }
        eprintln!(
            "plain-contract: the configuration {} is invalid (see the report); nothing was checked",
            path.display()
        );
        EXIT_UNUSABLE
    })
}

/// A discovered path relative to the working directory, as users see it.
fn relative_to_cwd(p: &std::path::Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(&cwd).ok().map(|r| r.to_path_buf()))
        .unwrap_or_else(|| p.to_path_buf())
}

/// A progress bar on stderr for long runs, only when stderr is a terminal
/// (and not `--quiet`); silent otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(output: &Output) -> Progress {
        let on = !output.quiet && std::io::stderr().is_terminal();
        let bar = on.then(|| {
            let b = indicatif::ProgressBar::new(0);
            b.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} {msg} [{elapsed}]")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            b
        });
        Progress { bar }
    }

    fn start(&self, what: &str, len: u64) {
        if let Some(b) = &self.bar {
            b.set_length(len);
            b.set_message(what.to_string());
        }
    }

    fn tick(&self, t: check::Tick) {
        let Some(b) = &self.bar else { return };
        match t {
            check::Tick::Files(n) => {
                b.set_length(n);
                b.set_message("files");
            }
            check::Tick::Done(n) => b.inc(n),
            check::Tick::Exchanges(n) => {
                b.inc_length(n);
                b.inc(n);
            }
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl GenArgs {
    fn to_args(&self, cases: u64, regressions: PathBuf) -> props::PropArgs {
        props::PropArgs {
            type_name: self.type_name.clone(),
            operation: self.operation.clone(),
            cases,
            seed: self.seed.clone(),
            invalid: self.invalid,
            regressions,
        }
    }
}

fn with_contract(gen: &GenArgs, config: &Config, settings: &Settings, f: impl FnOnce(&Contract) -> i32) -> i32 {
    let openapi = gen.openapi.clone().or_else(|| config.openapi.clone());
    let schema = gen.schema.clone().or_else(|| config.schema.clone());
    match Contract::load_with(openapi.as_deref(), schema.as_deref(), settings) {
        Ok(c) => f(&c),
        Err(e) => unusable(
            e.into(),
            &Output {
                format: FormatArg::Human,
                color: ColorChoice::Auto,
                output: None,
                quiet: false,
                verbose: false,
            },
            settings,
        ),
    }
}

fn color_auto() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn color(output: &Output) -> bool {
    match output.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => output.output.is_none() && color_auto(),
    }
}

fn emit(outcome: &Outcome, output: &Output, redaction: &Redaction) -> i32 {
    let text = if output.quiet && output.format() == Format::Human {
        quiet_text(outcome, color(output), redaction)
    } else {
        report::render(outcome, output.format(), color(output), redaction)
    };
    let code = if report::counts(outcome).0 > 0 { EXIT_VIOLATIONS } else { EXIT_OK };
    write_report(&text, output).unwrap_or(code)
}

/// `--quiet`: errors only, then the summary line when there are any.
fn quiet_text(outcome: &Outcome, color: bool, redaction: &Redaction) -> String {
    let (errors, _) = report::counts(outcome);
    if errors == 0 {
        return String::new();
    }
    let mut only = outcome.clone();
    only.diagnostics.retain(|d| d.is_error());
    only.items.clear();
    report::render(&only, Format::Human, color, redaction)
}

/// Writes the report to `--output FILE` or stdout. `Some(code)` is the
/// exit code when the file cannot be written (PC011, said on stderr).
fn write_report(text: &str, output: &Output) -> Option<i32> {
    match &output.output {
        None => {
            // A closed pipe (e.g. `| head`) is not an error of the check.
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            None
        }
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => None,
            Err(e) => {
                eprintln!(
                    "[{}] Error: cannot write the report to {}: {e}",
                    crate::diagnostic::Code::OutputUnwritable,
                    path.display()
                );
                Some(EXIT_UNUSABLE)
            }
        },
    }
}

/// A contract (or schema) that could not be loaded: its findings, rendered
/// from the sources the loader kept (no file is read again).
fn unusable(mut outcome: Outcome, output: &Output, settings: &Settings) -> i32 {
    outcome.files = outcome.files.max(1);
    let text = report::render(&outcome, output.format(), color(output), settings.redaction());
    // The report goes where it was asked to, so a CI upload step finds it.
    if let Some(code) = write_report(&text, output) {
        return code;
    }
    eprintln!("plain-contract: the contract could not be loaded (see the report); nothing was checked");
    EXIT_UNUSABLE
}
