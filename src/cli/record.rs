//! `record`: the recording proxy (placeholder, being written).

/// `record`'s arguments.
#[derive(Debug, clap::Args)]
pub(crate) struct RecordArgs {}

/// Runs `record`.
pub(crate) fn record(_args: &RecordArgs) -> i32 {
    crate::EXIT_UNUSABLE
}
