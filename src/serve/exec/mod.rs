//! Executes one validated GraphQL operation against the [`Store`].
//!
//! # Why apollo-compiler's executor
//!
//! The crate already parses and validates documents with apollo-compiler, and its
//! `resolvers::Execution` implements the parts of the GraphQL spec that are easy to get
//! subtly wrong: variable and argument coercion (defaults, list wrapping, Int range),
//! `@skip`/`@include`, fragments and field merging, `__typename`, introspection, result
//! coercion, serial execution of mutation fields, and null propagation of field errors
//! (a failing non-null root such as `customers` turns `data` into `null`). Using it keeps
//! this module to the Customers API itself: one resolver per field.
//!
//! So it is not a walk of [`crate::visit`], as the checks are: the executor
//! walks the operation (CollectFields, fragments, merging) and calls one
//! resolver per field; this module writes resolvers, not a walk. The request's
//! own checks (Plain's rules in `serve/http.rs`) run through the visitor, and
//! the JSON conversions here are bounded by the walks' one depth limit,
//! [`crate::node::MAX_DEPTH`].
//!
//! # Design
//!
//! One [`ObjectValue`] type, `Node`, covers every GraphQL object:
//! - the roots `Query` and `Mutation`, which check permissions, parse the coerced arguments
//!   into the store's typed inputs, call the store, and build the result;
//! - `Customer`, resolved lazily from a snapshot, because its connection fields take
//!   arguments (`customerGroupMemberships(first:…)`) and read the store when selected;
//! - every other object, built eagerly as JSON that carries its `__typename`
//!   (`DateTime`, `MutationError`, `CustomerGroup`, actors, `EventComponent` members…).
//!   A `{"__typename":"Customer","__ref":id}` object inside that JSON stands for a customer
//!   and is looked up when reached.
//!
//! The store is locked per resolver, not for the whole request: a mutation field's store call
//! runs under one lock (so it is atomic, and N identical concurrent upserts give one CREATED),
//! and a customer is read into a snapshot under one lock (so its fields are consistent), while
//! parsing, coercion and the rendering of the response run outside it, in parallel. No lock is
//! held while a nested value is resolved.
//!
//! Errors: mutations report failures in their output's `error` field (`MutationError`).
//! Queries fail with a field error whose `extensions.code` is `FORBIDDEN` (missing permission)
//! or `BAD_USER_INPUT` (pagination, filters, search). apollo-compiler's `FieldError` carries
//! only a message, so the code travels in the message (`CODE` U+001F `message`) and is moved
//! into `extensions.code` afterwards; any other error gets `INTERNAL_SERVER_ERROR`, so that
//! every error has `extensions.code`. Variable coercion errors and an unknown `operationName`
//! are request errors: `{"errors":[…]}` with `BAD_USER_INPUT` and no `data`.
//! Schema introspection is enabled, with `__Type.isOneOf` (`one_of_field`).
//!
//! # Layout
//!
//! This file runs a request ([`execute`]) and turns errors into responses; `permissions`
//! says what each root field needs; `resolve` holds the resolvers and the mutation
//! dispatch; `input` parses coerced arguments into the store's inputs; `output` renders
//! store values as JSON; `json` converts between `serde_json` and apollo-compiler's JSON.

mod input;
mod json;
mod one_of_field;
mod output;
mod permissions;
mod resolve;
#[cfg(test)]
mod tests;

use input::*;
pub use json::node_to_json_bytes;
use json::*;
use output::*;
use permissions::missing_permission;
pub(crate) use permissions::required_permissions;
use resolve::*;

use super::store::{
    forbidden_message, iso8601, parse_iso8601, Actor, CompanyKey, Customer, CustomerEvent, CustomerFilter, CustomerGroup, CustomerKey,
    CustomerOrder, CustomerPatch, GroupFields, GroupKey, GroupMembership, GroupPatch, MutationFailure, NewCustomer, NewEvent, Page,
    PageArgs, SearchField, Store, Tenant, TenantChange, TenantFields, TenantKey, TenantMembership,
};
use apollo_compiler::request::coerce_variable_values;
use apollo_compiler::resolvers::{Execution, FieldError, ObjectValue, ResolveInfo, ResolvedValue};
use apollo_compiler::response::{GraphQLError, JsonMap, JsonValue};
use apollo_compiler::validation::Valid;
use apollo_compiler::{ExecutableDocument, Schema};
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::{Mutex, MutexGuard};

/// Who is calling: the API key's permissions and the machine user that acts.
pub struct Caller<'a> {
    /// Permissions granted to the caller, such as `customer:read`.
    pub permissions: &'a BTreeSet<String>,
    /// Id of the machine user the writes are attributed to.
    pub actor_id: &'a str,
}

/// Separates the error code from the message inside a `FieldError`.
const CODE_SEP: char = '\u{1f}';

/// What apollo-compiler puts before a resolver's `FieldError` message.
const RESOLVER_PREFIX: &str = "resolver error: ";

