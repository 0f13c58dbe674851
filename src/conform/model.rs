//! The model: an independent, deliberately small implementation of the
//! Customers API semantics of SEMANTICS.md, written from the document and
//! not from the reference server (`crate::serve::store` is never used here,
//! so a bug shared by both would have to be written twice).
//!
//! State is three maps keyed by Plain id, email and external ID (rebuilt
//! after every change, so they cannot drift), the group slots, and the
//! event external IDs used. Ids are the target's: the model learns an id
//! from the response that creates it (after checking it is new) and uses it
//! from then on.
//!
//! Each operation is handled in two halves. [`Model::prepare`] builds the
//! request from the state and predicts its outcome (kept in the [`Call`]);
//! [`Model::observe`] compares the response with the prediction and, when
//! they agree, applies the change. What is compared:
//!
//! - `upsertCustomer`: `CREATED` when no customer matches the identifier,
//!   `UPDATED` when one matches and `onUpdate` changes something, `NOOP`
//!   when it changes nothing; the returned customer is the one found (same
//!   id) with `onUpdate` applied, or a new one (an id never seen) built from
//!   `onCreate`. A `customerId` that matches nothing is an error (it "only
//!   updates"). Email and external ID are unique: taking one another
//!   customer holds is `customer_already_exists_with_email` /
//!   `customer_already_exists_with_external_id` (either, when both clash:
//!   the order is not documented).
//! - lookups (`customer`, `customerByEmail`, `customerByExternalId`): null
//!   when nothing matches, else the same customer, field by field: id,
//!   externalId, fullName, shortName, email, isVerified, markedAsSpamAt and
//!   the set of groups the customer is in.
//! - groups: `customer_group_key_already_exists` for a taken key;
//!   `addCustomerToCustomerGroups` returns only the new memberships;
//!   removing needs a membership; `deleteCustomerGroup` is refused with
//!   `customer_group_has_memberships` while the group has members.
//! - events: the customer must exist; an event external ID cannot repeat.
//! - spam: marking sets `markedAsSpamAt`, and marking again leaves it as it
//!   was (or is refused with `customer_already_marked_as_spam`: the sources
//!   disagree, so both are accepted); unmarking clears it, and unmarking a
//!   customer that is not spam is `customer_is_not_marked_as_spam`.
//!
//! Where SEMANTICS.md documents that something fails but not its code
//! (a missing customer or group, a repeated event external ID, removing a
//! membership that does not exist), the model expects *an* error and does
//! not compare the code ([`ErrorExpect::Any`]); the reference server's
//! choices (`not_found`, `input_validation`) are not part of the compared
//! surface. Nor are timestamps other than `markedAsSpamAt`, `verifiedAt`,
//! actors, or messages. Operations are generated inside documented
//! territory: an `emailAddress` identifier creates with that address, an
//! `externalId` identifier with that external ID, inputs are never blank.

use super::ops::{CustomerRef, EventCustomer, Lookup, OnCreate, OnUpdate, Op, UpsertBy, FULL_NAMES, SHORT_NAMES, TITLES};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// An id no customer has: the largest ULID, as Plain's ids are (`c_` + ULID).
pub const MISSING_CUSTOMER_ID: &str = "c_7ZZZZZZZZZZZZZZZZZZZZZZZZZ";
/// An id no customer group has.
pub const MISSING_GROUP_ID: &str = "cg_7ZZZZZZZZZZZZZZZZZZZZZZZZZ";

const EMAIL_TAKEN: &str = "customer_already_exists_with_email";
const EXTERNAL_ID_TAKEN: &str = "customer_already_exists_with_external_id";
const BOTH_TAKEN: &[&str] = &[EMAIL_TAKEN, EXTERNAL_ID_TAKEN];
const KEY_TAKEN: &str = "customer_group_key_already_exists";
const HAS_MEMBERS: &str = "customer_group_has_memberships";
const ALREADY_SPAM: &str = "customer_already_marked_as_spam";
const NOT_SPAM: &str = "customer_is_not_marked_as_spam";

/// The customer fields every operation selects and the model compares.
const CUSTOMER_FIELDS: &str = "id externalId fullName shortName email { email isVerified } markedAsSpamAt { iso8601 } \
customerGroupMemberships { edges { node { customerGroup { id key } } } }";
/// The MutationError fields.
const ERROR_FIELDS: &str = "error { message type code fields { field message type } }";

