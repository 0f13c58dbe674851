//! The OpenAPI layer of a recorded exchange: method, path (below the server
//! URL's base path), the Bearer credential, content types, the documented
//! statuses and the body schemas (OpenAPI 3.0.3 §4.7.9-§4.7.17, §4.7.27).

use crate::contract::openapi::{CompiledSchema, GraphqlOperation, ResponseSpec};
use crate::contract::OpenApi;
use crate::diagnostic::{Code, Diagnostic};
use crate::exchange::{Header, Message};
use crate::node::Node;
use crate::secrets;
use crate::source::Source;

/// Every error of `json` against a compiled schema, each placed at the
/// deepest node of `body` its instance path reaches.
#[allow(clippy::too_many_arguments)]
pub fn schema_errors(
    openapi: &OpenApi,
    schema: &CompiledSchema,
    body: &Node,
    source: &Source,
    base: &str,
    code: Code,
    what: &str,
) -> Vec<Diagnostic> {
    // Fast path first (jsonschema-rs: `is_valid` does not collect errors).
    if schema.validator.is_valid(body) {
        return Vec::new();
    }
    schema
        .validator
        .iter_errors(body)
        .map(|e| {
            let rel = e.instance_path().to_string();
            let (n, _) = body.pointer_deepest(&rel);
            let schema_ptr = openapi.schema_path_to_pointer(schema, &e.schema_path().to_string());
            Diagnostic::at(code, format!("{what}: {e}"), source, n.start, n.len)
                .with_pointer(format!("{base}{rel}"))
                .with_note(format!("schema: {}#{}", openapi.source.path, schema_ptr))
        })
        .collect()
}

/// A finding at a node of `source`, with its pointer.
fn located(code: Code, msg: String, source: &Source, n: &Node, ptr: &str) -> Diagnostic {
    Diagnostic::at(code, msg, source, n.start, n.len).with_pointer(ptr)
}

/// Does this header carry a credential (Authorization, Proxy-Authorization,
/// X-Api-Key) that is not in the redacted form?
pub fn is_credential_header(h: &Header) -> bool {
    matches!(h.name.as_str(), "authorization" | "proxy-authorization" | "x-api-key") && secrets::holds_credential(h.value)
}

/// SC001 for a header holding a credential (its value is never quoted).
pub fn secret_finding(source: &Source, h: &Header) -> Diagnostic {
    located(
        Code::UnredactedSecret,
        format!("the `{}` header holds a credential; store it as `Bearer <redacted>`", h.name),
        source,
        h.node,
        &h.pointer,
    )
    .with_note("the value is not shown; rotate the key if this file was ever shared")
}

