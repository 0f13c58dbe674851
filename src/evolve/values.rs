//! Default values printed as graphql-js compares them in `schema diff`
//! (graphql-js's `valueFromAST` then `print` with sorted object fields): an
//! input field's or argument's default counts as changed only when these
//! texts differ. Split from [`super::diff`], which compares everything else.

use crate::contract::source::LoadedSchema;
use apollo_compiler::ast::{self, Value};
use apollo_compiler::schema::ExtendedType;
use apollo_compiler::Schema;

/// A default value as graphql-js compares it: coerced to its type (a single
/// value for a list becomes a one-item list, an input object's missing fields
/// take their defaults, numbers print as JavaScript prints them, ID numbers
/// stay numbers), then printed with object fields sorted by name.
pub(super) fn print_value(s: &LoadedSchema, v: &Value, ty: &ast::Type) -> String {
    coerce(&s.schema.schema, v, ty, 0)
}

/// Nested at most [`crate::node::MAX_DEPTH`] deep, the crate's one depth
/// limit (what lies deeper is printed empty).
fn coerce(schema: &Schema, v: &Value, ty: &ast::Type, depth: usize) -> String {
    if depth > crate::node::MAX_DEPTH {
        return String::new();
    }
    if matches!(v, Value::Null) {
        return "null".to_string();
    }
    match ty {
        ast::Type::List(item) | ast::Type::NonNullList(item) => match v {
            Value::List(items) => {
                let parts: Vec<String> = items.iter().map(|i| coerce(schema, i, item, depth + 1)).collect();
                format!("[{}]", parts.join(", "))
            }
            single => format!("[{}]", coerce(schema, single, item, depth + 1)),
        },
        ast::Type::Named(n) | ast::Type::NonNullNamed(n) => match (schema.types.get(n), v) {
            (Some(ExtendedType::InputObject(def)), Value::Object(fields)) => {
                let mut parts: Vec<(String, String)> = Vec::new();
                for (fname, fdef) in &def.fields {
                    if let Some((_, fv)) = fields.iter().find(|(k, _)| k == fname) {
                        parts.push((fname.to_string(), coerce(schema, fv, &fdef.ty, depth + 1)));
                    } else if let Some(d) = &fdef.default_value {
                        parts.push((fname.to_string(), coerce(schema, d, &fdef.ty, depth + 1)));
                    }
                }
                parts.sort();
                let inner: Vec<String> = parts.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
                format!("{{{}}}", inner.join(", "))
            }
            (_, Value::Float(f)) => js_number(f.try_to_f64().unwrap_or(f64::NAN)),
            (_, Value::Int(i)) => match i.try_to_f64() {
                Ok(x) => js_number(x),
                Err(_) => i.as_str().to_string(),
            },
            (_, Value::String(text)) if n == "ID" && is_int_like(text) => text.to_string(),
            (_, other) => print_untyped(other),
        },
    }
}

fn is_int_like(s: &str) -> bool {
    let d = s.strip_prefix('-').unwrap_or(s);
    !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())
}

/// A number printed as JavaScript's `String(number)` would (integers without a fraction).
fn js_number(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e21 {
        format!("{}", x as i128)
    } else {
        format!("{x}")
    }
}

fn print_untyped(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Enum(n) => n.to_string(),
        Value::Variable(n) => format!("${n}"),
        Value::String(s) => serde_json::to_string(s.as_str()).unwrap_or_default(),
        Value::Float(f) => js_number(f.try_to_f64().unwrap_or(f64::NAN)),
        Value::Int(i) => i.try_to_f64().map(js_number).unwrap_or_else(|_| i.as_str().to_string()),
        Value::Boolean(b) => b.to_string(),
        Value::List(items) => format!("[{}]", items.iter().map(|i| print_untyped(i)).collect::<Vec<_>>().join(", ")),
        Value::Object(fields) => {
            let mut parts: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {}", print_untyped(v))).collect();
            parts.sort();
            format!("{{{}}}", parts.join(", "))
        }
    }
}
