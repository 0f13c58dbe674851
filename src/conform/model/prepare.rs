//! The first half of each operation: the request built from the model's state and
//! the outcome predicted for it, one method per kind of operation.

use super::*;

impl Model {
    pub(super) fn prepare_upsert(&self, by: &UpsertBy, create: &OnCreate, update: &OnUpdate) -> Call {
        let n = &self.names;
        let (identifier, found, by_text) = match by {
            UpsertBy::Email(c) => {
                let e = n.email(*c);
                let found = self.by_email.get(&e).copied();
                (json!({"emailAddress": e}), found, format!("emailAddress c{c}"))
            }
            UpsertBy::ExternalId(x) => {
                let v = n.external_id(*x);
                let found = self.by_external_id.get(&v).copied();
                (json!({"externalId": v}), found, format!("externalId x{x}"))
            }
            UpsertBy::Id(r) => {
                let (id, found) = self.resolve(r);
                (
                    json!({"customerId": id}),
                    found,
                    format!("customerId {}", Self::customer_label(found)),
                )
            }
        };
        // onCreate, inside documented territory (see OnCreate).
        let new_email = match by {
            UpsertBy::Email(c) => n.email(*c),
            _ => n.email(create.email),
        };
        // Creating by externalId gives the new customer that external ID,
        // whether onCreate repeats it or not (the reference server's choice).
        let sent_external_id = match by {
            UpsertBy::ExternalId(x) => create.external_id.map(|_| n.external_id(*x)),
            _ => create.external_id.map(|x| n.external_id(x)),
        };
        let new_external_id = match by {
            UpsertBy::ExternalId(x) => Some(n.external_id(*x)),
            _ => sent_external_id.clone(),
        };
        let mut on_create = Map::new();
        on_create.insert("fullName".into(), json!(FULL_NAMES[usize::from(create.name)]));
        if let Some(s) = create.short {
            on_create.insert("shortName".into(), json!(SHORT_NAMES[usize::from(s)]));
        }
        on_create.insert("email".into(), json!({"email": new_email, "isVerified": create.verified}));
        if let Some(x) = &sent_external_id {
            on_create.insert("externalId".into(), json!(x));
        }
        let mut on_update = Map::new();
        let mut changes = Vec::new();
        if let Some(name) = update.name {
            on_update.insert("fullName".into(), json!({"value": FULL_NAMES[usize::from(name)]}));
            changes.push("fullName".to_string());
        }
        if let Some(short) = update.short {
            on_update.insert("shortName".into(), json!({"value": short.map(|s| SHORT_NAMES[usize::from(s)])}));
            changes.push(if short.is_some() { "shortName" } else { "shortName null" }.to_string());
        }
        if let Some(x) = update.external_id {
            on_update.insert("externalId".into(), json!({"value": x.map(|x| n.external_id(x))}));
            changes.push(x.map_or("externalId null".to_string(), |x| format!("externalId x{x}")));
        }
        if let Some((e, verified)) = update.email {
            on_update.insert("email".into(), json!({"email": n.email(e), "isVerified": verified}));
            changes.push(format!("email c{e}{}", if verified { " verified" } else { "" }));
        }

        let outcome = match found {
            Some(i) => self.expect_update(i, update),
            None => match by {
                UpsertBy::Id(_) => Err(ErrorExpect::Any),
                _ => self.expect_create(create, new_email, new_external_id),
            },
        };
        let label = if changes.is_empty() {
            format!("upsertCustomer by {by_text}")
        } else {
            format!("upsertCustomer by {by_text} (onUpdate: {})", changes.join(", "))
        };
        let input = json!({"identifier": identifier, "onCreate": on_create, "onUpdate": on_update});
        Call {
            field: "upsertCustomer",
            label,
            expect_text: describe_result(&outcome),
            body: body(
                mutation(
                    "upsertCustomer",
                    "UpsertCustomerInput",
                    &format!("result customer {{ {CUSTOMER_FIELDS} }} {ERROR_FIELDS}"),
                ),
                json!({"input": input}),
            ),
            expect: Expect::Upsert(outcome),
        }
    }

