//! `schema pull` and `schema diff` for Rust callers: a schema from any
//! source `--schema` takes (a file, a folder of SDL, an introspection
//! result, a URL, `plain`, `customers`) printed as SDL, the changes
//! between two schemas, each breaking, dangerous or safe (the names and
//! criticality graphql-js 16's `findBreakingChanges` and
//! `findDangerousChanges` give), and what those changes break in a client's
//! operations and recordings ([`schema_impact`], `schema diff --against`).
//! A URL is fetched with the settings' headers and timeout
//! ([`Settings::with_schema_header`]).
//!
//! ```
//! use plain_contract::{diff_schemas, Criticality, Settings};
//! let changes = diff_schemas("customers", "plain", &Settings::default()).expect("both load");
//! assert!(changes.iter().any(|c| c.criticality == Criticality::Safe));
//! ```
//!
//! The command line's `schema diff` makes the same call as
//! [`schema_impact`] (through [`impact_of`], which takes the configuration
//! it has already read).

use crate::config::Config;
use crate::contract::source::fetch::FetchOptions;
use crate::contract::{LoadError, OpenApi};
use crate::diagnostic::Diagnostic;
use crate::input::ProjectDocs;
use crate::settings::Settings;
use crate::source::Source;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use crate::evolve::diff::{Change as SchemaChange, Criticality, Location as SchemaLocation};
pub use crate::evolve::impact::{Broken as BrokenItem, Finding as ImpactFinding, Impact, Use as UseSite};

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

/// What `schema diff OLD NEW --against PATHS` finds: every change, and what
/// the changes break in the paths ([`schema_impact`]).
#[derive(Debug)]
pub struct SchemaImpact {
    /// Every change from OLD to NEW, as [`diff_schemas`] gives them.
    pub changes: Vec<SchemaChange>,
    /// The items of the paths valid under OLD and failing under NEW, with
    /// the changes that cause it, and each change's use sites (by the
    /// change's index in [`SchemaImpact::changes`]).
    pub impact: Impact,
}

/// What the changes from the schema `old` to the schema `new` break in a
/// client's operations, request bodies and recorded exchanges (`against`:
/// files and folders, as `check` takes them), found as `plain-contract
/// schema diff OLD NEW --against PATHS` finds it in the folder `dir`: the
/// project there (plain-contract.toml, graphql-config or codegen) gives the
/// documents whose fragments the operations spread, and its OpenAPI
/// document. Each path is checked under both schemas; an item with no error
/// under OLD and errors under NEW is broken.
///
/// ```
/// use plain_contract::{schema_impact, Settings};
/// let dir = std::env::temp_dir().join(format!("impact-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let op = dir.join("byEmail.graphql");
/// std::fs::write(&op, "query ByEmail { customerByEmail(email: \"a@b.c\") { id } }\n").unwrap();
/// let old = dir.join("old.graphql");
/// std::fs::write(&old, "type Query { customerByEmail(email: String!): Customer }\ntype Customer { id: ID! }\n").unwrap();
/// let new = dir.join("new.graphql");
/// std::fs::write(&new, "type Query { customer(id: ID!): Customer }\ntype Customer { id: ID! }\n").unwrap();
/// let (old, new) = (old.to_string_lossy(), new.to_string_lossy());
/// let found = schema_impact(&old, &new, &[&op], &dir, &Settings::default()).expect("both schemas load");
/// assert_eq!(found.impact.items, 1);
/// let broken = &found.impact.broken[0];
/// assert_eq!(broken.changes, ["Query.customerByEmail"]);
/// # std::fs::remove_dir_all(&dir).ok();
/// ```
pub fn schema_impact<P: AsRef<Path>>(
    old: &str,
    new: &str,
    against: &[P],
    dir: impl AsRef<Path>,
    settings: &Settings,
) -> Result<SchemaImpact, LoadError> {
    let dir = dir.as_ref();
    let config = match crate::config::discover(dir) {
        Some(p) => crate::config::load(&p)?,
        None => Config::default(),
    };
    let against: Vec<PathBuf> = against.iter().map(|p| p.as_ref().to_path_buf()).collect();
    let (changes, impact, _) =
        impact_of(old, new, &against, &config, dir, settings.fetch(), settings).map_err(|(_, diagnostics)| LoadError {
            diagnostics,
            sources: Vec::new(),
        })?;
    Ok(SchemaImpact {
        changes,
        impact: impact.unwrap_or_default(),
    })
}

/// The changes, their impact (when paths were given) and the SDL sources of
/// both schemas (for renderers that show lines).
pub(crate) type Diffed = (Vec<SchemaChange>, Option<Impact>, Vec<Arc<Source>>);

/// The changes from `old` to `new` and, when `against` names paths, their
/// impact there (the project resolved from `config` and `dir`, schemas
/// fetched with `fetch`); the SDL sources of both schemas. `Err`: what
/// could not be used ("the client project", "the schemas", "the OpenAPI
/// document") and why. The one implementation of [`schema_impact`] and of
/// the command line's `schema diff`.
pub(crate) fn impact_of(
    old: &str,
    new: &str,
    against: &[PathBuf],
    config: &Config,
    dir: &Path,
    fetch: &FetchOptions,
    settings: &Settings,
) -> Result<Diffed, (&'static str, Vec<Diagnostic>)> {
    let project = if against.is_empty() {
        ProjectDocs::default()
    } else {
        // The project's documents, as `check` resolves them (its first
        // project; the schemas compared are the ones given, so none is loaded).
        // Paths are shown relative to the process's folder, where they are read.
        let cwd = std::env::current_dir().unwrap_or_default();
        let units = crate::project::resolve(config, dir, &cwd, None).and_then(|r| r.unwrap_or_default().units(Some(Path::new(new)), None));
        let unit = units
            .map_err(|d| ("the client project", d))?
            .into_iter()
            .next()
            .map(|(u, _)| u)
            .unwrap_or_default();
        ProjectDocs {
            documents: unit.documents,
            schema_files: unit.schema_files,
            read_ahead: None,
        }
    };
    let (old, new) = std::thread::scope(|s| {
        let old = s.spawn(|| crate::contract::source::load_with(old, fetch));
        let new = crate::contract::source::load_with(new, fetch);
        (old.join().unwrap_or_else(|_| Err(Vec::new())), new)
    });
    let (old, new) = match (old, new) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            let mut d = a.err().unwrap_or_default();
            d.extend(b.err().unwrap_or_default());
            return Err(("the schemas", d));
        }
    };
    let changes = crate::evolve::diff(&old, &new);
    let mut sources = old.sources.clone();
    sources.extend(new.sources.iter().cloned());
    if against.is_empty() {
        return Ok((changes, None, sources));
    }
    let load_openapi = || match &config.openapi {
        Some(p) => crate::input::read::read_source(p).map_err(|d| vec![d]).and_then(OpenApi::load),
        None => OpenApi::load(Source::new(
            crate::contract::EMBEDDED_OPENAPI_PATH,
            crate::contract::EMBEDDED_OPENAPI,
        )),
    };
    let openapi = match (load_openapi(), load_openapi()) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(d), _) | (_, Err(d)) => return Err(("the OpenAPI document", d)),
    };
    let impact = crate::evolve::impact::impact_in(old, new, &changes, against, openapi, settings, &project);
    Ok((changes, Some(impact), sources))
}
