//! Cross-spec lint of the OpenAPI document: does the transport layer model
//! GraphQL over HTTP faithfully? Each rule tests the compiled schemas with
//! inputs the GraphQL spec allows, rather than pattern-matching the YAML, so
//! any way of writing a correct schema passes.

use crate::contract::OpenApi;
use crate::diagnostic::{Code, Diagnostic};
use serde_json::json;

/// Runs every lint rule.
pub(crate) fn lint(api: &OpenApi) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(op) = &api.graphql else {
        let (ptr, msg) = match api.post_candidates.first() {
            Some(p) => (p.as_str(), "this POST request body is not GraphQLRequest-shaped (a required string `query`, optional `variables` object and `operationName` string)"),
            None => ("/paths", "no POST operation with an application/json request body: GraphQL requests are not modelled"),
        };
        out.push(api.diag(Code::LintNoGraphqlOperation, msg, ptr));
        return out;
    };
    // OA013: Bearer authentication.
    if !op.bearer {
        let ptr = if api.node(&format!("{}/security", op.pointer)).members().is_some()
            || api.root.pointer_deepest(&format!("{}/security", op.pointer)).1
        {
            format!("{}/security", op.pointer)
        } else {
            op.pointer.clone()
        };
        out.push(api.diag(
            Code::LintNoBearer,
            format!("POST {} is not secured by an HTTP Bearer security scheme", op.path),
            &ptr,
        ));
    }
    // OA012 and OA011: the 200 response and its error items.
    let ok = op
        .responses
        .iter()
        .find(|r| r.status == "200" || r.status.eq_ignore_ascii_case("2XX"));
    match ok {
        None => out.push(api.diag(
            Code::LintNo200,
            format!("POST {} documents no 200 response", op.path),
            &format!("{}/responses", op.pointer),
        )),
        Some(r) => match &r.schema {
            None => out.push(api.diag(Code::LintNo200, "the 200 response has no application/json body schema", &r.pointer)),
            Some(schema) => {
                // GraphQL spec §7.1.2: message, locations [{line, column}], path of
                // field names and list indices, extensions map.
                let sample = json!({
                    "data": null,
                    "errors": [{
                        "message": "Cannot return null for non-nullable field Customer.fullName.",
                        "locations": [{"line": 3, "column": 5}],
                        "path": ["customers", "edges", 0, "node", "fullName"],
                        "extensions": {"code": "INTERNAL_SERVER_ERROR"}
                    }]
                });
                let sample_node = crate::node::Node::from_json(&sample);
                for e in schema.validator.iter_errors(&sample_node) {
                    let inst = e.instance_path().to_string();
                    let ptr = api.schema_path_to_pointer(schema, &e.schema_path().to_string());
                    let value = sample.pointer(&inst).map(|v| v.to_string()).unwrap_or_default();
                    out.push(
                        api.diag(
                            Code::LintGraphqlErrorShape,
                            format!("the 200 response schema rejects a GraphQL error the spec allows: {value} at {inst}: {e}"),
                            &ptr,
                        )
                        .with_note("GraphQL spec §7.1.2: `path` holds field names (strings) and list indices (integers)")
                        .with_note(format!("rejected sample: {}", sample["errors"][0])),
                    );
                }
            }
        },
    }
    out
}
