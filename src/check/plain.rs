//! Plain's business rules: what the schema cannot say but Plain documents.
//! Every rule names its source in ../shared/plain/SEMANTICS.md (quoted in the
//! code registry's "why", docs/codes.md).
//!
//! | code | rule | source |
//! |---|---|---|
//! | PL001 | a set `error` is a MutationError: non-empty message, snake_case code, type FORBIDDEN exactly when code is `forbidden` | SEMANTICS §2 Types, §3 Forbidden message format |
//! | PL002 | the code is a documented one (warning) | SEMANTICS §3 Codes |
//! | PL003 | a set `error` leaves every other payload field null | SEMANTICS §1 Output ("you get a customer or an error") |
//! | PL004 | upsertCustomer `result` is set exactly when `customer` is | SEMANTICS §1 Result |
//! | PL005 | identifier inputs hold exactly one non-null field, even without `@oneOf` | SEMANTICS §1, §2 Identifier inputs |
//! | PL006 | 401/403/429 bodies: `errors[]` with message and `extensions.code` | SEMANTICS §3 (SDK classification, rate limits) |
//! | PL007 | a 429 carries `x-ratelimit-limit`, `-remaining`, `-reset` | SEMANTICS §3 Rate limits |
//! | PL008 | no `first` with `before` or `last` with `after`; page size 0..=100 | SEMANTICS §2 Pagination |

use super::operation::embedded_offset;
use crate::contract::GraphqlSchema;
use crate::diagnostic::{Code, Diagnostic};
use crate::exchange::Message;
use crate::node::{push_token, Node, Value};
use crate::source::Source;
use crate::visit::{self, FieldAt, JsonVisitor, Spreads, Visitor};
use apollo_compiler::ast::{Directive, OperationType, Value as AstValue, VariableDefinition};
use apollo_compiler::executable::{ExecutableDocument, Operation, Selection, SelectionSet};
use apollo_compiler::schema::{DirectiveDefinition, Type};
use apollo_compiler::Schema;

/// Documented MutationError codes (SEMANTICS §3, Plain docs error-codes.mdx).
pub(crate) const ERROR_CODES: &[&str] = &[
    "input_validation",
    "forbidden",
    "internal",
    "not_found",
    "not_yet_implemented",
    "customer_already_exists_with_email",
    "customer_already_exists_with_external_id",
    "customer_already_marked_as_spam",
    "customer_is_marked_as_spam",
    "customer_is_not_marked_as_spam",
    "customer_group_has_memberships",
    "customer_group_key_already_exists",
];

/// Largest documented page size (SEMANTICS §2 Pagination).
pub(crate) const MAX_PAGE_SIZE: i64 = 100;

/// The fields a selection set selects, through inline fragments and
/// fragment spreads: (response key, field name). Payload types are object
/// types, so every fragment on them applies.
fn fields_of<'s>(schema: &'s Schema, doc: &'s ExecutableDocument, set: &'s SelectionSet) -> Vec<(&'s str, &'s str)> {
    struct Fields<'s>(Vec<(&'s str, &'s str)>);
    impl<'s> Visitor<'s> for Fields<'s> {
        fn directive(&mut self, _: &'s apollo_compiler::Node<Directive>, _: &'s DirectiveDefinition) -> bool {
            false
        }
        fn field(&mut self, f: &FieldAt<'s>) -> bool {
            self.0.push((f.response_key().as_str(), f.name.as_str()));
            false
        }
    }
    let mut w = Fields(Vec::new());
    visit::selection_set(schema, doc, set, Spreads::Each, &mut w);
    w.0
}

/// The response key of the field `name` among `fields`.
fn key_of<'s>(fields: &[(&'s str, &'s str)], name: &str) -> Option<&'s str> {
    fields.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
}