/// Values of a sequence's slots, all inside its namespace.
#[derive(Clone, Debug)]
pub struct Names {
    /// The namespace: `cf<run>-<sequence>-<replay>`.
    pub ns: String,
}

impl Names {
    /// Email of slot `c`.
    pub fn email(&self, c: u8) -> String {
        format!("{}-c{c}@example.com", self.ns)
    }
    /// Customer external ID of slot `x`.
    pub fn external_id(&self, x: u8) -> String {
        format!("{}-x{x}", self.ns)
    }
    /// Customer group key of slot `g`.
    pub fn group_key(&self, g: u8) -> String {
        format!("{}-g{g}", self.ns)
    }
    /// Event external ID of slot `e`.
    pub fn event_id(&self, e: u8) -> String {
        format!("{}-e{e}", self.ns)
    }
}

/// A customer as the model knows it, or as a response shows it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Customer {
    /// Plain id (the target's).
    pub id: String,
    /// `fullName`.
    pub full_name: String,
    /// `shortName`.
    pub short_name: Option<String>,
    /// `email.email`.
    pub email: String,
    /// `email.isVerified`.
    pub verified: bool,
    /// `externalId`.
    pub external_id: Option<String>,
    /// `markedAsSpamAt.iso8601`, as the target reported it when marking.
    pub spam_at: Option<String>,
    /// Ids of the groups the customer is in.
    pub groups: BTreeSet<String>,
}

/// A customer group slot: the group that holds its key now, and the id of
/// the last one deleted (to delete or name a group that is gone).
#[derive(Clone, Debug, Default)]
struct GroupSlot {
    live: Option<String>,
    stale: Option<String>,
}

/// What error is expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorExpect {
    /// This documented code.
    Code(&'static str),
    /// One of these documented codes (their order is not documented).
    OneOf(&'static [&'static str]),
    /// An error whose code is not documented: any code.
    Any,
}

impl ErrorExpect {
    fn accepts(&self, code: &str) -> bool {
        match self {
            ErrorExpect::Code(c) => *c == code,
            ErrorExpect::OneOf(cs) => cs.contains(&code),
            ErrorExpect::Any => true,
        }
    }

    fn describe(&self) -> String {
        match self {
            ErrorExpect::Code(c) => format!("error {c}"),
            ErrorExpect::OneOf(cs) => format!("error {}", cs.join(" or ")),
            ErrorExpect::Any => "an error (its code is not documented)".into(),
        }
    }
}

#[derive(Clone, Debug)]
enum UpsertOk {
    Created(Customer),
    Updated(usize, Customer),
    Noop(usize),
}

#[derive(Clone, Debug)]
enum Expect {
    Upsert(Result<UpsertOk, ErrorExpect>),
    Read(Option<usize>),
    CreateGroup(usize, Result<(), ErrorExpect>),
    Groups {
        add: bool,
        outcome: Result<(usize, BTreeSet<String>), ErrorExpect>,
    },
    DeleteGroup(usize, Result<(), ErrorExpect>),
    Event(Result<(usize, Option<String>, String), ErrorExpect>),
    Mark(Result<(usize, bool), ErrorExpect>),
    Unmark(Result<usize, ErrorExpect>),
}

/// One request, ready to send, with what the model expects of it.
#[derive(Clone, Debug)]
pub struct Call {
    /// The root field (`upsertCustomer`, `customerByEmail`...).
    pub field: &'static str,
    /// What the step does, for people (`upsertCustomer by emailAddress c0`).
    pub label: String,
    /// What the model expects, for people (`CREATED`, `error ...`).
    pub expect_text: String,
    /// The GraphQL request body.
    pub body: Value,
    expect: Expect,
}

/// An id learned from a response: the script keeps it in a shell variable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capture {
    /// `C` (customer) or `G` (customer group).
    pub kind: char,
    /// The id.
    pub id: String,
    /// Where it is in the response, as a jq path.
    pub jq: String,
}

