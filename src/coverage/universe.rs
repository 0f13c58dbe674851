//! Every schema coordinate a coverage report counts, with its kind and
//! whether it is deprecated.
//!
//! Coordinates follow the GraphQL schema coordinates RFC where it has one
//! (`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `Input.field`,
//! `@directive`, `@directive(arg:)`); a union member and an interface
//! implementation are written `Union.Member` and `Interface.Object`, told
//! apart from fields by their kind. Introspection types, built-in scalars
//! and directives that no operation can use (type-system locations only)
//! are left out.

use apollo_compiler::schema::{DirectiveLocation, ExtendedType};
use apollo_compiler::Schema;

/// The kinds counted, in report order (the names `--fail-under` takes).
pub(crate) const KINDS: &[&str] = &[
    "type",
    "field",
    "argument",
    "input-field",
    "enum-value",
    "union-member",
    "implementation",
    "directive",
];

/// The plural a kind is reported and gated under (`fields`, `enum-values`).
pub(crate) fn plural(kind: &str) -> String {
    format!("{kind}s")
}

/// One coordinate of the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Coord {
    pub coordinate: String,
    pub kind: &'static str,
    pub deprecated: bool,
    /// For a root field, its operation type (`query`, `mutation`, `subscription`).
    pub root: Option<&'static str>,
}

fn deprecated(d: &apollo_compiler::ast::DirectiveList) -> bool {
    d.get("deprecated").is_some()
}

/// Every coordinate of `schema`, sorted by coordinate then kind.
pub(crate) fn of(schema: &Schema) -> Vec<Coord> {
    let mut out = Vec::new();
    let mut push = |coordinate: String, kind: &'static str, dep: bool, root: Option<&'static str>| {
        out.push(Coord {
            coordinate,
            kind,
            deprecated: dep,
            root,
        })
    };
    let roots = [
        ("query", schema.schema_definition.query.as_ref()),
        ("mutation", schema.schema_definition.mutation.as_ref()),
        ("subscription", schema.schema_definition.subscription.as_ref()),
    ];
    for (name, ty) in &schema.types {
        if ty.is_built_in() {
            continue;
        }
        push(name.to_string(), "type", false, None);
        let root = roots.iter().find(|(_, r)| r.is_some_and(|r| r.name == *name)).map(|(k, _)| *k);
        let fields = match ty {
            ExtendedType::Object(o) => Some(&o.fields),
            ExtendedType::Interface(i) => Some(&i.fields),
            _ => None,
        };
        match ty {
            ExtendedType::Object(_) | ExtendedType::Interface(_) => {
                for (f, def) in fields.into_iter().flatten() {
                    push(format!("{name}.{f}"), "field", deprecated(&def.directives), root);
                    for a in &def.arguments {
                        push(format!("{name}.{f}({}:)", a.name), "argument", deprecated(&a.directives), None);
                    }
                }
                if let ExtendedType::Object(o) = ty {
                    for i in &o.implements_interfaces {
                        push(format!("{}.{name}", i.name), "implementation", false, None);
                    }
                }
            }
            ExtendedType::Union(u) => {
                for m in &u.members {
                    push(format!("{name}.{}", m.name), "union-member", false, None);
                }
            }
            ExtendedType::Enum(e) => {
                for (v, def) in &e.values {
                    push(format!("{name}.{v}"), "enum-value", deprecated(&def.directives), None);
                }
            }
            ExtendedType::InputObject(i) => {
                for (f, def) in &i.fields {
                    push(format!("{name}.{f}"), "input-field", deprecated(&def.directives), None);
                }
            }
            ExtendedType::Scalar(_) => {}
        }
    }
    for (name, d) in &schema.directive_definitions {
        let executable = d.locations.iter().any(|l| {
            matches!(
                l,
                DirectiveLocation::Query
                    | DirectiveLocation::Mutation
                    | DirectiveLocation::Subscription
                    | DirectiveLocation::Field
                    | DirectiveLocation::FragmentDefinition
                    | DirectiveLocation::FragmentSpread
                    | DirectiveLocation::InlineFragment
                    | DirectiveLocation::VariableDefinition
            )
        });
        if !executable {
            continue;
        }
        push(format!("@{name}"), "directive", false, None);
        for a in &d.arguments {
            push(format!("@{name}({}:)", a.name), "argument", deprecated(&a.directives), None);
        }
    }
    out.sort_by(|a, b| (&a.coordinate, a.kind).cmp(&(&b.coordinate, b.kind)));
    out
}