/// PL001-PL004 on the `data` of a mutation.
pub(crate) fn check_payloads(
    schema: &Schema,
    doc: &ExecutableDocument,
    op: &Operation,
    data: &Node,
    source: &Source,
    base: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if op.operation_type != OperationType::Mutation {
        return out;
    }
    let data_ptr = push_token(base, "data");
    for sel in &op.selection_set.selections {
        let Selection::Field(root) = sel else { continue };
        let key = root.response_key().as_str();
        let Some(payload) = data.get(key).filter(|p| p.members().is_some()) else {
            continue;
        };
        let pptr = push_token(&data_ptr, key);
        let fields = fields_of(schema, doc, &root.selection_set);
        let set = &fields[..];
        let error = key_of(set, "error").and_then(|k| payload.get(k).map(|v| (k, v)));
        if let Some((ek, e)) = error.filter(|(_, e)| e.members().is_some()) {
            let eptr = push_token(&pptr, ek);
            mutation_error(e, &eptr, source, &mut out);
            for (k, v) in payload.members().unwrap_or(&[]) {
                let is_meta = key_of(set, "__typename") == Some(k.name.as_str());
                if k.name != ek && !is_meta && v.value != Value::Null {
                    out.push(
                        Diagnostic::at(
                            Code::ErrorWithPayload,
                            format!(
                                "`{key}` sets `error` and also `{}`; a failed mutation returns only the error",
                                k.name
                            ),
                            source,
                            v.start,
                            v.len,
                        )
                        .with_pointer(push_token(&pptr, &k.name)),
                    );
                }
            }
        }
        if root.name == "upsertCustomer" {
            if let (Some(rk), Some(ck)) = (key_of(set, "result"), key_of(set, "customer")) {
                let set_at = |k: &str| payload.get(k).is_some_and(|v| v.value != Value::Null);
                if set_at(rk) != set_at(ck) {
                    let (k, msg) = if set_at(rk) {
                        (rk, "upsertCustomer sets `result` but not `customer`")
                    } else {
                        (ck, "upsertCustomer sets `customer` but not `result` (CREATED, UPDATED or NOOP)")
                    };
                    let n = payload.get(k).unwrap_or(payload);
                    out.push(Diagnostic::at(Code::UpsertResult, msg, source, n.start, n.len).with_pointer(push_token(&pptr, k)));
                }
            }
        }
    }
    out
}

fn mutation_error(e: &Node, eptr: &str, source: &Source, out: &mut Vec<Diagnostic>) {
    let at =
        |n: &Node, code: Code, msg: String, k: &str| Diagnostic::at(code, msg, source, n.start, n.len).with_pointer(push_token(eptr, k));
    if let Some(m) = e.get("message").and_then(|m| m.as_str().map(|s| (m, s))) {
        if m.1.trim().is_empty() {
            out.push(at(
                m.0,
                Code::MutationErrorShape,
                "a MutationError's `message` is empty".into(),
                "message",
            ));
        }
    }
    let code = e.get("code").and_then(|c| c.as_str().map(|s| (c, s)));
    if let Some((n, c)) = code {
        let snake = !c.is_empty() && c.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_');
        if !snake {
            out.push(at(
                n,
                Code::MutationErrorShape,
                format!("MutationError code `{c}` is not a snake_case code such as `input_validation`"),
                "code",
            ));
        } else if !ERROR_CODES.contains(&c) {
            out.push(
                at(
                    n,
                    Code::MutationErrorCode,
                    format!("MutationError code `{c}` is not one Plain documents"),
                    "code",
                )
                .with_note(format!("documented: {}", ERROR_CODES.join(", "))),
            );
        }
        if let Some((tn, t)) = e.get("type").and_then(|t| t.as_str().map(|s| (t, s))) {
            if (t == "FORBIDDEN") != (c == "forbidden") {
                out.push(at(
                    tn,
                    Code::MutationErrorShape,
                    format!("MutationError type `{t}` with code `{c}`: Plain pairs type FORBIDDEN with code `forbidden`"),
                    "type",
                ));
            }
        }
    }
}

