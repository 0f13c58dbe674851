//! The variables walker: coerces a request's `variables` against an
//! operation's variable definitions, following the GraphQL spec's
//! CoerceVariableValues (§6.1.2) and the input coercion rules of each type
//! (§3.5 scalars, §3.9 enums, §3.10 input objects, §3.11 lists, §3.12 non-null),
//! plus `@oneOf` (OneOf Input Objects RFC).
//!
//! Why not `apollo_compiler::request::coerce_variable_values`? It stops at the
//! first error and reports no JSON path. Users need *every* error, each with a
//! pointer such as `/variables/input/onCreate/email/isVerified` and the line:col
//! of the value in their file. The tests check that this walker agrees with
//! apollo-compiler on accept/reject for every corpus case (apollo 1.x does not
//! enforce `@oneOf`, the one intended difference).
//!
//! The walker is a pure function of (schema, operation, value); it never
//! prints. Recursion follows the value tree, whose depth the parser bounds.

use crate::contract::GraphqlSchema;
use crate::diagnostic::{Code, Diagnostic};
use crate::node::{push_token, Node, Value};
use crate::source::Source;
use apollo_compiler::executable::Operation;
use apollo_compiler::schema::{ExtendedType, Type};

/// Largest integer a Float holds exactly (2^53); apollo-compiler refuses
/// integers beyond it as Float input.
const MAX_SAFE_INT: i64 = 9_007_199_254_740_992;

/// Checks `variables` (absent, null or an object) for `operation`.
/// `body` is the request body node, used to place "missing variable" findings
/// when there is no `variables` object; `vars_ptr` is the pointer of `variables`.
pub fn check_variables(
    schema: &GraphqlSchema,
    operation: &Operation,
    variables: Option<&Node>,
    body: &Node,
    vars_ptr: &str,
    source: &Source,
) -> Vec<Diagnostic> {
    let mut w = Walker {
        schema,
        source,
        out: Vec::new(),
    };
    let vars = match variables {
        None => None,
        Some(n) if n.value == Value::Null => None,
        Some(n) => match n.members() {
            Some(_) => Some(n),
            None => {
                w.push(
                    Code::VariablesNotObject,
                    format!("`variables` must be an object, found {}", n.kind()),
                    n,
                    &Ptr::Root(vars_ptr),
                );
                return w.out;
            }
        },
    };
    for def in &operation.variables {
        let name = def.name.as_str();
        let root = Ptr::Root(vars_ptr);
        let ptr = Ptr::Key(&root, name);
        match vars.and_then(|v| v.get(name)) {
            None => {
                if def.default_value.is_none() && def.ty.is_non_null() {
                    let at = vars.unwrap_or(body);
                    w.push(
                        Code::VariableRequired,
                        format!("variable `${name}` of type `{}` is required but not given", def.ty),
                        at,
                        &ptr,
                    );
                }
            }
            Some(v) if v.value == Value::Null => {
                if def.ty.is_non_null() {
                    w.push(
                        Code::VariableRequired,
                        format!("variable `${name}` of non-null type `{}` is null", def.ty),
                        v,
                        &ptr,
                    );
                }
            }
            Some(v) => w.coerce(v, &def.ty, &ptr),
        }
    }
    if let Some(members) = vars.and_then(Node::members) {
        for (k, v) in members {
            if !operation.variables.iter().any(|d| d.name == k.name.as_str()) {
                let d = w.diag(
                    Code::VariableUnused,
                    format!("`{}` is not a variable of the operation; it is ignored", k.name),
                    v,
                    &Ptr::Key(&Ptr::Root(vars_ptr), &k.name),
                );
                w.out.push(d);
            }
        }
    }
    w.out
}

struct Walker<'a> {
    schema: &'a GraphqlSchema,
    source: &'a Source,
    out: Vec<Diagnostic>,
}

