//! The contract: the OpenAPI transport layer and the GraphQL schema, loaded
//! once per process and shared (`&Contract` is `Sync`).
//!
//! Both specs are embedded in the binary as the default contract; `--openapi`
//! and `--schema` replace either. Loading never checks user inputs.

pub mod graphql;
pub mod openapi;

use crate::diagnostic::{Code, Diagnostic};
use crate::source::{LineCol, ReadError, Source};
use std::path::Path;
use std::sync::Arc;

pub use graphql::GraphqlSchema;
pub use openapi::OpenApi;

/// The embedded OpenAPI document (specs/plain-support-openapi.yml).
pub const EMBEDDED_OPENAPI: &str = include_str!("../../specs/plain-support-openapi.yml");
/// The embedded GraphQL schema (specs/plain-support-schema.graphql).
pub const EMBEDDED_SCHEMA: &str = include_str!("../../specs/plain-support-schema.graphql");
/// Plain's full public schema (specs/plain-schema.graphql), built in under the name `plain`.
///
/// From the MIT-licensed repository team-plain/sdk, file
/// packages/graphql/src/schema.graphql at commit bca2ab2 (2026-05-11); the licence is
/// specs/plain-schema.LICENSE.
pub const BUILTIN_PLAIN_SCHEMA: &str = include_str!("../../specs/plain-schema.graphql");
/// The label Plain's full schema gets in diagnostics.
pub const BUILTIN_PLAIN_SCHEMA_PATH: &str = "specs/plain-schema.graphql";
/// Where the built-in full schema comes from (shown by `--version --verbose` and in docs).
pub const BUILTIN_PLAIN_SCHEMA_ORIGIN: &str = "team-plain/sdk packages/graphql/src/schema.graphql, commit bca2ab2 (2026-05-11), MIT";

/// The schemas built into the binary, by the name `--schema` accepts: `plain` (Plain's
/// full public schema) and `customers` (the Customers API contract, the default).
/// A file of the same name is given as `./plain`.
pub fn builtin_schema(name: &str) -> Option<(&'static str, &'static str)> {
    match name {
        "plain" => Some((BUILTIN_PLAIN_SCHEMA_PATH, BUILTIN_PLAIN_SCHEMA)),
        "customers" => Some((EMBEDDED_SCHEMA_PATH, EMBEDDED_SCHEMA)),
        _ => None,
    }
}

/// The label the embedded OpenAPI document gets in diagnostics.
pub const EMBEDDED_OPENAPI_PATH: &str = "specs/plain-support-openapi.yml";
/// The label the embedded schema gets in diagnostics.
pub const EMBEDDED_SCHEMA_PATH: &str = "specs/plain-support-schema.graphql";

/// Both layers, ready to check inputs.
#[derive(Debug)]
pub struct Contract {
    /// The transport layer.
    pub openapi: OpenApi,
    /// The GraphQL schema.
    pub schema: GraphqlSchema,
}

impl Contract {
    /// The embedded default contract.
    pub fn embedded() -> Result<Contract, Vec<Diagnostic>> {
        Self::load(None, None)
    }

    /// Loads the contract, each spec from a file or the embedded default.
    /// `Err` holds the diagnostics that make a spec unusable (exit 2).
    pub fn load(openapi: Option<&Path>, schema: Option<&Path>) -> Result<Contract, Vec<Diagnostic>> {
        let oa_src = match openapi {
            Some(p) => read_source(p).map_err(|d| vec![d])?,
            None => Source::new(EMBEDDED_OPENAPI_PATH, EMBEDDED_OPENAPI),
        };
        let gql_src = match schema {
            Some(p) => match p.to_str().and_then(builtin_schema) {
                Some((label, text)) => Source::new(label, text),
                None => read_source(p).map_err(|d| vec![d])?,
            },
            None => Source::new(EMBEDDED_SCHEMA_PATH, EMBEDDED_SCHEMA),
        };
        // The two layers are independent: load them on two cores.
        let (oa, gql) = std::thread::scope(|scope| {
            let oa = scope.spawn(|| OpenApi::load(oa_src));
            let gql = GraphqlSchema::load(gql_src);
            (oa.join(), gql)
        });
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
                let mut errs = a.err().unwrap_or_default();
                errs.extend(b.err().unwrap_or_default());
                Err(errs)
            }
        }
    }
}

/// Reads a file into a [`Source`], turning every failure into a diagnostic.
pub fn read_source(path: &Path) -> Result<Arc<Source>, Diagnostic> {
    let name = path.display().to_string();
    Source::read(path).map_err(|e| match e {
        ReadError::Io(err) => Diagnostic::file_level(
            Code::FileUnreadable,
            format!("cannot read the file: {err}"),
            &name,
            LineCol::default(),
        ),
        ReadError::TooLarge(n) => Diagnostic::file_level(
            Code::FileTooLarge,
            format!("the file is {n} bytes; the limit is {} bytes", crate::source::max_file_bytes()),
            &name,
            LineCol::default(),
        ),
        ReadError::NotUtf8 { offset, at } => Diagnostic::file_level(
            Code::NotUtf8,
            format!("the file is not valid UTF-8 (first bad byte at offset {offset})"),
            &name,
            at,
        ),
    })
}
