//! Drift: the live response compared with the recorded one, by the schema.
//!
//! The operation's selection set, resolved against the schema
//! (apollo-compiler), gives every response key its field and type, so values
//! that differ by nature are told apart from drift: an `ID`, a `DateTime`
//! (Plain's object type, with its `iso8601` and `unixTimestamp`) and a cursor
//! (`cursor`, `startCursor`, `endCursor`, or a type named `…Cursor`) are never
//! compared. Other scalars (names, emails, counts) are data, not contract, and
//! only their kind is compared. What is compared: presence, null against
//! non-null, the kind of a value, enum values (`result` reported as its own
//! kind), `MutationError.code`, and each error's `extensions.code`. Lists are
//! compared item by item up to the shorter one (how many items a list holds is
//! data). Fixture matchers (docs/verify.md) take precedence where they apply.
//!
//! Written here rather than with a JSON diff crate: a generic diff reports
//! every differing value, IDs and timestamps included, and knows nothing of
//! the schema types that decide what is drift.

use super::matchers::{self, Found};
use crate::exchange::Matcher;
use crate::outcome::replays::Difference;
use apollo_compiler::executable::{ExecutableDocument, Selection, SelectionSet};
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::Schema;
use serde_json::Value;
use std::collections::HashMap;

/// What a response value is, as far as drift goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cat {
    /// Values never compared (IDs, DateTimes), but null against non-null is.
    Ignored,
    /// Never compared at all: cursors (null where a page is empty).
    Cursor,
    /// An enum: its value is compared.
    Enum,
    /// `MutationError.code`: its value is compared.
    ErrorCode,
    /// Any other scalar: only its kind.
    Scalar,
    /// An object, interface or union: its fields.
    Composite,
}

/// A response key's field.
#[derive(Debug, Clone)]
struct Field {
    name: String,
    cat: Cat,
    sub: Option<Shape>,
}

/// The response keys of a selection set.
#[derive(Debug, Clone, Default)]
pub(crate) struct Shape {
    fields: HashMap<String, Field>,
}

/// How deep fragments may nest while a shape is built (a cycle is a
/// validation error, but the partial document may still hold one).
const MAX_SHAPE_DEPTH: usize = 64;

impl Shape {
    /// The shape of `operation` (by name, or the only one) in `doc`.
    pub(crate) fn of(schema: &Schema, doc: &ExecutableDocument, operation: Option<&str>) -> Option<Shape> {
        let op = doc.operations.get(operation).ok()?;
        let mut shape = Shape::default();
        build(schema, doc, &op.selection_set, &mut shape, 0);
        Some(shape)
    }
}

fn build(schema: &Schema, doc: &ExecutableDocument, set: &SelectionSet, out: &mut Shape, depth: usize) {
    if depth > MAX_SHAPE_DEPTH {
        return;
    }
    for sel in &set.selections {
        match sel {
            Selection::Field(f) => {
                let ty = f.definition.ty.inner_named_type();
                let name = f.name.as_str();
                let cursor = matches!(name, "cursor" | "startCursor" | "endCursor") || ty.as_str().ends_with("Cursor");
                let cat = match schema.types.get(ty) {
                    _ if cursor => Cat::Cursor,
                    _ if ty == "ID" || ty == "DateTime" => Cat::Ignored,
                    Some(ExtendedType::Enum(_)) => Cat::Enum,
                    Some(ExtendedType::Scalar(_)) | None if name == "code" && set.ty == "MutationError" => Cat::ErrorCode,
                    Some(ExtendedType::Scalar(_)) | None => Cat::Scalar,
                    Some(_) => Cat::Composite,
                };
                let entry = out.fields.entry(f.response_key().to_string()).or_insert_with(|| Field {
                    name: name.to_string(),
                    cat,
                    sub: None,
                });
                if !f.selection_set.selections.is_empty() {
                    build(
                        schema,
                        doc,
                        &f.selection_set,
                        entry.sub.get_or_insert_with(Shape::default),
                        depth + 1,
                    );
                }
            }
            Selection::FragmentSpread(s) => {
                if let Some(frag) = doc.fragments.get(&s.fragment_name) {
                    build(schema, doc, &frag.selection_set, out, depth + 1);
                }
            }
            Selection::InlineFragment(i) => build(schema, doc, &i.selection_set, out, depth + 1),
        }
    }
}

