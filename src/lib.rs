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
//! A client project (graphql-config, `codegen.ts`, `plain-contract.toml`) is
//! checked as `plain-contract check` checks it, by [`ProjectRun`]: the
//! command line parses its flags into one `ProjectRun` and runs it.
//!
//! That is the whole public surface: [`Checker`] and [`CheckerBuilder`],
//! [`ProjectRun`] with its [`RunOutcome`] and [`RunError`], [`Contract`]
//! and its [`LoadError`], [`Settings`] (with [`Level`] and [`Expect`]),
//! [`Outcome`] and its [`Item`]s, [`Shard`], [`Tick`], [`Diagnostic`],
//! [`Code`] (with its [`CodeInfo`]), [`Severity`], [`Format`], and
//! [`pull_schema`], [`diff_schemas`] (with [`SchemaChange`],
//! [`Criticality`] and [`SchemaLocation`]) and [`schema_impact`] (with
//! [`SchemaImpact`], [`Impact`], [`BrokenItem`], [`ImpactFinding`] and
//! [`UseSite`]); with the default features also
//! [`serve`] (the reference server, to test a client against on loopback),
//! [`record`] (the recording proxy) and [`conform`] (stateful conformance
//! runs). Everything else is internal. The library never prints and holds no
//! process-wide settings; docs/architecture.md describes the inside.
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
// No unwrap, expect or panic outside tests: a failure is a typed error or a
// diagnostic, never a crash (issue 25 item 5). Tests (cfg(test) here, and the
// integration tests, benches and fuzz targets, which are separate crates) may.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
// Only what lib.rs re-exports is public; everything else is pub(crate).
#![warn(unreachable_pub)]
// The crate docs link to `serve`, `record` and `conform`, which a build
// without the default features lacks (the default build checks every link).
#![cfg_attr(
    not(all(feature = "serve", feature = "record", feature = "conform")),
    allow(rustdoc::broken_intra_doc_links)
)]

pub(crate) mod check;
mod checker;
#[doc(hidden)]
pub mod cli;
pub(crate) mod compat;
pub(crate) mod config;
#[cfg(feature = "conform")]
pub mod conform;
pub(crate) mod contract;
pub(crate) mod coverage;
pub(crate) mod diagnostic;
pub(crate) mod evolve;
pub(crate) mod exchange;
pub(crate) mod generate;
pub(crate) mod input;
#[cfg(feature = "listen")]
pub(crate) mod listen;
pub(crate) mod node;
pub(crate) mod outcome;
pub(crate) mod project;
#[cfg(feature = "record")]
pub mod record;
pub(crate) mod report;
mod run;
mod schemas;
pub(crate) mod secrets;
#[cfg(feature = "serve")]
pub mod serve;
pub(crate) mod settings;
pub(crate) mod source;
pub(crate) mod suggest;
pub(crate) mod util;
#[cfg(feature = "verify")]
pub(crate) mod verify;

pub use checker::{Checker, CheckerBuilder};
pub use contract::{Contract, LoadError};
pub use diagnostic::{Code, CodeInfo, Diagnostic, Severity};
pub use input::{Shard, Tick};
pub use outcome::{Item, Outcome, Via};
pub use report::Format;
pub use run::{ProjectRun, RunError, RunOutcome};
pub use schemas::{
    diff_schemas, pull_schema, schema_impact, BrokenItem, Criticality, Impact, ImpactFinding, SchemaChange, SchemaImpact, SchemaLocation,
    UseSite,
};
pub use settings::{Expect, Level, Settings};

#[doc(hidden)]
pub mod __private;

/// Exit code: no errors.
pub const EXIT_OK: i32 = 0;
/// Exit code: contract violations found.
pub const EXIT_VIOLATIONS: i32 = 1;
/// Exit code: the run could not be done (bad flags, unusable spec).
pub const EXIT_UNUSABLE: i32 = 2;

#[cfg(test)]
mod tests;
