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
//!
//! Layout: this file holds the state and the dispatch of both halves;
//! `prepare` builds requests and predictions, `observe` compares and applies,
//! `mismatch` names how a response differs.

mod mismatch;
mod observe;
mod prepare;

pub(crate) use mismatch::{FieldDiff, Mismatch};

use super::ops::{CustomerRef, EventCustomer, Lookup, OnCreate, OnUpdate, Op, UpsertBy, FULL_NAMES, SHORT_NAMES, TITLES};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// An id no customer has: the largest ULID, as Plain's ids are (`c_` + ULID).
pub(crate) const MISSING_CUSTOMER_ID: &str = "c_7ZZZZZZZZZZZZZZZZZZZZZZZZZ";
/// An id no customer group has.
pub(crate) const MISSING_GROUP_ID: &str = "cg_7ZZZZZZZZZZZZZZZZZZZZZZZZZ";

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
pub(crate) struct Names {
    /// The namespace: `cf<run>-<sequence>-<replay>`.
    pub ns: String,
}

impl Names {
    /// Email of slot `c`.
    pub(crate) fn email(&self, c: u8) -> String {
        format!("{}-c{c}@example.com", self.ns)
    }
    /// Customer external ID of slot `x`.
    pub(crate) fn external_id(&self, x: u8) -> String {
        format!("{}-x{x}", self.ns)
    }
    /// Customer group key of slot `g`.
    pub(crate) fn group_key(&self, g: u8) -> String {
        format!("{}-g{g}", self.ns)
    }
    /// Event external ID of slot `e`.
    pub(crate) fn event_id(&self, e: u8) -> String {
        format!("{}-e{e}", self.ns)
    }
}

