//! One walk over GraphQL documents, with one depth limit.
//!
//! Every check that walks a GraphQL document goes through here: deprecations
//! (`check/deprecation.rs`), `@oneOf` literals (`check/operation.rs`), Plain's
//! rules (`check/plain.rs`), static and dynamic coverage (`coverage/walk.rs`,
//! `coverage/dynamic.rs`, which walks an answer along its selection set),
//! `verify`'s response shapes (`verify/drift.rs`), the response walk's
//! CollectFields ([`collect_fields`], `check/response.rs`), and the fragment
//! spreads of syntax trees ([`ast_spreads`], `check/documents.rs`,
//! `evolve/impact.rs`). A walk is a [`Visitor`]: every method has a no-op
//! default (as graphql-js's `visit` is built), and those returning `bool`
//! say whether to go below. A request's JSON variables are walked by their
//! declared types the same way ([`JsonVisitor`], [`json`]). The walker owns
//! the rest:
//!
//! - the order: a selection's directives, then the selection, its arguments
//!   and their values, then what it selects;
//! - each field's parent type and schema definition; each value's input type
//!   (a list's item type, an input object field's type), down through nested
//!   lists and objects;
//! - fragment spreads, resolved through the document once per walk
//!   ([`Spreads::Once`], for checks that report a place once) or at each
//!   spread ([`Spreads::Each`], for counts and shapes), with cycle protection
//!   either way (a cycle is a validation error, but the partial document an
//!   invalid one leaves may hold one);
//! - the one depth limit, [`crate::node::MAX_DEPTH`]: each nested selection
//!   set (field, inline fragment or spread) and each nested list or object
//!   value is one level, and past the limit the walk calls
//!   [`Visitor::too_deep`] and does not descend. That is apollo-compiler's
//!   own limit on how deep a valid operation's fields nest
//!   (`FIELD_DEPTH_LIMIT`, 128, "the same limit as serde_json"), and the limit
//!   of every JSON tree this crate reads, so a response, its selection and
//!   the walk over them agree. A document nested past it is refused by the
//!   parser (`recursion_limit`) or by validation, which is the finding the
//!   user sees; the walks over what is left stop at the limit without
//!   overflowing the stack.
//!
//! Two trees are walked: apollo-compiler's executable document
//! ([`operation`], [`selection_set`]), whose fields carry their schema
//! definitions, and its syntax tree ([`ast_selections`]), resolved here
//! through the schema, for coverage, which counts what resolves in documents
//! that do not validate. Values ([`value`]) and directives ([`directives`])
//! are the same types in both.
//!
//! Why written here: apollo-compiler 1.x keeps its walks private to its
//! validation and offers no visitor, and no crate walks literals with their
//! input types. `serve/exec` is not a walk over a document: apollo-compiler's
//! executor drives it, resolver by resolver, and bounds its own depth.

use apollo_compiler::ast::{self, Argument, Directive, DirectiveList, NamedType, Type, Value, VariableDefinition};
use apollo_compiler::executable::{ExecutableDocument, Field, Operation, Selection, SelectionSet};
use apollo_compiler::parser::SourceSpan;
use apollo_compiler::schema::{DirectiveDefinition, ExtendedType, FieldDefinition, InputValueDefinition};
use apollo_compiler::{Name, Node, Schema};
use indexmap::IndexMap;

use crate::node::{escape_token, Key, Node as JsonNode, Value as JsonValue, MAX_DEPTH};

/// How fragment spreads are followed in an executable document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spreads {
    /// Each fragment once per walk, at its first spread: a check that
    /// reports a place in the fragment reports it once.
    Once,
    /// Each spread walks its fragment, unless that fragment is already being
    /// walked (a cycle): counts and shapes, which follow every use.
    Each,
}

