//! Use of deprecated schema elements (`@deprecated`, GraphQL spec §3.13):
//! fields in selections, arguments, input fields and enum values in
//! argument literals and variable defaults, and, for a request, input fields
//! and enum values in its JSON variables. Each use is a [`Code::Deprecated`]
//! warning giving the schema's reason and the element's coordinate
//! (`Customer.status`, `Query.customers(filters:)`, `Status.DONE`).
//!
//! apollo-compiler's validation does not report deprecations (graphql-js
//! keeps them out of `specifiedRules` too, in `NoDeprecatedCustomRule`), so
//! this walker does, over the validated document.

use crate::diagnostic::{Code, Diagnostic};
use crate::node::{push_token, Key, Node, Value};
use crate::source::Source;
use crate::visit::{self, ArgOf, FieldAt, JsonVisitor, Spreads, Visitor};
use apollo_compiler::ast::{Argument, Directive, DirectiveList, Value as AstValue};
use apollo_compiler::executable::{ExecutableDocument, Operation, SelectionSet};
use apollo_compiler::schema::{DirectiveDefinition, ExtendedType, InputValueDefinition, Type};
use apollo_compiler::{Name, Schema};
use std::collections::HashSet;

/// One use of a deprecated element in a document: the label of the source
/// it stands in (as the document's source map names it), its byte offset and
/// length there, the message and the coordinate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Use {
    /// The source's path label.
    pub label: String,
    /// Byte offset.
    pub offset: usize,
    /// Byte length.
    pub len: usize,
    /// What is deprecated, and why.
    pub message: String,
    /// The schema coordinate.
    pub coordinate: String,
}

impl Use {
    /// The diagnostic, placed at `offset` of `source` (the caller maps the label).
    pub(crate) fn diagnostic(&self, source: &Source, offset: usize) -> Diagnostic {
        Diagnostic::at(Code::Deprecated, self.message.clone(), source, offset, self.len).with_pointer(self.coordinate.clone())
    }
}

fn reason(directives: &DirectiveList) -> Option<String> {
    let d = directives.get("deprecated")?;
    Some(
        d.specified_argument_by_name("reason")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| "No longer supported".to_string()),
    )
}

/// Deprecated elements an operation uses (through its fragments too).
pub(crate) fn in_operation(schema: &Schema, doc: &ExecutableDocument, op: &Operation) -> Vec<Use> {
    let mut w = Walker {
        schema,
        doc,
        out: Vec::new(),
    };
    visit::operation(schema, doc, op, Spreads::Once, &mut w);
    let mut unique = HashSet::new();
    w.out.retain(|u| unique.insert((u.label.clone(), u.offset, u.coordinate.clone())));
    w.out
}

/// Deprecated elements a fragment uses (through the fragments it spreads):
/// for a fragment no operation uses, checked on its own.
pub(crate) fn in_fragment(schema: &Schema, doc: &ExecutableDocument, set: &SelectionSet) -> Vec<Use> {
    let mut w = Walker {
        schema,
        doc,
        out: Vec::new(),
    };
    visit::selection_set(schema, doc, set, Spreads::Once, &mut w);
    w.out
}

/// The walk's visitor: fields, field arguments, input fields and enum values
/// (directive arguments are not looked at).
struct Walker<'a> {
    schema: &'a Schema,
    doc: &'a ExecutableDocument,
    out: Vec<Use>,
}

impl Walker<'_> {
    fn push(&mut self, loc: Option<apollo_compiler::parser::SourceSpan>, len: Option<usize>, what: &str, coordinate: String, why: String) {
        let Some(loc) = loc else { return };
        let label = visit::source_label(self.doc, loc);
        self.out.push(Use {
            label,
            offset: loc.offset(),
            len: len.unwrap_or(loc.end_offset().saturating_sub(loc.offset())),
            message: format!("{what} `{coordinate}` is deprecated: {why}"),
            coordinate,
        });
    }
}

