//! Introspection results (JSON) turned into SDL.
//!
//! Accepts both `{"data": {"__schema": …}}` and `{"__schema": …}`, as graphql-js,
//! GraphQL Inspector, Rover and `get-graphql-schema` print them. The result is
//! checked first (every type reference names a type; every wrapper has an
//! `ofType`), with a JSON pointer and line:col for each problem, then printed as
//! SDL that apollo-compiler parses and validates like any other schema.
//!
//! The same printer writes `schema pull`'s output: types sorted by name,
//! descriptions and deprecations kept, built-in scalars, directives and
//! introspection types left out. No crate converts introspection JSON to SDL for
//! apollo-compiler, so this module does; serde does the reading.

use serde::Deserialize;
use std::collections::HashSet;
use std::fmt::Write as _;

/// The `__schema` object of an introspection result.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct IntroSchema {
    /// The schema's description (graphql-js 16 with `schemaDescription`).
    #[serde(default)]
    pub description: Option<String>,
    /// The query root.
    #[serde(default)]
    pub query_type: Option<Named>,
    /// The mutation root.
    #[serde(default)]
    pub mutation_type: Option<Named>,
    /// The subscription root.
    #[serde(default)]
    pub subscription_type: Option<Named>,
    /// Every named type.
    pub types: Vec<FullType>,
    /// Directive definitions.
    #[serde(default)]
    pub directives: Vec<Directive>,
}

/// `{ "name": … }`.
#[derive(Debug, Deserialize)]
pub(crate) struct Named {
    /// The type's name.
    pub name: String,
}

/// One `__Type` of the `types` list.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FullType {
    /// SCALAR, OBJECT, INTERFACE, UNION, ENUM or INPUT_OBJECT.
    pub kind: String,
    /// The name.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// `@specifiedBy(url:)` of a scalar.
    #[serde(default, rename = "specifiedByURL", alias = "specifiedByUrl")]
    pub specified_by_url: Option<String>,
    /// Fields of objects and interfaces.
    #[serde(default)]
    pub fields: Option<Vec<Field>>,
    /// Fields of input objects.
    #[serde(default)]
    pub input_fields: Option<Vec<InputValue>>,
    /// Interfaces implemented.
    #[serde(default)]
    pub interfaces: Option<Vec<TypeRef>>,
    /// Enum values.
    #[serde(default)]
    pub enum_values: Option<Vec<EnumValue>>,
    /// Union members.
    #[serde(default)]
    pub possible_types: Option<Vec<TypeRef>>,
    /// `@oneOf` input object.
    #[serde(default)]
    pub is_one_of: Option<bool>,
}

/// An output field.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Field {
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Arguments.
    #[serde(default)]
    pub args: Vec<InputValue>,
    /// Type.
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// Deprecated?
    #[serde(default)]
    pub is_deprecated: Option<bool>,
    /// Why.
    #[serde(default)]
    pub deprecation_reason: Option<String>,
}

/// An argument or input field.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct InputValue {
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Type.
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// The default as a GraphQL literal.
    #[serde(default)]
    pub default_value: Option<String>,
    /// Deprecated?
    #[serde(default)]
    pub is_deprecated: Option<bool>,
    /// Why.
    #[serde(default)]
    pub deprecation_reason: Option<String>,
}

/// An enum value.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EnumValue {
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Deprecated?
    #[serde(default)]
    pub is_deprecated: Option<bool>,
    /// Why.
    #[serde(default)]
    pub deprecation_reason: Option<String>,
}

/// A type reference: a name, or LIST / NON_NULL around `ofType`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TypeRef {
    /// Kind.
    pub kind: String,
    /// Name of a named type.
    #[serde(default)]
    pub name: Option<String>,
    /// The wrapped type.
    #[serde(default)]
    pub of_type: Option<Box<TypeRef>>,
}

/// A directive definition.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Directive {
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Locations.
    #[serde(default)]
    pub locations: Vec<String>,
    /// Arguments.
    #[serde(default)]
    pub args: Vec<InputValue>,
    /// `repeatable`.
    #[serde(default)]
    pub is_repeatable: Option<bool>,
}

/// Why a JSON document is not a usable introspection result: a message and the
/// JSON pointer of the offending value.
#[derive(Debug)]
pub(crate) struct IntroError {
    /// What is wrong, which decides the code it is reported with.
    pub kind: IntroKind,
    /// One sentence.
    pub message: String,
    /// Where in the JSON document.
    pub pointer: String,
}

