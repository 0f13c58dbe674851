//! The GraphQL layer of a response (GraphQL spec §7 Response, §6.3-§6.4
//! Executing Selection Sets and Fields): the response map, its `errors`, and
//! `data` against the executed operation's selection set.
//!
//! Why written here: no library checks a *recorded* response against a
//! selection set and reports every problem with a pointer. graphql-js and
//! apollo-compiler execute operations, they do not audit results. This walker
//! follows the spec's CollectFields (§6.3.2: `@skip`/`@include` evaluated with
//! the request's variables, fragments applied only to matching types) for the
//! concrete type of each object, which it takes from `__typename` when it is
//! selected. Each value is then held to CompleteValue (§6.4.3): scalars of the
//! right kind and range, enum values of their enum, lists and objects in
//! full, and a null in a non-null position only under an error whose `path`
//! is at or below it (§6.4.4). The typed selection sets come from
//! apollo-compiler's validated `ExecutableDocument`.
//!
//! Recursion follows the selection set, whose depth the GraphQL parser
//! bounds; a response nested deeper than its selection meets a leaf (a
//! scalar or enum) and is reported there, without descending. The fields of
//! each object are collected by the crate's one walk
//! ([`visit::collect_fields`]), and the walk along the response stops at its
//! one depth limit ([`crate::node::MAX_DEPTH`], which no JSON tree read here
//! exceeds), so the response walk has no limit of its own.

use crate::contract::GraphqlSchema;
use crate::diagnostic::{Code, Diagnostic};
use crate::node::{escape_token, push_token, Node, Value};
use crate::source::Source;
use crate::visit;
use apollo_compiler::ast::Value as AstValue;
use apollo_compiler::executable::{ExecutableDocument, Field, Operation, SelectionSet};
use apollo_compiler::schema::{ExtendedType, Type};
use apollo_compiler::validation::Valid;
use indexmap::IndexMap;

/// What the response layer needs of the request.
pub struct Executed<'a> {
    /// The validated document.
    pub doc: &'a Valid<ExecutableDocument>,
    /// The operation that ran.
    pub operation: &'a Operation,
    /// The request's `variables`, for `@skip`/`@include`.
    pub variables: Option<&'a Node>,
}

/// Checks a GraphQL response body (`body` at `base` in `source`). With no
/// `executed` operation (the request was not valid), only the response map
/// and its errors are checked.
pub fn check_response(schema: &GraphqlSchema, executed: Option<&Executed>, body: &Node, source: &Source, base: &str) -> Vec<Diagnostic> {
    let mut w = Walker {
        schema,
        source,
        base,
        out: Vec::new(),
        error_paths: Vec::new(),
        path: String::new(),
        marks: Vec::new(),
        executed,
    };
    w.response(body);
    w.out
}

struct Walker<'a> {
    schema: &'a GraphqlSchema,
    source: &'a Source,
    base: &'a str,
    out: Vec<Diagnostic>,
    /// The `path` of each error, as a pointer below `data`.
    error_paths: Vec<String>,
    /// The current response path, as a pointer below `data` (no allocation per step).
    path: String,
    /// Where each segment of `path` starts.
    marks: Vec<usize>,
    executed: Option<&'a Executed<'a>>,
}

impl<'a> Walker<'a> {
    fn ptr(&self) -> String {
        format!("{}/data{}", self.base, self.path)
    }

    fn enter(&mut self, key: &str) {
        self.marks.push(self.path.len());
        self.path.push('/');
        self.path.push_str(&escape_token(key));
    }

    fn enter_index(&mut self, i: usize) {
        use std::fmt::Write;
        self.marks.push(self.path.len());
        let _ = write!(self.path, "/{i}");
    }

    fn leave(&mut self) {
        if let Some(m) = self.marks.pop() {
            self.path.truncate(m);
        }
    }