    pub(super) fn conflicts(&self, email: Option<&str>, external_id: Option<&str>, except: Option<usize>) -> Option<ErrorExpect> {
        let clash = |i: Option<&usize>| i.is_some_and(|i| Some(*i) != except);
        let email = email.is_some_and(|e| clash(self.by_email.get(e)));
        let external = external_id.is_some_and(|x| clash(self.by_external_id.get(x)));
        match (email, external) {
            (true, true) => Some(ErrorExpect::OneOf(BOTH_TAKEN)),
            (true, false) => Some(ErrorExpect::Code(EMAIL_TAKEN)),
            (false, true) => Some(ErrorExpect::Code(EXTERNAL_ID_TAKEN)),
            (false, false) => None,
        }
    }

    pub(super) fn expect_create(&self, create: &OnCreate, email: String, external_id: Option<String>) -> Result<UpsertOk, ErrorExpect> {
        if let Some(e) = self.conflicts(Some(&email), external_id.as_deref(), None) {
            return Err(e);
        }
        Ok(UpsertOk::Created(Customer {
            id: String::new(),
            full_name: FULL_NAMES[usize::from(create.name)].to_string(),
            short_name: create.short.map(|s| SHORT_NAMES[usize::from(s)].to_string()),
            email,
            verified: create.verified,
            external_id,
            spam_at: None,
            groups: BTreeSet::new(),
        }))
    }

    pub(super) fn expect_update(&self, i: usize, update: &OnUpdate) -> Result<UpsertOk, ErrorExpect> {
        let n = &self.names;
        let current = &self.customers[i];
        let mut next = current.clone();
        if let Some(name) = update.name {
            next.full_name = FULL_NAMES[usize::from(name)].to_string();
        }
        if let Some(short) = update.short {
            next.short_name = short.map(|s| SHORT_NAMES[usize::from(s)].to_string());
        }
        if let Some(x) = update.external_id {
            next.external_id = x.map(|x| n.external_id(x));
        }
        if let Some((e, verified)) = update.email {
            next.email = n.email(e);
            next.verified = verified;
        }
        let new_email = update.email.map(|_| next.email.as_str());
        let new_external = update.external_id.and(next.external_id.as_deref());
        if let Some(e) = self.conflicts(new_email, new_external, Some(i)) {
            return Err(e);
        }
        if next == *current {
            Ok(UpsertOk::Noop(i))
        } else {
            Ok(UpsertOk::Updated(i, next))
        }
    }

    pub(super) fn prepare_read(&self, lookup: &Lookup) -> Call {
        let n = &self.names;
        let (field, arg, ty, value, found, text) = match lookup {
            Lookup::Email(c) => {
                let e = n.email(*c);
                let found = self.by_email.get(&e).copied();
                ("customerByEmail", "email", "String", e, found, format!("c{c}"))
            }
            Lookup::ExternalId(x) => {
                let v = n.external_id(*x);
                let found = self.by_external_id.get(&v).copied();
                ("customerByExternalId", "externalId", "ID", v, found, format!("x{x}"))
            }
            Lookup::Id(r) => {
                let (id, found) = self.resolve(r);
                ("customer", "customerId", "ID", id, found, Self::customer_label(found))
            }
        };
        Call {
            field,
            label: format!("{field} {text}"),
            expect_text: found.map_or("null".to_string(), |i| format!("customer C{}", i + 1)),
            body: body(read_query(field, arg, ty), json!({ arg: value })),
            expect: Expect::Read(found),
        }
    }

