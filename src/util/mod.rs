//! Small helpers with no domain of their own, shared by several modules so that
//! none of them reaches into another's internals for them: dates (`date`, for
//! the reference server and conformance runs only), URLs ([`url`]) and file
//! identities ([`path_key`]), serde's error messages in the user's terms
//! ([`serde_msg`]).

#[cfg(feature = "serve")]
pub(crate) mod date;
pub(crate) mod negative;
pub(crate) mod path_key;
pub(crate) mod serde_msg;
pub(crate) mod url;
