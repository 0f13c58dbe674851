//! [`CliError`]: every way a command can fail to be done (exit 2), in one
//! type, as nextest's `ExpectedError`. Commands return `Result<u8, CliError>`
//! (`Ok` is 0 clean or 1 violations); [`super::main`] is the one place that
//! prints an error and turns it into the process's exit code. Reports of
//! findings are written by the commands themselves (to stdout or
//! `--output`); an error only says, on stderr, why the run stopped.

use std::path::PathBuf;

/// Why a command could not be done.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// A spec, schema or configuration could not be used; the report with
    /// its findings has already been written.
    #[error("plain-contract: {what} could not be loaded (see the report); nothing was checked")]
    Unusable {
        /// What: "the contract", "the configuration FILE"...
        what: String,
    },
    /// An option's value, checked after parsing, does not work.
    #[error("plain-contract {command}: {message}")]
    Usage {
        /// The subcommand.
        command: &'static str,
        /// What is wrong, in the user's terms.
        message: String,
    },
    /// The run started but could not be completed (a server that cannot
    /// listen, an unreachable target, a type with no values...).
    #[error("plain-contract {command}: {message}")]
    Run {
        /// The subcommand.
        command: &'static str,
        /// What happened.
        message: String,
    },
    /// The report could not be written (`PC011`).
    #[error("[PC011] Error: cannot write the report to {}: {source}", path.display())]
    Write {
        /// The `--output` file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl CliError {
    /// The process exit code: 2, the run could not be done.
    pub(crate) fn exit_code(&self) -> u8 {
        crate::EXIT_UNUSABLE as u8
    }

    /// A usage error of `command`.
    #[cfg_attr(not(any(feature = "serve", feature = "conform")), allow(dead_code))]
    pub(crate) fn usage(command: &'static str, message: impl std::fmt::Display) -> CliError {
        CliError::Usage {
            command,
            message: message.to_string(),
        }
    }

    /// A run error of `command`.
    pub(crate) fn run(command: &'static str, message: impl std::fmt::Display) -> CliError {
        CliError::Run {
            command,
            message: message.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_exits_2_and_says_what() {
        let e = CliError::usage("conform", "--cases must be at least 1");
        assert_eq!(
            (e.exit_code(), e.to_string().as_str()),
            (2, "plain-contract conform: --cases must be at least 1")
        );
        let w = CliError::Write {
            path: "out/r.json".into(),
            source: std::io::Error::other("no such directory"),
        };
        assert_eq!(
            w.to_string(),
            "[PC011] Error: cannot write the report to out/r.json: no such directory"
        );
    }
}
