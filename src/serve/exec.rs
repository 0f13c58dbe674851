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
//! Schema introspection is enabled.

use super::store::{
    forbidden_message, iso8601, one_of, parse_iso8601, Actor, CompanyKey, Customer, CustomerEvent, CustomerFilter, CustomerGroup,
    CustomerKey, CustomerOrder, CustomerPatch, GroupFields, GroupKey, GroupMembership, GroupPatch, MutationFailure, NewCustomer, NewEvent,
    Page, PageArgs, SearchField, Store, Tenant, TenantChange, TenantFields, TenantKey, TenantMembership,
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

/// The permissions an operation's root field needs (SEMANTICS.md §3 table); unknown fields need nothing.
pub fn required_permissions(field: &str) -> &'static [&'static str] {
    match field {
        "customer" | "customerByEmail" | "customerByExternalId" | "customers" | "searchCustomers" | "customerGroup" | "customerGroups" => {
            &["customer:read"]
        }
        "upsertCustomer" => &["customer:create", "customer:edit"],
        "deleteCustomer" => &["customer:delete"],
        "markCustomerAsSpam" | "unmarkCustomerAsSpam" | "updateCustomerCompany" => &["customer:edit"],
        "createCustomerGroup" => &["customerGroup:create"],
        "upsertCustomerGroup" => &["customerGroup:create", "customerGroup:edit"],
        "updateCustomerGroup" => &["customerGroup:edit"],
        "deleteCustomerGroup" => &["customerGroup:delete"],
        "addCustomerToCustomerGroups" => &["customerGroupMembership:create"],
        "removeCustomerFromCustomerGroups" => &["customerGroupMembership:delete"],
        "createCustomerEvent" => &["customerEvent:create"],
        "addCustomerToTenants" => &["customer:edit", "customerTenantMembership:create"],
        "removeCustomerFromTenants" => &["customer:edit", "customerTenantMembership:delete"],
        "setCustomerTenants" => &[
            "customer:edit",
            "customerTenantMembership:create",
            "customerTenantMembership:delete",
        ],
        _ => &[],
    }
}

fn missing_permission(caller: &Caller, field: &str) -> Option<&'static str> {
    required_permissions(field)
        .iter()
        .copied()
        .find(|p| !caller.permissions.contains(*p))
}

/// Executes one operation; returns the full GraphQL response body (`{"data":...}` and/or `"errors":[...]`).
/// `doc` is already validated against `schema`; variables are raw JSON, coerced here (a coercion
/// error gives `{"errors":[{"message":..., "extensions":{"code":"BAD_USER_INPUT"}}]}` with no data).
pub fn execute(
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

/// [`execute`] with the response written straight to JSON bytes (what the
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

/// A request's variables (a positioned tree) for apollo-compiler, converted directly.
pub fn node_to_json_bytes(v: &crate::node::Node, depth: usize) -> JsonValue {
    use crate::node::Value as N;
    if depth > crate::node::MAX_DEPTH {
        return JsonValue::Null;
    }
    match &v.value {
        N::Null | N::NonFinite(_) => JsonValue::Null,
        N::Bool(b) => JsonValue::Bool(*b),
        N::Number(n) => JsonValue::Number(n.clone()),
        N::String(s) => JsonValue::from(s.as_str()),
        N::Array(items) => JsonValue::Array(items.iter().map(|i| node_to_json_bytes(i, depth + 1)).collect()),
        N::Object(m) => JsonValue::Object(
            m.iter()
                .map(|(k, v)| (k.name.as_str().into(), node_to_json_bytes(v, depth + 1)))
                .collect(),
        ),
    }
}

/// A variable's value for apollo-compiler, converted directly (a serde round
/// trip through the serializer cost more than the rest of an upsert). The
/// depth is bounded by the request parser's (128); deeper values become null.
fn to_json_bytes(v: &Value) -> JsonValue {
    to_bytes_at(v, 0)
}

fn to_bytes_at(v: &Value, depth: usize) -> JsonValue {
    if depth > crate::node::MAX_DEPTH {
        return JsonValue::Null;
    }
    match v {
        Value::Null => JsonValue::Null,
        Value::Bool(b) => JsonValue::Bool(*b),
        Value::Number(n) => JsonValue::Number(n.clone()),
        Value::String(s) => JsonValue::from(s.as_str()),
        Value::Array(items) => JsonValue::Array(items.iter().map(|i| to_bytes_at(i, depth + 1)).collect()),
        Value::Object(m) => JsonValue::Object(m.iter().map(|(k, v)| (k.as_str().into(), to_bytes_at(v, depth + 1))).collect()),
    }
}

/// The reverse of [`to_json_bytes`], for coerced arguments.
fn from_json_bytes(v: &JsonValue, depth: usize) -> Value {
    if depth > crate::node::MAX_DEPTH {
        return Value::Null;
    }
    match v {
        JsonValue::Null => Value::Null,
        JsonValue::Bool(b) => Value::Bool(*b),
        JsonValue::Number(n) => Value::Number(n.clone()),
        JsonValue::String(s) => Value::String(s.as_str().to_string()),
        JsonValue::Array(items) => Value::Array(items.iter().map(|i| from_json_bytes(i, depth + 1)).collect()),
        JsonValue::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.as_str().to_string(), from_json_bytes(v, depth + 1)))
                .collect(),
        ),
    }
}

fn to_leaf(v: &Value) -> JsonValue {
    match v {
        Value::Bool(b) => JsonValue::Bool(*b),
        Value::Number(n) => JsonValue::Number(n.clone()),
        Value::String(s) => JsonValue::from(s.as_str()),
        _ => JsonValue::Null,
    }
}

struct Ctx<'s> {
    store: &'s Mutex<Store>,
    caller: &'s Caller<'s>,
    /// `Store::started_at`, read once when first needed: some customer
    /// fields need it and nothing else from the store.
    started: std::cell::OnceCell<i64>,
}

impl Ctx<'_> {
    fn lock(&self) -> Result<MutexGuard<'_, Store>, FieldError> {
        self.store.lock().map_err(|_| busy())
    }

    fn started(&self) -> Result<i64, FieldError> {
        match self.started.get() {
            Some(t) => Ok(*t),
            None => {
                let t = self.lock()?.started_at();
                Ok(*self.started.get_or_init(|| t))
            }
        }
    }
}

enum Kind<'a> {
    Query,
    Mutation,
    Customer(Box<Customer>),
    /// A customer's `EmailAddress`, read from its snapshot.
    Email(&'a Customer),
    Json(Cow<'a, Map<String, Value>>),
}

struct Node<'a, 's> {
    ctx: &'a Ctx<'s>,
    kind: Kind<'a>,
}

impl<'a, 's> ObjectValue for Node<'a, 's> {
    fn type_name(&self) -> &str {
        match &self.kind {
            Kind::Query => "Query",
            Kind::Mutation => "Mutation",
            Kind::Customer(_) => "Customer",
            Kind::Email(_) => "EmailAddress",
            Kind::Json(m) => m.get("__typename").and_then(Value::as_str).unwrap_or(""),
        }
    }

    fn resolve_field<'b>(&'b self, info: &'b ResolveInfo<'b>) -> Result<ResolvedValue<'b>, FieldError> {
        match &self.kind {
            Kind::Query => self.query_field(info),
            Kind::Mutation => self.mutation_field(info),
            Kind::Customer(c) => self.customer_field(c, info),
            Kind::Email(c) => match info.field_name() {
                "email" => Ok(ResolvedValue::Leaf(JsonValue::from(c.email.as_str()))),
                "isVerified" => Ok(ResolvedValue::Leaf(JsonValue::Bool(c.email_verified))),
                "verifiedAt" => match c.email_verified_at {
                    Some(ms) => self.resolve_value(Cow::Owned(date_time(ms)), false),
                    None => Ok(ResolvedValue::null()),
                },
                _ => Err(self.unknown_field_error(info)),
            },
            Kind::Json(m) => match m.get(info.field_name()) {
                Some(v) => self.resolve_value(Cow::Borrowed(v), true),
                None => Ok(ResolvedValue::null()),
            },
        }
    }
}

/// The field's arguments as `serde_json` (already coerced by apollo-compiler).
fn arguments(info: &ResolveInfo<'_>) -> Result<Map<String, Value>, FieldError> {
    Ok(info
        .arguments()
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), from_json_bytes(v, 0)))
        .collect())
}

impl<'a, 's> Node<'a, 's> {
    fn node<'b>(&'b self, kind: Kind<'b>) -> ResolvedValue<'b> {
        ResolvedValue::object(Node { ctx: self.ctx, kind })
    }

    /// JSON to a resolved value. `allow_list` is false for list items: lists in this schema
    /// never nest, which also bounds the recursion to one level.
    fn resolve_value<'b>(&'b self, value: Cow<'b, Value>, allow_list: bool) -> Result<ResolvedValue<'b>, FieldError> {
        match value {
            Cow::Borrowed(Value::Array(items)) if allow_list => {
                let items: Vec<_> = items.iter().map(|i| self.resolve_value(Cow::Borrowed(i), false)).collect();
                Ok(ResolvedValue::List(Box::new(items.into_iter())))
            }
            Cow::Owned(Value::Array(items)) if allow_list => {
                let items: Vec<_> = items.into_iter().map(|i| self.resolve_value(Cow::Owned(i), false)).collect();
                Ok(ResolvedValue::List(Box::new(items.into_iter())))
            }
            Cow::Borrowed(Value::Object(m)) => self.resolve_object(Cow::Borrowed(m)),
            Cow::Owned(Value::Object(m)) => self.resolve_object(Cow::Owned(m)),
            Cow::Borrowed(Value::Array(_)) | Cow::Owned(Value::Array(_)) => Err(coded("INTERNAL_SERVER_ERROR", "nested list")),
            leaf => Ok(ResolvedValue::Leaf(to_leaf(&leaf))),
        }
    }

