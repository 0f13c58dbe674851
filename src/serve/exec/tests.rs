//! Execution tests: operations run against a store through the embedded schema.

use super::*;
use crate::contract::Contract;
use apollo_compiler::schema::ExtendedType;
use std::sync::OnceLock;

fn schema() -> &'static Valid<Schema> {
    static CONTRACT: OnceLock<Contract> = OnceLock::new();
    &CONTRACT
        .get_or_init(|| Contract::embedded().expect("embedded contract"))
        .schema
        .schema
}

const ALL: [&str; 14] = [
    "customer:read",
    "customer:create",
    "customer:edit",
    "customer:delete",
    "customerGroup:create",
    "customerGroup:edit",
    "customerGroup:delete",
    "customerGroupMembership:create",
    "customerGroupMembership:delete",
    "customerEvent:create",
    "customerTenantMembership:create",
    "customerTenantMembership:delete",
    "tenant:create",
    "tenant:edit",
];

struct World {
    store: Store,
    perms: BTreeSet<String>,
}

impl World {
    fn new() -> World {
        World {
            store: Store::new(),
            perms: ALL.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn run(&mut self, query: &str, vars: Value) -> Value {
        let doc = ExecutableDocument::parse_and_validate(schema(), query, "op.graphql").expect("valid operation");
        let caller = Caller {
            permissions: &self.perms,
            actor_id: "mu_test",
        };
        let vars = vars.as_object().cloned().unwrap_or_default();
        let store = Mutex::new(std::mem::take(&mut self.store));
        let r = execute(schema(), &doc, None, &vars, &store, &caller);
        self.store = store.into_inner().unwrap();
        r
    }

    /// Runs and asserts there are no top-level errors.
    fn ok(&mut self, query: &str, vars: Value) -> Value {
        let r = self.run(query, vars);
        assert!(r.get("errors").is_none(), "unexpected errors: {r:#}");
        r["data"].clone()
    }

    fn upsert(&mut self, identifier: Value, on_create: Value, on_update: Value) -> Value {
        let q = "mutation($input: UpsertCustomerInput!) { upsertCustomer(input: $input) {
            result customer { id externalId fullName shortName email { email isVerified verifiedAt { iso8601 } } updatedAt { unixTimestamp } }
            error { message type code fields { field message type } } } }";
        self.ok(
            q,
            json!({"input": {"identifier": identifier, "onCreate": on_create, "onUpdate": on_update}}),
        )["upsertCustomer"]
            .clone()
    }

    fn add_customer(&mut self, name: &str, email: &str) -> String {
        let r = self.upsert(
            json!({"emailAddress": email}),
            json!({"fullName": name, "email": {"email": email, "isVerified": false}}),
            json!({}),
        );
        r["customer"]["id"].as_str().expect("customer id").to_string()
    }

    fn create_group(&mut self, key: &str) -> String {
        let q = "mutation($key: String!) { createCustomerGroup(input: {name: $key, key: $key, color: \"#000\"}) { customerGroup { id } error { code } } }";
        let r = self.ok(q, json!({"key": key}));
        r["createCustomerGroup"]["customerGroup"]["id"]
            .as_str()
            .expect("group id")
            .to_string()
    }
}

fn on_create(name: &str, email: &str) -> Value {
    json!({"fullName": name, "email": {"email": email, "isVerified": false}})
}

#[test]
fn upsert_created_noop_updated() {
    let mut w = World::new();
    let ident = json!({"externalId": "u-1"});
    let r = w.upsert(ident.clone(), on_create("Ada Lovelace", "ada@example.com"), json!({}));
    assert_eq!(r["result"], "CREATED");
    assert_eq!(r["error"], Value::Null);
    assert_eq!(r["customer"]["externalId"], "u-1");
    let id = r["customer"]["id"].clone();
    let stamp = r["customer"]["updatedAt"]["unixTimestamp"].clone();

    let same = json!({"fullName": {"value": "Ada Lovelace"}, "shortName": {"value": null}});
    let r = w.upsert(ident.clone(), on_create("ignored", "ada@example.com"), same);
    assert_eq!(r["result"], "NOOP");
    assert_eq!(r["customer"]["id"], id);
    assert_eq!(r["customer"]["updatedAt"]["unixTimestamp"], stamp);

    let change = json!({"shortName": {"value": "Ada"}, "email": {"email": "ada@example.org", "isVerified": true}});
    let r = w.upsert(ident.clone(), on_create("ignored", "ada@example.com"), change);
    assert_eq!(r["result"], "UPDATED");
    assert_eq!(r["customer"]["id"], id);
    assert_eq!(r["customer"]["shortName"], "Ada");
    assert_eq!(r["customer"]["email"]["email"], "ada@example.org");
    assert!(r["customer"]["email"]["verifiedAt"]["iso8601"].is_string());
    assert_ne!(r["customer"]["updatedAt"]["unixTimestamp"], stamp);

    let clear = json!({"shortName": {"value": null}, "externalId": {"value": null}});
    let r = w.upsert(json!({"customerId": id}), on_create("x", "x@example.com"), clear);
    assert_eq!(r["result"], "UPDATED");
    assert_eq!(r["customer"]["shortName"], Value::Null);
    assert_eq!(r["customer"]["externalId"], Value::Null);
}