/// What kind of JSON a [`IntroError`] is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum IntroKind {
    /// Not an introspection result at all (an OpenAPI document, other
    /// JSON): the wrong format.
    NotIntrospection,
    /// A GraphQL answer with errors and no schema; the first error's message.
    Errors(String),
    /// An introspection result whose content is wrong, at the pointer.
    Invalid,
}

fn err(message: impl Into<String>, pointer: impl Into<String>) -> IntroError {
    IntroError {
        kind: IntroKind::Invalid,
        message: message.into(),
        pointer: pointer.into(),
    }
}

fn not(message: impl Into<String>, pointer: impl Into<String>) -> IntroError {
    IntroError {
        kind: IntroKind::NotIntrospection,
        ..err(message, pointer)
    }
}

/// Does this JSON value look like an introspection result (either wrapping)?
pub(crate) fn schema_pointer(v: &serde_json::Value) -> Option<&'static str> {
    if v.get("__schema").is_some() {
        Some("/__schema")
    } else if v.get("data").and_then(|d| d.get("__schema")).is_some() {
        Some("/data/__schema")
    } else {
        None
    }
}

/// What a JSON document that is not an introspection result seems to be, for the error.
pub(crate) fn not_introspection(v: &serde_json::Value) -> IntroError {
    if v.get("openapi").is_some() || v.get("swagger").is_some() {
        return not(
            "this is an OpenAPI document, not a GraphQL schema: give SDL, an introspection result or a URL (the OpenAPI document goes to --openapi)",
            "",
        );
    }
    if let Some(errors) = v.get("errors").and_then(|e| e.as_array()) {
        let first = errors
            .first()
            .and_then(|e| e.get("message"))
            .and_then(|m| m.as_str())
            .unwrap_or("no message");
        return IntroError {
            kind: IntroKind::Errors(first.to_string()),
            ..err(
                format!(
                    "the introspection result holds errors and no schema (first error: {first:?}); is introspection disabled on the server?"
                ),
                "/errors",
            )
        };
    }
    if v.get("data").is_some() {
        return err("the JSON has `data` but no `data.__schema`: not an introspection result", "/data");
    }
    not(
        "the JSON is neither an introspection result (no `__schema` or `data.__schema`) nor SDL",
        "",
    )
}

/// Reads `__schema` from a parsed JSON document and checks it.
pub(crate) fn parse(v: serde_json::Value) -> Result<IntroSchema, IntroError> {
    let Some(at) = schema_pointer(&v) else {
        return Err(not_introspection(&v));
    };
    let inner = v.pointer(at).cloned().unwrap_or_default();
    let schema: IntroSchema = serde_path_to_error::deserialize(inner).map_err(|e| {
        let mut pointer = at.to_string();
        for seg in e.path().iter() {
            match seg {
                serde_path_to_error::Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
                serde_path_to_error::Segment::Map { key } => pointer = crate::node::push_token(&pointer, key),
                serde_path_to_error::Segment::Enum { variant } => pointer = crate::node::push_token(&pointer, variant),
                serde_path_to_error::Segment::Unknown => {}
            }
        }
        let words = crate::util::serde_msg::in_users_terms(&e.inner().to_string(), &introspection_name);
        err(format!("not an introspection result: {words}"), pointer)
    })?;
    check(&schema, at)?;
    Ok(schema)
}

/// The types of this module as the introspection result names them
/// (GraphQL spec §4.2, the `__Schema` and `__Type` objects).
fn introspection_name(ty: &str) -> Option<&'static str> {
    Some(match ty {
        "IntroSchema" => "a `__Schema` object",
        "Named" => "an object with a `name`",
        "FullType" => "a `__Type` object",
        "Field" => "a `__Field` object",
        "InputValue" => "an `__InputValue` object",
        "EnumValue" => "an `__EnumValue` object",
        "TypeRef" => "a type reference (a `__Type` object: `kind`, `name`, `ofType`)",
        _ => return None,
    })
}

/// The standard scalars, which introspection lists and SDL leaves out.
const STANDARD_SCALARS: &[&str] = &["Int", "Float", "String", "Boolean", "ID"];
/// Directives apollo-compiler builds in (so SDL must not declare them again).
const BUILT_IN_DIRECTIVES: &[&str] = &["skip", "include", "deprecated", "specifiedBy"];

