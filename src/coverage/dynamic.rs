//! Dynamic counts: what one exchange selected, sent and was answered.
//!
//! The request's operation comes validated from the check pass (its
//! fragments expanded by apollo-compiler); the response is walked along it
//! by the crate's one walk ([`crate::visit`]),
//! so each answered field is counted under the type that answered it
//! (`__typename`, where the response says it), else under the selection's
//! type.

use super::{Counts, MutationSeen};
use crate::node::{Key, Node, Value as J};
use crate::visit::{self, FieldAt, JsonVisitor, Spreads, Visitor};
use apollo_compiler::ast::{Directive, OperationType, Type, Value, VariableDefinition};
use apollo_compiler::executable::{ExecutableDocument, Operation, Selection, SelectionSet};
use apollo_compiler::parser::SourceSpan;
use apollo_compiler::schema::{DirectiveDefinition, ExtendedType, InputValueDefinition};
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
    let mut w = Dyn {
        schema,
        doc,
        counts,
        vars: None,
    };
    // Sent: variables' values, by their declared types.
    for v in &op.variables {
        if let Some(val) = ex.variables.and_then(|vs| vs.get(v.name.as_str())) {
            sent(schema, &v.ty, val, w.counts);
        }
    }
    w.vars = ex.variables;
    visit::operation(schema, doc, op, Spreads::Each, &mut w);
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
    /// The request's variables.
    vars: Option<&'a Node>,
}

/// What the operation selects ([`crate::visit`], following every spread):
/// every field it selects, every argument it provides and every enum value
/// and input field written in its literals (not in directives' arguments or
/// variables' defaults).
impl<'a> Visitor<'a> for Dyn<'a> {
    fn variable(&mut self, _: &'a apollo_compiler::Node<VariableDefinition>) -> bool {
        false
    }

    fn directive(&mut self, _: &'a apollo_compiler::Node<Directive>, _: &'a DirectiveDefinition) -> bool {
        false
    }

    fn field(&mut self, f: &FieldAt<'a>) -> bool {
        if f.name.as_str() == "__typename" {
            return false;
        }
        let parent = f.parent;
        self.counts.at_key(&[parent, ".", f.name.as_str()]).selected += 1;
        for d in f.directives.iter() {
            self.counts.at_key(&["@", d.name.as_str()]).selected += 1;
            for a in &d.arguments {
                self.counts.at_key(&["@", d.name.as_str(), "(", a.name.as_str(), ":)"]).requests += 1;
            }
        }
        for a in f.arguments {
            // A variable counts when the request gives it a value.
            let given = match a.value.as_ref() {
                Value::Variable(v) => self.vars.is_some_and(|vs| vs.get(v.as_str()).is_some()),
                _ => true,
            };
            if given {
                self.counts
                    .at_key(&[parent, ".", f.name.as_str(), "(", a.name.as_str(), ":)"])
                    .requests += 1;
            }
        }
        true
    }

    fn input_field(
        &mut self,
        object: &'a apollo_compiler::Name,
        name: &'a apollo_compiler::Name,
        _: &'a InputValueDefinition,
        _: &'a apollo_compiler::Node<Value>,
    ) {
        self.counts.at_key(&[object.as_str(), ".", name.as_str()]).requests += 1;
    }

    fn value(&mut self, v: &'a apollo_compiler::Node<Value>, ty: &'a Type) -> bool {
        if let Value::Enum(e) = v.as_ref() {
            let named = ty.inner_named_type();
            if let Some(ExtendedType::Enum(_)) = self.schema.types.get(named.as_str()) {
                self.counts.at_key(&[named.as_str(), ".", e.as_str()]).requests += 1;
            }
        }
        true
    }
}

impl<'a> Dyn<'a> {
    /// The answer `obj` (an object) to the selection set `set`.
    fn answered(&mut self, set: &'a SelectionSet, obj: &'a Node) {
        let runtime = obj
            .get("__typename")
            .and_then(Node::as_str)
            .filter(|t| self.schema.get_object(t).is_some());
        let (schema, doc) = (self.schema, self.doc);
        let mut a = Answered {
            dynamic: self,
            obj,
            runtime,
        };
        visit::selection_set(schema, doc, set, Spreads::Each, &mut a);
    }

