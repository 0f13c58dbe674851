//! plain-contract: checks traffic to Plain's GraphQL-over-HTTP API against its
//! two-layer contract, the OpenAPI 3.0 transport document and the GraphQL schema.
//!
//! Data flows forward only: [`contract`] loads the specs once, [`check`] runs
//! pure checks that return [`Diagnostic`]s, and [`report`] renders them.
//!
//! ```
//! use plain_contract::{check, contract::Contract};
//! let contract = Contract::embedded().expect("the embedded contract loads");
//! let outcome = check::check_contract(&contract, &Default::default());
//! assert!(outcome.diagnostics.is_empty());
//! ```

// A Diagnostic is the error payload of per-file loaders: returned once per
// file, never on a hot path, so boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod cli;
pub mod compat;
pub mod config;
pub mod conform;
pub mod contract;
pub mod diagnostic;
pub mod evolve;
pub mod exchange;
pub mod generate;
pub mod node;
pub mod project;
pub mod record;
pub mod report;
pub mod secrets;
pub mod serve;
pub mod source;
pub mod suggest;
pub mod util;

pub use diagnostic::{Code, Diagnostic, Severity};

/// Exit code: no errors.
pub const EXIT_OK: i32 = 0;
/// Exit code: contract violations found.
pub const EXIT_VIOLATIONS: i32 = 1;
/// Exit code: the run could not be done (bad flags, unusable spec).
pub const EXIT_UNUSABLE: i32 = 2;
