//! [`Mismatch`]: how a response differs from the model's prediction. Each
//! variant's text is what a conformance failure shows (a trace's `failure`,
//! the human report), so its wording is part of the output.

use std::collections::BTreeSet;
use std::fmt;

/// How a response differs from the prediction.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Mismatch {
    /// Not a 200.
    #[error("HTTP status {status}, expected 200")]
    Status {
        /// The status answered.
        status: u16,
    },
    /// A body that does not parse as JSON.
    #[error("the response body is not JSON")]
    NotJson,
    /// Top-level `errors` where data was expected (the first error).
    #[error("expected data, got GraphQL errors: {message} ({code})")]
    GraphqlErrors {
        /// Its `message`.
        message: String,
        /// Its `extensions.code`, or `no code`.
        code: String,
    },
    /// No `data.<field>`.
    #[error("the response has no data.{field}")]
    NoData {
        /// The mutation or query field.
        field: String,
    },
    /// Success where an error was predicted.
    #[error("expected {want}, got success")]
    GotSuccess {
        /// The error predicted (`error customer_already_exists_with_email`).
        want: String,
    },
    /// An upsert's `result` where an error was predicted.
    #[error("expected {want}, got result {result}")]
    GotResult {
        /// The error predicted.
        want: String,
        /// The `result` answered (`CREATED`, `UPDATED`, `NOOP`).
        result: String,
    },
    /// An error other than the one predicted, or where success was.
    #[error("expected {want}, got error {code}: {message}")]
    GotError {
        /// What was predicted (`success`, `UPDATED`, `error <code>`).
        want: String,
        /// The error's `code`.
        code: String,
        /// The error's `message`.
        message: String,
    },
    /// Another upsert `result` than predicted.
    #[error("expected result {want}, got {got}")]
    WrongResult {
        /// The result predicted.
        want: String,
        /// The result answered (`null` when none).
        got: String,
    },
    /// Null (or absent) where an object was predicted.
    #[error("expected {what}, got null")]
    Null {
        /// The payload field (`customer`, `customerGroup`, `customerEvent`).
        what: String,
    },
    /// A field the comparison needs is missing.
    #[error("{path} is missing")]
    Missing {
        /// Dotted path (`customer.id`).
        path: String,
    },
    /// Fields with other values than predicted, each named.
    #[error("{}", Joined(.0))]
    Fields(Vec<FieldDiff>),
    /// `CREATED` with the id of a customer the model already holds.
    #[error("CREATED a customer with the id of an existing one (C{number}): {id}")]
    CreatedExisting {
        /// The model's number of that customer (from 1).
        number: usize,
        /// The id.
        id: String,
    },
    /// A customer where none was predicted.
    #[error("expected null (no such customer), got customer {id}")]
    UnexpectedCustomer {
        /// Its id (`?` when it has none).
        id: String,
    },
    /// Null where a customer was predicted.
    #[error("expected customer C{number} ({id}), got null")]
    MissingCustomer {
        /// The model's number of that customer (from 1).
        number: usize,
        /// Its id.
        id: String,
    },
    /// A new group with the id of another one.
    #[error("the new customer group has the id of another one: {id}")]
    GroupIdTaken {
        /// The id.
        id: String,
    },
    /// `customerGroupMemberships` that is neither a list nor null.
    #[error("customerGroupMemberships is not a list: {got}")]
    NotAList {
        /// The value answered, as JSON.
        got: String,
    },
    /// A new membership of another customer.
    #[error("a new membership has customerId {got:?}, expected {want:?}")]
    MembershipOfOther {
        /// The customer id predicted.
        want: String,
        /// The customer id answered.
        got: String,
    },
    /// Memberships other than exactly the new ones.
    #[error("customerGroupMemberships should hold only the new memberships {want:?}, got {got:?} ({items} items)")]
    NotOnlyNew {
        /// The group ids predicted.
        want: BTreeSet<String>,
        /// The group ids answered.
        got: BTreeSet<String>,
        /// How many memberships were answered.
        items: usize,
    },
}

impl Mismatch {
    /// One field with another value than predicted.
    pub(crate) fn field(path: impl Into<String>, want: impl Into<String>, got: impl Into<String>) -> Mismatch {
        Mismatch::Fields(vec![FieldDiff {
            path: path.into(),
            want: want.into(),
            got: got.into(),
        }])
    }
}

/// One field that differs: `customer.fullName: expected "A", got "B"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FieldDiff {
    /// Dotted path (`customer.fullName`).
    pub path: String,
    /// The value predicted, as shown.
    pub want: String,
    /// The value answered, as shown.
    pub got: String,
}

impl fmt::Display for FieldDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: expected {}, got {}", self.path, self.want, self.got)
    }
}

/// Field differences joined by `; `.
struct Joined<'a>(&'a [FieldDiff]);

impl fmt::Display for Joined<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}