impl<'a> Visitor<'a> for Walker<'_> {
    fn directive(&mut self, _: &'a apollo_compiler::Node<Directive>, _: &'a DirectiveDefinition) -> bool {
        false
    }

    fn field(&mut self, f: &FieldAt<'a>) -> bool {
        if let Some(why) = reason(&f.definition.directives) {
            let len = f.alias.map_or(f.name.len(), |a| a.len() + 2 + f.name.len());
            self.push(f.location, Some(len), "field", format!("{}.{}", f.parent, f.name), why);
        }
        true
    }

    fn argument(&mut self, of: ArgOf<'_, 'a>, arg: &'a apollo_compiler::Node<Argument>, def: &'a InputValueDefinition) -> bool {
        if let (ArgOf::Field(f), Some(why)) = (of, reason(&def.directives)) {
            self.push(
                arg.location(),
                Some(arg.name.len()),
                "argument",
                format!("{}.{}({}:)", f.parent, f.name, arg.name),
                why,
            );
        }
        true
    }

    fn input_field(&mut self, object: &'a Name, name: &'a Name, def: &'a InputValueDefinition, value: &'a apollo_compiler::Node<AstValue>) {
        if let Some(why) = reason(&def.directives) {
            let loc = name.location().or(value.location());
            self.push(loc, Some(name.len()), "input field", format!("{object}.{name}"), why);
        }
    }

    fn value(&mut self, value: &'a apollo_compiler::Node<AstValue>, ty: &'a Type) -> bool {
        if let AstValue::Enum(v) = value.as_ref() {
            let name = ty.inner_named_type();
            if let Some(ExtendedType::Enum(def)) = self.schema.types.get(name) {
                if let Some(why) = def.values.get(v).and_then(|d| reason(&d.directives)) {
                    self.push(value.location(), None, "enum value", format!("{name}.{v}"), why);
                }
            }
        }
        true
    }
}

/// Deprecated input fields and enum values in a request's JSON variables
/// (located in `source`, the file holding them; `ptr` is the variables' pointer).
pub(crate) fn in_variables(schema: &Schema, op: &Operation, vars: &Node, ptr: &str, source: &Source) -> Vec<Diagnostic> {
    let mut w = InVariables {
        schema,
        source,
        out: Vec::new(),
    };
    for def in &op.variables {
        if let Some(v) = vars.get(def.name.as_str()) {
            visit::json(schema, v, &def.ty, &push_token(ptr, def.name.as_str()), &mut w);
        }
    }
    w.out
}

/// The visitor of [`in_variables`]: lists only where the type is one.
struct InVariables<'a> {
    schema: &'a Schema,
    source: &'a Source,
    out: Vec<Diagnostic>,
}

impl InVariables<'_> {
    fn push(&mut self, what: &str, coordinate: String, why: String, at: &Node, ptr: &str) {
        self.out.push(
            Diagnostic::at(
                Code::Deprecated,
                format!("{what} `{coordinate}` is deprecated: {why}"),
                self.source,
                at.start,
                at.len,
            )
            .with_pointer(ptr.to_string())
            .with_note(format!("schema coordinate: {coordinate}")),
        );
    }
}

impl<'a> JsonVisitor<'a> for InVariables<'a> {
    const POINTERS: bool = true;

    fn json_value(&mut self, v: &'a Node, ty: &'a Type, ptr: &str) -> bool {
        match &v.value {
            Value::Array(_) => ty.is_list(),
            Value::String(s) => {
                let name = ty.inner_named_type();
                if let Some(ExtendedType::Enum(def)) = self.schema.types.get(name) {
                    if let Some(why) = def.values.get(s.as_str()).and_then(|d| reason(&d.directives)) {
                        self.push("enum value", format!("{name}.{s}"), why, v, ptr);
                    }
                }
                true
            }
            _ => true,
        }
    }

    fn json_input_field(&mut self, object: &'a Name, key: &'a Key, def: &'a InputValueDefinition, x: &'a Node, ptr: &str) {
        if let Some(why) = reason(&def.directives) {
            self.push("input field", format!("{object}.{}", key.name), why, x, ptr);
        }
    }
}
