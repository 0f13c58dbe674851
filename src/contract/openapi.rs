//! The OpenAPI 3.0 layer: load the document (serde-saphyr → [`Node`], then
//! openapiv3 for the object model), resolve local `$ref`s, convert OAS 3.0
//! Schema Objects to JSON Schema (in [`super::oas_schema`]) and compile them once
//! with jsonschema.
//!
//! openapiv3 resolves no `$ref`, and its model has no source positions, so
//! this module keeps the [`Node`] tree beside it and addresses everything by
//! JSON pointer. The `$ref` resolver here is deliberately small: local
//! `#/...` references only, with cycle detection.
//!
//! This module loads and compiles; it never checks a request (see `check`).

use crate::diagnostic::{Code, Diagnostic};
use crate::node::{push_token, Node, Syntax, Value};
use crate::source::Source;
use serde_json::{json, Value as Json};
use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

pub(crate) use super::oas_schema::convert_schema;
use super::oas_schema::{convert_definitions, definitions_to_pointer};

/// A compiled JSON Schema and the pointer of the Schema Object it came from.
pub struct CompiledSchema {
    /// Pointer of the schema (or its `$ref`) in the OpenAPI document.
    pub pointer: String,
    /// The compiled validator.
    pub validator: jsonschema::Validator<crate::node::NodeJson>,
}

impl std::fmt::Debug for CompiledSchema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledSchema").field("pointer", &self.pointer).finish()
    }
}

/// One request example of the GraphQL operation.
#[derive(Debug, Clone)]
pub struct Example {
    /// Its name (the key under `examples`, or `example`).
    pub name: String,
    /// Pointer of its value in the document.
    pub pointer: String,
}

/// One documented response status.
#[derive(Debug)]
pub struct ResponseSpec {
    /// The status key as written (`200`, `4XX`, `default`).
    pub status: String,
    /// Pointer of the Response Object.
    pub pointer: String,
    /// The JSON body schema, when one is documented.
    pub schema: Option<CompiledSchema>,
    /// The documented media types of the body (lowercase), empty when none is.
    pub media_types: Vec<String>,
}

/// The POST operation that carries GraphQL requests.
#[derive(Debug)]
pub struct GraphqlOperation {
    /// The path, such as `/graphql/v1`.
    pub path: String,
    /// Pointer of the Operation Object.
    pub pointer: String,
    /// The JSON request body schema.
    pub request_schema: Option<CompiledSchema>,
    /// The request examples, in document order.
    pub examples: Vec<Example>,
    /// Documented responses, in document order.
    pub responses: Vec<ResponseSpec>,
    /// Is it secured by an HTTP Bearer scheme?
    pub bearer: bool,
    /// The path part of the first server URL (`""` for `https://host`), which
    /// request paths carry before `path`.
    pub base_path: String,
    /// Every server URL that applies to the operation (its path item's, else
    /// the document's), which say which hosts are Plain's.
    pub servers: Vec<String>,
}

/// A loaded, usable OpenAPI document.
#[derive(Debug)]
pub struct OpenApi {
    /// The file.
    pub source: Arc<Source>,
    /// Its data, with positions.
    pub root: Node,
    /// The operation that carries GraphQL, if the document has one.
    pub graphql: Option<GraphqlOperation>,
    /// Pointers of JSON request bodies on POST operations that are not GraphQL-shaped,
    /// for the lint's message.
    pub(crate) post_candidates: Vec<String>,
    /// The converted `components/schemas` as JSON Schema `definitions`.
    definitions: Json,
}

