//! The placeholder/secret corpus (tests/corpus/secrets/) through whole
//! exchanges: each header and URL line is put into a correct exchange and
//! checked as a fixture is. A placeholder gives no finding at all (no SC001,
//! and no HX004 for a value whose scheme the placeholder hid); a secret gives
//! one SC001 (and HX004 only when it names a scheme other than Bearer).

use super::checker;
use serde_json::{json, Value};

fn lines(file: &str) -> Vec<(String, String, String)> {
    std::fs::read_to_string(format!("tests/corpus/secrets/{file}"))
        .expect("corpus file")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut p = l.splitn(3, '|');
            let (kind, a, b) = (p.next()?, p.next()?, p.next().unwrap_or(""));
            matches!(kind, "header" | "url").then(|| (kind.to_string(), a.to_string(), b.to_string()))
        })
        .collect()
}

/// A correct exchange, with the header set (replacing an Authorization) or the URL used.
fn exchange(kind: &str, a: &str, b: &str) -> Value {
    let mut headers = serde_json::Map::new();
    headers.insert("Authorization".into(), json!("Bearer <redacted>"));
    headers.insert("Content-Type".into(), json!("application/json"));
    let mut request = json!({"method": "POST", "path": "/graphql/v1", "body": {"query": "{ __typename }"}});
    if kind == "header" {
        if a.eq_ignore_ascii_case("authorization") {
            headers.remove("Authorization");
        }
        headers.insert(a.to_string(), json!(b));
    } else {
        request.as_object_mut().unwrap().remove("path");
        request["url"] = json!(a);
    }
    request["headers"] = Value::Object(headers);
    json!({
        "request": request,
        "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "body": {"data": {"__typename": "Query"}}}
    })
}

/// Does the line give Authorization a scheme other than Bearer (a fault of its own)?
fn other_scheme(kind: &str, a: &str, b: &str) -> bool {
    let first = b.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    kind == "header"
        && a.eq_ignore_ascii_case("authorization")
        && b.trim().contains(' ')
        && ["basic", "token", "digest", "apikey"].contains(&first.as_str())
}

fn codes(kind: &str, a: &str, b: &str) -> Vec<String> {
    let text = serde_json::to_string_pretty(&exchange(kind, a, b)).unwrap();
    let o = checker().check_text("case.json", &text);
    let mut v: Vec<String> = o.diagnostics.iter().map(|d| d.code.as_str().to_string()).collect();
    v.sort();
    v
}

#[test]
fn placeholders_give_no_finding_in_any_header() {
    let cases = lines("placeholders.txt");
    assert!(cases.len() >= 50, "{} header and URL placeholders", cases.len());
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(k, a, b)| {
            let c = codes(k, a, b);
            // `Basic [filtered]`: the scheme is not Bearer, whatever the token
            // was (HX004, and HX011 for the data answered); never SC001.
            let want: &[&str] = if other_scheme(k, a, b) { &["HX004", "HX011"] } else { &[] };
            (c != want).then(|| format!("{a}: {b} → {c:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "placeholders with findings: {wrong:#?}");
}

#[test]
fn secrets_give_one_sc001_each() {
    let cases = lines("secrets.txt");
    assert!(cases.len() >= 40, "{} header and URL secrets", cases.len());
    let mut wrong = Vec::new();
    for (i, (k, a, b)) in cases.iter().enumerate() {
        let want: Vec<&str> = if other_scheme(k, a, b) {
            // Two faults: the scheme is not Bearer (and the server accepted
            // it: HX011), and the token is stored.
            vec!["HX004", "HX011", "SC001"]
        } else {
            vec!["SC001"]
        };
        let got = codes(k, a, b);
        if got != want {
            // The value is not printed: the line number says which.
            wrong.push(format!("line {} ({a}): {got:?}, want {want:?}", i + 1));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// A request whose variables are written as `vars` (JSON or YAML text), in a
/// fixture of that syntax: the secret codes `check` gives it (the operation
/// does not use `$v`, which is a fault of its own, not looked at here).
fn body_codes(file: &str, vars: &str) -> Vec<String> {
    let text = if file.ends_with(".json") {
        format!(
            r#"{{"request": {{"method": "POST", "path": "/graphql/v1",
  "headers": {{"Authorization": "Bearer <redacted>", "Content-Type": "application/json"}},
  "body": {{"query": "query Q($v: String) {{ __typename }}", "variables": {vars}}}}},
 "response": {{"status": 200, "headers": {{"Content-Type": "application/json"}}, "body": {{"data": {{"__typename": "Query"}}}}}}}}"#
        )
    } else {
        format!(
            "request:\n  method: POST\n  path: /graphql/v1\n  headers:\n    Authorization: Bearer <redacted>\n    Content-Type: application/json\n  body:\n    query: 'query Q($v: String) {{ __typename }}'\n    variables:\n      {vars}\nresponse:\n  status: 200\n  headers:\n    Content-Type: application/json\n  body:\n    data:\n      __typename: Query\n"
        )
    };
    let o = checker().check_text(file, &text);
    let mut v: Vec<String> = o
        .diagnostics
        .iter()
        .map(|d| d.code.as_str().to_string())
        .filter(|c| c.starts_with("SC"))
        .collect();
    v.sort();
    v
}

/// Every string of a body is looked at as decoded (a quick pass skips
/// strings that cannot hold a key): a key spelled with escapes (JSON `\u`,
/// YAML `\x` or an escaped line break) is found, nested or not, and a body
/// with no key gives nothing.
#[test]
fn body_secrets_are_found_however_they_are_written() {
    let key = "plainApiKey_Q2hhbmdlTWU5c3RyaW5n";
    let sc001: Vec<String> = vec!["SC001".into()];
    let found = [
        ("a.json", format!(r#"{{"v": "{key}"}}"#)),
        ("a.json", format!(r#"{{"v": {{"deep": ["x", "{key}"]}}}}"#)),
        ("a.json", format!(r#"{{"v": "\u0070{}"}}"#, &key[1..])),
        ("a.json", format!(r#"{{"v": "line\n{key}"}}"#)),
        (
            "a.json",
            r#"{"v": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl"}"#.to_string(),
        ),
        ("a.json", r#"{"token": "f3K9x2LmQ8vR7tY1wZ5s"}"#.to_string()),
        ("a.yaml", format!("v: {key}")),
        ("a.yaml", format!("v: \"\\x70{}\"", &key[1..])),
        ("a.yaml", format!("v: \"plainApi\\\n        {}\"", &key[8..])),
    ];
    for (file, vars) in &found {
        assert_eq!(body_codes(file, vars), sc001, "{file}: {vars}");
    }
    let clean = [
        ("a.json", r#"{"v": "plain text with no key, \"quoted\" and \\ escaped"}"#),
        ("a.json", r#"{"token": "<redacted>", "v": "eyJ-not-a-jwt"}"#),
        ("a.yaml", "v: \"plainApi Key_not joined\""),
    ];
    for (file, vars) in &clean {
        assert_eq!(body_codes(file, vars), Vec::<String>::new(), "{file}: {vars}");
    }
}
