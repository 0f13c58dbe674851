//! Dynamic counts: what one exchange selected, sent and was answered.
//!
//! The request's operation comes validated from the check pass (its
//! fragments expanded by apollo-compiler); the response is walked along it,
//! so each answered field is counted under the type that answered it
//! (`__typename`, where the response says it), else under the selection's
//! type.

use super::{Counts, MutationSeen};
use crate::node::{Node, Value as J};
use apollo_compiler::ast::{OperationType, Type, Value};
use apollo_compiler::executable::{ExecutableDocument, Operation, Selection, SelectionSet};
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::Schema;
use std::borrow::Cow;

/// What one exchange gave to the counts.
pub(crate) struct Exchange<'a> {
    pub doc: Option<(&'a ExecutableDocument, &'a Operation)>,
    pub variables: Option<&'a Node>,
    pub status: Option<u16>,
    pub response: Option<&'a Node>,
    /// The response had a body that is not JSON.
    pub not_json: bool,
}

/// The shape of a response body, as a client classifies it: `no body`,
/// `not JSON`, `data`, `data and errors`, `errors`, or `other JSON`; with
/// errors, the members every error carries (of `message`, `locations`,
/// `path` and `extensions.code`: Plain's SDK v5 takes an error's message
/// only when every error has `message`, `locations` and `extensions.code`).
pub(crate) fn shape(response: Option<&Node>, not_json: bool) -> Cow<'static, str> {
    let Some(body) = response else {
        return Cow::Borrowed(if not_json { "not JSON" } else { "no body" });
    };
    if !matches!(body.value, J::Object(_)) {
        return Cow::Borrowed("other JSON");
    }
    let data = body.get("data").is_some_and(|d| !matches!(d.value, J::Null));
    let errors = match body.get("errors").map(|e| &e.value) {
        Some(J::Array(list)) if !list.is_empty() => Some(list),
        _ => None,
    };
    let Some(list) = errors else {
        return Cow::Borrowed(if data { "data" } else { "other JSON" });
    };
    let every = |has: &dyn Fn(&Node) -> bool| list.iter().all(has);
    let mut members = Vec::new();
    if every(&|e| e.get("message").is_some()) {
        members.push("message");
    }
    if every(&|e| e.get("locations").is_some()) {
        members.push("locations");
    }
    if every(&|e| e.get("path").is_some()) {
        members.push("path");
    }
    if every(&|e| e.get("extensions").and_then(|x| x.get("code")).is_some()) {
        members.push("extensions.code");
    }
    let which = if data { "data and errors" } else { "errors" };
    Cow::Owned(if members.is_empty() {
        format!("{which} (no member in every error)")
    } else {
        format!("{which} ({})", members.join(", "))
    })
}

/// Counts one exchange.
pub(crate) fn exchange(schema: &Schema, ex: &Exchange<'_>, counts: &mut Counts) {
    counts.exchanges += 1;
    if let Some(s) = ex.status {
        let seen = counts.statuses.entry(s).or_default();
        seen.seen += 1;
        let shape = shape(ex.response, ex.not_json);
        match seen.shapes.get_mut(&*shape) {
            Some(n) => *n += 1,
            None => {
                seen.shapes.insert(shape.into_owned(), 1);
            }
        }
    }
    if let Some(errors) = ex.response.and_then(|r| r.get("errors")) {
        if let J::Array(list) = &errors.value {
            for e in list {
                if let Some(code) = e.get("extensions").and_then(|x| x.get("code")).and_then(Node::as_str) {
                    Counts::bump(&mut counts.error_codes, code);
                    if let Some(st) = ex.status.and_then(|s| counts.statuses.get_mut(&s)) {
                        Counts::bump(&mut st.error_codes, code);
                    }
                }
            }
        }
    }
    let Some((doc, op)) = ex.doc else { return };
    let mut w = Dyn { schema, doc, counts };
    // Sent: variables' values, by their declared types.
    for v in &op.variables {
        if let Some(val) = ex.variables.and_then(|vs| vs.get(v.name.as_str())) {
            sent(schema, &v.ty, val, w.counts);
        }
    }
    w.selected(&op.selection_set, ex.variables);
    let data = ex
        .response
        .filter(|_| ex.status.is_none_or(|s| s == 200))
        .and_then(|r| r.get("data"));
    if let Some(data) = data.filter(|d| matches!(d.value, J::Object(_))) {
        w.answered(&op.selection_set, data);
        if op.operation_type == OperationType::Mutation {
            for sel in &op.selection_set.selections {
                let Selection::Field(f) = sel else { continue };
                let Some(payload) = data.get(f.response_key().as_str()) else {
                    continue;
                };
                if matches!(payload.value, J::Null) {
                    continue;
                }
                let mutations = &mut w.counts.mutations;
                if !mutations.contains_key(f.name.as_str()) {
                    mutations.insert(f.name.to_string(), MutationSeen::default());
                }
                let Some(m) = mutations.get_mut(f.name.as_str()) else { continue };
                m.calls += 1;
                if let Some(r) = payload.get("result").and_then(Node::as_str) {
                    Counts::bump(&mut m.results, r);
                }
                if let Some(code) = payload.get("error").and_then(|e| e.get("code")).and_then(Node::as_str) {
                    Counts::bump(&mut m.errors, code);
                }
            }
        }
    }
}