/// Executes one operation; returns the full GraphQL response body (`{"data":...}` and/or `"errors":[...]`).
/// `doc` is already validated against `schema`; variables are raw JSON, coerced here (a coercion
/// error gives `{"errors":[{"message":..., "extensions":{"code":"BAD_USER_INPUT"}}]}` with no data).
#[cfg(test)]
pub(crate) fn execute(
    schema: &Valid<Schema>,
    doc: &Valid<ExecutableDocument>,
    operation_name: Option<&str>,
    variables: &serde_json::Map<String, serde_json::Value>,
    store: &Mutex<Store>,
    caller: &Caller,
) -> serde_json::Value {
    match run(schema, doc, operation_name, variables, store, caller, false) {
        Ok(response) => serde_json::to_value(&response).unwrap_or_else(|e| internal_response(&e.to_string())),
        Err(v) => v,
    }
}

/// `execute` with the response written straight to JSON bytes (what the
/// server sends), for variables that plain-contract's own variables walker
/// (`check::variables`, which agrees with apollo-compiler's coercion on every
/// corpus case and generated value) has already accepted: when the operation
/// declares no variable default (the only thing coercion would add), the
/// variables are used as they are instead of being coerced a second time.
pub fn execute_checked_to_vec(
    schema: &Valid<Schema>,
    doc: &Valid<ExecutableDocument>,
    operation_name: Option<&str>,
    variables: JsonMap,
    store: &Mutex<Store>,
    caller: &Caller,
) -> Vec<u8> {
    let written = match run_raw(schema, doc, operation_name, variables, store, caller, true) {
        Ok(response) => serde_json::to_vec(&response),
        Err(v) => serde_json::to_vec(&v),
    };
    written.unwrap_or_else(|e| internal_response(&e.to_string()).to_string().into_bytes())
}

/// The execution; `Err` holds a request error's whole response.
#[cfg(test)]
fn run(
    schema: &Valid<Schema>,
    doc: &Valid<ExecutableDocument>,
    operation_name: Option<&str>,
    variables: &serde_json::Map<String, serde_json::Value>,
    store: &Mutex<Store>,
    caller: &Caller,
    checked: bool,
) -> Result<apollo_compiler::response::ExecutionResponse, Value> {
    let raw: JsonMap = variables.iter().map(|(k, v)| (k.as_str().into(), to_json_bytes(v))).collect();
    run_raw(schema, doc, operation_name, raw, store, caller, checked)
}

fn run_raw(
    schema: &Valid<Schema>,
    doc: &Valid<ExecutableDocument>,
    operation_name: Option<&str>,
    raw: JsonMap,
    store: &Mutex<Store>,
    caller: &Caller,
    checked: bool,
) -> Result<apollo_compiler::response::ExecutionResponse, Value> {
    // `__Type.isOneOf`, which apollo-compiler does not resolve (see `one_of_field`).
    let rewritten = one_of_field::rewrite(schema, doc);
    let doc = rewritten.as_ref().unwrap_or(doc);
    let operation = match doc.operations.get(operation_name) {
        Ok(op) => op,
        Err(e) => return Err(request_error(e.to_graphql_error(&doc.sources), "BAD_USER_INPUT")),
    };
    let coerced = if checked && operation.variables.iter().all(|v| v.default_value.is_none()) {
        Valid::assume_valid(raw)
    } else {
        match coerce_variable_values(schema, operation, &raw) {
            Ok(v) => v,
            Err(e) => return Err(request_error(e.to_graphql_error(&doc.sources), "BAD_USER_INPUT")),
        }
    };
    let is_mutation = operation.operation_type == apollo_compiler::executable::OperationType::Mutation;
    let ctx = Ctx {
        store,
        caller,
        started: std::cell::OnceCell::new(),
    };
    let root = Node {
        ctx: &ctx,
        kind: if is_mutation { Kind::Mutation } else { Kind::Query },
    };
    let result = Execution::new(schema, doc)
        .operation(operation)
        .coerced_variable_values(&coerced)
        .enable_schema_introspection(true)
        .execute_sync(&root);
    match result {
        Ok(mut response) => {
            for error in &mut response.errors {
                move_code_to_extensions(error);
            }
            if let (Some(_), Some(data)) = (&rewritten, response.data.as_mut()) {
                one_of_field::restore(schema, data);
            }
            Ok(response)
        }
        Err(e) => Err(request_error(e.to_graphql_error(&doc.sources), "INTERNAL_SERVER_ERROR")),
    }
}

fn request_error(mut error: GraphQLError, code: &str) -> Value {
    error.extensions.insert("code", code.into());
    match serde_json::to_value(&error) {
        Ok(e) => json!({ "errors": [e] }),
        Err(e) => internal_response(&e.to_string()),
    }
}

fn internal_response(message: &str) -> Value {
    json!({"errors": [{"message": message, "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]})
}

fn move_code_to_extensions(error: &mut GraphQLError) {
    let coded = error.message.strip_prefix(RESOLVER_PREFIX).and_then(|m| m.split_once(CODE_SEP));
    let code = match coded {
        Some((code, message)) => {
            let code = code.to_string();
            error.message = message.to_string();
            code
        }
        None => "INTERNAL_SERVER_ERROR".to_string(),
    };
    if !error.extensions.contains_key("code") {
        error.extensions.insert("code", code.into());
    }
}

/// A field error with a code for `extensions.code`.
fn coded(code: &str, message: impl std::fmt::Display) -> FieldError {
    FieldError {
        message: format!("{code}{CODE_SEP}{message}"),
    }
}

fn bad_input(message: impl std::fmt::Display) -> FieldError {
    coded("BAD_USER_INPUT", message)
}

fn busy() -> FieldError {
    coded("INTERNAL_SERVER_ERROR", "the store is busy")
}