    /// A non-null answered value of the named type `ty`.
    fn answered_value(&mut self, ty: &str, set: &'a SelectionSet, v: &'a Node) {
        match &v.value {
            J::Array(items) => {
                for i in items.iter().filter(|i| !matches!(i.value, J::Null)) {
                    self.answered_value(ty, set, i);
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

/// An answer `obj` walked along its selection set ([`crate::visit`], every
/// spread followed; a fragment only where it applies to the object's
/// `__typename`, when the response says it): each answered field is
/// counted under the type that answered it, and its value walked in turn.
struct Answered<'d, 'a> {
    dynamic: &'d mut Dyn<'a>,
    obj: &'a Node,
    runtime: Option<&'a str>,
}

impl<'a> Visitor<'a> for Answered<'_, 'a> {
    fn directive(&mut self, _: &'a apollo_compiler::Node<Directive>, _: &'a DirectiveDefinition) -> bool {
        false
    }

    fn field(&mut self, f: &FieldAt<'a>) -> bool {
        if f.name.as_str() == "__typename" {
            return false;
        }
        let Some(val) = self.obj.get(f.response_key().as_str()) else {
            return false;
        };
        let d = &mut *self.dynamic;
        let owner = self
            .runtime
            .filter(|r| *r != f.parent && d.schema.type_field(r, f.name.as_str()).is_ok())
            .unwrap_or(f.parent);
        let c = d.counts.at_key(&[owner, ".", f.name.as_str()]);
        if matches!(val.value, J::Null) {
            c.nulls += 1;
            return false;
        }
        c.responses += 1;
        if let Some(set) = f.selection_set {
            d.answered_value(f.definition.ty.inner_named_type().as_str(), set, val);
        }
        false
    }

    fn inline_fragment(&mut self, _: &'a str, condition: Option<&'a apollo_compiler::ast::NamedType>, _: Option<SourceSpan>) -> bool {
        match (condition, self.runtime) {
            (Some(c), Some(r)) => c == r || self.dynamic.schema.is_subtype(c.as_str(), r),
            _ => true,
        }
    }

    fn fragment_spread(&mut self, _: &'a str, name: &'a apollo_compiler::Name, _: Option<SourceSpan>) -> bool {
        let Some(fr) = self.dynamic.doc.fragments.get(name) else {
            return false;
        };
        let c = fr.type_condition();
        self.runtime.is_none_or(|r| c == r || self.dynamic.schema.is_subtype(c.as_str(), r))
    }
}

/// A variable's JSON value of type `ty`: its input fields and enum values, sent.
pub(crate) fn sent(schema: &Schema, ty: &Type, v: &Node, counts: &mut Counts) {
    visit::json(schema, v, ty, "", &mut Sent { schema, counts });
}

/// The visitor of [`sent`] (coordinates through [`Counts::at_key`]).
struct Sent<'a, 'c> {
    schema: &'a Schema,
    counts: &'c mut Counts,
}

impl<'a> JsonVisitor<'a> for Sent<'a, '_> {
    fn json_value(&mut self, v: &'a Node, ty: &'a Type, _: &str) -> bool {
        if let J::String(s) = &v.value {
            let named = ty.inner_named_type();
            if matches!(self.schema.types.get(named.as_str()), Some(ExtendedType::Enum(def)) if def.values.contains_key(s.as_str())) {
                self.counts.at_key(&[named.as_str(), ".", s.as_str()]).requests += 1;
            }
        }
        true
    }

    fn json_input_field(&mut self, object: &'a apollo_compiler::Name, key: &'a Key, _: &'a InputValueDefinition, _: &'a Node, _: &str) {
        self.counts.at_key(&[object.as_str(), ".", key.name.as_str()]).requests += 1;
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