struct Dyn<'a> {
    schema: &'a Schema,
    doc: &'a ExecutableDocument,
    counts: &'a mut Counts,
}

impl Dyn<'_> {
    /// Every field the operation selects, every argument it provides and
    /// every enum value and input field written in its literals.
    fn selected(&mut self, set: &SelectionSet, vars: Option<&Node>) {
        for sel in &set.selections {
            match sel {
                Selection::Field(f) => {
                    if f.name.as_str() == "__typename" {
                        continue;
                    }
                    let (parent, name) = (set.ty.as_str(), f.name.as_str());
                    self.counts.at_key(&[parent, ".", name]).selected += 1;
                    for d in f.directives.iter() {
                        self.counts.at_key(&["@", d.name.as_str()]).selected += 1;
                        for a in &d.arguments {
                            self.counts.at_key(&["@", d.name.as_str(), "(", a.name.as_str(), ":)"]).requests += 1;
                        }
                    }
                    for a in &f.arguments {
                        // A variable counts when the request gives it a value.
                        let given = match a.value.as_ref() {
                            Value::Variable(v) => vars.is_some_and(|vs| vs.get(v.as_str()).is_some()),
                            _ => true,
                        };
                        if given {
                            self.counts.at_key(&[parent, ".", name, "(", a.name.as_str(), ":)"]).requests += 1;
                        }
                        if let Some(ad) = f.definition.arguments.iter().find(|d| d.name == a.name) {
                            self.sent_literal(&ad.ty, &a.value);
                        }
                    }
                    self.selected(&f.selection_set, vars);
                }
                Selection::InlineFragment(i) => self.selected(&i.selection_set, vars),
                Selection::FragmentSpread(s) => {
                    if let Some(fr) = self.doc.fragments.get(&s.fragment_name) {
                        self.selected(&fr.selection_set, vars);
                    }
                }
            }
        }
    }

    fn sent_literal(&mut self, ty: &Type, v: &Value) {
        let named = ty.inner_named_type();
        match (v, self.schema.types.get(named.as_str())) {
            (Value::List(items), _) => {
                let item = item_type(ty);
                for i in items {
                    self.sent_literal(item, i);
                }
            }
            (Value::Object(fields), Some(ExtendedType::InputObject(def))) => {
                for (name, fv) in fields {
                    let Some(fd) = def.fields.get(name.as_str()) else { continue };
                    self.counts.at_key(&[named.as_str(), ".", name.as_str()]).requests += 1;
                    self.sent_literal(&fd.ty, fv);
                }
            }
            (Value::Enum(e), Some(ExtendedType::Enum(_))) => {
                self.counts.at_key(&[named.as_str(), ".", e.as_str()]).requests += 1;
            }
            _ => {}
        }
    }

    /// The answer `obj` (an object) to the selection set `set`.
    fn answered(&mut self, set: &SelectionSet, obj: &Node) {
        let runtime = obj
            .get("__typename")
            .and_then(Node::as_str)
            .filter(|t| self.schema.get_object(t).is_some());
        self.answered_as(set, obj, runtime);
    }

    fn answered_as(&mut self, set: &SelectionSet, obj: &Node, runtime: Option<&str>) {
        for sel in &set.selections {
            match sel {
                Selection::Field(f) => {
                    if f.name.as_str() == "__typename" {
                        continue;
                    }
                    let Some(val) = obj.get(f.response_key().as_str()) else { continue };
                    // Under the runtime type where it has the field (no need
                    // to look when it is the selection's type).
                    let owner = runtime
                        .filter(|r| *r != set.ty.as_str() && self.schema.type_field(r, f.name.as_str()).is_ok())
                        .unwrap_or(set.ty.as_str());
                    let c = self.counts.at_key(&[owner, ".", f.name.as_str()]);
                    if matches!(val.value, J::Null) {
                        c.nulls += 1;
                        continue;
                    }
                    c.responses += 1;
                    self.value(f.definition.ty.inner_named_type().as_str(), &f.selection_set, val);
                }
                Selection::InlineFragment(i) => {
                    let applies = match (&i.type_condition, runtime) {
                        (Some(c), Some(r)) => c == r || self.schema.is_subtype(c.as_str(), r),
                        _ => true,
                    };
                    if applies {
                        self.answered_as(&i.selection_set, obj, runtime);
                    }
                }
                Selection::FragmentSpread(s) => {
                    let Some(fr) = self.doc.fragments.get(&s.fragment_name) else {
                        continue;
                    };
                    let c = fr.type_condition();
                    let applies = runtime.is_none_or(|r| c == r || self.schema.is_subtype(c.as_str(), r));
                    if applies {
                        self.answered_as(&fr.selection_set, obj, runtime);
                    }
                }
            }
        }
    }

    /// A non-null answered value of the named type `ty`.
    fn value(&mut self, ty: &str, set: &SelectionSet, v: &Node) {
        match &v.value {
            J::Array(items) => {
                for i in items.iter().filter(|i| !matches!(i.value, J::Null)) {
                    self.value(ty, set, i);
                }
            }
            J::String(s) if matches!(self.schema.types.get(ty), Some(ExtendedType::Enum(e)) if e.values.contains_key(s.as_str())) => {
                self.counts.at_key(&[ty, ".", s.as_str()]).responses += 1;
            }
            J::Object(_) => {
                let concrete = v
                    .get("__typename")
                    .and_then(Node::as_str)
                    .filter(|t| self.schema.get_object(t).is_some());
                match (self.schema.types.get(ty), concrete) {
                    (Some(ExtendedType::Union(u)), Some(c)) if u.members.contains(c) => {
                        self.counts.at_key(&[ty, ".", c]).responses += 1;
                        self.counts.at_key(&[c]).responses += 1;
                    }
                    (Some(ExtendedType::Interface(_)), Some(c)) if self.schema.is_subtype(ty, c) => {
                        self.counts.at_key(&[ty, ".", c]).responses += 1;
                        self.counts.at_key(&[c]).responses += 1;
                    }
                    _ => self.counts.at_key(&[ty]).responses += 1,
                }
                self.answered(set, v);
            }
            _ => {}
        }
    }
}