/// A field as the walk meets it, in an executable document or a syntax tree.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldAt<'a> {
    /// The type of the selection set that holds it.
    pub parent: &'a str,
    /// Its name (with its place in the document).
    pub name: &'a Name,
    /// Its alias.
    pub alias: Option<&'a Name>,
    /// Where the whole field stands.
    pub location: Option<SourceSpan>,
    /// Its arguments as written.
    pub arguments: &'a [Node<Argument>],
    /// Its directives as written.
    pub directives: &'a DirectiveList,
    /// Whether it has a selection set.
    pub has_selections: bool,
    /// Its selection set, in an executable document (None in a syntax tree).
    pub selection_set: Option<&'a SelectionSet>,
    /// Its definition in the schema.
    pub definition: &'a FieldDefinition,
}

impl<'a> FieldAt<'a> {
    /// The key it answers under (the alias, else the name).
    pub(crate) fn response_key(&self) -> &'a Name {
        self.alias.unwrap_or(self.name)
    }
}

/// What an argument belongs to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ArgOf<'f, 'a> {
    /// A field's argument.
    Field(&'f FieldAt<'a>),
    /// A directive's argument.
    Directive(&'a Node<Directive>),
}

/// What a walk does at each place. Every method is a no-op by default; the
/// ones returning `bool` say whether the walk goes below (true by default).
pub(crate) trait Visitor<'a> {
    /// An operation's variable definition; false skips its default value.
    fn variable(&mut self, _variable: &'a Node<VariableDefinition>) -> bool {
        true
    }
    /// A directive the schema defines; false skips its arguments.
    fn directive(&mut self, _directive: &'a Node<Directive>, _definition: &'a DirectiveDefinition) -> bool {
        true
    }
    /// A field (after its directives); false skips its arguments and selections.
    fn field(&mut self, _field: &FieldAt<'a>) -> bool {
        true
    }
    /// After a field's arguments, before its selections.
    fn arguments_done(&mut self, _field: &FieldAt<'a>) {}
    /// After a field's selections (when [`Visitor::field`] went below).
    fn leave_field(&mut self, _field: &FieldAt<'a>) {}
    /// An argument the schema defines; false skips its value.
    fn argument(&mut self, _of: ArgOf<'_, 'a>, _argument: &'a Node<Argument>, _definition: &'a InputValueDefinition) -> bool {
        true
    }
    /// An inline fragment (after its directives) in a selection set of
    /// `parent`; false skips its selections.
    fn inline_fragment(&mut self, _parent: &'a str, _condition: Option<&'a NamedType>, _location: Option<SourceSpan>) -> bool {
        true
    }
    /// A fragment spread (after its directives) in a selection set of
    /// `parent`; false does not follow it. A syntax-tree walk never follows
    /// spreads (a fragment is walked where it is defined).
    fn fragment_spread(&mut self, _parent: &'a str, _name: &'a Name, _location: Option<SourceSpan>) -> bool {
        true
    }
    /// A value of input type `ty` (an argument's, a default's, a list item,
    /// an input object's field); false skips what it holds.
    fn value(&mut self, _value: &'a Node<Value>, _ty: &'a Type) -> bool {
        true
    }
    /// A field of an input object literal of type `object` that the type
    /// defines, before its value.
    fn input_field(&mut self, _object: &'a Name, _name: &'a Name, _definition: &'a InputValueDefinition, _value: &'a Node<Value>) {}
    /// The walk reached [`MAX_DEPTH`] here and goes no deeper.
    fn too_deep(&mut self, _location: Option<SourceSpan>) {}
}

/// Walks an operation: its directives, its variables' default values (by
/// their declared types), then its selection set.
pub(crate) fn operation<'a>(
    schema: &'a Schema,
    doc: &'a ExecutableDocument,
    op: &'a Operation,
    spreads: Spreads,
    v: &mut impl Visitor<'a>,
) {
    let mut w = Walker::new(schema, Some(doc), spreads, v);
    w.directives(&op.directives, 0);
    for var in &op.variables {
        if !w.v.variable(var) {
            continue;
        }
        if let Some(default) = &var.default_value {
            w.value(default, &var.ty, 0);
        }
    }
    w.selection_set(&op.selection_set, 0);
}

