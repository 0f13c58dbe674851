//! One GraphQL request body (an OpenAPI example, a request file, a recorded
//! exchange's request) checked against both layers, in order: the OpenAPI
//! request schema (jsonschema), the GraphQL document (apollo-compiler), the
//! operationName rules (GraphQL spec §6.1 GetOperation), then the variables
//! (§6.1.2, our walker).
//!
//! Two views of one body. A server stops at the first failing step (§6.1:
//! an invalid document is not executed, so its variables are not coerced):
//! [`check_request`], which `serve` answers with. A check reports every
//! fault in one run: [`check_body`] runs the variables, Plain's rules (PL005,
//! PL008) and deprecations (GQ006) on what of an invalid document still
//! resolves against the schema ([`super::operation::Analysis::partial`]), as project documents
//! do, so an unknown field does not hide a page size out of range, nor an
//! unused variable a deprecated field. It is the one request check of every
//! input kind (request files, OpenAPI examples, fixtures, HAR, NDJSON).

use super::operation::{embedded_offset, relocate, OpCache};
use super::variables::check_variables;
use super::{deprecation, plain};
use crate::contract::{Contract, GraphqlSchema, OpenApi};
use crate::diagnostic::{Code, Diagnostic};
use crate::node::{push_token, Node, Value};
use crate::source::Source;

/// Checks a request body located at `base` (a JSON pointer) in `source` as
/// a server sees it: the variables only against a valid document.
pub fn check_request(
    openapi: &OpenApi,
    schema: &GraphqlSchema,
    cache: &OpCache,
    source: &Source,
    body: &Node,
    base: &str,
) -> Vec<Diagnostic> {
    request_layers(openapi, schema, cache, source, body, base, false)
}

/// Checks a request body with every pass (see the module docs): the layers
/// of [`check_request`], the variables even against an invalid document,
/// then Plain's request rules and deprecations.
pub(crate) fn check_body(contract: &Contract, cache: &OpCache, source: &Source, body: &Node, base: &str) -> Vec<Diagnostic> {
    let schema = &contract.schema;
    let mut found = request_layers(&contract.openapi, schema, cache, source, body, base, true);
    // One fault, one finding: a variable that already fails coercion (an
    // Int out of range, say) is not also a page size out of range. (Findings
    // in the query text all point at `/query`: those are distinct faults.)
    let query_ptr = push_token(base, "query");
    let rules: Vec<Diagnostic> = request_rules(schema, cache, source, body, base)
        .into_iter()
        .filter(|r| {
            r.pointer.as_deref() == Some(query_ptr.as_str())
                || !found.iter().any(|d| d.is_error() && d.pointer.is_some() && d.pointer == r.pointer)
        })
        .collect();
    found.extend(rules);
    found
}

/// Plain's request rules (PL005, PL008) and deprecations on the operation a
/// body executes, valid or as far as it resolves.
fn request_rules(schema: &GraphqlSchema, cache: &OpCache, src: &Source, body: &Node, base: &str) -> Vec<Diagnostic> {
    let Some(qn) = body.get("query") else { return Vec::new() };
    let Some(text) = qn.as_str() else { return Vec::new() };
    let analysis = cache.get(schema, text);
    let Some(doc) = analysis.resolved() else { return Vec::new() };
    let name = body.get("operationName").and_then(Node::as_str);
    let Ok(op) = doc.operations.get(name) else { return Vec::new() };
    let vars = body.get("variables").filter(|v| v.members().is_some());
    let vars_ptr = push_token(base, "variables");
    let q = plain::QueryText {
        node: qn,
        text,
        pointer: push_token(base, "query"),
    };
    let mut out = plain::check_request(schema, doc, op, vars, &vars_ptr, &q, src);
    for u in deprecation::in_operation(&schema.schema, doc, op) {
        let at = embedded_offset(src, qn, text, u.offset);
        out.push(
            u.diagnostic(src, at)
                .with_pointer(&q.pointer)
                .with_note(format!("schema coordinate: {}", u.coordinate)),
        );
    }
    if let Some(v) = vars {
        out.extend(deprecation::in_variables(&schema.schema, op, v, &vars_ptr, src));
    }
    out
}

fn request_layers(
    openapi: &OpenApi,
    schema: &GraphqlSchema,
    cache: &OpCache,
    source: &Source,
    body: &Node,
    base: &str,
    every_pass: bool,
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

    // 4. Variables: against a valid document, or with every pass against
    // what of an invalid one resolves (a variable of an unknown type is
    // left out there: its definition already has its finding).
    let doc = if every_pass { analysis.resolved() } else { analysis.doc.as_ref() };
    let Some(doc) = doc else { return out };
    let Ok(op) = doc.operations.get(wanted) else { return out };
    let vars = body.get("variables");
    out.extend(check_variables(schema, op, vars, body, &push_token(base, "variables"), source));
    out
}
