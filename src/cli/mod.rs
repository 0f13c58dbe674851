//! Command-line definitions (clap derive) and dispatch. Arguments are parsed
//! into plain data first, then turned into the real objects once.

// Doc comments here are clap help text, shown as written: a bare URL in them
// is meant for the terminal, not a rustdoc link.
#![allow(rustdoc::bare_urls)]

#[cfg(feature = "conform")]
mod conform;
mod coverage;
mod error;
mod explain;
mod man;
mod pact;
mod props;
#[cfg(feature = "record")]
mod record;
mod schema;
#[cfg(feature = "serve")]
mod serve;
#[cfg(feature = "verify")]
mod verify;
mod worker;

use crate::config::Config;
use crate::contract::{Contract, GraphqlSchema, LoadError};
use crate::input;
use crate::input::read::read_source_limited;
use crate::outcome::Outcome;
use crate::report::{self, Format};
use crate::secrets::Redaction;
use crate::settings::Settings;
pub(crate) use error::CliError;

/// Exit code of a clean run.
const OK: u8 = crate::EXIT_OK as u8;
/// Exit code of a run that found violations.
const VIOLATIONS: u8 = crate::EXIT_VIOLATIONS as u8;

/// What a command returns: its exit code (0 or 1), or why it could not be done (2).
pub(crate) type Exit = Result<u8, CliError>;

/// Runs the command line and turns the result into the process's exit
/// code: the one place that prints a `CliError` (on stderr).
/// What `--version --verbose` prints (in either order, `-V`/`-v` too), if
/// the arguments ask for it: the version and the built-in schemas with their
/// sources. clap's `--version` alone prints the version only.
pub fn version_verbose(args: &[std::ffi::OsString]) -> Option<String> {
    let has = |long: &str, short: &str| args.iter().any(|a| a == long || a == short);
    if !(has("--version", "-V") && has("--verbose", "-v")) {
        return None;
    }
    Some(format!(
        "plain-contract {}\nbuilt-in schema `plain` ({}): {}\nbuilt-in schema `customers` ({}, the default): the Customers API contract\n",
        env!("CARGO_PKG_VERSION"),
        crate::contract::BUILTIN_PLAIN_SCHEMA_PATH,
        crate::contract::BUILTIN_PLAIN_SCHEMA_ORIGIN,
        crate::contract::EMBEDDED_SCHEMA_PATH
    ))
}

pub fn main(cli: Cli) -> std::process::ExitCode {
    match run(cli) {
        Ok(code) => std::process::ExitCode::from(code),
        Err(e) => {
            // Not eprintln!: it panics when stderr is a closed pipe, and the
            // exit code must stay 2 (`... 2>&1 | head -c 10`).
            let _ = writeln!(std::io::stderr(), "{e}");
            std::process::ExitCode::from(e.exit_code())
        }
    }
}
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

impl Cli {
    /// Whether the command is one run that fans out over the thread pool
    /// (`check`, `coverage`): `main` then runs it on a pool thread (see the
    /// binary's `main`). The others serve, listen or return at once.
    pub fn runs_on_pool(&self) -> bool {
        matches!(self.command, Command::Check { .. } | Command::Coverage { .. })
    }
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

/// The inputs of a check run, shared by `check` and `coverage` (which is
/// the `check` run with its counts collected).
#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Files or directories to check (with none: the project's documents,
    /// else the contract itself).
    files: Vec<PathBuf>,
    /// OpenAPI 3.0 document to use instead of the embedded one.
    #[arg(long, value_name = "FILE")]
    openapi: Option<PathBuf>,
    /// GraphQL schema to use instead of the embedded one (and over every
    /// project file's): an SDL file, a directory of SDL files, an
    /// introspection JSON file, a URL (an SDL file's URL, `….graphql`, is
    /// fetched with GET, any other is introspected; headers from --header,
    /// token from the configuration's `schema_token_env`), or a built-in
    /// name: `plain` (Plain's full public schema) or `customers` (the default).
    #[arg(long, value_name = "SOURCE")]
    schema: Option<PathBuf>,
    /// Check only shard K of N (1-based) of the files, chosen by a stable
    /// hash of each path, to split a corpus over CI machines (`coverage
    /// merge` joins the shards' coverage JSON).
    #[arg(long, value_name = "K/N", value_parser = input::Shard::parse)]
    shard: Option<input::Shard>,
    /// The graphql-config project to use (under its `projects:`); `all`
    /// checks every project, each against its own schema.
    #[arg(long, value_name = "NAME")]
    project: Option<String>,
    /// Succeed when the paths hold nothing to check (by default that is
    /// an error, PC012: a moved folder must not turn CI green).
    #[arg(long)]
    allow_empty: bool,
    /// What the recorded exchanges of the FILES show, unless an exchange
    /// says (`expect:`): `accepted` valid requests answered as documented,
    /// `rejected` broken requests and their documented rejection, or
    /// `either`, decided by each request (a test tool's report). Over
    /// the configuration's `[check] negative` and `either`.
    #[arg(long, value_enum, value_name = "WHAT")]
    expect: Option<ExpectArg>,
    #[command(flatten)]
    fetch: schema::FetchArgs,
}