/// The media type of a Content-Type value: `application/json; charset=utf-8` → `application/json`.
pub fn media_type(value: &str) -> String {
    value.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// Checks the request line and headers. `status` is the recorded response
/// status, if any: a 401 documents a missing credential, a 400 a bad body.
pub fn check_request(op: &GraphqlOperation, source: &Source, req: &Message, status: Option<u16>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = |code: Code, msg: String, n: &Node, ptr: &str| located(code, msg, source, n, ptr);
    if let Some((m, n)) = req.method {
        if m != "POST" {
            out.push(
                at(
                    Code::HttpMethod,
                    format!(
                        "method `{m}` is not documented for {}{}: the operation is POST",
                        op.base_path, op.path
                    ),
                    n,
                    &format!("{}/method", req.pointer),
                )
                .with_note("HTTP methods are case-sensitive (RFC 9110 §9.1)"),
            );
        }
    }
    if let Some((t, n, ptr)) = &req.target {
        let want = format!("{}{}", op.base_path, op.path);
        match crate::exchange::url_path(t) {
            Some(p) if p == want => {}
            Some(p) => out.push(
                at(
                    Code::HttpPath,
                    format!("path `{p}` is not the documented GraphQL path `{want}`"),
                    n,
                    ptr,
                )
                .with_note(if op.base_path.is_empty() {
                    "the server URL has no base path".to_string()
                } else {
                    format!("`{}` is the server URL's base path", op.base_path)
                }),
            ),
            None => out.push(at(
                Code::HttpPath,
                "the request target is neither an absolute URL nor a path starting with `/`".to_string(),
                n,
                ptr,
            )),
        }
    }
    // Every credential-carrying header, every occurrence: a second
    // Authorization header must not hide a token behind a redacted first one.
    let auths: Vec<_> = req.headers.iter().filter(|h| h.name == "authorization").collect();
    if let Some(h) = auths.first() {
        let scheme = h.value.split_whitespace().next().unwrap_or("");
        if op.bearer && !scheme.eq_ignore_ascii_case("bearer") && status != Some(401) {
            // The value is not shown: without a scheme, its first word is the token.
            out.push(at(
                Code::AuthMissing,
                "the Authorization header is not a Bearer credential, which the operation requires".to_string(),
                h.node,
                &h.pointer,
            ));
        }
    } else if op.bearer && status != Some(401) {
        out.push(
            at(
                Code::AuthMissing,
                "the request has no Authorization header; the operation requires `Authorization: Bearer <token>`".to_string(),
                req.node,
                &req.pointer,
            )
            .with_note("without it Plain answers 401"),
        );
    }
    for h in req.headers.iter().filter(|h| is_credential_header(h)) {
        out.push(secret_finding(source, h));
    }
    if status != Some(400) {
        match req.header("content-type") {
            Some(h) if media_type(h.value) == "application/json" => {}
            Some(h) => out.push(at(
                Code::RequestContentType,
                format!("request Content-Type `{}` is not the documented `application/json`", h.value),
                h.node,
                &h.pointer,
            )),
            None => out.push(at(
                Code::RequestContentType,
                "the request has no Content-Type header; the documented media type is `application/json`".to_string(),
                req.node,
                &req.pointer,
            )),
        }
    }
    out
}

/// The documented response for a status: the exact code, then its range
/// (`4XX`), then `default` (OpenAPI 3.0.3 §4.7.16).
pub fn response_spec(op: &GraphqlOperation, status: u16) -> Option<&ResponseSpec> {
    let exact = status.to_string();
    let range = format!("{}XX", status / 100);
    op.responses
        .iter()
        .find(|r| r.status == exact)
        .or_else(|| op.responses.iter().find(|r| r.status.eq_ignore_ascii_case(&range)))
        .or_else(|| op.responses.iter().find(|r| r.status == "default"))
}

/// Checks the status and Content-Type of a response; returns its spec.
pub fn check_response_head<'o>(
    op: &'o GraphqlOperation,
    source: &Source,
    resp: &Message,
    out: &mut Vec<Diagnostic>,
) -> Option<&'o ResponseSpec> {
    for h in resp.headers.iter().filter(|h| is_credential_header(h)) {
        out.push(secret_finding(source, h));
    }
    let (status, n) = resp.status?;
    let Some(spec) = response_spec(op, status) else {
        let documented: Vec<&str> = op.responses.iter().map(|r| r.status.as_str()).collect();
        out.push(
            located(
                Code::StatusUndocumented,
                format!("status {status} is not documented for POST {}{}", op.base_path, op.path),
                source,
                n,
                &format!("{}/status", resp.pointer),
            )
            .with_note(format!("documented: {}", documented.join(", "))),
        );
        return None;
    };
    if !spec.media_types.is_empty() {
        let ok = |mt: &str| spec.media_types.iter().any(|m| m == mt || m == "*/*");
        match resp.header("content-type") {
            Some(h) if ok(&media_type(h.value)) => {}
            Some(h) => out.push(
                located(
                    Code::ResponseContentType,
                    format!("response Content-Type `{}` is not documented for status {status}", h.value),
                    source,
                    h.node,
                    &h.pointer,
                )
                .with_note(format!("documented: {}", spec.media_types.join(", "))),
            ),
            None => out.push(located(
                Code::ResponseContentType,
                format!(
                    "the response has no Content-Type header; status {status} documents {}",
                    spec.media_types.join(", ")
                ),
                source,
                resp.node,
                &resp.pointer,
            )),
        }
    }
    Some(spec)
}
