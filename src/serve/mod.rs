//! The reference server of Plain's Customers API (feature `serve`), for
//! testing a client against it on loopback:
//!
//! ```
//! use plain_contract::serve::{start, Options, Store, DEV_KEY};
//! use plain_contract::Contract;
//! let contract = Contract::embedded().expect("the embedded contract loads");
//! let options = Options { listen: "127.0.0.1:0".parse().unwrap(), ..Options::default() };
//! let server = start(contract, Store::new(), options).expect("listens on loopback");
//! // POST GraphQL to server.url() with `Authorization: Bearer {DEV_KEY}`;
//! // the server stops when `server` is dropped.
//! assert!(server.url().starts_with("http://127.0.0.1:"));
//! # let _ = DEV_KEY;
//! ```
//!
//! Inside, two layers, each testable without HTTP: `store`, the in-memory
//! workspace (customers, customer groups and their memberships, tenants,
//! companies, customer events) with the business rules of `SEMANTICS.md` as
//! plain Rust methods on typed values; and `exec`, which runs one validated
//! GraphQL operation against the store through apollo-compiler's
//! `resolvers::Execution`, turning store failures into `MutationError`
//! outputs (mutations) or top-level errors (queries). The HTTP layer (`http`,
//! hyper through the shared listener) wraps the store in a mutex and executes
//! once per request.

pub(crate) mod exec;
pub(crate) mod http;
pub(crate) mod store;

pub use crate::listen::Running;
pub use http::{start, ApiKey, KeyError, Options, Service, DEV_KEY};
pub use store::Store;
