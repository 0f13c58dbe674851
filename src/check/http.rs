//! The OpenAPI layer of a recorded exchange: method, path (below the server
//! URL's base path), the Bearer credential, content types, the documented
//! statuses and the body schemas (OpenAPI 3.0.3 §4.7.9-§4.7.17, §4.7.27).

use crate::contract::openapi::{CompiledSchema, GraphqlOperation, ResponseSpec};
use crate::contract::OpenApi;
use crate::diagnostic::{Code, Diagnostic};
use crate::exchange::{Header, Message};
use crate::node::Node;
use crate::secrets::{self, Placeholders};
use crate::source::Source;

/// Every error of `json` against a compiled schema, each placed at the
/// deepest node of `body` its instance path reaches.
#[allow(clippy::too_many_arguments)]
pub(crate) fn schema_errors(
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

/// Does this header hold a credential? The one list of credential headers
/// and what counts as a placeholder live in [`secrets`]; `ph` adds the
/// run's accepted forms.
pub(crate) fn is_credential_header(h: &Header, ph: &Placeholders) -> bool {
    ph.header_holds_credential(&h.name, h.value)
}

/// SC001 for a header holding a credential (its value is never quoted); the
/// suggested stored form fits the header (`Bearer <redacted>` for
/// Authorization, `<redacted>` for `X-Api-Key`).
pub(crate) fn secret_finding(source: &Source, h: &Header) -> Diagnostic {
    located(
        Code::UnredactedSecret,
        format!(
            "the `{}` header holds a credential; store it as `{}`",
            h.name,
            secrets::suggested_form(&h.name, h.value)
        ),
        source,
        h.node,
        &h.pointer,
    )
    .with_note("the value is not shown; rotate the key if this file was ever shared")
}

/// SC001 for credentials in a request's URL query string and body: a Plain
/// key, a JWT or another well-known key anywhere, or a random-looking value
/// under a credential-named key (`token`, `apiKey`...). Values are never quoted.
///
/// `text_body` is the request's text body already parsed, if the caller has
/// it (a HAR's `postData.text`); otherwise a text body is parsed here.
pub(crate) fn body_and_url_secrets(source: &Source, req: &Message, text_body: Option<&Node>, ph: &Placeholders, out: &mut Vec<Diagnostic>) {
    if let Some((url, n, ptr)) = &req.target {
        if let Some(param) = ph.secret_in_query(url) {
            out.push(
                located(
                    Code::UnredactedSecret,
                    format!("the URL's query parameter `{param}` holds a credential; store it as `{param}=<redacted>`"),
                    source,
                    n,
                    ptr,
                )
                .with_note("the value is not shown; rotate the key if this file was ever shared"),
            );
        }
    }
    let body_note = "the value is not shown; replace it with `<redacted>` and rotate the key if this file was ever shared";
    match req.body {
        crate::exchange::Body::Text(n, t) => {
            // Credential-named keys are looked at in the parsed text; a
            // Plain key or a JWT anywhere in it, even where it does not parse.
            let named_in = |b: &Node| first_string(b, None, 0, &mut |key, v| ph.body_value_holds_secret(key, v)).is_some();
            let named = match text_body {
                Some(b) => named_in(b),
                None => serde_json::from_str::<Node>(t).is_ok_and(|b| named_in(&b)),
            };
            if named || secrets::find_secret(t).is_some() {
                out.push(
                    located(
                        Code::UnredactedSecret,
                        "the request body holds a credential".to_string(),
                        source,
                        n,
                        &req.body_pointer,
                    )
                    .with_note(body_note),
                );
            }
        }
        crate::exchange::Body::Data(b) => {
            if let Some((n, tokens)) = first_string(b, None, 0, &mut |key, v| ph.body_value_holds_secret(key, v)) {
                let ptr = tokens
                    .iter()
                    .rev()
                    .fold(req.body_pointer.clone(), |p, t| crate::node::push_token(&p, t));
                out.push(
                    Diagnostic::at(
                        Code::UnredactedSecret,
                        "the request body holds a credential",
                        source,
                        n.start,
                        n.len,
                    )
                    .with_pointer(ptr)
                    .with_note(body_note),
                );
            }
        }
        crate::exchange::Body::None | crate::exchange::Body::Opaque => {}
    }
}

/// The first string value under `n` (depth-first, in document order) for
/// which `hit(key it stands under, text)` holds, with the tokens of its
/// pointer below `n`, innermost first. Pointers are built only for the hit:
/// this runs on every string of every recorded request body.
fn first_string<'n>(
    n: &'n Node,
    key: Option<&str>,
    depth: usize,
    hit: &mut dyn FnMut(Option<&str>, &str) -> bool,
) -> Option<(&'n Node, Vec<String>)> {
    use crate::node::Value;
    if depth > 128 {
        return None;
    }
    match &n.value {
        Value::String(s) => hit(key, s).then(|| (n, Vec::new())),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, it)| {
            let (found, mut tokens) = first_string(it, key, depth + 1, hit)?;
            tokens.push(i.to_string());
            Some((found, tokens))
        }),
        Value::Object(members) => members.iter().find_map(|(k, v)| {
            let (found, mut tokens) = first_string(v, Some(&k.name), depth + 1, hit)?;
            tokens.push(k.name.to_string());
            Some((found, tokens))
        }),
        _ => None,
    }
}

