//! Following a schema as it changes: diffing two schemas with every change
//! classified breaking, dangerous or safe, and what the changes break in the
//! user's own operations and exchanges. Loading a schema from any source
//! (SDL files, introspection JSON, a URL, a built-in name) and pulling the
//! served schema are the contract's job ([`crate::contract::source`]), since
//! `--schema` accepts the same sources; this module sits above the checks.
//!
//! - [`mod@diff`]: graphql-js 16's breaking and dangerous changes, plus the safe ones;
//! - [`impact`]: `--against PATHS`: broken operations and exchanges, use sites;
//! - [`queries`]: the queries of JSON inputs (bodies, fixtures, HAR, NDJSON) with their places;
//! - [`render`]: a diff in every output format;
//! - [`values`]: default values printed as graphql-js compares them.

pub(crate) mod diff;
pub(crate) mod impact;
pub(crate) mod queries;
pub(crate) mod render;
pub(crate) mod values;

pub(crate) use crate::contract::source::{fetch, LoadedSchema};
pub(crate) use diff::{diff, Criticality};
