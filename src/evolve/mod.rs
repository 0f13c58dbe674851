//! Following a schema as it changes: loading it from any source (SDL files,
//! introspection JSON, a URL, a built-in name), pulling the served schema as
//! SDL, and diffing two schemas with every change classified breaking,
//! dangerous or safe.
//!
//! - [`source`]: what `--schema` and `schema diff OLD NEW` accept;
//! - [`introspection`]: introspection JSON checked and printed as SDL;
//! - [`fetch`]: the introspection query over HTTP(S), bounded;
//! - [`diff`](mod@diff): graphql-js 16's breaking and dangerous changes, plus the safe ones;
//! - [`render`]: a diff in every output format.

pub mod diff;
pub mod fetch;
pub mod introspection;
pub mod render;
pub mod source;

pub use diff::{diff, Change, Criticality};
pub use source::{load, load_text, load_with, LoadedSchema};
