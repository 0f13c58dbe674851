//! Customers and their companies: lookups, the `customers` and `searchCustomers`
//! lists, and the customer mutations (upsert, delete, spam, company).

use super::events::event_texts;
use super::*;

impl Store {
    /// A customer by id.
    pub(crate) fn customer(&self, id: &str) -> Option<&Customer> {
        self.customers.get(id)
    }

    /// A customer by email, case-insensitively.
    pub(crate) fn customer_by_email(&self, email: &str) -> Option<&Customer> {
        self.by_email.get(&email.to_ascii_lowercase()).and_then(|id| self.customers.get(id))
    }

    /// A customer by external ID.
    pub(crate) fn customer_by_external_id(&self, external_id: &str) -> Option<&Customer> {
        self.by_external_id.get(external_id).and_then(|id| self.customers.get(id))
    }

    /// A customer by any identifier.
    pub(crate) fn find_customer(&self, key: &CustomerKey) -> Option<&Customer> {
        match key {
            CustomerKey::Id(id) => self.customer(id),
            CustomerKey::Email(e) => self.customer_by_email(e),
            CustomerKey::ExternalId(x) => self.customer_by_external_id(x),
        }
    }

    /// A company by id.
    pub(crate) fn company(&self, id: &str) -> Option<&Company> {
        self.companies.get(id)
    }

    /// A company by any identifier (a domain is normalised first).
    pub(crate) fn find_company(&self, key: &CompanyKey) -> Option<&Company> {
        match key {
            CompanyKey::Id(id) => self.companies.get(id),
            CompanyKey::DomainName(d) => {
                let d = normalize_domain(d)?;
                self.companies.values().find(|c| c.domain_name == d)
            }
        }
    }

    /// Number of customers.
    #[cfg(test)]
    pub(crate) fn customer_count(&self) -> usize {
        self.customers.len()
    }

    /// `customers`: filtered, ordered, paginated. `Err` is a `BAD_USER_INPUT` error.
    pub(crate) fn list_customers(
        &self,
        filter: &CustomerFilter,
        order: CustomerOrder,
        args: &PageArgs,
    ) -> Result<Page<Customer>, QueryError> {
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
    /// newest `updatedAt` first. `Err` is a `BAD_USER_INPUT` error.
    pub(crate) fn search_customers(&self, conditions: &[(SearchField, String)], args: &PageArgs) -> Result<Page<Customer>, QueryError> {
        if conditions.is_empty() {
            return Err(QueryError::NoSearchCondition);
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

    pub(super) fn email_holder(&self, email: &str, except: Option<&str>) -> Option<&Customer> {
        self.customer_by_email(email).filter(|c| Some(c.id.as_str()) != except)
    }

    pub(super) fn external_id_holder(&self, external_id: &str, except: Option<&str>) -> Option<&Customer> {
        self.customer_by_external_id(external_id).filter(|c| Some(c.id.as_str()) != except)
    }

    /// Inserts or replaces a customer, keeping the lookup indexes in step.
    pub(super) fn put_customer(&mut self, c: Customer) {
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
    pub(super) fn take_customer(&mut self, id: &str) -> Option<Customer> {
        let c = self.customers.remove(id)?;
        self.by_email.remove(&c.email.to_ascii_lowercase());
        if let Some(x) = &c.external_id {
            self.by_external_id.remove(x);
        }
        Some(c)
    }

    pub(super) fn email_conflict(email: &str, field: &str) -> MutationFailure {
        let message = format!("A customer already exists with the email {email:?}.");
        MutationFailure::new(ErrorType::Validation, "customer_already_exists_with_email", message.clone()).with_field(
            field,
            message,
            FieldErrorType::Validation,
        )
    }

    pub(super) fn external_id_conflict(external_id: &str, field: &str) -> MutationFailure {
        let message = format!("A customer already exists with the external id {external_id:?}.");
        MutationFailure::new(ErrorType::Validation, "customer_already_exists_with_external_id", message.clone()).with_field(
            field,
            message,
            FieldErrorType::Validation,
        )
    }

    /// Creates a customer; `prefix` is the input path of `new` (`"onCreate"`, or `""` for seeds).
    pub(super) fn create_customer(&mut self, new: &NewCustomer, prefix: &str, actor: &Actor) -> Result<String, MutationFailure> {
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
    pub(crate) fn upsert_customer(
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

    pub(super) fn update_customer(&mut self, id: &str, patch: &CustomerPatch, actor: &Actor) -> Result<UpsertResult, MutationFailure> {
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
    pub(crate) fn delete_customer(&mut self, id: &str) -> Result<(), MutationFailure> {
        if self.take_customer(id).is_none() {
            return Err(MutationFailure::not_found("Customer", "customerId"));
        }
        self.group_memberships.retain(|_, m| m.customer_id != id);
        self.tenant_memberships.retain(|_, m| m.customer_id != id);
        self.events.retain(|_, e| e.customer_id != id);
        Ok(())
    }

    /// `markCustomerAsSpam` (idempotent).
    pub(crate) fn mark_spam(&mut self, id: &str, actor: &Actor) -> Result<(), MutationFailure> {
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
    pub(crate) fn unmark_spam(&mut self, id: &str, actor: &Actor) -> Result<(), MutationFailure> {
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
    pub(crate) fn update_customer_company(
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
}

/// A company domain from a domain or URL: lower case, no scheme, path, port or `www.`;
/// `None` unless it has a dot.
pub(super) fn normalize_domain(raw: &str) -> Option<String> {
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