/// A customer as the model knows it, or as a response shows it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct Customer {
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
pub(crate) enum ErrorExpect {
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
pub(crate) struct Call {
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
pub(crate) struct Capture {
    /// `C` (customer) or `G` (customer group).
    pub kind: char,
    /// The id.
    pub id: String,
    /// Where it is in the response, as a jq path.
    pub jq: String,
}

/// The model of one sequence's namespace.
#[derive(Clone, Debug)]
pub(crate) struct Model {
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
    pub(crate) fn new(names: Names) -> Model {
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

    /// How many customers exist.
    pub(crate) fn customer_count(&self) -> usize {
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
    pub(crate) fn prepare(&self, op: &Op) -> Call {
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
    pub(crate) fn read_back(&self, i: usize) -> Call {
        self.prepare_read(&Lookup::Id(CustomerRef::Known(u8::try_from(i).unwrap_or(0))))
    }

    // ----- observing -----

    /// Compares the response (status and parsed body) with the prediction
    /// and applies the change. Returns the ids learned, or why they differ.
    pub(crate) fn observe(&mut self, call: &Call, status: u16, response: Option<&Value>) -> Result<Vec<Capture>, Mismatch> {
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
}

/// `data.<field>` of a 200 response without `errors`.
fn payload<'v>(field: &str, status: u16, response: Option<&'v Value>) -> Result<&'v Value, Mismatch> {
    if status != 200 {
        return Err(Mismatch::Status { status });
    }
    let body = response.ok_or(Mismatch::NotJson)?;
    if let Some(errors) = body.get("errors").and_then(Value::as_array).filter(|e| !e.is_empty()) {
        let first = &errors[0];
        let msg = first.get("message").and_then(Value::as_str).unwrap_or("");
        let code = first.pointer("/extensions/code").and_then(Value::as_str).unwrap_or("no code");
        return Err(Mismatch::GraphqlErrors {
            message: msg.to_string(),
            code: code.to_string(),
        });
    }
    body.get("data")
        .and_then(|d| d.get(field))
        .ok_or_else(|| Mismatch::NoData { field: field.to_string() })
}

/// The `error` of a payload: (code, message).
fn error_of(payload: &Value) -> Option<(String, String)> {
    let e = payload.get("error").filter(|e| e.is_object())?;
    let code = e.get("code").and_then(Value::as_str).unwrap_or("").to_string();
    let message = e.get("message").and_then(Value::as_str).unwrap_or("").to_string();
    Some((code, message))
}

fn expect_error(want: &ErrorExpect, payload: &Value) -> Result<(), Mismatch> {
    match error_of(payload) {
        None => Err(Mismatch::GotSuccess { want: want.describe() }),
        Some((code, _)) if want.accepts(&code) => Ok(()),
        Some((code, message)) => Err(Mismatch::GotError {
            want: want.describe(),
            code,
            message,
        }),
    }
}

fn expect_success(payload: &Value) -> Result<(), Mismatch> {
    match error_of(payload) {
        None => Ok(()),
        Some((code, message)) => Err(Mismatch::GotError {
            want: "success".into(),
            code,
            message,
        }),
    }
}

fn customer_at(payload: &Value, key: &str) -> Result<Customer, Mismatch> {
    match payload.get(key) {
        Some(c) if c.is_object() => customer_view(c, key),
        _ => Err(Mismatch::Null { what: key.to_string() }),
    }
}

/// A customer as the response shows it.
fn customer_view(c: &Value, what: &str) -> Result<Customer, Mismatch> {
    let text = |p: &str| c.pointer(p).and_then(Value::as_str).map(str::to_string);
    let id = text("/id").ok_or_else(|| Mismatch::Missing {
        path: format!("{what}.id"),
    })?;
    let edges = c
        .pointer("/customerGroupMemberships/edges")
        .and_then(Value::as_array)
        .ok_or_else(|| Mismatch::Missing {
            path: format!("{what}.customerGroupMemberships.edges"),
        })?;
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
fn compare(want: &Customer, got: &Customer, what: &str) -> Result<(), Mismatch> {
    let mut diffs = Vec::new();
    let mut field = |name: &str, w: String, g: String| {
        if w != g {
            diffs.push(FieldDiff {
                path: format!("{what}.{name}"),
                want: w,
                got: g,
            });
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
        Err(Mismatch::Fields(diffs))
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
        assert!(
            matches!(
                m.observe(&call, 200, Some(&wrong)),
                Err(Mismatch::MissingCustomer { number: 1, .. })
            ),
            "{:?}",
            m.observe(&call, 200, Some(&wrong))
        );
    }

    /// A predicted error answered by a success names the result; answered by
    /// another error, it names that error, whatever its message says (the
    /// choice was once made by looking for "success" in the text).
    #[test]
    fn a_predicted_error_answered_otherwise_names_what_came() {
        let mut m = model();
        let first = Op::Upsert {
            by: UpsertBy::Email(0),
            create: create(),
            update: OnUpdate::default(),
        };
        let call = m.prepare(&first);
        assert!(m.observe(&call, 200, Some(&created(&call, "c_1"))).is_ok());
        let call = m.prepare(&Op::Upsert {
            by: UpsertBy::ExternalId(0),
            create: create(),
            update: OnUpdate::default(),
        });
        let want = "error customer_already_exists_with_email";
        assert_eq!(call.expect_text, want);
        let success = created(&call, "c_2");
        let got = m.observe(&call, 200, Some(&success)).err();
        assert_eq!(
            got,
            Some(Mismatch::GotResult {
                want: want.into(),
                result: "CREATED".into()
            })
        );
        assert_eq!(
            got.map(|e| e.to_string()).as_deref(),
            Some("expected error customer_already_exists_with_email, got result CREATED")
        );
        let other = json!({"data": {"upsertCustomer": {"result": "NOOP", "customer": null,
            "error": {"code": "input_validation", "message": "no success"}}}});
        assert_eq!(
            m.observe(&call, 200, Some(&other)).err(),
            Some(Mismatch::GotError {
                want: want.into(),
                code: "input_validation".into(),
                message: "no success".into()
            })
        );
        assert_eq!(m.observe(&call, 502, None).err(), Some(Mismatch::Status { status: 502 }));
        assert_eq!(m.observe(&call, 200, None).err(), Some(Mismatch::NotJson));
        let errors = json!({"errors": [{"message": "boom", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]});
        assert_eq!(
            m.observe(&call, 200, Some(&errors)).map_err(|e| e.to_string()),
            Err("expected data, got GraphQL errors: boom (INTERNAL_SERVER_ERROR)".to_string())
        );
    }

    /// What a failing step shows, word for word.
    #[test]
    fn mismatches_read_as_before() {
        let set = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        let cases = [
            (Mismatch::NoData { field: "customer".into() }, "the response has no data.customer"),
            (Mismatch::GotSuccess { want: "error x".into() }, "expected error x, got success"),
            (
                Mismatch::GotError {
                    want: "success".into(),
                    code: "c".into(),
                    message: "m".into(),
                },
                "expected success, got error c: m",
            ),
            (
                Mismatch::WrongResult {
                    want: "NOOP".into(),
                    got: "UPDATED".into(),
                },
                "expected result NOOP, got UPDATED",
            ),
            (
                Mismatch::Null {
                    what: "customerEvent".into(),
                },
                "expected customerEvent, got null",
            ),
            (
                Mismatch::Missing {
                    path: "customer.id".into(),
                },
                "customer.id is missing",
            ),
            (
                Mismatch::Fields(vec![
                    FieldDiff {
                        path: "customer.fullName".into(),
                        want: "\"A\"".into(),
                        got: "\"B\"".into(),
                    },
                    FieldDiff {
                        path: "customer.shortName".into(),
                        want: "null".into(),
                        got: "\"b\"".into(),
                    },
                ]),
                "customer.fullName: expected \"A\", got \"B\"; customer.shortName: expected null, got \"b\"",
            ),
            (
                Mismatch::field("customer.markedAsSpamAt", "a time", "null"),
                "customer.markedAsSpamAt: expected a time, got null",
            ),
            (
                Mismatch::CreatedExisting {
                    number: 2,
                    id: "c_2".into(),
                },
                "CREATED a customer with the id of an existing one (C2): c_2",
            ),
            (
                Mismatch::UnexpectedCustomer { id: "c_9".into() },
                "expected null (no such customer), got customer c_9",
            ),
            (
                Mismatch::MissingCustomer {
                    number: 1,
                    id: "c_1".into(),
                },
                "expected customer C1 (c_1), got null",
            ),
            (
                Mismatch::GroupIdTaken { id: "g_1".into() },
                "the new customer group has the id of another one: g_1",
            ),
            (
                Mismatch::NotAList { got: "{}".into() },
                "customerGroupMemberships is not a list: {}",
            ),
            (
                Mismatch::MembershipOfOther {
                    want: "c_1".into(),
                    got: "c_2".into(),
                },
                "a new membership has customerId \"c_2\", expected \"c_1\"",
            ),
            (
                Mismatch::NotOnlyNew {
                    want: set(&["g_1"]),
                    got: set(&["g_1", "g_2"]),
                    items: 2,
                },
                "customerGroupMemberships should hold only the new memberships {\"g_1\"}, got {\"g_1\", \"g_2\"} (2 items)",
            ),
        ];
        for (m, text) in cases {
            assert_eq!(m.to_string(), text);
        }
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