/// The media type of a Content-Type value: `application/json; charset=utf-8` → `application/json`.
pub(crate) fn media_type(value: &str) -> String {
    value.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// Checks the request line and headers (whatever the response: see
/// [`super::verdict`]), and looks for credentials in headers, URL and body
/// (`text_body`: see [`body_and_url_secrets`]); `ph` holds the run's
/// accepted placeholder forms.
pub(crate) fn check_request(
    op: &GraphqlOperation,
    source: &Source,
    req: &Message,
    text_body: Option<&Node>,
    ph: &Placeholders,
) -> Vec<Diagnostic> {
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
    // One fault, one finding: a value that is a placeholder with no scheme
    // (`[Filtered]`, `<redacted>`, `***`) hid the scheme with the token, so
    // nothing says it was not Bearer; a credential with no scheme at all
    // (`Authorization: plainApiKey_...`) is SC001 alone, whose stored form
    // `Bearer <redacted>` mends the missing scheme too.
    let auths: Vec<_> = req.headers.iter().filter(|h| h.name == "authorization").collect();
    let mut schemeless_secret = None;
    if let Some(h) = auths.first().filter(|_| op.bearer) {
        let value = h.value.trim();
        let first = value.split_whitespace().next().unwrap_or("");
        if secrets::is_scheme(first) && !first.eq_ignore_ascii_case("bearer") {
            // Only the scheme is named: it is not secret.
            out.push(at(
                Code::AuthMissing,
                format!("the Authorization header uses the `{first}` scheme, not Bearer, which the operation requires"),
                h.node,
                &h.pointer,
            ));
        } else if !secrets::is_scheme(first) && ph.holds_credential(value) {
            // No scheme: SC001 below says what to store, scheme included.
            schemeless_secret = Some(h.pointer.clone());
        }
    } else if op.bearer {
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
    for h in req.headers.iter().filter(|h| is_credential_header(h, ph)) {
        let d = secret_finding(source, h);
        out.push(if schemeless_secret.as_deref() == Some(h.pointer.as_str()) {
            d.with_note("it has no scheme either: the operation requires `Bearer`, so store it as `Bearer <redacted>`")
        } else {
            d
        });
    }
    body_and_url_secrets(source, req, text_body, ph, &mut out);
    {
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
pub(crate) fn response_spec(op: &GraphqlOperation, status: u16) -> Option<&ResponseSpec> {
    let exact = status.to_string();
    let range = format!("{}XX", status / 100);
    op.responses
        .iter()
        .find(|r| r.status == exact)
        .or_else(|| op.responses.iter().find(|r| r.status.eq_ignore_ascii_case(&range)))
        .or_else(|| op.responses.iter().find(|r| r.status == "default"))
}

/// Checks the status and Content-Type of a response; returns its spec.
pub(crate) fn check_response_head<'o>(
    op: &'o GraphqlOperation,
    source: &Source,
    resp: &Message,
    ph: &Placeholders,
    out: &mut Vec<Diagnostic>,
) -> Option<&'o ResponseSpec> {
    for h in resp.headers.iter().filter(|h| is_credential_header(h, ph)) {
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