impl OpenApi {
    /// Loads and compiles a document. `Err` holds the diagnostics that make it
    /// unusable (parse errors, not OpenAPI 3.0, broken `$ref`s).
    pub fn load(source: Arc<Source>) -> Result<OpenApi, Vec<Diagnostic>> {
        let syntax = Syntax::guess(&source.path, &source.text);
        let root = if source.text == super::EMBEDDED_OPENAPI {
            crate::node::parse_here(&source, syntax)
        } else {
            crate::node::parse(&source, syntax)
        }
        .map_err(|d| vec![d])?;
        let here = |ptr: &str, code: Code, msg: String| -> Diagnostic {
            let (n, _) = root.pointer_deepest(ptr);
            Diagnostic::at(code, msg, &source, n.start, n.len).with_pointer(ptr)
        };
        let Some(_) = root.members() else {
            return Err(vec![here(
                "",
                Code::WrongFormat,
                format!("expected an OpenAPI document (an object), found {}", root.kind()),
            )]);
        };
        match root.get("openapi").map(|n| &n.value) {
            None => {
                let hint = if root.get("swagger").is_some() {
                    " (this is Swagger 2.0)"
                } else {
                    ""
                };
                return Err(vec![here(
                    "",
                    Code::WrongFormat,
                    format!("not an OpenAPI document: it has no `openapi` field{hint}"),
                )]);
            }
            Some(Value::String(v)) if v.starts_with("3.0.") || v == "3.0" => {}
            Some(_) => {
                let v = root.get("openapi").map(|n| n.to_json().to_string()).unwrap_or_default();
                return Err(vec![here(
                    "/openapi",
                    Code::OpenApiVersion,
                    format!("unsupported OpenAPI version {v}: plain-contract reads OpenAPI 3.0.x"),
                )]);
            }
        }
        let json = root.to_json();
        // The object model: openapiv3 reports the first structural error with its path.
        let model: openapiv3::OpenAPI = match serde_path_to_error::deserialize(&json) {
            Ok(m) => m,
            Err(e) => {
                let (ptr, msg) = narrow(&json, path_to_pointer(e.path()), e.inner().to_string());
                return Err(vec![here(
                    &ptr,
                    Code::OpenApiStructure,
                    format!(
                        "not a valid OpenAPI 3.0 document: {}",
                        crate::util::serde_msg::in_users_terms(&msg, &openapi_object)
                    ),
                )]);
            }
        };
        let ref_errors = check_refs(&root, &source);
        if !ref_errors.is_empty() {
            return Err(ref_errors);
        }
        let definitions = convert_definitions(&json);
        let mut api = OpenApi {
            source: source.clone(),
            root,
            graphql: None,
            post_candidates: Vec::new(),
            definitions,
        };
        let mut errors = Vec::new();
        api.graphql = api.find_graphql(&model, &mut errors);
        if errors.is_empty() {
            Ok(api)
        } else {
            Err(errors)
        }
    }

    /// The node at a pointer (the deepest existing one).
    pub fn node(&self, pointer: &str) -> &Node {
        self.root.pointer_deepest(pointer).0
    }

    /// A diagnostic at a pointer of the document.
    pub fn diag(&self, code: Code, message: impl Into<String>, pointer: &str) -> Diagnostic {
        let n = self.node(pointer);
        Diagnostic::at(code, message, &self.source, n.start, n.len).with_pointer(pointer)
    }

