//! serde's error messages, said in the user's terms.
//!
//! Documents that are read into typed structures (an OpenAPI document through
//! openapiv3, an introspection result) fail with serde's words: `invalid type:
//! sequence, expected struct Paths`, names of Rust types the user never wrote.
//! This rewrites the standard forms of `serde::de::Error` (invalid type or
//! value, missing, unknown or duplicate field, unknown variant, untagged enum)
//! into "expected X, found Y", where X is named the way the document's own
//! specification names it (a caller gives the names of its types), and Y is
//! what the JSON/YAML holds (a list, an object, the number 5). serde has no
//! structured form of these errors (`Error::custom` receives the formatted
//! text), hence parsing the text; a message in none of these forms is kept
//! as it is.

/// `message` (the text of a serde error, without its position) in the
/// user's terms; `name` says what a Rust type name of the caller's model is
/// called in the document's terms ("a Paths Object"), or None.
pub(crate) fn in_users_terms(message: &str, name: &dyn Fn(&str) -> Option<&'static str>) -> String {
    if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return format!("expected {}, found {}", expected_in_words(expected, name), found_in_words(found));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        if let Some((n, expected)) = rest.split_once(", expected ") {
            return format!("expected {}, found {n} items", expected_in_words(expected, name));
        }
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("the required field {field} is missing");
    }
    if let Some(field) = message.strip_prefix("duplicate field ") {
        return format!("the field {field} is given twice");
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, allowed) = rest
            .split_once(", expected one of ")
            .or_else(|| rest.split_once(", expected "))
            .unwrap_or((rest.trim_end_matches(", there are no fields"), ""));
        return if allowed.is_empty() {
            format!("unknown field {field}; no field is allowed here")
        } else {
            format!("unknown field {field}; the fields here are {allowed}")
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return match rest.split_once(", expected one of ") {
            Some((value, allowed)) => format!("{value} is not one of {allowed}"),
            None => match rest.split_once(", expected ") {
                Some((value, allowed)) => format!("{value} is not {allowed}"),
                None => format!("{} is not allowed here", rest.trim_end_matches(", there are no variants")),
            },
        };
    }
    if let Some(ty) = message.strip_prefix("data did not match any variant of untagged enum ") {
        return match name(ty) {
            Some(what) => format!("expected {what}, found something else"),
            None => "the value has none of the forms allowed here".to_string(),
        };
    }
    message.to_string()
}

/// A serde_json syntax error in words, without serde_json's position (the
/// diagnostic carries its own line:col, 1-based, where serde_json's column
/// is 0 at the start of a line).
pub(crate) fn json_syntax_in_words(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let bare = text
        .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
        .unwrap_or(&text);
    match bare {
        "EOF while parsing a list" => "the text ends inside a list: a `]` is missing (truncated?)".to_string(),
        "EOF while parsing an object" => "the text ends inside an object: a `}` is missing (truncated?)".to_string(),
        "EOF while parsing a string" => "the text ends inside a string: a `\"` is missing (truncated?)".to_string(),
        "EOF while parsing a value" => "the text ends where a value is expected (truncated?)".to_string(),
        "expected value" => "a JSON value is expected here".to_string(),
        "trailing characters" => "more text follows the JSON value".to_string(),
        "recursion limit exceeded" => "nested deeper than 128 levels".to_string(),
        other => other.to_string(),
    }
}

/// What serde expected (`struct Paths`, `a sequence`, `u16`...), in words.
fn expected_in_words(expected: &str, name: &dyn Fn(&str) -> Option<&'static str>) -> String {
    let named = |ty: &str, otherwise: &str| name(ty).map(str::to_string).unwrap_or_else(|| otherwise.to_string());
    if let Some(ty) = expected.strip_prefix("struct ") {
        return named(ty, "an object");
    }
    if let Some(ty) = expected.strip_prefix("enum ") {
        return named(ty, "one of the values allowed here");
    }
    match expected {
        "a sequence" => "a list".to_string(),
        "a map" => "an object".to_string(),
        "a borrowed string" | "a string" => "a string".to_string(),
        "a boolean" => "`true` or `false`".to_string(),
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number (0 or more)".to_string(),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number".to_string(),
        "f32" | "f64" => "a number".to_string(),
        "unit" => "null".to_string(),
        other => other.to_string(),
    }
}