    fn resolve_object<'b>(&'b self, map: Cow<'b, Map<String, Value>>) -> Result<ResolvedValue<'b>, FieldError> {
        if map.get("__typename").and_then(Value::as_str) == Some("Customer") {
            if let Some(id) = map.get("__ref").and_then(Value::as_str) {
                let store = self.ctx.lock()?;
                return Ok(match store.customer(id) {
                    Some(c) => self.node(Kind::Customer(Box::new(c.clone()))),
                    None => ResolvedValue::null(),
                });
            }
        }
        Ok(self.node(Kind::Json(map)))
    }

    fn query_field<'b>(&'b self, info: &'b ResolveInfo<'b>) -> Result<ResolvedValue<'b>, FieldError> {
        let field = info.field_name();
        if let Some(permission) = missing_permission(self.ctx.caller, field) {
            return Err(coded("FORBIDDEN", forbidden_message(permission)));
        }
        let args = arguments(info)?;
        let store = self.ctx.lock()?;
        let started = store.started_at();
        let value = match field {
            "customer" => customer_ref(store.customer(&text(&args, "customerId").unwrap_or_default())),
            "customerByEmail" => customer_ref(store.customer_by_email(&text(&args, "email").unwrap_or_default())),
            "customerByExternalId" => customer_ref(store.customer_by_external_id(&text(&args, "externalId").unwrap_or_default())),
            "customers" => {
                let filter = customer_filter(args.get("filters"))?;
                let order = match args.get("sortBy") {
                    Some(s) if !s.is_null() => CustomerOrder::FullName {
                        descending: s.get("direction").and_then(Value::as_str) == Some("DESC"),
                    },
                    _ => CustomerOrder::Created,
                };
                let page = store.list_customers(&filter, order, &page_args(&args)).map_err(bad_input)?;
                connection("CustomerConnection", "CustomerEdge", &page, |c| customer_ref(Some(c)), true)
            }
            "searchCustomers" => {
                let conditions = search_conditions(args.get("searchQuery"))?;
                let page = store.search_customers(&conditions, &page_args(&args)).map_err(bad_input)?;
                connection(
                    "CustomerSearchConnection",
                    "CustomerSearchEdge",
                    &page,
                    |c| customer_ref(Some(c)),
                    false,
                )
            }
            "customerGroup" => store
                .group(&text(&args, "customerGroupId").unwrap_or_default())
                .map_or(Value::Null, |g| group_json(g, started)),
            "customerGroups" => {
                let ids = string_list(args.get("filters").and_then(|f| f.get("externalIds")));
                let page = store.list_groups(ids.as_deref(), &page_args(&args)).map_err(bad_input)?;
                connection(
                    "CustomerGroupConnection",
                    "CustomerGroupEdge",
                    &page,
                    |g| group_json(g, started),
                    false,
                )
            }
            _ => return Err(self.unknown_field_error(info)),
        };
        drop(store);
        self.resolve_value(Cow::Owned(value), true)
    }

    fn mutation_field<'b>(&'b self, info: &'b ResolveInfo<'b>) -> Result<ResolvedValue<'b>, FieldError> {
        let field = info.field_name();
        let output_type = info.field_definition().ty.inner_named_type().as_str();
        let outcome = match missing_permission(self.ctx.caller, field) {
            Some(permission) => Err(MutationFailure::forbidden(permission)),
            None => {
                let mut args = arguments(info)?;
                let input = match args.remove("input") {
                    Some(Value::Object(input)) => input,
                    _ => Map::new(),
                };
                let mut store = self.ctx.lock()?;
                let actor = Actor::MachineUser(self.ctx.caller.actor_id.to_string());
                run_mutation(&mut store, field, &input, &actor)
            }
        };
        let mut output = outcome.unwrap_or_else(|failure| {
            let mut m = Map::new();
            m.insert("error".to_string(), failure_json(&failure));
            m
        });
        output.insert("__typename".to_string(), Value::String(output_type.to_string()));
        self.resolve_value(Cow::Owned(Value::Object(output)), false)
    }

    fn customer_field<'b>(&'b self, c: &'b Customer, info: &'b ResolveInfo<'b>) -> Result<ResolvedValue<'b>, FieldError> {
        // Only the fields that read other records lock the store.
        let text = |s: &str| Ok(ResolvedValue::Leaf(JsonValue::from(s)));
        // The most selected fields are answered from the snapshot without building JSON.
        match info.field_name() {
            "id" => return text(&c.id),
            "externalId" => return c.external_id.as_deref().map_or(Ok(ResolvedValue::null()), text),
            "fullName" => return text(&c.full_name),
            "shortName" => return c.short_name.as_deref().map_or(Ok(ResolvedValue::null()), text),
            "email" => return Ok(self.node(Kind::Email(c))),
            _ => {}
        }
        let started = self.ctx.started()?;
        let value = match info.field_name() {
            "avatarUrl" | "assignedToUser" | "assignedAt" | "status" | "statusChangedAt" | "lastIdleAt" => Value::Null,
            "customerGroupMemberships" => {
                let store = self.ctx.lock()?;
                let args = arguments(info)?;
                let ids = string_list(args.get("filters").and_then(|f| f.get("customerGroupExternalIds")));
                let page = store
                    .group_memberships_of(&c.id, ids.as_deref(), &page_args(&args))
                    .map_err(bad_input)?;
                connection(
                    "CustomerGroupMembershipConnection",
                    "CustomerGroupMembershipEdge",
                    &page,
                    |(m, g)| membership_json(m, g, started),
                    false,
                )
            }
            "tenantMemberships" => {
                let store = self.ctx.lock()?;
                let args = arguments(info)?;
                let page = store.tenant_memberships_of(&c.id, &page_args(&args)).map_err(bad_input)?;
                connection(
                    "CustomerTenantMembershipConnection",
                    "CustomerTenantMembershipEdge",
                    &page,
                    |(m, t)| tenant_membership_json(m, t, started),
                    false,
                )
            }
            "company" => c
                .company_id
                .as_deref()
                .and_then(|id| self.ctx.lock().ok()?.company(id).cloned())
                .map_or(Value::Null, |co| {
                    json!({
                        "__typename": "Company",
                        "id": co.id,
                        "name": co.name,
                        "logoUrl": null,
                        "domainName": co.domain_name,
                        "createdAt": date_time(co.created_at),
                        "createdBy": actor_json(&co.created_by, started),
                        "updatedAt": date_time(co.created_at),
                        "updatedBy": actor_json(&co.created_by, started),
                        "contractValue": null,
                        "accountOwner": null,
                        "isDeleted": false,
                        "deletedAt": null,
                        "deletedBy": null,
                    })
                }),
            "isAnonymous" => json!(false),
            "createdAt" => date_time(c.created_at),
            "createdBy" => actor_json(&c.created_by, started),
            "updatedAt" => date_time(c.updated_at),
            "updatedBy" => actor_json(&c.updated_by, started),
            "markedAsSpamAt" => c.marked_as_spam.as_ref().map_or(Value::Null, |(at, _)| date_time(*at)),
            "markedAsSpamBy" => c.marked_as_spam.as_ref().map_or(Value::Null, |(_, by)| actor_json(by, started)),
            "identities" => json!([{"__typename": "EmailCustomerIdentity", "email": c.email}]),
            _ => return Err(self.unknown_field_error(info)),
        };
        self.resolve_value(Cow::Owned(value), true)
    }
}

// ----- mutations -----

