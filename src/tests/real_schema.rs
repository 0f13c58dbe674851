//! Plain's full public schema as a real-world input, and the subset check.

use super::full_schema_path;
use crate::compat::compat;
use crate::contract::{GraphqlSchema, EMBEDDED_SCHEMA};
use crate::input::read::read_source;
use crate::source::Source;

fn full() -> Option<GraphqlSchema> {
    let path = full_schema_path()?;
    Some(GraphqlSchema::load(read_source(&path).expect("readable")).expect("the full schema loads with zero diagnostics"))
}

#[test]
fn full_schema_loads_with_zero_diagnostics() {
    let Some(full) = full() else { return };
    assert!(full.schema.types.len() > 1000, "{} types", full.schema.types.len());
}

#[test]
fn embedded_schema_is_a_faithful_subset() {
    let Some(full) = full() else { return };
    let sub = GraphqlSchema::load(Source::new("specs/plain-support-schema.graphql", EMBEDDED_SCHEMA)).unwrap();
    let diags = compat(&sub, &full);
    assert!(diags.is_empty(), "{diags:#?}");
    for t in [
        "UpsertCustomerIdentifierInput",
        "CustomerIdentifierInput",
        "CustomerGroupIdentifier",
        "TenantIdentifierInput",
    ] {
        assert!(sub.is_one_of(t), "{t} carries @oneOf");
    }
}

/// Each kind of mismatch is found, at the subset's definition.
#[test]
fn compat_reports_each_mismatch() {
    let Some(full) = full() else { return };
    let cases: &[(&str, &str, &str, &str)] = &[
        ("fullName: String!", "fullName: String", "GS011", "Customer.fullName"),
        (
            "  fullName: String!\n  \"Informal",
            "  fullName: String!\n  nickName: String\n  \"Informal",
            "GS011",
            "Customer.nickName",
        ),
        ("  CREATED\n", "  CREATED\n  MERGED\n", "GS013", "UpsertResult.MERGED"),
        ("type Query {", "type Nope { a: Int }\ntype Query {", "GS010", "Nope"),
    ];
    for (old, new, code, coord) in cases {
        assert!(EMBEDDED_SCHEMA.contains(old), "fixture text {old:?} is in the schema");
        let text = EMBEDDED_SCHEMA.replacen(old, new, 1);
        let sub = GraphqlSchema::load(Source::new("sub.graphql", text)).unwrap();
        let diags = compat(&sub, &full);
        assert!(
            diags
                .iter()
                .any(|d| d.code.as_str() == *code && d.pointer.as_deref() == Some(coord)),
            "{code} at {coord}: {diags:#?}"
        );
    }
    // Dropping a required input field of the full schema.
    let text = EMBEDDED_SCHEMA.replacen(
        "  \"How to find an existing customer.\"\n  identifier: UpsertCustomerIdentifierInput!\n",
        "",
        1,
    );
    let sub = GraphqlSchema::load(Source::new("sub.graphql", text)).unwrap();
    let diags = compat(&sub, &full);
    assert!(
        diags
            .iter()
            .any(|d| d.code.as_str() == "GS012" && d.pointer.as_deref() == Some("UpsertCustomerInput.identifier")),
        "{diags:#?}"
    );
}
