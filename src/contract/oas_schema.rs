//! OAS 3.0 Schema Objects converted to JSON Schema draft 4, so that jsonschema can
//! compile them, and the way back from a JSON Schema path to the OpenAPI pointer.
//!
//! Written here because no maintained crate converts OpenAPI 3.0's dialect (`nullable`,
//! integer formats, OAS-only keywords, `#/components/schemas` references); the rules are
//! those of OpenAPI 3.0.3 §4.7.24 and fit in one function.

use serde_json::{json, Map, Value as Json};

/// A path into the converted definitions (`/definitions/X/...`) as the OpenAPI pointer
/// it came from (`/components/schemas/X/...`); `None` for any other path.
pub(crate) fn definitions_to_pointer(schema_path: &str) -> Option<String> {
    schema_path
        .strip_prefix("/definitions/")
        .map(|rest| format!("/components/schemas/{rest}"))
}

/// `components.schemas` of a whole document, converted, as a `definitions` object.
pub(crate) fn convert_definitions(doc: &Json) -> Json {
    let mut defs = Map::new();
    if let Some(Json::Object(schemas)) = doc.pointer("/components/schemas") {
        for (k, v) in schemas {
            defs.insert(k.clone(), convert_schema(v, 0));
        }
    }
    Json::Object(defs)
}

/// Converts an OAS 3.0 Schema Object to JSON Schema draft 4 (OpenAPI 3.0.3 §4.7.24):
/// - `nullable: true` admits null (on `type`, on `enum`, or around `$ref`/`allOf`);
/// - `int32`/`int64` formats become `minimum`/`maximum` bounds;
/// - `x-` extensions and OAS-only keywords (`discriminator`, `xml`, `example`...) are dropped;
/// - `#/components/schemas/X` references become `#/definitions/X`.
pub(crate) fn convert_schema(schema: &Json, depth: usize) -> Json {
    let Json::Object(obj) = schema else { return schema.clone() };
    if depth > crate::node::MAX_DEPTH {
        return json!({});
    }
    if let Some(Json::String(r)) = obj.get("$ref") {
        let r = match r.strip_prefix("#/components/schemas/") {
            Some(name) => format!("#/definitions/{name}"),
            None => r.clone(),
        };
        return json!({ "$ref": r });
    }
    let mut out = Map::new();
    for (k, v) in obj {
        if k.starts_with("x-") {
            continue;
        }
        match k.as_str() {
            "nullable" | "discriminator" | "readOnly" | "writeOnly" | "xml" | "externalDocs" | "example" | "deprecated" => {}
            "properties" | "patternProperties" | "definitions" => {
                let converted = match v {
                    Json::Object(m) => Json::Object(m.iter().map(|(pk, pv)| (pk.clone(), convert_schema(pv, depth + 1))).collect()),
                    other => other.clone(),
                };
                out.insert(k.clone(), converted);
            }
            "items" | "additionalProperties" | "not" => {
                out.insert(k.clone(), convert_schema(v, depth + 1));
            }
            "allOf" | "anyOf" | "oneOf" => {
                let converted = match v {
                    Json::Array(a) => Json::Array(a.iter().map(|s| convert_schema(s, depth + 1)).collect()),
                    other => other.clone(),
                };
                out.insert(k.clone(), converted);
            }
            "format" => match v.as_str() {
                Some("int32") => {
                    out.entry("minimum").or_insert(json!(i32::MIN));
                    out.entry("maximum").or_insert(json!(i32::MAX));
                }
                Some("int64") => {
                    out.entry("minimum").or_insert(json!(i64::MIN));
                    out.entry("maximum").or_insert(json!(i64::MAX));
                }
                Some("float") | Some("double") => {}
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            },
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    if obj.get("nullable") == Some(&Json::Bool(true)) {
        match out.get_mut("type") {
            Some(Json::String(t)) => {
                let t = t.clone();
                out.insert("type".into(), json!([t, "null"]));
            }
            Some(_) => {}
            None => {
                if !out.contains_key("enum") {
                    return json!({ "anyOf": [Json::Object(out), { "type": "null" }] });
                }
            }
        }
        if let Some(Json::Array(values)) = out.get_mut("enum") {
            if !values.contains(&Json::Null) {
                values.push(Json::Null);
            }
        }
    }
    Json::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullable_and_formats_convert() {
        let s = convert_schema(&json!({"type": "integer", "format": "int32", "nullable": true, "x-a": 1}), 0);
        assert_eq!(s, json!({"type": ["integer", "null"], "minimum": i32::MIN, "maximum": i32::MAX}));
        let s = convert_schema(&json!({"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true}), 0);
        assert_eq!(s, json!({"anyOf": [{"allOf": [{"$ref": "#/definitions/A"}]}, {"type": "null"}]}));
        let s = convert_schema(&json!({"type": "string", "enum": ["A"], "nullable": true}), 0);
        assert_eq!(s, json!({"type": ["string", "null"], "enum": ["A", null]}));
    }
}
