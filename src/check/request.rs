//! One GraphQL request body (an OpenAPI example, or a request file) checked
//! against both layers, in order: the OpenAPI request schema (jsonschema), the
//! GraphQL document (apollo-compiler), the operationName rules (GraphQL spec
//! §6.1 GetOperation), then the variables (§6.1.2, our walker).

use super::operation::{relocate, OpCache};
use super::variables::check_variables;
use crate::contract::{GraphqlSchema, OpenApi};
use crate::diagnostic::{Code, Diagnostic};
use crate::node::{push_token, Node, Value};
use crate::source::Source;

/// Checks a request body located at `base` (a JSON pointer) in `source`.
pub fn check_request(
    openapi: &OpenApi,
    schema: &GraphqlSchema,
    cache: &OpCache,
    source: &Source,
    body: &Node,
    base: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = |n: &Node, code: Code, msg: String, ptr: &str| Diagnostic::at(code, msg, source, n.start, n.len).with_pointer(ptr);

    // 1. The transport layer's request schema.
    if let Some(schema) = openapi.graphql.as_ref().and_then(|g| g.request_schema.as_ref()) {
        out.extend(super::http::schema_errors(
            openapi,
            schema,
            body,
            source,
            base,
            Code::RequestBodySchema,
            "request body does not match the OpenAPI request schema",
        ));
    }

    // 2. The GraphQL document.
    let Some(query_node) = body.get("query") else { return out };
    let Some(query) = query_node.as_str() else { return out };
    let query_ptr = push_token(base, "query");
    let analysis = cache.get(schema, query);
    for f in &analysis.findings {
        out.push(relocate(f.clone(), source, query_node, query, &query_ptr));
    }

    // 3. operationName (GetOperation).
    let name_node = body.get("operationName").filter(|n| n.value != Value::Null);
    let name_ptr = push_token(base, "operationName");
    let wanted = name_node.and_then(Node::as_str);
    if analysis.operations.is_empty() {
        // `analyze` reported why (a syntax error, or GQ005).
        return out;
    }
    match (wanted, name_node) {
        (Some(name), Some(n)) => {
            if !analysis.operations.iter().any(|o| o.as_deref() == Some(name)) {
                let names: Vec<&str> = analysis.operations.iter().filter_map(|o| o.as_deref()).collect();
                let mut d = at(
                    n,
                    Code::OperationNameUnknown,
                    format!("operationName `{name}` names no operation of the document"),
                    &name_ptr,
                );
                if !names.is_empty() {
                    d = d.with_note(format!("the document defines: {}", names.join(", ")));
                }
                out.push(d);
                return out;
            }
        }
        _ => {
            if analysis.operations.len() > 1 {
                out.push(at(
                    body,
                    Code::OperationNameRequired,
                    format!(
                        "the document holds {} operations; `operationName` must say which to run",
                        analysis.operations.len()
                    ),
                    &name_ptr,
                ));
                return out;
            }
        }
    }

    // 4. Variables, only against a valid document.
    let Some(doc) = &analysis.doc else { return out };
    let Ok(op) = doc.operations.get(wanted) else { return out };
    let vars = body.get("variables");
    out.extend(check_variables(schema, op, vars, body, &push_token(base, "variables"), source));
    out
}