fn check(s: &IntroSchema, at: &str) -> Result<(), IntroError> {
    let names: HashSet<&str> = s
        .types
        .iter()
        .map(|t| t.name.as_str())
        .chain(STANDARD_SCALARS.iter().copied())
        .collect();
    let check_ref = |r: &TypeRef, ptr: String| -> Result<(), IntroError> {
        let mut r = r;
        let mut ptr = ptr;
        for _ in 0..64 {
            match r.kind.as_str() {
                "LIST" | "NON_NULL" => match &r.of_type {
                    Some(inner) => {
                        r = inner;
                        ptr.push_str("/ofType");
                    }
                    None => return Err(err(format!("a {} type reference has no `ofType`", r.kind), ptr)),
                },
                _ => {
                    return match &r.name {
                        Some(n) if names.contains(n.as_str()) => Ok(()),
                        Some(n) => Err(err(
                            format!("type reference to `{n}`, which is not among the schema's types"),
                            ptr + "/name",
                        )),
                        None => Err(err("a named type reference has no `name`", ptr)),
                    }
                }
            }
        }
        Err(err("a type reference is wrapped more than 64 times", ptr))
    };
    let args = |list: &[InputValue], ptr: &str, key: &str| -> Result<(), IntroError> {
        for (i, a) in list.iter().enumerate() {
            check_ref(&a.ty, format!("{ptr}/{key}/{i}/type"))?;
        }
        Ok(())
    };
    for root in [&s.query_type, &s.mutation_type, &s.subscription_type].into_iter().flatten() {
        if !names.contains(root.name.as_str()) {
            return Err(err(
                format!("the root type `{}` is not among the schema's types", root.name),
                at.to_string(),
            ));
        }
    }
    if s.query_type.is_none() {
        return Err(err("the introspection result has no `queryType`", format!("{at}/queryType")));
    }
    for (ti, t) in s.types.iter().enumerate() {
        let tp = format!("{at}/types/{ti}");
        for (fi, f) in t.fields.iter().flatten().enumerate() {
            let fp = format!("{tp}/fields/{fi}");
            check_ref(&f.ty, format!("{fp}/type"))?;
            args(&f.args, &fp, "args")?;
        }
        args(t.input_fields.as_deref().unwrap_or(&[]), &tp, "inputFields")?;
        for (key, list) in [("interfaces", &t.interfaces), ("possibleTypes", &t.possible_types)] {
            for (i, r) in list.iter().flatten().enumerate() {
                check_ref(r, format!("{tp}/{key}/{i}"))?;
            }
        }
        match t.kind.as_str() {
            "SCALAR" | "OBJECT" | "INTERFACE" | "UNION" | "ENUM" | "INPUT_OBJECT" => {}
            k => return Err(err(format!("`{}` has the unknown kind {k:?}", t.name), format!("{tp}/kind"))),
        }
    }
    for (di, d) in s.directives.iter().enumerate() {
        args(&d.args, &format!("{at}/directives/{di}"), "args")?;
    }
    Ok(())
}

