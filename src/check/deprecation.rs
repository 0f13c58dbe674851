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
use crate::node::{push_token, Node, Value};
use crate::source::Source;
use apollo_compiler::ast::{DirectiveList, Value as AstValue};
use apollo_compiler::executable::{ExecutableDocument, Operation, Selection, SelectionSet};
use apollo_compiler::schema::{ExtendedType, Type};
use apollo_compiler::Schema;
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
    for v in &op.variables {
        if let Some(dv) = &v.default_value {
            w.value(dv, &v.ty, 0);
        }
    }
    let mut seen = HashSet::new();
    w.selection_set(&op.selection_set, &mut seen, 0);
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
    let mut seen = HashSet::new();
    w.selection_set(set, &mut seen, 0);
    w.out
}

struct Walker<'a> {
    schema: &'a Schema,
    doc: &'a ExecutableDocument,
    out: Vec<Use>,
}

impl Walker<'_> {
    fn push(&mut self, loc: Option<apollo_compiler::parser::SourceSpan>, len: Option<usize>, what: &str, coordinate: String, why: String) {
        let Some(loc) = loc else { return };
        let label = self
            .doc
            .sources
            .get(&loc.file_id())
            .map(|s| s.path().display().to_string())
            .unwrap_or_default();
        self.out.push(Use {
            label,
            offset: loc.offset(),
            len: len.unwrap_or(loc.end_offset().saturating_sub(loc.offset())),
            message: format!("{what} `{coordinate}` is deprecated: {why}"),
            coordinate,
        });
    }

    fn selection_set(&mut self, set: &SelectionSet, seen: &mut HashSet<String>, depth: usize) {
        if depth > 256 {
            return;
        }
        for sel in &set.selections {
            match sel {
                Selection::Field(f) => {
                    let parent = set.ty.as_str();
                    if let Some(why) = reason(&f.definition.directives) {
                        let len = f.alias.as_ref().map_or(f.name.len(), |a| a.len() + 2 + f.name.len());
                        self.push(f.location(), Some(len), "field", format!("{parent}.{}", f.name), why);
                    }
                    for arg in &f.arguments {
                        if let Some(def) = f.definition.argument_by_name(&arg.name) {
                            if let Some(why) = reason(&def.directives) {
                                self.push(
                                    arg.location(),
                                    Some(arg.name.len()),
                                    "argument",
                                    format!("{parent}.{}({}:)", f.name, arg.name),
                                    why,
                                );
                            }
                            self.value(&arg.value, &def.ty, depth);
                        }
                    }
                    self.selection_set(&f.selection_set, seen, depth + 1);
                }
                Selection::FragmentSpread(s) => {
                    if seen.insert(s.fragment_name.to_string()) {
                        if let Some(fr) = self.doc.fragments.get(&s.fragment_name) {
                            self.selection_set(&fr.selection_set, seen, depth + 1);
                        }
                    }
                }
                Selection::InlineFragment(i) => self.selection_set(&i.selection_set, seen, depth + 1),
            }
        }
    }

    fn value(&mut self, value: &apollo_compiler::Node<AstValue>, ty: &Type, depth: usize) {
        if depth > 256 {
            return;
        }
        match value.as_ref() {
            AstValue::List(items) => {
                for it in items {
                    self.value(it, ty.item_type(), depth + 1);
                }
            }
            AstValue::Object(fields) => {
                let name = ty.inner_named_type();
                let Some(ExtendedType::InputObject(def)) = self.schema.types.get(name) else {
                    return;
                };
                for (fname, fval) in fields {
                    if let Some(fd) = def.fields.get(fname) {
                        if let Some(why) = reason(&fd.directives) {
                            let loc = fname.location().or(fval.location());
                            self.push(loc, Some(fname.len()), "input field", format!("{name}.{fname}"), why);
                        }
                        self.value(fval, &fd.ty, depth + 1);
                    }
                }
            }
            AstValue::Enum(v) => {
                let name = ty.inner_named_type();
                if let Some(ExtendedType::Enum(def)) = self.schema.types.get(name) {
                    if let Some(why) = def.values.get(v).and_then(|d| reason(&d.directives)) {
                        self.push(value.location(), None, "enum value", format!("{name}.{v}"), why);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Deprecated input fields and enum values in a request's JSON variables
/// (located in `source`, the file holding them; `ptr` is the variables' pointer).
pub(crate) fn in_variables(schema: &Schema, op: &Operation, vars: &Node, ptr: &str, source: &Source) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for def in &op.variables {
        if let Some(v) = vars.get(def.name.as_str()) {
            json(schema, v, &def.ty, &push_token(ptr, def.name.as_str()), source, &mut out, 0);
        }
    }
    out
}

fn json(schema: &Schema, v: &Node, ty: &Type, ptr: &str, source: &Source, out: &mut Vec<Diagnostic>, depth: usize) {
    if depth > 64 {
        return;
    }
    let name = ty.inner_named_type();
    match (&v.value, schema.types.get(name)) {
        (Value::Array(items), _) if ty.is_list() => {
            for (i, it) in items.iter().enumerate() {
                json(schema, it, ty.item_type(), &push_token(ptr, &i.to_string()), source, out, depth + 1);
            }
        }
        (Value::Object(members), Some(ExtendedType::InputObject(def))) => {
            for (k, x) in members {
                let Some(fd) = def.fields.get(k.name.as_str()) else { continue };
                let p = push_token(ptr, &k.name);
                if let Some(why) = reason(&fd.directives) {
                    let coordinate = format!("{name}.{}", k.name);
                    out.push(
                        Diagnostic::at(
                            Code::Deprecated,
                            format!("input field `{coordinate}` is deprecated: {why}"),
                            source,
                            x.start,
                            x.len,
                        )
                        .with_pointer(p.clone())
                        .with_note(format!("schema coordinate: {coordinate}")),
                    );
                }
                json(schema, x, &fd.ty, &p, source, out, depth + 1);
            }
        }
        (Value::String(s), Some(ExtendedType::Enum(def))) => {
            if let Some(why) = def.values.get(s.as_str()).and_then(|d| reason(&d.directives)) {
                let coordinate = format!("{name}.{s}");
                out.push(
                    Diagnostic::at(
                        Code::Deprecated,
                        format!("enum value `{coordinate}` is deprecated: {why}"),
                        source,
                        v.start,
                        v.len,
                    )
                    .with_pointer(ptr.to_string())
                    .with_note(format!("schema coordinate: {coordinate}")),
                );
            }
        }
        _ => {}
    }
}
