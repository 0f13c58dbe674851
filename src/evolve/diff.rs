//! `schema diff OLD NEW`: every change between two schemas, classified.
//!
//! The breaking and dangerous changes are a port of graphql-js 16's
//! `findBreakingChanges` and `findDangerousChanges`
//! (src/utilities/findBreakingChanges.ts): the same walk over the type map and
//! the directives, the same rules for which type changes are safe
//! (`isChangeSafeForObjectOrInterfaceField`,
//! `isChangeSafeForInputObjectFieldOrFieldArg`), the same default-value
//! comparison (values coerced and printed, object fields sorted), the same
//! change type names (`kind`) and the same descriptions (`message`). The
//! type map follows graphql-js's: the standard scalars `Int`, `Float` and `ID`
//! are in it only while something references them, so a schema that stops
//! using `Float` loses it ("Standard scalar Float was removed…").
//!
//! Beside those, the changes GraphQL Inspector lists as safe are reported
//! with Inspector's change names: types, fields, arguments, directives and
//! directive locations added, descriptions changed, type changes that
//! graphql-js deems safe, deprecations removed or their reason changed. A
//! deprecation added (`*_DEPRECATION_ADDED`) and an input field's default
//! changed are dangerous: clients should move. No Rust crate implements this
//! comparison, so it is written here over apollo-compiler's schema model.

use super::values::print_value;
use crate::contract::source::LoadedSchema;
use apollo_compiler::ast::{self, Value};
use apollo_compiler::schema::{ExtendedType, InputValueDefinition};
use apollo_compiler::{Node, Schema};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// How a change affects clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Criticality {
    /// Operations valid before may fail now.
    Breaking,
    /// Operations still validate, but behaviour may change.
    Dangerous,
    /// Nothing a client does can break.
    Safe,
}

impl Criticality {
    /// `breaking`, `dangerous` or `safe`.
    pub fn as_str(self) -> &'static str {
        match self {
            Criticality::Breaking => "breaking",
            Criticality::Dangerous => "dangerous",
            Criticality::Safe => "safe",
        }
    }
}

/// A place in an SDL file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// One change between OLD and NEW.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// breaking, dangerous or safe.
    pub criticality: Criticality,
    /// graphql-js's change type (`FIELD_REMOVED`), or GraphQL Inspector's for safe changes.
    pub kind: &'static str,
    /// Schema coordinate: `Customer.status`, `Query.customers(first:)`, `@deprecated`.
    pub coordinate: String,
    /// One line (graphql-js's description for its change types).
    pub message: String,
    /// Where in OLD (SDL only).
    pub old: Option<Location>,
    /// Where in NEW (SDL only).
    pub new: Option<Location>,
}

/// graphql-js 16's `BreakingChangeType` values.
pub const GRAPHQL_JS_BREAKING: &[&str] = &[
    "TYPE_REMOVED",
    "TYPE_CHANGED_KIND",
    "TYPE_REMOVED_FROM_UNION",
    "VALUE_REMOVED_FROM_ENUM",
    "REQUIRED_INPUT_FIELD_ADDED",
    "IMPLEMENTED_INTERFACE_REMOVED",
    "FIELD_REMOVED",
    "FIELD_CHANGED_KIND",
    "REQUIRED_ARG_ADDED",
    "ARG_REMOVED",
    "ARG_CHANGED_KIND",
    "DIRECTIVE_REMOVED",
    "DIRECTIVE_ARG_REMOVED",
    "REQUIRED_DIRECTIVE_ARG_ADDED",
    "DIRECTIVE_REPEATABLE_REMOVED",
    "DIRECTIVE_LOCATION_REMOVED",
];

/// graphql-js 16's `DangerousChangeType` values.
pub const GRAPHQL_JS_DANGEROUS: &[&str] = &[
    "VALUE_ADDED_TO_ENUM",
    "TYPE_ADDED_TO_UNION",
    "OPTIONAL_INPUT_FIELD_ADDED",
    "OPTIONAL_ARG_ADDED",
    "IMPLEMENTED_INTERFACE_ADDED",
    "ARG_DEFAULT_VALUE_CHANGE",
];

const DEFAULT_DEPRECATION_REASON: &str = "No longer supported";

