//! The in-memory workspace of the reference server and the business rules of
//! `SEMANTICS.md` (the Customers API of Plain), as plain Rust on typed values.
//!
//! The store knows nothing about GraphQL requests: [`super::exec`] parses the
//! (already coerced) GraphQL input into the types here, calls one method per
//! mutation or query, and renders the result. Every write method is atomic: it
//! checks everything first and changes nothing when it returns `Err`. Failures
//! are [`MutationFailure`]s, which map one to one onto Plain's `MutationError`
//! (`message`, `type`, `code`, `fields`).
//!
//! Data is plain owned values in `BTreeMap`s keyed by id. Ids are a type prefix
//! plus a zero-padded counter shared by all types (`c_00000000000000000000000001`),
//! so they are unique, deterministic, and sort in creation order. Time comes from
//! the system clock but is forced to grow by at least one millisecond per write,
//! so two writes never share a timestamp. Customers are also indexed by email
//! (ASCII-lowercased) and by external ID, so an upsert is O(log n) whatever the
//! store's size; other lookups (groups by key, list filters) scan linearly.
//!
//! # Choices where SEMANTICS.md is silent
//!
//! - **Identifier inputs** (`UpsertCustomerIdentifierInput`, `CustomerIdentifierInput`,
//!   `CustomerGroupIdentifier`, `TenantIdentifierInput`, `CompanyIdentifierInput`,
//!   `EventComponentInput`): zero or several non-null fields give a `MutationError`
//!   `VALIDATION` / `input_validation`; zero names the input with field type `REQUIRED`,
//!   several name each given field with type `VALIDATION`. An empty-string identifier
//!   value is `REQUIRED` too. (apollo-compiler 1.33 does not enforce `@oneOf`, so the
//!   store does. Over HTTP the request checks refuse such inputs first, as `@oneOf`
//!   requires, explicit nulls included; this answer is for callers that skip them.)
//! - **upsertCustomer, creating:** when the identifier is `emailAddress`, `onCreate.email.email`
//!   must be the same address (else `input_validation` on `onCreate.email.email`); when it is
//!   `externalId`, the new customer gets that external ID, and an `onCreate.externalId` that
//!   differs is `input_validation`. A `customerId` identifier that matches nothing is `not_found`.
//!   Unknown `customerGroupIdentifiers` / `tenantIdentifiers` in `onCreate` are `not_found`.
//! - **upsertCustomer, updating:** `onUpdate.externalId: null` or `shortName: null` (the wrapper
//!   itself null) leaves the value unchanged, like an omitted field; only `{value: null}` clears.
//!   A NOOP leaves `updatedAt` unchanged. Setting an email (or `isVerified` from false to true)
//!   sets `verifiedAt` to now when verified; `isVerified: false` clears it.
//! - **Conflicts:** email is checked before external ID when both conflict.
//! - **Email:** compared case-insensitively (ASCII) for lookups (`customerByEmail`, upsert by
//!   `emailAddress`) and for uniqueness; stored as given. A valid email has exactly one `@`
//!   with text on both sides and no whitespace; anything else is `input_validation`.
//! - **Required text:** `fullName`, group `name`/`key`/`color`, event `title` and tenant `name`
//!   must not be empty (`REQUIRED`); a given `externalId` must not be empty either. No maximum
//!   lengths, no key or colour format.
//! - **Actors:** every write is made by a `MachineUserActor` whose `machineUserId` (and
//!   `machineUser.id`) is the caller's actor id; seeded data is made by a `SystemActor`
//!   (`systemId: "system"`), which is also the creator of the machine user.
//! - **Spam:** `markCustomerAsSpam` is idempotent (the newer reference says so): marking a
//!   spam customer again succeeds and keeps `markedAsSpamAt`/`markedAsSpamBy`;
//!   `customer_already_marked_as_spam` is never returned. Marking and unmarking change
//!   `updatedAt`. Unknown customers are `not_found` for every customer mutation.
//! - **Customer groups:** the key and the external ID are both unique (exact match); a taken
//!   external ID is `input_validation` on `externalId`. `upsertCustomerGroup` creating by
//!   `customerGroupKey` needs `key` equal to it, by `externalId` takes that external ID (a
//!   different `externalId` input is `input_validation`); updating, a null `externalId` leaves
//!   it unchanged. `updateCustomerGroup` with no attribute is `input_validation` with no fields.
//! - **Memberships:** `addCustomerToCustomerGroups` / `removeCustomerFromCustomerGroups` with an
//!   empty list or more than 25 identifiers (the list's entries) are `input_validation` on
//!   `customerGroupIdentifiers`; a group named twice is joined once; unknown groups are `not_found` (one field per unknown
//!   identifier). Removing when the customer is in none of the groups is `not_found`. Group and tenant membership
//!   changes do not change the customer's `updatedAt`.
//! - **Customer events:** a repeated `externalId` is `input_validation` on `externalId`
//!   (the real code is not documented). `timestamp`, when given, must be ISO 8601 and becomes
//!   `createdAt`/`updatedAt`. Component limits of §4 are enforced as `input_validation` with
//!   dotted paths (`components.0.componentText.text`). A spacer without a size gets `M`; a link
//!   button needs a URL and a label (new or deprecated field name); the deprecated output
//!   fields mirror the new ones. `ComponentUser.user` is always null (there are no users).
//!   Events are kept (for `externalId` uniqueness and `timelineEntryText` search) but the
//!   schema subset has no query that lists them.
//! - **Tenants:** `upsertTenant` works like `upsertCustomerGroup` (unknown `tenantId` is
//!   `not_found`; creating by `externalId` needs the same `externalId` input; external IDs are
//!   unique). `addCustomerToTenants` / `removeCustomerFromTenants` / `setCustomerTenants` need
//!   existing tenants (`not_found` otherwise); removing a tenant the customer is not in is
//!   skipped silently.
//! - **updateCustomerCompany:** `companyDomainName` finds or creates the company (name = domain;
//!   a URL is reduced to its host, without `www.`; a domain needs a dot); `companyId` must exist;
//!   null unlinks.
//! - **Lists:** `customers` default order is creation order; `FULL_NAME` orders by the byte order
//!   of `fullName`, ties by id. `customerGroups` and membership connections are in creation order.
//!   `searchCustomers` (`caseInsensitiveContains`, conditions OR-ed; `timelineEntryText` matches
//!   event titles and text components) orders by `updatedAt`, newest first, standing in for
//!   "latest status change"; an empty or missing `or` list is `BAD_USER_INPUT`.
//! - **Filters:** all `CustomersFilter` fields are applied; an empty list in a list filter
//!   matches no customer ("any of" nothing). `updatedAt` bounds must be ISO 8601
//!   (`BAD_USER_INPUT` otherwise); a date without a time means midnight UTC, a time without an
//!   offset means UTC.
//! - **Pagination:** `first` with `last` is refused like `first` with `before`; all pagination
//!   errors (negative, over 100, mixed arguments, a cursor that does not decode) are top-level
//!   `BAD_USER_INPUT` errors. Cursors are hex-encoded sort keys, so they stay valid when the
//!   item they point at is deleted. `first: 0` returns an empty page.
//! - **Not implemented** (they return `MutationError` `VALIDATION` / `not_yet_implemented`):
//!   `importCustomers`, `changeThreadCustomer`, `createThread`, `replyToThread`.
//! - **Permissions:** see [`super::exec::required_permissions`]. Every query, including
//!   `customerGroup` and `customerGroups`, needs `customer:read` (§2 says "all"); nested fields are
//!   not checked. Mutations whose permissions SEMANTICS.md does not list (`upsertTenant`,
//!   `importCustomers` and the thread mutations) need none. When several are missing, the
//!   message names the first in the table's order.

use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::time::{SystemTime, UNIX_EPOCH};

/// Page size when neither `first` nor `last` is given.
pub const DEFAULT_PAGE_SIZE: usize = 25;
/// Largest accepted `first` or `last`.
pub const MAX_PAGE_SIZE: i64 = 100;
/// Most customer group identifiers in one add or remove call.
pub const MAX_GROUPS_PER_CALL: usize = 25;
/// `ComponentText.text` and `ComponentPlainText.plainText` length limit, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Label length limit of event components, in characters.
pub const MAX_LABEL_CHARS: usize = 500;
/// `copyButtonValue` length limit, in characters.
pub const MAX_COPY_VALUE_CHARS: usize = 1_000;

/// Who made a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// Plain itself; used for seeded data.
    System,
    /// An API key holder, by machine user id.
    MachineUser(String),
}

/// `MutationErrorType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorType {
    /// Input was rejected.
    Validation,
    /// A permission is missing.
    Forbidden,
    /// Unexpected failure.
    Internal,
}

impl ErrorType {
    /// The GraphQL enum value.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::Validation => "VALIDATION",
            ErrorType::Forbidden => "FORBIDDEN",
            ErrorType::Internal => "INTERNAL",
        }
    }
}

/// `MutationFieldErrorType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldErrorType {
    /// Given but not acceptable.
    Validation,
    /// Missing or blank.
    Required,
    /// Points at nothing.
    NotFound,
}

impl FieldErrorType {
    /// The GraphQL enum value.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldErrorType::Validation => "VALIDATION",
            FieldErrorType::Required => "REQUIRED",
            FieldErrorType::NotFound => "NOT_FOUND",
        }
    }
}

/// One `MutationFieldError`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    /// Dotted path of the input field, relative to `input`.
    pub field: String,
    /// Explanation.
    pub message: String,
    /// Kind of problem.
    pub kind: FieldErrorType,
}

/// Why a mutation failed: Plain's `MutationError`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MutationFailure {
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
    pub fn new(kind: ErrorType, code: &str, message: impl Into<String>) -> MutationFailure {
        MutationFailure {
            message: message.into(),
            kind,
            code: code.to_string(),
            fields: Vec::new(),
        }
    }

    /// Adds a field problem.
    pub fn with_field(mut self, field: impl Into<String>, message: impl Into<String>, kind: FieldErrorType) -> MutationFailure {
        self.fields.push(FieldProblem {
            field: field.into(),
            message: message.into(),
            kind,
        });
        self
    }

    /// `input_validation` about one field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>, kind: FieldErrorType) -> MutationFailure {
        let message = message.into();
        MutationFailure::new(ErrorType::Validation, "input_validation", message.clone()).with_field(field, message, kind)
    }

    /// `not_found` for an entity named by one input field.
    pub fn not_found(what: &str, field: impl Into<String>) -> MutationFailure {
        let message = format!("{what} not found");
        MutationFailure::new(ErrorType::Validation, "not_found", message.clone()).with_field(field, message, FieldErrorType::NotFound)
    }

    /// `forbidden` for a missing permission, in Plain's wording.
    pub fn forbidden(permission: &str) -> MutationFailure {
        MutationFailure::new(ErrorType::Forbidden, "forbidden", forbidden_message(permission))
    }

    /// `not_yet_implemented` for a mutation the reference server does not do.
    pub fn not_yet_implemented(mutation: &str) -> MutationFailure {
        MutationFailure::new(
            ErrorType::Validation,
            "not_yet_implemented",
            format!("{mutation} is not implemented by this reference server."),
        )
    }
}

