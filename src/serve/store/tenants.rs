//! Tenants and tenant memberships: lookups, lists, and the tenant mutations.

use super::*;

impl Store {
    /// A tenant by id.
    pub(crate) fn tenant(&self, id: &str) -> Option<&Tenant> {
        self.tenants.get(id)
    }

    /// A tenant by any identifier.
    pub(crate) fn find_tenant(&self, key: &TenantKey) -> Option<&Tenant> {
        match key {
            TenantKey::Id(id) => self.tenants.get(id),
            TenantKey::ExternalId(x) => self.tenants.values().find(|t| t.external_id == *x),
        }
    }

    /// `Customer.tenantMemberships`, in creation order.
    pub(crate) fn tenant_memberships_of(&self, customer_id: &str, args: &PageArgs) -> Result<Page<(TenantMembership, Tenant)>, QueryError> {
        let items = self
            .tenant_memberships
            .values()
            .filter(|m| m.customer_id == customer_id)
            .filter_map(|m| self.tenants.get(&m.tenant_id).map(|t| (vec![m.id.clone()], (m.clone(), t.clone()))))
            .collect();
        paginate(items, false, args)
    }

    pub(super) fn resolve_tenants(&self, keys: &[TenantKey], path: &str) -> Result<Vec<String>, MutationFailure> {
        resolve_ids(keys, path, "Tenant not found", |k| self.find_tenant(k).map(|t| t.id.as_str()))
    }

    /// `upsertTenant`: returns the result and the tenant id.
    pub(crate) fn upsert_tenant(
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

    pub(super) fn insert_tenant_membership(&mut self, customer_id: &str, tenant_id: &str, now: i64, actor: &Actor) {
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
    pub(crate) fn change_tenants(
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
}