    fn push(&mut self, code: Code, msg: String, n: &Node, ptr: String) -> &mut Diagnostic {
        self.out
            .push(Diagnostic::at(code, msg, self.source, n.start, n.len).with_pointer(ptr));
        let i = self.out.len() - 1;
        &mut self.out[i]
    }

    fn response(&mut self, body: &Node) {
        let Some(members) = body.members() else {
            self.push(
                Code::ResponseShape,
                format!("a GraphQL response must be an object, found {}", body.kind()),
                body,
                self.base.to_string(),
            );
            return;
        };
        for (k, _) in members {
            if !matches!(k.name.as_str(), "data" | "errors" | "extensions") {
                self.out.push(
                    Diagnostic::at(
                        Code::ResponseShape,
                        format!("the response map holds `{}`; only data, errors and extensions are allowed", k.name),
                        self.source,
                        k.start,
                        k.name.len() + 2,
                    )
                    .with_pointer(push_token(self.base, &k.name))
                    .with_note("GraphQL spec §7.1: the top level must not contain any other entries"),
                );
            }
        }
        let errors = body.get("errors").filter(|e| e.value != Value::Null);
        let data = body.get("data");
        if let Some(errs) = errors {
            self.errors(errs);
        }
        let has_errors = errors.is_some_and(|e| matches!(&e.value, Value::Array(a) if !a.is_empty()));
        match data {
            None if errors.is_none() => {
                self.push(
                    Code::ResponseShape,
                    "the response has neither `data` nor `errors`".into(),
                    body,
                    self.base.to_string(),
                );
            }
            None => {}
            Some(d) if d.value == Value::Null && !has_errors => {
                self.push(
                    Code::ResponseShape,
                    "`data` is null but there are no `errors` to say why".into(),
                    d,
                    push_token(self.base, "data"),
                )
                .notes
                .push("GraphQL spec §7.1.1: data is null only when an error prevented a result".into());
            }
            Some(d) if d.value == Value::Null => {}
            Some(d) if d.members().is_some() => {
                if let Some(ex) = self.executed {
                    let root = &ex.operation.selection_set;
                    self.object(d, root.ty.as_str(), &[root]);
                }
            }
            Some(d) => {
                self.push(
                    Code::ResponseShape,
                    format!("`data` must be an object or null, found {}", d.kind()),
                    d,
                    push_token(self.base, "data"),
                );
            }
        }
    }

    fn errors(&mut self, errs: &Node) {
        let eptr = push_token(self.base, "errors");
        let Value::Array(items) = &errs.value else {
            self.push(
                Code::ResponseShape,
                format!("`errors` must be a list, found {}", errs.kind()),
                errs,
                eptr,
            );
            return;
        };
        if items.is_empty() {
            self.push(
                Code::ResponseShape,
                "`errors` is an empty list; when present it must hold at least one error".into(),
                errs,
                eptr.clone(),
            )
            .notes
            .push("GraphQL spec §7.1.2: if the errors entry is present, it must contain at least one error".into());
        }
        for (i, e) in items.iter().enumerate() {
            let p = push_token(&eptr, &i.to_string());
            if e.members().is_none() {
                self.push(Code::ErrorEntry, format!("an error must be an object, found {}", e.kind()), e, p);
                continue;
            }
            match e.get("message") {
                Some(m) if m.as_str().is_some() => {}
                Some(m) => {
                    self.push(
                        Code::ErrorEntry,
                        format!("an error's `message` must be a string, found {}", m.kind()),
                        m,
                        push_token(&p, "message"),
                    );
                }
                None => {
                    self.push(Code::ErrorEntry, "an error must have a `message`".into(), e, p.clone());
                }
            }
            if let Some(locs) = e.get("locations") {
                self.locations(locs, &push_token(&p, "locations"));
            }
            if let Some(path) = e.get("path") {
                let pp = push_token(&p, "path");
                match &path.value {
                    Value::Array(segs) => {
                        let mut ok = Vec::new();
                        for (j, s) in segs.iter().enumerate() {
                            match &s.value {
                                Value::String(x) => ok.push(escape_token(x).into_owned()),
                                Value::Number(x) if x.as_u64().is_some() => ok.push(x.to_string()),
                                _ => {
                                    self.push(
                                        Code::ErrorEntry,
                                        format!(
                                            "a `path` segment must be a field name (string) or a list index (integer ≥ 0), found {}",
                                            s.kind()
                                        ),
                                        s,
                                        push_token(&pp, &j.to_string()),
                                    );
                                }
                            }
                        }
                        if ok.len() == segs.len() {
                            self.error_paths.push(ok.iter().map(|s| format!("/{s}")).collect());
                        }
                    }
                    Value::Null => {}
                    _ => {
                        self.push(
                            Code::ErrorEntry,
                            format!("an error's `path` must be a list, found {}", path.kind()),
                            path,
                            pp,
                        );
                    }
                }
            }
            if let Some(x) = e.get("extensions") {
                if x.members().is_none() && x.value != Value::Null {
                    self.push(
                        Code::ErrorEntry,
                        format!("an error's `extensions` must be an object, found {}", x.kind()),
                        x,
                        push_token(&p, "extensions"),
                    );
                }
            }
        }
    }