    fn find_graphql(&mut self, model: &openapiv3::OpenAPI, errors: &mut Vec<Diagnostic>) -> Option<GraphqlOperation> {
        let global_bearer = self.security_is_bearer(model, model.security.as_deref(), errors);
        for (path, item) in &model.paths.paths {
            let openapiv3::ReferenceOr::Item(item) = item else { continue };
            let Some(op) = &item.post else { continue };
            let op_ptr = format!("{}/post", push_token("/paths", path));
            let Some(body_ptr) = op.request_body.as_ref().map(|_| format!("{op_ptr}/requestBody")) else {
                continue;
            };
            let body_ptr = self.follow_ref(&body_ptr);
            let media_ptr = push_token(&format!("{body_ptr}/content"), "application/json");
            if !self.root.pointer_deepest(&media_ptr).1 {
                continue;
            }
            let schema_ptr = format!("{media_ptr}/schema");
            let request_schema = match self.compile(&schema_ptr) {
                Ok(s) => s,
                Err(d) => {
                    errors.push(d);
                    None
                }
            };
            if !request_schema.as_ref().is_some_and(|s| is_graphql_request_schema(&s.validator)) {
                self.post_candidates.push(schema_ptr);
                continue;
            }
            let examples = self.examples(&media_ptr);
            let mut responses = Vec::new();
            let responses_ptr = format!("{op_ptr}/responses");
            if let Some(members) = self.node(&responses_ptr).members().map(|m| m.to_vec()) {
                for (status, _) in members {
                    let ptr = self.follow_ref(&push_token(&responses_ptr, &status.name));
                    let schema_ptr = format!("{}/schema", push_token(&format!("{ptr}/content"), "application/json"));
                    let schema = if self.root.pointer_deepest(&schema_ptr).1 {
                        match self.compile(&schema_ptr) {
                            Ok(s) => s,
                            Err(d) => {
                                errors.push(d);
                                None
                            }
                        }
                    } else {
                        None
                    };
                    let content = self.root.pointer_deepest(&format!("{ptr}/content"));
                    let media_types = Some(content.0)
                        .filter(|_| content.1)
                        .and_then(Node::members)
                        .map(|m| m.iter().map(|(k, _)| k.name.to_ascii_lowercase()).collect())
                        .unwrap_or_default();
                    responses.push(ResponseSpec {
                        status: status.name.clone(),
                        pointer: ptr,
                        schema,
                        media_types,
                    });
                }
            }
            let bearer = match &op.security {
                Some(reqs) => self.security_is_bearer(model, Some(reqs), errors),
                None => global_bearer,
            };
            let server = item
                .servers
                .first()
                .or_else(|| model.servers.first())
                .map(|s| s.url.as_str())
                .unwrap_or("");
            let base_path = crate::util::url::url_path(server).unwrap_or("").trim_end_matches('/').to_string();
            let servers = if item.servers.is_empty() { &model.servers } else { &item.servers };
            return Some(GraphqlOperation {
                base_path,
                servers: servers.iter().map(|s| s.url.clone()).collect(),
                path: path.clone(),
                pointer: op_ptr,
                request_schema,
                examples,
                responses,
                bearer,
            });
        }
        None
    }

    fn security_is_bearer(
        &self,
        model: &openapiv3::OpenAPI,
        reqs: Option<&[openapiv3::SecurityRequirement]>,
        _errors: &mut [Diagnostic],
    ) -> bool {
        let Some(reqs) = reqs else { return false };
        let schemes = model.components.as_ref().map(|c| &c.security_schemes);
        // Every alternative must carry a bearer scheme for the API to need one.
        !reqs.is_empty()
            && reqs.iter().all(|req| {
                req.keys().any(|name| {
                    matches!(
                        schemes.and_then(|s| s.get(name)),
                        Some(openapiv3::ReferenceOr::Item(openapiv3::SecurityScheme::HTTP { scheme, .. }))
                            if scheme.eq_ignore_ascii_case("bearer")
                    )
                })
            })
    }

    /// Follows `$ref` objects from a pointer to the pointer of the real object.
    /// Cycles and dangling refs were reported at load; here they just stop.
    pub fn follow_ref(&self, pointer: &str) -> String {
        let mut ptr = pointer.to_string();
        for _ in 0..32 {
            let (n, ok) = self.root.pointer_deepest(&ptr);
            if !ok {
                break;
            }
            match n.get("$ref").and_then(Node::as_str) {
                Some(r) if r.starts_with('#') => ptr = r[1..].to_string(),
                _ => break,
            }
        }
        ptr
    }

    fn examples(&self, media_ptr: &str) -> Vec<Example> {
        let media = self.node(media_ptr);
        let mut out = Vec::new();
        if media.get("example").is_some() {
            out.push(Example {
                name: "example".into(),
                pointer: format!("{media_ptr}/example"),
            });
        }
        let ex_ptr = format!("{media_ptr}/examples");
        if let Some(members) = media.get("examples").and_then(Node::members) {
            for (k, _) in members {
                let ptr = self.follow_ref(&push_token(&ex_ptr, &k.name));
                if self.node(&ptr).get("value").is_some() {
                    out.push(Example {
                        name: k.name.clone(),
                        pointer: format!("{ptr}/value"),
                    });
                }
            }
        }
        out
    }