/// PL006 and PL007: the documented bodies and headers of 401, 403 and 429.
/// Returns findings about the message (in `file`) and about the body (in the
/// body's own source, for the caller to place).
pub(crate) fn check_status(
    resp: &Message,
    file: &Source,
    body: Option<(&Node, &Source, &str)>,
    status: u16,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut head = Vec::new();
    let mut out = Vec::new();
    let want = match status {
        401 => "UNAUTHENTICATED",
        403 => "FORBIDDEN",
        429 => "RATE_LIMITED",
        _ => return (head, out),
    };
    if status == 429 {
        let missing: Vec<&str> = ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"]
            .into_iter()
            .filter(|h| resp.header(h).is_none())
            .collect();
        if !missing.is_empty() {
            head.push(
                Diagnostic::at(
                    Code::RateLimitHeaders,
                    format!("a 429 response must carry {}", missing.join(", ")),
                    file,
                    resp.node.start,
                    resp.node.len,
                )
                .with_pointer(&resp.pointer),
            );
        }
    }
    let note = format!("Plain answers {status} with {{\"errors\": [{{\"message\": ..., \"extensions\": {{\"code\": \"{want}\"}}}}]}}");
    let Some((body, source, body_base)) = body else {
        head.push(
            Diagnostic::at(
                Code::StatusBodyShape,
                format!("a {status} response must have a JSON body with `errors`"),
                file,
                resp.node.start,
                resp.node.len,
            )
            .with_pointer(&resp.pointer)
            .with_note(note),
        );
        return (head, out);
    };
    let shape = |n: &Node, ptr: String, msg: String| {
        Diagnostic::at(Code::StatusBodyShape, msg, source, n.start, n.len)
            .with_pointer(ptr)
            .with_note(note.clone())
    };
    let errs = match body.get("errors").map(|e| &e.value) {
        Some(Value::Array(items)) if !items.is_empty() => items,
        _ => {
            out.push(shape(
                body,
                body_base.to_string(),
                format!("a {status} body must hold a non-empty `errors` list"),
            ));
            return (head, out);
        }
    };
    for (i, e) in errs.iter().enumerate() {
        let ep = format!("{body_base}/errors/{i}");
        let code = e.get("extensions").and_then(|x| x.get("code"));
        match code {
            Some(c) if c.as_str() == Some(want) => {}
            Some(c) => out.push(shape(
                c,
                format!("{ep}/extensions/code"),
                format!("a {status} error's `extensions.code` must be `{want}`"),
            )),
            None => out.push(shape(
                e,
                ep.clone(),
                format!("a {status} error must carry `extensions.code` `{want}`"),
            )),
        }
        if e.get("message").and_then(Node::as_str).is_none() {
            out.push(shape(e, ep, format!("a {status} error must have a string `message`")));
        }
    }
    (head, out)
}

/// Where the request's query text stands, to place findings inside it.
pub(crate) struct QueryText<'a> {
    /// The string node holding the query.
    pub node: &'a Node,
    /// Its text.
    pub text: &'a str,
    /// Its pointer.
    pub pointer: String,
}

/// PL005 and PL008 on a request: identifier inputs and pagination arguments,
/// in variables and in literals of the executed operation.
pub(crate) fn check_request(
    schema: &GraphqlSchema,
    doc: &ExecutableDocument,
    op: &Operation,
    variables: Option<&Node>,
    vars_ptr: &str,
    query: &QueryText,
    source: &Source,
) -> Vec<Diagnostic> {
    let mut r = Rules {
        schema,
        op,
        variables,
        vars_ptr,
        query,
        source,
        out: Vec::new(),
    };
    for def in &op.variables {
        if let Some(v) = variables.and_then(|vs| vs.get(def.name.as_str())) {
            visit::json(&schema.schema, v, &def.ty, "", &mut r);
        }
    }
    visit::operation(&schema.schema, doc, op, Spreads::Once, &mut r);
    r.out
}

struct Rules<'a> {
    schema: &'a GraphqlSchema,
    op: &'a Operation,
    variables: Option<&'a Node>,
    vars_ptr: &'a str,
    query: &'a QueryText<'a>,
    source: &'a Source,
    out: Vec<Diagnostic>,
}

