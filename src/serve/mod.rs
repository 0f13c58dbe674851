//! A reference server of Plain's Customers API, as pure library code.
//!
//! Two layers, each usable and testable without HTTP:
//! - [`store`]: the in-memory workspace (customers, customer groups and their
//!   memberships, tenants, companies, customer events) and the business rules of
//!   `SEMANTICS.md` as plain Rust methods on typed values.
//! - [`exec`]: runs one validated GraphQL operation against the store through
//!   apollo-compiler's `resolvers::Execution`, turning store failures into
//!   `MutationError` outputs (mutations) or top-level errors (queries).
//!
//! The HTTP layer (axum) wraps the [`store::Store`] in a mutex and calls
//! [`exec::execute`] once per request.

pub(crate) mod exec;
pub(crate) mod http;
pub(crate) mod store;