    /// Compiles the Schema Object at `pointer` (with all `components/schemas`
    /// available to its `$ref`s). `Ok(None)` when there is no schema there.
    pub fn compile(&self, pointer: &str) -> Result<Option<CompiledSchema>, Diagnostic> {
        let (node, ok) = self.root.pointer_deepest(pointer);
        if !ok {
            return Ok(None);
        }
        let mut schema = convert_schema(&node.to_json(), 0);
        if let Json::Object(m) = &mut schema {
            m.insert("definitions".into(), self.definitions.clone());
        }
        match jsonschema::options_for::<crate::node::NodeJson>()
            .with_draft(jsonschema::Draft::Draft4)
            .build(&schema)
        {
            Ok(validator) => Ok(Some(CompiledSchema {
                pointer: pointer.to_string(),
                validator,
            })),
            Err(e) => {
                // A build error is the schema failing its meta-schema: its
                // *instance* path is the place in our converted schema.
                let inst = e.instance_path().to_string();
                let at = definitions_to_pointer(&inst)
                    .or_else(|| (!inst.is_empty()).then(|| format!("{pointer}{inst}")))
                    .map(|p| self.existing_prefix(&p))
                    .unwrap_or_else(|| pointer.to_string());
                Err(self.diag(Code::SchemaInvalid, format!("schema cannot be compiled: {e}"), &at))
            }
        }
    }

    /// Maps a jsonschema schema path (in our converted schema) back to a pointer
    /// in the OpenAPI document.
    pub fn schema_path_to_pointer(&self, compiled: &CompiledSchema, schema_path: &str) -> String {
        let raw = definitions_to_pointer(schema_path).unwrap_or_else(|| format!("{}{}", compiled.pointer, schema_path));
        self.existing_prefix(&raw)
    }

    /// The longest prefix of a pointer that exists in the document. Keywords we
    /// synthesised (int32 bounds, nullable's anyOf) have no node of their own.
    fn existing_prefix(&self, raw: &str) -> String {
        let (_, ok) = self.root.pointer_deepest(raw);
        if ok {
            return raw.to_string();
        }
        let mut p = raw;
        while let Some(i) = p.rfind('/') {
            p = &p[..i];
            if self.root.pointer_deepest(p).1 {
                break;
            }
        }
        p.to_string()
    }
}

/// Does this schema accept GraphQL-over-HTTP request bodies and require `query`?
fn is_graphql_request_schema(v: &jsonschema::Validator<crate::node::NodeJson>) -> bool {
    let ok = |j: Json| v.is_valid(&Node::from_json(&j));
    ok(json!({"query": "{ __typename }"}))
        && ok(json!({"query": "query Q($a: Int) { __typename }", "variables": {"a": 1}, "operationName": "Q"}))
        && !ok(json!({"variables": {}}))
}

/// openapiv3's types as OpenAPI 3.0.3 names them (§4.7, "Schema"), for
/// messages: `struct Paths` is "a Paths Object".
fn openapi_object(ty: &str) -> Option<&'static str> {
    Some(match ty {
        "OpenAPI" => "an OpenAPI Object",
        "Info" => "an Info Object",
        "Contact" => "a Contact Object",
        "License" => "a License Object",
        "Server" => "a Server Object",
        "ServerVariable" => "a Server Variable Object",
        "Components" => "a Components Object",
        "Paths" => "a Paths Object (paths as keys)",
        "PathItem" => "a Path Item Object",
        "Operation" => "an Operation Object",
        "ExternalDocumentation" => "an External Documentation Object",
        "Parameter" | "ParameterData" => "a Parameter Object",
        "RequestBody" => "a Request Body Object",
        "MediaType" => "a Media Type Object",
        "Encoding" => "an Encoding Object",
        "Responses" => "a Responses Object (status codes as keys)",
        "Response" => "a Response Object",
        "Example" => "an Example Object",
        "Link" => "a Link Object",
        "Header" => "a Header Object",
        "Tag" => "a Tag Object",
        "Schema" | "SchemaData" | "SchemaKind" | "AnySchema" => "a Schema Object",
        "Discriminator" => "a Discriminator Object",
        "SecurityScheme" => "a Security Scheme Object",
        "OAuth2Flows" => "an OAuth Flows Object",
        "ImplicitOAuth2Flow" | "PasswordOAuth2Flow" | "ClientCredentialsOAuth2Flow" | "AuthorizationCodeOAuth2Flow" => {
            "an OAuth Flow Object"
        }
        "ReferenceOr" => "a Reference Object (`$ref`) or the object itself",
        "AdditionalProperties" => "`true`, `false` or a Schema Object",
        "StatusCode" => "an HTTP status code or a range such as 4XX",
        _ => return None,
    })
}