impl Walker<'_> {
    fn diag(&self, code: Code, msg: String, node: &Node, ptr: &Ptr<'_>) -> Diagnostic {
        Diagnostic::at(code, msg, self.source, node.start, node.len).with_pointer(ptr.render())
    }

    fn push(&mut self, code: Code, msg: String, node: &Node, ptr: &Ptr<'_>) {
        let d = self.diag(code, msg, node, ptr);
        self.out.push(d);
    }

    /// Coerces a non-null-checked value: `node` may be null only if `ty` allows.
    fn coerce(&mut self, node: &Node, ty: &Type, ptr: &Ptr<'_>) {
        if node.value == Value::Null {
            if ty.is_non_null() {
                self.push(Code::NullValue, format!("null is not allowed here: the type is `{ty}`"), node, ptr);
            }
            return;
        }
        match ty {
            Type::List(item) | Type::NonNullList(item) => match &node.value {
                Value::Array(items) => {
                    for (i, it) in items.iter().enumerate() {
                        self.coerce(it, item, &Ptr::Index(ptr, i));
                    }
                }
                // §3.11 input coercion: a single value is coerced as a list of one.
                _ => self.coerce(node, item, ptr),
            },
            Type::Named(name) | Type::NonNullNamed(name) => self.coerce_named(node, name.as_str(), ptr),
        }
    }

    fn coerce_named(&mut self, node: &Node, name: &str, ptr: &Ptr<'_>) {
        let Some(def) = self.schema.schema.types.get(name) else {
            // Validation of the operation already reported an unknown type.
            return;
        };
        match def {
            ExtendedType::Scalar(_) => self.coerce_scalar(node, name, ptr),
            ExtendedType::Enum(e) => match &node.value {
                Value::String(s) if e.values.contains_key(s.as_str()) => {}
                Value::String(s) => {
                    let mut d = self.diag(Code::EnumValue, format!("`{s}` is not a value of enum `{name}`"), node, ptr);
                    let values: Vec<&str> = e.values.keys().map(|k| k.as_str()).collect();
                    d = d.with_note(format!("expected one of: {}", values.join(", ")));
                    self.out.push(d);
                }
                _ => self.push(
                    Code::ValueKind,
                    format!("expected enum `{name}` (a string), found {}", node.kind()),
                    node,
                    ptr,
                ),
            },
            ExtendedType::InputObject(obj) => {
                let Some(members) = node.members() else {
                    self.push(
                        Code::ValueKind,
                        format!("expected input object `{name}`, found {}", node.kind()),
                        node,
                        ptr,
                    );
                    return;
                };
                // Each member's field, by one lookup (the last of duplicate keys wins, as in `Node::get`).
                let mut given: Vec<Option<&Node>> = vec![None; obj.fields.len()];
                for (k, v) in members {
                    if let Some(i) = obj.fields.get_index_of(k.name.as_str()) {
                        given[i] = Some(v);
                    } else {
                        let mut d = self.diag(
                            Code::UnknownField,
                            format!("`{}` is not a field of input type `{name}`", k.name),
                            v,
                            &Ptr::Key(ptr, &k.name),
                        );
                        d.span = (k.start, k.name.len());
                        let at = self.source.line_col(k.start);
                        (d.line, d.column) = (at.line, at.column);
                        self.out.push(d);
                    }
                }
                for ((fname, fdef), v) in obj.fields.iter().zip(given) {
                    let fptr = Ptr::Key(ptr, fname.as_str());
                    match v {
                        None => {
                            if fdef.default_value.is_none() && fdef.ty.is_non_null() {
                                self.push(
                                    Code::MissingField,
                                    format!("required field `{fname}: {}` of `{name}` is missing", fdef.ty),
                                    node,
                                    &fptr,
                                );
                            }
                        }
                        Some(v) => self.coerce(v, &fdef.ty, &fptr),
                    }
                }
                if obj.directives.get("oneOf").is_some() {
                    let given: Vec<&str> = members
                        .iter()
                        .map(|(k, _)| k.name.as_str())
                        .filter(|k| obj.fields.contains_key(*k))
                        .collect();
                    let nulls: Vec<&str> = members
                        .iter()
                        .filter(|(_, v)| v.value == Value::Null)
                        .map(|(k, _)| k.name.as_str())
                        .collect();
                    if given.len() != 1 || !nulls.is_empty() {
                        let fields: Vec<&str> = obj.fields.keys().map(|k| k.as_str()).collect();
                        let msg = if given.is_empty() {
                            format!("`{name}` is @oneOf: exactly one field must be given, none is")
                        } else if given.len() > 1 {
                            format!(
                                "`{name}` is @oneOf: exactly one field must be given, found {} ({})",
                                given.len(),
                                given.join(", ")
                            )
                        } else {
                            format!("`{name}` is @oneOf: its one field `{}` must not be null", given.join(""))
                        };
                        let d = self
                            .diag(Code::OneOf, msg, node, ptr)
                            .with_note(format!("choose one of: {}", fields.join(", ")));
                        self.out.push(d);
                    }
                }
            }
            // Output types as variable types are a validation error reported elsewhere.
            _ => {}
        }
    }

    fn coerce_scalar(&mut self, node: &Node, name: &str, ptr: &Ptr<'_>) {
        let ok = match (name, &node.value) {
            ("Int", Value::Number(n)) => {
                if let Some(i) = n.as_i64() {
                    if i32::try_from(i).is_err() {
                        self.push(Code::IntRange, format!("{i} is outside the 32-bit range of Int"), node, ptr);
                    }
                    return;
                }
                if n.as_u64().is_some() {
                    self.push(Code::IntRange, format!("{n} is outside the 32-bit range of Int"), node, ptr);
                    return;
                }
                false
            }
            ("Float", Value::Number(n)) => {
                if n.is_f64() {
                    return;
                }
                let fits = n.as_i64().is_some_and(|i| i.abs() < MAX_SAFE_INT);
                if !fits {
                    self.push(
                        Code::FloatNotFinite,
                        format!("integer {n} is too large for a Float without losing precision (|x| < 2^53)"),
                        node,
                        ptr,
                    );
                }
                return;
            }
            ("Float", Value::NonFinite(f)) => {
                self.push(Code::FloatNotFinite, format!("{f} is not a finite Float"), node, ptr);
                return;
            }
            ("String", Value::String(_)) | ("Boolean", Value::Bool(_)) | ("ID", Value::String(_)) => true,
            ("ID", Value::Number(n)) => n.as_i64().is_some(),
            ("Int" | "Float" | "String" | "Boolean" | "ID", _) => false,
            // Custom scalars accept any value (GraphQL spec §3.5: coercion is implementation-defined).
            _ => true,
        };
        if !ok {
            let expected = match name {
                "ID" => "ID (a string or an integer)",
                "Int" => "Int (a 32-bit integer)",
                other => other,
            };
            self.push(Code::ValueKind, format!("expected {expected}, found {}", node.kind()), node, ptr);
        }
    }
}

/// A JSON pointer built lazily: the walk allocates nothing until it reports.
enum Ptr<'a> {
    /// The pointer of `variables` itself.
    Root(&'a str),
    /// A member of an object.
    Key(&'a Ptr<'a>, &'a str),
    /// An item of a list.
    Index(&'a Ptr<'a>, usize),
}

impl Ptr<'_> {
    fn render(&self) -> String {
        match self {
            Ptr::Root(r) => r.to_string(),
            Ptr::Key(parent, k) => push_token(&parent.render(), k),
            Ptr::Index(parent, i) => format!("{}/{i}", parent.render()),
        }
    }
}
