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
