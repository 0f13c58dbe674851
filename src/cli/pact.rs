//! `plain-contract pact export`: recorded exchanges written as a Pact V4
//! file (docs/pact.md). The inputs are checked first, as `check` checks
//! them: a pact is a promise, so exchanges that break the contract are not
//! exported (exit 1, the findings reported, no file written).

use super::error::CliError;
use super::{emit, Exit, Output, VIOLATIONS};
use crate::exchange::pact_export::PactWriter;
use crate::exchange::{self, Contents, Target};
use crate::node::{self, Syntax};
use crate::report;
use crate::source::Source;
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};

/// `pact`'s subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum PactCommand {
    /// Write recorded exchanges (fixture files, HAR captures, NDJSON streams,
    /// Pact files; directories are walked) as one Pact V4 file, for the Pact
    /// verifier to replay against a provider. The inputs are checked first:
    /// when they break the contract, the findings are reported, nothing is
    /// written and the exit status is 1. Credentials are never written; the
    /// verifier adds the key.
    Export {
        #[command(flatten)]
        args: ExportArgs,
        #[command(flatten)]
        output: Output,
    },
}

/// `pact export`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// Files or directories of recorded exchanges.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The consumer's name in the pact.
    #[arg(long, value_name = "NAME")]
    consumer: String,
    /// The provider's name in the pact.
    #[arg(long, value_name = "NAME")]
    provider: String,
    /// The pact file to write.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// Runs `pact export`.
pub(crate) fn run(command: PactCommand, config: Option<&Path>) -> Exit {
    let PactCommand::Export { args, output } = command;
    let mut run = crate::ProjectRun::new().files(args.paths.clone());
    if let Some(c) = config {
        run = run.config_file(c);
    }
    let done = match run.run() {
        Ok(d) => d,
        Err(e) => {
            let text = report::render(&e.outcome, output.format(), super::color(&output), e.settings().redaction());
            super::write_report(&text, &output)?;
            return Err(CliError::Unusable { what: e.what });
        }
    };
    let redaction = done.settings().redaction().clone();
    if report::counts(&done.outcome).0 > 0 {
        emit(&done.outcome, &output, &redaction)?;
        eprintln!("plain-contract pact export: the exchanges break the contract (above); no pact written");
        return Ok(VIOLATIONS);
    }
    let Some(checker) = done.checker() else {
        return Err(CliError::run("pact export", "the run built no contract"));
    };
    let target = Target::of(checker.contract(), done.settings().hosts());
    let mut writer = PactWriter::new(&args.consumer, &args.provider);
    for path in crate::input::expand_paths(&args.paths) {
        let negative = done.settings().expect_for(&path);
        add_file(&mut writer, &path, &target, done.settings().max_file_bytes(), negative)?;
    }
    if writer.len() == 0 {
        return Err(CliError::run(
            "pact export",
            "the paths hold no exchange with a response; a pact needs at least one interaction",
        ));
    }
    let skipped = std::mem::take(&mut writer.skipped);
    let n = writer.len();
    let text = serde_json::to_string_pretty(&writer.finish()).map_err(|e| CliError::run("pact export", e))?;
    std::fs::write(&args.out, text + "\n")
        .map_err(|e| CliError::run("pact export", format!("cannot write the pact to {}: {e}", args.out.display())))?;
    if !output.quiet {
        eprintln!(
            "plain-contract pact export: {n} interaction{} written to {}",
            if n == 1 { "" } else { "s" },
            args.out.display()
        );
        for s in skipped.iter().take(10) {
            eprintln!("  left out: {s}");
        }
        if skipped.len() > 10 {
            eprintln!("  and {} more left out", skipped.len() - 10);
        }
    }
    emit(&done.outcome, &output, &redaction)
}

/// The exchanges of one file into the pact.
fn add_file(writer: &mut PactWriter, path: &Path, target: &Target, max: u64, negative: Option<crate::Expect>) -> Result<(), CliError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if !matches!(ext.as_str(), "json" | "yaml" | "yml" | "har" | "ndjson" | "jsonl") {
        return Ok(());
    }
    let src = crate::input::read::read_source_limited(path, max).map_err(|d| CliError::run("pact export", d.message))?;
    let texts: Vec<std::sync::Arc<Source>> = if matches!(ext.as_str(), "ndjson" | "jsonl") {
        src.text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| Source::new(src.path.clone(), l))
            .collect()
    } else {
        vec![src.clone()]
    };
    for s in texts {
        // `check` has read these files: what does not parse was reported.
        let Ok(root) = node::parse(&s, Syntax::guess(&s.path, &s.text)) else {
            continue;
        };
        if let Contents::Exchanges(list, _, _) = exchange::read(&s, &root, target) {
            for ex in &list {
                writer.add(&s.path, ex, ex.expect.or(negative));
            }
        }
    }
    Ok(())
}