/// Plain's message for a missing permission.
pub fn forbidden_message(permission: &str) -> String {
    format!("Insufficient permissions, missing \"{permission}\".")
}

/// What an upsert did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpsertResult {
    /// Did not exist.
    Created,
    /// Existed, values differed.
    Updated,
    /// Existed, values the same.
    Noop,
}

impl UpsertResult {
    /// The GraphQL enum value.
    pub fn as_str(self) -> &'static str {
        match self {
            UpsertResult::Created => "CREATED",
            UpsertResult::Updated => "UPDATED",
            UpsertResult::Noop => "NOOP",
        }
    }
}

/// A customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Customer {
    /// `c_…`
    pub id: String,
    /// Unique when set.
    pub external_id: Option<String>,
    /// Never empty.
    pub full_name: String,
    /// Informal name.
    pub short_name: Option<String>,
    /// Unique, case-insensitively.
    pub email: String,
    /// `EmailAddress.isVerified`.
    pub email_verified: bool,
    /// `EmailAddress.verifiedAt`, in ms.
    pub email_verified_at: Option<i64>,
    /// Linked company.
    pub company_id: Option<String>,
    /// ms since the epoch.
    pub created_at: i64,
    /// Creator.
    pub created_by: Actor,
    /// ms since the epoch.
    pub updated_at: i64,
    /// Last writer.
    pub updated_by: Actor,
    /// When and by whom the customer was marked as spam.
    pub marked_as_spam: Option<(i64, Actor)>,
}

/// A customer group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerGroup {
    /// `cg_…`
    pub id: String,
    /// Display name.
    pub name: String,
    /// Unique key.
    pub key: String,
    /// Display colour.
    pub color: String,
    /// Unique when set.
    pub external_id: Option<String>,
    /// ms since the epoch.
    pub created_at: i64,
    /// Creator.
    pub created_by: Actor,
    /// ms since the epoch.
    pub updated_at: i64,
    /// Last writer.
    pub updated_by: Actor,
}

/// A customer's membership of a group (never updated, so updated = created).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupMembership {
    /// Internal id (`cgm_…`), the pagination key.
    pub id: String,
    /// Member.
    pub customer_id: String,
    /// Group.
    pub group_id: String,
    /// ms since the epoch.
    pub created_at: i64,
    /// Who added the customer.
    pub created_by: Actor,
}

/// A tenant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tenant {
    /// `te_…`
    pub id: String,
    /// Display name.
    pub name: String,
    /// Unique.
    pub external_id: String,
    /// Link into your product.
    pub url: Option<String>,
    /// ms since the epoch.
    pub created_at: i64,
    /// Creator.
    pub created_by: Actor,
    /// ms since the epoch.
    pub updated_at: i64,
    /// Last writer.
    pub updated_by: Actor,
}

/// A customer's membership of a tenant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TenantMembership {
    /// Internal id (`ctm_…`), the pagination key.
    pub id: String,
    /// Member.
    pub customer_id: String,
    /// Tenant.
    pub tenant_id: String,
    /// ms since the epoch.
    pub created_at: i64,
    /// Who linked them.
    pub created_by: Actor,
}

/// A company, keyed by domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Company {
    /// `co_…`
    pub id: String,
    /// Display name (the domain).
    pub name: String,
    /// Normalised domain, unique.
    pub domain_name: String,
    /// ms since the epoch.
    pub created_at: i64,
    /// Creator.
    pub created_by: Actor,
}

/// A customer event.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerEvent {
    /// `ce_…`
    pub id: String,
    /// The customer it is about.
    pub customer_id: String,
    /// Unique when set.
    pub external_id: Option<String>,
    /// Headline.
    pub title: String,
    /// Members of the `EventComponent` union as response JSON, each with `__typename`.
    pub components: Vec<Value>,
    /// ms since the epoch (the `timestamp` input when given).
    pub created_at: i64,
    /// Creator.
    pub created_by: Actor,
}

/// Points at one customer (`UpsertCustomerIdentifierInput`, `CustomerIdentifierInput`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CustomerKey {
    /// `customerId`
    Id(String),
    /// `emailAddress`
    Email(String),
    /// `externalId`
    ExternalId(String),
}

impl CustomerKey {
    /// The input field name.
    pub fn field(&self) -> &'static str {
        match self {
            CustomerKey::Id(_) => "customerId",
            CustomerKey::Email(_) => "emailAddress",
            CustomerKey::ExternalId(_) => "externalId",
        }
    }

    fn value(&self) -> &str {
        match self {
            CustomerKey::Id(v) | CustomerKey::Email(v) | CustomerKey::ExternalId(v) => v,
        }
    }
}

/// Points at one customer group (`CustomerGroupIdentifier`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupKey {
    /// `customerGroupId`
    Id(String),
    /// `customerGroupKey`
    Key(String),
    /// `externalId`
    ExternalId(String),
}

/// Points at one tenant (`TenantIdentifierInput`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TenantKey {
    /// `tenantId`
    Id(String),
    /// `externalId`
    ExternalId(String),
}

/// Points at one company (`CompanyIdentifierInput`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompanyKey {
    /// `companyId`
    Id(String),
    /// `companyDomainName`
    DomainName(String),
}

/// `UpsertCustomerOnCreateInput`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewCustomer {
    /// `externalId`
    pub external_id: Option<String>,
    /// `fullName`
    pub full_name: String,
    /// `shortName`
    pub short_name: Option<String>,
    /// `email.email`
    pub email: String,
    /// `email.isVerified`
    pub is_verified: bool,
    /// `customerGroupIdentifiers`
    pub groups: Vec<GroupKey>,
    /// `tenantIdentifiers`
    pub tenants: Vec<TenantKey>,
}

/// `UpsertCustomerOnUpdateInput`: `None` leaves a value unchanged, `Some(None)` clears it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerPatch {
    /// `externalId`
    pub external_id: Option<Option<String>>,
    /// `fullName`
    pub full_name: Option<String>,
    /// `shortName`
    pub short_name: Option<Option<String>>,
    /// `email` (address, isVerified)
    pub email: Option<(String, bool)>,
}

/// Attributes of `createCustomerGroup` / `upsertCustomerGroup`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupFields {
    /// `name`
    pub name: String,
    /// `key`
    pub key: String,
    /// `color`
    pub color: String,
    /// `externalId`
    pub external_id: Option<String>,
}

/// `updateCustomerGroup`: `None` leaves a value unchanged, `Some(None)` clears it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GroupPatch {
    /// `name`
    pub name: Option<String>,
    /// `key`
    pub key: Option<String>,
    /// `color`
    pub color: Option<String>,
    /// `externalId`
    pub external_id: Option<Option<String>>,
}

/// Attributes of `upsertTenant`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TenantFields {
    /// `name`
    pub name: String,
    /// `externalId`
    pub external_id: String,
    /// `url`: `None` unchanged, `Some(None)` clears.
    pub url: Option<Option<String>>,
}

/// How a tenant membership mutation changes the customer's tenants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TenantChange {
    /// `addCustomerToTenants`
    Add,
    /// `removeCustomerFromTenants`
    Remove,
    /// `setCustomerTenants`
    Set,
}

/// `CreateCustomerEventInput`.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEvent {
    /// `customerIdentifier`
    pub customer: CustomerKey,
    /// `externalId`
    pub external_id: Option<String>,
    /// `title`
    pub title: String,
    /// `components`: `EventComponentInput` objects as coerced JSON.
    pub components: Vec<Value>,
    /// `timestamp` (ISO 8601)
    pub timestamp: Option<String>,
}

/// `CustomersFilter`; `None` means "not restricted".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerFilter {
    /// `isMarkedAsSpam`
    pub is_marked_as_spam: Option<bool>,
    /// `customerGroupIds` (any of)
    pub group_ids: Option<Vec<String>>,
    /// `customerGroupKeys` (any of)
    pub group_keys: Option<Vec<String>>,
    /// `companyIdentifiers` (any of)
    pub companies: Option<Vec<CompanyKey>>,
    /// `tenantIdentifiers` (any of)
    pub tenants: Option<Vec<TenantKey>>,
    /// `updatedAt.after`, inclusive, ms
    pub updated_after: Option<i64>,
    /// `updatedAt.before`, exclusive, ms
    pub updated_before: Option<i64>,
}

/// Order of `customers`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CustomerOrder {
    /// Creation order (no `sortBy`).
    #[default]
    Created,
    /// `FULL_NAME`, ascending or descending.
    FullName {
        /// `DESC`
        descending: bool,
    },
}

/// Attribute a `CustomerSearchCondition` matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchField {
    /// `fullName`
    FullName,
    /// `shortName`
    ShortName,
    /// `email`
    Email,
    /// `externalId`
    ExternalId,
    /// `timelineEntryText`
    TimelineEntryText,
}

/// Relay pagination arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageArgs {
    /// `first`
    pub first: Option<i64>,
    /// `after`
    pub after: Option<String>,
    /// `last`
    pub last: Option<i64>,
    /// `before`
    pub before: Option<String>,
}

/// One page of a connection.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// `(cursor, node)` in order.
    pub edges: Vec<(String, T)>,
    /// `PageInfo.hasPreviousPage`: items exist before the first edge.
    pub has_previous_page: bool,
    /// `PageInfo.hasNextPage`: items exist after the last edge.
    pub has_next_page: bool,
    /// Items across all pages.
    pub total_count: usize,
}

/// The workspace. Plain data; the server wraps it in a mutex.
#[derive(Clone, Debug)]
pub struct Store {
    customers: BTreeMap<String, Customer>,
    /// Customer ids by ASCII-lowercased email, and by external id: O(1)
    /// lookups and uniqueness checks (kept in step by `put_customer` and `take_customer`).
    by_email: HashMap<String, String>,
    by_external_id: HashMap<String, String>,
    groups: BTreeMap<String, CustomerGroup>,
    group_memberships: BTreeMap<String, GroupMembership>,
    tenants: BTreeMap<String, Tenant>,
    tenant_memberships: BTreeMap<String, TenantMembership>,
    companies: BTreeMap<String, Company>,
    events: BTreeMap<String, CustomerEvent>,
    counter: u64,
    last_ms: i64,
    started_at: i64,
}

