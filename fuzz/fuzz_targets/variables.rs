//! Differential: our variables walker against apollo-compiler's
//! `coerce_variable_values` on arbitrary `input` variables for the
//! upsertCustomer operation. Both must accept or both reject, except where
//! our only errors are `@oneOf` ones (GV009), which apollo-compiler 1.x does
//! not enforce (the same rule as tests/integration/agreement.rs).
#![no_main]
mod common;
mod json_gen;

use apollo_compiler::response::JsonMap;
use plain_contract::__private::check::{operation, variables};
use plain_contract::__private::node::{self, Syntax};
use plain_contract::__private::source::Source;

const QUERY: &str = "mutation Upsert($input: UpsertCustomerInput!) { upsertCustomer(input: $input) { result customer { id } error { message } } }";
const NAMES: &[&str] = &[
    "input", "identifier", "emailAddress", "externalId", "customerId", "onCreate", "onUpdate", "fullName",
    "shortName", "email", "isVerified", "value", "customerGroupIdentifiers", "customerGroupKey",
    "customerGroupId", "tenantIdentifiers", "tenantId", "companyIdentifier", "companyDomainName",
    "companyId", "avatarUrl", "legacyId",
];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(input) = json_gen::value(&mut u, NAMES, 5) else { return };
    let body = serde_json::json!({ "query": QUERY, "variables": { "input": input } });
    let text = body.to_string();
    let src = Source::new("fuzz.json", text.as_str());
    let Ok(root) = node::parse(&src, Syntax::Json) else { return };
    let schema = plain_contract::__private::contract_parts(common::checker().contract()).1;
    let analysis = operation::analyze(schema, QUERY);
    let doc = analysis.doc.as_ref().expect("the upsertCustomer operation is valid");
    let op = doc.operations.get(None).expect("one operation");
    let vars = root.get("variables");
    let ours = variables::check_variables(schema, op, vars, &root, "/variables", &src);
    common::positions_inside("fuzz.json", &text, &plain_contract::Outcome::from(ours.clone()));
    let errors: Vec<&str> = ours.iter().filter(|d| d.is_error()).map(|d| d.code.as_str()).collect();
    let ours_accept = errors.iter().all(|c| *c == "GV009");
    let map: JsonMap = serde_json::from_value(body["variables"].clone()).expect("an object");
    let apollo = apollo_compiler::request::coerce_variable_values(&schema.schema, op, &map);
    assert_eq!(ours_accept, apollo.is_ok(), "ours: {errors:?}, apollo: {:?}\n{text}", apollo.err().map(|e| e.message().to_string()));
});
