//! The store's domain types: the entities it keeps, the keys that find them and
//! the inputs of its write methods (already parsed from GraphQL by the executor).

use super::MutationFailure;
use serde_json::Value;

/// Who made a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Actor {
    /// Plain itself; used for seeded data.
    System,
    /// An API key holder, by machine user id.
    MachineUser(String),
}

/// What an upsert did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UpsertResult {
    /// Did not exist.
    Created,
    /// Existed, values differed.
    Updated,
    /// Existed, values the same.
    Noop,
}

impl UpsertResult {
    /// The GraphQL enum value.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            UpsertResult::Created => "CREATED",
            UpsertResult::Updated => "UPDATED",
            UpsertResult::Noop => "NOOP",
        }
    }
}

/// A customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Customer {
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
pub(crate) struct CustomerGroup {
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
pub(crate) struct GroupMembership {
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
pub(crate) struct Tenant {
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
pub(crate) struct TenantMembership {
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
pub(crate) struct Company {
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
pub(crate) struct CustomerEvent {
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
pub(crate) enum CustomerKey {
    /// `customerId`
    Id(String),
    /// `emailAddress`
    Email(String),
    /// `externalId`
    ExternalId(String),
}

impl CustomerKey {
    /// The input field name.
    pub(crate) fn field(&self) -> &'static str {
        match self {
            CustomerKey::Id(_) => "customerId",
            CustomerKey::Email(_) => "emailAddress",
            CustomerKey::ExternalId(_) => "externalId",
        }
    }

    pub(super) fn value(&self) -> &str {
        match self {
            CustomerKey::Id(v) | CustomerKey::Email(v) | CustomerKey::ExternalId(v) => v,
        }
    }
}

/// Points at one customer group (`CustomerGroupIdentifier`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum GroupKey {
    /// `customerGroupId`
    Id(String),
    /// `customerGroupKey`
    Key(String),
    /// `externalId`
    ExternalId(String),
}

/// Points at one tenant (`TenantIdentifierInput`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TenantKey {
    /// `tenantId`
    Id(String),
    /// `externalId`
    ExternalId(String),
}

/// Points at one company (`CompanyIdentifierInput`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CompanyKey {
    /// `companyId`
    Id(String),
    /// `companyDomainName`
    DomainName(String),
}

/// `UpsertCustomerOnCreateInput`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct NewCustomer {
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
pub(crate) struct CustomerPatch {
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
pub(crate) struct GroupFields {
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
pub(crate) struct GroupPatch {
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
pub(crate) struct TenantFields {
    /// `name`
    pub name: String,
    /// `externalId`
    pub external_id: String,
    /// `url`: `None` unchanged, `Some(None)` clears.
    pub url: Option<Option<String>>,
}

/// How a tenant membership mutation changes the customer's tenants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TenantChange {
    /// `addCustomerToTenants`
    Add,
    /// `removeCustomerFromTenants`
    Remove,
    /// `setCustomerTenants`
    Set,
}

/// `CreateCustomerEventInput`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct NewEvent {
    /// `customerIdentifier`
    pub customer: CustomerKey,
    /// `externalId`
    pub external_id: Option<String>,
    /// `title`
    pub title: String,
    /// `components`: the components as output JSON (with `__typename`), converted from
    /// `EventComponentInput` and checked against §4's limits by the executor's input parser;
    /// `Err` is the first component that breaks them, reported after the store's own checks.
    pub components: Result<Vec<Value>, MutationFailure>,
    /// `timestamp` (ISO 8601)
    pub timestamp: Option<String>,
}

/// `CustomersFilter`; `None` means "not restricted".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CustomerFilter {
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
pub(crate) enum CustomerOrder {
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
pub(crate) enum SearchField {
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