impl Default for Store {
    fn default() -> Self {
        Store::new()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct SeedData {
    #[serde(default)]
    customers: Vec<SeedCustomer>,
    #[serde(default)]
    customer_groups: Vec<SeedGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct SeedCustomer {
    full_name: String,
    email: String,
    external_id: Option<String>,
    short_name: Option<String>,
    #[serde(default)]
    is_verified: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct SeedGroup {
    name: String,
    key: String,
    color: String,
    external_id: Option<String>,
}

fn email_eq(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

fn require_text(value: &str, field: &str) -> Result<(), MutationFailure> {
    if value.trim().is_empty() {
        Err(MutationFailure::invalid(
            field,
            format!("{field} must not be empty"),
            FieldErrorType::Required,
        ))
    } else {
        Ok(())
    }
}

fn require_opt_text(value: Option<&str>, field: &str) -> Result<(), MutationFailure> {
    value.map_or(Ok(()), |v| require_text(v, field))
}

fn check_email(email: &str, field: &str) -> Result<(), MutationFailure> {
    require_text(email, field)?;
    let mut parts = email.split('@');
    let ok = matches!((parts.next(), parts.next(), parts.next()), (Some(l), Some(d), None) if !l.is_empty() && !d.is_empty())
        && !email.chars().any(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(MutationFailure::invalid(
            field,
            format!("{email:?} is not a valid email address"),
            FieldErrorType::Validation,
        ))
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The ids that identifier inputs name, each once, in order; every unknown
/// one is a `not_found` field (`path.INDEX`).
fn resolve_ids<'a, K>(
    keys: &[K],
    path: &str,
    missing_message: &str,
    find: impl Fn(&K) -> Option<&'a str>,
) -> Result<Vec<String>, MutationFailure> {
    let mut ids: Vec<String> = Vec::new();
    let mut missing: Vec<usize> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        match find(key) {
            Some(id) if !ids.iter().any(|x| x == id) => ids.push(id.to_string()),
            Some(_) => {}
            None => missing.push(i),
        }
    }
    if missing.is_empty() {
        return Ok(ids);
    }
    let mut failure = MutationFailure::new(ErrorType::Validation, "not_found", missing_message);
    for i in missing {
        failure = failure.with_field(format!("{path}.{i}"), missing_message, FieldErrorType::NotFound);
    }
    Err(failure)
}

impl Store {
    /// An empty workspace.
    pub fn new() -> Store {
        let now = system_ms();
        Store {
            customers: BTreeMap::new(),
            by_email: HashMap::new(),
            by_external_id: HashMap::new(),
            groups: BTreeMap::new(),
            group_memberships: BTreeMap::new(),
            tenants: BTreeMap::new(),
            tenant_memberships: BTreeMap::new(),
            companies: BTreeMap::new(),
            events: BTreeMap::new(),
            counter: 0,
            last_ms: now,
            started_at: now,
        }
    }

    /// Seed data: JSON `{"customers":[{fullName, email, externalId?, shortName?, isVerified?}],
    /// "customerGroups":[{name,key,color,externalId?}]}`; error text on bad shape. Groups are
    /// added first, then customers, with the same rules as the API (unique email, external ID
    /// and key). All or nothing: on error the store is unchanged.
    pub fn seed(&mut self, data: &Value) -> Result<(), String> {
        let seed: SeedData = serde_path_to_error::deserialize(data).map_err(|e| format!("seed data: {e}"))?;
        let mut next = self.clone();
        for (i, g) in seed.customer_groups.into_iter().enumerate() {
            let fields = GroupFields {
                name: g.name,
                key: g.key,
                color: g.color,
                external_id: g.external_id,
            };
            next.create_group(&fields, &Actor::System)
                .map_err(|e| format!("seed data: customerGroups[{i}]: {}", describe(&e)))?;
        }
        for (i, c) in seed.customers.into_iter().enumerate() {
            let new = NewCustomer {
                external_id: c.external_id,
                full_name: c.full_name,
                short_name: c.short_name,
                email: c.email,
                is_verified: c.is_verified,
                groups: Vec::new(),
                tenants: Vec::new(),
            };
            next.create_customer(&new, "", &Actor::System)
                .map_err(|e| format!("seed data: customers[{i}]: {}", describe(&e)))?;
        }
        *self = next;
        Ok(())
    }

    // ----- clock and ids -----

    /// When the store was made (ms); the machine user's creation time.
    pub fn started_at(&self) -> i64 {
        self.started_at
    }

    fn tick(&mut self) -> i64 {
        let now = system_ms().max(self.last_ms.saturating_add(1));
        self.last_ms = now;
        now
    }

    fn next_id(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}{:026}", self.counter)
    }

    // ----- reads -----

    /// A customer by id.
    pub fn customer(&self, id: &str) -> Option<&Customer> {
        self.customers.get(id)
    }

    /// A customer by email, case-insensitively.
    pub fn customer_by_email(&self, email: &str) -> Option<&Customer> {
        self.by_email.get(&email.to_ascii_lowercase()).and_then(|id| self.customers.get(id))
    }

    /// A customer by external ID.
    pub fn customer_by_external_id(&self, external_id: &str) -> Option<&Customer> {
        self.by_external_id.get(external_id).and_then(|id| self.customers.get(id))
    }

    /// A customer by any identifier.
    pub fn find_customer(&self, key: &CustomerKey) -> Option<&Customer> {
        match key {
            CustomerKey::Id(id) => self.customer(id),
            CustomerKey::Email(e) => self.customer_by_email(e),
            CustomerKey::ExternalId(x) => self.customer_by_external_id(x),
        }
    }

    /// A group by id.
    pub fn group(&self, id: &str) -> Option<&CustomerGroup> {
        self.groups.get(id)
    }

    /// A group by any identifier.
    pub fn find_group(&self, key: &GroupKey) -> Option<&CustomerGroup> {
        match key {
            GroupKey::Id(id) => self.groups.get(id),
            GroupKey::Key(k) => self.groups.values().find(|g| g.key == *k),
            GroupKey::ExternalId(x) => self.groups.values().find(|g| g.external_id.as_deref() == Some(x.as_str())),
        }
    }

    /// A tenant by id.
    pub fn tenant(&self, id: &str) -> Option<&Tenant> {
        self.tenants.get(id)
    }

    /// A tenant by any identifier.
    pub fn find_tenant(&self, key: &TenantKey) -> Option<&Tenant> {
        match key {
            TenantKey::Id(id) => self.tenants.get(id),
            TenantKey::ExternalId(x) => self.tenants.values().find(|t| t.external_id == *x),
        }
    }

    /// A company by id.
    pub fn company(&self, id: &str) -> Option<&Company> {
        self.companies.get(id)
    }

    /// A company by any identifier (a domain is normalised first).
    pub fn find_company(&self, key: &CompanyKey) -> Option<&Company> {
        match key {
            CompanyKey::Id(id) => self.companies.get(id),
            CompanyKey::DomainName(d) => {
                let d = normalize_domain(d)?;
                self.companies.values().find(|c| c.domain_name == d)
            }
        }
    }

    /// A customer event by id.
    pub fn event(&self, id: &str) -> Option<&CustomerEvent> {
        self.events.get(id)
    }

    /// Number of customers.
    pub fn customer_count(&self) -> usize {
        self.customers.len()
    }

    /// `customers`: filtered, ordered, paginated. `Err` is a `BAD_USER_INPUT` message.
    pub fn list_customers(&self, filter: &CustomerFilter, order: CustomerOrder, args: &PageArgs) -> Result<Page<Customer>, String> {
        // customerGroupIds and customerGroupKeys each mean "in any of these groups"; when both
        // are given, both must hold (all given criteria must hold).
        let by_group_id: Option<Vec<&str>> = filter.group_ids.as_ref().map(|ids| ids.iter().map(String::as_str).collect());
        let by_group_key: Option<Vec<&str>> = filter.group_keys.as_ref().map(|keys| {
            self.groups
                .values()
                .filter(|g| keys.contains(&g.key))
                .map(|g| g.id.as_str())
                .collect()
        });
        let company_ids: Option<Vec<&str>> = filter
            .companies
            .as_ref()
            .map(|keys| keys.iter().filter_map(|k| self.find_company(k)).map(|c| c.id.as_str()).collect());
        let tenant_ids: Option<Vec<&str>> = filter
            .tenants
            .as_ref()
            .map(|keys| keys.iter().filter_map(|k| self.find_tenant(k)).map(|t| t.id.as_str()).collect());
        let items = self
            .customers
            .values()
            .filter(|c| filter.is_marked_as_spam.is_none_or(|spam| spam == c.marked_as_spam.is_some()))
            .filter(|c| filter.updated_after.is_none_or(|t| c.updated_at >= t))
            .filter(|c| filter.updated_before.is_none_or(|t| c.updated_at < t))
            .filter(|c| {
                [&by_group_id, &by_group_key]
                    .into_iter()
                    .flatten()
                    .all(|ids| self.in_any_group(&c.id, ids))
            })
            .filter(|c| {
                company_ids
                    .as_ref()
                    .is_none_or(|ids| c.company_id.as_deref().is_some_and(|id| ids.contains(&id)))
            })
            .filter(|c| {
                tenant_ids.as_ref().is_none_or(|ids| {
                    self.tenant_memberships
                        .values()
                        .any(|m| m.customer_id == c.id && ids.contains(&m.tenant_id.as_str()))
                })
            })
            .map(|c| {
                let key = match order {
                    CustomerOrder::Created => vec![c.id.clone()],
                    CustomerOrder::FullName { .. } => vec![c.full_name.clone(), c.id.clone()],
                };
                (key, c.clone())
            })
            .collect();
        let descending = matches!(order, CustomerOrder::FullName { descending: true });
        paginate(items, descending, args)
    }

    /// `searchCustomers`: customers matching any condition (needles compared case-insensitively),
    /// newest `updatedAt` first. `Err` is a `BAD_USER_INPUT` message.
    pub fn search_customers(&self, conditions: &[(SearchField, String)], args: &PageArgs) -> Result<Page<Customer>, String> {
        if conditions.is_empty() {
            return Err("searchQuery.or needs at least one condition".to_string());
        }
        let needles: Vec<(SearchField, String)> = conditions.iter().map(|(f, s)| (*f, s.to_lowercase())).collect();
        let contains = |hay: Option<&str>, needle: &str| hay.is_some_and(|h| h.to_lowercase().contains(needle));
        let items = self
            .customers
            .values()
            .filter(|c| {
                needles.iter().any(|(field, needle)| match field {
                    SearchField::FullName => contains(Some(&c.full_name), needle),
                    SearchField::ShortName => contains(c.short_name.as_deref(), needle),
                    SearchField::Email => contains(Some(&c.email), needle),
                    SearchField::ExternalId => contains(c.external_id.as_deref(), needle),
                    SearchField::TimelineEntryText => self
                        .events
                        .values()
                        .filter(|e| e.customer_id == c.id)
                        .any(|e| contains(Some(&e.title), needle) || event_texts(e).any(|t| contains(Some(t), needle))),
                })
            })
            .map(|c| (vec![format!("{:020}", c.updated_at.max(0)), c.id.clone()], c.clone()))
            .collect();
        paginate(items, true, args)
    }

    /// `customerGroups`, in creation order, optionally only those with one of `external_ids`.
    pub fn list_groups(&self, external_ids: Option<&[String]>, args: &PageArgs) -> Result<Page<CustomerGroup>, String> {
        let items = self
            .groups
            .values()
            .filter(|g| external_ids.is_none_or(|ids| g.external_id.as_ref().is_some_and(|x| ids.contains(x))))
            .map(|g| (vec![g.id.clone()], g.clone()))
            .collect();
        paginate(items, false, args)
    }

    /// `Customer.customerGroupMemberships`, in creation order, optionally only groups with one
    /// of `group_external_ids`.
    pub fn group_memberships_of(
        &self,
        customer_id: &str,
        group_external_ids: Option<&[String]>,
        args: &PageArgs,
    ) -> Result<Page<(GroupMembership, CustomerGroup)>, String> {
        let items = self
            .group_memberships
            .values()
            .filter(|m| m.customer_id == customer_id)
            .filter_map(|m| self.groups.get(&m.group_id).map(|g| (m, g)))
            .filter(|(_, g)| group_external_ids.is_none_or(|ids| g.external_id.as_ref().is_some_and(|x| ids.contains(x))))
            .map(|(m, g)| (vec![m.id.clone()], (m.clone(), g.clone())))
            .collect();
        paginate(items, false, args)
    }

    /// `Customer.tenantMemberships`, in creation order.
    pub fn tenant_memberships_of(&self, customer_id: &str, args: &PageArgs) -> Result<Page<(TenantMembership, Tenant)>, String> {
        let items = self
            .tenant_memberships
            .values()
            .filter(|m| m.customer_id == customer_id)
            .filter_map(|m| self.tenants.get(&m.tenant_id).map(|t| (vec![m.id.clone()], (m.clone(), t.clone()))))
            .collect();
        paginate(items, false, args)
    }

    fn in_any_group(&self, customer_id: &str, group_ids: &[&str]) -> bool {
        self.group_memberships
            .values()
            .any(|m| m.customer_id == customer_id && group_ids.contains(&m.group_id.as_str()))
    }

    // ----- customers -----

    fn email_holder(&self, email: &str, except: Option<&str>) -> Option<&Customer> {
        self.customer_by_email(email).filter(|c| Some(c.id.as_str()) != except)
    }

    fn external_id_holder(&self, external_id: &str, except: Option<&str>) -> Option<&Customer> {
        self.customer_by_external_id(external_id).filter(|c| Some(c.id.as_str()) != except)
    }

    /// Inserts or replaces a customer, keeping the lookup indexes in step.
    fn put_customer(&mut self, c: Customer) {
        if let Some(old) = self.customers.get_mut(&c.id) {
            // The same email and external id: the indexes already say so.
            if old.email == c.email && old.external_id == c.external_id {
                *old = c;
                return;
            }
        }
        self.take_customer(&c.id);
        self.by_email.insert(c.email.to_ascii_lowercase(), c.id.clone());
        if let Some(x) = &c.external_id {
            self.by_external_id.insert(x.clone(), c.id.clone());
        }
        self.customers.insert(c.id.clone(), c);
    }

    /// Removes a customer and its index entries.
    fn take_customer(&mut self, id: &str) -> Option<Customer> {
        let c = self.customers.remove(id)?;
        self.by_email.remove(&c.email.to_ascii_lowercase());
        if let Some(x) = &c.external_id {
            self.by_external_id.remove(x);
        }
        Some(c)
    }

    fn email_conflict(email: &str, field: &str) -> MutationFailure {
        let message = format!("A customer already exists with the email {email:?}.");
        MutationFailure::new(ErrorType::Validation, "customer_already_exists_with_email", message.clone()).with_field(
            field,
            message,
            FieldErrorType::Validation,
        )
    }

    fn external_id_conflict(external_id: &str, field: &str) -> MutationFailure {
        let message = format!("A customer already exists with the external id {external_id:?}.");
        MutationFailure::new(ErrorType::Validation, "customer_already_exists_with_external_id", message.clone()).with_field(
            field,
            message,
            FieldErrorType::Validation,
        )
    }

    fn resolve_groups(&self, keys: &[GroupKey], path: &str) -> Result<Vec<String>, MutationFailure> {
        resolve_ids(keys, path, "Customer group not found", |k| {
            self.find_group(k).map(|g| g.id.as_str())
        })
    }

    fn resolve_tenants(&self, keys: &[TenantKey], path: &str) -> Result<Vec<String>, MutationFailure> {
        resolve_ids(keys, path, "Tenant not found", |k| self.find_tenant(k).map(|t| t.id.as_str()))
    }

    /// Creates a customer; `prefix` is the input path of `new` (`"onCreate"`, or `""` for seeds).
    fn create_customer(&mut self, new: &NewCustomer, prefix: &str, actor: &Actor) -> Result<String, MutationFailure> {
        let path = |f: &str| {
            if prefix.is_empty() {
                f.to_string()
            } else {
                format!("{prefix}.{f}")
            }
        };
        require_text(&new.full_name, &path("fullName"))?;
        check_email(&new.email, &path("email.email"))?;
        require_opt_text(new.external_id.as_deref(), &path("externalId"))?;
        if self.email_holder(&new.email, None).is_some() {
            return Err(Self::email_conflict(&new.email, &path("email.email")));
        }
        if let Some(x) = new.external_id.as_deref().filter(|x| self.external_id_holder(x, None).is_some()) {
            return Err(Self::external_id_conflict(x, &path("externalId")));
        }
        let group_ids = self.resolve_groups(&new.groups, &path("customerGroupIdentifiers"))?;
        let tenant_ids = self.resolve_tenants(&new.tenants, &path("tenantIdentifiers"))?;
        let now = self.tick();
        let id = self.next_id("c_");
        let customer = Customer {
            id: id.clone(),
            external_id: new.external_id.clone(),
            full_name: new.full_name.clone(),
            short_name: new.short_name.clone(),
            email: new.email.clone(),
            email_verified: new.is_verified,
            email_verified_at: new.is_verified.then_some(now),
            company_id: None,
            created_at: now,
            created_by: actor.clone(),
            updated_at: now,
            updated_by: actor.clone(),
            marked_as_spam: None,
        };
        self.put_customer(customer);
        for group_id in group_ids {
            self.insert_group_membership(&id, &group_id, now, actor);
        }
        for tenant_id in tenant_ids {
            self.insert_tenant_membership(&id, &tenant_id, now, actor);
        }
        Ok(id)
    }

    /// `upsertCustomer`: returns the result and the customer id.
    pub fn upsert_customer(
        &mut self,
        key: &CustomerKey,
        on_create: &NewCustomer,
        on_update: &CustomerPatch,
        actor: &Actor,
    ) -> Result<(UpsertResult, String), MutationFailure> {
        let field = format!("identifier.{}", key.field());
        require_text(key.value(), &field)?;
        if let Some(id) = self.find_customer(key).map(|c| c.id.clone()) {
            let result = self.update_customer(&id, on_update, actor)?;
            return Ok((result, id));
        }
        let mut new = on_create.clone();
        match key {
            CustomerKey::Id(_) => return Err(MutationFailure::not_found("Customer", field)),
            CustomerKey::Email(email) => {
                if !email_eq(&new.email, email) {
                    return Err(MutationFailure::invalid(
                        "onCreate.email.email",
                        "onCreate.email.email must be the address given in identifier.emailAddress",
                        FieldErrorType::Validation,
                    ));
                }
            }
            CustomerKey::ExternalId(x) => match &new.external_id {
                Some(given) if given != x => {
                    return Err(MutationFailure::invalid(
                        "onCreate.externalId",
                        "onCreate.externalId must be the value given in identifier.externalId",
                        FieldErrorType::Validation,
                    ))
                }
                _ => new.external_id = Some(x.clone()),
            },
        }
        let id = self.create_customer(&new, "onCreate", actor)?;
        Ok((UpsertResult::Created, id))
    }

    fn update_customer(&mut self, id: &str, patch: &CustomerPatch, actor: &Actor) -> Result<UpsertResult, MutationFailure> {
        let Some(current) = self.customers.get(id) else {
            return Err(MutationFailure::not_found("Customer", "identifier"));
        };
        let mut next = current.clone();
        let mut verify_now = false;
        if let Some(name) = &patch.full_name {
            require_text(name, "onUpdate.fullName.value")?;
            next.full_name = name.clone();
        }
        if let Some(short) = &patch.short_name {
            next.short_name = short.clone();
        }
        if let Some((email, verified)) = &patch.email {
            check_email(email, "onUpdate.email.email")?;
            if self.email_holder(email, Some(id)).is_some() {
                return Err(Self::email_conflict(email, "onUpdate.email.email"));
            }
            verify_now = *verified && (next.email != *email || !next.email_verified);
            if !*verified {
                next.email_verified_at = None;
            }
            next.email = email.clone();
            next.email_verified = *verified;
        }
        if let Some(x) = &patch.external_id {
            require_opt_text(x.as_deref(), "onUpdate.externalId.value")?;
            if let Some(x) = x.as_deref().filter(|x| self.external_id_holder(x, Some(id)).is_some()) {
                return Err(Self::external_id_conflict(x, "onUpdate.externalId.value"));
            }
            next.external_id = x.clone();
        }
        if next == *current {
            return Ok(UpsertResult::Noop);
        }
        let now = self.tick();
        if verify_now {
            next.email_verified_at = Some(now);
        }
        next.updated_at = now;
        next.updated_by = actor.clone();
        self.put_customer(next);
        Ok(UpsertResult::Updated)
    }

    /// `deleteCustomer`: removes the customer, its memberships and its events.
    pub fn delete_customer(&mut self, id: &str) -> Result<(), MutationFailure> {
        if self.take_customer(id).is_none() {
            return Err(MutationFailure::not_found("Customer", "customerId"));
        }
        self.group_memberships.retain(|_, m| m.customer_id != id);
        self.tenant_memberships.retain(|_, m| m.customer_id != id);
        self.events.retain(|_, e| e.customer_id != id);
        Ok(())
    }

    /// `markCustomerAsSpam` (idempotent).
    pub fn mark_spam(&mut self, id: &str, actor: &Actor) -> Result<(), MutationFailure> {
        match self.customers.get(id) {
            None => Err(MutationFailure::not_found("Customer", "customerId")),
            Some(c) if c.marked_as_spam.is_some() => Ok(()),
            Some(_) => {
                let now = self.tick();
                if let Some(c) = self.customers.get_mut(id) {
                    c.marked_as_spam = Some((now, actor.clone()));
                    c.updated_at = now;
                    c.updated_by = actor.clone();
                }
                Ok(())
            }
        }
    }

    /// `unmarkCustomerAsSpam`.
    pub fn unmark_spam(&mut self, id: &str, actor: &Actor) -> Result<(), MutationFailure> {
        match self.customers.get(id) {
            None => Err(MutationFailure::not_found("Customer", "customerId")),
            Some(c) if c.marked_as_spam.is_none() => Err(MutationFailure::new(
                ErrorType::Validation,
                "customer_is_not_marked_as_spam",
                "The customer is not marked as spam.",
            )),
            Some(_) => {
                let now = self.tick();
                if let Some(c) = self.customers.get_mut(id) {
                    c.marked_as_spam = None;
                    c.updated_at = now;
                    c.updated_by = actor.clone();
                }
                Ok(())
            }
        }
    }

    /// `updateCustomerCompany`: `None` unlinks.
    pub fn update_customer_company(
        &mut self,
        customer_id: &str,
        company: Option<&CompanyKey>,
        actor: &Actor,
    ) -> Result<(), MutationFailure> {
        if !self.customers.contains_key(customer_id) {
            return Err(MutationFailure::not_found("Customer", "customerId"));
        }
        let company_id = match company {
            None => None,
            Some(CompanyKey::Id(id)) => match self.companies.get(id) {
                Some(c) => Some(c.id.clone()),
                None => return Err(MutationFailure::not_found("Company", "companyIdentifier.companyId")),
            },
            Some(CompanyKey::DomainName(raw)) => {
                let Some(domain) = normalize_domain(raw) else {
                    return Err(MutationFailure::invalid(
                        "companyIdentifier.companyDomainName",
                        format!("{raw:?} is not a domain name"),
                        FieldErrorType::Validation,
                    ));
                };
                match self.companies.values().find(|c| c.domain_name == domain) {
                    Some(c) => Some(c.id.clone()),
                    None => {
                        let now = self.tick();
                        let id = self.next_id("co_");
                        let company = Company {
                            id: id.clone(),
                            name: domain.clone(),
                            domain_name: domain,
                            created_at: now,
                            created_by: actor.clone(),
                        };
                        self.companies.insert(id.clone(), company);
                        Some(id)
                    }
                }
            }
        };
        if self.customers.get(customer_id).is_some_and(|c| c.company_id != company_id) {
            let now = self.tick();
            if let Some(c) = self.customers.get_mut(customer_id) {
                c.company_id = company_id;
                c.updated_at = now;
                c.updated_by = actor.clone();
            }
        }
        Ok(())
    }

    // ----- customer groups -----

    fn check_group_fields(&self, fields: &GroupFields, except: Option<&str>) -> Result<(), MutationFailure> {
        require_text(&fields.name, "name")?;
        require_text(&fields.key, "key")?;
        require_text(&fields.color, "color")?;
        require_opt_text(fields.external_id.as_deref(), "externalId")?;
        self.check_group_unique(Some(&fields.key), fields.external_id.as_deref(), except)
    }

    fn check_group_unique(&self, key: Option<&str>, external_id: Option<&str>, except: Option<&str>) -> Result<(), MutationFailure> {
        let others = || self.groups.values().filter(|g| Some(g.id.as_str()) != except);
        if let Some(key) = key.filter(|k| others().any(|g| g.key == *k)) {
            let message = format!("A customer group with the key {key:?} already exists.");
            return Err(
                MutationFailure::new(ErrorType::Validation, "customer_group_key_already_exists", message.clone()).with_field(
                    "key",
                    message,
                    FieldErrorType::Validation,
                ),
            );
        }
        if let Some(x) = external_id.filter(|x| others().any(|g| g.external_id.as_deref() == Some(*x))) {
            return Err(MutationFailure::invalid(
                "externalId",
                format!("A customer group with the external id {x:?} already exists."),
                FieldErrorType::Validation,
            ));
        }
        Ok(())
    }

    /// `createCustomerGroup`: returns the new group's id.
    pub fn create_group(&mut self, fields: &GroupFields, actor: &Actor) -> Result<String, MutationFailure> {
        self.check_group_fields(fields, None)?;
        let now = self.tick();
        let id = self.next_id("cg_");
        let group = CustomerGroup {
            id: id.clone(),
            name: fields.name.clone(),
            key: fields.key.clone(),
            color: fields.color.clone(),
            external_id: fields.external_id.clone(),
            created_at: now,
            created_by: actor.clone(),
            updated_at: now,
            updated_by: actor.clone(),
        };
        self.groups.insert(id.clone(), group);
        Ok(id)
    }

    /// `upsertCustomerGroup`: returns the result and the group id.
    pub fn upsert_group(&mut self, key: &GroupKey, fields: &GroupFields, actor: &Actor) -> Result<(UpsertResult, String), MutationFailure> {
        if let Some(id) = self.find_group(key).map(|g| g.id.clone()) {
            let patch = GroupPatch {
                name: Some(fields.name.clone()),
                key: Some(fields.key.clone()),
                color: Some(fields.color.clone()),
                external_id: fields.external_id.clone().map(Some),
            };
            let result = self.patch_group(&id, &patch, actor)?;
            return Ok((result, id));
        }
        let mut fields = fields.clone();
        match key {
            GroupKey::Id(_) => return Err(MutationFailure::not_found("Customer group", "identifier.customerGroupId")),
            GroupKey::Key(k) if *k != fields.key => {
                return Err(MutationFailure::invalid(
                    "key",
                    "key must be the value given in identifier.customerGroupKey",
                    FieldErrorType::Validation,
                ))
            }
            GroupKey::Key(_) => {}
            GroupKey::ExternalId(x) => match &fields.external_id {
                Some(given) if given != x => {
                    return Err(MutationFailure::invalid(
                        "externalId",
                        "externalId must be the value given in identifier.externalId",
                        FieldErrorType::Validation,
                    ))
                }
                _ => fields.external_id = Some(x.clone()),
            },
        }
        let id = self.create_group(&fields, actor)?;
        Ok((UpsertResult::Created, id))
    }

    /// `updateCustomerGroup`.
    pub fn update_group(&mut self, id: &str, patch: &GroupPatch, actor: &Actor) -> Result<(), MutationFailure> {
        if patch == &GroupPatch::default() {
            return Err(MutationFailure::new(
                ErrorType::Validation,
                "input_validation",
                "At least one of name, key, color or externalId must be given.",
            ));
        }
        self.patch_group(id, patch, actor).map(|_| ())
    }

    fn patch_group(&mut self, id: &str, patch: &GroupPatch, actor: &Actor) -> Result<UpsertResult, MutationFailure> {
        let Some(current) = self.groups.get(id).cloned() else {
            return Err(MutationFailure::not_found("Customer group", "customerGroupId"));
        };
        let mut next = current.clone();
        if let Some(v) = &patch.name {
            require_text(v, "name")?;
            next.name = v.clone();
        }
        if let Some(v) = &patch.key {
            require_text(v, "key")?;
            next.key = v.clone();
        }
        if let Some(v) = &patch.color {
            require_text(v, "color")?;
            next.color = v.clone();
        }
        if let Some(v) = &patch.external_id {
            require_opt_text(v.as_deref(), "externalId")?;
            next.external_id = v.clone();
        }
        self.check_group_unique(patch.key.as_deref(), next.external_id.as_deref(), Some(id))?;
        if next == current {
            return Ok(UpsertResult::Noop);
        }
        let now = self.tick();
        next.updated_at = now;
        next.updated_by = actor.clone();
        self.groups.insert(id.to_string(), next);
        Ok(UpsertResult::Updated)
    }

    /// `deleteCustomerGroup`: refused while the group has members.
    pub fn delete_group(&mut self, id: &str) -> Result<(), MutationFailure> {
        if !self.groups.contains_key(id) {
            return Err(MutationFailure::not_found("Customer group", "customerGroupId"));
        }
        if self.group_memberships.values().any(|m| m.group_id == id) {
            return Err(MutationFailure::new(
                ErrorType::Validation,
                "customer_group_has_memberships",
                "The customer group still has members; remove them first.",
            ));
        }
        self.groups.remove(id);
        Ok(())
    }

    fn check_group_call(&self, customer_id: &str, keys: &[GroupKey]) -> Result<Vec<String>, MutationFailure> {
        if !self.customers.contains_key(customer_id) {
            return Err(MutationFailure::not_found("Customer", "customerId"));
        }
        if keys.is_empty() {
            return Err(MutationFailure::invalid(
                "customerGroupIdentifiers",
                "At least one customer group identifier is required.",
                FieldErrorType::Required,
            ));
        }
        if keys.len() > MAX_GROUPS_PER_CALL {
            return Err(MutationFailure::invalid(
                "customerGroupIdentifiers",
                format!(
                    "At most {MAX_GROUPS_PER_CALL} customer group identifiers are allowed, got {}.",
                    keys.len()
                ),
                FieldErrorType::Validation,
            ));
        }
        self.resolve_groups(keys, "customerGroupIdentifiers")
    }

    fn insert_group_membership(&mut self, customer_id: &str, group_id: &str, now: i64, actor: &Actor) -> GroupMembership {
        let id = self.next_id("cgm_");
        let m = GroupMembership {
            id: id.clone(),
            customer_id: customer_id.to_string(),
            group_id: group_id.to_string(),
            created_at: now,
            created_by: actor.clone(),
        };
        self.group_memberships.insert(id, m.clone());
        m
    }

    /// `addCustomerToCustomerGroups`: returns only the memberships made by this call.
    pub fn add_to_groups(&mut self, customer_id: &str, keys: &[GroupKey], actor: &Actor) -> Result<Vec<GroupMembership>, MutationFailure> {
        let group_ids = self.check_group_call(customer_id, keys)?;
        let new: Vec<String> = group_ids
            .into_iter()
            .filter(|g| {
                !self
                    .group_memberships
                    .values()
                    .any(|m| m.customer_id == customer_id && m.group_id == *g)
            })
            .collect();
        if new.is_empty() {
            return Ok(Vec::new());
        }
        let now = self.tick();
        Ok(new
            .iter()
            .map(|g| self.insert_group_membership(customer_id, g, now, actor))
            .collect())
    }

    /// `removeCustomerFromCustomerGroups`: errors when the customer is in none of the groups.
    pub fn remove_from_groups(&mut self, customer_id: &str, keys: &[GroupKey]) -> Result<(), MutationFailure> {
        let group_ids = self.check_group_call(customer_id, keys)?;
        let before = self.group_memberships.len();
        self.group_memberships
            .retain(|_, m| !(m.customer_id == customer_id && group_ids.contains(&m.group_id)));
        if self.group_memberships.len() == before {
            return Err(MutationFailure::new(
                ErrorType::Validation,
                "not_found",
                "The customer is not a member of any of the given customer groups.",
            )
            .with_field("customerGroupIdentifiers", "No membership to remove.", FieldErrorType::NotFound));
        }
        Ok(())
    }

    // ----- tenants -----

    /// `upsertTenant`: returns the result and the tenant id.
    pub fn upsert_tenant(
        &mut self,
        key: &TenantKey,
        fields: &TenantFields,
        actor: &Actor,
    ) -> Result<(UpsertResult, String), MutationFailure> {
        require_text(&fields.name, "name")?;
        require_text(&fields.external_id, "externalId")?;
        let found = self.find_tenant(key).map(|t| t.id.clone());
        if self
            .tenants
            .values()
            .any(|t| Some(&t.id) != found.as_ref() && t.external_id == fields.external_id)
        {
            return Err(MutationFailure::invalid(
                "externalId",
                format!("A tenant with the external id {:?} already exists.", fields.external_id),
                FieldErrorType::Validation,
            ));
        }
        if let Some(id) = found {
            let Some(current) = self.tenants.get(&id).cloned() else {
                return Err(MutationFailure::not_found("Tenant", "identifier"));
            };
            let mut next = current.clone();
            next.name = fields.name.clone();
            next.external_id = fields.external_id.clone();
            if let Some(url) = &fields.url {
                next.url = url.clone();
            }
            if next == current {
                return Ok((UpsertResult::Noop, id));
            }
            let now = self.tick();
            next.updated_at = now;
            next.updated_by = actor.clone();
            self.tenants.insert(id.clone(), next);
            return Ok((UpsertResult::Updated, id));
        }
        match key {
            TenantKey::Id(_) => return Err(MutationFailure::not_found("Tenant", "identifier.tenantId")),
            TenantKey::ExternalId(x) if *x != fields.external_id => {
                return Err(MutationFailure::invalid(
                    "externalId",
                    "externalId must be the value given in identifier.externalId",
                    FieldErrorType::Validation,
                ))
            }
            TenantKey::ExternalId(_) => {}
        }
        let now = self.tick();
        let id = self.next_id("te_");
        let tenant = Tenant {
            id: id.clone(),
            name: fields.name.clone(),
            external_id: fields.external_id.clone(),
            url: fields.url.clone().flatten(),
            created_at: now,
            created_by: actor.clone(),
            updated_at: now,
            updated_by: actor.clone(),
        };
        self.tenants.insert(id.clone(), tenant);
        Ok((UpsertResult::Created, id))
    }

    fn insert_tenant_membership(&mut self, customer_id: &str, tenant_id: &str, now: i64, actor: &Actor) {
        let id = self.next_id("ctm_");
        let m = TenantMembership {
            id: id.clone(),
            customer_id: customer_id.to_string(),
            tenant_id: tenant_id.to_string(),
            created_at: now,
            created_by: actor.clone(),
        };
        self.tenant_memberships.insert(id, m);
    }

    /// `addCustomerToTenants`, `removeCustomerFromTenants`, `setCustomerTenants`: returns the customer id.
    pub fn change_tenants(
        &mut self,
        customer: &CustomerKey,
        tenants: &[TenantKey],
        change: TenantChange,
        actor: &Actor,
    ) -> Result<String, MutationFailure> {
        let Some(customer_id) = self.find_customer(customer).map(|c| c.id.clone()) else {
            return Err(MutationFailure::not_found(
                "Customer",
                format!("customerIdentifier.{}", customer.field()),
            ));
        };
        let tenant_ids = self.resolve_tenants(tenants, "tenantIdentifiers")?;
        let current: Vec<String> = self
            .tenant_memberships
            .values()
            .filter(|m| m.customer_id == customer_id)
            .map(|m| m.tenant_id.clone())
            .collect();
        let (add, remove): (Vec<String>, Vec<String>) = match change {
            TenantChange::Add => (tenant_ids.into_iter().filter(|t| !current.contains(t)).collect(), Vec::new()),
            TenantChange::Remove => (Vec::new(), tenant_ids),
            TenantChange::Set => (
                tenant_ids.iter().filter(|t| !current.contains(t)).cloned().collect(),
                current.into_iter().filter(|t| !tenant_ids.contains(t)).collect(),
            ),
        };
        self.tenant_memberships
            .retain(|_, m| !(m.customer_id == customer_id && remove.contains(&m.tenant_id)));
        if !add.is_empty() {
            let now = self.tick();
            for t in &add {
                self.insert_tenant_membership(&customer_id, t, now, actor);
            }
        }
        Ok(customer_id)
    }

    // ----- customer events -----

    /// `createCustomerEvent`: returns the new event.
    pub fn create_event(&mut self, new: &NewEvent, actor: &Actor) -> Result<CustomerEvent, MutationFailure> {
        let Some(customer_id) = self.find_customer(&new.customer).map(|c| c.id.clone()) else {
            return Err(MutationFailure::not_found(
                "Customer",
                format!("customerIdentifier.{}", new.customer.field()),
            ));
        };
        require_text(&new.title, "title")?;
        if let Some(x) = &new.external_id {
            require_text(x, "externalId")?;
            if self.events.values().any(|e| e.external_id.as_ref() == Some(x)) {
                return Err(MutationFailure::invalid(
                    "externalId",
                    format!("A customer event with the external id {x:?} already exists."),
                    FieldErrorType::Validation,
                ));
            }
        }
        let timestamp = match &new.timestamp {
            None => None,
            Some(s) => match parse_iso8601(s) {
                Some(ms) => Some(ms),
                None => {
                    return Err(MutationFailure::invalid(
                        "timestamp",
                        format!("{s:?} is not an ISO 8601 date-time"),
                        FieldErrorType::Validation,
                    ))
                }
            },
        };
        let mut components = Vec::with_capacity(new.components.len());
        for (i, c) in new.components.iter().enumerate() {
            components.push(component_from_input(c, &format!("components.{i}"), true)?);
        }
        let now = self.tick();
        let id = self.next_id("ce_");
        let event = CustomerEvent {
            id: id.clone(),
            customer_id,
            external_id: new.external_id.clone(),
            title: new.title.clone(),
            components,
            created_at: timestamp.unwrap_or(now),
            created_by: actor.clone(),
        };
        self.events.insert(id, event.clone());
        Ok(event)
    }
}

fn describe(f: &MutationFailure) -> String {
    format!("{} ({})", f.message, f.code)
}

/// Texts of an event's text components, rows included (one level, as rows cannot nest).
fn event_texts(e: &CustomerEvent) -> impl Iterator<Item = &str> {
    fn text_of(c: &Value) -> Option<&str> {
        c.get("text").or_else(|| c.get("plainText")).and_then(Value::as_str)
    }
    e.components.iter().flat_map(move |c| {
        let row = ["rowMainContent", "rowAsideContent"]
            .into_iter()
            .filter_map(|k| c.get(k).and_then(Value::as_array))
            .flatten();
        text_of(c).into_iter().chain(row.filter_map(text_of))
    })
}

// ----- event components -----

/// `EventComponentInput` / `ComponentRowContentInput` member keys and output type names.
const COMPONENT_KINDS: [(&str, &str); 11] = [
    ("componentText", "ComponentText"),
    ("componentPlainText", "ComponentPlainText"),
    ("componentDivider", "ComponentDivider"),
    ("componentLinkButton", "ComponentLinkButton"),
    ("componentWorkflowButton", "ComponentWorkflowButton"),
    ("componentSpacer", "ComponentSpacer"),
    ("componentBadge", "ComponentBadge"),
    ("componentCopyButton", "ComponentCopyButton"),
    ("componentDateTime", "ComponentDateTime"),
    ("componentUser", "ComponentUser"),
    ("componentRow", "ComponentRow"),
];

/// Exactly one non-null field of `obj` among `allowed`: the oneOf rule.
pub fn one_of<'v>(obj: &'v Map<String, Value>, allowed: &[&'static str], path: &str) -> Result<(&'static str, &'v Value), MutationFailure> {
    let given: Vec<(&'static str, &Value)> = allowed
        .iter()
        .filter_map(|k| obj.get(*k).filter(|v| !v.is_null()).map(|v| (*k, v)))
        .collect();
    match given.as_slice() {
        [one] => Ok(*one),
        [] => Err(MutationFailure::invalid(
            path,
            format!("Exactly one of {} is required.", allowed.join(", ")),
            FieldErrorType::Required,
        )),
        many => {
            let message = format!("Only one of {} may be given.", allowed.join(", "));
            let mut f = MutationFailure::new(ErrorType::Validation, "input_validation", message.clone());
            for (k, _) in many {
                let field = if path.is_empty() { (*k).to_string() } else { format!("{path}.{k}") };
                f = f.with_field(field, message.clone(), FieldErrorType::Validation);
            }
            Err(f)
        }
    }
}

fn text_in(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| obj.get(*k).and_then(Value::as_str)).map(str::to_string)
}

fn enum_in(obj: &Map<String, Value>, keys: &[&str]) -> Value {
    keys.iter()
        .find_map(|k| obj.get(*k).filter(|v| !v.is_null()))
        .cloned()
        .unwrap_or(Value::Null)
}

fn check_len(value: &str, max: usize, min: usize, field: &str) -> Result<(), MutationFailure> {
    let n = chars(value);
    if n < min {
        return Err(MutationFailure::invalid(
            field,
            format!("{field} must have at least {min} character(s)"),
            FieldErrorType::Required,
        ));
    }
    if n > max {
        return Err(MutationFailure::invalid(
            field,
            format!("{field} must have at most {max} characters, got {n}"),
            FieldErrorType::Validation,
        ));
    }
    Ok(())
}

fn valid_url(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !url.chars().any(char::is_whitespace)
    })
}

/// Converts one component input to its output JSON (with `__typename`), checking §4's limits.
/// `allow_row` is true at the top level only: a row's content cannot hold a row, which bounds
/// the recursion to one level.
fn component_from_input(input: &Value, path: &str, allow_row: bool) -> Result<Value, MutationFailure> {
    let empty = Map::new();
    let obj = input.as_object().unwrap_or(&empty);
    let kinds: Vec<&'static str> = COMPONENT_KINDS
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| allow_row || *k != "componentRow")
        .collect();
    let (kind, value) = one_of(obj, &kinds, path)?;
    let type_name = COMPONENT_KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("ComponentText", |(_, t)| *t);
    let c = value.as_object().unwrap_or(&empty);
    let at = |f: &str| format!("{path}.{kind}.{f}");
    let out = match kind {
        "componentText" => {
            let text = text_in(c, &["text"]).unwrap_or_default();
            check_len(&text, MAX_TEXT_CHARS, 1, &at("text"))?;
            let size = enum_in(c, &["textSize", "size"]);
            let color = enum_in(c, &["textColor", "color"]);
            json!({"text": text, "textSize": size, "size": size, "textColor": color, "color": color})
        }
        "componentPlainText" => {
            let text = text_in(c, &["plainText"]).unwrap_or_default();
            check_len(&text, MAX_TEXT_CHARS, 1, &at("plainText"))?;
            json!({"plainText": text, "plainTextSize": enum_in(c, &["plainTextSize"]), "plainTextColor": enum_in(c, &["plainTextColor"])})
        }
        "componentDivider" => {
            let size = enum_in(c, &["dividerSpacingSize", "spacingSize"]);
            json!({"dividerSpacingSize": size, "spacingSize": size})
        }
        "componentLinkButton" => {
            let Some(url) = text_in(c, &["linkButtonUrl", "url"]) else {
                return Err(MutationFailure::invalid(
                    at("linkButtonUrl"),
                    "linkButtonUrl is required",
                    FieldErrorType::Required,
                ));
            };
            if !valid_url(&url) {
                return Err(MutationFailure::invalid(
                    at("linkButtonUrl"),
                    format!("{url:?} is not a valid URL"),
                    FieldErrorType::Validation,
                ));
            }
            let Some(label) = text_in(c, &["linkButtonLabel", "label"]) else {
                return Err(MutationFailure::invalid(
                    at("linkButtonLabel"),
                    "linkButtonLabel is required",
                    FieldErrorType::Required,
                ));
            };
            check_len(&label, MAX_LABEL_CHARS, 0, &at("linkButtonLabel"))?;
            json!({"linkButtonUrl": url, "url": url, "linkButtonLabel": label, "label": label})
        }
        "componentWorkflowButton" => {
            let label = text_in(c, &["workflowButtonLabel"]).unwrap_or_default();
            check_len(&label, MAX_LABEL_CHARS, 0, &at("workflowButtonLabel"))?;
            let ident = c
                .get("workflowButtonWorkflowIdentifier")
                .and_then(Value::as_object)
                .unwrap_or(&empty);
            json!({
                "workflowButtonLabel": label,
                "workflowButtonWorkflowIdentifier": {
                    "__typename": "ComponentWorkflowButtonWorkflowIdentifier",
                    "workflowId": ident.get("workflowId").cloned().unwrap_or(Value::Null),
                    "workflowKey": ident.get("workflowKey").cloned().unwrap_or(Value::Null),
                }
            })
        }
        "componentSpacer" => {
            let size = match enum_in(c, &["spacerSize", "size"]) {
                Value::Null => Value::String("M".to_string()),
                v => v,
            };
            json!({"spacerSize": size, "size": size})
        }
        "componentBadge" => {
            let label = text_in(c, &["badgeLabel"]).unwrap_or_default();
            check_len(&label, MAX_LABEL_CHARS, 0, &at("badgeLabel"))?;
            json!({"badgeLabel": label, "badgeColor": enum_in(c, &["badgeColor"])})
        }
        "componentCopyButton" => {
            let value = text_in(c, &["copyButtonValue"]).unwrap_or_default();
            check_len(&value, MAX_COPY_VALUE_CHARS, 0, &at("copyButtonValue"))?;
            let tooltip = text_in(c, &["copyButtonTooltipLabel"]);
            if let Some(t) = &tooltip {
                check_len(t, MAX_LABEL_CHARS, 0, &at("copyButtonTooltipLabel"))?;
            }
            json!({"copyButtonValue": value, "copyButtonTooltipLabel": tooltip})
        }
        "componentDateTime" => {
            let raw = text_in(c, &["dateTimeIso8601"]).unwrap_or_default();
            let Some(ms) = parse_iso8601(&raw) else {
                return Err(MutationFailure::invalid(
                    at("dateTimeIso8601"),
                    format!("{raw:?} is not an ISO 8601 date-time"),
                    FieldErrorType::Validation,
                ));
            };
            json!({"dateTimeIso8601": {"__typename": "DateTime", "unixTimestamp": ms.to_string(), "iso8601": iso8601(ms)}})
        }
        "componentUser" => json!({"user": null}),
        _ => {
            // componentRow (only reachable when allow_row is true)
            let mut parts = Map::new();
            for key in ["rowMainContent", "rowAsideContent"] {
                let items = c.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
                if key == "rowMainContent" && items.is_empty() {
                    return Err(MutationFailure::invalid(
                        at(key),
                        "A row needs at least one main content component",
                        FieldErrorType::Required,
                    ));
                }
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(component_from_input(item, &format!("{}.{i}", at(key)), false)?);
                }
                parts.insert(key.to_string(), Value::Array(out));
            }
            Value::Object(parts)
        }
    };
    let mut out = match out {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    out.insert("__typename".to_string(), Value::String(type_name.to_string()));
    Ok(Value::Object(out))
}

// ----- pagination -----

fn key_order(a: &[String], b: &[String], descending: bool) -> Ordering {
    if descending {
        b.cmp(a)
    } else {
        a.cmp(b)
    }
}

/// Encodes a sort key as an opaque cursor (hex of the parts joined by U+001F).
pub fn encode_cursor(key: &[String]) -> String {
    key.join("\u{1f}").bytes().map(|b| format!("{b:02x}")).collect()
}

/// Decodes [`encode_cursor`]'s output; `None` when it is not one.
pub fn decode_cursor(cursor: &str) -> Option<Vec<String>> {
    if cursor.is_empty() || !cursor.len().is_multiple_of(2) || !cursor.is_ascii() {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..cursor.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&cursor[i..i + 2], 16).ok())
        .collect();
    let text = String::from_utf8(bytes?).ok()?;
    Some(text.split('\u{1f}').map(str::to_string).collect())
}