struct Differ<'a> {
    old: &'a LoadedSchema,
    new: &'a LoadedSchema,
    out: Vec<Change>,
}

/// Every change from `old` to `new`, in graphql-js's order (types in OLD's
/// order, then directives), safe changes beside the member they concern.
pub fn diff(old: &LoadedSchema, new: &LoadedSchema) -> Vec<Change> {
    let mut d = Differ { old, new, out: Vec::new() };
    d.types();
    d.directives();
    d.out
}

/// A location in a loaded schema from an apollo-compiler node.
fn locate<T>(s: &LoadedSchema, node: &Node<T>) -> Option<Location> {
    locate_span(s, node.location())
}

fn locate_span(s: &LoadedSchema, span: Option<apollo_compiler::parser::SourceSpan>) -> Option<Location> {
    let span = span?;
    let path = s.schema.schema.sources.get(&span.file_id())?.path().display().to_string();
    let (file, lc) = s.line_col(&path, span.offset())?;
    Some(Location {
        file,
        line: lc.line,
        column: lc.column,
    })
}

/// graphql-js's type map: user types, `String` and `Boolean` (introspection
/// uses them), and `Int`, `Float`, `ID` while referenced.
fn type_map(s: &Schema) -> Vec<(&str, &ExtendedType)> {
    let mut referenced: HashSet<&str> = ["String", "Boolean"].into_iter().collect();
    let mut see = |ty: &ast::Type| {
        if let Some((n, _)) = s.types.get_key_value(ty.inner_named_type()) {
            referenced.insert(n.as_str());
        }
    };
    for t in s.types.values().filter(|t| !t.is_built_in()) {
        match t {
            ExtendedType::Object(o) => o.fields.values().for_each(|f| {
                see(&f.ty);
                f.arguments.iter().for_each(|a| see(&a.ty));
            }),
            ExtendedType::Interface(o) => o.fields.values().for_each(|f| {
                see(&f.ty);
                f.arguments.iter().for_each(|a| see(&a.ty));
            }),
            ExtendedType::InputObject(o) => o.fields.values().for_each(|f| see(&f.ty)),
            _ => {}
        }
    }
    for d in s.directive_definitions.values() {
        d.arguments.iter().for_each(|a| see(&a.ty));
    }
    s.types
        .iter()
        .filter(|(n, t)| !n.starts_with("__") && (!t.is_built_in() || referenced.contains(n.as_str())))
        .map(|(n, t)| (n.as_str(), t))
        .collect()
}

fn kind_name(t: &ExtendedType) -> &'static str {
    match t {
        ExtendedType::Scalar(_) => "a Scalar type",
        ExtendedType::Object(_) => "an Object type",
        ExtendedType::Interface(_) => "an Interface type",
        ExtendedType::Union(_) => "a Union type",
        ExtendedType::Enum(_) => "an Enum type",
        ExtendedType::InputObject(_) => "an Input type",
    }
}

fn desc(d: &Option<Node<str>>) -> Option<&str> {
    d.as_deref()
}

/// The effective deprecation reason, when deprecated.
fn deprecation(directives: &ast::DirectiveList) -> Option<String> {
    let d = directives.get("deprecated")?;
    Some(match d.specified_argument_by_name("reason").map(|v| &**v) {
        Some(Value::String(s)) => s.to_string(),
        _ => DEFAULT_DEPRECATION_REASON.to_string(),
    })
}

fn is_required(v: &InputValueDefinition) -> bool {
    v.ty.is_non_null() && v.default_value.is_none()
}

/// graphql-js `isChangeSafeForObjectOrInterfaceField`.
fn safe_output(old: &ast::Type, new: &ast::Type) -> bool {
    use ast::Type::*;
    match old {
        List(o) => (matches!(new, List(_)) && safe_output(o, inner(new))) || (new.is_non_null() && safe_output(old, &nullable(new))),
        NonNullNamed(_) | NonNullList(_) => new.is_non_null() && safe_output(&nullable(old), &nullable(new)),
        Named(o) => (matches!(new, Named(n) if n == o)) || (new.is_non_null() && safe_output(old, &nullable(new))),
    }
}

