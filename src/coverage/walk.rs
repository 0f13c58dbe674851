//! Static counts: every use of a schema coordinate written in a GraphQL
//! document, with its site.
//!
//! The walk reads apollo-compiler's syntax tree (not its executable
//! document, which is only trustworthy once valid) and resolves each field
//! through the schema itself: whatever does not resolve (an unknown field,
//! a fragment on an unknown type) is skipped with everything under it,
//! and is `check`'s to report. Each selection is counted once, where it is
//! written: a fragment's fields count at the fragment, not at each spread.

use super::{Counts, Site};
use apollo_compiler::ast::{self, Definition, DirectiveList, Selection, Value};
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::Schema;
use std::collections::HashMap;

/// Counts one document into `counts`. `place` turns a byte offset of the
/// document's text into a site; `fragments` maps every fragment name the
/// project knows to its type condition (spreads of fragments from other
/// files resolve through it).
pub(crate) fn document(
    schema: &Schema,
    doc: &ast::Document,
    fragments: &HashMap<String, String>,
    place: &dyn Fn(usize) -> Site,
    counts: &mut Counts,
) {
    let mut w = Walk {
        schema,
        fragments,
        place,
        counts,
    };
    w.counts.documents += 1;
    for def in &doc.definitions {
        match def {
            Definition::OperationDefinition(op) => {
                w.counts.operations += 1;
                w.directives(&op.directives);
                for v in &op.variables {
                    w.type_use(v.ty.inner_named_type(), v.ty.location().map(|l| l.offset()));
                    if let Some(d) = &v.default_value {
                        w.value(&v.ty, d);
                    }
                    w.directives(&v.directives);
                }
                if let Some(root) = schema.root_operation(op.operation_type) {
                    let root = root.to_string();
                    w.selections(&root, &op.selection_set);
                }
            }
            Definition::FragmentDefinition(f) => {
                w.directives(&f.directives);
                let ty = f.type_condition.to_string();
                if schema.types.contains_key(ty.as_str()) {
                    w.type_use(&f.type_condition, f.type_condition.location().map(|l| l.offset()));
                    w.selections(&ty, &f.selection_set);
                }
            }
            _ => {}
        }
    }
}

/// The type condition of every fragment defined in `doc`.
pub(crate) fn fragment_types(doc: &ast::Document, out: &mut HashMap<String, String>) {
    for def in &doc.definitions {
        if let Definition::FragmentDefinition(f) = def {
            out.entry(f.name.to_string()).or_insert_with(|| f.type_condition.to_string());
        }
    }
}

struct Walk<'a> {
    schema: &'a Schema,
    fragments: &'a HashMap<String, String>,
    place: &'a dyn Fn(usize) -> Site,
    counts: &'a mut Counts,
}