/// Relay pagination over `(sort key, item)` pairs (sorted here by key, descending or not).
/// `Err` is a `BAD_USER_INPUT` message. Without `first` and `last`, the first
/// [`DEFAULT_PAGE_SIZE`] items after `after` (before `before`) are returned.
pub fn paginate<T>(mut items: Vec<(Vec<String>, T)>, descending: bool, args: &PageArgs) -> Result<Page<T>, String> {
    if args.first.is_some() && args.last.is_some() {
        return Err("`first` and `last` cannot be used together".to_string());
    }
    if args.first.is_some() && args.before.is_some() {
        return Err("`first` cannot be used with `before`; use `last` with `before`".to_string());
    }
    if args.last.is_some() && args.after.is_some() {
        return Err("`last` cannot be used with `after`; use `first` with `after`".to_string());
    }
    for (name, value) in [("first", args.first), ("last", args.last)] {
        match value {
            Some(n) if n < 0 => return Err(format!("`{name}` must not be negative, got {n}")),
            Some(n) if n > MAX_PAGE_SIZE => return Err(format!("`{name}` must be at most {MAX_PAGE_SIZE}, got {n}")),
            _ => {}
        }
    }
    items.sort_by(|a, b| key_order(&a.0, &b.0, descending));
    let arity = items.first().map(|(k, _)| k.len());
    let decode = |name: &str, cursor: &Option<String>| -> Result<Option<Vec<String>>, String> {
        match cursor {
            None => Ok(None),
            Some(c) => match decode_cursor(c) {
                Some(k) if arity.is_none_or(|n| n == k.len()) => Ok(Some(k)),
                _ => Err(format!("`{name}` is not a valid cursor")),
            },
        }
    };
    let after = decode("after", &args.after)?;
    let before = decode("before", &args.before)?;
    let total_count = items.len();
    let mut start = after.map_or(0, |a| {
        items.partition_point(|(k, _)| key_order(k, &a, descending) != Ordering::Greater)
    });
    let mut end = before.map_or(total_count, |b| {
        items.partition_point(|(k, _)| key_order(k, &b, descending) == Ordering::Less)
    });
    end = end.max(start);
    let size = |n: i64| usize::try_from(n).unwrap_or(0);
    match (args.first, args.last) {
        (Some(n), _) => end = end.min(start.saturating_add(size(n))),
        (None, Some(n)) => start = start.max(end.saturating_sub(size(n))),
        (None, None) => end = end.min(start.saturating_add(DEFAULT_PAGE_SIZE)),
    }
    let has_previous_page = start > 0;
    let has_next_page = end < total_count;
    let edges = items
        .into_iter()
        .skip(start)
        .take(end - start)
        .map(|(k, t)| (encode_cursor(&k), t))
        .collect();
    Ok(Page {
        edges,
        has_previous_page,
        has_next_page,
        total_count,
    })
}