/// openapiv3 reads most objects through `#[serde(flatten)]` (for `x-`
/// extensions), where serde loses the path of an error. From the deepest
/// pointer serde did report, this finds the member whose removal makes that
/// error go away (or turn into another one), and descends into it: the
/// innermost culprit. Only run on the error path, with a bounded number of
/// trial deserialisations.
fn narrow(doc: &Json, pointer: String, message: String) -> (String, String) {
    let mut ptr = pointer;
    let mut budget = 400usize;
    let fails_the_same = |copy: &Json, removed: &str| -> bool {
        match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(copy) {
            Ok(_) => false,
            Err(e) => {
                let m = e.inner().to_string();
                m == message || m.contains(&format!("missing field `{removed}`"))
            }
        }
    };
    // A missing field: the culprit is the object that, given the field, fails
    // differently. Objects below the reported pointer are tried in document order.
    if let Some(field) = message.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
        let mut queue = std::collections::VecDeque::from([ptr.clone()]);
        while let Some(at) = queue.pop_front() {
            if budget == 0 {
                break;
            }
            budget -= 1;
            match doc.pointer(&at) {
                Some(Json::Object(m)) => {
                    if !m.contains_key(field) && at != ptr {
                        // Filled with a value of some type, the document loads (or
                        // misses something else): this is the object.
                        let fixed = [json!("x"), json!({}), json!([]), json!(false), json!(0)].into_iter().any(|dummy| {
                            let mut copy = doc.clone();
                            if let Some(Json::Object(cm)) = copy.pointer_mut(&at) {
                                cm.insert(field.to_string(), dummy);
                            }
                            match serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&copy) {
                                Ok(_) => true,
                                Err(e) => {
                                    let m = e.inner().to_string();
                                    m != message && m.starts_with("missing field `")
                                }
                            }
                        });
                        if fixed {
                            return (at, message);
                        }
                    }
                    queue.extend(m.keys().map(|k| push_token(&at, k)));
                }
                Some(Json::Array(a)) => queue.extend((0..a.len()).map(|i| push_token(&at, &i.to_string()))),
                _ => {}
            }
        }
        return (ptr, message);
    }
    'descend: loop {
        let keys: Vec<String> = match doc.pointer(&ptr) {
            Some(Json::Object(m)) => m.keys().cloned().collect(),
            Some(Json::Array(a)) => (0..a.len()).map(|i| i.to_string()).collect(),
            _ => break,
        };
        for k in keys {
            if budget == 0 {
                break 'descend;
            }
            budget -= 1;
            let mut copy = doc.clone();
            match copy.pointer_mut(&ptr) {
                Some(Json::Object(m)) => {
                    m.shift_remove(&k);
                }
                Some(Json::Array(a)) => {
                    if let Ok(i) = k.parse::<usize>() {
                        a.remove(i);
                    }
                }
                _ => break 'descend,
            }
            if !fails_the_same(&copy, &k) {
                ptr = push_token(&ptr, &k);
                continue 'descend;
            }
        }
        break;
    }
    (ptr, message)
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out = push_token(&out, &index.to_string()),
            Segment::Map { key } => out = push_token(&out, key),
            Segment::Enum { variant } => out = push_token(&out, variant),
            Segment::Unknown => {}
        }
    }
    out
}