#[test]
fn lookups_by_email_and_external_id_agree() {
    let mut w = World::new();
    let r = w.upsert(json!({"externalId": "ext-9"}), on_create("Grace", "grace@example.com"), json!({}));
    let id = r["customer"]["id"].clone();
    let q = "query($id: ID!) { byId: customer(customerId: $id) { id }
        byEmail: customerByEmail(email: \"GRACE@example.com\") { id }
        byExt: customerByExternalId(externalId: \"ext-9\") { id fullName }
        none: customerByEmail(email: \"nobody@example.com\") { id } }";
    let d = w.ok(q, json!({"id": id}));
    assert_eq!(d["byId"]["id"], id);
    assert_eq!(d["byEmail"]["id"], id);
    assert_eq!(d["byExt"]["id"], id);
    assert_eq!(d["byExt"]["fullName"], "Grace");
    assert_eq!(d["none"], Value::Null);
}

#[test]
fn upsert_conflicts_have_their_codes() {
    let mut w = World::new();
    w.upsert(json!({"externalId": "a"}), on_create("A", "a@example.com"), json!({}));
    w.upsert(json!({"externalId": "b"}), on_create("B", "b@example.com"), json!({}));
    // Creating by externalId with an email another customer holds (the Convex case).
    let r = w.upsert(json!({"externalId": "c"}), on_create("C", "A@example.com"), json!({}));
    assert_eq!(r["error"]["code"], "customer_already_exists_with_email");
    assert_eq!(r["error"]["type"], "VALIDATION");
    assert_eq!(r["customer"], Value::Null);
    assert_eq!(r["result"], Value::Null);
    // Creating by email with an external ID another customer holds (the Polar case).
    let mut create = on_create("C", "c@example.com");
    create["externalId"] = json!("a");
    let r = w.upsert(json!({"emailAddress": "c@example.com"}), create, json!({}));
    assert_eq!(r["error"]["code"], "customer_already_exists_with_external_id");
    // Updating into the other customer's email or external ID.
    let r = w.upsert(
        json!({"externalId": "b"}),
        on_create("B", "b@example.com"),
        json!({"email": {"email": "a@example.com", "isVerified": false}}),
    );
    assert_eq!(r["error"]["code"], "customer_already_exists_with_email");
    assert_eq!(r["error"]["fields"][0]["field"], "onUpdate.email.email");
    let r = w.upsert(
        json!({"externalId": "b"}),
        on_create("B", "b@example.com"),
        json!({"externalId": {"value": "a"}}),
    );
    assert_eq!(r["error"]["code"], "customer_already_exists_with_external_id");
    assert_eq!(w.store.customer_count(), 2);
}

#[test]
fn upsert_by_unknown_customer_id_is_not_found() {
    let mut w = World::new();
    let r = w.upsert(json!({"customerId": "c_missing"}), on_create("A", "a@example.com"), json!({}));
    assert_eq!(r["error"]["code"], "not_found");
    assert_eq!(r["error"]["fields"][0]["field"], "identifier.customerId");
    assert_eq!(r["error"]["fields"][0]["type"], "NOT_FOUND");
    assert_eq!(w.store.customer_count(), 0);
}

#[test]
fn upsert_needs_exactly_one_identifier() {
    let mut w = World::new();
    let r = w.upsert(json!({}), on_create("A", "a@example.com"), json!({}));
    assert_eq!(r["error"]["code"], "input_validation");
    assert_eq!(r["error"]["fields"][0]["field"], "identifier");
    assert_eq!(r["error"]["fields"][0]["type"], "REQUIRED");
    let r = w.upsert(
        json!({"externalId": "x", "emailAddress": "a@example.com"}),
        on_create("A", "a@example.com"),
        json!({}),
    );
    assert_eq!(r["error"]["code"], "input_validation");
    let fields: Vec<&Value> = r["error"]["fields"].as_array().unwrap().iter().map(|f| &f["field"]).collect();
    assert_eq!(fields, [&json!("identifier.externalId"), &json!("identifier.emailAddress")]);
    assert_eq!(w.store.customer_count(), 0);
}

fn seed_customers(w: &mut World, n: usize) {
    let customers: Vec<Value> = (0..n)
        .map(|i| json!({"fullName": format!("Customer {i:03}"), "email": format!("c{i}@example.com")}))
        .collect();
    w.store.seed(&json!({ "customers": customers })).unwrap();
}

const PAGE: &str = "query($first: Int, $after: String, $last: Int, $before: String, $sort: CustomersSort) {
    customers(first: $first, after: $after, last: $last, before: $before, sortBy: $sort) {
        totalCount edges { cursor node { fullName } } pageInfo { hasPreviousPage hasNextPage startCursor endCursor } } }";

fn names(d: &Value) -> Vec<String> {
    d["customers"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["fullName"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn customers_paginate_forward_with_default_page_size() {
    let mut w = World::new();
    seed_customers(&mut w, 30);
    let d = w.ok(PAGE, json!({}));
    assert_eq!(d["customers"]["totalCount"], 30);
    assert_eq!(names(&d).len(), 25);
    assert_eq!(d["customers"]["pageInfo"]["hasNextPage"], true);
    assert_eq!(d["customers"]["pageInfo"]["hasPreviousPage"], false);
    let end = d["customers"]["pageInfo"]["endCursor"].clone();
    assert_eq!(end, d["customers"]["edges"][24]["cursor"]);
    let d = w.ok(PAGE, json!({"first": 10, "after": end}));
    assert_eq!(names(&d), (25..30).map(|i| format!("Customer {i:03}")).collect::<Vec<_>>());
    assert_eq!(d["customers"]["pageInfo"]["hasNextPage"], false);
    assert_eq!(d["customers"]["pageInfo"]["hasPreviousPage"], true);
    let start = d["customers"]["pageInfo"]["startCursor"].clone();
    let d = w.ok(PAGE, json!({"last": 2, "before": start}));
    assert_eq!(names(&d), ["Customer 023", "Customer 024"]);
    let d = w.ok(PAGE, json!({"first": 100}));
    assert_eq!(names(&d).len(), 30);
    let d = w.ok(PAGE, json!({"first": 2, "sort": {"field": "FULL_NAME", "direction": "DESC"}}));
    assert_eq!(names(&d), ["Customer 029", "Customer 028"]);
}

#[test]
fn customers_pagination_errors_are_bad_user_input() {
    let mut w = World::new();
    seed_customers(&mut w, 3);
    for vars in [
        json!({"first": 101}),
        json!({"first": -1}),
        json!({"first": 1, "before": "00"}),
        json!({"last": 1, "after": "00"}),
    ] {
        let r = w.run(PAGE, vars.clone());
        assert_eq!(r["data"], Value::Null, "{vars}: {r}");
        assert_eq!(r["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{vars}: {r}");
        assert_eq!(r["errors"][0]["path"], json!(["customers"]));
        assert!(!r["errors"][0]["message"].as_str().unwrap().contains('\u{1f}'));
    }
    let r = w.run(PAGE, json!({"first": 101}));
    assert!(r["errors"][0]["message"].as_str().unwrap().contains("100"), "{r}");
}

#[test]
fn customers_filters() {
    let mut w = World::new();
    let a = w.add_customer("A", "a@example.com");
    let b = w.add_customer("B", "b@example.com");
    let c = w.add_customer("C", "c@example.com");
    w.create_group("vip");
    let add = "mutation($id: ID!) { addCustomerToCustomerGroups(input: {customerId: $id, customerGroupIdentifiers: [{customerGroupKey: \"vip\"}]}) { error { code } } }";
    w.ok(add, json!({"id": a}));
    w.ok(
        "mutation($id: ID!) { markCustomerAsSpam(input: {customerId: $id}) { error { code } } }",
        json!({"id": b}),
    );
    let q = "query($f: CustomersFilter) { customers(filters: $f) { totalCount edges { node { id } } } }";
    let ids = |d: &Value| {
        d["customers"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["id"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&w.ok(q, json!({"f": {"customerGroupKeys": ["vip"]}}))), [json!(a)]);
    assert_eq!(
        ids(&w.ok(q, json!({"f": {"customerGroupKeys": ["vip"], "customerGroupIds": ["cg_other"]}}))),
        Vec::<Value>::new()
    );
    assert_eq!(ids(&w.ok(q, json!({"f": {"customerGroupKeys": []}}))), Vec::<Value>::new());
    assert_eq!(ids(&w.ok(q, json!({"f": {"isMarkedAsSpam": true}}))), [json!(b)]);
    assert_eq!(ids(&w.ok(q, json!({"f": {"isMarkedAsSpam": false}}))), [json!(a), json!(c)]);
    // b was updated last (marked as spam): updatedAt.after is inclusive, before exclusive.
    let b_updated = w.store.customer(&b).unwrap().updated_at;
    let at = crate::serve::store::iso8601(b_updated);
    assert_eq!(ids(&w.ok(q, json!({"f": {"updatedAt": {"after": at}}}))), [json!(b)]);
    assert_eq!(ids(&w.ok(q, json!({"f": {"updatedAt": {"before": at}}}))), [json!(a), json!(c)]);
    let r = w.run(q, json!({"f": {"updatedAt": {"after": "last tuesday"}}}));
    assert_eq!(r["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
}

#[test]
fn search_customers_matches_case_insensitively() {
    let mut w = World::new();
    w.add_customer("Ada Lovelace", "ada@example.com");
    w.add_customer("Grace Hopper", "grace@navy.mil");
    let q = "query($s: CustomersSearchQuery!) { searchCustomers(searchQuery: $s) { edges { node { fullName } } } }";
    let d = w.ok(
        q,
        json!({"s": {"or": [{"fullName": {"caseInsensitiveContains": "LOVE"}}, {"email": {"caseInsensitiveContains": "navy"}}]}}),
    );
    let found: Vec<&Value> = d["searchCustomers"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"]["fullName"])
        .collect();
    assert_eq!(found, [&json!("Grace Hopper"), &json!("Ada Lovelace")]);
    let r = w.run(q, json!({"s": {"or": []}}));
    assert_eq!(r["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
}

#[test]
fn group_delete_is_refused_while_it_has_members() {
    let mut w = World::new();
    let c = w.add_customer("A", "a@example.com");
    let g = w.create_group("vip");
    let add = "mutation($c: ID!, $g: ID!) { addCustomerToCustomerGroups(input: {customerId: $c, customerGroupIdentifiers: [{customerGroupId: $g}]}) { error { code } } }";
    w.ok(add, json!({"c": c, "g": g}));
    let del = "mutation($g: ID!) { deleteCustomerGroup(input: {customerGroupId: $g}) { error { code type } } }";
    let d = w.ok(del, json!({"g": g}));
    assert_eq!(d["deleteCustomerGroup"]["error"]["code"], "customer_group_has_memberships");
    let rm = "mutation($c: ID!, $g: ID!) { removeCustomerFromCustomerGroups(input: {customerId: $c, customerGroupIdentifiers: [{customerGroupId: $g}]}) { error { code } } }";
    assert_eq!(
        w.ok(rm, json!({"c": c, "g": g}))["removeCustomerFromCustomerGroups"]["error"],
        Value::Null
    );
    assert_eq!(
        w.ok(rm, json!({"c": c, "g": g}))["removeCustomerFromCustomerGroups"]["error"]["code"],
        "not_found"
    );
    assert_eq!(w.ok(del, json!({"g": g}))["deleteCustomerGroup"]["error"], Value::Null);
    assert!(w.store.group(&g).is_none());
}

#[test]
fn group_key_is_unique_and_update_needs_a_field() {
    let mut w = World::new();
    let g = w.create_group("vip");
    let q =
        "mutation { createCustomerGroup(input: {name: \"Other\", key: \"vip\", color: \"#fff\"}) { customerGroup { id } error { code } } }";
    assert_eq!(
        w.ok(q, json!({}))["createCustomerGroup"]["error"]["code"],
        "customer_group_key_already_exists"
    );
    let upd = "mutation($i: UpdateCustomerGroupInput!) { updateCustomerGroup(input: $i) { customerGroup { name } error { code } } }";
    let d = w.ok(upd, json!({"i": {"customerGroupId": g}}));
    assert_eq!(d["updateCustomerGroup"]["error"]["code"], "input_validation");
    let d = w.ok(upd, json!({"i": {"customerGroupId": g, "name": {"value": "VIPs"}}}));
    assert_eq!(d["updateCustomerGroup"]["customerGroup"]["name"], "VIPs");
    let ups = "mutation($i: UpsertCustomerGroupInput!) { upsertCustomerGroup(input: $i) { result customerGroup { id } error { code } } }";
    let d = w.ok(
        ups,
        json!({"i": {"identifier": {"customerGroupKey": "vip"}, "name": "VIPs", "key": "vip", "color": "#000"}}),
    );
    assert_eq!(d["upsertCustomerGroup"]["result"], "NOOP");
    assert_eq!(d["upsertCustomerGroup"]["customerGroup"]["id"], g);
    let d = w.ok(
        ups,
        json!({"i": {"identifier": {"customerGroupKey": "gold"}, "name": "Gold", "key": "gold", "color": "#ff0"}}),
    );
    assert_eq!(d["upsertCustomerGroup"]["result"], "CREATED");
    let d = w.ok(
        ups,
        json!({"i": {"identifier": {"customerGroupId": "cg_none"}, "name": "X", "key": "x", "color": "#ff0"}}),
    );
    assert_eq!(d["upsertCustomerGroup"]["error"]["code"], "not_found");
}

#[test]
fn adding_memberships_skips_existing_ones() {
    let mut w = World::new();
    let c = w.add_customer("A", "a@example.com");
    w.create_group("one");
    w.create_group("two");
    let add = "mutation($c: ID!, $keys: [CustomerGroupIdentifier!]!) { addCustomerToCustomerGroups(input: {customerId: $c, customerGroupIdentifiers: $keys}) {
        customerGroupMemberships { customerId customerGroup { key } createdBy { __typename ... on MachineUserActor { machineUserId } } } error { code } } }";
    let d = w.ok(add, json!({"c": c, "keys": [{"customerGroupKey": "one"}]}));
    assert_eq!(
        d["addCustomerToCustomerGroups"]["customerGroupMemberships"][0]["customerGroup"]["key"],
        "one"
    );
    assert_eq!(
        d["addCustomerToCustomerGroups"]["customerGroupMemberships"][0]["createdBy"]["machineUserId"],
        "mu_test"
    );
    let d = w.ok(
        add,
        json!({"c": c, "keys": [{"customerGroupKey": "one"}, {"customerGroupKey": "two"}]}),
    );
    let added = d["addCustomerToCustomerGroups"]["customerGroupMemberships"].as_array().unwrap();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0]["customerGroup"]["key"], "two");
    assert_eq!(added[0]["customerId"], c);
    let q = "query($c: ID!) { customer(customerId: $c) { customerGroupMemberships { edges { node { customerGroup { key } } } } } }";
    let d = w.ok(q, json!({"c": c}));
    assert_eq!(d["customer"]["customerGroupMemberships"]["edges"].as_array().unwrap().len(), 2);
    let d = w.ok(add, json!({"c": c, "keys": [{"customerGroupKey": "nope"}]}));
    assert_eq!(d["addCustomerToCustomerGroups"]["error"]["code"], "not_found");
}

#[test]
fn twenty_six_group_identifiers_are_refused() {
    let mut w = World::new();
    let c = w.add_customer("A", "a@example.com");
    let keys: Vec<String> = (0..26).map(|i| w.create_group(&format!("g{i}"))).collect();
    let add = "mutation($c: ID!, $keys: [CustomerGroupIdentifier!]!) { addCustomerToCustomerGroups(input: {customerId: $c, customerGroupIdentifiers: $keys}) {
        customerGroupMemberships { customerId } error { code fields { field } } } }";
    let ids = |n: usize| keys[..n].iter().map(|k| json!({"customerGroupId": k})).collect::<Vec<_>>();
    let d = w.ok(add, json!({"c": c, "keys": ids(26)}));
    assert_eq!(d["addCustomerToCustomerGroups"]["error"]["code"], "input_validation");
    assert_eq!(
        d["addCustomerToCustomerGroups"]["error"]["fields"][0]["field"],
        "customerGroupIdentifiers"
    );
    assert_eq!(d["addCustomerToCustomerGroups"]["customerGroupMemberships"], Value::Null);
    let d = w.ok(add, json!({"c": c, "keys": ids(25)}));
    assert_eq!(
        d["addCustomerToCustomerGroups"]["customerGroupMemberships"]
            .as_array()
            .unwrap()
            .len(),
        25
    );
}

const EVENT: &str = "mutation($i: CreateCustomerEventInput!) { createCustomerEvent(input: $i) {
    customerEvent { id customerId title components { __typename ... on ComponentText { text } ... on ComponentBadge { badgeLabel badgeColor } } }
    error { code fields { field } } } }";

#[test]
fn event_external_id_cannot_repeat() {
    let mut w = World::new();
    let c = w.add_customer("A", "a@example.com");
    let input = json!({"i": {"customerIdentifier": {"emailAddress": "a@example.com"}, "externalId": "evt-1", "title": "Signed up",
        "components": [{"componentText": {"text": "hello"}}, {"componentBadge": {"badgeLabel": "new", "badgeColor": "GREEN"}}]}});
    let d = w.ok(EVENT, input.clone());
    let event = &d["createCustomerEvent"]["customerEvent"];
    assert_eq!(event["customerId"], c);
    assert_eq!(event["components"][0], json!({"__typename": "ComponentText", "text": "hello"}));
    assert_eq!(
        event["components"][1],
        json!({"__typename": "ComponentBadge", "badgeLabel": "new", "badgeColor": "GREEN"})
    );
    let d = w.ok(EVENT, input);
    assert_eq!(d["createCustomerEvent"]["customerEvent"], Value::Null);
    assert_eq!(d["createCustomerEvent"]["error"]["code"], "input_validation");
    assert_eq!(d["createCustomerEvent"]["error"]["fields"][0]["field"], "externalId");
    let d = w.ok(
        EVENT,
        json!({"i": {"customerIdentifier": {"customerId": "c_none"}, "title": "x", "components": []}}),
    );
    assert_eq!(d["createCustomerEvent"]["error"]["code"], "not_found");
}

#[test]
fn spam_mark_and_unmark() {
    let mut w = World::new();
    let c = w.add_customer("A", "a@example.com");
    let mark = "mutation($c: ID!) { markCustomerAsSpam(input: {customerId: $c}) {
        customer { markedAsSpamAt { unixTimestamp iso8601 } markedAsSpamBy { __typename ... on MachineUserActor { machineUserId machineUser { id type } } } }
        error { code } } }";
    let unmark = "mutation($c: ID!) { unmarkCustomerAsSpam(input: {customerId: $c}) { customer { markedAsSpamAt { iso8601 } markedAsSpamBy { __typename } } error { code } } }";
    let d = w.ok(mark, json!({"c": c}));
    let customer = &d["markCustomerAsSpam"]["customer"];
    let at = customer["markedAsSpamAt"].clone();
    assert!(at["unixTimestamp"].as_str().unwrap().parse::<i64>().unwrap() > 0);
    assert!(at["iso8601"].as_str().unwrap().ends_with('Z'));
    assert_eq!(customer["markedAsSpamBy"]["__typename"], "MachineUserActor");
    assert_eq!(
        customer["markedAsSpamBy"]["machineUser"],
        json!({"id": "mu_test", "type": "API_USER"})
    );
    // Idempotent: the timestamp stays.
    let d = w.ok(mark, json!({"c": c}));
    assert_eq!(d["markCustomerAsSpam"]["error"], Value::Null);
    assert_eq!(d["markCustomerAsSpam"]["customer"]["markedAsSpamAt"], at);
    let d = w.ok(unmark, json!({"c": c}));
    assert_eq!(
        d["unmarkCustomerAsSpam"]["customer"],
        json!({"markedAsSpamAt": null, "markedAsSpamBy": null})
    );
    let d = w.ok(unmark, json!({"c": c}));
    assert_eq!(d["unmarkCustomerAsSpam"]["error"]["code"], "customer_is_not_marked_as_spam");
    assert_eq!(d["unmarkCustomerAsSpam"]["customer"], Value::Null);
}

#[test]
fn delete_customer_removes_memberships_and_events() {
    let mut w = World::new();
    let c = w.add_customer("A", "a@example.com");
    let g = w.create_group("vip");
    let add = "mutation($c: ID!) { addCustomerToCustomerGroups(input: {customerId: $c, customerGroupIdentifiers: [{customerGroupKey: \"vip\"}]}) { error { code } } }";
    w.ok(add, json!({"c": c}));
    let event = json!({"i": {"customerIdentifier": {"customerId": c}, "externalId": "e1", "title": "t", "components": []}});
    w.ok(EVENT, event.clone());
    let del = "mutation($c: ID!) { deleteCustomer(input: {customerId: $c}) { error { code } } }";
    assert_eq!(w.ok(del, json!({"c": c}))["deleteCustomer"]["error"], Value::Null);
    assert!(w.store.customer(&c).is_none());
    assert_eq!(w.ok(del, json!({"c": c}))["deleteCustomer"]["error"]["code"], "not_found");
    let d = w.ok(
        "mutation($g: ID!) { deleteCustomerGroup(input: {customerGroupId: $g}) { error { code } } }",
        json!({"g": g}),
    );
    assert_eq!(d["deleteCustomerGroup"]["error"], Value::Null);
    let c2 = w.add_customer("B", "b@example.com");
    let event = json!({"i": {"customerIdentifier": {"customerId": c2}, "externalId": "e1", "title": "t", "components": []}});
    assert_eq!(w.ok(EVENT, event)["createCustomerEvent"]["error"], Value::Null);
}

#[test]
fn missing_permission_on_a_mutation_is_a_forbidden_mutation_error() {
    let mut w = World::new();
    w.perms.remove("customer:edit");
    let r = w.upsert(json!({"emailAddress": "a@example.com"}), on_create("A", "a@example.com"), json!({}));
    assert_eq!(
        r,
        json!({"result": null, "customer": null, "error": {
            "message": "Insufficient permissions, missing \"customer:edit\".", "type": "FORBIDDEN", "code": "forbidden", "fields": []}})
    );
    assert_eq!(w.store.customer_count(), 0);
}

#[test]
fn missing_permission_on_a_query_is_a_forbidden_field_error() {
    let mut w = World::new();
    w.add_customer("A", "a@example.com");
    w.perms.clear();
    let r = w.run("{ customerByEmail(email: \"a@example.com\") { id } }", json!({}));
    assert_eq!(r["data"], json!({"customerByEmail": null}));
    assert_eq!(r["errors"][0]["message"], "Insufficient permissions, missing \"customer:read\".");
    assert_eq!(r["errors"][0]["extensions"]["code"], "FORBIDDEN");
    assert_eq!(r["errors"][0]["path"], json!(["customerByEmail"]));
    assert!(r["errors"][0]["locations"].is_array());
    // customers is non-null: the whole data becomes null.
    let r = w.run("{ customers { totalCount } }", json!({}));
    assert_eq!(r["data"], Value::Null);
    assert_eq!(r["errors"][0]["extensions"]["code"], "FORBIDDEN");
}

#[test]
fn variable_coercion_error_is_a_request_error() {
    let mut w = World::new();
    let r = w.run("query($id: ID!) { customer(customerId: $id) { id } }", json!({}));
    assert!(r.get("data").is_none(), "{r}");
    assert_eq!(r["errors"].as_array().unwrap().len(), 1);
    assert_eq!(r["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    assert!(r["errors"][0]["message"].as_str().unwrap().contains("id"), "{r}");
    let r = w.run("query($n: Int) { customers(first: $n) { totalCount } }", json!({"n": "ten"}));
    assert!(r.get("data").is_none(), "{r}");
    assert_eq!(r["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
}

#[test]
fn unknown_operation_name_is_a_request_error() {
    let doc = ExecutableDocument::parse_and_validate(schema(), "query A { __typename } query B { __typename }", "op.graphql").unwrap();
    let store = Mutex::new(Store::new());
    let perms = BTreeSet::new();
    let caller = Caller {
        permissions: &perms,
        actor_id: "mu",
    };
    let r = execute(schema(), &doc, Some("C"), &Map::new(), &store, &caller);
    assert_eq!(r["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
    assert!(r.get("data").is_none());
    let r = execute(schema(), &doc, Some("B"), &Map::new(), &store, &caller);
    assert_eq!(r, json!({"data": {"__typename": "Query"}}));
}

#[test]
fn unimplemented_mutations_say_so() {
    let mut w = World::new();
    let q = "mutation { replyToThread(input: {threadId: \"th_1\", textContent: \"hi\"}) { error { code type } } }";
    assert_eq!(w.ok(q, json!({}))["replyToThread"]["error"]["code"], "not_yet_implemented");
}

#[test]
fn required_permissions_follow_the_table() {
    assert_eq!(required_permissions("upsertCustomer"), ["customer:create", "customer:edit"]);
    assert_eq!(required_permissions("customers"), ["customer:read"]);
    assert_eq!(required_permissions("deleteCustomerGroup"), ["customerGroup:delete"]);
    assert!(required_permissions("somethingElse").is_empty());
    // Every root field of the schema resolves without an unknown-field error once allowed.
    for root in ["Query", "Mutation"] {
        let Some(ExtendedType::Object(def)) = schema().types.get(root) else {
            panic!("{root}")
        };
        for name in def.fields.keys() {
            let known = required_permissions(name).iter().all(|p| ALL.contains(p));
            assert!(known, "{name}");
        }
    }
}

/// A selection of every field of `type_name` down to `depth` levels, each field aliased by
/// type so that union members never conflict. Depth-bounded recursion (test only).
fn full_selection(type_name: &str, depth: usize) -> String {
    let mut out = String::from("__typename");
    match schema().types.get(type_name) {
        Some(ExtendedType::Object(def)) => {
            for (name, field) in &def.fields {
                if field.arguments.iter().any(|a| a.is_required()) {
                    continue;
                }
                let inner = field.ty.inner_named_type().as_str();
                match schema().types.get(inner) {
                    Some(ExtendedType::Scalar(_) | ExtendedType::Enum(_)) => out.push_str(&format!(" {type_name}_{name}: {name}")),
                    Some(_) if depth > 0 => {
                        out.push_str(&format!(" {type_name}_{name}: {name} {{ {} }}", full_selection(inner, depth - 1)));
                    }
                    _ => {}
                }
            }
        }
        Some(ExtendedType::Union(def)) => {
            for member in &def.members {
                out.push_str(&format!(" ... on {} {{ {} }}", member.name, full_selection(&member.name, depth)));
            }
        }
        _ => {}
    }
    out
}

/// Every selectable field resolves to a value of the right shape: no errors at all.
#[test]
fn every_field_resolves() {
    let mut w = World::new();
    w.store
        .seed(
            &json!({"customers": [{"fullName": "Seeded", "email": "seed@example.com", "isVerified": true}],
            "customerGroups": [{"name": "VIP", "key": "vip", "color": "#f00", "externalId": "g-vip"}]}),
        )
        .unwrap();
    let c = w.add_customer("Ada", "ada@example.com");
    let tenant = format!(
        "mutation {{ upsertTenant(input: {{identifier: {{externalId: \"t1\"}}, name: \"T\", externalId: \"t1\"}}) {{ {} }} }}",
        full_selection("UpsertTenantOutput", 6)
    );
    assert_eq!(w.ok(&tenant, json!({}))["upsertTenant"]["UpsertTenantOutput_result"], "CREATED");
    let set = "mutation($c: ID!) { setCustomerTenants(input: {customerIdentifier: {customerId: $c}, tenantIdentifiers: [{externalId: \"t1\"}]}) { error { code } } }";
    assert_eq!(w.ok(set, json!({"c": c}))["setCustomerTenants"]["error"], Value::Null);
    let company = "mutation($c: ID!) { updateCustomerCompany(input: {customerId: $c, companyIdentifier: {companyDomainName: \"https://acme.io\"}}) { error { code } } }";
    assert_eq!(w.ok(company, json!({"c": c}))["updateCustomerCompany"]["error"], Value::Null);
    let add = format!(
        "mutation($c: ID!) {{ addCustomerToCustomerGroups(input: {{customerId: $c, customerGroupIdentifiers: [{{externalId: \"g-vip\"}}]}}) {{ {} }} }}",
        full_selection("AddCustomerToCustomerGroupsOutput", 5)
    );
    w.ok(&add, json!({"c": c}));
    w.ok(
        "mutation($c: ID!) { markCustomerAsSpam(input: {customerId: $c}) { error { code } } }",
        json!({"c": c}),
    );

    let customers = format!("{{ customers(first: 5) {{ {} }} }}", full_selection("CustomerConnection", 7));
    let d = w.ok(&customers, json!({}));
    assert_eq!(d["customers"]["CustomerConnection_totalCount"], 2);
    let ada = &d["customers"]["CustomerConnection_edges"][1]["CustomerEdge_node"];
    assert_eq!(ada["Customer_company"]["Company_domainName"], "acme.io");
    let memberships = &ada["Customer_customerGroupMemberships"]["CustomerGroupMembershipConnection_edges"];
    assert_eq!(
        memberships[0]["CustomerGroupMembershipEdge_node"]["CustomerGroupMembership_customerGroup"]["CustomerGroup_key"],
        "vip"
    );
    let tenants = &ada["Customer_tenantMemberships"]["CustomerTenantMembershipConnection_edges"];
    assert_eq!(
        tenants[0]["CustomerTenantMembershipEdge_node"]["CustomerTenantMembership_tenant"]["Tenant_source"],
        "API"
    );
    assert_eq!(ada["Customer_identities"][0]["__typename"], "EmailCustomerIdentity");

    let others = format!(
        "{{ customerGroups {{ {} }} searchCustomers(searchQuery: {{or: [{{fullName: {{caseInsensitiveContains: \"a\"}}}}]}}) {{ {} }} }}",
        full_selection("CustomerGroupConnection", 5),
        full_selection("CustomerSearchConnection", 4)
    );
    w.ok(&others, json!({}));

    let all_components = json!([
        {"componentText": {"text": "t", "textSize": "S", "textColor": "MUTED"}},
        {"componentPlainText": {"plainText": "p"}},
        {"componentDivider": {"spacingSize": "L"}},
        {"componentLinkButton": {"linkButtonUrl": "https://plain.com", "linkButtonLabel": "Open"}},
        {"componentWorkflowButton": {"workflowButtonWorkflowIdentifier": {"workflowKey": "wf"}, "workflowButtonLabel": "Run"}},
        {"componentSpacer": {}},
        {"componentBadge": {"badgeLabel": "b"}},
        {"componentCopyButton": {"copyButtonValue": "v", "copyButtonTooltipLabel": "copy"}},
        {"componentDateTime": {"dateTimeIso8601": "2024-05-01T12:00:00Z"}},
        {"componentUser": {"userIdentifier": {"userId": "u_1"}}},
        {"componentRow": {"rowMainContent": [{"componentText": {"text": "main"}}], "rowAsideContent": [{"componentBadge": {"badgeLabel": "side"}}]}}
    ]);
    let event = format!(
        "mutation($i: CreateCustomerEventInput!) {{ createCustomerEvent(input: $i) {{ {} }} }}",
        full_selection("CreateCustomerEventOutput", 5)
    );
    let d = w.ok(
        &event,
        json!({"i": {"customerIdentifier": {"customerId": c}, "title": "All", "components": all_components}}),
    );
    let out = &d["createCustomerEvent"];
    assert_eq!(out["CreateCustomerEventOutput_error"], Value::Null);
    let components = out["CreateCustomerEventOutput_customerEvent"]["CustomerEvent_components"]
        .as_array()
        .unwrap();
    let types: Vec<&str> = components.iter().map(|c| c["__typename"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "ComponentText",
            "ComponentPlainText",
            "ComponentDivider",
            "ComponentLinkButton",
            "ComponentWorkflowButton",
            "ComponentSpacer",
            "ComponentBadge",
            "ComponentCopyButton",
            "ComponentDateTime",
            "ComponentUser",
            "ComponentRow"
        ]
    );
    assert_eq!(components[5]["ComponentSpacer_spacerSize"], "M");
    assert_eq!(components[2]["ComponentDivider_dividerSpacingSize"], "L");
    assert_eq!(
        components[8]["ComponentDateTime_dateTimeIso8601"]["DateTime_iso8601"],
        "2024-05-01T12:00:00.000Z"
    );
    assert_eq!(
        components[10]["ComponentRow_rowAsideContent"][0]["ComponentBadge_badgeLabel"],
        "side"
    );

    let upsert = format!(
        "mutation {{ upsertCustomer(input: {{identifier: {{emailAddress: \"ada@example.com\"}}, onCreate: {{fullName: \"x\", email: {{email: \"ada@example.com\", isVerified: true}}}}, onUpdate: {{}}}}) {{ {} }} }}",
        full_selection("UpsertCustomerOutput", 4)
    );
    assert_eq!(w.ok(&upsert, json!({}))["upsertCustomer"]["UpsertCustomerOutput_result"], "NOOP");
    let del = format!(
        "mutation {{ deleteCustomer(input: {{customerId: \"c_x\"}}) {{ {} }} }}",
        full_selection("DeleteCustomerOutput", 3)
    );
    assert_eq!(
        w.ok(&del, json!({}))["deleteCustomer"]["DeleteCustomerOutput_error"]["MutationError_code"],
        "not_found"
    );
}