/// `--expect`'s values (the library's `Expect` knows nothing of clap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExpectArg {
    /// Valid requests answered as the contract says (the default).
    Accepted,
    /// Requests that break the contract, answered with their documented rejection.
    Rejected,
    /// Either, by each request: mixed traffic such as a test tool's report.
    Either,
}

impl From<ExpectArg> for crate::Expect {
    fn from(e: ExpectArg) -> Self {
        match e {
            ExpectArg::Accepted => crate::Expect::Accepted,
            ExpectArg::Rejected => crate::Expect::Rejected,
            ExpectArg::Either => crate::Expect::Either,
        }
    }
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
    /// stdin: NDJSON, or one JSON document such as a HAR), .graphql/.gql operations, GraphQL request bodies,
    /// OpenAPI documents.
    ///
    /// With no FILES, checks the client project's documents when a
    /// graphql-config file (graphql.config.yml, .graphqlrc, ...) or
    /// plain-contract.toml `[check] documents` names them, against the
    /// project's schema; otherwise the contract itself: the cross-spec lint
    /// of the OpenAPI document and every request example against both layers.
    /// With FILES in such a project, fragments are resolved from all of its
    /// documents (pre-commit on changed files).
    /// Directories are walked; files are checked in parallel. Exit status:
    /// 0 clean, 1 violations, 2 the run could not be done.
    Check {
        #[command(flatten)]
        args: CheckArgs,
        #[command(flatten)]
        output: Output,
    },
    /// Coverage: what of the contract the documents, request bodies and
    /// recorded exchanges exercise, counted by the `check` run over the same
    /// inputs (its findings are reported too). Exit status: `check`'s, or 1
    /// when a `--fail-under` gate is not met.
    #[command(args_conflicts_with_subcommands = true)]
    Coverage {
        #[command(subcommand)]
        command: Option<coverage::CoverageCommand>,
        #[command(flatten)]
        args: coverage::CoverageArgs,
    },
    /// Work with GraphQL schemas.
    Schema {
        #[command(subcommand)]
        command: SchemaCommand,
    },
    /// Pact interoperability: `pact export` writes recorded exchanges as a
    /// Pact V4 file. (Pact files are read wherever files are taken: `check`,
    /// `coverage`.)
    Pact {
        #[command(subcommand)]
        command: pact::PactCommand,
    },
    /// Print the registry of diagnostic codes (as in docs/codes.md).
    Codes,
    /// Explain one diagnostic code: what it checks, why, and an example.
    Explain(explain::ExplainArgs),
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
        #[arg(long, default_value_t = 256, value_parser = at_least_one)]
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
    #[cfg(feature = "verify")]
    /// Replay recorded exchanges (native fixtures, HAR, NDJSON) against a live target and
    /// compare: each exchange is verified, drifted (each difference with its pointer),
    /// failed (a contract finding on the live exchange, or no answer) or skipped (why).
    /// Queries only unless --allow-mutations; paced under Plain's rate limit. Exit status:
    /// 0 all verified or skipped, 1 drift or failures, 2 the run could not be done.
    Verify {
        #[command(flatten)]
        args: verify::VerifyArgs,
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
        #[arg(long, default_value_t = 10, value_parser = at_least_one)]
        count: u64,
    },
    /// Check many inputs in one process: NDJSON requests on stdin, one JSON
    /// outcome per line on stdout (the npm package's API; see src/cli/worker.rs).
    #[command(hide = true)]
    Worker {
        #[command(flatten)]
        args: worker::WorkerArgs,
        #[command(flatten)]
        output: Output,
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

/// Runs the command line: the exit code of a run that could be done (0 or
/// 1), or why it could not (exit 2). Prints reports, never errors.
pub(crate) fn run(mut cli: Cli) -> Exit {
    // `coverage` is the `check` run with its counts collected.
    let cov = match std::mem::replace(
        &mut cli.command,
        Command::Completions {
            shell: clap_complete::Shell::Bash,
        },
    ) {
        Command::Coverage {
            command: Some(coverage::CoverageCommand::Merge { files, format, output }),
            ..
        } => return coverage::merge(&files, format, output),
        Command::Coverage { command: None, args } => {
            let (check, run) = coverage::split(args);
            cli.command = check;
            Some(run)
        }
        other => {
            cli.command = other;
            None
        }
    };
    if let Command::Check {
        args:
            CheckArgs {
                files,
                openapi,
                schema,
                shard,
                project,
                allow_empty,
                expect,
                fetch,
            },
        output,
    } = cli.command
    {
        // The flags, as one resolved value; the library does the rest.
        let mut run = crate::ProjectRun::new()
            .files(files)
            .allow_empty(allow_empty)
            .timeout(std::time::Duration::from_secs(fetch.timeout));
        for (name, value) in fetch.headers {
            run = run.header(name, value);
        }
        if let Some(c) = cli.config {
            run = run.config_file(c);
        }
        if let Some(p) = openapi {
            run = run.openapi(p);
        }
        if let Some(s) = schema {
            run = run.schema(s);
        }
        if let Some(p) = project {
            run = run.project(p);
        }
        if let Some(s) = shard {
            run = run.shard(s);
        }
        if let Some(e) = expect {
            run = run.expect(e.into());
        }
        if let Some(c) = &cov {
            run = run.coverage(c.sink.clone());
        }
        return check(&run, &output, cov.as_ref());
    }
    let config = load_config(cli.config.as_deref(), cli.command.output())?;
    // URL schemas anywhere use the configured token.
    let fetch = schema::FetchArgs {
        headers: Vec::new(),
        timeout: 30,
    }
    .options(&config);
    let settings = config.settings().with_fetch(fetch);
    match cli.command {
        Command::Check { .. } => Ok(OK),
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
                    return Err(unusable(outcome, &output, &settings, "the schemas"));
                }
            };
            let mut outcome = Outcome {
                files: 2,
                ..Outcome::for_run(&settings)
            };
            outcome.extend(crate::compat::compat(&sub, &full));
            outcome.sources.insert(sub.source.path.clone(), sub.source.clone());
            outcome.sources.insert(full.source.path.clone(), full.source.clone());
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
            let run = props::proptest(c, &gen.to_args(cases, regressions), &|| progress.tick(input::Tick::Done(1)));
            progress.finish();
            let mut run = run?;
            run.outcome = run.outcome.entered(&settings);
            if output.format() == Format::Human {
                write_report(&run.text, &output)?;
                Ok(run.code)
            } else {
                emit(&run.outcome, &output, settings.redaction())
            }
        }),
        Command::Worker { args, output } => worker::run(&args, &output, cli.config.as_deref()),
        Command::Generate { gen, count } => with_contract(&gen, &config, &settings, |c| {
            props::generate(c, &gen.to_args(count, PathBuf::new()))
        }),
        #[cfg(feature = "serve")]
        Command::Serve { args } => serve::serve(&args),
        #[cfg(feature = "conform")]
        Command::Conform { args, output } => conform::conform(&args, &output, &settings),
        #[cfg(feature = "record")]
        Command::Record { args } => record::record(&args),
        #[cfg(feature = "verify")]
        Command::Verify { args, output } => verify::verify(&args, &output, cli.config.as_deref()),
        // Taken apart above, into the `check` run it is.
        Command::Coverage { .. } => Err(CliError::usage("coverage", "cannot be run as given")),
        Command::Pact { command } => pact::run(command, cli.config.as_deref()),
        Command::Codes => {
            print!("{}", crate::diagnostic::codes_markdown());
            Ok(OK)
        }
        Command::Explain(args) => explain::explain(&args),
        Command::Config {
            command: ConfigCommand::Show,
        } => {
            let run = crate::ProjectRun::new();
            let project = run.resolve(&config, &settings).ok().flatten();
            // One project's schema and documents (with several, `check`
            // needs --project, and `config show` shows the defaults).
            let shown = match project.as_ref().map(|r| r.projects.as_slice()) {
                Some([p]) => Some(crate::config::ProjectShown {
                    from: match &p.name {
                        Some(n) => format!("{} (project {n})", p.file),
                        None => p.file.clone(),
                    },
                    schema: p.schema.as_ref().map(|s| s.texts()).unwrap_or_default(),
                    documents: p.document_patterns.iter().map(|d| d.text.clone()).collect(),
                }),
                _ => None,
            };
            print!("{}", config.show(shown.as_ref()));
            Ok(OK)
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "plain-contract", &mut out);
            let _ = std::io::stdout().lock().write_all(&out);
            Ok(OK)
        }
        Command::Man => {
            let out = man::render(<Cli as clap::CommandFactory>::command()).map_err(|e| CliError::run("man", e))?;
            let _ = std::io::stdout().lock().write_all(&out);
            Ok(OK)
        }
    }
}

