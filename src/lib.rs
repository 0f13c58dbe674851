//! plain-contract: checks traffic to Plain's GraphQL-over-HTTP API against its
//! two-layer contract, the OpenAPI 3.0 transport document and the GraphQL schema.
//!
//! The front door is [`Checker`]: build it once (the contract compiled, the
//! [`Settings`] fixed), then check as many files, folders or in-memory texts
//! as you like. Each call returns an [`Outcome`]: what was checked and every
//! [`Diagnostic`] (a stable [`Code`], a [`Severity`], the file, a JSON
//! pointer and the line:col). [`Checker::render`] writes it in any [`Format`].
//!
//! Checking a folder of recorded fixtures inside `cargo test`:
//!
//! ```
//! use plain_contract::{Checker, Format, Settings};
//! let checker = Checker::builder()
//!     .settings(Settings::default())
//!     .build()
//!     .expect("the embedded contract loads");
//! let outcome = checker.check_paths(&["fixtures/customers"]);
//! assert_eq!(outcome.errors(), 0, "{}", checker.render(&outcome, Format::Human));
//! ```
//!
//! Text an editor holds in memory is checked as the file it would be:
//!
//! ```
//! # let checker = plain_contract::Checker::builder().build().unwrap();
//! let outcome = checker.check_text("draft.graphql", "query { customers { edges { node { nickname } } } }");
//! assert_eq!(outcome.diagnostics[0].code, plain_contract::Code::OperationInvalid);
//! ```
//!
//! Data flows forward only: [`contract`] loads the specs once, [`check`] runs
//! pure checks that return diagnostics, and [`report`] renders them. The
//! library never prints and holds no process-wide settings.
//!
//! # Cargo features
//!
//! `serve` (the reference server), `record` (the recording proxy), `conform`
//! (stateful conformance runs, which need `serve`) and `fetch` (schemas fetched
//! from a URL) are on by default. With `default-features = false` only the
//! checks are built, without axum, tokio, hyper or ureq: a schema URL is refused
//! with the reason, and the CLI has no `serve`, `record` or `conform` subcommand.

// A Diagnostic is the error payload of per-file loaders: returned once per
// file, never on a hot path, so boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub mod check;
mod checker;
#[doc(hidden)]
pub mod cli;
pub mod compat;
pub mod config;
#[cfg(feature = "conform")]
pub mod conform;
pub mod contract;
pub mod diagnostic;
pub mod evolve;
pub mod exchange;
pub mod generate;
#[cfg(feature = "listen")]
pub mod listen;
pub mod node;
pub mod project;
#[cfg(feature = "record")]
pub mod record;
pub mod report;
pub mod secrets;
#[cfg(feature = "serve")]
pub mod serve;
pub mod settings;
pub mod source;
pub mod suggest;
pub mod util;

pub use check::Outcome;
pub use checker::{Checker, CheckerBuilder};
pub use contract::Contract;
pub use diagnostic::{Code, Diagnostic, Severity};
pub use report::Format;
pub use settings::Settings;

/// Exit code: no errors.
pub const EXIT_OK: i32 = 0;
/// Exit code: contract violations found.
pub const EXIT_VIOLATIONS: i32 = 1;
/// Exit code: the run could not be done (bad flags, unusable spec).
pub const EXIT_UNUSABLE: i32 = 2;