    pub(super) fn prepare_create_group(&self, g: u8) -> Call {
        let slot = usize::from(g);
        let outcome = if self.groups[slot].live.is_some() {
            Err(ErrorExpect::Code(KEY_TAKEN))
        } else {
            Ok(())
        };
        let input = json!({"name": format!("Conform group {g}"), "key": self.names.group_key(g), "color": "#4f46e5"});
        Call {
            field: "createCustomerGroup",
            label: format!("createCustomerGroup g{g}"),
            expect_text: outcome
                .as_ref()
                .err()
                .map_or("a new customer group".to_string(), ErrorExpect::describe),
            body: body(
                mutation(
                    "createCustomerGroup",
                    "CreateCustomerGroupInput",
                    &format!("customerGroup {{ id name key color }} {ERROR_FIELDS}"),
                ),
                json!({"input": input}),
            ),
            expect: Expect::CreateGroup(slot, outcome),
        }
    }

    pub(super) fn prepare_groups(&self, add: bool, customer: &CustomerRef, groups: &[u8], by_id: bool) -> Call {
        let (cid, found) = self.resolve(customer);
        let identifiers: Vec<Value> = groups
            .iter()
            .map(|g| {
                if by_id {
                    json!({"customerGroupId": self.group_id_for(*g)})
                } else {
                    json!({"customerGroupKey": self.names.group_key(*g)})
                }
            })
            .collect();
        let live: Option<BTreeSet<String>> = groups.iter().map(|g| self.groups[usize::from(*g)].live.clone()).collect();
        let outcome = match (found, live) {
            (Some(i), Some(live)) => {
                let current = &self.customers[i].groups;
                if add {
                    Ok((i, live.difference(current).cloned().collect()))
                } else {
                    let present: BTreeSet<String> = live.intersection(current).cloned().collect();
                    if present.is_empty() {
                        Err(ErrorExpect::Any)
                    } else {
                        Ok((i, present))
                    }
                }
            }
            _ => Err(ErrorExpect::Any),
        };
        let (field, input_type, selection) = if add {
            (
                "addCustomerToCustomerGroups",
                "AddCustomerToCustomerGroupsInput",
                format!("customerGroupMemberships {{ customerId customerGroup {{ id key }} }} {ERROR_FIELDS}"),
            )
        } else {
            (
                "removeCustomerFromCustomerGroups",
                "RemoveCustomerFromCustomerGroupsInput",
                ERROR_FIELDS.to_string(),
            )
        };
        let slots: Vec<String> = groups.iter().map(|g| format!("g{g}")).collect();
        let expect_text = match &outcome {
            Ok((_, s)) if add => format!("{} new membership(s)", s.len()),
            Ok((_, s)) => format!("{} membership(s) removed", s.len()),
            Err(e) => e.describe(),
        };
        Call {
            field,
            label: format!(
                "{field} {} {} by {}",
                Self::customer_label(found),
                slots.join(","),
                if by_id { "customerGroupId" } else { "customerGroupKey" }
            ),
            expect_text,
            body: body(
                mutation(field, input_type, &selection),
                json!({"input": {"customerId": cid, "customerGroupIdentifiers": identifiers}}),
            ),
            expect: Expect::Groups { add, outcome },
        }
    }

    pub(super) fn prepare_delete_group(&self, g: u8) -> Call {
        let slot = &self.groups[usize::from(g)];
        let outcome = match &slot.live {
            Some(id) if self.customers.iter().any(|c| c.groups.contains(id)) => Err(ErrorExpect::Code(HAS_MEMBERS)),
            Some(_) => Ok(()),
            None => Err(ErrorExpect::Any),
        };
        Call {
            field: "deleteCustomerGroup",
            label: format!("deleteCustomerGroup g{g}"),
            expect_text: outcome.as_ref().err().map_or("success".to_string(), ErrorExpect::describe),
            body: body(
                mutation("deleteCustomerGroup", "DeleteCustomerGroupInput", ERROR_FIELDS),
                json!({"input": {"customerGroupId": self.group_id_for(g)}}),
            ),
            expect: Expect::DeleteGroup(usize::from(g), outcome),
        }
    }

