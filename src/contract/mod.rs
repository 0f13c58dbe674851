//! The contract: the OpenAPI transport layer and the GraphQL schema, loaded
//! once per process and shared (`&Contract` is `Sync`).
//!
//! Both specs are embedded in the binary as the default contract; `--openapi`
//! and `--schema` replace either. Loading never checks user inputs.

pub(crate) mod graphql;
pub(crate) mod oas_schema;
pub(crate) mod openapi;
pub(crate) mod snapshot;
pub(crate) mod source;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{LineCol, Source};
use std::path::Path;
use std::sync::Arc;

pub use graphql::GraphqlSchema;
pub use openapi::OpenApi;

/// The embedded OpenAPI document (specs/plain-support-openapi.yml).
pub const EMBEDDED_OPENAPI: &str = include_str!("../../specs/plain-support-openapi.yml");
/// The embedded GraphQL schema (specs/plain-support-schema.graphql).
pub(crate) const EMBEDDED_SCHEMA: &str = include_str!("../../specs/plain-support-schema.graphql");
/// Plain's full public schema (specs/plain-schema.graphql), built in under the name `plain`.
///
/// From the MIT-licensed repository team-plain/sdk, file
/// packages/graphql/src/schema.graphql at commit bca2ab2 (2026-05-11); the licence is
/// specs/plain-schema.LICENSE.
pub(crate) const BUILTIN_PLAIN_SCHEMA: &str = include_str!("../../specs/plain-schema.graphql");
/// The syntax tree of [`BUILTIN_PLAIN_SCHEMA`], read instead of parsing it
/// (see [`snapshot`]).
#[cfg_attr(not(apollo_snapshot), allow(dead_code))]
pub(crate) const BUILTIN_PLAIN_SCHEMA_SNAPSHOT: &[u8] = include_bytes!("../../specs/plain-schema.ast");
/// The label Plain's full schema gets in diagnostics.
pub(crate) const BUILTIN_PLAIN_SCHEMA_PATH: &str = "specs/plain-schema.graphql";
/// Where the built-in full schema comes from (shown by `--version --verbose` and in docs).
pub(crate) const BUILTIN_PLAIN_SCHEMA_ORIGIN: &str = "team-plain/sdk packages/graphql/src/schema.graphql, commit bca2ab2 (2026-05-11), MIT";
// The built-in full schema comes from team-plain/sdk
// packages/graphql/src/schema.graphql, commit bca2ab2 (2026-05-11), MIT.

/// The schemas built into the binary, by the name `--schema` accepts: `plain` (Plain's
/// full public schema) and `customers` (the Customers API contract, the default).
/// A file of the same name is given as `./plain`.
pub(crate) fn builtin_schema(name: &str) -> Option<(&'static str, &'static str)> {
    match name {
        "plain" => Some((BUILTIN_PLAIN_SCHEMA_PATH, BUILTIN_PLAIN_SCHEMA)),
        "customers" => Some((EMBEDDED_SCHEMA_PATH, EMBEDDED_SCHEMA)),
        _ => None,
    }
}

/// The label the embedded OpenAPI document gets in diagnostics.
pub const EMBEDDED_OPENAPI_PATH: &str = "specs/plain-support-openapi.yml";
/// The label the embedded schema gets in diagnostics.
pub(crate) const EMBEDDED_SCHEMA_PATH: &str = "specs/plain-support-schema.graphql";

/// Both layers, ready to check inputs.
#[derive(Debug)]
pub struct Contract {
    /// The transport layer.
    pub(crate) openapi: OpenApi,
    /// The GraphQL schema.
    pub(crate) schema: GraphqlSchema,
}

impl Contract {
    /// The embedded default contract.
    pub fn embedded() -> Result<Contract, LoadError> {
        Self::load(None, None)
    }

    /// Loads the contract, each spec from a file or the embedded default.
    /// `Err` holds the diagnostics that make a spec unusable (exit 2).
    pub fn load(openapi: Option<&Path>, schema: Option<&Path>) -> Result<Contract, LoadError> {
        Self::load_with(openapi, schema, &crate::settings::Settings::default())
    }

    /// [`Contract::load`] under a run's settings (file size limit, how a
    /// schema URL is fetched); `Err` keeps the sources its diagnostics point
    /// into, so they render without reading the files again. A schema path
    /// that is a built-in name (`plain`, `customers`, see [`builtin_schema`])
    /// is the built-in schema.
    pub(crate) fn load_with(
        openapi: Option<&Path>,
        schema: Option<&Path>,
        settings: &crate::settings::Settings,
    ) -> Result<Contract, LoadError> {
        let max_bytes = settings.max_file_bytes();
        let unreadable = |d: Diagnostic| LoadError {
            diagnostics: vec![d],
            sources: Vec::new(),
        };
        let oa_src = match openapi {
            Some(p) => read_spec(p, max_bytes).map_err(unreadable)?,
            None => Source::new(EMBEDDED_OPENAPI_PATH, EMBEDDED_OPENAPI),
        };
        // A schema is any source `evolve::source` takes (SDL, introspection
        // JSON, a directory, a URL...); a file is read here, once, so its
        // findings render from the text kept in the error.
        let from = SchemaFrom::path(schema, max_bytes)?;
        Self::assemble(oa_src, from, settings.fetch())
    }

