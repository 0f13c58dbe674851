//! **Not an API.** Internals that the crate's own benches (`benches/`), fuzz
//! targets (`fuzz/`, a separate crate) and a few integration tests that run
//! the binary beside them need by name. Hidden from the docs; anything here
//! may change or go in any release. Rust users use the items re-exported at
//! the crate root (and `serve`, `record`, `conform`) instead.
//!
//! The paths mirror the internal modules, so a bench reads
//! `__private::check::operation::analyze` where the code says
//! `crate::check::operation::analyze`.

/// Checking internals: the per-layer checks and the path walkers.
pub mod check {
    pub use crate::check::{check_paths, check_paths_in};
    pub use crate::input::{expand_paths, ProjectDocs, Shard};

    /// Operation analysis and its cache.
    pub mod operation {
        pub use crate::check::operation::{analyze, OpCache};
    }
    /// Variables against an operation.
    pub mod variables {
        pub use crate::check::variables::check_variables;
    }
    /// Request bodies.
    pub mod request {
        pub use crate::check::request::check_request;
    }
    /// Responses.
    pub mod response {
        pub use crate::check::response::{check_response, Executed};
    }
    /// HAR archives, streamed.
    pub mod har_stream {
        pub use crate::check::streams::check_har_reader;
    }
    /// NDJSON streams of exchanges.
    pub mod stream {
        pub use crate::check::streams::check_reader;
    }
}

/// The configuration file's parser.
pub mod config {
    pub use crate::config::parse;
}

/// The two specs, loaded.
pub mod contract {
    pub use crate::contract::{GraphqlSchema, OpenApi, EMBEDDED_OPENAPI, EMBEDDED_OPENAPI_PATH};

    /// Schema sources (SDL, introspection).
    pub mod source {
        pub use crate::contract::source::{load_text, to_sdl, MAX_SCHEMA_DIAGNOSTICS};
    }
}

/// Schema evolution: load, diff, impact, render.
pub mod evolve {
    pub use crate::contract::source::{load, LoadedSchema};
    pub use crate::evolve::diff::{diff, Change, Criticality};

    /// The diff and its graphql-js classification.
    pub mod diff {
        pub use crate::evolve::diff::{counts, Location, GRAPHQL_JS_BREAKING, GRAPHQL_JS_DANGEROUS};
    }
    /// Which operations a change breaks.
    pub mod impact {
        pub use crate::evolve::impact::impact;
    }
    /// Reports of a diff.
    pub mod render {
        pub use crate::evolve::render::{render, DiffReport};
    }
}

/// Value generation from input types (`plain-contract props`).
pub mod generate {
    pub use crate::generate::Generator;

    /// Running generated cases.
    pub mod run {
        pub use crate::generate::run::{case_seed, failure_report, hex, run_case, runner_for, Failure, Target};
    }
}

/// The JSON/YAML node tree with positions.
pub mod node {
    pub use crate::node::{parse, Node, Syntax};
}

/// Report internals.
pub mod report {
    pub use crate::report::counts;
}

/// Default limits.
pub mod settings {
    pub use crate::settings::DEFAULT_STREAM_MAX_FINDINGS;
}

/// Source texts with line:col lookup.
pub mod source {
    pub use crate::source::Source;
}

/// The reference server's executor, without HTTP (benches).
#[cfg(feature = "serve")]
pub mod serve {
    pub use crate::serve::exec::{execute_checked_to_vec, node_to_json_bytes, Caller};
    pub use crate::serve::http::{Service, ALL_PERMISSIONS};
}

/// The two specs of a contract, for benches that time one layer alone.
pub fn contract_parts(contract: &crate::Contract) -> (&crate::contract::OpenApi, &crate::contract::GraphqlSchema) {
    (&contract.openapi, &contract.schema)
}

/// A contract of two specs already loaded (a bench times the checks alone).
pub fn contract_of(openapi: crate::contract::OpenApi, schema: crate::contract::GraphqlSchema) -> crate::Contract {
    crate::Contract { openapi, schema }
}

/// Coverage internals: the check pass with its counts collected.
pub mod coverage {
    /// `settings` with a fresh coverage sink: a run with them collects the
    /// counts `plain-contract coverage` reports (the bench then drops them).
    pub fn collecting(settings: crate::Settings) -> crate::Settings {
        settings.with_coverage(std::sync::Arc::default())
    }

    /// How many coordinates of `schema` a report lists.
    pub fn universe_len(schema: &crate::contract::GraphqlSchema) -> usize {
        crate::coverage::universe::of(&schema.schema).len()
    }
}

/// `verify`'s run, for benches/verify.rs.
#[cfg(feature = "verify")]
pub mod verify {
    use std::path::PathBuf;

    /// Replays `paths` against `target` (key `token`) with `concurrency`
    /// workers, unpaced; the number of exchanges verified, or why the run
    /// could not be done.
    pub fn run(checker: &crate::Checker, target: &str, token: &str, paths: &[PathBuf], concurrency: usize) -> Result<usize, String> {
        let opts = crate::verify::Options {
            target: target.to_string(),
            token: token.to_string(),
            paths: paths.to_vec(),
            concurrency,
            rate: Some(0),
            timeout: std::time::Duration::from_secs(30),
            ..Default::default()
        };
        match crate::verify::run(checker, &opts) {
            Ok((outcome, _)) => Ok(outcome.replays.map_or(0, |r| r.count("verified"))),
            Err(crate::verify::VerifyError::Run(m)) => Err(m),
            Err(crate::verify::VerifyError::Fixtures(o)) => Err(o.render(crate::Format::Human)),
        }
    }
}