/// Walks a selection set of an executable document (a fragment's, on its own).
pub(crate) fn selection_set<'a>(
    schema: &'a Schema,
    doc: &'a ExecutableDocument,
    set: &'a SelectionSet,
    spreads: Spreads,
    v: &mut impl Visitor<'a>,
) {
    Walker::new(schema, Some(doc), spreads, v).selection_set(set, 0);
}

/// Walks a selection set of a syntax tree whose type is `parent`, resolving
/// each field through the schema: what does not resolve (an unknown field,
/// a type condition on an unknown type) is skipped with everything under it.
pub(crate) fn ast_selections<'a>(schema: &'a Schema, parent: &'a str, set: &'a [ast::Selection], v: &mut impl Visitor<'a>) {
    Walker::new(schema, None, Spreads::Once, v).ast_selections(parent, set, 0);
}

/// Walks a value of input type `ty`.
pub(crate) fn value<'a>(schema: &'a Schema, value: &'a Node<Value>, ty: &'a Type, v: &mut impl Visitor<'a>) {
    Walker::new(schema, None, Spreads::Once, v).value(value, ty, 0);
}

/// Walks directives and their arguments' values.
pub(crate) fn directives<'a>(schema: &'a Schema, list: &'a DirectiveList, v: &mut impl Visitor<'a>) {
    Walker::new(schema, None, Spreads::Once, v).directives(list, 0);
}

struct Walker<'a, 'v, V> {
    schema: &'a Schema,
    doc: Option<&'a ExecutableDocument>,
    spreads: Spreads,
    /// Fragments walked ([`Spreads::Once`]) or being walked
    /// ([`Spreads::Each`]), by their index in the document (sized at the
    /// first spread: no hashing beyond the document's own lookup).
    fragments: Vec<bool>,
    v: &'v mut V,
}

