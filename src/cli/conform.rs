//! `conform`: stateful conformance runs from the command line (the run
//! itself is [`crate::conform`]).

use super::{emit, write_report, Output};
use super::{CliError, Exit, OK, VIOLATIONS};
use crate::conform::{self, Options, Report, DEFAULT_CASES, DEFAULT_MAX_OPS, DEFAULT_MAX_SHRINK_ITERS};
use crate::contract::Contract;
use crate::diagnostic::Code;
use crate::generate::run::parse_seed;
use crate::outcome::{Item, Outcome, Scope};
use crate::report::{self, Format};
use crate::settings::Settings;
use crate::Diagnostic;
use std::path::PathBuf;

/// An API key from the command line: never shown, not even by `Debug`.
#[derive(Clone)]
pub(crate) struct Token(String);

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(crate::secrets::REDACTED)
    }
}

fn parse_token(s: &str) -> Result<Token, String> {
    Ok(Token(s.to_string()))
}

/// `conform`'s arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct ConformArgs {
    /// The GraphQL endpoint to test, such as `https://core-api.uk.plain.com/graphql/v1`
    /// (use a test workspace: the run creates customers, groups and events). Without it,
    /// the built-in server is started in-process on a free loopback port, with an empty store.
    #[arg(long, value_name = "URL")]
    target: Option<String>,
    /// API key for --target (default: the PLAIN_API_KEY environment variable, which keeps it
    /// out of the process list). Never printed or stored. Not used without --target.
    #[arg(long, value_name = "TOKEN", value_parser = parse_token)]
    token: Option<Token>,
    /// Number of sequences.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_CASES)]
    cases: u64,
    /// Seed: 1 to 16 hex digits (random, and printed, when absent).
    #[arg(long, value_name = "HEX")]
    seed: Option<String>,
    /// Most operations in a sequence (a read-back of every customer follows them).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_OPS)]
    max_ops: usize,
    /// Most replays spent shrinking a failing sequence.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_SHRINK_ITERS)]
    max_shrink_iters: u32,
    /// Sequences run at once (default: the CPUs, at most 4, for the built-in server; 1 for --target).
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// Write every exchange to FILE as NDJSON (native format, credential redacted);
    /// `plain-contract check FILE` reads it.
    #[arg(long, value_name = "FILE")]
    save_exchanges: Option<PathBuf>,
}

fn fail(msg: impl std::fmt::Display) -> CliError {
    CliError::run("conform", msg)
}

/// The run as an outcome for the report formats: one item, the run (its
/// file is the target URL), and on failure one CF001 diagnostic whose notes
/// are the human report's lines (the step, the expectation, the problem, the
/// reproduce command and the curl script).
fn outcome(report: &Report, text: &str) -> Outcome {
    let mut outcome = Outcome {
        files: 1,
        ..Default::default()
    };
    outcome.items.push(Item {
        kind: "conformance",
        name: format!("{} sequences, seed {:#x}", report.cases, report.seed),
        file: report.url.clone(),
        line: 1,
        column: 1,
        scope: Scope::File,
        omitted_errors: 0,
    });
    if let Some(f) = &report.failure {
        let first = f.reason.lines().next().unwrap_or("");
        let mut d = Diagnostic::file_level(
            Code::ConformanceFailed,
            format!("sequence {} failed at step {} ({}): {first}", f.sequence + 1, f.steps, f.step_label),
            &report.url,
            Default::default(),
        );
        for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            d = d.with_note(line.trim().to_string());
        }
        outcome.push(d);
    }
    outcome
}

/// Runs `conform`.
pub(crate) fn conform(args: &ConformArgs, output: &Output, settings: &Settings) -> Exit {
    if args.cases == 0 {
        return Err(CliError::usage("conform", "--cases must be at least 1"));
    }
    if args.max_ops == 0 {
        return Err(CliError::usage("conform", "--max-ops must be at least 1"));
    }
    if args.jobs == Some(0) {
        return Err(CliError::usage("conform", "--jobs must be at least 1"));
    }
    let seed = match &args.seed {
        Some(s) => match parse_seed(s) {
            Ok(seed) => seed,
            Err(e) => return Err(CliError::usage("conform", e)),
        },
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0x5eed, |d| d.as_nanos() as u64),
    };
    // The key is only read for a target: a PLAIN_API_KEY meant for Plain is
    // never sent to the built-in server (nor the dev key to Plain).
    let token = match &args.target {
        None => None,
        Some(_) => args
            .token
            .as_ref()
            .map(|t| t.0.clone())
            .or_else(|| std::env::var("PLAIN_API_KEY").ok()),
    };
    let opts = Options {
        target: args.target.clone(),
        token,
        cases: args.cases,
        seed,
        max_ops: args.max_ops,
        max_shrink_iters: args.max_shrink_iters,
        jobs: args.jobs.unwrap_or(0),
        save_exchanges: args.save_exchanges.clone(),
    };
    let checker = match Contract::embedded() {
        Ok(c) => crate::Checker::new(c, settings.clone()),
        Err(d) => {
            return Err(fail(format!(
                "the embedded contract does not load ({} findings)",
                d.diagnostics.len()
            )))
        }
    };
    eprintln!(
        "plain-contract conform: {} sequences against {}, seed {seed:#x}",
        opts.cases,
        opts.target.as_deref().unwrap_or("the built-in server")
    );
    match conform::run(&checker, &opts) {
        Err(e) => Err(fail(e)),
        Ok(report) => {
            let text = report.render();
            // Severity overrides apply to CF001 as to any code.
            let outcome = outcome(&report, &text).entered(settings);
            if output.format() != Format::Human {
                return emit(&outcome, output, settings.redaction());
            }
            let code = if report::counts(&outcome).0 > 0 { VIOLATIONS } else { OK };
            write_report(&text, output)?;
            Ok(code)
        }
    }
}