/// graphql-js `isChangeSafeForInputObjectFieldOrFieldArg`.
fn safe_input(old: &ast::Type, new: &ast::Type) -> bool {
    use ast::Type::*;
    match old {
        List(o) => matches!(new, List(_)) && safe_input(o, inner(new)),
        NonNullNamed(_) | NonNullList(_) => {
            (new.is_non_null() && safe_input(&nullable(old), &nullable(new))) || (!new.is_non_null() && safe_input(&nullable(old), new))
        }
        Named(o) => matches!(new, Named(n) if n == o),
    }
}

fn nullable(t: &ast::Type) -> ast::Type {
    t.clone().nullable()
}

/// The item type of a (nullable) list; the type itself otherwise.
fn inner(t: &ast::Type) -> &ast::Type {
    match t {
        ast::Type::List(i) => i,
        other => other,
    }
}

impl<'a> Differ<'a> {
    fn push(
        &mut self,
        criticality: Criticality,
        kind: &'static str,
        coordinate: String,
        message: String,
        old: Option<Location>,
        new: Option<Location>,
    ) {
        self.out.push(Change {
            criticality,
            kind,
            coordinate,
            message,
            old,
            new,
        });
    }

    fn types(&mut self) {
        let (o, n) = (&self.old.schema.schema, &self.new.schema.schema);
        let old_map = type_map(o);
        let new_map: BTreeMap<&str, &ExtendedType> = type_map(n).into_iter().collect();
        let old_names: HashSet<&str> = old_map.iter().map(|(n, _)| *n).collect();
        for (name, ot) in &old_map {
            let Some(nt) = new_map.get(name) else {
                let message = if ot.is_built_in() {
                    format!("Standard scalar {name} was removed because it is not referenced anymore.")
                } else {
                    format!("{name} was removed.")
                };
                let loc = locate_span(self.old, ot.location());
                self.push(Criticality::Breaking, "TYPE_REMOVED", name.to_string(), message, loc, None);
                continue;
            };
            self.type_description(name, ot, nt);
            match (ot, nt) {
                (ExtendedType::Enum(a), ExtendedType::Enum(b)) => self.enums(name, a, b),
                (ExtendedType::Union(a), ExtendedType::Union(b)) => {
                    for m in b.members.iter().filter(|m| !a.members.contains(*m)) {
                        let loc = locate_span(self.new, m.location());
                        self.push(
                            Criticality::Dangerous,
                            "TYPE_ADDED_TO_UNION",
                            name.to_string(),
                            format!("{} was added to union type {name}.", m.name),
                            None,
                            loc,
                        );
                    }
                    for m in a.members.iter().filter(|m| !b.members.contains(*m)) {
                        let loc = locate_span(self.old, m.location());
                        self.push(
                            Criticality::Breaking,
                            "TYPE_REMOVED_FROM_UNION",
                            name.to_string(),
                            format!("{} was removed from union type {name}.", m.name),
                            loc,
                            None,
                        );
                    }
                }
                (ExtendedType::InputObject(a), ExtendedType::InputObject(b)) => self.inputs(name, a, b),
                (ExtendedType::Object(a), ExtendedType::Object(b)) => {
                    self.fields(name, &a.fields, &b.fields);
                    self.interfaces(name, &a.implements_interfaces, &b.implements_interfaces);
                }
                (ExtendedType::Interface(a), ExtendedType::Interface(b)) => {
                    self.fields(name, &a.fields, &b.fields);
                    self.interfaces(name, &a.implements_interfaces, &b.implements_interfaces);
                }
                (ExtendedType::Scalar(_), ExtendedType::Scalar(_)) => {}
                _ => {
                    let loc = locate_span(self.new, nt.location());
                    self.push(
                        Criticality::Breaking,
                        "TYPE_CHANGED_KIND",
                        name.to_string(),
                        format!("{name} changed from {} to {}.", kind_name(ot), kind_name(nt)),
                        locate_span(self.old, ot.location()),
                        loc,
                    );
                }
            }
        }
        for (name, nt) in type_map(n) {
            if !old_names.contains(name) && !nt.is_built_in() {
                let loc = locate_span(self.new, nt.location());
                self.push(
                    Criticality::Safe,
                    "TYPE_ADDED",
                    name.to_string(),
                    format!("Type {name} was added."),
                    None,
                    loc,
                );
            }
        }
    }

