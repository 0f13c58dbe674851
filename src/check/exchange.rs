//! One recorded exchange checked against both layers and Plain's rules:
//!
//! 1. request, OpenAPI layer: method, path, Bearer credential, Content-Type
//!    ([`super::http`]), then the body against the request schema;
//! 2. request, GraphQL layer: document, operationName, variables, PL005,
//!    PL008 and deprecations, every pass even after a validation error (as
//!    for request files, [`super::request::check_body`]);
//! 3. response, OpenAPI layer: a documented status, its Content-Type, the
//!    body against that status's schema;
//! 4. response, GraphQL layer: the response map, `errors`, and `data` against
//!    the executed operation ([`super::response`]);
//! 5. Plain's payload and status rules ([`super::plain`]).
//!
//! A request that breaks the contract is reported whatever the response;
//! [`super::verdict`] notes a documented rejection on its findings, adds a
//! second error when the server accepted it, and checks negative exchanges
//! (`expect: rejected`) the other way round.

use super::operation::{embedded_offset, OpCache};
use super::{http, plain, request, response};
use crate::contract::Contract;
use crate::diagnostic::{Code, Diagnostic};
use crate::exchange::{Body, Exchange};
use crate::node::{self, Node, Syntax};
use crate::settings::Settings;
use crate::source::Source;
use std::sync::Arc;

/// A body ready for checking: recorded as data, or parsed from its text.
enum Parsed<'a> {
    None,
    /// A body that is there but cannot be read (base64); already reported.
    Opaque,
    Data(&'a Node, String),
    Text {
        root: Node,
        synthetic: Arc<Source>,
        string: &'a Node,
        text: &'a str,
        pointer: String,
    },
    /// Text that is not JSON, with the parser's finding (in the synthetic source).
    Broken(Diagnostic, &'a Node, &'a str, String),
}