// ----- time -----

fn system_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Milliseconds since the epoch as ISO 8601 in UTC, with milliseconds: `2024-05-01T12:00:00.000Z`.
pub fn iso8601(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let (h, min, s, milli) = (rem / 3_600_000, rem / 60_000 % 60, rem / 1000 % 60, rem % 1000);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{milli:03}Z")
}

fn digits(s: &[u8], from: usize, n: usize) -> Option<i64> {
    let part = s.get(from..from + n)?;
    if !part.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(part.iter().fold(0i64, |acc, b| acc * 10 + i64::from(b - b'0')))
}

/// Parses ISO 8601 (`YYYY-MM-DD`, optionally `THH:MM[:SS[.fff]]` and `Z` or `±HH[:]MM`) to
/// milliseconds since the epoch. A missing time is midnight, a missing offset is UTC.
pub fn parse_iso8601(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    let (y, mo, d) = (digits(b, 0, 4)?, digits(b, 5, 2)?, digits(b, 8, 2)?);
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !(1..=12).contains(&mo) {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if d < 1 || d > month_days[usize::try_from(mo - 1).ok()?] {
        return None;
    }
    let mut ms = days_from_civil(y, mo, d) * 86_400_000;
    let mut i = 10;
    if i == b.len() {
        return Some(ms);
    }
    if !matches!(b.get(i), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let (h, min) = (digits(b, i + 1, 2)?, digits(b, i + 4, 2)?);
    if b.get(i + 3) != Some(&b':') || h > 23 || min > 59 {
        return None;
    }
    ms += h * 3_600_000 + min * 60_000;
    i += 6;
    if b.get(i) == Some(&b':') {
        let sec = digits(b, i + 1, 2)?;
        if sec > 60 {
            return None;
        }
        ms += sec * 1000;
        i += 3;
        if matches!(b.get(i), Some(b'.' | b',')) {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return None;
            }
            let frac = digits(b, start, (i - start).min(3))?;
            ms += frac * 10i64.pow(u32::try_from(3usize.saturating_sub(i - start)).ok()?);
        }
    }
    match b.get(i) {
        None => Some(ms),
        Some(b'Z' | b'z') if i + 1 == b.len() => Some(ms),
        Some(sign @ (b'+' | b'-')) => {
            let oh = digits(b, i + 1, 2)?;
            let colon = usize::from(b.get(i + 3) == Some(&b':'));
            let om = digits(b, i + 3 + colon, 2)?;
            if i + 5 + colon != b.len() || oh > 23 || om > 59 {
                return None;
            }
            let offset = oh * 3_600_000 + om * 60_000;
            Some(if *sign == b'+' { ms - offset } else { ms + offset })
        }
        _ => None,
    }
}

/// A company domain from a domain or URL: lower case, no scheme, path, port or `www.`;
/// `None` unless it has a dot.
fn normalize_domain(raw: &str) -> Option<String> {
    let s = raw.trim().to_ascii_lowercase();
    let s = s.split_once("://").map_or(s.as_str(), |(_, rest)| rest);
    let host = s.split(['/', '?', '#', ':']).next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    let ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    ok.then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me() -> Actor {
        Actor::MachineUser("mu_test".to_string())
    }

    fn new_customer(name: &str, email: &str) -> NewCustomer {
        NewCustomer {
            full_name: name.to_string(),
            email: email.to_string(),
            ..NewCustomer::default()
        }
    }

    #[test]
    fn iso8601_round_trips() {
        for ms in [0, 1_700_000_000_123, 951_782_400_000, -86_400_000] {
            assert_eq!(parse_iso8601(&iso8601(ms)), Some(ms), "{}", iso8601(ms));
        }
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(parse_iso8601("2024-02-29"), Some(1_709_164_800_000));
        assert_eq!(parse_iso8601("2024-02-29T01:00:00+01:00"), Some(1_709_164_800_000));
        assert_eq!(parse_iso8601("2024-02-29T00:00:00.5Z"), Some(1_709_164_800_500));
        assert_eq!(parse_iso8601("2023-02-29"), None);
        assert_eq!(parse_iso8601("yesterday"), None);
        assert_eq!(parse_iso8601("2024-01-01T10:00Zjunk"), None);
    }

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let key = vec!["Ada Lovelace".to_string(), "c_1".to_string()];
        assert_eq!(decode_cursor(&encode_cursor(&key)), Some(key));
        assert_eq!(decode_cursor("zz"), None);
        assert_eq!(decode_cursor("abc"), None);
        assert_eq!(decode_cursor(""), None);
    }

    #[test]
    fn paginate_windows_and_flags() {
        let items = |n: usize| (0..n).map(|i| (vec![format!("{i:03}")], i)).collect::<Vec<_>>();
        let page = paginate(items(30), false, &PageArgs::default()).unwrap();
        assert_eq!(page.edges.len(), 25);
        assert!(page.has_next_page && !page.has_previous_page);
        let after = page.edges[24].0.clone();
        let page2 = paginate(
            items(30),
            false,
            &PageArgs {
                first: Some(10),
                after: Some(after),
                ..PageArgs::default()
            },
        )
        .unwrap();
        assert_eq!(page2.edges.iter().map(|e| e.1).collect::<Vec<_>>(), vec![25, 26, 27, 28, 29]);
        assert!(!page2.has_next_page && page2.has_previous_page);
        let before = page2.edges[0].0.clone();
        let back = paginate(
            items(30),
            false,
            &PageArgs {
                last: Some(2),
                before: Some(before),
                ..PageArgs::default()
            },
        )
        .unwrap();
        assert_eq!(back.edges.iter().map(|e| e.1).collect::<Vec<_>>(), vec![23, 24]);
        let desc = paginate(
            items(3),
            true,
            &PageArgs {
                first: Some(2),
                ..PageArgs::default()
            },
        )
        .unwrap();
        assert_eq!(desc.edges.iter().map(|e| e.1).collect::<Vec<_>>(), vec![2, 1]);
        assert!(paginate(
            items(3),
            false,
            &PageArgs {
                first: Some(101),
                ..PageArgs::default()
            }
        )
        .is_err());
        assert!(paginate(
            items(3),
            false,
            &PageArgs {
                last: Some(-1),
                ..PageArgs::default()
            }
        )
        .is_err());
        assert!(paginate(
            items(3),
            false,
            &PageArgs {
                first: Some(1),
                last: Some(1),
                ..PageArgs::default()
            }
        )
        .is_err());
        assert!(paginate(
            items(3),
            false,
            &PageArgs {
                after: Some("nothex".into()),
                ..PageArgs::default()
            }
        )
        .is_err());
    }

    #[test]
    fn upsert_by_external_id_takes_the_identifier_value() {
        let mut s = Store::new();
        let key = CustomerKey::ExternalId("ext-1".to_string());
        let (r, id) = s
            .upsert_customer(&key, &new_customer("Ada", "ada@example.com"), &CustomerPatch::default(), &me())
            .unwrap();
        assert_eq!(r, UpsertResult::Created);
        assert_eq!(s.customer(&id).unwrap().external_id.as_deref(), Some("ext-1"));
        let mut other = new_customer("Bob", "bob@example.com");
        other.external_id = Some("ext-2".to_string());
        let err = s
            .upsert_customer(&CustomerKey::ExternalId("ext-3".into()), &other, &CustomerPatch::default(), &me())
            .unwrap_err();
        assert_eq!(err.code, "input_validation");
        assert_eq!(err.fields[0].field, "onCreate.externalId");
    }

    #[test]
    fn lookups_follow_updates_in_place_and_reindexed() {
        let mut s = Store::new();
        let key = CustomerKey::Email("ada@example.com".to_string());
        let (_, id) = s
            .upsert_customer(&key, &new_customer("Ada", "ada@example.com"), &CustomerPatch::default(), &me())
            .unwrap();
        let by_email = |s: &Store, e: &str| s.customer_by_email(e).map(|c| c.id.clone());
        let by_ext = |s: &Store, x: &str| s.customer_by_external_id(x).map(|c| c.id.clone());
        // A name change keeps the identifiers (updated in place).
        let rename = CustomerPatch {
            full_name: Some("Ada L.".to_string()),
            ..CustomerPatch::default()
        };
        assert_eq!(
            s.upsert_customer(&key, &new_customer("x", "ada@example.com"), &rename, &me())
                .unwrap()
                .0,
            UpsertResult::Updated
        );
        assert_eq!(s.customer(&id).unwrap().full_name, "Ada L.");
        assert_eq!(by_email(&s, "ada@example.com"), Some(id.clone()));
        // A new email and external id move the index entries.
        let moved = CustomerPatch {
            email: Some(("ada@new.example".to_string(), false)),
            external_id: Some(Some("ext-9".to_string())),
            ..CustomerPatch::default()
        };
        assert_eq!(
            s.upsert_customer(&key, &new_customer("x", "ada@example.com"), &moved, &me())
                .unwrap()
                .0,
            UpsertResult::Updated
        );
        assert_eq!(by_email(&s, "ada@example.com"), None);
        assert_eq!(by_email(&s, "ADA@new.example"), Some(id.clone()));
        assert_eq!(by_ext(&s, "ext-9"), Some(id.clone()));
        assert_eq!(s.customer(&id).unwrap().full_name, "Ada L.");
        // The old address is free again: upserting by it creates a second customer.
        let (r, other) = s
            .upsert_customer(&key, &new_customer("Bob", "ada@example.com"), &CustomerPatch::default(), &me())
            .unwrap();
        assert_eq!(r, UpsertResult::Created);
        assert_ne!(other, id);
        // Dropping the external id frees it.
        let unset = CustomerPatch {
            external_id: Some(None),
            ..CustomerPatch::default()
        };
        let by_id = CustomerKey::Id(id.clone());
        assert_eq!(
            s.upsert_customer(&by_id, &new_customer("x", "y@example.com"), &unset, &me())
                .unwrap()
                .0,
            UpsertResult::Updated
        );
        assert_eq!(by_ext(&s, "ext-9"), None);
        assert_eq!(
            s.upsert_customer(&by_id, &new_customer("x", "y@example.com"), &unset, &me())
                .unwrap()
                .0,
            UpsertResult::Noop
        );
    }

    #[test]
    fn email_is_case_insensitive_and_verified_at_follows_is_verified() {
        let mut s = Store::new();
        let key = CustomerKey::Email("Ada@Example.com".to_string());
        let mut new = new_customer("Ada", "ada@example.com");
        new.is_verified = true;
        let (_, id) = s.upsert_customer(&key, &new, &CustomerPatch::default(), &me()).unwrap();
        assert!(s.customer(&id).unwrap().email_verified_at.is_some());
        assert_eq!(s.customer_by_email("ADA@EXAMPLE.COM").map(|c| c.id.clone()), Some(id.clone()));
        let patch = CustomerPatch {
            email: Some(("ada@example.com".to_string(), false)),
            ..CustomerPatch::default()
        };
        let (r, _) = s.upsert_customer(&key, &new, &patch, &me()).unwrap();
        assert_eq!(r, UpsertResult::Updated);
        assert_eq!(s.customer(&id).unwrap().email_verified_at, None);
    }

    #[test]
    fn failed_writes_change_nothing() {
        let mut s = Store::new();
        let g = s
            .create_group(
                &GroupFields {
                    name: "A".into(),
                    key: "a".into(),
                    color: "#fff".into(),
                    external_id: None,
                },
                &me(),
            )
            .unwrap();
        let mut new = new_customer("Ada", "ada@example.com");
        new.groups = vec![GroupKey::Id(g), GroupKey::Key("missing".into())];
        let err = s
            .upsert_customer(
                &CustomerKey::Email("ada@example.com".into()),
                &new,
                &CustomerPatch::default(),
                &me(),
            )
            .unwrap_err();
        assert_eq!(err.code, "not_found");
        assert_eq!(err.fields[0].field, "onCreate.customerGroupIdentifiers.1");
        assert_eq!(s.customer_count(), 0);
    }

    #[test]
    fn seed_loads_and_rejects_bad_shapes() {
        let mut s = Store::new();
        let data = json!({
            "customerGroups": [{"name": "VIP", "key": "vip", "color": "#f00"}],
            "customers": [{"fullName": "Ada", "email": "ada@example.com", "externalId": "a1", "isVerified": true}]
        });
        s.seed(&data).unwrap();
        assert_eq!(s.customer_by_external_id("a1").map(|c| c.full_name.as_str()), Some("Ada"));
        assert!(s.find_group(&GroupKey::Key("vip".into())).is_some());
        let err = s.seed(&json!({"customers": [{"email": "x@example.com"}]})).unwrap_err();
        assert!(err.contains("fullName"), "{err}");
        let err = s
            .seed(&json!({"customers": [{"fullName": "Dup", "email": "ADA@example.com"}]}))
            .unwrap_err();
        assert!(err.contains("customer_already_exists_with_email"), "{err}");
        assert!(s.seed(&json!({"users": []})).is_err());
        assert_eq!(s.customer_count(), 1);
    }

    #[test]
    fn components_are_checked_and_converted() {
        let mut s = Store::new();
        let (_, id) = s
            .upsert_customer(
                &CustomerKey::Email("a@b.co".into()),
                &new_customer("A", "a@b.co"),
                &CustomerPatch::default(),
                &me(),
            )
            .unwrap();
        let event = |components: Vec<Value>| NewEvent {
            customer: CustomerKey::Id(id.clone()),
            external_id: None,
            title: "T".into(),
            components,
            timestamp: None,
        };
        let too_long = "x".repeat(MAX_TEXT_CHARS + 1);
        let err = s
            .create_event(&event(vec![json!({"componentText": {"text": too_long}})]), &me())
            .unwrap_err();
        assert_eq!(err.fields[0].field, "components.0.componentText.text");
        let err = s.create_event(
            &event(vec![
                json!({"componentLinkButton": {"linkButtonUrl": "nope", "linkButtonLabel": "x"}}),
            ]),
            &me(),
        );
        assert_eq!(err.unwrap_err().fields[0].field, "components.0.componentLinkButton.linkButtonUrl");
        let err = s.create_event(
            &event(vec![json!({"componentRow": {"rowMainContent": [], "rowAsideContent": []}})]),
            &me(),
        );
        assert_eq!(err.unwrap_err().fields[0].field, "components.0.componentRow.rowMainContent");
        let err = s
            .create_event(&event(vec![json!({"componentSpacer": {}, "componentDivider": {}})]), &me())
            .unwrap_err();
        assert_eq!(err.fields.len(), 2);
        let ok = s
            .create_event(
                &event(vec![
                    json!({"componentRow": {"rowMainContent": [{"componentText": {"text": "hi"}}], "rowAsideContent": []}}),
                ]),
                &me(),
            )
            .unwrap();
        assert_eq!(ok.components[0]["__typename"], "ComponentRow");
        assert_eq!(ok.components[0]["rowMainContent"][0]["__typename"], "ComponentText");
    }

    #[test]
    fn company_domains_are_normalised() {
        assert_eq!(normalize_domain("https://www.Example.com/about").as_deref(), Some("example.com"));
        assert_eq!(normalize_domain("localhost"), None);
        let mut s = Store::new();
        let (_, id) = s
            .upsert_customer(
                &CustomerKey::Email("a@b.co".into()),
                &new_customer("A", "a@b.co"),
                &CustomerPatch::default(),
                &me(),
            )
            .unwrap();
        s.update_customer_company(&id, Some(&CompanyKey::DomainName("https://acme.io".into())), &me())
            .unwrap();
        let company = s.customer(&id).unwrap().company_id.clone().unwrap();
        assert_eq!(s.company(&company).unwrap().domain_name, "acme.io");
        s.update_customer_company(&id, None, &me()).unwrap();
        assert_eq!(s.customer(&id).unwrap().company_id, None);
    }
}
