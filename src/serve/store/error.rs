//! The store's error model: [`MutationFailure`] and its parts, which map one to one
//! onto Plain's `MutationError` (`message`, `type`, `code`, `fields`); [`QueryError`],
//! a query's input the store refuses (a top-level `BAD_USER_INPUT`); and
//! [`SeedError`], seed data the store cannot load.

use super::MAX_PAGE_SIZE;

/// `MutationErrorType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ErrorType {
    /// Input was rejected.
    Validation,
    /// A permission is missing.
    Forbidden,
    /// Unexpected failure. No rule of the store fails this way today; the
    /// value is kept so the type maps the schema's enum one to one.
    #[allow(dead_code)]
    Internal,
}

impl ErrorType {
    /// The GraphQL enum value.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ErrorType::Validation => "VALIDATION",
            ErrorType::Forbidden => "FORBIDDEN",
            ErrorType::Internal => "INTERNAL",
        }
    }
}

/// `MutationFieldErrorType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FieldErrorType {
    /// Given but not acceptable.
    Validation,
    /// Missing or blank.
    Required,
    /// Points at nothing.
    NotFound,
}

impl FieldErrorType {
    /// The GraphQL enum value.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            FieldErrorType::Validation => "VALIDATION",
            FieldErrorType::Required => "REQUIRED",
            FieldErrorType::NotFound => "NOT_FOUND",
        }
    }
}

/// One `MutationFieldError`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FieldProblem {
    /// Dotted path of the input field, relative to `input`.
    pub field: String,
    /// Explanation.
    pub message: String,
    /// Kind of problem.
    pub kind: FieldErrorType,
}

/// Why a mutation failed: Plain's `MutationError`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MutationFailure {
    /// Explanation.
    pub message: String,
    /// `MutationErrorType`.
    pub kind: ErrorType,
    /// Stable code such as `input_validation` or `customer_already_exists_with_email`.
    pub code: String,
    /// Per-field problems.
    pub fields: Vec<FieldProblem>,
}

impl MutationFailure {
    /// A failure without field problems.
    pub(crate) fn new(kind: ErrorType, code: &str, message: impl Into<String>) -> MutationFailure {
        MutationFailure {
            message: message.into(),
            kind,
            code: code.to_string(),
            fields: Vec::new(),
        }
    }

    /// Adds a field problem.
    pub(crate) fn with_field(mut self, field: impl Into<String>, message: impl Into<String>, kind: FieldErrorType) -> MutationFailure {
        self.fields.push(FieldProblem {
            field: field.into(),
            message: message.into(),
            kind,
        });
        self
    }

    /// `input_validation` about one field.
    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>, kind: FieldErrorType) -> MutationFailure {
        let message = message.into();
        MutationFailure::new(ErrorType::Validation, "input_validation", message.clone()).with_field(field, message, kind)
    }

    /// `not_found` for an entity named by one input field.
    pub(crate) fn not_found(what: &str, field: impl Into<String>) -> MutationFailure {
        let message = format!("{what} not found");
        MutationFailure::new(ErrorType::Validation, "not_found", message.clone()).with_field(field, message, FieldErrorType::NotFound)
    }

    /// `forbidden` for a missing permission, in Plain's wording.
    pub(crate) fn forbidden(permission: &str) -> MutationFailure {
        MutationFailure::new(ErrorType::Forbidden, "forbidden", forbidden_message(permission))
    }

    /// `not_yet_implemented` for a mutation the reference server does not do.
    pub(crate) fn not_yet_implemented(mutation: &str) -> MutationFailure {
        MutationFailure::new(
            ErrorType::Validation,
            "not_yet_implemented",
            format!("{mutation} is not implemented by this reference server."),
        )
    }
}

/// Plain's message for a missing permission.
pub(crate) fn forbidden_message(permission: &str) -> String {
    format!("Insufficient permissions, missing \"{permission}\".")
}

/// A query's input the store refuses: pagination arguments or a search. Over
/// GraphQL it is a top-level `BAD_USER_INPUT` error with this message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum QueryError {
    /// `first` and `last` together.
    #[error("`first` and `last` cannot be used together")]
    FirstWithLast,
    /// `first` with `before`.
    #[error("`first` cannot be used with `before`; use `last` with `before`")]
    FirstWithBefore,
    /// `last` with `after`.
    #[error("`last` cannot be used with `after`; use `first` with `after`")]
    LastWithAfter,
    /// `first` or `last` below zero.
    #[error("`{name}` must not be negative, got {got}")]
    Negative {
        /// `first` or `last`.
        name: &'static str,
        /// The value given.
        got: i64,
    },
    /// `first` or `last` over [`MAX_PAGE_SIZE`].
    #[error("`{name}` must be at most {MAX_PAGE_SIZE}, got {got}")]
    TooLarge {
        /// `first` or `last`.
        name: &'static str,
        /// The value given.
        got: i64,
    },
    /// `after` or `before` that does not decode to a key of this list.
    #[error("`{name}` is not a valid cursor")]
    BadCursor {
        /// `after` or `before`.
        name: &'static str,
    },
    /// `searchCustomers` with an empty or missing `or` list.
    #[error("searchQuery.or needs at least one condition")]
    NoSearchCondition,
}

/// Seed data the store cannot load. The store is unchanged.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SeedError {
    /// Not the shape seed data has (the path inside it, then serde's reason).
    #[error("seed data: {0}")]
    Shape(#[from] serde_path_to_error::Error<serde_json::Error>),
    /// A group the store's rules refuse.
    #[error("seed data: customerGroups[{index}]: {} ({})", .failure.message, .failure.code)]
    Group {
        /// Its index in `customerGroups`.
        index: usize,
        /// Why.
        failure: MutationFailure,
    },
    /// A customer the store's rules refuse.
    #[error("seed data: customers[{index}]: {} ({})", .failure.message, .failure.code)]
    Customer {
        /// Its index in `customers`.
        index: usize,
        /// Why.
        failure: MutationFailure,
    },
}
