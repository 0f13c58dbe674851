//! `verify`: recorded exchanges replayed against a live target (the run
//! itself is [`crate::verify`]).

use super::{emit, write_report, CliError, Exit, Output};
use crate::report::{self, Format};
use crate::verify::{self, Options, VerifyError};
use std::path::PathBuf;
use std::time::Duration;

/// A header from the command line: never shown, not even by `Debug`.
#[derive(Clone)]
pub(crate) struct HeaderArg(String, String);

impl std::fmt::Debug for HeaderArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.0, crate::secrets::REDACTED)
    }
}

/// `Name: value`, as every `--header` takes it.
fn parse_header(s: &str) -> Result<HeaderArg, crate::contract::source::fetch::HeaderError> {
    crate::contract::source::fetch::parse_header(s).map(|(n, v)| HeaderArg(n, v))
}

fn parse_rate(s: &str) -> Result<u32, String> {
    if s == "unlimited" {
        return Ok(0);
    }
    let n = s.strip_suffix("/min").unwrap_or(s);
    match n.trim().parse::<u32>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!(
            "`{s}` is not a rate: expected N/min with N ≥ 1, such as 400/min, or `unlimited`"
        )),
    }
}

/// `verify`'s arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct VerifyArgs {
    /// Fixture files or folders (native fixtures, HAR, NDJSON); default: `[check] paths`
    /// of plain-contract.toml.
    paths: Vec<PathBuf>,
    /// The GraphQL endpoint to replay against, such as https://core-api.uk.plain.com/graphql/v1
    /// or a `plain-contract serve` on http://127.0.0.1:8787/graphql/v1.
    #[arg(long, value_name = "URL")]
    target: String,
    /// A request header, 'Name: value' (repeatable). An Authorization header gives the API
    /// key (default: the PLAIN_API_KEY environment variable). Never printed or stored.
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE", value_parser = parse_header)]
    headers: Vec<HeaderArg>,
    /// Replay mutations too (they change the target's data). Queries only by default.
    #[arg(long)]
    allow_mutations: bool,
    /// Rewrite `email`, `emailAddress` and `externalId` values of the requests into a test
    /// namespace: `NS-value` (a new random NS when none is given).
    #[arg(long, value_name = "NS", num_args = 0..=1, default_missing_value = "")]
    namespace: Option<String>,
    /// Requests a minute at most, N/min, or `unlimited` (default: 400/min for a remote
    /// target, under Plain's 450; unlimited on loopback).
    #[arg(long, value_name = "N/min", value_parser = parse_rate)]
    rate: Option<u32>,
    /// Files replayed at once (the exchanges of one file go in order); default 4 on
    /// loopback, 1 for a remote target.
    #[arg(long, value_name = "N")]
    concurrency: Option<usize>,
    /// Longest wait for one answer, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    timeout: u64,
    /// Write the live responses into the fixtures, in place (same format, comments and key
    /// order kept). A file with a failed exchange is not touched.
    #[arg(long)]
    update: bool,
    /// Provider states of pacts mapped to setup requests: a YAML or JSON map from a state's
    /// name to the GraphQL requests that build it, `${param}` standing for the state's
    /// params (docs/pact.md). An interaction whose state is not mapped is skipped.
    #[arg(long, value_name = "FILE")]
    states: Option<PathBuf>,
}

fn fail(msg: impl std::fmt::Display) -> CliError {
    CliError::run("verify", msg)
}

/// Runs `verify`.
pub(crate) fn verify(args: &VerifyArgs, output: &Output, config_file: Option<&std::path::Path>) -> Exit {
    if args.concurrency == Some(0) {
        return Err(CliError::usage("verify", "--concurrency must be at least 1"));
    }
    if args.timeout == 0 {
        return Err(CliError::usage("verify", "--timeout must be at least 1"));
    }
    let mut run = crate::ProjectRun::new();
    if let Some(c) = config_file {
        run = run.config_file(c);
    }
    let (checker, _docs, settings) = match run.prepare() {
        Ok(p) => p,
        Err(e) => {
            let text = report::render(&e.outcome, output.format(), false, e.settings().redaction());
            return Err(match write_report(&text, output) {
                Err(w) => w,
                Ok(()) => CliError::Unusable { what: e.what },
            });
        }
    };
    let paths = if args.paths.is_empty() {
        run.config().map(|c| c.paths.clone()).unwrap_or_default()
    } else {
        args.paths.clone()
    };
    if paths.is_empty() {
        return Err(CliError::usage(
            "verify",
            "give the fixture files or folders to replay (or `[check] paths` in plain-contract.toml)",
        ));
    }
    let mut token = std::env::var("PLAIN_API_KEY").unwrap_or_default();
    let mut headers = Vec::new();
    for HeaderArg(n, v) in &args.headers {
        if n.eq_ignore_ascii_case("authorization") {
            token = v.strip_prefix("Bearer ").unwrap_or(v).trim().to_string();
        } else {
            headers.push((n.clone(), v.clone()));
        }
    }
    let opts = Options {
        target: args.target.clone(),
        token,
        headers,
        paths,
        allow_mutations: args.allow_mutations,
        namespace: args
            .namespace
            .clone()
            .map(|n| if n.is_empty() { crate::conform::namespace_id("vf") } else { n }),
        rate: args.rate,
        concurrency: args.concurrency.unwrap_or(0),
        timeout: Duration::from_secs(args.timeout),
        update: args.update,
        states: args.states.clone(),
    };
    match verify::run(&checker, &opts) {
        Err(VerifyError::Run(m)) => Err(fail(m)),
        Err(VerifyError::Fixtures(outcome)) => {
            let text = report::render(&outcome, output.format(), false, settings.redaction());
            Err(match write_report(&text, output) {
                Err(w) => w,
                Ok(()) => CliError::Unusable {
                    what: if args.states.is_some() {
                        "the fixtures or the states file".into()
                    } else {
                        "the fixtures".into()
                    },
                },
            })
        }
        Ok((outcome, updated)) => {
            let code = emit(&outcome, output, settings.redaction())?;
            if output.format() == Format::Human {
                if let Some(r) = &outcome.replays {
                    let mut line = r.summary();
                    for u in &updated {
                        line.push_str(&format!("\nupdated {u}"));
                    }
                    line.push('\n');
                    write_report(&line, output)?;
                }
            } else {
                for u in &updated {
                    eprintln!("plain-contract verify: updated {u}");
                }
            }
            Ok(code)
        }
    }
}
