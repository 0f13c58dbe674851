//! Command-line definitions (clap derive) and dispatch. Arguments are parsed
//! into plain data first, then turned into the real objects once.

mod props;

use crate::check::{self, operation::OpCache, Outcome};
use crate::contract::{read_source, Contract, GraphqlSchema};
use crate::report::{self, Format};
use crate::{EXIT_OK, EXIT_UNUSABLE, EXIT_VIOLATIONS};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Check traffic to Plain's GraphQL API against its contract: the OpenAPI
/// transport document and the GraphQL schema, at once.
#[derive(Debug, Parser)]
#[command(name = "plain-contract", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options every reporting command shares.
#[derive(Debug, clap::Args)]
struct Output {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human, global = true)]
    format: Format,
    /// When to use colour (NO_COLOR is honoured under `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
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
        /// GraphQL schema (SDL) to use instead of the embedded one.
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
}

/// Runs the command line; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check {
            files,
            openapi,
            schema,
            shard,
            output,
        } => {
            let contract = match Contract::load(openapi.as_deref(), schema.as_deref()) {
                Ok(c) => c,
                Err(diags) => return unusable(diags, &output),
            };
            let cache = OpCache::default();
            let outcome = if files.is_empty() {
                check::check_contract(&contract, &cache)
            } else {
                check::check_paths_sharded(&contract, &cache, &files, shard)
            };
            emit(&outcome, &output)
        }
        Command::Schema {
            command: SchemaCommand::Compat { subset, full, output },
        } => {
            let load = |p: &PathBuf| read_source(p).map_err(|d| vec![d]).and_then(GraphqlSchema::load);
            let (sub, full) = match (load(&subset), load(&full)) {
                (Ok(a), Ok(b)) => (a, b),
                (a, b) => {
                    let mut d = a.err().unwrap_or_default();
                    d.extend(b.err().unwrap_or_default());
                    return unusable(d, &output);
                }
            };
            let mut outcome = Outcome {
                files: 2,
                diagnostics: crate::compat::compat(&sub, &full),
                ..Default::default()
            };
            outcome.sources.insert(sub.source.path.clone(), sub.source.clone());
            outcome.sources.insert(full.source.path.clone(), full.source.clone());
            emit(&outcome, &output)
        }
        Command::Proptest { gen, cases, regressions } => with_contract(&gen, |c| props::proptest(c, &gen.to_args(cases, regressions))),
        Command::Generate { gen, count } => with_contract(&gen, |c| props::generate(c, &gen.to_args(count, PathBuf::new()))),
        Command::Codes => {
            print!("{}", crate::diagnostic::codes_markdown());
            EXIT_OK
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

fn with_contract(gen: &GenArgs, f: impl FnOnce(&Contract) -> i32) -> i32 {
    match Contract::load(gen.openapi.as_deref(), gen.schema.as_deref()) {
        Ok(c) => f(&c),
        Err(diags) => unusable(
            diags,
            &Output {
                format: Format::Human,
                color: ColorChoice::Auto,
            },
        ),
    }
}

fn color(output: &Output) -> bool {
    match output.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn emit(outcome: &Outcome, output: &Output) -> i32 {
    let text = report::render(outcome, output.format, color(output));
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (e.g. `| head`) is not an error of the check.
    let _ = stdout.write_all(text.as_bytes());
    if report::counts(outcome).0 > 0 {
        EXIT_VIOLATIONS
    } else {
        EXIT_OK
    }
}

fn unusable(diagnostics: Vec<crate::Diagnostic>, output: &Output) -> i32 {
    let mut outcome = Outcome {
        files: 1,
        diagnostics,
        ..Default::default()
    };
    for d in &outcome.diagnostics {
        if let Ok(src) = read_source(std::path::Path::new(&d.file)) {
            outcome.sources.insert(d.file.clone(), src);
        }
    }
    embedded_sources(&mut outcome);
    let text = report::render(&outcome, output.format, color(output));
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    eprintln!("plain-contract: the contract could not be loaded (see above); nothing was checked");
    EXIT_UNUSABLE
}

fn embedded_sources(outcome: &mut Outcome) {
    use crate::contract::*;
    for (path, text) in [(EMBEDDED_OPENAPI_PATH, EMBEDDED_OPENAPI), (EMBEDDED_SCHEMA_PATH, EMBEDDED_SCHEMA)] {
        if outcome.diagnostics.iter().any(|d| d.file == path) {
            outcome.sources.insert(path.to_string(), crate::source::Source::new(path, text));
        }
    }
}