fn item_type(ty: &Type) -> &Type {
    match ty {
        Type::List(t) | Type::NonNullList(t) => t,
        other => other,
    }
}

/// A variable's JSON value of type `ty`: its input fields and enum values, sent.
pub(crate) fn sent(schema: &Schema, ty: &Type, v: &Node, counts: &mut Counts) {
    // The type is looked up only for the values that need it (an object, a
    // string that may be an enum value), not for every number and boolean.
    let named = ty.inner_named_type();
    match &v.value {
        J::Array(items) => {
            let item = item_type(ty);
            for i in items {
                sent(schema, item, i, counts);
            }
        }
        J::Object(members) => {
            let Some(ExtendedType::InputObject(def)) = schema.types.get(named.as_str()) else {
                return;
            };
            for (k, fv) in members {
                let Some(fd) = def.fields.get(k.name.as_str()) else { continue };
                counts.at_key(&[named.as_str(), ".", k.name.as_str()]).requests += 1;
                sent(schema, &fd.ty, fv, counts);
            }
        }
        J::String(s) => {
            if let Some(ExtendedType::Enum(def)) = schema.types.get(named.as_str()) {
                if def.values.contains_key(s.as_str()) {
                    counts.at_key(&[named.as_str(), ".", s.as_str()]).requests += 1;
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::shape;
    use crate::node::Node;

    fn of(json: &str) -> String {
        let n: Node = serde_json::from_str(json).expect("json");
        shape(Some(&n), false).into_owned()
    }

    #[test]
    fn response_shapes() {
        assert_eq!(shape(None, false), "no body");
        assert_eq!(shape(None, true), "not JSON");
        assert_eq!(of(r#"{"data": {"a": 1}}"#), "data");
        assert_eq!(of(r#"{"data": null}"#), "other JSON");
        assert_eq!(of(r#""Too Many Requests""#), "other JSON");
        assert_eq!(
            of(r#"{"data": {"a": null}, "errors": [{"message": "m", "path": ["a"]}]}"#),
            "data and errors (message, path)"
        );
        assert_eq!(
            of(r#"{"errors": [{"message": "m", "extensions": {"code": "X"}}, {"message": "n"}]}"#),
            "errors (message)",
            "only what every error carries"
        );
        assert_eq!(of(r#"{"errors": [{}]}"#), "errors (no member in every error)");
    }
}
