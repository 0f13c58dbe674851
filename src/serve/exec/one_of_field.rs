//! `__Type.isOneOf` (the OneOf Input Objects RFC), answered on top of
//! apollo-compiler's introspection.
//!
//! apollo-compiler 1.x builds the introspection types itself, has no
//! `isOneOf`, and keeps its introspection resolvers private, so its executor
//! answers the field with an error. The schema `serve` and the checks use
//! declares the field ([`crate::contract::graphql::with_is_one_of`]), so an
//! operation selecting it validates; here, before execution, each `isOneOf`
//! selection on `__Type` becomes a `name` selection under an internal alias
//! (the user's response key followed by [`MARK`]), and after execution each
//! marked entry of the response goes back under the user's key, in its place,
//! with the real value: `true` for a `@oneOf` input object, `false` for another
//! input object, `null` for any other type (a wrapper's `name` is null).
//!
//! A document whose text already holds the marker is left as it is (its
//! `isOneOf` is then a field error): the marker cannot then be told apart
//! from the user's own alias.

use apollo_compiler::executable::{Field, Selection, SelectionSet};
use apollo_compiler::response::{JsonMap, JsonValue};
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::validation::Valid;
use apollo_compiler::{ExecutableDocument, Name, Node, Schema};

/// Ends the internal alias of a rewritten `isOneOf`.
const MARK: &str = "__plainContractIsOneOf";

/// The document with each `isOneOf` on `__Type` rewritten, or `None` when
/// it selects none (the common case: nothing is copied).
pub(super) fn rewrite(schema: &Valid<Schema>, doc: &Valid<ExecutableDocument>) -> Option<Valid<ExecutableDocument>> {
    let selects = doc.sources.values().any(|s| s.source_text().contains("isOneOf"));
    if !selects || doc.sources.values().any(|s| s.source_text().contains(MARK)) {
        return None;
    }
    let name_def = match schema.types.get("__Type") {
        Some(ExtendedType::Object(t)) => t.fields.get("name")?.node.clone(),
        _ => return None,
    };
    let mut doc = doc.clone().into_inner();
    let mut changed = false;
    let mut walk = |set: &mut SelectionSet| changed |= rewrite_set(set, &name_def);
    if let Some(op) = doc.operations.anonymous.as_mut() {
        walk(&mut op.make_mut().selection_set);
    }
    for op in doc.operations.named.values_mut() {
        walk(&mut op.make_mut().selection_set);
    }
    for fragment in doc.fragments.values_mut() {
        walk(&mut fragment.make_mut().selection_set);
    }
    // Only a field was renamed to another leaf field of the same type, under
    // an alias no other selection uses: the document stays valid.
    changed.then(|| Valid::assume_valid(doc))
}

fn rewrite_set(set: &mut SelectionSet, name_def: &Node<apollo_compiler::schema::FieldDefinition>) -> bool {
    let on_type = set.ty == "__Type";
    let mut changed = false;
    for selection in &mut set.selections {
        match selection {
            Selection::Field(field) if on_type && field.name == "isOneOf" => {
                let key = format!("{}{MARK}", field.response_key());
                let Ok(alias) = Name::new(&key) else { continue };
                let directives = field.directives.clone();
                *field = Node::new(Field {
                    definition: name_def.clone(),
                    alias: Some(alias),
                    name: name_def.name.clone(),
                    arguments: Vec::new(),
                    directives,
                    selection_set: SelectionSet::new(name_def.ty.inner_named_type().clone()),
                });
                changed = true;
            }
            Selection::Field(field) => changed |= rewrite_set(&mut field.make_mut().selection_set, name_def),
            Selection::InlineFragment(inline) => changed |= rewrite_set(&mut inline.make_mut().selection_set, name_def),
            Selection::FragmentSpread(_) => {}
        }
    }
    changed
}

/// Puts each marked entry of `data` back under the user's key, with the
/// `isOneOf` value of the type it names.
pub(super) fn restore(schema: &Schema, data: &mut JsonMap) {
    let marked = data.keys().any(|k| k.as_str().ends_with(MARK));
    if marked {
        let entries = std::mem::take(data);
        for (key, value) in entries {
            match key.as_str().strip_suffix(MARK) {
                Some(user_key) => {
                    let is_one_of = value.as_str().and_then(|name| match schema.types.get(name) {
                        Some(ExtendedType::InputObject(def)) => Some(def.directives.get("oneOf").is_some()),
                        _ => None,
                    });
                    data.insert(user_key, is_one_of.map_or(JsonValue::Null, JsonValue::Bool));
                }
                None => {
                    data.insert(key, value);
                }
            }
        }
    }
    for value in data.values_mut() {
        restore_value(schema, value);
    }
}

fn restore_value(schema: &Schema, value: &mut JsonValue) {
    match value {
        JsonValue::Object(map) => restore(schema, map),
        JsonValue::Array(items) => items.iter_mut().for_each(|v| restore_value(schema, v)),
        _ => {}
    }
}