    fn type_description(&mut self, name: &str, ot: &ExtendedType, nt: &ExtendedType) {
        let d = |t: &ExtendedType| -> Option<String> {
            match t {
                ExtendedType::Scalar(x) => desc(&x.description).map(str::to_string),
                ExtendedType::Object(x) => desc(&x.description).map(str::to_string),
                ExtendedType::Interface(x) => desc(&x.description).map(str::to_string),
                ExtendedType::Union(x) => desc(&x.description).map(str::to_string),
                ExtendedType::Enum(x) => desc(&x.description).map(str::to_string),
                ExtendedType::InputObject(x) => desc(&x.description).map(str::to_string),
            }
        };
        let (a, b) = (d(ot), d(nt));
        if a != b {
            let loc = locate_span(self.new, nt.location());
            self.description_change("TYPE_DESCRIPTION", name.to_string(), a.as_deref(), b.as_deref(), loc);
        }
    }

    fn description_change(&mut self, prefix: &'static str, coord: String, a: Option<&str>, b: Option<&str>, loc: Option<Location>) {
        let (kind, message) = match (a, b) {
            (None, Some(_)) => (added_kind(prefix), format!("Description added to {coord}.")),
            (Some(_), None) => (removed_kind(prefix), format!("Description removed from {coord}.")),
            _ => (changed_kind(prefix), format!("Description of {coord} changed.")),
        };
        self.push(Criticality::Safe, kind, coord, message, None, loc);
    }

    fn deprecation_change(&mut self, prefix: &'static str, coord: String, a: Option<String>, b: Option<String>, loc: Option<Location>) {
        match (a, b) {
            (None, Some(r)) => {
                let kind = match prefix {
                    "FIELD" => "FIELD_DEPRECATION_ADDED",
                    "ENUM_VALUE" => "ENUM_VALUE_DEPRECATION_ADDED",
                    "INPUT_FIELD" => "INPUT_FIELD_DEPRECATION_ADDED",
                    _ => "ARGUMENT_DEPRECATION_ADDED",
                };
                self.push(
                    Criticality::Dangerous,
                    kind,
                    coord.clone(),
                    format!("{coord} is deprecated: {r}"),
                    None,
                    loc,
                );
            }
            (Some(_), None) => {
                let kind = match prefix {
                    "FIELD" => "FIELD_DEPRECATION_REMOVED",
                    "ENUM_VALUE" => "ENUM_VALUE_DEPRECATION_REMOVED",
                    "INPUT_FIELD" => "INPUT_FIELD_DEPRECATION_REMOVED",
                    _ => "ARGUMENT_DEPRECATION_REMOVED",
                };
                self.push(
                    Criticality::Safe,
                    kind,
                    coord.clone(),
                    format!("{coord} is no longer deprecated."),
                    None,
                    loc,
                );
            }
            (Some(a), Some(b)) if a != b => {
                let kind = match prefix {
                    "FIELD" => "FIELD_DEPRECATION_REASON_CHANGED",
                    "ENUM_VALUE" => "ENUM_VALUE_DEPRECATION_REASON_CHANGED",
                    "INPUT_FIELD" => "INPUT_FIELD_DEPRECATION_REASON_CHANGED",
                    _ => "ARGUMENT_DEPRECATION_REASON_CHANGED",
                };
                self.push(
                    Criticality::Safe,
                    kind,
                    coord.clone(),
                    format!("Deprecation reason of {coord} changed to {b:?}."),
                    None,
                    loc,
                );
            }
            _ => {}
        }
    }

    fn enums(&mut self, name: &str, a: &apollo_compiler::schema::EnumType, b: &apollo_compiler::schema::EnumType) {
        for (v, def) in b.values.iter().filter(|(v, _)| !a.values.contains_key(*v)) {
            let loc = locate(self.new, def);
            self.push(
                Criticality::Dangerous,
                "VALUE_ADDED_TO_ENUM",
                format!("{name}.{v}"),
                format!("{v} was added to enum type {name}."),
                None,
                loc,
            );
        }
        for (v, def) in a.values.iter().filter(|(v, _)| !b.values.contains_key(*v)) {
            let loc = locate(self.old, def);
            self.push(
                Criticality::Breaking,
                "VALUE_REMOVED_FROM_ENUM",
                format!("{name}.{v}"),
                format!("{v} was removed from enum type {name}."),
                loc,
                None,
            );
        }
        for (v, old) in &a.values {
            let Some(new) = b.values.get(v) else { continue };
            let coord = format!("{name}.{v}");
            let loc = locate(self.new, new);
            if desc(&old.description) != desc(&new.description) {
                self.description_change(
                    "ENUM_VALUE_DESCRIPTION",
                    coord.clone(),
                    desc(&old.description),
                    desc(&new.description),
                    loc.clone(),
                );
            }
            self.deprecation_change("ENUM_VALUE", coord, deprecation(&old.directives), deprecation(&new.directives), loc);
        }
    }

