//! Static counts: every use of a schema coordinate written in a GraphQL
//! document, with its site.
//!
//! The walk reads apollo-compiler's syntax tree (not its executable
//! document, which is only trustworthy once valid) and resolves each field
//! through the schema itself: whatever does not resolve (an unknown field,
//! a fragment on an unknown type) is skipped with everything under it,
//! and is `check`'s to report. Each selection is counted once, where it is
//! written: a fragment's fields count at the fragment, not at each spread.
//! It is a [`Visitor`] of the crate's one walk ([`crate::visit`]).

use super::{Counts, Site};
use crate::visit::{self, ArgOf, FieldAt, Visitor};
use apollo_compiler::ast::{self, Definition};
use apollo_compiler::parser::SourceSpan;
use apollo_compiler::schema::{DirectiveDefinition, ExtendedType, InputValueDefinition};
use apollo_compiler::{Node, Schema};
use std::collections::HashMap;

/// Counts one document into `counts`. `place` turns a byte offset of the
/// document's text into a site; `fragments` maps every fragment name the
/// project knows to its type condition (spreads of fragments from other
/// files resolve through it).
pub(crate) fn document<'a>(
    schema: &'a Schema,
    doc: &'a ast::Document,
    fragments: &'a HashMap<String, String>,
    place: &'a dyn Fn(usize) -> Site,
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
                visit::directives(schema, &op.directives, &mut w);
                for v in &op.variables {
                    w.type_use(v.ty.inner_named_type(), v.ty.location().map(|l| l.offset()));
                    if let Some(d) = &v.default_value {
                        visit::value(schema, d, &v.ty, &mut w);
                    }
                    visit::directives(schema, &v.directives, &mut w);
                }
                if let Some(root) = schema.root_operation(op.operation_type) {
                    visit::ast_selections(schema, root.as_str(), &op.selection_set, &mut w);
                }
            }
            Definition::FragmentDefinition(f) => {
                visit::directives(schema, &f.directives, &mut w);
                if let Some((ty, _)) = schema.types.get_key_value(f.type_condition.as_str()) {
                    w.type_use(&f.type_condition, f.type_condition.location().map(|l| l.offset()));
                    visit::ast_selections(schema, ty.as_str(), &f.selection_set, &mut w);
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

/// The visitor: each coordinate a document names, where it names it.
struct Walk<'a, 'c> {
    schema: &'a Schema,
    fragments: &'a HashMap<String, String>,
    place: &'a dyn Fn(usize) -> Site,
    counts: &'c mut Counts,
}

impl Walk<'_, '_> {
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
}

impl<'a> Visitor<'a> for Walk<'a, '_> {
    fn directive(&mut self, d: &'a Node<ast::Directive>, _: &'a DirectiveDefinition) -> bool {
        self.hit(format!("@{}", d.name), d.location().map(|l| l.offset()));
        true
    }

    fn field(&mut self, f: &FieldAt<'a>) -> bool {
        if f.name.as_str() == "__typename" {
            return false;
        }
        let at = f.name.location().map(|l| l.offset()).or(f.location.map(|l| l.offset()));
        self.hit(format!("{}.{}", f.parent, f.name), at);
        // A type is used by each use of its fields (as GraphQL Inspector counts it).
        self.counts.at(f.parent).hits += 1;
        true
    }

    fn argument(&mut self, of: ArgOf<'_, 'a>, a: &'a Node<ast::Argument>, _: &'a InputValueDefinition) -> bool {
        let coordinate = match of {
            ArgOf::Field(f) => format!("{}.{}({}:)", f.parent, f.name, a.name),
            ArgOf::Directive(d) => format!("@{}({}:)", d.name, a.name),
        };
        self.hit(coordinate, a.location().map(|l| l.offset()));
        true
    }

    fn inline_fragment(&mut self, parent: &'a str, condition: Option<&'a ast::NamedType>, location: Option<SourceSpan>) -> bool {
        if let Some(t) = condition {
            let at = t.location().map(|l| l.offset()).or(location.map(|l| l.offset()));
            self.type_use(t, at);
            self.relation(parent, t.as_str(), at);
        }
        true
    }

    fn fragment_spread(&mut self, parent: &'a str, name: &'a apollo_compiler::Name, location: Option<SourceSpan>) -> bool {
        if let Some(cond) = self.fragments.get(name.as_str()) {
            self.relation(parent, cond, location.map(|l| l.offset()));
        }
        false
    }

    fn input_field(
        &mut self,
        object: &'a apollo_compiler::Name,
        name: &'a apollo_compiler::Name,
        _: &'a InputValueDefinition,
        _: &'a Node<ast::Value>,
    ) {
        self.hit(format!("{object}.{name}"), name.location().map(|l| l.offset()));
    }

    fn value(&mut self, v: &'a Node<ast::Value>, ty: &'a ast::Type) -> bool {
        if let ast::Value::Enum(e) = v.as_ref() {
            let named = ty.inner_named_type();
            if matches!(self.schema.types.get(named.as_str()), Some(ExtendedType::Enum(def)) if def.values.contains_key(e.as_str())) {
                self.hit(format!("{named}.{e}"), v.location().map(|l| l.offset()));
            }
        }
        true
    }
}
