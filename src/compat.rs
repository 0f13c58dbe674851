//! `schema compat SUBSET FULL`: is SUBSET a faithful subset of FULL?
//!
//! Every type, field, argument, enum value, union member and input field
//! present in SUBSET must match FULL exactly (name, kind, type with its
//! nullability and list wrappers, default value); every required input field
//! and argument of FULL must be present. Output fields may be left out. Each
//! mismatch is a diagnostic at the subset's definition, with a schema
//! coordinate (`UpsertCustomerInput.identifier`).
//!
//! No library compares two schemas member by member this way (apollo-compiler
//! validates one schema), so this module does it over apollo's typed model.

use crate::contract::GraphqlSchema;
use crate::diagnostic::{Code, Diagnostic};
use apollo_compiler::ast::{InputValueDefinition, Value};
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::Node;

/// Directives SUBSET may declare that FULL lacks (the spec's `@oneOf`, which
/// apollo-compiler 1.x does not build in).
const ALLOWED_EXTRA_DIRECTIVES: &[&str] = &["oneOf"];

/// Compares SUBSET against FULL; returns every mismatch.
pub(crate) fn compat(subset: &GraphqlSchema, full: &GraphqlSchema) -> Vec<Diagnostic> {
    let mut c = Cmp {
        sub: subset,
        out: Vec::new(),
    };
    for (name, sub_ty) in &subset.schema.types {
        if sub_ty.is_built_in() {
            continue;
        }
        let Some(full_ty) = full.schema.types.get(name) else {
            c.push(
                Code::CompatType,
                format!("type `{name}` is not in the full schema"),
                sub_ty.location(),
                name.as_str(),
            );
            continue;
        };
        if kind(sub_ty) != kind(full_ty) {
            c.push(
                Code::CompatType,
                format!("`{name}` is {} here but {} in the full schema", kind(sub_ty), kind(full_ty)),
                sub_ty.location(),
                name.as_str(),
            );
            continue;
        }
        match (sub_ty, full_ty) {
            (ExtendedType::Object(s), ExtendedType::Object(f)) => {
                c.fields(name.as_str(), s.fields.iter().map(|(n, d)| (n.as_str(), &*d.node)), |n| {
                    f.fields.get(n).map(|d| &*d.node)
                });
                for i in &s.implements_interfaces {
                    if !f.implements_interfaces.contains(i) {
                        c.push(
                            Code::CompatType,
                            format!("`{name}` implements `{}` here but not in the full schema", i.name),
                            i.location(),
                            name.as_str(),
                        );
                    }
                }
            }
            (ExtendedType::Interface(s), ExtendedType::Interface(f)) => {
                c.fields(name.as_str(), s.fields.iter().map(|(n, d)| (n.as_str(), &*d.node)), |n| {
                    f.fields.get(n).map(|d| &*d.node)
                });
            }
            (ExtendedType::InputObject(s), ExtendedType::InputObject(f)) => {
                c.input_values(
                    name.as_str(),
                    s.fields.values().map(|d| &*d.node),
                    f.fields.values().map(|d| &*d.node),
                    sub_ty.location(),
                    "input field",
                );
            }
            (ExtendedType::Enum(s), ExtendedType::Enum(f)) => {
                for v in s.values.keys() {
                    if !f.values.contains_key(v) {
                        c.push(
                            Code::CompatMembers,
                            format!("enum value `{name}.{v}` is not in the full schema"),
                            v.location(),
                            &format!("{name}.{v}"),
                        );
                    }
                }
                for v in f.values.keys() {
                    if !s.values.contains_key(v) {
                        c.push(
                            Code::CompatMembers,
                            format!("enum `{name}` lacks the value `{v}` of the full schema"),
                            sub_ty.location(),
                            &format!("{name}.{v}"),
                        );
                    }
                }
            }
            (ExtendedType::Union(s), ExtendedType::Union(f)) => {
                for m in &s.members {
                    if !f.members.contains(m) {
                        c.push(
                            Code::CompatMembers,
                            format!("`{}` is a member of union `{name}` here but not in the full schema", m.name),
                            m.location(),
                            name.as_str(),
                        );
                    }
                }
                for m in &f.members {
                    if !s.members.contains(m) {
                        c.push(
                            Code::CompatMembers,
                            format!("union `{name}` lacks the member `{}` of the full schema", m.name),
                            sub_ty.location(),
                            name.as_str(),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    for (name, d) in &subset.schema.directive_definitions {
        if d.is_built_in() || ALLOWED_EXTRA_DIRECTIVES.contains(&name.as_str()) {
            continue;
        }
        if !full.schema.directive_definitions.contains_key(name) {
            c.push(
                Code::CompatType,
                format!("directive `@{name}` is not in the full schema"),
                d.location(),
                &format!("@{name}"),
            );
        }
    }
    c.out.sort_by_key(|d| (d.line, d.column));
    c.out
}

fn kind(t: &ExtendedType) -> &'static str {
    match t {
        ExtendedType::Scalar(_) => "a scalar",
        ExtendedType::Object(_) => "an object type",
        ExtendedType::Interface(_) => "an interface",
        ExtendedType::Union(_) => "a union",
        ExtendedType::Enum(_) => "an enum",
        ExtendedType::InputObject(_) => "an input object",
    }
}

struct Cmp<'a> {
    sub: &'a GraphqlSchema,
    out: Vec<Diagnostic>,
}

impl Cmp<'_> {
    fn push(&mut self, code: Code, msg: String, loc: Option<apollo_compiler::parser::SourceSpan>, coord: &str) {
        let (start, len) = loc.map_or((0, 0), |l| (l.offset(), l.end_offset().saturating_sub(l.offset())));
        self.out
            .push(Diagnostic::at(code, msg, &self.sub.source, start, len).with_pointer(coord));
    }

    fn fields<'f>(
        &mut self,
        ty: &str,
        sub: impl Iterator<Item = (&'f str, &'f apollo_compiler::ast::FieldDefinition)>,
        full: impl Fn(&str) -> Option<&'f apollo_compiler::ast::FieldDefinition>,
    ) {
        for (fname, sf) in sub {
            let coord = format!("{ty}.{fname}");
            let Some(ff) = full(fname) else {
                self.push(
                    Code::CompatField,
                    format!("field `{coord}` is not in the full schema"),
                    sf.name.location(),
                    &coord,
                );
                continue;
            };
            if sf.ty != ff.ty {
                self.push(
                    Code::CompatField,
                    format!("field `{coord}` is `{}` here but `{}` in the full schema", sf.ty, ff.ty),
                    sf.name.location(),
                    &coord,
                );
            }
            self.input_values(
                &coord,
                sf.arguments.iter().map(|a| &**a),
                ff.arguments.iter().map(|a| &**a),
                sf.name.location(),
                "argument",
            );
        }
    }

    fn input_values<'v>(
        &mut self,
        owner: &str,
        sub: impl Iterator<Item = &'v InputValueDefinition>,
        full: impl Iterator<Item = &'v InputValueDefinition>,
        owner_loc: Option<apollo_compiler::parser::SourceSpan>,
        what: &str,
    ) {
        let sub: Vec<&InputValueDefinition> = sub.collect();
        let full: Vec<&InputValueDefinition> = full.collect();
        for s in &sub {
            let coord = if what == "argument" {
                format!("{owner}({}:)", s.name)
            } else {
                format!("{owner}.{}", s.name)
            };
            let Some(f) = full.iter().find(|f| f.name == s.name) else {
                self.push(
                    Code::CompatField,
                    format!("{what} `{coord}` is not in the full schema"),
                    s.name.location(),
                    &coord,
                );
                continue;
            };
            if s.ty != f.ty {
                self.push(
                    Code::CompatField,
                    format!("{what} `{coord}` is `{}` here but `{}` in the full schema", s.ty, f.ty),
                    s.name.location(),
                    &coord,
                );
            }
            if !same_default(&s.default_value, &f.default_value) {
                let show = |v: &Option<Node<Value>>| v.as_ref().map_or("no default".to_string(), |v| format!("default {v}"));
                self.push(
                    Code::CompatField,
                    format!(
                        "{what} `{coord}` has {} here but {} in the full schema",
                        show(&s.default_value),
                        show(&f.default_value)
                    ),
                    s.name.location(),
                    &coord,
                );
            }
        }
        for f in &full {
            if sub.iter().any(|s| s.name == f.name) {
                continue;
            }
            let coord = if what == "argument" {
                format!("{owner}({}:)", f.name)
            } else {
                format!("{owner}.{}", f.name)
            };
            let required = f.ty.is_non_null() && f.default_value.is_none();
            let (code, msg) = if required {
                (
                    Code::CompatRequiredMissing,
                    format!("required {what} `{coord}: {}` of the full schema is missing", f.ty),
                )
            } else if what == "input field" {
                (
                    Code::CompatField,
                    format!(
                        "{what} `{coord}: {}` of the full schema is missing (input types must be complete)",
                        f.ty
                    ),
                )
            } else {
                (
                    Code::CompatField,
                    format!("{what} `{coord}: {}` of the full schema is missing", f.ty),
                )
            };
            self.push(code, msg, owner_loc, &coord);
        }
    }
}

fn same_default(a: &Option<Node<Value>>, b: &Option<Node<Value>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.to_string() == b.to_string(),
        _ => false,
    }
}