    fn inputs(&mut self, name: &str, a: &apollo_compiler::schema::InputObjectType, b: &apollo_compiler::schema::InputObjectType) {
        for (f, def) in b.fields.iter().filter(|(f, _)| !a.fields.contains_key(*f)) {
            let loc = locate(self.new, def);
            if is_required(def) {
                self.push(
                    Criticality::Breaking,
                    "REQUIRED_INPUT_FIELD_ADDED",
                    format!("{name}.{f}"),
                    format!("A required field {f} on input type {name} was added."),
                    None,
                    loc,
                );
            } else {
                self.push(
                    Criticality::Dangerous,
                    "OPTIONAL_INPUT_FIELD_ADDED",
                    format!("{name}.{f}"),
                    format!("An optional field {f} on input type {name} was added."),
                    None,
                    loc,
                );
            }
        }
        for (f, def) in a.fields.iter().filter(|(f, _)| !b.fields.contains_key(*f)) {
            let loc = locate(self.old, def);
            self.push(
                Criticality::Breaking,
                "FIELD_REMOVED",
                format!("{name}.{f}"),
                format!("{name}.{f} was removed."),
                loc,
                None,
            );
        }
        for (f, old) in &a.fields {
            let Some(new) = b.fields.get(f) else { continue };
            let coord = format!("{name}.{f}");
            let (ol, nl) = (locate(self.old, old), locate(self.new, new));
            if !safe_input(&old.ty, &new.ty) {
                self.push(
                    Criticality::Breaking,
                    "FIELD_CHANGED_KIND",
                    coord.clone(),
                    format!("{name}.{f} changed type from {} to {}.", old.ty, new.ty),
                    ol,
                    nl.clone(),
                );
            } else if old.ty != new.ty {
                self.push(
                    Criticality::Safe,
                    "INPUT_FIELD_TYPE_CHANGED",
                    coord.clone(),
                    format!("{coord} changed type from {} to {} (safe for clients).", old.ty, new.ty),
                    None,
                    nl.clone(),
                );
            }
            let (od, nd) = (
                old.default_value.as_ref().map(|v| print_value(self.old, v, &old.ty)),
                new.default_value.as_ref().map(|v| print_value(self.new, v, &new.ty)),
            );
            if od != nd {
                self.push(
                    Criticality::Dangerous,
                    "INPUT_FIELD_DEFAULT_VALUE_CHANGED",
                    coord.clone(),
                    format!(
                        "{coord} default changed from {} to {}.",
                        od.as_deref().unwrap_or("none"),
                        nd.as_deref().unwrap_or("none")
                    ),
                    None,
                    nl.clone(),
                );
            }
            if desc(&old.description) != desc(&new.description) {
                self.description_change(
                    "INPUT_FIELD_DESCRIPTION",
                    coord.clone(),
                    desc(&old.description),
                    desc(&new.description),
                    nl.clone(),
                );
            }
            self.deprecation_change("INPUT_FIELD", coord, deprecation(&old.directives), deprecation(&new.directives), nl);
        }
    }

    fn interfaces(
        &mut self,
        name: &str,
        a: &apollo_compiler::collections::IndexSet<apollo_compiler::schema::ComponentName>,
        b: &apollo_compiler::collections::IndexSet<apollo_compiler::schema::ComponentName>,
    ) {
        for i in b.iter().filter(|i| !a.contains(*i)) {
            let loc = locate_span(self.new, i.location());
            self.push(
                Criticality::Dangerous,
                "IMPLEMENTED_INTERFACE_ADDED",
                name.to_string(),
                format!("{} added to interfaces implemented by {name}.", i.name),
                None,
                loc,
            );
        }
        for i in a.iter().filter(|i| !b.contains(*i)) {
            let loc = locate_span(self.old, i.location());
            self.push(
                Criticality::Breaking,
                "IMPLEMENTED_INTERFACE_REMOVED",
                name.to_string(),
                format!("{name} no longer implements interface {}.", i.name),
                loc,
                None,
            );
        }
    }