    fn locations(&mut self, locs: &Node, ptr: &str) {
        let Value::Array(items) = &locs.value else {
            self.push(
                Code::ErrorEntry,
                format!("`locations` must be a list, found {}", locs.kind()),
                locs,
                ptr.to_string(),
            );
            return;
        };
        for (i, l) in items.iter().enumerate() {
            let lp = push_token(ptr, &i.to_string());
            for key in ["line", "column"] {
                let good = l
                    .get(key)
                    .is_some_and(|v| matches!(&v.value, Value::Number(x) if x.as_u64().is_some_and(|x| x >= 1)));
                if !good {
                    let (n, p) = match l.get(key) {
                        Some(v) => (v, push_token(&lp, key)),
                        None => (l, lp.clone()),
                    };
                    self.push(
                        Code::ErrorEntry,
                        format!("a location needs `{key}`, a positive integer (1-based)"),
                        n,
                        p,
                    );
                }
            }
        }
    }

    /// Is there an error whose path is at or below the current path?
    fn error_at_or_below(&self) -> bool {
        self.error_paths.iter().any(|p| {
            p.strip_prefix(self.path.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    }

    fn exec(&self) -> Option<&'a Executed<'a>> {
        self.executed
    }

    /// Evaluates `@skip(if:)` / `@include(if:)` (§3.13) with the request's variables.
    fn included(&self, directives: &apollo_compiler::executable::DirectiveList) -> bool {
        let eval = |name: &str| -> Option<bool> {
            let d = directives.get(name)?;
            let v = d.specified_argument_by_name("if")?;
            match v.as_ref() {
                AstValue::Boolean(b) => Some(*b),
                AstValue::Variable(var) => {
                    let ex = self.exec()?;
                    match ex.variables.and_then(|vs| vs.get(var.as_str())).map(|n| &n.value) {
                        Some(Value::Bool(b)) => Some(*b),
                        _ => ex
                            .operation
                            .variables
                            .iter()
                            .find(|d| d.name == *var)
                            .and_then(|d| d.default_value.as_ref())
                            .and_then(|v| v.to_bool()),
                    }
                }
                _ => None,
            }
        };
        eval("skip") != Some(true) && eval("include") != Some(false)
    }

    /// CollectFields (§6.3.2) over several selection sets (merged subfields),
    /// by the one walk's [`visit::collect_fields`].
    fn collect<'s>(&self, object_type: &str, sets: &[&'s SelectionSet], out: &mut IndexMap<&'s str, Vec<&'s Field>>)
    where
        'a: 's,
    {
        let Some(ex) = self.exec() else { return };
        let doc: &'s ExecutableDocument = ex.doc;
        visit::collect_fields(&self.schema.schema, doc, object_type, sets, &|d| self.included(d), out);
    }

    /// The object types a value of `ty` may have.
    fn possible_types(&self, ty: &str) -> Vec<String> {
        match self.schema.schema.types.get(ty) {
            Some(ExtendedType::Object(_)) => vec![ty.to_string()],
            Some(ExtendedType::Union(u)) => u.members.iter().map(|m| m.name.to_string()).collect(),
            Some(ExtendedType::Interface(_)) => self
                .schema
                .schema
                .types
                .iter()
                .filter(|(n, t)| matches!(t, ExtendedType::Object(_)) && self.schema.schema.is_subtype(ty, n.as_str()))
                .map(|(n, _)| n.to_string())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Checks an object value of declared type `ty` (object, interface or union).
    fn object(&mut self, n: &Node, ty: &str, sets: &[&SelectionSet]) {
        let Some(members) = n.members() else { return };
        let possible = self.possible_types(ty);
        // The concrete type: __typename when selected, else the only candidate,
        // else the candidates whose collected keys are exactly the given ones.
        let mut fields = IndexMap::new();
        if possible.len() == 1 {
            self.collect(&possible[0], sets, &mut fields);
        }
        let typename_key = {
            let mut any = IndexMap::new();
            if possible.len() != 1 {
                for t in &possible {
                    self.collect(t, sets, &mut any);
                }
            }
            let all = if possible.len() == 1 { &fields } else { &any };
            all.iter()
                .find(|(_, fs)| fs.iter().any(|f| f.name == "__typename"))
                .map(|(k, _)| k.to_string())
        };
        let given = typename_key.as_deref().and_then(|k| n.get(k));
        // A __typename that is not a string is reported, then ignored.
        let given_name = match given.map(|g| (g, g.as_str())) {
            Some((_, Some(name))) => Some(name),
            Some((g, None)) => {
                let k = typename_key.clone().unwrap_or_default();
                self.enter(&k);
                let ptr = self.ptr();
                self.leave();
                self.push(
                    Code::ResponseValueKind,
                    format!("`__typename` must be a string, found {}", g.kind()),
                    g,
                    ptr,
                );
                None
            }
            None => None,
        };
        let concrete: Option<String> = match (given, given_name) {
            (Some(g), Some(name)) => {
                if possible.iter().any(|p| p == name) {
                    Some(name.to_string())
                } else {
                    let k = typename_key.clone().unwrap_or_default();
                    self.enter(&k);
                    let ptr = self.ptr();
                    self.leave();
                    let expected = if possible.len() == 1 {
                        format!("`{}`", possible[0])
                    } else {
                        format!("one of {}", possible.join(", "))
                    };
                    self.push(
                        Code::ResponseTypename,
                        format!("`__typename` is `{name}`, but a value of `{ty}` here must be {expected}"),
                        g,
                        ptr,
                    );
                    None
                }
            }
            _ if possible.len() == 1 => possible.first().cloned(),
            _ => {
                let keys: Vec<&str> = members.iter().map(|(k, _)| k.name.as_str()).collect();
                let shapes: Vec<(&String, Vec<String>)> = possible
                    .iter()
                    .map(|t| {
                        let mut c = IndexMap::new();
                        self.collect(t, sets, &mut c);
                        (t, c.keys().map(|k| k.to_string()).collect())
                    })
                    .collect();
                let fits: Vec<&String> = shapes
                    .iter()
                    .filter(|(_, c)| c.len() == keys.len() && keys.iter().all(|k| c.iter().any(|x| x == k)))
                    .map(|(t, _)| *t)
                    .collect();
                let distinct: std::collections::HashSet<&Vec<String>> = shapes.iter().map(|(_, c)| c).collect();
                if fits.len() == 1 || distinct.len() == 1 {
                    fits.first().map(|s| (*s).clone()).or_else(|| possible.first().cloned())
                } else if fits.is_empty() {
                    // No possible type has exactly these keys: check against the
                    // closest one, so the stray and missing keys are reported.
                    let score = |c: &Vec<String>| {
                        let hit = keys.iter().filter(|k| c.iter().any(|x| x == *k)).count();
                        (hit, usize::MAX - (c.len() - hit))
                    };
                    shapes.iter().max_by_key(|(_, c)| score(c)).map(|(t, _)| (*t).clone())
                } else {
                    let ptr = self.ptr();
                    let d = self.push(
                        Code::ResponseAmbiguousType,
                        format!("this `{ty}` has no `__typename` and its keys fit {} of its possible types; its type-conditioned fields were not checked", fits.len()),
                        n,
                        ptr,
                    );
                    d.notes
                        .push("select `__typename` so recordings show which type the server resolved".into());
                    None
                }
            }
        };
        let Some(concrete) = concrete else { return };
        if possible.len() != 1 {
            self.collect(&concrete, sets, &mut fields);
        }
        for (k, v) in members {
            if !fields.contains_key(k.name.as_str()) {
                self.enter(&k.name);
                let ptr = self.ptr();
                self.leave();
                self.out.push(
                    Diagnostic::at(
                        Code::ResponseKeyExtra,
                        format!("`{}` is not selected here (type `{concrete}`)", k.name),
                        self.source,
                        k.start,
                        k.name.len() + 2,
                    )
                    .with_pointer(ptr),
                );
                let _ = v;
            }
        }
        for (key, fs) in &fields {
            let Some(v) = n.get(key) else {
                let ptr = self.ptr();
                let alias = fs
                    .first()
                    .filter(|f| f.alias.is_some())
                    .map(|f| format!(" (alias of `{}`)", f.name))
                    .unwrap_or_default();
                self.push(
                    Code::ResponseKeyMissing,
                    format!("`{key}`{alias} is selected on `{concrete}` but missing from the response"),
                    n,
                    ptr,
                );
                continue;
            };
            let Some(first) = fs.first() else { continue };
            let ty = first.ty().clone();
            let subsets: Vec<&SelectionSet> = fs.iter().map(|f| &f.selection_set).collect();
            self.enter(key);
            if first.name == "__typename" {
                // Checked above, where it chose the type.
            } else {
                self.value(v, &ty, &subsets);
            }
            self.leave();
        }
    }

    /// CompleteValue (§6.4.3) for a value of type `ty`.
    fn value(&mut self, v: &Node, ty: &Type, sets: &[&SelectionSet]) {
        if self.marks.len() > crate::node::MAX_DEPTH {
            return;
        }
        if v.value == Value::Null {
            if ty.is_non_null() && !self.error_at_or_below() {
                let ptr = self.ptr();
                self.push(
                    Code::ResponseNull,
                    format!("null in a non-null position (`{ty}`), with no error at or below this path"),
                    v,
                    ptr,
                );
            }
            return;
        }
        match ty {
            Type::List(inner) | Type::NonNullList(inner) => {
                let Value::Array(items) = &v.value else {
                    let ptr = self.ptr();
                    self.push(
                        Code::ResponseValueKind,
                        format!("expected a list (`{ty}`), found {}", v.kind()),
                        v,
                        ptr,
                    );
                    return;
                };
                for (i, it) in items.iter().enumerate() {
                    self.enter_index(i);
                    self.value(it, inner, sets);
                    self.leave();
                }
            }
            Type::Named(name) | Type::NonNullNamed(name) => self.named(v, name.as_str(), sets),
        }
    }

    fn named(&mut self, v: &Node, name: &str, sets: &[&SelectionSet]) {
        let kind_err = |w: &mut Self, want: &str| {
            let ptr = w.ptr();
            w.push(
                Code::ResponseValueKind,
                format!("expected {want} (`{name}`), found {}", v.kind()),
                v,
                ptr,
            );
        };
        match self.schema.schema.types.get(name) {
            Some(ExtendedType::Scalar(_)) => match name {
                "Int" => match &v.value {
                    Value::Number(x) if x.as_i64().is_some_and(|i| i32::try_from(i).is_ok()) => {}
                    Value::Number(x)
                        if x.as_i64().is_some()
                            || x.as_u64().is_some()
                            || x.as_f64().is_some_and(|f| f.fract() == 0.0 && f.abs() > 2_147_483_647.0) =>
                    {
                        let ptr = self.ptr();
                        self.push(
                            Code::ResponseValueKind,
                            format!("Int `{x}` is outside the signed 32-bit range"),
                            v,
                            ptr,
                        );
                    }
                    _ => kind_err(self, "an integer"),
                },
                "Float" if !matches!(v.value, Value::Number(_)) => kind_err(self, "a number"),
                "String" if v.as_str().is_none() => kind_err(self, "a string"),
                "Boolean" if !matches!(v.value, Value::Bool(_)) => kind_err(self, "a boolean"),
                "ID" if v.as_str().is_none() => {
                    let ptr = self.ptr();
                    let d = self.push(
                        Code::ResponseValueKind,
                        format!("an ID must be serialized as a string, found {}", v.kind()),
                        v,
                        ptr,
                    );
                    d.notes
                        .push("GraphQL spec §3.5.5: ID is serialized in the same way as a String".into());
                }
                // Custom scalars: their serialization is the server's; any JSON but
                // a structure that betrays a missing selection set is accepted.
                _ => {}
            },
            Some(ExtendedType::Enum(e)) => match v.as_str() {
                Some(s) if e.values.contains_key(s) => {}
                Some(s) => {
                    let ptr = self.ptr();
                    let values: Vec<&str> = e.values.keys().map(|k| k.as_str()).collect();
                    self.push(Code::ResponseEnumValue, format!("`{s}` is not a value of enum `{name}`"), v, ptr)
                        .notes
                        .push(format!("values: {}", values.join(", ")));
                }
                None => kind_err(self, "an enum value (a string)"),
            },
            Some(ExtendedType::Object(_) | ExtendedType::Interface(_) | ExtendedType::Union(_)) => {
                if v.members().is_none() {
                    kind_err(self, "an object");
                    return;
                }
                self.object(v, name, sets);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Contract;
    use crate::node::{parse, Syntax};

    fn run(query: &str, data: &str) -> Vec<String> {
        let c = Contract::embedded().unwrap();
        let doc = ExecutableDocument::parse_and_validate(&c.schema.schema, query, "q").unwrap();
        let op = doc.operations.get(None).unwrap();
        let src = Source::new("r.json", data);
        let body = parse(&src, Syntax::Json).unwrap();
        let ex = Executed {
            doc: &doc,
            operation: op,
            variables: None,
        };
        check_response(&c.schema, Some(&ex), &body, &src, "")
            .into_iter()
            .map(|d| format!("{} {}", d.code, d.pointer.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn keys_kinds_and_nulls() {
        let q = "query { customer(customerId: \"c\") { id fullName isAnonymous } }";
        assert!(run(q, r#"{"data":{"customer":{"id":"c","fullName":"A","isAnonymous":false}}}"#).is_empty());
        assert_eq!(
            run(q, r#"{"data":{"customer":{"id":1,"fullName":null,"x":1}}}"#),
            [
                "GR004 /data/customer/x",
                "GR005 /data/customer/id",
                "GR007 /data/customer/fullName",
                "GR003 /data/customer"
            ]
        );
        // A null under an error that points at it is propagation, not a fault.
        assert!(run(
            q,
            r#"{"data":{"customer":{"id":"c","fullName":null,"isAnonymous":true}},"errors":[{"message":"x","path":["customer","fullName"]}]}"#
        )
        .is_empty());
    }
}