fn run_mutation(store: &mut Store, field: &str, input: &Map<String, Value>, actor: &Actor) -> Result<Map<String, Value>, MutationFailure> {
    let started = store.started_at();
    let customer_out = |store: &Store, id: &str| out([("customer", customer_ref(store.customer(id)))]);
    match field {
        "upsertCustomer" => {
            let key = customer_key(input.get("identifier"), "identifier")?;
            let on_create = new_customer(object(input.get("onCreate")))?;
            let on_update = customer_patch(object(input.get("onUpdate")));
            let (result, id) = store.upsert_customer(&key, &on_create, &on_update, actor)?;
            Ok(out([
                ("result", json!(result.as_str())),
                ("customer", customer_ref(store.customer(&id))),
            ]))
        }
        "deleteCustomer" => {
            store.delete_customer(&text(input, "customerId").unwrap_or_default())?;
            Ok(Map::new())
        }
        "markCustomerAsSpam" => {
            let id = text(input, "customerId").unwrap_or_default();
            store.mark_spam(&id, actor)?;
            Ok(customer_out(store, &id))
        }
        "unmarkCustomerAsSpam" => {
            let id = text(input, "customerId").unwrap_or_default();
            store.unmark_spam(&id, actor)?;
            Ok(customer_out(store, &id))
        }
        "updateCustomerCompany" => {
            let id = text(input, "customerId").unwrap_or_default();
            let company = match input.get("companyIdentifier") {
                Some(v) if !v.is_null() => Some(company_key(v, "companyIdentifier")?),
                _ => None,
            };
            store.update_customer_company(&id, company.as_ref(), actor)?;
            Ok(customer_out(store, &id))
        }
        "createCustomerGroup" => {
            let id = store.create_group(&group_fields(input), actor)?;
            Ok(out([(
                "customerGroup",
                store.group(&id).map_or(Value::Null, |g| group_json(g, started)),
            )]))
        }
        "upsertCustomerGroup" => {
            let key = group_key(input.get("identifier"), "identifier")?;
            let (result, id) = store.upsert_group(&key, &group_fields(input), actor)?;
            Ok(out([
                ("result", json!(result.as_str())),
                ("customerGroup", store.group(&id).map_or(Value::Null, |g| group_json(g, started))),
            ]))
        }
        "updateCustomerGroup" => {
            let id = text(input, "customerGroupId").unwrap_or_default();
            let patch = GroupPatch {
                name: wrapped(input, "name"),
                key: wrapped(input, "key"),
                color: wrapped(input, "color"),
                external_id: optional_wrapped(input, "externalId"),
            };
            store.update_group(&id, &patch, actor)?;
            Ok(out([(
                "customerGroup",
                store.group(&id).map_or(Value::Null, |g| group_json(g, started)),
            )]))
        }
        "deleteCustomerGroup" => {
            store.delete_group(&text(input, "customerGroupId").unwrap_or_default())?;
            Ok(Map::new())
        }
        "addCustomerToCustomerGroups" => {
            let id = text(input, "customerId").unwrap_or_default();
            let keys = group_keys(input.get("customerGroupIdentifiers"), "customerGroupIdentifiers")?;
            let added = store.add_to_groups(&id, &keys, actor)?;
            let list: Vec<Value> = added
                .iter()
                .filter_map(|m| store.group(&m.group_id).map(|g| membership_json(m, g, started)))
                .collect();
            Ok(out([("customerGroupMemberships", Value::Array(list))]))
        }
        "removeCustomerFromCustomerGroups" => {
            let id = text(input, "customerId").unwrap_or_default();
            let keys = group_keys(input.get("customerGroupIdentifiers"), "customerGroupIdentifiers")?;
            store.remove_from_groups(&id, &keys)?;
            Ok(Map::new())
        }
        "addCustomerToTenants" | "removeCustomerFromTenants" | "setCustomerTenants" => {
            let change = match field {
                "addCustomerToTenants" => TenantChange::Add,
                "removeCustomerFromTenants" => TenantChange::Remove,
                _ => TenantChange::Set,
            };
            let key = customer_key(input.get("customerIdentifier"), "customerIdentifier")?;
            let tenants = tenant_keys(input.get("tenantIdentifiers"), "tenantIdentifiers")?;
            let id = store.change_tenants(&key, &tenants, change, actor)?;
            Ok(customer_out(store, &id))
        }
        "createCustomerEvent" => {
            let new = NewEvent {
                customer: customer_key(input.get("customerIdentifier"), "customerIdentifier")?,
                external_id: text(input, "externalId"),
                title: text(input, "title").unwrap_or_default(),
                components: input.get("components").and_then(Value::as_array).cloned().unwrap_or_default(),
                timestamp: text(input, "timestamp"),
            };
            let event = store.create_event(&new, actor)?;
            Ok(out([("customerEvent", event_json(&event, started))]))
        }
        "upsertTenant" => {
            let key = tenant_key(input.get("identifier").unwrap_or(&Value::Null), "identifier")?;
            let fields = TenantFields {
                name: text(input, "name").unwrap_or_default(),
                external_id: text(input, "externalId").unwrap_or_default(),
                url: optional_wrapped(input, "url"),
            };
            let (result, id) = store.upsert_tenant(&key, &fields, actor)?;
            Ok(out([
                ("result", json!(result.as_str())),
                ("tenant", store.tenant(&id).map_or(Value::Null, |t| tenant_json(t, started))),
            ]))
        }
        other => Err(MutationFailure::not_yet_implemented(other)),
    }
}