    fn fields(
        &mut self,
        name: &str,
        a: &apollo_compiler::collections::IndexMap<
            apollo_compiler::Name,
            apollo_compiler::schema::Component<apollo_compiler::schema::FieldDefinition>,
        >,
        b: &apollo_compiler::collections::IndexMap<
            apollo_compiler::Name,
            apollo_compiler::schema::Component<apollo_compiler::schema::FieldDefinition>,
        >,
    ) {
        for (f, def) in a.iter().filter(|(f, _)| !b.contains_key(*f)) {
            let loc = locate(self.old, def);
            self.push(
                Criticality::Breaking,
                "FIELD_REMOVED",
                format!("{name}.{f}"),
                format!("{name}.{f} was removed."),
                loc,
                None,
            );
        }
        for (f, old) in a {
            let Some(new) = b.get(f) else { continue };
            let coord = format!("{name}.{f}");
            let nl = locate(self.new, new);
            self.args(name, f, &old.arguments, &new.arguments);
            if !safe_output(&old.ty, &new.ty) {
                self.push(
                    Criticality::Breaking,
                    "FIELD_CHANGED_KIND",
                    coord.clone(),
                    format!("{name}.{f} changed type from {} to {}.", old.ty, new.ty),
                    locate(self.old, old),
                    nl.clone(),
                );
            } else if old.ty != new.ty {
                self.push(
                    Criticality::Safe,
                    "FIELD_TYPE_CHANGED",
                    coord.clone(),
                    format!("{coord} changed type from {} to {} (safe for clients).", old.ty, new.ty),
                    None,
                    nl.clone(),
                );
            }
            if desc(&old.description) != desc(&new.description) {
                self.description_change(
                    "FIELD_DESCRIPTION",
                    coord.clone(),
                    desc(&old.description),
                    desc(&new.description),
                    nl.clone(),
                );
            }
            self.deprecation_change("FIELD", coord, deprecation(&old.directives), deprecation(&new.directives), nl);
        }
        for (f, def) in b.iter().filter(|(f, _)| !a.contains_key(*f)) {
            let loc = locate(self.new, def);
            self.push(
                Criticality::Safe,
                "FIELD_ADDED",
                format!("{name}.{f}"),
                format!("Field {f} was added to {name}."),
                None,
                loc,
            );
        }
    }

