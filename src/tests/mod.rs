//! Tests of the library's internals across modules (they were integration
//! tests before the library's surface became small): the checks against
//! graphql-js's verdicts, junk input, Plain's full schema, HAR streams and
//! Plain's rules against the reference server.

use crate::contract::Contract;
use crate::Checker;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

mod agreement;
mod batched;
mod client_read_ahead;
mod copies;
mod har_stream;
#[path = "../../tests/support/prereq.rs"]
mod prereq;
mod props;
mod real_schema;
mod robustness;
#[cfg(feature = "serve")]
mod rules;

/// A checker of the embedded contract with default settings, built once for all tests.
fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(|| Checker::builder().build().expect("embedded contract loads"))
}

/// The embedded contract, loaded once for all tests.
fn contract() -> &'static Contract {
    checker().contract()
}

/// The sorted entries (files and folders) of a folder of the repository.
fn entries(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("folder {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    v.sort();
    v
}

/// Plain's full schema beside the repo, or None when it is absent outside CI
/// (under CI the test fails: see tests/support/prereq.rs).
fn full_schema_path() -> Option<PathBuf> {
    prereq::full_schema()
}