impl Command {
    /// The output options of a reporting command.
    fn output(&self) -> Option<&Output> {
        match self {
            Command::Check { output, .. } | Command::Proptest { output, .. } => Some(output),
            Command::Worker { output, .. } => Some(output),
            #[cfg(feature = "conform")]
            Command::Conform { output, .. } => Some(output),
            #[cfg(feature = "verify")]
            Command::Verify { output, .. } => Some(output),
            Command::Schema {
                command: SchemaCommand::Compat { output, .. } | SchemaCommand::Diff { output, .. },
            } => Some(output),
            _ => None,
        }
    }
}

/// `check`: one library call ([`crate::ProjectRun`]), then the report.
fn check(run: &crate::ProjectRun, output: &Output, cov: Option<&coverage::Run>) -> Exit {
    let started = std::time::Instant::now();
    let progress = Progress::new(output);
    let tick = |t: input::Tick| progress.tick(t);
    let result = run.run_with_progress(Some(&tick));
    progress.finish();
    let done = match result {
        Ok(done) => done,
        Err(e) => {
            let text = report::render(&e.outcome, output.format(), color(output), e.settings().redaction());
            // The report goes where it was asked to, so a CI upload step finds it.
            return Err(match write_report(&text, output) {
                Err(w) => w,
                Ok(()) => CliError::Unusable { what: e.what },
            });
        }
    };
    if output.verbose {
        eprintln!(
            "plain-contract: config {}; project {}; contract {} + {}; {} files, {} items, shard {}; {:.1?}",
            done.config_file.as_deref().unwrap_or("(none)"),
            if done.project_files.is_empty() {
                "(none)".to_string()
            } else {
                done.project_files.join(" + ")
            },
            done.openapi,
            done.schema,
            done.outcome.files,
            done.outcome.items.len(),
            run.shard_shown(),
            started.elapsed()
        );
    }
    let exit = match (cov, done.checker()) {
        (Some(c), Some(checker)) => c.finish(&done.outcome, checker, done.settings()),
        _ => emit(&done.outcome, output, done.settings().redaction()),
    };
    // What the run built is not freed: the process exits now, and the
    // system takes its memory back at once (freeing the syntax trees of a
    // large project took 6 % of such a run).
    std::mem::forget(done);
    exit
}

