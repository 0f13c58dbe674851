//! `conform`: stateful conformance runs (placeholder, being written).

/// `conform`'s arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct ConformArgs {}

/// Runs `conform`.
pub(crate) fn conform(_args: &ConformArgs) -> i32 {
    crate::EXIT_UNUSABLE
}
