//! Conversions between `serde_json` values (the request body, the store's JSON) and
//! apollo-compiler's `JsonValue` (variables, arguments, leaves), with a depth bound.

use super::*;

/// A request's variables (a positioned tree) for apollo-compiler, converted directly.
pub fn node_to_json_bytes(v: &crate::node::Node, depth: usize) -> JsonValue {
    use crate::node::Value as N;
    if depth > crate::node::MAX_DEPTH {
        return JsonValue::Null;
    }
    match &v.value {
        N::Null | N::NonFinite(_) => JsonValue::Null,
        N::Bool(b) => JsonValue::Bool(*b),
        N::Number(n) => JsonValue::Number(n.clone()),
        N::String(s) => JsonValue::from(s.as_str()),
        N::Array(items) => JsonValue::Array(items.iter().map(|i| node_to_json_bytes(i, depth + 1)).collect()),
        N::Object(m) => JsonValue::Object(
            m.iter()
                .map(|(k, v)| (k.name.as_str().into(), node_to_json_bytes(v, depth + 1)))
                .collect(),
        ),
    }
}

/// A variable's value for apollo-compiler, converted directly (a serde round
/// trip through the serializer cost more than the rest of an upsert). The
/// depth is bounded by the request parser's (128); deeper values become null.
#[cfg(test)]
pub(super) fn to_json_bytes(v: &Value) -> JsonValue {
    to_bytes_at(v, 0)
}

#[cfg(test)]
pub(super) fn to_bytes_at(v: &Value, depth: usize) -> JsonValue {
    if depth > crate::node::MAX_DEPTH {
        return JsonValue::Null;
    }
    match v {
        Value::Null => JsonValue::Null,
        Value::Bool(b) => JsonValue::Bool(*b),
        Value::Number(n) => JsonValue::Number(n.clone()),
        Value::String(s) => JsonValue::from(s.as_str()),
        Value::Array(items) => JsonValue::Array(items.iter().map(|i| to_bytes_at(i, depth + 1)).collect()),
        Value::Object(m) => JsonValue::Object(m.iter().map(|(k, v)| (k.as_str().into(), to_bytes_at(v, depth + 1))).collect()),
    }
}

/// The reverse of [`to_json_bytes`], for coerced arguments.
pub(super) fn from_json_bytes(v: &JsonValue, depth: usize) -> Value {
    if depth > crate::node::MAX_DEPTH {
        return Value::Null;
    }
    match v {
        JsonValue::Null => Value::Null,
        JsonValue::Bool(b) => Value::Bool(*b),
        JsonValue::Number(n) => Value::Number(n.clone()),
        JsonValue::String(s) => Value::String(s.as_str().to_string()),
        JsonValue::Array(items) => Value::Array(items.iter().map(|i| from_json_bytes(i, depth + 1)).collect()),
        JsonValue::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.as_str().to_string(), from_json_bytes(v, depth + 1)))
                .collect(),
        ),
    }
}

pub(super) fn to_leaf(v: &Value) -> JsonValue {
    match v {
        Value::Bool(b) => JsonValue::Bool(*b),
        Value::Number(n) => JsonValue::Number(n.clone()),
        Value::String(s) => JsonValue::from(s.as_str()),
        _ => JsonValue::Null,
    }
}