/// Every `$ref` must be local and resolve; chains of `$ref`-only objects must
/// not loop. Each problem is reported once, at the `$ref` value.
fn check_refs(root: &Node, source: &Source) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut refs = Vec::new();
    collect_refs(root, String::new(), &mut refs, 0);
    let mut cycles_seen: HashSet<BTreeSet<String>> = HashSet::new();
    for (ptr, node) in &refs {
        let Some(target) = node.as_str() else {
            out.push(
                Diagnostic::at(Code::RefUnresolved, "`$ref` must be a string", source, node.start, node.len).with_pointer(ptr.clone()),
            );
            continue;
        };
        let Some(local) = target.strip_prefix('#') else {
            out.push(
                Diagnostic::at(
                    Code::RefUnresolved,
                    format!("`{target}` is not a local reference; only `#/...` references are resolved"),
                    source,
                    node.start,
                    node.len,
                )
                .with_pointer(ptr.clone()),
            );
            continue;
        };
        if !root.pointer_deepest(local).1 {
            out.push(
                Diagnostic::at(
                    Code::RefUnresolved,
                    format!("`{target}` points to nothing in this document"),
                    source,
                    node.start,
                    node.len,
                )
                .with_pointer(ptr.clone()),
            );
            continue;
        }
        // Follow the chain of ref-only hops.
        let mut chain = vec![local.to_string()];
        let mut cur = local.to_string();
        loop {
            let (n, ok) = root.pointer_deepest(&cur);
            let Some(next) = (if ok { n.get("$ref").and_then(Node::as_str) } else { None }) else {
                break;
            };
            let Some(next) = next.strip_prefix('#') else { break };
            if let Some(pos) = chain.iter().position(|c| c == next) {
                let members: BTreeSet<String> = chain[pos..].iter().cloned().collect();
                if cycles_seen.insert(members) {
                    let mut names: Vec<&str> = chain[pos..].iter().map(String::as_str).collect();
                    names.push(next);
                    // Report at the `$ref` of the cycle's first member, not where the chain was entered.
                    let first = chain[pos..]
                        .iter()
                        .min_by_key(|c| root.pointer_deepest(c).0.start)
                        .unwrap_or(&chain[pos]);
                    let member_ptr = format!("{first}/$ref");
                    let (at, ok) = root.pointer_deepest(&member_ptr);
                    let (at, at_ptr) = if ok { (at, member_ptr) } else { (*node, ptr.clone()) };
                    out.push(
                        Diagnostic::at(
                            Code::RefCycle,
                            "`$ref` cycle: these references lead back to themselves and never reach a schema",
                            source,
                            at.start,
                            at.len,
                        )
                        .with_pointer(at_ptr)
                        .with_note(format!("cycle: {}", names.join(" → "))),
                    );
                }
                break;
            }
            if chain.len() > 64 {
                break;
            }
            chain.push(next.to_string());
            cur = next.to_string();
        }
    }
    out
}

fn collect_refs<'a>(node: &'a Node, ptr: String, out: &mut Vec<(String, &'a Node)>, depth: usize) {
    if depth > crate::node::MAX_DEPTH {
        return;
    }
    match &node.value {
        Value::Object(members) => {
            for (k, v) in members {
                let p = push_token(&ptr, &k.name);
                if k.name == "$ref" {
                    out.push((p, v));
                } else if !k.name.starts_with("x-") && k.name != "example" && k.name != "value" {
                    // Examples are literal data: a `$ref` key there is not a reference.
                    collect_refs(v, p, out, depth + 1);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_refs(v, push_token(&ptr, &i.to_string()), out, depth + 1);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ref_cycle_is_reported_once() {
        let src = Source::new(
            "c.yml",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/A'\n",
        );
        let errs = OpenApi::load(src).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].code, Code::RefCycle);
        assert_eq!((errs[0].line, errs[0].column), (7, 13));
        assert_eq!(errs[0].pointer.as_deref(), Some("/components/schemas/A/$ref"));
    }
}
