//! Reading an input file whole, with limits: at most a size (`[limits]
//! max_file_mib`), valid UTF-8 (a byte-order mark dropped), every failure a
//! finding naming the file ([`Diagnostic::unreadable`]). Streams (NDJSON,
//! HAR, a `.json` file that opens as a HAR log: [`super::open_data`]) are
//! read by their own readers, a line or an entry at a time.

use crate::diagnostic::Diagnostic;
use crate::source::Source;
use std::path::Path;
use std::sync::Arc;

/// Reads a file into a [`Source`] (at most [`MAX_FILE_BYTES`](crate::source::MAX_FILE_BYTES)),
/// turning every failure into a diagnostic.
pub(crate) fn read_source(path: &Path) -> Result<Arc<Source>, Diagnostic> {
    read_source_limited(path, crate::source::MAX_FILE_BYTES)
}

/// [`read_source`] with another size limit (a run's [`Settings`](crate::Settings)).
pub(crate) fn read_source_limited(path: &Path, max_bytes: u64) -> Result<Arc<Source>, Diagnostic> {
    Source::read(path, max_bytes).map_err(|e| Diagnostic::unreadable(path, e))
}