/// The model of one sequence's namespace.
#[derive(Clone, Debug)]
pub struct Model {
    names: Names,
    customers: Vec<Customer>,
    by_id: BTreeMap<String, usize>,
    by_email: BTreeMap<String, usize>,
    by_external_id: BTreeMap<String, usize>,
    groups: Vec<GroupSlot>,
    event_ids: BTreeSet<String>,
}

fn body(query: String, variables: Value) -> Value {
    json!({"query": query, "variables": variables})
}

fn mutation(field: &str, input_type: &str, selection: &str) -> String {
    format!("mutation {field}($input: {input_type}!) {{ {field}(input: $input) {{ {selection} }} }}")
}

fn read_query(field: &str, arg: &str, ty: &str) -> String {
    format!("query {field}(${arg}: {ty}!) {{ {field}({arg}: ${arg}) {{ {CUSTOMER_FIELDS} }} }}")
}

fn describe_result(r: &Result<UpsertOk, ErrorExpect>) -> String {
    match r {
        Ok(UpsertOk::Created(_)) => "CREATED".into(),
        Ok(UpsertOk::Updated(..)) => "UPDATED".into(),
        Ok(UpsertOk::Noop(_)) => "NOOP".into(),
        Err(e) => e.describe(),
    }
}

impl Model {
    /// An empty namespace.
    pub fn new(names: Names) -> Model {
        Model {
            names,
            customers: Vec::new(),
            by_id: BTreeMap::new(),
            by_email: BTreeMap::new(),
            by_external_id: BTreeMap::new(),
            groups: vec![GroupSlot::default(); usize::from(super::ops::GROUP_SLOTS)],
            event_ids: BTreeSet::new(),
        }
    }

    /// The slot values.
    pub fn names(&self) -> &Names {
        &self.names
    }

    /// How many customers exist.
    pub fn customer_count(&self) -> usize {
        self.customers.len()
    }

    fn reindex(&mut self) {
        self.by_id.clear();
        self.by_email.clear();
        self.by_external_id.clear();
        for (i, c) in self.customers.iter().enumerate() {
            self.by_id.insert(c.id.clone(), i);
            self.by_email.insert(c.email.clone(), i);
            if let Some(x) = &c.external_id {
                self.by_external_id.insert(x.clone(), i);
            }
        }
    }

    /// The id and index a reference resolves to.
    fn resolve(&self, r: &CustomerRef) -> (String, Option<usize>) {
        match r {
            CustomerRef::Known(k) if !self.customers.is_empty() => {
                let i = usize::from(*k) % self.customers.len();
                (self.customers[i].id.clone(), Some(i))
            }
            _ => (MISSING_CUSTOMER_ID.to_string(), None),
        }
    }

    fn customer_label(i: Option<usize>) -> String {
        i.map_or("(no such customer)".to_string(), |i| format!("C{}", i + 1))
    }

    fn group_id_for(&self, g: u8) -> String {
        let slot = &self.groups[usize::from(g)];
        slot.live
            .clone()
            .or_else(|| slot.stale.clone())
            .unwrap_or_else(|| MISSING_GROUP_ID.to_string())
    }

    /// The request for `op` and what it should do.
    pub fn prepare(&self, op: &Op) -> Call {
        match &op.normalized() {
            Op::Upsert { by, create, update } => self.prepare_upsert(by, create, update),
            Op::Get(l) => self.prepare_read(l),
            Op::CreateGroup(g) => self.prepare_create_group(*g),
            Op::AddToGroups { customer, groups, by_id } => self.prepare_groups(true, customer, groups, *by_id),
            Op::RemoveFromGroups { customer, groups, by_id } => self.prepare_groups(false, customer, groups, *by_id),
            Op::DeleteGroup(g) => self.prepare_delete_group(*g),
            Op::CreateEvent {
                customer,
                external_id,
                title,
            } => self.prepare_event(customer, *external_id, *title),
            Op::MarkSpam(r) => self.prepare_spam(true, r),
            Op::UnmarkSpam(r) => self.prepare_spam(false, r),
        }
    }

    /// A read-back of the i-th customer by id (the end of every sequence).
    pub fn read_back(&self, i: usize) -> Call {
        self.prepare_read(&Lookup::Id(CustomerRef::Known(u8::try_from(i).unwrap_or(0))))
    }