    fn args(&mut self, ty: &str, field: &str, a: &[Node<InputValueDefinition>], b: &[Node<InputValueDefinition>]) {
        fn find<'x>(list: &'x [Node<InputValueDefinition>], n: &str) -> Option<&'x Node<InputValueDefinition>> {
            list.iter().find(|x| x.name == n)
        }
        for arg in a.iter().filter(|x| find(b, &x.name).is_none()) {
            let loc = locate(self.old, arg);
            self.push(
                Criticality::Breaking,
                "ARG_REMOVED",
                format!("{ty}.{field}({}:)", arg.name),
                format!("{ty}.{field} arg {} was removed.", arg.name),
                loc,
                None,
            );
        }
        for old in a {
            let Some(new) = b.iter().find(|x| x.name == old.name) else {
                continue;
            };
            let coord = format!("{ty}.{field}({}:)", old.name);
            let nl = locate(self.new, new);
            if !safe_input(&old.ty, &new.ty) {
                self.push(
                    Criticality::Breaking,
                    "ARG_CHANGED_KIND",
                    coord.clone(),
                    format!("{ty}.{field} arg {} has changed type from {} to {}.", old.name, old.ty, new.ty),
                    locate(self.old, old),
                    nl.clone(),
                );
            } else {
                if old.ty != new.ty {
                    self.push(
                        Criticality::Safe,
                        "FIELD_ARGUMENT_TYPE_CHANGED",
                        coord.clone(),
                        format!("{coord} changed type from {} to {} (safe for clients).", old.ty, new.ty),
                        None,
                        nl.clone(),
                    );
                }
                if let Some(ov) = &old.default_value {
                    match &new.default_value {
                        None => self.push(
                            Criticality::Dangerous,
                            "ARG_DEFAULT_VALUE_CHANGE",
                            coord.clone(),
                            format!("{ty}.{field} arg {} defaultValue was removed.", old.name),
                            None,
                            nl.clone(),
                        ),
                        Some(nv) => {
                            let (os, ns) = (print_value(self.old, ov, &old.ty), print_value(self.new, nv, &new.ty));
                            if os != ns {
                                self.push(
                                    Criticality::Dangerous,
                                    "ARG_DEFAULT_VALUE_CHANGE",
                                    coord.clone(),
                                    format!("{ty}.{field} arg {} has changed defaultValue from {os} to {ns}.", old.name),
                                    None,
                                    nl.clone(),
                                );
                            }
                        }
                    }
                } else if new.default_value.is_some() {
                    self.push(
                        Criticality::Safe,
                        "FIELD_ARGUMENT_DEFAULT_ADDED",
                        coord.clone(),
                        format!("{coord} got a default value."),
                        None,
                        nl.clone(),
                    );
                }
            }
            if desc(&old.description) != desc(&new.description) {
                self.description_change(
                    "FIELD_ARGUMENT_DESCRIPTION",
                    coord.clone(),
                    desc(&old.description),
                    desc(&new.description),
                    nl.clone(),
                );
            }
            self.deprecation_change("ARGUMENT", coord, deprecation(&old.directives), deprecation(&new.directives), nl);
        }
        for arg in b.iter().filter(|x| find(a, &x.name).is_none()) {
            let loc = locate(self.new, arg);
            let coord = format!("{ty}.{field}({}:)", arg.name);
            if is_required(arg) {
                self.push(
                    Criticality::Breaking,
                    "REQUIRED_ARG_ADDED",
                    coord,
                    format!("A required arg {} on {ty}.{field} was added.", arg.name),
                    None,
                    loc,
                );
            } else {
                self.push(
                    Criticality::Dangerous,
                    "OPTIONAL_ARG_ADDED",
                    coord,
                    format!("An optional arg {} on {ty}.{field} was added.", arg.name),
                    None,
                    loc,
                );
            }
        }
    }

    fn directives(&mut self) {
        let (o, n) = (&self.old.schema.schema, &self.new.schema.schema);
        for (name, od) in &o.directive_definitions {
            let Some(nd) = n.directive_definitions.get(name) else {
                // graphql-js builds @oneOf in; apollo-compiler 1.x does not, so
                // a declared @oneOf on one side only is no change.
                if name == "oneOf" {
                    continue;
                }
                let loc = locate(self.old, od);
                self.push(
                    Criticality::Breaking,
                    "DIRECTIVE_REMOVED",
                    format!("@{name}"),
                    format!("{name} was removed."),
                    loc,
                    None,
                );
                continue;
            };
            let nl = locate(self.new, nd);
            for arg in nd.arguments.iter().filter(|x| !od.arguments.iter().any(|y| y.name == x.name)) {
                let coord = format!("@{name}({}:)", arg.name);
                if is_required(arg) {
                    self.push(
                        Criticality::Breaking,
                        "REQUIRED_DIRECTIVE_ARG_ADDED",
                        coord,
                        format!("A required arg {} on directive {name} was added.", arg.name),
                        None,
                        locate(self.new, arg),
                    );
                } else {
                    self.push(
                        Criticality::Safe,
                        "DIRECTIVE_ARGUMENT_ADDED",
                        coord,
                        format!("Argument {} was added to directive {name}.", arg.name),
                        None,
                        locate(self.new, arg),
                    );
                }
            }
            for arg in od.arguments.iter().filter(|x| !nd.arguments.iter().any(|y| y.name == x.name)) {
                self.push(
                    Criticality::Breaking,
                    "DIRECTIVE_ARG_REMOVED",
                    format!("@{name}({}:)", arg.name),
                    format!("{} was removed from {name}.", arg.name),
                    locate(self.old, arg),
                    None,
                );
            }
            if od.repeatable && !nd.repeatable {
                self.push(
                    Criticality::Breaking,
                    "DIRECTIVE_REPEATABLE_REMOVED",
                    format!("@{name}"),
                    format!("Repeatable flag was removed from {name}."),
                    locate(self.old, od),
                    nl.clone(),
                );
            } else if !od.repeatable && nd.repeatable {
                self.push(
                    Criticality::Safe,
                    "DIRECTIVE_REPEATABLE_ADDED",
                    format!("@{name}"),
                    format!("Directive {name} became repeatable."),
                    None,
                    nl.clone(),
                );
            }
            for loc in &od.locations {
                if !nd.locations.contains(loc) {
                    self.push(
                        Criticality::Breaking,
                        "DIRECTIVE_LOCATION_REMOVED",
                        format!("@{name}"),
                        format!("{loc} was removed from {name}."),
                        locate(self.old, od),
                        None,
                    );
                }
            }
            for loc in &nd.locations {
                if !od.locations.contains(loc) {
                    self.push(
                        Criticality::Safe,
                        "DIRECTIVE_LOCATION_ADDED",
                        format!("@{name}"),
                        format!("{loc} was added to {name}."),
                        None,
                        nl.clone(),
                    );
                }
            }
            if desc(&od.description) != desc(&nd.description) && !od.is_built_in() {
                self.description_change(
                    "DIRECTIVE_DESCRIPTION",
                    format!("@{name}"),
                    desc(&od.description),
                    desc(&nd.description),
                    nl.clone(),
                );
            }
        }
        for (name, nd) in &n.directive_definitions {
            if !o.directive_definitions.contains_key(name) && name != "oneOf" {
                let loc = locate(self.new, nd);
                self.push(
                    Criticality::Safe,
                    "DIRECTIVE_ADDED",
                    format!("@{name}"),
                    format!("Directive {name} was added."),
                    None,
                    loc,
                );
            }
        }
    }
}