    pub(super) fn prepare_event(&self, customer: &EventCustomer, external_id: Option<u8>, title: u8) -> Call {
        let n = &self.names;
        let (identifier, found, text) = match customer {
            EventCustomer::Email(c) => {
                let e = n.email(*c);
                (
                    json!({"emailAddress": e.clone()}),
                    self.by_email.get(&e).copied(),
                    format!("emailAddress c{c}"),
                )
            }
            EventCustomer::ExternalId(x) => {
                let v = n.external_id(*x);
                (
                    json!({"externalId": v.clone()}),
                    self.by_external_id.get(&v).copied(),
                    format!("externalId x{x}"),
                )
            }
            EventCustomer::Id(r) => {
                let (id, found) = self.resolve(r);
                (
                    json!({"customerId": id}),
                    found,
                    format!("customerId {}", Self::customer_label(found)),
                )
            }
        };
        let ext = external_id.map(|e| n.event_id(e));
        let title_text = TITLES[usize::from(title)].to_string();
        let outcome = match found {
            None => Err(ErrorExpect::Any),
            Some(_) if ext.as_ref().is_some_and(|x| self.event_ids.contains(x)) => Err(ErrorExpect::Any),
            Some(i) => Ok((i, ext.clone(), title_text.clone())),
        };
        let mut input = Map::new();
        input.insert("customerIdentifier".into(), identifier);
        input.insert("title".into(), json!(title_text));
        input.insert(
            "components".into(),
            json!([{"componentText": {"text": "Recorded by plain-contract conform."}}]),
        );
        if let Some(x) = &ext {
            input.insert("externalId".into(), json!(x));
        }
        let label = match external_id {
            Some(e) => format!("createCustomerEvent for {text} with externalId e{e}"),
            None => format!("createCustomerEvent for {text}"),
        };
        Call {
            field: "createCustomerEvent",
            label,
            expect_text: outcome.as_ref().err().map_or("a new event".to_string(), ErrorExpect::describe),
            body: body(
                mutation(
                    "createCustomerEvent",
                    "CreateCustomerEventInput",
                    &format!("customerEvent {{ id customerId title }} {ERROR_FIELDS}"),
                ),
                json!({"input": input}),
            ),
            expect: Expect::Event(outcome),
        }
    }

    pub(super) fn prepare_spam(&self, mark: bool, r: &CustomerRef) -> Call {
        let (id, found) = self.resolve(r);
        let (field, input_type) = if mark {
            ("markCustomerAsSpam", "MarkCustomerAsSpamInput")
        } else {
            ("unmarkCustomerAsSpam", "UnmarkCustomerAsSpamInput")
        };
        let (expect, expect_text) = match (mark, found) {
            (_, None) => {
                let e = ErrorExpect::Any;
                let t = e.describe();
                (if mark { Expect::Mark(Err(e)) } else { Expect::Unmark(Err(e)) }, t)
            }
            (true, Some(i)) => {
                let already = self.customers[i].spam_at.is_some();
                let t = if already {
                    format!("markedAsSpamAt unchanged, or error {ALREADY_SPAM}")
                } else {
                    "markedAsSpamAt set".to_string()
                };
                (Expect::Mark(Ok((i, already))), t)
            }
            (false, Some(i)) if self.customers[i].spam_at.is_none() => {
                let e = ErrorExpect::Code(NOT_SPAM);
                let t = e.describe();
                (Expect::Unmark(Err(e)), t)
            }
            (false, Some(i)) => (Expect::Unmark(Ok(i)), "markedAsSpamAt cleared".to_string()),
        };
        Call {
            field,
            label: format!("{field} {}", Self::customer_label(found)),
            expect_text,
            body: body(
                mutation(field, input_type, &format!("customer {{ {CUSTOMER_FIELDS} }} {ERROR_FIELDS}")),
                json!({"input": {"customerId": id}}),
            ),
            expect,
        }
    }
}
