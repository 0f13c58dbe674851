//! The resolvers: one [`ObjectValue`] type, `Node`, for every GraphQL object, the query
//! fields of the roots and `Customer`, and the mutation dispatch (`run_mutation`), which
//! checks permissions, parses inputs, calls the store and renders the result.

use super::*;

pub(super) struct Ctx<'s> {
    pub(super) store: &'s Mutex<Store>,
    pub(super) caller: &'s Caller<'s>,
    /// `Store::started_at`, read once when first needed: some customer
    /// fields need it and nothing else from the store.
    pub(super) started: std::cell::OnceCell<i64>,
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

pub(super) enum Kind<'a> {
    Query,
    Mutation,
    Customer(Box<Customer>),
    /// A customer's `EmailAddress`, read from its snapshot.
    Email(&'a Customer),
    Json(Cow<'a, Map<String, Value>>),
}

pub(super) struct Node<'a, 's> {
    pub(super) ctx: &'a Ctx<'s>,
    pub(super) kind: Kind<'a>,
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
pub(super) fn arguments(info: &ResolveInfo<'_>) -> Result<Map<String, Value>, FieldError> {
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

pub(super) fn run_mutation(
    store: &mut Store,
    field: &str,
    input: &Map<String, Value>,
    actor: &Actor,
) -> Result<Map<String, Value>, MutationFailure> {
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
                components: event_components(input.get("components")),
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

pub(super) fn out<const N: usize>(fields: [(&str, Value); N]) -> Map<String, Value> {
    fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}
