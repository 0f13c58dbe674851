//! The vendored apollo-compiler's fragment tapes (vendor/apollo-compiler/PATCHES.md).
//! Validating a document validates each fragment definition once, not once
//! per operation that spreads it, and replays what it found for the other
//! operations. Here each document is validated both ways (upstream's, with
//! the tapes switched off) and must give the same findings, rendered, in
//! the same order: documents written to reach each way a replay could go
//! wrong, every permutation of their operations, and Plain's SDK operations
//! with their fragments in one document.
//!
//! One test function: the switch is process-wide, and this is the only test
//! that turns it off (every other test gets the same findings either way,
//! which is what this test checks).

use apollo_compiler::validation::Valid;
use apollo_compiler::Schema;
use std::path::Path;

const SCHEMA: &str = r#"
type Query {
  customer(id: ID!, note: String): Customer
  customers(first: Int, filter: Filter): [Customer!]!
  node(id: ID!): Node
}
interface Node { id: ID! }
type Customer implements Node {
  id: ID!
  name(upper: Boolean): String!
  email: Email
  group: Group
  events(first: Int): [Event!]!
}
type Email { address: String! isVerified: Boolean! }
type Group implements Node { id: ID! key: String! customers(first: Int): [Customer!]! }
union Event = Note | Call
type Note { id: ID! text: String! }
type Call { id: ID! minutes: Int! text: Int }
input Filter { name: String, groups: [ID!] }
"#;

/// Operations and fragments that exercise the tapes: shared fragments with
/// and without findings of their own, nested spreads met in different orders
/// by different operations, fragments that name variables (defined by one
/// operation, not by another; in arguments, nested lists and objects, and in
/// directives of fields, inline fragments and spreads), cycles, spreads of
/// undefined fragments, spreads on types they cannot apply to, unknown type
/// conditions, and a fragment spread twice in one operation.
const PARTS: &[&str] = &[
    "query A($first: Int) { customers(first: $first) { ...CustomerFields ...Named } }",
    "query B { customer(id: \"1\") { ...Named ...CustomerFields ...Named } }",
    "query C($upper: Boolean) { node(id: \"n\") { ...Upper ...GroupFields } }",
    "query D { customers { ...Upper ...WithEvents } }",
    "query E($g: ID!) { customers(filter: { groups: [$g] }) { ...ByGroup } node(id: $g) { ...Cyclic } }",
    "query F { customers { ...ByGroup ...Missing ...Broken } }",
    "query G($skip: Boolean!) { customers { ...Skipped ...WithEvents } }",
    "fragment CustomerFields on Customer { id email { address nope } group { ...GroupFields } }",
    "fragment Named on Customer { name ...Deep }",
    "fragment Deep on Customer { email { isVerified } group { key ...GroupFields } events(first: \"x\") { ...EventFields } }",
    "fragment GroupFields on Group { id key missingField customers(first: 2) { ...Named } }",
    "fragment Upper on Customer { name(upper: $upper) ...on Customer { id } }",
    "fragment WithEvents on Customer { events { ...EventFields ... on Call { minutes } } ...GroupFields }",
    "fragment EventFields on Event { ... on Note { id text } ... on Call { id text } ... on Group { key } }",
    "fragment ByGroup on Customer { group @include(if: true) { customers { ...Named } } ...Cyclic }",
    "fragment Cyclic on Node { id ... on Customer { ...Loop } }",
    "fragment Loop on Customer { group { ...Cyclic } }",
    "fragment Broken on NoSuchType { id ...Named }",
    "fragment Skipped on Customer { id @skip(if: $skip) ...Named @include(if: $skip) email @include(if: $undefined) { address } }",
];

fn findings(schema: &Valid<Schema>, text: &str, tapes: bool) -> String {
    apollo_compiler::validation::set_fragment_tapes(tapes);
    let found = match apollo_compiler::ast::Document::parse(text, "doc.graphql") {
        Ok(ast) => match ast.to_executable_validate(schema) {
            Ok(_) => String::new(),
            Err(e) => e.errors.to_string(),
        },
        Err(e) => format!("syntax: {}", e.errors),
    };
    apollo_compiler::validation::set_fragment_tapes(true);
    found
}

fn same_both_ways(schema: &Valid<Schema>, text: &str, what: &str) -> usize {
    let upstream = findings(schema, text, false);
    let taped = findings(schema, text, true);
    assert_eq!(taped, upstream, "{what}: the tapes changed the findings of\n{text}");
    upstream.matches("Error:").count()
}

/// Every order of `ops`, each in a document with every fragment (Heap's
/// algorithm).
fn permutations(ops: &mut [&'static str], k: usize, out: &mut Vec<Vec<&'static str>>) {
    if k <= 1 {
        out.push(ops.to_vec());
        return;
    }
    for i in 0..k {
        permutations(ops, k - 1, out);
        if k.is_multiple_of(2) {
            ops.swap(i, k - 1);
        } else {
            ops.swap(0, k - 1);
        }
    }
}

#[test]
fn fragment_tapes_give_upstreams_findings_in_upstreams_order() {
    let schema = Schema::parse_and_validate(SCHEMA, "schema.graphql").expect("the test schema is valid");
    let fragments: Vec<&str> = PARTS.iter().copied().filter(|p| p.starts_with("fragment")).collect();

    // All operations at once: the tapes are made by the first operation that
    // spreads a fragment and replayed by the others.
    let all = PARTS.join("\n");
    let errors = same_both_ways(&schema, &all, "every operation");
    assert!(errors > 20, "the document is meant to have findings of most kinds: {errors}");

    // Each order of five operations (120 documents), so that each fragment
    // is recorded under each and replayed under the others, with nested
    // fragments already validated or not.
    let mut ops: Vec<&'static str> = PARTS.iter().copied().filter(|p| p.starts_with("query")).take(5).collect();
    let n = ops.len();
    let mut orders = Vec::new();
    permutations(&mut ops, n, &mut orders);
    assert_eq!(orders.len(), 120);
    for order in &orders {
        let text = format!("{}\n{}", order.join("\n"), fragments.join("\n"));
        same_both_ways(&schema, &text, "an order of five operations");
    }
    // Each pair of operations in both orders, and each operation twice (a
    // name defined twice is one more finding; its fragments are replayed).
    let all_ops: Vec<&str> = PARTS.iter().copied().filter(|p| p.starts_with("query")).collect();
    for a in &all_ops {
        for b in &all_ops {
            let text = format!("{a}\n{b}\n{}", fragments.join("\n"));
            same_both_ways(&schema, &text, "a pair of operations");
        }
    }

    // Plain's SDK: its operations and fragments (fragments apart, as the
    // package lays them out) in one document, against Plain's schema.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let layout = root.join("target/plain-sdk/layout/graphql");
    if !layout.is_dir() {
        eprintln!("SKIPPED (the SDK part): target/plain-sdk/layout is absent; benches/sdk/fetch.sh makes it (npm)");
        return;
    }
    let plain = std::fs::read_to_string(root.join("specs/plain-schema.graphql")).expect("specs/plain-schema.graphql");
    let plain = Schema::parse_and_validate(plain, "plain-schema.graphql").expect("Plain's schema is valid");
    let mut files: Vec<_> = walk(&layout);
    files.sort();
    let text: String = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable SDK file") + "\n")
        .collect();
    let errors = same_both_ways(&plain, &text, "Plain's SDK operations");
    assert!(errors > 100, "the SDK's operations against this schema have findings: {errors}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("readable folder").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "graphql") {
            out.push(p);
        }
    }
    out
}