/// Loads `--config FILE`, or the nearest plain-contract.toml, or defaults.
/// Its findings are reported in the command's format, where it asked for one.
fn load_config(explicit: Option<&std::path::Path>, output: Option<&Output>) -> Result<Config, CliError> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => std::env::current_dir().ok().and_then(|d| crate::config::discover(&d)),
    };
    let Some(path) = path else { return Ok(Config::default()) };
    let path = crate::run::relative_to_cwd(&path);
    crate::config::load(&path).map_err(|e| {
        // The error keeps the configuration's text: nothing is read again.
        let outcome = Outcome::from(e);
        let format = output.map_or(Format::Human, Output::format);
        let text = report::render(&outcome, format, output.map_or_else(color_auto, color), &Redaction::default());
        match output {
            Some(o) => {
                if let Err(e) = write_report(&text, o) {
                    return e;
                }
            }
            None => {
                let _ = std::io::stdout().lock().write_all(text.as_bytes());
            }
        }
        CliError::Unusable {
            what: format!("the configuration {}", path.display()),
        }
    })
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

    fn tick(&self, t: input::Tick) {
        let Some(b) = &self.bar else { return };
        match t {
            input::Tick::Files(n) => {
                b.set_length(n);
                b.set_message("files");
            }
            input::Tick::Done(n) => b.inc(n),
            input::Tick::Exchanges(n) => {
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

fn with_contract(gen: &GenArgs, config: &Config, settings: &Settings, f: impl FnOnce(&Contract) -> Exit) -> Exit {
    let openapi = gen.openapi.clone().or_else(|| config.openapi.clone());
    let schema = gen.schema.clone().or_else(|| config.schema.clone());
    match Contract::load_with(openapi.as_deref(), schema.as_deref(), settings) {
        Ok(c) => f(&c),
        Err(e) => Err(unusable(
            e.into(),
            &Output {
                format: FormatArg::Human,
                color: ColorChoice::Auto,
                output: None,
                quiet: false,
                verbose: false,
            },
            settings,
            "the contract",
        )),
    }
}

fn color_auto() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Whether the report is coloured: `always` and `never` as said (`always`
/// wins over NO_COLOR and a pipe), `auto` only on a terminal without
/// NO_COLOR. The renderer (ariadne) asks concolor whether *stderr* is a
/// terminal before it colours anything, so the binary tells concolor the
/// decision once here; the library itself sets nothing process-wide.
fn color(output: &Output) -> bool {
    let on = match output.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => output.output.is_none() && color_auto(),
    };
    concolor::set(if on {
        concolor::ColorChoice::Always
    } else {
        concolor::ColorChoice::Never
    });
    on
}

fn emit(outcome: &Outcome, output: &Output, redaction: &Redaction) -> Exit {
    let code = if report::counts(outcome).0 > 0 { VIOLATIONS } else { OK };
    write_with(output, |w| {
        report::write(outcome, output.format(), color(output), redaction, output.quiet, w)
    })?;
    Ok(code)
}

/// Writes the report to `--output FILE` or stdout (`PC011` when the file
/// cannot be written).
fn write_report(text: &str, output: &Output) -> Result<(), CliError> {
    write_with(output, |w| w.write_all(text.as_bytes()))
}

/// Runs `write` on a buffered writer to `--output FILE` (`PC011` when the
/// file cannot be written) or to stdout, where a closed pipe (e.g. `| head`)
/// is not an error of the check.
fn write_with(output: &Output, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), CliError> {
    match &output.output {
        None => {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            let _ = write(&mut w).and_then(|()| w.flush());
            Ok(())
        }
        Some(path) => std::fs::File::create(path)
            .and_then(|f| {
                let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
                write(&mut w)?;
                w.flush()
            })
            .map_err(|source| CliError::Write {
                path: path.clone(),
                source,
            }),
    }
}

/// A contract (or schema) that could not be loaded: its findings are
/// written as the report, rendered from the sources the loader kept (no file
/// is read again); the error says `what` could not be loaded.
fn unusable(mut outcome: Outcome, output: &Output, settings: &Settings, what: &str) -> CliError {
    outcome.files = outcome.files.max(1);
    let text = report::render(&outcome, output.format(), color(output), settings.redaction());
    // The report goes where it was asked to, so a CI upload step finds it.
    match write_report(&text, output) {
        Err(e) => e,
        Ok(()) => CliError::Unusable { what: what.to_string() },
    }
}

/// A count flag (`--cases`, `--count`): a whole number, at least 1, said in
/// those words (clap's range check would print `1..18446744073709551615`).
fn at_least_one(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(0) => Err("must be at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{s}` is not a whole number")),
    }
}