    pub(crate) fn assemble(oa_src: Arc<Source>, from: SchemaFrom, fetch: &source::fetch::FetchOptions) -> Result<Contract, LoadError> {
        let mut sources = vec![oa_src.clone()];
        match &from {
            SchemaFrom::Sdl(s) | SchemaFrom::File(s, _) => sources.push(s.clone()),
            SchemaFrom::Files(files) => sources.extend(files.iter().cloned()),
            SchemaFrom::Spec(_) => {}
        }
        // The two layers are independent: load them on two cores (the
        // thread pool's: a thread of their own would cost its creation and
        // its allocator's first pages). The schema first: `join` runs its
        // first task on this thread at once and leaves the second to be
        // taken, and the schema is the long one (with the OpenAPI document
        // first, a run that reads files on the other core started the
        // schema 2.7 ms late, when this thread came back for it).
        let (gql, oa) = rayon::join(
            || match from {
                SchemaFrom::Sdl(src) => GraphqlSchema::load(src),
                SchemaFrom::File(src, label) => source::load_text(src, &label).map(|l| l.schema),
                SchemaFrom::Files(files) => {
                    let label = files.first().map(|s| s.path.clone()).unwrap_or_default();
                    source::load_sdl(files, &label).map(|l| l.schema)
                }
                SchemaFrom::Spec(spec) => source::load_with(&spec, fetch).map(|l| l.schema),
            },
            || std::panic::catch_unwind(|| OpenApi::load(oa_src)),
        );
        let oa = oa.unwrap_or_else(|_| {
            Err(vec![Diagnostic::file_level(
                Code::OpenApiStructure,
                "the OpenAPI loader failed on this document",
                "<openapi>",
                LineCol::default(),
            )])
        });
        match (oa, gql) {
            (Ok(openapi), Ok(schema)) => Ok(Contract { openapi, schema }),
            (a, b) => {
                let mut diagnostics = a.err().unwrap_or_default();
                diagnostics.extend(b.err().unwrap_or_default());
                Err(LoadError { diagnostics, sources })
            }
        }
    }
}

/// Where the schema of a contract comes from.
pub(crate) enum SchemaFrom {
    /// SDL text.
    Sdl(Arc<Source>),
    /// A file already read, in any format `evolve` reads, and its label.
    File(Arc<Source>, String),
    /// Several SDL files already read, one schema (a project's `schema`
    /// glob or list).
    Files(Vec<Arc<Source>>),
    /// A directory, a URL: what `evolve::load` takes.
    Spec(String),
}

impl SchemaFrom {
    /// A schema path as `--schema` takes it (None: the embedded schema).
    pub(crate) fn path(schema: Option<&Path>, max_bytes: u64) -> Result<SchemaFrom, LoadError> {
        Ok(match schema {
            None => SchemaFrom::Sdl(Source::new(EMBEDDED_SCHEMA_PATH, EMBEDDED_SCHEMA)),
            Some(p) => match p.to_str().and_then(builtin_schema) {
                Some((label, text)) => SchemaFrom::Sdl(Source::new(label, text)),
                None if p.is_file() => SchemaFrom::File(
                    read_spec(p, max_bytes).map_err(|d| LoadError {
                        diagnostics: vec![d],
                        sources: Vec::new(),
                    })?,
                    p.to_string_lossy().into_owned(),
                ),
                None => SchemaFrom::Spec(p.to_string_lossy().into_owned()),
            },
        })
    }
}

/// Why a contract could not be loaded: the diagnostics that make a spec
/// unusable, and the sources they point into (none for a file that could
/// not be read).
#[derive(Debug)]
pub struct LoadError {
    /// What is wrong, each at its place.
    pub diagnostics: Vec<Diagnostic>,
    /// The texts the diagnostics point into.
    pub(crate) sources: Vec<Arc<Source>>,
}

impl std::fmt::Display for LoadError {
    /// One `file:line:col: CODE message` line per diagnostic.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}:{}:{}: {} {}", d.file, d.line, d.column, d.code.as_str(), d.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Reads a spec file into a [`Source`] (at most `max_bytes`), every failure
/// a diagnostic ([`crate::input::read`] reads the inputs; the specs are
/// read below it, with the same findings).
pub(crate) fn read_spec(path: &Path, max_bytes: u64) -> Result<Arc<Source>, Diagnostic> {
    Source::read(path, max_bytes).map_err(|e| Diagnostic::unreadable(path, e))
}