impl<'a> Parsed<'a> {
    fn new(file: &Source, body: Body<'a>, pointer: &str) -> Parsed<'a> {
        match body {
            Body::None => Parsed::None,
            Body::Opaque => Parsed::Opaque,
            Body::Data(n) => Parsed::Data(n, pointer.to_string()),
            Body::Text(string, text) => {
                // A stream's first pass (an NDJSON line or a HAR entry read
                // without positions: the file's text is not at hand) only
                // asks whether there is anything to report; an exchange with
                // findings is checked again with positions. So its body is
                // read by serde_json, without positions; a body serde_json
                // refuses goes to the positioned parser, which says why.
                if file.text.is_empty() {
                    if let Ok(root) = serde_json::from_str::<Node>(text) {
                        return Parsed::Text {
                            root,
                            synthetic: Source::new(file.path.clone(), ""),
                            string,
                            text,
                            pointer: pointer.to_string(),
                        };
                    }
                }
                let synthetic = Source::new(file.path.clone(), text);
                match node::parse(&synthetic, Syntax::Json) {
                    Ok(root) => Parsed::Text {
                        root,
                        synthetic,
                        string,
                        text,
                        pointer: pointer.to_string(),
                    },
                    Err(d) => Parsed::Broken(d, string, text, pointer.to_string()),
                }
            }
        }
    }

    /// The body node, the source its spans are in, and the pointer prefix.
    fn view(&self, file: &'a Source) -> Option<(&Node, &Source, &str)> {
        match self {
            Parsed::Data(n, p) => Some((n, file, p.as_str())),
            Parsed::Text { root, synthetic, .. } => Some((root, synthetic, "")),
            _ => None,
        }
    }

    /// Places findings made in the view's source into the file.
    fn place(&self, file: &Source, ds: Vec<Diagnostic>) -> Vec<Diagnostic> {
        match self {
            Parsed::Text { string, text, pointer, .. } => ds.into_iter().map(|d| relocate(file, string, text, pointer, d)).collect(),
            _ => ds,
        }
    }
}

fn relocate(file: &Source, string: &Node, text: &str, pointer: &str, mut d: Diagnostic) -> Diagnostic {
    let off = embedded_offset(file, string, text, d.span.0);
    let at = file.line_col(off);
    d.file = file.path.clone();
    d.span = (off, d.span.1.min(1).max(usize::from(d.span.1 > 0)));
    d.line = at.line;
    d.column = at.column;
    d.pointer = Some(format!("{pointer}{}", d.pointer.as_deref().unwrap_or("")));
    d
}

fn not_json(file: &Source, d: Diagnostic, string: &Node, text: &str, pointer: &str, what: &str) -> Diagnostic {
    let mut d = relocate(file, string, text, pointer, d);
    d.code = Code::BodyNotJson;
    d.severity = Code::BodyNotJson.info().severity;
    d.message = format!("the {what} body is not JSON: {}", d.message);
    d.pointer = Some(pointer.to_string());
    d
}

/// Checks one exchange; returns every finding, placed in `file`. `settings`
/// are the run's (its accepted placeholder forms decide what is a credential).
pub(crate) fn check_exchange(contract: &Contract, cache: &OpCache, settings: &Settings, file: &Source, ex: &Exchange) -> Vec<Diagnostic> {
    let mut out = ex.findings.clone();
    // Provider states (`given:`): each setup request is checked as a request
    // with no recorded response.
    for g in &ex.given {
        let setup = Exchange {
            node: g.node,
            pointer: g.pointer.clone(),
            name: None,
            request: Some(g.clone()),
            response: None,
            findings: Vec::new(),
            expect: None,
            given: Vec::new(),
            matchers: Vec::new(),
            pact: None,
        };
        out.extend(check_exchange(contract, cache, settings, file, &setup));
    }
    let Some(op) = contract.openapi.graphql.as_ref() else {
        return out;
    };
    let schema = &contract.schema;
    let status = ex.response.as_ref().and_then(|r| r.status).map(|(s, _)| s);
    let resp_body = ex
        .response
        .as_ref()
        .map_or(Parsed::None, |r| Parsed::new(file, r.body, &r.body_pointer));
    let answer = super::verdict::Answer::of(status, resp_body.view(file).map(|(b, _, _)| b));

    // ---- request ----
    let mut executed = None;
    let req_body;
    let analysis;
    let mut req_out = Vec::new();
    if let Some(req) = &ex.request {
        req_body = Parsed::new(file, req.body, &req.body_pointer);
        let text_body = match &req_body {
            Parsed::Text { root, .. } => Some(root),
            _ => None,
        };
        let mut head = http::check_request(op, file, req, text_body, settings.placeholders());
        if ex.pact.is_some() {
            // A pact leaves the credential to the verifier (pact-js's
            // GraphQLPactV3 writes no header but Content-Type): a missing
            // Authorization is not a fault of the pact; a wrong scheme is.
            head.retain(|d| !(d.code == Code::AuthMissing && d.pointer.as_deref() == Some(req.pointer.as_str())));
        }
        req_out.extend(head);
        match &req_body {
            Parsed::None => req_out.push(
                Diagnostic::at(
                    Code::RequestBodySchema,
                    "the request has no body; the operation requires a GraphQLRequest",
                    file,
                    req.node.start,
                    req.node.len,
                )
                .with_pointer(&req.pointer),
            ),
            Parsed::Broken(d, s, t, p) => req_out.push(not_json(file, d.clone(), s, t, p, "request")),
            _ => {}
        }
        if let Some((body, src, base)) = req_body.view(file) {
            // Every pass, as for a request file: the same body gives the
            // same findings in either form (GQ006, PL005, PL008 included).
            let found = request::check_body(contract, cache, src, body, base);
            let query = body.get("query").and_then(Node::as_str);
            analysis = query.map(|t| cache.get(schema, t));
            // The response is checked against the operation executed, which
            // only a valid document is.
            if let Some(doc) = analysis.as_ref().and_then(|a| a.doc.as_ref()) {
                let name = body.get("operationName").and_then(Node::as_str);
                if let Ok(operation) = doc.operations.get(name) {
                    executed = Some(response::Executed {
                        doc,
                        operation,
                        variables: body.get("variables").filter(|v| v.members().is_some()),
                    });
                }
            }
            req_out.extend(req_body.place(file, found));
        }
    }
    // The request's findings enter the run's sink (its severity overrides)
    // before the verdict, so what follows from a request finding (HX011, a
    // negative exchange's verdict) follows from it as the user configured
    // it: a code turned off is no fault.
    let mut entered = crate::outcome::Outcome::for_run(settings);
    entered.extend(req_out);
    let req_out = entered.diagnostics;
    let method_fault = req_out.iter().any(|d| d.code == Code::HttpMethod);
    out.extend(super::verdict::apply(
        file,
        ex.expect.unwrap_or_default(),
        req_out,
        ex.request.as_ref(),
        ex.response.as_ref(),
        &answer,
        settings.provider(),
    ));

    // ---- response ----
    let Some(resp) = &ex.response else { return out };
    let Some(status) = status else { return out };
    // One fault, one finding: the 405 a method probe provoked is the answer
    // to the HX002 already reported, not an undocumented status of the operation.
    if status == 405 && method_fault {
        return out;
    }
    let spec = http::check_response_head(op, file, resp, settings.placeholders(), &mut out);
    let json_documented = spec.is_some_and(|s| s.media_types.iter().any(|m| m.ends_with("json")));
    if let Parsed::Broken(d, s, t, p) = &resp_body {
        if json_documented {
            out.push(not_json(file, d.clone(), s, t, p, "response"));
        }
    }
    let view = resp_body.view(file);
    if let (Some(spec), Parsed::None) = (spec, &resp_body) {
        if spec.schema.is_some() {
            out.push(
                Diagnostic::at(
                    Code::ResponseBodySchema,
                    format!("the {status} response has no body; its OpenAPI response documents a JSON body"),
                    file,
                    resp.node.start,
                    resp.node.len,
                )
                .with_pointer(&resp.pointer),
            );
        }
    }
    let mut found = Vec::new();
    if let (Some(spec), Some((body, src, base))) = (spec, view) {
        if let Some(schema_c) = &spec.schema {
            found.extend(http::schema_errors(
                &contract.openapi,
                schema_c,
                body,
                src,
                base,
                Code::ResponseBodySchema,
                &format!("the {status} response body does not match its OpenAPI schema"),
            ));
        }
        if json_documented {
            let transport: Vec<String> = found.iter().filter_map(|d| d.pointer.clone()).collect();
            let mut graphql = response::check_response(schema, if status == 200 { executed.as_ref() } else { None }, body, src, base);
            // One fault, one finding: what the OpenAPI schema already rejected is not repeated.
            graphql.retain(|d| {
                let p = d.pointer.as_deref().unwrap_or("");
                !transport
                    .iter()
                    .any(|t| p == t || p.starts_with(&format!("{t}/")) || t.starts_with(&format!("{p}/")))
            });
            found.extend(graphql);
            if let (200, Some(ex), Some(data)) = (status, &executed, body.get("data")) {
                found.extend(plain::check_payloads(ex.doc, ex.operation, data, src, base));
            }
        }
    }
    if matches!(status, 401 | 403 | 429) {
        let (head, body) = plain::check_status(resp, file, view, status);
        out.extend(head);
        found.extend(body);
    }
    out.extend(resp_body.place(file, found));
    out
}