fn added_kind(prefix: &str) -> &'static str {
    match prefix {
        "TYPE_DESCRIPTION" => "TYPE_DESCRIPTION_ADDED",
        "FIELD_DESCRIPTION" => "FIELD_DESCRIPTION_ADDED",
        "ENUM_VALUE_DESCRIPTION" => "ENUM_VALUE_DESCRIPTION_ADDED",
        "INPUT_FIELD_DESCRIPTION" => "INPUT_FIELD_DESCRIPTION_ADDED",
        "FIELD_ARGUMENT_DESCRIPTION" => "FIELD_ARGUMENT_DESCRIPTION_ADDED",
        _ => "DIRECTIVE_DESCRIPTION_ADDED",
    }
}

fn removed_kind(prefix: &str) -> &'static str {
    match prefix {
        "TYPE_DESCRIPTION" => "TYPE_DESCRIPTION_REMOVED",
        "FIELD_DESCRIPTION" => "FIELD_DESCRIPTION_REMOVED",
        "ENUM_VALUE_DESCRIPTION" => "ENUM_VALUE_DESCRIPTION_REMOVED",
        "INPUT_FIELD_DESCRIPTION" => "INPUT_FIELD_DESCRIPTION_REMOVED",
        "FIELD_ARGUMENT_DESCRIPTION" => "FIELD_ARGUMENT_DESCRIPTION_REMOVED",
        _ => "DIRECTIVE_DESCRIPTION_REMOVED",
    }
}

fn changed_kind(prefix: &str) -> &'static str {
    match prefix {
        "TYPE_DESCRIPTION" => "TYPE_DESCRIPTION_CHANGED",
        "FIELD_DESCRIPTION" => "FIELD_DESCRIPTION_CHANGED",
        "ENUM_VALUE_DESCRIPTION" => "ENUM_VALUE_DESCRIPTION_CHANGED",
        "INPUT_FIELD_DESCRIPTION" => "INPUT_FIELD_DESCRIPTION_CHANGED",
        "FIELD_ARGUMENT_DESCRIPTION" => "FIELD_ARGUMENT_DESCRIPTION_CHANGED",
        _ => "DIRECTIVE_DESCRIPTION_CHANGED",
    }
}

/// Counts of changes by criticality: (breaking, dangerous, safe).
pub fn counts(changes: &[Change]) -> (usize, usize, usize) {
    changes.iter().fold((0, 0, 0), |(b, d, s), c| match c.criticality {
        Criticality::Breaking => (b + 1, d, s),
        Criticality::Dangerous => (b, d + 1, s),
        Criticality::Safe => (b, d, s + 1),
    })
}
