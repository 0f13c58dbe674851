//! `schema pull` and `schema diff` for Rust callers: a schema from any
//! source `--schema` takes (a file, a folder of SDL, an introspection
//! result, a URL, `plain`, `customers`) printed as SDL, and the changes
//! between two schemas, each breaking, dangerous or safe (the names and
//! criticality graphql-js 16's `findBreakingChanges` and
//! `findDangerousChanges` give). A URL is fetched with the settings'
//! headers and timeout ([`Settings::with_schema_header`]).
//!
//! ```
//! use plain_contract::{diff_schemas, Criticality, Settings};
//! let changes = diff_schemas("customers", "plain", &Settings::default()).expect("both load");
//! assert!(changes.iter().any(|c| c.criticality == Criticality::Safe));
//! ```

use crate::contract::LoadError;
use crate::settings::Settings;

pub use crate::evolve::diff::{Change as SchemaChange, Criticality, Location as SchemaLocation};

fn load(source: &str, settings: &Settings) -> Result<crate::contract::source::LoadedSchema, LoadError> {
    crate::contract::source::load_with(source, settings.fetch()).map_err(|diagnostics| LoadError {
        diagnostics,
        sources: Vec::new(),
    })
}

/// The schema a source gives, as SDL: types and directives sorted by name,
/// descriptions and deprecations kept (what `plain-contract schema pull`
/// prints; two pulls of one schema are byte-identical).
pub fn pull_schema(source: &str, settings: &Settings) -> Result<String, LoadError> {
    let loaded = load(source, settings)?;
    Ok(crate::contract::source::to_sdl(&loaded.schema.schema))
}

/// Every change from the schema `old` to the schema `new` (what
/// `plain-contract schema diff OLD NEW` reports), in a stable order.
pub fn diff_schemas(old: &str, new: &str, settings: &Settings) -> Result<Vec<SchemaChange>, LoadError> {
    let (old, new) = rayon::join(|| load(old, settings), || load(new, settings));
    match (old, new) {
        (Ok(a), Ok(b)) => Ok(crate::evolve::diff(&a, &b)),
        (a, b) => {
            let mut diagnostics = a.err().map(|e| e.diagnostics).unwrap_or_default();
            diagnostics.extend(b.err().map(|e| e.diagnostics).unwrap_or_default());
            Err(LoadError {
                diagnostics,
                sources: Vec::new(),
            })
        }
    }
}