/// Prints the schema as SDL: the schema definition, then directives and types
/// sorted by name, each with its description and deprecations.
pub(crate) fn to_sdl(s: &IntroSchema) -> String {
    let mut out = String::new();
    let default_roots = s.query_type.as_ref().is_none_or(|n| n.name == "Query")
        && s.mutation_type.as_ref().is_none_or(|n| n.name == "Mutation")
        && s.subscription_type.as_ref().is_none_or(|n| n.name == "Subscription");
    if !default_roots || s.description.is_some() {
        description(&mut out, s.description.as_deref(), "");
        out.push_str("schema {\n");
        for (op, r) in [
            ("query", &s.query_type),
            ("mutation", &s.mutation_type),
            ("subscription", &s.subscription_type),
        ] {
            if let Some(r) = r {
                let _ = writeln!(out, "  {op}: {}", r.name);
            }
        }
        out.push_str("}\n\n");
    }
    let mut directives: Vec<&Directive> = s
        .directives
        .iter()
        .filter(|d| !BUILT_IN_DIRECTIVES.contains(&d.name.as_str()))
        .collect();
    directives.sort_by(|a, b| a.name.cmp(&b.name));
    let uses_one_of = s.types.iter().any(|t| t.is_one_of == Some(true));
    if uses_one_of && !directives.iter().any(|d| d.name == "oneOf") {
        out.push_str("directive @oneOf on INPUT_OBJECT\n\n");
    }
    for d in directives {
        description(&mut out, d.description.as_deref(), "");
        let _ = write!(out, "directive @{}", d.name);
        arguments(&mut out, &d.args, "");
        if d.is_repeatable == Some(true) {
            out.push_str(" repeatable");
        }
        let _ = writeln!(out, " on {}\n", d.locations.join(" | "));
    }
    let mut types: Vec<&FullType> = s
        .types
        .iter()
        .filter(|t| !(t.name.starts_with("__") || (t.kind == "SCALAR" && STANDARD_SCALARS.contains(&t.name.as_str()))))
        .collect();
    types.sort_by(|a, b| a.name.cmp(&b.name));
    for t in types {
        description(&mut out, t.description.as_deref(), "");
        match t.kind.as_str() {
            "SCALAR" => {
                let _ = write!(out, "scalar {}", t.name);
                if let Some(url) = &t.specified_by_url {
                    let _ = write!(out, " @specifiedBy(url: {})", string(url));
                }
                out.push('\n');
            }
            "OBJECT" | "INTERFACE" => {
                let kw = if t.kind == "OBJECT" { "type" } else { "interface" };
                let _ = write!(out, "{kw} {}", t.name);
                let ifaces: Vec<&str> = t.interfaces.iter().flatten().filter_map(|r| r.name.as_deref()).collect();
                if !ifaces.is_empty() {
                    let _ = write!(out, " implements {}", ifaces.join(" & "));
                }
                let fields = t.fields.as_deref().unwrap_or(&[]);
                if !fields.is_empty() {
                    out.push_str(" {\n");
                    for f in fields {
                        description(&mut out, f.description.as_deref(), "  ");
                        let _ = write!(out, "  {}", f.name);
                        arguments(&mut out, &f.args, "  ");
                        let _ = write!(out, ": {}", type_ref(&f.ty));
                        deprecated(&mut out, f.is_deprecated, f.deprecation_reason.as_deref());
                        out.push('\n');
                    }
                    out.push('}');
                }
                out.push('\n');
            }
            "UNION" => {
                let members: Vec<&str> = t.possible_types.iter().flatten().filter_map(|r| r.name.as_deref()).collect();
                let _ = write!(out, "union {}", t.name);
                if !members.is_empty() {
                    let _ = write!(out, " = {}", members.join(" | "));
                }
                out.push('\n');
            }
            "ENUM" => {
                let _ = write!(out, "enum {}", t.name);
                let values = t.enum_values.as_deref().unwrap_or(&[]);
                if !values.is_empty() {
                    out.push_str(" {\n");
                    for v in values {
                        description(&mut out, v.description.as_deref(), "  ");
                        let _ = write!(out, "  {}", v.name);
                        deprecated(&mut out, v.is_deprecated, v.deprecation_reason.as_deref());
                        out.push('\n');
                    }
                    out.push('}');
                }
                out.push('\n');
            }
            _ => {
                let _ = write!(out, "input {}", t.name);
                if t.is_one_of == Some(true) {
                    out.push_str(" @oneOf");
                }
                let fields = t.input_fields.as_deref().unwrap_or(&[]);
                if !fields.is_empty() {
                    out.push_str(" {\n");
                    for f in fields {
                        input_value(&mut out, f, "  ");
                        out.push('\n');
                    }
                    out.push('}');
                }
                out.push('\n');
            }
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn input_value(out: &mut String, v: &InputValue, indent: &str) {
    description(out, v.description.as_deref(), indent);
    let _ = write!(out, "{indent}{}: {}", v.name, type_ref(&v.ty));
    if let Some(d) = &v.default_value {
        let _ = write!(out, " = {d}");
    }
    deprecated(out, v.is_deprecated, v.deprecation_reason.as_deref());
}

fn arguments(out: &mut String, args: &[InputValue], indent: &str) {
    if args.is_empty() {
        return;
    }
    if args.iter().all(|a| a.description.is_none()) {
        out.push('(');
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            input_value(out, a, "");
        }
        out.push(')');
    } else {
        out.push_str("(\n");
        let inner = format!("{indent}  ");
        for a in args {
            input_value(out, a, &inner);
            out.push('\n');
        }
        let _ = write!(out, "{indent})");
    }
}

fn deprecated(out: &mut String, is: Option<bool>, reason: Option<&str>) {
    if is != Some(true) {
        return;
    }
    match reason {
        None => out.push_str(" @deprecated"),
        Some(r) => {
            let _ = write!(out, " @deprecated(reason: {})", string(r));
        }
    }
}

fn description(out: &mut String, d: Option<&str>, indent: &str) {
    if let Some(d) = d {
        let _ = writeln!(out, "{indent}{}", string(d));
    }
}

/// A GraphQL string literal: JSON's escapes are GraphQL's (spec §2.9.4).
fn string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

fn type_ref(r: &TypeRef) -> String {
    match (r.kind.as_str(), &r.of_type) {
        ("NON_NULL", Some(t)) => format!("{}!", type_ref(t)),
        ("LIST", Some(t)) => format!("[{}]", type_ref(t)),
        _ => r.name.clone().unwrap_or_default(),
    }
}
