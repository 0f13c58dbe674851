//! Which permissions each root field needs, and the first one a caller lacks.

use super::*;

/// The permissions an operation's root field needs (SEMANTICS.md §3 table); unknown fields need nothing.
pub(crate) fn required_permissions(field: &str) -> &'static [&'static str] {
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

pub(super) fn missing_permission(caller: &Caller, field: &str) -> Option<&'static str> {
    required_permissions(field)
        .iter()
        .copied()
        .find(|p| !caller.permissions.contains(*p))
}
