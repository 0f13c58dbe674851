//! The one integration-test binary, grouped by feature.

mod cli;
mod client;
mod conform;
mod corpus;
mod coverage;
mod deprecation;
mod docs;
mod exchanges;
mod formats;
mod har_input;
mod layering;
mod library;
mod one_of_introspection;
mod project;
mod props;
mod schema_diff;
mod schema_docs;
mod schema_sources;
mod secrets_corpus;
mod serve;

use plain_contract::{Checker, Contract, Format, Outcome};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A checker of the embedded contract with default settings, built once for all tests.
pub fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(|| Checker::builder().build().expect("embedded contract loads"))
}

/// The embedded contract, loaded once for all tests.
pub fn contract() -> &'static Contract {
    checker().contract()
}

/// Human output without colour, as snapshots hold it.
pub fn render(outcome: &Outcome) -> String {
    checker().render(outcome, Format::Human)
}

/// The sorted entries (files and folders) of a corpus folder.
pub fn entries(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("corpus folder {dir}: {e}"))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    v.sort();
    v
}

/// Plain's full schema beside the repo, or None (with the reason printed).
pub fn full_schema_path() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/plain/schema.graphql");
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: {} is absent (it is beside the repo in CI); this test needs Plain's full schema",
            p.display()
        );
        None
    }
}

/// A snapshot name from a corpus path: `requests/invalid/x.json` → `requests__invalid__x.json`.
pub fn snap_name(path: &Path) -> String {
    let rel = path.strip_prefix("tests/corpus").unwrap_or(path);
    rel.to_string_lossy().replace(['/', '\\'], "__")
}