/// A walk's state: the matchers, the differences found, the IDs learned.
pub(crate) struct Walk<'m> {
    matchers: &'m [Matcher],
    /// The differences found.
    pub differences: Vec<Difference>,
    /// Recorded ID → live ID, for the requests that follow.
    pub ids: Vec<(String, String)>,
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl<'m> Walk<'m> {
    pub(crate) fn new(matchers: &'m [Matcher]) -> Walk<'m> {
        Walk {
            matchers,
            differences: Vec::new(),
            ids: Vec::new(),
        }
    }

    fn diff(&mut self, pointer: &str, kind: &'static str, recorded: Option<&Value>, live: Option<&Value>) {
        self.differences.push(Difference {
            pointer: pointer.to_string(),
            kind,
            recorded: recorded.cloned().unwrap_or(Value::Null),
            live: live.cloned().unwrap_or(Value::Null),
        });
    }

    /// Compares two response bodies (`/body/...` pointers), `shape` being
    /// the operation's when it is known.
    pub(crate) fn bodies(&mut self, recorded: &Value, live: &Value, shape: Option<&Shape>) {
        let (Value::Object(r), Value::Object(l)) = (recorded, live) else {
            self.value(recorded, live, "/body", &mut Vec::new(), None, false);
            return;
        };
        let mut tokens = Vec::new();
        for (k, rv) in r {
            let p = format!("/body/{}", crate::node::escape_token(k));
            tokens.push(k.clone());
            match (k.as_str(), l.get(k)) {
                (_, None) => {
                    if self.matcher(&tokens).is_none_or(|m| !matches!(m, Found::Ignore)) {
                        self.diff(&p, "removed", Some(rv), None);
                    }
                }
                ("data", Some(lv)) => match shape {
                    Some(s) => self.object_or_null(rv, lv, &p, &mut tokens, s),
                    None => self.value(rv, lv, &p, &mut tokens, None, false),
                },
                ("errors", Some(lv)) => self.errors(rv, lv, &p, &mut tokens),
                (_, Some(lv)) => self.value(rv, lv, &p, &mut tokens, None, false),
            }
            tokens.pop();
        }
        for (k, lv) in l {
            if !r.contains_key(k) && self.matcher(std::slice::from_ref(k)).is_none_or(|m| !matches!(m, Found::Ignore)) {
                self.diff(&format!("/body/{}", crate::node::escape_token(k)), "added", None, Some(lv));
            }
        }
    }

    fn matcher(&self, tokens: &[String]) -> Option<Found<'m>> {
        matchers::find(self.matchers, tokens)
    }

    fn object_or_null(&mut self, r: &Value, l: &Value, p: &str, tokens: &mut Vec<String>, shape: &Shape) {
        let field = Field {
            name: "data".into(),
            cat: Cat::Composite,
            sub: Some(shape.clone()),
        };
        self.value(r, l, p, tokens, Some(&field), false);
    }

    /// `errors`: presence, then each error's `extensions.code`, pairwise.
    fn errors(&mut self, r: &Value, l: &Value, p: &str, tokens: &mut Vec<String>) {
        match (r, l) {
            (Value::Array(ra), Value::Array(la)) => {
                for (i, (re, le)) in ra.iter().zip(la).enumerate() {
                    let rc = re.pointer("/extensions/code");
                    let lc = le.pointer("/extensions/code");
                    tokens.extend([i.to_string(), "extensions".into(), "code".into()]);
                    let m = self.matcher(tokens);
                    tokens.truncate(tokens.len() - 3);
                    if rc != lc && m.is_none() {
                        self.diff(&format!("{p}/{i}/extensions/code"), "error-code", rc, lc);
                    }
                }
                if ra.len() > la.len() {
                    self.diff(&format!("{p}/{}", la.len()), "removed", ra.get(la.len()), None);
                } else if la.len() > ra.len() {
                    self.diff(&format!("{p}/{}", ra.len()), "added", None, la.get(ra.len()));
                }
            }
            _ => self.value(r, l, p, tokens, None, false),
        }
    }

    /// Compares one value. `field` is the response key's field when known;
    /// `loose` (under a `type` matcher) compares kinds only.
    fn value(&mut self, r: &Value, l: &Value, p: &str, tokens: &mut Vec<String>, field: Option<&Field>, loose: bool) {
        if tokens.len() > crate::node::MAX_DEPTH {
            return;
        }
        let mut loose = loose;
        match self.matcher(tokens) {
            Some(Found::Ignore) => return,
            Some(Found::Equal) => {
                if r != l {
                    self.diff(p, "value", Some(r), Some(l));
                }
                return;
            }
            Some(Found::Regex(re)) => {
                let text = match l {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    Value::Bool(b) => Some(b.to_string()),
                    _ => None,
                };
                if !text.is_some_and(|t| re.is_match(&t)) {
                    self.diff(p, "regex", Some(r), Some(l));
                }
                return;
            }
            Some(Found::Type) => loose = true,
            None => {}
        }
        let cat = field.map(|f| f.cat);
        if cat == Some(Cat::Cursor) {
            return;
        }
        if cat == Some(Cat::Ignored) {
            if let (Value::String(a), Value::String(b)) = (r, l) {
                if a != b {
                    self.ids.push((a.clone(), b.clone()));
                }
            }
            if !(r.is_null() || l.is_null()) || r.is_null() == l.is_null() {
                return;
            }
        }
        match (r, l) {
            (Value::Null, Value::Null) => {}
            (Value::Null, _) => self.diff(p, "non-null", Some(r), Some(l)),
            (_, Value::Null) => self.diff(p, "null", Some(r), Some(l)),
            _ if kind(r) != kind(l) => self.diff(p, "type", Some(r), Some(l)),
            (Value::Object(ro), Value::Object(lo)) => {
                let sub = field.and_then(|f| f.sub.as_ref());
                for (k, rv) in ro {
                    let kp = format!("{p}/{}", crate::node::escape_token(k));
                    tokens.push(k.clone());
                    let f = sub.and_then(|s| s.fields.get(k));
                    match lo.get(k) {
                        Some(lv) => self.value(rv, lv, &kp, tokens, f, loose),
                        None if !matches!(self.matcher(tokens), Some(Found::Ignore)) => self.diff(&kp, "removed", Some(rv), None),
                        None => {}
                    }
                    tokens.pop();
                }
                for (k, lv) in lo {
                    if !ro.contains_key(k) {
                        tokens.push(k.clone());
                        if !matches!(self.matcher(tokens), Some(Found::Ignore)) {
                            self.diff(&format!("{p}/{}", crate::node::escape_token(k)), "added", None, Some(lv));
                        }
                        tokens.pop();
                    }
                }
            }
            (Value::Array(ra), Value::Array(la)) => {
                for (i, (rv, lv)) in ra.iter().zip(la).enumerate() {
                    tokens.push(i.to_string());
                    self.value(rv, lv, &format!("{p}/{i}"), tokens, field, loose);
                    tokens.pop();
                }
            }
            _ if loose || r == l => {}
            _ => match field {
                Some(f) if f.cat == Cat::Enum => self.diff(p, if f.name == "result" { "result" } else { "enum" }, Some(r), Some(l)),
                Some(f) if f.cat == Cat::ErrorCode => self.diff(p, "error-code", Some(r), Some(l)),
                _ => {}
            },
        }
    }
}
