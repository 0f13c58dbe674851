//! Small helpers with no domain of their own, shared by several modules so that
//! none of them reaches into another's internals for them: dates ([`date`]) and
//! URLs ([`url`]).

pub(crate) mod date;
pub(crate) mod negative;
pub(crate) mod url;