    fn prepare_upsert(&self, by: &UpsertBy, create: &OnCreate, update: &OnUpdate) -> Call {
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

    fn conflicts(&self, email: Option<&str>, external_id: Option<&str>, except: Option<usize>) -> Option<ErrorExpect> {
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

    fn expect_create(&self, create: &OnCreate, email: String, external_id: Option<String>) -> Result<UpsertOk, ErrorExpect> {
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

    fn expect_update(&self, i: usize, update: &OnUpdate) -> Result<UpsertOk, ErrorExpect> {
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

    fn prepare_read(&self, lookup: &Lookup) -> Call {
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

    fn prepare_create_group(&self, g: u8) -> Call {
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

    fn prepare_groups(&self, add: bool, customer: &CustomerRef, groups: &[u8], by_id: bool) -> Call {
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

    fn prepare_delete_group(&self, g: u8) -> Call {
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

    fn prepare_event(&self, customer: &EventCustomer, external_id: Option<u8>, title: u8) -> Call {
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

    fn prepare_spam(&self, mark: bool, r: &CustomerRef) -> Call {
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

    // ----- observing -----

    /// Compares the response (status and parsed body) with the prediction
    /// and applies the change. Returns the ids learned, or why they differ.
    pub fn observe(&mut self, call: &Call, status: u16, response: Option<&Value>) -> Result<Vec<Capture>, String> {
        let payload = payload(call.field, status, response)?;
        match &call.expect {
            Expect::Upsert(outcome) => self.observe_upsert(outcome, payload),
            Expect::Read(found) => self.observe_read(*found, payload).map(|()| Vec::new()),
            Expect::CreateGroup(slot, outcome) => self.observe_create_group(*slot, outcome, payload),
            Expect::Groups { add, outcome } => self.observe_groups(*add, outcome, payload).map(|()| Vec::new()),
            Expect::DeleteGroup(slot, outcome) => {
                match outcome {
                    Err(e) => expect_error(e, payload)?,
                    Ok(()) => {
                        expect_success(payload)?;
                        let g = &mut self.groups[*slot];
                        g.stale = g.live.take();
                    }
                }
                Ok(Vec::new())
            }
            Expect::Event(outcome) => self.observe_event(outcome, payload).map(|()| Vec::new()),
            Expect::Mark(outcome) => self.observe_mark(outcome, payload).map(|()| Vec::new()),
            Expect::Unmark(outcome) => {
                match outcome {
                    Err(e) => expect_error(e, payload)?,
                    Ok(i) => {
                        expect_success(payload)?;
                        let mut next = self.customers[*i].clone();
                        next.spam_at = None;
                        compare(&next, &customer_at(payload, "customer")?, "customer")?;
                        self.customers[*i] = next;
                    }
                }
                Ok(Vec::new())
            }
        }
    }

    fn observe_upsert(&mut self, outcome: &Result<UpsertOk, ErrorExpect>, payload: &Value) -> Result<Vec<Capture>, String> {
        let ok = match outcome {
            Err(e) => {
                expect_error(e, payload).map_err(|m| match payload.get("result").and_then(Value::as_str) {
                    Some(r) if m.contains("success") => format!("expected {}, got result {r}", e.describe()),
                    _ => m,
                })?;
                return Ok(Vec::new());
            }
            Ok(ok) => ok,
        };
        let want = describe_result(outcome);
        if let Some((code, message)) = error_of(payload) {
            return Err(format!("expected {want}, got error {code}: {message}"));
        }
        let got = payload.get("result").and_then(Value::as_str).unwrap_or("null");
        if got != want {
            return Err(format!("expected result {want}, got {got}"));
        }
        let seen = customer_at(payload, "customer")?;
        match ok {
            UpsertOk::Created(new) => {
                if let Some(i) = self.by_id.get(&seen.id) {
                    return Err(format!(
                        "CREATED a customer with the id of an existing one (C{}): {}",
                        i + 1,
                        seen.id
                    ));
                }
                let mut new = new.clone();
                new.id = seen.id.clone();
                compare(&new, &seen, "customer")?;
                self.customers.push(new);
                self.reindex();
                Ok(vec![Capture {
                    kind: 'C',
                    id: seen.id,
                    jq: ".data.upsertCustomer.customer.id".into(),
                }])
            }
            UpsertOk::Updated(i, next) => {
                compare(next, &seen, "customer")?;
                self.customers[*i] = next.clone();
                self.reindex();
                Ok(Vec::new())
            }
            UpsertOk::Noop(i) => {
                compare(&self.customers[*i], &seen, "customer")?;
                Ok(Vec::new())
            }
        }
    }

    fn observe_read(&self, found: Option<usize>, payload: &Value) -> Result<(), String> {
        match found {
            None if payload.is_null() => Ok(()),
            None => {
                let id = payload.get("id").and_then(Value::as_str).unwrap_or("?");
                Err(format!("expected null (no such customer), got customer {id}"))
            }
            Some(i) if payload.is_null() => Err(format!("expected customer C{} ({}), got null", i + 1, self.customers[i].id)),
            Some(i) => compare(&self.customers[i], &customer_view(payload, "customer")?, "customer"),
        }
    }

    fn observe_create_group(&mut self, slot: usize, outcome: &Result<(), ErrorExpect>, payload: &Value) -> Result<Vec<Capture>, String> {
        if let Err(e) = outcome {
            expect_error(e, payload)?;
            return Ok(Vec::new());
        }
        expect_success(payload)?;
        let g = payload
            .get("customerGroup")
            .filter(|g| g.is_object())
            .ok_or("expected customerGroup, got null")?;
        let id = g
            .get("id")
            .and_then(Value::as_str)
            .ok_or("customerGroup.id is missing")?
            .to_string();
        if self
            .groups
            .iter()
            .any(|s| s.live.as_deref() == Some(&id) || s.stale.as_deref() == Some(&id))
        {
            return Err(format!("the new customer group has the id of another one: {id}"));
        }
        let key = self.names.group_key(u8::try_from(slot).unwrap_or(0));
        let got_key = g.get("key").and_then(Value::as_str).unwrap_or("");
        if got_key != key {
            return Err(format!("customerGroup.key: expected {key:?}, got {got_key:?}"));
        }
        self.groups[slot].live = Some(id.clone());
        Ok(vec![Capture {
            kind: 'G',
            id,
            jq: ".data.createCustomerGroup.customerGroup.id".into(),
        }])
    }

    fn observe_groups(
        &mut self,
        add: bool,
        outcome: &Result<(usize, BTreeSet<String>), ErrorExpect>,
        payload: &Value,
    ) -> Result<(), String> {
        let (i, changed) = match outcome {
            Err(e) => return expect_error(e, payload),
            Ok(x) => x,
        };
        expect_success(payload)?;
        let c = &mut self.customers[*i];
        if add {
            // "Skips existing memberships; returns only new ones." An empty
            // list may also come back as null (not documented either way).
            let list = match payload.get("customerGroupMemberships") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(a)) => a.clone(),
                Some(other) => return Err(format!("customerGroupMemberships is not a list: {other}")),
            };
            let mut got = BTreeSet::new();
            for m in &list {
                let cid = m.get("customerId").and_then(Value::as_str).unwrap_or("");
                if cid != c.id {
                    return Err(format!("a new membership has customerId {cid:?}, expected {:?}", c.id));
                }
                got.insert(m.pointer("/customerGroup/id").and_then(Value::as_str).unwrap_or("").to_string());
            }
            if got != *changed || got.len() != list.len() {
                return Err(format!(
                    "customerGroupMemberships should hold only the new memberships {changed:?}, got {got:?} ({} items)",
                    list.len()
                ));
            }
            c.groups.extend(changed.iter().cloned());
        } else {
            c.groups.retain(|g| !changed.contains(g));
        }
        Ok(())
    }

    fn observe_event(&mut self, outcome: &Result<(usize, Option<String>, String), ErrorExpect>, payload: &Value) -> Result<(), String> {
        let (i, ext, title) = match outcome {
            Err(e) => return expect_error(e, payload),
            Ok(x) => x,
        };
        expect_success(payload)?;
        let ev = payload
            .get("customerEvent")
            .filter(|e| e.is_object())
            .ok_or("expected customerEvent, got null")?;
        let cid = ev.get("customerId").and_then(Value::as_str).unwrap_or("");
        if cid != self.customers[*i].id {
            return Err(format!(
                "customerEvent.customerId: expected {:?}, got {cid:?}",
                self.customers[*i].id
            ));
        }
        let got_title = ev.get("title").and_then(Value::as_str).unwrap_or("");
        if got_title != title {
            return Err(format!("customerEvent.title: expected {title:?}, got {got_title:?}"));
        }
        if let Some(x) = ext {
            self.event_ids.insert(x.clone());
        }
        Ok(())
    }

    fn observe_mark(&mut self, outcome: &Result<(usize, bool), ErrorExpect>, payload: &Value) -> Result<(), String> {
        let (i, already) = match outcome {
            Err(e) => return expect_error(e, payload),
            Ok(x) => *x,
        };
        if already && error_of(payload).is_some() {
            return expect_error(&ErrorExpect::Code(ALREADY_SPAM), payload);
        }
        expect_success(payload)?;
        let seen = customer_at(payload, "customer")?;
        let mut next = self.customers[i].clone();
        if !already {
            match &seen.spam_at {
                Some(at) => next.spam_at = Some(at.clone()),
                None => return Err("customer.markedAsSpamAt: expected a time, got null".into()),
            }
        }
        compare(&next, &seen, "customer")?;
        self.customers[i] = next;
        Ok(())
    }
}

/// `data.<field>` of a 200 response without `errors`.
fn payload<'v>(field: &str, status: u16, response: Option<&'v Value>) -> Result<&'v Value, String> {
    if status != 200 {
        return Err(format!("HTTP status {status}, expected 200"));
    }
    let body = response.ok_or("the response body is not JSON")?;
    if let Some(errors) = body.get("errors").and_then(Value::as_array).filter(|e| !e.is_empty()) {
        let first = &errors[0];
        let msg = first.get("message").and_then(Value::as_str).unwrap_or("");
        let code = first.pointer("/extensions/code").and_then(Value::as_str).unwrap_or("no code");
        return Err(format!("expected data, got GraphQL errors: {msg} ({code})"));
    }
    body.get("data")
        .and_then(|d| d.get(field))
        .ok_or_else(|| format!("the response has no data.{field}"))
}

/// The `error` of a payload: (code, message).
fn error_of(payload: &Value) -> Option<(String, String)> {
    let e = payload.get("error").filter(|e| e.is_object())?;
    let code = e.get("code").and_then(Value::as_str).unwrap_or("").to_string();
    let message = e.get("message").and_then(Value::as_str).unwrap_or("").to_string();
    Some((code, message))
}

fn expect_error(want: &ErrorExpect, payload: &Value) -> Result<(), String> {
    match error_of(payload) {
        None => Err(format!("expected {}, got success", want.describe())),
        Some((code, _)) if want.accepts(&code) => Ok(()),
        Some((code, message)) => Err(format!("expected {}, got error {code}: {message}", want.describe())),
    }
}

fn expect_success(payload: &Value) -> Result<(), String> {
    match error_of(payload) {
        None => Ok(()),
        Some((code, message)) => Err(format!("expected success, got error {code}: {message}")),
    }
}

fn customer_at(payload: &Value, key: &str) -> Result<Customer, String> {
    match payload.get(key) {
        Some(c) if c.is_object() => customer_view(c, key),
        _ => Err(format!("expected {key}, got null")),
    }
}

/// A customer as the response shows it.
fn customer_view(c: &Value, what: &str) -> Result<Customer, String> {
    let text = |p: &str| c.pointer(p).and_then(Value::as_str).map(str::to_string);
    let id = text("/id").ok_or_else(|| format!("{what}.id is missing"))?;
    let edges = c
        .pointer("/customerGroupMemberships/edges")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{what}.customerGroupMemberships.edges is missing"))?;
    Ok(Customer {
        id,
        full_name: text("/fullName").unwrap_or_default(),
        short_name: text("/shortName"),
        email: text("/email/email").unwrap_or_default(),
        verified: c.pointer("/email/isVerified").and_then(Value::as_bool).unwrap_or(false),
        external_id: text("/externalId"),
        spam_at: text("/markedAsSpamAt/iso8601"),
        groups: edges
            .iter()
            .filter_map(|e| e.pointer("/node/customerGroup/id").and_then(Value::as_str).map(str::to_string))
            .collect(),
    })
}

/// Every field that differs, as `customer.fullName: expected "A", got "B"`.
fn compare(want: &Customer, got: &Customer, what: &str) -> Result<(), String> {
    let mut diffs = Vec::new();
    let mut field = |name: &str, w: String, g: String| {
        if w != g {
            diffs.push(format!("{what}.{name}: expected {w}, got {g}"));
        }
    };
    let opt = |v: &Option<String>| v.as_ref().map_or("null".to_string(), |s| format!("{s:?}"));
    field("id", format!("{:?}", want.id), format!("{:?}", got.id));
    field("fullName", format!("{:?}", want.full_name), format!("{:?}", got.full_name));
    field("shortName", opt(&want.short_name), opt(&got.short_name));
    field("email.email", format!("{:?}", want.email), format!("{:?}", got.email));
    field("email.isVerified", want.verified.to_string(), got.verified.to_string());
    field("externalId", opt(&want.external_id), opt(&got.external_id));
    field("markedAsSpamAt.iso8601", opt(&want.spam_at), opt(&got.spam_at));
    field(
        "customerGroupMemberships (group ids)",
        format!("{:?}", want.groups),
        format!("{:?}", got.groups),
    );
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conform::ops::{OnCreate, OnUpdate};

    fn model() -> Model {
        Model::new(Names { ns: "t".into() })
    }

    fn create() -> OnCreate {
        OnCreate {
            name: 0,
            short: None,
            email: 0,
            verified: false,
            external_id: None,
        }
    }

    fn created(call: &Call, id: &str) -> Value {
        let input = &call.body["variables"]["input"];
        let email = input["onCreate"]["email"]["email"].clone();
        json!({"data": {"upsertCustomer": {"result": "CREATED", "error": null, "customer": {
            "id": id, "externalId": input["onCreate"].get("externalId").cloned().unwrap_or(Value::Null),
            "fullName": "Ada Lovelace", "shortName": null, "email": {"email": email, "isVerified": false},
            "markedAsSpamAt": null, "customerGroupMemberships": {"edges": []}}}}})
    }

    #[test]
    fn create_then_identical_repeat_is_noop_and_conflicts_have_codes() {
        let mut m = model();
        let op = Op::Upsert {
            by: UpsertBy::Email(0),
            create: create(),
            update: OnUpdate::default(),
        };
        let call = m.prepare(&op);
        assert_eq!(call.expect_text, "CREATED");
        let caps = m.observe(&call, 200, Some(&created(&call, "c_1"))).unwrap_or_default();
        assert_eq!(caps.len(), 1);
        assert_eq!(m.prepare(&op).expect_text, "NOOP");
        // By externalId x0, creating with c0's email: the email is taken.
        let op = Op::Upsert {
            by: UpsertBy::ExternalId(0),
            create: create(),
            update: OnUpdate::default(),
        };
        assert_eq!(m.prepare(&op).expect_text, "error customer_already_exists_with_email");
        // A wrong answer is caught.
        let call = m.prepare(&Op::Get(Lookup::Email(0)));
        let wrong = json!({"data": {"customerByEmail": null}});
        assert!(m.observe(&call, 200, Some(&wrong)).is_err());
    }

    #[test]
    fn update_to_a_taken_email_and_external_id_accepts_either_code() {
        let mut m = model();
        for (c, id) in [(0u8, "c_1"), (1, "c_2")] {
            let mut cr = create();
            cr.external_id = Some(c);
            let call = m.prepare(&Op::Upsert {
                by: UpsertBy::Email(c),
                create: cr,
                update: OnUpdate::default(),
            });
            assert!(m.observe(&call, 200, Some(&created(&call, id))).is_ok());
        }
        let call = m.prepare(&Op::Upsert {
            by: UpsertBy::Email(0),
            create: create(),
            update: OnUpdate {
                email: Some((1, false)),
                external_id: Some(Some(1)),
                ..OnUpdate::default()
            },
        });
        assert_eq!(
            call.expect_text,
            "error customer_already_exists_with_email or customer_already_exists_with_external_id"
        );
    }
}