/// An argument's value as far as the rules need it.
enum Resolved<'n> {
    Absent,
    Null,
    Int(i64, Place<'n>),
    Other(Place<'n>),
}

#[derive(Clone, Copy)]
enum Place<'n> {
    /// In the variables (a node of the file).
    Json(&'n Node),
    /// In the query text, at a byte offset and length.
    Query(usize, usize),
}

impl<'a> Rules<'a> {
    fn is_plain_one_of(&self, name: &str) -> bool {
        // A schema that declares @oneOf already has GV009 / GQ002 for it.
        crate::contract::graphql::ONE_OF_IDENTIFIERS.contains(&name) && !self.schema.is_one_of(name)
    }

    fn diag(&self, code: Code, msg: String, place: Place) -> Diagnostic {
        match place {
            Place::Json(n) => {
                let ptr = self.pointer_of(n);
                Diagnostic::at(code, msg, self.source, n.start, n.len).with_pointer(ptr)
            }
            Place::Query(off, len) => {
                let at = embedded_offset(self.source, self.query.node, self.query.text, off);
                Diagnostic::at(code, msg, self.source, at, len).with_pointer(&self.query.pointer)
            }
        }
    }

    /// The pointer of a node inside `variables` (found by identity of position).
    fn pointer_of(&self, target: &Node) -> String {
        fn find(n: &Node, t: &Node, ptr: String, depth: usize) -> Option<String> {
            if std::ptr::eq(n, t) {
                return Some(ptr);
            }
            if depth > crate::node::MAX_DEPTH {
                return None;
            }
            match &n.value {
                Value::Object(m) => m.iter().find_map(|(k, v)| find(v, t, push_token(&ptr, &k.name), depth + 1)),
                Value::Array(a) => a
                    .iter()
                    .enumerate()
                    .find_map(|(i, v)| find(v, t, push_token(&ptr, &i.to_string()), depth + 1)),
                _ => None,
            }
        }
        self.variables
            .and_then(|vs| find(vs, target, self.vars_ptr.to_string(), 0))
            .unwrap_or_else(|| self.vars_ptr.to_string())
    }

    fn var(&self, name: &str) -> Option<&'a Node> {
        self.variables.and_then(|vs| vs.get(name))
    }

    fn resolve(&self, v: Option<&'a apollo_compiler::Node<AstValue>>) -> Resolved<'a> {
        let Some(v) = v else { return Resolved::Absent };
        match v.as_ref() {
            AstValue::Null => Resolved::Null,
            AstValue::Int(i) => {
                let (o, l) = span(v);
                match i.try_to_i32() {
                    Ok(x) => Resolved::Int(i64::from(x), Place::Query(o, l)),
                    Err(_) => Resolved::Other(Place::Query(o, l)),
                }
            }
            AstValue::Variable(name) => match self.var(name.as_str()) {
                Some(n) => match &n.value {
                    Value::Null => Resolved::Null,
                    Value::Number(x) => match x.as_i64() {
                        Some(i) => Resolved::Int(i, Place::Json(n)),
                        None => Resolved::Other(Place::Json(n)),
                    },
                    _ => Resolved::Other(Place::Json(n)),
                },
                None => {
                    let def = self.op.variables.iter().find(|d| d.name == *name);
                    match def.and_then(|d| d.default_value.as_ref()) {
                        Some(dv) => self.resolve(Some(dv)),
                        None => Resolved::Absent,
                    }
                }
            },
            _ => {
                let (o, l) = span(v);
                Resolved::Other(Place::Query(o, l))
            }
        }
    }

    /// PL008 (SEMANTICS §2 Pagination).
    fn pagination(&mut self, f: &FieldAt<'a>) {
        let has = |n: &str| f.definition.argument_by_name(n).is_some();
        if !(has("first") && has("last")) {
            return;
        }
        let arg = |n: &str| f.arguments.iter().find(|a| a.name == n).map(|a| &a.value);
        let first = self.resolve(arg("first"));
        let last = self.resolve(arg("last"));
        let after = self.resolve(arg("after"));
        let before = self.resolve(arg("before"));
        let set = |r: &Resolved| !matches!(r, Resolved::Absent | Resolved::Null);
        fn place<'n>(r: &Resolved<'n>) -> Option<Place<'n>> {
            match r {
                Resolved::Int(_, p) | Resolved::Other(p) => Some(*p),
                _ => None,
            }
        }
        let field = f.response_key().to_string();
        for (size, other, a, b) in [(&first, &before, "first", "before"), (&last, &after, "last", "after")] {
            if set(size) && set(other) {
                if let Some(p) = place(other) {
                    let d = self.diag(
                        Code::Pagination,
                        format!("`{field}` is given `{a}` with `{b}`; Plain pages forward with first/after or backward with last/before"),
                        p,
                    );
                    self.out.push(d);
                }
            }
            if let Resolved::Int(n, p) = size {
                if !(0..=MAX_PAGE_SIZE).contains(n) {
                    let d = self.diag(
                        Code::Pagination,
                        format!("`{field}` asks for a page of {n}; the page size is 0 to {MAX_PAGE_SIZE} (default 25)"),
                        *p,
                    );
                    self.out.push(d);
                }
            }
        }
    }
}