impl Walk<'_> {
    fn hit(&mut self, coordinate: String, offset: Option<usize>) {
        let site = offset.map(|o| (self.place)(o));
        let c = self.counts.at(coordinate);
        c.hits += 1;
        if let Some(s) = site {
            c.sites.push(s);
        }
    }

    fn type_use(&mut self, name: &ast::NamedType, offset: Option<usize>) {
        if self.schema.types.get(name.as_str()).is_some_and(|t| !t.is_built_in()) {
            self.hit(name.to_string(), offset);
        }
    }

    fn selections(&mut self, parent: &str, set: &[Selection]) {
        for sel in set {
            match sel {
                Selection::Field(f) => self.field(parent, f),
                Selection::InlineFragment(i) => {
                    self.directives(&i.directives);
                    let cond = i.type_condition.as_ref().map_or(parent.to_string(), |t| t.to_string());
                    if !self.schema.types.contains_key(cond.as_str()) {
                        continue;
                    }
                    if let Some(t) = &i.type_condition {
                        let at = t.location().map(|l| l.offset()).or(i.location().map(|l| l.offset()));
                        self.type_use(t, at);
                        self.relation(parent, &cond, at);
                    }
                    self.selections(&cond, &i.selection_set);
                }
                Selection::FragmentSpread(s) => {
                    self.directives(&s.directives);
                    if let Some(cond) = self.fragments.get(s.fragment_name.as_str()).cloned() {
                        self.relation(parent, &cond, s.location().map(|l| l.offset()));
                    }
                }
            }
        }
    }

    /// A type condition `cond` inside a selection set of `parent`: a union
    /// member or an interface implementation when `parent` is abstract.
    fn relation(&mut self, parent: &str, cond: &str, offset: Option<usize>) {
        if parent == cond {
            return;
        }
        match self.schema.types.get(parent) {
            Some(ExtendedType::Union(u)) if u.members.contains(cond) => self.hit(format!("{parent}.{cond}"), offset),
            Some(ExtendedType::Interface(_))
                if self
                    .schema
                    .get_object(cond)
                    .is_some_and(|o| o.implements_interfaces.contains(parent)) =>
            {
                self.hit(format!("{parent}.{cond}"), offset)
            }
            _ => {}
        }
    }

    fn field(&mut self, parent: &str, f: &apollo_compiler::Node<ast::Field>) {
        self.directives(&f.directives);
        if f.name.as_str() == "__typename" {
            return;
        }
        let Ok(def) = self.schema.type_field(parent, f.name.as_str()) else {
            return;
        };
        let at = f.name.location().map(|l| l.offset()).or(f.location().map(|l| l.offset()));
        self.hit(format!("{parent}.{}", f.name), at);
        // A type is used by each use of its fields (as GraphQL Inspector counts it).
        self.counts.at(parent).hits += 1;
        for a in &f.arguments {
            let Some(ad) = def.arguments.iter().find(|d| d.name == a.name) else {
                continue;
            };
            self.hit(format!("{parent}.{}({}:)", f.name, a.name), a.location().map(|l| l.offset()));
            self.value(&ad.ty, &a.value);
        }
        let inner = def.ty.inner_named_type().to_string();
        if !f.selection_set.is_empty() && self.schema.types.contains_key(inner.as_str()) {
            self.selections(&inner, &f.selection_set);
        }
    }

    fn directives(&mut self, list: &DirectiveList) {
        for d in list.iter() {
            let Some(def) = self.schema.directive_definitions.get(d.name.as_str()) else {
                continue;
            };
            self.hit(format!("@{}", d.name), d.location().map(|l| l.offset()));
            for a in &d.arguments {
                let Some(ad) = def.arguments.iter().find(|x| x.name == a.name) else {
                    continue;
                };
                self.hit(format!("@{}({}:)", d.name, a.name), a.location().map(|l| l.offset()));
                self.value(&ad.ty, &a.value);
            }
        }
    }

    /// A literal of type `ty`: its input fields and enum values.
    fn value(&mut self, ty: &ast::Type, v: &apollo_compiler::Node<Value>) {
        let named = ty.inner_named_type();
        match (v.as_ref(), self.schema.types.get(named.as_str())) {
            (Value::List(items), _) => {
                let item = match ty {
                    ast::Type::List(t) | ast::Type::NonNullList(t) => t.as_ref().clone(),
                    other => other.clone(),
                };
                for i in items {
                    self.value(&item, i);
                }
            }
            (Value::Object(fields), Some(ExtendedType::InputObject(def))) => {
                for (name, fv) in fields {
                    let Some(fd) = def.fields.get(name.as_str()) else { continue };
                    self.hit(format!("{named}.{name}"), name.location().map(|l| l.offset()));
                    self.value(&fd.ty, fv);
                }
            }
            (Value::Enum(e), Some(ExtendedType::Enum(def))) if def.values.contains_key(e.as_str()) => {
                self.hit(format!("{named}.{e}"), v.location().map(|l| l.offset()));
            }
            _ => {}
        }
    }
}
