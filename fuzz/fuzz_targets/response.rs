//! Structure-aware: arbitrary `data` (keys mostly from the selection) and
//! `errors` as the response to a fixed operation, through the GraphQL
//! response checker. No panic; every finding inside the input.
#![no_main]
mod common;
mod json_gen;

use plain_contract::__private::check::{operation, response};
use plain_contract::__private::node::{self, Syntax};
use plain_contract::__private::source::Source;

const QUERY: &str = "query Customers($first: Int) { customers(first: $first) { totalCount edges { cursor node { __typename id fullName email { email isVerified } externalId updatedAt { iso8601 } customerGroupMemberships { edges { node { customerGroup { key name } } } } } } pageInfo { hasNextPage endCursor } } }";
const NAMES: &[&str] = &[
    "data", "errors", "message", "path", "locations", "line", "column", "extensions", "customers",
    "totalCount", "edges", "cursor", "node", "__typename", "Customer", "id", "fullName", "email",
    "isVerified", "externalId", "updatedAt", "iso8601", "customerGroupMemberships", "customerGroup",
    "key", "name", "pageInfo", "hasNextPage", "endCursor",
];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(body) = json_gen::value(&mut u, NAMES, 7) else { return };
    let text = body.to_string();
    let src = Source::new("fuzz.json", text.as_str());
    let Ok(root) = node::parse(&src, Syntax::Json) else { return };
    let schema = plain_contract::__private::contract_parts(common::checker().contract()).1;
    let analysis = operation::analyze(schema, QUERY);
    let doc = analysis.doc.as_ref().expect("the operation is valid");
    let op = doc.operations.get(None).expect("one operation");
    let executed = response::Executed { doc, operation: op, variables: None };
    let found = response::check_response(schema, Some(&executed), &root, &src, "");
    common::positions_inside("fuzz.json", &text, &plain_contract::Outcome::from(found));
});