fn out<const N: usize>(fields: [(&str, Value); N]) -> Map<String, Value> {
    fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

// ----- input parsing (values are already coerced to the schema's types) -----

fn object(v: Option<&Value>) -> &Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    v.and_then(Value::as_object).unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

/// An `ID` or `String` value as text (`ID` may arrive as a number).
fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn text(obj: &Map<String, Value>, key: &str) -> Option<String> {
    obj.get(key).and_then(as_text)
}

/// `StringInput`: `None` when the wrapper is absent or null.
fn wrapped(obj: &Map<String, Value>, key: &str) -> Option<String> {
    obj.get(key).and_then(|w| w.get("value")).and_then(as_text)
}

/// `OptionalStringInput`: `None` when the wrapper is absent or null, `Some(None)` for `{value: null}`.
fn optional_wrapped(obj: &Map<String, Value>, key: &str) -> Option<Option<String>> {
    obj.get(key).and_then(Value::as_object).map(|w| w.get("value").and_then(as_text))
}

fn string_list(v: Option<&Value>) -> Option<Vec<String>> {
    v.and_then(Value::as_array).map(|items| items.iter().filter_map(as_text).collect())
}

fn one_text(v: Option<&Value>, allowed: &[&'static str], path: &str) -> Result<(&'static str, String), MutationFailure> {
    let (key, value) = one_of(object(v), allowed, path)?;
    Ok((key, as_text(value).unwrap_or_default()))
}

fn customer_key(v: Option<&Value>, path: &str) -> Result<CustomerKey, MutationFailure> {
    Ok(match one_text(v, &["externalId", "emailAddress", "customerId"], path)? {
        ("externalId", s) => CustomerKey::ExternalId(s),
        ("emailAddress", s) => CustomerKey::Email(s),
        (_, s) => CustomerKey::Id(s),
    })
}

fn group_key(v: Option<&Value>, path: &str) -> Result<GroupKey, MutationFailure> {
    Ok(match one_text(v, &["customerGroupId", "customerGroupKey", "externalId"], path)? {
        ("customerGroupId", s) => GroupKey::Id(s),
        ("customerGroupKey", s) => GroupKey::Key(s),
        (_, s) => GroupKey::ExternalId(s),
    })
}

fn tenant_key(v: &Value, path: &str) -> Result<TenantKey, MutationFailure> {
    Ok(match one_text(Some(v), &["tenantId", "externalId"], path)? {
        ("tenantId", s) => TenantKey::Id(s),
        (_, s) => TenantKey::ExternalId(s),
    })
}

fn company_key(v: &Value, path: &str) -> Result<CompanyKey, MutationFailure> {
    Ok(match one_text(Some(v), &["companyId", "companyDomainName"], path)? {
        ("companyId", s) => CompanyKey::Id(s),
        (_, s) => CompanyKey::DomainName(s),
    })
}

fn items(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn group_keys(v: Option<&Value>, path: &str) -> Result<Vec<GroupKey>, MutationFailure> {
    items(v)
        .iter()
        .enumerate()
        .map(|(i, g)| group_key(Some(g), &format!("{path}.{i}")))
        .collect()
}

fn tenant_keys(v: Option<&Value>, path: &str) -> Result<Vec<TenantKey>, MutationFailure> {
    items(v)
        .iter()
        .enumerate()
        .map(|(i, t)| tenant_key(t, &format!("{path}.{i}")))
        .collect()
}

fn new_customer(c: &Map<String, Value>) -> Result<NewCustomer, MutationFailure> {
    let email = object(c.get("email"));
    Ok(NewCustomer {
        external_id: text(c, "externalId"),
        full_name: text(c, "fullName").unwrap_or_default(),
        short_name: text(c, "shortName"),
        email: text(email, "email").unwrap_or_default(),
        is_verified: email.get("isVerified").and_then(Value::as_bool).unwrap_or(false),
        groups: group_keys(c.get("customerGroupIdentifiers"), "onCreate.customerGroupIdentifiers")?,
        tenants: tenant_keys(c.get("tenantIdentifiers"), "onCreate.tenantIdentifiers")?,
    })
}

fn customer_patch(u: &Map<String, Value>) -> CustomerPatch {
    CustomerPatch {
        external_id: optional_wrapped(u, "externalId"),
        full_name: wrapped(u, "fullName"),
        short_name: optional_wrapped(u, "shortName"),
        email: u.get("email").and_then(Value::as_object).map(|e| {
            (
                text(e, "email").unwrap_or_default(),
                e.get("isVerified").and_then(Value::as_bool).unwrap_or(false),
            )
        }),
    }
}

fn group_fields(input: &Map<String, Value>) -> GroupFields {
    GroupFields {
        name: text(input, "name").unwrap_or_default(),
        key: text(input, "key").unwrap_or_default(),
        color: text(input, "color").unwrap_or_default(),
        external_id: text(input, "externalId"),
    }
}

fn page_args(args: &Map<String, Value>) -> PageArgs {
    PageArgs {
        first: args.get("first").and_then(Value::as_i64),
        after: text(args, "after"),
        last: args.get("last").and_then(Value::as_i64),
        before: text(args, "before"),
    }
}

fn customer_filter(v: Option<&Value>) -> Result<CustomerFilter, FieldError> {
    let f = object(v);
    let time = |key: &str| -> Result<Option<i64>, FieldError> {
        match f.get("updatedAt").and_then(|u| u.get(key)).and_then(Value::as_str) {
            None => Ok(None),
            Some(s) => parse_iso8601(s)
                .map(Some)
                .ok_or_else(|| bad_input(format!("filters.updatedAt.{key}: {s:?} is not an ISO 8601 date-time"))),
        }
    };
    let keys_of = |key: &str, parse: &dyn Fn(&Value, &str) -> Result<(), MutationFailure>| -> Result<(), FieldError> {
        for (i, item) in items(f.get(key)).iter().enumerate() {
            parse(item, &format!("filters.{key}.{i}")).map_err(|e| bad_input(format!("filters.{key}.{i}: {}", e.message)))?;
        }
        Ok(())
    };
    keys_of("companyIdentifiers", &|v, p| company_key(v, p).map(|_| ()))?;
    keys_of("tenantIdentifiers", &|v, p| tenant_key(v, p).map(|_| ()))?;
    let present = |key: &str| f.get(key).is_some_and(|v| !v.is_null());
    Ok(CustomerFilter {
        is_marked_as_spam: f.get("isMarkedAsSpam").and_then(Value::as_bool),
        group_ids: string_list(f.get("customerGroupIds")),
        group_keys: string_list(f.get("customerGroupKeys")),
        companies: present("companyIdentifiers").then(|| {
            items(f.get("companyIdentifiers"))
                .iter()
                .filter_map(|v| company_key(v, "").ok())
                .collect()
        }),
        tenants: present("tenantIdentifiers").then(|| {
            items(f.get("tenantIdentifiers"))
                .iter()
                .filter_map(|v| tenant_key(v, "").ok())
                .collect()
        }),
        updated_after: time("after")?,
        updated_before: time("before")?,
    })
}

fn search_conditions(v: Option<&Value>) -> Result<Vec<(SearchField, String)>, FieldError> {
    let fields = ["fullName", "shortName", "email", "externalId", "timelineEntryText"];
    let mut out = Vec::new();
    for (i, condition) in items(object(v).get("or")).iter().enumerate() {
        let path = format!("searchQuery.or.{i}");
        let (field, expr) = one_of(object(Some(condition)), &fields, &path).map_err(|e| bad_input(format!("{path}: {}", e.message)))?;
        let needle =
            one_text(Some(expr), &["caseInsensitiveContains"], &path).map_err(|e| bad_input(format!("{path}.{field}: {}", e.message)))?;
        let field = match field {
            "fullName" => SearchField::FullName,
            "shortName" => SearchField::ShortName,
            "email" => SearchField::Email,
            "externalId" => SearchField::ExternalId,
            _ => SearchField::TimelineEntryText,
        };
        out.push((field, needle.1));
    }
    Ok(out)
}

// ----- output JSON -----

fn date_time(ms: i64) -> Value {
    json!({"__typename": "DateTime", "unixTimestamp": ms.to_string(), "iso8601": iso8601(ms)})
}

fn system_actor() -> Value {
    json!({"__typename": "SystemActor", "systemId": "system", "workflowExecutionId": null, "workflow": null})
}

/// A member of both `Actor` and `InternalActor`.
fn actor_json(actor: &Actor, started: i64) -> Value {
    match actor {
        Actor::System => system_actor(),
        Actor::MachineUser(id) => json!({
            "__typename": "MachineUserActor",
            "machineUserId": id,
            "machineUser": {
                "__typename": "MachineUser",
                "id": id,
                "fullName": format!("API key {id}"),
                "publicName": "API",
                "description": null,
                "type": "API_USER",
                "createdBy": system_actor(),
                "createdAt": date_time(started),
                "updatedBy": system_actor(),
                "updatedAt": date_time(started),
                "isDeleted": false,
                "deletedAt": null,
                "deletedBy": null,
            }
        }),
    }
}

fn customer_ref(c: Option<&Customer>) -> Value {
    c.map_or(Value::Null, |c| json!({"__typename": "Customer", "__ref": c.id}))
}

fn group_json(g: &CustomerGroup, started: i64) -> Value {
    json!({
        "__typename": "CustomerGroup",
        "id": g.id,
        "name": g.name,
        "key": g.key,
        "color": g.color,
        "externalId": g.external_id,
        "createdAt": date_time(g.created_at),
        "createdBy": actor_json(&g.created_by, started),
        "updatedAt": date_time(g.updated_at),
        "updatedBy": actor_json(&g.updated_by, started),
    })
}

fn membership_json(m: &GroupMembership, g: &CustomerGroup, started: i64) -> Value {
    json!({
        "__typename": "CustomerGroupMembership",
        "customerId": m.customer_id,
        "customerGroup": group_json(g, started),
        "createdAt": date_time(m.created_at),
        "createdBy": actor_json(&m.created_by, started),
        "updatedAt": date_time(m.created_at),
        "updatedBy": actor_json(&m.created_by, started),
    })
}

fn tenant_json(t: &Tenant, started: i64) -> Value {
    json!({
        "__typename": "Tenant",
        "id": t.id,
        "name": t.name,
        "externalId": t.external_id,
        "url": t.url,
        "source": "API",
        "createdAt": date_time(t.created_at),
        "createdBy": actor_json(&t.created_by, started),
        "updatedAt": date_time(t.updated_at),
        "updatedBy": actor_json(&t.updated_by, started),
    })
}

fn tenant_membership_json(m: &TenantMembership, t: &Tenant, started: i64) -> Value {
    json!({
        "__typename": "CustomerTenantMembership",
        "tenant": tenant_json(t, started),
        "createdAt": date_time(m.created_at),
        "createdBy": actor_json(&m.created_by, started),
        "updatedAt": date_time(m.created_at),
        "updatedBy": actor_json(&m.created_by, started),
    })
}

fn event_json(e: &CustomerEvent, started: i64) -> Value {
    json!({
        "__typename": "CustomerEvent",
        "id": e.id,
        "customerId": e.customer_id,
        "title": e.title,
        "components": e.components,
        "createdAt": date_time(e.created_at),
        "createdBy": actor_json(&e.created_by, started),
        "updatedAt": date_time(e.created_at),
        "updatedBy": actor_json(&e.created_by, started),
    })
}

fn failure_json(f: &MutationFailure) -> Value {
    let fields: Vec<Value> = f
        .fields
        .iter()
        .map(|p| json!({"__typename": "MutationFieldError", "field": p.field, "message": p.message, "type": p.kind.as_str()}))
        .collect();
    json!({"__typename": "MutationError", "message": f.message, "type": f.kind.as_str(), "code": f.code, "fields": fields})
}

fn connection<T>(type_name: &str, edge_type: &str, page: &Page<T>, node: impl Fn(&T) -> Value, with_total: bool) -> Value {
    let edges: Vec<Value> = page
        .edges
        .iter()
        .map(|(cursor, t)| json!({"__typename": edge_type, "cursor": cursor, "node": node(t)}))
        .collect();
    let mut m = Map::new();
    m.insert("__typename".to_string(), json!(type_name));
    m.insert("edges".to_string(), Value::Array(edges));
    m.insert(
        "pageInfo".to_string(),
        json!({
            "__typename": "PageInfo",
            "hasPreviousPage": page.has_previous_page,
            "hasNextPage": page.has_next_page,
            "startCursor": page.edges.first().map(|e| e.0.clone()),
            "endCursor": page.edges.last().map(|e| e.0.clone()),
        }),
    );
    if with_total {
        m.insert("totalCount".to_string(), json!(page.total_count));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Contract;
    use apollo_compiler::schema::ExtendedType;
    use std::sync::OnceLock;

    fn schema() -> &'static Valid<Schema> {
        static CONTRACT: OnceLock<Contract> = OnceLock::new();
        &CONTRACT
            .get_or_init(|| Contract::embedded().expect("embedded contract"))
            .schema
            .schema
    }

    const ALL: [&str; 14] = [
        "customer:read",
        "customer:create",
        "customer:edit",
        "customer:delete",
        "customerGroup:create",
        "customerGroup:edit",
        "customerGroup:delete",
        "customerGroupMembership:create",
        "customerGroupMembership:delete",
        "customerEvent:create",
        "customerTenantMembership:create",
        "customerTenantMembership:delete",
        "tenant:create",
        "tenant:edit",
    ];

    struct World {
        store: Store,
        perms: BTreeSet<String>,
    }

    impl World {
        fn new() -> World {
            World {
                store: Store::new(),
                perms: ALL.iter().map(|p| p.to_string()).collect(),
            }
        }

        fn run(&mut self, query: &str, vars: Value) -> Value {
            let doc = ExecutableDocument::parse_and_validate(schema(), query, "op.graphql").expect("valid operation");
            let caller = Caller {
                permissions: &self.perms,
                actor_id: "mu_test",
            };
            let vars = vars.as_object().cloned().unwrap_or_default();
            let store = Mutex::new(std::mem::take(&mut self.store));
            let r = execute(schema(), &doc, None, &vars, &store, &caller);
            self.store = store.into_inner().unwrap();
            r
        }

        /// Runs and asserts there are no top-level errors.
        fn ok(&mut self, query: &str, vars: Value) -> Value {
            let r = self.run(query, vars);
            assert!(r.get("errors").is_none(), "unexpected errors: {r:#}");
            r["data"].clone()
        }

        fn upsert(&mut self, identifier: Value, on_create: Value, on_update: Value) -> Value {
            let q = "mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) {
                result customer { id externalId fullName shortName email { email isVerified verifiedAt { iso8601 } } updatedAt { unixTimestamp } }
                error { message type code fields { field message type } } } }";
            self.ok(
                q,
                json!({"input": {"identifier": identifier, "onCreate": on_create, "onUpdate": on_update}}),
            )["upsertCustomer"]
                .clone()
        }

        fn add_customer(&mut self, name: &str, email: &str) -> String {
            let r = self.upsert(
                json!({"emailAddress": email}),
                json!({"fullName": name, "email": {"email": email, "isVerified": false}}),
                json!({}),
            );
            r["customer"]["id"].as_str().expect("customer id").to_string()
        }

        fn create_group(&mut self, key: &str) -> String {
            let q = "mutation($key: String!) { createCustomerGroup(input: {name: $key, key: $key, color: \"#000\"}) { customerGroup { id } error { code } } }";
            let r = self.ok(q, json!({"key": key}));
            r["createCustomerGroup"]["customerGroup"]["id"]
                .as_str()
                .expect("group id")
                .to_string()
        }
    }

    fn on_create(name: &str, email: &str) -> Value {
        json!({"fullName": name, "email": {"email": email, "isVerified": false}})
    }

    #[test]
    fn upsert_created_noop_updated() {
        let mut w = World::new();
        let ident = json!({"externalId": "u-1"});
        let r = w.upsert(ident.clone(), on_create("Ada Lovelace", "ada@example.com"), json!({}));
        assert_eq!(r["result"], "CREATED");
        assert_eq!(r["error"], Value::Null);
        assert_eq!(r["customer"]["externalId"], "u-1");
        let id = r["customer"]["id"].clone();
        let stamp = r["customer"]["updatedAt"]["unixTimestamp"].clone();

        let same = json!({"fullName": {"value": "Ada Lovelace"}, "shortName": {"value": null}});
        let r = w.upsert(ident.clone(), on_create("ignored", "ada@example.com"), same);
        assert_eq!(r["result"], "NOOP");
        assert_eq!(r["customer"]["id"], id);
        assert_eq!(r["customer"]["updatedAt"]["unixTimestamp"], stamp);

        let change = json!({"shortName": {"value": "Ada"}, "email": {"email": "ada@example.org", "isVerified": true}});
        let r = w.upsert(ident.clone(), on_create("ignored", "ada@example.com"), change);
        assert_eq!(r["result"], "UPDATED");
        assert_eq!(r["customer"]["id"], id);
        assert_eq!(r["customer"]["shortName"], "Ada");
        assert_eq!(r["customer"]["email"]["email"], "ada@example.org");
        assert!(r["customer"]["email"]["verifiedAt"]["iso8601"].is_string());
        assert_ne!(r["customer"]["updatedAt"]["unixTimestamp"], stamp);

        let clear = json!({"shortName": {"value": null}, "externalId": {"value": null}});
        let r = w.upsert(json!({"customerId": id}), on_create("x", "x@example.com"), clear);
        assert_eq!(r["result"], "UPDATED");
        assert_eq!(r["customer"]["shortName"], Value::Null);
        assert_eq!(r["customer"]["externalId"], Value::Null);
    }

    #[test]
    fn lookups_by_email_and_external_id_agree() {
        let mut w = World::new();
        let r = w.upsert(json!({"externalId": "ext-9"}), on_create("Grace", "grace@example.com"), json!({}));
        let id = r["customer"]["id"].clone();
        let q = "query($id: ID!) { byId: customer(customerId: $id) { id }
            byEmail: customerByEmail(email: \"GRACE@example.com\") { id }
            byExt: customerByExternalId(externalId: \"ext-9\") { id fullName }
            none: customerByEmail(email: \"nobody@example.com\") { id } }";
        let d = w.ok(q, json!({"id": id}));
        assert_eq!(d["byId"]["id"], id);
        assert_eq!(d["byEmail"]["id"], id);
        assert_eq!(d["byExt"]["id"], id);
        assert_eq!(d["byExt"]["fullName"], "Grace");
        assert_eq!(d["none"], Value::Null);
    }

    #[test]
    fn upsert_conflicts_have_their_codes() {
        let mut w = World::new();
        w.upsert(json!({"externalId": "a"}), on_create("A", "a@example.com"), json!({}));
        w.upsert(json!({"externalId": "b"}), on_create("B", "b@example.com"), json!({}));
        // Creating by externalId with an email another customer holds (the Convex case).
        let r = w.upsert(json!({"externalId": "c"}), on_create("C", "A@example.com"), json!({}));
        assert_eq!(r["error"]["code"], "customer_already_exists_with_email");
        assert_eq!(r["error"]["type"], "VALIDATION");
        assert_eq!(r["customer"], Value::Null);
        assert_eq!(r["result"], Value::Null);
        // Creating by email with an external ID another customer holds (the Polar case).
        let mut create = on_create("C", "c@example.com");
        create["externalId"] = json!("a");
        let r = w.upsert(json!({"emailAddress": "c@example.com"}), create, json!({}));
        assert_eq!(r["error"]["code"], "customer_already_exists_with_external_id");
        // Updating into the other customer's email or external ID.
        let r = w.upsert(
            json!({"externalId": "b"}),
            on_create("B", "b@example.com"),
            json!({"email": {"email": "a@example.com", "isVerified": false}}),
        );
        assert_eq!(r["error"]["code"], "customer_already_exists_with_email");
        assert_eq!(r["error"]["fields"][0]["field"], "onUpdate.email.email");
        let r = w.upsert(
            json!({"externalId": "b"}),
            on_create("B", "b@example.com"),
            json!({"externalId": {"value": "a"}}),
        );
        assert_eq!(r["error"]["code"], "customer_already_exists_with_external_id");
        assert_eq!(w.store.customer_count(), 2);
    }

    #[test]
    fn upsert_by_unknown_customer_id_is_not_found() {
        let mut w = World::new();
        let r = w.upsert(json!({"customerId": "c_missing"}), on_create("A", "a@example.com"), json!({}));
        assert_eq!(r["error"]["code"], "not_found");
        assert_eq!(r["error"]["fields"][0]["field"], "identifier.customerId");
        assert_eq!(r["error"]["fields"][0]["type"], "NOT_FOUND");
        assert_eq!(w.store.customer_count(), 0);
    }

    #[test]
    fn upsert_needs_exactly_one_identifier() {
        let mut w = World::new();
        let r = w.upsert(json!({}), on_create("A", "a@example.com"), json!({}));
        assert_eq!(r["error"]["code"], "input_validation");
        assert_eq!(r["error"]["fields"][0]["field"], "identifier");
        assert_eq!(r["error"]["fields"][0]["type"], "REQUIRED");
        let r = w.upsert(
            json!({"externalId": "x", "emailAddress": "a@example.com"}),
            on_create("A", "a@example.com"),
            json!({}),
        );
        assert_eq!(r["error"]["code"], "input_validation");
        let fields: Vec<&Value> = r["error"]["fields"].as_array().unwrap().iter().map(|f| &f["field"]).collect();
        assert_eq!(fields, [&json!("identifier.externalId"), &json!("identifier.emailAddress")]);
        assert_eq!(w.store.customer_count(), 0);
    }

    fn seed_customers(w: &mut World, n: usize) {
        let customers: Vec<Value> = (0..n)
            .map(|i| json!({"fullName": format!("Customer {i:03}"), "email": format!("c{i}@example.com")}))
            .collect();
        w.store.seed(&json!({ "customers": customers })).unwrap();
    }

    const PAGE: &str = "query($first: Int, $after: String, $last: Int, $before: String, $sort: CustomersSort) {
        customers(first: $first, after: $after, last: $last, before: $before, sortBy: $sort) {
            totalCount edges { cursor node { fullName } } pageInfo { hasPreviousPage hasNextPage startCursor endCursor } } }";

    fn names(d: &Value) -> Vec<String> {
        d["customers"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["fullName"].as_str().unwrap().to_string())
            .collect()
    }

    #[test]
    fn customers_paginate_forward_with_default_page_size() {
        let mut w = World::new();
        seed_customers(&mut w, 30);
        let d = w.ok(PAGE, json!({}));
        assert_eq!(d["customers"]["totalCount"], 30);
        assert_eq!(names(&d).len(), 25);
        assert_eq!(d["customers"]["pageInfo"]["hasNextPage"], true);
        assert_eq!(d["customers"]["pageInfo"]["hasPreviousPage"], false);
        let end = d["customers"]["pageInfo"]["endCursor"].clone();
        assert_eq!(end, d["customers"]["edges"][24]["cursor"]);
        let d = w.ok(PAGE, json!({"first": 10, "after": end}));
        assert_eq!(names(&d), (25..30).map(|i| format!("Customer {i:03}")).collect::<Vec<_>>());
        assert_eq!(d["customers"]["pageInfo"]["hasNextPage"], false);
        assert_eq!(d["customers"]["pageInfo"]["hasPreviousPage"], true);
        let start = d["customers"]["pageInfo"]["startCursor"].clone();
        let d = w.ok(PAGE, json!({"last": 2, "before": start}));
        assert_eq!(names(&d), ["Customer 023", "Customer 024"]);
        let d = w.ok(PAGE, json!({"first": 100}));
        assert_eq!(names(&d).len(), 30);
        let d = w.ok(PAGE, json!({"first": 2, "sort": {"field": "FULL_NAME", "direction": "DESC"}}));
        assert_eq!(names(&d), ["Customer 029", "Customer 028"]);
    }

    #[test]
    fn customers_pagination_errors_are_bad_user_input() {
        let mut w = World::new();
        seed_customers(&mut w, 3);
        for vars in [
            json!({"first": 101}),
            json!({"first": -1}),
            json!({"first": 1, "before": "00"}),
            json!({"last": 1, "after": "00"}),
        ] {
            let r = w.run(PAGE, vars.clone());
            assert_eq!(r["data"], Value::Null, "{vars}: {r}");
            assert_eq!(r["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{vars}: {r}");
            assert_eq!(r["errors"][0]["path"], json!(["customers"]));
            assert!(!r["errors"][0]["message"].as_str().unwrap().contains('\u{1f}'));
        }
        let r = w.run(PAGE, json!({"first": 101}));
        assert!(r["errors"][0]["message"].as_str().unwrap().contains("100"), "{r}");
    }

    #[test]
    fn customers_filters() {
        let mut w = World::new();
        let a = w.add_customer("A", "a@example.com");
        let b = w.add_customer("B", "b@example.com");
        let c = w.add_customer("C", "c@example.com");
        w.create_group("vip");
        let add = "mutation($id: ID!) { addCustomerToCustomerGroups(input: {customerId: $id, customerGroupIdentifiers: [{customerGroupKey: \"vip\"}]}) { error { code } } }";
        w.ok(add, json!({"id": a}));
        w.ok(
            "mutation($id: ID!) { markCustomerAsSpam(input: {customerId: $id}) { error { code } } }",
            json!({"id": b}),
        );
        let q = "query($f: CustomersFilter) { customers(filters: $f) { totalCount edges { node { id } } } }";
        let ids = |d: &Value| {
            d["customers"]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"]["id"].clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&w.ok(q, json!({"f": {"customerGroupKeys": ["vip"]}}))), [json!(a)]);
        assert_eq!(
            ids(&w.ok(q, json!({"f": {"customerGroupKeys": ["vip"], "customerGroupIds": ["cg_other"]}}))),
            Vec::<Value>::new()
        );
        assert_eq!(ids(&w.ok(q, json!({"f": {"customerGroupKeys": []}}))), Vec::<Value>::new());
        assert_eq!(ids(&w.ok(q, json!({"f": {"isMarkedAsSpam": true}}))), [json!(b)]);
        assert_eq!(ids(&w.ok(q, json!({"f": {"isMarkedAsSpam": false}}))), [json!(a), json!(c)]);
        // b was updated last (marked as spam): updatedAt.after is inclusive, before exclusive.
        let b_updated = w.store.customer(&b).unwrap().updated_at;
        let at = crate::serve::store::iso8601(b_updated);
        assert_eq!(ids(&w.ok(q, json!({"f": {"updatedAt": {"after": at}}}))), [json!(b)]);
        assert_eq!(ids(&w.ok(q, json!({"f": {"updatedAt": {"before": at}}}))), [json!(a), json!(c)]);
        let r = w.run(q, json!({"f": {"updatedAt": {"after": "last tuesday"}}}));
        assert_eq!(r["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    }

    #[test]
    fn search_customers_matches_case_insensitively() {
        let mut w = World::new();
        w.add_customer("Ada Lovelace", "ada@example.com");
        w.add_customer("Grace Hopper", "grace@navy.mil");
        let q = "query($s: CustomersSearchQuery!) { searchCustomers(searchQuery: $s) { edges { node { fullName } } } }";
        let d = w.ok(
            q,
            json!({"s": {"or": [{"fullName": {"caseInsensitiveContains": "LOVE"}}, {"email": {"caseInsensitiveContains": "navy"}}]}}),
        );
        let found: Vec<&Value> = d["searchCustomers"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["node"]["fullName"])
            .collect();
        assert_eq!(found, [&json!("Grace Hopper"), &json!("Ada Lovelace")]);
        let r = w.run(q, json!({"s": {"or": []}}));
        assert_eq!(r["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    }

    #[test]
    fn group_delete_is_refused_while_it_has_members() {
        let mut w = World::new();
        let c = w.add_customer("A", "a@example.com");
        let g = w.create_group("vip");
        let add = "mutation($c: ID!, $g: ID!) { addCustomerToCustomerGroups(input: {customerId: $c, customerGroupIdentifiers: [{customerGroupId: $g}]}) { error { code } } }";
        w.ok(add, json!({"c": c, "g": g}));
        let del = "mutation($g: ID!) { deleteCustomerGroup(input: {customerGroupId: $g}) { error { code type } } }";
        let d = w.ok(del, json!({"g": g}));
        assert_eq!(d["deleteCustomerGroup"]["error"]["code"], "customer_group_has_memberships");
        let rm = "mutation($c: ID!, $g: ID!) { removeCustomerFromCustomerGroups(input: {customerId: $c, customerGroupIdentifiers: [{customerGroupId: $g}]}) { error { code } } }";
        assert_eq!(
            w.ok(rm, json!({"c": c, "g": g}))["removeCustomerFromCustomerGroups"]["error"],
            Value::Null
        );
        assert_eq!(
            w.ok(rm, json!({"c": c, "g": g}))["removeCustomerFromCustomerGroups"]["error"]["code"],
            "not_found"
        );
        assert_eq!(w.ok(del, json!({"g": g}))["deleteCustomerGroup"]["error"], Value::Null);
        assert!(w.store.group(&g).is_none());
    }

    #[test]
    fn group_key_is_unique_and_update_needs_a_field() {
        let mut w = World::new();
        let g = w.create_group("vip");
        let q = "mutation { createCustomerGroup(input: {name: \"Other\", key: \"vip\", color: \"#fff\"}) { customerGroup { id } error { code } } }";
        assert_eq!(
            w.ok(q, json!({}))["createCustomerGroup"]["error"]["code"],
            "customer_group_key_already_exists"
        );
        let upd = "mutation($i: UpdateCustomerGroupInput!) { updateCustomerGroup(input: $i) { customerGroup { name } error { code } } }";
        let d = w.ok(upd, json!({"i": {"customerGroupId": g}}));
        assert_eq!(d["updateCustomerGroup"]["error"]["code"], "input_validation");
        let d = w.ok(upd, json!({"i": {"customerGroupId": g, "name": {"value": "VIPs"}}}));
        assert_eq!(d["updateCustomerGroup"]["customerGroup"]["name"], "VIPs");
        let ups =
            "mutation($i: UpsertCustomerGroupInput!) { upsertCustomerGroup(input: $i) { result customerGroup { id } error { code } } }";
        let d = w.ok(
            ups,
            json!({"i": {"identifier": {"customerGroupKey": "vip"}, "name": "VIPs", "key": "vip", "color": "#000"}}),
        );
        assert_eq!(d["upsertCustomerGroup"]["result"], "NOOP");
        assert_eq!(d["upsertCustomerGroup"]["customerGroup"]["id"], g);
        let d = w.ok(
            ups,
            json!({"i": {"identifier": {"customerGroupKey": "gold"}, "name": "Gold", "key": "gold", "color": "#ff0"}}),
        );
        assert_eq!(d["upsertCustomerGroup"]["result"], "CREATED");
        let d = w.ok(
            ups,
            json!({"i": {"identifier": {"customerGroupId": "cg_none"}, "name": "X", "key": "x", "color": "#ff0"}}),
        );
        assert_eq!(d["upsertCustomerGroup"]["error"]["code"], "not_found");
    }

    #[test]
    fn adding_memberships_skips_existing_ones() {
        let mut w = World::new();
        let c = w.add_customer("A", "a@example.com");
        w.create_group("one");
        w.create_group("two");
        let add = "mutation($c: ID!, $keys: [CustomerGroupIdentifier!]!) { addCustomerToCustomerGroups(input: {customerId: $c, customerGroupIdentifiers: $keys}) {
            customerGroupMemberships { customerId customerGroup { key } createdBy { __typename ... on MachineUserActor { machineUserId } } } error { code } } }";
        let d = w.ok(add, json!({"c": c, "keys": [{"customerGroupKey": "one"}]}));
        assert_eq!(
            d["addCustomerToCustomerGroups"]["customerGroupMemberships"][0]["customerGroup"]["key"],
            "one"
        );
        assert_eq!(
            d["addCustomerToCustomerGroups"]["customerGroupMemberships"][0]["createdBy"]["machineUserId"],
            "mu_test"
        );
        let d = w.ok(
            add,
            json!({"c": c, "keys": [{"customerGroupKey": "one"}, {"customerGroupKey": "two"}]}),
        );
        let added = d["addCustomerToCustomerGroups"]["customerGroupMemberships"].as_array().unwrap();
        assert_eq!(added.len(), 1);
        assert_eq!(added[0]["customerGroup"]["key"], "two");
        assert_eq!(added[0]["customerId"], c);
        let q = "query($c: ID!) { customer(customerId: $c) { customerGroupMemberships { edges { node { customerGroup { key } } } } } }";
        let d = w.ok(q, json!({"c": c}));
        assert_eq!(d["customer"]["customerGroupMemberships"]["edges"].as_array().unwrap().len(), 2);
        let d = w.ok(add, json!({"c": c, "keys": [{"customerGroupKey": "nope"}]}));
        assert_eq!(d["addCustomerToCustomerGroups"]["error"]["code"], "not_found");
    }

    #[test]
    fn twenty_six_group_identifiers_are_refused() {
        let mut w = World::new();
        let c = w.add_customer("A", "a@example.com");
        let keys: Vec<String> = (0..26).map(|i| w.create_group(&format!("g{i}"))).collect();
        let add = "mutation($c: ID!, $keys: [CustomerGroupIdentifier!]!) { addCustomerToCustomerGroups(input: {customerId: $c, customerGroupIdentifiers: $keys}) {
            customerGroupMemberships { customerId } error { code fields { field } } } }";
        let ids = |n: usize| keys[..n].iter().map(|k| json!({"customerGroupId": k})).collect::<Vec<_>>();
        let d = w.ok(add, json!({"c": c, "keys": ids(26)}));
        assert_eq!(d["addCustomerToCustomerGroups"]["error"]["code"], "input_validation");
        assert_eq!(
            d["addCustomerToCustomerGroups"]["error"]["fields"][0]["field"],
            "customerGroupIdentifiers"
        );
        assert_eq!(d["addCustomerToCustomerGroups"]["customerGroupMemberships"], Value::Null);
        let d = w.ok(add, json!({"c": c, "keys": ids(25)}));
        assert_eq!(
            d["addCustomerToCustomerGroups"]["customerGroupMemberships"]
                .as_array()
                .unwrap()
                .len(),
            25
        );
    }

    const EVENT: &str = "mutation($i: CreateCustomerEventInput!) { createCustomerEvent(input: $i) {
        customerEvent { id customerId title components { __typename ... on ComponentText { text } ... on ComponentBadge { badgeLabel badgeColor } } }
        error { code fields { field } } } }";

    #[test]
    fn event_external_id_cannot_repeat() {
        let mut w = World::new();
        let c = w.add_customer("A", "a@example.com");
        let input = json!({"i": {"customerIdentifier": {"emailAddress": "a@example.com"}, "externalId": "evt-1", "title": "Signed up",
            "components": [{"componentText": {"text": "hello"}}, {"componentBadge": {"badgeLabel": "new", "badgeColor": "GREEN"}}]}});
        let d = w.ok(EVENT, input.clone());
        let event = &d["createCustomerEvent"]["customerEvent"];
        assert_eq!(event["customerId"], c);
        assert_eq!(event["components"][0], json!({"__typename": "ComponentText", "text": "hello"}));
        assert_eq!(
            event["components"][1],
            json!({"__typename": "ComponentBadge", "badgeLabel": "new", "badgeColor": "GREEN"})
        );
        let d = w.ok(EVENT, input);
        assert_eq!(d["createCustomerEvent"]["customerEvent"], Value::Null);
        assert_eq!(d["createCustomerEvent"]["error"]["code"], "input_validation");
        assert_eq!(d["createCustomerEvent"]["error"]["fields"][0]["field"], "externalId");
        let d = w.ok(
            EVENT,
            json!({"i": {"customerIdentifier": {"customerId": "c_none"}, "title": "x", "components": []}}),
        );
        assert_eq!(d["createCustomerEvent"]["error"]["code"], "not_found");
    }

    #[test]
    fn spam_mark_and_unmark() {
        let mut w = World::new();
        let c = w.add_customer("A", "a@example.com");
        let mark = "mutation($c: ID!) { markCustomerAsSpam(input: {customerId: $c}) {
            customer { markedAsSpamAt { unixTimestamp iso8601 } markedAsSpamBy { __typename ... on MachineUserActor { machineUserId machineUser { id type } } } }
            error { code } } }";
        let unmark = "mutation($c: ID!) { unmarkCustomerAsSpam(input: {customerId: $c}) { customer { markedAsSpamAt { iso8601 } markedAsSpamBy { __typename } } error { code } } }";
        let d = w.ok(mark, json!({"c": c}));
        let customer = &d["markCustomerAsSpam"]["customer"];
        let at = customer["markedAsSpamAt"].clone();
        assert!(at["unixTimestamp"].as_str().unwrap().parse::<i64>().unwrap() > 0);
        assert!(at["iso8601"].as_str().unwrap().ends_with('Z'));
        assert_eq!(customer["markedAsSpamBy"]["__typename"], "MachineUserActor");
        assert_eq!(
            customer["markedAsSpamBy"]["machineUser"],
            json!({"id": "mu_test", "type": "API_USER"})
        );
        // Idempotent: the timestamp stays.
        let d = w.ok(mark, json!({"c": c}));
        assert_eq!(d["markCustomerAsSpam"]["error"], Value::Null);
        assert_eq!(d["markCustomerAsSpam"]["customer"]["markedAsSpamAt"], at);
        let d = w.ok(unmark, json!({"c": c}));
        assert_eq!(
            d["unmarkCustomerAsSpam"]["customer"],
            json!({"markedAsSpamAt": null, "markedAsSpamBy": null})
        );
        let d = w.ok(unmark, json!({"c": c}));
        assert_eq!(d["unmarkCustomerAsSpam"]["error"]["code"], "customer_is_not_marked_as_spam");
        assert_eq!(d["unmarkCustomerAsSpam"]["customer"], Value::Null);
    }

    #[test]
    fn delete_customer_removes_memberships_and_events() {
        let mut w = World::new();
        let c = w.add_customer("A", "a@example.com");
        let g = w.create_group("vip");
        let add = "mutation($c: ID!) { addCustomerToCustomerGroups(input: {customerId: $c, customerGroupIdentifiers: [{customerGroupKey: \"vip\"}]}) { error { code } } }";
        w.ok(add, json!({"c": c}));
        let event = json!({"i": {"customerIdentifier": {"customerId": c}, "externalId": "e1", "title": "t", "components": []}});
        w.ok(EVENT, event.clone());
        let del = "mutation($c: ID!) { deleteCustomer(input: {customerId: $c}) { error { code } } }";
        assert_eq!(w.ok(del, json!({"c": c}))["deleteCustomer"]["error"], Value::Null);
        assert!(w.store.customer(&c).is_none());
        assert_eq!(w.ok(del, json!({"c": c}))["deleteCustomer"]["error"]["code"], "not_found");
        let d = w.ok(
            "mutation($g: ID!) { deleteCustomerGroup(input: {customerGroupId: $g}) { error { code } } }",
            json!({"g": g}),
        );
        assert_eq!(d["deleteCustomerGroup"]["error"], Value::Null);
        let c2 = w.add_customer("B", "b@example.com");
        let event = json!({"i": {"customerIdentifier": {"customerId": c2}, "externalId": "e1", "title": "t", "components": []}});
        assert_eq!(w.ok(EVENT, event)["createCustomerEvent"]["error"], Value::Null);
    }

    #[test]
    fn missing_permission_on_a_mutation_is_a_forbidden_mutation_error() {
        let mut w = World::new();
        w.perms.remove("customer:edit");
        let r = w.upsert(json!({"emailAddress": "a@example.com"}), on_create("A", "a@example.com"), json!({}));
        assert_eq!(
            r,
            json!({"result": null, "customer": null, "error": {
                "message": "Insufficient permissions, missing \"customer:edit\".", "type": "FORBIDDEN", "code": "forbidden", "fields": []}})
        );
        assert_eq!(w.store.customer_count(), 0);
    }

    #[test]
    fn missing_permission_on_a_query_is_a_forbidden_field_error() {
        let mut w = World::new();
        w.add_customer("A", "a@example.com");
        w.perms.clear();
        let r = w.run("{ customerByEmail(email: \"a@example.com\") { id } }", json!({}));
        assert_eq!(r["data"], json!({"customerByEmail": null}));
        assert_eq!(r["errors"][0]["message"], "Insufficient permissions, missing \"customer:read\".");
        assert_eq!(r["errors"][0]["extensions"]["code"], "FORBIDDEN");
        assert_eq!(r["errors"][0]["path"], json!(["customerByEmail"]));
        assert!(r["errors"][0]["locations"].is_array());
        // customers is non-null: the whole data becomes null.
        let r = w.run("{ customers { totalCount } }", json!({}));
        assert_eq!(r["data"], Value::Null);
        assert_eq!(r["errors"][0]["extensions"]["code"], "FORBIDDEN");
    }

    #[test]
    fn variable_coercion_error_is_a_request_error() {
        let mut w = World::new();
        let r = w.run("query($id: ID!) { customer(customerId: $id) { id } }", json!({}));
        assert!(r.get("data").is_none(), "{r}");
        assert_eq!(r["errors"].as_array().unwrap().len(), 1);
        assert_eq!(r["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
        assert!(r["errors"][0]["message"].as_str().unwrap().contains("id"), "{r}");
        let r = w.run("query($n: Int) { customers(first: $n) { totalCount } }", json!({"n": "ten"}));
        assert!(r.get("data").is_none(), "{r}");
        assert_eq!(r["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    }

    #[test]
    fn unknown_operation_name_is_a_request_error() {
        let doc = ExecutableDocument::parse_and_validate(schema(), "query A { __typename } query B { __typename }", "op.graphql").unwrap();
        let store = Mutex::new(Store::new());
        let perms = BTreeSet::new();
        let caller = Caller {
            permissions: &perms,
            actor_id: "mu",
        };
        let r = execute(schema(), &doc, Some("C"), &Map::new(), &store, &caller);
        assert_eq!(r["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
        assert!(r.get("data").is_none());
        let r = execute(schema(), &doc, Some("B"), &Map::new(), &store, &caller);
        assert_eq!(r, json!({"data": {"__typename": "Query"}}));
    }

    #[test]
    fn unimplemented_mutations_say_so() {
        let mut w = World::new();
        let q = "mutation { replyToThread(input: {threadId: \"th_1\", textContent: \"hi\"}) { error { code type } } }";
        assert_eq!(w.ok(q, json!({}))["replyToThread"]["error"]["code"], "not_yet_implemented");
    }

    #[test]
    fn required_permissions_follow_the_table() {
        assert_eq!(required_permissions("upsertCustomer"), ["customer:create", "customer:edit"]);
        assert_eq!(required_permissions("customers"), ["customer:read"]);
        assert_eq!(required_permissions("deleteCustomerGroup"), ["customerGroup:delete"]);
        assert!(required_permissions("somethingElse").is_empty());
        // Every root field of the schema resolves without an unknown-field error once allowed.
        for root in ["Query", "Mutation"] {
            let Some(ExtendedType::Object(def)) = schema().types.get(root) else {
                panic!("{root}")
            };
            for name in def.fields.keys() {
                let known = required_permissions(name).iter().all(|p| ALL.contains(p));
                assert!(known, "{name}");
            }
        }
    }

    /// A selection of every field of `type_name` down to `depth` levels, each field aliased by
    /// type so that union members never conflict. Depth-bounded recursion (test only).
    fn full_selection(type_name: &str, depth: usize) -> String {
        let mut out = String::from("__typename");
        match schema().types.get(type_name) {
            Some(ExtendedType::Object(def)) => {
                for (name, field) in &def.fields {
                    if field.arguments.iter().any(|a| a.is_required()) {
                        continue;
                    }
                    let inner = field.ty.inner_named_type().as_str();
                    match schema().types.get(inner) {
                        Some(ExtendedType::Scalar(_) | ExtendedType::Enum(_)) => out.push_str(&format!(" {type_name}_{name}: {name}")),
                        Some(_) if depth > 0 => {
                            out.push_str(&format!(" {type_name}_{name}: {name} {{ {} }}", full_selection(inner, depth - 1)));
                        }
                        _ => {}
                    }
                }
            }
            Some(ExtendedType::Union(def)) => {
                for member in &def.members {
                    out.push_str(&format!(" ... on {} {{ {} }}", member.name, full_selection(&member.name, depth)));
                }
            }
            _ => {}
        }
        out
    }

    /// Every selectable field resolves to a value of the right shape: no errors at all.
    #[test]
    fn every_field_resolves() {
        let mut w = World::new();
        w.store
            .seed(
                &json!({"customers": [{"fullName": "Seeded", "email": "seed@example.com", "isVerified": true}],
                "customerGroups": [{"name": "VIP", "key": "vip", "color": "#f00", "externalId": "g-vip"}]}),
            )
            .unwrap();
        let c = w.add_customer("Ada", "ada@example.com");
        let tenant = format!(
            "mutation {{ upsertTenant(input: {{identifier: {{externalId: \"t1\"}}, name: \"T\", externalId: \"t1\"}}) {{ {} }} }}",
            full_selection("UpsertTenantOutput", 6)
        );
        assert_eq!(w.ok(&tenant, json!({}))["upsertTenant"]["UpsertTenantOutput_result"], "CREATED");
        let set = "mutation($c: ID!) { setCustomerTenants(input: {customerIdentifier: {customerId: $c}, tenantIdentifiers: [{externalId: \"t1\"}]}) { error { code } } }";
        assert_eq!(w.ok(set, json!({"c": c}))["setCustomerTenants"]["error"], Value::Null);
        let company = "mutation($c: ID!) { updateCustomerCompany(input: {customerId: $c, companyIdentifier: {companyDomainName: \"https://acme.io\"}}) { error { code } } }";
        assert_eq!(w.ok(company, json!({"c": c}))["updateCustomerCompany"]["error"], Value::Null);
        let add = format!(
            "mutation($c: ID!) {{ addCustomerToCustomerGroups(input: {{customerId: $c, customerGroupIdentifiers: [{{externalId: \"g-vip\"}}]}}) {{ {} }} }}",
            full_selection("AddCustomerToCustomerGroupsOutput", 5)
        );
        w.ok(&add, json!({"c": c}));
        w.ok(
            "mutation($c: ID!) { markCustomerAsSpam(input: {customerId: $c}) { error { code } } }",
            json!({"c": c}),
        );

        let customers = format!("{{ customers(first: 5) {{ {} }} }}", full_selection("CustomerConnection", 7));
        let d = w.ok(&customers, json!({}));
        assert_eq!(d["customers"]["CustomerConnection_totalCount"], 2);
        let ada = &d["customers"]["CustomerConnection_edges"][1]["CustomerEdge_node"];
        assert_eq!(ada["Customer_company"]["Company_domainName"], "acme.io");
        let memberships = &ada["Customer_customerGroupMemberships"]["CustomerGroupMembershipConnection_edges"];
        assert_eq!(
            memberships[0]["CustomerGroupMembershipEdge_node"]["CustomerGroupMembership_customerGroup"]["CustomerGroup_key"],
            "vip"
        );
        let tenants = &ada["Customer_tenantMemberships"]["CustomerTenantMembershipConnection_edges"];
        assert_eq!(
            tenants[0]["CustomerTenantMembershipEdge_node"]["CustomerTenantMembership_tenant"]["Tenant_source"],
            "API"
        );
        assert_eq!(ada["Customer_identities"][0]["__typename"], "EmailCustomerIdentity");

        let others = format!(
            "{{ customerGroups {{ {} }} searchCustomers(searchQuery: {{or: [{{fullName: {{caseInsensitiveContains: \"a\"}}}}]}}) {{ {} }} }}",
            full_selection("CustomerGroupConnection", 5),
            full_selection("CustomerSearchConnection", 4)
        );
        w.ok(&others, json!({}));

        let all_components = json!([
            {"componentText": {"text": "t", "textSize": "S", "textColor": "MUTED"}},
            {"componentPlainText": {"plainText": "p"}},
            {"componentDivider": {"spacingSize": "L"}},
            {"componentLinkButton": {"linkButtonUrl": "https://plain.com", "linkButtonLabel": "Open"}},
            {"componentWorkflowButton": {"workflowButtonWorkflowIdentifier": {"workflowKey": "wf"}, "workflowButtonLabel": "Run"}},
            {"componentSpacer": {}},
            {"componentBadge": {"badgeLabel": "b"}},
            {"componentCopyButton": {"copyButtonValue": "v", "copyButtonTooltipLabel": "copy"}},
            {"componentDateTime": {"dateTimeIso8601": "2024-05-01T12:00:00Z"}},
            {"componentUser": {"userIdentifier": {"userId": "u_1"}}},
            {"componentRow": {"rowMainContent": [{"componentText": {"text": "main"}}], "rowAsideContent": [{"componentBadge": {"badgeLabel": "side"}}]}}
        ]);
        let event = format!(
            "mutation($i: CreateCustomerEventInput!) {{ createCustomerEvent(input: $i) {{ {} }} }}",
            full_selection("CreateCustomerEventOutput", 5)
        );
        let d = w.ok(
            &event,
            json!({"i": {"customerIdentifier": {"customerId": c}, "title": "All", "components": all_components}}),
        );
        let out = &d["createCustomerEvent"];
        assert_eq!(out["CreateCustomerEventOutput_error"], Value::Null);
        let components = out["CreateCustomerEventOutput_customerEvent"]["CustomerEvent_components"]
            .as_array()
            .unwrap();
        let types: Vec<&str> = components.iter().map(|c| c["__typename"].as_str().unwrap()).collect();
        assert_eq!(
            types,
            [
                "ComponentText",
                "ComponentPlainText",
                "ComponentDivider",
                "ComponentLinkButton",
                "ComponentWorkflowButton",
                "ComponentSpacer",
                "ComponentBadge",
                "ComponentCopyButton",
                "ComponentDateTime",
                "ComponentUser",
                "ComponentRow"
            ]
        );
        assert_eq!(components[5]["ComponentSpacer_spacerSize"], "M");
        assert_eq!(components[2]["ComponentDivider_dividerSpacingSize"], "L");
        assert_eq!(
            components[8]["ComponentDateTime_dateTimeIso8601"]["DateTime_iso8601"],
            "2024-05-01T12:00:00.000Z"
        );
        assert_eq!(
            components[10]["ComponentRow_rowAsideContent"][0]["ComponentBadge_badgeLabel"],
            "side"
        );

        let upsert = format!(
            "mutation {{ upsertCustomer(input: {{identifier: {{emailAddress: \"ada@example.com\"}}, onCreate: {{fullName: \"x\", email: {{email: \"ada@example.com\", isVerified: true}}}}, onUpdate: {{}}}}) {{ {} }} }}",
            full_selection("UpsertCustomerOutput", 4)
        );
        assert_eq!(w.ok(&upsert, json!({}))["upsertCustomer"]["UpsertCustomerOutput_result"], "NOOP");
        let del = format!(
            "mutation {{ deleteCustomer(input: {{customerId: \"c_x\"}}) {{ {} }} }}",
            full_selection("DeleteCustomerOutput", 3)
        );
        assert_eq!(
            w.ok(&del, json!({}))["deleteCustomer"]["DeleteCustomerOutput_error"]["MutationError_code"],
            "not_found"
        );
    }
}
