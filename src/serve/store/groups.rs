//! Customer groups and group memberships: lookups, lists, and the group mutations.

use super::*;

/// A group key is an identifier that clients send back in filters
/// (`customerGroupKeys`) and identifiers (`customerGroupKey`). Plain documents no
/// format for it, so the reference server applies the least rule that keeps a key
/// usable as an identifier: not blank, and no control characters (Unicode
/// category Cc: U+0000–U+001F and U+007F–U+009F), which no client can type,
/// show or compare reliably. Both failures are `input_validation` on `key`.
fn require_key(key: &str) -> Result<(), MutationFailure> {
    require_text(key, "key")?;
    match key.chars().find(|c| c.is_control()) {
        Some(c) => Err(MutationFailure::invalid(
            "key",
            format!("key must not contain control characters (found U+{:04X})", c as u32),
            FieldErrorType::Validation,
        )),
        None => Ok(()),
    }
}

impl Store {
    /// A group by id.
    pub(crate) fn group(&self, id: &str) -> Option<&CustomerGroup> {
        self.groups.get(id)
    }

    /// A group by any identifier.
    pub(crate) fn find_group(&self, key: &GroupKey) -> Option<&CustomerGroup> {
        match key {
            GroupKey::Id(id) => self.groups.get(id),
            GroupKey::Key(k) => self.groups.values().find(|g| g.key == *k),
            GroupKey::ExternalId(x) => self.groups.values().find(|g| g.external_id.as_deref() == Some(x.as_str())),
        }
    }

    /// `customerGroups`, in creation order, optionally only those with one of `external_ids`.
    pub(crate) fn list_groups(&self, external_ids: Option<&[String]>, args: &PageArgs) -> Result<Page<CustomerGroup>, QueryError> {
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
    pub(crate) fn group_memberships_of(
        &self,
        customer_id: &str,
        group_external_ids: Option<&[String]>,
        args: &PageArgs,
    ) -> Result<Page<(GroupMembership, CustomerGroup)>, QueryError> {
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

    pub(super) fn in_any_group(&self, customer_id: &str, group_ids: &[&str]) -> bool {
        self.group_memberships
            .values()
            .any(|m| m.customer_id == customer_id && group_ids.contains(&m.group_id.as_str()))
    }

    pub(super) fn resolve_groups(&self, keys: &[GroupKey], path: &str) -> Result<Vec<String>, MutationFailure> {
        resolve_ids(keys, path, "Customer group not found", |k| {
            self.find_group(k).map(|g| g.id.as_str())
        })
    }

    pub(super) fn check_group_fields(&self, fields: &GroupFields, except: Option<&str>) -> Result<(), MutationFailure> {
        require_text(&fields.name, "name")?;
        require_key(&fields.key)?;
        require_text(&fields.color, "color")?;
        require_opt_text(fields.external_id.as_deref(), "externalId")?;
        self.check_group_unique(Some(&fields.key), fields.external_id.as_deref(), except)
    }

    pub(super) fn check_group_unique(
        &self,
        key: Option<&str>,
        external_id: Option<&str>,
        except: Option<&str>,
    ) -> Result<(), MutationFailure> {
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
    pub(crate) fn create_group(&mut self, fields: &GroupFields, actor: &Actor) -> Result<String, MutationFailure> {
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
    pub(crate) fn upsert_group(
        &mut self,
        key: &GroupKey,
        fields: &GroupFields,
        actor: &Actor,
    ) -> Result<(UpsertResult, String), MutationFailure> {
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
    pub(crate) fn update_group(&mut self, id: &str, patch: &GroupPatch, actor: &Actor) -> Result<(), MutationFailure> {
        if patch == &GroupPatch::default() {
            return Err(MutationFailure::new(
                ErrorType::Validation,
                "input_validation",
                "At least one of name, key, color or externalId must be given.",
            ));
        }
        self.patch_group(id, patch, actor).map(|_| ())
    }

    pub(super) fn patch_group(&mut self, id: &str, patch: &GroupPatch, actor: &Actor) -> Result<UpsertResult, MutationFailure> {
        let Some(current) = self.groups.get(id).cloned() else {
            return Err(MutationFailure::not_found("Customer group", "customerGroupId"));
        };
        let mut next = current.clone();
        if let Some(v) = &patch.name {
            require_text(v, "name")?;
            next.name = v.clone();
        }
        if let Some(v) = &patch.key {
            require_key(v)?;
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
    pub(crate) fn delete_group(&mut self, id: &str) -> Result<(), MutationFailure> {
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

    pub(super) fn check_group_call(&self, customer_id: &str, keys: &[GroupKey]) -> Result<Vec<String>, MutationFailure> {
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

    pub(super) fn insert_group_membership(&mut self, customer_id: &str, group_id: &str, now: i64, actor: &Actor) -> GroupMembership {
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
    pub(crate) fn add_to_groups(
        &mut self,
        customer_id: &str,
        keys: &[GroupKey],
        actor: &Actor,
    ) -> Result<Vec<GroupMembership>, MutationFailure> {
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
    pub(crate) fn remove_from_groups(&mut self, customer_id: &str, keys: &[GroupKey]) -> Result<(), MutationFailure> {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me() -> Actor {
        Actor::MachineUser("m_test".into())
    }

    fn fields(key: &str) -> GroupFields {
        GroupFields {
            name: "Group".into(),
            key: key.into(),
            color: "#fff".into(),
            external_id: None,
        }
    }

    #[test]
    fn group_keys_with_control_characters_are_refused() {
        let mut s = Store::new();
        for key in ["\u{0}", "a\tb", "\u{1b}[31m", "vip\n", "\u{7f}", "x\u{85}"] {
            let err = s.create_group(&fields(key), &me()).unwrap_err();
            assert_eq!(err.code, "input_validation", "{key:?}");
            assert_eq!(err.fields[0].field, "key");
            assert!(err.message.contains("control characters"), "{}", err.message);
        }
        assert_eq!(s.groups.len(), 0);
        let id = s.create_group(&fields("vip-ünï"), &me()).unwrap();
        let patch = GroupPatch {
            key: Some("bad\u{7}".into()),
            ..GroupPatch::default()
        };
        let err = s.update_group(&id, &patch, &me()).unwrap_err();
        assert_eq!(err.fields[0].field, "key");
        assert_eq!(s.group(&id).unwrap().key, "vip-ünï");
    }
}