/// The walk of [`check_request`]: literals in field arguments (not in
/// directives' arguments or variables' defaults), then each field's pagination.
impl<'a> Visitor<'a> for Rules<'a> {
    fn variable(&mut self, _: &'a apollo_compiler::Node<VariableDefinition>) -> bool {
        false
    }

    fn directive(&mut self, _: &'a apollo_compiler::Node<Directive>, _: &'a DirectiveDefinition) -> bool {
        false
    }

    fn arguments_done(&mut self, f: &FieldAt<'a>) {
        self.pagination(f);
    }

    /// PL005 in a literal of type `ty`; a list or object goes below only
    /// where the type is one.
    fn value(&mut self, v: &'a apollo_compiler::Node<AstValue>, ty: &'a Type) -> bool {
        match (v.as_ref(), ty) {
            (AstValue::List(_), Type::List(_) | Type::NonNullList(_)) => true,
            (AstValue::Object(fields), Type::Named(n) | Type::NonNullNamed(n)) => {
                if self.is_plain_one_of(n.as_str()) && self.schema.schema.get_input_object(n.as_str()).is_some() {
                    let given: Vec<&str> = fields
                        .iter()
                        .filter(|(_, x)| match x.as_ref() {
                            AstValue::Null => false,
                            // Without a request (an operation file), a variable may hold anything.
                            AstValue::Variable(var) => {
                                self.variables.is_none() || self.var(var.as_str()).is_some_and(|n| n.value != Value::Null)
                            }
                            _ => true,
                        })
                        .map(|(k, _)| k.as_str())
                        .collect();
                    if given.len() != 1 {
                        let (off, len) = span(v);
                        let d = self.diag(Code::ExactlyOneIdentifier, String::new(), Place::Query(off, len));
                        self.out.push(one_of_msg(d, n.as_str(), &given));
                    }
                }
                true
            }
            (AstValue::List(_) | AstValue::Object(_), _) => false,
            _ => true,
        }
    }
}

/// PL005 in the request's JSON variables: lists where the type is one, and
/// objects only of types that reach an identifier input.
impl<'a> JsonVisitor<'a> for Rules<'a> {
    fn json_value(&mut self, v: &'a Node, ty: &'a Type, _: &str) -> bool {
        match (ty, &v.value) {
            (Type::List(_) | Type::NonNullList(_), Value::Array(_)) => true,
            (Type::Named(n) | Type::NonNullNamed(n), Value::Object(members)) => {
                if !self.schema.reaches_identifier_input(n.as_str()) {
                    return false;
                }
                if self.schema.schema.get_input_object(n.as_str()).is_some() && self.is_plain_one_of(n.as_str()) {
                    let given: Vec<&str> = members
                        .iter()
                        .filter(|(_, x)| x.value != Value::Null)
                        .map(|(k, _)| k.name.as_str())
                        .collect();
                    if given.len() != 1 {
                        let d = self.diag(Code::ExactlyOneIdentifier, String::new(), Place::Json(v));
                        self.out.push(one_of_msg(d, n.as_str(), &given));
                    }
                }
                true
            }
            _ => false,
        }
    }
}

fn one_of_msg(mut d: Diagnostic, ty: &str, given: &[&str]) -> Diagnostic {
    d.message = if given.is_empty() {
        format!("`{ty}` must identify by exactly one field; none is given")
    } else {
        format!(
            "`{ty}` must identify by exactly one field; {} are given ({})",
            given.len(),
            given.join(", ")
        )
    };
    d.with_note("Plain documents identifier inputs as \"one of\" (SEMANTICS.md §1, §2), whether or not the schema says @oneOf")
}

/// Byte offset and length of a value in the query text.
fn span(v: &apollo_compiler::Node<AstValue>) -> (usize, usize) {
    v.location().map_or((0, 0), |l| (l.offset(), l.end_offset() - l.offset()))
}
