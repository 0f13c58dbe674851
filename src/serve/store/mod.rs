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
//!
//! # Layout
//!
//! One file per role: `types` (entities, keys, inputs), `error` (the failure model),
//! `page` (cursors and page windows), `seed` (seed data), and one file of `impl Store`
//! per entity: `customers` (and companies), `groups`, `tenants`, `events`. This file
//! holds the `Store` itself, its clock and id counter, and the validation helpers the
//! entities share. Dates come from [`crate::util::date`].

mod customers;
mod error;
mod events;
mod groups;
mod page;
mod seed;
mod tenants;
mod types;

pub(crate) use crate::util::date::{iso8601, parse_iso8601};
pub(crate) use error::*;
pub(crate) use page::{paginate, Page, PageArgs};
pub(crate) use types::*;

use crate::util::date::system_ms;
use std::collections::{BTreeMap, HashMap};

/// Page size when neither `first` nor `last` is given.
pub(crate) const DEFAULT_PAGE_SIZE: usize = 25;

/// Largest accepted `first` or `last`.
pub(crate) const MAX_PAGE_SIZE: i64 = 100;

/// Most customer group identifiers in one add or remove call.
pub(crate) const MAX_GROUPS_PER_CALL: usize = 25;

/// `ComponentText.text` and `ComponentPlainText.plainText` length limit, in characters.
pub(crate) const MAX_TEXT_CHARS: usize = 10_000;

/// Label length limit of event components, in characters.
pub(crate) const MAX_LABEL_CHARS: usize = 500;

/// `copyButtonValue` length limit, in characters.
pub(crate) const MAX_COPY_VALUE_CHARS: usize = 1_000;

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

/// Length in characters (Unicode scalar values), as the limits count.
pub(crate) fn chars(s: &str) -> usize {
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

    /// When the store was made (ms); the machine user's creation time.
    pub(crate) fn started_at(&self) -> i64 {
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
}

#[cfg(test)]
fn me() -> Actor {
    Actor::MachineUser("mu_test".to_string())
}

#[cfg(test)]
fn new_customer(name: &str, email: &str) -> NewCustomer {
    NewCustomer {
        full_name: name.to_string(),
        email: email.to_string(),
        ..NewCustomer::default()
    }
}