impl<'a, 'v, V: Visitor<'a>> Walker<'a, 'v, V> {
    fn new(schema: &'a Schema, doc: Option<&'a ExecutableDocument>, spreads: Spreads, v: &'v mut V) -> Self {
        Walker {
            schema,
            doc,
            spreads,
            fragments: Vec::new(),
            v,
        }
    }

    fn directives(&mut self, list: &'a DirectiveList, depth: usize) {
        if list.is_empty() {
            return;
        }
        for d in list.iter() {
            let Some(def) = self.schema.directive_definitions.get(d.name.as_str()) else {
                continue;
            };
            if !self.v.directive(d, def) {
                continue;
            }
            for a in &d.arguments {
                let Some(ad) = def.arguments.iter().find(|x| x.name == a.name) else {
                    continue;
                };
                if self.v.argument(ArgOf::Directive(d), a, ad) {
                    self.value(&a.value, &ad.ty, depth);
                }
            }
        }
    }

    /// A field's arguments (those its definition has), then its selections.
    fn field_body(&mut self, at: &FieldAt<'a>, depth: usize) {
        if at.arguments.is_empty() {
            self.v.arguments_done(at);
            return;
        }
        for a in at.arguments {
            let Some(ad) = at.definition.arguments.iter().find(|d| d.name == a.name) else {
                continue;
            };
            if self.v.argument(ArgOf::Field(at), a, ad) {
                self.value(&a.value, &ad.ty, depth);
            }
        }
        self.v.arguments_done(at);
    }

    fn selection_set(&mut self, set: &'a SelectionSet, depth: usize) {
        if depth > MAX_DEPTH {
            let at = set.selections.first().and_then(|s| match s {
                Selection::Field(f) => f.location(),
                Selection::FragmentSpread(f) => f.location(),
                Selection::InlineFragment(f) => f.location(),
            });
            self.v.too_deep(at);
            return;
        }
        let parent = set.ty.as_str();
        for sel in &set.selections {
            match sel {
                Selection::Field(node) => {
                    let f: &'a Field = node;
                    self.directives(&f.directives, depth);
                    let at = FieldAt {
                        parent,
                        name: &f.name,
                        alias: f.alias.as_ref(),
                        location: node.location(),
                        arguments: &f.arguments,
                        directives: &f.directives,
                        has_selections: !f.selection_set.selections.is_empty(),
                        selection_set: Some(&f.selection_set),
                        definition: &f.definition,
                    };
                    if self.v.field(&at) {
                        self.field_body(&at, depth);
                        self.selection_set(&f.selection_set, depth + 1);
                        self.v.leave_field(&at);
                    }
                }
                Selection::InlineFragment(i) => {
                    self.directives(&i.directives, depth);
                    if self.v.inline_fragment(parent, i.type_condition.as_ref(), i.location()) {
                        self.selection_set(&i.selection_set, depth + 1);
                    }
                }
                Selection::FragmentSpread(s) => {
                    self.directives(&s.directives, depth);
                    if !self.v.fragment_spread(parent, &s.fragment_name, s.location()) {
                        continue;
                    }
                    let Some((i, _, fr)) = self.doc.and_then(|d| d.fragments.get_full(s.fragment_name.as_str())) else {
                        continue;
                    };
                    if self.fragments.len() <= i {
                        self.fragments.resize(self.doc.map_or(0, |d| d.fragments.len()).max(i + 1), false);
                    }
                    match self.fragments.get_mut(i) {
                        Some(walked) if !*walked => *walked = true,
                        _ => continue,
                    }
                    self.selection_set(&fr.selection_set, depth + 1);
                    if self.spreads == Spreads::Each {
                        if let Some(walked) = self.fragments.get_mut(i) {
                            *walked = false;
                        }
                    }
                }
            }
        }
    }

    fn ast_selections(&mut self, parent: &'a str, set: &'a [ast::Selection], depth: usize) {
        if depth > MAX_DEPTH {
            self.v.too_deep(set.first().and_then(|s| s.location()));
            return;
        }
        for sel in set {
            match sel {
                ast::Selection::Field(f) => {
                    self.directives(&f.directives, depth);
                    let Ok(def) = self.schema.type_field(parent, f.name.as_str()) else {
                        continue;
                    };
                    let at = FieldAt {
                        parent,
                        name: &f.name,
                        alias: f.alias.as_ref(),
                        location: f.location(),
                        arguments: &f.arguments,
                        directives: &f.directives,
                        has_selections: !f.selection_set.is_empty(),
                        selection_set: None,
                        definition: def,
                    };
                    if !self.v.field(&at) {
                        continue;
                    }
                    self.field_body(&at, depth);
                    if at.has_selections {
                        if let Some((inner, _)) = self.schema.types.get_key_value(def.ty.inner_named_type().as_str()) {
                            self.ast_selections(inner.as_str(), &f.selection_set, depth + 1);
                        }
                    }
                    self.v.leave_field(&at);
                }
                ast::Selection::InlineFragment(i) => {
                    self.directives(&i.directives, depth);
                    let cond = match &i.type_condition {
                        Some(t) => match self.schema.types.get_key_value(t.as_str()) {
                            Some((name, _)) => name.as_str(),
                            None => continue,
                        },
                        None if self.schema.types.contains_key(parent) => parent,
                        None => continue,
                    };
                    if self.v.inline_fragment(parent, i.type_condition.as_ref(), i.location()) {
                        self.ast_selections(cond, &i.selection_set, depth + 1);
                    }
                }
                ast::Selection::FragmentSpread(s) => {
                    self.directives(&s.directives, depth);
                    self.v.fragment_spread(parent, &s.fragment_name, s.location());
                }
            }
        }
    }

    fn value(&mut self, value: &'a Node<Value>, ty: &'a Type, depth: usize) {
        if depth > MAX_DEPTH {
            self.v.too_deep(value.location());
            return;
        }
        if !self.v.value(value, ty) {
            return;
        }
        match value.as_ref() {
            Value::List(items) => {
                for it in items {
                    self.value(it, ty.item_type(), depth + 1);
                }
            }
            Value::Object(fields) => {
                let Some((name, ExtendedType::InputObject(def))) = self.schema.types.get_key_value(ty.inner_named_type().as_str()) else {
                    return;
                };
                for (fname, fval) in fields {
                    if let Some(fd) = def.fields.get(fname) {
                        self.v.input_field(name, fname, fd, fval);
                        self.value(fval, &fd.ty, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The fragment spreads a syntax tree's selection set holds, through its
/// fields and inline fragments (not into the fragments), in document order.
/// No schema is needed: a spread under a field the schema does not know is
/// found too (which fragments a document needs does not depend on its
/// validity). At most [`MAX_DEPTH`] deep, as every walk here.
pub(crate) fn ast_spreads<'a>(set: &'a [ast::Selection], found: &mut impl FnMut(&'a Node<ast::FragmentSpread>)) {
    fn go<'a>(set: &'a [ast::Selection], found: &mut impl FnMut(&'a Node<ast::FragmentSpread>), depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for sel in set {
            match sel {
                ast::Selection::Field(f) => go(&f.selection_set, found, depth + 1),
                ast::Selection::FragmentSpread(s) => found(s),
                ast::Selection::InlineFragment(i) => go(&i.selection_set, found, depth + 1),
            }
        }
    }
    go(set, found, 0);
}

/// The path label of the source a place of `doc` stands in (as its source
/// map names it; empty when unknown): where a walk's finding is reported.
pub(crate) fn source_label(doc: &ExecutableDocument, at: SourceSpan) -> String {
    doc.sources
        .get(&at.file_id())
        .map(|s| s.path().display().to_string())
        .unwrap_or_default()
}

/// What a walk over a JSON input value (a request's variables, by their
/// declared types) does at each place. As [`Visitor`], every method is a
/// no-op by default.
pub(crate) trait JsonVisitor<'a> {
    /// Whether the walk keeps each value's JSON pointer (an allocation-free
    /// buffer, but a cost a count does not need).
    const POINTERS: bool = false;
    /// A value of input type `ty` at `ptr` (empty unless [`Self::POINTERS`]);
    /// false skips what it holds.
    fn json_value(&mut self, _node: &'a JsonNode, _ty: &'a Type, _ptr: &str) -> bool {
        true
    }
    /// A member of an object of input object type `object` that the type
    /// defines, at `ptr` (the member's pointer), before its value.
    fn json_input_field(
        &mut self,
        _object: &'a Name,
        _key: &'a Key,
        _definition: &'a InputValueDefinition,
        _node: &'a JsonNode,
        _ptr: &str,
    ) {
    }
}

/// Walks a JSON input value of type `ty` whose pointer is `ptr`: an array's
/// items by the item type, an input object's members by their field types
/// (members the type does not define are skipped), at most [`MAX_DEPTH`] deep.
pub(crate) fn json<'a, V: JsonVisitor<'a>>(schema: &'a Schema, node: &'a JsonNode, ty: &'a Type, ptr: &str, v: &mut V) {
    let mut path = if V::POINTERS { ptr.to_string() } else { String::new() };
    json_into(schema, node, ty, &mut path, v, 0);
}

fn json_into<'a, V: JsonVisitor<'a>>(schema: &'a Schema, node: &'a JsonNode, ty: &'a Type, path: &mut String, v: &mut V, depth: usize) {
    if depth > MAX_DEPTH || !v.json_value(node, ty, path) {
        return;
    }
    let mark = path.len();
    match &node.value {
        JsonValue::Array(items) => {
            for (i, it) in items.iter().enumerate() {
                if V::POINTERS {
                    use std::fmt::Write;
                    let _ = write!(path, "/{i}");
                }
                json_into(schema, it, ty.item_type(), path, v, depth + 1);
                path.truncate(mark);
            }
        }
        JsonValue::Object(members) => {
            let Some((name, ExtendedType::InputObject(def))) = schema.types.get_key_value(ty.inner_named_type().as_str()) else {
                return;
            };
            for (k, x) in members {
                let Some(fd) = def.fields.get(k.name.as_str()) else { continue };
                if V::POINTERS {
                    path.push('/');
                    path.push_str(&escape_token(&k.name));
                }
                v.json_input_field(name, k, fd, x, path);
                json_into(schema, x, &fd.ty, path, v, depth + 1);
                path.truncate(mark);
            }
        }
        _ => {}
    }
}

/// CollectFields (GraphQL spec §6.3.2) for an object of type `object_type`
/// over several selection sets (a field's merged subfields), into `out` by
/// response key: `included` evaluates `@skip`/`@include`; fragments apply
/// when their type condition is the object's type or one of its supertypes.
/// Fragments nest at most [`MAX_DEPTH`] deep (which also stops a cycle).
pub(crate) fn collect_fields<'a>(
    schema: &Schema,
    doc: &'a ExecutableDocument,
    object_type: &str,
    sets: &[&'a SelectionSet],
    included: &dyn Fn(&DirectiveList) -> bool,
    out: &mut IndexMap<&'a str, Vec<&'a Field>>,
) {
    let c = Collect {
        schema,
        doc,
        object_type,
        included,
    };
    c.gather(sets, out, 0);
}

/// What [`collect_fields`] holds fixed while it goes down through fragments.
struct Collect<'a, 'c> {
    schema: &'c Schema,
    doc: &'a ExecutableDocument,
    object_type: &'c str,
    included: &'c dyn Fn(&DirectiveList) -> bool,
}

impl<'a> Collect<'a, '_> {
    fn applies(&self, condition: &str) -> bool {
        self.object_type == condition || self.schema.is_subtype(condition, self.object_type)
    }

    fn gather(&self, sets: &[&'a SelectionSet], out: &mut IndexMap<&'a str, Vec<&'a Field>>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for set in sets {
            for sel in &set.selections {
                match sel {
                    Selection::Field(f) => {
                        if (self.included)(&f.directives) {
                            out.entry(f.response_key().as_str()).or_default().push(f);
                        }
                    }
                    Selection::FragmentSpread(s) => {
                        if !(self.included)(&s.directives) {
                            continue;
                        }
                        if let Some(frag) = self.doc.fragments.get(&s.fragment_name) {
                            if self.applies(frag.type_condition().as_str()) {
                                self.gather(&[&frag.selection_set], out, depth + 1);
                            }
                        }
                    }
                    Selection::InlineFragment(i) => {
                        if !(self.included)(&i.directives) {
                            continue;
                        }
                        if i.type_condition.as_ref().is_none_or(|c| self.applies(c.as_str())) {
                            self.gather(&[&i.selection_set], out, depth + 1);
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SDL: &str = "type Query { q(a: In): Query, x(a: In, e: E): Int }
        input In { i: In, l: [In], v: Int, e: E }
        enum E { A B }";

    #[derive(Default)]
    struct Count {
        fields: usize,
        values: usize,
        too_deep: usize,
    }

    impl<'a> Visitor<'a> for Count {
        fn field(&mut self, _: &FieldAt<'a>) -> bool {
            self.fields += 1;
            true
        }
        fn value(&mut self, _: &'a Node<Value>, _: &'a Type) -> bool {
            self.values += 1;
            true
        }
        fn too_deep(&mut self, _: Option<SourceSpan>) {
            self.too_deep += 1;
        }
    }

    fn schema() -> apollo_compiler::validation::Valid<Schema> {
        Schema::parse_and_validate(SDL, "s.graphql").unwrap()
    }

    /// `n` nested `q { … }` fields.
    fn nested(n: usize) -> String {
        format!("{{ {} x {} }}", "q { ".repeat(n), "} ".repeat(n))
    }

    #[test]
    fn every_walk_stops_at_the_one_limit() {
        let s = schema();
        let n = MAX_DEPTH + 40;
        let text = nested(n);
        let parser = || apollo_compiler::parser::Parser::new().recursion_limit(1000);
        let doc = parser().parse_executable(&s, &text, "d.graphql").unwrap();
        let op = doc.operations.get(None).unwrap();
        for spreads in [Spreads::Once, Spreads::Each] {
            let mut c = Count::default();
            operation(&s, &doc, op, spreads, &mut c);
            // Levels 0..=MAX_DEPTH are walked: one `q` each, and none below.
            assert_eq!(c.fields, MAX_DEPTH + 1);
            assert_eq!(c.too_deep, 1);
        }
        let ast = parser().parse_ast(&text, "d.graphql").unwrap();
        let ast::Definition::OperationDefinition(op) = &ast.definitions[0] else {
            panic!("an operation")
        };
        let mut c = Count::default();
        ast_selections(&s, "Query", &op.selection_set, &mut c);
        assert_eq!((c.fields, c.too_deep), (MAX_DEPTH + 1, 1));
    }

    #[test]
    fn a_fragment_chain_past_the_limit_stops_too() {
        // Each fragment nests one field below the last: the chain goes deeper
        // than any one fragment, and deeper than the parser's limit.
        let s = schema();
        let n = 3 * MAX_DEPTH;
        let mut text = String::from("{ ...F0 }\n");
        for i in 0..n {
            text.push_str(&format!("fragment F{i} on Query {{ q {{ ...F{} }} }}\n", i + 1));
        }
        text.push_str(&format!("fragment F{n} on Query {{ x }}\n"));
        let doc = ExecutableDocument::parse(&s, &text, "d.graphql").unwrap();
        let op = doc.operations.get(None).unwrap();
        for spreads in [Spreads::Once, Spreads::Each] {
            let mut c = Count::default();
            operation(&s, &doc, op, spreads, &mut c);
            // A spread and a field are a level each.
            assert_eq!(c.fields, MAX_DEPTH / 2);
            assert_eq!(c.too_deep, 1);
        }
    }

    #[test]
    fn values_nest_by_input_type_and_stop_at_the_limit() {
        let s = schema();
        let n = MAX_DEPTH + 10;
        let text = format!("{{ x(a: {}{{v: 1}}{}) }}", "{i: ".repeat(n), "}".repeat(n));
        let mut parser = apollo_compiler::parser::Parser::new().recursion_limit(1000);
        let doc = parser.parse_executable(&s, &text, "d.graphql").unwrap();
        let op = doc.operations.get(None).unwrap();
        let mut c = Count::default();
        operation(&s, &doc, op, Spreads::Once, &mut c);
        // `n` objects, then `{v: 1}` and `1`: levels 0 to MAX_DEPTH are walked.
        assert_eq!((c.values, c.too_deep), (MAX_DEPTH + 1, 1));
    }

    #[test]
    fn cycles_end_and_each_spread_is_followed_when_asked() {
        let s = schema();
        // A cycle (invalid, but a partial document may hold one), and a
        // fragment spread twice.
        let text = "{ ...A ...B ...B } fragment A on Query { q { ...A } } fragment B on Query { x }";
        let doc = ExecutableDocument::parse(&s, text, "d.graphql").unwrap_or_else(|e| e.partial);
        let op = doc.operations.get(None).unwrap();
        let mut once = Count::default();
        operation(&s, &doc, op, Spreads::Once, &mut once);
        let mut each = Count::default();
        operation(&s, &doc, op, Spreads::Each, &mut each);
        assert_eq!((once.fields, once.too_deep), (2, 0), "q once, x once");
        assert_eq!((each.fields, each.too_deep), (3, 0), "q once (the cycle ends), x at each spread");
    }
}