/// What the document holds, from serde's `Unexpected` (`sequence`,
/// ``integer `5` ``, `string "x"`...), in words.
fn found_in_words(found: &str) -> String {
    let quoted = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .and_then(|r| r.strip_prefix('`'))
            .and_then(|r| r.strip_suffix('`'))
    };
    if let Some(n) = quoted("integer ").or_else(|| quoted("floating point ")) {
        return format!("the number {n}");
    }
    if let Some(b) = quoted("boolean ") {
        return format!("`{b}`");
    }
    if let Some(c) = quoted("character ") {
        return format!("the string \"{c}\"");
    }
    if let Some(s) = found.strip_prefix("string ") {
        return format!("the string {s}");
    }
    match found {
        "sequence" => "a list".to_string(),
        "map" => "an object".to_string(),
        "unit value" | "Option value" => "null".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{in_users_terms, json_syntax_in_words};

    #[test]
    fn json_syntax_errors_in_words_without_serdes_position() {
        let words = |text: &str| json_syntax_in_words(&serde_json::from_str::<serde_json::Value>(text).unwrap_err());
        assert_eq!(words("[1,\n"), "the text ends where a value is expected (truncated?)");
        assert_eq!(words("[1\n"), "the text ends inside a list: a `]` is missing (truncated?)");
        assert_eq!(words("{\"a\": 1"), "the text ends inside an object: a `}` is missing (truncated?)");
        assert_eq!(words("[1] x"), "more text follows the JSON value");
        assert_eq!(words("[1 2]"), "expected `,` or `]`");
    }

    fn none(_: &str) -> Option<&'static str> {
        None
    }

    fn paths(ty: &str) -> Option<&'static str> {
        (ty == "Paths").then_some("a Paths Object")
    }

    #[test]
    fn serde_forms_in_words() {
        let cases = [
            (
                "invalid type: sequence, expected struct Paths",
                "expected a Paths Object, found a list",
            ),
            ("invalid type: map, expected struct Other", "expected an object, found an object"),
            (
                "invalid type: integer `5`, expected a string",
                "expected a string, found the number 5",
            ),
            (
                "invalid type: floating point `1.5`, expected u16",
                "expected a whole number (0 or more), found the number 1.5",
            ),
            (
                "invalid type: string \"Customer\", expected a map",
                "expected an object, found the string \"Customer\"",
            ),
            ("invalid type: boolean `true`, expected a sequence", "expected a list, found `true`"),
            ("invalid type: unit value, expected a string", "expected a string, found null"),
            ("missing field `info`", "the required field `info` is missing"),
            ("duplicate field `name`", "the field `name` is given twice"),
            ("unknown variant `FOO`, expected one of `A`, `B`", "`FOO` is not one of `A`, `B`"),
            ("unknown variant `FOO`, expected `A`", "`FOO` is not `A`"),
            (
                "unknown field `x`, expected one of `a`, `b`",
                "unknown field `x`; the fields here are `a`, `b`",
            ),
            (
                "data did not match any variant of untagged enum Paths",
                "expected a Paths Object, found something else",
            ),
            (
                "data did not match any variant of untagged enum Mystery",
                "the value has none of the forms allowed here",
            ),
            ("something serde did not say", "something serde did not say"),
        ];
        for (serde, ours) in cases {
            assert_eq!(in_users_terms(serde, &paths), ours, "{serde}");
        }
        assert_eq!(
            in_users_terms("invalid type: sequence, expected struct Paths", &none),
            "expected an object, found a list"
        );
    }
}
